"""redirect_from pages, and posts held back by WITH_FUTURE_DATES = False."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build, plugins_setting, run_pelican, write_site

SETTINGS = """
AUTHOR = "A. Author"
SITENAME = "Redirects"
SITEURL = "https://example.org/blog"
TIMEZONE = "UTC"
PATH = "content"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
WITH_FUTURE_DATES = False
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
SCHOLAR_REDIRECTS = {
    "/wordpress/blog-posts/": "posts/2020/moved/",
    "/away.html": "https://example.com/x",
}
"""

POSTS = {
    "posts/moved.md": (
        "---\ntitle: Moved\ndate: 2020-01-02\nslug: moved\n"
        "url: posts/2020/moved/\nsave_as: posts/2020/moved/index.html\n"
        "redirect_from:\n  - /old/moved.html\n  - /older/moved/\n---\nBody.\n"
    ),
    "pages/about.md": (
        "---\ntitle: About\nslug: about\nredirect_from: /about.html\n---\nMe.\n"
    ),
    "posts/unfinished.md": (
        "---\ntitle: Unfinished\ndate: 2020-01-03\nstatus: draft\n"
        "redirect_from: /unfinished-old/\n---\nNot yet.\n"
    ),
    "posts/later.md": (
        "---\ntitle: Later\ndate: 2999-01-01\nslug: later\n"
        "url: posts/2999/later/\nsave_as: posts/2999/later/index.html\n---\nSoon.\n"
    ),
}


@pytest.fixture(scope="module", params=[False, True], ids=["plain", "speed"])
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    site = write_site(tmp_path_factory.mktemp("redirects"), POSTS, SETTINGS)
    output = site / "output"
    build(site, output, speed=request.param)
    return output


def redirect_of(page: Path) -> tuple[str, str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
    canonical = soup.find("link", rel="canonical")["href"]
    return refresh, canonical


@pytest.mark.slow
def test_each_old_path_of_a_post_redirects_to_its_new_address(built: Path) -> None:
    target = "https://example.org/blog/posts/2020/moved/"
    assert redirect_of(built / "old/moved.html") == (f"0; url={target}", target)
    assert redirect_of(built / "older/moved/index.html") == (f"0; url={target}", target)


@pytest.mark.slow
def test_a_page_redirects_from_one_path_given_as_a_string(built: Path) -> None:
    target = "https://example.org/blog/pages/about.html"  # Pelican's default PAGE_URL
    page = built / "about.html"
    assert redirect_of(page) == (f"0; url={target}", target)
    assert 'name="robots" content="noindex"' in page.read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_sites_own_redirects_go_under_siteurl_or_elsewhere(built: Path) -> None:
    target = "https://example.org/blog/posts/2020/moved/"
    page = built / "wordpress/blog-posts/index.html"
    assert redirect_of(page) == (f"0; url={target}", target)
    assert "<title>Redirects</title>" in page.read_text(encoding="utf-8")
    away = "https://example.com/x"
    assert redirect_of(built / "away.html") == (f"0; url={away}", away)


@pytest.mark.slow
def test_a_draft_gets_no_redirect(built: Path) -> None:
    assert not (built / "unfinished-old").exists()


@pytest.mark.slow
def test_a_post_dated_in_the_future_is_not_written_at_its_public_address(
    built: Path,
) -> None:
    assert not (built / "posts/2999").exists()
    assert (built / "drafts/later.html").is_file()


@pytest.mark.slow
def test_a_redirect_never_replaces_a_page_nor_another_redirect(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    posts = {
        "pages/about.md": "---\ntitle: About\nslug: about\n---\nMe.\n",
        "posts/one.md": "---\ntitle: One\ndate: 2020-01-01\nredirect_from:\n"
        "  - /pages/about.html\n  - /shared/\n---\nOne.\n",
        "posts/two.md": "---\ntitle: Two\ndate: 2020-01-02\nredirect_from: /shared/\n"
        "---\nTwo.\n",
    }
    write_site(site, posts, SETTINGS)
    result = run_pelican(
        site, site / "output", "-e", plugins_setting(site, speed=False)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    log = " ".join((result.stdout + result.stderr).split())
    assert "posts/one.md: redirect_from /pages/about.html: another page" in log
    assert "posts/two.md: redirect_from /shared/: " in log
    about = (site / "output/pages/about.html").read_text(encoding="utf-8")
    assert "http-equiv" not in about
    assert "one.html" in (site / "output/shared/index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_tag_only_drafts_carry_is_text_not_a_broken_link(tmp_path: Path) -> None:
    site = tmp_path / "site"
    settings = SETTINGS + (
        "from pelican.plugins.scholar import theme_path\nTHEME = theme_path()\n"
        'TAGS_URL = "tags/"\nTAGS_SAVE_AS = "tags/index.html"\n'
    )
    posts = {
        "posts/shown.md": "---\ntitle: Shown\ndate: 2020-01-01\ntags: [shared]\n"
        "---\nOut.\n",
        "posts/unfinished.md": "---\ntitle: Unfinished\ndate: 2020-01-02\n"
        "status: draft\ntags: [shared, only-here]\n---\nNot yet.\n",
    }
    write_site(site, posts, settings)
    build(site, site / "output", speed=False)
    draft = BeautifulSoup(
        (site / "output/drafts/unfinished.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    tags = draft.select_one(".post__tags")
    assert [a.get_text() for a in tags.select("a")] == ["shared"]
    assert "only-here" in tags.get_text()
