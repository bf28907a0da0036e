"""Units, currencies, hedges and rates: the lexicons quantity reading uses.

Units are normalised to short codes: ISO 4217 for currencies (``USD``,
``GBP``), ``percent``, SI-style symbols for measures (``km``, ``kg``,
``°C``), and singular nouns for durations (``year``, ``day``). Each lexicon key
is a tuple of lowercased tokens as :func:`byline.claims.numbers.tokenize`
cuts them ("km/h" -> ``("km", "/", "h")``).
"""

from __future__ import annotations

from byline.model import Relation


def _keys(spec: dict[str, tuple[str, str]]) -> dict[tuple[str, ...], tuple[str, str]]:
    """``{"square kilometres|km2": (unit, dimension)}`` -> token-tuple keys."""
    from byline.claims.numbers import tokenize

    out: dict[tuple[str, ...], tuple[str, str]] = {}
    for surfaces, value in spec.items():
        for s in surfaces.split("|"):
            out[tuple(t.low for t in tokenize(s))] = value
    return out


# Measure units written after a number: surface -> (unit, dimension).
_MEASURES = {
    "%|percent|per cent|percentage|percents|pct|per centum": ("percent", "percent"),
    "percentage point|percentage points|percent point|percent points|pp": ("percentage point", "percent"),
    "basis points|basis point|bps": ("basis point", "percent"),
    "km|kms|kilometre|kilometres|kilometer|kilometers|kilometre-long": ("km", "length"),
    "mile|miles|mi": ("mi", "length"),
    "nautical mile|nautical miles|nmi": ("nmi", "length"),
    "metre|metres|meter|meters|metre-long|meter-long": ("m", "length"),
    "cm|centimetre|centimetres|centimeter|centimeters": ("cm", "length"),
    "mm|millimetre|millimetres|millimeter|millimeters": ("mm", "length"),
    "dm|decimetre|decimetres|decimeter|decimeters": ("dm", "length"),
    "picometer|picometers|picometre|picometres": ("pm", "length"),
    "micrometre|micrometres|micrometer|micrometers|microns|micron|µm|μm": ("µm", "length"),
    "nanometre|nanometres|nanometer|nanometers|nm": ("nm", "length"),
    "ft|foot|feet|-foot": ("ft", "length"),
    "inch|inches|-inch": ("in", "length"),
    "yard|yards|yd|yds": ("yd", "length"),
    "kg|kgs|kilogram|kilograms|kilogramme|kilogrammes|kilo|kilos": ("kg", "mass"),
    "g|gram|grams|gramme|grammes": ("g", "mass"),
    "mg|milligram|milligrams|milligramme|milligrammes": ("mg", "mass"),
    "µg|μg|mcg|microgram|micrograms|microgramme|microgrammes": ("µg", "mass"),
    "lb|lbs|pound|pounds|-pound": ("lb", "mass"),
    "oz|ounce|ounces": ("oz", "mass"),
    "t|tonne|tonnes|metric ton|metric tons|metric tonne|metric tonnes": ("t", "mass"),
    "ton|tons|-ton|short ton|short tons": ("t", "mass"),
    "drachma|drachmas|dram|drams": ("dr", "mass"),
    "l|litre|litres|liter|liters": ("l", "volume"),
    "ml|millilitre|millilitres|milliliter|milliliters": ("ml", "volume"),
    "gallon|gallons|gal": ("gal", "volume"),
    "barrel|barrels|bbl|bbls": ("bbl", "volume"),
    "cubic foot|cubic feet|cu ft|ft3": ("ft3", "volume"),
    "cubic metre|cubic metres|cubic meter|cubic meters|m3|m³": ("m3", "volume"),
    "cubic kilometre|cubic kilometres|cubic kilometer|cubic kilometers|km3|km³|km^3|km cubed"
    "|kilometres cubed|kilometers cubed": ("km3", "volume"),
    "tablespoon|tablespoons|tbsp": ("tbsp", "volume"),
    "teaspoon|teaspoons|tsp": ("tsp", "volume"),
    "cup|cups": ("cup", "volume"),
    "square kilometre|square kilometres|square kilometer|square kilometers|sq km|km2|km²|km^2|km squared"
    "|kilometres squared|kilometers squared": ("km2", "area"),
    "square metre|square metres|square meter|square meters|sq m|m2|m²|m^2|metres squared|meters squared"
    "|m squared": ("m2", "area"),
    "square mile|square miles|sq mi": ("mi2", "area"),
    "square foot|square feet|sq ft": ("ft2", "area"),
    "acre|acres": ("acre", "area"),
    "hectare|hectares|ha": ("ha", "area"),
    "kph|kmph|km/h|km/hr|kmh": ("km/h", "speed"),
    "mph": ("mph", "speed"),
    "celsius|celcius|centigrade|centigrate|°c|º c|° c|° celsius|°celsius|degrees c|degree c|deg c"
    "|degrees celsius|degree celsius|deg celsius|degrees celcius|degrees centigrade": ("°C", "temperature"),
    "fahrenheit|farenheit|°f|° f|° fahrenheit|°fahrenheit|degrees f|degree f|deg f|degrees fahrenheit"
    "|degree fahrenheit|deg fahrenheit|degrees farenheit": ("°F", "temperature"),
    "°|degrees|degree|deg": ("°", "angle"),
    "rad|radian|radians": ("rad", "angle"),
    "turn|turns": ("turn", "angle"),
    "bit|bits|-bit": ("bit", "data"),
    "megabit|megabits|mbit|mbps": ("Mbit", "data"),
    "kb|kilobyte|kilobytes": ("kB", "data"),
    "mb|megabyte|megabytes": ("MB", "data"),
    "gb|gigabyte|gigabytes": ("GB", "data"),
    "tb|terabyte|terabytes": ("TB", "data"),
    "exabyte|exabytes": ("EB", "data"),
    "kwh|kilowatt hour|kilowatt hours|kilowatt-hours": ("kWh", "energy"),
    "wh|watt hour|watt hours|watt-hours": ("Wh", "energy"),
    "mwh|megawatt hour|megawatt hours|megawatt-hours": ("MWh", "energy"),
    "gwh|gigawatt hour|gigawatt hours|gigawatt-hours": ("GWh", "energy"),
    "twh|terawatt hour|terawatt hours|terawatt-hours": ("TWh", "energy"),
    "hz|hertz": ("Hz", "frequency"),
    "khz|kilohertz": ("kHz", "frequency"),
    "mhz|megahertz": ("MHz", "frequency"),
    "ghz|gigahertz": ("GHz", "frequency"),
    "cl|centilitre|centilitres|centiliter|centiliters": ("cl", "volume"),
    "dl|decilitre|decilitres|deciliter|deciliters": ("dl", "volume"),
    "mw|megawatt|megawatts": ("MW", "power"),
    "gw|gigawatt|gigawatts": ("GW", "power"),
    "kw|kilowatt|kilowatts": ("kW", "power"),
    "ev|electronvolt|electronvolts": ("eV", "energy"),
    "tev": ("TeV", "energy"),
    "year|years|yr|yrs|-year": ("year", "duration"),
    "month|months|-month": ("month", "duration"),
    "week|weeks|-week": ("week", "duration"),
    "day|days|-day": ("day", "duration"),
    "hour|hours|hr|hrs|-hour": ("hour", "duration"),
    "minute|minutes|mins|-minute": ("minute", "duration"),
    "second|seconds|secs|-second": ("second", "duration"),
    "millisecond|milliseconds|ms": ("millisecond", "duration"),
    "decade|decades": ("decade", "duration"),
    "century|centuries": ("century", "duration"),
}
MEASURES = _keys(_MEASURES)

