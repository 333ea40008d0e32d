"""What the extractors look for, read from the data, never listed in code.

Partner names come from the registry (labels and aliases), municipalities and regions from
data/reference/, laws and instruments from their registries, VNG labels and the cue words of
each kind of statement from ontology/, theme names from the curated plans. `leave_out` drops
everything only one plan taught us (its partners, its aliases, its theme labels), so that the
evaluation scores a plan as if nobody had curated it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import RDF, SKOS, Graph, URIRef

from graph import yamlfile
from graph.config import Settings
from graph.extract.sections import slug
from graph.quotes import normalise

REFERENCE_KEYS = ("partner", "by", "measured_by", "municipality", "law", "instrument", "group")
IVP = "https://w3id.org/kruisverband/def/ivp#"
LOCAL_KINDS = {"organisatieonderdeel", "bestuursorgaan", "functie", "groep"}
BEGRIP = "https://w3id.org/kruisverband/id/begrip/"


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, one space, no emphasis: the form names are compared in (cached: the same
    registry names are folded again and again)."""
    return normalise(text).lower()


@dataclass
class PartnerEntry:
    id: str
    label: str
    kind: str
    domains: list[str]
    names: list[str]
    region: str | None = None  # the region or municipality in its name ("Den Haag")
    bound_to: str | None = None  # the gemeente id it belongs to (part_of chain)
    type_label: str | None = None  # its name without the region: "Veiligheidsregio"
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Municipality:
    cbs_code: str
    name: str
    veiligheidsregio: str
    riec: str
    police_unit: str


@dataclass(frozen=True)
class Provision:
    id: str
    label: str
    law: str  # the law's name as matched: "Politiewet", "Opiumwet", "Wet Bibob"
    article: str | None
    names: tuple[str, ...]
    paragraph: str | None = None  # a lid: cited only where the sentence names it
    bwb: str | None = None  # the law's BWB id, for a provision of it the registry lacks

    @property
    def law_id(self) -> str:
        """The id stem of the law: what a new article of it is named under."""
        return self.id.split("-art-", 1)[0]


@dataclass(frozen=True)
class PartnerType:
    """A type of the partner-type scheme and the words a plan names it by: its labels (a bare
    "woningcorporatie" is a partner of that type) and its hidden labels, the heads of a name
    that only count with the name ("afdeling Wijkzaken", "Stichting Buurtwerk Oost")."""

    notation: str
    label: str
    names: tuple[str, ...]
    heads: tuple[str, ...]


@dataclass
class Lexicon:
    partners: dict[str, PartnerEntry]
    municipalities: dict[str, Municipality]  # folded name -> municipality
    regions: dict[str, set[str]]  # reference column -> region names
    instruments: dict[str, tuple[str, tuple[str, ...], str | None]]  # id -> label, names, law
    provisions: list[Provision]
    vng: dict[str, list[str]]  # notation -> labels
    theme_names: list[tuple[str, str, list[str]]]  # label, status, VNG notations it maps to
    cues: dict[str, list[str]]  # concept or class local name -> cue words
    plans: dict[str, Path]  # curated plan id -> its file
    left_out: str | None = None
    partner_types: list[PartnerType] = field(default_factory=list)

    def region_index(self) -> dict[str, list[str]]:
        """Region and municipality names by their first word, longest first."""
        if not hasattr(self, "_region_index"):
            index: dict[str, list[str]] = {}
            for names in self.regions.values():
                for name in names:
                    first = re.match(r"[\w'’]+", name)
                    if first:
                        index.setdefault(first.group(), []).append(name)
            for names in index.values():
                names.sort(key=len, reverse=True)
            self._region_index = index
        return self._region_index

    def topic_names(self) -> set[str]:
        """Theme and VNG labels and the partner cues, folded: what a plan names that is a
        subject, not a partner ("jeugd en veiligheid, zorg en veiligheid en ...")."""
        if not hasattr(self, "_topic_names"):
            names = {fold(label) for label, _status, _vng in self.theme_names}
            names |= {fold(label) for labels in self.vng.values() for label in labels}
            names |= {fold(c) for c in self.cue("Partner")}
            names |= {fold(c).split()[-1] for c in self.cue("Partner")}  # "organisaties"
            self._topic_names = names
        return self._topic_names

    def cue(self, name: str) -> list[str]:
        return self.cues.get(name, [])

    def municipality(self, name: str) -> Municipality | None:
        return self.municipalities.get(fold(name).removeprefix("gemeente ").strip())


