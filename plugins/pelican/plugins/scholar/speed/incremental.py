"""Incremental writes: a page whose inputs did not change is not rendered again.

Pelican renders every page on every build, even when one post changed. The
:class:`IncrementalWriter` (Pelican's ``get_writer`` signal) fingerprints each
``write_file`` call before rendering it: the template name, the output name,
the theme (every file of ``THEME`` and of the bundled theme), the settings,
the code (:func:`..cachefiles.code_key`: the bundle's sources and the
versions of Pelican and its dependencies), what every post and page shows in
a listing (URL, title, dates, status, tags, category, authors, summary,
description, reading time, language), and, in full (body and metadata), the
posts the call is about: ``article`` or ``page``, the ``articles`` and
``dates`` of a listing and the ``items`` of a collection's listing; when the
listing is paginated, each page counts the posts it lists in full and the
others by their listing view (``all_articles`` always counts by its listing
view).

When the fingerprint equals the one recorded by the last build, and the file
that build wrote is still there with the same digest (in ``OUTPUT_PATH``, or
in ``SCHOLAR_PREVIOUS_OUTPUT`` when the build writes into a fresh folder), its
text stands in for the render. A file in ``OUTPUT_PATH`` whose size and
modification time are still those it had right after this writer wrote it
(or found it intact) is known to be intact: it is not read again.
Pelican still does everything else itself
(pagination, the file write, the ``content_written`` signal that plugins
such as pelican-sitemap rely on), so the output is the full build's. A page
the last build wrote and this one did not (a deleted post's, a draft's) is
removed from ``OUTPUT_PATH`` if its file is still as written, as a build into
an empty folder would not have it.

Assumptions, which hold for this theme, Pelican's own and common ones:
templates show the body of a post only on its own page or on the listing
page that lists it; a template changes only when a file in the theme changes; and
settings with code (Jinja filters, functions of the site's own) change only
with their names. After changing such code, run ``invoke rebuild`` (clears
``CACHE_PATH``). Active when ``SCHOLAR_INCREMENTAL_WRITES`` is on and
Pelican's content cache is (``CACHE_CONTENT`` to record,
``LOAD_CONTENT_CACHE`` to reuse); the record is
``CACHE_PATH/scholar-writes.pickle``; a process that builds again (the
warm live-reload build) keeps the record it saved in memory too, and reads
the file again only when it changed. The Pelican internals it relies on are
listed, and checked, in :mod:`.internals`. The log says "Incremental writes:
wrote N of M pages, reused the rest".
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from jinja2 import Environment, nodes
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper
from pelican.writers import Writer

from ..cachefiles import (
    code_key,
    digest,
    folder_digest,
    read_cache_file,
    write_cache_file,
)
from ..theme_location import theme_path

if TYPE_CHECKING:
    from collections.abc import Iterable

    from jinja2 import Template

logger = logging.getLogger(__name__)

RECORD_FILE: Final = "scholar-writes.pickle"
#: Listing attributes of a post: what other pages may show of it.
LISTING_FIELDS: Final = (
    "url",
    "save_as",
    "title",
    "date",
    "modified",
    "status",
    "lang",
    "category",
    "tags",
    "authors",
    "summary",
    "description",
    "reading_time",
    "slug",
    # The series metadata: which posts a post's series list shows (.series).
    "series",
    "series_index",
)
#: Settings that name folders of this build only; they never reach a page.
VOLATILE: Final = frozenset({"OUTPUT_PATH", "SCHOLAR_PREVIOUS_OUTPUT", "localsiteurl"})
#: ``JINJA_ENVIRONMENT`` options that never change what a template renders.
#: The speed plugin sets the first two itself (:mod:`.compiled_templates`):
#: in a process that builds again, its settings hold them from the start.
RENDER_NEUTRAL_JINJA_OPTIONS: Final = frozenset(
    {"auto_reload", "bytecode_cache", "cache_size"}
)
#: write_file arguments whose posts count in full (body included).
FULL_KEYS: Final = frozenset(
    {"article", "page", "articles", "dates", "translation", "items"}
)
#: Content lists whose order means nothing: Pelican's StaticGenerator fills
#: ``staticfiles`` by iterating over a set of paths, so its order changes from
#: one process to the next (string hashing is randomised).
UNORDERED_KEYS: Final = frozenset({"staticfiles"})
#: The lists Pelican paginates.
PAGINATED_KEYS: Final = ("articles", "dates")
#: The context keys holding the bundle's collection items (collections.py):
#: every collection, and the selected publications the home page lists.
ITEM_KEYS: Final = ("collections", "selected_publications")
#: The comment by which a template says it shows only the collections'
#: titles and URLs (the menu): it does not make its pages depend on the items.
COLLECTION_TITLES_ONLY: Final = "scholar: shows collection titles and URLs only"
#: What stands for the text of a reused page whose file is known intact by its
#: stamp: Pelican gives a page's text only to the file it writes it to, and
#: :meth:`IncrementalWriter._open_w` writes nothing to that file.
NOT_READ: Final = ""


class Record(NamedTuple):
    """One output file of a build: its inputs' fingerprint and its text's digest.

    ``stamp`` is the file's (size, modification time in ns) in ``OUTPUT_PATH``
    once this build wrote it or found it intact; ``None`` when not known.
    """

    fingerprint: bytes
    output: bytes
    stamp: tuple[int, int] | None = None


#: The record each writer of this process saved, by its path, with the
#: record file's stamp then: a later build reads the file only if it changed.
_SAVED_RECORDS: dict[Path, tuple[tuple[int, int], dict[str, Record]]] = {}


def _stamp_of(path: str | Path) -> tuple[int, int] | None:
    """Return a file's (size, modification time in ns), or ``None`` if missing."""
    try:
        status = os.stat(path)  # noqa: PTH116 - a str or a Path
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def _stable(value: Any, depth: int = 0) -> str:  # noqa: PLR0911 - one case per kind
    """Return a repr that is the same across processes for the same value.

    An object with a ``stable_key`` text (a publication from the
    bibliography) counts by it; another dataclass by the fields its repr
    shows.
    """
    if depth > 10:
        return "…"
    if isinstance(value, str | int | float | bool | type(None) | bytes):
        return repr(value)
    if isinstance(value, URLWrapper):
        return f"{type(value).__name__}({value.name!r},{value.slug!r})"
    if isinstance(value, Content):
        return f"{type(value).__name__}({value.source_path!r})"
    if isinstance(value, dict):
        items = sorted((str(k), _stable(v, depth + 1)) for k, v in value.items())
        return "{" + ",".join(f"{k}:{v}" for k, v in items) + "}"
    if isinstance(value, list | tuple | set | frozenset):
        parts = [_stable(v, depth + 1) for v in value]
        if isinstance(value, set | frozenset):
            parts.sort()
        return f"{type(value).__name__}[" + ",".join(parts) + "]"
    stable_key = getattr(value, "stable_key", None)
    if isinstance(stable_key, str):
        return stable_key
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        shown = {
            item.name: getattr(value, item.name)
            for item in dataclasses.fields(value)
            if item.repr
        }
        return type(value).__name__ + _stable(shown, depth + 1)
    if callable(value):
        module = getattr(value, "__module__", "?")
        return f"<{module}.{getattr(value, '__qualname__', type(value).__name__)}>"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return f"<{type(value).__module__}.{type(value).__qualname__}>"


