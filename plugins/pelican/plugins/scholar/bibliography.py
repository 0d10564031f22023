r"""Reading a site's bibliography: ``.bib`` files into :class:`Reference` objects.

:func:`load_bibliography` parses one or more BibTeX files with pybtex (which
expands ``@string`` macros, ``#`` concatenation and month macros such as
``jan``) and returns a :class:`Bibliography`: a mapping of key to
:class:`Reference`, in file order. Every field of a reference is Unicode
text (LaTeX escapes such as ``{\"o}`` and ``\'e`` decoded, protecting braces
removed), except the link fields (``url``, ``doi``, ``eprint``, ``pdf``,
``code``...), which are kept as written, so a ``%`` in a URL stays a ``%``.
A child entry inherits the fields of its ``crossref`` parent.

:func:`format_reference` renders a reference as escaped HTML
(:class:`markupsafe.Markup`) in an ``"author-year"`` or ``"numeric"`` style,
the site owner's name in ``<strong>``. A ``.bib`` is data: nothing in it is
ever output as markup.

Settings (see the README's settings table): ``SCHOLAR_BIBLIOGRAPHY``,
``SCHOLAR_CITATION_STYLE``, ``SCHOLAR_OWNER_NAMES``.
"""

from __future__ import annotations

import bisect
import codecs
import functools
import glob
import hashlib
import html
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Final

import latexcodec  # noqa: F401 - registers the "ulatex" codec
import pybtex.errors
from markupsafe import Markup, escape
from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.input.bibtex import Parser, UndefinedMacro, month_names
from pybtex.exceptions import PybtexError
from pybtex.scanner import PybtexSyntaxError

from .tex_math import SYMBOLS, math_to_text, scripted, unescape_math

logger = logging.getLogger(__name__)

#: The journal macros of the AAS (aas_macros.sty), which NASA ADS exports use
#: (``journal = {\apj}``): their abbreviations, as the journals print them.
_JOURNAL_MACROS: Final = {
    "aj": "AJ",
    "actaa": "Acta Astron.",
    "araa": "ARA&A",
    "apj": "ApJ",
    "apjl": "ApJL",
    "apjs": "ApJS",
    "ao": "Appl. Opt.",
    "apss": "Ap&SS",
    "aap": "A&A",
    "aapr": "A&A Rev.",
    "aaps": "A&AS",
    "azh": "AZh",
    "baas": "BAAS",
    "jcap": "JCAP",
    "jrasc": "JRASC",
    "memras": "MmRAS",
    "mnras": "MNRAS",
    "na": "New A",
    "nar": "New A Rev.",
    "pra": "Phys. Rev. A",
    "prb": "Phys. Rev. B",
    "prc": "Phys. Rev. C",
    "prd": "Phys. Rev. D",
    "pre": "Phys. Rev. E",
    "prl": "Phys. Rev. Lett.",
    "pasa": "PASA",
    "pasp": "PASP",
    "pasj": "PASJ",
    "psj": "PSJ",
    "qjras": "QJRAS",
    "skytel": "S&T",
    "solphys": "Sol. Phys.",
    "sovast": "Soviet Ast.",
    "ssr": "Space Sci. Rev.",
    "zap": "ZAp",
    "nat": "Nature",
    "iaucirc": "IAU Circ.",
    "aplett": "Astrophys. Lett.",
    "apspr": "Astrophys. Space Phys. Res.",
    "bain": "Bull. Astron. Inst. Netherlands",
    "fcp": "Fund. Cosmic Phys.",
    "gca": "Geochim. Cosmochim. Acta",
    "grl": "Geophys. Res. Lett.",
    "jcp": "J. Chem. Phys.",
    "jgr": "J. Geophys. Res.",
    "jqsrt": "J. Quant. Spec. Radiat. Transf.",
    "memsai": "Mem. Soc. Astron. Italiana",
    "nphysa": "Nucl. Phys. A",
    "physrep": "Phys. Rep.",
    "physscr": "Phys. Scr",
    "planss": "Planet. Space Sci.",
    "procspie": "Proc. SPIE",
    "icarus": "Icarus",
}
#: LaTeX's font switches (``{\it word}``, ``{\bf word}``): no text of their own.
_FONT_SWITCHES: Final = frozenset(
    {"it", "bf", "em", "sc", "rm", "tt", "sf", "sl", "up", "md", "normalfont"}
    | {"itshape", "bfseries", "scshape", "upshape", "slshape", "mdseries"}
    | {"rmfamily", "sffamily", "ttfamily", "tiny", "scriptsize", "footnotesize"}
    | {"small", "normalsize", "large", "Large", "LARGE", "huge", "Huge"}
)
#: Fields a reference manager keeps for itself, not about the work.
_BOOKKEEPING_FIELDS: Final = frozenset(
    {"date-added", "date-modified", "timestamp", "owner", "file", "urldate"}
    | {"added-at", "biburl", "interhash", "intrahash", "mendeley-groups"}
    | {"mendeley-tags", "creationdate", "modificationdate", "groups", "ranking"}
)
_BOOKKEEPING_PREFIXES: Final = ("bdsk-", "jabref-", "zotero-")
#: Reference managers' fields about the owner's computer or account (a PDF's
#: path on their disk, their user name, their folders): left out of the
#: BibTeX readers copy.
_PRIVATE_FIELDS: Final = frozenset(
    {"file", "owner", "mendeley-groups", "mendeley-tags", "groups", "ranking"}
)
_PRIVATE_PREFIXES: Final = ("bdsk-file-", "jabref-", "zotero-")
#: A whole name in a font command (``\textbf{Zhu, W.}``, ``{\bf W. Zhu}``), as a
#: researcher's own list marks their name: BibTeX reads one family name.
_WRAPPED_NAME: Final = re.compile(
    r"\s*(?:\\(?:textbf|textit|emph|underline|textsc)\s*\{(?P<command>.*)\}"
    r"|\{\\(?:bf|it|em|sc|bfseries|itshape)\s+(?P<switch>.*)\})\s*",
    re.S,
)
#: A name in biblatex's extended format, and one of its ``key=value`` parts.
_BIBLATEX_NAME: Final = re.compile(r"\s*(?:family|given|prefix|suffix)\s*=", re.I)
_BIBLATEX_NAME_PART: Final = re.compile(
    r"(\w+)\s*=\s*(\{(?:[^{}]|\{[^{}]*\})*\}|[^,=]*?)(?=\s*,|\s+\w+\s*=|\s*$)"
)

#: The citation styles :func:`format_reference` knows.
STYLES: Final = ("author-year", "numeric")
#: Where a site's ``.bib`` files are by default, relative to ``PATH``.
DEFAULT_PATTERN: Final = "bibliography/*.bib"

#: Fields that hold a link or an identifier: kept as written, never decoded.
_VERBATIM_FIELDS: Final = frozenset(
    {
        "url",
        "doi",
        "eprint",
        "arxiv",
        "pdf",
        "code",
        "slides",
        "poster",
        "video",
        "project",
        "website",
        "html",
        "crossref",
        "isbn",
        "issn",
    }
)
#: Link kinds in the order a publications page shows their buttons.
LINK_KINDS: Final = (
    "pdf",
    "doi",
    "arxiv",
    "url",
    "code",
    "slides",
    "poster",
    "video",
    "project",
)
#: BibBase's link fields (``url_<label>``, as a lab's ``.bib`` for BibBase
#: writes them) for each link kind, read when the entry has no field of its own.
_BIBBASE_LINKS: Final = {
    "pdf": ("url_pdf",),
    "arxiv": ("url_arxiv",),
    "url": ("url_paper", "url_link", "url_html"),
    "code": ("url_code",),
    "slides": ("url_slides", "url_presentation"),
    "poster": ("url_poster",),
    "video": ("url_video",),
    "project": ("url_project", "url_website"),
}
#: Fields that only say how the site shows an entry: left out of its BibTeX.
_SITE_FIELDS: Final = frozenset(
    {"selected", "pdf", "code", "slides", "poster", "video", "project", "website"}
    # al-folio's (its filtered_bibtex_keywords and the badges' ids): what its
    # pages show, no reader's reference manager wants.
    | {"abbr", "bibtex_show", "preview", "html", "arxiv", "supp", "blog"}
    | {"altmetric", "dimensions", "google_scholar_id", "inspirehep_id"}
    | {"award", "award_name", "additional_info", "annotation", "codecoming"}
)
#: Where an entry appeared, first field wins.
_VENUE_FIELDS: Final = (
    "journal",
    "journaltitle",  # biblatex's name for journal
    "booktitle",
    "school",
    "institution",
    "publisher",
    "howpublished",
    "organization",
)
_MONTHS: Final = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
#: biblatex's ``pubstate`` keys and the words its English styles print.
_PUBSTATES: Final = {
    "inpress": "in press",
    "submitted": "submitted",
    "forthcoming": "forthcoming",
    "inpreparation": "in preparation",
    "prepublished": "pre-published",
}
#: biblatex's ``date``: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, maybe a range.
_ISO_DATE: Final = re.compile(r"\s*(?P<year>\d{4})(?:-(?P<month>\d{2}))?")
#: An arXiv identifier named as such ("arXiv:2107.06263", "arXiv:hep-th/9901001").
_ARXIV_MENTION: Final = re.compile(
    r"\barXiv:\s*(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)\b",
    re.I,
)
#: Where an entry with no eprint names its arXiv identifier.
_ARXIV_MENTIONING_FIELDS: Final = ("journal", "booktitle", "howpublished", "note")
#: A character TeX escapes in a link (``10.1007/978-3-540-74510-5\_14``).
_TEX_ESCAPE_IN_LINK: Final = re.compile(r"\\([_%&#$])")
#: Characters TeX writes as commands in a link (``\textasciitilde{}`` for
#: ``~``, as JabRef does), braced, ended by ``{}`` or by a non-letter.
_TEX_COMMANDS_IN_LINKS: Final = {
    "textasciitilde": "~",
    "textunderscore": "_",
    "textquotesingle": "'",
}
_TEX_COMMAND_IN_LINK: Final = re.compile(
    r"\{\\(%s)\}|\\(%s)(?:\{\}|(?![A-Za-z]))|\{\\(~)\}|\\(~)\{\}"
    % (("|".join(_TEX_COMMANDS_IN_LINKS),) * 2)
)
#: A character Mendeley writes braced in a link (``{&}``, ``{%}``, ``{\_}``).
_BRACED_IN_LINK: Final = re.compile(r"\{([_%&#$~])\}")
#: A link written in ``\url{...}`` inside its field.
_URL_COMMAND: Final = re.compile(r"\s*\\url\s*\{(.*)\}\s*", re.S)


def _tex_free_link(value: str) -> str:
    r"""Return a link field's address without TeX's escapes and ``\url{}``.

    Mendeley's braced characters (``{&}``, ``{%}``, ``{\_}``) are the characters.
    """
    if "\\" not in value and "{" not in value:
        return value
    wrapped = _URL_COMMAND.fullmatch(value)
    if wrapped:
        value = wrapped[1]
    value = _TEX_COMMAND_IN_LINK.sub(
        lambda m: _TEX_COMMANDS_IN_LINKS.get(m[1] or m[2] or "", "~"), value
    )
    value = _TEX_ESCAPE_IN_LINK.sub(r"\1", value)
    return _BRACED_IN_LINK.sub(r"\1", value)


#: hyperref's ``\href{address}{text}`` (the text may hold one level of
#: braces; some files give no text at all).
_HREF: Final = re.compile(
    r"\\href\s*\{(?P<address>[^{}]*)\}(?:\s*\{(?P<text>(?:[^{}]|\{[^{}]*\})*)\})?"
)


def _href_text(match: re.Match[str]) -> str:
    r"""Return what ``\href`` prints: its text, braced, else its address."""
    if match["text"] is not None:
        return "{" + match["text"] + "}"
    return "{" + _tex_free_link(match["address"]).replace("%", "\\%") + "}"


def _href_address(value: str) -> str:
    r"""Return the address of a field that is one ``\href{...}{...}``, else ``""``."""
    match = _HREF.fullmatch(value.strip())
    return _tex_free_link(match["address"].strip()) if match else ""


#: An address written without its scheme (``dl.acm.org/citation.cfm?id=1``,
#: ``www.example.org``), as Mendeley keeps it; not a file of the site
#: (``paper.pdf``, ``talks/2020.key``): a host name, then a ``/``; or a
#: host name alone under a generic domain (``insights.ovid.com``, as a
#: Zotero export has it), which no file name ends in.
_HOST_FIRST: Final = re.compile(
    r"(?:www\.[\w-]+(?:\.[\w-]+)+(?:[/?#]|$)|[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,24}/"
    r"|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|edu|gov|int|info)$)",
    re.I,
)
#: Where a link field holding several addresses is cut between them.
_BETWEEN_ADDRESSES: Final = re.compile(r"[\s,;]*[,;\s](?=https?://)")


