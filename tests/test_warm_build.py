"""The warm build process of ``invoke livereload``: builds again as a fresh one.

One process builds the generated site three times with
:class:`~pelican.plugins.scholar.warm_build.WarmBuilder`, nothing changed
between the builds, and reports what each one's incremental writer did and
how many of Pelican's ``Article`` objects are still alive after it. Another
builds it after edits of several kinds, each build compared with a fresh
full build.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from typing import TYPE_CHECKING

import pytest
from conftest import (
    GENERATED_POSTS,
    NO_CACHE,
    build,
    edit_generated_post,
    run_python,
    tree,
    write_generated_site,
    write_site,
)

from pelican.plugins.scholar.live_reload import BuildProcess

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

THREE_BUILDS = """
import gc, json, logging, sys, weakref
from pelican import signals
from pelican.log import init
from pelican.plugins.scholar.warm_build import WarmBuilder

init(level=logging.INFO)
posts = []  # weak references to each build's posts


def keep(generator):
    posts[-1].extend(weakref.ref(article) for article in generator.articles)


signals.article_generator_finalized.connect(keep)
builder = WarmBuilder("pelicanconf.py", sys.argv[1])
for _ in range(3):
    posts.append([])
    result = builder.build(new_settings=False)
    assert result["ok"], result
gc.collect()
print("POSTS", json.dumps([len(refs) for refs in posts]))
print("ALIVE", json.dumps([sum(ref() is not None for ref in refs) for refs in posts]))
"""


@pytest.fixture(scope="module")
def three_builds(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The log of three warm builds of the generated site in one process."""
    root = tmp_path_factory.mktemp("warm-build")
    site = write_generated_site(root / "generated")
    result = run_python(THREE_BUILDS, root / "output", cwd=site)
    return result.stdout + result.stderr


def test_a_second_build_in_the_process_reuses_every_page(three_builds: str) -> None:
    # The speed plugin's own Jinja options (its compiled-templates cache, no
    # freshness checks) were in the settings of every build after the first
    # in a process, not in the first's: the first save after starting
    # `invoke livereload` rendered every page again.
    counts = [
        line.split("Incremental writes: wrote ", 1)[1].split(" pages", 1)[0]
        for line in three_builds.splitlines()
        if "Incremental writes: wrote " in line
    ]
    assert len(counts) == 3, three_builds
    pages = counts[0].split(" of ")[1]
    assert counts[0] == f"{pages} of {pages}"
    assert counts[1:] == [f"0 of {pages}", f"0 of {pages}"]


def _printed(log: str, name: str) -> list[int]:
    """The list the build script printed after ``name``."""
    [line] = [line for line in log.splitlines() if line.startswith(f"{name} ")]
    return json.loads(line.split(" ", 1)[1])


def test_a_build_leaves_no_post_of_the_builds_before_alive(three_builds: str) -> None:
    # Pelican's memo of each post's content and summary (pelican.utils.memoized
    # on Content) keeps every post it ever saw: each build of a warm process
    # kept all the posts of the builds before, and its memory grew with each
    # save (1,000 posts more in memory per save of a 1,000-post site).
    posts = _printed(three_builds, "POSTS")
    assert posts == [GENERATED_POSTS] * 3
    assert _printed(three_builds, "ALIVE")[:2] == [0, 0]


def _edit(site: Path, kind: str) -> None:
    """Change the generated ``site``: a post edited, made a draft, or replaced."""
    content = site / "content"
    if kind == "edited":
        edit_generated_post(site)
    elif kind == "draft":
        post = content / "post-00011.md"
        text = post.read_text(encoding="utf-8")
        post.write_text(text.replace("\n\n", "\nStatus: draft\n\n", 1), "utf-8")
    else:
        (content / "post-00007.md").unlink()
        (content / "new.md").write_text(
            "Title: A new post\nDate: 2021-03-01\nTags: fresh\n\nIts body.\n", "utf-8"
        )


