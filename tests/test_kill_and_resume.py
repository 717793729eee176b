"""Real processes: a writer killed with SIGKILL at several points and resumed ends with exactly the
store a clean run makes; readers work while a writer writes; a second writer is refused."""

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.store import Store

SITREP = str(Path(sys.executable).parent / "sitrep")
DEMO = Path(__file__).resolve().parents[1] / "demo" / "iraq_2008.jsonl"
BATCH = 10


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """150 reports: the demo corpus three times over, under new ids."""
    stories = [json.loads(line) for line in DEMO.read_text().splitlines()]
    path = tmp_path_factory.mktemp("corpus") / "reports.jsonl"
    with path.open("w") as handle:
        for copy in range(3):
            for story in stories:
                handle.write(json.dumps({**story, "id": f"{story['id']}-{copy}"}) + "\n")
    return path


def start(corpus: Path, db: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([SITREP, "code", str(corpus), "--db", str(db), "--batch", str(BATCH), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def stored(db: Path) -> int:
    return Store(db, read_only=True, timeout=10).counts()["documents"] if db.exists() else 0


def fingerprint(db: Path) -> tuple[int, int, str]:
    """Documents, events and a hash of every event's content, independent of row order."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        documents = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        rows = con.execute("SELECT id, cameo, source_code, target_code, trigger_start, factuality, rule "
                           "FROM events ORDER BY id").fetchall()
    finally:
        con.close()
    return documents, len(rows), hashlib.sha1(repr(rows).encode()).hexdigest()


def kill_after(process: subprocess.Popen, db: Path, documents: int) -> int:
    deadline = time.monotonic() + 120
    while stored(db) < documents:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the writer made no progress"
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return stored(db)


def test_a_writer_killed_at_several_points_resumes_to_the_clean_run_s_store(tmp_path, corpus):
    clean = tmp_path / "clean.duckdb"
    assert start(corpus, clean, "--quiet").wait() == 0
    expected = fingerprint(clean)
    assert expected[0] == 150

    db = tmp_path / "killed.duckdb"
    kept = []
    for target in (1, 60, 140):
        kept.append(kill_after(start(corpus, db), db, target))
        assert kept[-1] % BATCH == 0  # whole batches only: a kill never leaves half of one
    assert kept == sorted(kept) and kept[-1] < 150

    rerun = start(corpus, db)
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert f"coded {150 - kept[-1]:,} documents ({kept[-1]:,} already coded in the store, skipped)" in err
    assert fingerprint(db) == expected  # none missing, none twice, the same events
    statuses = duckdb.connect(str(db), read_only=True).execute("SELECT status FROM runs ORDER BY started_at")
    assert [row[0] for row in statuses.fetchall()] == ["killed", "killed", "killed", "finished"]


def test_readers_work_while_a_writer_writes_and_a_second_writer_is_refused(tmp_path, corpus):
    db = tmp_path / "shared.duckdb"
    writer = start(corpus, db, "--quiet")
    try:
        while stored(db) == 0:
            assert writer.poll() is None
            time.sleep(0.05)
        second = subprocess.run([SITREP, "code", str(corpus), "--db", str(db)], capture_output=True, text=True,
                                timeout=120)
        assert second.returncode == 2 and "[E308]" in second.stderr and str(writer.pid) in second.stderr
        readings = 0
        while writer.poll() is None:
            for command in (["events", "--limit", "5"], ["summary"], ["rejects"],
                            ["export", "--format", "csv", "--out", str(tmp_path / "snapshot.csv")]):
                result = CliRunner().invoke(main, [*command, "--db", str(db)])
                assert result.exit_code == 0, result.output
                readings += 1
    finally:
        writer.wait(timeout=300)
    assert writer.returncode == 0 and readings >= 4
    assert stored(db) == 150
