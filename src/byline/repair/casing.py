"""Casing repair: detect damaged sentences, then truecase only those.

Detection comes first and uses the input's own casing as evidence:

* **ALL CAPS**: a line with no lowercase letter. A short one (at most
  ``CAPS_HEADLINE_WORDS`` words) is a headline and stays as written; a longer
  one, or a whole document in capitals, is truecased blind.
* **all lowercase**: a sentence of at least ``MIN_BLIND_WORDS`` words with no
  capital letter (or a document without any) is truecased blind.
* **random Title Case**: each capitalised word that does not start a sentence
  (or follow ``:``, an opening quote or bracket) is scored by the ``title``
  model: how likely it is noise, given the word, its neighbours and *their*
  input casing. A sentence is damaged when at least ``MIN_NOISY`` words score
  above ``NOISE_P``, or one does strongly (``STRONG_P``) in a document where
  several already did. Only the words above ``NOISE_P`` are lowered; every
  lowercase word, acronym and mixed-case word is kept.
* **headline style**: a line that is short (at most 15 words), has no final
  punctuation (or is a short label ending in ':') and capitalises every word of
  four or more letters is a heading in headline style: Title Case there is a
  style, not damage, and it is left alone. A short line that mixes lowercase
  long words with capitalised ones is judged like a sentence; a lowercase
  heading is truecased.

Every other sentence passes through untouched. Changes are per word and keep
its length (casing only), so the offset map stays one-to-one inside them.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right

from byline.repair.model import Model
from byline.repair.offsets import Change
from byline.repair.tokens import Line, Sentence, Token, lines, tokenize_line

NOISE_P = 0.6  # lower a capitalised word in a damaged sentence above this noise probability
NOISE_RATE = 0.3  # the Title-Case noise rate the detector's likelihood ratio assumes
TITLE_LLR = 5.0  # a sentence is damaged above this log-likelihood ratio ...
DOC_LLR = 8.0  # ... or above 0 in a document whose total is over this
STRICT_P = 0.9  # in a damaged document, other sentences lose only their surest noise
SURE_P = 0.85  # first pass of two: only the surest noise
TWO_PASS = True
SETTLED_LOW, SETTLED_HIGH = 0.05, 0.97  # first scores this sure are not rescored in the second pass
NEAR = 3  # in the second pass, rescore only words this close to one lowered in the first
LOWER_LLR = 4.0  # all-lowercase sentence: evidence that capitals were lost
LOWER_INITIAL = 1.5  # evidence from a lowercase sentence start
DOC_LOW, DOC_LOW_MAX = 1.0, 2.0  # log-odds for noise per lowercase use of the word elsewhere in the document
DOC_CAP, DOC_CAP_MAX = 0.7, 2.0  # ... against noise per other capitalised use
PAIR_SHIELD = 2.5  # ... no evidence from lowercase uses where the word and a capitalised neighbour form a name pair
DOC_PAIR, DOC_PAIR_LOW = 2.0, 0.5  # ... against noise per other use of the pair both capitalised; for it per lowercase
RUN_RESCUE_P = 0.8  # a lowered word below this noise score is kept between a sure name and a capitalised word
RUN_NAME_P = 0.2  # ... where the left neighbour's noise score is at most this (a confident name)
NEAR_NAME_P = 0.5  # ... but next to a sure name (score at most RUN_NAME_P) from this probability
ORG_RESCUE_P = 0.9  # a lowered word below this score is kept in a capitalised run ending in an organisation's head
RUN_CHAIN_P = 0.5  # ... or the left neighbour (at most this) continues a run of kept capitals from such a name
MID_QUOTE_STRICT = False  # a quotation opened mid-phrase: its first word judged like any other (else: STRICT_P)
CAPS_HEADLINE_WORDS = 20
TITLE_WORDS = 25  # a document's first line in headline style is its title, up to this many words
MIN_BLIND_WORDS = 3

#: Words an acronym usually skips ("Federal Bureau of Investigation (FBI)"); lowered as usual.
ACRONYM_SKIP = frozenset("of for and the in on to at a an de del la los las by with".split())
_ACRONYM = re.compile(r"[A-Z][A-Za-z&]*[A-Z]|[A-Z]{2,}")
_OPEN_PAREN = re.compile(r" ?\( ?")  # "(CDC)", and "( CDC )" in tokenized text


def _lower(word: str) -> str:
    """``word`` lowercased character for character (a letter whose lowercase is longer stays)."""
    low = word.lower()
    if len(low) == len(word):  # no character grew, so each maps to exactly one
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in word)


def _upper_first(word: str) -> str:
    out = list(word)
    for i, c in enumerate(out):
        if c.isalpha():
            u = c.upper()
            if len(u) == 1:
                out[i] = u
            break
    return "".join(out)


def _has_upper(toks: list[Token]) -> bool:
    return any(t.shape != "l" for t in toks if t.alpha)


def _has_lower(toks: list[Token]) -> bool:
    return any(t.shape in ("l", "m") or (t.shape == "t" and not t.text.isupper()) for t in toks if t.alpha)


def _p(lg: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, lg))))


def title_llr(model: Model, toks: list[Token]) -> float:
    """Log-likelihood ratio "random Title-Case noise" vs "clean" for a sentence.

    Each mid-sentence word has a clean probability of being capitalised (word
    and neighbour statistics); under noise a lowercase word is capitalised with
    probability ``NOISE_RATE``. Capitalised words that are almost never so weigh
    heavily; every lowercase word weighs a little against noise."""
    r = NOISE_RATE
    total = 0.0
    for i, t in enumerate(toks):
        if t.initial or t.soft or t.shape not in ("l", "t"):
            continue
        if t.shape == "l":
            total += math.log(1.0 - r)
            continue
        pc = _p(model.clean_cap_logit(toks, i))
        total += math.log((pc + (1.0 - pc) * r) / max(pc, 1e-6))
    return total


def lower_llr(model: Model, toks: list[Token]) -> float:
    """Evidence that an all-lowercase sentence lost its capitals: words that are
    nearly always capitalised ("london", "i"), and a lowercase start."""
    total = 0.0
    for i, t in enumerate(toks):
        if not t.alpha:
            continue
        if t.initial:
            total += LOWER_INITIAL
            continue
        if t.key not in model.uni:
            continue
        pc = _p(model.clean_cap_logit(toks, i))
        total += math.log(1.0 / max(1.0 - pc, 1e-4))
    return total


def blind_case(model: Model, toks: list[Token], caps: bool) -> list[Change]:
    """Truecase a sentence whose input casing says nothing (all lower or ALL CAPS)."""
    out: list[Change] = []
    for i, t in enumerate(toks):
        if not t.alpha:
            continue
        p = model.p_cap(toks, i)
        if p >= 0.5:
            new = model.cap_form(t.text)
            if caps and t.key not in model.uni and sum(c.isalpha() for c in t.text) <= 3:
                new = t.text.upper()  # an unknown short word in capitals: likely an acronym
        elif t.initial:
            new = _upper_first(_lower(t.text))
        else:
            new = _lower(t.text)
        if t.initial and new[:1].islower():
            new = _upper_first(new)
        if new != t.text:
            out.append(Change("casing", t.start, t.end, new))
    return out


def _doc_casing(lns: list[Line]) -> dict[str, list[int]]:
    """How often each word is lowercase / capitalised in mid-sentence in this document;
    and each adjacent pair, under keys ``"<a b"`` (b lowercase / a and b both
    capitalised) and ``">a b"`` (a lowercase / both capitalised). Noise is random, so a
    pair capitalised together at every use is a name ("Police Bill"). A first word that may
    start a sentence (after a colon, dash or quote mark) is no evidence either way."""
    seen: dict[str, list[int]] = {}
    for ln in lns:
        if is_heading(ln):
            continue  # a heading's Title Case is its style, no evidence of names
        for s in ln.sentences:
            prev: Token | None = None
            for t in s.tokens:
                if t.alpha and not t.initial and not t.soft and t.shape in ("l", "t"):
                    row = seen.get(t.key)
                    if row is None:
                        row = seen[t.key] = [0, 0]
                    row[t.shape == "t"] += 1
                    if DOC_PAIR and prev is not None and t.start - prev.end == 1 and prev.shape in ("l", "t"):
                        if t.shape == "l" or (prev.shape == "t" and not prev.initial and not prev.soft):
                            row = seen.get(k := "<" + prev.key + " " + t.key)
                            if row is None:
                                row = seen[k] = [0, 0]
                            row[t.shape == "t"] += 1
                        if not prev.initial and not prev.soft and (prev.shape == "l" or t.shape == "t"):
                            row = seen.get(k := ">" + prev.key + " " + t.key)
                            if row is None:
                                row = seen[k] = [0, 0]
                            row[prev.shape == "t"] += 1
                prev = t
    return seen


def _expansion_run(toks: list[Token], text: str, letters: str, idx: list[int]) -> set[int]:
    """Match ``letters`` (an acronym, upper case) against the words at ``idx`` (in
    reading order): every letter is the initial of a capitalised word, words in
    ``ACRONYM_SKIP`` may sit between them, and the words are separated only by
    spaces, commas or hyphens. Returns the indices of the initial-giving words, or
    an empty set when the run is no expansion of the acronym."""
    out: set[int] = set()
    k = 0
    prev: Token | None = None
    for i in idx:
        t = toks[i]
        if prev is not None and text[prev.end:t.start].strip(" ,-") != "":
            return set()
        prev = t
        if t.shape in ("t", "u", "m") and t.text[0].upper() == letters[k]:
            out.add(i)
            k += 1
            if k == len(letters):
                return out
        elif t.key in ACRONYM_SKIP and out:
            continue
        else:
            return set()
    return set()


_QUOTE_BEFORE = frozenset("'‘\"“")
_QUOTE_AFTER = frozenset("'’\"”")


def _kept(toks: list[Token], text: str) -> set[int]:
    """Words whose capital is evidence, not noise: acronym expansions; a lone capital
    letter glued to a sign ("A$8.4bn", "A-levels") or quoted on its own ("Detainee 'A'");
    and two capitalised words joined by an ampersand ("Hotels & Resorts": in BBC's
    articles every one of 87 such pairs is a name, none is lowercase on one side).
    Random noise capitalises words, it does not write such letters or signs."""
    keep = acronym_expansions(toks, text)
    for i in range(len(toks) - 1):
        a, b = toks[i], toks[i + 1]
        if a.shape in ("t", "m", "u") and b.shape in ("t", "m", "u") and text[a.end:b.start] == " & ":
            keep.update((i, i + 1))
    for i, t in enumerate(toks):
        if len(t.text) != 1 or t.shape != "t":
            continue
        after = text[t.end:t.end + 1]
        before = text[t.start - 1] if t.start > 0 else ""
        if after == "$" or (after == "-" and before != "-") or (after in _QUOTE_AFTER and before in _QUOTE_BEFORE):
            keep.add(i)  # "A$8.4bn", "A-levels" (not "two-and-a-half"), "Detainee 'A'"
        elif text[t.end:t.end + 2] == ". " and i + 1 < len(toks) and not toks[i + 1].initial \
                and toks[i + 1].shape in ("t", "u", "m"):
            keep.add(i)  # "A. Dale": a name's initial
    return keep


def acronym_expansions(toks: list[Token], text: str) -> set[int]:
    """Indices of words that spell out an adjacent parenthesised acronym.

    "Centers for Disease Control and Prevention (CDC)" or "NWS (National Weather
    Service)": the capitalised words whose initials make the acronym are a name
    and keep their capitals even in a noisy sentence; the function words in
    between ("for", "and") are judged as usual. General, not a list of names: the
    acronym written next to the run is the evidence."""
    keep: set[int] = set()
    for a, t in enumerate(toks):
        if t.shape not in ("u", "m") or not _ACRONYM.fullmatch(t.text):
            continue
        letters = "".join(c for c in t.text if c.isupper())
        n = len(letters)
        if n < 2 or n > 10:
            continue
        closed = text[t.end:t.end + 2].startswith((")", " )"))
        if closed and a > 0 and _OPEN_PAREN.fullmatch(text[toks[a - 1].end:t.start]):
            # the expansion ends right before "(ACRONYM)": try runs ending at a-1
            for b in range(a - 1, max(-1, a - 1 - 2 * n), -1):
                run = _expansion_run(toks, text, letters, list(range(b, a)))
                if run and b in run:
                    keep |= run
                    break
        if a + 1 < len(toks) and _OPEN_PAREN.fullmatch(text[t.end:toks[a + 1].start]):
            close = text.find(")", toks[a + 1].start)
            idx = [j for j in range(a + 1, min(len(toks), a + 1 + 2 * n)) if close < 0 or toks[j].end <= close]
            run = _expansion_run(toks, text, letters, idx)
            if run and close >= 0 and text[toks[max(run)].end:close].strip() == "":
                keep |= run
    return keep


def _lower_noise(model: Model, toks: list[Token], threshold: float,
                 seen: dict[str, list[int]], titles: list[tuple[int, int]] = (),  # type: ignore[assignment]
                 keep: set[int] = frozenset()) -> list[Change]:  # type: ignore[assignment]
    """Lower the capitalised words scored as noise. The first word of a quotation
    or after ':' may start a sentence and is kept; after a dash only the surest go.

    The word's other uses in the same document shift the score: noise is random,
    so a word written lowercase elsewhere is likelier noise here, and a word
    capitalised every time it appears is likelier a name. With ``TWO_PASS``, the
    surest noise is lowered first, then the other words near a lowered one are rescored
    by the second-pass scorer next to the cleaner neighbours (a name's words stand out
    once the noise around them is gone)."""
    cands = []
    for i, t in enumerate(toks):
        if t.shape != "t" or t.initial or t.soft == "colon" or i in keep:
            continue
        if t.soft == "quote" and not _mid_quote(toks, i):
            continue
        if titles:
            k = bisect_right(titles, (t.start, 1 << 62)) - 1
            if k >= 0 and titles[k][0] <= t.start < titles[k][1]:
                continue  # inside a quoted title
        cands.append(i)
    if not cands:
        return []
    lowered: set[int] = set()
    first: dict[int, float] = {}
    sure_p = max(threshold, SURE_P) if TWO_PASS else threshold
    for i in cands:
        p = first[i] = _adjusted(model.noise_logit(toks, i), toks, i, seen, model)
        if p >= _limit(toks[i], sure_p):
            lowered.add(i)
    if not TWO_PASS:
        return _changes(toks, _rescue(toks, lowered, first))
    sure = set(lowered)
    view = [_as_lower(t) if j in sure else t for j, t in enumerate(toks)] if sure else toks
    first1 = dict(first)
    for i in cands:
        if i in sure:
            continue
        t = toks[i]
        if (not sure or first[i] >= SETTLED_HIGH or first[i] <= SETTLED_LOW
                or not any(j in sure for j in range(i - NEAR, i + NEAR + 1))):
            p = first[i]  # nothing lowered nearby (or a settled score): the first score stands
        else:  # second pass: rescored next to the cleaner neighbours
            near = (None if i - 1 in sure else first1.get(i - 1), None if i + 1 in sure else first1.get(i + 1))
            p = first[i] = _adjusted(model.noise_logit(view, i, True, near), toks, i, seen, model)
        if p >= _limit(t, threshold):
            lowered.add(i)
    if NEAR_NAME_P < threshold:  # next to a sure name, noise costs entity recognition most
        for i in cands:
            if i in lowered or first[i] < _limit(toks[i], NEAR_NAME_P):
                continue
            if any(0 <= j < len(toks) and j not in lowered and toks[j].shape in ("t", "m") and not toks[j].initial
                   and first.get(j, 1.0) <= RUN_NAME_P for j in (i - 1, i + 1)):
                lowered.add(i)
    return _changes(toks, _rescue(toks, lowered, first))


def _limit(t: Token, threshold: float) -> float:
    """The noise score ``t`` needs to be lowered: after a dash (or an opening quote,
    with ``MID_QUOTE_STRICT``) a capital may start a phrase, so only the surest go."""
    if t.soft and (MID_QUOTE_STRICT or t.soft != "quote"):
        return max(threshold, STRICT_P)
    return threshold


def _changes(toks: list[Token], lowered: set[int]) -> list[Change]:
    return [Change("casing", toks[i].start, toks[i].end, _lower(toks[i].text)) for i in sorted(lowered)]


#: Head nouns of organisations and institutions: a run of input capitals ending in one is likely a name.
ORG_HEADS = frozenset("""
committee council board group campaign federation hospital course community corp corporation inc ltd plc
association agency party union bank company university college institute service department ministry
commission authority organisation organization foundation league club court army navy office centre center
cartel cartels fund trust exchange administration bureau society alliance coalition systems airlines
open cup championship championships games series tour treaty act prix festival conference summit
services sons brothers partners associates holdings industries police prison forces guard
""".split())


#: Words that join the parts of an organisation's name after its head noun.
ORG_LINKS = frozenset(("of", "for", "and", "on", "the"))


def _org_runs(toks: list[Token], lowered: set[int], first: dict[int, float]) -> set[int]:
    """Keep the moderately scored words of a run of input capitals that ends in an
    organisation's head noun ("Federal Open Market Committee", "Brown Deer Park Golf
    Course"): the run reaches back from the head over capitals none of which is sure
    noise (score at least ``ORG_RESCUE_P``), and holds at least three words, or two
    with one of them kept."""
    def open_(k: int) -> bool:
        return toks[k].shape in ("t", "m") and (k not in lowered or first.get(k, 1.0) < ORG_RESCUE_P)

    for h, t in enumerate(toks):
        if t.key not in ORG_HEADS or not open_(h) or t.initial:
            continue
        j = h
        while j > 0 and open_(j - 1) and not toks[j - 1].initial and toks[j].start - toks[j - 1].end == 1 \
                and toks[j - 1].key not in ORG_LINKS:  # "Designated The Sinaloa Cartel": "the" ends the name
            j -= 1
        run = range(j, h + 1)
        if len(run) >= 3 or (len(run) == 2 and any(k not in lowered for k in run)):
            lowered.difference_update(k for k in run if toks[k].key not in ORG_LINKS)
        # "Department of Trade and Industry", "Alliance for Vaccines and Immunisation": after
        # the head, capitals joined by "of", "for", "and", "on", "the" belong to the name
        k, tail = h + 1, []
        while k + 1 < len(toks) and toks[k].key in ORG_LINKS and open_(k + 1) \
                and toks[k].start - toks[k - 1].end == 1 and toks[k + 1].start - toks[k].end == 1:
            k += 1
            while k < len(toks) and open_(k) and toks[k].start - toks[k - 1].end == 1:
                tail.append(k)
                k += 1
        lowered.difference_update(tail)
    return lowered


def _rescue(toks: list[Token], lowered: set[int], first: dict[int, float]) -> set[int]:
    """Keep a word lowered with moderate confidence between a sure name and a capital."""
    if ORG_RESCUE_P > 0:
        lowered = _org_runs(toks, lowered, first)
    if RUN_RESCUE_P > 0:
        for i in sorted(lowered):
            if not (0 < i < len(toks) - 1) or first.get(i, 1.0) >= RUN_RESCUE_P or toks[i].key in ORG_LINKS:
                continue  # a joining word ("of", "and") inside a name stays lowercase
            left, right = toks[i - 1], toks[i + 1]
            confident = (i - 1) not in lowered and left.shape in ("t", "m") and not left.initial and (
                first.get(i - 1, 0.0) <= RUN_NAME_P or _run_from_name(toks, lowered, first, i - 1))
            if confident and right.shape in ("t", "m") and right.start - toks[i].end == 1:
                lowered.discard(i)
    return lowered


def _run_from_name(toks: list[Token], lowered: set[int], first: dict[int, float], j: int) -> bool:
    """``toks[j]`` is kept capitalised and continues a run of kept capitals that begins
    with a confident name ("Jalisco New ..."): each word of the run scored at most
    ``RUN_CHAIN_P``, the run's first word at most ``RUN_NAME_P``."""
    while j > 0 and j not in lowered and toks[j].shape in ("t", "m") and not toks[j].initial \
            and first.get(j, 0.0) <= RUN_CHAIN_P and toks[j].start - toks[j - 1].end == 1:
        j -= 1
        if j in lowered or toks[j].shape not in ("t", "m") or toks[j].initial:
            return False
        if first.get(j, 0.0) <= RUN_NAME_P:
            return True
    return False


