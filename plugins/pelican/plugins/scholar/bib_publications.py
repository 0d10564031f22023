"""Publications from BibTeX: the entries of ``SCHOLAR_BIBLIOGRAPHY`` as listed items.

A :class:`BibPublication` is one ``.bib`` entry as the publications
listing, its own page and the home page's "Selected publications" show it:
the same attributes templates use for a Markdown publication (``title``,
``url``, ``save_as``, ``kind``, ``collection``), plus what only an entry has
(``authors_html``, ``venue``, ``year``, ``links``, ``abstract``,
``bibtex``, ``citation_meta``). Every text is escaped: a ``.bib`` is data.

The listing's order and groups (:func:`order_publications`,
:func:`group_publications`) cover both kinds of publication, so a site
with a ``.bib`` and ``publications/*.md`` files gets one page.
``SCHOLAR_PUBLICATIONS_GROUP_BY`` chooses the headings: ``"year"``,
``"type"`` (journal articles, conference papers, ...), ``"category"``
(``SCHOLAR_PUBLICATION_CATEGORIES``, as academicpages) or ``"none"``;
unset, ``"category"`` when categories are set, else ``"year"`` when there
is a ``.bib``, else ``"none"`` (academicpages' flat list).
"""

from __future__ import annotations

import functools
import hashlib
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from markupsafe import Markup, escape
from pelican.utils import slugify

from .bibliography import Reference, format_reference, names_html, owner_names
from .description import describe

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

logger = logging.getLogger(__name__)

#: The kind templates dispatch on (``partials/collection/reference.html``).
KIND: Final = "reference"
#: ``SCHOLAR_PUBLICATIONS_GROUP_BY`` values.
GROUPINGS: Final = ("year", "type", "category", "none")
#: Entry types under each type heading, in the order of the headings; any
#: other type is under the last (``other``).
TYPE_GROUPS: Final = {
    "article": ("article",),
    "conference": ("inproceedings", "conference", "proceedings"),
    "book": ("book", "inbook", "incollection", "booklet"),
    "thesis": ("phdthesis", "mastersthesis", "thesis"),
    "report": ("techreport", "report"),
    "other": (),
}
_TYPE_OF: Final = {
    entry_type: group for group, types in TYPE_GROUPS.items() for entry_type in types
}
#: Link fields that may name a file of the site rather than an address.
_FILE_LINKS: Final = frozenset({"pdf", "slides", "poster", "code", "video", "project"})
#: citation_* tags for a venue, by type heading (Google Scholar's names).
_VENUE_TAGS: Final = {
    "article": "citation_journal_title",
    "conference": "citation_conference_title",
    "thesis": "citation_dissertation_institution",
    "report": "citation_technical_report_institution",
    "book": "citation_publisher",
}


def type_group(entry_type: str) -> str:
    """Return the type heading key of a BibTeX entry type (``other`` if none)."""
    return _TYPE_OF.get(entry_type.casefold(), "other")


def site_file_link(value: str, settings: Mapping[str, Any]) -> str:
    """Return a link field as an address: a file name is in the site's files.

    An address (``https://...``, ``//host/...``, ``mailto:``) is kept; a
    root-relative path (``/files/a.pdf``) is under ``SITEURL``; a bare name
    (``a.pdf``, as al-folio writes them) is in ``SCHOLAR_BIBLIOGRAPHY_FILES``.
    """
    if "://" in value or value.startswith(("//", "mailto:", "#")):
        return value
    site = str(settings.get("SITEURL") or "")
    if value.startswith("/"):
        return site + value
    folder = str(settings["SCHOLAR_BIBLIOGRAPHY_FILES"]).strip("/")
    return f"{site}/{folder}/{value}" if folder else f"{site}/{value}"


