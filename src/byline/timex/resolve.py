"""Resolving temporal expressions to TIMEX3 values.

Deictic expressions ("yesterday", "last month", "two years ago") resolve
against the publication date; anaphoric ones ("the following day", "a year
earlier", "the quarter") against the most recent time the text mentioned that
fits, falling back to the publication date only where news style makes that the
reading. Bare weekdays and months go back or forward from the publication date
by the tense of their clause. Nothing is invented: without an anchor a value
keeps only what the words say (``XXXX-05-02``, ``XXXX-WXX-5``) or is ``None``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from byline.timex import lexicon as lx
from byline.timex.calendar import (
    SEASONS,
    UNIT_GRAN,
    Point,
    add_months,
    at,
    holiday_date,
    nth_weekday,
    rank,
    weekday_near,
)
from byline.timex.grammar import Found
from byline.timex.words import amount_of as _amount
from byline.timex.words import clock_of as _clock
from byline.timex.words import duration_value
from byline.timex.words import mod_of as _mod
from byline.timex.words import month_of as _month
from byline.timex.words import part_of as _part
from byline.timex.words import unit_of as _unit
from byline.timex.words import weekday_of as _weekday
from byline.timex.words import year_of as _year

TenseFn = Callable[[int, int], str | None]


@dataclass
class Timex:
    """One resolved expression (offsets into the text it was found in)."""

    start: int
    end: int
    text: str
    type: str
    value: str | None
    precision: str | None = None
    anchor: str | None = None  # "published", "ref" (see anchor_index) or None
    anchor_index: int | None = None
    mod: str | None = None
    point: Point | None = field(default=None, repr=False)
    referable: bool = field(default=True, repr=False)  # may later expressions resolve from it?


@dataclass
class _Ctx:
    dct: dt.date | None
    tense: TenseFn
    text: str
    refs: list[tuple[int, Point, int]] = field(default_factory=list)  # (timex index, point, start)


# -- small readers -----------------------------------------------------------------


def _direction(tense: str | None) -> int:
    return -1 if tense == "past" else 1 if tense == "future" else 0


# -- the resolver ------------------------------------------------------------------


def resolve_all(found: list[Found], dct: dt.date | None, tense: TenseFn, text: str) -> list[Timex]:
    """Resolve candidates in text order, each able to refer back to earlier ones."""
    ctx = _Ctx(dct=dct, tense=tense, text=text)
    out: list[Timex] = []
    for f in found:
        try:
            tx = _resolve(f, ctx)
        except (OverflowError, ValueError):  # arithmetic past year 1 or 9999: keep the words, no value
            tx = Timex(f.start, f.end, f.text, "DATE", None)
        if tx is None:
            continue
        idx = len(out)
        out.append(tx)
        if tx.point is not None and tx.referable:
            ctx.refs.append((idx, tx.point, tx.start))
    return out


def _resolve(f: Found, c: _Ctx) -> Timex | None:
    handler = _HANDLERS.get(f.rule)
    if handler is None:
        return None
    tx = Timex(f.start, f.end, f.text, "DATE", None)
    handler(f, c, tx)
    if tx.point is not None and tx.value is None:
        tx.value = tx.point.value()
        tx.precision = tx.point.precision()
    if tx.value is None:
        tx.anchor = tx.anchor_index = None
    if tx.mod is None and tx.type != "SET":
        tx.mod = _mod(f.text)
    return tx


def _publish(tx: Timex, p: Point | None) -> None:
    tx.point = p
    if p is not None:
        tx.anchor = "published"


def _ref(c: _Ctx, tx: Timex, accept: Callable[[Point], bool], *, window: int | None = None) -> Point | None:
    """The most recent earlier time that ``accept`` takes, noting it as the anchor."""
    for n, (idx, p, start) in enumerate(reversed(c.refs)):
        if (window is not None and tx.start - start > window) or n >= MAX_REFS_BACK:
            break
        if accept(p):
            tx.anchor = "ref"
            tx.anchor_index = idx
            return p
    return None


def _completed(c: _Ctx) -> Callable[[Point], bool]:
    """Accepts quarters and halves that ended by the publication date: what a
    "year-ago" comparison is made against."""
    def ok(p: Point) -> bool:
        if p.gran not in ("quarter", "half"):
            return False
        if c.dct is None:
            return True
        months = 3 if p.gran == "quarter" else 6
        return add_months(p.date, months) <= c.dct + dt.timedelta(days=1)
    return ok


_AHEAD = re.compile(r"(?i)\b(?:effective|starting|beginning|as\s+early\s+as|as\s+soon\s+as|scheduled\s+for|due"
                    r"|until|till|ahead\s+of)\s+(?:on\s+)?$")


def _tense(c: _Ctx, f: Found) -> str | None:
    if _AHEAD.search(c.text[max(0, f.start - 24):f.start]):
        return "future"
    return c.tense(f.start, f.end)


def _h_iso(f: Found, c: _Ctx, tx: Timex) -> None:
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d))?", f.text)
    if not m:
        return
    try:
        d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return
    if m.group(4):
        tx.type = "TIME"
        tx.point = Point("time", d, clock=f"{m.group(4)}:{m.group(5)}")
    else:
        tx.point = Point("day", d)


def _h_slash(f: Found, c: _Ctx, tx: Timex) -> None:
    mo, da, yr = (int(x) for x in f.text.split("/"))
    if yr < 100:
        yr += 2000 if yr < 50 else 1900
    try:
        tx.point = Point("day", dt.date(yr, mo, da))
    except ValueError:
        return


def _year_for(c: _Ctx, f: Found, month: int, day: int | None = None) -> int | None:
    """The year of a month (and day) given without one: the year that puts it
    nearest the publication date, moved back or forward a year only when the
    clause's tense says so and the nearest reading lies well on the other side."""
    if c.dct is None:
        return None
    d = c.dct
    best = None
    for y in (d.year - 1, d.year, d.year + 1):
        try:
            cand = dt.date(y, month, min(day or 15, 28 if month == 2 else 30))
        except ValueError:
            continue
        if best is None or abs((cand - d).days) < abs((best - d).days):
            best = cand
    assert best is not None
    direction = _direction(_tense(c, f))
    gap = (best - d).days
    slack = SLACK_DAY if day is not None else SLACK_MONTH
    if direction < 0 and gap > slack:
        return best.year - 1
    if direction > 0 and gap < -slack:
        return best.year + 1
    return best.year


