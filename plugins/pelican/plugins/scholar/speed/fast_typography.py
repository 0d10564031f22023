r"""typogrify's ``typogrify`` filter, the same bytes at a fraction of its cost.

``typogrify.filters.typogrify`` splits the HTML into sections (those inside
``TYPOGRIFY_IGNORE_TAGS`` are left alone) and runs five filters on each
processed section, one after the other: ``amp``, ``smartypants``, ``caps``,
``initial_quotes`` and ``widont``. Each filter scans the whole section
again; ``smartypants`` and ``caps`` each tokenise it into tags and text, and
``smartypants`` runs about twenty regular expressions over every text token,
most of which cannot match it. :func:`typogrify` here gives the same output
for the same arguments, with less work:

- the sections are typogrify's own (:func:`typogrify.filters.process_ignores`);
- ``amp`` runs only when its pattern occurs in the section: where it does
  not, typogrify's ``amp`` gives its input back unchanged (its pattern has
  no anchors, so a match in a piece of the section is a match in it);
- the section is tokenised once (smartypants' own tokeniser). ``smartypants``
  and ``caps`` then go over the same tokens, with the state each of them
  keeps (skipped tags, the previous token's last character), and each of
  smartypants' conversions runs only on a token holding the character it
  converts (``--`` for dashes, ``...`` or ``. . .`` for ellipses, a
  quote for quotes, ``\`` for escapes, `````` for backticks, ``&quot;``):
  on any other token it is the identity. The conversions themselves are
  smartypants' functions;
- ``initial_quotes`` is typogrify's own, on the result;
- ``widont`` looks only at the end of each block. Its pattern replaces the
  spaces before the last word of a block (a ``</p>``, ``</h1>``-``</h6>``,
  ``</li>``, ``</dt>`` or ``</dd>``, or the end of the text), and nothing
  in a match can be such a closing tag but its end; so the text is cut
  after each of them, and the pattern, written backwards, is matched once
  at the start of each piece turned around, instead of being tried at
  every word of the text (:func:`_widont`).

The one input this does not handle is a ``<`` in what the tokeniser calls
text (a comment holding ``--``, which smartypants treats as text, or a
``<`` that opens no tag): smartypants may change it into something
``caps`` would tokenise differently. Such a section, and any call with
arguments or smartypants modes outside Pelican's (entity conversion), is
given to typogrify itself, and counted in :data:`FALLBACKS`. Equality with typogrify
is checked by differential tests (``tests/test_fast_typography.py``).
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from collections.abc import Iterable

#: The filters typogrify applies, in its order.
FILTERS: Final = ("amp", "smartypants", "caps", "initial_quotes", "widont")
#: typogrify's amp pattern: an ampersand between spaces.
_AMP: Final = re.compile(r"(\s|&nbsp;)(&|&amp;|&\#38;)(\s|&nbsp;)")
#: smartypants' skipped elements.
_SKIPPED: Final = re.compile(
    r"<(/)?(pre|samp|code|tt|kbd|script|style|math)[^>]*>", re.I
)
#: The elements whose text caps leaves alone.
_CAPS_SKIPPED: Final = re.compile("<(/)?(?:kbd|script)[^>]*>", re.IGNORECASE)
#: Cheap test: can caps' pattern match this text at all?
_CAPS_HINT: Final = re.compile(r"[A-Z]\d*[A-Z]|[A-Z]\.")
_NOT_SPACE: Final = re.compile(r"\S")
#: An apostrophe that is not between two ASCII letters.
_LONE_APOSTROPHE: Final = re.compile(r"(?<![A-Za-z])'|'(?![A-Za-z])")
#: smartypants' tokeniser, as a split: text and tags alternate.
_TAGS: Final = re.compile(r"(<!--.*?--\s*>|<[^>]*>)", re.S)
#: The letters ``re.IGNORECASE`` takes for ASCII ones, which ``str.lower``
#: does not change into them (dotted and dotless i, long s, Kelvin sign).
_FOLDS: Final = ("\u0130", "\u0131", "\u017f", "\u212a")
_FOLD_TABLE: Final = str.maketrans(
    {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
)
#: The closing tags that end a block for widont.
_BLOCK_END: Final = re.compile(r"</(?:p|h[1-6]|li|dt|dd)>")
#: widont's pattern backwards, from the end of a block: the closing tag (or
#: none, at the end of the text), closing inline tags and spaces, the last
#: word, the spaces to replace, and what precedes them (a character that is
#: no space and no tag, or an inline tag).
_WIDONT_BACKWARDS: Final = re.compile(
    r"(?:>(?:p|[1-6]h|il|td|dd)/<)?"
    r"(?:\s*>(?:a|me|naps|gnorts|i|b)/<)*\s*"
    r"[^<>\s]+"
    r"(?P<spaces>\s+)"
    r"(?:[^<>\s]|>[^>]*(?:a|me|naps|gnorts|i|b)/?<)"
)


class Fallbacks:
    """Counts the texts given to typogrify itself."""

    def __init__(self) -> None:
        self.count = 0


#: How many sections or calls were given to typogrify itself, in this process.
FALLBACKS: Final = Fallbacks()


def typogrify(
    text: str, ignore_tags: Iterable[str] | None = None, **kwargs: Any
) -> str:
    """Return what ``typogrify.filters.typogrify(text, ignore_tags, **kwargs)`` does."""
    from typogrify import filters  # noqa: PLC0415 - only sites with TYPOGRIFY

    original = filters.typogrify
    original = getattr(original, "wrapped", original)
    enabled = {name: kwargs.pop(name, True) for name in FILTERS}
    if kwargs or not _handled_mode():
        FALLBACKS.count += 1
        return original(text, ignore_tags, **enabled, **kwargs)
    parts = []
    for section, process in _sections(text, ignore_tags):
        if not process:
            parts.append(section)
            continue
        processed = _filter_section(section, enabled)
        if processed is None:
            FALLBACKS.count += 1
            processed = filters.applyfilters(section, **enabled)
        parts.append(processed)
    return "".join(parts)


def _sections(text: str, ignore_tags: Iterable[str] | None) -> list[tuple[str, bool]]:
    """Return ``typogrify.filters.process_ignores(text, ignore_tags)``.

    typogrify's pattern is tried at every ``<`` of the text, which costs
    most on formula-heavy HTML. A match can only start at a ``<`` followed
    by an ignored tag's name, or at a ``<`` of a tag holding the class or id
    an ignored selector names; so the same compiled pattern (typogrify's
    own, :func:`_ignore_finder`) is tried at those places only, in order,
    as ``finditer`` would find them. The letters that pattern's
    ``IGNORECASE`` takes for ASCII ones (dotless i, long s, ...) are folded into
    them before the search. Names and selectors that are not plain words,
    text whose lower case has another length, and two selectors (which
    typogrify cannot compile) go to ``process_ignores`` itself.
    """
    from typogrify import filters  # noqa: PLC0415

    names = {"pre", "code", *(tag.strip() for tag in ignore_tags or ())}
    needles = [_needle(name) for name in names]
    selectors = sum(1 for name in names if "." in name or "#" in name)
    folds = any(letter in text for letter in _FOLDS)
    lowered = (text.translate(_FOLD_TABLE) if folds else text).lower()
    if selectors > 1 or None in needles or len(lowered) != len(text):
        return filters.process_ignores(text, ignore_tags)
    starts = _possible_starts(lowered, needles)  # type: ignore[arg-type]
    if not starts:
        return [(text, True)] if text else []
    finder = _ignore_finder(None if ignore_tags is None else tuple(ignore_tags))
    sections = []
    position = 0
    for start in starts:
        if start < position:
            continue
        found = finder.match(text, start)
        if found is None:
            continue
        if position != start:
            sections.append((text[position:start], True))
        sections.append((text[start : found.end()], False))
        position = found.end()
    if position < len(text):
        sections.append((text[position:], True))
    return sections


_PLAIN_NAME: Final = re.compile(r"[a-z0-9_-]+")


def _needle(name: str) -> tuple[str, bool] | None:
    """Return what marks where an ignored tag or selector may start.

    ``("<pre", False)`` for a tag name, ``("katex", True)`` for ``.katex``,
    ``span.katex`` or ``#katex``; ``None`` when it is not a plain word.
    """
    selector = "." in name or "#" in name
    word = re.split(r"[.#]", name, maxsplit=1)[1] if selector else name
    word = word.lower()
    if not _PLAIN_NAME.fullmatch(word):
        return None
    return (word, True) if selector else ("<" + word, False)


def _possible_starts(lowered: str, needles: list[tuple[str, bool]]) -> list[int]:
    """Return, in order, the places where an ignored section may start."""
    starts: set[int] = set()
    for needle, in_tag in needles:
        index = lowered.find(needle)
        while index != -1:
            if not in_tag:
                starts.add(index)
            else:  # every "<" of the tag the word is in
                opening = lowered.rfind(">", 0, index) + 1
                tag_start = lowered.find("<", opening, index)
                while tag_start != -1:
                    starts.add(tag_start)
                    tag_start = lowered.find("<", tag_start + 1, index)
            index = lowered.find(needle, index + 1)
    return sorted(starts)


@functools.lru_cache(maxsize=64)
def _ignore_finder(ignore_tags: tuple[str, ...] | None) -> re.Pattern[str]:
    """Return the pattern ``process_ignores`` compiles for these ignore tags.

    Taken from typogrify itself, not rebuilt: ``process_ignores`` runs once
    on an empty text with the ``re`` module it uses standing in by a
    recorder of what it compiles.
    """
    from typogrify import filters  # noqa: PLC0415

    compiled: list[re.Pattern[str]] = []

    class _Recorder:
        def __getattr__(self, name: str) -> Any:
            return getattr(re, name)

        def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
            found = re.compile(pattern, flags)
            compiled.append(found)
            return found

    saved = filters.re
    filters.re = _Recorder()  # type: ignore[assignment]
    try:
        filters.process_ignores("", None if ignore_tags is None else list(ignore_tags))
    finally:
        filters.re = saved
    return compiled[-1]


def _handled_mode() -> bool:
    """Tell whether smartypants' current mode is one this module reproduces."""
    import smartypants  # noqa: PLC0415

    return not smartypants.Attr.default & smartypants.Attr.mask_o


