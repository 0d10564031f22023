"""A Markdown body with its code blanked out, for checks that must skip code.

A post that shows ``<script src="https://...">`` in a code block loads
nothing; an image written inside code is no image. :func:`without_code`
keeps every line where it was (so line numbers stay right) and replaces code
blocks and inline code spans with spaces.
"""

from __future__ import annotations

import re
from typing import Final

from .blocks import CODE, FENCE, code_spans, scan_blocks

#: A Markdown image with no alternative text: ``![](path)``.
IMAGE_WITHOUT_ALT: Final = re.compile(r"!\[\s*\]\(")


def without_code(body: str) -> str:
    """Return ``body`` with code blocks and code spans blanked, lines kept."""
    lines = body.split("\n")
    kept = []
    for line, info in zip(lines, scan_blocks(lines), strict=True):
        if info.kind in (CODE, FENCE):
            kept.append("")
            continue
        blanked = line
        for start, end in reversed(code_spans(line)):
            blanked = blanked[:start] + " " * (end - start) + blanked[end:]
        kept.append(blanked)
    return "\n".join(kept)


def images_without_alt(body: str) -> list[int]:
    """Return the 1-based lines of Markdown images with no alternative text."""
    return [
        number
        for number, line in enumerate(without_code(body).split("\n"), start=1)
        if IMAGE_WITHOUT_ALT.search(line)
    ]
