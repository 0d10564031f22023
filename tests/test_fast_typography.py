"""The speed plugin's typography gives typogrify's bytes, on every input tried.

Each test compares :func:`fast_typography.typogrify` with
``typogrify.filters.typogrify`` itself, for the three smartypants modes
Pelican sets (``TYPOGRIFY_DASHES``), on real and generated HTML.
"""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

import markdown
import pelican
import pytest
import smartypants
from conftest import REPO_ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typogrify.filters import typogrify

from pelican.plugins.scholar.speed import fast_typography
from pelican.plugins.scholar.speed.fast_typography import FALLBACKS, FILTERS

sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
from generate_posts import write_posts
from typography_speed import demo_texts

#: smartypants' modes for TYPOGRIFY_DASHES default, oldschool, oldschool_inverted.
MODES = {
    "default": smartypants.Attr.set1 | smartypants.Attr.w,
    "oldschool": smartypants.Attr.set2 | smartypants.Attr.w,
    "oldschool_inverted": smartypants.Attr.set3 | smartypants.Attr.w,
}
DEMO_IGNORE = ["pre", "code", ".katex", "math"]
PELICAN_CONTENT = Path(pelican.__file__).parent / "tests" / "content"


@pytest.fixture(params=list(MODES))
def mode(request: pytest.FixtureRequest):
    """Set smartypants' mode as Pelican does for one TYPOGRIFY_DASHES value."""
    before = smartypants.Attr.default
    smartypants.Attr.default = MODES[request.param]
    yield request.param
    smartypants.Attr.default = before


def render(source: str) -> str:
    """Markdown to HTML with the extensions the demo uses."""
    return markdown.Markdown(
        extensions=["extra", "codehilite", "toc", "meta"], output_format="html5"
    ).convert(source)


@functools.cache
def demo_html() -> list[str]:
    """The demo's posts and pages as HTML (rendered once per session)."""
    files = sorted((REPO_ROOT / "content").rglob("*.md"))
    return [render(path.read_text(encoding="utf-8")) for path in files]


@functools.cache
def pelican_html() -> list[str]:
    """Pelican's own test content: its Markdown rendered, its HTML as it is."""
    pages = []
    for path in sorted(PELICAN_CONTENT.rglob("*")):
        if path.suffix == ".md":
            pages.append(render(path.read_text(encoding="utf-8", errors="replace")))
        elif path.suffix in {".html", ".htm"}:
            pages.append(path.read_text(encoding="utf-8", errors="replace"))
    return pages


def generated_html(folder: Path, count: int) -> list[str]:
    """The benchmark's generated posts as HTML."""
    return [
        render(path.read_text(encoding="utf-8")) for path in write_posts(folder, count)
    ]


def assert_same(pages: list[str], ignore: list[str] | None, **omitted: bool) -> None:
    """Both functions give the same text for every page."""
    for number, page in enumerate(pages):
        expected = typogrify(page, ignore, **omitted)
        assert fast_typography.typogrify(page, ignore, **omitted) == expected, number


def test_the_demo_is_typogrified_the_same(mode: str) -> None:
    pages = demo_html()
    assert len(pages) >= 7
    assert_same(pages, DEMO_IGNORE)
    assert_same(pages, None)


@pytest.fixture(scope="module")
def texts_pelican_typogrifies() -> list[str]:
    """The demo's bodies, titles and summaries as Pelican's readers make them.

    With pelican-katex, so formulas are KaTeX's HTML, which the demo's
    ``.katex`` selector keeps out of typography.
    """
    return demo_texts()


def test_the_demo_as_pelican_reads_it_is_typogrified_the_same(
    mode: str, texts_pelican_typogrifies: list[str]
) -> None:
    texts = texts_pelican_typogrifies
    assert sum('class="katex"' in text for text in texts) >= 3
    assert_same(texts, DEMO_IGNORE)
    assert_same(texts, ["math", "span.katex"])


def test_pelicans_test_content_is_typogrified_the_same(mode: str) -> None:
    pages = pelican_html()
    assert len(pages) > 20
    assert_same(pages, None)
    assert_same(pages, ["h1", ".foo"])


