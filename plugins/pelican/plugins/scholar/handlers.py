"""Signal handlers: where Pelican's objects meet the plugin's pure functions.

Attributes the plugin adds to every article and page (listed, hidden, draft and
their translations):

``word_count`` (int)
    Words of the rendered text (:func:`.readtime.count_words`).
``reading_time`` (int)
    Whole minutes at ``READTIME_WPM``; ``0`` reads as "less than 1 minute".

Template variables: ``posts_by_tag`` (see :mod:`.tags`), and ``_`` when Jinja's
i18n extension is off (see :mod:`.i18n`).

Everything is computed on the generator-finalized signals from ``_content``, so
it is right for objects loaded from Pelican's content cache as well, and
summaries are set before any template or feed reads (and memoises) them.
"""

from __future__ import annotations

from itertools import chain
from typing import TYPE_CHECKING

from . import settings as scholar_settings
from .i18n import untranslated
from .readtime import count_words, reading_minutes
from .summary import summary_before_marker
from .tags import group_posts_by_tag

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pelican import Pelican
    from pelican.contents import Content
    from pelican.generators import ArticlesGenerator, Generator, PagesGenerator


def configure(pelican: Pelican) -> None:
    """Fill in the plugin's defaults and stop the build on an invalid setting."""
    scholar_settings.apply_defaults(pelican.settings)
    scholar_settings.validate(pelican.settings)


def install_gettext_fallback(generator: Generator) -> None:
    """Give templates an untranslating ``_`` unless the i18n extension set one."""
    generator.env.globals.setdefault("_", untranslated)


def annotate_content(content: Content) -> None:
    """Set ``word_count``, ``reading_time`` and a marker summary on one object."""
    settings = content.settings
    html = content._content or ""
    content.word_count = count_words(html)
    content.reading_time = reading_minutes(content.word_count, settings["READTIME_WPM"])
    if "summary" not in content.metadata:
        summary = summary_before_marker(html, settings["SCHOLAR_SUMMARY_MARKER"])
        if summary is not None:
            content.metadata["summary"] = summary
            content._summary = summary


def _annotate_all(collections: Iterable[Iterable[Content]]) -> None:
    for content in chain.from_iterable(collections):
        annotate_content(content)


def finalize_articles(generator: ArticlesGenerator) -> None:
    """Annotate every article and publish ``posts_by_tag`` to templates."""
    _annotate_all(
        (
            generator.articles,
            generator.translations,
            generator.hidden_articles,
            generator.hidden_translations,
            generator.drafts,
            generator.drafts_translations,
        )
    )
    generator.context["posts_by_tag"] = group_posts_by_tag(
        generator.articles,
        generator.hidden_articles,
        order=generator.settings["SCHOLAR_TAG_ORDER"],
    )


def finalize_pages(generator: PagesGenerator) -> None:
    """Annotate every page."""
    _annotate_all(
        (
            generator.pages,
            generator.translations,
            generator.hidden_pages,
            generator.hidden_translations,
            generator.draft_pages,
            generator.draft_translations,
        )
    )
