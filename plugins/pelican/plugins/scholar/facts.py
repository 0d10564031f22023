"""What the plugin derives from a rendered body, memoised by the body's digest.

Word count, extracted summary and table of contents depend only on the body's
HTML and a few settings (the description only on the summary), so they are
computed once per distinct input: in the worker processes that read posts
(:mod:`.parallel`), or by the signal handler when an input was not seen
before. Reading time, which also depends on per-post metadata, is computed
from the stored word count.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, NamedTuple

from .description import describe
from .memo import Memo, digest
from .readtime import WordCount, count_words
from .summary import PELICAN_END_SUMMARY, SummaryRules, extract_summary
from .toc import Heading, table_of_contents

if TYPE_CHECKING:
    from collections.abc import Mapping

_KIND: Final = "facts-3"  # 2: no headings or TOCs; 3: no embedded media


class BodyFacts(NamedTuple):
    """The settings-dependent facts of one rendered body."""

    words: WordCount
    summary: str
    headings: list[Heading]


def summary_rules(settings: Mapping[str, Any]) -> SummaryRules:
    """Build the summary rules from the plugin's and Pelican's settings."""
    paragraphs = settings.get("SUMMARY_MAX_PARAGRAPHS")
    return SummaryRules(
        markers=(settings["SCHOLAR_SUMMARY_MARKER"], PELICAN_END_SUMMARY),
        paragraphs=(1 if paragraphs is None else paragraphs)
        if settings["SCHOLAR_SUMMARY_FIRST_PARAGRAPH"]
        else 0,
        max_words=settings.get("SUMMARY_MAX_LENGTH"),
        end_suffix=settings.get("SUMMARY_END_SUFFIX") or "",
        drop_images=settings["SCHOLAR_SUMMARY_DROP_IMAGES"],
        drop_footnote_refs=settings["SCHOLAR_SUMMARY_DROP_FOOTNOTE_REFS"],
    )


class FactsMemo:
    """Computes :class:`BodyFacts` for bodies, once per body and settings."""

    def __init__(self, memo: Memo, settings: Mapping[str, Any]) -> None:
        self.memo = memo
        self.rules = summary_rules(settings)
        self.count_code = bool(settings["READTIME_COUNT_CODE"])
        self._settings_key = repr((self.rules, self.count_code))

    def key(self, html: str) -> bytes:
        """Return the memo key of ``html`` under these settings."""
        return digest(_KIND, self._settings_key, html)

    def description(
        self, summary_html: str, explicit: str | None, max_length: int
    ) -> str:
        """Return :func:`.description.describe` of these, memoised."""
        key = digest("description-1", summary_html, repr(explicit), str(max_length))
        known = self.memo.get(key)
        if known is None:
            known = describe(summary_html, explicit, max_length)
            self.memo.put(key, known)
        return known

    def summary(self, html: str) -> str:
        """Return only the extracted summary of ``html``, memoised."""
        key = digest("summary-1", self._settings_key, html)
        known = self.memo.get(key)
        if known is None:
            known = extract_summary(html, self.rules)
            self.memo.put(key, known)
        return known

    def facts(self, html: str) -> BodyFacts:
        """Return the facts of ``html``, computing them if not yet known."""
        key = self.key(html)
        known = self.memo.get(key)
        if known is None:
            known = BodyFacts(
                words=count_words(html, count_code=self.count_code),
                summary=extract_summary(html, self.rules),
                headings=table_of_contents(html),
            )
            self.memo.put(key, known)
        return known
