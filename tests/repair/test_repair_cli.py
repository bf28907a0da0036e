"""``byline repair PATH|-`` prints the repaired text; ``--diff`` lists the changes."""

from __future__ import annotations

from typer.testing import CliRunner

from byline.cli import app

DAMAGED = ("Tensions Reportedly Spiked During an April 16 Phone Call Where “Trump” Again Pushed For U.S. "
           "Forces To Take a Leading Role. “Sheinbaum“, However, Shifted the Focus To The Inflow of Firearms.\n")


def test_repair_prints_repaired_text(tmp_path) -> None:
    p = tmp_path / "damaged.txt"
    p.write_text(DAMAGED, encoding="utf-8")
    res = CliRunner().invoke(app, ["repair", str(p)])
    assert res.exit_code == 0, res.output
    assert "where Trump again pushed for U.S. forces" in res.output
    assert "Sheinbaum, however, shifted the focus" in res.output


def test_repair_diff_from_stdin_lists_changes() -> None:
    res = CliRunner().invoke(app, ["repair", "-", "--diff"], input=DAMAGED)
    assert res.exit_code == 0, res.output
    lines = [ln for ln in res.output.splitlines() if ln.strip()]
    assert any("\tcasing\t'Reportedly' -> 'reportedly'" in ln for ln in lines)
    assert any("\tquote\t'“' -> ''" in ln for ln in lines)


def test_repair_clean_text_diff_says_no_changes() -> None:
    clean = "The minister said on Friday that talks would resume.\n"
    res = CliRunner().invoke(app, ["repair", "-", "--diff"], input=clean)
    assert res.exit_code == 0
    assert "(no changes)" in res.output
