"""The Pagefind index is kept when the HTML it reads did not change, and only then."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import pytest
from conftest import BuiltTwice, tree

from pelican.plugins.scholar.search_index import (
    INDEX_FOLDER,
    build_search_index,
    deferred_indexing,
    index_now_or_later,
    pagefind_inputs,
)

if TYPE_CHECKING:
    from pathlib import Path

REUSED = re.compile(r"Search index of \S+ reused")
POST = """<!doctype html><html lang="en"><head><title>{title}</title></head>
<body><main data-pagefind-body><h1>{title}</h1><p>{text}</p></main></body></html>
"""


def write_site(output: Path, words: str = "rollout") -> None:
    """Two small pages Pagefind can index, and a stylesheet."""
    for name, title in (("one", "Policy gradients"), ("two", "Reward models")):
        page = output / name / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(POST.format(title=title, text=f"{title} {words}"), "utf-8")
    (output / "style.css").write_text("body { margin: 0 }\n", "utf-8")


@pytest.fixture(autouse=True)
def _info_messages(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="pelican.plugins.scholar.search_index")


def indexed_site(tmp_path: Path) -> tuple[Path, Path]:
    """A small site indexed once, with the caches on: its output and cache folders."""
    output, cache = tmp_path / "out", tmp_path / "cache"
    write_site(output)
    build_search_index(output, cache)
    return output, cache


def index_of(output: Path) -> dict[str, bytes]:
    return tree(output / INDEX_FOLDER)


def reused(caplog: pytest.LogCaptureFixture) -> bool:
    found = any(REUSED.search(record.getMessage()) for record in caplog.records)
    caplog.clear()
    return found


def test_the_inputs_are_the_html_files_and_pagefind_settings(tmp_path: Path) -> None:
    output = tmp_path / "out"
    write_site(output)
    first = pagefind_inputs(output, {})
    assert pagefind_inputs(output, {"HOME": "/elsewhere"}) == first
    (output / "style.css").write_text("body { margin: 1em }\n", "utf-8")
    (output / INDEX_FOLDER).mkdir()
    (output / INDEX_FOLDER / "stale.html").write_text("<p>old</p>", "utf-8")
    assert pagefind_inputs(output, {}) == first
    assert pagefind_inputs(output, {"PAGEFIND_VERBOSE": "true"}) != first
    write_site(output, words="advantage")
    assert pagefind_inputs(output, {}) != first


def test_an_unchanged_site_keeps_its_index_and_a_changed_one_is_indexed_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    output, cache = indexed_site(tmp_path)
    assert not reused(caplog)
    first = index_of(output)
    assert any(name.startswith("fragment/") for name in first)

    build_search_index(output, cache)
    assert reused(caplog)
    assert index_of(output) == first

    write_site(output, words="advantage")
    build_search_index(output, cache)
    assert not reused(caplog)
    assert index_of(output) != first


def test_a_damaged_index_or_a_build_without_the_cache_runs_pagefind(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    output, cache = indexed_site(tmp_path)
    first = index_of(output)
    fragment = next(p for p in (output / INDEX_FOLDER / "fragment").iterdir())
    fragment.unlink()
    build_search_index(output, cache)
    assert not reused(caplog)
    assert index_of(output) == first

    build_search_index(output, cache, load=False)
    assert not reused(caplog)


def test_a_fresh_folder_gets_the_previous_builds_index(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    previous, cache = indexed_site(tmp_path)
    fresh = tmp_path / "fresh"
    write_site(fresh)
    build_search_index(fresh, cache, previous=previous)
    assert reused(caplog)
    assert index_of(fresh) == index_of(previous)


def test_the_demo_built_twice_indexes_once(demo_built_twice: BuiltTwice) -> None:
    assert not REUSED.search(demo_built_twice.first)
    assert REUSED.search(demo_built_twice.second)
    assert (demo_built_twice.output / INDEX_FOLDER / "pagefind-entry.json").is_file()


def test_an_index_asked_for_in_a_live_build_waits_for_the_caller() -> None:
    # warm_build.py answers (the page reloads) before Pagefind runs.
    ran: list[str] = []
    with deferred_indexing() as later:
        index_now_or_later(lambda: ran.append("live"))
        assert ran == []
    assert len(later) == 1
    later[0]()
    assert ran == ["live"]
    index_now_or_later(lambda: ran.append("plain"))  # any other build: at once
    assert ran == ["live", "plain"]
