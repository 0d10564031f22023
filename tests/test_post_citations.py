"""Citations in posts: [@key] forms, both styles, references, errors, previews."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from conftest import build_or_fail, run_pelican, served, soup, write_site
from test_html_valid import check_html

from pelican.plugins.scholar.readtime import count_words

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Page

REFERENCES = r"""
@article{smith2020,
  author = {Smith, John and Doe, Jane},
  title = {A Study of <script>alert(1)</script> Things},
  journal = {Journal X},
  year = 2020,
  doi = {10.1/x},
}
@misc{lee2021,
  author = {Lee, A. and Kim, B. and Park, C.},
  title = {Three Authors},
  year = 2021,
  eprint = {2101.00001},
  archiveprefix = {arXiv},
}
@book{NASA2019,
  author = {Agency, Space},
  title = {Big Book},
  publisher = {NASA},
  year = 2019,
}
"""

POST = """\
Title: Citing
Date: 2024-01-01
Slug: citing

First [@smith2020], then [@lee2021; @smith2020, p. 3] and [see @NASA2019, pp. 3--5].

@lee2021 says so. Mail me@example.org or ping @someone. The year [-@smith2020].

`[@smith2020]` stays code, and [@lee2021](https://example.org) stays a link.

    [@NASA2019] in a code block
"""


def settings(style: str, extra: str = "") -> str:
    return (
        "from pelican.plugins.scholar import theme_path\n"
        "THEME = theme_path()\n"
        'PLUGINS = ["pelican.plugins.scholar"]\n'
        'AUTHOR = "Me"\n'
        f'SCHOLAR_CITATION_STYLE = "{style}"\n' + extra
    )


def build_post(
    tmp_path: Path,
    style: str,
    post: str = POST,
    extra: str = "",
    files: dict | None = None,
) -> Path:
    site = write_site(
        tmp_path / "site",
        {"references/refs.bib": REFERENCES, "posts/citing.md": post, **(files or {})},
        settings(style, extra),
    )
    build_or_fail(site, tmp_path / "out")
    return tmp_path / "out"


def citations(out: Path) -> list[str]:
    page = soup(out / "citing.html")
    return [
        " ".join(c.get_text().split()) for c in page.select(".post__content .citation")
    ]


@pytest.fixture(scope="module")
def numeric(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_post(tmp_path_factory.mktemp("numeric"), "numeric")


@pytest.fixture(scope="module")
def author_year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_post(tmp_path_factory.mktemp("author-year"), "author-year")


def test_numeric_citations_are_numbered_in_order_of_first_citation(
    numeric: Path,
) -> None:
    assert citations(numeric) == [
        "[1]",
        "[2; 1, p. 3]",
        "[see 3, pp. 3\u20135]",
        "Lee et al. [2]",
        "[1]",
        "Lee et al. [2]",  # inside a link's text: not linked again
    ]


def test_author_year_citations(author_year: Path) -> None:
    assert citations(author_year) == [
        "(Smith and Doe, 2020)",
        "(Lee et al., 2021; Smith and Doe, 2020, p. 3)",
        "(see Agency, 2019, pp. 3\u20135)",
        "Lee et al. (2021)",
        "(2020)",
        "Lee et al. (2021)",
    ]


def test_each_citation_links_to_its_one_entry_and_is_described_by_it(
    numeric: Path,
) -> None:
    page = soup(numeric / "citing.html")
    entries = page.select(".references li")
    assert [entry["id"] for entry in entries] == [
        "ref-smith2020",
        "ref-lee2021",
        "ref-nasa2019",
    ]
    assert page.select_one("#references").get_text() == "References"
    for link in page.select(".post__content p .citation__link"):
        target = link["href"].removeprefix("#")
        assert page.select_one(f"#{target}") is not None
        assert link["aria-describedby"] == f"{target}-text"
        described = page.select_one(f"#{target}-text").get_text()
        assert link["data-preview"] == " ".join(described.split())
    first = entries[0]
    assert first.select_one("a.references__link")["href"] == "https://doi.org/10.1/x"
    assert [a.get_text() for a in entries[1].select("a")] == ["arXiv"]
    # The list is ordered as the numbers; the text says them too.
    assert first.get_text().startswith("[1] John Smith and Jane Doe")


def test_author_year_references_are_sorted_by_author(author_year: Path) -> None:
    page = soup(author_year / "citing.html")
    assert [li["id"] for li in page.select(".references li")] == [
        "ref-nasa2019",
        "ref-lee2021",
        "ref-smith2020",
    ]


def test_code_links_mail_and_handles_are_left_alone(numeric: Path) -> None:
    page = soup(numeric / "citing.html")
    assert [c.get_text() for c in page.select(".post__content code")] == [
        "[@smith2020]",
        "[@NASA2019] in a code block\n",
    ]
    text = page.select_one(".post__content").get_text()
    assert "me@example.org" in text
    assert "@someone" in text
    link = page.select_one('.post__content a[href="https://example.org"]')
    assert link.select("a") == []
    html = (numeric / "citing.html").read_text(encoding="utf-8")
    assert "scholar-cite" not in html


def test_bib_text_is_escaped_in_previews_references_and_bibtex(numeric: Path) -> None:
    html = (numeric / "citing.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    page = soup(numeric / "citing.html")
    assert (
        "<script>alert(1)</script>" in page.select_one("#ref-smith2020-text").get_text()
    )
    assert "<script>" in page.select_one(".citation__link")["data-preview"]


def test_cite_this_post_offers_the_cited_works_bibtex(numeric: Path) -> None:
    page = soup(numeric / "citing.html")
    cited = page.select_one("#bibtex-citing-cited").get_text()
    assert cited.index("@article{smith2020,") < cited.index("@misc{lee2021,")
    assert "@book{NASA2019," in cited
    button = page.select('.cite button[data-copy="bibtex-citing-cited"]')
    assert len(button) == 1


def test_the_table_of_contents_ends_with_references(tmp_path: Path) -> None:
    post = POST + "\n## One\n\nText.\n\n## Two\n\nText [@NASA2019].\n"
    headings = (
        'MARKDOWN = {"extension_configs": {"markdown.extensions.toc": {}},'
        ' "output_format": "html5"}\n'
    )
    out = build_post(tmp_path, "numeric", post, extra=headings)
    toc = soup(out / "citing.html").select(".toc a")
    assert [a.get_text() for a in toc] == ["One", "Two", "References"]
    assert toc[-1]["href"] == "#references"


def test_an_unknown_key_is_an_error_naming_post_line_and_key(tmp_path: Path) -> None:
    post = (
        "Title: Citing\nDate: 2024-01-01\n\nFine [@smith2020].\n\nBad [@nobody2020].\n"
    )
    site = write_site(
        tmp_path / "site",
        {"references/refs.bib": REFERENCES, "posts/citing.md": post},
        settings("numeric"),
    )
    failed = run_pelican(site, tmp_path / "out", "--fatal", "errors")
    assert failed.returncode != 0
    log = " ".join((failed.stdout + failed.stderr).split())
    assert "posts/citing.md:6: citation key 'nobody2020' is in no bibliography" in log
    # Without --fatal, the post is built and shows the key.
    kept = run_pelican(site, tmp_path / "kept")
    assert kept.returncode == 0
    marker = soup(tmp_path / "kept" / "citing.html").select_one(".citation--unknown")
    assert marker.get_text() == "[?nobody2020]"


def test_an_unknown_key_among_known_ones_leaves_the_known_ones_cited(
    tmp_path: Path,
) -> None:
    # A real .bib without one of three keys: the other two stay cited and
    # listed, and each unknown key is its own error.
    post = (
        "Title: Citing\nDate: 2024-01-01\nSlug: citing\n\n"
        "Two at once [@smith2020; @ONGENAE2013; @lee2021, p. 7; @gone2020].\n"
    )
    site = write_site(
        tmp_path / "site",
        {"references/refs.bib": REFERENCES, "posts/citing.md": post},
        settings("author-year"),
    )
    kept = run_pelican(site, tmp_path / "out")
    assert kept.returncode == 0
    log = " ".join((kept.stdout + kept.stderr).split())
    assert "posts/citing.md:5: citation key 'ONGENAE2013' is in no bibliography" in log
    assert "posts/citing.md:5: citation key 'gone2020' is in no bibliography" in log
    page = soup(tmp_path / "out" / "citing.html")
    assert citations(tmp_path / "out") == [
        "(Smith and Doe, 2020; [?ONGENAE2013]; Lee et al., 2021, p. 7; [?gone2020])"
    ]
    unknown = page.select(".post__content .citation--unknown")
    assert [marker.get_text() for marker in unknown] == [
        "[?ONGENAE2013]",
        "[?gone2020]",
    ]
    assert [li["id"] for li in page.select(".references__entry")] == [
        "ref-lee2021",
        "ref-smith2020",
    ]


def test_a_post_bibliography_file(tmp_path: Path) -> None:
    own = "@misc{own2022, author = {Own, Olga}, title = {Mine Alone}, year = 2022}\n"
    post = "Title: Citing\nDate: 2024-01-01\nBibliography: own.bib\n\nSee [@own2022].\n"
    out = build_post(tmp_path, "numeric", post, files={"posts/own.bib": own})
    page = soup(out / "citing.html")
    assert page.select_one("#ref-own2022-text").get_text().startswith("[1] Olga Own")


def test_a_reference_links_a_bare_file_name_where_the_listing_does(
    tmp_path: Path,
) -> None:
    # al-folio writes pdf = {name.pdf}: a file of SCHOLAR_BIBLIOGRAPHY_FILES,
    # on a post's References as on the publications page (not next to the post).
    own = (
        "@inproceedings{zhang2020task, author = {Zhang, Yichi}, title = {Task},"
        " booktitle = {AAAI}, year = 2020, pdf = {aaai20_damd.pdf},"
        " code = {https://github.com/x/damd}}\n"
    )
    post = "Title: Citing\nDate: 2024-01-01\nSlug: citing\n\nSee [@zhang2020task].\n"
    out = build_post(
        tmp_path,
        "numeric",
        post,
        extra='SITEURL = "https://me.example/blog"\n',
        files={"bibliography/papers.bib": own},
    )
    entry = soup(out / "citing.html").select_one("#ref-zhang2020task")
    links = {a.get_text(): a["href"] for a in entry.select("a.references__link")}
    assert links == {"PDF": "https://me.example/blog/files/aaai20_damd.pdf"}
    listing = soup(out / "publications" / "index.html")
    assert (
        listing.select_one('#pub-zhang2020task a[href$=".pdf"]')["href"]
        == (links["PDF"])
    )


@pytest.mark.parametrize(
    ("extra", "address"),
    [
        (
            'SITEURL = "https://me.example/blog"\n',
            "https://me.example/blog/citing.html",
        ),
        ("RELATIVE_URLS = True\n", "./citing.html"),
    ],
)
def test_a_citation_in_a_listed_excerpt_links_to_the_posts_references(
    tmp_path: Path, extra: str, address: str
) -> None:
    # The home page lists the post with its first paragraph: the References
    # (#ref-...) are on the post's page, not on the home page.
    out = build_post(tmp_path, "author-year", extra=extra)
    home = soup(out / "index.html")
    links = home.select(".post-item__excerpt a.citation__link")
    assert links, "the excerpt holds the first paragraph's citations"
    assert [a["href"] for a in links][:2] == [
        f"{address}#ref-smith2020",
        f"{address}#ref-lee2021",
    ]
    described = [a.get("aria-describedby") for a in links]
    assert described == [None] * len(links)  # the entries are not on this page
    assert all(a.get("data-preview") for a in links)
    # The post's own page links to its own list.
    post = soup(out / "citing.html").select_one(".post__content a.citation__link")
    assert post["href"] == "#ref-smith2020"


def test_the_description_reads_the_citations_as_the_text_shows_them(
    author_year: Path,
) -> None:
    # Dropped, they left "First , then and ." in search results and cards.
    page = soup(author_year / "citing.html")
    description = page.select_one('meta[name="description"]')["content"]
    assert description.startswith(
        "First (Smith and Doe, 2020), then (Lee et al., 2021; Smith and Doe, 2020,"
        " p. 3) and (see Agency, 2019, pp. 3\u20135)."
    )


def test_an_edited_bib_reaches_a_cached_post(tmp_path: Path) -> None:
    extra = "CACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\n"
    out = build_post(tmp_path, "numeric", extra=extra)
    bib = tmp_path / "site" / "content" / "references" / "refs.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8").replace("Big Book", "Bigger Book"),
        encoding="utf-8",
    )
    build_or_fail(tmp_path / "site", out)
    assert (
        "Bigger Book"
        in soup(out / "citing.html").select_one("#ref-nasa2019").get_text()
    )


def test_typography_leaves_citations_intact(tmp_path: Path) -> None:
    out = build_post(tmp_path, "numeric", extra="TYPOGRIFY = True\n")
    assert citations(out)[:3] == ["[1]", "[2; 1, p. 3]", "[see 3, pp. 3\u20135]"]


def test_a_citation_is_one_word() -> None:
    html = (
        '<p>One <span class="citation">(<a class="citation__link" href="#r"'
        ' data-preview="A long reference text">Lee et al., 2021</a>; '
        '<a class="citation__link" href="#s">Smith and Doe, 2020</a>, p. 3)</span>'
        " two.</p>"
    )
    assert count_words(html).total == 3


def test_pages_with_citations_are_valid_html(numeric: Path) -> None:
    check_html(numeric)


def test_the_preview_shows_on_hover_and_keyboard_focus_inside_a_phone(
    numeric: Path, page: Page
) -> None:
    with served(numeric) as url:
        page.set_viewport_size({"width": 390, "height": 800})
        page.goto(f"{url}/citing.html")
        link = page.locator(".post__content p .citation__link").first
        shown = "el => getComputedStyle(el, '::after').display"
        content = "el => getComputedStyle(el, '::after').content"
        assert link.evaluate(shown) == "none"
        link.hover()
        assert link.evaluate(shown) == "block"
        assert "John Smith and Jane Doe" in link.evaluate(content)
        page.mouse.move(0, 0)
        assert link.evaluate(shown) == "none"
        link.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        assert link.evaluate("el => el === document.activeElement")
        assert link.evaluate(shown) == "block"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_collection_item_cites_too(tmp_path: Path) -> None:
    talk = "---\ntitle: A Talk\ndate: 2024-05-01\n---\nBased on [@smith2020].\n"
    out = build_post(tmp_path, "numeric", files={"talks/2024-talk.md": talk})
    page = soup(out / "talks" / "a-talk" / "index.html")
    assert page.select_one(".post__content .citation").get_text() == "[1]"
    assert page.select_one("#ref-smith2020") is not None
    assert "scholar-cite" not in (out / "talks" / "a-talk" / "index.html").read_text()


def test_a_cached_collection_item_keeps_its_references(tmp_path: Path) -> None:
    talk = "---\ntitle: A Talk\ndate: 2024-05-01\n---\nBased on [@NASA2019].\n"
    extra = "CACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\n"
    out = build_post(tmp_path, "numeric", extra=extra, files={"talks/t.md": talk})
    bib = tmp_path / "site" / "content" / "references" / "refs.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8").replace("Big Book", "Bigger Book"),
        encoding="utf-8",
    )
    build_or_fail(tmp_path / "site", out)
    page = soup(out / "talks" / "a-talk" / "index.html")
    assert "Bigger Book" in page.select_one("#ref-nasa2019").get_text()


def test_a_biblatex_date_is_the_citations_year_and_others_is_et_al(
    tmp_path: Path,
) -> None:
    # The Russian PhD template's registered.bib (AndreyAkinshin/Russian-Phd-
    # LaTeX-Dissertation-Template) dates its entries with biblatex's date and
    # no year: cited "(Петров, n.d.)" while its reference said 2020.
    refs = (
        "@patent{progbib1, author = {Петров, П. П.}, title = {foobar},"
        " date = {2020-01-01}}\n"
        "@misc{lu, author = {Lu, Bo and others}, title = {U}, date = {2019-05/2021}}\n"
    )
    post = "Title: Citing\nDate: 2024-01-01\nSlug: citing\n\n[@progbib1] and @lu.\n"
    out = build_post(tmp_path, "author-year", post, files={"references/refs.bib": refs})
    assert citations(out) == ["(Петров, 2020)", "Lu et al. (2019)"]
    entries = [
        " ".join(li.get_text().split())
        for li in soup(out / "citing.html").select(".references li")
    ]
    assert entries == ["Bo Lu et al. (2019). U.", "П. П. Петров (2020). foobar."]


def test_a_key_with_an_apostrophe_is_cited_in_brackets_or_braces(
    tmp_path: Path,
) -> None:
    # The ACM Digital Library names entries O'Brien:1999:HTE:329693.329698
    # (lhsantos/sysreview-elderly's acm.bib): [@Nicastro...; @O'Brien...]
    # was left as text, with "Nicastro et al. (2013)" inside the brackets.
    # pandoc's braces, @{...}, quote such a key anywhere.
    refs = (
        "@inproceedings{Nicastro:2013:MLC, author = {Nicastro, N. and Roe, R."
        " and Poe, P.}, title = {N}, year = 2013}\n"
        "@inproceedings{O'Brien:1999:HTE:329693.329698, author = {O'Brien,"
        " Jon and Rodden, Tom}, title = {At Home with the Technology}, year = 1999}\n"
    )
    post = (
        "Title: Citing\nDate: 2024-01-01\nSlug: citing\n\n"
        "Both [@Nicastro:2013:MLC; @O'Brien:1999:HTE:329693.329698], then"
        " @{O'Brien:1999:HTE:329693.329698} and [-@{O'Brien:1999:HTE:329693.329698}]."
        " @Nicastro:2013:MLC's view.\n"
    )
    out = build_post(tmp_path, "author-year", post, files={"references/refs.bib": refs})
    assert citations(out) == [
        "(Nicastro et al., 2013; O'Brien and Rodden, 1999)",
        "O'Brien and Rodden (1999)",
        "(1999)",
        "Nicastro et al. (2013)",
    ]
