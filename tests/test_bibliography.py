"""Reading .bib files (bibliography.py): odd BibTeX, both styles, escaping, errors."""

from __future__ import annotations

import codecs
import pickle
import re
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import entries_in, run_python
from hypothesis import given, settings
from hypothesis import strategies as st

from pelican.plugins.scholar import bibliography
from pelican.plugins.scholar.bib_publications import BibPublication
from pelican.plugins.scholar.bibliography import (
    BibliographyError,
    bibliography_paths,
    decode_latex,
    format_reference,
    load_bibliography,
    names_html,
    owner_names,
    site_bibliography,
    to_unicode,
)
from pelican.plugins.scholar.post_citations import short_authors
from pelican.plugins.scholar.settings import DEFAULTS, ScholarSettingsError, validate
from pelican.plugins.scholar.site_bibliographies import read_files
from pelican.plugins.scholar.warm_build import forget_logged_messages

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
from generate_bib import generate

ODD = r"""
@comment{An old entry, kept as a comment: @article{commented, title={No}}}
@string{jml = "Journal of Machine Learning"}
@article{goedel2020,
  author = {G{\"o}del, Kurt and Erd\H{o}s, Paul and Ren\'{e}e Dupont},
  title = {The {DNA} of \'Elite Proofs},
  journal = jml # " Research",
  year = 2020,
  month = jan,
  url = {https://example.org/a%20b?x=1%2C2},
  doi = {10.1000/xyz123},
  abstract = {We show it is 50\% faster -- na{\"\i}vely.},
  selected = {true},
}
@proceedings{conf2021,
  title = {Proceedings of the Conference on Things},
  editor = {Lef{\`e}vre, Anne},
  publisher = {ACM},
  year = {2021},
  month = {March},
}
@inproceedings{child2021,
  author = {Castellan, Mira and van der Berg, Jan},
  title = {A Child Paper},
  crossref = {conf2021},
  pages = {1--10},
  code = {https://github.com/mira/child},
  slides = {files/child-slides.pdf},
}
@misc{bare,
  title = {Only a Title},
}
@misc{preprint,
  author = {Castellan, M.},
  title = {On \emph{Sparse} Things},
  eprint = {2401.01234},
  archiveprefix = {arXiv},
  year = 2024,
  month = 7,
  pdf = {https://example.org/preprint.pdf},
  poster = {https://example.org/poster.pdf},
  video = {https://video.example.org/talk},
  project = {https://example.org/project},
}
"""


