"""The import's report: what was converted, and everything that needs a hand.

Each finding is one line ``PATH:LINE: message`` (``PATH: message`` when no
line applies), ``PATH`` relative to the imported site, so an editor or a
terminal can jump to it. The report is printed and saved as
``IMPORT-REPORT.md`` in the new site.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .conversion import Converted

REPORT_FILE = "IMPORT-REPORT.md"


@dataclass(frozen=True, order=True)
class Entry:
    """One thing the import could not carry over by itself."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


@dataclass
class Report:
    """What an import converted, by kind, and its findings, in source order."""

    converted: Counter[str] = field(default_factory=Counter)
    changes: Counter[str] = field(default_factory=Counter)
    findings: list[Entry] = field(default_factory=list)

    def count(self, kind: str, number: int = 1) -> None:
        """Count ``number`` files of ``kind`` ("posts", "static files"...)."""
        self.converted[kind] += number

    def note(self, path: str, line: int | None, message: str) -> None:
        """Record a finding about ``path`` (at ``line``, when there is one)."""
        self.findings.append(Entry(path, line, message))

    def add(self, path: str, result: Converted, first_line: int = 1) -> None:
        """Take in a body conversion of ``path`` whose text began at ``first_line``."""
        self.changes.update(result.changes)
        for finding in result.findings:
            self.note(path, finding.line + first_line - 1, finding.message)

    def render(self, source: str, destination: str) -> str:
        """Return the report as Markdown."""
        lines = [
            "# Import report",
            "",
            f"From `{source}` to `{destination}`.",
            "",
            "## Converted",
            "",
        ]
        lines += [f"- {kind}: {number}" for kind, number in self.converted.items()]
        if self.changes:
            lines += ["", "Changes made to the text:", ""]
            lines += [
                f"- {kind}: {number}" for kind, number in sorted(self.changes.items())
            ]
        lines += ["", f"## Needs a hand ({len(self.findings)})", ""]
        if self.findings:
            lines += [
                f"- {entry}" for entry in sorted(self.findings, key=_source_order)
            ]
        else:
            lines.append("Nothing: every file and construct was converted.")
        return "\n".join(lines) + "\n"


def _source_order(entry: Entry) -> tuple[str, int]:
    """Sort findings by file, then line (file-wide findings first)."""
    return entry.path, entry.line or 0
