"""End to end: import the academicpages fixture site, build it, check it.

``tests/fixtures/academicpages/`` is a small academicpages site of a
fictional researcher, written for these tests, with every construct the
importer must carry over (issue 14) or report. It is imported once per module
with ``pelican-scholar import academicpages SRC DEST``, and DEST is built
twice, with ``pelicanconf.py`` and with ``publishconf.py``, as a user would.

What the old site was is written here by hand, never computed by the code
under test: each source file's old URL (below, from Jekyll's permalink rules
and the file's front matter), the files Jekyll left out of the published
site, and the report lines expected for what the importer cannot convert.
They were checked once against Jekyll itself (Debian's jekyll 4.3.1 with
kramdown's GFM parser, empty stand-ins for the template's layouts and
includes): the same URLs, the same files left out, and kramdown's HTML for
the lists, attribute lists and math delimiters asserted below.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from bs4 import BeautifulSoup, Comment, Tag
from conftest import FIXTURES, build_or_fail, build_published_or_fail, soup, tree
from test_html_valid import check_html

from pelican.plugins.scholar.sitecheck import broken_links

pytestmark = pytest.mark.slow

SOURCE = FIXTURES / "academicpages"
#: The old site's address: ``url`` + ``baseurl`` of its ``_config.yml``.
OLD_SITEURL = "https://imarwick.github.io"
#: The importer, as the console script ``pelican-scholar`` runs it (this form
#: works before the script is installed in the venv too).
IMPORTER = [
    sys.executable,
    "-c",
    "import sys; from pelican.plugins.scholar.importer.cli import main; sys.exit(main())",
]

#: The CJK post's title, with its full-width colon (U+FF1A).
CJK_TITLE = "河流采样笔记\uff1a第一周"


@dataclass(frozen=True)
class OldPage:
    """A source file of the old site and what its page showed."""

    source: str  # relative to the fixture site
    url: str  # where Jekyll put it
    title: str
    phrase: str  # words of its body


# Old URLs, by Jekyll's rules (Jekyll 3/4, as GitHub Pages runs it):
# - a post's or page's ``permalink`` as it is written;
# - else the site's ``permalink: /:categories/:title/``: ``:categories`` are
#   the front matter's categories, lowercased, joined with "/" (none: the part
#   and its slash vanish), ``:title`` the file name's slug (no date, no
#   extension);
# - a collection item without ``permalink``: its collection's
#   ``/:collection/:path/``, ``:path`` the file name without extension, date
#   kept;
# - a permalink with neither a final "/" nor an extension is written as
#   ``NAME.html`` and served at ``/NAME`` by GitHub Pages.
POSTS = [
    OldPage(
        "_posts/2019-05-12-gauge-readings.md",
        "/posts/2019/05/gauge-readings/",
        "Reading the river gauges",
        "read it from above with binoculars",
    ),
    OldPage(
        "_posts/2020-01-15-sampling-design.md",
        "/posts/2020/01/sampling-design/",  # dated 2020-02-03 in its front matter
        "Sampling design: where, when and how often",
        "the light is the same every day",
    ),
    OldPage(
        "_posts/2020-06-30-field-season.md",
        "/fieldwork/notes/field-season/",  # categories [Fieldwork, Notes]
        "Field season, week one",
        "lost one logger to a beaver dam",
    ),
    OldPage(
        "_posts/2020-09-10-math-notes.md",
        "/posts/2020/09/math-notes/",
        "Notes on discharge, with formulas",
        "Dollars in code stay dollars",
    ),
    OldPage(
        "_posts/2021-02-14-kramdown-habits.markdown",
        "/posts/2021/02/kramdown-habits/",
        "Checklists, the kramdown way",
        "Before every trip I check three things",
    ),
    OldPage(
        "_posts/2021-04-01-liquid-in-code.md",
        "/posts/2021/04/liquid-in-code/",
        "Links that survived three redesigns",
        "my old layout had",
    ),
    OldPage(
        "_posts/2021-06-20-long-form.md",
        "/posts/2021/06/long-form/",
        "A long season, in four parts",
        "the river froze again from the edges inward",
    ),
    OldPage(
        "_posts/2016-03-08-lab-notebook.html",
        "/2016/03/lab-notebook.html",
        "Why I keep a paper lab notebook",
        "a wrong number looks wrong when you write it twice",
    ),
    OldPage(
        "_posts/2022-11-05-river-notes-zh.md",
        "/river-notes-zh/",  # no permalink, no categories
        CJK_TITLE,
        "今天我们在上游设置了三个采样点",
    ),
]
PAGES = [
    OldPage("_pages/about.md", "/", "About me", "how small streams answer floods"),
    OldPage("_pages/cv.md", "/cv/", "CV", "Runs the gauge network on the Fyris"),
    OldPage(
        "_pages/404.md", "/404.html", "Page not found", "nothing lives at this address"
    ),
]
ITEMS = [
    OldPage(
        "_publications/2018-04-01-benthic-survey.md",
        "/publication/2018-04-01-benthic-survey",
        "A benthic survey of six riffles on the Fyris",
        "compare them with the surveys of the 1970s",
    ),
    OldPage(
        "_publications/2020-07-15-gauge-network.md",
        "/publications/2020-07-15-gauge-network/",
        "A low-cost gauge network for small rivers",
        "the first year of data of our six gauges",
    ),
    OldPage(
        "_publications/2022-01-10-sediment-model.md",
        "/publication/2022-sediment-model/",
        "Modelling fine sediment after floods",
        "checked against the cores of two",
    ),
    OldPage(
        "_talks/2019-09-12-talk-river-day.md",
        "/talks/2019-09-12-talk-river-day",
        "What the gauges told us",
        "the first year of the gauge network",
    ),
    OldPage(
        "_talks/2021-05-20-poster-sediment.md",
        "/talks/2021-05-20-poster-sediment/",
        "Where the silt goes",
        "A poster on the sediment model",
    ),
    OldPage(
        "_teaching/2020-autumn-field-methods.md",
        "/teaching/2020-autumn-field-methods",
        "Field methods in freshwater ecology",
        "Five weeks on the river",
    ),
    OldPage(
        "_portfolio/portfolio-gauge-dashboard.md",
        "/portfolio/portfolio-gauge-dashboard/",
        "A dashboard for the gauges",
        "plots the last week of readings",
    ),
]
OLD_PAGES = POSTS + PAGES + ITEMS
#: Pages the theme may answer for with its own, the import saying so in the
#: report (a line ``SOURCE: ...`` without a line number): the 404 page.
THEME_MAY_REPLACE = {"_pages/404.md"}
BY_SOURCE = {page.source: page for page in OLD_PAGES}

#: The Liquid listing pages, at their permalinks, and the titles they listed
#: (newest first).
LISTINGS = {
    "_pages/publications.md": (
        "/publications/",
        [
            "Modelling fine sediment after floods",
            "A low-cost gauge network for small rivers",
            "A benthic survey of six riffles on the Fyris",
        ],
    ),
    "_pages/talks.html": (
        "/talks/",
        ["Where the silt goes", "What the gauges told us"],
    ),
    "_pages/teaching.html": ("/teaching/", ["Field methods in freshwater ecology"]),
    "_pages/portfolio.html": ("/portfolio/", ["A dashboard for the gauges"]),
    "_pages/year-archive.html": (
        "/year-archive/",
        [
            CJK_TITLE,  # 2022-11-05
            "A long season, in four parts",  # 2021-06-20
            "Links that survived three redesigns",  # 2021-04-01
            "Checklists, the kramdown way",  # 2021-02-14
            "Notes on discharge, with formulas",  # 2020-09-10
            "Field season, week one",  # 2020-06-30
            "Sampling design: where, when and how often",  # 2020-02-03
            "Reading the river gauges",  # 2019-05-12
            "Why I keep a paper lab notebook",  # 2016-03-08
        ],
    ),
}

#: Left out of the published site by Jekyll: a future date with ``future:
#: false``, ``published: false``, a ``_drafts/`` post. Each holds a word no
#: other file of the fixture uses; the URL it would have had (a draft's from
#: ``/:categories/:title/`` under ``jekyll --drafts``).
HIDDEN = {
    "_posts/2099-01-01-future-plans.md": ("/posts/2099/01/future-plans/", "heliograph"),
    "_posts/2021-08-01-unpublished-thoughts.md": (
        "/posts/2021/08/unpublished-thoughts/",
        "bathymetry",
    ),
    "_drafts/half-written-idea.md": ("/half-written-idea/", "periphyton"),
}

#: Static files, copied as they are, at the same path.
STATIC = [
    "images/profile.png",
    "images/river.png",
    "images/dashboard.png",
    "files/cv.pdf",
    "files/benthic-survey.pdf",
    "files/river-day-slides.pdf",
    "files/gauge-network.pdf",
    "files/sediment-model.bib",
]
#: Read into DEST's settings, menu and sidebar rather than copied.
SETTINGS_FILES = ["_config.yml", "_data/navigation.yml"]
#: Excluded by ``_config.yml`` (``exclude:``): not part of the old site.
EXCLUDED = ["Gemfile", "README.md"]


@dataclass(frozen=True)
class ExpectedFinding:
    """A report line the import must write: ``SOURCE:LINE: ...KEYWORD...``."""

    source: str
    line: int
    keyword: str
    #: What the source line holds (checked against the fixture itself).
    snippet: str


FINDINGS = [
    # A Liquid tag of a Jekyll plugin (jekyll-gist).
    ExpectedFinding(
        "_posts/2020-06-30-field-season.md",
        23,
        "gist",
        "{% gist imarwick-example/5f3c1d2e %}",
    ),
    # Liquid loops over collections in a page that is not a listing.
    ExpectedFinding("_pages/cv.md", 27, "site.publications", "site.publications"),
    ExpectedFinding("_pages/cv.md", 33, "site.talks", "site.talks"),
    # A Liquid variable that is no path.
    ExpectedFinding("_pages/404.md", 12, "site.url", "'{{ site.url }}'"),
    # Loads from other hosts in raw HTML.
    ExpectedFinding(
        "_posts/2020-06-30-field-season.md",
        17,
        "maps.example.com",
        '<script src="https://maps.example.com/embed.js">',
    ),
    ExpectedFinding(
        "_posts/2016-03-08-lab-notebook.html",
        18,
        "video.example.net",
        '<iframe width="320" height="180" src="https://video.example.net/',
    ),
    ExpectedFinding(
        "_pages/404.md", 14, "search.example.org", '<script src="//search.example.org/'
    ),
]
#: Minimal Mistakes' table of contents: converted (Python-Markdown's ``[TOC]``)
#: or reported.
TOC_INCLUDE = ExpectedFinding(
    "_posts/2021-06-20-long-form.md", 15, "include toc", "{% include toc %}"
)
#: The line of the ``.html`` post's formulas: rendered, or reported there.
HTML_POST_MATH = ExpectedFinding(
    "_posts/2016-03-08-lab-notebook.html", 19, "math", r"\(\sqrt{n}\)"
)

#: Files the report must name (a line starting with the path), without a line:
#: the Liquid listing pages the theme's pages replace, the excluded files.
NAMED_FILES = [*LISTINGS, *EXCLUDED]

#: The formulas of the math post, in order: (TeX, display), as kramdown and
#: MathJax showed them. ``$$`` inside a line is inline, a ``$$`` block is
#: display; in Markdown text kramdown turns ``\\(`` into ``\(`` (and a
#: single ``\(`` into a plain parenthesis, so the fixture has none there);
#: inside an HTML block, kramdown leaves ``\(`` and ``\[`` to MathJax.
FORMULAS = [
    (r"\bar{x} = \frac{1}{n}\sum_i x_i", False),  # $...$
    (r"\sigma^2", False),  # $ ... $
    (r"Q = vA", False),  # $$...$$ inside a line
    (r"\hat{\beta} = (X^\top X)^{-1} X^\top y", True),  # $$ block
    (r"k_s \approx 0.4", False),  # \\(...\\)
    (r"Q = \int_0^W v(w)\, h(w)\, dw", True),  # \\[...\\]
    (r"h_t - h_0", False),  # \(...\) in an HTML block
    (r"\Delta S = P - E - Q", True),  # \[...\] in an HTML block
]
#: The formulas of the ``.html`` post (no kramdown there: MathJax saw them).
HTML_POST_FORMULAS = [("n", False), (r"\sqrt{n}", False)]


# --- helpers ---------------------------------------------------------------


def run_import(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    """Run ``pelican-scholar import academicpages ARGUMENTS``."""
    return subprocess.run(
        [*IMPORTER, "import", "academicpages", *map(str, arguments)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def answering_file(output: Path, url: str) -> Path | None:
    """The built file that answers ``url`` on GitHub Pages, or None.

    ``/a/`` is ``a/index.html``, ``/a.html`` that file, and ``/a`` either
    ``a.html`` or ``a/index.html`` (GitHub Pages serves both).
    """
    path = unquote(url).lstrip("/")
    if not path or path.endswith("/"):
        candidates = [output / path / "index.html"]
    elif Path(path).suffix:
        candidates = [output / path]
    else:
        candidates = [output / f"{path}.html", output / path / "index.html"]
    return next((c for c in candidates if c.is_file()), None)


def link_target(output: Path, page: Path, href: str, siteurl: str = "") -> Path | None:
    """The file a link of ``page`` leads to on a static server, None if external.

    As :func:`~pelican.plugins.scholar.sitecheck.broken_links` sees it: a link
    to ``siteurl`` is internal, the fragment does not count.
    """
    parsed = urlparse(href)
    path = parsed.path
    if parsed.scheme in {"mailto", "tel", "data", "javascript"}:
        return None
    if parsed.netloc:
        site = urlparse(siteurl)
        if (parsed.scheme, parsed.netloc) != (site.scheme, site.netloc):
            return None
        path = "/" + path[len(site.path) :].lstrip("/")
    base = output if path.startswith("/") else page.parent
    target = (base / unquote(path).lstrip("/")).resolve()
    if path.endswith("/") or target.is_dir():
        target /= "index.html"
    return target


def page_of(output: Path, url: str) -> Path:
    """The built file of ``url``; fail the test if there is none."""
    found = answering_file(output, url)
    assert found is not None, f"{url} does not answer in {output}"
    return found


def visible(document: BeautifulSoup) -> str:
    """The page's text outside code, formulas and scripts, white space as one."""
    body = BeautifulSoup(str(document.body), "html.parser")
    for element in body.select("pre, code, math, script, style, .katex"):
        element.decompose()
    return " ".join(body.get_text(" ").replace("\xa0", " ").split())


