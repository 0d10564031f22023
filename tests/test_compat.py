"""Compatibility matrix: the installed wheel on sites it was never tuned to.

Every site in :data:`SITES` gets the README's two lines (``THEME =
theme_path()``, ``PLUGINS = ["pelican.plugins.scholar"]``) and is built with
the fresh venv's ``pelican --fatal errors`` twice: with the core plugin
alone, and with the speed plugin too, reading in two worker processes. Then,
for each site:

- both builds succeed, and the speed plugin's took every file it read from
  its workers;
- the two output trees are the same, byte for byte;
- the Nu HTML checker finds no error in the theme's own markup (one Java run
  checks every site);
- LinkChecker, crawling every page of the site from a loopback HTTP server
  (two runs share the sites), finds no broken internal link or anchor that
  the theme wrote. External links are not checked.

Which errors are the theme's: content authors write odd HTML, and Pelican's
test content does on purpose; that is not the theme's to fix. A post's own
markup is what lies inside a ``.post__content`` element (its body, on its own
page) or a ``.post-item__excerpt`` (the start of it that a listing shows),
after that element's start tag and before the first tag that follows the
element. Everything else, titles included, is the theme's, and so is:

- an HTML error in an excerpt that no post's body has too (cutting or moving
  the markup made it), and a duplicate ID whose two elements are not in the
  same post's markup;
- a broken URL that some link outside posts' markup points to, or that only
  excerpts link to (the link broke when the theme moved it), or that no page's
  markup links to (a stylesheet does).
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import json
import re
import shutil
import subprocess
import tarfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import (
    REPO_ROOT,
    VNU_JAR,
    WHEELHOUSE,
    QuietHandler,
    isolated_env,
    run_isolated,
    served,
    tree,
)

LINKCHECKER = REPO_ROOT / ".venv" / "bin" / "linkchecker"
TEMPLATES = REPO_ROOT / "tests" / "compat" / "templates"
README_LINES = """
from pelican.plugins.scholar import theme_path

THEME = theme_path()
PLUGINS = ["pelican.plugins.scholar"]
"""


def md(title: str, date: str | None, body: str = "", **metadata: str) -> str:
    """A Markdown post: ``Title``, ``Date``, then ``metadata`` in order.

    An empty value writes the key with nothing after it (``Tags:``).
    """
    lines = [f"Title: {title}"] + ([f"Date: {date}"] if date else [])
    lines += [f"{key}: {value}".rstrip() for key, value in metadata.items()]
    text = body or f"The only paragraph of {title.lower()}, with a few words."
    return "\n".join(lines) + "\n\n" + text + "\n"


# --- the sites ------------------------------------------------------------------

# Five posts and a page: tags shared and not, categories, an internal link.
ORDINARY = {
    "first.md": md("First post", "2024-01-01", Tags="alpha, beta", Category="News"),
    "second.md": md("Second post", "2024-01-02", Tags="beta", Category="News"),
    "third.md": md(
        "Third post",
        "2024-01-03",
        "It links to [the first post]({filename}first.md).",
        Tags="Gamma Rays, C++",
        Category="Science",
    ),
    "fourth.md": md("Fourth post", "2024-01-04"),
    "fifth.md": md("Fifth post", "2024-01-05", Tags="alpha"),
    "pages/about.md": "Title: About\n\nWhat this site is about.\n",
}

YOUTUBE = (
    '<iframe width="560" height="315" '
    'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" '
    'title="YouTube video player" frameborder="0" allow="accelerometer; '
    'autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture" '
    "allowfullscreen></iframe>"
)

ODD_POSTS = {
    "empty-tags.md": md("Empty tags line", "2024-02-01", Tags=""),
    "empty-category.md": md("Empty category line", "2024-02-02", Category=""),
    "empty-author.md": md("Empty author line", "2024-02-03", Author=""),
    "empty-slug.md": md("Empty slug line", "2024-02-04", Slug=""),
    "empty-status.md": md("Empty status line", "2024-02-05", Status=""),
    "empty-summary.md": md("Empty summary line", "2024-02-06", Summary=""),
    "no-tags-no-summary.md": md(
        "No tags and no summary",
        "2024-02-07",
        "\n\n".join(f"Paragraph {n} has some words in it." for n in range(1, 5)),
    ),
    "code-only.md": md(
        "Code only",
        "2024-02-08",
        "```python\nresult = compute("
        + ", ".join(f"argument_{n}" for n in range(30))
        + ")\n```",
        Tags="code",
    ),
    "heading-first.md": md(
        "Heading first",
        "2024-02-09",
        "## A heading before any text\n\nThen a paragraph.\n\n"
        "### A smaller heading\n\nMore text.",
        Tags="code",
    ),
    "iframe.md": md(
        "A video", "2024-02-10", f"{YOUTUBE}\n\nThe video above.", Tags="video"
    ),
    "draft-without-date.md": md("A draft without a date", None, Status="draft"),
}

RST_POSTS = {
    "intro.rst": """\
