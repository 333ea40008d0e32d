"""`ivp extract --ocr`: a scanned PDF (pictures only, made here with Pillow and fpdf2) read
with Debian's Tesseract, running headers and page numbers dropped as from a text layer."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from extract_support import (
    all_quotes_in,
    draft,
    make_scanned_text_pdf,
    pdf_of_pictures,
    quotes,
)
from test_extract_input import HEADER, PAGES

from graph.extract.normalise import normalise_text
from graph.extract.read import ExtractError, read

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason="Tesseract (Debian package tesseract-ocr-nld) is not installed; .ci/run installs it",
)


@needs_tesseract
def test_a_scan_is_read_with_ocr_and_drafted(tmp_path: Path) -> None:
    scan = make_scanned_text_pdf(tmp_path / "scan.pdf", PAGES, HEADER)
    pages: list[tuple[int, int]] = []
    got = read(scan, ocr=True, tick=lambda done, total: pages.append((done, total)))
    assert got.origin.kind == "pdf-ocr"
    assert pages == [(1, 3), (2, 3), (3, 3)]
    text = normalise_text(got.text)
    assert "Jongerenwerk en politie werken samen" in text
    assert "Wet Bibob" in text
    assert "Pagina" not in text and "Gemeente Amersfoort -" not in text
    result = draft(text, municipality="Amersfoort")
    assert {"politie", "openbaar-ministerie"} <= {p["partner"] for p in result.plan["partners"]}
    assert any("ondermijning" in t["label"].lower() for t in result.plan["themes"])
    assert all_quotes_in(result.plan, text) == []
    assert not any("Pagina" in q or HEADER in q for q in quotes(result.plan))


def test_without_ocr_a_scan_is_refused_saying_how(tmp_path: Path) -> None:
    scan = make_scanned_text_pdf(tmp_path / "scan.pdf", PAGES[:1], HEADER)
    with pytest.raises(ExtractError, match=r"no text layer.*--ocr"):
        read(scan)


def test_ocr_without_tesseract_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan = make_scanned_text_pdf(tmp_path / "scan.pdf", PAGES[:1], HEADER)
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no tesseract on it
    assert shutil.which("tesseract") is None and os.environ["PATH"] == str(tmp_path)
    with pytest.raises(ExtractError, match=r"scan\.pdf: --ocr needs Tesseract.*tesseract-ocr-nld"):
        read(scan, ocr=True)


@needs_tesseract
def test_a_scan_of_noise_gives_no_text_and_a_clear_error(tmp_path: Path) -> None:
    from PIL import Image

    Image.effect_noise((600, 800), 120).save(tmp_path / "noise.png")
    pdf_of_pictures(tmp_path / "noise.pdf", [tmp_path / "noise.png"])
    try:
        got = read(tmp_path / "noise.pdf", ocr=True)
    except ExtractError as err:
        assert str(err).startswith(f"{tmp_path / 'noise.pdf'}: no text found in the pdf-ocr file")
    else:  # Tesseract saw letters in the noise: whatever it read drafts without a crash
        assert draft(normalise_text(got.text)).plan["status"] == "draft"
