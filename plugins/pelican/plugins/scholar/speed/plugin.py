"""Connects the speed plugin's handlers to Pelican's and the core's signals."""

from __future__ import annotations

from pelican import signals

from .. import plugin as core
from ..build import build_finished, build_started
from . import handlers


def register() -> None:
    """Connect the core plugin (if the site did not list it) and the speed handlers."""
    core.register()
    signals.initialized.connect(handlers.configure)
    build_started.connect(handlers.start)
    signals.article_generator_init.connect(handlers.add_generator)
    signals.page_generator_init.connect(handlers.add_generator)
    signals.article_generator_preread.connect(handlers.prefetch)
    signals.page_generator_preread.connect(handlers.prefetch)
    signals.get_writer.connect(handlers.choose_writer)
    build_finished.connect(handlers.finish)
