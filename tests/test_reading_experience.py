"""Reading the site: archives by year and month, the footer's links, no canonical
link on the 404 page, heading permalinks out of the tab order, period names."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import markdown
import pytest
from conftest import build_or_fail, soup, write_site
from test_html_valid import check_html

from pelican.plugins.scholar.i18n import month_text, period_text
from pelican.plugins.scholar.permalinks import (
    EXTENSION_NAME,
    PermalinkExtension,
    quiet_permalinks,
)

#: Posts per year: 2024 is a big year (more than the default 20).
YEARS = {2022: 1, 2024: 21, 2025: 2}

BASE_SETTINGS = """\
from pelican.plugins.scholar import theme_path
SITENAME = "Archive Site"
AUTHOR = "Ada"
THEME = theme_path()
PLUGINS = ["pelican.plugins.scholar"]
TIMEZONE = "UTC"
LOCALE = ("C.UTF-8", "C")
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
"""
#: Pelican's defaults otherwise: archives.html, the Atom feed, no period pages.
DEFAULTS_SITE = BASE_SETTINGS
#: Period archives, oldest first, months from 2 posts a year, an RSS feed too.
PERIOD_SITE = (
    BASE_SETTINGS
    + """\
SITEURL = "https://example.org"
FEED_ALL_RSS = "feeds/all.rss.xml"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
YEAR_ARCHIVE_URL = "posts/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "posts/{date:%Y}/index.html"
MONTH_ARCHIVE_URL = "posts/{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "posts/{date:%Y}/{date:%m}/index.html"
NEWEST_FIRST_ARCHIVES = False
SCHOLAR_ARCHIVES_MONTHS = 1
"""
)
#: A published page written as 404.html (instead of the 404 direct template).
NOT_FOUND_PAGE = "Title: Not here\nSave_as: 404.html\nURL: 404.html\n\nNothing here.\n"


def archive_posts() -> dict[str, str]:
    """Posts spread over :data:`YEARS`: 2024's over eleven months, 2025's two."""
    files = {}
    for year, count in YEARS.items():
        for number in range(count):
            spacing = 16 if count > 10 else 32
            day = datetime(year, 1, 5, 10) + timedelta(days=spacing * number)
            slug = f"post-{year}-{number:02d}"
            files[f"{slug}.md"] = (
                f"Title: Post {year} {number:02d}\nDate: {day:%Y-%m-%d %H:%M}\n"
                f"Slug: {slug}\n\nSome words.\n"
            )
    return files


@pytest.fixture(scope="module")
def defaults_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive site with Pelican's defaults; returns the output folder."""
    root = tmp_path_factory.mktemp("archives-defaults")
    build_or_fail(
        write_site(root / "site", archive_posts(), DEFAULTS_SITE), root / "out"
    )
    return root / "out"