def _mid_quote(toks: list[Token], i: int) -> bool:
    """``toks[i]`` opens a quotation inside a phrase: right after a word, one
    space and the mark (use "grossly disproportionate" force), no comma or colon. A
    quoted sentence ("He said: "We ...") starts after punctuation and keeps its capital."""
    if i == 0:
        return False
    p = toks[i - 1]
    return p.shape in ("l", "t") and toks[i].start - p.end == 2


def _adjusted(z: float, toks: list[Token], i: int, seen: dict[str, list[int]],
              model: Model | None = None) -> float:
    """The noise probability of ``toks[i]`` from the scorer's log-odds ``z``, shifted by
    the word's (and its pairs') other uses in the document."""
    t = toks[i]
    row = seen.get(t.key)
    if row is None:
        return _p(z)
    a = DOC_LOW * row[0]
    if a and PAIR_SHIELD and model is not None and _known_pair(model, toks, i):
        a = 0.0
    b = DOC_CAP * (row[1] - (0 if t.soft else 1))
    z += (a if a < DOC_LOW_MAX else DOC_LOW_MAX) - (b if b < DOC_CAP_MAX else DOC_CAP_MAX)
    if DOC_PAIR and not t.soft:
        if i > 0 and (q := toks[i - 1]).shape == "t" and not q.initial and not q.soft and t.start - q.end == 1:
            row = seen.get("<" + q.key + " " + t.key)
            if row is not None:
                z += min(DOC_LOW_MAX, DOC_PAIR_LOW * row[0]) - min(DOC_CAP_MAX, DOC_PAIR * (row[1] - 1))
        if i + 1 < len(toks) and (q := toks[i + 1]).shape == "t" and q.start - t.end == 1:
            row = seen.get(">" + t.key + " " + q.key)
            if row is not None:
                z += min(DOC_LOW_MAX, DOC_PAIR_LOW * row[0]) - min(DOC_CAP_MAX, DOC_PAIR * (row[1] - 1))
    return _p(z)


