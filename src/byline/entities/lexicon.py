"""Word lists the entity rules rely on: titles, pronouns, organisation heads, country variants.

These are closed-class English vocabulary (job titles, honorifics, pronouns) and
the usual spellings of a few countries, not facts about any particular article.
"""

from __future__ import annotations

#: Nouns that name an office or a job; in front of a person's name they are a role
#: ("President Trump"), after "the" they are a description ("the president").
TITLE_NOUNS = frozenset("""
president president-elect vice-president premier minister secretary senator sen. representative rep. congressman
congresswoman congressmember governor gov. mayor chancellor king queen prince princess emperor empress pope
cardinal archbishop bishop rev. reverend rabbi imam judge justice magistrate general gen. colonel col.
maj. lieutenant lt. captain capt. sergeant sgt. admiral adm. commander commissioner ambassador envoy diplomat
attorney prosecutor lawyer chairman chairwoman chair chairperson director ceo cfo coo founder co-founder owner
executive manager spokesman spokeswoman spokesperson adviser advisor aide leader candidate nominee speaker sheriff
chief coach dr. doctor professor prof. economist analyst author officer official dictator emir sultan sheikh
ayatollah monarch lawmaker legislator strongman treasurer superintendent inspector commandant marshal
correspondent reporter editor columnist anchor host producer singer actor actress star striker midfielder
defender goalkeeper captain manager player
""".split())

#: Abbreviated titles, folded (no dot) -> the noun a description would use ("the senator").
TITLE_ABBREVIATIONS = {
    "sen": "senator", "rep": "representative", "gov": "governor", "gen": "general", "col": "colonel",
    "maj": "major", "lt": "lieutenant", "capt": "captain", "sgt": "sergeant", "adm": "admiral", "dr": "doctor",
    "prof": "professor", "rev": "reverend", "pres": "president", "sec": "secretary", "amb": "ambassador",
}

#: Titles that head organisations or countries ("the Mexican leader" may mean a president).
LEADER_TITLES = frozenset("""
president premier minister chancellor king queen prince emperor leader monarch dictator emir sultan
strongman governor mayor
""".split())

#: Words that may stand inside a title before the head noun: "former U.S. President".
ROLE_MODIFIERS = frozenset("""
former then then- late acting interim outgoing incoming vice deputy assistant associate chief senior junior first
lady prime foreign defense defence state treasury home interior finance health justice education energy trade
commerce labor labour transportation transport agriculture homeland security national general attorney house
senate white democratic republican presidential party opposition majority minority supreme district federal
high special executive managing press communications campaign secretary- top lead longtime long-time
retired ex- ex co- grand head
""".split())

#: Honorifics: they mark a person (and a gender) but are not roles.
HONORIFICS = {
    "mr": "male", "mr.": "male", "mrs": "female", "mrs.": "female", "ms": "female", "ms.": "female",
    "miss": "female", "sir": "male", "dame": "female", "lord": "male", "lady": "female", "madam": "female",
}

#: Role words that tell a gender.
GENDERED_TITLES = {
    "congressman": "male", "congresswoman": "female", "chairman": "male", "chairwoman": "female",
    "spokesman": "male", "spokeswoman": "female", "king": "male", "queen": "female", "prince": "male",
    "princess": "female", "emperor": "male", "empress": "female", "actor": "male", "actress": "female",
    "businessman": "male", "businesswoman": "female", "husband": "male", "wife": "female", "father": "male",
    "mother": "female", "son": "male", "daughter": "female", "brother": "male", "sister": "female",
    "pope": "male", "sultan": "male", "emir": "male", "sheikh": "male", "ayatollah": "male",
}

#: Third-person pronouns: form -> (gender or None, number).
PRONOUNS: dict[str, tuple[str | None, str]] = {
    "he": ("male", "sg"), "him": ("male", "sg"), "his": ("male", "sg"), "himself": ("male", "sg"),
    "she": ("female", "sg"), "her": ("female", "sg"), "hers": ("female", "sg"), "herself": ("female", "sg"),
    "it": ("neuter", "sg"), "its": ("neuter", "sg"), "itself": ("neuter", "sg"),
    "they": (None, "pl"), "them": (None, "pl"), "their": (None, "pl"), "theirs": (None, "pl"),
    "themselves": (None, "pl"),
}

#: Head nouns of organisation names; "the agency" may refer back to an organisation.
ORG_HEADS = frozenset("""
agency administration army association authority bank board bureau cabinet campaign cartel center centre
centers centres chamber church club coalition college commission committee company corporation council court
department division embassy federation firm foundation front fund government group guard institute journal
league magazine ministry movement navy network newspaper office organization organisation paper parliament
party police post press service senate society station team times tribunal union university
""".split())

#: Generic nouns for an organisation, and the name heads each may stand for.
ORG_DESCRIPTIONS: dict[str, frozenset[str] | None] = {
    # None: the description matches any organisation of the article.
    "organization": None, "organisation": None, "group": None,
    "agency": frozenset({"agency", "administration", "bureau", "centers", "center", "centre", "service",
                         "department", "commission", "authority", "office", "council", "institute"}),
    "company": frozenset({"company", "corporation", "inc", "corp", "co", "ltd", "plc", "group", "firm"}),
    "firm": frozenset({"company", "corporation", "inc", "corp", "co", "ltd", "plc", "group", "firm"}),
    "newspaper": frozenset({"journal", "times", "post", "herald", "tribune", "guardian", "telegraph",
                            "gazette", "news", "globe", "chronicle", "star", "sun", "mail", "express"}),
    "paper": frozenset({"journal", "times", "post", "herald", "tribune", "guardian", "telegraph", "gazette",
                        "news", "globe", "chronicle", "star", "sun", "mail", "express"}),
}

#: People who speak for an organisation: "a spokesperson for X" speaks as X.
SPOKES_NOUNS = frozenset("""
spokesperson spokesman spokeswoman spokespeople spokesmen spokeswomen representative representatives
official officials aide aides
""".split())

#: Verbs of saying: a pronoun "it" is a referent (not an expletive) as their subject.
SPEECH_VERBS = frozenset("""
say tell add note announce state claim argue insist warn report confirm deny explain respond reply write
believe think suggest acknowledge admit declare accuse urge reiterate emphasize emphasise stress predict
""".split())

#: Spellings of a few countries that are often abbreviated; value = canonical name.
COUNTRY_VARIANTS: dict[str, str] = {
    "us": "United States", "usa": "United States", "united states": "United States",
    "united states of america": "United States", "america": "United States",
    "uk": "United Kingdom", "united kingdom": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "uae": "United Arab Emirates", "united arab emirates": "United Arab Emirates",
    "drc": "Democratic Republic of the Congo", "prc": "China", "ussr": "Soviet Union",
    "soviet union": "Soviet Union",
}

#: Words written in lower case inside proper names ("Centers for Disease Control and Prevention").
MINOR_WORDS = frozenset("a an and at by de del for in of on or the to von van with".split())

#: Determiners and other words that never belong at the edge of a name.
EDGE_WORDS = frozenset("the a an this that these those its their his her our my your".split())

#: Quote marks and brackets that damaged text leaves around names.
QUOTE_CHARS = "\"'“”‘’„‟«»‹›`´()[]{}*_"
