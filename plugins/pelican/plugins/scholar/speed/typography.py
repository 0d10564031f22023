"""Pelican's ``TYPOGRIFY``, memoised: each input text is typogrified once.

Pelican runs typogrify (smartypants is most of its cost) on the body, title
and summary of every post on every build, after its content cache, so even
a cached rebuild pays it again. :func:`install_memo` puts a memoising
wrapper in place of ``typogrify.filters.typogrify``, the function Pelican
imports at each call (an internal, checked by :mod:`.internals`), for one
build; :func:`remove_memo` puts typogrify back when the build ends.

Pelican's own code still makes every call, with its own arguments. The
wrapper returns a stored result when the same text was typogrified with the
same arguments, the same smartypants attributes (``TYPOGRIFY_DASHES``) and
the same code (:func:`..cachefiles.code_key`, which holds typogrify's and
smartypants' versions), and computes it otherwise, with
:func:`.fast_typography.typogrify`: typogrify's output at about a tenth of
its cost (it hands what it does not handle to typogrify itself). The output
is therefore byte for byte Pelican's. The wrapper counts its calls and how many the memo
answered, for the build's log ("Typography: N of M texts cached").

Worker processes (:mod:`.parallel`) fill the memo ahead of Pelican's calls
with :func:`typogrify_like_pelican`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from ..cachefiles import digest
from .fast_typography import FALLBACKS
from .fast_typography import typogrify as fast_typogrify

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from ..memo import Memo

_KIND: Final = "typogrify"


class MemoisedTypogrify:
    """Stands in for ``typogrify.filters.typogrify``, consulting a memo first."""

    def __init__(self, function: Callable[..., str], memo: Memo) -> None:
        self.wrapped = function
        self.memo = memo
        #: Calls with text, and how many of them the memo answered.
        self.calls = 0
        self.cached = 0
        self._fallbacks_before = FALLBACKS.count

    @property
    def handed_over(self) -> int:
        """How many texts this process gave to typogrify itself since."""
        return FALLBACKS.count - self._fallbacks_before

    def key(self, text: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> bytes:
        """Return the memo key of one call, smartypants' current mode included."""
        import smartypants  # noqa: PLC0415 - only sites with TYPOGRIFY need it

        return digest(
            _KIND,
            repr(args),
            repr(sorted(kwargs.items())),
            str(int(smartypants.Attr.default)),
            text,
        )

    def __call__(self, text: str, *args: Any, **kwargs: Any) -> str:
        """Return typogrify's output for these arguments, from the memo if known."""
        if not isinstance(text, str):
            return self.wrapped(text, *args, **kwargs)
        key = self.key(text, args, kwargs)
        self.calls += 1
        result = self.memo.get(key)
        if result is None:
            result = fast_typogrify(text, *args, **kwargs)
            self.memo.put(key, result)
        else:
            self.cached += 1
        return result


def install_memo(memo: Memo) -> MemoisedTypogrify:
    """Put a memoised typogrify in place of ``typogrify.filters.typogrify``.

    Installing again (another build in the same process) swaps the memo only.
    """
    import typogrify.filters  # noqa: PLC0415 - only sites with TYPOGRIFY need it

    current = typogrify.filters.typogrify
    original = current.wrapped if isinstance(current, MemoisedTypogrify) else current
    memoised = MemoisedTypogrify(original, memo)
    typogrify.filters.typogrify = memoised
    return memoised


def remove_memo() -> None:
    """Put typogrify's own function back, if a memoised one stands in for it."""
    import typogrify.filters  # noqa: PLC0415

    current = typogrify.filters.typogrify
    if isinstance(current, MemoisedTypogrify):
        typogrify.filters.typogrify = current.wrapped


def set_dashes_like_pelican(settings: Mapping[str, Any]) -> None:
    """Set smartypants' mode as Pelican's reader does before it typogrifies."""
    import smartypants  # noqa: PLC0415

    dashes = settings["TYPOGRIFY_DASHES"]
    if dashes == "oldschool":
        smartypants.Attr.default = smartypants.Attr.set2
    elif dashes == "oldschool_inverted":
        smartypants.Attr.default = smartypants.Attr.set3
    else:
        smartypants.Attr.default = smartypants.Attr.set1
    smartypants.Attr.default |= smartypants.Attr.w


def typogrify_like_pelican(text: str, settings: Mapping[str, Any]) -> str:
    """Typogrify ``text`` with the arguments Pelican's reader passes."""
    import typogrify.filters  # noqa: PLC0415 - the memoised one, while a build runs

    set_dashes_like_pelican(settings)
    return typogrify.filters.typogrify(
        text,
        settings["TYPOGRIFY_IGNORE_TAGS"],
        **dict.fromkeys(settings["TYPOGRIFY_OMIT_FILTERS"], False),
    )
