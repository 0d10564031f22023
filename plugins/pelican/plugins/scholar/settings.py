"""Settings of the scholar plugin: their defaults and their validation.

Every setting is optional; a site sets only what it wants to change. What
each one means is documented in one place: the settings table of the
README. :data:`DEFAULTS` holds the defaults, :func:`validate` the rules.
Core settings (``SUMMARY_MAX_LENGTH``, ``SUMMARY_MAX_PARAGRAPHS``,
``SUMMARY_END_SUFFIX``) are read, never redefined here. The speed plugin's
settings are in :mod:`.speed.settings`.
"""

from __future__ import annotations

import importlib.util
import logging
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Final

from babel.dates import format_date

from . import i18n
from .bib_publications import GROUPINGS
from .bibliography import DEFAULT_PATTERN, STYLES
from .readtime import READING_RULES

if TYPE_CHECKING:
    from collections.abc import Mapping, MutableMapping

logger = logging.getLogger(__name__)

TAG_ORDERS: Final = ("codepoint", "casefold", "count")

DEFAULTS: Final[Mapping[str, Any]] = {
    "READTIME_WPM": 200,
    "READTIME_CJK_PER_MINUTE": 500,
    "READTIME_COUNT_CODE": True,
    "READTIME_RULE": READING_RULES[0],
    "SCHOLAR_SUMMARY_MARKER": "more",
    "SCHOLAR_SUMMARY_FIRST_PARAGRAPH": True,
    "SCHOLAR_SUMMARY_DROP_IMAGES": True,
    "SCHOLAR_SUMMARY_DROP_FOOTNOTE_REFS": True,
    "SCHOLAR_DESCRIPTION_LENGTH": 160,
    "SCHOLAR_TAG_ORDER": "codepoint",
    "SCHOLAR_ESCAPE_TITLES": True,
    "SCHOLAR_YAML_FRONT_MATTER": True,
    "SCHOLAR_RELATED_POSTS": 3,
    "SCHOLAR_TOC": True,
    "SCHOLAR_TOC_OPEN_MAX": 6,
    "SCHOLAR_MENU_PAGES_MAX": 8,
    "SCHOLAR_SEARCH": False,
    "SCHOLAR_LANGUAGE": None,
    "SCHOLAR_DATE_FORMAT": None,
    "SCHOLAR_PYGMENTS_LIGHT": "xcode",
    "SCHOLAR_PYGMENTS_DARK": "lightbulb",
    "SCHOLAR_PREVIOUS_OUTPUT": None,
    "SCHOLAR_TAGS_PAGE_EXCERPTS": 300,
    "SCHOLAR_TAGS_PAGE_COMPACT_POSTS": 20,
    "SCHOLAR_ARCHIVES_MONTHS": 20,
    "SCHOLAR_COLLECTIONS": ["publications", "talks", "teaching", "portfolio"],
    "SCHOLAR_COLLECTION_URL": "{collection}/",
    "SCHOLAR_COLLECTION_SAVE_AS": "{collection}/index.html",
    "SCHOLAR_COLLECTION_ITEM_URL": "{collection}/{slug}/",
    "SCHOLAR_COLLECTION_ITEM_SAVE_AS": "{collection}/{slug}/index.html",
    "SCHOLAR_COLLECTION_DRAFT_URL": "drafts/{collection}/{slug}.html",
    "SCHOLAR_COLLECTION_DRAFT_SAVE_AS": "drafts/{collection}/{slug}.html",
    "SCHOLAR_PUBLICATION_CATEGORIES": None,
    "SCHOLAR_COLLECTION_LISTINGS": {},
    "SCHOLAR_COLLECTION_TITLES": {},
    "SCHOLAR_REDIRECTS": {},
    "SCHOLAR_COLLECTIONS_ON_MENU": True,
    "SCHOLAR_BIBLIOGRAPHY": DEFAULT_PATTERN,
    "SCHOLAR_REFERENCES": "references/*.bib",
    "SCHOLAR_BIBLIOGRAPHY_PAGES": True,
    "SCHOLAR_BIBLIOGRAPHY_FILES": "files",
    "SCHOLAR_PUBLICATIONS_GROUP_BY": None,
    "SCHOLAR_SELECTED_ON_HOME": True,
    "SCHOLAR_CITATIONS": True,
    "SCHOLAR_QUIET_PERMALINKS": True,
    "SCHOLAR_CITATION_STYLE": STYLES[0],
    "SCHOLAR_OWNER_NAMES": None,
}

