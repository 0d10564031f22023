"""Theme and plugin reuse by another Pelican site, through the wheel.

Builds the wheel, installs it into a fresh virtual environment (offline, from
the wheelhouse that ``make setup`` fills), and builds a separate quickstart-
style site whose settings take THEME and PLUGINS from the installed package.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO_ROOT, soup

WHEELHOUSE = Path(
    os.environ.get("SCHOLAR_WHEELHOUSE", REPO_ROOT / ".venv" / "wheelhouse")
)

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


def run(*command: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env={
            k: v
            for k, v in os.environ.items()
            if k not in {"PYTHONPATH", "VIRTUAL_ENV"}
        },
    )
    if result.returncode != 0:
        pytest.fail(f"{command} failed:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    run(
        sys.executable,
        "-m",
        "build",
        "--wheel",
        "--no-isolation",
        "--outdir",
        dist,
        ".",
        cwd=REPO_ROOT,
    )
    [built] = dist.glob("pelican_scholar-*.whl")
    return built


@pytest.fixture(scope="module")
def fresh_venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not any(WHEELHOUSE.glob("pelican-*.whl")):
        pytest.fail(f"no wheelhouse at {WHEELHOUSE}: run `make setup` first")
    venv = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", venv, cwd=venv)
    run(
        venv / "bin" / "python",
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-index",
        "--find-links",
        WHEELHOUSE,
        wheel,
        cwd=venv,
    )
    return venv


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
    located = run(
        python,
        "-c",
        "from pelican.plugins.scholar import theme_path; print(theme_path())",
        cwd=site,
    )
    assert Path(located.stdout.strip()).is_relative_to(fresh_venv), located.stdout

    run(
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
