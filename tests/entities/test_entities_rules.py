"""Entities on small hand-written texts: merging, roles, acronyms, countries, coreference, resolver."""

from __future__ import annotations

import pytest

from byline import nlp
from byline.entities import analyze
from byline.entities.names import acronym_of, norm, tidy


def ents(text: str):
    a = analyze(nlp.load()(text))
    return a, a.to_entities()


def by_name(entities, name):
    hits = [e for e in entities if e.name == name]
    assert len(hits) == 1, [(e.name, e.aliases) for e in entities]
    return hits[0]


def test_norm_and_acronyms():
    assert norm("The U.S.") == "us"
    assert norm("Sheinbaum’s") == "sheinbaum"
    assert acronym_of("CDC", "Centers for Disease Control and Prevention")
    assert acronym_of("NSC", "U.S. National Security Council")
    assert not acronym_of("FBI", "National Security Council")
    assert tidy("Centers For Disease Control And Prevention") == "Centers for Disease Control and Prevention"


def test_person_variants_merge_with_title_as_role():
    text = ("Mexican President Claudia Sheinbaum spoke on Tuesday. Sheinbaum said the plan was final. "
            "Critics of Sheinbaum's plan were not convinced.")
    _, es = ents(text)
    e = by_name(es, "Claudia Sheinbaum")
    assert e.type == "PERSON"
    assert "Sheinbaum" in e.aliases
    assert "Mexican President Claudia Sheinbaum" in e.aliases
    assert e.roles == ["Mexican President"]
    assert sum(1 for m in e.mentions if m.kind == "name") == 3
    assert not [x for x in es if x.name == "Sheinbaum"]


def test_surname_before_full_name_is_merged():
    text = "Merkel wins again.\nGerman Chancellor Angela Merkel won a fourth term on Sunday, and Merkel thanked voters."
    _, es = ents(text)
    e = by_name(es, "Angela Merkel")
    assert e.mentions[0].span.start == 0


def test_an_honorific_keeps_a_surname_with_the_person_of_that_gender():
    text = ("Former President Bill Clinton spoke in Ohio on Monday. Hillary Clinton spoke in Iowa. "
            "Mrs. Clinton said she wanted more jobs. Mr. Clinton said he agreed.")
    _, es = ents(text)
    bill, hillary = by_name(es, "Bill Clinton"), by_name(es, "Hillary Clinton")
    assert [m.text for m in hillary.mentions if m.kind == "pronoun"] == ["she"]
    assert [m.text for m in bill.mentions if m.kind == "pronoun"] == ["he"]
    assert sum(1 for m in hillary.mentions if m.text == "Clinton") == 1
    assert sum(1 for m in bill.mentions if m.text == "Clinton") == 1


def test_a_subject_pronoun_is_not_a_name_in_its_own_clause():
    def pronouns(text: str, name: str) -> list[str]:
        _, es = ents(text)
        return [m.text for e in es if e.name == name for m in e.mentions if m.kind == "pronoun"]

    # the name is in the words the pronoun's speaker says, or the object of a fronted clause
    assert pronouns("Donald Trump spoke on Monday. Trump is wrong about trade, he said.", "Donald Trump") == []
    assert pronouns("Mr. Obama spoke on Monday. Campaigning against Mitt Romney in 2012, he barely "
                    "mentioned climate change.", "Mitt Romney") == []
    # the subject of a fronted clause may be the pronoun's referent
    assert pronouns("When Barack Obama arrived, he said the talks went well.", "Barack Obama") == ["he"]


def test_a_later_subject_pronoun_prefers_the_subject_over_a_name_in_a_prepositional_phrase():
    _, es = ents("Barack Obama spoke after meeting with Russian President Vladimir Putin. "
                 "He did not suggest retaliation.")
    assert [m.text for m in by_name(es, "Barack Obama").mentions if m.kind == "pronoun"] == ["He"]
    assert not [m for m in by_name(es, "Vladimir Putin").mentions if m.kind == "pronoun"]


def test_a_pronoun_inside_a_quotation_is_not_the_one_quoting():
    text = ("Hillary Clinton had a clot in 1998, her former doctor Connie Mariano says.\n\n"
            "\u201cShe did have a pain in her calf,\u201d Mariano wrote. "
            "\u201cI also notified the Secret Service that she was on medication.\u201d\n\n"
            "Reporter Jane Doe writes: \u201cThe first time she had seen it, she was alone.\u201d")
    _, es = ents(text)
    mariano = by_name(es, "Connie Mariano")
    assert not [m for m in mariano.mentions if m.kind == "pronoun"], mariano.mentions
    hillary = by_name(es, "Hillary Clinton")
    assert [m.text for m in hillary.mentions if m.kind == "pronoun"][:4] == ["her", "She", "her", "she"]
    assert not [m for e in es if e.name == "Jane Doe" for m in e.mentions if m.kind == "pronoun"]


def test_acronym_after_and_before_its_expansion():
    text = ("Officials at the Centers for Disease Control and Prevention (CDC) warned of a new strain. "
            "The CDC said cases were rising.")
    _, es = ents(text)
    e = by_name(es, "Centers for Disease Control and Prevention")
    assert "CDC" in e.aliases and e.type == "ORG"
    text2 = ("The WHO said on Monday it was worried. The World Health Organization (WHO) has 194 members. "
             "Later the WHO added a warning.")
    _, es2 = ents(text2)
    e2 = by_name(es2, "World Health Organization")
    assert "WHO" in e2.aliases
    assert len(e2.mentions) >= 3


def test_country_variants_are_one_entity():
    text = ("The U.S. imposed tariffs on steel. Officials in the United States said America would not back "
            "down, and US exports fell.")
    _, es = ents(text)
    us = [e for e in es if e.type == "GPE"]
    assert len(us) == 1 and us[0].name == "United States"
    assert len([m for m in us[0].mentions if m.kind == "name"]) >= 3


