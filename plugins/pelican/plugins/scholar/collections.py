"""Publications, talks, teaching and portfolio: content folders with pages of their own.

Each folder of the content folder named in ``SCHOLAR_COLLECTIONS`` (default
``publications``, ``talks``, ``teaching``, ``portfolio``) that exists is a
collection; a missing folder is no collection, and with none the build
writes nothing more. Its files are read with Pelican's readers (Markdown
with YAML front matter, reStructuredText, HTML) as :class:`CollectionItem`
objects, ``Page``-like content whose metadata keeps academicpages' field
names (``venue``, ``location``, ``type``, ``paperurl``, ``slidesurl``,
``bibtexurl``, ``citation``, ``header``, ``category``...), plus
``collection`` (the folder), ``kind`` (``talks``: ``talk``) and
``description`` (as the core gives posts, from ``description``, the summary
or the body). The folders are kept out of Pelican's own article and page
reading (:func:`exclude_folders` adds them to ``ARTICLE_EXCLUDES`` and
``PAGE_EXCLUDES``).

:class:`CollectionsGenerator` (Pelican's ``get_generators`` signal) writes

* each item at its ``url``/``save_as`` metadata, else at
  ``SCHOLAR_COLLECTION_ITEM_URL``/``_SAVE_AS`` (``{collection}/{slug}/``),
  with the ``collection_item`` template; a draft (``status: draft``) is not
  listed and is written at ``SCHOLAR_COLLECTION_DRAFT_URL``/``_SAVE_AS``
  (``drafts/{collection}/{slug}.html``), never at its public URL; a hidden
  item is written and not listed;
* one listing page per collection at ``SCHOLAR_COLLECTION_URL``/``_SAVE_AS``
  (``{collection}/``), with the ``collection`` template: publications,
  talks and teaching newest first (undated items last, in file order),
  portfolio in file order; publications under one heading per category
  when ``SCHOLAR_PUBLICATION_CATEGORIES`` maps category keys to headings.

Templates get ``collections``: collection name to :class:`Collection`
(``name``, ``kind``, ``title``, ``url``, ``save_as``, ``items``,
``groups``), in ``SCHOLAR_COLLECTIONS`` order; the masthead lists them
after the pages when ``SCHOLAR_COLLECTIONS_ON_MENU`` is on. A collection's
title is the ``partials/collection/title.html`` partial rendered for it, so
it is translated, and a site can rename a collection by overriding it.
"""

from __future__ import annotations

import logging
import os
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from jinja2 import ChoiceLoader, FileSystemLoader
from pelican.contents import Page
from pelican.generators import CachingGenerator
from pelican.utils import posixize_path

from .bib_publications import (
    BibPublication,
    absolute,
    bib_publications,
    group_publications,
    grouping,
    order_publications,
    site_file_link,
)
from .description import describe
from .htmltokens import read_text
from .overwrites import OVERWRITE_REFUSED, is_refused_overwrite
from .post_citations import cite_in
from .site_bibliographies import bibliographies_of
from .theme_location import theme_path
from .url_files import file_for_url

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, MutableMapping, Sequence

    from jinja2 import Template
    from pelican.writers import Writer

logger = logging.getLogger(__name__)

#: The singular of the default collections' names: the name of their kind.
KINDS: Final = {
    "publications": "publication",
    "talks": "talk",
    "teaching": "teaching",
    "portfolio": "portfolio",
}
#: Collections listed in file order rather than newest first.
FILE_ORDER: Final = frozenset({"portfolio"})
#: Templates: the listing page, and the page of one item.
LISTING_TEMPLATE: Final = "collection"
ITEM_TEMPLATE: Final = "collection_item"
#: The page of one publication from the bibliography.
ENTRY_TEMPLATE: Final = "bibliography_entry"
TITLE_PARTIAL: Final = "partials/collection/title.html"
TYPE_HEADING_PARTIAL: Final = "partials/collection/type_heading.html"
#: biblatex entry types that are no works: an entry set, a data container.
_NOT_WORKS: Final = frozenset({"set", "xdata"})


def folder_of(name: str) -> str:
    """Return a ``SCHOLAR_COLLECTIONS`` entry as a folder path (no outer slashes)."""
    return name.strip("/")


def kind_of(name: str) -> str:
    """Return the kind of item a collection holds (``talks``: ``talk``)."""
    folder = folder_of(name)
    return KINDS.get(folder.rsplit("/", 1)[-1], folder.rsplit("/", 1)[-1])


