"""Find markup that makes a browser fetch something from another host.

Provides :func:`find_external_loads`, which reads HTML (a whole page or a
fragment, such as the raw HTML in a post) and returns an :class:`ExternalLoad`
for every element that loads a resource from another host as soon as the
page is shown: scripts, frames, images (``src`` and ``srcset``), media and
their posters and tracks, embedded objects, stylesheets, icons and preloads
(``<link rel=...>``), a ``<base href>`` (every relative URL then loads from
there), SVG ``<image>``/``<use>``, the legacy ``background`` attribute, and
``url(...)``/``@import`` in ``style`` attributes and ``<style>`` elements.
Protocol-relative URLs (``//host/x.js``) count. Links a reader follows
(``<a href>``, ``<link rel=canonical>``, feeds) do not: nothing is fetched
until they are clicked. Used by ``sitecheck`` (the ``check`` task) and the
importer's report. The stdlib's :mod:`html.parser` reads the markup, so it
copes with any markup a post may hold and gives line numbers.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Final, NamedTuple
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator

#: Attributes holding one URL that is fetched when the page is shown, by element.
URL_ATTRIBUTES: Final = {
    "audio": ("src",),
    "base": ("href",),
    "embed": ("src",),
    "feimage": ("href", "xlink:href"),
    "frame": ("src",),
    "iframe": ("src",),
    "image": ("href", "xlink:href"),
    "img": ("src",),
    "object": ("data",),
    "script": ("src", "xlink:href"),
    "source": ("src",),
    "track": ("src",),
    "use": ("href", "xlink:href"),
    "video": ("src", "poster"),
    # The legacy attribute that browsers still honour on these elements.
    "body": ("background",),
    "table": ("background",),
    "td": ("background",),
    "th": ("background",),
}

#: Attributes holding a srcset (comma-separated candidates: URL, descriptor).
SRCSET_ATTRIBUTES: Final = {
    "img": "srcset",
    "source": "srcset",
    "link": "imagesrcset",
}

#: ``<link rel>`` keywords that make the browser fetch ``href`` (or connect to
#: its host) without a click; any other relation (canonical, alternate, me,
#: author, license, next...) is a link a reader follows.
LOADING_LINK_RELATIONS: Final = frozenset(
    {
        "apple-touch-icon", "apple-touch-icon-precomposed", "dns-prefetch",
        "icon", "manifest", "mask-icon", "modulepreload", "preconnect",
        "prefetch", "preload", "prerender", "stylesheet",
    }
)  # fmt: skip

#: ``url(...)`` and ``@import "..."`` in CSS.
CSS_URL_RE: Final = re.compile(
    r"""url\(\s*(?P<quote>["']?)(?P<url>.*?)(?P=quote)\s*\)"""
    r"""|@import\s+(?P<import_quote>["'])(?P<import_url>.*?)(?P=import_quote)""",
    re.IGNORECASE | re.DOTALL,
)


class ExternalLoad(NamedTuple):
    """An element at ``line`` that loads ``url`` from another host.

    ``attribute`` names where the URL is: an attribute (``src``, ``srcset``,
    ``style``...) or, for CSS inside a ``<style>`` element, ``url()`` or
    ``@import``.
    """

    line: int
    tag: str
    attribute: str
    url: str

    def describe(self) -> str:
        """Return the load as ``<tag attribute=url>``, as a report lists it."""
        return f"<{self.tag} {self.attribute}={self.url}>"


def is_external(url: str, own_hosts: Collection[str]) -> bool:
    """Tell whether ``url`` names a host other than the ``own_hosts``.

    Relative and root-relative URLs, ``data:`` and other URLs without a host
    are not external; ``//host/x`` (protocol-relative) is. A host matches an
    entry of ``own_hosts`` with or without its port, in any letter case.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # an unbalanced "[" in the host: not a URL a browser loads
        return False
    if not parts.netloc:
        return False
    own = {host.lower() for host in own_hosts}
    return parts.netloc.lower() not in own and (parts.hostname or "") not in own


def srcset_urls(srcset: str) -> list[str]:
    """Return the URLs of a ``srcset`` value (each candidate's first word)."""
    return [
        candidate.split()[0] for candidate in srcset.split(",") if candidate.strip()
    ]


def css_urls(css: str) -> Iterator[tuple[int, str, str]]:
    """Yield ``(newlines before, "url()" or "@import", url)`` per URL in ``css``."""
    for match in CSS_URL_RE.finditer(css):
        before = css.count("\n", 0, match.start())
        if match["url"] is not None:
            yield before, "url()", match["url"]
        else:
            yield before, "@import", match["import_url"]


class _LoadFinder(HTMLParser):
    """Collects the external loads of the markup it is fed."""

    def __init__(self, own_hosts: Collection[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.own_hosts = own_hosts
        self.loads: list[ExternalLoad] = []
        self._in_style = False

    def _add(self, line: int, tag: str, attribute: str, url: str) -> None:
        url = url.strip()
        if is_external(url, self.own_hosts):
            self.loads.append(ExternalLoad(line, tag, attribute, url))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Check the URL-holding attributes of one start tag."""
        line = self.getpos()[0]
        values = {name: value for name, value in attrs if value is not None}
        self._in_style = tag == "style"
        for attribute in URL_ATTRIBUTES.get(tag, ()):
            if attribute in values:
                self._add(line, tag, attribute, values[attribute])
        if tag == "input" and values.get("type", "").lower() == "image":
            self._add(line, tag, "src", values.get("src", ""))
        if tag == "link" and LOADING_LINK_RELATIONS & set(
            values.get("rel", "").lower().split()
        ):
            self._add(line, tag, "href", values.get("href", ""))
        srcset = SRCSET_ATTRIBUTES.get(tag)
        if srcset in values:
            for url in srcset_urls(values[srcset]):
                self._add(line, tag, srcset, url)
        if "style" in values:
            for _, _, url in css_urls(values["style"]):
                self._add(line, tag, "style", url)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Check a self-closing tag as a start tag (``<img ... />``)."""
        self.handle_starttag(tag, attrs)
        self._in_style = False

    def handle_endtag(self, tag: str) -> None:
        """Leave a ``<style>`` element."""
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        """Check the CSS of a ``<style>`` element."""
        if self._in_style:
            line = self.getpos()[0]
            for newlines, kind, url in css_urls(data):
                self._add(line + newlines, "style", kind, url)


def find_external_loads(
    markup: str, own_hosts: Collection[str] = ()
) -> list[ExternalLoad]:
    """Return every load from a host not in ``own_hosts`` in ``markup``, in order.

    ``line`` counts from 1 at the start of ``markup`` and is the line where
    the element's start tag begins (for CSS in a ``<style>`` element, the
    line of the ``url(...)``).
    """
    finder = _LoadFinder(own_hosts)
    finder.feed(markup)
    finder.close()
    return finder.loads
