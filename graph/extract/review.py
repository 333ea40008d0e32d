"""Reviewing a draft: an offline page with the source text and every drafted item marked in
it, and the decisions a curator takes there applied to the draft file.

Every item is named by its path in the draft ("themes/2/partners/0"), the page lists the items
grouped by type, lowest confidence first, and writes a decisions file (YAML: path, decision
accepted | corrected | rejected, and for a correction the fields to set). `apply` marks the
accepted and corrected items, sets the corrections and removes the rejected ones. Nothing in
the draft or the source is trusted: the page escapes every text and runs no script of theirs.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from graph import yamlfile
from graph.config import Settings
from graph.extract.draft import _Dumper
from graph.extract.lexicon import is_draft
from graph.extract.read import ExtractError
from graph.quotes import normalise

DECISIONS = ("accepted", "corrected", "rejected")
LOW = 0.6


@dataclass(frozen=True)
class Item:
    path: str
    kind: str  # the key it is listed under: themes, partners, crosslinks, ...
    label: str
    confidence: float | None
    review: str
    quotes: tuple[str, ...]


def items(plan: dict[str, Any]) -> list[Item]:
    """Every drafted item (a mapping with a review mark) of a draft, with its path."""
    return list(_walk(plan, "", "plan"))


def _walk(node: Any, path: str, kind: str) -> Iterator[Item]:
    if isinstance(node, dict):
        if "review" in node:
            yield Item(path.strip("/"), kind, _label(node), node.get("confidence"),
                       str(node["review"]), tuple(_quotes(node)))  # fmt: skip
        for key, value in node.items():
            inner = key if isinstance(value, list) else kind
            if inner == "themes" and "/budget/" in f"{path}/":
                inner = "funded themes"  # a budget line's themes, not the plan's
            yield from _walk(value, f"{path}/{key}", inner)
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from _walk(value, f"{path}/{n}", kind)


def _label(node: dict[str, Any]) -> str:
    for key in ("label", "partner", "law", "instrument", "concept", "by"):
        if node.get(key) is not None:
            return str(node[key])
    if "from" in node:
        return f"{node['from']} – {node.get('to')}"
    return "(item)"


def _quotes(node: dict[str, Any]) -> list[str]:
    quote = node.get("quote")
    quotes = quote if isinstance(quote, list) else [quote]
    return [str(q["quote"] if isinstance(q, dict) else q) for q in quotes if q]


def _is_draft(path: Path) -> tuple[dict[str, Any], bool]:
    doc = yamlfile.load(path)
    return doc, is_draft(doc)


def unreviewed(settings: Settings) -> dict[str, Counter[str]]:
    """Per draft plan, how many of its items of each kind nobody has reviewed yet."""
    found: dict[str, Counter[str]] = {}
    for path in sorted((settings.data_dir / "plans").glob("*.yaml")):
        try:
            doc, draft = _is_draft(path)
        except yamlfile.YamlError:
            continue  # validate reports it
        if draft:
            counts = Counter(i.kind for i in items(doc) if i.review == "unreviewed")
            if counts:
                found[path.stem] = counts
    return found


# --- the page ---------------------------------------------------------------------------------


def page(plan: dict[str, Any], source: str) -> str:
    """The review page: the source with each item's first quote marked, the items beside it."""
    drafted = sorted(
        items(plan), key=lambda i: (i.kind, i.confidence if i.confidence is not None else 1)
    )
    folded = source  # shown as written, line breaks and all
    ranges: list[tuple[int, int, int]] = []
    for n, item in enumerate(drafted):
        for quote in item.quotes:
            span = _locate(quote, source)
            if span is not None:
                ranges.append((*span, n))
                break
    body, taken = [], 0
    marked: dict[int, int] = {}  # item -> the mark that shows it
    for start, end, n in sorted(ranges):
        if start < taken:
            owner = next((m for s, e, m in ranges if s <= start < e and m in marked), None)
            if owner is not None:
                marked[n] = marked[owner]
            continue
        body.append(html.escape(folded[taken:start]))
        kind = re.sub(r"[^a-z_]", "", drafted[n].kind)
        low = " low" if (drafted[n].confidence or 1) < LOW else ""
        body.append(
            f'<mark id="m{n}" class="k-{kind}{low}" data-item="{n}">'
            f"{html.escape(folded[start:end])}</mark>"
        )
        marked[n] = n
        taken = end
    body.append(html.escape(folded[taken:]))
    groups: dict[str, list[str]] = {}
    for n, item in enumerate(drafted):
        confidence = "" if item.confidence is None else f"{item.confidence:.2f}"
        target = f' href="#m{marked[n]}"' if n in marked else ""
        choices = "".join(
            f'<label><input type="radio" name="d{n}" value="{d}"> {d}</label>' for d in DECISIONS
        )
        groups.setdefault(item.kind, []).append(
            f'<li class="item" data-path="{html.escape(item.path)}" data-n="{n}">'
            f'<a{target}>{html.escape(item.label)}</a> <span class="c">{confidence}</span> '
            f'<span class="r">{html.escape(item.review)}</span><div class="q">'
            f"{html.escape(item.quotes[0] if item.quotes else '')}</div>"
            f'<div class="d">{choices} <input class="fix" placeholder="correction: key=value">'
            "</div></li>"
        )
    panel = "".join(
        f"<section><h2>{html.escape(kind)} ({len(rows)})</h2><ol>{''.join(rows)}</ol></section>"
        for kind, rows in sorted(groups.items())
    )
    title = html.escape(str(plan.get("title", plan.get("id", "draft"))))
    return _TEMPLATE.format(
        title=title, plan=html.escape(str(plan.get("id"))), panel=panel, text="".join(body),
        count=len(drafted),
    )  # fmt: skip


