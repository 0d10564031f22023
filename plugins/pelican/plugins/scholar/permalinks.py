"""Heading permalinks out of the keyboard's way and out of screen readers' speech.

Python-Markdown's ``toc`` extension, with ``permalink`` on, ends each heading
with a link to itself (``<a class="headerlink" href="#id">#</a>``): a tab
stop and a "link, #" for every heading, 15 of them on a long post, all before
the reader reaches the text they are after. :class:`PermalinkExtension` marks
each one ``aria-hidden="true"`` and ``tabindex="-1"``, as Hugo PaperMod does
with its heading anchors (``aria-hidden``, shown on hover): the link stays for
the mouse (hover, click, copy the address), while the keyboard and screen
readers skip it. The heading itself keeps its ``id``, and the table of
contents links every section by name, which is how a keyboard or screen reader
user reaches one.

:func:`quiet_permalinks` is the pure function: it rewrites the permalinks the
``toc`` extension writes (its ``permalink_class``, class first, as
Python-Markdown writes attributes in lexical order and ``class`` comes first
of ``class``, ``href``, ``title``), so the plugin's other regular expressions,
which expect that, still find them. It leaves anything else alone. The
setting ``SCHOLAR_QUIET_PERMALINKS`` (default ``True``) adds the extension to
``MARKDOWN``; the site's own ``toc`` settings (``permalink``,
``permalink_class``, ``permalink_title``) are read, never changed.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any, Final

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

if TYPE_CHECKING:
    from markdown import Markdown

#: What each permalink gets, after its ``class``.
QUIET_ATTRIBUTES: Final = ' aria-hidden="true" tabindex="-1"'
#: The extension as Python-Markdown loads it by name (settings stay picklable).
EXTENSION_NAME: Final = "pelican.plugins.scholar.permalinks:PermalinkExtension"


@cache
def _permalink_start(permalink_class: str) -> re.Pattern[str]:
    """Match the start of a permalink of ``permalink_class``, not yet quiet."""
    return re.compile(
        rf"""<a class=(["']){re.escape(permalink_class)}\1(?! aria-hidden=)"""
    )


def quiet_permalinks(html: str, permalink_class: str = "headerlink") -> str:
    """Return ``html`` with each ``toc`` permalink out of tab order and speech.

    Idempotent: a permalink already quiet is left as it is.
    """
    if permalink_class not in html:
        return html
    return _permalink_start(permalink_class).sub(
        lambda match: match.group(0) + QUIET_ATTRIBUTES, html
    )


class PermalinkPostprocessor(Postprocessor):
    """Quiet the permalinks of the ``toc`` extension run by the same Markdown."""

    def run(self, text: str) -> str:
        """Rewrite the serialized HTML (permalinks off: unchanged)."""
        try:
            toc = self.md.treeprocessors["toc"]  # a Registry: no .get()
        except KeyError:
            return text
        if not getattr(toc, "use_permalinks", False):
            return text
        return quiet_permalinks(text, getattr(toc, "permalink_class", "headerlink"))


class PermalinkExtension(Extension):
    """Register :class:`PermalinkPostprocessor` (after raw HTML is put back)."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the postprocessor."""
        md.postprocessors.register(PermalinkPostprocessor(md), "scholar_permalinks", 5)


def add_permalink_extension(settings: dict[str, Any]) -> None:
    """Add the extension to the site's ``MARKDOWN`` extensions, once."""
    markdown = settings.setdefault("MARKDOWN", {})
    extensions = markdown.setdefault("extensions", [])
    if EXTENSION_NAME not in extensions:
        extensions.append(EXTENSION_NAME)
