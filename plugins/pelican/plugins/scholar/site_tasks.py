"""Invoke tasks that build, check, serve and deploy a Pelican site.

Any site can use them: a ``tasks.py`` beside its ``pelicanconf.py`` that
holds ``from pelican.plugins.scholar.site_tasks import *`` makes them its own,
and ``invoke --list`` shows them (run invoke from the site's folder; every
path below is relative to it). Arguments after ``--`` go to pelican, e.g.
``invoke build -- --verbose``. Every setting in :data:`CONFIG` can be
overridden from the environment.

It needs the task tools (invoke; ghp-import for ``gh-pages``), which plain
users of the plugin do not: the plugin itself never imports this module.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from socketserver import ThreadingMixIn
from zoneinfo import ZoneInfo

from invoke import task
from invoke.exceptions import Exit
from invoke.main import program
from pelican import main as pelican_main
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer
from pelican.settings import DEFAULT_CONFIG, get_settings_from_file
from pelican.utils import slugify

from pelican.plugins.scholar.sitecheck import (
    broken_links,
    drafts_in,
    external_loads_in,
)

__all__ = [
    "build",
    "check",
    "clean",
    "gh_pages",
    "livereload",
    "new_post",
    "preview",
    "publish",
    "rebuild",
    "regenerate",
    "reserve",
    "serve",
]

#: Where ``npm ci`` puts the Nu HTML checker (npm ``vnu-jar``) in a site's folder.
DEFAULT_VNU_JAR = "node_modules/vnu-jar/build/dist/vnu.jar"

SETTINGS_FILE_BASE = os.environ.get("SCHOLAR_SETTINGS", "pelicanconf.py")
if not Path(SETTINGS_FILE_BASE).is_file():
    raise SystemExit(
        f"No {SETTINGS_FILE_BASE} in {Path.cwd()}: run invoke from the site's "
        "folder (or name the settings file in SCHOLAR_SETTINGS)"
    )
SETTINGS = {**DEFAULT_CONFIG, **get_settings_from_file(SETTINGS_FILE_BASE)}

CONFIG = {
    # Settings files for local builds and for production.
    "settings_base": SETTINGS_FILE_BASE,
    "settings_publish": os.environ.get("SCHOLAR_SETTINGS_PUBLISH", "publishconf.py"),
    # Where the site is built, relative to the site's folder unless absolute.
    "deploy_path": os.environ.get("SCHOLAR_OUTPUT", SETTINGS["OUTPUT_PATH"]),
    # Address of `serve`: loopback only unless you say otherwise.
    "host": os.environ.get("SCHOLAR_HOST", "127.0.0.1"),
    "port": int(os.environ.get("SCHOLAR_PORT", "8000")),
    # publish: rsync over ssh to USER@HOST:PATH on PORT; extra ssh options
    # (an identity file, host-key settings) in SCHOLAR_SSH_OPTIONS.
    "ssh_user": os.environ.get("SCHOLAR_SSH_USER", ""),
    "ssh_host": os.environ.get("SCHOLAR_SSH_HOST", ""),
    "ssh_port": os.environ.get("SCHOLAR_SSH_PORT", "22"),
    "ssh_path": os.environ.get("SCHOLAR_SSH_PATH", ""),
    "ssh_options": os.environ.get("SCHOLAR_SSH_OPTIONS", ""),
    # gh-pages: the git remote and branch ghp-import pushes to, and a CNAME.
    "github_pages_remote": os.environ.get("SCHOLAR_GH_REMOTE", "origin"),
    "github_pages_branch": os.environ.get("SCHOLAR_GH_BRANCH", "gh-pages"),
    "github_pages_cname": os.environ.get("SCHOLAR_GH_CNAME", ""),
    # The Nu HTML checker that `check` runs (npm vnu-jar, installed by make);
    # without it at the default place, `check` skips it and says so.
    "vnu_jar": os.environ.get("SCHOLAR_VNU_JAR", ""),
}


class SiteRequestHandler(ComplexHTTPRequestHandler):
    """Pelican's handler, but a missing page gets a 404 with the site's 404.html.

    (Pelican's own handler sends no response at all for a missing path.)
    """

    def do_GET(self):
        """Serve the file, or answer 404 with the site's 404 page."""
        if self.get_path_that_exists(self.path.split("?", 1)[0]) is not None:
            super().do_GET()
            return
        not_found = Path(self.translate_path("/404.html"))
        body = not_found.read_bytes() if not_found.is_file() else b"Not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


# Pelican exits 0 after logging an ERROR; this makes such a build fail.
FAIL_ON_ERRORS = ["--fatal", "errors"]


@task
def clean(c):
    """Remove the built site."""
    if Path(CONFIG["deploy_path"]).is_dir():
        shutil.rmtree(CONFIG["deploy_path"])


@task
def build(c):
    """Build the site (cached, incremental); output replaced only on success."""
    build_atomically(CONFIG["settings_base"], cached=True)


@task
def rebuild(c):
    """Clear the content caches (Pelican's and the plugin's), then build."""
    cache = Path(SETTINGS.get("CACHE_PATH") or "cache")
    if cache.is_dir():
        shutil.rmtree(cache)
    build_atomically(CONFIG["settings_base"], cached=True)


@task
def regenerate(c):
    """Rebuild whenever content, theme or settings change."""
    pelican_run(["-r", "-s", CONFIG["settings_base"]])


@task
def serve(c):
    """Serve the built site at http://HOST:PORT/ (default 127.0.0.1:8000)."""

    class AddressReuseServer(RootedHTTPServer):
        allow_reuse_address = True

    server = AddressReuseServer(
        CONFIG["deploy_path"],
        (CONFIG["host"], CONFIG["port"]),
        SiteRequestHandler,
    )
    host, port = server.server_address[:2]
    sys.stderr.write(f"Serving {CONFIG['deploy_path']} at http://{host}:{port}/\n")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        sys.stderr.write("Stopped.\n")
    finally:
        server.server_close()


@task
def livereload(c):
    """Serve the site, rebuild on every change and reload the open page."""
    from pelican.plugins.scholar.live_reload import (  # noqa: PLC0415
        LiveSite,
        serve_live,
    )

    class LiveServer(ThreadingMixIn, RootedHTTPServer):
        allow_reuse_address = True
        daemon_threads = True

    settings_file = Path(CONFIG["settings_base"])
    theme = Path(SETTINGS["THEME"])
    overrides = [Path(p) for p in SETTINGS.get("THEME_TEMPLATES_OVERRIDES") or []]
    output = Path(CONFIG["deploy_path"])
    serve_live(
        LiveSite(
            settings_file=str(settings_file),
            output_path=output,
            watched=(Path(SETTINGS["PATH"]), theme, *overrides, settings_file),
            ignored=(output, Path(SETTINGS.get("CACHE_PATH") or "cache")),
            address=(CONFIG["host"], CONFIG["port"]),
            handler=SiteRequestHandler,
            server_class=LiveServer,
        )
    )


@task
def reserve(c):
    """Build, then serve."""
    build(c)
    serve(c)


@task
def preview(c):
    """Build the production version of the site (publishconf.py)."""
    build_atomically(CONFIG["settings_publish"])


@task(
    help={
        "title": "the post's title",
        "tags": "comma-separated tags",
        "draft": "write it with Status: draft",
    }
)
def new_post(c, title, tags="", draft=False):
    """Write a new post's Markdown skeleton and print its path."""
    content = Path(SETTINGS["PATH"]) / (SETTINGS["ARTICLE_PATHS"] or [""])[0]
    slug = slugify(
        title,
        regex_subs=SETTINGS.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=False,
        use_unicode=SETTINGS.get("SLUGIFY_USE_UNICODE", False),
    )
    if not slug:
        raise Exit(f"Cannot make a file name from the title {title!r}", code=1)
    path = content / f"{slug}.md"
    if path.exists():
        raise Exit(f"{path} already exists; not overwriting it", code=1)
    now = datetime.now(ZoneInfo(SETTINGS.get("TIMEZONE") or "UTC"))
    header = [f"Title: {title}", f"Date: {now:%Y-%m-%d %H:%M}", f"Slug: {slug}"]
    if tags:
        header.append(
            "Tags: " + ", ".join(t.strip() for t in tags.split(",") if t.strip())
        )
    if draft:
        header.append("Status: draft")
    header.append("Summary: ")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(header) + "\n\nWrite here.\n", encoding="utf-8")
    print(path)


