"""Settings of the scholar plugin: their defaults and their validation.

Every setting is optional; a site sets only what it wants to change.

Reading time:

``READTIME_WPM`` (int, default ``200``)
    Words read per minute. Reading time is ``words // READTIME_WPM`` minutes;
    under one minute reads "less than 1 minute" (the Minimal Mistakes rule).
``READTIME_CJK_PER_MINUTE`` (int, default ``500``)
    Han, Hiragana and Katakana characters read per minute.
``READTIME_COUNT_CODE`` (bool, default ``True``)
    Whether code in ``<pre>`` blocks counts.

Summaries and descriptions:

``SCHOLAR_SUMMARY_MARKER`` (str, default ``"more"``)
    Text of the HTML comment that ends a summary, ``<!-- more -->``.
    Pelican's ``<!-- PELICAN_END_SUMMARY -->`` is always honoured too.
``SCHOLAR_SUMMARY_FIRST_PARAGRAPH`` (bool, default ``True``)
    Without ``Summary:`` or a marker, take the first paragraph holding text
    (Pelican's ``SUMMARY_MAX_PARAGRAPHS`` paragraphs, when set), cut to
    ``SUMMARY_MAX_LENGTH`` words. When false, cut the whole post.
``SCHOLAR_SUMMARY_DROP_IMAGES`` (bool, default ``True``)
    Leave images, figures and embedded media (iframe, video, audio, embed,
    object) out of summaries.
``SCHOLAR_SUMMARY_DROP_FOOTNOTE_REFS`` (bool, default ``True``)
    Leave footnote references out of summaries.
``SCHOLAR_DESCRIPTION_LENGTH`` (int, default ``160``)
    Longest plain-text ``description`` in characters, "…" included.

Theme support:

``SCHOLAR_ESCAPE_TITLES`` (bool, default ``True``)
    Treat Markdown ``Title:`` metadata as plain text: ``<``, ``>`` and bare
    ``&`` are escaped as the post is read (Pelican would insert them as HTML).

``SCHOLAR_TOC`` (bool, default ``True``)
    Whether the theme shows a table of contents on posts with two headings
    or more (and none of their own). A post's ``toc`` metadata overrides it.

``SCHOLAR_RELATED_POSTS`` (int, default ``3``)
    How many related posts (most shared tags) each article lists; ``0`` none.
``SCHOLAR_PYGMENTS_LIGHT`` / ``SCHOLAR_PYGMENTS_DARK`` (str, defaults
``"xcode"`` / ``"lightbulb"``)
    Pygments styles for code in the light and dark schemes, written to
    ``theme/css/pygments.css``. The defaults are the styles whose every token
    colour reaches WCAG AA contrast (4.5:1) on their background.

``SCHOLAR_SEARCH`` (bool, default ``False``)
    Build a Pagefind search index into ``OUTPUT_PATH/pagefind`` at the end of
    every build (needs ``pip install "pagefind[bin]"``), for the theme's
    search page. Articles and pages are indexed, listings are not. With the
    content cache on, an index whose inputs did not change is kept
    (:mod:`.search_index`).

Language (the rules are in :mod:`.i18n`):

``SCHOLAR_LANGUAGE`` (str, default ``None``: ``DEFAULT_LANG``)
    The language of the theme's strings, and of the dates of posts in the
    site's language. A language without a catalog gets English strings and
    one warning per build saying how to add a catalog.
``SCHOLAR_DATE_FORMAT`` (str or ``None``, default ``None``)
    How the theme writes dates, through Babel, in each post's language:
    ``short``, ``medium``, ``long`` ("March 17, 2026"), ``full``, or a CLDR
    pattern (``"d MMM y"``). ``None``: the site's own format when it has one
    (a post's ``date_format``, ``DATE_FORMATS[lang]``, or a
    ``DEFAULT_DATE_FORMAT`` other than Pelican's), written by Pelican under
    ``LOCALE``; else Babel's ``long``.

Tags:

``SCHOLAR_TAG_ORDER`` (str, default ``"codepoint"``)
    Order of the sections of the Posts by Tags page: ``"codepoint"`` (by tag
    name, uppercase before lowercase), ``"casefold"`` (case-insensitive) or
    ``"count"`` (most posts first, then by code point).

Speed (the output is the same either way):

``SCHOLAR_PARALLEL_READING`` (``"auto"``, ``True`` or ``False``; default ``"auto"``)
    Read, typogrify and measure content files in forked worker processes
    before Pelican's own sequential pass (:mod:`.parallel`). ``"auto"`` and
    ``True`` use one process per available core, when the system can fork
    and there are at least four files to read; ``False`` reads sequentially.
``SCHOLAR_PARALLEL_PROCESSES`` (int or ``None``, default ``None``)
    How many worker processes; ``None`` is one per available core.

``SCHOLAR_INCREMENTAL_WRITES`` (bool, default ``True``)
    With Pelican's content cache on, render only the pages whose inputs
    changed since the last build and reuse the others' files
    (:mod:`.incremental`).
``SCHOLAR_PREVIOUS_OUTPUT`` (str or ``None``, default ``None``: ``OUTPUT_PATH``)
    Where the last build's files are, when a build writes into a fresh
    folder (``invoke build`` does).

With Pelican's ``CACHE_CONTENT`` on, the plugin also keeps typogrify's output
and the facts it derives from each body (word count, summary, headings) in
``CACHE_PATH/scholar-memo.pickle``; with ``LOAD_CONTENT_CACHE`` on, the next
build reuses them, so a cached rebuild no longer pays typogrify again.

Posts by Tags for big blogs:

``SCHOLAR_TAGS_PAGE_EXCERPTS`` (int, default ``300``)
    The most entries (a post counts once per tag) the Posts by Tags page
    shows as full items with excerpts. Past it, the page is compact
    (template variable ``tags_page_compact``): one line per post (title,
    reading time, date) and a link to each tag's own page, which carries the
    full items. At 1,000 posts with 3-4 tags each, full items would weigh
    several megabytes.
``SCHOLAR_TAGS_PAGE_COMPACT_POSTS`` (int or ``None``, default ``20``)
    On a compact page, the newest posts listed per tag; ``None`` lists all.

Core settings (``SUMMARY_MAX_LENGTH``, ``SUMMARY_MAX_PARAGRAPHS``,
``SUMMARY_END_SUFFIX``) are read, never redefined here.
"""

