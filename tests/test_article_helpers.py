"""Related posts, neighbours, citations, tables of contents, code CSS."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import pytest

from pelican.plugins.scholar.citation import bibtex, citation_key, escape_bibtex
from pelican.plugins.scholar.pygments_css import highlight_css
from pelican.plugins.scholar.related import chronological_neighbours, related_by_tags
from pelican.plugins.scholar.toc import Heading, table_of_contents


@dataclass(eq=False)
class Post:
    title: str
    date: datetime
    tags: list[str] = field(default_factory=list)


def day(n: int) -> datetime:
    return datetime(2024, 1, n)


def titles(posts) -> list[str]:
    return [post.title for post in posts]


def test_related_posts_by_shared_tags_then_newest_then_title() -> None:
    me = Post("me", day(10), ["a", "b", "c"])
    two_old = Post("two old", day(1), ["a", "b"])
    two_new = Post("two new", day(5), ["b", "c"])
    one_b = Post("one b", day(7), ["c"])
    one_a = Post("one a", day(7), ["a"])
    none = Post("none", day(9), ["z"])
    posts = [me, two_old, two_new, one_b, one_a, none]
    related = related_by_tags(posts, posts, limit=4)
    assert titles(related[id(me)]) == ["two new", "two old", "one a", "one b"]
    assert titles(related_by_tags([me], posts, limit=1)[id(me)]) == ["two new"]
    assert related[id(none)] == []


def test_related_posts_come_from_candidates_only_and_never_self() -> None:
    listed = [Post("listed", day(1), ["a"])]
    hidden = Post("hidden", day(2), ["a"])
    related = related_by_tags([hidden, *listed], listed, limit=3)
    assert titles(related[id(hidden)]) == ["listed"]
    assert related[id(listed[0])] == []
    assert related_by_tags(listed, listed, limit=0)[id(listed[0])] == []


def test_duplicate_tags_count_once() -> None:
    me = Post("me", day(3), ["a", "a"])
    one = Post("one", day(1), ["a", "b"])
    other = Post("other", day(2), ["a"])
    assert titles(related_by_tags([me], [me, one, other], 2)[id(me)]) == [
        "other",
        "one",
    ]


def test_chronological_neighbours() -> None:
    first, second, third = Post("1", day(1)), Post("2", day(2)), Post("3", day(3))
    neighbours = chronological_neighbours([third, first, second])
    assert neighbours[id(first)] == (None, second)
    assert neighbours[id(second)] == (first, third)
    assert neighbours[id(third)] == (second, None)


def test_bibtex_entry_is_escaped_and_keyed() -> None:
    entry = bibtex(
        authors=["Mira Castellan"],
        title="What's in Pass@K? 50% & {more}",
        date=datetime(2026, 6, 23),
        url="https://example.org/posts/2026/06/whats-in-pass-at-k/",
        site="Mira's_blog",
    )
    assert entry.splitlines() == [
        "@online{castellan2026pass,",
        "  author = {Castellan, Mira},",
        r"  title = {{What's in Pass@K? 50\% \& \{more\}}},",
        "  year = {2026},",
        "  month = jun,",
        "  url = {https://example.org/posts/2026/06/whats-in-pass-at-k/},",
        r"  organization = {Mira's\_blog},",
        "  note = {Blog post}",
        "}",
    ]


def test_bibtex_entry_names_every_author_and_none_when_there_is_none() -> None:
    when = datetime(2024, 1, 5)
    entry = bibtex(["Ada Lovelace", "Doe, Jane", "Plato"], "Notes", when, "/n", "S")
    assert entry.splitlines()[:2] == [
        "@online{lovelace2024notes,",
        "  author = {Lovelace, Ada and Doe, Jane and Plato},",
    ]
    anonymous = bibtex([], "Notes", when, "/n", "S")
    assert anonymous.startswith("@online{anon2024notes,\n  title = ")
    assert "author" not in anonymous


@pytest.mark.parametrize(
    ("author", "title", "key"),
    [
        (
            "Mira Castellan",
            "The Infrastructure Cost of MoE Routing Replay",
            "castellan2026infrastructure",
        ),
        ("José Núñez", "Über—Alles: a title", "nunez2026uber"),
        ("", "A", "anon2026post"),
    ],
)
def test_citation_keys(author: str, title: str, key: str) -> None:
    assert citation_key(author, 2026, title) == key


def test_escape_bibtex_specials() -> None:
    assert (
        escape_bibtex("a\\b ~ ^ #1")
        == r"a\textbackslash{}b \textasciitilde{} \textasciicircum{} \#1"
    )


def test_table_of_contents_keeps_linkable_h2_and_h3() -> None:
    html = (
        '<h1 id="t">Title</h1><h2 id="intro">Intro<a class="headerlink" href="#intro">#</a></h2>'
        '<h3 id="sub">A <em>sub</em> &amp; more</h3><h2>No id</h2><h4 id="deep">Deep</h4>'
    )
    assert table_of_contents(html) == [
        Heading(2, "intro", "Intro"),
        Heading(3, "sub", "A sub & more"),
    ]


def test_highlight_css_has_light_rules_and_both_dark_selectors() -> None:
    css = highlight_css("xcode", "lightbulb")
    assert ".highlight .k " in css or ".highlight .k{" in css
    assert 'html[data-theme="dark"] .highlight' in css
    assert "@media (prefers-color-scheme: dark)" in css
    assert "html:not([data-theme]) .highlight" in css