def write(folder: Path, name: str, text: str) -> Path:
    """Write ``text`` (dedented) to ``folder/name`` and return the path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


@pytest.fixture
def odd(tmp_path: Path):
    return load_bibliography([write(tmp_path, "odd.bib", ODD)])


def test_keys_in_file_order_without_macros_or_comments(odd) -> None:
    assert list(odd) == ["goedel2020", "conf2021", "child2021", "bare", "preprint"]
    assert "commented" not in odd


def test_latex_escapes_and_braces_become_unicode(odd) -> None:
    ref = odd["goedel2020"]
    assert ref.title == "The DNA of Élite Proofs"
    assert ref.persons["author"] == ("Kurt Gödel", "Paul Erdős", "Renée Dupont")
    assert ref.authors == ("Kurt Gödel", "Paul Erdős", "Renée Dupont")
    assert ref.abstract == "We show it is 50% faster \N{EN DASH} naïvely."
    assert ref.fields["author"] == "Kurt Gödel and Paul Erdős and Renée Dupont"
    assert odd["preprint"].title == "On Sparse Things"


def test_string_macros_concatenation_and_month_macros(odd) -> None:
    ref = odd["goedel2020"]
    assert ref.fields["journal"] == "Journal of Machine Learning Research"
    assert ref.venue == "Journal of Machine Learning Research"
    assert ref.fields["month"] == "January"
    assert (ref.year, ref.month) == (2020, 1)
    assert odd["conf2021"].month == 3
    assert odd["preprint"].month == 7


def test_urls_keep_their_percent_signs(odd) -> None:
    ref = odd["goedel2020"]
    assert ref.fields["url"] == "https://example.org/a%20b?x=1%2C2"
    assert ref.links == {
        "doi": "https://doi.org/10.1000/xyz123",
        "url": "https://example.org/a%20b?x=1%2C2",
    }


def test_crossref_children_inherit_the_parents_fields(odd) -> None:
    child = odd["child2021"]
    assert child.venue == "Proceedings of the Conference on Things"
    assert child.fields["publisher"] == "ACM"
    assert child.year == 2021
    assert child.fields["pages"] == "1\N{EN DASH}10"
    assert child.persons["editor"] == ("Anne Lefèvre",)
    assert child.persons["author"] == ("Mira Castellan", "Jan van der Berg")
    assert child.family_names() == ("Castellan", "van der Berg")


def test_missing_fields_are_empty_not_errors(odd) -> None:
    bare = odd["bare"]
    assert (bare.title, bare.authors, bare.year, bare.month) == (
        "Only a Title",
        (),
        None,
        None,
    )
    assert (bare.venue, bare.abstract, bare.links, bare.selected) == ("", "", {}, False)
    assert format_reference(bare, "author-year") == "Only a Title."
    assert (
        format_reference(bare, "numeric", number=4) == "[4] \u201cOnly a Title.\u201d"
    )


def test_links_selected_and_entry_type(odd) -> None:
    assert odd["goedel2020"].selected
    assert [ref.key for ref in odd.values() if ref.selected] == ["goedel2020"]
    assert odd.selected == [odd["goedel2020"]]
    assert odd["child2021"].entry_type == "inproceedings"
    assert odd["child2021"].links == {
        "code": "https://github.com/mira/child",
        "slides": "files/child-slides.pdf",
    }
    preprint = odd["preprint"]
    assert list(preprint.links) == ["pdf", "arxiv", "poster", "video", "project"]
    assert preprint.links["arxiv"] == "https://arxiv.org/abs/2401.01234"
    assert preprint.venue == "arXiv"


def test_the_bibtex_is_self_contained_without_site_fields(odd, tmp_path: Path) -> None:
    source = odd["child2021"].bibtex
    assert source.startswith("@inproceedings{child2021,")
    assert "booktitle = {Proceedings of the Conference on Things}" in source
    assert "crossref" not in source
    assert "code" not in source
    assert "slides" not in source
    assert (
        "journal = {Journal of Machine Learning Research}" in odd["goedel2020"].bibtex
    )
    assert "selected" not in odd["goedel2020"].bibtex
    # Copied into a file of its own, it reads back as the same entry.
    copy = load_bibliography([write(tmp_path, "copy.bib", source)])["child2021"]
    assert copy.fields | {"crossref": "conf2021", "code": "", "slides": ""} == (
        odd["child2021"].fields | {"code": "", "slides": ""}
    )


def test_author_year_style(odd) -> None:
    assert format_reference(odd["goedel2020"], "author-year") == (
        "Kurt Gödel, Paul Erdős, and Renée Dupont (2020). The DNA of Élite Proofs. "
        "<em>Journal of Machine Learning Research</em>."
    )
    assert format_reference(odd["child2021"], "author-year") == (
        "Mira Castellan and Jan van der Berg (2021). A Child Paper. "
        "<em>Proceedings of the Conference on Things</em>."
    )


def test_numeric_style(odd) -> None:
    assert format_reference(odd["goedel2020"], "numeric", number=1) == (
        "[1] Kurt Gödel, Paul Erdős, and Renée Dupont, \u201cThe DNA of Élite Proofs,\u201d "
        "<em>Journal of Machine Learning Research</em>, 2020."
    )
    assert format_reference(odd["child2021"], "numeric") == (
        "Mira Castellan and Jan van der Berg, \u201cA Child Paper,\u201d "
        "<em>Proceedings of the Conference on Things</em>, 2021."
    )


def test_unknown_style_is_an_error(odd) -> None:
    with pytest.raises(ValueError, match="'apa'"):
        format_reference(odd["bare"], "apa")


def test_the_owner_is_strong_matched_by_family_name_and_initial(odd) -> None:
    owner = ["Mira Castellan"]
    assert format_reference(odd["child2021"], owner_names=owner).startswith(
        "<strong>Mira Castellan</strong> and Jan van der Berg (2021)."
    )
    assert format_reference(odd["preprint"], "numeric", owner_names=owner).startswith(
        "<strong>M. Castellan</strong>,"
    )
    accented = format_reference(odd["goedel2020"], owner_names=["KURT Godel"])
    assert accented.startswith("<strong>Kurt Gödel</strong>, Paul Erdős")
    assert "<strong>" not in format_reference(
        odd["child2021"], owner_names=["Max Castellan"]
    )


def test_owner_names_default_to_author() -> None:
    assert owner_names({"AUTHOR": "Mira Castellan", "SCHOLAR_OWNER_NAMES": None}) == (
        "Mira Castellan",
    )
    assert owner_names({"AUTHOR": "Mira", "SCHOLAR_OWNER_NAMES": ["M. Castellan"]}) == (
        "M. Castellan",
    )
    assert owner_names({"SCHOLAR_OWNER_NAMES": None}) == ()


def test_a_bib_is_data_never_markup(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "evil.bib",
        r"""
        @article{evil,
          author = {<img src=x onerror=alert(1)> and Castellan, Mira},
          title = {<script>alert("t")</script> \& Co},
          journal = {<b>J</b>},
          year = {2020 <i>},
        }
        """,
    )
    ref = load_bibliography([path])["evil"]
    assert ref.title == '<script>alert("t")</script> & Co'
    for style in ("author-year", "numeric"):
        html = format_reference(ref, style, owner_names=["Mira Castellan"])
        assert "<script>" not in html
        assert "<img" not in html
        assert "<b>" not in html
        assert "<i>" not in html
        assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt; &amp; Co" in html
        assert "<em>J</em>" in html  # a formatting tag is left out, never markup
        assert "<strong>Mira Castellan</strong>" in html


def errors_of(caplog) -> list[str]:
    """The messages of the errors ``caplog`` holds."""
    return [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]


def test_a_malformed_entry_is_left_out_naming_file_line_and_key(
    tmp_path: Path, caplog
) -> None:
    path = write(
        tmp_path,
        "bad.bib",
        """
        @article{good1,
          title = {Fine},
        }

        @article{broken,
          title = {Unclosed brace,
          year = 2021,
        }

        @article{good2,
          title = {After},
        }
        """,
    )
    bib = load_bibliography([path])
    assert list(bib) == ["good1", "good2"]
    [error] = errors_of(caplog)
    assert error.startswith(f"{path}:5: malformed entry 'broken', left out (pybtex: ")


def test_a_malformed_first_line_names_its_own_entry(tmp_path: Path, caplog) -> None:
    path = write(
        tmp_path,
        "bad.bib",
        """
        @article{good, title = {Fine}}
        @article{nocomma, title = {x} year = 2020}
        """,
    )
    assert list(load_bibliography([path])) == ["good"]
    [error] = errors_of(caplog)
    assert error.startswith(f"{path}:2: malformed entry 'nocomma', left out")


def warnings_of(caplog) -> list[str]:
    """The messages of the warnings ``caplog`` holds."""
    return [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]


@pytest.mark.parametrize("cached", [False, True])
def test_a_key_defined_twice_lists_both_entries_and_names_both_places(
    tmp_path: Path, caplog, cached: bool
) -> None:
    first = write(tmp_path, "a.bib", "@misc{x, title={One}}\n@misc{y, title={Two}}\n")
    second = tmp_path / "b.bib"
    second.write_text("\n\n@misc{y, title={Again}}\n@misc{y-2, title={Taken}}\n")
    bib = (
        read_files([first, second], {"CACHE_PATH": str(tmp_path / "cache")})
        if cached
        else load_bibliography([first, second])
    )
    assert {key: bib[key].title for key in bib} == {
        "x": "One",
        "y": "Two",
        "y-3": "Again",
        "y-2": "Taken",
    }
    assert bib["y-3"].bibtex.startswith("@misc{y-3,")
    assert warnings_of(caplog) == [
        (
            f"{second}:3: key 'y' is already defined at {first}:2: this entry is"
            " listed as 'y-3', and [@y] cites the first"
        )
    ]


def test_a_copy_of_an_entry_in_the_same_file_is_listed_once(
    tmp_path: Path, caplog
) -> None:
    same = write(
        tmp_path,
        "c.bib",
        "@misc{z, title={One}, author={A, B}}\n\n@MISC{Z,\n author={A, B}, title={One}}\n"
        "@misc{z, title={Three}}\n",
    )
    bib = load_bibliography([same])
    assert [(key, bib[key].title, bib[key].line) for key in bib] == [
        ("z", "One", 1),
        ("z-2", "Three", 5),
    ]
    assert warnings_of(caplog) == [
        (
            f"{same}:3: key 'Z' is already defined at {same}:1, with the same fields:"
            " listed once"
        ),
        (
            f"{same}:5: key 'z' is already defined at {same}:1: this entry is listed"
            " as 'z-2', and [@z] cites the first"
        ),
    ]


def test_files_are_read_in_order_and_lines_are_kept(tmp_path: Path) -> None:
    first = write(tmp_path, "bibliography/b.bib", "@misc{second, title={B}}\n")
    (tmp_path / "bibliography/a.bib").write_text("\n@misc{first, title={A}}\n")
    write(tmp_path, "bibliography/notes.txt", "@misc{ignored, title={C}}\n")
    bib = site_bibliography(
        {"PATH": str(tmp_path), "SCHOLAR_BIBLIOGRAPHY": "bibliography/*.bib"}
    )
    assert list(bib) == ["first", "second"]
    assert (bib["first"].line, bib["second"].line) == (2, 1)
    assert bib["second"].path == first
    both = bibliography_paths(tmp_path, ["bibliography/b.bib", "bibliography/*.bib"])
    assert [path.name for path in both] == ["b.bib", "a.bib"]


def test_a_missing_folder_is_no_bibliography(tmp_path: Path) -> None:
    settings = {
        "PATH": str(tmp_path),
        "SCHOLAR_BIBLIOGRAPHY": DEFAULTS["SCHOLAR_BIBLIOGRAPHY"],
    }
    assert len(site_bibliography(settings)) == 0


def test_a_file_that_is_not_utf8_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.bib"
    path.write_bytes("@misc{x, title={Gödel}}\n".encode("latin-1"))
    with pytest.raises(BibliographyError, match=r"latin1\.bib: cannot read"):
        load_bibliography([path])


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SCHOLAR_BIBLIOGRAPHY", 3),
        ("SCHOLAR_BIBLIOGRAPHY", ""),
        ("SCHOLAR_BIBLIOGRAPHY", ["ok.bib", None]),
        ("SCHOLAR_CITATION_STYLE", "apa"),
        ("SCHOLAR_OWNER_NAMES", "Mira Castellan"),
        ("SCHOLAR_OWNER_NAMES", [""]),
    ],
)
def test_bibliography_settings_are_validated(name: str, value: object) -> None:
    settings = dict(DEFAULTS)
    settings[name] = value
    with pytest.raises(ScholarSettingsError, match=name):
        validate(settings)


def test_bibliography_defaults() -> None:
    assert DEFAULTS["SCHOLAR_BIBLIOGRAPHY"] == "bibliography/*.bib"
    assert DEFAULTS["SCHOLAR_CITATION_STYLE"] == "author-year"
    assert DEFAULTS["SCHOLAR_OWNER_NAMES"] is None
    validate({**DEFAULTS, "SCHOLAR_BIBLIOGRAPHY": ["a/*.bib", "b.bib"]})


def test_a_500_entry_file_parses_and_formats(tmp_path: Path) -> None:
    path = write(tmp_path, "big.bib", generate(500))
    start = time.perf_counter()
    bib = load_bibliography([path])
    html = [
        format_reference(ref, "numeric", number=n)
        for n, ref in enumerate(bib.values(), 1)
    ]
    elapsed = time.perf_counter() - start
    papers = [key for key in bib if key.startswith("paper")]
    assert len(papers) == 500
    assert len(bib) == 530  # and the 30 @proceedings they crossref
    assert all(bib[key].title and bib[key].authors for key in papers)
    assert bib["paper0000"].venue == "Proceedings of the 1th Conference on Learning"
    assert all("\\" not in ref.title and "{" not in ref.title for ref in bib.values())
    assert len(html) == 530
    assert elapsed < 10  # a generous bound: about 0.6 s here


def test_keys_ignore_case_as_in_bibtex(tmp_path: Path, caplog) -> None:
    path = write(tmp_path, "a.bib", "@misc{Key, title={A}}\n@misc{key, title={B}}\n")
    bib = load_bibliography([path])
    assert [(key, bib[key].title) for key in bib] == [("Key", "A"), ("key-2", "B")]
    assert warnings_of(caplog) == [
        (
            f"{path}:2: key 'key' is already defined at {path}:1: this entry is listed"
            " as 'key-2', and [@key] cites the first"
        )
    ]


@pytest.mark.parametrize(
    ("entry", "problem", "read"),
    [
        (
            "author = {Smith, J., Doe, K.},\n  title = {B}",
            "Too many commas in 'Smith, J., Doe, K.': names are separated by 'and'",
            ("title", "B"),
        ),
        (
            "title = {B},\n  Title = {C}",
            "field 'Title' is given twice: the first is kept, as in BibTeX",
            ("title", "B"),
        ),
    ],
)
def test_what_bibtex_only_warns_about_is_a_warning_naming_the_entry(
    tmp_path: Path, caplog, entry: str, problem: str, read: tuple[str, str]
) -> None:
    text = f"@misc{{ok, title={{A}}}}\n\n@misc{{bad,\n  {entry}\n}}\n@misc{{z, title={{Z}}}}\n"
    path = tmp_path / "bad.bib"
    path.write_text(text, encoding="utf-8")
    bib = load_bibliography([path])
    assert list(bib) == ["ok", "bad", "z"]
    assert bib["bad"].fields[read[0]] == read[1]
    [warning] = warnings_of(caplog)
    assert warning.startswith(f"{path}:3: entry 'bad': {problem}")


def test_a_crossref_may_name_an_entry_of_another_file(tmp_path: Path) -> None:
    papers = write(
        tmp_path, "papers.bib", "@inproceedings{p, title={P}, crossref={Conf}}\n"
    )
    venues = write(
        tmp_path, "venues.bib", "@proceedings{conf, title={Proc. X}, year=1999}\n"
    )
    bib = load_bibliography([papers, venues])
    assert (bib["p"].venue, bib["p"].year) == ("Proc. X", 1999)


def test_a_crossref_to_no_entry_is_a_warning(tmp_path: Path, caplog) -> None:
    path = tmp_path / "a.bib"
    path.write_text("\n@inproceedings{p, title={P}, crossref={nowhere}}\n")
    bib = load_bibliography([path])
    assert bib["p"].venue == ""
    assert [record.getMessage() for record in caplog.records] == [
        f"{path}:2: entry 'p': crossref 'nowhere' names no entry of the bibliography"
    ]
    assert caplog.records[0].levelname == "WARNING"


# Shapes from a real al-folio site's _bibliography/papers.bib: Jekyll front
# matter on top, indented entries, upper-case field names, a DOI written as a
# URL, "Sep." months, "html" links, bare % and & in text, HTML in a title.
AL_FOLIO = r"""---
---
@ARTICLE{8368309,
  abbr = {TSC 2021},
  author={Shen, Haiying and Qiu, Chenxi},
  journal={IEEE Transactions on Services Computing},
  title={Scheduling Inter-Datacenter Video Flows},
  year={2021},
  doi={https://doi.org/10.1109/TSC.2018.2841868},
  ISSN={},
  month={Sep.},}

  @inproceedings{10.1145/2983323.2983830,
  AUTHOR = {Qiu, Chenxi and Squicciarini, Anna C.},
  TITLE = {CrowdSelect: {\$}k{\$} Workers <tex-math notation="LaTeX">$k$</tex-math>},
  booktitle = {Proc. of Information & Knowledge Management},pages = {539--548},
  html = {https://doi.org/10.1145/2983323.2983830},
  abstract = {A 17.5% gain with 50% malicious workers, \LaTeX{} and \TeX.},
  selected={true}
}
"""


def test_a_real_al_folio_file(tmp_path: Path) -> None:
    path = tmp_path / "papers.bib"
    path.write_text(AL_FOLIO, encoding="utf-8")
    bib = load_bibliography([path])
    assert list(bib) == ["8368309", "10.1145/2983323.2983830"]
    first, second = bib.values()
    assert (first.line, second.line) == (3, 13)
    assert first.month == 9
    assert first.links == {"doi": "https://doi.org/10.1109/TSC.2018.2841868"}
    assert first.fields["issn"] == ""
    assert second.abstract == (
        "A 17.5% gain with 50% malicious workers, LaTeX and TeX."
    )
    # {\$}k{\$}: a formula escaped as Mendeley escapes one, read as the $k$
    # meant (it was shown "$k$").
    assert (
        second.title == 'CrowdSelect: k Workers <tex-math notation="LaTeX">k</tex-math>'
    )
    assert second.venue == "Proc. of Information & Knowledge Management"
    # Named by its DOI, as ACM names an entry: the DOI link, its url the same.
    assert second.links == {"doi": "https://doi.org/10.1145/2983323.2983830"}
    assert second.selected
    html = format_reference(second, owner_names=["Chenxi Qiu"])
    assert html == (
        "<strong>Chenxi Qiu</strong> and Anna C. Squicciarini. CrowdSelect: k Workers "
        "&lt;tex-math notation=&#34;LaTeX&#34;&gt;k&lt;/tex-math&gt;. "
        "<em>Proc. of Information &amp; Knowledge Management</em>."
    )


def test_references_hash_and_pickle(odd) -> None:
    """Citations collect references in sets; parallel readers pickle them."""
    assert len({odd["bare"], odd["bare"], odd["child2021"]}) == 2
    copy = pickle.loads(pickle.dumps(odd["child2021"]))
    assert copy == odd["child2021"]
    assert format_reference(copy) == format_reference(odd["child2021"])


def test_a_key_on_the_line_after_the_brace(tmp_path: Path) -> None:
    path = tmp_path / "a.bib"
    path.write_text("@misc{first, title={A}}\n@article{\n  second,\n  title={B}}\n")
    bib = load_bibliography([path])
    assert (bib["first"].line, bib["second"].line) == (1, 2)


# Constructs met in real researchers' .bib files (al-folio sites, group
# bibliographies, Zotero and Better BibTeX exports), written small here.


def test_biblatex_date_journaltitle_and_eprinttype(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "biblatex.bib",
        r"""
        @article{dated,
          author = {Okafor, Ngozi},
          title = {Tides},
          date = {2023-05-17},
          journaltitle = {Journal of Coastal Things},
          eprinttype = {arxiv},
          eprint = {2301.00001},
        }
        @online{yearonly,
          author = {Okafor, Ngozi},
          title = {Notes},
          date = {2019/2020},
        }
        @article{both, title = {Both}, year = {in press}, date = {2024-02}}
        @phdthesis{same, title = {Same}, year = {2023}, date = {2023-06-26}}
        @misc{other, title = {Other}, year = {2022}, date = {2023-06-26}}
        """,
    )
    bib = load_bibliography([path])
    dated = bib["dated"]
    assert (dated.year, dated.month) == (2023, 5)
    assert dated.venue == "Journal of Coastal Things"
    assert dated.links == {"arxiv": "https://arxiv.org/abs/2301.00001"}
    assert format_reference(dated) == (
        "Ngozi Okafor (2023). Tides. <em>Journal of Coastal Things</em>."
    )
    assert (bib["yearonly"].year, bib["yearonly"].month) == (2019, None)
    assert format_reference(bib["both"], "numeric") == "\u201cBoth,\u201d in press."
    assert bib["both"].year == 2024
    assert (bib["same"].year, bib["same"].month) == (2023, 6)
    assert (bib["other"].year, bib["other"].month) == (2022, None)


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (r"$\epsilon$-Greedy Search", "ε-Greedy Search"),
        (r"An $O(n \log n)$ Bound", "An O(n log n) Bound"),
        (r"$\alpha$ Decay of $^{10}$B", "α Decay of ¹⁰B"),  # noqa: RUF001
        (r"$\ell_1$ and $\Omega(n^2)$", "ℓ₁ and Ω(n²)"),
        (r"{$\mathcal{H}$-EFP} at $x \leq y$", "H-EFP at x ≤ y"),
        (r"$\pi_{0.5}$ and \(\lambda\)", "π_0.5 and λ"),
        (r"Costs \$5, not \$6", "Costs $5, not $6"),
        (r"Weighted {A${}^*$} and 360${}^\circ$ Views", "Weighted A* and 360° Views"),
        # Mendeley writes display math; a Zotero title math twice over.
        (r"The $$\phi$$ Accrual Failure Detector", "The φ Accrual Failure Detector"),
        (r"B$$\epsilon$$-trees and \[n^2\] Bounds", "Bε-trees and n² Bounds"),
        (r"\($\lambda$\)-Tune: Tuning", "λ-Tune: Tuning"),
        # DBLP writes the TeX of a title it got as text, escaped.
        (
            (
                r"A Theorem for {\textdollar}{\textbackslash}mathrm\{AC\}{\^{}}0"
                r"[{\textbackslash}oplus]{\textdollar} via"
            ),
            "A Theorem for AC⁰[⊕] via",
        ),
        (
            r"More on {\textdollar}AC{\^{}}0[{\textbackslash}oplus]{\textdollar}",
            "More on AC⁰[⊕]",
        ),
        (r"From \textdollar 5 to {\textdollar}10", "From $5 to $10"),
        # NASA ADS writes math as \ensuremath.
        (r"CGM gas at z {\ensuremath{\sim}} 1", "CGM gas at z ∼ 1"),  # noqa: RUF001
        (
            (
                r"{\ensuremath{\Lambda}}CDM, H{\ensuremath{\alpha}} and"
                r" 10{\ensuremath{^{10}}} M{\ensuremath{_{\odot}}}"
            ),
            "ΛCDM, Hα and 10¹⁰ M⊙",  # noqa: RUF001
        ),
    ],
)
def test_inline_math_in_a_title_is_written_as_unicode_text(
    tmp_path: Path, title: str, text: str
) -> None:
    path = tmp_path / "math.bib"
    path.write_text(f"@misc{{m, title = {{{title}}}}}\n", encoding="utf-8")
    reference = load_bibliography([path])["m"]
    assert reference.title == text
    assert title in reference.bibtex  # the BibTeX readers copy keeps the TeX


def test_text_symbol_commands_latexcodec_lacks_are_their_characters(
    tmp_path: Path,
) -> None:
    # As bioRxiv's and Zotero's BibTeX write them.
    path = write(
        tmp_path,
        "symbols.bib",
        r"""
        @article{prottrans,
          author = {Elnaggar, Ahmed and Rost, Burkhard},
          title = {ProtTrans: Cracking the Language of Life{\textquoteright}s Code},
          abstract = {The {\textquotedblleft}best{\textquotedblright} model, a\textunderscore b,
            Azure\textquoteright s platform at \textless 5 ms{\textellipsis}},
          year = 2020,
        }
        """,
    )
    reference = load_bibliography([path])["prottrans"]
    assert reference.title == "ProtTrans: Cracking the Language of Life\u2019s Code"
    assert reference.abstract == (
        "The \u201cbest\u201d model, a_b, Azure\u2019s platform at <5 ms\u2026"
    )


def test_control_symbols_and_a_stray_backslash_are_text(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "symbols.bib",
        r"""
        @misc{s,
          author = {Fa\,ria, Ana and Lind\ , Bo and Mau\ , Carla},
          title = {Hyphen\-ation, 5\,km and e.g.\@ italic\/ text},
        }
        """,
    )
    reference = load_bibliography([path])["s"]
    assert reference.title == "Hyphenation, 5 km and e.g. italic text"
    assert "\\" not in " ".join(reference.authors)


def test_accents_on_letters_latexcodec_has_no_entry_for(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "accents.bib",
        r"""
        @misc{a, author = {Pevn{\`y}, Tom{\'a}{\v s} and Hor\'{\i}k, Ro and \v{Z}ak, \k{E}wa}}
        """,
    )
    assert load_bibliography([path])["a"].authors == (
        "Tomáš Pevnỳ",
        "Ro Horík",
        "Ęwa Žak",
    )


def test_string_macros_of_any_file_apply_to_the_others(tmp_path: Path, caplog) -> None:
    abbrev = write(tmp_path, "abbrev.bib", '@string{jct = "J. Coastal Things"}\n')
    papers = tmp_path / "papers.bib"
    papers.write_text("\n@article{p, title={P},\n  journal=jct}\n", encoding="utf-8")
    for order in ([abbrev, papers], [papers, abbrev]):
        assert load_bibliography(order)["p"].venue == "J. Coastal Things"
        assert read_files(order, {})["p"].venue == "J. Coastal Things"
    assert warnings_of(caplog) == []


def test_an_undefined_macro_is_a_warning_and_an_empty_value(
    tmp_path: Path, caplog
) -> None:
    papers = write(
        tmp_path,
        "papers.bib",
        "@misc{a, title={A}}\n\n@article{p, title={P},\n  journal=jct}\n",
    )
    bib = load_bibliography([papers])
    assert (bib["p"].title, bib["p"].venue) == ("P", "")
    [warning] = warnings_of(caplog)
    assert warning.startswith(
        f"{papers}:3: entry 'p': undefined string in line 4: jct: no @string of the"
        " bibliography's files defines it, the value is left empty"
    )


def test_a_missing_comma_between_fields_says_so(tmp_path: Path, caplog) -> None:
    path = write(
        tmp_path,
        "comma.bib",
        """
        @article{fine, title = {Fine}}
        @article{nocomma,
          publisher = {Press}
          note = {x},
        }
        """,
    )
    assert list(load_bibliography([path])) == ["fine"]
    assert errors_of(caplog) == [
        (
            f"{path}:2: malformed entry 'nocomma', left out (pybtex: syntax error in line 4: "
            "'}' expected): is a ',' missing between two fields, or the '}' closing"
            " the entry?"
        )
    ]


def test_the_owner_is_strong_with_a_contribution_mark_or_a_hyphen(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "marks.bib",
        """
        @misc{a, author = {Okafor*, Ngozi and Lu, Bo}}
        @misc{b, author = {Lu, Bo and Liao, Tian-Hua}}
        @misc{c, author = {Liao, T.-H. and Lu, Bo}}
        @misc{d, author = {Liao, Tianyu and Lu, Bo}}
        """,
    )
    bib = load_bibliography([path])
    names = {
        key: names_html(ref.authors, ["Ngozi Okafor", "Tianhua Liao"])
        for key, ref in bib.items()
    }
    assert names == {
        "a": "<strong>Ngozi Okafor*</strong> and Bo Lu",
        "b": "Bo Lu and <strong>Tian-Hua Liao</strong>",
        "c": "<strong>T.-H. Liao</strong> and Bo Lu",
        "d": "Tianyu Liao and Bo Lu",
    }


def test_and_others_is_et_al(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "others.bib",
        """
        @misc{many, author = {Lu, Bo and Okafor, Ngozi and others}, title = {T}}
        @misc{one, author = {Lu, Bo and others}, title = {U}, year = 2020}
        """,
    )
    bib = load_bibliography([path])
    assert names_html(bib["many"].authors, ["Ngozi Okafor"]) == (
        "Bo Lu, <strong>Ngozi Okafor</strong>, et al."
    )
    # One name and others: "Bo Lu et al.", no comma, as BibTeX's plain.bst
    # writes it (the comma comes only after two or more names).
    assert format_reference(bib["one"]) == "Bo Lu et al. (2020). U."
    assert (
        format_reference(bib["one"], "numeric") == "Bo Lu et al., \u201cU,\u201d 2020."
    )
    assert short_authors(bib["one"]) == "Lu et al."
    assert short_authors(bib["many"]) == "Lu et al."
    # "others" is nobody's name: no citation_author tag for Google Scholar.
    publication = BibPublication(bib["one"], "publications", DEFAULTS)
    assert [v for k, v in publication.citation_meta if k == "citation_author"] == [
        "Bo Lu"
    ]


def test_a_link_field_holding_html_is_no_link_and_a_warning(
    tmp_path: Path, caplog
) -> None:
    path = tmp_path / "links.bib"
    path.write_text(
        "\n@article{h,\n  title = {H},\n"
        '  url = {doi:<a href="https://doi.org/10.1/x">10.1/x</a>},\n'
        "  doi = {10.1/x},\n  pdf = {my paper.pdf},\n}\n",
        encoding="utf-8",
    )
    reference = load_bibliography([path])["h"]
    # The url's one address is the DOI's: no second link.
    assert reference.links == {"pdf": "my%20paper.pdf", "doi": "https://doi.org/10.1/x"}
    assert [record.getMessage() for record in caplog.records] == [
        (
            f"{path}:2: entry 'h': url = {{doi:<a href=\"https://doi.org/10.1/x\">"
            '10.1/x</a>} is not an address (it holds <, > or "): linked to the'
            " address in it, https://doi.org/10.1/x"
        )
    ]
    assert caplog.records[0].levelname == "WARNING"


def test_a_link_field_holding_one_html_link_links_its_address(
    tmp_path: Path, caplog
) -> None:
    # A real al-folio file (316 entries): every url is a pasted <a>, most
    # with no doi field; none had a link.
    entries = "".join(
        f"@article{{e{n}, title = {{T}}, year = 2026,"
        f' url = {{doi:<a href="https://doi.org/10.1/{n}">10.1/{n}</a>}}}}\n'
        for n in range(7)
    )
    entries += '@misc{bad, title = {B}, url = {<a href="x">x</a> <a href="y">y</a>}}\n'
    path = write(tmp_path, "papers.bib", entries)
    references = load_bibliography([path])
    assert [references[f"e{n}"].links for n in range(7)] == [
        {"url": f"https://doi.org/10.1/{n}"} for n in range(7)
    ]
    assert references["bad"].links == {}
    warned = warnings_of(caplog)
    assert len(warned) == 7
    assert warned[0].endswith("linked to the address in it, https://doi.org/10.1/0")
    assert warned[5] == (
        f"{path}: 2 more link fields hold HTML, each linked to the address in it"
        " (lines 6, 7)"
    )
    assert warned[6] == (
        f'{path}:8: entry \'bad\': url = {{<a href="x">x</a> <a href="y">y</a>}}'
        ' is not an address (it holds <, > or "): no link made from it'
    )


def test_al_folio_display_fields_stay_out_of_the_bibtex_readers_copy(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "alfolio.bib",
        """
        @inproceedings{p,
          abbr = {CONF}, bibtex_show = {true}, preview = {p.png},
          google_scholar_id = {AbCdEf}, altmetric = {123}, dimensions = {true},
          award = {Best paper}, award_name = {Best}, additional_info = {Oral},
          html = {https://example.org/p}, arxiv = {2401.00001},
          title = {P}, booktitle = {Conf}, year = 2024,
        }
        """,
    )
    assert load_bibliography([path])["p"].bibtex == (
        "@inproceedings{p,\n  title = {P},\n  booktitle = {Conf},\n  year = {2024},\n}"
    )


def _latexcodec_decode(text: str) -> str:
    """What to_unicode did before decode_latex: the whole text through latexcodec."""
    try:
        return codecs.decode(text, "ulatex")
    except UnicodeDecodeError:
        return codecs.decode(text, "ulatex", "ignore")


def _spaced(text: str) -> str:
    """``text`` with each run of spaces, tabs and new lines one space (not nbsp)."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


LATEX_PIECES = st.sampled_from(
    [
        *"ab \n\t-`',~!?{}$\\^\"c.",
        *("\\v{z}", '\\"{o}', '{\\"o}', "\\H o", "\\c c", "$\\alpha$", "\\textbf{"),
        *("\\emph", "\\'", "\\LaTeX", "\\&", "---", "\\i", "\\%", "$x$", "\\\\", "\\ "),
        *("{\\'{\\i}}", "``", "''", ",,"),
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(LATEX_PIECES, max_size=30).map("".join))
def test_decode_latex_is_latexcodec_up_to_white_space(text: str) -> None:
    assert _spaced(decode_latex(text)) == _spaced(_latexcodec_decode(text))


def test_fields_of_real_files_decode_as_with_latexcodec(monkeypatch) -> None:
    demo = Path(__file__).parents[1] / "content"
    files = sorted(demo.glob("**/*.bib"))
    assert len(files) >= 2
    texts = [ODD, generate(500), *(path.read_text(encoding="utf-8") for path in files)]
    values = {
        value
        for text in texts
        for value in re.findall(r"=\s*\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}", text)
    }
    assert len(values) > 1000
    fast = [to_unicode.__wrapped__(value) for value in values]
    monkeypatch.setattr(bibliography, "decode_latex", _latexcodec_decode)
    assert fast == [to_unicode.__wrapped__(value) for value in values]


def test_a_file_with_problems_says_them_on_every_build(tmp_path: Path, caplog) -> None:
    path = write(tmp_path, "twice.bib", "@misc{a, title={A}, title={B}}\n@misc{b,\n")
    settings = {
        "CACHE_PATH": str(tmp_path / "cache"),
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
    }
    for _build in range(2):
        assert list(read_files([path], settings)) == ["a"]
    # Pelican's logger shows a warning once a process; an error each time.
    assert len(errors_of(caplog)) == 2
    assert not list((tmp_path / "cache").glob("**/*.pickle"))


def test_a_repeated_key_that_is_also_its_entry_type_is_renamed(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "art.bib",
        "@article{art, title={A}, year={2020}}\n\n@article{art, title={B}, year={2021}}\n",
    )
    bib = load_bibliography([path])
    assert [(key, bib[key].title) for key in bib] == [("art", "A"), ("art-2", "B")]


def test_entries_are_found_where_bibtex_finds_them(tmp_path: Path, caplog) -> None:
    path = write(
        tmp_path,
        "odd-places.bib",
        """
        @book{a,
          title={A}, year={2020}
        }@book{b, title={B}}

        % @book{old,
        %   title={Commented out},
        % }
        @misc{c, abstract = {Up
        % twenty per cent, a line of the abstract},
          title = {C}}
        """,
    )
    bib = load_bibliography([path])
    assert [(key, bib[key].title, bib[key].line) for key in bib] == [
        ("a", "A", 1),
        ("b", "B", 3),
        ("c", "C", 8),
    ]
    assert bib["c"].abstract == "Up % twenty per cent, a line of the abstract"
    assert errors_of(caplog) == []
    assert warnings_of(caplog) == []


def test_a_copy_differing_in_a_reference_managers_fields_is_listed_once(
    tmp_path: Path,
) -> None:
    first = write(
        tmp_path,
        "a.bib",
        "@misc{x, title={T}, date-added={2020-01-01}, file={a.pdf}}\n",
    )
    second = write(
        tmp_path,
        "b.bib",
        "@misc{x, title={T}, date-added={2024-05-05}, urldate={2024}}\n",
    )
    assert list(load_bibliography([first, second])) == ["x"]


def test_a_sici_doi_is_linked_and_html_in_a_doi_links_its_address(
    tmp_path: Path, caplog
) -> None:
    path = write(
        tmp_path,
        "doi.bib",
        "@article{old, title={O},\n"
        "  doi={10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O}}\n"
        '@article{html, title={H}, doi={<a href="https://doi.org/10.1/x">10.1/x</a>}}\n',
    )
    bib = load_bibliography([path])
    assert bib["old"].links["doi"] == (
        "https://doi.org/10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO;2-O"
    )
    assert bib["html"].links["doi"] == "https://doi.org/10.1/x"  # the href's
    assert [message.split(": ", 1)[1] for message in warnings_of(caplog)] == [
        (
            "entry 'html': doi = {<a href=\"https://doi.org/10.1/x\">10.1/x</a>} is not"
            ' an address (it holds <, > or "): linked to the address in it,'
            " https://doi.org/10.1/x"
        )
    ]


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"\apj", "ApJ"),
        (r"\mnras", "MNRAS"),
        (r"{\it Italic} and {\bf bold}", "Italic and bold"),
        (r"Beno\^\it", "Benoît"),
        (r"Mar\'\ia", "María"),
        (r"Na\"\ive", "Naïve"),
    ],
)
def test_journal_macros_font_switches_and_unbraced_dotless_accents(
    latex: str, text: str
) -> None:
    assert to_unicode.__wrapped__(latex) == text


def test_biblatex_extended_names_are_read(tmp_path: Path, caplog) -> None:
    path = write(
        tmp_path,
        "names.bib",
        "@article{x, title={T}, author={family=Lange, given=Thomas, prefix=de,"
        " useprefix=true and given=Anna, family={van der Berg} and Smith, John}}\n",
    )
    reference = load_bibliography([path])["x"]
    assert reference.authors == ("Thomas de Lange", "Anna van der Berg", "John Smith")
    assert reference.family_names() == ("de Lange", "van der Berg", "Smith")
    assert "author = {de Lange, Thomas and van der Berg, Anna" in reference.bibtex
    assert warnings_of(caplog) == []


def test_a_name_wrapped_in_bold_is_read_as_the_name_inside(tmp_path: Path) -> None:
    # A researcher's own list marks them bold: \textbf{Zhu, W.} is one brace
    # group to BibTeX, a family name only, shown "Zhu, W." and never bold.
    path = write(
        tmp_path,
        "mine.bib",
        r"""
        @article{zhu2020fault,
          title = {Fault Valving},
          author = {\textbf{Zhu, W.} and Allison, Kali L. and {\bf Yuyun Yang}
                    and \underline{Dunham, Eric M.} and \textbf{Xu}, Kailai},
          journal = {Nature Communications},
          year = {2020},
        }
        """,
    )
    reference = load_bibliography([path])["zhu2020fault"]
    assert reference.authors == (
        "W. Zhu",
        "Kali L. Allison",
        "Yuyun Yang",
        "Eric M. Dunham",
        "Kailai Xu",
    )
    assert reference.family_names() == ("Zhu", "Allison", "Yang", "Dunham", "Xu")
    assert names_html(reference.authors, ["Weiqiang Zhu"]).startswith(
        "<strong>W. Zhu</strong>, Kali L. Allison"
    )


@pytest.mark.parametrize("style", ["numeric", "author-year"])
def test_an_entry_with_nothing_to_show_shows_its_key(
    tmp_path: Path, style: str
) -> None:
    path = write(tmp_path, "empty.bib", "@misc{lonely2020, keywords={only keywords}}\n")
    reference = load_bibliography([path])["lonely2020"]
    shown = format_reference(reference, style, number=1 if style == "numeric" else None)
    assert shown == ("[1] lonely2020" if style == "numeric" else "lonely2020")


def test_many_links_that_are_no_address_are_summed_up_per_file(
    tmp_path: Path, caplog
) -> None:
    entries = "".join(
        f'@misc{{e{n}, title={{T}}, url={{<a href="x">{n}</a>}}}}\n' for n in range(8)
    )
    path = write(tmp_path, "html.bib", entries)
    load_bibliography([path])
    warned = warnings_of(caplog)
    assert len(warned) == 6
    assert all("is not an address" in message for message in warned[:5])
    assert warned[5] == (
        f"{path}: 3 more link fields are no address, no link made from them"
        " (lines 6, 7, 8)"
    )


def test_a_malformed_string_is_named_and_drops_no_entry(tmp_path: Path, caplog) -> None:
    path = write(
        tmp_path,
        "strings.bib",
        "@article{z, title={Z}}\n@string{jml = {J}\n@article{a, title={A}}\n",
    )
    assert list(load_bibliography([path])) == ["z", "a"]
    [error] = errors_of(caplog)
    assert error.startswith(f"{path}:2: malformed @string, left out (pybtex: ")


def test_an_entry_cache_parses_only_the_entries_that_changed(
    tmp_path: Path, texts_given_to_pybtex: list[str]
) -> None:
    papers = tmp_path / "papers.bib"
    text = generate(12)
    papers.write_text(text, encoding="utf-8")
    given = texts_given_to_pybtex
    cache: dict[str, object] = {}
    first = load_bibliography([papers], cache)
    assert len(cache) == len(entries_in(given[0])) == len(first)

    # One abstract edited: that entry alone is parsed; the rest is the same
    # as a read without a cache.
    start = text.index("abstract = {", text.index("@misc{paper0002"))
    edited = text[: start + 12] + "An edited opening. " + text[start + 12 :]
    papers.write_text(edited, encoding="utf-8")
    again = load_bibliography([papers], cache)
    assert entries_in(given[-1]) == ["paper0002"]
    assert given[-1].count("\n") == edited.count("\n")  # lines stay where they were
    assert again["paper0002"].abstract.startswith("An edited opening.")
    assert list(again.items()) == list(load_bibliography([papers]).items())

    # A macro changed: every entry is read with it.
    changed = edited.replace('"IEEE TPAMI"', '"IEEE Trans. PAMI"')
    papers.write_text(changed, encoding="utf-8")
    given.clear()
    renamed = load_bibliography([papers], cache)
    assert len(entries_in(given[0])) == len(first)
    assert list(renamed.items()) == list(load_bibliography([papers]).items())
    assert renamed["paper0008"].venue == "IEEE Trans. PAMI"


def test_an_entry_read_with_a_problem_is_not_kept_and_warns_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    papers = tmp_path / "papers.bib"
    papers.write_text(
        "@article{good, title = {Good}, author = {Ada Byron}, year = 2020}\n"
        "@article{twice, title = {One}, title = {Two}, author = {Ada Byron},"
        " year = 2021}\n",
        encoding="utf-8",
    )
    cache: dict[str, object] = {}
    for _ in range(2):
        caplog.clear()
        forget_logged_messages()  # Pelican's log says a message once per process
        found = load_bibliography([papers], cache)
        assert [ref.title for ref in found.values()] == ["Good", "One"]
        warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
        assert [w for w in warnings if "'title' is given twice" in w], warnings
    assert cache == {}


@pytest.mark.parametrize("edit", ["field", "key", "remove", "duplicate"])
def test_reads_with_an_entry_cache_equal_reads_without_it(
    tmp_path: Path, edit: str
) -> None:
    # Each entry of a generated file edited in turn (a field changed, the key
    # renamed, the entry removed or given twice): read with the cache the
    # earlier reads filled, the result is a fresh read's.
    papers = tmp_path / "papers.bib"
    text = generate(25)
    papers.write_text(text, encoding="utf-8")
    cache: dict[str, object] = {}
    load_bibliography([papers], cache)
    starts = [offset for _line, _key, offset in bibliography._entry_starts(text)]
    for number, offset in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(text)
        entry = text[offset:end]
        changed = {
            "field": entry.replace("title = {", "title = {Edited ", 1),
            "key": entry.replace("{", "{renamed", 1),
            "remove": "",
            "duplicate": entry + "\n" + entry,
        }[edit]
        papers.write_text(text[:offset] + changed + text[end:], encoding="utf-8")
        forget_logged_messages()
        cached = load_bibliography([papers], cache)
        assert list(cached.items()) == list(load_bibliography([papers]).items())


def test_bibbase_url_fields_are_links(tmp_path: Path) -> None:
    # BibBase's convention (a lab's group_publications.bib): url_<label> fields.
    path = write(
        tmp_path,
        "lab.bib",
        r"""
@inproceedings{scaling2023,
  title = {Scaling Diffusion Models},
  author = {Weilbach, Christian and Wood, Frank},
  booktitle = {AAAI},
  year = {2025},
  url_Paper = {https://ojs.aaai.org/index.php/AAAI/article/view/34159},
  url_pdf = {https://ojs.aaai.org/index.php/AAAI/article/view/34159/36314},
  url_ArXiv = {https://arxiv.org/abs/2104.11212},
  url_Poster = {https://example.org/poster.pdf},
  url_Presentation = {https://example.org/talk.pdf},
  url_Code = {https://github.com/plai/scaling},
}
@misc{both2024,
  title = {Both},
  year = {2024},
  url = {https://example.org/page},
  url_Link = {https://example.org/other},
}
""",
    )
    references = load_bibliography([path])
    assert references["scaling2023"].links == {
        "pdf": "https://ojs.aaai.org/index.php/AAAI/article/view/34159/36314",
        "arxiv": "https://arxiv.org/abs/2104.11212",
        "url": "https://ojs.aaai.org/index.php/AAAI/article/view/34159",
        "code": "https://github.com/plai/scaling",
        "slides": "https://example.org/talk.pdf",
        "poster": "https://example.org/poster.pdf",
    }
    # The entry's own field wins over BibBase's.
    assert references["both2024"].links == {"url": "https://example.org/page"}


def test_a_url_that_is_the_doi_is_no_second_link(tmp_path: Path) -> None:
    # DBLP writes the DOI twice (url and doi, its case changed); Mendeley too.
    path = write(
        tmp_path,
        "dblp.bib",
        r"""
        @article{DBLP:journals/algorithmica/ChauguleL24,
          author = {Prasad Chaugule and Nutan Limaye},
          title = {On The Closures of Monotone Algebraic Classes},
          journal = {Algorithmica},
          year = {2024},
          url = {https://doi.org/10.1007/s00453-024-01221-8},
          doi = {10.1007/S00453-024-01221-8},
        }
        @article{Bayer1977a,
          title = {{Concurrency of Operations on B-Trees}},
          year = {1977},
          doi = {10.1007/BF00263762},
          url = {http://dx.doi.org/10.1007/BF00263762},
        }
        @article{other,
          title = {Other},
          doi = {10.1007/BF00263762},
          url = {https://example.org/paper},
        }
        """,
    )
    references = load_bibliography([path])
    assert references["DBLP:journals/algorithmica/ChauguleL24"].links == {
        "doi": "https://doi.org/10.1007/S00453-024-01221-8"
    }
    assert references["Bayer1977a"].links == {
        "doi": "https://doi.org/10.1007/BF00263762"
    }
    assert references["other"].links == {
        "doi": "https://doi.org/10.1007/BF00263762",
        "url": "https://example.org/paper",
    }


def test_a_commented_out_entry_body_is_an_error_that_says_so(
    tmp_path: Path, caplog
) -> None:
    # A lab's file hides an entry by commenting its fields and forgetting its
    # first line: BibTeX reads no comment inside an entry.
    path = write(
        tmp_path,
        "lab.bib",
        """
        @unpublished{WOO-20,
        %  title = {Planning as Inference in Epidemiological Models},
        %  year = {2020},
        %}

        @inproceedings{Le-20,
          title = {Revisiting Reweighted Wake-Sleep},
          year = {2020},
        }
        """,
    )
    assert list(load_bibliography([path])) == ["Le-20"]
    assert errors_of(caplog) == [
        (
            f"{path}:1: malformed entry 'WOO-20', left out (pybtex: syntax error in"
            " line 2: '}' expected): a line starting with '%' inside an entry is no"
            " comment in BibTeX; to leave the entry out, start its '@' line with"
            " '%' too"
        )
    ]


def test_contribution_marks_follow_the_whole_name_and_stay_out_of_citations(
    tmp_path: Path,
) -> None:
    # An al-folio file marks equal contribution (#) and the corresponding
    # author (*) after either part of "Family, Given".
    path = write(
        tmp_path,
        "papers.bib",
        r"""
        @inproceedings{lyu2026breaking,
          title = {Breaking the Continuum},
          author = {Lyu#, Tianle and Mo#, Mengjingcheng and Wen, Ting and Zhu, Yanjie*},
          booktitle = {CVPR},
          year = {2026},
        }
        """,
    )
    reference = load_bibliography([path])["lyu2026breaking"]
    assert reference.authors == (
        "Tianle Lyu#",
        "Mengjingcheng Mo#",
        "Ting Wen",
        "Yanjie Zhu*",
    )
    assert reference.family_names() == ("Lyu", "Mo", "Wen", "Zhu")
    assert names_html(reference.authors, ["Yanjie Zhu"]).endswith(
        "and <strong>Yanjie Zhu*</strong>"
    )


def test_a_web_address_in_howpublished_is_the_entrys_link(tmp_path: Path) -> None:
    # BibTeX's way for a web page (a Mendeley and a JabRef file): no url field.
    path = write(
        tmp_path,
        "web.bib",
        r"""
        @misc{Lemire2022,
          author = {Lemire, Daniel},
          title = {Faster bitset decoding using Intel AVX-512},
          year = {2022},
          howpublished = {\url{https://lemire.me/blog/2022/05/10/faster-bitset/}},
        }
        @misc{Neumann,
          title = {SPARQL tutorial},
          howpublished = {\url{http://eneumann.org/talks/Sparql_tutorial.html\#(1)}},
        }
        @misc{both, title = {B}, howpublished = {https://a.example/x},
          url = {https://b.example/y}}
        @misc{words, title = {W}, howpublished = {Blog post, https://c.example}}
        """,
    )
    references = load_bibliography([path])
    assert references["Lemire2022"].links == {
        "url": "https://lemire.me/blog/2022/05/10/faster-bitset/"
    }
    assert references["Neumann"].links == {
        "url": "http://eneumann.org/talks/Sparql_tutorial.html#(1)"
    }
    assert references["both"].links == {"url": "https://b.example/y"}
    assert references["words"].links == {}


def test_the_owners_file_paths_and_accounts_stay_out_of_the_readers_bibtex(
    tmp_path: Path,
) -> None:
    # Zotero writes the PDF's path on the owner's disk, JabRef the owner's
    # user name, BibDesk a file alias: none is for readers to copy.
    path = write(
        tmp_path,
        "My Library.bib",
        r"""
        @article{deanMapReduceSimplifiedData2008,
          title = {{{MapReduce}}: Simplified Data Processing on Large Clusters},
          author = {Dean, Jeffrey and Ghemawat, Sanjay},
          year = 2008,
          journal = {Communications of the ACM},
          doi = {10.1145/1327452.1327492},
          urldate = {2026-01-10},
          file = {C:\Users\tl142\Zotero\storage\27XFCMLP\Dean - 2008 - MapReduce.pdf},
          owner = {tl142},
          bdsk-file-1 = {YnBsaXN0MDDUAQIDBAUGJCVYJHZlcnNpb24=},
          mendeley-groups = {Thesis/Related work},
        }
        """,
    )
    bibtex = load_bibliography([path])["deanMapReduceSimplifiedData2008"].bibtex
    assert "tl142" not in bibtex
    assert "bdsk-file-1" not in bibtex
    assert "mendeley-groups" not in bibtex
    assert "urldate = {2026-01-10}" in bibtex  # a citation's date, kept
    assert "doi = {10.1145/1327452.1327492}" in bibtex


def test_an_arxiv_identifier_in_the_venue_is_an_arxiv_link(tmp_path: Path) -> None:
    # Google Scholar's BibTeX writes journal = {arXiv preprint arXiv:...}; a
    # JabRef file journal = {arXiv:...}.
    path = write(
        tmp_path,
        "scholar.bib",
        r"""
        @article{zhang2020task,
          title={Task-oriented dialog systems},
          author={Zhang, Yichi and Ou, Zhijian and Yu, Zhou},
          journal={arXiv preprint arXiv:1911.10484},
          year={2019}
        }
        @Article{Guo2021b,
          title = {{CMT}: Convolutional Neural Networks Meet Vision Transformers},
          journal = {arXiv:2107.06263v3},
          year = {2021},
          archiveprefix = {arXiv}
        }
        @misc{old, title = {Old}, note = {arXiv:hep-th/9901001}}
        @misc{own, title = {Own}, note = {arXiv:2101.00001},
          eprint = {2202.00002}, archiveprefix = {arXiv}}
        @misc{none, title = {None}, journal = {arXiv}, number = {1506.04579}}
        """,
    )
    bib = load_bibliography([path])
    assert bib["zhang2020task"].links == {"arxiv": "https://arxiv.org/abs/1911.10484"}
    assert bib["Guo2021b"].links == {"arxiv": "https://arxiv.org/abs/2107.06263v3"}
    assert bib["old"].links == {"arxiv": "https://arxiv.org/abs/hep-th/9901001"}
    assert bib["own"].links == {"arxiv": "https://arxiv.org/abs/2202.00002"}
    assert bib["none"].links == {}


def test_tex_escapes_in_a_link_are_the_characters(tmp_path: Path) -> None:
    # DBLP escapes a DOI's underscore (every LNCS chapter's); Mendeley and
    # JabRef a URL's _ % & #. A browser reads "\_" as "/_": a dead link.
    path = write(
        tmp_path,
        "dblp.bib",
        r"""
        @inproceedings{DBLP:conf/csr/DattaKLM07,
          title = {Arithmetic Circuits},
          year = {2007},
          url = {https://doi.org/10.1007/978-3-540-74510-5\_14},
          doi = {10.1007/978-3-540-74510-5\_14},
        }
        @misc{rapid,
          title = {Rapid Execution of Weighted Edit Distances},
          url = {https://www.researchgate.net/publication/264081153\_Rapid\_Execution},
          pdf = {https://x.example/a\%20b.pdf?x=1\&y=2\#page=3},
        }
        @misc{tilde,
          title = {T},
          url = {http://www.cse.ust.hk/\textasciitilde{}vterragni/files/M.pdf},
          pdf = {https://x.example/{\textasciitilde}me/\~{}a.pdf},
        }
        @misc{waymo2019, title = {Waymo Open Dataset},
          website = {\url{https://www.waymo.com/open}},
          url = {https://x.example/a\textunderscore{}b/c\textquotesingle{}d}}
        """,
    )
    bib = load_bibliography([path])
    assert bib["DBLP:conf/csr/DattaKLM07"].links == {
        "doi": "https://doi.org/10.1007/978-3-540-74510-5_14"
    }
    assert bib["rapid"].links == {
        "pdf": "https://x.example/a%20b.pdf?x=1&y=2#page=3",
        "url": "https://www.researchgate.net/publication/264081153_Rapid_Execution",
    }
    assert bib["tilde"].links == {
        "pdf": "https://x.example/~me/~a.pdf",
        "url": "http://www.cse.ust.hk/~vterragni/files/M.pdf",
    }
    assert bib["waymo2019"].links == {
        "url": "https://x.example/a_b/c'd",
        "project": "https://www.waymo.com/open",
    }
    # The BibTeX readers copy keeps what the file wrote.
    assert r"doi = {10.1007/978-3-540-74510-5\_14}" in (
        bib["DBLP:conf/csr/DattaKLM07"].bibtex
    )


def test_a_stray_brace_that_closes_an_entry_early_is_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    papers = tmp_path / "papers.bib"
    papers.write_text(
        "@article{one,\n"
        "  title = {A {Title}}},\n"
        "  author = {Ada Byron},\n"
        "  year = 2020\n"
        "}\n\n"
        "@article(paren, title = {In parentheses}, year = 2019)\n"
        "Free text between entries.\n\n"
        "@article{two, title = {Second}, author = {Ada Byron}, year = 2021}\n",
        encoding="utf-8",
    )
    cache: dict[str, object] = {}
    for _ in range(2):  # not kept: said again by the next read
        caplog.clear()
        forget_logged_messages()
        found = load_bibliography([papers], cache)
        warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
        assert warnings == [
            (
                f"{papers}:1: entry 'one': a '}}' at line 2 closes it before its"
                " fields author, year, which BibTeX reads as text between entries"
                " and leaves out"
            )
        ]
    # Read as BibTeX reads it, the fields after the brace left out.
    assert dict(found["one"].fields) == {"title": "A Title"}
    assert found["two"].year == 2021
    assert found["paren"].title == "In parentheses"
    assert cache == {}


EDIT_AMONG_MANY = """
import sys
from pathlib import Path
from pelican.plugins.scholar.bibliography import load_bibliography

papers = Path(sys.argv[1])
entries = [
    f"@article{{e{n}, title = {{Paper {n}}}, author = {{Ada Byron}}, year = 2020}}"
    for n in range(3000)
]
papers.write_text("\\n".join(entries), encoding="utf-8")
cache = {}
load_bibliography([papers], cache)
entries[0] = entries[0].replace("Paper 0", "Paper zero")
papers.write_text("\\n".join(entries), encoding="utf-8")
print(load_bibliography([papers], cache)["e0"].title)
"""


def test_one_edited_entry_among_many_cached_ones_is_read_at_once(
    tmp_path: Path,
) -> None:
    # The entries taken from the cache are blanked out of the text pybtex
    # reads; after the edited entry, the stray-brace check matched a field
    # pattern with two adjacent runs of optional white space against that
    # blank: quadratic, so the build of a 500-entry file after one edit
    # never ended. 3,000 entries are read in well under a second; the
    # timeout is only there so that the failure shows.
    result = run_python(
        EDIT_AMONG_MANY, tmp_path / "papers.bib", cwd=tmp_path, timeout=60
    )
    assert result.stdout.strip() == "Paper zero"


def test_a_file_whose_entries_all_come_from_the_entry_cache_reads_the_same(
    tmp_path: Path,
) -> None:
    # Only a comment changed: every entry is taken from the cache, and none
    # is left in the text pybtex reads.
    papers = tmp_path / "papers.bib"
    papers.write_text(
        "% my papers\n@article{one, title = {One}, author = {Ada Byron}, year = 2020}\n",
        encoding="utf-8",
    )
    cache: dict[str, object] = {}
    first = load_bibliography([papers], cache)
    papers.write_text(
        "% my papers, updated\n"
        "@article{one, title = {One}, author = {Ada Byron}, year = 2020}\n",
        encoding="utf-8",
    )
    assert list(load_bibliography([papers], cache).items()) == list(first.items())


def test_a_subtitle_follows_its_title(tmp_path: Path) -> None:
    # biblatex-examples.bib (westfahl:frontier, malinowski) and thesis
    # bibliographies give a book's subtitle a field of its own; pandoc and
    # citeproc join them with a colon (biblatex's standard style, a period).
    path = write(
        tmp_path,
        "subtitles.bib",
        r"""
        @collection{westfahl,
          editor = {Westfahl, Gary}, title = {Space and Beyond},
          subtitle = {The Frontier Theme in Science Fiction}, date = 2000}
        @incollection{chapter,
          author = {Westfahl, Gary}, title = {The True Frontier},
          subtitle = {Confronting and Avoiding the Realities of Space},
          booktitle = {Space and Beyond}, booksubtitle = {The Frontier Theme},
          date = 2000}
        @article{asked, title = {Why Now?}, subtitle = {A Reply},
          journaltitle = {Journal}, journalsubtitle = {Letters}, date = 2001}
        @article{plain, title = {No Subtitle}, subtitle = {}, date = 2002}
        @proceedings{procs, title = {Proceedings}, subtitle = {Part One}, date = 2003}
        @inproceedings{paper, title = {A Paper}, crossref = {procs}}
        """,
    )
    bib = load_bibliography([path])
    assert bib["westfahl"].title == (
        "Space and Beyond: The Frontier Theme in Science Fiction"
    )
    assert bib["chapter"].title == (
        "The True Frontier: Confronting and Avoiding the Realities of Space"
    )
    assert bib["chapter"].venue == "Space and Beyond: The Frontier Theme"
    assert bib["asked"].title == "Why Now? A Reply"
    assert bib["asked"].venue == "Journal: Letters"
    assert bib["plain"].title == "No Subtitle"
    # A crossref's subtitle is its papers' booksubtitle, not their subtitle.
    assert (bib["paper"].title, bib["paper"].venue) == (
        "A Paper",
        "Proceedings: Part One",
    )
    assert "subtitle = {Confronting" in bib["chapter"].bibtex  # kept as written


def test_html_entities_written_in_a_field_are_their_characters(
    tmp_path: Path,
) -> None:
    # The IEEE Computer Society's BibTeX (computer.org) writes
    # journal = {IEEE Transactions on Pattern Analysis &amp; Machine
    # Intelligence}: the page showed "&amp;" (escaped once more). BibTeX's
    # own & stays, and a & that starts no entity is a &.
    path = write(
        tmp_path,
        "entities.bib",
        r"""
        @article{tpami,
          author = {F. Mohr and J. N. van Rijn},
          journal = {IEEE Transactions on Pattern Analysis &amp; Machine Intelligence},
          title = {Fast and Informative Model Selection &#8211; Learning Curves},
          year = {2023}}
        @misc{mixed, title = {R\&D at AT\&T \&amp; Q&amp;A &lt;b&gt; &copy 2020},
          author = {Ann O&apos;Neil}}
        """,
    )
    bib = load_bibliography([path])
    assert bib["tpami"].venue == (
        "IEEE Transactions on Pattern Analysis & Machine Intelligence"
    )
    assert (
        bib["tpami"].title
        == "Fast and Informative Model Selection \u2013 Learning Curves"
    )
    # &lt;b&gt; is the tag <b>, a formatting tag: left out.
    assert bib["mixed"].title == "R&D at AT&T & Q&A &copy 2020"
    assert bib["mixed"].authors == ("Ann O'Neil",)
    assert "&amp; Machine" in bib["tpami"].bibtex  # the readers copy as written
    # Escaped twice: ScienceDirect's "nai&amp;#x0308;ve" (lhsantos/
    # sysreview-elderly's sd.bib), shown "nai&#x0308;ve", is "naïve".
    twice = write(
        tmp_path,
        "twice.bib",
        '@article{g, title = "CD4+ nai&amp;#x0308;ve T cells and &amp;amp; signs"}\n',
    )
    assert (
        load_bibliography([twice])["g"].title == "CD4+ na\u00efve T cells and & signs"
    )
    assert "&amp;amp;" not in format_reference(bib["tpami"])
    assert "Analysis &amp; Machine" in format_reference(bib["tpami"])


def test_href_shows_its_text_and_links_its_address(tmp_path: Path) -> None:
    # Zenodo software entries in READMEs (Riese's SuSi, a Lean repository)
    # write howpublished = {\href{address}{text}}; one has no text at all.
    # The listing showed "https://doi.org/...doi.org/..." run together.
    path = write(
        tmp_path,
        "href.bib",
        r"""
        @misc{susi,
          author = {Riese, Felix~M.}, title = {{SuSi: Supervised Self-Organizing Maps}},
          year = {2019}, publisher = {Zenodo},
          howpublished = {\href{https://doi.org/10.5281/zenodo.2609130}{doi.org/10.5281/zenodo.2609130}}}
        @misc{lean, author = {Wu, Peixue}, title = {Lean verification},
          howpublished = {\href{https://github.com/pxwu24/lean_arXiv:2609.26743}{Github Repository}}}
        @misc{bare, title = {Only an address},
          howpublished = {\href{http://aemc.gov.au/EPR0015\%20-\%20Draft.pdf}}}
        @misc{text, title = {See \href{https://example.org/x}{{the Site}} and \url{https://example.org/y}},
          note = {Code at \href{https://github.com/a/b}{GitHub}.}, url = {https://example.org/own}}
        """,
    )
    bib = load_bibliography([path])
    assert bib["susi"].venue == "Zenodo"
    assert bib["susi"].fields["howpublished"] == "doi.org/10.5281/zenodo.2609130"
    assert bib["susi"].links == {"url": "https://doi.org/10.5281/zenodo.2609130"}
    assert bib["lean"].venue == "Github Repository"
    assert bib["lean"].links == {
        "url": "https://github.com/pxwu24/lean_arXiv:2609.26743"
    }
    assert bib["bare"].venue == ""  # an address: the link, not the venue
    assert bib["bare"].links == {"url": "http://aemc.gov.au/EPR0015%20-%20Draft.pdf"}
    assert bib["text"].title == "See the Site and https://example.org/y"
    assert bib["text"].fields["note"] == "Code at GitHub."
    assert bib["text"].links == {"url": "https://example.org/own"}
    assert r"\href{https://doi.org" in bib["susi"].bibtex


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # Approximation ratios in algorithms titles (as DBLP and authors
        # write them): \frac read as "12" before.
        (r"A $\frac{3}{2}$-Approximation for TSP", "A 3/2-Approximation for TSP"),
        (r"A $\tfrac12$-approximation", "A 1/2-approximation"),
        (r"$\frac{n}{\log n}$ Bounds", "n/(log n) Bounds"),
        (r"$\frac{\pi}{2}$ and $\dfrac{n+1}{2}$", "π/2 and (n+1)/2"),
        (r"$\frac{1}{\frac{1}{x}+1}$", "1/(1/x+1)"),
        (r"An $O(\sqrt{n})$ and $\sqrt{n+1}$ Bound", "An O(√n) and √(n+1) Bound"),
    ],
)
def test_fractions_and_roots_in_math_are_written_as_text(
    tmp_path: Path, title: str, text: str
) -> None:
    path = tmp_path / "frac.bib"
    path.write_text(f"@misc{{m, title = {{{title}}}}}\n", encoding="utf-8")
    assert load_bibliography([path])["m"].title == text


