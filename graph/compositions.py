"""What a plan says a partner is made of, and the places it names (issue 11, item 4).

Pijnacker-Nootdorp's driemensschap "bestaande uit de wijkmanager, de wijkagent en de ambulant
jongerenwerker", since recently with a (wijk)boa, lived only in descriptions and `named_as`.
A plan's `memberships` state it as `org:hasMember` (and `org:memberOf` back), each member
with the quote that names it, on an rdf:Statement as every sourced plain triple.

`places` are the parts of the municipality a plan names as the scope of an approach: the kernen
Pijnacker, Nootdorp and Delfgauw of the driemensschappen. An `ivp:Place` is part of the plan's
municipality (`dcterms:isPartOf`), of a kind (kern, stadsdeel, wijk), with its quote; its
`scope_of` says which partner or theme works there (`ivp:spatialScope`, quoted too). A plan
that speaks of "every stadsdeel" without naming one gets one place with `each: true`
(`ivp:eachOfKind`), not invented names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rdflib import RDF, Literal
from rdflib.namespace import DCTERMS, ORG

if TYPE_CHECKING:
    from graph.plan_loader import PlanLoader

CITED = {"section", "quote"}
MEMBERSHIP_KEYS = {"group", "members"} | CITED
PLACE_KEYS = {"id", "label", "label_en", "kind", "each", "scope_of"} | CITED
SCOPE_KEYS = {"partner", "theme"} | CITED


def membership(loader: PlanLoader, item: Any) -> None:
    """One passage that names members of a group: group org:hasMember each member."""
    e = loader.entry(item, "membership")
    if e is None:
        return
    e.name = str(item.get("group", "membership"))
    e.check_keys(MEMBERSHIP_KEYS)
    group = e.ref("partners", item.get("group"), "group")
    members = [(m, line) for m, line in e.items("members")]
    if not members:
        e.fail("'members' must list at least one partner id", key="members")
    g = loader.g
    for member, line in members:
        node = e.ref("partners", member, "members", line=line)
        if group is None or node is None:
            continue
        if node == group:
            e.fail("a group cannot be a member of itself", line=line)
            continue
        g.add((group, ORG.hasMember, node))
        g.add((node, ORG.memberOf, group))
        loader.cite(g, loader._statement(group, ORG.hasMember, node, "membership"), e, None)


def place(loader: PlanLoader, item: Any) -> None:
    """A place the plan names, and the partners or themes it names it as the scope of."""
    head = loader._identified(item, "place", PLACE_KEYS, "place")
    if head is None:
        return
    e, ident = head
    g, ivp = loader.g, loader.ivp
    node = loader.iris.id("plaats", loader.plan_id, ident)
    g.add((node, RDF.type, ivp.Place))
    g.add((node, DCTERMS.identifier, Literal(ident)))
    g.add((node, ivp.inPlan, loader.plan))
    e.labels(g, node)
    kind = e.vocab("plaatssoort", item.get("kind"), "kind", required=True)
    if kind is not None:
        g.add((node, ivp.placeKind, kind))
    if item.get("each") is not None:
        if isinstance(item["each"], bool):
            g.add((node, ivp.eachOfKind, Literal(item["each"])))
        else:
            e.fail("'each' must be true or false", key="each")
    municipality = g.value(loader.plan, ivp.municipality)
    if municipality is not None:
        g.add((node, DCTERMS.isPartOf, municipality))
    loader.ctx.result.locations[node] = e.location(ident)
    section = loader.cite(g, node, e, None)
    for sub in e.mappings("scope_of", "scope"):
        se = loader.entry(sub, "scope")
        if se is None:
            continue
        se.check_keys(SCOPE_KEYS)
        se.name = f"{ident} <- {sub.get('partner') or sub.get('theme')}"
        if ("partner" in sub) == ("theme" in sub):
            se.fail("a scope names exactly one of 'partner' or 'theme'")
            continue
        if "partner" in sub:
            target = se.ref("partners", sub["partner"], "partner")
        else:
            target = loader.theme_ref(se, sub["theme"], "theme")
        if target is None:
            continue
        g.add((target, ivp.spatialScope, node))
        statement = loader._statement(target, ivp.spatialScope, node, "scope")
        loader.cite(g, statement, se, section)