_POSITIVE_INTEGERS: Final = (
    "READTIME_WPM",
    "READTIME_CJK_PER_MINUTE",
    "SCHOLAR_DESCRIPTION_LENGTH",
)
_WHOLE_NUMBERS: Final = (
    "SCHOLAR_RELATED_POSTS",
    "SCHOLAR_TOC_OPEN_MAX",
    "SCHOLAR_MENU_PAGES_MAX",
    "SCHOLAR_TAGS_PAGE_EXCERPTS",
)
_BOOLEANS: Final = (
    "READTIME_COUNT_CODE",
    "SCHOLAR_SUMMARY_FIRST_PARAGRAPH",
    "SCHOLAR_SUMMARY_DROP_IMAGES",
    "SCHOLAR_SUMMARY_DROP_FOOTNOTE_REFS",
    "SCHOLAR_ESCAPE_TITLES",
    "SCHOLAR_YAML_FRONT_MATTER",
    "SCHOLAR_TOC",
    "SCHOLAR_SEARCH",
    "SCHOLAR_COLLECTIONS_ON_MENU",
    "SCHOLAR_BIBLIOGRAPHY_PAGES",
    "SCHOLAR_SELECTED_ON_HOME",
    "SCHOLAR_CITATIONS",
    "SCHOLAR_QUIET_PERMALINKS",
)
#: The fields an item's URL pattern may name, as in Pelican's own URL settings.
_ITEM_FIELDS: Final = (
    "collection",
    "slug",
    "lang",
    "date",
    "path",
    "category",
    "author",
)
#: Collection URL patterns, each with the fields it may name.
COLLECTION_PATTERNS: Final = {
    "SCHOLAR_COLLECTION_URL": ("collection",),
    "SCHOLAR_COLLECTION_SAVE_AS": ("collection",),
    "SCHOLAR_COLLECTION_ITEM_URL": _ITEM_FIELDS,
    "SCHOLAR_COLLECTION_ITEM_SAVE_AS": _ITEM_FIELDS,
    "SCHOLAR_COLLECTION_DRAFT_URL": _ITEM_FIELDS,
    "SCHOLAR_COLLECTION_DRAFT_SAVE_AS": _ITEM_FIELDS,
}


def _pygments_styles() -> frozenset[str]:
    from pygments.styles import get_all_styles  # noqa: PLC0415 - only when validating

    return frozenset(get_all_styles())


class ScholarSettingsError(ValueError):
    """A setting has a value the plugin cannot use."""


def apply_defaults(
    settings: MutableMapping[str, Any], defaults: Mapping[str, Any] = DEFAULTS
) -> None:
    """Fill in every setting the site left unset with its default."""
    for name, default in defaults.items():
        settings.setdefault(name, default)


def is_positive_integer(value: object) -> bool:
    """Tell whether ``value`` is an ``int`` (not a ``bool``) above zero."""
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def fail(name: str, expected: str, value: object) -> None:
    """Raise :class:`ScholarSettingsError`: ``name`` must be ``expected``."""
    msg = f"{name} must be {expected}, not {value!r}"
    raise ScholarSettingsError(msg)


def require_bool(settings: Mapping[str, Any], name: str) -> None:
    """Fail unless setting ``name`` is True or False."""
    if not isinstance(settings[name], bool):
        fail(name, "True or False", settings[name])


def require_optional_positive(settings: Mapping[str, Any], name: str) -> None:
    """Fail unless setting ``name`` is None or a positive integer."""
    value = settings[name]
    if value is not None and not is_positive_integer(value):
        fail(name, "None or a positive integer", value)


def _is_whole_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _check_kinds(settings: Mapping[str, Any]) -> None:
    """Check the positive integers, booleans and whole numbers."""
    for name in _POSITIVE_INTEGERS:
        if not is_positive_integer(settings[name]):
            fail(name, "a positive integer", settings[name])
    for name in _BOOLEANS:
        require_bool(settings, name)
    for name in _WHOLE_NUMBERS:
        if not _is_whole_number(settings[name]):
            fail(name, "a whole number of at least 0", settings[name])
    require_optional_positive(settings, "SCHOLAR_TAGS_PAGE_COMPACT_POSTS")
    months = settings["SCHOLAR_ARCHIVES_MONTHS"]
    if months is not None and not _is_whole_number(months):
        fail("SCHOLAR_ARCHIVES_MONTHS", "None or a whole number of at least 0", months)
    # Core settings the plugin relies on: a clear message beats a traceback.
    for name in ("SUMMARY_MAX_LENGTH", "SUMMARY_MAX_PARAGRAPHS"):
        value = settings.get(name)
        if value is not None and not _is_whole_number(value):
            fail(name, "None or a non-negative integer", value)


