"""Who held an office on a day: "the prime minister" in a 2008 story about Iraq is Nouri al-Maliki.

Built from the people in the dictionary (their dated roles) and ``offices.yaml``
(the titles that name each office).
"""

from __future__ import annotations

from datetime import date as Date

from ..data_files import as_list, package_yaml
from .dictionary import ActorDictionary, ActorEntry
from .people import Role


class OfficeHolders:
    def __init__(self, dictionary: ActorDictionary) -> None:
        self.titles: dict[str, tuple[str, ...]] = {}
        for entry in package_yaml("sitrep.actors", "offices.yaml"):
            for title in as_list(entry["titles"]):
                self.titles[title] = tuple(as_list(entry["offices"]))
        wanted = {office for offices in self.titles.values() for office in offices}
        self.terms: dict[tuple[str, str], list[tuple[Role, ActorEntry]]] = {}
        seen: set[tuple] = set()
        for person in dictionary.phrases.values():
            if person.kind != "person" or person.roles == () or (person.name, person.roles) in seen:
                continue
            seen.add((person.name, person.roles))
            for role in person.roles:
                country = role.country or person.country
                if role.office in wanted and country:
                    self.terms.setdefault((country, role.office), []).append((role, person))

    def holder(self, country: str, title: str, day: Date | None) -> ActorEntry | None:
        """The one person who held the office ``title`` names in ``country`` on ``day`` (today when
        None); None when no one or more than one did."""
        day = day or Date.today()
        for office in self.titles.get(title.lower(), ()):
            holding = {person.name: person for role, person in self.terms.get((country, office), ())
                       if role.holds(day)}
            if holding:
                return next(iter(holding.values())) if len(holding) == 1 else None
        return None
