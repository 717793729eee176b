"""CAMEO codes with their QuadClass, Goldstein weight and PLOVER mapping.

The table ``data/cameo.tsv`` is built from the CAMEO codebook and the
CAMEO-to-PLOVER table by ``scripts/build_cameo_table.py``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    quad_class: int
    goldstein: float
    plover_type: str | None
    plover_mode: str | None
    plover_context: tuple[str, ...]

    @property
    def root(self) -> str:
        return self.code[:2]

    def plover(self) -> dict | None:
        """The PLOVER part of an event record; None for statements, which PLOVER does not code."""
        if not self.plover_type:
            return None
        return {"type": self.plover_type, "mode": self.plover_mode, "context": list(self.plover_context)}


@cache
def cameo_codes() -> dict[str, CameoCode]:
    table = resources.files("sitrep.ontology").joinpath("data/cameo.tsv").read_text(encoding="utf-8")
    codes = {}
    for row in csv.DictReader(table.splitlines(), delimiter="\t"):
        codes[row["code"]] = CameoCode(
            code=row["code"],
            name=row["name"],
            quad_class=int(row["quad_class"]),
            goldstein=float(row["goldstein"]),
            plover_type=row["plover_type"] or None,
            plover_mode=row["plover_mode"] or None,
            plover_context=tuple(c for c in row["plover_context"].split(";") if c),
        )
    return codes


def cameo(code: str) -> CameoCode:
    """The codebook entry for ``code``; KeyError names the code when it is not CAMEO."""
    try:
        return cameo_codes()[code]
    except KeyError:
        raise KeyError(f"'{code}' is not a CAMEO event code") from None


def pentaclass(root: str) -> int:
    """ConfliBERT's five classes: 0 statements (01-02), 1 verbal cooperation, 2 material
    cooperation, 3 verbal conflict, 4 material conflict."""
    number = int(root)
    return 0 if number <= 2 else 1 if number <= 5 else 2 if number <= 8 else 3 if number <= 13 else 4
