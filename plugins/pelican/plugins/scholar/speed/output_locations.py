"""Each post's ``url`` and ``save_as``, computed once while pages are written.

``Content.url`` and ``Content.save_as`` are properties: each read formats
the ``ARTICLE_URL``-like setting again, with a copy of the post's metadata
and a ``strftime`` per date field. Writing a site reads them about ten
times per post (listings, archives, tag pages, feeds, the incremental
writer's fingerprints): about a seventh of a one-edit build at 1,000 posts.

While pages are written, posts no longer change: Pelican made them, the
generators and plugins finished with them (``all_generators_finalized``),
and the writer only reads them. :func:`install_memo` runs when Pelican asks
for its writer (``get_writer``, after every generator finalized) and puts a
memoising wrapper in place of ``Content.get_url_setting`` (an internal,
checked by :mod:`.internals`); :func:`remove_memo` puts Pelican's method
back when the build finishes, and forgets the values. A value is kept with
what it was computed from that a late plugin could still change (the slug,
the status, the language, the metadata's own entry, an ``override_`` value):
when one of them differs, Pelican's method computes it again.
"""

from __future__ import annotations

import functools
from typing import Any

from .stand_ins import is_stand_in, put_back, put_in_place


def _inputs(content: Any, key: str) -> tuple[Any, ...]:
    """Return what a memoised ``key`` of ``content`` was computed from."""
    metadata = getattr(content, "metadata", None) or {}
    return (
        getattr(content, "slug", None),
        getattr(content, "status", None),
        getattr(content, "lang", None),
        getattr(content, "in_default_lang", None),
        getattr(content, f"override_{key}", None),
        metadata.get(key),
        metadata.get("slug"),
        id(getattr(content, "date", None)),
    )


def install_memo() -> None:
    """Put the memoising wrapper in place of Pelican's method, once."""
    from pelican.contents import Content  # noqa: PLC0415

    current = Content.get_url_setting
    if is_stand_in(current):
        return
    known: dict[tuple[int, str], tuple[Any, tuple[Any, ...], str]] = {}

    @functools.wraps(current)
    def get_url_setting(self: Content, key: str) -> str:
        inputs = _inputs(self, key)
        kept = known.get((id(self), key))
        if kept is not None and kept[0] is self and kept[1] == inputs:
            return kept[2]
        value = current(self, key)
        known[id(self), key] = (self, inputs, value)
        return value

    put_in_place(Content, "get_url_setting", get_url_setting, current)


def remove_memo() -> None:
    """Put Pelican's own method back (and forget its values), if wrapped."""
    from pelican.contents import Content  # noqa: PLC0415

    put_back(Content, "get_url_setting")
