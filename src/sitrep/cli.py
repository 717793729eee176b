"""The ``sitrep`` command: a thin layer over the library."""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from typing import IO

import click

from .errors import SitrepError, message
from .ingest import DEFAULT_MAX_CHARS
from .ingest.validate import check_date
from .limits import DEFAULT_TIMEOUT
from .model import EVENT_COLUMNS, CodedDocument, flatten, json_line
from .nlp import DEFAULT_MODEL
from .outputs import check_output, written_whole
from .store.query import for_csv, joined


def _columns(value: str | None) -> dict[str, str] | None:
    """'text=body,id=story_id' -> {'text': 'body', 'id': 'story_id'}."""
    if not value:
        return None
    pairs = [item.split("=", 1) for item in value.split(",") if item.strip()]
    if any(len(pair) != 2 for pair in pairs):
        raise click.BadParameter(message("E005", option="--columns", value=repr(value),
                                         rule="FIELD=COLUMN pairs separated by commas (text=body,id=story_id)"))
    return {field.strip(): column.strip() for field, column in pairs}


class _Output:
    """Where ``sitrep code --out`` writes: per-document lines, or event records as JSONL or CSV."""

    def __init__(self, handle: IO[str], per_doc: bool, fmt: str) -> None:
        self.handle, self.per_doc = handle, per_doc
        self.csv = None
        if fmt == "csv" and not per_doc:
            self.csv = csv.DictWriter(handle, fieldnames=list(EVENT_COLUMNS))
            self.csv.writeheader()

    def write(self, coded: CodedDocument) -> None:
        if self.per_doc:
            self.handle.write(json_line(coded.to_dict()))
        elif self.csv is not None:
            for event in coded.events:
                row = flatten(event.to_dict())
                row["plover_context"] = joined(row["plover_context"])
                self.csv.writerow(row)
        else:
            for event in coded.events:
                self.handle.write(json_line(event.to_dict()))


def _progress(items: Iterator[CodedDocument]) -> Iterator[CodedDocument]:
    """A progress bar on stderr when it is a terminal."""
    from tqdm import tqdm

    with tqdm(items, unit="doc", desc="coding", file=sys.stderr, disable=None, mininterval=0.5) as bar:
        yield from bar


class SetupError(click.ClickException):
    """A usage or set-up error the user can fix: exit status 2 (1 means some inputs were rejected)."""

    exit_code = 2


class _Group(click.Group):
    """Every failure is a coded message and a documented exit status, never a traceback:
    1 only for rejected inputs, 2 for set-up errors and for sitrep's own crashes, 130 for Ctrl-C."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SitrepError as exc:
            raise SetupError(str(exc)) from None
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo(f"Error: {message('E004')}", err=True)
            sys.exit(130)
        except Exception as exc:
            if os.environ.get("SITREP_DEBUG"):
                raise
            raise SetupError(message("E003", reason=f"{type(exc).__name__}: {exc}")) from None


def _date_option(ctx, param, value: str | None) -> str | None:
    day, reason = check_date(value)
    if reason or (value and len(value.strip()) != 10):
        raise click.BadParameter(message("E310", value=value))
    return day


def _at_least(minimum: int):
    def check(ctx, param, value):
        if value is not None and value < minimum:
            raise click.BadParameter(message("E005", option=f"--{param.name.replace('_', '-')}",
                                             rule=f"{minimum} or more", value=value))
        return value
    return check


@click.group(cls=_Group)
@click.version_option(package_name="sitrep")
def main() -> None:
    """sitrep: reports in, explained events out."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--db", "db_path", default="sitrep.duckdb", show_default=True, help="DuckDB file to store results in.")
