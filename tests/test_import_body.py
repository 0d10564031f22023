"""Body conversion of the academicpages importer: Liquid, kramdown, math, links.

Each rule is checked on the text it writes and, where it matters, on what
Python-Markdown makes of it with Pelican's default extensions (codehilite,
extra, meta) and pelican-katex's extension, as a site with
``PLUGINS = ["pelican_katex"]`` and ``KATEX = {"output": "mathml"}`` reads it.
The expected HTML structure is what kramdown + MathJax showed on the old
site, written by hand.
"""

from __future__ import annotations

import copy
import re
import string
import time
from typing import ClassVar

import pelican_katex.rendering as katex_rendering
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown
from pelican.settings import DEFAULT_CONFIG
from pelican_katex.markdown import KatexExtension

from pelican.plugins.scholar.importer.body import (
    convert_html,
    convert_markdown,
    uses_math,
)
from pelican.plugins.scholar.importer.conversion import Finding


class Links:
    """A resolver knowing a few files and posts of the old site."""

    FILES = frozenset({"/images/a.png", "/images/b.png", "/files/paper.pdf"})
    PAGES: ClassVar = {"/publications/paper-1/": "{filename}/publications/paper-1.md"}
    POSTS = frozenset({"2010-07-04-first", "2012-08-14-second"})

    def site_path(self, path: str) -> str | None:
        if path in self.FILES:
            return "{static}" + path
        return self.PAGES.get(path)

    def post_url(self, name: str) -> str | None:
        return f"{{filename}}/posts/{name}.md" if name in self.POSTS else None


LINKS = Links()


def convert(text: str) -> str:
    """The converted Markdown of ``text``."""
    return convert_markdown(text, LINKS).text


def findings(text: str) -> list[Finding]:
    """The findings of converting ``text``."""
    return convert_markdown(text, LINKS).findings


@pytest.fixture(scope="module")
def render():
    """Render Markdown as Pelican with pelican_katex does (MathML output).

    Without the ``meta`` preprocessor, as the bundle's front matter reader
    reads the body after a YAML block (a body line ``Note: ...`` stays text).
    """
    options = copy.deepcopy(katex_rendering.KATEX_DEFAULT_OPTIONS)
    katex_rendering.KATEX_DEFAULT_OPTIONS.update({"output": "mathml"})
    for _ in range(5):  # pelican-katex's start-up race (see conftest.py)
        try:
            katex_rendering.RenderServer.get()
            break
        except ConnectionRefusedError:
            katex_rendering.RenderServer.RENDER_SERVER = None
            time.sleep(0.2)
    settings = copy.deepcopy(DEFAULT_CONFIG["MARKDOWN"])

    def to_html(markdown_text: str, *extra: str) -> BeautifulSoup:
        extensions = [*settings["extension_configs"], *extra, KatexExtension()]
        md = Markdown(
            extensions=extensions,
            extension_configs=settings["extension_configs"],
            output_format=settings["output_format"],
        )
        md.preprocessors.deregister("meta")
        return BeautifulSoup(md.convert(markdown_text), "html.parser")

    yield to_html
    katex_rendering.KATEX_DEFAULT_OPTIONS.clear()
    katex_rendering.KATEX_DEFAULT_OPTIONS.update(options)


