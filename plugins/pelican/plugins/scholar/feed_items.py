"""Feed entries that read right in a feed reader (Pelican's ``feed_generated`` signal).

Pelican writes each post's HTML into its feeds as the page has it. A feed
reader shows it away from the page, so:

* a link to a place in the post (``href="#fn:1"``, a citation's
  ``#ref-...``) or to a root-relative address (``/images/x.png``) is made
  absolute against the post's own address, as a browser on the page would
  resolve it;
* the heading permalinks (the ``#`` signs Markdown's ``toc`` extension adds,
  class ``headerlink``) are left out: in a reader they are a stray ``#``;
* an RSS ``<guid>`` is Pelican's ``tag:`` URI, which is no address: it says
  so (``isPermaLink="false"``), as RSS 2.0 asks, and feed validators check.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urljoin

if TYPE_CHECKING:
    from collections.abc import Mapping

#: An ``href`` or ``src`` attribute whose value is a fragment or root-relative.
_LOCAL_ADDRESS: Final = re.compile(r"""(\s(?:href|src)=)(["'])([#/](?!/)[^"']*)\2""")
#: A heading permalink as Markdown's toc extension writes it.
_PERMALINK: Final = re.compile(r'<a\b[^>]*\bclass="headerlink"[^>]*>.*?</a>', re.S)
#: The feed item fields that hold HTML.
_HTML_FIELDS: Final = ("description", "content")


def readable_item_html(html: str, address: str) -> str:
    """Return a post's HTML for a feed: local links absolute, permalinks gone."""
    html = _PERMALINK.sub("", html)
    return _LOCAL_ADDRESS.sub(
        lambda found: f"{found[1]}{found[2]}{urljoin(address, found[3])}{found[2]}",
        html,
    )


def tidy_feed(context: Mapping[str, Any], feed: Any) -> None:
    """Rewrite every item of a feed Pelican made (``feed_generated``)."""
    for item in getattr(feed, "items", ()):
        address = item.get("link") or ""
        for name in _HTML_FIELDS:
            if item.get(name):
                item[name] = readable_item_html(str(item[name]), address)
        unique_id = str(item.get("unique_id") or "")
        if unique_id and not unique_id.startswith(("http://", "https://")):
            item["unique_id_is_permalink"] = False
