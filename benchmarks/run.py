"""All benchmarks in one run, against baselines measured in the same run; prints tables.

    uv run python -m benchmarks                       # 2 real plans + 40 synthetic municipalities
    uv run python -m benchmarks --municipalities 342  # national scale (takes long)
    uv run python -m benchmarks --skip-synthetic --budget 1

Not a test: it prints, never fails, and lives outside tests/ so pytest never collects it.
Absolute times depend on the machine; the ratios against the baselines are the point:
- build: `ivp build --scratch` in a fresh process (wall time, peak RSS), then with nothing
  changed, then with one plan edited (against the build from scratch);
- cold start: `ivp plans`, `themes`/`partners --plan X`, `stats` and the five `analyze
  ... --plan X` in a fresh process, against a bare `ivp --version` (the floor of the CLI);
- in-process SPARQL: every named query on the built Oxigraph store against rdflib's own
  in-memory SPARQL engine on the same data;
- endpoint: every named query over HTTP at 1, 8 and 32 concurrent clients (p50, p99,
  throughput) on `ivp serve`, on Oxigraph's own server over the same store (the floor) and on
  rdflib-endpoint serving the same triples (the peer);
- analyses: `ivp analyze ...` in a fresh process, per plan and national.
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyoxigraph as ox  # noqa: E402

from graph import output  # noqa: E402
from graph.build import dump_file  # noqa: E402
from graph.config import PROJECT_ROOT, Settings  # noqa: E402
from graph.queries import named_queries  # noqa: E402
from graph.remote import with_prefixes  # noqa: E402
from graph.sparql import for_plans, query_text  # noqa: E402
from graph.sparql_lexer import plan_values_at  # noqa: E402
from graph.store import prefixes  # noqa: E402

BIN = Path(sys.executable).parent
IVP = [sys.executable, "-m", "cli"]
CLIENTS = (1, 8, 32)
ENDPOINT_TIMEOUT = 5.0  # seconds: `ivp serve --timeout`'s default
# the cheapest requests, where the endpoint's own per-request cost shows most
TRIVIAL = {
    "ASK (trivial)": "ASK { ?s ?p ?o }",
    "label lookup (trivial)": "SELECT ?label WHERE { ?t skos:prefLabel ?label ; ivp:inPlan ?p . "
    '?p dcterms:identifier "PLAN" } LIMIT 1',
}
# every analysis for one plan, as `ivp analyze` computes them, in one fresh process
ANALYSES_ONE_PLAN = """
from pathlib import Path
from graph import network
from graph.analysis.brokers import brokers
from graph.analysis.central import central
from graph.analysis.communities import communities
from graph.analysis.gaps import gaps
from graph.analysis.overlap import overlap
from graph.config import Settings
from graph.store import open_store
settings = Settings.from_env(dist_dir=Path({dist!r}))
data = network.load(open_store(settings, rebuild=False), settings, plans=[{plan!r}])
for analysis in (central, overlap, communities, brokers, gaps):
    analysis(data, {plan!r})