def _remove_empty_folders(folder: Path, root: Path) -> None:
    """Remove ``folder`` and its parents below ``root`` while they are empty."""
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:  # not empty (or gone): its parents are not empty either
            return
        folder = folder.parent


def _rendering_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    """Return ``settings`` without what cannot change a rendered page.

    That is the :data:`VOLATILE` keys and, in ``JINJA_ENVIRONMENT``, the
    :data:`RENDER_NEUTRAL_JINJA_OPTIONS`.
    """
    kept = {key: value for key, value in settings.items() if key not in VOLATILE}
    environment = kept.get("JINJA_ENVIRONMENT")
    if isinstance(environment, Mapping):
        kept["JINJA_ENVIRONMENT"] = {
            option: value
            for option, value in environment.items()
            if option not in RENDER_NEUTRAL_JINJA_OPTIONS
        }
    return kept


def listing_view(content: Content) -> str:
    """Return what listings and other pages may show of ``content``."""
    return _stable([_field(content, name) for name in LISTING_FIELDS])


def _field(content: Content, name: str) -> Any:
    """Return an attribute of ``content``, or what stopped Pelican computing it.

    Static files are content objects too, and their ``summary`` cannot be
    computed; the exception's type then stands for the value.
    """
    try:
        return getattr(content, name, None)
    except Exception as error:  # noqa: BLE001 - any failure is a stable value
        return f"<{type(error).__name__}>"


