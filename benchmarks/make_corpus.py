"""Writes the fixed throughput corpus: benchmarks/corpus.jsonl (a ``check --batch`` file) and
benchmarks/corpus_expect.json (the verdict each claim should get).

The corpus is every claim of the built-in catalog (with its equation's symbols and givens) and
generated variants of a few textbook identities and inequalities, true and false, so that proofs,
counterexamples and numeric searches all appear. Run it again only to change the corpus; the
benchmark reads the files as they are committed.
"""

from __future__ import annotations

import json
from pathlib import Path

import derivax as dx

HERE = Path(__file__).parent


def catalog_claims() -> list[tuple[dict, str]]:
    rows = []
    for eq in dx.catalog().values():
        for k, c in enumerate(eq.checks):
            row = {"id": f"{eq.id}/{k}", "claim": c.claim, "symbols": eq.symbols}
            if c.given:
                row["given"] = list(c.given)
            rows.append((row, c.expect))
    return rows


def variants() -> list[tuple[dict, str]]:
    rows: list[tuple[dict, str]] = []

    def add(family: str, k: int, claim: str, expect: str, symbols: str = "") -> None:
        row = {"id": f"{family}/{k}", "claim": claim}
        if symbols:
            row["symbols"] = symbols
        rows.append((row, expect))

    for k in range(1, 31):
        add("square", k, f"(x + {k})^2 = x^2 + {2 * k} x + {k * k}", "proved")
        add("square_wrong", k, f"(x + {k})^2 = x^2 + {k * k}", "refuted")
        add("amgm", k, f"{k} x^2 + {k} y^2 \\ge {2 * k} x y", "proved")
        add("sigmoid_shift", k, f"\\sigma(x + {k}) = 1 - \\sigma(-x - {k})", "proved")
        add("sigmoid_bound", k, f"\\sigma(x) \\le \\frac{{{k}}}{{{k + 1}}}", "refuted")
        add(
            "log_bound",
            k,
            f"\\log({k} t) \\le {k} t - 1",
            "proved",
            "t: scalar, positive",
        )
        add("exp_tangent", k, f"e^{{{k} x}} \\ge 1 + {k} x", "proved")
    return rows


def main() -> None:
    rows = catalog_claims() + variants()
    ids = [r["id"] for r, _ in rows]
    assert len(ids) == len(set(ids)) and len(rows) >= 300, len(rows)
    (HERE / "corpus.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r, _ in rows), encoding="utf-8"
    )
    (HERE / "corpus_expect.json").write_text(
        json.dumps({r["id"]: e for r, e in rows}, indent=1) + "\n", encoding="utf-8"
    )
    print(f"{len(rows)} claims")


if __name__ == "__main__":
    main()
