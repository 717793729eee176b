"""Ties the stages together: Document -> spaCy Doc -> actor mentions -> events.

``Coder`` loads the pipeline and dictionaries once and codes any number of
texts; ``code`` is the one-call shortcut with a shared default coder.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from spacy.tokens import Doc

from .actors import ActorDictionary, ActorMatcher, ActorResolver
from .data_files import load_entries
from .errors import SitrepError, message
from .events.extractor import RawEvent, extract
from .events.patterns import PatternIndex, is_pattern_file
from .ingest import DEFAULT_MAX_CHARS, read_inputs
from .model import EVENT_COLUMNS, CodedDocument, Document, Event, Reject, Span, flatten
from .nlp import DEFAULT_MODEL, load_pipeline, mask_dateline
from .ontology import cameo
from .ontology.acled import acled_type, violent_protests

if TYPE_CHECKING:
    from .store import Store


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


def confidence(event: RawEvent) -> float:
    """A rough score: coded actors and a specific pattern make an event more trustworthy."""
    score = 0.4
    score += 0.25 if event.source and event.source.code else 0.0
    score += 0.25 if event.target and event.target.code else 0.0
    score += 0.1 if event.pattern.specificity else 0.0
    return round(min(score, 1.0), 2)


class Coder:
    """A loaded pipeline, actor dictionary and verb patterns, ready to code texts."""

    def __init__(self, model: str = DEFAULT_MODEL, dictionaries: Iterable[Path | str] = (),
                 batch_size: int = 32, max_chars: int = DEFAULT_MAX_CHARS) -> None:
        self.nlp = load_pipeline(model)
        self.nlp.max_length = max(self.nlp.max_length, max_chars + 1)
        actor_files, pattern_files = user_dictionaries(dictionaries)
        self.actors = ActorMatcher(self.nlp, ActorDictionary.load(actor_files))
        self.patterns = PatternIndex.load(pattern_files)
        self.batch_size = batch_size

    def code(self, text: str, date: str | None = None, doc_id: str = "text") -> EventList:
        """Events in one text: ``coder.code("Iraqi troops clashed with ...", date="2008-03-25")``."""
        return EventList(self.code_document(Document(id=doc_id, text=text, date=date)))

    def code_document(self, document: Document) -> list[Event]:
        return self.events(self.nlp(mask_dateline(document.text)), document)

    def events(self, parsed: Doc, document: Document) -> list[Event]:
        """Events of a parsed document, in text order."""
        resolver = ActorResolver(parsed, self.actors.find(parsed))
        events = []
        for number, sentence in enumerate(parsed.sents):
            raw_events = sorted(extract(sentence, resolver, self.patterns), key=lambda e: e.verb.i)
            for index, raw in enumerate(raw_events):
                events.append(self._record(raw, document, number, index, sentence.text))
        violent_protests(events)
        return events

    def pipe(self, records: Iterable[Document | Reject]) -> Iterator[CodedDocument]:
        """Code a stream of documents (and pass rejects through), in input order."""
        items = iter(records)
        while chunk := list(islice(items, self.batch_size)):
            documents = [item for item in chunk if isinstance(item, Document)]
            parsed = self.nlp.pipe(mask_dateline(document.text) for document in documents)
            for item in chunk:
                if isinstance(item, Reject):
                    yield CodedDocument(id=item.id, date=item.date, error=item.reason, reject=item)
                    continue
                spacy_doc = next(parsed)
                try:
                    events = self.events(spacy_doc, item)
                except Exception as exc:  # one bad document must not stop the batch
                    reject = Reject(id=item.id, origin=item.origin or item.id, code="E213",
                                    reason=message("E213", reason=f"{type(exc).__name__}: {exc}"), date=item.date)
                    yield CodedDocument(id=item.id, date=item.date, error=reject.reason, reject=reject)
                    continue
                yield CodedDocument(id=item.id, date=item.date, events=events,
                                    sentences=sum(1 for _ in spacy_doc.sents), document=item)

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
            rule=raw.rule,
            factuality=raw.factuality,
            attribution=raw.attribution,
            confidence=confidence(raw),
            date=document.date,
            date_precision="document" if document.date else None,
        )


@dataclass
class RunSummary:
    """What a run did: counts, the rejects with their reasons, and how long it took."""

    documents: int = 0
    sentences: int = 0
    events: int = 0
    rejects: list[Reject] = field(default_factory=list)
    seconds: float = 0.0


def code_files(inputs: Iterable[str | Path], coder: Coder, store: Store | None = None,
               on_document: Callable[[CodedDocument], None] | None = None,
               columns: dict[str, str] | None = None, max_chars: int = DEFAULT_MAX_CHARS,
               progress: Callable[[Iterator[CodedDocument]], Iterator[CodedDocument]] = iter,
               write_batch: int = 256) -> RunSummary:
    """Read, code and store every input (``-`` is stdin); each coded document or reject goes to
    ``on_document`` in input order. What ``sitrep code`` runs."""
    started = time.perf_counter()
    summary = RunSummary()
    coded_stream = progress(coder.pipe(read_inputs(inputs, columns=columns, max_chars=max_chars)))
    while batch := list(islice(coded_stream, write_batch)):
        for coded in batch:
            if coded.reject is not None:
                summary.rejects.append(coded.reject)
            else:
                summary.documents += 1
                summary.sentences += coded.sentences
                summary.events += len(coded.events)
            if on_document:
                on_document(coded)
        if store is not None:
            store.write(batch)
    summary.seconds = time.perf_counter() - started
    return summary


_default: Coder | None = None


def default_coder() -> Coder:
    global _default
    if _default is None:
        _default = Coder()
    return _default


def code(text: str, date: str | None = None, doc_id: str = "text") -> EventList:
    """Events in a text, with the default pipeline and dictionaries."""
    return default_coder().code(text, date=date, doc_id=doc_id)
