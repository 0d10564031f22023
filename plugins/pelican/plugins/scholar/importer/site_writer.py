"""Write a Pelican site from an academicpages site: the import itself.

:func:`import_site` reads the old site (``_config.yml``, ``_posts``,
``_drafts``, ``_pages``, the collections, static files), writes the new one
into a temporary folder beside ``DEST`` and renames it into place only when
complete, so a failed import leaves nothing half-written. It returns the
:class:`~.report.Report`, also saved in the new site.
"""

from __future__ import annotations

import copy
import html
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlparse
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from ..external_loads import find_external_loads
from ..url_files import file_for_url
from .body import convert_html, convert_markdown, uses_math
from .documents import (
    HTML_SUFFIXES,
    MARKDOWN_SUFFIXES,
    Document,
    DocumentError,
    date_of,
    is_unpublished,
    old_url,
    pelican_metadata,
    read_document,
    split_excerpt,
    title_of,
)
from .jekyll_config import ConfigError, SiteConfig, read_site_config, settings_from
from .links import SiteLinks
from .permalinks import DATED_NAME, UrlParts, expand
from .prose import images_without_alt, without_code
from .report import REPORT_FILE, Report
from .settings_file import PythonName, pelicanconf, publishconf
from .site_kit import write_site_kit
from .static_files import StaticPlan, plan_static

if TYPE_CHECKING:
    from datetime import datetime

    from .conversion import Converted

#: The collections academicpages defines, in its menu's order.
KNOWN_COLLECTIONS: Final = ("publications", "talks", "teaching", "portfolio")
#: A Liquid loop over a site collection: the page is a listing.
_LISTING_LOOP: Final = re.compile(
    r"\{%-?\s*for\s+\w+\s+in\s+site\.(\w+)"
    # academicpages' tag and category archives group the posts first.
    r"|\{%-?\s*include\s+group-by-array\s+collection=site\.posts\s+"
    r"field=[\"'](tags|categories)[\"']"
)
#: The theme's pages that take over academicpages' Liquid listing pages.
_LISTING_SETTINGS: Final = {
    "posts": "ARCHIVES",
    "tags": "TAGS",
    "categories": "CATEGORIES",
}
_CONTENT: Final = "content"
#: The most words of its own a Liquid listing page has (a title line, an
#: intro sentence); a page with more is content with loops inside (a CV).
_LISTING_MOST_WORDS: Final = 60
_LIQUID: Final = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
_TAG: Final = re.compile(r"<[^>]*>")
_WORD: Final = re.compile(r"\w+")
#: A Markdown heading or list item: a page with one has a structure of its own.
_STRUCTURE: Final = re.compile(
    r"[ \t]*(?:#{1,6}[ \t]+\S|(?:[-*+]|\d+\.)[ \t]+\S|=+[ \t]*$)"
)
#: What Jekyll's ``site`` holds that a page can list (besides collections).
_SITE_SOURCES: Final = frozenset(
    {
        "posts",
        "pages",
        "tags",
        "categories",
        "collections",
        "static_files",
        "html_pages",
        "documents",
    }
)
#: Folders the import reads (besides the collections), or that only hold the
#: old theme and build (``_site`` is the old build's output).
_READ_FOLDERS: Final = frozenset(
    {"_posts", "_drafts", "_pages", "_data", "_site", "_layouts", "_includes", "_sass"}
)


class ImportRefused(Exception):
    """The import cannot start or cannot finish; the message says why."""


@dataclass
class Planned:
    """A document, where it goes, and the URL it had."""

    document: Document
    #: Its path under ``content/``.
    target: str
    url: str
    when: datetime | None


