"""Reading time of rendered HTML, by Minimal Mistakes' or academicpages' rule.

Provides :func:`count_words`, the words a reader reads in an HTML fragment, and
:func:`reading_minutes`, whole minutes at a reading speed by one of
:data:`READING_RULES` (the ``READTIME_RULE`` setting; the README quotes both
themes' Liquid). The plugin stores ``word_count`` and ``reading_time`` on every
article and page; the theme turns ``reading_time`` into "N minute read" (``0``
reads "less than 1 minute read").

What counts as a word:

- Whitespace-separated tokens of the text, with tags stripped and entities
  decoded. Block elements separate words; inline elements do not.
- Comments, the contents of ``<script>``, ``<style>`` and ``<template>``, and
  heading permalinks (``<a class="headerlink">``) are not read.
- Each Han, Hiragana or Katakana character is a word of its own (these scripts
  are not written with spaces), read at its own speed; CJK punctuation only
  separates words.
- A rendered formula (``<math>``, KaTeX, arithmatex) is one word, however
  much markup it holds: KaTeX writes each formula twice, as MathML and as HTML.
- Code in ``<pre>`` counts unless the caller says otherwise.

Counting is done with regular expressions over the whole document, never a
parse tree: it runs on every post of every build.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from .htmltokens import read_text

#: Han (with extensions and compatibility ideographs), Hiragana, Katakana,
#: as the inside of a character class.
CJK_CHARACTERS: Final = (
    "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\uff66-\uff9f\U00020000-\U0003134f"
)
#: CJK symbols and punctuation, and full-width punctuation: separators only.
CJK_PUNCTUATION: Final = (
    "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
)
CJK_CHARACTER_RE: Final = re.compile(f"[{CJK_CHARACTERS}]")
CJK_PUNCTUATION_RE: Final = re.compile(f"[{CJK_PUNCTUATION}]")
#: What a word is, in text with tags stripped and entities decoded: one CJK
#: character, or a run of anything but whitespace, CJK characters and CJK
#: punctuation. The one definition: summaries are cut by it, and
#: :func:`count_words` counts exactly these (faster, with ``str.split``).
WORD_RE: Final = re.compile(
    f"[{CJK_CHARACTERS}]|[^\\s{CJK_CHARACTERS}{CJK_PUNCTUATION}]+"
)
#: UTF-8 lead bytes of every code point either class holds (U+3000-U+9FFF,
#: U+F900-U+FFEF, U+20000 and up): text whose encoding has none of them holds
#: no CJK, which a byte search tells faster than any regular expression.
_CJK_LEAD_BYTES: Final = (
    b"\xe3",
    b"\xe4",
    b"\xe5",
    b"\xe6",
    b"\xe7",
    b"\xe8",
    b"\xe9",
    b"\xef",
    b"\xf0",
)


def _may_hold_cjk(text: str) -> bool:
    """Tell quickly whether ``text`` may hold CJK (``False``: surely not)."""
    if text.isascii():
        return False
    encoded = text.encode("utf-8", "surrogatepass")
    return any(lead in encoded for lead in _CJK_LEAD_BYTES)


class WordCount(NamedTuple):
    """Words of a document, split by the speed at which they are read."""

    words: int
    """Space-separated words, formulas included."""
    cjk_characters: int
    """Han, Hiragana and Katakana characters, each a word."""

    @property
    def total(self) -> int:
        """All words, whichever the script."""
        return self.words + self.cjk_characters


def count_words(html: str, *, count_code: bool = True) -> WordCount:
    """Count the words a reader reads in ``html`` (see the module's rules)."""
    text, formulas = read_text(html, count_code=count_code)
    if not _may_hold_cjk(text):
        return WordCount(len(text.split()) + formulas, 0)
    cjk_characters = len(CJK_CHARACTER_RE.findall(text))
    if cjk_characters:
        text = CJK_CHARACTER_RE.sub(" ", text)
    text = CJK_PUNCTUATION_RE.sub(" ", text)
    return WordCount(len(text.split()) + formulas, cjk_characters)


#: The reading-time rules, by the theme each one comes from; the first is the
#: default.
READING_RULES: Final = ("minimal-mistakes", "academicpages")
#: academicpages' fixed steps, whatever the speed: under the first, "less
#: than 1 minute read"; under the second, "1 minute read".
ACADEMICPAGES_STEPS: Final = (180, 360)


def reading_minutes(
    count: WordCount,
    words_per_minute: int,
    cjk_characters_per_minute: int = 500,
    *,
    rule: str = "minimal-mistakes",
) -> int:
    """Return whole minutes to read ``count`` by ``rule`` (of :data:`READING_RULES`).

    Both rules read a CJK character as ``wpm / cjk_pm`` of a word, so that
    ``words`` below stands for ``words + CJK * wpm / cjk_pm``, exactly.

    - ``"minimal-mistakes"``: ⌊words / wpm⌋; ``0`` means "less than 1 minute".
    - ``"academicpages"``: ``0`` under 180 words, ``1`` under 360, then
      ⌊words / wpm⌋ (the steps do not move with the speed).
    """
    if rule not in READING_RULES:
        msg = (
            f"unknown reading-time rule {rule!r}: not one of {', '.join(READING_RULES)}"
        )
        raise ValueError(msg)
    if words_per_minute <= 0 or cjk_characters_per_minute <= 0:
        msg = (
            "reading speeds must be positive, not "
            f"{words_per_minute} and {cjk_characters_per_minute}"
        )
        raise ValueError(msg)
    # Word-equivalents, times cjk_pm: whole numbers, so no rounding anywhere.
    scaled_words = max(
        0,
        count.words * cjk_characters_per_minute
        + count.cjk_characters * words_per_minute,
    )
    if rule == "academicpages":
        for minutes, step in enumerate(ACADEMICPAGES_STEPS):
            if scaled_words < step * cjk_characters_per_minute:
                return minutes
    return scaled_words // (words_per_minute * cjk_characters_per_minute)
