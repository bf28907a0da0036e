"""Word tokens, sentence starts and lines, as the casing repair sees them.

A deliberately small, regex-based tokenizer: the same code cuts the training
text and the text being repaired, so the statistics the model learns line up
with what it is asked about. Only tokens that contain a letter matter for
casing; punctuation lives in the gaps between tokens and decides sentence
starts (hard: after ``.!?`` or at a line start) and soft starts (after ``:``,
a dash or an opening quote), where a capital letter is always legitimate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: "U.S.", "a.m." (letter-dot runs) or a word with internal apostrophes.
WORD_RE = re.compile(r"[^\W\d_](?:\.[^\W\d_])+\.?|[^\W_]+(?:['’][^\W_]+)*")
_DIGIT = re.compile(r"\d")
_HARD_END = re.compile(r"[.!?…][\"'”’)\]]*\s|[.!?…]\s*$")
_OPENERS = re.compile(r"(?:^|\s)[\"“‘'(\[]*[\"“‘']$")
_BULLET = re.compile(r"^\s*(?:[-–—•*·]|\d+[.)])\s+")
_FINAL_PUNCT = re.compile(r"[.!?…][\"'”’)\]]*\s*$")

#: Words that, capitalised right after an abbreviation such as "U.S.", still
#: start a new sentence ("... in the U.S. The next day ...").
SENTENCE_STARTERS = frozenset(
    "the a an he she it they we i but and this that these those there in on at after "
    "however meanwhile still yet so if when while his her its their our".split()
)


#: Abbreviations whose period, before a lowercase word, ends no sentence ("Steel Co. said").
ABBREVIATIONS = frozenset(
    "co inc corp ltd bros plc mr mrs ms dr st jr sr vs no gen gov sen rep lt col capt prof rev "
    "jan feb mar apr jun jul aug sep sept oct nov dec approx est dept univ assn".split()
)

#: Word endings that tokenized text ("Trump 's") leaves after a lone apostrophe.
CLITICS = frozenset({"s", "t", "re", "ve", "ll", "d", "m", "n"})


def key(word: str) -> str:
    """The lookup key of a word: lowercased, straight apostrophe, no possessive 's."""
    k = word.lower()
    if "’" in k:
        k = k.replace("’", "'")
    if k[-2:] == "'s" and len(k) > 2:
        k = k[:-2]
    return k


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    key: str
    initial: bool = False  # first word of a sentence or line
    soft: str = ""  # after an opening "quote", a "colon" (or "1)") or a "dash" (a capital may start there)
    alpha: bool = True  # contains a letter
    shape: str = "o"  # see shape_of



def shape_of(word: str) -> str:
    """'l' lower, 'u' ALL CAPS (2+ letters), 't' Title, 'm' mixed, 'o' no letters or has digits."""
    if not word.isalpha() and _DIGIT.search(word):
        return "o"
    if word.islower():
        return "l"
    if word[0].isupper() and (len(word) == 1 or word[1:].islower()):
        return "t"
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return "o"
    if all(c.islower() for c in letters):
        return "l"
    if all(c.isupper() for c in letters):
        return "u" if len(letters) > 1 else "t"
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return "t"
    return "m"


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    tokens: list[Token] = field(default_factory=list)
    line: int = 0


@dataclass(slots=True)
class Line:
    start: int
    end: int
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    #: The document's first non-blank line: where its title stands.
    first: bool = False

    @property
    def headline_shaped(self) -> bool:
        """Short and without final punctuation (or ending in ':'): a heading, title or label."""
        body = _BULLET.sub("", self.text).strip()
        if not body:
            return False
        words = sum(1 for s in self.sentences for t in s.tokens if t.alpha)
        if body.endswith(":"):
            return words <= 8
        return words <= 15 and not _FINAL_PUNCT.search(body)


_DASH = re.compile(r"—| – | - ")


def tokenize_line(text: str, offset: int, line_no: int) -> Line:
    """Tokens of one line (no newline inside), grouped in sentences."""
    line = Line(offset, offset + len(text), text)
    sent: Sentence | None = None
    prev_end = 0
    prev: Token | None = None
    for m in WORD_RE.finditer(text):
        s, e = m.span()
        word = m.group()
        gap = text[prev_end:s]
        sh = shape_of(word)
        tok = Token(offset + s, offset + e, word, key(word) if sh != "o" else word, False, "", sh != "o", sh)
        if prev is None:
            new = True
        elif gap == " ":  # the common case: no punctuation in between
            new = prev.text[-1] == "." and word[0].isupper() and tok.key in SENTENCE_STARTERS
        elif _HARD_END.search(gap):
            # "A. Dale", "J. Smith": a capital initial's period ends no sentence
            new = not ((len(prev.text) == 1 and prev.text.isupper() and gap[0] == "." and word[0].isupper())
                       or (gap[0] == "." and prev.key in ABBREVIATIONS and word.islower()))
        else:
            new = prev.text[-1] == "." and gap.isspace() and word[0].isupper() and tok.key in SENTENCE_STARTERS
        if not new and sent is not None and len(line.sentences) == 1 and _DASH.search(gap) \
                and not any(t.alpha for t in sent.tokens):
            new = True  # "1714 - The Treaty of Baden ...": a dated or numbered line's text starts after the dash
        if new:
            if sent is not None:
                sent.end = offset + prev_end
            sent = Sentence(offset + s, offset + e, line=line_no)
            line.sentences.append(sent)
            tok.initial = True
        elif gap == " ":
            pass
        elif gap[-1:] in "'’" and tok.key in CLITICS:
            pass  # "Trump 's", "don 't": an apostrophe, not an opening quote
        elif _OPENERS.search(gap):
            tok.soft = "quote"
        elif ":" in gap or (gap == ") " and prev is not None and prev.text.isdigit()):
            tok.soft = "colon"  # after ':', or a numbered item's first word ("2) The terrorists")
        elif _DASH.search(gap):
            tok.soft = "dash"
        assert sent is not None
        sent.tokens.append(tok)
        sent.end = offset + e
        prev_end = e
        prev = tok
    return line


def lines(text: str) -> list[Line]:
    """The text cut at newlines, each line tokenized and split into sentences."""
    out: list[Line] = []
    pos = 0
    titled = False
    for i, raw in enumerate(text.split("\n")):
        ln = tokenize_line(raw, pos, i)
        if not titled and raw.strip():
            ln.first = titled = True
        out.append(ln)
        pos += len(raw) + 1
    return out


def sentences_of(text: str) -> list[list[Token]]:
    """Every sentence's tokens (used by the trainer and the benchmark)."""
    return [s.tokens for ln in lines(text) for s in ln.sentences]
