"""The blocks of a post that may be wider than the page, marked as regions.

A highlighted code block, a display formula or a table scrolls sideways
inside itself on a narrow screen. A keyboard reaches it only if it can take
focus, and a screen reader names it only if it has a label: WCAG 2.1.1,
axe's ``scrollable-region-focusable``. :func:`mark_blocks` finds these blocks
in rendered HTML and hands each to the theme, which wraps it (the macros of
``partials/content_blocks.html``, through the ``content_blocks`` filter): a
code block with its language label and copy button, every block as a
focusable, labelled region.

:func:`code_language` reads the language :mod:`.code_languages` wrote on a
code block; :func:`has_highlighted_code` tells whether a page needs the
highlighting stylesheet.

Like :mod:`.htmltokens`, it expects the well-formed HTML readers emit.
Elements already marked (a ``role`` on the code block, a ``scroll-region``
class around the others) are left as they are, so marking is idempotent.
"""

from __future__ import annotations

import html as html_entities
import re
from typing import TYPE_CHECKING, Final, Protocol

from markupsafe import Markup

from .htmltokens import class_names, element_end, is_math_start, next_start_tag

if TYPE_CHECKING:
    from collections.abc import Callable

#: The class of Pygments' block (Pelican's codehilite setting and its
#: reStructuredText directive both write it).
CODE_CLASS: Final = "highlight"
#: The class of a wrapper the theme put around a table or formula.
REGION_CLASS: Final = "scroll-region"

