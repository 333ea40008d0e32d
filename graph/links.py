"""Which IRIs may become links, and which IRIs the data may hold: one rule for every page.

A graph holds whatever IRIs its data or a query makes (`IRI("javascript:alert(1)")` is a
legal SPARQL expression), and a browser runs a javascript: link on click. So only an IRI that
starts, as written, with http:// or https:// (any case) followed by a host is a link; anything
else is shown as text. Nothing is trimmed first: browsers drop leading spaces and control
characters before they read the scheme, so " javascript:" must not pass as "not a scheme".

The same pattern drives the query page's script (`LINK_PATTERN` is handed to it as JSON), so
the server's pages and the browser's table cannot disagree.

The data files may only set http(s) IRIs too (`iri_problem`): the project's own data uses no
other scheme (urn:, mailto:, ...), so there is no legitimate case to keep, and a curator's
typo or a hostile edit is refused at build time instead of reaching a page.
"""

from __future__ import annotations

import re

# Characters no IRI may hold (RFC 3987): controls, space, <>"{}|\^` . The query page's script
# reads LINK_PATTERN too, so it only uses syntax both regex dialects share.
_FORBIDDEN = r'\x00-\x20\x7f<>"{}|\\^`'
LINK_PATTERN = rf"^[Hh][Tt][Tt][Pp][Ss]?://[^/?#{_FORBIDDEN}]+[^{_FORBIDDEN}]*$"
_LINK = re.compile(LINK_PATTERN)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_BAD_CHAR = re.compile(f"[{_FORBIDDEN}]")


def is_link(iri: str) -> bool:
    """True when `iri` may be the href of a link: http(s), a host, no character IRIs forbid.

    >>> is_link("https://w3id.org/kruisverband/id/plan/nijmegen-2022")
    True
    >>> is_link("HTTP://example.org/"), is_link("javascript:alert(1)"), is_link(" https://x/")
    (True, False, False)
    """
    return _LINK.fullmatch(iri) is not None


def iri_problem(value: object) -> str | None:
    """What is wrong with `value` as an IRI the data sets, or None when it may be one.

    >>> iri_problem("https://wetten.overheid.nl/BWBR0031788") is None
    True
    >>> iri_problem("javascript:alert(document.domain)")
    "must be an http(s) IRI, and javascript: is refused: 'javascript:alert(document.domain)'"
    """
    if not isinstance(value, str) or not value:
        return f"must be an http(s) IRI, not {value!r}"
    bad = _BAD_CHAR.search(value)
    if bad:
        return f"holds {bad.group()!r}, which no IRI may: {value!r}"
    if is_link(value):
        return None
    scheme = _SCHEME.match(value)
    if scheme and scheme.group(1).lower() in ("http", "https"):
        return f"an http(s) IRI needs a host after '//': {value!r}"
    if scheme:
        return f"must be an http(s) IRI, and {scheme.group(1)}: is refused: {value!r}"
    return f"must be an http(s) IRI (https://...): {value!r}"
