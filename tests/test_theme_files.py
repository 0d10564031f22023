"""The speed plugin copies the theme's static files only when they changed."""

from __future__ import annotations

import os
from pathlib import Path

from pelican import utils

from pelican.plugins.scholar.speed import theme_files


def test_a_copy_already_in_place_is_not_made_again(tmp_path: Path) -> None:
    source = tmp_path / "theme" / "main.css"
    source.parent.mkdir()
    source.write_text("body { color: red }", encoding="utf-8")
    copied = tmp_path / "out" / "main.css"
    copied.parent.mkdir()
    counts = theme_files.install_skip()
    try:
        utils.copy(str(source), str(copied))
        assert copied.read_text(encoding="utf-8") == "body { color: red }"
        assert (counts.copied, counts.skipped) == (1, 0)
        old = copied.stat().st_mtime_ns - 10**9
        os.utime(copied, ns=(old, old))
        os.utime(source, ns=(old, old))  # as old as its copy: in place
        utils.copy(str(source), str(copied))
        assert (counts.copied, counts.skipped) == (1, 1)
        assert copied.stat().st_mtime_ns == old
        # Edited: newer than its copy (its size the same), so copied again.
        source.write_text("body { color: tan }", encoding="utf-8")
        utils.copy(str(source), str(copied))
        assert copied.read_text(encoding="utf-8") == "body { color: tan }"
        # Another size, even if older than its copy: copied again.
        source.write_text("body { color: blue }", encoding="utf-8")
        os.utime(source, ns=(old - 10**9, old - 10**9))
        utils.copy(str(source), str(copied))
        assert copied.read_text(encoding="utf-8") == "body { color: blue }"
        assert (counts.copied, counts.skipped) == (3, 1)
        assert counts.report() == "Theme files: 1 of 4 already in place"
    finally:
        theme_files.remove_skip()
    assert not hasattr(utils.copy_file, "__scholar_wrapped__")


def test_a_second_install_wraps_pelicans_function_once() -> None:
    original = utils.copy_file
    theme_files.install_skip()
    theme_files.install_skip()  # a build that raised left the first one
    try:
        assert utils.copy_file.__scholar_wrapped__ is original  # type: ignore[attr-defined]
    finally:
        theme_files.remove_skip()
    assert utils.copy_file is original
