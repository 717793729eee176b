"""The sitrep command, run in-process: exact contracts and exit codes."""

import json

import pytest
from click.testing import CliRunner

from sitrep.cli import main


@pytest.fixture
def reports(tmp_path):
    path = tmp_path / "reports.jsonl"
    path.write_text(
        json.dumps({"id": "r1", "date": "2008-03-25", "source": "Tigris Wire",
                    "text": "Iraqi troops clashed with Mahdi Army fighters in Basra on Tuesday."}) + "\n"
        + '{"id": "r2", "text": \n'
        + json.dumps({"id": "r3", "date": "2008-03-30", "text": "The weather was mild."}) + "\n"
        + json.dumps({"id": "r4", "date": "2008-04-01", "text": ""}) + "\n"
        + json.dumps({"id": "r5", "date": "2008-04-02", "text": "Iran denied arming the militias."}) + "\n")
    return path


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_per_doc_contract_one_line_per_input_in_order(reports, tmp_path):
    out = tmp_path / "out.jsonl"
    result = run("code", reports, "--per-doc", "--out", out, "--db", tmp_path / "t.duckdb")
    assert result.exit_code == 1  # some inputs were rejected
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["r1", f"{reports}:2", "r3", "r4", "r5"]
    assert [set(line) for line in lines] == [{"id", "date", "events", "toponyms", "error"}] * 5
    assert lines[0]["error"] is None and lines[0]["events"][0]["cameo_root"] == "19"
    assert lines[0]["date"] == "2008-03-25" and lines[0]["events"][0]["date"] == "2008-03-25"
    assert lines[1]["error"].startswith("[E205]") and lines[1]["events"] == []
    assert lines[2]["events"] == [] and lines[2]["error"] is None
    assert lines[3]["error"].startswith("[E201]")
    assert [e["cameo"] for e in lines[4]["events"]] == ["016"]


def test_code_summary_lists_rejects(reports, tmp_path):
    result = run("code", reports, "--db", tmp_path / "t.duckdb")
    assert "coded 3 documents" in result.output and "2 rejected" in result.output
    assert f"rejected {reports}:2: [E205]" in result.output


def test_all_good_input_exits_zero_and_events_go_to_stdout_as_jsonl(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Iraqi police arrested twelve suspected militants.")
    result = run("code", path, "--db", tmp_path / "t.duckdb", "--out", "-", "--quiet")
    assert result.exit_code == 0
    [record] = [json.loads(line) for line in result.output.splitlines()]
    assert record["doc_id"] == "a.txt" and record["source"]["code"] == "IRQCOP"


def test_csv_output_has_the_store_columns(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Iraqi police arrested twelve suspected militants.")
    out = tmp_path / "events.csv"
    assert run("code", path, "--no-db", "--out", out, "--format", "csv", "--quiet").exit_code == 0
    header, row = out.read_text().splitlines()
    assert header.startswith("id,doc_id,sentence,sentence_text,trigger_text")
    assert ",IRQCOP," in row


def test_recoding_replaces_and_queries_filter(reports, tmp_path):
    db = tmp_path / "t.duckdb"
    run("code", reports, "--db", db, "--quiet")
    run("code", reports, "--db", db, "--quiet")
    table = run("events", "--db", db, "--root", "19")
    assert table.exit_code == 0 and table.output.count("IRQMIL") == 1
    lines = run("events", "--db", db, "--format", "jsonl", "--actor", "IRN").output.splitlines()
    assert [json.loads(line)["cameo"] for line in lines] == ["016"]
    csv_out = run("events", "--db", db, "--format", "csv", "--from", "2008-04-01").output
    assert csv_out.splitlines()[0].startswith("id,") and len(csv_out.splitlines()) == 2
    assert "no events match" in run("events", "--db", db, "--country", "FRA").output
    rejects = run("rejects", "--db", db).output
    assert "E205" in rejects and "E201" in rejects


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export(reports, tmp_path, fmt):
    db = tmp_path / "t.duckdb"
    run("code", reports, "--db", db, "--quiet")
    out = tmp_path / f"events.{fmt}"
    result = run("export", "--db", db, "--format", fmt, "--out", out)
    assert result.exit_code == 0 and out.stat().st_size > 0 and "wrote 2 events" in result.output


def test_summary_shows_codes_and_dyads(reports, tmp_path):
    db = tmp_path / "t.duckdb"
    run("code", reports, "--db", db, "--quiet")
    output = run("summary", "--db", db).output
    assert "Top event codes" in output and "Top dyads" in output and "IRQMIL" in output


def test_querying_a_missing_database_is_a_clear_error(tmp_path):
    result = run("events", "--db", tmp_path / "none.duckdb")
    assert result.exit_code == 2 and "E301" in result.output


def test_column_mapping_option(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("story,body\ns1,Iraqi police arrested twelve suspected militants.\n")
    result = run("code", path, "--columns", "id=story,text=body", "--no-db", "--out", "-", "--per-doc", "--quiet")
    [line] = [json.loads(line) for line in result.output.splitlines()]
    assert line["id"] == "s1" and line["events"]


def test_help_for_every_command():
    for command in ("code", "events", "export", "summary", "rejects", "evaluate"):
        result = run(command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output


def test_unknown_model_is_a_setup_error_with_its_code(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Rebels shelled the town.")
    result = run("code", path, "--model", "no_such_pipeline", "--no-db")
    assert result.exit_code == 2 and "E001" in result.output and "no_such_pipeline" in result.output


def test_stdin_input():
    result = CliRunner().invoke(main, ["code", "-", "--no-db", "--out", "-", "--per-doc", "--quiet"],
                                input="Iraqi police arrested twelve suspected militants.\n")
    [line] = [json.loads(line) for line in result.output.splitlines()]
    assert line["id"].startswith("sha1-") and line["events"][0]["source"]["code"] == "IRQCOP"