def test_country_prefixed_organisation_keeps_short_alias():
    text = "The U.S. National Security Council (NSC) did not comment. The NSC later issued a statement."
    _, es = ents(text)
    e = by_name(es, "U.S. National Security Council")
    assert {"NSC", "National Security Council"} <= set(e.aliases)


def test_coordinated_organisations_are_split():
    text = "The Sinaloa and Jalisco New Generation Cartels control much of the drug trade."
    _, es = ents(text)
    names = {e.name for e in es}
    assert {"Sinaloa Cartel", "Jalisco New Generation Cartel"} <= names


def test_pronoun_resolves_to_the_only_compatible_person():
    text = "Angela Merkel arrived in Paris on Monday. She said the talks had gone well."
    a, es = ents(text)
    e = by_name(es, "Angela Merkel")
    she = text.index("She")
    assert a.resolver(she, she + 3) == e.id
    assert any(m.kind == "pronoun" and m.text == "She" for m in e.mentions)


def test_gender_from_title_picks_the_right_person():
    text = "Congresswoman Ann Lee met Senator Bob Ray in Washington. She said the bill would pass."
    a, es = ents(text)
    she = text.index("She")
    lee = by_name(es, "Ann Lee")
    assert a.resolver(she, she + 3) == lee.id


def test_ambiguous_pronoun_is_left_unresolved():
    text = "Chris Smith met Alex Jones in Ottawa. Later he called."
    a, _ = ents(text)
    he = text.index("he called")
    assert a.resolver(he, he + 2) is None


def test_description_by_role_and_ambiguity():
    text = ("Mexican President Claudia Sheinbaum rejected the plan. The Mexican leader said sovereignty was "
            "not for sale.")
    a, es = ents(text)
    start = text.index("The Mexican leader")
    e = by_name(es, "Claudia Sheinbaum")
    assert a.resolver(start, start + len("The Mexican leader")) == e.id
    two = ("French President Emmanuel Macron met Brazilian President Luiz Lula in Rome. "
           "The president said the meeting was useful.")
    a2, _ = ents(two)
    p = two.index("The president")
    assert a2.resolver(p, p + len("The president")) is None


def test_spokesperson_speaks_for_the_organisation():
    text = ("A spokesperson for the U.S. Department of Transportation said the rule would change. "
            "The Federal Aviation Administration declined to comment, but a spokesman said it was studying the "
            "rule.")
    a, es = ents(text)
    dot = by_name(es, "U.S. Department of Transportation")
    q = "A spokesperson for the U.S. Department of Transportation"
    assert a.resolver(0, len(q)) == dot.id
    faa = by_name(es, "Federal Aviation Administration")
    s = text.index("a spokesman")
    assert a.resolver(s, s + len("a spokesman")) == faa.id


def test_resolver_spans_names_possessives_and_junk():
    text = "Former U.S. President Donald Trump spoke. Trump's plan was new."
    a, es = ents(text)
    trump = by_name(es, "Donald Trump")
    us = by_name(es, "United States")
    r = a.resolver
    assert r(0, len("Former U.S. President Donald Trump")) == trump.id
    p = text.index("Trump's")
    assert r(p, p + len("Trump's")) == trump.id
    u = text.index("U.S.")
    assert r(u, u + 4) == us.id
    assert r(0, 0) is None
    assert r(-5, 3) is None
    assert r(10, 10_000) is None
    assert r(text.index("plan"), text.index("plan") + 4) is None


@pytest.mark.parametrize("text", ["", "   \n\n", "\x00\x01 binary \ufffd\ufffd", "“Unbalanced ‘quotes” 'here",
                                  "🙂" * 50, "a" * 5000])
def test_degenerate_input_gives_a_clean_result(text):
    a, es = ents(text)
    for e in es:
        assert e.mentions
    assert a.resolver(0, len(text)) in {None, *(e.id for e in es)}


def test_ids_follow_first_mention():
    text = "Boris Johnson met Emmanuel Macron in Paris. Macron thanked Johnson."
    _, es = ents(text)
    firsts = [e.salience.first for e in es]
    assert firsts == sorted(firsts)
    assert [e.id for e in es] == [f"e{i + 1}" for i in range(len(es))]
    assert abs(sum(e.salience.share for e in es) - 1) < 0.01


def test_organisation_descriptions_and_pronouns():
    text = ("The Environmental Protection Agency issued a new rule on Monday. The agency said the rule would cut "
            "emissions.")
    a, es = ents(text)
    epa = by_name(es, "Environmental Protection Agency")
    s = text.index("The agency")
    assert a.resolver(s, s + len("The agency")) == epa.id


def test_abbreviated_title_matches_description():
    text = "Sen. Elizabeth Warren criticized the bank on Monday. Later the senator said she would act."
    a, es = ents(text)
    w = by_name(es, "Elizabeth Warren")
    s = text.index("the senator")
    assert a.resolver(s, s + len("the senator")) == w.id


def test_heading_name_joins_the_body_name():
    text = ("National Security Council Response\n"
            "The National Security Council did not comment on the report on Monday, officials said.")
    _, es = ents(text)
    e = by_name(es, "National Security Council")
    assert len([m for m in e.mentions if m.kind == "name"]) == 2
    assert not [x for x in es if "Response" in x.name]


def test_names_inside_a_quotation_are_not_the_narrators_he():
    text = 'Barack Obama spoke on Monday. "If Donald Trump is elected, the agency will change," he said.'
    a, es = ents(text)
    he = text.index("he said")
    assert a.resolver(he, he + 2) == by_name(es, "Barack Obama").id
