"""The demo site in a real browser: anchors, dark mode, layout, requests, a11y."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import pytest
from conftest import (
    FIXTURE_SITE,
    REPO_ROOT,
    build_or_fail,
    copy_site,
    save_screenshot,
    served,
    settle,
    watch_requests,
)
from playwright.sync_api import Page

if TYPE_CHECKING:
    pass

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
    "archives": "/archives/",
    "year archive": "/posts/2026/",
    "publications": "/publications/",
    "publication": "/publications/castellan2025forced/",
    "talks": "/talks/",
    "talk": "/talks/reading-passk-curves/",
    "category": "/category/posts.html",
    "author": "/author/mira-castellan.html",
    "teaching": "/teaching/",
    "cv": "/cv/",
}


def axe_violations(page: Page, axe_url: str) -> list[dict]:
    """Run axe-core (from ``axe_url``, the fixture) on ``page``; return each
    violation's id, impact and 3 nodes."""
    page.add_script_tag(url=axe_url)
    # Violations only: axe then skips the selectors of passing and inapplicable
    # nodes (10-15 % of a run); every violation is still reported in full.
    return page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']}))"
        ".violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )


@pytest.fixture
def watched_page(page: Page):
    """The page, with its console errors and its requests recorded."""
    errors: list[str] = []
    page.on(
        "console",
        lambda message: message.type == "error" and errors.append(message.text),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors, page.requests = errors, watch_requests(page)  # type: ignore[attr-defined]
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
    watched_page.goto(f"{site_url}{PAGES[name]}", wait_until="load")
    settle(watched_page, watched_page.requests)  # type: ignore[attr-defined]
    assert watched_page.errors == []  # type: ignore[attr-defined]
    assert watched_page.requests.hosts == {"127.0.0.1"}  # type: ignore[attr-defined]


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_violations(  # noqa: PLR0917 - three fixtures, three parameters
    reused_page: Page, site_url: str, axe_url: str, name: str, scheme: str, width: int
) -> None:
    reused_page.emulate_media(color_scheme=scheme)
    reused_page.set_viewport_size({"width": width, "height": 900})
    reused_page.goto(f"{site_url}{PAGES[name]}")
    save_screenshot(reused_page, ARTIFACTS / f"{name}-{scheme}-{width}.png")
    violations = axe_violations(reused_page, axe_url)
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


# --- the reading experience: search colours and keys, permalinks, footer -----


def contrast(page: Page, selector: str) -> float:
    """The WCAG contrast of ``selector``'s text on the page's background."""
    return page.evaluate(
        """selector => {
          const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
          const lum = c => {
            const [r, g, b] = rgb(c).map(v => v / 255).map(
              v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
          };
          const text = getComputedStyle(document.querySelector(selector)).color;
          const ground = getComputedStyle(document.body).backgroundColor;
          const [a, b] = [lum(text), lum(ground)].sort((x, y) => y - x);
          return (a + 0.05) / (b + 0.05);
        }""",
        selector,
    )


@pytest.mark.parametrize("choice", ["os", "toggle"])
def test_search_results_are_readable_in_dark_mode(
    page: Page, site_url: str, axe_url: str, choice: str
) -> None:
    # Dark by the OS preference, or by the switch against a light OS.
    page.emulate_media(color_scheme="dark" if choice == "os" else "light")
    if choice == "toggle":
        page.goto(f"{site_url}/")
        page.get_by_role("radio", name="Dark").check()
    assert search(page, site_url, "routing")
    assert page.evaluate("document.documentElement.dataset.theme || 'dark'") == "dark"
    box = page.locator(".pagefind-ui__search-input")
    assert box.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(22, 24, 28)"
    for selector in (
        ".pagefind-ui__search-input",
        ".pagefind-ui__message",
        ".pagefind-ui__result-link",
        ".pagefind-ui__result-excerpt",
    ):
        assert contrast(page, selector) >= 4.5, selector
    violations = axe_violations(page, axe_url)
    assert violations == [], violations
    save_screenshot(page, ARTIFACTS / f"search-results-dark-{choice}.png")


def test_search_results_pass_axe_in_light_mode(
    page: Page, site_url: str, axe_url: str
) -> None:
    page.emulate_media(color_scheme="light")
    assert search(page, site_url, "routing")
    assert contrast(page, ".pagefind-ui__result-excerpt") >= 4.5
    violations = axe_violations(page, axe_url)
    assert violations == [], violations


def test_slash_focuses_the_search_box_but_not_while_typing(
    page: Page, site_url: str
) -> None:
    page.goto(f"{site_url}/search/")
    box = page.locator(".pagefind-ui__search-input")
    box.wait_for()
    assert box.get_attribute("aria-keyshortcuts") == "/"
    page.locator("main h1").click()  # focus elsewhere on the page
    page.keyboard.press("/")
    assert box.evaluate("e => e === document.activeElement")
    assert box.input_value() == ""  # the key went to focusing, not into the box
    page.keyboard.type("a/b")
    assert box.input_value() == "a/b"  # typed in the box, "/" is text
    # With a modifier, "/" is left to the browser.
    page.locator("main h1").click()
    page.keyboard.press("Control+/")
    assert not box.evaluate("e => e === document.activeElement")


def test_slash_does_nothing_on_other_pages(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}{ARTICLE}")
    prevented = page.evaluate(
        """() => {
          const event = new KeyboardEvent("keydown", {key: "/", bubbles: true, cancelable: true});
          document.body.dispatchEvent(event);
          return event.defaultPrevented;
        }"""
    )
    assert prevented is False
    page.keyboard.press("/")
    assert page.url == f"{site_url}{ARTICLE}"


def tab_stops(page: Page, limit: int = 400) -> list[dict]:
    """Press Tab from the top until focus leaves the page; describe each stop."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    stops: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(
            """() => {
              const e = document.activeElement;
              if (!e || e === document.body) return null;
              return {permalink: e.matches(".headerlink"), toc: !!e.closest(".toc"),
                      href: e.getAttribute("href")};
            }"""
        )
        if stop is None or (stops and stop == stops[0]):
            break
        stops.append(stop)
    return stops


def test_heading_permalinks_are_no_tab_stops_and_not_announced(
    page: Page, site_url: str
) -> None:
    page.goto(f"{site_url}{ARTICLE}")
    permalinks = page.locator(".post__content a.headerlink")
    assert permalinks.count() > 5
    stops = tab_stops(page)
    assert [stop for stop in stops if stop["permalink"]] == []
    # The table of contents still takes the keyboard to every section.
    toc_targets = {stop["href"] for stop in stops if stop["toc"]}
    assert {
        "#" + h
        for h in permalinks.evaluate_all("links => links.map(a => a.parentElement.id)")
    } <= toc_targets | {None}
    # Out of the accessibility tree: no link named "#".
    assert page.get_by_role("link", name="#", exact=True).count() == 0
    assert page.get_by_role("heading", name="The definition", exact=True).count() == 1


def test_heading_permalinks_still_work_with_the_mouse(
    page: Page, site_url: str
) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site_url}{ARTICLE}")
    heading = page.locator(".post__content h2").first
    link = heading.locator("a.headerlink")
    assert link.evaluate("e => getComputedStyle(e).opacity") == "0"
    heading.hover()
    page.wait_for_function(
        "e => getComputedStyle(e).opacity === '1'", arg=link.element_handle()
    )
    link.click()
    assert page.url.endswith("#" + heading.get_attribute("id"))


@pytest.fixture(scope="module")
def feeds_url(tmp_path_factory: pytest.TempPathFactory):
    """The fixture site with both feeds (three footer links), served locally."""
    root = tmp_path_factory.mktemp("footer-feeds")
    build_or_fail(
        copy_site(FIXTURE_SITE, root / "site"),
        root / "out",
        "-e",
        'FEED_ALL_ATOM="feeds/all.atom.xml"',
        'FEED_ALL_RSS="feeds/all.rss.xml"',
    )
    with served(root / "out") as url:
        yield url


def test_footer_separators_are_between_items_only(
    reused_page: Page, feeds_url: str
) -> None:
    reused_page.goto(f"{feeds_url}/")
    # The dots are generated content (not in the text, not read out).
    row = reused_page.locator("footer .site-footer__links")
    assert " ".join(row.inner_text().split()) == "Atom feed RSS feed Archives"

    def generated(pseudo: str) -> list[str]:
        return reused_page.evaluate(
            """pseudo => [...document.querySelectorAll("footer .site-footer__links li")]
                 .map(li => getComputedStyle(li, pseudo).content)""",
            pseudo,
        )

    assert generated("::before") == ["none"] * 3
    # A dot after each item but the last: nothing dangles at the end.
    assert generated("::after") == ['"\u00a0\u00b7" / ""'] * 2 + ["none"]
    # Drawn: the dots take room between the links, on one line at 1280 px.
    boxes = [
        a.bounding_box()
        for a in reused_page.locator("footer .site-footer__links a").all()
    ]
    assert len({round(box["y"]) for box in boxes}) == 1
    gaps = [b["x"] - (a["x"] + a["width"]) for a, b in itertools.pairwise(boxes)]
    assert all(gap > 8 for gap in gaps), gaps
    # Each link's accessible name is its text alone, without the dot.
    names = [
        " ".join(a.inner_text().split())
        for a in reused_page.locator("footer .site-footer__links a").all()
    ]
    assert names == ["Atom feed", "RSS feed", "Archives"]
