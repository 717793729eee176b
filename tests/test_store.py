"""The DuckDB store: writes, re-coding replaces, filters, exports."""

import json

import pandas as pd
import pytest

from sitrep.model import Actor, CodedDocument, Document, Event, Reject, Span
from sitrep.store import EventQuery, Store
from sitrep.store.query import export, summary


def event(doc_id, index, cameo="190", source="IRQMIL", target="IRQPRM", date="2008-03-25", text="clashed"):
    return Event(
        id=f"{doc_id}:0:{index}", doc_id=doc_id, sentence=0, sentence_text=f"Troops {text} with militiamen.",
        trigger=Span(text, 7, 7 + len(text)),
        source=Actor("Iraqi troops", 0, 12, source, source[:3], source[3:] or None),
        target=Actor("militiamen", 20, 30, target, target[:3], target[3:] or None) if target else None,
        cameo=cameo, cameo_root=cameo[:2], quad_class=4, goldstein=-10.0,
        plover={"type": "ASSAULT", "mode": None, "context": ["military"]}, rule=f"verb:clash+with -> {cameo}",
        acled={"event_type": "Battles", "sub_event_type": "Armed clash"}, date=date, date_precision="document")


def coded(doc_id, events, date="2008-03-25"):
    return CodedDocument(id=doc_id, date=date, events=events, sentences=1,
                         document=Document(id=doc_id, text="Troops clashed with militiamen.", date=date))


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "test.duckdb") as store:
        yield store


def test_write_and_read_back_nested_records(store):
    store.write([coded("d1", [event("d1", 0)])])
    [record] = EventQuery().records(store)
    assert record["source"]["code"] == "IRQMIL" and record["target"]["sector"] == "PRM"
    assert record["plover"] == {"type": "ASSAULT", "mode": None, "context": ["military"]}
    assert record["date"] == "2008-03-25" and record["location"] is None


def test_coding_a_document_again_replaces_its_events(store):
    store.write([coded("d1", [event("d1", 0), event("d1", 1)])])
    store.write([coded("d1", [event("d1", 0, cameo="193")])])
    assert store.counts() == {"documents": 1, "events": 1, "rejects": 0}
    assert EventQuery().frame(store)["cameo"].tolist() == ["193"]


def test_rejects_are_stored_and_cleared_when_the_document_is_coded(store):
    reject = Reject(id="d2", origin="in.jsonl:2", code="E205", reason="[E205] line is not valid JSON")
    store.write([CodedDocument(id="d2", date=None, error=reject.reason, reject=reject)])
    assert store.counts()["rejects"] == 1
    store.write([coded("d2", [])])
    assert store.counts() == {"documents": 1, "events": 0, "rejects": 0}


def test_filters_combine(store):
    store.write([coded("d1", [event("d1", 0), event("d1", 1, cameo="057", source="IRNGOV", target="IRQ")]),
                 coded("d2", [event("d2", 0, date="2008-04-20", text="shelled")], date="2008-04-20")])
    ids = lambda **kw: EventQuery(**kw).frame(store)["id"].tolist()  # noqa: E731
    assert ids(roots=["19"]) == ["d1:0:0", "d2:0:0"]
    assert ids(actors=["IRN"]) == ["d1:0:1"]
    assert ids(countries=["irn"]) == ["d1:0:1"]
    assert ids(date_from="2008-04-01") == ["d2:0:0"]
    assert ids(date_to="2008-03-31", roots=["05"]) == ["d1:0:1"]
    assert ids(text="SHELLED") == ["d2:0:0"]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_formats(store, tmp_path, fmt):
    store.write([coded("d1", [event("d1", 0), event("d1", 1, target=None)])])
    path = tmp_path / f"events.{fmt}"
    assert export(store, path, fmt) == 2
    if fmt == "csv":
        frame = pd.read_csv(path)
        assert frame["source_code"].tolist() == ["IRQMIL", "IRQMIL"] and frame["plover_context"][0] == "military"
    elif fmt == "parquet":
        assert pd.read_parquet(path)["cameo"].tolist() == ["190", "190"]
    else:
        records = [json.loads(line) for line in path.read_text().splitlines()]
        assert records[1]["target"] is None and records[0]["trigger"]["text"] == "clashed"


def test_summary_counts_codes_and_dyads(store):
    store.write([coded("d1", [event("d1", 0), event("d1", 1), event("d1", 2, cameo="057", source="IRNGOV")])])
    parts = summary(store)
    assert parts["codes"].iloc[0].to_dict() == {"cameo": "190", "description": "Use conventional military force",
                                                "events": 2}
    assert parts["dyads"].iloc[0][["source", "target", "events"]].tolist() == ["IRQMIL", "IRQPRM", 2]