Introduction
############

:date: 2024-03-01
:tags: rst, docs
:category: Guides
:summary: A short summary of the introduction.

A paragraph with *emphasis*, ``code`` and a footnote [#]_.

.. [#] The footnote.
""",
    "section-first.rst": """\
Section first
#############

:date: 2024-03-02
:tags: rst

The first section
=================

Text under the first section.

The second section
==================

More text.
""",
    "code.rst": """\
Some code
#########

:date: 2024-03-03
:tags: code

Before the code.

.. code-block:: python

    def greet(name: str) -> str:
        return f"Hello, {name}"
""",
    "contents.rst": """\
Its own table of contents
#########################

:date: 2024-03-04
:tags: docs

.. contents::

Part one
========

One.

Part two
========

Two, with a `link to part one`_.

.. _link to part one: `Part one`_
""",
    "pages/colophon.rst": "Colophon\n########\n\nMade with reStructuredText.\n",
}

SEVERAL_AUTHORS = {
    "two.md": md(
        "Written by two", "2024-04-01", Authors="Ada Lovelace, Alan Turing", Tags="x"
    ),
    "three.md": md(
        "Written by three",
        "2024-04-02",
        Authors="Grace Hopper; Katherine Johnson; Dorothy Vaughan",
    ),
    "one.md": md("Written by one", "2024-04-03", Author="Grace Hopper", Tags="x"),
    "site-author.md": md("Written by the site's author", "2024-04-04"),
}

CATEGORIES = {
    "research/from-folder.md": md("Category from its folder", "2024-05-01"),
    "research/explicit.md": md(
        "Category named", "2024-05-02", Category="Deep Learning"
    ),
    "notes/note.md": md("A note", "2024-05-03", Tags="misc"),
    "uncategorized.md": md("No category", "2024-05-04"),
}

TRANSLATIONS = {
    "hello.md": md("Hello", "2024-06-01", Slug="hello", Tags="greeting"),
    "hello-fr.md": md(
        "Bonjour", "2024-06-01", Slug="hello", Lang="fr", Tags="greeting"
    ),
    "hello-de.md": md("Hallo", "2024-06-01", Slug="hello", Lang="de", Tags="greeting"),
    "seulement.md": md("Seulement en français", "2024-06-02", Lang="fr"),
    "pages/about.md": "Title: About\nSlug: about\n\nAbout this site.\n",
    "pages/about-fr.md": "Title: À propos\nSlug: about\nLang: fr\n\nÀ propos.\n",
}

PAGES_ONLY = {
    f"pages/{slug}.md": f"Title: {title}\n\nThe {slug} page.\n"
    for slug, title in [
        ("about", "About"),
        ("cv", "Curriculum vitae"),
        ("contact", "Contact"),
        ("talks", "Talks"),
    ]
}

# Pelican's test content (its wheel ships pelican/tests/content) holds files
# Pelican itself stops on, whatever the theme: with its own default theme,
# `--fatal errors` fails on them. Pelican's own tests read these files one by
# one; a site holds them all at once, so these settings do what those tests do:
PELICAN_TESTS_SETTINGS = {
    "SITENAME": "Pelican's test content",
    # test_generators.py's settings; without a default date, files with none
    # are an ERROR ("could not find information about 'date'").
    "DEFAULT_DATE": (1970, 1, 1),
    "DEFAULT_CATEGORY": "Default",
    # No title: Pelican logs an ERROR ("could not find information about
    # 'title'") and skips each of these.
    "IGNORE_FILES": [
        ".#*",
        "article_with_comments.html",
        "article_with_attributes_containing_double_quotes.html",
        "article_with_null_attributes.html",
        "empty.md",
        "empty_with_bom.md",
        "2012-11-30_md_w_filename_meta#foo-bar.md",
    ],
    # Eleven files share the title "This is a super article !", so their slugs
    # collide and Pelican stops (FileOverwriteFailedError). Slugs from the file
    # names, and a slug of its own for each file whose name is taken twice.
    "SLUGIFY_SOURCE": "basename",
    "EXTRA_PATH_METADATA": {
        "article_with_metadata.html": {"slug": "article_with_metadata-html"},
        "article_with_multiple_authors.html": {
            "slug": "article_with_multiple_authors-html"
        },
        "article_with_typogrify_dashes.md": {
            "slug": "article_with_typogrify_dashes-md"
        },
        "article_with_uppercase_metadata.html": {
            "slug": "article_with_uppercase_metadata-html"
        },
        "TestCategory/article_without_category.rst": {
            "slug": "testcategory-article_without_category"
        },
    },
    # article_with_template.rst asks for `:template: custom`.
    "THEME_TEMPLATES_OVERRIDES": [str(TEMPLATES)],
}

Origin = Literal["strings", "quickstart", "pelican-tests", "pelican-samples"]


@dataclass(frozen=True)
class Site:
    """One entry of the matrix.

    ``settings`` are written as ``NAME = repr(value)`` before the README's two
    lines; ``content`` maps paths under ``content/`` to text. ``origin`` says
    where the rest comes from. The output is served under the URL path
    ``mount``; with ``absolute``, ``SITEURL`` is that server URL.
    """

    settings: dict[str, object] = field(default_factory=dict)
    content: dict[str, str] = field(default_factory=dict)
    origin: Origin = "strings"
    mount: str = ""
    absolute: bool = False
    workers: bool = True  # enough files for parallel reading to start


SITES: dict[str, Site] = {
    # SITENAME, PATH and the README's two lines: nothing else.
    "minimal": Site({"SITENAME": "Minimal", "PATH": "content"}, ORDINARY),
    # pelican-quickstart's own pelicanconf.py (DEFAULT_PAGINATION = 10, LINKS,
    # SOCIAL); twelve posts, so there is a second page.
    "quickstart": Site(
        content=ORDINARY
        | {f"more-{n}.md": md(f"More {n}", f"2024-02-{n:02}") for n in range(1, 8)},
        origin="quickstart",
    ),
    "pelican-test-content": Site(PELICAN_TESTS_SETTINGS, origin="pelican-tests"),
    # samples/ from Pelican's sdist, with its pelican.conf.py (which loads no
    # plugin: nothing is dropped).
    "pelican-sample-site": Site(origin="pelican-samples"),
    "no-articles": Site({"SITENAME": "Empty", "AUTHOR": "Nobody"}, workers=False),
    "pages-only": Site({"SITENAME": "Pages", "AUTHOR": "Someone"}, PAGES_ONLY),
    "rest-posts": Site({"SITENAME": "reST", "AUTHOR": "Someone"}, RST_POSTS),
    "odd-posts": Site({"SITENAME": "Odd posts", "AUTHOR": "Someone"}, ODD_POSTS),
    "several-authors": Site(
        {"SITENAME": "Authors", "AUTHOR": "Site Owner"}, SEVERAL_AUTHORS
    ),
    "categories": Site({"SITENAME": "Categories", "AUTHOR": "Someone"}, CATEGORIES),
    "translations": Site(
        {"SITENAME": "Languages", "AUTHOR": "Someone", "DEFAULT_LANG": "en"},
        TRANSLATIONS,
    ),
    # Relative links must work wherever the folder is put: served two levels down.
    "relative-urls": Site(
        {"SITENAME": "Relative", "AUTHOR": "Someone", "RELATIVE_URLS": True},
        ORDINARY,
        mount="/deep/folder",
    ),
    # A GitHub Pages project site: https://user.github.io/blog.
    "siteurl-sub-path": Site(
        {"SITENAME": "Sub-path", "AUTHOR": "Someone"},
        ORDINARY,
        mount="/blog",
        absolute=True,
    ),
    # Pelican's default URLs ({slug}.html, tags.html, tag/{slug}.html,
    # index2.html) with an absolute SITEURL.
    "default-url-scheme": Site(
        {"SITENAME": "Defaults", "AUTHOR": "Someone", "DEFAULT_PAGINATION": 2},
        ORDINARY,
        absolute=True,
    ),
}


# --- writing and building the sites ---------------------------------------------


def site_packages(venv: Path) -> Path:
    """The fresh venv's site-packages folder."""
    [folder] = venv.glob("lib/python3.*/site-packages")
    return folder


def pelican_sdist(wheelhouse: Path) -> Path:
    """Pelican's sdist in ``wheelhouse``, for the version of Pelican's wheel."""
    [wheel] = wheelhouse.glob("pelican-*.whl")
    version = wheel.name.split("-")[1]
    sdist = wheelhouse / f"pelican-{version}.tar.gz"
    if not sdist.is_file():
        pytest.fail(f"{sdist} is missing (Pelican's sample site): run `make setup`")
    return sdist


def extract_samples(folder: Path, wheelhouse: Path) -> None:
    """Put the sdist's samples/content and samples/pelican.conf.py in ``folder``."""
    with tarfile.open(pelican_sdist(wheelhouse)) as archive:
        [top] = {name.split("/")[0] for name in archive.getnames()}
        members = [
            m for m in archive.getmembers() if m.name.startswith(f"{top}/samples/")
        ]
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        archive.extractall(folder / "sdist", members=members, **safe)
    samples = folder / "sdist" / top / "samples"
    shutil.copytree(samples / "content", folder / "content")
    shutil.copy(samples / "pelican.conf.py", folder / "pelicanconf.py")


def run_quickstart(venv: Path, folder: Path) -> None:
    """Have ``pelican-quickstart`` write ``folder``, answering on stdin."""
    answers = [
        "",  # where: the -p folder
        "",  # title: -t
        "",  # author: -a
        "",  # language: -l
        "n",  # no URL prefix
        "",  # pagination: yes
        "",  # 10 posts a page
        "UTC",  # time zone
        "n",  # no tasks.py or Makefile
    ]
    run_isolated(
        venv / "bin" / "pelican-quickstart",
        *("-p", folder, "-t", "Quickstart Site", "-a", "Quick Starter", "-l", "en"),
        cwd=folder.parent,
        stdin="\n".join(answers) + "\n",
    )
    written = (folder / "pelicanconf.py").read_text(encoding="utf-8")
    for line in ("SITENAME = 'Quickstart Site'", "DEFAULT_PAGINATION = 10"):
        assert line in written, f"pelican-quickstart asked otherwise:\n{written}"


def write_site(
    site: Site, folder: Path, venv: Path, siteurl: str, wheelhouse: Path = WHEELHOUSE
) -> None:
    """Write ``site``'s content and ``pelicanconf.py`` into ``folder``.

    ``venv``'s Pelican and its sdist in ``wheelhouse`` give the content that
    comes from Pelican.
    """
    folder.mkdir(parents=True)
    if site.origin == "quickstart":
        run_quickstart(venv, folder)
    elif site.origin == "pelican-tests":
        tests = site_packages(venv) / "pelican" / "tests" / "content"
        shutil.copytree(tests, folder / "content")
    elif site.origin == "pelican-samples":
        extract_samples(folder, wheelhouse)
    (folder / "content").mkdir(exist_ok=True)
    for path, text in site.content.items():
        (folder / "content" / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / "content" / path).write_text(text, encoding="utf-8")
    settings = dict(site.settings)
    if site.absolute:
        settings["SITEURL"] = siteurl
    config = folder / "pelicanconf.py"
    with config.open("a", encoding="utf-8") as out:
        out.write("\n" + "".join(f"{k} = {v!r}\n" for k, v in settings.items()))
        out.write(README_LINES)


@dataclass(frozen=True)
class Built:
    """One build: where it went, Pelican's exit status and log."""

    output: Path
    returncode: int
    log: str

    def failure(self) -> str:
        """The end of the log, where Pelican says why it stopped."""
        lines = self.log.splitlines()
        errors = [line for line in lines if "ERROR" in line or "CRITICAL" in line]
        return "\n".join([*errors, "...", *lines[-25:]])


def build(venv: Path, folder: Path, output: Path, *, parallel: bool) -> Built:
    """Build ``folder`` into ``output`` with ``--fatal errors``."""
    extra = ["--log-handler", "plain"]
    plugins = ["pelican.plugins.scholar"]
    if parallel:  # the rich handler, verbose, logs the workers' INFO line
        extra = ["--log-handler", "rich", "--verbose"]
        plugins.append("pelican.plugins.scholar.speed")
    result = subprocess.run(
        [
            venv / "bin" / "pelican",
            "content",
            *("-s", "pelicanconf.py", "-o", output, "--fatal", "errors", *extra),
            "-e",
            f"PLUGINS={json.dumps(plugins)}",
            "SCHOLAR_PARALLEL_PROCESSES=2",  # even on one core
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        # Pelican reads files in the order of a set of paths: the same hash
        # seed for both builds, so that order is no difference between them.
        env=isolated_env(COLUMNS="1000", PYTHONHASHSEED="0"),
    )
    log = "\n".join(
        line.rstrip() for line in (result.stdout + result.stderr).splitlines()
    )
    return Built(output, result.returncode, log)


class LinkCheckerHandler(QuietHandler):
    """Serves files without logging each request, welcoming LinkChecker.

    The ``LinkChecker`` header lets LinkChecker go faster than ten requests a
    second (its default politeness), up to its ``maxrequestspersecond``.
    """

    def end_headers(self) -> None:
        """Add the ``LinkChecker`` header."""
        self.send_header("LinkChecker", "welcome")
        super().end_headers()


@dataclass
class MatrixSite:
    """A site of the matrix, built both ways and served."""

    name: str
    site: Site
    served: Path  # the server's root folder
    url: str  # the server's URL, without a trailing slash
    sequential: Built | None = None
    parallel: Built | None = None

    @property
    def output(self) -> Path:
        """Where the sequential build goes: under the mount of the server."""
        return self.served / self.site.mount.strip("/")

    @property
    def siteurl(self) -> str:
        """The site's URL as a reader sees it."""
        return self.url + self.site.mount


def write_served_sites(
    root: Path, servers: contextlib.ExitStack, venv: Path, wheelhouse: Path = WHEELHOUSE
) -> dict[str, MatrixSite]:
    """Write every site of :data:`SITES` into ``root/NAME/site``, each served.

    Each gets a loopback server (entered on ``servers``) on ``root/NAME/served``,
    where its build goes, and that server's URL as its ``SITEURL``.
    """
    sites: dict[str, MatrixSite] = {}
    for name, site in SITES.items():
        folder = root / name / "served"
        folder.mkdir(parents=True)
        url = servers.enter_context(served(folder, LinkCheckerHandler))
        sites[name] = MatrixSite(name, site, folder, url)
        write_site(site, root / name / "site", venv, sites[name].siteurl, wheelhouse)
    return sites


@pytest.fixture(scope="session")
def matrix(
    fresh_venv: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, MatrixSite]]:
    """Every site of :data:`SITES`, built both ways, served on 127.0.0.1."""
    root = tmp_path_factory.mktemp("matrix")
    servers = contextlib.ExitStack()
    sites = write_served_sites(root, servers, fresh_venv)

    def build_one(entry: MatrixSite, parallel: bool) -> None:
        folder = root / entry.name / "site"
        if parallel:
            output = root / entry.name / "parallel"
            entry.parallel = build(fresh_venv, folder, output, parallel=True)
        else:
            entry.sequential = build(fresh_venv, folder, entry.output, parallel=False)

    # Two builds at a time, the biggest sites first.
    jobs = sorted(
        ((entry, parallel) for entry in sites.values() for parallel in (False, True)),
        key=lambda job: -sum(1 for _ in (root / job[0].name / "site").rglob("*")),
    )
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda job: build_one(*job), jobs))
    with servers:
        yield sites


