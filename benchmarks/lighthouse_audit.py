"""Lighthouse scores of the demo site, against the theme's budgets.

    python benchmarks/lighthouse_audit.py        (make bench-theme does it all)

Builds the demo with publishconf.py (SITEURL on 127.0.0.1), serves it on a
free loopback port, gzip-compressed as every static host serves text (GitHub
Pages, Netlify, Cloudflare Pages, nginx's gzip), runs Lighthouse (npm,
benchmarks/lighthouse/; its default, a mid-range phone on a slow 4G link) in
Debian's Chromium on the home page, Posts by Tags, the formula-heavy article,
the longest article and search, and prints the performance, accessibility,
best-practices and SEO scores. Budgets (issue 16): performance at least 95,
the other three 100; exits 1 when a score is under its budget.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
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
    "longest": "/posts/2026/08/multi-agent-role-playing/",
    "search": "/search/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
BUDGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
#: What a static host sends compressed.
COMPRESSED = (".html", ".css", ".js", ".svg", ".json", ".xml", ".txt")
CHROME_FLAGS = " ".join(("--headless=new", *CHROMIUM_ARGS))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the build, text gzip-compressed, without logging every request."""

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet."""

    def send_head(self) -> io.BufferedIOBase | None:
        """Send text compressed when the client accepts gzip, as static hosts do."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path /= "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


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
    under = [
        f"{page} {category} {values[category]} < {BUDGETS[category]}"
        for page, values in results.items()
        for category in CATEGORIES
        if values[category] < BUDGETS[category]
    ]
    print("under budget: " + ("; ".join(under) if under else "nothing"))
    sys.exit(1 if under else 0)


if __name__ == "__main__":
    main()