@task
def check(c):
    """Build for production in a temporary folder and list every problem."""
    with tempfile.TemporaryDirectory(prefix="scholar-check-") as folder:
        checked_production_build(Path(folder))
    print("check: no problems")


@task(help={"dry_run": "show what would change on the server, change nothing"})
def publish(c, dry_run=False):
    """Build, check, then rsync the site to the server (untouched on failure)."""
    if not (CONFIG["ssh_host"] and CONFIG["ssh_path"]):
        raise Exit("publish: set SCHOLAR_SSH_HOST and SCHOLAR_SSH_PATH", code=1)
    user = f"{CONFIG['ssh_user']}@" if CONFIG["ssh_user"] else ""
    destination = f"{user}{CONFIG['ssh_host']}:{CONFIG['ssh_path'].rstrip('/')}/"
    ssh = " ".join(["ssh", "-p", CONFIG["ssh_port"], CONFIG["ssh_options"]]).strip()
    with tempfile.TemporaryDirectory(prefix="scholar-publish-") as folder:
        checked_production_build(Path(folder))
        # By checksum, without times: a fresh build of unchanged pages sends nothing.
        command = ["rsync", "-rlpcz", "--delete", "--stats", "-e", ssh]
        command += ["--dry-run", "--itemize-changes"] if dry_run else []
        run_or_exit([*command, f"{folder}/", destination], "publish: rsync failed")


