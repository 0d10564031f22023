"""The invoke tasks, run as a user runs them, on a copy of the fixture site."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO_ROOT, run_pelican

INVOKE = str(Path(sys.executable).with_name("invoke"))
BROKEN_POST = "Title: Broken\nDate: not a date\n\nbody\n"


def invoke(site: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [INVOKE, *arguments],
        cwd=site,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        check=False,
        timeout=300,
    )


@pytest.fixture
def site_with_tasks(fixture_site: Path) -> Path:
    shutil.copy(REPO_ROOT / "tasks.py", fixture_site / "tasks.py")
    return fixture_site


def test_list_shows_every_task_with_its_docstring(site_with_tasks: Path) -> None:
    result = invoke(site_with_tasks, "--list")
    assert result.returncode == 0, result.stderr
    listed = {
        line.split()[0]: line for line in result.stdout.splitlines()[1:] if line.strip()
    }
    for name in [
        "clean",
        "build",
        "rebuild",
        "regenerate",
        "serve",
        "reserve",
        "preview",
    ]:
        assert name in listed
        assert len(listed[name].split()) > 1, f"{name} has no docstring"


def test_build_writes_the_site(site_with_tasks: Path) -> None:
    result = invoke(site_with_tasks, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site_with_tasks / "output" / "tags" / "index.html").is_file()


def test_build_fails_when_pelican_logs_an_error(
    site_with_tasks: Path, tmp_path: Path
) -> None:
    (site_with_tasks / "content" / "posts" / "broken.md").write_text(BROKEN_POST)
    # Pelican alone logs the error and still exits 0 ...
    plain = run_pelican(site_with_tasks, tmp_path / "plain")
    assert plain.returncode == 0
    assert "Could not process" in plain.stdout + plain.stderr
    # ... the build task does not.
    result = invoke(site_with_tasks, "build")
    assert result.returncode != 0
    assert "Could not process" in result.stdout + result.stderr


def test_arguments_after_double_dash_reach_pelican(site_with_tasks: Path) -> None:
    result = invoke(site_with_tasks, "build", "--", "-e", "READTIME_WPM=0")
    assert result.returncode != 0
    assert "READTIME_WPM must be a positive integer" in result.stdout + result.stderr


def test_clean_removes_the_output(site_with_tasks: Path) -> None:
    assert invoke(site_with_tasks, "build").returncode == 0
    assert invoke(site_with_tasks, "clean").returncode == 0
    assert not (site_with_tasks / "output").exists()


def test_preview_uses_the_production_settings(site_with_tasks: Path) -> None:
    (site_with_tasks / "publishconf.py").write_text(
        "import os, sys\nsys.path.append(os.curdir)\nfrom pelicanconf import *\n"
        "SITEURL = 'https://blog.example.org'\nRELATIVE_URLS = False\n"
    )
    result = invoke(site_with_tasks, "preview")
    assert result.returncode == 0, result.stdout + result.stderr
    home = (site_with_tasks / "output" / "index.html").read_text()
    assert 'href="https://blog.example.org/alpha.html"' in home


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, deadline: float) -> str:
    """GET ``url``, retrying until the server is up or ``deadline`` passes."""
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except urllib.error.HTTPError:
            raise
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_serve_serves_the_built_site_on_loopback(site_with_tasks: Path) -> None:
    config = site_with_tasks / "pelicanconf.py"
    config.write_text(
        config.read_text()
        + '\nDIRECT_TEMPLATES = ["index", "tags", "categories", "authors", "archives", "404"]\n'
    )
    assert invoke(site_with_tasks, "build").returncode == 0
    port = free_port()
    server = subprocess.Popen(
        [INVOKE, "serve"],
        cwd=site_with_tasks,
        env={**os.environ, "SCHOLAR_PORT": str(port)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        page = fetch(f"http://127.0.0.1:{port}/tags/", time.monotonic() + 20)
        assert "Posts by Tags" in page
        assert "2 minute read" in page
        with pytest.raises(urllib.error.HTTPError) as missing:
            fetch(f"http://127.0.0.1:{port}/no/such/page/", time.monotonic() + 5)
        assert missing.value.code == 404
        assert "Page not found" in missing.value.read().decode()
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in stderr
