"""A BibTeX entry for citing a post ("Cite this post").

Provides :func:`bibtex`: an ``@online`` entry with every author, title, date,
URL and site, its key built from the first author's family name, the year and
the title's first significant word, every value escaped for BibTeX.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

_MONTHS: Final = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)
_MINOR_WORDS: Final = frozenset(
    {"a", "an", "the", "of", "on", "in", "for", "to", "and", "what", "s"}
)
_SPECIAL: Final = re.compile(r"[\\{}%&$#_~^]")
_SPELLED_OUT: Final = {
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def escape_bibtex(text: str) -> str:
    """Escape BibTeX's special characters (in one pass) and normalize whitespace."""
    return _SPECIAL.sub(
        lambda match: _SPELLED_OUT.get(match.group(), "\\" + match.group()),
        " ".join(text.split()),
    )


def _ascii_word(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def citation_key(author: str, year: int, title: str) -> str:
    """Return a key such as ``castellan2026infrastructure``."""
    family = _ascii_word(author.rsplit(maxsplit=1)[-1]) if author.strip() else "anon"
    words = [_ascii_word(word) for word in re.split(r"\W+", title)]
    significant = next((w for w in words if w and w not in _MINOR_WORDS), "post")
    return f"{family or 'anon'}{year}{significant}"


def bibtex_name(author: str) -> str:
    """Return ``author`` as BibTeX writes a name: "Family, Given".

    A name that already holds a comma ("Doe, Jane") or a single word is kept.
    """
    names = author.split()
    if "," in author or len(names) < 2:
        return " ".join(names)
    return f"{names[-1]}, {' '.join(names[:-1])}"


def bibtex(
    authors: Sequence[str], title: str, date: datetime, url: str, site: str
) -> str:
    """Return the BibTeX entry for a post. ``title`` is plain text.

    ``authors`` are joined with ``and``; with none, the entry has no author.
    """
    names = [name for name in authors if name.strip()]
    fields = [
        ("title", f"{{{{{escape_bibtex(title)}}}}}"),
        ("year", f"{{{date.year}}}"),
        ("month", _MONTHS[date.month - 1]),
        ("url", f"{{{url}}}"),
        ("organization", f"{{{escape_bibtex(site)}}}"),
        ("note", "{Blog post}"),
    ]
    if names:
        joined = " and ".join(escape_bibtex(bibtex_name(name)) for name in names)
        fields.insert(0, ("author", f"{{{joined}}}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    first = names[0].split(",", maxsplit=1)[0] if names else ""
    return f"@online{{{citation_key(first, date.year, title)},\n{body}\n}}"
