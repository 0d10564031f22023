"""The new site's ``pelicanconf.py`` and ``publishconf.py``, written as Python.

Values are written with :func:`pprint.pformat`, so any text from
``_config.yml`` (quotes, backslashes, non-ASCII) is a valid Python literal.
"""

from __future__ import annotations

from pprint import pformat
from typing import Any, Final

_HEADER: Final = '''"""Settings of {site}, imported from academicpages.

Build with `pelican -s pelicanconf.py` (or `invoke build`); `publishconf.py`
adds the production address. IMPORT-REPORT.md lists what needs a hand.
"""

from pelican.plugins.scholar import theme_path
from pelican.plugins.scholar.heading_ids import {heading_ids}

THEME = theme_path()

'''

_PUBLISH: Final = '''"""Production settings: the site as deployed.

SITEURL comes from the SCHOLAR_SITEURL environment variable (the GitHub
Actions workflow sets it), else the address the old site had.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402, F403

SITEURL = os.environ.get("SCHOLAR_SITEURL", {site_url!r}).rstrip("/")
RELATIVE_URLS = False
# The address academicpages' feed had (jekyll-feed).
FEED_ALL_ATOM = {feed!r}
# Drafts (published: false, _drafts/, posts dated in the future) stay out.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
MENUITEMS = menu_items(SITEURL)  # noqa: F405
DELETE_OUTPUT_DIRECTORY = True
'''

_SITEMAP: Final = """
# sitemap.xml, as jekyll-sitemap wrote it.
PLUGINS = [*PLUGINS, "pelican.plugins.sitemap"]  # noqa: F405
SITEMAP = {
    "format": "xml",
    "exclude": [r"^404\\.html$", r"^robots\\.txt$"],
}
"""

_MENU: Final = '''

def menu_items(site_url):
    """The old site's navigation; root-relative links under the site's address."""
    return [
        (title, site_url + url if url.startswith("/") else url)
        for title, url in NAVIGATION
    ]


MENUITEMS = menu_items(SITEURL)
'''


class PythonName(str):
    """A name written into the settings file as code (a function), not text."""

    __slots__ = ()

    def __repr__(self) -> str:
        return str(self)


def _assignment(name: str, value: Any) -> str:
    """Return ``NAME = value`` as Python source, wrapped to fit 88 columns."""
    text = pformat(value, width=120 - len(name), sort_dicts=False)
    return f"{name} = {text}\n"


def pelicanconf(
    site: str,
    groups: list[tuple[str, dict[str, Any]]],
    comments: list[str],
    heading_ids: str = "gfm_heading_id",
) -> str:
    """Return ``pelicanconf.py``: each group of settings under its comment.

    ``heading_ids`` names the function of :mod:`..heading_ids` that
    ``MARKDOWN`` uses (a :class:`PythonName` in it). ``comments`` are
    appended at the end as ``#`` lines (what ``_config.yml``
    had that the new site does not use). ``NAVIGATION`` (pairs) is turned
    into ``MENUITEMS`` by a function ``publishconf.py`` calls again.
    """
    parts = [_HEADER.format(site=site, heading_ids=heading_ids)]
    for comment, settings in groups:
        if not settings:
            continue
        parts.append(f"# {comment}\n")
        parts += [_assignment(name, value) for name, value in settings.items()]
        parts.append("\n")
    parts.append(_MENU)
    if comments:
        parts.append("\n# From _config.yml, not used by the new site:\n")
        parts += [f"# {' '.join(line.split())}\n" for line in comments]
    return "".join(parts).rstrip("\n") + "\n"


def publishconf(site_url: str, feed: str, *, sitemap: bool = False) -> str:
    """Return ``publishconf.py`` for the production address ``site_url``.

    ``sitemap`` adds pelican-sitemap, for the ``sitemap.xml`` jekyll-sitemap
    wrote.
    """
    text = _PUBLISH.format(site_url=site_url, feed=feed)
    return text + _SITEMAP if sitemap else text
