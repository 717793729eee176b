"""Scoring against human-coded gold JSONL (schemas in the gold README).

The headline metrics are computed exactly as the reference scorer does
(the same main-event choice, the same span overlap), so the numbers agree;
on top, each task prints per-class precision and recall and a confusion
table, which is where one learns what the coder gets wrong.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import SitrepError
from .model import Document
from .ontology import pentaclass

TASKS = ("quad", "acled", "actors")
NONE = "(none)"


@dataclass
class Report:
    task: str
    metrics: dict[str, Any]
    pairs: list[tuple[str, str]] = field(default_factory=list)  # (gold label, predicted label)

    def per_class(self) -> list[tuple[str, int, float, float, float]]:
        """(label, support, precision, recall, f1) for every gold label."""
        rows = []
        for label in sorted({g for g, _ in self.pairs}):
            tp = sum(1 for g, p in self.pairs if g == label and p == label)
            fp = sum(1 for g, p in self.pairs if g != label and p == label)
            fn = sum(1 for g, p in self.pairs if g == label and p != label)
            precision = tp / (tp + fp) if tp + fp else 0.0
            recall = tp / (tp + fn) if tp + fn else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            rows.append((label, tp + fn, precision, recall, f1))
        return rows

    def confusion(self) -> tuple[list[str], list[str], dict[tuple[str, str], int]]:
        counts = Counter(self.pairs)
        gold = sorted({g for g, _ in self.pairs})
        predicted = sorted({p for _, p in self.pairs}, key=lambda p: (p == NONE, p))
        return gold, predicted, counts

    def render(self) -> str:
        lines = [f"task: {self.task}"]
        lines += [f"  {name}: {value}" for name, value in self.metrics.items()]
        if self.pairs:
            width = max(len(label) for label, *_ in self.per_class())
            lines += ["", f"{'class':<{width}}  support  precision  recall     f1"]
            for label, support, precision, recall, f1 in self.per_class():
                lines.append(f"{label:<{width}}  {support:7d}  {precision:9.3f}  {recall:6.3f}  {f1:5.3f}")
            gold, predicted, counts = self.confusion()
            short = [p[:10] for p in predicted]
            lines += ["", "confusion (rows gold, columns predicted)",
                      " " * (width + 2) + " ".join(f"{p:>10}" for p in short)]
            for g in gold:
                lines.append(f"{g:<{width}}  " + " ".join(f"{counts.get((g, p), 0):>10d}" for p in predicted))
        return "\n".join(lines)


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    records = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SitrepError("E402", path=path, line=number, reason=exc.msg) from None
            if "text" not in record or "expected" not in record:
                raise SitrepError("E402", path=path, line=number, reason="needs 'text' and 'expected'")
            records.append(record)
    return records


def main_event(events: list[dict], wanted: Callable[[dict], Any]) -> dict | None:
    """The first event that has the wanted field, else the first event (as the reference scorer)."""
    for event in events:
        if wanted(event):
            return event
    return events[0] if events else None


def _overlaps(span_text: str, actor: dict | None, squeeze: bool = False) -> bool:
    """The reference scorer's test: one text inside the other, ignoring case. With ``squeeze``,
    white space is ignored too, since the ConfliBERT spans are tokens joined by spaces
    ("Trump 's decision") while sitrep reports the text as written ("Trump's decision")."""
    if not actor or not span_text:
        return False
    a, s = (actor.get("text") or "").lower(), span_text.lower()
    if squeeze:
        a, s = "".join(a.split()), "".join(s.split())
    return bool(a) and (a in s or s in a)


def _root_class(event: dict | None) -> str:
    if event is None:
        return NONE
    root = event.get("cameo_root") or (event.get("cameo") or "")[:2]
    return str(pentaclass(root)) if root else NONE


def score_quad(gold: list[dict], predicted: dict[str, dict]) -> Report:
    out: Counter = Counter()
    pairs = []
    for record in gold:
        expected = record["expected"]
        events = (predicted.get(record["id"]) or {}).get("events") or []
        event = main_event(events, lambda e: e.get("source") and e.get("target"))
        label = _root_class(event)
        pairs.append((str(expected["cameo_pentaclass"]), label))
        out["docs"] += 1
        out["ok"] += label == str(expected["cameo_pentaclass"])
        out["coded"] += event is not None
        for role, short in (("source", "src"), ("target", "tgt")):
            if expected.get("has_span_annotation") and expected.get(f"{role}_spans"):
                out[f"{short}_docs"] += 1
                spans = expected[f"{role}_spans"] + expected.get("reciprocal_spans", [])
                actor = (event or {}).get(role)
                out[f"{short}_ok"] += any(_overlaps(s, actor) for s in spans)
                out[f"{short}_ok_squeezed"] += any(_overlaps(s, actor, squeeze=True) for s in spans)
    metrics = {
        "docs": out["docs"],
        "pentaclass_acc": _ratio(out["ok"], out["docs"]),
        "coded_share": _ratio(out["coded"], out["docs"]),
        "source_span_acc": _ratio(out["src_ok"], out["src_docs"]),
        "target_span_acc": _ratio(out["tgt_ok"], out["tgt_docs"]),
        # not in the reference scorer: the same with white space ignored (see _overlaps)
        "source_span_acc_ignoring_spaces": _ratio(out["src_ok_squeezed"], out["src_docs"]),
        "target_span_acc_ignoring_spaces": _ratio(out["tgt_ok_squeezed"], out["tgt_docs"]),
    }
    return Report("quad", metrics, pairs)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lat1, lon1), (lat2, lon2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _f1s(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    """(support-weighted F1, macro F1) over gold labels."""
    labels = {g for g, _ in pairs}
    weighted, macro = 0.0, []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        weighted += f1 * (tp + fn)
        macro.append(f1)
    return (weighted / len(pairs) if pairs else 0.0), (sum(macro) / len(macro) if macro else 0.0)


def score_acled(gold: list[dict], predicted: dict[str, dict]) -> Report:
    out: Counter = Counter()
    distances, pairs = [], []
    norm = lambda value: (value or "").strip().lower()  # noqa: E731
    for record in gold:
        expected = record["expected"]
        events = (predicted.get(record["id"]) or {}).get("events") or []
        event = main_event(events, lambda e: (e.get("acled") or {}).get("event_type"))
        acled = (event or {}).get("acled") or {}
        got_type, got_sub = norm(acled.get("event_type")), norm(acled.get("sub_event_type"))
        want_type = norm(expected.get("event_type"))
        out["docs"] += 1
        out["type_ok"] += got_type == want_type
        pairs.append((want_type, got_type or NONE))
        if expected.get("sub_event_type"):
            out["sub_docs"] += 1
            out["sub_ok"] += got_sub == norm(expected["sub_event_type"])
        if expected.get("lat") is not None:
            out["geo_docs"] += 1
            location = (event or {}).get("location") or {}
            if not location and events:
                location = next((e["location"] for e in events if e.get("location")), {})
            if location.get("lat") is not None:
                d = _km((location["lat"], location["lon"]), (expected["lat"], expected["lon"]))
                distances.append(d)
                out["within50"] += d <= 50
                out["within161"] += d <= 161
        if expected.get("fatalities") is not None:
            got = sum((e.get("fatalities") or 0) for e in events[:1]) if events else 0
            out["fat_docs"] += 1
            out["fat_ok"] += got == expected["fatalities"]
            if expected["fatalities"] > 0:
                out["fat_nz_docs"] += 1
                out["fat_nz_ok"] += got == expected["fatalities"]
    distances.sort()
    # the reference scorer's F1s count an empty prediction as the label ""
    weighted, macro = _f1s([(g, "" if p == NONE else p) for g, p in pairs])
    metrics = {
        "docs": out["docs"],
        "event_type_acc": _ratio(out["type_ok"], out["docs"]),
        "event_type_wf1": round(weighted, 4),
        "event_type_macro_f1": round(macro, 4),
        "sub_event_type_acc": _ratio(out["sub_ok"], out["sub_docs"]),
        "loc_within50": _ratio(out["within50"], out["geo_docs"]),
        "loc_within161": _ratio(out["within161"], out["geo_docs"]),
        "loc_median_km": round(distances[len(distances) // 2], 1) if distances else None,
        "fatalities_exact": _ratio(out["fat_ok"], out["fat_docs"]),
        "fatalities_exact_nonzero": _ratio(out["fat_nz_ok"], out["fat_nz_docs"]),
    }
    return Report("acled", metrics, pairs)


def _expected_actor(record: dict) -> tuple[str | None, str | None]:
    """(country, sector) the gold asserts; None where it asserts nothing."""
    expected = (record.get("expected") or [{}])[0]
    country = expected.get("cc") or expected.get("country")
    if country is None and expected.get("code") and "-" in str(expected["code"]):
        country = str(expected["code"]).split("-")[0]
    if country in ("", "?"):
        country = "" if "country" in expected or str(expected.get("code") or "").startswith("-") else None
    sector = expected.get("code_1")
    if sector in ("?", "????") or sector is None:
        sector = None
    return country, sector


def gold_day(value: object) -> date | None:
    """A gold record's date as written ("2022-03-01", "10 May 2015", "today"); None when it has none."""
    if not value or not str(value).strip():
        return None
    if str(value).strip().lower() == "today":
        return date.today()
    parsed = pd.to_datetime(str(value), errors="coerce", dayfirst=True)
    return None if pd.isna(parsed) else parsed.date()


