"""A build process kept warm between edits, for ``invoke livereload``.

    python -m pelican.plugins.scholar.warm_build SETTINGS_FILE OUTPUT_PATH

Pelican, the plugins, the theme's compiled templates (the speed plugin's
bytecode cache) and pelican-katex's Node.js server are loaded once; each
line on standard input asks for one build, with Pelican's content cache on,
the way ``pelican -r`` runs its builds: the same :class:`pelican.Pelican`
object again, made anew only when the line says ``settings`` (the settings
file changed) or the last one could not be made. Each build answers one
JSON line on the process's original standard output::

    {"ok": true, "seconds": 0.41, "problems": []}

``problems`` holds every error the build logged (and the exception that
stopped it, if one did); a build with a problem is not ``ok``, as with
``pelican --fatal errors``, but it is not stopped at the first error, so
every problem is reported. Pelican's own log goes to standard error.

The Pagefind index (``SCHOLAR_SEARCH``) is made once no other build was
asked for during :data:`INDEX_AFTER_QUIET` after the answer, so the page
reloads without Pagefind taking the machine's cores meanwhile
(:func:`.search_index.deferred_indexing`), and it gives way to the next
line: Pagefind is stopped, the build runs, and the index is made of the
newer pages. On a large site Pagefind takes seconds, and the next save
waited for it.

Between builds, the dedup memory of Pelican's log filter is emptied, so a
problem that is still there is reported again by the next build, and so is
Pelican's memo of each post's content and summary, which would otherwise
keep every post of every build alive (:func:`forget_memoized_contents`).
"""

from __future__ import annotations

import json
import logging
import os
import select
import sys
import time
import traceback
from typing import IO, TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pelican import Pelican

logger = logging.getLogger(__name__)

#: Seconds without another request after an answer before the search index
#: is made: the reloaded page loads first (on the demo, a reload took 0.60 s
#: with Pagefind running meanwhile and 0.47 s without, medians of 10).
INDEX_AFTER_QUIET: Final = 1.0

#: What each build forces, beside the output folder.
CACHED: Final = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}


class ProblemRecorder(logging.Handler):
    """Keeps the text of every error logged during one build."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.problems: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Remember the record's message."""
        try:
            self.problems.append(record.getMessage())
        except (TypeError, ValueError):
            self.problems.append(str(record.msg))


def forget_logged_messages() -> None:
    """Empty the memory with which Pelican's log filter drops repeated messages.

    Without it, a warning or error that a previous build of this process
    logged would not be logged again. Only the filter's own sets, if this
    Pelican has them.
    """
    from pelican.log import LimitFilter  # noqa: PLC0415

    for name in ("_raised_messages", "_group_count"):
        memory = getattr(LimitFilter, name, None)
        if hasattr(memory, "clear"):
            memory.clear()


def forget_memoized_contents() -> None:
    """Empty Pelican's memo of each post's ``get_content`` and ``get_summary``.

    It keeps every post it was given (:mod:`.pelican_memo`): a process that
    builds again would keep every post of every build, 1,000 more in memory
    per save of a 1,000-post site. Each post is made anew by each build, so
    no entry is of use to the next one.
    """
    from pelican.plugins.scholar.pelican_memo import content_memos  # noqa: PLC0415

    for memo in content_memos():
        memo.clear()


class WarmBuilder:
    """Runs the builds of one site in this process."""

    def __init__(self, settings_file: str, output_path: str) -> None:
        self.settings_file = settings_file
        self.output_path = output_path
        self.pelican: Pelican | None = None

    def _make(self) -> Pelican:
        from pelican import Pelican  # noqa: PLC0415
        from pelican.settings import read_settings  # noqa: PLC0415

        settings = read_settings(
            self.settings_file,
            override={"OUTPUT_PATH": self.output_path, **CACHED},
        )
        return Pelican(settings)

    def build(self, *, new_settings: bool) -> dict[str, Any]:
        """Build once; say whether it went well, how long it took, what failed."""
        started = time.perf_counter()
        recorder = ProblemRecorder()
        root = logging.getLogger()
        root.addHandler(recorder)
        forget_logged_messages()
        try:
            if new_settings or self.pelican is None:
                self.pelican = None
                self.pelican = self._make()
            self.pelican.run()
        except Exception as error:  # noqa: BLE001 - every failure is reported
            lines = traceback.format_exception_only(type(error), error)
            recorder.problems.append("".join(lines).strip())
        finally:
            root.removeHandler(recorder)
            forget_memoized_contents()
        return {
            "ok": not recorder.problems,
            "seconds": round(time.perf_counter() - started, 3),
            "problems": recorder.problems,
        }


def _answers() -> IO[str]:
    """Keep the original standard output for answers; send prints to stderr."""
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    return answers


class Requests:
    """The lines of a file descriptor (standard input), each asking for a build.

    Read without Python's buffered reader, so :meth:`waiting` can tell
    whether another line came while a build's index was being made.
    """

    def __init__(self, descriptor: int) -> None:
        self.descriptor = descriptor
        self.unread = b""

    def __iter__(self) -> Iterator[str]:
        """Yield each line, until the end of the input."""
        while True:
            while b"\n" not in self.unread:
                chunk = os.read(self.descriptor, 65536)
                if not chunk:
                    if self.unread:
                        yield self.unread.decode()
                    return
                self.unread += chunk
            line, self.unread = self.unread.split(b"\n", 1)
            yield line.decode() + "\n"

    def waiting(self, seconds: float = 0) -> bool:
        """Tell whether another line (or the end of the input) is there to read.

        Waits up to ``seconds`` for one to come.
        """
        if b"\n" in self.unread:
            return True
        readable, _, _ = select.select([self.descriptor], [], [], seconds)
        return bool(readable)


def main(argv: list[str] | None = None) -> None:
    """Answer each line of standard input with one build."""
    settings_file, output_path = (argv if argv is not None else sys.argv[1:])[:2]
    answers = _answers()
    from pelican.log import init as init_logging  # noqa: PLC0415

    init_logging(level=logging.WARNING)
    from pelican.plugins.scholar.search_index import (  # noqa: PLC0415
        GaveWay,
        deferred_indexing,
    )

    builder = WarmBuilder(settings_file, output_path)
    requests = Requests(sys.stdin.fileno())
    for line in requests:
        with deferred_indexing(give_way=requests.waiting) as indexing:
            result = builder.build(new_settings="settings" in line.split())
            answers.write(json.dumps(result) + "\n")
            answers.flush()
            if indexing and requests.waiting(INDEX_AFTER_QUIET):
                continue  # another save came: its build makes the index
            try:
                for job in indexing:
                    job()
            except GaveWay as stopped:
                logger.info("Search index of %s left for the next build", stopped)


if __name__ == "__main__":
    main()
