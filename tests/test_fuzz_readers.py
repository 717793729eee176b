"""Bounded fuzzing of every reader, outside the default suite: ``make fuzz``.

Each target feeds random bytes or generated hostile files to one reader through
``read_inputs`` and checks what every caller relies on: no exception escapes, every
record is a Document or a Reject, and a Document is valid text a store can take
(encodable as UTF-8, a checked date). FUZZ_EXAMPLES sets the examples per target.
"""

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.ingest import read_inputs
from sitrep.ingest.validate import check_date
from sitrep.model import Document, Reject
from strategies import any_bytes, csv_file, jsonl_file, markup_file

pytestmark = pytest.mark.fuzz
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "2000")), deadline=None, database=None,
                suppress_health_check=list(HealthCheck))


def read_file(name: str, content: bytes) -> list:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        return checked(list(read_inputs([str(path)], max_chars=5_000)))


def checked(records: list) -> list:
    assert records, "every input is reported, even an empty one"
    for record in records:
        assert isinstance(record, Document | Reject)
        if isinstance(record, Document):
            for value in (record.id, record.text, record.title, record.source, record.url, record.origin):
                assert value is None or isinstance(value, str) and value.encode("utf-8")
            assert record.text.strip() and "\x00" not in record.text and len(record.text) <= 5_000
            assert check_date(record.date) == (record.date, None)
        else:
            assert record.reason.startswith(f"[{record.code}]") and record.origin.encode("utf-8")
    return records


@FUZZ
@given(content=st.one_of(jsonl_file(), any_bytes))
def test_fuzz_jsonl_reader(content):
    read_file("in.jsonl", content)


@FUZZ
@given(content=st.one_of(csv_file(), any_bytes))
def test_fuzz_csv_reader(content):
    read_file("in.csv", content)


@FUZZ
@given(content=st.one_of(any_bytes, st.text().map(str.encode)))
def test_fuzz_text_reader(content):
    read_file("in.txt", content)


@pytest.mark.parametrize("name", ["in.html", "in.rss"])  # the page reader and the feed reader
@FUZZ
@given(content=st.one_of(markup_file(), any_bytes))
def test_fuzz_markup_readers(name, content):
    read_file(name, content)


@FUZZ
@given(content=st.one_of(jsonl_file(), any_bytes))
def test_fuzz_stdin_reader(content):
    checked(list(read_inputs(["-"], stdin=content, max_chars=5_000)))
