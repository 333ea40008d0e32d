"""SPARQL query text read as the SPARQL 1.1 grammar tokenises it, to decide before evaluation.

Used by the endpoint (what a query may do), and by the endpoint and `ivp query` alike to say
readably where a query is malformed and to keep `SELECT *` columns in the query's own order.

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
from itertools import pairwise

from graph.i18n import Language, choose
from graph.notices import NOTICES

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


class QueryTextError(ValueError):
    """The text cannot be a SPARQL query the endpoint will run; the message says where.

    Its words are a key of graph.notices with fields: `str()` is in the language chosen at
    the boundary (`ivp --lang`), `in_language` in another (the endpoint's request's).
    """

    def __init__(self, key: str, /, **fields: object) -> None:
        self.key, self.fields = key, fields
        super().__init__(self.in_language(choose()))

    def in_language(self, language: Language) -> str:
        return NOTICES(self.key, language, **self.fields)


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
    star_order: tuple[str, ...] = ()  # SELECT *: the variables in the order the query names them


def tokens(text: str) -> list[Token]:
    """The query's significant tokens (no whitespace or comments); QueryTextError if the text
    holds something no SPARQL token can start with."""
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
            raise QueryTextError("unreadable", **_unreadable(text, pos))
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

    QueryTextError when the text cannot be tokenised or nests deeper than MAX_DEPTH (the
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
        star_order=tuple(_star_order(found) or ()),
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
                raise QueryTextError("too_deep", limit=MAX_DEPTH, line=line, column=column)
    return deepest


def position(text: str, offset: int) -> tuple[int, int]:
    """Line and column (both from 1) of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _unreadable(text: str, pos: int) -> dict[str, object]:
    line, column = position(text, pos)
    char = text[pos]
    shown = repr(char) if char.isprintable() and not char.isspace() else f"U+{ord(char):04X}"
    return {"shown": shown, "line": line, "column": column}


_ENGINE_ERROR = re.compile(r"error at (\d+):(\d+): expected (?:one of )?(.*)", re.S)
_EXPECTED_SHOWN = 10


def explain(text: str, message: str, language: Language = "en") -> str:
    """The engine's syntax error as a person reads it: where, what was found, what may follow.

    The engine says "error at 1:31: expected one of Prefix not found, ['%'], ['-' | '0' ..=
    '9' ..." (the position, then every alternative its parser tried, character ranges
    included). This keeps the position, names the token there, drops the character ranges,
    and turns the unknown-prefix case into the sentence it is, in the language asked for: the
    command line passes the person's, the endpoint its request's (error_texts.Message).

    >>> explain("SELECT ?x WHERE { ?x a foo:Bar }", "error at 1:31: expected one of Prefix not found, ['%']")
    'Malformed SPARQL: unknown prefix foo: at line 1, column 24 (in foo:Bar); declare it with PREFIX foo: <...>.'
    """  # noqa: E501
    found = _ENGINE_ERROR.match(message.strip())
    if found is None:
        return NOTICES("malformed", language, message=message)
    line, column = int(found.group(1)), int(found.group(2))
    offset = _offset(text, line, column)
    try:
        words = tokens(text)
    except QueryTextError as err:
        return err.in_language(language)
    alternatives = _alternatives(found.group(3))
    if "Prefix not found" in found.group(3):
        pname = next((t for t in reversed(words) if t.kind == "pname" and t.offset < offset), None)
        if pname is not None:
            prefix = pname.text.split(":", 1)[0]
            at_line, at_column = position(text, pname.offset)
            return NOTICES(
                "unknown_prefix",
                language,
                prefix=prefix,
                line=at_line,
                column=at_column,
                pname=pname.text,
            )
    here = next((t for t in words if t.offset <= offset < t.offset + len(t.text)), None)
    before = next((t for t in reversed(words) if t.offset < offset), None)

    def n(key: str, **fields: object) -> str:
        return NOTICES(key, language, **fields)

    if here is not None:
        shown = n("found", token=_short(here.text))
    elif offset >= len(text.rstrip()):
        shown = n("ends") + (n("ends_after", token=_short(before.text)) if before else "")
    else:
        shown = n("after", token=_short(before.text)) if before else n("at_start")
    wanted = n("not_valid")
    if alternatives:
        more = len(alternatives) - _EXPECTED_SHOWN
        wanted = n("expected", tokens=", ".join(alternatives[:_EXPECTED_SHOWN]))
        wanted += n("or_more", n=more) if more > 0 else ""
    return n("malformed_at", line=line, column=column, shown=shown, wanted=wanted)