def _check_choices(settings: Mapping[str, Any]) -> None:
    """Check the marker, styles, tag order and the tools the plugin must find."""
    marker = settings["SCHOLAR_SUMMARY_MARKER"]
    if not isinstance(marker, str) or not marker.strip() or "--" in marker:
        fail(
            "SCHOLAR_SUMMARY_MARKER",
            "the non-empty text of an HTML comment (without '--')",
            marker,
        )
    for name in ("SCHOLAR_PYGMENTS_LIGHT", "SCHOLAR_PYGMENTS_DARK"):
        if settings[name] not in _pygments_styles():
            fail(name, "the name of an installed Pygments style", settings[name])
    if settings["READTIME_RULE"] not in READING_RULES:
        fail(
            "READTIME_RULE",
            f"one of {', '.join(READING_RULES)}",
            settings["READTIME_RULE"],
        )
    if settings["SCHOLAR_TAG_ORDER"] not in TAG_ORDERS:
        fail(
            "SCHOLAR_TAG_ORDER",
            f"one of {', '.join(TAG_ORDERS)}",
            settings["SCHOLAR_TAG_ORDER"],
        )
    if settings["SCHOLAR_SEARCH"] and importlib.util.find_spec("pagefind") is None:
        fail(
            "SCHOLAR_SEARCH",
            'False unless Pagefind is installed (pip install "pagefind[bin]")',
            True,
        )


def _check_language(settings: Mapping[str, Any]) -> None:
    """Check the language is one Babel knows, and the date format one it can write.

    A language without a catalog is no error: its strings are English, and a
    warning (once per build, as this runs once per build) says how to add one.
    """
    chosen = settings.get("SCHOLAR_LANGUAGE")
    if chosen and not i18n.babel_knows(chosen):
        fail("SCHOLAR_LANGUAGE", "None or a language code such as en or fr", chosen)
    default = settings.get("DEFAULT_LANG") or "en"
    if not chosen and not i18n.babel_knows(default):
        # Pelican takes any text as DEFAULT_LANG: no reason to stop the build.
        logger.warning(
            "DEFAULT_LANG %r is not a language code Babel knows (such as en, fr"
            " or ja): the theme writes its strings and dates in English; set"
            " SCHOLAR_LANGUAGE to choose their language",
            default,
        )
    language = i18n.string_language(settings)
    date_format = settings["SCHOLAR_DATE_FORMAT"]
    if date_format is not None:
        try:
            format_date(date(2026, 1, 2), format=date_format, locale="en")
        except (ValueError, TypeError, AttributeError):
            fail(
                "SCHOLAR_DATE_FORMAT",
                "None, short, medium, long, full or a CLDR pattern",
                date_format,
            )
    directory = i18n.translations_dir(settings)
    if i18n.missing_catalog(directory, language):
        logger.warning("%s", i18n.missing_catalog_message(directory, language))


def _is_folder_name(value: object) -> bool:
    """Tell whether ``value`` names a folder inside the content folder."""
    if not isinstance(value, str) or not value.strip("/"):
        return False
    parts = value.strip("/").split("/")
    return all(part not in {"", ".", ".."} for part in parts)


def _check_collections(settings: Mapping[str, Any]) -> None:
    """Check the collection folders, URL patterns and publication headings."""
    folders = settings["SCHOLAR_COLLECTIONS"]
    if not isinstance(folders, list | tuple) or not all(
        _is_folder_name(folder) for folder in folders
    ):
        fail(
            "SCHOLAR_COLLECTIONS",
            "a list of folder names inside the content folder",
            folders,
        )
    if len({folder.strip("/") for folder in folders}) != len(folders):
        fail("SCHOLAR_COLLECTIONS", "a list without repeated folders", folders)
    for name, fields in COLLECTION_PATTERNS.items():
        pattern = settings[name]
        sample: dict[str, object] = dict.fromkeys(fields, "x")
        if "date" in sample:
            sample["date"] = datetime(2026, 1, 2)  # {date:%Y} as Pelican allows
        try:
            expanded = pattern.format(**sample) if isinstance(pattern, str) else None
        except (KeyError, IndexError, ValueError, AttributeError):
            expanded = None
        if expanded is None or (name.endswith("_SAVE_AS") and not expanded):
            names = ", ".join(f"{{{field}}}" for field in fields)
            fail(name, f"a text that may name {names}", pattern)
    headings = settings["SCHOLAR_PUBLICATION_CATEGORIES"]
    if headings is not None and not (
        isinstance(headings, dict)
        and all(
            isinstance(key, str) and isinstance(value, str)
            for key, value in headings.items()
        )
    ):
        fail(
            "SCHOLAR_PUBLICATION_CATEGORIES",
            "None or a mapping of category keys to headings (texts)",
            headings,
        )


