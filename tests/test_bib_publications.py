"""Publications from BibTeX: the publications page, entry pages, selected on home."""

from __future__ import annotations

import pickle
from typing import TYPE_CHECKING

import pytest
from conftest import build_or_fail, entries_in, run_pelican, soup, write_site

from pelican.plugins.scholar import site_bibliographies
from pelican.plugins.scholar.bib_publications import BibPublication
from pelican.plugins.scholar.bibliography import BibliographyError, load_bibliography
from pelican.plugins.scholar.settings import DEFAULTS

if TYPE_CHECKING:
    from pathlib import Path

    from bs4 import BeautifulSoup

TWO_LINES = """\
from pelican.plugins.scholar import theme_path
THEME = theme_path()
PLUGINS = ["pelican.plugins.scholar"]
"""

PAPERS = r"""
@string{jmlr = {Journal of Machine Learning Research}}

@article{castellan2024policy,
  author = {Castellan, Mira and M{\"u}ller, J{\"o}rg and Ng, Wei},
  title = {Policy Gradients with {LLM} Judges},
  journal = jmlr,
  year = {2024},
  month = mar,
  volume = {25},
  pages = {1--42},
  doi = {10.5555/jmlr.2024.1},
  pdf = {castellan2024.pdf},
  code = {https://github.com/example/judges},
  abstract = {We study <script>alert(1)</script> judges \& rewards.},
  selected = {true},
}

@inproceedings{castellan2021replay,
  author = {Garc{\'\i}a, Ana and Castellan, M.},
  title = {Routing Replay at Scale},
  crossref = {conf2021},
  slides = {/talks/replay.pdf},
}

@proceedings{conf2021,
  title = {Proceedings of the Conference on Systems},
  booktitle = {Proceedings of the Conference on Systems},
  year = {2021},
}

@misc{castellan2025preprint,
  author = {Castellan, Mira},
  title = {A Preprint on Distillation},
  year = {2025},
  eprint = {2501.01234},
  archiveprefix = {arXiv},
}

@phdthesis{castellan2019thesis,
  author = {Castellan, Mira},
  title = {Learning to Reason},
  school = {University of Somewhere},
  year = {2019},
}

@misc{undated,
  author = {Castellan, Mira},
  title = {Notes Without a Year},
}
"""


def site_settings(extra: str = "") -> str:
    return TWO_LINES + 'AUTHOR = "Mira Castellan"\nSITEURL = ""\n' + extra


POST = "Title: Hello\nDate: 2024-01-01\n\nText.\n"


