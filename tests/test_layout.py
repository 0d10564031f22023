"""Layout that holds on any content: wide media, code, tables, headings, TOCs.

The fixture site (``tests/fixtures/layout``) holds what real posts hold and
the demo does not: a YouTube-style iframe, a 1280-pixel video, a 200-column
code block as a whole post, a 12-column table, a long URL, reST and Markdown
posts that open with a heading, and posts with their own table of contents.
"""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest
from conftest import (
    LAYOUT_SITE,
    build_or_fail,
    copy_site,
    run_pelican,
    served,
    soup,
    write_site,
)

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Page

HEADINGS = "h1, h2, h3, h4, h5, h6"
#: Articles whose content is wide, by slug.
WIDE_ARTICLES = (
    "embedded-video",
    "only-code",
    "only-a-table",
    "a-long-address",
    "only-a-formula",
)


@pytest.fixture(scope="session")
def layout_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The layout fixture site, built once per session."""
    root = tmp_path_factory.mktemp("layout-built")
    build_or_fail(copy_site(LAYOUT_SITE, root / "site"), root / "output")
    return root / "output"


def listing_pages(output: Path) -> list[Path]:
    """Every built page that lists posts with excerpts."""
    pages = [output / "index.html", *sorted((output / "tag").glob("*.html"))]
    return [*pages, output / "tags" / "index.html"]


def excerpts(output: Path) -> dict[str, str]:
    """Each post's excerpt on the home page, as HTML, by title."""
    page = soup(output / "index.html")
    return {
        item.select_one(".post-item__title").get_text(strip=True): str(
            item.select_one(".post-item__excerpt")
        )
        for item in page.select(".post-item")
    }


# --- listings ------------------------------------------------------------------


def test_listings_show_no_headings_or_tables_of_contents_from_excerpts(
    layout_output: Path,
) -> None:
    pages = listing_pages(layout_output)
    assert len(pages) > 3
    for path in pages:
        page = soup(path)
        assert page.select(".post-item__excerpt"), path
        found = page.select(
            f".post-item__excerpt :is({HEADINGS}, .toc, .contents, nav)"
        )
        assert found == [], (path, found)
        # Nor embedded media: a listing would load each player.
        media = page.select(".post-item__excerpt :is(iframe, video, embed, object)")
        assert media == [], (path, media)


def test_excerpts_start_at_the_first_paragraph_after_a_heading(
    layout_output: Path,
) -> None:
    shown = excerpts(layout_output)
    assert shown["A reST post that opens with a section"] == (
        '<div class="post-item__excerpt">'
        "<p>The first paragraph of the introduction.</p></div>"
    )
    assert shown["A reST post with its own contents"] == (
        '<div class="post-item__excerpt"><p>Text of the introduction.</p></div>'
    )
    assert shown["A heading first"] == (
        '<div class="post-item__excerpt"><p>The first paragraph, after a heading.</p>'
        "</div>"
    )
    # A heading written in Summary: metadata becomes a paragraph.
    assert shown["A summary written with a heading"] == (
        '<div class="post-item__excerpt"><p>Why this matters</p></div>'
    )
    # A post that holds only code after its heading shows the code.
    code = shown["A heading, then code"]
    assert "<pre>" in code
    assert "Setup" not in code


# --- tables of contents --------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "theme_toc", "own_toc"),
    [
        ("a-post-with-its-own-table-of-contents", 0, 1),
        ("a-rest-post-with-its-own-contents", 0, 1),
        ("a-rest-post-that-opens-with-a-section", 1, 0),
        ("a-post-with-headings-and-no-table-of-contents-of-its-own", 1, 0),
        ("a-heading-first", 1, 0),
        ("a-post-that-turns-the-table-of-contents-off", 0, 0),
        ("a-post-that-asks-for-the-themes-table-of-contents-too", 1, 1),
    ],
)
def test_the_themes_table_of_contents_steps_aside_for_the_posts_own(
    layout_output: Path, slug: str, theme_toc: int, own_toc: int
) -> None:
    page = soup(layout_output / f"{slug}.html")
    assert len(page.select("main nav.toc")) == theme_toc
    assert len(page.select(".post__content :is(div.toc, .contents)")) == own_toc


