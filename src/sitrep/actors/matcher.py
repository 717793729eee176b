"""Finding dictionary phrases in a parsed document.

Phrases are tokenized with the pipeline's own tokenizer and stored in a
trie keyed by lower-cased token text; the longest match wins. Case matters
where it carries meaning: an upper-case abbreviation ("US", "UN") matches
only in upper case, so the pronoun "us" is not the United States, and a
capitalised name ("Chad", "Jordan") needs a capital letter.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from .dictionary import ActorDictionary, ActorEntry


@dataclass(frozen=True, slots=True)
class Mention:
    start: int  # token indices, end exclusive
    end: int
    entry: ActorEntry


def _normal(text: str) -> str:
    return text.replace("\u2019", "'").lower()


def _case_fits(text: str, form: str, place: bool = False) -> bool:
    if len(form) > 1 and form.isupper():
        return text == form or text.replace("\u2019", "'") == form
    if form[:1].isupper():
        # a short word in capitals is an abbreviation, not a place: "the PAN" is not Pan, Myanmar
        return text[:1].isupper() and not (place and text.isupper() and len(text) <= 4)
    return True


class ActorMatcher:
    def __init__(self, nlp: Language, dictionary: ActorDictionary) -> None:
        # node: {lower-cased token: node, "": [(token forms as written, entry)]}; one dict per node
        # keeps the pickled trie of 130,000 phrases small and quick to load
        self.trie: dict = {}
        for phrase, entry in dictionary.phrases.items():
            forms = tuple(token.text.replace("\u2019", "'") for token in nlp.make_doc(phrase))
            node = self.trie
            for form in forms:
                node = node.setdefault(form.lower(), {})
            node.setdefault("", []).append((forms, entry))

    def find(self, doc: Doc) -> list[Mention]:
        """Non-overlapping mentions, left to right, longest first."""
        mentions = []
        i, n = 0, len(doc)
        while i < n:
            node, j, best = self.trie, i, None
            while j < n and (node := node.get(_normal(doc[j].text) or " ")) is not None:
                j += 1
                # forms differing only in case ("DGSE", Phoenix's "Dgse"): the later file's wins
                for forms, entry in reversed(node.get("", ())):
                    place = entry.kind == "place"
                    if all(_case_fits(doc[k].text, form, place) for k, form in zip(range(i, j), forms, strict=True)):
                        best = Mention(i, j, entry)
                        break
            if best:
                mentions.append(best)
                i = best.end
            else:
                i += 1
        return mentions