#: How far (days) the nearest reading of a year-less date may lie on the wrong
#: side of the publication date before the clause's tense moves it a year.
SLACK_DAY = 60
SLACK_MONTH = 45
#: How far back (characters) a bare clock time looks for the day it belongs to.
CLOCK_WINDOW = 400
#: How many earlier times an anaphor may look back through.
MAX_REFS_BACK = 40
#: How far back (characters) "a year ago" looks for the quarter it compares with.
QUARTER_WINDOW = 600


def _h_date(f: Found, c: _Ctx, tx: Timex) -> None:
    month = _month(re.sub(r"^(?i:[a-z]+day),?\s+", "", f.text))
    body = f.text
    yr = _year(body)
    dm = re.search(r"(?<![\d])([12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])", body if yr is None else
                   body.replace(str(yr), " "))
    if month is None or dm is None:
        return
    day = int(dm.group(1))
    clock = None
    cm = re.search(r"(\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?)|noon|midnight)", body, re.I)
    if cm:
        clock = _clock(cm.group(1))
    if yr is None and c.dct is not None and re.match(r"(?i)(?:last|next)\s", body):
        # "last Oct. 23": the latest one before the publication date; "next" the first after it
        back = body[:4].lower() == "last"
        yr = c.dct.year
        try:
            if back and dt.date(yr, month, day) >= c.dct:
                yr -= 1
            elif not back and dt.date(yr, month, day) <= c.dct:
                yr += 1
        except ValueError:
            return
        tx.anchor = "published"
    if yr is None:
        yr = _year_for(c, f, month, day)
        if yr is None:
            tx.value = f"XXXX-{month:02d}-{day:02d}"
            tx.precision = "day"
            return
        tx.anchor = "published"
    try:
        d = dt.date(yr, month, day)
    except ValueError:
        return
    if clock:
        tx.type = "TIME"
        tx.point = Point("time", d, clock=clock)
    else:
        tx.point = Point("day", d)