def test_invalid_toc_metadata_is_an_error_naming_the_file(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(LAYOUT_SITE, site)
    (site / "content" / "toc-maybe.md").write_text(
        "Title: Maybe\nDate: 2026-04-01\nToc: maybe\n\nText.\n", encoding="utf-8"
    )
    result = run_pelican(site, tmp_path / "output", "--fatal", "errors")
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    assert "toc-maybe.md: metadata 'toc' expected true or false, not 'maybe'" in log


# --- in a browser ----------------------------------------------------------------


@pytest.fixture(scope="session")
def layout_url(layout_output: Path):
    """The layout site, served on 127.0.0.1."""
    with served(layout_output) as url:
        yield url


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize(
    "path", ["/", "/tags/", *(f"/{slug}.html" for slug in WIDE_ARTICLES)]
)
def test_nothing_is_wider_than_the_viewport(
    reused_page: Page, layout_url: str, path: str, width: int
) -> None:
    reused_page.set_viewport_size({"width": width, "height": 900})
    reused_page.goto(f"{layout_url}{path}")
    scroll_width, inner_width = reused_page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width, f"{path} is {scroll_width}px at {width}px"


def test_embedded_video_keeps_its_aspect_ratio(
    reused_page: Page, layout_url: str
) -> None:
    reused_page.set_viewport_size({"width": 320, "height": 900})
    reused_page.goto(f"{layout_url}/embedded-video.html")
    sizes = reused_page.evaluate(
        """[...document.querySelectorAll('main iframe[width="560"]')].map(frame => {
            const box = frame.getBoundingClientRect();
            return [box.width, box.height, frame.parentElement.clientWidth];
        })"""
    )
    assert sizes
    for width, height, room in sizes:
        assert 0 < width <= room
        assert height == pytest.approx(width * 315 / 560, abs=1)


def test_wide_code_and_tables_in_excerpts_scroll_inside_themselves(
    reused_page: Page, layout_url: str
) -> None:
    reused_page.set_viewport_size({"width": 320, "height": 900})
    reused_page.goto(f"{layout_url}/")
    for selector in ("pre", "table", "math"):
        boxes = reused_page.evaluate(
            f"""[...document.querySelectorAll('.post-item__excerpt {selector}')]
            .map(e => [e.scrollWidth, e.clientWidth, getComputedStyle(e).overflowX])"""
        )
        assert boxes, selector
        assert any(scroll > client for scroll, client, _ in boxes), selector
        assert {overflow for _, _, overflow in boxes} == {"auto"}, selector


def test_scholar_toc_false_leaves_only_the_posts_that_ask(tmp_path: Path) -> None:
    output = tmp_path / "output"
    site = copy_site(LAYOUT_SITE, tmp_path / "site")
    build_or_fail(site, output, "-e", "SCHOLAR_TOC=false")
    for slug, theme_toc in [
        ("a-post-with-headings-and-no-table-of-contents-of-its-own", 0),
        ("a-post-that-asks-for-the-themes-table-of-contents-too", 1),
    ]:
        assert len(soup(output / f"{slug}.html").select("main nav.toc")) == theme_toc


#: The settings of a small site with this theme and plugin: no search, no feeds.
THEMED_SITE = """\
PLUGINS = ['pelican.plugins.scholar']
from pelican.plugins.scholar import theme_path
THEME = theme_path()
SCHOLAR_SEARCH = False
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
"""
#: A German post's compounds, longer than a phone's line in a title.
GERMAN_POST = """\
Title: Datenschutz und Informationssicherheitsmanagementsysteme
Date: 2024-01-01
Lang: de

Die Bundesausbildungsförderungsgesetzänderung betrifft
Rechtsschutzversicherungsgesellschaften.

    Kraftfahrzeughaftpflichtversicherung = 1
"""


@pytest.mark.parametrize(("width", "prose"), [(390, "auto"), (1280, "manual")])
def test_long_words_are_hyphenated_in_the_posts_language_on_a_phone(
    reused_page: Page, tmp_path: Path, width: int, prose: str
) -> None:
    # German posts (DEFAULT_LANG = 'de' sites of the last round) broke their
    # compounds anywhere at 390 px: "Informationssicherheits|managementsysteme"
    # in a title, "Bundesausbildungsförderungsgesetzänderu|ng" in a paragraph.
    # Hyphenation follows the page's lang; code is never hyphenated.
    site = write_site(
        tmp_path / "site",
        {"post.md": GERMAN_POST},
        THEMED_SITE + "DEFAULT_LANG = 'de'\n",
    )
    build_or_fail(site, tmp_path / "out")
    with served(tmp_path / "out") as url:
        reused_page.set_viewport_size({"width": width, "height": 900})
        reused_page.goto(
            f"{url}/datenschutz-und-informationssicherheitsmanagementsysteme.html"
        )
        assert reused_page.evaluate("document.documentElement.lang") == "de"
        hyphens = reused_page.evaluate(
            """[".post__title", ".post__content p", ".post__content pre"].map(
                (selector) => getComputedStyle(document.querySelector(selector)).hyphens)"""
        )
    assert hyphens == [prose, prose, "manual"]


#: A banner logo: alberand/Blog's blog-logo.png is 600 by 60 pixels.
WIDE_LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="60"'
    ' viewBox="0 0 600 60"><rect width="600" height="60" fill="#39c"/></svg>'
)


