"""The theme's translations and dates: which language, which catalog, which format.

Strings. :func:`string_language` is the language of the theme's strings
(``SCHOLAR_LANGUAGE``, else ``DEFAULT_LANG``, else English);
:func:`load_translations` reads its catalog from
``translations/<language>/LC_MESSAGES/messages.po`` (the ``.po`` itself, so a
checkout needs no compiled files), or returns untranslated (English) strings.
:func:`missing_catalog` tells when a language other than English has no
catalog; :func:`missing_catalog_message` says how to add one. The plugin
installs the strings into every template environment as ``_``, ``gettext``
and ``ngettext`` (Jinja's i18n extension, new style: ``_("Page %(n)s", n=2)``).

The wheel also ships ``messages.mo`` beside each ``.po`` (compiled by
``hatch_build.py``; in a checkout by ``make setup``), for plugins that install
gettext catalogs themselves, such as i18n_subsites.

Dates. :func:`write_date` is the one rule, used by the ``localdate`` filter:

1. ``SCHOLAR_DATE_FORMAT`` set: Babel, in that format, in the post's language;
2. else the site's own format, when it has one: a post's ``date_format``
   metadata, ``DATE_FORMATS[lang]`` (a string or a ``(locale, format)``
   tuple) or a ``DEFAULT_DATE_FORMAT`` other than Pelican's default. The text
   is Pelican's own ``locale_date`` / ``locale_modified`` (``strftime`` under
   ``LOCALE``), as Pelican's themes show it;
3. else Babel's ``long`` format in the post's language ("March 7, 2026",
   "7 mars 2026"), with no system locale needed.

A post's language is its ``lang`` when it differs from ``DEFAULT_LANG``, else
:func:`string_language`.

Archive periods. :func:`write_period` names a period of Pelican's archives
(its ``period_num``: ``(2026,)``, ``(2026, 3)``, ``(2026, 3, 17)``) as
"2026", "March 2026", "March 17, 2026" in the site's language (the
``archive_period`` filter); :func:`write_month` names a month alone, for a
heading: "March", "Mars" (the ``month_name`` filter).

Languages. :func:`language_name` names a language in itself ("Français"),
for links to translations (the ``language_name`` filter).
"""

from __future__ import annotations

import contextlib
import functools
import gettext
import logging
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from pelican.settings import DEFAULT_CONFIG

from .theme_location import theme_path

if TYPE_CHECKING:
    from collections.abc import Mapping

logger = logging.getLogger(__name__)

#: Pelican's own ``DEFAULT_DATE_FORMAT``: a site that kept it chose no format.
PELICAN_DEFAULT_DATE_FORMAT: str = DEFAULT_CONFIG["DEFAULT_DATE_FORMAT"]
#: The Babel format when neither the theme's nor the site's is set.
BABEL_DEFAULT_FORMAT = "long"
#: How to make a catalog for a new language, with ``{lang}`` and ``{dir}``.
NEW_CATALOG_HELP = (
    "pybabel init -i {dir}/messages.pot -d {dir} -l {lang}, translate"
    " {dir}/{lang}/LC_MESSAGES/messages.po, then"
    " pybabel compile -d {dir} -l {lang}"
)


