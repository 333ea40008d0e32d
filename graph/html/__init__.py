"""Interactive HTML exports of the graph: one self-contained file per picture, offline.

Four pictures (`views.VIEWS`): a whole plan, the ego network of a theme or partner, the
kruisverband map of a plan, and a comparison of plans through the VNG core themes. Each is
built in three steps, a module each:

- `views`: the networkx graph, composed from graph.network's views (and graph.analysis's
  overlap for implicit cross-links);
- `prepare`: the page data (positions from `layout`, sizes, legend, details from `details`,
  groups above a size threshold);
- `render`: the HTML, from the template files beside this module and vis-network's files as
  installed with pyvis.

    from graph.html import export
    html = export(settings, "plan", plans=["nijmegen-2022"])
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph.config import Settings
from graph.html import details as _details
from graph.html.details import Details
from graph.html.prepare import CLUSTER_ABOVE, prepare
from graph.html.render import render
from graph.html.views import VIEWS, build
from graph.network import PlanData

__all__ = ["CLUSTER_ABOVE", "VIEWS", "default_output", "export", "page", "page_data", "render"]

PAGES = "html"  # the folder in dist/ that a page goes to when no file is named


def default_output(
    settings: Settings, view: str, plans: list[str] | None = None, focus: str | None = None
) -> Path:
    """Where a page goes when no file is named: dist/html/VIEW-NAME.html, beside the build.

    Not the current folder: run in the repository, that left pages for git to pick up. The
    page draws the build it sits in; a new build starts a dist/ without them (the previous
    build, pages and all, stays in .dist.builds/previous until the build after).
    """
    from graph.html.prepare import slug

    name = slug(focus) if view == "ego" and focus else "-".join(plans or ()) or "all"
    return settings.dist_dir / PAGES / f"{view}-{name}.html"


def page_data(
    view: str,
    data: PlanData,
    details: Details | None = None,
    plans: list[str] | None = None,
    focus: str | None = None,
    depth: int = 1,
    cluster_above: int = CLUSTER_ABOVE,
    lang: str | None = None,
) -> dict[str, Any]:
    """The data of one page (plain values), from records already loaded; in Dutch unless
    `lang` (or IVP_LANG) asks for English."""
    details = details or Details()
    g = build(view, data, details, plans, focus, depth)
    return prepare(view, g, data, details, cluster_above, lang)


def page(
    view: str,
    data: PlanData,
    details: Details | None = None,
    plans: list[str] | None = None,
    focus: str | None = None,
    depth: int = 1,
    cluster_above: int = CLUSTER_ABOVE,
    lang: str | None = None,
) -> str:
    """One page as HTML text, from records already loaded (e.g. a generated graph)."""
    return render(page_data(view, data, details, plans, focus, depth, cluster_above, lang))


def export(
    settings: Settings,
    view: str = "plan",
    plans: list[str] | None = None,
    focus: str | None = None,
    depth: int = 1,
    output: Path | None = None,
    cluster_above: int = CLUSTER_ABOVE,
    lang: str | None = None,
) -> str:
    """One page from the built store; written to `output` when given. Returns the HTML."""
    from graph import network
    from graph.store import open_store

    store = open_store(settings)
    data = network.load(store, settings, plans or None)  # --plan: read only those plans
    details = _details.load(store, settings)
    text = page(view, data, details, plans, focus, depth, cluster_above, lang)
    if output is not None:
        output.write_text(text, encoding="utf-8")
    return text
