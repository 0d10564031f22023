"""Heading ids as Jekyll's kramdown writes them, for Python-Markdown's ``toc``.

A moved post keeps its address; links to its sections (``/post/#some-section``,
from other sites or from the post itself) keep working only if each heading
keeps its ``id``. kramdown's GFM parser (Jekyll's default input) lowercases
the text, drops every character but letters, digits, ``_``, ``-`` and spaces,
and turns each space into a hyphen; kramdown's own parser also drops
everything up to the first ASCII letter and keeps ASCII only. Pass
:func:`gfm_heading_id` (or :func:`kramdown_heading_id`) as the ``slugify`` of
``markdown.extensions.toc`` in ``MARKDOWN``; the academicpages import does.
A heading that gives no id at all gets ``section``, as an empty ``id`` is not
valid HTML (kramdown would leave it without one).
"""

from __future__ import annotations

import re
from typing import Final

_NOT_GFM: Final = re.compile(r"[^\w\- ]")
_BEFORE_LETTER: Final = re.compile(r"^[^a-zA-Z]+")
_NOT_KRAMDOWN: Final = re.compile(r"[^a-zA-Z0-9 -]")
EMPTY: Final = "section"


def gfm_heading_id(value: str, separator: str = "-") -> str:
    """Return the ``id`` kramdown's GFM parser gives a heading's text."""
    found = _NOT_GFM.sub("", value.lower()).replace(" ", "-")
    return found or EMPTY


def kramdown_heading_id(value: str, separator: str = "-") -> str:
    """Return the ``id`` kramdown's own parser gives a heading's text."""
    text = _NOT_KRAMDOWN.sub("", _BEFORE_LETTER.sub("", value))
    return text.replace(" ", "-").lower() or EMPTY
