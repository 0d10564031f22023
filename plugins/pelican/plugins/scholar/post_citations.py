"""Citations in posts: pandoc's ``[@key]`` syntax, resolved from the bibliography.

Supported forms (pandoc's)::

    [@key]                      one work
    [@a; @b]                    several
    [@a, p. 3]  [@a, pp. 3-5]   a locator, after a comma
    [see @a, ch. 2; also @b]    a prefix, before the @
    [-@a]                       the year only (author-year style)
    @key                        in running text: "Castellan et al. (2024)";
                                only a key the bibliography has (an e-mail
                                address or an @handle stays text)

Two steps, so that a ``.bib`` edit reaches posts Pelican's cache kept and
the speed plugin's worker processes need no bibliography:

1. **Reading** (:class:`CitationExtension`, a Python-Markdown extension the
   plugin's Markdown reader adds): each citation becomes an empty
   placeholder, ``<span class="scholar-cite" data-cite="…">``, its items
   percent-encoded JSON (typography filters leave attributes alone). Code
   spans and blocks are never read; a ``[@x](url)`` is a link.
2. **Each build** (:func:`cite_in`, on the generator-finalized signals,
   before word counts and summaries): placeholders become linked citations
   in ``SCHOLAR_CITATION_STYLE``; the post gets ``references`` (one
   :class:`CitedReference` per work, a work cited twice once) for the
   theme's References section, and ``cited_bibtex`` for "Cite this post".
   An unknown key in brackets is an error naming the post, the line and the
   key (shown as ``[?key]``).

A citation shows its reference on hover and on keyboard focus, from the
link's ``data-preview`` (plain text, drawn by CSS): the reference is not
in the post's text, so summaries, search and word counts do not see it;
``aria-describedby`` gives screen readers the entry of the list. The whole
citation is one word (``htmltokens.CITATION_CLASS``).
"""

from __future__ import annotations

import html
import json
import logging
import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Any, Final, NamedTuple
from urllib.parse import quote, unquote

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markupsafe import Markup, escape
from pelican.utils import slugify

from .bib_publications import site_file_link
from .bibliography import (
    Bibliography,
    BibliographyError,
    Reference,
    format_reference,
    owner_names,
)
from .site_bibliographies import bibliographies_of, post_bibliography

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from markdown import Markdown
    from pelican.contents import Content

logger = logging.getLogger(__name__)

#: The placeholder's class; its ``data-cite`` holds the items.
PLACEHOLDER_CLASS: Final = "scholar-cite"
#: A key: pandoc's characters, ending with a letter, digit or underscore; or
#: any key in braces, as pandoc quotes one (``@{O'Brien:1999:HTE}``).
KEY: Final = r"[\w](?:[\w:.#$%&\-+?<>~/]*[\w])?|\{[^{}\s]+\}"
#: A key in brackets may hold an apostrophe too, as BibTeX keys do (the ACM
#: Digital Library's ``O'Brien:1999:HTE:329693.329698``).
BRACKETED_KEY: Final = r"[\w](?:[\w:.#$%&\-+?<>~/']*[\w])?|\{[^{}\s]+\}"
_ITEM_RE: Final = re.compile(
    rf"^\s*(?P<prefix>.*?)(?:(?<=\s)|^)(?P<suppress>-?)@(?P<key>{BRACKETED_KEY})"
    r"\s*(?:,\s*(?P<locator>.*?))?\s*$",
    re.DOTALL,
)
#: A bracketed citation: no ``[`` or ``]`` inside, not followed by ``(``.
BRACKETED: Final = r"\[(?P<body>[^\[\]]*@[^\[\]]*)\](?!\()"
#: A citation in running text: ``@`` after no word character, ``@``, or dot.
NARRATIVE: Final = rf"(?<![\w@.\\])@(?P<key>{KEY})"
_PLACEHOLDER_RE: Final = re.compile(
    rf'<span class="{PLACEHOLDER_CLASS}" data-cite="(?P<data>[^"]*)"></span>'
)
#: Priority of the inline patterns: below links (160) and reference links
#: (170), so ``[@x](url)`` stays a link; above emphasis and autolinks.
PRIORITY: Final = 155
_ANCHOR_TAG_RE: Final = re.compile(r"<(/?)a\b", re.IGNORECASE)


