"""Reading the parts of a temporal expression: month, weekday, year, clock, count, unit.

The grammar finds where an expression is; these functions read what its words
say, for the resolver.
"""

from __future__ import annotations

import re

from byline.timex import lexicon as lx


def month_of(text: str) -> int | None:
    for w in re.findall(r"[A-Za-z]+", text):
        m = lx.MONTHS.get(w.lower())
        if m is not None:
            return m
    return None


def weekday_of(text: str) -> int | None:
    for w in re.findall(r"[A-Za-z]+", text):
        d = lx.WEEKDAYS.get(w.lower().rstrip("s"))
        if d is None:
            d = lx.WEEKDAYS.get(w.lower())
        if d is not None:
            return d
    return None


def year_of(text: str) -> int | None:
    m = re.search(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)", text)
    if m:
        return int(m.group(1))
    return year_in_words(text)


def year_in_words(text: str) -> int | None:
    """1994 for "nineteen ninety-four", 2001 for "two thousand and one"."""
    words = [w for w in re.findall(r"[a-z]+", text.lower()) if w != "and"]
    if "thousand" in words:
        k = words.index("thousand")
        if k == 0 or words[k - 1] != "two":
            return None
        rest = lx.number(" ".join(words[k + 1:k + 3])) if words[k + 1:] else 0
        return 2000 + int(rest or 0)
    if "nineteen" in words:
        k = words.index("nineteen")
        tail = words[k + 1:k + 3]
        if tail and tail[0] == "oh":
            n = lx.number(" ".join(tail[1:2]))
        else:
            n = lx.number(" ".join(tail))
            if n is None and tail:
                n = lx.number(tail[0])
        if n is None or n >= 100:
            return None
        return 1900 + int(n)
    return None


def part_of(text: str) -> str | None:
    for w in re.findall(r"[a-z]+", text.lower()):
        if w in lx.PARTS_OF_DAY:
            return lx.PARTS_OF_DAY[w]
    return None


def clock_of(text: str) -> str | None:
    t = text.lower()
    if "noon" in t or "midday" in t:
        return "12:00"
    if "midnight" in t:
        return "24:00"
    m = (re.search(r"(?<![\d:])(\d{1,2})(?::(\d\d))?\s*(a\.?m\b\.?|p\.?m\b\.?)", t)
         or re.search(r"(?<![\d:])(\d{1,2}):(\d\d)()", t) or re.search(r"(?<![\d:])(\d{1,2})()()(?!\d)", t))
    if not m:
        return None
    h = int(m.group(1))
    mi = int(m.group(2) or 0)
    ap = (m.group(3) or "").replace(".", "")
    if ap == "pm" and h < 12:
        h += 12
    if ap == "am" and h == 12:
        h = 0
    if h > 24 or mi > 59:
        return None
    return f"{h:02d}:{mi:02d}"


def mod_of(text: str) -> str | None:
    """TIMEX3 ``mod`` for the modifier an expression starts with: "early May" is
    START, "about three years" APPROX, "at least a week" EQUAL_OR_MORE."""
    t = text.lower()
    for words, mod in (
        (("early", "the beginning of", "the start of"), "START"),
        (("late", "the end of", "end of", "end-", "the close of"), "END"),
        (("mid", "the middle of"), "MID"),
        (("about", "around", "roughly", "approximately", "some "), "APPROX"),
        (("at least", "no less than", "no fewer than"), "EQUAL_OR_MORE"),
        (("at most", "no more than", "up to"), "EQUAL_OR_LESS"),
        (("more than", "over ", "well over"), "MORE_THAN"),
        (("less than", "under ", "fewer than", "almost", "nearly", "barely"), "LESS_THAN"),
        (("shortly before", "just before"), "BEFORE"),
        (("shortly after", "just after"), "AFTER"),
    ):
        if any(t.startswith(w) and (w[-1] in " -" or not t[len(w):len(w) + 1].isalpha()) for w in words):
            return mod
    if t.startswith("the ") and not t.startswith("the the "):
        return mod_of(t[4:])  # "the early 1990s", "the mid-1980s"
    return None


def unit_of(text: str) -> str | None:
    words = re.findall(r"[a-z]+", text.lower())
    for w in reversed(words):
        if w in ("ago", "earlier", "later", "before", "after", "from", "now", "hence", "back", "long", "old",
                 "previously", "afterwards"):
            continue
        w1 = w[:-1] if w.endswith("s") and w[:-1] in lx.UNITS else w
        if w1 == "centuries":
            return "century"
        if w1 in lx.UNITS:
            return lx.UNITS[w1]
        if w in ("centuries",):
            return "century"
    return None


_NUM_PAT = re.compile(
    r"(?i)(?<![\w])(\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:\s+1/2)?|(?:one|two) and a half|a half|half an?|"
    r"(?:a\s+)?(?:couple|few|dozen|hundred)(?:\s+of)?|two\s+thousand|several|many|some|"
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|"
    r"eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|an?)(?=[\s-])")


def amount_of(text: str) -> tuple[bool, float | None]:
    """(found, number) for the count in a duration phrase; number None = vague."""
    for m in _NUM_PAT.finditer(text):
        w = m.group(1).lower()
        if w in ("a", "an") and re.match(r"\s*(?:few|couple|dozen|half)", text[m.end():]):
            continue
        if w in ("some",) and not re.match(r"\s*(?:years?|months?|weeks?|days?|time)", text[m.end():], re.I):
            continue
        return True, lx.number(w.replace(" of", ""))
    return False, None


def _fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration: ``P3M``, ``PT2H``, ``P10Y`` (a decade), ``PXY`` (vague)."""
    code, mult, is_time = lx.DURATION_CODE.get(unit, ("X", 1, False))
    if code == "DE":
        code, mult = "Y", 10
    elif code == "CE":
        code, mult = "Y", 100
    elif code == "WE":
        code, mult = "D", 2
    pre = "PT" if is_time else "P"
    if n is None:
        return f"{pre}X{code}"
    total = n * mult
    if not float(total).is_integer():
        if unit == "hour":
            return f"PT{int(total)}H{round((total % 1) * 60)}M"
        if unit == "minute":
            return f"PT{int(total)}M{round((total % 1) * 60)}S"
        if unit == "year":
            months = round(total * 12)
            return f"P{months // 12}Y{months % 12}M"
        if unit == "day":
            return f"PT{round(total * 24)}H"
    return f"{pre}{_fmt_num(total)}{code}"
