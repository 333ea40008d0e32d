"""What a plan says beyond its themes' skeleton: topics, placement, documents, set links.

graph.plan_loader reads a plan file's structure (themes, pillars, partners, money); this module
reads the parts added so the graph can say what the plans say (issue 11, part B):

- a theme's **topics** (the list of onderwerpen a theme names, as SKOS concepts under it);
- a theme a plan explicitly **places elsewhere** (in other policy documents, with another
  department), with the plan's words for where;
- the **documents** a plan refers to (coalitieakkoord, raadsbrief, regional police plan...);
- **set links**: one sentence about a whole set of themes ("deze vier prioritaire thema's ...
  hebben verschillende raakvlakken met elkaar"), recorded once instead of as pairwise links;
- a budget line that serves **all themes**, with the quote that says so.

Each handler takes the PlanLoader, whose helpers (entry, cite, theme_ref, ...) it reuses, so
quotes, sections and problems behave exactly as everywhere else in a plan file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rdflib import RDF, SKOS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from graph.entries import Entry

if TYPE_CHECKING:
    from graph.plan_loader import PlanLoader

CITED = {"section", "quote"}
TOPIC_KEYS = {"id", "label", "label_en", "definition"} | CITED
PLACEMENT_KEYS = {"with"} | CITED
DOCUMENT_KEYS = {"id", "label", "label_en", "kind", "title", "year", "about"} | CITED
SET_LINK_KEYS = {"id", "themes", "from", "to_domain", "kind"} | CITED

PLAN_KEYS = {"documents", "set_links"}
THEME_KEYS = {"topics", "placed_elsewhere"}


def theme_content(
    loader: PlanLoader, e: Entry, theme: URIRef, ident: str, section: str | None
) -> None:
    """The topics a theme lists, and where the plan places the theme if it says elsewhere."""
    for n, item in enumerate(e.mappings("topics", "topic"), start=1):
        _topic(loader, item, theme, ident, section, n)
    if e.item.get("placed_elsewhere") is not None:
        _placement(loader, e, theme, section)


def _topic(
    loader: PlanLoader, item: Any, theme: URIRef, scope: str, section: str | None, n: int
) -> None:
    made = loader._part(
        item, "topic", loader.ivp.Topic, theme, loader.ivp.hasTopic, "onderwerp", scope, section, n
    )
    if made is None:
        return
    node, _, _ = made
    g = loader.g
    if not item.get("definition"):  # NL-SBB: every concept is defined; say what this one is
        label, theme_label = item.get("label"), g.value(theme, SKOS.prefLabel)
        text = f"Onderwerp '{label}' dat het plan onder het thema '{theme_label}' opsomt."
        g.add((node, SKOS.definition, Literal(text, lang="nl")))
    g.add((node, loader.ivp.listPosition, Literal(n)))  # the plan's order, not the alphabet's
    g.add((node, RDF.type, SKOS.Concept))
    g.add((node, SKOS.inScheme, loader.scheme))
    g.add((node, SKOS.broader, theme))
    g.add((theme, SKOS.narrower, node))


def _placement(loader: PlanLoader, theme_entry: Entry, theme: URIRef, section: str | None) -> None:
    e = loader.entry(theme_entry.item["placed_elsewhere"], "placed_elsewhere")
    if e is None:
        return
    e.name = f"{theme_entry.name} placed_elsewhere"
    e.check_keys(PLACEMENT_KEYS)
    where = e.text("with", required=True)
    if where is None:
        return
    g, ivp = loader.g, loader.ivp
    value = Literal(where, lang="nl")
    g.add((theme, ivp.placedWith, value))
    loader.cite(g, loader._statement(theme, ivp.placedWith, value, "placed-elsewhere"), e, section)


def plan_content(loader: PlanLoader, e: Entry) -> None:
    """The plan's referenced documents and its statements about sets of themes."""
    for item in e.mappings("documents", "document"):
        _document(loader, item)
    for predecessor in list(loader.g.objects(loader.plan, DCTERMS.replaces)):
        loader.g.add((loader.plan, DCTERMS.references, predecessor))  # the plan it replaces
    for item in e.mappings("set_links", "set link"):
        _set_link(loader, item)


