"""The parts of the dataset every plan shares: the ontology files and the registries."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV

from graph import partner_types, yamlfile
from graph.entries import ID_PATTERN, JURICONNECT, ONTOLOGY_FILES, Context, Entry, Location
from graph.iris import rebase
from graph.links import iri_problem
from graph.notices import notice
from graph.problems import relative

# --- the model: ontology, vocabularies, reference scheme -------------------------------------


def load_model(ctx: Context) -> None:
    model = ctx.graph("model")
    for name in ONTOLOGY_FILES:
        path = ctx.settings.ontology_dir / name
        rel = relative(path, ctx.settings.ontology_dir.parent)
        try:
            parsed = Graph().parse(path, format="turtle")
        except FileNotFoundError:
            ctx.problem(rel, None, None, "ontology file is missing", "syntax")
            continue
        except Exception as err:  # rdflib raises several types for bad Turtle
            line = getattr(err, "lines", None)
            ctx.problem(rel, line, None, f"malformed Turtle: {err}".splitlines()[0], "syntax")
            continue
        _check_iris(ctx, path, rel, parsed)
        for triple in rebase(parsed, ctx.settings.base):
            model.add(triple)
        for quote_node in parsed.subjects(RDF.type, DEFAULT_QUOTE):
            for subject in parsed.subjects(PROV.wasDerivedFrom, quote_node):
                ctx.result.locations.setdefault(
                    quote_node,
                    Location(rel, None, str(subject)),  # type: ignore[arg-type]
                )
    # index the vocabularies by scheme and notation, so data files can say `role: regie`
    for concept, scheme in model.subject_objects(SKOS.inScheme):
        notation = model.value(concept, SKOS.notation)
        scheme_name = str(scheme).rsplit("/", 1)[-1]
        if notation is not None:
            ctx.vocab.setdefault(scheme_name, {})[str(notation)] = concept  # type: ignore[assignment]


def _check_iris(ctx: Context, path: Path, rel: str, parsed: Graph) -> None:
    """Only http(s) IRIs in the model too: its pages link every IRI it holds."""
    wrong = {
        str(t): problem
        for triple in parsed
        for t in triple
        if isinstance(t, URIRef) and (problem := iri_problem(str(t)))
    }
    if not wrong:
        return
    lines = path.read_text(encoding="utf-8").splitlines()
    for iri, problem in sorted(wrong.items()):
        # the first line that spells it out in full; a prefixed name gives none
        line = next((n for n, text in enumerate(lines, 1) if f"<{iri}>" in text), None)
        ctx.problem(rel, line, iri, problem, "schema")


DEFAULT_QUOTE = URIRef("https://w3id.org/kruisverband/def/ivp#Quote")


# --- registries -------------------------------------------------------------------------------

# fmt: off
REGISTRY_KEYS = {
    "partners": {
        "id", "label", "label_en", "kind", "domains", "aliases", "part_of", "description",
        "cbs_code", "tooi",
        *partner_types.KEYS,  # type, scope, region, covers, member_of (graph/partner_types.py)
    },
    "target-groups": {"id", "label", "label_en", "definition"},
    "instruments": {"id", "label", "label_en", "definition", "legal_basis"},
    "legal-bases": {
        "id", "label", "label_en", "bwb", "article", "paragraph", "part_of", "uri", "review",
    },
}
# fmt: on


def load_registries(ctx: Context) -> None:
    """Two passes: first every id (so entries may refer to later ones), then the triples."""
    entries: dict[str, list[tuple[yamlfile.Mapping, str]]] = {}
    for name in REGISTRY_KEYS:
        path = ctx.settings.data_dir / "registry" / f"{name}.yaml"
        rel = relative(path, ctx.settings.data_dir.parent)
        try:
            doc = yamlfile.load(path)
        except FileNotFoundError:
            ctx.problem(rel, None, None, "registry file is missing", "syntax")
            continue
        except yamlfile.YamlError as err:
            ctx.problem(rel, err.line, None, err.message, "syntax")
            continue
        if not isinstance(doc, list):
            ctx.problem(rel, None, None, "a registry file must be a YAML list of entries", "schema")
            continue
        known = ctx.registry.setdefault(name, {})
        entries[name] = []
        for index, item in enumerate(doc):
            line = yamlfile.key_line(item, "id") or yamlfile.item_line(doc, index)
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                ctx.problem(rel, line, None, "every entry needs an 'id'", "schema")
                continue
            ident = item["id"]
            if not ID_PATTERN.match(ident):
                ctx.problem(rel, line, ident, "id must be a lower-case slug", "schema")
            if ident in known:
                ctx.problem(
                    rel,
                    line,
                    ident,
                    notice("duplicate_registry_id", name=name, ident=ident),
                    "duplicate",
                )
                continue
            kind = {"partners": "partner", "legal-bases": "wetsbepaling"}.get(name)
            known[ident] = (
                ctx.iris.id(kind, ident)
                if kind
                else ctx.iris.concept({"target-groups": "doelgroep"}.get(name, "instrument"), ident)
            )
            entries[name].append((item, rel))
    reg = ctx.graph("register")
    ivp = ctx.ivp
    partners_file = relative(
        ctx.settings.data_dir / "registry" / "partners.yaml", ctx.settings.data_dir.parent
    )
    ref = partner_types.load_reference(ctx, partners_file) if "partners" in entries else None
    for name, items in entries.items():
        for item, rel in items:
            entry = Entry(ctx, rel, item, name)
            node = ctx.registry[name][item["id"]]
            entry.check_keys(REGISTRY_KEYS[name])
            entry.labels(reg, node)
            reg.add((node, DCTERMS.identifier, Literal(item["id"])))
            ctx.result.locations[node] = entry.location(item["id"])
            if name == "partners":
                _partner(entry, reg, node)
                partner_types.describe(entry, reg, node, ref)
            elif name == "legal-bases":
                reg.add((node, RDF.type, ivp.LegalProvision))
                bwb, article, uri = item.get("bwb"), item.get("article"), item.get("uri")
                if bwb and not re.fullmatch(r"BWBR\d{7}", str(bwb)):
                    entry.fail(f"bwb must look like BWBR0031788, not {bwb!r}", "schema", key="bwb")
                if bwb:
                    reg.add((node, ivp.bwbId, Literal(str(bwb))))
                    paragraph = item.get("paragraph")  # lid: only within an article
                    jci = JURICONNECT + str(bwb) + (f"&artikel={article}" if article else "")
                    jci += f"&lid={paragraph}" if article and paragraph else ""
                    wrong = iri_problem(jci)
                    if wrong:
                        entry.fail(
                            f"'article' makes an invalid juriconnect IRI: {wrong}",
                            key="article",
                        )
                    else:
                        reg.add((node, ivp.juriconnect, URIRef(jci)))
                if article:
                    reg.add((node, ivp.article, Literal(str(article))))
                if item.get("paragraph") is not None:
                    if not article:
                        entry.fail("'paragraph' (lid) needs an 'article'", key="paragraph")
                    reg.add((node, ivp.paragraph, Literal(str(item["paragraph"]))))
                if item.get("part_of"):
                    whole = entry.ref("legal-bases", item["part_of"], "part_of")
                    if whole is not None:
                        reg.add((node, DCTERMS.isPartOf, whole))
                see_also = entry.iri("uri")
                if see_also is not None:
                    reg.add((node, RDFS.seeAlso, see_also))
                review = item.get("review")
                mark = entry.vocab("beoordeling", review, "review")
                if mark is not None:
                    reg.add((node, ivp.reviewStatus, mark))
                # a law `ivp extract` proposed has no BWB id until a curator looks it up
                if not bwb and not uri and review != "unreviewed":
                    entry.fail("a legal basis needs 'bwb' or 'uri'", "schema")
            else:
                scheme = "doelgroep" if name == "target-groups" else "instrument"
                cls = ivp.TargetGroup if name == "target-groups" else ivp.Instrument
                reg.add((node, RDF.type, cls))
                reg.add((node, RDF.type, SKOS.Concept))
                reg.add((node, SKOS.inScheme, ctx.iris.scheme(scheme)))
                reg.add((node, SKOS.notation, Literal(item["id"])))
                entry.definition(reg, node, required=True)
                if item.get("legal_basis"):
                    law = entry.ref("legal-bases", item["legal_basis"], "legal_basis")
                    if law is not None:
                        reg.add((node, ivp.legalBasis, law))
    partner_types.inherit_areas(ctx, reg)
    for scheme, label_nl, label_en in (
        ("doelgroep", "Doelgroepen", "Target groups"),
        ("instrument", "Instrumenten", "Instruments"),
    ):
        node = ctx.iris.scheme(scheme)
        reg.add((node, RDF.type, SKOS.ConceptScheme))
        reg.add((node, SKOS.prefLabel, Literal(label_nl, lang="nl")))
        reg.add((node, SKOS.prefLabel, Literal(label_en, lang="en")))
        reg.add(
            (
                node,
                SKOS.definition,
                Literal(f"{label_nl} die de integrale veiligheidsplannen noemen.", lang="nl"),
            )
        )


def _partner(entry: Entry, reg: Graph, node: URIRef) -> None:
    ivp, item = entry.ctx.ivp, entry.item
    reg.add((node, RDF.type, ivp.Partner))
    kind = entry.vocab("partnersoort", item.get("kind"), "kind", required=True)
    if kind is not None:
        reg.add((node, ivp.partnerKind, kind))
    if item.get("kind") in ("organisatie", "gemeente", "samenwerkingsverband"):
        reg.add((node, RDF.type, ORG.Organization))
    elif item.get("kind") == "organisatieonderdeel":
        reg.add((node, RDF.type, ORG.OrganizationalUnit))
    elif item.get("kind") == "groep":
        reg.add((node, RDF.type, FOAF.Group))
    domains = item.get("domains") or []
    if not domains:
        entry.fail("a partner needs at least one domain", "schema", key="domains")
    for domain, line in entry.items("domains") if domains else []:
        concept = entry.vocab("domein", domain, "domains", line=line)
        if concept is not None:
            reg.add((node, ivp.domain, concept))
    for alias in entry.as_list(item.get("aliases"), "aliases"):
        reg.add((node, SKOS.altLabel, Literal(str(alias), lang="nl")))
    if item.get("description"):
        reg.add((node, DCTERMS.description, Literal(str(item["description"]), lang="nl")))
    if item.get("part_of"):
        parent = entry.ref("partners", item["part_of"], "part_of")
        if parent is not None:
            reg.add((node, ORG.subOrganizationOf, parent))
    if item.get("kind") == "gemeente":
        reg.add((node, RDF.type, ivp.Municipality))
        code, tooi = item.get("cbs_code"), item.get("tooi")
        if not code or not re.fullmatch(r"GM\d{4}", str(code)):
            entry.fail("a gemeente needs cbs_code like GM0268", "schema", key="cbs_code")
        else:
            reg.add((node, ivp.cbsCode, Literal(str(code))))
        if not tooi or not str(tooi).startswith("https://identifier.overheid.nl/tooi/id/"):
            entry.fail(
                "a gemeente needs its TOOI IRI (https://identifier.overheid.nl/tooi/id/...)",
                "schema",
                key="tooi",
            )
        else:
            same_as = entry.iri("tooi")
            if same_as is not None:
                reg.add((node, OWL.sameAs, same_as))
