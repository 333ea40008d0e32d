"""SPARQL query text read as the SPARQL 1.1 grammar tokenises it, to decide before evaluation.

The endpoint must know a few things before the engine runs a query: its form (to negotiate
the answer's type), whether it names its own dataset (FROM), whether it would make the server
fetch URLs (SERVICE), and whether it nests deeper than the engine's stack holds. A keyword scan
that only approximates the grammar can be fooled: an IRI the scan does not recognise lets a
`#` start a "comment" that hides a SERVICE the engine then runs. So this module follows the
grammar's terminals exactly (IRIREF, the four string forms with ECHAR and UCHAR escapes,
comments to the end of a line, prefixed names with their escapes, variables, blank nodes,
numbers, language tags) and fails closed: text it cannot tokenise is refused, never skipped.

The one place where the grammar's tokens depend on context is `<`: after an operand inside an
expression it is the less-than operator (the engine's parser takes it so), elsewhere it opens
an IRI. The lexer tracks bracket contexts to decide it as the parser does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.endpoint.limits import EndpointError

MAX_DEPTH = 128  # brackets (and runs of unary operators) nested in one query

_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_ECHAR = r"\\[tbnrf\\\"']"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_PREFIX = f"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PN_LOCAL = (
    f"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"
)
_VARNAME = f"[{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*"

# (kind, pattern), tried in order at each position; the first that matches wins.
_RULES: list[tuple[str, str]] = [
    ("ws", r"[ \t\r\n]+"),
    ("comment", r"#[^\r\n]*"),
    ("string", rf"'''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}|{_UCHAR}))*'''"),
    ("string", rf'"""(?:(?:"|"")?(?:[^"\\]|{_ECHAR}|{_UCHAR}))*"""'),
    ("string", rf"'(?:[^'\\\n\r]|{_ECHAR}|{_UCHAR})*'"),
    ("string", rf'"(?:[^"\\\n\r]|{_ECHAR}|{_UCHAR})*"'),
    ("var", f"[?$]{_VARNAME}"),
    ("bnode", f"_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"),
    ("pname", f"(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?"),
    ("langtag", r"@[A-Za-z]+(?:-[A-Za-z0-9]+)*(?:--[A-Za-z]+)?"),
    ("number", r"(?:[0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+|[0-9]*\.[0-9]+|[0-9]+"),
    ("word", r"[A-Za-z_][A-Za-z0-9_]*"),
    ("punct", r"<<|>>|\{\||\|\}|<=|>=|!=|&&|\|\||\^\^|[{}()\[\];,.=<>!+\-*/^|?~]"),
]
_TOKEN = re.compile("|".join(f"(?P<{k}{i}>{p})" for i, (k, p) in enumerate(_RULES)))
_KINDS = {f"{k}{i}": k for i, (k, _) in enumerate(_RULES)}
_IRIREF = re.compile(rf"<(?:[^<>\"{{}}|^`\\\x00-\x20]|{_UCHAR})*>")
_OPERAND_END = {"var", "iri", "pname", "string", "number", "langtag", "bnode"}
_OPERAND_END_PUNCT = {")", "]", ">>"}
_UNARY = {"!", "+", "-"}

FORMS = {"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"}
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD"}
PROLOGUE = {"PREFIX", "BASE", "VERSION"}


@dataclass(frozen=True)
class Token:
    kind: str  # iri, string, var, bnode, pname, langtag, number, word, punct
    text: str
    offset: int


@dataclass(frozen=True)
class Shape:
    """What the tokens say: query form, dataset clauses, SERVICE, update, nesting depth."""

    form: str | None  # SELECT, CONSTRUCT, DESCRIBE, ASK, or None
    update: bool
    has_dataset: bool
    has_service: bool
    depth: int


def tokens(text: str) -> list[Token]:
    """The query's significant tokens (no whitespace or comments); EndpointError 400 if the
    text holds something no SPARQL token can start with."""
    found: list[Token] = []
    stack: list[str] = []  # "expr" | "pattern" | "list": what each open bracket holds
    pos, end = 0, len(text)
    while pos < end:
        if text[pos] == "<" and not _is_operator(found, stack):
            iri = _IRIREF.match(text, pos)
            if iri:
                found.append(Token("iri", iri.group(), pos))
                pos = iri.end()
                continue
        match = _TOKEN.match(text, pos)
        if match is None:
            raise EndpointError(400, _unreadable(text, pos))
        kind = _KINDS[match.lastgroup or ""]
        if kind not in ("ws", "comment"):
            token = Token(kind, match.group(), pos)
            _track(token, found, stack)
            found.append(token)
        pos = match.end()
    return found


def _is_operator(found: list[Token], stack: list[str]) -> bool:
    """Is a `<` here the less-than operator? Only right after an operand in an expression."""
    if not stack or stack[-1] != "expr" or not found:
        return False
    last = found[-1]
    return (
        last.kind in _OPERAND_END
        or (last.kind == "punct" and last.text in _OPERAND_END_PUNCT)
        or (last.kind == "word" and last.text.upper() in ("TRUE", "FALSE"))
    )


def _track(token: Token, found: list[Token], stack: list[str]) -> None:
    """Keep the stack of open brackets, so `<` can be read as the parser reads it."""
    if token.kind != "punct":
        return
    if token.text == "{":
        stack.append("pattern")
    elif token.text in ("[", "<<", "{|"):
        stack.append("list")
    elif token.text == "(":
        stack.append(_paren_context(found, stack))
    elif token.text in (")", "]", "}", ">>", "|}") and stack:
        stack.pop()


def _paren_context(found: list[Token], stack: list[str]) -> str:
    """What a `(` opens: an expression (FILTER, BIND, function calls, projections, GROUP BY,
    ORDER BY, HAVING) or a list (VALUES rows and variables, collections, property paths)."""
    prev = found[-1] if found else None
    before = found[-2] if len(found) > 1 else None
    top = stack[-1] if stack else "query"
    if top == "expr":
        return "expr"
    if prev is not None and prev.kind == "word" and prev.text.upper() == "VALUES":
        return "list"
    if top == "query":
        return "expr"  # projection, GROUP BY, ORDER BY, HAVING; VALUES handled above
    if prev is None:
        return "list"
    if prev.kind == "word" and prev.text != "a":
        return "expr"  # FILTER(, BIND(, FILTER regex( ...
    if prev.kind in ("iri", "pname") and before is not None and before.kind == "word":
        return "expr" if before.text.upper() == "FILTER" else "list"
    return "list"


def shape(text: str) -> Shape:
    """The query's form and the clauses the endpoint decides on, from its real tokens.

    EndpointError 400 when the text cannot be tokenised or nests deeper than MAX_DEPTH (the
    engine would overflow its stack long before the length cap).
    """
    found = tokens(text)
    words = [t.text.upper() for t in found if t.kind == "word"]
    form = next((w for w in words if w in FORMS), None)
    first = next((w for w in words if w not in PROLOGUE), None)
    return Shape(
        form=form,
        update=form is None and (first in UPDATE_WORDS or first == "WITH"),
        has_dataset="FROM" in words,
        has_service="SERVICE" in words,
        depth=_check_depth(text, found),
    )


def _check_depth(text: str, found: list[Token]) -> int:
    depth = deepest = unary = 0
    for token in found:
        if token.kind != "punct":
            unary = 0
            continue
        if token.text in ("{", "(", "[", "<<", "{|"):
            depth += 1
        elif token.text in ("}", ")", "]", ">>", "|}"):
            depth -= 1
        unary = unary + 1 if token.text in _UNARY else 0
        if max(depth, 0) + unary > deepest:
            deepest = max(depth, 0) + unary
            if deepest > MAX_DEPTH:
                line, column = position(text, token.offset)
                raise EndpointError(
                    400,
                    f"The query nests deeper than {MAX_DEPTH} levels (brackets or repeated "
                    f"operators) at line {line}, column {column}; this endpoint refuses such "
                    "queries. Flatten it.",
                )
    return deepest


def position(text: str, offset: int) -> tuple[int, int]:
    """Line and column (both from 1) of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _unreadable(text: str, pos: int) -> str:
    line, column = position(text, pos)
    char = text[pos]
    shown = repr(char) if char.isprintable() and not char.isspace() else f"U+{ord(char):04X}"
    return (
        f"Malformed SPARQL: no SPARQL token can start with {shown} at line {line}, column "
        f"{column}. (Outside IRIs and strings, only space, tab and line breaks separate tokens.)"
    )
