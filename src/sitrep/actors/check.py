"""``sitrep dict check``: what in the dictionaries contradicts itself.

- a **conflict**: one phrase defined with different meanings (country, sector or code) in
  two entries; the later file wins, and that may be meant (the project's files override
  the imported Phoenix ones) or not;
- a **duplicate**: one phrase defined twice with the same meaning;
- an **overlap**: one person or dated entry holding two different codes on the same day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from .dictionary import ActorDictionary, ActorEntry


@dataclass
class CheckReport:
    conflicts: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    overlaps: list[str] = field(default_factory=list)


def meaning(entry: ActorEntry) -> tuple:
    return entry.kind, entry.country, entry.sector, entry.code, entry.roles, entry.otherwise


def check(dictionary: ActorDictionary) -> CheckReport:
    report = CheckReport()
    seen_people: set[int] = set()
    for phrase, definitions in (dictionary.definitions or {}).items():
        for (path_a, index_a, a), (path_b, index_b, b) in zip(definitions, definitions[1:], strict=False):
            where = f"'{phrase}': {_short(path_a)} entry {index_a} and {_short(path_b)} entry {index_b}"
            if meaning(a) == meaning(b):
                if (path_a, index_a) != (path_b, index_b):
                    report.duplicates.append(where)
            else:
                report.conflicts.append(f"{where}: {_describe(a)} / {_describe(b)}")
        for path, index, entry in definitions:
            if entry.roles and id(entry) not in seen_people:
                seen_people.add(id(entry))
                for first, second in combinations(entry.roles, 2):
                    if _overlap(first, second) and (first.code or first.sector) != (second.code or second.sector):
                        report.overlaps.append(f"{entry.name} ({_short(path)} entry {index}): "
                                               f"{_role(first)} and {_role(second)}")
    return report


def _overlap(a, b) -> bool:
    if not (a.start or a.end) or not (b.start or b.end):
        return False
    a_start, b_start = a.start or a.end, b.start or b.end
    a_end, b_end = a.end or a.start, b.end or b.start
    return a_start < b_end and b_start < a_end


def _role(role) -> str:
    return f"{role.code or (role.country or '') + role.sector} {role.start or '...'}..{role.end or '...'}"


def _describe(entry: ActorEntry) -> str:
    return f"{entry.kind} {entry.code or ((entry.country or '') + (entry.sector or '')) or '-'}"


def _short(path: str) -> str:
    return path.split("/sitrep/actors/data/")[-1]
