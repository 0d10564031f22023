"""A post's summary as the page being rendered must link it (``RELATIVE_URLS``).

The plugin gives each post a summary in its metadata; Pelican resolves the
``{filename}`` links in metadata summaries once, for the site's root, and
every page then shows those links. With ``RELATIVE_URLS = True`` a link
resolved for the root (``first-post.html``) breaks on a listing one folder
down (``tag/x.html``). Pelican's own summaries avoid this because it cuts
them from ``get_content(siteurl)``, resolved for each page.

Provides :func:`excerpt_filter`: the ``excerpt`` template filter. Without
``RELATIVE_URLS`` it is ``post.summary``. With them, a summary the plugin
extracted is extracted again from the post's content as resolved for the
page being rendered (``get_content`` with that page's ``SITEURL``), memoised
by that HTML. A summary the author wrote (``Summary:``) is shown as Pelican
resolved it, as in every Pelican theme.

A link to a place in the post (a citation's ``#ref-...``, a footnote) is a
link to that place on the post's page: a listing does not hold it. A
citation there loses its ``aria-describedby`` (the entry it names is on the
post's page) and keeps its preview.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Final

from jinja2 import pass_context

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from jinja2.runtime import Context
    from pelican.contents import Content

    from .facts import Facts

#: The attribute that marks a summary the plugin extracted from the body.
EXTRACTED: str = "scholar_summary_extracted"
#: A link's start tag whose address is a place in the post (``href="#..."``).
_FRAGMENT_LINK: Final = re.compile(r"""<a\b[^>]*\shref=(["'])#[^>]*>""")
_HREF_FRAGMENT: Final = re.compile(r"""(\shref=(["']))#""")
_DESCRIBED_BY: Final = re.compile(r"""\saria-describedby=(["'])[^"']*\1""")


def links_to_the_post(html: str, address: str) -> str:
    """Return ``html``, its links to places in the post made links to ``address``."""
    if "#" not in html:
        return html

    def relink(tag: re.Match[str]) -> str:
        start = _HREF_FRAGMENT.sub(lambda m: f"{m[1]}{address}#", tag[0], count=1)
        return _DESCRIBED_BY.sub("", start)

    return _FRAGMENT_LINK.sub(relink, html)


def excerpt_filter(
    settings: Mapping[str, Any], facts: Facts
) -> Callable[[Context, Content], str]:
    """Return the ``excerpt`` filter for a site with ``settings``."""
    relative = bool(settings.get("RELATIVE_URLS"))

    @pass_context
    def excerpt(context: Context, post: Content) -> str:
        """Return ``post``'s summary with links that work on this page."""
        siteurl = context.get("SITEURL", "")
        if not relative or not getattr(post, EXTRACTED, False):
            summary = post.summary
        else:
            summary = facts.summary(post.get_content(siteurl))
        return links_to_the_post(summary, f"{siteurl}/{post.url}")

    return excerpt
