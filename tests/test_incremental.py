"""Incremental writes: reused pages make the very output of a full build.

Every build here is compared, file by file, with a reference build of the
same sources made the plain way (the core plugin alone, no cache), and the
writer's own count shows that pages were indeed reused.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import (
    NO_CACHE,
    REPO_ROOT,
    BuiltTwice,
    build,
    cached_build_log,
    edit_generated_post,
    reference_settings,
    tree,
)
from jinja2 import DictLoader, Environment
from pelican.settings import DEFAULT_CONFIG

from pelican.plugins.scholar.cachefiles import write_cache_file
from pelican.plugins.scholar.speed import incremental
from pelican.plugins.scholar.speed.incremental import IncrementalWriter

COUNTS = re.compile(r"Incremental writes: wrote (\d+) of (\d+) pages, reused the rest")


def cached_build(
    site: Path, output: Path, *settings: str, env: dict[str, str] | None = None
) -> tuple[int, int]:
    """Build with the caches on, into ``output`` as it is; return reused, rendered."""
    log = cached_build_log(site, output, *settings, env=env)
    found = COUNTS.search(log)
    assert found, log
    rendered, pages = int(found[1]), int(found[2])
    return pages - rendered, rendered


def reference(site: Path, output: Path, *settings: str) -> dict[str, bytes]:
    """The plain way's output for ``site`` as it is now."""
    build(site, output, *NO_CACHE, *settings, speed=False)
    return tree(output)


def test_an_unchanged_site_reuses_every_page_and_stays_the_same(
    generated_site: Path, tmp_path: Path, generated_reference: dict[str, bytes]
) -> None:
    expected = generated_reference
    output = tmp_path / "out"
    reused, rendered = cached_build(generated_site, output)
    assert (reused, rendered) == (0, len(expected) - reused - _static(expected))
    assert tree(output) == expected
    reused, rendered = cached_build(generated_site, output)
    assert (reused, rendered) == (len(expected) - _static(expected), 0)
    assert tree(output) == expected


def test_a_site_with_images_reuses_every_page_in_another_process(
    demo_built_twice: BuiltTwice,
) -> None:
    # Pelican lists static files in set order, which changes with the string
    # hash seed of each process; the fingerprint must not depend on it.
    found = COUNTS.search(demo_built_twice.second)
    assert found, demo_built_twice.second
    rendered, reused = int(found[1]), int(found[2]) - int(found[1])
    assert rendered == 0
    assert reused > 20


def _static(files: dict[str, bytes]) -> int:
    """How many files are not pages the writer renders (theme files, CSS)."""
    return sum(1 for name in files if not name.endswith((".html", ".txt")))


def test_one_edit_renders_few_pages_and_equals_a_full_build(
    generated_site: Path, tmp_path: Path, edited_generated_reference: dict[str, bytes]
) -> None:
    output = tmp_path / "out"
    cached_build(generated_site, output)
    long_ago = 1_000_000_000  # 2001: any write would move it to now
    pages = sorted(p for p in output.rglob("*") if p.suffix in {".html", ".txt"})
    for page in pages:
        os.utime(page, (long_ago, long_ago))
    edit_generated_post(generated_site)
    log = cached_build_log(generated_site, output)
    found = COUNTS.search(log)
    assert found, log
    rendered, reused = int(found[1]), int(found[2]) - int(found[1])
    assert 0 < rendered < reused
    assert tree(output) == edited_generated_reference
    # Only the pages rendered again were written: a reused page's file,
    # already in place, is left as it was (its modification time too).
    rewritten = {
        str(p.relative_to(output)) for p in pages if p.stat().st_mtime != long_ago
    }
    assert len(rewritten) == rendered
    assert any("post-00020" in name for name in rewritten), rewritten
    untouched = re.search(r"\((\d+) files left as they were\)", log)
    assert untouched, log
    assert int(untouched[1]) == len(pages) - rendered