def make_site(tmp_path: Path, extra: str = "", files: dict | None = None) -> Path:
    return write_site(
        tmp_path / "site",
        {"bibliography/papers.bib": PAPERS, "posts/hello.md": POST, **(files or {})},
        site_settings(extra),
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("bib")
    site = make_site(tmp_path, 'SITEURL = "https://example.org"\n')
    build_or_fail(site, tmp_path / "out")
    return tmp_path / "out"


def citation_tags(page: BeautifulSoup) -> list[tuple[str, str]]:
    """Return a page's Google Scholar tags, (name, content), in order."""
    return [(m["name"], m["content"]) for m in page.select('meta[name^="citation_"]')]


def listing_titles(out: Path) -> list[str]:
    page = soup(out / "publications" / "index.html")
    return [h.get_text(strip=True) for h in page.select(".collection-item__title")]


def test_two_lines_and_a_bib_give_a_publications_page_and_menu_entry(
    built: Path,
) -> None:
    home = soup(built / "index.html")
    menu = [a.get_text(strip=True) for a in home.select(".masthead__nav a")]
    assert "Publications" in menu
    link = home.select_one('.masthead__nav a[href$="/publications/"]')
    assert link is not None
    # Every entry but the proceedings its papers crossref.
    assert listing_titles(built) == [
        "A Preprint on Distillation",
        "Policy Gradients with LLM Judges",
        "Routing Replay at Scale",
        "Learning to Reason",
        "Notes Without a Year",
    ]


def test_the_listing_is_grouped_by_year_newest_first(built: Path) -> None:
    page = soup(built / "publications" / "index.html")
    headings = [
        h.get_text(strip=True) for h in page.select(".collection-group__heading")
    ]
    assert headings == ["2025", "2024", "2021", "2019", "Other"]


def test_an_entry_shows_authors_with_the_owner_bold_venue_year_and_buttons(
    built: Path,
) -> None:
    page = soup(built / "publications" / "index.html")
    entry = page.select_one("#pub-castellan2024policy")
    assert entry.select_one(".publication__authors").get_text() == (
        "Mira Castellan, Jörg Müller, and Wei Ng"
    )
    assert [b.get_text() for b in entry.select(".publication__authors strong")] == [
        "Mira Castellan"
    ]
    assert entry.select_one(".collection-item__facts").get_text() == (
        "Journal of Machine Learning Research, 2024"
    )
    buttons = {a.get_text(): a["href"] for a in entry.select(".publication__button")}
    assert buttons == {
        "PDF": "https://example.org/files/castellan2024.pdf",
        "DOI": "https://doi.org/10.5555/jmlr.2024.1",
        "Code": "https://github.com/example/judges",
    }
    replay = page.select_one("#pub-castellan2021replay")
    # "M. Castellan" is the owner too; a root-relative file is the site's.
    assert replay.select_one(".publication__authors strong").get_text() == (
        "M. Castellan"
    )
    assert {a.get_text(): a["href"] for a in replay.select(".publication__button")} == {
        "Slides": "https://example.org/talks/replay.pdf"
    }
    assert "Proceedings of the Conference on Systems, 2021" in replay.get_text()
    preprint = page.select_one("#pub-castellan2025preprint")
    assert {
        a.get_text(): a["href"] for a in preprint.select(".publication__button")
    } == {"arXiv": "https://arxiv.org/abs/2501.01234"}


def test_abstract_and_bibtex_open_without_javascript_and_stay_text(
    built: Path,
) -> None:
    html = (built / "publications" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    entry = soup(built / "publications" / "index.html").select_one(
        "#pub-castellan2024policy"
    )
    details = entry.select("details.publication__details")
    assert [d.summary.get_text() for d in details] == ["Abstract", "BibTeX"]
    assert details[0].p.get_text() == (
        "We study <script>alert(1)</script> judges & rewards."
    )
    bibtex = details[1].pre.get_text()
    assert bibtex.startswith("@article{castellan2024policy,")
    assert "journal = {Journal of Machine Learning Research}" in bibtex
    assert "selected" not in bibtex
    assert "pdf" not in bibtex
    copy = details[1].select_one("button.copy-button")
    assert copy["data-copy"] == details[1].pre["id"]


def test_each_entry_has_a_page_with_google_scholar_tags(built: Path) -> None:
    page = soup(built / "publications" / "castellan2024policy" / "index.html")
    tags = citation_tags(page)
    assert tags == [
        ("citation_title", "Policy Gradients with LLM Judges"),
        ("citation_author", "Mira Castellan"),
        ("citation_author", "Jörg Müller"),
        ("citation_author", "Wei Ng"),
        ("citation_publication_date", "2024"),
        ("citation_journal_title", "Journal of Machine Learning Research"),
        ("citation_volume", "25"),
        ("citation_firstpage", "1"),
        ("citation_lastpage", "42"),
        ("citation_doi", "10.5555/jmlr.2024.1"),
        ("citation_pdf_url", "https://example.org/files/castellan2024.pdf"),
    ]
    assert page.select_one("h1").get_text() == "Policy Gradients with LLM Judges"
    assert (
        page.select_one("title")
        .get_text()
        .startswith("Policy Gradients with LLM Judges")
    )
    conference = soup(built / "publications" / "castellan2021replay" / "index.html")
    names = dict(citation_tags(conference))
    assert (
        names["citation_conference_title"] == "Proceedings of the Conference on Systems"
    )
    thesis = soup(built / "publications" / "castellan2019thesis" / "index.html")
    names = dict(citation_tags(thesis))
    assert names["citation_dissertation_institution"] == "University of Somewhere"
    preprint = soup(built / "publications" / "castellan2025preprint" / "index.html")
    names = dict(citation_tags(preprint))
    assert names["citation_pdf_url"] == "https://arxiv.org/pdf/2501.01234"


def test_selected_publications_are_on_the_home_page(built: Path) -> None:
    section = soup(built / "index.html").select_one(".selected-publications")
    assert section.h2.get_text() == "Selected publications"
    assert [
        h.get_text(strip=True) for h in section.select(".collection-item__title")
    ] == ["Policy Gradients with LLM Judges"]


def test_no_entry_pages_and_no_selected_section_when_turned_off(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        "SCHOLAR_BIBLIOGRAPHY_PAGES = False\nSCHOLAR_SELECTED_ON_HOME = False\n",
    )
    build_or_fail(site, tmp_path / "out")
    assert not (tmp_path / "out" / "publications" / "castellan2024policy").exists()
    listing = soup(tmp_path / "out" / "publications" / "index.html")
    assert listing.select_one(".collection-item__title a") is None
    assert len(listing.select(".collection-item__title")) == 5
    assert (
        soup(tmp_path / "out" / "index.html").select_one(".selected-publications")
        is None
    )


def test_grouped_by_type(tmp_path: Path) -> None:
    site = make_site(tmp_path, 'SCHOLAR_PUBLICATIONS_GROUP_BY = "type"\n')
    build_or_fail(site, tmp_path / "out")
    page = soup(tmp_path / "out" / "publications" / "index.html")
    groups = [
        (
            section.h2.get_text(strip=True),
            [h.get_text(strip=True) for h in section.select(".collection-item__title")],
        )
        for section in page.select(".collection-group")
    ]
    assert groups == [
        ("Journal articles", ["Policy Gradients with LLM Judges"]),
        ("Conference papers", ["Routing Replay at Scale"]),
        ("Theses", ["Learning to Reason"]),
        ("Preprints and other", ["A Preprint on Distillation", "Notes Without a Year"]),
    ]


MARKDOWN_PUBLICATION = """\
---
title: "A Markdown Paper"
date: 2024-06-01
venue: "Workshop on Things"
paperurl: "/files/markdown-paper.pdf"
selected: true
---
Body.
"""


def test_markdown_publications_and_the_bib_share_one_page(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        'SITEURL = "https://example.org"\n',
        {"publications/2024-markdown.md": MARKDOWN_PUBLICATION},
    )
    build_or_fail(site, tmp_path / "out")
    out = tmp_path / "out"
    page = soup(out / "publications" / "index.html")
    year = page.select(".collection-group")[1]
    assert year.h2.get_text() == "2024"
    assert [h.get_text(strip=True) for h in year.select(".collection-item__title")] == [
        "A Markdown Paper",
        "Policy Gradients with LLM Judges",
    ]
    home = soup(out / "index.html").select_one(".selected-publications")
    assert [h.get_text(strip=True) for h in home.select(".collection-item__title")] == [
        "A Markdown Paper",
        "Policy Gradients with LLM Judges",
    ]
    item = soup(out / "publications" / "a-markdown-paper" / "index.html")
    tags = citation_tags(item)
    assert tags == [
        ("citation_title", "A Markdown Paper"),
        ("citation_publication_date", "2024/06/01"),
        ("citation_journal_title", "Workshop on Things"),
        ("citation_pdf_url", "https://example.org/files/markdown-paper.pdf"),
    ]


def test_a_malformed_entry_is_an_error_and_left_out(tmp_path: Path) -> None:
    broken = "@article{good, title = {Good}, year = 2020}\n\n@article{bad,\n  title = {Unclosed,\n  year = 2021\n}\n"
    site = write_site(
        tmp_path / "site",
        {"bibliography/papers.bib": broken, "posts/hello.md": POST},
        site_settings(),
    )
    result = run_pelican(site, tmp_path / "out", "--fatal", "errors")
    assert result.returncode != 0
    log = "".join((result.stdout + result.stderr).split())
    assert "papers.bib:3:malformedentry'bad',leftout" in log
    assert not (tmp_path / "out" / "index.html").exists()
    result = run_pelican(site, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "malformed entry 'bad', left out" in result.stdout + result.stderr
    listing = (tmp_path / "out" / "publications" / "index.html").read_text()
    assert "Good" in listing
    assert "Unclosed" not in listing


def test_a_key_in_a_publications_file_and_a_references_file_is_a_warning(
    tmp_path: Path,
) -> None:
    site = make_site(
        tmp_path,
        files={
            "references/others.bib": "\n@misc{Castellan2024Policy, title = {Elsewhere}}\n",
            "posts/cites.md": "Title: Cites\nDate: 2024-01-02\n\nAs [@Castellan2024Policy].\n",
        },
    )
    result = run_pelican(site, tmp_path / "out", "--fatal", "errors")
    assert result.returncode == 0, result.stdout + result.stderr
    log = " ".join((result.stdout + result.stderr).split())
    assert "others.bib:2: key 'Castellan2024Policy' is already defined at" in log
    assert "papers.bib:4: this entry is listed as 'Castellan2024Policy-2'" in log
    publications = (tmp_path / "out" / "publications" / "index.html").read_text()
    assert "Elsewhere" not in publications
    cites = (tmp_path / "out" / "cites.html").read_text()
    assert "Elsewhere" not in cites
    assert "Policy" in cites


def test_references_files_are_not_listed(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        files={
            "references/others.bib": "@misc{other2020, title = {Not Mine}, year = 2020}\n"
        },
    )
    build_or_fail(site, tmp_path / "out")
    assert "Not Mine" not in listing_titles(tmp_path / "out")


def test_biblatex_sets_and_data_containers_are_not_listed(tmp_path: Path) -> None:
    # biblatex-examples.bib: an @set groups works listed on their own; an
    # @xdata holds fields for others. Neither is a work: listed, each showed
    # only its key.
    sets = r"""
@set{stdmodel,
  entryset = {glashow,weinberg},
}
@xdata{hup,
  publisher = {Harvard University Press},
  location = {Cambridge, Mass.},
}
@article{glashow,
  author = {Glashow, Sheldon},
  title = {Partial Symmetries of Weak Interactions},
  journaltitle = {Nucl.~Phys.},
  date = 1961,
}
@article{weinberg,
  author = {Weinberg, Steven},
  title = {A Model of Leptons},
  journaltitle = {Phys.~Rev.~Lett.},
  date = 1967,
}
"""
    site = make_site(tmp_path, files={"bibliography/papers.bib": sets})
    build_or_fail(site, tmp_path / "out")
    assert listing_titles(tmp_path / "out") == [
        "A Model of Leptons",
        "Partial Symmetries of Weak Interactions",
    ]


def test_no_bib_no_publications_page(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"posts/hello.md": POST}, site_settings())
    build_or_fail(site, tmp_path / "out")
    assert not (tmp_path / "out" / "publications").exists()
    menu = soup(tmp_path / "out" / "index.html").select(".masthead__nav a")
    assert "Publications" not in [a.get_text(strip=True) for a in menu]


def test_an_edited_bib_reaches_the_next_cached_build(tmp_path: Path) -> None:
    site = make_site(tmp_path, "CACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\n")
    build_or_fail(site, tmp_path / "out")
    bib = site / "content" / "bibliography" / "papers.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8").replace(
            "Learning to Reason", "Learning to Think"
        ),
        encoding="utf-8",
    )
    build_or_fail(site, tmp_path / "out")
    assert "Learning to Think" in listing_titles(tmp_path / "out")
    assert "Learning to Reason" not in listing_titles(tmp_path / "out")


