"""Time a site's build with and without a 500-entry bibliography (issue 15).

The site is the demo (its content and ``pelicanconf.py``), or N generated
posts (``--posts N``, see generate_posts.py) with the demo's configuration.
Each configuration is built as a user builds it:

* ``cold``: no content cache, an empty output folder (``pelican content``);
* ``warm``: again with nothing changed, the content cache on (``invoke build``
  turns it on), so parsed ``.bib`` files and unchanged pages are reused;
* ``edit``: warm, after one entry's abstract was edited.

``with`` adds ``content/bibliography/papers.bib`` (generate_bib.py, 500
entries with crossrefs, accents, ``@string`` macros); ``without`` is the same
site. ``--no-pages`` sets ``SCHOLAR_BIBLIOGRAPHY_PAGES = False`` (the listing
only). Every build is a fresh ``python -m pelican`` process with ``--fatal
errors``; the figures are medians of ``--repeats`` rounds.

    python benchmarks/bibliography_build.py [--posts 0] [--entries 500] \
        [--repeats 5] [--no-pages]

The goal: ``with`` within 10% of ``without`` (the printed ratio at most 1.10).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate_bib import generate
from generate_posts import write_posts
from users_python import as_users_python

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("cold", "warm", "edit")
CACHED = "CACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\n"


def make_site(folder: Path, *, posts: int, entries: int, pages: bool) -> Path:
    """Copy the demo (or generate posts) into ``folder``; add the bibliography."""
    shutil.copytree(ROOT / "content", folder / "content")
    if posts:
        shutil.rmtree(folder / "content" / "posts")
        write_posts(folder / "content" / "posts", posts)
    settings = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    settings += "\nSCHOLAR_SEARCH = False\n"  # Pagefind's time is the same in both
    if not pages:
        settings += "SCHOLAR_BIBLIOGRAPHY_PAGES = False\n"
    (folder / "pelicanconf.py").write_text(settings, encoding="utf-8")
    if entries:
        bibliography = folder / "content" / "bibliography"
        shutil.rmtree(bibliography, ignore_errors=True)
        bibliography.mkdir(parents=True)
        (bibliography / "papers.bib").write_text(generate(entries), encoding="utf-8")
    else:
        shutil.rmtree(folder / "content" / "bibliography", ignore_errors=True)
    return folder


def build(site: Path, output: Path, *, cached: bool) -> float:
    """Build ``site`` once; return the wall time in seconds."""
    settings = site / "pelicanconf.py"
    text = settings.read_text(encoding="utf-8").replace(CACHED, "")
    settings.write_text(text + (CACHED if cached else ""), encoding="utf-8")
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            "content",
            "-s",
            "pelicanconf.py",
            "-o",
            str(output),
            "--fatal",
            "errors",
            "-q",
        ],
        cwd=site,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def edit_one_entry(site: Path) -> None:
    """Change the abstract of one entry (the bibliography's middle one)."""
    path = site / "content" / "bibliography" / "papers.bib"
    if not path.exists():  # the site without: edit a post instead, as often
        post = sorted((site / "content" / "posts").glob("*.md"))[0]
        post.write_text(post.read_text(encoding="utf-8") + "\nOne more line.\n")
        return
    text = path.read_text(encoding="utf-8")
    at = text.index("abstract = {", len(text) // 2)
    path.write_text(text[:at] + "abstract = {Edited. " + text[at + 12 :])


def round_of(site: Path, work: Path) -> dict[str, float]:
    """Time one cold, one warm and one edit build of ``site``."""
    output = work / "out"
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(site / "cache", ignore_errors=True)
    times = {"cold": build(site, output, cached=False)}
    shutil.rmtree(output, ignore_errors=True)
    build(site, output, cached=True)  # fills the cache
    times["warm"] = build(site, output, cached=True)
    edit_one_entry(site)
    times["edit"] = build(site, output, cached=True)
    return times


def main() -> None:
    """Build both sites ``--repeats`` times; print medians and ratios."""
    as_users_python()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=0, help="0: the demo's posts")
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-pages", action="store_true")
    arguments = parser.parse_args()
    results: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        for name, entries in (("without", 0), ("with", arguments.entries)):
            results[name] = {kind: [] for kind in KINDS}
            for repeat in range(arguments.repeats):
                folder = work / f"{name}-{repeat}"
                site = make_site(
                    folder,
                    posts=arguments.posts,
                    entries=entries,
                    pages=not arguments.no_pages,
                )
                for kind, seconds in round_of(site, folder).items():
                    results[name][kind].append(seconds)
                shutil.rmtree(folder)
    posts = arguments.posts or "the demo's"
    print(
        f"{posts} posts, {arguments.entries} entries,"
        f" entry pages {'off' if arguments.no_pages else 'on'},"
        f" median of {arguments.repeats}"
    )
    print(f"{'build':<6} {'without':>9} {'with':>9} {'ratio':>7}")
    for kind in KINDS:
        without = statistics.median(results["without"][kind])
        with_bib = statistics.median(results["with"][kind])
        ratio = with_bib / without
        print(f"{kind:<6} {without:>8.2f}s {with_bib:>8.2f}s {ratio:>7.2f}")


if __name__ == "__main__":
    main()
