"""Acronym expansions keep their capitals inside Title-Case-damaged sentences."""

from byline.repair import repair
from byline.repair.casing import acronym_expansions
from byline.repair.tokens import sentences_of


def _kept(text: str) -> list[str]:
    toks = sentences_of(text)[0]
    return [toks[i].text for i in sorted(acronym_expansions(toks, text))]


def test_expansion_before_acronym_keeps_capitals_function_words_lowered() -> None:
    noisy = ("A Spokesman For The Occupational Safety And Health Administration (OSHA) Said The Review "
             "Would Take Some Months.")
    out = repair(noisy).text
    assert "Occupational Safety and Health Administration (OSHA)" in out
    assert out.startswith("A spokesman for the ")
    assert "said the review would take some months." in out


def test_expansion_with_skipped_of() -> None:
    noisy = "Workers At The Bureau Of Labor Statistics (BLS) Said The Numbers Would Be Released Next Week As Planned."
    out = repair(noisy).text
    assert "the Bureau of Labor Statistics (BLS) said the numbers" in out


def test_expansion_after_acronym_is_found() -> None:
    text = "The Watchdog, IAEA (International Atomic Energy Agency), Said Its Inspectors Would Return."
    assert _kept(text) == ["International", "Atomic", "Energy", "Agency"]


def test_non_matching_words_are_not_protected() -> None:
    assert _kept("The Report Said The Plan (ABC) Would Cost More.") == []
    assert _kept("They Met At The Old Town Hall (OTH) Yesterday.") == ["Old", "Town", "Hall"]
    # the run must be contiguous with the parenthesis and initials must match in order
    assert _kept("Health Safety Office, Then (OSH) Later.") == []
    noisy = "The Report Said The Plan (ABC) Would Cost More Money Than Anyone Had Expected In The Budget Talks."
    assert "the plan (ABC) would cost" in repair(noisy).text


def test_tokenized_text_with_spaced_parentheses() -> None:
    text = "The Talks At The World Boxing Council ( WBC ) Ended."
    assert _kept(text) == ["World", "Boxing", "Council"]
    text = "The FOMC ( Federal Open Market Committee ) Has Been Firm."
    assert _kept(text) == ["Federal", "Open", "Market", "Committee"]


def test_name_run_keeps_inner_word_between_sure_name_and_capital() -> None:
    noisy = ("Police Said The Gunmen Belonged To The Sonora Bay Trading Company And Had Fled Across The River "
             "Before Dawn.")
    out = repair(noisy).text
    assert "the Sonora Bay Trading" in out  # "Trading" sits between a sure name word and a capital
    assert out.startswith("Police said the gunmen belonged to the ")
    assert "and had fled across" in out
