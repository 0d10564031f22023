"""Stand-ins: the speed plugin's wrappers, put in place of another package's function.

Several speed-ups wrap a function of Pelican or of pelican-katex for a
build (:mod:`.source_paths`, :mod:`.output_locations`, :mod:`.katex_renders`,
:mod:`.theme_files`). Each stand-in carries the function it stands in for
under :data:`MARK`, so that it is put in place once, is never wrapped in
itself, and the original is put back when the build finishes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from collections.abc import Callable

#: The attribute of a stand-in that holds the function it stands in for.
MARK: Final = "__scholar_wrapped__"


def is_stand_in(function: object) -> bool:
    """Tell whether ``function`` is one of the speed plugin's stand-ins."""
    return hasattr(function, MARK)


def original_of(function: Callable[..., Any]) -> Callable[..., Any]:
    """Return the function a stand-in stands in for, or ``function`` itself."""
    return getattr(function, MARK, function)


def put_in_place(
    owner: Any, name: str, stand_in: Callable[..., Any], original: Callable[..., Any]
) -> None:
    """Make ``stand_in`` (marked with ``original``) ``owner``'s ``name``."""
    setattr(stand_in, MARK, original)
    setattr(owner, name, stand_in)


def put_back(owner: Any, name: str) -> None:
    """Give ``owner`` its own ``name`` back, if a stand-in is in its place."""
    original = getattr(getattr(owner, name), MARK, None)
    if original is not None:
        setattr(owner, name, original)
