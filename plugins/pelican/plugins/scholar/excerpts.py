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
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jinja2 import pass_context

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from jinja2.runtime import Context
    from pelican.contents import Content

    from .facts import Facts

#: The attribute that marks a summary the plugin extracted from the body.
EXTRACTED: str = "scholar_summary_extracted"


def excerpt_filter(
    settings: Mapping[str, Any], facts: Facts
) -> Callable[[Context, Content], str]:
    """Return the ``excerpt`` filter for a site with ``settings``."""
    relative = bool(settings.get("RELATIVE_URLS"))

    @pass_context
    def excerpt(context: Context, post: Content) -> str:
        """Return ``post``'s summary with links that work on this page."""
        if not relative or not getattr(post, EXTRACTED, False):
            return post.summary
        html = post.get_content(context.get("SITEURL", ""))
        return facts.summary(html)

    return excerpt