def load(settings: Settings, leave_out: str | None = None) -> Lexicon:
    data = settings.data_dir
    docs = {p.stem: (p, yamlfile.load(p)) for p in sorted((data / "plans").glob("*.yaml"))}
    # a draft's guesses are no lexicon: only curated plans teach the extractor
    curated = {pid: doc for pid, (_, doc) in docs.items() if not is_draft(doc)}
    plans = {pid: docs[pid][0] for pid in curated}
    refs = {pid: set(_references(doc)) for pid, doc in curated.items()}
    others = set().union(*(r for pid, r in refs.items() if pid != leave_out)) if refs else set()
    only_left_out = (refs.get(leave_out, set()) - others) if leave_out else set()
    texts_other, text_left_out = _source_texts(data, curated, leave_out)
    municipalities, regions = _reference(data / "reference" / "gemeenten-regio.csv")
    partners = _partners(data, only_left_out, text_left_out, texts_other, regions)
    instruments, provisions = _legal(data, only_left_out)
    model = Graph()
    for name in ("ivp.ttl", "vng-kernbeleid-veiligheid.ttl", "partner-types.ttl"):
        path = settings.ontology_dir / name
        if path.is_file():
            model.parse(path, format="turtle")
    vng = _vng(model)
    cues = _cues(model)
    theme_names = [t for pid, doc in curated.items() if pid != leave_out for t in _themes(doc)]
    return Lexicon(
        partners, municipalities, regions, instruments, provisions, vng, theme_names, cues,
        plans, leave_out, _partner_types(model),
    )  # fmt: skip


def is_draft(doc: object) -> bool:
    """Whether a loaded plan file is a draft `ivp extract` wrote (`status: draft`)."""
    return isinstance(doc, dict) and doc.get("status") == "draft"