def test_a_parsed_file_is_taken_from_the_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bib = tmp_path / "papers.bib"
    bib.write_text(PAPERS, encoding="utf-8")
    settings = {
        "CACHE_PATH": str(tmp_path / "cache"),
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
    }
    first = site_bibliographies.read_files([bib], settings)
    assert list((tmp_path / "cache" / "scholar-bibliography").glob("*.pickle"))
    # A new process: nothing in memory, and parsing would fail.
    monkeypatch.setattr(site_bibliographies, "_PARSED", {})

    def no_parsing(*arguments: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(site_bibliographies, "load_bibliography", no_parsing)
    again = site_bibliographies.read_files([bib], settings)
    assert [ref.title for ref in again.values()] == [
        ref.title for ref in first.values()
    ]


def test_a_corrupt_cache_file_is_parsed_again(tmp_path: Path) -> None:
    bib = tmp_path / "papers.bib"
    bib.write_text(PAPERS, encoding="utf-8")
    settings = {
        "CACHE_PATH": str(tmp_path / "cache"),
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
    }
    site_bibliographies.read_files([bib], settings)
    for cached in (tmp_path / "cache" / "scholar-bibliography").glob("*.pickle"):
        cached.write_bytes(pickle.dumps("not references")[:5])
    site_bibliographies._PARSED.clear()
    again = site_bibliographies.read_files([bib], settings)
    assert "castellan2024policy" in again


def test_a_post_bibliography_file_that_is_missing_names_the_post(
    tmp_path: Path,
) -> None:
    with pytest.raises(
        BibliographyError, match=r"post\.md: bibliography file 'x\.bib'"
    ):
        site_bibliographies.post_bibliography(
            str(tmp_path / "post.md"), ["x.bib"], {"PATH": str(tmp_path)}
        )


def test_an_edited_entry_is_rendered_again_with_incremental_writes(
    tmp_path: Path,
) -> None:
    site = make_site(tmp_path, "CACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\n")
    settings = site / "pelicanconf.py"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            'PLUGINS = ["pelican.plugins.scholar"]',
            'PLUGINS = ["pelican.plugins.scholar", "pelican.plugins.scholar.speed"]',
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    build_or_fail(site, out)
    bib = site / "content" / "bibliography" / "papers.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8").replace("judges \\&", "critics \\&"),
        encoding="utf-8",
    )
    build_or_fail(site, out)
    entry = soup(out / "publications" / "castellan2024policy" / "index.html")
    assert "critics & rewards" in entry.select_one(".publication__abstract").get_text()
    listing = soup(out / "publications" / "index.html")
    assert (
        "critics & rewards"
        in listing.select_one(
            "#pub-castellan2024policy .publication__abstract"
        ).get_text()
    )