from __future__ import annotations

import importlib.util
import logging
from datetime import date
from typing import TYPE_CHECKING, Any, Final

from babel.dates import format_date

from . import i18n

if TYPE_CHECKING:
    from collections.abc import Mapping, MutableMapping

logger = logging.getLogger(__name__)

TAG_ORDERS: Final = ("codepoint", "casefold", "count")

DEFAULTS: Final[Mapping[str, Any]] = {
    "READTIME_WPM": 200,
    "READTIME_CJK_PER_MINUTE": 500,
    "READTIME_COUNT_CODE": True,
    "SCHOLAR_SUMMARY_MARKER": "more",
    "SCHOLAR_SUMMARY_FIRST_PARAGRAPH": True,
    "SCHOLAR_SUMMARY_DROP_IMAGES": True,
    "SCHOLAR_SUMMARY_DROP_FOOTNOTE_REFS": True,
    "SCHOLAR_DESCRIPTION_LENGTH": 160,
    "SCHOLAR_TAG_ORDER": "codepoint",
    "SCHOLAR_ESCAPE_TITLES": True,
    "SCHOLAR_RELATED_POSTS": 3,
    "SCHOLAR_TOC": True,
    "SCHOLAR_SEARCH": False,
    "SCHOLAR_LANGUAGE": None,
    "SCHOLAR_DATE_FORMAT": None,
    "SCHOLAR_PYGMENTS_LIGHT": "xcode",
    "SCHOLAR_PYGMENTS_DARK": "lightbulb",
    "SCHOLAR_PARALLEL_READING": "auto",
    "SCHOLAR_PARALLEL_PROCESSES": None,
    "SCHOLAR_INCREMENTAL_WRITES": True,
    "SCHOLAR_PREVIOUS_OUTPUT": None,
    "SCHOLAR_TAGS_PAGE_EXCERPTS": 300,
    "SCHOLAR_TAGS_PAGE_COMPACT_POSTS": 20,
}

_POSITIVE_INTEGERS: Final = (
    "READTIME_WPM",
    "READTIME_CJK_PER_MINUTE",
    "SCHOLAR_DESCRIPTION_LENGTH",
)
_BOOLEANS: Final = (
    "READTIME_COUNT_CODE",
    "SCHOLAR_SUMMARY_FIRST_PARAGRAPH",
    "SCHOLAR_SUMMARY_DROP_IMAGES",
    "SCHOLAR_SUMMARY_DROP_FOOTNOTE_REFS",
    "SCHOLAR_ESCAPE_TITLES",
    "SCHOLAR_TOC",
    "SCHOLAR_SEARCH",
    "SCHOLAR_INCREMENTAL_WRITES",
)