def built_sequentially(entry: MatrixSite) -> Path:
    """The sequential output, or fail: a site that did not build is not checked."""
    assert entry.sequential is not None
    if entry.sequential.returncode != 0:
        pytest.fail(
            "not checked: the sequential build failed (see its own test)", pytrace=False
        )
    return entry.output


# --- whose markup is it? ----------------------------------------------------------

Position = tuple[int, int]  # (line, column), both as BeautifulSoup counts them
Kind = Literal["body", "excerpt"]
#: The elements that hold a post's own markup: its body on its own page, and
#: the copy of its start that a listing shows.
CONTENT_CLASSES: dict[str, Kind] = {
    "post__content": "body",
    "post-item__excerpt": "excerpt",
}
DUPLICATE_ID = re.compile("Duplicate ID \u201c(.*)\u201d\\.")


def position(tag: Tag) -> Position:
    """Where ``tag`` starts: its line (from 1) and column (from 0)."""
    return (tag.sourceline or 0, tag.sourcepos or 0)


@dataclass(frozen=True)
class Region:
    """A post's markup in a page: after its element's start tag, before the
    first tag that follows the element."""

    start: Position
    end: Position
    kind: Kind


class Page:
    """A built HTML page: where the posts' markup is, and every URL it holds."""

    LINK_ATTRIBUTES = ("href", "src", "poster", "data", "action", "cite")

    def __init__(self, path: Path) -> None:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        self.regions: list[Region] = []
        for container in soup.find_all(class_=list(CONTENT_CLASSES)):
            inside = container.find_all(True)
            following = (inside[-1] if inside else container).find_next()
            end = position(following) if following else (1 << 30, 0)
            kind = next(
                CONTENT_CLASSES[c] for c in container["class"] if c in CONTENT_CLASSES
            )
            self.regions.append(Region(position(container), end, kind))
        self.first_ids: dict[str, Position] = {}
        for tag in soup.find_all(id=True):
            self.first_ids.setdefault(str(tag["id"]), position(tag))
        self.links: list[tuple[str, Position]] = []
        for tag in soup.find_all(True):
            values = [tag.get(attribute) for attribute in self.LINK_ATTRIBUTES]
            values += [
                candidate.split()[0]
                for candidate in str(tag.get("srcset") or "").split(",")
                if candidate.split()
            ]
            self.links += [
                (value.strip(), position(tag))
                for value in values
                if isinstance(value, str) and value.strip()
            ]

    def region(self, where: Position) -> Region | None:
        """The post's markup that ``where`` lies in, if any."""
        return next((r for r in self.regions if r.start < where < r.end), None)

    def links_to(self, page_url: str, url: str) -> list[Position]:
        """Where this page, served at ``page_url``, links to ``url``."""
        return [
            where
            for value, where in self.links
            if unquote(urljoin(page_url, value)) == unquote(url)
        ]