@pytest.fixture(scope="module")
def period_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive site with period archives (:data:`PERIOD_SITE`)."""
    root = tmp_path_factory.mktemp("archives-periods")
    files = {**archive_posts(), "pages/not-found.md": NOT_FOUND_PAGE}
    build_or_fail(write_site(root / "site", files, PERIOD_SITE), root / "out")
    return root / "out"


def titles(element) -> list[str]:
    return [line.a.get_text() for line in element.select("li.post-line")]


def heading_texts(page, selector: str) -> list[str]:
    return [" ".join(h.get_text().split()) for h in page.select(selector)]


# --- archives ------------------------------------------------------------------


def test_archives_are_grouped_by_year_newest_first(defaults_site: Path) -> None:
    page = soup(defaults_site / "archives.html")
    years = page.select("main > section.archive-period")
    assert [section.h2["id"] for section in years] == ["2025", "2024", "2022"]
    assert heading_texts(page, "main > section > h2") == [
        "2025 2 posts",
        "2024 21 posts",
        "2022 1 post",
    ]
    assert [section["aria-labelledby"] for section in years] == ["2025", "2024", "2022"]
    newest = titles(years[0])
    assert newest == ["Post 2025 01", "Post 2025 00"]
    # No year pages in Pelican's defaults: the headings link nowhere.
    assert not page.select("main h2 a")
    # Not the home page's list: one line per post, no excerpts.
    assert not page.select("main .post-item")
    assert len(page.select("main li.post-line")) == sum(YEARS.values())


def test_a_year_of_more_than_twenty_posts_is_divided_by_month(
    defaults_site: Path,
) -> None:
    page = soup(defaults_site / "archives.html")
    big = page.select_one("section:has(> h2[id='2024'])")
    months = big.select("section.archive-period--month")
    assert [m.h3["id"] for m in months][:2] == ["2024-11", "2024-10"]
    assert heading_texts(big, "h3")[0] == "November 2 posts"
    assert heading_texts(big, "h3")[-1] == "January 2 posts"
    assert sum(len(titles(m)) for m in months) == YEARS[2024]
    assert titles(months[0]) == ["Post 2024 20", "Post 2024 19"]
    # Small years stay one list.
    assert not page.select("section:has(> h2[id='2025']) h3")


def test_archives_follow_period_settings_and_oldest_first(period_site: Path) -> None:
    page = soup(period_site / "archives" / "index.html")
    years = page.select("main > section.archive-period")
    assert [section.h2["id"] for section in years] == ["2022", "2024", "2025"]
    # Each year's heading links to its year page, each month's to its month page.
    assert [a["href"] for a in page.select("main h2 a")] == [
        "https://example.org/posts/2022/",
        "https://example.org/posts/2024/",
        "https://example.org/posts/2025/",
    ]
    # SCHOLAR_ARCHIVES_MONTHS = 1: two posts are enough for months, one is not.
    assert not years[0].select("h3")
    assert heading_texts(years[2], "h3") == ["January 1 post", "February 1 post"]
    assert years[2].select_one("h3 a")["href"] == "https://example.org/posts/2025/01/"
    assert titles(years[1])[:2] == ["Post 2024 00", "Post 2024 01"]


def test_a_year_page_is_divided_by_month_a_month_page_is_one_list(
    period_site: Path,
) -> None:
    year = soup(period_site / "posts" / "2024" / "index.html")
    assert year.select_one("main h1").get_text() == "Archives for 2024"
    assert year.title.get_text().startswith("Archives for 2024 ·")
    assert heading_texts(year, "main > section > h2")[:2] == [
        "January 2 posts",
        "February 2 posts",
    ]
    assert not year.select("main h3")
    assert len(year.select("li.post-line")) == YEARS[2024]
    month = soup(period_site / "posts" / "2024" / "03" / "index.html")
    assert month.select_one("main h1").get_text() == "Archives for March 2024"
    assert not month.select("main h2, main section")
    assert titles(month) == ["Post 2024 04", "Post 2024 05"]


def test_an_archive_of_no_posts_says_so(tmp_path: Path) -> None:
    site = write_site(
        tmp_path / "site", {"pages/about.md": "Title: About\n\nHi.\n"}, DEFAULTS_SITE
    )
    build_or_fail(site, tmp_path / "out")
    page = soup(tmp_path / "out" / "archives.html")
    assert page.select_one("main .empty-listing").get_text() == "No posts yet."
    assert not page.select("main section, main ul")


@pytest.mark.parametrize(
    ("period", "language", "text"),
    [
        ((2026,), "en", "2026"),
        ((2026, 3), "en", "March 2026"),
        ((2026, 3, 17), "en", "March 17, 2026"),
        ((2026, 3), "fr", "mars 2026"),
        ((2026, 3, 17), "fr", "17 mars 2026"),
        ((2026, 3), "de", "März 2026"),
    ],
)
def test_archive_periods_are_named_in_the_site_language(
    period: tuple[int, ...], language: str, text: str
) -> None:
    assert period_text(period, language) == text


def test_a_month_heading_is_the_month_alone_capitalised() -> None:
    assert month_text(3, "en") == "March"
    assert month_text(3, "fr") == "Mars"
    assert month_text(12, "de") == "Dezember"


def test_archives_in_french(tmp_path: Path) -> None:
    posts = {name: text for name, text in archive_posts().items() if "2025" in name}
    site = write_site(
        tmp_path / "site",
        posts,
        DEFAULTS_SITE + 'DEFAULT_LANG = "fr"\nSCHOLAR_ARCHIVES_MONTHS = 0\n'
        'YEAR_ARCHIVE_SAVE_AS = "{date:%Y}/index.html"\n',
    )
    build_or_fail(site, tmp_path / "out")
    page = soup(tmp_path / "out" / "archives.html")
    assert heading_texts(page, "main h2") == ["2025 2 articles"]
    assert heading_texts(page, "main h3") == ["Février 1 article", "Janvier 1 article"]
    # No YEAR_ARCHIVE_URL: the heading links to the file Pelican wrote.
    assert page.select_one("main h2 a")["href"] == "/2025/index.html"
    year = soup(tmp_path / "out" / "2025" / "index.html")
    assert year.select_one("main h1").get_text() == "Archives de 2025"


# --- footer --------------------------------------------------------------------


def footer_links(page) -> list[tuple[str, str]]:
    return [
        (a.get_text(), a["href"])
        for a in page.select("footer.site-footer ul.site-footer__links > li > a")
    ]


def test_the_footer_lists_feeds_and_archives_with_no_separator_text(
    defaults_site: Path, period_site: Path
) -> None:
    page = soup(defaults_site / "archives.html")
    assert footer_links(page) == [
        ("Atom feed", "/feeds/all.atom.xml"),
        ("Archives", "/archives.html"),
    ]
    assert footer_links(soup(period_site / "index.html")) == [
        ("Atom feed", "https://example.org/feeds/all.atom.xml"),
        ("RSS feed", "https://example.org/feeds/all.rss.xml"),
        ("Archives", "https://example.org/archives/"),
    ]
    # The separators are the stylesheet's, between items (see test_browser).
    footer = page.select_one("footer.site-footer")
    assert "·" not in footer.get_text()
    copyright_line = footer.select_one("p.site-footer__copyright").get_text()
    assert " ".join(copyright_line.split()).startswith("© ")


def test_the_footer_leaves_out_archives_that_are_not_written(tmp_path: Path) -> None:
    site = write_site(
        tmp_path / "site",
        archive_posts(),
        BASE_SETTINGS + 'FEED_ALL_ATOM = None\nARCHIVES_SAVE_AS = ""\n',
    )
    build_or_fail(site, tmp_path / "out")
    assert not (tmp_path / "out" / "archives.html").exists()
    page = soup(tmp_path / "out" / "index.html")
    assert not page.select("footer ul")  # no links at all: no empty list
    assert page.select_one("footer p.site-footer__copyright")


def test_archive_pages_and_the_footer_are_valid_html(
    defaults_site: Path, period_site: Path
) -> None:
    check_html(defaults_site, period_site)


# --- 404 -----------------------------------------------------------------------


def test_a_404_page_has_no_canonical_link_wherever_it_is_written(
    fixture_site: Path, tmp_path: Path, period_site: Path
) -> None:
    build_or_fail(
        fixture_site,
        tmp_path / "out",
        "-e",
        'SITEURL="https://example.org"',
        'DIRECT_TEMPLATES=["index", "tags", "archives", "404"]',
        '404_SAVE_AS="errors/404.html"',
    )
    not_found = soup(tmp_path / "out" / "errors" / "404.html")
    assert not_found.select_one("main h1").get_text() == "Page not found"
    assert not not_found.select('link[rel="canonical"], meta[property="og:url"]')
    # Other pages of the same build keep theirs.
    assert soup(tmp_path / "out" / "index.html").select_one('link[rel="canonical"]')
    # A published page saved as 404.html, as a site may write its own.
    page = soup(period_site / "404.html")
    assert page.select_one("main h1").get_text() == "Not here"
    assert not page.select('link[rel="canonical"], meta[property="og:url"]')


def test_the_demo_404_page_has_no_canonical_link(demo_production: Path) -> None:
    page = soup(demo_production / "404.html")
    assert not page.select('link[rel="canonical"], meta[property="og:url"]')
    assert soup(demo_production / "index.html").select_one('link[rel="canonical"]')


# --- heading permalinks -------------------------------------------------------


TOC = {"markdown.extensions.toc": {"permalink": "#", "permalink_title": "Link"}}


def test_permalinks_are_out_of_tab_order_and_speech() -> None:
    md = markdown.Markdown(
        extensions=["markdown.extensions.toc", PermalinkExtension()],
        extension_configs=TOC,
    )
    html = md.convert("## One\n\ntext\n\n### Two\n")
    assert html == (
        '<h2 id="one">One<a class="headerlink" aria-hidden="true" tabindex="-1"'
        ' href="#one" title="Link">#</a></h2>\n<p>text</p>\n'
        '<h3 id="two">Two<a class="headerlink" aria-hidden="true" tabindex="-1"'
        ' href="#two" title="Link">#</a></h3>'
    )


def test_the_extension_loads_by_name_and_follows_the_permalink_class() -> None:
    md = markdown.Markdown(
        extensions=["markdown.extensions.toc", EXTENSION_NAME],
        extension_configs={
            "markdown.extensions.toc": {"permalink": True, "permalink_class": "anchor"}
        },
    )
    html = md.convert('## One\n\n<a class="headerlink" href="#x">x</a>\n')
    assert '<a class="anchor" aria-hidden="true" tabindex="-1" href="#one"' in html
    assert '<a class="headerlink" href="#x">' in html  # not this toc's class


def test_without_permalinks_nothing_changes() -> None:
    text = "## One\n\n[a](#one){: .headerlink }\n"
    plain = markdown.Markdown(extensions=["markdown.extensions.toc", "attr_list"])
    quiet = markdown.Markdown(
        extensions=["markdown.extensions.toc", "attr_list", PermalinkExtension()]
    )
    assert quiet.convert(text) == plain.convert(text)
    assert markdown.Markdown(extensions=[PermalinkExtension()]).convert("## A") == (
        "<h2>A</h2>"
    )


def test_quiet_permalinks_is_idempotent() -> None:
    html = '<h2 id="a">A<a class="headerlink" href="#a">#</a></h2>'
    once = quiet_permalinks(html)
    assert once.count('tabindex="-1"') == 1
    assert quiet_permalinks(once) == once
    assert quiet_permalinks("<p>no links</p>") == "<p>no links</p>"


def test_the_demo_permalinks_are_quiet(demo_local: Path) -> None:
    page = soup(
        demo_local / "posts" / "2026" / "06" / "whats-in-pass-at-k" / "index.html"
    )
    permalinks = page.select(".post__content a.headerlink")
    assert len(permalinks) > 5
    for link in permalinks:
        assert link["aria-hidden"] == "true"
        assert link["tabindex"] == "-1"
        assert link["href"] == "#" + link.parent["id"]  # still a working link
    # Nothing else the plugin does with permalinks changed: no "#" in the
    # reading time, the summary or the table of contents.
    toc = page.select_one(".toc")
    assert toc is not None
    assert "#" not in toc.get_text()


def test_quiet_permalinks_can_be_turned_off(fixture_site: Path, tmp_path: Path) -> None:
    (fixture_site / "content" / "posts" / "headed.md").write_text(
        "Title: Headed\nDate: 2024-01-01\n\n## Section\n\nText.\n", encoding="utf-8"
    )
    markdown_setting = json.dumps(
        {"extension_configs": {"markdown.extensions.toc": {"permalink": True}}}
    )
    for flag, quiet in (("true", True), ("false", False)):
        out = tmp_path / flag
        build_or_fail(
            fixture_site,
            out,
            "-e",
            f"MARKDOWN={markdown_setting}",
            f"SCHOLAR_QUIET_PERMALINKS={flag}",
        )
        link = soup(out / "headed.html").select_one("h2 a.headerlink")
        assert link.has_attr("tabindex") is quiet, flag