def existing_collections(settings: Mapping[str, Any]) -> list[str]:
    """Return the ``SCHOLAR_COLLECTIONS`` folders that exist in ``PATH``."""
    path = settings["PATH"]
    return [
        folder_of(name)
        for name in settings["SCHOLAR_COLLECTIONS"]
        if os.path.isdir(os.path.join(path, folder_of(name)))  # noqa: PTH112, PTH118
    ]


def publications_collection(settings: Mapping[str, Any]) -> str | None:
    """Return the collection the bibliography's entries are listed in.

    The first ``SCHOLAR_COLLECTIONS`` entry of kind ``publication``; None
    when there is none.
    """
    for name in settings["SCHOLAR_COLLECTIONS"]:
        if kind_of(name) == "publication":
            return folder_of(name)
    return None


def collection_of(source_path: str, settings: Mapping[str, Any]) -> str | None:
    """Return the collection whose folder holds ``source_path``, if any.

    The longest matching folder wins (``talks/invited`` before ``talks``).
    """
    relative = posixize_path(os.path.relpath(source_path, settings["PATH"]))
    found = None
    for name in settings.get("SCHOLAR_COLLECTIONS", ()):
        folder = folder_of(name)
        if relative.startswith(folder + "/") and (
            found is None or len(folder) > len(found)
        ):
            found = folder
    return found


def exclude_folders(settings: MutableMapping[str, Any]) -> None:
    """Keep the collection folders out of Pelican's article and page reading."""
    folders = [folder_of(name) for name in settings["SCHOLAR_COLLECTIONS"]]
    for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES"):
        excluded = list(settings.get(key) or [])
        settings[key] = excluded + [f for f in folders if f not in excluded]


def expand_pattern(setting: str, pattern: str, fields: Mapping[str, Any]) -> str:
    """Fill in a URL pattern; a field it names that is unknown is an error."""
    try:
        return pattern.format(**fields)
    except (KeyError, IndexError, ValueError) as error:
        msg = f"{setting} {pattern!r} names an unknown field ({error})"
        raise ValueError(msg) from None


class CollectionItem(Page):
    """One publication, talk, teaching entry or portfolio piece.

    A ``Page`` (``title`` is required, statuses as a page's) whose URL comes
    from the ``SCHOLAR_COLLECTION_ITEM_*`` (or ``_DRAFT_*``) settings, with
    ``{collection}`` among its fields. ``collection`` is the folder the file
    is in; ``kind`` the kind of item it holds.
    """

    default_template = ITEM_TEMPLATE

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Make the item; its collection is the folder of its source file."""
        settings = kwargs.get("settings") or {}
        source_path = kwargs.get("source_path") or ""
        self.collection = collection_of(source_path, settings) or ""
        self.kind = kind_of(self.collection) if self.collection else ""
        super().__init__(*args, **kwargs)

    @property
    def url_format(self) -> dict[str, Any]:
        """Return Pelican's URL fields, with ``collection``."""
        return {**super().url_format, "collection": self.collection}

    def get_url_setting(self, key: str) -> str:
        """Return the URL or output path: metadata's, else the settings' pattern.

        A draft always goes to the draft pattern, not to its own ``url`` or
        ``save_as``: the public address stays free until it is published.
        """
        draft = self.status == "draft"
        if not draft and hasattr(self, "override_" + key):
            return getattr(self, "override_" + key)
        kind = "DRAFT" if draft else "ITEM"
        setting = f"SCHOLAR_COLLECTION_{kind}_{key.upper()}"
        return expand_pattern(setting, self.settings[setting], self.url_format)

    @property
    def citation_meta(self) -> list[tuple[str, str]]:
        """Google Scholar's ``citation_*`` tags of a publication's page, as text.

        Title, the authors its metadata names (``author``/``authors``), the
        date, the venue as the journal, and ``paperurl`` as the PDF. Other
        kinds of item have none.
        """
        if self.kind != "publication":
            return []
        title, _ = read_text(str(self.title))
        tags = [("citation_title", " ".join(title.split()))]
        if "author" in self.metadata or "authors" in self.metadata:
            tags += [
                ("citation_author", str(author))
                for author in getattr(self, "authors", ())
            ]
        date = getattr(self, "date", None)
        if date is not None:
            tags.append(("citation_publication_date", date.strftime("%Y/%m/%d")))
        venue = self.metadata.get("venue")
        if venue:
            venue_text, _ = read_text(str(venue))
            tags.append(("citation_journal_title", " ".join(venue_text.split())))
        paper = str(self.metadata.get("paperurl") or "").strip()
        if paper:
            tags.append(
                (
                    "citation_pdf_url",
                    absolute(site_file_link(paper, self.settings), self.settings),
                )
            )
        return tags


