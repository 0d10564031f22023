"""Checks the link lists a site gives the theme: ``MENUITEMS``, ``LINKS``, ``SOCIAL``.

Pelican's convention, which pelican-quickstart writes, is a sequence of
``(name, url)`` pairs; ``SCHOLAR_LINKS`` is ``(kind, url)`` pairs. Some
themes' sites write mappings instead, ``{"name": ..., "icon": ..., "url":
...}``. The theme shows the well-formed entries and leaves out the others.
Provides :func:`malformed_link_entries`, which names every entry the theme
leaves out, so the plugin can warn about it instead of dropping it silently;
:func:`link_pairs`, the ``link_pairs`` template filter: the ``(name, url)``
of every entry the theme shows; :func:`link_address`, the ``link_address``
template filter: an entry's URL, which some themes' sites put after an icon
name, ``(name, icon, url)``; and
:func:`is_page_relative`, the ``page_relative`` template test: whether a
menu entry's URL is a bare path (``category/notes/``), which the theme takes
from the site's root, as themes that write ``{{ SITEURL }}/{{ link }}`` do.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from collections.abc import Iterator

LINK_SETTINGS: Final = ("MENUITEMS", "LINKS", "SOCIAL", "SCHOLAR_LINKS")
#: The start of an address that is not relative to the page it is on: a
#: scheme (``https:``, ``mailto:``), a root or network path, a query, a fragment.
_NOT_PAGE_RELATIVE: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:|[/?#]")
#: Characters an address has and an icon name (``fa-github``) has not.
_ADDRESS_MARKS: Final = frozenset(":/#.?")


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


def is_link_mapping(entry: object) -> bool:
    """Tell whether ``entry`` is a mapping with a ``name`` and a ``url`` string.

    Other keys are allowed (``icon``), as the themes that read these have them.
    """
    return (
        isinstance(entry, Mapping)
        and isinstance(entry.get("name"), str)
        and isinstance(entry.get("url"), str)
    )


def is_entry_list(value: object) -> bool:
    """Tell whether a link setting is a sequence of entries (not text nor a mapping)."""
    return isinstance(value, Sequence) and not isinstance(value, (str, Mapping))


def link_pairs(value: object) -> list[tuple[str, str]]:
    """Return the ``(name, url)`` of every entry of a link setting the theme shows.

    A pair's URL is :func:`link_address`'s; a mapping's is its ``url``. Entries
    that are neither, and a setting that is not a sequence, give nothing
    (:func:`malformed_link_entries` names them).
    """
    if not is_entry_list(value):
        return []
    pairs = []
    for entry in value:
        if is_link_pair(entry):
            pairs.append((entry[0], link_address(entry)))
        elif is_link_mapping(entry):
            pairs.append((entry["name"], entry["url"]))
    return pairs


def malformed_link_entries(settings: Mapping[str, Any]) -> Iterator[str]:
    """Yield a message for each link setting or entry the theme cannot show.

    ``SCHOLAR_LINKS`` takes ``(kind, url)`` pairs only; the others also take
    :func:`is_link_mapping`'s mappings.
    """
    for name in LINK_SETTINGS:
        value = settings.get(name)
        if not value:
            continue
        if not is_entry_list(value):
            yield (
                f"{name} must be a list of (name, url) pairs, not a "
                f"{type(value).__name__}: the theme shows none of it"
            )
            continue
        for position, entry in enumerate(value, start=1):
            if is_link_pair(entry):
                continue
            if name == "SCHOLAR_LINKS":
                yield (
                    f"{name} entry {position} is not a (name, url) pair of strings"
                    f" and is left out: {entry!r}"
                )
            elif not is_link_mapping(entry):
                yield (
                    f"{name} entry {position} is not a (name, url) pair of strings"
                    f" nor a mapping with a name and a url, and is left out: {entry!r}"
                )


def looks_like_address(text: object) -> bool:
    """Tell whether ``text`` reads as a URL or path, not as an icon or class name."""
    return isinstance(text, str) and (
        not text.strip() or any(mark in text for mark in _ADDRESS_MARKS)
    )


def link_address(entry: Sequence[str]) -> str:
    """Return the URL of a well-formed link entry (:func:`is_link_pair`).

    Pelican's convention is ``(name, url)``, and themes read extra items after
    the URL (``(name, url, icon)``). Some put the icon before it, ``(name,
    icon, url)``; so the URL is the second item, unless that does not look
    like an address (:func:`looks_like_address`) and a later item does.
    """
    second = entry[1]
    if looks_like_address(second):
        return second
    later = (part for part in entry[2:] if looks_like_address(part))
    return next(later, second)


def is_page_relative(address: object) -> bool:
    """Tell whether ``address`` is a bare path, such as ``category/notes/``.

    As given, such a link goes somewhere else from every page not at the
    site's root; the theme writes it after ``SITEURL``, as the sites'
    own themes do. An empty address, ``.`` and ``..`` paths are left as given.
    """
    if not isinstance(address, str):
        return False
    text = address.strip()
    if not text or text.startswith("."):
        return False
    return _NOT_PAGE_RELATIVE.match(text) is None