def full_view(content: Content, listing: str) -> bytes:
    """Digest the whole of ``content``: its ``listing`` view, metadata and body."""
    return digest(
        listing,
        _stable(content.metadata),
        content._content or "",
    )


def items_view(value: Any) -> str:
    """Return what every page may show of collection items (a menu, links).

    ``value`` is one of :data:`ITEM_KEYS`: the collections (a mapping of
    name to collection) or a list of items. A collection counts by its
    name, kind, title and addresses; an item by its ``listing_key`` (a
    publication from the bibliography: its key, title, year and addresses)
    or, for a post-like item, its :func:`listing_view`. A page whose
    template shows more counts them in full (:meth:`IncrementalWriter.shown_items`).
    """
    if isinstance(value, dict):
        return _stable(
            [
                [
                    name,
                    [getattr(value[name], head, None) for head in _COLLECTION_HEAD],
                    items_view(list(getattr(value[name], "items", ()))),
                ]
                for name in sorted(value)
            ]
        )
    if isinstance(value, list | tuple):
        return _stable(
            [
                listing_view(item)
                if isinstance(item, Content)
                else getattr(item, "listing_key", None) or _stable(item)
                for item in value
            ]
        )
    return _stable(value)


_COLLECTION_HEAD: Final = ("name", "kind", "title", "url", "save_as")


def tree_digest(folders: Iterable[Path]) -> str:
    """Digest of every file (path and bytes) under ``folders``."""
    return digest(*(folder_digest(f) for f in folders if f.is_dir())).hex()


