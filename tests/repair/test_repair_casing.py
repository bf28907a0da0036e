"""Casing repair: detection first, then truecasing of damaged sentences only."""

from __future__ import annotations

from byline.repair import repair
from byline.repair.model import MODEL_PATH, load


def test_model_ships_small_and_loads() -> None:
    assert MODEL_PATH.exists()
    assert MODEL_PATH.stat().st_size <= 25_000_000
    m = load()
    assert "the" in m.uni and m.uni["the"] < 0 and m.uni["london"] > 0


def test_clean_text_passes_through_untouched() -> None:
    text = ("The U.S. National Security Council said on Friday that the White House would review the plan. "
            "NATO allies, including Germany and the UK, met in New York.\n"
            "April Phone Call: Firearms, Trade, and Immigration\n"
            "Shares in Time Warner rose 2% after the SEC closed its inquiry.")
    r = repair(text)
    assert r.text == text
    assert r.changes == []


def test_random_title_case_is_lowered_and_names_kept() -> None:
    text = ("This is not the First time Trump has Floated The Idea of Military Action in Mexico. "
            "Earlier This Year, The U.S. Designated The Sinaloa Cartel And Other Major Groups as Terrorist "
            "Organizations, And Analysts Say it could Legally Pave the Way for Military Interventions Abroad.")
    r = repair(text)
    assert "This is not the first time Trump has floated the idea of military action in Mexico." in r.text
    assert "Earlier this year, the U.S. designated the Sinaloa" in r.text
    assert " and analysts say " in r.text
    assert all(c.kind == "casing" and len(c.replacement) == c.end - c.start for c in r.changes)


def test_headline_style_stays_title_case() -> None:
    text = ("Why This Matters: International Security Implications\n"
            "The Minister Said The Plan Was A Failure And The Party Would Vote Against The Bill On Tuesday.")
    r = repair(text)
    assert r.text.startswith("Why This Matters: International Security Implications\n")
    assert "The minister said the plan was a failure and the party would vote against the" in r.text


def test_a_clean_articles_title_with_a_final_stop_stays_title_case() -> None:
    text = ("Poll: Wealthy Voters Abandon Republican Party for Clinton.\n\n"
            "Wealthy voters are leaving the party, a new poll shows. The survey was taken last week in Ohio.\n")
    assert repair(text).text == text


def test_a_clean_articles_section_heading_with_a_final_stop_stays_title_case() -> None:
    text = ("Obama leaves a mixed record on climate.\n\nHe was seen as a leader on the issue for years.\n\n"
            "An Ambitious, Divisive Legacy.\n\nTo his successor he leaves an agreement signed in Paris last year.\n")
    assert repair(text).text == text


def test_a_title_cased_first_line_is_repaired_when_the_text_under_it_is_damaged() -> None:
    # noise can capitalise every word of a short first line; the damaged text under it
    # says the line is noisy too, not a title in headline style
    text = ("Polish Foreign Minister To Visit Yugoslavia.\n"
            "The Minister Will Meet The President Of The Country On Monday To Discuss The Trade Talks, Officials "
            "Said.\nHe Is Expected To Stay For Two Days And Travel To The Coast With The Delegation.\n")
    assert repair(text).text.startswith("Polish Foreign Minister to visit Yugoslavia.\n")


def test_lowercased_passage_gets_sentence_case_and_names() -> None:
    text = "shares in london fell on monday after the bank of england said inflation would rise."
    r = repair(text)
    assert r.text.startswith("Shares in London fell on Monday")
    assert "Bank of England" in r.text


def test_all_caps_passage_is_truecased_but_caps_headline_kept() -> None:
    head = "MARKETS FALL AS RATES RISE"
    body = ("THE BANK OF ENGLAND SAID ON THURSDAY THAT IT WOULD RAISE INTEREST RATES AGAIN, "
            "AND SHARES IN LONDON FELL SHARPLY AS INVESTORS SOLD BANKS AND RETAILERS.")
    r = repair(head + "\nBy a staff reporter in London.\n" + body)
    assert r.text.startswith(head + "\n")
    assert "The Bank of England said on Thursday" in r.text


def test_odd_input_degrades_cleanly() -> None:
    for text in ["", " ", "\n\n", "\x00\x01binary\xff", "a" * 10_000, "İSTANBUL İS BIG", "\ud800 lone surrogate",
                 "ǅemal ﬁne ｆｕｌｌ", "🙂 " * 50]:
        r = repair(text)
        assert len(r.text) >= 0
        assert r.to_repaired(0, len(text))[1] <= len(r.text)
