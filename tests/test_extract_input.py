"""The readers and bad input: PDFs the tests make themselves (running header, "Pagina n van
N"), a PDF renamed .txt, a scan without text layer, HTML and CVDR XML, and everything that is
not a plan: each a clear error or an empty draft, in time, with nothing executed."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest
import yaml
from extract_support import all_quotes_in, draft, make_pdf, make_scanned_pdf, quotes

from graph.extract.draft import render
from graph.extract.normalise import normalise_text
from graph.extract.read import ExtractError, read

HEADER = "Gemeente Amersfoort - Veiligheidsplan 2025-2028"
PAGES = [
    [
        "Veiligheidsplan Amersfoort 2025-2028",
        "1 Inleiding",
        "De gemeente Amersfoort werkt samen met de politie en het Openbaar Ministerie aan "
        "een veilige stad voor iedereen die er woont, werkt of op bezoek is.",
    ],
    [
        "2 Prioriteiten",
        "2.1 Jeugd en veiligheid",
        "Jongerenwerk en politie werken samen in de wijken waar jongeren overlast geven.",
    ],
    [
        "2.2 Ondermijning",
        "Wij toetsen vergunningen met de Wet Bibob en werken samen met het RIEC.",
        "3 Slot",
        "Dit plan is vastgesteld door de raad.",
    ],
]


@pytest.fixture
def plan_pdf(tmp_path: Path) -> Path:
    return make_pdf(tmp_path / "plan.pdf", PAGES, header=HEADER)


def test_pdf_text_without_running_header_and_page_numbers(plan_pdf: Path) -> None:
    got = read(plan_pdf)
    assert got.origin.kind == "pdf" and len(got.origin.sha256) == 64
    assert HEADER not in got.text
    assert "Pagina" not in got.text
    assert "2.1 Jeugd en veiligheid" in got.text


def test_pdf_draft_quotes_hold_no_page_furniture(plan_pdf: Path) -> None:
    text = normalise_text(read(plan_pdf).text)
    plan = draft(text, municipality="Amersfoort").plan
    assert [t["label"] for t in plan["themes"]] == ["Jeugd en veiligheid", "Ondermijning"]
    found = quotes(plan)
    assert found and not [q for q in found if "Pagina" in q or "Veiligheidsplan 2025" in q]
    assert all_quotes_in(plan, text) == []


def test_pdf_renamed_txt_is_read_as_pdf(plan_pdf: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "plan.txt"
    renamed.write_bytes(plan_pdf.read_bytes())
    got = read(renamed)
    assert got.origin.kind == "pdf" and "Jeugd en veiligheid" in got.text


def test_scanned_pdf_says_it_has_no_text_layer(tmp_path: Path) -> None:
    scan = make_scanned_pdf(tmp_path / "scan.pdf", tmp_path / "page.png")
    with pytest.raises(ExtractError, match=r"scan\.pdf: the PDF has no text layer.*scanned"):
        read(scan)


def test_html_drops_scripts_and_keeps_headings(tmp_path: Path) -> None:
    page = tmp_path / "plan.html"
    page.write_text(
        "<!doctype html><html><head><title>x</title><script>alert('x')</script></head><body>"
        "<h1>Veiligheidsplan 2025-2028</h1><h2>1 Prioriteiten</h2><h3>1.1 Jeugd</h3>"
        "<p>De <b>politie</b> helpt.</p><table><tr><td>Jaar</td><td>2024</td><td>2025</td></tr>"
        "<tr><td>Meldingen</td><td>5</td><td>n.b.</td></tr></table></body></html>",
        encoding="utf-8",
    )
    got = read(page)
    assert got.origin.kind == "html"
    assert "alert" not in got.text
    assert "## 1 Prioriteiten" in got.text and "Meldingen\t5\tn.b." in got.text
    plan = draft(normalise_text(got.text), municipality="Utrecht").plan
    assert [t["label"] for t in plan["themes"]] == ["Jeugd"]


def test_cvdr_xml_regulation(tmp_path: Path) -> None:
    cvdr = tmp_path / "CVDR123456.xml"
    cvdr.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><cvdr><regeling><regeling-tekst>'
        "<hoofdstuk><kop><label>Hoofdstuk</label><nr>1</nr><titel>Prioriteiten</titel></kop>"
        "<artikel><kop><label>Artikel</label><nr>1.1</nr><titel>Drugsoverlast</titel></kop>"
        "<al>De burgemeester kan op grond van artikel 13b Opiumwet een pand sluiten.</al>"
        "</artikel></hoofdstuk></regeling-tekst></regeling></cvdr>",
        encoding="utf-8",
    )
    got = read(cvdr)
    assert got.origin.kind == "cvdr"
    assert "Hoofdstuk 1 Prioriteiten" in got.text
    plan = draft(normalise_text(got.text), municipality="Utrecht").plan
    # a theme's law is one the plan uses, not its basis (data/README.md rule 10)
    laws = [b["law"] for t in plan["themes"] for b in t.get("laws_used", [])]
    assert "opiumwet-art-13b" in laws


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"   \n\n\t ", "the file is empty"),
        (random.Random(3).randbytes(50_000), "binary data"),
    ],
    ids=["empty", "blank", "binary-junk"],
)
def test_not_a_text_is_a_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    with pytest.raises(ExtractError, match=rf"input\.txt: {message}"):
        read(path)


def test_megabytes_of_noise_give_no_themes_and_say_so(tmp_path: Path) -> None:
    # how long 20 MB takes is measured by benchmarks/extract_input.py, not asserted here
    rnd = random.Random(7)
    alphabet = string.ascii_letters + string.digits + "     .,;:-\n"
    path = tmp_path / "noise.txt"
    path.write_text("".join(rnd.choices(alphabet, k=500_000)), encoding="utf-8")
    result = draft(normalise_text(read(path).text), municipality="Utrecht", period=(2025, 2028))
    assert result.plan["themes"] == []
    assert any("no themes found" in w for w in result.warnings)


def test_very_long_lines_and_no_headings() -> None:
    line = "De politie en de gemeente werken samen aan veiligheid in de wijk. " * 5_000
    result = draft(line + "\n" + "x" * 500_000 + "\n", municipality="Utrecht")
    assert result.plan["themes"] == [] and list(result.plan["sections"]) == ["begin"]


def test_yaml_and_html_in_the_text_stay_text(tmp_path: Path) -> None:
    canary = tmp_path / "executed"
    source = (
        "1 Prioriteiten\n\n1.1 Jeugd en veiligheid\n\n"
        f"!!python/object/apply:os.system ['touch {canary}']\n\n"
        "<script>alert('x')</script> De politie werkt samen met jongerenwerk.\n\n"
        "{{ 7*7 }} &amp; ${{jndi:ldap://x}}\n"
    )
    result = draft(source, municipality="Utrecht", period=(2025, 2028))
    rendered = render(result, None)
    loaded = yaml.safe_load(rendered)  # a safe load of the draft: no tag may survive as one
    assert not canary.exists()
    texts = quotes(loaded)
    assert "<script>alert('x')</script> De politie werkt samen met jongerenwerk." in texts
    assert "!!python" not in rendered.replace("'!!python", "").replace('"!!python', "")
    assert loaded["themes"][0]["label"] == "Jeugd en veiligheid"