def test_files_parsed_together_are_cached_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file using a macro another defines is parsed with it; the pair is
    # cached as one, and parsed again when either file changes.
    macros = tmp_path / "macros.bib"
    macros.write_text('@string{jfr = "Journal of Fine Results"}\n', encoding="utf-8")
    papers = tmp_path / "papers.bib"
    papers.write_text(
        "@article{one, title = {First}, author = {Ada Byron}, journal = jfr,"
        " year = 2024}\n",
        encoding="utf-8",
    )
    settings = {
        "CACHE_PATH": str(tmp_path / "cache"),
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
    }
    first = site_bibliographies.read_files([macros, papers], settings)
    assert first["one"].fields["journal"] == "Journal of Fine Results"
    monkeypatch.setattr(site_bibliographies, "_PARSED", {})  # a new process
    parsed: list[object] = []
    real_load = site_bibliographies.load_bibliography

    def counting_load(paths: list[Path], *arguments: object) -> object:
        parsed.append(paths)
        return real_load(paths, *arguments)

    monkeypatch.setattr(site_bibliographies, "load_bibliography", counting_load)
    again = site_bibliographies.read_files([macros, papers], settings)
    assert again["one"].fields["journal"] == "Journal of Fine Results"
    assert parsed == []
    macros.write_text('@string{jfr = "Journal of Finer Results"}\n', encoding="utf-8")
    changed = site_bibliographies.read_files([macros, papers], settings)
    assert changed["one"].fields["journal"] == "Journal of Finer Results"
    assert parsed == [[macros, papers]]


