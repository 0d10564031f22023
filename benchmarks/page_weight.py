"""Weigh built pages: HTML plus the CSS and JS they load, images excluded.

    python benchmarks/page_weight.py OUTPUT_DIR [PAGE ...]

Prints, for each page (default: the home page, /tags/ and every article), the
bytes of its HTML, of each stylesheet and script it references from the site,
and the total. The Posts by Tags page has a budget, 60 KB; the script exits 1
when it is over. A reference to another host is an error: the site must work
offline.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlparse

from bs4 import BeautifulSoup

BUDGET_BYTES = 60 * 1024


def assets(page: Path, root: Path) -> list[Path]:
    """Return the stylesheets and scripts ``page`` loads, as files under ``root``."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    references = [link["href"] for link in soup.select('link[rel~="stylesheet"][href]')]
    references += [script["src"] for script in soup.select("script[src]")]
    files = []
    for reference in references:
        parsed = urlparse(reference)
        if parsed.scheme or parsed.netloc:
            msg = f"{page}: loads {reference} from another host"
            raise ValueError(msg)
        if parsed.path.startswith("/"):
            files.append((root / parsed.path.lstrip("/")).resolve())
        else:
            files.append((page.parent / parsed.path).resolve())
    return files


def weigh(page: Path, root: Path) -> dict[str, int]:
    """Return the bytes of the page's HTML, of each asset it loads, and the total."""
    sizes = {"html": page.stat().st_size}
    for asset in assets(page, root):
        sizes[str(asset.relative_to(root.resolve()))] = asset.stat().st_size
    sizes["total"] = sum(sizes.values())
    return sizes


def main() -> None:
    """Weigh the pages named on the command line and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("pages", nargs="*", type=Path)
    arguments = parser.parse_args()
    root = arguments.output
    pages = arguments.pages or [
        root / "index.html",
        root / "tags" / "index.html",
        *sorted(root.glob("posts/*/*/*/index.html")),
    ]
    budgeted = (root / "tags" / "index.html").resolve()
    over = False
    for page in pages:
        sizes = weigh(page, root)
        flag = ""
        if page.resolve() == budgeted:
            over = sizes["total"] > BUDGET_BYTES
            flag = f"  budget {BUDGET_BYTES // 1024} KB: {'OVER' if over else 'ok'}"
        detail = ", ".join(
            f"{name} {size / 1024:.1f}"
            for name, size in sizes.items()
            if name != "total"
        )
        print(
            f"{page.relative_to(root)}: {sizes['total'] / 1024:.1f} KB ({detail}){flag}"
        )
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