def maths(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """Each formula as ``(tex, "block" | "inline")``."""
    return [
        (
            node.find("annotation").get_text().strip(),
            "block" if node.get("display") == "block" else "inline",
        )
        for node in soup.find_all("math")
    ]


def render_body(render, text: str, *extra: str) -> BeautifulSoup:
    """Convert a kramdown body, then render it."""
    return render(convert(text), *extra)


# Liquid ---------------------------------------------------------------------


def test_base_path_include_and_variables_become_pelican_links():
    text = (
        "{% include base_path %}\n"
        "![a]({{ base_path }}/images/a.png)\n"
        "[paper]({{ site.url }}{{ site.baseurl }}/files/paper.pdf)\n"
        '<img src="{{ site.baseurl }}/images/b.png">\n'
    )
    result = convert_markdown(text, LINKS)
    assert result.text == (
        "\n"
        "![a]({static}/images/a.png)\n"
        "[paper]({static}/files/paper.pdf)\n"
        '<img src="{static}/images/b.png">\n'
    )
    assert result.changes["Liquid {% include base_path %}"] == 1
    assert result.changes["Liquid {{ base_path }}"] == 1
    assert result.changes["root-relative link"] == 3
    assert result.findings == []


def test_post_url_and_link_tags_resolved_unknown_reported():
    text = (
        "See [one]({% post_url 2010-07-04-first %}),\n"
        "[two]({{ site.baseurl }}{% link _posts/2012-08-14-second.md %})\n"
        "and [three]({% post_url 2099-01-01-missing %}).\n"
    )
    result = convert_markdown(text, LINKS)
    assert "[one]({filename}/posts/2010-07-04-first.md)" in result.text
    assert "[two]({filename}/posts/2012-08-14-second.md)" in result.text
    assert "{% post_url 2099-01-01-missing %}" in result.text
    assert [f.line for f in result.findings] == [3]
    assert "2099-01-01-missing" in result.findings[0].message


def test_raw_is_unwrapped_verbatim_and_other_liquid_reported_with_its_line():
    text = (
        "Intro\n\n{% raw %}{{ page.title }} {% if x %}{% endraw %}\n\n"
        '{% include video id="x" provider="youtube" %}\n'
    )
    result = convert_markdown(text, LINKS)
    assert result.text == (
        "Intro\n\n{{ page.title }} {% if x %}\n\n"
        '<!-- Liquid: {% include video id="x" provider="youtube" %} -->\n'
    )
    [finding] = result.findings
    assert finding.line == 5
    assert finding.message.startswith(
        'Liquid {% include video id="x" provider="youtube" %} hidden in an HTML comment'
    )


def test_liquid_logic_is_hidden_whole_outside_code_and_left_inside_it():
    text = (
        "Talks\n======\n<ul>{% for post in site.talks %}\n"
        "  {% if post.venue %}{% include archive-single-cv.html %}{% endif %}\n"
        "{% endfor %}</ul>\n\n"
        "```liquid\n{% for x in y %}{{ x }}{% endfor %}\n```\n"
    )
    result = convert_markdown(text, LINKS)
    assert result.text.startswith(
        "Talks\n======\n<ul><!-- Liquid: {% for post in site.talks %}\n"
        "  {% if post.venue %}{% include archive-single-cv.html %}{% endif %}\n"
        "{% endfor %} --></ul>\n"
    )
    assert "```liquid\n{% for x in y %}{{ x }}{% endfor %}\n```" in result.text
    assert [finding.line for finding in result.findings] == [3, 8, 8, 8]
    assert "and the 2 lines to its end tag" in result.findings[0].message


def test_minimal_mistakes_toc_include_becomes_toc(render):
    text = '{% include toc title="Contents" %}\n\n# One\n\n# Two\n'
    assert convert(text).startswith("[TOC]\n")
    soup = render_body(render, text, "markdown.extensions.toc")
    assert [a.get_text() for a in soup.select("div.toc a")] == ["One", "Two"]


def test_liquid_runs_inside_code_as_jekylls_does_except_in_raw():
    text = (
        "```html\n"
        '<img src="{{ base_path }}/images/a.png">\n'
        "{% raw %}{{ keep }}{% endraw %}\n"
        "```\n"
    )
    assert convert(text) == '```html\n<img src="/images/a.png">\n{{ keep }}\n```\n'


def test_highlight_block_becomes_a_highlighted_code_block(render):
    text = "Code:\n\n{% highlight python %}\nx = {'a': 1}\n{% endhighlight %}\n"
    assert convert(text) == "Code:\n\n```python\nx = {'a': 1}\n```\n"
    soup = render_body(render, text)
    block = soup.find("div", class_="highlight")
    assert block is not None
    assert block.get_text() == "x = {'a': 1}\n"


def test_findings_name_original_lines_after_earlier_passes_changed_lines():
    text = (
        "{% highlight python %}\n"  # 1
        "\n"  # 2
        "\n"  # 3
        "x = 1\n"  # 4
        "{% endhighlight %}\n"  # 5
        "Paragraph\n"  # 6
        "* item\n"  # 7 (a blank line is inserted before it)
        "\n"  # 8
        "{:.lost}\n"  # 9
        "\n"  # 10
        "{{ page.x }} costs $5 and $10\n"  # 11
    )
    result = convert_markdown(text, LINKS)
    assert [f.line for f in result.findings] == [9, 11, 11]
    assert "{:.lost}" in result.findings[0].message
    assert "page.x" in result.findings[1].message
    assert "$5 and $" in result.findings[2].message


# kramdown -------------------------------------------------------------------


def test_list_right_after_a_paragraph_line_is_a_list(render):
    text = "Things I like:\n* tea\n* cake\n"
    assert convert(text) == "Things I like:\n\n* tea\n* cake\n"
    soup = render_body(render, text)
    assert soup.find("p").get_text() == "Things I like:"
    assert [li.get_text() for li in soup.select("ul > li")] == ["tea", "cake"]


def test_two_and_three_space_nested_lists_stay_nested(render):
    text = (
        "* fruit\n"
        "  * apple\n"
        "    * green\n"
        "  * pear\n"
        "* bread\n"
        "\n"
        "1. first\n"
        "   * detail\n"
        "2. second\n"
    )
    soup = render_body(render, text)
    outer = soup.find("ul", recursive=False)
    items = outer.find_all("li", recursive=False)
    assert [li.contents[0].strip() for li in items] == ["fruit", "bread"]
    fruit = items[0].find("ul", recursive=False)
    assert [li.contents[0].strip() for li in fruit.find_all("li", recursive=False)] == [
        "apple",
        "pear",
    ]
    assert fruit.find("li").find("ul").get_text(strip=True) == "green"
    ordered = soup.find("ol").find_all("li", recursive=False)
    assert [li.contents[0].strip() for li in ordered] == ["first", "second"]
    assert ordered[0].find("ul").get_text(strip=True) == "detail"


def test_loose_item_paragraph_followed_by_a_list(render):
    text = "* item\n\n  more about it\n  * sub\n"
    soup = render_body(render, text)
    item = soup.find("li")
    assert [p.get_text() for p in item.find_all("p")] == ["item", "more about it"]
    assert item.find("ul").get_text(strip=True) == "sub"


def test_fenced_code_in_a_list_item_stays_code(render):
    text = "- install:\n  ```bash\n  pip install x\n  ```\n- done\n"
    soup = render_body(render, text)
    items = soup.find("ul").find_all("li", recursive=False)
    assert len(items) == 2
    code = items[0].find("div", class_="highlight")
    assert code is not None
    assert code.get_text() == "pip install x\n"
    assert "```" not in soup.get_text()


def test_ial_after_a_heading_moves_onto_it(render):
    text = "## Results\n{: .wide #res}\n\nTitle\n=====\n{: #top}\n"
    soup = render_body(render, text)
    heading = soup.find("h2")
    assert heading.get_text() == "Results"
    assert heading["id"] == "res"
    assert heading["class"] == ["wide"]
    assert soup.find("h1")["id"] == "top"
    assert "{:" not in soup.get_text()


def test_ald_is_expanded_and_options_reported(render):
    text = '{:note: .box title="n"}\n{::options parse_block_html="true" /}\n\n# Head\n{: note}\n'
    result = convert_markdown(text, LINKS)
    heading = render(result.text).find("h1")
    assert heading["class"] == ["box"]
    assert heading["title"] == "n"
    assert [f.line for f in result.findings] == [2]
    assert "{::options" in result.findings[0].message


def test_kramdown_toc_becomes_python_markdowns(render):
    text = "* TOC\n{:toc}\n\n# One\n\n# Two\n"
    assert convert(text).startswith("[TOC]\n")
    soup = render_body(render, text, "markdown.extensions.toc")
    assert [a.get_text() for a in soup.select("div.toc a")] == ["One", "Two"]


def test_kramdown_comment_becomes_an_html_comment(render):
    text = "Before\n\n{::comment}\nnot shown\n{:/comment}\n\nAfter\n"
    soup = render_body(render, text)
    assert soup.get_text().split() == ["Before", "After"]
    assert "not shown" in convert(text)


def test_code_never_changes():
    code = (
        "```\n* a\n  * b\n$x$ \\\\(y\\\\) [l](/images/a.png)\n{: .x}\n```\n"
        "\n"
        "    * indented\n"
        "      * code $z$\n"
        "\n"
        "Use `$HOME` and `[l](/images/a.png)` here.\n"
    )
    assert convert(code) == code


# math -----------------------------------------------------------------------


def test_math_delimiters_render_inline_and_display_as_on_the_old_site(render):
    text = (
        "Inline $a_1$, $ b_2 $, $$c_3$$, \\\\(d_4\\\\) and \\(e_5\\); "  # all inline
        "display \\\\[f_6\\\\] and \\[g_7\\] too.\n"
        "\n"
        "$$\n"
        "h_8 = \\sum_{i} i\n"
        "$$\n"
        "\n"
        "A line\n"
        "$$\n"
        "k_9\n"
        "$$\n"
        "inside a paragraph is inline for kramdown.\n"
    )
    soup = render_body(render, text)
    assert maths(soup) == [
        ("a_1", "inline"),
        ("b_2", "inline"),
        ("c_3", "inline"),
        ("d_4", "inline"),
        ("e_5", "inline"),
        ("f_6", "block"),
        ("g_7", "block"),
        ("h_8 = \\sum_{i} i", "block"),
        ("k_9", "inline"),
    ]
    assert soup.find("em") is None
    changes = convert_markdown(text, LINKS).changes
    assert changes["math $"] == 2
    assert changes["math $$ (inline)"] == 2
    assert changes["math $$ (display)"] == 1
    assert changes["math \\\\("] == 1
    assert changes["math \\("] == 1


def test_display_block_with_blank_lines_stays_one_formula(render):
    text = "$$\n\\begin{aligned}\na &= b \\\\\n\nc &= d\n\\end{aligned}\n$$\n"
    soup = render_body(render, text)
    assert len(maths(soup)) == 1
    tex, mode = maths(soup)[0]
    assert mode == "block"
    assert "a &= b \\\\" in tex
    assert "c &= d" in tex


def test_underscores_and_stars_inside_math_are_not_emphasis(render):
    text = "Let $x_i * y_j * z$ and $a_b$ be, and _this_ is emphasis.\n"
    soup = render_body(render, text)
    assert maths(soup) == [("x_i * y_j * z", "inline"), ("a_b", "inline")]
    assert [em.get_text() for em in soup.find_all("em")] == ["this"]


def test_kramdown_escapes_inside_dollar_math_are_undone(render):
    text = "Set $\\\\{x \\\\| y\\_1\\\\}$ and $\\{z\\}$.\n"
    soup = render_body(render, text)
    assert maths(soup) == [("\\{x \\| y_1\\}", "inline"), ("\\{z\\}", "inline")]


def test_amounts_of_money_are_not_math(render):
    text = "It costs $5 and $10, or from $5 to $ 20.\n"
    result = convert_markdown(text, LINKS)
    soup = render(result.text)
    assert maths(soup) == []
    assert soup.get_text() == "It costs $5 and $10, or from $5 to $ 20."
    # MathJax paired "$5 and $" and "$5 to $": one finding each.
    assert [f.message.split(" left")[0] for f in result.findings] == [
        "$5 and $",
        "$5 to $",
    ]
    assert all(f.line == 1 for f in result.findings)


def test_dollars_padded_on_one_side_or_across_lines_are_not_math(render):
    text = "Prices in US$ 5 or US$ 6.\n\n$ pip install x\n$ python -m x\n"
    soup = render_body(render, text)
    assert maths(soup) == []
    assert [p.get_text() for p in soup.find_all("p")] == [
        "Prices in US$ 5 or US$ 6.",
        "$ pip install x\n$ python -m x",
    ]


def test_amount_beside_math_stays_text(render):
    text = "Pay $5 or more, and let $x$ grow.\n"
    soup = render_body(render, text)
    assert maths(soup) == [("x", "inline")]
    assert soup.get_text().startswith("Pay $5 or more, and let ")


def test_escaped_dollar_is_a_dollar(render):
    text = "Prices: \\$3 and \\$4; math $y$.\n"
    soup = render_body(render, text)
    assert maths(soup) == [("y", "inline")]
    assert soup.get_text().startswith("Prices: $3 and $4; math ")


def test_math_touching_letters_still_renders(render):
    text = "The $n$th term, $k$-means, 设$x$为实数.\n"
    soup = render_body(render, text)
    assert maths(soup) == [("n", "inline"), ("k", "inline"), ("x", "inline")]
    for formula in soup.find_all("math"):
        formula.replace_with("M")
    assert soup.get_text() == "The M\u2060th term, M-means, 设M\u2060为实数."


def test_math_in_code_is_code(render):
    text = "Shell: `echo $HOME $PATH` and\n\n```\n$x$\n```\n"
    soup = render_body(render, text)
    assert maths(soup) == []
    assert soup.find("code").get_text() == "echo $HOME $PATH"


def test_math_in_raw_html_is_rendered_as_mathjax_read_it_there(render):
    text = (
        "Intro\n"
        "\n"
        '<div class="eq">\n'
        "The head falls by \\(h_t\\) and\n"
        "$$\\Delta S = P$$\n"
        "\n"
        "then $\\{x\\}$.\n"
        "</div>\n"
        "\n"
        "<p>costs $5</p>\n"
    )
    result = convert_markdown(text, LINKS)
    assert result.text.startswith('Intro\n\n<div class="eq" markdown="1">\n')
    assert result.text.endswith("</div>\n\n<p>costs $5</p>\n")
    soup = render(result.text)
    assert maths(soup.find("div")) == [
        ("h_t", "inline"),
        ("\\Delta S = P", "block"),
        ("\\{x\\}", "inline"),
    ]
    assert [f.line for f in result.findings] == [3]
    assert 'markdown="1"' in result.findings[0].message


def test_math_in_raw_html_with_code_like_lines_is_reported():
    text = '<div class="eq">\n$x$\n\n    <img src="a.png">\n</div>\n'
    result = convert_markdown(text, LINKS)
    assert result.text == text
    assert [f.line for f in result.findings] == [1]
    assert "not rendered" in result.findings[0].message


def test_math_inside_lists_and_headings(render):
    text = "## On $\\alpha$\n\nSteps:\n1. take $a_1$\n   * then $$b$$\n"
    soup = render_body(render, text)
    assert maths(soup.find("h2")) == [("\\alpha", "inline")]
    item = soup.find("ol").find("li")
    assert maths(item) == [("a_1", "inline"), ("b", "inline")]
    assert maths(item.find("ul")) == [("b", "inline")]


def test_entities_cjk_and_plain_text_untouched():
    text = "Hello&nbsp;world &amp; &#169; 你好\uff0c世界\u3002\n\n日本語のテキスト &lt;b&gt;\n"
    result = convert_markdown(text, LINKS)
    assert result.text == text
    assert not result.changes
    assert not result.findings


# links ----------------------------------------------------------------------


def test_root_relative_links_resolved_unknown_kept_and_reported():
    text = (
        "[p](/files/paper.pdf#page=2) ![i](/images/a.png 'A')\n"
        "[pub](/publications/paper-1/) [gone](/nowhere/) [ext](//cdn.example/x)\n"
        "\n"
        "[ref]: /images/b.png\n"
    )
    result = convert_markdown(text, LINKS)
    assert result.text == (
        "[p]({static}/files/paper.pdf#page=2) ![i]({static}/images/a.png 'A')\n"
        "[pub]({filename}/publications/paper-1.md) [gone](/nowhere/) "
        "[ext](//cdn.example/x)\n"
        "\n"
        "[ref]: {static}/images/b.png\n"
    )
    assert [f.line for f in result.findings] == [2]
    assert "/nowhere/" in result.findings[0].message


# HTML bodies ----------------------------------------------------------------


def test_html_body_gets_liquid_and_links_only():
    text = (
        "{% include base_path %}\n"
        '<p><a href="{{ base_path }}/files/paper.pdf">paper</a> * not a list\n'
        "{% highlight js %}\nif (a < b) {}\n{% endhighlight %}</p>\n"
        "<p>$x$ stays</p>\n"
    )
    result = convert_html(text, LINKS)
    assert result.text == (
        "\n"
        '<p><a href="{static}/files/paper.pdf">paper</a> * not a list\n'
        '<pre><code class="language-js">if (a &lt; b) {}</code></pre></p>\n'
        "<p>$x$ stays</p>\n"
    )
    assert [f.line for f in result.findings] == [6]


# properties -----------------------------------------------------------------

#: Text with no Liquid, math, list, link, code or kramdown markup.
PLAIN = st.lists(
    st.sampled_from(
        [*string.ascii_letters, *" .,;:!?'\"()&%/=\n", "é", "你", "好", "&nbsp;", "日"]
    ),
    max_size=300,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(PLAIN)
def test_plain_text_comes_back_byte_identical(text):
    result = convert_markdown(text, LINKS)
    assert result.text == text
    assert not result.changes
    assert not result.findings


CODE_LINE = (
    st.lists(st.sampled_from([*"ab $\\_*-+#{}:`()[]/1. ", "  ", "\t"]), max_size=40)
    .map("".join)
    .filter(lambda line: not re.match(r"\s*(```|~~~)", line) and "{{" not in line)
)
PROSE = st.sampled_from(
    [
        "Text $x_1$ and \\\\(y\\\\).",
        "Para\n* item\n  * nested",
        "costs $5 and $10",
        "## H\n{: .c}",
        "$$\nz\n\n$$",
        "[a](/images/a.png)",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(CODE_LINE, max_size=8), PROSE, PROSE)
def test_fenced_code_never_changes(lines, before, after):
    code = "```\n" + "\n".join(lines) + "\n```\n"
    result = convert(f"{before}\n\n{code}\n{after}\n")
    assert "\n" + code in result


MARKUP = st.lists(
    st.sampled_from(
        [
            *"ab \n\t$\\`*-+#{}:%()[]/<>_=~^1.",
            "{% raw %}",
            "{% endraw %}",
            "{{ base_path }}",
            "{% highlight py %}",
            "{% endhighlight %}",
            "```",
            "$$",
            "\\\\(",
            "\\)",
            "{:toc}",
            "{::comment}",
            "{:/comment}",
            "<div>",
            "</div>",
            "  * ",
            "1. ",
            "](/images/a.png)",
        ]
    ),
    max_size=120,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(MARKUP)
def test_any_text_converts_and_findings_name_its_lines(text):
    for result in (convert_markdown(text, LINKS), convert_html(text, LINKS)):
        assert all(1 <= f.line <= text.count("\n") + 1 for f in result.findings)


def test_markdown_inside_html_gets_its_math(render):
    text = '<div markdown="1">\nLet $x_1$ be.\n</div>\n'
    assert maths(render_body(render, text)) == [("x_1", "inline")]
    assert findings(text) == []


def test_uses_math_tells_the_importer_to_turn_pelican_katex_on():
    assert uses_math(convert_markdown("Let $x$ be.\n", LINKS))
    assert uses_math(convert_markdown("$$\ny\n$$\n", LINKS))
    assert not uses_math(convert_markdown("It costs $5 and \\$6.\n", LINKS))


def test_display_block_in_a_list_item_stays_in_it(render):
    text = "1. First:\n\n   $$\n   a = b\n\n   c = d\n   $$\n\n2. Second\n"
    soup = render_body(render, text)
    items = soup.find("ol").find_all("li", recursive=False)
    assert len(items) == 2
    assert maths(items[0]) == [("a = b\nc = d", "block")]


def test_backslash_line_break_becomes_br_but_not_in_a_formula(render):
    text = "First line\\\\\nsecond line\n\nText\n$$\na \\\\\nb\n$$\nend\n"
    soup = render_body(render, text)
    first = soup.find("p")
    assert first.find("br") is not None
    assert first.get_text() == "First line\nsecond line"
    assert maths(soup) == [("a \\\\\nb", "inline")]


def test_kramdown_table_separator_and_headerless_tables():
    text = "| a | b |\n|---+---|\n| 1 | 2 |\n\n| x | y |\n| z | w |\n"
    result = convert_markdown(text, LINKS)
    assert result.text.startswith("| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert [f.line for f in result.findings] == [5]
    assert "header" in result.findings[0].message


def test_base_variable_outside_a_link_is_reported():
    text = "Slides: {{ site.url }}{{ site.baseurl }}/files/paper.pdf\n"
    result = convert_markdown(text, LINKS)
    assert result.text == "Slides: /files/paper.pdf\n"
    assert [f.line for f in result.findings] == [1]
    assert "site.url" in result.findings[0].message


def test_url_filters_and_jekyll_bootstraps_base_path():
    text = (
        "![a]({{ '/images/a.png' | relative_url }}) "
        '![b]({{ "/images/b.png" | prepend: site.baseurl }}) '
        "![c]({{ BASE_PATH }}/files/paper.pdf)\n"
    )
    result = convert_markdown(text, LINKS)
    assert result.text == (
        "![a]({static}/images/a.png) ![b]({static}/images/b.png) "
        "![c]({static}/files/paper.pdf)\n"
    )
    assert result.findings == []


def test_unknown_ald_reference_left_out_and_reported(render):
    text = "# H\n{: unknown .kept}\n"
    result = convert_markdown(text, LINKS)
    heading = render(result.text).find("h1")
    assert heading.attrs == {"class": ["kept"]}
    assert [f.line for f in result.findings] == [2]


def test_indented_top_level_fence_and_end_of_block_marker(render):
    text = "  ```python\n  x = 1\n  ```\n^\n\nnext\n"
    soup = render_body(render, text)
    assert soup.find("div", class_="highlight").get_text() == "x = 1\n"
    assert [p.get_text() for p in soup.find_all("p")] == ["next"]


def test_liquid_comment_stays_hidden(render):
    text = "Shown\n\n{% comment %}\nnot for readers --> really\n{% endcomment %}\n\nAlso shown\n"
    result = convert_markdown(text, LINKS)
    assert "not for readers" in result.text
    assert render(result.text).get_text().split() == ["Shown", "Also", "shown"]
    assert result.findings == []


def test_ial_naming_a_code_blocks_language(render):
    text = "~~~\nputs 1\n~~~\n{: .language-ruby}\n"
    assert convert(text) == "~~~ruby\nputs 1\n~~~\n"
    soup = render_body(render, text)
    assert soup.find("div", class_="highlight").find("span", class_="nb") is not None


def test_list_after_a_paragraph_line_in_a_blockquote(render):
    text = "> Remember:\n> * one\n> * two\n"
    soup = render_body(render, text)
    quote = soup.find("blockquote")
    assert quote.find("p").get_text() == "Remember:"
    assert [li.get_text() for li in quote.select("ul > li")] == ["one", "two"]


def test_kramdown_syntax_inside_inline_code_is_left_alone():
    text = "Write `{::comment}` and `{:/comment}` around it, or `{:toc}`.\n"
    result = convert_markdown(text, LINKS)
    assert result.text == text
    assert not result.changes
    assert not result.findings


SPAN = (
    st.lists(
        st.sampled_from([*"ab $\\_*-+#{}:()[]/<>=|^~!.", "$$", "\\\\("]), max_size=30
    )
    .map("".join)
    .filter(lambda span: span.strip() and "{{" not in span and "{%" not in span)
)


@settings(max_examples=150, deadline=None)
@given(SPAN, PROSE)
def test_inline_code_never_changes(span, prose):
    code = f"`{span}`"
    result = convert(f"See {code} and $x_1$ here.\n\n{prose}\n")
    assert code in result


def test_a_link_to_the_base_path_alone_is_a_link_to_the_site_root() -> None:
    class Root:
        def site_path(self, path: str) -> str | None:
            return "{filename}/pages/about.md" if path == "/" else None

        def post_url(self, name: str) -> str | None:
            return None

    converted = convert_markdown(
        '<a href="{{ base_path }}">Home</a> and [home]({{ site.baseurl }})\n', Root()
    )
    assert converted.text == (
        '<a href="{filename}/pages/about.md">Home</a> and'
        " [home]({filename}/pages/about.md)\n"
    )
    assert converted.findings == []
