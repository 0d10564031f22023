"""The site kit an import writes: requirements, tasks, the Pages workflow."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml
from conftest import (
    INVOKE,
    REPO_ROOT,
    WHEELHOUSE,
    run_isolated,
    run_to_the_end,
)
from packaging.utils import canonicalize_name

from pelican.plugins.scholar.importer.site_kit import kit_file, write_site_kit

CHECK_JSONSCHEMA = str(Path(sys.executable).with_name("check-jsonschema"))
PIN_RE = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>\S+)$")
PELICANCONF = """\
from pelican.plugins.scholar import theme_path

AUTHOR = "Moved Author"
SITENAME = "Moved Site"
PATH = "content"
THEME = theme_path()
PLUGINS = ["pelican.plugins.scholar"]
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
"""
PUBLISHCONF = """\
import os, sys
sys.path.append(os.curdir)
from pelicanconf import *
SITEURL = os.environ.get("SCHOLAR_SITEURL", "https://me.github.io/site")
RELATIVE_URLS = False
"""


def lint_workflow(path: Path) -> subprocess.CompletedProcess[str]:
    """Check ``path`` against the GitHub workflow schema check-jsonschema vendors."""
    return subprocess.run(
        [CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def pins(requirements: Path) -> dict[str, str]:
    """The ``name==version`` lines of ``requirements``, by canonical name."""
    lines = [
        line
        for line in requirements.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    exact = {line: PIN_RE.match(line) for line in lines}
    assert all(exact.values()), [line for line, pin in exact.items() if not pin]
    return {
        canonicalize_name(pin["name"]): pin["version"] for pin in exact.values() if pin
    }


def test_the_kit_holds_its_files(tmp_path: Path) -> None:
    written = write_site_kit(tmp_path, math=False)
    assert sorted(map(str, written)) == sorted(
        [
            "requirements.txt",
            ".python-version",
            "tasks.py",
            ".github/workflows/pages.yml",
            ".gitignore",
        ]
    )
    assert all((tmp_path / path).is_file() for path in written)
    ignored = (tmp_path / ".gitignore").read_text().splitlines()
    assert {"output/", "__pycache__/", ".venv/"} <= set(ignored)
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert (tmp_path / ".python-version").read_text().strip() == version
    # The repository's own tasks.py is the one every site gets.
    assert (tmp_path / "tasks.py").read_text() == (REPO_ROOT / "tasks.py").read_text()


def test_requirements_pin_the_task_tools_and_katex_only_with_math(
    tmp_path: Path,
) -> None:
    write_site_kit(tmp_path / "plain", math=False)
    write_site_kit(tmp_path / "math", math=True)
    plain = pins(tmp_path / "plain" / "requirements.txt")
    math = pins(tmp_path / "math" / "requirements.txt")
    for name in ("pelican-scholar", "pelican", "invoke", "ghp-import"):
        assert name in plain
    assert "python-dateutil" in plain  # ghp-import's own dependency
    assert "pelican-katex" not in plain
    assert math.pop("pelican-katex")
    assert math == plain


def test_the_workflow_passes_the_workflow_schema(tmp_path: Path) -> None:
    write_site_kit(tmp_path, math=True)
    workflow = tmp_path / ".github" / "workflows" / "pages.yml"
    result = lint_workflow(workflow)
    assert result.returncode == 0, result.stdout + result.stderr
    # The linter does reject a broken workflow (a job with no runner).
    broken = tmp_path / "broken.yml"
    broken.write_text(workflow.read_text().replace("runs-on: ubuntu-latest", "", 1))
    assert lint_workflow(broken).returncode != 0


def test_the_workflow_builds_with_publishconf_and_deploys_as_githubs_starters(
    tmp_path: Path,
) -> None:
    flow = yaml.safe_load(kit_file("pages.yml"))
    triggers = flow[True]  # YAML 1.1 reads the key "on" as true
    assert set(triggers) == {"push", "workflow_dispatch"}
    assert flow["permissions"] == {
        "contents": "read",
        "pages": "write",
        "id-token": "write",
    }
    assert flow["concurrency"]["group"] == "pages"
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    assert build["if"] == "github.ref_name == github.event.repository.default_branch"
    uses = [step["uses"] for step in build["steps"] if "uses" in step]
    uses += [step["uses"] for step in deploy["steps"] if "uses" in step]
    assert [use.split("@")[0] for use in uses] == [
        "actions/checkout",
        "actions/setup-python",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ]
    assert all(re.fullmatch(r"[\w/-]+@v\d+", use) for use in uses), uses
    python = build["steps"][1]["with"]
    assert python["cache"] == "pip"
    assert python["python-version-file"] == ".python-version"
    [run_build] = [s for s in build["steps"] if "pelican" in s.get("run", "")]
    command = run_build["run"].split()
    assert command[command.index("-s") + 1] == "publishconf.py"
    assert "--fatal" in command
    output = command[command.index("-o") + 1]
    assert run_build["env"]["SCHOLAR_SITEURL"] == "${{ steps.pages.outputs.base_url }}"
    [upload] = [s for s in build["steps"] if "upload-pages" in s.get("uses", "")]
    assert upload["with"]["path"] == output
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    install = [s["run"] for s in build["steps"] if "pip install" in s.get("run", "")]
    assert install == ["python -m pip install -r requirements.txt"]


def test_the_core_plugin_never_imports_the_tasks() -> None:
    code = (
        "import sys, pelican.plugins.scholar, pelican.plugins.scholar.speed;"
        "print(sorted(m for m in sys.modules if m.startswith('invoke')"
        " or m.endswith(('site_tasks', 'live_reload', 'warm_build'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.slow
def test_requirements_are_exact_and_resolve_from_the_wheelhouse(
    fresh_venv: Path, wheel: Path, tmp_path: Path
) -> None:
    # Written where the built wheel is installed (its metadata, not the
    # checkout's editable install), with the task tools of this environment
    # on the path after it.
    site = tmp_path / "site"
    code = (
        f"import sys; sys.path.append({sysconfig.get_paths()['purelib']!r});"
        "from pathlib import Path;"
        "from pelican.plugins.scholar.importer.site_kit import write_site_kit;"
        f"write_site_kit(Path({str(site)!r}), math=True)"
    )
    run_isolated(fresh_venv / "bin" / "python", "-c", code, cwd=tmp_path)
    pinned = pins(site / "requirements.txt")
    assert "packaging" in pinned  # a dependency of the wheel
    report = tmp_path / "report.json"
    run_isolated(
        *(sys.executable, "-m", "pip", "--python", fresh_venv / "bin" / "python"),
        *("install", "--quiet", "--dry-run", "--ignore-installed", "--no-index"),
        *("--find-links", WHEELHOUSE, "--find-links", wheel.parent),
        *("--report", report, "-r", site / "requirements.txt"),
        cwd=tmp_path,
    )
    resolved = {
        canonicalize_name(item["metadata"]["name"]): item["metadata"]["version"]
        for item in json.loads(report.read_text())["install"]
    }
    assert resolved == pinned


@pytest.fixture
def moved_site(tmp_path: Path) -> Path:
    """A small site with the kit written into it, as an import leaves it."""
    site = tmp_path / "moved"
    (site / "content").mkdir(parents=True)
    (site / "pelicanconf.py").write_text(PELICANCONF)
    (site / "publishconf.py").write_text(PUBLISHCONF)
    (site / "content" / "first.md").write_text(
        "Title: First\nDate: 2024-01-02\n\nHello from the moved site.\n"
    )
    write_site_kit(site, math=False)
    return site


def invoke_here(site: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run invoke in ``site`` as its owner would: no Nu checker configured."""
    env = {k: v for k, v in os.environ.items() if k != "SCHOLAR_VNU_JAR"}
    return run_to_the_end([INVOKE, *arguments], cwd=site, env={**env, "COLUMNS": "200"})