@task(help={"cname": "write this domain to a CNAME file (overrides SCHOLAR_GH_CNAME)"})
def gh_pages(c, cname=""):
    """Build, check, then commit the site to the GitHub Pages branch and push it."""
    cname = cname or CONFIG["github_pages_cname"]
    source = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="scholar-ghpages-") as folder:
        checked_production_build(Path(folder))
        if cname:
            (Path(folder) / "CNAME").write_text(cname + "\n", encoding="utf-8")
        message = f"Publish the site built from {source or 'an uncommitted tree'}"
        ghp_import = str(Path(sys.executable).with_name("ghp-import"))
        run_or_exit(
            [
                ghp_import,
                "-n",
                "-p",
                "-f",
                "-r",
                CONFIG["github_pages_remote"],
                "-b",
                CONFIG["github_pages_branch"],
                "-m",
                message,
                folder,
            ],
            "gh-pages: ghp-import failed",
        )


def checked_production_build(folder: Path) -> None:
    """Build with the production settings into ``folder``; exit listing any problem."""
    folder.chmod(0o755)
    try:
        pelican_run(["-s", CONFIG["settings_publish"], "--fatal", "warnings"], folder)
    except SystemExit as failure:
        if failure.code:
            raise Exit(
                "check: the production build logged a warning or an error", code=1
            ) from None
    publish_settings = get_settings_from_file(CONFIG["settings_publish"])
    problems = html_errors(folder)
    problems += [
        f"{link.page}: {link.href}: {link.problem}"
        for link in broken_links(folder, publish_settings.get("SITEURL", ""))
    ]
    problems += [f"{page}: a draft in the build" for page in drafts_in(folder)]
    problems += [
        load.describe()
        for load in external_loads_in(folder, publish_settings.get("SITEURL", ""))
    ]
    for problem in problems:
        print(problem)
    if problems:
        raise Exit(f"check: {len(problems)} problem(s)", code=1)


