"""Compare an academicpages site built by Jekyll with its import built by Pelican.

Issue 14's "every post, page, publication and talk present at its old URL",
measured: the Jekyll site is built with Debian's ``jekyll`` (``apt-get install
jekyll``, or ``scripts/system-deps test``) and the plugins of the site that are
installed, a small plugin of ours (``jekyll_plugins/source_map.rb``) listing
every file Jekyll wrote with its source; the site is imported with
``pelican-scholar import academicpages`` and built with ``publishconf.py``.
Then every address of the old site is looked up in the new output as GitHub
Pages would serve it, and the posts' and collection items' titles and texts
are compared.

    python benchmarks/import_vs_jekyll.py SRC [--work DIR]

prints the coverage table (every old address not answered, and why) and the
word-count ratio of each post. SRC is never written to: Jekyll's disk cache is
off and its output goes to the work folder.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit

import yaml
from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

PLUGINS_DIR = Path(__file__).resolve().parent / "jekyll_plugins"
#: The production address the imported site is built with, so redirects can
#: be followed inside the output folder.
SITEURL = "https://imported.example"
#: Kinds of documents whose titles and texts are compared.
COMPARED_KINDS = ("posts", "publications", "talks", "teaching", "portfolio")
#: Words in a finding that say the importer left a file or address out.
LEFT_OUT = ("not imported", "no longer answers")
FINDING = re.compile(r"^- (?P<path>[^:\s][^:]*?)(?::(?P<line>\d+))?: (?P<message>.+)$")
#: Elements that end a run of words (the rest are inline: their text joins).
BLOCKS = (
    "address, article, aside, blockquote, br, dd, details, div, dl, dt, "
    "figcaption, figure, footer, h1, h2, h3, h4, h5, h6, header, hr, li, main, "
    "nav, ol, p, pre, section, summary, table, td, th, tr, ul"
)
INCLUDE = re.compile(r"\{%-?\s*include\s+([^\s%]+)")
LAYOUT = re.compile(r"""^\s*layout\s*:\s*["']?([\w-]+)""", re.MULTILINE)
#: Stand-ins for the theme's files a site lacks (a fixture written without its
#: theme): enough for Jekyll to write every page, with its title as ``h1``.
STUB_LAYOUT = """\
<!DOCTYPE html>
<html><head><title>{{ page.title }}</title></head>
<body><h1 class="page__title">{{ page.title }}</h1>
{{ content }}
</body></html>
"""
STUB_INCLUDES = {
    "base_path": (
        "{% capture base_path %}{{ site.url }}{{ site.baseurl }}{% endcapture %}"
    )
}
STUB_INCLUDE = '<a href="{{ post.url | relative_url }}">{{ post.title }}</a>\n'
REFRESH = re.compile(r"""http-equiv=["']refresh["'][^>]*url=([^"'>]+)""", re.I)


@dataclass(frozen=True)
class Written:
    """One file Jekyll wrote, as the source map plugin listed it."""

    kind: str  # page, redirect, static, or a collection's label (posts, talks...)
    source: str  # relative to SRC; a redirect page's is its target's
    url: str
    output: str  # relative to Jekyll's output folder
    title: str
    body: str = ""  # pages, posts and items: the body before the layout
    redirect_to: str = ""  # a redirect page (jekyll-redirect-from): its target

    @property
    def is_html(self) -> bool:
        """Whether the file is a web page (the coverage's main table)."""
        return self.output.endswith(".html")

    def addresses(self) -> list[str]:
        """Return the addresses the file answers on GitHub Pages.

        ``a/b/index.html`` answers ``/a/b/``; ``a.html`` answers ``/a`` and
        ``/a.html``; any other file its own path.
        """
        if self.output == "index.html" or self.output.endswith("/index.html"):
            return ["/" + self.output.removesuffix("index.html")]
        if self.output.endswith(".html"):
            return ["/" + self.output.removesuffix(".html"), "/" + self.output]
        return ["/" + self.output]


@dataclass(frozen=True)
class Answer:
    """How the new output answers one old address."""

    address: str
    file: str | None  # the file of the new output that answers, if any
    redirect_to: str | None = None  # where a redirect page sends the reader

    @property
    def status(self) -> str:
        """``page``, ``redirect``, ``broken redirect`` or ``missing``."""
        if self.file is None:
            return "missing"
        if self.redirect_to is None:
            return "page"
        return "redirect" if self.redirect_to.startswith("/") else "broken redirect"


