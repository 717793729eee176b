"""Verb patterns: the data files in ``data/verbs/`` and the index the extractor looks them up in.

The schema is documented in docs/verb-patterns.md.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..data_files import as_list, check_keys, load_entries
from ..errors import SitrepError
from ..ontology import cameo_codes

REQUIRED = {"code", "verbs", "example"}
CONSTRAINTS = ("particle", "object", "prep", "xcomp", "subject", "phrase")
ALLOWED = REQUIRED | set(CONSTRAINTS)


@dataclass(frozen=True, slots=True)
class VerbPattern:
    code: str
    verbs: tuple[str, ...]
    example: str
    particle: frozenset[str] = frozenset()
    object: frozenset[str] = frozenset()
    prep: frozenset[str] = frozenset()
    xcomp: frozenset[str] = frozenset()
    subject: frozenset[str] = frozenset()
    phrase: frozenset[tuple[str, ...]] = frozenset()  # prepositional phrases: ("on", "hunger", "strike")
    origin: str = ""  # file and entry number, for error messages and --explain

    @property
    def specificity(self) -> int:
        return sum(bool(getattr(self, name)) for name in CONSTRAINTS)


class PatternIndex:
    """Patterns by verb lemma, most specific first."""

    def __init__(self, patterns: list[VerbPattern]) -> None:
        self.patterns = patterns
        by_verb: dict[str, list[VerbPattern]] = defaultdict(list)
        for pattern in patterns:
            for verb in pattern.verbs:
                by_verb[verb].append(pattern)
        # Stable sort: among equally specific entries, later files (user dictionaries) win.
        self.by_verb = {verb: sorted(reversed(found), key=lambda p: -p.specificity)
                        for verb, found in by_verb.items()}

    def get(self, lemma: str) -> list[VerbPattern]:
        return self.by_verb.get(lemma, [])

    @classmethod
    def load(cls, extra: list[Path] | None = None) -> PatternIndex:
        patterns: list[VerbPattern] = []
        folder = resources.files("sitrep.events").joinpath("data/verbs")
        for path in sorted(folder.iterdir(), key=lambda p: p.name):
            if path.name.endswith(".yaml"):
                patterns.extend(parse_patterns(str(path), load_entries(str(path), path.read_text(encoding="utf-8"))))
        for path in extra or []:
            patterns.extend(parse_patterns(str(path), load_entries(path)))
        return cls(patterns)


def parse_patterns(path: str, entries: list[dict]) -> list[VerbPattern]:
    codes = cameo_codes()
    patterns = []
    for index, entry in enumerate(entries, start=1):
        check_keys(entry, path, index, REQUIRED, ALLOWED)
        code = str(entry["code"])
        if code not in codes:
            raise SitrepError("E102", path=path, index=index, reason=f"'{code}' is not a CAMEO event code")
        words = {name: frozenset(w.lower() for w in as_list(entry.get(name))) for name in CONSTRAINTS}
        words["phrase"] = frozenset(tuple(p.split()) for p in words["phrase"])
        if any(len(p) < 2 for p in words["phrase"]):
            raise SitrepError("E102", path=path, index=index,
                              reason="a phrase is a preposition and its noun, e.g. 'on strike'")
        patterns.append(VerbPattern(code=code, verbs=tuple(v.lower() for v in as_list(entry["verbs"])),
                                    example=str(entry["example"]), origin=f"{path}#{index}", **words))
    return patterns


def is_pattern_file(entries: list[dict]) -> bool:
    """A user dictionary file holds verb patterns when its entries have ``verbs``."""
    return bool(entries) and "verbs" in entries[0]
