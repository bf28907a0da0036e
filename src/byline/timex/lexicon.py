"""Words of time: month and weekday names, number words, units, parts of day.

Regular-expression fragments built from these lists are in
:mod:`byline.timex.grammar`; the tables here are what the resolver reads back.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}

#: Number words and vague quantities; ``None`` stands for "some number" (X).
NUMBERS: dict[str, int | None] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "dozen": 12, "half": None, "few": None, "several": None, "couple": 2,
    "many": None, "some": None, "numerous": None,
}

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}

#: Unit words (singular) -> canonical unit.
UNITS: dict[str, str] = {
    "second": "second", "minute": "minute", "hour": "hour", "day": "day", "night": "night",
    "week": "week", "fortnight": "fortnight", "month": "month", "quarter": "quarter",
    "year": "year", "decade": "decade", "century": "century", "centurie": "century",
    "weekend": "weekend", "season": "season", "semester": "half",
}

#: TIMEX3 duration letters per unit, and how many of that letter one unit is.
DURATION_CODE: dict[str, tuple[str, int, bool]] = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
    "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False),
    "weekend": ("WE", 1, False), "fortnight": ("W", 2, False), "month": ("M", 1, False),
    "quarter": ("Q", 1, False), "season": ("M", 3, False), "half": ("M", 6, False),
    "year": ("Y", 1, False), "decade": ("DE", 1, False), "century": ("CE", 1, False),
}

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
    "tonight": "NI", "midday": "MI", "noon": "MI",
}

SEASON_WORDS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

HOLIDAYS: dict[str, tuple[int, int] | str] = {
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
    "new year's eve": (12, 31), "new year's day": (1, 1), "new year's": (1, 1),
    "independence day": (7, 4), "halloween": (10, 31), "valentine's day": (2, 14),
    "veterans day": (11, 11), "thanksgiving": "thanksgiving", "thanksgiving day": "thanksgiving",
    "labor day": "labor", "memorial day": "memorial", "easter": "easter", "easter sunday": "easter",
}

SET_WORDS: dict[str, str] = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
    "yearly": "P1Y", "hourly": "PT1H", "biweekly": "P2W",
}

_NUM_RE = re.compile(r"\d+(?:[.,]\d+)?")


def number(text: str) -> float | None:
    """The number a phrase such as ``two``, ``twenty-four``, ``5 1/2`` or ``a
    couple of`` stands for; ``None`` for vague ones (``several``, ``a few``)."""
    t = text.lower().replace("-", " ").strip()
    if not t:
        return None
    m = re.fullmatch(r"(\d+)\s+(\d)/(\d)", t)
    if m:
        return int(m.group(1)) + int(m.group(2)) / int(m.group(3))
    if _NUM_RE.fullmatch(t):
        return float(t.replace(",", ""))
    words = [w for w in t.split() if w not in ("and", "of", "more")]
    if words and words[0] in ("a", "an") and len(words) > 1:
        words = words[1:]
    if "half" in words:
        if words[0] == "half":
            return 0.5
        base = sum(NUMBERS.get(w) or 0 for w in words if w != "half")
        return base + 0.5 if base else None
    total = 0
    for w in words:
        if w not in NUMBERS:
            return None
        v = NUMBERS[w]
        if v is None:
            return None
        if v in (100, 1000):
            total = (total or 1) * v
        else:
            total += v
    return float(total) if total else None
