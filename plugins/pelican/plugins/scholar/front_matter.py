"""YAML front matter in Markdown posts, as Jekyll (and academicpages) writes it.

A Markdown file whose first line is ``---`` starts with a YAML block that
ends at the next line ``---`` or ``...``. :func:`front_matter_reader` makes
a subclass of a Markdown reader class that reads such files: the block is
parsed with PyYAML's safe loader (tags such as ``!!python/object`` are an
error, nothing is constructed from them), each key becomes Pelican metadata
through the reader's own ``process_metadata`` (formatted fields such as
``summary`` rendered as Markdown first, as Pelican does with ``Summary:``),
and the rest of the file is rendered as the body. Files whose first line is
not ``---`` are read by the reader class unchanged, byte for byte.

Jekyll's keys get Pelican's meaning: ``tags`` and ``categories`` are YAML
lists or strings (split at commas when there is one, as Pelican does, else at
whitespace, as Jekyll does); Pelican has one category per post, so the first
of ``categories`` is the ``category`` and the whole list stays in the
``categories`` metadata. Dates are YAML timestamps, YAML dates or any string
Pelican's ``get_date`` reads (``2024-01-05 10:00:00 +0100``). Every other key
(``permalink``, ``excerpt``, ``toc``, ``published``...) is kept as it was
written: strings processed like Pelican metadata, lists and mappings as
they load (``published: false`` is False). The keys Pelican gives a meaning
to are read as text, as Pelican's metadata is (``title: Yes`` is "Yes",
``slug: 2020`` is "2020"). A block that is not valid YAML but is
Python-Markdown's own ``Key: value`` metadata (which its ``meta`` extension,
and so Pelican, also reads between ``---`` lines) is read as Pelican reads
it. Any other malformed block (invalid YAML, a key given twice, no closing line,
not a mapping) is a :class:`FrontMatterError` whose message names the file
and line; it is also logged, since Pelican's "Could not process" hides the
exception's text.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Hashable
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import yaml
from markdown import Markdown
from pelican.readers import METADATA_PROCESSORS
from pelican.utils import pelican_open

if TYPE_CHECKING:
    from collections.abc import Callable

logger = logging.getLogger(__name__)

_OPENING: Final = re.compile(r"---[ \t]*")
_CLOSING: Final = re.compile(r"(?:---|\.\.\.)[ \t]*")
_DATES: Final = frozenset({"date", "modified"})
_PLURALS: Final = frozenset({"tags", "authors", "categories"})
#: Jekyll keys holding one value that a YAML list may give several of.
_SINGULARS: Final = {"author": "authors", "category": "categories"}
#: Keys Pelican gives a meaning to: an empty value leaves them unset.
_PELICAN_KEYS: Final = frozenset(
    {"title", "summary", "categories", *METADATA_PROCESSORS}
)


#: Keys read as text, as Pelican reads them (its own, and ``description``).
_TEXT_KEYS: Final = _PELICAN_KEYS | {
    "lang",
    "translation",
    "save_as",
    "url",
    "template",
    "description",
}


class FrontMatterError(ValueError):
    """A YAML front matter block that cannot be read; names the file and line."""

    #: Whether the block is no YAML at all (it does not scan or parse), as
    #: opposed to YAML the reader refuses (an unsafe tag, a key twice).
    not_yaml: bool = False


class _SafeLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing a key given twice in one mapping.

    Top-level keys are compared in lowercase, as Pelican lowercases them.
    """

    root: yaml.Node | None = None

    def construct_document(self, node: yaml.Node) -> Any:
        self.root = node
        return super().construct_document(node)


def _mapping(loader: _SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[object] = set()
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node)
        if node is loader.root:
            key = str(key).lower()
        elif not isinstance(key, Hashable):
            continue  # construct_mapping reports it
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key {key!r} is given twice", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_SafeLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


class _TextLoader(_SafeLoader):
    """The safe loader with every plain scalar as text, as Pelican's metadata is.

    The keys Pelican gives a meaning to are read with it: ``title: Yes`` is
    "Yes", not True, and ``slug: 2020`` is "2020"; dates are read from their
    text by Pelican's ``get_date``.
    """


_TextLoader.yaml_implicit_resolvers = {}

