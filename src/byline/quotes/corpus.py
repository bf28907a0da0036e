"""PolNeAR articles parsed with Byline's spaCy pipeline, cached under ``/tmp``.

Parsing 924 articles takes minutes; training and benchmarking iterate many
times, so the parsed Docs are kept as a spaCy ``DocBin`` in a cache directory
outside the repository (``BYLINE_CACHE`` or ``/tmp/byline-quotes-cache``).
PolNeAR text is clean, so it is parsed as given (gold offsets stay valid).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from spacy.tokens import Doc, DocBin

from byline import nlp as nlp_mod
from byline.quotes import polnear


def cache_dir() -> Path:
    return Path(os.environ.get("BYLINE_CACHE", "/tmp/byline-quotes-cache"))


def parsed(split: str, limit: int | None = None) -> list[tuple[polnear.Article, Doc]]:
    """``(article, doc)`` pairs for a PolNeAR split; docs are parsed once and cached."""
    arts = polnear.load(split)
    nlp = nlp_mod.load()
    key = hashlib.sha1("".join(a.name for a in arts).encode() + nlp_mod.model_name().encode()).hexdigest()[:10]
    path = cache_dir() / f"polnear-{split}-{len(arts)}-{key}.spacy"
    if path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    else:
        docs = list(nlp_mod.pipe((a.text for a in arts), nlp))
        path.parent.mkdir(parents=True, exist_ok=True)
        db = DocBin(attrs=["ORTH", "LEMMA", "TAG", "POS", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE",
                           "SENT_START", "MORPH", "SPACY"])
        for d in docs:
            db.add(d)
        db.to_disk(path)
    pairs = list(zip(arts, docs, strict=True))
    return pairs if limit is None else pairs[:limit]


def training_articles(limit: int | None = None) -> list[tuple[polnear.Article, Doc]] | None:
    """PolNeAR *train* parsed (see :func:`parsed`), or ``None`` after saying where the data
    was looked for when it is absent: the start of every quotes trainer."""
    if not polnear.available():
        print(f"PolNeAR not found at {polnear.DEFAULT_ROOT}")
        return None
    return parsed("train", limit=limit)


def write_model(path: Path, data: dict) -> None:
    """Write a trained JSON model file, the same way for every quotes trainer (the bytes
    depend only on ``data``, so a rebuild can be compared with the shipped file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")
