"""The numeric-stability audit's engine: a compiled expression's value and gradient (``jax.grad``)
at extreme inputs, in float32 and float64, against mpmath from the definition.

The references are written here, independently of derivax (no derivax evaluator, no derivax
reading): each case states its formula in mpmath. A value is computed at ``digits(inputs)``
digits: ``BASE_DIGITS`` plus the decimal exponent span of the inputs (1 + 1e-200 needs 200 digits
to differ from 1; inputs near 1 need only the base). Gradients of the reference are central
differences with a step of 1e-20 relative to the input (at most ``Case.max_step``). Values and
differences are redone at twice the digits until two precisions agree to 25 digits, so cos at
1e-200 gets its derivative -1e-200, and log(1 + e^{-100}) its slope. A point where the one-sided
differences disagree (a kink) is not compared. References are cached per (case, point): float32
and float64 share the points both hold exactly.

Grid: ``SCALES`` (±1e2, ±1e4, 1e±200) for every node; a catalog equation, whose references are
slower (matrices, many entries), is audited at ``CATALOG_SCALES`` (1e2, -1e4, 1e200, 1e-200) on
an ordinary run and on the full grid with HYPOTHESIS_PROFILE=thorough (the suite's profile for
volume).

Rule, per dtype: where the exact value (entry) is representable in the dtype (0, or between the
smallest normal number and the largest), the compiled value is finite and within ``RTOL`` of it
(normwise: the largest error over the largest exact entry); where the exact value overflows, the
compiled one is not a finite number; where it has no real value, the compiled one is NaN or inf.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import mpmath
import numpy as np

#: mpmath's digits at inputs near 1 (more than the 50 digits asked: see ``digits``)
BASE_DIGITS = 60
#: the most digits a reference is redone at
MAX_DIGITS = 1100
THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
#: the stated tolerance: normwise relative error of values and gradients
RTOL = {"float32": 1e-3, "float64": 1e-9}
#: the extreme inputs; each case scales its inputs by them (those outside a dtype's normal range
#: are skipped in that dtype)
SCALES = (1e2, -1e2, 1e4, -1e4, 1e200, -1e200, 1e-200, -1e-200)
CATALOG_SCALES = SCALES if THOROUGH else (1e2, -1e4, 1e200, 1e-200)
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
    #: the largest step of the central differences (floor and ceil jump at every integer)
    max_step: float | None = None


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
        if abs(x.imag) > abs(x.real) * mpmath.mpf(10) ** (-mpmath.mp.dps // 2) and x.imag != 0:
            return None
        return mpmath.mpf(x.real)
    if mpmath.isnan(x):
        return None
    return mpmath.mpf(x)


def digits(mp_inputs: dict) -> int:
    """The working digits of the references at a point: ``BASE_DIGITS`` plus the largest decimal
    exponent of an input, in size (1e-200 and 1e200 both 200: a formula adds its constants, of
    size 1, to them)."""
    sizes = [abs(x) for x in _flatten(list(mp_inputs.values())) if x != 0]
    span = max((abs(int(mpmath.floor(mpmath.log10(x)))) for x in sizes), default=0)
    return BASE_DIGITS + span


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


def _agreed(compute: Callable[[], Any], dps: int) -> Any:
    """``compute()`` at ``dps`` digits, then at twice as many until two results agree to
    ``AGREE`` (or ``MAX_DIGITS`` is reached): a formula that adds 1 to e^{-100}, or a difference
    quotient at 1e-200, shows its lost digits by changing with the precision."""
    prev, d = _UNSET, dps
    while True:
        with mpmath.workdps(d):
            cur = compute()
        if prev is not _UNSET and _close(prev, cur):
            return cur
        if d >= MAX_DIGITS:
            return cur
        prev, d = cur, min(2 * d, MAX_DIGITS)


_UNSET = object()
#: the relative agreement of two precisions that ends the doubling
AGREE = mpmath.mpf(10) ** -25


def _close(a, b) -> bool:
    if isinstance(a, list) or isinstance(b, list):
        return (
            isinstance(a, list)
            and isinstance(b, list)
            and len(a) == len(b)
            and all(_close(x, y) for x, y in zip(a, b, strict=True))
        )
    if a is None or b is None or a is NO_REFERENCE or b is NO_REFERENCE:
        return a is b
    return abs(a - b) <= AGREE * max(abs(a), abs(b))


def probe_weights(n: int) -> list[float]:
    """The weights of the gradient probe, ``d(sum_k w_k f_k)/dx`` (a vector-Jacobian product):
    1, 1.25, 1.5, 1.75, 1, ... A plain sum of the outputs can cancel where each output's gradient
    does not (the log-softmax entries sum to a function with gradient 1 - n softmax_k, 1e-200 at
    inputs of 1e-200, below float64's rounding of its terms): a probe so conditioned measures
    itself, not the compiled function. A scalar output has weight 1."""
    return [1 + (k % 4) / 4 for k in range(n)]


def _central(case: Case, mp_inputs: dict, name: str, path: tuple, dps: int) -> Any:
    """d(weighted sum of the outputs)/d(input ``name`` at ``path``) by central differences, or
    None at a kink or where the function has no value nearby."""

    def at(delta):
        moved = {k: (list(v) if isinstance(v, list) else v) for k, v in mp_inputs.items()}
        moved[name] = _moved(mp_inputs[name], path, delta)
        vals = _exact_values(case, moved)
        if vals is None or vals is NO_REFERENCE or any(v is None for v in vals):
            return None
        return mpmath.fsum(w * v for w, v in zip(probe_weights(len(vals)), vals, strict=True))

    x = _get(mp_inputs[name], path)
    h = abs(x) * mpmath.mpf(10) ** -20 if x != 0 else mpmath.mpf(10) ** -40
    if case.max_step is not None:
        h = min(h, mpmath.mpf(case.max_step))

    def estimate():
        f0, fp, fm = at(0), at(h), at(-h)
        if f0 is None or fp is None or fm is None:
            return None
        forward, backward = (fp - f0) / h, (f0 - fm) / h
        tol = mpmath.mpf(10) ** -12 * max(abs(forward), abs(backward), mpmath.mpf(10) ** -300)
        if abs(forward - backward) > tol:
            return None  # a kink
        return (fp - fm) / (2 * h)

    return _agreed(estimate, dps)


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


@dataclass
class Reference:
    """The exact values at one point of one case (None: no real value there; ``NO_REFERENCE``:
    mpmath cannot evaluate it) and, computed when first asked, the exact gradient entries."""

    case: Case
    mp_inputs: dict
    dps: int
    values: list | None
    grads: dict = field(default_factory=dict)

    def grad(self, name: str) -> list:
        if name not in self.grads:
            self.grads[name] = [
                _central(self.case, self.mp_inputs, name, p, self.dps)
                for p in _paths(self.mp_inputs[name])
            ]
        return self.grads[name]


_REFERENCES: dict[tuple, Reference] = {}


def reference(case: Case, inputs: dict) -> Reference:
    """The cached reference of ``case`` at ``inputs`` (arrays as the dtype holds them)."""
    key = (case.name, *((k, np.asarray(v, np.float64).tobytes()) for k, v in inputs.items()))
    if key not in _REFERENCES:
        mp_inputs = {k: _to_mp(v) for k, v in inputs.items()}
        dps = digits(mp_inputs)
        values = _agreed(lambda: _exact_values(case, mp_inputs), dps)
        _REFERENCES[key] = Reference(case, mp_inputs, dps, values)
    return _REFERENCES[key]


def _compiled(case: Case, dtype_name: str, row: Row):
    """The case compiled for the dtype, or None where it is refused (as it should be or not)."""
    from derivax import CompileError

    try:
        f = case.compile(DTYPES[dtype_name])
    except CompileError:
        if case.refused:
            row.notes.append("refused")
            return None
        raise
    if case.refused:
        row.finite = False
        row.notes.append("compiled but should be refused")
        return None
    return f


def audit_case(case: Case, dtype_name: str) -> Row:
    import jax
    import jax.numpy as jnp

    dtype = DTYPES[dtype_name]
    row = Row(case.name, dtype_name)
    f = _compiled(case, dtype_name, row)
    if f is None:
        return row

    def probe(kw):
        out = jnp.ravel(f(**kw))
        return jnp.sum(jnp.asarray(probe_weights(out.size), out.dtype) * out)

    total = jax.jit(jax.value_and_grad(probe))
    for s in case.scales:
        if not representable(s, dtype):
            continue
        inputs = {k: _cast(v, dtype) for k, v in case.inputs(s).items()}
        ref = reference(case, inputs)
        exact = ref.values
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
        if not fin or err > RTOL[dtype_name]:
            row.notes.append(f"value at s={s:g}")
            continue  # the row fails already; its gradient there is not worth the reference
        if not case.grad or any(e is None or abs(e) > np.finfo(dtype).max for e in exact):
            continue
        _, grads = total(inputs)
        for name, g in grads.items():
            want = ref.grad(name)
            keep = [k for k, w in enumerate(want) if w is not None]
            if not keep:
                continue
            got = np.ravel(np.asarray(g, dtype=np.float64))[keep]
            gerr, gfin = judge(got, [want[k] for k in keep], dtype)
            row.grad_error = max(row.grad_error, gerr)
            row.finite &= gfin
            if not gfin or gerr > RTOL[dtype_name]:
                row.notes.append(f"d/d{name} at s={s:g}")
    return row


def markdown(rows: list[Row], known: dict[tuple[str, str], str]) -> str:
    """The audit table in Markdown: one line per case, both dtypes side by side, and the reason
    of each known failure."""
    lines = [
        "| node or equation | points (f32, f64) | worst value error (f32, f64) | "
        "worst gradient error (f32, f64) | meets the rule (f32, f64) |",
        "|---|---|---|---|---|",
    ]
    by_name: dict[str, dict[str, Row]] = {}
    for r in rows:
        by_name.setdefault(r.name, {})[r.dtype] = r
    reasons = []
    for name, pair in by_name.items():
        a, b = pair["float32"], pair["float64"]

        def status(r: Row) -> str:
            if "refused" in r.notes:
                return "refused"
            if r.ok:
                return "yes"
            return "**no** (known)" if (r.name, r.dtype) in known else "**no**"

        lines.append(
            f"| `{name}` | {a.points}, {b.points} | {a.value_error:.0e}, {b.value_error:.0e} | "
            f"{a.grad_error:.0e}, {b.grad_error:.0e} | {status(a)}, {status(b)} |"
        )
        for dt in ("float32", "float64"):
            if (name, dt) in known:
                reasons.append(f"- `{name}` ({dt}): {known[(name, dt)]}")
    return "\n".join([*lines, "", "Known failures:", "", *reasons])
