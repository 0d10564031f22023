"""The demo's feeds as a feed reader gets them: absolute links, no stray #, RSS guids."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import DEMO_SITEURL, soup
from lxml import etree

from pelican.plugins.scholar.feed_items import readable_item_html

ATOM = "{http://www.w3.org/2005/Atom}"
LOCAL_LINK = re.compile(r"""\s(?:href|src)=["'](?:#|/(?!/))""")


def test_rss_guids_say_they_are_no_address(demo_production: Path) -> None:
    items = ET.parse(demo_production / "feeds" / "all.rss.xml").findall(".//item")
    assert len(items) >= 5
    for item in items:
        guid = item.find("guid")
        assert guid is not None
        assert guid.text.startswith("tag:")
        assert guid.get("isPermaLink") == "false"


def test_feed_content_has_absolute_links_and_no_permalink_signs(
    demo_production: Path,
) -> None:
    feed = ET.parse(demo_production / "feeds" / "all.atom.xml")
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) >= 5
    footnotes = 0
    for entry in entries:
        link = entry.find(f"{ATOM}link").get("href")
        html = "".join(part.text or "" for part in entry.findall(f"{ATOM}content"))
        assert html
        assert not LOCAL_LINK.search(html), link
        assert 'class="headerlink"' not in html
        footnotes += html.count(f'href="{link}#fn:')
    assert footnotes > 0


def test_local_addresses_are_resolved_as_a_browser_on_the_post_would() -> None:
    html = (
        '<h2 id="a">A<a class="headerlink" href="#a" title="Link">#</a></h2>'
        '<p><a href="#fn:1">1</a> <img src="/images/x.png" alt="">'
        ' <a href="//cdn.example.org/x">cdn</a> <a href="https://o.org/#y">o</a>'
        " <a href='/about/'>about</a></p>"
    )
    assert readable_item_html(html, "https://blog.example.net/posts/p/") == (
        '<h2 id="a">A</h2>'
        '<p><a href="https://blog.example.net/posts/p/#fn:1">1</a>'
        ' <img src="https://blog.example.net/images/x.png" alt="">'
        ' <a href="//cdn.example.org/x">cdn</a> <a href="https://o.org/#y">o</a>'
        " <a href='https://blog.example.net/about/'>about</a></p>"
    )


def test_each_tag_links_its_feed_on_posts_by_tags_and_its_page(
    demo_production: Path, demo_local: Path
) -> None:
    sections = soup(demo_production / "tags" / "index.html").select(".tag-section")
    assert sections
    with_posts = [section for section in sections if section.select("article, li")]
    assert len(with_posts) < len(sections)  # the tags only hidden posts carry
    for section in sections:
        link = section.select_one("a.tag-feed")
        if section not in with_posts:
            assert link is None  # Pelican writes no feed for them
            continue
        assert link is not None, section.h2.get_text()
        assert (
            link["aria-label"]
            == f"Atom feed of the posts tagged {section.h2.get_text()}"
        )
        path = link["href"].removeprefix(DEMO_SITEURL.rstrip("/"))
        assert (demo_production / path.lstrip("/")).is_file(), path
    tag_page = soup(demo_production / "tag" / "rl.html")
    [head_link] = tag_page.select('link[type="application/atom+xml"][title*="tagged"]')
    assert head_link["href"].endswith("/feeds/tag/rl.atom.xml")
    assert (
        tag_page.select_one("main .tag-feeds a.tag-feed")["href"] == head_link["href"]
    )
    # The local build writes no tag feed: nothing links one.
    assert not soup(demo_local / "tags" / "index.html").select("a.tag-feed")
    assert not soup(demo_local / "tag" / "rl.html").select(".tag-feeds, a.tag-feed")


SCHEMAS = Path(__file__).parent / "fixtures" / "feeds"


def schema(name: str) -> etree.RelaxNG:
    """A RELAX NG schema of tests/fixtures/feeds (Atom 1.0 or RSS 2.0)."""
    return etree.RelaxNG(etree.parse(str(SCHEMAS / name)))


def test_every_feed_is_valid_atom_or_rss(demo_production: Path) -> None:
    feeds = sorted((demo_production / "feeds").rglob("*.xml"))
    assert len(feeds) > 10  # all posts, Atom and RSS, and each tag's
    validators = {".atom": schema("atom.rng"), ".rss": schema("rss2.rng")}
    for feed in feeds:
        validator = validators[Path(feed.stem).suffix]
        assert validator.validate(etree.parse(str(feed))), (feed, validator.error_log)


@pytest.mark.parametrize(
    ("name", "broken"),
    [
        ("atom.rng", lambda text: re.sub(r"<id>tag:[^<]*</id>", "", text, count=1)),
        ("atom.rng", lambda text: text.replace("<updated>", "<updated>yesterday", 1)),
        ("rss2.rng", lambda text: text.replace('<guid isPermaLink="false">', "<guid>")),
        ("rss2.rng", lambda text: text.replace("<pubDate>", "<pubDate>2026-10-20", 1)),
    ],
)
def test_the_schemas_refuse_what_validators_report(
    demo_production: Path, name: str, broken
) -> None:
    feed = (
        demo_production
        / "feeds"
        / ("all.atom.xml" if "atom" in name else "all.rss.xml")
    )
    text = feed.read_text(encoding="utf-8")
    assert schema(name).validate(etree.fromstring(text.encode()))
    assert not schema(name).validate(etree.fromstring(broken(text).encode()))
