"""The demo site builds as `make build` and `invoke preview` build it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO_ROOT, soup


def build_demo(
    settings: str, output: Path, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            "content",
            "-s",
            settings,
            "-o",
            str(output),
            "--fatal",
            "errors",
            "--log-handler",
            "plain",
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={**os.environ, "COLUMNS": "200", **env},
    )


@pytest.fixture(scope="module")
def local_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("demo")
    result = build_demo("pelicanconf.py", output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def test_demo_builds_home_tags_page_and_pages(local_build: Path) -> None:
    assert (local_build / "index.html").is_file()
    tags = soup(local_build / "tags" / "index.html")
    assert tags.select_one("main h1").get_text(strip=True) == "Posts by Tags"
    assert (local_build / "about" / "index.html").is_file()


def test_demo_uses_root_relative_urls_locally(local_build: Path) -> None:
    home = soup(local_build / "index.html")
    assert home.select_one('link[rel="stylesheet"]')["href"] == "/theme/css/main.css"


def test_production_build_uses_siteurl_from_environment_and_feeds(
    tmp_path: Path,
) -> None:
    stale = tmp_path / "left-over.html"
    stale.write_text("from an earlier build")
    result = build_demo(
        "publishconf.py", tmp_path, SCHOLAR_SITEURL="https://blog.example.net/"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    home = soup(tmp_path / "index.html")
    assert home.select_one('link[rel="stylesheet"]')["href"] == (
        "https://blog.example.net/theme/css/main.css"
    )
    feed = home.select_one('link[type="application/atom+xml"]')
    assert feed["href"] == "https://blog.example.net/feeds/all.atom.xml"
    assert (tmp_path / "feeds" / "all.atom.xml").is_file()
    assert not stale.exists(), "DELETE_OUTPUT_DIRECTORY should clear old files"


def test_production_siteurl_has_a_default(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SCHOLAR_SITEURL"}
    result = subprocess.run(
        [sys.executable, "-c", "import publishconf; print(publishconf.SITEURL)"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    assert result.stdout.strip() == "https://example.org"


def test_tags_page_weighs_under_its_budget(local_build: Path) -> None:
    sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
    from page_weight import BUDGET_BYTES, weigh  # noqa: PLC0415 - a script, not a package

    sizes = weigh(local_build / "tags" / "index.html", local_build)
    assert "theme/css/main.css" in sizes  # the assets were found and counted
    assert sizes["total"] <= BUDGET_BYTES, sizes


def test_canonical_urls_name_each_page(tmp_path: Path) -> None:
    result = build_demo(
        "publishconf.py", tmp_path, SCHOLAR_SITEURL="https://blog.example.net"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    expected = {
        "index.html": "https://blog.example.net/",
        "tags/index.html": "https://blog.example.net/tags/",
        "about/index.html": "https://blog.example.net/about/",
        "posts/2026/06/whats-in-pass-at-k/index.html": (
            "https://blog.example.net/posts/2026/06/whats-in-pass-at-k/"
        ),
    }
    for path, url in expected.items():
        page = soup(tmp_path / path)
        assert page.select_one('link[rel="canonical"]')["href"] == url, path
        assert page.select_one('meta[property="og:url"]')["content"] == url, path
