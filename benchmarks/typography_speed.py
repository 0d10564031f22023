"""typogrify against the speed plugin's one-pass typography, in one process.

    .venv/bin/python benchmarks/typography_speed.py [--posts 200] [--repeats 7]

Takes the texts Pelican typogrifies on the demo (each post's and page's
body, title and summary, as its readers make them with the demo's settings
and plugins, pelican-katex included, TYPOGRIFY off), and N generated posts
(``generate_posts.py``) rendered with the demo's Markdown extensions, then
times ``typogrify.filters.typogrify`` and
``pelican.plugins.scholar.speed.fast_typography.typogrify`` on every page
with the demo's ``TYPOGRIFY_IGNORE_TAGS``, alternating the two, repeats
times each. Checks that both give the same text, prints each corpus's
medians and ratio, and exits 1 if a ratio is over the goal: 15% of
typogrify's time (issue 17).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import markdown
import smartypants
from generate_posts import write_posts
from typogrify.filters import typogrify

from pelican.plugins.scholar.speed.fast_typography import FALLBACKS
from pelican.plugins.scholar.speed.fast_typography import typogrify as fast

ROOT = Path(__file__).resolve().parent.parent
IGNORE = ["pre", "code", ".katex", "math"]
GOAL = 0.15


def render(source: str) -> str:
    """Markdown to HTML with the demo's extensions."""
    return markdown.Markdown(
        extensions=["extra", "codehilite", "toc", "meta"], output_format="html5"
    ).convert(source)


def demo_texts() -> list[str]:
    """Return what Pelican typogrifies on the demo: bodies, titles, summaries."""
    from pelican import Pelican, signals  # noqa: PLC0415
    from pelican.settings import read_settings  # noqa: PLC0415

    texts: list[str] = []

    def collect(content: object) -> None:
        if not hasattr(content, "title"):
            return  # a static file
        texts.append(content._content)
        texts.append(content.title)
        if "summary" in content.metadata:
            texts.append(content.metadata["summary"])

    signals.content_object_init.connect(collect)
    with tempfile.TemporaryDirectory() as folder:
        settings = read_settings(
            str(ROOT / "pelicanconf.py"),
            override={
                "PATH": str(ROOT / "content"),
                "OUTPUT_PATH": f"{folder}/output",
                "CACHE_PATH": f"{folder}/cache",
                "TYPOGRIFY": False,
                "SCHOLAR_SEARCH": False,
                "PLUGINS": ["pelican.plugins.scholar", "pelican_katex"],
            },
        )
        Pelican(settings).run()
    signals.content_object_init.disconnect(collect)
    return [text for text in texts if text]


def timed(function, pages: list[str]) -> float:
    """Seconds ``function`` takes over every page once."""
    started = time.perf_counter()
    for page in pages:
        function(page, IGNORE)
    return time.perf_counter() - started


def measure(name: str, pages: list[str], repeats: int) -> float:
    """Print and return the ratio of the two medians on ``pages``."""
    for page in pages:
        if fast(page, IGNORE) != typogrify(page, IGNORE):
            sys.exit(f"{name}: the outputs differ")
    slow, quick = [], []
    for _ in range(repeats):
        slow.append(timed(typogrify, pages))
        quick.append(timed(fast, pages))
    ratio = statistics.median(quick) / statistics.median(slow)
    kilobytes = sum(map(len, pages)) / 1000
    print(
        f"{name}: {len(pages)} texts, {kilobytes:.0f} KB:"
        f" typogrify {statistics.median(slow) * 1000:.1f} ms,"
        f" one pass {statistics.median(quick) * 1000:.1f} ms, ratio {ratio:.3f}"
    )
    return ratio


def main() -> None:
    """Measure on the demo and on generated posts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    smartypants.Attr.default = smartypants.Attr.set1 | smartypants.Attr.w  # Pelican's
    demo = demo_texts()
    with tempfile.TemporaryDirectory() as folder:
        generated = [
            render(path.read_text(encoding="utf-8").split("\n\n", 1)[1])
            for path in write_posts(Path(folder), args.posts)
        ]
    ratios = [
        measure("demo", demo, args.repeats),
        measure("generated", generated, args.repeats),
    ]
    print(f"texts given to typogrify itself: {FALLBACKS.count}; goal: ratio <= {GOAL}")
    sys.exit(0 if max(ratios) <= GOAL else 1)


if __name__ == "__main__":
    main()