@functools.cache
def parse_page(path: Path) -> Page:
    """Parse ``path`` once."""
    return Page(path)


def origin(url: str) -> str:
    """``scheme://host:port`` of ``url``."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def served_url(entry: MatrixSite, path: Path) -> str:
    """The URL the server gives the served file ``path``."""
    return f"{entry.url}/{path.relative_to(entry.served).as_posix()}"


def served_file(entry: MatrixSite, url: str) -> Path:
    """The served file that ``url`` names (a folder's ``index.html``)."""
    target = entry.served / unquote(urlsplit(url).path).lstrip("/")
    return target / "index.html" if target.is_dir() else target


# --- the checkers: the Nu HTML checker and LinkChecker, all sites at once ---------


def run_nu_checker(folders: list[Path]) -> list[dict]:
    """The Nu checker's messages on every HTML file in ``folders``."""
    if not VNU_JAR.is_file():
        pytest.fail(f"{VNU_JAR} is missing: run `make setup` (npm ci) first")
    result = subprocess.run(
        [
            # C1 only, which needs a deep stack for the HTML schema: half the
            # CPU time of the default JIT, for one short run.
            *("java", "-Xss16m", "-XX:TieredStopAtLevel=1", "-jar", VNU_JAR),
            *("--errors-only", "--skip-non-html", "--format", "json", *folders),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    try:
        return json.loads(result.stderr or result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"the Nu checker failed:\n{result.stdout}\n{result.stderr}")


LINKCHECKER_CONFIG = """\
[checking]
# Loopback servers that send the LinkChecker header need no politeness.
maxrequestspersecond=1000
[filtering]
# Every URL on 127.0.0.1 is checked, whatever site or folder it is in.
internlinks=^https?://127\\.0\\.0\\.1[:/]
[AnchorCheck]
"""


@dataclass(frozen=True)
class Broken:
    """A URL LinkChecker found broken, and the one link to it that it logged
    (its cache logs each URL once, for the first link it met)."""

    url: str
    problem: str
    parent: str
    where: Position


def run_linkchecker(start_urls: list[str], config: Path) -> list[Broken]:
    """Crawl from ``start_urls``; return every broken URL or anchor."""
    if not LINKCHECKER.is_file():
        pytest.fail(f"{LINKCHECKER} is missing: run `make setup`")
    result = subprocess.run(
        [
            *(LINKCHECKER, "-f", config, "-t", "2", "--no-status", "--no-robots"),
            *("--timeout", "30", "-o", "xml", "--stdin"),
        ],
        input="\n".join(start_urls),
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    if result.returncode not in (0, 1):  # 1: something is broken
        pytest.fail(f"linkchecker failed:\n{result.stdout}\n{result.stderr}")
    broken = []
    for data in ET.fromstring(result.stdout).iter("urldata"):
        warnings = [w.text or "" for w in data.iter("warning")]
        anchors = [w for w in warnings if w.startswith("Anchor `")]
        valid = data.find("valid")
        if valid is not None and valid.text == "1" and not anchors:
            continue
        parent = data.find("parent")
        broken.append(
            Broken(
                url=data.findtext("realurl") or data.findtext("url") or "",
                problem="; ".join(anchors)
                or (valid.get("result", "") if valid is not None else "invalid"),
                parent=(parent.text or "") if parent is not None else "",
                where=(
                    (int(parent.get("line", 0)), int(parent.get("column", 1)) - 1)
                    if parent is not None
                    else (0, 0)
                ),
            )
        )
    return broken


@dataclass(frozen=True)
class Checked:
    """What the two checkers said about every site that built."""

    sites: dict[str, MatrixSite]  # by server URL
    messages: list[dict]  # the Nu checker's (none when it did not run)
    broken: list[Broken]


def check_sites(
    entries: Iterable[MatrixSite], folder: Path, *, nu: bool = True
) -> Checked:
    """One Nu checker run (with ``nu``) and two LinkChecker runs (halves of the
    sites), at once, on the sequential output of ``entries`` that built.

    LinkChecker's configuration goes in ``folder``.
    """
    sites = {
        entry.url: entry
        for entry in entries
        if entry.sequential and entry.sequential.returncode == 0
    }
    config = folder / "linkcheckerrc"
    config.write_text(LINKCHECKER_CONFIG, encoding="utf-8")
    # Every page is a start URL, so pages that nothing links to are checked too.
    pages = {
        url: [served_url(entry, page) for page in sorted(entry.output.rglob("*.html"))]
        for url, entry in sites.items()
    }
    halves: tuple[list[str], list[str]] = ([], [])
    for url in sorted(pages, key=lambda url: -len(pages[url])):
        min(halves, key=len).extend(pages[url])
    with ThreadPoolExecutor(max_workers=3) as pool:
        messages = (
            pool.submit(run_nu_checker, [e.output for e in sites.values()])
            if nu
            else None
        )
        crawls = [pool.submit(run_linkchecker, half, config) for half in halves]
        return Checked(
            sites,
            messages.result() if messages else [],
            [b for c in crawls for b in c.result()],
        )


@pytest.fixture(scope="session")
def checked(
    matrix: dict[str, MatrixSite], tmp_path_factory: pytest.TempPathFactory
) -> Checked:
    """The Nu checker and LinkChecker on every site of the matrix that built."""
    return check_sites(matrix.values(), tmp_path_factory.mktemp("linkchecker"))


@pytest.fixture(scope="session")
def nu_errors(checked: Checked) -> dict[str, list[str]]:
    """The Nu checker's errors in the theme's markup, by site.

    An error inside a post's body is the content's. One inside a listing's
    excerpt is the content's only if the same error is also in some post's
    body: otherwise cutting or moving the markup made it. A duplicate ID is
    the content's only when both elements are in the same post's markup.
    """
    located = []
    body_errors = defaultdict(set)
    for message in checked.messages:
        path = Path(unquote(urlsplit(message.get("url", "")).path))
        entry = next(
            (e for e in checked.sites.values() if path.is_relative_to(e.output)),
            None,
        )
        if entry is None:
            pytest.fail(f"the Nu checker failed: {message}")
        line = message.get("firstLine", message.get("lastLine", 0))
        column = message.get("firstColumn", message.get("lastColumn", 0))
        page = parse_page(path)
        region = page.region((line, column - 1)) if column else None
        duplicate = DUPLICATE_ID.fullmatch(message["message"])
        first = page.first_ids.get(duplicate[1]) if duplicate else None
        if first and page.region(first) != region:
            region = None  # in two posts' markup, or one post's shown twice
        if region and region.kind == "body":
            body_errors[entry.name].add(message["message"])
        located.append((entry, path, line, column, message["message"], region))
    errors: dict[str, list[str]] = defaultdict(list)
    for entry, path, line, column, text, region in located:
        if region and (region.kind == "body" or text in body_errors[entry.name]):
            continue
        page_name = path.relative_to(entry.output).as_posix()
        errors[entry.name].append(f"{page_name}:{line}:{column}: {text}")
    return errors


@pytest.fixture(scope="session")
def broken_theme_links(checked: Checked) -> dict[str, list[str]]:
    """Broken internal links and anchors that the theme wrote, by site."""
    return theme_link_problems(checked)


def theme_link_problems(checked: Checked) -> dict[str, list[str]]:
    """Broken internal links and anchors that the theme wrote, by site.

    A broken URL is the content's when every link to it is in posts' markup
    and at least one is in a post's body: the post's own page has the broken
    link. A link that only breaks in listings' excerpts broke when the theme
    moved it there.
    """
    problems: dict[str, list[str]] = defaultdict(list)
    for broken in checked.broken:
        entry = checked.sites[origin(broken.parent or broken.url)]
        sources = [
            (path, where)
            for path in entry.output.rglob("*.html")
            for where in parse_page(path).links_to(served_url(entry, path), broken.url)
        ]
        if broken.parent:
            sources.append((served_file(entry, broken.parent), broken.where))
        kinds = [
            region.kind
            if path.is_file() and (region := parse_page(path).region(where))
            else None
            for path, where in sources
        ]
        if kinds and None not in kinds and "body" in kinds:
            continue
        theirs = sorted(
            {
                f"{path.relative_to(entry.served).as_posix()}:{where[0]}"
                for (path, where), kind in zip(sources, kinds, strict=True)
                if kind != "body"
            }
        ) or ["no page's markup (a stylesheet?)"]
        more = f" and {len(theirs) - 3} more" if len(theirs) > 3 else ""
        problems[entry.name].append(
            f"{broken.url} ({broken.problem}), linked from "
            f"{', '.join(theirs[:3])}{more}"
        )
    return problems


def comparable(files: dict[str, bytes]) -> dict[str, bytes]:
    """``files`` less the one thing Pelican makes differ between any two builds.

    A feed with no entry has the build's time as its date (feedgenerator's
    ``latest_post_date`` falls back to now): that one element is blanked.
    """
    return {
        path: (
            EMPTY_FEED_DATE.sub(rb"<\1>(the build's time)</\1>", data)
            if path.endswith(".xml") and not FEED_ENTRY.search(data)
            else data
        )
        for path, data in files.items()
    }


EMPTY_FEED_DATE = re.compile(rb"<(updated|lastBuildDate)>[^<]*</\1>")
FEED_ENTRY = re.compile(rb"<(entry|item)>")


def differences(
    expected: dict[str, bytes],
    other: dict[str, bytes],
    names: tuple[str, str] = ("sequential", "parallel"),
) -> list[str]:
    """What the ``other`` tree has otherwise, with the start of each text diff.

    ``names`` name the two builds in the messages.
    """
    lines = []
    for path in sorted(expected.keys() | other.keys()):
        if path not in other:
            lines.append(f"{path}: missing from the {names[1]} build")
        elif path not in expected:
            lines.append(f"{path}: only in the {names[1]} build")
        elif expected[path] != other[path]:
            diff = difflib.unified_diff(
                expected[path].decode(errors="replace").splitlines(),
                other[path].decode(errors="replace").splitlines(),
                *names,
                n=0,
                lineterm="",
            )
            shown = [line[:200] for line in list(diff)[2:8]]
            lines.append(f"{path} differs:\n  " + "\n  ".join(shown))
    return lines


def fail_with(problems: list[str]) -> None:
    """Fail the test with one problem a line, if there is any."""
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


# --- the tests --------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("name", SITES)
def test_builds_reading_sequentially(name: str, matrix: dict[str, MatrixSite]) -> None:
    built = matrix[name].sequential
    assert built is not None
    fail_with([built.failure()] if built.returncode else [])


@pytest.mark.slow
@pytest.mark.parametrize("name", SITES)
def test_builds_reading_in_worker_processes(
    name: str, matrix: dict[str, MatrixSite]
) -> None:
    built = matrix[name].parallel
    assert built is not None
    fail_with([built.failure()] if built.returncode else [])
    if SITES[name].workers:
        read = re.search(
            r"Parallel reading: (\d+) of (\d+) files read in parallel"
            r" \(2 worker processes\)",
            built.log,
        )
        assert read, built.log
        used, files = int(read[1]), int(read[2])
        assert used > 0, built.log
        # Pelican's test content has files Pelican warns about on purpose:
        # a worker that logs leaves its file to Pelican, so the warning is
        # Pelican's own, once. Every other file comes from the workers.
        if SITES[name].origin != "pelican-tests":
            assert used == files, built.log


@pytest.mark.slow
@pytest.mark.parametrize("name", SITES)
def test_parallel_and_sequential_builds_are_the_same_bytes(
    name: str, matrix: dict[str, MatrixSite]
) -> None:
    entry = matrix[name]
    assert entry.parallel is not None
    if entry.parallel.returncode:
        pytest.fail(
            "not compared: the parallel build failed (see its own test)", pytrace=False
        )
    sequential = comparable(tree(built_sequentially(entry)))
    assert "index.html" in sequential
    fail_with(differences(sequential, comparable(tree(entry.parallel.output))))


@pytest.mark.slow
@pytest.mark.parametrize("name", SITES)
def test_the_theme_writes_valid_html(
    name: str, matrix: dict[str, MatrixSite], nu_errors: dict[str, list[str]]
) -> None:
    built_sequentially(matrix[name])
    fail_with(nu_errors.get(name, []))


@pytest.mark.slow
@pytest.mark.parametrize("name", SITES)
def test_the_theme_links_only_to_what_exists(
    name: str, matrix: dict[str, MatrixSite], broken_theme_links: dict[str, list[str]]
) -> None:
    built_sequentially(matrix[name])
    fail_with(broken_theme_links.get(name, []))
