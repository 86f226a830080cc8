"""The helpers every fresh corpus of paper formulas shares (``tests/data/fresh_formulas2``,
``3``, ``4``): one ``Row`` per formula, the NumPy function that computes its reference from the
paper's definition (0-based arrays, loops where a paper loops), and gradients by central
differences in float64. Nothing here imports derivax.

Each corpus's ``rows_<area>.py`` declares its rows with ``Area(name).row(...)`` and, run as a
script, writes ``<area>.jsonl`` into its own folder (``Area.write``).
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "Area",
    "Row",
    "arrays",
    "call",
    "gradient",
    "log_softmax",
    "record",
    "rnd",
    "sigmoid",
    "simplex",
    "softmax",
    "spd",
    "value",
    "write_corpus",
]


@dataclass
class Row:
    id: str
    area: str
    latex: str
    symbols: str
    inputs: dict[str, Any]
    compute: Callable[..., Any]
    wrt: str | None = None
    source: str = ""
    note: str = ""
    key: str | None = None  # the input key of ``wrt`` when its LaTeX spelling differs

    @property
    def wrt_key(self) -> str:
        return self.key or self.wrt


class Area:
    """The rows of one area, in the order they are declared."""

    def __init__(self, name: str, here: Path | None = None):
        self.name = name
        self.rows: list[Row] = []
        # the corpus's folder: that of the rows_<area>.py script that declares the area
        self.here = here or Path(inspect.stack()[1].filename).resolve().parent

    def row(self, id, latex, symbols, inputs, compute, wrt=None, source="", note="", key=None):
        assert all(r.id != id for r in self.rows), id
        r = Row(id, self.name, latex, symbols, inputs, compute, wrt, source, note, key)
        assert r.wrt is None or r.wrt_key in inputs, (id, r.wrt_key)
        self.rows.append(r)

    def write(self) -> Path:
        path = self.here / f"{self.name}.jsonl"
        lines = [json.dumps(record(r)) for r in self.rows]
        path.write_text("\n".join(lines) + "\n", "utf-8")
        print(
            f"{path.name}: {len(self.rows)} rows, {sum(r.wrt is not None for r in self.rows)} gradients"
        )
        return path


def arrays(inputs: dict[str, Any]) -> dict[str, Any]:
    return {k: np.asarray(v, dtype=float) for k, v in inputs.items()}


def call(r: Row, inputs: dict[str, Any]) -> np.ndarray:
    return np.asarray(r.compute(**inputs), dtype=float)


def value(r: Row) -> np.ndarray:
    out = call(r, arrays(r.inputs))
    assert np.all(np.isfinite(out)), (r.id, out)
    return out


def _differences(r: Row, h: float, five_point: bool) -> np.ndarray:
    base = arrays(r.inputs)
    x = base[r.wrt_key]
    out = np.zeros_like(x)

    def f(idx, delta):
        moved = x.copy()
        moved[idx] += delta
        v = call(r, {**base, r.wrt_key: moved})
        assert v.shape == (), f"{r.id}: a gradient row needs a scalar value, got shape {v.shape}"
        return float(v)

    for idx in np.ndindex(x.shape):
        step = h * max(1.0, abs(float(x[idx])))
        if five_point:
            out[idx] = (
                -f(idx, 2 * step) + 8 * f(idx, step) - 8 * f(idx, -step) + f(idx, -2 * step)
            ) / (12 * step)
        else:
            out[idx] = (f(idx, step) - f(idx, -step)) / (2 * step)
    return out


def gradient(r: Row) -> np.ndarray:
    """Five-point central differences (step 1e-4, relative), cross-checked against the plain
    central difference with step 1e-6 so that a kink near the input is caught."""
    fine = _differences(r, 1e-4, five_point=True)
    plain = _differences(r, 1e-6, five_point=False)
    assert np.allclose(fine, plain, rtol=1e-6, atol=1e-8), (r.id, fine, plain)
    return fine


def record(r: Row) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": r.id,
        "area": r.area,
        "latex": r.latex,
        "symbols": r.symbols,
        "inputs": r.inputs,
        "reference": value(r).tolist(),
    }
    if r.wrt is not None:
        out["wrt"] = r.wrt
        out["reference_grad"] = gradient(r).tolist()
    if r.source:
        out["source"] = r.source
    if r.note:
        out["note"] = r.note
    return out


def rnd(seed: int, *shape: int, lo: float = -1.0, hi: float = 1.0) -> list:
    """Reproducible small inputs, rounded to three decimals so the files stay readable."""
    return np.round(np.random.default_rng(seed).uniform(lo, hi, shape), 3).tolist()


def simplex(seed: int, *shape: int) -> list:
    """Probability vectors (the last axis sums to one)."""
    p = np.random.default_rng(seed).uniform(0.2, 1.0, shape)
    return (p / p.sum(-1, keepdims=True)).tolist()


def spd(seed: int, n: int, jitter: float = 0.5) -> list:
    a = np.random.default_rng(seed).uniform(-1, 1, (n, n))
    return np.round(a @ a.T + jitter * np.eye(n), 3).tolist()


def softmax(v, axis=-1):
    v = np.asarray(v, dtype=float)
    e = np.exp(v - v.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def sigmoid(v):
    return 1.0 / (1.0 + np.exp(-np.asarray(v, dtype=float)))


def log_softmax(v, axis=-1):
    v = np.asarray(v, dtype=float)
    m = v.max(axis=axis, keepdims=True)
    return v - m - np.log(np.exp(v - m).sum(axis=axis, keepdims=True))


def write_corpus(here: Path, areas: tuple[str, ...], titles: dict[str, str], header: str) -> int:
    """Run every ``rows_<area>.py`` of the corpus in ``here``, writing its ``<area>.jsonl``, and
    write ``SOURCES.md``: ``header``, then a table per area of each row's source."""
    import importlib
    import sys

    sys.path.insert(0, str(here))
    lines = [header]
    for area in areas:
        module = importlib.import_module(f"rows_{area}")
        module.A.write()
        lines.append(f"\n## {titles[area]} (`{area}.jsonl`)\n")
        lines.append("| id | where the formula comes from |")
        lines.append("|---|---|")
        for r in module.A.rows:
            grad = f" (gradient in `{r.wrt}`)" if r.wrt else ""
            source = r.source.replace("|", "\\|")
            lines.append(f"| `{r.id}` | {source}{grad} |")
    (here / "SOURCES.md").write_text("\n".join(lines) + "\n", "utf-8")
    return 0
