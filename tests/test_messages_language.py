"""The library's messages that reach a person follow `ivp --lang`: Dutch by default.

Issue 13, "One language": the CLI frame was Dutch, but what the library said through it (the
steps of a build, the last-good-build warning, where `ivp serve` listens, a query that cannot
be read, an unknown named query) stayed English.
"""

from __future__ import annotations

from pathlib import Path

from endpoint_support import running_server

from graph.config import Settings


def test_build_steps_are_dutch_by_default_english_with_lang_en(
    run_cli, project_copy: Settings
) -> None:
    dutch = run_cli("build", settings=project_copy)
    assert dutch.exit_code == 0, dutch.output
    steps = ("ontologie en registers laden", "de store laden", "de netwerkanalyses berekenen")
    for step in steps:
        assert f"· {step}" in dutch.stderr, dutch.stderr
    assert "triples in 5 grafen gebouwd in " in dutch.stderr
    assert "analyses van 2 plannen berekend, 0 hergebruikt" in dutch.stderr
    assert not [w for w in ("loading", "writing", "computed", "reused") if w in dutch.stderr]
    again = run_cli("--lang", "en", "build", settings=project_copy)
    assert f"{project_copy.dist_dir} is current: nothing changed since " in again.stderr
    plan = project_copy.data_dir / "plans" / "nijmegen-2022.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    english = run_cli("--lang", "en", "build", settings=project_copy)
    assert "· loading ontology and registries" in english.stderr
    assert "· 1 of 2 plans unchanged since the last build; checking 1" in english.stderr
    assert "laden" not in english.stderr


def test_query_errors_follow_the_language(run_cli, tmp_path: Path) -> None:
    missing = tmp_path / "nope.rq"
    dutch = run_cli("query", f"@{missing}")
    assert dutch.exit_code == 1 and f"kan {missing} niet lezen: " in dutch.output
    english = run_cli("--lang", "en", "query", f"@{missing}")
    assert english.exit_code == 1 and f"cannot read {missing}: " in english.output
    prefix = "SELECT ?x WHERE { ?x a foo:Bar }"
    dutch = run_cli("query", prefix).output
    assert "Onjuiste SPARQL: onbekend prefix foo: op regel 1, kolom 24 (in foo:Bar); " in dutch
    english = run_cli("--lang", "en", "query", prefix).output
    assert "Malformed SPARQL: unknown prefix foo: at line 1, column 24 (in foo:Bar); " in english


def test_serve_says_where_it_listens_in_the_chosen_language(built: Settings) -> None:
    with running_server(built) as server:
        assert server.request("GET", "/sparql?query=ASK%7B%7D")[0] == 200
    said = "".join(server.log)
    assert f"SPARQL-endpoint: {server.url}sparql" in said
    assert f"querypagina:     {server.url}   (Ctrl-C stopt)" in said
    with running_server(built, env={"IVP_LANG": "en"}) as server:
        pass
    said = "".join(server.log)
    assert f"SPARQL endpoint: {server.url}sparql" in said
    assert f"query page:      {server.url}   (Ctrl-C stops)" in said


def test_validation_problems_follow_the_language(run_cli, project_copy: Settings) -> None:
    plan = project_copy.data_dir / "plans" / "pijnacker-nootdorp-2023.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("partner: politie\n", "partner: politi\n", 1), encoding="utf-8")
    dutch = run_cli("validate", settings=project_copy)
    assert dutch.exit_code == 1
    assert "partner: onbekende partners-id 'politi' (zie " in dutch.stderr
    assert "; bedoelde u politie? (reference)" in dutch.stderr
    assert dutch.stderr.rstrip().endswith("1 probleem gevonden.")
    english = run_cli("--lang", "en", "validate", settings=project_copy)
    assert "partner: unknown partners id 'politi' (see " in english.stderr
    assert "; did you mean politie? (reference)" in english.stderr
    assert english.stderr.rstrip().endswith("1 problem found.")
