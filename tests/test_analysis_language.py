"""The analyses' readings speak the person's language: Dutch by default, English on request.

Issue 13: the readings before a table were English on a Dutch command line. The rows are
data and stay the same in both languages; only the sentences change.
"""

from __future__ import annotations

import json

import pytest

ANALYSES = {  # command: (a Dutch phrase, its English counterpart)
    "analyze central --plan nijmegen-2022": ("betrokken bij", "is involved in"),
    "analyze overlap --plan nijmegen-2022": ("themaparen delen", "theme pairs share"),
    "analyze communities --plan pijnacker-nootdorp-2023": ("vindt Louvain", "42) finds"),
    "analyze brokers --plan nijmegen-2022": ("de meeste domeinen", "connects the most domains"),
    "analyze gaps": ("prioriteiten zonder partners", "priorities without partners"),
    "compare nijmegen-2022 pijnacker-nootdorp-2023": ("VNG-kernthema's", "VNG core themes"),
}
ENGLISH_ONLY = ("partners in no theme", " of the ", " is named", " are named", " with ")


def reading(output: str) -> str:
    return output.split("\n\n", 1)[0]


@pytest.mark.parametrize("command", ANALYSES)
def test_reading_is_dutch_by_default_english_with_lang_en(run_cli, command: str) -> None:
    dutch_phrase, english_phrase = ANALYSES[command]
    dutch = run_cli(*command.split())
    english = run_cli("--lang", "en", *command.split())
    assert dutch.exit_code == english.exit_code == 0
    assert dutch_phrase in reading(dutch.output)
    assert english_phrase not in reading(dutch.output)
    assert not any(word in reading(dutch.output) for word in ENGLISH_ONLY)
    assert english_phrase in reading(english.output)
    assert dutch_phrase not in reading(english.output)
    # the rows are data: the same in both languages
    rows = [
        run_cli(*lang, *command.split(), "--format", "json").output
        for lang in ((), ("--lang", "en"))
    ]
    assert json.loads(rows[0]) == json.loads(rows[1])


def test_ivp_lang_chooses_the_reading_too(run_cli, monkeypatch) -> None:
    monkeypatch.setenv("IVP_LANG", "en")
    out = run_cli("analyze", "gaps").output
    assert "priorities without partners" in reading(out)
