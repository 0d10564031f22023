"""The ``pelican-scholar`` command: ``import academicpages SRC DEST``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .site_writer import ImportRefused, import_site


def _parser() -> argparse.ArgumentParser:
    """Return the command line: one command, ``import``, with one source kind."""
    parser = argparse.ArgumentParser(
        prog="pelican-scholar", description="Tools of the pelican-scholar bundle."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    importing = commands.add_parser(
        "import", help="write a Pelican site from another site generator's"
    )
    importing.add_argument(
        "kind", choices=["academicpages"], help="what the old site is"
    )
    importing.add_argument("source", type=Path, help="the old site's folder")
    importing.add_argument("dest", type=Path, help="the new site's folder")
    importing.add_argument(
        "--force", action="store_true", help="replace DEST if it exists"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command; return its exit status (0: the site was written)."""
    arguments = _parser().parse_args(argv)
    try:
        report = import_site(arguments.source, arguments.dest, force=arguments.force)
    except ImportRefused as refusal:
        print(f"pelican-scholar: {refusal}", file=sys.stderr)  # noqa: T201
        return 1
    print(  # noqa: T201
        report.render(str(arguments.source), str(arguments.dest)), end=""
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