def _h_month_year(f: Found, c: _Ctx, tx: Timex) -> None:
    month = _month(f.text)
    yr = _year(f.text)
    if month and yr:
        tx.point = Point("month", dt.date(yr, month, 1))


def _h_month(f: Found, c: _Ctx, tx: Timex) -> None:
    t = f.text.lower()
    month = _month(re.sub(r"(?i)\b(?:mid|early|late)\b", "", f.text))
    if month is None:
        return
    if c.dct is None:
        tx.value = f"XXXX-{month:02d}"
        tx.precision = "month"
        return
    d = c.dct
    if re.search(r"\b(?:last|past)\s", t) or "last year" in t:
        yr = d.year - 1 if "last year" in t or month >= d.month else d.year
    elif re.search(r"\b(?:next|coming)\s", t) or "next year" in t:
        yr = d.year + 1 if "next year" in t or month <= d.month else d.year
    elif re.search(r"\bthis\b", t):
        yr = d.year
    else:
        yr = _year_for(c, f, month) or d.year
    _publish(tx, Point("month", dt.date(yr, month, 1)))


def _h_time(f: Found, c: _Ctx, tx: Timex) -> None:
    tx.type = "TIME"
    clock = _clock(re.sub(r"(?i)\b(?:[ECMP][SD]T|GMT|UTC|BST|CET|EET)\b", "", f.text))
    if clock is None:
        return
    wd = _weekday(f.text)
    t = f.text.lower()
    if c.dct is None:
        tx.value = f"XXXX-XX-XXT{clock}"
        tx.precision = "time"
        return
    d = c.dct
    month = _month(re.sub(r"(?i)\b(?:[ECMP][SD]T|GMT|UTC|BST|CET|EET|a\.?m\.?|p\.?m\.?)", "", f.text))
    dm = re.search(r"[A-Za-z.]\s+(\d{1,2})(?:st|nd|rd|th)?\b", f.text)
    if month is not None and dm is not None:
        yr = _year(f.text) or _year_for(c, f, month, int(dm.group(1)))
        try:
            d = dt.date(yr or c.dct.year, month, int(dm.group(1)))
        except ValueError:
            return
    elif wd is not None:
        d = weekday_near(c.dct, wd, _direction(_tense(c, f)))
    elif "yesterday" in t:
        d = c.dct - dt.timedelta(days=1)
    elif "tomorrow" in t:
        d = c.dct + dt.timedelta(days=1)
    elif "today" not in t and "tonight" not in t:
        # a bare clock time belongs to the day the text was just talking about
        base = _ref(c, tx, lambda p: p.gran in ("day", "part", "time"), window=CLOCK_WINDOW)
        if base is not None:
            tx.point = Point("time", base.date, clock=clock)
            return
    _publish(tx, Point("time", d, clock=clock))


def _h_weekday(f: Found, c: _Ctx, tx: Timex) -> None:
    t = f.text.lower()
    wd = _weekday(re.sub(r"(?i)\b(?:day|night)\s+(?:before|after)\b", "", f.text))
    if wd is None:
        return
    part = _part(re.sub(r"(?i)^the\s+(?:day|night)\s+(?:before|after)", "", f.text))
    if c.dct is None:
        tx.value = f"XXXX-WXX-{wd + 1}" + (f"T{part}" if part else "")
        tx.precision = "day"
        return
    if re.match(r"the\s+(?:previous|preceding|following|next)\s", t):
        # "down 4.5% from the previous Friday": the one before (after) the day just mentioned
        base = _ref(c, tx, lambda p: p.gran in ("day", "part", "time"), window=CLOCK_WINDOW * 3)
        ref = base.date if base is not None else c.dct
        step = -1 if re.match(r"the\s+(?:previous|preceding)", t) else 1
        d = weekday_near(ref + dt.timedelta(days=step), wd, step)
        if base is None:
            tx.anchor = "published"
        tx.point = Point("day", d)
        return
    if re.match(r"(?:last|past)\s", t):
        d = weekday_near(c.dct - dt.timedelta(days=1), wd, -1)
    elif re.match(r"(?:next|coming)\s", t):
        d = weekday_near(c.dct + dt.timedelta(days=1), wd, 1)
    elif re.match(r"this\s", t):
        d = weekday_near(c.dct, wd, 0)
    else:
        direction = _direction(_tense(c, f))
        if direction == 0 and c.text[f.end:f.end + 2] in ("'s", "’s"):
            direction = -1  # "over Thursday's closing price": a thing already there to name
        d = weekday_near(c.dct, wd, direction)
    if "before" in t:
        d -= dt.timedelta(days=1)
    elif "after" in t:
        d += dt.timedelta(days=1)
    if part:
        tx.type = "TIME"
        _publish(tx, Point("part", d, part=part))
    else:
        _publish(tx, Point("day", d))


