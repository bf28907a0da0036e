"""Long articles are parsed in chunks cut at paragraph breaks; offsets stay exact and
a quote that runs across a chunk boundary is still one quote."""

from __future__ import annotations

import byline
from byline import nlp


def test_quote_across_a_chunk_boundary_is_kept_whole(monkeypatch):
    monkeypatch.setattr(nlp, "CHUNK_CHARS", 160)
    filler = "The committee met again on Tuesday to discuss the budget for the coming year.\n\n"
    quote = (
        "“We will not give up on this city. We have fought for these schools for ten years and we will "
        "fight for ten more.\n\n"
        "“Nobody in this room should doubt that,” Mayor Jane Doe said.\n\n"
    )
    text = filler * 3 + quote + filler * 3
    assert len(nlp.chunks(text)) > 2
    start = text.index("“We will")
    end = text.index("doubt that") + len("doubt that")
    assert not any(s <= start and end <= s + len(p) for s, p in nlp.chunks(text))  # the quote does cross
    brief = byline.analyze(text)
    whole = [q for q in brief.quotes if q.span.start <= start + 1 and q.span.end >= end - 1]
    assert len(whole) == 1, [(q.kind, q.text[:40], q.span) for q in brief.quotes]
    q = whole[0]
    assert q.speaker is not None and q.speaker.name == "Jane Doe"
    inside = text[q.span.start : q.span.end]
    assert "ten more" in inside and "Nobody in this room" in inside
    for e in brief.entities:
        for m in e.mentions:
            assert text[m.span.start : m.span.end] == m.text
