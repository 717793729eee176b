"""The bundled demo corpus codes end to end and gives the events an analyst looks for."""

from pathlib import Path

from sitrep.ingest import read_inputs

DEMO = Path(__file__).resolve().parents[1] / "demo" / "iraq_2008.jsonl"


def test_demo_corpus_codes_without_rejects_and_finds_the_basra_offensive(coder):
    coded = list(coder.pipe(read_inputs([DEMO])))
    assert len(coded) == 50 and not [c for c in coded if c.error]
    events = [e for c in coded for e in c.events]
    basra = [e for e in events if e.doc_id == "iraq2008-004" and e.cameo_root == "19"]
    assert any(e.source and e.source.code == "IRQMIL" and e.target and e.target.sector == "PRM" for e in basra)
    # Iran's denials are coded; Iran arming militias is never asserted, only reported
    iran = [e for e in events if e.source and e.source.country == "IRN"]
    assert any(e.cameo == "016" for e in iran)
    assert not [e for e in iran if e.cameo_root == "07" and e.factuality == "asserted"]
    assert {e.date for e in events} <= {c.date for c in coded}
