import pytest

from pelican.plugins.scholar.settings import (
    DEFAULTS,
    ScholarSettingsError,
    apply_defaults,
    validate,
)


def test_defaults_fill_only_unset_settings() -> None:
    settings = {"READTIME_WPM": 250}
    apply_defaults(settings)
    assert settings["READTIME_WPM"] == 250
    assert settings["SCHOLAR_TAG_ORDER"] == "codepoint"
    assert settings["SCHOLAR_SUMMARY_MARKER"] == "more"


def test_defaults_are_valid() -> None:
    validate(dict(DEFAULTS))


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("READTIME_WPM", 0),
        ("READTIME_WPM", -1),
        ("READTIME_WPM", "fast"),
        ("READTIME_WPM", 200.0),
        ("READTIME_WPM", True),
        ("SCHOLAR_SUMMARY_MARKER", ""),
        ("SCHOLAR_SUMMARY_MARKER", "a -- b"),
        ("SCHOLAR_SUMMARY_MARKER", None),
        ("SCHOLAR_TAG_ORDER", "alphabetical"),
    ],
)
def test_invalid_values_name_the_setting(name: str, value: object) -> None:
    settings = {**DEFAULTS, name: value}
    with pytest.raises(ScholarSettingsError, match=name):
        validate(settings)
