"""derivax beside the field's answer checker, math-verify, on the equalities of real notes and papers.

    pip install -e ".[compare]"          # math-verify 0.9.0, the optional extra
    PYTHONPATH=src python benchmarks/answer_checker.py [--markdown] [--record]

The claims are benchmarks/equalities.jsonl (written by benchmarks/make_equalities.py from the
notes and papers of ``tests/data``): each is ``lhs = rhs`` with its document's symbol table and
givens. In one warm process (both tools have decided a few other claims first, and derivax's
verdict cache is off), each claim is decided once by each tool, and its wall time taken:

- derivax: ``dx.check(lhs = rhs, symbols, given)``; a claim it reads is one that raises no
  ``DerivaxError``. It accepts a claim when the verdict is ``proved``.
- math-verify: ``verify(parse($lhs$), parse($rhs$))``; a claim it reads is one where both
  sides parse to something. It accepts a claim when ``verify`` says True.

On the claims both read, the script prints each tool's median and mean seconds per claim and how
many claims each accepts. derivax's verdicts are compared with those recorded in
benchmarks/equalities_expect.json (``--record`` rewrites that file): a speed-up must change no
verdict, and every changed one is listed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

# this benchmark measures deciding claims: none is answered from the verdict cache on disk
os.environ["DERIVAX_CACHE"] = "off"

ROOT = Path(__file__).resolve().parent.parent
CLAIMS = ROOT / "benchmarks" / "equalities.jsonl"
EXPECT = ROOT / "benchmarks" / "equalities_expect.json"
WARM_UP = (r"(a + b)^2 = a^2 + 2ab + b^2", r"\frac{d}{dx} \sin x = \cos x", r"e^{\log 2} = 2")


def key(row: dict) -> str:
    return f"{row['source']}:{row['line']}: {row['lhs']} = {row['rhs']}"


def by_derivax(row: dict) -> tuple[str | None, float]:
    """derivax's verdict (None when it does not read the claim) and the wall seconds it took."""
    import derivax as dx

    start = time.perf_counter()
    try:
        verdict = dx.check(
            f"{row['lhs']} = {row['rhs']}", symbols=row["symbols"] or None, given=row["given"]
        )
    except dx.DerivaxError:
        return None, time.perf_counter() - start
    return verdict.status, time.perf_counter() - start


def by_math_verify(row: dict) -> tuple[bool | None, float]:
    """math-verify's answer (None when a side does not parse) and the wall seconds it took."""
    from math_verify import parse, verify

    start = time.perf_counter()
    gold, target = parse(f"${row['lhs']}$"), parse(f"${row['rhs']}$")
    if not gold or not target:
        return None, time.perf_counter() - start
    same = bool(verify(gold, target))
    return same, time.perf_counter() - start


def warm_up() -> None:
    for claim in WARM_UP:
        lhs, rhs = claim.split(" = ")
        by_derivax({"lhs": lhs, "rhs": rhs, "symbols": "", "given": []})
        by_math_verify({"lhs": lhs, "rhs": rhs})


def measure(rows: list[dict]) -> list[dict]:
    warm_up()
    results = []
    for row in rows:
        status, t_dx = by_derivax(row)
        same, t_mv = by_math_verify(row)
        results.append(
            {
                "claim": key(row),
                "derivax": status,
                "derivax_s": t_dx,
                "math_verify": same,
                "math_verify_s": t_mv,
            }
        )
    return results


def summary(results: list[dict], expect: dict[str, str]) -> dict:
    both = [r for r in results if r["derivax"] is not None and r["math_verify"] is not None]
    changed = [
        (r["claim"], expect[r["claim"]], r["derivax"])
        for r in results
        if r["claim"] in expect and expect[r["claim"]] != r["derivax"]
    ]
    dx_times = [r["derivax_s"] for r in both]
    mv_times = [r["math_verify_s"] for r in both]
    return {
        "claims": len(results),
        "derivax_reads": sum(r["derivax"] is not None for r in results),
        "math_verify_reads": sum(r["math_verify"] is not None for r in results),
        "both_read": len(both),
        "derivax_median_s": statistics.median(dx_times) if both else None,
        "derivax_mean_s": statistics.fmean(dx_times) if both else None,
        "math_verify_median_s": statistics.median(mv_times) if both else None,
        "math_verify_mean_s": statistics.fmean(mv_times) if both else None,
        "derivax_proves": sum(r["derivax"] == "proved" for r in both),
        "derivax_refutes": sum(r["derivax"] == "refuted" for r in both),
        "math_verify_accepts": sum(r["math_verify"] is True for r in both),
        "changed": changed,
    }


def report(s: dict, markdown: bool) -> str:
    ratio = s["derivax_median_s"] / s["math_verify_median_s"] if s["both_read"] else float("nan")
    lines = [
        f"{s['claims']} equalities; derivax reads {s['derivax_reads']}, math-verify reads "
        f"{s['math_verify_reads']}, both read {s['both_read']}.",
        "",
        "| tool | median s / claim | mean s / claim | accepted (of both read) |",
        "|---|---|---|---|",
        f"| derivax | {s['derivax_median_s']:.3f} | {s['derivax_mean_s']:.3f} | "
        f"{s['derivax_proves']} proved ({s['derivax_refutes']} refuted) |",
        f"| math-verify 0.9.0 | {s['math_verify_median_s']:.3f} | {s['math_verify_mean_s']:.3f} | "
        f"{s['math_verify_accepts']} equal |",
        "",
        f"Median ratio derivax / math-verify: {ratio:.2f}. Verdicts changed against "
        f"{EXPECT.name}: {len(s['changed'])}.",
    ]
    lines += [f"- changed: {claim}: {old} -> {new}" for claim, old, new in s["changed"]]
    text = "\n".join(lines)
    return text if markdown else text.replace("| ", "").replace(" |", "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    ap.add_argument("--record", action="store_true", help=f"rewrite {EXPECT.name}")
    ap.add_argument("--json", metavar="OUT", help="write every claim's outcome to OUT")
    args = ap.parse_args()
    try:
        import math_verify  # noqa: F401
    except ImportError:
        sys.exit('math-verify is not installed: pip install -e ".[compare]"')
    rows = [json.loads(line) for line in CLAIMS.read_text(encoding="utf-8").splitlines() if line]
    results = measure(rows)
    expect = json.loads(EXPECT.read_text(encoding="utf-8")) if EXPECT.exists() else {}
    if args.record:
        EXPECT.write_text(
            json.dumps({r["claim"]: r["derivax"] for r in results}, indent=1, ensure_ascii=False)
            + "\n",
            encoding="utf-8",
        )
        expect = {}
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(report(summary(results, expect), args.markdown))


if __name__ == "__main__":
    main()
