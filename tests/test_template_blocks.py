"""The theme's override points, used as a site uses them.

Every block the README advertises is overridden from a site's
``THEME_TEMPLATES_OVERRIDES`` folder by a template that extends the theme's own
(``{% extends "!theme/base.html" %}``, Pelican's prefix for the theme's
templates); the build must show the override's marker where the block is, and
the rest of the page. Each page's ``heading`` block is the text of its
``<h1>`` and, before the site's name, of its ``<title>``. A site's own
``partials/extend_head.html`` and ``partials/extend_footer.html`` are included
at the end of ``<head>`` and of ``<body>``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO_ROOT, build_or_fail, soup
from jinja2 import Environment, FileSystemLoader, nodes

TEMPLATES = REPO_ROOT / "theme" / "templates"

SETTINGS = """\
from pelican.plugins.scholar import theme_path

AUTHOR = "Ada"
SITENAME = "Blocks"
SITEURL = ""
PATH = "content"
THEME = theme_path()
PLUGINS = ["pelican.plugins.scholar"]
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DIRECT_TEMPLATES = [
    "index", "tags", "categories", "authors", "archives", "404", "search"
]
YEAR_ARCHIVE_SAVE_AS = "{date:%Y}/index.html"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
"""

CONTENT = {
    "one.md": "Title: One\nDate: 2024-01-02\nCategory: Research\nTags: alpha\n\n"
    "The first post.\n\n```python\nx = 1\n```\n",  # code: pygments.css too
    "two.md": "Title: Two\nDate: 2024-01-03\nCategory: Teaching\nTags: alpha\n\n"
    "The second post.\n",
    "pages/about.md": "Title: About\n\nAbout this site.\n",
}

# The parts of a page an override of one block must leave in place.
LANDMARKS = {
    "title": "head > title",
    "meta": 'head > meta[property="og:title"]',
    "stylesheet": 'head > link[rel="stylesheet"]',
    "header": "body > header.masthead",
    "brand": ".masthead__inner > .masthead__brand",
    "nav": ".masthead__inner > nav.masthead__nav",
    "toggle": ".masthead__inner > fieldset.theme-toggle",
    "sidebar": ".layout > aside.author",
    "content": ".layout > main > *",
    "footer": "body > footer.site-footer > p",
    "script": "body > script[src]",
}


def site_with(tmp_path: Path, overrides: dict[str, str]) -> Path:
    """A small site whose override folder holds ``overrides`` (path: text)."""
    site = tmp_path / "site"
    folder = site / "overrides"
    for path, text in CONTENT.items():
        (site / "content" / path).parent.mkdir(parents=True, exist_ok=True)
        (site / "content" / path).write_text(text, encoding="utf-8")
    for path, text in overrides.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text, encoding="utf-8")
    (site / "pelicanconf.py").write_text(
        SETTINGS + f"THEME_TEMPLATES_OVERRIDES = [{str(folder)!r}]\n",
        encoding="utf-8",
    )
    return site


def built(tmp_path: Path, overrides: dict[str, str]) -> Path:
    """Build the small site with ``overrides``; return its output folder."""
    output = tmp_path / "out"
    build_or_fail(site_with(tmp_path, overrides), output)
    return output


@pytest.fixture(scope="module")
def built_once(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[dict[str, str]], Path]:
    """:func:`built`, once per module for the same ``overrides``.

    For tests that only read the output: several check one build.
    """
    outputs: dict[tuple[tuple[str, str], ...], Path] = {}

    def build_once(overrides: dict[str, str]) -> Path:
        key = tuple(sorted(overrides.items()))
        if key not in outputs:
            outputs[key] = built(tmp_path_factory.mktemp("blocks"), overrides)
        return outputs[key]

    return build_once


def extending(template: str, block: str, body: str) -> dict[str, str]:
    """A site's ``template`` that extends the theme's and sets ``block``."""
    return {
        template: f'{{% extends "!theme/{template}" %}}\n'
        f"{{% block {block} %}}{body}{{% endblock {block} %}}\n"
    }


def only_child(page: BeautifulSoup, selector: str) -> str:
    """The text of the one element ``selector`` finds in ``page``."""
    found = page.select(selector)
    assert len(found) == 1, f"{selector}: {found}"
    return found[0].get_text(" ", strip=True)


@dataclass(frozen=True)
class Case:
    """One advertised block: the override, the page it shows on, the check.

    ``check`` asserts where the marker is; ``replaces`` names the landmarks
    the override takes away, and every other landmark must still be there.
    """

    overrides: dict[str, str]
    page: str
    check: Callable[[BeautifulSoup], None]
    replaces: frozenset[str] = field(default_factory=frozenset)


def check_html_lang(page: BeautifulSoup) -> None:
    assert page.html["lang"] == "x-marker"


def check_head(page: BeautifulSoup) -> None:
    assert page.select('head > meta[name="marker"]')[-1] == page.head.find_all()[-1]


def check_title(page: BeautifulSoup) -> None:
    assert only_child(page, "head > title") == "Marker title"


def check_meta(page: BeautifulSoup) -> None:
    assert page.select('head > meta[name="marker"][content="meta"]')
    assert not page.select('meta[name="description"], meta[property^="og:"]')


def check_extra_head(page: BeautifulSoup) -> None:
    [marker] = page.select('head > meta[name="marker"]')
    stylesheets = page.select('head > link[rel="stylesheet"]')
    assert [s["href"] for s in stylesheets] == [
        "/theme/css/main.css",
        "/theme/css/pygments.css",
    ]
    assert marker.find_previous_sibling("link", rel="stylesheet") == stylesheets[-1]


def check_header(page: BeautifulSoup) -> None:
    assert only_child(page, "body > header.marker") == "Marker header"
    assert not page.select(".masthead")


def check_nav(page: BeautifulSoup) -> None:
    assert only_child(page, ".masthead__inner > nav.marker") == "Marker nav"
    [brand, nav, toggle] = page.select_one(".masthead__inner").find_all(recursive=False)
    assert "masthead__brand" in brand["class"]
    assert nav["class"] == ["marker"]
    assert "theme-toggle" in toggle["class"]


def check_sidebar(page: BeautifulSoup) -> None:
    [sidebar, main] = page.select_one(".layout").find_all(recursive=False)
    assert sidebar.get_text(strip=True) == "Marker sidebar"
    assert main.name == "main"


def check_content(page: BeautifulSoup) -> None:
    [marker, article] = page.select_one("main").find_all(recursive=False)
    assert marker.get_text() == "Marker content"
    assert only_child(article, "h1.post__title") == "One"
    assert "The first post." in only_child(article, ".post__content")


def check_footer(page: BeautifulSoup) -> None:
    [links, copyright_line, marker] = page.select_one("footer.site-footer").find_all(
        recursive=False
    )
    assert links.name == "ul"  # the site's links (here: the archives)
    assert "Built with Pelican" in copyright_line.get_text()
    assert marker.get_text() == "Marker footer"


# For every advertised block of base.html (and the article's content): a site
# template that overrides it, the page it is checked on, and the check.
CASES = {
    "html_lang": Case(
        extending("base.html", "html_lang", "x-marker"), "index.html", check_html_lang
    ),
    "head": Case(
        extending("base.html", "head", '{{ super() }}<meta name="marker">'),
        "one.html",
        check_head,
    ),
    "title": Case(
        extending("base.html", "title", "Marker title"), "index.html", check_title
    ),
    "meta": Case(
        extending("base.html", "meta", '<meta name="marker" content="meta">'),
        "one.html",
        check_meta,
        frozenset({"meta"}),
    ),
    "extra_head": Case(
        extending("article.html", "extra_head", '{{ super() }}<meta name="marker">'),
        "one.html",
        check_extra_head,
    ),
    "header": Case(
        extending(
            "base.html", "header", '<header class="marker">Marker header</header>'
        ),
        "index.html",
        check_header,
        frozenset({"header", "brand", "nav", "toggle"}),
    ),
    "nav": Case(
        extending("base.html", "nav", '<nav class="marker">Marker nav</nav>'),
        "index.html",
        check_nav,
        frozenset({"nav"}),
    ),
    "sidebar": Case(
        extending("base.html", "sidebar", '<div class="marker">Marker sidebar</div>'),
        "index.html",
        check_sidebar,
        frozenset({"sidebar"}),
    ),
    "content": Case(
        extending("article.html", "content", "<p>Marker content</p>{{ super() }}"),
        "one.html",
        check_content,
    ),
    "footer": Case(
        extending("base.html", "footer", "{{ super() }}<p>Marker footer</p>"),
        "index.html",
        check_footer,
    ),
}

# Each template that has a heading, the page it writes here, and that page's
# heading (in its <h1>, and before the site's name in its <title>).
HEADINGS = {
    "index.html": ("index.html", "Recent posts"),
    "tag.html": ("tag/alpha.html", "Posts tagged alpha"),
    "category.html": ("category/research.html", "Posts in Research"),
    "author.html": ("author/ada.html", "Posts by Ada"),
    "article.html": ("one.html", "One"),
    "page.html": ("pages/about.html", "About"),
    "archives.html": ("archives.html", "Archives"),
    "period_archives.html": ("2024/index.html", "Archives for 2024"),
    "tags.html": ("tags.html", "Posts by Tags"),
    "categories.html": ("categories.html", "Categories"),
    "authors.html": ("authors.html", "Authors"),
    "404.html": ("404.html", "Page not found"),
    "search.html": ("search.html", "Search"),
}

# An <h1> of the theme's templates: the heading block and nothing else.
HEADING_H1 = r"<h1[^>]*>\{% block heading %\}.*\{% endblock heading %\}</h1>"


def readme_blocks() -> tuple[set[str], set[str]]:
    """The blocks the README's "Overriding parts" advertises.

    Returns the blocks of ``base.html`` and those of the pages with a heading.
    """
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    [part] = re.findall(r"\*\*Overriding parts\.\*\*(.*?)\n\n", text, re.DOTALL)
    part = " ".join(part.split())
    [base] = re.findall(r"blocks of `base\.html` are (.*?)\.", part)
    [pages] = re.findall(r"page with a heading has (.*?) block", part)
    return set(re.findall(r"`(\w+)`", base)), set(re.findall(r"`(\w+)`", pages))


def blocks_of(template: str) -> set[str]:
    """The blocks ``template`` of the theme defines itself."""
    environment = Environment(loader=FileSystemLoader(TEMPLATES))
    source = (TEMPLATES / template).read_text(encoding="utf-8")
    return {block.name for block in environment.parse(source).find_all(nodes.Block)}


def test_every_advertised_block_is_a_block_of_base_html() -> None:
    base, _ = readme_blocks()
    assert base == blocks_of("base.html")
    assert set(CASES) == base


def test_every_h1_of_the_theme_is_the_advertised_heading_block() -> None:
    _, pages = readme_blocks()
    assert pages == {"heading"}
    for path in TEMPLATES.glob("*.html"):
        for h1 in re.findall(r"<h1\b.*?</h1>", path.read_text(encoding="utf-8")):
            assert re.fullmatch(HEADING_H1, h1), f"{path.name}: {h1}"


@pytest.mark.parametrize("block", sorted(CASES))
def test_a_site_overrides_the_block(
    block: str, built_once: Callable[[dict[str, str]], Path]
) -> None:
    case = CASES[block]
    page = soup(built_once(case.overrides) / case.page)
    case.check(page)
    for name, selector in LANDMARKS.items():
        if name not in case.replaces:
            assert page.select(selector), f"{name} ({selector}) is gone"


def test_a_site_overrides_the_heading_of_every_page(tmp_path: Path) -> None:
    overrides = {}
    for template in HEADINGS:
        overrides |= extending(template, "heading", "Marker {{ super() }}")
    output = built(tmp_path, overrides)
    for template, (path, heading) in HEADINGS.items():
        page = soup(output / path)
        assert only_child(page, "main h1") == f"Marker {heading}", template
        title = "Blocks" if template == "index.html" else f"Marker {heading} · Blocks"
        assert only_child(page, "head > title") == title, template


def test_a_site_s_own_title_follows_every_page_s_heading(
    built_once: Callable[[dict[str, str]], Path],
) -> None:
    output = built_once(extending("base.html", "title", "Marker title"))
    for template, (path, heading) in HEADINGS.items():
        title = only_child(soup(output / path), "head > title")
        if template == "index.html":
            assert title == "Marker title"
        else:
            assert title == f"{heading} · Marker title", template


EXTEND_HEAD = '<meta name="marker" content="extend_head">\n'
EXTEND_FOOTER = '<script src="/marker.js"></script>\n'


@pytest.mark.parametrize("path", ["index.html", "one.html", "tag/alpha.html"])
def test_a_site_s_own_extend_partials_end_the_head_and_the_body(
    path: str, built_once: Callable[[dict[str, str]], Path]
) -> None:
    output = built_once(
        {
            "partials/extend_head.html": EXTEND_HEAD,
            "partials/extend_footer.html": EXTEND_FOOTER,
        },
    )
    page = soup(output / path)
    assert page.head.find_all(recursive=False)[-1]["content"] == "extend_head"
    scripts = page.body.find_all(recursive=False)[-2:]
    assert [s.get("src") for s in scripts] == ["/theme/js/theme.js", "/marker.js"]
    for name, selector in LANDMARKS.items():
        assert page.select(selector), f"{name} ({selector}) is gone"
