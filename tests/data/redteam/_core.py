"""The red team's independent oracle: domains, samplers and the high-precision judge.

Nothing here imports derivax. Each claim of the corpus is transcribed by hand into a Python
function of a point (``oracle.py``); this module samples points of the declared domains, decides
the relation in mpmath at 50 digits (raised to 150 and 500 where the two sides agree to the
working precision) and judges a counterexample that a checker returns.

Side conditions and the cases that break them:

- A point where a side has no finite real value (a singular matrix, ``\\log 0``, the square root of
  a negative number) is no evidence either way and is skipped; a true claim whose sides have no
  value at any sampled point is reported as unchecked, never as confirmed.
- A tie at every precision is equality: it satisfies ``=``, ``\\le`` and ``\\ge`` and violates
  ``<`` and ``>``. A strict inequality whose gap is below 10^-485 (``\\operatorname{erf}(1000) < 1``)
  would be misjudged, so such claims are transcribed in a form whose sides keep the gap
  (``0 < \\operatorname{erfc}(x)``), said in the claim's transcription.
- Simplex points from a checker are float64 and sum to 1 only within rounding; they are accepted
  within 10^-9 and renormalized exactly before evaluation. SPD and symmetric matrices are accepted
  within 10^-9 of symmetry and symmetrized.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import mpmath as mp

RELATIONS = ("=", "<=", ">=", "<", ">")


class Point(dict):
    """A point of the declared domains: names to Python numbers, lists or nested lists."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError as e:  # pragma: no cover - a transcription error
            raise AttributeError(name) from e


class Undefined(Exception):
    """The claim has no real value at this point."""


# -- kinds ------------------------------------------------------------------------------------------

REAL_SPECIAL = [
    0.0,
    1.0,
    -1.0,
    2.0,
    -2.0,
    0.5,
    -0.5,
    1e-3,
    -1e-3,
    3.0,
    -3.0,
    10.0,
    -10.0,
    30.0,
    -30.0,
    100.0,
    -100.0,
    1000.0,
    -1000.0,
    1e-40,
    -1e-40,
]
POS_SPECIAL = [1e-8, 1e-3, 0.125, 0.5, 1.0, 2.0, 4.0, 10.0, 1000.0, 1e6, 1e-40]
UNIT_SPECIAL = [0.0, 1.0, 0.5, 1e-6, 1 - 2**-20, 0.1, 0.9]
INT_SPECIAL = [0, 1, -1, 2, -2, 3, -3, 10, -10, 101]


@dataclass
class Var:
    name: str
    kind: str  # real pos nonneg unit int nnint vec simplex mat spd sym index dim
    dims: tuple[str, ...] = ()


def parse_spec(spec: str) -> list[Var]:
    """``"x:real a:pos w:vec:d A:mat:m:n j:index:d"``: the oracle's own declaration (not derivax's)."""
    out = []
    for word in spec.split():
        name, kind, *dims = word.split(":")
        out.append(Var(name, kind, tuple(dims)))
    return out


def _real(rng: random.Random) -> float:
    r = rng.random()
    if r < 0.35:
        return rng.choice(REAL_SPECIAL)
    if r < 0.7:
        return rng.gauss(0.0, 1.0)
    return rng.choice([-1, 1]) * 10 ** rng.uniform(-4, 3)


def _pos(rng: random.Random) -> float:
    if rng.random() < 0.35:
        return rng.choice(POS_SPECIAL)
    return 10 ** rng.uniform(-4, 4)


def _unit(rng: random.Random) -> float:
    if rng.random() < 0.4:
        return rng.choice(UNIT_SPECIAL)
    return rng.random()


def _entry(rng: random.Random) -> float:
    r = rng.random()
    if r < 0.2:
        return rng.choice([0.0, 1.0, -1.0, 2.0, 0.5])
    if r < 0.9:
        return rng.gauss(0.0, 1.5)
    return rng.choice([-1, 1]) * 10 ** rng.uniform(-3, 2)


