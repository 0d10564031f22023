"""The Pagefind search index, built again only when the site's HTML changed.

Pagefind has no incremental mode: it reads every HTML file of the site on
every build (2.2 s and 400 MB for 1,000 posts). Its index is a function of
those files, of Pagefind's version and of its configuration (its arguments,
a ``pagefind.*`` file in the working folder, ``PAGEFIND_*`` environment
variables), and it is deterministic. So :func:`build_search_index` digests
all of that first; when the digest equals the one recorded after the last
build and that build's index is still there, intact, it keeps that index (in
``OUTPUT_PATH``, or copied from ``SCHOLAR_PREVIOUS_OUTPUT`` when the build
writes into a fresh folder) instead of running Pagefind.

The record is ``CACHE_PATH/scholar-search.pickle``, read when Pelican's
``LOAD_CONTENT_CACHE`` is on and written when ``CACHE_CONTENT`` is, as for the
plugin's other caches, and read only by the code that wrote it
(:func:`.cachefiles.code_key`).

A live-reloading build (:mod:`.warm_build`) reloads the page before the
index is made: inside :func:`deferred_indexing`, the index a build asks for
is handed back to the caller, who makes it after answering. It may also say
when Pagefind should give way (the next save came): Pagefind is then
stopped, and the next build's index is made instead.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Final, NamedTuple

from .cachefiles import (
    digest,
    file_digest,
    files_under,
    folder_digest,
    package_version,
    read_cache_file,
    write_cache_file,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping

logger = logging.getLogger(__name__)

RECORD_FILE: Final = "scholar-search.pickle"
#: Where Pagefind writes its index, under the site's output folder.
INDEX_FOLDER: Final = "pagefind"
#: Pagefind's arguments besides the site: heading permalinks (the "#" that
#: Python-Markdown's toc extension adds) are no part of a heading's text.
PAGEFIND_ARGUMENTS: Final = ("--exclude-selectors", ".headerlink")
#: Pagefind's Python wrapper and the package that ships its binary.
PACKAGES: Final = ("pagefind", "pagefind_bin")
#: Configuration files Pagefind reads from the folder it runs in.
CONFIG_FILES: Final = (
    "pagefind.yml",
    "pagefind.yaml",
    "pagefind.json",
    "pagefind.toml",
)


#: The index builds asked for inside :func:`deferred_indexing`, if inside it.
_deferred: list[Callable[[], None]] | None = None
#: Tells a running Pagefind to give way (:func:`deferred_indexing`), if set.
_give_way: Callable[[], bool] | None = None
#: How often a running Pagefind is asked whether to give way, in seconds.
GIVE_WAY_POLL: Final = 0.05


class GaveWay(Exception):
    """Pagefind was stopped before it finished, to let the next build run."""


@contextlib.contextmanager
def deferred_indexing(
    give_way: Callable[[], bool] | None = None,
) -> Iterator[list[Callable[[], None]]]:
    """Collect the index builds asked for meanwhile, for the caller to run.

    While the caller runs them (still inside), a Pagefind that ``give_way``
    answers True to is stopped and its index build ends with
    :class:`GaveWay`: the caller has newer HTML to index.
    """
    global _deferred, _give_way  # one switch for the process
    jobs: list[Callable[[], None]] = []
    outer = (_deferred, _give_way)
    _deferred, _give_way = jobs, give_way
    try:
        yield jobs
    finally:
        _deferred, _give_way = outer


def index_now_or_later(job: Callable[[], None]) -> None:
    """Run ``job`` (an index build), or hand it to :func:`deferred_indexing`."""
    if _deferred is None:
        job()
    else:
        _deferred.append(job)


class SearchRecord(NamedTuple):
    """What the last index was built from, and the digest of the index itself."""

    inputs: bytes
    index: bytes


def pagefind_inputs(output: Path, environ: Mapping[str, str]) -> bytes:
    """Digest of what Pagefind's index depends on for the site in ``output``."""
    parts: list[str | bytes] = [
        *(f"{name}={package_version(name)}" for name in PACKAGES),
        *PAGEFIND_ARGUMENTS,
    ]
    for name in CONFIG_FILES:
        path = Path(name)
        parts += [name, path.read_bytes() if path.is_file() else b""]
    parts += sorted(
        f"{name}={value}"
        for name, value in environ.items()
        if name.startswith("PAGEFIND_")
    )
    index = output / INDEX_FOLDER
    parts += [
        file_digest(path, output)
        for path in files_under(output, "*.html")
        if index not in path.parents
    ]
    return digest(*parts)


def run_pagefind(output: Path) -> bool:
    """Index ``output`` with Pagefind; report and return False if it fails.

    Raises :class:`GaveWay` if it was told to give way before it finished
    (:func:`deferred_indexing`); its index is then left unfinished.
    """
    command = [sys.executable, "-m", "pagefind", "--site", str(output)]
    give_way = _give_way
    with (
        tempfile.TemporaryFile() as errors,
        subprocess.Popen(
            [*command, *PAGEFIND_ARGUMENTS],
            stdout=subprocess.DEVNULL,
            stderr=errors,
        ) as process,
    ):
        if give_way is None:
            process.wait()
        else:
            while process.poll() is None:
                if give_way():
                    process.kill()
                    process.wait()
                    raise GaveWay(output)
                time.sleep(GIVE_WAY_POLL)
        if process.returncode != 0:
            errors.seek(0)
            text = errors.read().decode(errors="replace")
            logger.error("Pagefind could not index %s:\n%s", output, text)
            return False
    return True


def reuse_index(record: SearchRecord, output: Path, previous: Path | None) -> bool:
    """Put the recorded index in ``output`` if it is found intact; say if it was."""
    target = output / INDEX_FOLDER
    for folder in (output, previous):
        if folder is None:
            continue
        source = folder / INDEX_FOLDER
        if not source.is_dir() or folder_digest(source) != record.index:
            continue
        if source != target:
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target)
        return True
    return False


def build_search_index(
    output: Path,
    cache: Path,
    *,
    previous: Path | None = None,
    load: bool = True,
    save: bool = True,
) -> None:
    """Index the site in ``output``, or reuse the last index if its inputs are equal.

    ``cache`` is ``CACHE_PATH``; ``previous`` is ``SCHOLAR_PREVIOUS_OUTPUT``;
    ``load`` and ``save`` follow ``LOAD_CONTENT_CACHE`` and ``CACHE_CONTENT``.
    """
    record_path = cache / RECORD_FILE
    inputs = pagefind_inputs(output, os.environ)
    record = read_cache_file(record_path) if load else None
    if (
        isinstance(record, SearchRecord)
        and record.inputs == inputs
        and reuse_index(record, output, previous)
    ):
        # The path keeps the message apart: Pelican logs a message only once.
        logger.info("Search index of %s reused: its HTML did not change", output)
        return
    if not run_pagefind(output):
        return
    if save:
        index = folder_digest(output / INDEX_FOLDER)
        write_cache_file(record_path, SearchRecord(inputs, index))
