from html.parser import HTMLParser

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from pelican.plugins.scholar.summary import (
    SummaryRules,
    cut_at_marker,
    cut_to_words,
    drop_unlisted_blocks,
    extract_summary,
    first_paragraphs,
    listable_summary,
    tidy_fragment,
)

MARKERS = ("more", "PELICAN_END_SUMMARY")
KATEX = (
    '<span class="katex"><span class="katex-mathml"><math><mi>x</mi></math></span>'
    '<span class="katex-html" aria-hidden="true">x</span></span>'
)


# --- the marker ---------------------------------------------------------------


def test_cuts_at_a_top_level_marker() -> None:
    assert (
        cut_at_marker("<p>First.</p>\n<!-- more -->\n<p>Second.</p>", MARKERS)
        == "<p>First.</p>"
    )


def test_pelicans_own_marker_is_honoured() -> None:
    html = "<p>a</p><!-- PELICAN_END_SUMMARY --><p>b</p>"
    assert cut_at_marker(html, MARKERS) == "<p>a</p>"


def test_keeps_every_block_before_the_marker() -> None:
    html = "<h2>Intro</h2>\n<p>One.</p>\n<ul>\n<li>a</li>\n</ul>\n<!-- more --><p>x</p>"
    assert (
        cut_at_marker(html, MARKERS)
        == "<h2>Intro</h2>\n<p>One.</p>\n<ul>\n<li>a</li>\n</ul>"
    )


def test_marker_text_is_matched_without_surrounding_spaces() -> None:
    assert cut_at_marker("<p>a</p><!--more--><p>b</p>", MARKERS) == "<p>a</p>"


def test_no_marker_gives_none() -> None:
    assert cut_at_marker("<p>a</p><!-- other --><p>more</p>", MARKERS) is None


@pytest.mark.parametrize(
    "html",
    [
        "<pre><code>x\n<!-- more -->\ny</code></pre><p>z</p>",
        "<div><p>a</p><!-- more --><p>b</p></div>",
        "<ul><li>a<!-- more --></li></ul>",
        "<p>a</p><script>// <!-- more --></script><p>b</p>",
        # What Markdown makes of a marker written in a fenced code block:
        "<pre><code>&lt;!-- more --&gt;\n</code></pre>\n<p>after</p>",
    ],
)
def test_a_marker_inside_an_element_is_not_a_marker(html: str) -> None:
    assert cut_at_marker(html, MARKERS) is None


def test_the_first_top_level_marker_wins_after_a_nested_one() -> None:
    html = "<div><!-- more --></div><p>a</p><!-- more --><p>b</p>"
    assert cut_at_marker(html, MARKERS) == "<div><!-- more --></div><p>a</p>"


def test_void_elements_do_not_nest() -> None:
    html = '<p>a<br>b</p><img src="x.png" alt=""><hr/><!-- more --><p>c</p>'
    assert cut_at_marker(html, MARKERS) == '<p>a<br>b</p><img src="x.png" alt=""><hr/>'


def test_nothing_before_the_marker_gives_none() -> None:
    assert cut_at_marker("  <!-- more --><p>a</p>", MARKERS) is None


def test_custom_marker() -> None:
    html = "<p>a</p><!-- more --><p>b</p><!-- fold --><p>c</p>"
    assert cut_at_marker(html, ("fold",)) == "<p>a</p><!-- more --><p>b</p>"


# --- first paragraphs -----------------------------------------------------------


def test_first_paragraph_skips_headings_and_empty_paragraphs() -> None:
    html = '<h2>Title</h2>\n<p><img src="a.png" alt=""></p>\n<p>Real <em>text</em>.</p>\n<p>Next.</p>'
    assert first_paragraphs(html) == "<p>Real <em>text</em>.</p>"


def test_first_paragraph_ignores_paragraphs_nested_in_other_elements() -> None:
    html = (
        "<blockquote><p>quoted</p></blockquote><ul><li><p>item</p></li></ul><p>top</p>"
    )
    assert first_paragraphs(html) == "<p>top</p>"