def _simplex(rng: random.Random, n: int) -> list[float]:
    r = rng.random()
    if r < 0.15:
        v = [0.0] * n
        v[rng.randrange(n)] = 1.0
        return v
    if r < 0.25:
        return [1.0 / n] * n
    if r < 0.35 and n > 1:
        v = [0.0] * n
        i, j = rng.sample(range(n), 2)
        v[i], v[j] = 0.5, 0.5
        return v
    alpha = rng.choice([0.1, 1.0, 5.0])
    g = [rng.gammavariate(alpha, 1.0) + 1e-300 for _ in range(n)]
    s = sum(g)
    return [x / s for x in g]


def _matrix(rng: random.Random, m: int, n: int) -> list[list[float]]:
    if rng.random() < 0.1:
        return [[0.0] * n for _ in range(m)]
    return [[_entry(rng) for _ in range(n)] for _ in range(m)]


def _spd(rng: random.Random, n: int) -> list[list[float]]:
    r = rng.random()
    if r < 0.15:
        return [[1.0 if i == j else 0.0 for j in range(n)] for i in range(n)]
    a = [[rng.gauss(0, 1) for _ in range(n)] for _ in range(n)]
    eps = rng.choice([1e-6, 0.1, 1.0, float(n)])
    return [
        [sum(a[i][k] * a[j][k] for k in range(n)) + (eps if i == j else 0.0) for j in range(n)]
        for i in range(n)
    ]


def _sym(rng: random.Random, n: int) -> list[list[float]]:
    a = _matrix(rng, n, n)
    return [[(a[i][j] + a[j][i]) / 2 for j in range(n)] for i in range(n)]


def sample(vars_: list[Var], rng: random.Random) -> Point:
    dims: dict[str, int] = {}
    for v in vars_:
        for d in v.dims:
            dims.setdefault(d, rng.choice([1, 1, 2, 2, 3, 4]))
        if v.kind == "dim":
            dims.setdefault(v.name, rng.choice([1, 1, 2, 2, 3, 4]))
    p = Point(dims)
    for v in vars_:
        k, ds = v.kind, [dims[d] for d in v.dims]
        if k == "real":
            p[v.name] = _real(rng)
        elif k == "pos":
            p[v.name] = _pos(rng)
        elif k == "nonneg":
            p[v.name] = 0.0 if rng.random() < 0.2 else _pos(rng)
        elif k == "unit":
            p[v.name] = _unit(rng)
        elif k == "int":
            p[v.name] = rng.choice(INT_SPECIAL) if rng.random() < 0.5 else rng.randint(-50, 50)
        elif k == "nnint":
            p[v.name] = rng.choice([0, 1, 2, 3, 7]) if rng.random() < 0.5 else rng.randint(0, 40)
        elif k == "vec":
            r = rng.random()
            if r < 0.08:
                p[v.name] = [0.0] * ds[0]
            elif r < 0.16:
                c = _entry(rng)
                p[v.name] = [c] * ds[0]
            else:
                p[v.name] = [_entry(rng) for _ in range(ds[0])]
        elif k == "simplex":
            p[v.name] = _simplex(rng, ds[0])
        elif k == "mat":
            p[v.name] = _matrix(rng, ds[0], ds[1])
        elif k == "spd":
            p[v.name] = _spd(rng, ds[0])
        elif k == "sym":
            p[v.name] = _sym(rng, ds[0])
        elif k == "index":
            p[v.name] = rng.randint(1, ds[0])
        elif k == "dim":
            pass
        else:  # pragma: no cover
            raise ValueError(f"unknown kind {k}")
    return p


# -- the domain test for a checker's counterexample -------------------------------------------------