def test_an_address_without_its_scheme_is_a_web_address(tmp_path: Path) -> None:
    # A lab's Mendeley library (BU-DiSC/mendeley-library, 2,392 entries)
    # writes url = {dl.acm.org/citation.cfm?id=2479440.2479446}: linked as
    # written, the browser read it as a path of the site (a dead link).
    path = write(
        tmp_path,
        "schemeless.bib",
        r"""
        @inproceedings{Alagiannis2013, title = {Column-stores},
          url = {dl.acm.org/citation.cfm?id=2479440.2479446}}
        @misc{www, title = {W}, url = {www.example.org}, pdf = {paper.pdf},
          slides = {talks/2020.key}, code = {github.com/a/b}}
        @misc{ftp, title = {F}, url = {ftp://public.dhe.ibm.com/a.pdf}}
        """,
    )
    bib = load_bibliography([path])
    assert bib["Alagiannis2013"].links == {
        "url": "https://dl.acm.org/citation.cfm?id=2479440.2479446"
    }
    assert bib["www"].links == {
        "pdf": "paper.pdf",
        "url": "https://www.example.org",
        "code": "https://github.com/a/b",
        "slides": "talks/2020.key",
    }
    assert bib["ftp"].links == {"url": "ftp://public.dhe.ibm.com/a.pdf"}


