"""Titles written as plain text, made safe for HTML before anything renders them.

Pelican passes a Markdown ``Title:`` through as HTML, so ``Title: Why x < y``
or ``Title: <angle>`` puts a tag into every page that shows it. Provides
:func:`escape_plain_text` (``<``, ``>`` and bare ``&`` escaped; entity
references such as ``&amp;`` or ``&#8217;`` kept) and
:func:`title_escaping_reader`, a subclass of a reader class whose titles are
escaped as they are read, before typogrify adds its own markup.
(``SCHOLAR_ESCAPE_TITLES = False`` keeps Pelican's behaviour, for sites that
write HTML in titles on purpose.)
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, Final

_BARE_AMPERSAND_RE: Final = re.compile(
    r"&(?!#\d+;|#[xX][0-9a-fA-F]+;|[a-zA-Z][a-zA-Z0-9]*;)"
)


def escape_plain_text(text: str) -> str:
    """Escape ``<``, ``>`` and bare ``&``, keeping entity references as written."""
    text = _BARE_AMPERSAND_RE.sub("&amp;", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


@cache
def title_escaping_reader(reader_class: type) -> type:
    """Return a subclass of ``reader_class`` whose ``read`` escapes titles."""

    def read(self: Any, source_path: str) -> tuple[str, dict[str, Any]]:
        content, metadata = super(subclass, self).read(source_path)
        title = metadata.get("title")
        if isinstance(title, str):
            metadata["title"] = escape_plain_text(title)
        return content, metadata

    subclass = type(
        f"TitleEscaping{reader_class.__name__}", (reader_class,), {"read": read}
    )
    return subclass
