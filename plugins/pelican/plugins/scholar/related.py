"""Related posts, and each post's chronological neighbours.

Provides :func:`chronological_neighbours` (the older and newer listed post)
and :func:`related_by_tags`, computed for every post at once through an
index from tag to posts. The plugin stores them as ``older_post``,
``newer_post`` and ``related_posts`` on each article.
"""

from __future__ import annotations

import heapq
from collections import Counter
from itertools import chain
from operator import neg
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable, Sequence


def related_by_tags(
    posts: Iterable[Any], candidates: Sequence[Any], limit: int
) -> dict[int, list[Any]]:
    """Map ``id(post)`` to up to ``limit`` ``candidates`` sharing its tags.

    Most shared tags first, then newest, then by title; a post is never its
    own relation. Candidates are ranked once; each post's shared-tag counts
    come from one ``Counter`` over its tags' ranked lists, and the best few
    from a heap of plain tuples, with no Python function per candidate.
    """
    ranked = sorted(candidates, key=lambda post: (-post.date.timestamp(), post.title))
    ranks_by_tag: dict[Hashable, list[int]] = {}
    for rank, candidate in enumerate(ranked):
        for tag in set(getattr(candidate, "tags", ())):
            ranks_by_tag.setdefault(tag, []).append(rank)
    rank_of = {id(candidate): rank for rank, candidate in enumerate(ranked)}
    related: dict[int, list[Any]] = {}
    for post in posts:
        tags = set(getattr(post, "tags", ()))
        shared = Counter(chain.from_iterable(ranks_by_tag.get(tag, ()) for tag in tags))
        shared.pop(rank_of.get(id(post), -1), None)
        by_strength = zip(map(neg, shared.values()), shared.keys(), strict=True)
        best = heapq.nsmallest(limit, by_strength)
        related[id(post)] = [ranked[rank] for _, rank in best]
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