def test_a_venue_that_is_a_web_address_is_the_entrys_link(tmp_path: Path) -> None:
    # A lab's Mendeley library (BU-DiSC/mendeley-library) writes a web
    # page's address as its journal, 156 of its 2,392 entries: journal =
    # {https://sqlite.org/src4/}; the listing showed the address as the
    # venue, in italics, and no Link button.
    path = write(
        tmp_path,
        "venues.bib",
        r"""
        @misc{Zoned, title = {{Zoned Storage}}, author = {Digital, Western},
          year = {2025}, journal = {https://zonedstorage.io/docs/introduction}}
        @article{Pezzini2014, title = {HTAP}, year = {2014},
          url = {https://www.gartner.com/doc/2657815/},
          journal = {https://www.gartner.com/doc/2657815/}}
        @misc{both, title = {B}, booktitle = {http://a.example/},
          publisher = {Apache}}
        """,
    )
    bib = load_bibliography([path])
    assert bib["Zoned"].venue == ""
    assert bib["Zoned"].links == {"url": "https://zonedstorage.io/docs/introduction"}
    assert bib["Zoned"].authors == ("Western Digital",)
    assert bib["Pezzini2014"].venue == ""
    assert bib["Pezzini2014"].links == {"url": "https://www.gartner.com/doc/2657815/"}
    assert bib["both"].venue == "Apache"
    assert bib["both"].links == {"url": "http://a.example/"}


