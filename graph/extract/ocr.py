"""A scanned PDF's pages read with Tesseract, on request (`ivp extract --ocr`).

A scan has no text layer, only a picture per page. pypdf hands out each page's pictures
(decoded by Pillow), and Debian's `tesseract` with its Dutch model (`tesseract-ocr-nld`) reads
them as a separate program: nothing is downloaded, and a picture that makes it hang or crash
ends that program, not ours. The text it gives is what the draft's quotes are cut from, so OCR
errors stay visible to the curator instead of being "corrected" in the quotes.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from graph.extract.read import ExtractError

PAGE_SECONDS = 120  # one picture of one page; Tesseract takes a few seconds on a full page
LANGUAGE = "nld"


def tesseract(path: Path) -> str:
    """The Tesseract program that has the Dutch model; ExtractError saying how to get it."""
    found = shutil.which("tesseract")
    how = "install Debian's tesseract-ocr-nld (apt-get install tesseract-ocr-nld)"
    if found is None:
        raise ExtractError(f"{path}: --ocr needs Tesseract: {how}")
    try:
        langs = subprocess.run([found, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise ExtractError(f"{path}: Tesseract does not run ({err})") from err
    if LANGUAGE not in (langs.stdout + langs.stderr).split():
        raise ExtractError(f"{path}: Tesseract has no Dutch model: {how}")
    return found


def ocr_pages(reader: Any, path: Path, tick: Callable[[int, int], None] | None = None) -> list[str]:
    """The text of every page of `reader` (a pypdf PdfReader), read from its pictures."""
    program = tesseract(path)
    total = len(reader.pages)
    pages = []
    for number, page in enumerate(reader.pages, 1):
        texts = [_read_picture(program, image.data, path, number) for image in page.images]
        pages.append("\n".join(texts))
        if tick is not None:
            tick(number, total)
    return pages


def _read_picture(program: str, picture: bytes, path: Path, page: int) -> str:
    try:
        done = subprocess.run(
            [program, "stdin", "stdout", "-l", LANGUAGE],
            input=picture, capture_output=True, timeout=PAGE_SECONDS,
        )  # fmt: skip
    except subprocess.TimeoutExpired as err:
        raise ExtractError(f"{path}: page {page}: OCR took over {PAGE_SECONDS} s") from err
    except OSError as err:
        raise ExtractError(f"{path}: page {page}: Tesseract does not run ({err})") from err
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no reason"]
        raise ExtractError(f"{path}: page {page}: Tesseract could not read it ({why[0]})")
    return done.stdout.decode("utf-8", "replace")
