"""Build src/sitrep/ontology/data/cameo.tsv from the CAMEO reference files.

    python scripts/build_cameo_table.py ../shared/reference

Reads the CAMEO-to-PLOVER table (every code with its description, PLOVER
type, mode and context) and the Goldstein weights, adds the statement and
appeal codes (01, 02) that PLOVER folded away, and writes one table the
package loads at run time. The output is committed; re-run only when the
reference changes.
"""

import csv
import sys
from pathlib import Path

# Roots 01 and 02 are not in the PLOVER table; their descriptions are CAMEO's.
STATEMENTS_AND_APPEALS = {
    "01": "Make public statement",
    "010": "Make statement, not specified below",
    "011": "Decline comment",
    "012": "Make pessimistic comment",
    "013": "Make optimistic comment",
    "014": "Consider policy option",
    "015": "Acknowledge or claim responsibility",
    "016": "Deny responsibility",
    "017": "Engage in symbolic act",
    "018": "Make empathetic comment",
    "019": "Express accord",
    "02": "Appeal",
    "020": "Make an appeal or request, not specified below",
    "021": "Appeal for material cooperation",
    "0211": "Appeal for economic cooperation",
    "0212": "Appeal for military cooperation",
    "0213": "Appeal for judicial cooperation",
    "0214": "Appeal for intelligence",
    "022": "Appeal for diplomatic cooperation",
    "023": "Appeal for aid",
    "0231": "Appeal for economic aid",
    "0232": "Appeal for military aid",
    "0233": "Appeal for humanitarian aid",
    "0234": "Appeal for military protection or peacekeeping",
    "024": "Appeal for political reform",
    "0241": "Appeal for change in leadership",
    "0242": "Appeal for policy change",
    "0243": "Appeal for rights",
    "0244": "Appeal for change in institutions, regime",
    "025": "Appeal to yield",
    "0251": "Appeal for easing of administrative sanctions",
    "0252": "Appeal for easing of popular dissent",
    "0253": "Appeal for release of persons or property",
    "0254": "Appeal for easing of economic sanctions, boycott, or embargo",
    "0255": "Appeal for allowing international involvement",
    "0256": "Appeal for de-escalation of military engagement",
    "026": "Appeal to others to meet or negotiate",
    "027": "Appeal to others to settle dispute",
    "028": "Appeal to others to engage in or accept mediation",
}
# The PLOVER table names code 100 only by its PLOVER type.
NAME_FIXES = {"100": "Demand, not specified below"}


def quad_class(root: int) -> int:
    """QuadClass as GDELT and ICEWS use it: 1 verbal cooperation (01-05), 2 material cooperation
    (06-09), 3 verbal conflict (10-14), 4 material conflict (15-20)."""
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def main(reference: Path, out: Path) -> None:
    goldstein = {}
    with open(reference / "CAMEO.goldsteinscale.txt", encoding="utf-8") as f:
        next(f)
        for line in f:
            code, weight = line.split()
            goldstein[code] = float(weight)

    rows = {}
    for code, name in STATEMENTS_AND_APPEALS.items():
        rows[code] = [code, name, "REQUEST" if code.startswith("02") else "", "", ""]
    for line in (reference / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or ":" not in line:
            continue
        code, rest = (part.strip() for part in line.split(":", 1))
        mapping, _, name = rest.partition("#")
        fields = [field.strip() for field in mapping.split(",")] + ["", "", ""]
        plover_type, mode, context = fields[:3]
        if len(code) == 2:  # root header line, e.g. "19: ASSAULT"
            rows.setdefault(code, [code, "", plover_type, "", ""])
            continue
        context = ";".join(c.strip() for c in context.split(";") if c.strip())
        rows[code] = [code, NAME_FIXES.get(code, name.strip()), plover_type, mode, context]

    with open(out, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter="\t", lineterminator="\n")
        writer.writerow(["code", "name", "quad_class", "goldstein", "plover_type", "plover_mode", "plover_context"])
        for code in sorted(rows, key=lambda c: (c[:2], c)):
            code, name, plover_type, mode, context = rows[code]
            if not name:  # a root with no description of its own takes its base code's
                name = rows.get(code + "0", [None, ""])[1]
            weight = goldstein.get(code, goldstein.get(code[:3], goldstein.get(code[:2])))
            writer.writerow([code, name, quad_class(int(code[:2])), weight, plover_type, mode, context])
    print(f"wrote {len(rows)} codes to {out}")


if __name__ == "__main__":
    ref = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference")
    main(ref, Path(__file__).resolve().parent.parent / "src/sitrep/ontology/data/cameo.tsv")