@dataclass
class BibPublication:
    """One ``.bib`` entry as a listed publication (see the module's docstring).

    Made anew by every build; what its pages read several times (the
    citation, the links, the description, the names) is computed once.
    """

    reference: Reference
    collection: str
    settings: Mapping[str, Any] = field(repr=False)
    slug: str = ""
    url: str = ""
    save_as: str = ""
    kind: str = KIND
    status: str = "published"

    @functools.cached_property
    def stable_key(self) -> str:
        """A digest of everything the entry's pages show, the same in every process.

        The speed plugin's incremental writes fingerprint a page by it, once
        per entry rather than field by field on every page that lists it.
        """
        reference = self.reference
        shown = (
            reference.key,
            reference.entry_type,
            sorted(reference.fields.items()),
            sorted(reference.persons.items()),
            reference.bibtex,
            self.collection,
            self.slug,
            self.url,
            self.save_as,
            self.status,
        )
        return "BibPublication:" + hashlib.sha256(repr(shown).encode()).hexdigest()

    @functools.cached_property
    def listing_key(self) -> str:
        """What other pages may show of the entry (a link): key, title, year, addresses.

        The speed plugin counts an entry by it on pages that do not list the
        publications, so editing an abstract re-renders the listing and the
        entry's page, not every page with a menu.
        """
        reference = self.reference
        shown = (reference.key, reference.title, reference.year)
        return "BibPublication:" + repr((*shown, self.url, self.save_as, self.status))

    @property
    def key(self) -> str:
        """The entry's BibTeX key."""
        return self.reference.key

    @property
    def anchor(self) -> str:
        """The id of the entry on the listing page (``pub-`` and its slug)."""
        return f"pub-{self.slug}"

    @functools.cached_property
    def title(self) -> Markup:
        """The title shown (an untitled entry's address), escaped, else the key."""
        return escape(self.plain_title)

    @property
    def plain_title(self) -> str:
        """The title as text: :attr:`Reference.shown_title`, else the key."""
        return self.reference.shown_title or self.reference.key

    @property
    def authors(self) -> tuple[str, ...]:
        """The authors' names (or the editors')."""
        return self.reference.authors

    @functools.cached_property
    def authors_html(self) -> Markup:
        """The names, escaped, joined, the site owner's in ``<strong>``."""
        return names_html(self.reference.authors, owner_names(self.settings))

    @functools.cached_property
    def venue(self) -> str:
        """Where it appeared (journal, booktitle, school, ..., or arXiv)."""
        return self.reference.venue

    @functools.cached_property
    def year(self) -> int | None:
        """The year, if the entry has one."""
        return self.reference.year

    @functools.cached_property
    def date_text(self) -> str:
        """The year, and biblatex's pubstate after it ("2025, in press"), as listed.

        An undated work shows its year as written (``in press``), else its
        pubstate ("submitted").
        """
        reference = self.reference
        if reference.year is None:
            return reference.year_text
        return ", ".join(
            part for part in (str(reference.year), reference.pubstate) if part
        )

    @property
    def sort_date(self) -> tuple[int, int, int] | None:
        """(year, month, 1) for ordering; None when undated."""
        year = self.reference.year
        return None if year is None else (year, self.reference.month or 0, 0)

    @property
    def abstract(self) -> str:
        """The abstract, as text."""
        return self.reference.abstract

    @property
    def bibtex(self) -> str:
        """The entry as a self-contained BibTeX record."""
        return self.reference.bibtex

    @property
    def entry_type(self) -> str:
        """The BibTeX type (``article``, ``inproceedings``, ...)."""
        return self.reference.entry_type

    @property
    def type_group(self) -> str:
        """The key of its type heading (``article``, ``conference``, ...)."""
        return type_group(self.reference.entry_type)

    @property
    def selected(self) -> bool:
        """Whether it is marked ``selected``."""
        return self.reference.selected

    @property
    def metadata(self) -> dict[str, Any]:
        """Metadata as a Markdown item has it: its ``category`` field, if any."""
        category = self.reference.fields.get("category", "").strip()
        return {"category": category} if category else {}

    @property
    def relative_source_path(self) -> str:
        """Where the entry is written: ``file:line``."""
        return f"{self.reference.path}:{self.reference.line}"

    @functools.cached_property
    def links(self) -> list[tuple[str, str]]:
        """(kind, address) of each link the entry has, in button order."""
        return [
            (
                kind,
                site_file_link(value, self.settings) if kind in _FILE_LINKS else value,
            )
            for kind, value in self.reference.links.items()
        ]

    @functools.cached_property
    def citation(self) -> Markup:
        """The entry in the site's citation style (``SCHOLAR_CITATION_STYLE``)."""
        return format_reference(
            self.reference,
            self.settings["SCHOLAR_CITATION_STYLE"],
            owner_names=owner_names(self.settings),
        )

    @functools.cached_property
    def description(self) -> str:
        """A plain-text description: the abstract, shortened, else the citation."""
        source = self.reference.abstract or str(self.citation)
        return describe(
            str(escape(source)), None, self.settings["SCHOLAR_DESCRIPTION_LENGTH"]
        )

    @functools.cached_property
    def citation_meta(self) -> list[tuple[str, str]]:
        """Google Scholar's ``citation_*`` tags for the entry's page, as text."""
        fields = self.reference.fields
        tags = [("citation_title", self.plain_title)]
        tags += [
            ("citation_author", name)
            for name in self.authors
            if name.casefold() != "others"  # BibTeX's "and others": nobody's name
        ]
        if self.year is not None:
            tags.append(("citation_publication_date", str(self.year)))
        venue_tag = _VENUE_TAGS.get(self.type_group)
        if self.venue and self.venue != "arXiv":
            tags.append((venue_tag or "citation_journal_title", self.venue))
        for name in ("volume", "number", "isbn", "issn"):
            if fields.get(name):
                tag = "citation_issue" if name == "number" else f"citation_{name}"
                tags.append((tag, fields[name]))
        first, _, last = fields.get("pages", "").replace("\u2013", "-").partition("-")
        if first.strip():
            tags.append(("citation_firstpage", first.strip()))
        if last.strip("- "):
            tags.append(("citation_lastpage", whole_last_page(first, last)))
        links = dict(self.links)
        if "doi" in links:
            tags.append(("citation_doi", links["doi"].removeprefix("https://doi.org/")))
        if "pdf" in links:
            tags.append(("citation_pdf_url", absolute(links["pdf"], self.settings)))
        if "arxiv" in links and "pdf" not in links:
            tags.append(
                ("citation_pdf_url", links["arxiv"].replace("/abs/", "/pdf/", 1))
            )
        return tags