def test_first_two_paragraphs() -> None:
    assert (
        first_paragraphs("<p>a</p><pre>x</pre><p>b</p><p>c</p>", 2)
        == "<p>a</p>\n<p>b</p>"
    )


def test_no_paragraph_gives_none() -> None:
    assert first_paragraphs("<h2>only a heading</h2><pre>code</pre>") is None


# --- the word cut ------------------------------------------------------------------


def test_cut_after_the_last_kept_word() -> None:
    assert cut_to_words("<p>one two three four</p>", 2) == ("<p>one two", True)


def test_exactly_the_limit_is_not_cut() -> None:
    assert cut_to_words("<p>one two</p>\n<p>three</p>", 3) == (
        "<p>one two</p>\n<p>three</p>",
        False,
    )


def test_cut_never_splits_an_entity() -> None:
    fragment, cut = cut_to_words("<p>AT&amp;T and&nbsp;more words</p>", 3)
    assert (fragment, cut) == ("<p>AT&amp;T and&nbsp;more", True)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # A code block that does not fit is left out whole ...
        ("<p>a b</p><pre><code>c d e f</code></pre><p>g</p>", "<p>a b"),
        # ... one that fits is kept whole.
        (
            "<p>a</p><pre><code>b c</code></pre><p>d e f</p>",
            "<p>a</p><pre><code>b c</code></pre><p>d",
        ),
        # A formula is one word and is never split.
        (f"<p>a {KATEX} b c d</p>", f"<p>a {KATEX} b c"),
        ("<p>a b c</p><table><tr><td>d</td><td>e</td></tr></table>", "<p>a b c"),
    ],
)
def test_atomic_elements_are_kept_or_dropped_whole(html: str, expected: str) -> None:
    assert cut_to_words(html, 4)[0] == expected


def test_cjk_characters_are_words_for_the_cut() -> None:
    assert cut_to_words("<p>日本語の文章</p>", 3) == ("<p>日本語", True)


def test_comments_and_scripts_hold_no_words() -> None:
    html = "<p>a</p><!-- b c d e --><script>f g h</script><p>i j</p>"
    assert cut_to_words(html, 3) == (html, False)


# --- the whole extraction --------------------------------------------------------


def rules(**changes: object) -> SummaryRules:
    return SummaryRules(**{"max_words": 5, **changes})


def test_marker_summary_is_never_cut_to_the_word_limit() -> None:
    html = "<p>one two three four five six seven</p><!-- more --><p>x</p>"
    assert extract_summary(html, rules()) == "<p>one two three four five six seven</p>"


def test_first_paragraph_cut_to_the_limit_with_the_suffix_inside() -> None:
    html = "<h2>Intro</h2><p>one two three <em>four five six</em> seven</p><p>next</p>"
    assert extract_summary(html, rules()) == "<p>one two three <em>four five …</em></p>"


def test_whole_document_cut_when_first_paragraph_is_off() -> None:
    html = "<p>zero</p><h2>Intro</h2><p>one two three four five six</p>"
    # The heading is left out and its word does not count.
    assert (
        extract_summary(html, rules(paragraphs=0))
        == "<p>zero</p><p>one two three four …</p>"
    )


def test_suffix_goes_inside_the_paragraph_when_a_block_does_not_fit() -> None:
    html = "<p>a b c</p><pre><code>d e f g</code></pre>"
    assert extract_summary(html, rules(paragraphs=0)) == "<p>a b c …</p>"


def test_no_limit_keeps_the_first_paragraph_whole() -> None:
    html = "<p>" + " ".join(["w"] * 80) + "</p><p>x</p>"
    assert (
        extract_summary(html, rules(max_words=None))
        == "<p>" + " ".join(["w"] * 80) + "</p>"
    )


def test_custom_suffix_and_no_suffix() -> None:
    html = "<p>one two three four five six</p>"
    assert (
        extract_summary(html, rules(end_suffix="[…]"))
        == "<p>one two three four five […]</p>"
    )
    assert (
        extract_summary(html, rules(end_suffix="")) == "<p>one two three four five</p>"
    )


