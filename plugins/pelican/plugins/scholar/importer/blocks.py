"""The block structure of a kramdown body, line by line.

:func:`scan_blocks` tells, for every line of a Markdown body, what kramdown
(with Jekyll's GFM input) makes of it: code (fenced or indented), a raw HTML
block, a display math block, a list item's first line, text, a heading... and
in how many list items it sits. The conversions use it to leave code alone,
to re-indent lists for Python-Markdown, and to find paragraphs.

kramdown's rules followed here: a list item's content column is its marker's
column plus the marker and the spaces after it; a line belongs to the item
when indented to that column (or lazily continues its paragraph); a list may
start right after a paragraph line (GFM); code is indented four columns past
the enclosing content column and follows a blank line; a ``$$`` math block
starts and ends on block boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown.util import BLOCK_LEVEL_ELEMENTS

#: What a line is.
BLANK = "blank"
TEXT = "text"
MARKER = "marker"  # the first line of a list item
CODE = "code"  # inside a fenced or indented code block
FENCE = "fence"  # a fence line of a fenced code block
HTML = "html"  # inside a raw HTML block
MATH = "math"  # inside a $$ display math block
HEADING = "heading"
SETEXT = "setext"  # the === or --- line under a heading
RULE = "rule"
QUOTE = "quote"
IAL = "ial"  # a line holding only {: ...} (an IAL, ALD or {:toc})
EXTENSION = "extension"  # {::name ...}

_MARKER = re.compile(r"(?P<marker>[*+-]|\d{1,9}\.)(?P<space>[ \t]+|$)")
_FENCE = re.compile(r"(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")
_RULE = re.compile(r"(?P<char>[-*_])(?:[ \t]*(?P=char)){2,}[ \t]*$")
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*$")
_IAL = re.compile(r"\{:(?!:)[^}]*\}[ \t]*$")
_EXTENSION = re.compile(r"\{::|\{:/")
_HTML_START = re.compile(r"<(?P<tag>[A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)|<!--")
#: ``<div markdown="1">``: Markdown inside (kramdown, and ``extra``'s md_in_html).
_MARKDOWN_INSIDE = re.compile(r"""\smarkdown=["']?(?:1|block|span)\b""")
_VOID_TAGS = frozenset({"hr"})
#: Python-Markdown's block-level elements: a raw HTML block starts with one.
BLOCK_TAGS = frozenset(tag.lower() for tag in BLOCK_LEVEL_ELEMENTS)
#: One-line blocks told by their start (after fences, math, HTML, setext).
_SIMPLE = (
    (_HEADING, HEADING),
    (_RULE, RULE),
    (_IAL, IAL),
    (_EXTENSION, EXTENSION),
    (re.compile(">"), QUOTE),
)


@dataclass(frozen=True)
class LineInfo:
    """What one line of a body is, and where it sits in lists."""

    kind: str
    #: Columns of leading white space (a tab counts to the next multiple of 4).
    indent: int
    #: How many list items enclose the line (for a MARKER: its ancestors).
    depth: int = 0
    #: The content column of the innermost enclosing item (0 outside lists).
    column: int = 0
    #: A line continuing a paragraph without the indentation (kramdown "lazy").
    lazy: bool = False
    #: For a MARKER or TEXT line: the paragraph it is in began on a MARKER line.
    item_paragraph: bool = False
    #: For CODE and FENCE lines of a fenced block: the opening fence's indent.
    fence_indent: int = -1
    #: For the opening FENCE: its info string (the language).
    info: str = ""
    #: For FENCE lines: whether the line opens (True) or closes the block.
    opening: bool = False


def columns(line: str) -> int:
    """Return the width of ``line``'s leading white space, tabs to 4."""
    width = 0
    for char in line:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def scan_blocks(lines: list[str]) -> list[LineInfo]:
    """Classify every line of a Markdown body, as the module docstring says."""
    return _Scanner(lines).run()


