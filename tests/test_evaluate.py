"""sitrep evaluate: the reference scorer's numbers, plus per-class tables."""

import importlib.util
import json

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.evaluate import evaluate, score_acled, score_quad


def quad_gold(i, cls, src=None, tgt=None):
    return {"id": f"q{i}", "text": "x", "expected": {"cameo_pentaclass": cls, "source_spans": src or [],
            "target_spans": tgt or [], "reciprocal_spans": [], "has_span_annotation": bool(src)}}


def event(root, source=None, target=None, acled=None):
    return {"cameo_root": root, "source": {"text": source} if source else None,
            "target": {"text": target} if target else None, "acled": acled}


def test_quad_takes_the_first_event_with_both_actors():
    gold = [quad_gold(0, 4, ["Iraqi troops"], ["militiamen"]), quad_gold(1, 0), quad_gold(2, 1)]
    predicted = {
        "q0": {"events": [event("01", "officials"), event("19", "Iraqi troops", "the militiamen")]},
        "q1": {"events": [event("01", "officials")]},  # no event with both: the first counts
        "q2": {"events": []},
    }
    report = score_quad(gold, predicted)
    assert report.metrics == {"docs": 3, "pentaclass_acc": 0.6667, "coded_share": 0.6667,
                              "source_span_acc": 1.0, "target_span_acc": 1.0,
                              "source_span_acc_ignoring_spaces": 1.0, "target_span_acc_ignoring_spaces": 1.0}

    assert report.pairs == [("4", "4"), ("0", "0"), ("1", "(none)")]
    assert "confusion" in report.render() and "precision" in report.render()


def test_spans_tokenized_with_spaces_count_when_spaces_are_ignored():
    gold = [quad_gold(0, 3, ["Israel"], ["Trump 's decision"])]
    report = score_quad(gold, {"q0": {"events": [event("11", "Israel", "Trump's decision")]}})
    assert report.metrics["target_span_acc"] == 0.0  # as the reference scorer counts it
    assert report.metrics["target_span_acc_ignoring_spaces"] == 1.0


def test_acled_type_and_per_class_table():
    gold = [{"id": "a", "text": "x", "expected": {"event_type": "Protests", "sub_event_type": "Peaceful protest",
                                                   "fatalities": 0}},
            {"id": "b", "text": "x", "expected": {"event_type": "Battles", "sub_event_type": "Armed clash",
                                                   "fatalities": 3}}]
    predicted = {"a": {"events": [event("14", acled={"event_type": "Protests", "sub_event_type": "Peaceful protest"})]},
                 "b": {"events": [event("01")]}}
    report = score_acled(gold, predicted)
    assert report.metrics["event_type_acc"] == 0.5 and report.metrics["sub_event_type_acc"] == 0.5
    assert report.metrics["fatalities_exact"] == 0.5
    assert dict((label, recall) for label, _, _, recall, _ in report.per_class()) == {"battles": 0.0,
                                                                                     "protests": 1.0}


def test_actors_task(tmp_path):
    path = tmp_path / "actors.jsonl"
    rows = [{"id": "1", "text": "Iraqi police", "expected": [{"code": "IRQ-COP", "country": "IRQ", "code_1": "COP"}]},
            {"id": "2", "text": "Saudi Arabia", "expected": [{"cc": "SAU"}]},
            {"id": "3", "text": "gunmen", "expected": [{"code": "-UAF", "country": "", "code_1": "UAF"}]},
            {"id": "4", "text": "Joe Bloggs", "expected": [{"code": None}]}]
    path.write_text("\n".join(json.dumps(r) for r in rows))
    report = evaluate(path, "actors")
    assert report.metrics["cases"] == 3 and report.metrics["country_acc"] == 1.0
    assert report.metrics["sector_acc"] == 1.0


def _reference():
    from conftest import GOLD

    path = GOLD.parent / "tools" / "score.py"
    spec = importlib.util.spec_from_file_location("reference_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("task, name", [("quad", "cameo_quad_dev.jsonl"), ("acled", "acled_2022_dev.jsonl")])
def test_numbers_agree_with_the_reference_scorer(gold, tmp_path, task, name):
    reference = _reference()
    saved = tmp_path / "pred.jsonl"
    ours = evaluate(gold / name, task, save_path=saved, limit=120)
    gold_rows = reference.load(gold / name)[:120]
    predicted = {r["id"]: r for r in reference.load(saved)}
    theirs = (reference.score_quad if task == "quad" else reference.score_acled)(gold_rows, predicted)
    assert {k: v for k, v in ours.metrics.items() if k in theirs} == theirs


def test_evaluate_command_prints_metrics_and_confusion(gold):
    result = CliRunner().invoke(main, ["evaluate", str(gold / "cameo_quad_dev.jsonl"), "--task", "quad",
                                       "--limit", "30"])
    assert result.exit_code == 0
    assert "pentaclass_acc" in result.output and "confusion" in result.output