class IncrementalWriter(Writer):
    """Pelican's writer, reusing the last build's file when its inputs are equal.

    Pelican makes one per build (``get_writer``); :func:`.handlers.choose_writer`
    offers this class, and the build's speed state keeps the instance.
    """

    def __init__(self, output_path: str, settings: Mapping[str, Any]) -> None:
        super().__init__(output_path, settings=settings)
        self.record_path = Path(settings["CACHE_PATH"]) / RECORD_FILE
        previous = settings.get("SCHOLAR_PREVIOUS_OUTPUT") or output_path
        self.sources = [Path(output_path), Path(previous)]
        self.previous: dict[str, Record] = {}
        if settings.get("LOAD_CONTENT_CACHE"):
            self.previous = self._load()
        self.current: dict[str, Record] = {}
        self._site: bytes | None = None
        # Views by object: posts do not change while pages are written.
        self._listing: dict[int, tuple[Content, str]] = {}
        self._full: dict[int, tuple[Content, bytes]] = {}
        # Other argument values by object: a collection, which each of its
        # items' pages gets, is written out once, not once per page.
        self._stable: dict[int, tuple[Any, str]] = {}
        # The ITEM_KEYS a template (by name) shows in full.
        self._shown_items: dict[str, frozenset[str]] = {}
        self.reused = 0
        self.rendered = 0
        #: Output files (absolute paths) whose reused text is already there.
        self.in_place: set[str] = set()
        #: Files this build left as they were, not written again.
        self.untouched = 0
        #: Pages of the last build this one removed: it did not write them.
        self.removed = 0
        #: Stamps of the files of ``OUTPUT_PATH`` (absolute paths) as this
        #: build wrote them or found them intact.
        self.stamps: dict[str, tuple[int, int] | None] = {}

    # ---- the record -------------------------------------------------------

    def _load(self) -> dict[str, Record]:
        kept = _SAVED_RECORDS.get(self.record_path)
        if kept is not None and kept[0] == _stamp_of(self.record_path):
            return kept[1]
        return read_cache_file(self.record_path) or {}

    def save(self) -> None:
        """Keep this build's records, with their files' stamps, for the next build.

        First, the pages of the last build that this one did not write are
        removed (:meth:`remove_pages_no_longer_built`).
        """
        self.remove_pages_no_longer_built()
        if not self.settings.get("CACHE_CONTENT"):
            return
        output = self.sources[0]
        records = {
            name: record._replace(
                stamp=self.stamps.get(os.path.abspath(output / name))  # noqa: PTH100
            )
            for name, record in self.current.items()
        }
        if write_cache_file(self.record_path, records):
            stamp = _stamp_of(self.record_path)
            if stamp is not None:
                _SAVED_RECORDS[self.record_path] = (stamp, records)

    def remove_pages_no_longer_built(self) -> None:
        """Remove the last build's pages that this build did not write.

        A build into the folder of the last one (``invoke livereload``'s)
        would leave the pages of a deleted post, a post made a draft, a tag
        no post has any more, where they are served and indexed. A page is
        removed only if its file is still as the last build left it (its
        stamp), so a file someone changed since stays; then its folders, if
        that emptied them. Nothing is removed when ``WRITE_SELECTED`` asks
        for some pages only.
        """
        if self.settings.get("WRITE_SELECTED"):
            return
        output = self.sources[0]
        for name, record in self.previous.items():
            if name in self.current or record.stamp is None:
                continue
            path = output / name
            if _stamp_of(path) != record.stamp:
                continue
            try:
                path.unlink()
            except OSError as error:
                logger.warning("Could not remove %s, no longer built: %s", path, error)
                continue
            self.removed += 1
            _remove_empty_folders(path.parent, output)

    def report(self) -> str:
        """Say how many pages were rendered, reused and removed."""
        removed = (
            f"; removed {self.removed} pages no longer built" if self.removed else ""
        )
        return (
            f"Incremental writes: wrote {self.rendered} of"
            f" {self.rendered + self.reused} pages, reused the rest"
            f" ({self.untouched} files left as they were){removed}"
        )

    # ---- fingerprints -------------------------------------------------------

    def listing_view(self, content: Content) -> str:
        """Return :func:`listing_view`, computed once per post and build."""
        known = self._listing.get(id(content))
        if known is None or known[0] is not content:
            known = (content, listing_view(content))
            self._listing[id(content)] = known
        return known[1]

    def full_view(self, content: Content) -> bytes:
        """Return :func:`full_view`, computed once per post and build."""
        known = self._full.get(id(content))
        if known is None or known[0] is not content:
            known = (content, full_view(content, self.listing_view(content)))
            self._full[id(content)] = known
        return known[1]

    def site_fingerprint(self, context: Mapping[str, Any]) -> bytes:
        """Theme, settings, versions, the listing view of every post and collection."""
        if self._site is None:
            settings = self.settings
            theme = tree_digest(
                [
                    Path(settings["THEME"]),
                    Path(theme_path()),
                    *map(Path, settings.get("THEME_TEMPLATES_OVERRIDES") or []),
                ]
            )
            contents: list[str] = []
            content_keys = set()
            for key in sorted(context):
                value = context[key]
                if isinstance(value, list) and value and isinstance(value[0], Content):
                    content_keys.add(key)
                    views = list(map(self.listing_view, value))
                    if key in UNORDERED_KEYS:
                        views.sort()
                    contents += [key, *views]
            others = _rendering_settings(
                {
                    key: value
                    for key, value in context.items()
                    if key not in content_keys
                }
            )
            for key in ITEM_KEYS:
                if key in others:
                    others[key] = items_view(others[key])
            self._site = digest(
                code_key(),
                theme,
                _stable(_rendering_settings(settings)),
                _stable(others),
                *contents,
            )
        return self._site

    def call_fingerprint(
        self,
        context: Mapping[str, Any],
        arguments: Mapping[str, Any],
        *,
        paginated: bool,
    ) -> bytes:
        """Return the fingerprint of one ``write_file`` call.

        The posts of ``article``, ``page`` and ``translation`` count in full.
        So do a listing's ``articles`` and ``dates``, unless the call is
        paginated: then each page adds its own posts in full
        (:meth:`page_fingerprint`).
        """
        parts: list[str | bytes] = [self.site_fingerprint(context)]
        for key in sorted(arguments):
            value = arguments[key]
            full = key in FULL_KEYS and not (paginated and key in PAGINATED_KEYS)
            parts.append(key)
            if full and isinstance(value, Content):
                parts.append(self.full_view(value))
            elif full and isinstance(value, list | tuple):
                parts += [
                    self.full_view(item) if isinstance(item, Content) else _stable(item)
                    for item in value
                ]
            else:
                parts.append(self.stable_view(value))
        return digest(*parts)

    def stable_view(self, value: Any) -> str:
        """Return :func:`_stable` of an argument value, once per object and build."""
        if isinstance(value, str | int | float | bool | type(None)):
            return _stable(value)
        kept = self._stable.get(id(value))
        if kept is None or kept[0] is not value:
            kept = (value, _stable(value))
            self._stable[id(value)] = kept
        return kept[1]

    def shown_items(self, template: Template) -> frozenset[str]:
        """Return the :data:`ITEM_KEYS` ``template`` may show more of than links.

        A key counts when the template, or one it extends, includes or
        imports, names it (``collections`` without the
        :data:`COLLECTION_TITLES_ONLY` comment); every key counts when a
        template is named by a variable, only known when rendering.
        """
        name = getattr(template, "name", None)
        environment = getattr(template, "environment", None)
        if name is None or environment is None:
            return frozenset(ITEM_KEYS)
        known = self._shown_items.get(name)
        if known is None:
            known = _shown_items(environment, name)
            self._shown_items[name] = known
        return known

    def page_fingerprint(self, call: bytes, localcontext: Mapping[str, Any]) -> bytes:
        """Return one output file's fingerprint: its call's and its page's posts."""
        parts: list[str | bytes] = [call]
        for key in PAGINATED_KEYS:
            page = localcontext.get(f"{key}_page")
            for item in getattr(page, "object_list", ()):
                parts.append(self.full_view(item) if isinstance(item, Content) else "")
        return digest(*parts)

    # ---- writing ------------------------------------------------------------

    def reusable_text(self, output_file: str, earlier: Record) -> str | None:
        """Return the text a previous build wrote for ``output_file``, if intact.

        When it is the file in ``OUTPUT_PATH`` itself, that file is left as
        it is (:meth:`_open_w`). If its stamp is still the one ``earlier``
        recorded, it is not even read: :data:`NOT_READ` stands for its text,
        which Pelican hands only to the file :meth:`_open_w` does not write.
        Otherwise its text is read and digested.
        """
        for folder in self.sources:
            path = folder / output_file
            in_output = folder == self.sources[0]
            stamp = _stamp_of(path) if in_output else None
            absolute = os.path.abspath(path)  # noqa: PTH100 - as Pelican names it
            if (
                in_output
                and stamp is not None
                and stamp == earlier.stamp
                and absolute not in self._written_files
                and absolute not in self._overridden_files
            ):
                self.in_place.add(absolute)
                self.stamps[absolute] = stamp
                return NOT_READ
            try:
                with path.open(encoding="utf-8", newline="") as handle:
                    text = handle.read()
            except (OSError, UnicodeDecodeError):
                continue
            if digest(text) == earlier.output:
                if in_output:
                    self.in_place.add(absolute)
                    self.stamps[absolute] = stamp
                return text
        return None

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> Any:
        """Open ``filename`` as Pelican does, unless its text is already there.

        Pelican's writer opens, truncates and writes every page; a reused
        page's file already holds the same text, so it is not written again
        (its modification time stays, for rsync and the like). Pelican's
        bookkeeping of written files is kept, so its checks are the same.
        """
        absolute = os.path.abspath(filename)  # noqa: PTH100
        if (
            absolute not in self.in_place
            or filename in self._overridden_files
            or filename in self._written_files
        ):
            self.stamps.pop(absolute, None)
            opened = super()._open_w(filename, encoding, override=override)
            return _StampedWhenClosed(opened, absolute, self.stamps)
        self.in_place.discard(absolute)
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        self.untouched += 1
        return _NoWrite()

    def write_file(  # noqa: PLR0913, PLR0917 - Pelican's signature
        self,
        name: str,
        template: Template,
        context: dict[str, Any],
        relative_urls: bool = False,
        paginated: dict[str, Any] | None = None,
        template_name: str | None = None,
        override_output: bool = False,
        url: str | None = None,
        **kwargs: Any,
    ) -> None:
        """Write as Pelican does, rendering only pages whose inputs changed."""
        if not name:
            return
        arguments = {
            **kwargs,
            "name": name,
            "template": getattr(template, "name", None),
            "relative_urls": relative_urls,
            "paginated": paginated,
            "template_name": template_name,
            "override_output": override_output,
            "url": url,
        }
        for key in self.shown_items(template):
            if key in context:
                arguments[f"{key} (the context's, in full)"] = context[key]
        listed = paginated
        if listed is None:
            listed = {key: kwargs[key] for key in PAGINATED_KEYS if key in kwargs}
        call = self.call_fingerprint(
            context,
            arguments,
            paginated=bool(listed)
            and template_name in self.settings["PAGINATED_TEMPLATES"],
        )
        super().write_file(
            name,
            _RenderOnce(self, template, call),
            context,
            relative_urls=relative_urls,
            paginated=paginated,
            template_name=template_name,
            override_output=override_output,
            url=url,
            **kwargs,
        )