def test_an_edited_file_in_a_new_process_parses_only_its_edited_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, texts_given_to_pybtex: list[str]
) -> None:
    bib = tmp_path / "papers.bib"
    bib.write_text(PAPERS, encoding="utf-8")
    settings = {
        "CACHE_PATH": str(tmp_path / "cache"),
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
    }
    first = site_bibliographies.read_files([bib], settings)
    assert len(first) > 1
    bib.write_text(
        PAPERS.replace(
            "@article{castellan2024policy,",
            "@article{castellan2024policy,\n  note = {An added note},",
        ),
        encoding="utf-8",
    )
    # A new process: nothing in memory; the entries parsed last time are on disk.
    monkeypatch.setattr(site_bibliographies, "_PARSED", {})
    monkeypatch.setattr(site_bibliographies, "_ENTRIES", {})
    texts_given_to_pybtex.clear()
    again = site_bibliographies.read_files([bib], settings)
    [parsed] = texts_given_to_pybtex
    assert entries_in(parsed) == ["castellan2024policy"]
    assert again["castellan2024policy"].fields["note"] == "An added note"
    assert list(again) == list(first)


@pytest.mark.parametrize(
    ("pages", "first", "last"),
    [
        # PubMed's abbreviated ranges (ArtPoon/latex-cv, 40 of its 125
        # entries; Semantic Scholar's 1177-94): Google Scholar reads the page.
        ("1135--43", "1135", "1143"),
        ("8805--7", "8805", "8807"),
        ("1177-94", "1177", "1194"),
        ("e1004295", "e1004295", None),
        ("35--41", "35", "41"),
        # Not a shorter last page: a date Google Scholar took for pages.
        ("2025--07", "2025", "07"),
    ],
)
def test_an_abbreviated_last_page_is_written_whole(
    tmp_path: Path, pages: str, first: str, last: str | None
) -> None:
    path = tmp_path / "pages.bib"
    path.write_text(f"@article{{p, title={{P}}, pages={{{pages}}}}}\n")
    reference = load_bibliography([path])["p"]
    tags = dict(BibPublication(reference, "publications", dict(DEFAULTS)).citation_meta)
    assert tags["citation_firstpage"] == first
    assert tags.get("citation_lastpage") == last


def test_the_listing_says_a_works_pubstate(tmp_path: Path) -> None:
    bib = r"""
    @inproceedings{cloud, author = {Roe, Ann}, title = {Point Clouds},
      booktitle = {NeurIPS}, year = {2025}, pubstate = {inpress}}
    @article{review, author = {Doe, Jane}, title = {Under Review},
      journaltitle = {Journal of Things}, pubstate = {submitted}}
    """
    site = make_site(tmp_path, files={"bibliography/papers.bib": bib})
    build_or_fail(site, tmp_path / "out")
    page = soup(tmp_path / "out" / "publications" / "index.html")
    facts = [
        entry.select_one(".collection-item__facts").get_text()
        for entry in page.select("#pub-cloud, #pub-review")
    ]
    assert facts == ["NeurIPS, 2025, in press", "Journal of Things, submitted"]
