"""Connects the scholar plugin's handlers to Pelican's signals; nothing else."""

from __future__ import annotations

from pelican import signals

from . import handlers
from .build import end_build, start_build
from .feed_items import tidy_feed
from .future_drafts import hold_back_future_posts
from .redirects import redirect_generator, remember_redirects
from .site_bibliographies import load_bibliographies


def register() -> None:
    """Connect every handler (Pelican calls this once per plugin load)."""
    signals.initialized.connect(handlers.configure)
    signals.get_generators.connect(start_build)
    signals.get_generators.connect(load_bibliographies)
    # Collections before redirects: an item's page wins over a redirect.
    signals.get_generators.connect(handlers.add_collections_generator)
    signals.get_generators.connect(redirect_generator)
    signals.content_object_init.connect(remember_redirects)
    signals.readers_init.connect(handlers.install_markdown_readers)
    signals.generator_init.connect(handlers.install_template_helpers)
    signals.article_generator_finalized.connect(hold_back_future_posts)
    signals.article_generator_finalized.connect(handlers.finalize_articles)
    signals.page_generator_finalized.connect(handlers.finalize_pages)
    signals.get_writer.connect(handlers.forget_early_summaries)
    signals.feed_generated.connect(tidy_feed)
    signals.finalized.connect(handlers.write_highlight_css)
    signals.finalized.connect(handlers.build_search_index)
    signals.finalized.connect(end_build)
