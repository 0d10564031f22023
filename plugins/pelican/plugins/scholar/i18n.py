"""The theme's translations and localized dates.

Provides :func:`load_translations`: the theme's catalog for a language, read
from ``translations/<language>/LC_MESSAGES/messages.po`` (no compiled ``.mo``
files to keep in step), or untranslated strings for English and for languages
without a catalog; and :func:`localized_date`, a date written the way the
language writes it (Babel, so no system locale is needed). The plugin installs
both into every template environment: ``_``, ``gettext`` and ``ngettext``
(Jinja's i18n extension, new style: ``_("Page %(n)s", n=2)``), and the
``localdate`` filter.
"""

from __future__ import annotations

import gettext
from io import BytesIO
from typing import TYPE_CHECKING

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path


def catalog_path(translations_dir: Path, language: str) -> Path | None:
    """Return the ``.po`` file for ``language`` (``fr_CA`` falls back to ``fr``)."""
    for code in (
        language,
        language.split("_", maxsplit=1)[0].split("-", maxsplit=1)[0],
    ):
        candidate = translations_dir / code / "LC_MESSAGES" / "messages.po"
        if candidate.is_file():
            return candidate
    return None


def load_translations(
    translations_dir: Path, language: str
) -> gettext.NullTranslations:
    """Return the translations for ``language``; untranslated if there are none."""
    path = catalog_path(translations_dir, language)
    if path is None:
        return gettext.NullTranslations()
    with path.open("rb") as source:
        catalog = read_po(source, locale=language.replace("-", "_"))
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(fp=compiled)


def localized_date(value: date, language: str, date_format: str = "long") -> str:
    """Write ``value`` as ``language`` does ("long": "March 17, 2026", "17 mars 2026").

    ``date_format`` is ``short``, ``medium``, ``long``, ``full`` or a CLDR
    pattern such as ``"d MMM y"``.
    """
    return format_date(value, format=date_format, locale=language.replace("-", "_"))
