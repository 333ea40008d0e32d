"""A typo in data/ does not take readers down: they answer from the last good build, and say so.

`build` and `validate` still fail on it (exit 1); listings, queries and a real `ivp serve`
answer from dist/ with a warning that names the broken file and line, and the Service
Description tells clients the same.
"""

from __future__ import annotations

import re

import pytest
import rdflib
from endpoint_support import running_server
from test_validate import PN_PLAN, replace_first

from graph.build import build, check
from graph.config import Settings
from graph.problems import InvalidData, Problem
from graph.store import read_manifest

DCT = rdflib.Namespace("http://purl.org/dc/terms/")


def broken(settings: Settings) -> Problem:
    """Break one partner reference in a real copy of the data; the problem it makes."""
    replace_first(settings.data_dir / "plans" / PN_PLAN, r"partner: politie\b", "partner: politi")
    with pytest.raises(InvalidData) as caught:
        check(settings)
    (problem,) = caught.value.problems
    assert problem.file == f"data/plans/{PN_PLAN}" and problem.line
    return problem


def test_listings_answer_from_the_last_good_build(project_copy: Settings, run_cli) -> None:
    plan = project_copy.data_dir / "plans" / PN_PLAN
    good = plan.read_bytes()
    problem = broken(project_copy)
    nothing = run_cli("plans", settings=project_copy)  # no good build to fall back on
    assert nothing.exit_code == 1 and f"{problem.file}:{problem.line}:" in nothing.stderr
    assert "warning" not in nothing.stderr and not project_copy.dist_dir.exists()
    plan.write_bytes(good)
    build(project_copy)
    broken(project_copy)
    for args in (["plans"], ["query", "@begrotingstotalen", "--format", "csv"]):
        result = run_cli(*args, settings=project_copy)
        assert result.exit_code == 0, result.output
        # the folder the reader named (--data DIR), not the project's data/
        folder = project_copy.data_dir.resolve()
        said = f"waarschuwing: {folder}/ is niet geldig; de laatste goede build wordt gebruikt"
        assert said in result.stderr
        assert f"{problem.file}:{problem.line}:" in result.stderr
    assert "pijnacker-nootdorp-2023" in run_cli("plans", settings=project_copy).stdout
    rows = run_cli("query", "@begrotingstotalen", "--format", "csv", settings=project_copy)
    assert len(rows.stdout.splitlines()) == 1 + 5
    for args in (["build"], ["validate"]):
        failed = run_cli(*args, settings=project_copy)
        assert failed.exit_code == 1 and f"{problem.file}:{problem.line}:" in failed.stderr
    # many problems: the first ten, and where to see them all
    text = plan.read_text(encoding="utf-8")
    plan.write_text(re.sub(r"partner: politie$", "partner: politi", text, flags=re.M))
    many = run_cli("plans", settings=project_copy)
    assert many.exit_code == 0
    listed = [line for line in many.stderr.splitlines() if line.startswith(f"  {problem.file}:")]
    assert len(listed) == 10
    assert many.stderr.rstrip().endswith("(ivp validate noemt ze allemaal)")
    english = run_cli("--lang", "en", "plans", settings=project_copy).stderr
    assert f"warning: {folder}/ does not validate; serving the last good build" in english
    assert english.rstrip().endswith("more (ivp validate lists them all)")


def test_serve_starts_on_the_last_good_build_and_describes_it(project_copy: Settings) -> None:
    build(project_copy)
    problem = broken(project_copy)
    with running_server(project_copy) as server:
        status, _, body = server.request("GET", "/sparql", headers={"Accept": "text/turtle"})
        assert server.count() == (read_manifest(project_copy) or {})["triples"]
    assert status == 200
    log = "".join(server.log)
    assert "WARNING" in log and f"{problem.file}:{problem.line}:" in log
    g = rdflib.Graph().parse(data=body.decode(), format="turtle")
    (description,) = g.objects(rdflib.URIRef(server.sparql), DCT.description)
    assert description.language == "en"
    assert str(description).startswith("serving the last good build, of 20")
    assert f"{problem.file}:{problem.line}:" in str(description)
    assert "does not validate" in str(description)
