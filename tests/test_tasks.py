"""The invoke tasks, run as a user runs them, on a copy of the fixture site."""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import (
    BROKEN_POST,
    CORE_PLUGIN,
    SPEED_PLUGIN,
    fetch,
    free_port,
    invoke,
    run_pelican,
    soup,
    start_task,
    tree,
)


def test_list_shows_every_task_with_its_docstring(site_with_tasks: Path) -> None:
    result = invoke(site_with_tasks, "--list")
    assert result.returncode == 0, result.stderr
    listed = {
        line.split()[0]: line for line in result.stdout.splitlines()[1:] if line.strip()
    }
    for name in [
        "clean",
        "build",
        "rebuild",
        "regenerate",
        "serve",
        "reserve",
        "preview",
    ]:
        assert name in listed
        assert len(listed[name].split()) > 1, f"{name} has no docstring"


def test_build_writes_the_site(site_with_tasks: Path) -> None:
    result = invoke(site_with_tasks, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site_with_tasks / "output" / "tags" / "index.html").is_file()


def test_build_fails_when_pelican_logs_an_error(
    site_with_tasks: Path, tmp_path: Path
) -> None:
    (site_with_tasks / "content" / "posts" / "broken.md").write_text(BROKEN_POST)
    # Pelican alone logs the error and still exits 0 ...
    plain = run_pelican(site_with_tasks, tmp_path / "plain")
    assert plain.returncode == 0
    assert "Could not process" in plain.stdout + plain.stderr
    # ... the build task does not.
    result = invoke(site_with_tasks, "build")
    assert result.returncode != 0
    assert "Could not process" in result.stdout + result.stderr


def test_arguments_after_double_dash_reach_pelican(site_with_tasks: Path) -> None:
    result = invoke(site_with_tasks, "build", "--", "-e", "READTIME_WPM=0")
    assert result.returncode != 0
    assert "READTIME_WPM must be a positive integer" in result.stdout + result.stderr


def test_clean_removes_the_output(site_with_tasks: Path) -> None:
    assert invoke(site_with_tasks, "build").returncode == 0
    assert invoke(site_with_tasks, "clean").returncode == 0
    assert not (site_with_tasks / "output").exists()


def test_preview_uses_the_production_settings(site_with_tasks: Path) -> None:
    (site_with_tasks / "publishconf.py").write_text(
        "import os, sys\nsys.path.append(os.curdir)\nfrom pelicanconf import *\n"
        "SITEURL = 'https://blog.example.org'\nRELATIVE_URLS = False\n"
    )
    result = invoke(site_with_tasks, "preview")
    assert result.returncode == 0, result.stdout + result.stderr
    home = (site_with_tasks / "output" / "index.html").read_text()
    assert 'href="https://blog.example.org/alpha.html"' in home


def test_serve_serves_the_built_site_on_loopback(site_with_tasks: Path) -> None:
    config = site_with_tasks / "pelicanconf.py"
    config.write_text(
        config.read_text()
        + '\nDIRECT_TEMPLATES = ["index", "tags", "categories", "authors", "archives", "404"]\n'
    )
    assert invoke(site_with_tasks, "build").returncode == 0
    port = free_port()
    server = start_task(site_with_tasks, "serve", port, keep_stderr=True)
    try:
        page = fetch(f"http://127.0.0.1:{port}/tags/", time.monotonic() + 20)
        assert "Posts by Tags" in page
        assert "2 minute read" in page
        with pytest.raises(urllib.error.HTTPError) as missing:
            fetch(f"http://127.0.0.1:{port}/no/such/page/", time.monotonic() + 5)
        assert missing.value.code == 404
        assert "Page not found" in missing.value.read().decode()
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in stderr


def test_a_failed_build_leaves_the_output_as_it_was(site_with_tasks: Path) -> None:
    assert invoke(site_with_tasks, "build").returncode == 0
    before = tree(site_with_tasks / "output")
    (site_with_tasks / "content" / "posts" / "broken.md").write_text(BROKEN_POST)
    (site_with_tasks / "content" / "posts" / "alpha.md").write_text(
        "Title: Changed\nDate: 2024-03-01\n\nnew"
    )
    assert invoke(site_with_tasks, "build").returncode != 0
    assert tree(site_with_tasks / "output") == before
    leftovers = [
        p.name for p in site_with_tasks.iterdir() if p.name.startswith(".output.")
    ]
    assert leftovers == []


def test_new_post_writes_a_skeleton_that_builds(site_with_tasks: Path) -> None:
    result = invoke(
        site_with_tasks, "new-post", "A Fresh Idea: Notes", "--tags", "RL, notes"
    )
    assert result.returncode == 0, result.stderr
    path = site_with_tasks / result.stdout.strip()
    assert path == site_with_tasks / "content" / "posts" / "a-fresh-idea-notes.md"
    text = path.read_text()
    assert "Title: A Fresh Idea: Notes\n" in text
    assert "Tags: RL, notes\n" in text
    assert "Status: draft" not in text
    assert invoke(site_with_tasks, "build").returncode == 0
    assert (site_with_tasks / "output" / "a-fresh-idea-notes.html").is_file()
    again = invoke(site_with_tasks, "new-post", "A Fresh Idea: Notes")
    assert again.returncode != 0
    assert "already exists" in again.stderr + again.stdout
    assert path.read_text() == text


