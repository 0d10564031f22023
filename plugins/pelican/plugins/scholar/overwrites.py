"""Pelican's writer refusing to write a file a second time, recognised in one place.

Pelican 4.10+ raises ``FileOverwriteFailedError`` when two pages would be
written to one file; older releases raise a plain ``RuntimeError`` saying
so. Generators that write pages of their own (collections, redirects) catch
:data:`OVERWRITE_REFUSED` and re-raise anything :func:`is_refused_overwrite`
does not recognise, so a refusal becomes a warning naming the source, and
other errors still stop the build.
"""

from __future__ import annotations

try:
    from pelican.writers import FileOverwriteFailedError as OVERWRITE_REFUSED
except ImportError:  # Pelican before 4.10 raises a plain RuntimeError
    OVERWRITE_REFUSED = RuntimeError  # type: ignore[misc,assignment]


def is_refused_overwrite(error: RuntimeError) -> bool:
    """Tell whether the writer refused to write a file a second time."""
    text = str(error)
    return type(error) is not RuntimeError or "overw" in text or "overrid" in text
