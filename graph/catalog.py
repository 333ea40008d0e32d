"""What the listing commands show: plans, themes, partners, cross-links, as plain rows.

Every function takes an open store and returns lists of dicts (or one dict for a detail view),
so the same answers serve the CLI, tests and any Python caller. All of it is SPARQL over the
built store; nothing here reads the YAML files.
"""

from __future__ import annotations

import difflib
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.analysis_cache import CACHE
from graph.catalog_content import plan_content_detail, set_link_rows
from graph.config import Settings
from graph.dist import CLASS_COUNTS, PLAN_ROWS, WRITTEN
from graph.notices import notice
from graph.store import prefixes, select, sparql_string

STATUSES = ("priority", "core", "elsewhere")


class NotFound(LookupError):
    """An id that matches nothing; the message lists close matches."""


def _nl(var: str) -> str:
    return f'FILTER(LANG(?{var}) = "nl")'


def _closest(ref: str, names: dict[str, list[str]] | list[str], what: str) -> NotFound:
    """A NotFound that suggests close matches, each thing once.

    `names` maps every text a thing can be found by (its id, its label) to the names to
    suggest for it (a theme id in two plans: both plan/id forms), so an id and its label
    never show as two candidates.
    """
    if isinstance(names, list):
        names = {name: [name] for name in names}
    by_lower: dict[str, list[str]] = {}
    for text, canonical in names.items():
        by_lower.setdefault(text.lower(), []).extend(canonical)
    close = difflib.get_close_matches(ref.lower(), list(by_lower), n=10, cutoff=0.5)
    if not close:
        close = [text for text in by_lower if ref.lower() in text]
    suggested = list(dict.fromkeys(c for text in close for c in by_lower[text]))[:5]
    return not_found(ref, what, suggested)


def not_found(ref: str, what: str, suggested: list[str]) -> NotFound:
    """'No theme 'x'. Did you mean: ...?' in the reader's language (`what`: plan, theme,
    partner, node)."""
    hint = notice("close_matches", names=", ".join(suggested)) if suggested else ""
    return NotFound(notice("not_found", what=notice(f"what_{what}"), ref=ref, hint=hint))