def score_actors(gold: list[dict], resolve: Callable[[str, date | None, str | None], dict | None]) -> Report:
    out: Counter = Counter()
    pairs = []
    for record in gold:
        if record.get("xfail"):
            continue
        country, sector = _expected_actor(record)
        if country is None and sector is None:
            continue
        actor = resolve(record["text"], gold_day(record.get("date")), record.get("context")) or {}
        out["cases"] += 1
        if country is not None:
            out["country_cases"] += 1
            out["country_ok"] += (actor.get("country") or "") == country
        if sector is not None:
            out["sector_cases"] += 1
            got = actor.get("sector") or ""
            out["sector_ok"] += got == sector
            pairs.append((sector or NONE, got or NONE))
        if country is not None and sector is not None:
            out["both_cases"] += 1
            out["both_ok"] += (actor.get("country") or "") == country and (actor.get("sector") or "") == sector
    metrics = {
        "cases": out["cases"],
        "country_acc": _ratio(out["country_ok"], out["country_cases"]),
        "country_cases": out["country_cases"],
        "sector_acc": _ratio(out["sector_ok"], out["sector_cases"]),
        "sector_cases": out["sector_cases"],
        "code_acc": _ratio(out["both_ok"], out["both_cases"]),
    }
    return Report("actors", metrics, pairs)


