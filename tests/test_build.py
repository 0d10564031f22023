"""Build the fixture site with the bundle and check what a reader sees.

The fixture (tests/fixtures/site) has 3 listed posts, 1 hidden post and 1 page.
Word counts of the rendered text, counted by hand from the sources:
alpha 402 (13 + 2 + 387), beta 199, gamma 200 (180 + 3 list items + 2 code
tokens + 15 table cells; its script, style and comment are not read).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_or_fail, run_pelican, soup

LISTED = {
    "Alpha Routing Notes": "2 minute read",
    "Beta “Quoted” & Co": "less than 1 minute read",
    "Gamma Boundaries": "1 minute read",
}
HIDDEN_TITLE = "Delta Hidden Note"


def text(element) -> str:
    return " ".join(element.get_text(" ").split())


def items(page) -> list[tuple[str, str]]:
    """(title, reading time) of each listing entry on a built page."""
    return [
        (
            text(item.select_one(".post-item__title")),
            text(item.select_one(".post-meta__read-time")),
        )
        for item in page.select("main .post-item")
    ]


def test_tags_page_sections_in_code_point_order(built_fixture_site: Path) -> None:
    page = soup(built_fixture_site / "tags" / "index.html")
    headings = [text(h) for h in page.select("main h2")]
    assert headings == ["MoE", "PPO", "RL", "advantage-estimation", "agents"]
    assert [h["id"] for h in page.select("main h2")] == [
        "moe",
        "ppo",
        "rl",
        "advantage-estimation",
        "agents",
    ]


def test_tags_page_lists_posts_newest_first_under_each_tag(
    built_fixture_site: Path,
) -> None:
    page = soup(built_fixture_site / "tags" / "index.html")
    sections = {
        text(section.h2): [text(t) for t in section.select(".post-item__title")]
        for section in page.select("main section")
    }
    assert sections == {
        "MoE": ["Beta “Quoted” & Co"],
        "PPO": [],  # only the hidden post carries it
        "RL": ["Beta “Quoted” & Co", "Alpha Routing Notes"],
        "advantage-estimation": ["Gamma Boundaries"],
        "agents": ["Alpha Routing Notes"],
    }


def test_reading_times_on_the_tags_page(built_fixture_site: Path) -> None:
    page = soup(built_fixture_site / "tags" / "index.html")
    for title, read_time in items(page):
        assert LISTED[title] == read_time, title


def test_each_item_shows_date_and_excerpt(built_fixture_site: Path) -> None:
    page = soup(built_fixture_site / "tags" / "index.html")
    entries = {
        text(item.select_one(".post-item__title")): item
        for item in page.select("main .post-item")
    }
    beta = entries["Beta “Quoted” & Co"]
    assert text(beta.select_one(".post-meta__date")) == "Published: May 1, 2024"
    assert beta.select_one("time")["datetime"] == "2024-05-01T10:00:00+00:00"
    # Summary: metadata wins.
    assert (
        text(beta.select_one(".post-item__excerpt")) == "An explicit summary for beta."
    )
    # The <!-- more --> marker cuts alpha after its first paragraph.
    assert text(entries["Alpha Routing Notes"].select_one(".post-item__excerpt")) == (
        "The first paragraph of alpha is the summary because a marker follows it."
    )
    # No Summary and no marker: Pelican's SUMMARY_MAX_LENGTH (50 words) cut.
    gamma = text(entries["Gamma Boundaries"].select_one(".post-item__excerpt"))
    assert gamma == " ".join(["lorem"] * 50) + " …"


def test_home_lists_every_listed_post_newest_first(built_fixture_site: Path) -> None:
    page = soup(built_fixture_site / "index.html")
    assert items(page) == [
        ("Beta “Quoted” & Co", "less than 1 minute read"),
        ("Alpha Routing Notes", "2 minute read"),
        ("Gamma Boundaries", "1 minute read"),
    ]


def test_hidden_post_is_built_but_absent_from_every_listing(
    built_fixture_site: Path,
) -> None:
    assert (built_fixture_site / "delta.html").is_file()
    for listing in ["index.html", "tags/index.html", "archives.html", "tag/rl.html"]:
        assert HIDDEN_TITLE not in (built_fixture_site / listing).read_text(), listing


def test_hidden_post_shows_its_reading_time_and_links_tags_to_sections(
    built_fixture_site: Path,
) -> None:
    page = soup(built_fixture_site / "delta.html")
    assert text(page.select_one(".post-meta__read-time")) == "less than 1 minute read"
    links = [a["href"] for a in page.select(".post__tags a")]
    assert links == ["/tags/#rl", "/tags/#ppo"]
    tags_page = soup(built_fixture_site / "tags" / "index.html")
    for href in links:
        assert tags_page.find(id=href.split("#")[1]) is not None, href


def test_article_page_shows_reading_time(built_fixture_site: Path) -> None:
    page = soup(built_fixture_site / "alpha.html")
    assert text(page.select_one("main h1")) == "Alpha Routing Notes"
    assert text(page.select_one(".post-meta__read-time")) == "2 minute read"


def test_page_is_built_and_in_the_menu_not_in_listings(
    built_fixture_site: Path,
) -> None:
    page = soup(built_fixture_site / "pages" / "about.html")
    assert text(page.select_one("main h1")) == "About"
    home = soup(built_fixture_site / "index.html")
    assert "About" in [text(a) for a in home.select(".masthead__nav a")]
    assert "About" not in [title for title, _ in items(home)]


def test_an_invalid_setting_stops_the_build_naming_it(
    fixture_site: Path, tmp_path: Path
) -> None:
    config = fixture_site / "pelicanconf.py"
    config.write_text(config.read_text() + "\nREADTIME_WPM = 0\n")
    result = run_pelican(fixture_site, tmp_path / "out", "--fatal", "errors")
    assert result.returncode != 0
    assert "READTIME_WPM must be a positive integer" in result.stdout + result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


@pytest.mark.parametrize("wpm", [100, 400])
def test_readtime_wpm_changes_the_figures(
    fixture_site: Path, tmp_path: Path, wpm: int
) -> None:
    config = fixture_site / "pelicanconf.py"
    config.write_text(config.read_text() + f"\nREADTIME_WPM = {wpm}\n")
    build_or_fail(fixture_site, tmp_path / "out")
    alpha = soup(tmp_path / "out" / "alpha.html")
    expected = {100: "4 minute read", 400: "1 minute read"}[wpm]  # 402 words
    assert text(alpha.select_one(".post-meta__read-time")) == expected


def test_one_partial_can_be_replaced_through_overrides(
    fixture_site: Path, tmp_path: Path
) -> None:
    overrides = fixture_site / "overrides" / "partials"
    overrides.mkdir(parents=True)
    (overrides / "post_meta.html").write_text(
        '<p class="custom-meta">{{ post.word_count }} words</p>\n', encoding="utf-8"
    )
    config = fixture_site / "pelicanconf.py"
    config.write_text(
        config.read_text() + '\nTHEME_TEMPLATES_OVERRIDES = ["overrides"]\n'
    )
    build_or_fail(fixture_site, tmp_path / "out")
    tags = soup(tmp_path / "out" / "tags" / "index.html")
    # Every listing entry and the article page use the replacement.
    assert [text(p) for p in tags.select("main section:has(h2#rl) .custom-meta")] == [
        "199 words",
        "402 words",
    ]
    assert (
        text(soup(tmp_path / "out" / "alpha.html").select_one(".custom-meta"))
        == "402 words"
    )
    assert tags.select(".post-meta__read-time") == []


def test_french_site(fixture_site: Path, tmp_path: Path) -> None:
    config = fixture_site / "pelicanconf.py"
    config.write_text(config.read_text() + '\nDEFAULT_LANG = "fr"\n')
    build_or_fail(fixture_site, tmp_path / "out")
    tags = soup(tmp_path / "out" / "tags" / "index.html")
    assert tags.html["lang"] == "fr"
    assert text(tags.select_one("main h1")) == "Articles par mot-cl\u00e9"
    times = {
        text(item.select_one(".post-meta__read-time"))
        for item in tags.select(".post-item")
    }
    assert times == {
        "moins d\u2019une minute de lecture",
        "2 minutes de lecture",
        "1 minute de lecture",
    }
    dates = {
        text(item.select_one(".post-meta__date")) for item in tags.select(".post-item")
    }
    assert "Publi\u00e9 : 1 mai 2024" in dates


def test_an_unknown_language_stops_the_build(
    fixture_site: Path, tmp_path: Path
) -> None:
    config = fixture_site / "pelicanconf.py"
    config.write_text(config.read_text() + '\nSCHOLAR_LANGUAGE = "xx-nonsense"\n')
    result = run_pelican(fixture_site, tmp_path / "out", "--fatal", "errors")
    assert result.returncode != 0
    log = result.stdout + result.stderr
    assert "SCHOLAR_LANGUAGE must be None or a language code" in log
