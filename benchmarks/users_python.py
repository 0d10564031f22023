"""Benchmarks time Python as a user's runs: with its bytecode cache.

A shell or a CI image may set ``PYTHONDONTWRITEBYTECODE`` (this project's
machines do). Every process then compiles every module of the bundle from
its source again, as an editable install has no ``__pycache__`` of its own:
0.3-0.4 s more per build process on this machine, a quarter of a one-edit
build at 1,000 posts. A user's Python writes ``__pycache__`` on its first run
and reads it on the next, so the build-timing benchmarks call
:func:`as_users_python` first: the processes they start inherit it.
"""

from __future__ import annotations

import os


def as_users_python() -> None:
    """Let the Python processes started from now on write and read bytecode."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
