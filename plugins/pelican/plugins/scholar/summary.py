"""Summaries extracted from rendered HTML, always balanced and safe to list.

Provides :func:`extract_summary`. Headings and tables of contents are taken
out of the document first (:func:`drop_unlisted_blocks`): a listing entry has
its own title, and a table of contents' links lead nowhere there. Then it
picks, in order:

1. the HTML before a summary marker: an HTML comment such as
   ``<!-- more -->`` (configurable) or Pelican's ``<!-- PELICAN_END_SUMMARY -->``,
   standing at the top level of the document (inside a ``<pre>``, a list or a
   ``<div>`` it is no marker, and Markdown escapes one written in code);
2. the first paragraph(s) that hold text, cut to the word limit if longer;
3. the document cut to the word limit (Pelican's ``SUMMARY_MAX_LENGTH``).

Sections (``<section>``, and reStructuredText's ``<div class="section">``)
count as the top level too: a reST post that opens with a section still has
a first paragraph and markers. Cuts fall only between words or elements:
never inside a tag, an entity, a formula, a code block, a table or a figure.
The fragment is then tidied: open elements are closed, images and footnote
references dropped (settings), heading permalinks removed, and ``id``
attributes removed, since one summary may be listed several times on a page.
BeautifulSoup is used for the removals, on the summary only.

Pelican's own ``Summary:`` metadata comes before all of these; the plugin
keeps its words as written, and :func:`listable_summary` only turns its
headings into paragraphs and removes heading permalinks and ``id`` attributes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Any, Final

from .htmltokens import (
    TAG_RE,
    TOKEN_RE,
    class_names,
    element_end,
    is_atomic_start,
    next_start_tag,
    opens_element,
)
from .readtime import WORD_RE, count_words
from .toc import TOC_ELEMENTS, is_toc_start

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping

#: Pelican's own end-of-summary marker, always honoured.
PELICAN_END_SUMMARY: Final = "PELICAN_END_SUMMARY"

_NBSP_ENTITY_RE: Final = re.compile(r"&(?:nbsp|#160|#[xX][aA]0);")
#: End tags inside which an end-of-summary suffix reads naturally.
_SUFFIX_HOST_END_RE: Final = re.compile(
    r"</(?:p|li|dd|dt|h[1-6]|blockquote|figcaption|td|th)\s*>\s*$", re.IGNORECASE
)


@dataclass(frozen=True)
class SummaryRules:
    """How to extract a summary; the plugin fills it from settings."""

    markers: Collection[str] = ("more", PELICAN_END_SUMMARY)
    paragraphs: int = 1
    """How many leading paragraphs to take; 0 skips this step."""
    max_words: int | None = 50
    """Word limit (``None``: no limit)."""
    end_suffix: str = "…"
    drop_images: bool = True
    drop_footnote_refs: bool = True


#: Headings: never in a summary.
_HEADINGS: Final = ("h1", "h2", "h3", "h4", "h5", "h6")
_UNLISTED_CANDIDATES: Final = (*_HEADINGS, *TOC_ELEMENTS)


def drop_unlisted_blocks(html: str) -> str:
    """Return ``html`` without its headings and tables of contents.

    A heading goes with its text and permalink; a table of contents
    (:func:`.toc.is_toc_start`) with everything in it.
    """
    kept: list[str] = []
    position = 0
    while (tag := next_start_tag(html, _UNLISTED_CANDIDATES, position)) is not None:
        name = tag.group("name").lower()
        if name in _HEADINGS or is_toc_start(name, tag.group("attrs")):
            kept.append(html[position : tag.start()])
            position = element_end(html, tag)
        else:
            kept.append(html[position : tag.end()])
            position = tag.end()
    if not kept:
        return html
    kept.append(html[position:])
    return "".join(kept)


def _opens_section(token: re.Match[str]) -> bool:
    """Tell whether a token opens a section, which scanning enters."""
    if token.group("tag") is None or token.group("end"):
        return False
    name = token.group("name").lower()
    return name == "section" or (
        name == "div" and "section" in class_names(token.group("attrs"))
    )


def _skip_element(html: str, token: re.Match[str]) -> int:
    """Return where scanning resumes after ``token`` at the top level.

    The top level includes the inside of sections (:func:`_opens_section`).
    """
    if _opens_section(token) or not opens_element(token):
        return token.end()
    return element_end(html, token)


def cut_at_marker(html: str, markers: Collection[str]) -> str | None:
    """Return the HTML before the first top-level marker comment, if any.

    ``None`` when there is no such marker or only whitespace precedes it.
    """
    wanted = {marker.strip() for marker in markers}
    pattern = "|".join(re.escape(marker) for marker in sorted(wanted))
    first = re.search(rf"<!--\s*(?:{pattern})\s*-->", html)
    if first is None:
        return None
    position = 0
    while (token := TOKEN_RE.search(html, position)) is not None:
        comment = token.group("comment")
        if comment is not None and comment[4:-3].strip() in wanted:
            return html[: token.start()].strip() or None
        position = _skip_element(html, token)
    return None


def first_paragraphs(html: str, count: int = 1) -> str | None:
    """Return the first ``count`` top-level ``<p>`` elements that hold text."""
    found: list[str] = []
    position = 0
    while len(found) < count and (token := TOKEN_RE.search(html, position)):
        position = _skip_element(html, token)
        if token.group("tag") is not None and token.group("name").lower() == "p":
            paragraph = html[token.start() : position]
            if TAG_RE.sub("", paragraph).strip():
                found.append(paragraph)
    return "\n".join(found) or None


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def cut_to_words(html: str, max_words: int) -> tuple[str, bool]:
    """Return the longest prefix of ``html`` holding at most ``max_words`` words.

    The second value says whether anything was cut off. The prefix ends just
    after its last word; formulas, code blocks, tables and figures are kept
    whole or left out whole.
    """
    budget = max_words
    kept_until = 0  # index just past the last word kept
    position = 0
    while True:
        token = TOKEN_RE.search(html, position)
        text_end = token.start() if token else len(html)
        segment = _NBSP_ENTITY_RE.sub(_blank, html[position:text_end])
        for word in WORD_RE.finditer(segment):
            if budget == 0:
                return html[:kept_until], True
            budget -= 1
            kept_until = position + word.end()
        if token is None:
            return html, False
        position = token.end()
        if opens_element(token) and is_atomic_start(
            token.group("name"), token.group("attrs")
        ):
            end = element_end(html, token)
            words = count_words(html[token.start() : end]).total
            if words > budget:
                return html[:kept_until], True
            budget -= words
            if words:
                kept_until = end
            position = end


def _append_suffix(fragment: str, suffix: str) -> str:
    """Put ``suffix`` after the fragment's last words, inside their element."""
    fragment = fragment.rstrip()
    host_end = _SUFFIX_HOST_END_RE.search(fragment)
    if host_end is None:
        return f"{fragment} {suffix}"
    words, end_tags = fragment[: host_end.start()], fragment[host_end.start() :]
    return f"{words.rstrip()} {suffix}{end_tags}"


