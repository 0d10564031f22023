"""Reading time of rendered HTML, by the Minimal Mistakes rule.

Provides :func:`count_words` (the words a reader reads in an HTML fragment) and
:func:`reading_minutes` (whole minutes at a reading speed). The plugin stores
the results on every article and page as ``word_count`` and ``reading_time``;
the theme turns ``reading_time`` into "N minute read".
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Final

#: Elements whose text a reader never reads.
UNREAD_ELEMENTS: Final = frozenset({"script", "style", "template"})

#: Elements that separate words even when the HTML has no whitespace between
#: them (``<li>one</li><li>two</li>`` is two words, not "onetwo").
WORD_BREAKING_ELEMENTS: Final = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "caption", "dd",
        "details", "div", "dl", "dt", "figcaption", "figure", "footer", "h1",
        "h2", "h3", "h4", "h5", "h6", "header", "hr", "img", "li", "main",
        "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
        "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip


class _ReadTextCollector(HTMLParser):
    """Collects the text of an HTML fragment that a reader reads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._unread_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in UNREAD_ELEMENTS:
            self._unread_depth += 1
        elif tag in WORD_BREAKING_ELEMENTS:
            self.chunks.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in WORD_BREAKING_ELEMENTS:
            self.chunks.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in UNREAD_ELEMENTS:
            self._unread_depth = max(0, self._unread_depth - 1)
        elif tag in WORD_BREAKING_ELEMENTS:
            self.chunks.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._unread_depth:
            self.chunks.append(data)


def read_text(html: str) -> str:
    """Return the text a reader reads in ``html``: tags stripped, entities decoded.

    Comments and the contents of ``<script>``, ``<style>`` and ``<template>``
    are left out.
    """
    collector = _ReadTextCollector()
    collector.feed(html)
    collector.close()
    return "".join(collector.chunks)


def count_words(html: str) -> int:
    """Count the whitespace-separated words of the text a reader reads in ``html``."""
    return len(read_text(html).split())


def reading_minutes(word_count: int, words_per_minute: int) -> int:
    """Return whole minutes to read ``word_count`` words: ``words // wpm``.

    ``0`` means "less than 1 minute"; the theme words it that way.
    """
    if words_per_minute <= 0:
        msg = f"words_per_minute must be positive, not {words_per_minute}"
        raise ValueError(msg)
    return max(0, word_count) // words_per_minute