def _filter_section(section: str, enabled: dict[str, bool]) -> str | None:
    """Apply the enabled filters to one section, or ``None`` if not handled."""
    import smartypants  # noqa: PLC0415
    from typogrify import filters  # noqa: PLC0415

    if enabled["amp"] and _may_hold_amp(section) and _AMP.search(section):
        section = filters.amp(section)
    if enabled["smartypants"] or enabled["caps"]:
        parts = _tokenize(section)
        if parts is None:
            return None
        if enabled["smartypants"]:
            _smarten(parts, smartypants.Attr.default)
        if enabled["caps"] and _CAPS_HINT.search(section):
            _capitalise(parts)
        section = "".join(parts)
    if enabled["initial_quotes"]:
        section = filters.initial_quotes(section)
    if enabled["widont"]:
        section = _widont(section)
    return section


def _may_hold_amp(text: str) -> bool:
    """Tell whether an ``&`` follows a space or ``;`` (``&nbsp;``) in ``text``.

    A cheap necessary condition for typogrify's amp pattern.
    """
    index = text.find("&", 1)
    while index != -1:
        before = text[index - 1]
        if before == ";" or before.isspace():
            return True
        index = text.find("&", index + 1)
    return False


def _widont(text: str) -> str:
    """Return ``typogrify.filters.widont(text)``, looking only at block ends."""
    pieces = []
    start = 0
    ends = [found.end() for found in _BLOCK_END.finditer(text)]
    if not ends or ends[-1] != len(text):
        ends.append(len(text))
    for end in ends:
        pieces.append(_widont_piece(text[start:end]))
        start = end
    return "".join(pieces)


