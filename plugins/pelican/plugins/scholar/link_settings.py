"""Checks the link lists a site gives the theme: ``MENUITEMS``, ``LINKS``, ``SOCIAL``.

Pelican's convention, which pelican-quickstart writes, is a sequence of
``(name, url)`` pairs; ``SCHOLAR_LINKS`` is ``(kind, url)`` pairs. The theme
shows the well-formed pairs and leaves out the others. Provides
:func:`malformed_link_entries`, which names every entry the theme leaves out,
so the plugin can warn about it instead of dropping it silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

LINK_SETTINGS: Final = ("MENUITEMS", "LINKS", "SOCIAL", "SCHOLAR_LINKS")


def is_link_pair(entry: object) -> bool:
    """Tell whether ``entry`` is a ``(name, url)`` pair the theme can show.

    Extra items after the first two are allowed (some themes read a third).
    """
    return (
        isinstance(entry, Sequence)
        and not isinstance(entry, str)
        and len(entry) >= 2
        and all(isinstance(part, str) for part in entry[:2])
    )


def malformed_link_entries(settings: Mapping[str, Any]) -> Iterator[str]:
    """Yield a message for each link setting or entry the theme cannot show."""
    for name in LINK_SETTINGS:
        value = settings.get(name)
        if not value:
            continue
        if isinstance(value, (str, dict)) or not isinstance(value, Sequence):
            yield (
                f"{name} must be a list of (name, url) pairs, not a "
                f"{type(value).__name__}: the theme shows none of it"
            )
            continue
        for position, entry in enumerate(value, start=1):
            if not is_link_pair(entry):
                yield (
                    f"{name} entry {position} is not a (name, url) pair of strings"
                    f" and is left out: {entry!r}"
                )
