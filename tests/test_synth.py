"""`ivp synth`: the synthetic corpus is valid under the real checks, and reproducible."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from dump_support import whole_dump

from graph.build import build
from graph.config import PROJECT_ROOT, Settings
from graph.store import open_store, select
from graph.synth import synth

MUNICIPALITIES, PLANS_PER = 5, 2


def digest(folder: Path) -> dict[str, str]:
    """Every file of a generated folder, by relative path, as a content hash."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "data"
    synth(out, MUNICIPALITIES, PLANS_PER, seed=7)
    return out


@pytest.fixture(scope="module")
def corpus_built(corpus: Path) -> Settings:
    settings = Settings(
        data_dir=corpus,
        ontology_dir=PROJECT_ROOT / "ontology",
        dist_dir=corpus.parent / "dist",
    )
    # two worker processes (12 plans is above PARALLEL_FROM); raises InvalidData on any
    # loader, quote, value or SHACL problem
    build(settings, jobs=2)
    return settings


def test_parallel_and_sequential_builds_give_the_same_graph(corpus_built: Settings) -> None:
    sequential = Settings(
        corpus_built.data_dir, corpus_built.ontology_dir, corpus_built.dist_dir.parent / "seq"
    )
    report = build(sequential, jobs=1)
    assert report.checked == MUNICIPALITIES * PLANS_PER + 2

    def quads(settings: Settings) -> list[str]:
        lines = whole_dump(settings, "ivp.nq").read_text(encoding="utf-8").splitlines()
        return sorted(line for line in lines if "_:" not in line)  # blank node labels vary

    assert quads(sequential) == quads(corpus_built)


def test_corpus_builds_and_validates(corpus_built: Settings) -> None:
    manifest_plans = sorted(p.stem for p in (corpus_built.data_dir / "plans").glob("*.yaml"))
    assert len(manifest_plans) == MUNICIPALITIES * PLANS_PER + 2  # plus the two real plans
    rows = select(
        open_store(corpus_built, rebuild=False),
        """SELECT ?plan ?code ?tooi ?label (COUNT(DISTINCT ?t) AS ?themes) WHERE {
             ?p a ivp:SafetyPlan ; dcterms:identifier ?plan ; ivp:municipality ?m ;
                ivp:hasTheme ?t .
             ?m ivp:cbsCode ?code ; owl:sameAs ?tooi ; skos:prefLabel ?label .
             FILTER (lang(?label) = "nl")
           } GROUP BY ?plan ?code ?tooi ?label""",
        corpus_built,
    )
    by_plan = {r["plan"]: r for r in rows}
    assert set(by_plan) == set(manifest_plans)
    synthetic = [r for r in rows if r["plan"] not in ("nijmegen-2022", "pijnacker-nootdorp-2023")]
    for row in synthetic:
        assert row["code"].startswith("GM9")  # no real municipality has such a code
        assert (
            row["tooi"] == f"https://identifier.overheid.nl/tooi/id/gemeente/{row['code'].lower()}"
        )
        assert "(synthetisch)" in row["label"]
        assert 9 <= row["themes"] <= 18  # like the real plans (11 and 17)


def test_partners_are_shared_across_plans(corpus_built: Settings) -> None:
    rows = select(
        open_store(corpus_built, rebuild=False),
        """SELECT ?partner (COUNT(DISTINCT ?plan) AS ?plans) WHERE {
             ?plan ivp:namesPartner ?partner } GROUP BY ?partner""",
        corpus_built,
    )
    plans_per_partner = {r["partner"].rsplit("/", 1)[-1]: r["plans"] for r in rows}
    assert plans_per_partner["politie"] >= MUNICIPALITIES  # national partners recur
    assert sum(1 for n in plans_per_partner.values() if n >= 3) >= 10


def test_every_quote_occurs_in_its_generated_source(corpus: Path) -> None:
    from graph.quotes import SourceText

    plan = next(p for p in sorted((corpus / "plans").glob("*.yaml")) if "-0" in p.stem)
    doc = yaml.safe_load(plan.read_text(encoding="utf-8"))
    source = SourceText(corpus / "sources" / doc["source"]["file"])
    quotes = [t["quote"] for t in doc["themes"]] + [c["quote"] for c in doc["crosslinks"]]
    assert quotes and all(source.contains(q) for q in quotes)


def test_same_seed_same_bytes_other_seed_differs(corpus: Path, tmp_path: Path) -> None:
    again, other = tmp_path / "again", tmp_path / "other"
    synth(again, MUNICIPALITIES, PLANS_PER, seed=7)
    synth(other, MUNICIPALITIES, PLANS_PER, seed=8)
    assert digest(again) == digest(corpus)
    assert digest(other) != digest(corpus)


def test_never_writes_into_the_real_data(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="real data"):
        synth(PROJECT_ROOT / "data" / "synthetic", 1, 1, seed=0)


def test_cli_writes_a_corpus(tmp_path: Path) -> None:
    from cli import main

    result = CliRunner().invoke(
        main,
        ["synth", "--municipalities", "2", "--plans-per", "1", "--output", str(tmp_path / "d")],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "2 plannen van 2 gemeenten" in result.output
    assert len(list((tmp_path / "d" / "plans").glob("*.yaml"))) == 4
