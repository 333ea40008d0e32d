"""`ivp analyze ... --plan` with default parameters answers from what the build computed.

The answer must be the one the computation gives (rows and the plain-language reading), and
the command must not import networkx or igraph (what made it cost 0.8-1.7 s cold).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from graph import network
from graph.analysis.brokers import brokers
from graph.analysis.gaps import gaps
from graph.config import PROJECT_ROOT, Settings
from graph.store import open_store

PLANS = ("nijmegen-2022", "pijnacker-nootdorp-2023")
# an option given on the command line at its default value forces the computation
FORCED = {"overlap": ["--min-shared", "3"], "communities": ["--seed", "42"]}


@pytest.mark.parametrize("plan", PLANS)
@pytest.mark.parametrize("analysis", sorted(FORCED))
def test_built_answer_is_the_computed_one(run_cli, analysis: str, plan: str) -> None:
    for fmt in ("table", "json"):
        built = run_cli("analyze", analysis, "--plan", plan, "--format", fmt)
        computed = run_cli("analyze", analysis, "--plan", plan, *FORCED[analysis], "--format", fmt)
        assert built.exit_code == computed.exit_code == 0
        assert built.output == computed.output and built.output.strip()


@pytest.mark.parametrize("plan", PLANS)
@pytest.mark.parametrize("analysis", ["central", "brokers", "gaps"])
def test_built_rows_are_the_computed_ones(
    built: Settings, run_cli, analysis: str, plan: str
) -> None:
    from graph.analysis.central import central

    answer = run_cli("analyze", analysis, "--plan", plan, "--format", "json")
    assert answer.exit_code == 0
    data = network.load(open_store(built), built, [plan])
    result = {"central": central, "brokers": brokers, "gaps": gaps}[analysis](data, plan)
    assert json.loads(answer.output) == json.loads(json.dumps(result.rows))


def test_an_unknown_plan_still_says_so(run_cli) -> None:
    answer = run_cli("analyze", "central", "--plan", "nijmegen-2021")
    assert answer.exit_code == 1 and "nijmegen-2022" in answer.output


def test_a_cold_analyze_imports_no_graph_library(built: Settings) -> None:
    script = (
        "import sys; from click.testing import CliRunner; from cli import main; "
        f"r = CliRunner().invoke(main, ['--data', {str(built.data_dir)!r}, '--dist', "
        f"{str(built.dist_dir)!r}, 'analyze', 'central', '--plan', 'nijmegen-2022']); "
        "print(r.exit_code, sorted(m for m in ('networkx', 'igraph') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    assert done.stdout.split(None, 1) == ["0", "[]\n"], done.stderr
