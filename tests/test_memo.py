"""The memo, the memoised typogrify and the worker-result pickling."""

from __future__ import annotations

import logging
import pickle
from pathlib import Path

import pytest
import smartypants
import typogrify.filters
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Category, Tag

from pelican.plugins.scholar.cachefiles import code_key, digest, write_cache_file
from pelican.plugins.scholar.memo import Memo
from pelican.plugins.scholar.speed.parallel import (
    dump_read_result,
    load_read_result,
    worker_count,
)
from pelican.plugins.scholar.speed.typography import (
    MemoisedTypogrify,
    install_memo,
    remove_memo,
    set_dashes_like_pelican,
)


def test_digest_separates_its_parts() -> None:
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("x") == digest(b"x")


def test_only_entries_used_by_the_build_are_saved(tmp_path: Path) -> None:
    memo = Memo()
    memo.put(b"used", "kept")
    memo.put(b"also", "kept too")
    path = tmp_path / "memo.pickle"
    memo.save(path)
    again = Memo.load(path)
    assert again.get(b"used") == "kept"  # the next build uses one entry only
    again.save(path)
    third = Memo.load(path)
    assert third.get(b"used") == "kept"
    assert third.get(b"also") is None


def test_an_unreadable_memo_is_reported_and_ignored(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "memo.pickle"
    path.write_bytes(b"not a pickle")
    with caplog.at_level(logging.WARNING):
        memo = Memo.load(path)
    assert len(memo) == 0
    assert str(path) in caplog.text


def test_a_memo_written_by_other_code_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "memo.pickle"
    payload = pickle.dumps({b"k": "v"})
    path.write_bytes(pickle.dumps({"code": b"other code", "payload": payload}))
    assert Memo.load(path).get(b"k") is None
    path.write_bytes(pickle.dumps({"code": code_key(), "payload": payload}))
    assert Memo.load(path).get(b"k") == "v"


def test_fresh_entries_are_recorded_only_when_asked() -> None:
    memo = Memo()
    memo.put(b"before", 1)
    assert memo.take_fresh() == {}
    memo.put(b"after", 2)
    assert memo.take_fresh() == {b"after": 2}
    assert memo.take_fresh() == {}


@pytest.fixture
def memoised() -> MemoisedTypogrify:
    original = typogrify.filters.typogrify
    memoised = install_memo(Memo())
    yield memoised
    remove_memo()
    assert typogrify.filters.typogrify is original


def test_memoised_typogrify_returns_typogrifys_output(
    memoised: MemoisedTypogrify,
) -> None:
    text = '<p>"Quoted" -- and RL... done here</p>'
    expected = memoised.wrapped(text, ["pre"])
    assert typogrify.filters.typogrify(text, ["pre"]) == expected
    assert typogrify.filters.typogrify(text, ["pre"]) == expected  # from the memo
    assert len(memoised.memo) == 1
    assert (memoised.calls, memoised.cached) == (2, 1)


def test_the_key_follows_the_dash_setting_and_arguments(
    memoised: MemoisedTypogrify,
) -> None:
    settings = dict(DEFAULT_CONFIG)
    set_dashes_like_pelican({**settings, "TYPOGRIFY_DASHES": "default"})
    plain = memoised.key("a -- b", (["pre"],), {})
    set_dashes_like_pelican({**settings, "TYPOGRIFY_DASHES": "oldschool"})
    oldschool = memoised.key("a -- b", (["pre"],), {})
    assert plain != oldschool
    assert memoised.key("a -- b", (["code"],), {}) != oldschool
    assert memoised.key("a -- b", (["pre"],), {"widont": False}) != oldschool
    set_dashes_like_pelican(settings)
    smartypants.Attr.default = smartypants.Attr.set1


def test_installing_twice_wraps_typogrify_once(memoised: MemoisedTypogrify) -> None:
    again = install_memo(Memo())
    assert again.wrapped is memoised.wrapped


def test_worker_results_carry_tags_by_name_and_get_the_parents_settings() -> None:
    worker_settings = {**DEFAULT_CONFIG, "SITENAME": "worker"}
    parent_settings = {**DEFAULT_CONFIG, "SITENAME": "parent"}
    metadata = {
        "title": "T",
        "tags": [Tag("RL", worker_settings), Tag("C++", worker_settings)],
        "category": Category("misc", worker_settings),
    }
    content, loaded = load_read_result(
        dump_read_result(("<p>x</p>", metadata)), parent_settings
    )
    assert content == "<p>x</p>"
    assert [tag.name for tag in loaded["tags"]] == ["RL", "C++"]
    assert all(tag.settings is parent_settings for tag in loaded["tags"])
    assert loaded["category"] == Category("misc", parent_settings)


def test_worker_count_follows_the_setting() -> None:
    assert worker_count(False, None) == 0
    assert worker_count(True, 3) == 3
    assert worker_count("auto", None) >= 1


def test_a_cache_folder_that_cannot_be_made_is_a_warning_not_a_crash(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    assert write_cache_file(blocker / "sub" / "record.pickle", {"a": 1}) is False
