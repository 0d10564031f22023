"""What the speed plugin keeps for one build, inside the core's build state."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from ..build import build_of
from ..memo import Memo
from .parallel import Prefetcher

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..build import Build
    from .incremental import IncrementalWriter
    from .theme_files import Skipped
    from .typography import MemoisedTypogrify

#: The key of this plugin's state in :attr:`..build.Build.extensions`.
EXTENSION: Final = "speed"
#: The memo of typography and facts, under ``CACHE_PATH``.
MEMO_FILE: Final = "scholar-memo.pickle"


@dataclass
class SpeedBuild:
    """The speed plugin's part of one build."""

    memo: Memo
    prefetcher: Prefetcher
    typography: MemoisedTypogrify | None = None
    writer: IncrementalWriter | None = field(default=None)
    theme_files: Skipped | None = None

    @classmethod
    def start(cls, build: Build) -> SpeedBuild:
        """Make the state for ``build``, with the memo the last build kept."""
        settings = build.settings
        memo = (
            Memo.load(memo_path(settings))
            if settings.get("LOAD_CONTENT_CACHE")
            else Memo()
        )
        build.use_memo(memo)
        return cls(memo=memo, prefetcher=Prefetcher(settings, build.facts))


def memo_path(settings: Mapping[str, Any]) -> Path:
    """Where the memo is kept."""
    return Path(settings["CACHE_PATH"]) / MEMO_FILE


def speed_of(settings: Mapping[str, Any]) -> SpeedBuild | None:
    """Return the speed state of the build with ``settings``.

    ``None`` when the plugin stepped aside (:mod:`.internals`).
    """
    return build_of(settings).extensions.get(EXTENSION)
