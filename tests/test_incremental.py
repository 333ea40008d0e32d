"""Incremental builds: only the plans whose inputs changed are checked again.

Each test changes one kind of input (a plan file, a source text, a registry) of a private
copy of the data and asserts which plans the next build checked, and that the store says what
the files now say. A cached plan must never hide a problem or an edit.
"""

from __future__ import annotations

import pytest
from dump_support import whole_dump

from graph.build import CACHE, build
from graph.config import Settings
from graph.pipeline import PLANS
from graph.problems import InvalidData
from graph.store import open_store, select

NIJMEGEN, PN = "nijmegen-2022", "pijnacker-nootdorp-2023"
SOURCE = {NIJMEGEN: "nijmegen-ivp-2022-2026.txt", PN: "pijnacker-nootdorp-ivp-2023-2026.txt"}


def label_of(settings: Settings, plan: str, theme: str) -> str:
    rows = select(
        open_store(settings, rebuild=False),
        f"""SELECT ?label WHERE {{
              ?t a ivp:Theme ; dcterms:identifier "{theme}" ; ivp:inPlan/dcterms:identifier
                 "{plan}" ; skos:prefLabel ?label . FILTER(lang(?label) = "nl") }}""",
        settings,
    )
    return rows[0]["label"]


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def first(project_copy: Settings) -> Settings:
    report = build(project_copy)
    assert (report.checked, report.reused) == (2, 0)
    return project_copy


def test_unchanged_data_leaves_dist_as_it_is(first: Settings) -> None:
    before = (first.dist_dir / "build.json").stat().st_mtime_ns
    report = build(first)
    assert report.current and (report.checked, report.reused) == (0, 2)
    assert (first.dist_dir / "build.json").stat().st_mtime_ns == before


def test_a_forced_build_reuses_every_plan_and_gives_the_same_graph(first: Settings) -> None:
    before = sorted(whole_dump(first, "ivp.nq").read_text(encoding="utf-8").splitlines())
    report = build(first, force=True)
    assert not report.current and (report.checked, report.reused) == (0, 2)
    after = sorted(whole_dump(first, "ivp.nq").read_text(encoding="utf-8").splitlines())
    # blank node labels are minted per run; everything else is identical
    assert [x for x in after if "_:" not in x] == [x for x in before if "_:" not in x]
    assert len(after) == len(before)
    assert sorted(p.name for p in (first.dist_dir / CACHE / PLANS).iterdir()) == sorted(
        f"{plan}.{ext}"
        for plan in (NIJMEGEN, PN)
        for ext in ("json", "nq", "ttl", "nt", "jsonld", "trig")  # a piece in each dump format
    )


def test_an_edited_plan_is_checked_again_and_the_other_reused(first: Settings) -> None:
    plan = first.data_dir / "plans" / f"{NIJMEGEN}.yaml"
    edit(plan, "label: Ondermijning", "label: Ondermijning en georganiseerde misdaad")
    report = build(first)
    assert (report.checked, report.reused) == (1, 1)
    assert label_of(first, NIJMEGEN, "ondermijning") == "Ondermijning en georganiseerde misdaad"


def test_an_edited_source_text_checks_its_plan_again(first: Settings) -> None:
    source = first.data_dir / "sources" / SOURCE[PN]
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    report = build(first)
    assert (report.checked, report.reused) == (1, 1)


def test_a_source_text_that_loses_a_quote_fails_although_the_plan_file_is_unchanged(
    first: Settings,
) -> None:
    source = first.data_dir / "sources" / SOURCE[NIJMEGEN]
    text = source.read_text(encoding="utf-8")
    sentence = "Ondernijning"  # the source's own typo, quoted verbatim by the plan
    assert sentence in text
    source.write_text(text.replace(sentence, "Ondermijning"), encoding="utf-8")
    with pytest.raises(InvalidData) as caught:
        build(first)
    assert any(p.check == "quote" and NIJMEGEN in p.file for p in caught.value.problems)


def test_a_registry_change_checks_every_plan_again(first: Settings) -> None:
    registry = first.data_dir / "registry" / "target-groups.yaml"
    registry.write_text(
        registry.read_text(encoding="utf-8")
        + "\n- id: testgroep\n  label: Testgroep\n  definition: Alleen voor deze test.\n",
        encoding="utf-8",
    )
    report = build(first)
    assert (report.checked, report.reused) == (2, 0)


def test_a_broken_plan_is_reported_on_every_build_not_cached(first: Settings) -> None:
    plan = first.data_dir / "plans" / f"{PN}.yaml"
    edit(plan, "status: priority", "status: urgent")
    for _ in range(2):
        with pytest.raises(InvalidData) as caught:
            build(first)
        assert any(PN in p.file and "urgent" in p.message for p in caught.value.problems)
    # the failed builds left the last good dist/ and its cache in place
    assert (first.dist_dir / CACHE / PLANS / f"{PN}.nq").is_file()


def test_a_removed_plan_leaves_the_graph(first: Settings) -> None:
    (first.data_dir / "plans" / f"{NIJMEGEN}.yaml").unlink()
    report = build(first)
    assert (report.checked, report.reused, report.plans) == (0, 1, [PN])
    assert not (first.dist_dir / CACHE / PLANS / f"{NIJMEGEN}.nq").exists()
    rows = select(
        open_store(first, rebuild=False),
        "SELECT DISTINCT ?id WHERE { ?p ivp:hasTheme [] ; dcterms:identifier ?id }",
        first,
    )
    assert [r["id"] for r in rows] == [PN]


def test_a_plan_whose_quote_the_model_cites_cannot_be_removed(first: Settings) -> None:
    (first.data_dir / "plans" / f"{PN}.yaml").unlink()
    # the VNG scheme in ontology/ quotes this plan: its quotes would cite a missing section
    with pytest.raises(InvalidData) as caught:
        build(first)
    assert any("die geen plan definieert" in p.message for p in caught.value.problems)
