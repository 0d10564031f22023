"""Summaries cut from rendered HTML at an explicit marker.

Provides :func:`summary_before_marker`: the HTML before the first
``<!-- more -->`` comment (the marker text is a setting) that stands at the top
level of the document. Because the cut is only ever made between top-level
elements, the summary is as well-formed as the content it comes from. A marker
nested in any element (a ``<pre>``, a list, a ``<div>``) is not a marker, and
Markdown escapes one written in a code block, so it is no comment at all.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Final

#: Elements that never have an end tag, so never nest anything.
VOID_ELEMENTS: Final = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr",
    }
)  # fmt: skip


class _TopLevelMarkerFinder(HTMLParser):
    """Finds where the first top-level comment with a given text starts."""

    def __init__(self, marker: str) -> None:
        super().__init__(convert_charrefs=False)
        self.marker = marker.strip()
        self.found_at: tuple[int, int] | None = None
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID_ELEMENTS:
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            # Close the element and anything left open inside it.
            while self._open.pop() != tag:
                pass

    def handle_comment(self, data: str) -> None:
        if self.found_at is None and not self._open and data.strip() == self.marker:
            self.found_at = self.getpos()


def _offset(text: str, line: int, column: int) -> int:
    """Turn HTMLParser's 1-based line and 0-based column into a string index."""
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    return start + column


def summary_before_marker(html: str, marker: str = "more") -> str | None:
    """Return the HTML before the first top-level ``<!-- marker -->`` comment.

    Returns ``None`` when there is no such marker, or when nothing but
    whitespace stands before it.
    """
    finder = _TopLevelMarkerFinder(marker)
    finder.feed(html)
    finder.close()
    if finder.found_at is None:
        return None
    summary = html[: _offset(html, *finder.found_at)].strip()
    return summary or None