def content_of(document: BeautifulSoup) -> Tag:
    """The page's main content."""
    main = document.select_one("main")
    assert main is not None
    return main


def text_of(element: Tag) -> str:
    """An element's text, white space (non-breaking too) as one space."""
    return " ".join(element.get_text(" ").replace("\xa0", " ").split())


def element_with(root: Tag, name: str, text: str) -> Tag:
    """The first ``name`` element under ``root`` whose own text holds ``text``.

    "Own" text: without nested lists, so an outer list item is found by its
    own words, not by those of the items nested in it.
    """
    for element in root.find_all(name):
        copy = BeautifulSoup(str(element), "html.parser")
        for nested in copy.select("ul ul, ul ol, ol ul, ol ol, li ul, li ol"):
            nested.decompose()
        if text in text_of(copy):
            return element
    pytest.fail(f"no <{name}> with {text!r} in {text_of(root)[:300]!r}")


def hrefs(element: Tag) -> list[str]:
    """Every link and image address in ``element``."""
    return [a["href"] for a in element.find_all("a", href=True)] + [
        img["src"] for img in element.find_all("img", src=True)
    ]


def built_text_files(output: Path) -> dict[str, str]:
    """Every text file of a build (HTML, XML feeds, JSON, text), by path."""
    return {
        str(path.relative_to(output)): path.read_text(
            encoding="utf-8", errors="replace"
        )
        for path in output.rglob("*")
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".txt", ".js"}
    }


