"""The Pelican internals the speed plugin relies on, and the check that they are there.

Only this plugin touches Pelican's internals, and only these:

Parallel reading (:mod:`.parallel`)
    ``Readers.read_file`` calls ``reader.read(path)`` on the reader instances
    of ``Readers.readers`` with the file's absolute path, and typogrifies with
    ``typogrify.filters.typogrify`` imported at each call; the generators'
    ``get_files``, ``get_cached_data`` and ``readers.get_cached_data`` say
    which files Pelican will read; ``pelican.readers._DISCARD`` marks empty
    metadata; ``pelican.utils.file_suffix`` names a file's format.
    pelican-katex's ``RenderServer.RENDER_SERVER`` is restarted in
    each worker, when that plugin is loaded.
Typography memo (:mod:`.typography`)
    ``typogrify.filters.typogrify`` is replaced by a memoising wrapper, which
    works because Pelican imports it at each call.
Relative source paths (:mod:`.source_paths`)
    ``Content.get_relative_source_path(self, source_path=None)`` depends
    only on ``PATH``, the source path and the working folder, and is
    replaced by a memoising wrapper for the build.
Static links (:mod:`.static_links`)
    ``Content.get_static_links(self)`` searches ``self._content`` and keeps
    the links whose kind is ``static`` or ``attach``; a stand-in skips the
    search for a post holding neither word.
Output locations (:mod:`.output_locations`)
    ``Content.get_url_setting(self, key)`` returns an ``override_`` value
    or formats the setting with ``_expand_settings``, and is memoised
    while pages are written.
Theme files (:mod:`.theme_files`)
    ``pelican.utils.copy`` copies each file through the module's
    ``copy_file(source, destination)``, which is wrapped for the build.
Incremental writes (:mod:`.incremental`)
    ``Writer.write_file`` has the signature of Pelican 4.12 and renders each
    output file with ``template.render(localcontext)``, where
    ``localcontext["output_file"]`` names the file and ``<key>_page`` holds a
    paginated page; it writes that text, and only there, through
    ``Writer._open_w``, which records the files written in ``_written_files``
    and ``_overridden_files`` (a page reused in place is not written again,
    nor read, but recorded the same way).

:func:`unsupported_reason` checks each of these once per process. When one
is not as expected (another Pelican release), the plugin logs one warning
and steps aside: the build is the same, only slower.
"""

from __future__ import annotations

import inspect
from functools import cache
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from collections.abc import Iterable

#: The Pelican releases the speed plugin is tested on: 4.12.x.
TESTED_PELICAN: Final = ((4, 12), (4, 13))
#: The parameters of ``Writer.write_file`` in Pelican 4.12.
WRITE_FILE_PARAMETERS: Final = (
    "self",
    "name",
    "template",
    "context",
    "relative_urls",
    "paginated",
    "template_name",
    "override_output",
    "url",
    "kwargs",
)
#: Source fragments that must be in Pelican's functions, by function.
EXPECTED_SOURCE: Final = {
    "Readers.read_file": (
        "reader.read(path)",
        "from typogrify.filters import typogrify",
        "self.get_cached_data(path",
    ),
    "Writer.write_file": (
        "template.render(localcontext)",
        'localcontext["output_file"] = name',
        '"{key}_page"',
        'self._open_w(path, "utf-8", override=override)',
        "f.write(output)",
    ),
    "Content.get_relative_source_path": (
        "source_path = self.source_path",
        'os.path.abspath(os.path.join(self.settings["PATH"], source_path))',
        'os.path.abspath(self.settings["PATH"])',
    ),
    "Content.get_static_links": (
        "hrefs.finditer(self._content)",
        'if what not in {"static", "attach"}:',
    ),
    "Content.get_url_setting": (
        'hasattr(self, "override_" + key)',
        "return self._expand_settings(key)",
    ),
    "pelican.utils.copy": (
        "copy_file(source_, destination_)",
        "copy_file(src_path, dst_path)",
    ),
    "Writer._open_w": (
        "self._overridden_files.add(filename)",
        "self._written_files.add(filename)",
        'return open(filename, "w", encoding=encoding)',
    ),
}


def _version_tuple(text: str) -> tuple[int, ...]:
    numbers = []
    for part in text.split("."):
        digits = "".join(character for character in part if character.isdigit())
        if not digits:
            break
        numbers.append(int(digits))
    return tuple(numbers)


def source_problems(
    label: str,
    function: Any,
    fragments: Iterable[str],
    parameters: tuple[str, ...] | None = None,
) -> list[str]:
    """Say how ``function`` (called ``label``) differs from what a stand-in expects.

    It must hold each of ``fragments`` in its source (quotes read as ``"``)
    and, when ``parameters`` are given, take those. An empty list when it does.
    """
    try:
        source = inspect.getsource(function)
        taken = tuple(inspect.signature(function).parameters) if parameters else None
    except (OSError, TypeError, ValueError):
        return [f"the source of {label} cannot be read"]
    problems = [f"{label} takes {taken}"] if taken != parameters else []
    normalised = source.replace("'", '"')
    return problems + [
        f"{label} no longer contains {fragment!r}"
        for fragment in fragments
        if fragment not in normalised
    ]


def _source_problems() -> list[str]:
    from pelican import utils as pelican_utils  # noqa: PLC0415
    from pelican.contents import Content  # noqa: PLC0415
    from pelican.readers import Readers  # noqa: PLC0415
    from pelican.writers import Writer  # noqa: PLC0415

    functions = {
        "Readers.read_file": Readers.read_file,
        "Writer.write_file": Writer.write_file,
        "Content.get_relative_source_path": Content.get_relative_source_path,
        "Content.get_static_links": Content.get_static_links,
        "Content.get_url_setting": Content.get_url_setting,
        "Writer._open_w": Writer._open_w,
        "pelican.utils.copy": pelican_utils.copy,
    }
    problems = []
    for name, fragments in EXPECTED_SOURCE.items():
        problems += source_problems(name, functions[name], fragments)
    parameters = tuple(inspect.signature(Writer.write_file).parameters)
    if parameters != WRITE_FILE_PARAMETERS:
        problems.append(f"Writer.write_file takes {parameters}")
    return problems


@cache
def unsupported_reason() -> str | None:
    """Say why the speed plugin cannot work with this Pelican, or ``None``."""
    import pelican  # noqa: PLC0415
    from pelican import readers  # noqa: PLC0415
    from pelican import utils as pelican_utils  # noqa: PLC0415

    version = getattr(pelican, "__version__", "")
    low, high = TESTED_PELICAN
    if not low <= _version_tuple(version)[:2] < high:
        return f"it is tested on Pelican 4.12 only, not {version or 'this one'}"
    if not hasattr(readers, "_DISCARD"):
        return "pelican.readers._DISCARD is gone"
    if not hasattr(pelican_utils, "file_suffix"):
        return "pelican.utils.file_suffix is missing"
    problems = _source_problems()
    return "; ".join(problems) if problems else None
