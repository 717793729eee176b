"""DuckDB tables for documents, events, rejects and runs.

How the store keeps everything:

- A document is keyed by its id; coding the same id again replaces its events. A reject
  is keyed by its origin (file and line, row or item), never by a document id, so no
  reject can remove a coded document.
- Every batch is one transaction, checked before it commits: the rows it wrote are
  counted against what the batch held.
- A connection is opened per batch and per query and closed right after, so other
  processes can read between a writer's batches. DuckDB lets one process write or
  several read at a time; whoever finds the file locked retries for a while. A second
  writer is refused at once by a lock file held for the whole run.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import SitrepError
from ..model import EVENT_COLUMNS, CodedDocument, Reject, flatten, unflatten

SCHEMA_VERSION = 2
READ_TIMEOUT = 30.0  # seconds a reader waits for a writer's batch to finish
WRITE_TIMEOUT = 300.0  # seconds a writer waits for readers to finish their queries

_TYPES = {
    "sentence": "INTEGER", "trigger_start": "INTEGER", "trigger_end": "INTEGER",
    "source_start": "INTEGER", "source_end": "INTEGER", "target_start": "INTEGER", "target_end": "INTEGER",
    "quad_class": "INTEGER", "goldstein": "DOUBLE", "plover_context": "VARCHAR[]", "date": "DATE",
    "location_lat": "DOUBLE", "location_lon": "DOUBLE", "location_geonameid": "BIGINT",
    "fatalities": "INTEGER", "confidence": "DOUBLE", "source_confidence": "DOUBLE", "target_confidence": "DOUBLE",
}
_ARROW = {"INTEGER": pa.int32(), "DOUBLE": pa.float64(), "VARCHAR[]": pa.list_(pa.string()),
          "DATE": pa.string(), "BIGINT": pa.int64(), "VARCHAR": pa.string()}

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS documents (
    id VARCHAR PRIMARY KEY, date DATE, source VARCHAR, url VARCHAR, title VARCHAR,
    text VARCHAR, origin VARCHAR, sentences INTEGER, events INTEGER, coded_at TIMESTAMP,
    content_hash VARCHAR, coder VARCHAR, run_id VARCHAR);
CREATE TABLE IF NOT EXISTS events (
    {", ".join(f"{c} {_TYPES.get(c, 'VARCHAR')}" + (" PRIMARY KEY" if c == "id" else "") for c in EVENT_COLUMNS)});
CREATE TABLE IF NOT EXISTS rejects (
    origin VARCHAR PRIMARY KEY, id VARCHAR, code VARCHAR, reason VARCHAR, skipped BOOLEAN,
    run_id VARCHAR, rejected_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS runs (
    id VARCHAR PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP, status VARCHAR, inputs VARCHAR,
    coder VARCHAR, documents INTEGER, events INTEGER, rejects INTEGER, skipped INTEGER, resumed INTEGER);
"""
_EVENT_SCHEMA = pa.schema([(c, _ARROW[_TYPES.get(c, "VARCHAR")]) for c in EVENT_COLUMNS])
_DUCKDB_MAGIC = b"DUCK"  # bytes 8-11 of every DuckDB database file


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def check_database_path(path: str, option: str = "--db") -> None:
    """Refuse, before anything is written, a path that cannot or must not become a database."""
    target = Path(path)
    if target.is_dir():
        raise SitrepError("E306", option=option, path=path)
    folder = target.parent
    if not folder.is_dir():
        raise SitrepError("E305", option=option, path=path, folder=folder)
    if target.exists():
        try:
            with open(target, "rb") as handle:
                head = handle.read(12)
        except OSError as exc:
            raise SitrepError("E304", option=option, path=path, reason=exc.strerror or exc) from None
        if head and head[8:12] != _DUCKDB_MAGIC:
            raise SitrepError("E304", option=option, path=path, reason="its first bytes are not DuckDB's")


