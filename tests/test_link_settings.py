"""Malformed MENUITEMS, LINKS and SOCIAL entries are named, not dropped silently."""

from __future__ import annotations

from pathlib import Path

from conftest import run_pelican
from test_minimal_sites import minimal_site

from pelican.plugins.scholar.link_settings import malformed_link_entries


def test_quickstarts_link_lists_are_well_formed() -> None:
    settings = {
        "LINKS": (("Pelican", "https://getpelican.com/"), ["Python.org", "/py"]),
        "SOCIAL": (("You can add links in your config file", "#"),),
        "MENUITEMS": (("Home", "/", "extra"),),
        "SCHOLAR_LINKS": [("email", "me@example.org")],
    }
    assert list(malformed_link_entries(settings)) == []


def test_each_entry_the_theme_cannot_show_is_named() -> None:
    settings = {
        "SOCIAL": [("GitHub", "https://github.com/me"), "https://x.com/me", ("Solo",)],
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
            "SOCIAL entry 2 is not a (name, url) pair of strings and is left out:"
            " 'https://x.com/me'"
        ),
        (
            "SOCIAL entry 3 is not a (name, url) pair of strings and is left out:"
            " ('Solo',)"
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
