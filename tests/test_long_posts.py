"""Long posts: a table of contents that folds on phones, follows the text on wide
screens and marks the section being read; a way back to the top."""

from __future__ import annotations

from typing import TYPE_CHECKING

from conftest import soup

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser, Page

LONG = "posts/2026/03/length-dynamics-rl-training/"  # 18 entries
SHORT = "posts/2026/02/ppo-ratio-old-log-probs/"  # 4 entries


def test_a_long_contents_starts_closed_and_a_short_one_open(demo_local: Path) -> None:
    long_toc = soup(demo_local / LONG / "index.html").select_one(".toc details")
    short_toc = soup(demo_local / SHORT / "index.html").select_one(".toc details")
    assert len(long_toc.select("li")) > 6
    assert not long_toc.has_attr("open")
    assert len(short_toc.select("li")) <= 6
    assert short_toc.has_attr("open")
    assert long_toc.select_one("summary h2").get_text() == "Contents"


def test_posts_with_contents_end_with_a_way_back_to_the_top(demo_local: Path) -> None:
    post = soup(demo_local / LONG / "index.html")
    back = post.select_one(".post__footer .back-to-top a")
    assert back.get_text() == "Back to top"
    assert post.select_one(back["href"]) is not None
    assert soup(demo_local / "about" / "index.html").select_one(".back-to-top") is None


def test_on_a_wide_screen_it_follows_the_text_and_marks_the_section(
    page: Page, site_url: str
) -> None:
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{site_url}/{LONG}")
    assert page.evaluate("document.querySelector('.toc details').open")
    links = page.locator(".toc a")
    target = links.nth(5).get_attribute("href")
    page.evaluate(f"document.getElementById({target[1:]!r}).scrollIntoView()")
    page.wait_for_function(
        f"document.querySelector('.toc a[href=\"{target}\"]').getAttribute('aria-current') === 'location'"
    )
    assert page.locator(".toc a[aria-current]").count() == 1
    box = page.evaluate(
        "(() => { const r = document.querySelector('.toc details').getBoundingClientRect();"
        " return [r.top, r.bottom, r.left, window.innerHeight, document.querySelector('.post__content').getBoundingClientRect().right]; })()"
    )
    top, bottom, left, height, text_right = box
    assert top >= 0, box  # in view, far down the post
    assert bottom <= height, box
    assert left > text_right, box  # beside the text, not over it
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_on_a_phone_a_long_contents_opens_on_demand(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{site_url}/{LONG}")
    details = page.locator(".toc details")
    assert not details.evaluate("d => d.open")
    assert page.locator(".toc a").first.is_hidden()
    page.locator(".toc summary").focus()
    page.keyboard.press("Enter")
    assert details.evaluate("d => d.open")
    assert page.locator(".toc a").first.is_visible()


def test_without_javascript_the_contents_is_a_list_that_opens(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1440, "height": 900}
    )
    page = context.new_page()
    page.goto(f"{site_url}/{SHORT}")
    assert page.locator(".toc a").first.is_visible()
    assert page.locator(".toc a[aria-current]").count() == 0
    page.goto(f"{site_url}/{LONG}")
    page.locator(".toc summary").click()
    assert page.locator(".toc a").first.is_visible()
    context.close()
