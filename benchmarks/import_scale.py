"""Time ``pelican-scholar import academicpages`` on a generated academicpages site.

Writes an academicpages-style site (``_config.yml``, N posts in ``_posts``
with YAML front matter, M publications and talks, an image) whose bodies are
``generate_posts.py``'s plus what the importer rewrites in real posts:
``{{ base_path }}`` links, two-space nested lists, a list right under a
paragraph line, backslash-parenthesis math and ``{% raw %}``. Then imports it R
times in this process and prints the median wall time, per post too, and the
time of one Pelican build of the result for scale.

    .venv/bin/python benchmarks/import_scale.py --posts 1000 --repeats 3
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate_posts import TAG_POOL, VOCABULARY, _body
from users_python import as_users_python

from pelican.plugins.scholar.importer.site_writer import import_site

CONFIG = """\
title: "Benchmark Researcher"
author:
  name: "Benchmark Researcher"
  bio: "Writes many posts"
  github: "bench"
url: https://bench.github.io
baseurl: ""
words_per_minute: 160
timezone: Etc/UTC
permalink: /:categories/:title/
collections:
  publications:
    output: true
    permalink: /:collection/:path/
  talks:
    output: true
    permalink: /:collection/:path/
"""

ACADEMICPAGES_BITS = """
See the figure ![plot]({{{{ base_path }}}}/images/plot.png) and
[the paper]({{{{ site.baseurl }}}}/files/paper.pdf).
The steps are:
* first step
  * a detail, nested by two spaces
* second step with \\\\(x_{index} + y\\\\)

{{% raw %}}`{{{{ not liquid }}}}`{{% endraw %}}
"""


def write_site(root: Path, posts: int, items: int, seed: int = 7) -> None:
    """Write the academicpages site: config, posts, publications, talks, files."""
    rng = random.Random(seed)
    (root / "_posts").mkdir(parents=True)
    (root / "_publications").mkdir()
    (root / "_talks").mkdir()
    (root / "images").mkdir()
    (root / "files").mkdir()
    (root / "images/plot.png").write_bytes(b"PNG")
    (root / "files/paper.pdf").write_bytes(b"PDF")
    (root / "_config.yml").write_text(CONFIG, encoding="utf-8")
    start = datetime(2020, 1, 1)
    for index in range(posts):
        date = start + timedelta(days=index)
        title = " ".join(rng.choices(VOCABULARY, k=5)).title()
        tags = "".join(f"\n  - {tag}" for tag in rng.sample(TAG_POOL, k=3))
        body = _body(rng, posts) + ACADEMICPAGES_BITS.format(index=index)
        name = f"{date:%Y-%m-%d}-post-{index:05d}"
        front = (
            f"---\ntitle: '{title}'\ndate: {date:%Y-%m-%d}\n"
            f"permalink: /posts/{date:%Y/%m}/post-{index:05d}/\ntags:{tags}\n---\n"
        )
        (root / "_posts" / f"{name}.md").write_text(front + body, encoding="utf-8")
    for index in range(items):
        date = start + timedelta(days=30 * index)
        for kind, extra in (
            ("publications", "venue: 'Journal of Benchmarks'\ncitation: 'R. (2020).'"),
            ("talks", "type: 'Talk'\nvenue: 'A Workshop'\nlocation: 'Zurich'"),
        ):
            name = f"{date:%Y-%m-%d}-{kind}-{index:03d}"
            text = (
                f"---\ntitle: 'Item {index}'\ndate: {date:%Y-%m-%d}\n{extra}\n---\n"
                "An abstract with $a^2 + b^2$.\n"
            )
            (root / f"_{kind}" / f"{name}.md").write_text(text, encoding="utf-8")


def main() -> None:
    """Generate, import R times, build once; print the figures."""
    as_users_python()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="import-bench-") as folder:
        root = Path(folder)
        write_site(root / "old", arguments.posts, arguments.items)
        times = []
        for _ in range(arguments.repeats):
            shutil.rmtree(root / "new", ignore_errors=True)
            began = time.perf_counter()
            report = import_site(root / "old", root / "new")
            times.append(time.perf_counter() - began)
        began = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pelican",
                "-s",
                "publishconf.py",
                "-o",
                str(root / "out"),
                "--fatal",
                "errors",
                "-q",
            ],
            cwd=root / "new",
            check=True,
        )
        build = time.perf_counter() - began
    median = statistics.median(times)
    print(f"posts: {arguments.posts}, publications and talks: {2 * arguments.items}")
    print(
        f"import: median {median:.2f} s of {arguments.repeats}"
        f" (min {min(times):.2f}, max {max(times):.2f});"
        f" {1000 * median / arguments.posts:.2f} ms a post"
    )
    print(f"findings: {len(report.findings)}; changes: {sum(report.changes.values())}")
    print(
        f"one production build of the result: {build:.2f} s"
        f" (import = {median / build:.2f} of it)"
    )


if __name__ == "__main__":
    main()
