"""Tasks to build and serve the site: ``invoke --list`` shows them.

Arguments after ``--`` go to pelican, e.g. ``invoke build -- --verbose``.
Every setting below can be overridden from the environment.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import task
from invoke.main import program
from pelican import main as pelican_main
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer
from pelican.settings import DEFAULT_CONFIG, get_settings_from_file

SETTINGS_FILE_BASE = os.environ.get("SCHOLAR_SETTINGS", "pelicanconf.py")
SETTINGS = {**DEFAULT_CONFIG, **get_settings_from_file(SETTINGS_FILE_BASE)}

CONFIG = {
    # Settings files for local builds and for production.
    "settings_base": SETTINGS_FILE_BASE,
    "settings_publish": os.environ.get("SCHOLAR_SETTINGS_PUBLISH", "publishconf.py"),
    # Where the site is built, relative to this file unless absolute.
    "deploy_path": os.environ.get("SCHOLAR_OUTPUT", SETTINGS["OUTPUT_PATH"]),
    # Address of `serve`: loopback only unless you say otherwise.
    "host": os.environ.get("SCHOLAR_HOST", "127.0.0.1"),
    "port": int(os.environ.get("SCHOLAR_PORT", "8000")),
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
    """Build the site with the local settings."""
    pelican_run(["-s", CONFIG["settings_base"], *FAIL_ON_ERRORS])


@task
def rebuild(c):
    """Empty the output folder, then build."""
    pelican_run(["-d", "-s", CONFIG["settings_base"], *FAIL_ON_ERRORS])


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
def reserve(c):
    """Build, then serve."""
    build(c)
    serve(c)


@task
def preview(c):
    """Build the production version of the site (publishconf.py)."""
    pelican_run(["-s", CONFIG["settings_publish"], *FAIL_ON_ERRORS])


def pelican_run(arguments: list[str]) -> None:
    """Run pelican in this process with the arguments given after ``--``."""
    arguments = [*arguments, "-o", CONFIG["deploy_path"]]
    pelican_main([*arguments, *shlex.split(program.core.remainder)])
