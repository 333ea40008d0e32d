"""`ivp`: the command line of kruisverband, a thin layer over the `graph` package.

Commands parse arguments, call the library and format what it returns; nothing else.
Exit codes: 0 success, 1 invalid data / not found / bad query, 2 could not run or a usage
error (click's own, and ours: e.g. a --sort field that is no column).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from graph import output
from graph.catalog import STATUSES, Catalog, NotFound
from graph.config import Settings
from graph.i18n import DEFAULT, LANGUAGES, Language, choose, speaking
from graph.messages import MESSAGES, problems_found
from graph.problems import CannotRun, InvalidData, Problem
from graph.queries import UnknownQuery, named_queries
from graph.sparql import RDF_FORMATS, QueryError, for_plans, query_text, run, serialize
from graph.store import open_build

if TYPE_CHECKING:
    import pyoxigraph as ox

EXIT_INVALID, EXIT_CANNOT_RUN = 1, 2


def language() -> Language:
    """The language the person chose (`ivp --lang`, else IVP_LANG, else Dutch)."""
    ctx = click.get_current_context(silent=True)
    chosen = ctx.meta.get("ivp.lang") if ctx is not None else None
    return chosen or choose(None)


def say(key: str, **fields: object) -> str:
    """One of graph.messages in the chosen language."""
    return MESSAGES(key, language(), **fields)


def progress(message: str) -> None:
    click.echo(f"· {message}", err=True)


class CountBar:
    """A progress bar on stderr for (done, total) counts, opened when the first count arrives.

    Library functions report counts through a plain callback, so they stay usable without
    click; this turns those calls into click's bar (which prints just its label off a tty).
    """

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
        self.bar.update(done - self.bar.pos)
        if done >= total:
            self.bar.render_finish()


def show_problems(problems: list[Problem], fmt: str = "table") -> None:
    if fmt == "json":
        click.echo(output.render([p.as_dict() for p in problems], "json"))
        return
    for p in problems:
        click.echo(str(p), err=True)
    click.echo(problems_found(len(problems), language()), err=True)


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
            click.echo(say("error", err=err), err=True)
            sys.exit(EXIT_INVALID)
        except CannotRun as err:
            click.echo(say("error", err=err), err=True)
            sys.exit(EXIT_CANNOT_RUN)

    return wrapper


def reader_store(settings: Settings) -> ox.Store:
    """The store for a command that only reads: the last good build when data/ is broken.

    A typo in data/ then costs a warning naming file and line, not the answer; `build` and
    `validate` still exit 1 on it.
    """
    return reader_build(settings).store


def reader_build(settings: Settings) -> Any:
    """`reader_store`'s build, opened (graph.store.Opened: the store and its folder)."""
    opened = open_build(settings, progress=progress)
    if opened.stale is not None:
        head, *problems = opened.stale.lines()
        click.echo(say("warning", text=head), err=True)
        for line in problems:
            click.echo(line, err=True)
    return opened


def catalog(ctx: click.Context) -> Catalog:
    settings: Settings = ctx.obj
    opened = reader_build(settings)
    return Catalog(opened.store, settings, build=opened.path.parent)


def format_option(choices: tuple[str, ...] = output.LIST_FORMATS) -> Callable[..., Any]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default="table",
        show_default=True,
        help="Output format.",
    )