def in_domain(v: Var, value: Any, p: Point) -> str | None:
    """Why ``value`` is not a point of ``v``'s declared domain, or None."""
    k = v.kind
    ds = [p.get(d) for d in v.dims]
    try:
        if k in ("real",):
            return None if math.isfinite(float(value)) else "not finite"
        if k == "pos":
            return None if float(value) > 0 else "not positive"
        if k == "nonneg":
            return None if float(value) >= 0 else "negative"
        if k == "unit":
            return None if 0 <= float(value) <= 1 else "outside [0, 1]"
        if k in ("int", "nnint"):
            if float(value) != int(float(value)):
                return "not an integer"
            return None if k == "int" or float(value) >= 0 else "negative"
        if k == "index":
            i = float(value)
            if i != int(i) or not 1 <= i <= (ds[0] or 0):
                return f"index {value} outside 1..{ds[0]}"
            return None
        if k in ("vec", "simplex"):
            if len(value) != ds[0]:
                return f"length {len(value)} != {v.dims[0]} = {ds[0]}"
            if k == "simplex":
                if min(value) < 0:
                    return "a negative entry of a simplex"
                if abs(sum(value) - 1) > 1e-9:
                    return f"a simplex summing to {sum(value)}"
            return None
        if k in ("mat", "spd", "sym"):
            rows = len(value)
            cols = len(value[0]) if rows else 0
            want = (ds[0], ds[1]) if k == "mat" else (ds[0], ds[0])
            if (rows, cols) != want:
                return f"shape {(rows, cols)} != {want}"
            if k in ("spd", "sym"):
                for i in range(rows):
                    for j in range(rows):
                        if abs(value[i][j] - value[j][i]) > 1e-9 * (1 + abs(value[i][j])):
                            return "not symmetric"
            if k == "spd":
                mp.mp.dps = 50
                m = mp.matrix(value)
                m = (m + m.T) / 2
                if min(mp.eigsy(m)[0]) <= 0:
                    return "not positive definite"
            return None
    except (TypeError, ValueError, IndexError) as e:
        return f"unreadable value {value!r} ({e})"
    return None


# -- evaluation -------------------------------------------------------------------------------------


def to_mp(v: Var, value: Any) -> Any:
    """The point's value in the current mpmath precision (exact: floats are binary fractions)."""
    k = v.kind
    if k in ("vec",):
        return [mp.mpf(x) for x in value]
    if k == "simplex":
        xs = [mp.mpf(x) for x in value]
        s = mp.fsum(xs)
        return [x / s for x in xs]
    if k in ("mat",):
        return mp.matrix([[mp.mpf(x) for x in row] for row in value])
    if k in ("spd", "sym"):
        m = mp.matrix([[mp.mpf(x) for x in row] for row in value])
        return (m + m.T) / 2
    if k in ("index", "dim", "int", "nnint"):
        return int(value)
    return mp.mpf(value)


def _scalar(x: Any) -> Any:
    if isinstance(x, mp.matrix):
        if x.rows == 1 and x.cols == 1:
            return _scalar(x[0, 0])
        return x
    if isinstance(x, (int, float)):
        return mp.mpf(x)
    if isinstance(x, mp.mpc):
        if abs(x.imag) > mp.mpf(10) ** (-(mp.mp.dps - 10)) * (1 + abs(x.real)):
            raise Undefined("complex value")
        return x.real
    if not mp.isfinite(x):
        raise Undefined("not finite")
    return x


def _diff(lhs: Any, rhs: Any) -> tuple[Any, Any]:
    """(difference, scale); for matrices the largest entry of the difference (equalities only)."""
    lhs, rhs = _scalar(lhs), _scalar(rhs)
    if isinstance(lhs, mp.matrix) or isinstance(rhs, mp.matrix):
        d = lhs - rhs
        big = max(abs(_scalar(d[i, j])) for i in range(d.rows) for j in range(d.cols))
        scale = 1 + max(abs(_scalar(x)) for x in list(lhs) + list(rhs))
        return big, scale
    return lhs - rhs, 1 + abs(lhs) + abs(rhs)


