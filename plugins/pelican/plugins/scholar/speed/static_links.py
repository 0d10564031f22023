"""Pelican's search of each post for links to static files, skipped where none can be.

Pelican's generators call ``Content.get_static_links`` for every post and
page on every build, from its cache too: a regular expression (an ``href``
or ``src`` holding ``INTRASITE_LINK_REGEX``) over the whole of the post's
HTML, about 0.2 s per build at 1,000 posts here, in the build's serial part.
A link counts only when its kind is the word ``static`` or ``attach``, so a
post whose HTML holds neither word links to no static file, whatever the
site's ``INTRASITE_LINK_REGEX``. :func:`install_skip` puts a stand-in in
place of Pelican's method for one build (an internal, checked by
:mod:`.internals`) that answers an empty set for such a post and calls
Pelican's own method for any other, and :func:`remove_skip` puts Pelican's
method back.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Final

from .stand_ins import is_stand_in, put_back, put_in_place

if TYPE_CHECKING:
    from pelican.contents import Content

#: The kinds of intrasite link that name a static file (Pelican's own set).
STATIC_KINDS: Final = ("static", "attach")


def may_link_static_files(html: str | None) -> bool:
    """Tell whether ``html`` could hold a ``{static}`` or ``{attach}`` link."""
    return bool(html) and any(kind in html for kind in STATIC_KINDS)


def install_skip() -> None:
    """Put the stand-in in place of Pelican's method, once."""
    from pelican.contents import Content  # noqa: PLC0415

    current = Content.get_static_links
    if is_stand_in(current):
        return

    @functools.wraps(current)
    def get_static_links(self: Content) -> set[str]:
        if not may_link_static_files(self._content):
            return set()
        return current(self)

    put_in_place(Content, "get_static_links", get_static_links, current)


def remove_skip() -> None:
    """Put Pelican's own method back, if the stand-in is in its place."""
    from pelican.contents import Content  # noqa: PLC0415

    put_back(Content, "get_static_links")
