"""scripts/system-deps: the system tools make needs, found, installed or asked for.

The script runs on a fake machine: a folder whose ``bin/`` is the whole PATH
(stub commands, plus bash and a real Python) and whose ``root/`` stands for /
(``SYSTEM_DEPS_ROOT``) where Chromium and sshd are looked for by path. A fake
``id`` says who runs it. A fake ``apt-get`` logs its calls, and ``install``
copies each named package, a folder of the same layout under ``packages/``,
onto the machine. Nothing real is checked or installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO_ROOT

SCRIPT = REPO_ROOT / "scripts" / "system-deps"
JAVA_17 = "echo 'openjdk version \"17.0.15\" 2025-04-15' >&2"
# Every tool the tests use, as (package, path in the machine, stub body).
TOOLS = [
    ("make", "bin/make", ""),
    ("nodejs", "bin/node", "echo v20.20.2"),
    ("npm", "bin/npm", ""),
    ("chromium", "root/usr/bin/chromium", ""),
    ("libatomic1", "root/usr/lib/x86_64-linux-gnu/libatomic.so.1", ""),
    ("default-jre-headless", "bin/java", JAVA_17),
    ("openssh-server", "root/usr/sbin/sshd", ""),
    ("openssh-client", "bin/ssh", ""),
    ("openssh-client", "bin/ssh-keygen", ""),
    ("rsync", "bin/rsync", ""),
    ("git", "bin/git", ""),
    ("jekyll", "bin/jekyll", ""),
    # Debian installs a gem's library in one of two places.
    (
        "ruby-jekyll-feed",
        "root/usr/share/rubygems-integration/all/gems/jekyll-feed-0.17.0/lib/jekyll-feed.rb",
        "",
    ),
    ("ruby-jekyll-gist", "root/usr/lib/ruby/vendor_ruby/jekyll-gist.rb", ""),
    ("ruby-jekyll-sitemap", "root/usr/lib/ruby/vendor_ruby/jekyll-sitemap.rb", ""),
    (
        "ruby-jekyll-redirect-from",
        "root/usr/lib/ruby/vendor_ruby/jekyll-redirect-from.rb",
        "",
    ),
]
FAKE_APT_GET = """\
#!/bin/sh
echo "$DEBIAN_FRONTEND $*" >> {log}
[ "$1" = install ] || exit 0
for name in "$@"; do
    if [ -d {packages}/"$name" ]; then /bin/cp -R {packages}/"$name"/. {machine}/; fi
done
"""


def write_stub(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)


class Machine:
    """A fake machine for the script: every tool present until removed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "machine"
        self.packages = folder / "packages"
        self.apt_log = folder / "apt-get.log"
        for package, path, body in TOOLS:
            write_stub(self.folder / path, body)
            write_stub(self.packages / package / path, body)
        bin_folder = self.folder / "bin"
        (bin_folder / "bash").symlink_to(shutil.which("bash"))
        (bin_folder / "python3").symlink_to(sys.executable)
        write_stub(
            bin_folder / "apt-get",
            FAKE_APT_GET.format(
                log=self.apt_log, packages=self.packages, machine=self.folder
            ),
        )

    def remove(self, *paths: str) -> None:
        for path in paths:
            (self.folder / path).unlink()

    def stub(self, path: str, body: str) -> None:
        write_stub(self.folder / path, body)

    def apt_calls(self) -> list[str]:
        if not self.apt_log.exists():
            return []
        return self.apt_log.read_text().splitlines()

    def run(
        self, mode: str, *, uid: int, **env: str
    ) -> subprocess.CompletedProcess[str]:
        self.stub("bin/id", f"echo {uid}")
        return subprocess.run(
            [str(SCRIPT), mode],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
            env={
                "PATH": str(self.folder / "bin"),
                "SYSTEM_DEPS_ROOT": str(self.folder / "root"),
                **env,
            },
        )


@pytest.fixture
def machine(tmp_path: Path) -> Machine:
    return Machine(tmp_path)


NOT_ROOT = 1000
# The tools only the tests use, missing, as on a machine that builds the site.
FRESH = (
    "root/usr/bin/chromium",
    "root/usr/lib/x86_64-linux-gnu/libatomic.so.1",
    "bin/java",
    "root/usr/sbin/sshd",
    "bin/rsync",
    "bin/jekyll",
    *(path for package, path, _ in TOOLS if package.startswith("ruby-jekyll-")),
)
FRESH_PACKAGES = (
    "chromium libatomic1 default-jre-headless openssh-server rsync jekyll"
    " ruby-jekyll-feed ruby-jekyll-gist ruby-jekyll-sitemap ruby-jekyll-redirect-from"
)


@pytest.mark.parametrize("uid", [0, NOT_ROOT])
def test_with_everything_present_it_exits_0_at_once_and_installs_nothing(
    machine: Machine, uid: int
) -> None:
    start = time.monotonic()
    result = machine.run("test", uid=uid)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert time.monotonic() - start < 10
    assert machine.apt_calls() == []