"""


# --- helpers ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed_run(command: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (MiB) of a fresh process; fails loudly on a non-zero exit."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=ROOT, env={**os.environ, **(env or {})}, capture_output=True, text=True
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) // 1024


def median_of(runs: int, func: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def ms(seconds: float | None) -> str:
    return "" if seconds is None else f"{seconds * 1000:.1f}"


def ratio(a: float | None, b: float | None, at_least: bool = False) -> str:
    """a / b; `at_least` when a is a time limit that was hit, so the true ratio is higher."""
    return "" if not a or not b else ("≥ " if at_least else "") + f"{a / b:.2f}"


_RDFLIB: object = None  # the rdflib Dataset the forked query children inherit


def _consume(answer: object) -> object:
    """Every row of a SELECT or CONSTRUCT, the truth of an ASK: the whole answer evaluated."""
    return bool(answer) if isinstance(answer, ox.QueryBoolean) else list(answer)  # type: ignore[call-overload]


def _median_in_child(engine: str, text: str, runs: int, store_dir: str, names: dict) -> float:
    if engine == "rdflib":
        return median_of(runs, lambda: list(_RDFLIB.query(text)))  # type: ignore[attr-defined]
    store = ox.Store.read_only(store_dir)  # its own handle: the parent's is not forked safely
    return median_of(
        runs, lambda: _consume(store.query(text, prefixes=names, use_default_graph_as_union=True))
    )


def limited_time(
    engine: str, text: str, runs: int, limit: float, store_dir: str = "", names: dict | None = None
) -> tuple[float | None, str]:
    """Median seconds of `engine` ("rdflib" or "oxigraph") on `text`, in a forked child
    stopped at `limit`.

    Neither engine can interrupt a query from Python; at national scale some take far longer
    than anyone waits, so the child is killed and the cell says "> limit" (a ratio is then a
    floor).
    """
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(1) as pool:
        pending = pool.apply_async(_median_in_child, (engine, text, runs, store_dir, names or {}))
        try:
            seconds = pending.get(timeout=limit * runs)
        except multiprocessing.TimeoutError:
            return limit, f"> {limit * 1000:.0f}"
        except Exception as err:  # rdflib's engine fails on some valid queries
            return None, f"error: {type(err).__name__}"
    return seconds, ms(seconds)


@dataclass
class Server:
    name: str
    url: str  # the SPARQL query URL
    process: subprocess.Popen


def wait_http(url: str, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    probe = url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    parts = urllib.parse.urlsplit(probe)
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited with {process.returncode}")
        try:
            conn = http.client.HTTPConnection(parts.netloc, timeout=5)
            conn.request("GET", f"{parts.path}?{parts.query}", headers={"Accept": "*/*"})
            if conn.getresponse().status < 500:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


@contextmanager
def servers(settings: Settings, with_peer: bool) -> Iterator[list[Server]]:
    """`ivp serve`, `oxigraph serve-read-only` on the same store, and rdflib-endpoint."""
    started: list[Server] = []
    env = {**os.environ, "KRUISVERBAND_ONTOLOGY": str(settings.ontology_dir)}
    try:
        ivp = subprocess.Popen(
            [*IVP, "--data", str(settings.data_dir), "--dist", str(settings.dist_dir), "serve",
             "--port", "0", "--quiet", "--timeout", "120", "--workers", str(os.cpu_count() or 2),
             "--max-rows", "100000000"],
            cwd=ROOT, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        assert ivp.stderr is not None
        url = None
        while url is None:
            line = ivp.stderr.readline()
            if not line:
                raise RuntimeError("ivp serve did not start")
            found = re.search(r"SPARQL[ -]endpoint: (http://\S+/sparql)", line)  # nl or en
            url = found.group(1) if found else None
        threading.Thread(target=lambda: [None for _ in ivp.stderr], daemon=True).start()  # type: ignore[union-attr]
        started.append(Server("ivp serve", url, ivp))
        port = free_port()
        oxi = subprocess.Popen(
            [str(BIN / "oxigraph"), "serve-read-only", "--location", str(settings.store_dir),
             "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        started.append(Server("oxigraph", f"http://127.0.0.1:{port}/query", oxi))
        wait_http(started[-1].url, oxi, 60)
        peer = BIN / "rdflib-endpoint"
        if with_peer and peer.exists():
            port = free_port()
            union = dump_file(settings.dist_dir, "ivp.nt")
            rdf = subprocess.Popen(
                [str(peer), "serve", str(union), "--host", "127.0.0.1",
                 "--port", str(port)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            started.append(Server("rdflib-endpoint", f"http://127.0.0.1:{port}/", rdf))
            wait_http(started[-1].url, rdf, 1800)
        yield started
    finally:
        for server in started:
            server.process.terminate()
            try:
                server.process.wait(15)
            except subprocess.TimeoutExpired:
                server.process.kill()


def post_query(url: str, text: str, timeout: float = 600) -> float:
    parts = urllib.parse.urlsplit(url)
    body = urllib.parse.urlencode({"query": text})
    start = time.perf_counter()
    conn = http.client.HTTPConnection(parts.netloc, timeout=timeout)
    conn.request(
        "POST",
        parts.path,
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json",
        },
    )
    response = conn.getresponse()
    response.read()
    conn.close()
    if response.status != 200:
        raise RuntimeError(f"{url} answered {response.status}")
    return time.perf_counter() - start


def load_level(
    url: str, text: str, clients: int, budget: float, timeout: float = 600
) -> dict[str, float] | None:
    """`clients` threads send the query back to back until the time budget is spent.

    A request that takes longer than `timeout` counts as that long (the cell is then a floor).
    """
    latencies: list[float] = []
    failed: list[str] = []
    stop = time.perf_counter() + budget

    def client() -> None:
        while not failed:
            try:
                latencies.append(post_query(url, text, timeout))
            except TimeoutError:
                latencies.append(timeout)
                failed.append("timeout")
                return
            except Exception as err:
                failed.append(str(err))
                return
            if time.perf_counter() > stop:
                return

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        for _ in range(clients):
            pool.submit(client)
    wall = time.perf_counter() - start
    if (failed and failed != ["timeout"]) or not latencies:
        return None
    return {
        "timed_out": bool(failed),
        "p50": statistics.median(latencies),
        "p99": pct(latencies, 0.99),
        "qps": len(latencies) / wall,
        "n": len(latencies),
    }


# --- the benchmarks ---------------------------------------------------------------------------


def goal(measure: str, value: float, baseline: float, target: float, unit: str = "s") -> dict:
    """One row of the goals table: the measure, its baseline in the same run, and the ratio."""
    r = value / baseline if baseline else float("inf")
    return {
        "goal": measure,
        "value": f"{value:.2f} {unit}",
        "baseline": f"{baseline:.2f} {unit}",
        "ratio": f"{r:.2f}",
        "target": f"< {target:g}",
        "met": "yes" if r < target else "NO",
    }


def cold_commands(plan: str) -> list[tuple[str, list[str]]]:
    """The commands of the cold-start goal, each in a fresh process."""
    return [
        ("plans", ["plans"]),
        (f"themes --plan {plan}", ["themes", "--plan", plan]),
        (f"partners --plan {plan}", ["partners", "--plan", plan]),
        ("stats", ["stats"]),
        *((f"analyze {a} --plan {plan}", ["analyze", a, "--plan", plan])
          for a in ("central", "overlap", "communities", "brokers", "gaps")),
    ]  # fmt: skip


def bench_scale(label: str, settings: Settings, plan: str, args: argparse.Namespace) -> None:
    print(f"\n## {label}\n", flush=True)
    env = {"KRUISVERBAND_ONTOLOGY": str(settings.ontology_dir)}
    common = [*IVP, "--data", str(settings.data_dir), "--dist", str(settings.dist_dir)]
    build_s, build_mb = timed_run([*common, "build", "--scratch"], env)
    manifest = (settings.dist_dir / "build.json").read_text()
    triples = int(re.search(r'"triples": (\d+)', manifest).group(1))  # type: ignore[union-attr]
    plans = sorted((settings.data_dir / "plans").glob("*.yaml"))
    again_s, _ = timed_run([*common, "build"], env)
    rows = [
        {"measure": "plans / triples", "value": f"{len(plans)} / {triples}"},
        {"measure": "ivp build --scratch (s)", "value": f"{build_s:.1f}"},
        {"measure": "ivp build --scratch, peak RSS of any process (MiB)", "value": str(build_mb)},
        {"measure": "ivp build, nothing changed (s)", "value": f"{again_s:.1f}"},
    ]
    goals = []
    if args.edit_one and settings.data_dir != PROJECT_ROOT / "data":  # never edit real data
        with plans[-1].open("a", encoding="utf-8") as f:
            f.write("\n# edited by the benchmark\n")
        edited = plans[-1].read_text(encoding="utf-8")
        plans[-1].write_text(edited.replace("label: ", "label: Bewerkt ", 1), encoding="utf-8")
        one_s, _ = timed_run([*common, "build"], env)
        rows.append({"measure": "ivp build, one plan edited (s)", "value": f"{one_s:.1f}"})
        goals.append(goal("edit one plan, rebuild / build --scratch", one_s, build_s, 0.10))
    if len(plans) > 600:
        goals.append(goal("build --scratch, national / 120 s", build_s, 120, 1))
        goals.append(goal("build --scratch peak RSS / 4 GiB", build_mb, 4096, 1, "MiB"))
    version = statistics.median(timed_run([*common, "--version"], env)[0] for _ in range(args.runs))
    for name, argv in cold_commands(plan):
        seconds = statistics.median(timed_run([*common, *argv], env)[0] for _ in range(args.runs))
        goals.append(goal(f"ivp {name}, cold / ivp --version", seconds, version, 3))
    script = ANALYSES_ONE_PLAN.format(dist=str(settings.dist_dir), plan=plan)
    for name, argv in (
        (f"all 5 analyses --plan {plan} computed, one process", [sys.executable, "-c", script]),
        ("analyze central (national)", [*common, "analyze", "central"]),
        (f"html --plan {plan}", [*common, "html", "--plan", plan, "-o", os.devnull]),
    ):
        seconds = statistics.median(timed_run(argv, env)[0] for _ in range(args.runs))
        rows.append({"measure": f"{name} (s)", "value": f"{seconds:.2f}"})
    print(output.table(rows), flush=True)
    print("\ngoals (baseline measured in this run)\n")
    print(output.table(goals), flush=True)
    if args.skip_queries:
        return

    # in-process: Oxigraph store against rdflib's in-memory engine, same queries, same data
    global _RDFLIB
    from rdflib import Dataset

    texts = {"@" + q.name: query_text("@" + q.name, settings) for q in named_queries()}
    texts |= {name: text.replace("PLAN", plan) for name, text in TRIVIAL.items()}
    names = prefixes(settings)
    store_dir = str(settings.store_dir)
    rdflib_note = "rdflib not run (--no-rdflib)"
    if args.rdflib:
        load_start = time.perf_counter()
        _RDFLIB = Dataset(default_union=True)
        _RDFLIB.parse(dump_file(settings.dist_dir, "ivp.nq"), format="nquads")
        rdflib_note = (
            f"rdflib parse of ivp.nq: {time.perf_counter() - load_start:.1f} s; "
            f"rdflib queries stopped after {args.limit:g} s"
        )
    print(f"\nin-process SPARQL, median of {args.runs} (ms); {rdflib_note}; Oxigraph queries "
          f"stopped after {args.limit:g} s\n")  # fmt: skip
    rows = []
    scoped: list[str] = []  # queries the endpoint is asked in their --plan form
    slow_in_store: dict[str, float | None] = {}
    for name, text in list(texts.items()):
        oxi, oxi_cell = limited_time("oxigraph", text, args.runs, args.limit, store_dir, names)
        row = {"query": name, "oxigraph store": oxi_cell}
        if args.rdflib:
            runs = 1 if oxi and oxi > 0.5 else args.runs
            rdflib_s, rdflib_cell = limited_time("rdflib", with_prefixes(text, settings), runs,
                                                 args.limit)  # fmt: skip
            row |= {"rdflib": rdflib_cell, "rdflib / oxigraph": ratio(
                rdflib_s, oxi, rdflib_cell.startswith(">"))}  # fmt: skip
        rows.append(row)
        if (oxi is None or oxi > ENDPOINT_TIMEOUT) and plan_values_at(text) is not None:
            texts[name] = for_plans(text, [plan])  # what a researcher asks nationally
            scoped.append(name)
            oxi, oxi_cell = limited_time("oxigraph", texts[name], args.runs, args.limit,
                                         store_dir, names)  # fmt: skip
            rows.append({"query": f"{name} --plan {plan}", "oxigraph store": oxi_cell})
        slow_in_store[name] = oxi
    _RDFLIB = None
    print(output.table(rows), flush=True)
    over = [n for n, t in slow_in_store.items() if t is None or t > ENDPOINT_TIMEOUT]
    message = (
        f"\ngoal: every query (named and trivial) within the endpoint's default timeout "
        f"({ENDPOINT_TIMEOUT:g} s) on the store, or in its --plan form: "
        f"{len(texts) - len(over)} of {len(texts)}"
    )
    if scoped:
        message += f"; in their --plan form: {', '.join(scoped)}"
    if over:
        message += f"; over it: {', '.join(over)}"
    print(message, flush=True)

    # endpoints over HTTP
    print(f"\nendpoints over HTTP, {args.budget:g} s of back-to-back requests per cell (ms; q/s)\n")
    rows = []
    slow: dict[tuple[str, str], float] = {}  # (server, query) -> p50 with one client
    with servers(settings, not args.no_peer) as running:
        for name, text in texts.items():
            full = with_prefixes(text, settings)
            label = f"{name} --plan {plan}" if name in scoped else name
            for clients in CLIENTS:
                cell: dict[str, dict[str, float] | None] = {}
                skipped = False
                for server in running:
                    single = slow.get((server.name, name))
                    if clients > 1 and single is not None and single > 4 * args.budget:
                        cell[server.name] = None  # 32 clients x a multi-second query: skipped
                        skipped = True
                        continue
                    limit = args.limit if server.name == "rdflib-endpoint" else 600
                    cell[server.name] = load_level(server.url, full, clients, args.budget, limit)
                    if clients == 1 and cell[server.name]:
                        slow[(server.name, name)] = cell[server.name]["p50"]  # type: ignore[index]
                ivp_, oxi_, peer = (
                    cell.get(n) for n in ("ivp serve", "oxigraph", "rdflib-endpoint")
                )
                none = "skipped" if skipped else "fail"  # skipped: > 4 budgets at 1 client
                rows.append({
                    "query": label, "clients": clients,
                    "ivp p50": ms(ivp_ and ivp_["p50"]), "ivp p99": ms(ivp_ and ivp_["p99"]),
                    "ivp q/s": f"{ivp_['qps']:.0f}" if ivp_ else none,
                    "oxigraph p50": ms(oxi_ and oxi_["p50"]),
                    "oxigraph q/s": f"{oxi_['qps']:.0f}" if oxi_ else none,
                    "rdflib-ep p50": (">" if peer and peer["timed_out"] else "")
                    + (ms(peer and peer["p50"]) if peer else "n/a"),
                    "rdflib-ep q/s": f"{peer['qps']:.1f}" if peer else "n/a",
                    "ivp/oxigraph p50": ratio(ivp_ and ivp_["p50"], oxi_ and oxi_["p50"]),
                    "rdflib-ep/ivp p50": ratio(
                        peer and peer["p50"], ivp_ and ivp_["p50"], bool(peer and peer["timed_out"])
                    ),
                })  # fmt: skip
                print(f"  {name} x{clients} done", file=sys.stderr, flush=True)
    print(output.table(rows), flush=True)
    ratios = [float(r["ivp/oxigraph p50"]) for r in rows if r["ivp/oxigraph p50"]]
    within = sum(x < 1.5 for x in ratios)
    print(f"\ngoal: endpoint p50 within 1.5x of Oxigraph's server: {within} of {len(ratios)} "
          f"cells (worst {max(ratios, default=0):.2f}x)", flush=True)  # fmt: skip


def machine() -> str:
    mem = "?"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem} RAM, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, pyoxigraph {ox.__version__}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--municipalities", type=int, default=40, help="synthetic scale")
    parser.add_argument("--plans-per", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3, help="repetitions of timed commands")
    parser.add_argument("--budget", type=float, default=2.0, help="seconds per endpoint cell")
    parser.add_argument("--skip-real", action="store_true", help="skip the 2 real plans")
    parser.add_argument("--skip-synthetic", action="store_true", help="skip the synthetic scale")
    parser.add_argument("--no-peer", action="store_true", help="skip rdflib-endpoint")
    parser.add_argument(
        "--no-rdflib", dest="rdflib", action="store_false",
        help="skip rdflib's in-process engine (its parse alone is minutes nationally)",
    )  # fmt: skip
    parser.add_argument(
        "--skip-queries", action="store_true",
        help="only builds and commands: no in-process SPARQL, no endpoints",
    )  # fmt: skip
    parser.add_argument(
        "--no-edit", dest="edit_one", action="store_false",
        help="skip the rebuild after editing one synthetic plan",
    )  # fmt: skip
    parser.add_argument(
        "--limit", type=float, default=60.0, help="seconds before an rdflib query is stopped"
    )
    parser.add_argument("--html", action="store_true", help="also run benchmarks/html_pages.py")
    args = parser.parse_args(argv)
    print(f"# kruisverband benchmarks\n\nmachine: {machine()}")
    if not (BIN / "rdflib-endpoint").exists():
        print("rdflib-endpoint is not installed (uv sync --dev): the peer column stays empty")
    ontology = PROJECT_ROOT / "ontology"
    with tempfile.TemporaryDirectory(prefix="ivp-bench-") as tmp:
        work = Path(tmp)
        if not args.skip_real:
            real = Settings(PROJECT_ROOT / "data", ontology, work / "real-dist")
            bench_scale("2 real plans", real, "nijmegen-2022", args)
        if not args.skip_synthetic:
            from graph.synth import synth

            data = work / "synthetic"
            report = synth(data, args.municipalities, args.plans_per, args.seed)
            synthetic = Settings(data, ontology, work / "synthetic-dist")
            label = (
                f"synthetic: {args.municipalities} municipalities x {args.plans_per} plans "
                f"(+2 real), seed {args.seed}"
            )
            bench_scale(label, synthetic, report.plans[-1], args)
        shutil.rmtree(work, ignore_errors=True)
    if args.html and (ROOT / "benchmarks" / "html_pages.py").exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "html_pages.py")], cwd=ROOT)


if __name__ == "__main__":
    main()
