"""Settings of the scholar plugin: their defaults and their validation.

Every setting is optional; a site sets only what it wants to change.

``READTIME_WPM`` (int, default ``200``)
    Words read per minute. A post of fewer words than this reads in "less than
    1 minute"; otherwise its reading time is ``word_count // READTIME_WPM``
    minutes (the Minimal Mistakes rule).
``SCHOLAR_SUMMARY_MARKER`` (str, default ``"more"``)
    Text of the HTML comment that ends a post's summary: ``<!-- more -->``.
    Pelican's own ``Summary:`` metadata takes precedence over the marker; a post
    with neither gets Pelican's ``SUMMARY_MAX_LENGTH`` word cut.
``SCHOLAR_TAG_ORDER`` (str, default ``"codepoint"``)
    Order of the sections of the Posts by Tags page: ``"codepoint"`` (by tag
    name, uppercase before lowercase), ``"casefold"`` (case-insensitive) or
    ``"count"`` (most posts first, then by code point).

Core settings such as ``SUMMARY_MAX_LENGTH`` are read, never redefined here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from collections.abc import Mapping, MutableMapping

TAG_ORDERS: Final = ("codepoint", "casefold", "count")

DEFAULTS: Final[Mapping[str, Any]] = {
    "READTIME_WPM": 200,
    "SCHOLAR_SUMMARY_MARKER": "more",
    "SCHOLAR_TAG_ORDER": "codepoint",
}


class ScholarSettingsError(ValueError):
    """A setting of the scholar plugin has a value it cannot use."""


def apply_defaults(settings: MutableMapping[str, Any]) -> None:
    """Fill in every setting the site left unset with its default."""
    for name, default in DEFAULTS.items():
        settings.setdefault(name, default)


def validate(settings: Mapping[str, Any]) -> None:
    """Raise :class:`ScholarSettingsError` naming the first invalid setting."""
    wpm = settings["READTIME_WPM"]
    if isinstance(wpm, bool) or not isinstance(wpm, int) or wpm <= 0:
        msg = f"READTIME_WPM must be a positive integer, not {wpm!r}"
        raise ScholarSettingsError(msg)

    marker = settings["SCHOLAR_SUMMARY_MARKER"]
    if not isinstance(marker, str) or not marker.strip() or "--" in marker:
        msg = (
            "SCHOLAR_SUMMARY_MARKER must be the non-empty text of an HTML "
            f"comment (without '--'), not {marker!r}"
        )
        raise ScholarSettingsError(msg)

    order = settings["SCHOLAR_TAG_ORDER"]
    if order not in TAG_ORDERS:
        msg = f"SCHOLAR_TAG_ORDER must be one of {', '.join(TAG_ORDERS)}, not {order!r}"
        raise ScholarSettingsError(msg)
