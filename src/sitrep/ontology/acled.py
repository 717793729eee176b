"""ACLED event types from CAMEO codes, with the civilian-target rule; the table is ``data/acled.yaml``."""

from __future__ import annotations

from functools import cache
from importlib import resources

from ..data_files import load_yaml


@cache
def _table() -> tuple[frozenset[str], list[dict]]:
    text = resources.files("sitrep.ontology").joinpath("data/acled.yaml").read_text(encoding="utf-8")
    data = load_yaml(text)
    mappings = sorted(data["mappings"], key=lambda m: -len(str(m["cameo"])))
    return frozenset(data["civilian_sectors"]), mappings


def acled_type(cameo: str, target_sector: str | None = None) -> dict[str, str] | None:
    """{"event_type", "sub_event_type"} for a CAMEO code, or None when ACLED has no such event."""
    civilian, mappings = _table()
    for mapping in mappings:
        if cameo.startswith(str(mapping["cameo"])):
            chosen = mapping
            if target_sector in civilian and mapping.get("civilian_target"):
                chosen = mapping["civilian_target"]
            return {"event_type": chosen["event_type"], "sub_event_type": chosen["sub_event_type"]}
    return None