def addresses_in(value: str) -> list[str]:
    """Return the addresses of a link field holding several (``a, b``), else [value].

    ``url = {https://doi.org/..., https://docs.google.com/...}``, as a lab's
    file writes two links in one field: they are separated by spaces,
    commas or semicolons before each ``http(s)://``.
    """
    parts = [part for part in _BETWEEN_ADDRESSES.split(value.strip()) if part]
    return parts or [value]


#: A link field that is one word, no address nor file name (``{EagleEye}``).
_A_BARE_WORD: Final = re.compile(r"[^\s./:#?]+")
#: A field that is one web address and nothing else.
_WEB_ADDRESS: Final = re.compile(r"https?://\S+")
#: Characters no link holds (HTML pasted into a field, say).
_NOT_IN_ADDRESSES: Final = re.compile(r'[<>"]')
#: HTML in a field: a tag, not a ``<`` that belongs to the value.
_HTML_IN_FIELD: Final = re.compile(r"</?[A-Za-z][^<>]*>|\bhref\s*=", re.I)
#: What a link's address writes %-encoded (a space, and a DOI's < > ").
_ENCODED_IN_LINKS: Final = str.maketrans(
    {" ": "%20", "<": "%3C", ">": "%3E", '"': "%22"}
)
_TRUE_WORDS: Final = frozenset({"true", "yes", "1", "selected"})
#: The start of an entry: ``@type{key,`` (or with a parenthesis), wherever
#: it is, as BibTeX and pybtex read it (after a ``}`` on the same line, or
#: after a ``%``, which BibTeX does not take for a comment).
_ENTRY_START: Final = re.compile(r"(?<![\w@])@[ \t]*(\w+)[ \t]*[{(]\s*([^,\s{}()]+)")
_NOT_ENTRIES: Final = frozenset({"comment", "string", "preamble"})
#: An entry written without its key (``@article{,``, as Mendeley writes one
#: it has no key for).
_KEYLESS_START: Final = re.compile(r"(?<![\w@])@[ \t]*(\w+)[ \t]*[{(]\s*,")
_COMMAND_BEFORE_BRACE: Final = re.compile(r"\\[A-Za-z]+\s*(?=\{(?!\}))")
#: A command without argument; latexcodec writes a space after it ("\\TeX .").
_COMMAND: Final = re.compile(r"\\([A-Za-z]+)(?: (?=[.,;:!?)\]]))?")
_BARE_PERCENT: Final = re.compile(r"(?<!\\)%")
#: Escaped characters latexcodec leaves as they are, kept aside while it runs.
_ESCAPED_SPECIALS: Final = {"\\$": "\ue000", "\\{": "\ue001", "\\}": "\ue002"}
_RESTORED_SPECIALS: Final = str.maketrans(
    {"\ue000": "$", "\ue001": "{", "\ue002": "}", "\ue003": "\\"}
)
#: A formula its user typed, as Mendeley escapes it: ``{\$}253{\$}``,
#: ``{\$}\backslashtau=1{\$}``, ``{\$}1{\^{}}{\{}st{\}}{\$}``.
_MENDELEY_MATH: Final = re.compile(r"\{\\\$\}((?:(?!\{\\\$\}).){1,80}?)\{\\\$\}")
#: Mendeley's escapes inside such a formula, and the TeX they stand for.
_MENDELEY_MATH_ESCAPES: Final = (
    (re.compile(r"\$?\\backslash\$?"), "\\"),
    (re.compile(r"\{\\\^\{\}\}"), "^"),
    (re.compile(r"\{\\_\}"), "_"),
    (re.compile(r"\{\\\{\}"), "{"),
    (re.compile(r"\{\\\}\}"), "}"),
)


def _mendeley_math(match: re.Match[str]) -> str:
    r"""Return a formula Mendeley escaped as the ``$...$`` its user typed.

    Words without TeX between two dollar signs ("{\$}5 and {\$}10") are
    no formula: they stay dollar signs.
    """
    formula = match[1]
    if " " in formula and not re.search(r"backslash|\^|_", formula):
        return match[0]
    for escape_, tex in _MENDELEY_MATH_ESCAPES:
        formula = escape_.sub(lambda _, tex=tex: tex, formula)
    return f"${formula}$"


#: Mendeley's escapes of what its user typed, undone: the TeX they typed
#: (``$\backslash$textit{\{}C. elegans{\}}``, their braces protecting case
#: ``{\{}RTAC{\}}``, their tie ``{\~{}}``); a ``$\backslash$`` before no
#: command is a backslash (a mark kept until the end), and
#: ``$\backslash$n`` (the ``\n`` of a pasted abstract) a line break.
_MENDELEY_ESCAPE: Final = re.compile(
    r"(?P<command>\$\\backslash\$(?=[A-Za-z]+\{\\\{\}))"
    r"|(?P<newline>\$\\backslash\$n)"
    r"|(?P<backslash>\$\\backslash\$)"
    r"|(?P<open>\{\\\{\})|(?P<close>\{\\\}\})|(?P<tie>\{\\~\{\}\})"
)
#: Escaped braces around one word (``\{EEG\}``, ``\{NPG\} Neurologie``):
#: ScienceDirect's export of the braces that protect an acronym's case.
_ESCAPED_PROTECTION: Final = re.compile(r"(?<!\\)\\\{([A-Za-z0-9][A-Za-z0-9+.'-]*)\\\}")
#: A TeX command whose backslash Better BibTeX escaped (``\textbackslash
#: emph\{a prior\}``, from a NASA ADS abstract in Zotero), after the
#: backslash became its mark: with a braced argument, or not; a ``\u2019``
#: escape; an escaped character (``\textbackslash\%``); and a ``\n``
#: before a word (``design\textbackslash nof``), a line break.
_BBT_COMMAND: Final = re.compile(
    "\ue003(?:u(?P<code>[0-9a-fA-F]{4})"
    "|(?P<name>[A-Za-z]+)(?:\\\\\\{(?P<argument>[^{}\\\\]*)\\\\\\})?"
    "|(?P<escaped>\\\\[%&#_$]))"
)
#: What a command Better BibTeX escaped stands for, when its name is known.
_BBT_TEXT_COMMANDS: Final = frozenset(
    {"emph", "textit", "textbf", "textsc", "textrm", "text", "mathrm", "mathit"}
    | {"mathbf", "mathcal", "underline"}
)
#: Better BibTeX's escape of a relation an abstract wrote as math: ``\${$>\$$}``.
_BBT_ESCAPED_RELATION: Final = re.compile(r"\\\$\{\$([<>=])\\\$\$\}")


def _bbt_command(match: re.Match[str]) -> str:
    """Return what one command Better BibTeX escaped stands for (see above)."""
    if match["code"]:
        return chr(int(match["code"], 16))
    if match["escaped"]:
        return match["escaped"]  # \% as TeX has it: the decoder makes it %
    name, argument = match["name"], match["argument"]
    if name in _BBT_TEXT_COMMANDS and argument is not None:
        return argument
    if argument is None and name in SYMBOLS:
        return SYMBOLS[name]
    if argument is None and name.startswith("n") and name[1:] not in SYMBOLS:
        return " " + name[1:]  # "\nof the mission": a line break
    return match[0]


def _bbt_unescaped(text: str) -> str:
    """Return ``text`` with the TeX Better BibTeX escaped read (see _BBT_COMMAND)."""
    text = _BBT_ESCAPED_RELATION.sub(r"\1", text)
    text = _ESCAPED_BREAK.sub(" ", text)  # "\r\n" before a capital, say
    return _BBT_COMMAND.sub(_bbt_command, text)


#: A line break written as text, ``\r\n`` or ``\n`` not starting a word
#: (Better BibTeX's ``\textbackslash{}r\textbackslash{}n``, from an
#: abstract pasted into Zotero), after the backslashes became marks.
_ESCAPED_BREAK: Final = re.compile("(?:\ue003r)?\ue003n(?![a-z])")
_MENDELEY_MEANINGS: Final = {
    "command": "\\",
    "newline": " ",
    "backslash": "\ue003",
    "open": "{",
    "close": "}",
    "tie": "~",
}
#: The Cyrillic letters' commands of LaTeX's T2A encoding (``{\CYRP}{\cyrr}``),
#: as NASA ADS's BibTeX writes a Cyrillic title or name.
_CYRILLIC_CAPITALS: Final = dict(
    zip(
        re.findall(
            r"\w+",
            "A B V G D E YO ZH Z I ISHRT K L M N O P R S T U F H C CH SH SHCH"
            " HRDSN ERY SFTSN EREV YU YA DJE IE DZE II YI JE LJE NJE TSHE"
            " USHRT DZHE GUP",
        ),
        "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯЂЄЅІЇЈЉЊЋЎЏҐ",
        strict=True,
    )
)
_CYRILLIC: Final = {
    **{f"CYR{name}": letter for name, letter in _CYRILLIC_CAPITALS.items()},
    **{
        f"cyr{name.lower()}": letter.lower()
        for name, letter in _CYRILLIC_CAPITALS.items()
    },
}
#: Text symbol commands latexcodec does not know (Zotero's, bioRxiv's and
#: DBLP's exports write them: ``Life{\textquoteright}s``), and their characters;
#: a dollar sign and braces as the escaped specials' marks.
_TEXT_SYMBOLS: Final = {
    "textquoteleft": "\u2018",
    "textquoteright": "\u2019",
    "textquotedblleft": "\u201c",
    "textquotedblright": "\u201d",
    "textquotesingle": "'",
    "textquotedbl": '"',
    "textunderscore": "_",
    "textasciicircum": "^",
    "textasciigrave": "`",
    "textbar": "|",
    "textless": "<",
    "textgreater": ">",
    "textellipsis": "\u2026",
    "textmu": "\u00b5",
    "texttimes": "\u00d7",
    "textsection": "\u00a7",
    "textparagraph": "\u00b6",
    "textdagger": "\u2020",
    "textonehalf": "\u00bd",
    "texteuro": "\u20ac",
    "textdollar": "\ue000",
    "textbackslash": "\ue003",
    "textbraceleft": "\ue001",
    "textbraceright": "\ue002",
    # The rest of NASA ADS's text symbols (adsabs/export_service's
    # latexencode table: what its BibTeX writes for these characters).
    **dict(
        zip(
            re.findall(
                r"\w+",
                "textexclamdown textquestiondown textcent textcurrency"
                " textbrokenbar textordfeminine textordmasculine textlnot"
                " textonequarter textthreequarters textdiv textdaggerdbl"
                " textperthousand textpertenthousand textcelsius textnumero"
                " textohm textmho textleftarrow textrightarrow textuparrow"
                " textdownarrow textbardbl guilsinglleft guilsinglright"
                " quotesinglbase quotedblbase textreferencemark textinterrobang"
                " textfractionsolidus textasteriskcentered textflorin textbaht"
                " textlira textwon textnaira textpeso textdong textcolonmonetary"
                " textestimated textrecipe textservicemark textcircledP"
                " textlangle textrangle textopenbullet textbigcircle"
                " textmusicalnote textvisiblespace textasciimacron textasciiacute"
                " textasciidieresis textasciicaron textasciibreve textacutedbl"
                " IJ ij NG ng",
            ),
            "¡¿¢¤¦ªº¬¼¾÷‡‰‱℃№Ω℧←→↑↓‖‹›‚„※‽⁄⁎ƒ฿₤₩₦₱₫₡℮℞℠℗〈〉◦◯♪␣¯´¨ˇ˘˝ĲĳŊŋ",  # noqa: RUF001
            strict=True,
        )
    ),
    "textcompwordmark": "",
    **_CYRILLIC,
}
#: One of them: braced (``{\textquoteright}``, the space after it kept) or not
#: (``\textquoteright s``: TeX skips the spaces after a control word; ``{}`` ends it).
_TEXT_SYMBOL: Final = re.compile(
    r"\{\\(%s)\}|\\(%s)(?![A-Za-z])(?:\{\}|[ \t]*)" % (("|".join(_TEXT_SYMBOLS),) * 2)
)
_LATEX_MARKS: Final = re.compile(r"[\\{}~`'$-]")
#: ``\,``, ``\;``, ``\:`` and ``\ `` (spaces of one size or another): a space;
#: so are ``\hspace{...}``, ``\enskip``, ``\quad`` (NASA ADS writes its thin
#: and en spaces so, one ``\hsapce`` misspelt).
_CONTROL_SPACE: Final = re.compile(
    r"(?<!\\)\\[,;: ]|\\(?:hspace|hsapce)\*?\s*\{[^{}]*\}"
    r"|\\(?:enskip|enspace|quad|qquad|thinspace)(?![A-Za-z])"
)
#: ``\-`` (a hyphenation point), ``\/`` (italic correction), ``\@``, ``\!``: nothing.
_INVISIBLE_COMMAND: Final = re.compile(r"(?<!\\)\\[-/@!]")
#: TeX's accent commands and the combining marks they put on a letter.
_ACCENTS: Final = {
    "`": "\u0300",
    "'": "\u0301",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    "u": "\u0306",
    ".": "\u0307",
    '"': "\u0308",
    "r": "\u030a",
    "H": "\u030b",
    "v": "\u030c",
    "d": "\u0323",
    "c": "\u0327",
    "k": "\u0328",
    "b": "\u0331",
}
#: An accent on a dotless i or j without braces (``\"\i``), even run into
#: the next letter (``Beno\^\it``, ``Mar\'\ia``: TeX would read ``\it``), as
#: Mendeley writes them.
_ACCENT_ON_DOTLESS: Final = re.compile(r"\\([`'^\"~=.])\\([ij])")
#: TeX's dotless i and j (``\i``, ``\j``), as the letters an accent goes on.
_DOTLESS: Final = {"\u0131": "i", "\u0237": "j"}
#: An accent command on one letter: ``\'{y}``, ``\'y``, ``\v{z}``, ``\v z``.
_ACCENT: Final = re.compile(
    r"\\(?:(?P<symbol>[`'^~=.\"])|(?P<word>[uvHrdckb])(?![A-Za-z]))"
    r"\s*(?:\{\s*(?P<braced>\w)\s*\}|(?(symbol)|\s)(?P<bare>\w))"
)
_SPACES: Final = re.compile(r"[ \t\r\n]+")
#: What latexcodec decodes in text without commands (its table's "chars" tokens).
_LIGATURES: Final = {
    "---": "\u2014",
    "--": "\u2013",
    "``": "\u201c",
    "''": "\u201d",
    ",,": "\u201e",
    "~": "\u00a0",
    "!`": "\u00a1",
    "?`": "\u00bf",
}
_LIGATURE: Final = re.compile("|".join(map(re.escape, _LIGATURES)))
#: A ``%`` that starts a LaTeX comment: after an even number of backslashes.
_COMMENT_PERCENT: Final = re.compile(r"(?<!\\)(?:\\\\)*%")
#: A word: a run of characters other than white space.
_WORD: Final = re.compile(r"\S+")
#: A word ending in a command, whose argument may be the next word (``\c c``).
_ENDS_IN_COMMAND: Final = re.compile(r"\\(?:[A-Za-z]+|[^A-Za-z\s])$")
#: A word ending in a backslash that escapes nothing in it.
_ENDS_IN_BACKSLASH: Final = re.compile(r"(?<!\\)(?:\\\\)*\\$")
#: Marks after a name for equal contribution or correspondence: not its letters.
_MARK_CHARACTERS: Final = "*†‡§¶#"
_CONTRIBUTION_MARKS: Final = str.maketrans(dict.fromkeys(_MARK_CHARACTERS, None))
_COMMENT_START: Final = re.compile(r"@[ \t]*comment[ \t]*\{", re.I)
#: A line whose first character other than a space or tab is ``%``.
_PERCENT_LINE: Final = re.compile(r"^[ \t]*%[^\n]*", re.M)
_STRING_START: Final = re.compile(r"@[ \t]*string[ \t]*[{(]", re.I)
_BRACE: Final = re.compile(r"[{}]")
#: Text after an entry's closing brace that is a field of it (a stray ``}``).
#: Its runs of white space are possessive (``*+``): the text after an entry
#: can be a long blank, where the entries read from the cache were, and two
#: backtracking runs around the optional comma made the match quadratic.
_FIELD_AFTER_ENTRY: Final = re.compile(r"\s*+,?\s*+[A-Za-z][\w.:+-]*+\s*+=")
_FIELD_NAME: Final = re.compile(r"(?:^|[,\s])([A-Za-z][\w.:+-]*)\s*=")
#: A block that changes how later entries read: a macro or a preamble.
_MACRO_OR_PREAMBLE: Final = re.compile(r"@[ \t]*(?:string|preamble)\b", re.I)

