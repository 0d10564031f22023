r"""kramdown-only Markdown rewritten so Python-Markdown shows the same thing.

:func:`convert_kramdown` works line by line on the structure
:func:`.blocks.scan_blocks` finds, and never inside code:

- a list right after a paragraph line gets the blank line Python-Markdown
  needs (kramdown's GFM input starts the list there; Python-Markdown would
  swallow it into the paragraph), in a blockquote a ``>`` line;
- list items are re-indented to 4 spaces per level: kramdown nests an item
  under its parent's content column (2 spaces under ``* ``, 3 under ``1. ``),
  Python-Markdown only at 4;
- a fenced code block inside a list item (Python-Markdown finds fences only
  at the top level) becomes an indented block there, its language on a
  ``:::lang`` line (CodeHilite's syntax); a top-level fence indented by 1-3
  spaces is moved to the margin;
- a block IAL ``{: .class #id}`` on the line after a heading moves onto the
  heading line (Python-Markdown's ``attr_list``, part of ``extra``); after a
  paragraph line it stays (``attr_list`` reads it there too); after a
  fenced block, ``{: .language-x}`` names the fence's language; anywhere
  else it is reported;
- ALDs ``{:name: ...}`` are expanded into the IALs that name them;
- ``* TOC`` + ``{:toc}`` becomes ``[TOC]`` (Python-Markdown's ``toc``);
- ``{::comment}...{:/comment}`` becomes an HTML comment (as kramdown writes
  it), ``{::nomarkdown}`` keeps its content as is, ``{::options ... /}`` and
  any other extension are reported;
- kramdown's end-of-block marker ``^`` becomes a blank line;
- a numbered list right after a bulleted one (or back) gets an empty HTML
  comment between them: kramdown ends the first list there, Python-Markdown
  would go on with it;
- ``\\`` at the end of a line (kramdown's line break) becomes ``<br>``,
  except inside a ``$$`` formula;
- kramdown's table separator ``|---+---|`` becomes ``|---|---|``; a table
  without a header separator line (a table for kramdown, text for
  Python-Markdown) is reported.
"""

from __future__ import annotations

import re
from collections import Counter

from . import blocks
from .blocks import LineInfo, code_spans, columns, scan_blocks
from .conversion import Finding
from .source_lines import Tracked

_ALD = re.compile(r"\{:(?P<name>[A-Za-z][\w-]*):(?P<attrs>[^}]*)\}")
_IAL_BODY = re.compile(r"\{:(?P<attrs>[^}]*)\}")
_ATTRIBUTE = re.compile(
    r"""[.#][\w-]+|[\w-]+=(?:"[^"]*"|'[^']*'|\S+)|(?P<name>[\w-]+)"""
)
_EXTENSION = re.compile(r"\{::(?P<name>\w+)(?P<args>[^}]*?)(?P<closed>/)?\}")
_SEPARATOR = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:[|+][ \t]*:?-+:?[ \t]*)*\|?")
_QUOTED_MARKER = re.compile(r" {0,3}(?:[*+-]|\d{1,9}\.)[ \t]")
_LANGUAGE_CLASS = re.compile(r"\.(?:language-)?(?P<name>[\w+#-]+)")
_TRAILING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")


def convert_kramdown(source: Tracked) -> tuple[Tracked, Counter[str], list[Finding]]:
    """Rewrite kramdown-only constructs of ``source``, as the module says."""
    return _Pass(source).run()


