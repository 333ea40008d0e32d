"""One plan file (data/plans/<id>.yaml) into the plan's named graph."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from graph import compositions, plan_content, yamlfile
from graph.entries import ID_PATTERN, MATCH, OA, QB, VNG_SCHEME, Context, Entry, Location, suggest
from graph.involvements import passage_key
from graph.notices import notice
from graph.problems import relative, shown
from graph.quotes import normalise

# --- plans ------------------------------------------------------------------------------------

# fmt: off
PLAN_KEYS = {
    "id", "title", "title_en", "subtitle", "municipality", "period", "source", "sections",
    "adoption", "proposal", "legal_bases", "predecessor", "mission", "principles", "themes",
    "crosslinks", "partners", "target_groups", "instruments", "budget", "financial_decisions",
    "indicators", "notes", "laws_used", "status",
    "memberships", "places",  # graph/compositions.py (issue 11 A)
} | plan_content.PLAN_KEYS
REVIEW_KEYS = {"confidence", "review"}  # drafts (issue 12): on every item `ivp extract` writes
CITED = {"section", "quote"} | REVIEW_KEYS
THEME_KEYS = {
    "id", "number", "label", "label_en", "source_label", "status", "definition", "body_missing",
    "pillars", "ambitions", "attention_points", "actions", "partners", "target_groups",
    "instruments", "legal_bases", "laws_used", "core_themes", "principles",
} | CITED | plan_content.THEME_KEYS
ELEMENT_KEYS = {"id", "number", "label", "label_en", "definition"} | CITED
ACTION_KEYS = ELEMENT_KEYS | {"partners", "instruments", "target_groups", "laws_used"}
INVOLVEMENT_KEYS = {"partner", "roles", "named_as"} | CITED
CROSSLINK_KEYS = {"from", "to", "to_domain", "kind", "directed"} | CITED
MAPPING_KEYS = {"concept", "match", "basis"} | CITED
INDICATOR_KEYS = {
    "id", "label", "label_en", "unit", "measured_by", "instrument_label", "observations",
} | CITED
OBSERVATION_KEYS = {"period", "value", "missing", "note"} | CITED
BUDGET_KEYS = {"id", "label", "multiplier", "lines", "total"} | CITED
LINE_KEYS = {"id", "number", "label", "amounts", "themes", "all_themes"} | CITED
DECISION_KEYS = {
    "id", "label", "amount", "start_year", "end_year", "structural", "funded_from", "booked_in",
} | CITED
NOTE_KEYS = {"id", "kind", "text", "about", "section", "quotes"}
UNITS = {"count", "rating", "euro", "percent"}
# fmt: on


class PlanLoader:
    def __init__(self, ctx: Context, path: Path) -> None:
        self.ctx = ctx
        self.path = path
        self.file = relative(path, ctx.settings.data_dir.parent)
        self.ivp = ctx.ivp
        self.iris = ctx.iris
        self.plan_id = path.stem
        self.sections: dict[str, URIRef] = {}
        self.themes: dict[str, URIRef] = {}
        self.ids: dict[tuple[str, str], int | None] = {}
        self.draft = False

    # -- helpers --

    def entry(self, item: Any, kind: str, line: int | None = None) -> Entry | None:
        """`item` as an Entry; if it is not a mapping, a problem at `line` (where it is named)."""
        if not isinstance(item, dict):
            self.ctx.problem(self.file, line, None, f"each {kind} must be a mapping", "schema")
            return None
        return Entry(self.ctx, self.file, item, kind)

    def unique(self, e: Entry, scope: str, ident: str) -> bool:
        return self.unique_at(e, scope, ident, "id")

    def unique_at(self, e: Entry, scope: str, ident: str, field: str) -> bool:
        """Is `ident` (read from the entry's `field`) new in `scope`? Else a duplicate problem."""
        key = (scope, ident)
        if key in self.ids:
            message = notice("duplicate_id", ident=ident, line=self.ids[key])
            e.fail(message, "duplicate", key=field)
            return False
        self.ids[key] = e.at(field)
        return True

    def ident(self, e: Entry, fallback: str | None = None) -> str | None:
        value = e.item.get("id", fallback)
        if value is None:
            e.fail(f"'id' is required in {e.kind}")
            return None
        value = str(value)
        if not ID_PATTERN.match(value):
            e.fail(f"id {value!r} must be a lower-case slug ([a-z0-9][a-z0-9.-]*)", key="id")
            return None
        return value

    def _identified(
        self, item: Any, kind: str, keys: set[str], scope: str
    ) -> tuple[Entry, str] | None:
        """The common head of an entry with an id: a mapping, known keys, an id unique in scope."""
        e = self.entry(item, kind)
        if e is None:
            return None
        e.check_keys(keys)
        ident = self.ident(e)
        if ident is None or not self.unique(e, scope, ident):
            return None
        return e, ident

    def cite(
        self, g: Graph, node: URIRef, e: Entry, section: str | None, key: str = "quote"
    ) -> str | None:
        """Attach the entry's quotes to `node`; return the section id in force.

        A quote is a text (cited from the entry's section) or, in a list, a mapping
        {section, quote} for a quote from elsewhere, so one note can cite two sections.
        """
        section = str(e.item.get("section", section) or "") or None
        if "section" in e.item and section not in self.sections:  # said once, where it is named
            hint = suggest(str(section), self.sections)
            message = notice("unknown_section", section=section, hint=hint)
            e.fail(message, "reference", key="section")
        quotes = e.item.get(key)
        if quotes is None or quotes == [] or quotes == "":
            e.fail(notice("quote_required", key=key), key=key)
            return section
        listed = e.items(key) if isinstance(quotes, list) else [(quotes, e.at(key))]
        # each quote: its text, its line, and its own section with that section's line (None
        # for the entity's section, or the enclosing entity's, checked where it is named)
        cited: list[tuple[str, int | None, str | None, int | None]] = []
        for item, line in listed:
            if isinstance(item, str):
                cited.append((item, line, None, None))
            elif isinstance(item, dict) and isinstance(item.get("quote"), str):
                extra = set(item) - {"quote", "section"}
                if extra:
                    e.fail(f"unknown key(s) {sorted(extra)} in a quote", line=line)
                own = str(item["section"]) if "section" in item else None
                at = yamlfile.key_line(item, "quote")
                cited.append((item["quote"], at, own, yamlfile.key_line(item, "section")))
            else:
                message = (
                    f"'{key}' must be a text, or a list of texts or {{section, quote}} mappings"
                )
                e.fail(message, line=line)
                return section
        for text, line, own, own_line in cited:
            where = own or section
            if where is None:
                e.fail("'section' is required (here or on the enclosing entity)", line=line)
                continue
            if where not in self.sections:
                if own is not None:
                    hint = suggest(own, self.sections)
                    message = notice("unknown_section", section=own, hint=hint)
                    e.fail(message, "reference", own_line)
                continue
            quote = self.iris.quote(self.plan_id, where, normalise(text))
            g.add((quote, RDF.type, self.ivp.Quote))
            g.add((quote, OA.exact, Literal(text)))
            g.add((quote, DCTERMS.isPartOf, self.sections[where]))
            g.add((quote, self.ivp.inPlan, self.plan))
            g.add((node, PROV.wasDerivedFrom, quote))
            self.ctx.result.locations.setdefault(quote, Location(self.file, line, e.name))
        if section in self.sections:
            g.add((node, self.ivp.inSection, self.sections[section]))
        self._review_marks(g, node, e)
        return section

    def _review_marks(self, g: Graph, node: URIRef, e: Entry) -> None:
        """A draft item's confidence (0..1) and review mark (issue 12), when it has them."""
        confidence = e.item.get("confidence")
        if confidence is not None:
            if isinstance(confidence, int | float) and 0 <= confidence <= 1:
                g.add((node, self.ivp.confidence, Literal(Decimal(str(confidence)))))
            else:
                e.fail("'confidence' must be a number from 0 to 1", key="confidence")
        if e.item.get("review") is not None:
            mark = e.vocab("beoordeling", e.item["review"], "review")
            if mark is not None:
                g.add((node, self.ivp.reviewStatus, mark))

    def element(
        self,
        g: Graph,
        node: URIRef,
        e: Entry,
        cls: URIRef,
        section: str | None,
        ident: str,
        label_required: bool = True,
    ) -> str | None:
        g.add((node, RDF.type, cls))
        g.add((node, DCTERMS.identifier, Literal(ident)))
        g.add((node, self.ivp.inPlan, self.plan))
        e.labels(g, node, required=label_required)
        e.definition(g, node)
        number = e.item.get("number")
        if number is not None:
            if isinstance(number, int):
                g.add((node, self.ivp.number, Literal(number)))
            else:
                e.fail("'number' must be a whole number", key="number")
        self.ctx.result.locations[node] = e.location()
        return self.cite(g, node, e, section)

    # -- the plan --

    def load(self) -> None:
        try:
            doc = yamlfile.load(self.path)
        except yamlfile.YamlError as err:
            self.ctx.problem(self.file, err.line, None, err.message, "syntax")
            return
        if not isinstance(doc, dict):
            self.ctx.problem(self.file, None, None, "a plan file must be a YAML mapping", "schema")
            return
        e = Entry(self.ctx, self.file, doc, "plan")
        e.check_keys(PLAN_KEYS)
        if doc.get("id") != self.plan_id:
            message = f"plan id {doc.get('id')!r} must equal the file name {self.plan_id!r}"
            e.fail(message, key="id")
        self.plan = self.iris.plan(self.plan_id)
        self.ctx.result.plans.append(self.plan_id)
        self.ctx.result.locations[self.plan] = e.location(self.plan_id)
        g = self.g = self.ctx.graph(self.plan_id)
        ivp = self.ivp
        g.add((self.plan, RDF.type, ivp.SafetyPlan))
        g.add((self.plan, DCTERMS.identifier, Literal(self.plan_id)))
        if doc.get("status") is not None:  # drafts (issue 12): draft | curated
            status = e.vocab("planstatus", doc["status"], "status")
            if status is not None:
                g.add((self.plan, ivp.planStatus, status))
                self.draft = doc["status"] == "draft"
        title = e.text("title", required=True)
        if title:
            for prop in (DCTERMS.title, RDFS.label, SKOS.prefLabel):
                g.add((self.plan, prop, Literal(title, lang="nl")))
        if e.text("title_en"):
            for prop in (DCTERMS.title, RDFS.label, SKOS.prefLabel):
                g.add((self.plan, prop, Literal(doc["title_en"], lang="en")))
        if e.text("subtitle"):
            g.add((self.plan, DCTERMS.alternative, Literal(doc["subtitle"], lang="nl")))
        municipality = e.text("municipality", required=not self.draft)
        if municipality:
            node = e.ref("partners", municipality, "municipality")
            if node is not None:
                g.add((self.plan, ivp.municipality, node))
        self._period(e, g, self.plan, doc.get("period"))
        self._source(e, doc.get("source"))
        self._sections(e, doc.get("sections"))
        scheme = self.iris.scheme(f"themas-{self.plan_id}")
        g.add((scheme, RDF.type, SKOS.ConceptScheme))
        g.add((scheme, SKOS.prefLabel, Literal(f"Thema's van {title or self.plan_id}", lang="nl")))
        g.add(
            (
                scheme,
                SKOS.definition,
                Literal(
                    f"De veiligheidsthema's die het plan {title or self.plan_id} onderscheidt.",
                    lang="nl",
                ),
            )
        )
        g.add((scheme, DCTERMS.source, self.plan))
        g.add((self.plan, ivp.themeScheme, scheme))
        self.scheme = scheme
        # themes first, so that everything else can refer to them
        themes = e.mappings("themes", "theme")
        for item in themes:
            self._theme_id(item)
        self._adoption(doc)
        for item in e.mappings("legal_bases"):
            self._mention(g, self.plan, item, "legal_bases", None)
        self._predecessor(doc.get("predecessor"), e.at("predecessor"))
        mission = doc.get("mission") or {}
        if mission:
            me = self.entry(mission, "mission", e.at("mission"))
            if me:
                me.check_keys({"pillars"})
                for item in me.mappings("pillars", "pillar"):
                    self._part(
                        item,
                        "pillar",
                        ivp.Pillar,
                        self.plan,
                        ivp.missionPillar,
                        "pijler",
                        "missie",
                        None,
                    )
        for item in e.mappings("principles", "principle"):
            self._part(
                item,
                "principle",
                ivp.Principle,
                self.plan,
                ivp.hasPrinciple,
                "uitgangspunt",
                "plan",
                None,
            )
        for item in themes:
            self._theme(item)
        for item in e.mappings("crosslinks", "crosslink"):
            self._crosslink(item)
        for item in e.mappings("partners", "partner involvement"):
            self._involvement(item, None, None, None)
        for item in e.mappings("memberships", "membership"):
            compositions.membership(self, item)
        for item in e.mappings("places", "place"):
            compositions.place(self, item)
        for key in ("target_groups", "instruments", "laws_used"):
            for item in e.mappings(key):
                self._mention(g, self.plan, item, key, None)
        plan_content.plan_content(self, e)
        if doc.get("budget") is not None:
            self._budget(doc["budget"], e.at("budget"))
        for item in e.mappings("financial_decisions", "financial decision"):
            self._decision(item)
        for item in e.mappings("indicators", "indicator"):
            self._indicator(item)
        for item in e.mappings("notes", "note"):
            self._note(item)

    def _period(self, e: Entry, g: Graph, node: URIRef, period: Any) -> None:
        if not isinstance(period, dict) or not all(
            isinstance(period.get(k), int) for k in ("start", "end")
        ):
            e.fail("'period' must be {start: YYYY, end: YYYY}", key="period")
            return
        if period["start"] > period["end"]:
            e.fail("period starts after it ends", line=yamlfile.key_line(period, "start"))
        g.add((node, self.ivp.startYear, Literal(str(period["start"]), datatype=XSD.gYear)))
        g.add((node, self.ivp.endYear, Literal(str(period["end"]), datatype=XSD.gYear)))

    def _source(self, e: Entry, source: Any) -> None:
        se = self.entry(source or {}, "source", e.at("source"))
        if se is None or not source:
            e.fail("'source' is required: {file, title, publisher}", key="source")
            return
        se.check_keys({"file", "title", "publisher"})
        file = se.text("file", required=True)
        if not file:
            return
        path = self.ctx.settings.data_dir / "sources" / file
        if not path.is_file():
            where = shown(self.ctx.settings.data_dir / "sources")
            se.fail(f"source text {file!r} is not in {where}/", "reference", key="file")
            return
        self.ctx.result.sources[self.plan_id] = path
        node = self.iris.id("brontekst", self.plan_id)
        g = self.g
        g.add((node, RDF.type, self.ivp.SourceText))
        g.add((node, self.ivp.fileName, Literal(file)))
        if se.text("title"):
            g.add((node, DCTERMS.title, Literal(source["title"], lang="nl")))
        if se.text("publisher"):
            g.add((node, DCTERMS.publisher, Literal(source["publisher"], lang="nl")))
        g.add((self.plan, DCTERMS.source, node))

    def _sections(self, e: Entry, sections: Any) -> None:
        if not isinstance(sections, dict) or not sections:
            e.fail("'sections' must map section ids to titles", key="sections")
            return
        for sid, title in sections.items():
            sid = str(sid)
            node = self.iris.id("sectie", self.plan_id, sid)
            self.sections[sid] = node
            self.g.add((node, RDF.type, self.ivp.Section))
            self.g.add((node, DCTERMS.identifier, Literal(sid)))
            self.g.add((node, DCTERMS.title, Literal(str(title), lang="nl")))
        for sid, node in self.sections.items():
            parent = sid.rsplit(".", 1)[0] if "." in sid else None
            self.g.add((node, DCTERMS.isPartOf, self.sections.get(parent or "", self.plan)))
            self.g.add((node, RDFS.label, Literal(self._section_label(sid, sections), lang="nl")))

    @staticmethod
    def _section_label(sid: str, titles: dict[Any, Any]) -> str:
        """'3.1.2 Ambities' for numbered sections; 'Ondermijning › Ambitie' for named ones."""
        if re.fullmatch(r"\d+(\.\d+)*", sid):
            return f"{sid} {titles[sid]}"
        parts = sid.split(".")
        path = [".".join(parts[: i + 1]) for i in range(len(parts))]
        return " › ".join(str(titles[p]) for p in path if p in titles)

    def _adoption(self, doc: dict[str, Any]) -> None:
        for key, by_prop, date_prop in (
            ("adoption", self.ivp.adoptedBy, DCTERMS.dateAccepted),
            ("proposal", self.ivp.proposedBy, DCTERMS.dateSubmitted),
        ):
            item = doc.get(key)
            if item is None:
                if key == "adoption" and not self.draft:
                    self.ctx.problem(
                        self.file, None, self.plan_id, "'adoption' is required", "schema"
                    )
                continue
            e = self.entry(item, key, yamlfile.key_line(doc, key))
            if e is None:
                continue
            e.check_keys({"by", "date"} | CITED)
            by = e.ref("partners", item.get("by"), "by")
            if by is not None:
                self.g.add((self.plan, by_prop, by))
            date = item.get("date")
            if isinstance(date, dt.date):
                self.g.add((self.plan, date_prop, Literal(date)))
            else:
                e.fail("'date' must be a date like 2022-10-18", key="date")
            statement = self._statement(self.plan, by_prop, by or self.plan, key)
            self.cite(self.g, statement, e, None)

    def _predecessor(self, item: Any, line: int | None) -> None:
        if item is None:
            return
        e = self.entry(item, "predecessor", line)
        if e is None:
            return
        e.check_keys({"id", "title", "period"} | CITED)
        ident = self.ident(e)
        if ident is None:
            return
        node = self.iris.plan(ident)
        self.g.add((node, RDF.type, self.ivp.SafetyPlan))
        self.g.add((node, DCTERMS.identifier, Literal(ident)))
        if e.text("title"):
            for prop in (DCTERMS.title, RDFS.label):
                self.g.add((node, prop, Literal(item["title"], lang="nl")))
        if item.get("period"):
            self._period(e, self.g, node, item["period"])
        self.g.add((self.plan, DCTERMS.replaces, node))
        self.cite(
            self.g, self._statement(self.plan, DCTERMS.replaces, node, "predecessor"), e, None
        )

    def _statement(self, s: URIRef, p: URIRef, o: URIRef, tag: str) -> URIRef:
        """A reified statement (rdf:Statement) to hang the quote of a plain triple on."""
        node = self.iris.quote(self.plan_id, tag, f"{s} {p} {o}").replace(
            "/citaat/", "/vermelding/"
        )
        node = URIRef(node)
        self.g.add((node, RDF.type, RDF.Statement))
        self.g.add((node, RDF.subject, s))
        self.g.add((node, RDF.predicate, p))
        self.g.add((node, RDF.object, o))
        self.g.add((node, self.ivp.inPlan, self.plan))
        return node

    def _mention(self, g: Graph, subject: URIRef, item: Any, key: str, section: str | None) -> None:
        """A target group, instrument or law named by the plan, a theme or an action.

        `legal_bases` (plan only) is what the plan says it rests on; `laws_used` are laws the
        plan applies as instruments (Wet Bibob, Opiumwet 13b). A target group may carry the
        passage's `qualifier` ("belangrijkste doelgroepen", "extra kwetsbaar").
        """
        registry, field_, prop = {
            "target_groups": ("target-groups", "group", self.ivp.targetGroup),
            "instruments": ("instruments", "instrument", self.ivp.instrument),
            "legal_bases": ("legal-bases", "law", self.ivp.legalBasis),
            "laws_used": ("legal-bases", "law", self.ivp.usesLaw),
        }[key]
        e = self.entry(item, key)
        if e is None:
            return
        e.name = str(item.get(field_, key))
        qualified = key == "target_groups"
        e.check_keys({field_} | CITED | ({"qualifier"} if qualified else set()))
        target = e.ref(registry, item.get(field_), field_)
        if target is None:
            return
        g.add((subject, prop, target))
        statement = self._statement(subject, prop, target, key)
        if qualified and e.text("qualifier"):
            g.add((statement, self.ivp.qualifier, Literal(str(item["qualifier"]), lang="nl")))
        self.cite(g, statement, e, section)

    # -- themes and what hangs under them --

    def _theme_id(self, item: Any) -> None:
        e = self.entry(item, "theme")
        if e is None:
            return
        ident = self.ident(e)
        if ident and self.unique(e, "theme", ident):
            self.themes[ident] = self.iris.id("thema", self.plan_id, ident)

    def theme_ref(self, e: Entry, value: Any, key: str, line: int | None = None) -> URIRef | None:
        """The theme `value` names, or a problem at `line` (default: the field `key`)."""
        if str(value) in self.themes:
            return self.themes[str(value)]
        e.fail(
            notice("unknown_theme", key=key, value=value, hint=suggest(str(value), self.themes)),
            "reference",
            line,
            key,
        )
        return None

    def _theme(self, item: Any) -> None:
        e = self.entry(item, "theme")
        if e is None or str(item.get("id")) not in self.themes:
            return
        ident = str(item["id"])
        node = self.themes[ident]
        g, ivp = self.g, self.ivp
        e.check_keys(THEME_KEYS)
        section = self.element(g, node, e, ivp.Theme, None, ident)
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.inScheme, self.scheme))
        g.add((node, SKOS.topConceptOf, self.scheme))
        g.add((self.plan, ivp.hasTheme, node))
        if isinstance(item.get("number"), int):
            g.add((node, SKOS.notation, Literal(str(item["number"]))))
        if e.text("source_label"):
            g.add((node, SKOS.hiddenLabel, Literal(item["source_label"], lang="nl")))
        if not item.get("definition"):
            message = "'definition' is required in theme (NL-SBB: every concept is defined)"
            e.fail(message, key="definition")
        status = e.vocab("themastatus", item.get("status"), "status", required=True)
        if status is not None:
            g.add((node, ivp.status, status))
        if item.get("body_missing"):
            g.add((node, ivp.bodyMissing, Literal(True)))
        parts = (
            ("pillars", "pillar", ivp.Pillar, ivp.hasPillar, "pijler"),
            ("ambitions", "ambition", ivp.Ambition, ivp.hasAmbition, "ambitie"),
            (
                "attention_points",
                "attention point",
                ivp.AttentionPoint,
                ivp.hasAttentionPoint,
                "aandachtspunt",
            ),
            ("principles", "principle", ivp.Principle, ivp.hasPrinciple, "uitgangspunt"),
        )
        for key, kind, cls, prop, segment in parts:
            for n, sub in enumerate(e.mappings(key, kind), start=1):
                self._part(sub, kind, cls, node, prop, segment, ident, section, n)
        for n, sub in enumerate(e.mappings("actions", "action"), start=1):
            self._action(sub, node, ident, section, n)
        for sub in e.mappings("partners", "partner involvement"):
            self._involvement(sub, node, ident, section)
        for key in ("target_groups", "instruments", "legal_bases", "laws_used"):
            for sub in e.mappings(key):
                self._mention(g, node, sub, key, section)
        for sub in e.mappings("core_themes", "core theme mapping"):
            self._mapping(sub, node, ident, section)
        plan_content.theme_content(self, e, node, ident, section)

    def _part(
        self,
        item: Any,
        kind: str,
        cls: URIRef,
        owner: URIRef,
        prop: URIRef,
        segment: str,
        scope: str,
        section: str | None,
        position: int | None = None,
    ) -> tuple[URIRef, str | None, str] | None:
        e = self.entry(item, kind)
        if e is None:
            return None
        if kind != "action":
            e.check_keys(ELEMENT_KEYS)
        fallback = f"{segment}-{position}" if position and "id" not in item else None
        ident = self.ident(e, fallback)
        if ident is None or not self.unique(e, f"{segment}/{scope}", ident):
            return None
        node = self.iris.id(segment, self.plan_id, scope, ident)
        sec = self.element(self.g, node, e, cls, section, ident)
        self.g.add((owner, prop, node))
        return node, sec, ident

    def _action(self, item: Any, theme: URIRef, scope: str, section: str | None, n: int) -> None:
        e = self.entry(item, "action")
        if e is None:
            return
        e.check_keys(ACTION_KEYS)
        made = self._part(
            item, "action", self.ivp.Action, theme, self.ivp.hasAction, "actie", scope, section, n
        )
        if made is None:
            return
        node, sec, ident = made
        for sub in e.mappings("partners", "partner involvement"):
            self._involvement(sub, theme, scope, sec, action=(node, ident))
        for key in ("target_groups", "instruments", "laws_used"):
            for sub in e.mappings(key):
                self._mention(self.g, node, sub, key, sec)

    def _involvement(
        self,
        item: Any,
        theme: URIRef | None,
        scope: str | None,
        section: str | None,
        action: tuple[URIRef, str] | None = None,
    ) -> None:
        e = self.entry(item, "partner involvement")
        if e is None:
            return
        e.name = str(item.get("partner", "partner involvement"))
        e.check_keys(INVOLVEMENT_KEYS)
        partner = e.ref("partners", item.get("partner"), "partner")
        if partner is None:
            return
        g, ivp = self.g, self.ivp
        parts = [scope or "plan"] + ([action[1]] if action else []) + [str(item["partner"])]
        parts.append(passage_key(item, section))  # one node per passage (graph/involvements.py)
        node = self.iris.id("betrokkenheid", self.plan_id, *parts)
        g.add((node, RDF.type, ivp.Involvement))
        g.add((node, ivp.partner, partner))
        g.add((node, ivp.inPlan, self.plan))
        g.add((self.plan, ivp.namesPartner, partner))
        if theme is not None:
            g.add((node, ivp.theme, theme))
            g.add((theme, ivp.involvesPartner, partner))
        if action is not None:
            g.add((node, ivp.action, action[0]))
        for role, line in e.items("roles"):
            concept = e.vocab("rol", role, "roles", line=line)
            if concept is not None:
                g.add((node, ivp.role, concept))
        if e.text("named_as"):
            g.add((node, ivp.namedAs, Literal(item["named_as"], lang="nl")))
        self.ctx.result.locations.setdefault(node, e.location())
        self.cite(g, node, e, section)

    def _mapping(self, item: Any, theme: URIRef, scope: str, section: str | None) -> None:
        e = self.entry(item, "core theme mapping")
        if e is None:
            return
        e.name = f"{scope} -> {item.get('concept')}"
        e.check_keys(MAPPING_KEYS)
        concept = e.vocab(VNG_SCHEME, str(item.get("concept")), "concept", required=True)
        match = item.get("match")
        if match == "close":
            e.fail(
                "match 'close' is not used (data/README.md, rule 8): choose exact, broad, "
                "narrow or related by the scope of the theme and the VNG concept",
                key="match",
            )
            return
        if match not in MATCH:
            e.fail(f"match must be one of {', '.join(MATCH)}, not {match!r}", key="match")
            return
        basis = e.vocab("mappinggrondslag", item.get("basis"), "basis", required=True)
        if concept is None or basis is None:
            return
        g, ivp = self.g, self.ivp
        node = self.iris.id("afbeelding", self.plan_id, scope, str(item["concept"]))
        g.add((node, RDF.type, ivp.CoreThemeMapping))
        g.add((node, ivp.mappedTheme, theme))
        g.add((node, ivp.coreTheme, concept))
        g.add((node, ivp.matchProperty, MATCH[match]))
        g.add((node, ivp.mappingBasis, basis))
        g.add((node, ivp.inPlan, self.plan))
        g.add((theme, MATCH[match], concept))
        self.ctx.result.locations.setdefault(node, e.location())
        self.cite(g, node, e, section)

    def _crosslink(self, item: Any) -> None:
        e = self.entry(item, "crosslink")
        if e is None:
            return
        e.name = f"{item.get('from')} -> {item.get('to') or item.get('to_domain')}"
        e.check_keys(CROSSLINK_KEYS)
        source = self.theme_ref(e, item.get("from"), "from")
        if ("to" in item) == ("to_domain" in item):
            e.fail("a crosslink needs exactly one of 'to' (a theme) or 'to_domain' (a domain)")
            return
        if "to" in item:
            target = self.theme_ref(e, item["to"], "to")
        else:
            target = e.vocab("domein", item["to_domain"], "to_domain")
        kind = e.vocab("kruisverbandsoort", item.get("kind"), "kind", required=True)
        directed = item.get("directed", False)
        if not isinstance(directed, bool):
            e.fail("'directed' must be true or false", key="directed")
        if source is None or target is None or kind is None:
            return
        if source == target:
            e.fail("a crosslink must join two different themes", key="to")
            return
        g, ivp = self.g, self.ivp
        to_id = str(item.get("to") or "domein-" + str(item.get("to_domain")))
        ends = [str(item["from"]), to_id]
        if not directed:
            ends.sort()
        node = self.iris.id("kruisverband", self.plan_id, f"{ends[0]}--{ends[1]}--{item['kind']}")
        g.add((node, RDF.type, ivp.CrossLink))
        g.add((node, ivp.linkFrom, source))
        g.add((node, ivp.linkTo, target))
        g.add((node, ivp.linkKind, kind))
        g.add((node, ivp.directed, Literal(bool(directed))))
        g.add((node, ivp.inPlan, self.plan))
        if "to" in item:
            g.add((source, ivp.crossLinkedWith, target))
            g.add((target, ivp.crossLinkedWith, source))
        else:
            g.add((source, ivp.crossLinkedWithDomain, target))
        self.ctx.result.locations.setdefault(node, e.location())
        self.cite(g, node, e, None)

    # -- money and figures --

    def _budget(self, item: Any, line: int | None) -> None:
        e = self.entry(item, "budget", line)
        if e is None:
            return
        e.check_keys(BUDGET_KEYS)
        ident = self.ident(e)
        if ident is None:
            return
        g, ivp = self.g, self.ivp
        table = self.iris.id("begroting", self.plan_id, ident)
        section = self.element(g, table, e, ivp.BudgetTable, None, ident)
        g.add((table, QB.structure, ivp.budgetStructure))
        g.add((self.plan, ivp.budget, table))
        multiplier = item.get("multiplier", 1)
        if not isinstance(multiplier, int) or multiplier <= 0:
            e.fail("'multiplier' must be a positive whole number", key="multiplier")
            multiplier = 1
        g.add((table, ivp.multiplier, Literal(multiplier)))
        lines = e.mappings("lines", "budget line")
        if item.get("total") is not None:
            total = item["total"]
            if isinstance(total, dict) and "id" not in total:
                total = yamlfile.Mapping(total, id="totaal")
                total.line = yamlfile.line_of(item["total"]) or e.at("total") or 0
                total.key_lines = dict(getattr(item["total"], "key_lines", {}))
            lines.append(total)
        for line_item in lines:
            is_total = line_item is lines[-1] and item.get("total") is not None
            self._budget_line(line_item, table, multiplier, section, is_total)

    def _budget_line(
        self, item: Any, table: URIRef, multiplier: int, section: str | None, is_total: bool
    ) -> None:
        head = self._identified(item, "budget line", LINE_KEYS, "budget line")
        if head is None:
            return
        e, ident = head
        g, ivp = self.g, self.ivp
        node = self.iris.id("begrotingspost", self.plan_id, ident)
        sec = self.element(g, node, e, ivp.BudgetLine, section, ident)
        g.add((table, ivp.hasLine, node))
        if is_total:
            g.add((node, ivp.isTotal, Literal(True)))
        amounts = item.get("amounts")
        if not isinstance(amounts, dict) or not amounts:
            e.fail("'amounts' must map years to amounts as printed", key="amounts")
            amounts = {}
        for year, amount in amounts.items():
            line = yamlfile.key_line(amounts, year)
            if not isinstance(year, int) or not isinstance(amount, int | float):
                e.fail(f"amount for {year!r} must be a number, keyed by a year", line=line)
                continue
            obs = self.iris.id("begrotingspost", self.plan_id, ident, str(year))
            self.ctx.result.locations[obs] = Location(self.file, line, f"{ident} {year}")
            printed = Decimal(str(amount))
            g.add((obs, RDF.type, QB.Observation))
            g.add((obs, QB.dataSet, table))
            g.add((obs, ivp.budgetLine, node))
            g.add((obs, ivp.year, Literal(str(year), datatype=XSD.gYear)))
            g.add((obs, ivp.amountAsPrinted, Literal(printed)))
            g.add((obs, ivp.amountEUR, Literal(printed * multiplier)))
            for quote in g.objects(node, PROV.wasDerivedFrom):
                g.add((obs, PROV.wasDerivedFrom, quote))
        plan_content.all_themes(self, e, node, sec)
        for sub in e.mappings("themes", "funded theme"):
            se = self.entry(sub, "funded theme")
            if se is None:
                continue
            se.name = f"{ident} -> {sub.get('theme')}"
            se.check_keys({"theme"} | CITED)
            theme = self.theme_ref(se, sub.get("theme"), "theme")
            if theme is not None:
                g.add((node, ivp.funds, theme))
                self.cite(g, self._statement(node, ivp.funds, theme, "funds"), se, sec)

    def _decision(self, item: Any) -> None:
        head = self._identified(item, "financial decision", DECISION_KEYS, "decision")
        if head is None:
            return
        e, ident = head
        g, ivp = self.g, self.ivp
        node = self.iris.id("financieel-besluit", self.plan_id, ident)
        self.element(g, node, e, ivp.FinancialDecision, None, ident)
        g.add((self.plan, ivp.financialDecision, node))
        amount = item.get("amount")
        if isinstance(amount, int | float):
            g.add((node, ivp.amountEUR, Literal(Decimal(str(amount)))))
        else:
            e.fail("'amount' (euro) is required and must be a number", key="amount")
        for key, prop in (("start_year", ivp.startYear), ("end_year", ivp.endYear)):
            if isinstance(item.get(key), int):
                g.add((node, prop, Literal(str(item[key]), datatype=XSD.gYear)))
            elif key in item:
                e.fail(f"'{key}' must be a year", key=key)
        g.add((node, ivp.structural, Literal(bool(item.get("structural", False)))))
        for key, prop in (("funded_from", ivp.fundedFrom), ("booked_in", ivp.bookedIn)):
            if e.text(key):
                g.add((node, prop, Literal(str(item[key]), lang="nl")))

    def _indicator(self, item: Any) -> None:
        head = self._identified(item, "indicator", INDICATOR_KEYS, "indicator")
        if head is None:
            return
        e, ident = head
        g, ivp = self.g, self.ivp
        node = self.iris.id("indicator", self.plan_id, ident)
        section = self.element(g, node, e, ivp.Indicator, None, ident)
        g.add((node, QB.structure, ivp.indicatorStructure))
        g.add((self.plan, ivp.hasIndicator, node))
        unit = item.get("unit")
        if unit not in UNITS:
            e.fail(f"'unit' must be one of {', '.join(sorted(UNITS))}", key="unit")
        else:
            g.add((node, ivp.unit, Literal(unit)))
        if item.get("measured_by"):
            by = e.ref("partners", item["measured_by"], "measured_by")
            if by is not None:
                g.add((node, ivp.measuredBy, by))
        if e.text("instrument_label"):
            g.add((node, ivp.measurementInstrument, Literal(item["instrument_label"], lang="nl")))
        for obs_item in e.mappings("observations", "observation"):
            oe = self.entry(obs_item, "observation")
            if oe is None:
                continue
            oe.name = f"{ident} {obs_item.get('period')}"
            oe.check_keys(OBSERVATION_KEYS)
            period = oe.text("period", required=True)
            if period is None:
                continue
            if ("value" in obs_item) == ("missing" in obs_item):
                oe.fail("an observation needs exactly one of 'value' or 'missing'")
                continue
            slug = re.sub(r"[^a-z0-9]+", "-", period.lower()).strip("-")
            if not self.unique_at(oe, f"observation/{ident}", slug, "period"):
                continue
            obs = self.iris.id("indicator", self.plan_id, ident, slug)
            g.add((obs, RDF.type, QB.Observation))
            g.add((obs, QB.dataSet, node))
            g.add((obs, ivp.indicator, node))
            g.add((obs, ivp.period, Literal(period)))
            if "value" in obs_item:
                if not isinstance(obs_item["value"], int | float):
                    oe.fail("'value' must be a number", key="value")
                    continue
                g.add((obs, ivp.value, Literal(Decimal(str(obs_item["value"])))))
            else:
                g.add((obs, ivp.missingValue, Literal(str(obs_item["missing"]))))
            if oe.text("note"):
                g.add((obs, RDFS.comment, Literal(obs_item["note"], lang="en")))
            at = oe.at("value" if "value" in obs_item else "missing")
            self.ctx.result.locations.setdefault(obs, Location(self.file, at, oe.name))
            if "quote" in obs_item:
                self.cite(g, obs, oe, section)
            else:
                for quote in g.objects(node, PROV.wasDerivedFrom):
                    g.add((obs, PROV.wasDerivedFrom, quote))

    def _note(self, item: Any) -> None:
        head = self._identified(item, "note", NOTE_KEYS, "note")
        if head is None:
            return
        e, ident = head
        g, ivp = self.g, self.ivp
        node = self.iris.id("notitie", self.plan_id, ident)
        g.add((node, RDF.type, ivp.Note))
        g.add((node, DCTERMS.identifier, Literal(ident)))
        g.add((node, ivp.inPlan, self.plan))
        g.add((self.plan, ivp.hasNote, node))
        kind = e.vocab("notitiesoort", item.get("kind"), "kind", required=True)
        if kind is not None:
            g.add((node, ivp.noteKind, kind))
        text = e.text("text", required=True)
        if text:
            g.add((node, RDFS.comment, Literal(text)))
        for theme, line in e.items("about"):
            ref = self.theme_ref(e, theme, "about", line)
            if ref is not None:
                g.add((node, ivp.about, ref))
        self.ctx.result.locations[node] = e.location(ident)
        self.cite(g, node, e, None, key="quotes")