@pytest.mark.parametrize(
    ("entry", "author_year", "numeric"),
    [
        # The Open Problems Project's topp.bib (edemaine/topp) abbreviates
        # its journals: "SIAM J. Comput.." before.
        (
            (
                "@article{a, author = {Agarwal, Pankaj K.}, title = {Ray shooting},"
                " journal = {SIAM J. Comput.}, year = 1992}"
            ),
            "Pankaj K. Agarwal (1992). Ray shooting. <em>SIAM J. Comput.</em>",
            (
                "Pankaj K. Agarwal, \u201cRay shooting,\u201d"
                " <em>SIAM J. Comput.</em>, 1992."
            ),
        ),
        (
            (
                "@article{b, author = {Lu, Bo and others}, title = {Why?},"
                " journal = {Comput. Geom. Theory Appl.}}"
            ),
            "Bo Lu et al. Why? <em>Comput. Geom. Theory Appl.</em>",
            "Bo Lu et al., \u201cWhy?\u201d <em>Comput. Geom. Theory Appl.</em>",
        ),
    ],
)
def test_a_part_ending_in_a_period_gets_no_second_one(
    tmp_path: Path, entry: str, author_year: str, numeric: str
) -> None:
    path = tmp_path / "abbrev.bib"
    path.write_text(entry + "\n", encoding="utf-8")
    (reference,) = load_bibliography([path]).values()
    assert format_reference(reference) == author_year
    assert format_reference(reference, "numeric") == numeric