class _Pass:
    """One pass over the lines, writing ``(line, origin)`` pairs."""

    def __init__(self, source: Tracked) -> None:
        self.lines = source.lines
        self.origins = source.origins
        self.infos = scan_blocks(self.lines)
        self.out: list[tuple[str, int]] = []
        #: The kind of each written line (None for lines this pass added).
        self.kinds: list[str | None] = []
        self.changes: Counter[str] = Counter()
        self.findings: list[Finding] = []
        self.alds: dict[str, str] = {}
        #: Whether the top-level list being written is numbered (None: no list).
        self.list_type: bool | None = None
        #: In a blockquote: None (no paragraph), "text" or "list" (lines so far).
        self.quote_state: str | None = None
        #: Whether the paragraph being written is inside a ``$$`` formula.
        self.in_formula = False

    def run(self) -> tuple[Tracked, Counter[str], list[Finding]]:
        """Rewrite every line."""
        self._collect_alds()
        index = 0
        while index < len(self.lines):
            index = self._line(index)
        return Tracked.from_lines(self.out), self.changes, self.findings

    def _write(self, text: str, origin: int, kind: str | None) -> None:
        self.out.append((text, origin))
        self.kinds.append(kind)

    def _finding(self, index: int, message: str) -> None:
        self.findings.append(Finding(self.origins[index], message))

    def _collect_alds(self) -> None:
        for line, info in zip(self.lines, self.infos, strict=True):
            if info.kind == blocks.IAL and (ald := _ALD.match(line.strip())):
                self.alds[ald["name"]] = ald["attrs"].strip()

    def _line(self, index: int) -> int:
        """Write the line at ``index`` (and any block it starts); return the next."""
        line, info, origin = self.lines[index], self.infos[index], self.origins[index]
        if info.kind == blocks.FENCE and info.opening:
            return self._fenced(index)
        if info.kind in (blocks.CODE, blocks.FENCE, blocks.HTML, blocks.BLANK):
            self._write(self._code_line(line, info), origin, info.kind)
            return index + 1
        if info.kind == blocks.IAL:
            self._ial(index)
            return index + 1
        if info.kind == blocks.EXTENSION or _extension_in_text(line):
            return self._extension(index)
        if line.strip() == "^":
            self._write("", origin, blocks.BLANK)
            self.changes["kramdown ^ end-of-block marker"] += 1
            return index + 1
        if info.kind == blocks.MARKER:
            self._blank_before_list(index)
            self._separate_lists(index)
        elif info.depth == 0 and info.kind != blocks.BLANK:
            self.list_type = None
        if info.kind == blocks.QUOTE:
            self._blank_before_quoted_list(index, line)
        else:
            self.quote_state = None
        line = self._table_line(index, self._line_break(index, line))
        self._write(self._reindented(line, info), origin, info.kind)
        return index + 1

    def _line_break(self, index: int, line: str) -> str:
        r"""Turn kramdown's ``\\`` line break (at a line's end) into ``<br>``.

        Not inside a ``$$`` formula spanning lines, where ``\\`` is TeX's.
        """
        info = self.infos[index]
        previous = self.infos[index - 1].kind if index else blocks.BLANK
        if previous not in blocks.PROSE or info.kind in (blocks.MARKER, blocks.HEADING):
            self.in_formula = False  # a new block
        self.in_formula ^= line.count("$$") % 2 == 1
        trailing = len(line) - len(line.rstrip("\\"))
        following = self.infos[index + 1].kind if index + 1 < len(self.infos) else None
        if (
            trailing >= 2
            and trailing % 2 == 0
            and not self.in_formula
            and following in (blocks.TEXT, blocks.QUOTE)
        ):
            self.changes["kramdown \\\\ line break -> <br>"] += 1
            return line[:-2] + "<br>"
        return line

    def _table_line(self, index: int, line: str) -> str:
        """Write kramdown's ``|---+---|`` separator as ``|---|---|``; report others.

        A table without a header separator line is a table for kramdown,
        text for Python-Markdown: reported.
        """
        body = line.strip()
        if not body.startswith("|") or self.infos[index].kind != blocks.TEXT:
            return line
        if _SEPARATOR.fullmatch(body) and "+" in body:
            self.changes["kramdown table separator |---+---|"] += 1
            return line.replace("+", "|")
        starts_table = index == 0 or self.infos[index - 1].kind == blocks.BLANK
        following = self.lines[index + 1].strip() if index + 1 < len(self.lines) else ""
        if starts_table and not _SEPARATOR.fullmatch(following):
            self._finding(
                index,
                "kramdown table without a header separator line: Python-Markdown "
                "shows it as text (give it a header row and a |---| line)",
            )
        return line

    def _reindented(self, line: str, info: LineInfo) -> str:
        """Return ``line`` indented to 4 spaces per enclosing list item."""
        if info.depth == 0 and info.kind != blocks.MARKER:
            return line
        body = line.lstrip(" \t")
        extra = 0
        if info.kind == blocks.MATH:
            extra = max(0, info.indent - info.column)
        new = " " * (4 * info.depth + extra) + body
        if new != line:
            self.changes["kramdown list re-indented (lines)"] += 1
        return new

    def _code_line(self, line: str, info: LineInfo) -> str:
        """Move an indented code line inside a list to Python-Markdown's column."""
        if info.kind != blocks.CODE or info.depth == 0 or info.fence_indent >= 0:
            return line
        new = " " * (4 * info.depth + info.indent - info.column) + line.lstrip(" \t")
        if new != line:
            self.changes["kramdown list re-indented (lines)"] += 1
        return new

    def _blank_before_list(self, index: int) -> None:
        """Give a list right after a paragraph line its blank line."""
        if index == 0:
            return
        previous = self.infos[index - 1]
        if previous.kind in (blocks.TEXT, blocks.QUOTE) and not previous.item_paragraph:
            self._write("", self.origins[index], blocks.BLANK)
            self.changes["kramdown blank line before a list"] += 1

    def _blank_before_quoted_list(self, index: int, line: str) -> None:
        """Give a list right after a paragraph line in a blockquote its ``>`` line."""
        if not line.lstrip(" \t").startswith(">"):
            return  # a lazy line, continuing the quoted paragraph
        content = line.lstrip(" \t")[1:]
        content = content[1:] if content.startswith(" ") else content
        if not content.strip():
            self.quote_state = None
            return
        is_item = _QUOTED_MARKER.match(content) is not None
        if is_item and self.quote_state == "text":
            self._write(">", self.origins[index], blocks.QUOTE)
            self.changes["kramdown blank line before a list"] += 1
        if is_item:
            self.quote_state = "list"
        elif self.quote_state is None:
            self.quote_state = "text"

    def _separate_lists(self, index: int) -> None:
        """Keep a numbered list after a bulleted one (or back) a list of its own.

        kramdown ends a list where items of the other type start;
        Python-Markdown would carry on the first list. An empty HTML comment
        between them ends it there too.
        """
        info = self.infos[index]
        if info.depth != 0:
            return
        ordered = self.lines[index].lstrip(" \t")[:1].isdigit()
        if self.list_type is not None and self.list_type != ordered:
            if self.out and self.out[-1][0].strip():
                self._write("", self.origins[index], blocks.BLANK)
            self._write("<!-- -->", self.origins[index], blocks.HTML)
            self._write("", self.origins[index], blocks.BLANK)
            self.changes["kramdown lists of two types kept apart"] += 1
        self.list_type = ordered

    def _fenced(self, index: int) -> int:
        """Write a fenced code block; inside a list item, as an indented block."""
        info = self.infos[index]
        end = index + 1
        while end < len(self.lines) and self.infos[end].kind == blocks.CODE:
            end += 1
        closed = end < len(self.lines) and self.infos[end].kind == blocks.FENCE
        last = end + 1 if closed else end
        if info.depth == 0:
            shift = info.fence_indent
            for at in range(index, last):
                line = self.lines[at]
                new = line[_prefix_length(line, shift) :] if shift else line
                self._write(new, self.origins[at], self.infos[at].kind)
            if shift:
                self.changes["kramdown indented fence moved to the margin"] += 1
            return last
        indent = " " * (4 * info.depth + 4)
        if self.out and self.out[-1][0].strip():
            self._write("", self.origins[index], blocks.BLANK)
        if info.info:
            language = info.info.split()[0].lstrip("{.").rstrip("}")
            self._write(f"{indent}:::{language}", self.origins[index], blocks.CODE)
        for at in range(index + 1, end):
            line = self.lines[at]
            code = line[_prefix_length(line, info.fence_indent) :]
            self._write(
                indent + code if code.strip() else "", self.origins[at], blocks.CODE
            )
        if last < len(self.lines) and self.lines[last].strip():
            self._write("", self.origins[last - 1], blocks.BLANK)
        self.changes["kramdown fenced code in a list made indented"] += 1
        return last

    def _ial(self, index: int) -> None:
        """Carry a block IAL over to Python-Markdown's attr_list, or report it."""
        line = self.lines[index]
        body = line.strip()
        if _ALD.match(body):
            self.changes["kramdown ALD expanded"] += 1
            return
        attrs = self._expanded(index, _IAL_BODY.match(body)["attrs"].strip())
        if not attrs:
            return
        previous = self.kinds[-1] if self.kinds else None
        if attrs == "toc" and previous == blocks.MARKER:
            self.out[-1] = ("[TOC]", self.out[-1][1])
            self.changes["kramdown {:toc} -> [TOC]"] += 1
            return
        if previous == blocks.HEADING:
            self._attach(len(self.out) - 1, attrs)
        elif previous == blocks.SETEXT:
            self._attach(len(self.out) - 2, attrs)
        elif previous == blocks.TEXT and self.infos[index].depth == 0:
            kept = line if attrs == body[2:-1].strip() else f"{{: {attrs}}}"
            self._write(kept, self.origins[index], blocks.IAL)
        elif previous == blocks.FENCE and self._code_language(attrs):
            return
        else:
            message = (
                f"kramdown attribute list {body} not carried over (it only "
                "moves onto a heading, a paragraph's last line or a code block)"
            )
            self._finding(index, message)
            return
        if "no_toc" in attrs:
            self._finding(index, "kramdown's .no_toc: this heading stays in the [TOC]")

    def _code_language(self, attrs: str) -> bool:
        """Give the fenced block just written the language an IAL after it names.

        kramdown's way: ``{: .language-ruby}`` after the block. Return whether
        the IAL was only that and the fence had no language yet.
        """
        language = _LANGUAGE_CLASS.fullmatch(attrs)
        opening = next(
            (
                at
                for at in range(len(self.out) - 2, -1, -1)
                if self.kinds[at] == blocks.FENCE
            ),
            None,
        )
        if language is None or opening is None:
            return False
        fence, origin = self.out[opening]
        if fence.strip().strip("`~"):
            return False
        self.out[opening] = (fence.rstrip() + language["name"], origin)
        self.changes["kramdown {: .language-x} after a code block"] += 1
        return True

    def _attach(self, at: int, attrs: str) -> None:
        """Put ``{: attrs}`` at the end of the heading written at ``at``."""
        text, origin = self.out[at]
        text = _TRAILING_HASHES.sub("", text.rstrip())
        self.out[at] = (f"{text} {{: {attrs}}}", origin)
        self.changes["kramdown {: } moved onto a heading"] += 1

    def _expanded(self, index: int, attrs: str) -> str:
        """Replace references to ALDs in an IAL by the ALDs' attributes."""

        def expand(match: re.Match[str]) -> str:
            name = match["name"]
            if name is None:
                return match.group(0)
            if name in self.alds:
                return self.alds[name]
            if name == "toc":
                return name
            self._finding(
                index, f"kramdown attribute list: no ALD named {name}, left out"
            )
            return ""

        return " ".join(_ATTRIBUTE.sub(expand, attrs).split())

    def _extension(self, index: int) -> int:
        """Carry over ``{::comment}``, ``{::nomarkdown}``; report other extensions."""
        line = self.lines[index]
        extension = _EXTENSION.search(line)
        if extension is None:
            self._finding(index, f"kramdown extension {line.strip()} left as is")
            self._write(line, self.origins[index], blocks.TEXT)
            return index + 1
        name = extension["name"]
        if extension["closed"] or name not in ("comment", "nomarkdown"):
            self._finding(index, f"kramdown extension {extension.group(0)} left out")
            rest = line[: extension.start()] + line[extension.end() :]
            if rest.strip():
                self._write(rest, self.origins[index], blocks.TEXT)
            return index + 1
        text = "\n".join(self.lines[index:])
        start = extension.end()  # ``text`` starts with this line
        closing = re.compile(r"\{:/(?:" + name + r")?\}")
        end = closing.search(text, start)
        if end is None:
            self._finding(index, f"kramdown {{::{name}}} without its end left as is")
            self._write(line, self.origins[index], blocks.TEXT)
            return index + 1
        inside = text[start : end.start()]
        before, after = text[: extension.start()], text[end.end() :].split("\n", 1)
        if name == "comment":
            hidden = inside.strip().replace("--", "- -")  # "--" could end it early
            new = f"{before}<!-- {hidden} -->{after[0]}"
            self.changes["kramdown {::comment}"] += 1
        else:
            new = f"{before}{inside}{after[0]}"
            self._finding(
                index,
                "kramdown {::nomarkdown} unwrapped: its content is read as Markdown",
            )
        consumed = text[: end.end()].count("\n") + 1
        new_lines = new.split("\n")
        for offset, new_line in enumerate(new_lines):
            origin = self.origins[min(index + offset, len(self.origins) - 1)]
            self._write(new_line, origin, blocks.HTML)
        return index + consumed


def _prefix_length(line: str, width: int) -> int:
    """Return how many leading blanks of ``line`` fill ``width`` columns (or fewer)."""
    count = 0
    while (
        count < len(line)
        and line[count] in " \t"
        and columns(line[: count + 1]) <= width
    ):
        count += 1
    return count


def _extension_in_text(line: str) -> bool:
    """Tell whether ``line`` has a ``{::`` extension outside its code spans."""
    spans = code_spans(line)
    return any(
        not any(start <= found.start() < end for start, end in spans)
        for found in re.finditer(r"\{::", line)
    )