def test_as_a_user_it_stops_naming_each_missing_tool_and_the_command(
    machine: Machine,
) -> None:
    machine.remove(*FRESH)
    result = machine.run("test", uid=NOT_ROOT)
    assert result.returncode == 1
    assert machine.apt_calls() == []
    lines = result.stderr.splitlines()
    assert lines[0] == "The tests need what this machine lacks:"
    missing = [line for line in lines if line.startswith("  - ")]
    assert len(missing) == 10
    for line, (what, package) in zip(
        missing,
        [
            (f"Chromium at {machine.folder}/root/usr/bin/chromium", "chromium"),
            ("libatomic.so.1, which Playwright's own Node.js loads", "libatomic1"),
            ("Java 17 or newer as java", "default-jre-headless"),
            (f"sshd at {machine.folder}/root/usr/sbin/sshd", "openssh-server"),
            ("rsync", "rsync"),
            ("Jekyll as jekyll, which builds the fixture academicpages", "jekyll"),
            *(
                (f"the Jekyll plugin {name}, which the fixture", f"ruby-{name}")
                for name in (
                    "jekyll-feed",
                    "jekyll-gist",
                    "jekyll-sitemap",
                    "jekyll-redirect-from",
                )
            ),
        ],
        strict=True,
    ):
        assert line.startswith(f"  - {what}")
        assert line.endswith(f"(package {package})")
    assert (
        "  sudo apt-get update && sudo apt-get install --no-install-recommends "
        f"{FRESH_PACKAGES}"
    ) in lines


def test_as_root_it_installs_only_the_missing_packages_then_passes(
    machine: Machine,
) -> None:
    machine.remove(*FRESH)
    result = machine.run("test", uid=0)
    assert result.returncode == 0, result.stderr
    assert machine.apt_calls() == [
        "noninteractive update -qq",
        "noninteractive install -y -qq --no-install-recommends --no-remove "
        + FRESH_PACKAGES,
    ]
    assert all((machine.folder / path).is_file() for path in FRESH)
    assert machine.run("test", uid=0).returncode == 0
    assert len(machine.apt_calls()) == 2  # nothing left to install


def test_what_apt_get_did_not_bring_is_reported(machine: Machine) -> None:
    machine.remove("bin/rsync", "root/usr/sbin/sshd")
    shutil.rmtree(machine.packages / "openssh-server")  # not in this archive
    result = machine.run("test", uid=0)
    assert result.returncode == 1
    assert len(machine.apt_calls()) == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "Installing openssh-server rsync (Debian packages)"
    assert lines[1] == (
        "apt-get installed openssh-server rsync, yet the tests need what is still "
        "missing:"
    )
    sshd = machine.folder / "root/usr/sbin/sshd"
    still_missing = f"  - sshd at {sshd}, which the deploy tests start on 127.0.0.1"
    assert [line for line in lines if line.startswith("  - ")] == [
        f"{still_missing} (package openssh-server)"
    ]


def test_an_old_node_is_reported_and_never_replaced_even_as_root(
    machine: Machine,
) -> None:
    machine.stub("bin/node", "echo v12.22.9")
    machine.remove("bin/rsync")
    result = machine.run("test", uid=0)
    assert result.returncode == 1
    assert machine.apt_calls() == []  # nothing changed on a run bound to fail
    assert (
        "  - Node.js 18 or newer as node, which is v12.22.9 and is never replaced"
        in result.stderr
    )
    assert "sudo apt-get install --no-install-recommends rsync\n" in result.stderr


@pytest.mark.parametrize(
    ("version_line", "major"),
    [('openjdk version "11.0.20" 2023-07-18', 11), ('java version "1.8.0_392"', 8)],
)
def test_an_old_java_asks_for_debians_default_java(
    machine: Machine, version_line: str, major: int
) -> None:
    machine.stub("bin/java", f"echo '{version_line}' >&2")
    result = machine.run("test", uid=NOT_ROOT)
    assert result.returncode == 1
    assert (
        f"  - Java 17 or newer as java (it is Java {major}), for the Nu HTML checker "
        "(package default-jre-headless)"
    ) in result.stderr.splitlines()


def test_build_checks_only_what_building_needs(machine: Machine) -> None:
    machine.remove(*FRESH, "bin/git", "bin/ssh")
    assert machine.run("build", uid=NOT_ROOT).returncode == 0
    machine.remove("bin/node", "bin/npm")
    result = machine.run("build", uid=NOT_ROOT)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "Building the site needs what this machine lacks:"
    assert len([line for line in lines if line.startswith("  - ")]) == 2
    assert (
        "  sudo apt-get update && sudo apt-get install --no-install-recommends "
        "nodejs npm"
    ) in lines


