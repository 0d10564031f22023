"""The core plugin and the theme on the oldest Pelican they support.

``pyproject.toml`` declares the Pelican releases the bundle installs with; its
lower bound is tested here, its newest release by the rest of the tests.
``make setup`` downloads that oldest Pelican (``OLDEST_PELICAN`` in the
Makefile) and the other runtime dependencies, at their pinned versions, into
``.venv/wheelhouse-oldest-pelican``; the session's wheel is installed from
there, offline, into a venv of its own. Every site of the compatibility matrix
(:data:`test_compat.SITES`) is written once and built from the same folder
with that Pelican and with the fresh venv's newest one, reading sequentially
with the speed features off (they touch Pelican's internals and are tested on
the newest release only). For each site:

- both builds succeed with ``--fatal errors`` and log no warning but
  Pelican's own about the sites' settings and content
  (:data:`PELICANS_OWN_WARNINGS`, which ``LOG_FILTER`` hides);
- the two builds write the same files, byte for byte: the theme gets from the
  oldest Pelican everything it gets from the newest, so what test_compat
  checks on the newest output (valid HTML, links) holds for the oldest too;
- on the sites whose content is the oldest Pelican's own (its test content
  and sample site), LinkChecker finds no broken internal link or anchor that
  the theme wrote (told apart from the content's as test_compat does).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO_ROOT, isolated_env, run_isolated, tree
from packaging.requirements import Requirement
from packaging.version import Version
from test_compat import (
    SITES,
    Built,
    MatrixSite,
    Origin,
    check_sites,
    comparable,
    differences,
    fail_with,
    theme_link_problems,
    write_served_sites,
)

#: The oldest supported Pelican and the other runtime dependencies, as wheels,
#: and Pelican's sdist (its sample site), from ``make setup``.
OLDEST_WHEELHOUSE = Path(
    os.environ.get(
        "SCHOLAR_OLDEST_WHEELHOUSE", REPO_ROOT / ".venv" / "wheelhouse-oldest-pelican"
    )
)
#: Parallel reading and incremental writes off: they patch Pelican's
#: internals, so they declare the newest Pelican only.
SPEED_OFF = ("SCHOLAR_PARALLEL_READING=false", "SCHOLAR_INCREMENTAL_WRITES=false")

#: Pelican's own warnings about each kind of site's settings and content, the
#: same on both releases (the message templates, as ``LOG_FILTER`` takes them).
#: Any other warning fails the test. (``--fatal warnings`` would stop at these
#: too: Pelican raises before its filter applies.)
PELICANS_OWN_WARNINGS: dict[Origin | None, list[str]] = {
    # Every site: no SITEURL (the README's minimal settings) or no TIMEZONE.
    None: [
        "Feeds generated without SITEURL set properly may not be valid",  # 4.9
        "Feeds generated without SITEURL or FEED_DOMAIN set properly may not be valid",
        "No timezone information specified in the settings. Assuming your timezone is UTC for feed generation. Check https://docs.getpelican.com/en/latest/settings.html#TIMEZONE for more information",
    ],
    # Pelican's test content: HTML posts with odd <meta> tags, on purpose.
    "pelican-tests": [
        "Meta tag in file %s does not have a 'name' attribute, skipping. Attributes: %s",
        "Meta tag attribute 'contents' used in file %s, should be changed to 'content'",
    ],
    # Pelican's sample site links an image that it does not ship.
    "pelican-samples": ["Unable to find '%s', skipping url replacement."],
}


#: The sites whose content comes from the oldest Pelican itself. The others
#: hold the same content as test_compat's sites, whose links are checked there
#: on the newest Pelican's output: the same bytes as the oldest's.
OWN_CONTENT = [
    name
    for name, site in SITES.items()
    if site.origin in {"pelican-tests", "pelican-samples"}
]


def log_filter(origin: Origin) -> str:
    """The ``LOG_FILTER`` line for a site of ``origin``: Pelican's own warnings."""
    templates = PELICANS_OWN_WARNINGS[None] + PELICANS_OWN_WARNINGS.get(origin, [])
    return f"\nLOG_FILTER = {[(30, template) for template in templates]!r}\n"


def declared_range() -> Requirement:
    """The ``pelican`` requirement in ``pyproject.toml``'s dependencies."""
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text("utf-8"))
    [pelican] = [
        requirement
        for line in project["project"]["dependencies"]
        if (requirement := Requirement(line)).name == "pelican"
    ]
    return pelican


