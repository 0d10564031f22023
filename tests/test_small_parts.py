from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from conftest import REPO_ROOT

from pelican.plugins.scholar import theme_path
from pelican.plugins.scholar.heading_ids import gfm_heading_id, kramdown_heading_id
from pelican.plugins.scholar.i18n import load_translations, localized_date
from pelican.plugins.scholar.machine_dates import iso_datetime
from pelican.plugins.scholar.plain_titles import escape_plain_text

TRANSLATIONS = REPO_ROOT / "theme" / "translations"


def test_french_catalog_translates_and_pluralizes() -> None:
    french = load_translations(TRANSLATIONS, "fr")
    assert french.gettext("Posts by Tags") == "Articles par mot-cl\u00e9"
    one = french.ngettext("%(num)s minute read", "%(num)s minute read", 1)
    many = french.ngettext("%(num)s minute read", "%(num)s minute read", 15)
    assert (one, many) == ("%(num)s minute de lecture", "%(num)s minutes de lecture")


def test_region_falls_back_to_language_and_unknown_to_english() -> None:
    assert load_translations(TRANSLATIONS, "fr_CA").gettext("Search") == "Recherche"
    assert load_translations(TRANSLATIONS, "en").gettext("Search") == "Search"
    assert load_translations(TRANSLATIONS, "sv").gettext("Search") == "Search"


def test_localized_dates() -> None:
    day = date(2026, 3, 7)
    assert localized_date(day, "en") == "March 7, 2026"
    assert localized_date(day, "fr") == "7 mars 2026"
    assert localized_date(day, "en", "d MMM y") == "7 Mar 2026"


def test_theme_path_in_a_checkout_is_the_repository_theme() -> None:
    path = Path(theme_path())
    assert path == REPO_ROOT / "theme"
    assert (path / "templates" / "tags.html").is_file()


def test_escape_plain_text_keeps_entities() -> None:
    assert escape_plain_text("a < b & c > d") == "a &lt; b &amp; c &gt; d"
    assert (
        escape_plain_text("AT&amp;T &#8217; &#x2019; &nbsp;")
        == "AT&amp;T &#8217; &#x2019; &nbsp;"
    )
    assert escape_plain_text("R&D;x &") == "R&D;x &amp;"


def test_machine_dates_stop_at_the_second_and_keep_the_offset() -> None:
    blogger = datetime(2016, 3, 8, 21, 15, 0, 2000, tzinfo=timezone(timedelta(hours=1)))
    assert iso_datetime(blogger) == "2016-03-08T21:15:00+01:00"
    assert iso_datetime(datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)) == (
        "2020-01-02T03:04:05+00:00"
    )
    assert iso_datetime(date(2020, 1, 2)) == "2020-01-02"


def test_heading_ids_are_the_ones_kramdown_wrote() -> None:
    # Expected ids printed by Debian's kramdown 2.4 with kramdown-parser-gfm.
    heading = "1. Hello  World_x 深層 (c++)"
    assert gfm_heading_id(heading) == "1-hello--world_x-深層-c"
    assert gfm_heading_id("!!!") == "section"
    assert kramdown_heading_id(heading) == "hello--worldx--c"
