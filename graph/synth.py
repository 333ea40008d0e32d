"""`ivp synth`: a synthetic national corpus of plans, for tests and benchmarks only.

The real data holds two hand-curated plans; the users' question is national (342
municipalities, several plans each). To test and measure the tool at that scale without
curating hundreds of plans, this module writes a complete data folder (plans, registries,
source texts) whose *shape* follows the two real plans: how many themes and how many of them
are priorities, partners per theme, partners reused across plans through one shared registry,
cross-links, core-theme mappings, budget tables, indicators and notes. Every quote is cut from
a generated source text, so the corpus passes the same loader, quote, value and SHACL checks as
the real data.

It never writes into the real data folder, and every municipality says it is synthetic: CBS
codes are drawn from GM9001 upwards (no real municipality has a code that high) and labels carry
"(synthetisch)". The output depends only on the arguments: the same seed gives the same bytes,
and each plan draws from its own random stream, so adding municipalities does not change the
plans already generated.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Progress = Callable[[int, int], None]  # (done, total) plans

# themes a Dutch IVP names, with the VNG Kernbeleid Veiligheid core themes they map onto
THEMES: list[tuple[str, str, str, list[str]]] = [
    ("ondermijning", "Aanpak van ondermijnende criminaliteit", "Subversive crime", ["5.2", "5.1"]),
    ("jeugd-en-veiligheid", "Jeugd en veiligheid", "Youth and safety", ["3.1", "3.2", "3.3"]),
    ("zorg-en-veiligheid", "Zorg en veiligheid", "Care and safety", ["3.3", "1.2"]),
    ("digitale-criminaliteit", "Digitale criminaliteit", "Cybercrime", ["5.5", "2.4"]),
    ("veilige-wijken", "Veilige wijken", "Safe neighbourhoods", ["1.1", "1.3", "1.4"]),
    ("woninginbraak", "Woninginbraak en high impact crime", "Burglary", ["1.3"]),
    ("polarisatie", "Polarisatie en radicalisering", "Polarisation", ["5.3"]),
    ("openbare-orde", "Openbare orde", "Public order", ["5.4", "1.2"]),
    ("veilige-evenementen", "Veilige evenementen", "Safe events", ["2.3", "5.4"]),
    ("verkeersveiligheid", "Verkeersveiligheid", "Road safety", ["4.1"]),
    ("brandveiligheid", "Brandveiligheid", "Fire safety", ["4.2"]),
    ("externe-veiligheid", "Externe veiligheid", "External safety", ["4.3"]),
    ("crisisbeheersing", "Rampenbestrijding en crisisbeheersing", "Crisis management", ["4.4"]),
    ("veilig-ondernemen", "Bedrijvigheid en veiligheid", "Safe business", ["2.1", "2.2"]),
    ("uitgaan", "Veilig uitgaan", "Safe nightlife", ["2.3"]),
    ("huiselijk-geweld", "Huiselijk geweld en kindermishandeling", "Domestic abuse", ["3.4"]),
    ("drugs-en-alcohol", "Drugs en alcohol", "Drugs and alcohol", ["3.2", "2.3"]),
    ("jaarwisseling", "Veilige jaarwisseling", "Safe new year", ["5.4"]),
    ("weerbaar-bestuur", "Weerbare overheid en weerbaar bestuur", "Resilient government", ["5.1"]),
    ("informatieveiligheid", "Informatieveiligheid", "Information security", ["2.4", "5.5"]),
    ("integriteit", "Ambtelijke en bestuurlijke integriteit", "Integrity", ["5.1"]),
    ("fysieke-kwaliteit", "Fysieke kwaliteit", "Physical quality", ["1.1"]),
    ("subjectieve-veiligheid", "Subjectieve veiligheid", "Feeling safe", ["1.4"]),
    ("personen-met-verward-gedrag", "Personen met verward gedrag", "Confused behaviour", ["3.3"]),
    ("mensenhandel", "Mensenhandel en uitbuiting", "Human trafficking", ["5.2"]),
    ("natuur-en-buitengebied", "Veilig buitengebied", "Rural safety", ["4.5", "2.5"]),
]

# national partners (registry id, label, kind, domains), most popular first: reused by many plans
NATIONAL: list[tuple[str, str, str, list[str]]] = [
    ("politie", "Politie", "organisatie", ["veiligheid"]),
    ("openbaar-ministerie", "Openbaar Ministerie", "organisatie", ["veiligheid"]),
    ("inwoners", "Inwoners", "groep", ["burgers"]),
    ("ondernemers", "Ondernemers", "groep", ["economie"]),
    ("woningcorporaties", "Woningcorporaties", "organisatie", ["fysiek", "sociaal"]),
    ("jongerenwerk", "Jongerenwerk", "organisatie", ["sociaal"]),
    ("boa", "Gemeentelijke toezichthouders (boa's)", "functie", ["veiligheid"]),
    ("scholen", "Scholen", "organisatie", ["onderwijs"]),
    ("ouders", "Ouders", "groep", ["burgers"]),
    ("reclassering", "Reclassering Nederland", "organisatie", ["veiligheid", "zorg"]),
    ("raad-voor-de-kinderbescherming", "Raad voor de Kinderbescherming", "organisatie", ["zorg"]),
    ("halt", "Bureau Halt", "organisatie", ["veiligheid", "sociaal"]),
    ("veilig-thuis", "Veilig Thuis", "organisatie", ["zorg"]),
    ("belastingdienst", "Belastingdienst", "organisatie", ["bestuur"]),
    ("jeugdbescherming", "Jeugdbescherming", "organisatie", ["zorg"]),
    ("verslavingszorg", "Verslavingszorg", "organisatie", ["zorg"]),
    ("ggz", "Geestelijke gezondheidszorg (GGZ)", "organisatie", ["zorg"]),
    ("wijkteams", "Wijkteams", "organisatie", ["sociaal", "zorg"]),
    ("horeca", "Horecaondernemers", "groep", ["economie"]),
    ("rijkswaterstaat", "Rijkswaterstaat", "organisatie", ["fysiek"]),
    (
        "nctv",
        "Nationaal Coördinator Terrorismebestrijding en Veiligheid",
        "organisatie",
        ["veiligheid"],
    ),
    ("slachtofferhulp", "Slachtofferhulp Nederland", "organisatie", ["zorg"]),
    ("ministerie-jenv", "Ministerie van Justitie en Veiligheid", "bestuursorgaan", ["bestuur"]),
    ("maatschappelijke-organisaties", "Maatschappelijke organisaties", "groep", ["sociaal"]),
    ("vng", "Vereniging van Nederlandse Gemeenten", "samenwerkingsverband", ["bestuur"]),
    ("ccv", "Centrum voor Criminaliteitspreventie en Veiligheid", "organisatie", ["kennis"]),
    ("buurtpreventie", "Buurtpreventieteams", "groep", ["burgers"]),
    ("kon", "Keurmerk Veilig Ondernemen", "samenwerkingsverband", ["economie"]),
    ("zorgaanbieders", "Zorgaanbieders", "organisatie", ["zorg"]),
    ("leerplicht", "Leerplichtambtenaren", "functie", ["onderwijs"]),
]
# regional partners: one per region, shared by the municipalities of that region
REGIONAL: list[tuple[str, str, str, list[str]]] = [
    ("veiligheidsregio", "Veiligheidsregio", "samenwerkingsverband", ["veiligheid"]),
    ("riec", "RIEC", "samenwerkingsverband", ["veiligheid"]),
    ("zorg-en-veiligheidshuis", "Zorg- en Veiligheidshuis", "samenwerkingsverband", ["zorg"]),
    ("ggd", "GGD", "organisatie", ["zorg"]),
    ("omgevingsdienst", "Omgevingsdienst", "organisatie", ["fysiek"]),
    ("brandweer", "Brandweer", "organisatieonderdeel", ["veiligheid"]),
]
# local partners: one per municipality
LOCAL: list[tuple[str, str, str, list[str]]] = [
    ("burgemeester", "Burgemeester", "bestuursorgaan", ["bestuur"]),
    ("college", "College van burgemeester en wethouders", "bestuursorgaan", ["bestuur"]),
    ("gemeenteraad", "Gemeenteraad", "bestuursorgaan", ["bestuur"]),
    ("sociaal-domein", "Sociaal domein", "organisatieonderdeel", ["sociaal"]),
    ("vth", "Team vergunningverlening, toezicht en handhaving", "organisatieonderdeel", ["fysiek"]),
    ("ondernemersvereniging", "Ondernemersvereniging", "groep", ["economie"]),
]
ROLES = [
    "samenwerking", "preventie", "signalering", "regie", "uitvoering", "handhaving",
    "informatievoorziening", "hulpverlening", "doelwit", "repressie", "advies", "consultatie",
]  # fmt: skip
ROLE_WEIGHTS = [50, 27, 20, 20, 10, 6, 8, 6, 11, 4, 3, 3]
DOMAINS = ["sociaal", "zorg", "fysiek", "economie", "onderwijs"]
PREFIXES = [
    "Broek", "Veld", "Linde", "Wester", "Ooster", "Hoog", "Laag", "Nieuw", "Oud", "Zand",
    "Berg", "Dijk", "Water", "Heide", "Beek", "Moer", "Holt", "Ree", "Eik", "Wolde",
]  # fmt: skip
SUFFIXES = [
    "hoven", "recht", "dam", "veen", "wijk", "horst", "dorp", "stede", "loo", "zande",
    "broek", "huizen", "kerk", "meer", "hem", "rode", "lo", "sum", "wold", "gein",
]  # fmt: skip
INDICATORS = [
    ("totaal-misdrijven", "Totaal misdrijven", "count", 800, 6000),
    ("woninginbraken", "Woninginbraken", "count", 30, 400),
    ("geweldsmisdrijven", "Geweldsmisdrijven", "count", 40, 600),
    ("fietsdiefstal", "Fietsdiefstal", "count", 50, 900),
    ("overlast-jeugd", "Meldingen overlast jeugd", "count", 40, 700),
    ("rapportcijfer-veiligheid", "Rapportcijfer veiligheid buurt", "rating", 60, 80),
]
BUDGET_LINES = [
    "Aanpak ondermijning", "Jeugd en veiligheid", "Aanpak multiproblematiek", "Cameratoezicht",
    "Buurtpreventie", "Integrale handhaving", "Bestuurlijke weerbaarheid", "Evenementen",
    "Digitale weerbaarheid", "Zorg- en Veiligheidshuis", "Crisisbeheersing", "Communicatie",
]  # fmt: skip
NOTE_KINDS = ["ambiguity", "missing", "typo", "contradiction", "modelling"]
REGIONS = 25
FIRST_CODE = 9001  # synthetic CBS codes GM9001..; no real municipality has one this high


@dataclass(frozen=True)
class Municipality:
    index: int
    name: str
    slug: str
    region: int

    @property
    def code(self) -> str:
        return f"GM{FIRST_CODE + self.index:04d}"

    @property
    def partner_id(self) -> str:
        return f"gemeente-{self.slug}"


@dataclass
class SynthReport:
    output: Path
    municipalities: int
    plans: list[str] = field(default_factory=list)
    partners: int = 0


def municipalities(count: int, seed: int) -> list[Municipality]:
    """Distinct invented names (never a real municipality's label: all carry a number)."""
    rng = random.Random(f"{seed}:names")
    pairs = [(p, s) for p in PREFIXES for s in SUFFIXES]
    rng.shuffle(pairs)
    out = []
    for i in range(count):
        prefix, suffix = pairs[i % len(pairs)]
        name = f"{prefix}{suffix} {i + 1:03d}"
        slug = f"{prefix}{suffix}-{i + 1:03d}".lower()
        out.append(Municipality(i + 1, name, slug, rng.randrange(REGIONS) + 1))
    return out


# the partner type (ontology/partner-types.ttl) of each synthetic partner, by id or id prefix
TYPES = {
    "politie": "politie", "openbaar-ministerie": "openbaar-ministerie", "inwoners": "inwoners",
    "ondernemers": "ondernemers", "woningcorporaties": "woningcorporatie",
    "jongerenwerk": "jongerenwerk", "boa": "boa", "scholen": "school", "ouders": "ouders",
    "reclassering": "reclassering",
    "raad-voor-de-kinderbescherming": "raad-voor-de-kinderbescherming",
    "halt": "halt", "veilig-thuis": "veilig-thuis", "jeugdbescherming": "jeugdbescherming",
    "verslavingszorg": "verslavingszorg", "ggz": "ggz", "wijkteams": "sociaal-wijkteam",
    "horeca": "ondernemers", "slachtofferhulp": "zorgaanbieder", "vng": "gemeentenetwerk",
    "maatschappelijke-organisaties": "maatschappelijke-organisatie", "ccv": "kennisinstituut",
    "buurtpreventie": "buurtpreventie", "kon": "ondernemersvereniging",
    "zorgaanbieders": "zorgaanbieder", "leerplicht": "leerplicht",
    "veiligheidsregio": "veiligheidsregio", "riec": "riec",
    "zorg-en-veiligheidshuis": "zorg-en-veiligheidshuis", "ggd": "zorgaanbieder",
    "omgevingsdienst": "omgevingsdienst", "brandweer": "brandweer",
    "burgemeester": "burgemeester", "college": "college", "gemeenteraad": "gemeenteraad",
    "sociaal-domein": "gemeentelijk-onderdeel", "vth": "gemeentelijk-onderdeel",
    "ondernemersvereniging": "ondernemersvereniging",
}  # fmt: skip


def _registry(towns: list[Municipality], known: set[str]) -> list[dict[str, Any]]:
    """The synthetic partners; national ones already in the real registry are reused as is."""
    entries: list[dict[str, Any]] = []
    for ident, label, kind, domains in NATIONAL:
        if ident in known:
            continue
        entries.append(
            {
                "id": ident,
                "label": label,
                "kind": kind,
                "type": TYPES.get(ident, "maatschappelijke-organisatie"),
                "scope": "landelijk",
                "domains": domains,
                "description": f"{label} (synthetische registervermelding).",
            }
        )
    for region in range(1, REGIONS + 1):
        for ident, label, kind, domains in REGIONAL:
            entries.append(
                {
                    "id": f"{ident}-regio-{region:02d}",
                    "label": f"{label} regio {region:02d} (synthetisch)",
                    "kind": kind,
                    "type": TYPES[ident],
                    "scope": "regionaal",
                    "domains": domains,
                }
            )
    for town in towns:
        entries.append(
            {
                "id": town.partner_id,
                "label": f"Gemeente {town.name} (synthetisch)",
                "label_en": f"Municipality of {town.name} (synthetic)",
                "kind": "gemeente",
                "type": "gemeente",
                "scope": "lokaal",
                "domains": ["bestuur"],
                "description": "Synthetische gemeente voor tests en benchmarks; "
                "CBS-code en TOOI-IRI zijn verzonnen.",
                "cbs_code": town.code,
                "tooi": f"https://identifier.overheid.nl/tooi/id/gemeente/{town.code.lower()}",
            }
        )
        for ident, label, kind, domains in LOCAL:
            entries.append(
                {
                    "id": f"{ident}-{town.slug}",
                    "label": f"{label} {town.name} (synthetisch)",
                    "kind": kind,
                    "type": TYPES[ident],
                    "scope": "lokaal",
                    "domains": domains,
                    "part_of": town.partner_id,
                }
            )
    return entries


class _Text:
    """The source text being written for one plan, section by section.

    Every quote the plan cites is a sentence added here first, so it occurs in the text.
    """

    def __init__(self) -> None:
        self.sections: dict[str, str] = {}
        self.lines: dict[str, list[str]] = {}

    def section(self, sid: str, title: str) -> str:
        self.sections[sid] = title
        self.lines[sid] = []
        return sid

    def say(self, sid: str, sentence: str) -> str:
        self.lines[sid].append(sentence)
        return sentence

    def render(self, title: str) -> str:
        out = [title, ""]
        for sid, heading in self.sections.items():
            number = f"{sid} " if sid[0].isdigit() else ""
            out += [f"{number}{heading}", ""]
            # wrap paragraphs at ~90 characters, like a PDF conversion would
            for sentence in self.lines[sid]:
                words, line = sentence.split(), ""
                for word in words:
                    if line and len(line) + len(word) > 90:
                        out.append(line)
                        line = word
                    else:
                        line = f"{line} {word}".strip()
                out += [line, ""]
        return "\n".join(out)


def _weighted_sample(
    rng: random.Random, items: list[str], weights: list[float], k: int
) -> list[str]:
    chosen: list[str] = []
    pool, w = list(items), list(weights)
    while pool and len(chosen) < k:
        i = rng.choices(range(len(pool)), weights=w)[0]
        chosen.append(pool.pop(i))
        w.pop(i)
    return chosen


def _plan(
    rng: random.Random,
    town: Municipality,
    start: int,
    end: int,
    predecessor: tuple[str, str, int, int] | None,
) -> tuple[dict[str, Any], str, str]:
    """One plan: its YAML mapping, its source file name and its source text."""
    plan_id = f"{town.slug}-{start}"
    title = rng.choice(["Integraal veiligheidsplan", "Samen veilig", "Veilig samenleven"])
    title = f"{title} {start}-{end}"
    text = _Text()
    source_file = f"{plan_id}.txt"
    local = {ident: f"{ident}-{town.slug}" for ident, *_ in LOCAL}
    regional = {ident: f"{ident}-regio-{town.region:02d}" for ident, *_ in REGIONAL}
    national = [n[0] for n in NATIONAL]
    # popularity falls off like the real registry: a few partners everywhere, most rarely
    pool = national + list(regional.values()) + list(local.values()) + [town.partner_id]
    weights = [1 / (i + 1) ** 0.6 for i in range(len(national))]
    weights += [0.5] * len(regional) + [0.35] * len(local) + [0.8]

    def involvement(sid: str, partner: str, subject: str) -> dict[str, Any]:
        roles = sorted(set(rng.choices(ROLES, ROLE_WEIGHTS, k=rng.choice([1, 1, 2, 2, 3]))))
        quote = text.say(
            sid,
            f"{subject}: {partner.replace('-', ' ')} werkt hier samen met de gemeente "
            f"({', '.join(roles)}).",
        )
        return {"partner": partner, "roles": roles, "section": sid, "quote": quote}

    intro = text.section("1", "Inleiding")
    legal = text.section("1.1", "Wettelijk kader")
    text.say(intro, f"Dit is het integraal veiligheidsplan {start}-{end} van {town.name}.")
    principles_sid = text.section("2", "Beleidsuitgangspunten")
    priorities_sid = text.section("3", "Prioriteiten")

    n_themes = rng.randint(9, 18)
    n_priority = rng.randint(3, min(8, n_themes - 1))
    picked = rng.sample(THEMES, n_themes)
    themes: list[dict[str, Any]] = []
    core_sid = None
    for number, (ident, label, label_en, core) in enumerate(picked, start=1):
        priority = number <= n_priority
        if priority:
            sid = text.section(f"3.{number}", label)
        else:
            core_sid = core_sid or text.section("4", "Overige veiligheidsthema's")
            sid = text.section(f"4.{number - n_priority}", label)
        theme: dict[str, Any] = {
            "id": ident,
            "number": number,
            "label": label,
            "label_en": label_en,
            "status": "priority" if priority else "core",
            "section": sid,
            "definition": f"{label} in {town.name}: synthetisch thema voor tests en benchmarks.",
            "quote": text.say(
                sid, f"{label} is voor {town.name} een {'prioriteit' if priority else 'kernthema'}."
            ),
        }
        if priority:
            for key, word, low, high in (
                ("attention_points", "Aandachtspunt", 1, 9),
                ("ambitions", "Ambitie", 2, 5),
                ("actions", "Actie", 1, 5),
            ):
                items = []
                for n in range(1, rng.randint(low, high) + 1):
                    item = {
                        "id": f"{word.lower()}-{n}",
                        "number": n,
                        "label": f"{word} {n} bij {label.lower()}",
                        "quote": text.say(
                            sid, f"{word} {n} bij {label.lower()} in {town.name} ({start})."
                        ),
                    }
                    items.append(item)
                theme[key] = items
            if rng.random() < 0.3:
                theme["pillars"] = [
                    {
                        "id": f"pijler-{n}",
                        "number": n,
                        "label": f"Pijler {n}",
                        "quote": text.say(sid, f"Pijler {n} van de aanpak van {label.lower()}."),
                    }
                    for n in range(1, 4)
                ]
            count = rng.randint(4, 16)
        else:
            count = rng.choice([0, 1, 2, 2, 3, 3, 4, 9])
        partners = _weighted_sample(rng, pool, weights, count)
        if partners:
            theme["partners"] = [involvement(sid, p, label) for p in partners]
        if priority and theme.get("actions") and partners and rng.random() < 0.5:
            action = theme["actions"][0]
            action["partners"] = [involvement(sid, partners[0], action["label"])]
        mappings = [core[0], *rng.sample(core[1:], rng.randint(0, len(core) - 1))]
        theme["core_themes"] = [
            {
                "concept": concept,
                # five choices still ('close' is refused now), so later draws stay the same
                "match": rng.choice(["related", "related", "broad", "exact", "narrow"]),
                "basis": rng.choice(["curated", "curated", "stated"]),
                "quote": text.say(sid, f"{label} raakt aan kernthema {concept} van de VNG."),
            }
            for concept in mappings
        ]
        themes.append(theme)
    text.say(priorities_sid, f"{town.name} kiest {n_priority} prioriteiten.")

    # cross-links: about three per theme, a third to another domain (like the real plans)
    ids = [t["id"] for t in themes]
    sid_of = {t["id"]: t["section"] for t in themes}
    crosslinks, seen = [], set()
    for _ in range(rng.randint(2 * n_themes, 3 * n_themes)):
        a = rng.choice(ids)
        kind = rng.choices(
            ["relatie", "kruisverband", "raakvlak", "overlap", "verwijzing", "valt-onder"],
            [26, 21, 24, 6, 3, 1],
        )[0]
        if rng.random() < 0.25:
            domain = rng.choice(DOMAINS)
            key = (a, f"domein-{domain}", kind)
            target = {"to_domain": domain}
            words = f"het {domain}e domein"
        else:
            b = rng.choice([i for i in ids if i != a])
            key = (*sorted((a, b)), kind)
            target = {"to": b}
            words = b.replace("-", " ")
        if key in seen:
            continue
        seen.add(key)
        sid = sid_of[a]
        crosslinks.append(
            {
                "from": a,
                **target,
                "kind": kind,
                "section": sid,
                "quote": text.say(
                    sid, f"Er is een {kind} tussen {a.replace('-', ' ')} en {words}."
                ),
            }
        )

    partners_sid = text.section("5", "Partners en stakeholders")
    plan_partners = _weighted_sample(rng, pool, weights, rng.randint(10, 40))
    principles = [
        {
            "id": f"uitgangspunt-{n}",
            "number": n,
            "label": f"Uitgangspunt {n}",
            "definition": f"Beleidsuitgangspunt {n} van {town.name} (synthetisch).",
            "section": principles_sid,
            "quote": text.say(principles_sid, f"Uitgangspunt {n}: wij werken integraal samen."),
        }
        for n in range(1, rng.randint(4, 12) + 1)
    ]
    adoption_sid = text.section("vaststelling", "Vaststelling")
    adopted = dt.date(start, 1, 1) + dt.timedelta(days=rng.randint(60, 300))
    plan: dict[str, Any] = {
        "id": plan_id,
        "title": title,
        "title_en": f"Integral safety plan {start}-{end} (synthetic)",
        "municipality": town.partner_id,
        "period": {"start": start, "end": end},
        "source": {
            "file": source_file,
            "title": f"{title} (synthetische brontekst)",
            "publisher": f"Gemeente {town.name} (synthetisch)",
        },
        "sections": text.sections,  # filled as the text grows; a live reference
        "adoption": {
            "by": local["gemeenteraad"],
            "date": adopted,
            "section": adoption_sid,
            "quote": text.say(
                adoption_sid, f"Vastgesteld in de openbare vergadering van {adopted.isoformat()}."
            ),
        },
        "legal_bases": [
            {
                "law": "politiewet-2012-art-38b",
                "section": legal,
                "quote": text.say(legal, "Dit plan voldoet aan artikel 38b van de Politiewet."),
            }
        ],
    }
    if predecessor:
        prev_id, prev_title, prev_start, prev_end = predecessor
        plan["predecessor"] = {
            "id": prev_id,
            "title": prev_title,
            "period": {"start": prev_start, "end": prev_end},
            "section": intro,
            "quote": text.say(intro, f"Dit plan volgt op het plan {prev_title}."),
        }
    plan["principles"] = principles
    plan["themes"] = themes
    plan["crosslinks"] = crosslinks
    plan["partners"] = [involvement(partners_sid, p, "Partner") for p in plan_partners]

    if rng.random() < 0.5:  # Nijmegen has a budget table, Pijnacker-Nootdorp does not
        budget_sid = text.section("6", "Financieel overzicht")
        years = list(range(start, end + 1))
        lines, totals = [], dict.fromkeys(years, 0)
        for n, label in enumerate(rng.sample(BUDGET_LINES, rng.randint(5, 10)), start=1):
            amounts = {y: rng.randint(20, 900) for y in years}
            for y in years:
                totals[y] += amounts[y]
            printed = " ".join(str(amounts[y]) for y in years)
            line: dict[str, Any] = {
                "id": f"post-{n}",
                "number": n,
                "label": label,
                "quote": text.say(budget_sid, f"{n}. {label} {printed}"),
                "amounts": amounts,
            }
            funded = rng.choice(ids)
            line["themes"] = [{"theme": funded, "quote": text.say(budget_sid, f"(Thema {funded})")}]
            lines.append(line)
        printed_total = " ".join(f"{totals[y]:,}".replace(",", ".") for y in years)
        plan["budget"] = {
            "id": f"financieel-overzicht-{start}-{end}",
            "label": f"Financieel overzicht {start}-{end}",
            "multiplier": 1000,
            "section": budget_sid,
            "quote": text.say(budget_sid, f"Bedragen x € 1.000 voor {start}-{end}."),
            "lines": lines,
            "total": {
                "label": "TOTAAL",
                "quote": text.say(budget_sid, f"TOTAAL {printed_total}"),
                "amounts": totals,
            },
        }
    else:
        figures_sid = text.section("7", "Trends en ontwikkelingen")
        indicators = []
        years = list(range(start - 6, start))
        for ident, label, unit, low, high in rng.sample(INDICATORS, rng.randint(3, 6)):
            values = [rng.randint(low, high) for _ in years]
            if unit == "rating":  # 7,3 as printed; never 7,0, which a table prints as 7
                values = [(v + (v % 10 == 0)) / 10 for v in values]
            printed = " ".join(str(v).replace(".", ",") for v in values)
            indicators.append(
                {
                    "id": ident,
                    "label": label,
                    "unit": unit,
                    "measured_by": "politie" if unit == "count" else town.partner_id,
                    "section": figures_sid,
                    "quote": text.say(figures_sid, f"{label} {printed}"),
                    "observations": [
                        {"period": str(y), "value": v} for y, v in zip(years, values, strict=True)
                    ],
                }
            )
        plan["indicators"] = indicators

    notes = []
    for n in range(1, rng.randint(5, 30) + 1):
        theme = rng.choice(themes)
        notes.append(
            {
                "id": f"notitie-{n}",
                "kind": rng.choice(NOTE_KINDS),
                "text": f"Synthetische notitie {n} bij {theme['label']}.",
                "about": [theme["id"]],
                "section": theme["section"],
                "quotes": [theme["quote"]],
            }
        )
    plan["notes"] = notes
    return plan, source_file, text.render(title)


class _Dumper(yaml.SafeDumper):
    """Never write YAML anchors: a plan file should read like a hand-written one."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(value: Any) -> str:
    return yaml.dump(value, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def synth(
    output: Path,
    municipalities_count: int = 342,
    plans_per: int = 2,
    seed: int = 0,
    real_data: Path | None = None,
    progress: Progress | None = None,
) -> SynthReport:
    """Write a synthetic data folder into `output` (which must not be the real data).

    The registries of target groups, instruments and legal bases are copied from the real
    data folder: they are national lists, not per plan, and the plans only cite a law.
    """
    from graph.config import PROJECT_ROOT

    real = (real_data or PROJECT_ROOT / "data").resolve()
    output = output.resolve()
    if output == real or real in output.parents:
        raise ValueError(f"refusing to write synthetic data into the real data folder {real}")
    if municipalities_count < 1 or plans_per < 1:
        raise ValueError("--municipalities and --plans-per must be at least 1")
    for sub in ("plans", "registry", "sources", "reference"):
        folder = output / sub
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    towns = municipalities(municipalities_count, seed)
    # the real plans come along: the VNG reference scheme in ontology/ cites one of them, and
    # real plans among synthetic ones let benchmarks ask about a plan people know
    real_registry = (real / "registry" / "partners.yaml").read_text(encoding="utf-8")
    known = {entry["id"] for entry in yaml.safe_load(real_registry)}
    registry = _registry(towns, known)
    (output / "registry" / "partners.yaml").write_text(
        real_registry.rstrip("\n")
        + "\n\n# Synthetic partners written by `ivp synth` below this line: not real data.\n"
        + _dump(registry),
        encoding="utf-8",
    )
    for name in ("target-groups", "instruments", "legal-bases"):
        shutil.copyfile(real / "registry" / f"{name}.yaml", output / "registry" / f"{name}.yaml")
    for path in sorted((real / "plans").glob("*.yaml")):
        shutil.copyfile(path, output / "plans" / path.name)
    for path in sorted((real / "sources").glob("*.txt")):
        shutil.copyfile(path, output / "sources" / path.name)
    for path in sorted((real / "reference").glob("*")):  # the regions of partners' scope
        shutil.copyfile(path, output / "reference" / path.name)
    (output / "README.md").write_text(
        f"Synthetic corpus from `ivp synth --municipalities {municipalities_count} "
        f"--plans-per {plans_per} --seed {seed}`. For tests and benchmarks only: every plan but\n"
        "the real ones copied from data/ (nijmegen-2022, pijnacker-nootdorp-2023) is invented.\n",
        encoding="utf-8",
    )
    report = SynthReport(output, municipalities_count, partners=len(known) + len(registry))
    total = municipalities_count * plans_per
    last_end = 2026
    for town in towns:
        predecessor = None
        for k in reversed(range(plans_per)):
            end = last_end - 4 * k
            start = end - 3
            rng = random.Random(f"{seed}:{town.slug}:{start}")
            plan, source_file, source = _plan(rng, town, start, end, predecessor)
            predecessor = (plan["id"], plan["title"], start, end)
            (output / "sources" / source_file).write_text(source, encoding="utf-8")
            (output / "plans" / f"{plan['id']}.yaml").write_text(
                "# Synthetic plan written by `ivp synth`: not real data.\n" + _dump(plan),
                encoding="utf-8",
            )
            report.plans.append(plan["id"])
            if progress:
                progress(len(report.plans), total)
    return report
