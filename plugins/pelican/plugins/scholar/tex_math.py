r"""Inline TeX math in a ``.bib`` field, written as plain Unicode text.

Titles such as ``$\epsilon$-Greedy`` or ``An $O(n \log n)$ Bound`` are
shown as text (``ε-Greedy``, ``An O(n log n) Bound``): the theme loads no
math renderer, and a title is also a ``<title>``, a feed entry and a
``citation_title``, where markup cannot go. :func:`math_to_text` rewrites
each ``$...$`` and ``\(...\)`` span: Greek letters and common symbols
become their characters, ``^{10}`` and ``_1`` superscript and subscript
characters when Unicode has them all (else ``^10``; ``A^*`` is ``A*``,
``360^\circ`` is ``360°``), ``\frac{a}{b}`` ``a/b``, ``\sqrt{x}`` ``√x``, operator names
(``\log``) their word, and the dollar signs go. A command it does not know
is left for the LaTeX decoder (which keeps a font command's argument,
``\mathcal{H}`` is ``H``). An escaped ``\$`` is a dollar sign, never math.
"""

# ruff: noqa: RUF001, RUF003 - a table of math symbols, look-alikes on purpose

from __future__ import annotations

import re
import unicodedata
from typing import Final

_GREEK: Final = re.findall(
    r"\w+",
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi "
    "pi rho sigma tau upsilon phi chi psi omega",
)
_CAPITAL_GREEK: Final = re.findall(
    r"\w+", "Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega"
)
_OPERATOR_NAMES: Final = re.findall(
    r"\w+", "log ln exp max min sin cos tan lim sup inf det dim arg"
)


def _greek(case: str, name: str) -> str:
    """Return the Greek letter TeX calls ``name`` (Unicode spells lambda LAMDA)."""
    return unicodedata.lookup(
        f"GREEK {case} LETTER {name.upper().replace('MBDA', 'MDA')}"
    )


