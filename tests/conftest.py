"""Shared helpers: where things are, and how to build a site in a subprocess.

Sites are built in a subprocess because Pelican's signal receivers stay
connected for the life of a process: an in-process build would leak the
plugin's handlers into every later test.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import http.server
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, Request
from playwright.sync_api import Error as PlaywrightError

REPO_ROOT = Path(__file__).resolve().parent.parent
# Runtime dependencies as wheels (``make setup`` fills it), and Pelican's sdist.
WHEELHOUSE = Path(
    os.environ.get("SCHOLAR_WHEELHOUSE", REPO_ROOT / ".venv" / "wheelhouse")
)
FIXTURES = REPO_ROOT / "tests" / "fixtures"
FIXTURE_SITE = FIXTURES / "site"
LAYOUT_SITE = FIXTURES / "layout"
INVOKE = str(Path(sys.executable).with_name("invoke"))
VNU_JAR = REPO_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
#: Settings for a test site that builds no feeds and keeps no cache.
NO_FEEDS_NO_CACHE = """\
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
"""
# A post Pelican cannot read ("Could not process"), logged as an error.
BROKEN_POST = "Title: Broken\nDate: not a date\n\nbody\n"


def session_processes(session: int) -> dict[int, str]:
    """The live processes of ``session`` (Linux ``/proc``), with their command lines."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            state, _, _, sid = stat.read_text().rsplit(")", 1)[1].split()[:4]
            if int(sid) == session and state != "Z":
                cmdline = (stat.parent / "cmdline").read_bytes()
                found[int(stat.parent.name)] = cmdline.replace(b"\0", b" ").decode()
    return found


def run_in_session(
    command: list[str], cwd: Path, env: dict[str, str], timeout: float = 300
) -> tuple[subprocess.CompletedProcess[str], dict[int, str]]:
    """Run ``command``; return its result and the processes it left (killed).

    It runs in a session of its own, its output going to files, not pipes: a
    process left behind (a Node.js render server, say) would hold pipes open
    and stall the test until the timeout. What is left in the session when
    ``command`` ends is killed.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=out, stderr=err, start_new_session=True
        )
        try:
            process.wait(timeout=timeout)
        finally:
            left = session_processes(process.pid)
            deadline = time.monotonic() + 2  # time to exit on their own
            while left and time.monotonic() < deadline:
                time.sleep(0.05)
                left = session_processes(process.pid)
            for pid in left:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            process.wait()
        out.seek(0)
        err.seek(0)
        result = subprocess.CompletedProcess(
            command,
            process.returncode,
            out.read().decode(errors="replace"),
            err.read().decode(errors="replace"),
        )
    return result, left


def fail_for_leftovers(
    command: list[str], left: dict[int, str], result: subprocess.CompletedProcess[str]
) -> None:
    """Fail the test: ``command`` left processes running."""
    pytest.fail(
        f"{' '.join(command)} left {len(left)} process(es) running (killed): "
        + "; ".join(left.values())
        + f"\n{result.stdout}{result.stderr}"
    )


def run_to_the_end(
    command: list[str], cwd: Path, env: dict[str, str], timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run ``command`` as :func:`run_in_session`; fail the test if it left a process."""
    result, left = run_in_session(command, cwd, env, timeout)
    if left:
        fail_for_leftovers(command, left, result)
    return result


