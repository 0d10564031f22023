"""Root-relative links of the old site, rewritten to Pelican's links.

academicpages bodies link their own files and pages from the site root:
``![](/images/a.png)``, ``[paper](/files/a.pdf)``, ``<img src="/images/b.png">``,
``[1]: /publications/x/`` (and ``{{ base_path }}/...``, which :mod:`.liquid`
has turned into such a path). :func:`convert_links` asks
:meth:`LinkResolver.site_path` for each (its query and ``#fragment`` kept),
in Markdown links, images, reference definitions and HTML ``src``/``href``,
never in code; a path it does not know is kept and reported.
"""

from __future__ import annotations

import re
from collections import Counter

from . import blocks
from .blocks import code_spans, scan_blocks, units
from .conversion import Finding, LinkResolver
from .source_lines import Rewriter, Tracked

_PATH = r"(?P<path>/(?!/)[^\s\"'()<>]*)"
_MARKDOWN_TARGET = re.compile(r"\]\([ \t]*<?" + _PATH)
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*<?" + _PATH, re.MULTILINE)
_HTML_ATTRIBUTE = re.compile(
    r"\b(?:src|href|poster|data)[ \t]*=[ \t]*(?P<quote>[\"'])" + _PATH + r"(?P=quote)",
    re.IGNORECASE,
)


def convert_links(
    source: Tracked, links: LinkResolver, *, markdown: bool = True
) -> tuple[Tracked, Counter[str], list[Finding]]:
    """Resolve the root-relative links of ``source``, as the module says.

    With ``markdown`` false the whole text is HTML (only attributes count).
    """
    out = Rewriter(source)
    changes: Counter[str] = Counter()
    findings: list[Finding] = []
    for begin, end in _regions(source, markdown=markdown):
        text = source.text[begin:end]
        spans = code_spans(text) if markdown else []
        patterns = (
            (_MARKDOWN_TARGET, _REFERENCE, _HTML_ATTRIBUTE)
            if markdown
            else (_HTML_ATTRIBUTE,)
        )
        found = sorted(
            (match.start("path"), match.end("path"))
            for pattern in patterns
            for match in pattern.finditer(text)
            if not any(start <= match.start() < stop for start, stop in spans)
        )
        for start, stop in found:
            path = text[start:stop]
            base, suffix = _split(path)
            resolved = links.site_path(base)
            if resolved is None:
                line = out.origin_at(begin + start)
                message = (
                    f"root-relative link {path} kept: no file or page of the old "
                    "site has that path"
                )
                findings.append(Finding(line, message))
                continue
            out.replace(begin + start, begin + stop, resolved + suffix)
            changes["root-relative link"] += 1
    return out.finish(), changes, findings


def _regions(source: Tracked, *, markdown: bool) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` offsets of the prose and HTML of ``source``."""
    if not markdown:
        return [(0, len(source.text))]
    lines = source.lines
    starts = source.line_starts()
    return [
        (starts[unit.start], starts[unit.end - 1] + len(lines[unit.end - 1]))
        for unit in units(scan_blocks(lines))
        if unit.kind in (blocks.TEXT, blocks.HTML)
    ]


def _split(path: str) -> tuple[str, str]:
    """Split ``/a/b?x#y`` into ``/a/b`` and ``?x#y``."""
    for at, char in enumerate(path):
        if char in "?#":
            return path[:at], path[at:]
    return path, ""
