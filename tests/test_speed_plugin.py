"""The speed plugin is opt-in, steps aside where it does not fit, and keeps no state.

The core plugin alone never forks; the speed plugin checks Pelican's
internals at start-up and, when they are not what it expects, logs one
warning and builds the same site without its speed-ups. Its state belongs
to one build: a build that failed half-way leaves nothing to the next one
in the same process. Its caches are keyed by the code that filled them.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import (
    CACHE,
    GENERATED_POSTS,
    TEST_PLUGINS,
    cached_build_log,
    plugins_setting,
    run_python,
    soup,
    tree,
    verbose_build_log,
)
from pelican.contents import Content
from pelican.settings import DEFAULT_CONFIG

from pelican.plugins.scholar.speed import internals, source_paths


def test_the_core_alone_never_forks(generated_site: Path, tmp_path: Path) -> None:
    core = plugins_setting(generated_site, speed=False, extra=["no_fork"])
    log = verbose_build_log(
        generated_site, tmp_path / "core", core, "SCHOLAR_PARALLEL_READING=true"
    )
    assert "Parallel reading" not in log
    # The same site with the speed plugin does fork: the guard is real. Its
    # workers cannot start, so Pelican reads every file itself, none is lost.
    with_speed = plugins_setting(generated_site, speed=True, extra=["no_fork"])
    log = verbose_build_log(generated_site, tmp_path / "speed", with_speed)
    assert (
        "Parallel reading could not start its workers (no_fork: this build"
        " started a process): reading sequentially"
    ) in log
    assert f"Processed {GENERATED_POSTS} articles" in log
    assert tree(tmp_path / "speed") == tree(tmp_path / "core")


def test_the_speed_plugin_steps_aside_on_a_pelican_it_was_not_made_for(
    generated_site: Path, tmp_path: Path, generated_reference: dict[str, bytes]
) -> None:
    pretend = plugins_setting(generated_site, speed=True, extra=["pretend_pelican"])
    log = verbose_build_log(generated_site, tmp_path / "aside", pretend, *CACHE)
    warning = (
        "pelican.plugins.scholar.speed steps aside: it is tested on Pelican 4.12"
        " only, not 4.99.0"
    )
    assert log.count(warning) == 1, log
    for speed_up in ("Parallel reading", "Typography:", "Incremental writes"):
        assert speed_up not in log
    assert tree(tmp_path / "aside") == generated_reference


def test_this_pelicans_internals_are_the_ones_the_plugin_relies_on() -> None:
    assert internals.unsupported_reason() is None


def test_a_changed_internal_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    from pelican.writers import Writer  # noqa: PLC0415

    def write_file(self: Writer, name: str, template: object, context: dict) -> None:
        """A write_file of another shape."""

    monkeypatch.setattr(Writer, "write_file", write_file)
    problems = internals._source_problems()
    assert any("template.render(localcontext)" in problem for problem in problems)
    assert any("Writer.write_file takes" in problem for problem in problems)


def test_each_speed_up_reports_what_it_reused(
    generated_site: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out"
    first = cached_build_log(generated_site, output)
    n = GENERATED_POSTS
    assert f"Parallel reading: {n} of {n} files read in parallel" in first
    calls = re.search(r"Typography: (\d+) of (\d+) texts cached", first)
    assert calls, first
    assert calls[1] == calls[2] != "0"  # the workers typogrified every text
    pages = re.search(r"Incremental writes: wrote (\d+) of \1 pages", first)
    assert pages, first
    theme = re.search(r"Theme files: 0 of (\d+) already in place", first)
    assert theme, first

    second = cached_build_log(generated_site, output)
    # Pelican's reader cache holds every file: nothing to read in parallel,
    # and typogrify (which Pelican runs after its cache) is all memoised.
    assert "Parallel reading" not in second
    assert f"Typography: {calls[2]} of {calls[2]} texts cached" in second
    assert f"Incremental writes: wrote 0 of {pages[1]} pages" in second
    assert f"Theme files: {theme[1]} of {theme[1]} already in place" in second

    sequential = cached_build_log(
        generated_site, tmp_path / "sequential", "SCHOLAR_PARALLEL_READING=false"
    )
    # Another output folder, the same memo: typogrify is not run again.
    assert f"Typography: {calls[2]} of {calls[2]} texts cached" in sequential


TWO_BUILDS = """
import logging, sys
from pelican import Pelican
from pelican.settings import read_settings

