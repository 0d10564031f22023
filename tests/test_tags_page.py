"""The Posts by Tags page goes compact past SCHOLAR_TAGS_PAGE_EXCERPTS entries."""

from __future__ import annotations

from pathlib import Path

from conftest import build_or_fail, soup


def sections(page: Path) -> dict[str, list]:
    """Each tag section's heading text mapped to its section element."""
    return {
        section.h2.get_text(): section
        for section in soup(page).select("section.tag-section")
    }


def test_up_to_the_threshold_every_entry_has_its_excerpt(
    fixture_site: Path, tmp_path: Path, built_fixture_site: Path
) -> None:
    entries = soup(built_fixture_site / "tags" / "index.html").select(".post-item")
    assert entries
    assert all(entry.select_one(".post-item__excerpt") for entry in entries)
    threshold = f"SCHOLAR_TAGS_PAGE_EXCERPTS={len(entries)}"
    build_or_fail(fixture_site, tmp_path / "at", "-e", threshold)
    at_threshold = soup(tmp_path / "at" / "tags" / "index.html")
    assert len(at_threshold.select(".post-item")) == len(entries)
    assert not at_threshold.select(".post-line")


def test_past_the_threshold_entries_are_lines_and_tags_link_to_full_pages(
    fixture_site: Path, tmp_path: Path, built_fixture_site: Path
) -> None:
    full = sections(built_fixture_site / "tags" / "index.html")
    entries = sum(len(s.select(".post-item")) for s in full.values())
    build_or_fail(
        fixture_site,
        tmp_path / "out",
        "-e",
        f"SCHOLAR_TAGS_PAGE_EXCERPTS={entries - 1}",
        "SCHOLAR_TAGS_PAGE_COMPACT_POSTS=1",
    )
    page = tmp_path / "out" / "tags" / "index.html"
    compact = sections(page)
    assert list(compact) == list(full)  # the same tags, in the same order
    assert not soup(page).select(".post-item, .post-item__excerpt")
    for name, section in compact.items():
        titles = [
            item.select_one(".post-item__title").get_text()
            for item in full[name].select(".post-item")
        ]
        lines = section.select("li.post-line")
        if not titles:  # a tag only hidden posts carry: an empty section
            assert not lines
            continue
        assert [line.a.get_text() for line in lines] == titles[:1]  # newest first
        assert "minute read" in lines[0].get_text()
        assert lines[0].time["datetime"]
        more = section.select_one(".tag-section__more a")
        assert f"All {len(titles)} post" in more.get_text()
        tag_page = tmp_path / "out" / more["href"].lstrip("/")
        tag_titles = [
            item.select_one(".post-item__title").get_text()
            for item in soup(tag_page).select(".post-item")
        ]
        assert tag_titles == titles  # the tag's own page has every full item
        assert all(
            item.select_one(".post-item__excerpt")
            for item in soup(tag_page).select(".post-item")
        )
