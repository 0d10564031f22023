import pytest

from pelican.plugins.scholar.settings import (
    DEFAULTS,
    ScholarSettingsError,
    apply_defaults,
    validate,
)
from pelican.plugins.scholar.speed import settings as speed_settings


def test_defaults_fill_only_unset_settings() -> None:
    settings = {"READTIME_WPM": 250}
    apply_defaults(settings)
    assert settings["READTIME_WPM"] == 250
    assert settings["READTIME_CJK_PER_MINUTE"] == 500
    assert settings["SCHOLAR_TAG_ORDER"] == "codepoint"


def test_defaults_are_valid() -> None:
    validate(dict(DEFAULTS))


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("READTIME_WPM", 0),
        ("SCHOLAR_REDIRECTS", ["/old/"]),
        ("SCHOLAR_REDIRECTS", {"/": "new/"}),
        ("SCHOLAR_REDIRECTS", {"/old/": None}),
        ("READTIME_WPM", -1),
        ("READTIME_WPM", "fast"),
        ("READTIME_WPM", 200.0),
        ("READTIME_WPM", True),
        ("READTIME_CJK_PER_MINUTE", 0),
        ("SCHOLAR_TAGS_PAGE_EXCERPTS", -1),
        ("SCHOLAR_TAGS_PAGE_EXCERPTS", None),
        ("SCHOLAR_TAGS_PAGE_COMPACT_POSTS", 0),
        ("SCHOLAR_ARCHIVES_MONTHS", -1),
        ("SCHOLAR_ARCHIVES_MONTHS", "20"),
        ("SCHOLAR_ARCHIVES_MONTHS", True),
        ("SCHOLAR_QUIET_PERMALINKS", "yes"),
        ("READTIME_COUNT_CODE", "yes"),
        ("SCHOLAR_SUMMARY_MARKER", ""),
        ("SCHOLAR_SUMMARY_MARKER", "a -- b"),
        ("SCHOLAR_SUMMARY_MARKER", None),
        ("SCHOLAR_SUMMARY_FIRST_PARAGRAPH", 1),
        ("SCHOLAR_SUMMARY_DROP_IMAGES", None),
        ("SCHOLAR_SUMMARY_DROP_FOOTNOTE_REFS", "no"),
        ("SCHOLAR_DESCRIPTION_LENGTH", 0),
        ("SCHOLAR_TAG_ORDER", "alphabetical"),
        ("SUMMARY_MAX_LENGTH", -1),
        ("SUMMARY_MAX_LENGTH", "50"),
        ("SUMMARY_MAX_PARAGRAPHS", 1.5),
        ("SCHOLAR_RELATED_POSTS", -1),
        ("SCHOLAR_PYGMENTS_DARK", "no-such-style"),
        ("SCHOLAR_DATE_FORMAT", 42),
    ],
)
def test_invalid_values_name_the_setting(name: str, value: object) -> None:
    settings = {**DEFAULTS, name: value}
    with pytest.raises(ScholarSettingsError, match=f"^{name} must be"):
        validate(settings)


@pytest.mark.parametrize(
    ("name", "value"), [("SUMMARY_MAX_LENGTH", None), ("SUMMARY_MAX_LENGTH", 0)]
)
def test_core_settings_accept_none_and_zero(name: str, value: object) -> None:
    validate({**DEFAULTS, name: value})


def test_speed_defaults_are_valid() -> None:
    settings = dict(DEFAULTS)
    speed_settings.apply_defaults(settings)
    speed_settings.validate(settings)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SCHOLAR_PARALLEL_READING", "yes"),
        ("SCHOLAR_PARALLEL_READING", 2),
        ("SCHOLAR_PARALLEL_PROCESSES", 0),
        ("SCHOLAR_PARALLEL_PROCESSES", "4"),
        ("SCHOLAR_INCREMENTAL_WRITES", "yes"),
    ],
)
def test_invalid_speed_values_name_the_setting(name: str, value: object) -> None:
    settings = {**DEFAULTS, **speed_settings.DEFAULTS, name: value}
    with pytest.raises(ScholarSettingsError, match=f"^{name} must be"):
        speed_settings.validate(settings)
