"""Connects the scholar plugin's handlers to Pelican's signals; nothing else."""

from __future__ import annotations

from pelican import signals

from . import handlers
from .incremental import choose_writer, save_records
from .parallel import PREFETCHER


def register() -> None:
    """Connect every handler (Pelican calls this once per plugin load)."""
    signals.initialized.connect(handlers.configure)
    signals.readers_init.connect(handlers.escape_markdown_titles)
    signals.generator_init.connect(handlers.install_template_helpers)
    # Parallel reading: know the content generators, start at the first read.
    signals.article_generator_init.connect(PREFETCHER.add)
    signals.page_generator_init.connect(PREFETCHER.add)
    signals.article_generator_preread.connect(PREFETCHER.prefetch)
    signals.page_generator_preread.connect(PREFETCHER.prefetch)
    signals.article_generator_finalized.connect(handlers.finalize_articles)
    signals.page_generator_finalized.connect(handlers.finalize_pages)
    signals.finalized.connect(handlers.write_highlight_css)
    signals.finalized.connect(handlers.build_search_index)
    signals.finalized.connect(handlers.save_memo)
    # Incremental writes: render only pages whose inputs changed.
    signals.get_writer.connect(choose_writer)
    signals.finalized.connect(save_records)
    signals.finalized.connect(PREFETCHER.reset)