def listing_options(
    choices: tuple[str, ...] = output.LIST_FORMATS,
    *,
    default: str | None = "table",
    format_help: str = "Output format (ndjson: one JSON object per line).",
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--format, --sort, --limit and --no-headers for a command that lists rows.

    The command receives them as one `listing: output.Listing`, and output.render applies
    them, so every listing sorts, limits and drops headers the same way. A sort field that
    is no column becomes a usage error (exit 2) that lists the columns.
    """
    options = [
        click.option(
            "--format",
            "fmt",
            type=click.Choice(choices),
            default=default,
            show_default=default is not None,
            help=format_help,
        ),
        click.option(
            "--sort",
            multiple=True,
            metavar="FIELD",
            help="Sort by this column; -FIELD for descending (repeatable: first one first). "
            "Numbers sort as numbers, empty values last.",
        ),
        click.option(
            "--limit",
            type=click.IntRange(min=1),
            default=None,
            help="Only the first N rows (after --sort).",
        ),
        click.option("--no-headers", is_flag=True, help="No header line (table, csv and tsv)."),
    ]

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(func)
        def wrapper(
            *args: Any,
            fmt: str | None,
            sort: tuple[str, ...],
            limit: int | None,
            no_headers: bool,
            **kwargs: Any,
        ) -> Any:
            listing = output.Listing(
                format=fmt, sort=sort, limit=limit, headers=not no_headers, empty=say("no_rows")
            )
            try:
                return func(*args, listing=listing, **kwargs)
            except output.UnknownField as err:
                ctx = click.get_current_context()
                raise click.BadParameter(str(err), ctx=ctx, param_hint="'--sort'") from err

        for option in reversed(options):
            wrapper = option(wrapper)
        return wrapper

    return decorate


def show_rows(
    rows: list[dict[str, Any]], listing: output.Listing, columns: list[str] | None = None
) -> None:
    """Print a listing; nothing at all when it renders empty (NDJSON or no headers, no rows)."""
    text = output.render(rows, listing, columns)
    if text:
        click.echo(text)


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
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES, case_sensitive=False),
    default=None,
    help="Language of messages: nl (default) or en; also $IVP_LANG.",
)
@click.version_option(package_name="kruisverband")
@click.pass_context
def main(ctx: click.Context, data: Path | None, dist: Path | None, lang: str | None) -> None:
    """Knowledge graph of Dutch municipal integral safety plans (IVP).

    \b
    Example:
      ivp build                       # validate data/ and write the graph to dist/
      ivp themes --plan nijmegen-2022 --status priority
      ivp query @prioritaire-themas
    """
    try:
        ctx.meta["ivp.lang"] = choose(lang)
    except ValueError as err:  # a language we lack in IVP_LANG: as if given as --lang
        raise click.BadParameter(str(err), ctx=ctx, param_hint="'IVP_LANG'") from err
    ctx.with_resource(speaking(ctx.meta["ivp.lang"]))  # the library's messages follow it
    ctx.obj = Settings.from_env(data_dir=data, dist_dir=dist)


JOBS_OPTION = click.option(
    "--jobs",
    type=click.IntRange(1),
    default=None,
    help="Worker processes that check plans (default: one per CPU).",
)


@main.command()
@JOBS_OPTION
@click.option("--force", is_flag=True, help="Rebuild even when no input changed.")
@click.option(
    "--scratch",
    is_flag=True,
    help="Build from scratch: reuse neither dist/cache/ nor the previous store (implies --force).",
)
@click.option(
    "--dumps",
    is_flag=True,
    help="Also write the whole dumps as files in dist/ (otherwise written when first asked for).",
)
@click.pass_context
@handled
def build(ctx: click.Context, jobs: int | None, force: bool, scratch: bool, dumps: bool) -> None:
    """Validate the data and write the graph to dist/.

    Writes an Oxigraph store that the other commands open, and each plan's graph in Turtle,
    N-Triples, JSON-LD, TriG and N-Quads; the whole dumps (dist/ivp.ttl, ...) are those
    pieces joined, written when first downloaded or with --dumps. A failed build leaves
    dist/ as it was. When nothing changed since the last build it does nothing; otherwise
    plans whose files did not change are reused from dist/cache/, and the previous store is
    kept with only the changed plans' graphs and analyses replaced.

    \b
    Example:
      ivp build
      ivp build --dumps        # and dist/ivp.ttl, ivp.nt, ivp.jsonld, ivp.trig, ivp.nq
      ivp --data /tmp/national build --jobs 2
    """
    from graph.build import OUTPUTS, dump_file
    from graph.build import build as run_build

    report = run_build(
        ctx.obj,
        progress=progress,
        tick=CountBar(say("checking")),
        jobs=jobs,
        force=force or scratch,
        scratch=scratch,
    )
    click.echo(
        say(
            "current" if report.current else "built",
            triples=report.triples,
            dist=report.dist_dir,
            checked=report.checked,
            reused=report.reused,
        )
    )
    graphs = sorted(report.graphs.items())
    if len(graphs) > 20:  # a national build: the totals, not one row per plan
        plan_graphs = [n for g, n in graphs if g in report.plans]
        graphs = [(g, n) for g, n in graphs if g not in report.plans]
        graphs.append((say("plan_graphs", n=len(plan_graphs)), sum(plan_graphs)))
    click.echo(output.table([{"graph": g, "triples": n} for g, n in graphs]))
    for name in OUTPUTS if dumps else ():
        dump_file(report.dist_dir, name, say=progress)


@main.command()
@format_option(("table", "json"))
@JOBS_OPTION
@click.pass_context
def validate(ctx: click.Context, fmt: str, jobs: int | None) -> None:
    """Check the data: references, ids, quotes against the source texts, values, SHACL.

    Exit code 0 when valid, 1 when the data has problems (each named with file, line,
    entity and what is wrong), 2 when validation could not run.

    \b
    Example:
      ivp validate
      ivp validate --format json > problems.json
    """
    from graph.build import check

    try:
        check(ctx.obj, say=progress, tick=CountBar(say("checking")), jobs=jobs)
    except InvalidData as err:
        show_problems(err.problems, fmt)
        sys.exit(EXIT_INVALID)
    except CannotRun as err:
        click.echo(say("error", err=err), err=True)
        sys.exit(EXIT_CANNOT_RUN)
    if fmt == "json":
        click.echo("[]")
    click.echo(say("valid"), err=True)
    from graph.extract.cli import unreviewed_lines

    for line in unreviewed_lines(ctx.obj):  # drafts (issue 12): what a curator has left
        click.echo(line, err=True)


@main.command()
@listing_options()
@click.pass_context
@handled
def plans(ctx: click.Context, listing: output.Listing) -> None:
    """List the plans in the graph.

    themes = the themes the plan treats, as the analyses count them; elsewhere = themes the
    plan names but places in other documents (status elsewhere), counted apart.

    \b
    Example:
      ivp plans --format csv
      ivp plans --sort -partners --limit 1 --format ndjson
    """
    show_rows(catalog(ctx).plans(), listing)


@main.command()
@click.option("--plan", help="Only this plan.")
@listing_options()
@click.pass_context
@handled
def stats(ctx: click.Context, plan: str | None, listing: output.Listing) -> None:
    """Count what each plan's graph holds, per class (themes, pillars, quotes, ...).

    \b
    Example:
      ivp stats --plan nijmegen-2022
    """
    show_rows(catalog(ctx).class_counts(plan), listing)


@main.command()
@click.option("--plan", help="Only this plan (e.g. nijmegen-2022).")
@click.option(
    "--status",
    type=click.Choice(STATUSES),
    help="priority, core (going concern), or elsewhere (placed elsewhere).",
)
@listing_options()
@click.pass_context
@handled
def themes(
    ctx: click.Context, plan: str | None, status: str | None, listing: output.Listing
) -> None:
    """List themes with their status and how much hangs under them.

    \b
    Example:
      ivp themes --plan pijnacker-nootdorp-2023 --status priority
      ivp themes --sort -partners --limit 5 --no-headers
    """
    show_rows(catalog(ctx).themes(plan, status), listing)


@main.command()
@click.argument("theme_id")
@click.option("--plan", help="The plan, when the theme id occurs in several.")
@format_option(output.DETAIL_FORMATS)
@click.pass_context
@handled
def theme(ctx: click.Context, theme_id: str, plan: str | None, fmt: str) -> None:
    """Everything about one theme: pillars, topics, partners, links, budget, documents, quotes.

    THEME_ID is a theme id, optionally with its plan: nijmegen-2022/ondermijning, or the
    theme's label (any case): "Jonge aanwas in de criminaliteit".

    \b
    Example:
      ivp theme nijmegen-2022/zorg-en-veiligheid
      ivp theme ondermijning --plan pijnacker-nootdorp-2023 --format json
      ivp theme "Jonge aanwas in de criminaliteit"
    """
    click.echo(output.render_detail(catalog(ctx).theme(theme_id, plan), fmt))


@main.command()
@click.option("--plan", help="Only partners this plan names.")
@click.option("--theme", "theme_id", help="Only partners involved in this theme (with roles).")
@listing_options()
@click.pass_context
@handled
def partners(
    ctx: click.Context, plan: str | None, theme_id: str | None, listing: output.Listing
) -> None:
    """List partners: kind, type, domains, the plans that name them, the themes they work on.

    With --plan and --theme, the theme must be one of that plan's.

    \b
    Example:
      ivp partners --plan pijnacker-nootdorp-2023
      ivp partners --theme nijmegen-2022/jonge-aanwas --format json
      ivp partners --sort kind --sort -themes --format tsv
    """
    show_rows(catalog(ctx).partners(plan, theme_id), listing)


@main.command()
@click.argument("partner_id")
@format_option(output.DETAIL_FORMATS)
@click.pass_context
@handled
def partner(ctx: click.Context, partner_id: str, fmt: str) -> None:
    """Everything about one partner: kind, type, scope, area, memberships, and every
    involvement (one per passage, with its section) with its quotes.

    \b
    Example:
      ivp partner politie
    """
    click.echo(output.render_detail(catalog(ctx).partner(partner_id), fmt))


@main.command()
@click.option("--plan", help="Only this plan.")
@listing_options()
@click.pass_context
@handled
def crosslinks(ctx: click.Context, plan: str | None, listing: output.Listing) -> None:
    """List the kruisverbanden (cross-links) between themes that the plans state, with quotes.

    First the links between two themes (or a theme and a domain), then the set links: a
    sentence about a whole set of themes ("deze vier prioritaire thema's ... hebben
    verschillende raakvlakken met elkaar"), one row each, `to` naming its members ("alle
    thema's: ..." for every other theme), `set` its id.

    \b
    Example:
      ivp crosslinks --plan nijmegen-2022
    """
    show_rows(catalog(ctx).crosslinks(plan), listing)


@main.command()
@click.argument("sparql", required=False)
@listing_options(
    output.LIST_FORMATS + tuple(RDF_FORMATS),
    default=None,
    format_help=f"{'|'.join(output.LIST_FORMATS)} for SELECT (default table); "
    f"{'|'.join(RDF_FORMATS)} for CONSTRUCT/DESCRIBE (default turtle).",
)
@click.option("--list", "list_named", is_flag=True, help="List the named queries.")
@click.option(
    "--plan",
    "plans",
    multiple=True,
    help="Only the rows of this plan (repeatable): for a SELECT with a ?plan column.",
)
@click.option(
    "--endpoint",
    default=None,
    help="Query this SPARQL 1.1 endpoint (e.g. a store `ivp publish` filled) instead of dist/.",
)
@click.option(
    "--token",
    envvar="KRUISVERBAND_REMOTE_TOKEN",
    default=None,
    help="Bearer token for --endpoint (default: $KRUISVERBAND_REMOTE_TOKEN).",
)
@click.pass_context
@handled
def query(
    ctx: click.Context,
    sparql: str | None,
    listing: output.Listing,
    list_named: bool,
    plans: tuple[str, ...],
    endpoint: str | None,
    token: str | None,
) -> None:
    """Run SPARQL over the graph: a query text, @file.rq, or @name of a named query.

    The default graph is the union of all plans; prefixes ivp, skos, dcterms, prov, org, qb,
    oa, rdf, rdfs, owl, xsd and foaf are predeclared (also with --endpoint; there the store
    must serve the union as its default graph: publish without --graph-per-plan, or run it
    with a union default graph).

    \b
    Example:
      ivp query --list
      ivp query @prioritaire-themas
      ivp query 'SELECT ?label WHERE { ?t a ivp:Theme ; skos:prefLabel ?label }' --format csv
      ivp query @begrotingstotalen --sort -difference --limit 3 --format ndjson
      ivp query @gedeelde-partners --plan nijmegen-2022
      ivp query @prioritaire-themas --endpoint http://127.0.0.1:7878/query
    """
    fmt = listing.format
    if list_named or not sparql:
        rows = []
        for q in named_queries():
            title, description = q.words(language())
            rows.append({"name": "@" + q.name, "title": title, "description": description})
        if fmt not in output.LIST_FORMATS:
            listing = replace(listing, format="table")
        show_rows(rows, listing)
        return
    settings: Settings = ctx.obj
    text = query_text(sparql, settings)
    if plans:
        text = for_plans(text, list(plans))
    if endpoint:
        from graph.remote import run_remote

        result = run_remote(endpoint, text, settings, token)
    else:
        store = reader_store(settings)
        for plan in plans:
            Catalog(store, settings).check_plan(plan)
        result = run(store, text, settings)
    if result.kind != "select" and listing.shaped:
        raise click.UsageError(
            "--sort, --limit and --no-headers shape the rows of a SELECT; "
            f"this query's answer is {'a boolean' if result.kind == 'ask' else 'RDF'}"
        )
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
        show_rows(result.rows, listing, result.variables)


# --- network analyses (graph.network, graph.analysis, graph.export_network) -------------------


def network_data(ctx: click.Context, *plans: str | None) -> Any:
    """The network records of graph.network, after checking the plan ids (with close matches)."""
    from graph import network

    settings: Settings = ctx.obj
    store = reader_store(settings)
    cat = Catalog(store, settings)
    for plan in plans:
        cat.check_plan(plan)
    return network.load(store, settings, [p for p in plans if p] or None)


def built_result(ctx: click.Context, analysis: str, plan: str | None) -> Any:
    """What the build computed for `analysis` of `plan`, when the command asks just that.

    Only with --plan and every analysis option at its default (the build ran each analysis
    with its defaults); then no networkx import and no computation. None otherwise.
    """
    from click.core import ParameterSource

    from graph.analysis_cache import load

    shaping = {"fmt", "sort", "limit", "no_headers", "plan"}  # output only, and the scope
    if (
        plan is None
        or language() != DEFAULT
        or any(  # the build's readings are Dutch
            ctx.get_parameter_source(name) != ParameterSource.DEFAULT
            for name in ctx.params
            if name not in shaping
        )
    ):
        return None
    opened = reader_build(ctx.obj)
    Catalog(opened.store, ctx.obj).check_plan(plan)
    return load(opened.path.parent, plan, analysis)


def show_result(result: Any, listing: output.Listing, group: str | None = None) -> None:
    """Rows in any list format; in table mode a plain-language reading first.

    With `group`, table mode prints one table per value of that column (compare: core themes,
    partners, ... each with the columns that matter to it); JSON and CSV stay one flat list.
    The reading is about the whole result, also when --sort and --limit shape the rows; with
    --no-headers a table is the rows alone (one flat table, like CSV), for scripts.
    """
    if listing.format != "table" or not listing.headers:
        show_rows(result.rows, listing)
        return
    shown = output.shape(result.rows, output.columns_of(result.rows), listing.sort, listing.limit)
    if result.reading:
        click.echo("\n".join(result.reading) + "\n")
    if group is None:
        click.echo(output.table(shown))
        return
    for value in dict.fromkeys(r[group] for r in shown):
        rows = [{k: v for k, v in r.items() if k != group} for r in shown if r[group] == value]
        keep = [
            c
            for c in output.columns_of(rows)
            if (c in result.scope and value != "similarity")
            or any(r.get(c) not in (None, "") for r in rows)
        ]
        click.echo(f"{value} ({len(rows)})\n{output.table(rows, keep)}\n")


plan_option = click.option("--plan", help="Only this plan (default: all plans together).")


@main.group()
def analyze() -> None:
    """Network analyses of themes and partners: central, overlap, communities, brokers, gaps.

    Each works on one plan (--plan) or on all plans together, where a partner named by
    several plans is one node. Table output starts with a plain-language reading.
    `ivp build` also writes the results, with method and parameters, into the named graph
    <.../id/graaf/analyse> (vocabulary: ontology/analysis.ttl) for SPARQL users.

    \b
    Example:
      ivp analyze central --plan nijmegen-2022
      ivp analyze overlap --plan pijnacker-nootdorp-2023 --flagged
      ivp analyze gaps --format csv > gaps.csv
    """


@analyze.command("central")
@plan_option
@click.option(
    "--top",
    type=click.IntRange(min=1),
    help="Only the N most central partners (by rank; --sort then orders them).",
)
@click.option(
    "--by",
    type=click.Choice(["partner", "type"]),
    default="partner",
    show_default=True,
    help="Rank organisations, or partner types (RIEC, woningcorporatie, ...) over all "
    "the organisations of each type.",
)
@listing_options()
@click.pass_context
@handled
def analyze_central(
    ctx: click.Context, plan: str | None, top: int | None, by: str, listing: output.Listing
) -> None:
    """Partners ranked by how central they are, with the themes that make them so.

    themes = themes the partner works on; degree = that share of all themes; betweenness =
    bipartite betweenness on the theme-partner graph; projection_* = the same on the graph
    of partners that share a theme. type = the partner's type. With --by type: one row
    per partner type, the themes any of its partners works on, and (across plans) per plan
    the organisations it names for the type.

    \b
    Example:
      ivp analyze central --plan nijmegen-2022 --top 10
      ivp analyze central --format json     # across all plans
      ivp analyze central --by type         # RIEC, woningcorporatie, ... across plans
    """
    if by == "type":
        from graph.analysis.types import central_types

        show_result(central_types(network_data(ctx, plan), plan, top), listing)
        return
    if (result := built_result(ctx, "central", plan)) is None:
        from graph.analysis.central import central

        result = central(network_data(ctx, plan), plan, top, language=language())
    show_result(result, listing)


@analyze.command("overlap")
@plan_option
@click.option(
    "--min-shared", default=3, show_default=True, help="Implicit link: at least this many shared."
)
@click.option(
    "--min-jaccard", default=0.5, show_default=True, help="Implicit link: at least this Jaccard."
)
@click.option("--ignore", multiple=True, help="Leave this partner id out (repeatable).")
@click.option("--flagged", is_flag=True, help="Only implicit links and links without partners.")
@listing_options()
@click.pass_context
@handled
def analyze_overlap(
    ctx: click.Context,
    plan: str | None,
    min_shared: int,
    min_jaccard: float,
    ignore: tuple[str, ...],
    flagged: bool,
    listing: output.Listing,
) -> None:
    """Pairs of themes that share partners, beside the cross-links the plan states.

    shared = partners both themes involve; jaccard = shared / partners of either; overlap =
    shared / partners of the smaller theme. finding: "implicit cross-link" (strong overlap,
    no stated link) or "stated, no shared partner" (a link no partner carries).

    \b
    Example:
      ivp analyze overlap --plan nijmegen-2022
      ivp analyze overlap --plan nijmegen-2022 --ignore gemeente-nijmegen --min-shared 2
    """
    if (result := built_result(ctx, "overlap", plan)) is None:
        from graph.analysis.overlap import overlap

        data = network_data(ctx, plan)
        result = overlap(data, plan, min_shared, min_jaccard, ignore, flagged, language=language())
    show_result(result, listing)


@analyze.command("communities")
@plan_option
@click.option("--seed", default=42, show_default=True, help="Louvain random seed.")
@click.option("--resolution", default=1.0, show_default=True, help="Louvain resolution.")
@listing_options()
@click.pass_context
@handled
def analyze_communities(
    ctx: click.Context, plan: str | None, seed: int, resolution: float, listing: output.Listing
) -> None:
    """Communities of themes and partners (Louvain, fixed seed) and their modularity.

    cohesion = the share of its themes' involvements that stay inside the community.

    \b
    Example:
      ivp analyze communities --plan pijnacker-nootdorp-2023
    """
    if (result := built_result(ctx, "communities", plan)) is None:
        from graph.analysis.communities import communities

        result = communities(network_data(ctx, plan), plan, seed, resolution, language=language())
    show_result(result, listing)


@analyze.command("brokers")
@plan_option
@listing_options()
@click.pass_context
@handled
def analyze_brokers(ctx: click.Context, plan: str | None, listing: output.Listing) -> None:
    """Partners that connect domains (zorg, veiligheid, sociaal, ...) through shared themes.

    reach = domains of the partners it shares a theme with; participation = 1 - Σ (share of
    its ties per domain)², 0 when all ties go to one domain; communities = Louvain
    communities its themes fall in.

    \b
    Example:
      ivp analyze brokers --plan nijmegen-2022
    """
    if (result := built_result(ctx, "brokers", plan)) is None:
        from graph.analysis.brokers import brokers

        result = brokers(network_data(ctx, plan), plan, language=language())
    show_result(result, listing)


@analyze.command("gaps")
@plan_option
@listing_options()
@click.pass_context
@handled
def analyze_gaps(ctx: click.Context, plan: str | None, listing: output.Listing) -> None:
    """Priorities without partners, ambitions, budget or VNG mapping; partners in no theme;
    budget lines that fund no theme.

    \b
    Example:
      ivp analyze gaps --plan pijnacker-nootdorp-2023
    """
    if (result := built_result(ctx, "gaps", plan)) is None:
        from graph.analysis.gaps import gaps

        result = gaps(network_data(ctx, plan), plan, language=language())
    show_result(result, listing)


@main.command()
@click.argument("plan_ids", nargs=-1, required=True, metavar="PLAN PLAN [PLAN...]")
@listing_options()
@click.pass_context
@handled
def compare(ctx: click.Context, plan_ids: tuple[str, ...], listing: output.Listing) -> None:
    """Compare two or more plans through the VNG core themes, their partners and partner kinds.

    Rows per VNG core theme and field (which plan's themes map onto it), per partner, partner
    kind and domain (shared or unique), and similarity scores per pair of plans: Jaccard of
    core themes and of partners, cosine of the partner-kind and domain mixes, and overall
    (the mean of the two Jaccard indices).

    \b
    Example:
      ivp compare nijmegen-2022 pijnacker-nootdorp-2023
      ivp compare nijmegen-2022 pijnacker-nootdorp-2023 --format csv > vergelijking.csv
    """
    from graph.analysis.compare import compare as run_compare

    if len(set(plan_ids)) < 2:
        raise click.UsageError("compare needs two or more different plans")
    show_result(
        run_compare(network_data(ctx, *plan_ids), list(plan_ids), language=language()),
        listing,
        group="aspect",
    )


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("graphml", "gexf", "cyjs")),
    default="graphml",
    show_default=True,
    help="GraphML (yEd, Gephi, Cytoscape), GEXF (Gephi) or Cytoscape JSON.",
)
@click.option(
    "--view",
    type=click.Choice(("bipartite", "partners", "themes")),
    default="bipartite",
    show_default=True,
    help="themes-partners, partners sharing themes, or themes with cross-links and overlap.",
)
@plan_option
@click.option(
    "--output",
    "-o",
    "output_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: stdout).",
)
@click.pass_context
@handled
def export(
    ctx: click.Context, fmt: str, view: str, plan: str | None, output_file: Path | None
) -> None:
    """Export the network for Gephi or Cytoscape, with node types, labels and plans.

    Nodes are IRIs with attributes type (theme/partner), ref, identifier, label, plan, and
    status (themes) or kind and domains (partners); edges carry weight and roles, or (themes
    view) the stated cross-link kinds and shared-partner scores.

    \b
    Example:
      ivp export --format gexf --output kruisverband.gexf
      ivp export --format cyjs --view themes --plan nijmegen-2022 -o themes.cyjs
    """
    from graph.export_network import serialize
    from graph.export_network import view as network_view

    text = serialize(network_view(network_data(ctx, plan), view, plan), fmt)
    if output_file is None:
        click.echo(text, nl=False)
    else:
        output_file.write_text(text, encoding="utf-8")
        click.echo(say("wrote", file=output_file), err=True)


@main.command()
@click.option(
    "--view",
    type=click.Choice(("plan", "ego", "crosslinks", "compare")),
    default=None,
    help="plan: a whole plan; ego: around --focus; crosslinks: stated and implicit "
    "kruisverbanden; compare: plans through the VNG core themes. "
    "Default: ego with --focus, else plan.",
)
@click.option(
    "--plan",
    "plan_ids",
    multiple=True,
    help="A plan id (repeatable; compare takes two or more). Default: all plans.",
)
@click.option("--focus", help="Ego view: a theme (plan/theme) or partner id, e.g. politie.")
@click.option(
    "--depth", default=1, show_default=True, type=click.IntRange(min=1), help="Ego view: steps."
)
@click.option(
    "--cluster-above",
    default=1500,
    show_default=True,
    type=click.IntRange(min=1),
    help="Above this many nodes the page starts with groups per plan or type, closed.",
)
@click.option(
    "--output",
    "-o",
    "output_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="HTML file to write ('-': stdout). Default: dist/html/VIEW-PLAN.html (or "
    "VIEW-FOCUS.html), beside the build it draws.",
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=None,
    help="Language of the page: nl (Dutch) or en (English). Default: ivp --lang, IVP_LANG, "
    "else nl.",
)
@click.pass_context
@handled
def html(
    ctx: click.Context,
    view: str | None,
    plan_ids: tuple[str, ...],
    focus: str | None,
    depth: int,
    cluster_above: int,
    output_file: Path | None,
    lang: str | None,
) -> None:
    """Write an interactive network page: one HTML file that works offline.

    The page has a legend with counts, search (case and accents ignored), filters by node
    type, plan, theme status and edge kind, a details panel with the plan's own sentences,
    and a button that saves the whole picture as PNG, title and legend included. The same
    data gives the same file. Without --output it goes to dist/html/ (a new build starts
    without the pages of the old one).

    \b
    Example:
      ivp html --plan nijmegen-2022 -o nijmegen.html
      ivp html --focus politie --depth 2
      ivp html --view crosslinks --plan pijnacker-nootdorp-2023
      ivp html --view compare --plan nijmegen-2022 --plan pijnacker-nootdorp-2023
      ivp html --plan nijmegen-2022 --lang en
    """
    from graph import html as html_export
    from graph import network
    from graph.html import details as html_details

    view = view or ("ego" if focus else "plan")
    settings: Settings = ctx.obj
    store = reader_store(settings)
    cat = Catalog(store, settings)
    for plan in plan_ids:
        cat.check_plan(plan)
    if view == "compare" and len(set(plan_ids)) == 1:
        raise click.UsageError("compare needs two or more different plans (or none: all)")
    text = html_export.page(
        view,
        network.load(store, settings),
        html_details.load(store, settings),
        list(plan_ids) or None,
        focus,
        depth,
        cluster_above,
        lang or language(),
    )
    if output_file is not None and str(output_file) == "-":
        click.echo(text, nl=False)
        return
    if output_file is None:
        output_file = html_export.default_output(settings, view, list(plan_ids), focus)
        output_file.parent.mkdir(exist_ok=True)
    output_file.write_text(text, encoding="utf-8")
    click.echo(say("wrote_kib", file=output_file, kib=len(text.encode("utf-8")) // 1024), err=True)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port (0: any free).")
@click.option(
    "--base-url",
    default=None,
    help="The URL clients reach the server at (behind a proxy); links and redirects use it, "
    "never the Host header. Default: http://HOST:PORT/.",
)
@click.option(
    "--timeout",
    default=5.0,
    show_default=True,
    type=click.FloatRange(min=0.1),
    help="Seconds a query may run before it is stopped (answered 503).",
)
@click.option(
    "--workers",
    default=2,
    show_default=True,
    type=click.IntRange(min=1),
    help="Queries evaluated at once (one process each).",
)
@click.option(
    "--max-rows",
    default=100_000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Most rows or triples in one answer; more is answered 400.",
)
@click.option(
    "--max-body",
    default=1024 * 1024,
    show_default=True,
    type=click.IntRange(min=1024),
    help="Largest request body in bytes (413 above).",
)
@click.option(
    "--request-time",
    "request_seconds",
    default=20.0,
    show_default=True,
    type=click.FloatRange(min=1),
    help="Seconds a client has to send a whole request; a slower one is cut off.",
)
@click.option(
    "--max-query-length",
    default=100_000,
    show_default=True,
    type=click.IntRange(min=100),
    help="Longest query text in characters (413, or 414 by GET).",
)
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    default=("*",),
    show_default=True,
    help="Origin allowed to read answers from a browser (repeatable); 'none' disables CORS.",
)
@click.option("--cors-post", is_flag=True, help="Allow cross-origin POST queries too.")
@click.option(
    "--allow-updates",
    is_flag=True,
    help="Accept SPARQL Update and Graph Store writes with the token in "
    "$KRUISVERBAND_UPDATE_TOKEN (Authorization: Bearer); they change a scratch copy "
    "of the store that is discarded on exit.",
)
@click.option("--federation", is_flag=True, help="Allow SERVICE (the server fetches URLs).")
@click.option("--quiet", is_flag=True, help="No access log on stderr.")
@click.pass_context
@handled
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    base_url: str | None,
    timeout: float,
    workers: int,
    max_rows: int,
    max_body: int,
    request_seconds: float,
    max_query_length: int,
    cors_origins: tuple[str, ...],
    cors_post: bool,
    allow_updates: bool,
    federation: bool,
    quiet: bool,
) -> None:
    """Serve the graph: SPARQL 1.1 endpoint, query page and linked-data pages.

    Builds the store first when it is missing or older than data/. Read-only unless
    --allow-updates. Serves /sparql (SPARQL 1.1 Protocol and Service Description),
    / (query page), /id/... (303 to /doc/...), /def/ivp (ontology), /.well-known/void.

    \b
    Example:
      ivp serve                      # http://127.0.0.1:8000/
      ivp serve --port 3030 --timeout 10 --cors-origin https://yasgui.example.org
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * {?s ?p ?o} LIMIT 5' \\
           http://127.0.0.1:8000/sparql
    """
    import os

    from graph.endpoint import Limits, configure_logging
    from graph.endpoint import serve as run_server

    token = None
    if allow_updates:
        token = os.environ.get("KRUISVERBAND_UPDATE_TOKEN")
        if not token:
            raise CannotRun("--allow-updates needs a token in $KRUISVERBAND_UPDATE_TOKEN")
    origins = () if "none" in cors_origins else cors_origins
    limits = Limits(
        timeout=timeout,
        workers=workers,
        max_rows=max_rows,
        max_body=max_body,
        request_seconds=request_seconds,
        max_query_length=max_query_length,
        cors_origins=origins,
        cors_methods=("GET", "HEAD", "POST") if cors_post else ("GET", "HEAD"),
        federation=federation,
        update_token=token,
    )
    configure_logging(verbose=not quiet)
    try:
        run_server(
            ctx.obj, host=host, port=port, limits=limits, progress=progress, base_url=base_url
        )
    except ValueError as err:
        raise CannotRun(str(err)) from err
    except OSError as err:
        raise CannotRun(f"cannot serve on {host}:{port}: {err.strerror or err}") from err


@main.command()
@click.option(
    "--endpoint",
    required=True,
    help="The store's SPARQL 1.1 Graph Store Protocol URL (Oxigraph: http://HOST:7878/store).",
)
@click.option(
    "--graph-per-plan",
    is_flag=True,
    help="PUT every named graph (one per plan, model, register, analyse) to ?graph=IRI; "
    "default: the union of all into the default graph (?default).",
)
@click.option(
    "--token",
    envvar="KRUISVERBAND_REMOTE_TOKEN",
    default=None,
    help="Bearer token sent with every request (default: $KRUISVERBAND_REMOTE_TOKEN).",
)
@format_option()
@click.pass_context
@handled
def publish(
    ctx: click.Context, endpoint: str, graph_per_plan: bool, token: str | None, fmt: str
) -> None:
    """Push the built graph to an external triple store (SPARQL 1.1 Graph Store Protocol).

    Builds first when dist/ is missing or stale. Replaces what the earlier publish put in the
    store, in either layout (it keeps a record in the graph .../id/graaf/publicatie), and says
    what it replaced. Works with Oxigraph, Apache Jena Fuseki, Virtuoso and GraphDB.

    \b
    Example:
      oxigraph serve --location /tmp/ivp-store --bind 127.0.0.1:7878 --union-default-graph
      ivp publish --endpoint http://127.0.0.1:7878/store --graph-per-plan
      ivp query @prioritaire-themas --endpoint http://127.0.0.1:7878/query
    """
    from graph.publish import publish as run_publish

    report = run_publish(ctx.obj, endpoint, graph_per_plan, token, progress=progress)
    rows = [{"graph": g or "(default graph)", "triples": n} for g, n in report.graphs.items()]
    click.echo(output.render(rows, fmt))
    click.echo(report.replacement(), err=True)
    if fmt == "table":
        n = len(report.graphs)
        graphs = f"{n} {say('graph' if n == 1 else 'graphs')}"
        click.echo(
            say(
                "published",
                triples=report.triples,
                graphs=graphs,
                layout=report.layout,
                endpoint=endpoint,
            ),
            err=True,
        )


@main.command()
@click.option(
    "--municipalities",
    default=342,
    show_default=True,
    type=click.IntRange(min=1, max=999),
    help="How many synthetic municipalities.",
)
@click.option(
    "--plans-per",
    default=2,
    show_default=True,
    type=click.IntRange(min=1, max=6),
    help="Plans per municipality (consecutive four-year periods ending 2026).",
)
@click.option("--seed", default=0, show_default=True, type=int, help="Random seed.")
@click.option(
    "--output",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder to write the synthetic data folder into (never data/).",
)
@handled
def synth(municipalities: int, plans_per: int, seed: int, output: Path) -> None:
    """Generate a synthetic national corpus for tests and benchmarks (never real data).

    Writes plans/, registry/ and sources/ in the data format of data/README.md, valid under
    the same checks and shapes; municipalities carry synthetic CBS codes (GM9001 and up) and
    say "(synthetisch)" in their labels. The same seed gives the same files.

    \b
    Example:
      ivp synth --municipalities 342 --plans-per 2 --seed 1 --output /tmp/national
      ivp --data /tmp/national --dist /tmp/national-dist build
    """
    from graph.synth import synth as run_synth

    try:
        report = run_synth(
            output, municipalities, plans_per, seed, progress=CountBar(say("generating"))
        )
    except ValueError as err:
        raise CannotRun(str(err)) from err
    click.echo(
        say(
            "synth",
            plans=len(report.plans),
            municipalities=report.municipalities,
            partners=report.partners,
            output=report.output,
        )
    )


# --- extract (issue 12) ---------------------------------------------------------------------


@main.command()
@click.argument("file", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--municipality", help="The municipality (name or CBS code), else read from the text."
)
@click.option("--period", help="The plan's period, e.g. 2025-2028, else read from the text.")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, dir_okay=False),
              help="The draft file (default: data/plans/<id>.yaml).")  # fmt: skip
@click.option("--force", is_flag=True, help="Overwrite an existing plan or source file.")
@click.option(
    "--ocr", is_flag=True, help="Read a scanned PDF with Tesseract (Debian: tesseract-ocr-nld)."
)
@click.option("--evaluate", is_flag=True, help="Score drafts of the curated plans instead.")
@format_option(("table", "json"))
@click.pass_context
@handled
def extract(
    ctx: click.Context,
    file: Path | None,
    municipality: str | None,
    period: str | None,
    out: Path | None,
    force: bool,
    ocr: bool,
    evaluate: bool,
    fmt: str,
) -> None:
    """Draft a plan file from a plan's PDF, HTML, CVDR XML or text, for a curator to correct.

    The draft is marked `status: draft`; every item has a confidence and `review:
    unreviewed`. The normalised text goes to data/sources/, new partners to the registry.
    With --evaluate, each curated plan is drafted leave-one-plan-out and compared with the
    curated file: precision and recall per item type.

    \b
    Example:
      ivp extract plan.pdf --municipality Utrecht --period 2025-2028
      ivp extract scan.pdf --ocr --municipality Utrecht
      ivp extract --evaluate --format json
    """
    from graph.extract.cli import run_evaluate, run_extract

    if evaluate:
        click.echo(run_evaluate(ctx.obj, fmt))
        return
    if file is None:
        raise click.UsageError("give a FILE to extract, or --evaluate")
    tick = CountBar(say("ocr_pages")) if ocr else None
    for line in run_extract(ctx.obj, file, municipality, period, out, force, ocr, tick):
        click.echo(line, err=line.startswith("warning"))


@main.command()
@click.argument("plan_id")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, dir_okay=False),
              help="The page (default: dist/review/PLAN.html).")  # fmt: skip
@click.option("--apply", "decisions", type=click.Path(path_type=Path, dir_okay=False),
              help="Apply this decisions file (written by the page) to the draft.")  # fmt: skip
@click.pass_context
@handled
def review(ctx: click.Context, plan_id: str, out: Path | None, decisions: Path | None) -> None:
    """Review a draft: an offline page with the source text and every drafted item marked.

    The page groups the items by type, lowest confidence first, and writes a decisions file
    (accepted, corrected, rejected); --apply applies it to data/plans/PLAN.yaml.

    \b
    Example:
      ivp review amersfoort-2025
      ivp review amersfoort-2025 --apply decisions.yaml
    """
    from graph.extract.cli import run_review

    click.echo(run_review(ctx.obj, plan_id, out, decisions))


if __name__ == "__main__":
    main()
