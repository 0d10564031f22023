"""A post's table of contents: the theme's, or the one the post has itself.

Provides :func:`table_of_contents`, the headings of a rendered body that can
be linked to: a heading with an ``id`` (Python-Markdown's ``toc`` extension
gives them), or the first thing in a section that has one (reStructuredText
writes ``<div class="section" id="...">`` around each section and its
heading). Other headings are left out. The plugin stores them as
``toc_entries`` on every article and page.

A post may hold its own table of contents (:func:`is_toc_start`):
Python-Markdown's ``[TOC]`` (``<div class="toc">``) or reStructuredText's
``.. contents::`` (``<div class="contents topic">``, or ``<nav
class="contents">`` from docutils' HTML5 writer). :func:`shows_theme_toc`
decides, in one place, whether the theme shows its own: with two entries or
more, unless the post has its own; metadata ``toc: false`` turns it off and
``toc: true`` turns it on (with one entry or more) whatever the body holds.
The plugin stores the decision as ``show_toc``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final, NamedTuple

from .htmltokens import class_names, next_start_tag, read_text

if TYPE_CHECKING:
    from collections.abc import Sequence

_HEADING_RE: Final = re.compile(
    r"<h(?P<level>[1-6])\b(?P<attrs>[^>]*)>(?P<inner>.*?)</h(?P=level)\s*>",
    re.DOTALL | re.IGNORECASE,
)
_ID_RE: Final = re.compile(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)')""")
#: A section's start tag right before a heading (searched up to the heading).
_SECTION_START_RE: Final = re.compile(
    r"<(?P<name>div|section)\b(?P<attrs>[^>]*)>\s*\Z", re.IGNORECASE
)
#: How far before a heading its section's start tag may begin.
_SECTION_LOOKBEHIND: Final = 300
_PERMALINK_RE: Final = re.compile(
    r"""<a\b[^>]*class\s*=\s*["'][^"']*\bheaderlink\b[^>]*>.*?</a\s*>""",
    re.DOTALL | re.IGNORECASE,
)

#: Elements that hold a post's own table of contents, and their classes.
TOC_ELEMENTS: Final = ("div", "nav")
TOC_CLASSES: Final = frozenset({"toc", "contents"})
#: Metadata values of ``toc``, lowercased.
_YES: Final = frozenset({"true", "yes", "on", "1"})
_NO: Final = frozenset({"false", "no", "off", "0"})


class Heading(NamedTuple):
    """One entry of a table of contents."""

    level: int
    anchor: str
    text: str


def _section_anchor(html: str, heading_start: int) -> re.Match[str] | None:
    """Return the ``id`` of the section a heading opens, if it has one."""
    section = _SECTION_START_RE.search(
        html, max(0, heading_start - _SECTION_LOOKBEHIND), heading_start
    )
    if section is None:
        return None
    attributes = section.group("attrs")
    if section.group("name").lower() == "div" and "section" not in class_names(
        attributes
    ):
        return None
    return _ID_RE.search(attributes)


def _linkable_headings(html: str) -> list[Heading]:
    """Return every heading of ``html`` that can be linked to, in order."""
    entries = []
    for match in _HEADING_RE.finditer(html):
        anchor = _ID_RE.search(match.group("attrs")) or _section_anchor(
            html, match.start()
        )
        if anchor is None:
            continue
        inner = _PERMALINK_RE.sub("", match.group("inner"))
        text, _ = read_text(inner)
        entries.append(
            Heading(
                int(match.group("level")),
                anchor.group(1) or anchor.group(2),
                " ".join(text.split()),
            )
        )
    return entries


def toc_levels(headings: Sequence[Heading]) -> tuple[int, int]:
    """Return the two heading levels a table of contents lists.

    ``h2`` and ``h3``, as the page's title is its ``h1``; a post sectioned
    with ``h1`` headings, two or more (as many Jekyll posts are: kramdown's
    ``toc_levels`` start at 1), lists ``h1`` and ``h2``. One ``h1`` is a
    title repeated in the body, not a section.
    """
    sections = sum(heading.level == 1 for heading in headings)
    return (1, 2) if sections >= 2 else (2, 3)


def table_of_contents(
    html: str, levels: tuple[int, ...] | None = None
) -> list[Heading]:
    """Return the headings of ``levels`` that can be linked to, in order.

    Without ``levels``, :func:`toc_levels` chooses them from the headings.
    """
    headings = _linkable_headings(html)
    wanted = levels if levels is not None else toc_levels(headings)
    return [heading for heading in headings if heading.level in wanted]


def is_toc_start(name: str, attributes: str) -> bool:
    """Tell whether a start tag opens a table of contents written in the post."""
    return name.lower() in TOC_ELEMENTS and not TOC_CLASSES.isdisjoint(
        class_names(attributes)
    )


def has_own_toc(html: str) -> bool:
    """Tell whether a rendered body holds its own table of contents."""
    if "toc" not in html and "contents" not in html:
        return False
    position = 0
    while (tag := next_start_tag(html, TOC_ELEMENTS, position)) is not None:
        if is_toc_start(tag.group("name"), tag.group("attrs")):
            return True
        position = tag.end()
    return False


def toc_choice(value: object) -> bool | None:
    """Read ``toc`` metadata: ``True``, ``False``, or ``None`` when not given.

    Accepts booleans and, in any case, true/yes/on/1 and false/no/off/0.
    Raises :class:`ValueError` on anything else.
    """
    if value is None or isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    msg = f"expected true or false, not {value!r}"
    raise ValueError(msg)


def shows_theme_toc(
    entries: Sequence[Heading],
    *,
    own_toc: bool,
    choice: bool | None = None,
    enabled: bool = True,
) -> bool:
    """Decide whether the theme shows its table of contents for a post.

    ``choice`` is the post's ``toc`` metadata (:func:`toc_choice`): ``False``
    never, ``True`` whenever there is an entry. Without it, the theme shows
    one for two entries or more, unless the post has its own (``own_toc``)
    or the site turned tables of contents off (``enabled``, ``SCHOLAR_TOC``).
    """
    if choice is not None:
        return choice and len(entries) > 0
    return enabled and not own_toc and len(entries) > 1
