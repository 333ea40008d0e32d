"""Quote fidelity: does a curated quote really occur in the plan's source text?

The source texts are conversions of PDFs: line breaks fall mid-sentence, emphasis is marked
with ``*`` and some headings carry ``<b>`` tags. None of that is content, so both the source
and the quote are normalised the same way before the substring test. Nothing else is forgiven:
a quote with a corrected typo does not match.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

_TAGS = re.compile(r"</?(?:b|sup)>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "„": '"'})


def normalise(text: str) -> str:
    """Fold whitespace, emphasis markers, inline tags and curly quotes."""
    text = unicodedata.normalize("NFC", text)
    text = _TAGS.sub("", text).replace("*", "").translate(_QUOTES)
    return _SPACE.sub(" ", text).strip()


class SourceText:
    """A plan's source text, normalised once, answering 'does this quote occur?'."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.text = normalise(path.read_text(encoding="utf-8"))

    def contains(self, quote: str) -> bool:
        needle = normalise(quote)
        return bool(needle) and needle in self.text

    def closest(self, quote: str, width: int = 80) -> str | None:
        """The passage sharing the longest prefix with the quote, to show what went wrong."""
        needle = normalise(quote)
        for size in range(min(len(needle), 60), 7, -4):
            at = self.text.find(needle[:size])
            if at >= 0:
                return self.text[at : at + max(width, size + 20)]
        return None


def load_source(path: Path) -> SourceText:
    """The source text, read once per version of the file (a rebuild may follow an edit)."""
    stat = path.stat()
    return _load_source(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _load_source(path: Path, _mtime_ns: int, _size: int) -> SourceText:
    return SourceText(path)
