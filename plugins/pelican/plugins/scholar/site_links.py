"""Where the theme links a tag to: Posts by Tags, or the tag's own page.

Pelican writes its tags page (``tags`` in ``DIRECT_TEMPLATES``) to
``TAGS_SAVE_AS``, ``tags.html`` when unset, but defines no ``TAGS_URL``: a
template linking ``{{ SITEURL }}/{{ TAGS_URL }}#slug`` then links to the home
page. Provides:

:func:`supply_tags_page_urls`
    Fills in ``TAGS_SAVE_AS`` and ``TAGS_URL`` when the site left them unset
    (``TAGS_URL`` from ``TAGS_SAVE_AS``: ``tags/index.html`` gives ``tags/``).
:func:`posts_by_tags_path`
    The path of Posts by Tags, or ``None`` when the site builds no such page
    (``tags`` not in ``DIRECT_TEMPLATES``, or an empty ``TAGS_SAVE_AS``).
:func:`tag_link_path`
    Where a tag links to: its section of Posts by Tags, else its own tag page
    (``TAG_URL``), else ``None`` (the site writes neither: no link).
:func:`absolute_site_url`
    ``SITEURL`` when it is absolute, for canonical links, else ``""``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .tags import tag_anchor

if TYPE_CHECKING:
    from collections.abc import Mapping, MutableMapping, Set

    from pelican.urlwrappers import Tag

_DEFAULT_TAGS_SAVE_AS = "tags.html"


def url_for_save_as(save_as: str) -> str:
    """Return the URL a file saved as ``save_as`` is served at.

    A trailing ``index.html`` is dropped, as servers serve it for the folder.
    """
    if save_as == "index.html" or save_as.endswith("/index.html"):
        return save_as.removesuffix("index.html")
    return save_as


def unwritten_url(url: str, save_as: str) -> bool:
    """Tell whether ``url`` leads to a file other than the one saved as ``save_as``.

    ``about/`` and ``about`` lead to ``about/index.html``, ``notes`` to
    ``notes.html`` (servers add the extension); ``home.html`` does not lead
    to ``index.html``, nor ``post.html`` to ``post/index.html``.
    """
    address, saved = url.strip().lstrip("/"), save_as.strip().lstrip("/")
    if not saved or address == saved:
        return False
    if saved == "index.html" or saved.endswith("/index.html"):
        folder = saved.removesuffix("index.html")
        return address not in {folder, folder.rstrip("/")}
    return not (saved.endswith(".html") and address == saved.removesuffix(".html"))


def url_pattern_settings(settings: Mapping[str, Any]) -> list[str]:
    """Return the names of the URL patterns: each ``X_URL`` with an ``X_SAVE_AS``."""
    return sorted(
        name
        for name in settings
        if name.endswith("_URL") and name.removesuffix("_URL") + "_SAVE_AS" in settings
    )


def drop_leading_slashes(settings: MutableMapping[str, Any]) -> list[str]:
    """Remove the leading ``/`` of URL patterns; return the names of those changed.

    Pelican and its themes write ``SITEURL/`` before a URL, so
    ``ARTICLE_URL = "/{slug}/"`` (for a theme that wrote ``{{ article.url }}``)
    gave ``//slug/``: with an empty ``SITEURL`` a link to the host ``slug``.
    Without the ``/`` each page is at the same address under ``SITEURL``.
    """
    changed = []
    for name in url_pattern_settings(settings):
        value = settings[name]
        if isinstance(value, str) and value.startswith("/"):
            settings[name] = value.lstrip("/")
            changed.append(name)
    return changed


def supply_tags_page_urls(settings: MutableMapping[str, Any]) -> None:
    """Give ``TAGS_SAVE_AS`` and ``TAGS_URL`` values when the site set none."""
    settings.setdefault("TAGS_SAVE_AS", _DEFAULT_TAGS_SAVE_AS)
    if settings.get("TAGS_URL") is None and settings["TAGS_SAVE_AS"]:
        settings["TAGS_URL"] = url_for_save_as(settings["TAGS_SAVE_AS"])


def posts_by_tags_path(settings: Mapping[str, Any]) -> str | None:
    """Return the path of the Posts by Tags page, or ``None`` if none is built."""
    if "tags" not in settings.get("DIRECT_TEMPLATES", ()):
        return None
    if not settings.get("TAGS_SAVE_AS"):
        return None
    return settings.get("TAGS_URL") or url_for_save_as(settings["TAGS_SAVE_AS"])


def tag_link_path(
    tag: Tag, settings: Mapping[str, Any], listed: Set[Any] | None = None
) -> str | None:
    """Return where ``tag`` links to, relative to ``SITEURL``, or ``None``.

    ``listed``, when given, holds the tags that have a section and a page:
    a tag only drafts carry has neither, so it links nowhere (``None``).
    """
    if listed is not None and tag not in listed:
        return None
    page = posts_by_tags_path(settings)
    if page is not None:
        return f"{page}#{tag_anchor(tag)}"
    if settings.get("TAG_SAVE_AS"):
        return tag.url
    return None


def absolute_site_url(settings: Mapping[str, Any]) -> str:
    """Return ``SITEURL`` if it is absolute (``https://...``), else ``""``.

    Templates build canonical links from it: with ``RELATIVE_URLS`` Pelican
    hands them a relative ``SITEURL``, and a relative canonical link is wrong.
    """
    siteurl = settings.get("SITEURL") or ""
    return siteurl if "://" in siteurl or siteurl.startswith("//") else ""
