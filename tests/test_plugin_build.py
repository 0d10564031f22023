"""The plugin in whole builds: cache, metadata overrides, tag hygiene, drafts."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest
from conftest import build_or_fail, run_pelican, soup

CACHE_ON = ("-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true")


def read_time(page: Path) -> str:
    return soup(page).select_one(".post-meta__read-time").get_text(strip=True)


def add_post(site: Path, name: str, text: str) -> None:
    (site / "content" / "posts" / name).write_text(text, encoding="utf-8")


def differing_files(left: Path, right: Path) -> list[str]:
    """Relative paths of files that differ, or exist on one side only."""
    comparison = filecmp.dircmp(left, right)
    found: list[str] = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        for name in cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files:
            found.append(prefix + name)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(comparison, "")
    return found


def test_cached_rebuilds_match_an_uncached_build(
    fixture_site: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    cached = (*CACHE_ON, f'CACHE_PATH="{cache}"')
    build_or_fail(fixture_site, tmp_path / "plain")
    build_or_fail(fixture_site, tmp_path / "first", *cached)
    assert any(cache.iterdir()), "the content cache was not written"
    build_or_fail(fixture_site, tmp_path / "second", *cached)
    assert differing_files(tmp_path / "plain", tmp_path / "first") == []
    assert differing_files(tmp_path / "plain", tmp_path / "second") == []


def test_editing_one_post_with_the_cache_on(fixture_site: Path, tmp_path: Path) -> None:
    cached = (*CACHE_ON, f'CACHE_PATH="{tmp_path / "cache"}"')
    build_or_fail(fixture_site, tmp_path / "before", *cached)
    beta = fixture_site / "content" / "posts" / "beta.md"
    beta.write_text(
        beta.read_text() + "\n\n" + " ".join(["more"] * 401) + "\n"
    )  # 600 words
    build_or_fail(fixture_site, tmp_path / "after", *cached)
    assert read_time(tmp_path / "before" / "beta.html") == "less than 1 minute read"
    assert read_time(tmp_path / "after" / "beta.html") == "3 minute read"
    assert read_time(tmp_path / "after" / "alpha.html") == "2 minute read"
    assert read_time(tmp_path / "after" / "gamma.html") == "1 minute read"
    tags = (tmp_path / "after" / "tags" / "index.html").read_text()
    assert tags.count("3 minute read") == 2  # beta under MoE and RL


def test_metadata_overrides_reading_time_and_speed(
    fixture_site: Path, tmp_path: Path
) -> None:
    add_post(
        fixture_site,
        "fixed.md",
        "Title: Fixed\nDate: 2024-07-01\nReading_time: 12\n\nshort",
    )
    add_post(
        fixture_site,
        "slow.md",
        "Title: Slow\nDate: 2024-07-02\nWords_per_minute: 100\n\n"
        + " ".join(["w"] * 250),
    )
    build_or_fail(fixture_site, tmp_path / "out")
    assert read_time(tmp_path / "out" / "fixed.html") == "12 minute read"
    assert read_time(tmp_path / "out" / "slow.html") == "2 minute read"


@pytest.mark.parametrize("metadata", ["Reading_time: soon", "Words_per_minute: 0"])
def test_invalid_metadata_is_an_error_naming_the_file(
    fixture_site: Path, tmp_path: Path, metadata: str
) -> None:
    add_post(
        fixture_site, "bad.md", f"Title: Bad\nDate: 2024-07-01\n{metadata}\n\ntext"
    )
    result = run_pelican(fixture_site, tmp_path / "out", "--fatal", "errors")
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "bad.md" in log
    assert (
        f"metadata '{metadata.split(':', maxsplit=1)[0].lower()}' must be a whole number"
        in log
    )


def test_tags_merged_by_slug_are_reported(fixture_site: Path, tmp_path: Path) -> None:
    add_post(
        fixture_site,
        "lower.md",
        "Title: Lower\nDate: 2024-08-01\nTags: rl, C++, C#\n\ntext",
    )
    result = run_pelican(fixture_site, tmp_path / "out")
    log = " ".join((result.stdout + result.stderr).split())
    assert result.returncode == 0
    assert 'Tags with the same slug "rl" are merged into one tag shown as "rl"' in log
    assert (
        '"rl" in posts/lower.md; "RL" in posts/beta.md, posts/alpha.md, posts/delta.md'
        in log
    ), log
    assert 'same slug "c" are merged into one tag shown as "C++"' in log
    # Under --fatal warnings such a build fails.
    strict = run_pelican(fixture_site, tmp_path / "strict", "--fatal", "warnings")
    assert strict.returncode != 0


def test_drafts_and_translations_get_reading_time(
    fixture_site: Path, tmp_path: Path
) -> None:
    add_post(
        fixture_site,
        "draft.md",
        "Title: Draft\nDate: 2024-07-01\nStatus: draft\n\n" + "w " * 400,
    )
    add_post(
        fixture_site,
        "alpha-fr.md",
        "Title: Alpha en français\nDate: 2024-03-01\nSlug: alpha\nLang: fr\n\n"
        + "mot " * 600,
    )
    build_or_fail(fixture_site, tmp_path / "out")
    assert read_time(tmp_path / "out" / "drafts" / "draft.html") == "2 minute read"
    assert read_time(tmp_path / "out" / "alpha-fr.html") == "3 minute read"
    tags = (tmp_path / "out" / "tags" / "index.html").read_text()
    assert "Draft" not in tags
    assert "français" not in tags


def test_summary_links_to_other_posts_resolve(
    fixture_site: Path, tmp_path: Path
) -> None:
    add_post(
        fixture_site,
        "linking.md",
        "Title: Linking\nDate: 2024-09-01\nTags: links\n\n"
        "See [beta]({filename}/posts/beta.md) first.\n\nSecond paragraph.\n",
    )
    build_or_fail(fixture_site, tmp_path / "out")
    tags = soup(tmp_path / "out" / "tags" / "index.html")
    [section] = [
        s for s in tags.select("main section") if s.h2.get_text(strip=True) == "links"
    ]
    link = section.select_one(".post-item__excerpt a")
    assert link["href"] == "/beta.html"
    assert (
        section.select_one(".post-item__excerpt").get_text(" ", strip=True)
        == "See beta first."
    )


def test_description_meta_is_escaped_plain_text(
    fixture_site: Path, tmp_path: Path
) -> None:
    add_post(
        fixture_site,
        "tricky.md",
        'Title: Tricky "quotes" & <angles>\nDate: 2024-09-02\nSlug: tricky\n'
        'Description: He said "x < y" & left\n\nBody text.\n',
    )
    build_or_fail(fixture_site, tmp_path / "out")
    page = soup(tmp_path / "out" / "tricky.html")
    assert (
        page.select_one('meta[name="description"]')["content"]
        == 'He said "x < y" & left'
    )
    html = (tmp_path / "out" / "tricky.html").read_text()
    assert 'content="He said &#34;x &lt; y&#34; &amp; left"' in html


def test_description_from_summary(built_fixture_site: Path) -> None:
    page = soup(built_fixture_site / "beta.html")
    assert (
        page.select_one('meta[name="description"]')["content"]
        == "An explicit summary for beta."
    )
