"""Pelican's theme conventions, honoured on a small site built in a tmp folder.

SOCIAL, LINKS, MENUITEMS, DISPLAY_PAGES_ON_MENU, DISPLAY_CATEGORIES_ON_MENU,
categories, bylines with every author, author pages, translations with
``hreflang``, SITESUBTITLE, SITELOGO, FAVICON and TWITTER_USERNAME, with
``SITEURL`` empty, on a sub-path and with ``RELATIVE_URLS``.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import NO_FEEDS_NO_CACHE, build_or_fail, soup
from test_html_valid import check_html

SETTINGS = (
    """\
from pelican.plugins.scholar import theme_path

AUTHOR = "Ada Lovelace"
SITENAME = "Conventions"
SITESUBTITLE = "Notes on engines & looms"
SITEURL = ""
PATH = "content"
THEME = theme_path()
PLUGINS = ["pelican.plugins.scholar"]
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
STATIC_PATHS = ["images"]
SITELOGO = "images/logo.svg"
FAVICON = "images/icon.png"
TWITTER_USERNAME = "@ada"
# As pelican-quickstart writes them; lists work as well as tuples.
LINKS = (
    ("Pelican", "https://getpelican.com/"),
    ["Python.org", "https://www.python.org/"],
    ("You can modify those links in your config file", "#"),
)
SOCIAL = (
    ("You can add links in your config file", "#"),
    ["GitHub", "https://github.com/ada"],
    ("twitter", "https://example.net/ada"),
    ("Lab", "https://scholar.google.com/citations?user=ada"),
)
MENUITEMS = (("Archives", "/archives.html"), ("Elsewhere", "https://example.com/"))
TAGS_URL = "tags.html"
TAGS_SAVE_AS = "tags.html"
"""
    + NO_FEEDS_NO_CACHE
)

POSTS = {
    "one.md": "Title: One\nDate: 2024-01-02\nCategory: Research\n"
    "Authors: Ada Lovelace, Charles Babbage\nTags: engines\n\nThe first post.\n",
    "one-fr.md": "Title: Un\nDate: 2024-01-02\nCategory: Research\nSlug: one\n"
    "Lang: fr\n\nLe premier billet.\n",
    "two.md": "Title: Two\nDate: 2024-02-03\nCategory: Notes\n\nThe second post.\n",
    "pages/about.md": "Title: About\nSlug: about\n\nAbout this site.\n",
    "pages/about-fr.md": "Title: À propos\nSlug: about\nLang: fr\n\nÀ propos.\n",
}
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>\n'


# On a sub-path, MENUITEMS (used as given) name the full URL; a leading "/"
# in SITELOGO still means "under the site".
SUB_PATH = """\
SITEURL = "https://example.org/blog"
SITELOGO = "/images/logo.svg"
MENUITEMS = [("Archives", "https://example.org/blog/archives.html")]
"""


def make_site(root: Path, extra: str = "", posts: dict[str, str] = POSTS) -> Path:
    """Write the site's settings (``extra`` appended) and content under ``root``."""
    site = root / "site"
    (site / "content" / "images").mkdir(parents=True)
    (site / "pelicanconf.py").write_text(SETTINGS + extra, encoding="utf-8")
    for name, text in posts.items():
        (site / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "content" / name).write_text(text, encoding="utf-8")
    (site / "content" / "images" / "logo.svg").write_text(LOGO, encoding="utf-8")
    (site / "content" / "images" / "icon.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site with SITEURL "" (root-relative URLs); returns the output folder."""
    root = tmp_path_factory.mktemp("conventions")
    build_or_fail(make_site(root), root / "out")
    return root / "out"


def text(element) -> str:
    return " ".join(element.get_text().split())


def local_target(output: Path, page: Path, url: str, siteurl: str = "") -> Path:
    """The file of ``output`` that ``url``, on ``page``, leads to."""
    if siteurl and url.startswith(siteurl):
        url = url[len(siteurl) :] or "/"
    assert "://" not in url, url
    base = "/" + page.relative_to(output).as_posix()
    path = urlsplit(urljoin(base, url)).path.lstrip("/")
    target = output / path
    return target / "index.html" if target.is_dir() else target


def test_social_entries_join_the_profile_links(built: Path) -> None:
    links = soup(built / "index.html").select(".author__links li")
    assert [(text(li), li.a["href"]) for li in links] == [
        ("You can add links in your config file", "#"),
        ("GitHub", "https://github.com/ada"),
        ("twitter", "https://example.net/ada"),
        ("Lab", "https://scholar.google.com/citations?user=ada"),
    ]
    # The icon comes from the host, else the name, else a generic one.
    kinds = [li["class"][-1] for li in links]
    assert kinds == [
        "author__link--website",
        "author__link--github",
        "author__link--x",
        "author__link--scholar",
    ]
    assert all(li.select_one("svg.icon") for li in links)


def test_links_are_a_list_in_the_footer(built: Path) -> None:
    footer = soup(built / "two.html").select_one("footer.site-footer")
    nav = footer.select_one("nav")
    assert text(nav.select_one("h2")) == "Links"
    assert nav["aria-labelledby"] == nav.select_one("h2")["id"]
    assert [(text(a), a["href"]) for a in nav.select("li a")] == [
        ("Pelican", "https://getpelican.com/"),
        ("Python.org", "https://www.python.org/"),
        ("You can modify those links in your config file", "#"),
    ]


def test_menu_items_pages_and_categories_in_order(built: Path) -> None:
    for page in ("index.html", "one.html"):  # an article is not its category page
        nav = soup(built / page).select_one(".masthead__nav")
        assert [(text(a), a["href"]) for a in nav.select("a")] == [
            ("Archives", "/archives.html"),
            ("Elsewhere", "https://example.com/"),
            ("About", "/pages/about.html"),
            ("Notes", "/category/notes.html"),
            ("Research", "/category/research.html"),
            ("Tags", "/tags.html"),
        ]
        assert nav.select("[aria-current]") == [], page


@pytest.mark.parametrize(
    ("page", "current"),
    [("archives.html", "Archives"), ("category/research.html", "Research")],
)
def test_the_current_menu_entry_is_marked(built: Path, page: str, current: str) -> None:
    nav = soup(built / page).select_one(".masthead__nav")
    assert [text(a) for a in nav.select('[aria-current="page"]')] == [current]


def test_article_shows_every_author_linked_and_its_category(built: Path) -> None:
    page = soup(built / "one.html")
    byline = page.select_one(".post__header .post-meta__authors")
    assert text(byline) == "Authors: Ada Lovelace, Charles Babbage"
    assert [(a["href"], a["rel"]) for a in byline.select("a")] == [
        ("/author/ada-lovelace.html", ["author"]),
        ("/author/charles-babbage.html", ["author"]),
    ]
    for a in byline.select("a"):
        assert local_target(built, built / "one.html", a["href"]).is_file()
    category = page.select_one(".post__header .post-meta__category")
    assert text(category) == "Category: Research"
    assert category.a["href"] == "/category/research.html"
    single = soup(built / "two.html").select_one(".post-meta__authors")
    assert text(single) == "Author: Ada Lovelace"


def test_listings_show_authors_on_a_multi_author_site(built: Path) -> None:
    items = soup(built / "index.html").select("main .post-item")
    assert [text(i.select_one(".post-meta__authors")) for i in items] == [
        "Author: Ada Lovelace",
        "Authors: Ada Lovelace, Charles Babbage",
    ]
    assert not soup(built / "index.html").select("main .post-meta__category")


def test_footer_links_the_categories_and_authors_pages(built: Path) -> None:
    footer = soup(built / "index.html").select_one("footer .site-footer__links")
    hrefs = {text(a): a["href"] for a in footer.select("a")}
    assert hrefs["Categories"] == "/categories.html"
    assert hrefs["Authors"] == "/authors.html"
    assert (built / "categories.html").is_file()
    assert (built / "authors.html").is_file()


@pytest.mark.parametrize(
    ("page", "other", "lang", "name"),
    [
        ("one.html", "/one-fr.html", "fr", "Français"),
        ("one-fr.html", "/one.html", "en", "English"),
        ("pages/about.html", "/pages/about-fr.html", "fr", "Français"),
    ],
)
def test_translations_are_linked_with_hreflang(
    built: Path, page: str, other: str, lang: str, name: str
) -> None:
    html = soup(built / page)
    [link] = html.select("main .post__translations a")
    assert (link["href"], link["hreflang"], link["lang"]) == (other, lang, lang)
    # Each language is named in itself.
    assert text(html.select_one("main .post__translations")) == f"Also in: {name}"
    alternates = {
        a["hreflang"]: a["href"] for a in html.select('head link[rel="alternate"]')
    }
    own = "/" + page
    assert alternates == {lang: other, html.html["lang"]: own}
    # Content without translations has neither.
    untranslated = soup(built / "two.html")
    assert untranslated.select(".post__translations") == []
    assert untranslated.select("head link[hreflang]") == []


def test_subtitle_logo_favicon_and_twitter_site(built: Path) -> None:
    page = soup(built / "two.html")
    masthead = page.select_one(".masthead")
    assert text(masthead.select_one(".masthead__subtitle")) == (
        "Notes on engines & looms"
    )
    logo = masthead.select_one("a.masthead__title img")
    assert logo["src"] == "/images/logo.svg"
    assert logo["alt"] == ""  # the link's text is the site's name
    assert text(masthead.select_one("a.masthead__title")) == "Conventions"
    assert [i["href"] for i in page.select('head link[rel="icon"]')] == [
        "/images/icon.png"
    ]
    assert page.select_one('meta[name="twitter:site"]')["content"] == "@ada"


def test_the_site_with_every_convention_is_valid_html(built: Path) -> None:
    page = soup(built / "one.html")
    for selector in (
        ".masthead__logo",
        ".post-meta__authors a",
        ".post__translations a",
        ".footer-links a",
        ".author__link--github",
        "link[hreflang]",
    ):
        assert page.select(selector), selector  # the markup under test is there
    check_html(built)


@pytest.mark.parametrize(
    ("extra", "siteurl"),
    [
        (SUB_PATH, "https://example.org/blog"),
        ("RELATIVE_URLS = True\n", ""),
    ],
    ids=["sub-path", "relative"],
)  # fmt: skip
def test_every_convention_link_resolves(
    tmp_path: Path, extra: str, siteurl: str
) -> None:
    build_or_fail(make_site(tmp_path, extra), tmp_path / "out")
    out = tmp_path / "out"
    selectors = (
        ".masthead__logo",
        'head link[rel="icon"]',
        'head link[rel="alternate"][hreflang]',
        ".masthead__nav a",
        ".post-meta__authors a",
        ".post-meta__category a",
        ".post__translations a",
        "footer.site-footer > p a",
        "footer .site-footer__links a",
    )
    found = set()
    for page in ("one.html", "category/research.html", "pages/about-fr.html"):
        html = soup(out / page)
        for selector in selectors:
            for element in html.select(selector):
                found.add(selector)
                url = element.get("href") or element["src"]
                if url.startswith(("https://example.com", "https://getpelican")):
                    continue  # MENUITEMS and LINKS entries outside the site
                if siteurl:
                    assert url.startswith(siteurl), (page, selector, url)
                target = local_target(out, out / page, url, siteurl)
                assert target.is_file(), (page, selector, url)
    assert found == set(selectors)


def test_without_author_pages_category_pages_or_menu_categories(
    tmp_path: Path,
) -> None:
    extra = (
        'AUTHOR_SAVE_AS = ""\nCATEGORY_SAVE_AS = ""\n'
        "DISPLAY_CATEGORIES_ON_MENU = False\nDISPLAY_PAGES_ON_MENU = False\n"
        'TWITTER_USERNAME = "ada"\nLINKS_WIDGET_NAME = "Blogroll"\n'
        'JINJA_FILTERS = {"language_name": {"fr": "Français", "en": "English"}.get}\n'
    )
    posts = {
        **POSTS,
        "three.md": "Title: Three\nDate: 2024-03-04\nCategory: Notes\n"
        "Authors: Lovelace, Ada; Babbage, Charles\n\nLast name first.\n",
    }
    build_or_fail(make_site(tmp_path, extra, posts), tmp_path / "out")
    page = soup(tmp_path / "out" / "one.html")
    assert text(page.select_one(".post-meta__authors")) == (
        "Authors: Ada Lovelace, Charles Babbage"
    )
    assert page.select(".post-meta__authors a") == []
    # Names that hold a comma are separated by semicolons.
    three = soup(tmp_path / "out" / "three.html").select_one(".post-meta__authors")
    assert text(three) == "Authors: Lovelace, Ada; Babbage, Charles"
    assert text(page.select_one(".post-meta__category")) == "Category: Research"
    assert page.select(".post-meta__category a") == []
    assert [text(a) for a in page.select(".masthead__nav a")] == [
        "Archives",
        "Elsewhere",
        "Tags",
    ]
    assert page.select_one('meta[name="twitter:site"]')["content"] == "@ada"
    assert text(page.select_one(".footer-links h2")) == "Blogroll"
    # A site's language_name filter names the languages of translations.
    assert text(page.select_one(".post__translations")) == "Also in: Français"


def test_one_category_and_no_author_show_neither(tmp_path: Path) -> None:
    posts = {
        "one.md": "Title: One\nDate: 2024-01-02\n\nThe first post.\n",
        "two.md": "Title: Two\nDate: 2024-02-03\n\nThe second post.\n",
    }
    site = make_site(tmp_path, 'AUTHOR = ""\n', posts)
    build_or_fail(site, tmp_path / "out")
    page = soup(tmp_path / "out" / "one.html")
    assert page.select(".post-meta__authors") == []
    assert page.select(".post-meta__category") == []  # every post is in "misc"
    assert len(page.select(".author__links li")) == 4  # SOCIAL, with no AUTHOR
    # No post has a tag: no "Tags" entry (test_switching_sites).
    assert [text(a) for a in page.select(".masthead__nav a")] == [
        "Archives",
        "Elsewhere",
    ]
    footer = text(page.select_one("footer.site-footer"))
    assert "Categories" not in footer
    assert "Authors" not in footer
    # The theme's own favicon when FAVICON is unset.
    site.joinpath("pelicanconf.py").write_text(
        SETTINGS.replace('FAVICON = "images/icon.png"\n', ""), encoding="utf-8"
    )
    build_or_fail(site, tmp_path / "plain")
    icons = soup(tmp_path / "plain" / "one.html").select('head link[rel="icon"]')
    assert [i["href"] for i in icons] == ["/theme/favicon.svg"]
