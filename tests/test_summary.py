import pytest

from pelican.plugins.scholar.summary import summary_before_marker


def test_cuts_at_a_top_level_marker() -> None:
    html = "<p>First.</p>\n<!-- more -->\n<p>Second.</p>"
    assert summary_before_marker(html) == "<p>First.</p>"


def test_keeps_every_block_before_the_marker() -> None:
    html = "<h2>Intro</h2>\n<p>One.</p>\n<ul>\n<li>a</li>\n</ul>\n<!-- more --><p>x</p>"
    assert (
        summary_before_marker(html)
        == "<h2>Intro</h2>\n<p>One.</p>\n<ul>\n<li>a</li>\n</ul>"
    )


def test_marker_text_is_matched_without_surrounding_spaces() -> None:
    assert summary_before_marker("<p>a</p><!--more--><p>b</p>") == "<p>a</p>"


def test_no_marker_gives_none() -> None:
    assert summary_before_marker("<p>a</p><!-- other --><p>b</p>") is None


@pytest.mark.parametrize(
    "html",
    [
        "<pre><code>x\n<!-- more -->\ny</code></pre><p>z</p>",
        "<div><p>a</p><!-- more --><p>b</p></div>",
        "<ul><li>a<!-- more --></li></ul>",
    ],
)
def test_a_nested_marker_is_not_a_marker(html: str) -> None:
    assert summary_before_marker(html) is None


def test_an_escaped_marker_in_code_is_not_a_marker() -> None:
    # What Markdown makes of a marker written inside a fenced code block.
    html = "<pre><code>&lt;!-- more --&gt;\n</code></pre>\n<p>after</p>"
    assert summary_before_marker(html) is None


def test_the_first_top_level_marker_wins_after_a_nested_one() -> None:
    html = "<div><!-- more --></div><p>a</p><!-- more --><p>b</p>"
    assert summary_before_marker(html) == "<div><!-- more --></div><p>a</p>"


def test_void_elements_do_not_nest() -> None:
    html = '<p>a<br>b</p><img src="x.png" alt=""><!-- more --><p>c</p>'
    assert summary_before_marker(html) == '<p>a<br>b</p><img src="x.png" alt="">'


def test_nothing_before_the_marker_gives_none() -> None:
    assert summary_before_marker("  <!-- more --><p>a</p>") is None


def test_custom_marker() -> None:
    html = "<p>a</p><!-- more --><p>b</p><!-- fold --><p>c</p>"
    assert summary_before_marker(html, "fold") == "<p>a</p><!-- more --><p>b</p>"


def test_marker_on_a_later_line() -> None:
    html = "<p>line one</p>\n<p>line two</p>\n\n  <!-- more -->\n<p>three</p>"
    assert summary_before_marker(html) == "<p>line one</p>\n<p>line two</p>"
