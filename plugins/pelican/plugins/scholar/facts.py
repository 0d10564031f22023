"""What the plugin derives from a post, in one place: :meth:`Facts.of_post`.

A post's word count, summary, table of contents and description depend only
on its rendered body, on the summary and description its author wrote (if
any) and on a few settings. :meth:`Facts.of_post` computes all of them, and
is the only place that decides, for example, which summary a description is
cut from. The signal handlers call it for every post; the speed plugin's
worker processes call it too, ahead of them, so that the handlers find the
result in the memo. Reading time, which also depends on per-post metadata,
is computed by the handlers from the word count.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from .cachefiles import digest
from .description import describe
from .readtime import WordCount, count_words
from .summary import (
    PELICAN_END_SUMMARY,
    SummaryRules,
    extract_summary,
    listable_summary,
)
from .toc import Heading, table_of_contents

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .memo import Memo


class PostFacts(NamedTuple):
    """What the plugin shows of one post besides its metadata."""

    words: WordCount
    summary: str
    """The listing summary: the author's (made listable) or the extracted one."""
    headings: list[Heading]
    description: str
    """Plain text for meta tags."""


class FactRules(NamedTuple):
    """The settings facts depend on."""

    summary: SummaryRules
    count_code: bool
    description_length: int


def fact_rules(settings: Mapping[str, Any]) -> FactRules:
    """Read the rules from the plugin's and Pelican's settings."""
    paragraphs = settings.get("SUMMARY_MAX_PARAGRAPHS")
    summary = SummaryRules(
        markers=(settings["SCHOLAR_SUMMARY_MARKER"], PELICAN_END_SUMMARY),
        paragraphs=(1 if paragraphs is None else paragraphs)
        if settings["SCHOLAR_SUMMARY_FIRST_PARAGRAPH"]
        else 0,
        max_words=settings.get("SUMMARY_MAX_LENGTH"),
        end_suffix=settings.get("SUMMARY_END_SUFFIX") or "",
        drop_images=settings["SCHOLAR_SUMMARY_DROP_IMAGES"],
        drop_footnote_refs=settings["SCHOLAR_SUMMARY_DROP_FOOTNOTE_REFS"],
    )
    return FactRules(
        summary=summary,
        count_code=bool(settings["READTIME_COUNT_CODE"]),
        description_length=settings["SCHOLAR_DESCRIPTION_LENGTH"],
    )


def derive_facts(
    body: str, authored: str | None, explicit: str | None, rules: FactRules
) -> PostFacts:
    """Derive a post's facts from its body and its author's summary and description.

    ``authored`` is the ``Summary:`` the author wrote, ``None`` when there
    is none (:func:`.summary.authored_summary`); ``explicit`` the
    ``Description:``. The description is cut from the listing summary unless
    the author gave one.
    """
    summary = (
        extract_summary(body, rules.summary)
        if authored is None
        else listable_summary(authored)
    )
    return PostFacts(
        words=count_words(body, count_code=rules.count_code),
        summary=summary,
        headings=table_of_contents(body),
        description=describe(summary, explicit, rules.description_length),
    )


class Facts:
    """:func:`derive_facts` and summaries for one build, memoised by their inputs."""

    def __init__(self, settings: Mapping[str, Any], memo: Memo) -> None:
        self.settings = settings
        self.memo = memo
        self.rules = fact_rules(settings)
        self._rules_key = repr(self.rules)

    def of_post(self, body: str, authored: str | None, explicit: object) -> PostFacts:
        """Return :func:`derive_facts` of these, computing it once per input.

        ``explicit`` is the ``description`` metadata as read: anything but
        text counts as none.
        """
        if not isinstance(explicit, str):
            explicit = None
        key = digest(
            "post",
            self._rules_key,
            body,
            "" if authored is None else f"+{authored}",
            "" if explicit is None else f"+{explicit}",
        )
        known = self.memo.get(key)
        if known is None:
            known = derive_facts(body, authored, explicit, self.rules)
            self.memo.put(key, known)
        return known

    def summary(self, html: str) -> str:
        """Return the summary extracted from ``html``, memoised."""
        key = digest("summary", self._rules_key, html)
        known = self.memo.get(key)
        if known is None:
            known = extract_summary(html, self.rules.summary)
            self.memo.put(key, known)
        return known
