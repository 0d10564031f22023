"""The conventions' markup in a real browser: axe-core and no overflow.

The site of test_conventions.py (SOCIAL, LINKS, MENUITEMS, categories on the
menu, bylines, translations, SITESUBTITLE, SITELOGO), served on 127.0.0.1.
"""

from __future__ import annotations

import pytest
from conftest import build_or_fail, served
from playwright.sync_api import Page
from test_browser import axe_violations
from test_conventions import make_site

PAGES = ["/one.html", "/index.html", "/category/research.html", "/pages/about.html"]
# What each page must hold, so the checks look at the conventions' markup.
MARKUP = (
    ".masthead__logo",
    ".masthead__subtitle",
    ".author__link--github",
    ".footer-links a",
    ".post-meta__authors a",
)


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("conventions-browser")
    build_or_fail(make_site(root), root / "out")
    with served(root / "out") as url:
        yield url


def has_the_markup(page: Page, path: str) -> None:
    for selector in MARKUP:
        if path == "/pages/about.html" and selector == ".post-meta__authors a":
            continue  # pages carry no byline
        assert page.locator(selector).count() > 0, (path, selector)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violations(
    reused_page: Page, site_url: str, axe_url: str, path: str, scheme: str
) -> None:
    reused_page.emulate_media(color_scheme=scheme)
    reused_page.set_viewport_size({"width": 1280, "height": 900})
    reused_page.goto(f"{site_url}{path}")
    has_the_markup(reused_page, path)
    violations = axe_violations(reused_page, axe_url)
    assert violations == [], violations


@pytest.mark.parametrize("width", [320, 390, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_overflow(
    reused_page: Page, site_url: str, path: str, width: int
) -> None:
    reused_page.set_viewport_size({"width": width, "height": 900})
    reused_page.goto(f"{site_url}{path}")
    has_the_markup(reused_page, path)
    overflow = reused_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} overflows by {overflow}px at {width}px"
    # The logo keeps its place beside the site's name.
    box = reused_page.locator(".masthead__logo").bounding_box()
    assert box is not None
    assert box["height"] == pytest.approx(32, abs=1)
