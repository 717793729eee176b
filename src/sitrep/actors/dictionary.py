"""The actor dictionary: countries, generic agents, IGOs and named groups, from data files.

Four files ship in ``data/``; users add their own with ``--dict PATH``. A
user file named like a packaged one (``agents.yaml``) is read with that
file's schema; any other file holds named actors in the ``groups.yaml``
schema (``names``, ``country``, ``sector``).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..data_files import as_list, check_keys, load_entries
from ..errors import SitrepError

KINDS = ("countries", "agents", "igos", "groups")


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """What a phrase means. ``kind``: name, adjective, people or capital of a country;
    agent (a sector only); igo; group (a named organisation tied to a country)."""

    kind: str
    name: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None  # a full code for IGOs ("IGOUNO")


@dataclass
class ActorDictionary:
    """Phrases (as written in the data files) and the entry each one means."""

    phrases: dict[str, ActorEntry]

    @classmethod
    def load(cls, extra: list[Path] | None = None) -> ActorDictionary:
        phrases: dict[str, ActorEntry] = {}
        package = resources.files("sitrep.actors").joinpath("data")
        for kind in KINDS:
            path = package.joinpath(f"{kind}.yaml")
            _add(phrases, kind, str(path), load_entries(str(path), path.read_text(encoding="utf-8")))
        for path in extra or []:
            kind = path.stem if path.stem in KINDS else "groups"
            _add(phrases, kind, str(path), load_entries(path))
        return cls(phrases)


def _add(phrases: dict[str, ActorEntry], kind: str, path: str, entries: list[dict]) -> None:
    """Add a file's entries; later files override earlier ones phrase by phrase."""
    for index, entry in enumerate(entries, start=1):
        if kind == "countries":
            check_keys(entry, path, index, {"code", "names"},
                       {"code", "name", "names", "adjectives", "people", "capitals",
                        "ambiguous_capitals", "ambiguous_names"})
            country = _code(entry["code"], path, index)
            name = entry.get("name") or as_list(entry["names"])[0]
            skip = {s.lower() for s in as_list(entry.get("ambiguous_capitals")) + as_list(entry.get("ambiguous_names"))}
            for field, what in (("names", "name"), ("adjectives", "adjective"),
                                ("people", "people"), ("capitals", "capital")):
                for phrase in as_list(entry.get(field)):
                    if phrase.lower() not in skip:
                        phrases[phrase] = ActorEntry(what, name, country=country)
        elif kind == "agents":
            check_keys(entry, path, index, {"code", "nouns"}, {"code", "label", "nouns"})
            sector = _code(entry["code"], path, index)
            for phrase in as_list(entry["nouns"]):
                phrases[phrase] = ActorEntry("agent", entry.get("label") or phrase, sector=sector)
        elif kind == "igos":
            check_keys(entry, path, index, {"code", "names"}, {"code", "country", "sector", "names"})
            names = as_list(entry["names"])
            for phrase in names:
                phrases[phrase] = ActorEntry("igo", names[0], country=entry.get("country") or "IGO",
                                             sector=entry.get("sector"), code=str(entry["code"]))
        else:
            check_keys(entry, path, index, {"names"}, {"names", "country", "sector", "note", "code"})
            names = as_list(entry["names"])
            country = _code(entry["country"], path, index) if entry.get("country") else None
            sector = _code(entry["sector"], path, index) if entry.get("sector") else None
            for phrase in names:
                phrases[phrase] = ActorEntry("group", names[0], country=country, sector=sector,
                                             code=entry.get("code"))


def _code(value: object, path: str, index: int) -> str:
    code = str(value)
    if not (code.isalpha() and code.isupper() and 2 <= len(code) <= 6):
        raise SitrepError("E102", path=path, index=index, reason=f"'{code}' is not an upper-case code")
    return code