# Currencies written after a number ("420 million finnish markka", "50 cents").
_CURRENCY_WORDS = {
    "dollar|dollars|bucks": ("USD", ""),
    "us dollar|us dollars|u.s. dollars|u.s. dollar|american dollars|usd": ("USD", ""),
    "canadian dollar|canadian dollars|cad": ("CAD", ""),
    "australian dollar|australian dollars|aud": ("AUD", ""),
    "hong kong dollar|hong kong dollars|hkd": ("HKD", ""),
    "new zealand dollar|new zealand dollars|nzd": ("NZD", ""),
    "cent|cents|-cent|¢": ("cent", ""),
    "dime|dimes": ("dime", ""),
    "pence|penny|pennies|p": ("pence", ""),
    "pound sterling|pounds sterling|sterling|british pounds|gbp": ("GBP", ""),
    "euro|euros|eur": ("EUR", ""),
    "yen|-yen|jpy": ("JPY", ""),
    "yuan|renminbi|rmb|cny|元|chinese yuan|chinese renminbi": ("CNY", ""),
    "franc|francs": ("franc", ""),
    "swiss franc|swiss francs|chf": ("CHF", ""),
    "peseta|pesetas": ("ESP", ""),
    "guilder|guilders|dutch guilders|dutch guilder": ("NLG", ""),
    "finnish markka|markka|markkaa": ("FIM", ""),
    "rupee|rupees|inr": ("INR", ""),
    "peso|pesos": ("peso", ""),
    "mexican peso|mexican pesos|mxn": ("MXN", ""),
    "turkish lira|turkish liras|try": ("TRY", ""),
    "rouble|roubles|ruble|rubles|rub": ("RUB", ""),
    "rand": ("ZAR", ""),
    "shilling|shillings": ("shilling", ""),
    "bitcoin|bitcoins|btc": ("BTC", ""),
    "satoshi|satoshis": ("satoshi", ""),
    "₡": ("CRC", ""),
    "₾": ("GEL", ""),
    "₭": ("LAK", ""),
    "ரூ": ("LKR", ""),
    "$": ("USD", ""),
    "€": ("EUR", ""),
    "£": ("GBP", ""),
    "¥": ("JPY", ""),
    "musd": ("USD", "M"),
    "meur": ("EUR", "M"),
    "mgbp": ("GBP", "M"),
    "maud": ("AUD", "M"),
}
CURRENCY_WORDS = _keys(_CURRENCY_WORDS)

