"""A printed post says on its first page who wrote it, when, and where it lives."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pytest
from conftest import served
from pypdf import PdfReader

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Page

POST = "/posts/2026/08/multi-agent-role-playing/"


@pytest.fixture(scope="module")
def demo_url(demo_local: Path):
    with served(demo_local) as url:
        yield url


def test_the_first_printed_page_names_author_date_site_and_address(
    page: Page, demo_url: str
) -> None:
    page.goto(f"{demo_url}{POST}", wait_until="networkidle")
    assert page.locator(".print-source").is_hidden()  # on screen: the masthead says it
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    first = " ".join(reader.pages[0].extract_text().split())
    assert "Author: Mira Castellan" in first
    assert "Published: August 11, 2026" in first
    assert f"Mira Castellan · {POST}" in first
    assert "Skip to content" not in first
    assert "Dark mode" not in first
