"""Text that remembers, line by line, where it came from.

The body conversions run one after another (Liquid, kramdown, math); each
changes the text, yet every finding must name a line of the text the importer
read. :class:`Tracked` carries, for each of its lines, the 1-based line of the
original text it came from, and :class:`Rewriter` builds a new
:class:`Tracked` from pieces kept or replaced, so the origins follow along.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

_LINE_END = re.compile("\n")


@dataclass(frozen=True)
class Tracked:
    """A text and, for each of its lines, the original line it came from."""

    text: str
    #: ``origins[i]`` is the 1-based original line of line ``i`` of ``text``.
    origins: tuple[int, ...]

    @classmethod
    def original(cls, text: str) -> Tracked:
        """Wrap a text read from a file: line ``i`` comes from line ``i + 1``."""
        return cls(text, tuple(range(1, text.count("\n") + 2)))

    @property
    def lines(self) -> list[str]:
        """The lines of the text, without their line ends."""
        return self.text.split("\n")

    def line_starts(self) -> list[int]:
        """Return the offsets where the lines of the text start (computed once)."""
        return self._line_starts

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0, *(match.end() for match in _LINE_END.finditer(self.text))]

    def origin_at(self, offset: int, starts: list[int] | None = None) -> int:
        """Return the original line of the character at ``offset``."""
        starts = starts if starts is not None else self.line_starts()
        return self.origins[bisect_right(starts, offset) - 1]

    @classmethod
    def from_lines(cls, lines: list[tuple[str, int]]) -> Tracked:
        """Join ``(line, origin)`` pairs into a text."""
        if not lines:
            return cls("", (1,))
        return cls("\n".join(text for text, _ in lines), tuple(o for _, o in lines))


@dataclass
class Rewriter:
    """Build a new :class:`Tracked` from a source: spans kept or replaced."""

    source: Tracked
    _pieces: list[str] = field(default_factory=list)
    _origins: list[int] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _done: int = 0

    def __post_init__(self) -> None:
        """Index the source's lines once."""
        self._starts = self.source.line_starts()
        self._origins = [self.source.origins[0]]

    @property
    def position(self) -> int:
        """Offset in the source up to which the new text is written."""
        return self._done

    def origin_at(self, offset: int) -> int:
        """Return the original line of the source character at ``offset``."""
        return self.source.origin_at(offset, self._starts)

    def keep_to(self, end: int) -> None:
        """Copy the source from the current position up to ``end``."""
        text = self.source.text
        start = self._done
        index = text.find("\n", start, end)
        while index >= 0:
            self._origins.append(self.origin_at(index + 1))
            index = text.find("\n", index + 1, end)
        self._pieces.append(text[start:end])
        self._done = max(self._done, end)

    def replace(self, start: int, end: int, new: str) -> None:
        """Copy up to ``start``, then write ``new`` in place of ``start:end``.

        When ``new`` has as many lines as the span it replaces, its lines come
        from the span's lines, one for one; otherwise from the line of ``start``.
        """
        self.keep_to(start)
        text = self.source.text
        breaks = [m.start() for m in _LINE_END.finditer(text, start, end)]
        if len(breaks) == new.count("\n"):
            self._origins.extend(self.origin_at(i + 1) for i in breaks)
        else:
            self._origins.extend([self.origin_at(start)] * new.count("\n"))
        self._pieces.append(new)
        self._done = end

    def finish(self) -> Tracked:
        """Copy the rest of the source and return the new text."""
        self.keep_to(len(self.source.text))
        return Tracked("".join(self._pieces), tuple(self._origins))
