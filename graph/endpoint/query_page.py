"""The query page: a SPARQL editor with the project's named queries as ready examples.

Its own module because it grows apart from the resource pages: the script it loads
(templates/query.js) does the editing, running and showing of answers in the browser.
"""

from __future__ import annotations

from html import escape

from graph.endpoint.pages import _json, layout
from graph.links import LINK_PATTERN
from graph.queries import NamedQuery


def query_page(queries: list[NamedQuery], prefixes: dict[str, str], base: str) -> str:
    """The query editor with the project's named queries as ready examples."""
    examples = {
        q.name: {"title": q.title, "description": q.description, "text": q.text} for q in queries
    }
    buttons = "\n".join(
        f'<li><button type="button" data-example="{escape(q.name)}" '
        f'title="{escape(q.description)}">{escape(q.title)}</button></li>'
        for q in queries
    )
    fallback = "SELECT ?plan ?title WHERE {\n  ?plan a ivp:SafetyPlan ; dcterms:title ?title .\n}"
    first = queries[0].text if queries else fallback
    names = ", ".join(f"<code>{escape(p)}:</code>" for p in prefixes)
    declared = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in prefixes.items())
    body = f"""<div id="query-page" data-base="{escape(base)}"
data-link-pattern="{escape(LINK_PATTERN)}">
<h1>SPARQL</h1>
<p>Bevraag de kennisgraaf van integrale veiligheidsplannen. Het endpoint staat op
<code>/sparql</code> (SPARQL 1.1 Protocol); de standaardgraaf is de vereniging van alle grafen.
Deze prefixen zijn voorgedeclareerd: {names}.</p>
<h2>Voorbeelden</h2>
<ul class="examples">
{buttons}
</ul>
<p id="example-title"></p>
<textarea id="query" spellcheck="false" aria-label="SPARQL query">{escape(first)}</textarea>
<p><button id="run" type="button">Uitvoeren</button> <small>(Ctrl+Enter)</small></p>
<div id="status" role="status"></div>
<div id="results"></div>
<details><summary>Voorgedeclareerde prefixen</summary><pre>{escape(declared)}</pre></details>
</div>
<script type="application/json" id="examples">{_json(examples)}</script>
<script type="application/json" id="prefixes">{_json(prefixes)}</script>"""
    return layout("SPARQL", body, ("query.js",))
