"""Generated hostile input: every example must pass the same invariants as the hand-made cases.

Derandomized, so CI runs the same examples every time; ``make fuzz`` runs the readers on many
more, at random (tests/fuzz_readers.py).
"""

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from accounting import run_case, sentinel_store
from strategies import any_bytes, csv_file, jsonl_file, markup_file

SUITE = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return sentinel_store(tmp_path_factory.mktemp("template"))


def case(template: Path, name: str, content: bytes, stdin: bool = False):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        if stdin:
            return run_case(folder, template, ["-"], stdin=content)
        path = folder / name
        path.write_bytes(content)
        return run_case(folder, template, [str(path)])


@SUITE
@given(content=jsonl_file())
def test_generated_jsonl_files(template, content):
    outcome = case(template, "in.jsonl", content)
    assert outcome.exit_code in (0, 1)


@SUITE
@given(content=csv_file())
def test_generated_csv_files(template, content):
    outcome = case(template, "in.csv", content)
    assert outcome.exit_code in (0, 1)


@SUITE
@given(content=markup_file())
def test_generated_pages_and_feeds(template, content):
    for name in ("page.html", "feed.rss"):
        assert case(template, name, content).exit_code in (0, 1)


@SUITE
@given(content=any_bytes)
def test_generated_bytes_as_text_files_and_on_stdin(template, content):
    assert case(template, "notes.txt", content).exit_code in (0, 1)
    assert case(template, "-", content, stdin=True).exit_code in (0, 1)