#: Parsed entries kept between reads of a file, by :func:`_entry_keys`:
#: an entry whose text and macros are unchanged is not parsed again.
EntryCache = MutableMapping[str, Entry]


class BibliographyError(ValueError):
    """A ``.bib`` file cannot be read: the message names the file, line and key."""


@dataclass(frozen=True)
class Reference:
    """One entry of a bibliography, every text as Unicode.

    ``fields`` holds every field (lowercase names) as Unicode text, the
    crossref parent's included; ``persons`` maps a role (``author``,
    ``editor``) to its names, "Given Family", in order. ``bibtex`` is the
    entry as a self-contained BibTeX record a reader can copy (macros
    expanded, crossref fields inlined, the site's own fields left out).
    """

    key: str
    entry_type: str
    fields: Mapping[str, str]
    persons: Mapping[str, tuple[str, ...]]
    bibtex: str
    path: Path
    line: int
    _family_names: Mapping[str, tuple[str, ...]] = field(
        default_factory=dict, repr=False
    )

    def __hash__(self) -> int:
        """Hash by key and file (the fields are dicts): a key is unique."""
        return hash((self.key, self.path))

    @property
    def title(self) -> str:
        """The title, or an empty string."""
        return self.fields.get("title", "")

    @property
    def shown_title(self) -> str:
        r"""What the pages show as the title: the title, else its address or note.

        An entry with a link and no title (``@misc{k, url = {https://...}}``,
        ``howpublished = {\url{...}}``, as a web page or a data set is often
        cited) shows its address without the scheme (``example.org/data``),
        as citation styles print it; one without a link its ``note``;
        ``""`` when it has neither (the pages show its key).
        """
        return self.title or self.untitled_fallback[1]

    @property
    def untitled_fallback(self) -> tuple[str, str]:
        """Return ("address" or "note", its text) an untitled entry shows, or empty."""
        address = self.links.get("url", "")
        if address.startswith(("http://", "https://")):
            return "address", shown_address(address)
        note = self.fields.get("note", "")
        return ("note", note) if note else ("", "")

    @property
    def authors(self) -> tuple[str, ...]:
        """The authors' names, or the editors' when there are no authors."""
        return self.persons.get("author") or self.persons.get("editor") or ()

    @property
    def year(self) -> int | None:
        """The year as a number, or None when it is missing or not a number.

        From ``year``, else from biblatex's ``date`` (``2023``, ``2023-05``,
        ``2023-05-17``, a range ``2023/2024`` giving its start).
        """
        match = re.search(r"\d{4}", self.fields.get("year", ""))
        if match:
            return int(match.group())
        date = _ISO_DATE.match(self.fields.get("date", ""))
        return int(date["year"]) if date else None

    @property
    def year_text(self) -> str:
        """The year as the entry writes it (``2024``, ``in press``), else its date's.

        Without either, biblatex's ``pubstate`` (``in press``, ``submitted``),
        as APA cites an accepted work: "(Doe, in press)".
        """
        written = self.fields.get("year", "")
        if written:
            return written
        return self.pubstate if self.year is None else str(self.year)

    @property
    def pubstate(self) -> str:
        """The publication state: biblatex's ``pubstate``, in words ("in press")."""
        state = self.fields.get("pubstate", "").strip()
        return _PUBSTATES.get(state.casefold(), state)

    @property
    def month(self) -> int | None:
        """The month, 1 to 12, from a name, a macro (``jan``) or a number.

        Without a ``month``, from biblatex's ``date`` (``2023-05``) when the
        ``year``, if any, is the date's.
        """
        text = self.fields.get("month", "").strip().casefold().rstrip(".")
        if text.isdigit() and 1 <= int(text) <= 12:
            return int(text)
        date = _ISO_DATE.match(self.fields.get("date", ""))
        if not text and date and date["month"] and int(date["year"]) == self.year:
            # The date's month, unless a year field says another year.
            return int(date["month"]) if 1 <= int(date["month"]) <= 12 else None
        return _MONTHS.get(text)

    @property
    def venue(self) -> str:
        """Where it appeared: journal, booktitle, school, ..., publisher.

        A field that is one web address (Mendeley's journal for a web page)
        is the entry's link, not its venue; nor is a field that repeats the
        title (a ``@proceedings`` gives its title as ``booktitle`` too, for
        its papers to inherit).
        """
        title = self.title.casefold()
        for name in _VENUE_FIELDS:
            value = self.fields.get(name, "")
            if (
                value
                and not _WEB_ADDRESS.fullmatch(value)
                and value.casefold() != title
            ):
                return value
        if self.links.get("arxiv"):
            return "arXiv"
        return ""

    @property
    def abstract(self) -> str:
        """The abstract, or an empty string."""
        return self.fields.get("abstract", "")

    @property
    def selected(self) -> bool:
        """Whether the entry has ``selected = {true}`` (or yes, 1)."""
        return self.fields.get("selected", "").strip().casefold() in _TRUE_WORDS

    @property
    def links(self) -> dict[str, str]:
        r"""The links present, kind to URL, in :data:`LINK_KINDS` order.

        A DOI becomes ``https://doi.org/...``; an arXiv identifier (an
        ``arxiv`` field, or ``eprint`` with ``archiveprefix = arXiv`` or no
        prefix, else "arXiv:..." in the journal, booktitle, howpublished or
        note) becomes ``https://arxiv.org/abs/...``; ``website`` counts as
        ``project``, ``html`` (al-folio's) and a ``howpublished`` that is a
        web address (``\url{...}``) as ``url``; BibBase's
        ``url_pdf``, ``url_paper``, ``url_code``... count when the entry has
        no field of the kind (:data:`_BIBBASE_LINKS`). Other values (URLs
        or site paths) are kept as written, a space written ``%20``, TeX's
        escapes (``\_``, ``\%``, ``\&``, ``\#``, as DBLP writes a DOI's
        underscore; ``\textasciitilde{}``) their characters, a
        ``\url{...}`` around it gone, ``https://`` before an address
        written without its scheme (``dl.acm.org/...``, ``www.x.org``). A value
        that cannot be an address (HTML such as ``doi:<a href=...>``, see
        :func:`not_an_address`) is the one address its HTML links to
        (:func:`pasted_link`), else no link: reading the file warned about it.
        A ``url`` that is the DOI's address (DOIs ignore case) is no second link.
        """
        found: dict[str, str] = {}
        for kind in LINK_KINDS:
            value = self._one_address(kind, found.get("doi", ""))
            if value and not_an_address(value, kind):
                value = pasted_link(value)
            if _A_BARE_WORD.fullmatch(value) and kind not in ("doi", "arxiv"):
                continue  # project = {EagleEye}: a name, no address or file
            if value and not not_an_address(value, kind):
                if _HOST_FIRST.match(value):  # dl.acm.org/citation.cfm?id=...
                    value = "https://" + value
                found[kind] = value.translate(_ENCODED_IN_LINKS)
        if "doi" in found and "url" in found and _same_doi(found["url"], found["doi"]):
            del found["url"]  # DBLP and Mendeley write the DOI as the url too
        if (
            "arxiv" in found
            and "url" in found
            and _same_arxiv(found["url"], found["arxiv"])
        ):
            del found["url"]  # arXiv's own BibTeX: its abstract page as url
        return found

    def _one_address(self, kind: str, doi_link: str) -> str:
        """Return the address of a link field, the first of several (not the DOI's)."""
        value = _tex_free_link(self._link(kind))
        several = addresses_in(value)
        if len(several) < 2:  # one address, or none
            return value
        other = [one for one in several if not _same_doi(one, doi_link)]
        return (other or several)[0]

    def _link(self, kind: str) -> str:
        own = self._own_link(kind)
        if own:
            return own
        names = _BIBBASE_LINKS.get(kind, ())
        return next((v for n in names if (v := self.fields.get(n, "").strip())), "")

    def _own_link(self, kind: str) -> str:
        value = self.fields.get(kind, "").strip()
        if kind == "doi" and not value and _DOI.fullmatch(self.key):
            value = self.key  # Springer's and ACM's: the entry named by its DOI
        if kind == "doi" and value:
            doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", value, flags=re.I)
            return f"https://doi.org/{doi}"
        if kind == "arxiv":
            identifier = value or self._arxiv_identifier()
            if identifier and not identifier.startswith(("http://", "https://")):
                return f"https://arxiv.org/abs/{identifier.removeprefix('arXiv:')}"
            return identifier
        if kind == "project" and not value:
            return self.fields.get("website", "").strip()
        if kind == "url" and not value:  # al-folio's field for the paper's page
            value = self.fields.get("html", "").strip()
        if kind == "url" and not value:  # BibTeX's way: howpublished = {\url{...}}
            return self._venue_link()
        return value

    def _arxiv_identifier(self) -> str:
        """Return the arXiv identifier the entry gives without an ``arxiv`` field.

        From ``eprint`` (with ``archiveprefix``, biblatex's ``eprinttype``, or
        neither), arXiv's DOI (``10.48550/arXiv.2205.13284``), Semantic
        Scholar's ``volume = {abs/2402.16370}`` in the journal "ArXiv", or an
        "arXiv:1911.10484" in the journal, booktitle, howpublished or note
        (Google Scholar's "arXiv preprint arXiv:1911.10484").
        """
        prefix = (
            self.fields.get("archiveprefix") or self.fields.get("eprinttype") or "arxiv"
        ).casefold()
        eprint = self.fields.get("eprint", "").strip()
        if eprint and prefix == "arxiv":
            return eprint
        arxiv_doi = _ARXIV_DOI.match(self.fields.get("doi", "").strip())
        if arxiv_doi:
            return arxiv_doi[1]
        volume = _ARXIV_VOLUME.fullmatch(self.fields.get("volume", "").strip())
        if volume and self.fields.get("journal", "").strip().casefold() in (
            _ARXIV_JOURNALS
        ):
            return volume[1]
        return next(
            (
                found[1]
                for name in _ARXIV_MENTIONING_FIELDS
                if (found := _ARXIV_MENTION.search(self.fields.get(name, "")))
            ),
            "",
        )

    def _venue_link(self) -> str:
        r"""Return the web address a venue field is, ``\href`` links, or ``""``.

        BibTeX's way for a web page is ``howpublished = {\url{...}}``;
        Mendeley writes it as the ``journal``; some files write a paper's
        address as its ``note`` (``note = {\url{https://openreview.net/...}}``).
        """
        for name in ("howpublished", *_VENUE_FIELDS, "note"):
            value = self.fields.get(name, "").strip()
            if _WEB_ADDRESS.fullmatch(value):
                return value
        return self.fields.get(_HREF_ADDRESS, "")

    def family_names(self, role: str = "author") -> tuple[str, ...]:
        """Return the family names ("von Last, Jr") of the persons in ``role``."""
        return self._family_names.get(role, ())


