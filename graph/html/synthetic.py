"""A generated national-scale graph, for testing and timing the pages on large inputs.

The two curated plans make a page of about 120 nodes; the country has some 340
municipalities. `generate` makes `PlanData` of the same shape as graph.network.load returns
(plans, themes, a shared partner registry in which a few partners are named by nearly every
plan, involvements, cross-links and VNG mappings), seeded, so a test or benchmark sees the
same graph every run. The plan picture of it has about `nodes` nodes.

graph.synth writes a whole synthetic data folder that goes through the build (validation,
SHACL, store); this stays in memory and takes a fraction of a second, which is what a page
test or a page benchmark needs.
"""

from __future__ import annotations

import random

from graph.network import Concept, CrossLink, Involvement, Mapping, Partner, Plan, PlanData, Theme

BASE = "https://example.org/synthetic/"
FIELDS = 5
CORE_PER_FIELD = (4, 5, 5, 5, 4)  # 23 core themes, as in the VNG scheme


def generate(nodes: int = 5000, seed: int = 7, themes_per_plan: int = 12) -> PlanData:
    """About `nodes` nodes in the plan view: plans, their themes, partners, core themes."""
    rng = random.Random(seed)
    data = PlanData()
    for f, count in enumerate(CORE_PER_FIELD, start=1):
        data.concepts[str(f)] = Concept(str(f), f"Veld {f}")
        for c in range(1, count + 1):
            data.concepts[f"{f}.{c}"] = Concept(f"{f}.{c}", f"Kernthema {f}.{c}")
    core = [n for n in data.concepts if "." in n]
    # nodes ≈ plans * (1 + themes) + partners + 23; partners ≈ plans * themes (one per theme)
    plans = max(2, (nodes - len(core)) // (2 * themes_per_plan + 1))
    registry = max(10, nodes - len(core) - plans * (1 + themes_per_plan))
    for i in range(registry):
        iri = f"{BASE}partner/p{i:05d}"
        kind = rng.choice(("gemeente", "politie", "zorg", "onderwijs", "maatschappelijk"))
        data.partners[iri] = Partner(iri, f"p{i:05d}", f"Partner {i} ({kind})", kind, (kind,))
    partner_iris = sorted(data.partners)
    national = partner_iris[:12]  # named by most plans, like police and public prosecution
    local = partner_iris[12:]
    rng.shuffle(local)
    for p in range(plans):
        pid = f"gemeente-{p:04d}-2024"
        data.plans[pid] = Plan(pid, f"{BASE}plan/{pid}", f"Veiligheidsplan {p}", f"Gemeente {p}")
        mine = local[p::plans] + rng.sample(national, 6)  # every partner named somewhere
        themes = []
        for t in range(themes_per_plan):
            iri = f"{BASE}thema/{pid}/t{t:02d}"
            status = "priority" if t < 4 else "core"
            theme = Theme(iri, pid, f"t{t:02d}", f"Thema {t} van gemeente {p}", status, t + 1)
            data.themes[iri] = theme
            themes.append(theme)
            data.mappings.append(Mapping(iri, rng.choice(core), "closeMatch", "curated"))
        pairs = {(partner, rng.choice(themes).iri) for partner in mine}  # each in one theme
        pairs |= {(partner, t.iri) for t in themes for partner in rng.sample(mine, 2)}
        for partner, theme_iri in sorted(pairs):
            data.involvements.append(Involvement(pid, partner, theme_iri, None, ("samenwerking",)))
        for _ in range(3):
            a, b = rng.sample(themes, 2)
            data.crosslinks.append(CrossLink(pid, a.iri, b.iri, True, "raakvlak", False, b.label))
    data.involvements.sort(key=lambda i: (i.plan, i.theme or "", i.partner))
    data.crosslinks.sort(key=lambda c: (c.plan, c.source, c.target, c.kind))
    data.mappings = sorted(set(data.mappings), key=lambda m: (m.theme, m.concept, m.match))
    return data
