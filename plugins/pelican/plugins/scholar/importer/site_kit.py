"""The files that let an imported site build, check and deploy itself.

Provides :func:`write_site_kit`, which writes into a site's folder:

- ``requirements.txt``: this bundle, the task tools (invoke and ghp-import)
  and pelican-katex when the site has math, each with its
  runtime dependencies, pinned to the versions installed where the import
  runs (:func:`pinned_requirements`);
- ``.python-version``: this Python's version, which the workflow installs, so
  the pins resolve there as they did here;
- ``tasks.py``: the bundle's invoke tasks (:mod:`..site_tasks`);
- ``.github/workflows/pages.yml``: build and deploy to GitHub Pages;
- ``.gitignore``: what builds and local tools write.

The last three are files of the package (``site_kit_files/``), copied as
they are.
"""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, distribution
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Final

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

if TYPE_CHECKING:
    from collections.abc import Iterable

#: This bundle's distribution name.
DISTRIBUTION: Final = "pelican-scholar"
#: What the tasks need beside the bundle.
TASK_TOOLS: Final = ("invoke", "ghp-import")
#: What a site with math needs beside the bundle.
MATH_TOOLS: Final = ("pelican-katex",)
#: What writes ``sitemap.xml`` (as jekyll-sitemap did).
SITEMAP_TOOLS: Final = ("pelican-sitemap",)

#: Files copied from the package, by their path in a site.
KIT_FILES: Final = {
    "tasks.py": "tasks.py",
    ".github/workflows/pages.yml": "pages.yml",
    ".gitignore": "gitignore",
}

REQUIREMENTS_HEADER: Final = """\
# What the site needs to build, check and deploy, at the versions it was
# imported with (`pelican-scholar import`). Install with
#     python -m pip install -r requirements.txt
# To upgrade, install newer versions and write the file again with pip freeze.
"""


def _requires(requirement: Requirement) -> list[Requirement]:
    """Return the installed ``requirement``'s runtime dependencies (and its extras')."""
    extras = {""} | set(requirement.extras)
    found = []
    for text in distribution(requirement.name).requires or ():
        dependency = Requirement(text)
        if dependency.marker is None or any(
            dependency.marker.evaluate({"extra": extra}) for extra in extras
        ):
            found.append(dependency)
    return found


def _declared(name: str) -> str:
    """Return ``name`` as this bundle's own metadata requires it (any extra)."""
    for text in distribution(DISTRIBUTION).requires or ():
        requirement = Requirement(text)
        if canonicalize_name(requirement.name) == canonicalize_name(name):
            return f"{requirement.name}{requirement.specifier}"
    return name


def pinned_requirements(roots: Iterable[str]) -> list[str]:
    """Return ``Name==version`` lines for ``roots`` and their dependency trees.

    Versions are the installed ones; dependencies whose environment marker
    does not hold here (another platform, an older Python) are left out. A
    root that is not installed here cannot be pinned: its line is the bundle's
    declared range with a comment saying so.
    """
    pins: dict[str, str] = {}
    seen: set[tuple[str, frozenset[str]]] = set()
    pending = [Requirement(root) for root in roots]
    while pending:
        requirement = pending.pop()
        name = canonicalize_name(requirement.name)
        key = (name, frozenset(requirement.extras))
        if key in seen:
            continue
        seen.add(key)
        try:
            installed = distribution(requirement.name)
        except PackageNotFoundError:
            pins[name] = f"{_declared(requirement.name)}  # not installed: not pinned"
            continue
        pins[name] = f"{installed.metadata['Name']}=={installed.version}"
        pending += _requires(requirement)
    return [pins[name] for name in sorted(pins)]


def requirements_text(*, math: bool, sitemap: bool = False) -> str:
    """Return the text of a site's ``requirements.txt``."""
    roots = [
        DISTRIBUTION,
        *TASK_TOOLS,
        *(MATH_TOOLS if math else ()),
        *(SITEMAP_TOOLS if sitemap else ()),
    ]
    return REQUIREMENTS_HEADER + "".join(
        f"{line}\n" for line in pinned_requirements(roots)
    )


def kit_file(name: str) -> str:
    """Return the text of one of the package's ``site_kit_files``."""
    return (files(__package__) / "site_kit_files" / name).read_text(encoding="utf-8")


def write_site_kit(dest: Path, *, math: bool, sitemap: bool = False) -> list[Path]:
    """Write the site kit into ``dest``; return the files written, relative to it.

    ``math`` adds pelican-katex to the requirements, ``sitemap``
    pelican-sitemap.
    """
    texts = {
        "requirements.txt": requirements_text(math=math, sitemap=sitemap),
        ".python-version": f"{sys.version_info.major}.{sys.version_info.minor}\n",
        **{path: kit_file(name) for path, name in KIT_FILES.items()},
    }
    for path, text in texts.items():
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return [Path(path) for path in texts]
