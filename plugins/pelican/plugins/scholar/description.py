"""Plain-text descriptions for ``<meta name="description">``, Open Graph and JSON-LD.

Provides :func:`describe`: whitespace-normalized text of at most ``max_length``
characters, cut at a word boundary with "…". The plugin stores it as
``description`` on every article and page, from ``Description:`` metadata when
given, else from the summary. It is plain text: templates must escape it
(``{{ article.description|e }}``), and it may hold quotes, ``&`` and ``<``.
"""

from __future__ import annotations

from typing import Final

from .htmltokens import CITATION_CLASS, MATH_START_RE, may_hold_math, read_text

ELLIPSIS: Final = "…"
#: Left off the end of a cut text before the ellipsis: spaces, commas and
#: the like, full stops, and hyphen, en and em dashes.
TRAILING_PUNCTUATION: Final = " ,;:.-\u2013\u2014"


def _formulas_as_tex(html: str) -> str:
    """Replace each rendered formula by its TeX source, when it carries one.

    A citation (read as one word, as a formula) is replaced by the text it
    shows, "(Smith and Doe, 2020)": left out, it left "cites ." behind.
    """
    if not may_hold_math(html) or MATH_START_RE.search(html) is None:
        return html
    from bs4 import BeautifulSoup  # noqa: PLC0415 - rarely needed, slow to import

    soup = BeautifulSoup(html, "html.parser")
    for citation in soup.select(f"span.{CITATION_CLASS}"):
        if not citation.decomposed:
            citation.replace_with(citation.get_text())
    for formula in soup.select(".katex-display, .katex, math, .arithmatex"):
        if formula.decomposed or formula.find_parent(class_="katex") is not None:
            continue
        annotation = formula.find("annotation", encoding="application/x-tex")
        source = annotation.get_text() if annotation else formula.get("alttext", "")
        formula.replace_with(f" {source.strip()} " if source else " ")
    return str(soup)


def html_to_text(html: str) -> str:
    """Return the readable text of an HTML fragment on one line."""
    text, _ = read_text(_formulas_as_tex(html))
    return " ".join(text.split())


def shorten(text: str, max_length: int) -> str:
    """Cut ``text`` at a word boundary so that, with "…", it fits ``max_length``."""
    text = " ".join(text.split())
    if len(text) <= max_length:
        return text
    room = text[: max_length - len(ELLIPSIS) + 1]
    cut = room.rsplit(" ", 1)[0] if " " in room else room[:-1]
    return cut.rstrip(TRAILING_PUNCTUATION) + ELLIPSIS


def describe(summary_html: str, explicit: str | None, max_length: int) -> str:
    """Return the description: ``explicit`` text if given, else the summary's text."""
    text = (
        explicit
        if explicit is not None and explicit.strip()
        else html_to_text(summary_html)
    )
    return shorten(text, max_length)
