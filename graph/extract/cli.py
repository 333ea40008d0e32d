"""What `ivp extract` does, apart from parsing its options (kept out of cli.py, which stays
thin): read, normalise, draft, write; or evaluate."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from graph import output, yamlfile
from graph.config import Settings
from graph.extract import draft as drafts
from graph.extract import lexicon as lexicons
from graph.extract import pipeline
from graph.extract.normalise import normalise_text
from graph.extract.read import ExtractError, read
from graph.problems import InvalidData, Problem


def parse_period(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*((?:19|20)\d\d)\s*[-–/]\s*((?:19|20)\d\d)\s*", text)
    if not m or int(m.group(1)) > int(m.group(2)):
        raise ExtractError(f"--period {text!r}: give it as 2025-2028")
    return int(m.group(1)), int(m.group(2))


def run_extract(
    settings: Settings,
    file: Path,
    municipality: str | None,
    period: str | None,
    out: Path | None,
    force: bool,
    ocr: bool = False,
    tick: Callable[[int, int], None] | None = None,
) -> list[str]:
    """Draft `file`; the lines to print (warnings start with "warning"). `ocr` and `tick`:
    see graph.extract.read.read."""
    try:
        span = parse_period(period) if period else None
        sources = (settings.data_dir / "sources").resolve()
        if file.resolve().parent == sources:  # a text already in data/sources/: quoted as is
            text, origin = file.read_text(encoding="utf-8"), None
            name = file.name
        else:
            got = read(file, ocr=ocr, tick=tick)
            text, origin = normalise_text(got.text), got.origin
            name = None
        lexicon = lexicons.load(settings)
        hint = name or file.name
        result = pipeline.extract(
            text, lexicon, source_file=hint, origin=origin, municipality=municipality,
            period=span,
        )  # fmt: skip
        if name is None:
            result.plan["source"]["file"] = f"{result.id}.txt"
        target = out or settings.data_dir / "plans" / f"{result.id}.yaml"
        written = drafts.write(
            result, data_dir=settings.data_dir, out=target, text=text, origin=origin,
            force=force,
        )  # fmt: skip
    except ExtractError as err:
        raise InvalidData([Problem(str(file), None, None, str(err), "input")]) from err
    themes = result.plan.get("themes") or []
    lines = [f"warning: {w}" for w in result.warnings]
    lines.append(
        f"Drafted {result.id}: {output.plural(len(themes), 'theme')}, "
        f"{output.plural(len(result.new_partners), 'new partner')}; wrote "
        + ", ".join(str(p) for p in written)
    )
    return lines


def run_review(settings: Settings, plan_id: str, out: Path | None, decisions: Path | None) -> str:
    from graph.extract import review

    try:
        if decisions is not None:
            done = review.apply(settings, plan_id, decisions)
            counts = ", ".join(f"{n} {d}" for d, n in sorted(done.items())) or "nothing"
            return f"Applied to data/plans/{plan_id}.yaml: {counts}."
        return f"Wrote {review.write_page(settings, plan_id, out)}"
    except ExtractError as err:
        raise InvalidData([Problem(plan_id, None, None, str(err), "input")]) from err


def unreviewed_lines(settings: Settings) -> list[str]:
    """ "draft X: 12 items unreviewed (3 themes, ...)" for each draft with items left."""
    from graph.extract.review import unreviewed

    lines = []
    for plan, counts in unreviewed(settings).items():
        kinds = ", ".join(f"{n} {kind}" for kind, n in counts.most_common())
        total = output.plural(sum(counts.values()), "item")
        lines.append(f"draft {plan}: {total} still unreviewed ({kinds})")
    laws = settings.data_dir / "registry" / "legal-bases.yaml"
    proposed = [
        str(e.get("id")) for e in (yamlfile.load(laws) if laws.is_file() else None) or []
        if isinstance(e, dict) and e.get("review") == "unreviewed"
    ]  # fmt: skip
    if proposed:
        lines.append(
            f"registry/legal-bases.yaml: {output.plural(len(proposed), 'law')} proposed by "
            f"ivp extract still unreviewed, without a BWB id ({', '.join(proposed)})"
        )
    return lines


def run_evaluate(settings: Settings, fmt: str) -> str:
    from graph.extract.evaluate import evaluate

    rows, seconds = evaluate(settings)
    if fmt == "json":
        return output.render_detail({"scores": rows, "seconds": seconds}, "json")
    timing = ", ".join(f"{pid} {s} s" for pid, s in seconds.items())
    return output.table(rows) + f"\n\nDrafted leave-one-plan-out in {timing}."
