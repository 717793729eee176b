"""People with roles bounded in time: who held which office when.

A person file (``actors/data/people/*.yaml``, or any user file whose entries
have ``roles``) lists each person once, with every name a report uses and the
offices they held:

```yaml
- names: [Nouri al-Maliki, Nuri al-Maliki, al-Maliki, Maliki]
  country: IRQ
  roles:
    - {office: prime minister, sector: GOV, from: 2006-05-20, to: 2014-09-08}
    - {office: vice president, sector: GOV, from: 2014-09-09, to: 2018-10-02}
  otherwise: ELI     # the sector outside every role: a former (or future) official
  source: Iraqi government; Wikipedia "Nouri al-Maliki"
```

Dates are ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; a ``from`` of a month or
year starts on its first day and a ``to`` ends on its last. A missing ``to``
means the role still holds. The role that applies is the one whose dates hold
the document's date.
"""

from __future__ import annotations

import calendar
import re
from datetime import date as Date
from typing import NamedTuple

from ..data_files import as_list, check_keys, upper_code
from ..errors import SitrepError

OFFICES = ("head of state", "president", "vice president", "king", "queen", "emir", "sultan", "supreme leader",
           "regional president", "regional prime minister", "head of government", "prime minister",
           "deputy prime minister", "chancellor", "foreign minister", "defence minister", "interior minister",
           "finance minister", "minister", "speaker", "legislator", "party leader", "opposition leader",
           "military commander", "chief of staff", "intelligence chief", "police chief", "judge",
           "militia leader", "rebel leader", "insurgent leader", "cleric", "secretary-general", "official")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class Role(NamedTuple):
    office: str
    sector: str
    start: Date | None  # None: open bound
    end: Date | None
    country: str | None = None  # when the office is in another state or body than the person's own
    code: str | None = None  # a full CAMEO code, for entries imported from PETRARCH dictionaries

    def holds(self, day: Date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def role_on(roles: tuple[Role, ...], day: Date | None) -> Role | None:
    """The role that holds on ``day``, the latest starting first. A document without a date says
    nothing of when it was written, so a person is coded by their latest role: the office that
    made them news is a better guess than "former official"."""
    if day is None:
        return max(roles, key=lambda r: r.start or Date.min) if roles else None
    holding = [role for role in roles if role.holds(day)]
    return max(holding, key=lambda r: r.start or Date.min) if holding else None


def parse_day(value: object, *, end: bool, where: str) -> Date | None:
    """A role bound: YYYY-MM-DD, YYYY-MM or YYYY (the first or, for ``end``, the last day it covers)."""
    if value in (None, ""):
        return None
    if isinstance(value, Date):
        return value
    found = _DATE.fullmatch(str(value))
    if not found:
        raise ValueError(f"{where}: '{value}' is not YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = int(found.group(1)), found.group(2), found.group(3)
    if day:
        return Date(year, int(month), int(day))
    if month:
        month = int(month)
        return Date(year, month, calendar.monthrange(year, month)[1] if end else 1)
    return Date(year, 12, 31) if end else Date(year, 1, 1)


def parse_roles(entry: dict, path: str, index: int) -> tuple[Role, ...]:
    roles = []
    for number, raw in enumerate(entry.get("roles") or [], start=1):
        where = f"role {number}"
        if not isinstance(raw, dict):
            raise SitrepError("E102", path=path, index=index, reason=f"{where} is not a mapping")
        check_keys(raw, path, index, {"sector"}, {"office", "sector", "from", "to", "country"})
        try:
            start = parse_day(raw.get("from"), end=False, where=where)
            end = parse_day(raw.get("to"), end=True, where=where)
        except ValueError as exc:
            raise SitrepError("E102", path=path, index=index, reason=str(exc)) from None
        if start and end and end < start:
            raise SitrepError("E102", path=path, index=index, reason=f"{where} ends before it starts")
        roles.append(Role(office=str(raw.get("office") or "official"), sector=upper_code(raw["sector"], path, index),
                          start=start, end=end,
                          country=upper_code(raw["country"], path, index) if raw.get("country") else None))
    return tuple(roles)


def check_person(entry: dict, path: str, index: int) -> None:
    check_keys(entry, path, index, {"names", "roles"}, {"names", "country", "roles", "otherwise", "source", "note"})
    if not as_list(entry["names"]):
        raise SitrepError("E102", path=path, index=index, reason="no names")
    if not entry.get("source"):
        raise SitrepError("E102", path=path, index=index, reason="no source: say where the roles come from")


# Codes whose next three letters name the body, not a sector: IGOUNOKID is the UN's children's fund.
NON_STATE = {"IGO", "NGO", "IMG", "MNC", "UIS"}
# Sectors of the state's own bodies: the government, armed forces, police, courts, parliament, spies.
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}


# Bodies that the country field names as if they were states (igos.yaml): the UN and the EU.
BLOCS = {"UNO", "EUR"}


def split_code(code: str) -> tuple[str, str | None]:
    """A full CAMEO code as (country, sector): IRQGOVAGR -> (IRQ, GOV), IGOUNOKID -> (UNO, KID),
    IGOWSTNAT -> (IGO, NAT)."""
    country, rest = code[:3], code[3:]
    if country not in NON_STATE:
        return country, rest[:3] or None
    if country == "IGO" and rest[:3] in BLOCS:
        country = rest[:3]
    return country, rest[3:6] or None
