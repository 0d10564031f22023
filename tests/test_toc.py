"""The theme's table of contents steps aside for the post's own."""

from __future__ import annotations

import pytest

from pelican.plugins.scholar.toc import (
    Heading,
    has_own_toc,
    shows_theme_toc,
    table_of_contents,
    toc_choice,
)

ONE = [Heading(2, "a", "A")]
TWO = [Heading(2, "a", "A"), Heading(3, "b", "B")]


# --- reStructuredText's sections ------------------------------------------------


def test_rest_sections_give_their_headings_anchors() -> None:
    # As docutils 0.23 and Pelican's reST reader write them, with .. contents::.
    html = (
        '<div class="section" id="introduction">\n'
        '<h2><a class="toc-backref" href="#toc-entry-1">Introduction</a></h2>\n'
        "<p>Text.</p>\n"
        '<div class="section" id="a-detail">\n<h3>A <em>detail</em></h3>\n'
        "</div>\n</div>\n"
        '<section id="html5">\n  <h2>Written by an HTML5 writer</h2></section>'
    )
    assert table_of_contents(html) == [
        Heading(2, "introduction", "Introduction"),
        Heading(3, "a-detail", "A detail"),
        Heading(2, "html5", "Written by an HTML5 writer"),
    ]


@pytest.mark.parametrize(
    "html",
    [
        '<div class="note" id="n"><h2>Not a section</h2></div>',
        '<div class="section" id="s"><p>Text first.</p><h2>Later</h2></div>',
        '<div class="section"><h2>A section without an id</h2></div>',
        '<div class="section" id="s">' + " " * 300 + "<h2>Too far</h2></div>",
    ],
)
def test_other_headings_without_ids_are_left_out(html: str) -> None:
    assert table_of_contents(html) == []


def test_a_headings_own_id_comes_before_its_sections() -> None:
    html = '<section id="outer"><h2 id="own">Own</h2></section>'
    assert table_of_contents(html) == [Heading(2, "own", "Own")]


# --- the post's own table of contents -------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        # Python-Markdown's [TOC], with the default and an added class.
        '<div class="toc">\n<ul>\n<li><a href="#a">A</a></li>\n</ul>\n</div>',
        "<div class='toc wide'><ul></ul></div>",
        # reStructuredText's .. contents:: (html4css1 writer, Pelican's).
        '<div class="contents topic" id="contents">\n<p class="topic-title">C</p>',
        # docutils' HTML5 writer.
        '<nav class="contents" id="contents" role="doc-toc"><ul></ul></nav>',
        '<p>Intro.</p><div class="toc"><ul><li>deep in the post</li></ul></div>',
    ],
)
def test_a_table_of_contents_in_the_body_is_found(html: str) -> None:
    assert has_own_toc(html)


@pytest.mark.parametrize(
    "html",
    [
        "",
        "<p>A protocol with contents, in words only: toc.</p>",
        '<div class="tocbot">x</div><div class="table-of-contents">y</div>',
        '<ul class="toc">not a div or nav</ul><span class="contents">x</span>',
        '<nav class="menu"><a href="#toc">toc</a></nav>',
        '<!-- <div class="toc"></div> -->',
        "<script>document.write('<div class=\"toc\"></div>')</script>",
        '<pre><code>&lt;div class="toc"&gt;</code></pre>',
    ],
)
def test_anything_else_is_no_table_of_contents(html: str) -> None:
    assert not has_own_toc(html)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        (True, True),
        (False, False),
        ("true", True),
        (" Yes ", True),
        ("on", True),
        ("1", True),
        ("false", False),
        ("NO", False),
        ("off", False),
        ("0", False),
    ],
)
def test_toc_metadata_values(value: object, expected: bool | None) -> None:
    assert toc_choice(value) is expected


@pytest.mark.parametrize("value", ["", "maybe", "2", "none", 2])
def test_other_toc_metadata_values_are_refused(value: object) -> None:
    with pytest.raises(ValueError, match="expected true or false"):
        toc_choice(value)


@pytest.mark.parametrize(
    ("entries", "own_toc", "choice", "shown"),
    [
        # By default: two entries or more, and no table of contents of its own.
        ([], False, None, False),
        (ONE, False, None, False),
        (TWO, False, None, True),
        (TWO, True, None, False),
        # toc: false always hides it.
        (TWO, False, False, False),
        # toc: true shows it with one entry, even beside the post's own.
        (TWO, True, True, True),
        (ONE, False, True, True),
        ([], False, True, False),
    ],
)
def test_when_the_theme_shows_its_table_of_contents(
    entries: list[Heading], own_toc: bool, choice: bool | None, shown: bool
) -> None:
    assert shows_theme_toc(entries, own_toc=own_toc, choice=choice) is shown


@pytest.mark.parametrize(
    ("own_toc", "choice", "shown"),
    [(False, None, False), (True, None, False), (False, True, True)],
)
def test_a_site_can_turn_tables_of_contents_off(
    own_toc: bool, choice: bool | None, shown: bool
) -> None:
    decided = shows_theme_toc(TWO, own_toc=own_toc, choice=choice, enabled=False)
    assert decided is shown


def test_a_post_sectioned_with_h1_lists_h1_and_h2() -> None:
    body = (
        '<h1 id="intro">Intro</h1><p>a</p><h2 id="detail">Detail</h2>'
        '<h3 id="deeper">Deeper</h3><h1 id="end">End</h1>'
    )
    assert [(entry.level, entry.anchor) for entry in table_of_contents(body)] == [
        (1, "intro"),
        (2, "detail"),
        (1, "end"),
    ]


def test_without_h1_the_contents_are_h2_and_h3() -> None:
    body = '<h2 id="a">A</h2><h3 id="b">B</h3><h4 id="c">C</h4>'
    assert [entry.anchor for entry in table_of_contents(body)] == ["a", "b"]