def _h_deictic(f: Found, c: _Ctx, tx: Timex) -> None:
    t = f.text.lower()
    if c.dct is None:
        return
    d = c.dct
    if "day before yesterday" in t:
        d -= dt.timedelta(days=2)
    elif "day after tomorrow" in t:
        d += dt.timedelta(days=2)
    elif "yesterday" in t or t.startswith("last"):
        d -= dt.timedelta(days=1)
    elif "tomorrow" in t:
        d += dt.timedelta(days=1)
    part = _part(t)
    if part and t.startswith("the "):
        # "placed buy orders in the morning": the morning of the day the text is talking about
        base = _ref(c, tx, lambda p: p.gran in ("day", "part", "time"), window=CLOCK_WINDOW)
        if base is not None:
            tx.type = "TIME"
            tx.point = Point("part", base.date, part=part)
            return
    if part and not re.match(r"(?:late|early)\s", t):
        tx.type = "TIME"
        _publish(tx, Point("part", d, part=part))
    else:
        _publish(tx, Point("day", d))


_REL_UNITS = {"week": "week", "month": "month", "year": "year", "quarter": "quarter", "weekend": "weekend",
              "decade": "decade", "century": "century", "season": "season"}


def _h_rel(f: Found, c: _Ctx, tx: Timex) -> None:
    t = f.text.lower()
    words = re.findall(r"[a-z]+", t)
    unit_word = next((w for w in reversed(words) if w in _REL_UNITS or w in lx.SEASON_WORDS), None)
    if unit_word is None:
        return
    if unit_word in lx.SEASON_WORDS:
        _season(f, c, tx, lx.SEASON_WORDS[unit_word])
        return
    unit = _REL_UNITS[unit_word]
    gran = UNIT_GRAN[unit]
    offset = 0
    anaphoric = False
    if re.search(r"\b(?:last|past|previous|prior)\b", t):
        offset = -1
    elif re.search(r"\b(?:next|coming)\b", t):
        offset = 1
    elif re.search(r"\bfollowing\b", t):
        offset, anaphoric = 1, True
    elif re.search(r"\b(?:that|same)\b", t):
        anaphoric = True
    elif re.search(r"\bthe\s+\w+\s+(?:before|earlier)$", t):
        offset, anaphoric = -1, True
    elif re.search(r"\bthe\s+\w+\s+(?:after|later)$", t):
        offset, anaphoric = 1, True
    elif re.search(r"\b(?:earlier|later)\s+in\s+the\b", t):
        anaphoric = True
    if anaphoric:
        base = _ref(c, tx, lambda p: rank(p.gran) <= rank(gran))
        if base is None:
            if c.dct is None or "that" in t or "same" in t:
                return
            tx.anchor = "published"
            base = at(gran, c.dct)
        tx.point = at(gran, base.date).shift(offset, unit)
        return
    if c.dct is None:
        return
    if unit == "weekend":
        d = c.dct
        if offset == 0 and t.startswith("the"):
            offset = -1 if _direction(_tense(c, f)) < 0 and d.weekday() < 5 else 0
        _publish(tx, at("weekend", d).shift(offset, "week"))
        return
    if unit == "year" and offset == -1 and re.fullmatch(r"last year", t) and _COMPARE.search(
            c.text[max(0, f.start - 70):f.start]):
        # "profit rose to $5 million from $3 million last year": the same quarter a year before
        base = _ref(c, tx, _completed(c), window=QUARTER_WINDOW)
        if base is not None:
            tx.point = base.shift(-1, "year")
            tx.referable = False
            return
    _publish(tx, at(gran, c.dct).shift(offset, unit))


