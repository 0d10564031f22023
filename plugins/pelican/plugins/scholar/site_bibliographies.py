"""The bibliographies of one build: read once, when the build starts.

A site has two kinds of ``.bib`` files, both under ``PATH``:

* ``SCHOLAR_BIBLIOGRAPHY`` (default ``bibliography/*.bib``): the owner's
  publications, listed on the publications page, citable in posts;
* ``SCHOLAR_REFERENCES`` (default ``references/*.bib``): other works, that
  posts cite but no page lists.

:func:`load_bibliographies` runs on ``get_generators`` (before anything is
read) and keeps a :class:`SiteBibliographies` in the build's state
(:func:`bibliographies_of`); a file that cannot be read stops the build there
with a :class:`~.bibliography.BibliographyError`, a malformed entry is an
error naming its file, line and key (``--fatal errors`` stops the build). A post's own
``bibliography:`` files come from :func:`post_bibliography`.

Files are parsed again only when they change: parsed files are kept in
memory by their path, size and modification time (a live-reloading process
rereads only the edited file), and, when Pelican's content cache is on
(``CACHE_CONTENT``, ``LOAD_CONTENT_CACHE``), in ``CACHE_PATH`` by their
bytes and path (through :mod:`.cachefiles`, so a parse made by other code is
never read), and a cold process does not parse an unchanged file either.
A file whose reading warned (or logged an error) is not kept: each build
reads it again and says its problems again. A changed file is parsed again
entry by entry: the entries parsed last time (kept the same two ways, by
their text and macros) are reused, so editing one entry of a large file
parses that entry only (:func:`~.bibliography.load_bibliography`'s entry
cache).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from . import bibliography as bibliography_module
from .bibliography import (
    Bibliography,
    BibliographyError,
    Reference,
    bibliography_paths,
    defines_macros,
    load_bibliography,
)
from .build import build_of
from .cachefiles import digest, read_cache_file, write_cache_file

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence

    from pelican import Pelican
    from pybtex.database import Entry

logger = logging.getLogger(__name__)

#: Where a build's bibliographies are kept in its state (``Build.extensions``).
STATE_KEY: Final = "bibliographies"
#: The folder of ``CACHE_PATH`` holding parsed ``.bib`` files.
CACHE_FOLDER: Final = "scholar-bibliography"


@dataclass(frozen=True)
class SiteBibliographies:
    """What one build read: the publications, and everything posts can cite."""

    #: The ``SCHOLAR_BIBLIOGRAPHY`` entries: the owner's publications.
    publications: Bibliography
    #: The publications and the ``SCHOLAR_REFERENCES`` entries.
    citable: Bibliography


_EMPTY: Final = SiteBibliographies(Bibliography(), Bibliography())
#: Files parsed (together) in this process, by their paths, to (stamps, references).
_PARSED: dict[
    tuple[Path, ...], tuple[tuple[tuple[int, int], ...], tuple[Reference, ...]]
] = {}


#: The entries parsed last time from files read together, by their paths.
_ENTRIES: dict[tuple[Path, ...], dict[str, Entry]] = {}


class _CarriedEntries(MutableMapping[str, "Entry"]):
    """An entry cache that keeps only what the current read uses.

    Entries are looked up in ``earlier``; those found, and those parsed
    now, are kept in ``kept``, so an edited entry's old parse is dropped.
    """

    def __init__(self, earlier: Mapping[str, Entry]) -> None:
        self.earlier = earlier
        self.kept: dict[str, Entry] = {}

    def __getitem__(self, key: str) -> Entry:
        if key not in self.kept:
            self.kept[key] = self.earlier[key]
        return self.kept[key]

    def __contains__(self, key: object) -> bool:
        return key in self.kept or key in self.earlier

    def __setitem__(self, key: str, entry: Entry) -> None:
        self.kept[key] = entry

    def __delitem__(self, key: str) -> None:
        del self.kept[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.kept)

    def __len__(self) -> int:
        return len(self.kept)


def _stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


class _DiskCache:
    """Parsed files in ``CACHE_PATH``, by the digest of their bytes and paths."""

    def __init__(self, settings: Mapping[str, Any]) -> None:
        self.folder = Path(settings.get("CACHE_PATH") or "cache") / CACHE_FOLDER
        self.load = bool(settings.get("LOAD_CONTENT_CACHE"))
        self.save = bool(settings.get("CACHE_CONTENT"))

    def _file(self, paths: tuple[Path, ...]) -> Path:
        parts = [part for path in paths for part in (path.read_bytes(), str(path))]
        return self.folder / f"{digest(*parts).hex()}.pickle"

    def get(self, paths: tuple[Path, ...]) -> tuple[Reference, ...] | None:
        if not self.load:
            return None
        found = read_cache_file(self._file(paths))
        return found if isinstance(found, tuple) else None

    def put(self, paths: tuple[Path, ...], references: tuple[Reference, ...]) -> None:
        if self.save:
            write_cache_file(self._file(paths), references)

    def _entries_file(self, paths: tuple[Path, ...]) -> Path:
        return self.folder / f"entries-{digest(*map(str, paths)).hex()}.pickle"

    def entries(self, paths: tuple[Path, ...]) -> dict[str, Entry]:
        """Return the entries parsed last time from ``paths``, by their cache key."""
        kept = _ENTRIES.get(paths)
        if kept is not None:
            return kept
        found = read_cache_file(self._entries_file(paths)) if self.load else None
        return found if isinstance(found, dict) else {}

    def put_entries(self, paths: tuple[Path, ...], entries: dict[str, Entry]) -> None:
        _ENTRIES[paths] = entries
        if self.save:
            write_cache_file(self._entries_file(paths), entries)


def _references_of(paths: tuple[Path, ...], disk: _DiskCache) -> tuple[Reference, ...]:
    """Return the references of files parsed together, parsed only if one changed.

    One file, mostly; several when they depend on each other
    (:func:`read_files`).
    """
    try:
        stamps = tuple(_stamp(path) for path in paths)
    except OSError as error:
        msg = f"{error.filename}: cannot read the bibliography: {error}"
        raise BibliographyError(msg) from error
    kept = _PARSED.get(paths)
    if kept is not None and kept[0] == stamps:
        return kept[1]
    references = disk.get(paths)
    if references is not None:
        _PARSED[paths] = (stamps, references)
        return references
    entries = _CarriedEntries(disk.entries(paths))
    with _problems_logged() as problems:
        references = tuple(load_bibliography(list(paths), entries).values())
    if not problems.count:  # a file with problems is read again, to say them again
        disk.put(paths, references)
        disk.put_entries(paths, entries.kept)
        _PARSED[paths] = (stamps, references)
    return references


class _Counter(logging.Filter):
    """A logging filter that lets every record through and counts the problems.

    A filter, not a handler: a logger with a handler of its own would keep
    its records from Python's last-resort output, which is what prints them
    under ``pelican --log-handler plain``.
    """

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def filter(self, record: logging.LogRecord) -> bool:
        self.count += record.levelno >= logging.WARNING
        return True


@contextlib.contextmanager
def _problems_logged() -> Iterator[_Counter]:
    """Count the warnings and errors the bibliography reader logs meanwhile."""
    counter = _Counter()
    reader_log = logging.getLogger(bibliography_module.__name__)
    reader_log.addFilter(counter)
    try:
        yield counter
    finally:
        reader_log.removeFilter(counter)


def read_files(paths: Sequence[Path], settings: Mapping[str, Any]) -> Bibliography:
    """Read ``paths`` into one :class:`Bibliography`, files in order.

    Each file is parsed (or taken from the caches) on its own, unless the
    files depend on each other: ``@string`` macros one defines, a
    ``crossref`` to another's entry, a key two of them define. They are
    then parsed together by :func:`~.bibliography.load_bibliography`, as
    one bibliography, and cached as one: parsed again when any of them changes.
    """
    if not paths:
        return Bibliography()
    disk = _DiskCache(settings)
    if len(paths) == 1 or not any(defines_macros(path) for path in paths):
        references = [ref for path in paths for ref in _references_of((path,), disk)]
        if not _depend_on_each_other(references):
            return Bibliography(references)
    return Bibliography(_references_of(tuple(paths), disk))


def _depend_on_each_other(references: Sequence[Reference]) -> bool:
    """Tell whether references read file by file share a key or a crossref."""
    files_by_key: dict[str, Path] = {}
    for ref in references:
        if files_by_key.setdefault(ref.key.casefold(), ref.path) != ref.path:
            return True
    return any(_crosses_files(ref, files_by_key) for ref in references)


def _crosses_files(reference: Reference, files_by_key: Mapping[str, Path]) -> bool:
    """Tell whether a reference's ``crossref`` names an entry of another file."""
    target = reference.fields.get("crossref", "").strip().casefold()
    if not target or target not in files_by_key:
        return False
    return files_by_key[target] != reference.path


