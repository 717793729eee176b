"""Reading PETRARCH / TABARI actor and agent dictionaries into sitrep's data format.

Actor files give each entry a primary phrase, ``+`` synonyms and one or more codes in
brackets, each optionally bounded in time (``[IRQGOV 20060520-20140908]``, the older
``[IRQELI 680101-000101]``, open bounds ``>060520`` and ``<140908``); an undated code is
the default outside the dated ones. Agent files map noun phrases to agent codes
(``[~COP]``), with ``!SET!`` substitutions and irregular plurals in braces.

Every line either becomes part of an entry or is reported with its number and the
reason, so an import can be checked for loss.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# CAMEO country codes that differ from ISO 3166-1 alpha-3.
CAMEO_TO_ISO = {"ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "KSV": "XKX", "DRC": "COD", "BHM": "BHS",
                "GZS": "PSE", "WSB": "PSE", "PAL": "PSE", "MYA": "MMR", "BUR": "MMR"}
_LOWER = {"al", "el", "ash", "as", "ad", "an", "ar", "az", "bin", "ibn", "bint", "abu", "de", "da", "di", "du",
          "del", "der", "la", "le", "van", "von", "of", "the", "and", "for", "in", "on", "y", "e", "des", "dos"}
_CODE = re.compile(r"\[([^\]]*)\]")
_BOUND = re.compile(r"^(?P<code>~?[A-Z][A-Z0-9]{0,20}|---)(?:\s+(?P<dates>.+))?$")


@dataclass
class Entry:
    """One dictionary entry as read: its phrases (as written in the file) and codes."""

    phrases: list[str]
    codes: list[dict] = field(default_factory=list)  # {"code", "from"?, "to"?}
    line: int = 0
    comment: str = ""


@dataclass
class Imported:
    entries: list[Entry]
    problems: list[tuple[int, str, str]]  # (line number, the line, why it could not be converted)
    lines: int = 0


def phrase_text(phrase: str) -> str:
    """``NURI_AL-MALIKI_`` -> ``Nuri al-Maliki``: words as a report writes them."""
    words = [w for w in phrase.strip().rstrip("_").split("_") if w]
    return " ".join(_word(word, first=index == 0) for index, word in enumerate(words))


def _word(word: str, first: bool) -> str:
    parts = word.split("-")
    return "-".join(_part(part, first and i == 0) for i, part in enumerate(parts))


def _part(part: str, first: bool) -> str:
    if not part.isalpha() or len(part) <= 2 and part.lower() not in _LOWER:
        return part  # an abbreviation (US, UN), a number, a name with dots: as written
    if part.lower() in _LOWER:  # lower case matches any case: "al-Maliki" and "Al-Maliki"
        return part.lower()
    if not re.search(r"[AEIOUY]", part.upper()):
        return part  # no vowel: an acronym (NSF, KDP)
    return part[:1].upper() + part[1:].lower()


def parse_date(value: str) -> str:
    """YYYYMMDD or the older YYMMDD (years before 30 are 20xx) as YYYY-MM-DD."""
    if len(value) == 6:
        year = int(value[:2])
        value = f"{2000 + year if year < 30 else 1900 + year}{value[2:]}"
    if len(value) != 8 or not value.isdigit():
        raise ValueError(f"'{value}' is not YYYYMMDD or YYMMDD")
    day = f"{value[:4]}-{value[4:6]}-{value[6:]}"
    from datetime import date

    date.fromisoformat(day)
    return day


def parse_code(text: str) -> dict:
    """``IRQGOV 20060520-20140908`` -> {"code": "IRQGOV", "from": "2006-05-20", "to": "2014-09-08"}."""
    found = _BOUND.match(" ".join(text.split()))
    if not found:
        raise ValueError(f"'[{text}]' is not a code")
    code = {"code": found.group("code")}
    dates = (found.group("dates") or "").replace(" ", "")
    if dates.startswith(">"):
        code["from"] = parse_date(dates[1:])
    elif dates.startswith("<"):
        code["to"] = parse_date(dates[1:])
    elif "-" in dates:
        start, _, end = dates.partition("-")
        code["from"], code["to"] = parse_date(start), parse_date(end)
    elif dates:  # a lone date: the code holds from then on
        code["from"] = parse_date(dates)
    return code


def read_actor_file(path: Path) -> Imported:
    entries: list[Entry] = []
    problems: list[tuple[int, str, str]] = []
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    for number, line in enumerate(lines, start=1):
        body, _, comment = line.partition("#")
        if not body.strip():
            continue
        phrase_part = _CODE.sub(" ", body).strip()
        codes = []
        for raw in _CODE.findall(body):
            try:
                codes.append(parse_code(raw))
            except ValueError as exc:
                problems.append((number, line, str(exc)))
        if body[:1] not in (" ", "\t", "+") and phrase_part:
            if entries and not entries[-1].codes:  # lines before one block of codes share it
                entries[-1].phrases.append(phrase_part)
                entries[-1].codes.extend(codes)
            else:
                entries.append(Entry([phrase_part], codes, number, comment.strip()))
        elif not entries:
            problems.append((number, line, "a synonym or code before any entry"))
        else:
            if phrase_part:  # "+SYNONYM", or a phrase indented without its "+"
                entries[-1].phrases.append(phrase_part.lstrip("+").strip())
            entries[-1].codes.extend(codes)
    for entry in entries:
        if not entry.codes:
            problems.append((entry.line, lines[entry.line - 1], "entry has no code"))
    return Imported([e for e in entries if e.codes], problems, len(lines))


def read_agent_file(path: Path) -> Imported:
    """Agent lines, with their ``!SET!`` substitutions and plurals expanded."""
    sets: dict[str, list[str]] = {}
    entries: list[Entry] = []
    problems: list[tuple[int, str, str]] = []
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    for number, line in enumerate(lines, start=1):
        body, _, comment = line.partition("#")
        body = body.strip()
        if not body:
            continue
        if body.startswith("!") and "=" in body:
            name, _, members = body.partition("=")
            sets[name.strip()] = [m.strip() for m in members.split(",") if m.strip()]
            continue
        codes = _CODE.findall(body)
        if len(codes) != 1 or not codes[0].strip().startswith("~"):
            problems.append((number, line, "agent line without one [~CODE]"))
            continue
        phrase = _CODE.sub("", body)
        plurals_given = re.search(r"\{([^}]*)\}", phrase)
        phrase = re.sub(r"\{[^}]*\}", "", phrase).strip()
        forms = _expand(phrase, sets)
        if plurals_given is not None:
            forms += [f for p in plurals_given.group(1).split() for f in _expand(p.lstrip("+"), sets)]
        else:
            forms += [_plural(f) for f in forms if "!" not in phrase]
        entries.append(Entry(list(dict.fromkeys(forms)), [{"code": codes[0].strip()}], number, comment.strip()))
    return Imported(entries, problems, len(lines))


def _expand(phrase: str, sets: dict[str, list[str]]) -> list[str]:
    found = re.search(r"![A-Z]+!", phrase)
    if not found:
        return [phrase]
    members = sets.get(found.group(), [])
    return [f for m in members for f in _expand(phrase.replace(found.group(), m, 1), sets)]


def _plural(phrase: str) -> str:
    if phrase.endswith("SS"):
        return phrase + "ES"
    if phrase.endswith("Y") and phrase[-2:-1] not in "AEIOU":
        return phrase[:-1] + "IES"
    return phrase + "S"


def to_records(imported: Imported, source: str, agents: bool) -> list[dict]:
    """The entries in sitrep's format: agents as ``agents.yaml`` entries, actors as coded entries."""
    records = []
    for entry in imported.entries:
        names = list(dict.fromkeys(phrase_text(p) for p in entry.phrases if phrase_text(p)))
        where = f"{source}:{entry.line}" + (f" ({entry.comment})" if entry.comment else "")
        if agents:
            code = entry.codes[0]["code"].lstrip("~")
            records.append({"code": code[:3], "label": names[0].lower(), "nouns": [n.lower() for n in names],
                            "source": where})
            continue
        codes = []
        for code in entry.codes:
            value = code["code"]
            if value[:3] in CAMEO_TO_ISO:
                value = CAMEO_TO_ISO[value[:3]] + value[3:]
            codes.append({"code": value, **{k: code[k] for k in ("from", "to") if k in code}})
        records.append({"names": names, "codes": codes, "source": where})
    return records


def write_yaml(records: list[dict], path: Path, header: str) -> None:
    """Entries one per block, lists in flow style, behind a header of comments."""
    import yaml

    body = yaml.dump(records, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), default_flow_style=None,
                     allow_unicode=True, sort_keys=False, width=10_000)
    comments = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
    path.write_text(comments + "\n" + body.replace("\n- ", "\n\n- "), encoding="utf-8")


def import_files(paths: list[Path], out: Path, licence: str | None = None) -> list[tuple[Path, Imported, int]]:
    """Convert each PETRARCH file to ``out/<name>.yaml``; (source, what was read, entries written)."""
    results = []
    for path in paths:
        agents = ".agents" in path.name or "agent" in path.stem.lower()
        imported = (read_agent_file if agents else read_actor_file)(path)
        records = to_records(imported, path.name, agents)
        stem = path.name.replace(".txt", "").replace(".", "_").lower()
        header = (f"Imported by `sitrep dict import` from {path.name}, a PETRARCH/TABARI dictionary.\n"
                  "Each entry's source names the file and line it came from.\n"
                  + (f"\n{licence}" if licence else ""))
        write_yaml(records, out / f"{stem}.yaml", header)
        results.append((path, imported, len(records)))
    return results
