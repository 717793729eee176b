"""Reading events back: filters, summaries and exports."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import SitrepError
from ..model import json_line
from ..ontology import cameo_codes
from ..outputs import written_whole
from .duckdb_store import Store, records_of

FORMATS = ("csv", "jsonl", "parquet")


@dataclass
class EventQuery:
    """Filters over the events table; every filter is optional and they combine with AND."""

    date_from: str | None = None
    date_to: str | None = None
    countries: list[str] = field(default_factory=list)  # source or target country
    actors: list[str] = field(default_factory=list)  # source or target code, prefix match ("IRQ" finds IRQMIL)
    roots: list[str] = field(default_factory=list)  # CAMEO roots ("19")
    text: str | None = None  # words in the sentence, case-insensitive
    factuality: list[str] = field(default_factory=list)
    limit: int | None = None

    def sql(self) -> tuple[str, list[Any]]:
        where, params = [], []
        if self.date_from:
            where.append("date >= CAST(? AS DATE)")
            params.append(self.date_from)
        if self.date_to:
            where.append("date <= CAST(? AS DATE)")
            params.append(self.date_to)
        if self.countries:
            marks = ", ".join("?" * len(self.countries))
            where.append(f"(source_country IN ({marks}) OR target_country IN ({marks}))")
            params += [c.upper() for c in self.countries] * 2
        if self.actors:
            clauses = []
            for actor in self.actors:
                clauses.append("(starts_with(source_code, ?) OR starts_with(target_code, ?))")
                params += [actor.upper()] * 2
            where.append("(" + " OR ".join(clauses) + ")")
        if self.roots:
            where.append(f"cameo_root IN ({', '.join('?' * len(self.roots))})")
            params += [r.zfill(2) for r in self.roots]
        if self.text:  # a plain substring: % and _ are the characters, not LIKE wildcards
            where.append("strpos(lower(sentence_text), lower(?)) > 0")
            params.append(self.text)
        if self.factuality:
            where.append(f"factuality IN ({', '.join('?' * len(self.factuality))})")
            params += self.factuality
        sql = "SELECT * FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY date NULLS LAST, doc_id, sentence, id"
        if self.limit:
            sql += f" LIMIT {int(self.limit)}"
        return sql, params

    def frame(self, store: Store) -> pd.DataFrame:
        frame = store.query(*self.sql())
        if "date" in frame:
            frame["date"] = frame["date"].astype(str).replace({"NaT": None, "None": None})
        return frame

    def records(self, store: Store) -> list[dict[str, Any]]:
        """Nested event records, as in the event contract."""
        return records_of(store.query(*self.sql()))


def joined(values: Any) -> str | None:
    """A list column as one CSV cell: ['military', 'legal'] -> 'military;legal'."""
    if values is None or isinstance(values, float) or values is pd.NA or not len(values):
        return None
    return ";".join(values)


def for_csv(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(plover_context=frame["plover_context"].map(joined, na_action="ignore"))


def export(store: Store, path: str | Path, fmt: str, query: EventQuery | None = None) -> int:
    """Write events to CSV, JSONL (nested records) or Parquet; returns the number written."""
    query = query or EventQuery()
    if fmt not in FORMATS:
        raise SitrepError("E302", format=fmt, choices=", ".join(FORMATS))
    with written_whole(path) as temporary:
        if fmt == "jsonl":
            records = query.records(store)
            with open(temporary, "w", encoding="utf-8") as handle:
                for record in records:
                    handle.write(json_line(record))
            return len(records)
        frame = query.frame(store)
        if fmt == "csv":
            for_csv(frame).to_csv(temporary, index=False)
        else:
            frame.to_parquet(temporary, index=False)
        return len(frame)


def summary(store: Store, top: int = 10) -> dict[str, pd.DataFrame]:
    """The commonest event codes and source-target dyads, for the closing view of a run."""
    codes = store.query(
        "SELECT cameo, count(*) AS events FROM events GROUP BY cameo ORDER BY events DESC, cameo LIMIT ?", [top])
    names = cameo_codes()
    codes.insert(1, "description", codes["cameo"].map(lambda c: names[c].name if c in names else ""))
    dyads = store.query(
        """SELECT source_code AS source, target_code AS target, count(*) AS events,
                  round(avg(goldstein), 1) AS mean_goldstein,
                  string_agg(DISTINCT cameo_root, ',' ORDER BY cameo_root) AS roots
           FROM events WHERE source_code IS NOT NULL AND target_code IS NOT NULL
           GROUP BY source_code, target_code ORDER BY events DESC, source, target LIMIT ?""",
        [top])
    factuality = store.query(
        "SELECT factuality, count(*) AS events FROM events GROUP BY factuality ORDER BY events DESC")
    return {"codes": codes, "dyads": dyads, "factuality": factuality}
