"""Dates for machines: ``<time datetime>``, Open Graph and JSON-LD.

HTML's ``datetime`` attribute takes at most three digits of a second's
fraction, and Python's ``isoformat`` writes six when a date has
microseconds (Blogger exports do: ``2016-03-08T21:15:00.002+01:00``).
:func:`iso_datetime`, the templates' ``iso_datetime`` filter, is the one
place that writes such a date: to the second, with its UTC offset.
"""

from __future__ import annotations

from datetime import date, datetime


def iso_datetime(value: date) -> str:
    """Return ``value`` in ISO 8601, to the second (a plain date as a date)."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()