def test_a_python_without_ensurepip_asks_for_python3_venv(
    machine: Machine, tmp_path: Path
) -> None:
    # Debian's python3 without python3-venv has no ensurepip module.
    (tmp_path / "no-ensurepip").mkdir()
    (tmp_path / "no-ensurepip" / "ensurepip.py").write_text("raise ImportError\n")
    result = machine.run(
        "build", uid=NOT_ROOT, PYTHONPATH=str(tmp_path / "no-ensurepip")
    )
    assert result.returncode == 1
    assert "(package python3-venv)" in result.stderr
    assert "--no-install-recommends python3-venv\n" in result.stderr


def test_an_old_python_is_reported_with_the_way_to_name_another(
    machine: Machine,
) -> None:
    machine.stub("bin/python3.10", "echo 3.10")
    result = machine.run("build", uid=0, PYTHON="python3.10")
    assert result.returncode == 1
    assert machine.apt_calls() == []
    assert (
        "  - Python 3.11 or newer as python3.10, which is 3.10: install one, then "
        "run make with PYTHON=python3.X"
    ) in result.stderr.splitlines()


def test_a_machine_without_python3_gets_python3_and_its_venv_together(
    machine: Machine,
) -> None:
    machine.remove("bin/python3")
    result = machine.run("build", uid=NOT_ROOT)
    assert result.returncode == 1
    assert (
        "  sudo apt-get update && sudo apt-get install --no-install-recommends "
        "python3 python3-venv"
    ) in result.stderr.splitlines()


@pytest.mark.parametrize("os_release", ["ID=ubuntu\n", 'NAME="Ubuntu"\nID="ubuntu"\n'])
def test_on_ubuntu_a_missing_chromium_is_not_asked_of_apt_get(
    machine: Machine, os_release: str
) -> None:
    (machine.folder / "root/etc").mkdir(parents=True)
    (machine.folder / "root/etc/os-release").write_text(os_release)
    machine.remove("root/usr/bin/chromium", "bin/rsync")
    result = machine.run("test", uid=0)
    assert result.returncode == 1
    assert machine.apt_calls() == []
    chromium = machine.folder / "root/usr/bin/chromium"
    assert (
        f"  - Chromium at {chromium}, for the browser tests: Ubuntu packages "
        "Chromium only as a snap, not there; install a build at that path "
        "(Debian packages one)"
    ) in result.stderr.splitlines()
    assert "sudo apt-get install --no-install-recommends rsync\n" in result.stderr


def test_on_debian_a_missing_chromium_is_the_chromium_package(
    machine: Machine,
) -> None:
    (machine.folder / "root/etc").mkdir(parents=True)
    (machine.folder / "root/etc/os-release").write_text('ID=debian\nVERSION_ID="12"\n')
    machine.remove("root/usr/bin/chromium")
    result = machine.run("test", uid=NOT_ROOT)
    assert "--no-install-recommends chromium\n" in result.stderr


# --- the callers: the Makefile's targets and .ci/run ---------------------------


def fake_checkout(folder: Path, verdict: int) -> Path:
    """The Makefile and .ci/run beside a system-deps that logs and exits ``verdict``."""
    folder.mkdir()
    shutil.copy(REPO_ROOT / "Makefile", folder / "Makefile")
    (folder / ".ci").mkdir()
    shutil.copy(REPO_ROOT / ".ci" / "run", folder / ".ci" / "run")
    write_stub(
        folder / "scripts" / "system-deps",
        f'echo "system-deps $* PYTHON=$PYTHON" >> {folder / "log"}\nexit {verdict}',
    )
    return folder


@pytest.mark.parametrize(
    ("target", "mode"), [("test", "test"), ("build", "build"), ("serve", "build")]
)
def test_make_runs_the_check_before_anything_else(
    tmp_path: Path, target: str, mode: str
) -> None:
    checkout = fake_checkout(tmp_path / "checkout", verdict=1)
    before = sorted(p.name for p in checkout.iterdir())
    result = subprocess.run(
        ["make", target, "PYTHON=python3.12"],
        cwd=checkout,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode != 0
    assert (checkout / "log").read_text() == f"system-deps {mode} PYTHON=python3.12\n"
    # It stopped there: no .venv, no node_modules, nothing else written.
    assert sorted(p.name for p in checkout.iterdir()) == sorted([*before, "log"])


def test_ci_runs_the_check_then_make_test(tmp_path: Path) -> None:
    checkout = fake_checkout(tmp_path / "checkout", verdict=0)
    fake_bin = tmp_path / "bin"
    write_stub(fake_bin / "make", f'echo "make $*" >> {checkout / "log"}')
    result = subprocess.run(
        ["bash", str(checkout / ".ci" / "run")],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={
            **{name: value for name, value in os.environ.items() if name != "PYTHON"},
            "PATH": f"{fake_bin}:{os.environ['PATH']}",
        },
    )
    assert result.returncode == 0, result.stderr
    assert (checkout / "log").read_text().splitlines() == [
        "system-deps test PYTHON=",
        "make test",
    ]