class Group(NamedTuple):
    """Items under one heading of a listing (``heading`` None: no heading)."""

    heading: str | None
    items: list[CollectionItem]


class CollectionLink(NamedTuple):
    """What an item's page shows of its collection: a link to the listing.

    An item's page gets this, not the :class:`Collection`: the page then
    changes only with its own item (the speed plugin renders again only the
    pages whose inputs changed).
    """

    name: str
    kind: str
    title: str
    url: str


class Collection(NamedTuple):
    """One collection, as templates see it (a tuple, so builds can fingerprint it)."""

    name: str
    kind: str
    title: str
    url: str
    save_as: str
    #: The listed items, in the listing's order.
    items: list[CollectionItem]
    #: The same items under their headings (one group without heading, unless
    #: publications are grouped by category).
    groups: list[Group]

    @property
    def link(self) -> CollectionLink:
        """The collection as its items' pages show it."""
        return CollectionLink(self.name, self.kind, self.title, self.url)


def _date_key(item: CollectionItem) -> float:
    date = getattr(item, "date", None)
    return date.timestamp() if date is not None else float("inf")


def order_items(name: str, items: Iterable[CollectionItem]) -> list[CollectionItem]:
    """Return the items in their listing order.

    Newest first, undated items last, ties in file order; the portfolio in
    file order (its file names set it, as in academicpages).
    """
    in_file_order = sorted(items, key=lambda item: item.source_path or "")
    if kind_of(name) in FILE_ORDER:
        return in_file_order
    dated = [item for item in in_file_order if getattr(item, "date", None)]
    undated = [item for item in in_file_order if not getattr(item, "date", None)]
    dated.sort(key=_date_key, reverse=True)
    return dated + undated


def category_key(item: CollectionItem) -> str | None:
    """Return the name of an item's category, as text, if it has one."""
    category = item.metadata.get("category")
    if category is None:
        return None
    return str(getattr(category, "name", category)).strip() or None


def default_categories(settings: Mapping[str, Any], collection: str) -> set[str]:
    """Return the categories Pelican gives an item that names none.

    ``DEFAULT_CATEGORY``, and the folder's name with ``USE_FOLDER_AS_CATEGORY``
    (both only when ``CATEGORY_SAVE_AS`` writes category pages).
    """
    if not settings.get("CATEGORY_SAVE_AS"):
        return set()
    found = {str(settings.get("DEFAULT_CATEGORY") or "")}
    if settings.get("USE_FOLDER_AS_CATEGORY"):
        found.add(folder_of(collection).rsplit("/", 1)[-1])
    return found - {""}


def group_items(
    items: Sequence[CollectionItem],
    headings: Mapping[str, str] | None,
    defaults: set[str] | frozenset[str] = frozenset(),
) -> list[Group]:
    """Group ordered items under the headings of their categories.

    Without ``headings``, one group with no heading. With them, one group
    per heading that has items, in the mapping's order, then the items of
    no category or of another category under no heading (never dropped: a
    category that is neither a heading's key nor one of ``defaults``, the
    categories Pelican gives an item naming none, is a warning naming the
    file).
    """
    if not headings:
        return [Group(None, list(items))] if items else []
    by_key: dict[str, list[CollectionItem]] = {key: [] for key in headings}
    others = []
    for item in items:
        key = category_key(item)
        if key in by_key:
            by_key[key].append(item)
            continue
        if key is not None and key not in defaults:
            logger.warning(
                "%s: category '%s' is not one of SCHOLAR_PUBLICATION_CATEGORIES"
                " (%s); listed after them",
                item.relative_source_path,
                key,
                ", ".join(headings),
            )
        others.append(item)
    groups = [Group(headings[key], listed) for key, listed in by_key.items() if listed]
    if others:
        groups.append(Group(None, others))
    return groups


def item_description(item: CollectionItem) -> str:
    """Return an item's description: its ``description``, summary or body, as text.

    Plain text of at most ``SCHOLAR_DESCRIPTION_LENGTH`` characters, as the
    core gives posts and pages (templates escape it).
    """
    metadata = item.metadata
    explicit = metadata.get("description")
    return describe(
        str(metadata.get("summary") or item._content or ""),
        explicit if isinstance(explicit, str) else None,
        item.settings["SCHOLAR_DESCRIPTION_LENGTH"],
    )