class _Scanner:
    """One pass over the lines, holding the open list items."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.infos: list[LineInfo] = []
        #: Content columns of the open list items, outermost first.
        self.items: list[int] = []
        self.previous = BLANK

    def run(self) -> list[LineInfo]:
        """Scan all lines."""
        index = 0
        while index < len(self.lines):
            index = self._line(index)
        return self.infos

    def _add(self, info: LineInfo) -> int:
        self.infos.append(info)
        self.previous = info.kind
        return len(self.infos)

    @property
    def _column(self) -> int:
        return self.items[-1] if self.items else 0

    def _line(self, index: int) -> int:
        """Classify the line at ``index`` (and any block it starts)."""
        line = self.lines[index]
        indent = columns(line)
        body = line.lstrip(" \t")
        if not body.strip():
            return self._add(LineInfo(BLANK, indent, len(self.items), self._column))
        relative = indent - self._column
        if self.previous in (TEXT, MARKER, QUOTE) and not self._interrupts(
            body, relative
        ):
            return self._add(
                LineInfo(
                    QUOTE if self.previous == QUOTE else TEXT,
                    indent,
                    len(self.items),
                    self._column,
                    lazy=relative < 0,
                    item_paragraph=self.infos[-1].item_paragraph,
                )
            )
        if relative >= 4 and self._in_indented_code():
            return self._add(LineInfo(CODE, indent, len(self.items), self._column))
        after_boundary = self.previous in (BLANK, IAL) or not self.infos
        marker = _MARKER.match(body)
        if marker is not None and _RULE.match(body) is None:
            while self.items and indent < self.items[-1]:
                self.items.pop()
            if not (after_boundary and indent - self._column >= 4):
                return self._marker(indent, marker)
        elif after_boundary:
            while self.items and indent < self.items[-1]:
                self.items.pop()
        if after_boundary and indent - self._column >= 4:
            return self._add(LineInfo(CODE, indent, len(self.items), self._column))
        return self._leaf(index, indent, body, after_boundary=after_boundary)

    def _leaf(self, index: int, indent: int, body: str, *, after_boundary: bool) -> int:
        """Classify a line that is neither in a paragraph nor a list marker."""
        depth, column = len(self.items), self._column
        fence = _FENCE.match(body)
        if fence is not None and not (
            fence["fence"][0] == "`" and "`" in fence["info"]
        ):
            return self._fenced(index, indent, fence)
        if after_boundary and body.startswith("$$"):
            end = self._math_end(index)
            if end is not None:
                for _ in range(index, end + 1):
                    self._add(LineInfo(MATH, indent, depth, column))
                return end + 1
        html = _HTML_START.match(body) if after_boundary and not self.items else None
        if (
            html is not None
            and (html["tag"] is None or html["tag"].lower() in BLOCK_TAGS)
            and not _MARKDOWN_INSIDE.search(body)
        ):
            return self._html(index, html["tag"])
        if self.previous == TEXT and _SETEXT.match(body) and not self.infos[-1].lazy:
            return self._add(LineInfo(SETEXT, indent, depth, column))
        kind = next((kind for pattern, kind in _SIMPLE if pattern.match(body)), TEXT)
        return self._add(LineInfo(kind, indent, depth, column))

    def _in_indented_code(self) -> bool:
        """Tell whether an indented code block is open (blank lines may follow it)."""
        for info in reversed(self.infos):
            if info.kind != BLANK:
                return info.kind == CODE and info.fence_indent < 0
        return False

    def _interrupts(self, body: str, relative: int) -> bool:
        """Tell whether a line ends the paragraph above it (GFM: lists do)."""
        if relative >= 4:
            return False
        return bool(
            _MARKER.match(body)
            or _HEADING.match(body)
            or _FENCE.match(body)
            or _RULE.match(body)
            or _IAL.match(body)
            or _EXTENSION.match(body)
            or (self.previous == TEXT and _SETEXT.match(body))
            or (body.startswith(">") and self.previous != QUOTE)
        )

    def _marker(self, indent: int, marker: re.Match[str]) -> int:
        """Open a list item on its first line."""
        depth = len(self.items)
        space = marker["space"]
        # kramdown counts every space after the marker (no CommonMark limit).
        width = len(marker["marker"]) + max(1, columns(space + "x"))
        self.items.append(indent + width)
        return self._add(
            LineInfo(MARKER, indent, depth, self.items[-1], item_paragraph=True)
        )

    def _fenced(self, index: int, indent: int, fence: re.Match[str]) -> int:
        """Classify a fenced code block: its fences and the lines between."""
        depth, column = len(self.items), self._column
        mark = fence["fence"]
        closing = re.compile(rf"[ \t]*{re.escape(mark[0])}{{{len(mark)},}}[ \t]*$")
        common = {"depth": depth, "column": column, "fence_indent": indent}
        self._add(
            LineInfo(FENCE, indent, info=fence["info"].strip(), opening=True, **common)
        )
        index += 1
        while index < len(self.lines):
            line = self.lines[index]
            if closing.match(line):
                self._add(LineInfo(FENCE, columns(line), **common))
                return index + 1
            self._add(LineInfo(CODE, columns(line), **common))
            index += 1
        return index

    def _math_end(self, index: int) -> int | None:
        """Return the last line of a ``$$`` block starting at ``index``, if one."""
        first = self.lines[index].lstrip(" \t")[2:]
        rest = [first, *self.lines[index + 1 :]]
        for offset, line in enumerate(rest):
            at = line.find("$$")
            if at < 0:
                continue
            if line[at + 2 :].strip():
                return None
            following = index + offset + 1
            if following < len(self.lines) and not (
                not self.lines[following].strip()
                or _IAL.match(self.lines[following].lstrip(" \t"))
            ):
                return None
            return index + offset
        return None

    def _html(self, index: int, tag: str | None) -> int:
        """Classify a raw HTML block as Python-Markdown reads one.

        A comment runs to its ``-->``, an element to its closing tag (blank
        lines included; never closed, to the end), a void one such as
        ``<hr>`` to the next blank line.
        """
        if tag is None:
            end = re.compile("-->")
        else:
            opening = re.compile(rf"<{tag}(?=[\s/>]|$)", re.IGNORECASE)
            closing = re.compile(rf"</{tag}\s*>", re.IGNORECASE)
            balance = 0
        void = tag is not None and tag.lower() in _VOID_TAGS
        while index < len(self.lines):
            line = self.lines[index]
            if void and not line.strip():
                return index
            if tag is None:
                done = end.search(line) is not None
            elif not void:
                balance += len(opening.findall(line)) - len(closing.findall(line))
                done = balance <= 0
            else:
                done = False
            self._add(LineInfo(HTML, columns(line)))
            index += 1
            if done:
                return index
        return index


#: Kinds of lines that hold Markdown prose (what math and links rules read).
PROSE = frozenset({TEXT, MARKER, HEADING, SETEXT, QUOTE, IAL, EXTENSION, RULE})


@dataclass(frozen=True)
class Unit:
    """A run of lines Python-Markdown reads as one block: prose, HTML or math."""

    kind: str  # TEXT (a paragraph, list item text, heading...), HTML or MATH
    start: int  # first line (0-based)
    end: int  # one past the last line


def units(infos: list[LineInfo]) -> list[Unit]:
    """Group lines into paragraphs, list item texts, headings, HTML and math blocks.

    A list item's first line and a heading start a new unit, as they start a
    new block for Python-Markdown; blank lines and code end one.
    """
    found: list[Unit] = []
    start: int | None = None
    kind = ""

    def close(end: int) -> None:
        nonlocal start
        if start is not None:
            found.append(Unit(kind, start, end))
        start = None

    for index, info in enumerate(infos):
        group = TEXT if info.kind in PROSE else info.kind
        if group not in (TEXT, HTML, MATH):
            close(index)
            continue
        if start is not None and (
            group != kind
            or info.kind in (MARKER, HEADING)
            or infos[index - 1].kind == HEADING
        ):
            close(index)
        if start is None:
            start, kind = index, group
    close(len(infos))
    return found


_BACKTICKS = re.compile(r"`+")


def code_spans(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` of each inline code span in ``text``.

    As kramdown: a run of N backticks opens a span that the next run of
    exactly N backticks closes; a backslash before a backtick escapes it; an
    opening run without its closing run is text.
    """
    spans: list[tuple[int, int]] = []
    position = 0
    while (run := _BACKTICKS.search(text, position)) is not None:
        start = run.start()
        if _escaped(text, start):
            position = start + 1
            continue
        closing = re.compile(r"(?<!`)" + "`" * len(run.group(0)) + r"(?!`)")
        end = closing.search(text, run.end())
        if end is None:
            position = run.end()
            continue
        spans.append((start, end.end()))
        position = end.end()
    return spans


def _escaped(text: str, index: int) -> bool:
    """Tell whether the character at ``index`` follows an odd run of backslashes."""
    count = 0
    while index - count - 1 >= 0 and text[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1