def _known_pair(model: Model, toks: list[Token], i: int) -> bool:
    """``toks[i]`` and a capitalised neighbour form a pair that clean text capitalises far
    more often than the word alone ("Home Secretary", "Channel Tunnel")."""
    t = toks[i]
    if i > 0 and (q := toks[i - 1]).shape in ("t", "m") and not q.initial and t.start - q.end == 1:
        v = model.leftc.get(q.key + " " + t.key)
        if v is not None and v >= PAIR_SHIELD:
            return True
    if i + 1 < len(toks) and (q := toks[i + 1]).shape in ("t", "m") and q.start - t.end == 1:
        v = model.rightc.get(t.key + " " + q.key)
        if v is not None and v >= PAIR_SHIELD:
            return True
    return False


def _as_lower(t: Token) -> Token:
    return Token(t.start, t.end, _lower(t.text), t.key, t.initial, t.soft, t.alpha, "l")


def casing_changes(text: str, model: Model) -> list[Change]:
    """The casing fixes for ``text`` (offsets into ``text``)."""
    lns = lines(text)
    all_toks = [t for ln in lns for s in ln.sentences for t in s.tokens if t.alpha]
    if not all_toks:
        return []
    doc_lower = len(all_toks) >= MIN_BLIND_WORDS and not _has_upper(all_toks)
    doc_caps = len(all_toks) >= CAPS_HEADLINE_WORDS and not _has_lower(all_toks)
    changes: list[Change] = []
    pending: list[tuple[Sentence, float]] = []
    title_pending: list[tuple[Sentence, float]] = []
    doc_llr = 0.0
    for ln in lns:
        if not ln.sentences:
            continue
        if doc_caps or doc_lower:
            for s in ln.sentences:
                changes += blind_case(model, s.tokens, doc_caps)
            continue
        line_toks = [t for s in ln.sentences for t in s.tokens if t.alpha]
        if line_toks and not _has_lower(line_toks) and any(t.shape == "u" for t in line_toks):
            if len(line_toks) > CAPS_HEADLINE_WORDS:
                for s in ln.sentences:
                    changes += blind_case(model, s.tokens, True)
            continue
        headline = is_heading(ln)
        title = not headline and _title_line(ln)
        for s in ln.sentences:
            alpha = [t for t in s.tokens if t.alpha]
            if not alpha:
                continue
            if not _has_upper(alpha):
                if len(alpha) >= MIN_BLIND_WORDS and lower_llr(model, s.tokens) >= LOWER_LLR:
                    changes += blind_case(model, s.tokens, False)
                continue
            if headline:
                continue
            llr = title_llr(model, s.tokens)
            if title:
                title_pending.append((s, llr))
                continue
            doc_llr += llr
            pending.append((s, llr))
    doc_damaged = doc_llr >= DOC_LLR
    if title_pending and (doc_damaged or not pending):
        # titles and headings in damaged text are judged like it; a lone line is no title
        doc_llr += sum(llr for _, llr in title_pending)
        pending = title_pending + pending
        doc_damaged = doc_llr >= DOC_LLR
    fixing = doc_damaged or any(llr >= TITLE_LLR for _, llr in pending)
    seen = _doc_casing(lns) if fixing else {}
    titles = quoted_titles(text) if fixing and ("“" in text or '"' in text) else []
    for s, llr in pending:
        if llr >= TITLE_LLR or (doc_damaged and llr >= 0):
            changes += _lower_noise(model, s.tokens, NOISE_P, seen, titles, _kept(s.tokens, text))
        elif doc_damaged:
            changes += _lower_noise(model, s.tokens, STRICT_P, seen, titles, _kept(s.tokens, text))
    return changes