class CollectionsGenerator(CachingGenerator):
    """Reads the collection folders and writes the items and their listings."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Make the generator (Pelican's own readers, with its settings).

        Templates the site's theme lacks (``collection.html``, the
        ``partials/collection/`` ones) come from the bundled theme, last: on
        another theme, collection pages extend that theme's ``base.html``.
        """
        self.collections: dict[str, Collection] = {}
        self.items: list[CollectionItem] = []
        self.hidden_items: list[CollectionItem] = []
        self.draft_items: list[CollectionItem] = []
        #: The bibliography's entries, listed with the publications.
        self.bib_publications: list[BibPublication] = []
        #: The collections whose listing page is written (no other page's path).
        self.listings: list[str] = []
        super().__init__(*args, **kwargs)
        bundled = FileSystemLoader(str(Path(theme_path()) / "templates"))
        loader = self.env.loader
        if isinstance(loader, ChoiceLoader):
            loader.loaders = [*loader.loaders, bundled]

    # ---- reading ----------------------------------------------------------

    def _read(self, path: str) -> CollectionItem | None:
        """Read one file (or take it from the cache); None when it is unusable."""
        item = self.get_cached_data(path, None)
        if item is not None:
            return item
        try:
            item = self.readers.read_file(
                base_path=self.path,
                path=path,
                content_class=CollectionItem,
                context=self.context,
            )
        except Exception:
            logger.exception(
                "Could not process %s", path, exc_info=self.settings.get("DEBUG")
            )
            self._add_failed_source_path(path)
            return None
        if not isinstance(item, CollectionItem):  # a SkipStub: status skip
            return None
        if not hasattr(item, "title"):
            logger.error(
                "%s: a collection item needs a title (a 'title' in its metadata);"
                " it is left out",
                path,
            )
            self._add_failed_source_path(path)
            return None
        if not item.is_valid():
            self._add_failed_source_path(path)
            return None
        self.cache_data(path, item)
        return item

    def _title(self, name: str) -> str:
        """Return a collection's title: the setting's, else the title partial's."""
        own = self.settings["SCHOLAR_COLLECTION_TITLES"].get(name)
        if own:
            return own
        template = self.env.get_template(TITLE_PARTIAL)
        return template.render(
            {**self.context, "name": name, "kind": kind_of(name)}
        ).strip()

    def _collection(self, name: str, listed: list[Any]) -> Collection:
        url, save_as = self.listing_address(name)
        if kind_of(name) == "publication":
            ordered = order_publications(listed)
            groups = [
                Group(heading, items)
                for heading, items in group_publications(
                    ordered,
                    grouping(
                        self.settings,
                        has_bibliography=any(
                            isinstance(item, BibPublication) for item in listed
                        ),
                    ),
                    type_heading=self._type_heading,
                    by_category=lambda items: list(
                        group_items(
                            items,
                            self.settings["SCHOLAR_PUBLICATION_CATEGORIES"],
                            default_categories(self.settings, name),
                        )
                    ),
                )
            ]
        else:
            ordered = order_items(name, listed)
            groups = group_items(ordered, None)
        return Collection(
            name=name,
            kind=kind_of(name),
            title=self._title(name),
            url=url,
            save_as=save_as,
            items=ordered,
            groups=groups,
        )

    def _type_heading(self, key: str) -> str:
        """Return the heading of a type of publication (its partial, translated)."""
        template = self.env.get_template(TYPE_HEADING_PARTIAL)
        return template.render({**self.context, "type": key}).strip()

    def _bib_entries(self, name: str, taken: dict[str, str]) -> list[BibPublication]:
        """Make the bibliography's entries of collection ``name``; claim their pages.

        An entry others ``crossref`` (proceedings, a book) holds them: it is
        not listed itself; nor are biblatex's ``@set`` (its members are) and
        ``@xdata`` (fields for other entries), which are no works.
        """
        references = bibliographies_of(self.settings).publications.values()
        containers = {
            ref.fields.get("crossref", "").strip().casefold() for ref in references
        }
        entries = bib_publications(
            [
                ref
                for ref in references
                if ref.key.casefold() not in containers
                and ref.entry_type not in _NOT_WORKS
            ],
            name,
            self.settings,
            self.item_address,
        )
        for entry in entries:
            if entry.save_as and not claim(
                taken, entry.save_as, entry.relative_source_path
            ):
                entry.url = entry.save_as = ""
        return entries

    def item_address(self, collection: str, slug: str) -> tuple[str, str]:
        """Return the ``(url, save_as)`` of an item page from the settings' patterns."""
        fields = {
            "collection": collection,
            "slug": slug,
            "lang": self.settings.get("DEFAULT_LANG", ""),
            "date": None,
            "path": "",
            "category": "",
            "author": "",
        }
        return (
            expand_pattern(
                "SCHOLAR_COLLECTION_ITEM_URL",
                self.settings["SCHOLAR_COLLECTION_ITEM_URL"],
                fields,
            ),
            expand_pattern(
                "SCHOLAR_COLLECTION_ITEM_SAVE_AS",
                self.settings["SCHOLAR_COLLECTION_ITEM_SAVE_AS"],
                fields,
            ),
        )

    def generate_context(self) -> None:
        """Read every collection's items; give templates ``collections``.

        An item whose page would be another's (a post's, a page's, a
        listing's or an earlier item's: Pelican's writer would skip it with
        an info line, or stop the build) is left out, with a warning naming
        both files.
        """
        taken = self.other_outputs()
        bib_name = self.bibliography_collection()
        existing = existing_collections(self.settings)
        readable = [
            (name, self.files_of(name) if name in existing else [])
            for name in map(folder_of, self.settings["SCHOLAR_COLLECTIONS"])
            if name in existing or name == bib_name
        ]
        self.listings = [
            name
            for name, _ in readable
            if (save_as := self.listing_address(name)[1])
            and claim(taken, save_as, f"the {name} listing")
        ]
        for name, paths in readable:
            listed = []
            for path in paths:
                item = self._read(path)
                if item is None:
                    continue
                if not claim(taken, item.save_as, item.relative_source_path):
                    self._add_failed_source_path(path)
                    continue
                self.add_source_path(item)
                self.add_static_links(item)
                {
                    "published": listed,
                    "hidden": self.hidden_items,
                    "draft": self.draft_items,
                }[item.status].append(item)
            self.items += listed
            entries = self._bib_entries(name, taken) if name == bib_name else []
            self.bib_publications += entries
            self.collections[name] = self._collection(name, [*listed, *entries])
        self.context["collections"] = self.collections
        self.context["selected_publications"] = self.selected_publications()
        self.check_cv_sections()
        self.save_cache()
        self.readers.save_cache()
        # After the cache is saved: it keeps the items as read, with their
        # citations unresolved, so that an edited .bib reaches them.
        for item in self.all_items():
            cite_in(item)
            item.description = item_description(item)

    def bibliography_collection(self) -> str | None:
        """Return the collection the bibliography is listed in, if it has entries.

        A bibliography with no publications collection to go to is a warning.
        """
        if not bibliographies_of(self.settings).publications:
            return None
        name = publications_collection(self.settings)
        if name is None:
            logger.warning(
                "The bibliography (SCHOLAR_BIBLIOGRAPHY) has entries, but"
                " SCHOLAR_COLLECTIONS names no publications collection: they"
                " are not listed"
            )
        return name

    def check_cv_sections(self) -> None:
        """Warn about a CV page's ``cv_sections`` entry that names no collection."""
        for page in self.context.get("pages", ()):
            asked = page.metadata.get("cv_sections")
            if not asked:
                continue
            names = asked.split(",") if isinstance(asked, str) else list(asked)
            for name in (str(name).strip() for name in names):
                if name not in self.collections:
                    logger.warning(
                        "%s: cv_sections names '%s', which is no collection of"
                        " this site (%s); left out",
                        page.relative_source_path,
                        name,
                        ", ".join(self.collections) or "none",
                    )

    def selected_publications(self) -> list[Any]:
        """Return the publications marked ``selected``, in their listing's order."""
        return [
            item
            for collection in self.collections.values()
            if collection.kind == "publication"
            for item in collection.items
            if (
                item.selected
                if isinstance(item, BibPublication)
                else str(item.metadata.get("selected", "")).strip().casefold()
                in {"true", "yes", "1"}
            )
        ]

    def files_of(self, name: str) -> list[str]:
        """Return the files of a collection, not those of one inside its folder."""
        return [
            path
            for path in sorted(self.get_files([name]))
            if collection_of(os.path.join(self.path, path), self.settings) == name  # noqa: PTH118
        ]

    def listing_address(self, name: str) -> tuple[str, str]:
        """Return a collection listing's ``(url, save_as)``; ``("", "")``: none.

        ``SCHOLAR_COLLECTION_LISTINGS`` may give a collection its own URL
        path (the page is the file a static server answers it with), or
        ``None`` for no listing page; else the URL patterns apply.
        """
        listings = self.settings["SCHOLAR_COLLECTION_LISTINGS"]
        if name in listings:
            where = listings[name]
            return (
                ("", "") if where is None else (where.lstrip("/"), file_for_url(where))
            )
        fields = {"collection": name}
        return (
            expand_pattern(
                "SCHOLAR_COLLECTION_URL",
                self.settings["SCHOLAR_COLLECTION_URL"],
                fields,
            ),
            expand_pattern(
                "SCHOLAR_COLLECTION_SAVE_AS",
                self.settings["SCHOLAR_COLLECTION_SAVE_AS"],
                fields,
            ),
        )

    def other_outputs(self) -> dict[str, str]:
        """Return the output files of the posts and pages read: their sources."""
        outputs = {}
        for content in self.context.get("generated_content", {}).values():
            if content is None or isinstance(content, CollectionItem):
                continue
            save_as = getattr(content, "save_as", "")
            if save_as:
                outputs[os.path.normpath(save_as)] = content.relative_source_path
        return outputs

    def refresh_metadata_intersite_links(self) -> None:
        """Resolve ``{filename}`` links in the items' formatted metadata."""
        for item in self.all_items():
            item.refresh_metadata_intersite_links()

    def all_items(self) -> Iterable[CollectionItem]:
        """Return every item read: listed, hidden and drafts."""
        return chain(self.items, self.hidden_items, self.draft_items)

    # ---- writing ------------------------------------------------------------

    def collection_link(self, name: str) -> CollectionLink | None:
        """Return what an item's page shows of collection ``name``, if it is one."""
        collection = self.collections.get(name)
        return collection.link if collection is not None else None

    def planned_writes(self) -> list[Write]:
        """Return what to write: each listing page, then each item's page."""
        listing = self.get_template(LISTING_TEMPLATE)
        writes = [
            Write(
                collection.save_as,
                f"the {collection.name} listing",
                listing,
                {"collection": collection, "items": collection.items},
                collection.url,
                override=False,
            )
            for collection in self.collections.values()
            if collection.name in self.listings
        ]
        writes += [
            Write(
                item.save_as,
                item.relative_source_path,
                self.get_template(item.template),
                {
                    "page": item,
                    "item": item,
                    "collection": self.collection_link(item.collection),
                },
                item.url,
                override=hasattr(item, "override_save_as"),
            )
            for item in self.all_items()
        ]
        entry = self.get_template(ENTRY_TEMPLATE) if self.bib_publications else None
        writes += [
            Write(
                publication.save_as,
                publication.relative_source_path,
                entry,
                {
                    "page": publication,
                    "publication": publication,
                    "collection": self.collection_link(publication.collection),
                },
                publication.url,
                override=False,
            )
            for publication in self.bib_publications
            if entry is not None and publication.save_as
        ]
        return writes

    def generate_output(self, writer: Writer) -> None:
        """Write every listing and item page (:meth:`planned_writes`).

        A page Pelican's writer refuses (a path written twice that no check
        here foresaw) is a warning naming its source, not the end of the build.
        """
        for write in self.planned_writes():
            try:
                writer.write_file(
                    write.name,
                    write.template,
                    self.context,
                    relative_urls=self.settings["RELATIVE_URLS"],
                    override_output=write.override,
                    url=write.url,
                    **write.arguments,
                )
            except OVERWRITE_REFUSED as error:
                if not is_refused_overwrite(error):
                    raise
                logger.warning("%s: not written: %s", write.source, error)


def claim(taken: dict[str, str], save_as: str, source: str) -> bool:
    """Record that ``source`` writes ``save_as``; False (and a warning) if taken."""
    first = taken.setdefault(os.path.normpath(save_as), source)
    if first == source:
        return True
    logger.warning(
        "%s: not written, its page %s is already the page of %s",
        source,
        save_as,
        first,
    )
    return False


class Write(NamedTuple):
    """One page the generator writes, and what it is the page of."""

    name: str
    source: str
    template: Template
    arguments: dict[str, Any]
    url: str
    override: bool
