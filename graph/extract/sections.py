"""The section tree of a plan's text, and its sentences, each knowing its section.

Headings are recognised by form, in the styles plans use: markdown headings (the converted
texts in data/sources/), "3.2 Titel", "§ 3.2 Titel", "Hoofdstuk 3: Titel", Roman "II. Titel" and
lettered "a. Titel" under a numbered section. A numbered line is a heading only where its
number continues the numbering (3 after 2, 3.2 inside 3): that is what tells a chapter "2
Beleid" from the second item of a list. Every sentence and list item keeps its line and its
section, so each extracted item can cite both.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

ROOT = "begin"
ROOT_TITLE = "Begin van de tekst (voor de eerste kop)"

_MD = re.compile(r"^(#{1,6})\s+(.*)$")
_EMPHASIS = re.compile(r"</?b>|\*+")
_BULLET = re.compile(r"^[▪➤•●■◦·\-–—]\s*")
_PARAGRAPH = re.compile(r"^§\s*(\d+(?:\.\d+)*)\.?\s+(\S.*)$")
_CHAPTER = re.compile(
    r"^(?:hoofdstuk|deel|paragraaf|artikel|afdeling)\s+(\d+(?:\.\d+)*|[ivxlc]+)\b\s*[:.\-–]?\s*(.*)$",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)(\.?)\s+(\S.*)$")
_ROMAN = re.compile(r"^([IVX]{1,5})\.\s+(\S.*)$")
_LETTERED = re.compile(r"^([a-z])[.)]\s+(\S.*)$")
_TOC = re.compile(r"(\.{4,}|…{2,}|\t|\s{3,})\s*\d{1,3}\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-–•▪●◦*]|\d{1,2}[.)]|[a-z][.)])\s+(\S.*)$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“‘'(])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:bijv|art|nr|jo|etc|ca|vgl|zgn|resp|incl|excl|evt|mr|dhr|mevr|drs|ir|dr|St|blz)"
    r"|\b\w\.\w\.(?:\w\.)?)$",
    re.IGNORECASE,
)
MAX_HEADING_WORDS = 14


def slug(text: str, limit: int = 48) -> str:
    """A lower-case id slug ([a-z0-9][a-z0-9-]*) of `text`; "sectie" for text without letters."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    value = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    if len(value) > limit:  # cut at a word boundary
        value = value[: limit + 1].rsplit("-", 1)[0] if "-" in value[:limit] else value[:limit]
    value = value.rstrip("-")
    return value or "sectie"


def clean(line: str) -> str:
    """A line without markdown heading marks, emphasis and a leading bullet."""
    text = line.strip()
    md = _MD.match(text)
    if md:
        text = md.group(2)
    text = _EMPHASIS.sub("", text).strip()
    return _BULLET.sub("", text).strip()


@dataclass
class Section:
    id: str
    title: str
    number: str | None
    level: int
    line: int  # index of the heading line (-1 for the root)
    heading: str  # the heading as printed (without markdown marks): the quote for a heading
    parent: str | None
    children: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Sentence:
    line: int
    text: str
    section: str
    list_item: bool  # the line is an item of a list ("- ...", "1. ...", "a) ...")

    @cached_property
    def folded(self) -> str:
        """The sentence as names are compared (graph.extract.lexicon.fold), made once."""
        from graph.extract.lexicon import fold

        return fold(self.text)


