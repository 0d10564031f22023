"""Time from saving a post to seeing it in the open page, with `invoke livereload`.

    .venv/bin/python benchmarks/livereload_latency.py [--rounds 5]

Starts the livereload task on the demo site (content cache on) on a free
loopback port, opens an article in Debian's Chromium, then, each round,
appends a marked sentence to the post and times until the page shows it.
The post is restored afterwards, whatever happens. Goal: under 2 s.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from chromium import CHROMIUM, CHROMIUM_ARGS
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
POST = ROOT / "content" / "posts" / "whats-in-pass-at-k.md"
ARTICLE = "/posts/2026/06/whats-in-pass-at-k/"


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_served(url: str, deadline: float) -> None:
    """Wait until ``url`` answers."""
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def main() -> None:
    """Measure, print each round and the median; exit 1 over 2 s."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    port = free_port()
    invoke = str(Path(sys.executable).with_name("invoke"))
    server = subprocess.Popen(
        [invoke, "livereload"],
        cwd=ROOT,
        env={**os.environ, "SCHOLAR_PORT": str(port)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    original = POST.read_text(encoding="utf-8")
    times = []
    try:
        url = f"http://127.0.0.1:{port}{ARTICLE}"
        wait_until_served(url, time.monotonic() + 60)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=list(CHROMIUM_ARGS)
            )
            page = browser.new_page()
            page.goto(url)
            page.wait_for_timeout(1000)
            for number in range(1, rounds + 1):
                marker = f"Livereload marker {number} {time.time_ns()}."
                started = time.monotonic()
                POST.write_text(original + f"\n\n{marker}\n", encoding="utf-8")
                page.wait_for_selector(f"text={marker}", timeout=30_000)
                times.append(time.monotonic() - started)
                print(f"round {number}: {times[-1]:.2f} s")
            browser.close()
    finally:
        POST.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=10)
    median = statistics.median(times)
    print(f"median {median:.2f} s over {rounds} edits (goal: under 2 s)")
    sys.exit(0 if median < 2 else 1)


if __name__ == "__main__":
    main()