#: (element name, class) pairs that never belong in a summary: heading
#: permalinks and footnotes (tables of contents are dropped beforehand).
_NEVER_IN_SUMMARIES: Final = (
    ("div", "footnote"),
    ("a", "headerlink"),
    ("a", "toc-backref"),
)
#: Images, figures and embedded media: a listing shows words, and an embed in
#: an excerpt would load a third party's player on every listing page.
_IMAGE_ELEMENTS: Final = (
    "img",
    "picture",
    "figure",
    "svg",
    "iframe",
    "video",
    "audio",
    "embed",
    "object",
)
#: Anything :data:`_NEVER_IN_SUMMARIES`, images, footnote references or ``id``
#: attributes could match; a fragment without it needs no BeautifulSoup pass.
_NEEDS_CLEANING_RE: Final = re.compile(
    r"<(?:img|figure|picture|svg|iframe|video|audio|embed|object)\b|\sid\s*=|"
    r"""class\s*=\s*["']?(?:[^"'>]*\s)?(?:footnote|footnote-ref|headerlink|toc-backref)\b""",
    re.IGNORECASE,
)


#: A footnote reference exactly as Python-Markdown writes it.
_MARKDOWN_FOOTNOTE_REF_RE: Final = re.compile(
    r'<sup id="fnref\d*:[^"<>]*">'
    r'<a class="footnote-ref" href="#fn:[^"<>]*">[^<]*</a></sup>'
)