class Document:
    """A normalised text, its lines, section tree and sentences."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.sections: dict[str, Section] = {
            ROOT: Section(ROOT, ROOT_TITLE, None, 0, -1, ROOT_TITLE, None)
        }
        self.line_section: list[str] = []
        self.headings: set[int] = set()
        self._all: list[Sentence] | None = None
        self.top_dot: bool | None = None  # "1. Titel" or "1 Titel": the style chapters use
        self._parse()

    # -- the tree --

    def _parse(self) -> None:
        stack: list[Section] = [self.sections[ROOT]]
        top: int | None = None  # the last chapter number, for "does this number continue?"
        current = ROOT
        previous = ""
        for index, line in enumerate(self.lines):
            found = self._heading(line, stack, top, previous)
            if line.strip():
                previous = line
            if found is not None:
                number, title, level, printed, kind = found
                while len(stack) > 1 and stack[-1].level >= level:
                    stack.pop()
                parent = stack[-1]
                if number and "." in number and number.rsplit(".", 1)[0] in self.sections:
                    parent = self.sections[number.rsplit(".", 1)[0]]
                ident = self._ident(number if kind != "roman" else None, title, parent, kind)
                section = Section(ident, title, number, level, index, printed, parent.id)
                self.sections[ident] = section
                parent.children.append(ident)
                stack.append(section)
                self.headings.add(index)
                current = ident
                if number and number.isdigit():
                    top = int(number)
                    if kind == "numbered" and self.top_dot is None:
                        self.top_dot = printed.split()[0].endswith(".")
            self.line_section.append(current)

    def _ident(self, number: str | None, title: str, parent: Section, kind: str) -> str:
        if number and re.fullmatch(r"\d+(\.\d+)*", number):
            base = number
        elif kind == "lettered" and parent.id != ROOT:
            base = f"{parent.id}.{number}"
        else:
            base = slug(title)
        ident, n = base, 2
        while ident in self.sections or ident == ROOT:
            ident = f"{slug(base)}-{n}"
            n += 1
        return ident

    def _heading(
        self,
        line: str,
        stack: list[Section],
        top: int | None,
        previous: str = "",
    ) -> tuple[str | None, str, int, str, str] | None:
        """(number, title, level, printed, kind) when `line` is a heading, else None."""
        raw = line.strip()
        if not raw or len(raw) > 200:
            return None
        md = _MD.match(raw)
        text = clean(raw)
        if not text:
            return None
        if md:
            number, title = _split_number(text)
            return number, title or text, len(md.group(1)), text, "markdown"
        if "\t" in raw or _TOC.search(raw):
            return None
        for pattern in (_PARAGRAPH, _CHAPTER):
            m = pattern.match(text)
            if m and _title_like(m.group(2) or "Hoofdstuk", allow_empty=True):
                number = m.group(1).lower() if not m.group(1).isdigit() else m.group(1)
                title = m.group(2) or text
                return number, title, number.count(".") + 1, text, "chapter"
        m = _NUMBERED.match(text)
        if m and _title_like(m.group(3)):
            number = m.group(1)
            parts = number.split(".")
            if len(parts) == 1:
                n = int(number)
                if n != (top or 0) + 1 and not (top is None and n in (0, 1)):
                    return None
                if self.top_dot is not None and self.top_dot != bool(m.group(2)):
                    return None  # "2. Item" in a text whose chapters read "2 Titel"
                item = re.match(r"^\s*(\d{1,2})([.)]?)\s", previous)
                if item and int(item.group(1)) == n - 1 and bool(item.group(2)) == bool(m.group(2)):
                    return None  # the next item of a numbered list
            elif ".".join(parts[:-1]) not in {s.number for s in stack if s.number}:
                known = {s.number for s in self.sections.values()}
                if ".".join(parts[:-1]) not in known:
                    return None
            return number, m.group(3), len(parts), text, "numbered"
        m = _ROMAN.match(text)
        if m and _title_like(m.group(2)):
            return m.group(1).lower(), m.group(2), 1, text, "roman"
        m = _LETTERED.match(text)
        if m and _title_like(m.group(2)) and len(stack) > 1:
            parent = stack[-1]
            siblings = (
                [c for c in self.sections[parent.parent or ROOT].children]
                if (parent.number and re.fullmatch(r"[a-z]", parent.number))
                else parent.children
            )
            letters = [self.sections[c].number for c in siblings]
            expected = (
                "a"
                if not letters or not letters[-1] or len(letters[-1]) != 1
                else (chr(ord(letters[-1]) + 1))
            )
            if m.group(1) == expected or (m.group(1) == "a" and parent.number != "a"):
                level = (
                    parent.level
                    if parent.number and len(parent.number) == 1 and parent.number.isalpha()
                    else parent.level + 1
                )
                return m.group(1), m.group(2), level, text, "lettered"
        return None

    # -- reading --

    def section_of(self, line: int) -> str:
        return self.line_section[line] if 0 <= line < len(self.line_section) else ROOT

    def subtree(self, ident: str) -> list[str]:
        """The section and everything under it, in document order."""
        found, todo = [], [ident]
        while todo:
            current = todo.pop()
            found.append(current)
            todo.extend(reversed(self.sections[current].children))
        return found

    def body_lines(self, ident: str) -> Iterator[int]:
        """The lines of the section and its subsections (headings excluded)."""
        wanted = set(self.subtree(ident))
        for index, sec in enumerate(self.line_section):
            if sec in wanted and index not in self.headings:
                yield index

    def sentences(self, lines: Iterator[int] | None = None) -> Iterator[Sentence] | list[Sentence]:
        """Every sentence of the text (or of `lines`), with its line and section; the whole
        text's are split once, as every extractor reads them."""
        if lines is None:
            if self._all is None:
                self._all = list(self._sentences(range(len(self.lines))))
            return self._all
        return self._sentences(lines)

    def _sentences(self, indices: Iterator[int] | range) -> Iterator[Sentence]:
        for index in indices:
            if index in self.headings:
                continue
            line = self.lines[index].strip()
            if not line:
                continue
            item = bool(_LIST_ITEM.match(line))
            for text in split_sentences(line):
                yield Sentence(index, text, self.line_section[index], item)


def _split_number(text: str) -> tuple[str | None, str]:
    for pattern in (_PARAGRAPH, _NUMBERED, _CHAPTER):
        m = pattern.match(text)
        if m:
            return m.group(1).lower(), m.group(m.lastindex or 2) or text
    m = _ROMAN.match(text)
    if m:
        return m.group(1).lower(), m.group(2)
    return None, text


def _title_like(title: str, allow_empty: bool = False) -> bool:
    """Short, starts with a capital, does not end like a sentence or a list item."""
    title = title.strip()
    if not title:
        return allow_empty
    words = title.split()
    if len(words) > MAX_HEADING_WORDS or len(title) > 120:
        return False
    if not (title[0].isupper() or title[0].isdigit() or title[0] in "'‘\"“("):
        return False
    if title[-1] in ".;,:" and not title.endswith("..."):
        return False
    return not re.search(r"\d[\d.,]*\s+\d[\d.,]*\s*$", title)  # a table row, not a title


def split_sentences(line: str) -> list[str]:
    """The sentences of one line; abbreviations ("bijv.", "o.a.") do not end a sentence."""
    parts: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(line):
        before = line[start : m.start()]
        if _ABBREVIATION.search(before):
            continue
        parts.append(before.strip())
        start = m.end()
    parts.append(line[start:].strip())
    return [p for p in parts if p]
