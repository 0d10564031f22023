"""Hatch build hook: compile the theme's ``.po`` catalogs into ``.mo`` files.

The ``.po`` files are the sources and the only catalogs kept in git (``*.mo``
is ignored). Each wheel gets a ``messages.mo`` beside every ``messages.po``,
written here before the theme is copied in, so gettext users such as
i18n_subsites find them (``THEME/translations/<lang>/LC_MESSAGES``). The file
is written beside its ``.po``, in the tree being built (an unpacked sdist, or
the checkout, as ``make setup`` does), so the theme folder the wheel copies
holds one fresh ``.mo`` per catalog and no stale one. Fuzzy entries are left
out, as ``pybabel compile`` leaves them out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def compile_catalogs(translations: Path) -> list[Path]:
    """Write ``messages.mo`` beside every ``<lang>/LC_MESSAGES/messages.po``."""
    written = []
    for po_path in sorted(translations.glob("*/LC_MESSAGES/messages.po")):
        with po_path.open("rb") as source:
            catalog = read_po(source, locale=po_path.parents[1].name)
        mo_path = po_path.with_suffix(".mo")
        with mo_path.open("wb") as target:
            write_mo(target, catalog)
        written.append(mo_path)
    return written


class CatalogBuildHook(BuildHookInterface):
    """Compile the catalogs before hatch copies the theme into the wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile every catalog of ``theme/translations``."""
        translations = Path(self.root) / "theme" / "translations"
        if not compile_catalogs(translations):
            msg = f"no catalogs to compile in {translations}"
            raise FileNotFoundError(msg)