PRECISIONS = (50, 150, 500)


def _evaluate(claim: Claim, p: Point, dps: int) -> tuple[Any, Any] | None:
    """(difference, tolerance) at ``dps`` digits, or None where the claim has no value."""
    mp.mp.dps = dps
    q = Point({v.name: to_mp(v, p[v.name]) for v in claim.vars if v.name in p})
    for k, val in p.items():
        q.setdefault(k, val)
    try:
        if claim.where is not None and not claim.where(q):
            return None
        lhs, rhs = claim.f(q)
        d, scale = _diff(lhs, rhs)
    except (Undefined, ZeroDivisionError, ValueError, OverflowError, mp.libmp.NoConvergence):
        return None
    if claim.exact:
        return d, mp.mpf(0)
    return d, mp.mpf(10) ** (-(dps - 12)) * scale


def holds(claim: Claim, p: Point) -> bool | None:
    r"""Whether the relation holds at ``p`` (None where it has no real value there).

    The sign of the difference is decided at the first precision where it exceeds the tolerance;
    a violation must be seen again, with the same sign, at the next higher precision (mpmath's
    special functions can lose digits to cancellation at the working precision: digamma at
    10^-40). A tie at every precision is equality. ``claim.exact`` transcriptions (a stable form
    whose sign is the whole question, ``0 < \operatorname{erfc}(x)``) compare with no tolerance.
    """
    decided: bool | None = None
    sign = 0
    for dps in PRECISIONS:
        r = _evaluate(claim, p, dps)
        if r is None:
            mp.mp.dps = 50
            return None
        d, tol = r
        if abs(d) > tol:
            s = 1 if d > 0 else -1
            verdict = _decide(claim.rel, d)
            if verdict and decided is None:
                mp.mp.dps = 50
                return True
            if decided is not None and s == sign:
                mp.mp.dps = 50
                return False
            decided, sign = verdict, s
    mp.mp.dps = 50
    if decided is False:  # a violation seen once and never again: not confirmed
        return None
    return claim.rel in ("=", "<=", ">=")


def _decide(rel: str, d: Any) -> bool:
    if rel == "=":
        return False
    if rel in ("<=", "<"):
        return d < 0
    return d > 0


def given_holds(claim: Claim, p: Point) -> bool:
    """Whether the claim's given inequalities hold at ``p`` (exactly, at 50 digits)."""
    if claim.where is None:
        return True
    mp.mp.dps = 50
    q = Point({v.name: to_mp(v, p[v.name]) for v in claim.vars if v.name in p})
    for k, val in p.items():
        q.setdefault(k, val)
    try:
        return bool(claim.where(q))
    except (Undefined, ZeroDivisionError, ValueError):
        return False


@dataclass
class Claim:
    id: str
    family: str
    truth: str
    claim: str
    symbols: str
    given: list[str]
    rel: str
    vars: list[Var]
    f: Callable[[Point], tuple[Any, Any]]
    why: str
    where: Callable[[Point], bool] | None = None
    witness: dict[str, Any] | None = None
    exact: bool = False
    extra: list[dict[str, Any]] = field(default_factory=list)

    def record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "claim": self.claim,
            "symbols": self.symbols,
            "given": self.given,
            "truth": self.truth,
            "family": self.family,
            "why": self.why,
        }


def points(claim: Claim, rng: random.Random, n: int) -> list[Point]:
    """``n`` points of the declared domains that satisfy the given inequalities."""
    out: list[Point] = []
    tries = 0
    while len(out) < n and tries < 40 * n:
        tries += 1
        p = sample(claim.vars, rng)
        if given_holds(claim, p):
            out.append(p)
    return out


