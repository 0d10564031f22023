"""The old site's addresses, and what each is in the new site (a LinkResolver).

Every imported document registers its old URL and new file; every copied
file its path. Links in bodies then become Pelican's ``{filename}`` and
``{static}`` links, which Pelican checks and writes with the site's
``SITEURL``, so they keep working under any address.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote


def _variants(url: str) -> list[str]:
    """Return the forms a link to ``url`` may take (with or without ``/``)."""
    path = unquote(url)
    if not path.startswith("/"):
        path = "/" + path
    forms = [path]
    if path.endswith("/"):
        forms += [path.rstrip("/") or "/", path + "index.html"]
    elif path.endswith("/index.html"):
        forms += [path[: -len("index.html")], path[: -len("/index.html")]]
    elif path.endswith(".html"):
        forms.append(path[: -len(".html")])
    else:
        forms += [path + "/", path + ".html"]
    return forms


@dataclass
class SiteLinks:
    """Old URL paths mapped to Pelican's links for them."""

    _by_path: dict[str, str] = field(default_factory=dict)
    _posts: dict[str, str] = field(default_factory=dict)

    def add_content(self, url: str, new_file: str, *, replace: bool = False) -> None:
        """Register imported content: its old ``url``, its file under ``content/``.

        The first content registered at a URL keeps it, unless ``replace``.
        """
        for form in _variants(url):
            if replace or form not in self._by_path:
                self._by_path[form] = "{filename}/" + new_file

    def add_post(self, name: str, new_file: str) -> None:
        """Register a post for ``{% post_url %}`` (its path in ``_posts``)."""
        self._posts[name] = "{filename}/" + new_file
        self._posts.setdefault(name.rsplit("/", 1)[-1], "{filename}/" + new_file)

    def add_static(self, path: str) -> None:
        """Register a copied file by its path under the site (``images/a.png``)."""
        self._by_path["/" + path] = "{static}/" + path

    def add_generated(self, url: str) -> None:
        """Register a page the theme writes (a listing) at the old ``url``."""
        for form in _variants(url):
            self._by_path.setdefault(form, url)

    def site_path(self, path: str) -> str | None:
        """Return Pelican's link for a root-relative path of the old site."""
        for form in _variants(path):
            if form in self._by_path:
                return self._by_path[form]
        return None

    def post_url(self, name: str) -> str | None:
        """Return Pelican's link for ``{% post_url name %}``."""
        name = name.strip().strip("\"'")
        return self._posts.get(name) or self._posts.get(name.rsplit("/", 1)[-1])
