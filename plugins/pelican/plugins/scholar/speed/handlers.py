"""The speed plugin's signal handlers: start, wire and finish its work for a build."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from . import (
    katex_renders,
    katex_start,
    output_locations,
    source_paths,
    static_links,
    theme_files,
)
from . import settings as speed_settings
from .compiled_templates import skip_template_checks, use_compiled_templates
from .incremental import IncrementalWriter
from .internals import unsupported_reason
from .state import EXTENSION, SpeedBuild, memo_path, speed_of
from .typography import install_memo, remove_memo

if TYPE_CHECKING:
    from pelican import Pelican
    from pelican.generators import Generator
    from pelican.writers import Writer

    from ..build import Build

logger = logging.getLogger(__name__)
#: Whether this process said already what it does not do for pelican-katex.
_katex_warned = False


def configure(pelican: Pelican) -> None:
    """Check the speed settings, and that Pelican's internals are as expected.

    When they are not, say so once: the build goes on without the plugin.
    """
    settings = pelican.settings
    speed_settings.apply_defaults(settings)
    speed_settings.validate(settings)
    reason = unsupported_reason()
    if reason is not None:
        logger.warning(
            "pelican.plugins.scholar.speed steps aside: %s. The site is built"
            " the same, without parallel reading, typography memo or"
            " incremental writes",
            reason,
        )


def start(build: Build) -> None:
    """Add the speed state to a build that is starting, if Pelican is supported."""
    if unsupported_reason() is not None:
        return
    output_locations.remove_memo()  # left by a build that raised, if any
    speed = SpeedBuild.start(build)
    build.extensions[EXTENSION] = speed
    use_compiled_templates(build.settings)
    skip_template_checks(build.settings)
    source_paths.install_memo()
    static_links.install_skip()
    _keep_katex_renders()
    if build.settings.get("LOAD_CONTENT_CACHE"):
        speed.theme_files = theme_files.install_skip()
    if build.settings.get("TYPOGRIFY"):
        speed.typography = install_memo(speed.memo)


def _keep_katex_renders() -> None:
    """Remember pelican-katex's renders and connect to its server once it listens.

    When pelican-katex is not as expected, one warning per process says what
    is not done and why.
    """
    global _katex_warned  # noqa: PLW0603 - one warning per process
    reasons = [
        (what, reason)
        for what, reason in (
            ("remember KaTeX renders", katex_renders.install_memo()),
            ("wait for KaTeX's server to listen", katex_start.install_retry()),
        )
        if reason is not None
    ]
    if reasons and not _katex_warned:
        _katex_warned = True
        for what, reason in reasons:
            logger.warning(
                "pelican.plugins.scholar.speed does not %s: %s", what, reason
            )


def add_generator(generator: Generator) -> None:
    """Remember a content generator, whose files will be read in parallel."""
    speed = speed_of(generator.settings)
    if speed is not None:
        speed.prefetcher.add(generator)


def prefetch(generator: Generator) -> None:
    """Read the content files in worker processes, before Pelican's first read."""
    speed = speed_of(generator.settings)
    if speed is not None:
        speed.prefetcher.prefetch()


def choose_writer(pelican: Pelican) -> type[Writer] | None:
    """Offer the incremental writer when it is on and the content cache is.

    Pelican asks once every generator has finished its context: from here
    on, posts only are read, so their ``url`` and ``save_as`` are memoised.
    """
    settings = pelican.settings
    speed = speed_of(settings)
    if speed is not None:
        output_locations.install_memo()
    if (
        speed is not None
        and settings["SCHOLAR_INCREMENTAL_WRITES"]
        and (settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE"))
    ):
        return _RecordedWriter
    return None


class _RecordedWriter(IncrementalWriter):
    """The incremental writer, kept in its build's speed state."""

    def __init__(self, output_path: str, settings: Any) -> None:
        super().__init__(output_path, settings)
        speed = speed_of(settings)
        if speed is not None:
            speed.writer = self


def finish(build: Build) -> None:
    """Save what the next build reuses, say what was reused, undo the swaps."""
    speed = build.extensions.get(EXTENSION)
    if speed is None:
        return
    settings = build.settings
    remove_memo()
    source_paths.remove_memo()
    static_links.remove_skip()
    output_locations.remove_memo()
    katex_renders.remove_memo()
    katex_start.remove_retry()
    theme_files.remove_skip()
    reports = [speed.prefetcher.report()]
    if speed.theme_files is not None:
        reports.append(speed.theme_files.report())
    if speed.typography is not None:
        reports.append(
            f"Typography: {speed.typography.cached} of"
            f" {speed.typography.calls} texts cached"
            f" ({speed.typography.handed_over} given to typogrify itself)"
        )
    if speed.writer is not None:
        speed.writer.save()
        reports.append(speed.writer.report())
    if settings.get("CACHE_CONTENT"):
        speed.memo.save(memo_path(settings))
    for report in reports:
        if report is not None:
            logger.info("%s", report)
