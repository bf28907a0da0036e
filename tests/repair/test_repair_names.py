"""Names made of common words, quotations opened mid-phrase and the second-pass scorer."""

from __future__ import annotations

import math

from byline.repair import repair
from byline.repair.casing import _adjusted, _doc_casing
from byline.repair.model import SECOND_FEATURES, TITLE_FEATURES, load
from byline.repair.tokens import lines


def test_quotation_opened_mid_phrase_is_judged_but_quoted_sentence_keeps_capital() -> None:
    noisy = ('The Minister Said Police Could Use "Grossly disproportionate force" Against Burglars, And The Party '
             'Would Back Them. He Told Reporters: "We will not back down."')
    out = repair(noisy).text
    assert 'could use "grossly disproportionate force" against burglars' in out
    assert 'He told reporters: "We will not back down."' in out


def test_name_of_common_words_kept_in_noisy_sentences() -> None:
    noisy = ("Officials Said The Serious Fraud Office Would Review The Case. The Serious Fraud Office Has Not Said "
             "When It Will Report, But Ministers Expect The Report Next Year.")
    out = repair(noisy).text
    assert out.count("the Serious Fraud Office") == 1 and out.count("The Serious Fraud Office") == 1
    assert "would review the case" in out and "but ministers expect the report next year." in out


def _p_for(text: str, word: str, with_model: bool = False) -> float:
    """The document-adjusted noise probability of ``word`` (its last use) for a neutral score."""
    lns = lines(text)
    seen = _doc_casing(lns)
    for ln in reversed(lns):
        for s in reversed(ln.sentences):
            for i in range(len(s.tokens) - 1, -1, -1):
                if s.tokens[i].text == word:
                    return _adjusted(0.0, s.tokens, i, seen, load() if with_model else None)
    raise AssertionError(word)


def test_lowercase_uses_elsewhere_do_not_count_against_a_known_name_pair() -> None:
    # "home" is written lowercase elsewhere, which is evidence that a capitalised "Home" is
    # noise, but not in "Home Secretary", a pair clean text capitalises far more than "home"
    doc = "He went home early. Later he was at home again. {} Charles Clarke spoke.\n"
    assert _p_for(doc.format("The Home Secretary"), "Home", True) == 0.5
    assert _p_for(doc.format("The Home Office"), "Home", True) == 0.5
    assert _p_for(doc.format("The Home Plan"), "Home", True) > 0.5


def test_pair_capitalised_together_elsewhere_is_evidence_of_a_name() -> None:
    alone = "Yesterday the Harbour Board met.\n"
    together = "Yesterday the Harbour Board met. Later the Harbour Board spoke. Then the Harbour Board voted.\n"
    lowered = "Yesterday the Harbour Board met. Later the board spoke. Then the board voted.\n"
    p_alone, p_together, p_lowered = _p_for(alone, "Board"), _p_for(together, "Board"), _p_for(lowered, "Board")
    assert p_alone == 0.5
    assert p_together < p_alone < p_lowered


def test_second_pass_scorer_ships_with_the_model() -> None:
    m = load()
    assert len(m.title_w) == len(TITLE_FEATURES)
    assert len(m.title2_w) == len(SECOND_FEATURES) == len(TITLE_FEATURES) + 4
    assert all(math.isfinite(w) for w in m.title2_w) and m.title2_w[: len(m.title_w)] != m.title_w


def test_second_pass_trusts_a_word_next_to_a_kept_confident_name_more() -> None:
    # the same word in the same view, once next to a capital the first pass was sure is a
    # name, once next to one it nearly called noise: the name makes it less likely noise
    m = load()
    toks = [t for ln in lines("the Harbour Board met") for s in ln.sentences for t in s.tokens]
    i = 2
    assert m.p_noise(toks, i, True, (0.02, None)) < m.p_noise(toks, i, True, (0.8, None))


def test_a_run_of_capitals_that_begins_with_a_sure_name_keeps_its_middle_word() -> None:
    # "Durango" is a name the model is sure of; "Great" is kept after it, and "Family" sits
    # between "Great" and another input capital: the run is one name.
    out = repair("Police Say The Durango Great Family Gangs Control Much Of The Trade Along The Coast.").text
    assert "the Durango Great Family" in out
    assert "much of the trade along the coast." in out


def test_a_run_of_capitals_ending_in_an_organisations_head_keeps_its_words() -> None:
    out = repair("Traders Said The Federal Open Market Committee Would Meet On September 24.").text
    assert "the Federal Open Market Committee would meet on September 24." in out


def test_capitals_joined_to_an_organisations_head_by_of_and_keep_theirs() -> None:
    out = repair("About 400 Jobs Will Go At The Department Of Trade And Industry, Officials Said On Monday.").text
    assert "the Department of Trade" in out and "Industry, officials said on Monday." in out


def test_a_dated_lines_text_starts_after_the_dash() -> None:
    out = repair("1714 - The Treaty Of Baden Was Signed Between France And The Empire.").text
    assert out.startswith("1714 - The Treaty of Baden was signed")


def test_a_capital_letter_glued_to_a_sign_or_quoted_alone_is_not_noise() -> None:
    out = repair("Fosters Raised Its Offer To A$8.4bn, While Pupils Sat Their A-levels And Detainee 'A' Spoke.").text
    assert "A$8.4bn" in out and "A-levels" in out and "'A'" in out
    assert "raised its offer to" in out


def test_a_lone_capital_is_an_initial_only_before_a_period_and_a_name() -> None:
    out = repair("Analysts Said A. Dale Would Call It A \"Clear Choice\" After Two-And-A-Half Years Of Talks.").text
    assert "A. Dale" in out  # a name's initial
    assert 'call it a "' in out  # an article before a quotation, not an initial
    assert "two-and-a-half years of talks" in out.lower() and "-A-" not in out


def test_capitalised_words_joined_by_an_ampersand_are_a_name() -> None:
    out = repair("He Also Has Substantial Stakes In Fairmont Hotels & Resorts, Which Will Manage The Hotel.").text
    assert "Fairmont Hotels & Resorts, which will manage the hotel." in out
    # a lone ampersand word is judged as usual
    assert "he also has substantial stakes in" in out.lower() and "Substantial" not in out


def test_a_numbered_items_first_word_may_keep_its_capital() -> None:
    out = repair("He Cited Two Facts Of This Threat: 1) The Terrorists Want Weapons.\n2) The Rest Can Wait.").text
    assert "2) The rest can wait." in out


def test_headings_are_no_evidence_of_names_elsewhere_in_the_document() -> None:
    body = "Officials Said A Constitutional Reform Would Follow.\n"
    seen_with = _doc_casing(lines("Constitutional Reform\n" + body))
    seen_without = _doc_casing(lines(body))
    assert seen_with == seen_without
    # the same words in a sentence do count
    assert _doc_casing(lines("They Want Constitutional Reform Now.\n" + body)) != seen_without
