from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pytest
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Tag

from pelican.plugins.scholar.tags import find_slug_collisions, group_posts_by_tag

SETTINGS = DEFAULT_CONFIG  # Pelican's slug rules: "C++" and "C#" both become "c"


def tag(name: str) -> Tag:
    return Tag(name, SETTINGS)


@dataclass
class Post:
    title: str
    date: datetime
    tags: list[Tag] = field(default_factory=list)


def names(groups) -> list[str]:
    return [str(group.tag) for group in groups]


def titles(posts) -> list[str]:
    return [post.title for post in posts]


def test_sections_sorted_by_code_point_uppercase_first() -> None:
    post = Post(
        "p",
        datetime(2024, 1, 1),
        [tag(n) for n in ["agents", "RL", "MoE", "advantage"]],
    )
    assert names(group_posts_by_tag([post])) == ["MoE", "RL", "advantage", "agents"]


def test_posts_newest_first_ties_by_title() -> None:
    rl = tag("RL")
    old = Post("Old", datetime(2023, 1, 1), [rl])
    new = Post("New", datetime(2024, 6, 1), [rl])
    same_day_b = Post("B same day", datetime(2024, 3, 1), [rl])
    same_day_a = Post("A same day", datetime(2024, 3, 1), [rl])
    [group] = group_posts_by_tag([old, same_day_b, new, same_day_a])
    assert titles(group.posts) == ["New", "A same day", "B same day", "Old"]


def test_a_tag_only_on_hidden_posts_keeps_an_empty_section() -> None:
    listed = Post("Listed", datetime(2024, 1, 1), [tag("RL")])
    hidden = Post("Hidden", datetime(2024, 2, 1), [tag("RL"), tag("PPO")])
    groups = group_posts_by_tag([listed], [hidden])
    assert names(groups) == ["PPO", "RL"]
    assert [titles(g.posts) for g in groups] == [[], ["Listed"]]


def test_groups_unpack_as_tag_and_posts_pairs() -> None:
    post = Post("p", datetime(2024, 1, 1), [tag("RL")])
    [(the_tag, posts)] = group_posts_by_tag([post])
    assert str(the_tag) == "RL"
    assert posts == [post]


def test_tags_equal_by_slug_share_a_section_named_by_first_spelling() -> None:
    first = Post("First", datetime(2024, 1, 1), [tag("RL")])
    second = Post("Second", datetime(2024, 2, 1), [tag("rl")])
    [group] = group_posts_by_tag([first, second])
    assert str(group.tag) == "RL"
    assert titles(group.posts) == ["Second", "First"]


def test_casefold_order() -> None:
    post = Post("p", datetime(2024, 1, 1), [tag(n) for n in ["beta", "Alpha", "Gamma"]])
    assert names(group_posts_by_tag([post], order="casefold")) == [
        "Alpha",
        "beta",
        "Gamma",
    ]


def test_count_order_most_posts_first_then_by_name() -> None:
    a, b, c = tag("a"), tag("b"), tag("c")
    posts = [
        Post("1", datetime(2024, 1, 1), [a, c]),
        Post("2", datetime(2024, 1, 2), [c]),
        Post("3", datetime(2024, 1, 3), [b]),
    ]
    assert names(group_posts_by_tag(posts, order="count")) == ["c", "a", "b"]


def test_posts_without_tags_are_left_out() -> None:
    assert group_posts_by_tag([Post("untagged", datetime(2024, 1, 1))]) == []


def test_unknown_order_is_an_error() -> None:
    with pytest.raises(ValueError, match="sideways"):
        group_posts_by_tag([], order="sideways")


@dataclass
class SourcedPost(Post):
    source_path: str = ""


def test_slug_collisions_name_every_spelling_and_file() -> None:
    posts = [
        SourcedPost("a", datetime(2024, 1, 1), [tag("C++"), tag("RL")], "posts/a.md"),
        SourcedPost("b", datetime(2024, 1, 2), [tag("C#")], "posts/b.md"),
        SourcedPost("c", datetime(2024, 1, 3), [tag("rl"), tag("C++")], "posts/c.md"),
    ]
    collisions = find_slug_collisions(posts)
    assert [(c.slug, c.files_by_name) for c in collisions] == [
        ("c", {"C++": ["posts/a.md", "posts/c.md"], "C#": ["posts/b.md"]}),
        ("rl", {"RL": ["posts/a.md"], "rl": ["posts/c.md"]}),
    ]


def test_same_spelling_everywhere_is_no_collision() -> None:
    posts = [
        SourcedPost("a", datetime(2024, 1, 1), [tag("RL")], "a.md"),
        SourcedPost("b", datetime(2024, 1, 2), [tag("RL")], "b.md"),
    ]
    assert find_slug_collisions(posts) == []
