"""How fast could a cold build be on K cores? A bound from one-core phase times.

Builds N generated posts once per round on one core (parallel reading off, no
cache) under ``plain`` and ``theme-typogrify`` (see ``scale.py``), with
``phase_timer.py`` recording when reading began and ended and when the last
page was written. Reading and writing are the parts that more processes could
share; everything else (start-up, Pelican's taxonomy and context, plugins'
finalisers) runs once. So no build on K cores can take less than::

    floor(K) = serial + (reading + writing) / K

which assumes perfect sharing and no cost to share. In the same rounds it
also times the real cold build of ``theme-typogrify`` as installed (the
speed plugin's parallel reading on, no cache), so the floor and the result
can be compared, and prints the goals of issue 7 (0.65x plain Pelican) and
issue 17 (0.8x), both against plain's one-core wall.

    python benchmarks/cpu_floor.py --posts 1000 --repeats 3 [--cores 2]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate_posts import write_posts
from scale import CONFIGURATIONS
from users_python import as_users_python

HERE = Path(__file__).resolve().parent
SEQUENTIAL = f"""\
SCHOLAR_PARALLEL_READING = False
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
PLUGIN_PATHS = [{str(HERE)!r}]
PLUGINS = [*globals().get("PLUGINS", []), "phase_timer"]
"""


#: The real cold build of theme + plugin + TYPOGRIFY, as a site gets it.
AS_BUILT = """\
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
"""


def wall_time(site: Path, name: str, env: dict[str, str] | None = None) -> float:
    """Build ``site`` with configuration ``name`` as it is; return its wall time."""
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable, "-m", "pelican", "content",
            "-s", f"settings_{name}.py", "-o", f"output_{name}",
            "--fatal", "errors", "--quiet",
        ],
        cwd=site,
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )  # fmt: skip
    return time.perf_counter() - started


def timed_build(site: Path, name: str) -> dict[str, float]:
    """Build ``site`` with configuration ``name`` on one core; return its phases."""
    marks = site / f"phases_{name}.json"
    wall = wall_time(site, name, {"SCHOLAR_PHASE_TIMES": str(marks)})
    phases = json.loads(marks.read_text(encoding="utf-8"))
    reading = phases["read"] - phases["init"]
    writing = phases["written"] - phases["context"]
    return {"wall": wall, "reading": reading, "writing": writing,
            "serial": wall - reading - writing}  # fmt: skip


def main() -> None:
    """Time both configurations and print the bound for ``--cores`` cores."""
    as_users_python()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cores", type=int, default=os.cpu_count() or 1)
    arguments = parser.parse_args()
    names = ("plain", "theme-typogrify")
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory(prefix="scholar-floor-") as work:
        site = Path(work)
        write_posts(site / "content", arguments.posts)
        for name in names:
            settings = CONFIGURATIONS[name] + SEQUENTIAL
            (site / f"settings_{name}.py").write_text(settings, encoding="utf-8")
        built = CONFIGURATIONS["theme-typogrify"] + AS_BUILT
        (site / "settings_as-built.py").write_text(built, encoding="utf-8")
        measured = []
        for _ in range(arguments.repeats):
            for name in names:
                runs[name].append(timed_build(site, name))
            measured.append(wall_time(site, "as-built"))
    medians = {
        name: {key: statistics.median(run[key] for run in found) for key in found[0]}
        for name, found in runs.items()
    }
    plain = medians["plain"]["wall"]
    cores = arguments.cores
    print(f"{arguments.posts} posts, {arguments.repeats} rounds, one core, medians")
    print(f"{'configuration':<17}{'wall':>7}{'reading':>9}{'writing':>9}"
          f"{'serial':>8}{f'floor on {cores}':>12}{'x plain':>9}")  # fmt: skip
    for name, phase in medians.items():
        floor = phase["serial"] + (phase["reading"] + phase["writing"]) / cores
        print(
            f"{name:<17}{phase['wall']:>7.2f}{phase['reading']:>9.2f}"
            f"{phase['writing']:>9.2f}{phase['serial']:>8.2f}{floor:>12.2f}"
            f"{floor / plain:>9.3f}"
        )
    real = statistics.median(measured)
    print(
        f"theme-typogrify as built (speed plugin, {os.cpu_count()} cores, no cache):"
        f" {real:.2f} s, {real / plain:.3f} x plain"
    )
    print(f"goal of issue 7: {0.65 * plain:.2f} s (0.65 x plain's one-core wall)")
    print(f"goal of issue 17: {0.8 * plain:.2f} s (0.8 x plain's one-core wall)")


if __name__ == "__main__":
    main()
