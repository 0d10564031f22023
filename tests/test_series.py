"""Series of posts: the series plugin's ``Series:`` metadata, "Part N of M".

TheDigitalCatOnline/blog_source has 47 posts in 11 series (``Series: Python
3 OOP``, six parts); with the series plugin dropped, nothing on a post said
it was a part of one.
"""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from typing import TYPE_CHECKING

from conftest import build_or_fail, soup, write_site

from pelican.plugins.scholar.series import series_places

if TYPE_CHECKING:
    from pathlib import Path

SETTINGS = """\
from pelican.plugins.scholar import theme_path

SITENAME = "Series"
PATH = "content"
THEME = theme_path()
PLUGINS = ["pelican.plugins.scholar"]
TIMEZONE = "UTC"
"""


def post(title: str, day: int, lang: str = "en", **metadata: str) -> SimpleNamespace:
    """A stand-in for a post: its title, date, language and metadata."""
    return SimpleNamespace(
        title=title, date=datetime(2020, 1, day), lang=lang, metadata=metadata
    )


def test_a_series_is_ordered_by_series_index_then_by_date() -> None:
    third = post("Third", 1, series="OOP")
    first = post("First", 5, series="OOP", series_index="1")
    second = post("Second", 9, series="  OOP ", series_index="2")
    alone = post("Alone", 2, series="Solo")
    outside = post("Outside", 3)
    places = series_places([third, first, second, alone, outside])
    assert [p.title for p in places[id(first)].posts] == ["First", "Second", "Third"]
    assert [places[id(p)].number for p in (first, second, third)] == [1, 2, 3]
    assert places[id(second)].name == "OOP"
    assert places[id(third)].count == 3
    assert id(alone) not in places  # a series of one post is no series yet
    assert id(outside) not in places


def test_translations_make_their_own_series_and_drafts_see_the_published() -> None:
    one, two = post("One", 1, series="S"), post("Two", 2, series="S")
    eins, zwei = post("Eins", 1, "de", series="S"), post("Zwei", 2, "de", series="S")
    draft = post("Draft", 3, series="S")
    places = series_places([one, two, eins, zwei], [draft])
    assert [p.title for p in places[id(zwei)].posts] == ["Eins", "Zwei"]
    assert [p.title for p in places[id(draft)].posts] == ["One", "Two"]
    assert places[id(draft)].number is None


def test_a_post_of_a_series_says_which_part_it_is_and_lists_the_others(
    tmp_path: Path,
) -> None:
    site = write_site(
        tmp_path / "site",
        {
            "oop-1.md": "Title: OOP part 1\nDate: 2020-01-01\nSeries: Python 3 OOP\n\n"
            "One.\n",
            "oop-2.md": "Title: OOP part 2\nDate: 2020-01-08\nSeries: Python 3 OOP\n\n"
            "Two.\n",
            "oop-3.md": "Title: OOP part 3\nDate: 2020-01-15\nSeries: Python 3 OOP\n\n"
            "Three.\n",
            "oop-4.md": "Title: OOP part 4\nDate: 2020-01-22\nSeries: Python 3 OOP\n"
            "Status: draft\n\nFour.\n",
            "other.md": "Title: Other\nDate: 2020-01-10\n\nOther.\n",
        },
        SETTINGS,
    )
    output = tmp_path / "out"
    build_or_fail(site, output)
    page = soup(output / "oop-part-2.html")
    series = page.select_one("nav.series")
    assert series["aria-label"] == "Series"
    summary = series.select_one("summary").get_text(strip=True)
    assert summary == "Part 2 of 3 in the series “Python 3 OOP”"
    items = series.select(".series__list li")
    assert [item.get_text(strip=True) for item in items] == [
        "OOP part 1",
        "OOP part 2",
        "OOP part 3",
    ]
    assert [a["href"] for a in series.select(".series__list a")] == [
        "/oop-part-1.html",
        "/oop-part-3.html",
    ]
    assert items[1].select_one('[aria-current="page"]').text == "OOP part 2"
    draft = soup(output / "drafts" / "oop-part-4.html").select_one("nav.series")
    assert draft.select_one("summary").get_text(strip=True) == (
        "In the series “Python 3 OOP”"
    )
    assert len(draft.select(".series__list a")) == 3
    assert not soup(output / "other.html").select("nav.series")