def _locate(quote: str, source: str) -> tuple[int, int] | None:
    """Where a quote stands in the source: as written, else across line breaks and spaces."""
    if not quote.strip():
        return None
    at = source.find(quote)
    if at >= 0:
        return at, at + len(quote)
    words = normalise(quote).split(" ")
    if len(words) > 200:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.search(pattern, source)
    return (m.start(), m.end()) if m else None


_TEMPLATE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
      content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>Review: {title}</title>
<style>
body {{ font: 14px/1.5 system-ui, sans-serif; margin: 0; display: grid;
        grid-template-columns: minmax(0, 1fr) 28rem; height: 100vh; }}
#text {{ overflow: auto; padding: 1rem 2rem; white-space: pre-wrap; }}
#panel {{ overflow: auto; padding: 1rem; background: #f6f6f4; border-left: 1px solid #ccc; }}
mark {{ background: #fff1a8; }} mark.low {{ background: #ffc9b8; }}
mark.k-partners {{ background: #cde8ff; }} mark.k-themes {{ background: #d6f5d6; }}
mark.focus {{ outline: 2px solid #c00; }}
h1 {{ font-size: 1.1rem; }} h2 {{ font-size: 1rem; margin: 1rem 0 .3rem; }}
ol {{ padding-left: 1.2rem; }} .item {{ margin-bottom: .5rem; }} .c {{ color: #666; }}
.r {{ font-size: .8em; color: #a60; }} .q {{ color: #444; font-size: .9em; }}
textarea {{ width: 100%; height: 8rem; font: 12px monospace; }}
</style></head><body>
<main id="text">{text}</main>
<aside id="panel"><h1>Review of the draft {plan}</h1>
<p>{count} items, grouped by type, lowest confidence first. Choose accepted, corrected or
rejected; the decisions below are what <code>ivp review {plan} --apply FILE</code> applies.</p>
{panel}
<h2>Decisions</h2><textarea id="decisions" readonly></textarea>
</aside>
<script>
"use strict";
const out = document.getElementById("decisions");
function quoteYaml(s) {{ return JSON.stringify(String(s)); }}
function update() {{
  const lines = [];
  for (const li of document.querySelectorAll("li.item")) {{
    const chosen = li.querySelector("input[type=radio]:checked");
    if (!chosen) continue;
    lines.push("- path: " + quoteYaml(li.dataset.path));
    lines.push("  decision: " + chosen.value);
    const fix = li.querySelector("input.fix").value;
    const m = fix.match(/^\\s*([a-z_]+)\\s*=\\s*(.+)$/);
    if (chosen.value === "corrected" && m) {{
      lines.push("  set: {{" + m[1] + ": " + quoteYaml(m[2]) + "}}");
    }}
  }}
  out.value = lines.join("\\n") + (lines.length ? "\\n" : "");
}}
document.getElementById("panel").addEventListener("change", update);
document.getElementById("panel").addEventListener("input", update);
for (const a of document.querySelectorAll("li.item a[href]")) {{
  a.addEventListener("click", () => {{
    for (const m of document.querySelectorAll("mark.focus")) m.classList.remove("focus");
    document.querySelector(a.getAttribute("href")).classList.add("focus");
  }});
}}
update();
</script></body></html>
"""


def write_page(settings: Settings, plan_id: str, out: Path | None = None) -> Path:
    path = settings.data_dir / "plans" / f"{plan_id}.yaml"
    if not path.is_file():
        raise ExtractError(f"{path}: no such plan")
    doc, draft = _is_draft(path)
    if not draft:
        raise ExtractError(f"{path}: not a draft (no 'status: draft'): nothing to review")
    source = settings.data_dir / "sources" / str((doc.get("source") or {}).get("file"))
    if not source.is_file():
        raise ExtractError(f"{path}: its source text {source.name} is not in data/sources/")
    target = out or settings.dist_dir / "review" / f"{plan_id}.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page(doc, source.read_text(encoding="utf-8")), encoding="utf-8")
    return target


# --- applying decisions -----------------------------------------------------------------------


def apply(settings: Settings, plan_id: str, decisions_file: Path) -> Counter[str]:
    """Apply a decisions file to the draft; how many items got each decision."""
    path = settings.data_dir / "plans" / f"{plan_id}.yaml"
    _, draft = _is_draft(path)
    if not draft:
        raise ExtractError(f"{path}: not a draft: nothing to apply")
    if not decisions_file.is_file():
        raise ExtractError(f"{decisions_file}: no such decisions file")
    try:
        decisions = yaml.safe_load(decisions_file.read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError) as err:
        raise ExtractError(f"{decisions_file}: not a decisions file: {err}") from err
    if not isinstance(decisions, list):
        raise ExtractError(f"{decisions_file}: must be a list of {{path, decision}}")
    plan = yaml.safe_load(path.read_text(encoding="utf-8"))  # plain dicts, for writing back
    done: Counter[str] = Counter()
    removals = []
    for n, d in enumerate(decisions, start=1):
        if not isinstance(d, dict) or d.get("decision") not in DECISIONS:
            raise ExtractError(
                f"{decisions_file}: decision {n} needs a path and one of {DECISIONS}"
            )
        node, parent, last = _find(plan, str(d.get("path", "")))
        if node is None or "review" not in node:
            raise ExtractError(
                f"{decisions_file}: decision {n}: no drafted item at {d.get('path')!r}"
            )
        if d["decision"] == "rejected":
            removals.append((parent, last))
        else:
            for field, value in (d.get("set") or {}).items():
                if field in ("review", "confidence"):
                    continue
                node[field] = value
            node["review"] = d["decision"]
        done[d["decision"]] += 1
    for parent, last in sorted(removals, key=lambda r: -int(r[1])):
        del parent[int(last)]
    head = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    body = yaml.dump(plan, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    path.write_text("\n".join(head[:6]) + "\n" + body, encoding="utf-8")
    return done


def _find(plan: Any, path: str) -> tuple[dict[str, Any] | None, Any, str]:
    node, parent, last = plan, None, ""
    for part in [p for p in path.split("/") if p]:
        parent, last = node, part
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return None, None, ""
    if not isinstance(parent, list):
        return (node if isinstance(node, dict) else None), None, ""
    return (node if isinstance(node, dict) else None), parent, last
