"""Measures behind the per-document limits and the resume: run by hand, not in CI.

    .venv/bin/python benchmarks/limits.py [--sizes 25000 50000 100000 200000] [--stories 500]

1. Memory and time per character of one document's parse (each size in a fresh process), and
   what the default --max-chars and --timeout allow for.
2. The resume saving: a run killed with SIGKILL at 90% of its documents and rerun, against a
   full run of the same corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "iraq_2008.jsonl"
SITREP = str(Path(sys.executable).parent / "sitrep")

_PARSE = """
import json, resource, sys, time
from sitrep import Coder
from sitrep.model import Document
size = int(sys.argv[1])
body = "\\n\\n".join(json.loads(line)["text"] for line in open(sys.argv[2]))
text = (body * (size // len(body) + 1))[:size]
coder = Coder()
coder.code("Warm up.")
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
coder.code_document(Document(id="long", text=text))
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"size": size, "seconds": seconds, "delta_kib": peak - before, "peak_kib": peak}))
"""


def per_character(sizes: list[int]) -> None:
    from sitrep.ingest import DEFAULT_MAX_CHARS
    from sitrep.limits import DEFAULT_TIMEOUT

    print("one document, coded in a fresh process")
    print(f"{'characters':>10} {'seconds':>8} {'peak MiB':>9} {'bytes/char':>10} {'us/char':>8}")
    rates, speeds = [], []
    for size in sizes:
        found = json.loads(subprocess.run([sys.executable, "-c", _PARSE, str(size), str(DEMO)], check=True,
                                          capture_output=True, text=True).stdout)
        rate = found["delta_kib"] * 1024 / size
        speed = found["seconds"] * 1e6 / size
        rates.append(rate)
        speeds.append(speed)
        print(f"{size:>10,} {found['seconds']:>8.1f} {found['peak_kib'] / 1024:>9.0f} {rate:>10.0f} {speed:>8.1f}")
    rate, speed = max(rates), max(speeds)
    print(f"default --max-chars {DEFAULT_MAX_CHARS:,}: about {rate * DEFAULT_MAX_CHARS / 2**30:.1f} GiB and "
          f"{speed * DEFAULT_MAX_CHARS / 1e6:.0f} s for the longest document; --timeout {DEFAULT_TIMEOUT:g} s")


def corpus(folder: Path, stories: int) -> Path:
    demo = [json.loads(line) for line in DEMO.read_text().splitlines()]
    path = folder / "corpus.jsonl"
    with path.open("w") as handle:
        for number in range(stories):
            story = demo[number % len(demo)]
            handle.write(json.dumps({**story, "id": f"{story['id']}-{number}"}) + "\n")
    return path


def documents(db: Path) -> int:
    from sitrep.store import Store

    return Store(db, read_only=True).counts()["documents"] if db.exists() else 0


def timed(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - started


def resume_saving(stories: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = corpus(folder, stories)
        full = timed([SITREP, "code", str(path), "--db", str(folder / "full.duckdb"), "--quiet"])
        db = folder / "killed.duckdb"
        started = time.perf_counter()
        writer = subprocess.Popen([SITREP, "code", str(path), "--db", str(db), "--quiet", "--batch", "32"])
        while documents(db) < 0.9 * stories and writer.poll() is None:
            time.sleep(0.1)
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        killed_after = time.perf_counter() - started
        kept = documents(db)
        rerun = timed([SITREP, "code", str(path), "--db", str(db), "--quiet"])
    print(f"\n{stories} stories: full run {full:.1f} s; killed after {killed_after:.1f} s with {kept} stored; "
          f"rerun {rerun:.1f} s, against {full:.1f} s from scratch: {1 - rerun / full:.0%} saved")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25_000, 50_000, 100_000, 200_000])
    parser.add_argument("--stories", type=int, default=500)
    args = parser.parse_args()
    per_character(args.sizes)
    resume_saving(args.stories)


if __name__ == "__main__":
    main()
