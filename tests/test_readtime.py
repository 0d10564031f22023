import pytest

from pelican.plugins.scholar.readtime import count_words, read_text, reading_minutes


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
        ("<p>fish &amp; chips</p>", 3),  # an entity is a word's text, not markup
        ("<p>caf&eacute; au lait</p>", 3),
        ("<p>non&nbsp;breaking</p>", 2),  # NBSP separates words
        ("<p>one</p><!-- a comment of five words --><p>two</p>", 2),
        ("<p>one</p><script>var a = 1; var b = 2;</script>", 1),
        ("<style>p { color: red; }</style><p>one</p>", 1),
        ("<template><p>not shown</p></template><p>shown</p>", 1),
        ('<p>a<img src="x.png" alt="alt text is not read">b</p>', 2),
        ("<pre><code>x = 1\ny = 2</code></pre>", 6),  # code counts
        ("<table><tr><td>a</td><td>b</td></tr></table>", 2),
        ("<p>line<br>break</p>", 2),
    ],
)
def test_count_words(html: str, expected: int) -> None:
    assert count_words(html) == expected


def test_read_text_decodes_entities_and_drops_tags() -> None:
    assert read_text("<p>&lt;b&gt; is <b>bold</b></p>").split() == ["<b>", "is", "bold"]


@pytest.mark.parametrize(
    ("words", "minutes"),
    [(0, 0), (1, 0), (199, 0), (200, 1), (201, 1), (399, 1), (400, 2), (3000, 15)],
)
def test_reading_minutes_minimal_mistakes_rule(words: int, minutes: int) -> None:
    assert reading_minutes(words, 200) == minutes


def test_reading_minutes_uses_the_given_speed() -> None:
    assert reading_minutes(250, 250) == 1
    assert reading_minutes(249, 250) == 0


@pytest.mark.parametrize("wpm", [0, -5])
def test_reading_minutes_rejects_non_positive_speed(wpm: int) -> None:
    with pytest.raises(ValueError, match="words_per_minute"):
        reading_minutes(100, wpm)
