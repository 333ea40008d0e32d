"""A registry partner's type, scope and the organisations it belongs to (issue 11, part A).

Identity alone cannot compare two municipalities: Nijmegen's RIEC is RIEC Oost-Nederland,
Pijnacker-Nootdorp's is RIEC Den Haag, and they are rightly two nodes. So every partner also
gets a **type** (`ivp:partnerType`, a concept in ontology/partner-types.ttl: riec,
veiligheidsregio, woningcorporatie, ...), a **geographic scope** (`ivp:geographicScope`:
lokaal, regionaal, landelijk) and, where it has one, the **area** it covers: a region
(`ivp:region`: a veiligheidsregio VR15, police unit RE06, province PV28 or a RIEC's area) or
municipalities, both ending in CBS codes (`ivp:coversCbsCode`) read from
data/reference/gemeenten-regio.csv. "Does the plan work with its RIEC?" is then one join:
the plan's municipality's CBS code, a partner of type riec covering it, and whether the plan
names that partner.

Hierarchy: `part_of` (already `org:subOrganizationOf`: the brandweer under its
veiligheidsregio) and `member_of` (`org:memberOf`, with the inverse `org:hasMember`: a
municipality is a member of its veiligheidsregio). A local partner that names no area of its
own covers the area of the organisation it is part of (a municipal department: its
municipality).
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, SKOS, Graph, Literal, URIRef
from rdflib.namespace import ORG

from graph.entries import Context, Entry

REFERENCE = Path("reference") / "gemeenten-regio.csv"
KEYS = ("type", "scope", "region", "covers", "member_of")  # the registry keys read here
# region code prefix -> (code column, name column, what it is, in Dutch)
CODED = {
    "VR": ("veiligheidsregio_code", "veiligheidsregio", "Veiligheidsregio"),
    "RE": ("politie_eenheid_code_afgeleid", "politie_eenheid_afgeleid", "Politie-eenheid"),
    "PV": ("provincie_code", "provincie", "Provincie"),
}
RIEC_COLUMN = "riec_afgeleid"


@dataclass(frozen=True)
class Region:
    code: str  # VR15, RE06, PV28, or the slug of a RIEC's area: riec-den-haag
    label: str
    municipalities: frozenset[str]  # CBS codes


@dataclass
class Reference:
    """The municipalities of data/reference/ and the regions they make up."""

    municipalities: set[str] = field(default_factory=set)
    regions: dict[str, Region] = field(default_factory=dict)


def slug(text: str) -> str:
    """>>> slug("RIEC Zeeland-West-Brabant")
    'riec-zeeland-west-brabant'"""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@functools.cache
def reference(path: Path, mtime: float) -> Reference:
    """The reference table, read once per build (mtime: a changed file is read again)."""
    ref = Reference()
    members: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["cbs_code"]
            ref.municipalities.add(code)
            for code_col, name_col, what in CODED.values():
                members.setdefault(row[code_col], set()).add(code)
                labels[row[code_col]] = f"{what} {row[name_col]}"
            riec = slug(row[RIEC_COLUMN])
            members.setdefault(riec, set()).add(code)
            labels[riec] = f"Werkgebied {row[RIEC_COLUMN]}"
    ref.regions = {c: Region(c, labels[c], frozenset(m)) for c, m in members.items()}
    return ref


def load_reference(ctx: Context, file: str) -> Reference | None:
    path = ctx.settings.data_dir / REFERENCE
    try:
        return reference(path, path.stat().st_mtime)
    except (OSError, KeyError, csv.Error) as err:
        ctx.problem(file, None, None, f"cannot read the reference table {path}: {err}", "syntax")
        return None


def describe(entry: Entry, reg: Graph, node: URIRef, ref: Reference | None) -> None:
    """Type, scope, area and memberships of one registry partner, into the register graph."""
    ctx, item, ivp = entry.ctx, entry.item, entry.ctx.ivp
    kind = entry.vocab("partnertype", item.get("type"), "type", required=True)
    if kind is not None:
        reg.add((node, ivp.partnerType, kind))
    scope = entry.vocab("reikwijdte", item.get("scope"), "scope", required=True)
    if scope is not None:
        reg.add((node, ivp.geographicScope, scope))
    covered: set[str] = set()
    if item.get("kind") == "gemeente" and item.get("cbs_code"):
        covered.add(str(item["cbs_code"]))
    region = item.get("region")
    if region is not None:
        if item.get("scope") != "regionaal":
            entry.fail("'region' is for a partner with scope regionaal", "schema", key="region")
        elif ref is not None:
            found = ref.regions.get(str(region)) or ref.regions.get(slug(str(region)))
            if found is None:
                entry.fail(
                    f"region: unknown region {region!r}; use a veiligheidsregio (VR15), police "
                    f"unit (RE06) or province (PV28) code, or a RIEC name as in {REFERENCE}",
                    "reference",
                    key="region",
                )
            else:
                area = ctx.iris.id("regio", found.code)
                reg.add((area, RDF.type, ivp.Region))
                reg.add((area, SKOS.prefLabel, Literal(found.label, lang="nl")))
                reg.add((area, SKOS.notation, Literal(found.code)))
                for code in sorted(found.municipalities):
                    reg.add((area, ivp.coversCbsCode, Literal(code)))
                reg.add((node, ivp.region, area))
                covered |= found.municipalities
    for code, line in entry.items("covers"):
        if item.get("scope") == "landelijk":
            entry.fail("a national partner covers every municipality: no 'covers'", line=line)
        elif ref is not None and str(code) not in ref.municipalities:
            entry.fail(
                f"covers: {code!r} is not a CBS municipality code in {REFERENCE}",
                "reference",
                line,
            )
        else:
            covered.add(str(code))
    for code in sorted(covered):
        reg.add((node, ivp.coversCbsCode, Literal(code)))
    for other, line in entry.items("member_of"):
        group = entry.ref("partners", other, "member_of", line=line)
        if group is not None:
            reg.add((node, ORG.memberOf, group))
            reg.add((group, ORG.hasMember, node))


def inherit_areas(ctx: Context, reg: Graph) -> None:
    """A local or regional partner with no area of its own covers that of what it is part of."""
    ivp = ctx.ivp
    national = ctx.vocab.get("reikwijdte", {}).get("landelijk")
    for node in sorted(set(reg.subjects(RDF.type, ivp.Partner))):
        if (node, ivp.coversCbsCode, None) in reg or (node, ivp.geographicScope, national) in reg:
            continue
        parent, seen = reg.value(node, ORG.subOrganizationOf), {node}
        while parent is not None and parent not in seen:
            codes = sorted(set(reg.objects(parent, ivp.coversCbsCode)))
            if codes:
                for code in codes:
                    reg.add((node, ivp.coversCbsCode, code))
                break
            seen.add(parent)
            parent = reg.value(parent, ORG.subOrganizationOf)