def fixture_files() -> list[str]:
    """Every file of the fixture site, relative to it."""
    return sorted(
        str(path.relative_to(SOURCE)) for path in SOURCE.rglob("*") if path.is_file()
    )


# --- the import and the two builds, once per module --------------------------


@dataclass(frozen=True)
class Imported:
    """The import's result and both builds of DEST."""

    source: Path  # a copy of the fixture site
    dest: Path
    result: subprocess.CompletedProcess[str]
    local: Path  # built with pelicanconf.py
    published: Path  # built with publishconf.py

    @property
    def report(self) -> str:
        """DEST/IMPORT-REPORT.md."""
        return (self.dest / "IMPORT-REPORT.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Imported:
    """The fixture site imported into a fresh DEST, then built both ways."""
    root = tmp_path_factory.mktemp("academicpages")
    source = root / "old-site"
    shutil.copytree(SOURCE, source)
    dest = root / "new-site"
    result = run_import(source, dest)
    if result.returncode != 0:
        pytest.fail(f"import failed ({result.returncode}):\n{result.stderr}")
    build_or_fail(dest, root / "local")
    build_published_or_fail(dest, root / "published", OLD_SITEURL)
    return Imported(source, dest, result, root / "local", root / "published")


# --- the fixture is what the expectations say --------------------------------


def test_every_fixture_file_has_an_expectation() -> None:
    expected = {
        *BY_SOURCE,
        *LISTINGS,
        *HIDDEN,
        *STATIC,
        *SETTINGS_FILES,
        *EXCLUDED,
    }
    assert set(fixture_files()) == expected


@pytest.mark.parametrize(
    "finding",
    [*FINDINGS, TOC_INCLUDE, HTML_POST_MATH],
    ids=lambda f: f"{f.source}:{f.line}",
)
def test_each_expected_finding_names_the_line_that_holds_it(
    finding: ExpectedFinding,
) -> None:
    lines = (SOURCE / finding.source).read_text(encoding="utf-8").splitlines()
    assert finding.snippet in lines[finding.line - 1]


# --- the command ---------------------------------------------------------------


def test_the_import_succeeds_and_prints_its_report(imported: Imported) -> None:
    assert imported.result.returncode == 0
    for finding in FINDINGS:
        if not replaced_by_the_theme(imported, finding.source):
            assert f"{finding.source}:{finding.line}:" in imported.result.stdout


def test_the_source_site_is_left_as_it_was(imported: Imported) -> None:
    assert tree(imported.source) == tree(SOURCE)


def test_dest_holds_the_site_and_its_kit(imported: Imported) -> None:
    for name in (
        "pelicanconf.py",
        "publishconf.py",
        "requirements.txt",
        "tasks.py",
        ".gitignore",
        ".github/workflows/pages.yml",
        "IMPORT-REPORT.md",
    ):
        assert (imported.dest / name).is_file(), name


@pytest.fixture
def old_site(tmp_path: Path) -> Path:
    """A private copy of the fixture site."""
    return shutil.copytree(SOURCE, tmp_path / "old-site")


def test_an_existing_dest_is_refused_without_force(
    old_site: Path, tmp_path: Path
) -> None:
    dest = tmp_path / "dest"
    dest.mkdir()
    (dest / "notes.txt").write_text("mine, keep me", encoding="utf-8")
    before = tree(dest)
    result = run_import(old_site, dest)
    assert result.returncode == 1
    assert result.stderr.strip()
    assert tree(dest) == before
    assert set(tmp_path.iterdir()) == {old_site, dest}  # no temporary sibling


def test_force_replaces_an_existing_dest(old_site: Path, tmp_path: Path) -> None:
    dest = tmp_path / "dest"
    dest.mkdir()
    (dest / "notes.txt").write_text("old", encoding="utf-8")
    result = run_import(old_site, dest, "--force")
    assert result.returncode == 0, result.stderr
    assert not (dest / "notes.txt").exists()
    assert (dest / "pelicanconf.py").is_file()
    assert set(tmp_path.iterdir()) == {old_site, dest}


def test_a_dest_inside_the_source_is_refused(old_site: Path) -> None:
    result = run_import(old_site, old_site / "pelican")
    assert result.returncode == 1
    assert result.stderr.strip()
    assert tree(old_site) == tree(SOURCE)


def test_a_folder_that_is_no_jekyll_site_is_refused(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "notes.md").write_text("# not a site\n", encoding="utf-8")
    result = run_import(tmp_path / "src", tmp_path / "dest")
    assert result.returncode == 1
    assert result.stderr.strip()
    assert not (tmp_path / "dest").exists()


def test_publishconf_takes_siteurl_from_the_environment_else_config(
    imported: Imported,
) -> None:
    def siteurl(**env: str) -> str:
        command = [
            sys.executable,
            "-c",
            "import runpy; print(runpy.run_path('publishconf.py')['SITEURL'])",
        ]
        environment = {k: v for k, v in os.environ.items() if k != "SCHOLAR_SITEURL"}
        return subprocess.run(
            command,
            cwd=imported.dest,
            env={**environment, **env},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    assert siteurl() == OLD_SITEURL
    assert siteurl(SCHOLAR_SITEURL="https://other.example/site") == (
        "https://other.example/site"
    )


# --- old URLs, titles, nothing leaked --------------------------------------------


@pytest.mark.parametrize("old", OLD_PAGES, ids=lambda page: page.url)
@pytest.mark.parametrize("build", ["local", "published"])
def test_every_old_url_answers_with_its_title_and_text(
    imported: Imported, old: OldPage, build: str
) -> None:
    document = soup(page_of(getattr(imported, build), old.url))
    if replaced_by_the_theme(imported, old.source):
        return
    main = text_of(content_of(document))
    assert old.title in main
    assert old.title in text_of(document.title)
    assert old.phrase.lower() in main.lower()


@pytest.mark.parametrize("old", OLD_PAGES, ids=lambda page: page.url)
def test_no_liquid_or_front_matter_leaks_into_a_page(
    imported: Imported, old: OldPage
) -> None:
    document = soup(page_of(imported.published, old.url))
    text = visible(document)
    body = BeautifulSoup(str(document.body), "html.parser")
    for element in body.select("pre, code, script, math, .katex"):
        element.decompose()
    for comment in body.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()  # not shown: where the import may park what it reports
    markup = str(body)  # attributes too: href="{{ base_path }}/..."
    for liquid in ("{{", "{%", "{:", "%}", "}}"):
        assert liquid not in markup
    for key in ("title:", "permalink:", "layout:", "tags:", "excerpt:", "date:"):
        assert key not in text
    assert "---" not in text


@pytest.mark.parametrize(("source", "listing"), LISTINGS.items(), ids=list(LISTINGS))
def test_each_listing_page_lists_its_items_newest_first(
    imported: Imported, source: str, listing: tuple[str, list[str]]
) -> None:
    url, titles = listing
    output = imported.published
    page = page_of(output, url)
    main = content_of(soup(page))
    text = text_of(main)
    if source != "_pages/publications.md":  # grouped by category, below
        positions = [text.find(title) for title in titles]
        assert -1 not in positions, (url, text)
        assert positions == sorted(positions)
    linked = {link_target(output, page, href, OLD_SITEURL) for href in hrefs(main)}
    for title in titles:
        old = next(p for p in OLD_PAGES if p.title == title)
        assert page_of(output, old.url).resolve() in linked, title


def test_publications_are_grouped_under_their_category_headings(
    imported: Imported,
) -> None:
    main = content_of(soup(page_of(imported.published, "/publications/")))
    text = text_of(main)
    headings = [text_of(h) for h in main.select("h2, h3")]
    assert "Journal Articles" in headings
    assert "Conference Papers" in headings
    order = [
        "Journal Articles",
        "Modelling fine sediment after floods",
        "A benthic survey of six riffles on the Fyris",
        "Conference Papers",
        "A low-cost gauge network for small rivers",
    ]
    positions = [text.find(part) for part in order]
    assert -1 not in positions, text
    assert positions == sorted(positions)


def test_publication_pages_show_venue_citation_and_links(imported: Imported) -> None:
    output = imported.published
    page = page_of(output, "/publication/2018-04-01-benthic-survey")
    main = content_of(soup(page))
    assert "Journal of Fictional Limnology" in text_of(main)
    assert "Marwick, I. and Lund, P. (2018)" in text_of(main)
    targets = {link_target(output, page, href, OLD_SITEURL) for href in hrefs(main)}
    assert (output / "files" / "benthic-survey.pdf").resolve() in targets  # paperurl
    assert (output / "files" / "river-day-slides.pdf").resolve() in targets  # slides
    sediment = content_of(soup(page_of(output, "/publication/2022-sediment-model/")))
    assert "https://doi.org/10.5555/fictional.2022.01" in hrefs(sediment)


def test_talk_and_teaching_pages_show_venue_and_location(imported: Imported) -> None:
    talk = text_of(
        content_of(
            soup(page_of(imported.published, "/talks/2019-09-12-talk-river-day"))
        )
    )
    assert "River Day, Fictional Institute of Limnology" in talk
    assert "Uppsala, Sweden" in talk
    listing = text_of(content_of(soup(page_of(imported.published, "/talks/"))))
    assert "Tartu, Estonia" in listing
    teaching = text_of(
        content_of(
            soup(page_of(imported.published, "/teaching/2020-autumn-field-methods"))
        )
    )
    assert "Fictional University, Department of Ecology" in teaching


def test_the_menu_links_every_entry_of_the_old_navigation(imported: Imported) -> None:
    output = imported.published
    home = page_of(output, "/")
    nav = soup(home).select_one("nav.masthead__nav")
    assert nav is not None
    linked = {link_target(output, home, href, OLD_SITEURL) for href in hrefs(nav)}
    # _data/navigation.yml's entries
    for url in (
        "/publications/",
        "/talks/",
        "/teaching/",
        "/portfolio/",
        "/year-archive/",
        "/cv/",
    ):
        assert page_of(output, url).resolve() in linked, url


def test_redirect_from_urls_answer_or_are_reported(imported: Imported) -> None:
    for source, urls in {
        "_pages/about.md": ["/about/", "/about.html"],
        "_pages/cv.md": ["/resume"],
    }.items():
        reported = any(
            line.lstrip("-* `").startswith(source) and "redirect" in line.lower()
            for line in imported.report.splitlines()
        )
        answering = all(answering_file(imported.published, url) for url in urls)
        assert reported or answering, source


# --- what Jekyll left out stays out ----------------------------------------------


def test_future_unpublished_and_draft_posts_are_not_published(
    imported: Imported,
) -> None:
    files = built_text_files(imported.published)
    for source, (url, word) in HIDDEN.items():
        assert answering_file(imported.published, url) is None, source
        holding = [path for path, text in files.items() if word in text.lower()]
        assert holding == [], (source, holding)
    assert not (imported.published / "drafts").exists()


def test_hidden_posts_are_kept_as_drafts_in_dest(imported: Imported) -> None:
    # Nothing dropped: each is still in DEST's content, held back. A future
    # post may instead be left to Pelican's WITH_FUTURE_DATES = False, which
    # makes it a draft until its date comes.
    settings = (imported.dest / "pelicanconf.py").read_text(encoding="utf-8")
    future_held = re.search(r"^WITH_FUTURE_DATES\s*=\s*False", settings, re.MULTILINE)
    for source, (_, word) in HIDDEN.items():
        holding = [
            path
            for path in (imported.dest / "content").rglob("*")
            if path.suffix in {".md", ".html"}
            and word in path.read_text(encoding="utf-8").lower()
        ]
        assert len(holding) == 1, source
        draft = re.search(
            r"^status:\s*draft\s*$",
            holding[0].read_text(encoding="utf-8"),
            re.MULTILINE | re.IGNORECASE,
        )
        assert draft or (future_held and "2099" in source), source


# --- dates, tags, categories, summaries, reading time --------------------------


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("/posts/2019/05/gauge-readings/", "2019-05-12"),  # from the file name
        ("/posts/2020/01/sampling-design/", "2020-02-03"),  # front matter wins
        ("/2016/03/lab-notebook.html", "2016-03-08"),
        ("/river-notes-zh/", "2022-11-05"),
    ],
)
def test_posts_carry_their_date(imported: Imported, url: str, day: str) -> None:
    time = soup(page_of(imported.published, url)).select_one("main time[datetime]")
    assert time is not None
    assert time["datetime"].startswith(day)


