"""Publications, talks, teaching and portfolio: their order, groups, URLs and pages.

Unit tests on :mod:`pelican.plugins.scholar.collections` (order, groups,
URLs, the folders kept out of article reading, the settings), then two
small sites built in subprocesses: one with Pelican's default paths,
``SITEURL`` on a sub-path, the speed plugin and the content cache (checked
again after an edit, for incremental writes), one with ``RELATIVE_URLS``
and the odd cases (no title, two items at one address). Items are written
as the academicpages importer writes them: Markdown with YAML front matter.
"""

from __future__ import annotations

import copy
import json
import logging
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import (
    CACHE,
    NO_FEEDS_NO_CACHE,
    run_pelican,
    soup,
    verbose_build_log,
    write_site,
)
from pelican.settings import DEFAULT_CONFIG
from test_html_valid import check_html

from pelican.plugins.scholar.collections import (
    CollectionItem,
    collection_of,
    default_categories,
    exclude_folders,
    existing_collections,
    group_items,
    order_items,
)
from pelican.plugins.scholar.settings import (
    DEFAULTS,
    ScholarSettingsError,
    validate,
)

# ---------------------------------------------------------------- units ---


def settings_for(tmp_path: Path, **overrides: object) -> dict[str, object]:
    """Pelican's defaults, the plugin's, a content folder, and ``overrides``."""
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings.update(copy.deepcopy(dict(DEFAULTS)))
    settings.update(PATH=str(tmp_path), **overrides)
    return settings


def item(
    settings: dict[str, object], source: str, **metadata: object
) -> CollectionItem:
    """A collection item read from ``source`` (relative to ``PATH``)."""
    metadata.setdefault("title", Path(source).stem)
    if isinstance(metadata.get("date"), str):
        metadata["date"] = datetime.fromisoformat(str(metadata["date"]))
    return CollectionItem(
        "<p>body</p>",
        metadata=metadata,
        settings=settings,
        source_path=str(Path(str(settings["PATH"])) / source),
    )


def titles(items: list[CollectionItem]) -> list[str]:
    return [entry.title for entry in items]


def test_talks_are_newest_first_and_undated_ones_last_in_file_order(
    tmp_path: Path,
) -> None:
    settings = settings_for(tmp_path)
    talks = [
        item(settings, "talks/b-undated.md"),
        item(settings, "talks/old.md", date="2012-03-01"),
        item(settings, "talks/a-undated.md"),
        item(settings, "talks/new.md", date="2020-05-01"),
        item(settings, "talks/same-day-z.md", date="2016-01-01"),
        item(settings, "talks/same-day-a.md", date="2016-01-01"),
    ]
    assert titles(order_items("talks", talks)) == [
        "new",
        "same-day-a",
        "same-day-z",
        "old",
        "a-undated",
        "b-undated",
    ]


