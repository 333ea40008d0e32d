"""Partners named in the text, resolved against the registry by name, type and region.

A name resolves to a registry entry only where it names *that* entry: "RIEC Den Haag" is
riec-den-haag, but a bare "RIEC" in a plan of a municipality in another RIEC region is that
region's RIEC, a new partner of the known type, never the registry's entry for another region.
The same holds for the bodies of one municipality (its college, its wijkteams): in another
municipality's plan they are that municipality's own, proposed as new partners for review.
Finding the names in sentences is graph.extract.partner_mentions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from graph.extract.lexicon import Lexicon, Municipality, PartnerEntry, PartnerType, fold
from graph.extract.sections import slug

OWN_KINDS = {"gemeente", "bestuursorgaan"}  # the municipality's own bodies: see _own, _body
_TOKEN = re.compile(r"[\w][\w'’&\-]*[\w\-]|\w")
MAX_NAME_TOKENS = 10
UNKNOWN_TYPE = "onbepaald"  # ontology/partner-types.ttl: the type a curator has yet to set
ORDER = ("gemeente", "veiligheidsregio", "riec", "politie")  # the regions a type may follow


@dataclass
class Partner:
    """A partner of the draft: a registry id, or a new entry proposed for the registry."""

    id: str
    label: str
    new: dict[str, object] | None = None  # the registry entry to add, for a new partner


@dataclass
class Resolver:
    lexicon: Lexicon
    municipality: Municipality | None
    municipality_id: str | None
    index: dict[tuple[str, ...], list[tuple[PartnerEntry, str]]] = field(default_factory=dict)
    firsts: set[str] = field(default_factory=set)
    new: dict[str, Partner] = field(default_factory=dict)
    resolved: dict[tuple[str, str, str | None], tuple[Partner, float] | None] = field(
        default_factory=dict
    )

    def __post_init__(self) -> None:
        # an entry's own names first, then the type names ("Brandweer" of Brandweer
        # Haaglanden): where a registry entry is called that, it is the one meant
        pairs = [(e, n) for e in self.lexicon.partners.values() for n in e.names]
        pairs += [(e, e.type_label) for e in self.lexicon.partners.values() if e.type_label]
        # a municipality's own body is named by its type's names too ("het college"), so that
        # another municipality's entry of the type stands for this one's (see _own)
        type_names = {t.notation: t.names for t in self.lexicon.partner_types}
        pairs += [
            (e, n) for e in self.lexicon.partners.values()
            if e.kind in OWN_KINDS and (e.bound_to or e.kind == "gemeente")
            for n in type_names.get(str(e.raw.get("type")), ())
        ]  # fmt: skip
        for entry, name in pairs:
            key = key_of(name)
            if not key or len(key) > MAX_NAME_TOKENS or (len(name) < 3 and not is_acronym(name)):
                continue  # "OM" is a name (found only in capitals, see find); "om" is none
            self.index.setdefault(key, []).append((entry, name))
            self.firsts.add(key[0])

    # -- finding names --

    def find(self, text: str) -> list[tuple[int, int, PartnerEntry, str]]:
        """(start, end, entry, name) of each longest registry name in `text`."""
        tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
        lowered = [_token_key(t[0]) for t in tokens]
        found = []
        i = 0
        while i < len(tokens):
            if lowered[i] not in self.firsts:
                i += 1
                continue
            best = None
            for n in range(min(MAX_NAME_TOKENS, len(tokens) - i), 0, -1):
                key = tuple(lowered[i : i + n])
                if key not in self.index:
                    continue
                printed = text[tokens[i][1] : tokens[i + n - 1][2]]
                for entry, name in self.index[key]:
                    if is_acronym(name) and printed != name:
                        continue  # "OM" is not "om"
                    best = (tokens[i][1], tokens[i + n - 1][2], entry, name)
                    break
                if best:
                    break
            if best:
                found.append(best)
                i += len(key_of(text[best[0] : best[1]]))
            else:
                i += 1
        return found

    # -- resolving --

    def resolve(self, entry: PartnerEntry, name: str, after: str) -> tuple[Partner, float] | None:
        """The partner a name of `entry` stands for in this plan, with a confidence (the same
        name followed by the same region resolves once)."""
        # the region after the name decides for a regional entry and for a municipality
        # ("de gemeente Delft" is not "de gemeente")
        regional = entry.region or entry.kind == "gemeente"
        key = (entry.id, name, region_after(after, self.lexicon) if regional else None)
        if key not in self.resolved:
            self.resolved[key] = self._resolve(entry, name, after)
        return self.resolved[key]

    def _resolve(self, entry: PartnerEntry, name: str, after: str) -> tuple[Partner, float] | None:
        exact = fold(name) == fold(entry.label)
        if entry.kind == "gemeente":
            if entry.id == self.municipality_id:
                return Partner(entry.id, entry.label), 0.9
            if exact or (entry.raw.get("cbs_code") and _names_place(name, entry)):
                return Partner(entry.id, entry.label), 0.7
            if region_after(after, self.lexicon) or self.municipality_id is None:
                return None  # "gemeente Den Haag", a municipality the registry lacks
            # "de gemeente", an alias of another municipality's entry: in this plan, its own
            return Partner(self.municipality_id, f"Gemeente {self.municipality.name}"), 0.6
        if entry.bound_to:
            if entry.bound_to == self.municipality_id or _names_place(name, entry):
                return Partner(entry.id, entry.label), 0.85 if exact else 0.7
            if entry.kind not in OWN_KINDS and not _names_type(name, entry):
                return None  # "economie", an alias of another municipality's department
            return self._own(entry)  # "het college", "de raad": this municipality's own
        if entry.region:
            region = region_after(after, self.lexicon)
            if region and fold(region) != fold(entry.region):
                return self._regional(entry, region)
            if fold(entry.region) in fold(name) or not _is_type_name(name, entry, self.lexicon):
                return Partner(entry.id, entry.label), 0.85 if exact else 0.75
            return self._regional(entry, None)
        return Partner(entry.id, entry.label), 0.9 if exact else 0.75

    def _regional(self, entry: PartnerEntry, region: str | None) -> tuple[Partner, float] | None:
        """The entry of `entry`'s type for `region` (default: this municipality's region)."""
        siblings = [
            other for other in self.lexicon.partners.values()
            if other.type_label and other.region
            and fold(other.type_label) == fold(entry.type_label or "")
        ]  # fmt: skip
        if region is None:
            m = self.municipality
            column = _column_of(entry.region or "", self.lexicon)
            if m is None or column is None:
                return None
            value = {
                "gemeente": m.name, "veiligheidsregio": m.veiligheidsregio, "riec": m.riec,
                "politie": m.police_unit,
            }  # fmt: skip
            # the type's entries may be named after a city or a region: this municipality's
            # own first, then its regions; a new one is named after the region the entry
            # was (a city's name elsewhere: the safety region is the best guess of its area)
            columns = {_column_of(o.region or "", self.lexicon) for o in siblings}
            regions = [value[c] for c in ORDER if c in columns]
            proposed = value["veiligheidsregio" if column == "gemeente" else column]
        else:
            regions, proposed = [region], region
        for place in regions:
            for other in siblings:
                if fold(other.region or "") == fold(place):
                    return Partner(other.id, other.label), 0.7
        return self._propose(entry, proposed), 0.5

    def _own(self, entry: PartnerEntry) -> tuple[Partner, float] | None:
        """This municipality's own body of the type `entry` is another municipality's of."""
        if self.municipality is None or not entry.type_label:
            return None
        for other in self.lexicon.partners.values():
            if (
                other.bound_to == self.municipality_id
                and other.type_label
                and fold(other.type_label) == fold(entry.type_label)
            ):
                return Partner(other.id, other.label), 0.7
        return self._propose(entry, self.municipality.name), 0.5

    def typed(self, ptype: PartnerType, name: str, region: str | None, bare: bool) -> Partner:
        """A new partner known only by its type: "de woningcorporatie" (named by the type's
        label) or "Stichting Buurtwerk Oost" (a name with the type's head word). Its scope is
        the one most entries of the type have (lokaal where none does), regionaal where a
        region is named."""
        label = name
        if region and fold(region) not in fold(label):
            label = f"{label} {region}"
        alike = [e for e in self.lexicon.partners.values() if e.raw.get("type") == ptype.notation]
        regional = next(
            (e for e in alike if e.region and not e.bound_to and e.raw.get("scope") == "regionaal"),
            None,
        )
        if bare and region is None and regional is not None:
            resolved = self._regional(regional, None)  # "de veiligheidsregio": this one's own
            if resolved is not None:
                return resolved[0]
        # a municipality's own body (its afdeling, its wijkmanager) is named after it
        own = any(e.bound_to for e in alike) and self.municipality is not None
        ident = slug(label, 64)
        if own and self.municipality is not None:
            ident = f"{ident}-{slug(self.municipality.name)}"

        def record() -> dict[str, object]:
            scopes = [str(e.raw.get("scope")) for e in alike if e.raw.get("scope")]
            scope = "regionaal" if region else max(scopes or ["lokaal"], key=scopes.count)
            entry: dict[str, object] = {
                "id": ident,
                "label": label,
                "kind": alike[0].kind if alike else "organisatie",
                "domains": list(alike[0].domains) if alike else ["veiligheid"],
                "type": ptype.notation,
                "scope": scope,
                "description": f"Voorgesteld door ivp extract als {ptype.label.lower()}: "
                "nog te controleren.",
            }
            if own and self.municipality_id:
                entry["part_of"] = self.municipality_id
            return entry

        return self._known_or_new(ident, label, record)

    def listed(self, label: str, aliases: list[str], where: str) -> Partner:
        """A new partner that only where it is named says is one: a list of partners
        ("Staedion"), an enumeration of partners ("politie, OM en jeugdreclassering")."""
        label = label[:1].upper() + label[1:]
        ident = slug(label, 64)

        def record() -> dict[str, object]:
            entry: dict[str, object] = {
                "id": ident,
                "label": label,
                "kind": "organisatie",
                "domains": ["veiligheid"],
                "type": UNKNOWN_TYPE,
                "scope": "lokaal",
                "description": f"Voorgesteld door ivp extract uit {where}: "
                "soort, type en reikwijdte nog te bepalen.",
            }
            if aliases:
                entry["aliases"] = aliases
            return entry

        return self._known_or_new(ident, label, record)

    def _known_or_new(
        self, ident: str, label: str, record: Callable[[], dict[str, object]]
    ) -> Partner:
        """The registry's entry `ident`, else the new partner proposed under it (its entry
        made once, the first time it is named)."""
        if ident in self.lexicon.partners:
            return Partner(ident, self.lexicon.partners[ident].label)
        if ident not in self.new:
            self.new[ident] = Partner(ident, label, record())
        return self.new[ident]

    def type_words(self) -> list[tuple[PartnerType, str, str, bool, re.Pattern[str]]]:
        """(type, word, word in lower case, is a head word, pattern) for every name and head
        word of the partner types this municipality has no own body of, compiled once."""
        if not hasattr(self, "_type_words"):
            own = self.own_types()
            self._type_words = [
                (ptype, word, word.lower(), head,
                 re.compile(rf"(?<![\w\-]){re.escape(word)}(?:s|en|'s)?(?![\w\-])", re.I))
                for ptype in self.lexicon.partner_types if ptype.notation not in own
                for word, head in [*((n, False) for n in ptype.names),
                                   *((h, True) for h in ptype.heads)]
            ]  # fmt: skip
        return self._type_words

    def own_types(self) -> set[str]:
        """Types the municipality's own bodies have: a bare "gemeente" is no new partner."""
        if not hasattr(self, "_own_types"):
            self._own_types = {
                str(e.raw.get("type")) for e in self.lexicon.partners.values()
                if e.kind in OWN_KINDS
            }  # fmt: skip
        return self._own_types

    def _propose(self, entry: PartnerEntry, region: str) -> Partner:
        place = slug(entry.region or "")
        stem = entry.id[: -len(place) - 1] if place and entry.id.endswith("-" + place) else None
        ident = f"{stem}-{slug(region)}" if stem else slug(f"{entry.type_label} {region}", 64)
        label = f"{(entry.type_label or entry.label).strip()} {region}"
        if entry.region and re.search(rf"\b{re.escape(entry.region)}\b", entry.label):
            # named as the example is: "College van burgemeester en wethouders van Nijmegen"
            label = re.sub(rf"\b{re.escape(entry.region)}\b", region, entry.label)

        def record() -> dict[str, object]:
            new: dict[str, object] = {
                "id": ident,
                "label": label,
                "kind": entry.kind,
                "domains": list(entry.domains),
                "description": f"Voorgesteld door ivp extract, naar het voorbeeld van {entry.id}: "
                "nog te controleren.",
            }
            if entry.bound_to and self.municipality_id:
                new["part_of"] = self.municipality_id
            for key in ("type", "scope"):  # issue 11's partner type and scope, where present
                if entry.raw.get(key):
                    new[key] = entry.raw[key]
            return new

        return self._known_or_new(ident, label, record)