def shown_address(address: str) -> str:
    """Return a web address as a title shows it: no scheme, no final ``/``."""
    return re.sub(r"^https?://", "", address, flags=re.I).rstrip("/")


class Bibliography(Mapping[str, Reference]):
    """References by key, in the order of the files and of their entries."""

    def __init__(self, references: Iterable[Reference] = ()) -> None:
        """Hold ``references``; their keys must differ."""
        self._references = {reference.key: reference for reference in references}

    def __getitem__(self, key: str) -> Reference:
        """Return the reference with this key (exact case)."""
        return self._references[key]

    def __iter__(self) -> Iterator[str]:
        """Iterate over the keys in file order."""
        return iter(self._references)

    def __len__(self) -> int:
        """Return how many references there are."""
        return len(self._references)

    @property
    def selected(self) -> list[Reference]:
        """The references marked ``selected``, in file order."""
        return [ref for ref in self._references.values() if ref.selected]


def bibliography_paths(
    content_path: str | Path, patterns: str | Iterable[str]
) -> list[Path]:
    """Return the ``.bib`` files ``patterns`` (globs under ``content_path``) name.

    Sorted within each pattern; a pattern that matches nothing (a missing
    folder) gives no file.
    """
    if isinstance(patterns, str):
        patterns = [patterns]
    paths: list[Path] = []
    for pattern in patterns:
        # glob.glob, not Path.glob: a pattern may be an absolute path too.
        names = glob.glob(str(Path(content_path, pattern)), recursive=True)  # noqa: PTH207
        paths += [Path(name) for name in sorted(names)]
    return list(dict.fromkeys(paths))


def load_bibliography(
    paths: Iterable[str | Path], entry_cache: EntryCache | None = None
) -> Bibliography:
    """Read the ``.bib`` files at ``paths`` into one :class:`Bibliography`.

    Raises :class:`BibliographyError` for a file it cannot read. A malformed
    entry (a syntax error) is left out, with an error naming the file, line
    and key, and the others are read, as BibTeX and Pelican (for a post it
    cannot read) go on. What BibTeX reads with a warning is read with a warning
    naming the file, line and key: a field given twice (the first kept), a
    name list with too many commas, a key defined twice (see
    :func:`_listed_once`). A ``crossref`` may name an entry of another file;
    one that names no entry is a warning. As in BibTeX, a file's ``@string``
    macros are defined for the files after it too (``abbrev.bib`` listed
    first, then the papers that use its journal names); a file using a macro
    that only a later file defines is read after that file.

    With an ``entry_cache``, an entry whose text, and the macros it is read
    with, are those of an entry parsed before is taken from it instead of
    being parsed again (one edited entry of a large file is then the only
    one parsed); entries of a read without problems are added to it.
    """
    parsed = _listed_once(
        _read_files_in_macro_order(list(map(Path, paths)), entry_cache)
    )
    entries = {entry.key.casefold(): entry for entry in parsed}
    references = [_reference(entry, entries) for entry in parsed]
    _warn_about_links(references)
    _warn_about_several_addresses(references)
    _warn_about_titles(references)
    return Bibliography(references)


#: Month words Crossref's BibTeX writes unquoted (``month=July``, ``month=June``,
#: ``month=Sept``), macros as BibTeX's ``jul`` is: the month's name.
_MONTH_WORDS: Final = {
    **{name.casefold(): name for name in month_names.values()},
    "sept": month_names["sep"],
}


def _read_files_in_macro_order(
    paths: list[Path], entry_cache: EntryCache | None = None
) -> list[_Parsed]:
    """Parse ``paths``, each file's macros defined for the others, in file order.

    Files are parsed in order; one that uses a macro no earlier file defines
    is put back and parsed again once the others are, until no file is left
    or none makes progress. Those left are then read as BibTeX reads them:
    each undefined macro is a warning, and an empty value.
    """
    macros: dict[str, str] = {**month_names, **_MONTH_WORDS}
    read: dict[Path, list[_Parsed]] = {}
    waiting = list(dict.fromkeys(paths))
    while waiting:
        undefined = []
        for path in waiting:
            try:
                read[path] = _read_file(
                    path, macros, undefined_macros=False, entry_cache=entry_cache
                )
            except _UndefinedMacroError:
                undefined.append(path)
        if len(undefined) == len(waiting):
            for path in undefined:
                read[path] = _read_file(
                    path, macros, undefined_macros=True, entry_cache=entry_cache
                )
            break
        waiting = undefined
    return [entry for path in dict.fromkeys(paths) for entry in read[path]]


def _listed_once(parsed: Iterable[_Parsed]) -> list[_Parsed]:
    """Resolve keys defined twice (ignoring case), warning and naming both places.

    BibTeX and biber keep the first entry; jekyll-scholar lists both. Here
    a second entry that is a copy of the first (same type, fields and
    names) is dropped; a different one is kept under a new key (``key-2``),
    so the publications list shows every entry, and ``[@key]`` cites the first.
    """
    entries = list(parsed)
    taken = {entry.key.casefold() for entry in entries}
    first: dict[str, _Parsed] = {}
    kept: list[_Parsed] = []
    for entry in entries:
        earlier = first.setdefault(entry.key.casefold(), entry)
        if earlier is entry:
            kept.append(entry)
            continue
        where = f"{entry.path}:{entry.line}: key {entry.key!r}"
        also = f"is already defined at {earlier.path}:{earlier.line}"
        if _same_entry(entry.entry, earlier.entry):
            logger.warning("%s %s, with the same fields: listed once", where, also)
            continue
        number = 2
        while f"{entry.key}-{number}".casefold() in taken:
            number += 1
        renamed = f"{entry.key}-{number}"
        taken.add(renamed.casefold())
        logger.warning(
            "%s %s: this entry is listed as %r, and [@%s] cites the first",
            where,
            also,
            renamed,
            entry.key,
        )
        kept.append(replace(entry, key=renamed))
    return kept


def _is_bookkeeping(field_name: str) -> bool:
    """Tell whether a field only records a reference manager's bookkeeping."""
    name = field_name.casefold()
    return name in _BOOKKEEPING_FIELDS or name.startswith(_BOOKKEEPING_PREFIXES)


def _same_entry(entry: Entry, other: Entry) -> bool:
    """Tell whether two pybtex entries have the same type, fields and names.

    Fields a reference manager keeps for itself (BibDesk's ``date-added``,
    Zotero's ``urldate``, JabRef's ``timestamp``, ...) do not count: a copy
    exported again is the same paper.
    """

    def content(item: Entry) -> tuple[object, ...]:
        return (
            item.type.casefold(),
            sorted(
                (name.casefold(), value)
                for name, value in item.fields.items()
                if not _is_bookkeeping(name)
            ),
            sorted(
                (role.casefold(), [str(person) for person in people])
                for role, people in item.persons.items()
            ),
        )

    return content(entry) == content(other)


@dataclass(frozen=True)
class _Parsed:
    """A pybtex entry and where it is."""

    key: str
    entry: Entry
    path: Path
    line: int


def _entry_starts(text: str) -> list[tuple[int, str, int]]:
    """Return each entry's (line, key, offset), in order; no macros or comments.

    ``text`` has its comments blanked out already (:func:`_without_comments`).
    """
    return [block for block in _block_starts(text) if not block[1].startswith("@")]


def _block_starts(text: str) -> list[tuple[int, str, int]]:
    """Return each block's (line, key, offset), in order: entries, ``@string``s...

    An ``@string`` or ``@preamble`` block is named ``"@string"``,
    ``"@preamble"``, an entry without a key ``"@article without a key"``.
    Lines are counted as the text is read, once (a large file has
    thousands of entries).
    """
    blocks = []
    line, counted = 1, 0
    starts = sorted(
        [*_ENTRY_START.finditer(text), *_KEYLESS_START.finditer(text)],
        key=lambda match: match.start(),
    )
    for match in starts:
        line += text.count("\n", counted, match.start())
        counted = match.start()
        kind = match.group(1).casefold()
        if match.re is _KEYLESS_START:  # BibTeX rejects it: named by its type
            name = f"@{match.group(1)} without a key"
        else:
            name = f"@{kind}" if kind in _NOT_ENTRIES else match.group(2)
        blocks.append((line, name, match.start()))
    return blocks


def _without_comments(text: str) -> str:
    """``text`` with each ``@comment{...}`` blanked out, newlines kept.

    biber and bibtexparser read the whole braced block as a comment; pybtex,
    like classic BibTeX, would read an entry written inside one.
    """
    pieces: list[str] = []
    position = 0
    for match in _COMMENT_START.finditer(text):
        if match.start() < position:
            continue
        depth, end = 0, match.end() - 1
        for end in range(match.end() - 1, len(text)):
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            if depth == 0:
                break
        block = text[match.start() : end + 1]
        pieces += [text[position : match.start()], re.sub(r"[^\n]", " ", block)]
        position = end + 1
    pieces.append(text[position:])
    return _without_percent_lines("".join(pieces))


def _without_percent_lines(text: str) -> str:
    """``text`` with each line that starts with ``%`` outside an entry blanked out.

    biber reads such a line as a comment, and authors comment entries out
    that way (``% @article{old, ...``); BibTeX would read the entry. Inside
    an entry's braces a ``%`` line is text and stays.
    """
    pieces: list[str] = []
    depth, position = 0, 0
    for match in _PERCENT_LINE.finditer(text):
        between = text[position : match.start()]
        depth += between.count("{") - between.count("}")
        pieces.append(between)
        line = match.group()
        pieces.append(" " * len(line) if depth <= 0 else line)
        depth += line.count("{") - line.count("}") if depth > 0 else 0
        position = match.end()
    pieces.append(text[position:])
    return "".join(pieces)


def _failing_entry(
    text: str,
    starts: list[tuple[int, str, int]],
    error: PybtexSyntaxError,
    offset: int | None,
) -> tuple[int, str]:
    """Return the (line, key) of the entry pybtex failed in, at ``offset`` in ``text``.

    pybtex notices an unclosed brace only at the next entry's ``@``: the
    failing entry is the last one that starts before the error's position.
    Without an offset, the error's line stands for it.
    """
    if offset is None:
        line = getattr(error, "lineno", 0) or 0
        offset = sum(len(row) + 1 for row in text.split("\n")[: max(line - 1, 0)])
    index = bisect.bisect_left([start for _line, _key, start in starts], offset)
    if index:
        return starts[index - 1][:2]
    return (getattr(error, "lineno", 0) or 0, "?")


def _parse(text: str, macros: dict[str, str]) -> BibliographyData:
    """Parse ``text`` with ``macros`` defined; add the macros it defines to them.

    Strict: what pybtex would only warn about raises (see :func:`_parse_leniently`).
    """
    parser = Parser(macros=macros)
    data = parser.parse_string(text)
    macros.update(parser.macros)
    return data


