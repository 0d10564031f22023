"""A small, fast tokenizer for the HTML that Pelican's readers produce.

Provides the regular expressions and helpers that the reading-time, summary,
description and table-of-contents modules share: :func:`read_text`, the text
a reader reads in an HTML fragment; :data:`TOKEN_RE` finds comments, raw-text elements
(``<script>``, ``<style>``, ``<template>``) and tags without building a tree;
:func:`element_end` finds where an element closes; :func:`next_start_tag`
finds the next start tag of some elements; :func:`is_math_start` and
:func:`is_atomic_start` tell which elements a reader or a summary must treat as
a whole (formulas, code blocks).

It is not a general HTML parser: it expects well-formed markup, as Markdown and
reStructuredText emit, and never needs more than a regular expression scan.
"""

from __future__ import annotations

import html as html_entities
import re
from functools import cache
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

#: A start tag's attributes: anything up to ">", where quoted values may hold
#: ">" (written as an unrolled loop, which the regex engine runs much faster).
_ATTRIBUTES: Final = r"""[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*"""

#: One token: a comment, a whole raw-text element, or a start or end tag.
TOKEN_RE: Final = re.compile(
    rf"""
      (?P<comment><!--.*?-->)
    | (?P<raw><(?P<raw_name>script|style|template)\b{_ATTRIBUTES}>
        .*?</(?P=raw_name)\s*>)
    | (?P<tag><(?P<end>/)?(?P<name>[a-zA-Z][a-zA-Z0-9:-]*)(?P<attrs>{_ATTRIBUTES})>)
    """,
    re.DOTALL | re.IGNORECASE | re.VERBOSE,
)

#: Heading permalinks as Python-Markdown's toc extension and Sphinx write them
#: (class first, plain text inside): page chrome, not text a reader reads.
PERMALINK_RE: Final = re.compile(r"""<a class=["']headerlink["'][^>]*>[^<]*</a\s*>""")

#: Any tag, for stripping.
TAG_RE: Final = re.compile(rf"</?[a-zA-Z][a-zA-Z0-9:-]*{_ATTRIBUTES}>")
COMMENT_RE: Final = re.compile(r"<!--.*?-->", re.DOTALL)
#: (Case-sensitive with both spellings listed: a case-insensitive pattern
#: runs about a third slower, and tag names come lowercase or uppercase.)
RAW_TEXT_RE: Final = re.compile(
    rf"<(script|style|template|SCRIPT|STYLE|TEMPLATE)\b{_ATTRIBUTES}>.*?</\1\s*>",
    re.DOTALL,
)
PRE_RE: Final = re.compile(
    rf"<pre\b{_ATTRIBUTES}>.*?</pre\s*>", re.DOTALL | re.IGNORECASE
)

#: Elements that never have an end tag.
VOID_ELEMENTS: Final = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr",
    }
)  # fmt: skip

#: Elements whose start or end separates words even with no whitespace
#: between them (``<li>one</li><li>two</li>`` is two words).
WORD_BREAKING_ELEMENTS: Final = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd",
        "details", "div", "dl", "dt", "figcaption", "figure", "footer", "h1",
        "h2", "h3", "h4", "h5", "h6", "header", "hr", "img", "li", "main",
        "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
        "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip


def alternation_trie(words: Iterable[str]) -> str:
    """Return a regex alternation of ``words`` factored by common prefixes.

    ``(?:a|ab|b)`` makes the engine try every word at every position;
    ``(?:ab?|b)`` decides letter by letter, which is several times faster.
    """
    heads: dict[str, list[str]] = {}
    for word in sorted(set(words)):
        heads.setdefault(word[:1], []).append(word[1:])
    branches = []
    for head, tails in heads.items():
        if head == "":
            continue
        rest = [tail for tail in tails if tail]
        inner = alternation_trie(rest) if rest else ""
        optional = "?" if "" in tails and rest else ""
        branches.append(re.escape(head) + (f"{inner}{optional}" if rest else ""))
    return f"(?:{'|'.join(branches)})"


#: Where a word-breaking tag starts (replace by " <" to keep words apart).
#: Spans, the bulk of highlighted code's tags, are turned away first; names
#: are matched lowercase or uppercase (see :data:`RAW_TEXT_RE`).
WORD_BREAKING_TAG_START_RE: Final = re.compile(
    "<(?!/?span\\b)(?=/?"
    + alternation_trie(
        [*WORD_BREAKING_ELEMENTS, *map(str.upper, WORD_BREAKING_ELEMENTS)]
    )
    + "\\b)"
)

#: Classes that rendered math carries: KaTeX (``katex``, ``katex-display``)
#: and Python-Markdown's arithmatex. ``math`` (Pelican's render-math plugin)
#: counts when it is an element's first class, as that plugin writes it.
MATH_CLASSES: Final = frozenset({"katex", "katex-display", "arithmatex"})
FIRST_MATH_CLASS: Final = "math"
#: The class of another element read as one word and never cut: a rendered
#: citation ("[1, 2]", "(Castellan et al., 2024)"), see :mod:`.post_citations`.
CITATION_CLASS: Final = "citation"

#: Start tags that may open a formula: ``<math>``, or a ``<span>``/``<div>``
#: whose class attribute mentions one of :data:`MATH_CLASSES` (a cheap test;
#: :func:`is_math_start` decides).
MATH_START_RE: Final = re.compile(
    r"<(?P<name>math\b|(?:span|div)\b(?=[^>]*\bclass\s*=\s*[\"']?[^\"'>]*"
    r"\b(?:katex|arithmatex|math|citation)\b))"
    rf"(?P<attrs>{_ATTRIBUTES})>",
    re.IGNORECASE,
)