def test_images_and_footnote_references_are_dropped() -> None:
    html = (
        '<p>Text<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup> '
        'with <img alt="pic" src="p.png"> image.</p><!-- more -->'
    )
    assert extract_summary(html, rules()) == "<p>Text with  image.</p>"


def test_embedded_media_are_dropped_with_the_images() -> None:
    html = (
        '<p>Watch <iframe width="560" height="315" src="https://www.youtube.com/embed/x">'
        '</iframe> or <video src="v.mp4"></video>, hear <audio src="a.ogg"></audio>'
        ' and see <embed src="s.svg"> <object data="o.pdf">PDF</object>.</p><!-- more -->'
    )
    assert extract_summary(html, rules()) == "<p>Watch  or , hear  and see  .</p>"
    kept = extract_summary(html, rules(drop_images=False))
    assert "<iframe" in kept
    assert "<object" in kept


def test_images_and_footnote_references_can_be_kept() -> None:
    html = '<p>Text<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup> <img alt="" src="p.png"></p><!-- more -->'
    kept = extract_summary(html, rules(drop_images=False, drop_footnote_refs=False))
    assert (
        kept
        == '<p>Text<sup><a class="footnote-ref" href="#fn:1">1</a></sup> <img alt="" src="p.png"/></p>'
    )


def test_figures_and_emptied_paragraphs_are_dropped() -> None:
    html = '<p><img src="a.png" alt=""></p><figure><img src="b.png" alt=""><figcaption>Cap</figcaption></figure><p>Text.</p><!-- more -->'
    assert extract_summary(html, rules()) == "<p>Text.</p>"


def test_ids_and_heading_permalinks_are_removed() -> None:
    html = '<p id="x">Text <a class="headerlink" href="#x">¶</a>.</p><!-- more -->'
    assert extract_summary(html, rules()) == "<p>Text .</p>"


def test_intrasite_links_survive_for_pelican_to_resolve() -> None:
    html = (
        '<p>See <a href="{filename}/posts/other.md">the other post</a>.</p><p>More.</p>'
    )
    assert (
        extract_summary(html, rules(max_words=None))
        == html.split("<p>More", maxsplit=1)[0]
    )


def test_unbalanced_input_comes_out_balanced() -> None:
    html = "<p>one <em>two <strong>three</p><!-- more -->"
    summary = extract_summary(html, rules())
    assert is_well_formed(summary), summary


def test_tidy_fragment_closes_what_the_cut_left_open() -> None:
    assert (
        tidy_fragment("<ul><li><p>a <em>b", SummaryRules())
        == "<ul><li><p>a <em>b</em></p></li></ul>"
    )


# --- headings and tables of contents -----------------------------------------

#: What docutils 0.23 and Pelican's reST reader make of a post that opens with
#: ``.. contents::`` and a section.
REST_SECTIONS = """<div class="contents topic" id="contents">
<p class="topic-title"><a class="reference internal" href="#top">Contents</a></p>
<ul class="simple">
<li><a class="reference internal" href="#introduction" id="toc-entry-1">Introduction</a></li>
</ul>
</div>
<div class="section" id="introduction">
<h2><a class="toc-backref" href="#toc-entry-1">Introduction</a></h2>
<p>The first paragraph of the introduction.</p>
</div>
<div class="section" id="more">
<h2><a class="toc-backref" href="#toc-entry-2">More</a></h2>
<p>Later text.</p>
</div>"""


@pytest.mark.parametrize("level", [1, 2, 3, 4, 5, 6])
def test_every_heading_level_is_dropped(level: int) -> None:
    html = f'<h{level} id="a">Head <em>line</em></h{level}>\n<p>Text.</p>'
    assert drop_unlisted_blocks(html) == "\n<p>Text.</p>"


@pytest.mark.parametrize(
    "html",
    [
        "<header>a</header><hr><p>b</p>",
        '<div class="tocx">a</div><div class="table-of-contents">b</div>',
        '<div class="section"><p>a</p></div><nav class="menu">b</nav>',
        "<!-- <h2>in a comment</h2> --><script>x = '<h2>in a script</h2>'</script>",
        "<p>no blocks at all</p>",
    ],
)
def test_other_blocks_are_kept(html: str) -> None:
    assert drop_unlisted_blocks(html) == html


