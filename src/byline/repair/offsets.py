"""Edits of a text and the exact character-offset map between the two versions.

A :class:`Change` replaces ``original[start:end]`` with ``replacement``. Changes
never overlap. Positions outside every change map one to one; a change of equal
length (a casing fix) maps character by character; a change of other length
maps its inside to its whole extent (a span that touches it grows to cover it).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Change:
    kind: str
    start: int
    end: int
    replacement: str
    original: str = ""

    @property
    def delta(self) -> int:
        return len(self.replacement) - (self.end - self.start)


class OffsetMap:
    """Bidirectional offset map for ``original`` -> ``repaired`` under ``changes``."""

    __slots__ = ("_changes", "_orig_starts", "_rep_ends", "_rep_starts", "original", "repaired")

    def __init__(self, original: str, changes: Iterable[Change]):
        ordered = sorted(changes, key=lambda c: (c.start, c.end))
        pieces: list[str] = []
        pos = 0
        shift = 0
        rep_starts: list[int] = []
        rep_ends: list[int] = []
        kept: list[Change] = []
        for ch in ordered:
            if ch.start < pos or ch.end < ch.start or ch.end > len(original):
                raise ValueError(f"overlapping or out-of-range change: {ch!r}")
            pieces.append(original[pos : ch.start])
            pieces.append(ch.replacement)
            rep_starts.append(ch.start + shift)
            shift += ch.delta
            rep_ends.append(ch.end + shift)
            pos = ch.end
            if not ch.original:
                ch = Change(ch.kind, ch.start, ch.end, ch.replacement, original[ch.start : ch.end])
            kept.append(ch)
        pieces.append(original[pos:])
        self.original = original
        self.repaired = "".join(pieces)
        self._changes = kept
        self._orig_starts = [c.start for c in kept]
        self._rep_starts = rep_starts
        self._rep_ends = rep_ends

    @property
    def changes(self) -> list[Change]:
        return list(self._changes)

    @property
    def identity(self) -> bool:
        return not self._changes

    # -- one position ---------------------------------------------------------
    def _map(self, pos: int, forward: bool, side: str) -> int:
        """Map one boundary position. ``side`` is 'start' or 'end'."""
        changes = self._changes
        if not changes:
            return pos
        if forward:
            starts, ends = self._orig_starts, [c.end for c in changes]
        else:
            starts, ends = self._rep_starts, self._rep_ends
        i = bisect_right(starts, pos) - 1
        # shift accumulated before change i (or before all if i < 0)
        while i >= 0:
            c = changes[i]
            s, e = starts[i], ends[i]
            if forward:
                o_s, r_s = c.start, self._rep_starts[i]
            else:
                o_s, r_s = self._rep_starts[i], c.start
            if pos >= e and not (pos == e == s):
                # after change i: offset by the end difference
                other_end = self._rep_ends[i] if forward else c.end
                return pos - e + other_end
            # inside change i (s <= pos < e), or at an empty change
            if pos == s:
                return r_s
            length_in = e - s
            length_out = (self._rep_ends[i] - self._rep_starts[i]) if forward else (c.end - c.start)
            if length_in == length_out:
                return r_s + (pos - o_s)
            return r_s if side == "start" else r_s + length_out
        return pos

    def to_repaired(self, start: int, end: int) -> tuple[int, int]:
        s = self._map(start, True, "start")
        e = self._map(end, True, "end") if end != start else s
        return s, max(s, e)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        s = self._map(start, False, "start")
        e = self._map(end, False, "end") if end != start else s
        return s, max(s, e)
