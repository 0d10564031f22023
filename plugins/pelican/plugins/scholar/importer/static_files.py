"""Which files of the old site are copied as they are, and which are left out.

Jekyll copies every folder and file not starting with ``_`` or ``.`` (and not
in ``exclude``) into the site. The import does the same, except for the old
theme's own CSS, JavaScript and fonts and the tools that built it, which the
new site does not need: each is named in the report.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from pathlib import Path

#: Top-level files and folders of academicpages/Minimal Mistakes that build
#: or style the old site (not its content).
BUILD_TOOLS: Final = frozenset(
    {
        "Gemfile",
        "Gemfile.lock",
        "Rakefile",
        "Dockerfile",
        "docker-compose.yml",
        "docker-compose.yaml",
        "package.json",
        "package-lock.json",
        "Capfile",
        "Gruntfile.js",
        "gulpfile.js",
        "node_modules",
        "vendor",
        "markdown_generator",
        "scripts",
        "script",
        "talkmap.py",
        "talkmap.ipynb",
        "talkmap_out.ipynb",
        "CHANGELOG.md",
        "CONTRIBUTING.md",
        "CODE_OF_CONDUCT.md",
        "LICENSE",
        "LICENSE.md",
        "LICENSE.txt",
        "README.md",
        "README",
        "CITATION.cff",
        "config",
        "local",
        "log",
        "tmp",
    }
)
#: Sub-folders of ``assets/`` that hold the old theme (kept: everything else).
THEME_ASSETS: Final = frozenset({"css", "js", "fonts", "webfonts", "sass"})


@dataclass
class StaticPlan:
    """What to copy: folders (kept at their path) and files for the site's root."""

    folders: list[str] = field(default_factory=list)
    root_files: list[str] = field(default_factory=list)
    #: (path, why) for each top-level entry left out.
    left_out: list[tuple[str, str]] = field(default_factory=list)


def _excluded(name: str, patterns: list[str]) -> bool:
    """Whether ``_config.yml``'s ``exclude`` names ``name``."""
    return any(fnmatch.fnmatch(name, pattern.strip("/")) for pattern in patterns)


def plan_static(
    source: Path,
    *,
    read: set[str] | frozenset[str],
    exclude: list[str],
    include: list[str],
) -> StaticPlan:
    """Decide, for each top-level entry of ``source``, whether it is copied.

    ``read`` are the folders the import reads or knows to hold the old
    theme (not copied, not reported);
    ``exclude`` and ``include`` are ``_config.yml``'s lists.
    """
    plan = StaticPlan()
    for entry in sorted(source.iterdir()):
        name = entry.name
        hidden = name.startswith(("_", "."))
        if name in read or name in (".git", ".github"):
            continue
        if hidden and name not in include:
            if entry.is_dir() and name.startswith("_"):
                plan.left_out.append((name, "a Jekyll folder the import does not read"))
            continue
        if _excluded(name, exclude):
            plan.left_out.append((name, "excluded in _config.yml"))
        elif name in BUILD_TOOLS or name.endswith(".gemspec"):
            plan.left_out.append((name, "the old site's build tools"))
        elif name == "assets" and entry.is_dir():
            _plan_assets(entry, plan)
        elif entry.is_dir():
            plan.folders.append(name)
        else:
            plan.root_files.append(name)
    return plan


def _plan_assets(assets: Path, plan: StaticPlan) -> None:
    """Keep ``assets/`` except the old theme's styles, scripts and fonts."""
    for entry in sorted(assets.iterdir()):
        path = f"assets/{entry.name}"
        if entry.name in THEME_ASSETS:
            plan.left_out.append((path, "the old theme's styles, scripts or fonts"))
        else:
            plan.folders.append(path)
