"""Edits of a text and the exact character-offset map between the two versions.

A :class:`Change` replaces ``original[start:end]`` with ``replacement``. Changes
never overlap. Positions outside every change map one to one; a change of equal
length (a casing fix) maps character by character; a change of other length
maps its inside to its whole extent (a span that touches it grows to cover it).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
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
        if side == "start":  # of several changes starting here, a start belongs before the first
            while i > 0 and starts[i - 1] == pos:
                i -= 1
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
            length_in = e - s
            length_out = (self._rep_ends[i] - self._rep_starts[i]) if forward else (c.end - c.start)
            if pos == s:
                # at a change that is empty on this side (a deletion seen from the repaired
                # text, an insertion seen from the original), an end boundary grows over it
                return r_s + length_out if (length_in == 0 and side == "end") else r_s
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


def compose(original: str, first: Iterable[Change], second: Iterable[Change]) -> list[Change]:
    """Changes to ``original`` equal to applying ``first``, then ``second``.

    ``second``'s offsets index the text produced by ``first``. Changes of the two
    layers that overlap are merged into one change (it takes the earlier layer's
    kind, since that layer touched the original characters first).
    """
    m = OffsetMap(original, first)
    mid = m.repaired
    f_changes = m.changes
    # (start, end, layer, index) in intermediate coordinates
    items: list[tuple[int, int, int, int]] = [
        (m._rep_starts[i], m._rep_ends[i], 0, i) for i in range(len(f_changes))
    ]
    s_changes = sorted(second, key=lambda c: (c.start, c.end))
    items += [(c.start, c.end, 1, i) for i, c in enumerate(s_changes)]
    items.sort(key=lambda it: (it[0], it[1], it[2]))

    def overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
        if max(a0, b0) < min(a1, b1):
            return True
        return (a0 == a1 and b0 < a0 < b1) or (b0 == b1 and a0 < b0 < a1)

    groups: list[list[tuple[int, int, int, int]]] = []
    g_end = -1
    g_start = -1
    for it in items:
        if groups and overlaps(g_start, g_end, it[0], it[1]):
            groups[-1].append(it)
            g_end = max(g_end, it[1])
        else:
            groups.append([it])
            g_start, g_end = it[0], it[1]

    f_ends = m._rep_ends
    deltas = [c.delta for c in f_changes]

    prefix = [0]
    for d in deltas:
        prefix.append(prefix[-1] + d)

    def to_orig(x: int, end: bool = False) -> int:
        """Intermediate position ``x`` (outside every first-layer change) in ``original``;
        a first-layer deletion sitting exactly at ``x`` counts as before a start, after an end."""
        j = bisect_left(f_ends, x)  # changes ending before x
        shift = prefix[j]
        while j < len(f_ends) and f_ends[j] == x:
            if m._rep_starts[j] < x or not end:
                shift += deltas[j]
            j += 1
        return x - shift

    out: list[Change] = []
    for g in groups:
        if len(g) == 1:
            s, e, layer, i = g[0]
            if layer == 0:
                out.append(f_changes[i])
                continue
            c = s_changes[i]
            o = to_orig(s)
            out.append(Change(c.kind, o, max(o, to_orig(e, True)), c.replacement))
            continue
        ms = min(it[0] for it in g)
        me = max(it[1] for it in g)
        fs = [i for _, _, layer, i in g if layer == 0]
        o_start = next((f_changes[i].start for i in fs if m._rep_starts[i] == ms), None)
        o_end = next((f_changes[i].end for i in fs if m._rep_ends[i] == me), None)
        o_start = to_orig(ms) if o_start is None else o_start
        o_end = to_orig(me, True) if o_end is None else o_end
        pieces, pos = [], ms
        for s, e, layer, i in g:
            if layer == 1:
                pieces.append(mid[pos:s])
                pieces.append(s_changes[i].replacement)
                pos = e
        pieces.append(mid[pos:me])
        kind = f_changes[fs[0]].kind if fs else s_changes[g[0][3]].kind
        out.append(Change(kind, o_start, max(o_start, o_end), "".join(pieces)))
    return out
