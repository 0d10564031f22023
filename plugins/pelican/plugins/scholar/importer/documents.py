"""One Jekyll document (post, draft, page or collection item) as Pelican content.

:func:`read_document` splits a source file into its YAML front matter and
body (errors name the file and line); :func:`pelican_metadata` gives the
metadata the new file carries: title, date, slug, tags, the old URL as
``url``/``save_as``, ``summary`` from Jekyll's excerpt, and ``status: draft``
for what Jekyll did not publish. Other keys are kept as they were.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from typing import TYPE_CHECKING, Any, Final

from pelican.utils import get_date

from ..front_matter import FrontMatterError, load_front_matter, split_front_matter
from ..url_files import file_for_url
from .permalinks import (
    DATED_NAME,
    UrlParts,
    expand,
    pelican_url,
    slugify_default,
)

if TYPE_CHECKING:
    from pathlib import Path

#: What Jekyll reads as Markdown (``markdown_ext``'s default) and as HTML.
MARKDOWN_SUFFIXES: Final = frozenset({".md", ".markdown", ".mkdown", ".mkdn", ".mkd"})
HTML_SUFFIXES: Final = frozenset({".html", ".htm"})
#: Front matter keys the import turns into Pelican's own (they are not kept).
_CONVERTED_KEYS: Final = frozenset(
    {
        "title",
        "date",
        "slug",
        "permalink",
        "published",
        "excerpt",
        "excerpt_separator",
        "tags",
        "categories",
        "category",
        "toc",
    }
)
#: The HTML comment Pelican always ends a summary at.
SUMMARY_END: Final = "<!-- PELICAN_END_SUMMARY -->"
_WORD_SPLIT: Final = re.compile(r"[-_]+")


class DocumentError(ValueError):
    """A source file that cannot be read: the message names the file and line."""

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        where = path if line is None else f"{path}:{line}"
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem


@dataclass
class Document:
    """A source file of the old site, split into front matter and body."""

    #: ``post``, ``draft``, ``page``, or a collection's name.
    kind: str
    #: The path relative to the old site's folder, with ``/``.
    path: str
    front: dict[str, Any]
    body: str
    #: The file's line where the body starts (after the front matter).
    body_line: int
    #: Whether the body is Markdown (else HTML).
    markdown: bool
    #: Findings about the front matter: (line or None, message).
    notes: list[tuple[int | None, str]] = field(default_factory=list)
    #: Whether the front matter was not valid YAML (Jekyll read none of it).
    unreadable_front: bool = False

    @property
    def stem(self) -> str:
        """The file name without extension."""
        name = self.path.rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[0] if "." in name else name

    @property
    def name_date(self) -> datetime | None:
        """The date in a ``YYYY-MM-DD-title`` file name, if it has one."""
        match = DATED_NAME.fullmatch(self.stem)
        if not match:
            return None
        try:
            return datetime(*map(int, match.group(1, 2, 3)))
        except ValueError:
            return None

    @property
    def url_title(self) -> str:
        """The ``:title`` Jekyll's URL had: the slug, or the whole file name.

        With front matter it could not read, Jekyll took no date from the
        file name either: the title part was all of it.
        """
        return self.stem if self.unreadable_front else self.slug

    @property
    def slug(self) -> str:
        """Jekyll's slug: the ``slug`` key, else the file name after its date."""
        if self.front.get("slug"):
            return str(self.front["slug"])
        match = DATED_NAME.fullmatch(self.stem)
        return match.group(4) if match and self.name_date else self.stem


def read_document(root: Path, path: Path, kind: str) -> Document | None:
    """Read ``path`` (under ``root``); ``None`` when it has no front matter.

    Jekyll copies a file without front matter as it is instead of rendering
    it; the caller decides what to do with it. A block that is not valid
    YAML is read as Jekyll reads it: as no metadata at all (Jekyll logs the
    error and renders the body), with a note naming the line. Raises
    :class:`DocumentError` for a file that is not UTF-8 or whose block is
    never closed.
    """
    relative = path.relative_to(root).as_posix()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        problem = f"not UTF-8 text ({error.reason} at byte {error.start})"
        raise DocumentError(relative, None, problem) from None
    text = text.replace("\r\n", "\n")
    try:
        parts = split_front_matter(text)
    except FrontMatterError as error:
        line, problem = _located(error)
        raise DocumentError(relative, line, problem) from None
    if parts is None:
        return None
    yaml_text, body = parts
    notes: list[tuple[int | None, str]] = []
    try:
        front = load_front_matter(yaml_text)
    except FrontMatterError as error:
        line, problem = _located(error)
        front = {}
        advice = (
            f"{problem}; Jekyll read none of the block either, so the post had"
            " no title, tags or permalink, and its URL came from the whole file"
            " name: it keeps that URL here, dated and titled from the file name;"
            " fix the block to get the rest back"
        )
        notes.append((line, advice))
    # The body is the end of the text: it starts after the block's lines.
    body_line = text[: len(text) - len(body)].count("\n") + 1
    return Document(
        kind=kind,
        path=relative,
        front=front,
        body=body,
        body_line=body_line,
        # Jekyll converts Markdown only; any other file (``.html``, a ``.txt``
        # post) goes into the layout as it is, as HTML does.
        markdown=path.suffix.lower() in MARKDOWN_SUFFIXES,
        notes=notes,
        unreadable_front=bool(notes),
    )