def _document(loader: PlanLoader, item: Any) -> None:
    head = loader._identified(item, "document", DOCUMENT_KEYS, "document")
    if head is None:
        return
    e, ident = head
    g, ivp = loader.g, loader.ivp
    node = loader.iris.id("document", loader.plan_id, ident)
    g.add((node, RDF.type, ivp.ReferencedDocument))
    g.add((node, DCTERMS.identifier, Literal(ident)))
    g.add((node, ivp.inPlan, loader.plan))
    e.labels(g, node)
    if e.text("title"):
        g.add((node, DCTERMS.title, Literal(str(item["title"]), lang="nl")))
    year = item.get("year")
    if year is not None:
        if isinstance(year, int):
            g.add((node, DCTERMS.date, Literal(str(year), datatype=XSD.gYear)))
        else:
            e.fail("'year' must be a year like 2022", key="year")
    kind = e.vocab("documentsoort", item.get("kind"), "kind", required=True)
    if kind is not None:
        g.add((node, DCTERMS.type, kind))
    g.add((loader.plan, DCTERMS.references, node))
    loader.ctx.result.locations[node] = e.location(ident)
    loader.cite(g, node, e, None)
    statement = loader._statement(loader.plan, DCTERMS.references, node, ident)
    for quote in list(g.objects(node, PROV.wasDerivedFrom)):
        g.add((statement, PROV.wasDerivedFrom, quote))
    for theme, line in e.items("about"):
        ref = loader.theme_ref(e, theme, "about", line)
        if ref is not None:
            g.add((ref, DCTERMS.references, node))


def _set_link(loader: PlanLoader, item: Any) -> None:
    """One sentence about a set of themes: a ThemeSetLink with every member, never pairs."""
    head = loader._identified(item, "set link", SET_LINK_KEYS, "set link")
    if head is None:
        return
    e, ident = head
    g, ivp = loader.g, loader.ivp
    node = loader.iris.id("raakvlakkenset", loader.plan_id, ident)
    source = loader.theme_ref(e, item["from"], "from") if "from" in item else None
    members: list[URIRef] = []
    themes = item.get("themes")
    if themes == "all":
        members = [t for t in loader.themes.values() if t != source]
        g.add((node, ivp.coversAllThemes, Literal(True)))
    elif isinstance(themes, list) and themes:
        for value, line in e.items("themes"):
            ref = loader.theme_ref(e, value, "themes", line)
            if ref is not None:
                members.append(ref)
    else:
        e.fail("'themes' must list the themes the sentence is about, or be 'all'", key="themes")
        return
    if source is None and "to_domain" not in item and len(members) < 2:
        e.fail("a set link without 'from' or 'to_domain' needs at least two themes", key="themes")
    kind = e.vocab("kruisverbandsoort", item.get("kind"), "kind", required=True)
    g.add((node, RDF.type, ivp.ThemeSetLink))
    g.add((node, DCTERMS.identifier, Literal(ident)))
    g.add((node, ivp.inPlan, loader.plan))
    for member in members:
        g.add((node, ivp.setMember, member))
    if source is not None:
        g.add((node, ivp.linkFrom, source))
    if "to_domain" in item:
        domain = e.vocab("domein", item["to_domain"], "to_domain")
        if domain is not None:
            g.add((node, ivp.linkTo, domain))
    if kind is not None:
        g.add((node, ivp.linkKind, kind))
    loader.ctx.result.locations[node] = e.location(ident)
    loader.cite(g, node, e, None)


def all_themes(loader: PlanLoader, e: Entry, line: URIRef, section: str | None) -> None:
    """`all_themes: true` or `{section, quote}`: the line serves every theme, said once.

    A line that serves all themes names none of them one by one: listing each theme as well
    counted its amount under every theme and again as "(alle thema's)" (issue 11, item 11).
    """
    value = e.item.get("all_themes")
    if not value:
        return
    if e.item.get("themes"):
        e.fail(
            "a line with 'all_themes' names no 'themes': it serves each of them already",
            key="themes",
        )
    g, ivp = loader.g, loader.ivp
    g.add((line, ivp.fundsAllThemes, Literal(True)))
    if isinstance(value, dict):
        sub = loader.entry(value, "all_themes")
        if sub is not None:
            sub.name = f"{e.name} all_themes"
            sub.check_keys(CITED)
            statement = loader._statement(line, ivp.fundsAllThemes, Literal(True), "all-themes")
            loader.cite(g, statement, sub, section)
    elif value is not True:
        e.fail("'all_themes' must be true or a {section, quote} mapping", key="all_themes")