@dataclass(frozen=True)
class Row:
    """One old file, its addresses' answers, and the finding that explains a miss."""

    written: Written
    answers: tuple[Answer, ...]
    finding: str | None

    @property
    def status(self) -> str:
        """Return ``answered``, ``reported`` (left out, said so) or ``missing``."""
        if all(answer.status in ("page", "redirect") for answer in self.answers):
            return "answered"
        return "reported" if self.finding else "missing"


# --- building ------------------------------------------------------------------


def site_plugins(config: Mapping[str, object]) -> list[str]:
    """Return the plugins ``_config.yml`` asks for (``plugins``, old ``gems``)."""
    names: list[str] = []
    for key in ("plugins", "gems"):
        value = config.get(key) or []
        names += [str(name) for name in value] if isinstance(value, list) else []
    return list(dict.fromkeys(names))


def installed_plugins(names: Sequence[str]) -> list[str]:
    """Those of ``names`` Ruby can require here (Debian's ruby-jekyll-* packages)."""
    if not names:
        return []
    script = (
        'require "jekyll"; ARGV.each { |n| begin; require n; puts n; '
        "rescue LoadError, StandardError; end }"
    )
    result = subprocess.run(
        ["ruby", "-e", script, *names],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout.split()


def jekyll_override(config: Mapping[str, object]) -> dict[str, object]:
    """Return the settings laid over the site's: installed plugins, ours, no cache."""
    plugins = installed_plugins(site_plugins(config))
    return {
        "plugins": plugins,
        "whitelist": plugins,
        "plugins_dir": [str(PLUGINS_DIR)],
        "disable_disk_cache": True,
        # jekyll-gist: no fetching of each gist's text at build time.
        "gist": {"noscript": False},
    }


def add_theme_stubs(site: Path) -> list[str]:
    """Write a stand-in for each include and layout ``site`` uses but lacks.

    academicpages sites carry their theme's ``_includes`` and ``_layouts``;
    a fixture written without them would stop Jekyll at the first include.
    Returns the files written, relative to ``site``.
    """
    includes: set[str] = set()
    layouts: set[str] = set()
    for path in site.rglob("*"):
        if path.suffix in {".md", ".markdown", ".html", ".yml"} and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            includes.update(INCLUDE.findall(text))
            layouts.update(LAYOUT.findall(text))
    wanted = {
        f"_includes/{name}": STUB_INCLUDES.get(name, STUB_INCLUDE) for name in includes
    }
    wanted |= {f"_layouts/{name}.html": STUB_LAYOUT for name in layouts}
    written = []
    for name, text in sorted(wanted.items()):
        target = site / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written.append(name)
    return written


def build_with_jekyll(source: Path, output: Path) -> list[Written]:
    """Build ``source`` into ``output`` with Jekyll; the files it wrote.

    Fails (``CalledProcessError``) when Jekyll does; the site's Gemfile is
    ignored (``JEKYLL_NO_BUNDLER_REQUIRE``): only installed gems can be used.
    """
    config = yaml.safe_load((source / "_config.yml").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder:
        override = Path(folder) / "override.yml"
        override.write_text(json.dumps(jekyll_override(config or {})))
        source_map = Path(folder) / "source-map.json"
        subprocess.run(
            [
                "jekyll",
                "build",
                "--source",
                str(source),
                "--destination",
                str(output),
                "--config",
                f"{source / '_config.yml'},{override}",
                "--quiet",
            ],
            check=True,
            timeout=600,
            env={
                **os.environ,
                "JEKYLL_ENV": "production",
                "JEKYLL_NO_BUNDLER_REQUIRE": "true",
                "JEKYLL_SOURCE_MAP": str(source_map),
            },
        )
        return written_entries(source_map)


def written_entries(source_map: Path) -> list[Written]:
    """Read the source map; a redirect page's source is its target's."""
    fields = set(Written.__dataclass_fields__)
    entries = [
        {key: value for key, value in entry.items() if key in fields}
        for entry in json.loads(source_map.read_text(encoding="utf-8"))
    ]
    sources = {entry["url"]: entry["source"] for entry in entries if entry["source"]}
    for entry in entries:
        if entry["kind"] == "redirect":
            target = entry.get("redirect_to", "")
            path = urlsplit(target).path
            matches = [url for url in sources if path.endswith(url)]
            entry["source"] = sources[max(matches, key=len)] if matches else ""
    return [Written(**entry) for entry in entries]


#: The importer, as the console script ``pelican-scholar`` runs it.
IMPORTER = (
    "import sys; from pelican.plugins.scholar.importer.cli import main;"
    " sys.exit(main())"
)


def import_site(source: Path, dest: Path) -> str:
    """Import ``source`` into ``dest`` (``pelican-scholar import``); the report."""
    result = subprocess.run(
        [sys.executable, "-c", IMPORTER, "import", "academicpages", source, dest],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    if result.returncode != 0:
        message = f"the import of {source} failed:\n{result.stderr}"
        raise RuntimeError(message)
    return (dest / "IMPORT-REPORT.md").read_text(encoding="utf-8")


def build_imported(dest: Path, output: Path) -> None:
    """Build the imported site with ``publishconf.py`` and ``--fatal errors``.

    Its log goes to a file, not a pipe: a helper process left running (a
    KaTeX render server) would hold a pipe open.
    """
    with tempfile.TemporaryFile() as log:
        result = subprocess.run(
            [
                *(sys.executable, "-m", "pelican", "-s", "publishconf.py"),
                *("-o", str(output), "--fatal", "errors", "--log-handler", "plain"),
            ],
            cwd=dest,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
            timeout=600,
            env={**os.environ, "SCHOLAR_SITEURL": SITEURL},
        )
        if result.returncode != 0:
            log.seek(0)
            message = f"pelican failed in {dest}:\n{log.read().decode()}"
            raise RuntimeError(message)


# --- comparing -----------------------------------------------------------------


def output_files(output: Path) -> set[str]:
    """Return every file of a built site, relative to it."""
    return {
        path.relative_to(output).as_posix()
        for path in output.rglob("*")
        if path.is_file()
    }


def answering_file(address: str, files: set[str]) -> str | None:
    """Return the file GitHub Pages serves (or redirects to) for ``address``.

    ``/a/`` is ``a/index.html``; ``/a`` is ``a``, ``a.html``, or ``a/index.html``
    (through GitHub Pages' redirect to ``/a/``).
    """
    path = address.lstrip("/")
    if address.endswith("/"):
        candidates = [path + "index.html"]
    else:
        candidates = [path, path + ".html", path + "/index.html"]
    return next((name for name in candidates if name in files), None)


def answer(address: str, output: Path, files: set[str]) -> Answer:
    """How the new ``output`` answers ``address``, a redirect followed once."""
    found = answering_file(address, files)
    if found is None or not found.endswith(".html"):
        return Answer(address, found)
    match = REFRESH.search((output / found).read_text(encoding="utf-8"))
    if match is None:
        return Answer(address, found)
    target = match.group(1).strip().removeprefix(SITEURL).split("#")[0]
    if target.startswith("/") and answering_file(target, files) is not None:
        return Answer(address, found, target)
    return Answer(address, found, "broken: " + target)


def findings(report: str) -> dict[str, list[str]]:
    """Return the report's findings, by the source path they name."""
    found: dict[str, list[str]] = {}
    for line in report.splitlines():
        match = FINDING.match(line)
        if match:
            found.setdefault(match["path"], []).append(match["message"])
    return found


def left_out_finding(source: str, by_path: Mapping[str, list[str]]) -> str | None:
    """Return the finding saying ``source`` (or a folder of it) was left out."""
    parts = source.split("/")
    for depth in range(len(parts), 0, -1):
        path = "/".join(parts[:depth])
        for message in by_path.get(path, []):
            if any(words in message for words in LEFT_OUT):
                return f"{path}: {message}"
    return None


def coverage(written: Iterable[Written], output: Path, report: str) -> list[Row]:
    """One row for each file Jekyll wrote: how the new output answers it."""
    files = output_files(output)
    by_path = findings(report)
    rows = []
    for item in written:
        answers = tuple(answer(address, output, files) for address in item.addresses())
        rows.append(Row(item, answers, left_out_finding(item.source, by_path)))
    return rows


def text_words(html: str) -> list[str]:
    """Return the words a reader sees in ``html`` (math as TeX, no heading links)."""
    page = BeautifulSoup(html, "html.parser")
    for link in page.select("a.headerlink"):
        link.decompose()
    for math in page.select(".katex"):
        annotation = math.find("annotation")
        math.replace_with(annotation.get_text() if annotation else math.get_text())
    for script in page.select("script, style"):
        script.decompose()
    for block in page.select(BLOCKS):
        block.insert_before(" ")
        block.append(" ")
    return page.get_text().split()


def normalised(text: str) -> str:
    """``text`` with typography (smart quotes, dashes, ellipses) and spaces undone."""
    for fancy, plain in (
        ("\u2018", "'"),
        ("\u2019", "'"),
        ("\u201c", '"'),
        ("\u201d", '"'),
        ("\u2013", "-"),
        ("\u2014", "-"),
        ("\u2026", "..."),
        ("\u00a0", " "),
    ):
        text = text.replace(fancy, plain)
    return " ".join(text.split())


@dataclass(frozen=True)
class Comparison:
    """One post or item: its titles and word counts on both sites."""

    written: Written
    new_file: str | None
    old_title: str
    new_title: str | None
    old_words: int
    new_words: int | None

    overwritten_by: str = ""  # another source Jekyll wrote at the same address
    old_broken: tuple[str, ...] = ()  # its own site's links that answer nowhere
    new_broken: tuple[str, ...] = ()

    @property
    def ratio(self) -> float | None:
        """New words over old words (None when the page is missing or overwritten)."""
        if self.new_words is None or self.overwritten_by:
            return None
        if not self.old_words:
            return 1.0 if not self.new_words else float("inf")
        return self.new_words / self.old_words


def site_path(value: str, page_url: str, prefixes: Sequence[str]) -> str | None:
    """Return the path on the site itself that a link ``value`` names, if any.

    ``prefixes`` are the site's own address and base path (``https://x.io/b``,
    ``/b``), stripped; a link to another host, ``mailto:`` or a fragment alone
    is None; a relative link is resolved against ``page_url``.
    """
    value = value.strip().split("#")[0].split("?")[0]
    if not value:
        return None
    for prefix in prefixes:
        if prefix and (value == prefix or value.startswith(prefix + "/")):
            return value[len(prefix) :] or "/"
    if urlsplit(value).scheme or value.startswith("//"):
        return None
    return urljoin(page_url, value)


def broken_links(
    html: str, page_url: str, prefixes: Sequence[str], files: set[str]
) -> tuple[str, ...]:
    """Return the own-site addresses ``html`` links to or loads that answer nowhere."""
    page = BeautifulSoup(html, "html.parser")
    broken = []
    for element in page.find_all(href=True) + page.find_all(src=True):
        value = element.get("href") or element.get("src")
        path = site_path(str(value), page_url, prefixes)
        if path is not None and answering_file(unquote(path), files) is None:
            broken.append(path)
    return tuple(dict.fromkeys(broken))


def old_title(jekyll_output: Path, item: Written) -> str:
    """Return the title Jekyll's page shows (its ``h1``), else the front matter's."""
    page = BeautifulSoup(
        (jekyll_output / item.output).read_text(encoding="utf-8"), "html.parser"
    )
    heading = page.select_one("h1.page__title, h1")
    return normalised(heading.get_text() if heading else item.title)


def overwriters(written: Sequence[Written]) -> dict[Written, str]:
    """Map each file Jekyll wrote over at the same address to the later source."""
    last = {item.output: item for item in written}
    return {
        item: last[item.output].source for item in written if last[item.output] != item
    }


def compare(
    row: Row,
    jekyll_output: Path,
    output: Path,
    overwritten_by: str = "",
    *,
    old_prefixes: Sequence[str] = (),
) -> Comparison:
    """Compare the title, text and links of a post or item with its new page.

    A file Jekyll wrote over (``overwritten_by``) is not compared: the old
    page showed the other one. ``old_prefixes``: the old site's address and
    base path, which its links may start with.
    """
    item = row.written
    if overwritten_by:
        return Comparison(item, None, item.title, None, 0, None, overwritten_by)
    answered = next((a for a in row.answers if a.status in ("page", "redirect")), None)
    old_words = len(text_words(item.body))
    title = old_title(jekyll_output, item)
    if answered is None:
        return Comparison(item, None, title, None, old_words, None)
    new_file = answered.file
    if answered.redirect_to:
        new_file = answering_file(answered.redirect_to, output_files(output))
    page = BeautifulSoup(
        (output / str(new_file)).read_text(encoding="utf-8"), "html.parser"
    )
    heading = page.select_one("h1.post__title") or page.select_one("main h1, h1")
    body = page.select_one("div.post__content")
    new_url = "/" + str(new_file).removesuffix("index.html")
    return Comparison(
        item,
        new_file,
        title,
        normalised(heading.get_text()) if heading else None,
        old_words,
        len(text_words(str(body))) if body else 0,
        old_broken=broken_links(
            item.body, item.url, old_prefixes, output_files(jekyll_output)
        ),
        new_broken=broken_links(
            str(body or ""), new_url, (SITEURL,), output_files(output)
        ),
    )


def own_prefixes(site: Path) -> tuple[str, str]:
    """Return the old site's address and base path (``_config.yml``)."""
    config = yaml.safe_load((site / "_config.yml").read_text(encoding="utf-8")) or {}
    base = str(config.get("baseurl") or "").rstrip("/")
    return str(config.get("url") or "").rstrip("/") + base, base


# --- the table -----------------------------------------------------------------


def group(row: Row) -> str:
    """Return the table a row counts in: web pages, static or other files."""
    if row.written.kind == "static":
        return "static files"
    return "HTML pages" if row.written.is_html else "other generated files"


def is_counted(row: Row) -> bool:
    """Tell whether a miss of ``row`` fails the comparison: a page or static file.

    Other generated files (``sitemap.xml``, ``robots.txt``, a plugin's
    ``redirects.json``) are shown, not counted.
    """
    return group(row) != "other generated files" or row.written.output == "feed.xml"


def print_report(rows: Sequence[Row], comparisons: Sequence[Comparison]) -> None:
    """Print the coverage per group, each miss, then the title and text comparison."""
    for name in ("HTML pages", "static files", "other generated files"):
        members = [row for row in rows if group(row) == name]
        counts = Counter(row.status for row in members)
        print(
            f"{name}: {len(members)} old, {counts['answered']} answered, "
            f"{counts['reported']} left out and reported, {counts['missing']} missing"
        )
        for row in members:
            if row.status == "answered":
                continue
            answers = ", ".join(f"{a.address} {a.status}" for a in row.answers)
            what = row.written.source or row.written.kind
            if row.written.kind == "redirect":
                what = f"redirect_from of {what or row.written.redirect_to}"
            print(f"  {row.status}: {what}: {answers}")
            if row.finding:
                print(f"      report: {row.finding}")
    wrong = [row for row in rows if row.finding and row.status == "answered"]
    if wrong:
        print("reported as left out, yet answered:")
        for row in wrong:
            print(f"  {row.finding}")
    print("\npages and items: old title | new title | words old -> new (ratio)")
    for item in comparisons:
        if item.overwritten_by:
            print(
                f"  {item.written.source}: Jekyll wrote {item.overwritten_by} over it"
            )
            continue
        ratio = "missing" if item.ratio is None else f"{item.ratio:.2f}"
        same = "=" if item.old_title == item.new_title else "!="
        print(
            f"  {item.written.source}: {item.old_title!r} {same} {item.new_title!r} | "
            f"{item.old_words} -> {item.new_words} ({ratio})"
        )
        lost = sorted(set(item.new_broken) - set(item.old_broken))
        if lost:
            print(f"      links that answered nowhere: {len(item.old_broken)} old,")
            print(f"      {len(item.new_broken)} new, among them: {', '.join(lost)}")


def main(argv: Sequence[str] | None = None) -> int:
    """Build, import, build, compare; exit 1 when an old page or file is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="an academicpages site")
    parser.add_argument("--work", type=Path, help="keep the builds in this folder")
    arguments = parser.parse_args(argv)
    work = arguments.work or Path(tempfile.mkdtemp(prefix="import-vs-jekyll-"))
    for name in ("source", "jekyll", "dest", "pelican"):
        shutil.rmtree(work / name, ignore_errors=True)
    shutil.copytree(arguments.source, work / "source", symlinks=True)
    report = import_site(work / "source", work / "dest")
    build_imported(work / "dest", work / "pelican")
    for stub in add_theme_stubs(work / "source"):
        print(f"stand-in written for Jekyll: {stub}")
    written = build_with_jekyll(work / "source", work / "jekyll")
    rows = coverage(written, work / "pelican", report)
    overwritten = overwriters(written)
    prefixes = own_prefixes(work / "source")
    comparisons = [
        compare(
            row,
            work / "jekyll",
            work / "pelican",
            overwritten.get(row.written, ""),
            old_prefixes=prefixes,
        )
        for row in rows
        if row.written.kind in COMPARED_KINDS
        or (row.written.kind == "page" and row.written.is_html)
    ]
    print_report(rows, comparisons)
    print(f"\nbuilds in {work}")
    missed = [row for row in rows if row.status == "missing" and is_counted(row)]
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
