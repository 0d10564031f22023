"""`invoke check`'s Nu HTML checker step on a built folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import VNU_JAR

from pelican.plugins.scholar import site_tasks

VALID = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
    "<title>T</title></head><body><p>Hi.</p></body></html>\n"
)


def test_google_verification_files_are_not_html_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not VNU_JAR.is_file():
        pytest.fail(f"{VNU_JAR} is missing: run `make setup` (npm ci) first")
    monkeypatch.setitem(site_tasks.CONFIG, "vnu_jar", str(VNU_JAR))
    (tmp_path / "index.html").write_text(VALID, encoding="utf-8")
    name = "googlee19f89aeace26d92.html"
    (tmp_path / name).write_text(f"google-site-verification: {name}", "utf-8")
    (tmp_path / "google-broken.html").write_text("<p>not a page", "utf-8")
    errors = site_tasks.html_errors(tmp_path)
    assert errors  # a real page with errors is still reported
    assert all(line.startswith('"google-broken.html"') for line in errors), errors
