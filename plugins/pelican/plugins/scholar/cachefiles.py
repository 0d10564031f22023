"""Digests, and the files in which the bundle keeps what it computed, keyed by code.

Everything the bundle keeps across builds (the search index record, and the
speed plugin's memo and page records) is a pure function of its inputs and
of the code that computed it. Inputs are digested with :func:`digest`; the
code is :func:`code_key`: a digest of the bundle's own Python source files,
of the versions of the packages it runs on (Pelican, Markdown, typogrify
and everything they require) and of Python's. A cache file written by other
code is never read (:func:`read_cache_file`), so editing the plugin (even a
copy installed in a venv) or upgrading a dependency can never show stale
results; no constant has to be bumped by hand.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import re
import sys
from functools import cache
from importlib.metadata import PackageNotFoundError, requires, version
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

logger = logging.getLogger(__name__)

#: The bundle's own package: every ``*.py`` file under it is part of the code key.
PACKAGE_DIR: Final = Path(__file__).resolve().parent
#: What the bundle runs on, as distributions; their requirements are followed.
RUNTIME_DISTRIBUTIONS: Final = (
    "pelican",
    "markdown",
    "beautifulsoup4",
    "typogrify",
    "smartypants",
    "babel",
)
_REQUIREMENT_NAME_RE: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


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


def folder_digest(folder: Path, pattern: str = "*") -> bytes:
    """Digest of every file (relative path and bytes) under ``folder``."""
    return digest(*(file_digest(path, folder) for path in files_under(folder, pattern)))


def package_version(name: str) -> str:
    """Return the installed version of distribution ``name``, or ``"?"``."""
    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def _runtime_requirements(roots: Iterable[str]) -> list[str]:
    """Return ``roots`` and every distribution they require, transitively, sorted.

    Requirements of extras are left out; one that is not installed counts by
    name (its version reads ``?``).
    """
    seen: set[str] = set()
    pending = [name.lower() for name in roots]
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            required = requires(name) or []
        except PackageNotFoundError:
            continue
        for requirement in required:
            found = _REQUIREMENT_NAME_RE.match(requirement)
            if found is not None and "extra ==" not in requirement:
                pending.append(found.group().lower())
    return sorted(seen)


@cache
def code_key() -> bytes:
    """Digest of the code that computes cached results (once per process).

    The bundle's Python sources (the core and the speed plugin), the versions
    of the distributions it runs on, and Python's version.
    """
    versions = [
        f"{name}={package_version(name)}"
        for name in _runtime_requirements(RUNTIME_DISTRIBUTIONS)
    ]
    return digest(sys.version, *versions, folder_digest(PACKAGE_DIR, "*.py"))


def read_cache_file(path: Path) -> Any | None:
    """Return what :func:`write_cache_file` saved in ``path``, or ``None``.

    A missing file, or one written by other code (:func:`code_key`), gives
    ``None``; an unreadable one is also reported. The payload is unpickled
    only once the code is known to be this one: other code's classes may
    have moved.
    """
    try:
        with path.open("rb") as handle:
            saved = pickle.load(handle)
        if not isinstance(saved, dict) or saved.get("code") != code_key():
            return None
        return pickle.loads(saved["payload"])
    except FileNotFoundError:
        return None
    except (
        OSError,
        pickle.UnpicklingError,
        EOFError,
        KeyError,
        AttributeError,
        ImportError,
    ) as error:
        logger.warning("Ignoring the unreadable cache %s: %s", path, error)
        return None


def write_cache_file(path: Path, payload: Any) -> bool:
    """Save ``payload`` in ``path`` atomically; report and return False on failure."""
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("wb") as handle:
            pickle.dump(
                {
                    "code": code_key(),
                    "payload": pickle.dumps(payload, pickle.HIGHEST_PROTOCOL),
                },
                handle,
                protocol=pickle.HIGHEST_PROTOCOL,
            )
        partial.replace(path)
    except OSError as error:
        logger.warning("Could not save the cache %s: %s", path, error)
        with contextlib.suppress(OSError):  # the folder may not exist at all
            partial.unlink()
        return False
    return True
