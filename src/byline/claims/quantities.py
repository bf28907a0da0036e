"""Quantities: every figure in a text with its value, unit, rate and hedge.

:func:`extract` reads plain text (no spaCy) and returns :class:`Found` items:
``"over 70,000"`` -> value 70000, relation ``>``; ``"$1.13bn"`` -> 1.13e9 USD;
``"£600m"`` -> 6e8 GBP (``m`` after a number is *million*, as in news, never
metres); ``"billions annually"`` -> a vague magnitude, money when a money verb
governs it, ``per="year"``; ``"between 3 and 5"`` -> a range; ``"twice"`` -> a
multiplier; ordinals are kept apart (kind ``ordinal``). Dates, clock times and
identifiers ("Article 50") are marked (``is_date``, ``is_id``) so the claims
stage can leave them out while a number-recognition benchmark keeps them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from byline.claims import units as U
from byline.claims.numbers import ONES, ORDINALS, SCALE_ABBR, TENS, NumberPhrase, Tok, _gap, read_number, tokenize

Value = float | tuple[float | None, float | None] | None


@dataclass
class Found:
    """One quantity at character offsets ``[start, end)`` of the text read."""

    start: int
    end: int
    text: str
    kind: str  # cardinal, percent, money, ordinal, multiplier, measure, vague
    value: Value
    unit: str | None = None
    dimension: str | None = None  # percent, currency, length, mass, ..., duration, age, count
    per: str | None = None
    hedge: str | None = None
    relation: str | None = None
    is_date: bool = False
    is_id: bool = False
    words: bool = False  # written in words
    num_start: int = 0  # the number itself, without hedge or currency
    num_end: int = 0

    @property
    def low(self) -> float | None:
        return self.value[0] if isinstance(self.value, tuple) else self.value

    @property
    def high(self) -> float | None:
        return self.value[1] if isinstance(self.value, tuple) else self.value


_FIRSTS: dict[int, frozenset[str]] = {}


def _match(toks: list[Tok], k: int, lexicon: dict[tuple[str, ...], object], max_len: int = 4
           ) -> tuple[int, object] | None:
    """Longest lexicon entry starting at token k: (tokens used, value)."""
    firsts = _FIRSTS.get(id(lexicon))
    if firsts is None:
        firsts = _FIRSTS[id(lexicon)] = frozenset(key[0] for key in lexicon)
    if k >= len(toks) or toks[k].low not in firsts:
        return None
    best = None
    key: tuple[str, ...] = ()
    for size in range(1, max_len + 1):
        m = k + size - 1
        if m >= len(toks):
            break
        if size > 1 and (_gap(toks, m) > 2 or (toks[m].kind == "num" and _gap(toks, m))):
            break
        key = (*key, toks[m].low)
        if key in lexicon:
            best = (size, lexicon[key])
    return best


def _lex_max(lexicon: dict[tuple[str, ...], object]) -> int:
    return max(len(k) for k in lexicon)


_MEAS_MAX = _lex_max(U.MEASURES)
_CUR_MAX = _lex_max(U.CURRENCY_WORDS)
_PRE_MAX = _lex_max(U.CURRENCY_PREFIX)
_PER_MAX = _lex_max(U.PER)
_MULT_WORDS = {"twice": 2.0, "thrice": 3.0, "doubled": 2.0, "double": 2.0, "doubling": 2.0, "tripled": 3.0,
               "triple": 3.0, "tripling": 3.0, "quadrupled": 4.0, "quadruple": 4.0, "halved": 0.5}
_TIMES_NEXT = {"as", "more", "higher", "larger", "greater", "bigger", "less", "lower", "smaller", "faster",
               "the", "that", "than", "over", "likelier", "likely", "cheaper", "richer", "deadlier"}
_ORD_SUFFIX = {"st", "nd", "rd", "th"}
_FUNCTION_WORDS = {"over", "to", "and", "or", "in", "of", "for", "from", "by", "at", "on", "with", "than", "is", "was",
                   "are", "were", "has", "have", "had", "as", "but", "nor", "per", "a", "an", "the", "into", "out"}
# "2.1m tall", "the 100m sprint": metres, where "m" is otherwise read as million
_METRE_NEXT = {"tall", "high", "long", "wide", "deep", "away", "thick", "below", "above", "underground", "-long",
               "-high", "-wide", "-deep", "-tall"}
_RACE = {"sprint", "race", "hurdles", "relay", "freestyle", "butterfly", "backstroke", "breaststroke", "medley",
         "dash", "final", "finals", "heat", "heats", "title", "record", "event", "run", "swim", "gold", "silver",
         "bronze", "champion", "world", "olympic"}
_RACE_DISTANCES = {50.0, 60.0, 100.0, 110.0, 200.0, 400.0, 800.0, 1500.0, 3000.0, 5000.0, 10000.0}
_SCALED = re.compile(r"(?:thousand|million|billion|trillion|\d\s?(?:k|m|bn|b|tn|mn|mln|bln)\b)", re.I)
_CHANGE = {"fell", "fall", "falls", "falling", "rose", "rise", "rises", "rising", "risen", "dropped", "drop", "drops",
           "declined", "decline", "declines", "increased", "increase", "increases", "climbed", "climb", "climbs",
           "jumped", "jump", "jumps", "gained", "gain", "gains", "lost", "lose", "loses", "shed", "sheds", "slipped",
           "slip", "grew", "grow", "grows", "cut", "cuts", "raised", "raise", "raises", "lifted", "lift", "lifts",
           "lowered", "lower", "up", "down", "surged", "soared", "plunged", "slumped", "tumbled", "eased", "edged",
           "dipped", "widened", "narrowed", "doubled", "halved", "boosted", "reduced", "trimmed", "hiked"}
_PRONOUN_ONE_BEFORE = {"the", "this", "that", "which", "each", "every", "any", "no", "some", "another", "one",
                       "someone", "anyone", "only", "such", "little", "big", "new", "old", "last", "right",
                       "wrong", "other", "either", "neither", "what", "whichever", "a"}
_AGE_AFTER = {("old",), ("of", "age"), ("yo",), ("y", "/", "o"), ("-", "old"), ("years", "old")}


def _is_letter_attached(toks: list[Tok], k: int) -> bool:
    return k < len(toks) and toks[k].kind == "word" and _gap(toks, k) == 0


class _Extractor:
    def __init__(self, text: str):
        self.text = text
        self.toks = tokenize(text)
        self.n = len(self.toks)
        self.starts = [t.start for t in self.toks]

    def low(self, k: int) -> str:
        return self.toks[k].low if 0 <= k < self.n else ""

    # -- pieces around a number ------------------------------------------------------

    def currency_prefix(self, k: int) -> tuple[int, str, str] | None:
        """A currency sign or code starting at token k and directly before a number."""
        m = _match(self.toks, k, U.CURRENCY_PREFIX, _PRE_MAX)  # type: ignore[arg-type]
        if not m and self.toks[k].text == "A" and k + 1 < self.n and self.toks[k + 1].text == "$" \
                and _gap(self.toks, k + 1) == 0:
            m = (2, ("AUD", ""))  # "A$29.4bn" (written attached; "a $5 fee" is dollars)
        if not m:
            return None
        size, (code, scale) = m  # type: ignore[misc]
        j = k + size
        if j < self.n and _gap(self.toks, j) <= 1 and (self.toks[j].kind == "num" or (
                self.toks[j].kind == "word" and (self.toks[j].low in ONES or self.toks[j].low in TENS
                                                 or self.toks[j].low in ("a", "half", "quarter")))):
            if self.toks[k].kind == "word" and len(self.toks[k].text) <= 3 and self.toks[k].text.islower() \
                    and self.toks[k].low not in ("usd", "eur", "gbp", "rs", "cad", "chf", "rmb", "maud", "musd") \
                    and self.toks[j].kind != "num":
                return None
            if self.toks[k].low == "sen" and self.toks[j].kind != "num":
                return None
            return j, code, scale
        return None

    def hedge_before(self, k: int) -> tuple[int, str] | None:
        """A hedge ending just before token k: (first token, relation)."""
        for size in range(U.HEDGE_MAX, 0, -1):
            s = k - size
            if s < 0:
                continue
            key = tuple(t.low for t in self.toks[s:k])
            if key in U.HEDGES:
                if key == ("some",) and s > 0 and self.low(s - 1) in ("for", "in"):
                    continue
                if key in (("just",), ("only",)) and self.toks[k].kind == "word":
                    continue
                return s, U.HEDGES[key]
        return None

    def hedge_after(self, j: int) -> tuple[int, str] | None:
        m = _match(self.toks, j, U.POST_HEDGES, 2)  # type: ignore[arg-type]
        if m:
            size, rel = m
            if self.toks[j].text == "+" and _gap(self.toks, j) != 0:
                return None
            if self.toks[j].low == "odd" and _gap(self.toks, j) > 1:
                return None
            return j + size, rel  # type: ignore[return-value]
        return None

    def unit_after(self, j: int) -> tuple[int, str, str, str] | None:
        """A unit at token j: (next token, unit, dimension, kind)."""
        toks = self.toks
        if j >= self.n or _gap(toks, j) > 2:
            return None
        k = j
        if toks[k].text == "-" and k + 1 < self.n and _gap(toks, k + 1) == 0 and toks[k + 1].kind == "word" and \
                _gap(toks, k) == 0:
            k += 1  # "16-meter", "six-mile", "12-cent"
        if toks[k].text in "({[<" and k + 2 < self.n and toks[k + 2].text in ")}]>":
            inner = _match(toks, k + 1, U.MEASURES, 1)  # type: ignore[arg-type]
            if inner:
                unit, dim = inner[1]  # type: ignore[misc]
                return k + 3, unit, dim, "measure"
        cur = _match(toks, k, U.CURRENCY_WORDS, _CUR_MAX)  # type: ignore[arg-type]
        meas = _match(toks, k, U.MEASURES, _MEAS_MAX)  # type: ignore[arg-type]
        if cur and (not meas or cur[0] >= meas[0]):
            size, (code, _scale) = cur  # type: ignore[misc]
            first = toks[k]
            if first.low == "p" and _gap(toks, k) != 0:
                return None
            nxt = toks[k + size] if k + size < self.n else None
            if nxt is not None and nxt.kind == "num" and (_gap(toks, k + size) == 0 or (
                    first.text in "$€£¥" and _gap(toks, k + size) <= 1)):
                return None  # "$ 20 $ 37", "3 USD50": the sign belongs to the next number
            return k + size, code, "currency", "money"
        if meas:
            size, (unit, dim) = meas  # type: ignore[misc]
            first = toks[k]
            # one-letter and ambiguous symbols only when attached: "45g", "3 to 4 L", "100t"
            if first.low in ("g", "l", "t", "p", "ha", "pm", "ms", "nm", "mi", "ft", "cm", "mm", "km", "kg", "mb",
                             "gb", "tb", "kb", "mw", "gw", "kw", "ev", "rad", "pp", "deg", "gal", "yd", "oz", "lb",
                             "dm") and size == 1:
                if _gap(toks, k) > 1 or (first.low in ("g", "t", "l", "pm", "ms", "nm", "ha") and _gap(toks, k) != 0
                                         and not (first.text == "L")):
                    return None
            if first.low == "°" and size == 1 and k + 1 < self.n and toks[k + 1].low in ("c", "f") \
                    and _gap(toks, k + 1) <= 1:
                return None
            if k + size < self.n and _gap(toks, k + size) == 0 and toks[k + size].kind in ("num", "word"):
                return None  # 24703L202: a code, not a measure
            if unit == "bit" and j > 0 and toks[j - 1].kind == "word":
                return None  # "two-bit Tories", "a bit": idioms
            return k + size, unit, dim, ("percent" if dim == "percent" else "measure")
        return None

    def per_after(self, j: int) -> tuple[int, str] | None:
        if j + 1 < self.n and self.toks[j].text == "-" and _gap(self.toks, j) == 0 and self.low(j + 1) in ("a", "an"):
            j += 1  # "$400-million-a-year"
        m = _match(self.toks, j, U.PER, _PER_MAX)  # type: ignore[arg-type]
        if m and _gap(self.toks, j) <= 2:
            size, per = m
            if self.low(j) == "each" and j + 1 < self.n and self.toks[j + 1].kind == "word" \
                    and self.low(j + 1) not in ("year", "month", "week", "day", "hour"):
                return None
            return j + size, per  # type: ignore[return-value]
        return None

    # -- one quantity -------------------------------------------------------------------

    def at(self, k: int) -> tuple[Found, int] | None:
        toks = self.toks
        start_k = k
        currency = None
        cur_scale = ""
        pre = self.currency_prefix(k)
        if pre:
            k, currency, cur_scale = pre
        sign = 1.0
        margin = False
        if toks[k].kind != "num" and toks[k].low in ("minus", "negative") and k + 1 < self.n:
            ph0 = read_number(toks, k + 1)
            if ph0 is None:
                return None
            if toks[k].low == "minus" and self.low(k - 1) == "or" and self.low(k - 2) == "plus":
                margin, start_k, k = True, k - 2, k + 1  # "plus or minus 4 points": a margin
            else:
                sign, k = -1.0, k + 1
        ph = read_number(toks, k)
        if ph is None:
            return None
        if toks[k].kind == "num" and k > 0 and toks[k - 1].text in "-−" and _gap(toks, k) == 0 and sign > 0 and (
                k - 1 == 0 or _gap(toks, k - 1) > 0 or toks[k - 2].text in "(["):
            if not (k >= 2 and (toks[k - 2].kind == "num" or (toks[k - 2].kind == "word" and _gap(toks, k - 1) == 0))):
                sign, start_k = -1.0, (k - 1 if start_k == k else start_k)
        if ph.words and not self.word_number_ok(ph):
            return None
        value = ph.value
        j = ph.j
        scaled = ph.scaled
        # "$400-million-a-year": a hyphenated scale word
        if j + 1 < self.n and toks[j].text == "-" and _gap(toks, j) == 0 and _gap(toks, j + 1) == 0 and \
                toks[j + 1].low in ("thousand", "million", "billion", "trillion") and toks[ph.j - 1].kind == "num":
            value *= {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}[toks[j + 1].low]
            j += 2
            scaled = True
        # scale abbreviations after a numeral: 10k, $1.13bn, £600m, 10 bln, 1MM
        metres = False
        if j < self.n and toks[ph.j - 1].kind == "num" and toks[j].kind == "word" and toks[j].text in SCALE_ABBR:
            abbr = toks[j].text
            gap = _gap(toks, j)
            nxt = toks[j + 1] if j + 1 < self.n else None
            unit_follows = nxt is not None and _gap(toks, j + 1) == 0 and nxt.kind in ("num", "sym") and \
                nxt.text in "23²³"
            spaced_ok = gap == 1 and (len(abbr) > 1 or abbr in "kKMB") and abbr not in ("mm",) and (
                j + 1 >= self.n or toks[j + 1].kind != "word" or _gap(toks, j + 1) > 0)
            metres = abbr == "m" and currency is None and gap == 0 and (
                self.low(j + 1) in _METRE_NEXT or (self.low(j + 1) in _RACE and value in _RACE_DISTANCES))
            if not unit_follows and not metres and (gap == 0 or spaced_ok):
                if not (abbr == "mm" and gap == 0 and currency is None):
                    value *= SCALE_ABBR[abbr]
                    j += 1
                    scaled = True
        if sign < 0:
            value = -value
        unit = dim = per = hedge = relation = None
        kind = "cardinal"
        if currency:
            unit, dim, kind = currency, "currency", "money"
        if metres:
            unit, dim, kind = "m", "length", "measure"
            j += 1
        after = self.unit_after(j) if not metres else None
        if after and not currency:
            nj, u, d, kd = after
            if u == "lb" and scaled:
                u, d, kd = "GBP", "currency", "money"
            unit, dim, kind = u, d, kd
            j = nj
            if kd == "money" and j < self.n and toks[j].kind == "word" and toks[j].text in SCALE_ABBR \
                    and toks[j].low in ("million", "bn", "m", "billion"):
                value *= SCALE_ABBR.get(toks[j].text, 1)
                j += 1
        elif currency and after and after[1] == currency:
            j = after[0]
        # "75 usd million": a scale word after the currency
        if kind == "money" and j < self.n and toks[j].low in ("million", "billion", "trillion", "thousand") \
                and not scaled:
            value *= {"million": 1e6, "billion": 1e9, "trillion": 1e12, "thousand": 1e3}[toks[j].low]
            j += 1
        if cur_scale == "M":
            value *= 1e6
        elif kind == "money":
            m = _match(toks, j - 1, U.CURRENCY_WORDS, 1)  # type: ignore[arg-type]
            if m and m[1][1] == "M":  # type: ignore[index]
                value *= 1e6
        # feet and inches: "5 feet 2 inches", "12 ft 2 in"
        if unit == "ft" and j < self.n:
            m2 = j + 1 if self.low(j) == "and" else j
            ph2 = read_number(toks, m2) if m2 < self.n and _gap(toks, m2) <= 2 else None
            if ph2 is not None and ph2.value < 12 and self.low(ph2.j) in ("in", "inch", "inches", '"'):
                value += ph2.value / 12
                j = ph2.j + 1
        # cents after a currency word: "3 dollars 50 cents", "thirteen dollars and forty-five cents"
        if kind == "money" and unit not in ("cent", "pence"):
            j, value = self.cents(j, value, currency is None)
        # age: "29 years old", "90 day old", "87 yo"
        if dim == "duration" or (unit is None and self.low(j) in ("yo",)):
            for key in _AGE_AFTER:
                if tuple(self.low(j + m) for m in range(len(key))) == key:
                    if unit is None:
                        unit = "year"
                    dim, kind = "age", "measure"
                    j += len(key)
                    break
        if unit is None and k - 1 >= 0 and self.low(k - 1) in ("age", "aged") and toks[k].kind == "num":
            unit, dim, kind = "year", "age", "measure"
            start_k = min(start_k, k - 1)
        # rate
        pr = self.per_after(j)
        if pr and (unit is not None or kind == "cardinal"):
            j2, per = pr
            if unit and dim == "length" and (unit, per) in U.SPEED:
                unit, dim, per = U.SPEED[(unit, per)], "speed", None
            elif unit and dim == "length" and per in U.PER_ABBR:
                unit, dim, per = f"{unit}/{U.PER_ABBR[per]}", "speed", None
            j = j2
        # multiplier: "three times as many", "threefold"
        if unit is None and self.low(j) == "times" and self.low(j + 1) in _TIMES_NEXT:
            kind, dim = "multiplier", None
            j += 1
        elif unit is None and (self.low(j) in ("fold", "-fold") or (self.low(j) == "-" and self.low(j + 1) == "fold")):
            kind = "multiplier"
            j += 1 if self.low(j) != "-" else 2
        # hedges
        hb = self.hedge_before(start_k)
        hstart_k = start_k
        if hb:
            hstart_k, relation = hb
            hedge = " ".join(t.text for t in toks[hstart_k:start_k])
        ha = self.hedge_after(j)
        if ha and relation is None:
            hedge = self.text[toks[j].start: toks[ha[0] - 1].end].strip()
            relation = ha[1]
            j = ha[0]
        if margin:
            hedge, hstart_k = "plus or minus", start_k
        f = Found(
            start=toks[hstart_k].start, end=toks[j - 1].end, text="", kind=kind, value=value, unit=unit,
            dimension=dim, per=per, hedge=hedge, relation=relation, words=ph.words,
            num_start=toks[start_k].start, num_end=toks[ph.j - 1].end,
        )
        if ph.fraction and kind == "cardinal":
            f.dimension = "fraction"
        f.text = self.text[f.start: f.end]
        f.value = _round(value)
        self.mark(f, start_k, ph)
        return f, j

    def cents(self, j: int, value: float, word_currency: bool) -> tuple[int, float]:
        toks = self.toks
        k = j
        if self.low(k) == "and":
            k += 1
        if k < self.n and _gap(toks, k) <= 2:
            ph = read_number(toks, k)
            if ph and ph.value < 100 and ph.value == int(ph.value) and not ph.fraction:
                m = _match(toks, ph.j, U.CURRENCY_WORDS, 1)  # type: ignore[arg-type]
                if m and m[1][0] == "cent":  # type: ignore[index]
                    return ph.j + m[0], value + ph.value / 100  # type: ignore[operator]
                nxt = toks[ph.j] if ph.j < self.n else None
                if word_currency and (nxt is None or nxt.kind == "sym") and value == int(value) and (
                        k > j or toks[k].kind == "num" or ph.words):
                    return ph.j, value + ph.value / 100
        return j, value

    def word_number_ok(self, ph: NumberPhrase) -> bool:
        """Drop "one" used as a pronoun ("the one you mentioned", "one of them")."""
        toks = self.toks
        if ph.j - ph.i == 1 and toks[ph.i].low == "one":
            before = self.low(ph.i - 1)
            after = self.low(ph.j)
            if self.unit_after(ph.j) is not None:
                return True
            if before in _PRONOUN_ONE_BEFORE or after in ("another", "of", "by", "'s", "day", "another's"):
                return False
            if after in ("you", "i", "we", "they", "he", "she", "is", "was", "who", "that", "which"):
                return False
        return True

    def mark(self, f: Found, k: int, ph: NumberPhrase) -> None:
        """Mark dates, clock times and identifiers."""
        toks = self.toks
        tok = toks[k]
        prev = self.low(k - 1)
        nxt_tok = toks[ph.j] if ph.j < self.n else None
        nxt = nxt_tok.low if nxt_tok else ""
        v = f.value if isinstance(f.value, float) else None
        plain = tok.kind == "num" and re.fullmatch(r"\d+", tok.text) is not None and ph.j - ph.i == 1
        if f.kind == "cardinal" and f.unit is None and tok.kind == "num" and ph.j - ph.i == 1 and \
                nxt in ("am", "pm") and _gap(toks, ph.j) <= 1:
            f.is_date, f.dimension, f.is_id = True, "clock", False  # 2.17pm
            return
        if f.kind in ("cardinal",) and f.unit is None and plain and v is not None:
            count_next = nxt_tok is not None and nxt_tok.kind == "word" and _gap(toks, ph.j) == 1 and (
                (nxt.endswith("s") and not nxt.endswith("ss")) or nxt in U.COUNT_NOUNS)
            strong_prep = prev in ("in", "since", "by", "until", "till", "before", "after", "during", "from",
                                   "through", "between", "throughout", "fiscal", "circa", "year")
            if len(tok.text) == 4 and 1000 <= v <= 2100 and f.relation is None and (strong_prep or not count_next):
                if prev in U.YEAR_PREPS or prev in U.MONTHS or nxt in U.MONTHS or nxt_tok is None or (
                        nxt_tok.kind == "sym" and nxt_tok.text not in "%$€£") or nxt in ("s", "'s") or \
                        ((k > 0 and toks[k - 1].text in ",") and self.low(k - 2) in U.MONTHS) or \
                        (k >= 2 and toks[k - 1].kind == "num" and self.low(k - 2) in U.MONTHS):
                    f.is_date = True
                elif 1900 <= v <= 2100 and nxt_tok is not None and nxt_tok.kind == "word" and \
                        _gap(toks, ph.j) == 1 and not nxt.endswith("s") and nxt not in U.COUNT_NOUNS and \
                        nxt not in ("people", "men", "women", "children") and nxt not in _FUNCTION_WORDS:
                    f.is_date = True  # "a 2014 study", "the 2016 election", "his 2008 presidential bid"
            if prev == "." and self.low(k - 2) in U.MONTHS:
                prev = self.low(k - 2)  # "Oct. 21"
            if v <= 31 and (prev in U.MONTHS or nxt in U.MONTHS or (nxt in _ORD_SUFFIX and self.low(ph.j + 1) == "of"
                                                                      and self.low(ph.j + 2) in U.MONTHS)):
                f.is_date = True
            # clock times: 2:00, 6pm, 11 p.m.
            clock = nxt in ("am", "pm") or (nxt in ("a", "p") and self.low(ph.j + 1) == ".")
            if nxt_tok is not None and ((nxt_tok.text == ":" and _gap(toks, ph.j) == 0) or clock):
                f.is_date, f.dimension = True, "clock"
            if prev == ":" and _gap(toks, k) == 0:
                f.is_date = True
        # decades: "the mid-70s", "the '90s", "the 1980s"
        if plain and v is not None and nxt == "s" and _gap(toks, ph.j) == 0 and (
                (len(tok.text) == 2 and v % 10 == 0) or (len(tok.text) == 4 and v % 10 == 0)):
            f.is_date, f.is_id = True, False
        # an age in apposition: "Mrs Hassan, 59, who led ..."
        if plain and v is not None and v < 120 and prev == "," and k >= 2 and toks[k - 2].kind == "word" and \
                toks[k - 2].text[:1].isupper() and nxt_tok is not None and nxt_tok.text in ",.;)":
            f.dimension, f.unit = "age", "year"
            f.kind = "measure"
        # the second day of a date range: "Sept. 19 to 22", "May 2-4"
        if plain and v is not None and v <= 31 and prev in ("to", "-", "–", "through", "and") and k >= 3 and \
                toks[k - 2].kind == "num" and (self.low(k - 3) in U.MONTHS or (
                    toks[k - 3].text == "." and self.low(k - 4) in U.MONTHS)):
            f.is_date = True
        # slash pairs that are no fraction: 9/11, 24/7, 5/17
        if plain and nxt_tok is not None and nxt_tok.text == "/" and _gap(toks, ph.j) == 0 and ph.j + 1 < self.n \
                and toks[ph.j + 1].kind == "num" and _gap(toks, ph.j + 1) == 0 and not f.dimension == "fraction":
            f.is_id = True
        if plain and k >= 2 and toks[k - 1].text == "/" and _gap(toks, k) == 0 and _gap(toks, k - 1) == 0 and \
                toks[k - 2].kind == "num":
            f.is_id = True
        # scores and labels: "a 2-1 decision", "a 4-4 ruling", "14-19 qualifications"
        if plain and v is not None and v < 100 and nxt_tok is not None and nxt_tok.text in "-–" and \
                _gap(toks, ph.j) == 0 and ph.j + 1 < self.n and toks[ph.j + 1].kind == "num" and \
                _gap(toks, ph.j + 1) == 0 and re.fullmatch(r"\d{1,2}", toks[ph.j + 1].text):
            f.is_id = True
        if plain and v is not None and v < 100 and k >= 2 and toks[k - 1].text in "-–" and _gap(toks, k) == 0 and \
                _gap(toks, k - 1) == 0 and re.fullmatch(r"\d{1,2}", toks[k - 2].text):
            f.is_id = True
        # parts of a date written with slashes or dashes: 5/17/2018, 2018-05-17
        if plain and nxt_tok is not None and nxt_tok.text in "/-" and _gap(toks, ph.j) == 0 and \
                ph.j + 1 < self.n and toks[ph.j + 1].kind == "num" and _gap(toks, ph.j + 1) == 0:
            if ph.j + 3 < self.n and toks[ph.j + 2].text == nxt_tok.text and toks[ph.j + 3].kind == "num":
                f.is_date = True
            elif len(tok.text) == 4 and 1900 <= (v or 0) <= 2100:
                f.is_date = True  # 2015-16
        if plain and k >= 2 and toks[k - 1].text in "-–" and _gap(toks, k) == 0 and _gap(toks, k - 1) == 0 and \
                re.fullmatch(r"(?:19|20)\d\d", toks[k - 2].text) and len(tok.text) == 2:
            f.is_date, f.is_id = True, False  # 2013-14
        if plain and k >= 2 and toks[k - 1].text in "/-" and _gap(toks, k) == 0 and toks[k - 2].kind == "num" \
                and _gap(toks, k - 1) == 0 and ((k >= 4 and toks[k - 3].text == toks[k - 1].text) or
                                                 len(toks[k - 2].text) == 4):
            f.is_date = True
        # identifiers: "Article 50", "F-16", "G7", "COVID-19", "5G"
        if tok.kind == "num" and f.unit is None:
            if (prev in U.ID_WORDS and not (prev == "no" and self.low(k - 2) not in ("", "."))) or (
                    k > 0 and toks[k - 1].kind == "word" and _gap(toks, k) == 0) or (
                    k > 1 and toks[k - 1].text == "-" and _gap(toks, k) == 0 and _gap(toks, k - 1) == 0
                    and toks[k - 2].kind == "word" and toks[k - 2].text[:1].isupper()):
                f.is_id = True
            if nxt_tok is not None and nxt_tok.kind == "word" and _gap(toks, ph.j) == 0 and \
                    nxt_tok.text not in SCALE_ABBR and nxt not in _ORD_SUFFIX and f.kind == "cardinal" and \
                    nxt not in ("s", "fold"):
                f.is_id = True
            if prev == "#" or (prev == "." and self.low(k - 2) in ("no", "nos", "nr", "vol", "fig", "art", "sec",
                                                                     "pt", "ch", "para")):
                f.is_id = True  # "#3", "No. 2"

    # -- other forms ---------------------------------------------------------------------

    def ordinal(self, k: int) -> tuple[Found, int] | None:
        toks = self.toks
        t = toks[k]
        if t.kind == "num" and re.fullmatch(r"\d+", t.text) and k + 1 < self.n and toks[k + 1].low in _ORD_SUFFIX \
                and _gap(toks, k + 1) == 0:
            v = float(t.text)
            f = Found(t.start, toks[k + 1].end, self.text[t.start: toks[k + 1].end], "ordinal", v,
                      num_start=t.start, num_end=toks[k + 1].end)
            if self.low(k - 1) in U.MONTHS or self.low(k + 2) in U.MONTHS or (
                    self.low(k + 2) == "of" and self.low(k + 3) in U.MONTHS) or self.low(k + 2) in ("century",):
                f.is_date = True
            return f, k + 2
        if t.kind == "word":
            low = t.low
            j = k + 1
            v = ORDINALS.get(low)
            if low in TENS and k + 2 < self.n and toks[k + 1].text == "-" and toks[k + 2].low in ORDINALS and \
                    ORDINALS[toks[k + 2].low] < 10:
                v = TENS[low] + ORDINALS[toks[k + 2].low]
                j = k + 3
            if v is None or v >= 1000:
                return None
            if low == "second" and (k > 0 and read_number(toks, k - 1) is not None):
                return None
            f = Found(t.start, toks[j - 1].end, self.text[t.start: toks[j - 1].end], "ordinal", float(v), words=True,
                      num_start=t.start, num_end=toks[j - 1].end)
            if self.low(j) in U.MONTHS or self.low(k - 1) in U.MONTHS or (
                    self.low(j) == "of" and self.low(j + 1) in U.MONTHS):
                f.is_date = True
            return f, j
        return None

    def vague(self, k: int) -> tuple[Found, int] | None:
        """"billions", "tens of thousands", "hundreds of millions of dollars"."""
        toks = self.toks
        low = toks[k].low
        j = k + 1
        if low in ("tens", "hundreds") and self.low(k + 1) == "of" and self.low(k + 2) in U.VAGUE:
            base = U.VAGUE[self.low(k + 2)] * (10 if low == "tens" else 100)
            j = k + 3
        elif low in U.VAGUE:
            base = U.VAGUE[low]
            if low in ("hundreds", "dozens") and self.low(k + 1) != "of":
                return None
        else:
            return None
        value = (base * (2 if base == 12 else 1), base * (10 if base in (12.0,) else 1000 if base >= 1e3 else 10))
        kind, unit, dim = "vague", None, None
        if self.low(j) == "of" and (m := _match(toks, j + 1, U.CURRENCY_WORDS, _CUR_MAX)):  # type: ignore[arg-type]
            kind, unit, dim = "money", m[1][0], "currency"  # type: ignore[index]
            j = j + 1 + m[0]
        elif k > 0 and toks[k - 1].text in "$£€" and _gap(toks, k) <= 1:
            kind, unit, dim = "money", U.CURRENCY_PREFIX[(toks[k - 1].text,)][0], "currency"
            k -= 1
        elif any(self.low(m) in U.MONEY_CUES for m in range(max(0, k - 3), k)):
            kind, dim = "money", "currency"
        per = None
        pr = self.per_after(j)
        if pr:
            j, per = pr
        hb = self.hedge_before(k)
        hedge = relation = None
        start_k = k
        if hb:
            start_k, relation = hb
            hedge = " ".join(t.text for t in toks[start_k:k])
        f = Found(toks[start_k].start, toks[j - 1].end, self.text[toks[start_k].start: toks[j - 1].end], kind,
                  value, unit=unit, dimension=dim, per=per, hedge=hedge, relation=relation, words=True,
                  num_start=toks[k].start, num_end=toks[k].end)
        return f, j

    def percent_of(self, k: int) -> tuple[Found, int] | None:
        """"per cent of twenty-two": the spelled-out percent written first."""
        toks = self.toks
        size = 2 if self.low(k) == "per" and self.low(k + 1) == "cent" else 1
        if not (self.low(k) in ("percent", "percents") or size == 2) or self.low(k + size) != "of":
            return None
        if k > 0 and read_number(toks, k - 1) is not None:
            return None
        ph = read_number(toks, k + size + 1)
        if ph is None:
            return None
        end = toks[ph.j - 1].end
        f = Found(toks[k].start, end, self.text[toks[k].start: end], "percent", ph.value, unit="percent",
                  dimension="percent", words=ph.words, num_start=toks[ph.i].start, num_end=end)
        return f, ph.j

    def multiplier(self, k: int) -> tuple[Found, int] | None:
        t = self.toks[k]
        if t.kind == "word" and t.low in _MULT_WORDS:
            if t.low in ("double", "triple", "quadruple") and self.low(k + 1) not in ("the", "that", "what", "its"):
                return None
            f = Found(t.start, t.end, t.text, "multiplier", _MULT_WORDS[t.low], words=True, num_start=t.start,
                      num_end=t.end)
            return f, k + 1
        return None

    # -- ranges and fractions of two numbers ------------------------------------------------

    def combine(self, items: list[tuple[Found, int, int]]) -> list[Found]:
        """Join "between 3 and 5", "3 to 4 L", "10-15 exabytes", "one in five" pairs."""
        out: list[Found] = []
        i = 0
        while i < len(items):
            a, ak, aj = items[i]
            if i + 1 < len(items):
                b, bk, _ = items[i + 1]
                joined = self.join(a, ak, aj, b, bk)
                if joined is not None:
                    out.append(joined)
                    i += 2
                    continue
            out.append(a)
            i += 1
        return out

    def join(self, a: Found, ak: int, aj: int, b: Found, bk: int) -> Found | None:
        toks = self.toks
        if a.kind in ("ordinal", "vague") or b.kind in ("ordinal", "vague") or a.is_date or b.is_date:
            return None
        if not isinstance(a.value, float) or not isinstance(b.value, float):
            return None
        between = [t.low for t in toks[aj:bk]]
        hedge_a = (a.hedge or "").lower()
        ok_unit = a.unit is None or b.unit is None or a.unit == b.unit
        if not ok_unit:
            return None
        # "1 over 3": the hedge reading of "over" gave way to a fraction
        if between == ["over"] and (b.hedge or "").lower() == "over" and a.unit is None and b.unit is None and \
                a.kind == "cardinal" and b.kind == "cardinal" and a.relation is None and b.value:
            nxt = toks[self._after(b)] if self._after(b) < self.n else None
            if nxt is None or nxt.kind != "word":
                return self._merge(a, b, a.value / b.value, None, None)
        # "eight of 10 voters", "nine in 10": a share
        if between == ["of"] and a.unit is None and b.unit is None and a.kind == "cardinal" and \
                b.kind == "cardinal" and 0 < a.value < b.value and b.value in (3, 4, 5, 10, 20, 100) and \
                b.relation is None:
            f = self._merge(a, b, a.value / b.value, None, None)
            f.relation, f.hedge = a.relation, a.hedge
            return f
        # fractions of two numbers: "one in five", "two out of five hundred"
        if a.unit is None and b.unit is None and a.relation is None and b.relation is None and \
                between in (["in"], ["out", "of"], ["over"]) and a.value < b.value and a.value > 0:
            nxt = toks[self._after(b)] if self._after(b) < self.n else None
            if between != ["over"] or nxt is None or nxt.kind != "word":
                return self._merge(a, b, a.value / b.value, None, None)
        rng = None
        if hedge_a == "between" or (a.start > 0 and self.low(ak - 1) == "between"):
            if between == ["and"]:
                rng = "between"
        if between in (["to"], ["-", "to"], ["–"], ["-"], ["~"], ["and"]) and rng is None:
            if between == ["and"]:
                return None
            if ak > 0 and self.low(ak - 1) == "from" and self.low(ak - 2) not in ("ranging", "ranged", "range",
                                                                                 "ranges", "varying", "varied"):
                return None  # "rose from 5% to 7%" is a change, not a range
            if "to" in between and any(self.low(m) in _CHANGE for m in range(max(0, ak - 4), ak)):
                return None  # "fell $28.63 to $38.65", "lifted rates 0.25% to 5.5%": a change
            if between in (["-"], ["–"], ["~"]) and (_gap(toks, aj) > 1 or _gap(toks, bk) > 1):
                return None
            if a.unit is None and b.unit is None and a.kind == "cardinal" and b.kind == "cardinal" and \
                    a.relation is None and between != ["~"]:
                return None  # a bare "3-1" or "18 to 24": leave as two numbers
            rng = "to"
        if rng is None:
            return None
        lo, hi = a.value, b.value
        if lo < 1e3 <= hi and hi / max(abs(lo), 1e-9) >= 1e3 and _SCALED.search(b.text) and \
                not _SCALED.search(a.text):
            lo *= _scale_of(hi)  # "$2 to 3 billion", "2 to 3 million people"
        if not lo < hi:
            return None
        return self._merge(a, b, (lo, hi), "between" if rng == "between" else None, None)

    def _after(self, f: Found) -> int:
        return bisect.bisect_left(self.starts, f.end)

    def _merge(self, a: Found, b: Found, value: Value, hedge: str | None, relation: str | None) -> Found:
        start = a.start
        if hedge == "between":
            m = self.text.rfind("between", 0, a.num_start)
            if m >= 0 and a.num_start - m < 12:
                start = m
        unit = b.unit or a.unit
        f = Found(start, b.end, self.text[start: b.end], b.kind if b.kind != "cardinal" else a.kind, value,
                  unit=unit, dimension=b.dimension or a.dimension, per=b.per or a.per, hedge=hedge or a.hedge,
                  relation=relation if relation else (None if isinstance(value, tuple) else a.relation),
                  words=a.words or b.words, num_start=a.num_start, num_end=b.num_end)
        if isinstance(value, float) and not isinstance(a.value, tuple):
            f.dimension = "fraction"
        return f

    def run(self) -> list[Found]:
        items: list[tuple[Found, int, int]] = []
        k = 0
        while k < self.n:
            res = None
            t = self.toks[k]
            if t.kind in ("num", "vfrac", "word", "sym"):
                res = self.ordinal(k) if t.kind in ("num", "word") else None
                if res is None or (t.kind == "num" and res is None):
                    res = self.at(k)
                if res is None and t.kind == "word":
                    res = self.vague(k) or self.multiplier(k) or self.percent_of(k)
            if res is None:
                k += 1
                continue
            f, j = res
            items.append((f, self._tok_index(f.num_start), j))
            k = max(j, k + 1)
        found = self.combine(items)
        urls = _url_spans(self.text)
        if urls:
            found = [f for f in found if not any(a <= f.start < b for a, b in urls)]
        return found

    def _tok_index(self, offset: int) -> int:
        return min(bisect.bisect_left(self.starts, offset), max(self.n - 1, 0))


_PCT_ESCAPE = re.compile(r"%2[0-9A-F]")


def _url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs, e-mail addresses and URL-escaped strings (numbers there are not quantities)."""
    if "://" not in text and "www." not in text and "@" not in text and "%2" not in text:
        return []
    out = []
    for m in re.finditer(r"\S+", text):
        chunk = m.group()
        if "://" in chunk or chunk.lower().startswith("www.") or ("@" in chunk and "." in chunk.rsplit("@", 1)[-1]) \
                or _PCT_ESCAPE.search(chunk):
            out.append((m.start(), m.end()))
    return out


def _round(v: float) -> float:
    """Drop float noise: 16.4 * 1e6 is 16400000, not 16399999.999999998."""
    try:
        return float(f"{v:.12g}")
    except (OverflowError, ValueError):
        return v


def _scale_of(v: float) -> float:
    for s in (1e12, 1e9, 1e6, 1e3):
        if abs(v) >= s:
            return s
    return 1.0


def is_figure(f: Found) -> bool:
    """A quantity worth checking: not a date, identifier, ordinal, clock time or age, not a
    small number written in words ("two countries", "one or more"), not a crowd word
    ("dozens", "hundreds of demonstrators"); money, percentages and measures always are."""
    if f.is_date or f.is_id or f.kind == "ordinal" or f.dimension in ("clock", "age", "duration"):
        return False
    if f.kind in ("percent", "money", "measure", "multiplier"):
        return True
    if f.kind == "vague":
        return (f.low or 0) >= 1e3
    if f.words:
        v = f.value if isinstance(f.value, float) else f.low
        return v is not None and (v >= 100 or v != int(v))
    return True


def extract(text: str) -> list[Found]:
    """Every quantity in ``text``, in order (dates and identifiers marked, not dropped)."""
    if not text:
        return []
    return _Extractor(text).run()