def _offset(text: str, line: int, column: int) -> int:
    start = 0
    for _ in range(line - 1):
        newline = text.find("\n", start)
        if newline < 0:
            return len(text)
        start = newline + 1
    return min(start + column - 1, len(text))


def _alternatives(listed: str) -> list[str]:
    """The keywords and punctuation the engine would accept, without its character ranges."""
    kept: list[str] = []
    for item in re.findall(r'"(?:[^"\\]|\\.)*"|\[[^\]]*\]|[^,\s][^,]*', listed):
        item = item.strip()
        if not item or item.startswith("[") or item == "Prefix not found":
            continue
        kept.append(item)
    return list(dict.fromkeys(kept))


def _short(token: str) -> str:
    return token if len(token) <= 40 else token[:37] + "..."


def select_star_order(text: str) -> list[str] | None:
    """For `SELECT *`: the variables in the order they first appear in the query, as Fuseki
    and the SPARQL results specification's examples list them; None for other queries.

    The engine lists the columns of `SELECT *` alphabetically; this order lets a caller put
    them back. Names are without `?`/`$`.

    >>> select_star_order("SELECT * WHERE { ?s ?p ?o . ?o ?q $a }")
    ['s', 'p', 'o', 'q', 'a']
    >>> select_star_order("SELECT ?o ?s WHERE { ?s ?p ?o }") is None
    True
    """
    try:
        return _star_order(tokens(text))
    except QueryTextError:
        return None


def _star_order(found: list[Token]) -> list[str] | None:
    for i, token in enumerate(found):
        if token.kind == "word" and token.text.upper() == "SELECT":
            rest = found[i + 1 :]
            while (
                rest and rest[0].kind == "word" and rest[0].text.upper() in ("DISTINCT", "REDUCED")
            ):
                rest = rest[1:]
            if not rest or rest[0].text != "*":
                return None
            names = [t.text[1:] for t in rest if t.kind == "var"]
            return list(dict.fromkeys(names))
        if token.kind == "word" and token.text.upper() not in PROLOGUE:
            return None
    return None


def service_iris(text: str) -> list[str]:
    """The IRIs the query's SERVICE clauses name, in order, each once (for error messages).

    >>> service_iris("SELECT * { SERVICE SILENT <http://a/> {} SERVICE ?s {} SERVICE <http://a/> {} }")
    ['http://a/']
    """  # noqa: E501
    try:
        found = tokens(text)
    except QueryTextError:
        return []
    iris = []
    for i, token in enumerate(found):
        if token.kind != "word" or token.text.upper() != "SERVICE":
            continue
        rest = found[i + 1 : i + 3]
        if rest and rest[0].kind == "word" and rest[0].text.upper() == "SILENT":
            rest = rest[1:]
        if rest and rest[0].kind == "iri":
            iris.append(rest[0].text[1:-1])
    return list(dict.fromkeys(iris))


def in_order(names: list[str], order: list[str] | None) -> list[str]:
    """`names` (a result's variables) in `order` where it lists them, the rest after them."""
    if not order:
        return names
    rank = {name: i for i, name in enumerate(order)}
    return sorted(names, key=lambda n: rank.get(n, len(rank)))


def plan_values_at(text: str) -> int | None:
    """Where `VALUES ?plan { ... }` goes to scope a SELECT to some plans: just inside the
    brace that opens its WHERE clause, so that the engine starts from those plans rather than
    filtering every plan's rows at the end. None where the query is no SELECT that projects
    ?plan (or `SELECT *` naming it), or binds ?plan itself (`AS ?plan`: VALUES first would
    clash with it).

    >>> text = 'SELECT ?plan ?n WHERE { ?p dcterms:identifier ?plan }'
    >>> text[plan_values_at(text):]
    ' ?p dcterms:identifier ?plan }'
    >>> plan_values_at('SELECT ?n WHERE { ?p dcterms:identifier ?n }') is None
    True
    """
    try:
        found = tokens(text)
    except QueryTextError:
        return None
    if any(a.text.upper() == "AS" and b.text in ("?plan", "$plan") for a, b in pairwise(found)):
        return None
    start = next(
        (i for i, t in enumerate(found) if t.kind == "word" and t.text.upper() == "SELECT"), None
    )
    if start is None or any(
        t.kind == "word" and t.text.upper() not in PROLOGUE for t in found[:start]
    ):
        return None
    brace = next((i for i in range(start, len(found)) if found[i].text == "{"), None)
    if brace is None:
        return None
    projected = [t.text[1:] for t in found[start + 1 : brace] if t.kind == "var"]
    star = any(t.text == "*" for t in found[start + 1 : brace])
    if "plan" not in projected and not (star and any(t.text[1:] == "plan" for t in found[brace:])):
        return None
    return found[brace].offset + 1
