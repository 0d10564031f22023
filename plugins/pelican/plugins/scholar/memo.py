"""A memo of pure computations keyed by a digest of their inputs, kept across builds.

The plugin memoises two things this way: typography (typogrify's output for
an input text and the typogrify settings, :mod:`.typography`) and the facts
it derives from a rendered body (word count, summary, table of contents,
:mod:`.facts`). A key is a BLAKE2 digest of everything the result depends on,
so a stale entry can never be found: changed input means another key.

The memo lives in ``CACHE_PATH/scholar-memo.pickle``. It is loaded when
Pelican's ``LOAD_CONTENT_CACHE`` is on and saved, holding only the entries this
build used, when ``CACHE_CONTENT`` is on, like Pelican's own content cache.
A file that cannot be read is reported and ignored; the build goes on without it.

The digests here serve every cache of the plugin: :func:`digest` of strings
and bytes, :func:`file_digest` and :func:`folder_digest` of files on disk, and
:func:`read_cache_file` / :func:`write_cache_file` keep their records.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

logger = logging.getLogger(__name__)

MEMO_FILE: Final = "scholar-memo.pickle"
# Bump when the meaning of a key or a value changes.
FORMAT: Final = 2


def digest(*parts: str | bytes) -> bytes:
    """Return a 16-byte BLAKE2 digest of ``parts``, each length-prefixed."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.digest()


def files_under(folder: Path, pattern: str = "*") -> Iterator[Path]:
    """Files under ``folder`` whose names match ``pattern``, in a stable order."""
    return (path for path in sorted(folder.rglob(pattern)) if path.is_file())


def file_digest(path: Path, folder: Path) -> bytes:
    """Digest of one file: its path relative to ``folder`` and its bytes.

    Trees are digested a file at a time, so a big site is never held whole.
    """
    return digest(path.relative_to(folder).as_posix(), path.read_bytes())


def folder_digest(folder: Path) -> bytes:
    """Digest of every file (relative path and bytes) under ``folder``."""
    return digest(*(file_digest(path, folder) for path in files_under(folder)))


class Memo:
    """Results by key, remembering which keys this build has used."""

    def __init__(self) -> None:
        self._entries: dict[bytes, Any] = {}
        self._used: set[bytes] = set()
        self._fresh: dict[bytes, Any] | None = None

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: bytes) -> Any | None:
        """Return the result stored under ``key`` (marking it used), or ``None``."""
        value = self._entries.get(key)
        if value is not None:
            self._used.add(key)
        return value

    def put(self, key: bytes, value: Any) -> None:
        """Store ``value`` under ``key`` and mark it used."""
        self._entries[key] = value
        self._used.add(key)
        if self._fresh is not None:
            self._fresh[key] = value

    def take_fresh(self) -> dict[bytes, Any]:
        """Return the entries put since the last call, and start recording anew.

        Worker processes use this to send their new results to the parent.
        """
        fresh, self._fresh = self._fresh or {}, {}
        return fresh

    def update(self, entries: dict[bytes, Any]) -> None:
        """Store many results at once (results computed by worker processes)."""
        self._entries.update(entries)
        self._used.update(entries)

    def clear(self) -> None:
        """Forget every entry."""
        self._entries.clear()
        self._used.clear()
        self._fresh = None

    def load(self, path: Path) -> None:
        """Replace the entries with those saved in ``path``, if it is usable."""
        self.clear()
        saved = read_cache_file(path, FORMAT)
        if saved is not None:
            self._entries = dict(saved)

    def save(self, path: Path) -> None:
        """Write the entries used by this build to ``path`` (atomically)."""
        kept = {key: self._entries[key] for key in self._used if key in self._entries}
        if write_cache_file(path, FORMAT, kept):
            self._used.clear()  # the next build (autoreload) marks its own


def read_cache_file(path: Path, file_format: int) -> Any | None:
    """Return what :func:`write_cache_file` saved in ``path``, or ``None``.

    A missing file, or one of another format, gives ``None``; an unreadable
    one is also reported.
    """
    try:
        with path.open("rb") as handle:
            saved = pickle.load(handle)
    except FileNotFoundError:
        return None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as error:
        logger.warning("Ignoring the unreadable cache %s: %s", path, error)
        return None
    if isinstance(saved, dict) and saved.get("format") == file_format:
        return saved["payload"]
    return None


def write_cache_file(path: Path, file_format: int, payload: Any) -> bool:
    """Save ``payload`` in ``path`` atomically; report and return False on failure."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        with partial.open("wb") as handle:
            pickle.dump(
                {"format": file_format, "payload": payload},
                handle,
                protocol=pickle.HIGHEST_PROTOCOL,
            )
        partial.replace(path)
    except OSError as error:
        logger.warning("Could not save the cache %s: %s", path, error)
        partial.unlink(missing_ok=True)
        return False
    return True


#: The memo of the build running in this process (one build at a time).
BUILD_MEMO: Final = Memo()