def find_witness(claim: Claim, rng: random.Random, n: int = 600) -> Point | None:
    cands = [Point(w) for w in claim.extra]
    if claim.witness is not None:
        cands.insert(0, Point(claim.witness))
    for p in cands + points(claim, rng, n):
        if all(in_domain(v, p[v.name], p) is None for v in claim.vars if v.name in p):
            if given_holds(claim, p) and holds(claim, p) is False:
                return p
    return None


def judge_counterexample(claim: Claim, cx: dict[str, Any], seed: int = 0) -> str | None:
    """None when ``cx`` is a genuine counterexample; otherwise why the refutation is wrong."""
    rng = random.Random(seed)
    pts, why = _complete(claim, cx, rng)
    if why is not None:
        return why
    for p in pts:
        if not given_holds(claim, p):
            return f"the counterexample violates a given: {dict(p)}"
        h = holds(claim, p)
        if h is None:
            return f"the claim has no real value at the counterexample: {dict(p)}"
        if h:
            return f"the claim holds at the counterexample: {dict(p)}"
    return None


def _complete(
    claim: Claim, cx: dict[str, Any], rng: random.Random
) -> tuple[list[Point], str | None]:
    p = Point()
    for v in claim.vars:
        if v.kind == "dim" and v.name in cx:
            p[v.name] = int(float(cx[v.name]))
    for v in claim.vars:
        if v.name in cx and v.dims:
            val = cx[v.name]
            if v.kind in ("vec", "simplex") and isinstance(val, list):
                p.setdefault(v.dims[0], len(val))
            elif v.kind in ("mat", "spd", "sym") and isinstance(val, list):
                rows = val if (val and isinstance(val[0], list)) else [val]
                p.setdefault(v.dims[0], len(rows))
                p.setdefault(v.dims[-1], len(rows[0]) if rows else 0)
    for v in claim.vars:
        for d in v.dims:
            if d not in p and d in cx:
                p[d] = int(float(cx[d]))
    for v in claim.vars:
        if v.name in cx and v.kind != "dim":
            val = cx[v.name]
            if (
                v.kind in ("mat", "spd", "sym")
                and isinstance(val, list)
                and val
                and not isinstance(val[0], list)
            ):
                val = [val]
            if v.kind in ("mat", "spd", "sym") and not isinstance(val, list):
                val = [[val]]
            if v.kind in ("vec", "simplex") and not isinstance(val, list):
                val = [val]
            p[v.name] = val
    for v in claim.vars:
        if v.name in p:
            why = in_domain(v, p[v.name], p)
            if why is not None:
                return [], f"`{v.name}` = {p[v.name]!r} is outside its declared domain: {why}"
    missing = [v for v in claim.vars if v.name not in p and v.kind != "dim"]
    if not missing:
        return [p], None
    out = []
    for _ in range(5):
        dims = {d: p[d] for d in p if isinstance(p[d], int)}
        fill = sample(missing + [Var(d, "dim") for d in dims], rng)
        q = Point(fill)
        q.update(p)
        # draw again with the sizes fixed by the counterexample
        for v in missing:
            if v.dims and any(q.get(d) != fill.get(d) for d in v.dims):
                sub = sample([v], _Seeded(rng))
                q[v.name] = _resize(v, sub[v.name], [q[d] for d in v.dims], rng)
        out.append(q)
    return out, None


class _Seeded(random.Random):
    def __init__(self, rng: random.Random) -> None:
        super().__init__(rng.random())


def _resize(v: Var, value: Any, ds: list[int], rng: random.Random) -> Any:
    if v.kind == "vec":
        return [_entry(rng) for _ in range(ds[0])]
    if v.kind == "simplex":
        return _simplex(rng, ds[0])
    if v.kind == "mat":
        return _matrix(rng, ds[0], ds[1])
    if v.kind == "spd":
        return _spd(rng, ds[0])
    if v.kind == "sym":
        return _sym(rng, ds[0])
    if v.kind == "index":
        return rng.randint(1, ds[0])
    return value
