"""Pipeline stage ``times``: temporal expressions resolved against the publication date.

Finds dates, times, durations, sets and relative expressions in the repaired
text (:mod:`~byline.timex.grammar`), resolves each to a TIMEX3 value
(:mod:`~byline.timex.resolve`) using the tense of its clause from the spaCy
parse (:mod:`~byline.timex.tense`), and appends them to ``brief.times``.

When no publication date was given, one stated at the head of the text
("Published May 3, 2025", a dateline) is used and the brief says so
(``published_source = "text"``); without any, expressions that need an anchor
keep what their words say (``XXXX-05-02``) or ``value: null``.

Sets ``ctx.data["timex"]``: a list of ``(Time, Timex)`` pairs, in text order,
for the events stage, and ``ctx.data["published_line"]``: repaired offsets of
the line that states the publication date, when there is one (its date is
metadata, not an event).
"""

from __future__ import annotations

from byline.model import Time
from byline.pipeline import Context
from byline.timex.extract import find_times
from byline.timex.published import find_published, published_from_text
from byline.timex.resolve import Timex

__all__ = ["find_published", "find_times", "published_from_text", "run"]


def run(ctx: Context) -> None:
    article = ctx.brief.article
    stated = find_published(ctx.repaired)
    if stated is not None:
        ctx.data["published_line"] = (stated[1], stated[2])
        if not article.published:
            article.published = stated[0]
            article.published_source = "text"
    dct = ctx.published
    timexes = find_times(ctx.repaired, dct, ctx.doc)
    pairs: list[tuple[Time, Timex]] = []
    ids: list[str] = []
    for tx in timexes:
        tid = ctx.new_id("t")
        ids.append(tid)
        anchor = tx.anchor
        if anchor == "ref":
            anchor = ids[tx.anchor_index] if tx.anchor_index is not None else None
        time = Time(id=tid, text=tx.text, type=tx.type,  # type: ignore[arg-type]
                    value=tx.value, precision=tx.precision, anchor=anchor, mod=tx.mod,
                    **ctx.loc(tx.start, tx.end))
        ctx.brief.times.append(time)
        pairs.append((time, tx))
    ctx.data["timex"] = pairs
