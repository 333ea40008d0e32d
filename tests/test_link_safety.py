"""Only http(s) IRIs: the data may set no other, and no page or export links any other.

The browser side (the query page's table, the CSP, an export in Chromium) is in
tests/test_link_safety_browser.py; here are the build's refusal and the server-side HTML.
"""

from __future__ import annotations

import re

import pytest
from test_validate import problems_of, replace_first

from graph.build import dump_file
from graph.config import DEFAULT_BASE, Settings
from graph.endpoint import doc_page, doc_sections, pages
from graph.links import LINK_PATTERN, is_link

LEGAL = "data/registry/legal-bases.yaml"
PARTNERS = "data/registry/partners.yaml"
EVIL = "javascript:alert(document.domain)"


@pytest.mark.parametrize(
    ("iri", "link"),
    [
        ("https://w3id.org/kruisverband/id/plan/nijmegen-2022", True),
        ("HTTP://example.org/a?b#c", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" https://example.org/", False),  # browsers would trim it: nothing is trimmed here
        ("\thttps://example.org/", False),
        ("https://example.org/\n", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("urn:isbn:9789012345678", False),
        ("mailto:someone@example.org", False),
        ("https:///no-host", False),
        ("//example.org/", False),
    ],
)
def test_only_http_iris_are_links(iri: str, link: bool) -> None:
    assert is_link(iri) is link
    # the query page's script uses the same pattern: anchored, no flags, same verdicts
    assert (re.fullmatch(LINK_PATTERN, iri) is not None) is link


def test_javascript_uri_in_legal_bases_fails_with_file_and_line(project_copy: Settings) -> None:
    line = replace_first(project_copy.data_dir.parent / LEGAL, r"uri: \S+", f"uri: {EVIL}")
    problems = problems_of(project_copy)
    found = [p for p in problems if EVIL in p.message]
    assert len(found) == 1, problems
    assert (found[0].file, found[0].line) == (LEGAL, line)
    assert "'uri' must be an http(s) IRI" in found[0].message


def test_article_that_breaks_the_juriconnect_iri_fails(project_copy: Settings) -> None:
    line = replace_first(project_copy.data_dir.parent / LEGAL, r"article: 38b", 'article: 38b"x')
    found = [p for p in problems_of(project_copy) if p.check == "schema"]
    assert [(p.file, p.line) for p in found] == [(LEGAL, line)], found
    assert "'\"'" in found[0].message


def test_tooi_iri_with_a_space_fails_on_its_line(project_copy: Settings) -> None:
    path = project_copy.data_dir.parent / PARTNERS
    line = replace_first(path, r"(tooi: \S+)", r"\1 x")
    found = [p for p in problems_of(project_copy) if "'tooi'" in p.message]
    assert [(p.file, p.line) for p in found] == [(PARTNERS, line)], found


def test_non_http_iri_in_the_ontology_fails(project_copy: Settings) -> None:
    onto = project_copy.ontology_dir / "ivp.ttl"
    text = onto.read_text(encoding="utf-8")
    onto.write_text(text + f"\n<{DEFAULT_BASE}def/ivp> rdfs:seeAlso <{EVIL}> .\n", "utf-8")
    found = [p for p in problems_of(project_copy) if p.entity == EVIL]
    assert [(p.file, p.line) for p in found] == [("ontology/ivp.ttl", len(text.splitlines()) + 2)]


@pytest.mark.parametrize("command", ["validate", "build"])
def test_cli_refuses_a_javascript_uri(run_cli, project_copy: Settings, command: str) -> None:
    line = replace_first(project_copy.data_dir.parent / LEGAL, r"uri: \S+", f"uri: {EVIL}")
    result = run_cli(command, settings=project_copy)
    assert result.exit_code == 1, result.output
    assert f"{LEGAL}:{line}:" in result.output
    assert f"must be an http(s) IRI, and javascript: is refused: '{EVIL}'" in result.output
    assert dump_file(project_copy.dist_dir, "ivp.ttl") is None


# --- the server's pages ------------------------------------------------------------------------


def _linker() -> pages.Linker:
    return pages.Linker(DEFAULT_BASE, {"ivp": DEFAULT_BASE + "def/ivp#"})


def _hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


def test_resource_page_shows_a_javascript_object_as_text() -> None:
    see_also = "http://www.w3.org/2000/01/rdf-schema#seeAlso"
    out = [
        (see_also, EVIL),
        (see_also, " javascript:x()"),
        ("http://www.w3.org/2002/07/owl#sameAs", "https://example.org/y"),
        (DEFAULT_BASE + "def/ivp#partOf", DEFAULT_BASE + "id/plan/p"),
    ]
    rows: list[dict] = [
        {"dir": ("literal", "out", "", ""), "p": ("uri", p), "o": ("uri", o)} for p, o in out
    ]
    # and something pointing at it from a javascript: subject, through a javascript: predicate
    rows.append(
        {"dir": ("literal", "in", "", ""), "p": ("uri", EVIL), "o": ("uri", "javascript:y")}
    )
    me = DEFAULT_BASE + "id/wetsbepaling/x"
    html = doc_page.resource_page(me, rows, _linker(), {})
    hrefs = _hrefs(html)
    assert not [h for h in hrefs if "javascript" in h.lower()], hrefs
    assert "https://example.org/y" in hrefs and "/doc/plan/p" in hrefs
    assert "javascript:alert(document.domain)" in html  # shown, as text
    assert f'<span class="iri" title="{EVIL}">{EVIL}</span>' in html


def test_linker_keeps_local_links_and_never_makes_a_scheme_of_a_path() -> None:
    linker = _linker()
    assert 'href="/doc/plan/p"' in linker.link(DEFAULT_BASE + "id/plan/p")
    assert 'href="/def/ivp#Theme"' in linker.link(DEFAULT_BASE + "def/ivp#Theme")
    assert "href" not in linker.link("javascript:alert(1)")
    assert "href" not in linker.link("urn:x:y")


def test_linker_never_makes_an_off_site_link_of_a_path_under_the_base() -> None:
    linker = _linker()
    html = linker.link(DEFAULT_BASE + "/evil.example/x")
    assert 'href="/evil.example/x"' in html and 'href="//' not in html


def test_doc_page_shows_hostile_quotes_and_amounts_as_text() -> None:
    """A quote's words, its section and a budget amount come from data: none of them runs,
    links off the site, or breaks the page."""
    ivp = DEFAULT_BASE + "def/ivp#"
    me, quote = DEFAULT_BASE + "id/thema/p/t", DEFAULT_BASE + "id/citaat/p/q"
    evil_text = "<img src=x onerror=alert(1)>"
    linker = pages.Linker(
        DEFAULT_BASE,
        {"ivp": ivp},
        {me: "<b>t</b>"},
        quotes={quote: pages.Quote(evil_text, "javascript:alert(2)")},
    )
    rows: list[dict] = [
        {"dir": ("literal", "out", "", ""), "p": ("uri", p), "o": o}
        for p, o in [
            ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", ("uri", ivp + "Theme")),
            ("http://www.w3.org/ns/prov#wasDerivedFrom", ("uri", quote)),
        ]
    ]
    budget = ("literal", "budget", None, None)
    extra = doc_sections.extras(
        [
            {"part": budget, "x": ("uri", "javascript:x"), "y": ("literal", "2022", None, None),
             "z": ("literal", "<script>", None, None)},
        ]
    )  # fmt: skip
    html = doc_page.resource_page(me, rows, linker, {}, extra=extra, ivp=ivp)
    assert evil_text not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<b>t</b>" not in html and "&lt;b&gt;t&lt;/b&gt;" in html
    assert not [h for h in _hrefs(html) if "javascript" in h.lower()]
    assert "<script>" not in html
