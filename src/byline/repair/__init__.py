"""Text repair: undo casing and quote/punctuation damage with an exact offset map.

``repair(text)`` returns a :class:`Repair`; the analysis stages run on
``Repair.text`` and report spans in both texts through the offset map.
"""

from __future__ import annotations

from byline.repair.offsets import Change, OffsetMap

__all__ = ["Change", "OffsetMap", "Repair", "identity", "repair"]


class Repair:
    """The repaired text, the list of changes, and the map between the two texts."""

    __slots__ = ("_map",)

    def __init__(self, original: str, changes: list[Change]):
        self._map = OffsetMap(original, changes)

    @property
    def original(self) -> str:
        return self._map.original

    @property
    def text(self) -> str:
        return self._map.repaired

    @property
    def changes(self) -> list[Change]:
        return self._map.changes

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for c in self._map.changes:
            out[c.kind] = out.get(c.kind, 0) + 1
        return out

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self._map.to_original(start, end)

    def to_repaired(self, start: int, end: int) -> tuple[int, int]:
        return self._map.to_repaired(start, end)


def identity(text: str) -> Repair:
    """A repair that changes nothing (used when the repair stage is skipped)."""
    return Repair(text, [])


def repair(text: str) -> Repair:
    """Detect and undo casing and quote damage in ``text``."""
    from byline.repair.core import repair_text

    return repair_text(text)