@pytest.mark.parametrize(
    ("url", "tags"),
    [
        ("/posts/2019/05/gauge-readings/", {"gauges", "fieldwork"}),  # block list
        ("/posts/2020/01/sampling-design/", {"sampling", "methods"}),  # flow list
        ("/2016/03/lab-notebook.html", {"notebooks", "habits"}),  # .html post
        ("/river-notes-zh/", {"中文", "fieldwork"}),
    ],
)
def test_posts_carry_their_tags(imported: Imported, url: str, tags: set[str]) -> None:
    shown = {
        text_of(a)
        for a in soup(page_of(imported.published, url)).select(".post__tags a")
    }
    assert tags <= shown


def test_the_first_category_is_the_post_category(imported: Imported) -> None:
    main = content_of(
        soup(page_of(imported.published, "/fieldwork/notes/field-season/"))
    )
    assert "Fieldwork" in text_of(main.select_one(".post__header"))


def description(output: Path, url: str) -> str:
    """The ``<meta name="description">`` of ``url``."""
    meta = soup(page_of(output, url)).select_one('meta[name="description"]')
    assert meta is not None
    return meta["content"]


def test_excerpt_becomes_the_summary(imported: Imported) -> None:
    assert description(imported.published, "/posts/2020/01/sampling-design/") == (
        "Why I sample riffles before pools, and at dawn."
    )


