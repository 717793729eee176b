"""A coding run: read every input, code it, store it, and account for every document.

``code_files`` is what ``sitrep code`` runs. It writes whole batches, one
transaction each, so a killed run leaves only whole batches behind; a rerun
skips the documents the store already holds (same id, same content, same
coder) and codes only the rest. The summary it returns is checked against
what the store holds from the run.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SitrepError
from ..ingest import DEFAULT_MAX_CHARS, read_inputs
from ..model import CodedDocument, Document, Event, Reject

if TYPE_CHECKING:
    from ..pipeline import Coder
    from ..store import Store


@dataclass
class RunSummary:
    """What a run did: counts, the rejects with their reasons, and how long it took."""

    documents: int = 0  # coded by this run
    resumed: int = 0  # already in the store from an earlier run, not coded again
    sentences: int = 0
    events: int = 0
    rejects: list[Reject] = field(default_factory=list)
    skipped: list[Reject] = field(default_factory=list)  # hidden files: reported, not errors
    seconds: float = 0.0
    run_id: str | None = None

    def add(self, coded: CodedDocument) -> None:
        if coded.reject is not None:
            (self.skipped if coded.reject.skipped else self.rejects).append(coded.reject)
        elif coded.resumed:
            self.resumed += 1
        else:
            self.documents += 1
            self.sentences += coded.sentences
            self.events += len(coded.events)


def code_files(inputs: Iterable[str | Path], coder: Coder, store: Store | None = None,
               on_document: Callable[[CodedDocument], None] | None = None,
               columns: dict[str, str] | None = None, max_chars: int = DEFAULT_MAX_CHARS,
               progress: Callable[[Iterator[CodedDocument]], Iterator[CodedDocument]] = iter,
               write_batch: int = 256, force: bool = False, stdin: bytes | str | None = None) -> RunSummary:
    """Read, code and store every input (``-`` is stdin); each coded document or reject goes to
    ``on_document`` in input order, after its batch is stored. ``force`` codes documents the
    store already holds again."""
    inputs = [str(item) for item in inputs]
    started = time.perf_counter()
    summary = RunSummary(run_id=uuid.uuid4().hex[:16])
    with store.writing() if store is not None else nullcontext():
        if store is not None:
            store.begin_run(summary.run_id, inputs, coder.fingerprint)
        status = "failed"
        try:
            records = read_inputs(inputs, columns=columns, max_chars=max_chars, stdin=stdin)
            stream = progress(_code(records, coder, store, force, on_document is not None, write_batch))
            while batch := list(islice(stream, write_batch)):
                if store is not None:
                    batch = store.write(batch, summary.run_id)
                for coded in batch:
                    summary.add(coded)
                    if on_document:
                        on_document(coded)
            status = "finished"
        except KeyboardInterrupt:
            status = "interrupted"
            raise
        finally:
            if store is not None:
                _close_run(store, summary, status)
    summary.seconds = time.perf_counter() - started
    return summary


def _code(records: Iterator[Document | Reject], coder: Coder, store: Store | None, force: bool,
          with_events: bool, size: int) -> Iterator[CodedDocument]:
    """Coded documents in input order; those the store already holds come from the store."""
    while chunk := list(islice(records, size)):
        documents = [r for r in chunk if isinstance(r, Document)]
        done = set() if force or store is None else store.done(documents, coder.fingerprint)
        stored = store.stored(sorted(done)) if done and with_events else {}
        coded = coder.pipe(r for r in chunk if not (isinstance(r, Document) and r.id in done))
        for record in chunk:
            if isinstance(record, Document) and record.id in done:
                sentences, events = stored.get(record.id, (0, []))
                yield CodedDocument(id=record.id, date=record.date, events=[Event.from_dict(e) for e in events],
                                    sentences=sentences, document=record, resumed=True)
            else:
                yield next(coded)


def _close_run(store: Store, summary: RunSummary, status: str) -> None:
    """Record the run's totals as the store holds them, and check them against the summary."""
    try:
        totals = store.run_totals(summary.run_id)
        store.finish_run(summary.run_id, status, {**totals, "resumed": summary.resumed})
    except Exception:
        if status == "finished":
            raise
        return  # the run is already failing; its own error is the one to report
    if status != "finished":
        return
    expected = {"documents": summary.documents, "events": summary.events, "rejects": len(summary.rejects),
                "skipped": len(summary.skipped)}
    held = {key: totals[key] for key in expected}
    if held != expected or totals["events_recorded"] != totals["events"]:
        differences = ", ".join(f"{key} {held[key]:,} stored, {expected[key]:,} coded"
                                for key in expected if held[key] != expected[key]) or "event counts disagree"
        raise SitrepError("E309", what=differences)
