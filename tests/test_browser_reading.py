"""Reading in a browser: the colour scheme switch, code blocks, scrolling regions.

The demo as ``make build`` builds it, served on 127.0.0.1 (``site_url`` of
test_browser.py), and one small site with line numbers.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

import pytest
from conftest import build_or_fail, served, settle, watch_requests, write_site
from playwright.sync_api import Browser, Locator, Page, expect
from test_browser import axe_violations

if TYPE_CHECKING:
    from pathlib import Path

LONG_POSTS = {
    "pass-at-k": "/posts/2026/06/whats-in-pass-at-k/",
    "multi-agent": "/posts/2026/08/multi-agent-role-playing/",
}
PASS_AT_K = LONG_POSTS["pass-at-k"]
#: What axe finds that is the content's, not the theme's: table headers that
#: hold only a formula ($p$), whose MathML text axe does not read.
KNOWN = {"multi-agent": {"empty-table-header"}}
PHONE = {"width": 390, "height": 844}
#: Records what the page gives navigator.clipboard.writeText (and still writes).
RECORD_CLIPBOARD = """
window.copied = [];
const write = navigator.clipboard.writeText.bind(navigator.clipboard);
navigator.clipboard.writeText = (text) => { window.copied.push(text); return write(text); };
"""


def background(page: Page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


# ---- the colour scheme switch ------------------------------------------------------


def test_auto_forgets_the_choice_and_follows_the_system_live(
    page: Page, site_url: str
) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto(f"{site_url}/")
    switch = page.get_by_role("group", name="Theme")
    switch.get_by_role("radio", name="Light").check()
    assert background(page) == "rgb(255, 255, 255)"  # light although the OS is dark
    assert page.evaluate("localStorage.getItem('scholar-theme')") == "light"
    switch.get_by_role("radio", name="Auto").check()
    assert page.evaluate("localStorage.getItem('scholar-theme')") is None
    assert page.evaluate("document.documentElement.hasAttribute('data-theme')") is False
    assert background(page) == "rgb(22, 24, 28)"
    page.emulate_media(color_scheme="light")
    assert background(page) == "rgb(255, 255, 255)"
    page.reload()
    assert page.get_by_role("radio", name="Auto").is_checked()


def test_the_switch_works_by_keyboard_and_names_its_state(
    page: Page, site_url: str
) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(f"{site_url}/")
    switch = page.get_by_role("group", name="Theme")
    expect(switch).to_be_visible()
    radios = switch.get_by_role("radio")
    assert [radios.nth(i).get_attribute("value") for i in range(3)] == [
        "auto",
        "light",
        "dark",
    ]
    auto = switch.get_by_role("radio", name="Auto")
    auto.focus()
    page.keyboard.press("ArrowRight")  # radios: arrows move and choose
    assert switch.get_by_role("radio", name="Light").is_checked()
    page.keyboard.press("ArrowRight")
    assert switch.get_by_role("radio", name="Dark").is_checked()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    # The focused choice shows a visible ring (on its label).
    outline = page.evaluate(
        "getComputedStyle(document.activeElement.parentElement).outlineStyle"
    )
    assert outline == "solid"
    page.keyboard.press("ArrowRight")  # round to the first
    assert auto.is_checked()
    assert page.evaluate("localStorage.getItem('scholar-theme')") is None


def test_a_choice_in_another_tab_is_followed(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/")
    other = page.context.new_page()
    other.goto(f"{site_url}/tags/")
    other.get_by_role("radio", name="Dark").check()
    page.wait_for_function("document.documentElement.dataset.theme === 'dark'")
    assert page.get_by_role("radio", name="Dark").is_checked()
    other.close()


def test_the_french_switch_is_translated(browser: Browser, tmp_path: Path) -> None:
    site = write_site(
        tmp_path / "site",
        {"post.md": "Title: Un\nDate: 2024-01-02\n\n```python\nx = 1\n```\n"},
        "PLUGINS = ['pelican.plugins.scholar']\n"
        "from pelican.plugins.scholar import theme_path\nTHEME = theme_path()\n"
        "DEFAULT_LANG = 'fr'\nSCHOLAR_SEARCH = False\n"
        "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\n",
    )
    build_or_fail(site, tmp_path / "out")
    context = browser.new_context()
    page = context.new_page()
    with served(tmp_path / "out") as url:
        page.goto(f"{url}/un.html")
        switch = page.get_by_role("group", name="Thème")
        for name in ("Auto", "Clair", "Sombre"):
            expect(switch.get_by_role("radio", name=name)).to_be_visible()
        expect(page.get_by_role("region", name="Code 1, python")).to_be_visible()
        expect(page.get_by_role("button", name="Copier le code")).to_be_visible()
    context.close()


# ---- code blocks ----------------------------------------------------------------------


@pytest.fixture
def clipboard_page(page: Page) -> Page:
    """The page, allowed to use the clipboard, recording what is written to it."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.add_init_script(RECORD_CLIPBOARD)
    return page


