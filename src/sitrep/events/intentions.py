"""Announced acts become intents and threats (CAMEO 03x, 13x); refused ones refusals (12x).

The tables are ``data/intentions.yaml``.
"""

from __future__ import annotations

from functools import cache

from ..data_files import package_yaml


@cache
def _data() -> dict:
    return package_yaml("sitrep.events", "intentions.yaml")


@cache
def _tables() -> dict[str, list[tuple[str, str]]]:
    return {name: sorted(((str(k), str(v)) for k, v in table.items()), key=lambda kv: -len(kv[0]))
            for name, table in _data().items() if isinstance(table, dict)}


def demand_code() -> str:
    """The code for a statement that someone must act ("said Syria must withdraw")."""
    return str(_data()["obligation"])


def _lookup(table: str, code: str) -> str | None:
    return next((new for prefix, new in _tables()[table] if code.startswith(prefix)), None)


def announced(code: str) -> str:
    """The intent or threat code for an act announced for the future; the code itself if none."""
    return _lookup("announced", code) or code


def refused(code: str) -> str | None:
    """The refusal code for a cooperative act announced as not going to happen, or None."""
    return _lookup("refused", code)