class _LenientParser(Parser):
    """pybtex's parser that reports problems instead of raising them.

    ``handle_error`` is the hook pybtex's parser reports syntax errors, an
    undefined macro and a field given twice through. A syntax error is kept
    with the offset it happened at (``syntax_errors``): pybtex then goes on
    with the rest of the file. The others are kept in ``problems``.
    """

    def __init__(self, macros: Mapping[str, str]) -> None:
        super().__init__(macros=macros)
        self.problems: list[PybtexError] = []
        self.syntax_errors: list[tuple[PybtexSyntaxError, int | None]] = []

    def process_entry(
        self, entry_type: str, key: str | None, fields: Iterable[tuple[str, list[str]]]
    ) -> None:
        """Read an entry, its ``keywords`` fields joined into one (see below)."""
        super().process_entry(entry_type, key, _keywords_joined(fields))

    def handle_error(self, error: PybtexError) -> None:
        if isinstance(error, PybtexSyntaxError) and not isinstance(
            error, UndefinedMacro
        ):
            offset = getattr(getattr(error, "parser", None), "pos", None)
            self.syntax_errors.append((error, offset))
        else:
            self.problems.append(error)


#: Fields a file may give once per item: repeated, they are one list.
_LIST_FIELDS: Final = frozenset({"keywords", "keyword"})


def _keywords_joined(
    fields: Iterable[tuple[str, list[str]]],
) -> list[tuple[str, list[str]]]:
    """Return an entry's fields with repeated ``keywords`` fields joined by commas.

    ScienceDirect writes one keyword per field (``keywords = "a", keywords =
    "b"``); BibTeX would keep the first only.
    """
    joined: list[tuple[str, list[str]]] = []
    first: dict[str, list[str]] = {}
    for name, values in fields:
        folded = name.casefold()
        if folded in _LIST_FIELDS and folded in first:
            first[folded] += [", ", *values]
            continue
        kept = list(values)
        if folded in _LIST_FIELDS:
            first[folded] = kept
        joined.append((name, kept))
    return joined


def _parse_leniently(text: str, macros: dict[str, str]) -> _LenientParser:
    """Parse as :func:`_parse`; return the parser, with its data and problems.

    A syntax error (pybtex skips on to the next entry), an undefined macro
    (an empty value), a field given twice (the first kept) and a name list
    with too many commas (the extra parts joined) are collected, not raised.
    """
    parser = _LenientParser(macros)
    with pybtex.errors.capture() as name_problems:  # Person reports through it
        parser.parse_string(text)
    macros.update(parser.macros)
    parser.problems += name_problems
    return parser


#: JabRef's declaration of a file's encoding, on its first lines
#: (``% Encoding: windows-1252``, ``% Encoding: UTF8``).
_DECLARED_ENCODING: Final = re.compile(rb"^%[ \t]*Encoding:[ \t]*([\w.:-]+)", re.M)


def read_bib_text(path: Path) -> str:
    """Return a ``.bib`` file's text: UTF-8, or the encoding its first lines declare.

    JabRef writes ``% Encoding: windows-1252`` at the top of a file it
    saves in that encoding (JabRef 2 did on Windows); a file that is not
    UTF-8 and declares no encoding Python knows raises
    :class:`UnicodeDecodeError`.
    """
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        declared = _DECLARED_ENCODING.search(data[:1024])
        if declared is None:
            raise
        try:
            return data.decode(declared[1].decode("ascii"))
        except LookupError:
            raise UnicodeDecodeError(
                "utf-8", data, 0, 1, f"unknown encoding {declared[1]!r}"
            ) from None


def defines_macros(path: Path) -> bool:
    """Tell whether a ``.bib`` file defines ``@string`` macros."""
    try:
        text = read_bib_text(path)
    except (OSError, UnicodeDecodeError):
        return False
    return bool(_STRING_START.search(_without_comments(text)))


class _UndefinedMacroError(BibliographyError):
    """A file uses a macro that no file read before it defines."""


def _read_file(
    path: Path,
    macros: dict[str, str],
    *,
    undefined_macros: bool,
    entry_cache: EntryCache | None = None,
) -> list[_Parsed]:
    """Parse one file with ``macros``, adding its own; fail naming file, line, key.

    A macro ``macros`` lacks raises :class:`_UndefinedMacroError`, unless
    ``undefined_macros`` allows them (each is then a warning).

    Every entry is returned, in order, also a key the file defines twice
    (:func:`load_bibliography` decides what to do with it): pybtex would
    drop the second, so it is parsed under a key of its own.

    Entries found in ``entry_cache`` are blanked out of the text pybtex
    parses (newlines kept, so lines and offsets stay), and taken from it.
    """
    try:
        text = _without_comments(read_bib_text(path))
    except (OSError, UnicodeDecodeError) as error:
        msg = f"{path}: cannot read the bibliography: {error}"
        raise BibliographyError(msg) from error
    starts = _entry_starts(text)
    text, parsed_keys = _with_repeated_keys_renamed(text, starts)
    text, keys, reused = _without_cached_entries(text, starts, macros, entry_cache)
    try:
        parser = _parse_leniently(text, macros)
    except PybtexError as error:  # an error pybtex raises even when not strict
        line, key = _first_failing_entry(text, starts, macros)
        msg = f"{path}:{line}: malformed entry {key!r} (pybtex: {error})"
        raise BibliographyError(msg) from error
    problems = [
        problem for problem in parser.problems if not _is_biblatex_name(problem)
    ]
    for problem in problems:
        if isinstance(problem, UndefinedMacro) and not undefined_macros:
            line, key = _entry_at_line(starts, problem.lineno)
            msg = f"{path}:{line}: entry {key!r}: {problem}"
            raise _UndefinedMacroError(msg)
    malformed: set[tuple[int, str]] = set()
    blocks = _block_starts(text)
    for error, offset in parser.syntax_errors:
        line, key = _failing_entry(text, blocks, error, offset)
        malformed.add((line, key))
        what = key if key.startswith("@") else f"entry {key!r}"  # an @string
        logger.error(
            "%s:%s: malformed %s, left out (pybtex: %s)%s",
            path,
            line,
            what,
            error,
            _hint(error, text),
        )
    located = [
        (*_entry_of_problem(problem, text, starts, parsed_keys, macros), problem)
        for problem in problems
    ]
    for line, key, problem in sorted(located, key=lambda found: found[0]):
        logger.warning(
            "%s:%s: entry %r: %s", path, line, key, _problem_message(problem)
        )
    cut_short = _closed_early(text, blocks)
    for line, key, brace_line, names in cut_short:
        logger.warning(
            "%s:%s: entry %r: a '}' at line %s closes it before its fields %s,"
            " which BibTeX reads as text between entries and leaves out",
            path,
            line,
            key,
            brace_line,
            ", ".join(names),
        )
    entries = parser.data.entries
    clean = not (problems or parser.syntax_errors or cut_short)
    if entry_cache is not None and clean:
        for index, parsed_key in enumerate(parsed_keys):
            if keys[index] and index not in reused and parsed_key in entries:
                entry_cache[keys[index]] = entries[parsed_key]
    return _in_file_order(
        path,
        starts=starts,
        parsed_keys=parsed_keys,
        entries=entries,
        reused=reused,
        malformed=malformed,
    )


def _closed_early(
    text: str, blocks: list[tuple[int, str, int]]
) -> list[tuple[int, str, int, list[str]]]:
    """Find entries a stray ``}`` closes before some of their fields.

    ``title = {A {B}}},`` closes the entry after the title: the fields after
    it are text between entries, which BibTeX ignores. For each entry
    whose closing brace (counted as pybtex counts them) is followed, before
    the next block, by ``, name =`` or ``name =``, returns its line, key,
    the line of that brace and the field names left out.
    """
    if not blocks:  # every entry taken from the entry cache, say
        return []
    braces = [(match.start(), match[0]) for match in _BRACE.finditer(text)]
    offsets = [offset for offset, _brace in braces]
    found = []
    ends = [start for _line, _key, start in blocks[1:]] + [len(text)]
    for (line, key, start), end in zip(blocks, ends, strict=True):
        opening = _ENTRY_START.match(text, start)
        if key.startswith("@") or opening is None:
            continue
        first = bisect.bisect_left(offsets, opening.end(1))
        if first == len(braces) or braces[first][0] >= opening.start(2):
            continue  # delimited by parentheses
        closing = _closing_brace(braces, first, end)
        if closing is None:
            continue  # unclosed: pybtex says so
        if _FIELD_AFTER_ENTRY.match(text, closing + 1, end):
            names = _FIELD_NAME.findall(text[closing + 1 : end])
            found.append((line, key, line + text.count("\n", start, closing), names))
    return found


def _closing_brace(braces: list[tuple[int, str]], first: int, end: int) -> int | None:
    """Return the offset of the brace closing ``braces[first]`` before ``end``."""
    depth = 0
    for index in range(first, len(braces)):
        offset, brace = braces[index]
        if offset >= end:
            return None
        depth += 1 if brace == "{" else -1
        if depth == 0:
            return offset
    return None


def _without_cached_entries(
    text: str,
    starts: list[tuple[int, str, int]],
    macros: Mapping[str, str],
    entry_cache: EntryCache | None,
) -> tuple[str, list[str], dict[int, Entry]]:
    """Return ``text`` with the entries ``entry_cache`` holds blanked out.

    Also each entry's cache key (:func:`_entry_keys`; none without a cache)
    and the cached entries, by their index in ``starts``.
    """
    if entry_cache is None:
        return text, [], {}
    blocks = _block_starts(text)
    spans = _entry_spans(text, starts, blocks)
    keys = _entry_keys(text, spans, blocks, macros)
    reused = {
        index: entry_cache[key]
        for index, key in enumerate(keys)
        if key and key in entry_cache
    }
    return _blanked(text, [spans[index] for index in reused]), keys, reused


def _in_file_order(  # noqa: PLR0913 - what one file's read found
    path: Path,
    *,
    starts: list[tuple[int, str, int]],
    parsed_keys: list[str],
    entries: Mapping[str, Entry],
    reused: Mapping[int, Entry],
    malformed: set[tuple[int, str]],
) -> list[_Parsed]:
    """Return a file's entries in order, parsed or reused; not the malformed."""
    found = []
    for index, ((line, key, _offset), parsed_key) in enumerate(
        zip(starts, parsed_keys, strict=True)
    ):
        entry = reused.get(index)
        if entry is None and parsed_key in entries and (line, key) not in malformed:
            entry = entries[parsed_key]
        if entry is not None:
            found.append(_Parsed(key, entry, path, line))
    return found


def _entry_spans(
    text: str,
    starts: list[tuple[int, str, int]],
    blocks: list[tuple[int, str, int]],
) -> list[tuple[int, int]]:
    """Return where each entry of ``starts`` is in ``text``: up to the next block."""
    offsets = [start for _line, _key, start in blocks] + [len(text)]
    return [
        (start, offsets[bisect.bisect_right(offsets, start)])
        for _line, _key, start in starts
    ]


def _entry_keys(
    text: str,
    spans: list[tuple[int, int]],
    blocks: list[tuple[int, str, int]],
    macros: Mapping[str, str],
) -> list[str]:
    """Return, for each entry span, the key of its parse in an entry cache.

    The key digests the entry's text (up to the next block) and what its
    reading depends on beside: the macros defined before the file and every
    ``@string`` and ``@preamble`` of the file. An entry whose text holds
    another such block (one the block pattern did not see) gets ``""``: it
    is always parsed, since blanking it out would hide that block.
    """
    offsets = [start for _line, _key, start in blocks] + [len(text)]
    shared = hashlib.blake2b(digest_size=16)
    for name, value in sorted(macros.items()):
        shared.update(f"{name}\0{value}\0".encode())
    for number, (_line, name, start) in enumerate(blocks):
        if name.startswith("@"):
            shared.update(text[start : offsets[number + 1]].encode())
    keys = []
    for begin, end in spans:
        entry_text = text[begin:end]
        if _MACRO_OR_PREAMBLE.search(entry_text, 1):
            keys.append("")
            continue
        entry = shared.copy()
        entry.update(entry_text.encode())
        keys.append(entry.hexdigest())
    return keys


