"""The demo site builds as `make build` builds it, and for production.

Both builds are conftest's, made once per session: ``demo_local`` (``invoke
build``) and ``demo_production`` (``publishconf.py``, ``SCHOLAR_SITEURL`` given
with a trailing slash, into a folder holding a page left from an earlier build).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import DEMO_SITEURL, REPO_ROOT, STALE_PAGE, copy_demo, soup


def test_demo_builds_home_tags_page_and_pages(demo_local: Path) -> None:
    assert (demo_local / "index.html").is_file()
    tags = soup(demo_local / "tags" / "index.html")
    assert tags.select_one("main h1").get_text(strip=True) == "Posts by Tags"
    assert (demo_local / "about" / "index.html").is_file()


def test_demo_uses_root_relative_urls_locally(demo_local: Path) -> None:
    home = soup(demo_local / "index.html")
    assert home.select_one('link[rel="stylesheet"]')["href"] == "/theme/css/main.css"


def test_production_build_uses_siteurl_from_environment_and_feeds(
    demo_production: Path,
) -> None:
    assert DEMO_SITEURL.endswith("/")  # given with a slash, which publishconf drops
    home = soup(demo_production / "index.html")
    assert home.select_one('link[rel="stylesheet"]')["href"] == (
        "https://blog.example.net/theme/css/main.css"
    )
    feed = home.select_one('link[type="application/atom+xml"]')
    assert feed["href"] == "https://blog.example.net/feeds/all.atom.xml"
    assert (demo_production / "feeds" / "all.atom.xml").is_file()
    assert not (demo_production / STALE_PAGE).exists(), (
        "DELETE_OUTPUT_DIRECTORY should clear old files"
    )


def test_production_siteurl_has_a_default(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SCHOLAR_SITEURL"}
    result = subprocess.run(
        [sys.executable, "-c", "import publishconf; print(publishconf.SITEURL)"],
        cwd=copy_demo(tmp_path / "demo"),
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert result.stdout.strip() == "https://example.org"


def test_tags_page_weighs_under_its_budget(demo_local: Path) -> None:
    sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
    from page_weight import BUDGET_BYTES, weigh  # noqa: PLC0415 - a script, not a package

    sizes = weigh(demo_local / "tags" / "index.html", demo_local)
    assert "theme/css/main.css" in sizes  # the assets were found and counted
    assert sizes["total"] <= BUDGET_BYTES, sizes


def test_canonical_urls_name_each_page(demo_production: Path) -> None:
    expected = {
        "index.html": "https://blog.example.net/",
        "tags/index.html": "https://blog.example.net/tags/",
        "about/index.html": "https://blog.example.net/about/",
        "posts/2026/06/whats-in-pass-at-k/index.html": (
            "https://blog.example.net/posts/2026/06/whats-in-pass-at-k/"
        ),
    }
    for path, url in expected.items():
        page = soup(demo_production / path)
        assert page.select_one('link[rel="canonical"]')["href"] == url, path
        assert page.select_one('meta[property="og:url"]')["content"] == url, path