#: Math commands and the text they stand for.
SYMBOLS: Final = {
    **{name: _greek("SMALL", name) for name in _GREEK},
    **{name: _greek("CAPITAL", name) for name in _CAPITAL_GREEK},
    "varepsilon": "ε",
    "vartheta": "ϑ",
    "varphi": "φ",
    "varrho": "ϱ",
    "varsigma": "ς",
    "ell": "ℓ",
    "infty": "∞",
    "partial": "∂",
    "nabla": "∇",
    "leq": "≤",
    "le": "≤",
    "geq": "≥",
    "ge": "≥",
    "neq": "≠",
    "ne": "≠",
    "approx": "≈",
    "sim": "∼",
    "equiv": "≡",
    "times": "×",
    "cdot": "·",
    "pm": "±",
    "mp": "∓",
    "ast": "∗",
    "star": "⋆",
    "circ": "∘",
    "to": "→",
    "rightarrow": "→",
    "leftarrow": "←",
    "Rightarrow": "⇒",
    "leftrightarrow": "↔",
    "mapsto": "↦",
    "in": "∈",
    "notin": "∉",
    "subset": "⊂",
    "subseteq": "⊆",
    "supset": "⊃",
    "cup": "∪",
    "cap": "∩",
    "setminus": "∖",
    "emptyset": "∅",
    "forall": "∀",
    "exists": "∃",
    "neg": "¬",
    "wedge": "∧",
    "vee": "∨",
    "oplus": "⊕",
    "otimes": "⊗",
    "sum": "∑",
    "prod": "∏",
    "int": "∫",
    "sqrt": "√",
    "surd": "√",
    "ldots": "…",
    "dots": "…",
    "cdots": "⋯",
    "langle": "⟨",
    "rangle": "⟩",
    "mid": "|",
    "prime": "′",
    "degree": "°",
    "odot": "⊙",
    "sun": "⊙",  # NASA ADS's macro for the solar symbol
    "ga": "≳",  # the AAS macros NASA ADS abstracts use
    "la": "≲",
    "gtrsim": "≳",
    "lesssim": "≲",
    "lt": "<",
    "gt": ">",
    # The rest of what NASA ADS's BibTeX writes in \ensuremath for a
    # character (adsabs/export_service's latexencode table).
    **dict(
        zip(
            re.findall(
                r"\w+",
                "ll gg propto hbar varnothing ni coprod bullet parallel nmid"
                " nparallel iint iiint oint therefore because backsim leqq geqq"
                " lneqq gneqq nless ngtr nleq ngeq lessgtr gtrless prec succ"
                " preceq succeq precsim succsim nprec nsucc supseteq nsubseteq"
                " nsupseteq subsetneq supsetneq sqcap sqcup ominus oslash"
                " bigwedge bigvee bigcap bigcup diamond divideontimes bowtie"
                " ltimes rtimes vdots ddots udots leqslant geqslant complement"
                " nexists varpi smallsetminus blacksquare simeq cong asymp perp"
                " uparrow downarrow Leftarrow Leftrightarrow longrightarrow"
                " aleph angle dagger ddagger",
            ),
            "≪≫∝ℏ∅∋∐∙∥∤∦∬∭∮∴∵∽≦≧≨≩≮≯≰≱≶≷≺≻≼≽≾≿⊀⊁⊇⊈⊉⊊⊋⊓⊔⊖⊘⋀⋁⋂⋃⋄⋇⋈⋉⋊⋮⋱⋰⩽⩾∁∄ϖ∖∎≃≅≍⊥"
            "↑↓⇐⇔⟶ℵ∠†‡",
            strict=True,
        )
    ),
    # upgreek's upright letters (\upmu, as ADS writes the micron's µ).
    **{f"up{name}": _greek("SMALL", name) for name in _GREEK},
    **{name: name for name in _OPERATOR_NAMES},
}
_SUPERSCRIPTS: Final = {
    **dict(zip("0123456789+-=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱ", strict=True)),
    # No superscript form, but read as one: A* search, 360°, f′.
    "*": "*",
    "⋆": "*",
    "∘": "°",
    "′": "′",
}
#: Read as subscripts though Unicode has none: M⊙, the Sun's mass.
_SUBSCRIPT_SYMBOLS: Final = {"⊙": "⊙"}
_SUBSCRIPTS: Final = (
    dict(
        zip(
            "0123456789+-=()aeoxhklmnpstijruv",
            "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜᵢⱼᵣᵤᵥ",
            strict=True,
        )
    )
    | _SUBSCRIPT_SYMBOLS
)
#: ``$$...$$`` (display math, as Mendeley writes it), ``$...$`` (not an
#: escaped ``\$``), ``\(...\)`` or ``\[...\]``.
_MATH: Final = re.compile(
    r"(?<!\\)\$\$(?P<display>[^$]+?)(?<!\\)\$\$"
    r"|(?<!\\)\$(?P<dollar>[^$]+?)(?<!\\)\$"
    r"|\\\((?P<paren>.+?)\\\)"
    r"|(?<!\\)\\\[(?P<bracket>.+?)\\\]"
)
#: A dollar sign inside ``\(...\)`` (``\($\lambda$\)``): math twice over.
_INNER_DOLLAR: Final = re.compile(r"(?<!\\)\$")
#: ``\textdollar``, braced or not; TeX skips the spaces after a control word.
_OPENING_DOLLAR: Final = r"(?:\{\\textdollar\}|\\textdollar(?![A-Za-z])\s*)"
_CLOSING_DOLLAR: Final = r"(?:\{\\textdollar\}|\\textdollar(?![A-Za-z]))"
#: A formula DBLP escaped as text: ``{\textdollar}AC{\^{}}0{\textdollar}``.
_ESCAPED_MATH: Final = re.compile(
    rf"{_OPENING_DOLLAR}(?P<body>(?:(?!\\textdollar).)+?){_CLOSING_DOLLAR}", re.S
)
#: DBLP's escapes of TeX's characters in a formula, and the characters.
_MATH_ESCAPES: Final = (
    (re.compile(r"\{\\textbackslash\}|\\textbackslash(?:\{\}|(?![A-Za-z])\s*)"), "\\"),
    (re.compile(r"\{\\\^\{\}\}|\\\^\{\}"), "^"),
    (re.compile(r"\{\\_\}|\\_"), "_"),
    (re.compile(r"\\\{"), "{"),
    (re.compile(r"\\\}"), "}"),
)
#: A formula Better BibTeX escaped as text (``\$\textbackslash Delta\$``,
#: ``\$z{$>$}6\$``): its dollar signs ``\$``.
_BBT_MATH: Final = re.compile(r"(?<!\\)\\\$(?P<body>(?:(?!\\\$).){1,200}?)\\\$", re.S)
#: Better BibTeX's ``<`` and ``>`` of a text, as math: ``{$>$}``.
_BBT_RELATION: Final = re.compile(r"\{\$([<>])\$\}")
#: A formula of one short word, with a letter (``\$s\$``, not ``\$5``), or
#: a sign (NASA ADS's ``J075108.79$-$763449.6``: a minus).
_ONE_SYMBOL: Final = re.compile(r"(?=[^\s$]*[A-Za-z])[^\s$]{1,12}|[-+]")
_ENSUREMATH: Final = re.compile(r"\\ensuremath\s*\{")
_COMMAND: Final = re.compile(r"\\([A-Za-z]+)")
#: ``^{...}`` or ``^x`` (and ``_``), after the commands became characters.
_SCRIPT: Final = re.compile(
    r"(?P<mark>[\^_])(?:\{(?P<group>[^{}]*)\}|(?P<char>[^\s{}\\]))"
)


