"""Code blocks, display formulas and tables: language labels, regions, code CSS.

Pure tests of :mod:`.code_languages` (the language the author wrote, on the
highlighted block) and :mod:`.content_blocks` (wide blocks as focusable,
labelled regions), then the demo as ``make build`` builds it.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from conftest import REPO_ROOT, soup
from pygments.formatters import HtmlFormatter

from pelican.plugins.scholar.code_languages import EXTENSION_NAME
from pelican.plugins.scholar.content_blocks import (
    has_highlighted_code,
    mark_blocks,
)
from pelican.plugins.scholar.pygments_css import highlight_css

# ---- the language the author wrote --------------------------------------------


def render(text: str, **codehilite: object) -> str:
    """Markdown as the demo's settings render it, with the plugin's extension."""
    return markdown.Markdown(
        extensions=[
            "markdown.extensions.extra",
            "markdown.extensions.codehilite",
            EXTENSION_NAME,
        ],
        extension_configs={
            "markdown.extensions.codehilite": {"css_class": "highlight", **codehilite}
        },
        output_format="html5",
    ).convert(text)


def languages(html: str) -> list[str | None]:
    """The ``data-lang`` of each highlighted block, in order."""
    page = soup_of(html)
    return [div.get("data-lang") for div in page.select("div.highlight")]


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_a_fenced_block_keeps_the_language_its_author_wrote() -> None:
    html = render("```python\nx = 1\n```\n\n```js\nlet y = 2;\n```\n")
    assert languages(html) == ["python", "js"]
    # Still highlighted as before: the language's own tokens.
    assert '<span class="n">x</span>' in html


def test_a_block_without_a_language_gets_none_even_when_pygments_guesses() -> None:
    # Pygments guesses a language for this one (guess_lang is on by default).
    code = "#!/usr/bin/env python\nimport os\nprint(os.getcwd())\n"
    html = render(f"```\n{code}```\n\n```python\n{code}```\n")
    assert languages(html) == [None, "python"]


def test_attribute_fences_and_indented_blocks_name_their_language() -> None:
    html = render(
        '``` { .rust hl_lines="1" }\nfn main() {}\n```\n\n'
        "    :::haskell\n    main = pure ()\n\nthen\n\n"
        "    #!/usr/bin/python\n    print(1)\n\nand\n\n"
        "    plain = 'no language'\n"
    )
    assert languages(html) == ["rust", "haskell", "python", None]
    assert "#!/usr/bin/python" in soup_of(html).get_text()  # a path shebang stays


def test_identical_code_in_two_languages_is_labelled_in_order() -> None:
    html = render("```c\nx = 1;\n```\n\n```\nx = 1;\n```\n\n```java\nx = 1;\n```\n")
    assert languages(html) == ["c", None, "java"]


def test_line_numbers_keep_the_label_on_the_outer_block() -> None:
    html = render("```python\na = 1\nb = 2\n```\n", linenums=True)
    block = soup_of(html).select_one("div.highlight")
    assert block["data-lang"] == "python"
    assert block.select_one("table.highlighttable td.linenos")


def test_a_site_formatter_class_is_kept() -> None:
    class Marked(HtmlFormatter):
        def wrap(self, source):
            yield 0, "<!-- marked -->"
            yield from super().wrap(source)

    html = render("```python\nx = 1\n```\n", pygments_formatter=Marked)
    assert "<!-- marked -->" in html
    assert languages(html) == ["python"]


def test_without_pygments_highlighting_nothing_is_labelled() -> None:
    html = render("```python\nx = 1\n```\n", use_pygments=False)
    assert 'class="language-python"' in html
    assert "data-lang" not in html


# ---- wide blocks as regions ------------------------------------------------------


WRAPPERS = SimpleNamespace(
    code=lambda language, attributes, body, n: (
        f"[code{n} {language!r}{attributes}]{body}[/code]"
    ),
    equation=lambda formula, tag, n: f"[eq{n} {tag}]{formula}[/eq]",
    table=lambda table, n: f"[table{n}]{table}[/table]",
)


def test_code_blocks_get_their_language_attributes_and_body() -> None:
    html = (
        '<p>a</p><div class="highlight" data-lang="c&amp;c"><pre>x</pre></div>'
        '<div class="highlight"><pre><span>y</span></pre></div>'
    )
    assert mark_blocks(html, WRAPPERS) == (
        '<p>a</p>[code1 \'c&c\' class="highlight" data-lang="c&amp;c"]<pre>x</pre>'
        "[/code][code2 '' class=\"highlight\"]<pre><span>y</span></pre>[/code]"
    )


def test_display_formulas_are_wrapped_and_inline_ones_left_alone() -> None:
    inline = '<span class="katex"><math><mi>k</mi></math></span>'
    mathml = '<span class="katex"><math display="block"><mi>x</mi></math></span>'
    katex_html = '<span class="katex-display"><span class="katex">y</span></span>'
    bare = '<math display="block"><mi>z</mi></math>'
    arithmatex = '<div class="arithmatex">\\[w\\]</div>'
    html = f"<p>{inline} and</p><p>{mathml}</p>{katex_html}{bare}{arithmatex}"
    assert mark_blocks(html, WRAPPERS) == (
        f"<p>{inline} and</p><p>[eq1 span]{mathml}[/eq]</p>[eq2 span]{katex_html}[/eq]"
        f"[eq3 span]{bare}[/eq][eq4 div]{arithmatex}[/eq]"
    )


def test_outermost_tables_are_wrapped_not_those_inside_code_or_tables() -> None:
    inner = "<table><tr><td>in</td></tr></table>"
    outer = f"<table><tr><td>{inner}</td></tr></table>"
    code = '<div class="highlight"><table class="highlighttable"></table></div>'
    html = outer + code
    assert mark_blocks(html, WRAPPERS) == (
        f"[table1]{outer}[/table][code1 ''{code[4:-6].split('>', 1)[0]}]"
        '<table class="highlighttable"></table>[/code]'
    )


def test_marking_twice_changes_nothing_more() -> None:
    theme = SimpleNamespace(
        code=lambda language, attributes, body, n: (
            f'<div class="code-block"><div{attributes} role="region">{body}</div></div>'
        ),
        equation=lambda formula, tag, n: (
            f'<{tag} class="scroll-region">{formula}</{tag}>'
        ),
        table=lambda table, n: f'<div class="scroll-region">{table}</div>',
    )
    html = (
        '<div class="highlight"><pre>x</pre></div><table><tr><td>1</td></tr></table>'
        '<math display="block"><mi>z</mi></math>'
    )
    once = mark_blocks(html, theme)
    assert once != html
    assert mark_blocks(once, theme) == once


def test_text_without_blocks_is_returned_as_it_is() -> None:
    html = '<p>a <span class="n">b</span> <code>c</code></p>'
    assert mark_blocks(html, WRAPPERS) is html


def test_highlighted_code_is_told_by_its_class() -> None:
    assert has_highlighted_code('<div class="other highlight"><pre>x</pre></div>')
    assert not has_highlighted_code("<p>the highlight of the year</p>")
    assert not has_highlighted_code('<pre class="highlight"><code>x</code></pre>')
    assert not has_highlighted_code(None)


def test_code_css_gives_each_scheme_its_background_for_the_shadows() -> None:
    css = highlight_css("default", "monokai")
    assert ".highlight { --scholar-code-background: #f8f8f8; }" in css
    assert (
        'html[data-theme="dark"] .highlight { --scholar-code-background: #272822; }'
        in css
    )


@pytest.mark.parametrize(
    "message",
    [
        "Theme", "Auto", "Light", "Dark", "Follow the system setting", "Copy",
        "Copy code", "Copied", "Code %(number)s", "Code %(number)s, %(language)s",
        "Equation %(number)s", "Table %(number)s",
    ],
)  # fmt: skip
def test_the_new_strings_are_translated_into_french(message: str) -> None:
    po = REPO_ROOT / "theme" / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as file:
        entry = read_po(file).get(message)
    assert entry is not None, message
    assert entry.string, message
    assert "fuzzy" not in entry.flags
    if not message.startswith(("Auto", "Code ")):  # the same in French
        assert entry.string != message


# ---- the demo ------------------------------------------------------------------------


POSTS = REPO_ROOT / "content" / "posts"
FENCE_RE = re.compile(r"^```(\S*)", re.MULTILINE)


def written_languages(source: Path) -> list[str]:
    """The languages of a post's fenced blocks, as written ("" for none)."""
    fences = FENCE_RE.findall(source.read_text(encoding="utf-8"))
    return fences[::2]  # each block opens and closes with a fence


