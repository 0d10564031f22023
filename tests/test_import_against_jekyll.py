"""The importer against real Jekyll: every address of the old site still answers.

The fixture academicpages site is built with Debian's Jekyll (with the plugins
its ``_config.yml`` asks for, and stand-ins for the theme's includes and
layouts the fixture does not carry) and imported with ``pelican-scholar import
academicpages``; the import is built with ``publishconf.py``. Every page and
file Jekyll wrote must answer in the new output as GitHub Pages serves it
(redirect pages count), unless the import report names it as left out;
titles, texts and links of posts and collection items must match. The
comparison is ``benchmarks/import_vs_jekyll.py``, which prints the same for
any site.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass

import pytest
import yaml
from conftest import FIXTURES, build_published_or_fail
from import_vs_jekyll import (
    COMPARED_KINDS,
    SITEURL,
    Comparison,
    Row,
    Written,
    add_theme_stubs,
    build_with_jekyll,
    compare,
    coverage,
    group,
    import_site,
    installed_plugins,
    overwriters,
    site_plugins,
)

pytestmark = pytest.mark.slow

SOURCE = FIXTURES / "academicpages"
INSTALL = "`scripts/system-deps test` installs it (Debian's jekyll and ruby-jekyll-*)"


@dataclass(frozen=True)
class Compared:
    """The fixture built by Jekyll, and its import built by Pelican."""

    written: list[Written]
    rows: list[Row]
    comparisons: list[Comparison]
    report: str


def require_jekyll_and_plugins() -> None:
    """Fail (never skip) when Jekyll or a plugin the fixture uses is missing."""
    if shutil.which("jekyll") is None:
        pytest.fail(f"jekyll is not installed: {INSTALL}")
    config = yaml.safe_load((SOURCE / "_config.yml").read_text(encoding="utf-8"))
    wanted = site_plugins(config)
    missing = sorted(set(wanted) - set(installed_plugins(wanted)))
    if missing:
        pytest.fail(f"Jekyll plugins missing: {', '.join(missing)}: {INSTALL}")


@pytest.fixture(scope="module")
def compared(tmp_path_factory: pytest.TempPathFactory) -> Compared:
    """Build the fixture with Jekyll; import it and build the import."""
    require_jekyll_and_plugins()
    root = tmp_path_factory.mktemp("import-vs-jekyll")
    source = root / "old-site"
    shutil.copytree(SOURCE, source)
    dest = root / "new-site"
    report = import_site(source, dest)
    build_published_or_fail(dest, root / "published", SITEURL)
    add_theme_stubs(source)  # after the import: it reads the fixture as it is
    written = build_with_jekyll(source, root / "jekyll")
    rows = coverage(written, root / "published", report)
    overwritten = overwriters(written)
    comparisons = [
        compare(
            row, root / "jekyll", root / "published", overwritten.get(row.written, "")
        )
        for row in rows
        if row.written.kind in COMPARED_KINDS
    ]
    return Compared(written, rows, comparisons, report)


def misses(rows: list[Row], name: str) -> list[str]:
    """The old addresses of group ``name`` that answer nowhere, unreported."""
    return [
        f"{row.written.source or row.written.kind}: "
        + ", ".join(f"{a.address} {a.status}" for a in row.answers)
        for row in rows
        if group(row) == name and row.status == "missing"
    ]


def test_jekyll_wrote_every_kind_of_page_the_fixture_has(compared: Compared) -> None:
    kinds = {item.kind for item in compared.written}
    folders = {
        path.name.removeprefix("_") for path in SOURCE.glob("_*") if path.is_dir()
    }
    expected = {"page", "redirect", "static", "posts"} | (set(COMPARED_KINDS) & folders)
    assert expected <= kinds
    for item in compared.written:
        if item.kind not in ("redirect", "page"):
            assert (SOURCE / item.source).is_file(), item


def test_every_page_jekyll_wrote_answers_unless_the_report_left_it_out(
    compared: Compared,
) -> None:
    assert misses(compared.rows, "HTML pages") == []


def test_every_static_file_jekyll_copied_answers(compared: Compared) -> None:
    assert misses(compared.rows, "static files") == []


def test_the_atom_feed_keeps_its_address(compared: Compared) -> None:
    (feed,) = [row for row in compared.rows if row.written.output == "feed.xml"]
    assert feed.status == "answered"


def test_every_redirect_page_leads_to_a_page(compared: Compared) -> None:
    redirects = [
        answer
        for row in compared.rows
        for answer in row.answers
        if answer.redirect_to is not None
    ]
    assert redirects
    assert [a for a in redirects if a.status != "redirect"] == []


def test_what_the_report_calls_left_out_does_not_answer(compared: Compared) -> None:
    assert [
        row.finding for row in compared.rows if row.finding and row.status == "answered"
    ] == []


def test_posts_and_items_keep_their_titles(compared: Compared) -> None:
    shown = [item for item in compared.comparisons if not item.overwritten_by]
    assert shown
    assert [
        (item.written.source, item.old_title, item.new_title)
        for item in shown
        if item.old_title != item.new_title
    ] == []


def test_posts_and_items_keep_roughly_their_words(compared: Compared) -> None:
    ratios = {
        item.written.source: item.ratio
        for item in compared.comparisons
        if not item.overwritten_by
    }
    assert sum(1 for source in ratios if source.startswith("_posts/")) >= 5
    assert {
        source: ratio
        for source, ratio in ratios.items()
        if ratio is None or not 0.9 <= ratio <= 1.1
    } == {}


def test_posts_and_items_link_nowhere_new(compared: Compared) -> None:
    linked = [item for item in compared.comparisons if not item.overwritten_by]
    assert linked
    assert [
        (item.written.source, item.old_broken, item.new_broken)
        for item in linked
        if len(item.new_broken) > len(item.old_broken)
    ] == []
