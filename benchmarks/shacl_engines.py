"""check_shapes per plan: pyrudof deciding (graph.rudof_shapes) against pyshacl alone.

    uv run python -m benchmarks.shacl_engines                  # 10 municipalities x 2 plans
    uv run python -m benchmarks.shacl_engines --municipalities 20 --runs 5
    uv run python -m benchmarks.shacl_engines --whole          # also `check` end to end

Generates a synthetic corpus (`ivp synth`), runs the real pipeline over it once to take each
plan's graph as `check_plan` hands it to `check_shapes` (and the shared graphs as
`_check_shared` does), then times `check_shapes` (pyrudof first, pyshacl only for a graph
with a result in focus) and `pyshacl_problems` (what check_shapes was before) on every graph,
the two alternating, `--runs` times; the median per graph counts. Also shows how much of
pyrudof's time is rdflib writing the graph as N-Triples for it. Not a test: timings on a
shared machine are noisy, the ratio measured in one run is the point.

With `--whole`, also times the whole check of the corpus (`graph.build.check`, no cache, the
worker processes of a real build) in fresh processes, alternately with pyrudof and with
pyshacl alone (`graph.validate.session` replaced by one that offers no pyrudof session).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

import graph.pipeline as pipeline
from graph.config import PROJECT_ROOT, Settings
from graph.entries import LoadResult
from graph.rudof_shapes import session
from graph.synth import synth
from graph.validate import check_shapes, pyshacl_problems

Case = tuple[str, LoadResult, Graph, set]


def capture(settings: Settings, folder: Path) -> list[Case]:
    """Each graph the pipeline validates, with its load result and focus."""
    seen: list[Case] = []
    real = pipeline.check_shapes

    def keep(result, g, shapes, focus=None):  # type: ignore[no-untyped-def]
        copy = Graph()
        copy += g
        seen.append(("", result, copy, set(focus)))
        return real(result, g, shapes, focus)

    pipeline.check_shapes = keep  # type: ignore[assignment]
    try:
        shared = pipeline.Shared(settings)
        (folder / pipeline.PLANS).mkdir(parents=True)
        names, units = [], []
        for path in sorted((settings.data_dir / "plans").glob("*.yaml")):
            units.append(shared.check_plan(path, "key", folder))
            names.append(path.stem)
        pipeline._check_shared(shared, units)
        names.append("(shared graphs)")
    finally:
        pipeline.check_shapes = real
    cases = [(name, *case[1:]) for name, case in zip(names, seen, strict=True)]
    return cases  # type: ignore[return-value]


def timed(func: Callable[..., object], *args: object) -> float:
    started = time.perf_counter()
    func(*args)
    return time.perf_counter() - started


WHOLE = """
import shutil, sys, time
from pathlib import Path
import graph.validate
from graph.build import check
from graph.config import PROJECT_ROOT, Settings
if sys.argv[1] == "pyshacl":
    graph.validate.session = lambda shapes: None
dist = Path(sys.argv[3])
shutil.rmtree(dist, ignore_errors=True)
started = time.perf_counter()
units = check(Settings(Path(sys.argv[2]), PROJECT_ROOT / "ontology", dist), jobs=2)
print(time.perf_counter() - started, len(units))
"""


def whole(data: Path, runs: int) -> None:
    """`check` of the whole corpus, pyrudof and pyshacl alternating, each in a fresh process."""
    times: dict[str, list[float]] = {"pyrudof": [], "pyshacl": []}
    for _ in range(runs):
        for engine, spent in times.items():
            out = subprocess.run(
                [sys.executable, "-c", WHOLE, engine, str(data), str(data.parent / "dist")],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()
            spent.append(float(out[0]))
    ru, py = (statistics.median(times[e]) for e in ("pyrudof", "pyshacl"))
    print(
        f"check of all {out[1]} plans, 2 workers, median of {runs}: pyshacl {py:.1f} s,"
        f" pyrudof {ru:.1f} s, ratio {ru / py:.2f}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--municipalities", type=int, default=10)
    parser.add_argument("--plans-per", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--whole", action="store_true", help="also time `check` end to end")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        synth(work / "data", args.municipalities, args.plans_per, args.seed)
        settings = Settings(work / "data", PROJECT_ROOT / "ontology", work / "dist")
        cases = capture(settings, work / "cache")
        shapes = pipeline.Shared(settings).shapes
        if args.whole:
            whole(work / "data", args.runs)
    fast = session(shapes)
    assert fast is not None
    rows = []
    for name, result, g, focus in cases:
        times: dict[str, list[float]] = {"rudof": [], "pyshacl": [], "nt": []}
        for _ in range(args.runs):
            times["rudof"].append(timed(check_shapes, result, g, shapes, focus))
            times["pyshacl"].append(timed(pyshacl_problems, result, g, shapes, focus))
            times["nt"].append(timed(g.serialize, None, "nt"))
        same = check_shapes(result, g, shapes, focus=focus) == pyshacl_problems(
            result, g, shapes, focus
        )
        rows.append((name, len(g), same, {k: statistics.median(v) for k, v in times.items()}))
    print(
        f"{'graph':32} {'triples':>8} {'pyshacl':>9} {'pyrudof':>9} {'ratio':>6}  of it N-Triples"
    )
    for name, triples, same, t in rows:
        ratio = t["rudof"] / t["pyshacl"]
        mark = "" if same else "  DIFFERENT PROBLEMS"
        print(
            f"{name:32} {triples:8} {t['pyshacl'] * 1000:7.0f}ms {t['rudof'] * 1000:7.0f}ms "
            f"{ratio:6.2f}  {t['nt'] * 1000:.0f}ms{mark}"
        )
    plans = [t for name, _, _, t in rows if not name.startswith("(")]
    py = statistics.mean(t["pyshacl"] for t in plans)
    ru = statistics.mean(t["rudof"] for t in plans)
    io = statistics.mean(t["nt"] for t in plans)
    print(
        f"per plan ({len(plans)} plans, median of {args.runs} runs each):"
        f" pyshacl {py * 1000:.0f} ms,"
        f" pyrudof {ru * 1000:.0f} ms (of which rdflib writing N-Triples {io * 1000:.0f} ms),"
        f" ratio pyrudof/pyshacl {ru / py:.2f}"
    )
    print(
        f"check_shapes gave the same problems as pyshacl alone on {sum(r[2] for r in rows)}"
        f" of {len(rows)} graphs"
    )


if __name__ == "__main__":
    main()