def test_a_wide_logo_and_the_sites_name_fit_on_a_phone(
    reused_page: Page, tmp_path: Path
) -> None:
    # alberand/Blog's logo is a 600 x 60 banner: 2 rem high, it was 320 px
    # wide, and with the site's name beside it the masthead of every page
    # was wider than a 390 px phone, the name cut off at its right edge.
    site = write_site(
        tmp_path / "site",
        {
            "post.md": "Title: A post\nDate: 2024-01-01\n\nPost.\n",
            "images/blog-logo.svg": WIDE_LOGO,
        },
        THEMED_SITE
        + "SITENAME = 'Andrey Albershtein'\nSITELOGO = 'images/blog-logo.svg'\n"
        "STATIC_PATHS = ['images']\n",
    )
    build_or_fail(site, tmp_path / "out")
    with served(tmp_path / "out") as url:
        reused_page.set_viewport_size({"width": 390, "height": 900})
        reused_page.goto(f"{url}/a-post.html")
        scroll_width, inner_width = reused_page.evaluate(
            "[document.documentElement.scrollWidth, window.innerWidth]"
        )
        logo, name = reused_page.evaluate(
            """[".masthead__logo", ".masthead__name"].map((selector) => {
                const box = document.querySelector(selector).getBoundingClientRect();
                return box.right;
            })"""
        )
        fit = reused_page.evaluate(
            "getComputedStyle(document.querySelector('.masthead__logo')).objectFit"
        )
    assert scroll_width <= inner_width
    assert logo <= inner_width
    assert name <= inner_width
    assert fit == "contain"  # the banner, drawn smaller, keeps its shape


def test_a_posts_own_table_of_contents_stays_in_its_text_on_a_wide_screen(
    reused_page: Page, tmp_path: Path
) -> None:
    # ccwang002/ccwang002.github.io puts Python-Markdown's [TOC] after each
    # post's first paragraph (33 posts): on screens 80 rem wide the theme's
    # own table of contents rule (.toc) took that <div class="toc"> out of
    # the text into the narrow column beside it, cutting its nested entries
    # mid-word ("Markdow|n", "adventur|e").
    site = write_site(
        tmp_path / "site",
        {
            "post.md": "Title: A post\nDate: 2024-01-01\n\nIntro.\n\n[TOC]\n\n"
            "## Markdown\n\nText.\n\n### Vim adventure\n\nMore.\n"
        },
        THEMED_SITE + "MARKDOWN = {'extension_configs': {'markdown.extensions.toc': {},"
        " 'markdown.extensions.extra': {}, 'markdown.extensions.meta': {}},"
        " 'output_format': 'html5'}\n",
    )
    build_or_fail(site, tmp_path / "out")
    with served(tmp_path / "out") as url:
        reused_page.set_viewport_size({"width": 1440, "height": 900})
        reused_page.goto(f"{url}/a-post.html")
        own = reused_page.locator(".post__content div.toc")
        position = own.evaluate("(toc) => getComputedStyle(toc).position")
        toc_box = own.bounding_box()
        text_box = reused_page.locator(".post__content").bounding_box()
    assert position == "static"
    assert toc_box is not None
    assert text_box is not None
    assert toc_box["x"] + toc_box["width"] <= text_box["x"] + text_box["width"]
