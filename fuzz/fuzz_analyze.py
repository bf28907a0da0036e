"""Coverage-guided fuzzing of repair and analyze with atheris (not run in CI).

    .venv/bin/pip install atheris
    .venv/bin/python fuzz/fuzz_analyze.py -max_total_time=3600 -rss_limit_mb=4096 fuzz/corpus/

Each input is decoded as UTF-8 with surrogate escapes (so lone surrogates and
invalid bytes reach Byline as odd text), analysed, and checked: no exception
other than Byline's own clear errors, every span inside its text, the repair
offset map inside bounds, and the JSON round-trip exact. A failing input is
written by libFuzzer as crash-*; replay it with the same command and the file.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import byline
    from byline.model import Brief


def check(data: bytes) -> None:
    text = data.decode("utf-8", "surrogateescape")
    r = byline.repair(text)
    n, m = len(text), len(r.text)
    assert r.to_repaired(0, n) == (0, m) and r.to_original(0, m) == (0, n)
    try:
        brief = byline.analyze(text, published="2025-05-03")
    except byline.BylineError:
        return
    assert brief.article.text == text
    for group in (brief.quotes, brief.claims, brief.quantities, brief.times, brief.events):
        for f in group:
            assert 0 <= f.span.start <= f.span.end <= n
            if f.repaired_span is not None:
                assert 0 <= f.repaired_span.start <= f.repaired_span.end <= m
    for e in brief.entities:
        for mention in e.mentions:
            assert 0 <= mention.span.start <= mention.span.end <= n
    assert Brief.from_json(brief.to_json()) == brief


def main() -> None:
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