def test_a_changed_setting_renders_every_page_again(
    generated_site: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out"
    cached_build(generated_site, output)
    subtitle = 'SITESUBTITLE="A different subtitle"'
    reused, rendered = cached_build(generated_site, output, subtitle)
    expected = reference(generated_site, tmp_path / "reference", subtitle)
    assert (reused, rendered) == (0, len(expected) - _static(expected))
    assert tree(output) == expected


def test_a_fresh_folder_reuses_the_previous_output_and_drops_deleted_posts(
    generated_site: Path, tmp_path: Path, edited_generated_reference: dict[str, bytes]
) -> None:
    previous = tmp_path / "previous"
    cached_build(generated_site, previous)
    edit_generated_post(generated_site)
    fresh = tmp_path / "fresh"
    reused, rendered = cached_build(
        generated_site, fresh, f'SCHOLAR_PREVIOUS_OUTPUT="{previous}"'
    )
    assert 0 < rendered < reused
    assert tree(fresh) == edited_generated_reference

    # A deleted post changes every listing view: all is rendered, none is stale.
    (generated_site / "content" / "post-00007.md").unlink()
    again = tmp_path / "again"
    cached_build(generated_site, again, f'SCHOLAR_PREVIOUS_OUTPUT="{fresh}"')
    expected = reference(generated_site, tmp_path / "reference")
    assert not any("post-00007" in name for name in expected)
    assert tree(again) == expected


def test_pages_no_longer_built_leave_the_output_folder(
    generated_site: Path, tmp_path: Path
) -> None:
    # invoke livereload builds into the folder it serves: a deleted post, a
    # post made a draft and a tag no post has any more kept their old pages
    # there (and in its search index) until the process was restarted.
    output = tmp_path / "out"
    cached_build(generated_site, output)
    content = generated_site / "content"
    (content / "post-00007.md").unlink()
    draft = content / "post-00011.md"
    draft.write_text(
        draft.read_text(encoding="utf-8").replace("\n\n", "\nStatus: draft\n\n", 1),
        encoding="utf-8",
    )
    # What the build did not write as it is now is left alone: a file of
    # someone else's, and a page of a deleted post edited since.
    mine = output / "mine.html"
    mine.write_text("<p>Mine</p>", encoding="utf-8")
    (content / "post-00009.md").unlink()
    [edited] = output.glob("posts/*/*/post-00009/index.html")
    edited.write_text("<p>Edited by hand</p>", encoding="utf-8")
    cached_build(generated_site, output)
    assert mine.read_text(encoding="utf-8") == "<p>Mine</p>"
    assert edited.read_text(encoding="utf-8") == "<p>Edited by hand</p>"
    mine.unlink()
    shutil.rmtree(edited.parent)
    expected = reference(generated_site, tmp_path / "reference")
    assert tree(output) == expected
    folders = {p.relative_to(output) for p in output.rglob("*") if p.is_dir()}
    wanted = {
        p.relative_to(tmp_path / "reference")
        for p in (tmp_path / "reference").rglob("*")
        if p.is_dir()
    }
    assert folders == wanted  # their emptied folders are gone too


def _edit_abstract(bib: Path, start: str) -> None:
    """Put a sentence at the start of the abstract that begins with ``start``."""
    text = bib.read_text(encoding="utf-8")
    assert start in text
    bib.write_text(text.replace(start, "An edited opening. " + start), encoding="utf-8")


def test_an_edited_entry_renders_its_pages_only_and_equals_a_full_build(
    tmp_path: Path,
) -> None:
    site = tmp_path / "demo"
    shutil.copytree(REPO_ROOT / "content", site / "content")
    shutil.copy(REPO_ROOT / "pelicanconf.py", site / "pelicanconf.py")
    with (site / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write("\nSCHOLAR_SEARCH = False\n")
    reference_settings(site)
    bib = site / "content" / "bibliography" / "castellan.bib"
    output = tmp_path / "out"
    cached_build(site, output)
    # Not selected: its entry page, the publications listing and the CV.
    _edit_abstract(bib, "Pass@k is estimated from n samples")
    reused, rendered = cached_build(site, output)
    assert rendered == 3, (reused, rendered)
    assert tree(output) == reference(site, tmp_path / "reference")
    # Selected: the home page too.
    _edit_abstract(bib, "Routing replay makes reinforcement learning")
    reused, rendered = cached_build(site, output)
    assert rendered == 4, (reused, rendered)
    assert tree(output) == reference(site, tmp_path / "reference")


def test_a_page_counts_the_items_its_templates_name() -> None:
    environment = Environment(
        loader=DictLoader(
            {
                "base.html": '{% include "nav.html" %}{% block body %}{% endblock %}',
                "nav.html": "{# scholar: shows collection titles and URLs only #}"
                "{% for c in collections.values() %}{{ c.title }}{% endfor %}",
                "post.html": '{% extends "base.html" %}',
                "cv.html": '{% extends "base.html" %}{{ collections["talks"].items }}',
                "kinds.html": '{% include "parts/" ~ kind ~ ".html" %}',
                "parts/talk.html": "{{ selected_publications }}",
                "parts/other.txt": "{{ collections }}",
                "anything.html": "{% include chosen %}",
            }
        )
    )
    writer = IncrementalWriter.__new__(IncrementalWriter)
    writer._shown_items = {}
    shown = {
        name: writer.shown_items(environment.get_template(name))
        for name in ("post.html", "cv.html", "kinds.html", "anything.html")
    }
    assert shown == {
        "post.html": frozenset(),
        "cv.html": {"collections"},
        "kinds.html": {"selected_publications"},
        "anything.html": {"collections", "selected_publications"},
    }


def test_a_page_still_as_written_is_trusted_and_the_record_kept_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In one process (the warm live-reload build): a page whose file is
    # still as this writer left it is reused without digesting its text, and
    # the record saved by the last build is not read back from its file.
    output = tmp_path / "out"
    theme = tmp_path / "theme"
    theme.mkdir()
    settings = {
        **DEFAULT_CONFIG,
        "CACHE_PATH": str(tmp_path / "cache"),
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "THEME": str(theme),
        "OUTPUT_PATH": str(output),
    }
    template = Environment(
        loader=DictLoader({"page.html": "<p>{{ greeting }}</p>"})
    ).get_template("page.html")
    digested: list[str] = []
    read: list[Path] = []
    original_digest, original_read = incremental.digest, incremental.read_cache_file

    def counting_digest(*parts: str | bytes) -> bytes:
        digested.extend(part for part in parts if part == "<p>hi</p>")
        return original_digest(*parts)

    def counting_read(path: Path) -> object:
        read.append(path)
        return original_read(path)

    monkeypatch.setattr(incremental, "digest", counting_digest)
    monkeypatch.setattr(incremental, "read_cache_file", counting_read)

    def write() -> IncrementalWriter:
        writer = IncrementalWriter(str(output), settings)
        writer.write_file("page.html", template, {"greeting": "hi"})
        writer.save()
        return writer

    assert write().rendered == 1
    assert digested == ["<p>hi</p>"]  # its record's digest
    digested.clear()
    read.clear()
    opened: list[Path] = []
    original_open = Path.open

    def counting_open(path: Path, *args: object, **kwargs: object) -> object:
        opened.append(path)
        return original_open(path, *args, **kwargs)

    monkeypatch.setattr(Path, "open", counting_open)
    writer = write()
    monkeypatch.setattr(Path, "open", original_open)
    assert (writer.rendered, writer.reused, writer.untouched) == (0, 1, 1)
    # Neither read nor digested: the new record takes the last one's digest.
    assert output / "page.html" not in opened
    assert digested == []
    assert read == []
    assert (output / "page.html").read_text(encoding="utf-8") == "<p>hi</p>"
    # A file changed since is digested, found changed and rendered again.
    page = output / "page.html"
    page.write_text("<p>ho</p>", encoding="utf-8")
    writer = write()
    assert (writer.rendered, writer.reused) == (1, 0)
    assert page.read_text(encoding="utf-8") == "<p>hi</p>"
    # A record another process saved since is read from its file.
    write_cache_file(tmp_path / "cache" / incremental.RECORD_FILE, {})
    read.clear()
    writer = write()
    assert read == [tmp_path / "cache" / incremental.RECORD_FILE]
    assert (writer.rendered, writer.reused) == (1, 0)
