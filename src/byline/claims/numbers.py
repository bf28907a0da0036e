"""Numbers as written: digits ("70,000", "1.2e6", "2 1/2"), words ("seventy
thousand", "a dozen", "two thirds", "one and a half") and their mixtures
("3 hundred and 21", "$1.13bn").

:func:`tokenize` cuts a text into word, numeral and symbol tokens with offsets;
:func:`read_number` reads the longest number phrase starting at a token. Both
are pure functions of the text: no spaCy, so they are fast and easy to test.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# A numeral written with digits (no sign: signs are read by the phrase reader).
# Alternatives are tried in order; lookarounds keep "192.168.1.2" as four
# numbers and "22,24,26" as three.
_NUMERAL = r"""
    \d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d|,\d)            # 1,234,567.89
  | \d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?(?!\d)           # 12,34,567.89 (Indian grouping)
  | \d{1,3}(?:\.\d{3})+,\d+(?!\d)                      # 1.111,11 (European)
  | \d{1,3}(?:[\u202f\u00a0\u2009 ]\d{3})+(?:\.\d+)?(?![\d\w])   # 1 234 567
  | (?<![\d,])\d+,\d{1,2}(?![\d,])                     # 5,00  1,3 (decimal comma)
  | (?<!\d\.)\d++\.\d++(?:[eE][+-]?\d+)?(?!\.\d)        # 9.2321312  -127.32e13
  | \d++(?:[eE][+-]?\d+(?![\d.]))?                     # 1234  1e10
  | (?<!\d)\.\d+(?!\.\d)                               # .08
