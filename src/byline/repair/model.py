"""The truecasing model: casing statistics plus two small logistic scorers.

The model file (``byline/models/truecase.json.gz``) holds, learnt from the dev
corpora by ``python -m byline.repair.train``:

* ``uni``: for each word key, how often it was written lower / Title / UPPER /
  mixed in mid-sentence position, and its usual capitalised form ("NATO",
  "McDonald");
* ``left`` / ``right``: word pairs whose casing differs from the word alone
  ("new york", "white house"), as lower/capitalised counts; ``leftc`` /
  ``rightc`` the same where the neighbour was capitalised ("Open Market");
* ``ucap``: for each word, lower/capitalised counts where a neighbour was
  capitalised: head words of names ("Board", "Council") are capitalised there
  far more often than the word alone says, verbs ("said") never;
* ``rprop`` / ``lprop``: for each word written capitalised mid-sentence, how
  often the word after / before it is capitalised too: a first name ("Tony")
  is nearly always followed by a capital, whatever that word is alone ("Bland");
* ``title``, ``title2`` and ``blind``: logistic-regression weights over a dozen dense
  features built from those statistics. ``title`` scores "this capitalised
  word is noise and should be lower" using the input's own casing around it;
  ``blind`` scores "this word should be capitalised" when the input casing
  carries no information (all lowercase or ALL CAPS). ``title2`` is ``title``
  refitted for the second pass, where the surest noise is already lowered, with
  four more features: the first pass's noise scores of the capitalised
  neighbours it kept (``SECOND_FEATURES``).

Features are computed by :func:`features`, the same code at training and at
repair time. Everything is plain Python: a few dict look-ups per word.
"""

from __future__ import annotations

import gzip
import json
import math
import operator
import threading
from pathlib import Path

from byline.repair.tokens import Token

MODEL_NAME = "truecase.json.gz"
SUFFIX = 3
MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / MODEL_NAME
FORMAT = 4

#: Feature names, in order; the logistic weights are stored in this order.
TITLE_FEATURES = (
    "uni", "oov", "suffix", "freq", "b0", "b1", "b2", "b3", "b4", "b5",
    "left", "has_left", "right", "has_right", "abbrev", "short",
    "prev_cap", "prev_name", "next_cap", "next_name", "run_name", "run_len", "uni_x_run",
    "leftc", "has_leftc", "rightc", "has_rightc",
    "capctx", "has_capctx", "bridge", "oov_x_run", "lg_x_prev_cap", "lg_x_next_cap",
    "prev_initial", "last", "rprop", "has_rprop", "lprop", "has_lprop",
)
BLIND_FEATURES = (*TITLE_FEATURES[:16], "prev_initial", "last")
#: The second pass's scorer also sees how sure the first pass was about the capitalised neighbours it
#: kept: a word next to a confident name ("Tony Bland", "Channel Tunnel") is likelier part of it.
SECOND_FEATURES = (*TITLE_FEATURES, "prev_first", "has_prev_first", "next_first", "has_next_first")

#: Function words inside multi-word names ("Chicago Board of Trade", "Commission on Presidential Debates").
BRIDGE_WORDS = frozenset("of for and on de del da du van von der la".split())


def logit(cap: float, low: float) -> float:
    return math.log((cap + 0.5) / (low + 0.5))


def _table(keys: list[str], values: list[float]) -> dict:
    return {"keys": "\n".join(keys), "values": [round(v, 3) for v in values]}


def _untable(t: dict) -> dict[str, float]:
    keys = t["keys"].split("\n") if t["keys"] else []
    return dict(zip(keys, t["values"], strict=True))


