"""What every part of the loader shares: the load's state, and one YAML entry being read.

An Entry knows its file and line, so whatever reads it can complain precisely; the Context
collects those complaints instead of stopping at the first.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import RDFS, SKOS, Graph, Literal, Namespace, URIRef

from graph import yamlfile
from graph.config import Settings
from graph.iris import Iris
from graph.links import iri_problem
from graph.notices import notice
from graph.problems import Problem, shown

OA = Namespace("http://www.w3.org/ns/oa#")
QB = Namespace("http://purl.org/linked-data/cube#")

ONTOLOGY_FILES = (
    "ivp.ttl",
    "vocabularies.ttl",
    "vng-kernbeleid-veiligheid.ttl",
    "analysis.ttl",
    "partner-types.ttl",
)
VNG_SCHEME = "vng-kernbeleid-veiligheid"
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
MATCH = {  # 'close' is not used (data/README.md, rule 8): the plan_loader refuses it
    "exact": SKOS.exactMatch,
    "broad": SKOS.broadMatch,
    "narrow": SKOS.narrowMatch,
    "related": SKOS.relatedMatch,
}
JURICONNECT = "https://wetten.overheid.nl/jci1.3:c:"


@dataclass(frozen=True)
class Location:
    """Where a node was written: file, the entity's line, and the line of each of its fields."""

    file: str
    line: int | None
    entity: str
    fields: dict[str, int] = field(default_factory=dict, compare=False)

    def line_of(self, *keys: str) -> int | None:
        """The line of the first of `keys` the entity has, else the entity's own line."""
        return next((self.fields[k] for k in keys if k in self.fields), self.line)


@dataclass
class LoadResult:
    iris: Iris
    graphs: dict[str, Graph] = field(default_factory=dict)  # named graph name -> its triples
    problems: list[Problem] = field(default_factory=list)
    locations: dict[URIRef, Location] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)  # plan id -> source text
    plans: list[str] = field(default_factory=list)


def suggest(value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(value), list(known), n=3, cutoff=0.6)
    return notice("suggest", close=", ".join(close)) if close else ""