logging.basicConfig(level=logging.INFO, stream=sys.stdout, format="%(message)s")
settings = read_settings("pelicanconf.py", override={
    "PATH": "content", "OUTPUT_PATH": sys.argv[1], "PLUGINS": @PLUGINS@,
    "PLUGIN_PATHS": [@TEST_PLUGINS@], "SCHOLAR_PARALLEL_PROCESSES": 2,
    "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False,
})
pelican = Pelican(settings)
try:
    pelican.run()
except RuntimeError as error:
    print("FIRST BUILD:", error)
pelican.run()  # as pelican -r does after an edit: the same object again
import typogrify.filters
print("TYPOGRIFY AFTER:", type(typogrify.filters.typogrify).__name__)
from pelican.contents import Content
wrapped = hasattr(Content.get_relative_source_path, "__scholar_wrapped__")
print("SOURCE PATHS AFTER:", "memoised" if wrapped else "Pelican's")
"""


def test_a_failed_build_leaves_nothing_to_the_next_one_in_the_process(
    generated_site: Path, tmp_path: Path, generated_reference: dict[str, bytes]
) -> None:
    plugins = json.loads(plugins_setting(generated_site, speed=True).split("=", 1)[1])
    script = TWO_BUILDS.replace("@TEST_PLUGINS@", repr(str(TEST_PLUGINS))).replace(
        "@PLUGINS@", repr([*plugins, "fail_once"])
    )
    output = tmp_path / "out"
    result = run_python(script, output, cwd=generated_site)
    log = result.stdout + result.stderr
    assert "FIRST BUILD: fail_once: the first build fails" in log
    # The second build prefetched again, and every file it read came from it
    # (a failed build never reports: it never finishes).
    second = log.split("FIRST BUILD:", 1)[1]
    n = GENERATED_POSTS
    assert f"Parallel reading: {n} of {n} files read in parallel" in second, log
    assert tree(output) == generated_reference
    # Typogrify and Pelican's methods are Pelican's own again once it is over.
    assert "TYPOGRIFY AFTER: function" in log
    assert "SOURCE PATHS AFTER: Pelican's" in log


def test_an_edited_plugin_changes_the_next_cached_build(
    wheel: Path, fixture_site: Path, tmp_path: Path
) -> None:
    # An installed copy of the bundle, first on the path, edited between builds.
    installed = tmp_path / "installed"
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps"]
    subprocess.run([*pip, "--target", str(installed), str(wheel)], check=True)
    env = {"PYTHONPATH": str(installed)}
    speed = plugins_setting(fixture_site, speed=True)

    def minutes(output: Path) -> str:
        cached_build_log(fixture_site, output, speed, env=env)
        text = soup(output / "beta.html").get_text(" ", strip=True)
        found = re.search(r"(less than 1|\d+) minutes? read", text)
        assert found, text
        return found[0]

    before = minutes(tmp_path / "before")
    assert minutes(tmp_path / "again") == before
    readtime = installed / "pelican" / "plugins" / "scholar" / "readtime.py"
    source = readtime.read_text(encoding="utf-8")
    doubled = source.replace(
        "return WordCount(len(text.split()) + formulas, 0)",
        "return WordCount(40 * (len(text.split()) + formulas), 0)",
    )
    assert doubled != source
    readtime.write_text(doubled, encoding="utf-8")
    shutil.rmtree(readtime.parent / "__pycache__", ignore_errors=True)
    after = minutes(tmp_path / "after")
    assert after != before, after


def test_relative_source_paths_are_pelicans_computed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str | None] = []
    pelicans = Content.get_relative_source_path

    def counted(self: Content, source_path: str | None = None) -> str | None:
        calls.append(source_path)
        return pelicans(self, source_path)

    monkeypatch.setattr(Content, "get_relative_source_path", counted)
    settings = {**DEFAULT_CONFIG, "PATH": str(tmp_path / "content")}
    post = Content(
        "text", settings=settings, source_path=str(tmp_path / "content/a/b.md")
    )
    expected = [
        counted(post),
        counted(post, "c/d.md"),
        counted(post, "/elsewhere/e.md"),
    ]
    calls.clear()
    source_paths.install_memo()
    try:
        for _ in range(3):
            found = [
                post.get_relative_source_path(),
                post.get_relative_source_path("c/d.md"),
                post.get_relative_source_path("/elsewhere/e.md"),
            ]
            assert found == expected
            assert found[:2] == ["a/b.md", "c/d.md"]
        assert len(calls) == 3  # once per path
    finally:
        source_paths.remove_memo()
    assert Content.get_relative_source_path is counted