def test_an_accent_on_a_dotless_i_written_in_unicode_is_on_the_i(
    tmp_path: Path,
) -> None:
    # A Hugo Blox site's cite.bib files (JavierLopatin/JavierLopatin.github.io)
    # spell a co-author "Roc" U+0131 U+0301 "o" (a dotless i and an acute, pasted
    # from a PDF) in two entries and "Rocío" in a third: one person, shown
    # and matched as one.
    path = write(
        tmp_path,
        "dotless.bib",
        "@article{a, author = {Araya-L\u00f3pez, Roc\u0131\u0301o A}, title = {A}}\n"
        "@article{b, author = {Araya-L\u00f3pez, Roc\u00edo}, title = {B}}\n"
        "@article{c, author = {Y\u0131lmaz, Ay\u015fe}, title = {Kar\u0131\u015f\u0131k}}\n",
    )
    bib = load_bibliography([path])
    assert bib["a"].authors == ("Roc\u00edo A Araya-L\u00f3pez",)
    assert names_html(bib["a"].authors, ["Roc\u00edo Araya-L\u00f3pez"]) == (
        "<strong>Roc\u00edo A Araya-L\u00f3pez</strong>"
    )
    # A dotless i without an accent is a letter of its own (Turkish).
    assert bib["c"].authors == ("Ay\u015fe Y\u0131lmaz",)
    assert bib["c"].title == "Kar\u0131\u015f\u0131k"


def test_windows_1252_characters_read_as_c1_controls_are_their_characters(
    tmp_path: Path,
) -> None:
    # A lab's jekyll-scholar file (GermanHCI/website-ng, 494 entries) has
    # "Self-Driving Vehicle \x96 Pedestrian Interaction": Windows-1252's en
    # dash taken for Latin-1, a control character the Nu checker rejects
    # in the page. Read as a browser reads &#150;: an en dash.
    path = write(
        tmp_path,
        "c1.bib",
        "@inproceedings{v, title = {Self-Driving Vehicle \x96 Pedestrian"
        " Interaction}, abstract = {\x93Quoted\x94 and a stray \x81.}}\n",
    )
    reference = load_bibliography([path])["v"]
    assert reference.title == "Self-Driving Vehicle \u2013 Pedestrian Interaction"
    # U+0081 has no Windows-1252 character: left out.
    assert reference.abstract == "\u201cQuoted\u201d and a stray ."
    # The readers' BibTeX too (the Nu checker still rejected its <pre>).
    assert "Vehicle \u2013 Pedestrian" in reference.bibtex
    assert not re.search("[\x80-\x9f]", reference.bibtex)


def test_a_link_field_with_several_addresses_links_one_and_warns(
    tmp_path: Path, caplog
) -> None:
    # GermanHCI/website-ng's jekyll-scholar file: url = {https://doi.org/...,
    # https://docs.google.com/...}, linked as one address
    # ("...3642406,%20https://docs.google.com/...", a dead link).
    path = write(
        tmp_path,
        "several.bib",
        r"""
        @inproceedings{w, title = {Writer-Defined AI Personas},
          doi = {10.1145/3613904.3642406},
          url = {https://doi.org/10.1145/3613904.3642406, https://docs.google.com/document/d/13OM/edit?tab=t.0}}
        @misc{two, title = {T}, url = {https://a.example/x https://b.example/y},
          pdf = {https://a.example/x.pdf; https://b.example/y.pdf}}
        """,
    )
    bib = load_bibliography([path])
    assert bib["w"].links == {
        "doi": "https://doi.org/10.1145/3613904.3642406",
        "url": "https://docs.google.com/document/d/13OM/edit?tab=t.0",
    }
    assert bib["two"].links == {
        "pdf": "https://a.example/x.pdf",
        "url": "https://a.example/x",
    }
    assert "https://docs.google.com" in bib["w"].bibtex
    linked = "holds 2 addresses: linked"
    kept = "(the BibTeX keeps all)"
    assert [m for m in warnings_of(caplog) if "addresses" in m] == [
        f"{path}:1: entry 'w': url {linked} {bib['w'].links['url']} {kept}",
        f"{path}:4: entry 'two': pdf {linked} https://a.example/x.pdf {kept}",
        f"{path}:4: entry 'two': url {linked} https://a.example/x {kept}",
    ]
    # Mendeley writes every address into url, space-separated, hundreds in
    # a file (AurinaBMH/PHDthesisLatex: 350): past five, one warning.
    many = "".join(
        f"@misc{{m{n}, url = {{https://a.example/{n} https://b.example/{n}}}}}\n"
        for n in range(8)
    )
    caplog.clear()
    load_bibliography([write(tmp_path, "many.bib", many)])
    found = [m for m in warnings_of(caplog) if "addresses" in m]
    assert len(found) == 6
    assert found[-1] == (
        f"{tmp_path / 'many.bib'}: 3 more link fields hold several addresses,"
        " each linked to its first (not the DOI's) (lines 6, 7, 8)"
    )


def test_mendeleys_braced_characters_in_a_link_are_the_characters(
    tmp_path: Path,
) -> None:
    # Mendeley's export (1x0r/disser's library.bib, 197 entries) writes a
    # URL's & % # as {&} {%} {#} and _ as {\_}: 42 of its links were dead.
    path = write(
        tmp_path,
        "mendeley.bib",
        r"""
        @article{Oesch2015, title = {O},
          url = {http://www.scopus.com/inward/record.url?eid=2-s2.0-84921535021{&}partnerID=40{&}md5=13553814}}
        @book{Brabazon2015, title = {B},
          url = {http://www.amazon.com/dp/3662436302{%}3FSubscriptionId{%}3D0JYN1NVW{#}top}}
        @inproceedings{Spr, title = {S},
          url = {http://link.springer.com/10.1007/3-540-45355-5{\_}27}}
        """,
    )
    bib = load_bibliography([path])
    assert bib["Oesch2015"].links["url"] == (
        "http://www.scopus.com/inward/record.url?eid=2-s2.0-84921535021"
        "&partnerID=40&md5=13553814"
    )
    assert bib["Brabazon2015"].links["url"] == (
        "http://www.amazon.com/dp/3662436302%3FSubscriptionId%3D0JYN1NVW#top"
    )
    assert bib["Spr"].links["url"] == (
        "http://link.springer.com/10.1007/3-540-45355-5_27"
    )


