"""Markup that loads from another host: each kind of element, and what is not one."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DEMO_SITEURL

from pelican.plugins.scholar.external_loads import ExternalLoad, find_external_loads
from pelican.plugins.scholar.sitecheck import external_loads_in


def loads(markup: str, *own: str) -> list[tuple[str, str, str]]:
    return [
        (load.tag, load.attribute, load.url)
        for load in find_external_loads(markup, own)
    ]


@pytest.mark.parametrize(
    ("markup", "tag", "attribute"),
    [
        ('<script src="https://cdn.example.com/x"></script>', "script", "src"),
        ('<iframe src="https://cdn.example.com/x"></iframe>', "iframe", "src"),
        ('<img src="https://cdn.example.com/x" alt="">', "img", "src"),
        ('<img src="https://cdn.example.com/x" alt=""/>', "img", "src"),
        ('<video><source src="https://cdn.example.com/x"></video>', "source", "src"),
        ('<video src="https://cdn.example.com/x"></video>', "video", "src"),
        ('<video poster="https://cdn.example.com/x"></video>', "video", "poster"),
        ('<audio src="https://cdn.example.com/x"></audio>', "audio", "src"),
        ('<embed src="https://cdn.example.com/x">', "embed", "src"),
        ('<video><track src="https://cdn.example.com/x"></video>', "track", "src"),
        ('<object data="https://cdn.example.com/x"></object>', "object", "data"),
        ('<link rel="stylesheet" href="https://cdn.example.com/x">', "link", "href"),
        ('<link rel="preload" href="https://cdn.example.com/x">', "link", "href"),
        ('<link rel="shortcut icon" href="https://cdn.example.com/x">', "link", "href"),
        ('<link rel="preconnect" href="https://cdn.example.com/x">', "link", "href"),
        ('<base href="https://cdn.example.com/x">', "base", "href"),
        ('<input type="image" src="https://cdn.example.com/x">', "input", "src"),
        ('<svg><image href="https://cdn.example.com/x"/></svg>', "image", "href"),
        (
            '<table background="https://cdn.example.com/x"></table>',
            "table",
            "background",
        ),
        (
            '<div style="background: url(https://cdn.example.com/x)"></div>',
            "div",
            "style",
        ),
        (
            "<p style=\"background:url('https://cdn.example.com/x')\">a</p>",
            "p",
            "style",
        ),
        (
            '<style>p { background: url("https://cdn.example.com/x") }</style>',
            "style",
            "url()",
        ),
        ('<style>@import "https://cdn.example.com/x";</style>', "style", "@import"),
    ],
)
def test_each_kind_of_loading_element(markup: str, tag: str, attribute: str) -> None:
    assert loads(markup) == [(tag, attribute, "https://cdn.example.com/x")]


def test_srcset_candidates_each_count() -> None:
    markup = (
        '<img src="/a.png" alt="" srcset="/a.png 1x, https://cdn.example.com/b.png 2x,'
        ' //img.example.net/c.png 3x">'
        '<picture><source srcset="https://cdn.example.com/d.webp"></picture>'
    )
    assert loads(markup) == [
        ("img", "srcset", "https://cdn.example.com/b.png"),
        ("img", "srcset", "//img.example.net/c.png"),
        ("source", "srcset", "https://cdn.example.com/d.webp"),
    ]


def test_protocol_relative_urls_are_another_host() -> None:
    assert loads('<script src="//stats.example.com/t.js"></script>') == [
        ("script", "src", "//stats.example.com/t.js")
    ]


def test_the_sites_own_host_is_not_another_host() -> None:
    markup = (
        '<img src="https://blog.example.org/a.png" alt="">'
        '<img src="HTTPS://Blog.Example.org:443/b.png" alt="">'
        '<script src="//blog.example.org/c.js"></script>'
        '<img src="https://cdn.example.org/d.png" alt="">'
    )
    assert loads(markup, "blog.example.org") == [
        ("img", "src", "https://cdn.example.org/d.png")
    ]


def test_links_a_reader_follows_and_local_urls_are_not_loads() -> None:
    markup = (
        '<a href="https://example.com/paper.pdf">paper</a>'
        '<link rel="canonical" href="https://example.com/">'
        '<link rel="alternate" type="application/atom+xml" href="https://example.com/f">'
        '<img src="/images/a.png" alt=""><img src="b.png" alt="">'
        '<img src="data:image/png;base64,AAAA" alt="">'
        '<input type="text" src="https://example.com/x">'
        '<div style="color: red"></div><!-- <script src="https://example.com/x"></script> -->'
    )
    assert loads(markup) == []


def test_line_numbers_are_the_lines_of_the_markup() -> None:
    markup = (
        "<p>one</p>\n"
        "<p>two</p>\n"
        '<iframe\n  src="https://www.youtube.com/embed/x"></iframe>\n'
        "<style>\n"
        "h1 { color: red }\n"
        "body { background: url(//cdn.example.com/bg.png) }\n"
        "</style>\n"
    )
    assert find_external_loads(markup) == [
        ExternalLoad(3, "iframe", "src", "https://www.youtube.com/embed/x"),
        ExternalLoad(7, "style", "url()", "//cdn.example.com/bg.png"),
    ]


def test_a_load_describes_itself_as_check_lists_it() -> None:
    [load] = find_external_loads('<script src="https://t.example.com/t.js"></script>')
    assert load.describe() == "<script src=https://t.example.com/t.js>"


def test_every_page_of_a_built_site_is_read(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "index.html").write_text(
        '<html><body>\n<img src="https://blog.example.org/a.png" alt=""></body></html>'
    )
    (tmp_path / "posts" / "p.html").write_text(
        '<html><body>\n\n<script src="https://t.example.com/t.js"></script></body></html>'
    )
    found = external_loads_in(tmp_path, "https://blog.example.org/blog")
    assert [load.describe() for load in found] == [
        "posts/p.html: 3: <script src=https://t.example.com/t.js>"
    ]


@pytest.mark.slow
def test_the_demos_production_build_loads_nothing_from_elsewhere(
    demo_production: Path,
) -> None:
    assert external_loads_in(demo_production, DEMO_SITEURL) == []