def _connect(path: str, read_only: bool, timeout: float) -> duckdb.DuckDBPyConnection:
    """A connection, retrying while another process holds the file."""
    deadline = time.monotonic() + timeout
    delay = 0.02
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            reason = str(exc).split(". See also")[0]
            if "lock" not in reason.lower():
                raise SitrepError("E304", option="--db", path=path, reason=reason) from None
            if time.monotonic() >= deadline:
                raise SitrepError("E307", path=path, reason=reason, seconds=timeout) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


class Store:
    """``Store("sitrep.duckdb")``: write coded documents, read them back with ``EventQuery``."""

    def __init__(self, path: str | Path = "sitrep.duckdb", read_only: bool = False,
                 timeout: float | None = None) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.timeout = timeout if timeout is not None else (READ_TIMEOUT if read_only else WRITE_TIMEOUT)
        self._memory = duckdb.connect(":memory:") if self.path == ":memory:" else None
        if self._memory is None:
            if read_only and not Path(self.path).exists():
                raise SitrepError("E301", path=self.path)
            check_database_path(self.path)
        if not read_only:
            with self.connect() as con:
                _migrate(con, self.path)

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one batch or query, closed afterwards so other processes get their turn."""
        if self._memory is not None:
            yield self._memory
            return
        con = _connect(self.path, self.read_only, self.timeout)
        try:
            yield con
        finally:
            con.close()

    def query(self, sql: str, params: list[Any] | None = None):
        """A query's result as a DataFrame."""
        with self.connect() as con:
            return con.execute(sql, params or []).df()

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Held for a whole run: a second writer is refused at once with the first one's pid."""
        if self._memory is not None:
            yield
            return
        lock_path = self.path + ".lock"
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = os.read(fd, 32).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise SitrepError("E308", pid=pid, path=self.path) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        try:
            yield
        finally:
            try:
                os.unlink(lock_path)
            finally:
                os.close(fd)

    # -- writing --------------------------------------------------------------------------

    def write(self, coded: Iterable[CodedDocument], run_id: str | None = None) -> list[CodedDocument]:
        """Store a batch in one transaction and return what was stored.

        A document the database will not take (a value DuckDB refuses) is retried alone and,
        failing again, stored as a reject, so one bad record never loses the batch around it.
        Documents marked ``resumed`` are already stored and are not written again.
        """
        coded = list(coded)
        fresh = [c for c in coded if not c.resumed]
        if not fresh:
            return coded
        try:
            with self.connect() as con:
                _write(con, fresh, run_id)
            return coded
        except SitrepError:
            raise
        except Exception as exc:
            if len(fresh) > 1:
                stored = {id(c): self.write([c], run_id)[0] for c in fresh}
                return [stored.get(id(c), c) for c in coded]
            [item] = fresh
            if item.reject is not None:
                raise
            reject = Reject.coded(item.document.origin or item.id, "E230", item.id,
                                  reason=f"{type(exc).__name__}: {exc}")
            return self.write([CodedDocument.rejected(reject)], run_id)

    def begin_run(self, run_id: str, inputs: list[str], coder: str) -> None:
        """Record a run's start; called holding ``writing()``, so a run still marked running died."""
        with self.connect() as con:
            con.execute("UPDATE runs SET status = 'killed' WHERE status = 'running'")
            con.execute("INSERT INTO runs (id, started_at, status, inputs, coder) VALUES (?, ?, 'running', ?, ?)",
                        [run_id, _now(), " ".join(inputs), coder])

    def finish_run(self, run_id: str, status: str, totals: dict[str, int]) -> None:
        with self.connect() as con:
            con.execute("UPDATE runs SET finished_at = ?, status = ?, documents = ?, events = ?, rejects = ?, "
                        "skipped = ?, resumed = ? WHERE id = ?",
                        [_now(), status, totals.get("documents"), totals.get("events"), totals.get("rejects"),
                         totals.get("skipped"), totals.get("resumed"), run_id])

    # -- reading --------------------------------------------------------------------------

    def run_totals(self, run_id: str) -> dict[str, int]:
        """What the store holds from one run: documents and their events, rejects, skipped inputs."""
        with self.connect() as con:
            documents, events = con.execute(
                "SELECT count(*), coalesce(sum(events), 0) FROM documents WHERE run_id = ?", [run_id]).fetchone()
            stored_events = con.execute(
                "SELECT count(*) FROM events e JOIN documents d ON e.doc_id = d.id WHERE d.run_id = ?",
                [run_id]).fetchone()[0]
            rejects, skipped = con.execute(
                "SELECT count(*) FILTER (WHERE NOT skipped), count(*) FILTER (WHERE skipped) "
                "FROM rejects WHERE run_id = ?", [run_id]).fetchone()
        return {"documents": documents, "events": stored_events, "events_recorded": int(events),
                "rejects": rejects, "skipped": skipped}

    def done(self, documents: list, coder: str) -> set[str]:
        """Ids of the documents the store holds with the same content, coded by the same coder."""
        if not documents:
            return set()
        table = pa.table({"id": [d.id for d in documents], "content_hash": [d.content_hash() for d in documents]})
        with self.connect() as con:
            con.register("wanted", table)
            rows = con.execute("SELECT d.id FROM documents d JOIN wanted w ON d.id = w.id "
                               "AND d.content_hash = w.content_hash WHERE d.coder = ?", [coder]).fetchall()
            con.unregister("wanted")
        return {row[0] for row in rows}

    def stored(self, ids: list[str]) -> dict[str, tuple[int, list[dict[str, Any]]]]:
        """For each id: its sentence count and its event records, in text order."""
        if not ids:
            return {}
        with self.connect() as con:
            con.register("wanted", pa.table({"id": ids}))
            sentences = dict(con.execute(
                "SELECT id, sentences FROM documents WHERE id IN (SELECT id FROM wanted)").fetchall())
            frame = con.execute(
                "SELECT * FROM events WHERE doc_id IN (SELECT id FROM wanted) "
                "ORDER BY doc_id, sentence, CAST(regexp_extract(id, ':(\\d+)$', 1) AS INTEGER)").df()
            con.unregister("wanted")
        events: dict[str, list[dict[str, Any]]] = {doc_id: [] for doc_id in sentences}
        for row in records_of(frame):
            events[row["doc_id"]].append(row)
        return {doc_id: (sentences[doc_id] or 0, events[doc_id]) for doc_id in sentences}

    def counts(self) -> dict[str, int]:
        with self.connect() as con:
            return {table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                    for table in ("documents", "events", "rejects")}

    def close(self) -> None:
        if self._memory is not None:
            self._memory.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def records_of(frame) -> list[dict[str, Any]]:
    """Nested event records from rows of the events table."""
    if "date" in frame:
        frame["date"] = frame["date"].astype(str).replace({"NaT": None, "None": None})
    frame = frame.astype(object).where(lambda f: f.notna(), None)
    records = []
    for row in frame.to_dict("records"):
        if row.get("plover_context") is not None:
            row["plover_context"] = list(row["plover_context"])
        records.append(unflatten(row))
    return records


