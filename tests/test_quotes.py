from pathlib import Path

from graph.config import PROJECT_ROOT
from graph.quotes import SourceText, normalise

NIJMEGEN = PROJECT_ROOT / "data" / "sources" / "nijmegen-ivp-2022-2026.txt"


def test_normalise_folds_whitespace_emphasis_tags_and_curly_quotes() -> None:
    assert normalise("  a\n\n\tb  ") == "a b"
    assert normalise("**Ambitie**") == "Ambitie"
    assert normalise("<b>TOTAAL</b>\t<b>16.848</b>") == "TOTAAL 16.848"
    assert normalise("‘De weerbare stad’") == "'De weerbare stad'"


def test_quote_across_a_line_break_matches_but_a_corrected_typo_does_not() -> None:
    source = SourceText(NIJMEGEN)
    # the heading is "### 2. Ondernijning" in the source: the typo is part of the text
    assert source.contains("2. Ondernijning")
    assert not source.contains("2. Ondermijning")
    # the PDF conversion breaks this sentence over a blank line
    assert source.contains("en de prostitutie, en dat puur en alleen omdat criminelen")


def test_closest_passage_helps_find_a_misquote(tmp_path: Path) -> None:
    text = tmp_path / "t.txt"
    text.write_text("De gemeente heeft de regie op het lokale veiligheidsbeleid.", encoding="utf-8")
    source = SourceText(text)
    assert not source.contains("De gemeente heeft de regie op het regionale beleid.")
    assert source.closest("De gemeente heeft de regie op het regionale beleid.").startswith(
        "De gemeente heeft de regie op het"
    )