def built_post(output: Path, source: Path) -> Path:
    [found] = output.glob(f"posts/*/*/{source.stem}/index.html")
    return found


@pytest.mark.parametrize("source", sorted(POSTS.glob("*.md")), ids=lambda p: p.stem)
def test_each_demo_code_block_is_labelled_with_its_written_language(
    demo_local: Path, source: Path
) -> None:
    page = soup(built_post(demo_local, source))
    blocks = page.select(".post__content div.highlight")
    assert len(blocks) == len(written_languages(source))
    written = written_languages(source)
    for number, (block, language) in enumerate(zip(blocks, written, strict=True), 1):
        wrapper = block.parent
        assert "code-block" in wrapper["class"]
        label = wrapper.select_one(".code-block__language")
        assert (label.get_text() if label else "") == language
        assert block["role"] == "region"
        assert block["tabindex"] == "0"
        name = f"Code {number}, {language}" if language else f"Code {number}"
        assert block["aria-label"] == name
        button = wrapper.select_one("button.code-block__copy")
        assert button.has_attr("hidden")  # theme.js shows it
        assert button["type"] == "button"
        assert button["aria-label"] == "Copy code"
        assert not block.find_parent("p")


def test_every_display_formula_and_table_of_the_demo_is_a_named_region(
    demo_local: Path,
) -> None:
    formulas = tables = 0
    for path in demo_local.glob("posts/*/*/*/index.html"):
        content = soup(path).select_one(".post__content")
        for number, formula in enumerate(content.select('math[display="block"]'), 1):
            region = formula.find_parent(class_="scroll-region--equation")
            assert region is not None, path
            assert (region["role"], region["tabindex"]) == ("region", "0")
            assert region["aria-label"] == f"Equation {number}"
            formulas += 1
        for number, table in enumerate(content.find_all("table"), 1):
            region = table.parent
            assert "scroll-region--table" in region["class"], path
            assert (region["role"], region["tabindex"]) == ("region", "0")
            assert region["aria-label"] == f"Table {number}"
            tables += 1
    assert formulas >= 30
    assert tables >= 15


