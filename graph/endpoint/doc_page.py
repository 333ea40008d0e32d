"""The /doc/ page of a resource: what a person wants to know first, then everything else.

Any resource gets a heading that names its plan (both plans have an "Ondermijning"), its
properties, and what links to it, grouped by property and folded when long. Themes and
plans, the pages people come for, get a curated order on top: a theme reads as its status,
pillars and ambitions, partners with their roles, cross-links, budget and the plan's own
sentences, before the remaining properties (that order is doc_sections'). Quote IRIs are
shown as the sentences they stand for, with their section (pages.Linker.quote).
"""

from __future__ import annotations

import textwrap
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from graph.endpoint.doc_sections import GENERIC, Extras, curated
from graph.endpoint.evaluate import Term
from graph.endpoint.pages import Linker, layout
from graph.i18n import Language, Texts

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
IVP = "https://w3id.org/kruisverband/def/ivp#"  # moved to the configured base by `curated`
FOLD = 8  # longer lists of values or of linking resources are folded

TEXTS = Texts(
    {
        "plan_of": {"nl": "IVP {place} {years}", "en": "{place} safety plan {years}"},
        "in_plan": {"nl": "in {plan}", "en": "in {plan}"},
        "also_as": {"nl": "Ook als", "en": "Also as"},
        "downloads": {
            "nl": "De graaf van dit plan downloaden:",
            "en": "Download this plan's graph:",
        },
        "overview": {"nl": "Overzicht", "en": "Overview"},
        "structure": {"nl": "Pijlers en ambities", "en": "Pillars and ambitions"},
        "mission": {"nl": "Missie en uitgangspunten", "en": "Mission and principles"},
        "themes": {"nl": "Thema's", "en": "Themes"},
        "partners": {"nl": "Partners en hun rol", "en": "Partners and their roles"},
        "named": {"nl": "Genoemde partners", "en": "Partners named"},
        "crosslinks": {"nl": "Kruisverbanden", "en": "Cross-links"},
        "budget": {"nl": "Begroting", "en": "Budget"},
        "notes": {"nl": "Notities", "en": "Notes"},
        "quotes": {"nl": "In de woorden van het plan", "en": "In the words of the plan"},
        "properties": {"nl": "Eigenschappen", "en": "Properties"},
        "other": {"nl": "Overige eigenschappen", "en": "Other properties"},
        "incoming": {"nl": "Verwijzingen naar deze bron", "en": "Links to this resource"},
        "none": {"nl": "Geen.", "en": "None."},
        "values": {"nl": "{n} waarden", "en": "{n} values"},
        "partner": {"nl": "Partner", "en": "Partner"},
        "roles": {"nl": "Rol", "en": "Role"},
        "with": {"nl": "Met", "en": "With"},
        "kind": {"nl": "Soort verband", "en": "Kind of link"},
        "line": {"nl": "Post", "en": "Line"},
        "number": {"nl": "Nr.", "en": "No."},
        "theme": {"nl": "Thema", "en": "Theme"},
        "status": {"nl": "Status", "en": "Status"},
    }
)


@dataclass(frozen=True, kw_only=True)
class PlanOf:
    """The plan a resource belongs to, as its heading names it."""

    iri: str
    place: str  # the municipality's name, e.g. "Nijmegen"
    start: str | None = None
    end: str | None = None

    def phrase(self, lang: Language) -> str:
        years = "–".join(y for y in (self.start, self.end) if y)
        return TEXTS("plan_of", lang, place=self.place, years=years).strip()


