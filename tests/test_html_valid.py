"""Every built page is valid HTML (Nu HTML checker, npm vnu-jar, via Java)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import VNU_JAR, build_or_fail, soup

TRICKY_POST = """\
Title: Quotes "double" & <angle> — 日本語の題名
Date: 2024-10-01 10:00
Tags: C&C, "quoted", 한국어, <b>
Slug: tricky
Summary: A summary with "quotes", an ampersand & and a < sign — 中文.

Body with **emphasis**, a [link](https://example.org/?a=1&b=2) and `<code>`.
"""


def check_html(*folders: Path) -> None:
    """Fail the test, with the Nu checker's errors, unless ``folders`` are valid.

    One run of the checker for all of them: it starts in about a second.
    """
    if not VNU_JAR.is_file():
        pytest.fail(f"{VNU_JAR} is missing: run `make setup` (npm ci) first")
    result = subprocess.run(
        [
            # C1 only, which needs a deep stack for the HTML schema: half the
            # CPU time of the default JIT, for one short run (as test_compat).
            *("java", "-Xss16m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU_JAR)),
            *("--errors-only", "--skip-non-html", *map(str, folders)),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr or result.stdout


def test_demo_site_is_valid_html(demo_local: Path) -> None:
    check_html(demo_local)


def test_production_demo_is_valid_html(demo_production: Path) -> None:
    check_html(demo_production)


def test_quotes_ampersands_angles_and_non_latin_text_stay_escaped(
    fixture_site: Path, tmp_path: Path
) -> None:
    # gamma.md holds a <style> in its body on purpose (reading-time tests).
    (fixture_site / "content" / "posts" / "gamma.md").unlink()
    (fixture_site / "content" / "posts" / "tricky.md").write_text(
        TRICKY_POST, encoding="utf-8"
    )
    build_or_fail(fixture_site, tmp_path / "out")
    check_html(tmp_path / "out")
    page = soup(tmp_path / "out" / "tricky.html")
    assert page.select_one('meta[name="description"]')["content"] == (
        "A summary with \u201cquotes\u201d, an ampersand & and a < sign \u2014 中文."
    )
    title = (
        page.select_one("main h1").get_text().replace("\xa0", " ")
    )  # typogrify's widont
    assert title == "Quotes \u201cdouble\u201d & <angle> \u2014 日本語の題名"
    tags = [a.get_text() for a in page.select(".post__tags a")]
    assert tags == ["C&C", '"quoted"', "한국어", "<b>"]  # tag names are not typogrified


def test_titles_can_stay_html_when_the_site_says_so(
    fixture_site: Path, tmp_path: Path
) -> None:
    (fixture_site / "content" / "posts" / "html.md").write_text(
        "Title: An <em>emphasised</em> title\nDate: 2024-10-02\nSlug: html\n\nBody.\n"
    )
    config = fixture_site / "pelicanconf.py"
    config.write_text(config.read_text() + "\nSCHOLAR_ESCAPE_TITLES = False\n")
    build_or_fail(fixture_site, tmp_path / "out")
    assert (
        soup(tmp_path / "out" / "html.html").select_one("main h1 em").get_text()
        == "emphasised"
    )


def test_a_compact_posts_by_tags_page_is_valid_html(
    fixture_site: Path, tmp_path: Path
) -> None:
    (fixture_site / "content" / "posts" / "gamma.md").unlink()
    build_or_fail(
        fixture_site,
        tmp_path / "out",
        "-e",
        "SCHOLAR_TAGS_PAGE_EXCERPTS=0",
        "SCHOLAR_TAGS_PAGE_COMPACT_POSTS=1",
    )
    assert soup(tmp_path / "out" / "tags" / "index.html").select("li.post-line")
    check_html(tmp_path / "out")
