"""Reading brat standoff attributions (PolNeAR's format)."""

from __future__ import annotations

from byline.quotes import polnear

ANN = """T1\tSource 0 5\tSmith
T2\tCue 6 10\tsaid
T3\tContent 11 20;25 30\tsomething which
spans a line
T4\tAttribution 6 10\tsaid
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1
T5\tCue 40 44\tsays
T6\tContent 45 50\tthing
E2\tAttribution-no-source:T5 Cue:T5 Content:T6
#1\tAnnotatorNotes T1\ta note
"""


def test_parse_ann_relations_and_discontinuous_spans():
    attrs = polnear.parse_ann(ANN)
    assert len(attrs) == 2
    a, b = attrs
    assert a.source == ((0, 5),) and a.cue == ((6, 10),) and a.content == ((11, 20), (25, 30))
    assert b.source == () and b.content == ((45, 50),)
