"""Real Pelican sites switched to the theme with the README's two lines.

Each test is a small site modelled on one real site's settings or content
(named in the test) that the switch broke.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from conftest import build_or_fail, run_pelican, soup, write_site

from pelican.plugins.scholar.site_links import unwritten_url

SETTINGS = """\
from pelican.plugins.scholar import theme_path

SITENAME = "Switched"
PATH = "content"
THEME = theme_path()
PLUGINS = ["pelican.plugins.scholar"{plugins}]
{extra}
"""

#: A plugin that reads every post's summary once all generators finished,
#: as pelican-render-math does (to mend formulas cut by the summary).
EARLY_SUMMARY_READER = """\
from pelican import signals


def read_summaries(generators):
    for generator in generators:
        for article in getattr(generator, "articles", ()):
            article.summary


def register():
    signals.all_generators_finalized.connect(read_summaries)
"""


def settings(*plugins: str, extra: str = "") -> str:
    """The two-line switch's settings with ``plugins`` after the bundle's."""
    listed = "".join(f", {plugin!r}" for plugin in plugins)
    return SETTINGS.format(plugins=listed, extra=extra)


def test_a_summarys_links_resolve_when_a_plugin_read_it_early(tmp_path: Path) -> None:
    # wagdav/thewagner.net (render_math): a post's summary links another post
    # with {filename}; listings and feeds showed href="{filename}...".
    site = write_site(
        tmp_path / "site",
        {
            "2016-07-20-habits.md": "Title: Habits\n\nHabits.\n",
            "2019-01-03-paper.md": (
                "Title: Paper\n\nSee [my habits]({filename}2016-07-20-habits.md).\n\n"
                "<!-- more -->\n\nThe rest.\n"
            ),
        },
        settings(
            "early_summaries",
            extra='PLUGIN_PATHS = ["plugins"]\nFEED_ALL_ATOM = "all.atom.xml"\n'
            'TIMEZONE = "UTC"\n',
        ),
    )
    (site / "plugins").mkdir()
    (site / "plugins" / "early_summaries.py").write_text(EARLY_SUMMARY_READER)
    output = tmp_path / "out"
    build_or_fail(site, output)
    listed = soup(output / "index.html").select(".post-item__excerpt a")
    assert [a["href"] for a in listed] == ["/habits.html"]
    atom = "{http://www.w3.org/2005/Atom}"
    summaries = [
        entry.findtext(f"{atom}summary")
        for entry in ET.parse(output / "all.atom.xml").iter(f"{atom}entry")
    ]
    assert any('href="/habits.html"' in (text or "") for text in summaries)
    assert not any("{filename}" in (text or "") for text in summaries)


def test_a_template_the_old_theme_had_falls_back_with_a_warning(
    tmp_path: Path,
) -> None:
    # luord/luord.github.io (Template: custom/contact, custom/newsletter) and
    # jakevdp/jakevdp.github.io-source (Template: about) name templates of
    # their own themes: Pelican stopped the build at the first one.
    site = write_site(
        tmp_path / "site",
        {
            "post.md": "Title: A post\nDate: 2024-01-01\nTemplate: wide\n\nPost.\n",
            "pages/contact.md": "Title: Contact\nTemplate: custom/contact\n\nMail.\n",
            "pages/about.md": "Title: About\nTemplate: page\n\nMe.\n",
        },
        settings(),
    )
    output = tmp_path / "out"
    result = run_pelican(site, output, "--fatal", "errors")
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert (
        "pages/contact.md: template 'custom/contact' is not in the theme;"
        " written with page.html instead"
    ) in log
    assert (
        "post.md: template 'wide' is not in the theme; written with article.html" in log
    )
    assert "about.md" not in log
    assert (
        soup(output / "pages" / "contact.html").select_one(".post__content p").text
        == "Mail."
    )
    assert soup(output / "a-post.html").select_one(".post__content p").text == "Post."


def test_the_authors_and_categories_pages_link_only_pages_that_are_written(
    tmp_path: Path,
) -> None:
    # zztrilobit/zztrilobit.github.io has AUTHOR_SAVE_AS = '' and the default
    # AUTHORS_SAVE_AS: its authors page linked author/trilobit.html, never written.
    site = write_site(
        tmp_path / "site",
        {
            "one.md": "Title: One\nDate: 2024-01-01\nAuthor: Trilobit\n"
            "Category: Go\n\nOne.\n",
            "two.md": "Title: Two\nDate: 2024-01-02\nAuthor: Trilobit\n"
            "Category: Python\n\nTwo.\n",
        },
        settings(extra="AUTHOR_SAVE_AS = ''\nCATEGORY_SAVE_AS = ''\n"),
    )
    output = tmp_path / "out"
    build_or_fail(site, output)
    for listing, name in (("authors.html", "Trilobit"), ("categories.html", "Go")):
        entries = soup(output / listing).select(".term-list li")
        assert name in [
            entry.get_text(" ", strip=True).split(" (")[0] for entry in entries
        ]
        assert not soup(output / listing).select(".term-list a"), listing
    assert not (output / "author").exists()
    assert not (output / "category").exists()


def test_a_site_whose_posts_have_no_tags_has_no_tags_entry_in_the_menu(
    tmp_path: Path,
) -> None:
    # cfluegel/blog-flgl-tech and Crola1702/crola1702.github.io tag no post:
    # every page's menu linked "Tags" to a Posts by Tags page with no tag on it.
    site = write_site(
        tmp_path / "site",
        {
            "one.md": "Title: One\nDate: 2024-01-01\n\nOne.\n",
            "two.md": "Title: Two\nDate: 2024-01-02\n\nTwo.\n",
            "pages/about.md": "Title: About\n\nMe.\n",
        },
        settings(extra='DIRECT_TEMPLATES = ["index", "tags", "archives", "404"]\n'),
    )
    output = tmp_path / "out"
    build_or_fail(site, output)
    for written in ("index.html", "one.html", "pages/about.html", "404.html"):
        page = soup(output / written)
        assert "Tags" not in [a.get_text() for a in page.select(".masthead__nav a")]
        assert not page.select('a[href="/tags.html"]'), written


def test_a_relative_menu_item_is_a_place_on_the_site_from_every_page(
    tmp_path: Path,
) -> None:
    # luord/luord.github.io: MENUITEMS = (("Notes", "category/notes/"),), which
    # its theme wrote as {{ SITEURL }}/{{ link }}; as given, every post under
    # 2023/03/01/genetic/ linked 2023/03/01/genetic/category/notes/.
    files = {
        "notes/idea.md": "Title: Idea\nDate: 2023-03-01\n\nAn idea.\n",
        "software/genetic.md": "Title: Genetic\nDate: 2023-03-02\n\nGenes.\n",
    }
    menu = (
        'MENUITEMS = (("Notes", "category/notes/"), ("Feed", "/feeds/all.atom.xml"),'
        ' ("Code", "https://example.org/code"), ("Mail", "mailto:me@example.org"))\n'
        'ARTICLE_URL = "{date:%Y}/{date:%m}/{date:%d}/{slug}/"\n'
        'ARTICLE_SAVE_AS = "{date:%Y}/{date:%m}/{date:%d}/{slug}/index.html"\n'
        'CATEGORY_URL = "category/{slug}/"\n'
        'CATEGORY_SAVE_AS = "category/{slug}/index.html"\n'
        "DISPLAY_CATEGORIES_ON_MENU = False\n"
    )
    expected = {
        "": [
            "/category/notes/",
            "/feeds/all.atom.xml",
            "https://example.org/code",
            "mailto:me@example.org",
        ],
        "RELATIVE_URLS = True\n": [
            "../../../../category/notes/",
            "/feeds/all.atom.xml",
            "https://example.org/code",
            "mailto:me@example.org",
        ],
    }
    for number, (relative, hrefs) in enumerate(expected.items()):
        site = write_site(
            tmp_path / f"site{number}", files, settings(extra=menu + relative)
        )
        output = tmp_path / f"out{number}"
        build_or_fail(site, output)
        post = soup(output / "2023" / "03" / "02" / "genetic" / "index.html")
        assert [a["href"] for a in post.select(".masthead__nav a")][:4] == hrefs
        notes = soup(output / "category" / "notes" / "index.html")
        current = notes.select('.masthead__nav a[aria-current="page"]')
        assert [a.get_text() for a in current] == ["Notes"]


def test_a_page_saved_elsewhere_than_its_url_is_a_warning_naming_it(
    tmp_path: Path,
) -> None:
    # oceandie/oceandie.github.io (pages/home.md) and mojones/pelican2
    # (index.md, a post) set save_as: index.html / index_test.html and no url:
    # Pelican links them at home.html, never written; the menu and the post
    # navigation linked it from every page.
    site = write_site(
        tmp_path / "site",
        {
            "pages/home.md": "Title: Home\nsave_as: index.html\n\nWelcome.\n",
            "pages/front.md": "Title: Front\nURL:\nsave_as: front/index.html\n\nF.\n",
            "pages/about.md": "Title: About\nsave_as: about/index.html\nURL: about/\n\nMe.\n",
            "pages/missing.md": "Title: Missing\nStatus: hidden\nsave_as: 404.html\n\nNo.\n",
            "post.md": "Title: Post\nDate: 2024-01-01\nsave_as: post/index.html\n\nP.\n",
        },
        settings(),
    )
    result = run_pelican(site, tmp_path / "out", "--fatal", "errors")
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert (
        "pages/home.md: saved as index.html, but its URL is pages/home.html,"
        " which nothing writes: links to it lead nowhere; give it a URL: too"
    ) in " ".join(log.split())
    assert "post.md: saved as post/index.html, but its URL is post.html" in log
    for quiet in ("front.md", "about.md", "missing.md"):
        assert quiet not in log


@pytest.mark.parametrize(
    ("url", "save_as", "unwritten"),
    [
        ("home.html", "index.html", True),
        ("", "index.html", False),
        ("/", "index.html", False),
        ("post.html", "post/index.html", True),
        ("about/", "about/index.html", False),
        ("/about", "about/index.html", False),
        ("notes", "notes.html", False),
        ("pages/cv.html", "pages/cv.html", False),
        ("p/2", "p/2.html", False),
        ("anything", "", False),
    ],
)
def test_a_url_leads_to_the_file_saved_there(
    url: str, save_as: str, unwritten: bool
) -> None:
    assert unwritten_url(url, save_as) is unwritten


def test_url_settings_with_a_leading_slash_give_links_on_the_site(
    tmp_path: Path,
) -> None:
    # pfertyk/blog: ARTICLE_URL = '/{date:%Y}/{date:%m}/{slug}/', PAGE_URL,
    # TAGS_URL and TAG_URL start with '/' too, for a theme that wrote
    # {{ article.url }}. After SITEURL/ they gave '//2016/10/...': with an
    # empty SITEURL a link to the host "2016", else a '//' path in every link,
    # canonical URL and Google Scholar tag.
    site = write_site(
        tmp_path / "site",
        {
            "first.md": "Title: First\nDate: 2016-10-01\nTags: python\n\nFirst.\n",
            "second.md": (
                "Title: Second\nDate: 2016-11-01\nTags: python\n\n"
                "After [the first]({filename}first.md).\n"
            ),
            "pages/about.md": "Title: About\n\nMe.\n",
            "pages/cv.md": "Title: CV\nURL: /cv/\nsave_as: cv/index.html\n\nCV.\n",
        },
        settings(
            extra="ARTICLE_URL = '/{date:%Y}/{date:%m}/{slug}/'\n"
            "ARTICLE_SAVE_AS = '{date:%Y}/{date:%m}/{slug}/index.html'\n"
            "PAGE_URL = '/{slug}/'\nPAGE_SAVE_AS = '{slug}/index.html'\n"
            "TAGS_URL = '/tags/'\nTAGS_SAVE_AS = 'tags/index.html'\n"
            "TAG_URL = '/tag/{slug}/'\nTAG_SAVE_AS = 'tag/{slug}/index.html'\n"
            "CATEGORY_SAVE_AS = ''\n"
        ),
    )
    output = tmp_path / "out"
    build_or_fail(site, output)
    second = soup(output / "2016" / "11" / "second" / "index.html")
    addresses = [
        tag.get("href") or tag.get("src") or ""
        for tag in second.select("a[href], link[href], script[src], img[src]")
    ]
    assert [
        a for a in addresses if a.startswith("//") or "//" in a.split("://")[-1]
    ] == []
    hrefs = [a["href"] for a in second.select("a[href]")]
    assert {"/2016/10/first/", "/about/", "/cv/", "/tags/"} <= set(hrefs)
    assert "/tags/#python" in hrefs
    body = second.select_one(".post__content a")
    assert body["href"] == "/2016/10/first/"


def test_a_direct_template_the_old_theme_had_is_left_out_with_a_warning(
    tmp_path: Path,
) -> None:
    # alberand/Blog has DIRECT_TEMPLATES = ('index', 'sitemap') with its own
    # theme's sitemap.html (SITEMAP_SAVE_AS = 'sitemap.xml'): Pelican stopped
    # the build there, after reading every post, and wrote no page at all.
    site = write_site(
        tmp_path / "site",
        {"post.md": "Title: A post\nDate: 2024-01-01\nTags: c\n\nPost.\n"},
        settings(
            extra="DIRECT_TEMPLATES = ('index', 'sitemap')\n"
            "SITEMAP_SAVE_AS = 'sitemap.xml'\n"
        ),
    )
    output = tmp_path / "out"
    result = run_pelican(site, output, "--fatal", "errors")
    log = " ".join((result.stdout + result.stderr).split())
    assert result.returncode == 0, log
    assert (
        "DIRECT_TEMPLATES: template 'sitemap' is not in the theme;"
        " sitemap.xml is not written"
    ) in log
    assert soup(output / "a-post.html").select_one(".post__content p").text == "Post."
    assert (output / "index.html").exists()
    assert (output / "tag" / "c.html").exists()
    assert not (output / "sitemap.xml").exists()


@pytest.mark.parametrize(
    "logo",
    [
        "{'url': 'images/blog-logo.png', 'width': '256', 'height': '256'}",
        "'images/blog-logo.png'",
    ],
)
def test_a_logo_given_as_its_old_themes_mapping_is_its_url(
    tmp_path: Path, logo: str
) -> None:
    # alberand/Blog's theme reads SITELOGO = {'url': ..., 'width': ...,
    # 'height': ...}: the masthead's img of all 74 pages had the mapping's
    # text as its src, "{'url': 'images/blog-logo.png', ...}".
    site = write_site(
        tmp_path / "site",
        {"post.md": "Title: A post\nDate: 2024-01-01\n\nPost.\n"},
        settings(extra=f"SITELOGO = {logo}\n"),
    )
    output = tmp_path / "out"
    build_or_fail(site, output)
    logo_img = soup(output / "a-post.html").select_one(".masthead__logo")
    assert logo_img["src"] == "/images/blog-logo.png"


def test_social_links_written_as_mappings_are_shown(tmp_path: Path) -> None:
    # TheDigitalCatOnline/blog_source's theme reads SOCIAL as mappings,
    # {"name": "Twitter", "icon": "twitter", "url": ...}: the plugin warned
    # that they were left out, then the sidebar failed on them (KeyError: 1)
    # and no page of its 76 posts was written.
    site = write_site(
        tmp_path / "site",
        {"post.md": "Title: A post\nDate: 2024-01-01\n\nPost.\n"},
        settings(
            extra="SOCIAL = [\n"
            '    {"name": "Twitter", "icon": "twitter",'
            ' "url": "https://twitter.com/thedigicat"},\n'
            '    {"name": "GitHub", "icon": "github",'
            ' "url": "https://github.com/TheDigitalCatOnline"},\n'
            "]\n"
            'LINKS = [{"name": "Pelican", "url": "https://getpelican.com/"}]\n'
        ),
    )
    output = tmp_path / "out"
    result = run_pelican(site, output, "--fatal", "errors")
    assert result.returncode == 0, result.stdout + result.stderr
    page = soup(output / "a-post.html")
    links = [
        (a.get_text(strip=True), a["href"]) for a in page.select(".author__link a")
    ]
    assert links == [
        ("Twitter", "https://twitter.com/thedigicat"),
        ("GitHub", "https://github.com/TheDigitalCatOnline"),
    ]
    blogroll = page.select(".footer-links__list a")
    assert [(a.text, a["href"]) for a in blogroll] == [
        ("Pelican", "https://getpelican.com/")
    ]


def test_many_pages_on_the_menu_are_one_pages_entry_that_opens_their_list(
    tmp_path: Path,
) -> None:
    # mattmakai/fullstackpython.com has 703 pages and Pelican's default
    # DISPLAY_PAGES_ON_MENU = True: the masthead of each of its 769 pages
    # listed all 703, more than a phone's first ten screens before the text.
    pages = {
        f"pages/topic-{number:02}.md": f"Title: Topic {number:02}\n\nText.\n"
        for number in range(1, 11)
    }
    site = write_site(
        tmp_path / "site",
        {"post.md": "Title: A post\nDate: 2024-01-01\n\nPost.\n", **pages},
        settings(),
    )
    output = tmp_path / "out"
    build_or_fail(site, output)
    nav = soup(output / "a-post.html").select_one(".masthead__nav")
    more = nav.select_one("details.nav-more")
    assert more is not None
    assert not more.has_attr("open")
    assert more.select_one("summary").get_text(strip=True) == "Pages"
    listed = [a.get_text(strip=True) for a in more.select("a")]
    assert listed == [f"Topic {number:02}" for number in range(1, 11)]
    outside = [a for a in nav.select("a") if a.find_parent("details") is None]
    assert not [a for a in outside if a.get_text(strip=True).startswith("Topic")]
    current = soup(output / "pages" / "topic-03.html").select_one(
        ".nav-more a[aria-current='page']"
    )
    assert current is not None
    assert current.get_text(strip=True) == "Topic 03"


def test_a_few_pages_on_the_menu_are_each_an_entry(tmp_path: Path) -> None:
    site = write_site(
        tmp_path / "site",
        {
            "post.md": "Title: A post\nDate: 2024-01-01\n\nPost.\n",
            "pages/about.md": "Title: About\n\nMe.\n",
            "pages/cv.md": "Title: CV\n\nWork.\n",
        },
        settings(extra="SCHOLAR_MENU_PAGES_MAX = 2\n"),
    )
    output = tmp_path / "out"
    build_or_fail(site, output)
    nav = soup(output / "a-post.html").select_one(".masthead__nav")
    assert not nav.select("details")
    assert [a.get_text(strip=True) for a in nav.select("a")][:2] == ["About", "CV"]
