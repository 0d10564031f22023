"""Theme and plugin reuse by another Pelican site, through the wheel.

Builds the wheel, installs it into a fresh virtual environment (offline, from
the wheelhouse that ``make setup`` fills), and builds a separate quickstart-
style site whose settings take THEME and PLUGINS from the installed package.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import REPO_ROOT, run_isolated, soup

QUICKSTART_CONFIG = """\
from pelican.plugins.scholar import theme_path

AUTHOR = "Someone Else"
SITENAME = "Another Site"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = False
RELATIVE_URLS = True

THEME = theme_path()
PLUGINS = ["scholar"]
"""

POSTS = {
    # 600 words: 3 minutes; 150 words: less than 1 minute.
    "long.md": "Title: A Long Post\nDate: 2025-02-01\nTags: zeta, Alpha\n\n"
    + " ".join(["word"] * 600),
    "short.md": "Title: A Short Post\nDate: 2025-03-01\nTags: zeta\n\n"
    + " ".join(["word"] * 150),
}


@pytest.mark.slow
def test_wheel_ships_plugin_and_every_theme_file(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    prefix = "pelican/plugins/scholar/theme/"
    theme_files = {
        prefix + path.relative_to(REPO_ROOT / "theme").as_posix()
        for path in (REPO_ROOT / "theme").rglob("*")
        if path.is_file()
    }
    assert theme_files, "the repository has no theme files"
    assert theme_files <= names, sorted(theme_files - names)
    assert "pelican/plugins/scholar/__init__.py" in names
    # Namespace packages: nothing may claim pelican/ or pelican/plugins/.
    assert "pelican/__init__.py" not in names
    assert "pelican/plugins/__init__.py" not in names


@pytest.mark.slow
def test_another_site_uses_the_installed_theme_and_plugin(
    fresh_venv: Path, tmp_path: Path
) -> None:
    site = tmp_path / "another-site"
    (site / "content").mkdir(parents=True)
    (site / "pelicanconf.py").write_text(QUICKSTART_CONFIG)
    for name, text in POSTS.items():
        (site / "content" / name).write_text(text)

    python = fresh_venv / "bin" / "python"
    located = run_isolated(
        python,
        "-c",
        "from pelican.plugins.scholar import theme_path; print(theme_path())",
        cwd=site,
    )
    assert Path(located.strip()).is_relative_to(fresh_venv), located

    run_isolated(
        fresh_venv / "bin" / "pelican",
        "content",
        "-s",
        "pelicanconf.py",
        "-o",
        "output",
        "--fatal",
        "errors",
        cwd=site,
    )

    output = site / "output"
    assert (output / "theme" / "css" / "main.css").is_file()
    tags = soup(output / "tags.html")
    sections = {
        " ".join(section.h2.get_text().split()): [
            (
                item.select_one(".post-item__title").get_text(strip=True),
                item.select_one(".post-meta__read-time").get_text(strip=True),
            )
            for item in section.select(".post-item")
        ]
        for section in tags.select("main section")
    }
    assert list(sections) == ["Alpha", "zeta"]
    assert sections["zeta"] == [
        ("A Short Post", "less than 1 minute read"),
        ("A Long Post", "3 minute read"),
    ]