def test_the_portfolio_keeps_file_order_whatever_the_dates(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    pieces = [
        item(settings, "portfolio/portfolio-2.md", date="2024-01-01"),
        item(settings, "portfolio/portfolio-1.md", date="2010-01-01"),
        item(settings, "portfolio/portfolio-3.md"),
    ]
    assert titles(order_items("portfolio", pieces)) == [
        "portfolio-1",
        "portfolio-2",
        "portfolio-3",
    ]


def test_publications_group_under_the_headings_in_their_order(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = settings_for(tmp_path)
    papers = [
        item(settings, "publications/a.md", category="conferences"),
        item(settings, "publications/b.md", category="manuscripts"),
        item(settings, "publications/c.md"),
        item(settings, "publications/d.md", category="books"),
        item(settings, "publications/e.md", category="manuscripts"),
        item(settings, "publications/f.md", category="publications"),
    ]
    headings = {"manuscripts": "Journal articles", "conferences": "Conferences"}
    with caplog.at_level(logging.WARNING):
        groups = group_items(papers, headings, {"publications", "misc"})
    assert [(group.heading, titles(group.items)) for group in groups] == [
        ("Journal articles", ["b", "e"]),
        ("Conferences", ["a"]),
        (None, ["c", "d", "f"]),
    ]
    # The unknown category is named with its file; no category, or the one
    # Pelican gives an item that names none, is no warning.
    assert [record.getMessage() for record in caplog.records] == [
        (
            "publications/d.md: category 'books' is not one of"
            " SCHOLAR_PUBLICATION_CATEGORIES (manuscripts, conferences);"
            " listed after them"
        )
    ]


def test_the_categories_pelican_gives_an_item_naming_none(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)  # Pelican's: misc, and folders as categories
    assert default_categories(settings, "talks/invited") == {"misc", "invited"}
    settings.update(USE_FOLDER_AS_CATEGORY=False, DEFAULT_CATEGORY="Other")
    assert default_categories(settings, "talks") == {"Other"}
    settings["CATEGORY_SAVE_AS"] = ""
    assert default_categories(settings, "talks") == set()


def test_without_headings_one_group_and_none_when_empty(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    papers = [item(settings, "publications/a.md", category="x")]
    assert [(g.heading, titles(g.items)) for g in group_items(papers, None)] == [
        (None, ["a"])
    ]
    assert group_items([], None) == []
    assert group_items([], {"x": "X"}) == []


def test_item_urls_default_own_and_draft(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    default = item(settings, "talks/2012-03-01-talk-1.md", slug="talk-1")
    assert (default.collection, default.kind) == ("talks", "talk")
    assert (default.url, default.save_as) == (
        "talks/talk-1/",
        "talks/talk-1/index.html",
    )
    own = item(
        settings,
        "publications/paper.md",
        url="publication/2009-10-01-paper-title-number-1",
        save_as="publication/2009-10-01-paper-title-number-1/index.html",
    )
    assert own.url == "publication/2009-10-01-paper-title-number-1"
    assert own.save_as == "publication/2009-10-01-paper-title-number-1/index.html"
    draft = item(
        settings,
        "teaching/course.md",
        slug="course",
        status="draft",
        url="teaching/course/",
        save_as="teaching/course/index.html",
    )
    assert (draft.url, draft.save_as) == (
        "drafts/teaching/course.html",
        "drafts/teaching/course.html",
    )


def test_url_patterns_come_from_the_settings(tmp_path: Path) -> None:
    settings = settings_for(
        tmp_path,
        SCHOLAR_COLLECTION_ITEM_URL="cv/{collection}/{date:%Y}/{slug}.html",
        SCHOLAR_COLLECTION_ITEM_SAVE_AS="cv/{collection}/{slug}.html",
    )
    entry = item(settings, "portfolio/p.md", slug="p", date="2021-05-01")
    assert (entry.url, entry.save_as) == (
        "cv/portfolio/2021/p.html",
        "cv/portfolio/p.html",
    )


def test_the_innermost_collection_folder_holds_a_file(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, SCHOLAR_COLLECTIONS=["talks", "talks/invited"])
    assert collection_of(str(tmp_path / "talks/invited/x.md"), settings) == (
        "talks/invited"
    )
    assert collection_of(str(tmp_path / "talks/x.md"), settings) == "talks"
    assert collection_of(str(tmp_path / "talksmore/x.md"), settings) is None


def test_only_existing_folders_are_collections(tmp_path: Path) -> None:
    (tmp_path / "talks").mkdir()
    (tmp_path / "portfolio").write_text("a file, not a folder", encoding="utf-8")
    assert existing_collections(settings_for(tmp_path)) == ["talks"]
    assert existing_collections(settings_for(tmp_path / "nothing")) == []


def test_collection_folders_are_kept_out_of_articles_and_pages(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, ARTICLE_EXCLUDES=["drafts", "talks"])
    exclude_folders(settings)
    assert settings["ARTICLE_EXCLUDES"] == [
        "drafts",
        "talks",
        "publications",
        "teaching",
        "portfolio",
    ]
    assert settings["PAGE_EXCLUDES"] == [
        "publications",
        "talks",
        "teaching",
        "portfolio",
    ]
    assert DEFAULT_CONFIG["PAGE_EXCLUDES"] == []  # Pelican's own list untouched


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SCHOLAR_COLLECTIONS", "publications"),
        ("SCHOLAR_COLLECTIONS", ["talks", "../elsewhere"]),
        ("SCHOLAR_COLLECTIONS", ["talks", ""]),
        ("SCHOLAR_COLLECTIONS", ["talks", "talks/"]),
        ("SCHOLAR_COLLECTIONS", [3]),
        ("SCHOLAR_COLLECTION_URL", "{colection}/"),
        ("SCHOLAR_COLLECTION_SAVE_AS", ""),
        ("SCHOLAR_COLLECTION_SAVE_AS", None),
        ("SCHOLAR_COLLECTION_ITEM_URL", "{collection}/{venue}/"),
        ("SCHOLAR_COLLECTION_ITEM_SAVE_AS", "{slug"),
        ("SCHOLAR_COLLECTION_DRAFT_SAVE_AS", 5),
        ("SCHOLAR_PUBLICATION_CATEGORIES", ["manuscripts"]),
        ("SCHOLAR_PUBLICATION_CATEGORIES", {"manuscripts": {"title": "Papers"}}),
        ("SCHOLAR_COLLECTIONS_ON_MENU", "yes"),
        ("SCHOLAR_COLLECTION_LISTINGS", ["talks"]),
        ("SCHOLAR_COLLECTION_LISTINGS", {"talks": "/"}),
        ("SCHOLAR_COLLECTION_LISTINGS", {"talks": 3}),
        ("SCHOLAR_COLLECTION_TITLES", {"talks": ""}),
        ("SCHOLAR_COLLECTION_TITLES", ["Talks"]),
    ],
)
def test_invalid_collection_settings_name_the_setting(name: str, value: object) -> None:
    with pytest.raises(ScholarSettingsError, match=f"^{name} must be"):
        validate({**DEFAULTS, name: value})


def test_collection_settings_that_are_valid(tmp_path: Path) -> None:
    validate(
        {
            **DEFAULTS,
            "SCHOLAR_COLLECTIONS": [],
            "SCHOLAR_COLLECTION_URL": "{collection}.html",
            "SCHOLAR_COLLECTION_ITEM_URL": "{collection}/{date:%Y}/{slug}.html",
            "SCHOLAR_PUBLICATION_CATEGORIES": {"manuscripts": "Journal articles"},
            "SCHOLAR_COLLECTIONS_ON_MENU": False,
        }
    )


# --------------------------------------------------------------- builds ---

SITEURL = "https://example.org/blog"
#: The speed plugin, which loads the core (one value of the build's ``-e``).
SPEED_ONLY = 'PLUGINS=["pelican.plugins.scholar.speed"]'
SETTINGS = f"""\
from pelican.plugins.scholar import theme_path

AUTHOR = "Ann Author"
SITENAME = "Collections Site"
SITEURL = {SITEURL!r}
PATH = "content"
THEME = theme_path()
PLUGINS = ["pelican.plugins.scholar"]
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
TYPOGRIFY = False
{NO_FEEDS_NO_CACHE}
SCHOLAR_PUBLICATION_CATEGORIES = {{
    "manuscripts": "Journal articles",
    "conferences": "Conference papers",
}}
"""
# Pelican's default paths: no ARTICLE_PATHS, no PAGE_PATHS.
FILES = {
    "hello.md": "Title: Hello\nDate: 2020-01-01\n\nA post.\n",
    # Enough files for the speed plugin's two workers to start.
    **{
        f"posts/more-{n}.md": f"Title: More {n}\nDate: 2020-01-0{n + 1}\n\nMore.\n"
        for n in (1, 2, 3)
    },
    "pages/about.md": "Title: About\n\nAbout me.\n",
    "publications/2009-10-01-paper-title-number-1.md": """\
---
title: "Paper Title Number 1"
date: 2009-10-01
slug: paper-title-number-1
url: publication/2009-10-01-paper-title-number-1/
save_as: publication/2009-10-01-paper-title-number-1/index.html
category: manuscripts
summary: 'This paper is about the number 1.'
venue: 'Journal of Great & Small <Things>'
paperurl: '/files/paper1.pdf'
slidesurl: 'http://academicpages.github.io/files/slides1.pdf'
bibtexurl: 'https://example.com/bib?a=1&b=2'
citation: 'Your Name, You. (2009). &quot;Paper Title Number 1.&quot; <i>Journal 1</i>. 1(1).'
---
The paper's own page.
""",
    "publications/2015-10-15-paper-title-number-3.md": """\
---
title: "Paper Title Number 3"
date: 2015-10-15
slug: paper-title-number-3
category: conferences
venue: 'Conference 3'
---
Paper 3.
""",
    "publications/2010-10-01-paper-title-number-2.md": """\
---
title: "Paper Title Number 2"
date: 2010-10-01
slug: paper-title-number-2
category: manuscripts
venue: 'Journal 2'
---
Paper 2.
""",
    "publications/a-book.md": """\
---
title: "A Book Without Date"
slug: a-book
category: books
---
A book.
""",
    "talks/2012-03-01-talk-1.md": """\
---
title: "Talk 1 on Relevant Topic"
date: 2012-03-01
slug: talk-1
type: "Talk"
venue: "UC San Francisco, Department of Testing"
location: "San Francisco, California"
---
Talk one.
""",
    "talks/2014-02-01-talk-2.md": """\
---
title: "Conference Proceeding Talk 2"
date: 2014-02-01
slug: talk-2
type: "Conference proceedings talk"
venue: "Testing Institute of America 2014 Annual Conference"
location: "Los Angeles, CA"
---
Talk two.
""",
    "talks/2015-03-01-draft-talk.md": """\
---
title: "A Talk Not Given Yet"
date: 2015-03-01
slug: draft-talk
status: draft
venue: "Nowhere yet"
---
Draft.
""",
    "talks/tutorial.md": """\
---
title: "An Undated Tutorial"
slug: tutorial
talk_type: "Tutorial"
---
Undated.
""",
    "teaching/2014-spring-teaching-1.md": """\
---
title: "Teaching experience 1"
date: 2014-01-01
slug: 2014-spring-teaching-1
type: "Undergraduate course"
venue: "University 1, Department"
location: "City, Country"
---
A course.
""",
    "portfolio/portfolio-1.md": """\
---
title: "Portfolio item number 1"
date: 2024-01-01
slug: portfolio-1
summary: "Short description of portfolio item number 1"
header:
  teaser: "500x300.png"
---
Piece one.
""",
    "portfolio/portfolio-2.md": """\
---
title: "Portfolio item number 2"
date: 2010-01-01
slug: portfolio-2
summary: "Short description of portfolio item number 2"
header:
  teaser: "https://example.net/teaser.png"
---
Piece two.
""",
}


@pytest.fixture(scope="module")
def site_and_log(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The site built with the speed plugin and the content cache; its log."""
    site = write_site(tmp_path_factory.mktemp("collections") / "site", FILES, SETTINGS)
    log = verbose_build_log(site, site / "output", *CACHE, SPEED_ONLY)
    return site, log


@pytest.fixture(scope="module")
def built(site_and_log: tuple[Path, str]) -> Path:
    return site_and_log[0] / "output"


def main_of(path: Path):
    return soup(path).select_one("main")


def text_of(element) -> str:
    return " ".join(element.get_text().split())


@pytest.mark.slow
def test_listing_and_item_pages_are_where_their_urls_say(built: Path) -> None:
    expected = [
        "publications/index.html",
        "talks/index.html",
        "teaching/index.html",
        "portfolio/index.html",
        "publication/2009-10-01-paper-title-number-1/index.html",
        "publications/paper-title-number-2/index.html",
        "publications/paper-title-number-3/index.html",
        "publications/a-book/index.html",
        "talks/talk-1/index.html",
        "talks/talk-2/index.html",
        "talks/tutorial/index.html",
        "drafts/talks/draft-talk.html",
        "teaching/2014-spring-teaching-1/index.html",
        "portfolio/portfolio-1/index.html",
        "portfolio/portfolio-2/index.html",
    ]
    assert [name for name in expected if not (built / name).is_file()] == []
    # The draft is not at its collection's address.
    assert not (built / "talks" / "draft-talk").exists()


@pytest.mark.slow
def test_collection_folders_make_no_articles_with_default_paths(
    site_and_log: tuple[Path, str], built: Path
) -> None:
    _, log = site_and_log
    assert "Processed 4 articles, 0 drafts, 0 hidden articles, 1 page" in log
    # The workers read the posts and the page, and no item.
    assert "Parallel reading: 5 of 5 files read in parallel" in log
    home = main_of(built / "index.html")
    assert [a.get_text() for a in home.select(".post-item__title a")] == [
        "More 3",
        "More 2",
        "More 1",
        "Hello",
    ]
    # No article page named after an item's slug (Pelican's ARTICLE_SAVE_AS).
    assert not (built / "talk-1.html").exists()
    assert not (built / "paper-title-number-1.html").exists()


@pytest.mark.slow
def test_the_masthead_lists_pages_then_collections(built: Path) -> None:
    nav = soup(built / "talks" / "index.html").select(".masthead__nav a")
    assert [(a.get_text(), a["href"]) for a in nav] == [
        ("About", f"{SITEURL}/pages/about.html"),
        ("Publications", f"{SITEURL}/publications/"),
        ("Talks", f"{SITEURL}/talks/"),
        ("Teaching", f"{SITEURL}/teaching/"),
        ("Portfolio", f"{SITEURL}/portfolio/"),
        ("misc", f"{SITEURL}/category/misc.html"),
        ("posts", f"{SITEURL}/category/posts.html"),
    ]  # no post has a tag: no "Tags" entry (test_switching_sites)
    current = [a.get_text() for a in nav if a.get("aria-current") == "page"]
    assert current == ["Talks"]
    post_nav = soup(built / "hello.html").select(".masthead__nav a")
    assert "Portfolio" in [a.get_text() for a in post_nav]


@pytest.mark.slow
def test_publications_are_grouped_newest_first_with_their_fields(built: Path) -> None:
    listing = main_of(built / "publications" / "index.html")
    assert listing.select_one("h1").get_text() == "Publications"
    groups = [
        (
            section.select_one("h2").get_text(),
            [a.get_text() for a in section.select("h3 a")],
        )
        for section in listing.select("section")
    ]
    assert groups == [
        ("Journal articles", ["Paper Title Number 2", "Paper Title Number 1"]),
        ("Conference papers", ["Paper Title Number 3"]),
        ("Other", ["A Book Without Date"]),
    ]
    first = listing.select("article")[1]
    assert first.select_one("h3 a")["href"] == (
        f"{SITEURL}/publication/2009-10-01-paper-title-number-1/"
    )
    assert text_of(first.select_one(".collection-item__facts")) == (
        "Published in Journal of Great & Small <Things>, 2009"
    )
    assert first.select_one(".collection-item__facts i").get_text() == (
        "Journal of Great & Small <Things>"
    )
    assert text_of(first.select_one(".collection-item__excerpt")) == (
        "This paper is about the number 1."
    )
    links = [
        (a.get_text(), a["href"]) for a in first.select(".collection-item__links a")
    ]
    assert links == [
        ("Download paper", f"{SITEURL}/files/paper1.pdf"),
        ("Download slides", "http://academicpages.github.io/files/slides1.pdf"),
        ("Download BibTeX", "https://example.com/bib?a=1&b=2"),
    ]
    citation = first.select_one(".collection-item__citation")
    assert text_of(citation).startswith(
        'Recommended citation: Your Name, You. (2009). "'
    )
    assert citation.select_one("i").get_text() == "Journal 1"  # its HTML is kept


@pytest.mark.slow
def test_plain_text_fields_are_escaped_in_the_html(built: Path) -> None:
    html = (built / "publications" / "index.html").read_text(encoding="utf-8")
    assert "<i>Journal of Great &amp; Small &lt;Things&gt;</i>" in html
    assert 'href="https://example.com/bib?a=1&amp;b=2"' in html


@pytest.mark.slow
def test_an_item_page_shows_its_fields_body_and_collection(built: Path) -> None:
    page = main_of(built / "publication/2009-10-01-paper-title-number-1/index.html")
    assert page.select_one("h1").get_text() == "Paper Title Number 1"
    up = page.select_one(".collection-page__collection a")
    assert (up.get_text(), up["href"]) == ("Publications", f"{SITEURL}/publications/")
    assert "Journal of Great & Small <Things>" in text_of(page)
    assert text_of(page.select_one(".post__content")) == "The paper's own page."
    assert page.select_one(".collection-item__excerpt") is None  # the body instead
    assert page.select_one(".collection-item__citation") is not None
    head = soup(built / "publication/2009-10-01-paper-title-number-1/index.html")
    assert head.select_one("title").get_text() == (
        "Paper Title Number 1 · Collections Site"
    )
    assert head.select_one('meta[name="description"]')["content"] == (
        "This paper is about the number 1."
    )
    assert head.select_one('link[rel="canonical"]')["href"] == (
        f"{SITEURL}/publication/2009-10-01-paper-title-number-1/"
    )


@pytest.mark.slow
def test_talks_newest_first_undated_last_and_no_draft(built: Path) -> None:
    listing = main_of(built / "talks" / "index.html")
    assert [a.get_text() for a in listing.select("h2 a")] == [
        "Conference Proceeding Talk 2",
        "Talk 1 on Relevant Topic",
        "An Undated Tutorial",
    ]
    talk = listing.select("article")[1]
    assert text_of(talk.select_one(".collection-item__facts")) == (
        "Talk, UC San Francisco, Department of Testing, San Francisco, California"
    )
    date = talk.select_one("time")
    assert (date["datetime"][:10], date.get_text()) == ("2012-03-01", "March 1, 2012")
    tutorial = listing.select("article")[2]
    assert tutorial.select_one("time") is None
    assert text_of(tutorial.select_one(".collection-item__facts")) == "Tutorial"
    undated = soup(built / "talks" / "tutorial" / "index.html")
    assert undated.select_one('meta[name="description"]')["content"] == "Undated."
    draft = soup(built / "drafts" / "talks" / "draft-talk.html")
    assert draft.select_one('meta[name="robots"]')["content"] == "noindex"


@pytest.mark.slow
def test_teaching_shows_type_venue_location_and_date(built: Path) -> None:
    entry = main_of(built / "teaching" / "index.html").select_one("article")
    assert text_of(entry.select_one(".collection-item__facts")) == (
        "Undergraduate course, University 1, Department, City, Country"
    )
    assert entry.select_one("time").get_text() == "January 1, 2014"


@pytest.mark.slow
def test_the_portfolio_in_file_order_with_teasers(built: Path) -> None:
    listing = main_of(built / "portfolio" / "index.html")
    entries = listing.select("article")
    assert [e.select_one("h2 a").get_text() for e in entries] == [
        "Portfolio item number 1",
        "Portfolio item number 2",
    ]
    assert [e.select_one("img")["src"] for e in entries] == [
        f"{SITEURL}/images/500x300.png",
        "https://example.net/teaser.png",
    ]
    assert [e.select_one("img")["alt"] for e in entries] == ["", ""]
    assert text_of(entries[0].select_one(".collection-item__excerpt")) == (
        "Short description of portfolio item number 1"
    )


@pytest.mark.slow
def test_the_collection_pages_are_valid_html(built: Path) -> None:
    check_html(built)


@pytest.mark.slow
def test_an_edited_item_shows_on_its_listing_after_an_incremental_build(
    site_and_log: tuple[Path, str],
) -> None:
    # The edit comes after the shared build: its output is left as it was.
    site = site_and_log[0]
    talk = site / "content" / "talks" / "2012-03-01-talk-1.md"
    talk.write_text(
        talk.read_text(encoding="utf-8").replace("San Francisco, California", "Oslo"),
        encoding="utf-8",
    )
    after = site / "output-after-edit"
    log = verbose_build_log(
        site,
        after,
        *CACHE,
        SPEED_ONLY,
        f"SCHOLAR_PREVIOUS_OUTPUT={json.dumps(str(site / 'output'))}",
    )
    # The talk's page and its listing, nothing else.
    assert "Incremental writes: wrote 2 of" in log
    assert "Oslo" in text_of(main_of(after / "talks" / "index.html"))
    assert "Oslo" in text_of(main_of(after / "talks/talk-1/index.html"))


ODD_FILES = {
    "posts/hello.md": "Title: Hello\nDate: 2020-01-01\n\nA post.\n",
    "publications/paper.md": """\
---
title: "A paper"
date: 2020-01-01
slug: paper
paperurl: "/files/paper.pdf"
---
Paper.
""",
    "publications/untitled.md": "---\nvenue: Somewhere\n---\nNo title.\n",
    "publications/same-address.md": """\
---
title: "Another paper at the same address"
slug: paper
---
Twice.
""",
    "publications/not-a-draft-listed.md": """\
---
title: "Hidden paper"
slug: hidden
status: hidden
---
Hidden.
""",
}
ODD_SETTINGS = f"""\
from pelican.plugins.scholar import theme_path

SITENAME = "Odd"
SITEURL = "https://example.org/sub"
RELATIVE_URLS = True
PATH = "content"
ARTICLE_PATHS = ["posts"]
THEME = theme_path()
PLUGINS = ["pelican.plugins.scholar"]
TIMEZONE = "UTC"
{NO_FEEDS_NO_CACHE}
"""


@pytest.fixture(scope="module")
def odd_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A site with one collection, relative URLs and odd items; output and log."""
    site = write_site(tmp_path_factory.mktemp("odd") / "site", ODD_FILES, ODD_SETTINGS)
    result = run_pelican(site, site / "output")
    assert result.returncode == 0, result.stdout + result.stderr
    return site / "output", result.stdout + result.stderr


@pytest.mark.slow
def test_odd_items_are_named_in_the_log(odd_build: tuple[Path, str]) -> None:
    _, log = odd_build
    lines = [line for line in log.splitlines() if "publications/" in line]
    assert any(
        "publications/untitled.md: a collection item needs a title" in line
        for line in lines
    ), log
    assert any(
        "publications/same-address.md: not written, its page"
        " publications/paper/index.html is already the page of"
        " publications/paper.md" in line
        for line in lines
    ), log


@pytest.mark.slow
def test_only_existing_collections_are_written_and_listed(
    odd_build: tuple[Path, str],
) -> None:
    output, _ = odd_build
    assert sorted(p.name for p in output.iterdir() if p.is_dir()) == [
        "category",  # the posts' folder, as Pelican names categories
        "publications",
        "theme",
    ]
    listing = soup(output / "publications" / "index.html")
    nav = [a.get_text() for a in listing.select(".masthead__nav a")]
    assert "Publications" in nav
    assert "Talks" not in nav
    # The hidden item is written, not listed; the paper is the first one read.
    assert [a.get_text() for a in listing.select("main h2 a")] == ["A paper"]
    assert (output / "publications" / "hidden" / "index.html").is_file()
    paper = main_of(output / "publications" / "paper" / "index.html")
    assert text_of(paper.select_one(".post__content")) == "Paper."


@pytest.mark.slow
def test_relative_urls_resolve_to_built_pages(odd_build: tuple[Path, str]) -> None:
    output, _ = odd_build
    for page in ("publications/index.html", "publications/paper/index.html"):
        base = f"https://example.invalid/{page}"
        for link in soup(output / page).select("a[href], link[rel=stylesheet]"):
            href = link["href"]
            assert not href.startswith(("/", "https://example.org")), (page, href)
            if href.startswith("#"):
                continue
            path = urlsplit(urljoin(base, href)).path.lstrip("/")
            target = output / path
            if path.endswith("/") or not path:
                target = target / "index.html"
            if path == "files/paper.pdf":
                continue  # the item's own file, not part of this site
            assert target.is_file(), (page, href)
    paper = soup(output / "publications/paper/index.html")
    assert paper.select_one(".collection-item__links a")["href"] == (
        "../../files/paper.pdf"
    )
    check_html(output)


@pytest.mark.slow
def test_on_another_theme_collection_pages_extend_its_base(tmp_path: Path) -> None:
    settings = ODD_SETTINGS.replace("THEME = theme_path()", 'THEME = "notmyidea"')
    files = {
        name: ODD_FILES[name] for name in ("posts/hello.md", "publications/paper.md")
    }
    site = write_site(tmp_path / "site", files, settings)
    result = run_pelican(site, site / "output", "--fatal", "errors")
    assert result.returncode == 0, result.stdout + result.stderr
    listing = soup(site / "output" / "publications" / "index.html")
    assert listing.select_one("#banner") is not None  # notmyidea's own masthead
    assert [a.get_text() for a in listing.select(".collection-item__title a")] == [
        "A paper"
    ]
    paper = soup(site / "output" / "publications" / "paper" / "index.html")
    assert "Paper." in paper.get_text()


@pytest.mark.slow
def test_listings_may_move_or_be_left_out(tmp_path: Path) -> None:
    files = {
        "talks/t.md": "---\ntitle: A talk\ndate: 2020-01-01\nslug: t\n---\nSaid.\n",
        "teaching/c.md": "---\ntitle: A course\nslug: c\n---\nTaught.\n",
    }
    settings = ODD_SETTINGS.replace('SITEURL = "https://example.org/sub"', "") + (
        'SCHOLAR_COLLECTION_LISTINGS = {"talks": "/old-talks/", "teaching": None}\n'
        'SCHOLAR_COLLECTION_TITLES = {"talks": "Talks and presentations"}\n'
    )
    site = write_site(tmp_path / "site", files, settings)
    result = run_pelican(site, site / "output", "--fatal", "warnings")
    assert result.returncode == 0, result.stdout + result.stderr
    output = site / "output"
    assert not (output / "talks/index.html").exists()
    assert not (output / "teaching/index.html").exists()
    assert (output / "teaching/c/index.html").is_file()
    listing = soup(output / "old-talks/index.html")
    assert "A talk" in listing.get_text()
    nav = [a.get_text() for a in listing.select(".masthead__nav a")]
    assert "Talks and presentations" in nav
    assert listing.select_one("h1").get_text(strip=True) == "Talks and presentations"
    assert "Teaching" not in nav