_LONGER_NAME = re.compile(r"\s+(?:voor|van)\s+(?:de\s+|het\s+)?[A-Z]")


def starts_longer_name(text: str, start: int, end: int) -> bool:
    """Is a one-word match the first word of a longer proper name the registry lacks ("Raad
    voor de Kinderbescherming", "Raad van State"), not the body that word names alone?"""
    word = text[start:end]
    return " " not in word and word[:1].isupper() and bool(_LONGER_NAME.match(text, end))


def key_of(name: str) -> tuple[str, ...]:
    return tuple(_token_key(t) for t in _TOKEN.findall(name))


def _token_key(token: str) -> str:
    """A token as names are looked up: "Zorg- en Veiligheidshuis" is often printed without
    its hyphen of elision ("Zorg en Veiligheidshuis"), and is the same name."""
    return token.lower().rstrip("-") or token


def is_acronym(name: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", name)
    return bool(letters) and letters.isupper() and len(letters) <= 6


def _names_place(name: str, entry: PartnerEntry) -> bool:
    place = entry.region or entry.label.removeprefix("Gemeente ").strip()
    return bool(place) and fold(place) in fold(name)


def _is_type_name(name: str, entry: PartnerEntry, lexicon: Lexicon) -> bool:
    """Does `name` name the type ("RIEC", "Veiligheidsregio") rather than this one entry?"""
    folded = fold(name)
    type_label = fold(re.sub(r"\([^)]*\)", "", entry.type_label or ""))
    if folded in type_label or type_label in folded:
        return True
    # the type's own names ("RIEC"), also where the registry holds no other entry of it
    kind = entry.raw.get("type")
    if any(fold(n) == folded for t in lexicon.partner_types if t.notation == kind for n in t.names):
        return True
    siblings = [
        p for p in lexicon.partners.values()
        if p.id != entry.id and p.type_label and entry.type_label
        and fold(p.type_label) == fold(entry.type_label)
    ]  # fmt: skip
    return any(folded in (fold(n) for n in p.names) for p in siblings)


def _names_type(name: str, entry: PartnerEntry) -> bool:
    """Does `name` say most of the entry's type ("Zorg- en Veiligheidshuis"), not one word of
    a department's name ("economie")?"""
    if not entry.type_label or "," in entry.type_label:
        return False  # "Gemeente Nijmegen, economie": a department, not a type
    type_label = " ".join(fold(re.sub(r"\([^)]*\)", " ", entry.type_label)).split())
    folded = fold(name)
    return (folded in type_label or type_label in folded) and (
        len(folded) >= 12 or len(folded.split()) >= 2
    )


def _column_of(region: str, lexicon: Lexicon) -> str | None:
    for column in ("riec", "veiligheidsregio", "politie", "gemeente"):
        if fold(region) in {fold(r) for r in lexicon.regions.get(column, ())}:
            return column
    return None


def region_after(text: str, lexicon: Lexicon) -> str | None:
    """A region or municipality named right after a type name: "RIEC *Midden-Nederland*"."""
    head = text.lstrip(" (")[:60]
    head = re.sub(r"^(?:regio|van|voor|de)\s+", "", head, flags=re.I)
    first = re.match(r"[\w'’]+", head)
    if first is None:
        return None
    for name in lexicon.region_index().get(first.group(), ()):  # longest first
        rest = head[len(name) : len(name) + 1]
        if head.startswith(name) and (not rest or not rest.isalnum()):
            return name
    return None
