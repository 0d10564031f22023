"""The state of one Pelican build: made when a build starts, dropped when it ends.

Pelican sends ``initialized`` once per :class:`pelican.Pelican` object, but
its autoreload (``pelican -r``) runs the same object again and again, so
the state of a build is made on ``get_generators``, the first signal of
every run (:func:`start_build`), and dropped on ``finalized``
(:func:`end_build`). A build that raised never reaches ``finalized``; the
next run replaces its state all the same, so nothing of a failed build is
seen by the next one.

Handlers find the state of their build from the settings object Pelican
hands to every generator, reader, writer and content object of that build
(:func:`build_of`). It is kept here, by the identity of that object, rather
than in the settings themselves: Pelican pickles the settings with every
cached content object.

Another plugin (the speed plugin) adds its own state to a build when
:data:`build_started` is sent, and finishes its work when
:data:`build_finished` is, just before the state is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from blinker import Signal

from .facts import Facts
from .memo import Memo

if TYPE_CHECKING:
    from collections.abc import Mapping

    from pelican import Pelican

#: Sent with the new :class:`Build` once it is made, before any generator.
build_started: Final = Signal("scholar build started")
#: Sent with the :class:`Build` on ``finalized``, before it is dropped.
build_finished: Final = Signal("scholar build finished")


@dataclass
class Build:
    """What one build knows beyond Pelican's settings."""

    settings: Mapping[str, Any]
    memo: Memo = field(default_factory=Memo)
    facts: Facts = field(init=False)
    #: The tags published posts carry (Posts by Tags has a section, and
    #: Pelican a page, for each); ``None`` until the articles are read.
    listed_tags: frozenset[Any] | None = None
    #: Content with ``redirect_from`` metadata, in reading order (redirects.py).
    redirected: list[Any] = field(default_factory=list)
    #: State of other plugins for this build, by plugin name.
    extensions: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.facts = Facts(self.settings, self.memo)

    def use_memo(self, memo: Memo) -> None:
        """Memoise this build's facts in ``memo`` (the speed plugin's, kept)."""
        self.memo = memo
        self.facts = Facts(self.settings, memo)


_BUILDS: dict[int, Build] = {}


def start_build(pelican: Pelican) -> None:
    """Make the state of the build ``pelican`` is starting (``get_generators``)."""
    build = Build(pelican.settings)
    _BUILDS[id(pelican.settings)] = build
    build_started.send(build)


def build_of(settings: Mapping[str, Any]) -> Build:
    """Return the state of the running build that has these ``settings``."""
    try:
        return _BUILDS[id(settings)]
    except KeyError:
        msg = (
            "no pelican-scholar build is running with these settings: the"
            " plugin's handlers run only inside a Pelican build"
        )
        raise LookupError(msg) from None


def end_build(pelican: Pelican) -> None:
    """Finish and drop the state of the build that ended (``finalized``)."""
    build = _BUILDS.pop(id(pelican.settings), None)
    if build is not None:
        build_finished.send(build)
