"""The analyses on a tiny hand-made graph (tests/analysis_fixture.py), against values worked
out by hand from its drawing, not taken from the output.

alfa-2020, theme-partner graph (8 edges; theme D and partner omroep isolated):

    A - politie, ggd, wijkteam      B - politie, ggd, wijkteam      C - politie, school
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from analysis_fixture import fixture_store

from graph import network
from graph.analysis.brokers import brokers
from graph.analysis.central import central
from graph.analysis.communities import communities
from graph.analysis.compare import compare
from graph.analysis.gaps import gaps
from graph.analysis.overlap import overlap
from graph.analysis.rdf import analysis_graph

ALFA = "alfa-2020"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> network.PlanData:
    store, settings = fixture_store(tmp_path_factory.mktemp("fixture"))
    return network.load(store, settings)


def by(rows: list[dict], key: str) -> dict:
    return {r[key]: r for r in rows}


def test_the_view_has_every_theme_and_named_partner(data) -> None:
    b = network.bipartite(data, ALFA)
    assert len(network.theme_nodes(b)) == 4
    assert {b.nodes[p]["ref"] for p in network.partner_nodes(b)} == {
        "politie",
        "ggd",
        "wijkteam",
        "school",
        "omroep",
    }
    assert b.number_of_edges() == 8


def test_bipartite_degree_is_the_share_of_themes(data) -> None:
    rows = by(central(data, ALFA).rows, "partner")
    assert (rows["politie"]["themes"], rows["politie"]["degree"]) == (3, 0.75)
    assert rows["ggd"]["degree"] == 0.5
    assert rows["school"]["degree"] == 0.25
    assert rows["omroep"]["degree"] == 0
    assert rows["politie"]["rank"] == 1
    assert rows["ggd"]["rank"] == rows["wijkteam"]["rank"] == 2  # a tie shares its rank
    assert rows["politie"]["via_themes"] == "a, b, c"


def test_bipartite_betweenness_by_hand(data) -> None:
    # politie is the only way between {C, school} and {A, B, ggd, wijkteam}: 2 x 4 = 8 pairs,
    # plus 1/3 of A-B (three shortest paths: via politie, ggd, wijkteam) = 25/3 unnormalised.
    # Normalised by the bipartite maximum for the 5 partners against n = 4 themes
    # (Borgatti & Everett 1997): p, r = divmod(5 - 1, 4) = (1, 0);
    # max = (n²(p+1)² + n(p+1)(2r-p-1) - r(2p-r+3)) / 2 = (64 - 16 - 0) / 2 = 24.
    rows = by(central(data, ALFA).rows, "partner")
    assert rows["politie"]["betweenness"] == round((25 / 3) / 24, 4)
    # ggd lies only on one of the three shortest A-B paths: 1/3, over the same maximum
    assert rows["ggd"]["betweenness"] == round((1 / 3) / 24, 4)
    assert rows["school"]["betweenness"] == 0


def test_partner_projection_by_hand(data) -> None:
    # projection edges: politie-ggd, politie-wijkteam, ggd-wijkteam (A, B), politie-school (C)
    projection = network.partner_projection(network.bipartite(data, ALFA))
    ids = {projection.nodes[n]["ref"]: n for n in projection}
    assert projection.edges[ids["politie"], ids["ggd"]]["weight"] == 2
    assert projection.edges[ids["politie"], ids["school"]]["weight"] == 1
    rows = by(central(data, ALFA).rows, "partner")
    assert rows["politie"]["projection_degree"] == 0.75  # 3 of the 4 other partners
    # school-ggd and school-wijkteam go through politie: 2 of (4·3/2 = 6) pairs of the others
    assert rows["politie"]["projection_betweenness"] == round(2 / 6, 4)


def test_across_plans_partners_are_one_node(data) -> None:
    rows = by(central(data).rows, "partner")
    assert rows["politie"]["themes"] == 5  # A, B, C of alfa + X, Y of beta
    assert rows["politie"]["of_themes"] == 6
    assert rows["politie"]["plans"] == "alfa-2020, beta-2021"


def test_overlap_by_hand(data) -> None:
    rows = {(r["theme_a"], r["theme_b"]): r for r in overlap(data, ALFA).rows}
    ab = rows[("a", "b")]
    assert (ab["shared"], ab["jaccard"], ab["overlap"]) == (3, 1.0, 1.0)
    assert ab["finding"] == "implicit cross-link"
    ac = rows[("a", "c")]
    # {politie} of {politie, ggd, wijkteam, school}; smaller theme C has 2 partners
    assert (ac["shared"], ac["jaccard"], ac["overlap"]) == (1, 0.25, 0.5)
    assert (ac["stated"], ac["finding"]) == ("kruisverband", "stated")
    cd = rows[("c", "d")]
    assert (cd["shared"], cd["stated"], cd["finding"]) == (
        0,
        "raakvlak",
        "stated, no shared partner",
    )
    assert rows[("b", "c")]["finding"] == ""
    assert ("a", "d") not in rows  # nothing shared, nothing stated
    assert [r["finding"] for r in overlap(data, ALFA, flagged_only=True).rows] == [
        "implicit cross-link",
        "stated, no shared partner",
    ]


def test_overlap_thresholds_and_ignored_partners(data) -> None:
    strict = {(r["theme_a"], r["theme_b"]): r for r in overlap(data, ALFA, min_shared=4).rows}
    assert strict[("a", "b")]["finding"] == ""
    without = {
        (r["theme_a"], r["theme_b"]): r for r in overlap(data, ALFA, ignore=["politie"]).rows
    }
    assert without[("a", "c")]["finding"] == "stated, no shared partner"
    assert without[("a", "b")]["jaccard"] == 1.0  # {ggd, wijkteam} both
    assert ("b", "c") not in without


def test_louvain_finds_the_best_split_with_modularity_by_hand(data) -> None:
    # Splits of the 7 connected nodes (m = 8 edges) with Q = Σ L_c/m - (d_c/2m)²:
    #   {A,B,ggd,wijkteam} | {C,politie,school}: 4/8 + 2/8 - (10² + 6²)/16² = 0.21875
    #   {A,B,ggd,wijkteam,politie} | {C,school}: 6/8 + 1/8 - (13² + 3²)/16² = 0.1796875
    result = communities(data, ALFA)
    parts = [(r["theme_ids"], r["partner_ids"]) for r in result.rows]
    assert parts == [("a, b", "ggd, wijkteam"), ("c", "politie, school")]
    assert result.rows[0]["modularity"] == round(0.21875, 4)
    assert result.rows[1]["cohesion"] == 1.0  # both of C's involvements stay inside


def test_results_are_deterministic(data) -> None:
    for run in (central, overlap, communities, brokers, gaps):
        assert json.dumps(run(data, ALFA).rows) == json.dumps(run(data, ALFA).rows)
    assert communities(data, seed=7).parameters == {"seed": 7, "resolution": 1.0}


def test_brokers_by_hand(data) -> None:
    rows = by(brokers(data, ALFA).rows, "partner")
    # politie's ties: ggd (zorg) 2 shared themes, wijkteam (sociaal+zorg, split) 2, school
    # (onderwijs) 1: zorg 3, sociaal 1, onderwijs 1 of k = 5 -> 1 - (9 + 1 + 1)/25
    assert rows["politie"]["reach"] == 3
    assert rows["politie"]["participation"] == round(14 / 25, 4)
    assert rows["politie"]["communities"] == 2  # A, B in one community, C in the other
    assert rows["school"]["participation"] == 0  # all ties to veiligheid
    assert "omroep" not in rows  # works on no theme


def test_gaps_by_hand(data) -> None:
    found = {(r["gap"], r["id"]) for r in gaps(data).rows}
    assert found == {
        ("priority without partners", "d"),
        ("priority without ambitions", "b"),
        ("priority without ambitions", "d"),
        ("priority without budget", "b"),
        ("priority without budget", "d"),
        ("priority without VNG mapping", "d"),
        ("partner in no theme", "omroep"),
        ("budget line without theme", "los"),  # the total line is not a gap
        ("plan without budget table", "beta-2021"),
    }


def test_compare_by_hand(data) -> None:
    rows = compare(data, [ALFA, "beta-2021"]).rows
    core = {r["item"]: r["coverage"] for r in rows if r["aspect"] == "core theme"}
    assert core["1.1"] == "both"
    assert core["3.2"] == "only alfa-2020"
    assert core["2.3"] == "only beta-2021"
    assert sum(v == "neither" for v in core.values()) == 23 - 3
    field = {r["item"]: r["coverage"] for r in rows if r["aspect"] == "field"}
    assert field == {
        "1": "both",
        "2": "both",
        "3": "only alfa-2020",
        "4": "neither",
        "5": "neither",
    }
    partners = {r["item"]: r["coverage"] for r in rows if r["aspect"] == "partner"}
    assert partners["politie"] == partners["ggd"] == "both"
    assert partners["omroep"] == "only alfa-2020"
    score = {r["item"]: r["score"] for r in rows if r["aspect"] == "similarity"}
    assert score["core themes (Jaccard)"] == round(1 / 3, 4)  # {1.1} of {1.1, 3.2, 2.3}
    assert score["partners (Jaccard)"] == round(2 / 6, 4)  # politie, ggd of 6
    # kinds: alfa organisatie 4, samenwerkingsverband 1; beta organisatie 3
    assert score["partner kinds (cosine)"] == round(12 / (17**0.5 * 3), 4)
    assert score["overall"] == round(1 / 3, 4)


def test_compare_takes_three_plans_and_refuses_one(data) -> None:
    from graph.analysis.compare import TooFewPlans

    with pytest.raises(TooFewPlans):
        compare(data, [ALFA, ALFA])


def test_results_as_rdf_with_provenance(data, tmp_path: Path) -> None:
    import pyoxigraph as ox

    store, settings = fixture_store(tmp_path)
    g = analysis_graph(data, settings)
    store = ox.Store()
    store.load(input=g.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES)
    rows = list(
        store.query("""
