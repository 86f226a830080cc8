"""Time to a clean answer for inputs built to blow up, and for the injection payloads.

    python benchmarks/blowups.py

Each blow-up input is parsed, then checked as a claim with a 2 s budget, five times; the p99
(here: the slowest of the runs) must stay under the budget plus 2 s. Prints a Markdown table.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

# this benchmark measures deciding claims: none is answered from the verdict cache on disk
os.environ["DERIVAX_CACHE"] = "off"

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

BUDGET = 2.0


def main() -> None:
    from test_reliability import BLOWUPS, payloads

    import derivax as dx

    rows = []
    for latex in BLOWUPS:
        times, outcome = [], ""
        for _ in range(5):
            start = time.perf_counter()
            try:
                v = dx.check(f"{latex} = {latex} + 1", timeout=BUDGET)
                outcome = v.status
            except dx.DerivaxError as e:
                outcome = f"{type(e).__name__}"
            times.append(time.perf_counter() - start)
        rows.append((latex, outcome, statistics.median(times), max(times)))
    print("| input | answer | median (s) | slowest of 5 (s) |")
    print("|---|---|---|---|")
    for latex, outcome, med, worst in rows:
        print(f"| `{latex}` | {outcome} | {med:.2f} | {worst:.2f} |")
    worst = max(r[3] for r in rows)
    print(f"\nslowest answer: {worst:.2f} s (budget {BUDGET:g} s + 2 s = {BUDGET + 2:g} s)")
    sentinel = "/tmp/derivax-sentinel"
    print(f"injection payloads: {len(payloads(sentinel))}")


if __name__ == "__main__":
    main()
