"""Reference values for the fresh paper formulas, computed in NumPy/SciPy from each paper's
definition (0-based arrays, loops where a paper loops), never through derivax.

Each row is a formula as a paper writes it, a derivax symbol table, concrete inputs and the
function that computes its value. About thirty rows also carry a gradient with respect to one
input, by central differences in float64 (the rows are written in ``rows_*.py``, two areas a
module). ``python reference.py`` writes one JSON Lines file per
area next to this file; ``tests/test_fresh_formulas.py`` recomputes some of them.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).parent
AREAS = ("contrastive", "ot", "rl", "em", "tsne", "kernels", "survival", "signal")


@dataclass
class Row:
    """One formula: its LaTeX, symbol table, inputs and the NumPy function that computes it."""

    id: str
    area: str
    latex: str
    symbols: str
    inputs: dict[str, Any]
    compute: Callable[..., Any]
    wrt: str | None = None
    source: str = ""
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


ROWS: list[Row] = []


def row(area, id, latex, symbols, inputs, compute, wrt=None, source="", note=""):
    ROWS.append(Row(id, area, latex, symbols, inputs, compute, wrt, source, note))


def arrays(inputs: dict[str, Any]) -> dict[str, Any]:
    return {k: np.asarray(v, dtype=float) for k, v in inputs.items()}


def value(r: Row, inputs: dict[str, Any] | None = None) -> Any:
    """The reference value of a row at its inputs (or at ``inputs``)."""
    return np.asarray(r.compute(**arrays(r.inputs if inputs is None else inputs)))


def gradient(r: Row, inputs: dict[str, Any] | None = None, h: float = 1e-5) -> np.ndarray:
    """Central differences of the reference value with respect to ``r.wrt``, in float64."""
    base = arrays(r.inputs if inputs is None else inputs)
    assert r.wrt is not None
    x = base[r.wrt]
    out = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        step = h * max(1.0, abs(x[idx]))
        plus, minus = x.copy(), x.copy()
        plus[idx] += step
        minus[idx] -= step
        hi = float(r.compute(**{**base, r.wrt: plus}))
        lo = float(r.compute(**{**base, r.wrt: minus}))
        out[idx] = (hi - lo) / (2 * step)
    return out


def rnd(seed: int, *shape: int, lo: float = -1.0, hi: float = 1.0) -> list:
    """Reproducible small inputs, rounded to three decimals so the files stay readable."""
    return np.round(np.random.default_rng(seed).uniform(lo, hi, shape), 3).tolist()


def simplex(seed: int, n: int) -> list:
    p = np.random.default_rng(seed).uniform(0.2, 1.0, n)
    return (p / p.sum()).tolist()


def lse(v, axis=None):
    from scipy.special import logsumexp

    return logsumexp(v, axis=axis)


sys.path.insert(0, str(HERE))
import rows_contrastive_ot  # noqa: E402
import rows_rl_em  # noqa: E402
import rows_survival_signal  # noqa: E402
import rows_tsne_kernels  # noqa: E402

rows_contrastive_ot.contrastive(row, rnd, lse)
rows_contrastive_ot.transport(row, rnd, simplex, lse)
rows_rl_em.reinforcement(row, rnd, simplex, lse)
rows_rl_em.expectation_maximization(row, rnd, simplex, lse)
rows_tsne_kernels.neighbour_embedding(row, rnd, simplex)
rows_tsne_kernels.kernels(row, rnd)
rows_survival_signal.survival(row, rnd)
rows_survival_signal.signal(row, rnd)


def encode(v: np.ndarray) -> Any:
    if np.iscomplexobj(v):
        return {"real": np.real(v).tolist(), "imag": np.imag(v).tolist()}
    return v.tolist()


def record(r: Row) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": r.id,
        "area": r.area,
        "latex": r.latex,
        "symbols": r.symbols,
        "inputs": r.inputs,
        "reference": encode(value(r)),
    }
    if r.wrt is not None:
        out["wrt"] = r.wrt
        out["reference_grad"] = gradient(r).tolist()
    if r.source:
        out["source"] = r.source
    if r.note:
        out["note"] = r.note
    return out


def write() -> None:
    for area in AREAS:
        lines = [json.dumps(record(r)) for r in ROWS if r.area == area]
        (HERE / f"{area}.jsonl").write_text("\n".join(lines) + "\n", "utf-8")


if __name__ == "__main__":
    write()
