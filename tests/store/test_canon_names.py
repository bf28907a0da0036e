"""Folding written forms of names into one canonical name across articles."""

from __future__ import annotations

import itertools

import pytest

from byline.store.canon import Canon, name_key, typed_key


@pytest.mark.parametrize(("name", "key"), [
    ("Claudia Sheinbaum", "claudia sheinbaum"),
    ("CLAUDIA  SHEINBAUM", "claudia sheinbaum"),
    ("President Claudia Sheinbaum's", "claudia sheinbaum"),
    ("Mr. López Obrador", "lopez obrador"),
    ("Donald J. Trump", "donald trump"),
    ("Prime Minister", "minister"),  # never folded to nothing
    ("British Prime Minister Tony Blair", "tony blair"),
    ("UK finance minister Gordon Brown", "gordon brown"),
    ("uk finance minister gordon brown", "gordon brown"),
    ("donald trump", "donald trump"),
    ("Mr Blair", "blair"),
    ("Mrs Blair", "ms blair"),
    ("Ms. Blair", "ms blair"),
    ("Prince Charles", "prince charles"),
    ("Ludwig van Beethoven", "ludwig van beethoven"),
    ("", ""),
    ("...", ""),
])
def test_name_key(name: str, key: str) -> None:
    assert name_key(name) == key


def test_other_names_keep_their_words() -> None:
    assert name_key("General Motors", person=False) == "general motors"
    assert name_key("The White House", person=False) == "white house"
    assert typed_key("Jordan", True) != typed_key("Jordan", False)


def _feed(canon: Canon, entities: list[tuple[str, list[str], bool]]) -> None:
    for name, aliases, person in entities:
        canon.link(aliases, primary=name, person=person)


ENTITIES = [
    ("Claudia Sheinbaum", ["Sheinbaum"], True),
    ("CLAUDIA SHEINBAUM", [], True),
    ("Sheinbaum", [], True),
    ("Michael Jordan", ["Jordan"], True),
    ("Jordan", [], False),
    ("Andrés Manuel López Obrador", ["López Obrador", "AMLO"], True),
    ("Lopez Obrador", [], True),
]


def test_merges_case_surname_and_aliases() -> None:
    c = Canon()
    _feed(c, ENTITIES)
    assert c.canonical("SHEINBAUM") == "Claudia Sheinbaum"
    assert c.canonical("sheinbaum") == "Claudia Sheinbaum"
    assert c.canonical("Lopez Obrador") == "Andrés Manuel López Obrador"
    assert c.canonical("Jordan") == "Michael Jordan"
    assert c.canonical("Jordan", person=False) == "Jordan"  # the country stays itself
    assert c.canonical("Somebody Else") is None


def test_bare_surname_goes_to_a_clearly_dominant_full_name() -> None:
    c = Canon()
    for _ in range(8):
        c.link(["Blair"], primary="Prime Minister Tony Blair")
    c.link([], primary="Cherie Blair")
    c.add("Mr Blair")
    c.add("Mrs Blair")
    assert c.canonical("Mr Blair") == "Tony Blair"
    assert c.canonical("Mrs Blair") == "Mrs Blair"
    assert c.canonical("Cherie Blair") == "Cherie Blair"
    even = Canon()
    even.link([], primary="Donald Trump")
    even.link([], primary="Melania Trump")
    even.add("Trump")
    assert even.canonical("Trump") == "Trump"


def test_result_does_not_depend_on_order() -> None:
    results = set()
    for perm in itertools.islice(itertools.permutations(ENTITIES), 0, None, 97):
        c = Canon()
        _feed(c, list(perm))
        results.add(tuple(c.items()))
    assert len(results) == 1


def test_one_wrong_alias_does_not_merge_two_organisations() -> None:
    c = Canon()
    c.link(["US", "United Parcel Services"], primary="United States", person=False)
    c.link([], primary="United States", person=False)
    c.link(["UPS"], primary="United Parcel Services", person=False)
    assert c.canonical("United States", person=False) == "United States"
    assert c.canonical("United Parcel Services", person=False) == "United Parcel Services"