@click.option("--no-db", is_flag=True, help="Do not store results; only write --out.")
@click.option("--out", "out_path", help="Also write results to FILE, or - for stdout.")
@click.option("--per-doc", is_flag=True, help="With --out: one JSON line per input document, rejects included.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True,
              help="Format of --out when not --per-doc.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="Any installed spaCy pipeline.")
@click.option("--dict", "dictionaries", multiple=True, type=click.Path(), help="Extra dictionary file or folder.")
@click.option("--columns", help="Map JSONL/CSV columns: text=body,id=story_id.")
@click.option("--max-chars", default=DEFAULT_MAX_CHARS, show_default=True, callback=_at_least(1),
              help="Longest document accepted, in characters.")
@click.option("--timeout", default=DEFAULT_TIMEOUT, show_default=True, type=float,
              help="Most seconds one document may take to code (0: no limit).")
@click.option("--batch", "write_batch", default=256, show_default=True, callback=_at_least(1),
              help="Documents per stored batch (one transaction).")
@click.option("--force", is_flag=True, help="Code documents the store already holds again, instead of skipping them.")
@click.option("--quiet", is_flag=True, help="No progress bar or summary.")
def code(inputs: tuple[str, ...], db_path: str, no_db: bool, out_path: str | None, per_doc: bool, fmt: str,
         model: str, dictionaries: tuple[str, ...], columns: str | None, max_chars: int, timeout: float,
         write_batch: int, force: bool, quiet: bool) -> None:
    """Code reports into events: files, folders, JSONL, CSV, HTML, RSS/Atom, or - for stdin.

    A rerun into the same --db skips the documents already coded there (same id and content,
    same coder), so a run that was killed picks up where it stopped.
    """
    from .pipeline import Coder
    from .run import code_files
    from .store import Store

    if per_doc and not out_path:
        raise click.BadParameter(message("E006"), param_hint="--per-doc")
    if out_path and out_path != "-":
        check_output(out_path, "--out", inputs + (() if no_db else (db_path,)))
    if not no_db:
        check_output(db_path, "--db", inputs)
    column_map = _columns(columns)
    coder = Coder(model=model, dictionaries=dictionaries, max_chars=max_chars, timeout=timeout or None)
    with ExitStack() as stack:
        store = None if no_db else stack.enter_context(Store(db_path))
        output = None
        if out_path:
            if out_path == "-":
                handle = sys.stdout
            else:
                temporary = stack.enter_context(written_whole(out_path))
                handle = stack.enter_context(open(temporary, "w", encoding="utf-8"))
            output = _Output(handle, per_doc, fmt)
        summary = code_files(inputs, coder, store=store, on_document=output.write if output else None,
                             columns=column_map, max_chars=max_chars, write_batch=write_batch, force=force,
                             progress=iter if quiet else _progress)
    if not quiet:
        _report(summary, None if no_db else db_path)
    if summary.rejects:
        sys.exit(1)


def _report(summary, db_path: str | None) -> None:
    rejects, skipped = summary.rejects, summary.skipped
    resumed = f" ({summary.resumed:,} already coded in the store, skipped)" if summary.resumed else ""
    hidden = f"; {len(skipped):,} hidden files skipped" if skipped else ""
    click.echo(f"coded {summary.documents:,} documents{resumed}, {summary.sentences:,} sentences, "
               f"{summary.events:,} events; {len(rejects):,} rejected{hidden}; {summary.seconds:.1f} s"
               + (f"; stored in {db_path}" if db_path else ""), err=True)
    for reject in rejects[:20]:
        click.echo(f"  rejected {reject.origin}: {reject.reason}", err=True)
    if len(rejects) > 20:
        more = f" (sitrep rejects --db {db_path})" if db_path else ""
        click.echo(f"  ... and {len(rejects) - 20:,} more{more}", err=True)


def _open_store(db_path: str):
    from .store import Store

    return Store(db_path, read_only=True)


def _query_options(function):
    for option in reversed([
        click.option("--db", "db_path", default="sitrep.duckdb", show_default=True),
        click.option("--from", "date_from", callback=_date_option, help="First date, YYYY-MM-DD."),
        click.option("--to", "date_to", callback=_date_option, help="Last date, YYYY-MM-DD."),
        click.option("--country", multiple=True, help="Source or target country (ISO alpha-3)."),
        click.option("--actor", multiple=True, help="Source or target code, prefix match: IRQ, IRQMIL."),
        click.option("--root", multiple=True, help="CAMEO root, e.g. 19."),
        click.option("--text", help="Words in the sentence."),
        click.option("--factuality", multiple=True,
                     type=click.Choice(["asserted", "reported", "negated", "future", "hypothetical"])),
    ]):
        function = option(function)
    return function


def _query(date_from, date_to, country, actor, root, text, factuality, limit=None):
    from .store import EventQuery

    return EventQuery(date_from=date_from, date_to=date_to, countries=list(country), actors=list(actor),
                      roots=list(root), text=text, factuality=list(factuality), limit=limit)


@main.command()
@_query_options
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True)
@click.option("--limit", default=50, show_default=True, callback=_at_least(0), help="Most events to show (0: all).")
def events(db_path, date_from, date_to, country, actor, root, text, factuality, fmt, limit) -> None:
    """Show stored events, filtered."""
    query = _query(date_from, date_to, country, actor, root, text, factuality, limit or None)
    with _open_store(db_path) as store:
        if fmt == "jsonl":
            for record in query.records(store):
                click.echo(json_line(record), nl=False)
            return
        frame = query.frame(store)
    if fmt == "csv":
        click.echo(for_csv(frame).to_csv(index=False), nl=False)
        return
    shown = frame[["date", "source_code", "cameo", "target_code", "factuality", "trigger_text", "source_text",
                   "target_text", "doc_id"]].rename(columns={"source_code": "source", "target_code": "target",
                                                             "trigger_text": "verb"})
    click.echo(shown.to_string(index=False, max_colwidth=28) if len(shown) else "no events match")


