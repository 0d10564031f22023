"""What converting one text gives: the new text, what changed, what could not be.

Shared by the body converters (Liquid, kramdown, MathJax delimiters) and the
importer that assembles their results into the report.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Finding:
    """Something in a text the conversion could not carry over by itself."""

    #: The 1-based line, in the text that was converted, where it starts.
    line: int
    #: What it is and what to do, e.g. "Liquid tag {% include toc %} left as is".
    message: str


@dataclass
class Converted:
    """A converted text, with counts of what changed and what needs a hand."""

    text: str
    #: What was converted, by kind ("Liquid {{ base_path }}": 3, "math \\(": 2).
    changes: Counter[str] = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)


class LinkResolver(Protocol):
    """Turns the old site's links into Pelican's (``{static}``, ``{filename}``)."""

    def site_path(self, path: str) -> str | None:
        """Return Pelican's link for a root-relative path of the old site.

        ``path`` is as on the old site, without ``base_path``/``site.baseurl``:
        ``/images/a.png`` or ``/publications/paper-1/`` (a query or
        ``#fragment`` kept by the caller). The answer is ``{static}/images/a.png``
        for a copied file, ``{filename}/posts/2020-01-01-x.md`` for imported
        content, or ``None`` when the path is neither.
        """
        ...

    def post_url(self, name: str) -> str | None:
        """Return Pelican's link for Jekyll's ``{% post_url name %}``.

        ``name`` is a post's file name without extension
        (``2010-07-04-my-post``, possibly with a sub-folder), answered as
        ``{filename}/posts/2010-07-04-my-post.md``, or ``None`` if unknown.
        """
        ...
