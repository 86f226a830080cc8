"""The second red team's corpus and its oracle: every claim with a hand transcription into mpmath.

A fresh corpus, written without reading derivax's source or the first corpus's claims.
``python tests/data/redteam2/oracle.py`` checks every label of ``claims.jsonl`` against the
transcription at many points of the declared domains (boundaries included): a claim labelled
true must hold at every point where it has a value, a claim labelled false must fail at a witness
inside the declared domain and the givens (stored in ``witnesses.json``). ``--write`` rewrites
``claims.jsonl`` and ``witnesses.json`` from the table below; ``--seed S --points N`` audits the
true claims at N other points (default 150, seed 0); ids or family names restrict the run.

The sampler, the judge and the precision ladder (50, 150, 500 digits) are the first red team's
(``tests/data/redteam/_core.py``), reused as they are. The transcriptions never call derivax:
each is the claim written again with mpmath by hand; derivatives are taken numerically
(``mp.diff``) on the function written out, never from the derivative the claim states.

Side conditions and the cases that break them:

- Where a gap is below 500 digits (``\\tanh(10^4) < 1``: a gap of e^{-20000}), the
  transcription compares a stable form of the same difference (``2 / (e^{2x} + 1) > 0``) with
  ``exact=True`` (no tolerance), and says so; ``hp`` raises the working precision inside a
  transcription where a difference cancels (``\\log(1 + 10^{-300}) - 10^{-300}``).
- mpmath's erfc overflows its series test at 10^300; ``erfc_big`` is the asymptotic series there
  (its first omitted term is below 10^-1800 relative at x >= 10^300).
- A claim with mismatched shapes (``A x`` with ``A: matrix[m, n]`` and ``x: vector[n]`` compared
  with ``x``) is labelled by its meaning where the shapes agree (m = n); a refusal is the right
  answer and is not unsound, a ``proved`` of a false one is.

No string is evaluated anywhere: the LaTeX is data for derivax; the oracle is Python code.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

import mpmath as mp

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent / "redteam"))  # the first red team's machinery (_core)

from _core import Claim, Point, Undefined, find_witness, holds, parse_spec, points  # noqa: E402

CLAIMS: list[Claim] = []
FAM = ""
_COUNT: dict[str, int] = {}
_PREFIX = {
    "domain": "dom",
    "givens": "giv",
    "derivative": "der",
    "roots": "rt",
    "special": "sp",
    "matrix": "mat",
    "defined-function": "fn",
    "sums": "sum",
    "ml": "ml",
}


def _add(truth, claim, symbols, spec, rel, f, given, where, why, witness, exact):
    assert rel in ("=", "<=", ">=", "<", ">"), rel
    _COUNT[FAM] = _COUNT.get(FAM, 0) + 1
    id_ = f"{_PREFIX[FAM]}2-{_COUNT[FAM]:02d}"
    CLAIMS.append(
        Claim(
            id_,
            FAM,
            truth,
            claim,
            symbols,
            list(given),
            rel,
            parse_spec(spec),
            f,
            why,
            where,
            witness,
            exact,
        )
    )


def T(claim, symbols, spec, rel, f, given=(), where=None, why="", exact=False):
    """A true claim."""
    _add("true", claim, symbols, spec, rel, f, given, where, why, None, exact)


def F(claim, symbols, spec, rel, f, witness, given=(), where=None, why="", exact=False):
    """A false claim with a witness inside the declared domains and givens."""
    _add("false", claim, symbols, spec, rel, f, given, where, why, witness, exact)


# -- helpers in the working precision ---------------------------------------------------------------
def E(x: Any) -> Any:
    return mp.mpf(x)


def log(x):
    if x <= 0:
        raise Undefined("log of a non-positive number")
    return mp.log(x)


def sqrt(x):
    if x < 0:
        raise Undefined("square root of a negative number")
    return mp.sqrt(x)


def rpow(x, num, den):
    """The real power x^{num/den} for an odd den: sign(x)^num |x|^{num/den}."""
    assert den % 2 == 1
    s = 1 if x >= 0 else (-1) ** num
    return s * mp.power(abs(x), mp.mpf(num) / den)


def sig(x):
    return 1 / (1 + mp.exp(-x))


def softplus(x):
    return x + mp.log1p(mp.exp(-x)) if x > 0 else mp.log1p(mp.exp(x))


def dot(a, b):
    return mp.fsum(x * y for x, y in zip(a, b, strict=True))


def nrm(a):
    return mp.sqrt(dot(a, a))


def col(v):
    return mp.matrix(list(v))


def tr(A):
    return mp.fsum(A[i, i] for i in range(A.rows))


def det(A):
    try:
        return mp.det(A)
    except (TypeError, ZeroDivisionError):
        return E(0)


def inv(A):
    if det(A) == 0:
        raise Undefined("singular")
    return mp.inverse(A)


def eye(n):
    return mp.eye(n)


def frob(A):
    return mp.sqrt(mp.fsum(x**2 for x in A))


def spec2(A):
    return mp.sqrt(max(mp.eigsy(A.T * A)[0]))


def softmax(z):
    m = max(z)
    e = [mp.exp(x - m) for x in z]
    s = mp.fsum(e)
    return [x / s for x in e]


def lse(z):
    m = max(z)
    return m + mp.log(mp.fsum(mp.exp(x - m) for x in z))


def xlogy(x, y):
    if x == 0:
        return E(0)
    return x * log(y)


def d1(g, x, order=1):
    return mp.diff(g, x, order)


def d_entry(g, vec, j, order=1):
    """d^order / d vec_j of g(vec) (1-based j), numerically."""

    def at(t):
        v = list(vec)
        v[j - 1] = t
        return g(v)

    return mp.diff(at, vec[j - 1], order)


def grad(g, vec):
    return mp.matrix([d_entry(g, vec, j) for j in range(1, len(vec) + 1)])


def d_mat(g, A, i, j):
    """d g(A) / d A_{ij} (1-based), numerically."""

    def at(t):
        B = A.copy()
        B[i - 1, j - 1] = t
        return g(B)

    return mp.diff(at, A[i - 1, j - 1])


def grad_mat(g, A):
    out = mp.matrix(A.rows, A.cols)
    for i in range(A.rows):
        for j in range(A.cols):
            out[i, j] = d_mat(g, A, i + 1, j + 1)
    return out


def quad(x, A, y=None):
    y = x if y is None else y
    return (col(x).T * A * col(y))[0, 0]


def hp(fn, extra=800):
    """fn() at ``extra`` more digits (a difference that cancels at the working precision)."""
    with mp.workdps(mp.mp.dps + extra):
        r = fn()
        return r if isinstance(r, mp.matrix) else +r


def erfc_big(x):
    """erfc(x) for x >= 10^4 by its asymptotic series (mpmath's erfc overflows at 10^300)."""
    if x < 10**4:
        return mp.erfc(x)
    s = 1 - 1 / (2 * x**2) + E(3) / (4 * x**4) - E(15) / (8 * x**6)
    return mp.exp(-(x**2)) / (x * mp.sqrt(mp.pi)) * s


def tanh_gap(x):
    """1 - tanh(x) = 2 / (e^{2x} + 1), without cancellation."""
    return 2 / (mp.exp(2 * x) + 1)


def tiny(k=30):
    return mp.mpf(10) ** -k


# == (a) domain qualifiers ==========================================================================
FAM = "domain"
T(r"\sqrt{a^2} = a", "a: scalar, nonnegative", "a:nonneg", "=", lambda p: (sqrt(p.a**2), p.a))
F(
    r"\sqrt{a^2} = a",
    "a: scalar",
    "a:real",
    "=",
    lambda p: (sqrt(p.a**2), p.a),
    {"a": -1.0},
    why="a = -1: the qualifier is what makes it true",
)
T(r"|b| + b > 0", "b: scalar, positive", "b:pos", ">", lambda p: (abs(p.b) + p.b, 0))
F(
    r"|b| + b > 0",
    "b: scalar, nonnegative",
    "b:nonneg",
    ">",
    lambda p: (abs(p.b) + p.b, 0),
    {"b": 0.0},
    why="b = 0, the boundary of nonnegative",
)
T(
    r"\log(a b) = \log a + \log b",
    "a, b: scalar, positive",
    "a:pos b:pos",
    "=",
    lambda p: (log(p.a * p.b), log(p.a) + log(p.b)),
)
T(r"(-1)^{2 k} = 1", "k: scalar, integer", "k:int", "=", lambda p: (E(-1) ** (2 * p.k), 1))
F(r"(-1)^{k} = 1", "k: scalar, integer", "k:int", "=", lambda p: (E(-1) ** p.k, 1), {"k": 1})
T(
    r"\cos(\pi m) = (-1)^{m}",
    "m: scalar, integer",
    "m:int",
    "=",
    lambda p: (mp.cos(mp.pi * p.m), E(-1) ** p.m),
)
T(r"\sin(\pi m) = 0", "m: scalar, integer", "m:int", "=", lambda p: (mp.sin(mp.pi * p.m), 0))
F(
    r"\sin\left(\frac{\pi m}{2}\right) = 0",
    "m: scalar, integer",
    "m:int",
    "=",
    lambda p: (mp.sin(mp.pi * p.m / 2), 0),
    {"m": 1},
)
T(r"k^2 \ge k", "k: scalar, integer", "k:int", ">=", lambda p: (E(p.k) ** 2, p.k))
F(
    r"k^2 > k",
    "k: scalar, integer",
    "k:int",
    ">",
    lambda p: (E(p.k) ** 2, p.k),
    {"k": 1},
    why="k = 0 and k = 1",
)
T(r"u^3 \le u^2", "u: scalar, unit", "u:unit", "<=", lambda p: (p.u**3, p.u**2))
F(
    r"u^3 < u^2",
    "u: scalar, unit",
    "u:unit",
    "<",
    lambda p: (p.u**3, p.u**2),
    {"u": 0.0},
    why="u = 0 and u = 1",
)
T(r"\sqrt{u} \ge u", "u: scalar, unit", "u:unit", ">=", lambda p: (sqrt(p.u), p.u))
F(r"\sqrt{u} > u", "u: scalar, unit", "u:unit", ">", lambda p: (sqrt(p.u), p.u), {"u": 1.0})
T(r"\log(1 - u) \le 0", "u: scalar, unit", "u:unit", "<=", lambda p: (log(1 - p.u), 0))
F(r"\log(1 - u) < 0", "u: scalar, unit", "u:unit", "<", lambda p: (log(1 - p.u), 0), {"u": 0.0})
T(
    r"v^\top S v \ge 0",
    "v: vector[n]; S: spd[n]",
    "v:vec:n S:spd:n",
    ">=",
    lambda p: (quad(p.v, p.S), 0),
)
F(
    r"v^\top S v > 0",
    "v: vector[n]; S: spd[n]",
    "v:vec:n S:spd:n",
    ">",
    lambda p: (quad(p.v, p.S), 0),
    {"n": 2, "v": [0.0, 0.0], "S": [[1.0, 0.0], [0.0, 1.0]]},
    why="v = 0",
)
T(r"\det S > 0", "S: spd[n]", "S:spd:n", ">", lambda p: (det(p.S), 0))
F(
    r"\det S > 0",
    "S: symmetric[n]",
    "S:sym:n",
    ">",
    lambda p: (det(p.S), 0),
    {"n": 1, "S": [[-1.0]]},
)
T(r"\operatorname{tr}(S) > 0", "S: spd[n]", "S:spd:n", ">", lambda p: (tr(p.S), 0))
F(
    r"\operatorname{tr}(S) \ge 0",
    "S: symmetric[n]",
    "S:sym:n",
    ">=",
    lambda p: (tr(p.S), 0),
    {"n": 1, "S": [[-1.0]]},
)
T(r"\operatorname{tr}(S^2) \ge 0", "S: symmetric[n]", "S:sym:n", ">=", lambda p: (tr(p.S * p.S), 0))
F(
    r"\operatorname{tr}(A^2) \ge 0",
    "A: matrix[n, n]",
    "A:mat:n:n",
    ">=",
    lambda p: (tr(p.A * p.A), 0),
    {"n": 2, "A": [[0.0, 1.0], [-1.0, 0.0]]},
    why="a rotation by 90 degrees squares to -I",
)
T(
    r"\sum_{i=1}^{n} p_i^2 \le 1",
    "p: simplex[n]; i: index",
    "p:simplex:n",
    "<=",
    lambda p: (mp.fsum(x**2 for x in p.p), 1),
)
F(
    r"\sum_{i=1}^{n} p_i^2 < 1",
    "p: simplex[n]; i: index",
    "p:simplex:n",
    "<",
    lambda p: (mp.fsum(x**2 for x in p.p), 1),
    {"n": 1, "p": [1.0]},
    why="n = 1 or one-hot",
)
T(
    r"\sum_{i=1}^{n} p_i^2 \ge \frac{1}{n}",
    "p: simplex[n]; i: index",
    "p:simplex:n",
    ">=",
    lambda p: (mp.fsum(x**2 for x in p.p), E(1) / p.n),
)
F(
    r"\sum_{i=1}^{n} p_i^2 > \frac{1}{n}",
    "p: simplex[n]; i: index",
    "p:simplex:n",
    ">",
    lambda p: (mp.fsum(x**2 for x in p.p), E(1) / p.n),
    {"n": 2, "p": [0.5, 0.5]},
)
T(
    r"\max(p) \ge \frac{1}{n}",
    "p: simplex[n]",
    "p:simplex:n",
    ">=",
    lambda p: (max(p.p), E(1) / p.n),
)
T(
    r"\sum_{i=1}^{n} p_i x_i \le \max(x)",
    "p: simplex[n]; x: vector[n]; i: index",
    "p:simplex:n x:vec:n",
    "<=",
    lambda p: (dot(p.p, p.x), max(p.x)),
)
F(
    r"\sum_{i=1}^{n} p_i x_i < \max(x)",
    "p: simplex[n]; x: vector[n]; i: index",
    "p:simplex:n x:vec:n",
    "<",
    lambda p: (dot(p.p, p.x), max(p.x)),
    {"n": 1, "p": [1.0], "x": [3.0]},
    why="n = 1",
)
T(r"e^{-c} < 1", "c: scalar, positive", "c:pos", "<", lambda p: (mp.exp(-p.c), 1))
F(r"e^{-c} < 1", "c: scalar, nonnegative", "c:nonneg", "<", lambda p: (mp.exp(-p.c), 1), {"c": 0.0})
T(r"\frac{c}{1 + c} < 1", "c: scalar, nonnegative", "c:nonneg", "<", lambda p: (p.c / (1 + p.c), 1))
F(r"\frac{c}{1 + c} < 1", "c: scalar", "c:real", "<", lambda p: (p.c / (1 + p.c), 1), {"c": -2.0})
T(r"\lfloor k \rfloor = k", "k: scalar, integer", "k:int", "=", lambda p: (mp.floor(p.k), p.k))
F(
    r"\lfloor t \rfloor = t",
    "t: scalar, positive",
    "t:pos",
    "=",
    lambda p: (mp.floor(p.t), p.t),
    {"t": 0.5},
)
T(
    r"(1 + a)^{k} \ge 1 + k a",
    "a: scalar, positive; k: scalar, integer, nonnegative",
    "a:pos k:nnint",
    ">=",
    lambda p: ((1 + p.a) ** p.k, 1 + p.k * p.a),
    why="Bernoulli",
)
F(
    r"(1 + a)^{k} > 1 + k a",
    "a: scalar, positive; k: scalar, integer, nonnegative",
    "a:pos k:nnint",
    ">",
    lambda p: ((1 + p.a) ** p.k, 1 + p.k * p.a),
    {"a": 0.5, "k": 1},
    why="k = 0 and k = 1 are ties",
)
T(r"\tanh(r) < r", "r: scalar, positive", "r:pos", "<", lambda p: (mp.tanh(p.r), p.r))
F(
    r"\tanh(r) < r",
    "r: scalar, nonnegative",
    "r:nonneg",
    "<",
    lambda p: (mp.tanh(p.r), p.r),
    {"r": 0.0},
)
F(r"\sin(r) \le r", "r: scalar", "r:real", "<=", lambda p: (mp.sin(p.r), p.r), {"r": -1.0})
T(r"\sin(r) \le r", "r: scalar, nonnegative", "r:nonneg", "<=", lambda p: (mp.sin(p.r), p.r))
T(r"\log(1 + a) < a", "a: scalar, positive", "a:pos", "<", lambda p: (mp.log1p(p.a), p.a))
F(
    r"\log(1 + a) < a - 10^{-30}",
    "a: scalar, positive",
    "a:pos",
    "<",
    lambda p: (mp.log1p(p.a), p.a - tiny()),
    {"a": 1e-20},
    why="a - log(1 + a) is about a^2/2, below 10^-30 for a = 10^-20",
)
T(r"\arcsin(u) \ge u", "u: scalar, unit", "u:unit", ">=", lambda p: (mp.asin(p.u), p.u))
F(r"\arcsin(u) > u", "u: scalar, unit", "u:unit", ">", lambda p: (mp.asin(p.u), p.u), {"u": 0.0})
T(r"S^\top = S", "S: symmetric[n]", "S:sym:n", "=", lambda p: (p.S.T, p.S))
F(
    r"A^\top = A",
    "A: matrix[n, n]",
    "A:mat:n:n",
    "=",
    lambda p: (p.A.T, p.A),
    {"n": 2, "A": [[0.0, 1.0], [0.0, 0.0]]},
)
# == (b) givens =====================================================================================
FAM = "givens"
_box2 = [r"-2 \le x", r"x \le 2"]
T(r"x^2 \le 4", "", "x:real", "<=", lambda p: (p.x**2, 4), _box2, where=lambda q: -2 <= q.x <= 2)
F(
    r"x^2 < 4",
    "",
    "x:real",
    "<",
    lambda p: (p.x**2, 4),
    {"x": 2.0},
    _box2,
    where=lambda q: -2 <= q.x <= 2,
    why="x = 2, the boundary of a non-strict given",
)
T(
    r"x^2 < 4",
    "",
    "x:real",
    "<",
    lambda p: (p.x**2, 4),
    [r"-2 < x", r"x < 2"],
    where=lambda q: -2 < q.x < 2,
)
T(
    r"\frac{1}{x} \le 1",
    "",
    "x:real",
    "<=",
    lambda p: (1 / p.x, 1),
    [r"x \ge 1"],
    where=lambda q: q.x >= 1,
)
F(
    r"\frac{1}{x} < 1",
    "",
    "x:real",
    "<",
    lambda p: (1 / p.x, 1),
    {"x": 1.0},
    [r"x \ge 1"],
    where=lambda q: q.x >= 1,
)
T(
    r"\sqrt{t} \le t",
    "",
    "t:real",
    "<=",
    lambda p: (sqrt(p.t), p.t),
    [r"t \ge 1"],
    where=lambda q: q.t >= 1,
)
F(
    r"\sqrt{t} \le t",
    "",
    "t:real",
    "<=",
    lambda p: (sqrt(p.t), p.t),
    {"t": 0.25},
    [r"t \ge 0"],
    where=lambda q: q.t >= 0,
)
T(
    r"x y \ge 1",
    "",
    "x:real y:real",
    ">=",
    lambda p: (p.x * p.y, 1),
    [r"x \ge 1", r"y \ge 1"],
    where=lambda q: q.x >= 1 and q.y >= 1,
)
F(
    r"x y > 1",
    "",
    "x:real y:real",
    ">",
    lambda p: (p.x * p.y, 1),
    {"x": 1.0, "y": 1.0},
    [r"x \ge 1", r"y \ge 1"],
    where=lambda q: q.x >= 1 and q.y >= 1,
)
T(
    r"u + v > 0",
    "",
    "u:real v:real",
    ">",
    lambda p: (p.u + p.v, 0),
    [r"u > 0", r"v \ge 0"],
    where=lambda q: q.u > 0 and q.v >= 0,
)
F(
    r"u + v > 0",
    "",
    "u:real v:real",
    ">",
    lambda p: (p.u + p.v, 0),
    {"u": 0.0, "v": 0.0},
    [r"u \ge 0", r"v \ge 0"],
    where=lambda q: q.u >= 0 and q.v >= 0,
)
T(
    r"\log(1 + e^{x}) \le \log(1 + e^{y})",
    "",
    "x:real y:real",
    "<=",
    lambda p: (softplus(p.x), softplus(p.y)),
    [r"x \le y"],
    where=lambda q: q.x <= q.y,
)
F(
    r"\log(1 + e^{x}) < \log(1 + e^{y})",
    "",
    "x:real y:real",
    "<",
    lambda p: (softplus(p.x), softplus(p.y)),
    {"x": 0.0, "y": 0.0},
    [r"x \le y"],
    where=lambda q: q.x <= q.y,
)
T(
    r"\tanh(a) \ge \tanh(b)",
    "",
    "a:real b:real",
    ">=",
    lambda p: (mp.sinh(p.a - p.b) / (mp.cosh(p.a) * mp.cosh(p.b)), 0),
    [r"b \le a"],
    where=lambda q: q.b <= q.a,
    exact=True,
    why="transcribed as tanh a - tanh b = sinh(a - b) / (cosh a cosh b) >= 0",
)
T(
    r"\tanh(a) > \tanh(b)",
    "",
    "a:real b:real",
    ">",
    lambda p: (mp.sinh(p.a - p.b) / (mp.cosh(p.a) * mp.cosh(p.b)), 0),
    [r"a > b"],
    where=lambda q: q.a > q.b,
    exact=True,
    why="strictly increasing; at a = 1000, b = 999 the gap is e^{-1998}, so transcribed as "
    "sinh(a - b) / (cosh a cosh b) > 0",
)
T(
    r"x \ge y",
    "",
    "x:real y:real",
    ">=",
    lambda p: (p.x, p.y),
    [r"x > y"],
    where=lambda q: q.x > q.y,
)
F(
    r"x > y",
    "",
    "x:real y:real",
    ">",
    lambda p: (p.x, p.y),
    {"x": 3.0, "y": 3.0},
    [r"x \ge y"],
    where=lambda q: q.x >= q.y,
)
T(
    r"\frac{x}{y} \le 1",
    "",
    "x:real y:real",
    "<=",
    lambda p: (p.x / p.y, 1),
    [r"0 < x", r"x \le y"],
    where=lambda q: 0 < q.x <= q.y,
)
F(
    r"\frac{x}{y} < 1",
    "",
    "x:real y:real",
    "<",
    lambda p: (p.x / p.y, 1),
    {"x": 2.0, "y": 2.0},
    [r"0 < x", r"x \le y"],
    where=lambda q: 0 < q.x <= q.y,
)
T(
    r"(s - 1)(s - 3) \le 0",
    "",
    "s:real",
    "<=",
    lambda p: ((p.s - 1) * (p.s - 3), 0),
    [r"1 \le s", r"s \le 3"],
    where=lambda q: 1 <= q.s <= 3,
)
F(
    r"(s - 1)(s - 3) < 0",
    "",
    "s:real",
    "<",
    lambda p: ((p.s - 1) * (p.s - 3), 0),
    {"s": 1.0},
    [r"1 \le s", r"s \le 3"],
    where=lambda q: 1 <= q.s <= 3,
)
T(
    r"(s - 1)(s - 3) < 0",
    "",
    "s:real",
    "<",
    lambda p: ((p.s - 1) * (p.s - 3), 0),
    [r"1 < s", r"s < 3"],
    where=lambda q: 1 < q.s < 3,
)
T(
    r"|x - y| \le 2",
    "",
    "x:real y:real",
    "<=",
    lambda p: (abs(p.x - p.y), 2),
    [r"|x| \le 1", r"|y| \le 1"],
    where=lambda q: abs(q.x) <= 1 and abs(q.y) <= 1,
)
F(
    r"|x - y| < 2",
    "",
    "x:real y:real",
    "<",
    lambda p: (abs(p.x - p.y), 2),
    {"x": 1.0, "y": -1.0},
    [r"|x| \le 1", r"|y| \le 1"],
    where=lambda q: abs(q.x) <= 1 and abs(q.y) <= 1,
)
T(
    r"\log z \le z - 1",
    "",
    "z:real",
    "<=",
    lambda p: (log(p.z), p.z - 1),
    [r"z > 0"],
    where=lambda q: q.z > 0,
)
F(
    r"\log z < z - 1",
    "",
    "z:real",
    "<",
    lambda p: (log(p.z), p.z - 1),
    {"z": 1.0},
    [r"z > 0"],
    where=lambda q: q.z > 0,
)
T(
    r"\log z < z - 1",
    "",
    "z:real",
    "<",
    lambda p: (log(p.z), p.z - 1),
    [r"z > 1"],
    where=lambda q: q.z > 1,
)
F(
    r"\log z < z - 1 - 10^{-30}",
    "",
    "z:real",
    "<",
    lambda p: (log(p.z), p.z - 1 - tiny()),
    {"z": 1.0000000000000002},
    [r"z > 1"],
    where=lambda q: q.z > 1,
    why="near z = 1 the gap is (z - 1)^2 / 2, 2.5e-32 at the next double after 1",
)
T(
    r"a x \le a y",
    "",
    "a:real x:real y:real",
    "<=",
    lambda p: (p.a * p.x, p.a * p.y),
    [r"a \ge 0", r"x \le y"],
    where=lambda q: q.a >= 0 and q.x <= q.y,
)
F(
    r"a x < a y",
    "",
    "a:real x:real y:real",
    "<",
    lambda p: (p.a * p.x, p.a * p.y),
    {"a": 0.0, "x": 1.0, "y": 2.0},
    [r"a \ge 0", r"x < y"],
    where=lambda q: q.a >= 0 and q.x < q.y,
)
T(
    r"a x < a y",
    "",
    "a:real x:real y:real",
    "<",
    lambda p: (p.a * p.x, p.a * p.y),
    [r"a > 0", r"x < y"],
    where=lambda q: q.a > 0 and q.x < q.y,
)
F(
    r"x^2 \ge x",
    "",
    "x:real",
    ">=",
    lambda p: (p.x**2, p.x),
    {"x": 0.5},
    [r"x \ge 0"],
    where=lambda q: q.x >= 0,
)
T(
    r"\sigma(x) \ge \frac{1}{2}",
    "",
    "x:real",
    ">=",
    lambda p: (sig(p.x), E(1) / 2),
    [r"x \ge 0"],
    where=lambda q: q.x >= 0,
)
F(
    r"\sigma(x) > \frac{1}{2}",
    "",
    "x:real",
    ">",
    lambda p: (sig(p.x), E(1) / 2),
    {"x": 0.0},
    [r"x \ge 0"],
    where=lambda q: q.x >= 0,
)
T(
    r"\frac{1}{1 - x} \ge 1 + x",
    "",
    "x:real",
    ">=",
    lambda p: (1 / (1 - p.x), 1 + p.x),
    [r"x < 1"],
    where=lambda q: q.x < 1,
)
F(
    r"\frac{1}{1 - x} > 1 + x",
    "",
    "x:real",
    ">",
    lambda p: (1 / (1 - p.x), 1 + p.x),
    {"x": 0.0},
    [r"x < 1"],
    where=lambda q: q.x < 1,
)
_unit2 = [r"0 \le x", r"x \le 1", r"0 \le y", r"y \le 1"]
T(
    r"x y \le 1",
    "",
    "x:real y:real",
    "<=",
    lambda p: (p.x * p.y, 1),
    _unit2,
    where=lambda q: 0 <= q.x <= 1 and 0 <= q.y <= 1,
)
F(
    r"x y < 1",
    "",
    "x:real y:real",
    "<",
    lambda p: (p.x * p.y, 1),
    {"x": 1.0, "y": 1.0},
    _unit2,
    where=lambda q: 0 <= q.x <= 1 and 0 <= q.y <= 1,
)
T(
    r"x + y < 3",
    "",
    "x:real y:real",
    "<",
    lambda p: (p.x + p.y, 3),
    [r"x \le 1", r"y < 2"],
    where=lambda q: q.x <= 1 and q.y < 2,
)
F(
    r"x + y < 3",
    "",
    "x:real y:real",
    "<",
    lambda p: (p.x + p.y, 3),
    {"x": 1.0, "y": 2.0},
    [r"x \le 1", r"y \le 2"],
    where=lambda q: q.x <= 1 and q.y <= 2,
)
T(
    r"x + 10^{-30} > y",
    "",
    "x:real y:real",
    ">",
    lambda p: (p.x + tiny(), p.y),
    [r"x \ge y"],
    where=lambda q: q.x >= q.y,
)
F(
    r"x > y + e^{-50}",
    "",
    "x:real y:real",
    ">",
    lambda p: (p.x, p.y + mp.exp(-50)),
    {"x": 1e-30, "y": 0.0},
    [r"x > y"],
    where=lambda q: q.x > q.y,
)
T(
    r"t^2 < t",
    "",
    "t:real",
    "<",
    lambda p: (p.t**2, p.t),
    [r"0 < t", r"t < 1"],
    where=lambda q: 0 < q.t < 1,
)
F(
    r"t^2 < t",
    "",
    "t:real",
    "<",
    lambda p: (p.t**2, p.t),
    {"t": 1.0},
    [r"0 < t", r"t \le 1"],
    where=lambda q: 0 < q.t <= 1,
)
T(
    r"x^2 < y^2",
    "",
    "x:real y:real",
    "<",
    lambda p: (p.x**2, p.y**2),
    [r"0 \le x", r"x < y"],
    where=lambda q: 0 <= q.x < q.y,
)
F(
    r"x^2 < y^2",
    "",
    "x:real y:real",
    "<",
    lambda p: (p.x**2, p.y**2),
    {"x": -2.0, "y": 1.0},
    [r"x < y"],
    where=lambda q: q.x < q.y,
)
# == (c) derivatives ================================================================================
FAM = "derivative"
_WJ = "w: vector[n]; j: index"
T(
    r"\frac{\partial}{\partial w_j} \log(1 + \|w\|^2) = \frac{2 w_j}{1 + \|w\|^2}",
    _WJ,
    "w:vec:n j:index:n",
    "=",
    lambda p: (
        d_entry(lambda v: mp.log(1 + dot(v, v)), p.w, p.j),
        2 * p.w[p.j - 1] / (1 + dot(p.w, p.w)),
    ),
)
F(
    r"\frac{\partial}{\partial w_j} \log(1 + \|w\|^2) = \frac{w_j}{1 + \|w\|^2}",
    _WJ,
    "w:vec:n j:index:n",
    "=",
    lambda p: (
        d_entry(lambda v: mp.log(1 + dot(v, v)), p.w, p.j),
        p.w[p.j - 1] / (1 + dot(p.w, p.w)),
    ),
    {"n": 1, "w": [1.0], "j": 1},
    why="a factor 2 missing",
)
_WA = "w: vector[n]; A: matrix[n, n]"
T(
    r"\nabla_w (w^\top A w) = (A + A^\top) w",
    _WA,
    "w:vec:n A:mat:n:n",
    "=",
    lambda p: (grad(lambda v: quad(v, p.A), p.w), (p.A + p.A.T) * col(p.w)),
)
F(
    r"\nabla_w (w^\top A w) = 2 A w",
    _WA,
    "w:vec:n A:mat:n:n",
    "=",
    lambda p: (grad(lambda v: quad(v, p.A), p.w), 2 * p.A * col(p.w)),
    {"n": 2, "w": [1.0, 1.0], "A": [[0.0, 1.0], [0.0, 0.0]]},
    why="true only for symmetric A",
)
_AXB = "A: matrix[m, n]; x: vector[n]; b: vector[m]"


def _res2(A, b):
    return lambda v: mp.fsum(r**2 for r in (A * col(v) - col(b)))


T(
    r"\nabla_x \|A x - b\|^2 = 2 A^\top (A x - b)",
    _AXB,
    "A:mat:m:n x:vec:n b:vec:m",
    "=",
    lambda p: (grad(_res2(p.A, p.b), p.x), 2 * p.A.T * (p.A * col(p.x) - col(p.b))),
)
F(
    r"\nabla_x \|A x - b\|^2 = A^\top (A x - b)",
    _AXB,
    "A:mat:m:n x:vec:n b:vec:m",
    "=",
    lambda p: (grad(_res2(p.A, p.b), p.x), p.A.T * (p.A * col(p.x) - col(p.b))),
    {"m": 1, "n": 1, "A": [[1.0]], "x": [1.0], "b": [0.0]},
    why="a factor 2 missing",
)
F(
    r"\nabla_x \|A x - b\|^2 = 2 A (A x - b)",
    "A: matrix[n, n]; x, b: vector[n]",
    "A:mat:n:n x:vec:n b:vec:n",
    "=",
    lambda p: (grad(_res2(p.A, p.b), p.x), 2 * p.A * (p.A * col(p.x) - col(p.b))),
    {"n": 2, "A": [[0.0, 1.0], [0.0, 0.0]], "x": [0.0, 1.0], "b": [0.0, 0.0]},
    why="transposed",
)
T(
    r"\frac{\partial}{\partial A_{ij}} x^\top A y = x_i y_j",
    "A: matrix[m, n]; x: vector[m]; y: vector[n]; i, j: index",
    "A:mat:m:n x:vec:m y:vec:n i:index:m j:index:n",
    "=",
    lambda p: (d_mat(lambda B: quad(p.x, B, p.y), p.A, p.i, p.j), p.x[p.i - 1] * p.y[p.j - 1]),
)
F(
    r"\frac{\partial}{\partial A_{ij}} x^\top A y = x_j y_i",
    "A: matrix[n, n]; x, y: vector[n]; i, j: index",
    "A:mat:n:n x:vec:n y:vec:n i:index:n j:index:n",
    "=",
    lambda p: (d_mat(lambda B: quad(p.x, B, p.y), p.A, p.i, p.j), p.x[p.j - 1] * p.y[p.i - 1]),
    {"n": 2, "A": [[0.0, 0.0], [0.0, 0.0]], "x": [1.0, 0.0], "y": [0.0, 1.0], "i": 1, "j": 2},
    why="indices swapped",
)
T(
    r"\frac{\partial}{\partial A_{ij}} \operatorname{tr}(A B) = B_{ji}",
    "A: matrix[m, n]; B: matrix[n, m]; i, j: index",
    "A:mat:m:n B:mat:n:m i:index:m j:index:n",
    "=",
    lambda p: (d_mat(lambda X: tr(X * p.B), p.A, p.i, p.j), p.B[p.j - 1, p.i - 1]),
)
F(
    r"\frac{\partial}{\partial A_{ij}} \operatorname{tr}(A B) = B_{ij}",
    "A, B: matrix[n, n]; i, j: index",
    "A:mat:n:n B:mat:n:n i:index:n j:index:n",
    "=",
    lambda p: (d_mat(lambda X: tr(X * p.B), p.A, p.i, p.j), p.B[p.i - 1, p.j - 1]),
    {"n": 2, "A": [[0.0, 0.0], [0.0, 0.0]], "B": [[0.0, 1.0], [0.0, 0.0]], "i": 1, "j": 2},
    why="transposed",
)


def _logdet(X):
    d = det(X)
    if d <= 0:
        raise Undefined("log of a non-positive determinant")
    return mp.log(d)


T(
    r"\frac{\partial}{\partial X_{ij}} \log\det X = (X^{-1})_{ji}",
    "X: matrix[n, n]; i, j: index",
    "X:mat:n:n i:index:n j:index:n",
    "=",
    lambda p: (d_mat(_logdet, p.X, p.i, p.j), inv(p.X)[p.j - 1, p.i - 1]),
    why="where det X > 0",
)
F(
    r"\frac{\partial}{\partial X_{ij}} \log\det X = (X^{-1})_{ij}",
    "X: matrix[n, n]; i, j: index",
    "X:mat:n:n i:index:n j:index:n",
    "=",
    lambda p: (d_mat(_logdet, p.X, p.i, p.j), inv(p.X)[p.i - 1, p.j - 1]),
    {"n": 2, "X": [[1.0, 1.0], [0.0, 1.0]], "i": 1, "j": 2},
    why="transposed",
)
T(
    r"\frac{d}{dt} \log \sigma(t) = 1 - \sigma(t)",
    "",
    "t:real",
    "=",
    lambda p: (d1(lambda s: -softplus(-s), p.t), 1 - sig(p.t)),
)
F(
    r"\frac{d}{dt} \log \sigma(t) = \sigma(t)",
    "",
    "t:real",
    "=",
    lambda p: (d1(lambda s: -softplus(-s), p.t), sig(p.t)),
    {"t": 1.0},
)
T(
    r"\frac{d}{dx} \operatorname{softplus}(2 x) = 2 \sigma(2 x)",
    "",
    "x:real",
    "=",
    lambda p: (d1(lambda s: softplus(2 * s), p.x), 2 * sig(2 * p.x)),
)
F(
    r"\frac{d}{dx} \operatorname{softplus}(2 x) = \sigma(2 x)",
    "",
    "x:real",
    "=",
    lambda p: (d1(lambda s: softplus(2 * s), p.x), sig(2 * p.x)),
    {"x": 0.0},
    why="the inner factor 2 missing",
)
T(
    r"\frac{d^2}{dx^2} \operatorname{softplus}(x) = \sigma(x) \sigma(-x)",
    "",
    "x:real",
    "=",
    lambda p: (d1(softplus, p.x, 2), sig(p.x) * sig(-p.x)),
)
F(
    r"\frac{d^2}{dx^2} \operatorname{softplus}(x) = \sigma(x)^2",
    "",
    "x:real",
    "=",
    lambda p: (d1(softplus, p.x, 2), sig(p.x) ** 2),
    {"x": 1.0},
)
T(
    r"\frac{d}{dx} \tanh(3 x) = 3 \left(1 - \tanh^2(3 x)\right)",
    "",
    "x:real",
    "=",
    lambda p: (d1(lambda s: mp.tanh(3 * s), p.x), 3 * (1 - mp.tanh(3 * p.x) ** 2)),
)
F(
    r"\frac{d}{dx} \tanh(3 x) = 1 - \tanh^2(3 x)",
    "",
    "x:real",
    "=",
    lambda p: (d1(lambda s: mp.tanh(3 * s), p.x), 1 - mp.tanh(3 * p.x) ** 2),
    {"x": 0.0},
)
_ZB = r"z: vector[n]; j, k: index; \beta: scalar, positive"
T(
    r"\frac{\partial}{\partial z_j} \frac{1}{\beta} \log \sum_{k=1}^{n} e^{\beta z_k} = "
    r"\frac{e^{\beta z_j}}{\sum_{k=1}^{n} e^{\beta z_k}}",
    _ZB,
    "z:vec:n j:index:n beta:pos",
    "=",
    lambda p: (
        hp(lambda: d_entry(lambda v: lse([p.beta * t for t in v]) / p.beta, p.z, p.j), 120),
        softmax([p.beta * t for t in p.z])[p.j - 1],
    ),
)
F(
    r"\frac{\partial}{\partial z_j} \frac{1}{\beta} \log \sum_{k=1}^{n} e^{\beta z_k} = "
    r"\frac{1}{\beta} \frac{e^{\beta z_j}}{\sum_{k=1}^{n} e^{\beta z_k}}",
    _ZB,
    "z:vec:n j:index:n beta:pos",
    "=",
    lambda p: (
        hp(lambda: d_entry(lambda v: lse([p.beta * t for t in v]) / p.beta, p.z, p.j), 120),
        softmax([p.beta * t for t in p.z])[p.j - 1] / p.beta,
    ),
    {"n": 1, "z": [0.0], "j": 1, "beta": 2.0},
)
T(
    r"\frac{\partial^2}{\partial x \partial y} e^{x y} = (1 + x y) e^{x y}",
    "",
    "x:real y:real",
    "=",
    lambda p: (
        mp.diff(lambda a, b: mp.exp(a * b), (p.x, p.y), (1, 1)),
        (1 + p.x * p.y) * mp.exp(p.x * p.y),
    ),
)
F(
    r"\frac{\partial^2}{\partial x \partial y} e^{x y} = x y e^{x y}",
    "",
    "x:real y:real",
    "=",
    lambda p: (
        mp.diff(lambda a, b: mp.exp(a * b), (p.x, p.y), (1, 1)),
        p.x * p.y * mp.exp(p.x * p.y),
    ),
    {"x": 0.0, "y": 0.0},
)
_WX = "w, x: vector[n]; j: index"
T(
    r"\frac{\partial^2}{\partial w_j^2} \log(1 + e^{w^\top x}) = "
    r"x_j^2 \sigma(w^\top x) (1 - \sigma(w^\top x))",
    _WX,
    "w:vec:n x:vec:n j:index:n",
    "=",
    lambda p: (
        d_entry(lambda v: softplus(dot(v, p.x)), p.w, p.j, 2),
        p.x[p.j - 1] ** 2 * sig(dot(p.w, p.x)) * (1 - sig(dot(p.w, p.x))),
    ),
)
F(
    r"\frac{\partial^2}{\partial w_j^2} \log(1 + e^{w^\top x}) = "
    r"x_j \sigma(w^\top x) (1 - \sigma(w^\top x))",
    _WX,
    "w:vec:n x:vec:n j:index:n",
    "=",
    lambda p: (
        d_entry(lambda v: softplus(dot(v, p.x)), p.w, p.j, 2),
        p.x[p.j - 1] * sig(dot(p.w, p.x)) * (1 - sig(dot(p.w, p.x))),
    ),
    {"n": 1, "w": [0.0], "x": [2.0], "j": 1},
    why="the square of x_j missing",
)
_TH = r"\theta, x: vector[n]; y: scalar"
T(
    r"\nabla_\theta \log(1 + e^{-y \theta^\top x}) = -y \sigma(-y \theta^\top x) x",
    _TH,
    "theta:vec:n x:vec:n y:real",
    "=",
    lambda p: (
        grad(lambda v: softplus(-p.y * dot(v, p.x)), p.theta),
        -p.y * sig(-p.y * dot(p.theta, p.x)) * col(p.x),
    ),
)
F(
    r"\nabla_\theta \log(1 + e^{-y \theta^\top x}) = -y \sigma(y \theta^\top x) x",
    _TH,
    "theta:vec:n x:vec:n y:real",
    "=",
    lambda p: (
        grad(lambda v: softplus(-p.y * dot(v, p.x)), p.theta),
        -p.y * sig(p.y * dot(p.theta, p.x)) * col(p.x),
    ),
    {"n": 1, "theta": [1.0], "x": [1.0], "y": 1.0},
)
_WXn = "w, x: vector[n]"
T(
    r"\nabla_w \sigma(w^\top x) = \sigma(w^\top x) (1 - \sigma(w^\top x)) x",
    _WXn,
    "w:vec:n x:vec:n",
    "=",
    lambda p: (
        grad(lambda v: sig(dot(v, p.x)), p.w),
        sig(dot(p.w, p.x)) * (1 - sig(dot(p.w, p.x))) * col(p.x),
    ),
)
F(
    r"\nabla_w \sigma(w^\top x) = \sigma(w^\top x) x",
    _WXn,
    "w:vec:n x:vec:n",
    "=",
    lambda p: (grad(lambda v: sig(dot(v, p.x)), p.w), sig(dot(p.w, p.x)) * col(p.x)),
    {"n": 1, "w": [0.0], "x": [1.0]},
)
T(
    r"\frac{\partial}{\partial W_{ij}} \|W x\|^2 = 2 (W x)_i x_j",
    "W: matrix[m, n]; x: vector[n]; i, j: index",
    "W:mat:m:n x:vec:n i:index:m j:index:n",
    "=",
    lambda p: (
        d_mat(lambda B: mp.fsum(r**2 for r in B * col(p.x)), p.W, p.i, p.j),
        2 * (p.W * col(p.x))[p.i - 1] * p.x[p.j - 1],
    ),
)
F(
    r"\frac{\partial}{\partial W_{ij}} \|W x\|^2 = 2 (W x)_j x_i",
    "W: matrix[n, n]; x: vector[n]; i, j: index",
    "W:mat:n:n x:vec:n i:index:n j:index:n",
    "=",
    lambda p: (
        d_mat(lambda B: mp.fsum(r**2 for r in B * col(p.x)), p.W, p.i, p.j),
        2 * (p.W * col(p.x))[p.j - 1] * p.x[p.i - 1],
    ),
    {"n": 2, "W": [[1.0, 0.0], [0.0, 0.0]], "x": [1.0, 0.0], "i": 1, "j": 2},
)
_QA = "x: vector[n]; A: matrix[n, n]; i, j, k: index"


def _qf(A):
    return lambda v: quad(v, A)


T(
    r"\frac{\partial}{\partial x_i} \sum_{j=1}^{n} \sum_{k=1}^{n} A_{jk} x_j x_k = "
    r"\sum_{k=1}^{n} (A_{ik} + A_{ki}) x_k",
    _QA,
    "x:vec:n A:mat:n:n i:index:n",
    "=",
    lambda p: (
        d_entry(_qf(p.A), p.x, p.i),
        mp.fsum((p.A[p.i - 1, k] + p.A[k, p.i - 1]) * p.x[k] for k in range(p.n)),
    ),
)
F(
    r"\frac{\partial}{\partial x_i} \sum_{j=1}^{n} \sum_{k=1}^{n} A_{jk} x_j x_k = "
    r"2 \sum_{k=1}^{n} A_{ik} x_k",
    _QA,
    "x:vec:n A:mat:n:n i:index:n",
    "=",
    lambda p: (
        d_entry(_qf(p.A), p.x, p.i),
        2 * mp.fsum(p.A[p.i - 1, k] * p.x[k] for k in range(p.n)),
    ),
    {"n": 2, "x": [0.0, 1.0], "A": [[0.0, 1.0], [0.0, 0.0]], "i": 1},
)
_GS = "s: scalar, positive"
T(
    r"\frac{\partial}{\partial \mu} \frac{(x - \mu)^2}{2 s^2} = \frac{\mu - x}{s^2}",
    _GS,
    "x:real mu:real s:pos",
    "=",
    lambda p: (d1(lambda m: (p.x - m) ** 2 / (2 * p.s**2), p.mu), (p.mu - p.x) / p.s**2),
)
F(
    r"\frac{\partial}{\partial \mu} \frac{(x - \mu)^2}{2 s^2} = \frac{x - \mu}{s^2}",
    _GS,
    "x:real mu:real s:pos",
    "=",
    lambda p: (d1(lambda m: (p.x - m) ** 2 / (2 * p.s**2), p.mu), (p.x - p.mu) / p.s**2),
    {"x": 1.0, "mu": 0.0, "s": 1.0},
    why="sign",
)
T(
    r"\frac{\partial}{\partial s} \left(\log s + \frac{(x - \mu)^2}{2 s^2}\right) = "
    r"\frac{1}{s} - \frac{(x - \mu)^2}{s^3}",
    _GS,
    "x:real mu:real s:pos",
    "=",
    lambda p: (
        d1(lambda t: mp.log(t) + (p.x - p.mu) ** 2 / (2 * t**2), p.s),
        1 / p.s - (p.x - p.mu) ** 2 / p.s**3,
    ),
)
F(
    r"\frac{\partial}{\partial s} \left(\log s + \frac{(x - \mu)^2}{2 s^2}\right) = "
    r"\frac{1}{s} - \frac{(x - \mu)^2}{2 s^3}",
    _GS,
    "x:real mu:real s:pos",
    "=",
    lambda p: (
        d1(lambda t: mp.log(t) + (p.x - p.mu) ** 2 / (2 * t**2), p.s),
        1 / p.s - (p.x - p.mu) ** 2 / (2 * p.s**3),
    ),
    {"x": 1.0, "mu": 0.0, "s": 1.0},
)
T(
    r"\frac{d}{dx} \log(\cosh x) = \tanh x",
    "",
    "x:real",
    "=",
    lambda p: (d1(lambda t: mp.log(mp.cosh(t)), p.x), mp.tanh(p.x)),
)
F(
    r"\frac{d}{dx} \log(\cosh x) = -\tanh x",
    "",
    "x:real",
    "=",
    lambda p: (d1(lambda t: mp.log(mp.cosh(t)), p.x), -mp.tanh(p.x)),
    {"x": 1.0},
)
T(
    r"\frac{d}{dx} x^{x} = x^{x} (\log x + 1)",
    "x: scalar, positive",
    "x:pos",
    "=",
    lambda p: (d1(lambda t: t**t, p.x), p.x**p.x * (mp.log(p.x) + 1)),
)
F(
    r"\frac{d}{dx} x^{x} = x \cdot x^{x - 1}",
    "x: scalar, positive",
    "x:pos",
    "=",
    lambda p: (d1(lambda t: t**t, p.x), p.x * p.x ** (p.x - 1)),
    {"x": 2.0},
    why="the power rule applied to a variable exponent",
)
T(
    r"\frac{d}{dx} \sqrt{x^2 + 1} = \frac{x}{\sqrt{x^2 + 1}}",
    "",
    "x:real",
    "=",
    lambda p: (d1(lambda t: mp.sqrt(t**2 + 1), p.x), p.x / mp.sqrt(p.x**2 + 1)),
)
F(
    r"\frac{d}{dx} \sqrt{x^2 + 1} = \frac{1}{2 \sqrt{x^2 + 1}}",
    "",
    "x:real",
    "=",
    lambda p: (d1(lambda t: mp.sqrt(t**2 + 1), p.x), 1 / (2 * mp.sqrt(p.x**2 + 1))),
    {"x": 0.0},
)
_SM = "w: vector[n]; i, j: index"
T(
    r"\frac{\partial}{\partial w_i} \operatorname{softmax}(w)_j = "
    r"\operatorname{softmax}(w)_j (\delta_{ij} - \operatorname{softmax}(w)_i)",
    _SM,
    "w:vec:n i:index:n j:index:n",
    "=",
    lambda p: (
        d_entry(lambda v: softmax(v)[p.j - 1], p.w, p.i),
        softmax(p.w)[p.j - 1] * ((1 if p.i == p.j else 0) - softmax(p.w)[p.i - 1]),
    ),
)
T(
    r"\frac{\partial}{\partial w_i} \operatorname{softmax}(w)_j = "
    r"\operatorname{softmax}(w)_i (\delta_{ij} - \operatorname{softmax}(w)_j)",
    _SM,
    "w:vec:n i:index:n j:index:n",
    "=",
    lambda p: (
        d_entry(lambda v: softmax(v)[p.j - 1], p.w, p.i),
        softmax(p.w)[p.i - 1] * ((1 if p.i == p.j else 0) - softmax(p.w)[p.j - 1]),
    ),
    why="looks transposed, but the softmax Jacobian is symmetric",
)
F(
    r"\frac{\partial}{\partial w_i} \operatorname{softmax}(w)_j = "
    r"\operatorname{softmax}(w)_j (1 - \operatorname{softmax}(w)_i)",
    _SM,
    "w:vec:n i:index:n j:index:n",
    "=",
    lambda p: (
        d_entry(lambda v: softmax(v)[p.j - 1], p.w, p.i),
        softmax(p.w)[p.j - 1] * (1 - softmax(p.w)[p.i - 1]),
    ),
    {"n": 2, "w": [0.0, 0.0], "i": 1, "j": 2},
    why="the delta dropped",
)
T(
    r"\nabla_x \frac{1}{2} x^\top S x = S x",
    "x: vector[n]; S: symmetric[n]",
    "x:vec:n S:sym:n",
    "=",
    lambda p: (grad(lambda v: quad(v, p.S) / 2, p.x), p.S * col(p.x)),
)
F(
    r"\nabla_x \frac{1}{2} x^\top A x = A x",
    "x: vector[n]; A: matrix[n, n]",
    "x:vec:n A:mat:n:n",
    "=",
    lambda p: (grad(lambda v: quad(v, p.A) / 2, p.x), p.A * col(p.x)),
    {"n": 2, "x": [0.0, 1.0], "A": [[0.0, 1.0], [0.0, 0.0]]},
    why="true only for symmetric A",
)
T(
    r"\frac{d}{dx} \operatorname{erf}(x) = \frac{2}{\sqrt{\pi}} e^{-x^2}",
    "",
    "x:real",
    "=",
    lambda p: (d1(mp.erf, p.x), 2 / mp.sqrt(mp.pi) * mp.exp(-(p.x**2))),
)
F(
    r"\frac{d}{dx} \operatorname{erf}(x) = \frac{1}{\sqrt{\pi}} e^{-x^2}",
    "",
    "x:real",
    "=",
    lambda p: (d1(mp.erf, p.x), 1 / mp.sqrt(mp.pi) * mp.exp(-(p.x**2))),
    {"x": 0.0},
)
T(
    r"\frac{d^2}{dx^2} \log(1 + x^2) = \frac{2 (1 - x^2)}{(1 + x^2)^2}",
    "",
    "x:real",
    "=",
    lambda p: (d1(lambda t: mp.log(1 + t**2), p.x, 2), 2 * (1 - p.x**2) / (1 + p.x**2) ** 2),
)
F(
    r"\frac{d^2}{dx^2} \log(1 + x^2) = \frac{2 (x^2 - 1)}{(1 + x^2)^2}",
    "",
    "x:real",
    "=",
    lambda p: (d1(lambda t: mp.log(1 + t**2), p.x, 2), 2 * (p.x**2 - 1) / (1 + p.x**2) ** 2),
    {"x": 0.0},
)
T(
    r"\frac{\partial}{\partial b} \log(1 + e^{a x + b}) = \sigma(a x + b)",
    "",
    "a:real x:real b:real",
    "=",
    lambda p: (d1(lambda t: softplus(p.a * p.x + t), p.b), sig(p.a * p.x + p.b)),
)
F(
    r"\frac{\partial}{\partial a} \log(1 + e^{a x + b}) = \sigma(a x + b)",
    "",
    "a:real x:real b:real",
    "=",
    lambda p: (d1(lambda t: softplus(t * p.x + p.b), p.a), sig(p.a * p.x + p.b)),
    {"a": 0.0, "x": 2.0, "b": 0.0},
    why="the factor x missing",
)
T(
    r"\frac{d}{dx} \tanh(\sigma(x)) = \left(1 - \tanh^2(\sigma(x))\right) \sigma(x) (1 - \sigma(x))",
    "",
    "x:real",
    "=",
    lambda p: (
        d1(lambda t: mp.tanh(sig(t)), p.x),
        (1 - mp.tanh(sig(p.x)) ** 2) * sig(p.x) * (1 - sig(p.x)),
    ),
)
F(
    r"\frac{d}{dx} \tanh(\sigma(x)) = \left(1 - \tanh^2(\sigma(x))\right) \sigma(x)",
    "",
    "x:real",
    "=",
    lambda p: (d1(lambda t: mp.tanh(sig(t)), p.x), (1 - mp.tanh(sig(p.x)) ** 2) * sig(p.x)),
    {"x": 0.0},
)
T(
    r"\frac{d}{dx} e^{-x^2/2} = -x e^{-x^2/2}",
    "",
    "x:real",
    "=",
    lambda p: (d1(lambda t: mp.exp(-(t**2) / 2), p.x), -p.x * mp.exp(-(p.x**2) / 2)),
)
F(
    r"\frac{d}{dx} e^{-x^2/2} = x e^{-x^2/2}",
    "",
    "x:real",
    "=",
    lambda p: (d1(lambda t: mp.exp(-(t**2) / 2), p.x), p.x * mp.exp(-(p.x**2) / 2)),
    {"x": 1.0},
)
T(
    r"\frac{\partial}{\partial w_j} (w^\top x)^3 = 3 (w^\top x)^2 x_j",
    _WX,
    "w:vec:n x:vec:n j:index:n",
    "=",
    lambda p: (
        d_entry(lambda v: dot(v, p.x) ** 3, p.w, p.j),
        3 * dot(p.w, p.x) ** 2 * p.x[p.j - 1],
    ),
)
F(
    r"\frac{\partial}{\partial w_j} (w^\top x)^3 = 3 (w^\top x)^2 w_j",
    _WX,
    "w:vec:n x:vec:n j:index:n",
    "=",
    lambda p: (
        d_entry(lambda v: dot(v, p.x) ** 3, p.w, p.j),
        3 * dot(p.w, p.x) ** 2 * p.w[p.j - 1],
    ),
    {"n": 1, "w": [1.0], "x": [2.0], "j": 1},
)
T(
    r"\frac{\partial}{\partial x_j} \|x - c\|^2 = 2 (x_j - c_j)",
    "x, c: vector[n]; j: index",
    "x:vec:n c:vec:n j:index:n",
    "=",
    lambda p: (
        d_entry(lambda v: mp.fsum((a - b) ** 2 for a, b in zip(v, p.c, strict=True)), p.x, p.j),
        2 * (p.x[p.j - 1] - p.c[p.j - 1]),
    ),
)
F(
    r"\frac{\partial}{\partial x_j} \|x - c\|^2 = 2 (c_j - x_j)",
    "x, c: vector[n]; j: index",
    "x:vec:n c:vec:n j:index:n",
    "=",
    lambda p: (
        d_entry(lambda v: mp.fsum((a - b) ** 2 for a, b in zip(v, p.c, strict=True)), p.x, p.j),
        2 * (p.c[p.j - 1] - p.x[p.j - 1]),
    ),
    {"n": 1, "x": [1.0], "c": [0.0], "j": 1},
)
_WAm = "W: matrix[n, k]; A: matrix[n, n]"
T(
    r"\nabla_W \operatorname{tr}(W^\top A W) = (A + A^\top) W",
    _WAm,
    "W:mat:n:k A:mat:n:n",
    "=",
    lambda p: (grad_mat(lambda X: tr(X.T * p.A * X), p.W), (p.A + p.A.T) * p.W),
)
F(
    r"\nabla_W \operatorname{tr}(W^\top A W) = 2 A W",
    _WAm,
    "W:mat:n:k A:mat:n:n",
    "=",
    lambda p: (grad_mat(lambda X: tr(X.T * p.A * X), p.W), 2 * p.A * p.W),
    {"n": 2, "k": 1, "W": [[1.0], [1.0]], "A": [[0.0, 1.0], [0.0, 0.0]]},
)
# == (d) roots, powers, absolute values, max/min ===================================================
FAM = "roots"
T(r"\sqrt[3]{-27} = -3", "", "", "=", lambda p: (rpow(E(-27), 1, 3), -3))
T(r"\sqrt[3]{x^3} = x", "", "x:real", "=", lambda p: (rpow(p.x**3, 1, 3), p.x))
F(r"\sqrt[3]{x^3} = |x|", "", "x:real", "=", lambda p: (rpow(p.x**3, 1, 3), abs(p.x)), {"x": -1.0})
T(r"\sqrt{x^2} = |x|", "", "x:real", "=", lambda p: (sqrt(p.x**2), abs(p.x)))
F(r"\sqrt{y^2} = y", "", "y:real", "=", lambda p: (sqrt(p.y**2), p.y), {"y": -1.0})
T(r"|x y| = |x| |y|", "", "x:real y:real", "=", lambda p: (abs(p.x * p.y), abs(p.x) * abs(p.y)))
F(
    r"|x + y| = |x| + |y|",
    "",
    "x:real y:real",
    "=",
    lambda p: (abs(p.x + p.y), abs(p.x) + abs(p.y)),
    {"x": 1.0, "y": -1.0},
)
T(
    r"\max(a, b) + \min(a, b) = a + b",
    "",
    "a:real b:real",
    "=",
    lambda p: (max(p.a, p.b) + min(p.a, p.b), p.a + p.b),
)
F(
    r"\max(a, b) - \min(a, b) = a - b",
    "",
    "a:real b:real",
    "=",
    lambda p: (max(p.a, p.b) - min(p.a, p.b), p.a - p.b),
    {"a": 0.0, "b": 1.0},
)
T(
    r"\max(a, b) - \min(a, b) = |a - b|",
    "",
    "a:real b:real",
    "=",
    lambda p: (max(p.a, p.b) - min(p.a, p.b), abs(p.a - p.b)),
)
T(
    r"\max(a, b) = \frac{a + b + |a - b|}{2}",
    "",
    "a:real b:real",
    "=",
    lambda p: (max(p.a, p.b), (p.a + p.b + abs(p.a - p.b)) / 2),
)
F(
    r"\min(a, b) = \frac{a + b + |a - b|}{2}",
    "",
    "a:real b:real",
    "=",
    lambda p: (min(p.a, p.b), (p.a + p.b + abs(p.a - p.b)) / 2),
    {"a": 0.0, "b": 1.0},
)
T(
    r"\max(-a, -b) = -\min(a, b)",
    "",
    "a:real b:real",
    "=",
    lambda p: (max(-p.a, -p.b), -min(p.a, p.b)),
)
F(
    r"\max(-a, -b) = -\max(a, b)",
    "",
    "a:real b:real",
    "=",
    lambda p: (max(-p.a, -p.b), -max(p.a, p.b)),
    {"a": 0.0, "b": 1.0},
)
T(
    r"x^{2/3} \ge 0",
    "",
    "x:real",
    ">=",
    lambda p: (rpow(p.x, 2, 3), 0),
    why="the real power: sign(x)^2 |x|^{2/3}",
)
F(
    r"x^{3/5} \ge 0",
    "",
    "x:real",
    ">=",
    lambda p: (rpow(p.x, 3, 5), 0),
    {"x": -1.0},
    why="the real fifth root of a negative cube is negative",
)
T(r"x^{4/5} \ge 0", "", "x:real", ">=", lambda p: (rpow(p.x, 4, 5), 0))
T(r"(x^{1/3})^3 = x", "", "x:real", "=", lambda p: (rpow(p.x, 1, 3) ** 3, p.x))
F(
    r"(x^{2/3})^{3/2} = x",
    "",
    "x:real",
    "=",
    lambda p: (sqrt(rpow(p.x, 2, 3)) ** 3, p.x),
    {"x": -1.0},
)
T(r"(x^{2/3})^{3/2} = |x|", "", "x:real", "=", lambda p: (sqrt(rpow(p.x, 2, 3)) ** 3, abs(p.x)))
T(r"\sqrt[5]{-32} = -2", "", "", "=", lambda p: (rpow(E(-32), 1, 5), -2))
T(r"(-8)^{1/3} = -2", "", "", "=", lambda p: (rpow(E(-8), 1, 3), -2))
F(
    r"(-8)^{2/3} = -4",
    "",
    "",
    "=",
    lambda p: (rpow(E(-8), 2, 3), -4),
    {},
    why="the real power is (-8)^{2/3} = 4",
)
T(
    r"\sqrt{a} \sqrt{b} = \sqrt{a b}",
    "a, b: scalar, nonnegative",
    "a:nonneg b:nonneg",
    "=",
    lambda p: (sqrt(p.a) * sqrt(p.b), sqrt(p.a * p.b)),
)
T(
    r"\sqrt{x^2 + y^2} \le |x| + |y|",
    "",
    "x:real y:real",
    "<=",
    lambda p: (mp.sqrt(p.x**2 + p.y**2), abs(p.x) + abs(p.y)),
)
F(
    r"\sqrt{x^2 + y^2} < |x| + |y|",
    "",
    "x:real y:real",
    "<",
    lambda p: (mp.sqrt(p.x**2 + p.y**2), abs(p.x) + abs(p.y)),
    {"x": 0.0, "y": 1.0},
)
T(
    r"\sqrt{x^2 + y^2} \ge \max(|x|, |y|)",
    "",
    "x:real y:real",
    ">=",
    lambda p: (mp.sqrt(p.x**2 + p.y**2), max(abs(p.x), abs(p.y))),
)
F(
    r"\sqrt{x^2 + y^2} > \max(|x|, |y|)",
    "",
    "x:real y:real",
    ">",
    lambda p: (mp.sqrt(p.x**2 + p.y**2), max(abs(p.x), abs(p.y))),
    {"x": 0.0, "y": 1.0},
)
T(
    r"a^{p} a^{q} = a^{p + q}",
    "a: scalar, positive",
    "a:pos p:real q:real",
    "=",
    lambda p: (p.a**p.p * p.a**p.q, p.a ** (p.p + p.q)),
)
F(
    r"(x^{p})^{q} = x^{p q}",
    "",
    "x:real p:real q:real",
    "=",
    lambda p: ((p.x**p.p) ** p.q, p.x ** (p.p * p.q)),
    {"x": -1.0, "p": 2.0, "q": 0.5},
    why="x = -1, p = 2, q = 1/2: 1 against -1",
)
T(r"\lfloor x \rfloor \le x", "", "x:real", "<=", lambda p: (mp.floor(p.x), p.x))
F(r"\lfloor x \rfloor < x", "", "x:real", "<", lambda p: (mp.floor(p.x), p.x), {"x": 2.0})
T(
    r"\lceil x \rceil - \lfloor x \rfloor \le 1",
    "",
    "x:real",
    "<=",
    lambda p: (mp.ceil(p.x) - mp.floor(p.x), 1),
)
F(
    r"\lceil x \rceil - \lfloor x \rfloor = 1",
    "",
    "x:real",
    "=",
    lambda p: (mp.ceil(p.x) - mp.floor(p.x), 1),
    {"x": 2.0},
)
T(
    r"|x - y| \ge \left| |x| - |y| \right|",
    "",
    "x:real y:real",
    ">=",
    lambda p: (abs(p.x - p.y), abs(abs(p.x) - abs(p.y))),
)
F(
    r"|x - y| \le |x| - |y|",
    "",
    "x:real y:real",
    "<=",
    lambda p: (abs(p.x - p.y), abs(p.x) - abs(p.y)),
    {"x": 0.0, "y": 1.0},
)
T(r"\max(x, 0) \max(-x, 0) = 0", "", "x:real", "=", lambda p: (max(p.x, 0) * max(-p.x, 0), 0))
F(
    r"\max(x, 0) + \max(-x, 0) = x",
    "",
    "x:real",
    "=",
    lambda p: (max(p.x, 0) + max(-p.x, 0), p.x),
    {"x": -1.0},
)
T(
    r"\max(x, 0) + \max(-x, 0) = |x|",
    "",
    "x:real",
    "=",
    lambda p: (max(p.x, 0) + max(-p.x, 0), abs(p.x)),
)
T(
    r"\sqrt{x^2 + 10^{-30}} > |x|",
    "",
    "x:real",
    ">",
    lambda p: (E(1) / (mp.sqrt(p.x**2 + tiny()) + abs(p.x)), 0),
    exact=True,
    why="transcribed as the difference 10^-30 / (sqrt(x^2 + 10^-30) + |x|) > 0",
)
F(
    r"\sqrt{x^2 + 10^{-30}} \le |x| + 10^{-16}",
    "",
    "x:real",
    "<=",
    lambda p: (mp.sqrt(p.x**2 + tiny()), abs(p.x) + tiny(16)),
    {"x": 0.0},
)
T(
    r"\sqrt{10^{300}} = 10^{150}",
    "",
    "",
    "=",
    lambda p: (mp.sqrt(mp.mpf(10) ** 300), mp.mpf(10) ** 150),
)
T(
    r"\sqrt[3]{-10^{300}} = -10^{100}",
    "",
    "",
    "=",
    lambda p: (rpow(-(mp.mpf(10) ** 300), 1, 3), -(mp.mpf(10) ** 100)),
)
F(
    r"\sqrt{10^{300} + 1} = 10^{150}",
    "",
    "",
    "=",
    lambda p: (1 / (mp.sqrt(mp.mpf(10) ** 300 + 1) + mp.mpf(10) ** 150), 0),
    {},
    exact=True,
    why="the difference is 1 / (sqrt(10^300 + 1) + 10^150), about 5e-151; transcribed so",
)
T(
    r"\sqrt{(x - y)^2} = |y - x|",
    "",
    "x:real y:real",
    "=",
    lambda p: (sqrt((p.x - p.y) ** 2), abs(p.y - p.x)),
)
T(
    r"\min(a, b) \le \sqrt{a b}",
    "a, b: scalar, positive",
    "a:pos b:pos",
    "<=",
    lambda p: (min(p.a, p.b), mp.sqrt(p.a * p.b)),
)
F(
    r"\min(a, b) < \sqrt{a b}",
    "a, b: scalar, positive",
    "a:pos b:pos",
    "<",
    lambda p: (min(p.a, p.b), mp.sqrt(p.a * p.b)),
    {"a": 1.0, "b": 1.0},
)
T(
    r"\sqrt{a b} \le \max(a, b)",
    "a, b: scalar, positive",
    "a:pos b:pos",
    "<=",
    lambda p: (mp.sqrt(p.a * p.b), max(p.a, p.b)),
)
T(r"|x|^{3} = |x^3|", "", "x:real", "=", lambda p: (abs(p.x) ** 3, abs(p.x**3)))
# == (e) special functions and gaps below double precision ========================================
FAM = "special"
T(
    r"\operatorname{erf}(x) + \operatorname{erfc}(x) = 1",
    "",
    "x:real",
    "=",
    lambda p: (mp.erf(p.x) + mp.erfc(p.x), 1),
)
F(
    r"\operatorname{erf}(x) - \operatorname{erfc}(x) = 1",
    "",
    "x:real",
    "=",
    lambda p: (mp.erf(p.x) - mp.erfc(p.x), 1),
    {"x": 0.0},
)
T(
    r"\operatorname{erf}(-x) = -\operatorname{erf}(x)",
    "",
    "x:real",
    "=",
    lambda p: (mp.erf(-p.x), -mp.erf(p.x)),
)
F(
    r"\operatorname{erfc}(-x) = -\operatorname{erfc}(x)",
    "",
    "x:real",
    "=",
    lambda p: (mp.erfc(-p.x), -mp.erfc(p.x)),
    {"x": 0.0},
)
T(
    r"\operatorname{erfc}(-x) = 2 - \operatorname{erfc}(x)",
    "",
    "x:real",
    "=",
    lambda p: (mp.erfc(-p.x), 2 - mp.erfc(p.x)),
)
T(r"\operatorname{erf}(x) \le 1", "", "x:real", "<=", lambda p: (mp.erf(p.x), 1))
F(
    r"\operatorname{erf}(x) < 1 - 10^{-30}",
    "",
    "x:real",
    "<",
    lambda p: (mp.erf(p.x), 1 - tiny()),
    {"x": 10.0},
    why="erfc(10) = 2e-45",
)
T(
    r"\operatorname{erfc}(x) \le e^{-x^2}",
    "",
    "x:real",
    "<=",
    lambda p: (mp.erfc(p.x), mp.exp(-(p.x**2))),
    [r"x \ge 0"],
    where=lambda q: q.x >= 0,
)
F(
    r"\operatorname{erfc}(x) \le e^{-x^2}",
    "",
    "x:real",
    "<=",
    lambda p: (mp.erfc(p.x), mp.exp(-(p.x**2))),
    {"x": -1.0},
    why="the bound needs x >= 0",
)
T(
    r"\operatorname{erfc}(x) < \frac{e^{-x^2}}{x \sqrt{\pi}}",
    "",
    "x:real",
    "<",
    lambda p: (mp.erfc(p.x) * p.x * mp.sqrt(mp.pi) * mp.exp(p.x**2), 1),
    [r"x > 0"],
    where=lambda q: q.x > 0,
    why="transcribed as the ratio erfc(x) x sqrt(pi) e^{x^2} < 1 (the absolute gap is e^{-x^2})",
)
F(
    r"\operatorname{erfc}(x) < \frac{e^{-x^2}}{x \sqrt{\pi}} - 10^{-30}",
    "",
    "x:real",
    "<",
    lambda p: (mp.erfc(p.x), mp.exp(-(p.x**2)) / (p.x * mp.sqrt(mp.pi)) - tiny()),
    {"x": 10.0},
    [r"x > 0"],
    where=lambda q: q.x > 0,
)
T(
    r"\log\Gamma(x + 1) = \log x + \log\Gamma(x)",
    "x: scalar, positive",
    "x:pos",
    "=",
    lambda p: (mp.loggamma(p.x + 1), mp.log(p.x) + mp.loggamma(p.x)),
)
F(
    r"\log\Gamma(x + 1) = \log\Gamma(x) + x",
    "x: scalar, positive",
    "x:pos",
    "=",
    lambda p: (mp.loggamma(p.x + 1), mp.loggamma(p.x) + p.x),
    {"x": 2.0},
)
T(r"\log\Gamma(2) = 0", "", "", "=", lambda p: (mp.loggamma(2), 0))
F(
    r"\log\Gamma(x) > 0",
    "x: scalar, positive",
    "x:pos",
    ">",
    lambda p: (mp.loggamma(p.x), 0),
    {"x": 1.5},
)
T(
    r"\log\Gamma(x) \ge 0",
    "",
    "x:real",
    ">=",
    lambda p: (mp.loggamma(p.x), 0),
    [r"x \ge 2"],
    where=lambda q: q.x >= 2,
)
T(
    r"\operatorname{digamma}(x + 1) = \operatorname{digamma}(x) + \frac{1}{x}",
    "x: scalar, positive",
    "x:pos",
    "=",
    lambda p: (hp(lambda: mp.digamma(p.x + 1)), hp(lambda: mp.digamma(p.x) + 1 / p.x)),
    why="digamma(x) + 1/x cancels at x = 10^-40: computed at 800 more digits",
)
F(
    r"\operatorname{digamma}(x + 1) = \operatorname{digamma}(x) - \frac{1}{x}",
    "x: scalar, positive",
    "x:pos",
    "=",
    lambda p: (mp.digamma(p.x + 1), mp.digamma(p.x) - 1 / p.x),
    {"x": 1.0},
)
T(
    r"\operatorname{digamma}(x) > \log x - \frac{1}{x}",
    "x: scalar, positive",
    "x:pos",
    ">",
    lambda p: (mp.digamma(p.x), mp.log(p.x) - 1 / p.x),
)
T(
    r"\operatorname{digamma}(x) < \log x - \frac{1}{2 x}",
    "x: scalar, positive",
    "x:pos",
    "<",
    lambda p: (mp.digamma(p.x), mp.log(p.x) - 1 / (2 * p.x)),
)
F(
    r"\operatorname{digamma}(x) > \log x - \frac{1}{2 x}",
    "x: scalar, positive",
    "x:pos",
    ">",
    lambda p: (mp.digamma(p.x), mp.log(p.x) - 1 / (2 * p.x)),
    {"x": 1.0},
    why="the bound holds the other way round for every x > 0",
)
T(
    r"\tanh(x) < 1",
    "",
    "x:real",
    "<",
    lambda p: (-tanh_gap(p.x), 0),
    exact=True,
    why="transcribed as -(1 - tanh x) = -2 / (e^{2x} + 1) < 0",
)
F(
    r"\tanh(x) \le 1 - 10^{-40}",
    "",
    "x:real",
    "<=",
    lambda p: (mp.tanh(p.x), 1 - tiny(40)),
    {"x": 100.0},
    why="1 - tanh(100) = 2.8e-87",
)
T(
    r"\tanh(x) = 2 \sigma(2 x) - 1",
    "",
    "x:real",
    "=",
    lambda p: (mp.tanh(p.x), 2 * sig(2 * p.x) - 1),
)
F(
    r"\tanh(x) = 2 \sigma(x) - 1",
    "",
    "x:real",
    "=",
    lambda p: (mp.tanh(p.x), 2 * sig(p.x) - 1),
    {"x": 1.0},
)
T(
    r"\log \sigma(x) = -\operatorname{softplus}(-x)",
    "",
    "x:real",
    "=",
    lambda p: (mp.log(sig(p.x)), -softplus(-p.x)),
)
F(
    r"\log \sigma(x) = -\operatorname{softplus}(x)",
    "",
    "x:real",
    "=",
    lambda p: (mp.log(sig(p.x)), -softplus(p.x)),
    {"x": 1.0},
)
T(
    r"\log \sigma(x) < 0",
    "",
    "x:real",
    "<",
    lambda p: (-mp.log1p(mp.exp(-p.x)), 0),
    exact=True,
    why="transcribed as -log(1 + e^{-x}) < 0",
)
F(
    r"\log \sigma(x) < -10^{-30}",
    "",
    "x:real",
    "<",
    lambda p: (mp.log(sig(p.x)), -tiny()),
    {"x": 100.0},
    why="log sigma(100) = -3.7e-44",
)
T(
    r"\operatorname{softplus}(x) - \operatorname{softplus}(-x) = x",
    "",
    "x:real",
    "=",
    lambda p: (softplus(p.x) - softplus(-p.x), p.x),
)
F(
    r"\operatorname{softplus}(x) + \operatorname{softplus}(-x) = |x|",
    "",
    "x:real",
    "=",
    lambda p: (softplus(p.x) + softplus(-p.x), abs(p.x)),
    {"x": 0.0},
)
T(
    r"\operatorname{softplus}(x) \le \max(0, x) + \log 2",
    "",
    "x:real",
    "<=",
    lambda p: (softplus(p.x), max(0, p.x) + mp.log(2)),
)
F(
    r"\operatorname{softplus}(x) < \max(0, x) + \log 2",
    "",
    "x:real",
    "<",
    lambda p: (softplus(p.x), max(0, p.x) + mp.log(2)),
    {"x": 0.0},
)
T(r"\log\Gamma(10^{4}) > 8 \cdot 10^{4}", "", "", ">", lambda p: (mp.loggamma(10**4), 80000))
F(
    r"\log\Gamma(10^{4}) > 8.21 \cdot 10^{4}",
    "",
    "",
    ">",
    lambda p: (mp.loggamma(10**4), 82100),
    {},
    why="log Gamma(10^4) = 82099.7",
)
F(
    r"\operatorname{erf}(10^{300}) = 1",
    "",
    "",
    "=",
    lambda p: (erfc_big(mp.mpf(10) ** 300), 0),
    {},
    exact=True,
    why="erfc(10^300) = e^{-10^600} / (10^300 sqrt(pi)) > 0; transcribed as 1 - erf = erfc",
)
T(
    r"\operatorname{erf}(10^{300}) < 1",
    "",
    "",
    ">",
    lambda p: (erfc_big(mp.mpf(10) ** 300), 0),
    exact=True,
    why="transcribed as erfc(10^300) > 0",
)
T(
    r"\tanh(10^{4}) < 1",
    "",
    "",
    ">",
    lambda p: (tanh_gap(E(10**4)), 0),
    exact=True,
    why="transcribed as 1 - tanh(10^4) = 2 / (e^{20000} + 1) > 0",
)
F(
    r"\tanh(10^{4}) = 1",
    "",
    "",
    "=",
    lambda p: (tanh_gap(E(10**4)), 0),
    {},
    exact=True,
    why="a gap of 2 e^{-20000}",
)
T(r"\sigma(-10^{3}) > 0", "", "", ">", lambda p: (sig(E(-1000)), 0), exact=True)
F(
    r"\sigma(-10^{3}) = 0",
    "",
    "",
    "=",
    lambda p: (sig(E(-1000)), 0),
    {},
    exact=True,
    why="sigma(-1000) = e^{-1000} / (1 + e^{-1000}), 5e-435",
)
F(
    r"\log(1 + 10^{-300}) = 10^{-300}",
    "",
    "",
    "=",
    lambda p: (hp(lambda: mp.log1p(mp.mpf(10) ** -300) - mp.mpf(10) ** -300), 0),
    {},
    exact=True,
    why="the difference is -5e-601, computed at 800 more digits",
)
T(r"\operatorname{erfc}(30) < 10^{-392}", "", "", "<", lambda p: (mp.erfc(30), mp.mpf(10) ** -392))
F(
    r"\operatorname{erfc}(30) < 10^{-393}",
    "",
    "",
    "<",
    lambda p: (mp.erfc(30), mp.mpf(10) ** -393),
    {},
    exact=True,
    why="erfc(30) = 2.56e-393",
)
T(
    r"\Gamma(x + 1) = x \Gamma(x)",
    "x: scalar, positive",
    "x:pos",
    "=",
    lambda p: (mp.gamma(p.x + 1), p.x * mp.gamma(p.x)),
)
F(
    r"\Gamma(x + 1) = 2 \Gamma(x)",
    "x: scalar, positive",
    "x:pos",
    "=",
    lambda p: (mp.gamma(p.x + 1), 2 * mp.gamma(p.x)),
    {"x": 3.0},
    why="true only at x = 2",
)
T(
    r"\log\Gamma(x) \ge \left(x - \frac{1}{2}\right) \log x - x + \frac{1}{2} \log(2 \pi)",
    "x: scalar, positive",
    "x:pos",
    ">=",
    lambda p: (mp.loggamma(p.x), (p.x - E(1) / 2) * mp.log(p.x) - p.x + mp.log(2 * mp.pi) / 2),
    why="Stirling's remainder is positive",
)
F(
    r"\log\Gamma(x) \le \left(x - \frac{1}{2}\right) \log x - x + \frac{1}{2} \log(2 \pi)",
    "x: scalar, positive",
    "x:pos",
    "<=",
    lambda p: (mp.loggamma(p.x), (p.x - E(1) / 2) * mp.log(p.x) - p.x + mp.log(2 * mp.pi) / 2),
    {"x": 1.0},
)
F(
    r"1 + e^{-50} = 1",
    "",
    "",
    "=",
    lambda p: (1 + mp.exp(-50), 1),
    {},
    why="e^{-50} = 1.9e-22, below float64's epsilon",
)
T(r"1 + e^{-50} > 1", "", "", ">", lambda p: (1 + mp.exp(-50), 1))
F(
    r"\log(1 + e^{-50}) = e^{-50}",
    "",
    "",
    "=",
    lambda p: (hp(lambda: mp.log1p(mp.exp(-50)) - mp.exp(-50)), 0),
    {},
    exact=True,
    why="the difference is -e^{-100}/2",
)
T(
    r"\log(1 + e^{-50}) < e^{-50}",
    "",
    "",
    "<",
    lambda p: (hp(lambda: mp.log1p(mp.exp(-50)) - mp.exp(-50)), 0),
    exact=True,
)
# == (f) matrices ===================================================================================
FAM = "matrix"
_A = "A: matrix[n, n]"
_AB = "A, B: matrix[n, n]"
_I2 = [[1.0, 0.0], [0.0, 1.0]]
_N = [[0.0, 1.0], [0.0, 0.0]]
_NT = [[0.0, 0.0], [1.0, 0.0]]
T(r"\det(A^\top) = \det(A)", _A, "A:mat:n:n", "=", lambda p: (det(p.A.T), det(p.A)))
T(
    r"\det(e^{A}) = e^{\operatorname{tr}(A)}",
    _A,
    "A:mat:n:n",
    "=",
    lambda p: (hp(lambda: det(mp.expm(p.A)), 300), mp.exp(tr(p.A))),
    why="Jacobi's formula",
)
F(
    r"\det(e^{A}) = \operatorname{tr}(e^{A})",
    _A,
    "A:mat:n:n",
    "=",
    lambda p: (det(mp.expm(p.A)), tr(mp.expm(p.A))),
    {"n": 2, "A": [[0.0, 0.0], [0.0, 0.0]]},
    why="equal at n = 1 only",
)
F(
    r"\operatorname{tr}(e^{A}) > 0",
    _A,
    "A:mat:n:n",
    ">",
    lambda p: (tr(mp.expm(p.A)), 0),
    {"n": 2, "A": [[0.0, 3.141592653589793], [-3.141592653589793, 0.0]]},
    why="e^A of a rotation generator by pi is -I",
)
T(
    r"\operatorname{tr}(e^{S}) > 0",
    "S: symmetric[n]",
    "S:sym:n",
    ">",
    lambda p: (hp(lambda: tr(mp.expm(p.S)), 300), 0),
)
T(
    r"e^{A} e^{-A} = I",
    _A,
    "A:mat:n:n",
    "=",
    lambda p: (hp(lambda: mp.expm(p.A) * mp.expm(-p.A), 300), eye(p.n)),
)
F(
    r"e^{A} e^{B} = e^{A + B}",
    _AB,
    "A:mat:n:n B:mat:n:n",
    "=",
    lambda p: (mp.expm(p.A) * mp.expm(p.B), mp.expm(p.A + p.B)),
    {"n": 2, "A": _N, "B": _NT},
    why="A and B do not commute",
)
T(
    r"e^{2 A} = e^{A} e^{A}",
    _A,
    "A:mat:n:n",
    "=",
    lambda p: (hp(lambda: mp.expm(2 * p.A), 300), hp(lambda: mp.expm(p.A) * mp.expm(p.A), 300)),
)
T(
    r"(A B)^\top = B^\top A^\top",
    "A: matrix[m, n]; B: matrix[n, k]",
    "A:mat:m:n B:mat:n:k",
    "=",
    lambda p: ((p.A * p.B).T, p.B.T * p.A.T),
)
F(
    r"(A B)^\top = A^\top B^\top",
    _AB,
    "A:mat:n:n B:mat:n:n",
    "=",
    lambda p: ((p.A * p.B).T, p.A.T * p.B.T),
    {"n": 2, "A": _N, "B": _NT},
)
T(
    r"\operatorname{tr}(A B) = \operatorname{tr}(B A)",
    "A: matrix[m, n]; B: matrix[n, m]",
    "A:mat:m:n B:mat:n:m",
    "=",
    lambda p: (tr(p.A * p.B), tr(p.B * p.A)),
)
F(
    r"\operatorname{tr}(A B C) = \operatorname{tr}(B A C)",
    "A, B, C: matrix[n, n]",
    "A:mat:n:n B:mat:n:n C:mat:n:n",
    "=",
    lambda p: (tr(p.A * p.B * p.C), tr(p.B * p.A * p.C)),
    {"n": 2, "A": _N, "B": _NT, "C": [[1.0, 0.0], [0.0, 0.0]]},
    why="only cyclic permutations keep the trace",
)
T(r"(A^{-1})^\top = (A^\top)^{-1}", _A, "A:mat:n:n", "=", lambda p: (inv(p.A).T, inv(p.A.T)))
T(r"\det(A^{-1}) = \frac{1}{\det A}", _A, "A:mat:n:n", "=", lambda p: (det(inv(p.A)), 1 / det(p.A)))
F(
    r"\det(2 A) = 2 \det A",
    _A,
    "A:mat:n:n",
    "=",
    lambda p: (det(2 * p.A), 2 * det(p.A)),
    {"n": 2, "A": _I2},
)
T(r"\det(2 A) = 2^{n} \det A", _A, "A:mat:n:n", "=", lambda p: (det(2 * p.A), 2**p.n * det(p.A)))
T(
    r"\det(A B) = \det(A) \det(B)",
    _AB,
    "A:mat:n:n B:mat:n:n",
    "=",
    lambda p: (det(p.A * p.B), det(p.A) * det(p.B)),
)
F(
    r"\det(A + B) = \det A + \det B",
    _AB,
    "A:mat:n:n B:mat:n:n",
    "=",
    lambda p: (det(p.A + p.B), det(p.A) + det(p.B)),
    {"n": 2, "A": _I2, "B": _I2},
    why="true at n = 1 only",
)
T(
    r"\operatorname{tr}(A^\top A) \ge 0",
    "A: matrix[m, n]",
    "A:mat:m:n",
    ">=",
    lambda p: (tr(p.A.T * p.A), 0),
)
F(
    r"\det(x y^\top) = 0",
    "x, y: vector[n]",
    "x:vec:n y:vec:n",
    "=",
    lambda p: (det(col(p.x) * col(p.y).T), 0),
    {"n": 1, "x": [1.0], "y": [1.0]},
    why="rank one is singular only for n >= 2",
)
T(
    r"\det(I + x y^\top) = 1 + y^\top x",
    "x, y: vector[n]",
    "x:vec:n y:vec:n",
    "=",
    lambda p: (det(eye(p.n) + col(p.x) * col(p.y).T), 1 + dot(p.y, p.x)),
    why="the matrix determinant lemma",
)
F(
    r"\det(A B) = 0",
    "A: matrix[n, m]; B: matrix[m, n]",
    "A:mat:n:m B:mat:m:n",
    "=",
    lambda p: (det(p.A * p.B), 0),
    {"n": 1, "m": 1, "A": [[1.0]], "B": [[1.0]]},
    why="singular only when m < n",
)
T(r"\det(A^\top A) \ge 0", "A: matrix[m, n]", "A:mat:m:n", ">=", lambda p: (det(p.A.T * p.A), 0))
F(
    r"\det(A^\top A) > 0",
    "A: matrix[m, n]",
    "A:mat:m:n",
    ">",
    lambda p: (det(p.A.T * p.A), 0),
    {"m": 1, "n": 1, "A": [[0.0]]},
)
_XS = "x: vector[n]; S: spd[n]"
T(
    r"x^\top (S + I) x \ge x^\top x",
    _XS,
    "x:vec:n S:spd:n",
    ">=",
    lambda p: (quad(p.x, p.S + eye(p.n)), dot(p.x, p.x)),
)
F(
    r"x^\top (S + I) x > x^\top x",
    _XS,
    "x:vec:n S:spd:n",
    ">",
    lambda p: (quad(p.x, p.S + eye(p.n)), dot(p.x, p.x)),
    {"n": 1, "x": [0.0], "S": [[1.0]]},
)
T(r"x^\top S^{-1} x \ge 0", _XS, "x:vec:n S:spd:n", ">=", lambda p: (quad(p.x, inv(p.S)), 0))
T(r"\operatorname{tr}(S^{-1}) > 0", "S: spd[n]", "S:spd:n", ">", lambda p: (tr(inv(p.S)), 0))
F(
    r"\operatorname{tr}(A^{-1}) > 0",
    _A,
    "A:mat:n:n",
    ">",
    lambda p: (tr(inv(p.A)), 0),
    {"n": 1, "A": [[-1.0]]},
)
T(
    r"\log\det S \le \operatorname{tr}(S) - n",
    "S: spd[n]",
    "S:spd:n",
    "<=",
    lambda p: (mp.log(det(p.S)), tr(p.S) - p.n),
)
F(
    r"\log\det S < \operatorname{tr}(S) - n",
    "S: spd[n]",
    "S:spd:n",
    "<",
    lambda p: (mp.log(det(p.S)), tr(p.S) - p.n),
    {"n": 2, "S": _I2},
    why="S = I",
)
T(
    r"(I + A)^{-1} = I - A (I + A)^{-1}",
    _A,
    "A:mat:n:n",
    "=",
    lambda p: (inv(eye(p.n) + p.A), eye(p.n) - p.A * inv(eye(p.n) + p.A)),
)
F(
    r"(A + B)^{-1} = A^{-1} + B^{-1}",
    _AB,
    "A:mat:n:n B:mat:n:n",
    "=",
    lambda p: (inv(p.A + p.B), inv(p.A) + inv(p.B)),
    {"n": 1, "A": [[1.0]], "B": [[1.0]]},
)
T(
    r"A^{-1} B^{-1} = (B A)^{-1}",
    _AB,
    "A:mat:n:n B:mat:n:n",
    "=",
    lambda p: (inv(p.A) * inv(p.B), inv(p.B * p.A)),
)
F(
    r"(A B)^{-1} = A^{-1} B^{-1}",
    _AB,
    "A:mat:n:n B:mat:n:n",
    "=",
    lambda p: (inv(p.A * p.B), inv(p.A) * inv(p.B)),
    {"n": 2, "A": [[1.0, 1.0], [0.0, 1.0]], "B": [[1.0, 0.0], [1.0, 1.0]]},
)
F(
    r"A x = x",
    "A: matrix[m, n]; x: vector[n]",
    "A:mat:m:n x:vec:n",
    "=",
    lambda p: (p.A * col(p.x), col(p.x)),
    {"m": 1, "n": 1, "A": [[2.0]], "x": [1.0]},
    why="the shapes agree only for m = n; there it is false",
)
F(
    r"x^\top A x \ge 0",
    "A: matrix[m, n]; x: vector[n]",
    "A:mat:m:n x:vec:n",
    ">=",
    lambda p: (quad(p.x, p.A), 0),
    {"m": 1, "n": 1, "A": [[-1.0]], "x": [1.0]},
    why="x^T A x needs m = n; there A = -1 refutes it",
)
T(
    r"\operatorname{tr}(A B) = \operatorname{tr}(B A)",
    "A, B: matrix[m, n]",
    "A:mat:m:n B:mat:m:n",
    "=",
    lambda p: (tr(p.A * p.B), tr(p.B * p.A)),
    where=lambda q: q.m == q.n,
    why="defined only for m = n, where it holds; a refusal is right",
)
T(
    r"\|A x\|^2 \le \|A\|_F^2 \|x\|^2",
    "A: matrix[m, n]; x: vector[n]",
    "A:mat:m:n x:vec:n",
    "<=",
    lambda p: (mp.fsum(r**2 for r in p.A * col(p.x)), frob(p.A) ** 2 * dot(p.x, p.x)),
)
F(
    r"\|A x\|^2 \le \|A\|_F^2",
    "A: matrix[m, n]; x: vector[n]",
    "A:mat:m:n x:vec:n",
    "<=",
    lambda p: (mp.fsum(r**2 for r in p.A * col(p.x)), frob(p.A) ** 2),
    {"m": 1, "n": 1, "A": [[1.0]], "x": [2.0]},
)
T(r"\|A\|_2 \le \|A\|_F", "A: matrix[m, n]", "A:mat:m:n", "<=", lambda p: (spec2(p.A), frob(p.A)))
F(
    r"\|A\|_F \le \|A\|_2",
    "A: matrix[m, n]",
    "A:mat:m:n",
    "<=",
    lambda p: (frob(p.A), spec2(p.A)),
    {"m": 2, "n": 2, "A": _I2},
)
T(
    r"\operatorname{tr}(S)^2 \ge \operatorname{tr}(S^2)",
    "S: spd[n]",
    "S:spd:n",
    ">=",
    lambda p: (tr(p.S) ** 2, tr(p.S * p.S)),
)
F(
    r"\operatorname{tr}(S)^2 \ge \operatorname{tr}(S^2)",
    "S: symmetric[n]",
    "S:sym:n",
    ">=",
    lambda p: (tr(p.S) ** 2, tr(p.S * p.S)),
    {"n": 2, "S": [[1.0, 0.0], [0.0, -1.0]]},
)
T(
    r"\operatorname{tr}(A) = \operatorname{tr}(A^\top)",
    _A,
    "A:mat:n:n",
    "=",
    lambda p: (tr(p.A), tr(p.A.T)),
)
# == (g) defined functions ==========================================================================
FAM = "defined-function"
_g = [r"g(t) = t^3 - t"]
T(r"g(-s) = -g(s)", "g: function", "s:real", "=", lambda p: (-(p.s**3) + p.s, -(p.s**3 - p.s)), _g)
F(
    r"g(-s) = g(s)",
    "g: function",
    "s:real",
    "=",
    lambda p: (-(p.s**3) + p.s, p.s**3 - p.s),
    {"s": 2.0},
    _g,
)
T(
    r"g(2 s) = 8 g(s) + 6 s",
    "g: function",
    "s:real",
    "=",
    lambda p: ((2 * p.s) ** 3 - 2 * p.s, 8 * (p.s**3 - p.s) + 6 * p.s),
    _g,
)
F(
    r"g(2 s) = 8 g(s)",
    "g: function",
    "s:real",
    "=",
    lambda p: ((2 * p.s) ** 3 - 2 * p.s, 8 * (p.s**3 - p.s)),
    {"s": 1.0},
    _g,
)
_h = [r"h(u) = 1 - u"]
T(r"h(h(x)) = x", "h: function", "x:real", "=", lambda p: (1 - (1 - p.x), p.x), _h)
F(
    r"h(h(x)) = 1 - x",
    "h: function",
    "x:real",
    "=",
    lambda p: (1 - (1 - p.x), 1 - p.x),
    {"x": 0.0},
    _h,
)
_f2 = [r"f(t) = e^{2 t}"]
T(
    r"f(a + b) = f(a) f(b)",
    "f: function",
    "a:real b:real",
    "=",
    lambda p: (mp.exp(2 * (p.a + p.b)), mp.exp(2 * p.a) * mp.exp(2 * p.b)),
    _f2,
)
F(
    r"f(a + b) = f(a) + f(b)",
    "f: function",
    "a:real b:real",
    "=",
    lambda p: (mp.exp(2 * (p.a + p.b)), mp.exp(2 * p.a) + mp.exp(2 * p.b)),
    {"a": 0.0, "b": 0.0},
    _f2,
)
_q = [r"q(t) = e^{2 t}"]
T(
    r"q(\log z) = z^2",
    "q: function; z: scalar, positive",
    "z:pos",
    "=",
    lambda p: (mp.exp(2 * mp.log(p.z)), p.z**2),
    _q,
)
F(
    r"q(\log z) = 2 z",
    "q: function; z: scalar, positive",
    "z:pos",
    "=",
    lambda p: (mp.exp(2 * mp.log(p.z)), 2 * p.z),
    {"z": 1.0},
    _q,
)
_lin = [r"f(x) = 2 x + 1"]
T(r"f^{-1}(f(y)) = y", "f: function", "y:real", "=", lambda p: (((2 * p.y + 1) - 1) / 2, p.y), _lin)
T(
    r"f^{-1}(y) = \frac{y - 1}{2}",
    "f: function",
    "y:real",
    "=",
    lambda p: ((p.y - 1) / 2, (p.y - 1) / 2),
    _lin,
    why="the inverse of 2x + 1",
)
F(
    r"f^{-1}(y) = \frac{y + 1}{2}",
    "f: function",
    "y:real",
    "=",
    lambda p: ((p.y - 1) / 2, (p.y + 1) / 2),
    {"y": 0.0},
    _lin,
    why="the inverse of 2x + 1 is (y - 1)/2",
)
T(
    r"f(f^{-1}(y)) = y",
    "f: function",
    "y:real",
    "=",
    lambda p: (rpow(p.y, 1, 3) ** 3, p.y),
    [r"f(x) = x^3"],
)
_gp = [r"g(t) = t + 1"]
T(
    r"g^2(x) = x^2 + 2 x + 1",
    "g: function",
    "x:real",
    "=",
    lambda p: ((p.x + 1) ** 2, p.x**2 + 2 * p.x + 1),
    _gp,
    why="g^2(x) is g(x)^2",
)
F(
    r"g^2(x) = x^2 + 1",
    "g: function",
    "x:real",
    "=",
    lambda p: ((p.x + 1) ** 2, p.x**2 + 1),
    {"x": 1.0},
    _gp,
)
F(
    r"g^2(x) = g(g(x))",
    "g: function",
    "x:real",
    "=",
    lambda p: ((p.x + 1) ** 2, p.x + 2),
    {"x": 0.0},
    _gp,
    why="a power of the value, not the composition",
)
T(r"\sigma^{-1}(\sigma(x)) = x", "", "x:real", "=", lambda p: (mp.log(sig(p.x) / sig(-p.x)), p.x))
T(
    r"\sigma^{-1}(y) = \log y - \log(1 - y)",
    "",
    "y:real",
    "=",
    lambda p: (mp.log(p.y / (1 - p.y)), log(p.y) - log(1 - p.y)),
    [r"0 < y", r"y < 1"],
    where=lambda q: 0 < q.y < 1,
)
F(
    r"\sigma^{-1}(y) = \log(1 - y) - \log y",
    "",
    "y:real",
    "=",
    lambda p: (mp.log(p.y / (1 - p.y)), log(1 - p.y) - log(p.y)),
    {"y": 0.25},
    [r"0 < y", r"y < 1"],
    where=lambda q: 0 < q.y < 1,
)
_r = [r"r(a, b) = a b + a + b"]
T(
    r"r(x, y) = r(y, x)",
    "r: function",
    "x:real y:real",
    "=",
    lambda p: (p.x * p.y + p.x + p.y, p.y * p.x + p.y + p.x),
    _r,
)
F(
    r"r(x, y) = r(x, -y)",
    "r: function",
    "x:real y:real",
    "=",
    lambda p: (p.x * p.y + p.x + p.y, -p.x * p.y + p.x - p.y),
    {"x": 1.0, "y": 1.0},
    _r,
)
T(
    r"r(x, r(y, z)) = r(r(x, y), z)",
    "r: function",
    "x:real y:real z:real",
    "=",
    lambda p: (
        p.x * (p.y * p.z + p.y + p.z) + p.x + (p.y * p.z + p.y + p.z),
        (p.x * p.y + p.x + p.y) * p.z + (p.x * p.y + p.x + p.y) + p.z,
    ),
    _r,
    why="r(a, b) = (a + 1)(b + 1) - 1 is associative",
)
_mm = [r"m(a, b) = a - b"]
F(
    r"m(x, m(y, z)) = m(m(x, y), z)",
    "m: function",
    "x:real y:real z:real",
    "=",
    lambda p: (p.x - (p.y - p.z), (p.x - p.y) - p.z),
    {"x": 0.0, "y": 0.0, "z": 1.0},
    _mm,
)
T(
    r"f(\sqrt{t}) = t",
    "f: function; t: scalar, nonnegative",
    "t:nonneg",
    "=",
    lambda p: (mp.sqrt(p.t) ** 2, p.t),
    [r"f(u) = u^2"],
)
F(
    r"\sqrt{f(t)} = t",
    "f: function",
    "t:real",
    "=",
    lambda p: (mp.sqrt(p.t**2), p.t),
    {"t": -1.0},
    [r"f(u) = u^2"],
)
_l = [r"\ell(p) = -\log p"]
T(
    r"\ell(\sigma(z)) = \operatorname{softplus}(-z)",
    r"\ell: function",
    "z:real",
    "=",
    lambda p: (-mp.log(sig(p.z)), softplus(-p.z)),
    _l,
)
F(
    r"\ell(\sigma(z)) = \operatorname{softplus}(z)",
    r"\ell: function",
    "z:real",
    "=",
    lambda p: (-mp.log(sig(p.z)), softplus(p.z)),
    {"z": 1.0},
    _l,
)
_k = [r"k(t) = \sin t"]
T(
    r"k(x)^2 + k\left(x + \frac{\pi}{2}\right)^2 = 1",
    "k: function",
    "x:real",
    "=",
    lambda p: (mp.sin(p.x) ** 2 + mp.sin(p.x + mp.pi / 2) ** 2, 1),
    _k,
)
F(
    r"k(2 x) = 2 k(x)",
    "k: function",
    "x:real",
    "=",
    lambda p: (mp.sin(2 * p.x), 2 * mp.sin(p.x)),
    {"x": 1.0},
    _k,
)
_sq = [r"f(t) = t^2"]
T(
    r"f(x + y) \ge f(x) + f(y)",
    "f: function; x, y: scalar, nonnegative",
    "x:nonneg y:nonneg",
    ">=",
    lambda p: ((p.x + p.y) ** 2, p.x**2 + p.y**2),
    _sq,
)
F(
    r"f(x + y) \ge f(x) + f(y)",
    "f: function",
    "x:real y:real",
    ">=",
    lambda p: ((p.x + p.y) ** 2, p.x**2 + p.y**2),
    {"x": 1.0, "y": -1.0},
    _sq,
)
T(
    r"\frac{d}{dx} f(x^2) = 2 x \cos(x^2)",
    "f: function",
    "x:real",
    "=",
    lambda p: (d1(lambda t: mp.sin(t**2), p.x), 2 * p.x * mp.cos(p.x**2)),
    [r"f(t) = \sin t"],
)
F(
    r"\frac{d}{dx} f(x^2) = \cos(x^2)",
    "f: function",
    "x:real",
    "=",
    lambda p: (d1(lambda t: mp.sin(t**2), p.x), mp.cos(p.x**2)),
    {"x": 1.0},
    [r"f(t) = \sin t"],
    why="the chain factor 2x missing",
)
T(
    r"\frac{d}{dx} f(f(x)) = 4 x^3",
    "f: function",
    "x:real",
    "=",
    lambda p: (d1(lambda t: (t**2) ** 2, p.x), 4 * p.x**3),
    _sq,
)
F(
    r"\frac{d}{dx} f(f(x)) = 4 x^2",
    "f: function",
    "x:real",
    "=",
    lambda p: (d1(lambda t: (t**2) ** 2, p.x), 4 * p.x**2),
    {"x": 2.0},
    _sq,
)
T(r"f(3) = 10", "f: function", "", "=", lambda p: (E(3) ** 2 + 1, 10), [r"f(x) = x^2 + 1"])
F(r"f(3) = 9", "f: function", "", "=", lambda p: (E(3) ** 2 + 1, 9), {}, [r"f(x) = x^2 + 1"])
_fg = [r"f(x) = g(x) + 1", r"g(x) = x^2"]
T(r"f(y) \ge 1", "f, g: function", "y:real", ">=", lambda p: (p.y**2 + 1, 1), _fg)
F(r"f(y) > 1", "f, g: function", "y:real", ">", lambda p: (p.y**2 + 1, 1), {"y": 0.0}, _fg)
_phi = [r"\phi(t) = \max(0, t)"]
T(
    r"\phi(\phi(x)) = \phi(x)",
    r"\phi: function",
    "x:real",
    "=",
    lambda p: (max(0, max(0, p.x)), max(0, p.x)),
    _phi,
)
F(
    r"\phi(-x) = -\phi(x)",
    r"\phi: function",
    "x:real",
    "=",
    lambda p: (max(0, -p.x), -max(0, p.x)),
    {"x": 1.0},
    _phi,
)
T(
    r"P(1 - u) = 1 - P(u)",
    "P: function",
    "u:real",
    "=",
    lambda p: (3 * (1 - p.u) ** 2 - 2 * (1 - p.u) ** 3, 1 - (3 * p.u**2 - 2 * p.u**3)),
    [r"P(t) = 3 t^2 - 2 t^3"],
)
T(
    r"f(g(x)) = g(f(x))",
    "f, g: function",
    "x:real",
    "=",
    lambda p: (2 * (3 * p.x), 3 * (2 * p.x)),
    [r"f(t) = 2 t", r"g(t) = 3 t"],
)
F(
    r"f(g(x)) = g(f(x))",
    "f, g: function",
    "x:real",
    "=",
    lambda p: (2 * p.x + 1, 2 * (p.x + 1)),
    {"x": 0.0},
    [r"f(t) = t + 1", r"g(t) = 2 t"],
)
# == (h) sums and inequalities ======================================================================
FAM = "sums"
_XY = "x, y: vector[n]"
_X = "x: vector[n]; i: index"
_XYi = "x, y: vector[n]; i, j: index"
T(
    r"(x^\top y)^2 \le (x^\top x)(y^\top y)",
    _XY,
    "x:vec:n y:vec:n",
    "<=",
    lambda p: (dot(p.x, p.y) ** 2, dot(p.x, p.x) * dot(p.y, p.y)),
)
F(
    r"(x^\top y)^2 < (x^\top x)(y^\top y)",
    _XY,
    "x:vec:n y:vec:n",
    "<",
    lambda p: (dot(p.x, p.y) ** 2, dot(p.x, p.x) * dot(p.y, p.y)),
    {"n": 1, "x": [1.0], "y": [2.0]},
    why="n = 1, or parallel vectors",
)
T(
    r"|x^\top y| \le \|x\| \|y\|",
    _XY,
    "x:vec:n y:vec:n",
    "<=",
    lambda p: (abs(dot(p.x, p.y)), nrm(p.x) * nrm(p.y)),
)
F(
    r"x^\top y < \|x\| \|y\|",
    _XY,
    "x:vec:n y:vec:n",
    "<",
    lambda p: (dot(p.x, p.y), nrm(p.x) * nrm(p.y)),
    {"n": 2, "x": [1.0, 2.0], "y": [1.0, 2.0]},
)
T(
    r"\|x + y\| \le \|x\| + \|y\|",
    _XY,
    "x:vec:n y:vec:n",
    "<=",
    lambda p: (nrm([a + b for a, b in zip(p.x, p.y, strict=True)]), nrm(p.x) + nrm(p.y)),
)
F(
    r"\|x - y\| \le \|x\| - \|y\|",
    _XY,
    "x:vec:n y:vec:n",
    "<=",
    lambda p: (nrm([a - b for a, b in zip(p.x, p.y, strict=True)]), nrm(p.x) - nrm(p.y)),
    {"n": 1, "x": [0.0], "y": [1.0]},
)
T(
    r"\left(\sum_{i=1}^{n} x_i\right)^2 \le n \sum_{i=1}^{n} x_i^2",
    _X,
    "x:vec:n",
    "<=",
    lambda p: (mp.fsum(p.x) ** 2, p.n * mp.fsum(t**2 for t in p.x)),
)
F(
    r"\left(\sum_{i=1}^{n} x_i\right)^2 \le \sum_{i=1}^{n} x_i^2",
    _X,
    "x:vec:n",
    "<=",
    lambda p: (mp.fsum(p.x) ** 2, mp.fsum(t**2 for t in p.x)),
    {"n": 2, "x": [1.0, 1.0]},
)
F(
    r"\left(\sum_{i=1}^{n} x_i\right)^2 < n \sum_{i=1}^{n} x_i^2",
    _X,
    "x:vec:n",
    "<",
    lambda p: (mp.fsum(p.x) ** 2, p.n * mp.fsum(t**2 for t in p.x)),
    {"n": 1, "x": [1.0]},
    why="n = 1 (or equal entries)",
)
T(
    r"\left(\frac{1}{n} \sum_{i=1}^{n} x_i\right)^2 \le \frac{1}{n} \sum_{i=1}^{n} x_i^2",
    _X,
    "x:vec:n",
    "<=",
    lambda p: ((mp.fsum(p.x) / p.n) ** 2, mp.fsum(t**2 for t in p.x) / p.n),
)
T(
    r"e^{\frac{1}{n} \sum_{i=1}^{n} x_i} \le \frac{1}{n} \sum_{i=1}^{n} e^{x_i}",
    _X,
    "x:vec:n",
    "<=",
    lambda p: (mp.exp(mp.fsum(p.x) / p.n), mp.fsum(mp.exp(t) for t in p.x) / p.n),
)
F(
    r"e^{\frac{1}{n} \sum_{i=1}^{n} x_i} < \frac{1}{n} \sum_{i=1}^{n} e^{x_i}",
    _X,
    "x:vec:n",
    "<",
    lambda p: (mp.exp(mp.fsum(p.x) / p.n), mp.fsum(mp.exp(t) for t in p.x) / p.n),
    {"n": 1, "x": [0.5]},
)
T(
    r"\sum_{i=1}^{n} p_i e^{x_i} \ge e^{\sum_{i=1}^{n} p_i x_i}",
    "p: simplex[n]; x: vector[n]; i: index",
    "p:simplex:n x:vec:n",
    ">=",
    lambda p: (dot(p.p, [mp.exp(t) for t in p.x]), mp.exp(dot(p.p, p.x))),
)
T(
    r"\sqrt{a b} \le \frac{a + b}{2}",
    "a, b: scalar, nonnegative",
    "a:nonneg b:nonneg",
    "<=",
    lambda p: (mp.sqrt(p.a * p.b), (p.a + p.b) / 2),
)
F(
    r"\sqrt{a b} < \frac{a + b}{2}",
    "a, b: scalar, nonnegative",
    "a:nonneg b:nonneg",
    "<",
    lambda p: (mp.sqrt(p.a * p.b), (p.a + p.b) / 2),
    {"a": 1.0, "b": 1.0},
)
T(
    r"\sqrt[3]{a b c} \le \frac{a + b + c}{3}",
    "a, b, c: scalar, positive",
    "a:pos b:pos c:pos",
    "<=",
    lambda p: (mp.cbrt(p.a * p.b * p.c), (p.a + p.b + p.c) / 3),
)
F(
    r"\frac{a + b + c}{3} \le \sqrt[3]{a b c}",
    "a, b, c: scalar, positive",
    "a:pos b:pos c:pos",
    "<=",
    lambda p: ((p.a + p.b + p.c) / 3, mp.cbrt(p.a * p.b * p.c)),
    {"a": 1.0, "b": 2.0, "c": 3.0},
)
T(
    r"\sum_{i=1}^{n} x_i^2 y_i^2 \le \left(\sum_{i=1}^{n} x_i^2\right) \left(\sum_{i=1}^{n} y_i^2\right)",
    _XYi,
    "x:vec:n y:vec:n",
    "<=",
    lambda p: (
        mp.fsum((a * b) ** 2 for a, b in zip(p.x, p.y, strict=True)),
        mp.fsum(t**2 for t in p.x) * mp.fsum(t**2 for t in p.y),
    ),
)
F(
    r"\left(\sum_{i=1}^{n} x_i^2\right) \left(\sum_{i=1}^{n} y_i^2\right) \le \sum_{i=1}^{n} x_i^2 y_i^2",
    _XYi,
    "x:vec:n y:vec:n",
    "<=",
    lambda p: (
        mp.fsum(t**2 for t in p.x) * mp.fsum(t**2 for t in p.y),
        mp.fsum((a * b) ** 2 for a, b in zip(p.x, p.y, strict=True)),
    ),
    {"n": 2, "x": [1.0, 0.0], "y": [0.0, 1.0]},
)
T(
    r"\sum_{i=1}^{n} x_i \sum_{i=1}^{n} y_i = \sum_{i=1}^{n} \sum_{j=1}^{n} x_i y_j",
    _XYi,
    "x:vec:n y:vec:n",
    "=",
    lambda p: (mp.fsum(p.x) * mp.fsum(p.y), mp.fsum(a * b for a in p.x for b in p.y)),
    why="the inner sum rebinds i",
)
F(
    r"\sum_{i=1}^{n} x_i \sum_{i=1}^{n} y_i = \sum_{i=1}^{n} x_i y_i",
    _XYi,
    "x:vec:n y:vec:n",
    "=",
    lambda p: (mp.fsum(p.x) * mp.fsum(p.y), dot(p.x, p.y)),
    {"n": 2, "x": [1.0, 0.0], "y": [0.0, 1.0]},
)
T(
    r"\sum_{i=1}^{n} \left(x_i - \frac{1}{n} \sum_{j=1}^{n} x_j\right) = 0",
    "x: vector[n]; i, j: index",
    "x:vec:n",
    "=",
    lambda p: (mp.fsum(t - mp.fsum(p.x) / p.n for t in p.x), 0),
)
T(
    r"\sum_{i=1}^{n} \left(x_i - \frac{1}{n} \sum_{j=1}^{n} x_j\right)^2 = "
    r"\sum_{i=1}^{n} x_i^2 - \frac{1}{n} \left(\sum_{i=1}^{n} x_i\right)^2",
    "x: vector[n]; i, j: index",
    "x:vec:n",
    "=",
    lambda p: (
        mp.fsum((t - mp.fsum(p.x) / p.n) ** 2 for t in p.x),
        mp.fsum(t**2 for t in p.x) - mp.fsum(p.x) ** 2 / p.n,
    ),
)
F(
    r"\sum_{i=1}^{n} \left(x_i - \frac{1}{n} \sum_{i=1}^{n} x_i\right)^2 = \sum_{i=1}^{n} x_i^2",
    _X,
    "x:vec:n",
    "=",
    lambda p: (mp.fsum((t - mp.fsum(p.x) / p.n) ** 2 for t in p.x), mp.fsum(t**2 for t in p.x)),
    {"n": 2, "x": [1.0, 1.0]},
    why="the inner sum reuses i; the mean is still subtracted",
)
T(
    r"\sum_{i=1}^{n} i = \frac{n (n + 1)}{2}",
    "n: dim; i: index",
    "n:dim",
    "=",
    lambda p: (E(sum(range(1, p.n + 1))), E(p.n * (p.n + 1)) / 2),
)
T(
    r"\sum_{k=1}^{n} (2 k - 1) = n^2",
    "n: dim; k: index",
    "n:dim",
    "=",
    lambda p: (E(sum(2 * k - 1 for k in range(1, p.n + 1))), E(p.n) ** 2),
)
F(
    r"\sum_{k=1}^{n} k^2 = \frac{n (n + 1) (2 n + 1)}{3}",
    "n: dim; k: index",
    "n:dim",
    "=",
    lambda p: (E(sum(k * k for k in range(1, p.n + 1))), E(p.n * (p.n + 1) * (2 * p.n + 1)) / 3),
    {"n": 1},
    why="the denominator is 6",
)
T(
    r"\sum_{k=0}^{m} 2^{k} = 2^{m + 1} - 1",
    "m: scalar, integer, nonnegative",
    "m:nnint",
    "=",
    lambda p: (E(sum(2**k for k in range(p.m + 1))), E(2) ** (p.m + 1) - 1),
)
F(
    r"\sum_{k=0}^{m} 2^{k} = 2^{m + 1}",
    "m: scalar, integer, nonnegative",
    "m:nnint",
    "=",
    lambda p: (E(sum(2**k for k in range(p.m + 1))), E(2) ** (p.m + 1)),
    {"m": 0},
)
T(
    r"\sum_{i=2}^{n} x_i = \sum_{i=1}^{n} x_i - x_1",
    _X,
    "x:vec:n",
    "=",
    lambda p: (mp.fsum(p.x[1:]), mp.fsum(p.x) - p.x[0]),
    why="the empty sum at n = 1",
)
T(
    r"\sum_{i=2}^{n} 1 = n - 1",
    "n: dim; i: index",
    "n:dim",
    "=",
    lambda p: (E(max(p.n - 1, 0)), E(p.n - 1)),
)
F(
    r"\sum_{i=2}^{n} 1 = n - 2",
    "n: dim; i: index",
    "n:dim",
    "=",
    lambda p: (E(max(p.n - 1, 0)), E(p.n - 2)),
    {"n": 1},
)
F(
    r"\sum_{i=1}^{n} x_i^2 \ge 10^{-30}",
    _X,
    "x:vec:n",
    ">=",
    lambda p: (mp.fsum(t**2 for t in p.x), tiny()),
    {"n": 1, "x": [0.0]},
)
T(
    r"\sum_{i=1}^{n} x_i^2 + 10^{-30} > 0",
    _X,
    "x:vec:n",
    ">",
    lambda p: (mp.fsum(t**2 for t in p.x) + tiny(), 0),
)
T(
    r"\left|\sum_{i=1}^{n} x_i\right| \le \sum_{i=1}^{n} |x_i|",
    _X,
    "x:vec:n",
    "<=",
    lambda p: (abs(mp.fsum(p.x)), mp.fsum(abs(t) for t in p.x)),
)
T(
    r"\left|\sum_{i=1}^{n} x_i\right| < \sum_{i=1}^{n} |x_i| + 10^{-30}",
    _X,
    "x:vec:n",
    "<",
    lambda p: (abs(mp.fsum(p.x)), mp.fsum(abs(t) for t in p.x) + tiny()),
)
F(
    r"\sum_{i=1}^{n} |x_i| \le \left|\sum_{i=1}^{n} x_i\right|",
    _X,
    "x:vec:n",
    "<=",
    lambda p: (mp.fsum(abs(t) for t in p.x), abs(mp.fsum(p.x))),
    {"n": 2, "x": [1.0, -1.0]},
)
T(
    r"\max(x) \le \sqrt{\sum_{i=1}^{n} x_i^2}",
    _X,
    "x:vec:n",
    "<=",
    lambda p: (max(p.x), mp.sqrt(mp.fsum(t**2 for t in p.x))),
)
T(
    r"\max(x) \ge \frac{1}{n} \sum_{i=1}^{n} x_i",
    _X,
    "x:vec:n",
    ">=",
    lambda p: (max(p.x), mp.fsum(p.x) / p.n),
)
F(
    r"\max(x) \le \frac{1}{n} \sum_{i=1}^{n} x_i",
    _X,
    "x:vec:n",
    "<=",
    lambda p: (max(p.x), mp.fsum(p.x) / p.n),
    {"n": 2, "x": [1.0, 0.0]},
)
T(
    r"\log \sum_{i=1}^{n} e^{x_i} \le \max(x) + \log n",
    _X,
    "x:vec:n",
    "<=",
    lambda p: (lse(p.x), max(p.x) + mp.log(p.n)),
)
F(
    r"\log \sum_{i=1}^{n} e^{x_i} < \max(x) + \log n",
    _X,
    "x:vec:n",
    "<",
    lambda p: (lse(p.x), max(p.x) + mp.log(p.n)),
    {"n": 2, "x": [0.0, 0.0]},
)
F(
    r"\log \sum_{i=1}^{n} e^{x_i} > \max(x)",
    _X,
    "x:vec:n",
    ">",
    lambda p: (lse(p.x), max(p.x)),
    {"n": 1, "x": [0.0]},
    why="n = 1",
)
T(
    r"\sum_{i=1}^{n} \sum_{j=1}^{n} x_i x_j = \left(\sum_{i=1}^{n} x_i\right)^2",
    "x: vector[n]; i, j: index",
    "x:vec:n",
    "=",
    lambda p: (mp.fsum(a * b for a in p.x for b in p.x), mp.fsum(p.x) ** 2),
)
T(
    r"\sum_{i=1}^{n} \sum_{j=1}^{n} (x_i - x_j)^2 = 2 n \sum_{i=1}^{n} x_i^2 - 2 \left(\sum_{i=1}^{n} x_i\right)^2",
    "x: vector[n]; i, j: index",
    "x:vec:n",
    "=",
    lambda p: (
        mp.fsum((a - b) ** 2 for a in p.x for b in p.x),
        2 * p.n * mp.fsum(t**2 for t in p.x) - 2 * mp.fsum(p.x) ** 2,
    ),
)
F(
    r"\sum_{i=1}^{n} \sum_{j=1}^{n} (x_i - x_j)^2 = n \sum_{i=1}^{n} x_i^2 - \left(\sum_{i=1}^{n} x_i\right)^2",
    "x: vector[n]; i, j: index",
    "x:vec:n",
    "=",
    lambda p: (
        mp.fsum((a - b) ** 2 for a in p.x for b in p.x),
        p.n * mp.fsum(t**2 for t in p.x) - mp.fsum(p.x) ** 2,
    ),
    {"n": 2, "x": [1.0, 0.0]},
    why="a factor 2 missing",
)
# == (i) ML identities ==============================================================================
FAM = "ml"
_Z = "z: vector[n]; k: index"
T(
    r"\sum_{k=1}^{n} \operatorname{softmax}(z)_k = 1",
    _Z,
    "z:vec:n",
    "=",
    lambda p: (mp.fsum(softmax(p.z)), 1),
)
F(
    r"\operatorname{softmax}(z)_k < 1",
    _Z,
    "z:vec:n k:index:n",
    "<",
    lambda p: (softmax(p.z)[p.k - 1], 1),
    {"n": 1, "z": [0.0], "k": 1},
    why="n = 1",
)
T(
    r"\operatorname{softmax}(z)_k > 0",
    _Z,
    "z:vec:n k:index:n",
    ">",
    lambda p: (softmax(p.z)[p.k - 1], 0),
)
F(
    r"\operatorname{softmax}(2 z)_k = \operatorname{softmax}(z)_k",
    _Z,
    "z:vec:n k:index:n",
    "=",
    lambda p: (softmax([2 * t for t in p.z])[p.k - 1], softmax(p.z)[p.k - 1]),
    {"n": 2, "z": [1.0, 0.0], "k": 1},
    why="temperature changes the softmax",
)
T(
    r"\operatorname{softmax}(z + c \mathbf{1}_n)_k = \operatorname{softmax}(z)_k",
    "z: vector[n]; k: index; c: scalar",
    "z:vec:n k:index:n c:real",
    "=",
    lambda p: (softmax([t + p.c for t in p.z])[p.k - 1], softmax(p.z)[p.k - 1]),
)
T(
    r"\log \operatorname{softmax}(z)_k = z_k - \log \sum_{j=1}^{n} e^{z_j}",
    "z: vector[n]; j, k: index",
    "z:vec:n k:index:n",
    "=",
    lambda p: (mp.log(softmax(p.z)[p.k - 1]), p.z[p.k - 1] - lse(p.z)),
)
F(
    r"\log \operatorname{softmax}(z)_k = z_k - \sum_{j=1}^{n} z_j",
    "z: vector[n]; j, k: index",
    "z:vec:n k:index:n",
    "=",
    lambda p: (mp.log(softmax(p.z)[p.k - 1]), p.z[p.k - 1] - mp.fsum(p.z)),
    {"n": 1, "z": [1.0], "k": 1},
)
_CE = r"-\sum_{k=1}^{n} y_k \log \operatorname{softmax}(z)_k"


def _ce(y):
    return lambda v: -mp.fsum(a * mp.log(b) for a, b in zip(y, softmax(v), strict=True))


T(
    r"\frac{\partial}{\partial z_j} \left(" + _CE + r"\right) = \operatorname{softmax}(z)_j - y_j",
    "y: simplex[n]; z: vector[n]; j, k: index",
    "y:simplex:n z:vec:n j:index:n",
    "=",
    lambda p: (d_entry(_ce(p.y), p.z, p.j), softmax(p.z)[p.j - 1] - p.y[p.j - 1]),
)
F(
    r"\frac{\partial}{\partial z_j} \left(" + _CE + r"\right) = \operatorname{softmax}(z)_j - y_j",
    "y, z: vector[n]; j, k: index",
    "y:vec:n z:vec:n j:index:n",
    "=",
    lambda p: (d_entry(_ce(p.y), p.z, p.j), softmax(p.z)[p.j - 1] - p.y[p.j - 1]),
    {"n": 1, "y": [2.0], "z": [0.0], "j": 1},
    why="needs sum_k y_k = 1; with y = 2 at n = 1 the gradient is 0",
)
_P = "p: simplex[n]; k: index"
T(
    r"\sum_{k=1}^{n} p_k \log p_k \ge -\log n",
    _P,
    "p:simplex:n",
    ">=",
    lambda p: (mp.fsum(xlogy(t, t) for t in p.p), -mp.log(p.n)),
)
F(
    r"-\sum_{k=1}^{n} p_k \log p_k > 0",
    _P,
    "p:simplex:n",
    ">",
    lambda p: (-mp.fsum(xlogy(t, t) for t in p.p), 0),
    {"n": 2, "p": [1.0, 0.0]},
    why="a one-hot p has entropy 0",
)
F(
    r"-\sum_{k=1}^{n} p_k \log p_k < \log n",
    _P,
    "p:simplex:n",
    "<",
    lambda p: (-mp.fsum(xlogy(t, t) for t in p.p), mp.log(p.n)),
    {"n": 2, "p": [0.5, 0.5]},
)
T(
    r"-\sum_{k=1}^{n} p_k \log p_k \le \log n",
    _P,
    "p:simplex:n",
    "<=",
    lambda p: (-mp.fsum(xlogy(t, t) for t in p.p), mp.log(p.n)),
)
_PQ = "p, q: simplex[n]; k: index"
T(
    r"-\sum_{k=1}^{n} p_k \log q_k \ge -\sum_{k=1}^{n} p_k \log p_k",
    _PQ,
    "p:simplex:n q:simplex:n",
    ">=",
    lambda p: (
        -mp.fsum(xlogy(a, b) for a, b in zip(p.p, p.q, strict=True)),
        -mp.fsum(xlogy(t, t) for t in p.p),
    ),
)
T(
    r"\sum_{k=1}^{n} p_k \log \frac{p_k}{q_k} \le \sum_{k=1}^{n} \frac{p_k^2}{q_k} - 1",
    _PQ,
    "p:simplex:n q:simplex:n",
    "<=",
    lambda p: (
        mp.fsum(xlogy(a, a) - xlogy(a, b) for a, b in zip(p.p, p.q, strict=True)),
        mp.fsum(a**2 / b for a, b in zip(p.p, p.q, strict=True)) - 1,
    ),
    why="KL <= chi^2, by log t <= t - 1",
)
F(
    r"\sum_{k=1}^{n} p_k \log \frac{p_k}{q_k} < \sum_{k=1}^{n} \frac{p_k^2}{q_k} - 1",
    _PQ,
    "p:simplex:n q:simplex:n",
    "<",
    lambda p: (
        mp.fsum(xlogy(a, a) - xlogy(a, b) for a, b in zip(p.p, p.q, strict=True)),
        mp.fsum(a**2 / b for a, b in zip(p.p, p.q, strict=True)) - 1,
    ),
    {"n": 2, "p": [0.5, 0.5], "q": [0.5, 0.5]},
    why="p = q",
)
T(
    r"\log(1 + e^{-m}) \ge \log 2 - \frac{m}{2}",
    "",
    "m:real",
    ">=",
    lambda p: (softplus(-p.m), mp.log(2) - p.m / 2),
    why="the tangent at 0 of a convex function",
)
F(
    r"\log(1 + e^{-m}) > \log 2 - \frac{m}{2}",
    "",
    "m:real",
    ">",
    lambda p: (softplus(-p.m), mp.log(2) - p.m / 2),
    {"m": 0.0},
)
T(
    r"\log(1 + e^{-m}) + \log(1 + e^{m}) \ge 2 \log 2",
    "",
    "m:real",
    ">=",
    lambda p: (softplus(-p.m) + softplus(p.m), 2 * mp.log(2)),
)
F(
    r"\log(1 + e^{-m}) + \log(1 + e^{m}) > 2 \log 2",
    "",
    "m:real",
    ">",
    lambda p: (softplus(-p.m) + softplus(p.m), 2 * mp.log(2)),
    {"m": 0.0},
)
_ADAM = [r"0 \le \beta", r"\beta < 1", r"t \ge 1"]
_SYM_ADAM = r"t: scalar, integer; \beta: scalar"


def _ad(q):
    return 0 <= q.beta < 1 and q.t >= 1


T(
    r"\frac{1 - \beta^{t}}{1 - \beta} = \sum_{k=0}^{t - 1} \beta^{k}",
    _SYM_ADAM,
    "beta:real t:nnint",
    "=",
    lambda p: ((1 - p.beta**p.t) / (1 - p.beta), mp.fsum(p.beta**k for k in range(p.t))),
    _ADAM,
    where=_ad,
)
F(
    r"\frac{1 - \beta^{t}}{1 - \beta} = \sum_{k=1}^{t} \beta^{k}",
    _SYM_ADAM,
    "beta:real t:nnint",
    "=",
    lambda p: ((1 - p.beta**p.t) / (1 - p.beta), mp.fsum(p.beta**k for k in range(1, p.t + 1))),
    {"beta": 0.5, "t": 1},
    _ADAM,
    where=_ad,
)
_SYM_ADAM_G = r"t: scalar, integer; \beta, g: scalar"
T(
    r"\frac{(1 - \beta) \sum_{k=1}^{t} \beta^{t - k} g}{1 - \beta^{t}} = g",
    _SYM_ADAM_G,
    "beta:real t:nnint g:real",
    "=",
    lambda p: (
        (1 - p.beta)
        * mp.fsum(p.beta ** (p.t - k) * p.g for k in range(1, p.t + 1))
        / (1 - p.beta**p.t),
        p.g,
    ),
    _ADAM,
    where=_ad,
    why="the bias-corrected moving average of a constant gradient is that gradient",
)
F(
    r"\frac{(1 - \beta) \sum_{k=1}^{t} \beta^{t - k} g}{1 - \beta^{t}} = \frac{g}{1 - \beta^{t}}",
    _SYM_ADAM_G,
    "beta:real t:nnint g:real",
    "=",
    lambda p: (
        (1 - p.beta)
        * mp.fsum(p.beta ** (p.t - k) * p.g for k in range(1, p.t + 1))
        / (1 - p.beta**p.t),
        p.g / (1 - p.beta**p.t),
    ),
    {"beta": 0.5, "t": 1, "g": 1.0},
    _ADAM,
    where=_ad,
    why="corrected twice",
)
_QK = "q, k: vector[n]; d: scalar, positive"
T(
    r"\frac{q^\top k}{\sqrt{d}} \le \frac{\|q\| \|k\|}{\sqrt{d}}",
    _QK,
    "q:vec:n k:vec:n d:pos",
    "<=",
    lambda p: (dot(p.q, p.k) / mp.sqrt(p.d), nrm(p.q) * nrm(p.k) / mp.sqrt(p.d)),
)
F(
    r"\frac{q^\top k}{\sqrt{d}} \le \frac{\|q\| \|k\|}{d}",
    _QK,
    "q:vec:n k:vec:n d:pos",
    "<=",
    lambda p: (dot(p.q, p.k) / mp.sqrt(p.d), nrm(p.q) * nrm(p.k) / p.d),
    {"n": 1, "q": [1.0], "k": [1.0], "d": 4.0},
)
T(
    r"\max(\operatorname{softmax}(z)) \ge \frac{1}{n}",
    "z: vector[n]",
    "z:vec:n",
    ">=",
    lambda p: (max(softmax(p.z)), E(1) / p.n),
)
T(
    r"\sigma(x) = \frac{e^{x}}{e^{x} + 1}",
    "",
    "x:real",
    "=",
    lambda p: (sig(p.x), 1 / (1 + mp.exp(-p.x))),
)
F(
    r"\sigma(x) = \frac{e^{-x}}{1 + e^{-x}}",
    "",
    "x:real",
    "=",
    lambda p: (sig(p.x), mp.exp(-p.x) / (1 + mp.exp(-p.x))),
    {"x": 1.0},
)
_BCE = r"-y \log \sigma(z) - (1 - y) \log(1 - \sigma(z))"


def _bce(y):
    return lambda s: y * softplus(-s) + (1 - y) * softplus(s)


T(
    r"\frac{d}{dz} \left(" + _BCE + r"\right) = \sigma(z) - y",
    "",
    "z:real y:real",
    "=",
    lambda p: (d1(_bce(p.y), p.z), sig(p.z) - p.y),
)
F(
    r"\frac{d}{dz} \left(" + _BCE + r"\right) = y - \sigma(z)",
    "",
    "z:real y:real",
    "=",
    lambda p: (d1(_bce(p.y), p.z), p.y - sig(p.z)),
    {"z": 0.0, "y": 0.0},
)
T(_BCE + r" \ge 0", "y: scalar, unit", "z:real y:unit", ">=", lambda p: (_bce(p.y)(p.z), 0))
F(
    _BCE + r" \ge 0",
    "",
    "z:real y:real",
    ">=",
    lambda p: (_bce(p.y)(p.z), 0),
    {"z": 10.0, "y": 2.0},
    why="needs 0 <= y <= 1",
)
T(
    r"z_k - \log \sum_{j=1}^{n} e^{z_j} \le 0",
    "z: vector[n]; j, k: index",
    "z:vec:n k:index:n",
    "<=",
    lambda p: (p.z[p.k - 1] - lse(p.z), 0),
)
F(
    r"z_k - \log \sum_{j=1}^{n} e^{z_j} < 0",
    "z: vector[n]; j, k: index",
    "z:vec:n k:index:n",
    "<",
    lambda p: (p.z[p.k - 1] - lse(p.z), 0),
    {"n": 1, "z": [3.0], "k": 1},
    why="n = 1",
)
T(
    r"\sum_{k=1}^{n} p_k \log \frac{p_k}{1/n} = \log n + \sum_{k=1}^{n} p_k \log p_k",
    _P,
    "p:simplex:n",
    "=",
    lambda p: (
        mp.fsum(xlogy(t, t) - xlogy(t, E(1) / p.n) for t in p.p),
        mp.log(p.n) + mp.fsum(xlogy(t, t) for t in p.p),
    ),
)
F(
    r"\sum_{k=1}^{n} p_k \log \frac{p_k}{1/n} = \log n - \sum_{k=1}^{n} p_k \log p_k",
    _P,
    "p:simplex:n",
    "=",
    lambda p: (
        mp.fsum(xlogy(t, t) - xlogy(t, E(1) / p.n) for t in p.p),
        mp.log(p.n) - mp.fsum(xlogy(t, t) for t in p.p),
    ),
    {"n": 2, "p": [0.5, 0.5]},
)
_WL = r"w: vector[n]; \lambda: scalar"
T(
    r"\nabla_w \frac{\lambda}{2} \|w\|^2 = \lambda w",
    _WL,
    "w:vec:n lambda:real",
    "=",
    lambda p: (grad(lambda v: p["lambda"] / 2 * dot(v, v), p.w), p["lambda"] * col(p.w)),
)
F(
    r"\nabla_w \frac{\lambda}{2} \|w\|^2 = 2 \lambda w",
    _WL,
    "w:vec:n lambda:real",
    "=",
    lambda p: (grad(lambda v: p["lambda"] / 2 * dot(v, v), p.w), 2 * p["lambda"] * col(p.w)),
    {"n": 1, "w": [1.0], "lambda": 1.0},
)
T(
    r"\operatorname{ReLU}(x) - \operatorname{ReLU}(-x) = x",
    "",
    "x:real",
    "=",
    lambda p: (max(0, p.x) - max(0, -p.x), p.x),
)
F(
    r"\operatorname{ReLU}(x) + \operatorname{ReLU}(-x) = x",
    "",
    "x:real",
    "=",
    lambda p: (max(0, p.x) + max(0, -p.x), p.x),
    {"x": -1.0},
)
T(
    r"\frac{x^\top y}{\|x\| \|y\|} \le 1",
    _XY,
    "x:vec:n y:vec:n",
    "<=",
    lambda p: (dot(p.x, p.y) / (nrm(p.x) * nrm(p.y)), 1),
)
F(
    r"\frac{x^\top y}{\|x\| \|y\|} < 1",
    _XY,
    "x:vec:n y:vec:n",
    "<",
    lambda p: (dot(p.x, p.y) / (nrm(p.x) * nrm(p.y)), 1),
    {"n": 1, "x": [2.0], "y": [3.0]},
)
T(
    r"-\sigma(x) \log \sigma(x) - \sigma(-x) \log \sigma(-x) \le \log 2",
    "",
    "x:real",
    "<=",
    lambda p: (-sig(p.x) * mp.log(sig(p.x)) - sig(-p.x) * mp.log(sig(-p.x)), mp.log(2)),
)
F(
    r"-\sigma(x) \log \sigma(x) - \sigma(-x) \log \sigma(-x) < \log 2",
    "",
    "x:real",
    "<",
    lambda p: (-sig(p.x) * mp.log(sig(p.x)) - sig(-p.x) * mp.log(sig(-p.x)), mp.log(2)),
    {"x": 0.0},
)
T(
    r"\frac{1}{n} \sum_{i=1}^{n} (y_i - c)^2 \ge \frac{1}{n} \sum_{i=1}^{n} "
    r"\left(y_i - \frac{1}{n} \sum_{j=1}^{n} y_j\right)^2",
    "y: vector[n]; c: scalar; i, j: index",
    "y:vec:n c:real",
    ">=",
    lambda p: (
        mp.fsum((t - p.c) ** 2 for t in p.y) / p.n,
        mp.fsum((t - mp.fsum(p.y) / p.n) ** 2 for t in p.y) / p.n,
    ),
    why="the mean minimizes the squared error",
)
F(
    r"\frac{1}{n} \sum_{i=1}^{n} (y_i - c)^2 > \frac{1}{n} \sum_{i=1}^{n} "
    r"\left(y_i - \frac{1}{n} \sum_{j=1}^{n} y_j\right)^2",
    "y: vector[n]; c: scalar; i, j: index",
    "y:vec:n c:real",
    ">",
    lambda p: (
        mp.fsum((t - p.c) ** 2 for t in p.y) / p.n,
        mp.fsum((t - mp.fsum(p.y) / p.n) ** 2 for t in p.y) / p.n,
    ),
    {"n": 1, "y": [1.0], "c": 1.0},
    why="c equal to the mean",
)


# -- the driver ----------------------------------------------------------------------------------------
BY_ID = {c.id: c for c in CLAIMS}
assert len(BY_ID) == len(CLAIMS), "duplicate id"


def audit(claim: Claim, n: int = 150, seed: int = 0) -> tuple[bool, Point | None, int]:
    """(label agrees, witness for a false claim, points where the claim had a value)."""
    rng = random.Random(f"{claim.id}-{seed}")
    if claim.truth == "false":
        w = find_witness(claim, rng)
        return w is not None, w, 0
    valued = 0
    for p in points(claim, rng, n):
        h = holds(claim, p)
        if h is None:
            continue
        valued += 1
        if not h:
            return False, p, valued
    return valued > 0, None, valued


def load_jsonl(path: Path = HERE / "claims.jsonl") -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def main(argv: list[str]) -> int:
    write = "--write" in argv
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 0
    npts = int(argv[argv.index("--points") + 1]) if "--points" in argv else 150
    argv = [a for i, a in enumerate(argv) if i == 0 or argv[i - 1] not in ("--seed", "--points")]
    only = [a for a in argv if not a.startswith("--")]
    bad = 0
    witnesses: dict[str, Any] = {}
    for c in CLAIMS:
        if only and c.id not in only and c.family not in only:
            continue
        ok, w, valued = audit(c, npts, seed) if c.truth == "true" else audit(c)
        if c.truth == "false" and w is not None:
            witnesses[c.id] = dict(w)
        if not ok:
            bad += 1
            print(
                f"DISAGREES {c.id} ({c.truth}): {c.claim}  at {dict(w) if w else None} "
                f"[{valued} valued points]",
                flush=True,
            )
    if write:
        with open(HERE / "claims.jsonl", "w") as fh:
            for c in CLAIMS:
                fh.write(json.dumps(c.record()) + "\n")
        (HERE / "witnesses.json").write_text(json.dumps(witnesses, indent=1, sort_keys=True) + "\n")
    elif not only:
        on_disk = {r["id"]: r for r in load_jsonl()}
        for c in CLAIMS:
            if on_disk.get(c.id) != c.record():
                bad += 1
                print(f"claims.jsonl differs from the table at {c.id}")
    n_true = sum(c.truth == "true" for c in CLAIMS)
    print(
        f"{len(CLAIMS)} claims ({n_true} true, {len(CLAIMS) - n_true} false); {bad} disagreements"
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
