"""Calendar points: a date at some granularity, shifted and written as TIMEX3.

A :class:`Point` is what a resolved DATE or TIME expression denotes: a day, a
week, a month, a quarter, a year, ... each held as the date it starts on plus
the granularity. Arithmetic ("a year earlier", "last month") works on points,
so "a year earlier" than 1998-Q3 is 1997-Q3 and not a day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from byline.timex.lexicon import HOLIDAYS

#: Granularities, finest first. ``part`` is a part of a day (morning, night).
GRANS = ("time", "part", "day", "weekend", "week", "month", "season", "quarter", "half", "year",
         "decade", "century")
_RANK = {g: i for i, g in enumerate(GRANS)}

#: Units of duration and shift, with the granularity they resolve to.
UNIT_GRAN = {"minute": "time", "hour": "time", "second": "time", "day": "day", "night": "day",
             "week": "week", "weekend": "weekend", "fortnight": "week", "month": "month",
             "quarter": "quarter", "season": "season", "year": "year", "decade": "decade",
             "century": "century"}

SEASONS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # season code -> first month


def rank(gran: str) -> int:
    return _RANK[gran]


@dataclass(frozen=True)
class Point:
    """A calendar interval: the date it starts on and its granularity.

    ``part`` is TMO/TAF/TEV/TNI for parts of days; ``clock`` is ``HH:MM`` for
    times; ``season`` is SP/SU/FA/WI; ``quarter`` and ``half`` number them.
    """

    gran: str
    date: dt.date
    part: str | None = None
    clock: str | None = None
    season: str | None = None

    @property
    def year(self) -> int:
        return self.date.year

    def value(self) -> str:
        d = self.date
        g = self.gran
        if g == "century":
            return f"{d.year // 100:02d}"
        if g == "decade":
            return f"{d.year // 10:03d}"
        if g == "year":
            return f"{d.year:04d}"
        if g == "half":
            return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
        if g == "quarter":
            return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        if g == "season":
            return f"{d.year:04d}-{self.season or 'SU'}"
        if g == "month":
            return f"{d.year:04d}-{d.month:02d}"
        if g in ("week", "weekend"):
            iy, iw, _ = d.isocalendar()
            return f"{iy:04d}-W{iw:02d}" + ("-WE" if g == "weekend" else "")
        if g == "day":
            return d.isoformat()
        if g == "part":
            return f"{d.isoformat()}T{self.part or 'DT'}"
        return f"{d.isoformat()}T{self.clock or '00:00'}"

    def precision(self) -> str:
        return {"part": "time", "weekend": "week", "half": "quarter"}.get(self.gran, self.gran)

    def coarsen(self, gran: str) -> Point:
        """This point seen at a coarser granularity (a day -> its month)."""
        if rank(gran) <= rank(self.gran):
            return self
        return at(gran, self.date)

    def shift(self, n: int, unit: str) -> Point:
        """Move by ``n`` units (negative: back); the granularity is kept."""
        return replace(self, date=shift_date(self.date, n, unit))


def at(gran: str, d: dt.date, **kw: str | None) -> Point:
    """The point of granularity ``gran`` that contains the day ``d``."""
    if gran == "century":
        start = dt.date(max(1, d.year // 100 * 100), 1, 1)
    elif gran == "decade":
        start = dt.date(max(1, d.year // 10 * 10), 1, 1)
    elif gran == "year":
        start = dt.date(d.year, 1, 1)
    elif gran == "half":
        start = dt.date(d.year, 1 if d.month <= 6 else 7, 1)
    elif gran == "quarter":
        start = dt.date(d.year, (d.month - 1) // 3 * 3 + 1, 1)
    elif gran == "season":
        season = kw.get("season") or season_of(d)
        first = SEASONS[season]
        year = d.year - 1 if season == "WI" and d.month < 3 else d.year
        return Point("season", dt.date(year, first, 1), season=season)
    elif gran == "month":
        start = dt.date(d.year, d.month, 1)
    elif gran in ("week", "weekend"):
        start = d - dt.timedelta(days=d.weekday())
    else:
        start = d
    return Point(gran, start, part=kw.get("part"), clock=kw.get("clock"))


def season_of(d: dt.date) -> str:
    m = d.month
    return "SP" if 3 <= m <= 5 else "SU" if 6 <= m <= 8 else "FA" if 9 <= m <= 11 else "WI"


def add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    year = d.year + y
    month = m + 1
    if not 1 <= year <= 9999:
        raise OverflowError("date out of range")
    day = min(d.day, _month_days(year, month))
    return dt.date(year, month, day)


def _month_days(year: int, month: int) -> int:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).day


def shift_date(d: dt.date, n: int, unit: str) -> dt.date:
    if unit in ("day", "night"):
        return d + dt.timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + dt.timedelta(weeks=n)
    if unit == "fortnight":
        return d + dt.timedelta(weeks=2 * n)
    if unit == "month":
        return add_months(d, n)
    if unit in ("quarter", "season"):
        return add_months(d, 3 * n)
    if unit == "half":
        return add_months(d, 6 * n)
    if unit == "year":
        return add_months(d, 12 * n)
    if unit == "decade":
        return add_months(d, 120 * n)
    if unit == "century":
        return add_months(d, 1200 * n)
    return d  # hours and minutes do not move a date here


def weekday_near(ref: dt.date, weekday: int, direction: int) -> dt.date:
    """The date of ``weekday`` (0 = Monday) nearest ``ref``: on or before it
    (``direction`` -1), on or after it (+1), or the closer of the two (0)."""
    back = (ref.weekday() - weekday) % 7
    fwd = (weekday - ref.weekday()) % 7
    if direction < 0:
        return ref - dt.timedelta(days=back)
    if direction > 0:
        return ref + dt.timedelta(days=fwd)
    return ref - dt.timedelta(days=back) if back <= fwd else ref + dt.timedelta(days=fwd)


# -- holidays ---------------------------------------------------------------------------


def easter(year: int) -> dt.date:
    """Easter Sunday of ``year`` (Gregorian computus, the anonymous algorithm)."""
    a = year % 19
    b, cc = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(cc, 4)
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    month, day = divmod(h + ll - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ``weekday`` (0 = Monday) of a month; ``n = -1`` is the last."""
    if n > 0:
        d = dt.date(year, month, 1)
        d += dt.timedelta(days=(weekday - d.weekday()) % 7)
        return d + dt.timedelta(weeks=n - 1)
    d = add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
    return d - dt.timedelta(days=(d.weekday() - weekday) % 7)


def holiday_date(name: str, year: int) -> dt.date | None:
    """The date of a named holiday ("thanksgiving", "christmas eve") in ``year``, if known."""
    spec = HOLIDAYS.get(name)
    if spec is None:
        return None
    if isinstance(spec, tuple):
        return dt.date(year, spec[0], spec[1])
    if spec == "thanksgiving":
        return nth_weekday(year, 11, 3, 4)
    if spec == "labor":
        return nth_weekday(year, 9, 0, 1)
    if spec == "memorial":
        return nth_weekday(year, 5, 0, -1)
    if spec == "easter":
        return easter(year)
    return None
