"""Time Pelican builds of generated posts: plain, with our plugin, with peers.

Builds the same N generated posts (see generate_posts.py) with Pelican's
"simple" theme under each configuration, in one interleaved run (round r
builds every configuration once, in a rotated order, so drift on the machine
hits all alike), and prints the median wall time of each and its ratio to
plain Pelican. Every build is a fresh ``python -m pelican`` process with the
content cache off and ``--fatal errors``.

    python benchmarks/run.py --posts 1000 --repeats 5

Configurations: plain (no plugin), scholar (this bundle's core and speed
plugins, reading in parallel), scholar-core (the core plugin alone: its own
cost), readtime
(pelican-readtime), statistics (pelican-statistics); the last two must be
installed (``make bench`` installs them into .venv-bench).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate_posts import write_posts
from users_python import as_users_python

CONFIGURATIONS = {
    "plain": [],
    "scholar": ["pelican.plugins.scholar", "pelican.plugins.scholar.speed"],
    "scholar-core": ["pelican.plugins.scholar"],
    "readtime": ["pelican.plugins.readtime"],
    "statistics": ["pelican.plugins.statistics"],
}
#: Settings added to a configuration's file.
EXTRA_SETTINGS: dict[str, str] = {}

SETTINGS = """\
AUTHOR = "Benchmark"
SITENAME = "Benchmark"
SITEURL = ""
PATH = "content"
THEME = "simple"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = 10
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
PLUGINS = {plugins!r}
"""


def build(site: Path, name: str) -> float:
    """Build ``site`` with configuration ``name``; return the wall time in seconds."""
    command = [
        sys.executable, "-m", "pelican", "content",
        "-s", f"settings_{name}.py", "-o", f"output_{name}",
        "--fatal", "errors", "--quiet",
    ]  # fmt: skip
    started = time.perf_counter()
    result = subprocess.run(
        command, cwd=site, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{name} build failed:\n{result.stdout}\n{result.stderr}")
    return elapsed


def main() -> None:
    """Run the benchmark named on the command line and print its table."""
    as_users_python()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--configs", default="plain,scholar,scholar-core")
    parser.add_argument("--json", type=Path, help="also write the timings here")
    arguments = parser.parse_args()
    names = arguments.configs.split(",")

    with tempfile.TemporaryDirectory(prefix="scholar-bench-") as work:
        site = Path(work)
        write_posts(site / "content", arguments.posts)
        for name in names:
            (site / f"settings_{name}.py").write_text(
                SETTINGS.format(plugins=CONFIGURATIONS[name])
                + EXTRA_SETTINGS.get(name, ""),
                encoding="utf-8",
            )
        build(site, names[0])  # warm the file system cache and byte-compilation
        times: dict[str, list[float]] = {name: [] for name in names}
        for round_number in range(arguments.repeats):
            shift = round_number % len(names)
            for name in names[shift:] + names[:shift]:
                times[name].append(build(site, name))
                print(
                    f"round {round_number + 1}: {name:<10} {times[name][-1]:7.2f} s",
                    flush=True,
                )

    baseline = statistics.median(times["plain"]) if "plain" in times else None
    rounds = f"{arguments.repeats} interleaved rounds"
    print(f"\n{arguments.posts} posts, {rounds}, median wall time")
    print(
        f"{'configuration':<14}{'median s':>10}{'min s':>9}{'max s':>9}{'x plain':>10}"
    )
    for name in names:
        median = statistics.median(times[name])
        ratio = f"{median / baseline:.3f}" if baseline else "-"
        print(
            f"{name:<14}{median:>10.2f}{min(times[name]):>9.2f}{max(times[name]):>9.2f}{ratio:>10}"
        )
    if arguments.json:
        arguments.json.write_text(
            json.dumps({"posts": arguments.posts, "times": times}, indent=2)
        )


if __name__ == "__main__":
    main()
