"""A post held back by ``WITH_FUTURE_DATES = False`` is not written at its own URL.

Pelican makes a post dated in the future a draft when ``WITH_FUTURE_DATES``
is off, but a ``save_as``/``url`` in its metadata still wins over
``DRAFT_SAVE_AS``: the unpublished post is written at its public address
(and, in production with ``DRAFT_SAVE_AS = ""``, written anyway). Jekyll
keeps such posts out of the site. :func:`hold_back_future_posts` gives such
drafts Pelican's draft URL until their date comes; a post whose metadata says
``status: draft`` is left as its author wrote it.
"""

from __future__ import annotations

from itertools import chain
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pelican.contents import Article
    from pelican.generators import ArticlesGenerator

_OVERRIDES = ("override_save_as", "override_url")


def is_held_back(article: Article) -> bool:
    """Tell whether ``article`` is a draft only because its date is ahead."""
    written = str(article.metadata.get("status", "")).lower()
    return article.status == "draft" and written != "draft"


def hold_back_future_posts(generator: ArticlesGenerator) -> None:
    """Drop the ``save_as``/``url`` overrides of posts held back by their date."""
    for article in chain(generator.drafts, generator.drafts_translations):
        if is_held_back(article):
            for name in _OVERRIDES:
                if hasattr(article, name):
                    delattr(article, name)