def test_copy_by_keyboard_copies_the_code_and_says_so(
    clipboard_page: Page, site_url: str
) -> None:
    page = clipboard_page
    page.clock.install()  # the page's time runs, and the test can stop it (below)
    page.goto(f"{site_url}{PASS_AT_K}")
    block = page.locator(".code-block").first
    button = block.get_by_role("button", name="Copy code")
    expect(button).to_be_visible()
    expect(block.locator(".code-block__language")).to_have_text("python")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("Copied")
    expect(button).to_have_text("Copied")
    code = block.locator("pre").evaluate("pre => pre.textContent")
    [copied] = page.evaluate("window.copied")
    assert copied == code.rstrip("\n")
    assert copied.startswith("import numpy as np\n")
    assert "Copy" not in copied
    assert page.evaluate("navigator.clipboard.readText()") == copied
    # And back within four seconds of the page's time, run at once, not waited.
    page.clock.pause_at(page.evaluate("Date.now() / 1000") + 0.001)  # in seconds
    page.clock.run_for(4000)
    expect(button).to_have_text("Copy", timeout=1000)


def test_copy_leaves_the_line_numbers_out(browser: Browser, tmp_path: Path) -> None:
    code = "first = 1\nsecond = 2\nthird = first + second\n"
    site = write_site(
        tmp_path / "site",
        {
            "table.md": f"Title: Table\nDate: 2024-01-02\n\n```python\n{code}```\n",
            "inline.md": "Title: Inline\nDate: 2024-01-03\n\n"
            f'``` {{ .python linenos="inline" }}\n{code}```\n',
        },
        "PLUGINS = ['pelican.plugins.scholar']\n"
        "from pelican.plugins.scholar import theme_path\nTHEME = theme_path()\n"
        "SCHOLAR_SEARCH = False\nFEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\n"
        "MARKDOWN = {'extension_configs': {'markdown.extensions.codehilite':"
        " {'css_class': 'highlight', 'linenums': True},"
        " 'markdown.extensions.extra': {}}, 'output_format': 'html5'}\n",
    )
    build_or_fail(site, tmp_path / "out")
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.add_init_script(RECORD_CLIPBOARD)
    with served(tmp_path / "out") as url:
        for name, numbers in (("table", "td.linenos"), ("inline", "span.linenos")):
            page.goto(f"{url}/{name}.html")
            assert page.locator(f".highlight {numbers}").count() > 0, name
            page.get_by_role("button", name="Copy code").click()
            expect(page.get_by_role("status")).to_have_text("Copied")
            assert page.evaluate("window.copied") == [code.rstrip("\n")], name
    context.close()


def test_without_javascript_labels_show_and_copy_buttons_do_not(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}{PASS_AT_K}")
    expect(page.locator(".code-block__language").first).to_have_text("python")
    assert page.locator(".code-block__copy").count() == 1
    expect(page.locator(".code-block__copy")).to_be_hidden()
    expect(page.locator(".theme-toggle")).to_be_hidden()
    # Still a region a keyboard can scroll.
    region = page.get_by_role("region", name="Code 1, python")
    assert region.get_attribute("tabindex") == "0"
    context.close()


def test_a_block_without_language_has_no_label_but_a_copy_button(
    reused_page: Page, site_url: str
) -> None:
    reused_page.goto(f"{site_url}/posts/2026/03/length-dynamics-rl-training/")
    labels = reused_page.locator(".code-block__language").all_inner_texts()
    assert labels == ["python", "text", "python"]
    assert reused_page.locator(".code-block__copy:visible").count() == 3


# ---- scrolling regions ------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(LONG_POSTS))
def test_axe_finds_no_violations_on_a_phone(
    reused_page: Page, site_url: str, axe_url: str, name: str, scheme: str
) -> None:
    reused_page.set_viewport_size(PHONE)
    reused_page.emulate_media(color_scheme=scheme)
    reused_page.goto(f"{site_url}{LONG_POSTS[name]}")
    scrolling = reused_page.evaluate(
        "[...document.querySelectorAll('main *')]"
        ".filter(e => e.checkVisibility() && e.scrollWidth > e.clientWidth + 1"
        " && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)).length"
    )
    assert scrolling >= 3  # there is something to scroll at this width
    violations = [
        v
        for v in axe_violations(reused_page, axe_url)
        if v["id"] not in KNOWN.get(name, ())
    ]
    assert violations == [], violations