def pack(counts: dict) -> dict:
    """The shipped model from the trainer's counts: log-odds precomputed, keys in
    newline-joined strings and values in flat lists, so loading is a few C-speed
    calls (``json.loads``, ``str.split``, ``dict(zip())``) rather than a loop."""
    uni = sorted(counts["uni"].items())
    out = {
        "format": FORMAT,
        "uni": _table([k for k, _ in uni], [logit(t + u + m, lo) for _, (lo, t, u, m, _f) in uni]),
        "freq": _table([k for k, _ in uni], [math.log1p(lo + t + u + m) for _, (lo, t, u, m, _f) in uni]),
        "forms": {k: row[4] for k, row in uni if row[4]},
        "title": counts["title"],
        "title2": counts["title2"],
        "blind": counts["blind"],
    }
    for name in ("suffix", "left", "right", "leftc", "rightc", "ucap", "rprop", "lprop"):
        items = sorted(counts[name].items())
        out[name] = _table([k for k, _ in items], [logit(c, lo) for _, (lo, c) in items])
    return out


class Model:
    """Loaded truecasing model (see module docstring)."""

    __slots__ = ("blind_b", "blind_w", "forms", "freq", "left", "leftc", "lprop", "right", "rightc", "rprop", "suffix",
                 "title2_b", "title2_w", "title_b", "title_w", "ucap", "uni")

    def __init__(self, data: dict):
        if data.get("format") != FORMAT:
            raise ValueError("unsupported truecase model format")
        self.uni: dict[str, float] = _untable(data["uni"])  # log-odds of capitalised, mid-sentence
        self.freq: dict[str, float] = _untable(data["freq"])  # log(1 + count)
        self.forms: dict[str, str] = data["forms"]  # usual capitalised form when not Title Case
        self.suffix: dict[str, float] = _untable(data["suffix"])
        self.left: dict[str, float] = _untable(data["left"])
        self.right: dict[str, float] = _untable(data["right"])
        # the same, counted where the neighbour itself was capitalised ("Federal Open Market")
        self.leftc: dict[str, float] = _untable(data["leftc"])
        self.rightc: dict[str, float] = _untable(data["rightc"])
        # the word alone, counted where a neighbour was capitalised ("Chicago Board")
        self.ucap: dict[str, float] = _untable(data["ucap"])
        # how often a capitalised word's right / left neighbour is capitalised too ("Tony" -> "Blair")
        self.rprop: dict[str, float] = _untable(data["rprop"])
        self.lprop: dict[str, float] = _untable(data["lprop"])
        self.title_w: list[float] = data["title"]["w"]
        self.title_b: float = data["title"]["b"]
        # the second pass's scorer: the same features, seen after the surest noise was lowered
        self.title2_w: list[float] = data["title2"]["w"]
        self.title2_b: float = data["title2"]["b"]
        self.blind_w: list[float] = data["blind"]["w"]
        self.blind_b: float = data["blind"]["b"]

    # -- scoring -----------------------------------------------------------------
    def suffix_logit(self, k: str) -> float:
        """Log-odds of capitalised for an unknown word, from how rare words ending alike are cased."""
        return max(-4.0, min(4.0, self.suffix.get(k[-SUFFIX:], 0.0))) if len(k) > SUFFIX else 0.0

    def clean_cap_logit(self, toks: list[Token], i: int) -> float:
        """Log-odds that ``toks[i]`` is capitalised in clean text: the most
        capital-friendly of the word alone and the word next to its neighbours."""
        t = toks[i]
        lg = self.uni.get(t.key)
        if lg is None:
            lg = self.suffix_logit(t.key)
        if i > 0:
            lf = self.left.get(toks[i - 1].key + " " + t.key)
            if lf is not None and lf > lg:
                lg = lf
        if i + 1 < len(toks):
            rt = self.right.get(t.key + " " + toks[i + 1].key)
            if rt is not None and rt > lg:
                lg = rt
        return lg

    def noise_logit(self, toks: list[Token], i: int, second: bool = False,
                    near: tuple[float | None, float | None] = (None, None)) -> float:
        """Log-odds that the capitalised ``toks[i]`` should be lowercase; ``second``: in
        the second pass, where the words scored as sure noise are already lowered, with
        ``near`` the first pass's noise probabilities of the capitalised neighbours it kept
        (``None`` where the neighbour is no such word)."""
        x = features(self, toks, i, True)
        if second:
            x += neighbour_features(*near)
            return self.title2_b + _dot(self.title2_w, x)
        return self.title_b + _dot(self.title_w, x)

    def p_noise(self, toks: list[Token], i: int, second: bool = False,
                near: tuple[float | None, float | None] = (None, None)) -> float:
        """Probability that the capitalised ``toks[i]`` should be lowercase (see ``noise_logit``)."""
        return _sigmoid(self.noise_logit(toks, i, second, near))

    def p_cap(self, toks: list[Token], i: int) -> float:
        """Probability that ``toks[i]`` is capitalised, ignoring input casing."""
        return _sigmoid(self.blind_b + _dot(self.blind_w, features(self, toks, i, False)))

    def cap_form(self, word: str) -> str:
        """``word`` in its usual capitalised form, character for character."""
        from byline.repair.tokens import key

        form = self.forms.get(key(word), "")
        if not form:
            return _title(word)
        return apply_pattern(word, form)


