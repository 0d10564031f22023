"""Series of posts, named by the ``Series:`` metadata of the series plugin.

Provides :func:`series_places`: for each post whose metadata names a series
(``Series: Python 3 OOP``), its :class:`SeriesPlace`, the series' name, the
post's number in it and the series' posts in order. The order is the series
plugin's: the posts with a ``series_index`` first, by that number, then the
others by date. A series is the listed (published) posts of one language
with that name, and has two posts or more; a draft or hidden post of a
series gets no number but the list of its listed posts. The plugin stores
the place as ``series_place`` on every article (``None`` outside a series);
the theme shows it as "Part N of M" and the list (``partials/series.html``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


@dataclass(frozen=True)
class SeriesPlace:
    """A post's place in its series: ``number`` is 1-based, ``None`` if unlisted."""

    name: str
    number: int | None
    posts: tuple[Any, ...]

    @property
    def count(self) -> int:
        """The number of listed posts in the series."""
        return len(self.posts)


def series_name(post: Any) -> str | None:
    """Return the series ``post``'s metadata names, white space tidied, or None."""
    value = getattr(post, "metadata", {}).get("series")
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def series_index(post: Any) -> int | None:
    """Return the post's ``series_index`` metadata as a number, or None."""
    value = getattr(post, "metadata", {}).get("series_index")
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def in_series_order(posts: Iterable[Any]) -> tuple[Any, ...]:
    """Order ``posts`` as the series plugin does: by ``series_index``, then by date."""
    posts = list(posts)
    indexed = [post for post in posts if series_index(post) is not None]
    dated = [post for post in posts if series_index(post) is None]
    indexed.sort(key=lambda post: (series_index(post), post.date))
    dated.sort(key=lambda post: post.date)
    return (*indexed, *dated)


def series_places(
    listed: Iterable[Any], unlisted: Iterable[Any] = ()
) -> dict[int, SeriesPlace]:
    """Map ``id(post)`` to the :class:`SeriesPlace` of each post in a series.

    ``listed`` are the published posts and translations, which make up the
    series; ``unlisted`` (drafts, hidden posts) only see them.
    """
    members: dict[tuple[str, str], list[Any]] = {}
    for post in listed:
        name = series_name(post)
        if name:
            members.setdefault((getattr(post, "lang", ""), name), []).append(post)
    series: dict[tuple[str, str], Sequence[Any]] = {
        key: in_series_order(posts) for key, posts in members.items() if len(posts) > 1
    }
    places: dict[int, SeriesPlace] = {}
    for (_lang, name), posts in series.items():
        for number, post in enumerate(posts, start=1):
            places[id(post)] = SeriesPlace(name, number, tuple(posts))
    for post in unlisted:
        name = series_name(post)
        posts = series.get((getattr(post, "lang", ""), name or ""))
        if name and posts:
            places[id(post)] = SeriesPlace(name, None, tuple(posts))
    return places