# Currencies written before a number ("$", "US$", "c $", "£", "usd 200").
_CURRENCY_PREFIX = {
    "$": ("USD", ""),
    "us$|us $|u.s. $|u.s $|usd|usd$|usd $": ("USD", ""),
    "c$|c $|cad$|cad $|cad|ca$": ("CAD", ""),
    "aud$|aud $|aud|au$": ("AUD", ""),
    "hk$|hk $|hkd$|hkd": ("HKD", ""),
    "nz$|nzd$|nzd": ("NZD", ""),
    "mxn$|mex$|mex $|mxn": ("MXN", ""),
    "r$": ("BRL", ""),
    "£|gbp": ("GBP", ""),
    "€|eur": ("EUR", ""),
    "¥": ("JPY", ""),
    "₹|rs|rs.": ("INR", ""),
    "₿": ("BTC", ""),
    "chf": ("CHF", ""),
    "cny|rmb": ("CNY", ""),
    "sen": ("sen", ""),
    "maud": ("AUD", "M"),
    "musd": ("USD", "M"),
}
CURRENCY_PREFIX = _keys(_CURRENCY_PREFIX)

# Hedges written before a number, normalised to a relation.
_HEDGES: dict[str, Relation] = {
    "over": ">", "more than": ">", "above": ">", "greater than": ">", "higher than": ">", "larger than": ">",
    "bigger than": ">", "in excess of": ">", "exceeding": ">", "upwards of": ">", "upward of": ">",
    "north of": ">", "just over": ">", "well over": ">", "well above": ">", "just above": ">",
    "at least": ">=", "no less than": ">=", "no fewer than": ">=", "not less than": ">=", "a minimum of": ">=",
    "at a minimum": ">=",
    "under": "<", "less than": "<", "fewer than": "<", "below": "<", "lower than": "<", "smaller than": "<",
    "nearly": "<", "almost": "<", "just under": "<", "just below": "<", "shy of": "<", "just shy of": "<",
    "not quite": "<", "well under": "<", "well below": "<",
    "up to": "<=", "at most": "<=", "no more than": "<=", "not more than": "<=", "a maximum of": "<=",
    "as many as": "<=", "as much as": "<=", "as high as": "<=",
    "around": "~", "about": "~", "roughly": "~", "approximately": "~", "approx": "~", "approx.": "~",
    "some": "~", "circa": "~", "c.": "~", "an estimated": "~", "estimated": "~", "close to": "~",
    "nearly about": "~", "somewhere around": "~", "in the region of": "~", "on the order of": "~",
    "around about": "~", "about some": "~", "or so": "~", "give or take": "~", "an approximate": "~",
    "exactly": "=", "precisely": "=", "just": "=", "only": "=", "a total of": "=",
}
HEDGES: dict[tuple[str, ...], Relation] = {tuple(k.split()): v for k, v in _HEDGES.items()}
HEDGE_MAX = max(len(k) for k in HEDGES)

# Hedges written after a number ("70,000 or more").
_POST_HEDGES: dict[str, Relation] = {
    "or more": ">=", "and more": ">=", "or above": ">=", "and above": ">=", "and over": ">=", "or over": ">=",
    "plus": ">=", "-plus": ">=", "+": ">=", "or higher": ">=",
    "or less": "<=", "or fewer": "<=", "and under": "<=", "or under": "<=", "and below": "<=", "or lower": "<=",
    "or so": "~", "-odd": "~", "odd": "~", "or thereabouts": "~", "-ish": "~",
}
POST_HEDGES: dict[tuple[str, ...], Relation] = {
    tuple(k.replace("-", "- ").split()): v for k, v in _POST_HEDGES.items()
}