def neighbour_features(prev: float | None, nxt: float | None) -> list[float]:
    """The second pass's extra features: the first pass's noise log-odds (clipped) of the
    kept capitalised neighbours before and after the word."""
    return [_clipped_logit(prev) if prev is not None else 0.0, 1.0 if prev is not None else 0.0,
            _clipped_logit(nxt) if nxt is not None else 0.0, 1.0 if nxt is not None else 0.0]


def _clipped_logit(p: float) -> float:
    p = 0.0025 if p < 0.0025 else 0.9975 if p > 0.9975 else p
    return math.log(p / (1.0 - p))


def _sigmoid(z: float) -> float:
    if z < -30:
        return 0.0
    if z > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-z))


def _dot(w: list[float], x: list[float]) -> float:
    return sum(map(operator.mul, w, x))


def _title(word: str) -> str:
    out = []
    first = True
    for c in word:
        if c.isalpha():
            u = c.upper() if first else c.lower()
            out.append(u if len(u) == 1 else c)
            first = False
        else:
            out.append(c)
            if c in "-":
                first = True
    return "".join(out)


def apply_pattern(word: str, form: str) -> str:
    """Case ``word`` like ``form`` (same letters), one character at a time; extra
    characters (a possessive 's) are lowercased. Length never changes."""
    out = []
    for i, c in enumerate(word):
        f = form[i] if i < len(form) else ""
        u = c.upper() if f.isupper() else c.lower()
        out.append(u if len(u) == 1 else c)
    return "".join(out)


_BINS = tuple(tuple(1.0 if k == j else 0.0 for k in range(6)) for j in range(6))
_CAP = frozenset("tum")


