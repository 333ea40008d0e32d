"""The text a draft is made from: one normal form, without page furniture.

What is written to data/sources/ is this normalised text, and every quote of the draft is cut
from it, so the build's quote check (graph.quotes) holds by construction. Running headers and
footers are found by repetition: a line that comes back at the top or bottom of most pages is
not content. Page numbers are found by their form.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:(?:pagina|page|blz\.?|p\.)\s*)?\d{1,4}(?:\s*(?:/|van|of)\s*\d{1,4})?[-–—\s]*$",
    re.IGNORECASE,
)
_SUPERSCRIPT_MARK = re.compile(r"(?<=[^\W\d_]|[.,;:)'’])[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_DIGIT_MARK = re.compile(r"(?<=[a-zà-ÿ]{3})\d{1,2}(?=[\s.,;:)]|$)", re.MULTILINE)
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\u00ad\u200b-\u200d\ufeff]")
EDGE = 3  # lines at the top and bottom of a page where headers and footers live


def _key(line: str) -> str:
    """A header's shape: digits vary from page to page ("pagina 3"), the words do not."""
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def strip_page_noise(pages: list[str]) -> str:
    """Join the pages' texts without lines that repeat at page edges or only number a page."""
    split = [[line.rstrip() for line in page.splitlines()] for page in pages]
    edges: Counter[str] = Counter()
    for lines in split:
        content = [ln for ln in lines if ln.strip()]
        edge = content[:EDGE] + content[-EDGE:] if len(content) > 2 * EDGE else content
        edges.update({_key(ln) for ln in edge})
    repeated = {k for k, n in edges.items() if n >= max(2, len(pages) // 2 + 1)}
    kept_pages = []
    for lines in split:
        content = [i for i, ln in enumerate(lines) if ln.strip()]
        edge = set(content[:EDGE] + content[-EDGE:])
        kept = [
            ln
            for i, ln in enumerate(lines)
            if not (i in edge and (_key(ln) in repeated or _PAGE_NUMBER.match(ln)))
        ]
        kept_pages.append(_dehyphenate("\n".join(kept)))
    text = "\n\n".join(kept_pages)
    return _DIGIT_MARK.sub("", text)


def _dehyphenate(text: str) -> str:
    """Words a PDF broke over two lines ("veilig-\\nheid") joined again."""
    return re.sub(r"(?<=[a-zà-ÿ])-\n(?=[a-zà-ÿ])", "", text)


def normalise_text(text: str) -> str:
    """NFC, Unix line ends, no control characters or footnote markers, no trailing blanks."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", text).replace("\f", "\n")
    text = _SUPERSCRIPT_MARK.sub("", text)
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
