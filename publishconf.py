"""Production settings: the demo site as deployed.

``SITEURL`` comes from the ``SCHOLAR_SITEURL`` environment variable, default
``https://example.org`` (set it to your site's address, without a trailing
slash, before ``invoke preview`` or a deploy).
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SCHOLAR_SITEURL", "https://example.org").rstrip("/")
RELATIVE_URLS = False

FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
TAG_FEED_ATOM = "feeds/tag/{slug}.atom.xml"
CATEGORY_FEED_ATOM = None

# sitemap.xml (pelican-sitemap leaves hidden posts and drafts out); robots.txt
# points at it.
PLUGINS = [*PLUGINS, "pelican.plugins.sitemap"]  # noqa: F405
SITEMAP = {
    "format": "xml",
    "priorities": {"articles": 0.7, "indexes": 0.5, "pages": 0.4},
    "changefreqs": {"articles": "monthly", "indexes": "weekly", "pages": "monthly"},
    "exclude": [r"^404\.html$", r"^robots\.txt$"],
}

# Drafts are never part of a production build (check fails if one is).
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""

DELETE_OUTPUT_DIRECTORY = True