def lower_bound(requirement: Requirement) -> Version:
    """The version after ``>=`` in ``requirement``."""
    [bound] = [s.version for s in requirement.specifier if s.operator == ">="]
    return Version(bound)


def wheel_version(wheelhouse: Path) -> Version:
    """The version of the Pelican wheel in ``wheelhouse``."""
    wheels = sorted(wheelhouse.glob("pelican-*.whl"))
    if not wheels:
        pytest.fail(f"no Pelican wheel in {wheelhouse}: run `make setup`")
    [wheel] = wheels
    return Version(wheel.name.split("-")[1])


@pytest.fixture(scope="session")
def oldest_venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv with the wheel and the oldest supported Pelican, offline."""
    wheel_version(OLDEST_WHEELHOUSE)
    venv = tmp_path_factory.mktemp("oldest-pelican-venv")
    run_isolated(sys.executable, "-m", "venv", "--without-pip", venv, cwd=venv)
    run_isolated(
        *(sys.executable, "-m", "pip", "--python", venv / "bin" / "python"),
        *("install", "--quiet", "--no-compile", "--no-index"),
        *("--find-links", OLDEST_WHEELHOUSE, wheel),
        cwd=venv,
    )
    return venv


def pelican_version(venv: Path) -> Version:
    """The version of Pelican installed in ``venv`` (from its metadata)."""
    [metadata] = venv.glob("lib/python3.*/site-packages/pelican-*.dist-info")
    return Version(metadata.name.removesuffix(".dist-info").split("-")[1])


def build_env() -> dict[str, str]:
    """The environment of the builds, outside this checkout's.

    Wide lines (Pelican 4.9 has only the rich log handler); the same order of
    reading on both releases; and bytecode written, so that the first build
    in a venv compiles what the others import (its venv was installed
    without it, even where ``PYTHONDONTWRITEBYTECODE`` is set).
    """
    env = isolated_env(COLUMNS="1000", PYTHONHASHSEED="0")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def build(venv: Path, folder: Path, output: Path, *settings: str) -> Built:
    """Build ``folder`` into ``output`` with ``venv``'s Pelican."""
    result = subprocess.run(
        [
            *(venv / "bin" / "pelican", "content", "-s", "pelicanconf.py"),
            *("-o", output, "--fatal", "errors", "-e", *SPEED_OFF, *settings),
        ],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env=build_env(),
    )
    # The rich handler pads each line to the width: one space for each run.
    log = "\n".join(
        " ".join(line.split()) for line in (result.stdout + result.stderr).splitlines()
    )
    return Built(output, result.returncode, log)


def problems(built: Built) -> list[str]:
    """Why ``built`` failed, or each warning it logged (its first line)."""
    if built.returncode:
        return [built.failure()]
    return [line for line in built.log.splitlines() if " WARNING " in f" {line} "]


@dataclass
class TwoBuilds:
    """A site built with the oldest Pelican (served) and with the newest."""

    oldest: MatrixSite
    newest: Built | None = None


@pytest.fixture(scope="session")
def two_builds(
    oldest_venv: Path, fresh_venv: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, TwoBuilds]]:
    """Every site of the matrix, built with both Pelicans, the oldest served."""
    root = tmp_path_factory.mktemp("pelican-versions")
    servers = contextlib.ExitStack()
    written = write_served_sites(root, servers, oldest_venv, OLDEST_WHEELHOUSE)
    sites: dict[str, TwoBuilds] = {}
    for name, entry in written.items():
        config = root / name / "site" / "pelicanconf.py"
        with config.open("a", encoding="utf-8") as settings:
            settings.write(log_filter(entry.site.origin))
        sites[name] = TwoBuilds(entry)

    def build_one(name: str, oldest: bool) -> None:
        folder = root / name / "site"
        if oldest:
            sites[name].oldest.sequential = build(
                oldest_venv, folder, sites[name].oldest.output
            )
        else:
            sites[name].newest = build(fresh_venv, folder, root / name / "newest")

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(
            pool.map(
                lambda job: build_one(*job),
                [(n, o) for n in SITES for o in (True, False)],
            )
        )
    with servers:
        yield sites


