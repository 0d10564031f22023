"""Posts grouped by tag, for the Posts by Tags page, and tag hygiene.

Provides :func:`group_posts_by_tag`, which the plugin publishes to templates as
``posts_by_tag``: a list of :class:`TagGroup` ``(tag, posts)`` pairs, the same
shape as Pelican's own ``tags`` variable, so ``{% for tag, posts in
posts_by_tag %}`` works. Every tag of every published post is there, listed or
hidden; a tag carried only by hidden posts has an empty list, so a hidden
post's tag links never point at a missing section. Posts are newest first, ties
broken by title. Drafts are not passed in and contribute nothing.

Also provides :func:`find_slug_collisions`: Pelican treats tags as equal when
their slugs are ("C++" and "C#" both become ``c``; "RL" and "rl" become
``rl``), shows them as one tag under the first spelling it met, and says
nothing. The plugin warns instead, naming every spelling and its files.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Iterable, Sequence
    from datetime import datetime


class TaggedPost(Protocol):
    """What grouping needs of a post (Pelican's ``Article`` has it all)."""

    title: str
    date: datetime
    tags: Sequence[Hashable]


def tag_anchor(tag: Any) -> str:
    """Return the ``id`` of a tag's section on the Posts by Tags page.

    The tag's slug; when slugify leaves nothing ("한국어" without
    ``SLUGIFY_USE_UNICODE``, or only punctuation), a stable ``tag-`` plus a
    short hash of the name, so every section can still be linked.
    """
    slug = getattr(tag, "slug", "") or ""
    if slug:
        return slug
    digest = hashlib.sha1(str(tag).encode("utf-8"), usedforsecurity=False).hexdigest()
    return f"tag-{digest[:8]}"


class SlugCollision(NamedTuple):
    """Different tag names that Pelican merges because their slugs are equal."""

    slug: str
    files_by_name: dict[str, list[str]]
    """Each spelling, in the order met, with the files that use it."""


class TagGroup(NamedTuple):
    """One section of the Posts by Tags page."""

    tag: Any
    posts: list[Any]


def _newest_first(post: TaggedPost) -> tuple[float, str]:
    return (-post.date.timestamp(), post.title)


def _section_key(order: str) -> Callable[[TagGroup], tuple[Any, ...]]:
    if order == "codepoint":
        return lambda group: (str(group.tag),)
    if order == "casefold":
        return lambda group: (str(group.tag).casefold(), str(group.tag))
    if order == "count":
        return lambda group: (-len(group.posts), str(group.tag))
    msg = f"unknown tag order {order!r}"
    raise ValueError(msg)


def group_posts_by_tag(
    listed: Iterable[TaggedPost],
    hidden: Iterable[TaggedPost] = (),
    order: str = "codepoint",
) -> list[TagGroup]:
    """Group ``listed`` posts under each of their tags, in the given section order.

    Tags of ``hidden`` posts get a section too, but hidden posts are never listed.
    Tags are matched as Pelican matches them (``Tag`` objects are equal by slug);
    the first spelling seen names the section.
    """
    sections: dict[Hashable, TagGroup] = {}
    for post in listed:
        for tag in getattr(post, "tags", ()):
            sections.setdefault(tag, TagGroup(tag, [])).posts.append(post)
    for post in hidden:
        for tag in getattr(post, "tags", ()):
            sections.setdefault(tag, TagGroup(tag, []))
    groups = list(sections.values())
    for group in groups:
        group.posts.sort(key=_newest_first)
    groups.sort(key=_section_key(order))
    return groups


def find_slug_collisions(posts: Iterable[Any]) -> list[SlugCollision]:
    """Return every slug that more than one tag name maps to, in slug order.

    ``posts`` have ``tags`` (with ``name`` and ``slug``) and a
    ``relative_source_path`` (Pelican's path under ``PATH``) or ``source_path``.
    """
    names_by_slug: dict[str, dict[str, list[str]]] = {}
    for post in posts:
        for tag in getattr(post, "tags", ()):
            files = names_by_slug.setdefault(tag.slug, {}).setdefault(tag.name, [])
            source = str(
                getattr(post, "relative_source_path", None)
                or getattr(post, "source_path", "?")
            )
            if source not in files:
                files.append(source)
    return [
        SlugCollision(slug, files_by_name)
        for slug, files_by_name in sorted(names_by_slug.items())
        if len(files_by_name) > 1
    ]