@functools.lru_cache(maxsize=64)
def babel_knows(language: str) -> bool:
    """Tell whether Babel has data for ``language`` (``fr``, ``pt-BR``; not ``jp``)."""
    try:
        Locale.parse(language.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return False
    return True


def string_language(settings: Mapping[str, Any]) -> str:
    """Return the language of the theme's strings (and of undated-language dates).

    ``SCHOLAR_LANGUAGE`` (validated at start-up), else ``DEFAULT_LANG`` when
    Babel knows it (Pelican accepts any text there, such as ``jp``), else
    English.
    """
    if settings.get("SCHOLAR_LANGUAGE"):
        return settings["SCHOLAR_LANGUAGE"]
    default = settings.get("DEFAULT_LANG") or "en"
    return default if babel_knows(default) else "en"


def is_english(language: str) -> bool:
    """Tell whether ``language`` is English (``en``, ``en_GB``, ``en-US``)."""
    return _base_language(language) == "en"


def _base_language(language: str) -> str:
    return language.replace("-", "_").split("_", maxsplit=1)[0].lower()


def translations_dir(settings: Mapping[str, Any]) -> Path:
    """Return the catalogs' folder: the site's ``THEME``'s, else the bundled one."""
    candidates = [Path(theme_path()) / "translations"]
    if settings.get("THEME"):
        candidates.insert(0, Path(settings["THEME"]) / "translations")
    return next((d for d in candidates if d.is_dir()), candidates[-1])


def catalog_path(directory: Path, language: str) -> Path | None:
    """Return the ``.po`` file for ``language`` (``fr_CA`` falls back to ``fr``)."""
    codes = [language, language.replace("-", "_")]
    with contextlib.suppress(ValueError, UnknownLocaleError):
        codes.append(str(Locale.parse(language.replace("-", "_"))))
    codes.append(_base_language(language))
    for code in codes:
        candidate = directory / code / "LC_MESSAGES" / "messages.po"
        if candidate.is_file():
            return candidate
    return None


def missing_catalog(directory: Path, language: str) -> bool:
    """Tell whether strings in ``language`` would fall back to English."""
    return not is_english(language) and catalog_path(directory, language) is None


def missing_catalog_message(directory: Path, language: str) -> str:
    """Say that ``language`` has no catalog, and how to add one."""
    commands = NEW_CATALOG_HELP.format(lang=language.replace("-", "_"), dir=directory)
    return (
        f"The theme has no translations for language '{language}'"
        f" (SCHOLAR_LANGUAGE or DEFAULT_LANG): its strings will be in English."
        f" To add them, in {directory} (a checkout of pelican-scholar, or a copy"
        f" of its theme set as THEME): {commands}"
    )


def load_translations(directory: Path, language: str) -> gettext.NullTranslations:
    """Return the translations for ``language``; untranslated if there are none."""
    path = catalog_path(directory, language)
    if path is None:
        return gettext.NullTranslations()
    with path.open("rb") as source:
        catalog = read_po(source, locale=path.parents[1].name)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(fp=compiled)


@functools.lru_cache(maxsize=4096)
def localized_date(
    value: date, language: str, date_format: str = BABEL_DEFAULT_FORMAT
) -> str:
    """Write ``value`` as ``language`` does ("long": "March 17, 2026", "17 mars 2026").

    ``date_format`` is ``short``, ``medium``, ``long``, ``full`` or a CLDR
    pattern such as ``"d MMM y"``. Memoised: a post's date is written on
    every listing that shows it, and Babel takes about 0.1 ms a date.
    """
    return format_date(value, format=date_format, locale=language.replace("-", "_"))


def site_date_format(settings: Mapping[str, Any], language: str) -> str | None:
    """Return the site's own ``strftime`` format for ``language``, if it has one.

    ``None`` when ``SCHOLAR_DATE_FORMAT`` is set (the theme's format wins) or
    when the site kept Pelican's default format and has no ``DATE_FORMATS``
    entry for ``language``. Of a ``(locale, format)`` tuple, the format.
    """
    if settings.get("SCHOLAR_DATE_FORMAT") is not None:
        return None
    by_language = settings.get("DATE_FORMATS") or {}
    own = by_language.get(language, settings.get("DEFAULT_DATE_FORMAT"))
    if isinstance(own, tuple):
        own = own[1]
    if language not in by_language and own == PELICAN_DEFAULT_DATE_FORMAT:
        return None
    return own or None


def date_language(content: Any, settings: Mapping[str, Any]) -> str:
    """Return the language ``content``'s dates are written in (its own ``lang``).

    A ``lang`` Babel does not know falls back to the site's, with a warning.
    """
    site = string_language(settings)
    lang = getattr(content, "lang", None)
    if not lang or getattr(content, "in_default_lang", True):
        return site
    if not babel_knows(lang):
        logger.warning(
            "%s: metadata 'lang' %r is not a language code Babel knows;"
            " writing its dates in '%s'",
            getattr(content, "relative_source_path", "?"),
            lang,
            site,
        )
        return site
    return lang


def write_date(
    value: Any, attribute: str = "date", *, settings: Mapping[str, Any]
) -> str:
    """Write a date the way the site wants it (the rule in the module docstring).

    ``value`` is an article or page, whose ``attribute`` (``"date"`` or
    ``"modified"``) is written, or a plain date, written in the site's language.
    """
    if isinstance(value, date):
        own = site_date_format(settings, string_language(settings))
        if own is not None:
            return value.strftime(own)
        return localized_date(
            value,
            string_language(settings),
            settings.get("SCHOLAR_DATE_FORMAT") or BABEL_DEFAULT_FORMAT,
        )
    language = date_language(value, settings)
    has_own = "date_format" in getattr(value, "metadata", {}) or (
        site_date_format(settings, getattr(value, "lang", language)) is not None
    )
    if has_own and settings.get("SCHOLAR_DATE_FORMAT") is None:
        # Pelican's text for this very format, locale and time zone.
        return getattr(value, f"locale_{attribute}")
    return localized_date(
        getattr(value, attribute),
        language,
        settings.get("SCHOLAR_DATE_FORMAT") or BABEL_DEFAULT_FORMAT,
    )


@functools.lru_cache(maxsize=1024)
def period_text(period: tuple[int, ...], language: str) -> str:
    """Name an archive period in ``language`` (see the module docstring).

    ``(year,)``, ``(year, month)`` or ``(year, month, day)``, as in running
    text ("mars 2026": lowercase where the language writes months so).
    Anything else is joined with spaces, as Pelican's own ``period`` is.
    """
    locale = language.replace("-", "_")
    match tuple(period):
        case (int() as year,):
            return str(year)
        case (int() as year, int() as month):
            return format_skeleton("yMMMM", date(year, month, 1), locale=locale)
        case (int() as year, int() as month, int() as day):
            return localized_date(date(year, month, day), language)
    return " ".join(str(part) for part in period)


@functools.lru_cache(maxsize=256)
def month_text(month: int, language: str) -> str:
    """Name ``month`` (1 to 12) alone in ``language``, for a heading ("Mars")."""
    name = format_date(date(2000, month, 1), "LLLL", locale=language.replace("-", "_"))
    return name[:1].upper() + name[1:]


def write_period(period: Any, *, settings: Mapping[str, Any]) -> str:
    """Name Pelican's ``period_num`` in the site's language (``archive_period``)."""
    return period_text(tuple(period), string_language(settings))


def write_month(month: int, *, settings: Mapping[str, Any]) -> str:
    """Name a month number in the site's language (the ``month_name`` filter)."""
    return month_text(int(month), string_language(settings))


def language_name(code: object) -> str:
    """Return the name of language ``code`` in that language ("fr": "Français").

    A code Babel does not know is returned as it is.
    """
    text = str(code)
    if not babel_knows(text):
        return text
    locale = Locale.parse(text.replace("-", "_"))
    name = locale.get_display_name(locale) or text
    return name[:1].upper() + name[1:]