def _located(error: FrontMatterError) -> tuple[int | None, str]:
    """Split a front matter error's ``line N: problem`` message."""
    text = str(error)
    head, _, problem = text.partition(": ")
    if head.startswith("line ") and head[5:].isdigit():
        return int(head[5:]), problem
    return None, text


def title_of(document: Document) -> str:
    """Return the ``title``, else Jekyll's from the slug (``my-post``: "My Post")."""
    title = document.front.get("title")
    if title not in (None, ""):
        return str(title)
    return " ".join(word.capitalize() for word in _WORD_SPLIT.split(document.slug))


def date_of(document: Document, zone: tzinfo) -> datetime | None:
    """Return the date in the site's time zone (front matter, else file name).

    An unreadable ``date`` is noted on the document and the file name's
    date (if any) used instead.
    """
    value = document.front.get("date")
    found: datetime | None = None
    if isinstance(value, datetime):
        found = value
    elif isinstance(value, date):
        found = datetime.combine(value, time())
    elif value not in (None, ""):
        try:
            found = get_date(str(value))
        except ValueError:
            document.notes.append((None, f"date {value!r} is not a date: ignored"))
    if found is None:
        found = document.name_date
    if found is None:
        return None
    if found.tzinfo is None:
        return found.replace(tzinfo=zone)
    return found.astimezone(zone)


def tags_of(document: Document) -> list[str]:
    """Return the ``tags`` as a list (a YAML list, or words as Jekyll splits them)."""
    return _words(document.front.get("tags"))


def categories_of(document: Document) -> list[str]:
    """Return the ``categories`` (or ``category``) as a list."""
    found = document.front.get("categories")
    if found in (None, "", []):
        found = document.front.get("category")
    return _words(found)


def _words(value: object) -> list[str]:
    """Return a YAML list's items, or a string's words (split at spaces)."""
    if value in (None, ""):
        return []
    if isinstance(value, list | tuple):
        return [str(item).strip() for item in value if str(item or "").strip()]
    return str(value).split()


def old_url(document: Document, template: str, when: datetime | None) -> str:
    """Return the URL Jekyll gave: the ``permalink``, else ``template``'s."""
    permalink = document.front.get("permalink")
    collection = document.kind if document.kind not in ("post", "draft", "page") else ""
    inside = document.path.split("/", 1)[1] if "/" in document.path else document.path
    parts = UrlParts(
        slug=document.url_title,
        date=when,
        categories=categories_of(document),
        collection=collection,
        path=inside.rsplit(".", 1)[0],
    )
    return expand(str(permalink) if permalink else template, parts)


def is_unpublished(document: Document) -> bool:
    """Whether Jekyll left the document out: ``published: false`` or a draft."""
    return document.kind == "draft" or document.front.get("published") is False


def pelican_metadata(
    document: Document,
    *,
    url: str,
    when: datetime | None,
    summary: str | None,
) -> dict[str, Any]:
    """Return the metadata of the new file, Pelican's keys first.

    A draft gets no ``url``/``save_as``: Pelican writes it with its drafts,
    never at the old public address. Neither does a document whose ``url``
    is empty (it lost its old address to another).
    """
    metadata: dict[str, Any] = {"title": title_of(document)}
    if when is not None:
        metadata["date"] = when.isoformat(sep=" ")
    metadata["slug"] = slugify_default(document.slug)
    tags = tags_of(document)
    if tags:
        metadata["tags"] = tags
    categories = categories_of(document)
    if len(categories) == 1:
        metadata["category"] = categories[0]
    elif categories:
        metadata["categories"] = categories
    draft = is_unpublished(document) or (document.kind == "post" and when is None)
    if draft:
        metadata["status"] = "draft"
    elif url:
        metadata["url"] = pelican_url(url)
        metadata["save_as"] = file_for_url(url)
    if summary is not None:
        metadata["summary"] = summary
    if "toc" in document.front:
        metadata["toc"] = "true" if document.front["toc"] else "false"
    for key, value in document.front.items():
        if key not in _CONVERTED_KEYS and key not in metadata:
            metadata[key] = _plain(value)
    return metadata


def _plain(value: object) -> Any:
    """Return a value YAML can write back (dates as ISO text)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def split_excerpt(body: str, separator: str) -> tuple[str, str] | None:
    """Return (excerpt, body with Pelican's summary marker) for a separator.

    Jekyll's default separator, a blank line, is the first paragraph: what
    the theme takes as a summary anyway, so nothing changes (``None``).
    ``None`` too when the body does not contain the separator.
    """
    if separator in ("\n\n", "") or separator not in body:
        return None
    before, after = body.split(separator, 1)
    marker = SUMMARY_END if separator.strip().startswith("<!--") else separator
    if marker != SUMMARY_END:
        marker = f"{SUMMARY_END}\n{separator}"
    return before, f"{before}\n{marker}{after}"
