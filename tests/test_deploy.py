"""Deploys against real servers on 127.0.0.1: rsync over ssh, and GitHub Pages.

The sshd is started by the test, on a free loopback port, with throwaway host
and client keys in tmp_path, and stopped by its PID. GitHub Pages is a local
bare git repository.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from conftest import BROKEN_POST, free_port, invoke, tree

SSHD = "/usr/sbin/sshd"
PUBLISHCONF = (
    "import os, sys\nsys.path.append(os.path.dirname(__file__))\nfrom pelicanconf import *\n"
    "SITEURL = 'https://blog.example.org'\nRELATIVE_URLS = False\n"
    "DRAFT_SAVE_AS = ''\nDRAFT_PAGE_SAVE_AS = ''\n"
)
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
}


@pytest.fixture
def site(site_with_tasks: Path) -> Path:
    """The fixture site with production settings that never write drafts."""
    (site_with_tasks / "publishconf.py").write_text(PUBLISHCONF)
    (
        site_with_tasks / "content" / "posts" / "gamma.md"
    ).unlink()  # <style> in body on purpose
    return site_with_tasks


def run_task(
    site: Path, *arguments: str, **env: str
) -> subprocess.CompletedProcess[str]:
    return invoke(site, *arguments, **GIT_IDENTITY, **env)


@pytest.fixture
def sshd(tmp_path: Path):
    """A real sshd on 127.0.0.1; yields the environment that points publish at it."""
    if not Path(SSHD).is_file() or shutil.which("rsync") is None:
        pytest.fail("openssh-server and rsync are needed: run scripts/system-deps test")
    keys = tmp_path / "keys"
    keys.mkdir()
    for name in ("host", "client"):
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(keys / name)],
            check=True,
        )
    (keys / "authorized_keys").write_text((keys / "client.pub").read_text())
    port = free_port()
    config = keys / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {keys / 'host'}\n"
        f"PidFile {keys / 'sshd.pid'}\nAuthorizedKeysFile {keys / 'authorized_keys'}\n"
        "PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\n"
        "StrictModes no\nPermitRootLogin prohibit-password\n"
    )
    Path("/run/sshd").mkdir(parents=True, exist_ok=True)
    subprocess.run([SSHD, "-f", str(config), "-E", str(keys / "sshd.log")], check=True)
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                pytest.fail((keys / "sshd.log").read_text())
            time.sleep(0.1)
    remote = tmp_path / "remote"
    remote.mkdir()
    options = (
        f"-i {keys / 'client'} -o IdentitiesOnly=yes -o StrictHostKeyChecking=no "
        f"-o UserKnownHostsFile={keys / 'known_hosts'} -o BatchMode=yes"
    )
    yield (
        remote,
        {
            "SCHOLAR_SSH_HOST": "127.0.0.1",
            "SCHOLAR_SSH_PORT": str(port),
            "SCHOLAR_SSH_PATH": str(remote),
            "SCHOLAR_SSH_OPTIONS": options,
        },
    )
    os.kill(int((keys / "sshd.pid").read_text()), signal.SIGTERM)


def test_publish_mirrors_the_build_and_never_breaks_the_remote(
    site: Path, sshd
) -> None:
    remote, env = sshd
    first = run_task(site, "publish", **env)
    assert first.returncode == 0, first.stdout + first.stderr
    assert run_task(site, "preview").returncode == 0  # the same build, locally
    assert tree(remote) == tree(site / "output")

    # Nothing changed: nothing is sent.
    second = run_task(site, "publish", **env)
    assert second.returncode == 0
    assert "Number of regular files transferred: 0" in second.stdout

    # A deleted post disappears remotely.
    (site / "content" / "posts" / "beta.md").unlink()
    assert run_task(site, "publish", **env).returncode == 0
    assert not (remote / "beta.html").exists()
    published = tree(remote)

    # A failing build, or a failing check, leaves the remote byte for byte as it was.
    (site / "content" / "posts" / "broken.md").write_text(BROKEN_POST)
    assert run_task(site, "publish", **env).returncode != 0
    (site / "content" / "posts" / "broken.md").unlink()
    (site / "content" / "pages" / "links.md").write_text(
        "Title: Links\nSlug: links\n\n[gone](/tags/#no-such-tag)\n"
    )
    failed = run_task(site, "publish", **env)
    assert failed.returncode != 0
    assert "no such anchor" in failed.stdout
    assert tree(remote) == published


def test_publish_never_sends_a_draft_and_dry_run_changes_nothing(
    site: Path, sshd
) -> None:
    remote, env = sshd
    (site / "content" / "posts" / "wip.md").write_text(
        "Title: Work in progress\nDate: 2024-09-09\nStatus: draft\n\ntext\n"
    )
    dry = run_task(site, "publish", "--dry-run", **env)
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert list(remote.iterdir()) == []
    assert run_task(site, "publish", **env).returncode == 0
    assert (remote / "alpha.html").is_file()
    assert not any("work-in-progress" in name for name in tree(remote))


def test_publish_needs_a_destination(site: Path) -> None:
    result = run_task(site, "publish", SCHOLAR_SSH_HOST="", SCHOLAR_SSH_PATH="")
    assert result.returncode != 0
    assert "set SCHOLAR_SSH_HOST and SCHOLAR_SSH_PATH" in result.stdout + result.stderr


def git_output(repository: Path, *arguments: str) -> str:
    """Run ``git ARGUMENTS`` in ``repository``; return what it printed."""
    return subprocess.run(
        ["git", *arguments],
        cwd=repository,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_gh_pages_pushes_exactly_the_build(site: Path, tmp_path: Path) -> None:
    bare = tmp_path / "pages.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    git = {**os.environ, **GIT_IDENTITY}
    for command in (
        ["git", "init", "-q", "-b", "main"],
        ["git", "add", "."],
        ["git", "commit", "-q", "-m", "source"],
        ["git", "remote", "add", "origin", str(bare)],
    ):
        subprocess.run(command, cwd=site, check=True, env=git)
    source = git_output(site, "rev-parse", "--short", "HEAD").strip()
    result = run_task(site, "gh-pages", "--cname", "blog.example.org")
    assert result.returncode == 0, result.stdout + result.stderr

    assert run_task(site, "preview").returncode == 0
    expected = set(tree(site / "output")) | {"CNAME", ".nojekyll"}
    listed = git_output(bare, "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert set(listed) == expected
    message = git_output(bare, "log", "-1", "--format=%s", "gh-pages").strip()
    assert source in message
    cname = git_output(bare, "show", "gh-pages:CNAME")
    assert cname == "blog.example.org\n"