class Context:
    """Shared state of one load: where to write, what is known, what went wrong."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.iris = Iris(settings.base)
        self.ivp = self.iris.ivp
        self.result = LoadResult(self.iris)
        self.vocab: dict[str, dict[str, URIRef]] = {}
        self.registry: dict[str, dict[str, URIRef]] = {}

    def fresh(self) -> Context:
        """An empty context that knows what this one knows (vocabularies, registry ids).

        A plan is loaded into its own fresh context, so plans can be loaded and validated
        apart (in parallel, or only the changed ones) against the same shared model.
        """
        child = Context(self.settings)
        child.vocab, child.registry = self.vocab, self.registry
        return child

    def problem(
        self, file: str, line: int | None, entity: str | None, message: str, check: str
    ) -> None:
        self.result.problems.append(Problem(file, line, entity, message, check))

    def graph(self, name: str) -> Graph:
        """The named graph `name`: a plain Graph (faster to fill and check than a Dataset's)."""
        graphs = self.result.graphs
        if name not in graphs:
            graphs[name] = Graph(identifier=self.iris.graph(name))
        return graphs[name]


class Entry:
    """One YAML mapping being turned into RDF, with the means to complain about it."""

    def __init__(self, ctx: Context, file: str, item: Any, kind: str) -> None:
        self.ctx, self.file, self.item, self.kind = ctx, file, item, kind
        self.line = yamlfile.line_of(item)
        self.name = str(item.get("id", kind)) if isinstance(item, dict) else kind

    def location(self, name: str | None = None) -> Location:
        """Where this entry is, with its fields' lines, for checks of the nodes it made."""
        fields = dict(getattr(self.item, "key_lines", {}))
        return Location(self.file, self.line, name or self.name, fields)

    def at(self, key: str) -> int | None:
        """The line of the field `key`; the entity's own line when the field is absent."""
        return yamlfile.key_line(self.item, key) or self.line

    def fail(
        self, message: str, check: str = "schema", line: int | None = None, key: str | None = None
    ) -> None:
        """Report a problem at `line`, else at the line of field `key`, else at the entity."""
        where = line or (self.at(key) if key is not None else self.line)
        self.ctx.problem(self.file, where, self.name, message, check)

    def check_keys(self, allowed: set[str]) -> None:
        for key in self.item:
            if key not in allowed:
                hint = suggest(key, allowed)
                message = notice("unknown_key", key=key, kind=self.kind, hint=hint)
                self.fail(message, "schema", key=key)

    def as_list(self, value: Any, key: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(notice("must_be_list", key=key), key=key)
            return []
        return value

    def mappings(self, key: str, kind: str | None = None) -> list[Any]:
        """The mappings listed under `key`; any other item is a problem on its own line."""
        found = []
        for item, line in self.items(key):
            if isinstance(item, dict):
                found.append(item)
            else:
                self.fail(notice("must_be_mapping", kind=kind or key), line=line)
        return found

    def items(self, key: str) -> list[tuple[Any, int | None]]:
        """The list under `key`, each item with its line (empty, and a problem, if not a list)."""
        value = self.item.get(key)
        found = self.as_list(value, key)
        return [
            (item, yamlfile.item_line(value, i) or self.at(key)) for i, item in enumerate(found)
        ]

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.item.get(key)
        if value is None or value == "":
            if required:
                self.fail(notice("required_in", key=key, kind=self.kind), key=key)
            return None
        if not isinstance(value, str | int | float):
            self.fail(notice("must_be_text", key=key), key=key)
            return None
        return str(value)

    def iri(self, key: str) -> URIRef | None:
        """The IRI under `key`, or None (and a problem on that key's line) when it may not be one.

        Only http(s) IRIs: whatever the data names may end up as a link on a page.
        """
        value = self.item.get(key)
        if value is None or value == "":
            return None
        wrong = iri_problem(value)
        if wrong:
            self.fail(f"'{key}' {wrong}", "schema", key=key)
            return None
        return URIRef(str(value))

    def labels(self, g: Graph, node: URIRef, required: bool = True) -> None:
        label = self.text("label", required=required)
        if label:
            for prop in (SKOS.prefLabel, RDFS.label):
                g.add((node, prop, Literal(label, lang="nl")))
        label_en = self.text("label_en")
        if label_en:
            for prop in (SKOS.prefLabel, RDFS.label):
                g.add((node, prop, Literal(label_en, lang="en")))

    def definition(self, g: Graph, node: URIRef, required: bool = False) -> None:
        text = self.text("definition", required=required)
        if text:
            g.add((node, SKOS.definition, Literal(text, lang="nl")))

    def ref(self, registry: str, value: Any, key: str, line: int | None = None) -> URIRef | None:
        """The registry node `value` names, or a problem at `line` (default: the field `key`)."""
        known = self.ctx.registry.get(registry, {})
        if str(value) in known:
            return known[str(value)]
        self.fail(
            notice(
                "unknown_id",
                key=key,
                registry=registry,
                value=value,
                file=shown(self.ctx.settings.data_dir / "registry" / f"{registry}.yaml"),
                hint=suggest(str(value), known),
            ),
            "reference",
            line,
            key,
        )
        return None

    def vocab(
        self,
        scheme: str,
        value: Any,
        key: str,
        required: bool = False,
        line: int | None = None,
    ) -> URIRef | None:
        """The concept `value` names in `scheme`, or a problem at `line` (default: field `key`)."""
        if value is None:
            if required:
                self.fail(notice("required_in", key=key, kind=self.kind), key=key)
            return None
        known = self.ctx.vocab.get(scheme, {})
        if str(value) in known:
            return known[str(value)]
        self.fail(
            notice(
                "not_in_vocabulary",
                key=key,
                value=value,
                scheme=scheme,
                known=", ".join(sorted(known)),
            ),
            "reference",
            line,
            key,
        )
        return None
