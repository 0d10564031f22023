r"""MathJax delimiters of a kramdown body rewritten for pelican-katex.

What the old site showed: kramdown reads ``$$...$$`` itself (a block when it
stands between blank lines, inline math anywhere else, even on lines of its
own inside a paragraph) and leaves its content verbatim; everything else is
kramdown text that MathJax, configured as academicpages does
(``inlineMath: [['$','$'], ['\\(','\\)']]``), reads after kramdown's escapes:
``\\(`` reaches it as ``\(``.

What pelican-katex's Markdown extension renders (``pelican_katex/markdown.py``):
``$...$`` inline and ``$$...$$`` display, both inline patterns inside a
block; the opening ``$`` must follow neither a letter, digit, ``_``, ``\``
nor ``$`` and precede no blank; the closing one must precede no letter or
digit; ``\$`` is a literal dollar.

:func:`convert_math` therefore writes:

- a kramdown ``$$`` block -> ``$$`` ... ``$$`` in a paragraph of its own,
  blank lines inside it removed (they would end the paragraph);
- ``$$x$$`` inside a paragraph -> ``$x$`` (inline, as kramdown made it);
- ``$x$``, ``$ x $``, ``\\(x\\)``, ``\(x\)`` -> ``$x$``;
  ``\\[x\\]``, ``\[x\]`` -> ``$$x$$``;
- inside math from kramdown text (``$``, ``\\(``, ``\\[``) kramdown's
  ``\\``, ``\_`` and ``\*`` become ``\``, ``_``, ``*`` as MathJax saw them;
  other backslashes (``\{``, ``\|``, ``\,``) stay, as TeX means them;
- a WORD JOINER (``&#8288;``, invisible) between math and a letter touching
  it (``$n$th``, CJK), which pelican-katex's pattern needs;
- a literal dollar (``\$``, an amount) as ``$``, or as ``&#36;`` where
  pelican-katex would otherwise pair it with another one.

The single-dollar rule (kramdown never pairs ``$``; MathJax pairs any two):
a ``$`` opens math when a closing ``$`` follows in the same block, the
content is not blank, the closing ``$`` is not followed by a digit, and the
content has white space at both ends or at neither (and, padded, fits on
one line). So ``$x$``, ``$ x $`` and ``$5$`` are math; ``costs $5 and
$10``, ``US$ 5 or US$ 6`` and ``$5 or more, and $x$`` (the first pair) are
not. Every pair MathJax showed as math and this rule leaves as text is a
finding.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from . import blocks
from .blocks import BLOCK_TAGS, code_spans, columns, scan_blocks, units
from .conversion import Finding
from .source_lines import Rewriter, Tracked

#: pelican-katex's inline pattern, as its markdown.py matches (re.DOTALL).
_KATEX = re.compile(
    r"(?P<preceding>[^a-zA-Z0-9_\\$]?)(?P<delimiter>\$\$?)(?P<latex>[\S\n].*?)"
    r"(?P=delimiter)(?=\W|\Z)",
    re.DOTALL,
)
_HTML_OPENING = re.compile(r" {0,3}<(?P<tag>[A-Za-z][A-Za-z0-9-]*)(?:\s[^>]*)?>\s*")
#: Elements md_in_html may read as Markdown (not code, scripts, or void ones).
_MARKDOWN_CONTAINERS = BLOCK_TAGS - {"pre", "script", "style", "textarea", "hr", "math"}
#: What every kind of change this module counts starts with.
MATH_CHANGE = "math "
WORD_JOINER = "&#8288;"
DOLLAR_ENTITY = "&#36;"
#: Characters after which pelican-katex's opening ``$`` is not one.
_NOT_BEFORE = re.compile(r"[a-zA-Z0-9_\\$]")
_DELIMITERS = {
    "\\\\(": ("\\\\)", False),
    "\\\\[": ("\\\\]", True),
    "\\(": ("\\)", False),
    "\\[": ("\\]", True),
}
#: kramdown escapes undone inside math that went through kramdown as text.
_KRAMDOWN_MATH_ESCAPES = re.compile(r"\\([\\_*])")
#: What looks like math where nothing renders it (raw HTML): a ``$`` pair
#: (not an amount), ``$$``, ``\(`` or ``\[``.
MATH_SIGNS = re.compile(r"\$\$|\$[^$\s\d][^$]*\$|\\\\?\(|\\\\?\[")


@dataclass
class _Piece:
    """Part of a block as written: text, code, math, or a literal dollar."""

    kind: str  # "text", "code", "math", "dollar"
    text: str  # what is written (for math: the LaTeX)
    display: bool = False
    #: For a dollar: written as &#36; so that pelican-katex leaves it alone.
    entity: bool = False


def convert_math(source: Tracked) -> tuple[Tracked, Counter[str], list[Finding]]:
    """Rewrite the math of ``source``, as the module docstring says."""
    lines = source.lines
    infos = scan_blocks(lines)
    starts = source.line_starts()
    out = Rewriter(source)
    changes: Counter[str] = Counter()
    findings: list[Finding] = []
    for unit in units(infos):
        begin = starts[unit.start]
        end = starts[unit.end - 1] + len(lines[unit.end - 1])
        text = source.text[begin:end]
        if unit.kind == blocks.HTML:
            if not MATH_SIGNS.search(text):
                continue
            new, more = _html_block(text, source, begin, changes)
            findings.extend(more)
        elif unit.kind == blocks.MATH:
            new = _display_block(text, changes)
        else:
            new, more = _paragraph(text, source, begin, changes)
            findings.extend(more)
        if new != text:
            out.replace(begin, end, new)
    return out.finish(), changes, findings


def _display_block(text: str, changes: Counter[str]) -> str:
    """Write a kramdown ``$$`` block as pelican-katex's display math.

    Blank lines go (they would end the paragraph, and with it the formula);
    so does white space right after the opening ``$$`` (pelican-katex wants
    the formula to start there or on the next line).
    """
    lines = text.split("\n")
    kept = [line for line in lines if line.strip()]
    if len(kept) < len(lines):
        changes["math $$ (display): blank lines removed"] += 1
    first = kept[0]
    at = first.index("$$") + 2
    kept[0] = first[:at] + first[at:].lstrip(" \t")
    changes["math $$ (display)"] += 1
    return "\n".join(kept)


def _html_block(
    text: str, source: Tracked, begin: int, changes: Counter[str]
) -> tuple[str, list[Finding]]:
    """Let Python-Markdown read a raw HTML block with math, or report it.

    MathJax typeset math anywhere in the page; pelican-katex sees Markdown
    only. A block that is an element on lines of its own, none of its lines
    indented as code, gets ``markdown="1"`` (``extra``'s md_in_html) and its
    math rewritten as MathJax read it there (kramdown left raw HTML alone:
    ``$$`` is display math, no escapes undone).
    """
    lines = text.split("\n")
    line = source.origin_at(begin, source.line_starts())
    opening = _HTML_OPENING.fullmatch(lines[0])
    tag = opening["tag"].lower() if opening else ""
    if not (
        opening is not None
        and tag in _MARKDOWN_CONTAINERS
        and len(lines) >= 3
        and lines[-1].strip().lower() == f"</{tag}>"
        and all(columns(inner) < 4 for inner in lines[1:-1] if inner.strip())
    ):
        message = (
            "math in a raw HTML block is not rendered (pelican-katex reads "
            'Markdown only): add markdown="1" to its tag or move the math out'
        )
        return text, [Finding(line, message)]
    findings = [
        Finding(
            line,
            f'markdown="1" added to <{tag}> so that its math is rendered: '
            "its text is read as Markdown now, check it",
        )
    ]
    written = [f'{lines[0].rstrip()[:-1].rstrip(" /")} markdown="1">']
    offset = begin + len(lines[0]) + 1
    paragraph: list[str] = []
    for inner in [*lines[1:-1], ""]:
        if inner.strip():
            paragraph.append(inner)
            continue
        if paragraph:
            new, more = _paragraph(
                "\n".join(paragraph), source, offset, changes, raw=True
            )
            written.append(new)
            findings.extend(more)
            offset += len("\n".join(paragraph)) + 1
            paragraph = []
        written.append(inner)
        offset += len(inner) + 1
    written.pop()  # the "" that closed the last paragraph
    written.append(lines[-1])
    changes['math in raw HTML: markdown="1" added'] += 1
    return "\n".join(written), findings


def _paragraph(
    text: str, source: Tracked, begin: int, changes: Counter[str], *, raw: bool = False
) -> tuple[str, list[Finding]]:
    """Rewrite the math of one block (paragraph, list item text, heading).

    ``raw``: the text was raw HTML for kramdown (MathJax read it as written).
    """
    if "$" not in text and "\\(" not in text and "\\[" not in text:
        return text, []
    reader = _BlockReader(text, source, begin, changes, raw=raw)
    pieces = reader.pieces()
    if not any(piece.kind in ("math", "dollar") for piece in pieces):
        return text, reader.findings
    return _written(pieces, reader.line_of(0), reader.findings), reader.findings


class _BlockReader:
    """Cuts one block into text, code spans, math and literal dollars."""

    def __init__(
        self,
        text: str,
        source: Tracked,
        begin: int,
        changes: Counter[str],
        *,
        raw: bool = False,
    ) -> None:
        self.text = text
        self.raw = raw
        self.source = source
        self.begin = begin
        self.starts = source.line_starts()
        self.changes = changes
        self.findings: list[Finding] = []
        #: Dollars MathJax took as the closing ones of pairs reported already.
        self.closed_by_mathjax: set[int] = set()

    def line_of(self, offset: int) -> int:
        """Return the original line of the block's character at ``offset``."""
        return self.source.origin_at(self.begin + offset, self.starts)

    def pieces(self) -> list[_Piece]:
        """Return the block's pieces: code spans apart, math found in the rest."""
        pieces: list[_Piece] = []
        position = 0
        text = self.text
        for start, end in [*code_spans(text), (len(text), len(text))]:
            pieces.extend(self._math_pieces(position, start))
            if start < end:
                pieces.append(_Piece("code", text[start:end]))
            position = end
        return pieces

    def _math_pieces(self, position: int, stop: int) -> list[_Piece]:
        """Find the math between ``position`` and ``stop`` (no code in between)."""
        text = self.text
        pieces: list[_Piece] = []
        plain = index = position
        while index < stop:
            found = self._at(index, stop)
            if found is None:
                index += 2 if text[index] == "\\" else 1
                continue
            if plain < index:
                pieces.append(_Piece("text", text[plain:index]))
            end, new, kind = found
            pieces.extend(new)
            if kind is not None:
                self._count(kind, index)
            index = plain = end
        if plain < stop:
            pieces.append(_Piece("text", text[plain:stop]))
        return pieces

    def _at(self, index: int, stop: int) -> tuple[int, list[_Piece], str | None] | None:
        """Read what starts at ``index``: ``(end, pieces, change)``, or ``None``."""
        text = self.text
        if text[index] == "\\":
            return self._backslash(index, stop)
        if text.startswith("$$", index):
            return self._double_dollar(index, stop)
        if text[index] == "$":
            return self._single_dollar(index, stop)
        return None

    def _double_dollar(
        self, index: int, stop: int
    ) -> tuple[int, list[_Piece], str | None]:
        """Read ``$$``: kramdown's inline math (MathJax's display math in raw HTML)."""
        text = self.text
        closing = text.find("$$", index + 2, stop)
        if closing < 0:
            return index + 2, [_Piece("dollar", "$"), _Piece("dollar", "$")], None
        latex = text[index + 2 : closing].strip()
        if not latex:  # $$$$: nothing to show, kept as it was written
            return closing + 2, [_Piece("dollar", "$") for _ in range(4)], None
        if self.raw:
            return closing + 2, [_Piece("math", latex, display=True)], "math $$"
        return closing + 2, [_Piece("math", latex)], "math $$ (inline)"

    def _count(self, kind: str, index: int) -> None:
        r"""Count a change; ``\(`` and ``\[`` also get a finding."""
        self.changes[kind] += 1
        if kind in ("math \\(", "math \\[") and not self.raw:
            shown = "\\( \\)" if kind == "math \\(" else "\\[ \\]"
            message = (
                f"{shown} rendered as math; kramdown showed it as plain "
                "brackets on the old site (its escapes)"
            )
            self.findings.append(Finding(self.line_of(index), message))

    def _backslash(
        self, index: int, stop: int
    ) -> tuple[int, list[_Piece], str | None] | None:
        r"""Read a backslash: a MathJax delimiter, ``\$``, or (``None``) an escape."""
        text = self.text
        for opening, (closing, display) in _DELIMITERS.items():
            if not text.startswith(opening, index) or (
                self.raw and opening.startswith("\\\\")
            ):
                continue
            end = text.find(closing, index + len(opening), stop)
            if end < 0:
                return None
            latex = text[index + len(opening) : end]
            if opening.startswith("\\\\") and not self.raw:
                latex = _KRAMDOWN_MATH_ESCAPES.sub(r"\1", latex)
            piece = _Piece("math", latex.strip(), display=display)
            return end + len(closing), [piece], f"math {opening}"
        if text.startswith("\\$", index):
            return index + 2, [_Piece("dollar", "$")], "escaped \\$"
        return None

    def _single_dollar(
        self, index: int, stop: int
    ) -> tuple[int, list[_Piece], str | None]:
        """Read a single ``$``: the start of math, or a literal dollar."""
        text = self.text
        closing = index + 1
        while (closing := text.find("$", closing, stop)) >= 0 and text[
            closing - 1
        ] == "\\":
            closing += 1
        if closing < 0:
            return index + 1, [_Piece("dollar", "$")], None
        content = text[index + 1 : closing]
        padded = (content[0].isspace(), content[-1].isspace())
        looks_like_money = (
            not content.strip()
            or text[closing + 1 : closing + 2].isdigit()
            or padded[0] != padded[1]
            or (padded[0] and "\n" in content)
            or text.startswith("$", closing + 1)
        )
        if not looks_like_money:
            latex = content if self.raw else _KRAMDOWN_MATH_ESCAPES.sub(r"\1", content)
            latex = latex.strip()
            return closing + 1, [_Piece("math", latex)], "math $"
        # MathJax pairs dollars left to right: one finding per pair it made.
        if content.strip() and index not in self.closed_by_mathjax:
            self.closed_by_mathjax.add(closing)
            shown = " ".join(f"${content}$".split())
            message = (
                f"{shown} left as text (an amount, not math); the old site's "
                "MathJax showed it as math"
            )
            self.findings.append(Finding(self.line_of(index), message))
        return index + 1, [_Piece("dollar", "$")], None


def _written(pieces: list[_Piece], line: int, findings: list[Finding]) -> str:
    """Write the pieces so that pelican-katex pairs exactly the math ones."""
    for _ in range(len(pieces) + 1):
        text, spans = _render(pieces)
        masked = _masked(text, spans, pieces)
        wanted = {spans[i]: i for i, piece in enumerate(pieces) if piece.kind == "math"}
        stray = None
        matched: set[int] = set()
        for start, end in _katex_matches(masked):
            if (start, end) in wanted:
                matched.add(wanted[(start, end)])
                continue
            stray = _stray_dollar(pieces, spans, start, end)
            if stray is not None:
                break
        if stray is None:
            for i in sorted(set(wanted.values()) - matched):
                message = f"math ${pieces[i].text}$ may not render: check it"
                findings.append(Finding(line, message))
            return text
        pieces[stray].entity = True
    return text


def _stray_dollar(
    pieces: list[_Piece], spans: list[tuple[int, int]], start: int, end: int
) -> int | None:
    """Return the literal dollar that closes (else opens) a formula found at start:end.

    Writing the closing one as ``&#36;`` breaks every match ending there at
    once (``$5 and $10, or $5 to $ 20`` needs one entity, not three).
    """
    dollars = {
        spans[i][0]: i
        for i, piece in enumerate(pieces)
        if piece.kind == "dollar" and not piece.entity
    }
    for at in (end - 1, start):
        if at in dollars:
            return dollars[at]
    return None


def _render(pieces: list[_Piece]) -> tuple[str, list[tuple[int, int]]]:
    """Write the pieces; return the text and each piece's ``(start, end)``."""
    written: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    for i, piece in enumerate(pieces):
        if piece.kind == "math":
            delimiter = "$$" if piece.display else "$"
            before = written[-1][-1:] if written and written[-1] else ""
            if before and _NOT_BEFORE.match(before):
                written.append(WORD_JOINER)
                length += len(WORD_JOINER)
            new = f"{delimiter}{piece.text}{delimiter}"
            following = _first_char(pieces[i + 1 :])
            spans.append((length, length + len(new)))
            written.append(new)
            length += len(new)
            if following and re.match(r"\w", following):
                written.append(WORD_JOINER)
                length += len(WORD_JOINER)
            continue
        new = (
            (DOLLAR_ENTITY if piece.entity else "$")
            if piece.kind == "dollar"
            else piece.text
        )
        spans.append((length, length + len(new)))
        written.append(new)
        length += len(new)
    return "".join(written), spans


def _first_char(pieces: list[_Piece]) -> str:
    """Return the first character the next pieces write."""
    for piece in pieces:
        if piece.kind == "dollar":
            return "&" if piece.entity else "$"
        if piece.kind == "math":
            return "$"
        if piece.text:
            return piece.text[0]
    return ""


def _masked(text: str, spans: list[tuple[int, int]], pieces: list[_Piece]) -> str:
    """Blank out code spans as Python-Markdown's placeholders hide them."""
    chars = list(text)
    for (start, end), piece in zip(spans, pieces, strict=True):
        if piece.kind == "code":
            chars[start:end] = ["\x02"] + ["\x00"] * (end - start - 2) + ["\x03"]
    return "".join(chars)


def _katex_matches(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` of each formula pelican-katex finds in ``text``.

    As its inline processor: a match whose ``$`` follows a letter (no
    preceding character matched, not at the start) is skipped by one character.
    """
    found: list[tuple[int, int]] = []
    position = 0
    while (match := _KATEX.search(text, position)) is not None:
        if not match["preceding"] and match.start() > 0:
            position = match.start() + 1
            continue
        start = match.start() + len(match["preceding"])
        found.append((start, match.end()))
        position = match.end()
    return found
