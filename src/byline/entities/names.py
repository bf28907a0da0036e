"""Name strings: the folded key two spellings of one name share, acronyms, and tidy casing."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from byline.entities.lexicon import COUNTRY_VARIANTS, MINOR_WORDS, QUOTE_CHARS

_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_STRIP = QUOTE_CHARS + " \t\n.,;:!?"


@lru_cache(maxsize=4096)
def norm(text: str) -> str:
    """Folded key of a name: case, quote marks, dots, a leading "the" and a possessive removed.

    "The U.S." -> "us"; "Sheinbaum’s" -> "sheinbaum"; "CENTERS For Disease" -> "centers for disease".
    """
    s = unicodedata.normalize("NFKC", text).translate(_APOS).strip(_STRIP)
    s = re.sub(r"'s?$", "", s)
    s = s.lower().replace(".", "")
    s = re.sub(r"\s+", " ", s).strip(_STRIP)
    if s.startswith("the "):
        s = s[4:]
    return s


def words(text: str) -> list[str]:
    return norm(text).split()


def country(text: str) -> str | None:
    """Canonical country name for a common variant ("U.S." -> "United States"), else None."""
    return COUNTRY_VARIANTS.get(norm(text))


def is_acronym(text: str) -> bool:
    """"NSC", "CDC", "U.N." (2 to 7 capitals, dots allowed)."""
    letters = text.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 7 and letters.isalpha() and letters.isupper()


def acronym_of(acr: str, name: str) -> bool:
    """Does ``acr`` abbreviate ``name``? The letters must start with the first content word's
    initial and follow the words' initials in order ("CDC" ~ "Centers for Disease Control
    and Prevention", "NSC" ~ "U.S. National Security Council")."""
    letters = acr.replace(".", "").replace("&", "").lower()
    ws = [w for w in re.split(r"[\s\-]+", norm(name)) if w]
    if len(ws) < 2:
        return False
    content = [w for w in ws if w not in MINOR_WORDS]
    # a leading country ("U.S.", "UK") may or may not be in the acronym
    options = [content]
    if content and content[0] in COUNTRY_VARIANTS:
        options.append(content[1:])
    for ws_ in options:
        initials = "".join(w[0] for w in ws_ if w)
        if not initials or initials[0] != letters[0]:
            continue
        if _subsequence(letters, initials) and len(letters) >= min(len(initials), 2) and (
            len(letters) >= len(initials) - 1
        ):
            return True
    return False


def _subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(c in it for c in small)


def tidy(name: str) -> str:
    """Casing of a canonical name: minor words inside it in lower case ("Centers For Disease
    Control And Prevention" -> "Centers for Disease Control and Prevention")."""
    parts = name.split(" ")
    out = []
    for i, p in enumerate(parts):
        if i > 0 and p.lower() in MINOR_WORDS and p[:1].isupper() and not p.isupper():
            out.append(p.lower())
        else:
            out.append(p)
    s = " ".join(out)
    return s.strip(QUOTE_CHARS + " ")
