"""The checks every bad-input case must pass: a documented exit status, no traceback, every input
accounted for in the per-document output and in the store, and nothing stored before lost."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
from click.testing import CliRunner

from sitrep.cli import main

SENTINEL = {"id": "sentinel", "date": "2008-03-25",
            "text": "Iraqi troops clashed with Mahdi Army fighters in Basra on Tuesday."}


@dataclass
class Outcome:
    exit_code: int
    output: str
    lines: list[dict]  # the per-document output
    db: Path

    @property
    def codes(self) -> list[str]:
        """The error code of every rejected or skipped input, in input order."""
        return [line["error"][1:5] for line in self.lines if line["error"]]

    @property
    def coded(self) -> list[str]:
        return [line["id"] for line in self.lines if not line["error"]]


def sentinel_store(folder: Path) -> Path:
    """A store that already holds one coded document, which no later run may lose."""
    source = folder / "sentinel.jsonl"
    source.write_text(json.dumps(SENTINEL) + "\n")
    db = folder / "template.duckdb"
    result = CliRunner().invoke(main, ["code", str(source), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    return db


def run_case(tmp_path: Path, template: Path, args: list[str], stdin: bytes | None = None,
             db: Path | None = None) -> Outcome:
    """``sitrep code ARGS --db DB --per-doc --out OUT`` in-process, checked for the invariants."""
    if db is None:
        db = tmp_path / "case.duckdb"
        shutil.copy(template, db)
    out = tmp_path / "case-out.jsonl"
    result = CliRunner().invoke(main, ["code", *args, "--db", str(db), "--per-doc", "--out", str(out), "--quiet"],
                                input=stdin)
    outcome = Outcome(result.exit_code, result.output, [], db)
    check(result, outcome, out)
    return outcome


def check(result, outcome: Outcome, out: Path) -> None:
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert "[E" in result.output, result.output  # set-up errors carry their code
        assert not out.exists() or out.stat().st_size == 0
    else:
        outcome.lines = [json.loads(line) for line in out.read_text(encoding="utf-8").split("\n") if line]
        assert outcome.lines, "a run that did not fail must account for its inputs"
        assert (result.exit_code == 1) == any(line["error"] and not line["error"].startswith("[E216]")
                                              for line in outcome.lines)
        _check_store(outcome)
    _check_sentinel(outcome.db)


def _check_store(outcome: Outcome) -> None:
    con = duckdb.connect(str(outcome.db), read_only=True)
    try:
        status, documents, rejects, skipped, resumed = con.execute(
            "SELECT status, documents, rejects, skipped, resumed FROM runs "
            "ORDER BY started_at DESC LIMIT 1").fetchone()
        stored_ids = {row[0] for row in con.execute("SELECT id FROM documents").fetchall()}
        stored_events = dict(con.execute("SELECT doc_id, count(*) FROM events GROUP BY doc_id").fetchall())
    finally:
        con.close()
    assert status == "finished"
    good = [line for line in outcome.lines if not line["error"]]
    assert documents + resumed == len(good)
    assert rejects + skipped == len(outcome.lines) - len(good)
    for line in good:  # every coded line is in the store, with the events the output shows
        assert line["id"] in stored_ids
        assert stored_events.get(line["id"], 0) == len(line["events"])


def _check_sentinel(db: Path) -> None:
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT count(*) FROM events WHERE doc_id = 'sentinel'").fetchone()
        documents = con.execute("SELECT count(*) FROM documents WHERE id = 'sentinel'").fetchone()[0]
    finally:
        con.close()
    assert documents == 1 and row[0] >= 1, "a document stored before the run was lost"