class CiteItem(NamedTuple):
    """One cited work of a citation, as written."""

    key: str
    prefix: str = ""
    locator: str = ""
    suppress_author: bool = False


class Citation(NamedTuple):
    """A citation as written: its items, narrative or in brackets."""

    items: tuple[CiteItem, ...]
    narrative: bool
    source: str


def _typeset(text: str) -> str:
    """Return a prefix or locator on one line, ``--``/``---`` as en and em dashes."""
    return " ".join(text.split()).replace("---", "\u2014").replace("--", "\u2013")


def _unbraced(key: str) -> str:
    """Return a key without the braces pandoc quotes one in (``@{O'Brien:1999}``)."""
    return key[1:-1] if key.startswith("{") and key.endswith("}") else key


def parse_bracketed(body: str) -> tuple[CiteItem, ...] | None:
    """Parse the inside of ``[...]``; None when it is not a citation.

    Every ``;``-separated part must cite one key (``prefix @key, locator``).
    """
    items = []
    for part in body.split(";"):
        match = _ITEM_RE.match(part)
        if match is None:
            return None
        items.append(
            CiteItem(
                key=_unbraced(match["key"]),
                prefix=_typeset(match["prefix"]),
                locator=_typeset(match["locator"] or ""),
                suppress_author=bool(match["suppress"]),
            )
        )
    return tuple(items) or None


def encode(citation: Citation) -> str:
    """Return the placeholder attribute value of ``citation`` (percent-encoded JSON)."""
    data = {
        "n": citation.narrative,
        "s": citation.source,
        "i": [list(item) for item in citation.items],
    }
    return quote(json.dumps(data, separators=(",", ":"), ensure_ascii=False), safe="")


def decode(value: str) -> Citation:
    """Return the citation a placeholder attribute holds."""
    data = json.loads(unquote(html.unescape(value)))
    items = tuple(
        CiteItem(str(key), str(prefix), str(locator), bool(suppress))
        for key, prefix, locator, suppress in data["i"]
    )
    return Citation(items, bool(data["n"]), str(data["s"]))


def _placeholder(citation: Citation) -> ET.Element:
    element = ET.Element("span")
    element.set("class", PLACEHOLDER_CLASS)
    element.set("data-cite", encode(citation))
    element.text = ""
    return element


class _BracketedProcessor(InlineProcessor):
    """``[@a; @b, p. 3]`` to a placeholder."""

    def handleMatch(
        self, m: re.Match[str], data: str
    ) -> tuple[ET.Element | None, int | None, int | None]:
        items = parse_bracketed(m["body"])
        if items is None:
            return None, None, None
        return _placeholder(Citation(items, False, m.group(0))), m.start(0), m.end(0)


class _NarrativeProcessor(InlineProcessor):
    """``@key`` in running text to a placeholder (resolved only if known)."""

    def handleMatch(
        self, m: re.Match[str], data: str
    ) -> tuple[ET.Element | None, int | None, int | None]:
        citation = Citation((CiteItem(_unbraced(m["key"])),), True, m.group(0))
        return _placeholder(citation), m.start(0), m.end(0)


class CitationExtension(Extension):
    """Python-Markdown extension: pandoc citations to placeholders."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the two inline patterns."""
        md.inlinePatterns.register(
            _BracketedProcessor(BRACKETED, md), "scholar_citation", PRIORITY
        )
        md.inlinePatterns.register(
            _NarrativeProcessor(NARRATIVE, md),
            "scholar_narrative_citation",
            PRIORITY - 1,
        )


def has_placeholders(text: str) -> bool:
    """Tell quickly whether rendered HTML holds citation placeholders."""
    return PLACEHOLDER_CLASS in text


# ---- resolving --------------------------------------------------------------


class CitedReference(NamedTuple):
    """One work a post cites, as its References section lists it."""

    number: int
    key: str
    #: The id of its entry in the References list.
    anchor: str
    #: The entry, formatted (escaped HTML, the owner's name bold).
    html: Markup
    #: Its links: (kind, address), DOI, arXiv and URL first.
    links: list[tuple[str, str]]
    reference: Reference


def _anchor(key: str) -> str:
    return "ref-" + (slugify(key) or "entry")


def _lookup(bibliography: Bibliography, key: str) -> Reference | None:
    found = bibliography.get(key)
    if found is not None:
        return found
    folded = key.casefold()
    return next(
        (ref for k, ref in bibliography.items() if k.casefold() == folded), None
    )


