"""The publication date read from the head of an article."""

from __future__ import annotations

import pytest

from byline.timex.published import find_published, published_from_text


@pytest.mark.parametrize("text, want", [
    ("Published May 3, 2025\nThe president said...", "2025-05-03"),
    ("By Jane Doe\nUpdated: 2025-05-04 10:00\nPublished: 2025-05-03\nText", "2025-05-03"),
    ("WASHINGTON, May 3, 2025 — The president said", "2025-05-03"),
    ("A title\nSaturday, 3 May 2025\n\nThe body.", "2025-05-03"),
    ("Posted on 05/03/2025 by staff\nText", "2025-05-03"),
])
def test_stated_dates(text: str, want: str) -> None:
    assert published_from_text(text) == want


@pytest.mark.parametrize("text", [
    "A title\nThe minister said on May 2 that talks would resume.",
    "On March 3, 2020, the council approved the budget.",
    "WASHINGTON (Reuters) - On March 3, 2020 the talks began.",
    "A title\n\nIn a long first paragraph that mentions that on March 3, 2020 something happened.",
    "",
    "\x00\x00",
])
def test_no_date_is_invented(text: str) -> None:
    assert published_from_text(text) is None


def test_the_line_is_located() -> None:
    text = "By Jane Doe\nPublished: 3 May 2025\nText"
    value, start, end = find_published(text)  # type: ignore[misc]
    assert value == "2025-05-03" and text[start:end] == "Published: 3 May 2025"
