"""Settings of the speed plugin: their defaults and their validation.

What each one means is in the README's settings table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ..settings import fail, is_positive_integer

if TYPE_CHECKING:
    from collections.abc import Mapping, MutableMapping

DEFAULTS: Final[Mapping[str, Any]] = {
    "SCHOLAR_PARALLEL_READING": "auto",
    "SCHOLAR_PARALLEL_PROCESSES": None,
    "SCHOLAR_INCREMENTAL_WRITES": True,
}


def apply_defaults(settings: MutableMapping[str, Any]) -> None:
    """Fill in every speed setting the site left unset with its default."""
    for name, default in DEFAULTS.items():
        settings.setdefault(name, default)


def validate(settings: Mapping[str, Any]) -> None:
    """Raise :class:`..settings.ScholarSettingsError` on an invalid speed setting."""
    if settings["SCHOLAR_PARALLEL_READING"] not in ("auto", True, False):
        fail(
            "SCHOLAR_PARALLEL_READING",
            '"auto", True or False',
            settings["SCHOLAR_PARALLEL_READING"],
        )
    processes = settings["SCHOLAR_PARALLEL_PROCESSES"]
    if processes is not None and not is_positive_integer(processes):
        fail("SCHOLAR_PARALLEL_PROCESSES", "None or a positive integer", processes)
    if not isinstance(settings["SCHOLAR_INCREMENTAL_WRITES"], bool):
        fail(
            "SCHOLAR_INCREMENTAL_WRITES",
            "True or False",
            settings["SCHOLAR_INCREMENTAL_WRITES"],
        )
