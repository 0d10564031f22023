"""Settings of the speed plugin: their defaults and their validation.

What each one means is in the README's settings table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from .. import settings as scholar_settings

if TYPE_CHECKING:
    from collections.abc import Mapping, MutableMapping

DEFAULTS: Final[Mapping[str, Any]] = {
    "SCHOLAR_PARALLEL_READING": "auto",
    "SCHOLAR_PARALLEL_PROCESSES": None,
    "SCHOLAR_INCREMENTAL_WRITES": True,
}


def apply_defaults(settings: MutableMapping[str, Any]) -> None:
    """Fill in every speed setting the site left unset with its default."""
    scholar_settings.apply_defaults(settings, DEFAULTS)


def validate(settings: Mapping[str, Any]) -> None:
    """Raise :class:`..settings.ScholarSettingsError` on an invalid speed setting."""
    if settings["SCHOLAR_PARALLEL_READING"] not in ("auto", True, False):
        scholar_settings.fail(
            "SCHOLAR_PARALLEL_READING",
            '"auto", True or False',
            settings["SCHOLAR_PARALLEL_READING"],
        )
    scholar_settings.require_optional_positive(settings, "SCHOLAR_PARALLEL_PROCESSES")
    scholar_settings.require_bool(settings, "SCHOLAR_INCREMENTAL_WRITES")