def _title_styled(toks: list[Token], minimum: int) -> bool:
    """Every word of four or more letters capitalised, and at least ``minimum`` of them."""
    long = [t for t in toks if t.alpha and len(t.text) >= 4]
    return len(long) >= minimum and all(t.shape != "l" for t in long)


def is_heading(ln: Line) -> bool:
    """A heading in headline style: short, no final punctuation, and every word of
    four or more letters capitalised. (Random noise leaves some long words lowercase,
    so a short noisy line is not mistaken for a Title Case headline.)"""
    return ln.headline_shaped and _title_styled([t for s in ln.sentences for t in s.tokens], 1)


def _title_line(ln: Line) -> bool:
    """A line in headline style though it ends in a stop: the document's first line
    ("Poll: Wealthy Voters Abandon Republican Party for Clinton.") up to ``TITLE_WORDS``
    words, or a short section heading ("An Ambitious, Divisive Legacy."). Left alone unless
    the text around it is damaged (a short noisy line can come out all capitalised by
    chance) or there is no other text."""
    toks = [t for s in ln.sentences for t in s.tokens]
    words = sum(1 for t in toks if t.alpha)
    if ln.first:
        return words <= TITLE_WORDS and _title_styled(toks, 1)
    return words <= 15 and _title_styled(toks, 2)


_QUOTED = re.compile(r"(?:^|(?<=[\s(]))[“\"]([^“”\"\n]{1,100}?)[”\"]")


def quoted_titles(text: str) -> list[tuple[int, int]]:
    """Spans of short quotations in headline style (a title of a work: “The Decaying
    Mansion”), whose Title Case is kept even in a noisy sentence."""
    out = []
    for m in _QUOTED.finditer(text):
        toks = [t for s in tokenize_line(m.group(1), m.start(1), 0).sentences for t in s.tokens]
        if 2 <= sum(t.alpha for t in toks) <= 8 and _title_styled(toks, 1) and toks[0].shape != "l":
            out.append((m.start(1), m.end(1)))
    return out
