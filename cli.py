"""`ivp`: the command line of kruisverband, a thin layer over the `graph` package.

Commands parse arguments, call the library and format what it returns; nothing else.
Exit codes: 0 success, 1 invalid data / not found / bad query, 2 could not run.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from graph import output
from graph.catalog import STATUSES, Catalog, NotFound
from graph.config import Settings
from graph.problems import CannotRun, InvalidData, Problem
from graph.queries import UnknownQuery, named_queries
from graph.sparql import RDF_FORMATS, QueryError, query_text, run, serialize
from graph.store import open_store

EXIT_INVALID, EXIT_CANNOT_RUN = 1, 2


def progress(message: str) -> None:
    click.echo(f"· {message}", err=True)


def show_problems(problems: list[Problem], fmt: str = "table") -> None:
    if fmt == "json":
        click.echo(output.render([p.as_dict() for p in problems], "json"))
        return
    for p in problems:
        click.echo(str(p), err=True)
    click.echo(f"{len(problems)} problem(s) found.", err=True)


def handled(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the library's errors into messages and exit codes, never tracebacks."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InvalidData as err:
            show_problems(err.problems)
            sys.exit(EXIT_INVALID)
        except (NotFound, UnknownQuery, QueryError) as err:
            click.echo(f"Error: {err}", err=True)
            sys.exit(EXIT_INVALID)
        except CannotRun as err:
            click.echo(f"Error: {err}", err=True)
            sys.exit(EXIT_CANNOT_RUN)

    return wrapper


def catalog(ctx: click.Context) -> Catalog:
    settings: Settings = ctx.obj
    return Catalog(open_store(settings, progress=progress), settings)


def format_option(choices: tuple[str, ...] = output.LIST_FORMATS) -> Callable[..., Any]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default="table",
        show_default=True,
        help="Output format.",
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--data",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Curated data folder (default: data/, or $KRUISVERBAND_DATA).",
)
@click.option(
    "--dist",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Build output folder (default: dist/, or $KRUISVERBAND_DIST).",
)
@click.version_option(package_name="kruisverband")
@click.pass_context
def main(ctx: click.Context, data: Path | None, dist: Path | None) -> None:
    """Knowledge graph of Dutch municipal integral safety plans (IVP).

    \b
    Example:
      ivp build                       # validate data/ and write the graph to dist/
      ivp themes --plan nijmegen-2022 --status priority
      ivp query @prioritaire-themas
    """
    ctx.obj = Settings.from_env(data_dir=data, dist_dir=dist)


@main.command()
@click.pass_context
@handled
def build(ctx: click.Context) -> None:
    """Validate the data and write the graph to dist/.

    Writes Turtle, N-Triples, JSON-LD, TriG and N-Quads (one named graph per plan) and an
    Oxigraph store that the other commands open. A failed build leaves dist/ as it was.

    \b
    Example:
      ivp build
    """
    from graph.build import build as run_build

    report = run_build(ctx.obj, progress=progress)
    click.echo(f"Built {report.triples} triples into {report.dist_dir}")
    click.echo(output.table([{"graph": k, "triples": v} for k, v in sorted(report.graphs.items())]))


@main.command()
@format_option(("table", "json"))
@click.pass_context
def validate(ctx: click.Context, fmt: str) -> None:
    """Check the data: references, ids, quotes against the source texts, values, SHACL.

    Exit code 0 when valid, 1 when the data has problems (each named with file, line,
    entity and what is wrong), 2 when validation could not run.

    \b
    Example:
      ivp validate
      ivp validate --format json > problems.json
    """
    from graph.build import load_and_validate

    try:
        load_and_validate(ctx.obj, progress=progress)
    except InvalidData as err:
        show_problems(err.problems, fmt)
        sys.exit(EXIT_INVALID)
    except CannotRun as err:
        click.echo(f"Error: {err}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    if fmt == "json":
        click.echo("[]")
    click.echo("Valid: no problems found.", err=True)


@main.command()
@format_option()
@click.pass_context
@handled
def plans(ctx: click.Context, fmt: str) -> None:
    """List the plans in the graph.

    \b
    Example:
      ivp plans --format csv
    """
    click.echo(output.render(catalog(ctx).plans(), fmt))


@main.command()
@click.option("--plan", help="Only this plan.")
@format_option()
@click.pass_context
@handled
def stats(ctx: click.Context, plan: str | None, fmt: str) -> None:
    """Count what each plan's graph holds, per class (themes, pillars, quotes, ...).

    \b
    Example:
      ivp stats --plan nijmegen-2022
    """
    click.echo(output.render(catalog(ctx).class_counts(plan), fmt))


@main.command()
@click.option("--plan", help="Only this plan (e.g. nijmegen-2022).")
@click.option("--status", type=click.Choice(STATUSES), help="priority, or core (going concern).")
@format_option()
@click.pass_context
@handled
def themes(ctx: click.Context, plan: str | None, status: str | None, fmt: str) -> None:
    """List themes with their status and how much hangs under them.

    \b
    Example:
      ivp themes --plan pijnacker-nootdorp-2023 --status priority
    """
    click.echo(output.render(catalog(ctx).themes(plan, status), fmt))


@main.command()
@click.argument("theme_id")
@click.option("--plan", help="The plan, when the theme id occurs in several.")
@format_option(output.DETAIL_FORMATS)
@click.pass_context
@handled
def theme(ctx: click.Context, theme_id: str, plan: str | None, fmt: str) -> None:
    """Everything about one theme: pillars, ambitions, partners, cross-links, budget, quotes.

    THEME_ID is a theme id, optionally with its plan: nijmegen-2022/ondermijning.

    \b
    Example:
      ivp theme nijmegen-2022/zorg-en-veiligheid
      ivp theme ondermijning --plan pijnacker-nootdorp-2023 --format json
    """
    click.echo(output.render_detail(catalog(ctx).theme(theme_id, plan), fmt))


@main.command()
@click.option("--plan", help="Only partners this plan names.")
@click.option("--theme", "theme_id", help="Only partners involved in this theme (with roles).")
@format_option()
@click.pass_context
@handled
def partners(ctx: click.Context, plan: str | None, theme_id: str | None, fmt: str) -> None:
    """List partners: kind, domains, the plans that name them, the themes they work on.

    \b
    Example:
      ivp partners --plan pijnacker-nootdorp-2023
      ivp partners --theme nijmegen-2022/jonge-aanwas --format json
    """
    click.echo(output.render(catalog(ctx).partners(plan, theme_id), fmt))


@main.command()
@click.argument("partner_id")
@format_option(output.DETAIL_FORMATS)
@click.pass_context
@handled
def partner(ctx: click.Context, partner_id: str, fmt: str) -> None:
    """Everything about one partner: kind, domains, aliases, and every involvement with quotes.

    \b
    Example:
      ivp partner politie
    """
    click.echo(output.render_detail(catalog(ctx).partner(partner_id), fmt))


@main.command()
@click.option("--plan", help="Only this plan.")
@format_option()
@click.pass_context
@handled
def crosslinks(ctx: click.Context, plan: str | None, fmt: str) -> None:
    """List the kruisverbanden (cross-links) between themes that the plans state, with quotes.

    \b
    Example:
      ivp crosslinks --plan nijmegen-2022
    """
    click.echo(output.render(catalog(ctx).crosslinks(plan), fmt))


@main.command()
@click.argument("sparql", required=False)
@click.option(
    "--format",
    "fmt",
    default=None,
    type=click.Choice(output.LIST_FORMATS + tuple(RDF_FORMATS)),
    help="table|json|csv|tsv for SELECT (default table); "
    "turtle|nt|jsonld|rdfxml for CONSTRUCT/DESCRIBE (default turtle).",
)
@click.option("--list", "list_named", is_flag=True, help="List the named queries.")
@click.pass_context
@handled
def query(ctx: click.Context, sparql: str | None, fmt: str | None, list_named: bool) -> None:
    """Run SPARQL over the graph: a query text, @file.rq, or @name of a named query.

    The default graph is the union of all plans; prefixes ivp, skos, dcterms, prov, org, qb,
    oa, rdf, rdfs, owl, xsd and foaf are predeclared.

    \b
    Example:
      ivp query --list
      ivp query @prioritaire-themas
      ivp query 'SELECT ?label WHERE { ?t a ivp:Theme ; skos:prefLabel ?label }' --format csv
    """
    if list_named or not sparql:
        rows = [
            {"name": "@" + q.name, "title": q.title, "description": q.description}
            for q in named_queries()
        ]
        click.echo(output.render(rows, fmt if fmt in output.LIST_FORMATS else "table"))
        return
    settings: Settings = ctx.obj
    result = run(open_store(settings, progress=progress), query_text(sparql, settings), settings)
    if result.kind == "ask":
        click.echo("true" if result.boolean else "false")
    elif result.kind == "graph":
        if fmt is not None and fmt not in RDF_FORMATS:
            raise QueryError(
                f"a CONSTRUCT/DESCRIBE result is RDF: use one of {', '.join(RDF_FORMATS)}"
            )
        click.echo(serialize(result.triples, fmt or "turtle", settings), nl=False)
    else:
        if fmt is not None and fmt not in output.LIST_FORMATS:
            raise QueryError(
                f"a SELECT result is a table: use one of {', '.join(output.LIST_FORMATS)}"
            )
        click.echo(output.render(result.rows, fmt or "table", result.variables))


if __name__ == "__main__":
    main()
