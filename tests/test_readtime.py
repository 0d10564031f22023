import html

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pelican.plugins.scholar.htmltokens import read_text
from pelican.plugins.scholar.readtime import (
    WORD_RE,
    WordCount,
    count_words,
    reading_minutes,
)

KATEX_INLINE = (
    '<span class="katex"><span class="katex-mathml"><math xmlns="http://www.w3.org/1998/Math/MathML">'
    "<semantics><mrow><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mi>y</mi></mrow>"
    '<annotation encoding="application/x-tex">x^2 + y</annotation></semantics></math></span>'
    '<span class="katex-html" aria-hidden="true"><span class="base"><span class="mord">x</span>'
    '<span class="mbin">+</span><span class="mord">y</span></span></span></span>'
)
KATEX_DISPLAY = f'<p><span class="katex-display">{KATEX_INLINE}</span></p>'


def words(html: str, **options: bool) -> int:
    return count_words(html, **options).total


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("", 0),
        ("<p>one two three</p>", 3),
        ("<p>one <em>two</em> three</p>", 3),
        ("<p>split<em>word</em></p>", 1),  # inline tags do not break words
        ("<ul><li>one</li><li>two</li></ul>", 2),  # block tags do
        ("<p>one</p><p>two</p>", 2),
        ("<h2>A title</h2><p>and text</p>", 4),
        ("<p>fish &amp; chips</p>", 3),  # an entity is text, not markup
        ("<p>caf&eacute; au lait</p>", 3),
        ("<p>non&nbsp;breaking</p>", 2),  # NBSP separates words
        ("<p>one</p><!-- a comment of <b>five</b> words --><p>two</p>", 2),
        ("<p>one</p><script>var a = '<p>x</p>';</script>", 1),
        ("<style>p { color: red; }</style><p>one</p>", 1),
        ("<template><p>not shown</p></template><p>shown</p>", 1),
        ('<p>a<img src="x.png" alt="alt > text is not read">b</p>', 2),
        ('<p title="a > b">one two</p>', 2),  # a quoted > does not end a tag
        ("<pre><code>x = 1\ny = 2</code></pre>", 6),  # code counts
        ("<table><tr><td>a</td><td>b</td></tr></table>", 2),
        ("<p>line<br>break</p>", 2),
        ("<p>&lt;p&gt; is a tag</p>", 4),
        (
            '<h2 id="x">Two words<a class="headerlink" href="#x" title="Link">#</a></h2>',
            2,
        ),
        ('<p><a class="link" href="#x">kept</a></p>', 1),
        (
            '<p>say "a" <a href="#a">b</a> "c" and</p><h2>d<a class="headerlink" href="#d">#</a></h2>',
            6,
        ),
    ],
)
def test_count_words(html: str, expected: int) -> None:
    assert words(html) == expected


def test_code_can_be_left_out() -> None:
    html = '<p>two words</p><pre class="highlight"><code>a b c</code></pre>'
    assert words(html) == 5
    assert words(html, count_code=False) == 2


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (f"<p>where {KATEX_INLINE} holds</p>", 3),
        (f"<p>Display:</p>{KATEX_DISPLAY}<p>done</p>", 3),
        ("<p>a <math><mi>x</mi><mo>=</mo><mn>1</mn></math> b</p>", 3),
        ('<p>a <math display="block"><mrow><mi>x</mi></mrow></math></p>', 2),
        (r'<p>a <span class="arithmatex">\(x + y = z\)</span> b</p>', 3),
        (r'<div class="arithmatex">\[ \sum_i x_i \]</div>', 1),
        (f"<p>{KATEX_INLINE}{KATEX_INLINE}</p>", 2),  # two formulas side by side
        ('<p><span class="mathematics">not math</span></p>', 2),
        (
            '<p><span class="n">highlighted</span> code <span class="k">is not math</span></p>',
            5,
        ),
    ],
)
def test_each_formula_is_one_word(html: str, expected: int) -> None:
    assert words(html) == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>日本語の文章</p>", WordCount(0, 6)),  # Han and Hiragana
        ("<p>カタカナ</p>", WordCount(0, 4)),
        ("<p>你好\uff0c世界\u3002</p>", WordCount(0, 4)),  # punctuation only separates
        ("<p>使用 Python 编程</p>", WordCount(1, 4)),
        ("<p>GPU上で動く</p>", WordCount(1, 4)),  # Latin run next to Han
        ("<p>한국어 text</p>", WordCount(2, 0)),  # Hangul is written with spaces
        ("<p>Ünïcödé wörds</p>", WordCount(2, 0)),
    ],
)
def test_cjk_characters_count_one_by_one(html: str, expected: WordCount) -> None:
    assert count_words(html) == expected


def test_read_text_decodes_entities_and_drops_tags() -> None:
    text, formulas = read_text("<p>&lt;b&gt; is <b>bold</b></p>")
    assert (text.split(), formulas) == (["<b>", "is", "bold"], 0)


@pytest.mark.parametrize(
    ("count", "minutes"),
    [(0, 0), (1, 0), (199, 0), (200, 1), (201, 1), (399, 1), (400, 2), (3000, 15)],
)
def test_reading_minutes_minimal_mistakes_rule(count: int, minutes: int) -> None:
    assert reading_minutes(WordCount(count, 0), 200) == minutes


@pytest.mark.parametrize(
    ("count", "minutes"),
    [
        (WordCount(0, 499), 0),
        (WordCount(0, 500), 1),  # CJK at 500 characters a minute
        (WordCount(0, 1499), 2),
        (WordCount(100, 250), 1),  # half a minute of each
        (WordCount(99, 250), 0),
    ],
)
def test_reading_minutes_cjk_and_mixed(count: WordCount, minutes: int) -> None:
    assert reading_minutes(count, 200, 500) == minutes


def test_reading_minutes_uses_the_given_speed() -> None:
    assert reading_minutes(WordCount(250, 0), 250) == 1
    assert reading_minutes(WordCount(249, 0), 250) == 0


@pytest.mark.parametrize(("wpm", "cjk"), [(0, 500), (-5, 500), (200, 0)])
def test_reading_minutes_rejects_non_positive_speeds(wpm: int, cjk: int) -> None:
    with pytest.raises(ValueError, match="reading speeds must be positive"):
        reading_minutes(WordCount(100, 0), wpm, cjk)


@given(
    st.text(
        alphabet=st.sampled_from(
            [*"ab -\t\n\xa0\u3000\u3001\uff0c", "日", "本", "カ", "ひ", "𠀋", "é"]
        ),
        max_size=40,
    )
)
def test_counting_finds_exactly_the_words_of_the_word_definition(text: str) -> None:
    # Summaries are cut by WORD_RE; reading time counts with a faster path.
    # Both must agree on every text, or a summary's words differ from a post's.
    count = count_words(html.escape(text))
    assert count.total == len(WORD_RE.findall(text))
