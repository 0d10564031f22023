"""The speed plugin keeps compiled templates between builds, and never a stale one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import NO_CACHE, REPO_ROOT, build, run_python, tree
from jinja2 import Environment, FileSystemLoader

from pelican.plugins.scholar.speed.compiled_templates import (
    CompiledTemplates,
    skip_template_checks,
)

# Builds the site twice in one process, with Pelican's caches on, counting
# the templates Jinja compiles in each build; the theme's footer is edited
# before the second build when asked to.
COUNTED_BUILDS = """
import json, sys
from pathlib import Path
import jinja2
from pelican import Pelican
from pelican.settings import read_settings

compiled = []
original = jinja2.Environment.compile
def counting(self, source, name=None, *args, **kwargs):
    compiled.append(name)
    return original(self, source, name, *args, **kwargs)
jinja2.Environment.compile = counting

output, theme = sys.argv[1], sys.argv[2]
counts = []
for number in range(3):
    if number == 2:  # the footer edited before the third build
        footer = Path(theme, "templates", "partials", "footer.html")
        footer.write_text(footer.read_text() + "<!-- edited footer -->")
    settings = read_settings("pelicanconf.py", override={
        "PATH": "content", "OUTPUT_PATH": output + str(number), "THEME": theme,
        "PLUGINS": @PLUGINS@, "SCHOLAR_PARALLEL_READING": False,
        "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True,
    })
    compiled.clear()
    Pelican(settings).run()
    counts.append(sorted(set(n for n in compiled if n)))
print("COUNTS", json.dumps(counts))
"""


def counted_builds(site: Path, output: str, theme: Path) -> list:
    """Run :data:`COUNTED_BUILDS`; return the templates compiled by each build."""
    plugins = ["pelican.plugins.scholar", "pelican.plugins.scholar.speed"]
    script = COUNTED_BUILDS.replace("@PLUGINS@", repr(plugins))
    result = run_python(script, output, theme, cwd=site)
    line = next(x for x in result.stdout.splitlines() if x.startswith("COUNTS "))
    return json.loads(line.removeprefix("COUNTS "))


def test_later_builds_compile_only_an_edited_template(
    fixture_site: Path, tmp_path: Path
) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(REPO_ROOT / "theme", theme)
    output = str(tmp_path / "out")
    first, second, edited = counted_builds(fixture_site, output, theme)
    assert "base.html" in first
    assert second == []
    assert edited == ["partials/footer.html"]
    assert list((fixture_site / "cache" / "jinja").iterdir())
    assert "<!-- edited footer -->" in Path(output + "2", "index.html").read_text()
    # The pages of the second build are those of a build without the plugin
    # (the theme as it was: the footer is edited after the second build).
    expected = tmp_path / "expected"
    shutil.copytree(REPO_ROOT / "theme", theme, dirs_exist_ok=True)
    build(
        fixture_site,
        expected,
        *NO_CACHE,
        f"THEME={json.dumps(str(theme))}",
        speed=False,
    )
    assert tree(Path(output + "1")) == tree(expected)


def test_environments_of_other_options_share_no_compiled_template(
    tmp_path: Path,
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("{% if true %}\n  x\n{% endif %}\n")
    folder = tmp_path / "cache"

    def render(**options: bool) -> str:
        cache = CompiledTemplates(folder, load=True, store=True)
        loader = FileSystemLoader(templates)
        environment = Environment(loader=loader, bytecode_cache=cache, **options)
        return environment.get_template("page.html").render()

    plain = render()
    trimmed = render(trim_blocks=True, lstrip_blocks=True)
    assert len(list(folder.iterdir())) == 2
    assert trimmed == "  x\n" != plain
    assert render() == plain


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The names of the templates Jinja compiles during the test, in order."""
    names: list[str | None] = []
    original = Environment.compile

    def counting(self: Environment, source: str, name: str | None = None, *a, **k):
        names.append(name)
        return original(self, source, name, *a, **k)

    monkeypatch.setattr(Environment, "compile", counting)
    return names


def render_page(templates: Path, folder: Path, *, load: bool = True) -> str:
    """Render ``page.html`` of ``templates`` in a new environment caching in ``folder``."""
    cache = CompiledTemplates(folder, load=load, store=True)
    environment = Environment(loader=FileSystemLoader(templates), bytecode_cache=cache)
    return environment.get_template("page.html").render()


def test_without_loading_every_build_compiles_again(
    tmp_path: Path, compiled: list[str | None]
) -> None:
    # LOAD_CONTENT_CACHE off: stored entries are never used.
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("{{ 1 + 1 }}")
    folder = tmp_path / "cache"
    assert render_page(templates, folder, load=False) == "2"
    assert render_page(templates, folder, load=False) == "2"
    assert compiled == ["page.html", "page.html"]
    assert render_page(templates, folder, load=True) == "2"
    assert compiled == ["page.html", "page.html"]


def test_a_later_build_of_the_process_takes_the_compiled_code_from_memory(
    tmp_path: Path, compiled: list[str | None]
) -> None:
    # The warm build's later builds read no cache file: with the files gone,
    # the template is neither compiled nor read again, until its source changes.
    templates = tmp_path / "templates"
    templates.mkdir()
    page = templates / "page.html"
    page.write_text("{{ 2 * 3 }}")
    folder = tmp_path / "cache"
    assert render_page(templates, folder) == "6"
    assert compiled == ["page.html"]
    shutil.rmtree(folder)
    folder.mkdir()
    assert render_page(templates, folder) == "6"
    assert compiled == ["page.html"]
    assert list(folder.iterdir()) == []
    page.write_text("{{ 2 * 4 }}")
    assert render_page(templates, folder) == "8"
    assert compiled == ["page.html", "page.html"]


def test_templates_are_not_checked_again_within_a_build() -> None:
    settings = {"JINJA_ENVIRONMENT": {"trim_blocks": True}}
    skip_template_checks(settings)
    assert settings["JINJA_ENVIRONMENT"] == {"trim_blocks": True, "auto_reload": False}
    own = {"JINJA_ENVIRONMENT": {"auto_reload": True}}
    skip_template_checks(own)
    assert own["JINJA_ENVIRONMENT"] == {"auto_reload": True}  # the site's own choice
