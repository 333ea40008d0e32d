"""The README's endpoint section is real: its shell sessions run against a real `ivp serve` and
still print what they show, and its table of paths names every route the app serves.

The routes are read from `Endpoint.dispatch` itself (each `path == ...`, `path in (...)` and
`path.startswith(...)`), so a route added there without a row in the table fails here.
"""

from __future__ import annotations

import ast
import inspect
import re
import subprocess
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from endpoint_support import Server, running_server

from graph.config import PROJECT_ROOT, Settings
from graph.endpoint.app import Endpoint

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README[README.index("## The SPARQL endpoint") :]
SECTION = SECTION[: SECTION.index("\n## ")]
LOCAL = "http://127.0.0.1:8000/"  # the address the README shows; replaced by the test server's
SESSION = re.compile(r"```text\n(\$ .*?)```", re.DOTALL)
CODE = re.compile(r"```\w*\n(.*?)```", re.DOTALL)


def steps(session: str) -> list[tuple[str, list[str]]]:
    """`$ command` lines, each with the output lines shown under it ("..." elides)."""
    found: list[tuple[str, list[str]]] = []
    for line in session.splitlines():
        if line.startswith("$ "):
            found.append((line[2:], []))
        elif line.rstrip() != "...":
            found[-1][1].append(line.rstrip())
    return found


SESSIONS = [steps(m[1]) for m in SESSION.finditer(SECTION) if LOCAL in m[1]]
# every curl the section shows, as a session step or as a plain command line
CURLS = [
    line.removeprefix("$ ")
    for block in CODE.findall(SECTION)
    for line in block.splitlines()
    if line.removeprefix("$ ").startswith("curl ")
]


@pytest.fixture(scope="module")
def server(built: Settings) -> Iterator[Server]:
    with running_server(built) as s:
        yield s


def shell(command: str, server: Server, cwd: Path) -> str:
    """The command run by bash against the test server: stdout and stderr, as a user sees."""
    done = subprocess.run(
        ["bash", "-c", command.replace(LOCAL, server.url)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, f"{command}\n{done.stdout}{done.stderr}"
    return done.stdout + done.stderr


def test_the_endpoint_section_has_sessions() -> None:
    assert len(SESSIONS) >= 2
    assert any("/download/" in command for session in SESSIONS for command, _ in session)


@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: s[0][0][:60])
def test_readme_session_output_is_current(
    server: Server, tmp_path: Path, session: list[tuple[str, list[str]]]
) -> None:
    for command, shown in session:
        actual = {line.rstrip() for line in shell(command, server, tmp_path).splitlines()}
        missing = [line for line in shown if line not in actual]
        assert not missing, f"`{command}` no longer prints:\n" + "\n".join(missing)


def test_readme_query_example_gives_distinct_rows(server: Server, tmp_path: Path) -> None:
    queries = [c for c in CURLS if "query=" in c and "text/csv" in c]
    assert queries, "the README shows no curl query with CSV output"
    for command in queries:
        rows = shell(command, server, tmp_path).splitlines()[1:]  # after the CSV header
        assert len(rows) >= 2, rows
        duplicated = sorted({r for r in rows if rows.count(r) > 1})
        assert not duplicated, f"`{command}` repeats rows: {duplicated}"


def routes() -> set[str]:
    """The paths Endpoint.dispatch answers: exact ones, and prefixes (ending in '/')."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(Endpoint.dispatch)))
    found: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Compare)
            and isinstance(node.left, ast.Name)
            and node.left.id == "path"
        ):
            for each in node.comparators:
                items = each.elts if isinstance(each, ast.Tuple) else [each]
                found |= {i.value for i in items if isinstance(i, ast.Constant)}
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "startswith"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "path"
        ):
            found |= {a.value for a in node.args if isinstance(a, ast.Constant)}
    return found


def table_paths() -> list[str]:
    """The code spans in the first column of the section's table of paths."""
    rows = [line for line in SECTION.splitlines() if line.startswith("| `")]
    return [span for row in rows for span in re.findall(r"`([^`]+)`", row.split("|")[1])]


def test_every_route_is_in_the_readme_table() -> None:
    served, listed = routes(), table_paths()
    assert {"/sparql", "/graphs", "/download/", "/doc/", "/static/"} <= served  # reads dispatch
    missing = [
        route
        for route in sorted(served)
        if not any(
            span.split("?")[0] == route or (route.endswith("/") and span.startswith(route))
            for span in listed
        )
    ]
    assert not missing, "routes the README's table of paths does not show: " + ", ".join(missing)


def test_every_literal_path_in_the_table_is_served(server: Server) -> None:
    literal = [p for p in table_paths() if p.startswith("/") and not re.search(r"<|\.\.\.|=IRI", p)]
    assert "/graphs?default" in literal and "/download/ivp.ttl" in literal
    for path in literal:
        status, _, body = server.request("HEAD", path)
        assert status != 404, f"{path}: {body[:200]!r}"