def short_authors(reference: Reference) -> str:
    """Return "Family", "Family and Other" or "Family et al." (or the title shown)."""
    names = reference.family_names("author") or reference.family_names("editor")
    names = tuple(name for name in names if name.casefold() != "others")
    if not names:
        return reference.shown_title or reference.key
    if len(names) == 1:
        return names[0] + (" et al." if len(reference.authors) > 1 else "")
    if len(names) == 2 and len(reference.authors) == 2:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} et al."


def _year(reference: Reference) -> str:
    """Return the cited year: ``year``, else biblatex's ``date``'s, else n.d."""
    return reference.year_text or "n.d."


class _Resolver:
    """Resolves one post's placeholders: numbers, links, references."""

    def __init__(
        self, content: Content, bibliography: Bibliography, settings: Mapping[str, Any]
    ) -> None:
        self.content = content
        self.bibliography = bibliography
        self.style = settings["SCHOLAR_CITATION_STYLE"]
        self.owners = owner_names(settings)
        self.settings = settings
        self.cited: dict[str, CitedReference] = {}
        self.source_text: str | None = None

    def reference_for(self, reference: Reference) -> CitedReference:
        cited = self.cited.get(reference.key)
        if cited is None:
            number = len(self.cited) + 1
            cited = CitedReference(
                number,
                reference.key,
                _anchor(reference.key),
                format_reference(
                    reference,
                    self.style,
                    owner_names=self.owners,
                    number=number if self.style == "numeric" else None,
                ),
                [
                    # A bare file name (pdf = {a.pdf}) is a file of the site's,
                    # as on the publications page, not a file next to the post.
                    (
                        kind,
                        site_file_link(address, self.settings)
                        if kind == "pdf"
                        else address,
                    )
                    for kind, address in reference.links.items()
                    if kind in {"doi", "arxiv", "url", "pdf"}
                ],
                reference,
            )
            self.cited[reference.key] = cited
        return cited

    def line_of(self, key: str) -> int:
        """Return the line of the post's source where ``@key`` first appears."""
        if self.source_text is None:
            try:
                with open(self.content.source_path, encoding="utf-8") as source:  # noqa: PTH123
                    self.source_text = source.read()
            except (OSError, UnicodeDecodeError, TypeError):
                self.source_text = ""
        at = self.source_text.find("@" + key)
        return self.source_text.count("\n", 0, at) + 1 if at >= 0 else 0

    def link(self, cited: CitedReference, text: str, *, inside_link: bool) -> Markup:
        """Return the linked part of one item: to its entry, with its preview."""
        if inside_link:  # no link inside a link
            return escape(text)
        preview = " ".join(Markup(cited.html).striptags().split())
        return Markup(
            '<a class="citation__link" href="#{anchor}"'
            ' aria-describedby="{anchor}-text" data-preview="{preview}">{text}</a>'
        ).format(anchor=cited.anchor, preview=preview, text=text)

    def render(self, citation: Citation, *, inside_link: bool) -> Markup:
        """Return a citation's HTML (unknown keys shown ``[?key]``).

        Each unknown key is an error of its own and shows ``[?key]`` in its
        place; the citation's other works are cited as usual.
        """
        found: list[tuple[CiteItem, Reference | None]] = []
        for item in citation.items:
            reference = _lookup(self.bibliography, item.key)
            if reference is None:
                if citation.narrative:
                    return escape(citation.source)
                logger.error(
                    "%s:%d: citation key '%s' is in no bibliography"
                    " (SCHOLAR_BIBLIOGRAPHY, SCHOLAR_REFERENCES or the post's"
                    " 'bibliography')",
                    self.content.relative_source_path,
                    self.line_of(item.key),
                    item.key,
                )
            found.append((item, reference))
        known = [(item, ref) for item, ref in found if ref is not None]
        if not known:
            return Markup(" ").join(
                Markup('<span class="citation citation--unknown">[?{}]</span>').format(
                    item.key
                )
                for item, _ in found
            )
        if citation.narrative:
            item, reference = known[0]
            cited = self.reference_for(reference)
            label = (
                f"[{cited.number}]"
                if self.style == "numeric"
                else f"({_year(reference)})"
            )
            return Markup('<span class="citation">{} {}</span>').format(
                short_authors(reference),
                self.link(cited, label, inside_link=inside_link),
            )
        parts = [
            self.item_html(item, reference, inside_link=inside_link)
            if reference is not None
            else Markup('<span class="citation--unknown">[?{}]</span>').format(item.key)
            for item, reference in found
        ]
        numeric = self.style == "numeric"
        separator = (
            Markup(", ")
            if numeric and not any(item.prefix or item.locator for item, _ in found)
            else Markup("; ")
        )
        opening, closing = ("[", "]") if numeric else ("(", ")")
        return Markup('<span class="citation">{}{}{}</span>').format(
            opening, separator.join(parts), closing
        )

    def item_html(
        self, item: CiteItem, reference: Reference, *, inside_link: bool
    ) -> Markup:
        cited = self.reference_for(reference)
        if self.style == "numeric":
            label = str(cited.number)
        elif item.suppress_author:
            label = _year(reference)
        else:
            label = f"{short_authors(reference)}, {_year(reference)}"
        pieces = [escape(item.prefix)] if item.prefix else []
        pieces.append(self.link(cited, label, inside_link=inside_link))
        html_item = Markup(" ").join(pieces)
        if item.locator:
            html_item += Markup(", ") + escape(item.locator)
        return html_item

    def resolve(self, text: str) -> str:
        """Replace every placeholder of ``text`` (one inside a link is not linked)."""
        pieces: list[str] = []
        position = 0
        open_links = 0
        for match in _PLACEHOLDER_RE.finditer(text):
            before = text[position : match.start()]
            open_links += sum(
                1 if not m[1] else -1 for m in _ANCHOR_TAG_RE.finditer(before)
            )
            pieces += [
                before,
                self.render(decode(match["data"]), inside_link=open_links > 0),
            ]
            position = match.end()
        pieces.append(text[position:])
        return "".join(pieces)

    def references(self) -> list[CitedReference]:
        """Return the cited works: by number, or by authors and year (author-year)."""
        listed = list(self.cited.values())
        if self.style != "numeric":
            listed.sort(
                key=lambda cited: (
                    short_authors(cited.reference).casefold(),
                    _year(cited.reference),
                    cited.reference.title.casefold(),
                )
            )
        return listed


