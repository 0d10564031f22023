"""Sites that set only what Pelican requires: the README's two lines and content.

No ``AUTHOR``, Pelican's own URL defaults (no ``TAGS_URL``), hidden posts and
several authors: what a Pelican site switching to the theme brings.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import build_or_fail, soup

from pelican.plugins.scholar.site_links import (
    absolute_site_url,
    posts_by_tags_path,
    supply_tags_page_urls,
    url_for_save_as,
)

MINIMAL_CONFIG = """\
from pelican.plugins.scholar import theme_path

SITENAME = "Minimal"
PATH = "content"
THEME = theme_path()
PLUGINS = ["pelican.plugins.scholar"]
"""

POSTS = {
    "plain.md": "Title: Plain post\nDate: 2024-01-01\nTags: alpha, Beta\n\nSome words.\n",
    "pair.md": (
        "Title: Written by two\nDate: 2024-01-02\nAuthors: Ada Lovelace, Alan Turing\n"
        "Tags: alpha\n\nMore words.\n"
    ),
    "hidden.md": (
        "Title: A hidden note\nDate: 2024-01-03\nStatus: hidden\nTags: alpha\n\nNote.\n"
    ),
}


def minimal_site(root: Path, extra_settings: str = "") -> Path:
    """A site with the minimal config, three posts and ``extra_settings``."""
    site = root / "site"
    (site / "content").mkdir(parents=True)
    (site / "pelicanconf.py").write_text(MINIMAL_CONFIG + extra_settings)
    for name, text in POSTS.items():
        (site / "content" / name).write_text(text, encoding="utf-8")
    return site


def json_ld(page: Path) -> dict:
    [script] = soup(page).select('script[type="application/ld+json"]')
    return json.loads(script.string)


def test_without_author_or_tag_urls_the_site_builds_and_links_its_tags(
    tmp_path: Path,
) -> None:
    output = tmp_path / "out"
    build_or_fail(minimal_site(tmp_path), output)
    plain = soup(output / "plain-post.html")
    hrefs = [a["href"] for a in plain.select(".post__tags a")]
    assert hrefs == ["/tags.html#alpha", "/tags.html#beta"]
    sections = soup(output / "tags.html").select("main section h2[id]")
    assert {h2["id"] for h2 in sections} >= {"alpha", "beta"}
    menu = [a["href"] for a in plain.select(".masthead__nav a")]
    assert "/tags.html" in menu
    assert "author" not in json_ld(output / "plain-post.html")
    assert not plain.select('meta[name="citation_author"]')


def test_every_author_is_named_in_the_metadata(tmp_path: Path) -> None:
    output = tmp_path / "out"
    build_or_fail(minimal_site(tmp_path), output)
    page = soup(output / "written-by-two.html")
    names = ["Ada Lovelace", "Alan Turing"]
    assert [m["content"] for m in page.select('meta[name="citation_author"]')] == names
    assert json_ld(output / "written-by-two.html")["author"] == [
        {"@type": "Person", "name": name} for name in names
    ]
    assert (
        "author = {Lovelace, Ada and Turing, Alan}"
        in page.select_one(".cite__bibtex").get_text()
    )


def test_hidden_posts_are_noindex_without_a_canonical_link(tmp_path: Path) -> None:
    output = tmp_path / "out"
    site = minimal_site(
        tmp_path, 'SITEURL = "https://me.github.io/blog"\nRELATIVE_URLS = True\n'
    )
    build_or_fail(site, output)
    hidden = soup(output / "a-hidden-note.html")
    assert hidden.select_one('meta[name="robots"]')["content"] == "noindex"
    assert not hidden.select('link[rel="canonical"], meta[property="og:url"]')
    listed = soup(output / "plain-post.html")
    assert not listed.select('meta[name="robots"]')
    # Absolute even though RELATIVE_URLS hands templates a relative SITEURL.
    assert (
        listed.select_one('link[rel="canonical"]')["href"]
        == "https://me.github.io/blog/plain-post.html"
    )


def test_without_a_tags_page_tags_link_to_their_own_pages(tmp_path: Path) -> None:
    output = tmp_path / "out"
    build_or_fail(minimal_site(tmp_path, 'TAGS_SAVE_AS = ""\n'), output)
    plain = soup(output / "plain-post.html")
    hrefs = [a["href"] for a in plain.select(".post__tags a")]
    assert hrefs == ["/tag/alpha.html", "/tag/beta.html"]
    assert all((output / href.lstrip("/")).is_file() for href in hrefs)
    assert not (output / "tags.html").exists()


@pytest.mark.parametrize(
    ("save_as", "url"),
    [
        ("tags.html", "tags.html"),
        ("tags/index.html", "tags/"),
        ("index.html", ""),
        ("my-index.html", "my-index.html"),
    ],
)
def test_a_page_is_served_at_its_file_or_its_folder(save_as: str, url: str) -> None:
    assert url_for_save_as(save_as) == url


def test_tags_page_urls_are_supplied_only_when_the_site_set_none() -> None:
    unset: dict = {"DIRECT_TEMPLATES": ["index", "tags"]}
    supply_tags_page_urls(unset)
    assert (unset["TAGS_SAVE_AS"], unset["TAGS_URL"]) == ("tags.html", "tags.html")
    moved = {"DIRECT_TEMPLATES": ["tags"], "TAGS_SAVE_AS": "t/index.html"}
    supply_tags_page_urls(moved)
    assert moved["TAGS_URL"] == "t/"
    own = {"DIRECT_TEMPLATES": ["tags"], "TAGS_SAVE_AS": "a.html", "TAGS_URL": "b"}
    supply_tags_page_urls(own)
    assert own["TAGS_URL"] == "b"
    assert posts_by_tags_path({**own, "DIRECT_TEMPLATES": ["index"]}) is None
    assert posts_by_tags_path({**own, "TAGS_SAVE_AS": ""}) is None


@pytest.mark.parametrize(
    ("siteurl", "absolute"),
    [
        ("https://me.github.io/blog", "https://me.github.io/blog"),
        ("//cdn.example.org", "//cdn.example.org"),
        ("", ""),
        ("..", ""),
        ("/blog", ""),
    ],
)
def test_only_an_absolute_siteurl_makes_canonical_links(
    siteurl: str, absolute: str
) -> None:
    assert absolute_site_url({"SITEURL": siteurl}) == absolute


def test_feed_links_follow_relative_urls(tmp_path: Path) -> None:
    output = tmp_path / "out"
    site = minimal_site(
        tmp_path, 'RELATIVE_URLS = True\nFEED_ALL_ATOM = "feeds/all.atom.xml"\n'
    )
    build_or_fail(site, output)
    for page in (output / "plain-post.html", output / "tag" / "alpha.html"):
        html = soup(page)
        head = html.select_one('link[type="application/atom+xml"]')["href"]
        [footer] = [a["href"] for a in html.select("footer a") if "Atom" in a.text]
        for link in (head, footer):
            assert (page.parent / link).resolve() == output / "feeds/all.atom.xml"


def test_a_pages_only_site_with_an_undated_draft(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content" / "pages").mkdir(parents=True)
    (site / "pelicanconf.py").write_text(MINIMAL_CONFIG)
    (site / "content" / "pages" / "about.md").write_text("Title: About\n\nMe.\n")
    (site / "content" / "draft.md").write_text(
        "Title: Undated\nStatus: draft\n\nNot yet.\n"
    )
    output = tmp_path / "out"
    build_or_fail(site, output)
    home = soup(output / "index.html")
    assert home.select_one("main .empty-listing").get_text() == "No posts yet."
    draft = soup(output / "drafts" / "undated.html")
    assert draft.select_one(".post-meta__date").get_text(strip=True) == "Draft"
    assert "9999" not in (output / "drafts" / "undated.html").read_text()
    assert draft.select_one('meta[name="robots"]')["content"] == "noindex"


def test_listings_show_when_a_post_was_published_not_updated(tmp_path: Path) -> None:
    site = minimal_site(tmp_path)
    (site / "content" / "edited.md").write_text(
        "Title: Edited\nDate: 2024-01-04\nModified: 2024-05-01\n\nText.\n"
    )
    output = tmp_path / "out"
    build_or_fail(site, output)
    item = soup(output / "index.html").select_one(".post-item")
    assert item.select_one(".post-item__title").get_text(strip=True) == "Edited"
    assert [p.strong.get_text() for p in item.select(".post-meta__date")] == [
        "Published:"
    ]
    article = soup(output / "edited.html")
    assert [p.strong.get_text() for p in article.select(".post-meta__date")] == [
        "Published:",
        "Updated:",
    ]


def test_excerpt_links_work_on_every_listing_with_relative_urls(
    tmp_path: Path,
) -> None:
    site = minimal_site(tmp_path, "RELATIVE_URLS = True\n")
    (site / "content" / "linking.md").write_text(
        "Title: Linking\nDate: 2024-01-05\nTags: alpha\n\n"
        "See [the plain post]({filename}plain.md) first.\n",
        encoding="utf-8",
    )
    output = tmp_path / "out"
    build_or_fail(site, output)
    target = output / "plain-post.html"
    for listing in ("index.html", "tag/alpha.html", "tags.html"):
        page = output / listing
        [link] = [
            a["href"]
            for a in soup(page).select(".post-item__excerpt a")
            if "the plain post" in a.get_text()
        ]
        assert (page.parent / link).resolve() == target, (listing, link)


def test_an_empty_summary_line_is_no_summary(tmp_path: Path) -> None:
    site = minimal_site(tmp_path)
    (site / "content" / "bare.md").write_text(
        "Title: Bare summary\nDate: 2024-01-06\nSummary:\n\n"
        "The first paragraph says what the post is about.\n\nMore.\n",
        encoding="utf-8",
    )
    output = tmp_path / "out"
    build_or_fail(site, output)
    [item] = [
        item
        for item in soup(output / "index.html").select(".post-item")
        if "Bare summary" in item.get_text()
    ]
    assert item.select_one(".post-item__excerpt").get_text(strip=True) == (
        "The first paragraph says what the post is about."
    )
    description = soup(output / "bare-summary.html").select_one(
        'meta[name="description"]'
    )
    assert description["content"] == "The first paragraph says what the post is about."