def _blanked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Return ``text`` with each span turned to spaces, its newlines kept."""
    pieces, position = [], 0
    for begin, end in sorted(spans):
        pieces += [text[position:begin], re.sub(r"[^\n]", " ", text[begin:end])]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _with_repeated_keys_renamed(
    text: str, starts: list[tuple[int, str, int]]
) -> tuple[str, list[str]]:
    """Give each repeated key (ignoring case) of ``text`` a unique name for pybtex.

    Returns the text and, for each of ``starts``, the key pybtex will read;
    ``starts`` is updated to the offsets in the returned text.
    """
    seen: set[str] = set()
    parsed_keys: list[str] = []
    renames: list[tuple[int, str, str]] = []
    for number, (_line, key, offset) in enumerate(starts):
        parsed_key = key
        if key.casefold() in seen:
            parsed_key = f"{key}\u2063repeated{number}"
            renames.append((offset, key, parsed_key))
        seen.add(key.casefold())
        parsed_keys.append(parsed_key)
    for offset, key, parsed_key in reversed(renames):
        found = _ENTRY_START.match(text, offset)
        at = found.start(2) if found else text.index(key, offset)
        text = text[:at] + parsed_key + text[at + len(key) :]
    if renames:  # later entries moved: their offsets, from the new text
        starts[:] = [
            (line, key, offset)
            for (line, key, _old), (_line, _key, offset) in zip(
                starts, _entry_starts(text), strict=True
            )
        ]
    return text, parsed_keys


#: pybtex's words for a field given twice, which name the key and the field.
_DUPLICATE_FIELD: Final = re.compile(
    r"entry with key (\S+) has a duplicate (\S+) field"
)
#: pybtex's words for a name list with more than two commas in one name.
_TOO_MANY_COMMAS: Final = re.compile(r"Too many commas in '(.*)'$", re.S)


def _is_biblatex_name(problem: PybtexError) -> bool:
    """Tell whether ``problem`` is pybtex's about a name in biblatex's format.

    pybtex takes ``family=Lange, given=Thomas, prefix=de`` for a name with
    too many commas; :func:`_classic_name` reads it.
    """
    commas = _TOO_MANY_COMMAS.match(str(problem))
    return bool(commas and _BIBLATEX_NAME.match(commas.group(1)))


def _problem_message(problem: PybtexError) -> str:
    """Say what a lenient parse's ``problem`` is and how it was read."""
    duplicate = _DUPLICATE_FIELD.match(str(problem))
    if duplicate:
        field_name = duplicate.group(2)
        return f"field {field_name!r} is given twice: the first is kept, as in BibTeX"
    if isinstance(problem, UndefinedMacro):
        return (
            f"{problem}: no @string of the bibliography's files defines it, the"
            " value is left empty, as in BibTeX (is the macro in a file"
            " SCHOLAR_BIBLIOGRAPHY or SCHOLAR_REFERENCES does not name?)"
        )
    if _TOO_MANY_COMMAS.match(str(problem)):
        return (
            f"{problem}: names are separated by 'and' (read as BibTeX does,"
            " the parts after the second comma as given names)"
        )
    return f"{problem} (read as BibTeX does)"


def _entry_of_problem(
    problem: PybtexError,
    text: str,
    starts: list[tuple[int, str, int]],
    parsed_keys: list[str],
    macros: Mapping[str, str],
) -> tuple[int, str]:
    """Return the (line, key) of the entry a lenient parse's ``problem`` is in."""
    if isinstance(problem, UndefinedMacro):
        return _entry_at_line(starts, problem.lineno)
    duplicate = _DUPLICATE_FIELD.match(str(problem))
    if duplicate:
        for (line, key, _offset), parsed_key in zip(starts, parsed_keys, strict=True):
            if parsed_key == duplicate.group(1):
                return line, key
    commas = _TOO_MANY_COMMAS.match(str(problem))
    words = commas.group(1).split() if commas else []
    found = re.search(r"\s+".join(map(re.escape, words)), text) if words else None
    if found is not None:
        before = [(line, key) for line, key, start in starts if start < found.start()]
        if before:
            return before[-1]
    return _first_failing_entry(text, starts, macros)


def _entry_at_line(starts: list[tuple[int, str, int]], line: int) -> tuple[int, str]:
    """Return the (line, key) of the last entry starting at or before ``line``."""
    index = bisect.bisect_right([start for start, _key, _offset in starts], line)
    return starts[index - 1][:2] if index else (line, "?")


def _hint(error: PybtexSyntaxError, text: str) -> str:
    """Return a likely cause of a syntax error pybtex reports, for its message."""
    lines = text.split("\n")
    line = getattr(error, "lineno", 0) or 0
    if 0 < line <= len(lines) and lines[line - 1].lstrip().startswith("%"):
        return (
            ": a line starting with '%' inside an entry is no comment in BibTeX;"
            " to leave the entry out, start its '@' line with '%' too"
        )
    if "'}' expected" in str(error) or "',' expected" in str(error):
        return ": is a ',' missing between two fields, or the '}' closing the entry?"
    return ""


def _first_failing_entry(
    text: str, starts: list[tuple[int, str, int]], macros: Mapping[str, str]
) -> tuple[int, str]:
    """Return the (line, key) of the first entry pybtex rejects.

    pybtex's errors about an entry's content (a name with too many commas,
    a field given twice) carry no position: parse ever longer prefixes of
    the file, each ending after an entry, by bisection.
    """
    ends = [start for _line, _key, start in starts[1:]] + [len(text)]
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high) // 2
        try:
            _parse(text[: ends[middle]], dict(macros))
        except PybtexError:
            high = middle
        else:
            low = middle + 1
    if not starts:
        return 0, "?"
    line, key, _start = starts[low]
    return line, key


@functools.lru_cache(maxsize=8192)
def to_unicode(latex: str) -> str:
    r"""Return ``latex`` as plain Unicode text: escapes decoded, braces gone.

    latexcodec decodes the accents and symbols (``{\"o}``, ``\%``, ``--``,
    ``~``); ``\$``, ``\{`` and ``\}`` are their characters; a command with
    an argument (``\emph{x}``, ``\url{...}``) keeps the argument, one
    without (``\LaTeX``) keeps its name. A bare ``%`` is a per cent sign, as
    BibTeX reads it, never a LaTeX comment that would cut the text. HTML's
    character references (``&amp;``, as web exports write them) are their
    characters.
    """
    if not _LATEX_MARKS.search(latex):
        return _finished(_SPACES.sub(" ", latex).strip())
    text = _HREF.sub(_href_text, latex) if "\\href" in latex else latex
    if "{\\$}" in text:  # Mendeley's {\$}\backslashtau=1{\$}: its user's $\tau=1$
        text = _MENDELEY_MATH.sub(_mendeley_math, text)
    if "{\\" in text or "$\\backslash$" in text:
        text = _MENDELEY_ESCAPE.sub(
            lambda match: _MENDELEY_MEANINGS[match.lastgroup or "backslash"], text
        )
    text = _BARE_PERCENT.sub(r"\\%", text)
    text = _ACCENT_ON_DOTLESS.sub(r"\\\1{\\\2}", text)
    text = unescape_math(text)
    if "\\{" in text:  # ScienceDirect's \{EEG\}: braces protecting case
        text = _ESCAPED_PROTECTION.sub(r"\1", text)
    text = _TEXT_SYMBOL.sub(lambda match: _TEXT_SYMBOLS[match[1] or match[2]], text)
    if "\ue003" in text:  # \textbackslash: TeX Better BibTeX escaped
        text = _bbt_unescaped(text)
    for escaped, mark in _ESCAPED_SPECIALS.items():
        text = text.replace(escaped, mark)
    text = math_to_text(text)
    text = _CONTROL_SPACE.sub(" ", text)
    text = _INVISIBLE_COMMAND.sub("", text)
    text = decode_latex(text)
    text = text.replace("\\\\", " ")
    text = _accented(text)
    text = _COMMAND_BEFORE_BRACE.sub("", text)
    text = _COMMAND.sub(_command_text, text)
    if "\ue003" in text:  # "\r\n" written as text: a line break
        text = _ESCAPED_BREAK.sub(" ", text)
    text = text.replace("{", "").replace("}", "").translate(_RESTORED_SPECIALS)
    return _finished(_SPACES.sub(" ", text).strip())


#: A dotless i or j with a combining accent above it (U+0131 U+0301, as
#: text copied from a PDF spells "í"), the accent not included.
_ACCENTED_DOTLESS: Final = re.compile("([\u0131\u0237])(?=[\u0300-\u0315\u031a])")


def _windows_1252(code: int) -> str:
    """Return the Windows-1252 character of byte ``code``, or ``""`` if none."""
    try:
        return bytes([code]).decode("cp1252")
    except UnicodeDecodeError:
        return ""


#: The C1 control characters (U+0080 to U+009F) as the Windows-1252
#: characters they were (``\x96`` an en dash), as browsers read ``&#150;``.
_C1_AS_WINDOWS_1252: Final = {code: _windows_1252(code) for code in range(0x80, 0xA0)}
_C1_CONTROL: Final = re.compile("[\x80-\x9f]")


def _finished(text: str) -> str:
    r"""Return decoded ``text`` with HTML's references and dotless accents read.

    A C1 control character is the Windows-1252 character it was decoded
    from (a file's ``\x96``, an en dash, read as Latin-1). An accent on a
    dotless i ("Roc" U+0131 U+0301 "o", pasted from a PDF) is on an i, as
    TeX's ``\'{\i}`` is: "Rocío", one person with the "Rocío" of other
    entries.
    """
    if _C1_CONTROL.search(text):  # "Vehicle \x96 Pedestrian": an en dash
        text = text.translate(_C1_AS_WINDOWS_1252)
    if "\u0131" in text or "\u0237" in text:
        text = unicodedata.normalize(
            "NFC", _ACCENTED_DOTLESS.sub(lambda m: _DOTLESS[m[1]], text)
        )
    text = _html_unescaped(text)
    return _without_formatting_tags(text) if "<" in text else text


#: HTML's formatting tags, as Crossref's BibTeX (from the publisher's JATS)
#: and NASA ADS keep them in a title: ``The <i>Drosophila</i> Gene``,
#: ``<scp>Lidar</scp>``, MathML's ``<mml:mi>``, JATS's ``<jats:p>``; with
#: attributes written ``name="value"``. Not ``<script>``, nor ``<b and c>``.
_FORMATTING_TAG: Final = re.compile(
    r"</?(?P<name>i|b|em|strong|u|tt|sc|scp|small|span|sub|sup|italic|bold"
    r"|mml:[\w-]+|jats:[\w-]+|inline-formula|named-content|styled-content|p|br)"
    r"""(?:\s+[\w:-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))*\s*/?>""",
    re.I,
)
#: Tags that end a line or a paragraph: a space where they were.
_BREAKING_TAGS: Final = frozenset({"p", "br", "jats:p", "jats:title", "jats:sec"})
#: ``<sub>2</sub>``, ``<SUP>-3</SUP>``: a sub- or superscript.
_SCRIPT_TAGS: Final = re.compile(r"<(sub|sup)>([^<>]{1,20})</\1>", re.I)


def _without_formatting_tags(text: str) -> str:
    """Return ``text`` with its HTML formatting tags left out, as plain text.

    ``H<sub>2</sub>O`` is "H₂O" where Unicode has every sub- or superscript
    character (``T<sub>eff</sub>`` is "Teff"); ``<br>`` and ``<p>`` are a
    space. Any other ``<`` is text: a ``.bib`` is data, ``<script>`` shows.
    """
    text = _SCRIPT_TAGS.sub(
        lambda m: scripted(m[2], superscript=m[1].casefold() == "sup") or m[2], text
    )
    text = _FORMATTING_TAG.sub(
        lambda m: " " if m["name"].casefold() in _BREAKING_TAGS else "", text
    )
    return _SPACES.sub(" ", text).strip()


#: An HTML character reference, ended by its ``;`` (``&amp;``, ``&#8211;``).
_HTML_ENTITY: Final = re.compile(
    r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});"
)


def _html_unescaped(text: str) -> str:
    r"""Return ``text`` with the HTML character references in it as characters.

    Web exports write them into BibTeX (the IEEE Computer Society's
    ``journal = {IEEE Transactions on Pattern Analysis &amp; Machine
    Intelligence}``), meaning the character, also when escaped twice
    (ScienceDirect's ``nai&amp;#x0308;ve``, "naïve"); a ``&`` that starts none
    (``R\&D``, ``AT&T``, ``&copy`` without its ``;``) stays.
    """
    if "&" not in text:
        return text
    for _ in range(3):  # escaped twice: "nai&amp;#x0308;ve", "&amp;amp;"
        unescaped = _HTML_ENTITY.sub(lambda match: html.unescape(match[0]), text)
        if unescaped == text:
            break
        text = unescaped
    return unicodedata.normalize("NFC", text)