def _widont_piece(piece: str) -> str:
    """Replace the spaces before the last word of one block with ``&nbsp;``."""
    found = _WIDONT_BACKWARDS.match(piece[::-1])
    if found is None:
        return piece
    spaces_start = len(piece) - found.end("spaces")
    spaces_end = len(piece) - found.start("spaces")
    return piece[:spaces_start] + "&nbsp;" + piece[spaces_end:]


def _tokenize(text: str) -> list[str] | None:
    """Split ``text`` into the tokens of smartypants' tokeniser.

    Text and tags alternate: text at even places (possibly empty, where
    smartypants has no token), tags at odd ones. ``None`` where a ``<``
    would be text to smartypants (see the module's docstring).
    """
    parts = _TAGS.split(text)
    if "<" in "".join(parts[0::2]):
        return None
    for tag in parts[1::2]:
        if tag.startswith("<!--") and "--" in _comment_body(tag):
            return None
    return parts


def _comment_body(comment: str) -> str:
    """Return a comment's text as smartypants looks at it for ``--``."""
    return comment[4:].rstrip(">").rstrip().rstrip("-")


def _smarten(parts: list[str], attr: int) -> None:
    """Do what ``smartypants.smartypants`` does, token by token, in place."""
    convert = _Conversions(attr)
    skipped: list[str] = []
    in_skipped = False
    previous_last = ""
    for index, text in enumerate(parts):
        if index % 2:
            found = _SKIPPED.match(text)
            if found:
                if not found.group(1):
                    skipped.append(found.group(2).lower())
                    in_skipped = True
                else:
                    if skipped and found.group(2).lower() == skipped[-1]:
                        skipped.pop()
                    if not skipped:
                        in_skipped = False
            continue
        if not text:
            continue  # no token
        if not in_skipped:
            parts[index] = convert(text, previous_last)
        previous_last = text[-1:]


