"""The numeric-stability audit's engine: a compiled expression's value and gradient (``jax.grad``)
at extreme inputs, in float32 and float64, against mpmath from the definition.

The references are written here, independently of derivax (no derivax evaluator, no derivax
reading): each case states its formula in mpmath. Gradients of the reference are central
differences at ``DIGITS`` digits with a step of 1e-20 relative to the input; a point where the
one-sided differences disagree (a kink) is not compared.

Rule, per dtype: where the exact value (entry) is representable in the dtype (0, or between the
smallest normal number and the largest), the compiled value is finite and within ``RTOL`` of it
(normwise: the largest error over the largest exact entry); where the exact value overflows, the
compiled one is not a finite number; where it has no real value, the compiled one is NaN or inf.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import mpmath
import numpy as np

#: mpmath's working precision for the references: more than the 50 digits asked, because
#: 1 + 1e-200 needs 200 of them to differ from 1
DIGITS = 450
#: the stated tolerance: normwise relative error of values and gradients
RTOL = {"float32": 1e-3, "float64": 1e-9}
#: the extreme inputs; each case scales its inputs by them (those outside a dtype's normal range
#: are skipped in that dtype)
SCALES = (1e2, -1e2, 1e4, -1e4, 1e200, -1e200, 1e-200, -1e-200)
NO_REFERENCE: list = []
DTYPES = {"float32": np.float32, "float64": np.float64}


@dataclass
class Case:
    """One row of the audit: ``compile`` builds the function for a dtype, ``inputs(s)`` the
    arguments at scale s (plain numbers and nested lists), ``exact(**mp_inputs)`` the value in
    mpmath (a number, or nested lists)."""

    name: str
    nodes: tuple[str, ...]
    compile: Callable[[Any], Any]
    inputs: Callable[[float], dict]
    exact: Callable[..., Any]
    scales: tuple[float, ...] = SCALES
    grad: bool = True
    refused: bool = False  # compiling it raises CompileError (a node that is refused by design)


@dataclass
class Row:
    name: str
    dtype: str
    value_error: float = 0.0
    grad_error: float = 0.0
    finite: bool = True
    points: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (
            self.finite
            and self.value_error <= RTOL[self.dtype]
            and self.grad_error <= RTOL[self.dtype]
        )


def representable(scale: float, dtype) -> bool:
    info = np.finfo(dtype)
    return float(info.tiny) <= abs(scale) <= float(info.max)


def _cast(v, dtype):
    return np.asarray(v, dtype=dtype)


def _to_mp(v):
    a = np.asarray(v, dtype=np.float64)
    if a.ndim == 0:
        return mpmath.mpf(float(a))
    return [_to_mp(x) for x in a]


def _flatten(v) -> list:
    if isinstance(v, (list, tuple)):
        return [x for item in v for x in _flatten(item)]
    if isinstance(v, mpmath.matrix):
        return [v[i, j] for i in range(v.rows) for j in range(v.cols)]
    return [v]


def _real(x):
    """The real value of an mpmath result, or None where it has none."""
    if isinstance(x, mpmath.mpc):
        if abs(x.imag) > abs(x.real) * mpmath.mpf(10) ** (-DIGITS // 2) and x.imag != 0:
            return None
        return mpmath.mpf(x.real)
    if mpmath.isnan(x):
        return None
    return mpmath.mpf(x)


def _exact_values(case: Case, mp_inputs: dict) -> list | None:
    try:
        out = case.exact(**mp_inputs)
    except (ValueError, ZeroDivisionError):
        return None  # a pole or no value
    except (OverflowError, RecursionError):
        return NO_REFERENCE  # mpmath cannot evaluate it there (erfc of 1e200): not compared
    return [_real(x) for x in _flatten(out)]


def judge(got: np.ndarray, exact: list, dtype) -> tuple[float, bool]:
    """(normwise relative error over the representable entries, whether the finiteness rule
    holds)."""
    info = np.finfo(dtype)
    got = np.ravel(np.asarray(got, dtype=np.float64))
    if got.size != len(exact):
        return float("inf"), False
    finite_ok, diffs, scale = True, [], mpmath.mpf(0)
    for g, e in zip(got, exact, strict=True):
        if e is None:
            finite_ok &= not np.isfinite(g)
            continue
        if abs(e) > info.max:
            finite_ok &= not np.isfinite(g)
            continue
        if not np.isfinite(g):
            finite_ok = False
            continue
        diffs.append(abs(mpmath.mpf(float(g)) - e))
        scale = max(scale, abs(e))
    if not diffs:
        return 0.0, finite_ok
    err = max(diffs) / max(scale, mpmath.mpf(float(info.tiny)))
    return float(err), finite_ok


def _central(case: Case, mp_inputs: dict, name: str, path: tuple) -> Any:
    """d(sum of the outputs)/d(input ``name`` at ``path``) by central differences, or None at a
    kink or where the function has no value nearby."""

    def at(delta):
        moved = {k: (list(v) if isinstance(v, list) else v) for k, v in mp_inputs.items()}
        moved[name] = _moved(mp_inputs[name], path, delta)
        vals = _exact_values(case, moved)
        if vals is None or vals is NO_REFERENCE or any(v is None for v in vals):
            return None
        return mpmath.fsum(vals)

    x = _get(mp_inputs[name], path)
    h = abs(x) * mpmath.mpf(10) ** -20 if x != 0 else mpmath.mpf(10) ** -40
    f0, fp, fm = at(0), at(h), at(-h)
    if f0 is None or fp is None or fm is None:
        return None
    forward, backward = (fp - f0) / h, (f0 - fm) / h
    tol = mpmath.mpf(10) ** -12 * max(abs(forward), abs(backward), mpmath.mpf(10) ** -300)
    if abs(forward - backward) > tol:
        return None
    return (fp - fm) / (2 * h)


def _get(v, path):
    for p in path:
        v = v[p]
    return v


def _moved(v, path, delta):
    if not path:
        return v + delta
    out = list(v)
    out[path[0]] = _moved(v[path[0]], path[1:], delta)
    return out


def _paths(v, prefix=()) -> list[tuple]:
    if isinstance(v, list):
        return [p for k, item in enumerate(v) for p in _paths(item, (*prefix, k))]
    return [prefix]


def audit_case(case: Case, dtype_name: str) -> Row:
    import jax
    import jax.numpy as jnp

    from derivax import CompileError

    dtype = DTYPES[dtype_name]
    row = Row(case.name, dtype_name)
    try:
        f = case.compile(dtype)
    except CompileError:
        if case.refused:
            row.notes.append("refused")
            return row
        raise
    if case.refused:
        row.finite = False
        row.notes.append("compiled but should be refused")
        return row
    total = jax.jit(jax.value_and_grad(lambda kw: jnp.sum(f(**kw))))
    with mpmath.workdps(DIGITS):
        for s in case.scales:
            if not representable(s, dtype):
                continue
            inputs = {k: _cast(v, dtype) for k, v in case.inputs(s).items()}
            mp_inputs = {k: _to_mp(v) for k, v in inputs.items()}
            exact = _exact_values(case, mp_inputs)
            if exact is NO_REFERENCE:
                continue
            value = np.asarray(f(**inputs))
            row.points += 1
            if exact is None:
                row.finite &= not np.all(np.isfinite(value))
                continue
            err, fin = judge(value, exact, dtype)
            row.value_error = max(row.value_error, err)
            row.finite &= fin
            if not fin:
                row.notes.append(f"value at s={s:g}")
            if not case.grad or any(e is None or abs(e) > np.finfo(dtype).max for e in exact):
                continue
            _, grads = total(inputs)
            for name, g in grads.items():
                want = [_central(case, mp_inputs, name, p) for p in _paths(mp_inputs[name])]
                keep = [k for k, w in enumerate(want) if w is not None]
                if not keep:
                    continue
                got = np.ravel(np.asarray(g, dtype=np.float64))[keep]
                gerr, gfin = judge(got, [want[k] for k in keep], dtype)
                row.grad_error = max(row.grad_error, gerr)
                row.finite &= gfin
                if not gfin:
                    row.notes.append(f"d/d{name} at s={s:g}")
    return row


def markdown(rows: list[Row]) -> str:
    """The audit table in Markdown."""
    lines = [
        "| node or equation | dtype | points | worst relative error (value) | (gradient) | "
        "finite where representable |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        status = "refused" if "refused" in r.notes else ("yes" if r.finite else "**no**")
        lines.append(
            f"| `{r.name}` | {r.dtype} | {r.points} | {r.value_error:.1e} | {r.grad_error:.1e} | {status} |"
        )
    return "\n".join(lines)