def whole_last_page(first: str, last: str) -> str:
    """Return the last page of a range written whole: ``1135--43`` ends at 1143.

    PubMed (and Semantic Scholar) abbreviate the last page to the digits
    that change; a last page that cannot be such (``2025--07``) is kept.
    """
    first, last = first.strip(), last.strip("- ")
    if first.isdigit() and last.isdigit() and len(last) < len(first):
        whole = first[: len(first) - len(last)] + last
        if int(whole) > int(first):
            return whole
    return last


def absolute(address: str, settings: Mapping[str, Any]) -> str:
    """Return ``address`` with the site's origin when it is root-relative."""
    if address.startswith("/") and not address.startswith("//"):
        return str(settings.get("SITEURL") or "") + address
    return address


def unique_slugs(
    references: Iterable[Reference], settings: Mapping[str, Any]
) -> list[str]:
    """Return a slug per key, made unique (``-2``...) where two keys slugify alike."""
    taken: set[str] = set()
    slugs = []
    substitutions = settings.get("SLUG_REGEX_SUBSTITUTIONS")
    for reference in references:
        base = (
            slugify(reference.key, regex_subs=substitutions)
            if substitutions is not None
            else slugify(reference.key)
        ) or "entry"
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        slugs.append(slug)
    return slugs