def _shown_items(environment: Environment, name: str) -> frozenset[str]:
    """See :meth:`IncrementalWriter.shown_items` (uncached)."""
    shown: set[str] = set()
    seen: set[str] = set()
    waiting = [name]
    known: list[str] | None = None  # the environment's templates, listed once
    while waiting:
        current = waiting.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            source, _filename, _uptodate = environment.loader.get_source(  # type: ignore[union-attr]
                environment, current
            )
        except Exception:  # noqa: BLE001 - a template it cannot read: it may show all
            return frozenset(ITEM_KEYS)
        named, names, patterns = _template_facts(
            source, environment.block_start_string, environment.block_end_string
        )
        shown |= named
        waiting += names
        if patterns:
            if known is None:
                known = environment.list_templates()
            matcher = re.compile("|".join(f"(?:{pattern})" for pattern in patterns))
            waiting += [other for other in known if matcher.fullmatch(other)]
    return frozenset(shown)


@functools.lru_cache(maxsize=1024)
def _template_facts(
    source: str, block_start: str, block_end: str
) -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """Return what a template's ``source`` names: item keys, templates, name patterns.

    The templates it extends, includes or imports are read from those tags
    alone (each parsed as a snippet: a page's whole template is not parsed
    again); a name built when rendering (``"partials/" ~ kind ~ ".html"``)
    is a pattern, a variable or a tag that does not parse is ``.*``. Kept
    by source, for a live-reloading process.
    """
    named = {key for key in ITEM_KEYS if key in source}
    if COLLECTION_TITLES_ONLY in source:
        named.discard("collections")
    names: list[str] = []
    patterns: list[str] = []
    parser = _snippet_environment(block_start, block_end)
    tags = re.compile(
        re.escape(block_start)
        + r"[-+]?\s*((?:extends|include|import|from)\b.*?)[-+]?"
        + re.escape(block_end),
        re.S,
    )
    for tag in tags.finditer(source):
        try:
            tree = parser.parse(f"{block_start} {tag[1]} {block_end}")
        except Exception:  # noqa: BLE001 - not a tag after all (a comment's text)
            patterns.append(".*")
            continue
        for node in tree.find_all(
            (nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)
        ):
            _template_names(node.template, names, patterns)
    return frozenset(named), tuple(names), tuple(patterns)


