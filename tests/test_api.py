"""The Python API: sitrep.code, Coder, DataFrames."""

import sitrep
from sitrep.model import EVENT_COLUMNS


def test_code_returns_event_records():
    events = sitrep.code("Iraqi troops clashed with Mahdi Army fighters in Basra.", date="2008-03-25")
    assert events[0].source.code == "IRQMIL" and events[0].date == "2008-03-25"
    record = events.to_dicts()[0]
    assert set(record) >= {"id", "doc_id", "sentence", "sentence_text", "trigger", "source", "target", "cameo",
                           "cameo_root", "quad_class", "goldstein", "plover", "acled", "date", "date_precision",
                           "location", "factuality", "attribution", "fatalities", "rule", "confidence"}
    assert record["location"] is None and record["fatalities"] is None


def test_events_to_dataframe_in_one_call(coder):
    frame = coder.code("Iraqi and US forces raided a house in Sadr City.").to_dataframe()
    assert list(frame.columns) == list(EVENT_COLUMNS)
    assert sorted(frame["source_code"]) == ["IRQMIL", "USAMIL"]


def test_coder_pipe_keeps_input_order_and_passes_rejects(coder):
    docs = [sitrep.Document(id=f"d{i}", text=t) for i, t in enumerate(["Rebels shelled the town.", "Calm."])]
    reject = sitrep.Reject(id="bad", origin="x", code="E201", reason="[E201] document is empty")
    out = list(coder.pipe([docs[0], reject, docs[1]]))
    assert [c.id for c in out] == ["d0", "bad", "d1"]
    assert out[1].error.startswith("[E201]") and out[0].events and not out[2].events


def test_a_document_that_fails_to_code_becomes_a_reject_and_the_batch_goes_on(coder, monkeypatch):
    original = coder.events

    def fail_on_second(parsed, document, *rest):
        if document.id == "d1":
            raise ValueError("simulated failure")
        return original(parsed, document, *rest)

    monkeypatch.setattr(coder, "events", fail_on_second)
    docs = [sitrep.Document(id=f"d{i}", text="Rebels shelled the town.") for i in range(3)]
    out = list(coder.pipe(docs))
    assert [(c.id, bool(c.events)) for c in out] == [("d0", True), ("d1", False), ("d2", True)]
    assert out[1].reject.code == "E213" and "simulated failure" in out[1].error


def test_code_files_is_what_the_cli_runs(coder, tmp_path):
    from sitrep.store import Store

    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "text": "Rebels shelled the town."}\n{"id": "b", "text": ""}\n')
    seen = []
    with Store(tmp_path / "t.duckdb") as store:
        summary = sitrep.code_files([path], coder, store=store, on_document=seen.append)
        assert store.counts() == {"documents": 1, "events": 1, "rejects": 1}
    assert (summary.documents, summary.events, [r.code for r in summary.rejects]) == (1, 1, ["E201"])
    assert [c.id for c in seen] == ["a", "b"]