def open_elements(fragment: str) -> list[str] | None:
    """Return the elements left open at the end of ``fragment``, outermost first.

    ``None`` when an end tag does not close the innermost open element: the
    fragment is mis-nested and needs a real parser.
    """
    still_open: list[str] = []
    for token in TOKEN_RE.finditer(fragment):
        if token.group("tag") is None:
            continue
        name = token.group("name").lower()
        if token.group("end"):
            if not still_open or still_open.pop() != name:
                return None
        elif opens_element(token):
            still_open.append(name)
    return still_open


def tidy_fragment(fragment: str, rules: SummaryRules) -> str:
    """Balance a summary fragment and remove what does not belong in a listing.

    Most fragments hold nothing to remove and only need their open elements
    closed; the others go through BeautifulSoup (imported only then, and
    queried with ``find_all``: compiling a CSS selector costs more than
    tidying hundreds of summaries).
    """
    fragment = fragment.strip()
    if rules.drop_footnote_refs and "footnote-ref" in fragment:
        fragment = _MARKDOWN_FOOTNOTE_REF_RE.sub("", fragment)
    unclosed = open_elements(fragment)
    if unclosed is not None and _NEEDS_CLEANING_RE.search(fragment) is None:
        return fragment + "".join(f"</{name}>" for name in reversed(unclosed))
    from bs4 import BeautifulSoup  # noqa: PLC0415 - rarely needed, slow to import

    soup = BeautifulSoup(fragment, "html.parser")
    unwanted = [
        soup.find_all(name, class_=class_name)
        for name, class_name in _NEVER_IN_SUMMARIES
    ]
    if rules.drop_images:
        unwanted.append(soup.find_all(_IMAGE_ELEMENTS))
    for element in chain.from_iterable(unwanted):
        if not element.decomposed:
            element.decompose()
    if rules.drop_footnote_refs:
        for reference in soup.find_all("a", class_="footnote-ref"):
            holder = reference.parent
            if (
                holder is not None
                and holder.name == "sup"
                and len(holder.contents) == 1
            ):
                holder.decompose()
            else:
                reference.decompose()
    for element in soup.find_all(id=True):
        del element["id"]
    for paragraph in soup.find_all("p"):
        if not paragraph.get_text(strip=True) and paragraph.find(True) is None:
            paragraph.decompose()
    return str(soup).strip()


def extract_summary(html: str, rules: SummaryRules) -> str:
    """Return the summary of a rendered document (see the module's rules).

    A marker's summary is the author's choice and is never cut; the first
    paragraphs, or else the whole document, are cut to ``rules.max_words``.
    Headings and tables of contents never count and are never shown.
    """
    html = drop_unlisted_blocks(html)
    fragment = cut_at_marker(html, rules.markers)
    if fragment is None:
        if rules.paragraphs > 0:
            fragment = first_paragraphs(html, rules.paragraphs)
        fragment = fragment or html
        if rules.max_words is not None:
            fragment, truncated = cut_to_words(fragment, rules.max_words)
            if truncated and rules.end_suffix:
                fragment = _append_suffix(fragment, rules.end_suffix)
    return tidy_fragment(fragment, rules)


#: What an author's own summary may hold that a listing must not show:
#: headings, heading permalinks, ``id`` attributes.
_UNLISTABLE_RE: Final = re.compile(r"<h[1-6]\b|\sid\s*=|headerlink", re.IGNORECASE)


def authored_summary(metadata: Mapping[str, Any]) -> str | None:
    """Return the summary the author wrote (``Summary:``), or ``None``.

    An empty or blank ``Summary:`` line is no summary: the plugin extracts one,
    as Pelican itself does when a post has none.
    """
    summary = metadata.get("summary")
    if isinstance(summary, str) and summary.strip():
        return summary
    return None


def listable_summary(html: str) -> str:
    """Return an author's summary (``Summary:`` metadata) as listings show it.

    Its words stay as written. A heading becomes a paragraph (a listing entry
    has its own title); heading permalinks and ``id`` attributes go, since
    one summary may be listed several times on a page. A summary with none
    of these is returned as it is.
    """
    if _UNLISTABLE_RE.search(html) is None:
        return html
    from bs4 import BeautifulSoup  # noqa: PLC0415 - rarely needed, slow to import

    soup = BeautifulSoup(html, "html.parser")
    for permalink in soup.find_all("a", class_="headerlink"):
        permalink.decompose()
    for heading in soup.find_all(_HEADINGS):
        heading.name = "p"
        heading.attrs = {}
    for element in soup.find_all(id=True):
        del element["id"]
    return str(soup)