class DocPage:
    """Builds one resource's page; holds the triples, grouped, while it does."""

    def __init__(
        self, iri: str, rows: list[dict[str, Term | None]], linker: Linker, ivp: str
    ) -> None:
        self.iri, self.linker, self.ivp, self.lang = iri, linker, ivp, linker.lang
        self.outgoing: dict[str, list[Term]] = defaultdict(list)
        self.incoming: dict[str, list[Term]] = defaultdict(list)
        self.nested: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
        for row in rows:
            p, o = row["p"], row["o"]
            if p is None or o is None:
                continue
            target = self.outgoing if row["dir"] and row["dir"][1] == "out" else self.incoming
            if o not in target[p[1]]:
                target[p[1]].append(o)
            if row.get("bp") and row.get("bo") and o[0] == "bnode":
                bucket = self.nested[o[1]][row["bp"][1]]  # type: ignore[index]
                if row["bo"] not in bucket:
                    bucket.append(row["bo"])  # type: ignore[arg-type]
        self.types = [t[1] for t in self.outgoing.get(RDF_TYPE, []) if t[0] == "uri"]

    def t(self, key: str, **fields: object) -> str:
        return TEXTS(key, self.lang, **fields)

    # -- values -------------------------------------------------------------------------
    def ordered(self, values: Sequence[Term]) -> list[Term]:
        """Values in the reader's language first, then by what they show."""

        def key(term: Term) -> tuple[int, str]:
            lang = term[3] if term[0] == "literal" and len(term) > 3 else None
            shown = self.linker.name(term[1]) if term[0] == "uri" else term[1]
            return (0 if not lang or lang == self.lang else 1, shown.casefold())

        return sorted(values, key=key)

    def distinct(self, terms: Sequence[Term]) -> dict[str, str]:
        """Link texts for the IRIs of one list that share a label: each with its plan's id.

        Two plans each have a "Zorg & Veiligheid"; in a list of both, they must differ.
        """
        names = Counter(self.linker.name(t[1]) for t in terms if t[0] == "uri")
        out = {}
        for term in terms:
            name = self.linker.name(term[1])
            if term[0] == "uri" and names[name] > 1:
                path = self.linker.short(term[1]).split("/")
                out[term[1]] = f"{name} ({path[1] if len(path) > 2 else '/'.join(path)})"
        return out

    def value(self, term: Term, texts: dict[str, str] | None = None) -> str:
        if term[0] == "uri" and texts and term[1] in texts and term[1] not in self.linker.quotes:
            return self.linker.link(term[1], texts[term[1]])
        if term[0] == "bnode" and term[1] in self.nested:
            inner = "".join(
                f"<tr><td class=pred>{self.linker.link(p)}</td><td>"
                + "<br>".join(self.linker.term(v) for v in vs)
                + "</td></tr>"
                for p, vs in sorted(self.nested[term[1]].items())
            )
            return f"<table>{inner}</table>"
        return self.linker.term(term)

    def values(self, values: Sequence[Term]) -> str:
        shown, texts = self.ordered(values), self.distinct(values)
        if all(v[0] == "uri" and v[1] in self.linker.quotes for v in shown):
            html = "".join(self.value(v) for v in shown)
        else:
            html = "<br>".join(self.value(v, texts) for v in shown)
        if len(shown) > FOLD:
            return f"<details><summary>{self.t('values', n=len(shown))}</summary>{html}</details>"
        return html

    def rows(self, properties: Sequence[str]) -> str:
        return "".join(
            f'<tr data-property="{escape(p)}"><td class=pred>{self.linker.link(p)}</td>'
            f"<td>{self.values(self.outgoing[p])}</td></tr>"
            for p in properties
            if self.outgoing.get(p)
        )

    # -- the curated tables -------------------------------------------------------------
    def roles_table(self, extra: Extras) -> str:
        if not extra.roles:
            return ""
        link = self.linker.link
        rows = "".join(
            f"<tr><td>{link(partner)}</td><td>{', '.join(link(r) for r in roles)}</td></tr>"
            for partner, roles in sorted(
                extra.roles.items(), key=lambda kv: self.linker.name(kv[0]).casefold()
            )
        )
        head = f"<tr><th>{self.t('partner')}</th><th>{self.t('roles')}</th></tr>"
        return f'<table class="roles">{head}{rows}</table>'

    def links_table(self, extra: Extras) -> str:
        if not extra.links:
            return ""
        link = self.linker.link
        records: dict[tuple[str, str], list[str]] = defaultdict(list)
        for cl, other, kind in extra.links:  # a link and its reverse are one row
            records[other, kind].append(cl)
        rows = "".join(
            f"<tr><td>{link(other)}</td><td>{link(kind) if kind else ''}</td>"
            f"<td>{' '.join(link(cl, '¶') for cl in sorted(set(cls)))}</td></tr>"
            for (other, kind), cls in sorted(
                records.items(),
                key=lambda x: (self.linker.name(x[0][0]).casefold(), self.linker.name(x[0][1])),
            )
        )
        head = f"<tr><th>{self.t('with')}</th><th>{self.t('kind')}</th><th></th></tr>"
        return f'<table class="links">{head}{rows}</table>'

    def budget_table(self, extra: Extras) -> str:
        if not extra.budget:
            return ""
        years = sorted({y for amounts in extra.budget.values() for y in amounts})
        head = f"<tr><th>{self.t('line')}</th>" + "".join(f"<th>{escape(y)}</th>" for y in years)
        rows = "".join(
            f"<tr><td>{self.linker.link(line)}</td>"
            + "".join(f'<td class="amount">{self.euro(amounts.get(y))}</td>' for y in years)
            + "</tr>"
            for line, amounts in sorted(extra.budget.items())
        )
        return f'<table class="budget">{head}</tr>{rows}</table>'

    def themes_table(self, extra: Extras) -> str:
        if not extra.themes:
            return ""
        link = self.linker.link

        def order(item: tuple[str, tuple[str, str]]) -> tuple[int, str]:
            number = item[1][0]
            return (int(number) if number.isdigit() else 10**6, self.linker.name(item[0]))

        rows = "".join(
            f"<tr><td>{escape(number)}</td><td>{link(theme)}</td>"
            f"<td>{link(status) if status else ''}</td></tr>"
            for theme, (number, status) in sorted(extra.themes.items(), key=order)
        )
        head = (
            f"<tr><th>{self.t('number')}</th><th>{self.t('theme')}</th>"
            f"<th>{self.t('status')}</th></tr>"
        )
        return f'<table class="themes">{head}{rows}</table>'

    def euro(self, amount: int | None) -> str:
        if amount is None:
            return ""
        grouped = f"{amount:,}"
        return "€ " + (grouped.replace(",", ".") if self.lang == "nl" else grouped)

    # -- the page -----------------------------------------------------------------------
    def sections(self, extra: Extras) -> tuple[str, set[str]]:
        """The curated blocks in reading order, and the properties they showed."""
        plan = curated(self.ivp)
        chosen = next((plan[t] for t in self.types if t in plan), GENERIC)
        html, shown = [], set()
        for section in chosen:
            table = getattr(self, section.table)(extra) if section.table else ""
            # a section's own table says more than its properties (roles, kinds, numbers)
            present = [] if table else [p for p in section.properties if self.outgoing.get(p)]
            shown.update(section.properties)
            if section.heading == "quotes":  # the sentences themselves, not a property row
                body = "".join(self.value(q) for p in present for q in self.outgoing[p])
            else:
                rows = self.rows(present)
                body = f'<table class="props">{rows}</table>' if rows else ""
            if not body and not table:
                continue
            html.append(
                f'<section class="curated" id="{section.heading}">'
                f"<h2>{self.t(section.heading)}</h2>{table}{body}</section>"
            )
        return "\n".join(html), shown

    def incoming_html(self) -> str:
        if not self.incoming:
            return f"<p>{self.t('none')}</p>"
        groups = []
        for p, subjects in sorted(
            self.incoming.items(), key=lambda kv: self.linker.name(kv[0]).casefold()
        ):
            texts = self.distinct(subjects)
            items = "".join(f"<li>{self.value(s, texts)}</li>" for s in self.ordered(subjects))
            opened = " open" if len(subjects) <= FOLD else ""
            groups.append(
                f'<details class="incoming" data-property="{escape(p)}"{opened}>'
                f"<summary>{self.linker.link(p)} <span class=count>({len(subjects)})</span>"
                f"</summary><ul>{items}</ul></details>"
            )
        return "".join(groups)