def bib_publications(
    references: Sequence[Reference],
    collection: str,
    settings: Mapping[str, Any],
    address: Callable[[str, str], tuple[str, str]],
) -> list[BibPublication]:
    """Make the listed entries of ``references``, in file order.

    ``address(collection, slug)`` gives an entry's page ``(url, save_as)``,
    used when ``SCHOLAR_BIBLIOGRAPHY_PAGES`` is on.
    """
    pages = settings["SCHOLAR_BIBLIOGRAPHY_PAGES"]
    found = []
    for reference, slug in zip(
        references, unique_slugs(references, settings), strict=True
    ):
        url, save_as = address(collection, slug) if pages else ("", "")
        found.append(
            BibPublication(reference, collection, settings, slug, url, save_as)
        )
    return found


def grouping(settings: Mapping[str, Any], *, has_bibliography: bool) -> str:
    """Return how the publications listing is grouped (one of :data:`GROUPINGS`)."""
    chosen = settings.get("SCHOLAR_PUBLICATIONS_GROUP_BY")
    if chosen:
        return str(chosen)
    if settings.get("SCHOLAR_PUBLICATION_CATEGORIES"):
        return "category"
    return "year" if has_bibliography else "none"


def sort_date(item: Any) -> tuple[int, int, int] | None:
    """Return an item's (year, month, day) for ordering, or None when undated."""
    if isinstance(item, BibPublication):
        return item.sort_date
    date = getattr(item, "date", None)
    return None if date is None else (date.year, date.month, date.day)


def order_publications(items: Iterable[Any]) -> list[Any]:
    """Newest first (a year-only entry before that year's dated items), undated last."""
    listed = list(items)
    dated = [item for item in listed if sort_date(item) is not None]
    undated = [item for item in listed if sort_date(item) is None]
    dated.sort(key=lambda item: _newest_first(sort_date(item)), reverse=True)
    return dated + undated


def _newest_first(date: tuple[int, int, int] | None) -> tuple[int, int, int]:
    year, month, day = date or (0, 0, 0)
    # A year-only entry (month 0) sorts as the year's end: before its papers.
    return (year, month or 13, day or 32)


def item_year(item: Any) -> int | None:
    """Return the year of a publication of either kind."""
    date = sort_date(item)
    return None if date is None else date[0]


def group_publications(
    ordered: Sequence[Any],
    mode: str,
    *,
    type_heading: Callable[[str], str],
    by_category: Callable[[Sequence[Any]], list[tuple[str | None, list[Any]]]],
) -> list[tuple[str | None, list[Any]]]:
    """Group ordered publications of both kinds under headings, none dropped.

    ``"year"``: newest year first, undated last (no heading); ``"type"``: the
    :data:`TYPE_GROUPS` headings in their order (``type_heading`` writes a
    key's heading; a Markdown publication's type is its category's heading,
    or under no heading); ``"category"``: ``by_category`` (the Markdown
    collections' grouping); ``"none"``: one group without heading.
    """
    if not ordered:
        return []
    if mode == "category":
        return by_category(ordered)
    if mode == "none":
        return [(None, list(ordered))]
    groups: dict[str | None, list[Any]] = {}
    if mode == "year":
        for item in ordered:
            year = item_year(item)
            groups.setdefault(None if year is None else str(year), []).append(item)
        undated = groups.pop(None, None)
        found = list(groups.items())
        return [*found, (None, undated)] if undated else found
    by_type: dict[str, list[Any]] = {key: [] for key in TYPE_GROUPS}
    others: list[Any] = []
    for item in ordered:
        if isinstance(item, BibPublication):
            by_type[item.type_group].append(item)
        else:
            others.append(item)
    found = [(type_heading(key), items) for key, items in by_type.items() if items]
    if others:
        found += by_category(others)
    return found
