"""livereload: an edited post is rebuilt and the open page reloads itself.

A failed build shows its errors over the open page, and the next good save
reloads it; the files on disk are the build's own, without the live script.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import fetch, free_port, start_task
from playwright.sync_api import Page, expect

from pelican.plugins.scholar.live_reload import (
    EVENTS_PATH,
    SCRIPT_PATH,
    with_reload_script,
)

PROBLEMS = "#scholar-live-problems"


@pytest.fixture
def live_site(site_with_tasks: Path):
    """The fixture site served by ``invoke livereload``; yields (site, address)."""
    port = free_port()
    server = start_task(site_with_tasks, "livereload", port)
    try:
        url = f"http://127.0.0.1:{port}/alpha.html"
        fetch(url, time.monotonic() + 60)
        yield site_with_tasks, url
    finally:
        server.terminate()
        server.wait(timeout=10)


def open_page(page: Page, url: str) -> None:
    """Open ``url`` in ``page`` and wait until its event stream is open."""
    with page.expect_response(lambda response: EVENTS_PATH in response.url):
        page.goto(url)


def test_each_edit_shows_in_the_open_page(live_site, page: Page) -> None:
    site, url = live_site
    served = fetch(url, time.monotonic() + 5)
    assert SCRIPT_PATH in served
    # The script is added when a page is served: the file is the build's.
    assert SCRIPT_PATH not in (site / "output" / "alpha.html").read_text()
    open_page(page, url)
    alpha = site / "content" / "posts" / "alpha.md"
    original = alpha.read_text()
    # Two saves in quick succession, each shown without navigation by the test.
    for edit in ("Freshly edited heading", "Edited again heading"):
        alpha.write_text(original.replace("Second heading", edit))
        page.wait_for_selector(f"text={edit}", timeout=15_000)


def test_a_failed_build_shows_its_error_until_a_good_save(
    live_site, page: Page
) -> None:
    site, url = live_site
    open_page(page, url)
    alpha = site / "content" / "posts" / "alpha.md"
    original = alpha.read_text()
    alpha.write_text(original.replace("Second heading", "Cited [@no-such-key]"))
    problems = page.locator(PROBLEMS)
    expect(problems).to_contain_text("no-such-key", timeout=15_000)
    expect(problems).to_contain_text("The build failed")
    expect(problems).to_have_attribute("role", "alert")
    # A page opened meanwhile shows the problem at once.
    other = page.context.new_page()
    other.goto(url.replace("alpha.html", "beta.html"))
    expect(other.locator(PROBLEMS)).to_contain_text("no-such-key", timeout=5_000)
    alpha.write_text(original.replace("Second heading", "Mended heading"))
    page.wait_for_selector("text=Mended heading", timeout=15_000)
    expect(page.locator(PROBLEMS)).to_have_count(0)
    expect(other.locator(PROBLEMS)).to_have_count(0, timeout=15_000)


def test_every_file_is_checked_again_on_a_reload(live_site) -> None:
    # An edited stylesheet must not be kept from the browser's cache.
    _, url = live_site
    stylesheet = url.replace("alpha.html", "theme/css/main.css")
    with urllib.request.urlopen(stylesheet, timeout=5) as response:
        assert response.headers["Cache-Control"] == "no-cache"
        modified = response.headers["Last-Modified"]
    request = urllib.request.Request(
        stylesheet, headers={"If-Modified-Since": modified}
    )
    with pytest.raises(urllib.error.HTTPError) as unchanged:
        urllib.request.urlopen(request, timeout=5)
    assert unchanged.value.code == 304
    with urllib.request.urlopen(url, timeout=5) as page:
        assert page.headers["Cache-Control"] == "no-store"


def test_the_script_goes_before_the_end_of_the_body() -> None:
    page = b"<html><body><p>x</p></body></html>"
    result = with_reload_script(page, 3)
    assert result.startswith(b"<html><body><p>x</p><script src=")
    assert result.endswith(b'data-generation="3"></script></body></html>')
    # A fragment without </body> gets it at its end.
    assert with_reload_script(b"<p>x</p>", 0).startswith(b"<p>x</p><script")
