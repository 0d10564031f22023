"""Debian's Chromium, and the flags every headless run here starts it with.

One place for the browser tests (``tests/conftest.py``), the live-reload
benchmark and the Lighthouse audit: no downloads, no background traffic, no
first-run screens, so a run reaches nothing but 127.0.0.1.
"""

from __future__ import annotations

from typing import Final

CHROMIUM: Final = "/usr/bin/chromium"
CHROMIUM_ARGS: Final = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