@pytest.fixture(scope="session")
def oldest_broken_links(
    two_builds: dict[str, TwoBuilds], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[str]]:
    """Broken links the theme wrote in the oldest Pelican's output, by site."""
    checked = check_sites(
        [two_builds[name].oldest for name in OWN_CONTENT],
        tmp_path_factory.mktemp("oldest-linkchecker"),
        nu=False,
    )
    return theme_link_problems(checked)


# --- the tests --------------------------------------------------------------------


def test_the_oldest_pelican_is_the_declared_lower_bound() -> None:
    declared = declared_range()
    oldest = wheel_version(OLDEST_WHEELHOUSE)
    assert oldest in declared.specifier, f"{oldest} is outside {declared}"
    assert oldest.release[:2] == lower_bound(declared).release[:2], (
        f"the wheelhouse holds Pelican {oldest}, but {declared} starts at "
        f"{lower_bound(declared)}: make OLDEST_PELICAN the bound's newest patch"
    )


@pytest.mark.slow
def test_the_two_venvs_have_two_pelicans(oldest_venv: Path, fresh_venv: Path) -> None:
    oldest, newest = pelican_version(oldest_venv), pelican_version(fresh_venv)
    assert oldest == wheel_version(OLDEST_WHEELHOUSE)
    assert oldest.release[:2] < newest.release[:2], (oldest, newest)


@pytest.mark.slow
@pytest.mark.parametrize("name", SITES)
def test_builds_with_the_oldest_pelican(
    name: str, two_builds: dict[str, TwoBuilds]
) -> None:
    built = two_builds[name].oldest.sequential
    assert built is not None
    fail_with(problems(built))


@pytest.mark.slow
@pytest.mark.parametrize("name", SITES)
def test_builds_with_the_newest_pelican(
    name: str, two_builds: dict[str, TwoBuilds]
) -> None:
    built = two_builds[name].newest
    assert built is not None
    fail_with(problems(built))


@pytest.mark.slow
@pytest.mark.parametrize("name", SITES)
def test_the_oldest_and_newest_pelican_write_the_same_bytes(
    name: str, two_builds: dict[str, TwoBuilds]
) -> None:
    oldest, newest = two_builds[name].oldest.sequential, two_builds[name].newest
    assert oldest is not None
    assert newest is not None
    if oldest.returncode or newest.returncode:
        pytest.fail("not compared: a build failed (see its own test)", pytrace=False)
    files = comparable(tree(newest.output))
    assert "index.html" in files
    fail_with(differences(files, comparable(tree(oldest.output)), ("newest", "oldest")))


@pytest.mark.slow
@pytest.mark.parametrize("name", OWN_CONTENT)
def test_the_theme_links_only_to_what_exists_with_the_oldest_pelican(
    name: str,
    two_builds: dict[str, TwoBuilds],
    oldest_broken_links: dict[str, list[str]],
) -> None:
    built = two_builds[name].oldest.sequential
    assert built is not None
    if built.returncode:
        pytest.fail("not checked: the oldest Pelican's build failed", pytrace=False)
    fail_with(oldest_broken_links.get(name, []))


@pytest.mark.slow
def test_the_speed_plugin_steps_aside_on_the_oldest_pelican(
    two_builds: dict[str, TwoBuilds], oldest_venv: Path, tmp_path: Path
) -> None:
    # It is made for the newest Pelican's internals: on the oldest it says so,
    # once, and the site is the core's alone.
    entry = two_builds["odd-posts"].oldest
    folder = entry.served.parent / "site"
    plugins = '["pelican.plugins.scholar", "pelican.plugins.scholar.speed"]'
    built = build(oldest_venv, folder, tmp_path / "out", f"PLUGINS={plugins}")
    assert built.returncode == 0, built.failure()
    step_aside = "pelican.plugins.scholar.speed steps aside: it is tested on"
    assert built.log.count(step_aside) == 1, built.log
    assert comparable(tree(tmp_path / "out")) == comparable(tree(entry.output))


def test_the_wheelhouses_hold_every_runtime_dependency() -> None:
    """``make setup`` downloads pyproject's dependencies: the list is the same."""
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = {
        Requirement(line).name.lower() for line in project["project"]["dependencies"]
    } - {"pelican"}
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    [line] = [
        line
        for line in makefile.splitlines()
        if line.startswith("RUNTIME_DEPENDENCIES")
    ]
    assert set(line.split(":=", 1)[1].split()) == declared