_CANDIDATES: Final = ("div", "table", "math", "span", "figure")
_LANG_RE: Final = re.compile(r"""\sdata-lang\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ROLE_RE: Final = re.compile(r"\srole\s*=")
_DISPLAY_RE: Final = re.compile(r"""\bdisplay\s*=\s*["']?block\b""")
_DISPLAY_CHILD_RE: Final = re.compile(
    r"""\s*<math\b[^>]*\bdisplay\s*=\s*["']?block\b"""
)
_QUICK_RE: Final = re.compile(
    r"<(?:table|math|figure)\b|\bclass=[^>]*\b(?:highlight|katex)"
)
#: An image's start tag, and its ``src``.
_IMG_RE: Final = re.compile(r"<img\b[^>]*>", re.I)
_SRC_RE: Final = re.compile(r"""\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)')""")
#: A link's start tag (not ``<abbr``, ``<aside``, ...) and its end tag.
_LINK_START_RE: Final = re.compile(r"<a(?=[\s>/])", re.I)
_LINK_END_RE: Final = re.compile(r"</a\s*>", re.I)


class Wrappers(Protocol):
    """What the theme gives: one callable per kind of block (Jinja macros)."""

    code: Callable[[str, str, str, int], str]
    equation: Callable[[str, str, int], str]
    table: Callable[[str, int], str]
    #: Optional (a site's own partial may lack it): a figure's image.
    figure_image: Callable[[str, str, int], str]


def code_language(attributes: str) -> str:
    """Return the ``data-lang`` of a code block's start tag (``""`` if none)."""
    m = _LANG_RE.search(attributes)
    if m is None:
        return ""
    return html_entities.unescape(m.group(1) if m.group(1) is not None else m[2])


def has_highlighted_code(content: str | None) -> bool:
    """Tell whether rendered HTML holds a Pygments-highlighted block."""
    if not content or CODE_CLASS not in content:
        return False
    position = 0
    while (start := next_start_tag(content, ("div",), position)) is not None:
        if CODE_CLASS in class_names(start.group("attrs")):
            return True
        position = start.end()
    return False


def _is_display_formula(html: str, start: re.Match[str], end: int) -> bool:
    """Tell whether a formula element is shown as a block of its own."""
    name = start.group("name").lower()
    attributes = start.group("attrs")
    classes = class_names(attributes)
    if name == "math":
        return bool(_DISPLAY_RE.search(attributes))
    if "katex-display" in classes or (name == "div" and "citation" not in classes):
        return True
    # pelican-katex's MathML output: <span class="katex"><math display="block">.
    return "katex" in classes and bool(_DISPLAY_CHILD_RE.match(html, start.end(), end))


def mark_blocks(html: str, wrappers: Wrappers) -> str:
    """Return ``html`` with every code block, display formula and table wrapped.

    ``wrappers.code(language, attributes, body, number)`` gets a code block's
    language (``""`` when the author wrote none), the attributes of its
    ``<div>`` (with their leading space) and what the ``<div>`` holds.
    ``wrappers.equation(formula, tag, number)`` gets a display formula's whole
    element and the tag its wrapper should have (``div`` around a ``<div>``,
    else ``span``, which a paragraph may hold). ``wrappers.table(table,
    number)`` gets an outermost table; ``wrappers.figure_image(img, src,
    number)``, when the theme has it, a figure's first image (its ``<img>``
    tag and address) that no link holds yet. Each also gets the block's number
    among its kind in ``html`` (from 1): regions need distinct names.
    Inline formulas are left alone.
    """
    if not html or _QUICK_RE.search(html) is None:
        return html
    pieces: list[str] = []
    position = scan = 0
    numbers = {"code": 0, "equation": 0, "table": 0, "figure": 0}
    while (start := next_start_tag(html, _CANDIDATES, scan)) is not None:
        name = start.group("name").lower()
        attributes = start.group("attrs")
        classes = class_names(attributes)
        end = element_end(html, start)
        if REGION_CLASS in classes:
            scan = end  # marked already
            continue
        if name == "div" and CODE_CLASS in classes:
            scan = end
            if _ROLE_RE.search(attributes):
                continue
            body = html[start.end() : html.rfind("</", start.end(), end)]
            numbers["code"] += 1
            wrapped = wrappers.code(
                code_language(attributes), attributes, body, numbers["code"]
            )
        elif name == "table":
            scan = end
            numbers["table"] += 1
            wrapped = wrappers.table(html[start.start() : end], numbers["table"])
        elif is_math_start(name, attributes):
            scan = end
            if not _is_display_formula(html, start, end):
                continue
            tag = "div" if name == "div" else "span"
            numbers["equation"] += 1
            wrapped = wrappers.equation(
                html[start.start() : end], tag, numbers["equation"]
            )
        elif name == "figure":
            scan = start.end()  # its code blocks and tables are marked too
            image = _figure_image(html, start.end(), end)
            wrapper = getattr(wrappers, "figure_image", None)
            if image is None or wrapper is None:
                continue
            tag, source = image
            numbers["figure"] += 1
            pieces += [
                html[position : tag.start()],
                str(wrapper(tag.group(), source, numbers["figure"])),
            ]
            position = scan = tag.end()
            continue
        else:
            scan = start.end()
            continue
        pieces.append(html[position : start.start()])
        pieces.append(str(wrapped))
        position = end
    if not pieces:
        return html
    pieces.append(html[position:])
    return "".join(pieces)


def _figure_image(html: str, start: int, end: int) -> tuple[re.Match[str], str] | None:
    """Return a figure's first image (between ``start`` and ``end``) and its address.

    None when it has none, when its image has no ``src``, or when a link
    holds the image already.
    """
    tag = _IMG_RE.search(html, start, end)
    if tag is None:
        return None
    if _last(_LINK_START_RE, html, start, tag.start()) > _last(
        _LINK_END_RE, html, start, tag.start()
    ):
        return None
    source = _SRC_RE.search(tag.group())
    if source is None:
        return None
    return tag, html_entities.unescape(
        source[1] if source[1] is not None else source[2]
    )


def _last(pattern: re.Pattern[str], html: str, start: int, end: int) -> int:
    """Return where the last ``pattern`` in ``html[start:end]`` starts, or -1."""
    last = -1
    for found in pattern.finditer(html, start, end):
        last = found.start()
    return last


def content_blocks_filter(html: str | None, wrappers: Wrappers) -> Markup:
    """Mark ``html`` with :func:`mark_blocks`, as markup (``content_blocks``)."""
    return Markup(mark_blocks(html or "", wrappers))
