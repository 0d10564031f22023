"""The language an author wrote on a code block, kept on the highlighted block.

Python-Markdown's ``codehilite`` highlights a block written with ```` ```python ````
and one written with no language alike (Pygments guesses the second, by
default), and writes neither language into the HTML. :class:`CodeLanguageExtension`
records what the author wrote, before ``fenced_code`` reads the blocks (a
fence's ```` ```python ```` or ```` ``` { .python } ````, an indented block's
``:::python`` or ``#!python`` line), and has Pygments' HTML formatter write it
as ``data-lang`` on the block's ``<div class="highlight">``; a guessed language
is never written. The theme shows it as the block's label
(:mod:`.content_blocks`).

Each recorded block is matched to the block Pygments formats by its text, so
a block the recorder did not see (another extension's) simply gets no
language. The formatter is the site's own (``pygments_formatter`` in
codehilite's settings, Pygments' ``html`` by default), subclassed; a formatter
that is not an :class:`~pygments.formatters.HtmlFormatter` is left alone.
"""

from __future__ import annotations

import html
import io
import re
from typing import TYPE_CHECKING, Any, Final

from markdown.extensions import Extension
from markdown.extensions.codehilite import CodeHiliteExtension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from pygments.formatters import HtmlFormatter, find_formatter_class

try:  # Python-Markdown 3.6 and later
    from markdown.extensions.attr_list import get_attrs_and_remainder
except ImportError:  # pragma: no cover - Python-Markdown 3.5
    from markdown.extensions.attr_list import get_attrs

    def get_attrs_and_remainder(attrs_string: str) -> tuple[list, str]:
        """Return the attributes of ``{...}`` (3.5 reads them all, no remainder)."""
        return get_attrs(attrs_string), ""


if TYPE_CHECKING:
    import xml.etree.ElementTree as ET
    from collections.abc import Iterable

    from markdown import Markdown

EXTENSION_NAME: Final = "pelican.plugins.scholar.code_languages:CodeLanguageExtension"

#: An indented block's first line naming its language, as codehilite reads it
#: (``:::python``, ``#!python``, ``#!/usr/bin/python``).
_HEADER_RE: Final = re.compile(
    r"(?:(?:^::+)|(?P<shebang>^[#]!))(?P<path>(?:/\w+)*[/ ])?(?P<lang>[\w#.+-]*)"
)
_DIV_START_RE: Final = re.compile(r"\A(\s*<div\b[^>]*?)(\s*/?)>")


def with_language(block_html: str, language: str) -> str:
    """Return Pygments' HTML for one block with ``data-lang`` on its ``<div>``."""
    escaped = html.escape(language, quote=True)
    return _DIV_START_RE.sub(
        lambda m: f'{m[1]} data-lang="{escaped}"{m[2]}>', block_html, count=1
    )


def _key(code: str) -> str:
    """Return the text by which a recorded and a formatted block are matched."""
    return code.replace("\r\n", "\n").strip("\n")


class _Languages:
    """The blocks of one conversion, in order: (text, language or ``None``).

    Blocks without a language are kept too: of two blocks with the same code,
    one with a language and one without, each gets its own.
    """

    def __init__(self) -> None:
        self.blocks: list[tuple[str, str | None]] = []

    def take(self, code: str) -> str | None:
        """Return (and forget) the language recorded for the block ``code``."""
        key = _key(code)
        for index, (text, language) in enumerate(self.blocks):
            if text == key:
                del self.blocks[index]
                return language
        return None


def labelling_formatter(base: Any, languages: _Languages) -> Any:
    """Return ``base`` (a formatter class or name) writing recorded languages."""
    cls = base if isinstance(base, type) else find_formatter_class(base)
    if cls is None:
        return base
    if not issubclass(cls, HtmlFormatter):
        return base
    if getattr(cls, "scholar_languages", None) is languages:
        return cls

    class LabellingFormatter(cls):  # type: ignore[misc, valid-type]
        scholar_languages = languages

        def format(self, tokensource: Iterable[tuple[Any, str]], outfile: Any) -> None:
            tokens = list(tokensource)
            language = languages.take("".join(value for _, value in tokens))
            if not language or self.nowrap:
                super().format(tokens, outfile)
                return
            buffer = io.StringIO()
            super().format(tokens, buffer)
            outfile.write(with_language(buffer.getvalue(), language))

    return LabellingFormatter