def test_excerpt_separator_cuts_the_summary(imported: Imported) -> None:
    text = description(imported.published, "/posts/2021/06/long-form/")
    assert "short version before the break" in text
    assert "ice left the river" not in text


def test_reading_time_follows_academicpages_with_the_sites_words_per_minute(
    imported: Imported,
) -> None:
    # 544 words, ``words_per_minute: 125``: 544 // 125 = 4 (Minimal Mistakes'
    # rule at 200 would say 2, academicpages' default 160 would say 3).
    read_time = soup(page_of(imported.published, "/posts/2021/06/long-form/"))
    shown = read_time.select_one("main .post-meta__read-time")
    assert shown is not None
    assert text_of(shown) == "4 minute read"


def test_an_h1_sectioned_post_gets_a_table_of_contents(imported: Imported) -> None:
    page = soup(page_of(imported.published, "/posts/2021/06/long-form/"))
    entries = [text_of(a) for a in page.select("nav.toc a")]
    assert entries == ["Spring", "Summer", "Autumn", "Winter"]


# --- bodies: math, kramdown, Liquid, links, raw HTML -----------------------------


def formulas_in(main: Tag) -> list[tuple[str, bool]]:
    """The rendered formulas of ``main``: (TeX, display), white space as one."""
    found = []
    for math in main.find_all("math"):
        annotation = math.find("annotation", encoding="application/x-tex")
        assert annotation is not None, math
        found.append(
            (" ".join(annotation.get_text().split()), math.get("display") == "block")
        )
    return found