def math_to_text(latex: str) -> str:
    r"""Return ``latex`` with each inline math span written as Unicode text.

    ``\ensuremath{...}`` (as NASA ADS writes math) is a span too.
    """
    if "\\ensuremath" in latex:
        latex = _ensuremath_as_dollars(latex)
    if "$" not in latex and "\\(" not in latex and "\\[" not in latex:
        return latex
    return _MATH.sub(
        lambda match: _span(
            match["display"] or match["dollar"] or match["paren"] or match["bracket"]
        ),
        latex,
    )


def _ensuremath_as_dollars(latex: str) -> str:
    r"""Write each ``\ensuremath{x}`` (its braces balanced) as ``$x$``."""
    pieces: list[str] = []
    position = 0
    for match in _ENSUREMATH.finditer(latex):
        if match.start() < position:
            continue  # inside the previous one
        depth, end = 1, match.end()
        while end < len(latex) and depth:
            depth += (
                {"{": 1, "}": -1}.get(latex[end], 0) if latex[end - 1] != "\\" else 0
            )
            end += 1
        if depth:
            break  # unbalanced: left to the decoder
        pieces += [
            latex[position : match.start()],
            "$",
            latex[match.end() : end - 1],
            "$",
        ]
        position = end
    return "".join([*pieces, latex[position:]])


def unescape_math(latex: str) -> str:
    r"""Return ``latex`` with the formulas DBLP or Better BibTeX escaped made formulas.

    DBLP writes the TeX of a title it received as text, escaped so that
    LaTeX prints it: ``{\textdollar}{\textbackslash}mathrm\{AC\}{\^{}}0{\textdollar}``
    for ``$\mathrm{AC}^0$``. A span between two ``\textdollar`` that holds
    such an escape (``\textbackslash``, ``\^{}``, ``\_``, ``\{``) is that
    formula; dollar signs around plain text ("\textdollar 5 to
    \textdollar 10") stay dollar signs. Better BibTeX writes them with
    ``\$`` (:func:`_unescaped_bbt_formula`).
    """
    if "textdollar" in latex:
        latex = _ESCAPED_MATH.sub(_unescaped_formula, latex)
    if "\\$" in latex:
        latex = _BBT_MATH.sub(_unescaped_bbt_formula, latex)
    return latex


def _unescaped_bbt_formula(match: re.Match[str]) -> str:
    r"""Return a formula Better BibTeX escaped as ``$...$``, or the text as it is.

    A span holding an escape, or one short word with a letter (``\$s\$``),
    is a formula; ``\$177 billion and \$5`` is dollars.
    """
    body = _BBT_RELATION.sub(r"\1", match["body"])
    unescaped = body
    for pattern, replacement in _MATH_ESCAPES:
        unescaped = pattern.sub(lambda _, text=replacement: text, unescaped)
    if unescaped == match["body"] and not _ONE_SYMBOL.fullmatch(body):
        return match[0]
    return f"${unescaped}$"