@pytest.mark.parametrize(
    "toc",
    [
        '<div class="toc"><ul><li><a href="#a">A</a></li></ul></div>',
        '<div class="toc"><div class="inner"><ul><li>A</li></ul></div></div>',
        '<nav class="contents" id="contents" role="doc-toc"><ul><li>A</li></ul></nav>',
        '<div class="contents topic" id="contents"><p class="topic-title">C</p></div>',
        "<DIV class='wide toc'><p>A</p></DIV>",
    ],
)
def test_tables_of_contents_are_dropped_whole(toc: str) -> None:
    assert drop_unlisted_blocks(f"{toc}<p>after</p>") == "<p>after</p>"


def test_a_rest_post_opening_with_sections_starts_at_its_first_paragraph() -> None:
    assert (
        extract_summary(REST_SECTIONS, rules(max_words=None))
        == "<p>The first paragraph of the introduction.</p>"
    )


def test_a_rest_section_is_the_top_level_for_the_marker() -> None:
    html = REST_SECTIONS.replace("Later text.</p>", "Later text.</p><!-- more -->")
    summary = extract_summary(html, rules(max_words=None))
    assert summary == (
        '<div class="section">\n<p>The first paragraph of the introduction.</p>\n'
        '</div>\n<div class="section">\n<p>Later text.</p></div>'
    )


def test_html5_sections_are_entered_too() -> None:
    html = "<section><h2>A</h2><p>Inside.</p></section><p>Outside.</p>"
    assert extract_summary(html, rules()) == "<p>Inside.</p>"


def test_other_divs_are_not_entered() -> None:
    html = '<div class="admonition"><p>Note.</p></div><p>Body.</p>'
    assert first_paragraphs(html) == "<p>Body.</p>"


def test_a_heading_then_only_code_gives_the_code_without_the_heading() -> None:
    html = '<h2 id="setup">Setup</h2>\n<pre><code>make all\n</code></pre>'
    assert extract_summary(html, rules()) == "<pre><code>make all\n</code></pre>"


def test_a_marker_after_only_a_heading_falls_back_to_the_first_paragraph() -> None:
    html = "<h2>Intro</h2>\n<!-- more -->\n<p>one two</p><p>three</p>"
    assert extract_summary(html, rules()) == "<p>one two</p>"


def test_headings_before_a_marker_are_left_out() -> None:
    html = "<h2>Intro</h2><p>one</p><h3>Sub</h3><p>two</p><!-- more --><p>x</p>"
    assert extract_summary(html, rules()) == "<p>one</p><p>two</p>"


def test_table_of_contents_words_do_not_count_for_the_cut() -> None:
    toc = '<div class="toc"><ul><li><a href="#a">a b c d e f g</a></li></ul></div>'
    html = f"{toc}<ul><li>one two</li></ul>"
    assert extract_summary(html, rules(paragraphs=0)) == "<ul><li>one two</li></ul>"


def test_a_post_of_headings_only_has_an_empty_summary() -> None:
    assert extract_summary("<h2>Only</h2>\n<h3>Headings</h3>", rules()) == ""


# --- an author's own summary ------------------------------------------------------


def test_an_authors_summary_keeps_its_words_and_loses_its_headings() -> None:
    # What Python-Markdown's toc extension makes of "Summary: ## Why *this*".
    html = (
        '<h2 id="why-this">Why <em>this</em><a class="headerlink" '
        'href="#why-this" title="Permanent link">#</a></h2>'
    )
    assert listable_summary(html) == "<p>Why <em>this</em></p>"


@pytest.mark.parametrize("level", [1, 6])
def test_every_heading_level_of_an_authors_summary_becomes_a_paragraph(
    level: int,
) -> None:
    html = f'<h{level} class="x">A</h{level}><p>B <img src="b.png" alt=""></p>'
    assert listable_summary(html) == '<p>A</p><p>B <img alt="" src="b.png"/></p>'


def test_ids_in_an_authors_summary_are_removed() -> None:
    html = '<p>Text<sup id="fnref:1"><a href="#fn:1">1</a></sup></p>'
    assert listable_summary(html) == '<p>Text<sup><a href="#fn:1">1</a></sup></p>'


