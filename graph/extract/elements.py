"""Ambitions, actions, pillars, attention points and topics, where a theme numbers or lists them.

A subsection whose title carries the cue of a kind (ontology: ivp:extractionCue on
ivp:Ambition, ivp:Action, ...) holds items of that kind: its list items, or else its own
subheadings. A sentence with such a cue that ends in ":" introduces a list of them too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.extract.lexicon import Lexicon
from graph.extract.sections import _LIST_ITEM, Document, split_sentences
from graph.extract.themes import ELEMENT_CLASSES, Theme, _item_text, has_cue, list_label

KEYS = {
    "Ambition": "ambitions",
    "Action": "actions",
    "Pillar": "pillars",
    "AttentionPoint": "attention_points",
    "Topic": "topics",
}
MAX_LABEL_WORDS = 8


@dataclass
class Element:
    kind: str  # a key of the theme in the data format: ambitions, actions, ...
    theme: str
    label: str
    section: str
    quote: str
    number: int | None
    confidence: float


def _kind(title: str, lexicon: Lexicon) -> str | None:
    return next((KEYS[c] for c in ELEMENT_CLASSES if has_cue(title, lexicon.cue(c))), None)


def short_label(text: str) -> str:
    """The first clause of an item, at most a few words: a label the curator can improve."""
    first = re.split(r"(?<=[a-z)])[.;:](?:\s|$)|\s[–-]\s|,\s(?:waarbij|zodat|om|door)\s", text)[0]
    words = list_label(first).split()
    label = " ".join(words[:MAX_LABEL_WORDS])
    return label.rstrip(",;:") + ("…" if len(words) > MAX_LABEL_WORDS else "")


def extract(doc: Document, themes: list[Theme], lexicon: Lexicon) -> list[Element]:
    found: list[Element] = []
    for theme in themes:
        if theme.heading is None:
            continue
        # a list its own sentence introduces ("Onze aanpak berust op drie pijlers:") is of the
        # kind that sentence names, whatever the heading above it ("Ambitie") says
        introduced = _introduced(doc, theme, lexicon)
        found += introduced
        taken = {e.quote for e in introduced}
        for sid in doc.subtree(theme.section)[1:]:
            section = doc.sections[sid]
            kind = _kind(section.title, lexicon)
            if kind is None:
                continue
            items = [(line, text) for line, text in _list_items(doc, sid) if text not in taken]
            if items:
                for n, (line, text) in enumerate(items, start=1):
                    number = _number(doc.lines[line]) or n
                    found.append(Element(kind, theme.id, short_label(text), sid, text, number, 0.7))
            elif doc.sections[sid].children:
                for n, child in enumerate(doc.sections[sid].children, start=1):
                    sub = doc.sections[child]
                    found.append(Element(kind, theme.id, sub.title, child, sub.heading, n, 0.5))
            else:
                for n, (label, sentence) in enumerate(_run_in_headings(doc, sid), start=1):
                    found.append(Element(kind, theme.id, label, sid, sentence, n, 0.45))
    return found


def _list_items(doc: Document, sid: str) -> list[tuple[int, str]]:
    items = []
    for index, owner in enumerate(doc.line_section):
        if owner != sid or index in doc.headings:
            continue
        line = doc.lines[index].strip()
        if _LIST_ITEM.match(line):
            text = _item_text(line)
            if text:
                items.append((index, text))
    numbers = [n for i, _ in items if (n := _number(doc.lines[i])) is not None]
    if numbers and numbers[0] != 1:  # "4) De Wet Bibob ...": footnotes, not a list
        items = [(i, t) for i, t in items if _number(doc.lines[i]) is None]
    return items


def _run_in_headings(doc: Document, sid: str) -> list[tuple[str, str]]:
    """Short title lines of a section, each over a paragraph ("Informatiepositie" followed
    by what the plan does about it): (title, the paragraph's first sentence)."""
    lines = [i for i, owner in enumerate(doc.line_section) if owner == sid]
    content = [i for i in lines if doc.lines[i].strip() and i not in doc.headings]
    found = []
    for pos, index in enumerate(content[:-1]):
        line = doc.lines[index].strip()
        following = doc.lines[content[pos + 1]].strip()
        words = line.split()
        if (
            1 <= len(words) <= MAX_LABEL_WORDS
            and len(line) <= 80
            and line[0].isupper()
            and line[-1] not in ".;,:"
            and not _LIST_ITEM.match(line)
            and not re.match(r"^\d", line)
            and len(following) > 2 * len(line)
        ):
            sentences = split_sentences(following)
            if sentences:
                found.append((line, sentences[0]))
    return found


def _number(line: str) -> int | None:
    m = re.match(r"^\s*(\d{1,2})[.)]\s", line)
    return int(m.group(1)) if m else None


def _introduced(doc: Document, theme: Theme, lexicon: Lexicon) -> list[Element]:
    """Items of a list that a sentence of the theme introduces ("... drie pijlers:")."""
    found = []
    lines = list(doc.body_lines(theme.section))
    for pos, index in enumerate(lines):
        text = doc.lines[index].strip()
        if not text.endswith(":") or _LIST_ITEM.match(text):
            continue
        kind = _kind(text, lexicon)
        if kind is None:
            continue
        n = 0
        for nxt in lines[pos + 1 :]:
            item = doc.lines[nxt].strip()
            if not item:
                continue
            if not _LIST_ITEM.match(item):
                break
            body = _item_text(item)
            n += 1
            found.append(
                Element(kind, theme.id, short_label(body), doc.section_of(nxt), body, n, 0.55)
            )
    return found