@main.command()
@_query_options
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), required=True)
@click.option("--out", "out_path", required=True, type=click.Path(), help="File to write.")
def export(db_path, date_from, date_to, country, actor, root, text, factuality, fmt, out_path) -> None:
    """Write stored events to CSV, JSONL or Parquet."""
    from .store.query import export as export_events

    check_output(out_path, "--out", [db_path])
    with _open_store(db_path) as store:
        written = export_events(store, out_path, fmt,
                                _query(date_from, date_to, country, actor, root, text, factuality))
    click.echo(f"wrote {written:,} events to {out_path}", err=True)


@main.command()
@click.option("--db", "db_path", default="sitrep.duckdb", show_default=True)
@click.option("--top", default=10, show_default=True)
def summary(db_path: str, top: int) -> None:
    """The commonest events and dyads in a store."""
    from .store.query import summary as summarize

    with _open_store(db_path) as store:
        counts = store.counts()
        parts = summarize(store, top)
    click.echo(f"{counts['documents']:,} documents, {counts['events']:,} events, {counts['rejects']:,} rejects\n")
    click.echo(f"Top event codes\n{parts['codes'].to_string(index=False)}\n")
    click.echo(f"Top dyads (source -> target)\n{parts['dyads'].to_string(index=False)}\n")
    click.echo(f"Factuality\n{parts['factuality'].to_string(index=False)}")


@main.command()
@click.option("--db", "db_path", default="sitrep.duckdb", show_default=True)
def rejects(db_path: str) -> None:
    """Documents that could not be coded, and why."""
    with _open_store(db_path) as store:
        frame = store.query("SELECT * FROM rejects ORDER BY rejected_at, origin")
    if "skipped" in frame:  # stores from release 0.1.0 have no such column
        frame.insert(0, "kind", frame.pop("skipped").map({True: "skipped"}).fillna("rejected"))
    shown = frame[[c for c in ("kind", "origin", "id", "code", "reason") if c in frame]]
    click.echo(shown.to_string(index=False) if len(shown) else "no rejects")


@main.group(name="dict", cls=_Group)
def dict_group() -> None:
    """Actor dictionaries: import PETRARCH files, count entries, check for conflicts."""


@dict_group.command(name="import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder for the YAML files.")
@click.option("--licence", "licence_path", type=click.Path(exists=True, dir_okay=False),
              help="A licence file whose text heads every file written.")