#: Python-Markdown's own metadata lines (its ``meta`` extension, which Pelican
#: uses and which also takes a block between ``---`` lines): ``Key: value``
#: at the start of the line, and continuation lines indented by four spaces.
#: A value that opens the way only YAML does (a flow list, a quote, a block
#: scalar, an anchor or tag) marks the block as meant for YAML.
_MARKDOWN_META_LINE: Final = re.compile(
    r"[A-Za-z0-9_-]+:(?:[ \t]+(?![\[{\"'|>&*!%@`]).*)?[ \t]*|[ ]{4,}\S.*|\s*"
)


def is_markdown_metadata(yaml_text: str) -> bool:
    """Tell whether a block is Python-Markdown metadata (Pelican's ``Key: value``)."""
    return all(
        _MARKDOWN_META_LINE.fullmatch(line.rstrip("\r"))
        for line in yaml_text.split("\n")
    )


def opens_with_front_matter(source_path: str) -> bool:
    """Tell from its first line alone whether a file opens a ``---`` block.

    Most posts do not: they go to Pelican's reader without being read here.
    """
    with Path(source_path).open(encoding="utf-8-sig") as handle:  # as pelican_open
        return _OPENING.fullmatch(handle.readline().rstrip("\r\n")) is not None


def split_front_matter(text: str) -> tuple[str, str] | None:
    """Return ``(yaml_text, body)``, or ``None`` when ``text`` has no block.

    The block opens with a first line ``---`` and closes at the next line
    ``---`` or ``...`` (trailing spaces allowed). ``yaml_text`` starts on the
    file's second line. Raises :class:`FrontMatterError` (line 1) when the
    block is never closed.
    """
    lines = text.split("\n")
    if not _OPENING.fullmatch(lines[0].rstrip("\r")):
        return None
    for number, line in enumerate(lines[1:], start=1):
        if _CLOSING.fullmatch(line.rstrip("\r")):
            return "\n".join(lines[1:number]), "\n".join(lines[number + 1 :])
    msg = "line 1: front matter opened by '---' is never closed by '---' or '...'"
    raise FrontMatterError(msg)


