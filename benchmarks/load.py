"""Cheap queries under runaway ones: the endpoint's fairness, as ratios within one run.

    uv run python -m benchmarks.load                 # 10 s per phase
    uv run python -m benchmarks.load --budget 20 --runaway 4 --timeout 2

Starts `ivp serve` (default 2 workers, `--timeout 2`) on a fresh build of data/, then
measures a cheap query mix (ASK, a label lookup) from 4 clients, first alone (the baseline),
then while N clients loop pathological queries (each a different three-way cross product
that only the time limit stops). Prints p50/p99 of the cheap queries in both phases, their
ratio, and how many cheap and runaway queries were refused. Not a test: timings on a shared
machine are noisy, the ratio is the point. Goal (issue 10): cheap p99 under 4 runaway loops
within 5x of the baseline, and no cheap query refused.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from benchmarks.run import IVP, ROOT, pct

CHEAP = [
    "ASK { ?s ?p ?o }",
    "SELECT ?l WHERE { <https://w3id.org/kruisverband/id/plan/nijmegen-2022> "
    "<http://purl.org/dc/terms/title> ?l }",
]
RUNAWAY = "SELECT (COUNT(*) AS ?n{i}) WHERE {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }}"


def request(netloc: str, text: str, timeout: float = 60) -> tuple[int, float]:
    import http.client

    body = urllib.parse.urlencode({"query": text})
    started = time.perf_counter()
    conn = http.client.HTTPConnection(netloc, timeout=timeout)
    conn.request(
        "POST",
        "/sparql",
        body,
        {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"},
    )
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status, time.perf_counter() - started


def cheap_phase(netloc: str, seconds: float, clients: int = 4) -> tuple[list[float], int]:
    latencies: list[float] = []
    refused = [0]
    stop = time.perf_counter() + seconds

    def client(n: int) -> None:
        i = n
        while time.perf_counter() < stop:
            status, took = request(netloc, CHEAP[i % len(CHEAP)])
            i += 1
            if status == 200:
                latencies.append(took)
            else:
                refused[0] += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, refused[0]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--budget", type=float, default=10, help="Seconds per phase.")
    parser.add_argument("--runaway", type=int, default=4, help="Clients looping runaways.")
    parser.add_argument("--timeout", type=float, default=2, help="The server's --timeout.")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="ivp-load-"))
    dist = work / "dist"
    subprocess.run([*IVP, "--dist", str(dist), "build"], cwd=ROOT, check=True, capture_output=True)
    server = subprocess.Popen(
        [*IVP, "--dist", str(dist), "serve", "--port", "0", "--quiet",
         "--timeout", str(args.timeout)],
        cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        assert server.stderr is not None
        netloc = None
        while netloc is None:
            line = server.stderr.readline()
            if not line:
                sys.exit("ivp serve did not start")
            found = re.search(r"SPARQL[ -]endpoint: http://(\S+)/sparql", line)  # nl or en
            netloc = found.group(1) if found else None
        threading.Thread(target=lambda: [None for _ in server.stderr], daemon=True).start()  # type: ignore[union-attr]
        cheap_phase(netloc, 1)  # warm up
        base, base_refused = cheap_phase(netloc, args.budget)
        stop = time.perf_counter() + args.budget + 2
        runaway_status: dict[int, int] = {}

        def loop(i: int) -> None:
            while time.perf_counter() < stop:
                status, _ = request(netloc, RUNAWAY.format(i=i), timeout=args.timeout * 10)
                runaway_status[status] = runaway_status.get(status, 0) + 1

        loops = [threading.Thread(target=loop, args=(i,)) for i in range(args.runaway)]
        for t in loops:
            t.start()
        time.sleep(1)
        loaded, loaded_refused = cheap_phase(netloc, args.budget)
        for t in loops:
            t.join()
    finally:
        server.terminate()
        server.wait(15)
        shutil.rmtree(work, ignore_errors=True)

    def row(name: str, values: list[float], refused: int) -> str:
        p50, p99 = statistics.median(values) * 1000, pct(values, 0.99) * 1000
        return f"| {name} | {len(values)} | {refused} | {p50:.1f} | {p99:.1f} |"

    print(f"\n## Cheap queries alone and under {args.runaway} runaway loops "
          f"(--timeout {args.timeout:g}, 2 workers)\n")  # fmt: skip
    print("| phase | answered | refused | p50 ms | p99 ms |")
    print("|---|---|---|---|---|")
    print(row("alone", base, base_refused))
    print(row(f"{args.runaway} runaway loops", loaded, loaded_refused))
    ratio = pct(loaded, 0.99) / pct(base, 0.99)
    print(f"\np99 ratio (loaded / alone): {ratio:.2f}x  (goal: within 5x, no cheap query refused)")
    print(f"runaway answers by status: {dict(sorted(runaway_status.items()))}")


if __name__ == "__main__":
    main()
