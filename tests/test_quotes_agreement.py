"""bench/quotes_agreement.py: the annotator-agreement ceiling and its majority consensus."""

from __future__ import annotations

import sys

from byline.quotes import polnear, score
from testpaths import REPO

sys.path.insert(0, str(REPO / "bench"))
import quotes_agreement as agreement


def item(content: range, cue: range, source: range = range(0), quoted: bool = False) -> score.Item:
    return score.Item(frozenset(content), frozenset(cue), frozenset(source), quoted)


def test_consensus_of_identical_annotators_is_what_they_all_gave():
    one = [item(range(3, 9), range(2, 3), range(0, 2), True), item(range(12, 20), range(11, 12))]
    kept = agreement.consensus([list(one), list(one), list(one)])
    res = score.score(kept, one)
    assert res["content_exact"]["all"].f == 1.0 and res["cue"]["all"].f == 1.0 and res["source"]["all"].f == 1.0
    assert {k.content for k in kept if k.quoted} == {frozenset(range(3, 9))}


def test_consensus_keeps_the_majority_content_cue_and_source():
    a = [item(range(3, 9), range(2, 3), range(0, 2)), item(range(30, 35), range(29, 30))]
    b = [item(range(3, 9), range(2, 3), range(0, 2))]
    c = [item(range(4, 9), range(1, 3), range(0, 1))]  # overlaps a's and b's content
    kept = agreement.consensus([a, b, c])
    # the content all three overlap is kept in the form two gave exactly, with their cue and
    # source; the content only one annotator gave is not
    assert [(k.content, k.cue, k.source) for k in kept] == [
        (frozenset(range(3, 9)), frozenset(range(2, 3)), frozenset(range(0, 2)))]


def test_consensus_never_gives_a_word_to_two_attributions():
    a = [item(range(0, 10), range(10, 11))]
    c = [item(range(5, 10), range(10, 11)), item(range(0, 5), range(20, 21))]
    d = [item(range(0, 5), range(20, 21))]
    # every annotator's contents overlap both halves, but three gave the whole exactly
    kept = agreement.consensus([a, list(a), list(a), c, d])
    assert [k.content for k in kept] == [frozenset(range(0, 10))]


def _write(root, name, anns):
    (root / "dev" / "text").mkdir(parents=True, exist_ok=True)
    (root / "dev" / "attributions").mkdir(parents=True, exist_ok=True)
    (root / "dev" / "text" / f"{name}.txt").write_text("Smith said it rained today.", encoding="utf-8")
    for who, ann in anns.items():
        (root / "dev" / "attributions" / f"{name}_{who}.ann").write_text(ann, encoding="utf-8")


def test_shared_articles_keep_every_annotator_and_agreement_scores_them(tmp_path):
    head = "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\n"
    rel = "E1\tA:T2 Content:T3 Cue:T2 Source:T1\n"
    same = head + "T3\tContent 11 26\tit rained today\n" + rel
    other = head + "T3\tContent 11 20\tit rained\n" + rel
    _write(tmp_path, "a_one", {"x1": same, "x2": same, "x3": same, "x4": other})
    _write(tmp_path, "b_solo", {"x1": same})
    arts = polnear.load_shared("dev", root=tmp_path)
    assert [a.name for a in arts] == ["a_one"] and sorted(arts[0].annotators) == ["x1", "x2", "x3", "x4"]
    pairwise, loo = agreement.agreement(arts)
    # 12 ordered pairs, 6 of them (among x1..x3) exact; every pair overlaps, same cue and source
    assert (pairwise["content_exact"]["all"].tp_g, pairwise["content_exact"]["all"].n_g) == (6, 12)
    assert pairwise["content_overlap"]["all"].f == 1.0 and pairwise["cue"]["all"].f == 1.0
    # leaving one of x1..x3 out, the other two outvote x4 and match it; leaving x4 out, they miss
    # its shorter content
    assert (loo["content_exact"]["all"].tp_g, loo["content_exact"]["all"].n_g) == (3, 4)
    assert loo["content_overlap"]["all"].f == 1.0
