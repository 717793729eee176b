"""DuckDB tables for documents, events and rejects; writes replace a document's earlier results."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from ..model import EVENT_COLUMNS, CodedDocument, flatten

_TYPES = {
    "sentence": "INTEGER", "trigger_start": "INTEGER", "trigger_end": "INTEGER",
    "source_start": "INTEGER", "source_end": "INTEGER", "target_start": "INTEGER", "target_end": "INTEGER",
    "quad_class": "INTEGER", "goldstein": "DOUBLE", "plover_context": "VARCHAR[]", "date": "DATE",
    "location_lat": "DOUBLE", "location_lon": "DOUBLE", "location_geonameid": "BIGINT",
    "fatalities": "INTEGER", "confidence": "DOUBLE",
}
_ARROW = {"INTEGER": pa.int32(), "DOUBLE": pa.float64(), "VARCHAR[]": pa.list_(pa.string()),
          "DATE": pa.string(), "BIGINT": pa.int64(), "VARCHAR": pa.string()}

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS documents (
    id VARCHAR PRIMARY KEY, date DATE, source VARCHAR, url VARCHAR, title VARCHAR,
    text VARCHAR, origin VARCHAR, sentences INTEGER, events INTEGER, coded_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS events (
    {", ".join(f"{c} {_TYPES.get(c, 'VARCHAR')}" + (" PRIMARY KEY" if c == "id" else "") for c in EVENT_COLUMNS)});
CREATE TABLE IF NOT EXISTS rejects (
    id VARCHAR, origin VARCHAR, code VARCHAR, reason VARCHAR, rejected_at TIMESTAMP);
"""
_EVENT_SCHEMA = pa.schema([(c, _ARROW[_TYPES.get(c, "VARCHAR")]) for c in EVENT_COLUMNS])


class Store:
    """``Store("sitrep.duckdb")``: write coded documents, read them back with ``EventQuery``."""

    def __init__(self, path: str | Path = "sitrep.duckdb", read_only: bool = False) -> None:
        self.path = str(path)
        self.con = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            self.con.execute(SCHEMA)

    def write(self, coded: Iterable[CodedDocument]) -> None:
        """Store a batch; a document coded again replaces its earlier events, rejects replace too."""
        coded = list(coded)
        if not coded:
            return
        now = datetime.now(UTC).replace(tzinfo=None)
        ids = pa.table({"id": [c.id for c in coded]})
        docs = [c for c in coded if c.document is not None]
        rejects = [c.reject for c in coded if c.reject is not None]
        events = [flatten(e.to_dict()) for c in docs for e in c.events]
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            con.register("batch_ids", ids)
            con.execute("DELETE FROM events WHERE doc_id IN (SELECT id FROM batch_ids)")
            con.execute("DELETE FROM rejects WHERE id IN (SELECT id FROM batch_ids)")
            con.execute("DELETE FROM documents WHERE id IN (SELECT id FROM batch_ids)")
            con.unregister("batch_ids")
            if docs:
                doc_table = pa.Table.from_pylist([{
                    "id": c.id, "date": c.document.date, "source": c.document.source, "url": c.document.url,
                    "title": c.document.title, "text": c.document.text, "origin": c.document.origin,
                    "sentences": c.sentences, "events": len(c.events), "coded_at": now} for c in docs])
                con.register("batch_docs", doc_table)
                con.execute("INSERT INTO documents SELECT id, CAST(date AS DATE), source, url, title, text, "
                            "origin, sentences, events, coded_at FROM batch_docs")
                con.unregister("batch_docs")
            if events:
                con.register("batch_events", pa.Table.from_pylist(events, schema=_EVENT_SCHEMA))
                columns = ", ".join("CAST(date AS DATE)" if c == "date" else c for c in EVENT_COLUMNS)
                con.execute(f"INSERT INTO events SELECT {columns} FROM batch_events")
                con.unregister("batch_events")
            if rejects:
                con.register("batch_rejects", pa.Table.from_pylist([{
                    "id": r.id, "origin": r.origin, "code": r.code, "reason": r.reason, "rejected_at": now}
                    for r in rejects]))
                con.execute("INSERT INTO rejects SELECT id, origin, code, reason, rejected_at FROM batch_rejects")
                con.unregister("batch_rejects")
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise

    def counts(self) -> dict[str, int]:
        return {table: self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("documents", "events", "rejects")}

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