def dict_import(paths, out_dir, licence_path) -> None:
    """Convert PETRARCH/TABARI actor and agent dictionaries to sitrep's format."""
    from pathlib import Path

    from .actors.petrarch import import_files

    Path(out_dir).mkdir(parents=True, exist_ok=True)
    licence = Path(licence_path).read_text(encoding="utf-8") if licence_path else None
    results = import_files([Path(p) for p in paths], Path(out_dir), licence)
    failed = 0
    for path, imported, written in results:
        phrases = sum(len(e.phrases) for e in imported.entries)
        codes = sum(len(e.codes) for e in imported.entries)
        click.echo(f"{path.name}: {imported.lines:,} lines, {written:,} entries, {phrases:,} phrases, "
                   f"{codes:,} codes; {len(imported.problems):,} lines not converted")
        for number, line, why in imported.problems[:10]:
            click.echo(f"  line {number}: {why}: {line.strip()[:80]}")
        if len(imported.problems) > 10:
            click.echo(f"  ... and {len(imported.problems) - 10:,} more")
        failed += len(imported.problems)
    if failed:
        sys.exit(1)


@dict_group.command(name="stats")
@click.option("--dict", "dictionaries", multiple=True, type=click.Path(), help="Extra dictionary file or folder.")
def dict_stats(dictionaries) -> None:
    """Entries by kind, phrases, and how long the dictionaries take to load."""
    import time

    from .actors import ActorDictionary
    from .pipeline import Coder, user_dictionaries

    started = time.perf_counter()
    book = ActorDictionary.load(user_dictionaries(dictionaries)[0])
    read = time.perf_counter() - started
    started = time.perf_counter()
    Coder(dictionaries=dictionaries)
    ready = time.perf_counter() - started
    width = max(map(len, book.counts))
    for kind, count in sorted(book.counts.items(), key=lambda item: -item[1]):
        click.echo(f"{kind:<{width}}  {count:>7,} entries")
    click.echo(f"{'all':<{width}}  {sum(book.counts.values()):>7,} entries, {len(book.phrases):,} phrases")
    click.echo(f"reading the YAML files: {read:.2f} s; a coder ready from the compiled cache: {ready:.2f} s")


@dict_group.command(name="check")
@click.option("--dict", "dictionaries", multiple=True, type=click.Path(), help="Extra dictionary file or folder.")
@click.option("--limit", default=20, show_default=True, callback=_at_least(0), help="Items shown per kind (0: all).")
def dict_check(dictionaries, limit) -> None:
    """Report duplicates, conflicting codes and overlapping dates in the dictionaries."""
    from .actors import ActorDictionary
    from .actors.check import check
    from .pipeline import user_dictionaries

    report = check(ActorDictionary.load(user_dictionaries(dictionaries)[0], history=True))
    for title, items in (("conflicts", report.conflicts), ("duplicates", report.duplicates),
                         ("overlapping dates", report.overlaps)):
        click.echo(f"{len(items):,} {title}")
        for item in items[: limit or None]:
            click.echo(f"  {item}")


@main.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--task", type=click.Choice(["quad", "acled", "actors"]), required=True)
@click.option("--pred", "pred_path", type=click.Path(exists=True), help="Score this per-doc output instead of coding.")
@click.option("--save", "save_path", type=click.Path(), help="Save the per-doc predictions to FILE.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True)
@click.option("--dict", "dictionaries", multiple=True, type=click.Path())
@click.option("--limit", type=int, help="Score only the first N gold records.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as one JSON object.")
def evaluate(gold, task, pred_path, save_path, model, dictionaries, limit, as_json) -> None:
    """Score the coder against a gold JSONL file."""
    from . import evaluate as ev

    report = ev.evaluate(gold, task, pred_path=pred_path, save_path=save_path, model=model,
                         dictionaries=dictionaries, limit=limit)
    click.echo(json.dumps(report.metrics) if as_json else report.render())
