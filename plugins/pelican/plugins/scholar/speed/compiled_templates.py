"""Compiled templates kept between builds (Jinja's bytecode cache), checked once.

Pelican makes a new Jinja environment for every generator of every build,
so each build parses and compiles the theme's templates again: about 60
compilations, nearly half of a one-edit build of the demo. Jinja can keep
the compiled code of each template in a folder and reuse it while the
template's source is unchanged (its ``bytecode_cache`` option); Pelican
passes its ``JINJA_ENVIRONMENT`` setting to every environment it makes.

:func:`use_compiled_templates` puts a :class:`CompiledTemplates` cache in
that setting for a build with Pelican's content cache on (it loads with
``LOAD_CONTENT_CACHE`` and stores with ``CACHE_CONTENT``), in
``CACHE_PATH/jinja``; a site that names its own ``bytecode_cache`` keeps it.
Jinja checks each entry against the template's source and its own and
Python's versions; this cache also keys it by the environment's options
that change the compiled code (delimiters, extensions, whitespace control,
autoescape), so two environments of different options never share an
entry. A render is the same with or without it: only the compilation is
skipped.

A process that builds again (``invoke livereload``'s warm build) also
keeps each compiled template in memory, by its cache file and source
checksum: a later build of that process takes the code from there instead
of reading and unmarshalling the file again (about 60 files, a tenth of a
one-edit build of the demo). A changed source has another checksum, so it
is never served from memory.

:func:`skip_template_checks` turns off Jinja's ``auto_reload`` for the
build's environments (which Pelican makes anew for every build), so a
template included once per listed post is not checked on disk each time.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from jinja2.bccache import Bucket, FileSystemBytecodeCache

from ..cachefiles import digest

if TYPE_CHECKING:
    from collections.abc import MutableMapping
    from types import CodeType

    from jinja2 import Environment

#: The cache's folder, under ``CACHE_PATH``.
FOLDER: Final = "jinja"
#: Environment attributes that change the code Jinja compiles a template to.
COMPILE_OPTIONS: Final = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "is_async",
    "finalize",
    "autoescape",
    "code_generator_class",
    "context_class",
)
#: Compiled templates this process loaded or stored, by cache folder and
#: key, with the checksum of the source they were compiled from.
_IN_MEMORY: dict[tuple[str, str], tuple[str, CodeType]] = {}


def _option_text(value: Any) -> str:
    """Name a compile option the same way in every process."""
    if callable(value):
        module = getattr(value, "__module__", "?")
        return f"{module}.{getattr(value, '__qualname__', type(value).__name__)}"
    return repr(value)


def compile_options_key(environment: Environment) -> str:
    """Digest what, beside a template's source, decides its compiled code."""
    options = [
        _option_text(getattr(environment, name, None)) for name in COMPILE_OPTIONS
    ]
    options += sorted(environment.extensions)
    return digest("jinja-options", *options).hex()


class CompiledTemplates(FileSystemBytecodeCache):
    """Jinja's file bytecode cache, keyed by the environment's options too.

    ``load`` and ``store`` say whether entries are read and written, as
    Pelican's ``LOAD_CONTENT_CACHE`` and ``CACHE_CONTENT`` do for content.
    """

    def __init__(self, directory: Path, *, load: bool, store: bool) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        super().__init__(str(directory))
        self.load = load
        self.store = store

    def get_bucket(
        self,
        environment: Environment,
        name: str,
        filename: str | None,
        source: str,
    ) -> Bucket:
        """Return the entry of ``name`` for this environment's options."""
        key = self.get_cache_key(name, filename) + compile_options_key(environment)
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        if not self.load:
            return bucket
        kept = _IN_MEMORY.get((self.directory, key))
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]
            return bucket
        self.load_bytecode(bucket)
        self._remember(bucket)
        return bucket

    def set_bucket(self, bucket: Bucket) -> None:
        """Store a newly compiled template, when storing is on."""
        if self.store:
            super().set_bucket(bucket)
            self._remember(bucket)

    def _remember(self, bucket: Bucket) -> None:
        """Keep ``bucket``'s code for this process's later builds, if it has one."""
        if bucket.code is not None:
            _IN_MEMORY[self.directory, bucket.key] = (bucket.checksum, bucket.code)


def skip_template_checks(settings: MutableMapping[str, Any]) -> None:
    """Let the build's Jinja environments trust the templates they loaded.

    With Jinja's default ``auto_reload``, every ``get_template`` of a loaded
    template (each ``include`` in a loop: once per post listed) checks the
    file's modification time: about 90,000 checks in a cold build of 1,000
    posts. Pelican makes new environments for every build, so a template
    edited between builds is still read again. A site's own ``auto_reload``
    is kept.
    """
    environment = settings.get("JINJA_ENVIRONMENT") or {}
    if "auto_reload" not in environment:
        settings["JINJA_ENVIRONMENT"] = {**environment, "auto_reload": False}


def use_compiled_templates(settings: MutableMapping[str, Any]) -> None:
    """Give the build's Jinja environments the compiled-templates cache.

    Only with Pelican's content cache on, and only when the site set no
    ``bytecode_cache`` of its own. ``JINJA_ENVIRONMENT`` is replaced by a
    copy, never changed in place (its default is shared by every build).
    """
    load = bool(settings.get("LOAD_CONTENT_CACHE"))
    store = bool(settings.get("CACHE_CONTENT"))
    environment = settings.get("JINJA_ENVIRONMENT") or {}
    if not (load or store):
        return
    current = environment.get("bytecode_cache")
    if current is not None and not isinstance(current, CompiledTemplates):
        return
    cache = CompiledTemplates(
        Path(settings["CACHE_PATH"]) / FOLDER, load=load, store=store
    )
    settings["JINJA_ENVIRONMENT"] = {**environment, "bytecode_cache": cache}