_COMPARE = re.compile(r"(?i)\b(?:compared\s+with|from|than|versus|vs\.)\s+(?:[^\s.;]+\s+){0,7}$")


def _season(f: Found, c: _Ctx, tx: Timex, code: str) -> None:
    t = f.text.lower()
    yr = _year(f.text)
    if yr is not None:
        tx.point = Point("season", dt.date(yr, SEASONS[code], 1), season=code)
        return
    if c.dct is None:
        tx.value = f"XXXX-{code}"
        tx.precision = "season"
        return
    d = c.dct
    this = Point("season", dt.date(d.year, SEASONS[code], 1), season=code)
    cur = at("season", d)
    if "last year" in t:
        p = this.shift(-1, "year")
    elif "next year" in t:
        p = this.shift(1, "year")
    elif re.search(r"\b(?:last|past)\b", t):
        p = this if this.date < cur.date else this.shift(-1, "year")
    elif re.search(r"\b(?:next|coming)\b", t):
        p = this if this.date > cur.date else this.shift(1, "year")
    elif re.search(r"\bthis\b", t):
        p = this
    else:
        direction = _direction(_tense(c, f))
        p = this
        if direction < 0 and this.date > cur.date:
            p = this.shift(-1, "year")
        elif direction > 0 and this.date < cur.date:
            p = this.shift(1, "year")
    _publish(tx, p)


def _h_season(f: Found, c: _Ctx, tx: Timex) -> None:
    for w in re.findall(r"[a-z]+", f.text.lower()):
        if w in lx.SEASON_WORDS:
            _season(f, c, tx, lx.SEASON_WORDS[w])
            return


def _h_anaphor(f: Found, c: _Ctx, tx: Timex) -> None:
    t = f.text.lower()
    offset = 0
    if re.search(r"\b(?:following|next|after)\b", t):
        offset = 1
    elif re.search(r"\b(?:previous|prior|preceding|before)\b", t) or (t.endswith("earlier") and "day" in t):
        offset = -1
    base = _ref(c, tx, lambda p: rank(p.gran) <= rank("day"), window=2000)
    if base is None:
        return
    d = base.date + dt.timedelta(days=offset)
    part = _part(t.replace("day", ""))
    if part:
        tx.type = "TIME"
        tx.point = Point("part", d, part=part)
    else:
        tx.point = Point("day", d)


def _h_year(f: Found, c: _Ctx, tx: Timex) -> None:
    t = f.text.lower()
    yr = _year(f.text)
    if yr is None:
        words = re.findall(r"[a-z]+", t)
        if "thousand" in words:
            rest = [w for w in words[words.index("thousand") + 1:] if w != "and"]
            yr = 2000 + int(lx.number(" ".join(rest)) or 0) if rest else 2000
        elif words and words[0] == "nineteen":
            rest = lx.number(" ".join(words[1:]))
            if rest is None or rest >= 100:
                return
            yr = 1900 + int(rest)
        else:
            return
    for w in re.findall(r"[a-z]+", t):
        if w in lx.SEASON_WORDS:
            code = lx.SEASON_WORDS[w]
            tx.point = Point("season", dt.date(yr, SEASONS[code], 1), season=code)
            return
    if re.search(r"first half|second half|latter half", t):
        tx.point = Point("half", dt.date(yr, 1 if "first" in t else 7, 1))
        return
    tx.point = Point("year", dt.date(yr, 1, 1))


def _h_decade(f: Found, c: _Ctx, tx: Timex) -> None:
    m = re.search(r"(\d{4})'?s|'(\d)0s", f.text)
    if not m:
        return
    if m.group(1):
        yr = int(m.group(1))
    else:
        dec = int(m.group(2)) * 10
        ref_year = c.dct.year if c.dct else None
        if ref_year is None:
            tx.value = f"XX{m.group(2)}X"
            tx.precision = "decade"
            return
        yr = 2000 + dec if 2000 + dec <= ref_year else 1900 + dec
        tx.anchor = "published"
    tx.point = Point("decade", dt.date(yr, 1, 1))