def test_imported_math_is_laid_out_by_the_themes_katex_stylesheet(
    imported: Imported,
) -> None:
    document = soup(page_of(imported.published, "/posts/2020/09/math-notes/"))
    assert content_of(document).select(".katex-html")
    links = [link["href"] for link in document.select('link[rel="stylesheet"]')]
    assert [href for href in links if href.endswith("/theme/katex/katex.min.css")]


def test_every_math_delimiter_is_rendered_as_kramdown_and_mathjax_showed_it(
    imported: Imported,
) -> None:
    document = soup(page_of(imported.published, "/posts/2020/09/math-notes/"))
    main = content_of(document)
    assert formulas_in(main) == [
        (" ".join(tex.split()), display) for tex, display in FORMULAS
    ]
    text = visible(document)
    for delimiter in ("$", "\\(", "\\)", "\\[", "\\]"):
        assert delimiter not in text
    code = " ".join(text_of(c) for c in main.select("code"))
    assert "cost = $5 + $7" in code
    assert 'price = "$x$"' in code
    assert not main.select("code math, pre math")


def test_math_in_the_html_post_is_rendered_or_reported(imported: Imported) -> None:
    document = soup(page_of(imported.published, "/2016/03/lab-notebook.html"))
    if not reported(imported, HTML_POST_MATH):
        assert formulas_in(content_of(document)) == HTML_POST_FORMULAS
        assert "\\(" not in visible(document)