def stylesheets(path: Path) -> list[str]:
    return [link["href"] for link in soup(path).select('head link[rel="stylesheet"]')]


def test_only_pages_with_highlighted_code_load_the_code_stylesheet(
    demo_local: Path,
) -> None:
    with_code = 0
    for path in demo_local.rglob("*.html"):
        page = soup(path)
        loads = "/theme/css/pygments.css" in stylesheets(path)
        assert loads == bool(page.select("main div.highlight")), path
        with_code += loads
    assert with_code == 6  # the six posts with code, nothing else
    for name in ("index.html", "about/index.html", "cv/index.html"):
        assert stylesheets(demo_local / name) == ["/theme/css/main.css"]
    assert (demo_local / "theme" / "css" / "pygments.css").is_file()


def test_the_scheme_switch_offers_auto_light_and_dark_hidden_without_script(
    demo_local: Path,
) -> None:
    page = soup(demo_local / "index.html")
    [switch] = page.select(".masthead__inner > fieldset.theme-toggle")
    assert switch.has_attr("hidden")
    assert switch.legend.get_text(strip=True) == "Theme"
    radios = switch.select('input[type="radio"][name="scholar-theme"]')
    assert [r["value"] for r in radios] == ["auto", "light", "dark"]
    assert [r.parent.get_text(strip=True) for r in radios] == ["Auto", "Light", "Dark"]
    assert not page.select(".theme-toggle [checked]")  # theme.js checks the choice