def _h_century(f: Found, c: _Ctx, tx: Timex) -> None:
    t = f.text.lower()
    m = re.search(r"(\d{1,2})(?:st|nd|rd|th)", t)
    if m:
        n = int(m.group(1))
    else:
        word = next((w for w in re.findall(r"[a-z]+(?:-[a-z]+)?", t) if w in lx.ORDINALS), None)
        if word is None:
            return
        n = lx.ORDINALS[word]
    tx.point = Point("century", dt.date(max(1, (n - 1) * 100), 1, 1))


def _h_quarter(f: Found, c: _Ctx, tx: Timex) -> None:
    t = f.text.lower()
    half = bool(re.search(r"\bhalf\b", t))
    gran = "half" if half else "quarter"
    qn = None
    for w in re.findall(r"[a-z0-9]+", t):
        if w in ("first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th"):
            qn = lx.ORDINALS[w]
    if half and qn is None and re.search(r"\b(?:last|final|latter)\s+half", t):
        qn = 2
    yr = _year(f.text)
    if yr is None and c.dct is not None:
        if "last year" in t:
            yr = c.dct.year - 1
        elif "next year" in t:
            yr = c.dct.year + 1
        elif "this year" in t:
            yr = c.dct.year
    shift_year = bool(re.search(r"year-ago|year-earlier|comparable", t))
    if qn is not None:
        if half and qn > 2:
            return
        month = (qn - 1) * (6 if half else 3) + 1
        if yr is None:
            if c.dct is not None:
                yr = c.dct.year
                if (month > c.dct.month and _direction(_tense(c, f)) <= 0) or month > c.dct.month + 2:
                    yr -= 1
                tx.anchor = "published"
            else:
                tx.value = f"XXXX-{'H' if half else 'Q'}{qn}"
                tx.precision = "quarter"
                return
        tx.point = Point(gran, dt.date(yr, month, 1))
        return
    # "the quarter", "the latest quarter", "the year-ago period": the last quarter mentioned
    base = None
    if not re.search(r"\b(?:latest|current|this|last|previous|prior)\b", t):
        accept = _completed(c) if shift_year else (lambda p: p.gran == gran)
        base = _ref(c, tx, accept, window=3000)
    if base is None:
        if c.dct is None:
            return
        cur = at(gran, c.dct)
        base = cur if "current" in t or "this" in t else cur.shift(-1, "half" if half else "quarter")
        if re.search(r"\b(?:previous|prior)\b", t):
            base = base.shift(-1, "half" if half else "quarter")
        tx.anchor = "published"
    if yr is not None:
        base = at(gran, dt.date(yr, base.date.month, 1))
    tx.point = base.shift(-1, "year") if shift_year else base
    tx.referable = not shift_year


def _h_duration(f: Found, c: _Ctx, tx: Timex) -> None:
    t = f.text.lower()
    unit = _unit(t)
    if unit is None:
        return
    found, n = _amount(re.sub(r"^(?:the\s+)?(?:past|last|next|first|coming|previous|following|final|remaining|"
                              r"recent|latest|entire|full|whole|same|other)\s+", "", t))
    if found and n is not None and re.search(r"\band\s+a\s+half$", t):
        n += 0.5  # "a minute and a half"
    if not found:
        singular = re.search(r"\b(?:second|minute|hour|day|night|week|month|quarter|year|decade|century)-long$", t)
        n = 1.0 if singular or re.search(r"\b(?:past|last|next|coming|previous|recent)\b", t) else None
    m = re.search(r"\b(ago|earlier|later|before|after|from now|hence|back|previously|afterwards)$", t)
    if m is None or re.search(r"-(?:long|old)$", t):
        tx.type = "DURATION"
        tx.value = duration_value(n, unit)
        tx.precision = "duration"
        return
    word = m.group(1)
    sign = 1 if word in ("later", "after", "from now", "hence", "afterwards") else -1
    if n is None:
        if c.dct is not None and word in ("ago", "back"):
            tx.value = "PAST_REF" if sign < 0 else "FUTURE_REF"
            tx.precision = "ref"
            tx.anchor = "published"
        return
    gran = UNIT_GRAN.get(unit, "day")
    if gran == "decade":
        gran = "year"
    steps = n
    shift_unit = unit
    if unit == "decade":
        steps, shift_unit = n * 10, "year"
    elif unit == "century":
        steps, shift_unit = n * 100, "year"
    elif unit == "fortnight":
        steps, shift_unit = n * 2, "week"
    if not float(steps).is_integer():
        if shift_unit == "year":
            steps, shift_unit, gran = steps * 12, "month", "month"
        else:
            return
    if gran == "time":
        tx.type = "TIME" if c.dct is not None else "DATE"
        return
    deictic = word in ("ago", "from now", "hence", "back")
    base = None
    if unit == "year" and steps == 1:
        # "a year ago/earlier" compares like with like: the quarter or month just mentioned
        base = _ref(c, tx, _completed(c), window=QUARTER_WINDOW)
    if base is None and not deictic:
        base = _ref(c, tx, lambda p: rank(p.gran) <= rank(gran) and p.gran not in ("time", "part"), window=300)
        if base is not None:
            base = base.coarsen(gran)
    if base is None:
        if c.dct is None:
            return
        tx.anchor = "published"
        tx.anchor_index = None
        base = at(gran, c.dct)
    tx.referable = False
    try:
        tx.point = base.shift(int(sign * steps), shift_unit)
    except (OverflowError, ValueError):
        tx.point = None
        tx.anchor = None