def load_front_matter(
    yaml_text: str, loader: type[_SafeLoader] = _SafeLoader
) -> dict[str, Any]:
    """Parse a block safely into a mapping with lowercase string keys.

    Raises :class:`FrontMatterError` naming the file's line (the block starts
    on line 2) for invalid YAML, an unsafe tag, a key given twice (in any
    case), or a block that is not a mapping. An empty block is an empty
    mapping.
    """
    try:
        loaded = yaml.load(yaml_text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 2 if mark is not None else 2
        problem = error.problem or error.context or "invalid YAML"
        if error.problem and error.context and error.context_mark is not None:
            start = error.context_mark.line + 2
            problem += f" ({error.context}, from line {start})"
        msg = f"line {line}: invalid YAML front matter: {problem}"
        failure = FrontMatterError(msg)
        failure.not_yaml = isinstance(
            error, yaml.scanner.ScannerError | yaml.parser.ParserError
        )
        raise failure from None
    except yaml.YAMLError as error:
        msg = f"line 2: invalid YAML front matter: {error}"
        raise FrontMatterError(msg) from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        msg = (
            "line 2: YAML front matter must be a mapping of keys to values,"
            f" not a {type(loaded).__name__}"
        )
        raise FrontMatterError(msg)
    return {str(key).lower(): value for key, value in loaded.items()}


def words_of(value: object) -> list[str]:
    """Return the items of a list-valued key (``tags``, ``categories``...).

    A YAML list gives its items; a string is split at commas when it has one
    (Pelican's rule), else at whitespace (Jekyll's). Empty items are dropped.
    """
    if value is None:
        return []
    if isinstance(value, list | tuple):
        items = [str(item) for item in value if item is not None]
    elif isinstance(value, str) and "," in value:
        items = value.split(",")
    else:
        items = str(value).split()
    return [item.strip() for item in items if item.strip()]


def as_datetime(value: object) -> datetime | str:
    """Return a YAML date or timestamp as a datetime; a string unchanged."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    return str(value)


class _FrontMatterMixin:
    """Reads a YAML front matter block before the reader's own ``read``."""

    # Given by the Markdown reader class the mixin is combined with.
    settings: dict[str, Any]
    process_metadata: Callable[[str, Any], Any]
    _md: Markdown
    _source_path: str | None

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        if not opens_with_front_matter(source_path):
            return super().read(source_path)  # type: ignore[misc]
        with pelican_open(source_path) as text:
            try:
                parts = split_front_matter(text)
                if parts is None:
                    return super().read(source_path)  # type: ignore[misc]
                yaml_text, body = parts
                try:
                    data = load_front_matter(yaml_text)
                    as_text = load_front_matter(yaml_text, _TextLoader)
                    data.update(
                        (key, value)
                        for key, value in as_text.items()
                        if key in _TEXT_KEYS
                    )
                except FrontMatterError as failure:
                    if failure.not_yaml and is_markdown_metadata(yaml_text):
                        # Not YAML, but Pelican's own metadata between ``---``
                        # lines (``Title: A: B``): read as Pelican reads it.
                        return super().read(source_path)  # type: ignore[misc]
                    raise
            except FrontMatterError as error:
                where = _shown_path(source_path, self.settings.get("PATH"))
                message = f"{where}:{error}".replace(":line ", ":", 1)
                logger.error("%s", message)
                raise FrontMatterError(message) from None
        self._source_path = source_path
        self._md = _body_markdown(self.settings)
        content = self._md.convert(body)
        return content, self._front_matter_metadata(data)

    def _front_matter_metadata(self, data: dict[str, Any]) -> dict[str, Any]:
        metadata: dict[str, Any] = {}
        for name, value in data.items():
            if value is not None:
                metadata.update(self._metadata_of(name, value))
            elif name not in _PELICAN_KEYS:
                metadata[name] = None  # kept: a template may test for it
        categories = metadata.get("categories")
        if categories and "category" not in metadata:
            process = self.process_metadata
            metadata["category"] = process("category", categories[0])
        return metadata

    def _metadata_of(self, name: str, value: object) -> list[tuple[str, Any]]:
        """Return the metadata one front matter key gives (none, one, two names)."""
        if name in self.settings["FORMATTED_FIELDS"]:
            text = "\n".join(map(str, value)) if isinstance(value, list) else value
            self._md.reset()
            return [(name, self.process_metadata(name, self._md.convert(str(text))))]
        if name in _DATES:
            found = as_datetime(value)
            if isinstance(found, datetime):
                return [(name, found)]
            return [(name, self.process_metadata(name, found))]
        if name in _PLURALS or (name in _SINGULARS and isinstance(value, list)):
            return self._listed(name, words_of(value))
        return self._single(name, value)

    def _listed(self, name: str, words: list[str]) -> list[tuple[str, Any]]:
        """Return a list key's metadata; one ``author`` or ``category`` is single."""
        plural = _SINGULARS.get(name, name)
        if plural != name and len(words) <= 1:
            return self._single(name, words[0] if words else "")
        if plural == "categories":
            return [(plural, words)]
        return [(plural, self.process_metadata(plural, words))] if words else []

    def _single(self, name: str, value: object) -> list[tuple[str, Any]]:
        """Return a one-valued key's metadata: strings processed as Pelican does."""
        if name in METADATA_PROCESSORS or name == "title":
            if isinstance(value, list):
                value = value[0] if value else ""
            return (
                [(name, self.process_metadata(name, str(value)))] if value != "" else []
            )
        if isinstance(value, str):
            return [(name, self.process_metadata(name, value))]
        return [(name, value)]


def _body_markdown(settings: dict[str, Any]) -> Markdown:
    """Return Pelican's Markdown without ``meta``: the block was the metadata."""
    markdown = Markdown(**settings["MARKDOWN"])
    if "meta" in markdown.preprocessors:
        markdown.preprocessors.deregister("meta")
    return markdown


def _shown_path(source_path: str, content_path: str | None) -> str:
    """Return the source path relative to the site's ``PATH`` when inside it."""
    if content_path:
        relative = os.path.relpath(source_path, content_path)
        if not relative.startswith(os.pardir):
            return relative
    return source_path


@cache
def front_matter_reader(reader_class: type) -> type:
    """Return a subclass of Markdown ``reader_class`` that reads YAML front matter."""
    return type(
        f"FrontMatter{reader_class.__name__}",
        (_FrontMatterMixin, reader_class),
        {"__doc__": f"{reader_class.__name__} that reads YAML front matter."},
    )