def decode_latex(text: str) -> str:
    r"""Decode ``text`` as latexcodec's ``ulatex`` codec does, faster.

    latexcodec reads a character at a time (about 5 µs each): only the
    words that hold a backslash or a ``$`` (with the words a brace, a
    formula or a command's argument carries on into) go through it; other
    words only need the ligatures it knows (``--``, ``---``, ````` ``, ``''``,
    ``,,``, ``~``, ``!```, ``?```), replaced with one regular expression.
    The result is the codec's, up to runs of white space (tested against
    it: ``tests/test_bibliography.py``).
    """
    if "\\" not in text and "$" not in text:
        return _decode_ligatures(text)
    if _COMMENT_PERCENT.search(text):  # a comment runs to the end of its line
        return _decode_with_latexcodec(text)
    pieces: list[str] = []
    for plain, latex in _latex_islands(text):
        pieces.append(_decode_ligatures(plain))
        if latex:
            pieces.append(_decode_with_latexcodec(latex))
    return "".join(pieces)


def _decode_ligatures(text: str) -> str:
    """Replace the character sequences latexcodec decodes in text without commands."""
    return _LIGATURE.sub(lambda match: _LIGATURES[match[0]], text)


@functools.lru_cache(maxsize=8192)
def _decode_with_latexcodec(latex: str) -> str:
    """Decode with latexcodec; drop the tokens a stray backslash makes unreadable."""
    try:
        return codecs.decode(latex, "ulatex")
    except UnicodeDecodeError:
        return codecs.decode(latex, "ulatex", "ignore")


def _latex_islands(text: str) -> Iterator[tuple[str, str]]:
    r"""Split ``text`` into (plain text, LaTeX) pairs, in order; LaTeX may be empty.

    A LaTeX island is a run of words from one holding a backslash or ``$``
    up to a word where every brace and formula opened is closed and that
    does not end in a command (``\c c``: the command's argument is the next
    word). Words are split at white space, which stays in the plain text.
    """
    plain_start = 0
    words = list(_WORD.finditer(text))
    index = 0
    while index < len(words):
        word = words[index]
        if "\\" not in word[0] and "$" not in word[0]:
            index += 1
            continue
        start, depth, math = word.start(), 0, False
        while True:
            depth, math = _scan_word(words[index][0], depth, math)
            if index + 1 >= len(words) or (
                depth <= 0 and not math and not _ENDS_IN_COMMAND.search(words[index][0])
            ):
                break
            index += 1
        end = words[index].end()
        if _ENDS_IN_BACKSLASH.search(words[index][0]) and end < len(text):
            end += 1  # "\\" then a new line or a tab is a command of its own
        yield text[plain_start:start], text[start:end]
        plain_start = end
        index += 1
    yield text[plain_start:], ""


def _scan_word(word: str, depth: int, math: bool) -> tuple[int, bool]:
    """Return the brace depth and whether a ``$`` formula is open after ``word``."""
    escaped = False
    for char in word:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == "$":
            math = not math
    return depth, math


def _command_text(command: re.Match[str]) -> str:
    r"""Return what a command without argument stands for in plain text.

    A journal macro (``\apj``) is the journal's name; a font switch
    (``{\it ...}``, ``\bf``) is nothing; another command (``\LaTeX``) its name.
    """
    name = command[1]
    if name in _FONT_SWITCHES:
        return ""
    return _JOURNAL_MACROS.get(name, name)


def _accented(text: str) -> str:
    r"""Put the accents latexcodec left (``\`y``, ``\'{\i}``) on their letters.

    latexcodec knows the accented letters of its table only; any other
    letter gets its accent as a combining mark, composed where Unicode can
    (a dotless i, ``\i``, under an accent is an ``i``, as TeX draws it).
    """
    if "\\" not in text:
        return text

    def combine(match: re.Match[str]) -> str:
        letter = match["braced"] or match["bare"]
        letter = _DOTLESS.get(letter, letter)
        return unicodedata.normalize(
            "NFC", letter + _ACCENTS[match["symbol"] or match["word"]]
        )

    return _ACCENT.sub(combine, text)


def _classic_name(person: Person) -> Person:
    r"""Read a name written in biblatex's extended format into its parts.

    ``family=Lange, given=Thomas, prefix=de`` is Thomas de Lange; a whole
    name in a font command (``\textbf{Zhu, W.}``) is the name inside (W.
    Zhu); any other name is returned as it is.
    """
    written = str(person)
    wrapped = _WRAPPED_NAME.fullmatch(written)
    if wrapped:
        inner = wrapped["command"] or wrapped["switch"] or ""
        if _balanced(inner) and inner.strip():
            return _classic_name(Person(inner))
    if not _BIBLATEX_NAME.match(written):
        return person
    parts = {
        key.casefold(): value.strip().removeprefix("{").removesuffix("}").strip()
        for key, value in _BIBLATEX_NAME_PART.findall(written)
    }
    return Person(
        first=parts.get("given", ""),
        prelast=parts.get("prefix", ""),
        last=parts.get("family", ""),
        lineage=parts.get("suffix", ""),
    )


def _unwrapped(value: str) -> str:
    """Return a link field's value without braces around the whole of it.

    ``url = {{https://...}}``, as a lab's file protects its addresses
    (BASHLab/publications); ``{a}{b}`` is two groups, kept.
    """
    value = value.strip()
    while value.startswith("{") and value.endswith("}") and _balanced(value[1:-1]):
        value = value[1:-1].strip()
    return value


