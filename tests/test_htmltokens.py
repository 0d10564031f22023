import pytest

from pelican.plugins.scholar.htmltokens import (
    TOKEN_RE,
    class_names,
    element_end,
    is_atomic_start,
    is_math_start,
)


def first_tag(html: str):
    return next(t for t in TOKEN_RE.finditer(html) if t.group("tag"))


@pytest.mark.parametrize(
    ("html", "end"),
    [
        ("<div>a</div>tail", len("<div>a</div>")),
        ("<div><div>a</div>b</div>tail", len("<div><div>a</div>b</div>")),
        (
            "<span class='katex'><span>x</span><span>y</span></span>!",
            len("<span class='katex'><span>x</span><span>y</span></span>"),
        ),
        ("<div>never closed", len("<div>never closed")),
        ('<div title="</div>">a</div>b', len('<div title="</div>">a</div>')),
        ("<div><!-- </div> --></div>x", len("<div><!-- </div> --></div>")),
    ],
)
def test_element_end_matches_nested_elements(html: str, end: int) -> None:
    assert element_end(html, first_tag(html)) == end


@pytest.mark.parametrize(
    ("attributes", "names"),
    [
        (' class="katex katex-display"', ["katex", "katex-display"]),
        (" class='a'", ["a"]),
        (" class=plain id=x", ["plain"]),
        (' id="x"', []),
    ],
)
def test_class_names(attributes: str, names: list[str]) -> None:
    assert class_names(attributes) == names


@pytest.mark.parametrize(
    ("name", "attributes", "math"),
    [
        ("math", "", True),
        ("span", ' class="katex"', True),
        ("span", ' class="katex-display"', True),
        ("div", ' class="arithmatex"', True),
        ("span", ' class="math"', True),
        ("span", ' class="math inline"', True),
        ("span", ' class="x math"', False),  # render-math writes "math" first
        ("span", ' class="katex-mathml"', False),
        ("span", ' class="mathematics"', False),
        ("span", ' class="n"', False),
    ],
)
def test_is_math_start(name: str, attributes: str, math: bool) -> None:
    assert is_math_start(name, attributes) is math


@pytest.mark.parametrize("name", ["pre", "table", "figure"])
def test_code_tables_and_figures_are_atomic(name: str) -> None:
    assert is_atomic_start(name, "")
    assert not is_atomic_start("p", "")
