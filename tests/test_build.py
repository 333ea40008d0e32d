"""`ivp build`: every output written, consistent with each other, and the store reused."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from dump_support import whole_dump
from rdflib import Dataset, Graph

from graph.build import OUTPUTS, build, dump_file
from graph.config import Settings
from graph.iris import Iris
from graph.store import is_current, open_store


def test_outputs_parse_and_agree(built: Settings) -> None:
    dist = built.dist_dir
    manifest = json.loads((dist / "build.json").read_text(encoding="utf-8"))
    for name in OUTPUTS:
        assert dump_file(dist, name) == dist.resolve() / name
        assert (dist / name).stat().st_size > 0
    union = {
        name: len(Graph().parse(dist / name, format=fmt))
        for name, fmt in (("ivp.ttl", "turtle"), ("ivp.nt", "nt"), ("ivp.jsonld", "json-ld"))
    }
    assert set(union.values()) == {manifest["triples"]}
    trig = Dataset()
    trig.parse(dist / "ivp.trig", format="trig")
    per_graph = {str(g.identifier).rsplit("/", 1)[-1]: len(g) for g in trig.graphs() if len(g)}
    assert per_graph == manifest["graphs"]
    assert {"nijmegen-2022", "pijnacker-nootdorp-2023", "model", "register"} <= set(per_graph)


def test_store_holds_one_named_graph_per_plan(built: Settings) -> None:
    store = open_store(built)
    iris = Iris(built.base)
    graphs = {g.value for g in store.named_graphs()}
    assert str(iris.graph("nijmegen-2022")) in graphs
    themes_in_plan_graph = list(
        store.quads_for_pattern(
            None,
            ox.NamedNode(str(iris.ivp.hasTheme)),
            None,
            ox.NamedNode(str(iris.graph("pijnacker-nootdorp-2023"))),
        )
    )
    assert len(themes_in_plan_graph) >= 4


def test_current_store_is_opened_not_rebuilt(built: Settings) -> None:
    assert is_current(built)
    before = (built.dist_dir / "build.json").stat().st_mtime_ns
    open_store(built)
    assert (built.dist_dir / "build.json").stat().st_mtime_ns == before


def test_stale_store_is_rebuilt_before_use(project_copy: Settings) -> None:
    build(project_copy)
    assert is_current(project_copy)
    registry = project_copy.data_dir / "registry" / "target-groups.yaml"
    registry.write_text(
        registry.read_text(encoding="utf-8")
        + "\n- id: testgroep\n  label: Testgroep\n  definition: Alleen voor deze test.\n",
        encoding="utf-8",
    )
    assert not is_current(project_copy)
    store = open_store(project_copy)
    assert is_current(project_copy)
    found = store.query(
        'ASK { ?g <http://www.w3.org/2004/02/skos/core#prefLabel> "Testgroep"@nl }',
        use_default_graph_as_union=True,
    )
    assert bool(found)


def test_base_iri_is_configurable(project_copy: Settings) -> None:
    other = Settings(
        project_copy.data_dir,
        project_copy.ontology_dir,
        project_copy.dist_dir,
        base="https://example.org/ivp/",
    )
    build(other)
    text = whole_dump(other, "ivp.nt").read_text(encoding="utf-8")
    assert "<https://example.org/ivp/id/plan/nijmegen-2022>" in text
    assert "<https://example.org/ivp/def/ivp#Theme>" in text
    assert "w3id.org/kruisverband" not in text


@pytest.mark.parametrize("cls", ["Theme", "Partner", "Quote", "Involvement", "CrossLink"])
def test_every_class_has_instances(built: Settings, cls: str) -> None:
    iris = Iris(built.base)
    assert bool(
        open_store(built).query(
            f"ASK {{ ?x a <{iris.ivp[cls]}> }}", use_default_graph_as_union=True
        )
    )


def test_whole_dumps_are_written_when_asked_for(run_cli, project_copy: Settings) -> None:
    """A rebuild writes no whole dump (joining the pieces is what an edit would wait for);
    the first request writes it, and `ivp build --dumps` writes them all."""
    build(project_copy)
    plan = project_copy.data_dir / "plans" / "nijmegen-2022.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert build(project_copy).incremental
    dist = project_copy.dist_dir
    assert not [name for name in OUTPUTS if (dist / name).exists()]
    nt = dump_file(dist, "ivp.nt")
    assert (
        nt is not None
        and len(Graph().parse(nt, format="nt"))
        == json.loads((dist / "build.json").read_text(encoding="utf-8"))["triples"]
    )
    result = run_cli("build", "--dumps", settings=project_copy)
    assert result.exit_code == 0, result.output
    assert all((dist / name).stat().st_size > 0 for name in OUTPUTS)
    assert "· ivp.ttl uit zijn stukken schrijven" in result.stderr
