"""Formulas: KaTeX's stylesheet and fonts from the site, only where formulas are."""

from __future__ import annotations

import re
from pathlib import Path

import pelican_katex
import pytest
from conftest import build_or_fail, settle, soup, watch_requests, write_site
from playwright.sync_api import Page

MATH_POST = "posts/2026/06/whats-in-pass-at-k/index.html"
NO_MATH = (
    "about/index.html",
    "tags/index.html",
    "cv/index.html",
    "publications/index.html",
)
STYLESHEET = "theme/katex/katex.min.css"


def stylesheets(page: Path) -> list[str]:
    return [link["href"] for link in soup(page).select('link[rel="stylesheet"]')]


def test_the_stylesheet_is_linked_only_where_katex_html_is(demo_local: Path) -> None:
    assert [
        href for href in stylesheets(demo_local / MATH_POST) if "katex" in href
    ] == [f"/{STYLESHEET}"]
    for name in NO_MATH:
        assert not [href for href in stylesheets(demo_local / name) if "katex" in href]


def test_every_font_the_stylesheet_names_is_served(demo_local: Path) -> None:
    css = (demo_local / STYLESHEET).read_text(encoding="utf-8")
    fonts = re.findall(r"url\(([^)]+)\)", css)
    assert len(fonts) >= 20
    assert all(name.endswith(".woff2") for name in fonts)
    for name in fonts:
        assert (demo_local / "theme" / "katex" / name).is_file(), name


def test_the_stylesheet_is_the_version_pelican_katex_renders_with() -> None:
    bundled = next(Path(pelican_katex.__file__).parent.glob("katex.*.js")).name
    version = bundled.removeprefix("katex.").removesuffix(".js")
    theme_css = (
        Path(__file__).parents[1] / "theme" / "static" / "katex" / "katex.min.css"
    )
    assert theme_css.read_text(encoding="utf-8").startswith(f"/* KaTeX {version} ")


@pytest.mark.parametrize(
    ("output", "linked"), [("htmlAndMathml", True), ("html", True), ("mathml", False)]
)
def test_another_site_gets_the_stylesheet_for_katex_html_only(
    tmp_path: Path, output: str, linked: bool
) -> None:
    site = write_site(
        tmp_path / "site",
        {"posts/m.md": "Title: M\nDate: 2024-01-01\n\nSo $a^2 + b^2 = c^2$.\n"},
        "from pelican.plugins.scholar import theme_path\nTHEME = theme_path()\n"
        'PLUGINS = ["pelican.plugins.scholar", "pelican_katex"]\n'
        f"KATEX = {{'output': {output!r}}}\nAUTHOR = 'A'\nSITEURL = ''\n",
    )
    build_or_fail(site, tmp_path / "out")
    page = tmp_path / "out" / "m.html"
    assert soup(page).select_one(".katex") is not None
    assert bool([href for href in stylesheets(page) if "katex" in href]) is linked


@pytest.mark.parametrize("width", [390, 1280])
def test_formulas_are_typeset_with_katex_fonts_and_centred(
    page: Page, site_url: str, width: int
) -> None:
    requests = watch_requests(page)
    fonts = requests.urls
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site_url}/{MATH_POST}", wait_until="load")
    settle(page, requests)
    assert page.evaluate("document.fonts.check('16px KaTeX_Main')")
    assert any(url.endswith("KaTeX_Main-Regular.woff2") for url in fonts)
    # The MathML copy, for screen readers, is not shown; the HTML one is.
    shown = page.evaluate(
        """[...document.querySelectorAll('.katex-mathml')].map(m => {
            const box = m.getBoundingClientRect(); return box.width * box.height;
        })"""
    )
    assert shown
    assert max(shown) <= 1, "a formula's MathML copy is shown"
    # A display formula narrower than the column sits in its middle.
    offsets = page.evaluate(
        """[...document.querySelectorAll('.katex-display')].map(d => {
            const box = d.getBoundingClientRect(), f = d.firstElementChild.getBoundingClientRect();
            return f.width < box.width ? Math.abs((f.left - box.left) - (box.right - f.right)) : 0;
        })"""
    )
    assert offsets
    assert max(offsets) < 2, offsets
    assert page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    # A page without formulas loads nothing for them.
    fonts.clear()
    page.goto(f"{site_url}/about/", wait_until="load")
    settle(page, requests)
    assert fonts
    assert not [url for url in fonts if "katex" in url.casefold()]