def run_or_exit(command: list[str], failure: str) -> None:
    """Run ``command`` (its output shown); exit with ``failure`` if it fails."""
    if subprocess.run(command, check=False).returncode != 0:
        raise Exit(failure, code=1)


def html_errors(folder: Path) -> list[str]:
    """Run the Nu HTML checker over ``folder``; return its error lines.

    A jar named by ``SCHOLAR_VNU_JAR`` must exist; without that variable, a
    site with no jar at :data:`DEFAULT_VNU_JAR` (or no ``java``) skips the
    checker, with a message, and the other checks still run.
    """
    vnu = Path(CONFIG["vnu_jar"] or DEFAULT_VNU_JAR)
    if not vnu.is_file():
        if CONFIG["vnu_jar"]:
            return [f"{vnu} is missing (SCHOLAR_VNU_JAR): run `npm ci` or unset it"]
        print(
            f"check: skipped the Nu HTML checker: no {DEFAULT_VNU_JAR} here "
            "(`npm install vnu-jar` or set SCHOLAR_VNU_JAR to use it)"
        )
        return []
    if shutil.which("java") is None:
        print("check: skipped the Nu HTML checker: no `java` on PATH")
        return []
    # C1 only (with the deep stack the HTML schema then needs): one short run
    # of the checker takes half the CPU time of the default JIT.
    java = ["java", "-Xss16m", "-XX:TieredStopAtLevel=1", "-jar", str(vnu)]
    result = subprocess.run(
        [*java, "--errors-only", "--skip-non-html", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = (result.stderr or result.stdout).splitlines()
    lines = [line.replace(f"file:{folder}/", "") for line in lines if line.strip()]
    ignored = verification_files(folder)
    return [line for line in lines if line.split(":", 1)[0].strip('"') not in ignored]


def verification_files(folder: Path) -> set[str]:
    """Return Google's site verification files in ``folder`` (relative paths).

    Google Search Console asks for a ``google<code>.html`` file whose whole
    text is ``google-site-verification: google<code>.html``: not HTML, and
    not to be changed, so the Nu checker's errors on it are no problem.
    """
    found = set()
    for path in folder.glob("google*.html"):
        text = path.read_text(encoding="utf-8", errors="replace").strip()
        if text == f"google-site-verification: {path.name}":
            found.add(path.name)
    return found


def build_atomically(settings_file: str, *, cached: bool = False) -> None:
    """Build into a fresh folder beside the output; replace it only on success.

    A failed build leaves the previous output exactly as it was, so nothing
    half-written is ever served or deployed. ``cached`` turns Pelican's
    content cache on and lets the scholar plugin reuse unchanged pages of the
    previous output (incremental writes).
    """
    target = Path(CONFIG["deploy_path"]).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(
        tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent)
    )
    staging.chmod(0o755)
    try:
        arguments = ["-s", settings_file, *FAIL_ON_ERRORS]
        if cached:
            arguments += [
                "-e",
                "CACHE_CONTENT=true",
                "LOAD_CONTENT_CACHE=true",
                f"SCHOLAR_PREVIOUS_OUTPUT={json.dumps(str(target))}",
            ]
        pelican_run(arguments, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    replace_folder(target, staging)


def replace_folder(target: Path, replacement: Path) -> None:
    """Put ``replacement`` where ``target`` is, with two renames."""
    previous = None
    if target.exists():
        previous = target.with_name(f".{target.name}.previous-{os.getpid()}")
        target.rename(previous)
    replacement.rename(target)
    if previous is not None:
        shutil.rmtree(previous)


def pelican_run(arguments: list[str], output: Path | None = None) -> None:
    """Run pelican in this process with the arguments given after ``--``."""
    arguments = [*arguments, "-o", str(output or CONFIG["deploy_path"])]
    pelican_main([*arguments, *shlex.split(program.core.remainder)])
