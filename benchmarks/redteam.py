"""The red team's soundness benchmark: every claim of tests/data/redteam/claims.jsonl through
``dx.check``, judged against the corpus's labels and its independent oracle.

    python benchmarks/redteam.py -o redteam.json              # all claims through dx.check_many
    python benchmarks/redteam.py --jobs 1 -o redteam.json     # dx.check in this process, in turn
    python benchmarks/redteam.py --family givens --id giv-01  # a subset
    python benchmarks/redteam.py --corpus tests/data/redteam2 -o rt2.json   # another corpus

A verdict is unsound when it is ``proved`` for a claim labelled false, ``refuted`` for a claim
labelled true, or ``refuted`` with a counterexample the oracle rejects (outside the declared
domains, violating a given, or a point where the claim holds or has no value). The table gives,
per family, the count of each status, the unsound verdicts, and the share of true claims proved
and of false claims refuted; every unsound verdict is listed with its claim and counterexample.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

# this benchmark measures deciding claims: none is answered from the verdict cache on disk
os.environ["DERIVAX_CACHE"] = "off"

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "redteam"
sys.path.insert(0, str(CORPUS))

STATUSES = ("proved", "refuted", "plausible", "unknown", "timeout", "error")


def use_corpus(path: Path) -> None:
    """Read claims and the oracle from ``path`` (a directory with claims.jsonl and oracle.py).

    Its ``oracle.py`` is found first on ``sys.path``; the first corpus's directory stays on the
    path after it, so a corpus may reuse that directory's ``_core.py`` machinery.
    """
    global CORPUS
    CORPUS = path.resolve()
    sys.path.insert(0, str(CORPUS))


def load(families: list[str] | None = None, ids: list[str] | None = None) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in (CORPUS / "claims.jsonl").read_text().splitlines() if line]
    if families:
        rows = [r for r in rows if r["family"] in families]
    if ids:
        rows = [r for r in rows if r["id"] in ids]
    return rows


def unsound_reason(row: dict[str, Any], status: str, counterexample: Any) -> str | None:
    """Why the verdict is unsound (None when it is not)."""
    if status == "proved" and row["truth"] == "false":
        return "proved, but the claim is false"
    if status == "refuted" and row["truth"] == "true":
        return "refuted, but the claim is true"
    if status == "refuted":
        from _core import judge_counterexample
        from oracle import BY_ID  # the independent oracle: never derivax's evaluators

        if not isinstance(counterexample, dict):
            return "refuted without a counterexample"
        return judge_counterexample(BY_ID[row["id"]], counterexample)
    return None


def run(rows: list[dict[str, Any]], timeout: float, jobs: int) -> list[dict[str, Any]]:
    import derivax as dx

    out = []
    if jobs != 1:
        # dx.check_many's own warm pool (one worker per core; --jobs N > 1 runs N at a time through
        # a process pool of the standard library instead): a claim that hangs past its budget is
        # stopped there, which dx.check in this process cannot do
        items = [
            {
                "id": r["id"],
                "claim": r["claim"],
                "symbols": r["symbols"] or None,
                "given": r["given"],
                "timeout": timeout,
            }
            for r in rows
        ]
        pool = ProcessPoolExecutor(jobs) if jobs > 1 else None
        try:
            verdicts = dx.check_many(items, timeout=timeout, executor=pool)
            for r, v in zip(rows, verdicts, strict=True):
                out.append(_result(r, v.status, v.method, v.counterexample, v.seconds, v.reason))
                _progress(out[-1])
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)
        return out
    for r in rows:
        t0 = time.process_time()
        try:
            v = dx.check(r["claim"], r["symbols"] or None, given=r["given"], timeout=timeout)
            res = _result(r, v.status, v.method, v.counterexample, v.seconds, v.reason)
        except dx.DerivaxError as e:
            res = _result(r, "error", "", None, time.process_time() - t0, str(e).splitlines()[0])
        out.append(res)
        _progress(res)
    return out


def _result(
    r: dict[str, Any], status: str, method: Any, cx: Any, seconds: Any, reason: Any
) -> dict:
    res = dict(r)
    res.update(
        status=status,
        method=method,
        counterexample=cx,
        seconds=seconds,
        reason=reason,
    )
    res["unsound"] = unsound_reason(r, status, cx)
    return res


def _progress(res: dict[str, Any]) -> None:
    mark = "UNSOUND " if res["unsound"] else ""
    print(
        f"  {res['id']:9s} {res['truth']:5s} {res['status']:9s} {mark}{res['claim']}",
        file=sys.stderr,
        flush=True,
    )


def table(results: list[dict[str, Any]]) -> str:
    fams = sorted({r["family"] for r in results})
    head = ["family", "claims", *STATUSES, "unsound", "true proved", "false refuted"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]

    def line(name: str, rs: list[dict[str, Any]]) -> str:
        c = collections.Counter(r["status"] for r in rs)
        t = [r for r in rs if r["truth"] == "true"]
        f = [r for r in rs if r["truth"] == "false"]
        tp = sum(r["status"] == "proved" for r in t)
        fr = sum(r["status"] == "refuted" and not r["unsound"] for r in f)
        cells = [
            name,
            str(len(rs)),
            *(str(c[s]) for s in STATUSES),
            str(sum(bool(r["unsound"]) for r in rs)),
            f"{tp}/{len(t)} ({100 * tp / max(len(t), 1):.0f} %)",
            f"{fr}/{len(f)} ({100 * fr / max(len(f), 1):.0f} %)",
        ]
        return "| " + " | ".join(cells) + " |"

    for fam in fams:
        lines.append(line(fam, [r for r in results if r["family"] == fam]))
    lines.append(line("**all**", results))
    bad = [r for r in results if r["unsound"]]
    if bad:
        lines.append("")
        lines.append(f"Unsound verdicts ({len(bad)}):")
        for r in bad:
            lines.append(
                f"- {r['id']} `{r['claim']}` symbols `{r['symbols']}` given {r['given']}: "
                f"{r['status']} ({r['method']}); counterexample {json.dumps(r['counterexample'])}; "
                f"{r['unsound']}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", type=Path, help="write every result to this JSON file")
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument(
        "--jobs",
        type=int,
        default=0,
        help="0: dx.check_many's warm pool (default); 1: dx.check here, in turn; N: a pool of N",
    )
    ap.add_argument("--family", action="append", help="only this family (repeatable)")
    ap.add_argument("--id", action="append", help="only this claim (repeatable)")
    ap.add_argument(
        "--corpus",
        type=Path,
        help="a directory with claims.jsonl and oracle.py (default: tests/data/redteam)",
    )
    args = ap.parse_args(argv)
    if args.corpus is not None:
        use_corpus(args.corpus)
    rows = load(args.family, args.id)
    t0 = time.time()
    results = run(rows, args.timeout, args.jobs)
    wall = time.time() - t0
    print(table(results))
    print(
        f"\n{len(results)} claims in {wall:.0f} s wall, timeout {args.timeout:g} s, jobs {args.jobs}"
    )
    if args.output:
        args.output.write_text(json.dumps(results, indent=1, default=str) + "\n")
    return 1 if any(r["unsound"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