def test_each_build_after_an_edit_equals_a_fresh_full_build(
    generated_site: Path, tmp_path: Path
) -> None:
    # The process keeps its records, compiled templates and memos between
    # builds, and builds into the folder it serves: after each edit, that
    # folder must be what a full build makes in an empty one (before, the
    # pages of a draft or a deleted post stayed).
    output = tmp_path / "out"
    process = BuildProcess(
        "pelicanconf.py", str(output), cwd=generated_site, stderr=subprocess.DEVNULL
    )
    try:
        answer = process.build()
        assert answer["ok"], answer
        for kind in ("edited", "draft", "replaced"):
            _edit(generated_site, kind)
            answer = process.build()
            assert answer["ok"], answer
            reference = tmp_path / f"reference-{kind}"
            build(generated_site, reference, *NO_CACHE, speed=False)
            assert tree(output) == tree(reference), kind
    finally:
        process.close()


#: A stand-in for Pagefind (``python -m pagefind``) that says it started and
#: then takes far longer than any build of the test's site.
SLOW_PAGEFIND = """
import os, pathlib, time
pathlib.Path(os.environ["SLOW_PAGEFIND_STARTED"]).write_text(str(time.time()))
time.sleep(60)
"""
SEARCHED_SITE = """\
from pelican.plugins.scholar import theme_path
THEME = theme_path()
PLUGINS = ["pelican.plugins.scholar"]
SCHOLAR_SEARCH = True
"""


def _wait_for(path: Path) -> None:
    """Wait until ``path`` exists (a minute at most)."""
    deadline = time.monotonic() + 60
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


@pytest.fixture
def slow_pagefind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Stand :data:`SLOW_PAGEFIND` in for Pagefind; return the file it writes.

    The file holds the time (``time.time()``) it started at.
    """
    fake = tmp_path / "fake" / "pagefind"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("", encoding="utf-8")
    (fake / "__main__.py").write_text(SLOW_PAGEFIND, encoding="utf-8")
    started = tmp_path / "pagefind-started"
    monkeypatch.setenv("SLOW_PAGEFIND_STARTED", str(started))
    paths = [str(fake.parent), *filter(None, [os.environ.get("PYTHONPATH")])]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(paths))
    return started


#: The one post of the searched site.
FOUND_POST = "Title: Found\nDate: 2024-01-02\n\nSomething to find.\n"


@pytest.fixture
def searched_site(tmp_path: Path) -> Iterator[tuple[Path, BuildProcess]]:
    """A one-post site with search on, and its warm build process (closed after)."""
    site = write_site(tmp_path / "site", {"found.md": FOUND_POST}, SEARCHED_SITE)
    process = BuildProcess(
        "pelicanconf.py", str(tmp_path / "out"), cwd=site, stderr=subprocess.DEVNULL
    )
    yield site, process
    process.close()


def test_the_next_save_does_not_wait_for_the_search_index(
    slow_pagefind: Path, searched_site: tuple[Path, BuildProcess]
) -> None:
    # The process made the Pagefind index after each answer, and read the next
    # line only once it was made: on a large site (Pagefind reads every page)
    # a save came while it ran and waited seconds for it. Pagefind now gives
    # way to the next build.
    site, process = searched_site
    assert process.build()["ok"]
    _wait_for(slow_pagefind)
    slow_pagefind.unlink()
    (site / "content" / "found.md").write_text(FOUND_POST + "More.\n", "utf-8")
    saved = time.monotonic()
    assert process.build()["ok"]
    assert time.monotonic() - saved < 30
    _wait_for(slow_pagefind)  # the index of the newer pages is made


def test_the_search_index_waits_until_the_reloaded_page_is_served(
    slow_pagefind: Path, searched_site: tuple[Path, BuildProcess]
) -> None:
    # Pagefind started as soon as a build answered, while the browser was
    # reloading the page, and took both cores: on the demo a reload took
    # 0.60 s with it and 0.47 s without (medians of 10). It now starts only
    # after a quiet second.
    _site, process = searched_site
    assert process.build()["ok"]
    answered = time.time()
    _wait_for(slow_pagefind)
    assert float(slow_pagefind.read_text()) - answered > 0.8