@functools.lru_cache(maxsize=8)
def _snippet_environment(block_start: str, block_end: str) -> Environment:
    """Return a bare Jinja environment with the site's block delimiters, for tags."""
    return Environment(block_start_string=block_start, block_end_string=block_end)


def _template_names(node: nodes.Node, names: list[str], patterns: list[str]) -> None:
    """Add the names a template expression gives (or their patterns) to the lists."""
    if isinstance(node, nodes.Const) and isinstance(node.value, str):
        names.append(node.value)
    elif isinstance(node, nodes.List | nodes.Tuple):
        for item in node.items:
            _template_names(item, names, patterns)
    elif isinstance(node, nodes.CondExpr):
        for branch in (node.expr1, node.expr2):
            if branch is not None:
                _template_names(branch, names, patterns)
    elif isinstance(node, nodes.Concat):
        patterns.append(
            "".join(
                re.escape(part.value)
                if isinstance(part, nodes.Const) and isinstance(part.value, str)
                else ".*"
                for part in node.nodes
            )
        )
    else:  # a variable: any template
        patterns.append(".*")


class _StampedWhenClosed:
    """A file Pelican writes through; its stamp is recorded once it is closed."""

    def __init__(
        self, opened: Any, path: str, stamps: dict[str, tuple[int, int] | None]
    ) -> None:
        self.opened = opened
        self.path = path
        self.stamps = stamps

    def __enter__(self) -> Any:
        return self.opened.__enter__()

    def __exit__(self, *exc_info: object) -> Any:
        result = self.opened.__exit__(*exc_info)
        if exc_info[0] is None:
            self.stamps[self.path] = _stamp_of(self.path)
        return result

    def __getattr__(self, name: str) -> Any:
        return getattr(self.opened, name)


