"""Checks of a built site: broken internal links and anchors, stray drafts.

Provides :func:`broken_links`, which reads every HTML page of a built site and
reports each link to a page, file or ``#anchor`` of the same site that does
not exist, :func:`drafts_in` for draft pages left in a build, and
:func:`external_loads_in` for every element of a page that loads from another
host (:mod:`.external_loads`). Used by the ``check`` task before a deploy;
pure functions over a folder.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, NamedTuple
from urllib.parse import unquote, urlparse

from bs4 import BeautifulSoup

from .external_loads import ExternalLoad, find_external_loads

if TYPE_CHECKING:
    from pathlib import Path

_SKIPPED_SCHEMES: Final = frozenset({"mailto", "tel", "javascript", "data"})


class BrokenLink(NamedTuple):
    """A link in ``page`` whose target does not exist."""

    page: str
    href: str
    problem: str


def _target_file(root: Path, page: Path, path: str) -> Path:
    """Return the file a link's path names, as a static server would serve it."""
    base = root if path.startswith("/") else page.parent
    target = (base / unquote(path.lstrip("/"))).resolve()
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def broken_links(root: Path, site_url: str = "") -> list[BrokenLink]:
    """Return every broken internal link and anchor of the site built in ``root``.

    Links to other hosts are not followed; links to ``site_url`` (the
    production address) are treated as internal.
    """
    root = root.resolve()
    site = urlparse(site_url)
    pages = {page.resolve(): page for page in root.rglob("*.html")}
    ids: dict[Path, set[str]] = {}
    links: list[tuple[Path, str]] = []
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        ids[page] = {element["id"] for element in soup.find_all(id=True)}
        ids[page] |= {
            element["name"] for element in soup.find_all("a", attrs={"name": True})
        }
        links += [(page, a["href"]) for a in soup.find_all(["a", "link"], href=True)]
        links += [
            (page, img["src"]) for img in soup.find_all(["img", "script"], src=True)
        ]
    problems = []
    for page, href in links:
        parsed = urlparse(href)
        if parsed.scheme in _SKIPPED_SCHEMES:
            continue
        if parsed.netloc and (parsed.scheme, parsed.netloc) != (
            site.scheme,
            site.netloc,
        ):
            continue
        path = parsed.path
        if parsed.netloc and site.path and path.startswith(site.path):
            path = "/" + path[len(site.path) :].lstrip("/")
        target = _target_file(root, page, path) if path else page
        relative = str(page.relative_to(root))
        if not target.exists():
            problems.append(BrokenLink(relative, href, "no such page or file"))
        elif (
            parsed.fragment
            and target.suffix == ".html"
            and unquote(parsed.fragment) not in ids.get(target, set())
        ):
            problems.append(BrokenLink(relative, href, "no such anchor"))
    return problems


def drafts_in(root: Path, drafts_folder: str = "drafts") -> list[str]:
    """Return the draft pages present in the build (Pelican's ``DRAFT_SAVE_AS``)."""
    folder = root / drafts_folder
    return (
        sorted(str(path.relative_to(root)) for path in folder.rglob("*.html"))
        if folder.is_dir()
        else []
    )


class PageLoad(NamedTuple):
    """An element of ``page`` (relative to the site's folder) loading from elsewhere."""

    page: str
    load: ExternalLoad

    def describe(self) -> str:
        """Return ``page: line: <tag attribute=url>``, as ``check`` lists it."""
        return f"{self.page}: {self.load.line}: {self.load.describe()}"


def external_loads_in(root: Path, site_url: str = "") -> list[PageLoad]:
    """Return every load from another host in the HTML pages built in ``root``.

    The host of ``site_url`` (the production address) is the site's own: a
    page may load from it.
    """
    own_hosts = [host] if (host := urlparse(site_url).netloc) else []
    return [
        PageLoad(str(page.relative_to(root)), load)
        for page in sorted(root.rglob("*.html"))
        for load in find_external_loads(page.read_text(encoding="utf-8"), own_hosts)
    ]
