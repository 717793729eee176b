"""ACLED event types from CAMEO codes, from ``data/acled.yaml``.

Per event: the code, refined by a civilian target (an attack on civilians) or a
civilian doer (mob violence). Per report: a protest whose own protesters turn
violent is a violent demonstration.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ..data_files import package_yaml


@cache
def _table() -> dict[str, Any]:
    data = package_yaml("sitrep.ontology", "acled.yaml")
    data["mappings"] = sorted(data["mappings"], key=lambda m: -len(str(m["cameo"])))
    data["civilian_sectors"] = frozenset(data["civilian_sectors"])
    return data


def acled_type(cameo: str, target_sector: str | None = None, source_sector: str | None = None
               ) -> dict[str, str] | None:
    """{"event_type", "sub_event_type"} for a CAMEO code, or None when ACLED has no such event."""
    table = _table()
    civilian = table["civilian_sectors"]
    for mapping in table["mappings"]:
        if cameo.startswith(str(mapping["cameo"])):
            chosen = mapping
            if target_sector in civilian and mapping.get("civilian_target"):
                chosen = mapping["civilian_target"]
            elif source_sector in civilian and mapping.get("civilian_source"):
                chosen = mapping["civilian_source"]
            return {"event_type": chosen["event_type"], "sub_event_type": chosen["sub_event_type"]}
    return None


def violent_protests(events: list) -> None:
    """Retype, in place, the protests of one report whose own protesters also turned violent."""
    table = _table()
    violent = tuple(table["violent_acts"])
    doers = {_doer(e) for e in events if e.cameo.startswith(violent) and _doer(e)}
    for event in events:
        if event.cameo_root == "14" and _doer(event) in doers:
            event.acled = dict(table["violent_protest"])


def _doer(event: Any) -> str | None:
    """Who acted, for matching within one report: the code, else the words."""
    if event.source is None:
        return None
    return event.source.code or event.source.text.lower()
