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
  keeps (skipped tags, the previous token's last character), visiting only
  the text tokens that hold what they may change and the tags that open or
  close a skipped element (found with ``map`` over the tokens, not a Python
  loop over each: KaTeX's HTML is mostly tags). Each of smartypants'
  conversions runs only on a token holding the character it converts
  (``--`` for dashes, ``...`` or ``. . .`` for ellipses, a quote for
  quotes, ``\`` for escapes, `````` for backticks, ``&quot;``): on any other
  token it is the identity. The conversions themselves are smartypants'
  functions;
- ``initial_quotes`` is typogrify's pattern, matched only where it can
  start (the start of the text and each ``<p``, ``<h1``-``<h6``, ``<li``,
  ``<dt``, ``<dd``) instead of at every character;
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
from bisect import bisect_right
from itertools import chain, compress
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
#: What one of smartypants' conversions can change in a text token: a
#: backslash, a quote or backtick, ``&quot;``, two dashes or an ellipsis.
_SMARTY_TRIGGER: Final = re.compile(r"""[\\'"`]|&quot;|--|\.\.\.|\. \. \.""")
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
            _smarten(parts, smartypants.Attr.default, _SKIPPED.search(section))
        if enabled["caps"]:
            _capitalise(parts)
        section = "".join(parts)
    if enabled["initial_quotes"]:
        section = _initial_quotes(section)
    if enabled["widont"]:
        section = _widont(section)
    return section


#: typogrify 2.1's initial_quotes pattern: a quote at the start of the text
#: or of a block (``<p>``, ``<h1>``-``<h6>``, ``<li>``, ``<dt>``, ``<dd>``),
#: after spaces and opening inline tags.
_INITIAL_QUOTE: Final = re.compile(
    r"""((<(p|h[1-6]|li|dt|dd)[^>]*>|^)
    \s*
    (<(a|em|span|strong|i|b)[^>]*>\s*)*)
    (("|&ldquo;|&\#8220;)|('|&lsquo;|&\#8216;))
    """,
    re.VERBOSE,
)
#: Where that pattern can match but at the start: a block's opening tag.
_BLOCK_START: Final = re.compile(r"<(?:p|h[1-6]|li|dt|dd)")


def _initial_quotes(text: str) -> str:
    """Return ``typogrify.filters.initial_quotes(text)``.

    Its pattern starts with a block's opening tag or the start of the text,
    so it is matched there only (in order, as ``sub`` finds its matches),
    instead of being tried at every character.
    """
    pieces = []
    position = 0
    starts = (found.start() for found in _BLOCK_START.finditer(text))
    for start in chain((0,), starts):
        if start < position:
            continue
        found = _INITIAL_QUOTE.match(text, start)
        if found is None:
            continue
        double = found.group(7)
        classname, quote = ("dquo", double) if double else ("quo", found.group(8))
        pieces += (text[position:start], found.group(1))
        pieces.append(f'<span class="{classname}">{quote}</span>')
        position = found.end()
    if not pieces:
        return text
    pieces.append(text[position:])
    return "".join(pieces)


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
    if "<!--" in text and any(
        tag.startswith("<!--") and "--" in _comment_body(tag) for tag in parts[1::2]
    ):
        return None
    return parts


def _comment_body(comment: str) -> str:
    """Return a comment's text as smartypants looks at it for ``--``."""
    return comment[4:].rstrip(">").rstrip().rstrip("-")


def _smarten(parts: list[str], attr: int, any_skipped: object) -> None:
    """Do what ``smartypants.smartypants`` does, token by token, in place.

    Only the text tokens holding something a conversion changes
    (:data:`_SMARTY_TRIGGER`) are visited, and only the tags that open or
    close a skipped element; every other token is left as it is, which is
    what smartypants gives back for it. ``any_skipped`` is false when no
    tag of the section can open or close a skipped element.
    """
    convert = _Conversions(attr)
    texts = parts[0::2]  # text k comes after tag k - 1
    changing = compress(range(len(texts)), map(_SMARTY_TRIGGER.search, texts))
    skipped = _skipped_spans(parts[1::2]) if any_skipped else []
    for k in changing:
        if skipped and _in_spans(skipped, k):
            continue
        parts[2 * k] = convert(texts[k], _last_character_before(texts, k))


def _skipped_spans(tags: list[str]) -> list[tuple[int, int]]:
    """Return the text tokens smartypants skips, as sorted ``(first, end)`` ranges.

    smartypants keeps a stack of the skipped elements opened (``<pre>``,
    ``<code>``, ``<script>``, ...); a closing tag pops the top one if it
    names it, and text is skipped while the stack is not empty. Text token
    ``k`` follows tag ``k - 1``.
    """
    spans: list[tuple[int, int]] = []
    stack: list[str] = []
    first = -1
    for index, tag in compress(enumerate(tags), map(_SKIPPED.match, tags)):
        found = _SKIPPED.match(tag)
        assert found is not None  # compress kept the matching tags
        name = found.group(2).lower()
        if not found.group(1):
            stack.append(name)
            if first < 0:
                first = index + 1
        elif stack and name == stack[-1]:
            stack.pop()
        if not stack and first >= 0:
            spans.append((first, index + 1))
            first = -1
    if first >= 0:
        spans.append((first, len(tags) + 1))
    return spans


def _in_spans(spans: list[tuple[int, int]], index: int) -> bool:
    """Tell whether ``index`` is in one of the sorted ``(first, end)`` ranges."""
    place = bisect_right(spans, (index, float("inf"))) - 1
    return place >= 0 and index < spans[place][1]


def _last_character_before(texts: list[str], index: int) -> str:
    """Return the last character of the last non-empty text before ``index``."""
    for previous in range(index - 1, -1, -1):
        if texts[previous]:
            return texts[previous][-1]
    return ""


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
    """Do what ``typogrify.filters.caps`` does, token by token, in place.

    caps leaves alone the text right after an opening ``<kbd>`` or
    ``<script>`` tag (any other tag ends that); only the text tokens its
    pattern can match (:data:`_CAPS_HINT`) are visited.
    """
    texts = parts[0::2]
    for k in compress(range(len(texts)), map(_CAPS_HINT.search, texts)):
        if k:
            found = _CAPS_SKIPPED.match(parts[2 * k - 1])
            if found and found.group(1) is None:
                continue
        parts[2 * k] = _CAPS_FINDER.sub(_cap_wrapper, texts[k])


#: typogrify 2.1's caps pattern: two capitals (digits between them allowed)
#: in a word, or dotted capitals ("U.S.A.").
_CAPS_FINDER: Final = re.compile(
    r"""(
    (\b[A-Z\d]*
    [A-Z]\d*[A-Z]
    [A-Z\d']*\b)
    | (\b[A-Z]+\.\s?
    (?:[A-Z]+\.\s?)+)
    (?:\s|\b|$))
""",
    re.VERBOSE,
)


def _cap_wrapper(found: re.Match[str]) -> str:
    """Wrap one match as typogrify does, keeping a dotted run's last space out."""
    if found.group(2):
        return f'<span class="caps">{found.group(2)}</span>'
    caps = found.group(3)
    if caps[-1] == " ":
        return f'<span class="caps">{caps[:-1]}</span> '
    return f'<span class="caps">{caps}</span>'