def bibliography_files(content: Content) -> list[str]:
    """Return the post's own ``bibliography`` files (metadata: text or list)."""
    value = content.metadata.get("bibliography")
    if not value:
        return []
    if isinstance(value, str):
        return [name for name in re.split(r"[,;]", value) if name.strip()]
    return [str(name) for name in value]


def cite_in(content: Content) -> None:
    """Resolve one post's or page's citations; set ``references``, ``cited_bibtex``."""
    content.references = []
    content.cited_bibtex = ""
    body = content._content or ""
    summary = content.metadata.get("summary")
    summary_cites = isinstance(summary, str) and has_placeholders(summary)
    if not has_placeholders(body) and not summary_cites:
        return
    settings = content.settings
    try:
        bibliography = post_bibliography(
            content.source_path, bibliography_files(content), settings
        )
    except BibliographyError as error:
        logger.error("%s", error)
        bibliography = bibliographies_of(settings).citable
    resolver = _Resolver(content, bibliography, settings)
    content._content = resolver.resolve(body)
    if summary_cites:
        content.metadata["summary"] = resolver.resolve(summary)
        if getattr(content, "_summary", None) is not None:
            content._summary = content.metadata["summary"]
    content.references = resolver.references()
    content.cited_bibtex = "\n\n".join(
        cited.reference.bibtex for cited in content.references
    )


def cite_in_all(contents: Iterable[Content]) -> None:
    """Resolve the citations of every content object given."""
    for content in contents:
        cite_in(content)


#: The extension as Python-Markdown loads it by name (settings stay picklable).
EXTENSION_NAME: Final = "pelican.plugins.scholar.post_citations:CitationExtension"


def add_citation_extension(settings: dict[str, Any]) -> None:
    """Add the extension to the site's ``MARKDOWN`` extensions, once."""
    markdown = settings.setdefault("MARKDOWN", {})
    extensions = markdown.setdefault("extensions", [])
    if EXTENSION_NAME not in extensions:
        extensions.append(EXTENSION_NAME)