def _bins(lg: float) -> tuple[float, ...]:
    """One-hot of ``lg`` in six bins of width 2 over [-6, 6)."""
    lg = -6.0 if lg < -6.0 else 5.99 if lg > 5.99 else lg
    return _BINS[int((lg + 6.0) // 2)]


def _is_cap(t: Token) -> bool:
    return t.shape in _CAP


def features(m: Model, toks: list[Token], i: int, title: bool) -> list[float]:
    """Dense features of ``toks[i]`` (see ``TITLE_FEATURES`` / ``BLIND_FEATURES``).
    Written for speed (it runs for every scored word): plain conditionals, no helpers."""
    t = toks[i]
    k = t.key
    w = m.uni.get(k)
    if w is None:
        lg, oov, suf, freq = 0.0, 1.0, m.suffix_logit(k), 0.0
    else:
        lg, oov, suf, freq = (-8.0 if w < -8.0 else 8.0 if w > 8.0 else w), 0.0, 0.0, m.freq[k] / 5.0
    prev = toks[i - 1] if i > 0 else None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    left = m.left.get(prev.key + " " + k) if prev is not None else None
    right = m.right.get(k + " " + nxt.key) if nxt is not None else None
    x = [lg, oov, suf, freq, *_bins(lg),
         (left - lg) if left is not None else 0.0, 1.0 if left is not None else 0.0,
         (right - lg) if right is not None else 0.0, 1.0 if right is not None else 0.0,
         1.0 if "." in k else 0.0, 1.0 if len(k) <= 3 else 0.0]
    if title:
        pc = prev is not None and not prev.initial and prev.shape in _CAP
        nc = nxt is not None and nxt.shape in _CAP
        pn = pc and _name_like(m, prev)  # type: ignore[arg-type]
        nn = nc and _name_like(m, nxt)  # type: ignore[arg-type]
        run_name, run_len = _run(m, toks, i)
        x += [1.0 if pc else 0.0, 1.0 if pn else 0.0, 1.0 if nc else 0.0, 1.0 if nn else 0.0,
              run_name, run_len, lg * run_name]
        lc = m.leftc.get(prev.key + " " + k) if pc else None  # type: ignore[union-attr]
        rc = m.rightc.get(k + " " + nxt.key) if nc else None  # type: ignore[union-attr]
        uc = m.ucap.get(k) if pc or nc else None
        if uc is not None:
            uc = (-8.0 if uc < -8.0 else 8.0 if uc > 8.0 else uc) - lg
        x += [(lc - lg) if lc is not None else 0.0, 1.0 if lc is not None else 0.0,
              (rc - lg) if rc is not None else 0.0, 1.0 if rc is not None else 0.0,
              uc if uc is not None else 0.0, 1.0 if uc is not None else 0.0,
              1.0 if _bridge(toks, i) else 0.0, oov * run_len, lg if pc else 0.0, lg if nc else 0.0]
    x += [1.0 if prev is not None and prev.initial else 0.0, 1.0 if nxt is None else 0.0]
    if title:
        rp = m.rprop.get(prev.key) if pn else None  # type: ignore[union-attr]
        lp = m.lprop.get(nxt.key) if nn else None  # type: ignore[union-attr]
        x += [(-6.0 if rp < -6.0 else 6.0 if rp > 6.0 else rp) if rp is not None else 0.0,
              1.0 if rp is not None else 0.0,
              (-6.0 if lp < -6.0 else 6.0 if lp > 6.0 else lp) if lp is not None else 0.0,
              1.0 if lp is not None else 0.0]
    return x


def _bridge(toks: list[Token], i: int) -> bool:
    """A lowercase function word links ``toks[i]`` to a capitalised word ("Board of Trade")."""
    if i >= 2 and toks[i - 1].key in BRIDGE_WORDS and toks[i - 1].shape == "l":
        p = toks[i - 2]
        if _is_cap(p) and not p.initial:
            return True
    if i + 2 < len(toks) and toks[i + 1].key in BRIDGE_WORDS and toks[i + 1].shape == "l":
        return _is_cap(toks[i + 2])
    return False


def _run(m: Model, toks: list[Token], i: int) -> tuple[float, float]:
    """Whether the run of capitalised words around ``toks[i]`` (separated by one
    space or hyphen) holds another name-like word, and the run's length (max 4)/4."""
    name = False
    n = 1
    j = i
    while j > 0 and toks[j].start - toks[j - 1].end == 1 and not toks[j].initial and _is_cap(toks[j - 1]):
        j -= 1
        n += 1
        name = name or _name_like(m, toks[j])
    j = i
    while j + 1 < len(toks) and toks[j + 1].start - toks[j].end == 1 and _is_cap(toks[j + 1]):
        j += 1
        n += 1
        name = name or _name_like(m, toks[j])
    return (1.0 if name else 0.0), min(n, 4) / 4.0


def _name_like(m: Model, t: Token) -> bool:
    w = m.uni.get(t.key)
    return w is None or w > 1.5


_lock = threading.Lock()
_model: Model | None = None


def load() -> Model:
    """The packaged model, loaded once per process."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = Model(json.loads(gzip.decompress(MODEL_PATH.read_bytes())))
    return _model