def _check_listings(settings: Mapping[str, Any]) -> None:
    """Check the per-collection listing addresses: a path, or None for none."""
    listings = settings["SCHOLAR_COLLECTION_LISTINGS"]
    if not isinstance(listings, dict) or not all(
        isinstance(name, str)
        and (where is None or (isinstance(where, str) and where.strip("/")))
        for name, where in listings.items()
    ):
        fail(
            "SCHOLAR_COLLECTION_LISTINGS",
            "a mapping of collection folders to a URL path (or None: no listing)",
            listings,
        )


def _check_titles(settings: Mapping[str, Any]) -> None:
    """Check the collections' own titles: folder names to texts."""
    titles = settings["SCHOLAR_COLLECTION_TITLES"]
    if not isinstance(titles, dict) or not all(
        isinstance(name, str) and isinstance(title, str) and title.strip()
        for name, title in titles.items()
    ):
        fail(
            "SCHOLAR_COLLECTION_TITLES",
            "a mapping of collection folders to titles (texts)",
            titles,
        )


def _check_redirects(settings: Mapping[str, Any]) -> None:
    """Check the site's own redirects: old URL paths to targets, all texts."""
    redirects = settings["SCHOLAR_REDIRECTS"]
    if not isinstance(redirects, dict) or not all(
        isinstance(path, str) and path.strip("/") and isinstance(target, str)
        for path, target in redirects.items()
    ):
        fail(
            "SCHOLAR_REDIRECTS",
            "a mapping of old URL paths to new addresses (texts)",
            redirects,
        )


def _is_text_list(value: object) -> bool:
    """Tell whether ``value`` is a list or tuple of non-empty texts."""
    return isinstance(value, list | tuple) and all(
        isinstance(item, str) and item.strip() for item in value
    )


def _check_bibliography(settings: Mapping[str, Any]) -> None:
    """Check the bibliography files, the citation style and the owner's names."""
    for name in ("SCHOLAR_BIBLIOGRAPHY", "SCHOLAR_REFERENCES"):
        patterns = settings[name]
        if not (isinstance(patterns, str) and patterns.strip()) and not (
            isinstance(patterns, list | tuple) and _is_text_list(patterns)
        ):
            fail(
                name,
                "a file pattern inside the content folder, or a list of them",
                patterns,
            )
    if settings["SCHOLAR_CITATION_STYLE"] not in STYLES:
        fail(
            "SCHOLAR_CITATION_STYLE",
            f"one of {', '.join(STYLES)}",
            settings["SCHOLAR_CITATION_STYLE"],
        )
    group_by = settings["SCHOLAR_PUBLICATIONS_GROUP_BY"]
    if group_by is not None and group_by not in GROUPINGS:
        fail(
            "SCHOLAR_PUBLICATIONS_GROUP_BY",
            f"None or one of {', '.join(map(repr, GROUPINGS))}",
            group_by,
        )
    if not isinstance(settings["SCHOLAR_BIBLIOGRAPHY_FILES"], str):
        fail(
            "SCHOLAR_BIBLIOGRAPHY_FILES",
            "a folder path of the site (text)",
            settings["SCHOLAR_BIBLIOGRAPHY_FILES"],
        )
    names = settings["SCHOLAR_OWNER_NAMES"]
    if names is not None and not _is_text_list(names):
        fail("SCHOLAR_OWNER_NAMES", "None or a list of names (texts)", names)


def validate(settings: Mapping[str, Any]) -> None:
    """Raise :class:`ScholarSettingsError` naming the first invalid setting."""
    _check_kinds(settings)
    _check_bibliography(settings)
    _check_choices(settings)
    _check_collections(settings)
    _check_listings(settings)
    _check_redirects(settings)
    _check_titles(settings)
    _check_language(settings)
