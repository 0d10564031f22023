"""Pelican's relative source paths, computed once per path and build.

``Content.get_relative_source_path`` turns a source path into a path
relative to ``PATH`` with two ``abspath`` calls and a ``relpath``; Pelican
calls it a dozen times per post and build (every ``url`` and ``save_as``,
the static links, the cache keys), about a tenth of a one-edit build at
1,000 posts. Its result depends only on ``PATH``, the source path and the
working folder (for a relative ``PATH``), so :func:`install_memo` puts a
memoising wrapper in its place for one build (an internal, checked by
:mod:`.internals`) and :func:`remove_memo` puts Pelican's method back. On a
miss the wrapper calls Pelican's own method, so the result is Pelican's.
"""

from __future__ import annotations

import functools
import os
from typing import Any

from .stand_ins import is_stand_in, put_back, put_in_place


def install_memo() -> None:
    """Put the memoising wrapper in place of Pelican's method, once."""
    from pelican.contents import Content  # noqa: PLC0415

    current = Content.get_relative_source_path
    if is_stand_in(current):
        return
    known: dict[tuple[Any, str, str], str | None] = {}

    @functools.wraps(current)
    def get_relative_source_path(
        self: Content, source_path: str | None = None
    ) -> str | None:
        path = source_path or self.source_path
        if path is None:
            return current(self, source_path)
        key = (self.settings["PATH"], path, os.getcwd())  # noqa: PTH109 - a str key
        if key not in known:
            known[key] = current(self, source_path)
        return known[key]

    put_in_place(Content, "get_relative_source_path", get_relative_source_path, current)


def remove_memo() -> None:
    """Put Pelican's own method back, if the wrapper stands in for it."""
    from pelican.contents import Content  # noqa: PLC0415

    put_back(Content, "get_relative_source_path")
