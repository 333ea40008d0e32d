"""The command line against the real data: formats, help, ids and errors."""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner

from cli import main
from graph.config import PROJECT_ROOT

SHELL = (">", ">>", "|", "<", "&&", ";")  # where an example's ivp arguments end
PN = "pijnacker-nootdorp-2023"


def walk(group: click.Group, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command and subcommand, as the words that call it: ('analyze', 'gaps')."""
    for name, command in sorted(group.commands.items()):
        yield (*path, name)
        if isinstance(command, click.Group):
            yield from walk(command, (*path, name))


COMMANDS = list(walk(main))


def command_at(path: tuple[str, ...]) -> click.Command:
    command: click.Command = main
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    return command


def examples(command: click.Command) -> list[str]:
    """The `ivp ...` lines under "Example:" in a command's help (not curl, oxigraph, ...)."""
    lines = (command.help or "").splitlines()
    if not any(line.strip() == "Example:" for line in lines):
        return []
    start = next(i for i, line in enumerate(lines) if line.strip() == "Example:") + 1
    block = []
    for line in lines[start:]:
        if not line.strip():
            break
        block.append(line.strip())
    return [line for line in block if line.startswith("ivp ")]


EXAMPLES = [(path, line) for path in [(), *COMMANDS] for line in examples(command_at(path))]


def parse_example(line: str) -> click.Context:
    """Parse an example as click would run it, down to the command it calls; a wrong option,
    choice or missing argument raises click.UsageError."""
    words = shlex.split(line, comments=True)[1:]
    cut = [i for i, w in enumerate(words) if w in SHELL]
    args = words[: cut[0]] if cut else words
    command: click.Command = main
    name, parent = "ivp", None
    while isinstance(command, click.Group):
        ctx = click.Context(command, info_name=name, parent=parent)
        rest = click.Command.parse_args(command, ctx, list(args))  # the group's own options
        assert rest, f"{line!r} names no command"
        name, found, args = command.resolve_command(ctx, rest)
        assert found is not None and name is not None
        command, parent = found, ctx
    return command.make_context(name, list(args), parent=parent)


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert "ivp " + " ".join(path) in result.output
    assert examples(command_at(path)), "no `ivp ...` line under Example:"


def test_the_walk_reaches_the_analyze_subcommands() -> None:
    assert ("analyze", "gaps") in COMMANDS and ("analyze", "central") in COMMANDS
    assert len(EXAMPLES) > len(COMMANDS)


@pytest.mark.parametrize(("path", "line"), EXAMPLES, ids=lambda v: v if isinstance(v, str) else "")
def test_every_example_in_the_help_parses(path: tuple[str, ...], line: str) -> None:
    ctx = parse_example(line)
    assert ctx.command.name is not None


def test_a_wrong_example_would_not_parse() -> None:
    with pytest.raises(click.UsageError):
        parse_example("ivp themes --status urgent")
    with pytest.raises(click.UsageError):
        parse_example("ivp analyze centrality --plan nijmegen-2022")
    with pytest.raises(click.UsageError):
        parse_example("ivp compare --top 3")


README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def readme_commands(readme: str) -> set[tuple[str, ...]]:
    """The commands the README's command table (under "## Commands") lists."""
    section = readme.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]
    listed: set[tuple[str, ...]] = set()
    for cell in re.findall(r"^\| `ivp ([^`]+)`", section, re.MULTILINE):
        words = cell.split()
        listed.add((words[0],))
        if isinstance(main.commands.get(words[0]), click.Group):
            listed |= {(words[0], sub) for sub in words[1].replace("\\|", "|").split("|")}
    return listed


def test_the_readme_command_table_lists_every_command() -> None:
    assert readme_commands(README) == set(COMMANDS)


def test_a_command_missing_from_the_readme_table_is_noticed() -> None:
    without = re.sub(r"^\| `ivp stats.*\n", "", README, flags=re.MULTILINE)
    assert without != README
    assert set(COMMANDS) - readme_commands(without) == {("stats",)}
    fewer = README.replace("central\\|overlap\\|", "overlap\\|")
    assert set(COMMANDS) - readme_commands(fewer) == {("analyze", "central")}


def test_plans_lists_both_municipalities_with_cbs_codes(run_cli) -> None:
    rows = json.loads(run_cli("plans", "--format", "json").output)
    by_id = {r["id"]: r for r in rows}
    assert by_id["nijmegen-2022"]["cbs"] == "GM0268"
    assert by_id["pijnacker-nootdorp-2023"]["cbs"] == "GM1926"
    assert by_id["pijnacker-nootdorp-2023"]["adopted"] == "2023-06-29"
    assert (by_id["nijmegen-2022"]["start"], by_id["nijmegen-2022"]["end"]) == ("2022", "2026")


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "tsv"])
def test_listings_in_every_format_carry_the_same_rows(run_cli, fmt: str) -> None:
    reference = json.loads(run_cli("themes", "--format", "json").output)
    out = run_cli("themes", "--format", fmt)
    assert out.exit_code == 0
    if fmt == "json":
        assert json.loads(out.output) == reference
    elif fmt in ("csv", "tsv"):
        rows = list(
            csv.DictReader(io.StringIO(out.output), delimiter="," if fmt == "csv" else "\t")
        )
        assert [r["label"] for r in rows] == [r["label"] for r in reference]
    else:
        lines = out.output.splitlines()
        assert lines[0].split()[:3] == ["plan", "id", "number"]
        assert len(lines) == len(reference) + 2