def _write(con: duckdb.DuckDBPyConnection, coded: list[CodedDocument], run_id: str | None) -> None:
    now = _now()
    docs = [c for c in coded if c.document is not None]
    rejects = list({c.reject.origin: c.reject for c in coded if c.reject is not None}.values())
    events = [flatten(e.to_dict()) for c in docs for e in c.events]
    doc_ids = pa.table({"id": [c.id for c in docs]})
    # A reject is replaced by a later reject of the same origin, or by the document later coded from it.
    origins = pa.table({"origin": [r.origin for r in rejects]})
    coded_origins = pa.table({"origin": [c.document.origin or c.id for c in docs]})
    con.execute("BEGIN TRANSACTION")
    try:
        con.register("batch_ids", doc_ids)
        con.register("batch_origins", origins)
        con.register("coded_origins", coded_origins)
        con.execute("DELETE FROM events WHERE doc_id IN (SELECT id FROM batch_ids)")
        con.execute("DELETE FROM documents WHERE id IN (SELECT id FROM batch_ids)")
        con.execute("DELETE FROM rejects WHERE origin IN (SELECT origin FROM batch_origins)")
        con.execute("DELETE FROM rejects WHERE origin IN (SELECT origin FROM coded_origins) "
                    "AND (CAST(? AS VARCHAR) IS NULL OR run_id IS DISTINCT FROM ?)", [run_id, run_id])
        if docs:
            con.register("batch_docs", pa.Table.from_pylist([{
                "id": c.id, "date": c.document.date, "source": c.document.source, "url": c.document.url,
                "title": c.document.title, "text": c.document.text, "origin": c.document.origin,
                "sentences": c.sentences, "events": len(c.events), "coded_at": now,
                "content_hash": c.document.content_hash(), "coder": c.coder, "run_id": run_id} for c in docs]))
            con.execute("INSERT INTO documents SELECT id, CAST(date AS DATE), source, url, title, text, origin, "
                        "sentences, events, coded_at, content_hash, coder, run_id FROM batch_docs")
        if events:
            con.register("batch_events", pa.Table.from_pylist(events, schema=_EVENT_SCHEMA))
            columns = ", ".join("CAST(date AS DATE)" if c == "date" else c for c in EVENT_COLUMNS)
            con.execute(f"INSERT INTO events SELECT {columns} FROM batch_events")
        if rejects:
            con.register("batch_rejects", pa.Table.from_pylist([{
                "origin": r.origin, "id": r.id, "code": r.code, "reason": r.reason, "skipped": r.skipped,
                "run_id": run_id, "rejected_at": now} for r in rejects]))
            con.execute("INSERT INTO rejects SELECT origin, id, code, reason, skipped, run_id, rejected_at "
                        "FROM batch_rejects")
        _check_batch(con, len(docs), len(events), len(rejects))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        for name in ("batch_ids", "batch_origins", "coded_origins", "batch_docs", "batch_events", "batch_rejects"):
            con.unregister(name)