def _codehilite(md: Markdown) -> CodeHiliteExtension | None:
    return next(
        (e for e in md.registeredExtensions if isinstance(e, CodeHiliteExtension)),
        None,
    )


class _FenceRecorder(Preprocessor):
    """Records the language of each fenced block, before ``fenced_code`` runs."""

    def __init__(self, md: Markdown, languages: _Languages) -> None:
        super().__init__(md)
        self.languages = languages

    def run(self, lines: list[str]) -> list[str]:
        """Record, install the formatter; leave the lines as they are."""
        self.languages.blocks.clear()
        codehilite = _codehilite(self.md)
        if codehilite is None or not codehilite.getConfig("use_pygments"):
            return lines
        formatter = labelling_formatter(
            codehilite.getConfig("pygments_formatter"), self.languages
        )
        codehilite.setConfig("pygments_formatter", formatter)
        if "hilite" in self.md.treeprocessors:
            self.md.treeprocessors["hilite"].config["pygments_formatter"] = formatter
        if "fenced_code_block" in self.md.preprocessors:
            self._record(self.md.preprocessors["fenced_code_block"], "\n".join(lines))
        return lines

    def _record(self, fenced: Any, text: str) -> None:
        """Walk the fences as ``fenced_code`` does; keep those with a language."""
        index = 0
        while (m := fenced.FENCED_BLOCK_RE.search(text, index)) is not None:
            language, config = None, {}
            if m.group("attrs"):
                attrs, remainder = get_attrs_and_remainder(m.group("attrs"))
                if remainder:  # not attributes: fenced_code skips it too
                    index = m.end("attrs")
                    continue
                _, classes, config = fenced.handle_attrs(attrs)
                language = classes[0] if classes else None
            elif m.group("lang"):
                language = m.group("lang")
            if config.get("use_pygments", True):
                self.languages.blocks.append((_key(m.group("code")), language))
            index = m.end()


class _IndentedRecorder(Treeprocessor):
    """Records an indented block's ``:::lang`` line, before codehilite's run."""

    def __init__(self, md: Markdown, languages: _Languages) -> None:
        super().__init__(md)
        self.languages = languages

    def run(self, root: ET.Element) -> None:
        """Record each ``<pre><code>`` block, and the language its first line names."""
        for block in root.iter("pre"):
            if len(block) != 1 or block[0].tag != "code" or block[0].text is None:
                continue
            text = block[0].text
            for escaped, plain in (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")):
                text = text.replace(escaped, plain)
            first, _, rest = text.strip("\n").partition("\n")
            m = _HEADER_RE.search(first)
            if m is None:
                self.languages.blocks.append((_key(text), None))
                continue
            code = text if m.group("path") else rest
            self.languages.blocks.append((_key(code), m.group("lang").lower() or None))


class CodeLanguageExtension(Extension):
    """Python-Markdown extension: ``data-lang`` on blocks that name a language."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the two recorders (fenced blocks first, then indented ones)."""
        languages = _Languages()
        # Before fenced_code (25); after normalize_whitespace (30).
        md.preprocessors.register(
            _FenceRecorder(md, languages), "scholar_code_languages", 26
        )
        # Before codehilite's hilite (30).
        md.treeprocessors.register(
            _IndentedRecorder(md, languages), "scholar_indented_code_languages", 31
        )


def add_code_language_extension(settings: dict[str, Any]) -> None:
    """Add the extension to the site's ``MARKDOWN`` extensions, once."""
    markdown = settings.setdefault("MARKDOWN", {})
    extensions = markdown.setdefault("extensions", [])
    if EXTENSION_NAME not in extensions:
        extensions.append(EXTENSION_NAME)