@pytest.fixture(scope="module")
def generated_pages(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Twenty generated posts as HTML, rendered once for the module."""
    return generated_html(tmp_path_factory.mktemp("generated"), 20)


def test_generated_posts_are_typogrified_the_same(
    mode: str, generated_pages: list[str]
) -> None:
    assert_same(generated_pages, DEMO_IGNORE)


@pytest.mark.parametrize("omitted", FILTERS)
def test_each_filter_left_out_is_left_out_the_same(
    omitted: str, generated_pages: list[str]
) -> None:
    pages = demo_html()[:4] + generated_pages[:3]
    assert_same(pages, DEMO_IGNORE, **{omitted: False})


PIECES = [
    "word", "Word", "NASA", "GPU's", "R2D2", "U.S.A. ", "A.B.", "x2Y", " ", "  ",
    "\n", "\t", "\xa0", "&nbsp;", '"', "'", "`", "``", "''", "--", "---", "...",
    ". . .", "&amp;", " & ", " &amp; ", "&#38;", "&quot;", "&#8220;", "&ldquo;",
    "&lsquo;", "\\", '\\"', "\\-", "(", ")", "1990s", "'90s", "<p>", "</p>",
    "<h2>", "</h2>", "<li>", "</li>", "<dt>", "</dd>", "<em>", "</em>", "<b>",
    "</strong>", '<a href="x">', "</a>", '<span class="c">', "</span>", "<pre>",
    "</pre>", "<code>", "</code>", "<script>", "</script>", "<kbd>", "</kbd>",
    "<style>", "</style>", "<math>", "</math>", '<span class="katex">',
    '<div id="skip">', "</div>", "<!-- note -->", "<!-- a -- b -->", "<br>",
    "<br/>", "<img alt='a>b'>", '<abbr title="x">', "</abbr>", "<blockquote>",
    "</blockquote>", "<", ">",
]  # fmt: skip


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    html=st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    mode_name=st.sampled_from(list(MODES)),
    ignore=st.sampled_from(
        [None, DEMO_IGNORE, ["h2", "span.c"], ["#skip", ".katex"], ["em", "div"]]
    ),
    omitted=st.sampled_from([None, *FILTERS]),
)
def test_any_html_is_typogrified_the_same(
    html: str, mode_name: str, ignore: list[str] | None, omitted: str | None
) -> None:
    before = smartypants.Attr.default
    smartypants.Attr.default = MODES[mode_name]
    try:
        options = {omitted: False} if omitted else {}
        try:
            expected = typogrify(html, ignore, **options)
        except re.error:  # typogrify cannot take two "#id"/".class" filters
            with pytest.raises(re.error):
                fast_typography.typogrify(html, ignore, **options)
            return
        assert fast_typography.typogrify(html, ignore, **options) == expected
    finally:
        smartypants.Attr.default = before


@pytest.mark.parametrize(
    "html",
    [
        "<p>A -- comment <!-- with -- dashes --> here's it</p>",
        "<p>3 < 4 and 'so' -- on",  # a "<" that opens no tag
    ],
)
def test_what_it_does_not_handle_goes_to_typogrify_and_is_counted(html: str) -> None:
    before = FALLBACKS.count
    assert fast_typography.typogrify(html) == typogrify(html)
    assert FALLBACKS.count == before + 1


def test_text_it_handles_is_not_handed_over() -> None:
    before = FALLBACKS.count
    html = '<p>"Jayhawks" & KU fans -- act extremely obnoxiously...</p>'
    assert fast_typography.typogrify(html) == typogrify(html)
    assert FALLBACKS.count == before


@pytest.mark.parametrize(
    ("html", "ignore"),
    [
        (
            '<d\u0131v>"a" -- b</d\u0131v> "c"',
            ["div"],
        ),  # dotless i: "i" to re.IGNORECASE
        ('<\u017fcript>"a"</\u017fcript> "c"', ["script"]),  # long s: "s" to it
        ('<\u017fcript>"a" -- b</script> "c"', None),  # smartypants' skipped tags
        ("<p>x <\u017fcript>NASA</\u017fcript> y</p>", None),  # caps' skipped tags
        ('<p>"x" <span class="\u212aatex">"a"</span> "c"</p>', [".katex"]),  # Kelvin
    ],
)
def test_letters_that_ignorecase_takes_for_ascii_ones(
    html: str, ignore: list[str] | None
) -> None:
    assert fast_typography.typogrify(html, ignore) == typogrify(html, ignore)
