"""File size and time to interactive of the HTML exports, in headless Chromium (on demand).

    uv run python benchmarks/html_pages.py [--runs 5]

For each page: its size, and the time from navigation start until vis-network has drawn the
first frame and the page's handlers are attached (performance.now() at the first
afterDrawing). Each is set against a baseline measured in the same run: a bare vis-network
page with the same nodes, edges and positions and nothing else (no legend, search, details,
grouping). The ratio is what the page's own work costs; absolute times depend on the machine.
The 5,000-node graph is the generated one of graph.html.synthetic; it is also timed with
grouping switched off, to show what the grouping buys. Not a test: it prints, never fails.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from html_browser import browser, opened  # noqa: E402

from graph import html, network  # noqa: E402
from graph.config import Settings  # noqa: E402
from graph.html import details as html_details  # noqa: E402
from graph.html import synthetic  # noqa: E402
from graph.html.render import script_json, vis_network  # noqa: E402
from graph.store import open_store  # noqa: E402

BARE = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>{css}</style>
<style>html,body,#n{{margin:0;width:100%;height:100%}}</style></head><body><div id="n"></div>
<script type="application/json" id="d">{data}</script><script>{js}</script><script>
var d = JSON.parse(document.getElementById("d").textContent);
var net = new vis.Network(document.getElementById("n"),
  {{nodes: new vis.DataSet(d.nodes), edges: new vis.DataSet(d.edges)}},
  {{physics: false, layout: {{improvedLayout: false}}, edges: {{smooth: false}}}});
net.once("afterDrawing", function () {{
  window.kvReadyAt = performance.now(); document.documentElement.dataset.kvReady = "1"; }});
</script></body></html>"""


def bare_page(page: dict) -> str:
    """vis-network alone, drawing every node of `page` where the page would put it."""
    js, css = vis_network()
    nodes = [
        {"id": i, "label": n["label"], "x": n["x"], "y": n["y"], "size": n["size"]}
        for i, n in enumerate(page["nodes"])
    ]
    edges = [{"from": e["from"], "to": e["to"]} for e in page["edges"]]
    return BARE.format(css=css, js=js, data=script_json({"nodes": nodes, "edges": edges}))


def time_to_interactive(b, path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        with opened(b, path, timeout_ms=120_000) as (page, log):
            assert not log.foreign, log.foreign
            times.append(page.evaluate("window.kvReadyAt"))
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="Loads per page (median).")
    args = parser.parse_args()

    settings = Settings.from_env()
    store = open_store(settings)
    data, details = network.load(store, settings), html_details.load(store, settings)
    big = synthetic.generate(5000)
    cases = [
        ("plan nijmegen-2022", html.page_data("plan", data, details, ["nijmegen-2022"])),
        ("compare (2 plans)", html.page_data("compare", data, details)),
        ("5,000 nodes, grouped", html.page_data("plan", big)),
        ("5,000 nodes, not grouped", html.page_data("plan", big, cluster_above=10**6)),
    ]
    print(
        f"{'page':26} {'nodes':>6} {'edges':>6} {'KiB':>7} {'bare KiB':>8} "
        f"{'TTI ms':>7} {'bare ms':>7} {'ratio':>6}"
    )
    with tempfile.TemporaryDirectory() as tmp, browser() as b:
        for name, page in cases:
            ours, bare = Path(tmp) / "page.html", Path(tmp) / "bare.html"
            ours.write_text(html.render(page), encoding="utf-8")
            bare.write_text(bare_page(page), encoding="utf-8")
            t_ours = time_to_interactive(b, ours, args.runs)
            t_bare = time_to_interactive(b, bare, args.runs)
            print(
                f"{name:26} {len(page['nodes']):>6} {len(page['edges']):>6} "
                f"{ours.stat().st_size / 1024:>7.0f} {bare.stat().st_size / 1024:>8.0f} "
                f"{t_ours:>7.0f} {t_bare:>7.0f} {t_ours / t_bare:>6.2f}"
            )


if __name__ == "__main__":
    main()
