"""Loading the YAML data files (dictionaries, patterns) with errors that name the file and entry."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import SitrepError


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when PyYAML has it: 10x faster
    """YAML without its 1.1 booleans on/off/yes/no: in dictionaries "on" is a preposition."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str):
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass


def package_yaml(package: str, name: str):
    """A YAML data file shipped in a package, e.g. ``package_yaml("sitrep.events", "nouns.yaml")``."""
    return load_yaml(resources.files(package).joinpath("data", name).read_text(encoding="utf-8"))


def load_entries(path: Path | str, text: str | None = None) -> list[dict[str, Any]]:
    """The list of entries in a YAML file; E101/E103 when the file is not one."""
    try:
        if text is None:
            text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SitrepError("E105", path=path, reason=getattr(exc, "strerror", None) or exc) from None
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        raise SitrepError("E101", path=path, reason=str(exc).replace("\n", " ")) from None
    if data is None:
        return []
    if not isinstance(data, list) or not all(isinstance(entry, dict) for entry in data):
        raise SitrepError("E103", path=path)
    return data


def as_list(value: Any) -> list[str]:
    """A YAML scalar or list as a list of strings (``verbs: attack`` == ``verbs: [attack]``)."""
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def upper_code(value: object, path: Path | str, index: int) -> str:
    """A CAMEO country or sector code from an entry: two to six upper-case letters."""
    code = str(value)
    if not (code.isalpha() and code.isupper() and 2 <= len(code) <= 6):
        raise SitrepError("E102", path=path, index=index, reason=f"'{code}' is not an upper-case code")
    return code


def check_keys(entry: dict, path: Path | str, index: int, required: set[str], allowed: set[str]) -> None:
    problems = []
    if missing := required - entry.keys():
        problems.append(f"missing {', '.join(sorted(missing))}")
    if unknown := entry.keys() - allowed:
        problems.append(f"unknown key(s) {', '.join(sorted(unknown))} (allowed: {', '.join(sorted(allowed))})")
    if problems:
        raise SitrepError("E102", path=path, index=index, reason="; ".join(problems))