def test_theme_filter_by_plan_and_status(run_cli) -> None:
    rows = json.loads(run_cli("themes", "--plan", "nijmegen-2022", "--format", "json").output)
    # thema's 1 t/m 11, and verkeersveiligheid: "komt als thema terug in andere beleidsstukken"
    assert len(rows) == 12
    assert [r["id"] for r in rows if r["status"] == "elsewhere"] == ["verkeersveiligheid"]
    assert rows[-1]["id"] == "verkeersveiligheid"  # unnumbered themes after the numbered ones
    priority = json.loads(
        run_cli(
            "themes", "--plan", "nijmegen-2022", "--status", "priority", "--format", "json"
        ).output
    )
    assert sorted(r["number"] for r in priority) == list(range(1, 9))
    core = json.loads(
        run_cli("themes", "--plan", "nijmegen-2022", "--status", "core", "--format", "json").output
    )
    assert sorted(r["number"] for r in core) == [9, 10, 11]


def test_wrong_ids_get_close_matches(run_cli) -> None:
    out = run_cli("themes", "--plan", "nijmegen-2021")
    assert out.exit_code == 1 and "nijmegen-2022" in out.output
    out = run_cli("partner", "politei")
    assert out.exit_code == 1 and "politie" in out.output


def test_ambiguous_theme_id_asks_for_the_plan(run_cli) -> None:
    out = run_cli("theme", "ondermijning")
    assert out.exit_code == 1
    assert "nijmegen-2022/ondermijning" in out.output
    assert "pijnacker-nootdorp-2023/ondermijning" in out.output


def test_query_formats_and_errors(run_cli) -> None:
    count = run_cli("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s a ivp:Theme }", "--format", "csv")
    assert count.exit_code == 0
    assert count.output.splitlines()[0] == "n" and int(count.output.splitlines()[1]) >= 28
    ask = run_cli("query", "ASK { ?p dcterms:identifier 'nijmegen-2022' }")
    assert ask.output.strip() == "true"
    construct = run_cli(
        "query", "CONSTRUCT { ?p a ivp:SafetyPlan } WHERE { ?p a ivp:SafetyPlan }", "--format", "nt"
    )
    assert "<https://w3id.org/kruisverband/id/plan/nijmegen-2022>" in construct.output
    bad = run_cli("query", "SELECT ?x WHERE { ?x")
    assert bad.exit_code == 1 and "Onjuiste SPARQL op regel 1" in bad.output
    bad = run_cli("--lang", "en", "query", "SELECT ?x WHERE { ?x")
    assert bad.exit_code == 1 and "Malformed SPARQL at line 1" in bad.output
    wrong = run_cli("query", "@prioritaire-thema")
    assert wrong.exit_code == 1 and "@prioritaire-themas" in wrong.output
    assert "geen benoemde query @prioritaire-thema; bedoelde u @prioritaire-themas" in wrong.output
    wrong = run_cli("--lang", "en", "query", "@prioritaire-thema")
    assert "no named query @prioritaire-thema; did you mean @prioritaire-themas" in wrong.output


def test_query_for_one_plan(run_cli) -> None:
    every = json.loads(run_cli("query", "@gedeelde-partners", "--format", "json").output)
    out = run_cli("query", "@gedeelde-partners", "--plan", PN, "--format", "json")
    assert out.exit_code == 0, out.output
    rows = json.loads(out.output)
    assert rows == [r for r in every if r["plan"] == PN] and rows
    unknown = run_cli("query", "@gedeelde-partners", "--plan", PN[:-1])
    assert unknown.exit_code == 1 and f"Geen plan '{PN[:-1]}'. Bedoelde u: {PN}?" in unknown.output
    no_column = run_cli("query", "SELECT ?t WHERE { ?t a ivp:Theme }", "--plan", PN)
    assert no_column.exit_code == 1 and "kolom ?plan" in no_column.output


def test_query_from_file(run_cli, tmp_path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("SELECT DISTINCT ?id WHERE { ?p a ivp:SafetyPlan ; ivp:hasTheme [] ; "
                    "dcterms:identifier ?id } ORDER BY ?id", encoding="utf-8")  # fmt: skip
    out = run_cli("query", f"@{path}", "--format", "json")
    assert [r["id"] for r in json.loads(out.output)] == ["nijmegen-2022", "pijnacker-nootdorp-2023"]