"""
_POWER = r"(?:\s?[x×]\s?10\s?\^?\s?[-−+]?\d+|\^[-−+]*\d+)"  # 1.3x10^6, 2.48×10−5, 1.1^23
_TOKEN_RE = re.compile(
    rf"(?P<num>(?:{_NUMERAL}){_POWER}?)"
    r"|(?P<vfrac>[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)?)"
    r"|(?P<sym>\S)",
    re.X,
)

VULGAR = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅖": 0.4, "⅗": 0.6,
          "⅘": 0.8, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 0.125, "⅜": 0.375, "⅝": 0.625, "⅞": 0.875}

ONES = {
    "zero": 0, "nought": 0, "naught": 0, "nil": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {
    "thousand": 1e3, "thousands": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9,
    "trillion": 1e12, "trillions": 1e12, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}
# Abbreviated scales written after a numeral: "10k", "$1.13bn", "£600m", "10 bln".
SCALE_ABBR = {
    "k": 1e3, "K": 1e3, "thou": 1e3, "m": 1e6, "M": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6, "mm": 1e6,
    "MM": 1e6, "b": 1e9, "B": 1e9, "bn": 1e9, "bln": 1e9, "tn": 1e12, "tln": 1e12, "trn": 1e12,
    "T": 1e12,
}
DOZEN = {"dozen": 12, "dozens": 12, "dz": 12, "dzs": 12, "doz": 12, "dozs": 12, "score": 20}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "eightieth": 80, "ninetieth": 90, "hundredth": 100, "thousandth": 1e3, "millionth": 1e6,
    "billionth": 1e9, "trillionth": 1e12,
}
# Denominators: ordinals as fractions ("two thirds"), plus half and quarter.
DENOMS: dict[str, float] = {k: v for k, v in ORDINALS.items() if v >= 3}
DENOMS.update({k + "s": v for k, v in list(DENOMS.items())})
DENOMS.update({"half": 2, "halves": 2, "halfs": 2, "quarter": 4, "quarters": 4, "fourths": 4})
NEGATIVE = {"minus", "negative"}


class Tok:
    """One token: ``kind`` is num, vfrac, word or sym; ``low`` the lowercased text."""

    __slots__ = ("end", "kind", "low", "start", "text")

    def __init__(self, kind: str, text: str, start: int, end: int):
        self.kind = kind
        self.text = text
        self.start = start
        self.end = end
        self.low = text.lower().replace("’", "'")

    def __repr__(self) -> str:
        return f"Tok({self.kind}, {self.text!r}, {self.start}, {self.end})"


def tokenize(text: str) -> list[Tok]:
    return [Tok(m.lastgroup or "sym", m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


MAX_DIGITS = 40  # longer digit strings are codes or noise, not quantities


_X10 = re.compile(r"\s?[x×]\s?10\s?\^?\s?([-+]?\d+)$")
_CARET = re.compile(r"\^([-+]*)(\d+)$")
_EUROPEAN = re.compile(r"\d{1,3}(?:\.\d{3})+,\d+")
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
_GROUPING = re.compile(r"[,\u202f\u00a0\u2009 ]")


@functools.lru_cache(maxsize=8192)
def numeral_value(s: str) -> float | None:
    """The value of a digit numeral as matched by the tokenizer."""
    s = s.replace("−", "-")
    if sum(c.isdigit() for c in s) > MAX_DIGITS:
        return None
    power = None
    m = _X10.search(s)
    if m:
        s, power = s[: m.start()], ("x10", int(m.group(1)))
    else:
        m = _CARET.search(s)
        if m:
            sign = -1 if m.group(1).count("-") % 2 else 1
            s, power = s[: m.start()], ("^", sign * int(m.group(2)))
    s = s.strip()
    if _EUROPEAN.fullmatch(s):  # European
        s = s.replace(".", "").replace(",", ".")
    elif _DECIMAL_COMMA.fullmatch(s):  # decimal comma
        s = s.replace(",", ".")
    s = _GROUPING.sub("", s)
    try:
        v = float(s)
        if power:
            v = v * 10.0 ** power[1] if power[0] == "x10" else v ** power[1]
    except (ValueError, OverflowError, ZeroDivisionError):
        return None
    if isinstance(v, complex) or v != v or v in (float("inf"), float("-inf")):
        return None
    return v


@dataclass
class NumberPhrase:
    """A number read from tokens ``[i, j)``: its value and how it was written."""

    i: int
    j: int
    value: float
    words: bool  # written (at least partly) in words
    fraction: bool = False
    scaled: bool = False  # carries a scale word or abbreviation ("million", "bn")
    vague: bool = False  # "billions", "dozens", "tens of thousands"
    ordinal: bool = False


def _gap(toks: list[Tok], k: int) -> int:
    """Characters between token k-1 and token k."""
    return toks[k].start - toks[k - 1].end if k > 0 else 0


def _is_word(toks: list[Tok], k: int, *words: str) -> bool:
    return 0 <= k < len(toks) and toks[k].kind == "word" and toks[k].low in words


def _small(tok: Tok) -> float | None:
    """Value of a numeral or a one-word number below 100."""
    if tok.kind == "num":
        return numeral_value(tok.text)
    if tok.kind == "word":
        low = tok.low
        if low in ONES:
            return ONES[low]
        if low in TENS:
            return TENS[low]
    return None


class _Reader:
    """Reads one number phrase with the usual total/current accumulation."""

    def __init__(self, toks: list[Tok], i: int):
        self.toks = toks
        self.i = i

    def read(self) -> NumberPhrase | None:
        toks, i = self.toks, self.i
        n = len(toks)
        total = 0.0
        current = 0.0
        have = False  # a number has been read
        words = False
        scaled = fraction = False
        last_end = i  # token index after the last complete number
        best: NumberPhrase | None = None
        k = i
        prev = ""  # kind of the previous element: ones, tens, hundred, scale, num, and, frac, point
        and_state: tuple[float, float] | None = None  # (total, current) at the last "and"
        last_scale = 0.0
        numerator_a = False  # "a"/"an" standing for one before a scale or denominator
        digits_literal = False
        best_before_and: NumberPhrase | None = None

        def snapshot() -> None:
            nonlocal best, last_end
            value = total + current
            if and_state is not None and prev == "frac" and current < 1 and last_scale and total == and_state[0]:
                value = total + current * last_scale  # "one million and a half"
            last_end = k + 1
            best = NumberPhrase(i, k + 1, value, words, fraction, scaled)

        while k < n:
            t = toks[k]
            low = t.low
            if k > i and _gap(toks, k) > 3:
                break
            if t.kind == "sym" and t.text in "-–" and have and words and _gap(toks, k) <= 1:
                # fifty - two, one-eighth, hundred-fifths: a hyphen inside a word number
                nxt = toks[k + 1] if k + 1 < n else None
                if nxt is not None and nxt.kind == "word" and _gap(toks, k + 1) <= 1 and (
                    (nxt.low in ONES and ONES[nxt.low] < 10 and prev == "tens") or nxt.low in DENOMS
                ):
                    k += 1
                    continue
                break
            if t.kind == "num":
                v = numeral_value(t.text)
                mixed = prev == "num" and _slash_fraction(toks, k) is not None and _gap(toks, k) <= 2
                if v is None or (prev in ("num", "ones", "tens", "frac", "point") and not mixed):
                    break
                if prev in ("hundred", "scale", "and") and (v >= 1000 or (prev == "scale" and v >= last_scale)):
                    break
                current += v
                digits_literal = True
                have = True
                prev = "num"
                snapshot()
                k += 1
                continue
            if t.kind == "vfrac":
                if prev in ("ones", "tens", "num", "and", "") and _gap(toks, k) <= 1:
                    current += VULGAR[t.text]
                    have = fraction = True
                    prev = "frac"
                    snapshot()
                    k += 1
                    continue
                break
            if t.kind != "word":
                # 2 1/2 and 1/4: a slash fraction
                if low == "/" and prev == "num" and (frac := _slash_fraction(toks, k - 1)) is not None:
                    num, den = frac
                    current = current - num + num / den
                    fraction = True
                    prev = "frac"
                    k += 1
                    snapshot()
                    k += 1
                    continue
                break
            # words
            if low in ("a", "an") and (not have or prev == "and"):
                nxt = toks[k + 1].low if k + 1 < n else ""
                hyphen = k + 2 < n and toks[k + 2].text == "-" and _gap(toks, k + 2) == 0
                if nxt in ("hundred", "thousand", "million", "billion", "trillion", "dozen", "lakh", "crore") or (
                    nxt in DENOMS and nxt not in ("quarters", "halves") and not hyphen
                ):
                    numerator_a = True
                    current += 1
                    prev = "ones"
                    words = True
                    k += 1
                    continue
                break
            if low in ("a", "an") and prev == "frac" and k + 1 < n and toks[k + 1].low in (
                    "dozen", "million", "billion", "thousand", "trillion", "hundred"):
                k += 1  # half a dozen
                continue
            if low == "of" and prev == "frac" and k + 2 < n and toks[k + 1].low in ("a", "an") and toks[k + 2].low in (
                    "million", "billion", "thousand", "trillion", "dozen", "hundred"):
                k += 2  # two thirds of a million
                continue
            if low in ONES or low in TENS:
                v = ONES.get(low, TENS.get(low, 0))
                if prev == "ones" or prev == "num" or prev == "frac" or prev == "point":
                    break
                if prev == "tens" and (low in TENS or v >= 10):
                    break
                if prev == "hundred" and current % 100 and not (and_state and current == and_state[1]):
                    break
                current += v
                have = words = True
                prev = "tens" if low in TENS else "ones"
                snapshot()
                k += 1
                continue
            if low in ("hundred", "hundreds") and prev in ("ones", "tens", "num", "") and not fraction:
                if prev == "" and low == "hundreds":
                    break
                if prev == "":
                    if not numerator_a:
                        break
                grp = current
                if and_state is not None and total == and_state[0]:
                    grp = current - and_state[1]
                    if and_state[1] >= 100 and grp > 0:
                        return best_before_and  # 3 hundred and 2 hundred: two numbers
                if grp >= 100 and not digits_literal:
                    break
                if grp >= 100 and digits_literal and k > i and toks[k - 1].kind == "num" and grp >= 1000:
                    break
                current = current - grp + (grp or 1) * 100
                have = words = scaled = True
                prev = "hundred"
                snapshot()
                k += 1
                continue
            if low in SCALES:
                s = SCALES[low]
                if low.endswith("s") and prev != "frac":
                    break
                if prev in ("", "and") and not numerator_a:
                    break
                if current == 0 and total and s > last_scale:
                    total *= s  # hundred thousand, lakh crore
                elif last_scale and s >= last_scale and current and total:
                    break
                else:
                    total += (current or 1) * s
                current = 0
                last_scale = max(last_scale, s) if total else s
                have = words = scaled = True
                prev = "scale"
                snapshot()
                k += 1
                continue
            if low in DOZEN and prev in ("ones", "tens", "num", "frac", "hundred"):
                grp = current
                if and_state is not None and total == and_state[0]:
                    grp = current - and_state[1]
                current = current - grp + grp * DOZEN[low]
                have = words = scaled = True
                prev = "scale"
                snapshot()
                k += 1
                continue
            if low in DENOMS and k + 1 < n and toks[k + 1].text == "-" and _gap(toks, k + 1) == 0:
                break  # "half-hearted", "quarter-final": a word, not a fraction
            if low in DENOMS and (have or numerator_a or low in ("half", "quarter")):
                if prev in ("point", "frac"):
                    break
                den = DENOMS[low]
                if not have and not numerator_a:
                    # bare "half", "quarter": only before a scale ("half million") or "of"
                    nxt = toks[k + 1].low if k + 1 < n else ""
                    nxt2 = toks[k + 2].low if k + 2 < n else ""
                    if not (nxt in SCALES or (nxt in ("a", "an") and nxt2 in DOZEN | SCALES) or nxt == "of"):
                        break
                    if k > 0 and (toks[k - 1].low in ORDINALS or toks[k - 1].low in ("last", "latter", "former",
                                                                                     "final", "opening", "next")):
                        break  # "the second half of 2004": a period, not a fraction
                    current = 1.0
                if and_state is not None and total == and_state[0]:
                    grp = current - and_state[1]
                    current = and_state[1] + grp / den
                elif and_state is None:
                    numerator = total + current
                    total = 0
                    current = numerator / den
                    last_scale = 0
                else:
                    break
                have = words = fraction = True
                prev = "frac"
                snapshot()
                k += 1
                continue
            if low == "and" and have and prev in ("hundred", "scale", "ones", "tens", "num") and k + 1 < n:
                if prev in ("ones", "tens", "num"):
                    # "one and a half", "twenty and three fifths" -- but not "between two and five"
                    if not words or not _fraction_follows(toks, k + 1):
                        break
                elif _small(toks[k + 1]) is None and toks[k + 1].low not in ("a", "an") and not (
                        toks[k + 1].low in DENOMS and toks[k + 1].low not in ORDINALS):
                    break
                and_state = (total, current)
                best_before_and = best
                prev = "and"
                k += 1
                continue
            if low == "point" and have and prev in ("ones", "tens", "hundred", "scale") and k + 1 < n:
                # two hundred point zero three; nine point nought four
                digits = ""
                m = k + 1
                while m < n and toks[m].kind == "word" and (toks[m].low in ONES or toks[m].low in TENS):
                    w = toks[m].low
                    if m + 2 < n and w in TENS and toks[m + 1].text in "-" and toks[m + 2].low in ONES:
                        digits += str(TENS[w] + ONES[toks[m + 2].low])
                        m += 3
                        continue
                    digits += str(ONES.get(w, TENS.get(w, 0)))
                    m += 1
                if not digits:
                    break
                current += float("0." + digits)
                k = m - 1
                prev = "point"
                snapshot()
                k += 1
                continue
            break
        if best is None:
            return None
        return best


_SLASH_DENOMS = {2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 32, 64, 100}


def _slash_fraction(toks: list[Tok], k: int) -> tuple[float, float] | None:
    """``num/den`` at tokens k, k+1, k+2 (no spaces), not part of a date like 5/17/2018."""
    if k + 2 >= len(toks) or toks[k].kind != "num" or toks[k + 1].text != "/" or toks[k + 2].kind != "num":
        return None
    if _gap(toks, k + 1) or _gap(toks, k + 2):
        return None
    if k + 4 < len(toks) and toks[k + 3].text == "/" and not _gap(toks, k + 3):
        return None
    if k >= 2 and toks[k - 1].text == "/" and not _gap(toks, k):
        return None
    if not re.fullmatch(r"\d+", toks[k].text) or not re.fullmatch(r"\d+", toks[k + 2].text):
        return None
    num, den = int(toks[k].text), int(toks[k + 2].text)
    if den not in _SLASH_DENOMS or num >= den:
        return None
    return float(num), float(den)


def _fraction_follows(toks: list[Tok], k: int) -> bool:
    """Whether tokens from k read as a fraction: "a half", "three fifths", "one-fourth"."""
    for m in range(k, min(k + 4, len(toks))):
        low = toks[m].low
        if low in DENOMS and low not in ("first", "second"):
            return m > k
        if not (low in ("a", "an", "-") or low in ONES or low in TENS):
            return False
    return False


def read_number(toks: list[Tok], i: int) -> NumberPhrase | None:
    """The longest number phrase starting at token ``i`` (None if there is none)."""
    return _Reader(toks, i).read()