def _check_batch(con: duckdb.DuckDBPyConnection, documents: int, events: int, rejects: int) -> None:
    """Count what the transaction wrote before it commits; a shortfall is a bug, not a reject."""
    stored = con.execute(
        "SELECT (SELECT count(*) FROM documents WHERE id IN (SELECT id FROM batch_ids)), "
        "(SELECT count(*) FROM events WHERE doc_id IN (SELECT id FROM batch_ids)), "
        "(SELECT count(*) FROM rejects r JOIN batch_origins o ON r.origin = o.origin)").fetchone()
    if stored != (documents, events, rejects):
        raise SitrepError("E309", what=f"a batch of {documents} documents, {events} events and {rejects} rejects "
                                       f"was stored as {stored[0]}, {stored[1]} and {stored[2]}")


def _migrate(con: duckdb.DuckDBPyConnection, path: str) -> None:
    """Create the tables, or bring a database from an earlier sitrep up to this schema."""
    tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    version = 1 if "documents" in tables else SCHEMA_VERSION
    if "meta" in tables:
        row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        version = int(row[0]) if row else version
    if version > SCHEMA_VERSION:
        raise SitrepError("E312", path=path, version=version, supported=SCHEMA_VERSION)
    con.execute("BEGIN TRANSACTION")
    if version == 1:  # release 0.1.0: rejects keyed by document id, documents without hashes
        con.execute("ALTER TABLE rejects RENAME TO rejects_v1")
        for column in ("content_hash", "coder", "run_id"):
            con.execute(f"ALTER TABLE documents ADD COLUMN IF NOT EXISTS {column} VARCHAR")
    con.execute(SCHEMA)
    present = {row[0] for row in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'").fetchall()}
    for column in EVENT_COLUMNS:  # fields added to the event record since the store was made
        if column not in present:
            con.execute(f"ALTER TABLE events ADD COLUMN {column} {_TYPES.get(column, 'VARCHAR')}")
    if version == 1:
        con.execute("INSERT INTO rejects SELECT origin, any_value(id), any_value(code), any_value(reason), false, "
                    "NULL, max(rejected_at) FROM rejects_v1 WHERE origin IS NOT NULL GROUP BY origin")
        con.execute("DROP TABLE rejects_v1")
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
    con.execute("COMMIT")
