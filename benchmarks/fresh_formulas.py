"""Measure derivax on a fresh set of paper formulas (``tests/data/fresh_formulas``): contrastive
learning, optimal transport, RL, EM and HMMs, t-SNE, kernels, survival analysis and signal
processing, each written as its paper writes it, with a NumPy/SciPy reference.

For every formula derivax parses the LaTeX (``dx.parse``) and evaluates it at the row's inputs
(``dx.evaluate``); for the rows with a gradient it derives it (``dx.derive``) and evaluates the
derivation at the same inputs (``dx.evaluate`` of it, shaped like the variable).
Each outcome is one of

- ``right``: the value within 1e-9 relative of the reference (the gradient within 1e-6 of the
  central differences);
- ``refused``: a ``DerivaxError`` with its message;
- ``silently wrong``: a value that differs from the reference (wrong shape included, except
  that a row vector, ``x W`` read as the 1 x n array ``x^\top W``, is compared by its entries with
  the reference's vector), the worst;
- ``crash``: any other exception.

    PYTHONPATH=src python benchmarks/fresh_formulas.py [--corpus DIR] [--area A] [--id ID]
        [--markdown] [--json OUT]

Prints a table per area with the totals, then every refusal (with derivax's message) and every
silently wrong row.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "fresh_formulas"
OUTCOMES = ("right", "refused", "silently wrong", "crash")
VALUE_RTOL, VALUE_ATOL = 1e-9, 1e-12
GRAD_RTOL, GRAD_ATOL = 1e-6, 1e-8


@dataclass
class Outcome:
    """What derivax did with one formula (kind ``value``) or its gradient (kind ``grad``)."""

    id: str
    area: str
    kind: str
    outcome: str
    message: str = ""
    seconds: float = 0.0


def load(
    area: str | None = None, only: str | None = None, corpus: Path = CORPUS
) -> list[dict[str, Any]]:
    rows = []
    for path in sorted(corpus.glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return [
        r for r in rows if (area is None or r["area"] == area) and (only is None or r["id"] == only)
    ]


def reference(encoded: Any) -> np.ndarray:
    if isinstance(encoded, dict):
        return np.asarray(encoded["real"]) + 1j * np.asarray(encoded["imag"])
    return np.asarray(encoded, dtype=float)


def compare(got: Any, want: np.ndarray, rtol: float, atol: float) -> str:
    """Empty when ``got`` matches ``want``; otherwise what differs."""
    try:
        value = np.asarray(got, dtype=complex if np.iscomplexobj(want) else float)
    except (TypeError, ValueError) as error:
        return f"returned {type(got).__name__} {str(got)[:80]!r}, not a number ({error})"
    if value.ndim == 2 and value.shape[0] == 1 and want.ndim == 1:
        value = value[0]  # a row vector (x W read as x^T W, a 1 x n array): its entries
    if value.shape != want.shape:
        return f"shape {value.shape} instead of {want.shape}: {np.array2string(value, precision=6)[:120]}"
    if np.allclose(value, want, rtol=rtol, atol=atol, equal_nan=False):
        return ""
    return (
        f"{np.array2string(value, precision=6)[:120]} instead of "
        f"{np.array2string(want, precision=6)[:120]}"
    )


def classify(call, want: np.ndarray, rtol: float, atol: float) -> tuple[str, str]:
    import derivax as dx

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            got = call()
    except dx.DerivaxError as error:
        return "refused", f"{type(error).__name__}: {str(error).splitlines()[0]}"
    except Exception as error:
        return (
            "crash",
            f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}",
        )
    differs = compare(got, want, rtol, atol)
    return ("silently wrong", differs) if differs else ("right", "")


def measure(row: dict[str, Any]) -> list[Outcome]:
    import derivax as dx

    latex, symbols, inputs = row["latex"], row["symbols"], row["inputs"]

    def value():
        dx.parse(latex, symbols)
        return dx.evaluate(latex, inputs, symbols)

    start = time.process_time()
    outcome, message = classify(value, reference(row["reference"]), VALUE_RTOL, VALUE_ATOL)
    out = [Outcome(row["id"], row["area"], "value", outcome, message, time.process_time() - start)]
    if "wrt" in row:
        along = _on_simplex(row["wrt"], symbols)

        def gradient():
            # the derivation knows its variable: its entries run over the variable's axes
            return along(dx.evaluate(dx.derive(latex, row["wrt"], symbols), inputs))

        start = time.process_time()
        outcome, message = classify(
            gradient, along(reference(row["reference_grad"])), GRAD_RTOL, GRAD_ATOL
        )
        out.append(
            Outcome(row["id"], row["area"], "grad", outcome, message, time.process_time() - start)
        )
    return out


def _on_simplex(wrt: str, symbols: str):
    """For a variable declared a simplex, the gradient's part along the simplex (minus its mean):
    a formula given on the simplex defines only that part, and a reference's finite differences
    step off the simplex, where the formula as written and the reference's own definition of it
    may differ (``2 \\arccos \\sum_i \\sqrt{p_i q_i}`` against an angle between normalized
    vectors); the identity for any other variable."""
    import derivax as dx

    table = dx.symbols(symbols)
    key = table.resolve(wrt)
    if key is None or table[key].kind != "simplex":
        return lambda g: g

    def along(g):
        g = np.asarray(g, dtype=float)
        return g - g.mean(axis=-1, keepdims=True)

    return along


def table(results: list[Outcome], markdown: bool) -> str:
    areas = sorted({r.area for r in results})
    head = ["area", "formulas", *OUTCOMES, "gradients", *(f"grad {o}" for o in OUTCOMES)]
    lines = []
    for area in [*areas, "total"]:
        mine = [r for r in results if area in ("total", r.area)]
        values = Counter(r.outcome for r in mine if r.kind == "value")
        grads = Counter(r.outcome for r in mine if r.kind == "grad")
        lines.append(
            [area, str(sum(values.values())), *(str(values[o]) for o in OUTCOMES),
             str(sum(grads.values())), *(str(grads[o]) for o in OUTCOMES)]
        )  # fmt: skip
    if markdown:
        rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        rows += ["| " + " | ".join(line) + " |" for line in lines]
        return "\n".join(rows)
    widths = [max(len(x) for x in col) for col in zip(head, *lines, strict=True)]
    return "\n".join(
        "  ".join(x.ljust(w) for x, w in zip(line, widths, strict=True)) for line in [head, *lines]
    )


def summary(results: list[Outcome]) -> str:
    values = [r for r in results if r.kind == "value"]
    grads = [r for r in results if r.kind == "grad"]
    right = sum(r.outcome == "right" for r in values)
    gright = sum(r.outcome == "right" for r in grads)
    wrong = sum(r.outcome == "silently wrong" for r in results)
    return (
        f"read and right: {right} of {len(values)} values ({100 * right / max(len(values), 1):.1f}%), "
        f"{gright} of {len(grads)} gradients ({100 * gright / max(len(grads), 1):.1f}%); "
        f"silently wrong: {wrong}"
    )


def failures(results: list[Outcome], markdown: bool) -> str:
    out = []
    for outcome in ("silently wrong", "crash", "refused"):
        bad = [r for r in results if r.outcome == outcome]
        if not bad:
            continue
        out.append(f"\n{'### ' if markdown else ''}{outcome} ({len(bad)})\n")
        for r in bad:
            message = r.message.replace("|", "\\|") if markdown else r.message
            out.append(f"- {r.area}/{r.id} ({r.kind}): {message[:300]}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="a folder of *.jsonl rows")
    parser.add_argument("--area")
    parser.add_argument("--id")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--json", type=Path, help="write every outcome to this JSON file")
    args = parser.parse_args(argv)
    import jax

    jax.config.update("jax_enable_x64", True)
    results: list[Outcome] = []
    for row in load(args.area, args.id, args.corpus):
        results.extend(measure(row))
        last = results[-1]
        print(
            f"{last.area}/{last.id}: {[r.outcome for r in results if r.id == last.id]}",
            file=sys.stderr,
        )
    print(table(results, args.markdown))
    print("\n" + summary(results))
    print(failures(results, args.markdown))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