class _NoWrite:
    """A file that is not written: the page's text is already in it."""

    def __enter__(self) -> _NoWrite:
        return self

    def __exit__(self, *exc_info: object) -> None:
        return None

    def write(self, text: str) -> int:
        """Write nothing."""
        return len(text)


class _RenderOnce:
    """Stands in for a template: last build's text when intact, else renders."""

    def __init__(
        self, writer: IncrementalWriter, template: Template, call: bytes
    ) -> None:
        self.writer = writer
        self.template = template
        self.call = call

    def __getattr__(self, name: str) -> Any:
        return getattr(self.template, name)

    def render(self, localcontext: Mapping[str, Any]) -> str:
        """Return the page's text, reused or rendered, and record it."""
        writer = self.writer
        output_file = localcontext["output_file"]
        fingerprint = writer.page_fingerprint(self.call, localcontext)
        earlier = writer.previous.get(output_file)
        if earlier is not None and earlier.fingerprint == fingerprint:
            text = writer.reusable_text(output_file, earlier)
            if text is not None:
                writer.reused += 1
                writer.current[output_file] = Record(fingerprint, earlier.output)
                return text
        text = self.template.render(localcontext)
        writer.rendered += 1
        logger.debug("Rendered %s: its inputs changed", output_file)
        writer.current[output_file] = Record(fingerprint, digest(text))
        return text
