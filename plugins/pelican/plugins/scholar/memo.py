"""A memo of pure computations, keyed by a digest of their inputs.

The core memoises the facts it derives from a rendered body (:mod:`.facts`)
for the length of one build; the speed plugin keeps the same memo across
builds, with typography in it, in ``CACHE_PATH/scholar-memo.pickle``
(:meth:`Memo.load`, :meth:`Memo.save`). A key is a digest of everything the
result depends on (:func:`.cachefiles.digest`) and a saved memo is only read
by the code that wrote it (:func:`.cachefiles.code_key`), so a stale entry
can never be found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .cachefiles import read_cache_file, write_cache_file

if TYPE_CHECKING:
    from pathlib import Path


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

    @classmethod
    def load(cls, path: Path) -> Memo:
        """Return the memo saved in ``path`` by this code, or an empty one."""
        memo = cls()
        saved = read_cache_file(path)
        if isinstance(saved, dict):
            memo._entries = saved
        return memo

    def save(self, path: Path) -> None:
        """Write the entries used by this build to ``path`` (atomically)."""
        kept = {key: self._entries[key] for key in self._used if key in self._entries}
        write_cache_file(path, kept)