def import_site(source: Path, dest: Path, *, force: bool = False) -> Report:
    """Import the academicpages site in ``source`` into a new Pelican site ``dest``.

    Raises :class:`ImportRefused` when ``dest`` exists (and is not empty)
    without ``force``, when ``source`` is not a Jekyll site, or when a file
    cannot be read; ``dest`` is then left as it was.
    """
    source, dest = source.resolve(), dest.resolve()
    if not (source / "_config.yml").is_file():
        msg = f"{source}: not a Jekyll site (no _config.yml)"
        raise ImportRefused(msg)
    if dest == source or dest.is_relative_to(source):
        msg = f"{dest}: the new site cannot be inside the old one"
        raise ImportRefused(msg)
    if dest.exists() and any(dest.iterdir()) and not force:
        msg = f"{dest} exists and is not empty: choose another folder, or --force"
        raise ImportRefused(msg)
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.import-", dir=dest.parent))
    try:
        staging.chmod(0o755)
        report = _write_site(source, staging)
        (staging / REPORT_FILE).write_text(
            report.render(str(source), str(dest)), encoding="utf-8"
        )
        _replace(dest, staging)
    except (ConfigError, DocumentError) as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise ImportRefused(str(error)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return report


def _replace(dest: Path, staging: Path) -> None:
    """Put ``staging`` at ``dest``; an old ``dest`` goes only once that worked."""
    previous = None
    if dest.exists():
        previous = dest.with_name(f".{dest.name}.previous")
        shutil.rmtree(previous, ignore_errors=True)
        dest.rename(previous)
    staging.rename(dest)
    if previous is not None:
        shutil.rmtree(previous)


def _sources(folder: Path, *, dated_posts: bool = False) -> list[Path]:
    """Return the Markdown and HTML files under ``folder``, in name order.

    With ``dated_posts``, also every other file named as a post
    (``2020-01-31-title.txt``): Jekyll renders those too when they have
    front matter.
    """
    if not folder.is_dir():
        return []
    suffixes = MARKDOWN_SUFFIXES | HTML_SUFFIXES
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file()
        and (path.suffix.lower() in suffixes or (dated_posts and _is_other_post(path)))
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def _is_other_post(path: Path) -> bool:
    """Tell whether Jekyll renders ``path`` in ``_posts`` though not Markdown.

    It does so for a file named as a post that opens with front matter (its
    ``has_yaml_header?`` test); it copies the others as they are.
    """
    if not path.suffix or DATED_NAME.fullmatch(path.stem) is None:
        return False
    with path.open("rb") as file:
        first = file.readline()
    return re.match(rb"---\s*\r?\n", first) is not None


def _page_url(document: Document, permalink_style: str) -> str:
    """Return the URL Jekyll gave a page: its permalink, else its path."""
    permalink = document.front.get("permalink")
    if permalink:
        return expand(str(permalink), UrlParts(slug=document.slug))
    stem = document.path.rsplit(".", 1)[0]
    if stem == "index" or stem.endswith("/index"):
        return "/" + stem[: -len("index")]
    if permalink_style == "pretty":
        return f"/{stem}/"
    return f"/{stem}.html"


def _target(document: Document) -> str:
    """Return the new file's path under ``content/``."""
    inside = document.path.partition("/")[2] or document.path
    folder = {"post": "posts", "draft": "drafts", "page": "pages"}.get(
        document.kind, document.kind
    )
    stem, _, suffix = inside.rpartition(".")
    suffix = "md" if f".{suffix.lower()}" in MARKDOWN_SUFFIXES else "html"
    return f"{folder}/{stem}.{suffix}"


def _own_text(text: str) -> str:
    """Return ``text`` without its Liquid and HTML tags: the page's own words."""
    return _TAG.sub(" ", _LIQUID.sub(" ", text))


def _is_content(text: str) -> bool:
    """Tell whether a page holds content of its own beside any Liquid loop.

    More than a title line and an intro sentence of words, or any Markdown
    heading or list item (a CV's sections), make a page content.
    """
    own = _own_text(text)
    return len(_WORD.findall(own)) > _LISTING_MOST_WORDS or any(
        _STRUCTURE.match(line) for line in own.split("\n")
    )


def _listing_of(document: Document, collections: list[str]) -> str | None:
    """Return what a page lists with a Liquid loop, if it is a listing page.

    A page is a listing when it loops over a site collection (``posts``,
    ``tags``, ``categories``, an imported collection, or anything else of
    ``site``) and holds no content of its own (:func:`_is_content`); a page
    with content and loops (a CV) is kept, its loops reported. Loops over
    the site's settings (``site.publication_category``) only sort a listing.
    A listing of several sources (a site map) is named by all of them, as no
    one page of the theme's.
    """
    found = [
        match.group(1) or match.group(2)
        for match in _LISTING_LOOP.finditer(document.body)
    ]
    if not found or _is_content(document.body):
        return None
    sources = _SITE_SOURCES | set(collections)
    listed = [name for name in found if name in sources] or found
    if len(set(listed)) > 1:  # a site map: no one listing of the theme's
        return ", ".join(f"site.{name}" for name in dict.fromkeys(listed))
    return listed[0]


def _writes_redirects_json(site: SiteConfig) -> bool:
    """Tell whether jekyll-redirect-from wrote ``/redirects.json`` (by default)."""
    options = site.config.get("redirect_from")
    turned_off = isinstance(options, dict) and options.get("json") is False
    return _uses_plugin(site, "jekyll-redirect-from") and not turned_off


def _uses_plugin(site: SiteConfig, name: str) -> bool:
    """Tell whether ``_config.yml`` loads the Jekyll plugin ``name``."""
    config = site.config
    loaded = [*(config.get("plugins") or []), *(config.get("gems") or [])]
    return name in [str(plugin) for plugin in loaded]


def _redirect_paths(document: Document) -> list[str]:
    """Return a document's ``redirect_from`` paths (one text or a list)."""
    value = document.front.get("redirect_from")
    values = value if isinstance(value, list) else [value]
    return [str(item).strip() for item in values if str(item or "").strip()]


def _markdown_file(metadata: dict[str, Any], body: str) -> str:
    """Return a Markdown file with YAML front matter (read by the bundle's reader)."""
    front = yaml.safe_dump(metadata, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{front}---\n\n{body.lstrip(chr(10))}"


def _html_file(metadata: dict[str, Any], body: str) -> str:
    """Return a Pelican HTML document: ``<title>``, a ``<meta>`` per key, the body."""
    head = [f"<title>{html.escape(str(metadata['title']), quote=False)}</title>"]
    for key, value in metadata.items():
        if key == "title" or value in (None, "") or isinstance(value, dict):
            continue
        text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        head.append(f'<meta name="{key}" content="{html.escape(text)}">')
    lines = "\n".join(f"    {line}" for line in head)
    return (
        f"<html>\n  <head>\n{lines}\n  </head>\n  <body>\n{body}\n  </body>\n</html>\n"
    )


def _plugins(math: bool) -> dict[str, Any]:
    """Return ``PLUGINS``: pelican-katex too when a body has math.

    With pelican-katex's default output (KaTeX's HTML, and MathML for screen
    readers), which the theme lays out with KaTeX's own stylesheet and fonts.
    """
    return {
        "PLUGINS": ["pelican.plugins.scholar", *(["pelican_katex"] if math else [])]
    }


#: Pelican's Markdown defaults plus heading ids and permalinks, as the demo's;
#: the ids are kramdown's (:mod:`..heading_ids`), filled in per site.
MARKDOWN: Final = {
    "extension_configs": {
        "markdown.extensions.codehilite": {"css_class": "highlight"},
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
        "markdown.extensions.toc": {
            "permalink": "#",
            "permalink_class": "headerlink",
            "permalink_title": "Link to this section",
        },
    },
    "output_format": "html5",
}


class SiteImport:
    """One import: the old site, the folder being written, what was found."""

    def __init__(self, source: Path, out: Path) -> None:
        self.source = source
        self.out = out
        self.report = Report()
        self.links = SiteLinks()
        self.site = read_site_config(source)
        #: The old site's own host: what it loads from there is no outside load.
        host = urlparse(self.site.base_url).hostname
        self.own_hosts = [host] if host else []
        self.mapped = settings_from(self.site)
        self.zone = self._zone()
        #: Whether the old site had a sitemap.xml (jekyll-sitemap).
        self.sitemap = _uses_plugin(self.site, "jekyll-sitemap")
        #: Collections whose items had no pages on the old site.
        self.without_output: set[str] = set()
        self.collections = self._collections()
        #: Settings of the theme's pages that replace Liquid listing pages.
        self.listings: dict[str, str] = {}
        self.planned: list[Planned] = []
        #: A page of the old site is at ``/``: the list of posts moves.
        self.moved_index = False
        self.navigation: list[tuple[str, str]] = []
        self.robots = False
        #: Old addresses of listing pages -> the theme's page now (``None``:
        #: the archive of posts, wherever it ends up).
        self.redirects: dict[str, str | None] = {}
        #: The titles of those listing pages, where not the collection's name.
        self.collection_titles: dict[str, str] = {}
        #: Where each collection's Liquid listing page was (collection -> URL).
        self.collection_listings: dict[str, str] = {}
        #: Source files that could not be read (reported once).
        self.unreadable: set[str] = set()
        self.math = False

    def _zone(self) -> ZoneInfo:
        """Return the site's time zone (UTC when none is given or it is unknown)."""
        name = self.mapped.settings.get("TIMEZONE", "UTC")
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            self.report.note("_config.yml", None, f"unknown time zone {name!r}: UTC")
            self.mapped.settings["TIMEZONE"] = "UTC"
            return ZoneInfo("UTC")

    def _collections(self) -> list[str]:
        """Return the collections to import: every collection folder with files.

        Those ``_config.yml`` gives no ``output`` had no pages of their own,
        but Liquid pages listed them (academicpages' talks page does): they
        are imported too, their items getting pages of their own.
        """
        declared = [str(name) for name in self.site.config.get("collections") or {}]
        names = [name for name in declared if (self.source / f"_{name}").is_dir()]
        for folder in sorted(self.source.glob("_*")):
            name = folder.name[1:]
            if name in KNOWN_COLLECTIONS and name not in names and _sources(folder):
                names.append(name)
        for name in names:
            if self.site.collection_permalink(name) is None:
                self.without_output.add(name)
                self.report.note(
                    f"_{name}",
                    None,
                    f"collection {name!r} has no `output: true` in _config.yml:"
                    " its items had no pages of their own, only their entries on"
                    f" listing pages; now each has a page under /{name}/",
                )
        return names

    def run(self) -> Report:
        """Write the whole new site into ``out``; return the report."""
        plan = self._static_plan()
        documents = self._discover(plan)
        # Pages the menu links to first: they win the theme's listing pages.
        linked = {file_for_url(url) for _, url in self.site.navigation}
        documents.sort(
            key=lambda document: (
                document.kind != "page"
                or file_for_url(_page_url(document, self.site.permalink)) not in linked
            )
        )
        for document in documents:
            self._plan(document)
        self._settle_shared_urls()
        if self.links.site_path("/") is None:  # the home page is the theme's
            self.links.add_generated("/")
        pages = {document.path for document in documents if document.kind == "page"}
        static_paths, extra = self._copy_static(plan, pages)
        for item in self.planned:
            self._write(item)
        for key, why in self.mapped.left_out:
            self.report.note("_config.yml", None, f"{key}: {why}")
        if _writes_redirects_json(self.site):
            self.report.note(
                "_config.yml",
                None,
                "plugins: jekyll-redirect-from's /redirects.json (the list of"
                " old addresses): not imported; each redirect page is",
            )
        self.navigation = self.site.navigation or self._header_pages()
        # The theme's robots.txt names the sitemap, unless the site has its own.
        self.robots = self.sitemap and "robots.txt" not in plan.root_files
        self._write_settings(static_paths, extra)
        write_site_kit(self.out, math=self.math, sitemap=self.sitemap)
        return self.report

    def _static_plan(self) -> StaticPlan:
        """Decide which top-level folders and files are the site's own files."""
        config = self.site.config
        plan = plan_static(
            self.source,
            read=_READ_FOLDERS
            | {f"_{name}" for name in config.get("collections") or {}}
            | {f"_{name}" for name in self.collections},
            exclude=[str(item) for item in config.get("exclude") or []],
            include=[str(item) for item in config.get("include") or []],
        )
        for path, why in plan.left_out:
            self.report.note(path, None, f"not imported: {why}")
        return plan

    def _read(self, path: Path, kind: str) -> Document | None:
        """Read one document; one that cannot be read is reported and skipped."""
        try:
            return read_document(self.source, path, kind)
        except DocumentError as error:
            self.report.note(error.path, error.line, f"{error.problem}: not imported")
            self.unreadable.add(error.path)
            return None

    def _discover(self, plan: StaticPlan) -> list[Document]:
        """Read every document: posts, pages, collection items, and pages.

        Files with front matter among the site's own files are pages too, as
        Jekyll renders them.
        """
        found: list[Document] = []
        folders = [("_posts", "post"), ("_drafts", "draft"), ("_pages", "page")]
        folders += [(f"_{name}", name) for name in self.collections]
        for folder, kind in folders:
            dated = kind in ("post", "draft")
            for path in _sources(self.source / folder, dated_posts=dated):
                document = self._read(path, kind)
                if document is None:
                    if path.relative_to(self.source).as_posix() in self.unreadable:
                        continue
                    self.report.note(
                        path.relative_to(self.source).as_posix(),
                        None,
                        "no front matter: Jekyll did not render it; not imported",
                    )
                    continue
                found.append(document)
        candidates = [self.source / name for name in plan.root_files]
        for folder in plan.folders:
            candidates += _sources(self.source / folder)
        suffixes = MARKDOWN_SUFFIXES | HTML_SUFFIXES
        for path in candidates:
            if path.is_file() and path.suffix.lower() in suffixes:
                document = self._read(path, "page")
                if document is not None:
                    found.append(document)
        return found

    def _plan(self, document: Document) -> None:
        """Decide a document's old URL and new file, or take it as a listing."""
        for line, message in document.notes:
            self.report.note(document.path, line, message)
        site = self.site
        when = date_of(document, self.zone) if document.kind != "page" else None
        if document.kind == "page":
            url = _page_url(document, site.permalink)
            if url == "/404.html":
                self.report.note(
                    document.path,
                    None,
                    "a 404 page: the theme's own is used at /404.html; its text is"
                    " not carried over",
                )
                return
            if self._take_listing(document, url):
                return
            if not document.body.strip():
                layout = document.front.get("layout") or "default"
                self.report.note(
                    document.path,
                    None,
                    f"no text of its own (the old theme's {layout!r} layout made the"
                    f" page at {url}): not imported",
                )
                return
        elif document.kind in ("post", "draft"):
            url = old_url(document, site.permalink, when)
        elif document.kind in self.without_output:
            permalink = document.front.get("permalink")
            url = old_url(document, "", when) if permalink else ""
        else:
            url = old_url(
                document, site.collection_permalink(document.kind) or "", when
            )
        if document.kind == "post" and when is None:
            self.report.note(
                document.path,
                None,
                "no date in the front matter or the file name: Jekyll skipped it;"
                " imported as a draft",
            )
        if url == "/" and document.kind == "page":
            self.moved_index = True
        target = _target(document)
        if url and not is_unpublished(document):
            self.links.add_content(url, target)
        if document.kind in ("post", "draft"):
            name = document.path.split("/", 1)[1].rsplit(".", 1)[0]
            self.links.add_post(name, target)
        self.planned.append(Planned(document, target, url, when))

    def _jekyll_write_order(self, item: Planned) -> tuple[int, str]:
        """Return when Jekyll wrote ``item``: pages, then posts, then collections."""
        kind = item.document.kind
        rank = {"page": 0, "post": 1, "draft": 1}.get(kind)
        if rank is None:
            rank = 2 + self.collections.index(kind)
        return rank, item.document.path

    def _settle_shared_urls(self) -> None:
        """Give one document each old URL: the one Jekyll wrote last (it won).

        Jekyll writes documents that share a URL one over the other and
        warns; Pelican stops. The others get Pelican's own address.
        """
        by_url: dict[str, list[Planned]] = {}
        for item in self.planned:
            if not is_unpublished(item.document) and item.url:
                by_url.setdefault(file_for_url(item.url), []).append(item)
        for items in by_url.values():
            if len(items) < 2:
                continue
            items.sort(key=self._jekyll_write_order)
            winner = items[-1]
            self.links.add_content(winner.url, winner.target, replace=True)
            kept = set(_redirect_paths(winner.document))
            for item in items[:-1]:
                item.url = ""
                if kept & set(_redirect_paths(item.document)):
                    # A copy of the page: its redirects are the winner's.
                    item.document.front.pop("redirect_from", None)
                self.report.note(
                    item.document.path,
                    None,
                    f"shares its URL with {winner.document.path}, which Jekyll"
                    " wrote over it: given the new site's own address instead",
                )

    def _take_listing(self, document: Document, url: str) -> bool:
        """Replace a Liquid listing page by the theme's; tell whether it was one.

        The page's ``redirect_from`` addresses lead to the theme's page; a
        listing the theme has no page for (a site map) and a second listing of
        the same thing redirect to the theme's page that lists the most.
        """
        listed = _listing_of(document, self.collections)
        if listed is None:
            return False
        self.links.add_generated(url)
        kept = self._kept_listing(listed)
        if kept is not None or listed not in (*self.collections, *_LISTING_SETTINGS):
            where = kept or "the archive of posts"
            shown = (
                listed
                if listed.startswith(("site.", *self.collections))
                else (f"site.{listed}")
            )
            self.report.note(
                document.path,
                None,
                f"a Liquid listing of {shown}: not imported (the theme lists it"
                f" elsewhere, or has no such page); {url} now redirects to {where}",
            )
            for path in [url, *_redirect_paths(document)]:
                self.redirects[path] = kept
            return True
        if listed in self.collections:
            self.collection_listings[listed] = url
            title = str(document.front.get("title") or "").strip()
            if title and title.lower() != listed.replace("_", " ").lower():
                self.collection_titles[listed] = title
            self._listing_note(document, listed, url)
        else:
            prefix = _LISTING_SETTINGS[listed]
            self.listings[f"{prefix}_URL"] = url.lstrip("/")
            self.listings[f"{prefix}_SAVE_AS"] = file_for_url(url)
            self._listing_note(document, f"site.{listed}", url)
        for path in _redirect_paths(document):
            self.redirects[path] = url
        return True

    def _kept_listing(self, listed: str) -> str | None:
        """Return where the theme already lists ``listed`` (a second listing)."""
        if listed in self.collections:
            return self.collection_listings.get(listed)
        prefix = _LISTING_SETTINGS.get(listed)
        if prefix is not None and f"{prefix}_URL" in self.listings:
            return "/" + self.listings[f"{prefix}_URL"]
        return None

    def _redirect_settings(self) -> dict[str, str]:
        """Return ``SCHOLAR_REDIRECTS``: old listing addresses to the new pages."""
        archives = self.listings.get("ARCHIVES_URL", "year-archive/")
        return {
            path: (target or "/" + archives).lstrip("/")
            for path, target in self.redirects.items()
        }

    def _listing_note(self, document: Document, listed: str, where: str) -> None:
        """Report a listing page replaced by the theme's page at ``where``."""
        self.report.note(
            document.path,
            None,
            f"a Liquid listing of {listed}: replaced by the theme's page at {where};"
            " text around the loop is not carried over",
        )

    def _copy_static(
        self, plan: StaticPlan, pages: set[str]
    ) -> tuple[list[str], dict[str, dict[str, str]]]:
        """Copy the site's own files but ``pages`` (read as pages).

        Return ``STATIC_PATHS`` and ``EXTRA_PATH_METADATA`` (files of the
        old site's root go to ``content/extra/`` and back to the root).
        """
        count = 0
        for folder in plan.folders:
            origin = self.source / folder
            files = (
                [path for path in sorted(origin.rglob("*")) if path.is_file()]
                if origin.is_dir()
                else [origin]
            )
            for path in files:
                relative = path.relative_to(self.source).as_posix()
                if relative in pages:
                    continue
                target = self.out / _CONTENT / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
                self.links.add_static(relative)
                self._report_copied_loads(path, relative)
                count += 1
        extra: dict[str, dict[str, str]] = {}
        for name in plan.root_files:
            if name in pages:
                continue
            target = self.out / _CONTENT / "extra" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(self.source / name, target)
            extra[f"extra/{name}"] = {"path": name}
            count += 1
        self.report.count("static files", count)
        return [*plan.folders, *(["extra"] if extra else [])], extra

    def _report_copied_loads(self, path: Path, relative: str) -> None:
        """Report what a copied HTML file loads from another host.

        Such files are served as they are (academicpages' talk map loads its
        map library from a CDN): ``invoke check`` will name them too.
        """
        if path.suffix.lower() not in HTML_SUFFIXES:
            return
        try:
            markup = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return
        for load in find_external_loads(markup, self.own_hosts):
            self.report.note(
                relative,
                load.line,
                f"loads {load.url} from another host (<{load.tag} {load.attribute}>);"
                " the file is copied as it is",
            )

    def _report_markup(self, document: Document) -> None:
        """Report what the body's own markup does that needs a hand.

        Loads from another host (scripts, frames, images, trackers) and
        images without alternative text; code is not markup, so it is skipped.
        """
        markup = without_code(document.body) if document.markdown else document.body
        for load in find_external_loads(markup, self.own_hosts):
            self.report.note(
                document.path,
                load.line + document.body_line - 1,
                f"loads {load.url} from another host (<{load.tag} {load.attribute}>)"
                " whenever the page is shown",
            )
        if document.markdown:
            for line in images_without_alt(document.body):
                self.report.note(
                    document.path,
                    line + document.body_line - 1,
                    "an image without alternative text (![](...)): describe it for"
                    " screen readers; Pelican warns about it, so `invoke check`"
                    " stops until then",
                )

    def _body(self, document: Document) -> tuple[str, str | None]:
        """Return the converted body and summary; report what needs a hand."""
        convert = convert_markdown if document.markdown else convert_html
        result: Converted = convert(document.body, self.links)
        self.report.add(document.path, result, document.body_line)
        self.math = self.math or uses_math(result)
        self._report_markup(document)
        excerpt = document.front.get("excerpt")
        if excerpt not in (None, ""):
            summary = convert_markdown(str(excerpt), self.links)
            self.report.add(document.path, summary, 1)
            self.math = self.math or uses_math(summary)
            return result.text, summary.text
        separator = str(
            document.front.get("excerpt_separator") or self.site.excerpt_separator
        )
        split = split_excerpt(result.text, separator)
        if split is not None and document.kind == "post":
            return split[1], None
        return result.text, None

    def _write(self, item: Planned) -> None:
        """Write one document's new file."""
        document = item.document
        body, summary = self._body(document)
        metadata = pelican_metadata(
            document, url=item.url, when=item.when, summary=summary
        )
        if not document.markdown:
            for key, value in metadata.items():
                if isinstance(value, dict):
                    self.report.note(
                        document.path, None, f"{key}: a mapping, not kept in HTML"
                    )
        target = self.out / _CONTENT / item.target
        target.parent.mkdir(parents=True, exist_ok=True)
        writer = _markdown_file if document.markdown else _html_file
        target.write_text(writer(metadata, body), encoding="utf-8")
        kinds = {"post": "posts", "draft": "drafts", "page": "pages"}
        self.report.count(kinds.get(document.kind, document.kind))

    def _heading_ids(self) -> str:
        """Return the heading-id function for the old site's kramdown input."""
        kramdown = self.site.config.get("kramdown")
        source = kramdown.get("input") if isinstance(kramdown, dict) else None
        return "kramdown_heading_id" if source == "kramdown" else "gfm_heading_id"

    def _markdown(self) -> dict[str, Any]:
        """Return ``MARKDOWN``, with heading ids as the old site had them."""
        markdown = copy.deepcopy(MARKDOWN)
        toc = markdown["extension_configs"]["markdown.extensions.toc"]
        toc["slugify"] = PythonName(self._heading_ids())
        return markdown

    def _write_settings(
        self, static_paths: list[str], extra: dict[str, dict[str, str]]
    ) -> None:
        """Write ``pelicanconf.py`` and ``publishconf.py``."""
        site = self.site
        drafts = any(item.document.kind == "draft" for item in self.planned)
        content = {
            "PATH": _CONTENT,
            "ARTICLE_PATHS": ["posts", *(["drafts"] if drafts else [])],
            "PAGE_PATHS": ["pages"],
            "STATIC_PATHS": static_paths,
            **({"EXTRA_PATH_METADATA": extra} if extra else {}),
            "SCHOLAR_COLLECTIONS": self.collections,
        }
        listings = self._listing_addresses()
        if listings:
            content["SCHOLAR_COLLECTION_LISTINGS"] = listings
        if self.redirects:
            content["SCHOLAR_REDIRECTS"] = self._redirect_settings()
        if self.collection_titles:
            content["SCHOLAR_COLLECTION_TITLES"] = self.collection_titles
        groups = [
            ("The site and its author (from _config.yml)", self.mapped.settings),
            ("Content: the folders the import wrote", content),
            ("The plugin, and math rendered at build time", _plugins(self.math)),
            ("Addresses: new posts and pages; old ones keep theirs", self._addresses()),
            ("Menus", self._menus()),
            (
                "Text",
                {
                    "TYPOGRIFY": True,
                    "TYPOGRIFY_IGNORE_TAGS": _IGNORED_TAGS,
                    "MARKDOWN": self._markdown(),
                },
            ),
            ("Feeds are for production (publishconf.py)", _NO_FEEDS),
            ("The old site's navigation", {"NAVIGATION": self.navigation}),
        ]
        comments = [f"{key}: {why}" for key, why in self.mapped.left_out]
        name = self.mapped.settings["SITENAME"]
        (self.out / "pelicanconf.py").write_text(
            pelicanconf(name, groups, comments, self._heading_ids()),
            encoding="utf-8",
        )
        atom = site.config.get("atom_feed")
        feed = str((atom if isinstance(atom, dict) else {}).get("path") or "feed.xml")
        (self.out / "publishconf.py").write_text(
            publishconf(site.base_url, feed.lstrip("/"), sitemap=self.sitemap),
            encoding="utf-8",
        )

    def _addresses(self) -> dict[str, Any]:
        """Return the URL settings: Pelican's pages where the old site had them."""
        settings: dict[str, Any] = {
            "ARTICLE_URL": "posts/{date:%Y}/{date:%m}/{slug}/",
            "ARTICLE_SAVE_AS": "posts/{date:%Y}/{date:%m}/{slug}/index.html",
            "PAGE_URL": "{slug}/",
            "PAGE_SAVE_AS": "{slug}/index.html",
            "ARCHIVES_URL": "year-archive/",
            "ARCHIVES_SAVE_AS": "year-archive/index.html",
            "TAGS_URL": "tags/",
            "TAGS_SAVE_AS": "tags/index.html",
            "CATEGORIES_URL": "categories/",
            "CATEGORIES_SAVE_AS": "categories/index.html",
            **self.listings,
            **self._index_address(),
            "DIRECT_TEMPLATES": [
                "index",
                "tags",
                "categories",
                "archives",
                "404",
                *(["robots"] if self.robots else []),
            ],
            **({"ROBOTS_SAVE_AS": "robots.txt"} if self.robots else {}),
            "WITH_FUTURE_DATES": self.site.future,
            # Jekyll posts without categories have none, not their folder's.
            "USE_FOLDER_AS_CATEGORY": False,
            "RELATIVE_URLS": False,
            "SITEURL": "",
        }
        if "TIMEZONE" not in self.mapped.settings:
            settings["TIMEZONE"] = "UTC"
        return settings

    def _index_address(self) -> dict[str, str]:
        """Return ``INDEX_SAVE_AS`` when a page took ``/``: a file nothing writes.

        The list of posts then moves to ``blog/``, or, when a listing or a
        page of the old site has that address (a ``/blog/`` archive), to the
        first of a few free addresses, so Pelican never writes a file twice.
        """
        if not self.moved_index:
            return {}
        taken = {
            value
            for key, value in self.listings.items()
            if key.endswith("_SAVE_AS") and isinstance(value, str)
        }
        taken |= {file_for_url(item.url) for item in self.planned if item.url}
        taken |= {file_for_url(url) for url in self.collection_listings.values() if url}
        for folder in ("blog", "posts", "blog-index", "all-posts"):
            if f"{folder}/index.html" not in taken:
                return {"INDEX_SAVE_AS": f"{folder}/index.html"}
        return {"INDEX_SAVE_AS": "index-of-posts.html"}

    def _listing_addresses(self) -> dict[str, str | None]:
        """Return ``SCHOLAR_COLLECTION_LISTINGS``: each listing where it was.

        A collection listed by a Liquid page gets its listing at that page's
        address; one without gets it at the default ``/NAME/``, unless an
        imported page has that address (then it gets none, and a note).
        """
        pages = {file_for_url(item.url) for item in self.planned if item.url}
        addresses: dict[str, str | None] = {}
        for name in self.collections:
            default = f"/{name}/"
            url = self.collection_listings.get(name)
            if url is not None:
                if file_for_url(url) != file_for_url(default):
                    addresses[name] = url
            elif file_for_url(default) in pages:
                addresses[name] = None
                self.report.note(
                    f"_{name}",
                    None,
                    f"no listing page: {default} is one of your pages; link the"
                    f" {name} from it by hand",
                )
        return addresses

    def _header_pages(self) -> list[tuple[str, str]]:
        """Return minima's ``header_pages`` (page files) as the navigation."""
        wanted = self.site.config.get("header_pages")
        if not isinstance(wanted, list):
            return []
        by_path = {item.document.path: item for item in self.planned}
        menu = []
        for name in wanted:
            item = by_path.get(str(name)) or by_path.get(f"_pages/{name}")
            if item is None:
                self.report.note(
                    "_config.yml", None, f"header_pages: {name} is not an imported page"
                )
                continue
            menu.append((title_of(item.document), item.url))
        return menu

    def _menus(self) -> dict[str, Any]:
        """Return the menu settings: the old navigation when there was one."""
        listed = not self.navigation
        return {
            "DISPLAY_PAGES_ON_MENU": listed,
            "DISPLAY_CATEGORIES_ON_MENU": False,
            "SCHOLAR_COLLECTIONS_ON_MENU": listed,
        }


_IGNORED_TAGS: Final = ["pre", "code", ".katex", "math"]
_NO_FEEDS: Final = {
    "FEED_ALL_ATOM": None,
    "CATEGORY_FEED_ATOM": None,
    "TRANSLATION_FEED_ATOM": None,
    "AUTHOR_FEED_ATOM": None,
    "AUTHOR_FEED_RSS": None,
}


def _write_site(source: Path, out: Path) -> Report:
    """Write the new site into the empty folder ``out``; return the report."""
    return SiteImport(source, out).run()