def site_paths(settings: Mapping[str, Any], setting: str) -> list[Path]:
    """Return the ``.bib`` files a pattern setting names under ``PATH``."""
    return bibliography_paths(str(settings.get("PATH", ".")), settings[setting])


def read_site_bibliographies(settings: Mapping[str, Any]) -> SiteBibliographies:
    """Read the publications and the references files of a site's settings."""
    publications = site_paths(settings, "SCHOLAR_BIBLIOGRAPHY")
    references = [
        path
        for path in site_paths(settings, "SCHOLAR_REFERENCES")
        if path not in publications
    ]
    if not publications and not references:
        return _EMPTY
    citable = read_files([*publications, *references], settings)
    listed = set(publications)
    return SiteBibliographies(
        Bibliography(ref for ref in citable.values() if ref.path in listed), citable
    )


def load_bibliographies(pelican: Pelican) -> None:
    """Read the site's bibliographies into the build's state (``get_generators``).

    Connected after :func:`~.build.start_build`. A file that cannot be read
    raises :class:`~.bibliography.BibliographyError`: the build stops before it
    writes anything.
    """
    build = build_of(pelican.settings)
    build.extensions[STATE_KEY] = read_site_bibliographies(pelican.settings)


def bibliographies_of(settings: Mapping[str, Any]) -> SiteBibliographies:
    """Return what the running build read (empty before :func:`load_bibliographies`)."""
    return build_of(settings).extensions.get(STATE_KEY, _EMPTY)


def post_bibliography(
    source_path: str, files: Iterable[str], settings: Mapping[str, Any]
) -> Bibliography:
    """Return what a post can cite: its own ``bibliography:`` files, then the site's.

    Each file is relative to the post's folder, or to ``PATH`` when it
    starts with ``/``; a post's entry wins over a site entry with the same
    key. A file that does not exist is a :class:`BibliographyError` naming
    the post.
    """
    content = Path(str(settings.get("PATH", ".")))
    paths = []
    for written in files:
        name = written.strip()
        path = (
            content / name.lstrip("/")
            if name.startswith("/")
            else Path(source_path).parent / name
        )
        if not path.is_file():
            msg = f"{source_path}: bibliography file {name!r} not found (at {path})"
            raise BibliographyError(msg)
        paths.append(path)
    site = bibliographies_of(settings).citable
    if not paths:
        return site
    own = read_files(paths, settings)
    own_keys = {key.casefold() for key in own}
    return Bibliography(
        [
            *own.values(),
            *(ref for ref in site.values() if ref.key.casefold() not in own_keys),
        ]
    )
