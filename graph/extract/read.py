"""Bytes to text: plain text, a PDF's text layer, HTML, or the CVDR XML/HTML of a regulation.

The kind is decided by the content, not the file name, so a PDF renamed to .txt is read as a
PDF. Whatever cannot be a plan's text (empty, binary, a scan without a text layer) is refused
with an error that names the file and says what is wrong.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from graph.extract.normalise import strip_page_noise

MAX_BYTES = 64 * 1024 * 1024


class ExtractError(ValueError):
    """The input cannot be turned into a draft; the message says why and names the file."""


@dataclass(frozen=True)
class Origin:
    """Where a text came from: recorded beside the normalised text in data/sources/."""

    name: str
    sha256: str
    kind: str  # text | pdf | pdf-ocr | html | cvdr


@dataclass(frozen=True)
class Read:
    text: str
    origin: Origin


def read(path: Path, *, ocr: bool = False, tick: Callable[[int, int], None] | None = None) -> Read:
    """The text of `path`, whatever its kind; ExtractError when it has none.

    `ocr`: a PDF without a text layer is read from its pictures (graph.extract.ocr), `tick`
    told (page, pages) as it goes; without it such a PDF is refused, saying why.
    """
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ExtractError(f"{path}: cannot read: {err.strerror}") from err
    if len(data) > MAX_BYTES:
        raise ExtractError(f"{path}: {len(data)} bytes is more than a plan ({MAX_BYTES} at most)")
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip():
        raise ExtractError(f"{path}: the file is empty")
    if data.startswith(b"%PDF"):
        kind, text = read_pdf(data, path, ocr=ocr, tick=tick)
    else:
        raw = decode(data, path)
        head = raw.lstrip()[:2000].lower()
        if head.startswith("<") and ("<html" in head or "<?xml" in head or "<!doctype" in head):
            kind = "cvdr" if _is_cvdr(head) else "html"
            text = html_text(raw)
        else:
            kind, text = "text", raw
    if not text.strip():
        raise ExtractError(f"{path}: no text found in the {kind} file")
    return Read(text, Origin(path.name, digest, kind))


def decode(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; binary data is refused."""
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in sample or controls > len(sample) // 100:
        raise ExtractError(f"{path}: binary data, not text (no PDF, HTML or plain text)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as err:
        raise ExtractError(f"{path}: not UTF-8 or Windows-1252 text ({err.reason})") from err


# --- PDF --------------------------------------------------------------------------------------

MIN_CHARS_PER_PAGE = 20


def read_pdf(
    data: bytes, path: Path, *, ocr: bool = False, tick: Callable[[int, int], None] | None = None
) -> tuple[str, str]:
    """The PDF's kind ("pdf", or "pdf-ocr" when read from its pictures) and its text, page by
    page, without running headers, footers and page numbers."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ExtractError(f"{path}: the PDF is encrypted; save it without a password first")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ExtractError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as err:
        raise ExtractError(f"{path}: not a readable PDF ({err})") from err
    if not pages:
        raise ExtractError(f"{path}: the PDF has no pages")
    chars = sum(len(p.strip()) for p in pages)
    if chars >= MIN_CHARS_PER_PAGE * len(pages):
        return "pdf", strip_page_noise(pages)
    if not ocr:
        raise ExtractError(
            f"{path}: the PDF has no text layer ({chars} characters on {len(pages)} pages): "
            "it is probably scanned. Run again with --ocr (reads the page pictures with "
            "Tesseract, Debian's tesseract-ocr-nld), or run OCR first (e.g. ocrmypdf -l nld)."
        )
    from graph.extract.ocr import ocr_pages

    try:
        pages = ocr_pages(reader, path, tick)
    except ExtractError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, NotImplementedError) as err:
        # NotImplementedError: a picture in a form pypdf cannot decode (JBIG2 without jbig2dec)
        raise ExtractError(f"{path}: cannot read the PDF's pictures ({err})") from err
    return "pdf-ocr", strip_page_noise(pages)


# --- HTML and CVDR ----------------------------------------------------------------------------

_BLOCK = {
    "p", "div", "li", "tr", "br", "table", "section", "article", "ul", "ol", "dd", "dt",
    "al", "lid", "regeling-tekst", "lijst", "li-nr",
    "tekst", "body", "blockquote", "pre", "header", "footer",
}  # fmt: skip
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6, "kop": 2, "titel": 1}
_STRUCTURE = {"hoofdstuk", "afdeling", "paragraaf", "artikel", "sub-paragraaf"}
_SKIP = {"script", "style", "head", "noscript", "template", "svg", "meta"}
_CELL = {"td", "th"}


def _is_cvdr(head: str) -> bool:
    return "cvdr" in head or "<regeling" in head or "officiele-publicaties" in head


class _TextParser(HTMLParser):
    """Block elements become lines, headings markdown headings, table rows tab-separated."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip = 0
        self.heading: int | None = None
        self.heading_tag: str | None = None
        self.depth = 0  # open CVDR structures (hoofdstuk, artikel): a kop's level

    def flush(self) -> None:
        line = re.sub(r"[ \t\r\f\v]*\t[ \t]*", "\t", " ".join("".join(self.current).split(" ")))
        line = re.sub(r" {2,}", " ", line).strip()
        if line:
            if self.heading is not None and not line.startswith("#"):
                line = "#" * self.heading + " " + line
            self.lines.append(line)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif self.skip:
            return
        elif tag in _STRUCTURE:
            self.flush()
            self.depth += 1
        elif tag in _HEADINGS and self.heading is None:
            self.flush()
            self.heading = max(1, self.depth) if tag == "kop" else _HEADINGS[tag]
            self.heading_tag = tag
        elif tag in _CELL:
            if self.current:
                self.current.append("\t")
        elif tag in _BLOCK and self.heading is None:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif self.skip:
            return
        elif tag in _STRUCTURE:
            self.flush()
            self.depth = max(0, self.depth - 1)
        elif tag in _HEADINGS and tag == self.heading_tag:
            self.flush()
            self.heading = None
            self.heading_tag = None
        elif tag in _BLOCK and self.heading is None:
            self.flush()
        elif tag in ("nr", "label") and self.heading is not None:
            self.current.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.current.append(data.replace("\n", " "))


def html_text(markup: str) -> str:
    """The readable text of an HTML or CVDR XML document; scripts and styles are dropped."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    parser.flush()
    return "\n\n".join(parser.lines) + "\n"
