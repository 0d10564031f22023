"""Related posts, and each post's chronological neighbours.

Provides :func:`chronological_neighbours` (the older and newer listed post)
and :func:`related_by_tags`, computed for every post at once through an
index from tag to posts, so the cost grows with the posts sharing a tag, not
with the square of the number of posts. Ties go to the newer post, then by
title. The plugin stores the result as ``related_posts`` on each article.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Hashable, Sequence


def related_by_tags(posts: Sequence[Any], limit: int) -> dict[int, list[Any]]:
    """Map ``id(post)`` to up to ``limit`` other posts sharing its tags."""
    by_tag: dict[Hashable, list[Any]] = {}
    for post in posts:
        for tag in getattr(post, "tags", ()):
            by_tag.setdefault(tag, []).append(post)
    related: dict[int, list[Any]] = {}
    for post in posts:
        shared: Counter[int] = Counter()
        others: dict[int, Any] = {}
        for tag in getattr(post, "tags", ()):
            for other in by_tag[tag]:
                if other is not post:
                    shared[id(other)] += 1
                    others[id(other)] = other
        ranked = sorted(
            others.values(),
            key=lambda other: (
                -shared[id(other)],
                -other.date.timestamp(),
                other.title,
            ),
        )
        related[id(post)] = ranked[:limit]
    return related


def chronological_neighbours(posts: Sequence[Any]) -> dict[int, tuple[Any, Any]]:
    """Map ``id(post)`` to ``(older, newer)`` listed posts (``None`` at the ends)."""
    ordered = sorted(posts, key=lambda post: (post.date.timestamp(), post.title))
    neighbours = {}
    for index, post in enumerate(ordered):
        older = ordered[index - 1] if index > 0 else None
        newer = ordered[index + 1] if index + 1 < len(ordered) else None
        neighbours[id(post)] = (older, newer)
    return neighbours