# Rates: "a year", "annually", "per capita" -> the period or base.
_PER = {
    "annually|yearly|per annum|a year|per year|each year|every year|/year|/yr|a-year|p.a.|pa": "year",
    "monthly|a month|per month|each month|every month|/month|/mo": "month",
    "weekly|a week|per week|each week|every week|/week|/wk": "week",
    "daily|a day|per day|each day|every day|/day|a-day": "day",
    "hourly|an hour|per hour|each hour|every hour|/hour|/hr|/h|an-hour": "hour",
    "per minute|a minute|/minute|/min": "minute",
    "per second|a second|/second|/sec|/s": "second",
    "per millisecond|/millisecond|/ms": "millisecond",
    "per capita|per head|per person|a head|each|apiece|per-capita": "person",
    "a share|per share|a-share|/share": "share",
    "a barrel|per barrel|/barrel|/bbl": "bbl",
    "per kg|a kg|/kg|per kilogram|a kilogram": "kg",
    "per ton|a ton|per tonne|a tonne|/t": "t",
    "per gallon|a gallon|/gal": "gal",
    "per litre|a litre|per liter|a liter|/l": "l",
}

def _per_keys() -> dict[tuple[str, ...], str]:
    from byline.claims.numbers import tokenize

    out: dict[tuple[str, ...], str] = {}
    for ks, v in _PER.items():
        for k in ks.split("|"):
            out[tuple(t.low for t in tokenize(k))] = v
    return out


PER = _per_keys()

PER_ABBR = {"hour": "h", "second": "s", "millisecond": "ms", "minute": "min"}
SPEED = {("km", "hour"): "km/h", ("mi", "hour"): "mph"}

# Nouns a count may be of, normalised (the "person", "death").
COUNT_NOUNS = {
    "person": "person", "people": "person", "persons": "person", "individual": "person", "resident": "person",
    "citizen": "person", "adult": "person", "child": "person", "children": "person", "man": "person",
    "men": "person", "woman": "person", "women": "person", "worker": "person", "employee": "person",
    "voter": "person", "migrant": "person", "immigrant": "person", "refugee": "person", "patient": "person",
    "student": "person", "member": "person", "civilian": "person", "victim": "person", "inhabitant": "person",
    "death": "death", "fatality": "death", "dead": "death", "killing": "death", "homicide": "death",
    "murder": "death", "troop": "soldier", "soldier": "soldier", "job": "job", "vote": "vote", "seat": "seat",
    "case": "case", "infection": "case", "home": "home", "house": "home", "household": "household",
    "firearm": "firearm", "gun": "firearm", "weapon": "weapon", "arrest": "arrest", "incident": "incident",
}

# Verbs and nouns that make a bare magnitude ("billions") money.
MONEY_CUES = {
    "generate", "generates", "generating", "generated", "earn", "earns", "earning", "earned", "make", "makes",
    "making", "made", "cost", "costs", "costing", "spend", "spends", "spending", "spent", "pay", "pays", "paying",
    "paid", "raise", "raised", "raising", "lose", "losing", "lost", "worth", "revenue", "revenues", "profit",
    "profits", "income", "sales", "fund", "funding", "funded", "invest", "invested", "investing", "investment",
    "budget", "rake", "raking", "raked", "launder", "laundering", "laundered", "owe", "owed", "debt", "fine",
    "fined", "bill", "price", "pocket", "pocketed", "billed", "collect", "collected", "bringing", "brings",
}

# Plural magnitudes read as vague amounts: "billions", "tens of thousands".
VAGUE = {"dozens": 12.0, "hundreds": 100.0, "thousands": 1e3, "millions": 1e6, "billions": 1e9,
         "trillions": 1e12}

# Words before a number that make it an identifier, not a quantity ("Article 50").
ID_WORDS = {
    "no", "no.", "nos", "number", "#", "article", "section", "chapter", "route", "highway", "interstate",
    "flight", "room", "version", "windows", "iphone", "boeing", "airbus", "apollo", "episode", "page", "line",
    "row", "table", "figure", "fig", "item", "exhibit", "rule", "amendment", "resolution", "proposition", "prop",
    "district", "ward", "precinct", "channel", "model", "phase", "level", "grade", "stage", "category", "type",
    "volume", "vol", "issue", "paragraph", "clause", "schedule", "annex", "box", "gate", "platform", "pier",
    "suite", "apt", "unit", "lot", "bus", "track", "mark", "mk", "series", "generation", "ps", "xbox", "cd",
    "studio", "pages", "nr", "nrs", "exercise", "exercises", "g", "ww", "covid", "top", "round", "game",
    "match", "leg", "act", "scene",
}
MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}
YEAR_PREPS = {"in", "since", "by", "from", "until", "till", "before", "after", "during", "of", "early", "late",
              "mid", "fiscal", "circa", "year", "the", "to", "and", "between", "through", "spring", "summer",
              "autumn", "fall", "winter", "'s", "s", "around", "throughout", "for", "on", "at"}
