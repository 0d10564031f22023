import pytest

from pelican.plugins.scholar.description import describe, html_to_text, shorten


def test_text_of_a_summary_on_one_line() -> None:
    html = "<p>Fish &amp; <em>chips</em>,\n  with   “quotes”.</p><ul><li>one</li><li>two</li></ul>"
    assert html_to_text(html) == "Fish & chips, with “quotes”. one two"


def test_formula_becomes_its_tex_source() -> None:
    html = (
        '<p>Let <span class="katex"><span class="katex-mathml"><math><semantics><mi>x</mi>'
        '<annotation encoding="application/x-tex">x^2</annotation></semantics></math></span>'
        '<span class="katex-html" aria-hidden="true">x2</span></span> grow.</p>'
    )
    assert html_to_text(html) == "Let x^2 grow."


def test_mathml_alttext_is_used_without_annotation() -> None:
    assert (
        html_to_text('<p>So <math alttext="a+b"><mi>a</mi></math>.</p>') == "So a+b ."
    )


def test_short_text_is_kept() -> None:
    assert shorten("  a   short\ntext ", 160) == "a short text"


@pytest.mark.parametrize("limit", [10, 11, 12, 15, 20])
def test_long_text_is_cut_at_a_word_boundary_within_the_limit(limit: int) -> None:
    text = "alpha beta gamma delta epsilon"
    cut = shorten(text, limit)
    assert len(cut) <= limit
    assert cut.endswith("…")
    assert text.startswith(cut[:-1])
    assert text[len(cut) - 1] == " "  # the cut falls between words


def test_trailing_punctuation_is_not_left_before_the_ellipsis() -> None:
    assert shorten("one, two, three, four", 12) == "one, two…"


def test_one_long_word_is_cut_hard() -> None:
    assert shorten("a" * 50, 10) == "a" * 9 + "…"


def test_explicit_description_wins_and_is_normalized() -> None:
    assert (
        describe("<p>summary</p>", ' Say "hi" & <b>bye</b>\n', 160)
        == 'Say "hi" & <b>bye</b>'
    )


def test_blank_explicit_description_falls_back_to_the_summary() -> None:
    assert describe("<p>summary text</p>", "   ", 160) == "summary text"


def test_default_length_160() -> None:
    description = describe("<p>" + "word " * 100 + "</p>", None, 160)
    assert len(description) <= 160
    assert description.endswith("word…")