def _h_plural(f: Found, c: _Ctx, tx: Timex) -> None:
    unit = _unit(f.text)
    if unit is None:
        return
    tx.type = "DURATION"
    tx.value = duration_value(None, unit)
    tx.precision = "duration"


def _h_recent(f: Found, c: _Ctx, tx: Timex) -> None:
    t = f.text.lower()
    decades = {"nineties": 1990, "eighties": 1980, "seventies": 1970, "sixties": 1960}
    for w, y in decades.items():
        if w in t:
            tx.point = Point("decade", dt.date(y, 1, 1))
            return
    if re.search(r"near|short|future", t):
        tx.value, tx.precision, tx.anchor = "FUTURE_REF", "ref", "published"
        return
    if t == "past years":
        tx.value, tx.precision, tx.anchor = "PAST_REF", "ref", "published"
        return
    unit = _unit(t) or "year"
    if t.endswith(("years", "decades")) and "recent" in t:
        tx.value = "PAST_REF"
        tx.precision = "ref"
        tx.anchor = "published" if c.dct else None
        if c.dct is None:
            tx.value = None
        return
    tx.type = "DURATION"
    tx.value = duration_value(None, unit)
    tx.precision = "duration"


def _h_ref(f: Found, c: _Ctx, tx: Timex) -> None:
    t = f.text.lower()
    if t in ("recently", "lately", "the past", "more recently", "most recently"):
        tx.value = "PAST_REF"
    elif t == "the future":
        tx.value = "FUTURE_REF"
    else:
        tx.value = "PRESENT_REF"
    tx.precision = "ref"
    tx.anchor = "published"


def _h_set(f: Found, c: _Ctx, tx: Timex) -> None:
    t = f.text.lower()
    tx.type = "SET"
    tx.precision = "set"
    if t in lx.SET_WORDS:
        tx.value = lx.SET_WORDS[t]
        return
    wd = _weekday(t)
    part = _part(re.sub(r"\b(?:every|each)\b", "", t))
    if wd is not None:
        tx.value = f"XXXX-WXX-{wd + 1}" + (f"T{part}" if part else "")
        return
    m = _month(t)
    if m is not None:
        tx.value = f"XXXX-{m:02d}"
        return
    for w, code in lx.SEASON_WORDS.items():
        if w in t.split():
            tx.value = f"XXXX-{code}"
            return
    if part:
        tx.value = f"XXXX-XX-XXT{part}"
        return
    unit = _unit(t)
    if unit is None:
        return
    found, n = _amount(re.sub(r"^(?:every|each)\s+(?:other\s+)?", "", t))
    n = n if found and n is not None else 1.0
    if "other" in t:
        n *= 2
    tx.value = duration_value(n, unit)


