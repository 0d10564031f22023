"""A post's table of contents, from the ``id``-carrying headings of its HTML.

Provides :func:`table_of_contents`. Headings get ``id`` attributes from
Python-Markdown's ``toc`` extension (or reStructuredText's sections); headings
without one cannot be linked and are left out. The plugin stores the result as
``toc_entries`` on every article and page; the theme shows it when a post has
at least two entries.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from .readtime import read_text

_HEADING_RE: Final = re.compile(
    r"<h(?P<level>[1-6])\b(?P<attrs>[^>]*)>(?P<inner>.*?)</h(?P=level)\s*>",
    re.DOTALL | re.IGNORECASE,
)
_ID_RE: Final = re.compile(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_PERMALINK_RE: Final = re.compile(
    r"""<a\b[^>]*class\s*=\s*["'][^"']*\bheaderlink\b[^>]*>.*?</a\s*>""",
    re.DOTALL | re.IGNORECASE,
)


class Heading(NamedTuple):
    """One entry of a table of contents."""

    level: int
    anchor: str
    text: str


def table_of_contents(html: str, levels: tuple[int, ...] = (2, 3)) -> list[Heading]:
    """Return the headings of ``levels`` that carry an ``id``, in order."""
    entries = []
    for match in _HEADING_RE.finditer(html):
        level = int(match.group("level"))
        anchor = _ID_RE.search(match.group("attrs"))
        if level not in levels or anchor is None:
            continue
        inner = _PERMALINK_RE.sub("", match.group("inner"))
        text, _ = read_text(inner)
        entries.append(
            Heading(level, anchor.group(1) or anchor.group(2), " ".join(text.split()))
        )
    return entries
