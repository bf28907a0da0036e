"""First-name gender: the training votes on hand-written text, and the table loader."""

from __future__ import annotations

from byline import nlp
from byline.entities import gender
from byline.entities.train import votes_of


def test_votes_need_exactly_one_person_nearby():
    doc = nlp.load()("Jane Doe spoke on Monday. She said the plan was good. Bob Roe met Jane Doe later, and he left.")
    votes = votes_of(doc)
    assert ("Jane", "female") in votes
    assert all(name != "Bob" for name, _ in votes)  # two people in the window: no vote


def test_unknown_or_empty_names_tell_nothing():
    assert gender.of_first_name("") is None
    assert gender.of_first_name("Zzyzxqw") is None
