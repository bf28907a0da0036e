"""Readers for the development corpora used to train and measure truecasing.

Training uses CoNLL-2003 ``eng.train``, BBC (minus the benchmark part, counted
``BBC_WEIGHT`` times: British house style, "the Chancellor", "the Budget", is rare elsewhere), GUM
news, the PolNeAR *train* articles (US political news: the domain Byline reads
most) and the TempEval-3 TimeBank/AQUAINT articles (US wire news, tags
stripped). All read ``../shared/data`` by path (never copied into the repo). A
document is returned as plain text whose casing is taken as gold: CoNLL-2003 and
GUM sentences one per line (tokens joined by spaces for CoNLL), BBC and TempEval
articles as written. BBC business and politics articles whose number is a multiple of 5
are held back from training: they are the benchmark's BBC part.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

#: ``../shared/data`` seen from the repository root (this file is src/byline/repair/).
DATA = Path(__file__).resolve().parents[4] / "shared" / "data"

BBC_BENCH_TOPICS = ("business", "politics")
#: How many times each BBC training article counts (see the module docstring); measured on dev: 1 -> 2
#: BBC noise F1 96.6 -> 96.8 and damage 0.66 -> 0.61 %, CoNLL unchanged; 2 -> 4 (with the neighbour
#: features of format 4) BBC F1 97.04 -> 97.10, CoNLL and its NER gap unchanged.
BBC_WEIGHT = 4


def read_conll(path: Path) -> list[list[list[list[str]]]]:
    """CoNLL-2003 as documents (split at ``-DOCSTART-``) of sentences of token rows,
    each row the space-separated columns of its line (word first, NER tag last)."""
    docs: list[list[list[list[str]]]] = []
    cur: list[list[list[str]]] = []
    sent: list[list[str]] = []
    with path.open(encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if line.startswith("-DOCSTART-") or not line.strip():
                if sent:
                    cur.append(sent)
                    sent = []
                if line.startswith("-DOCSTART-"):
                    if cur:
                        docs.append(cur)
                    cur = []
                continue
            sent.append(line.split(" "))
    if sent:
        cur.append(sent)
    if cur:
        docs.append(cur)
    return docs


def conll_docs(path: Path) -> Iterator[tuple[str, list[list[str]]]]:
    """(text, sentences as token lists) per ``-DOCSTART-`` document."""
    for doc in read_conll(path):
        d = [[row[0] for row in sent] for sent in doc]
        yield "\n".join(" ".join(s) for s in d), d


def bbc_is_bench(path: Path) -> bool:
    try:
        return path.parent.name in BBC_BENCH_TOPICS and int(path.stem) % 5 == 0
    except ValueError:
        return False


def bbc_docs(root: Path, *, bench: bool, topics: tuple[str, ...] | None = None) -> Iterator[str]:
    """BBC articles: the held-back benchmark part (``bench=True``) or the rest."""
    for topic_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        if topics is not None and topic_dir.name not in topics:
            continue
        for f in sorted(topic_dir.glob("*.txt")):
            if bbc_is_bench(f) != bench:
                continue
            yield f.read_bytes().decode("utf-8", errors="replace").strip()


def gum_docs(root: Path) -> Iterator[str]:
    """GUM news/interview documents, one sentence per line (``# text =``)."""
    for f in sorted(root.glob("*.conllu")):
        sents = [ln[len("# text = "):].strip() for ln in f.read_text(encoding="utf-8").splitlines()
                 if ln.startswith("# text = ")]
        yield "\n".join(sents)


def polnear_docs(root: Path) -> Iterator[str]:
    """PolNeAR *train* articles (US political news, 2015-16); its dev part is not used."""
    for f in sorted((root / "train" / "text").glob("*.txt")):
        yield f.read_bytes().decode("utf-8", errors="replace").strip()


_TAG = re.compile(r"<[^>]+>")
_TML_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)


def tempeval_docs(root: Path) -> Iterator[str]:
    """TempEval-3 TimeBank and AQUAINT articles: the ``<TEXT>`` part, tags stripped."""
    for f in sorted((root / "Training" / "TBAQ-cleaned").glob("*/*.tml")):
        m = _TML_TEXT.search(f.read_text(encoding="utf-8", errors="replace"))
        if m:
            yield html.unescape(_TAG.sub("", m.group(1))).strip()


def training_docs(data: Path = DATA) -> list[tuple[str, int]]:
    """The truecaser's training documents with their weights (how many times each
    counts), in a fixed order."""
    docs = [(t, 1) for t, _ in conll_docs(data / "conll2003" / "eng.train")]
    docs += [(t, BBC_WEIGHT) for t in bbc_docs(data / "bbc", bench=False)]
    docs += [(t, 1) for t in gum_docs(data / "gum_news")]
    if (data / "polnear").is_dir():
        docs += [(t, 1) for t in polnear_docs(data / "polnear")]
    if (data / "tempeval3").is_dir():
        docs += [(t, 1) for t in tempeval_docs(data / "tempeval3")]
    return docs
