"""Ties the stages together: Document -> spaCy Doc -> actor mentions -> events.

``Coder`` loads the pipeline and dictionaries once and codes any number of
texts; ``code`` is the one-call shortcut with a shared default coder.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date as Date
from functools import cache
from importlib import resources
from pathlib import Path

import pandas as pd
from spacy.tokens import Doc

from .actors import ActorDictionary, ActorMatcher, ActorResolver
from .actors.offices import OfficeHolders
from .data_files import load_entries
from .errors import SitrepError
from .events.extractor import RawEvent, extract
from .events.patterns import PatternIndex, is_pattern_file
from .ingest import DEFAULT_MAX_CHARS
from .limits import DEFAULT_TIMEOUT, TimeLimitExceeded, time_limit
from .model import EVENT_COLUMNS, Actor, CodedDocument, Document, Event, Reject, Span, flatten
from .nlp import DEFAULT_MODEL, load_pipeline, mask_dateline
from .ontology import cameo
from .ontology.acled import acled_type, violent_protests
from .outputs import written_whole
from .version import __version__
from .visible import VisibleText, visible


class EventList(list[Event]):
    """Events as returned by the API: a list that converts to records or a DataFrame in one call."""

    def to_dicts(self) -> list[dict]:
        return [event.to_dict() for event in self]

    def to_dataframe(self) -> pd.DataFrame:
        """One row per event, the columns of the ``events`` table in the store."""
        return pd.DataFrame([flatten(d) for d in self.to_dicts()], columns=list(EVENT_COLUMNS))


def user_dictionaries(paths: Iterable[Path | str]) -> tuple[list[Path], list[Path]]:
    """Split ``--dict`` files (or folders of them) into actor files and verb-pattern files."""
    actor_files, pattern_files = [], []
    for path in map(Path, paths):
        if not path.exists():
            raise SitrepError("E104", path=path)
        files = sorted(path.rglob("*.yaml")) if path.is_dir() else [path]
        for file in files:
            (pattern_files if is_pattern_file(load_entries(file)) else actor_files).append(file)
    return actor_files, pattern_files


@cache
def _tables(model: str, actor_files: tuple[Path, ...], pattern_files: tuple[Path, ...],
            fingerprint: str) -> tuple[ActorMatcher, OfficeHolders, PatternIndex]:
    """The compiled dictionaries, built once per process and cached on disk between processes:
    reading 70,000 entries and tokenizing their 134,000 phrases takes seconds, unpickling them
    a fraction of one. ``fingerprint`` covers every data file, so an edit rebuilds the cache."""
    path = cache_dir() / f"tables-{fingerprint}-{_builder_digest()}.pickle"
    gc.disable()  # the collector would run dozens of times over the 100,000 objects being made
    try:
        with open(path, "rb") as handle:
            tables = pickle.load(handle)
        # kept for the life of the process: out of the collector's sight, so that collections
        # during parsing do not walk 200,000 dictionary objects each time
        gc.freeze()
        return tables
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        pass
    finally:
        gc.enable()
    dictionary = ActorDictionary.load(list(actor_files))
    tables = (ActorMatcher(load_pipeline(model), dictionary), OfficeHolders(dictionary),
              PatternIndex.load(list(pattern_files)))
    gc.freeze()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with written_whole(path) as temporary, open(temporary, "wb") as handle:
            pickle.dump(tables, handle, protocol=pickle.HIGHEST_PROTOCOL)
        for stale in path.parent.glob("tables-*.pickle"):  # built by other code: never read again
            if not stale.name.endswith(f"-{_builder_digest()}.pickle"):
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # no writable cache: the next process builds the tables again
    return tables


@cache
def _builder_digest() -> str:
    """The code that builds the tables: a change to it makes the cached tables stale too."""
    digest = hashlib.sha1()
    for file in _package_files(("actors", "events"), (".py",)):
        digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def cache_dir() -> Path:
    """Where compiled dictionaries are kept: $SITREP_CACHE, else the user's cache folder."""
    if os.environ.get("SITREP_CACHE"):
        return Path(os.environ["SITREP_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sitrep"


def coder_fingerprint(nlp, user_files: Iterable[Path]) -> str:
    """What the coder's output depends on besides the text: sitrep's version and data files, the
    model and the user's dictionaries. A rerun skips a stored document only when this matches."""
    digest = hashlib.sha1(f"{__version__}|{nlp.meta.get('name')}|{nlp.meta.get('version')}".encode())
    for file in _package_files(("actors/data", "events/data"), (".yaml", ".tsv")):
        digest.update(file.read_bytes())
    for file in user_files:
        digest.update(str(file).encode() + Path(file).read_bytes())
    return digest.hexdigest()[:16]


def _package_files(folders: tuple[str, ...], suffixes: tuple[str, ...]) -> list:
    """The package's files under ``folders`` (recursively) with one of ``suffixes``, in a stable order."""
    def walk(folder) -> Iterator:
        for item in folder.iterdir():
            if item.is_dir():
                yield from walk(item)
            elif item.name.endswith(suffixes):
                yield item

    package = resources.files("sitrep")
    return [file for folder in folders for file in sorted(walk(package.joinpath(folder)), key=str)]


def _chunks(records: Iterable[Document | Reject], size: int, chars: int) -> Iterator[list[Document | Reject]]:
    """Batches of at most ``size`` documents and (past the first) ``chars`` characters."""
    chunk: list[Document | Reject] = []
    count = total = 0
    for record in records:
        if isinstance(record, Document):
            if chunk and (count >= size or total + len(record.text) > chars):
                yield chunk
                chunk, count, total = [], 0, 0
            count += 1
            total += len(record.text)
        chunk.append(record)
    if chunk:
        yield chunk


def _in_original(event: Event, view: VisibleText, sentence: tuple[int, int]) -> Event:
    """The event with its spans and texts as offsets into the original text."""
    def actor(found: Actor | None) -> Actor | None:
        if found is None:
            return None
        start, end = view.span(found.start, found.end)
        return replace(found, text=view.original[start:end], start=start, end=end)

    start, end = view.span(event.trigger.start, event.trigger.end)
    return replace(event, trigger=Span(view.original[start:end], start, end), source=actor(event.source),
                   target=actor(event.target), sentence_text=view.original_text(*sentence))


def document_day(value: str | None) -> Date | None:
    try:
        return Date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def confidence(event: RawEvent) -> float:
    """A rough score: coded actors and a specific pattern make an event more trustworthy."""
    score = 0.4
    score += 0.25 if event.source and event.source.code else 0.0
    score += 0.25 if event.target and event.target.code else 0.0
    score += 0.1 if event.pattern.specificity else 0.0
    return round(min(score, 1.0), 2)


class Coder:
    """A loaded pipeline, actor dictionary and verb patterns, ready to code texts.

    ``pipe`` never lets one document stop a stream: a document whose parse or coding
    raises, or takes over ``timeout`` seconds, becomes a reject, and the rest go on.
    Parsing is batched by count and by characters, so memory stays bounded by
    ``batch_chars`` whatever the documents' lengths.
    """

    def __init__(self, model: str = DEFAULT_MODEL, dictionaries: Iterable[Path | str] = (),
                 batch_size: int = 32, max_chars: int = DEFAULT_MAX_CHARS,
                 timeout: float | None = DEFAULT_TIMEOUT) -> None:
        self.nlp = load_pipeline(model)
        self.nlp.max_length = max(self.nlp.max_length, max_chars + 1)
        actor_files, pattern_files = user_dictionaries(dictionaries)
        self.fingerprint = coder_fingerprint(self.nlp, actor_files + pattern_files)
        self.actors, self.offices, self.patterns = _tables(model, tuple(actor_files), tuple(pattern_files),
                                                           self.fingerprint)
        self.batch_size = batch_size
        self.batch_chars = max(max_chars, DEFAULT_MAX_CHARS)
        self.timeout = timeout

    def code(self, text: str, date: str | None = None, doc_id: str = "text") -> EventList:
        """Events in one text: ``coder.code("Iraqi troops clashed with ...", date="2008-03-25")``."""
        return EventList(self.code_document(Document(id=doc_id, text=text, date=date)))

    def code_document(self, document: Document) -> list[Event]:
        view = visible(document.text)
        return self.events(self.nlp(mask_dateline(view.text)), document, view)

    def events(self, parsed: Doc, document: Document, view: VisibleText | None = None) -> list[Event]:
        """Events of a parsed document, in text order; ``view`` maps offsets back to the original
        text when invisible characters were removed before parsing."""
        resolver = ActorResolver(parsed, self.actors.find(parsed), document_day(document.date),
                                 offices=self.offices)
        events = []
        for number, sentence in enumerate(parsed.sents):
            raw_events = sorted(extract(sentence, resolver, self.patterns), key=lambda e: e.verb.i)
            for index, raw in enumerate(raw_events):
                events.append(self._record(raw, document, number, index, sentence.text))
        violent_protests(events)
        if view is not None and view.text is not view.original:
            sentences = [(s.start_char, s.end_char) for s in parsed.sents]
            events = [_in_original(event, view, sentences[event.sentence]) for event in events]
        return events

    def pipe(self, records: Iterable[Document | Reject]) -> Iterator[CodedDocument]:
        """Code a stream of documents (and pass rejects through), in input order."""
        for chunk in _chunks(records, self.batch_size, self.batch_chars):
            yield from self._code_chunk(chunk)

    def _code_chunk(self, chunk: list[Document | Reject]) -> Iterator[CodedDocument]:
        views = {id(item): visible(item.text) for item in chunk if isinstance(item, Document)}
        texts = [mask_dateline(view.text) for view in views.values()]
        try:
            with time_limit(self.timeout):
                parsed = iter(list(self.nlp.pipe(texts)))
        except Exception:  # something in the batch failed: parse its documents one at a time
            parsed = None
        for item in chunk:
            if isinstance(item, Reject):
                yield CodedDocument.rejected(item)
                continue
            view, origin = views[id(item)], item.origin or item.id
            try:
                with time_limit(self.timeout):
                    spacy_doc = next(parsed) if parsed else self.nlp(mask_dateline(view.text))
                    events = self.events(spacy_doc, item, view)
                    sentences = sum(1 for _ in spacy_doc.sents)
            except TimeLimitExceeded:
                yield CodedDocument.rejected(Reject.coded(origin, "E218", item.id, seconds=self.timeout))
                continue
            except Exception as exc:  # one bad document must not stop the batch
                reason = f"{type(exc).__name__}: {exc}"
                yield CodedDocument.rejected(Reject.coded(origin, "E213", item.id, reason=reason))
                continue
            yield CodedDocument(id=item.id, date=item.date, events=events, sentences=sentences, document=item,
                                coder=self.fingerprint)

    def _record(self, raw: RawEvent, document: Document, sentence: int, index: int,
                sentence_text: str) -> Event:
        entry = cameo(raw.code)
        verb = raw.verb
        return Event(
            id=f"{document.id}:{sentence}:{index}",
            doc_id=document.id,
            sentence=sentence,
            sentence_text=sentence_text,
            trigger=Span(verb.text, verb.idx, verb.idx + len(verb.text)),
            source=raw.source,
            target=raw.target,
            cameo=entry.code,
            cameo_root=entry.root,
            quad_class=entry.quad_class,
            goldstein=entry.goldstein,
            plover=entry.plover(),
            acled=acled_type(entry.code, raw.target.sector if raw.target else None,
                             raw.source.sector if raw.source else None),
            rule=raw.rule + "".join(f"; {role} country {actor.country} from the story"
                                    for role, actor in (("source", raw.source), ("target", raw.target))
                                    if actor is not None and actor.resolution == "context"),
            factuality=raw.factuality,
            attribution=raw.attribution,
            confidence=confidence(raw),
            date=document.date,
            date_precision="document" if document.date else None,
        )


_default: Coder | None = None


def default_coder() -> Coder:
    global _default
    if _default is None:
        _default = Coder()
    return _default


def code(text: str, date: str | None = None, doc_id: str = "text") -> EventList:
    """Events in a text, with the default pipeline and dictionaries."""
    return default_coder().code(text, date=date, doc_id=doc_id)
