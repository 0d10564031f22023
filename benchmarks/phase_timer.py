"""A Pelican plugin for benchmarks: when each phase of a build ended.

Writes a JSON object to the file named by ``SCHOLAR_PHASE_TIMES`` (an
environment variable) at the end of the build: seconds since the plugin was
registered at which reading began (``init``: ``article_generator_init``), the
articles were read (``read``: ``article_generator_pretaxonomy``), the context
was complete (``context``: ``get_writer``, sent just before the first page is
written) and every page was written (``written``: ``finalized``), and the
process's own CPU seconds then.
Used by ``cpu_floor.py``; not part of the bundle.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from pelican import signals

_started = time.perf_counter()
_marks: dict[str, float] = {}


def _mark(name: str) -> Any:
    def receiver(*_args: Any, **_kwargs: Any) -> None:
        _marks.setdefault(name, time.perf_counter() - _started)

    return receiver


_on_init = _mark("init")
_on_read = _mark("read")
_on_context = _mark("context")


def _on_finalized(_pelican: object) -> None:
    _marks["written"] = time.perf_counter() - _started
    _marks["cpu"] = time.process_time()
    target = Path(os.environ["SCHOLAR_PHASE_TIMES"])
    target.write_text(json.dumps(_marks), encoding="utf-8")


def register() -> None:
    """Connect the receivers (strong references: they are module globals)."""
    signals.article_generator_init.connect(_on_init)
    signals.article_generator_pretaxonomy.connect(_on_read)
    signals.get_writer.connect(_on_context)
    signals.finalized.connect(_on_finalized)