def resource_page(
    iri: str,
    rows: list[dict[str, Term | None]],
    linker: Linker,
    alternates: dict[str, str],
    *,
    graph_files: dict[str, str] | None = None,
    plan: PlanOf | None = None,
    extra: Extras | None = None,
    ivp: str = IVP,
    path: str | None = None,
) -> str:
    """A resource's page: heading with its plan, curated sections, the rest, what links here.

    `graph_files` (format name -> URL) are a plan's own graph as downloads: a plan page is
    where a reader decides to take the plan's data away. `path` is the page's own path, for
    the link to it in the other language.
    """
    page = DocPage(iri, rows, linker, ivp)
    t, lang = page.t, linker.lang
    name = linker.name(iri)
    if iri in linker.quotes and iri not in linker.labels:  # a quote is named by its words
        name = "“" + textwrap.shorten(linker.quotes[iri].text, 90, placeholder=" …") + "”"
    of_plan = f" — {plan.phrase(lang)}" if plan else ""
    kinds = " · ".join(linker.link(k) for k in page.types)
    if plan and plan.iri != iri:
        kinds += f" · {t('in_plan', plan=linker.link(plan.iri))}"
    links = " · ".join(
        f'<a href="{escape(href)}" type="{escape(media)}">{escape(label)}</a>'
        for label, (href, media) in {
            k: (v, {"Turtle": "text/turtle", "JSON-LD": "application/ld+json"}.get(k, ""))
            for k, v in alternates.items()
        }.items()
    )
    curated_html, shown = page.sections(extra or Extras())
    rest = [p for p in page.outgoing if p not in shown]
    heading = t("other") if curated_html else t("properties")
    order = sorted(rest, key=lambda p: (p != RDF_TYPE, linker.name(p).casefold()))
    table = f"<table>{page.rows(order)}</table>" if order else f"<p>{t('none')}</p>"
    body = f"""<h1><span class="name">{escape(name)}</span>\
<span class="of-plan">{escape(of_plan)}</span></h1>
<p class="kind">{kinds}</p>
<p class="iri">{escape(iri)}</p>
<p class="alternates">{t("also_as")} {links}</p>
{_graph_files(graph_files or {}, lang)}{curated_html}
<h2>{heading}</h2>
{table}
<h2>{t("incoming")}</h2>
{page.incoming_html()}"""
    return layout(name + of_plan, body, lang=lang, path=path)


def _graph_files(files: dict[str, str], lang: Language) -> str:
    if not files:
        return ""
    links = " · ".join(
        f'<a href="{escape(href)}" download>{escape(name)}</a>' for name, href in files.items()
    )
    return f'<p class="downloads">{TEXTS("downloads", lang)} {links}</p>\n'
