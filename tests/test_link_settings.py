"""Malformed MENUITEMS, LINKS and SOCIAL entries are named, not dropped silently."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_or_fail, run_pelican, soup
from test_minimal_sites import minimal_site

from pelican.plugins.scholar.link_settings import (
    is_page_relative,
    link_address,
    link_pairs,
    malformed_link_entries,
)


def test_quickstarts_link_lists_are_well_formed() -> None:
    settings = {
        "LINKS": (("Pelican", "https://getpelican.com/"), ["Python.org", "/py"]),
        "SOCIAL": (("You can add links in your config file", "#"),),
        "MENUITEMS": (("Home", "/", "extra"),),
        "SCHOLAR_LINKS": [("email", "me@example.org")],
    }
    assert list(malformed_link_entries(settings)) == []


def test_link_pairs_are_the_name_and_url_of_every_entry_shown() -> None:
    # TheDigitalCatOnline/blog_source writes SOCIAL as mappings (with an icon).
    social = [
        ("GitHub", "https://github.com/me"),
        ("Mastodon", "mastodon", "https://fosstodon.org/@me"),
        {"name": "Twitter", "icon": "twitter", "url": "https://twitter.com/me"},
        {"name": "No URL"},
        "https://x.com/me",
    ]
    assert link_pairs(social) == [
        ("GitHub", "https://github.com/me"),
        ("Mastodon", "https://fosstodon.org/@me"),
        ("Twitter", "https://twitter.com/me"),
    ]
    assert link_pairs({"Pelican": "https://getpelican.com/"}) == []
    assert link_pairs("Home") == []
    assert link_pairs(None) == []


def test_each_entry_the_theme_cannot_show_is_named() -> None:
    settings = {
        "SOCIAL": [
            ("GitHub", "https://github.com/me"),
            "https://x.com/me",
            ("Solo",),
            {
                "name": "Mastodon",
                "icon": "mastodon",
                "url": "https://fosstodon.org/@me",
            },
        ],
        "LINKS": {"Pelican": "https://getpelican.com/"},
        "MENUITEMS": "Home",
        "SCHOLAR_LINKS": [("email", None)],
    }
    assert list(malformed_link_entries(settings)) == [
        (
            "MENUITEMS must be a list of (name, url) pairs, not a str:"
            " the theme shows none of it"
        ),
        (
            "LINKS must be a list of (name, url) pairs, not a dict:"
            " the theme shows none of it"
        ),
        (
            "SOCIAL entry 2 is not a (name, url) pair of strings nor a mapping"
            " with a name and a url, and is left out: 'https://x.com/me'"
        ),
        (
            "SOCIAL entry 3 is not a (name, url) pair of strings nor a mapping"
            " with a name and a url, and is left out: ('Solo',)"
        ),
        (
            "SCHOLAR_LINKS entry 1 is not a (name, url) pair of strings and is left"
            " out: ('email', None)"
        ),
    ]


def test_a_build_warns_about_a_malformed_entry(tmp_path: Path) -> None:
    site = minimal_site(tmp_path, 'SOCIAL = ("https://x.com/me",)\n')
    result = run_pelican(site, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SOCIAL entry 1 is not a (name, url) pair" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("entry", "address"),
    [
        (("GitHub", "https://github.com/me"), "https://github.com/me"),
        (("Twitter", "https://x.com/me", "x-twitter"), "https://x.com/me"),
        (("About", "pages/about.html"), "pages/about.html"),
        (("Home", "#"), "#"),
        (("GitHub", "fa-github", "https://github.com/me"), "https://github.com/me"),
        (("Mail", "fa-envelope", "mailto:me@example.org"), "mailto:me@example.org"),
        (("Odd", "no-address", "neither"), "no-address"),
    ],
)
def test_a_links_address_is_the_item_that_looks_like_one(
    entry: tuple[str, ...], address: str
) -> None:
    assert link_address(entry) == address


def test_social_links_with_an_icon_before_the_url_link_the_url(
    tmp_path: Path,
) -> None:
    # ixjlyons/pelican-ghp's SOCIAL is (name, Font Awesome icon, url): the
    # theme linked "fa-github", a file that is not there, from every page.
    site = minimal_site(
        tmp_path,
        "SOCIAL = [('GitHub', 'fa-github', 'https://github.com/me'),"
        " ('Resume', 'fa-file-text-o', 'https://example.org/cv.pdf?dl=1')]\n"
        "LINKS = [('Lab', 'fa-flask', 'https://lab.example.org/')]\n"
        "MENUITEMS = [('CV', 'fa-file', '/cv.pdf')]\n",
    )
    output = tmp_path / "out"
    build_or_fail(site, output)
    page = soup(output / "plain-post.html")
    social = [a["href"] for a in page.select(".author__links a")]
    assert social == ["https://github.com/me", "https://example.org/cv.pdf?dl=1"]
    assert [a["href"] for a in page.select(".footer-links a")] == [
        "https://lab.example.org/"
    ]
    assert "/cv.pdf" in [a["href"] for a in page.select(".masthead__nav a")]
    assert page.select(".author__link")[0]["class"] == [
        "author__link",
        "author__link--github",
    ]


@pytest.mark.parametrize(
    ("address", "relative"),
    [
        ("category/notes/", True),
        ("pages/about.html", True),
        (" about.html ", True),
        ("/archives.html", False),
        ("//cdn.example.org/x", False),
        ("https://example.org/", False),
        ("mailto:me@example.org", False),
        ("#contact", False),
        ("?q=1", False),
        ("../up.html", False),
        ("./here.html", False),
        ("", False),
        (None, False),
    ],
)
def test_a_bare_path_is_page_relative(address: object, relative: bool) -> None:
    assert is_page_relative(address) is relative
