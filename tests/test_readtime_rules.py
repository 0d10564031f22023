"""Reading-time rules (``READTIME_RULE``): Minimal Mistakes' and academicpages'.

The expected minutes are written out from the two themes' Liquid (quoted in the
README, "Reading time"), never computed by the code under test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_or_fail, run_pelican, soup
from hypothesis import given
from hypothesis import strategies as st

from pelican.plugins.scholar.readtime import READING_RULES, WordCount, reading_minutes
from pelican.plugins.scholar.settings import (
    DEFAULTS,
    ScholarSettingsError,
    apply_defaults,
    validate,
)

ACADEMICPAGES = "academicpages"
MINIMAL_MISTAKES = "minimal-mistakes"


@pytest.mark.parametrize(
    ("words", "minutes"),
    [
        (0, 0),
        (179, 0),  # {% if words < 180 %} less than 1 minute read
        (180, 1),  # {% elsif words < 360 %} 1 minute read
        (319, 1),
        (320, 1),  # 320 / 160 would be 2: the step says 1
        (359, 1),
        (360, 2),  # {{ words | divided_by: 160 }}
        (479, 2),
        (480, 3),
        (1600, 10),
    ],
)
def test_academicpages_rule_at_160_words_a_minute(words: int, minutes: int) -> None:
    assert reading_minutes(WordCount(words, 0), 160, rule=ACADEMICPAGES) == minutes


@pytest.mark.parametrize(
    ("words", "minutes"),
    [(0, 0), (199, 0), (200, 1), (399, 1), (400, 2), (599, 2), (600, 3)],
)
def test_minimal_mistakes_rule_at_200_words_a_minute(words: int, minutes: int) -> None:
    assert reading_minutes(WordCount(words, 0), 200, rule=MINIMAL_MISTAKES) == minutes


@pytest.mark.parametrize(
    ("words", "wpm", "minutes"),
    [
        (200, 100, 1),  # the 180/360 steps do not move with the speed
        (359, 100, 1),
        (360, 100, 3),
        (360, 400, 0),  # 360 // 400: academicpages prints "0 minute read"
        (800, 400, 2),
        (359, 380, 1),  # above 360 wpm the steps read longer than 360 words
    ],
)
def test_academicpages_steps_are_fixed_whatever_the_speed(
    words: int, wpm: int, minutes: int
) -> None:
    assert reading_minutes(WordCount(words, 0), wpm, rule=ACADEMICPAGES) == minutes


@pytest.mark.parametrize(
    ("count", "minutes"),
    [
        # At 160 wpm and 500 CJK characters a minute, a character is 0.32 word.
        (WordCount(0, 562), 0),  # 179.84 words
        (WordCount(0, 563), 1),  # 180.16 words
        (WordCount(0, 1124), 1),  # 359.68 words
        (WordCount(0, 1125), 2),  # 360 words
        (WordCount(100, 250), 1),  # 100 + 80 = 180 words
        (WordCount(99, 250), 0),
    ],
)
def test_academicpages_rule_reads_cjk_at_its_own_speed(
    count: WordCount, minutes: int
) -> None:
    assert reading_minutes(count, 160, 500, rule=ACADEMICPAGES) == minutes


def test_the_default_rule_is_minimal_mistakes() -> None:
    assert DEFAULTS["READTIME_RULE"] == MINIMAL_MISTAKES
    assert reading_minutes(WordCount(359, 0), 160) == 2  # academicpages says 1


def test_an_unknown_rule_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown reading-time rule 'jekyll'"):
        reading_minutes(WordCount(10, 0), 200, rule="jekyll")


@pytest.mark.parametrize("value", ["Academicpages", "", None, 1])
def test_an_invalid_rule_setting_names_the_setting(value: object) -> None:
    settings = {"READTIME_RULE": value}
    apply_defaults(settings)
    with pytest.raises(ScholarSettingsError, match="READTIME_RULE must be one of"):
        validate(settings)


@pytest.mark.parametrize("rule", [MINIMAL_MISTAKES, ACADEMICPAGES])
def test_both_rules_are_valid_settings(rule: str) -> None:
    settings = {"READTIME_RULE": rule}
    apply_defaults(settings)
    validate(settings)
    assert rule in READING_RULES


@given(
    words=st.integers(0, 100_000),
    wpm=st.integers(1, 2_000),
    cjk_pm=st.integers(1, 2_000),
)
def test_academicpages_rule_steps_then_divides(
    words: int, wpm: int, cjk_pm: int
) -> None:
    minutes = reading_minutes(WordCount(words, 0), wpm, cjk_pm, rule=ACADEMICPAGES)
    if words < 180:
        assert minutes == 0
    elif words < 360:
        assert minutes == 1
    else:
        assert minutes == words // wpm


@given(words=st.integers(0, 100_000), wpm=st.integers(1, 2_000))
def test_minimal_mistakes_rule_divides(words: int, wpm: int) -> None:
    assert reading_minutes(WordCount(words, 0), wpm, rule=MINIMAL_MISTAKES) == (
        words // wpm
    )


@given(
    rule=st.sampled_from([MINIMAL_MISTAKES, ACADEMICPAGES]),
    words=st.integers(0, 20_000),
    more=st.integers(0, 20_000),
    cjk=st.integers(0, 20_000),
    wpm=st.integers(1, 1_000),
    cjk_pm=st.integers(1, 1_000),
)
def test_more_words_never_read_faster(  # noqa: PLR0917 - one per strategy
    rule: str, words: int, more: int, cjk: int, wpm: int, cjk_pm: int
) -> None:
    if rule == ACADEMICPAGES:
        # Above 360 wpm academicpages' own Liquid goes down at 360 words
        # (359: "1 minute read", 360 // 380: "0 minute read"): tested above.
        wpm = min(wpm, 360)
    fewer = reading_minutes(WordCount(words, cjk), wpm, cjk_pm, rule=rule)
    assert (
        reading_minutes(WordCount(words + more, cjk), wpm, cjk_pm, rule=rule) >= fewer
    )
    assert (
        reading_minutes(WordCount(words, cjk + more), wpm, cjk_pm, rule=rule) >= fewer
    )


@given(
    rule=st.sampled_from([MINIMAL_MISTAKES, ACADEMICPAGES]),
    minutes_of_cjk=st.integers(0, 50),
    wpm=st.integers(1, 1_000),
    cjk_pm=st.integers(1, 1_000),
)
def test_a_minute_of_cjk_weighs_a_minute_of_words(
    rule: str, minutes_of_cjk: int, wpm: int, cjk_pm: int
) -> None:
    cjk_only = WordCount(0, minutes_of_cjk * cjk_pm)
    words_only = WordCount(minutes_of_cjk * wpm, 0)
    assert reading_minutes(cjk_only, wpm, cjk_pm, rule=rule) == reading_minutes(
        words_only, wpm, cjk_pm, rule=rule
    )


SITE_CONFIG = """\
from pelican.plugins.scholar import theme_path