def _h_holiday(f: Found, c: _Ctx, tx: Timex) -> None:
    t = f.text.lower()
    yr = _year(f.text)
    name = re.sub(r"^(?:last|next|this)\s+|,?\s*\d{4}$", "", t).strip()
    if name == "election day":
        if yr is None and c.dct is None:
            return
        y = yr or (c.dct.year if c.dct else 0)
        first_monday = nth_weekday(y, 11, 0, 1)
        tx.point = Point("day", first_monday + dt.timedelta(days=1))
        if yr is None:
            tx.anchor = "published"
        return
    if yr is None:
        if c.dct is None:
            return
        this = holiday_date(name, c.dct.year)
        if this is None:
            return
        yr = c.dct.year
        direction = -1 if t.startswith("last") else 1 if t.startswith("next") else _direction(_tense(c, f))
        if direction < 0 and this > c.dct:
            yr -= 1
        elif direction > 0 and this < c.dct:
            yr += 1
        elif direction == 0 and abs((this - c.dct).days) > 183:
            yr += -1 if this > c.dct else 1
        tx.anchor = "published"
    d = holiday_date(name, yr)
    if d is not None:
        tx.point = Point("day", d)


def _h_yearend(f: Found, c: _Ctx, tx: Timex) -> None:
    t = f.text.lower()
    if re.fullmatch(r"year-(?:earlier|ago|before)", t):
        base = _ref(c, tx, _completed(c), window=QUARTER_WINDOW)
        if base is None:
            if c.dct is None:
                return
            tx.anchor = "published"
            base = at("year", c.dct)
        tx.point = base.shift(-1, "year")
        tx.referable = False
        return
    unit = next((u for u in ("quarter", "month", "week") if u in t), "year")
    if c.dct is None:
        return
    tx.mod = "END" if "end" in t else "START" if re.search(r"beginning|start", t) else "MID"
    _publish(tx, at(unit, c.dct))


def _h_fiscal(f: Found, c: _Ctx, tx: Timex) -> None:
    t = f.text.lower()
    after = c.text[f.end:f.end + 12].lower()
    if re.match(r"\s+(?:ended|ending)\b", after):
        tx.type = "DURATION"
        tx.value = "P1Y"
        tx.precision = "duration"
        return
    if c.dct is None:
        return
    offset = -1 if re.search(r"\b(?:latest|previous|prior|past|last)\b", t) else 1 if re.search(
        r"\b(?:next|coming)\b", t) else 0
    _publish(tx, at("year", c.dct).shift(offset, "year"))


def _h_range_num(f: Found, c: _Ctx, tx: Timex) -> None:
    """"two" in "two to three weeks": a duration in the unit of the range's other end."""
    m = re.match(r"\s*(?:to|or|-|–)\s*\S+[\s-]+(\w+)", c.text[f.end:f.end + 40])
    unit = _unit(m.group(1)) if m else None
    found, n = _amount(f.text + " ")
    if unit is None or not found or n is None:
        return
    tx.type = "DURATION"
    tx.value = duration_value(n, unit)
    tx.precision = "duration"


def _h_range_day(f: Found, c: _Ctx, tx: Timex) -> None:
    """"25" in "April 24 and 25": that day of the month just mentioned."""
    base = _ref(c, tx, lambda p: p.gran == "day", window=40)
    day = int(re.match(r"\d+", f.text).group(0))  # type: ignore[union-attr]
    if base is None or day <= base.date.day:
        tx.anchor = tx.anchor_index = None
        return
    tx.point = Point("day", base.date.replace(day=day))


_HANDLERS: dict[str, Callable[[Found, _Ctx, Timex], None]] = {
    "iso": _h_iso, "slash": _h_slash, "date": _h_date, "month_year": _h_month_year, "month": _h_month,
    "time": _h_time, "weekday": _h_weekday, "deictic": _h_deictic, "rel": _h_rel, "anaphor": _h_anaphor,
    "year": _h_year, "decade": _h_decade, "century": _h_century, "quarter": _h_quarter,
    "duration": _h_duration, "plural": _h_plural, "recent": _h_recent, "ref": _h_ref, "set": _h_set,
    "season": _h_season, "holiday": _h_holiday, "yearend": _h_yearend, "fiscal": _h_fiscal,
    "range_num": _h_range_num, "range_day": _h_range_day,
}
