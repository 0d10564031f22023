"""The theme's static files copied only when they changed.

Pelican copies every file of ``THEME_STATIC_PATHS`` into ``OUTPUT_PATH``
on every build (``pelican.utils.copy``, one ``copy_file`` per file): this
theme's stylesheets, scripts and the 20 KaTeX fonts, about a tenth of a
one-edit build of the demo. :func:`install_skip` puts a wrapper in place of
``pelican.utils.copy_file`` (an internal, checked by :mod:`.internals`) for
the build: a file whose copy is already there, with the same size and a
modification time no older than the source's, is not copied again. That is
the rule Pelican itself applies to a site's own static files with
``STATIC_CHECK_IF_MODIFIED``; editing a theme file makes it newer than its
copy, so it is copied. :func:`remove_skip` puts Pelican's function back.
"""

from __future__ import annotations

import functools
import os

from .stand_ins import original_of, put_back, put_in_place


class Skipped:
    """Counts the copies a build left out, and those it made."""

    def __init__(self) -> None:
        self.skipped = 0
        self.copied = 0

    def report(self) -> str | None:
        """Say how many theme files were already in place, if any were copied."""
        total = self.skipped + self.copied
        if not total:
            return None
        return f"Theme files: {self.skipped} of {total} already in place"


def _in_place(source: str, destination: str) -> bool:
    """Tell whether ``destination`` is an up-to-date copy of ``source``."""
    try:
        original = os.stat(source)  # noqa: PTH116 - Pelican passes str
        copied = os.stat(destination)  # noqa: PTH116
    except OSError:
        return False
    return (
        copied.st_size == original.st_size
        and copied.st_mtime_ns >= original.st_mtime_ns
    )


def install_skip() -> Skipped:
    """Put the wrapper in place of ``pelican.utils.copy_file``; return its counts."""
    from pelican import utils  # noqa: PLC0415

    current = original_of(utils.copy_file)
    counts = Skipped()

    @functools.wraps(current)
    def copy_file(source: str, destination: str) -> None:
        if _in_place(source, destination):
            counts.skipped += 1
            return
        counts.copied += 1
        current(source, destination)

    put_in_place(utils, "copy_file", copy_file, current)
    return counts


def remove_skip() -> None:
    """Put Pelican's own function back, if the wrapper stands in for it."""
    from pelican import utils  # noqa: PLC0415

    put_back(utils, "copy_file")
