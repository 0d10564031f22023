"""A printed post says on its first page who wrote it, when, and where it lives."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pytest
from conftest import settle, watch_requests
from pypdf import PdfReader

if TYPE_CHECKING:
    from playwright.sync_api import Page

POST = "/posts/2026/08/multi-agent-role-playing/"


def test_the_first_printed_page_names_author_date_site_and_address(
    page: Page, site_url: str
) -> None:
    requests = watch_requests(page)
    page.goto(f"{site_url}{POST}", wait_until="load")
    settle(page, requests)
    assert page.locator(".print-source").is_hidden()  # on screen: the masthead says it
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    first = " ".join(reader.pages[0].extract_text().split())
    assert "Author: Mira Castellan" in first
    assert "Published: August 11, 2026" in first
    assert f"Mira Castellan · {POST}" in first
    assert "Skip to content" not in first
    assert "Dark mode" not in first


def lowest_text(page: object) -> float:
    """The height of a printed page's lowest line, as a fraction from its bottom."""
    heights: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            heights.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return min(heights) / float(page.mediabox.height) if heights else 1.0  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "post",
    [
        "/posts/2026/06/whats-in-pass-at-k/",
        "/posts/2026/10/moe-routing-replay-infrastructure/",
        "/posts/2026/03/length-dynamics-rl-training/",
    ],
)
def test_no_printed_page_but_the_last_is_left_half_empty(
    page: Page, site_url: str, post: str
) -> None:
    requests = watch_requests(page)
    page.goto(f"{site_url}{post}", wait_until="load")
    settle(page, requests)
    pages = PdfReader(io.BytesIO(page.pdf(format="A4"))).pages
    assert len(pages) > 3
    empty = {n: round(lowest_text(p), 2) for n, p in enumerate(pages[:-1], 1)}
    assert all(height < 0.35 for height in empty.values()), empty