def _unescaped_formula(match: re.Match[str]) -> str:
    body = match["body"]
    unescaped = body
    for pattern, replacement in _MATH_ESCAPES:
        unescaped = pattern.sub(lambda _, text=replacement: text, unescaped)
    if unescaped == body:  # no escape: dollar signs of the text
        return match[0]
    return f"${unescaped}$"


#: ``\frac{a}{b}`` (``\dfrac``, ``\tfrac``; ``\frac12``), innermost first.
_FRACTION: Final = re.compile(
    r"\\[dt]?frac\s*(?:\{(?P<top>[^{}]*)\}|(?P<top_char>\w))"
    r"\s*(?:\{(?P<bottom>[^{}]*)\}|(?P<bottom_char>\w))"
)
#: ``\sqrt{x}`` (``\sqrt x``), innermost first.
_ROOT: Final = re.compile(r"\\sqrt\s*(?:\{(?P<group>[^{}]*)\}|(?P<char>\w))")
#: An operand read whole without parentheses: a name, a number, a command.
_ATOM: Final = re.compile(r"[\w.\\]+")


def _operand(text: str) -> str:
    r"""``text`` as one operand of ``/`` or ``√``: in parentheses unless an atom.

    An empty one (``\sqrt{}``, as NASA ADS writes the √ sign) is nothing.
    """
    text = text.strip()
    return text if not text or _ATOM.fullmatch(text) else f"({text})"


def _fractions_and_roots(math: str) -> str:
    r"""Write ``\frac{a}{b}`` as ``a/b`` and ``\sqrt{x}`` as ``√x``.

    An operand of more than one name or number is put in parentheses
    (``\frac{n}{\log n}`` is ``n/(log n)``, ``\sqrt{n+1}`` ``√(n+1)``).
    """
    while "frac" in math or "sqrt" in math:
        changed = _FRACTION.sub(
            lambda m: (
                _operand(m["top"] if m["top"] is not None else m["top_char"])
                + "/"
                + _operand(m["bottom"] if m["bottom"] is not None else m["bottom_char"])
            ),
            math,
        )
        changed = _ROOT.sub(
            lambda m: (
                "√" + _operand(m["group"] if m["group"] is not None else m["char"])
            ),
            changed,
        )
        if changed == math:
            break
        math = changed
    return math


#: ``\not`` before a relation (``\not\equiv``, ``\not=``): the relation struck.
_NEGATED: Final = re.compile(r"\\not\s*(?:\\([A-Za-z]+)|([=<>]))")


def _negated(match: re.Match[str]) -> str:
    r"""Return a relation ``\not`` strikes through, composed where Unicode can (≢)."""
    relation = SYMBOLS.get(match[1], "") if match[1] else match[2]
    if not relation:
        return match[0]
    return unicodedata.normalize("NFC", relation + "\u0338")


def _span(math: str) -> str:
    """One math span's text: symbols, scripts, then braces left to the decoder."""
    math = _fractions_and_roots(_INNER_DOLLAR.sub("", math))
    if "\\not" in math:
        math = _NEGATED.sub(_negated, math)
    text = _COMMAND.sub(lambda match: SYMBOLS.get(match[1], match[0]), math)
    return _SCRIPT.sub(_script, text)


def scripted(text: str, *, superscript: bool) -> str | None:
    """Return ``text`` in Unicode's super- or subscript characters, or None.

    None when one of its characters has none (``eff``: no subscript f).
    """
    table = _SUPERSCRIPTS if superscript else _SUBSCRIPTS
    if text and all(char in table for char in text):
        return "".join(table[char] for char in text)
    return None


def _script(match: re.Match[str]) -> str:
    body = match["group"] if match["group"] is not None else match["char"]
    table = _SUPERSCRIPTS if match["mark"] == "^" else _SUBSCRIPTS
    if body and all(char in table for char in body):
        return "".join(table[char] for char in body)
    return f"{match['mark']}{body}"
