"""livereload: an edited post is rebuilt and the open page reloads itself."""

from __future__ import annotations

import time
from pathlib import Path

from conftest import fetch, free_port, start_task
from playwright.sync_api import Page


def test_each_edit_shows_in_the_open_page(site_with_tasks: Path, page: Page) -> None:
    port = free_port()
    server = start_task(site_with_tasks, "livereload", port)
    try:
        url = f"http://127.0.0.1:{port}/alpha.html"
        assert "livereload" in fetch(url, time.monotonic() + 30)  # the reload script
        page.goto(url)
        page.wait_for_timeout(500)  # let the page's live connection open
        alpha = site_with_tasks / "content" / "posts" / "alpha.md"
        original = alpha.read_text()
        # Two saves in quick succession: the livereload library ignores
        # changes within 3 s of a reload unless the task turns that off.
        for edit in ("Freshly edited heading", "Edited again heading"):
            alpha.write_text(original.replace("Second heading", edit))
            # No navigation by the test: the page reloads itself.
            page.wait_for_selector(f"text={edit}", timeout=15_000)
    finally:
        server.terminate()
        server.wait(timeout=10)