def run_pelican(
    site: Path,
    output: Path,
    *extra: str,
    python: str = sys.executable,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Build ``site`` (its ``content/`` and ``pelicanconf.py``) into ``output``.

    ``env`` adds environment variables. Pelican runs in a session of its own,
    killed once it exits: a helper it started and left behind (a render
    server whose start failed) neither outlives the test nor holds its
    output open.
    """
    command = [
        python,
        "-m",
        "pelican",
        "content",
        "-s",
        "pelicanconf.py",
        "-o",
        str(output),
        "--log-handler",
        "plain",
        *extra,
    ]
    result, left = run_in_session(
        command, cwd=site, env={**os.environ, "COLUMNS": "200", **(env or {})}
    )
    # pelican-katex leaves its server behind when its start fails (below);
    # any other process left running is a bug of the build.
    if left and not katex_start_failed(result):
        fail_for_leftovers(command, left, result)
    return result


def katex_start_failed(result: subprocess.CompletedProcess[str]) -> bool:
    """Tell whether a build failed as pelican-katex's render server started."""
    log = "".join((result.stdout + result.stderr).split())  # rich wraps lines
    return (
        result.returncode != 0
        and "ConnectionRefusedError" in log
        and "pelican_katex" in log
        and "start_unix_socket" in log
    )


def run_pelican_retrying(
    site: Path, output: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """:func:`run_pelican`, again (twice at most) if pelican-katex failed to start.

    pelican-katex connects to its render server as soon as the socket file
    exists, which can be before the server listens: a start-up race that a
    busy machine makes likelier, and no fault of the site or this bundle.
    Run with ``--fatal errors``, so that the failure shows.
    """
    result = run_pelican(site, output, *extra, env=env)
    for _ in range(2):
        if not katex_start_failed(result):
            break
        result = run_pelican(site, output, *extra, env=env)
    return result


def build_or_fail(site: Path, output: Path, *extra: str) -> None:
    """Build with ``--fatal errors``; fail the test with Pelican's log if it fails."""
    result = run_pelican_retrying(site, output, "--fatal", "errors", *extra)
    if result.returncode != 0:
        pytest.fail(
            f"pelican failed ({result.returncode}):\n{result.stdout}{result.stderr}"
        )


def write_site(site: Path, files: dict[str, str], settings: str) -> Path:
    """Write ``files`` under ``site/content`` and ``settings`` as pelicanconf.py."""
    for name, text in files.items():
        path = site / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (site / "pelicanconf.py").write_text(settings, encoding="utf-8")
    return site


def build_published_or_fail(site: Path, output: Path, site_url: str) -> None:
    """Build ``site`` with its ``publishconf.py`` at ``site_url`` (``SCHOLAR_SITEURL``).

    ``--fatal errors``; fail the test with Pelican's log if it fails.
    """
    result = run_pelican_retrying(
        site,
        output,
        "-s",
        "publishconf.py",
        "--fatal",
        "errors",
        env={"SCHOLAR_SITEURL": site_url},
    )
    if result.returncode != 0:
        pytest.fail(f"publishconf build failed:\n{result.stdout}{result.stderr}")


def invoke(site: Path, *arguments: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``invoke ARGUMENTS`` in ``site`` as a user would; ``env`` adds variables."""
    return run_to_the_end(
        [INVOKE, *arguments],
        cwd=site,
        env={**os.environ, "COLUMNS": "200", "SCHOLAR_VNU_JAR": str(VNU_JAR), **env},
    )


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request."""

    def log_message(self, format: str, *args: object) -> None:
        """Log nothing."""


@contextlib.contextmanager
def served(folder: Path, handler: type[QuietHandler] = QuietHandler) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 from a thread; yield its URL (no final ``/``)."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder))
    )
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_task(
    site: Path, task: str, port: int, *, keep_stderr: bool = False
) -> subprocess.Popen[str]:
    """Start ``invoke TASK`` in ``site``, serving on 127.0.0.1:``port``.

    Its stderr is piped (read it with ``communicate``) only if ``keep_stderr``.
    """
    return subprocess.Popen(
        [INVOKE, task],
        cwd=site,
        env={**os.environ, "SCHOLAR_PORT": str(port)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE if keep_stderr else subprocess.DEVNULL,
        text=True,
    )


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


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, by relative path, with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file()
    }


def soup(path: Path) -> BeautifulSoup:
    """Parse a built HTML file."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def copy_site(source: Path, site: Path) -> Path:
    """Copy the site in ``source`` (its content and settings) to ``site``.

    Tests build copies, never the checkout's folders: a build writes its
    content cache (``cache/``) and, through the invoke tasks, its output and
    staging folders beside its settings.
    """
    shutil.copytree(source, site, ignore=shutil.ignore_patterns("cache", "output"))
    return site


@pytest.fixture
def fixture_site(tmp_path: Path) -> Path:
    """A private, writable copy of the fixture site."""
    return copy_site(FIXTURE_SITE, tmp_path / "site")


@pytest.fixture
def site_with_tasks(fixture_site: Path) -> Path:
    """The fixture site with the repository's tasks.py beside it."""
    shutil.copy(REPO_ROOT / "tasks.py", fixture_site / "tasks.py")
    return fixture_site


@pytest.fixture(scope="session")
def built_fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site, built once per session; returns the output folder."""
    root = tmp_path_factory.mktemp("fixture-built")
    build_or_fail(copy_site(FIXTURE_SITE, root / "site"), root / "output")
    return root / "output"


# --- the bundle as another site gets it: the wheel in a fresh venv -----------


def isolated_env(**extra: str) -> dict[str, str]:
    """This process's environment without ``PYTHONPATH`` and ``VIRTUAL_ENV``."""
    env = {
        k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}
    }
    return {**env, **extra}


def run_isolated(*command: str | Path, cwd: Path, stdin: str | None = None) -> str:
    """Run ``command`` outside this checkout's environment; return its stdout.

    ``PYTHONPATH`` and ``VIRTUAL_ENV`` are dropped, so a fresh venv's tools see
    only what is installed there. Fails the test, with the output, on a
    non-zero exit.
    """
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env=isolated_env(),
    )
    if result.returncode != 0:
        pytest.fail(f"{command} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def run_python(
    script: str, *arguments: str | Path, cwd: Path, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run ``script`` with this Python in ``cwd``; the test fails if it does."""
    result = subprocess.run(
        [sys.executable, "-c", script, *map(str, arguments)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle's wheel, built once per session from this checkout."""
    dist = tmp_path_factory.mktemp("dist")
    run_isolated(
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


@pytest.fixture(scope="session")
def fresh_venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv with only the wheel and its dependencies, installed offline."""
    if not any(WHEELHOUSE.glob("pelican-*.whl")):
        pytest.fail(f"no wheelhouse at {WHEELHOUSE}: run `make setup` first")
    venv = tmp_path_factory.mktemp("venv")
    # Without pip of its own (ensurepip takes seconds): this venv's pip installs
    # into it.
    run_isolated(sys.executable, "-m", "venv", "--without-pip", venv, cwd=venv)
    run_isolated(
        sys.executable,
        "-m",
        "pip",
        "--python",
        venv / "bin" / "python",
        "install",
        "--quiet",
        "--no-compile",
        "--no-index",
        "--find-links",
        WHEELHOUSE,
        wheel,
        cwd=venv,
    )
    # Compiled once here: where PYTHONDONTWRITEBYTECODE is set, every build
    # would otherwise compile Pelican and its dependencies again (1.1 s each).
    run_isolated(
        venv / "bin" / "python",
        "-m",
        "compileall",
        "-q",
        "-j",
        "0",
        venv / "lib",
        cwd=venv,
    )
    return venv


# The benchmarks' helpers serve the tests too: the browser and the posts.
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from generate_posts import write_posts  # noqa: E402

# --- browser tests (pytest-playwright with Debian's Chromium) ----------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch the system Chromium, never a downloaded one, offline-friendly."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (.ci/run does)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": list(CHROMIUM_ARGS),
    }


#: A fresh Playwright page's viewport.
DEFAULT_VIEWPORT = {"width": 1280, "height": 720}


#: axe-core, the accessibility checker the browser tests run in each page.
AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_url() -> Iterator[str]:
    """axe-core's script, served on 127.0.0.1 for the session: its URL.

    Loaded by URL rather than inlined, the browser keeps its compiled code
    between the pages of a context: ~60 ms less on each page checked.
    """
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make setup` (npm ci) first")
    with served(AXE.parent) as url:
        yield f"{url}/{AXE.name}"


@dataclasses.dataclass
class Requests:
    """What a page requested (:func:`watch_requests`)."""

    urls: list[str] = dataclasses.field(default_factory=list)
    pending: set[Request] = dataclasses.field(default_factory=set)

    @property
    def hosts(self) -> set[str]:
        """The host of every URL requested."""
        return {urlparse(url).hostname or "" for url in self.urls}


def watch_requests(page: Page) -> Requests:
    """Record, from now on, every request ``page`` makes and those not answered."""
    requests = Requests()

    def asked(request: Request) -> None:
        requests.urls.append(request.url)
        requests.pending.add(request)

    def answered(request: Request) -> None:  # Playwright calls functions only
        requests.pending.discard(request)

    page.on("request", asked)
    page.on("requestfinished", answered)
    page.on("requestfailed", answered)
    return requests


def settle(page: Page, requests: Requests, timeout: float = 15) -> None:
    """Wait, after ``load``, until ``page`` made every request it makes and got
    every answer (``requests`` from :func:`watch_requests`).

    After ``load`` the browser still asks for the page's icon, and scripts may
    still run timers and animation frames that fetch: wait until each icon was
    requested, the page went through its event loop (a frame and a timer
    after it), and nothing is pending. Quicker than ``networkidle``, which
    also waits 500 ms of quiet after the last answer.
    """
    deadline = time.monotonic() + timeout
    icons = page.eval_on_selector_all("link[rel~=icon]", "ls => ls.map(l => l.href)")
    while True:
        if set(icons) <= set(requests.urls) and not requests.pending:
            page.evaluate(
                "() => new Promise(done => requestAnimationFrame("
                "() => setTimeout(done, 0)))"
            )
            if not requests.pending:
                return
        if time.monotonic() > deadline:
            pytest.fail(f"still waiting for {icons} or {requests.pending}")
        page.wait_for_timeout(10)


def save_screenshot(page: Page, path: Path, attempts: int = 3) -> None:
    """Save a screenshot of ``page`` for people to look at (test-artifacts).

    Chromium sometimes answers "Unable to capture screenshot" when asked
    just after a resize on a busy machine (two test workers): it is asked
    again after a frame or two, and the last failure is raised.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(1, attempts + 1):
        try:
            page.screenshot(path=str(path), full_page=False)
        except PlaywrightError as error:
            if "Unable to capture screenshot" not in str(error) or attempt == attempts:
                raise
            page.wait_for_timeout(200)
        else:
            return


@pytest.fixture(scope="session")
def shared_page(browser: Browser) -> Iterator[Page]:
    """One page, in a browser context of its own, kept for the whole session."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.fixture
def reused_page(shared_page: Page) -> Page:
    """The session's shared page, set back to a fresh page's viewport and scheme.

    Opening a page costs about half a second; tests that only navigate, resize,
    emulate a colour scheme and evaluate scripts reuse this one. A test that
    stores anything (localStorage, cookies) or listens to events takes
    pytest-playwright's ``page`` instead.
    """
    shared_page.set_viewport_size(DEFAULT_VIEWPORT)
    shared_page.emulate_media(color_scheme="light")
    shared_page.goto("about:blank")
    return shared_page


# --- fast builds (parallel reading, memo, incremental writes) -----------------


TEST_PLUGINS = REPO_ROOT / "tests" / "fixtures" / "plugins"
CORE_PLUGIN = "pelican.plugins.scholar"
SPEED_PLUGIN = "pelican.plugins.scholar.speed"
NO_CACHE = ("CACHE_CONTENT=false", "LOAD_CONTENT_CACHE=false")
CACHE = ("CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true")


def reference_settings(site: Path) -> None:
    """Let ``site`` load the test plugins when asked to."""
    with (site / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write(f"\nPLUGIN_PATHS = [{str(TEST_PLUGINS)!r}]\n")


def verbose_build_log(
    site: Path, output: Path, *settings: str, env: dict[str, str] | None = None
) -> str:
    """Build into ``output`` as it is, failing on errors; return the log.

    The log is Pelican's verbose one (INFO included, so the speed plugin's
    counts), with runs of white space made one space: the rich handler wraps
    long lines.
    """
    result = run_pelican_retrying(
        site,
        output,
        "--fatal",
        "errors",
        "--verbose",
        "--log-handler",
        "rich",  # the plain handler drops INFO messages
        "-e",
        "SCHOLAR_PARALLEL_PROCESSES=2",
        *settings,
        env=env,
    )
    log = " ".join((result.stdout + result.stderr).split())
    assert result.returncode == 0, log
    return log


def cached_build_log(
    site: Path, output: Path, *settings: str, env: dict[str, str] | None = None
) -> str:
    """:func:`verbose_build_log` with Pelican's content caches on."""
    return verbose_build_log(site, output, *CACHE, *settings, env=env)


def plugins_setting(site: Path, *, speed: bool, extra: Sequence[str] = ()) -> str:
    """The ``-e`` value that loads the core plugin, the speed plugin if asked,
    pelican_katex when ``site`` uses it, and ``extra``."""
    plugins = [CORE_PLUGIN, *([SPEED_PLUGIN] if speed else [])]
    if "pelican_katex" in (site / "pelicanconf.py").read_text(encoding="utf-8"):
        plugins.append("pelican_katex")
    return f"PLUGINS={json.dumps([*plugins, *extra])}"


def build(site: Path, output: Path, *settings: str, speed: bool = True) -> None:
    """Build ``site`` into ``output`` (emptied first) with extra settings.

    With ``speed``, the speed plugin is loaded, with two workers even on a
    one-core machine, so the parallel path is tested; without it, the build
    is the plain one every faster build must equal.
    """
    shutil.rmtree(output, ignore_errors=True)
    extra = [
        "SCHOLAR_PARALLEL_PROCESSES=2",
        plugins_setting(site, speed=speed),
        *settings,
    ]
    build_or_fail(site, output, "-e", *extra)


def copy_demo(site: Path) -> Path:
    """Copy the demo site to ``site``: its content and both settings files."""
    shutil.copytree(REPO_ROOT / "content", site / "content")
    for settings in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(REPO_ROOT / settings, site / settings)
    return site


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    """A private copy of the demo site: its content and settings files."""
    return copy_demo(tmp_path / "demo")


@dataclasses.dataclass(frozen=True)
class BuiltTwice:
    """The demo built twice into one folder, caches on (:func:`demo_built_twice`)."""

    output: Path
    first: str  # each build's log (:func:`cached_build_log`)
    second: str


@pytest.fixture(scope="session")
def demo_built_twice(tmp_path_factory: pytest.TempPathFactory) -> BuiltTwice:
    """A copy of the demo built twice with the caches on, into the same folder.

    Each build runs in a process of its own with another string hash seed (1,
    then 2), as two ``make build`` would: what the second reuses must not
    depend on the order of a set. Built once per session.
    """
    root = tmp_path_factory.mktemp("demo-built-twice")
    site, output = copy_demo(root / "demo"), root / "out"
    first = cached_build_log(site, output, env={"PYTHONHASHSEED": "1"})
    second = cached_build_log(site, output, env={"PYTHONHASHSEED": "2"})
    return BuiltTwice(output, first, second)


# The demo's two builds, each made once per session and shared, read-only, by
# every test that only looks at the demo's output.

#: A file the production build's output folder holds before the build.
STALE_PAGE = "left-over.html"
#: The production address the shared build gets, as a user might write it.
DEMO_SITEURL = "https://blog.example.net/"


@pytest.fixture(scope="session")
def demo_local(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo built as ``make build`` builds it; returns the output folder.

    ``invoke build`` (content cache on, incremental writes, ``--fatal
    errors``) in a fresh copy, so the cache starts empty and stays in the copy.
    """
    root = tmp_path_factory.mktemp("demo-local")
    site = copy_demo(root / "site")
    shutil.copy(REPO_ROOT / "tasks.py", site / "tasks.py")
    result = invoke(site, "build", SCHOLAR_OUTPUT=str(root / "output"))
    if result.returncode != 0:
        pytest.fail(f"invoke build failed:\n{result.stdout}{result.stderr}")
    return root / "output"


@pytest.fixture(scope="session")
def site_url(demo_local: Path) -> Iterator[str]:
    """The demo, built as `make build` builds it, served on 127.0.0.1."""
    with served(demo_local) as url:
        yield url


@pytest.fixture(scope="session")
def demo_production(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's production build (``publishconf.py``); returns the output folder.

    Plain ``pelican`` with ``--fatal errors`` and ``SCHOLAR_SITEURL`` set to
    :data:`DEMO_SITEURL`, into a folder that already holds :data:`STALE_PAGE`.
    """
    root = tmp_path_factory.mktemp("demo-production")
    site = copy_demo(root / "site")
    output = root / "output"
    output.mkdir()
    (output / STALE_PAGE).write_text("from an earlier build", encoding="utf-8")
    result = run_pelican(
        site,
        output,
        "-s",
        "publishconf.py",
        "--fatal",
        "errors",
        env={"SCHOLAR_SITEURL": DEMO_SITEURL},
    )
    if result.returncode != 0:
        pytest.fail(f"pelican failed:\n{result.stdout}{result.stderr}")
    return output


#: How many posts :func:`write_generated_site` writes: enough for three pages of
#: the paginated listings (ten a page) and for the posts the tests edit
#: (post-00020) and delete (post-00007); each more post costs every build.
GENERATED_POSTS = 24


@pytest.fixture
def generated_site(tmp_path: Path) -> Path:
    """:data:`GENERATED_POSTS` generated research posts with the demo's settings."""
    return write_generated_site(tmp_path / "generated")


@pytest.fixture(scope="session")
def generated_reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The plain way's output (core plugin alone, no cache) of :func:`generated_site`.

    Built once per session, from a copy of its own: every faster build of
    an unchanged generated site must equal it.
    """
    root = tmp_path_factory.mktemp("generated-reference")
    site = write_generated_site(root / "generated")
    build(site, root / "output", *NO_CACHE, speed=False)
    return tree(root / "output")


#: What the tests that edit a generated post append to post-00020: quotes and a
#: double hyphen, which typogrify changes.
GENERATED_EDIT = '\nAn "edited" paragraph -- new.\n'


def edit_generated_post(site: Path) -> None:
    """Append :data:`GENERATED_EDIT` to post-00020 of the generated ``site``."""
    post = site / "content" / "post-00020.md"
    post.write_text(post.read_text(encoding="utf-8") + GENERATED_EDIT, "utf-8")


@pytest.fixture(scope="session")
def edited_generated_reference(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, bytes]:
    """:func:`generated_reference` with post-00020 edited (:func:`edit_generated_post`).

    Built once per session, the plain way, from a copy of its own.
    """
    root = tmp_path_factory.mktemp("edited-generated-reference")
    site = write_generated_site(root / "generated")
    edit_generated_post(site)
    build(site, root / "output", *NO_CACHE, speed=False)
    return tree(root / "output")


def write_generated_site(site: Path) -> Path:
    """Write the generated posts and the demo's settings into ``site``."""
    write_posts(site / "content", GENERATED_POSTS)
    shutil.copy(REPO_ROOT / "pelicanconf.py", site / "pelicanconf.py")
    with (site / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write(
            '\nARTICLE_PATHS = [""]\nPAGE_PATHS = []\nSTATIC_PATHS = []\n'
            "SCHOLAR_SEARCH = False\n"
        )
    reference_settings(site)
    return site


# --- two workers ---------------------------------------------------------------
# The suite runs on two pytest-xdist workers (pyproject.toml's addopts), each
# with its own session fixtures. Each test file stays on one worker, so its
# module fixtures are made once; the files that use one of the costly session
# fixtures below share a worker, so it is made once too.

#: Session fixtures worth making once: files using one share its worker.
SHARED_ON_ONE_WORKER: tuple[str, ...] = ("wheel", "generated_reference")


def worker_group(items: Sequence[pytest.Item]) -> dict[str, str]:
    """The xdist group of each test file: its own name, or a shared fixture's."""
    groups: dict[str, str] = {}
    for item in items:
        path = str(item.path)
        shared = next(
            (name for name in SHARED_ON_ONE_WORKER if name in item.fixturenames), None
        )
        if shared is not None:
            groups[path] = shared
        else:
            groups.setdefault(path, item.path.name)
    return groups


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test with its file's group (:func:`worker_group`)."""
    groups = worker_group(items)
    for item in items:
        item.add_marker(pytest.mark.xdist_group(groups[str(item.path)]))


# --- the checkout stays as it was ----------------------------------------------
# A build run in the checkout would write its content cache, its output or the
# invoke tasks' staging folders there, and a later build could read them. Each
# test fails (at teardown) if such a file appeared or changed while it ran.

_BUILD_LEFTOVERS = pytest.StashKey[dict[str, int]]()


def checkout_build_files() -> dict[str, int]:
    """Every file in the checkout's build folders, with its modification time.

    The folders are ``cache/``, ``output/`` and ``.output.*`` of the repository
    and of each fixture site.
    """
    found = {}
    for root in (REPO_ROOT, *sorted(p for p in FIXTURES.iterdir() if p.is_dir())):
        for folder in (root / "cache", root / "output", *root.glob(".output.*")):
            for path in (folder, *folder.rglob("*")) if folder.is_dir() else ():
                with contextlib.suppress(FileNotFoundError):
                    found[str(path.relative_to(REPO_ROOT))] = path.stat().st_mtime_ns
    return found


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    """Note the checkout's build files before the test and its fixtures run."""
    item.stash[_BUILD_LEFTOVERS] = checkout_build_files()
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """Fail the test if it (or a fixture) wrote into the checkout's build folders."""
    result = yield
    before = item.stash.get(_BUILD_LEFTOVERS, None)
    if before is not None:
        after = checkout_build_files()
        written = sorted(path for path in after if after[path] != before.get(path))
        if written:
            pytest.fail(
                "written into the checkout while this test ran (tests build in "
                f"tmp_path): {', '.join(written[:10])}",
                pytrace=False,
            )
    return result


@pytest.fixture
def texts_given_to_pybtex(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each text the bibliography reader hands pybtex during the test, in order."""
    from pelican.plugins.scholar import bibliography  # noqa: PLC0415

    given: list[str] = []
    parse = bibliography._parse_leniently

    def spying(text: str, macros: dict[str, str]) -> object:
        given.append(text)
        return parse(text, macros)

    monkeypatch.setattr(bibliography, "_parse_leniently", spying)
    return given


def entries_in(text: str) -> list[str]:
    """The keys of the entries a text given to pybtex holds (not blanked out)."""
    from pelican.plugins.scholar import bibliography  # noqa: PLC0415

    return [key for _line, key, _offset in bibliography._entry_starts(text)]
