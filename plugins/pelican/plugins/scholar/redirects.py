"""Old addresses that answer with a redirect: ``redirect_from`` metadata.

A post, page or collection item may list the URLs it used to have
(``redirect_from: [/about.html, /old/]``, jekyll-redirect-from's key, which
academicpages sites use). :class:`RedirectGenerator` writes a small page at
each such path (the file a static server answers it with) that sends the
browser on with ``<meta http-equiv="refresh">`` and names the new address
as canonical, from the theme's ``redirect.html`` (this bundle's own when the
site's theme has none). Drafts get none. ``SCHOLAR_REDIRECTS`` adds
redirects of the site's own: old path -> target (a URL, or a path under
``SITEURL``), for addresses no content claims (a listing page that moved).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from pelican.generators import Generator, PelicanTemplateNotFound

from .build import build_of
from .overwrites import OVERWRITE_REFUSED, is_refused_overwrite
from .theme_location import theme_path
from .url_files import file_for_url

if TYPE_CHECKING:
    from jinja2 import Template
    from pelican.contents import Content
    from pelican.writers import Writer

logger = logging.getLogger(__name__)


METADATA_KEY: Final = "redirect_from"
#: Where redirects listed in the settings come from, in warnings.
SETTING: Final = "SCHOLAR_REDIRECTS"
TEMPLATE: Final = "redirect"


class Redirect(NamedTuple):
    """One old path, where it sends the reader, and what listed it."""

    path: str
    target: str
    #: The content's source file, or the setting's name.
    source: str
    content: Content | None


def old_paths(content: Content) -> list[str]:
    """Return the URL paths ``content`` lists in ``redirect_from``.

    A string is one path; a list gives several. Anything else is left out
    with a warning naming the file.
    """
    value = content.metadata.get(METADATA_KEY)
    if value in (None, ""):
        return []
    values = value if isinstance(value, list) else [value]
    paths = []
    for item in values:
        if isinstance(item, str) and item.strip():
            paths.append(item.strip())
        else:
            logger.warning(
                "%s: redirect_from: %r is not a URL path; no redirect for it",
                content.source_path,
                item,
            )
    return paths


def remember_redirects(content: Content) -> None:
    """Note a content object that has ``redirect_from`` (``content_object_init``)."""
    if content.metadata.get(METADATA_KEY) in (None, ""):
        return
    try:
        build = build_of(content.settings)
    except LookupError:  # made outside a build (a test, another tool)
        return
    build.redirected.append(content)


def target_url(content: Content, site_url: str) -> str:
    """Return where a redirect sends to (root-relative when SITEURL is empty)."""
    return f"{site_url.rstrip('/')}/{content.url}"


class RedirectGenerator(Generator):
    """Writes a redirect page at each old path of published content."""

    def generate_context(self) -> None:
        """Nothing to read: the content was read by the other generators."""

    def _template(self) -> Template:
        """Return the theme's ``redirect.html``, else this bundle's own.

        A site on another theme gets the bundle's page (it extends nothing).
        """
        try:
            return self.get_template(TEMPLATE)
        except PelicanTemplateNotFound:
            own = Path(theme_path()) / "templates" / f"{TEMPLATE}.html"
            return self.env.from_string(own.read_text(encoding="utf-8"))

    def generate_output(self, writer: Writer) -> None:
        """Write a redirect page for each old path: content's, then settings'.

        A path listed twice, or already taken by a page of the site, gets no
        redirect and a warning naming where it was listed.
        """
        template = self._template()
        site_url = self.settings.get("SITEURL", "")
        written: dict[str, str] = {}
        redirected = build_of(self.settings).redirected
        # In file order, whatever order the files were read in.
        for content in sorted(redirected, key=lambda content: content.source_path):
            if content.status == "draft":
                continue
            target = target_url(content, site_url)
            for path in old_paths(content):
                redirect = Redirect(path, target, content.source_path, content)
                self._write(writer, template, redirect, written)
        for path, target in self.settings["SCHOLAR_REDIRECTS"].items():
            address = target if "://" in target else f"{site_url}/{target.lstrip('/')}"
            redirect = Redirect(path, address, SETTING, None)
            self._write(writer, template, redirect, written)

    def _write(
        self,
        writer: Writer,
        template: Template,
        redirect: Redirect,
        written: dict[str, str],
    ) -> None:
        """Write one redirect page, unless its path is listed or taken already."""
        name = file_for_url(redirect.path)
        if name in written:
            logger.warning(
                "%s: redirect_from %s: %s redirects from it already; no second"
                " redirect",
                redirect.source,
                redirect.path,
                written[name],
            )
            return
        written[name] = redirect.source
        context: dict[str, Any] = {
            **self.context,
            "redirect_target": redirect.target,
            "redirect_content": redirect.content,
        }
        try:
            writer.write_file(
                name,
                template,
                context,
                relative_urls=False,
                url=redirect.path.lstrip("/"),
            )
        except OVERWRITE_REFUSED as error:
            if not is_refused_overwrite(error):
                raise
            logger.warning(
                "%s: redirect_from %s: another page of the site is there; no redirect",
                redirect.source,
                redirect.path,
            )


def redirect_generator(pelican: object) -> type[Generator]:
    """Add :class:`RedirectGenerator` to the build (``get_generators``)."""
    return RedirectGenerator