def test_new_post_draft(site_with_tasks: Path) -> None:
    result = invoke(site_with_tasks, "new-post", "Half Done", "--draft")
    assert result.returncode == 0
    assert "Status: draft\n" in (site_with_tasks / result.stdout.strip()).read_text()


@pytest.fixture
def site_to_check(site_with_tasks: Path) -> Path:
    """The fixture site with production settings and the repository's Nu checker."""
    (site_with_tasks / "publishconf.py").write_text(
        "import os, sys\nsys.path.append(os.path.dirname(__file__))\nfrom pelicanconf import *\n"
        "SITEURL = 'https://blog.example.org'\nRELATIVE_URLS = False\n"
    )
    # gamma.md holds a <style> in its body on purpose (reading-time tests).
    (site_with_tasks / "content" / "posts" / "gamma.md").unlink()
    return site_with_tasks


def test_check_passes_a_sound_site(site_to_check: Path) -> None:
    result = invoke(site_to_check, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "check: no problems" in result.stdout


def test_check_lists_a_broken_anchor_and_a_missing_page(site_to_check: Path) -> None:
    (site_to_check / "content" / "pages" / "links.md").write_text(
        "Title: Links\nSlug: links\n\n[gone](/tags/#no-such-tag) and [missing](/nowhere.html)\n"
    )
    result = invoke(site_to_check, "check")
    assert result.returncode != 0
    assert "pages/links.html: /tags/#no-such-tag: no such anchor" in result.stdout
    assert "pages/links.html: /nowhere.html: no such page or file" in result.stdout


def test_check_fails_on_a_draft_in_the_build(site_to_check: Path) -> None:
    (site_to_check / "content" / "posts" / "wip.md").write_text(
        "Title: Work in progress\nDate: 2024-09-09\nStatus: draft\n\ntext\n"
    )
    result = invoke(site_to_check, "check")
    assert result.returncode != 0
    assert "drafts/work-in-progress.html: a draft in the build" in result.stdout


def test_check_fails_on_a_pelican_warning(site_to_check: Path) -> None:
    (site_to_check / "content" / "posts" / "lower.md").write_text(
        "Title: Lower\nDate: 2024-09-09\nTags: rl\n\ntext\n"  # merges with "RL": a warning
    )
    result = invoke(site_to_check, "check")
    assert result.returncode != 0
    assert "logged a warning or an error" in result.stdout + result.stderr


def test_rebuild_clears_the_content_caches(site_with_tasks: Path) -> None:
    assert invoke(site_with_tasks, "build").returncode == 0
    # An edit the caches cannot see: Pelican's content cache checks the
    # modification time, which is put back, so the cached read is stale.
    post = site_with_tasks / "content" / "posts" / "alpha.md"
    stamp = post.stat()
    post.write_text(post.read_text().replace("Second heading", "Edited heading"))
    os.utime(post, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))

    def heading() -> str:
        page = soup(site_with_tasks / "output" / "alpha.html")
        return page.select_one("main h2").get_text().replace("\xa0", " ")

    cached = invoke(site_with_tasks, "build")
    assert cached.returncode == 0, cached.stdout + cached.stderr
    assert heading() == "Second heading", "the build reused no cache entry"
    result = invoke(site_with_tasks, "rebuild")
    assert result.returncode == 0, result.stdout + result.stderr
    assert heading() == "Edited heading", "rebuild read the stale cache"


def test_an_incremental_build_equals_a_rebuild_from_scratch(
    site_with_tasks: Path,
) -> None:
    with (site_with_tasks / "pelicanconf.py").open("a", encoding="utf-8") as config:
        config.write(f"\nPLUGINS = [{CORE_PLUGIN!r}, {SPEED_PLUGIN!r}]\n")
    assert invoke(site_with_tasks, "build").returncode == 0
    assert (site_with_tasks / "cache" / "scholar-writes.pickle").is_file()
    post = site_with_tasks / "content" / "posts" / "alpha.md"
    post.write_text(post.read_text() + "\nAn appended sentence ends here.\n")
    incremental = invoke(site_with_tasks, "build")  # reuses the other pages
    assert incremental.returncode == 0, incremental.stdout + incremental.stderr
    built = tree(site_with_tasks / "output")
    assert "An appended sentence" in built["alpha.html"].decode()
    rebuilt = invoke(site_with_tasks, "rebuild")  # caches cleared: all rendered
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    assert tree(site_with_tasks / "output") == built