def test_mendeleys_escapes_of_what_the_owner_typed_are_read_as_meant(
    tmp_path: Path,
) -> None:
    # The same Mendeley export (1x0r/disser's library.bib) beside the
    # owner's JabRef file of the same works: Mendeley wrote their case-
    # protecting {RTAC} as {\{}RTAC{\}} (shown "{RTAC}"), their tie "A.~M."
    # as "A.{\~{}}M." (shown with a small tilde), and a "\n" of a pasted
    # abstract as $\backslash$n (shown "thatbackslashncan").
    path = write(
        tmp_path,
        "mendeley.bib",
        r"""
        @inproceedings{Dussy1998,
          title = {{Measurement-scheduled control for the {\{}RTAC{\}} problem: An {\{}LMI{\}} approach}}}
        @article{Letov1960, author = {Летов, А.{\~{}}М.},
          title = {{Аналитическое конструирование регуляторов.{\~{}}II}}}
        @inproceedings{Ferrante2013,
          abstract = {we propose GESwarm, a novel tool that$\backslash$ncan automatically synthesise},
          title = {A path C:$\backslash$Users}}
        @article{Chen2015,
          abstract = {connectomes of the $\backslash$textit{\{}Caenorhabditis elegans{\}} roundworm
            of {\$}253{\$} neurons, {\$}\backslashtau=1{\$}, {\$}x{\_}1{\^{}}2{\$}},
          note = {from {\$}5 to {\$}10}}
        """,  # noqa: RUF001 - Cyrillic names
    )
    bib = load_bibliography([path])
    assert bib["Dussy1998"].title == (
        "Measurement-scheduled control for the RTAC problem: An LMI approach"
    )
    assert bib["Letov1960"].authors == ("\u0410.\u00a0\u041c. Летов",)
    assert (
        bib["Letov1960"].title == "Аналитическое конструирование регуляторов.\u00a0II"
    )
    assert bib["Ferrante2013"].abstract == (
        "we propose GESwarm, a novel tool that can automatically synthesise"
    )
    assert bib["Ferrante2013"].title == "A path C:\\Users"
    # An owner's TeX, escaped by Mendeley (AurinaBMH/PHDthesisLatex's
    # 933-entry Mendeley library.bib): shown "\\textitCaenorhabditis".
    # Their $...$ too: {\$}253{\$}, {\$}\backslashtau=1{\$} (the same file).
    assert bib["Chen2015"].abstract == (
        "connectomes of the Caenorhabditis elegans roundworm of 253 neurons,"
        " \u03c4=1, x\u2081\u00b2"
    )
    assert bib["Chen2015"].fields["note"] == "from $5 to $10"


def test_an_entry_without_a_key_is_named_and_its_neighbour_kept(
    tmp_path: Path, caplog
) -> None:
    # Mendeley writes an entry it has no key for as @article{, (8 in
    # AurinaBMH/PHDthesisLatex's library.bib): BibTeX rejects it, but the
    # error named the entry before it, and left that good entry out.
    path = write(
        tmp_path,
        "keyless.bib",
        """
        @article{Teague2010,
        title = {{High-resolution human genome structure}},
        year = {2010}
        }
        @article{,
        file = {:Users/A/Literature/Romme{\\_}manuscript.pdf:pdf},
        title = {{No key}}
        }
        @article{After2011, title = {After}, year = {2011}}
        """,
    )
    bib = load_bibliography([path])
    assert list(bib) == ["Teague2010", "After2011"]
    (error,) = errors_of(caplog)
    assert error.startswith(
        f"{path}:5: malformed @article without a key, left out (pybtex: "
    )


def test_an_escaped_line_break_written_as_text_is_a_space(tmp_path: Path) -> None:
    # Better BibTeX writes an abstract's literal "\r\n" (a tweet pasted into
    # Zotero, DarwinAwardWinner/Thesis's 572-entry library.bib) as
    # \textbackslash{}r\textbackslash{}n: shown "tissues.\r\n\r\nMost".
    path = write(
        tmp_path,
        "breaks.bib",
        r"""
        @misc{reyes2017, abstract = {in human tissues.\textbackslash{}r\textbackslash{}n\textbackslash{}r\textbackslash{}nMost human genes},
          title = {C:\textbackslash{}Users}}
        """,
    )
    reference = load_bibliography([path])["reyes2017"]
    assert reference.abstract == "in human tissues. Most human genes"
    assert reference.title == "C:\\Users"


def test_tex_in_a_zotero_abstract_better_bibtex_escaped_is_read(
    tmp_path: Path,
) -> None:
    # NASA ADS abstracts hold TeX and escapes of their own; Zotero keeps them
    # and Better BibTeX escapes them again (CoreySpohn/dissertation's 332
    # entries): shown "\\emph{a prior}", "design\\nof the mission",
    # "planet\\u2019s".
    path = write(
        tmp_path,
        "ads.bib",
        r"""
        @article{a, abstract = {accuracy of \${$>\$$}90\textbackslash\% if they are \textbackslash emph\{a prior\} known,
          into the design\textbackslash nof the mission, a planet\textbackslash u2019s atmosphere,
          with \textbackslash alpha=-0.31 \textbackslash pm 0.2}}
        """,
    )
    assert load_bibliography([path])["a"].abstract == (
        "accuracy of >90% if they are a prior known, into the design of the"
        " mission, a planet\u2019s atmosphere, with \u03b1=-0.31 \u00b1 0.2"
    )


def test_a_link_field_holding_a_bare_word_is_no_link_and_a_warning(
    tmp_path: Path, caplog
) -> None:
    # An astronomer's Zotero export (CoreySpohn/dissertation, 332 entries)
    # names a work's project: project = {EagleEye}. It was linked as the
    # site's file /files/EagleEye (a dead link).
    path = write(
        tmp_path,
        "words.bib",
        r"""
        @inproceedings{knightMissionDesign2013, title = {Mission Design},
          project = {EagleEye}, pdf = {knight.pdf}, code = {TBD}}
        """,
    )
    reference = load_bibliography([path])["knightMissionDesign2013"]
    assert reference.links == {"pdf": "knight.pdf"}
    said = "is neither an address nor a file name: no link made from it"
    where = f"{path}:1: entry 'knightMissionDesign2013'"
    assert [m for m in warnings_of(caplog) if "file name" in m] == [
        f"{where}: code = {{TBD}} {said}",
        f"{where}: project = {{EagleEye}} {said}",
    ]


def test_a_venue_that_is_the_title_is_not_the_venue(tmp_path: Path) -> None:
    # A planning group's crossref.bib (AAU-conan/bib) gives each
    # @proceedings its title as booktitle too, for its papers to inherit:
    # cited, it read "Proceedings of ... (AAAI 1991). (1991). Proceedings of
    # ... (AAAI 1991)."
    path = write(
        tmp_path,
        "procs.bib",
        r"""
        @Proceedings{aaai1991,
          title =        "Proceedings of the Ninth National Conference on
                          Artificial Intelligence ({AAAI} 1991)",
          booktitle =    "Proceedings of the Ninth National Conference on
                          Artificial Intelligence ({AAAI} 1991)",
          publisher =    "{AAAI} Press",
          year =         "1991"
        }
        """,
    )
    reference = load_bibliography([path])["aaai1991"]
    assert reference.venue == "AAAI Press"
    assert format_reference(reference) == (
        "Proceedings of the Ninth National Conference on Artificial Intelligence"
        " (AAAI 1991). (1991). <em>AAAI Press</em>."
    )


def test_escaped_braces_around_a_word_protect_its_case(tmp_path: Path) -> None:
    # ScienceDirect's export (lhsantos/sysreview-elderly's sd.bib, 414
    # entries) writes the braces protecting an acronym escaped: journal =
    # "\{NPG\} Neurologie", "... from \{EEG\} data" (306 in the file). The
    # page showed "{NPG}"; a set in math keeps its braces.
    path = write(
        tmp_path,
        "sd.bib",
        r"""
        @article{david2016,
          title = "Cortical connectivity in cognitive decline: A study via graph theory from \{EEG\} data",
          journal = "\{NPG\} Neurologie - Psychiatrie - Gériatrie ",
          abstract = "\{PM10\} and \{H1N1\} in $\{0, 1\}^n$, the set \{a, b\}"}
        """,
    )
    reference = load_bibliography([path])["david2016"]
    assert reference.title.endswith("graph theory from EEG data")
    assert reference.venue == "NPG Neurologie - Psychiatrie - Gériatrie"
    assert reference.abstract == "PM10 and H1N1 in {0, 1}ⁿ, the set {a, b}"


def test_repeated_keywords_fields_are_one_list(tmp_path: Path, caplog) -> None:
    # ScienceDirect's export writes one keyword per field (lhsantos/
    # sysreview-elderly's sd.bib: 2,022 keywords fields in 414 entries):
    # read as BibTeX reads a field given twice, 355 warnings and every
    # keyword but the first gone from the readers' BibTeX.
    path = write(
        tmp_path,
        "sd.bib",
        """
        @article{deCastro2016283,
        title = "Jogos recreativos para a terceira idade",
        keywords = "Idoso",
        keywords = "Atividade física",
        Keywords = "Jogos",
        note = "",
        note = "twice"
        }
        """,
    )
    reference = load_bibliography([path])["deCastro2016283"]
    assert reference.fields["keywords"] == "Idoso, Atividade física, Jogos"
    assert "keywords = {Idoso, Atividade física, Jogos}" in reference.bibtex
    # Another field given twice is read as BibTeX reads it, with a warning.
    said = "field 'note' is given twice: the first is kept, as in BibTeX"
    assert [m for m in warnings_of(caplog) if "twice" in m] == [
        f"{path}:1: entry 'deCastro2016283': {said}"
    ]


def test_a_file_declaring_its_encoding_as_jabref_does_is_read_in_it(
    tmp_path: Path,
) -> None:
    # A thesis's JabRef file (ge84daz/Thesis, main_musterthesis.bib) starts
    # "% Encoding: windows-1252" and is: the build stopped, "cannot read".
    path = tmp_path / "jabref.bib"
    path.write_bytes(
        "% Encoding: windows-1252\n\n@BOOK{Sturm2010,\n"
        "  title = {LaTeX - Einführung in das Textsatzsystem},\n"
        "  publisher = {Regionales Rechenzentrum für Niedersachsen},\n"
        "  year = {2010}, author = {Thomas F. Sturm}}\n".encode("cp1252")
    )
    reference = load_bibliography([path])["Sturm2010"]
    assert reference.title == "LaTeX - Einführung in das Textsatzsystem"
    assert reference.venue == "Regionales Rechenzentrum für Niedersachsen"
    # A declaration naming no encoding Python knows is no help: the error.
    path.write_bytes(b"% Encoding: x-unknown\n@misc{x, title={G\xf6del}}\n")
    with pytest.raises(BibliographyError, match=r"jabref\.bib: cannot read"):
        load_bibliography([path])


def test_a_doi_named_by_the_key_or_arxivs_doi_gives_their_links(
    tmp_path: Path,
) -> None:
    # Springer's "cite this paper" BibTeX (in READMEs of MICCAI and ROBOT2022
    # papers) names an entry by its DOI and has no doi field: no link. The
    # BibTeX arXiv writes (DataCite) has doi = {10.48550/ARXIV.2205.13284}
    # and its abstract page as url: DOI and Link buttons, no arXiv one.
    path = write(
        tmp_path,
        "springer.bib",
        """
        @InProceedings{10.1007/978-3-030-87193-2_57,
        author="Gaggion, Nicol{\\\\'a}s
        and Mansilla, Lucas",
        title="Hybrid Graph Convolutional Neural Networks",
        booktitle="Medical Image Computing and Computer Assisted Intervention -- MICCAI 2021",
        year="2021",
        isbn="978-3-030-87193-2"
        }
        @misc{yasmin,
          doi = {10.48550/ARXIV.2205.13284},
          url = {https://arxiv.org/abs/2205.13284},
          title = {YASMIN: Yet Another State MachINe library for ROS 2},
          publisher = {arXiv}, year = {2022}}
        @misc{notadoi, title = {K}, url = {https://example.org/k}}
        """,
    )
    bib = load_bibliography([path])
    assert bib["10.1007/978-3-030-87193-2_57"].links == {
        "doi": "https://doi.org/10.1007/978-3-030-87193-2_57"
    }
    assert bib["yasmin"].links == {
        "doi": "https://doi.org/10.48550/ARXIV.2205.13284",
        "arxiv": "https://arxiv.org/abs/2205.13284",
    }
    assert bib["notadoi"].links == {"url": "https://example.org/k"}


def test_semantic_scholars_arxiv_volume_is_the_arxiv_link(tmp_path: Path) -> None:
    # Semantic Scholar's BibTeX (in papers' READMEs: DEYO, Magpie) has
    # journal={ArXiv} and volume={abs/2402.16370}; DBLP writes CoRR so too.
    # Neither had an arXiv link.
    path = write(
        tmp_path,
        "s2.bib",
        """
        @article{Ouyang2024DEYO,
                 title={DEYO: DETR with YOLO for End-to-End Object Detection},
                 author={Haodong Ouyang},
                 journal={ArXiv},
                 year={2024},
                 volume={abs/2402.16370},
        }
        @article{xu2024magpie, title={Magpie}, journal={ArXiv}, year={2024},
          volume={abs/2406.08464},
          url={https://api.semanticscholar.org/CorpusID:270391432}}
        @article{corr, title={C}, journal={CoRR}, volume={abs/2102.04664}}
        @article{other, title={O}, journal={J. Things}, volume={abs/2102.04664}}
        """,
    )
    bib = load_bibliography([path])
    assert bib["Ouyang2024DEYO"].links == {"arxiv": "https://arxiv.org/abs/2402.16370"}
    assert bib["xu2024magpie"].links == {
        "arxiv": "https://arxiv.org/abs/2406.08464",
        "url": "https://api.semanticscholar.org/CorpusID:270391432",
    }
    assert bib["corr"].links == {"arxiv": "https://arxiv.org/abs/2102.04664"}
    assert bib["other"].links == {}