class Catalog:
    def __init__(self, store: ox.Store, settings: Settings, build: Path | None = None) -> None:
        """`build` is the build folder `store` belongs to: what that build counted (ivp stats)
        is read from it instead of computed again, unless the store was written to since."""
        self.store = store
        self.settings = settings
        self.build = build

    def _rows(self, query: str) -> list[dict[str, Any]]:
        return select(self.store, query, self.settings)

    def _saved(self, name: str) -> Any | None:
        """What the build computed from its store and kept in its cache folder under `name`;
        None when there is none, or the store may have been written to since."""
        if self.build is None or (self.build / WRITTEN).exists():
            return None
        try:
            return json.loads((self.build / CACHE / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    # -- plans --

    def plans(self) -> list[dict[str, Any]]:
        """One row per plan with its counts: as the build listed them (graph.build saves
        `plans_in_store`), which nationally saves a second of aggregation per call."""
        saved = self._saved(PLAN_ROWS)
        return saved if saved is not None else self.plans_in_store()

    def plans_in_store(self) -> list[dict[str, Any]]:
        """One row per plan with its counts, from the store.

        Each count is its own grouped subquery: counted in one group, the themes, priorities
        and partners of a plan multiplied into each other (at 82 plans 10 s instead of 0.2).
        DISTINCT because the union of the graphs is a bag: a plan is described in its own
        graph and in that of the plan replacing it.
        """
        return self._rows(f"""
SELECT DISTINCT ?id ?title ?municipality ?cbs ?start ?end ?adopted ?status
       (COALESCE(?kept, 0) AS ?themes) (COALESCE(?prio, 0) AS ?priorities)
       (COALESCE(?away, 0) AS ?elsewhere) (COALESCE(?named, 0) AS ?partners)
WHERE {{
  {{ SELECT ?plan (COUNT(DISTINCT ?theme) AS ?all) WHERE {{ ?plan ivp:hasTheme ?theme }}
     GROUP BY ?plan }}
  # themes as the analyses count them: not those placed elsewhere, which are counted apart
  OPTIONAL {{ SELECT ?plan (COUNT(DISTINCT ?t) AS ?away) WHERE {{
      ?plan ivp:hasTheme ?t . ?t ivp:status <{self._status_iri("elsewhere")}> }} GROUP BY ?plan }}
  BIND(?all - COALESCE(?away, 0) AS ?kept)
  ?plan a ivp:SafetyPlan ; dcterms:identifier ?id ; dcterms:title ?title ;
        ivp:startYear ?start ; ivp:endYear ?end .
  {_nl("title")}
  OPTIONAL {{ ?plan ivp:municipality ?m .  # a draft may not know it yet (issue 12)
             ?m skos:prefLabel ?municipality ; ivp:cbsCode ?cbs . {_nl("municipality")} }}
  OPTIONAL {{ ?plan ivp:planStatus/skos:notation ?planStatus }}
  BIND(COALESCE(STR(?planStatus), "curated") AS ?status)
  OPTIONAL {{ ?plan dcterms:dateAccepted ?adopted }}
  OPTIONAL {{ SELECT ?plan (COUNT(DISTINCT ?priority) AS ?prio) WHERE {{
      ?plan ivp:hasTheme ?priority . ?priority ivp:status <{self._status_iri("priority")}> }}
      GROUP BY ?plan }}
  OPTIONAL {{ SELECT ?plan (COUNT(DISTINCT ?partner) AS ?named) WHERE {{
      ?plan ivp:namesPartner ?partner }} GROUP BY ?plan }}
}}
ORDER BY ?id""")

    def class_counts(self, plan: str | None = None) -> list[dict[str, Any]]:
        """How many instances of each ivp: class each plan's named graph holds.

        A plan's graph also describes the plan it replaces (dcterms:replaces), so its
        SafetyPlan count includes that predecessor; `note` says so and names it, or a reader
        takes "SafetyPlan 2" for the plan counted twice.
        """
        self.check_plan(plan)
        only = f"FILTER(?plan = {sparql_string(plan)})" if plan else ""
        rows = self._saved_class_counts(plan)
        if rows is None:
            rows = self._class_counts(plan)
        replaced = defaultdict(list)
        for r in self._rows(f"""
SELECT DISTINCT ?plan ?previous WHERE {{
  GRAPH ?g {{ ?p ivp:hasTheme [] ; dcterms:identifier ?plan ; dcterms:replaces ?old .
             ?old a ivp:SafetyPlan ; dcterms:identifier ?previous }}
  {only}
}} ORDER BY ?plan ?previous"""):
            replaced[r["plan"]].append(r["previous"])
        for row in rows:
            old = replaced[row["plan"]] if row["class"] == "SafetyPlan" else []
            row["note"] = (
                f"this plan and the {'plan' if len(old) == 1 else f'{len(old)} plans'} "
                f"it replaces ({', '.join(old)})"
                if old
                else None
            )
        return rows

    def _class_counts(self, plan: str | None) -> list[dict[str, Any]]:
        # each plan graph once, not once per theme (`?p ivp:hasTheme []` is a row per theme)
        graphs = f"""{{ SELECT DISTINCT ?g ?plan WHERE {{
    {"VALUES ?plan { " + sparql_string(plan) + " }" if plan else ""}
    GRAPH ?g {{ ?p ivp:hasTheme [] ; dcterms:identifier ?plan }} }} }}"""
        return self._rows(
            f"""
SELECT ?plan ?class (COUNT(DISTINCT ?x) AS ?count) WHERE {{
  {graphs}
  GRAPH ?g {{ ?x a ?c }}
  FILTER(STRSTARTS(STR(?c), STR(ivp:)))
  BIND(STRAFTER(STR(?c), "#") AS ?class)
}} GROUP BY ?plan ?class ORDER BY ?plan DESC(?count) ?class""",
        )

    def _saved_class_counts(self, plan: str | None) -> list[dict[str, Any]] | None:
        """The counts the build made (graph.pipeline.class_counts), in the query's order."""
        saved = self._saved(CLASS_COUNTS)
        if saved is None:
            return None
        rows = [
            {"plan": p, "class": c, "count": n}
            for p, counts in saved.items() if plan is None or p == plan
            for c, n in counts.items()
        ]  # fmt: skip
        return sorted(rows, key=lambda r: (r["plan"], -r["count"], r["class"]))

    def plan_ids(self) -> list[str]:
        return [
            r["id"]
            for r in self._rows(
                "SELECT DISTINCT ?id WHERE { ?p a ivp:SafetyPlan ; dcterms:identifier ?id "
                "FILTER EXISTS { ?p ivp:hasTheme [] } } ORDER BY ?id"
            )
        ]

    def check_plan(self, plan: str | None) -> None:
        """Is `plan` a curated plan? One lookup by identifier; the full list only to suggest."""
        if plan is None:
            return
        found = self.store.query(
            f"ASK {{ ?p ivp:hasTheme [] ; dcterms:identifier {sparql_string(plan)} }}",
            prefixes=prefixes(self.settings),
            use_default_graph_as_union=True,
        )
        if not found:
            raise _closest(plan, self.plan_ids(), "plan")

    def _status_iri(self, status: str) -> str:
        return f"{self.settings.base}id/begrip/themastatus/{status}"

    # -- themes --

    def themes(self, plan: str | None = None, status: str | None = None) -> list[dict[str, Any]]:
        self.check_plan(plan)
        if status is not None and status not in STATUSES:
            raise NotFound(notice("no_status", status=status, known=", ".join(STATUSES)))
        filters = []
        # one plan: bind it first, also inside the counts, or they count every plan's themes
        plan_iri = f"<{self.settings.base}id/plan/{plan}>"  # a checked id: a slug
        scope = f"{plan_iri} ivp:hasTheme ?t ." if plan else ""
        if plan:
            filters.append(f"VALUES ?p {{ {plan_iri} }}")
        if status:
            filters.append(f"FILTER(?statusIri = <{self._status_iri(status)}>)")
        counts = "".join(
            f"""
  OPTIONAL {{ SELECT ?t (COUNT(DISTINCT ?x) AS ?{name}_)
              WHERE {{ {scope} {pattern} }} GROUP BY ?t }}
  BIND(COALESCE(?{name}_, 0) AS ?{name})"""
            for name, pattern in (
                ("pillars", "?t ivp:hasPillar ?x"),
                ("ambitions", "?t ivp:hasAmbition ?x"),
                ("partners", "?t ivp:involvesPartner ?x"),
                (
                    "crosslinks",
                    "?x a ivp:CrossLink . { ?x ivp:linkFrom ?t } UNION { ?x ivp:linkTo ?t }",
                ),
            )
        )  # one sub-select per count: OPTIONALs side by side would multiply into a product
        return self._rows(
            f"""
SELECT ?plan ?id ?number ?label ?status ?section ?pillars ?ambitions ?partners ?crosslinks
WHERE {{
  ?p ivp:hasTheme ?t ; dcterms:identifier ?plan .
  ?t dcterms:identifier ?id ; skos:prefLabel ?label ; ivp:status ?statusIri .
  {_nl("label")}
  ?statusIri skos:notation ?status .
  {" ".join(filters)}
  OPTIONAL {{ ?t ivp:number ?number }}
  OPTIONAL {{ ?t ivp:inSection/dcterms:title ?section }}{counts}
}}
ORDER BY ?plan (!BOUND(?number)) ?number ?id"""
        )

    def resolve_theme(self, ref: str, plan: str | None = None) -> tuple[str, str]:
        """'ondermijning', 'nijmegen-2022/ondermijning' or a label -> (plan id, theme id).

        A label is matched as `ivp partner` matches one: whole, ignoring case (the Dutch or
        English label, or the plan's own spelling). A plan named twice, in `plan` and before
        the slash, must be the same plan: the one would otherwise silently override the other.
        """
        if "/" in ref and ref.split("/", 1)[0] in self.plan_ids():
            named, ref = ref.split("/", 1)
            if plan is not None and plan != named:
                raise NotFound(notice("theme_not_in_plan", named=named, ref=ref, plan=plan))
            plan = named
        self.check_plan(plan)
        all_themes = self._rows("""
SELECT ?plan ?id ?label WHERE { ?p ivp:hasTheme ?t ; dcterms:identifier ?plan .
  ?t dcterms:identifier ?id .
  OPTIONAL { { ?t skos:prefLabel ?label } UNION { ?t skos:hiddenLabel ?label } } }""")
        rows = [r for r in all_themes if plan in (None, r["plan"])]
        for field, same in (("id", str.__eq__), ("label", lambda a, b: a.lower() == b.lower())):
            matches = sorted(
                {(r["plan"], r["id"]) for r in rows if r[field] is not None and same(r[field], ref)}
            )
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                options = ", ".join(f"{p}/{t}" for p, t in matches)
                raise NotFound(notice("in_several_plans", ref=ref, options=options))
        names: dict[str, list[str]] = defaultdict(list)
        for r in rows:
            key = f"{r['plan']}/{r['id']}"
            for text in (key, r["id"], r["label"]):
                if text and key not in names[text]:
                    names[text].append(key)
        raise _closest(ref, names, "theme")

    def theme(self, ref: str, plan: str | None = None) -> dict[str, Any]:
        plan_id, theme_id = self.resolve_theme(ref, plan)
        theme = f"{self.settings.base}id/thema/{plan_id}/{theme_id}"
        head = self._rows(f"""
SELECT ?label ?label_en ?source_label ?number ?status ?definition ?section ?body_missing WHERE {{
  <{theme}> skos:prefLabel ?label ; ivp:status/skos:notation ?status . {_nl("label")}
  OPTIONAL {{ <{theme}> skos:prefLabel ?label_en FILTER(LANG(?label_en) = "en") }}
  OPTIONAL {{ <{theme}> skos:hiddenLabel ?source_label }}
  OPTIONAL {{ <{theme}> ivp:number ?number }}
  OPTIONAL {{ <{theme}> skos:definition ?definition }}
  OPTIONAL {{ <{theme}> ivp:inSection/rdfs:label ?section }}
  OPTIONAL {{ <{theme}> ivp:bodyMissing ?body_missing }}
}}""")[0]
        detail: dict[str, Any] = {"plan": plan_id, "id": theme_id, "iri": theme}
        detail.update(head)
        detail["body_missing"] = bool(head.get("body_missing"))
        detail["quotes"] = self.quotes(theme)
        for key, prop in (
            ("pillars", "ivp:hasPillar"),
            ("ambitions", "ivp:hasAmbition"),
            ("attention_points", "ivp:hasAttentionPoint"),
            ("actions", "ivp:hasAction"),
            ("principles", "ivp:hasPrinciple"),
        ):
            detail[key] = self._parts(theme, prop)
        detail["partners"] = [
            {k: r[k] for k in ("label", "partner", "roles", "action", "named_as", "quotes")}
            for r in self._involvements(f"?i ivp:theme <{theme}> .")
        ]
        detail["crosslinks"] = self._rows(f"""
SELECT ?direction ?other ?kind ?directed ?section (GROUP_CONCAT(?q; separator=" | ") AS ?quote)
WHERE {{
  ?l a ivp:CrossLink ; ivp:linkKind/skos:notation ?kind ; ivp:directed ?directed ;
     ivp:linkFrom ?from ; ivp:linkTo ?to ; prov:wasDerivedFrom/oa:exact ?q .
  OPTIONAL {{ ?l ivp:inSection/rdfs:label ?section }}
  {{ FILTER(?from = <{theme}>) BIND("to" AS ?direction) BIND(?to AS ?o) }}
  UNION {{ FILTER(?to = <{theme}>) BIND("from" AS ?direction) BIND(?from AS ?o) }}
  ?o skos:prefLabel ?other . {_nl("other")}
}} GROUP BY ?direction ?other ?kind ?directed ?section ORDER BY ?other""")
        detail["core_themes"] = self._rows(f"""
SELECT ?notation ?core_theme ?match ?basis (GROUP_CONCAT(?q; separator=" | ") AS ?quote) WHERE {{
  ?m ivp:mappedTheme <{theme}> ; ivp:coreTheme ?c ; ivp:matchProperty ?mp ;
     ivp:mappingBasis/skos:notation ?basis ; prov:wasDerivedFrom/oa:exact ?q .
  ?c skos:notation ?notation ; skos:prefLabel ?core_theme . {_nl("core_theme")}
  BIND(STRAFTER(STR(?mp), "#") AS ?match)
}} GROUP BY ?notation ?core_theme ?match ?basis ORDER BY ?notation""")
        detail["budget"] = self._rows(f"""
SELECT ?line ?year ?amount_eur ?funds ?shared_with WHERE {{
  ?b a ivp:BudgetLine ; skos:prefLabel ?line . {_nl("line")}
  {{ ?b ivp:funds <{theme}> BIND("this theme" AS ?funds)
     FILTER NOT EXISTS {{ ?b ivp:fundsAllThemes true }}
     OPTIONAL {{ SELECT ?b (GROUP_CONCAT(DISTINCT ?other; separator="; ") AS ?shared_with)
       WHERE {{ ?b ivp:funds ?t . FILTER(?t != <{theme}>) ?t skos:prefLabel ?other .
                {_nl("other")} }} GROUP BY ?b }} }}
  UNION {{ ?b ivp:fundsAllThemes true ; ivp:inPlan ?plan . <{theme}> ivp:inPlan ?plan
          FILTER NOT EXISTS {{ <{theme}> ivp:status <{self._status_iri("elsewhere")}> }}
          BIND("all themes" AS ?funds) }}
  ?o ivp:budgetLine ?b ; ivp:year ?y ; ivp:amountEUR ?amount_eur .
  BIND(STR(?y) AS ?year)
}} ORDER BY ?line ?year""")
        for key, prop in (
            ("instruments", "ivp:instrument"),
            ("legal_bases", "ivp:legalBasis"),
            ("laws_used", "ivp:usesLaw"),
        ):
            detail[key] = self._rows(f"""
SELECT ?id ?label WHERE {{ <{theme}> {prop} ?x . ?x dcterms:identifier ?id ; skos:prefLabel ?label .
  {_nl("label")} }} ORDER BY ?label""")
        detail.update(plan_content_detail(self._rows, theme))
        detail["notes"] = self._rows(f"""
SELECT ?id ?kind ?text WHERE {{ ?n ivp:about <{theme}> ; dcterms:identifier ?id ;
  ivp:noteKind/skos:notation ?kind ; rdfs:comment ?text }} ORDER BY ?id""")
        return detail

    def _parts(self, owner: str, prop: str) -> list[dict[str, Any]]:
        return self._rows(f"""
SELECT ?id ?number ?label ?section (GROUP_CONCAT(?q; separator=" | ") AS ?quote) WHERE {{
  <{owner}> {prop} ?x . ?x dcterms:identifier ?id ; skos:prefLabel ?label .
  {_nl("label")}
  OPTIONAL {{ ?x ivp:number ?number }}
  OPTIONAL {{ ?x ivp:inSection/rdfs:label ?section }}
  OPTIONAL {{ ?x prov:wasDerivedFrom/oa:exact ?q }}
}} GROUP BY ?id ?number ?label ?section ORDER BY ?number ?id""")

    def quotes(self, node: str) -> list[dict[str, Any]]:
        return self._rows(f"""
SELECT ?section ?quote WHERE {{
  <{node}> prov:wasDerivedFrom ?q . ?q oa:exact ?quote ; dcterms:isPartOf/rdfs:label ?section .
}} ORDER BY ?section ?quote""")

    def _involvements(self, pattern: str, by_passage: bool = False) -> list[dict[str, Any]]:
        """Involvements matching `pattern`, one row per partner in a theme (or action).

        The graph keeps one involvement per passage (graph/involvements.py); a listing of a
        theme's partners shows each partner once, with the roles, wordings and quotes of all
        its passages. `by_passage` keeps one row per passage instead, with its section.
        """
        rows = self._rows(f"""
SELECT ?i ?plan ?theme ?action ?partner ?label ?role ?named_as ?quote ?section WHERE {{
  ?i a ivp:Involvement ; ivp:partner ?p ; ivp:inPlan/dcterms:identifier ?plan ;
     prov:wasDerivedFrom/oa:exact ?quote .
  {pattern}
  ?p dcterms:identifier ?partner ; skos:prefLabel ?label . {_nl("label")}
  OPTIONAL {{ ?i ivp:theme/dcterms:identifier ?theme }}
  OPTIONAL {{ ?i ivp:action/skos:prefLabel ?action FILTER(LANG(?action) = "nl") }}
  OPTIONAL {{ ?i ivp:role/skos:notation ?role }}
  OPTIONAL {{ ?i ivp:namedAs ?named_as }}
  OPTIONAL {{ ?i ivp:inSection/rdfs:label ?section }}
}}""")
        merged: dict[tuple, dict[str, Any]] = {}
        for r in rows:
            key = (r["plan"], r["theme"], r["action"], r["partner"])
            key += (r["i"],) if by_passage else ()
            item = merged.setdefault(
                key,
                {
                    **{k: r[k] for k in ("plan", "theme", "action", "partner", "label")},
                    "section": r["section"],
                    "roles": set(),
                    "named_as": set(),
                    "quotes": set(),
                },
            )
            if r["role"]:
                item["roles"].add(r["role"])
            if r["named_as"]:
                item["named_as"].add(r["named_as"])
            item["quotes"].add(r["quote"])
        out = []
        for item in merged.values():
            item["roles"] = ", ".join(sorted(item["roles"]))
            item["named_as"] = "; ".join(sorted(item["named_as"])) or None
            item["quotes"] = " | ".join(sorted(item["quotes"]))
            out.append(item)
        return sorted(
            out,
            key=lambda r: (
                r["plan"],
                r["theme"] or "",
                r["label"],
                r["action"] or "",
                r["section"] or "",
                r["quotes"],
            ),
        )

    # -- partners --

    def partners(self, plan: str | None = None, theme: str | None = None) -> list[dict[str, Any]]:
        self.check_plan(plan)
        if theme is not None:
            plan_id, theme_id = self.resolve_theme(theme, plan)
            iri = f"{self.settings.base}id/thema/{plan_id}/{theme_id}"
            return [
                {k: r[k] for k in ("partner", "label", "roles", "action", "named_as")}
                for r in self._involvements(f"?i ivp:theme <{iri}> .")
            ]  # the same rows as `ivp theme`, without the quotes
        only = sparql_string(plan) if plan else None
        if plan:
            # the plan's partners first, then each (partner, plan) pair once and the themes of
            # this plan counted apart: joined together, a partner named by every plan
            # multiplied its plans by its themes and domains (11.6 s nationally)
            return self._rows(f"""
SELECT ?id ?label ?kind ?type (GROUP_CONCAT(DISTINCT ?domain; separator=", ") AS ?domains)
       (GROUP_CONCAT(DISTINCT ?planId; separator=", ") AS ?plans)
       (COALESCE(SAMPLE(?n), 0) AS ?themes)
WHERE {{
  {{ SELECT DISTINCT ?p WHERE {{ ?only ivp:namesPartner ?p ; dcterms:identifier {only} }} }}
  ?p a ivp:Partner ; dcterms:identifier ?id ; skos:prefLabel ?label ;
     ivp:partnerKind/skos:notation ?kind . {_nl("label")}
  OPTIONAL {{ ?p ivp:partnerType/skos:notation ?type }}
  OPTIONAL {{ ?p ivp:domain/skos:notation ?domain }}
  {{ SELECT DISTINCT ?p ?planId WHERE {{
      ?plan ivp:namesPartner ?p ; dcterms:identifier ?planId }} }}
  OPTIONAL {{ SELECT ?p (COUNT(DISTINCT ?theme) AS ?n) WHERE {{
      ?plan dcterms:identifier {only} . ?theme ivp:involvesPartner ?p ; ivp:inPlan ?plan }}
      GROUP BY ?p }}
}} GROUP BY ?id ?label ?kind ?type ORDER BY DESC(?themes) ?label""")
        return self._rows(
            f"""
SELECT ?id ?label ?kind ?type (GROUP_CONCAT(DISTINCT ?domain; separator=", ") AS ?domains)
       (GROUP_CONCAT(DISTINCT ?planId; separator=", ") AS ?plans)
       (COUNT(DISTINCT ?theme) AS ?themes)
WHERE {{
  ?p a ivp:Partner ; dcterms:identifier ?id ; skos:prefLabel ?label ;
     ivp:partnerKind/skos:notation ?kind . {_nl("label")}
  OPTIONAL {{ ?p ivp:partnerType/skos:notation ?type }}
  OPTIONAL {{ ?p ivp:domain/skos:notation ?domain }}
  ?plan ivp:namesPartner ?p ; dcterms:identifier ?planId .
  OPTIONAL {{ ?theme ivp:involvesPartner ?p ; ivp:inPlan ?plan }}
}} GROUP BY ?id ?label ?kind ?type ORDER BY DESC(?themes) ?label"""
        )  # ?plans lists every plan naming the partner

    def partner(self, ref: str) -> dict[str, Any]:
        known = self._rows("""
SELECT ?id ?label WHERE { ?p a ivp:Partner ; dcterms:identifier ?id ; skos:prefLabel ?label .
  FILTER(LANG(?label) = "nl") }""")
        ids = {r["id"] for r in known}
        if ref not in ids:
            by_label = [r["id"] for r in known if r["label"].lower() == ref.lower()]
            if len(by_label) == 1:
                ref = by_label[0]
            else:
                names: dict[str, list[str]] = defaultdict(list)
                for r in known:
                    names[r["id"]].append(r["id"])
                    names[r["label"]].append(r["id"])
                raise _closest(ref, names, "partner")
        iri = f"{self.settings.base}id/partner/{ref}"
        head = self._rows(f"""
SELECT ?label ?label_en ?kind ?type ?scope ?region ?description ?part_of ?cbs ?same_as WHERE {{
  <{iri}> skos:prefLabel ?label ; ivp:partnerKind/skos:notation ?kind . {_nl("label")}
  OPTIONAL {{ <{iri}> ivp:partnerType/skos:notation ?type }}
  OPTIONAL {{ <{iri}> ivp:geographicScope/skos:notation ?scope }}
  OPTIONAL {{ <{iri}> ivp:region/skos:prefLabel ?region }}
  OPTIONAL {{ <{iri}> skos:prefLabel ?label_en FILTER(LANG(?label_en) = "en") }}
  OPTIONAL {{ <{iri}> dcterms:description ?description }}
  OPTIONAL {{ <{iri}> org:subOrganizationOf/dcterms:identifier ?part_of }}
  OPTIONAL {{ <{iri}> ivp:cbsCode ?cbs }}
  OPTIONAL {{ <{iri}> owl:sameAs ?same_as }}
}}""")[0]
        multi = defaultdict(list)
        for key, path in (
            ("domains", "ivp:domain/skos:notation"),
            ("aliases", "skos:altLabel"),
            ("plans", "^ivp:namesPartner/dcterms:identifier"),
            ("member_of", "org:memberOf/dcterms:identifier"),
            ("members", "org:hasMember/dcterms:identifier"),
            ("covers", "ivp:coversCbsCode"),
        ):
            for r in self._rows(f"SELECT ?v WHERE {{ <{iri}> {path} ?v }} ORDER BY ?v"):
                multi[key].append(r["v"])
        detail: dict[str, Any] = {"id": ref, "iri": iri, **head, **multi}
        detail["involvements"] = [  # one per passage: its section, roles, wording, quote
            {k: r[k] for k in ("plan", "theme", "action", "section", "roles", "named_as", "quotes")}
            for r in self._involvements(f"FILTER(?p = <{iri}>)", by_passage=True)
        ]
        return detail

    # -- cross-links --

    def crosslinks(self, plan: str | None = None) -> list[dict[str, Any]]:
        """The pairwise cross-links, then per plan the sentences about a set of themes."""
        self.check_plan(plan)
        only = f"FILTER(?plan = {sparql_string(plan)})" if plan else ""
        pairs = self._rows(
            f"""
SELECT ?plan ?from ?to ?kind ?directed ?section (GROUP_CONCAT(?q; separator=" | ") AS ?quote)
WHERE {{
  ?l a ivp:CrossLink ; ivp:inPlan/dcterms:identifier ?plan ; ivp:linkKind/skos:notation ?kind ;
     ivp:directed ?directed ; ivp:linkFrom ?f ; ivp:linkTo ?t ; prov:wasDerivedFrom/oa:exact ?q .
  {only}
  ?f skos:prefLabel ?from . {_nl("from")}
  ?t skos:prefLabel ?toLabel . {_nl("toLabel")}
  BIND(IF(EXISTS {{ ?t a ivp:Theme }}, ?toLabel, CONCAT("domein: ", ?toLabel)) AS ?to)
  OPTIONAL {{ ?l ivp:inSection/rdfs:label ?section }}
}} GROUP BY ?plan ?from ?to ?kind ?directed ?section ORDER BY ?plan ?from ?to""",
        )
        sets = set_link_rows(self._rows, only)
        rows = [{k: v for k, v in r.items() if k != "quote"} | {"set": ""} for r in pairs]
        return [row | {"quote": r["quote"]} for row, r in zip(rows, pairs, strict=True)] + sets
