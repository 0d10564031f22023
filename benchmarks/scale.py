"""Time and measure big builds: the demo configuration against plain Pelican.

Builds N generated posts (see generate_posts.py) under each configuration and,
for each, three kinds of build in every round:

* ``cold``: no content cache and an empty output folder;
* ``warm``: again, with nothing changed (the cache from the cold build);
* ``edit``: again, after appending a paragraph to one post in the middle;
* ``live``: the same edit built by the process ``invoke livereload`` keeps
  warm (``python -m pelican.plugins.scholar.warm_build``), not for plain
  Pelican: it builds once (Pelican loaded, the caches read), then the
  seconds from a second edit to its answer are timed.

Every other build is a fresh ``python -m pelican`` process with ``--fatal errors``.
Wall time and peak memory (the largest sum of the resident set sizes of the
build's process tree, sampled every 20 ms) are reported as medians.

    python benchmarks/scale.py --posts 1000 --repeats 3 [--configs plain,demo]

Configurations:

* ``plain``: Pelican's "simple" theme, no plugin, no typography, no cache
  (Pelican's defaults; the reference of issue 7);
* ``demo``: the demo site's ``pelicanconf.py`` (this theme, the scholar plugin,
  pelican-katex, TYPOGRIFY, Pagefind search) with the content cache on;
* ``demo-sequential``: ``demo`` with ``SCHOLAR_PARALLEL_READING = False``;
* ``demo-nocache``: ``demo`` with the content cache off;
* ``demo-nosearch``: ``demo`` without the Pagefind index;
* ``theme-typogrify``: the configuration issue 7's goals name, "theme +
  plugin + TYPOGRIFY": ``demo`` without pelican-katex and without Pagefind
  (the core and speed plugins);
* ``theme-typogrify-core``: the same with the core plugin alone.

``--set NAME=VALUE`` adds a setting (a Python literal) to every configuration.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from generate_posts import write_posts
from run import SETTINGS as PLAIN_SETTINGS
from users_python import as_users_python

if TYPE_CHECKING:
    from collections.abc import Callable

    import psutil

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("cold", "warm", "edit", "live")

# run.py's plain configuration: the simple theme, no plugin, no cache.
PLAIN = PLAIN_SETTINGS.format(plugins=[])

DEMO = f"""\
import sys
sys.path.insert(0, {str(ROOT)!r})
from pelicanconf import *  # noqa: F403 - the demo site's settings, unchanged
PATH = "content"
ARTICLE_PATHS = [""]
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
"""

CONFIGURATIONS = {
    "plain": PLAIN,
    "demo": DEMO,
    "demo-sequential": DEMO + "SCHOLAR_PARALLEL_READING = False\n",
    "demo-nocache": DEMO + "CACHE_CONTENT = False\nLOAD_CONTENT_CACHE = False\n",
    "demo-nosearch": DEMO + "SCHOLAR_SEARCH = False\n",
    "theme-typogrify": DEMO
    + 'PLUGINS = ["pelican.plugins.scholar", "pelican.plugins.scholar.speed"]\n'
    + "SCHOLAR_SEARCH = False\n",
    "theme-typogrify-core": DEMO
    + 'PLUGINS = ["pelican.plugins.scholar"]\nSCHOLAR_SEARCH = False\n',
}


def peak_tree_rss(process: psutil.Process, done: threading.Event) -> list[int]:
    """Sample the summed RSS of ``process`` and its descendants until ``done``."""
    import psutil  # noqa: PLC0415 - only timing runs need it (in .venv-bench)

    peak = [0]

    def sample() -> None:
        while not done.is_set():
            try:
                members = [process, *process.children(recursive=True)]
                total = 0
                for member in members:
                    with contextlib.suppress(psutil.Error):
                        total += member.memory_info().rss
                peak[0] = max(peak[0], total)
            except psutil.Error:
                pass
            done.wait(0.02)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    return peak


def build_command_peak(command: list[str], cwd: Path) -> tuple[float, int]:
    """Run ``command``: wall seconds and peak tree RSS bytes; exit if it fails."""
    import psutil  # noqa: PLC0415

    done = threading.Event()
    started = time.perf_counter()
    child = psutil.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peak = peak_tree_rss(child, done)
    stdout, stderr = child.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    if child.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{stdout}\n{stderr}")
    return elapsed, peak[0]


def build(site: Path, name: str) -> tuple[float, int]:
    """Build ``site`` with ``name``; return wall seconds and peak tree RSS bytes."""
    command = [
        sys.executable, "-m", "pelican", "content",
        "-s", f"settings_{name}.py", "-o", f"output_{name}",
        "--fatal", "errors", "--quiet",
    ]  # fmt: skip
    return build_command_peak(command, site)


def edit_one_post(
    content: Path, count: int, round_number: int, kind: str = "edit"
) -> None:
    """Append a paragraph to the post in the middle of ``content``."""
    post = content / f"post-{count // 2:05d}.md"
    with post.open("a", encoding="utf-8") as handle:
        handle.write(f"\nAn {kind} made in round {round_number}, to time a rebuild.\n")


def live_edit(site: Path, name: str, edit: Callable[[], None]) -> tuple[float, int]:
    """Time one ``edit`` built by a warm build process; peak memory is not taken.

    The process builds once first, as ``invoke livereload`` does when it
    starts; the time is from the edit to the answer of the next build.
    """
    from pelican.plugins.scholar.live_reload import BuildProcess  # noqa: PLC0415

    process = BuildProcess(
        f"settings_{name}.py", f"output_{name}", cwd=site, stderr=subprocess.DEVNULL
    )
    try:
        _built_well(process.build())
        started = time.perf_counter()
        edit()
        _built_well(process.build())
        elapsed = time.perf_counter() - started
    finally:
        process.close()
    return elapsed, 0


def _built_well(answer: dict[str, object]) -> None:
    """Exit if a warm build's ``answer`` says it failed."""
    if not answer.get("ok"):
        sys.exit(f"the warm build failed: {answer}")