SITENAME = "Reading rules"
PATH = "content"
THEME = theme_path()
PLUGINS = ["pelican.plugins.scholar"]
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
ARTICLE_URL = ARTICLE_SAVE_AS = "{slug}.html"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
"""


def rules_site(root: Path, settings: str, posts: dict[str, tuple[str, int]]) -> Path:
    """A site whose posts hold a given number of words, with extra ``settings``."""
    site = root / "site"
    (site / "content").mkdir(parents=True)
    (site / "pelicanconf.py").write_text(SITE_CONFIG + settings, encoding="utf-8")
    for day, (slug, (metadata, words)) in enumerate(posts.items(), start=1):
        body = " ".join(f"word{i}" for i in range(words))
        (site / "content" / f"{slug}.md").write_text(
            f"Title: {slug}\nDate: 2024-01-{day:02d}\n{metadata}\n{body}\n",
            encoding="utf-8",
        )
    return site


def read_time(page: Path) -> str:
    return " ".join(soup(page).select_one(".post-meta__read-time").get_text().split())


def test_an_academicpages_site_reads_as_it_did(tmp_path: Path) -> None:
    posts = {
        "w179": ("", 179),
        "w180": ("", 180),
        "w359": ("", 359),
        "w360": ("", 360),
        "w479": ("", 479),
        "w480": ("", 480),
        "slow200": ("Words_per_minute: 100\n", 200),  # a step, not 200 // 100
        "slow360": ("Words_per_minute: 100\n", 360),
        "fixed": ("Reading_time: 7\n", 10),
    }
    site = rules_site(
        tmp_path, 'READTIME_RULE = "academicpages"\nREADTIME_WPM = 160\n', posts
    )
    build_or_fail(site, tmp_path / "out")
    shown = {slug: read_time(tmp_path / "out" / f"{slug}.html") for slug in posts}
    assert shown == {
        "w179": "less than 1 minute read",
        "w180": "1 minute read",
        "w359": "1 minute read",
        "w360": "2 minute read",
        "w479": "2 minute read",
        "w480": "3 minute read",
        "slow200": "1 minute read",
        "slow360": "3 minute read",
        "fixed": "7 minute read",
    }


def test_an_unknown_rule_stops_the_build_naming_the_setting(tmp_path: Path) -> None:
    site = rules_site(tmp_path, 'READTIME_RULE = "jekyll"\n', {"post": ("", 5)})
    result = run_pelican(site, tmp_path / "out")
    log = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0
    assert "READTIME_RULE must be one of minimal-mistakes, academicpages" in log
