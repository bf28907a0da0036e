"""Finding temporal expressions: a grammar of regular expressions over the text.

Each rule names a kind of expression ("date", "weekday", "duration", ...) and
matches its full extent as TimeML marks it: determiners and modifiers
("the past three months", "early next year", "nearly four years ago") are
inside, prepositions ("in", "on", "since") outside. Overlapping candidates are
settled longest-first. What the words mean is left to
:mod:`byline.timex.resolve`, which reads the matched text again.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass


def _alt(*words: str) -> str:
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


# -- fragments ------------------------------------------------------------------------

_MONTH_SAFE = _alt("January", "February", "April", "June", "July", "August", "September", "October",
                   "November", "December", "JANUARY", "FEBRUARY", "APRIL", "JUNE", "JULY", "AUGUST",
                   "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER", "january", "february", "april",
                   "june", "july", "august", "september", "october", "november", "december")
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC)\."
_MONTH_ABBR_NODOT = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|jan|feb|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
_MONTH_AMBIG = r"(?:May|March|MAY|MARCH)"
#: Any month name; bare "May" and "March" are only taken with a day or year or a cue.
MONTH = f"(?:{_MONTH_SAFE}|{_MONTH_AMBIG}|{_MONTH_ABBR}|{_MONTH_ABBR_NODOT}(?=\\s+\\d))"
MONTH_BARE = f"(?:{_MONTH_SAFE}|{_MONTH_ABBR})"
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d%:,]\d|\d|%| ?(?:percent|per cent)\b)"
YEAR = r"(?:1[5-9]\d\d|20\d\d)(?![\d%]|,\d| ?percent)"
_UNITW = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENW = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENSW = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
#: A year in words, as spoken in broadcast transcripts: "nineteen ninety-four", "two thousand and one".
YEAR_WORDS = (rf"(?i:nineteen[\s-]+(?:{_TENSW}(?:[\s-]+{_UNITW})?|{_TEENW}|oh[\s-]+{_UNITW})"
              rf"|two\s+thousand(?:\s+and)?(?:\s+(?:{_TENSW}(?:[\s-]+{_UNITW})?|{_TEENW}|{_UNITW}))?)"
              r"(?![\s-]+(?i:years?|months?|weeks?|days?|hours?|people|dollars|times|of)\b)")
WEEKDAY = r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
PART = r"(?i:morning|afternoon|evening|night|overnight)"
ZONE = r"(?:[ECMP][SD]T|GMT|UTC|BST|CET|EET)"
CLOCK = (r"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?i:a\.m\.?|p\.m\.?|am\b|pm\b)|(?:[01]?\d|2[0-3]):[0-5]\d"
         r"|(?i:noon|midnight|midday))" + f"(?:\\s+{ZONE})?")
NUMW = (r"(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six"
        r"|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
        r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a hundred|one hundred|hundred|two thousand|a thousand"
        r"|a dozen|dozen|a couple of|a couple|couple of|a few|few|several|many|a|an"
        r"|one and a half|two and a half|a half|half an?)")
NUM = rf"(?:{NUMW}|\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?(?:\s+1/2)?)"
UNIT = (r"(?i:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?|centuries"
        r"|century)")
UNIT_DATE = r"(?i:week|month|year|quarter|weekend|decade|century|spring|summer|fall|autumn|winter|season)"
MOD = (r"(?i:about|around|almost|nearly|roughly|approximately|some|over|more than|less than|at least|at most"
       r"|up to|only|just|fewer than|under|well over|barely|the last|the past|the next|the first)")
EDGE = r"(?i:early|late|mid|the end of|the beginning of|the start of|the middle of|the first half of" \
       r"|the second half of|the latter half of|end of|end-|the close of)"
SEASON = r"(?i:spring|summer|autumn|winter)"
ORD = (r"(?i:first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|current|same|year-ago|year-earlier"
       r"|comparable|previous|prior|fiscal first|fiscal second|fiscal third|fiscal fourth)")

_B = r"(?<![\w'])"  # start boundary
_E = r"(?![\w])"  # end boundary


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    keep: Callable[[str, re.Match[str]], bool] | None = None
    words: tuple[str, ...] = ()  # one of these must be in the case-folded text for a match ...
    digit: bool = False  # ... or a digit

    def possible(self, folded: str, has_digit: bool) -> bool:
        return (self.digit and has_digit) or any(w in folded for w in self.words)


@dataclass(frozen=True)
class Found:
    """A candidate expression: ``[start, end)`` and the rule that matched it."""

    start: int
    end: int
    rule: str
    text: str


def _c(p: str) -> re.Pattern[str]:
    return re.compile(_B + p + _E)


def _year_ok(text: str, m: re.Match[str]) -> bool:
    """A bare four-digit number is a year unless it reads as an amount."""
    s, e = m.start(), m.end()
    before = text[max(0, s - 12):s]
    after = text[e:e + 14]
    if re.search(r"[$€£#.,]\s*$|\d[,.]?\s*$", before):
        return False
    if re.search(r"(?i)(?:about|nearly|some|over|almost|than|around|roughly|approximately|only|just|to)\s+$",
                 before) and not re.search(r"(?i)^(?:s|'s)?\s*[,.;)]|^\s*$", after):
        return False
    if re.match(r"\.\d", after):
        return False
    if re.match(r"\s*(?:-|to)\s*\d{3,4}\b", after) and not re.match(r"-\d\d\b", after):
        return True
    return not re.match(r"(?i)\s+(?:people|men|women|troops|soldiers|workers|jobs|shares|votes|members|"
                        r"tons?|units|cars|homes|miles|feet|meters|acres|dollars|points|employees|"
                        r"residents|children|students|hours|kilometers)\b", after)


def _bare_month_ok(text: str, m: re.Match[str]) -> bool:
    """A bare "May" or "March" needs a cue before it ("in May", "last March")."""
    word = m.group(0)
    if not re.fullmatch(r"(?i)(?:may|march)", word):
        return True
    before = text[max(0, m.start() - 12):m.start()].lower()
    return bool(re.search(r"(?:in|since|until|till|by|from|through|to|of|during|before|after|early|late|"
                          r"mid|last|next|this|between|and)[\s-]$", before))


def _deictic_ok(text: str, m: re.Match[str]) -> bool:
    """"today's youth", "the people of tomorrow": generic, not a date."""
    t = m.group(0).lower()
    if t.endswith("today's") and re.match(r"\s+[a-z]", text[m.end():m.end() + 3]):
        return False
    if m.group(0).startswith("Today") and (
            re.match(r"\s+(?:programme|program|show|newspaper)\b", text[m.end():m.end() + 12])
            or re.search(r"(?:'s|’s|\b[A-Z]{2,}|\bUSA|\d)\s+$", text[max(0, m.start() - 12):m.start()])):
        return False  # "BBC Radio 4's Today programme", "USA Today"
    return not re.search(r"(?i)\bof\s+$", text[max(0, m.start() - 4):m.start()]) or "tomorrow" not in t


def _part_ok(text: str, m: re.Match[str]) -> bool:
    """"the morning" is a time only after "in", "by" or "during"."""
    return bool(re.search(r"(?i)\b(?:in|by|during|until|till)\s+$", text[max(0, m.start() - 8):m.start()]))


def _weekday_ok(text: str, m: re.Match[str]) -> bool:
    return not re.match(r"\s*(?:Times|Night Live|Telegraph|Post|Journal|Review|Mirror)\b", text[m.end():m.end() + 14])


_UNITS = "second minute hour day night week month quarter year decade centur"
_PARTS = "morning afternoon evening night"
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec"
_YEAR_WORDS = "0 nineteen thousand"  # "0": a digit

#: (name, pattern, keep, needs): ``needs`` is what every match of the rule contains, words
#: (found in the case-folded text) or "0" for a digit. A rule whose needs are absent from a
#: text cannot match it and is not run (the grammar's largest cost is running every rule).
_RAW_RULES: list[tuple[str, str, Callable[[str, re.Match[str]], bool] | None, str]] = [
    ("iso", r"\d{4}-[01]\d-[0-3]\d(?:[T ][0-2]\d:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-][0-2]\d:?[0-5]\d)?)?",
     None, "0"),
    ("slash", r"[01]?\d/[0-3]?\d/(?:\d{4}|\d\d)(?!/)", None, "/"),
    ("date", rf"(?:{WEEKDAY},?\s+|(?i:last|next|this)\s+)?(?:(?:the\s+)?{EDGE}[\s-]+)?{MONTH}\s+{DAYNUM}"
             rf"(?:,?\s+{YEAR})?"
             rf"(?:,?\s+(?:at\s+)?{CLOCK})?", None, "0"),
    ("date", rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?{DAYNUM}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?", None, "0"),
    ("month_year", rf"(?:(?:{EDGE})[\s-]+)?{MONTH},?\s+(?:of\s+)?(?:{YEAR}|{YEAR_WORDS})", None, _YEAR_WORDS),
    ("month", rf"(?:(?:{EDGE})[\s-]+)?(?:(?i:last|next|this|past|coming|that)\s+)?{MONTH_BARE}"
              rf"(?:\s+(?i:this|last|next)\s+year)?", None, _MONTHS),
    ("month", rf"(?:(?:{EDGE})[\s-]+)?(?:(?i:last|next|this|past|coming)\s+)?{_MONTH_AMBIG}"
              rf"(?:\s+(?i:this|last|next)\s+year)?", _bare_month_ok, "may mar"),
    ("time", rf"(?:(?i:about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?{CLOCK}"
             rf"(?:\s+(?i:today|yesterday|tomorrow|tonight)|,?\s+(?i:on\s+)?{WEEKDAY}(?:,?\s+{MONTH}\s+{DAYNUM})?"
             rf"|,?\s+{MONTH}\s+{DAYNUM})?", None, "0 noon midnight midday"),
    ("time", rf"(?i:the\s+)?{CLOCK}", None, "0 noon midnight midday"),
    ("time", rf"(?:{WEEKDAY}|(?i:today|tomorrow|yesterday|tonight)|{MONTH}\s+{DAYNUM}(?:,?\s+{YEAR})?)"
             rf",?\s+(?i:at|by|around|about)\s+{CLOCK}", None, "0 noon midnight midday"),
    ("weekday", rf"(?:(?i:last|next|this|this\s+coming|past|coming|early|late|that"
                rf"|the\s+(?:previous|preceding|following|next))\s+)?{WEEKDAY}"
                rf"(?:'s)?(?:\s+{PART})?", _weekday_ok, "day"),
    ("weekday", rf"(?i:the\s+)?(?i:day|night)\s+(?i:before|after)\s+(?:(?i:last|next)\s+)?{WEEKDAY}", None, "day"),
    ("deictic", r"(?i:(?:late|early|mid-?afternoon|mid-?morning)\s+)?"
                rf"(?i:today|yesterday|tomorrow|tonight)(?:'s)?(?:\s+{PART})?", _deictic_ok, "day tomorrow tonight"),
    ("deictic", r"(?i:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow))", None, "day"),
    ("deictic", rf"(?i:(?:earlier|later)\s+)?(?i:this|last|tomorrow|yesterday)\s+{PART}", None, _PARTS),
    ("deictic", r"(?i:mid[- ]?(?:afternoon|morning)|the\s+(?:morning|afternoon|evening))", _part_ok, _PARTS),
    ("rel", rf"(?:(?i:earlier|later|early|late|mid|the end of|the beginning of|the start of|the middle of"
            rf"|the first half of|the second half of|end of)[\s-]+)?(?:(?i:the)\s+)?"
            rf"(?i:last|next|this|past|previous|coming|current|following|same|that|prior)\s+{UNIT_DATE}"
            rf"(?:'s)?", None, "week month year quarter decade century spring summer fall autumn winter season"),
    ("rel", r"(?i:(?:earlier|later)\s+in\s+the\s+(?:week|month|year|day))", None, "week month year day"),
    ("rel", r"(?i:the\s+(?:year|month|week|weekend)(?:\s+(?:before|after|earlier|later)))", None, "year month week"),
    ("rel", r"(?i:(?:the|this|that|last|next)\s+weekend)", None, "week"),
    ("anaphor", r"(?i:(?:earlier|later)\s+)?(?i:the\s+)?(?i:following|next|previous|same|prior|preceding)"
                r"\s+(?i:day|morning|afternoon|evening|night)", None, "day " + _PARTS),
    ("anaphor", r"(?i:(?:earlier|later)\s+)?(?i:that\s+(?:same\s+)?(?:day|morning|afternoon|evening|night))",
     None, "day " + _PARTS),
    ("anaphor", r"(?i:the\s+(?:day|night)\s+(?:before|after|earlier))", None, "day night"),
    ("year", rf"(?:(?:{EDGE}|(?i:fiscal|calendar|post|pre|the\s+(?:fiscal\s+)?year))[\s-]+(?:of\s+)?)?{YEAR}",
     _year_ok, "0"),
    ("year", rf"(?:{EDGE}[\s-]+)?(?:(?i:the\s+)?{SEASON}|(?i:the\s+)?(?i:fall))\s+(?:of\s+)?(?:{YEAR}|{YEAR_WORDS})",
     None, _YEAR_WORDS),
    ("year", rf"(?:(?i:the\s+year)\s+)?{YEAR_WORDS}", None, "nineteen thousand"),
    ("decade", r"(?i:the\s+)?(?:(?i:early|late|mid)[\s-]+)?(?:1[5-9]\d0|20[0-9]0)'?s", None, "0"),
    ("decade", r"(?i:the\s+)?(?:(?i:early|late|mid)[\s-]+)?'[0-9]0s", None, "0"),
    ("century", r"(?i:(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth"
                r"|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth"
                r"|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)[\s-]+century)", None, "century"),
    ("quarter", rf"(?:(?i:this\s+year's|last\s+year's|next\s+year's|the|this|that)\s+(?:(?i:fiscal|calendar)\s+)?"
                rf"(?:{ORD}[\s-]+)?|(?:(?i:fiscal|calendar)\s+)?{ORD}[\s-]+)(?:(?i:fiscal|calendar)\s+)?(?i:quarter|half)"
                rf"(?!-(?i:century|to|on))"
                rf"(?:\s+(?i:of\s+)?(?:(?i:fiscal|calendar)\s+)?(?:{YEAR}|(?i:this|last|next)\s+year))?",
     None, "quarter half"),
    ("quarter", r"(?:(?i:the)\s+)?(?i:latest|year-ago|year-earlier|comparable|same)[\s-]+(?i:period)", None, "period"),
    ("quarter", rf"(?:(?i:the)\s+)?{YEAR}\s+(?:{ORD}[\s-]+)(?i:quarter|half)", None, "0"),
    ("quarter", rf"(?i:the)\s+{YEAR}\s+(?i:quarter|period)", None, "0"),
    ("duration", rf"(?:{MOD}\s+(?!(?i:the)\b))?(?:(?:(?i:the)\s+)?(?i:past|last|next|first|coming|previous|following"
                 rf"|final|remaining|recent|latest|entire|full|whole|same|other)\s+)?{NUM}[\s-]+(?:(?i:more|additional|"
                 rf"straight|consecutive|full|trading|business)\s+)?{UNIT}"
                 rf"(?:\s+(?i:ago|earlier|from now|hence|back|previously))?(?![\w-])", None, _UNITS),
    ("duration", rf"(?i:the)\s+{NUM}\s+{UNIT}(?![\w-])", None, _UNITS),
    ("duration", rf"(?:{MOD}\s+(?!(?i:the)\b))?(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{{1,2}})\s+"
                 rf"{UNIT}\s+(?i:and\s+a\s+half)(?![\w-])", None, _UNITS),
    ("duration", rf"(?:{MOD}\s+(?!(?i:the)\b))?(?:(?i:the)\s+)?(?i:past|last|next|coming|previous|recent|following)\s+"
                 rf"(?i:few|several|many)\s+{UNIT}", None, _UNITS),
    ("duration", r"(?i:(?:the\s+)?(?:past|last|next|coming|previous|recent)\s+(?:decade|century|fortnight))",
     None, "decade century night"),
    ("duration", r"(?i:decades?|years?|months?|weeks?|days?|hours?)-long", None, _UNITS),
    ("yearend", r"(?:(?i:around)\s+)?(?i:year[- ]end|year's\s+end|the\s+end\s+of\s+the\s+(?:year|month|week|quarter)"
                r"|the\s+(?:beginning|start|middle)\s+of\s+the\s+(?:year|month|week|quarter))",
     None, "year month week quarter"),
    ("yearend", r"(?i:year-earlier|year-ago|year-before)", None, "year"),
    ("fiscal", r"(?i:the\s+(?:current|latest|full|previous|prior|coming|entire|whole)\s+"
               r"(?:fiscal\s+|calendar\s+)?year)", None, "year"),
    ("fiscal", r"(?i:the\s+(?:(?:current|latest|full|previous|prior|past|last|next|coming|same|entire|whole)\s+)?"
               r"(?:fiscal\s+|calendar\s+)?year)(?=\s+(?:ended|ending|to\s+date|earlier|before|ago)\b|[,.;]|\s+(?:as\s+a\s+whole|of))",
     None, "year"),
    ("plural", r"(?<=(?i:for|ver|hin|ter|ook) )(?i:years|months|weeks|decades|days|hours|centuries)"
               r"(?!\s+(?:of|and|to|ago|old|earlier|later))", None, _UNITS),
    ("recent", r"(?i:recent\s+(?:years|months|weeks|days|decades|quarters)|(?:the\s+)?coming\s+(?:years|months|weeks"
               r"|days|decades|quarters)|past\s+years|future\s+quarters|the\s+weeks\s+ahead|the\s+(?:near|short)\s+term"
               r"|the\s+near\s+future|the\s+nineties|the\s+eighties|the\s+seventies|the\s+sixties)",
     None, "year month week day decade quarter term future nineties eighties seventies sixties"),
    ("ref", r"(?i:now|currently|recently|lately|nowadays|these\s+days|the\s+present|at\s+present|"
            r"the\s+past|the\s+future(?!\s+of\b)|more\s+recently|most\s+recently)",
     None, "now current recent lately day present past future"),
    ("ref", r"(?i:current)(?=\s+[a-z])(?!\s+(?:account|affairs|events?|flows?|law|rules?|system|members?))",
     None, "current"),
    ("set", r"(?i:daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly)",
     None, "daily week month annual year hour night"),
    ("set", rf"(?i:every|each)\s+(?:(?i:other)\s+)?(?:{NUM}\s+)?(?:{UNIT}|{WEEKDAY}|{PART}|{_MONTH_SAFE}|"
            rf"{SEASON})", None, "every each"),
    ("set", rf"{WEEKDAY}s(?:\s+{PART}s?)?", None, "day"),
    ("set", r"(?i:per|a)\s+(?i:year|month|week|day|hour)", None, "year month week day hour"),
    ("season", rf"(?:(?i:early|late|mid)[\s-]+)?(?i:last|next|this|that|the\s+coming|the\s+past|the)\s+"
               rf"(?:(?i:early|late|mid)[\s-]+)?(?:{SEASON}|(?i:fall))", None, "spring summer autumn winter fall"),
    ("season", rf"(?:(?i:early|late)\s+)?(?:{SEASON}|(?i:fall))\s+(?i:of\s+)?(?i:this|last|next)\s+year",
     None, "spring summer autumn winter fall"),
    ("holiday", r"(?:(?i:last|next|this)\s+)?(?:Christmas(?: Eve| Day)?|Thanksgiving(?: Day)?|New Year's(?: Day"
                r"| Eve)?|Easter(?: Sunday)?|Election Day|Labor Day|Memorial Day|Independence Day|Halloween|"
                r"Valentine's Day|Veterans Day|election day|CHRISTMAS|THANKSGIVING)" + rf"(?:,?\s+{YEAR})?",
     None, "christmas thanksgiving year easter day halloween"),
]

RULES: tuple[Rule, ...] = tuple(Rule(n, _c(p), k, tuple(w for w in needs.split() if w != "0"), "0" in needs.split())
                                for n, p, k, needs in _RAW_RULES)

#: Rule names that a SET-like "a year" must be preceded by an amount to count.
_AMOUNT_BEFORE = re.compile(r"(?:\d|percent|%|once|twice|times|dollars|cents|euros|pounds|yen|million|billion"
                            r"|thousand|hundred)\W{0,3}$", re.IGNORECASE)


def _not_a_time(text: str, rule: str, m: re.Match[str]) -> bool:
    """Readings TimeML does not mark: ages ("52 years old"), rates ("$2
    million a year", taken as a rate of the amount, not a time), and titles
    ("ABC's \"This Week\"", "High Noon")."""
    t = m.group(0)
    before = text[max(0, m.start() - 6):m.start()]
    if re.fullmatch(r"This\s+Week", t) and re.search(r"(?:[\"“`']|'s)\s*$", before):
        return True  # the title of a programme
    if re.fullmatch(r"(?i)noon", t) and re.search(r"(?i)\bhigh\s+$", before):
        return True
    if rule == "duration" and re.match(r"\s+old\b", text[m.end():m.end() + 5]):
        return True
    if rule == "duration" and re.search(r"(?i)quarters?$", t) and (
            re.fullmatch(r"(?i)(?:.*\s)?(?:an?|one|two|three)[\s-]quarters?", t)
            and (re.match(r"\s+of\b", text[m.end():m.end() + 4]) or re.fullmatch(r"(?i)(?:an?|one)\s+quarter", t))):
        return True  # "a quarter of the shares", "three-quarters of its food"
    if rule in ("duration", "set") and re.fullmatch(r"(?i)an?\s+(?:year|month|week|day|night|hour|second)", t):
        if rule == "set":
            return True
        before = text[max(0, m.start() - 12):m.start()]
        after = text[m.end():m.end() + 10]
        # "for a week", "within a year" are durations; "seats a week", "a second group" are not
        return not (_DURATION_CUE.search(before) or re.match(r"\s+(?:ago|earlier|later|before|after|or)\b", after))
    return False


_DURATION_CUE = re.compile(r"(?i)\b(?:for|within|in|after|than|about|nearly|almost|over|under|of|takes?|took|taken|"
                           r"spent|spend|lasts?|lasted|only|just|barely|least|most|up\s+to|around|some)\s+$")


_DIGIT = re.compile(r"\d")


def find(text: str, every_rule: bool = False) -> list[Found]:
    """All temporal expressions in ``text``, non-overlapping, in text order. Rules whose
    needed words are absent are skipped; ``every_rule`` runs them all (the tests check
    that the results are the same)."""
    cands: list[Found] = []
    folded = text.casefold()
    has_digit = _DIGIT.search(text) is not None
    for rule in RULES if every_rule else (r for r in RULES if r.possible(folded, has_digit)):
        for m in rule.pattern.finditer(text):
            if m.end() <= m.start():
                continue
            if rule.keep is not None and not rule.keep(text, m):
                continue
            if _not_a_time(text, rule.name, m):
                continue
            start, end = _trim(text, m.start(), m.end())
            if end > start:
                cands.append(Found(start, end, rule.name, text[start:end]))
    found = _select(cands)
    return _ranges(text, found)


#: The first end of a range whose second end is a full expression: "two to three weeks", "April 24 and 25".
_RANGE_NUM = re.compile(rf"(?<![\w$.,])({NUMW}|\d{{1,3}}(?:\.\d+)?)\s*(?:to|or|-|–)\s*$")
_RANGE_DAY = re.compile(r"^\s*(?:and|to|through|-|–)\s*((?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)"
                        r"(?=\s*[.,;:)]|\s+(?:in|at|when|and|the|of)\b|\s*$)")


def _ranges(text: str, found: list[Found]) -> list[Found]:
    """Adds the other end of a range, which TimeML marks as an expression of its
    own: "two" in "two to three weeks" (rule ``range_num``, read with the unit
    after it) and "25" in "April 24 and 25" (rule ``range_day``, read with the
    month before it)."""
    extra: list[Found] = []
    taken = [(f.start, f.end) for f in found]

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken)

    for f in found:
        if f.rule == "duration" and re.match(rf"(?:{NUM})[\s-]+{UNIT}$", f.text):
            m = _RANGE_NUM.search(text[max(0, f.start - 24):f.start])
            if m and m.group(1).lower() not in ("a", "an", "some", "many", "several", "few"):
                s = f.start - (len(text[max(0, f.start - 24):f.start]) - m.start(1))
                e = s + len(m.group(1))
                if free(s, e):
                    extra.append(Found(s, e, "range_num", text[s:e]))
        elif f.rule == "date" and not re.search(r"\d{4}", f.text):
            m = _RANGE_DAY.match(text[f.end:f.end + 16])
            if m:
                s, e = f.end + m.start(1), f.end + m.end(1)
                if free(s, e):
                    extra.append(Found(s, e, "range_day", text[s:e]))
    return sorted(found + extra, key=lambda f: f.start) if extra else found


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a possessive "'s" and trailing spaces or commas from a match."""
    while end > start and text[end - 1] in " ,\t\n":
        end -= 1
    if text[start:end].endswith(("'s", "’s")):
        end -= 2
    return start, end


def _select(cands: list[Found]) -> list[Found]:
    """Longest candidates first; a candidate overlapping a chosen one is dropped."""
    order = {r.name: i for i, r in reversed(list(enumerate(RULES)))}
    cands.sort(key=lambda f: (-(f.end - f.start), order[f.rule], f.start))
    starts: list[int] = []  # chosen intervals, sorted by start (they never overlap)
    ends: list[int] = []
    taken: list[Found] = []
    for f in cands:
        k = bisect.bisect_left(starts, f.end)  # chosen intervals starting before f ends
        if k > 0 and ends[k - 1] > f.start:
            continue
        starts.insert(k, f.start)
        ends.insert(k, f.end)
        taken.append(f)
    taken.sort(key=lambda f: f.start)
    return taken
