"""Lighthouse scores of the demo site, against the theme's budget (>= 95).

    python benchmarks/lighthouse_audit.py        (make bench-theme does it all)

Builds the demo with publishconf.py (SITEURL on 127.0.0.1), serves it on a
free loopback port, runs Lighthouse (npm, benchmarks/lighthouse/) in Debian's
Chromium on the home page, Posts by Tags and an article, and prints the
performance, accessibility, best-practices and SEO scores. Exits 1 when any
score is under the budget.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "benchmarks" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
PAGES = {
    "home": "/",
    "tags": "/tags/",
    "article": "/posts/2026/06/whats-in-pass-at-k/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
BUDGET = 95
CHROME_FLAGS = " ".join(("--headless=new", *CHROMIUM_ARGS))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the build without logging every request."""

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet."""


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def scores(url: str) -> dict[str, int]:
    """Run Lighthouse on ``url``; return each category's score out of 100."""
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report.name}",
                f"--chrome-flags={CHROME_FLAGS}",
                f"--only-categories={','.join(CATEGORIES)}",
            ],
            check=True,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
        )
        categories = json.loads(Path(report.name).read_text())["categories"]
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}


def main() -> None:
    """Build, serve, audit, print; exit 1 below the budget."""
    port = free_port()
    with tempfile.TemporaryDirectory() as output:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pelican",
                "content",
                "-s",
                "publishconf.py",
                "-o",
                output,
                "--fatal",
                "errors",
                "-q",
            ],
            cwd=ROOT,
            check=True,
            env={**os.environ, "SCHOLAR_SITEURL": f"http://127.0.0.1:{port}"},
        )
        handler = functools.partial(QuietHandler, directory=output)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            results = {
                name: scores(f"http://127.0.0.1:{port}{path}")
                for name, path in PAGES.items()
            }
        finally:
            server.shutdown()
    print(f"{'page':<10}" + "".join(f"{name:>16}" for name in CATEGORIES))
    for name, values in results.items():
        print(f"{name:<10}" + "".join(f"{values[c]:>16}" for c in CATEGORIES))
    worst = min(min(values.values()) for values in results.values())
    print(f"lowest score {worst}; budget {BUDGET}")
    sys.exit(0 if worst >= BUDGET else 1)


if __name__ == "__main__":
    main()
