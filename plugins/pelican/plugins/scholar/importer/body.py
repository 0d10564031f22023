"""A post's body converted from Jekyll's kramdown + Liquid to Pelican's Markdown.

:func:`convert_markdown` runs the conversions in Jekyll's order: Liquid first
(:mod:`.liquid`, over everything but ``{% raw %}``, as Jekyll renders Liquid
before kramdown), then the Markdown-level fixes, which never touch code:
kramdown-only syntax (:mod:`.kramdown`), root-relative links (:mod:`.body_links`)
and math delimiters (:mod:`.mathjax`). :func:`convert_html` does what applies
to an HTML body: Liquid and links.

Every finding names a line of the text given, whatever the passes before it
changed (:mod:`.source_lines`).
"""

from __future__ import annotations

from collections import Counter

from .body_links import convert_links
from .conversion import Converted, Finding, LinkResolver
from .kramdown import convert_kramdown
from .liquid import convert_liquid
from .mathjax import MATH_CHANGE, MATH_SIGNS, convert_math
from .source_lines import Tracked


def convert_markdown(text: str, links: LinkResolver) -> Converted:
    """Convert a kramdown + Liquid body into Python-Markdown for Pelican."""
    tracked = Tracked.original(text)
    changes: Counter[str] = Counter()
    findings: list[Finding] = []
    tracked = _run(convert_liquid(tracked, links), changes, findings)
    tracked = _run(convert_kramdown(tracked), changes, findings)
    tracked = _run(convert_links(tracked, links), changes, findings)
    tracked = _run(convert_math(tracked), changes, findings)
    return Converted(tracked.text, changes, _sorted(findings))


def convert_html(text: str, links: LinkResolver) -> Converted:
    """Convert an HTML body: its Liquid and its root-relative links."""
    tracked = Tracked.original(text)
    changes: Counter[str] = Counter()
    findings: list[Finding] = []
    tracked = _run(convert_liquid(tracked, links, markdown=False), changes, findings)
    tracked = _run(convert_links(tracked, links, markdown=False), changes, findings)
    for number, line in enumerate(tracked.lines):
        if MATH_SIGNS.search(line):
            message = (
                "math delimiters in an HTML body are not rendered (no Markdown "
                "there): write the post in Markdown to have it rendered"
            )
            findings.append(Finding(tracked.origins[number], message))
            break
    return Converted(tracked.text, changes, _sorted(findings))


def uses_math(converted: Converted) -> bool:
    """Tell whether a converted body has math (the site then needs pelican-katex)."""
    return any(kind.startswith(MATH_CHANGE) for kind in converted.changes)


def _run(
    result: tuple[Tracked, Counter[str], list[Finding]],
    changes: Counter[str],
    findings: list[Finding],
) -> Tracked:
    """Add one pass's changes and findings to the totals; return its text."""
    tracked, more_changes, more_findings = result
    changes.update(more_changes)
    findings.extend(more_findings)
    return tracked


def _sorted(findings: list[Finding]) -> list[Finding]:
    """Return the findings in the order of their lines (stable within a line)."""
    return sorted(findings, key=lambda finding: finding.line)