_CLASS_RE: Final = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


#: Substrings one of which every formula :func:`is_math_start` accepts leaves
#: in the HTML (plain substring tests: far faster than any regular expression).
MATH_HINTS: Final = (
    "katex",
    "arithmatex",
    "<math",
    'class="math',
    "class='math",
    'class="citation',
)


def may_hold_math(html: str) -> bool:
    """Tell quickly whether ``html`` may hold a formula (``False``: surely not).

    (One scan for "math" rules out most documents before the precise hints.)
    """
    if "katex" in html or "arithmatex" in html or 'class="citation' in html:
        return True
    return "math" in html and any(hint in html for hint in MATH_HINTS)


def class_names(attributes: str) -> list[str]:
    """Return the class names in a start tag's attribute text, in order."""
    match = _CLASS_RE.search(attributes)
    if match is None:
        return []
    value = next(group for group in match.groups() if group is not None)
    return value.split()


def is_math_start(name: str, attributes: str) -> bool:
    """Tell whether a start tag opens a rendered formula, or a citation.

    Both are read as one word, and a summary never cuts into one.
    """
    if name.lower() == "math":
        return True
    classes = class_names(attributes)
    return bool(classes) and (
        classes[0] in (FIRST_MATH_CLASS, CITATION_CLASS)
        or not MATH_CLASSES.isdisjoint(classes)
    )


def is_atomic_start(name: str, attributes: str) -> bool:
    """Tell whether a start tag opens an element a summary must not cut into."""
    return name.lower() in {"pre", "table", "figure"} or is_math_start(name, attributes)


def iter_tokens(html: str, start: int = 0) -> Iterator[re.Match[str]]:
    """Yield the comments, raw-text elements and tags of ``html`` in order."""
    return TOKEN_RE.finditer(html, start)


def opens_element(token: re.Match[str]) -> bool:
    """Tell whether a token is a start tag that needs an end tag."""
    if token.group("tag") is None or token.group("end"):
        return False
    return token.group("name").lower() not in VOID_ELEMENTS and not token.group(
        "attrs"
    ).rstrip().endswith("/")


def element_end(html: str, start_tag: re.Match[str]) -> int:
    """Return the index just past the end tag that closes ``start_tag``.

    ``start_tag`` is a match with a ``name`` group. Nested elements of the
    same name are matched pairwise. An element never closed ends with the
    document.
    """
    name = start_tag.group("name").lower()
    depth = 1
    for token in iter_tokens(html, start_tag.end()):
        if token.group("tag") is None or token.group("name").lower() != name:
            continue
        if token.group("end"):
            depth -= 1
            if depth == 0:
                return token.end()
        elif opens_element(token):
            depth += 1
    return len(html)


@cache
def _start_tag_re(names: tuple[str, ...]) -> re.Pattern[str]:
    # One leading "<" for every branch: several times faster than a
    # comment, a raw-text element or a tag as separate alternatives.
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(
        rf"""<(?:
          (?P<skip>!--.*?-->
            | (?P<raw_name>script|style|template)\b{_ATTRIBUTES}>
              .*?</(?P=raw_name)\s*>)
        | (?P<name>{alternatives})\b(?P<attrs>{_ATTRIBUTES})>
        )""",
        re.DOTALL | re.IGNORECASE | re.VERBOSE,
    )


def next_start_tag(
    html: str, names: tuple[str, ...], position: int = 0
) -> re.Match[str] | None:
    """Return the first start tag of one of ``names`` at or after ``position``.

    Comments and raw-text elements are skipped. The match has ``name`` and
    ``attrs`` groups, as :data:`TOKEN_RE`'s tags do, so :func:`element_end`
    takes it. Scanning for a few names is much faster than for every tag.
    """
    pattern = _start_tag_re(names)
    while (match := pattern.search(html, position)) is not None:
        if match.group("name") is not None:
            return match
        position = match.end()
    return None


def _remove_formulas(html: str) -> tuple[str, int]:
    """Replace each outermost rendered formula by a space; count them."""
    if not may_hold_math(html):
        return html, 0
    pieces: list[str] = []
    formulas = 0
    position = 0
    while (start := MATH_START_RE.search(html, position)) is not None:
        if not is_math_start(start.group("name"), start.group("attrs")):
            pieces.append(html[position : start.end()])
            position = start.end()
            continue
        pieces.append(html[position : start.start()])
        pieces.append(" ")
        position = element_end(html, start)
        formulas += 1
    if not formulas:
        return html, 0
    pieces.append(html[position:])
    return "".join(pieces), formulas


def read_text(html: str, *, count_code: bool = True) -> tuple[str, int]:
    """Return the text a reader reads in ``html``, and the number of formulas.

    Formulas are taken out of the text (each is one word); code blocks too when
    ``count_code`` is false.
    """
    text = COMMENT_RE.sub(" ", html) if "<!--" in html else html
    text = RAW_TEXT_RE.sub(" ", text)
    if "headerlink" in text:
        text = PERMALINK_RE.sub("", text)
    text, formulas = _remove_formulas(text)
    if not count_code:
        text = PRE_RE.sub(" ", text)
    text = WORD_BREAKING_TAG_START_RE.sub(" <", text)
    text = TAG_RE.sub("", text)
    if "&" in text:
        text = html_entities.unescape(text)
    return text, formulas
