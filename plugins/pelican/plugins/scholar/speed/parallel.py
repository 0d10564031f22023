"""Read content files in worker processes, ahead of Pelican's sequential pass.

Pelican reads (Markdown, Pygments, KaTeX) and typogrifies one file at a time,
on one core. When it is about to read its first file, :func:`prefetch` lists
the files of every articles and pages generator that Pelican's content cache
does not already hold, and has forked worker processes run each file through
the very reader Pelican would use. Each worker also typogrifies the result as
Pelican would and computes the plugin's facts (:meth:`..facts.Facts.of_post`,
the handlers' own function), filling the build's memo that Pelican's calls
(:mod:`.typography`) and the handlers then hit.

Pelican still reads every file itself, in its own order, with its own code:
only ``reader.read(path)`` returns the prefetched ``(content, metadata)``
instead of parsing again. The output is therefore the sequential build's.
A file is left to Pelican, and read the ordinary way, whenever its worker
logged anything (so messages, their order and ``--fatal`` behave exactly as
without workers), raised, or could not send its result.

Readers must not keep state across files in the parent process (Pelican's
own do not); pelican-katex's render server is restarted in each worker.
Workers are forked, so this needs the ``fork`` start method (Linux, BSD;
on other systems the setting ``"auto"`` reads sequentially). The internals
this touches are listed, and checked, in :mod:`.internals`.

At the end of the build the log says how many files Pelican took from the
workers: "Parallel reading: N of M files read in parallel".
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import io
import logging
import multiprocessing
import os
import pickle
import signal
import sys
import time
from importlib import import_module
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from pelican import readers as pelican_readers
from pelican import utils as pelican_utils
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.urlwrappers import Author, Category, Tag

from ..summary import authored_summary
from .typography import typogrify_like_pelican

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from pelican.generators import Generator
    from pelican.readers import BaseReader

    from ..facts import Facts

logger = logging.getLogger(__name__)

_WRAPPERS: Final = (Tag, Category, Author)
# Pelican's readers mark an empty metadata value ("Tags:" with nothing after
# it) with this sentinel and drop it by identity, after the read: a pickled
# copy would no longer be it, so it travels by name.
_DISCARD: Final = getattr(pelican_readers, "_DISCARD", None)
_DISCARD_ID: Final = ("pelican.readers", "_DISCARD")
# What a reader's metadata may hold and still come back from a worker equal
# to what Pelican would have read itself.
_PLAIN_TYPES: Final = (str, int, float, bool, type(None), dt.date, dt.time)
# Below this many files per process, forking costs more than it saves.
_MIN_FILES_PER_PROCESS: Final = 2
_KATEX_START_ATTEMPTS: Final = 5


class Job(NamedTuple):
    """One file to read: its absolute path, its format, and its generator."""

    path: str
    fmt: str
    generator_index: int


def worker_count(setting: object, processes: int | None) -> int:
    """Return how many workers ``SCHOLAR_PARALLEL_READING`` asks for (0: none)."""
    if setting is False:
        return 0
    if "fork" not in multiprocessing.get_all_start_methods():
        return 0
    if processes:
        return processes
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# ---------------------------------------------------------------- pickling ---


class UnfaithfulMetadataError(TypeError):
    """Metadata holds a value that would not come back from a worker as it was."""


def check_faithful(value: object) -> None:
    """Raise :class:`UnfaithfulMetadataError` unless ``value`` survives a trip.

    Plain values (strings, numbers, dates), tags, categories, authors and
    Pelican's discard sentinel do, and so do lists, tuples, sets and dicts of
    them. Anything else (an object a plugin's reader put there) might lose its
    identity or its class's state: such a file is left to Pelican.
    """
    if value is _DISCARD or type(value) in _WRAPPERS:
        return
    if isinstance(value, _PLAIN_TYPES):
        return
    if isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            check_faithful(item)
        return
    if isinstance(value, dict):
        for key, item in value.items():
            check_faithful(key)
            check_faithful(item)
        return
    msg = f"metadata holds a {type(value).__qualname__}"
    raise UnfaithfulMetadataError(msg)


class _MetadataPickler(pickle.Pickler):
    """Pickles tags, categories and authors by name (they hold the settings).

    Pelican's discard sentinel is pickled by name, so it is still the very
    sentinel Pelican checks for by identity once it is back in the parent.
    """

    def persistent_id(self, obj: Any) -> tuple[str, ...] | None:
        if _DISCARD is not None and obj is _DISCARD:
            return _DISCARD_ID
        if type(obj) in _WRAPPERS:
            return (type(obj).__module__, type(obj).__qualname__, obj.name)
        return None


class _MetadataUnpickler(pickle.Unpickler):
    """Rebuilds tags, categories and authors with the parent's settings."""

    def __init__(self, data: bytes, settings: Mapping[str, Any]) -> None:
        super().__init__(io.BytesIO(data))
        self._settings = settings

    def persistent_load(self, pid: tuple[str, ...]) -> Any:
        if pid == _DISCARD_ID:
            return _DISCARD
        module, qualname, name = pid
        wrapper = getattr(import_module(module), qualname)
        if wrapper not in _WRAPPERS:
            msg = f"unexpected persistent object {module}.{qualname}"
            raise pickle.UnpicklingError(msg)
        return wrapper(name, self._settings)


def dump_read_result(result: tuple[str, dict[str, Any]]) -> bytes:
    """Pickle a reader's ``(content, metadata)`` for the parent process.

    Raises :class:`UnfaithfulMetadataError` when the metadata holds a value
    that would not come back as it was (see :func:`check_faithful`).
    """
    check_faithful(result[1])
    buffer = io.BytesIO()
    _MetadataPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(result)
    return buffer.getvalue()


def load_read_result(data: bytes, settings: Mapping[str, Any]) -> Any:
    """Unpickle what :func:`dump_read_result` wrote, with ``settings``."""
    return _MetadataUnpickler(data, settings).load()


# ------------------------------------------------------------ the workers ---


class _Recorder(logging.Handler):
    """Remembers the first message logged while reading the current file."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.first: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self.first is None:
            self.first = f"{record.levelname} {record.name}: {record.getMessage()}"


def _restart_helper_services() -> None:
    """Give this worker its own pelican-katex render server.

    The parent's connection must not be shared, so it is forgotten. The server
    is started here, with a few attempts: pelican-katex connects as soon as
    the socket file exists, which can be before Node.js listens, and then
    fails with "connection refused" (leaving that Node.js process to the
    worker's process group, which is killed at the end).
    """
    katex = sys.modules.get("pelican_katex.rendering")
    if katex is None:
        return
    katex.RenderServer.RENDER_SERVER = None
    for _ in range(_KATEX_START_ATTEMPTS):
        try:
            katex.RenderServer.get()
        except (OSError, katex.KaTeXError):
            time.sleep(0.05)
        else:
            return


def _read_one(
    job: Job,
    readers: list[dict[str, BaseReader]],
    settings: Mapping[str, Any],
    facts: Facts,
) -> bytes:
    """Read one file as Pelican will, and fill the memo as the handlers will."""
    content, metadata = readers[job.generator_index][job.fmt].read(job.path)
    body, summary = content, authored_summary(metadata)
    if settings["TYPOGRIFY"]:
        body = typogrify_like_pelican(content, settings) if content else content
        if isinstance(metadata.get("title"), str):
            typogrify_like_pelican(metadata["title"], settings)
        if summary is not None:
            summary = typogrify_like_pelican(summary, settings)
    facts.of_post(body or "", summary, metadata.get("description"))
    return dump_read_result((content, metadata))


def _work(
    jobs: list[Job],
    counter: Any,
    connection: Connection,
    readers: list[dict[str, BaseReader]],
    facts: Facts,
) -> None:
    """Read jobs until none is left, sending each result to the parent."""
    # A process group of its own: whatever this worker starts (pelican-katex
    # starts Node.js) is stopped with it, even if a helper leaks its process.
    os.setpgid(0, 0)
    atexit._clear()
    _restart_helper_services()
    recorder = _Recorder()
    logging.getLogger().handlers = [recorder]
    settings = facts.settings
    facts.memo.take_fresh()  # from now on, record what this worker computes
    try:
        while True:
            with counter.get_lock():
                index = counter.value
                counter.value += 1
            if index >= len(jobs):
                break
            recorder.first = None
            reason = None
            try:
                payload: bytes | None = _read_one(jobs[index], readers, settings, facts)
            except Exception as error:  # noqa: BLE001 - Pelican will read it and report
                payload, reason = None, f"raised {error!r}"
            if recorder.first is not None:
                payload, reason = None, f"logged {recorder.first}"
            message = (index, payload or reason, facts.memo.take_fresh())
            connection.send_bytes(pickle.dumps(message, pickle.HIGHEST_PROTOCOL))
    finally:
        connection.close()
        atexit._run_exitfuncs()


def read_in_workers(
    jobs: list[Job],
    readers: list[dict[str, BaseReader]],
    facts: Facts,
    processes: int,
) -> dict[int, bytes]:
    """Read ``jobs`` in ``processes`` forked workers; return payloads by job index.

    Memo entries the workers computed are merged into ``facts.memo``.
    Jobs missing from the result are for Pelican to read itself.
    """
    context = multiprocessing.get_context("fork")
    counter = context.Value("q", 0)
    connections = []
    workers = []
    for _ in range(processes):
        receiving, sending = context.Pipe(duplex=False)
        worker = context.Process(
            target=_work,
            args=(jobs, counter, sending, readers, facts),
            daemon=True,
        )
        try:
            worker.start()
        except Exception:
            sending.close()
            receiving.close()
            _stop(workers)
            raise
        sending.close()
        connections.append(receiving)
        workers.append(worker)
    payloads: dict[int, bytes] = {}
    while connections:
        for ready in wait(connections):
            try:
                index, payload, fresh = pickle.loads(ready.recv_bytes())
            except EOFError:
                connections.remove(ready)
                continue
            facts.memo.update(fresh)
            if isinstance(payload, bytes):
                payloads[index] = payload
            else:
                logger.debug(
                    "%s: left to Pelican, its worker %s", jobs[index].path, payload
                )
    for worker in workers:
        worker.join()
        stop_process_group(worker.pid)
        if worker.exitcode:
            logger.debug("Worker %d ended with %s", worker.pid, worker.exitcode)
    return payloads


def _stop(workers: list[Any]) -> None:
    """Kill workers already started, and what they started."""
    for worker in workers:
        worker.kill()
        worker.join()
        stop_process_group(worker.pid)


def stop_process_group(group: int | None) -> None:
    """Kill what is left of a finished worker's process group, if anything."""
    if group is None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, signal.SIGKILL)


# ------------------------------------------------------ hooking into Pelican ---


class PrefetchedRead:
    """Replaces one reader's ``read``: prefetched results first, then the reader."""

    def __init__(
        self,
        read: Callable[[str], tuple[str, dict[str, Any]]],
        payloads: dict[str, bytes],
        prefetcher: Prefetcher,
    ) -> None:
        self.read = read
        self.payloads = payloads
        self.prefetcher = prefetcher

    def __call__(self, path: str) -> tuple[str, dict[str, Any]]:
        """Return the prefetched result for ``path`` (once), else read it."""
        payload = self.payloads.pop(path, None)
        if payload is None:
            return self.read(path)
        self.prefetcher.used += 1
        return load_read_result(payload, self.prefetcher.settings)


def files_to_read(generator: Generator, paths: str, excludes: str) -> list[str]:
    """List the absolute paths the generator will read and has no cache for."""
    settings = generator.settings
    found = []
    for relative in sorted(
        generator.get_files(settings[paths], exclude=settings[excludes])
    ):
        if generator.get_cached_data(relative, None) is not None:
            continue  # Pelican's generator-level cache holds the object
        # The very string Pelican's read_file passes to reader.read().
        path = os.path.abspath(os.path.join(generator.path, relative))  # noqa: PTH100, PTH118
        if generator.readers.get_cached_data(path, (None, None))[0] is not None:
            continue  # Pelican's reader-level cache holds the result
        found.append(path)
    return found


def _sources(generator: Generator) -> tuple[str, str]:
    if isinstance(generator, ArticlesGenerator):
        return ("ARTICLE_PATHS", "ARTICLE_EXCLUDES")
    if isinstance(generator, PagesGenerator):
        return ("PAGE_PATHS", "PAGE_EXCLUDES")
    msg = f"not a content generator: {generator!r}"
    raise TypeError(msg)


class Prefetcher:
    """Collects one build's content generators, then prefetches all of them at once."""

    def __init__(self, settings: Mapping[str, Any], facts: Facts) -> None:
        self.settings = settings
        self.facts = facts
        self.generators: list[Generator] = []
        self.started = False
        #: Files to read, files the workers read, and files Pelican took from them.
        self.jobs = 0
        self.prefetched = 0
        self.used = 0
        self.processes = 0

    def add(self, generator: Generator) -> None:
        """Remember a generator whose files should be prefetched."""
        self.generators.append(generator)

    def prefetch(self) -> None:
        """Read every generator's uncached files in workers (once per build)."""
        if self.started or not self.generators:
            return
        self.started = True
        processes = worker_count(
            self.settings["SCHOLAR_PARALLEL_READING"],
            self.settings["SCHOLAR_PARALLEL_PROCESSES"],
        )
        jobs = []
        for index, generator in enumerate(self.generators):
            for path in files_to_read(generator, *_sources(generator)):
                fmt = pelican_utils.file_suffix(path)
                if fmt in generator.readers.readers:
                    jobs.append(Job(path, fmt, index))
        self.jobs = len(jobs)
        processes = min(processes, len(jobs) // _MIN_FILES_PER_PROCESS)
        if processes < 2:
            return
        self.processes = processes
        readers = [generator.readers.readers for generator in self.generators]
        try:
            payloads = read_in_workers(jobs, readers, self.facts, processes)
        except Exception as error:  # noqa: BLE001 - Pelican reads them all itself
            # Raised here, inside Pelican's read of its first file, it would
            # cost that file: say why, and let Pelican read every file.
            logger.warning(
                "Parallel reading could not start its workers (%s): reading"
                " sequentially",
                error,
            )
            self.processes = 0
            return
        self.prefetched = len(payloads)
        by_generator: list[dict[str, bytes]] = [{} for _ in self.generators]
        for index, payload in payloads.items():
            job = jobs[index]
            by_generator[job.generator_index][job.path] = payload
        for generator, generator_payloads in zip(
            self.generators, by_generator, strict=True
        ):
            for reader in generator.readers.readers.values():
                reader.read = PrefetchedRead(reader.read, generator_payloads, self)

    def report(self) -> str | None:
        """Say how many files Pelican took from the workers, if they ran."""
        if not self.processes:
            return None
        return (
            f"Parallel reading: {self.used} of {self.jobs} files read in parallel"
            f" ({self.processes} worker processes)"
        )