@pytest.mark.slow
def test_the_sites_tasks_list_build_and_check_external_loads(moved_site: Path) -> None:
    listed = invoke_here(moved_site, "--list")
    assert listed.returncode == 0, listed.stdout + listed.stderr
    names = {line.split()[0] for line in listed.stdout.splitlines()[1:] if line.strip()}
    tasks = {"build", "serve", "livereload", "check", "new-post", "publish", "gh-pages"}
    assert tasks <= names
    built = invoke_here(moved_site, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    assert (
        "Hello from the moved site."
        in (moved_site / "output" / "first.html").read_text()
    )
    # A tracker in a post: check fails and names the page, line and element.
    (moved_site / "content" / "first.md").write_text(
        "Title: First\nDate: 2024-01-02\n\nHello.\n\n"
        '<script src="https://tracker.example.com/t.js"></script>\n'
    )
    checked = invoke_here(moved_site, "check")
    assert checked.returncode != 0
    assert "check: skipped the Nu HTML checker" in checked.stdout
    [listed_load] = [line for line in checked.stdout.splitlines() if "tracker" in line]
    page, line, element = listed_load.split(": ")
    assert page == "first.html"
    assert element == "<script src=https://tracker.example.com/t.js>"
    invoke_here(moved_site, "preview")
    html = (moved_site / "output" / "first.html").read_text().splitlines()
    assert "tracker.example.com" in html[int(line) - 1]


def test_the_tasks_outside_a_site_folder_say_where_to_run_them(
    moved_site: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "tasks.py").write_text((moved_site / "tasks.py").read_text())
    result = invoke_here(elsewhere, "--list")
    assert result.returncode != 0
    assert f"No pelicanconf.py in {elsewhere}" in result.stderr
    assert "Traceback" not in result.stderr