def _pygments_styles() -> frozenset[str]:
    from pygments.styles import get_all_styles  # noqa: PLC0415 - only when validating

    return frozenset(get_all_styles())


class ScholarSettingsError(ValueError):
    """A setting has a value the plugin cannot use."""


def apply_defaults(settings: MutableMapping[str, Any]) -> None:
    """Fill in every setting the site left unset with its default."""
    for name, default in DEFAULTS.items():
        settings.setdefault(name, default)


def is_positive_integer(value: object) -> bool:
    """Tell whether ``value`` is an ``int`` (not a ``bool``) above zero."""
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _fail(name: str, expected: str, value: object) -> None:
    msg = f"{name} must be {expected}, not {value!r}"
    raise ScholarSettingsError(msg)


def _is_whole_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _check_kinds(settings: Mapping[str, Any]) -> None:
    """Check the positive integers, booleans and whole numbers."""
    for name in _POSITIVE_INTEGERS:
        if not is_positive_integer(settings[name]):
            _fail(name, "a positive integer", settings[name])
    for name in _BOOLEANS:
        if not isinstance(settings[name], bool):
            _fail(name, "True or False", settings[name])
    if not _is_whole_number(settings["SCHOLAR_RELATED_POSTS"]):
        _fail(
            "SCHOLAR_RELATED_POSTS",
            "a whole number of at least 0",
            settings["SCHOLAR_RELATED_POSTS"],
        )
    if settings["SCHOLAR_PARALLEL_READING"] not in ("auto", True, False):
        _fail(
            "SCHOLAR_PARALLEL_READING",
            '"auto", True or False',
            settings["SCHOLAR_PARALLEL_READING"],
        )
    for name in ("SCHOLAR_PARALLEL_PROCESSES", "SCHOLAR_TAGS_PAGE_COMPACT_POSTS"):
        value = settings[name]
        if value is not None and not is_positive_integer(value):
            _fail(name, "None or a positive integer", value)
    if not _is_whole_number(settings["SCHOLAR_TAGS_PAGE_EXCERPTS"]):
        _fail(
            "SCHOLAR_TAGS_PAGE_EXCERPTS",
            "a whole number of at least 0",
            settings["SCHOLAR_TAGS_PAGE_EXCERPTS"],
        )
    # Core settings the plugin relies on: a clear message beats a traceback.
    for name in ("SUMMARY_MAX_LENGTH", "SUMMARY_MAX_PARAGRAPHS"):
        value = settings.get(name)
        if value is not None and not _is_whole_number(value):
            _fail(name, "None or a non-negative integer", value)


def _check_choices(settings: Mapping[str, Any]) -> None:
    """Check the marker, styles, tag order and the tools the plugin must find."""
    marker = settings["SCHOLAR_SUMMARY_MARKER"]
    if not isinstance(marker, str) or not marker.strip() or "--" in marker:
        _fail(
            "SCHOLAR_SUMMARY_MARKER",
            "the non-empty text of an HTML comment (without '--')",
            marker,
        )
    for name in ("SCHOLAR_PYGMENTS_LIGHT", "SCHOLAR_PYGMENTS_DARK"):
        if settings[name] not in _pygments_styles():
            _fail(name, "the name of an installed Pygments style", settings[name])
    if settings["SCHOLAR_TAG_ORDER"] not in TAG_ORDERS:
        _fail(
            "SCHOLAR_TAG_ORDER",
            f"one of {', '.join(TAG_ORDERS)}",
            settings["SCHOLAR_TAG_ORDER"],
        )
    if settings["SCHOLAR_SEARCH"] and importlib.util.find_spec("pagefind") is None:
        _fail(
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
        _fail("SCHOLAR_LANGUAGE", "None or a language code such as en or fr", chosen)
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
            _fail(
                "SCHOLAR_DATE_FORMAT",
                "None, short, medium, long, full or a CLDR pattern",
                date_format,
            )
    directory = i18n.translations_dir(settings)
    if i18n.missing_catalog(directory, language):
        logger.warning("%s", i18n.missing_catalog_message(directory, language))


def validate(settings: Mapping[str, Any]) -> None:
    """Raise :class:`ScholarSettingsError` naming the first invalid setting."""
    _check_kinds(settings)
    _check_choices(settings)
    _check_language(settings)