def _ratio(part: int, whole: int) -> float:
    return round(part / max(1, whole), 4)


def predict(gold: list[dict], coder: Any) -> Iterable[dict]:
    documents = (Document(id=r["id"], text=r["text"], date=(r.get("date") or None)) for r in gold)
    for coded in coder.pipe(documents):
        yield coded.to_dict()


def evaluate(gold_path: str | Path, task: str, pred_path: str | Path | None = None,
             save_path: str | Path | None = None, model: str | None = None,
             dictionaries: Iterable[str] = (), limit: int | None = None) -> Report:
    """Code the gold texts (or read ``pred_path``) and score them."""
    if task not in TASKS:
        raise SitrepError("E401", task=task, choices=", ".join(TASKS))
    from .nlp import DEFAULT_MODEL
    from .pipeline import Coder

    gold = load_gold(gold_path)[:limit] if limit else load_gold(gold_path)
    if task == "actors":
        from .actors.resolve_text import resolve_text

        coder = Coder(model=model or DEFAULT_MODEL, dictionaries=dictionaries)
        return score_actors(gold, lambda text, day, context: resolve_text(coder, text, day, context))
    if pred_path:
        with open(pred_path, encoding="utf-8") as handle:
            predicted = {r["id"]: r for r in map(json.loads, filter(str.strip, handle))}
    else:
        predicted = {}
        coder = Coder(model=model or DEFAULT_MODEL, dictionaries=dictionaries)
        with ExitStack() as stack:
            save = stack.enter_context(open(save_path, "w", encoding="utf-8")) if save_path else None
            for record in predict(gold, coder):
                predicted[record["id"]] = record
                if save:
                    save.write(json.dumps(record, ensure_ascii=False) + "\n")
    return (score_quad if task == "quad" else score_acled)(gold, predicted)