def _balanced(text: str) -> bool:
    """Whether every brace ``text`` opens it closes, in order (escapes aside)."""
    depth = 0
    for char in re.sub(r"\\.", "", text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _person_name(person: Person) -> str:
    """Write a person's name as "Given von Family, Jr", in Unicode.

    A contribution mark after the given names (``Zhu, Yanjie*``) follows
    the whole name ("Yanjie Zhu*"), as it follows the person.
    """
    given = " ".join(to_unicode(p) for p in (*person.first_names, *person.middle_names))
    family = " ".join(
        to_unicode(p) for p in (*person.prelast_names, *person.last_names)
    )
    marks = ""
    if family:
        stripped = given.rstrip(_MARK_CHARACTERS)
        given, marks = stripped, given[len(stripped) :]
    name = " ".join(part for part in (given, family) if part) + marks
    if person.lineage_names:
        name += ", " + " ".join(to_unicode(part) for part in person.lineage_names)
    return name


def _family_name(person: Person) -> str:
    """Return a person's "von Family", in Unicode, without contribution marks."""
    family = " ".join([*person.prelast_names, *person.last_names])
    return to_unicode(family).rstrip(_MARK_CHARACTERS)


def _crossref_parent(parsed: _Parsed, entries: Mapping[str, _Parsed]) -> Entry | None:
    """Return the entry ``parsed`` crossrefs, or None (with a warning if unknown)."""
    target = parsed.entry.fields.get("crossref", "").strip()
    if not target:
        return None
    parent = entries.get(target.casefold())
    if parent is None:
        logger.warning(
            "%s:%s: entry %r: crossref %r names no entry of the bibliography",
            parsed.path,
            parsed.line,
            parsed.key,
            target,
        )
        return None
    return parent.entry


def _merged_fields(entry: Entry, parent: Entry | None) -> dict[str, str]:
    """Return the entry's raw fields, the crossref parent's filling the gaps."""
    fields = {name.casefold(): value for name, value in entry.fields.items()}
    if parent is not None:
        inherited = {name.casefold(): value for name, value in parent.fields.items()}
        # biblatex: a proceedings' title (and subtitle) is its papers'
        # booktitle (and booksubtitle); its subtitle is no paper's.
        if "booktitle" not in fields and "title" in inherited:
            fields["booktitle"] = inherited["title"]
            if "subtitle" in inherited:
                fields.setdefault("booksubtitle", inherited["subtitle"])
        for name, value in inherited.items():
            if name != "subtitle":
                fields.setdefault(name, value)
    return fields


def _reference(parsed: _Parsed, entries: Mapping[str, _Parsed]) -> Reference:
    """Build one :class:`Reference` from a pybtex entry."""
    entry = parsed.entry
    parent = _crossref_parent(parsed, entries)
    raw = _merged_fields(entry, parent)
    persons = {
        role: list(map(_classic_name, people)) for role, people in entry.persons.items()
    }
    if parent is not None:
        for role, names in parent.persons.items():
            persons.setdefault(role, list(map(_classic_name, names)))
    fields = {
        name: _unwrapped(value) if name in _VERBATIM_FIELDS else to_unicode(value)
        for name, value in raw.items()
    }
    for role, names in persons.items():
        fields[role.casefold()] = " and ".join(_person_name(p) for p in names)
    _join_subtitles(fields)
    linked = _href_address(raw.get("howpublished", ""))
    if linked:  # howpublished = {\href{address}{text}}: the text shown, linked
        fields[_HREF_ADDRESS] = linked
    return Reference(
        key=parsed.key,
        entry_type=entry.type.casefold(),
        fields=fields,
        persons={
            role.casefold(): tuple(map(_person_name, p)) for role, p in persons.items()
        },
        bibtex=_bibtex_source(parsed.key, entry, raw, persons),
        path=parsed.path,
        line=parsed.line,
        _family_names={
            role.casefold(): tuple(map(_family_name, people))
            for role, people in persons.items()
        },
    )


#: The field of :attr:`Reference.fields` holding the address of a
#: ``howpublished = {\href{address}{text}}`` (no BibTeX field has a space).
_HREF_ADDRESS: Final = "howpublished address"
#: biblatex's title fields and the subtitle field that goes after each.
_SUBTITLES: Final = (
    ("title", "subtitle"),
    ("booktitle", "booksubtitle"),
    ("journaltitle", "journalsubtitle"),
    ("journal", "journalsubtitle"),
    ("maintitle", "mainsubtitle"),
)


def _join_subtitles(fields: dict[str, str]) -> None:
    """Put each biblatex subtitle after its title: "Title: Subtitle".

    As pandoc and citeproc join them (biblatex's standard style puts a
    period); after a title ending in ``?``, ``!``, ``.`` or ``:``, a space.
    The subtitle field itself stays, as written.
    """
    for main, sub in _SUBTITLES:
        title, subtitle = fields.get(main, ""), fields.get(sub, "")
        if title and subtitle:
            mark = " " if title.endswith(("?", "!", ".", ":")) else ": "
            fields[main] = title + mark + subtitle


#: A DOI: ``10.`` and a registrant, a slash, a suffix (an entry key may be one).
_DOI: Final = re.compile(r"10\.\d{4,9}/\S+")
#: The volume Semantic Scholar and DBLP give an arXiv paper (``abs/2402.16370``)
#: in the journal they call ArXiv or CoRR.
_ARXIV_VOLUME: Final = re.compile(
    r"abs/(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)"
)
_ARXIV_JOURNALS: Final = frozenset({"arxiv", "corr", "arxiv.org"})
#: The DOI arXiv gives a paper, and its identifier.
_ARXIV_DOI: Final = re.compile(
    r"(?:https?://(?:dx\.)?doi\.org/|doi:)?10\.48550/arxiv\.(\S+)", re.I
)


def _same_arxiv(address: str, arxiv_link: str) -> bool:
    """Whether ``address`` is the arXiv abstract page ``arxiv_link`` is."""
    page = re.compile(r"^https?://(?:www\.)?arxiv\.org/abs/", re.I)
    return bool(page.match(address)) and (
        page.sub("", address).casefold() == page.sub("", arxiv_link).casefold()
    )


def _same_doi(address: str, doi_link: str) -> bool:
    """Whether ``address`` is the DOI resolver's address of ``doi_link``'s DOI."""
    resolver = re.compile(r"^https?://(?:dx\.)?doi\.org/", re.I)
    doi = resolver.sub("", doi_link)
    return bool(resolver.match(address)) and (
        resolver.sub("", address).casefold() == doi.casefold()
    )


def not_an_address(value: str, kind: str = "url") -> bool:
    """Tell whether a link field holds what no address holds: ``<``, ``>``, ``"``.

    A DOI may hold ``<`` and ``>`` (the SICI DOIs of the 1990s,
    ``10.1002/(SICI)...49:8<693::AID-ASI4>3.0.CO;2-O``): it is no address
    only when it holds HTML (``<a href=...>``).
    """
    if kind == "doi":
        return bool(_HTML_IN_FIELD.search(value))
    return bool(_NOT_IN_ADDRESSES.search(value))


#: The address of an HTML link (``href="https://..."``).
_PASTED_HREF: Final = re.compile(
    r"""\bhref\s*=\s*(["'])(https?://[^"'<>\s]+)\1""", re.I
)


def pasted_link(value: str) -> str:
    """Return the one web address HTML pasted into a field links to, or ``""``.

    ``doi:<a href="https://doi.org/10.1/x">10.1/x</a>`` (as some al-folio
    files write their ``url``) links to ``https://doi.org/10.1/x``; HTML
    linking to no address, or to two, gives none.
    """
    addresses = {match[2] for match in _PASTED_HREF.finditer(value)}
    return addresses.pop() if len(addresses) == 1 else ""


#: Link warnings written out one by one per file; the rest are summed up.
_LINK_WARNINGS_PER_FILE: Final = 5


def _warn_about_links(references: Iterable[Reference]) -> None:
    """Warn, naming file, line and key, about link fields that are no address.

    Those whose HTML links to one address (linked to it) and the others (no
    link) are told apart. A file's first few of each are warned about one
    by one; the others in one more warning naming their lines (a file that
    pastes HTML into its ``url`` fields does it in hundreds of entries).
    """
    by_file: dict[tuple[Path, bool], list[tuple[Reference, str, str]]] = {}
    for reference in references:
        for name in (*LINK_KINDS, "html", "website"):
            value = reference.fields.get(name, "")
            if name not in ("doi", "arxiv") and _A_BARE_WORD.fullmatch(value):
                logger.warning(
                    "%s:%s: entry %r: %s = {%s} is neither an address nor a file"
                    " name: no link made from it",
                    reference.path,
                    reference.line,
                    reference.key,
                    name,
                    value,
                )
            if not_an_address(value, name):
                linked = bool(pasted_link(value))
                by_file.setdefault((reference.path, linked), []).append(
                    (reference, name, value)
                )
    for (path, linked), problems in by_file.items():
        for reference, name, value in problems[:_LINK_WARNINGS_PER_FILE]:
            logger.warning(
                '%s:%s: entry %r: %s = {%s} is not an address (it holds <, > or "): %s',
                path,
                reference.line,
                reference.key,
                name,
                value if len(value) <= 80 else value[:77] + "...",
                f"linked to the address in it, {pasted_link(value)}"
                if linked
                else "no link made from it",
            )
        rest = problems[_LINK_WARNINGS_PER_FILE:]
        if rest:
            lines = ", ".join(str(reference.line) for reference, _name, _value in rest)
            logger.warning(
                "%s: %d more link fields %s (lines %s)",
                path,
                len(rest),
                "hold HTML, each linked to the address in it"
                if linked
                else "are no address, no link made from them",
                lines,
            )


#: Entry types that are no work, and have no title of their own.
_NOT_WORKS: Final = frozenset({"set", "xdata"})


def _warn_about_titles(references: Iterable[Reference]) -> None:
    """Warn about entries without a title, naming file, line, key and what shows.

    A file's first few are warned about one by one, the rest in one more
    warning naming their lines (a file of web pages may have hundreds). An
    entry that others ``crossref`` (proceedings giving their papers a
    ``booktitle``) is not listed, and needs none.
    """
    references = list(references)
    parents = {ref.fields.get("crossref", "").strip().casefold() for ref in references}
    by_file: dict[Path, list[Reference]] = {}
    for reference in references:
        if (
            not reference.title
            and reference.entry_type not in _NOT_WORKS
            and reference.key.casefold() not in parents
        ):
            by_file.setdefault(reference.path, []).append(reference)
    for path, untitled in by_file.items():
        for reference in untitled[:_LINK_WARNINGS_PER_FILE]:
            kind, text = reference.untitled_fallback
            logger.warning(
                "%s:%s: entry %r has no title: shown as its %s",
                path,
                reference.line,
                reference.key,
                f"{kind}, {text}" if kind else "key",
            )
        rest = untitled[_LINK_WARNINGS_PER_FILE:]
        if rest:
            logger.warning(
                "%s: %d more entries have no title (lines %s)",
                path,
                len(rest),
                ", ".join(str(reference.line) for reference in rest),
            )


def _warn_about_several_addresses(references: Iterable[Reference]) -> None:
    """Warn about link fields holding several addresses, the first few one by one.

    Mendeley writes every address it has into ``url``, space-separated
    (hundreds in one file): past five in a file, one warning names the lines.
    """
    by_file: dict[Path, list[tuple[Reference, str, int]]] = {}
    for reference in references:
        for name in (*LINK_KINDS, "html", "website"):
            several = addresses_in(reference.fields.get(name, ""))
            if len(several) > 1 and name in reference.links:
                by_file.setdefault(reference.path, []).append(
                    (reference, name, len(several))
                )
    for path, found in by_file.items():
        for reference, name, count in found[:_LINK_WARNINGS_PER_FILE]:
            logger.warning(
                "%s:%s: entry %r: %s holds %d addresses: linked %s"
                " (the BibTeX keeps all)",
                path,
                reference.line,
                reference.key,
                name,
                count,
                reference.links[name],
            )
        rest = found[_LINK_WARNINGS_PER_FILE:]
        if rest:
            logger.warning(
                "%s: %d more link fields hold several addresses, each linked to"
                " its first (not the DOI's) (lines %s)",
                path,
                len(rest),
                ", ".join(str(reference.line) for reference, _name, _count in rest),
            )


def _bibtex_source(
    key: str, entry: Entry, raw: Mapping[str, str], persons: Mapping[str, list[Person]]
) -> str:
    r"""Write the entry as a self-contained BibTeX record, for readers to copy.

    Values are written as the file had them (LaTeX, after macro expansion),
    in braces: pybtex's own writer encodes them as LaTeX a second time
    (``\%`` for a URL's ``%``) and takes most of the reading time. The
    site's fields and the owner's private ones (:data:`_PRIVATE_FIELDS`)
    are left out; a C1 control character, which no page may hold, is the
    Windows-1252 character it was.
    """
    lines = [f"@{entry.original_type}{{{key},"]
    lines += [
        f"  {role.casefold()} = {{{' and '.join(map(str, people))}}},"
        for role, people in persons.items()
    ]
    lines += [
        f"  {name} = {{{value}}},"
        for name, value in raw.items()
        if name not in _SITE_FIELDS
        and name != "crossref"
        and name not in _PRIVATE_FIELDS
        and not name.startswith(_PRIVATE_PREFIXES)
    ]
    lines.append("}")
    text = "\n".join(lines)
    if _C1_CONTROL.search(text):  # no character of a page: Windows-1252's
        text = text.translate(_C1_AS_WINDOWS_1252)
    return text


@functools.lru_cache(maxsize=4096)
def _name_signature(name: str) -> tuple[str, tuple[str, ...]]:
    """Return (family name, given names), folded: no case, no accents, no dots."""
    try:
        person = Person(name)
    except Exception:  # noqa: BLE001 - pybtex rejects a name with stray braces
        return _fold(name), ()
    family = _fold(" ".join([*person.prelast_names, *person.last_names]))
    given = _fold(" ".join([*person.first_names, *person.middle_names]))
    # "Tian-Hua" is "Tianhua"; "T.-H." two initials.
    return family, tuple(given.replace("-", "").replace(".", " ").split())


def _same_person(name: str, other: str) -> bool:
    """Tell whether two names are one person's: "M. Castellan" is "Mira Castellan".

    The family names must be equal; each given name must be equal, or one of
    the two an initial of the other. Case, accents, hyphens in given names
    and the marks al-folio files put after a name for equal contribution or
    correspondence (``Bahrami*``, ``Li†``) are ignored.
    """
    family, given = _name_signature(name)
    other_family, other_given = _name_signature(other)
    if family != other_family:
        return False
    return all(
        first == second or (min(len(first), len(second)) == 1 and first[0] == second[0])
        for first, second in zip(given, other_given, strict=False)
    )


def _fold(text: str) -> str:
    """``text`` without case, accents, or the marks of equal contribution (``*``)."""
    decomposed = unicodedata.normalize("NFKD", to_unicode(text))
    kept = (c for c in decomposed if not unicodedata.combining(c))
    return "".join(kept).casefold().translate(_CONTRIBUTION_MARKS)


def names_html(names: Iterable[str], owner_names: Iterable[str]) -> Markup:
    """Join the names ("A, B, and C"), escaped, the owner's in ``<strong>``.

    BibTeX's ``and others`` at the end is written "et al." as BibTeX's
    ``plain.bst`` writes it: "A et al." after one name, "A, B, et al." after more.
    """
    owners = [owner for owner in owner_names if owner.strip()]
    names = list(names)
    more = bool(names) and names[-1].strip().casefold() == "others"
    parts = [
        Markup("<strong>{}</strong>").format(name)
        if any(_same_person(name, owner) for owner in owners)
        else escape(name)
        for name in (names[:-1] if more else names)
    ]
    if more:
        separator = Markup(" ") if len(parts) == 1 else Markup(", ")
        return separator.join([*parts, Markup("et al.")])
    if len(parts) <= 2:
        return Markup(" and ").join(parts)
    return Markup(", ").join(parts[:-1]) + Markup(", and ") + parts[-1]


def format_reference(
    reference: Reference,
    style: str = "author-year",
    *,
    owner_names: Iterable[str] = (),
    number: int | None = None,
) -> Markup:
    """Render ``reference`` as escaped HTML in ``style`` (one of :data:`STYLES`).

    author-year: ``Authors (Year). Title. <em>Venue</em>.``; numeric:
    ``[number] Authors, "Title," <em>Venue</em>, Year.`` (the label only
    when ``number`` is given). Missing parts are left out with their
    punctuation; an entry with none of them shows its key. Names in
    ``owner_names`` (the same family name, given names equal or initials of
    each other, case and accents ignored) are wrapped in ``<strong>``.
    """
    if style not in STYLES:
        msg = f"unknown citation style {style!r}: use one of {', '.join(STYLES)}"
        raise ValueError(msg)
    label = Markup("[{}] ").format(number) if number is not None else Markup()
    shown = reference.shown_title
    if not (reference.authors or shown or reference.venue or reference.year):
        return label + escape(reference.key)  # nothing else to show: its key
    authors = names_html(reference.authors, owner_names)
    title = _title_html(reference)
    venue = Markup("<em>{}</em>").format(reference.venue) if reference.venue else ""
    year = escape(reference.year_text)
    # A dated work's pubstate follows it, as biblatex prints it; an
    # undated one's stands for the year (year_text).
    state = escape(reference.pubstate) if reference.year is not None else ""
    if style == "author-year":
        dated = Markup("({})").format(year) if year else ""
        if authors:
            head = Markup(" ").join(p for p in (authors, dated) if p)
            parts = [head, title, venue]
        else:  # APA: the title takes the authors' place.
            parts = [title, dated, venue]
        parts.append(Markup(state[:1].upper() + state[1:]) if state else "")
        return _sentences([part for part in parts if part])
    rest = [part for part in (venue, year, state) if part]
    mark = "," if rest else "."
    if _ends_a_sentence(title):  # "Why?": no comma or period after it
        mark = ""
    quoted = Markup("\u201c{}{}\u201d").format(title, mark) if title else ""
    body = Markup(" ").join(
        p for p in (authors + Markup(",") if authors else "", quoted) if p
    )
    if rest:
        body = (body + Markup(" ") if body else body) + Markup(", ").join(rest)
    end = "" if body.endswith("\u201d") and not rest else "."
    if _ends_a_sentence(body):  # "<em>SIAM J. Comput.</em>": no second period
        end = ""
    return label + body.rstrip(",") + Markup(end)


def _title_html(reference: Reference) -> Markup:
    """Return the title shown, escaped; an untitled entry's address linked to it."""
    if not reference.title and reference.untitled_fallback[0] == "address":
        address = reference.links["url"]
        return Markup('<a href="{}">{}</a>').format(address, shown_address(address))
    return escape(reference.shown_title.rstrip("."))


def _ends_a_sentence(html: Markup | str) -> bool:
    """Tell whether the text of ``html`` ends in ``.``, ``?`` or ``!``."""
    return Markup(html).striptags().rstrip().endswith((".", "?", "!"))


def _sentences(parts: list[Markup]) -> Markup:
    """Join ``parts`` as sentences, a period after each that has none already.

    "Bo Lu et al.", "Why?" and an abbreviated journal ("SIAM J. Comput.")
    end in their own mark, as BibTeX's ``add.period$`` leaves them.
    """
    joined = Markup()
    for part in parts:
        if joined:
            joined += Markup(" ") if _ends_a_sentence(joined) else Markup(". ")
        joined += part
    return joined + ("" if not joined or _ends_a_sentence(joined) else Markup("."))


def owner_names(settings: Mapping[str, object]) -> tuple[str, ...]:
    """Return the site owner's names: ``SCHOLAR_OWNER_NAMES``, else ``AUTHOR``."""
    names = settings.get("SCHOLAR_OWNER_NAMES")
    if names is None:
        author = settings.get("AUTHOR")
        return (author,) if isinstance(author, str) and author.strip() else ()
    return tuple(str(name) for name in names)  # type: ignore[union-attr]


def site_bibliography(settings: Mapping[str, object]) -> Bibliography:
    """Read the site's bibliography: the ``SCHOLAR_BIBLIOGRAPHY`` files under ``PATH``.

    No file (the default folder missing, say) is an empty bibliography.
    """
    patterns = settings.get("SCHOLAR_BIBLIOGRAPHY", DEFAULT_PATTERN)
    content = settings.get("PATH", ".")
    return load_bibliography(bibliography_paths(str(content), patterns))  # type: ignore[arg-type]