def test_every_scrolling_block_takes_focus_and_is_named(
    reused_page: Page, site_url: str
) -> None:
    reused_page.set_viewport_size(PHONE)
    for path in LONG_POSTS.values():
        reused_page.goto(f"{site_url}{path}")
        unnamed = reused_page.evaluate(
            "[...document.querySelectorAll('main *')]"
            ".filter(e => e.checkVisibility() && e.scrollWidth > e.clientWidth + 1"
            " && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))"
            ".filter(e => !(e.tabIndex === 0 && e.getAttribute('role') === 'region'"
            " && e.getAttribute('aria-label')))"
            ".map(e => e.outerHTML.slice(0, 80))"
        )
        assert unnamed == [], path


def test_a_keyboard_scrolls_a_code_block(page: Page, site_url: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{site_url}{PASS_AT_K}")
    region = page.get_by_role("region", name="Code 1, python")
    region.focus()
    assert region.evaluate("r => r === document.activeElement")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "document.querySelector('.code-block .highlight').scrollLeft > 0"
    )
    assert region.evaluate("r => getComputedStyle(r).outlineStyle") == "solid"


def test_blocks_that_fit_are_no_tab_stop(reused_page: Page, site_url: str) -> None:
    reused_page.set_viewport_size({"width": 1280, "height": 900})
    reused_page.goto(f"{site_url}{PASS_AT_K}")
    reused_page.wait_for_timeout(100)
    stops = reused_page.evaluate(
        "[...document.querySelectorAll('.scroll-region, .code-block > .highlight')]"
        ".map(r => [r.scrollWidth > r.clientWidth + 1, r.hasAttribute('tabindex')])"
    )
    assert stops
    assert all(scrolls == focusable for scrolls, focusable in stops), stops
    reused_page.set_viewport_size(PHONE)
    reused_page.wait_for_function(
        "[...document.querySelectorAll('.code-block > .highlight')]"
        ".every(r => r.tabIndex === 0)"
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_shadow_shows_where_there_is_more_to_scroll(
    reused_page: Page, site_url: str, scheme: str
) -> None:
    reused_page.set_viewport_size(PHONE)
    reused_page.emulate_media(color_scheme=scheme)
    reused_page.goto(f"{site_url}{PASS_AT_K}")
    region = reused_page.locator(".code-block > .highlight").first
    style = region.evaluate(
        "r => { const s = getComputedStyle(r); return [s.backgroundImage,"
        " s.backgroundAttachment, s.backgroundColor] }"
    )
    images, attachment, color = style
    assert images.count("radial-gradient") == 2  # the shadows at both edges
    assert images.count("linear-gradient") == 2  # the covers that scroll along
    assert attachment.startswith("local, local, scroll, scroll")
    # Covers in the code's own background: Pygments' style of the scheme.
    expected = "rgb(255, 255, 255)" if scheme == "light" else "rgb(29, 35, 49)"
    assert color == expected
    # The right edge is shaded at the start, the left one after scrolling
    # (the code's text made transparent, so only the background shows).
    reused_page.add_style_tag(content=".highlight * { color: transparent !important }")
    left, right = edge_shades(region, color)
    assert right > 8 > left
    region.evaluate("r => { r.scrollLeft = r.scrollWidth }")
    left, right = edge_shades(region, color)
    assert left > 8 > right


def edge_shades(region: Locator, color: str) -> tuple[float, float]:
    """How far the pixels near each edge of ``region`` are from ``color``."""
    png = base64.b64encode(region.screenshot()).decode()
    return region.page.evaluate(
        """async ([data, color, inset]) => {
          const image = new Image();
          image.src = 'data:image/png;base64,' + data;
          await image.decode();
          const canvas = new OffscreenCanvas(image.width, image.height);
          const context = canvas.getContext('2d');
          context.drawImage(image, 0, 0);
          const background = color.match(/\\d+/g).map(Number);
          const distance = (x) => {
            const pixels = context.getImageData(x, 2, 1, image.height - 4).data;
            let total = 0;
            for (let i = 0; i < pixels.length; i += 4) {
              for (let c = 0; c < 3; c++) total += Math.abs(pixels[i + c] - background[c]);
            }
            return total / (pixels.length / 4);
          };
          return [distance(inset), distance(image.width - 1 - inset)];
        }""",
        [png, color, 3],
    )


@pytest.mark.parametrize("name", list(LONG_POSTS))
def test_no_request_leaves_the_site_from_a_long_post(
    page: Page, site_url: str, name: str
) -> None:
    requests = watch_requests(page)
    page.set_viewport_size(PHONE)
    page.goto(f"{site_url}{LONG_POSTS[name]}", wait_until="load")
    settle(page, requests)
    assert requests.hosts == {"127.0.0.1"}