def _references(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in REFERENCE_KEYS and isinstance(value, str):
                yield value
            else:
                yield from _references(value)
    elif isinstance(node, list):
        for item in node:
            yield from _references(item)


def _source_texts(data: Path, plans: dict[str, Any], leave_out: str | None) -> tuple[str, str]:
    other, left = [], ""
    for pid, doc in plans.items():
        file = (doc.get("source") or {}).get("file") if isinstance(doc, dict) else None
        source = data / "sources" / str(file)
        if not file or not source.is_file():
            continue
        text = fold(source.read_text(encoding="utf-8"))
        if pid == leave_out:
            left = text
        else:
            other.append(text)
    return "\n".join(other), left


def _reference(path: Path) -> tuple[dict[str, Municipality], dict[str, set[str]]]:
    municipalities: dict[str, Municipality] = {}
    regions: dict[str, set[str]] = {"veiligheidsregio": set(), "riec": set(), "politie": set()}
    if not path.is_file():
        return municipalities, regions
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            m = Municipality(
                row["cbs_code"],
                row["gemeente"],
                row["veiligheidsregio"],
                row["riec_afgeleid"].removeprefix("RIEC ").strip(),
                row["politie_eenheid_afgeleid"],
            )
            municipalities[fold(m.name)] = m
            dashboard = row.get("gemeente_naam_dashboard") or ""
            if dashboard:
                municipalities.setdefault(fold(dashboard), m)
            regions["veiligheidsregio"].add(m.veiligheidsregio)
            if row["riec_afgeleid"].startswith("RIEC "):
                regions["riec"].add(m.riec)
            regions["politie"].add(m.police_unit)
    regions["gemeente"] = {m.name for m in municipalities.values()}
    return municipalities, regions


def _partners(
    data: Path,
    drop: set[str],
    text_left_out: str,
    texts_other: str,
    regions: dict[str, set[str]],
) -> dict[str, PartnerEntry]:
    doc = yamlfile.load(data / "registry" / "partners.yaml")
    raw = {str(i["id"]): i for i in doc if isinstance(i, dict) and "id" in i}
    gemeenten = {pid: i for pid, i in raw.items() if i.get("kind") == "gemeente"}
    places = sorted({r for names in regions.values() for r in names}, key=len, reverse=True)
    entries: dict[str, PartnerEntry] = {}
    for pid, item in raw.items():
        if pid in drop:
            continue
        label = str(item.get("label", pid))
        names = [label] + [str(a) for a in item.get("aliases") or []]
        if text_left_out:  # an alias only the left-out plan's text uses was learned from it
            names = [
                n
                for n in names
                if n == label or fold(n) not in text_left_out or fold(n) in texts_other
            ]
        entry = PartnerEntry(
            pid, label, str(item.get("kind", "organisatie")),
            [str(d) for d in item.get("domains") or ["veiligheid"]], names, raw=dict(item),
        )  # fmt: skip
        entry.bound_to = _bound_to(pid, raw, gemeenten)
        # the region as the label names it ("RIEC Den Haag"); the registry's `region:` is a
        # code (VR15) that no plan writes
        region = next(
            (p for p in places if re.search(rf"\b{re.escape(fold(p))}\b", fold(label))), None
        )
        if region and entry.kind != "gemeente":
            entry.region = str(region)
            rest = re.sub(rf"\(?\b{re.escape(str(region))}\b\)?", "", label, flags=re.I)
            rest = re.sub(r"\([^)]*\)", " ", rest).strip()
            # "College van burgemeester en wethouders van Nijmegen": the type ends before "van"
            rest = re.sub(r"\s+(?:regio|van|voor|in|te)$", "", rest.strip(" -,"), flags=re.I)
            entry.type_label = " ".join(rest.split()).strip(" -,")
            if entry.bound_to is None and item.get("scope") == "lokaal":
                # a local body named after its municipality ("Kernteam Pijnacker-Nootdorp")
                # is that municipality's own, whatever its kind
                entry.bound_to = _gemeente_named(str(region), gemeenten)
        entries[pid] = entry
    return entries


def _gemeente_named(place: str, gemeenten: dict[str, Any]) -> str | None:
    for gid, item in gemeenten.items():
        names = [str(item.get("label", "")), *(str(a) for a in item.get("aliases") or [])]
        if fold(place) in {fold(n) for n in names} or fold(f"gemeente {place}") in {
            fold(n) for n in names
        }:
            return gid
    return None


def _bound_to(pid: str, raw: dict[str, Any], gemeenten: dict[str, Any]) -> str | None:
    """The gemeente a partner is part of (its part_of chain, or its id's suffix)."""
    seen = set()
    current = pid
    while current in raw and current not in seen:
        seen.add(current)
        if current in gemeenten and current != pid:
            return current
        parent = raw[current].get("part_of")
        if not parent:
            break
        current = str(parent)
    if pid in gemeenten or raw[pid].get("kind") not in LOCAL_KINDS:
        return None  # a regional organisation named after a city is not that city's own
    for gid in gemeenten:
        place = gid.removeprefix("gemeente-")
        if pid.endswith("-" + place):
            return gid
    return None


def _legal(
    data: Path, drop: set[str]
) -> tuple[dict[str, tuple[str, tuple[str, ...], str | None]], list[Provision]]:
    instruments: dict[str, tuple[str, tuple[str, ...], str | None]] = {}
    for item in yamlfile.load(data / "registry" / "instruments.yaml") or []:
        if not isinstance(item, dict) or item.get("id") in drop:
            continue
        label = str(item.get("label", item["id"]))
        names = _name_variants(label)
        instruments[str(item["id"])] = (label, tuple(names), item.get("legal_basis"))
    provisions = []
    for item in yamlfile.load(data / "registry" / "legal-bases.yaml") or []:
        if not isinstance(item, dict) or item.get("id") in drop:
            continue
        label = str(item.get("label", item["id"]))
        law = re.split(r",|\(", label)[0].strip()
        names = [law, re.sub(r"\s+\d{4}$", "", law)] + [
            n for n in _name_variants(label) if n != label
        ]
        article = str(item["article"]) if item.get("article") else None
        if article is None:
            names.append(label)
        unique = tuple(dict.fromkeys(n for n in names if len(n) > 2))
        paragraph = str(item["paragraph"]) if item.get("paragraph") else None
        bwb = str(item["bwb"]) if item.get("bwb") else None
        provisions.append(Provision(str(item["id"]), label, law, article, unique, paragraph, bwb))
    return instruments, provisions


def abbreviates(short: str, name: str) -> bool:
    """Does `short` abbreviate `name`: its letters in order, the first at the start of a word
    (Schwartz and Hearst's test: "HEIT" of "Haags Economisch Interventieteam")?"""
    letters = [c.lower() for c in short if c.isalnum()]
    if not letters or not short[0].isupper():
        return False
    at = len(name) - 1
    for n in range(len(letters) - 1, -1, -1):
        while at >= 0 and (
            name[at].lower() != letters[n] or (n == 0 and at > 0 and name[at - 1].isalnum())
        ):
            at -= 1
        if at < 0:
            return False
        at -= 1
    return True


def _name_variants(label: str) -> list[str]:
    """ "Wet Bibob-toets" -> also "Wet Bibob"; "Opiumwet, artikel 13b (Wet Damocles)" -> the
    parenthesised name; "Algemene Plaatselijke Verordening (APV)" -> both parts."""
    names = [label]
    inner = re.findall(r"\(([^)]+)\)", label)
    outer = re.sub(r"\s*\([^)]*\)", "", label).strip()
    names += [  # "(Wet Damocles)", "(APV)", "(Wvggz)"; not "(bestuurlijke)", a word in a name
        i.strip() for i in inner
        if len(i.split()) >= 2 or (i.strip().isupper() and len(i.strip()) > 2)
        or (len(i.strip()) > 2 and abbreviates(i.strip(), outer))
    ]  # fmt: skip
    names.append(outer)
    names.append(re.sub(r"-(toets|toetsing|instrument|maatregel)$", "", outer))
    names += [p.strip() for p in re.split(r"\bop grond van\b|\bvan de\b", outer) if len(p) > 6]
    return [n for n in dict.fromkeys(names) if n]


def _vng(model: Graph) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for concept in model.subjects(RDF.type, SKOS.Concept):
        if "/vng-kernbeleid-veiligheid/" not in str(concept):
            continue
        notation = model.value(concept, SKOS.notation)
        labels = [
            str(label)
            for prop in (SKOS.prefLabel, SKOS.altLabel)
            for label in model.objects(concept, prop)
            if getattr(label, "language", None) == "nl"
        ]
        if notation is not None:
            found[str(notation)] = labels
    return found


def _partner_types(model: Graph) -> list[PartnerType]:
    scheme = URIRef("https://w3id.org/kruisverband/id/begrippenkader/partnertype")
    found = []
    for concept in sorted(model.subjects(SKOS.inScheme, scheme)):
        notation = model.value(concept, SKOS.notation)

        def nl(prop: URIRef, concept: URIRef = concept) -> list[str]:
            values = model.objects(concept, prop)
            return [str(v) for v in values if getattr(v, "language", "") == "nl"]

        labels = nl(SKOS.prefLabel)
        if notation is None or not labels:
            continue
        names = []
        for label in labels + nl(SKOS.altLabel):
            # "Rekenkamer(commissie)": both "Rekenkamer" and "Rekenkamercommissie"
            names += [re.sub(r"\s*\([^)]*\)", "", label), re.sub(r"[()]", "", label)]
        unique = tuple(dict.fromkeys(n.strip() for n in names if len(n.strip()) > 2))
        found.append(PartnerType(str(notation), labels[0], unique, tuple(nl(SKOS.hiddenLabel))))
    return found


def _cues(model: Graph) -> dict[str, list[str]]:
    cues: dict[str, list[str]] = {}
    for subject, cue in model.subject_objects(URIRef(IVP + "extractionCue")):
        name = str(subject).removeprefix(IVP).removeprefix(BEGRIP)
        cues.setdefault(name, []).append(str(cue))
    for words in cues.values():
        words.sort(key=len, reverse=True)
    return cues


def _themes(doc: Any) -> list[tuple[str, str, list[str]]]:
    found = []
    for theme in doc.get("themes") or [] if isinstance(doc, dict) else []:
        if not isinstance(theme, dict):
            continue
        concepts = [str(c.get("concept")) for c in theme.get("core_themes") or []]
        for key in ("label", "source_label"):
            if theme.get(key):
                found.append((str(theme[key]), str(theme.get("status", "core")), concepts))
    return found


def municipality_slug(name: str) -> str:
    return slug(name)
