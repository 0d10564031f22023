"""Parallel reading and the typography memo change nothing in the output.

The reference build of each site is the core plugin's alone: Pelican reading
sequentially with typogrify's own function and no cache. Every build with the
speed plugin is compared with it, file by file: parallel, cached, rebuilt
from the cache, and after editing one post; its log shows the speed-ups
were used.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from conftest import (
    BROKEN_POST,
    CACHE,
    GENERATED_POSTS,
    NO_CACHE,
    REPO_ROOT,
    build,
    edit_generated_post,
    plugins_setting,
    reference_settings,
    run_pelican,
    tree,
    verbose_build_log,
)
from pelican.readers import _DISCARD
from pelican.tests.support import get_settings
from pelican.urlwrappers import Tag

from pelican.plugins.scholar.speed.parallel import (
    UnfaithfulMetadataError,
    check_faithful,
    dump_read_result,
    load_read_result,
)


@pytest.fixture
def demo_site(tmp_path: Path) -> Path:
    """A copy of the demo site (content and settings)."""
    site = tmp_path / "demo"
    shutil.copytree(REPO_ROOT / "content", site / "content")
    shutil.copy(REPO_ROOT / "pelicanconf.py", site / "pelicanconf.py")
    reference_settings(site)
    return site


def test_the_demo_site_is_the_same_read_in_parallel(
    demo_site: Path, tmp_path: Path
) -> None:
    build(demo_site, tmp_path / "reference", *NO_CACHE, speed=False)
    build(demo_site, tmp_path / "parallel", *NO_CACHE)
    reference = tree(tmp_path / "reference")
    assert any(name.endswith("index.html") for name in reference)
    assert tree(tmp_path / "parallel") == reference


def test_cached_and_parallel_builds_equal_pelicans_own(
    generated_site: Path,
    tmp_path: Path,
    generated_reference: dict[str, bytes],
    edited_generated_reference: dict[str, bytes],
) -> None:
    site, output = generated_site, tmp_path / "out"
    reference = generated_reference
    # typogrify's widont joins the last two words of each paragraph.
    assert any(b"&nbsp;" in page for page in reference.values()), (
        "typogrify did nothing: the comparison would prove little"
    )

    build(site, output, *CACHE)  # parallel, filling the caches
    assert tree(output) == reference
    assert (site / "cache" / "scholar-memo.pickle").is_file()
    build(site, output, *CACHE)  # everything from the caches
    assert tree(output) == reference

    edit_generated_post(site)
    build(site, output, *CACHE)
    edited = edited_generated_reference
    assert edited != reference
    assert tree(output) == edited


def test_the_workers_read_every_file(generated_site: Path, tmp_path: Path) -> None:
    log = verbose_build_log(generated_site, tmp_path / "out", *NO_CACHE)
    n = GENERATED_POSTS
    assert f"Parallel reading: {n} of {n} files read in parallel (2 worker" in log, log
    # Every text Pelican typogrified was typogrified by a worker first.
    assert re.search(r"Typography: (\d+) of \1 texts cached", log), log


def test_a_message_logged_in_a_worker_is_logged_once_and_is_fatal(
    fixture_site: Path, tmp_path: Path
) -> None:
    reference_settings(fixture_site)
    posts = fixture_site / "content" / "posts"
    (posts / "noisy.md").write_text(
        "Title: Noisy\nDate: 2024-01-01\nTags: x\n\nA noisy post.\n", encoding="utf-8"
    )
    plugins = plugins_setting(fixture_site, speed=True, extra=["noisy_reader"])
    workers = "SCHOLAR_PARALLEL_PROCESSES=2"
    result = run_pelican(fixture_site, tmp_path / "out", "-e", plugins, workers)
    assert result.returncode == 0, result.stdout + result.stderr
    log = result.stdout + result.stderr
    assert log.count("Noisy reader: noisy.md looks odd") == 1
    fatal = run_pelican(
        fixture_site,
        tmp_path / "out2",
        "--fatal",
        "warnings",
        "-e",
        plugins,
        workers,
    )
    assert fatal.returncode != 0
    assert "Noisy reader: noisy.md looks odd" in fatal.stdout + fatal.stderr


def test_a_file_a_worker_cannot_read_is_reported_by_pelican(
    fixture_site: Path, tmp_path: Path
) -> None:
    (fixture_site / "content" / "posts" / "broken.md").write_text(BROKEN_POST)
    result = run_pelican(
        fixture_site,
        tmp_path / "out",
        "--fatal",
        "errors",
        "-e",
        "SCHOLAR_PARALLEL_PROCESSES=2",
        plugins_setting(fixture_site, speed=True),
    )
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert log.count("Could not process") == 1
    assert "broken.md" in log


EMPTY_METADATA_POSTS = {
    # One empty line each: Pelican drops the value and uses its default.
    f"empty-{field.lower()}.md": (
        f"Title: Empty {field}\nDate: 2024-03-0{day}\n{field}:\n\nA body.\n"
    )
    for day, field in enumerate(
        ("Tags", "Category", "Author", "Authors", "Slug", "Status"), start=1
    )
}


def test_empty_metadata_lines_read_in_parallel_as_sequentially(
    fixture_site: Path, tmp_path: Path
) -> None:
    posts = fixture_site / "content" / "posts"
    for name, text in EMPTY_METADATA_POSTS.items():
        (posts / name).write_text(text, encoding="utf-8")
    build(fixture_site, tmp_path / "sequential", *NO_CACHE, speed=False)
    build(fixture_site, tmp_path / "parallel", *NO_CACHE)
    sequential = tree(tmp_path / "sequential")
    # Sequentially, Pelican publishes each of them (an empty Status: too).
    assert "empty-status.html" in sequential
    assert "empty-slug.html" in sequential
    assert tree(tmp_path / "parallel") == sequential


def test_the_discard_sentinel_comes_back_from_a_worker_as_itself() -> None:

    settings = get_settings()
    data = dump_read_result(("<p>x</p>", {"tags": _DISCARD, "tag": [Tag("a", {})]}))
    _, metadata = load_read_result(data, settings)
    assert metadata["tags"] is _DISCARD
    assert [str(tag) for tag in metadata["tag"]] == ["a"]


def test_metadata_that_would_not_survive_the_trip_is_left_to_pelican() -> None:
    class Opaque:
        pass

    check_faithful({"title": "x", "date": [dt.date(2024, 1, 1)], "n": 3})
    with pytest.raises(UnfaithfulMetadataError, match="Opaque"):
        dump_read_result(("", {"widget": {"nested": [Opaque()]}}))
