"""Page data into one self-contained HTML file: no request leaves it, no data runs as code.

pyvis's own template loads Bootstrap and Tom Select from a CDN, even with
cdn_resources='in_line', and its tooltips put data into the page as HTML. So this module uses
its own template (page.html, page.css, labels.js, page.js and png.js beside it) and inlines
vis-network's script and style from the copy pyvis installs (read at run time: the project keeps no
third-party code).

The data goes in as JSON inside <script type="application/json">, with <, > and & written as
\\u escapes, so no label or quote can close the script element or be parsed as markup; the
page script puts text into the page with textContent only.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from functools import cache
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

VIS_VERSION = "9.1.2"


class MissingVisNetwork(RuntimeError):
    """pyvis is installed without the vis-network files it normally ships."""


@cache
def vis_network() -> tuple[str, str]:
    """vis-network's minified script and its style sheet, from the installed pyvis."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / f"vis-{VIS_VERSION}"
    js, css = lib / "vis-network.min.js", lib / "vis-network.css"
    if not js.is_file() or not css.is_file():
        raise MissingVisNetwork(f"vis-network {VIS_VERSION} not found in {lib}")
    return js.read_text(encoding="utf-8"), css.read_text(encoding="utf-8")


@cache
def _asset(name: str) -> str:
    return resources.files("graph.html").joinpath(name).read_text(encoding="utf-8")


def script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element: no '<', '>' or '&' survives as such."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def _inline_script(code: str) -> str:
    """A script body that cannot end its own element early."""
    return code.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")


def _inline_style(code: str) -> str:
    return code.replace("</style", "<\\/style")


def csp_hash(code: str) -> str:
    """The CSP source that allows exactly this inline script or style ('sha256-...')."""
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def carried(page: dict[str, Any]) -> dict[str, Any]:
    """The page data with its nodes, edges and options handed through a pyvis Network.

    The project draws its networks with pyvis: its Network holds what the page draws (each
    node with the shape and colour of its type, each edge, vis-network's options), and our
    template, not pyvis's, puts them on the page. Node ids are the nodes' places in the list,
    which is how the page script refers to them. `directed`: pyvis then does not search all
    earlier edges for a duplicate on every edge it adds (quadratic on a national graph; ours
    are unique already); each edge says its own arrows ("" for none).
    """
    from pyvis.network import Network

    styles = {t["id"]: t for t in page["types"]}
    net = Network(directed=True)
    for i, node in enumerate(page["nodes"]):
        style = styles[node["type"]]
        net.add_node(i, shape=style["shape"], color=style["color"], **node)
    for edge in page["edges"]:
        rest = {k: v for k, v in edge.items() if k not in ("from", "to")}
        net.add_edge(edge["from"], edge["to"], **{"arrows": "", **rest})
    net.options = page["options"]
    return {**page, "nodes": net.nodes, "edges": net.edges, "options": net.options}


def render(page: dict[str, Any]) -> str:
    """The whole HTML document for the page data of graph.html.prepare.

    The page's Content-Security-Policy allows only the scripts and style sheets it carries,
    by hash: a file opened from disk can load nothing from elsewhere, and 'unsafe-inline'
    would let any markup that slipped into the page run. (vis-network styles its elements
    through the DOM, which no style-src governs.)
    """
    vis_js, vis_css = vis_network()
    scripts = {
        "vis_js": _inline_script(vis_js),
        "labels_js": _inline_script(_asset("labels.js")),
        "page_js": _inline_script(_asset("page.js")),
        "png_js": _inline_script(_asset("png.js")),
    }
    styles = {"vis_css": _inline_style(vis_css), "page_css": _inline_style(_asset("page.css"))}
    words = {f"w_{key}": html.escape(text) for key, text in page["words"].items()}
    return Template(_asset("page.html")).substitute(
        lang=page["lang"],
        title=html.escape(page["title"]),
        **words,
        script_hashes=" ".join(csp_hash(code) for code in scripts.values()),
        style_hashes=" ".join(csp_hash(code) for code in styles.values()),
        data=script_json(carried(page)),
        **scripts,
        **styles,
    )