def test_the_toc_include_becomes_a_table_of_contents_or_is_reported(
    imported: Imported,
) -> None:
    main = content_of(soup(page_of(imported.published, "/posts/2021/06/long-form/")))
    if not reported(imported, TOC_INCLUDE):
        toc = main.select_one(".post__content div.toc")
        assert toc is not None
        assert [text_of(a) for a in toc.select("a")] == [
            "Spring",
            "Summer",
            "Autumn",
            "Winter",
        ]


def test_a_list_right_under_a_paragraph_line_is_a_list(imported: Imported) -> None:
    main = content_of(
        soup(page_of(imported.published, "/posts/2021/02/kramdown-habits/"))
    )
    lead = element_with(main, "p", "three things")
    assert "batteries" not in text_of(lead)
    items = lead.find_next_sibling("ul").find_all("li", recursive=False)
    assert [text_of(li).split(" ")[1] for li in items] == [
        "batteries",
        "logger",
        "spare",
    ]
    cjk = content_of(soup(page_of(imported.published, "/river-notes-zh/")))
    plan = element_with(cjk, "p", "下周的计划")
    assert "检查记录仪" not in text_of(plan)
    assert len(plan.find_next_sibling("ol").find_all("li")) == 3


def test_two_space_nested_lists_stay_nested(imported: Imported) -> None:
    main = content_of(
        soup(page_of(imported.published, "/posts/2021/02/kramdown-habits/"))
    )
    for parent, children in (
        ("the logger clock", ["set to UTC", "synced with the laptop"]),
        ("the dry bag", ["phone", "notebook"]),
    ):
        item = element_with(main, "li", parent)
        nested = item.find("ul")
        assert nested is not None, parent
        assert [text_of(li) for li in nested.find_all("li")] == children


def test_the_cv_keeps_its_two_space_nested_list(imported: Imported) -> None:
    cv = content_of(soup(page_of(imported.published, "/cv/")))
    work = element_with(cv, "li", "2018 to now")
    assert len(work.select("ul > li")) == 2


def test_attribute_lists_reach_their_heading_and_paragraph(
    imported: Imported,
) -> None:
    main = content_of(
        soup(page_of(imported.published, "/posts/2021/02/kramdown-habits/"))
    )
    heading = main.select_one("h2#boat-checklist")
    assert heading is not None
    assert "checklist" in heading["class"]
    assert text_of(heading).startswith("On the boat")
    notice = main.select_one("p.notice--info")
    assert notice is not None
    assert text_of(notice) == "This paragraph is a notice."


def test_nbsp_stays_a_non_breaking_space(imported: Imported) -> None:
    kramdown = content_of(
        soup(page_of(imported.published, "/posts/2021/02/kramdown-habits/"))
    )
    assert "Keep 10\xa0m away" in kramdown.get_text()
    blogger = content_of(
        soup(page_of(imported.published, "/2016/03/lab-notebook.html"))
    )
    assert "notebook\xa0beside" in blogger.get_text()


def test_liquid_in_raw_stays_verbatim_in_code(imported: Imported) -> None:
    main = content_of(
        soup(page_of(imported.published, "/posts/2021/04/liquid-in-code/"))
    )
    code = main.select_one("pre").get_text()
    assert "<h1>{{ page.title }}</h1>" in code
    assert '{% if page.tags %}{{ page.tags | join: ", " }}{% endif %}' in code
    assert "raw %}" not in code


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("the files folder", "/files/river-day-slides.pdf"),  # {{ base_path }}
        ("a river bend", "/images/river.png"),  # {{ site.baseurl }}, an image
        ("a PDF too", "/files/gauge-network.pdf"),  # {{ site.url }}{{ site.baseurl }}
        ("reading the gauges", "/posts/2019/05/gauge-readings/"),  # post_url
        ("my 2018 paper", "/publication/2018-04-01-benthic-survey"),
        ("my CV", "/files/cv.pdf"),  # root-relative, Markdown
        ("the dashboard", "/images/dashboard.png"),
        ("The river in June", "/images/river.png"),  # root-relative, raw HTML
        ("the CV", "/files/cv.pdf"),
    ],
)
@pytest.mark.parametrize("build", ["local", "published"])
def test_old_links_lead_where_they_led(
    imported: Imported, text: str, target: str, build: str
) -> None:
    output = getattr(imported, build)
    page = page_of(output, "/posts/2021/04/liquid-in-code/")
    main = content_of(soup(page))
    [element] = [
        e
        for e in main.find_all(["a", "img"])
        if text_of(e) == text or e.get("alt") == text
    ]
    href = element.get("href") or element["src"]
    assert link_target(output, page, href, OLD_SITEURL) == (
        page_of(output, target).resolve()
    )


@pytest.mark.parametrize("build", ["local", "published"])
def test_static_files_are_copied_as_they_are(imported: Imported, build: str) -> None:
    output = getattr(imported, build)
    for name in STATIC:
        assert (output / name).read_bytes() == (SOURCE / name).read_bytes(), name


def test_about_page_links_the_cv_and_shows_its_image(imported: Imported) -> None:
    output = imported.published
    home = page_of(output, "/")
    main = content_of(soup(home))
    targets = {link_target(output, home, href, OLD_SITEURL) for href in hrefs(main)}
    assert (output / "files" / "cv.pdf").resolve() in targets
    assert (output / "images" / "river.png").resolve() in targets


