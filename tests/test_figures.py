"""Figures: a phone opens them at full size; dark mode shows no white card."""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING

import pytest
from conftest import soup

from pelican.plugins.scholar.content_blocks import mark_blocks

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Page

POST = "posts/2026/08/multi-agent-role-playing/"


def wrappers(**extra: object) -> SimpleNamespace:
    return SimpleNamespace(
        code=lambda language, attributes, body, n: f"<code-{n}>",
        equation=lambda formula, tag, n: f"<eq-{n}>",
        table=lambda table, n: f"<table-{n}>",
        **extra,
    )


LINKED = wrappers(figure_image=lambda img, src, n: f'<a href="{src}" n="{n}">{img}</a>')


def test_a_figures_image_becomes_a_link_to_itself() -> None:
    html = (
        '<figure><img src="/a.svg" alt="A"><figcaption>One</figcaption></figure>'
        "<figure><a href='/b.html'><img src='/b.png' alt='B'></a></figure>"
        '<figure><img alt="no source"></figure>'
        '<figure><img src="x&amp;y.png" alt="C"><table><tr><td>1</td></tr></table></figure>'
    )
    assert mark_blocks(html, LINKED) == (
        '<figure><a href="/a.svg" n="1"><img src="/a.svg" alt="A"></a>'
        "<figcaption>One</figcaption></figure>"
        "<figure><a href='/b.html'><img src='/b.png' alt='B'></a></figure>"
        '<figure><img alt="no source"></figure>'
        '<figure><a href="x&y.png" n="2"><img src="x&amp;y.png" alt="C"></a>'
        "<table-1></figure>"
    )
    # A site's own partial without the macro: its figures are left alone.
    assert mark_blocks(html, wrappers()) == html.replace(
        "<table><tr><td>1</td></tr></table>", "<table-1>"
    )


def test_an_element_whose_name_starts_with_a_is_no_link() -> None:
    # "<abbr", "<audio" and "<aside" begin as "<a" does: a figure whose image
    # followed one was taken for a linked image and left without its link.
    html = (
        '<figure><abbr title="Figure">Fig.</abbr> <img src="/c.png" alt="C"></figure>'
    )
    assert mark_blocks(html, LINKED) == (
        '<figure><abbr title="Figure">Fig.</abbr> '
        '<a href="/c.png" n="1"><img src="/c.png" alt="C"></a></figure>'
    )


def test_the_demos_figures_open_their_image(demo_local: Path) -> None:
    figure = soup(demo_local / POST / "index.html").select_one(".post__content figure")
    link = figure.select_one("a.figure__full")
    assert link is not None
    assert link.img["src"] == link["href"]
    assert (demo_local / link["href"].lstrip("/")).is_file()


@pytest.mark.parametrize(
    ("scheme", "chosen", "inverted"),
    [
        ("light", None, False),
        ("dark", None, True),
        ("light", "dark", True),
        ("dark", "light", False),
    ],
)
def test_diagrams_are_inverted_in_dark_mode_only(
    page: Page, site_url: str, scheme: str, chosen: str | None, inverted: bool
) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site_url}/{POST}")
    if chosen:
        page.evaluate(
            f"document.documentElement.setAttribute('data-theme', {chosen!r})"
        )
    shown = page.evaluate(
        "getComputedStyle(document.querySelector('.post__content figure img')).filter"
    )
    assert ("invert" in shown) is inverted, shown
