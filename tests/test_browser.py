"""The demo site in a real browser: anchors, dark mode, layout, requests, a11y."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlparse

import pytest
from conftest import REPO_ROOT, served
from playwright.sync_api import Page

if TYPE_CHECKING:
    from pathlib import Path

AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO_ROOT / "test-artifacts" / "screenshots"
ARTICLE = "/posts/2026/06/whats-in-pass-at-k/"
PAGES = {
    "home": "/",
    "tags": "/tags/",
    "tag": "/tag/rl.html",
    "article": ARTICLE,
    "page": "/about/",
    "404": "/404.html",
    "search": "/search/",
    "publications": "/publications/",
    "publication": "/publications/castellan2025forced/",
    "talks": "/talks/",
    "teaching": "/teaching/",
    "cv": "/cv/",
}


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core on ``page``; return each violation's id, impact and 3 nodes."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make setup` (npm ci) first")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "async () => (await axe.run(document)).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )


@pytest.fixture(scope="session")
def site_url(demo_local: Path):
    """The demo, built as `make build` builds it, served on 127.0.0.1."""
    with served(demo_local) as url:
        yield url


@pytest.fixture
def watched_page(page: Page):
    """The page, with its console errors and the hosts it requested recorded."""
    errors: list[str] = []
    hosts: set[str] = set()
    page.on(
        "console",
        lambda message: message.type == "error" and errors.append(message.text),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname or ""))
    page.errors, page.hosts = errors, hosts  # type: ignore[attr-defined]
    return page


def test_tag_anchor_scrolls_to_its_section(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site_url}/tags/#reasoning")
    top = page.evaluate(
        "document.getElementById('reasoning').getBoundingClientRect().top"
    )
    assert -2 <= top < 100
    page.goto(f"{site_url}{ARTICLE}")
    page.click("a.tag-link:text('evaluation')")
    page.wait_for_url("**/tags/#evaluation")
    top = page.evaluate(
        "document.getElementById('evaluation').getBoundingClientRect().top"
    )
    assert -2 <= top < 100


def test_dark_mode_toggle_is_remembered_without_a_flash(
    page: Page, site_url: str
) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(f"{site_url}/")
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    switch = page.get_by_role("group", name="Theme")
    assert switch.get_by_role("radio", name="Auto").is_checked()
    switch.get_by_role("radio", name="Dark").check()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.evaluate("localStorage.getItem('scholar-theme')") == "dark"
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert dark != light
    # Another page and a reload keep the choice; it is set before first paint,
    # by the inline script in <head>: with theme.js never loading, the page
    # is still dark.
    page.goto(f"{site_url}/tags/")
    assert page.get_by_role("radio", name="Dark").is_checked()
    page.route("**/theme.js", lambda route: route.abort())
    page.reload()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == dark
    head_script = page.evaluate("document.head.querySelector('script').textContent")
    assert "scholar-theme" in head_script


def test_os_dark_preference_is_followed(page: Page, site_url: str) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto(f"{site_url}/")
    assert (
        page.evaluate("getComputedStyle(document.body).backgroundColor")
        == "rgb(22, 24, 28)"
    )
    # Auto is the choice shown, and it follows the system as it changes.
    assert page.get_by_role("radio", name="Auto").is_checked()
    assert page.evaluate("document.documentElement.dataset.theme") is None
    page.emulate_media(color_scheme="light")
    assert (
        page.evaluate("getComputedStyle(document.body).backgroundColor")
        == "rgb(255, 255, 255)"
    )


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_horizontal_overflow(
    reused_page: Page, site_url: str, name: str, width: int
) -> None:
    reused_page.set_viewport_size({"width": width, "height": 900})
    reused_page.goto(f"{site_url}{PAGES[name]}")
    overflow = reused_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{name} overflows by {overflow}px at {width}px"


@pytest.mark.parametrize("name", list(PAGES))
def test_no_console_errors_and_no_request_leaves_the_site(
    watched_page: Page, site_url: str, name: str
) -> None:
    watched_page.goto(f"{site_url}{PAGES[name]}", wait_until="networkidle")
    assert watched_page.errors == []  # type: ignore[attr-defined]
    assert watched_page.hosts == {"127.0.0.1"}  # type: ignore[attr-defined]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_violations(
    reused_page: Page, site_url: str, name: str, scheme: str
) -> None:
    reused_page.emulate_media(color_scheme=scheme)
    reused_page.set_viewport_size({"width": 1280, "height": 900})
    reused_page.goto(f"{site_url}{PAGES[name]}")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    reused_page.screenshot(
        path=str(ARTIFACTS / f"{name}-{scheme}.png"), full_page=False
    )
    violations = axe_violations(reused_page)
    assert violations == [], violations


def search(page: Page, site_url: str, query: str) -> list[str]:
    """Type ``query`` into the search page; return the titles it finds."""
    page.goto(f"{site_url}/search/")
    page.fill(".pagefind-ui__search-input", query)
    page.wait_for_selector(".pagefind-ui__message")
    page.wait_for_function(
        "!document.querySelector('.pagefind-ui__message').textContent.includes('Searching')"
    )
    # Results appear first as placeholders (". . ."), filled in as each
    # result's fragment loads: wait for the words.
    page.wait_for_function(
        "[...document.querySelectorAll('.pagefind-ui__result-title')]"
        ".every(title => /[^.\\s]/.test(title.textContent))"
    )
    return [
        " ".join(title.split())
        for title in page.locator(".pagefind-ui__result-title").all_inner_texts()
    ]


def test_search_finds_a_post_by_a_word_of_its_body(page: Page, site_url: str) -> None:
    titles = search(page, site_url, "Jensen")
    assert "What\u2019s in Pass@K?" in titles


def test_search_shows_headings_without_their_permalink_sign(
    page: Page, site_url: str
) -> None:
    # "routing" is in several sections of one post: Pagefind lists them.
    titles = search(page, site_url, "routing")
    assert "How big is the routing record?" in titles
    assert not [title for title in titles if title.endswith("#")]


def test_search_leaves_hidden_posts_out(page: Page, site_url: str) -> None:
    # Each word is in a hidden note only; Pagefind may still show near matches.
    hidden = {
        "Context Management for Long-Horizon Agents",
        "On-Policy Distillation: Grading the Student\u2019s Own Tokens",
    }
    for word in ("MemGPT", "Ranzato"):
        assert hidden.isdisjoint(search(page, site_url, word)), word


def test_pages_read_fully_without_javascript(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}{ARTICLE}")
    title = page.locator("main h1").inner_text().replace("\xa0", " ")
    assert title == "What\u2019s in Pass@K?"
    assert page.locator(".post__content math").count() > 10  # formulas need no script
    assert page.locator(".toc a").count() > 5
    assert not page.locator(".theme-toggle").is_visible()  # shown only when it works
    page.goto(f"{site_url}/tags/")
    entries = page.locator("main .post-item").count()
    assert entries == 18  # as many as the reference lists
    context.close()


def test_abstract_and_bibtex_open_without_javascript(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/publications/")
    entry = page.locator("#pub-castellan2025forced")
    abstract = entry.locator(".publication__abstract")
    bibtex = entry.locator(".publication__bibtex")
    assert not abstract.is_visible()
    assert not bibtex.is_visible()
    entry.locator("summary", has_text="Abstract").click()
    assert abstract.is_visible()
    entry.locator("summary", has_text="BibTeX").click()
    assert bibtex.is_visible()
    assert bibtex.inner_text().startswith("@inproceedings{castellan2025forced,")
    context.close()