def test_the_sidebar_shows_the_config_author(imported: Imported) -> None:
    home = soup(page_of(imported.published, "/"))
    text = text_of(home.body)
    assert "Freshwater ecologist who counts what lives in small rivers" in text
    assert "Uppsala, Sweden" in text
    assert "Ilse Marwick" in text_of(home.title)
    links = set(hrefs(home.body))
    for href in (
        "mailto:ilse@example.org",
        "https://github.com/imarwick-example",
        "https://orcid.org/0000-0002-1825-0097",
        "https://scholar.google.com/citations?user=EXAMPLE0000",
        "https://mastodon.example/@imarwick",
    ):
        assert href in links, href
    assert any(src.endswith("/images/profile.png") for src in links)


def test_the_html_post_keeps_its_raw_html(imported: Imported) -> None:
    main = content_of(soup(page_of(imported.published, "/2016/03/lab-notebook.html")))
    assert main.select_one(
        'iframe[src="https://video.example.net/embed/notebook-2016"]'
    )


# --- the built site is valid, its links resolve --------------------------------


def test_the_published_site_is_valid_html(imported: Imported) -> None:
    check_html(imported.published)


@pytest.mark.parametrize("build", ["local", "published"])
def test_every_internal_link_resolves(imported: Imported, build: str) -> None:
    output = getattr(imported, build)
    siteurl = OLD_SITEURL if build == "published" else ""
    assert broken_links(output, siteurl) == []


# --- the report ------------------------------------------------------------------


def report_lines(imported: Imported) -> list[str]:
    """The report's lines, list markers and code quotes taken off."""
    return [
        line.strip().lstrip("-* ").strip("`")
        for line in imported.report.splitlines()
        if line.strip()
    ]


def replaced_by_the_theme(imported: Imported, source: str) -> bool:
    """Tell whether the theme answers for ``source`` instead, as the report says."""
    return source in THEME_MAY_REPLACE and any(
        line.startswith(f"{source}: ") for line in report_lines(imported)
    )


@pytest.mark.parametrize("finding", FINDINGS, ids=lambda f: f"{f.source}:{f.line}")
def test_the_report_names_each_finding_with_file_and_line(
    imported: Imported, finding: ExpectedFinding
) -> None:
    if replaced_by_the_theme(imported, finding.source):
        return  # not carried over, so nothing of it is shown or loaded
    assert reported(imported, finding), [
        line for line in report_lines(imported) if line.startswith(finding.source)
    ]


def reported(imported: Imported, finding: ExpectedFinding) -> bool:
    """Tell whether the report has ``finding``'s line: file, line and keyword."""
    prefix = f"{finding.source}:{finding.line}:"
    return any(
        line.startswith(prefix) and finding.keyword.lower() in line.lower()
        for line in report_lines(imported)
    )


def test_what_the_report_says_is_gone_is_gone(imported: Imported) -> None:
    for line in report_lines(imported):
        for url in re.findall(r"(/\S*?)[;,)]? no longer answers", line):
            assert answering_file(imported.published, url) is None, line


@pytest.mark.parametrize("source", NAMED_FILES)
def test_the_report_names_each_file_it_did_not_carry_over_as_it_was(
    imported: Imported, source: str
) -> None:
    assert any(line.startswith(source) for line in report_lines(imported)), source


def count_in(report: str, kind: str) -> int:
    """The count the report's "Converted" section gives for ``kind`` (0 if none)."""
    section = re.split(r"^#+\s*Converted.*$", report, maxsplit=1, flags=re.MULTILINE)
    assert len(section) == 2, "no Converted section"
    converted = re.split(r"^#", section[1], maxsplit=1, flags=re.MULTILINE)[0]
    for line in converted.splitlines():
        if re.search(rf"\b{kind}\b", line, re.IGNORECASE):
            numbers = re.findall(r"\b\d+\b", line)
            if numbers:
                return int(numbers[0])
    return 0


def test_the_report_counts_what_was_converted(imported: Imported) -> None:
    report = imported.report
    for kind, count in (
        ("publications", 3),
        ("talks", 2),
        ("teaching", 1),
        ("portfolio", 1),
        ("static", len(STATIC)),
    ):
        assert count_in(report, kind) == count, kind
    # Posts: the twelve, drafts counted with them or on a line of their own.
    total = count_in(report, "posts") + count_in(report, "drafts")
    assert total == len(POSTS) + len(HIDDEN)


def test_nothing_is_dropped_silently(imported: Imported) -> None:
    """Each source file is converted (it answers or was copied) or reported."""
    named = set()
    for line in report_lines(imported):
        named |= {path for path in fixture_files() if line.startswith(path)}
        named |= {
            path
            for path in fixture_files()
            if any(line.startswith(folder) for folder in parents_of(path))
        }
    converted = {
        page.source
        for page in OLD_PAGES
        if answering_file(imported.published, page.url) is not None
    }
    converted |= {name for name in STATIC if (imported.published / name).is_file()}
    converted |= {
        source
        for source, (url, _) in LISTINGS.items()
        if answering_file(imported.published, url) is not None
    }
    converted |= set(SETTINGS_FILES)  # checked by the sidebar and menu tests
    converted |= set(HIDDEN)  # checked by test_hidden_posts_are_kept_as_drafts
    missing = set(fixture_files()) - named - converted
    assert missing == set()


def parents_of(path: str) -> list[str]:
    """The folders of a relative path, each with a final "/" (``a/``, ``a/b/``)."""
    parts = path.split("/")[:-1]
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]