@pytest.mark.parametrize(
    "html",
    [
        "Plain text, as reST and Markdown summaries often are.",
        "<p>One <em>paragraph</em> with <code>code</code> &amp; an <br> break.</p>",
        '<p><img src="kept.png"></p>',
    ],
)
def test_an_authors_summary_without_them_is_left_exactly_as_written(
    html: str,
) -> None:
    assert listable_summary(html) is html


# --- properties -----------------------------------------------------------------

VOID = {"br", "img", "hr"}


class _BalanceChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.ok = True

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack.pop() != tag:
            self.ok = False


def is_well_formed(html: str) -> bool:
    checker = _BalanceChecker()
    checker.feed(html)
    checker.close()
    return checker.ok and not checker.stack


def text_of(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def text_without_headings(html: str) -> str:
    """The text a summary may show: ``html``'s, headings left out."""
    soup = BeautifulSoup(html, "html.parser")
    for heading in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
        heading.decompose()
    return " ".join(soup.get_text(" ").split())


word = st.sampled_from(
    ["alpha", "beta", "gamma", "x", "AT&amp;T", "a&lt;b", "café", "日本", "—", "end."]
)
spaced_words = st.lists(word, min_size=1, max_size=12).map(" ".join)
inline = st.one_of(
    spaced_words,
    spaced_words.map(lambda t: f"<em>{t}</em>"),
    spaced_words.map(lambda t: f"<strong>a <em>{t}</em></strong>"),
    spaced_words.map(lambda t: f'<a href="{{filename}}/x.md">{t}</a>'),
    spaced_words.map(lambda t: f"<code>{t}</code>"),
    st.just(KATEX),
    st.just("&nbsp;"),
    st.just("<br>"),
)
paragraph = st.lists(inline, min_size=1, max_size=6).map(
    lambda parts: "<p>" + " ".join(parts) + "</p>"
)
block = st.one_of(
    paragraph,
    spaced_words.map(lambda t: f"<h2>{t}</h2>"),
    st.lists(paragraph, min_size=1, max_size=3).map(
        lambda ps: "<ul>" + "".join(f"<li>{p}</li>" for p in ps) + "</ul>"
    ),
    spaced_words.map(
        lambda t: f'<pre><code class="language-python">{t}\n{t}</code></pre>'
    ),
    st.lists(paragraph, min_size=1, max_size=2).map(
        lambda ps: "<blockquote>" + "".join(ps) + "</blockquote>"
    ),
    st.just("<!-- a comment -->"),
)
document = st.lists(block, min_size=1, max_size=8).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(html=document, limit=st.integers(min_value=0, max_value=40))
def test_word_cut_is_well_formed_and_a_prefix_of_the_text(
    html: str, limit: int
) -> None:
    summary = extract_summary(
        html, SummaryRules(paragraphs=0, max_words=limit, end_suffix="…")
    )
    assert is_well_formed(summary), summary
    shown = text_of(summary)
    if shown.endswith("…"):
        shown = shown[:-1].rstrip()
    assert text_without_headings(html).startswith(shown), (shown, html)


@settings(max_examples=200, deadline=None)
@given(html=document, limit=st.integers(min_value=1, max_value=40))
def test_first_paragraph_summary_is_well_formed_and_within_the_limit(
    html: str, limit: int
) -> None:
    summary = extract_summary(
        html, SummaryRules(paragraphs=1, max_words=limit, end_suffix="…")
    )
    assert is_well_formed(summary), summary
    first = first_paragraphs(html) or html
    shown = text_of(summary).removesuffix("…").rstrip()
    assert text_without_headings(first).startswith(shown)


@settings(max_examples=200, deadline=None)
@given(before=document, after=document)
def test_marker_summary_is_exactly_what_precedes_the_marker(
    before: str, after: str
) -> None:
    summary = extract_summary(
        f"{before}\n<!-- more -->\n{after}", SummaryRules(max_words=3)
    )
    assert is_well_formed(summary)
    if text_without_headings(before):
        assert text_of(summary) == text_without_headings(before)