PREFIX ana: <https://w3id.org/kruisverband/def/analyse#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT DISTINCT ?b ?method ?seedValue WHERE {
  ?s a ana:PartnerCentrality ; ana:about <https://w3id.org/kruisverband/id/partner/politie> ;
     ana:betweennessCentrality ?b ; prov:wasGeneratedBy ?act .
  ?act a ana:NetworkAnalysis ; ana:method ?method ;
       ana:scope <https://w3id.org/kruisverband/id/plan/alfa-2020> ;
       prov:used <https://w3id.org/kruisverband/id/graaf/alfa-2020> .
  FILTER NOT EXISTS { ?act ana:scope <https://w3id.org/kruisverband/id/plan/beta-2021> }
  ?c a ana:Community ; prov:wasGeneratedBy ?lv .
  ?lv ana:parameter [ ana:parameterName "seed" ; rdf:value ?seedValue ] .
}""")
    )
    assert len(rows) == 1
    assert float(rows[0]["b"].value) == round(25 / 72, 4)
    assert "betweenness" in rows[0]["method"].value
    assert rows[0]["seedValue"].value == "42"
    implicit = store.query("""
PREFIX ana: <https://w3id.org/kruisverband/def/analyse#>
ASK { ?o ana:implicitCrossLink true ;
  ana:theme <https://w3id.org/kruisverband/id/thema/alfa-2020/a> ,
  <https://w3id.org/kruisverband/id/thema/alfa-2020/b> ; ana:sharedCount 3 }""")
    assert bool(implicit)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_igraph_betweenness_is_networkx_betweenness(seed: int) -> None:
    import networkx as nx
    from networkx.algorithms import bipartite as bp

    g = nx.bipartite.random_graph(30, 12, 0.15, seed=seed)
    g.add_nodes_from([100, 101])  # isolated, like a partner named in no theme
    themes = [n for n, d in g.nodes(data=True) if d.get("bipartite") == 0]
    for mine, theirs in (
        (network.betweenness(g), nx.betweenness_centrality(g)),
        (network.bipartite_betweenness(g, themes), bp.betweenness_centrality(g, themes)),
    ):
        assert mine.keys() == theirs.keys()
        assert all(mine[n] == pytest.approx(theirs[n], abs=1e-12) for n in g)
    # the estimate from pivots draws the same nodes as networkx's k-sample with that seed
    mine = network._pair_betweenness(g, pivots=9, seed=seed)
    theirs = nx.betweenness_centrality(g, k=9, normalized=False, seed=seed)
    assert all(mine[n] == pytest.approx(theirs[n], abs=1e-9) for n in g)


def test_large_graphs_get_estimated_betweenness_and_say_so(data, monkeypatch) -> None:
    from graph.analysis import central as central_module

    exact = central(data, ALFA)
    assert exact.parameters["betweenness_pivots"] is None
    monkeypatch.setattr(central_module, "EXACT_UP_TO", 3)
    monkeypatch.setattr(central_module, "PIVOTS", 4)
    estimated = central(data, ALFA)
    assert estimated.parameters["betweenness_pivots"] == 4
    assert estimated.parameters["seed"] == 42
    assert "estimated" in estimated.method
    # degree is exact either way
    assert [r["degree"] for r in estimated.rows] == [r["degree"] for r in exact.rows]


def test_many_plans_are_compared_only_with_the_plan_they_replace() -> None:
    from graph.analysis.rdf import COMPARE_ALL_UP_TO, comparisons

    def plans(n: int, replaced: dict[int, str]) -> network.PlanData:
        data = network.PlanData()
        for k in range(n):
            before = f"plan/{replaced[k]}" if k in replaced else None
            data.plans[f"p{k:02d}"] = network.Plan(f"p{k:02d}", f"plan/p{k:02d}", "", "", before)
        return data

    few = plans(COMPARE_ALL_UP_TO, {1: "p00"})
    assert len(comparisons(few)) == COMPARE_ALL_UP_TO * (COMPARE_ALL_UP_TO - 1) // 2
    # p07 names itself and p08 a plan that is not in the data: neither is compared
    many = plans(COMPARE_ALL_UP_TO + 2, {3: "p01", 5: "p04", 7: "p07", 8: "elders"})
    assert comparisons(many) == [("p01", "p03"), ("p04", "p05")]
