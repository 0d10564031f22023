"""A stand-in for gettext when the site has not enabled Jinja's i18n extension.

The theme passes every visible string through ``_()`` with named placeholders,
``_("%(minutes)s minute read", minutes=5)``, the form of Jinja's "new style"
gettext. :func:`untranslated` gives the same call the same result, untranslated,
so the theme renders without the extension.
"""

from __future__ import annotations


def untranslated(message: str, **variables: object) -> str:
    """Return ``message`` with its ``%(name)s`` placeholders filled in."""
    return message % variables if variables else message
