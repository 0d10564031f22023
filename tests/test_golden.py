"""The demo site's Posts by Tags page reproduces the reference page line for line.

``tests/fixtures/posts-by-tags.txt`` is the reference this project was created
from (the text of a rendered page, with the dates after "Published:" lost).
The demo is built exactly as ``make build`` builds it, only in a temporary
copy with an empty cache (conftest's ``demo_local``); its tags page's main
content is read one line per block element.
"""

from __future__ import annotations

import difflib
import html
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO_ROOT, soup

REFERENCE = REPO_ROOT / "tests" / "fixtures" / "posts-by-tags.txt"
BLOCK_ELEMENTS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd",
    "blockquote", "figcaption", "pre", "td", "th",
}  # fmt: skip

APOSTROPHE = "\u2019"  # what typogrify makes of a straight '

# The reference's reading times, by title.
READING_TIMES = {
    "The Infrastructure Cost of MoE Routing Replay": "15 minute read",
    "Understanding Length Dynamics in RL Training": "37 minute read",
    "Training-Free Process Rewards for LLM RL": "11 minute read",
    "A Reflection on Multi-Agent Role-Playing": "23 minute read",
    f"What{APOSTROPHE}s in Pass@K?": "11 minute read",
}


def normalized(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def block_lines(page: BeautifulSoup) -> list[str]:
    """One line per outermost block element of <main>, the date dropped."""
    lines = []
    for element in page.select_one("main").find_all(BLOCK_ELEMENTS):
        if any(parent.name in BLOCK_ELEMENTS for parent in element.parents):
            continue
        line = normalized(element.get_text(" "))
        if line.startswith("Published:"):
            line = "Published:"
        if line:
            lines.append(line)
    return lines


def hidden_titles() -> list[str]:
    titles = []
    for post in (REPO_ROOT / "content" / "posts").glob("*.md"):
        header = post.read_text(encoding="utf-8").split("\n\n", 1)[0]
        if re.search(r"^Status:\s*hidden\s*$", header, re.MULTILINE | re.IGNORECASE):
            titles.append(
                re.search(r"^Title:\s*(.+)$", header, re.MULTILINE).group(1).strip()
            )
    return titles


def test_tags_page_reproduces_the_reference(demo_local: Path) -> None:
    expected = [
        line.strip() for line in REFERENCE.read_text(encoding="utf-8").splitlines()
    ]
    expected = [line for line in expected if line]
    assert len(expected) == 98, "the reference has 98 non-empty lines"
    built = block_lines(soup(demo_local / "tags" / "index.html"))
    if built != expected:
        diff = "\n".join(
            difflib.unified_diff(
                expected, built, "reference", "built", lineterm="", n=2
            )
        )
        pytest.fail(f"the tags page differs from the reference:\n{diff}")


def test_each_listed_post_has_the_reference_reading_time(demo_local: Path) -> None:
    found = {}
    for page in (demo_local / "posts").glob("*/*/*/index.html"):
        article = soup(page)
        title = normalized(article.select_one("main h1").get_text())
        found[title] = normalized(
            article.select_one(".post-meta__read-time").get_text()
        )
    listed = {title: time for title, time in found.items() if title in READING_TIMES}
    assert listed == READING_TIMES


def test_hidden_posts_exist_and_carry_the_nine_empty_tags(demo_local: Path) -> None:
    titles = hidden_titles()
    assert len(titles) >= 1
    page = soup(demo_local / "tags" / "index.html")
    empty = [
        normalized(section.h2.get_text())
        for section in page.select("main section")
        if not section.select(".post-item")
    ]
    assert sorted(empty) == sorted(
        [
            "PPO", "context management", "importance sampling",
            "knowledge-distillation", "memory", "off-policy",
            "on-policy-distillation", "post-training", "verl",
        ]
    )  # fmt: skip


def test_no_hidden_post_in_any_listing_or_feed(
    demo_local: Path, demo_production: Path
) -> None:
    source_titles = hidden_titles()
    rendered = {
        page: normalized(soup(page).select_one("main h1").get_text())
        for root in (demo_local, demo_production)
        for page in root.glob("posts/*/*/*/index.html")
    }
    # Typogrify curls the quotes, so look for the titles as rendered.
    hidden_pages = {
        page
        for page, title in rendered.items()
        if title.replace(APOSTROPHE, "'") in source_titles
    }
    assert len(hidden_pages) == 2 * len(source_titles), (
        "every hidden post is still built"
    )
    titles = {rendered[page] for page in hidden_pages}
    checked = 0
    for root in (demo_local, demo_production):
        for path in root.rglob("*"):
            if path.suffix not in {".html", ".xml"} or path in hidden_pages:
                continue
            raw = path.read_text(encoding="utf-8")
            if path.suffix == ".xml":  # feeds: titles and escaped HTML summaries
                text = normalized(html.unescape(html.unescape(raw)))
            else:
                text = normalized(BeautifulSoup(raw, "html.parser").get_text(" "))
            for title in titles:
                assert title not in text, f"hidden post {title!r} is listed in {path}"
            checked += 1
    feeds = list(demo_production.glob("feeds/**/*.xml"))
    assert feeds, "the production build writes feeds"
    assert checked > 20
    # The sitemap lists addresses, not titles.
    sitemap = (demo_production / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<loc>") >= 5 + 2 + 1  # listed posts, pages, home
    for page in hidden_pages:
        address = "/" + page.parent.relative_to(page.parents[4]).as_posix() + "/"
        assert address not in sitemap, f"hidden post {address} is in sitemap.xml"
    assert "404.html" not in sitemap


def test_search_index_holds_the_listed_posts_pages_and_items_only(
    demo_local: Path,
) -> None:
    entry = json.loads((demo_local / "pagefind" / "pagefind-entry.json").read_text())
    [language] = entry["languages"].values()
    pages = len(list((REPO_ROOT / "content" / "pages").glob("*.md")))
    # Talks and teaching items, and each publication of the bibliography.
    items = len(list((REPO_ROOT / "content" / "talks").glob("*.md")))
    items += len(list((REPO_ROOT / "content" / "teaching").glob("*.md")))
    bibliography = (REPO_ROOT / "content" / "bibliography" / "castellan.bib").read_text(
        encoding="utf-8"
    )
    items += len(re.findall(r"^@(?!string)\w+\{", bibliography, re.MULTILINE | re.I))
    assert language["page_count"] == len(READING_TIMES) + pages + items
