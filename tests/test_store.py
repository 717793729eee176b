"""The DuckDB store: writes, re-coding replaces, filters, exports."""

import json

import pandas as pd
import pytest

from sitrep.errors import SitrepError
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


def coded(doc_id, events, date="2008-03-25", origin=None):
    return CodedDocument(id=doc_id, date=date, events=events, sentences=1,
                         document=Document(id=doc_id, text="Troops clashed with militiamen.", date=date,
                                           origin=origin or f"in.jsonl:{doc_id}"))


def rejected(origin, doc_id=None, code="E205"):
    return CodedDocument.rejected(Reject(id=doc_id or origin, origin=origin, code=code, reason=f"[{code}] bad"))


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


def test_a_reject_is_cleared_when_its_line_codes_on_a_later_run(store):
    store.write([rejected("in.jsonl:2", "d2")])
    assert store.counts()["rejects"] == 1
    store.write([coded("d2", [], origin="in.jsonl:2")])
    assert store.counts() == {"documents": 1, "events": 0, "rejects": 0}


def test_a_reject_never_removes_a_coded_document_with_the_same_id(store):
    store.write([coded("d1", [event("d1", 0)])])
    store.write([rejected("later.jsonl:400", "d1", code="E207")])  # a duplicate id
    store.write([rejected("bad.jsonl:3", "d1", code="E206")])  # a malformed record carrying the id
    assert store.counts() == {"documents": 1, "events": 1, "rejects": 2}


def test_a_reject_of_the_same_origin_replaces_the_earlier_one(store):
    store.write([rejected("in.jsonl:2")])
    store.write([rejected("in.jsonl:2", code="E206")])
    assert store.query("SELECT origin, code FROM rejects").values.tolist() == [["in.jsonl:2", "E206"]]


def test_a_document_the_database_refuses_becomes_a_reject_and_its_batch_is_stored(store):
    bad = coded("d2", [event("d2", 0, date="2008-13-45")])  # a date DuckDB cannot cast
    stored = store.write([coded("d1", [event("d1", 0)]), bad, coded("d3", [])])
    assert [c.id for c in stored] == ["d1", "d2", "d3"]
    assert stored[1].reject.code == "E230" and stored[1].reject.origin == "in.jsonl:d2"
    assert store.counts() == {"documents": 2, "events": 1, "rejects": 1}


def test_a_store_from_release_0_1_0_is_migrated_and_keeps_its_rejects(tmp_path):
    import duckdb

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE documents (id VARCHAR PRIMARY KEY, date DATE, source VARCHAR, url VARCHAR, "
                "title VARCHAR, text VARCHAR, origin VARCHAR, sentences INTEGER, events INTEGER, coded_at TIMESTAMP)")
    con.execute("CREATE TABLE rejects (id VARCHAR, origin VARCHAR, code VARCHAR, reason VARCHAR, "
                "rejected_at TIMESTAMP)")
    con.execute("INSERT INTO documents VALUES ('d1', '2008-03-25', NULL, NULL, NULL, 'Text.', 'a.txt', 1, 0, now())")
    con.execute("INSERT INTO rejects VALUES ('x', 'in.jsonl:2', 'E205', '[E205] bad', now())")
    con.close()
    with Store(path) as store:
        assert store.counts() == {"documents": 1, "events": 0, "rejects": 1}
        store.write([rejected("in.jsonl:2", "d1")])
        assert store.counts() == {"documents": 1, "events": 0, "rejects": 1}


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "reports.jsonl"
    path.write_text('{"id": "a", "text": "One."}\n')
    with pytest.raises(SitrepError) as error:
        Store(path)
    assert error.value.code == "E304" and path.read_text() == '{"id": "a", "text": "One."}\n'


def test_filters_combine(store):
    store.write([coded("d1", [event("d1", 0), event("d1", 1, cameo="057", source="IRNGOV", target="IRQ")]),
                 coded("d2", [event("d2", 0, date="2008-04-20", text="shelled")], date="2008-04-20")])
    ids = lambda **kw: EventQuery(**kw).frame(store)["id"].tolist()  # noqa: E731
    assert ids(text="%") == [] and ids(text="_") == []  # plain characters, not LIKE wildcards
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
