"""Quote and punctuation repair: real quotations kept, noise quotes dropped."""

from __future__ import annotations

from byline.repair import repair


def test_closer_glued_to_next_sentence_is_turned_and_spaced() -> None:
    text = "She said: “And you know what I told him? No, President Trump.“This exchange matters."
    r = repair(text)
    assert "No, President Trump.” This exchange" in r.text
    assert r.counts().get("quote") == 1 and r.counts().get("punctuation") == 1


def test_noise_quotes_around_names_are_dropped() -> None:
    text = "Officials met “Sheinbaum“, However, shifted the focus to the “U.S.” and “Mexico’s” plans."
    r = repair(text)
    assert "Sheinbaum," in r.text and "the U.S. and Mexico’s plans" in r.text
    assert not any(q in r.text for q in "“”")
    assert all(c.kind == "quote" for c in r.changes if c.replacement == "")


def test_misplaced_closer_inside_abbreviation_compound() -> None:
    r = repair("Debates on “U.S”.-Mexico” relations grew, said “Trump” aides.")
    assert "Debates on U.S.-Mexico relations grew" in r.text


def test_quoted_heading_label_loses_its_marks() -> None:
    text = "Studies differ.\n“Fentanyl Crisis”: According to the CDC, deaths rose.\n- “Cartel Power”: Cartels grew."
    r = repair(text)
    assert "\nFentanyl Crisis: According" in r.text
    assert "- Cartel Power: Cartels" in r.text


def test_real_quotations_keep_their_marks_and_text() -> None:
    text = ('The NSC wants to maintain “the most secure southwest border in history.” '
            'Sheinbaum said Mexican sovereignty is “sacrosanct.” He called it “Sovereignty Is Not for Sale”.')
    r = repair(text)
    assert "“the most secure southwest border in history.”" in r.text
    assert "“sacrosanct.”" in r.text
    assert r.text.count("“") == 3 and r.text.count("”") == 3


def test_clean_scare_quote_around_one_name_is_kept() -> None:
    text = "The group calls itself “Hope” and says it will grow."
    assert repair(text).text == text


def test_wrong_way_marks_of_a_real_quote_are_fixed() -> None:
    r = repair("He said ”we will fight“ and left.")
    assert r.text == "He said “we will fight” and left."


def test_unbalanced_quotes_degrade_cleanly() -> None:
    for text in ["“", "”", "“a", "a”", "\"\"\"", "“ ” “", "x“y”z“", "“\n”", "”Hello“ “World"]:
        r = repair(text)
        assert isinstance(r.text, str)
        assert r.to_original(0, len(r.text))[1] <= len(text)


def test_straight_quotes_are_not_curled() -> None:
    text = '"We will not accept it," the minister said.'
    assert repair(text).text == text


def test_mojibake_is_fixed_as_its_own_kind() -> None:
    r = repair("Trumpâ€™s proposal was rejected by the government on Friday.")
    assert r.text == "Trump’s proposal was rejected by the government on Friday."
    assert set(r.counts()) == {"mojibake"}
    s, e = r.to_repaired(0, 5)
    assert r.text[s:e] == "Trump"
