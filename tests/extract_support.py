"""What the extraction tests share: the lexicon from the real data, drafting a text, making
PDFs at test time (fpdf2), and the texts of tests/extract_texts/ (written for these tests, in
styles unlike the two seed plans)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from graph.config import PROJECT_ROOT, Settings
from graph.extract import lexicon as lexicons
from graph.extract import pipeline
from graph.quotes import normalise

TEXTS = Path(__file__).parent / "extract_texts"
PAGES_HEADER = "Gemeente Zeist - Veiligheidsplan 2026-2029"


@cache
def lexicon() -> lexicons.Lexicon:
    return lexicons.load(
        Settings(PROJECT_ROOT / "data", PROJECT_ROOT / "ontology", PROJECT_ROOT / "dist")
    )


def draft(text: str, **options: Any) -> pipeline.Draft:
    return pipeline.extract(text, lexicon(), source_file="test.txt", **options)


def text(name: str) -> str:
    return (TEXTS / name).read_text(encoding="utf-8")


def quotes(node: Any) -> list[str]:
    """Every quote anywhere in a draft (strings under `quote`, also in {section, quote})."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "quote":
                for q in value if isinstance(value, list) else [value]:
                    found.append(q["quote"] if isinstance(q, dict) else q)
            else:
                found += quotes(value)
    elif isinstance(node, list):
        for item in node:
            found += quotes(item)
    return found


def all_quotes_in(plan: dict[str, Any], source: str) -> list[str]:
    """The quotes of `plan` that do NOT occur in `source` (as the build checks them)."""
    haystack = normalise(source)
    return [q for q in quotes(plan) if normalise(q) not in haystack]


def make_pdf(path: Path, pages: list[list[str]], header: str | None = None) -> Path:
    """A PDF with a text layer: each page its lines, a running header and "Pagina n van N"."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    for number, lines in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=9)
        if header:
            pdf.set_xy(10, 8)
            pdf.cell(0, 5, header)
        pdf.set_font("Helvetica", size=11)
        pdf.set_xy(10, 20)
        for line in lines:
            pdf.multi_cell(0, 6, line)
            pdf.set_x(10)
        pdf.set_font("Helvetica", size=9)
        pdf.set_xy(10, 285)
        pdf.cell(0, 5, f"Pagina {number} van {len(pages)}")
    pdf.output(str(path))
    return path


def pdf_of_pictures(path: Path, pictures: list[Path]) -> Path:
    """A PDF whose pages are only these pictures, page-wide: no text layer, as a scan has."""
    from fpdf import FPDF

    pdf = FPDF()
    for picture in pictures:
        pdf.add_page()
        pdf.image(str(picture), x=0, y=0, w=210)
    pdf.output(str(path))
    return path


def make_scanned_pdf(path: Path, image: Path) -> Path:
    """A PDF with only a picture of text on its pages: no text layer, as a scan has."""
    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (800, 1100), "white")
    ImageDraw.Draw(picture).text((50, 50), "Integraal veiligheidsplan (gescand)", fill="black")
    picture.save(image)
    return pdf_of_pictures(path, [image, image])


def make_scanned_text_pdf(path: Path, pages: list[list[str]], header: str) -> Path:
    """A scan of `pages`: each page a picture of its lines (legible, for OCR) under a running
    header and over "Pagina n van N", with no text layer."""
    import textwrap

    from PIL import Image, ImageDraw, ImageFont

    images = []
    font, small = ImageFont.load_default(size=30), ImageFont.load_default(size=22)
    for number, lines in enumerate(pages, start=1):
        picture = Image.new("L", (1240, 1754), "white")
        pen = ImageDraw.Draw(picture)
        pen.text((90, 60), header, fill="black", font=small)
        y = 160
        for line in lines:
            for part in textwrap.wrap(line, 62):
                pen.text((90, y), part, fill="black", font=font)
                y += 46
            y += 24
        pen.text((90, 1660), f"Pagina {number} van {len(pages)}", fill="black", font=small)
        images.append(path.with_name(f"{path.stem}-{number}.png"))
        picture.save(images[-1])
    return pdf_of_pictures(path, images)
