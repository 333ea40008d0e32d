"""Writes a draft: the plan file, the normalised source text, the proposed registry entries.

The plan file is YAML in the format of data/plans/*.yaml, written by yaml.safe_dump so that
nothing in the source (a quote reading "!!python/object", "<script>") can become anything
but a string. An existing plan or source file is never overwritten without `force`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from graph.extract.pipeline import Draft
from graph.extract.read import ExtractError, Origin

REGISTRY_HEADER = "# --- proposed by ivp extract for {plan} (drafts, issue 12): review these"


class _Dumper(yaml.SafeDumper):
    """Block style, lists indented under their key like the curated files."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


def render(draft: Draft, origin: Origin | None) -> str:
    head = [
        f"# Draft of plan {draft.id}, written by `ivp extract` on {dt.date.today().isoformat()}.",
        "# Every item carries `confidence` (0..1) and `review: unreviewed`: a curator checks",
        "# each one, sets review to accepted, corrected or rejected (and removes rejected items)",
        "# and, when all are done, removes `status: draft`. Format: data/README.md.",
    ]
    if origin is not None:
        head.append(f"# Origin: {origin.name} ({origin.kind}), sha256 {origin.sha256}")
    for warning in draft.warnings:
        head.append(f"# warning: {warning}")
    body = yaml.dump(draft.plan, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return "\n".join(head) + "\n" + body


def write(
    draft: Draft,
    *,
    data_dir: Path,
    out: Path,
    text: str,
    origin: Origin | None,
    force: bool = False,
) -> list[Path]:
    """Write the plan file to `out`, the text to data/sources/, new partners and legal
    provisions to their registries."""
    written = []
    if out.exists() and not force:
        raise ExtractError(f"{out} exists; give --force to overwrite it")
    source = data_dir / "sources" / str(draft.plan["source"]["file"])
    if source.exists():
        if source.read_text(encoding="utf-8") != text and not force:
            raise ExtractError(f"{source} exists with another text; give --force to overwrite it")
    else:
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text(text, encoding="utf-8")
        written.append(source)
        if origin is not None:
            _record_origin(data_dir / "sources" / "SOURCES.md", source.name, origin)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(draft, origin), encoding="utf-8")
    written.append(out)
    for name, entries in (
        ("partners.yaml", draft.new_partners),
        ("legal-bases.yaml", draft.new_provisions),
    ):
        registry = data_dir / "registry" / name
        if entries and registry.is_file():
            known = registry.read_text(encoding="utf-8")
            fresh = [p for p in entries if f"- id: {p['id']}\n" not in known]
            if fresh:
                block = yaml.dump(fresh, Dumper=_Dumper, sort_keys=False, allow_unicode=True)
                header = REGISTRY_HEADER.format(plan=draft.id)
                with registry.open("a", encoding="utf-8") as f:
                    f.write(f"\n{header}\n{block}")
                written.append(registry)
    return written


def _record_origin(sources_md: Path, name: str, origin: Origin) -> None:
    """Where the normalised text came from, beside the other sources' lines."""
    line = (
        f"- `{name}`: normalised by `ivp extract` from {origin.name} ({origin.kind}), "
        f"sha256 `{origin.sha256}`.\n"
    )
    heading = "\n## Normalised by `ivp extract` (drafts)\n\n"
    existing = sources_md.read_text(encoding="utf-8") if sources_md.is_file() else ""
    with sources_md.open("a", encoding="utf-8") as f:
        f.write(("" if heading.strip() in existing else heading) + line)