@pytest.mark.parametrize(
    ("abstract", "text"),
    [
        # Better BibTeX escapes the TeX of an abstract Zotero got from NASA
        # ADS: an astronomer's file (CoreySpohn/dissertation, 267 dollar
        # signs and backslashes shown) and a biologist's (DarwinAwardWinner/
        # Thesis).
        (r"magnitude (\$\textbackslash Delta\$mag) space", "magnitude (Δmag) space"),
        (r"separation (\$s\$) and", "separation (s) and"),
        (r"even at \$z{$>$}6\$. To", "even at z>6. To"),
        (
            r"ejecta (\$f\_\{\textbackslash{}mathrm\{in\}\} \textbackslash{}ga 0.5\$)",
            "ejecta (f_in \u2273 0.5)",
        ),
        (r"save \$177 billion and \$5 more", "save $177 billion and $5 more"),
        (
            r"the T9 dwarf WISEPA J075108.79\$-\$763449.6",
            "the T9 dwarf WISEPA J075108.79-763449.6",
        ),
    ],
)
def test_better_bibtexs_escaped_formulas_are_formulas(
    tmp_path: Path, abstract: str, text: str
) -> None:
    path = tmp_path / "bbt.bib"
    path.write_text(f"@article{{a, abstract = {{{abstract}}}}}\n", encoding="utf-8")
    assert load_bibliography([path])["a"].abstract == text


NO_TITLES = r"""
@misc{onlyurl,
  url = {https://example.org/data/set.html},
}
@misc{published,
  howpublished = {\url{https://github.com/foo/bar/}},
}
@misc{noted,
  note = {Personal communication},
}
@misc{nothing,
  author = {Doe, Jane},
  year = {2020},
}
"""


def test_an_entry_without_a_title_shows_its_address_or_note_and_is_a_warning(
    tmp_path: Path, caplog
) -> None:
    path = write(tmp_path, "web.bib", NO_TITLES)
    bib = load_bibliography([path])
    assert [ref.shown_title for ref in bib.values()] == [
        "example.org/data/set.html",
        "github.com/foo/bar",
        "Personal communication",
        "",
    ]
    assert [ref.title for ref in bib.values()] == ["", "", "", ""]
    html = format_reference(bib["onlyurl"], "author-year")
    assert html == (
        '<a href="https://example.org/data/set.html">example.org/data/set.html</a>.'
    )
    numeric = format_reference(bib["published"], "numeric", number=1)
    assert numeric == (
        '[1] \u201c<a href="https://github.com/foo/bar/">github.com/foo/bar</a>.\u201d'
    )
    assert format_reference(bib["noted"], "author-year") == "Personal communication."
    assert short_authors(bib["onlyurl"]) == "example.org/data/set.html"
    where = f"{path}:%d: entry %r has no title: shown as its %s"
    assert warnings_of(caplog) == [
        where % (1, "onlyurl", "address, example.org/data/set.html"),
        where % (4, "published", "address, github.com/foo/bar"),
        where % (7, "noted", "note, Personal communication"),
        where % (10, "nothing", "key"),
    ]


def test_a_file_of_untitled_entries_names_the_sixth_and_later_in_one_warning(
    tmp_path: Path, caplog
) -> None:
    text = "".join(
        f"@misc{{w{n}, url = {{https://example.org/{n}}}}}\n" for n in range(8)
    )
    path = write(tmp_path, "web.bib", text)
    load_bibliography([path])
    found = warnings_of(caplog)
    assert len(found) == 6
    assert found[5] == f"{path}: 3 more entries have no title (lines 6, 7, 8)"


def test_an_untitled_entry_is_listed_under_its_address(tmp_path: Path) -> None:
    path = write(tmp_path, "web.bib", NO_TITLES)
    bib = load_bibliography([path])
    settings = {**DEFAULTS, "SCHOLAR_CITATION_STYLE": "author-year"}
    shown = [BibPublication(ref, "publications", settings) for ref in bib.values()]
    assert [item.plain_title for item in shown] == [
        "example.org/data/set.html",
        "github.com/foo/bar",
        "Personal communication",
        "nothing",
    ]
    assert shown[0].title == "example.org/data/set.html"
    assert ("citation_title", "example.org/data/set.html") in shown[0].citation_meta


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # NASA ADS's BibTeX writes every character it knows a command for
        # as that command (adsabs/export_service, formatter/latexencode.py):
        # math symbols in \ensuremath, text symbols, spaces, Cyrillic (T2A).
        (
            r"Tidal Limits {\ensuremath{\ll}} 1 and L {\ensuremath{\propto}} M$^{3}$",
            "Tidal Limits ≪ 1 and L ∝ M³",
        ),
        (
            (
                r"{\ensuremath{\hbar}}, {\ensuremath{\leqslant}},"
                r" {\ensuremath{\parallel}} and {\ensuremath{\not\equiv}}"
            ),
            "ℏ, ⩽, ∥ and ≢",
        ),
        (
            r"200-$\upmu$m, {\ensuremath{\varnothing}} and {\ensuremath{\sqrt{}}}2",
            "200-μm, ∅ and √2",
        ),
        (
            (
                r"Isotopes at 5{\textperthousand}, 20{\textcelsius}"
                r" and {\textquestiondown}Qu{\'e}?"
            ),
            "Isotopes at 5‰, 20℃ and ¿Qué?",
        ),
        (
            r"N{\textnumero}5 {\textrightarrow} a{\hspace{0.167em}}b{\enskip}c",
            "N№5 → a b c",
        ),
        (
            r"{\CYRP}{\cyrr}{\cyri}{\cyrv}{\cyre}{\cyrt} {\CYRYA}{\cyrk}{\cyru}{\cyrt}{\cyri}{\cyrya}",
            "Привет Якутия",
        ),
    ],
)
def test_what_nasa_ads_writes_for_a_character_is_that_character(
    tmp_path: Path, title: str, text: str
) -> None:
    path = tmp_path / "ads.bib"
    path.write_text(f'@article{{a, title = "{{{title}}}"}}\n', encoding="utf-8")
    assert load_bibliography([path])["a"].title == text


def test_proceedings_that_papers_crossref_need_no_title(tmp_path: Path, caplog) -> None:
    # As generate_bib.py writes them: the papers give the proceedings' fields
    # a page; the proceedings are not listed.
    path = write(
        tmp_path,
        "conf.bib",
        """
        @inproceedings{paper, title = {A Paper}, crossref = {conf2020}}
        @proceedings{conf2020, booktitle = {Proc. of Things}, year = 2020}
        """,
    )
    bib = load_bibliography([path])
    assert bib["paper"].venue == "Proc. of Things"
    assert warnings_of(caplog) == []


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # Crossref's BibTeX (doi.org) and NASA ADS keep the publisher's HTML.
        ("The <i>Drosophila</i> Gene <b>vg</b>", "The Drosophila Gene vg"),
        (
            "H<sub>2</sub>O and CO<SUB>2</SUB> at 10<sup>-3</sup> Pa",
            "H₂O and CO₂ at 10⁻³ Pa",
        ),
        ("T<sub>eff</sub> of <scp>Lidar</scp> Stars", "Teff of Lidar Stars"),
        (
            (
                '<span class="a" style="x">Our</span>'
                " <mml:math><mml:mi>x</mml:mi></mml:math><br/>Way"
            ),
            "Our x Way",
        ),
        ("Ions &lt;i&gt;in vivo&lt;/i&gt; &amp; More", "Ions in vivo & More"),
        # No formatting tag: data, shown as text.
        (
            '<script>alert("t")</script> and a <b and c> d',
            '<script>alert("t")</script> and a <b and c> d',
        ),
        ("z <6 and x>1", "z <6 and x>1"),
    ],
)
def test_html_formatting_in_a_field_is_shown_without_its_tags(
    tmp_path: Path, title: str, text: str
) -> None:
    path = tmp_path / "html.bib"
    path.write_text(f"@article{{h, title = {{{title}}}}}\n", encoding="utf-8")
    reference = load_bibliography([path])["h"]
    assert reference.title == text
    assert title in reference.bibtex  # the BibTeX readers copy keeps it


def test_a_link_field_in_protecting_braces_is_its_address(tmp_path: Path) -> None:
    # BASHLab/publications: url={{https://www.cs.unc.edu/~bashima/...pdf}}.
    path = write(
        tmp_path,
        "braced.bib",
        """
        @misc{a, title = {A}, url = {{https://example.org/~a/a.pdf}},
          doi = {{10.1000/xyz}}, eprint = { {2101.00001} }}
        @misc{b, title = {B}, url = {{https://example.org/b}{c}}}
        """,
    )
    bib = load_bibliography([path])
    assert bib["a"].links == {
        "doi": "https://doi.org/10.1000/xyz",
        "arxiv": "https://arxiv.org/abs/2101.00001",
        "url": "https://example.org/~a/a.pdf",
    }
    assert bib["a"].fields["doi"] == "10.1000/xyz"
    assert "{{https://example.org/~a/a.pdf}}" in bib["a"].bibtex
    # Two groups are no one wrapped value: kept as written.
    assert bib["b"].fields["url"] == "{https://example.org/b}{c}"


def test_crossrefs_month_words_are_months(tmp_path: Path, caplog) -> None:
    # Crossref's BibTeX (doi.org, and ORCID's export of it) writes month=July,
    # month=June, month=Sept: words BibTeX has no macro for.
    path = write(
        tmp_path,
        "crossref.bib",
        """
        @article{Bagheri_2025, title={Age}, year={2025}, month=July }
        @article{Hageman_2026, title={Ice}, year={2026}, month=june }
        @article{S_2024, title={S}, year={2024}, month=Sept }
        @article{F_2026, title={F}, year={2026}, month=Feb }
        """,
    )
    bib = load_bibliography([path])
    assert [ref.month for ref in bib.values()] == [7, 6, 9, 2]
    assert warnings_of(caplog) == []


def test_a_host_name_alone_is_a_web_address(tmp_path: Path) -> None:
    # Zotero's export of a library (hcp4715/SalientGoodSelf's endnote.bib)
    # writes url = {insights.ovid.com}: linked as written, a path of the site.
    path = write(
        tmp_path,
        "host.bib",
        """
        @article{fiske, title = {Attention}, url = {insights.ovid.com},
          project = {example.org}}
        @misc{files, title = {F}, url = {notes.txt}, pdf = {my.paper.pdf}}
        """,
    )
    bib = load_bibliography([path])
    assert bib["fiske"].links == {
        "url": "https://insights.ovid.com",
        "project": "https://example.org",
    }
    assert bib["files"].links == {"pdf": "my.paper.pdf", "url": "notes.txt"}


def test_a_note_that_is_one_address_is_the_entrys_link(tmp_path: Path) -> None:
    # tlringer/ml-for-proofs writes every paper's address as its note
    # (note={\url{https://openreview.net/forum?id=TrjbxzRcnf-}}): no Link.
    path = write(
        tmp_path,
        "notes.bib",
        r"""
        @inproceedings{wu2021memorizing, title={Memorizing Transformers},
          booktitle={ICLR}, year={2022},
          note={\url{https://openreview.net/forum?id=TrjbxzRcnf-}}}
        @misc{both, title={B}, url={https://example.org/b},
          note={\url{https://example.org/other}}}
        @misc{words, title={W}, note={See https://example.org/w}}
        """,
    )
    bib = load_bibliography([path])
    assert bib["wu2021memorizing"].links == {
        "url": "https://openreview.net/forum?id=TrjbxzRcnf-"
    }
    assert bib["both"].links == {"url": "https://example.org/b"}
    assert bib["words"].links == {}


def test_biblatexs_pubstate_is_shown_and_stands_for_a_missing_year(
    tmp_path: Path,
) -> None:
    # biblatex CVs mark work under review or accepted so (Sapphire++'s
    # pubstate = {submitted}; a NeurIPS paper's pubstate = {inpress}).
    path = write(
        tmp_path,
        "cv.bib",
        """
        @inproceedings{cloud, author = {Roe, Ann}, title = {Point Clouds},
          booktitle = {NeurIPS}, year = {2025}, pubstate = {inpress}}
        @article{accepted, author = {Doe, Jane}, title = {Accepted Work},
          journaltitle = {Journal of Things}, pubstate = {forthcoming}}
        @article{review, author = {Doe, Jane}, title = {Under Review},
          pubstate = {submitted}}
        @misc{own, author = {Doe, Jane}, title = {Own}, pubstate = {draft only}}
        """,
    )
    bib = load_bibliography([path])
    assert format_reference(bib["cloud"]) == (
        "Ann Roe (2025). Point Clouds. <em>NeurIPS</em>. In press."
    )
    assert format_reference(bib["cloud"], "numeric") == (
        "Ann Roe, \u201cPoint Clouds,\u201d <em>NeurIPS</em>, 2025, in press."
    )
    assert format_reference(bib["accepted"]) == (
        "Jane Doe (forthcoming). Accepted Work. <em>Journal of Things</em>."
    )
    assert bib["accepted"].year_text == "forthcoming"
    assert bib["review"].year_text == "submitted"
    assert bib["own"].year_text == "draft only"
    assert bib["cloud"].year_text == "2025"
