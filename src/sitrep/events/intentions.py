"""Announced acts become intents and threats (CAMEO 03x, 13x), from ``data/intentions.yaml``."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml


@cache
def _table() -> list[tuple[str, str]]:
    text = resources.files("sitrep.events").joinpath("data/intentions.yaml").read_text(encoding="utf-8")
    return sorted(((str(k), str(v)) for k, v in yaml.safe_load(text).items()), key=lambda kv: -len(kv[0]))


def announced(code: str) -> str:
    """The intent or threat code for an act announced for the future; the code itself if none."""
    return next((intent for prefix, intent in _table() if code.startswith(prefix)), code)