class _Conversions:
    """smartypants' conversions of one text token for a mode, in its order.

    Each runs only where the text holds what it converts; elsewhere it is
    the identity. A token whose only quotes are apostrophes between two
    letters (``it's``) gets ``&#8217;`` for each, which is what
    ``smartypants.convert_quotes`` gives them, without its dozen patterns.
    """

    def __init__(self, attr: int) -> None:
        import smartypants as sp  # noqa: PLC0415

        attrs = sp.Attr
        self.sp = sp
        self.quot = bool(attr & attrs.w)
        self.dashes = {
            attrs.d: sp.convert_dashes,
            attrs.D: sp.convert_dashes_oldschool,
            attrs.i: sp.convert_dashes_oldschool_inverted,
        }.get(attr & attrs.mask_d)
        self.ellipses = bool(attr & attrs.e)
        self.backticks = attr & attrs.mask_b == attrs.b
        self.single_backticks = attr & attrs.mask_b == attrs.B
        self.quotes = bool(attr & attrs.q)

    def __call__(self, text: str, previous_last: str) -> str:
        """Convert ``text``, the text token after one ending in ``previous_last``."""
        sp = self.sp
        if "\\" in text:
            text = sp.process_escapes(text)
        if self.quot and "&quot;" in text:
            text = text.replace("&quot;", '"')
        if self.dashes is not None and "--" in text:
            text = self.dashes(text)
        if self.ellipses and ("..." in text or ". . ." in text):
            text = sp.convert_ellipses(text)
        if self.backticks and ("``" in text or "''" in text):
            text = sp.convert_backticks(text)
        if self.single_backticks and ("`" in text or "'" in text):
            text = sp.convert_single_backticks(text)
        if self.quotes and ("'" in text or '"' in text):
            if text in {"'", '"'}:
                closing = bool(_NOT_SPACE.match(previous_last))
                if text == "'":
                    return "&#8217;" if closing else "&#8216;"
                return "&#8221;" if closing else "&#8220;"
            if '"' not in text and not _LONE_APOSTROPHE.search(text):
                return text.replace("'", "&#8217;")
            text = sp.convert_quotes(text)
        return text


def _capitalise(parts: list[str]) -> None:
    """Do what ``typogrify.filters.caps`` does, token by token, in place."""
    cap_finder, wrapper = _caps_pattern()
    in_skipped = False
    for index, text in enumerate(parts):
        if index % 2:
            found = _CAPS_SKIPPED.match(text)
            in_skipped = bool(found) and found.group(1) is None
        elif text and not in_skipped and _CAPS_HINT.search(text):
            parts[index] = cap_finder.sub(wrapper, text)


def _caps_pattern() -> tuple[re.Pattern[str], Any]:
    """Return typogrify's caps pattern and replacement (from its source, once)."""
    global _CAPS  # noqa: PLW0603 - computed once
    if _CAPS is None:
        _CAPS = (re.compile(_CAPS_SOURCE, re.VERBOSE), _cap_wrapper)
    return _CAPS


#: typogrify 2.1's caps pattern: two capitals (digits between them allowed)
#: in a word, or dotted capitals ("U.S.A.").
_CAPS_SOURCE: Final = r"""(
    (\b[A-Z\d]*
    [A-Z]\d*[A-Z]
    [A-Z\d']*\b)
    | (\b[A-Z]+\.\s?
    (?:[A-Z]+\.\s?)+)
    (?:\s|\b|$))
"""
_CAPS: tuple[re.Pattern[str], Any] | None = None


def _cap_wrapper(found: re.Match[str]) -> str:
    """Wrap one match as typogrify does, keeping a dotted run's last space out."""
    if found.group(2):
        return f'<span class="caps">{found.group(2)}</span>'
    caps = found.group(3)
    if caps[-1] == " ":
        return f'<span class="caps">{caps[:-1]}</span> '
    return f'<span class="caps">{caps}</span>'