def main() -> None:
    """Run the benchmark named on the command line and print its table."""
    as_users_python()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--configs", default="plain,demo")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--keep", type=Path, help="copy the last outputs here")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    arguments = parser.parse_args()
    names = arguments.configs.split(",")
    extra = "".join(f"{item}\n" for item in arguments.set)

    results: dict[str, dict[str, list[tuple[float, int]]]] = {
        name: {kind: [] for kind in KINDS} for name in names
    }
    with tempfile.TemporaryDirectory(prefix="scholar-scale-") as work:
        site = Path(work)
        content = site / "content"
        write_posts(content, arguments.posts)
        for name in names:
            settings = CONFIGURATIONS[name] + f"CACHE_PATH = 'cache_{name}'\n"
            (site / f"settings_{name}.py").write_text(settings + extra, "utf-8")
        for round_number in range(arguments.repeats):
            shift = round_number % len(names)
            for name in names[shift:] + names[:shift]:
                shutil.rmtree(site / f"cache_{name}", ignore_errors=True)
                shutil.rmtree(site / f"output_{name}", ignore_errors=True)
                for kind in KINDS:
                    if kind == "live":
                        if name == "plain":
                            continue
                        edit = functools.partial(
                            edit_one_post, content, arguments.posts, round_number, kind
                        )
                        seconds, peak = live_edit(site, name, edit)
                    else:
                        if kind == "edit":
                            edit_one_post(content, arguments.posts, round_number)
                        seconds, peak = build(site, name)
                    results[name][kind].append((seconds, peak))
                    print(
                        f"round {round_number + 1}: {name:<16} {kind:<5}"
                        f" {seconds:7.2f} s {peak / 2**20:7.0f} MiB",
                        flush=True,
                    )
        if arguments.keep:
            for name in names:
                shutil.copytree(
                    site / f"output_{name}", arguments.keep / name, dirs_exist_ok=True
                )

    report(arguments.posts, arguments.repeats, results)
    if arguments.json:
        arguments.json.write_text(
            json.dumps({"posts": arguments.posts, "results": results}, indent=2)
        )


def report(
    posts: int, repeats: int, results: dict[str, dict[str, list[tuple[float, int]]]]
) -> None:
    """Print medians, with each cold build's ratio to plain's cold build."""
    plain = results.get("plain", {}).get("cold")
    baseline = statistics.median(s for s, _ in plain) if plain else None
    print(f"\n{posts} posts, {repeats} rounds, medians")
    header = ("configuration", "build", "seconds", "x plain", "peak MiB")
    print(f"{header[0]:<18}{header[1]:<7}{header[2]:>9}{header[3]:>9}{header[4]:>10}")
    for name, kinds in results.items():
        cold = statistics.median(s for s, _ in kinds["cold"])
        for kind, runs in kinds.items():
            if not runs:
                continue
            seconds = statistics.median(s for s, _ in runs)
            ratio = f"{seconds / baseline:.3f}" if baseline else "-"
            share = f"  ({seconds / cold:.0%} of cold)" if kind != "cold" else ""
            peak = statistics.median(p for _, p in runs) / 2**20
            peak_text = "-" if kind == "live" else f"{peak:.0f}"  # not sampled
            print(f"{name:<18}{kind:<7}{seconds:>9.2f}{ratio:>9}{peak_text:>10}{share}")


if __name__ == "__main__":
    main()
