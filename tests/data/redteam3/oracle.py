"""The third red team's corpus and its oracle: every claim with a hand transcription into mpmath.

``python tests/data/redteam3/oracle.py`` checks every label of ``claims.jsonl`` against the
transcription at many points of the declared domains and givens (boundaries included): a claim
labelled true must hold at every point where it has a value, a claim labelled false must fail at a
witness inside the declared domains and the givens (stored in ``witnesses.json``). ``--write``
rewrites ``claims.jsonl`` and ``witnesses.json`` from the table below.

The machinery (samplers, the 50/150/500-digit judge) is ``tests/data/redteam/_core.py``; the
transcriptions are new and never call derivax. Derivatives are taken numerically (``mp.diff``) of
the function written out, never from the derivative the claim states. Where a strict inequality's
gap is below any sane precision (``\\tanh(x) < 1`` at x = 1000) the transcription compares a
stable form of the same quantity (``0 < 2/(e^{2x} + 1)``) with ``exact=True``; the relation given
to ``C`` is then the transcription's, which may differ from the claim's.

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
sys.path.insert(0, str(HERE.parent / "redteam"))

from _core import Claim, Point, Undefined, find_witness, holds, parse_spec, points  # noqa: E402

CLAIMS: list[Claim] = []
_COUNT: dict[str, int] = {}
PREFIX = {
    "domain": "dom",
    "givens": "giv",
    "derivative": "der",
    "powers": "pow",
    "special": "spf",
    "matrix": "mat",
    "defined-function": "fun",
    "sums": "sum",
    "ml": "ml",
}


def C(
    family, truth, claim, symbols, given, rel, spec, f, why, where=None, witness=None, exact=False
):
    assert rel in ("=", "<=", ">=", "<", ">"), rel
    assert truth in ("true", "false")
    _COUNT[family] = _COUNT.get(family, 0) + 1
    id_ = f"{PREFIX[family]}3-{_COUNT[family]:02d}"
    CLAIMS.append(
        Claim(
            id_,
            family,
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


def T(*a, **k):
    C(FAM, "true", *a, **k)


def F(*a, **k):
    C(FAM, "false", *a, **k)


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


def cbrt(x):
    return mp.sign(x) * mp.cbrt(abs(x))


def rpow(x, p, q):
    """x^{p/q} for odd q, real: sign(x)^p |x|^{p/q}."""
    return mp.sign(x) ** p * abs(x) ** (mp.mpf(p) / q)


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


def frob(A):
    return mp.sqrt(mp.fsum(x**2 for x in A))


def spec2(A):
    return mp.sqrt(max(mp.eigsy(A.T * A)[0]))


def lse(z):
    m = max(z)
    return m + mp.log(mp.fsum(mp.exp(x - m) for x in z))


def smax(z, k):
    return mp.exp(z[k - 1] - lse(z))


def xlogy(x, y):
    return E(0) if x == 0 else x * log(y)


def d1(g, x, order=1):
    return mp.diff(g, x, order)


def d_entry(g, vec, j, order=1):
    def at(t):
        v = list(vec)
        v[j - 1] = t
        return g(v)

    return mp.diff(at, vec[j - 1], order)


def d_mat(g, A, i, j):
    def at(t):
        B = A.copy()
        B[i - 1, j - 1] = t
        return g(B)

    return mp.diff(at, A[i - 1, j - 1])


def grad(g, vec):
    return col([d_entry(g, vec, j) for j in range(1, len(vec) + 1)])


def gap_log1p(t):
    """t - log(1 + t) for t > 0, without cancellation (a series below 10^-5)."""
    if t < mp.mpf(10) ** -5:
        return mp.fsum((-1) ** k * t**k / k for k in range(2, 40))
    return t - mp.log1p(t)


def dg(x):
    """digamma with 300 guard digits: mpmath's loses about 120 digits near x = 1e-40."""
    with mp.workdps(mp.mp.dps + 300):
        r = mp.digamma(x)
    return +r


def expm(A):
    """The matrix exponential with 80 guard digits (e^{59} e^{-59} cancels 25 digits)."""
    with mp.workdps(mp.mp.dps + 80):
        r = mp.expm(A)
    return r


def _det_exp(A):
    """det(e^A) in 80 guard digits: entries near e^{65} cancel in the determinant."""
    with mp.workdps(mp.mp.dps + 80):
        r = det(mp.expm(A))
    return +r


def _exp_pair(A):
    """e^A e^{-A} in 80 guard digits: the product of e^{59} and e^{-59} entries cancels."""
    with mp.workdps(mp.mp.dps + 80):
        r = mp.expm(A) * mp.expm(-A)
    return r


def _dg_rec(x):
    """digamma(x) + 1/x summed in 300 guard digits: at x = 1e-40 the two terms cancel 40 digits."""
    with mp.workdps(mp.mp.dps + 300):
        r = mp.digamma(x) + 1 / x
    return +r


def _log1m_sig(x):
    """log(1 - sigma(x)) as written, with |x| guard digits (1 - sigma cancels)."""
    with mp.workdps(mp.mp.dps + int(abs(x)) + 20):
        r = mp.log(1 - sig(x))
    return +r


def _sig_gap(x):
    """sigma(x) - sigma(x - 1e-30) as written, with 60 + |x| guard digits."""
    with mp.workdps(mp.mp.dps + int(abs(x)) + 60):
        r = sig(x) - sig(x - TINY)
    return r


def ssum(f, lo, hi):
    return mp.fsum(f(k) for k in range(lo, hi + 1)) if hi >= lo else E(0)


TINY = mp.mpf(10) ** -30
S1 = "x: scalar"

# == (a) domain qualifiers ==========================================================================
FAM = "domain"
T(
    r"\sqrt{t^2} = t",
    "t: scalar, nonnegative",
    [],
    "=",
    "t:nonneg",
    lambda p: (sqrt(p.t**2), p.t),
    "t >= 0",
)
F(
    r"\sqrt{t^2} = t",
    "t: scalar",
    [],
    "=",
    "t:real",
    lambda p: (sqrt(p.t**2), p.t),
    "t = -1",
    witness={"t": -1.0},
)
T(
    r"\log(u v) = \log u + \log v",
    "u, v: scalar, positive",
    [],
    "=",
    "u:pos v:pos",
    lambda p: (log(p.u * p.v), log(p.u) + log(p.v)),
    "product rule of log on positives",
)
F(
    r"|k| = k",
    "k: scalar, integer",
    [],
    "=",
    "k:int",
    lambda p: (abs(p.k), p.k),
    "k = -1",
    witness={"k": -1},
)
T(
    r"k^2 \ge k",
    "k: scalar, integer",
    [],
    ">=",
    "k:int",
    lambda p: (p.k**2, p.k),
    "k(k-1) >= 0 on integers",
)
F(
    r"m^2 \ge m",
    "m: scalar",
    [],
    ">=",
    "m:real",
    lambda p: (p.m**2, p.m),
    "m = 1/2",
    witness={"m": 0.5},
)
T(r"u^2 \le u", "u: scalar, unit", [], "<=", "u:unit", lambda p: (p.u**2, p.u), "u in [0, 1]")
F(
    r"u^3 \ge u^2",
    "u: scalar, unit",
    [],
    ">=",
    "u:unit",
    lambda p: (p.u**3, p.u**2),
    "u = 1/2",
    witness={"u": 0.5},
)
T(
    r"\cos(\pi k) = (-1)^{k}",
    "k: scalar, integer",
    [],
    "=",
    "k:int",
    lambda p: (mp.cos(mp.pi * p.k), E(-1) ** p.k),
    "integer k",
)
F(
    r"\sin(\frac{\pi k}{2}) = 0",
    "k: scalar, integer",
    [],
    "=",
    "k:int",
    lambda p: (mp.sin(mp.pi * p.k / 2), 0),
    "k = 1",
    witness={"k": 1},
)
T(
    r"\sum_{i=1}^{n} p_i^2 \le 1",
    "p: simplex[n]; i: index",
    [],
    "<=",
    "p:simplex:n",
    lambda p: (mp.fsum(x**2 for x in p.p), 1),
    "entries in [0, 1]",
)
T(
    r"\sum_{i=1}^{n} p_i^2 \ge \frac{1}{n}",
    "p: simplex[n]; i: index",
    [],
    ">=",
    "p:simplex:n",
    lambda p: (mp.fsum(x**2 for x in p.p), E(1) / p.n),
    "Cauchy-Schwarz",
)
F(
    r"\sum_{i=1}^{n} p_i^2 \ge \frac{1}{n} + 10^{-30}",
    "p: simplex[n]; i: index",
    [],
    ">=",
    "p:simplex:n",
    lambda p: (mp.fsum(x**2 for x in p.p), E(1) / p.n + TINY),
    "uniform p",
    witness={"n": 2, "p": [0.5, 0.5]},
)
F(
    r"\max(p) > \frac{1}{n}",
    "p: simplex[n]",
    [],
    ">",
    "p:simplex:n",
    lambda p: (max(p.p), E(1) / p.n),
    "uniform p, or n = 1",
    witness={"n": 1, "p": [1.0]},
)
T(
    r"\max(q) \ge \frac{1}{m}",
    "q: simplex[m]",
    [],
    ">=",
    "q:simplex:m",
    lambda p: (max(p.q), E(1) / p.m),
    "the largest of m weights summing to 1",
)
T(
    r"x^\top S x \ge 0",
    "x: vector[n]; S: spd[n]",
    [],
    ">=",
    "x:vec:n S:spd:n",
    lambda p: (col(p.x).T * p.S * col(p.x), 0),
    "S spd",
)
F(
    r"x^\top S x > 0",
    "x: vector[n]; S: spd[n]",
    [],
    ">",
    "x:vec:n S:spd:n",
    lambda p: (col(p.x).T * p.S * col(p.x), 0),
    "x = 0",
    witness={"n": 1, "x": [0.0], "S": [[1.0]]},
)
T(r"\det(S) > 0", "S: spd[n]", [], ">", "S:spd:n", lambda p: (det(p.S), 0), "eigenvalues positive")
F(
    r"\det(M) > 0",
    "M: symmetric[n]",
    [],
    ">",
    "M:sym:n",
    lambda p: (det(p.M), 0),
    "M = -1",
    witness={"n": 1, "M": [[-1.0]]},
)
T(
    r"\operatorname{tr}(S) > 0",
    "S: spd[n]",
    [],
    ">",
    "S:spd:n",
    lambda p: (tr(p.S), 0),
    "diagonal of an spd matrix positive",
)
F(
    r"\operatorname{tr}(M) \ge 0",
    "M: symmetric[n]",
    [],
    ">=",
    "M:sym:n",
    lambda p: (tr(p.M), 0),
    "M = -1",
    witness={"n": 1, "M": [[-1.0]]},
)
T(r"M^\top = M", "M: symmetric[n]", [], "=", "M:sym:n", lambda p: (p.M.T, p.M), "symmetric")
F(
    r"A^\top = A",
    "A: matrix[n, n]",
    [],
    "=",
    "A:mat:n:n",
    lambda p: (p.A.T, p.A),
    "a nilpotent 2x2",
    witness={"n": 2, "A": [[0.0, 1.0], [0.0, 0.0]]},
)
T(
    r"e^{-a} < 1",
    "a: scalar, positive",
    [],
    "<",
    "a:pos",
    lambda p: (mp.exp(-p.a), 1),
    "a > 0 (at a = 1e-40 the gap is 1e-40)",
)
F(
    r"e^{-a} < 1",
    "a: scalar, nonnegative",
    [],
    "<",
    "a:nonneg",
    lambda p: (mp.exp(-p.a), 1),
    "a = 0",
    witness={"a": 0.0},
)
T(
    r"\frac{a}{1 + a} < 1",
    "a: scalar, nonnegative",
    [],
    ">",
    "a:nonneg",
    lambda p: (1 / (1 + p.a), 0),
    "1 - a/(1+a) = 1/(1+a) > 0 (stable form)",
    exact=True,
)
F(
    r"\frac{a}{1 + a} < 1",
    "a: scalar",
    [],
    "<",
    "a:real",
    lambda p: (p.a / (1 + p.a), 1),
    "a = -2",
    witness={"a": -2.0},
)
T(
    r"\log(1 + u) \ge u \log 2",
    "u: scalar, unit",
    [],
    ">=",
    "u:unit",
    lambda p: (mp.log1p(p.u), p.u * mp.log(2)),
    "concave, equal at 0 and 1",
)
F(
    r"\log(1 + u) > u \log 2",
    "u: scalar, unit",
    [],
    ">",
    "u:unit",
    lambda p: (mp.log1p(p.u), p.u * mp.log(2)),
    "u = 0",
    witness={"u": 0.0},
)
T(
    r"\lfloor k \rfloor = k",
    "k: scalar, integer",
    [],
    "=",
    "k:int",
    lambda p: (mp.floor(p.k), p.k),
    "integer",
)
F(
    r"\lfloor y \rfloor = y",
    "y: scalar",
    [],
    "=",
    "y:real",
    lambda p: (mp.floor(p.y), p.y),
    "y = 1/2",
    witness={"y": 0.5},
)
F(
    r"4 u (1 - u) < 1",
    "u: scalar, unit",
    [],
    "<",
    "u:unit",
    lambda p: (4 * p.u * (1 - p.u), 1),
    "u = 1/2",
    witness={"u": 0.5},
)
T(
    r"\sqrt{u} \ge u",
    "u: scalar, unit",
    [],
    ">=",
    "u:unit",
    lambda p: (sqrt(p.u), p.u),
    "u in [0, 1]",
)
F(
    r"\sqrt{a} \ge a",
    "a: scalar, positive",
    [],
    ">=",
    "a:pos",
    lambda p: (sqrt(p.a), p.a),
    "a = 4",
    witness={"a": 4.0},
)
F(
    r"(-1)^{k} = 1",
    "k: scalar, integer",
    [],
    "=",
    "k:int",
    lambda p: (E(-1) ** p.k, 1),
    "k = 1",
    witness={"k": 1},
)
T(
    r"\sum_{i=1}^{n} p_i \log p_i \le 0",
    "p: simplex[n]; i: index",
    [],
    "<=",
    "p:simplex:n",
    lambda p: (mp.fsum(xlogy(x, x) for x in p.p), 0),
    "0 log 0 = 0; entries in [0, 1]",
)
T(
    r"\frac{1}{\alpha} + \alpha \ge 2",
    "\\alpha: scalar, positive",
    [],
    ">=",
    "alpha:pos",
    lambda p: (1 / p.alpha + p.alpha, 2),
    "AM-GM on positives",
)
F(
    r"\frac{1}{\alpha} + \alpha \ge 2",
    "\\alpha: scalar",
    [],
    ">=",
    "alpha:real",
    lambda p: (1 / p.alpha + p.alpha, 2),
    "alpha = -1",
    witness={"alpha": -1.0},
)

# == (b) givens =====================================================================================
FAM = "givens"
T(
    r"x^2 \le 1",
    S1,
    [r"-1 \le x", r"x \le 1"],
    "<=",
    "x:real",
    lambda p: (p.x**2, 1),
    "|x| <= 1",
    where=lambda p: -1 <= p.x <= 1,
)
F(
    r"x^2 < 1",
    S1,
    [r"-1 \le x", r"x \le 1"],
    "<",
    "x:real",
    lambda p: (p.x**2, 1),
    "x = 1",
    where=lambda p: -1 <= p.x <= 1,
    witness={"x": 1.0},
)
T(
    r"x^2 < 1",
    S1,
    [r"-1 < x", r"x < 1"],
    "<",
    "x:real",
    lambda p: (p.x**2, 1),
    "|x| < 1",
    where=lambda p: -1 < p.x < 1,
)
T(
    r"\frac{1}{x} \le 1",
    S1,
    [r"x \ge 1"],
    "<=",
    "x:real",
    lambda p: (1 / p.x, 1),
    "x >= 1",
    where=lambda p: p.x >= 1,
)
F(
    r"\frac{1}{x} < 1",
    S1,
    [r"x \ge 1"],
    "<",
    "x:real",
    lambda p: (1 / p.x, 1),
    "x = 1",
    where=lambda p: p.x >= 1,
    witness={"x": 1.0},
)
T(
    r"\log x > 0",
    S1,
    [r"x > 1"],
    ">",
    "x:real",
    lambda p: (log(p.x), 0),
    "x > 1",
    where=lambda p: p.x > 1,
)
F(
    r"\log x > 0",
    S1,
    [r"x \ge 1"],
    ">",
    "x:real",
    lambda p: (log(p.x), 0),
    "x = 1",
    where=lambda p: p.x >= 1,
    witness={"x": 1.0},
)
T(
    r"x y \ge 0",
    "x, y: scalar",
    [r"x \ge 0", r"y \ge 0"],
    ">=",
    "x:real y:real",
    lambda p: (p.x * p.y, 0),
    "both nonneg",
    where=lambda p: p.x >= 0 and p.y >= 0,
)
F(
    r"x y > 0",
    "x, y: scalar",
    [r"x \ge 0", r"y > 0"],
    ">",
    "x:real y:real",
    lambda p: (p.x * p.y, 0),
    "x = 0",
    where=lambda p: p.x >= 0 and p.y > 0,
    witness={"x": 0.0, "y": 1.0},
)
T(
    r"x + y > 0",
    "x, y: scalar",
    [r"x > 0", r"y \ge 0"],
    ">",
    "x:real y:real",
    lambda p: (p.x + p.y, 0),
    "strict plus non-strict",
    where=lambda p: p.x > 0 and p.y >= 0,
)
T(
    r"x < z",
    "x, y, z: scalar",
    [r"x < y", r"y \le z"],
    "<",
    "x:real y:real z:real",
    lambda p: (p.x, p.z),
    "chain",
    where=lambda p: p.x < p.y <= p.z,
)
F(
    r"x < z",
    "x, y, z: scalar",
    [r"x \le y", r"y \le z"],
    "<",
    "x:real y:real z:real",
    lambda p: (p.x, p.z),
    "x = y = z",
    where=lambda p: p.x <= p.y <= p.z,
    witness={"x": 0.0, "y": 0.0, "z": 0.0},
)
T(
    r"(x - a)(x - b) \le 0",
    "x, a, b: scalar",
    [r"a \le x", r"x \le b"],
    "<=",
    "x:real a:real b:real",
    lambda p: ((p.x - p.a) * (p.x - p.b), 0),
    "between the roots",
    where=lambda p: p.a <= p.x <= p.b,
)
F(
    r"(x - a)(x - b) < 0",
    "x, a, b: scalar",
    [r"a \le x", r"x \le b"],
    "<",
    "x:real a:real b:real",
    lambda p: ((p.x - p.a) * (p.x - p.b), 0),
    "x = a",
    where=lambda p: p.a <= p.x <= p.b,
    witness={"x": 0.0, "a": 0.0, "b": 1.0},
)
T(
    r"e^{x} \le e^{3}",
    S1,
    [r"x \le 3"],
    "<=",
    "x:real",
    lambda p: (mp.exp(p.x), mp.exp(3)),
    "monotone",
    where=lambda p: p.x <= 3,
)
F(
    r"e^{x} < e^{3}",
    S1,
    [r"x \le 3"],
    "<",
    "x:real",
    lambda p: (mp.exp(p.x), mp.exp(3)),
    "x = 3",
    where=lambda p: p.x <= 3,
    witness={"x": 3.0},
)
T(
    r"x^3 \ge x",
    S1,
    [r"x \ge 1"],
    ">=",
    "x:real",
    lambda p: (p.x**3, p.x),
    "x >= 1",
    where=lambda p: p.x >= 1,
)
F(
    r"x^3 > x",
    S1,
    [r"x \ge 1"],
    ">",
    "x:real",
    lambda p: (p.x**3, p.x),
    "x = 1",
    where=lambda p: p.x >= 1,
    witness={"x": 1.0},
)
T(
    r"\frac{x}{y} \le 1",
    "x, y: scalar",
    [r"0 < x", r"x \le y"],
    "<=",
    "x:real y:real",
    lambda p: (p.x / p.y, 1),
    "0 < x <= y",
    where=lambda p: 0 < p.x <= p.y,
)
F(
    r"\frac{x}{y} < 1",
    "x, y: scalar",
    [r"0 < x", r"x \le y"],
    "<",
    "x:real y:real",
    lambda p: (p.x / p.y, 1),
    "x = y",
    where=lambda p: 0 < p.x <= p.y,
    witness={"x": 1.0, "y": 1.0},
)
T(
    r"|x - y| \le 2",
    "x, y: scalar",
    [r"|x| \le 1", r"|y| \le 1"],
    "<=",
    "x:real y:real",
    lambda p: (abs(p.x - p.y), 2),
    "triangle",
    where=lambda p: abs(p.x) <= 1 and abs(p.y) <= 1,
)
F(
    r"|x - y| < 2",
    "x, y: scalar",
    [r"|x| \le 1", r"|y| \le 1"],
    "<",
    "x:real y:real",
    lambda p: (abs(p.x - p.y), 2),
    "x = 1, y = -1",
    where=lambda p: abs(p.x) <= 1 and abs(p.y) <= 1,
    witness={"x": 1.0, "y": -1.0},
)
T(
    r"x - 10^{-30} < 1",
    S1,
    [r"x \le 1"],
    "<",
    "x:real",
    lambda p: (p.x - TINY, 1),
    "gap 1e-30 at x = 1",
    where=lambda p: p.x <= 1,
)
F(
    r"x + 10^{-30} \le 1",
    S1,
    [r"x \le 1"],
    "<=",
    "x:real",
    lambda p: (p.x + TINY, 1),
    "x = 1",
    where=lambda p: p.x <= 1,
    witness={"x": 1.0},
)
T(
    r"\tanh(x) < 1",
    S1,
    [r"x \le 10^{4}"],
    ">",
    "x:real",
    lambda p: (2 / (mp.exp(2 * p.x) + 1), 0),
    "1 - tanh x = 2/(e^{2x}+1) > 0 (stable form)",
    where=lambda p: p.x <= 10**4,
    exact=True,
)
F(
    r"\sin x > 0",
    S1,
    [r"0 \le x", r"x \le 3"],
    ">",
    "x:real",
    lambda p: (mp.sin(p.x), 0),
    "x = 0",
    where=lambda p: 0 <= p.x <= 3,
    witness={"x": 0.0},
)
T(
    r"\sin x > 0",
    S1,
    [r"0 < x", r"x < 3"],
    ">",
    "x:real",
    lambda p: (mp.sin(p.x), 0),
    "(0, pi)",
    where=lambda p: 0 < p.x < 3,
)
T(
    r"x^2 + y^2 \ge 2",
    "x, y: scalar",
    [r"x y \ge 1"],
    ">=",
    "x:real y:real",
    lambda p: (p.x**2 + p.y**2, 2),
    ">= 2xy >= 2",
    where=lambda p: p.x * p.y >= 1,
)
F(
    r"x^2 + y^2 > 2",
    "x, y: scalar",
    [r"x y \ge 1"],
    ">",
    "x:real y:real",
    lambda p: (p.x**2 + p.y**2, 2),
    "x = y = 1",
    where=lambda p: p.x * p.y >= 1,
    witness={"x": 1.0, "y": 1.0},
)
T(
    r"x \le 4",
    S1,
    [r"x^2 \le 16"],
    "<=",
    "x:real",
    lambda p: (p.x, 4),
    "|x| <= 4",
    where=lambda p: p.x**2 <= 16,
)
F(
    r"x \ge -3",
    S1,
    [r"x^2 \le 16"],
    ">=",
    "x:real",
    lambda p: (p.x, -3),
    "x = -4",
    where=lambda p: p.x**2 <= 16,
    witness={"x": -4.0},
)
T(
    r"\frac{1}{1 - x} \ge 1 + x",
    S1,
    [r"x < 1"],
    ">=",
    "x:real",
    lambda p: (1 / (1 - p.x), 1 + p.x),
    "difference x^2/(1-x)",
    where=lambda p: p.x < 1,
)
F(
    r"\frac{1}{1 - x} \ge 1 + x",
    S1,
    [r"x < 2"],
    ">=",
    "x:real",
    lambda p: (1 / (1 - p.x), 1 + p.x),
    "x = 3/2",
    where=lambda p: p.x < 2,
    witness={"x": 1.5},
)
T(
    r"\log x \le x - 1",
    S1,
    [r"x > 0"],
    "<=",
    "x:real",
    lambda p: (log(p.x), p.x - 1),
    "log t <= t - 1",
    where=lambda p: p.x > 0,
)
F(
    r"\log x \le x - 1 - 10^{-30}",
    S1,
    [r"x > 0"],
    "<=",
    "x:real",
    lambda p: (log(p.x), p.x - 1 - TINY),
    "x = 1",
    where=lambda p: p.x > 0,
    witness={"x": 1.0},
)
T(
    r"\sqrt{b - a} \le \sqrt{b}",
    "a, b: scalar",
    [r"0 \le a", r"a \le b"],
    "<=",
    "a:real b:real",
    lambda p: (sqrt(p.b - p.a), sqrt(p.b)),
    "monotone root",
    where=lambda p: 0 <= p.a <= p.b,
)
F(
    r"\sqrt{b - a} < \sqrt{b}",
    "a, b: scalar",
    [r"0 \le a", r"a \le b"],
    "<",
    "a:real b:real",
    lambda p: (sqrt(p.b - p.a), sqrt(p.b)),
    "a = 0",
    where=lambda p: 0 <= p.a <= p.b,
    witness={"a": 0.0, "b": 1.0},
)

# == (c) derivatives ================================================================================
FAM = "derivative"
WX = "w, x: vector[n]; j: index"
T(
    r"\frac{\partial}{\partial w_j} (w^\top x)^2 = 2 (w^\top x) x_j",
    WX,
    [],
    "=",
    "w:vec:n x:vec:n j:index:n",
    lambda p: (d_entry(lambda w: dot(w, p.x) ** 2, p.w, p.j), 2 * dot(p.w, p.x) * p.x[p.j - 1]),
    "chain rule",
)
F(
    r"\frac{\partial}{\partial w_j} (w^\top x)^2 = (w^\top x) x_j",
    WX,
    [],
    "=",
    "w:vec:n x:vec:n j:index:n",
    lambda p: (d_entry(lambda w: dot(w, p.x) ** 2, p.w, p.j), dot(p.w, p.x) * p.x[p.j - 1]),
    "missing 2",
    witness={"n": 1, "w": [1.0], "x": [1.0], "j": 1},
)
T(
    r"\frac{\partial}{\partial A_{ij}} x^\top A y = x_i y_j",
    "A: matrix[m, n]; x: vector[m]; y: vector[n]; i, j: index",
    [],
    "=",
    "A:mat:m:n x:vec:m y:vec:n i:index:m j:index:n",
    lambda p: (
        d_mat(lambda B: (col(p.x).T * B * col(p.y))[0, 0], p.A, p.i, p.j),
        p.x[p.i - 1] * p.y[p.j - 1],
    ),
    "bilinear",
)
F(
    r"\frac{\partial}{\partial A_{ij}} x^\top A y = x_j y_i",
    "A: matrix[n, n]; x, y: vector[n]; i, j: index",
    [],
    "=",
    "A:mat:n:n x:vec:n y:vec:n i:index:n j:index:n",
    lambda p: (
        d_mat(lambda B: (col(p.x).T * B * col(p.y))[0, 0], p.A, p.i, p.j),
        p.x[p.j - 1] * p.y[p.i - 1],
    ),
    "transposed",
    witness={
        "n": 2,
        "A": [[0.0, 0.0], [0.0, 0.0]],
        "x": [1.0, 0.0],
        "y": [0.0, 1.0],
        "i": 1,
        "j": 2,
    },
)
T(
    r"\nabla_w \frac{1}{2}\|X w - y\|^2 = X^\top (X w - y)",
    "X: matrix[m, n]; w: vector[n]; y: vector[m]",
    [],
    "=",
    "X:mat:m:n w:vec:n y:vec:m",
    lambda p: (
        grad(lambda w: mp.fsum(t**2 for t in (p.X * col(w) - col(p.y))) / 2, p.w),
        p.X.T * (p.X * col(p.w) - col(p.y)),
    ),
    "least squares",
)
F(
    r"\nabla_w \frac{1}{2}\|X w - y\|^2 = X^\top (y - X w)",
    "X: matrix[m, n]; w: vector[n]; y: vector[m]",
    [],
    "=",
    "X:mat:m:n w:vec:n y:vec:m",
    lambda p: (
        grad(lambda w: mp.fsum(t**2 for t in (p.X * col(w) - col(p.y))) / 2, p.w),
        p.X.T * (col(p.y) - p.X * col(p.w)),
    ),
    "sign",
    witness={"m": 1, "n": 1, "X": [[1.0]], "w": [1.0], "y": [0.0]},
)
T(
    r"\nabla_w \|w\|^2 = 2 w",
    "w: vector[n]",
    [],
    "=",
    "w:vec:n",
    lambda p: (grad(lambda w: dot(w, w), p.w), 2 * col(p.w)),
    "gradient of the square norm",
)
F(
    r"\nabla_w \|w\|_2 = \frac{w}{\|w\|_2^2}",
    "w: vector[n]",
    [],
    "=",
    "w:vec:n",
    lambda p: (grad(nrm, p.w), col(p.w) / dot(p.w, p.w)),
    "w = 2",
    witness={"n": 1, "w": [2.0]},
)
T(
    r"\frac{\partial^2}{\partial x^2} \log(1 + e^{x}) = \sigma(x)(1 - \sigma(x))",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (d1(softplus, p.x, 2), sig(p.x) * (1 - sig(p.x))),
    "softplus'' ",
)
F(
    r"\frac{\partial^2}{\partial x^2} \log(1 + e^{x}) = \sigma(x)^2",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (d1(softplus, p.x, 2), sig(p.x) ** 2),
    "x = 0",
    witness={"x": 0.0},
)
T(
    r"\frac{d}{dx} \tanh(3x) = 3(1 - \tanh^2(3x))",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (d1(lambda t: mp.tanh(3 * t), p.x), 3 * (1 - mp.tanh(3 * p.x) ** 2)),
    "chain rule",
)
F(
    r"\frac{d}{dx} \tanh(3x) = 1 - \tanh^2(3x)",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (d1(lambda t: mp.tanh(3 * t), p.x), 1 - mp.tanh(3 * p.x) ** 2),
    "missing 3",
    witness={"x": 0.0},
)
LSE = r"\log \sum_{j=1}^{n} e^{z_j}"
T(
    r"\frac{\partial}{\partial z_k} " + LSE + r" = \frac{e^{z_k}}{\sum_{j=1}^{n} e^{z_j}}",
    "z: vector[n]; j, k: index",
    [],
    "=",
    "z:vec:n k:index:n",
    lambda p: (d_entry(lse, p.z, p.k), smax(p.z, p.k)),
    "softmax",
)
F(
    r"\frac{\partial}{\partial z_k} " + LSE + r" = e^{z_k}",
    "z: vector[n]; j, k: index",
    [],
    "=",
    "z:vec:n k:index:n",
    lambda p: (d_entry(lse, p.z, p.k), mp.exp(p.z[p.k - 1])),
    "no normalizer",
    witness={"n": 2, "z": [0.0, 0.0], "k": 1},
)
T(
    r"\frac{d}{dt} \sigma(a t) = a \sigma(a t)(1 - \sigma(a t))",
    "a, t: scalar",
    [],
    "=",
    "a:real t:real",
    lambda p: (d1(lambda s: sig(p.a * s), p.t), p.a * sig(p.a * p.t) * (1 - sig(p.a * p.t))),
    "chain rule",
)
F(
    r"\frac{d}{dt} \sigma(a t) = \sigma(a t)(1 - \sigma(a t))",
    "a, t: scalar",
    [],
    "=",
    "a:real t:real",
    lambda p: (d1(lambda s: sig(p.a * s), p.t), sig(p.a * p.t) * (1 - sig(p.a * p.t))),
    "missing a",
    witness={"a": 2.0, "t": 0.0},
)
T(
    r"\frac{\partial}{\partial x} \operatorname{softplus}(x) = \sigma(x)",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (d1(softplus, p.x), sig(p.x)),
    "softplus' = sigma",
)
F(
    r"\frac{\partial}{\partial x} \operatorname{softplus}(2x) = \sigma(2x)",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (d1(lambda t: softplus(2 * t), p.x), sig(2 * p.x)),
    "missing 2",
    witness={"x": 0.0},
)
T(
    r"\frac{\partial}{\partial A_{ij}} \operatorname{tr}(A) = \delta_{ij}",
    "A: matrix[n, n]; i, j: index",
    [],
    "=",
    "A:mat:n:n i:index:n j:index:n",
    lambda p: (d_mat(tr, p.A, p.i, p.j), 1 if p.i == p.j else 0),
    "Kronecker delta",
)
T(
    r"\frac{\partial}{\partial A_{ij}} \operatorname{tr}(A^\top A) = 2 A_{ij}",
    "A: matrix[m, n]; i, j: index",
    [],
    "=",
    "A:mat:m:n i:index:m j:index:n",
    lambda p: (d_mat(lambda B: tr(B.T * B), p.A, p.i, p.j), 2 * p.A[p.i - 1, p.j - 1]),
    "Frobenius",
)
F(
    r"\frac{\partial}{\partial A_{ij}} \operatorname{tr}(A^\top A) = 2 A_{ji}",
    "A: matrix[n, n]; i, j: index",
    [],
    "=",
    "A:mat:n:n i:index:n j:index:n",
    lambda p: (d_mat(lambda B: tr(B.T * B), p.A, p.i, p.j), 2 * p.A[p.j - 1, p.i - 1]),
    "transposed",
    witness={"n": 2, "A": [[0.0, 1.0], [0.0, 0.0]], "i": 1, "j": 2},
)
T(
    r"\frac{\partial}{\partial A_{ij}} \operatorname{tr}(A^2) = 2 A_{ji}",
    "A: matrix[n, n]; i, j: index",
    [],
    "=",
    "A:mat:n:n i:index:n j:index:n",
    lambda p: (d_mat(lambda B: tr(B * B), p.A, p.i, p.j), 2 * p.A[p.j - 1, p.i - 1]),
    "d tr(A^2) = 2 A^T",
)
F(
    r"\frac{\partial}{\partial A_{ij}} \operatorname{tr}(A^2) = 2 A_{ij}",
    "A: matrix[n, n]; i, j: index",
    [],
    "=",
    "A:mat:n:n i:index:n j:index:n",
    lambda p: (d_mat(lambda B: tr(B * B), p.A, p.i, p.j), 2 * p.A[p.i - 1, p.j - 1]),
    "not transposed",
    witness={"n": 2, "A": [[0.0, 1.0], [0.0, 0.0]], "i": 1, "j": 2},
)
T(
    r"\frac{\partial}{\partial x_i} \|x\|^2 = 2 x_i",
    "x: vector[n]; i: index",
    [],
    "=",
    "x:vec:n i:index:n",
    lambda p: (d_entry(lambda v: dot(v, v), p.x, p.i), 2 * p.x[p.i - 1]),
    "entry",
)
F(
    r"\frac{\partial}{\partial x_i} \sum_{j=1}^{n} x_j^3 = 3 x_i^3",
    "x: vector[n]; i, j: index",
    [],
    "=",
    "x:vec:n i:index:n",
    lambda p: (d_entry(lambda v: mp.fsum(t**3 for t in v), p.x, p.i), 3 * p.x[p.i - 1] ** 3),
    "wrong power",
    witness={"n": 1, "x": [2.0], "i": 1},
)
T(
    r"\frac{\partial^2}{\partial x_i^2} \sum_{j=1}^{n} x_j^4 = 12 x_i^2",
    "x: vector[n]; i, j: index",
    [],
    "=",
    "x:vec:n i:index:n",
    lambda p: (d_entry(lambda v: mp.fsum(t**4 for t in v), p.x, p.i, 2), 12 * p.x[p.i - 1] ** 2),
    "second derivative",
)
T(
    r"\frac{d^2}{dx^2} e^{-x^2/2} = (x^2 - 1) e^{-x^2/2}",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (d1(lambda t: mp.exp(-(t**2) / 2), p.x, 2), (p.x**2 - 1) * mp.exp(-(p.x**2) / 2)),
    "Hermite",
)
F(
    r"\frac{d^2}{dx^2} e^{-x^2/2} = (1 - x^2) e^{-x^2/2}",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (d1(lambda t: mp.exp(-(t**2) / 2), p.x, 2), (1 - p.x**2) * mp.exp(-(p.x**2) / 2)),
    "sign",
    witness={"x": 0.0},
)
T(
    r"\frac{\partial}{\partial w_j} \sigma(w^\top x) = \sigma(w^\top x)(1 - \sigma(w^\top x)) x_j",
    WX,
    [],
    "=",
    "w:vec:n x:vec:n j:index:n",
    lambda p: (
        d_entry(lambda w: sig(dot(w, p.x)), p.w, p.j),
        sig(dot(p.w, p.x)) * (1 - sig(dot(p.w, p.x))) * p.x[p.j - 1],
    ),
    "chain rule",
)
F(
    r"\frac{\partial}{\partial w_j} \sigma(w^\top x) = \sigma(w^\top x)(1 - \sigma(w^\top x)) w_j",
    WX,
    [],
    "=",
    "w:vec:n x:vec:n j:index:n",
    lambda p: (
        d_entry(lambda w: sig(dot(w, p.x)), p.w, p.j),
        sig(dot(p.w, p.x)) * (1 - sig(dot(p.w, p.x))) * p.w[p.j - 1],
    ),
    "w_j for x_j",
    witness={"n": 1, "w": [0.0], "x": [1.0], "j": 1},
)
T(
    r"\frac{\partial}{\partial b} \tanh(w b + c) = w (1 - \tanh^2(w b + c))",
    "w, b, c: scalar",
    [],
    "=",
    "w:real b:real c:real",
    lambda p: (
        d1(lambda t: mp.tanh(p.w * t + p.c), p.b),
        p.w * (1 - mp.tanh(p.w * p.b + p.c) ** 2),
    ),
    "chain rule",
)
F(
    r"\frac{\partial}{\partial b} \log \sigma(b) = 1 - \sigma(-b)",
    "b: scalar",
    [],
    "=",
    "b:real",
    lambda p: (d1(lambda t: log(sig(t)), p.b), 1 - sig(-p.b)),
    "equals sigma(b), not sigma(-b)",
    witness={"b": 1.0},
)
T(
    r"\frac{\partial}{\partial b} \log \sigma(b) = \sigma(-b)",
    "b: scalar",
    [],
    "=",
    "b:real",
    lambda p: (d1(lambda t: log(sig(t)), p.b), sig(-p.b)),
    "log-sigmoid'",
)
T(
    r"\frac{\partial}{\partial x} |x|^3 = 3 x |x|",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (d1(lambda t: abs(t) ** 3, p.x), 3 * p.x * abs(p.x)),
    "differentiable at 0 too",
)
F(
    r"\frac{\partial}{\partial x} |x|^3 = 3 x^2",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (d1(lambda t: abs(t) ** 3, p.x), 3 * p.x**2),
    "x = -1",
    witness={"x": -1.0},
)
T(
    r"\nabla_x (x^\top A x) = (A + A^\top) x",
    "x: vector[n]; A: matrix[n, n]",
    [],
    "=",
    "x:vec:n A:mat:n:n",
    lambda p: (grad(lambda v: (col(v).T * p.A * col(v))[0, 0], p.x), (p.A + p.A.T) * col(p.x)),
    "quadratic form",
)
F(
    r"\nabla_x (x^\top A x) = 2 A x",
    "x: vector[n]; A: matrix[n, n]",
    [],
    "=",
    "x:vec:n A:mat:n:n",
    lambda p: (grad(lambda v: (col(v).T * p.A * col(v))[0, 0], p.x), 2 * p.A * col(p.x)),
    "A not symmetric",
    witness={"n": 2, "x": [1.0, 0.0], "A": [[0.0, 1.0], [0.0, 0.0]]},
)
T(
    r"\nabla_x (x^\top S x) = 2 S x",
    "x: vector[n]; S: symmetric[n]",
    [],
    "=",
    "x:vec:n S:sym:n",
    lambda p: (grad(lambda v: (col(v).T * p.S * col(v))[0, 0], p.x), 2 * p.S * col(p.x)),
    "S symmetric",
)
F(
    r"\frac{d}{dx} \sigma(x)^{2} = 2 \sigma(x)^2 (1 - \sigma(x)) + 10^{-30}",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (d1(lambda t: sig(t) ** 2, p.x), 2 * sig(p.x) ** 2 * (1 - sig(p.x)) + TINY),
    "off by 1e-30",
    witness={"x": 0.0},
)

# == (d) roots, powers, absolute values, max/min ====================================================
FAM = "powers"
AB = "a, b: scalar"
T(
    r"\sqrt[3]{-x^3} = -x",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (cbrt(-(p.x**3)), -p.x),
    "real cube root",
)
T(
    r"\sqrt[3]{x} = x^{1/3}",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (cbrt(p.x), rpow(p.x, 1, 3)),
    "both real odd roots",
)
F(
    r"\sqrt[3]{x} \le x",
    S1,
    [],
    "<=",
    "x:real",
    lambda p: (cbrt(p.x), p.x),
    "x = -8",
    witness={"x": -8.0},
)
T(
    r"\sqrt[3]{x} \le x",
    S1,
    [r"x \ge 1"],
    "<=",
    "x:real",
    lambda p: (cbrt(p.x), p.x),
    "x >= 1",
    where=lambda p: p.x >= 1,
)
T(
    r"|x|^3 = |x^3|",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (abs(p.x) ** 3, abs(p.x**3)),
    "abs is multiplicative",
)
T(r"\sqrt{x^2} = |x|", S1, [], "=", "x:real", lambda p: (sqrt(p.x**2), abs(p.x)), "principal root")
F(
    r"(x^{2})^{1/2} = x",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (sqrt(p.x**2), p.x),
    "x = -1",
    witness={"x": -1.0},
)
T(
    r"\max(a, b) + \min(a, b) = a + b",
    AB,
    [],
    "=",
    "a:real b:real",
    lambda p: (max(p.a, p.b) + min(p.a, p.b), p.a + p.b),
    "identity",
)
F(
    r"\max(a, b) - \min(a, b) = a - b",
    AB,
    [],
    "=",
    "a:real b:real",
    lambda p: (max(p.a, p.b) - min(p.a, p.b), p.a - p.b),
    "a < b",
    witness={"a": 0.0, "b": 1.0},
)
T(
    r"\max(a, b) = \frac{a + b + |a - b|}{2}",
    AB,
    [],
    "=",
    "a:real b:real",
    lambda p: (max(p.a, p.b), (p.a + p.b + abs(p.a - p.b)) / 2),
    "identity",
)
F(
    r"\min(a, b) = \frac{a + b + |a - b|}{2}",
    AB,
    [],
    "=",
    "a:real b:real",
    lambda p: (min(p.a, p.b), (p.a + p.b + abs(p.a - p.b)) / 2),
    "that is max",
    witness={"a": 0.0, "b": 1.0},
)
T(
    r"\max(a, b) \ge \frac{a + b}{2}",
    AB,
    [],
    ">=",
    "a:real b:real",
    lambda p: (max(p.a, p.b), (p.a + p.b) / 2),
    "max >= mean",
)
F(
    r"\max(a, b) > \frac{a + b}{2}",
    AB,
    [],
    ">",
    "a:real b:real",
    lambda p: (max(p.a, p.b), (p.a + p.b) / 2),
    "a = b",
    witness={"a": 0.0, "b": 0.0},
)
T(
    r"|a + b| \le |a| + |b|",
    AB,
    [],
    "<=",
    "a:real b:real",
    lambda p: (abs(p.a + p.b), abs(p.a) + abs(p.b)),
    "triangle",
)
F(
    r"|a + b| < |a| + |b|",
    AB,
    [],
    "<",
    "a:real b:real",
    lambda p: (abs(p.a + p.b), abs(p.a) + abs(p.b)),
    "a = b = 0",
    witness={"a": 0.0, "b": 0.0},
)
T(
    r"\left| |a| - |b| \right| \le |a - b|",
    AB,
    [],
    "<=",
    "a:real b:real",
    lambda p: (abs(abs(p.a) - abs(p.b)), abs(p.a - p.b)),
    "reverse triangle",
)
T(r"x^{2/3} \ge 0", S1, [], ">=", "x:real", lambda p: (rpow(p.x, 2, 3), 0), "real root, even power")
F(
    r"x^{1/3} \ge 0",
    S1,
    [],
    ">=",
    "x:real",
    lambda p: (rpow(p.x, 1, 3), 0),
    "x = -1 (real cube root -1)",
    witness={"x": -1.0},
)
T(r"\sqrt[3]{-8} = -2", "", [], "=", "", lambda p: (cbrt(E(-8)), -2), "real cube root")
F(r"\sqrt[3]{-27} = 3", "", [], "=", "", lambda p: (cbrt(E(-27)), 3), "it is -3")
T(
    r"(-8)^{1/3} = -2",
    "",
    [],
    "=",
    "",
    lambda p: (rpow(E(-8), 1, 3), -2),
    "odd root of a real scalar is real (README)",
)
T(
    r"a^{x} a^{y} = a^{x + y}",
    "a: scalar, positive; x, y: scalar",
    [],
    "=",
    "a:pos x:real y:real",
    lambda p: (mp.power(p.a, p.x) * mp.power(p.a, p.y), mp.power(p.a, p.x + p.y)),
    "exponent law",
)
F(
    r"(a^{x})^{y} = a^{x^{y}}",
    "a: scalar, positive; x, y: scalar",
    [],
    "=",
    "a:pos x:real y:real",
    lambda p: (mp.power(mp.power(p.a, p.x), p.y), mp.power(p.a, mp.power(p.x, p.y))),
    "a=2,x=2,y=3",
    witness={"a": 2.0, "x": 2.0, "y": 3.0},
)
T(
    r"(a^{x})^{y} = a^{x y}",
    "a: scalar, positive; x, y: scalar",
    [],
    "=",
    "a:pos x:real y:real",
    lambda p: (mp.power(mp.power(p.a, p.x), p.y), mp.power(p.a, p.x * p.y)),
    "exponent law on positive base",
)
F(
    r"|x|^{p} \le |x|",
    "x: scalar; p: scalar, positive",
    [],
    "<=",
    "x:real p:pos",
    lambda p: (abs(p.x) ** p.p, abs(p.x)),
    "x = 2, p = 2",
    witness={"x": 2.0, "p": 2.0},
)
T(
    r"|x|^{p} \le 1",
    "x: scalar; p: scalar, positive",
    [r"|x| \le 1"],
    "<=",
    "x:real p:pos",
    lambda p: (abs(p.x) ** p.p, 1),
    "base in [0, 1]",
    where=lambda p: abs(p.x) <= 1,
)
T(
    r"\sqrt{a + b} \le \sqrt{a} + \sqrt{b}",
    "a, b: scalar, nonnegative",
    [],
    "<=",
    "a:nonneg b:nonneg",
    lambda p: (sqrt(p.a + p.b), sqrt(p.a) + sqrt(p.b)),
    "subadditive",
)
F(
    r"\sqrt{a + b} < \sqrt{a} + \sqrt{b}",
    "a, b: scalar, nonnegative",
    [],
    "<",
    "a:nonneg b:nonneg",
    lambda p: (sqrt(p.a + p.b), sqrt(p.a) + sqrt(p.b)),
    "a = 0",
    witness={"a": 0.0, "b": 1.0},
)
T(
    r"\min(x, y) \le \max(x, y)",
    "x, y: scalar",
    [],
    "<=",
    "x:real y:real",
    lambda p: (min(p.x, p.y), max(p.x, p.y)),
    "order",
)
T(
    r"\max(x, 0) - \max(-x, 0) = x",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (max(p.x, 0) - max(-p.x, 0), p.x),
    "positive minus negative part",
)
F(
    r"\max(x, 0) + \max(-x, 0) = x",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (max(p.x, 0) + max(-p.x, 0), p.x),
    "that is |x|",
    witness={"x": -1.0},
)
T(
    r"\max(2x, 0) = 2 \max(x, 0)",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (max(2 * p.x, 0), 2 * max(p.x, 0)),
    "positive homogeneity",
)
F(
    r"\max(-2x, 0) = -2 \max(x, 0)",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (max(-2 * p.x, 0), -2 * max(p.x, 0)),
    "negative factor",
    witness={"x": -1.0},
)
T(
    r"x^{1/5} x^{1/5} = x^{2/5}",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (rpow(p.x, 1, 5) ** 2, rpow(p.x, 2, 5)),
    "real fifth roots",
)
F(
    r"\sqrt[3]{x^3 + 1} = x + 1",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (cbrt(p.x**3 + 1), p.x + 1),
    "x = 1",
    witness={"x": 1.0},
)
T(
    r"\sqrt[3]{x^3 + 10^{-30}} > x",
    S1,
    [],
    ">",
    "x:real",
    lambda p: (cbrt(p.x**3 + TINY), p.x),
    "strictly increasing; gap below float64",
)
F(
    r"\sqrt[3]{x^3 + 10^{-30}} = x",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (cbrt(p.x**3 + TINY), p.x),
    "x = 0: 1e-10",
    witness={"x": 0.0},
)
F(
    r"\max(a, b) \le |a| + 10^{-30}",
    AB,
    [],
    "<=",
    "a:real b:real",
    lambda p: (max(p.a, p.b), abs(p.a) + TINY),
    "b > |a|",
    witness={"a": 0.0, "b": 1.0},
)

# == (e) special functions ==========================================================================
FAM = "special"
XP = "x: scalar, positive"
T(
    r"\operatorname{erf}(x) < 1",
    S1,
    [],
    ">",
    "x:real",
    lambda p: (mp.erfc(p.x), 0),
    "1 - erf = erfc > 0 (stable form)",
    exact=True,
)
F(
    r"\operatorname{erf}(x) < 1 - 10^{-300}",
    S1,
    [],
    ">",
    "x:real",
    lambda p: (mp.erfc(p.x) - mp.mpf(10) ** -300, 0),
    "x = 30: erfc(30) ~ 1e-393",
    exact=True,
    witness={"x": 30.0},
)
T(
    r"\operatorname{erfc}(x) > 0",
    S1,
    [],
    ">",
    "x:real",
    lambda p: (mp.erfc(p.x), 0),
    "positive",
    exact=True,
)
T(
    r"\operatorname{erf}(-x) = -\operatorname{erf}(x)",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (mp.erf(-p.x), -mp.erf(p.x)),
    "odd",
)
F(
    r"\operatorname{erf}(x) + \operatorname{erf}(-x) = 10^{-30}",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (mp.erf(p.x) + mp.erf(-p.x), TINY),
    "it is 0",
    witness={"x": 0.0},
)
T(
    r"\operatorname{erf}(x) + \operatorname{erfc}(x) = 1",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (mp.erf(p.x) + mp.erfc(p.x), 1),
    "definition",
)
T(
    r"\log\Gamma(x + 1) = \log x + \log\Gamma(x)",
    XP,
    [],
    "=",
    "x:pos",
    lambda p: (mp.loggamma(p.x + 1), mp.log(p.x) + mp.loggamma(p.x)),
    "recurrence",
)
F(
    r"\log\Gamma(x + 1) = \log\Gamma(x)",
    XP,
    [],
    "=",
    "x:pos",
    lambda p: (mp.loggamma(p.x + 1), mp.loggamma(p.x)),
    "x = 2",
    witness={"x": 2.0},
)
T(
    r"\Gamma(x + 1) = x \Gamma(x)",
    XP,
    [],
    "=",
    "x:pos",
    lambda p: (mp.gamma(p.x + 1), p.x * mp.gamma(p.x)),
    "recurrence",
)
F(
    r"\Gamma(x) \ge 1",
    XP,
    [],
    ">=",
    "x:pos",
    lambda p: (mp.gamma(p.x), 1),
    "x = 3/2",
    witness={"x": 1.5},
)
T(
    r"\operatorname{digamma}(x + 1) = \operatorname{digamma}(x) + \frac{1}{x}",
    XP,
    [],
    "=",
    "x:pos",
    lambda p: (dg(p.x + 1), _dg_rec(p.x)),
    "recurrence",
)
F(
    r"\operatorname{digamma}(x + 1) = \operatorname{digamma}(x) + \frac{1}{x + 1}",
    XP,
    [],
    "=",
    "x:pos",
    lambda p: (dg(p.x + 1), dg(p.x) + 1 / (p.x + 1)),
    "x = 1",
    witness={"x": 1.0},
)
T(
    r"\operatorname{digamma}(x) < \log x",
    XP,
    [],
    "<",
    "x:pos",
    lambda p: (dg(p.x), mp.log(p.x)),
    "psi(x) < log x - 1/(2x)",
)
T(
    r"\operatorname{digamma}(x) < \log x - \frac{1}{2x}",
    XP,
    [],
    "<",
    "x:pos",
    lambda p: (dg(p.x), mp.log(p.x) - 1 / (2 * p.x)),
    "sharp bound; gap ~ 1/(12x^2)",
)
F(
    r"\operatorname{digamma}(x) < \log x - \frac{1}{x}",
    XP,
    [],
    "<",
    "x:pos",
    lambda p: (dg(p.x), mp.log(p.x) - 1 / p.x),
    "the lower bound",
    witness={"x": 1.0},
)
T(
    r"\sigma(x) < 1",
    S1,
    [],
    ">",
    "x:real",
    lambda p: (sig(-p.x), 0),
    "1 - sigma(x) = sigma(-x) > 0 (stable form)",
    exact=True,
)
F(
    r"\sigma(x) < 1 - 10^{-30}",
    S1,
    [],
    ">",
    "x:real",
    lambda p: (sig(-p.x) - TINY, 0),
    "x = 100",
    exact=True,
    witness={"x": 100.0},
)
T(r"\sigma(x) > 0", S1, [], ">", "x:real", lambda p: (sig(p.x), 0), "positive", exact=True)
F(
    r"\sigma(x) > e^{-50}",
    S1,
    [],
    ">",
    "x:real",
    lambda p: (sig(p.x), mp.exp(-50)),
    "x = -60",
    witness={"x": -60.0},
)
T(
    r"\tanh(x) < 1",
    S1,
    [],
    ">",
    "x:real",
    lambda p: (2 / (mp.exp(2 * p.x) + 1), 0),
    "stable form",
    exact=True,
)
F(
    r"\tanh(x) \le 1 - e^{-50}",
    S1,
    [],
    ">=",
    "x:real",
    lambda p: (2 / (mp.exp(2 * p.x) + 1) - mp.exp(-50), 0),
    "x = 30",
    exact=True,
    witness={"x": 30.0},
)
T(
    r"\tanh(x) = 2\sigma(2x) - 1",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (mp.tanh(p.x), 2 * sig(2 * p.x) - 1),
    "identity",
)
F(
    r"\tanh(x) = 2\sigma(x) - 1",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (mp.tanh(p.x), 2 * sig(p.x) - 1),
    "missing 2",
    witness={"x": 1.0},
)
T(
    r"\log \sigma(x) = -\operatorname{softplus}(-x)",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (mp.log(sig(p.x)), -softplus(-p.x)),
    "identity",
)
F(
    r"\log \sigma(x) = -\operatorname{softplus}(x)",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (mp.log(sig(p.x)), -softplus(p.x)),
    "x = 1",
    witness={"x": 1.0},
)
T(
    r"\operatorname{softplus}(x) > x",
    S1,
    [],
    ">",
    "x:real",
    lambda p: (mp.log1p(mp.exp(-p.x)), 0),
    "softplus(x) - x = log(1 + e^{-x}) > 0 (stable form)",
    exact=True,
)
F(
    r"\operatorname{softplus}(x) > x + 10^{-30}",
    S1,
    [],
    ">",
    "x:real",
    lambda p: (mp.log1p(mp.exp(-p.x)) - TINY, 0),
    "x = 100",
    exact=True,
    witness={"x": 100.0},
)
T(
    r"\operatorname{softplus}(x) - \operatorname{softplus}(-x) = x",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (softplus(p.x) - softplus(-p.x), p.x),
    "identity",
)
T(
    r"\operatorname{erf}(x) \le \frac{2x}{\sqrt{\pi}}",
    S1,
    [r"x \ge 0"],
    "<=",
    "x:real",
    lambda p: (mp.erf(p.x), 2 * p.x / mp.sqrt(mp.pi)),
    "concave on x >= 0",
    where=lambda p: p.x >= 0,
)
F(
    r"\operatorname{erf}(x) \le \frac{2x}{\sqrt{\pi}}",
    S1,
    [],
    "<=",
    "x:real",
    lambda p: (mp.erf(p.x), 2 * p.x / mp.sqrt(mp.pi)),
    "x = -1",
    witness={"x": -1.0},
)
T(
    r"\operatorname{erfc}(x) \le e^{-x^2}",
    S1,
    [r"x \ge 0"],
    "<=",
    "x:real",
    lambda p: (mp.erfc(p.x), mp.exp(-(p.x**2))),
    "Chernoff-type bound",
    where=lambda p: p.x >= 0,
)
F(
    r"\operatorname{erfc}(x) \le \frac{1}{2} e^{-x^2}",
    S1,
    [r"x \ge 0"],
    "<=",
    "x:real",
    lambda p: (mp.erfc(p.x), mp.exp(-(p.x**2)) / 2),
    "x = 0",
    where=lambda p: p.x >= 0,
    witness={"x": 0.0},
)
T(
    r"\Gamma(\frac{1}{2}) = \sqrt{\pi}",
    "",
    [],
    "=",
    "",
    lambda p: (mp.gamma(0.5), mp.sqrt(mp.pi)),
    "classical",
)
F(r"\Gamma(\frac{1}{2}) = \pi", "", [], "=", "", lambda p: (mp.gamma(0.5), mp.pi), "it is sqrt(pi)")
T(
    r"\log(1 + e^{-x}) < e^{-x}",
    S1,
    [],
    ">",
    "x:real",
    lambda p: (gap_log1p(mp.exp(-p.x)), 0),
    "log(1+t) < t for t > 0 (stable form)",
    exact=True,
)
F(
    r"\log(1 + e^{-x}) < e^{-x} - e^{-3x}",
    S1,
    [],
    "<",
    "x:real",
    lambda p: (mp.log1p(mp.exp(-p.x)), mp.exp(-p.x) - mp.exp(-3 * p.x)),
    "x = 0",
    witness={"x": 0.0},
)
T(
    r"\log\Gamma(x) \ge -\frac{1}{8}",
    XP,
    [],
    ">=",
    "x:pos",
    lambda p: (mp.loggamma(p.x), E(-1) / 8),
    "min of log Gamma ~ -0.1215 at 1.4616",
)
F(
    r"\log\Gamma(x) \ge -\frac{1}{9}",
    XP,
    [],
    ">=",
    "x:pos",
    lambda p: (mp.loggamma(p.x), E(-1) / 9),
    "x = 1.4616",
    witness={"x": 1.4616},
)

# == (f) matrices ===================================================================================
FAM = "matrix"
AN = "A: matrix[n, n]"
ABN = "A, B: matrix[n, n]"
T(
    r"A I = A",
    "A: matrix[m, n]",
    [],
    "=",
    "A:mat:m:n",
    lambda p: (p.A * mp.eye(p.n), p.A),
    "I of size n",
)
T(
    r"(A B)^\top = B^\top A^\top",
    "A: matrix[m, n]; B: matrix[n, k]",
    [],
    "=",
    "A:mat:m:n B:mat:n:k",
    lambda p: ((p.A * p.B).T, p.B.T * p.A.T),
    "transpose of a product",
)
F(
    r"(A B)^\top = A^\top B^\top",
    ABN,
    [],
    "=",
    "A:mat:n:n B:mat:n:n",
    lambda p: ((p.A * p.B).T, p.A.T * p.B.T),
    "order",
    witness={"n": 2, "A": [[0.0, 1.0], [0.0, 0.0]], "B": [[0.0, 0.0], [1.0, 0.0]]},
)
T(
    r"\operatorname{tr}(A B) = \operatorname{tr}(B A)",
    "A: matrix[m, n]; B: matrix[n, m]",
    [],
    "=",
    "A:mat:m:n B:mat:n:m",
    lambda p: (tr(p.A * p.B), tr(p.B * p.A)),
    "cyclic",
)
F(
    r"\operatorname{tr}(A B C) = \operatorname{tr}(B A C)",
    "A, B, C: matrix[n, n]",
    [],
    "=",
    "A:mat:n:n B:mat:n:n C:mat:n:n",
    lambda p: (tr(p.A * p.B * p.C), tr(p.B * p.A * p.C)),
    "not a rotation",
    witness={
        "n": 2,
        "A": [[0.0, 1.0], [0.0, 0.0]],
        "B": [[0.0, 0.0], [1.0, 0.0]],
        "C": [[1.0, 0.0], [0.0, 0.0]],
    },
)
T(
    r"\det(A^\top) = \det(A)",
    AN,
    [],
    "=",
    "A:mat:n:n",
    lambda p: (det(p.A.T), det(p.A)),
    "transpose",
)
F(
    r"\det(2 A) = 2 \det(A)",
    AN,
    [],
    "=",
    "A:mat:n:n",
    lambda p: (det(2 * p.A), 2 * det(p.A)),
    "n = 2, A = I",
    witness={"n": 2, "A": [[1.0, 0.0], [0.0, 1.0]]},
)
T(
    r"\det(c A) = c^{n} \det(A)",
    "A: matrix[n, n]; c: scalar; n: dim",
    [],
    "=",
    "A:mat:n:n c:real",
    lambda p: (det(p.c * p.A), p.c**p.n * det(p.A)),
    "homogeneity",
)
T(
    r"\det(e^{A}) = e^{\operatorname{tr}(A)}",
    AN,
    [],
    "=",
    "A:mat:n:n",
    lambda p: (_det_exp(p.A), mp.exp(tr(p.A))),
    "Jacobi",
)
F(
    r"\det(e^{A}) = \operatorname{tr}(e^{A})",
    AN,
    [],
    "=",
    "A:mat:n:n",
    lambda p: (_det_exp(p.A), tr(expm(p.A))),
    "n = 2, A = 0 (holds at n = 1)",
    witness={"n": 2, "A": [[0.0, 0.0], [0.0, 0.0]]},
)
T(
    r"\operatorname{tr}(e^{S}) > 0",
    "S: symmetric[n]",
    [],
    ">",
    "S:sym:n",
    lambda p: (tr(expm(p.S)), 0),
    "eigenvalues e^lambda",
)
T(
    r"\operatorname{tr}(e^{S}) \ge \operatorname{tr}(S) + n",
    "S: symmetric[n]; n: dim",
    [],
    ">=",
    "S:sym:n",
    lambda p: (tr(expm(p.S)), tr(p.S) + p.n),
    "e^t >= 1 + t on eigenvalues",
)
F(
    r"\operatorname{tr}(e^{S}) \ge \operatorname{tr}(S) + n + 10^{-30}",
    "S: symmetric[n]; n: dim",
    [],
    ">=",
    "S:sym:n",
    lambda p: (tr(expm(p.S)), tr(p.S) + p.n + TINY),
    "S = 0",
    witness={"n": 1, "S": [[0.0]]},
)
T(
    r"(A^{-1})^\top = (A^\top)^{-1}",
    AN,
    [],
    "=",
    "A:mat:n:n",
    lambda p: (inv(p.A).T, inv(p.A.T)),
    "where invertible",
)
F(
    r"(A + B)^{-1} = A^{-1} + B^{-1}",
    ABN,
    [],
    "=",
    "A:mat:n:n B:mat:n:n",
    lambda p: (inv(p.A + p.B), inv(p.A) + inv(p.B)),
    "A = B = 1",
    witness={"n": 1, "A": [[1.0]], "B": [[1.0]]},
)
T(
    r"S^{-1} S = I",
    "S: spd[n]",
    [],
    "=",
    "S:spd:n",
    lambda p: (inv(p.S) * p.S, mp.eye(p.n)),
    "spd is invertible",
)
T(
    r"x^\top S^{-1} x \ge 0",
    "x: vector[n]; S: spd[n]",
    [],
    ">=",
    "x:vec:n S:spd:n",
    lambda p: (col(p.x).T * inv(p.S) * col(p.x), 0),
    "inverse of spd is spd",
)
F(
    r"x^\top S x \ge \operatorname{tr}(S) x^\top x",
    "x: vector[n]; S: spd[n]",
    [],
    ">=",
    "x:vec:n S:spd:n",
    lambda p: ((col(p.x).T * p.S * col(p.x))[0, 0], tr(p.S) * dot(p.x, p.x)),
    "n = 2",
    witness={"n": 2, "x": [1.0, 0.0], "S": [[1.0, 0.0], [0.0, 2.0]]},
)
T(
    r"x^\top S x \le \operatorname{tr}(S) \|x\|^2",
    "x: vector[n]; S: spd[n]",
    [],
    "<=",
    "x:vec:n S:spd:n",
    lambda p: ((col(p.x).T * p.S * col(p.x))[0, 0], tr(p.S) * dot(p.x, p.x)),
    "lambda_max <= trace",
)
F(
    r"\det(u v^\top) = 0",
    "u, v: vector[n]",
    [],
    "=",
    "u:vec:n v:vec:n",
    lambda p: (det(col(p.u) * col(p.v).T), 0),
    "rank one, but n = 1 gives u v",
    witness={"n": 1, "u": [1.0], "v": [1.0]},
)
T(
    r"\det(I + u v^\top) = 1 + v^\top u",
    "u, v: vector[n]",
    [],
    "=",
    "u:vec:n v:vec:n",
    lambda p: (det(mp.eye(p.n) + col(p.u) * col(p.v).T), 1 + dot(p.u, p.v)),
    "determinant lemma",
)
F(
    r"\det(I + u v^\top) = 1 + \|u\| \|v\|",
    "u, v: vector[n]",
    [],
    "=",
    "u:vec:n v:vec:n",
    lambda p: (det(mp.eye(p.n) + col(p.u) * col(p.v).T), 1 + nrm(p.u) * nrm(p.v)),
    "orthogonal u, v",
    witness={"n": 2, "u": [1.0, 0.0], "v": [0.0, 1.0]},
)
T(
    r"\operatorname{tr}(u v^\top) = u^\top v",
    "u, v: vector[n]",
    [],
    "=",
    "u:vec:n v:vec:n",
    lambda p: (tr(col(p.u) * col(p.v).T), dot(p.u, p.v)),
    "trace of outer product",
)
F(
    r"\operatorname{tr}(u v^\top) = \|u\| \|v\|",
    "u, v: vector[n]",
    [],
    "=",
    "u:vec:n v:vec:n",
    lambda p: (tr(col(p.u) * col(p.v).T), nrm(p.u) * nrm(p.v)),
    "u = -v",
    witness={"n": 1, "u": [1.0], "v": [-1.0]},
)
T(
    r"\|A x\|^2 = x^\top A^\top A x",
    "A: matrix[m, n]; x: vector[n]",
    [],
    "=",
    "A:mat:m:n x:vec:n",
    lambda p: (mp.fsum(t**2 for t in p.A * col(p.x)), col(p.x).T * p.A.T * p.A * col(p.x)),
    "definition",
)
F(
    r"\|A x\|^2 = x^\top A A^\top x",
    "A: matrix[n, n]; x: vector[n]",
    [],
    "=",
    "A:mat:n:n x:vec:n",
    lambda p: (mp.fsum(t**2 for t in p.A * col(p.x)), col(p.x).T * p.A * p.A.T * col(p.x)),
    "A not normal",
    witness={"n": 2, "A": [[0.0, 1.0], [0.0, 0.0]], "x": [0.0, 1.0]},
)
T(
    r"\operatorname{tr}(A^\top A) = \|A\|_F^2",
    "A: matrix[m, n]",
    [],
    "=",
    "A:mat:m:n",
    lambda p: (tr(p.A.T * p.A), frob(p.A) ** 2),
    "Frobenius",
)
F(
    r"\|A\|_2 = \|A\|_F",
    AN,
    [],
    "=",
    "A:mat:n:n",
    lambda p: (spec2(p.A), frob(p.A)),
    "A = I_2",
    witness={"n": 2, "A": [[1.0, 0.0], [0.0, 1.0]]},
)
T(
    r"\|A\|_2 \le \|A\|_F",
    "A: matrix[m, n]",
    [],
    "<=",
    "A:mat:m:n",
    lambda p: (spec2(p.A), frob(p.A)),
    "largest singular value",
)
T(
    r"\det(A B) = \det(A) \det(B)",
    ABN,
    [],
    "=",
    "A:mat:n:n B:mat:n:n",
    lambda p: (det(p.A * p.B), det(p.A) * det(p.B)),
    "multiplicative",
)
F(
    r"\det(A + B) = \det(A) + \det(B)",
    ABN,
    [],
    "=",
    "A:mat:n:n B:mat:n:n",
    lambda p: (det(p.A + p.B), det(p.A) + det(p.B)),
    "I + I at n = 2",
    witness={"n": 2, "A": [[1.0, 0.0], [0.0, 1.0]], "B": [[1.0, 0.0], [0.0, 1.0]]},
)
T(
    r"e^{A} e^{-A} = I",
    AN,
    [],
    "=",
    "A:mat:n:n",
    lambda p: (_exp_pair(p.A), mp.eye(p.n)),
    "A commutes with -A",
)
F(
    r"e^{A} e^{B} = e^{A + B}",
    ABN,
    [],
    "=",
    "A:mat:n:n B:mat:n:n",
    lambda p: (expm(p.A) * expm(p.B), expm(p.A + p.B)),
    "non-commuting",
    witness={"n": 2, "A": [[0.0, 1.0], [0.0, 0.0]], "B": [[0.0, 0.0], [1.0, 0.0]]},
)
T(
    r"\operatorname{tr}(S^{2}) \ge 0",
    "S: symmetric[n]",
    [],
    ">=",
    "S:sym:n",
    lambda p: (tr(p.S * p.S), 0),
    "sum of squares",
)
F(
    r"\operatorname{tr}(A^{2}) \ge 0",
    AN,
    [],
    ">=",
    "A:mat:n:n",
    lambda p: (tr(p.A * p.A), 0),
    "rotation by 90 degrees",
    witness={"n": 2, "A": [[0.0, 1.0], [-1.0, 0.0]]},
)


def _ab_ba(p):
    if p.m != p.n:
        raise Undefined("shapes differ")
    return p.A * p.B, p.B * p.A


F(
    r"A B = B A",
    "A: matrix[m, n]; B: matrix[n, m]",
    [],
    "=",
    "A:mat:m:n B:mat:n:m",
    _ab_ba,
    "shapes differ unless m = n; m = n = 2 non-commuting",
    witness={"m": 2, "n": 2, "A": [[0.0, 1.0], [0.0, 0.0]], "B": [[0.0, 0.0], [1.0, 0.0]]},
)
T(
    r"(A^\top A)^\top = A^\top A",
    "A: matrix[m, n]",
    [],
    "=",
    "A:mat:m:n",
    lambda p: ((p.A.T * p.A).T, p.A.T * p.A),
    "Gram is symmetric",
)
T(
    r"x^\top A^\top y = y^\top A x",
    "A: matrix[m, n]; x: vector[n]; y: vector[m]",
    [],
    "=",
    "A:mat:m:n x:vec:n y:vec:m",
    lambda p: (col(p.x).T * p.A.T * col(p.y), col(p.y).T * p.A * col(p.x)),
    "scalar transpose",
)
F(
    r"x^\top A y = y^\top A x",
    "A: matrix[n, n]; x, y: vector[n]",
    [],
    "=",
    "A:mat:n:n x:vec:n y:vec:n",
    lambda p: (col(p.x).T * p.A * col(p.y), col(p.y).T * p.A * col(p.x)),
    "A not symmetric",
    witness={"n": 2, "A": [[0.0, 1.0], [0.0, 0.0]], "x": [1.0, 0.0], "y": [0.0, 1.0]},
)
T(
    r"\det(S) \le \left(\frac{\operatorname{tr}(S)}{n}\right)^{n}",
    "S: spd[n]; n: dim",
    [],
    "<=",
    "S:spd:n",
    lambda p: (det(p.S), (tr(p.S) / p.n) ** p.n),
    "AM-GM on eigenvalues",
)
F(
    r"\det(S) < \left(\frac{\operatorname{tr}(S)}{n}\right)^{n}",
    "S: spd[n]; n: dim",
    [],
    "<",
    "S:spd:n",
    lambda p: (det(p.S), (tr(p.S) / p.n) ** p.n),
    "n = 1 or S = I",
    witness={"n": 1, "S": [[2.0]]},
)

# == (g) defined functions ==========================================================================
FAM = "defined-function"
FN = "f: function"


def _q_sig(z):
    """q(sigma(z)) as written, with |z| guard digits (1 - sigma(z) cancels |z|/2.3 digits)."""
    with mp.workdps(mp.mp.dps + int(abs(z)) + 20):
        s = sig(z)
        r = log(s / (1 - s))
    return +r


T(
    r"f(2y) = 4 y^2 + 1",
    FN,
    [r"f(x) = x^2 + 1"],
    "=",
    "y:real",
    lambda p: ((2 * p.y) ** 2 + 1, 4 * p.y**2 + 1),
    "substitute",
)
F(
    r"f(2y) = 2 y^2 + 1",
    FN,
    [r"f(x) = x^2 + 1"],
    "=",
    "y:real",
    lambda p: ((2 * p.y) ** 2 + 1, 2 * p.y**2 + 1),
    "y = 1",
    witness={"y": 1.0},
)
T(
    r"f(f(t)) = (t^2 + 1)^2 + 1",
    FN,
    [r"f(x) = x^2 + 1"],
    "=",
    "t:real",
    lambda p: ((p.t**2 + 1) ** 2 + 1, (p.t**2 + 1) ** 2 + 1),
    "nested",
)
F(
    r"f(f(t)) = t^4 + 1",
    FN,
    [r"f(x) = x^2 + 1"],
    "=",
    "t:real",
    lambda p: ((p.t**2 + 1) ** 2 + 1, p.t**4 + 1),
    "t = 1",
    witness={"t": 1.0},
)
T(
    r"g^2(x) + \cos^2 x = 1",
    "g: function",
    [r"g(x) = \sin x"],
    "=",
    "x:real",
    lambda p: (mp.sin(p.x) ** 2 + mp.cos(p.x) ** 2, 1),
    "g^2(x) = g(x)^2",
)
F(
    r"g^2(x) = g(g(x))",
    "g: function",
    [r"g(x) = 2x"],
    "=",
    "x:real",
    lambda p: ((2 * p.x) ** 2, 4 * p.x),
    "x = 2",
    witness={"x": 2.0},
)
T(
    r"f^{-1}(f(x)) = x",
    FN,
    [r"f(x) = e^{x}"],
    "=",
    "x:real",
    lambda p: (mp.log(mp.exp(p.x)), p.x),
    "exp is invertible",
)
T(
    r"f(f^{-1}(y)) = y",
    FN,
    [r"f(x) = 2x + 3"],
    "=",
    "y:real",
    lambda p: (2 * ((p.y - 3) / 2) + 3, p.y),
    "affine inverse",
)
F(
    r"f^{-1}(y) = 2y + 3",
    FN,
    [r"f(x) = 2x + 3"],
    "=",
    "y:real",
    lambda p: ((p.y - 3) / 2, 2 * p.y + 3),
    "y = 0",
    witness={"y": 0.0},
)
T(
    r"f^{-1}(y) = \frac{y - 3}{2}",
    FN,
    [r"f(x) = 2x + 3"],
    "=",
    "y:real",
    lambda p: ((p.y - 3) / 2, (p.y - 3) / 2),
    "affine inverse",
)
T(
    r"h(a, b) = h(b, a)",
    "h: function",
    [r"h(u, v) = u v + u + v"],
    "=",
    "a:real b:real",
    lambda p: (p.a * p.b + p.a + p.b, p.b * p.a + p.b + p.a),
    "symmetric",
)
F(
    r"h(a, b) = h(a, -b)",
    "h: function",
    [r"h(u, v) = u v + u + v"],
    "=",
    "a:real b:real",
    lambda p: (p.a * p.b + p.a + p.b, -p.a * p.b + p.a - p.b),
    "a = 0, b = 1",
    witness={"a": 0.0, "b": 1.0},
)
T(
    r"f(x + 1) - f(x) = 2x + 1",
    FN,
    [r"f(t) = t^2"],
    "=",
    "x:real",
    lambda p: ((p.x + 1) ** 2 - p.x**2, 2 * p.x + 1),
    "difference",
)
F(
    r"f(x + 1) - f(x) = 2x",
    FN,
    [r"f(t) = t^2"],
    "=",
    "x:real",
    lambda p: ((p.x + 1) ** 2 - p.x**2, 2 * p.x),
    "missing 1",
    witness={"x": 0.0},
)
T(
    r"q(\sigma(z)) = z",
    "q: function",
    [r"q(u) = \log \frac{u}{1 - u}"],
    "=",
    "z:real",
    lambda p: (_q_sig(p.z), p.z),
    "logit of sigmoid; 1 - sigma(z) rounds to 0 in float64 at z = 40",
)
F(
    r"q(\sigma(z)) = -z",
    "q: function",
    [r"q(u) = \log \frac{u}{1 - u}"],
    "=",
    "z:real",
    lambda p: (_q_sig(p.z), -p.z),
    "z = 1",
    witness={"z": 1.0},
)
T(
    r"\frac{d}{dx} f(3x) = 18 x",
    FN,
    [r"f(t) = t^2"],
    "=",
    "x:real",
    lambda p: (d1(lambda s: (3 * s) ** 2, p.x), 18 * p.x),
    "chain rule",
)
F(
    r"\frac{d}{dx} f(3x) = 6 x",
    FN,
    [r"f(t) = t^2"],
    "=",
    "x:real",
    lambda p: (d1(lambda s: (3 * s) ** 2, p.x), 6 * p.x),
    "missing 3",
    witness={"x": 1.0},
)
T(
    r"\frac{d}{dx} f(x^2) = 2x \cos(x^2)",
    FN,
    [r"f(t) = \sin t"],
    "=",
    "x:real",
    lambda p: (d1(lambda s: mp.sin(s**2), p.x), 2 * p.x * mp.cos(p.x**2)),
    "chain rule",
)
F(
    r"\frac{d}{dx} f(x^2) = \cos(x^2)",
    FN,
    [r"f(t) = \sin t"],
    "=",
    "x:real",
    lambda p: (d1(lambda s: mp.sin(s**2), p.x), mp.cos(p.x**2)),
    "missing 2x",
    witness={"x": 1.0},
)
T(
    r"g(g(g(x))) = x + 3",
    "g: function",
    [r"g(t) = t + 1"],
    "=",
    "x:real",
    lambda p: (p.x + 3, p.x + 3),
    "nested",
)
F(
    r"g(g(g(x))) = x + 3 + 10^{-30}",
    "g: function",
    [r"g(t) = t + 1"],
    "=",
    "x:real",
    lambda p: (p.x + 3, p.x + 3 + TINY),
    "off by 1e-30",
    witness={"x": 0.0},
)
T(
    r"f(a) \ge 0",
    FN,
    [r"f(t) = t^2 - 2t + 1"],
    ">=",
    "a:real",
    lambda p: (p.a**2 - 2 * p.a + 1, 0),
    "(a-1)^2",
)
F(
    r"f(a) > 0",
    FN,
    [r"f(t) = t^2 - 2t + 1"],
    ">",
    "a:real",
    lambda p: (p.a**2 - 2 * p.a + 1, 0),
    "a = 1",
    witness={"a": 1.0},
)
T(
    r"f(x) + f(-x) = 2",
    FN,
    [r"f(t) = 1 + t^3"],
    "=",
    "x:real",
    lambda p: (1 + p.x**3 + 1 - p.x**3, 2),
    "odd part cancels",
)
F(
    r"f(x) f(-x) = 1",
    FN,
    [r"f(t) = 1 + t^3"],
    "=",
    "x:real",
    lambda p: ((1 + p.x**3) * (1 - p.x**3), 1),
    "x = 1",
    witness={"x": 1.0},
)
T(
    r"\phi(w^\top x) \le 1",
    "\\phi: function; w, x: vector[n]",
    [r"\phi(s) = \sigma(s)"],
    ">=",
    "w:vec:n x:vec:n",
    lambda p: (sig(-dot(p.w, p.x)), 0),
    "1 - sigma = sigma(-s) >= 0 (stable form)",
    exact=True,
)
F(
    r"\phi(w^\top x) < \frac{1}{2}",
    "\\phi: function; w, x: vector[n]",
    [r"\phi(s) = \sigma(s)"],
    "<",
    "w:vec:n x:vec:n",
    lambda p: (sig(dot(p.w, p.x)), E(1) / 2),
    "w = 0",
    witness={"n": 1, "w": [0.0], "x": [0.0]},
)
T(
    r"r^2(x) = x^2 + 2x + 1",
    "r: function",
    [r"r(x) = x + 1"],
    "=",
    "x:real",
    lambda p: ((p.x + 1) ** 2, p.x**2 + 2 * p.x + 1),
    "square of the application",
)
F(
    r"r^2(x) = x^2 + 1",
    "r: function",
    [r"r(x) = x + 1"],
    "=",
    "x:real",
    lambda p: ((p.x + 1) ** 2, p.x**2 + 1),
    "x = 1",
    witness={"x": 1.0},
)
T(r"f^{-1}(e) = 1", FN, [r"f(x) = e^{x}"], "=", "", lambda p: (mp.log(mp.e), 1), "log e")
F(
    r"f^{-1}(y) = e^{y}",
    FN,
    [r"f(x) = e^{x}"],
    "=",
    "y:real",
    lambda p: (log(p.y), mp.exp(p.y)),
    "inverse is log; y = 1",
    witness={"y": 1.0},
)
T(
    r"m(x, y) = m(y, x)",
    "m: function",
    [r"m(a, b) = \max(a, b)"],
    "=",
    "x:real y:real",
    lambda p: (max(p.x, p.y), max(p.y, p.x)),
    "symmetric",
)
F(
    r"m(x, y) = x",
    "m: function",
    [r"m(a, b) = \max(a, b)"],
    "=",
    "x:real y:real",
    lambda p: (max(p.x, p.y), p.x),
    "x < y",
    witness={"x": 0.0, "y": 1.0},
)
T(
    r"f(\frac{1}{2} (a + b)) \le \frac{1}{2} (f(a) + f(b))",
    FN,
    [r"f(t) = e^{t}"],
    "<=",
    "a:real b:real",
    lambda p: (mp.exp((p.a + p.b) / 2), (mp.exp(p.a) + mp.exp(p.b)) / 2),
    "convexity",
)
F(
    r"f(\frac{1}{2} (a + b)) < \frac{1}{2} (f(a) + f(b))",
    FN,
    [r"f(t) = e^{t}"],
    "<",
    "a:real b:real",
    lambda p: (mp.exp((p.a + p.b) / 2), (mp.exp(p.a) + mp.exp(p.b)) / 2),
    "a = b",
    witness={"a": 0.0, "b": 0.0},
)

# == (h) sums and inequalities ======================================================================
FAM = "sums"
XY = "x, y: vector[n]; i, j: index"
UV = "u, v: vector[n]"
T(
    r"\left(\sum_{i=1}^{n} x_i y_i\right)^2 \le \left(\sum_{i=1}^{n} x_i^2\right)\left(\sum_{i=1}^{n} y_i^2\right)",
    XY,
    [],
    "<=",
    "x:vec:n y:vec:n",
    lambda p: (dot(p.x, p.y) ** 2, dot(p.x, p.x) * dot(p.y, p.y)),
    "Cauchy-Schwarz",
)
F(
    r"\left(\sum_{i=1}^{n} x_i y_i\right)^2 < \left(\sum_{i=1}^{n} x_i^2\right)\left(\sum_{i=1}^{n} y_i^2\right)",
    XY,
    [],
    "<",
    "x:vec:n y:vec:n",
    lambda p: (dot(p.x, p.y) ** 2, dot(p.x, p.x) * dot(p.y, p.y)),
    "n = 1",
    witness={"n": 1, "x": [1.0], "y": [1.0]},
)
T(
    r"|u^\top v| \le \|u\| \|v\|",
    UV,
    [],
    "<=",
    "u:vec:n v:vec:n",
    lambda p: (abs(dot(p.u, p.v)), nrm(p.u) * nrm(p.v)),
    "Cauchy-Schwarz",
)
F(
    r"u^\top v \le \|u\|^2 \|v\|^2",
    UV,
    [],
    "<=",
    "u:vec:n v:vec:n",
    lambda p: (dot(p.u, p.v), dot(p.u, p.u) * dot(p.v, p.v)),
    "u = v = 1/2",
    witness={"n": 1, "u": [0.5], "v": [0.5]},
)
T(
    r"\|u + v\| \le \|u\| + \|v\|",
    UV,
    [],
    "<=",
    "u:vec:n v:vec:n",
    lambda p: (nrm([a + b for a, b in zip(p.u, p.v, strict=True)]), nrm(p.u) + nrm(p.v)),
    "triangle",
)
F(
    r"\|u + v\|^2 \le \|u\|^2 + \|v\|^2",
    UV,
    [],
    "<=",
    "u:vec:n v:vec:n",
    lambda p: (
        nrm([a + b for a, b in zip(p.u, p.v, strict=True)]) ** 2,
        dot(p.u, p.u) + dot(p.v, p.v),
    ),
    "u = v",
    witness={"n": 1, "u": [1.0], "v": [1.0]},
)
T(
    r"\|u + v\|^2 + \|u - v\|^2 = 2\|u\|^2 + 2\|v\|^2",
    UV,
    [],
    "=",
    "u:vec:n v:vec:n",
    lambda p: (
        nrm([a + b for a, b in zip(p.u, p.v, strict=True)]) ** 2
        + nrm([a - b for a, b in zip(p.u, p.v, strict=True)]) ** 2,
        2 * dot(p.u, p.u) + 2 * dot(p.v, p.v),
    ),
    "parallelogram",
)
F(
    r"\|u + v\|^2 - \|u - v\|^2 = 2 u^\top v",
    UV,
    [],
    "=",
    "u:vec:n v:vec:n",
    lambda p: (
        nrm([a + b for a, b in zip(p.u, p.v, strict=True)]) ** 2
        - nrm([a - b for a, b in zip(p.u, p.v, strict=True)]) ** 2,
        2 * dot(p.u, p.v),
    ),
    "it is 4 u.v",
    witness={"n": 1, "u": [1.0], "v": [1.0]},
)
T(
    r"\frac{1}{n}\sum_{i=1}^{n} e^{x_i} \ge e^{\frac{1}{n}\sum_{i=1}^{n} x_i}",
    "x: vector[n]; i: index",
    [],
    ">=",
    "x:vec:n",
    lambda p: (mp.fsum(mp.exp(t) for t in p.x) / p.n, mp.exp(mp.fsum(p.x) / p.n)),
    "Jensen",
)
F(
    r"\frac{1}{n}\sum_{i=1}^{n} e^{x_i} > e^{\frac{1}{n}\sum_{i=1}^{n} x_i}",
    "x: vector[n]; i: index",
    [],
    ">",
    "x:vec:n",
    lambda p: (mp.fsum(mp.exp(t) for t in p.x) / p.n, mp.exp(mp.fsum(p.x) / p.n)),
    "n = 1",
    witness={"n": 1, "x": [0.0]},
)
T(
    r"\sum_{i=1}^{n} p_i x_i^2 \ge \left(\sum_{i=1}^{n} p_i x_i\right)^2",
    "p: simplex[n]; x: vector[n]; i: index",
    [],
    ">=",
    "p:simplex:n x:vec:n",
    lambda p: (dot(p.p, [t**2 for t in p.x]), dot(p.p, p.x) ** 2),
    "variance >= 0",
)
F(
    r"\sum_{i=1}^{n} p_i x_i^2 \le \left(\sum_{i=1}^{n} p_i x_i\right)^2",
    "p: simplex[n]; x: vector[n]; i: index",
    [],
    "<=",
    "p:simplex:n x:vec:n",
    lambda p: (dot(p.p, [t**2 for t in p.x]), dot(p.p, p.x) ** 2),
    "x = (1, -1)",
    witness={"n": 2, "p": [0.5, 0.5], "x": [1.0, -1.0]},
)
T(
    r"\frac{a + b}{2} \ge \sqrt{a b}",
    "a, b: scalar, nonnegative",
    [],
    ">=",
    "a:nonneg b:nonneg",
    lambda p: ((p.a + p.b) / 2, sqrt(p.a * p.b)),
    "AM-GM",
)
F(
    r"\frac{a + b}{2} > \sqrt{a b}",
    "a, b: scalar, nonnegative",
    [],
    ">",
    "a:nonneg b:nonneg",
    lambda p: ((p.a + p.b) / 2, sqrt(p.a * p.b)),
    "a = b",
    witness={"a": 1.0, "b": 1.0},
)
T(
    r"\frac{a + b + c}{3} \ge \sqrt[3]{a b c}",
    "a, b, c: scalar, nonnegative",
    [],
    ">=",
    "a:nonneg b:nonneg c:nonneg",
    lambda p: ((p.a + p.b + p.c) / 3, mp.cbrt(p.a * p.b * p.c)),
    "AM-GM, 3 terms",
)
F(
    r"\frac{a + b + c}{3} \ge \sqrt[3]{a b c} + 10^{-30}",
    "a, b, c: scalar, nonnegative",
    [],
    ">=",
    "a:nonneg b:nonneg c:nonneg",
    lambda p: ((p.a + p.b + p.c) / 3, mp.cbrt(p.a * p.b * p.c) + TINY),
    "a = b = c",
    witness={"a": 1.0, "b": 1.0, "c": 1.0},
)
T(
    r"\sum_{i=1}^{n} |x_i y_i| \le \max_{j} |x_j| \sum_{i=1}^{n} |y_i|",
    XY,
    [],
    "<=",
    "x:vec:n y:vec:n",
    lambda p: (
        mp.fsum(abs(a * b) for a, b in zip(p.x, p.y, strict=True)),
        max(abs(t) for t in p.x) * mp.fsum(abs(t) for t in p.y),
    ),
    "Hoelder (inf, 1)",
)
T(
    r"\sum_{i=1}^{n} x_i^2 \le \left(\sum_{i=1}^{n} |x_i|\right)^2",
    "x: vector[n]; i: index",
    [],
    "<=",
    "x:vec:n",
    lambda p: (dot(p.x, p.x), mp.fsum(abs(t) for t in p.x) ** 2),
    "cross terms >= 0",
)
F(
    r"\left(\sum_{i=1}^{n} |x_i|\right)^2 \le \sum_{i=1}^{n} x_i^2",
    "x: vector[n]; i: index",
    [],
    "<=",
    "x:vec:n",
    lambda p: (mp.fsum(abs(t) for t in p.x) ** 2, dot(p.x, p.x)),
    "x = (1, 1)",
    witness={"n": 2, "x": [1.0, 1.0]},
)
T(
    r"\left(\sum_{i=1}^{n} |x_i|\right)^2 \le n \sum_{i=1}^{n} x_i^2",
    "x: vector[n]; i: index",
    [],
    "<=",
    "x:vec:n",
    lambda p: (mp.fsum(abs(t) for t in p.x) ** 2, p.n * dot(p.x, p.x)),
    "Cauchy-Schwarz with ones",
)
F(
    r"\left(\sum_{i=1}^{n} x_i\right)^2 \le \sum_{i=1}^{n} x_i^2",
    "x: vector[n]; i: index",
    [],
    "<=",
    "x:vec:n",
    lambda p: (mp.fsum(p.x) ** 2, dot(p.x, p.x)),
    "x = (1, 1)",
    witness={"n": 2, "x": [1.0, 1.0]},
)
T(
    r"\sum_{i=1}^{n} x_i \sum_{i=1}^{n} y_i = \sum_{i=1}^{n} \sum_{j=1}^{n} x_i y_j",
    XY,
    [],
    "=",
    "x:vec:n y:vec:n",
    lambda p: (mp.fsum(p.x) * mp.fsum(p.y), mp.fsum(a * b for a in p.x for b in p.y)),
    "dummy index reused; either reading is the product",
)
F(
    r"\sum_{i=1}^{n} x_i \sum_{j=1}^{n} y_j = \sum_{i=1}^{n} x_i y_i",
    XY,
    [],
    "=",
    "x:vec:n y:vec:n",
    lambda p: (mp.fsum(p.x) * mp.fsum(p.y), dot(p.x, p.y)),
    "n = 2 (holds at n = 1)",
    witness={"n": 2, "x": [1.0, 1.0], "y": [1.0, 1.0]},
)
T(
    r"\sum_{i=1}^{n} \sum_{j=1}^{n} (x_i - x_j)^2 = 2 n \sum_{i=1}^{n} x_i^2 - 2 \left(\sum_{i=1}^{n} x_i\right)^2",
    "x: vector[n]; i, j: index",
    [],
    "=",
    "x:vec:n",
    lambda p: (
        mp.fsum((a - b) ** 2 for a in p.x for b in p.x),
        2 * p.n * dot(p.x, p.x) - 2 * mp.fsum(p.x) ** 2,
    ),
    "expand",
)
F(
    r"\sum_{i=1}^{n} \sum_{j=1}^{n} (x_i - x_j)^2 = n \sum_{i=1}^{n} x_i^2 - \left(\sum_{i=1}^{n} x_i\right)^2",
    "x: vector[n]; i, j: index",
    [],
    "=",
    "x:vec:n",
    lambda p: (
        mp.fsum((a - b) ** 2 for a in p.x for b in p.x),
        p.n * dot(p.x, p.x) - mp.fsum(p.x) ** 2,
    ),
    "half",
    witness={"n": 2, "x": [1.0, 0.0]},
)
T(
    r"\sum_{k=1}^{n} k = \frac{n (n + 1)}{2}",
    "n: dim; k: index",
    [],
    "=",
    "n:dim",
    lambda p: (ssum(lambda k: E(k), 1, p.n), E(p.n) * (p.n + 1) / 2),
    "Gauss",
)
F(
    r"\sum_{k=1}^{n} k = \frac{n (n + 1)}{2}",
    "n: scalar, integer",
    [],
    "=",
    "n:int",
    lambda p: (ssum(lambda k: E(k), 1, p.n), E(p.n) * (p.n + 1) / 2),
    "n = -2: empty sum 0, right side 1",
    witness={"n": -2},
)
T(
    r"\sum_{k=0}^{n} 2^{-k} < 2",
    "n: dim",
    [],
    "<",
    "n:dim",
    lambda p: (ssum(lambda k: mp.mpf(2) ** -k, 0, p.n), 2),
    "2 - 2^{-n}",
)
F(
    r"\sum_{k=0}^{n} 2^{-k} \le 2 - 2^{-n} - 10^{-30}",
    "n: dim",
    [],
    "<=",
    "n:dim",
    lambda p: (ssum(lambda k: mp.mpf(2) ** -k, 0, p.n), 2 - mp.mpf(2) ** -p.n - TINY),
    "it equals 2 - 2^{-n}",
    witness={"n": 1},
)
T(
    r"\frac{1}{n} \sum_{i=1}^{n} x_i \le \max(x)",
    "x: vector[n]; i: index",
    [],
    "<=",
    "x:vec:n",
    lambda p: (mp.fsum(p.x) / p.n, max(p.x)),
    "mean <= max",
)
F(
    r"\frac{1}{n} \sum_{i=1}^{n} x_i < \max(x)",
    "x: vector[n]; i: index",
    [],
    "<",
    "x:vec:n",
    lambda p: (mp.fsum(p.x) / p.n, max(p.x)),
    "n = 1",
    witness={"n": 1, "x": [0.0]},
)
T(
    r"\sum_{i=1}^{n} \min(x_i, y_i) \le \sum_{i=1}^{n} y_i",
    XY,
    [],
    "<=",
    "x:vec:n y:vec:n",
    lambda p: (mp.fsum(min(a, b) for a, b in zip(p.x, p.y, strict=True)), mp.fsum(p.y)),
    "term by term",
)
T(
    r"\|x\|_2 \le \sum_{i=1}^{n} |x_i|",
    "x: vector[n]; i: index",
    [],
    "<=",
    "x:vec:n",
    lambda p: (nrm(p.x), mp.fsum(abs(t) for t in p.x)),
    "l2 <= l1",
)
T(
    r"\sum_{i=1}^{n} |x_i| \le \sqrt{n} \|x\|_2",
    "x: vector[n]; i: index",
    [],
    "<=",
    "x:vec:n",
    lambda p: (mp.fsum(abs(t) for t in p.x), mp.sqrt(p.n) * nrm(p.x)),
    "l1 <= sqrt(n) l2",
)
F(
    r"\sum_{i=1}^{n} |x_i| < \sqrt{n} \|x\|_2",
    "x: vector[n]; i: index",
    [],
    "<",
    "x:vec:n",
    lambda p: (mp.fsum(abs(t) for t in p.x), mp.sqrt(p.n) * nrm(p.x)),
    "x = 0",
    witness={"n": 1, "x": [0.0]},
)
T(
    r"(a b + c d)^2 \le (a^2 + c^2)(b^2 + d^2)",
    "a, b, c, d: scalar",
    [],
    "<=",
    "a:real b:real c:real d:real",
    lambda p: ((p.a * p.b + p.c * p.d) ** 2, (p.a**2 + p.c**2) * (p.b**2 + p.d**2)),
    "Cauchy-Schwarz in 2-D",
)
F(
    r"(a b + c d)^2 \le (a^2 + b^2)(c^2 + d^2)",
    "a, b, c, d: scalar",
    [],
    "<=",
    "a:real b:real c:real d:real",
    lambda p: ((p.a * p.b + p.c * p.d) ** 2, (p.a**2 + p.b**2) * (p.c**2 + p.d**2)),
    "pairs swapped",
    witness={"a": 1.0, "b": 1.0, "c": 0.0, "d": 0.0},
)
T(
    r"\sum_{i=1}^{n} |x_i + y_i| \le \sum_{i=1}^{n} |x_i| + \sum_{j=1}^{n} |y_j|",
    XY,
    [],
    "<=",
    "x:vec:n y:vec:n",
    lambda p: (
        mp.fsum(abs(a + b) for a, b in zip(p.x, p.y, strict=True)),
        mp.fsum(abs(t) for t in p.x) + mp.fsum(abs(t) for t in p.y),
    ),
    "triangle in l1",
)

# == (i) ML identities ==============================================================================
FAM = "ml"
ZK = "z: vector[n]; j, k: index"
SM = r"\frac{e^{z_k}}{\sum_{j=1}^{n} e^{z_j}}"
T(
    r"\sum_{k=1}^{n} " + SM + " = 1",
    ZK,
    [],
    "=",
    "z:vec:n",
    lambda p: (mp.fsum(smax(p.z, k) for k in range(1, p.n + 1)), 1),
    "normalized",
)
T(
    r"\log " + SM + r" = z_k - \log \sum_{j=1}^{n} e^{z_j}",
    ZK,
    [],
    "=",
    "z:vec:n k:index:n",
    lambda p: (mp.log(smax(p.z, p.k)), p.z[p.k - 1] - lse(p.z)),
    "log-softmax",
)
F(
    r"\log " + SM + r" = z_k - \sum_{j=1}^{n} z_j",
    ZK,
    [],
    "=",
    "z:vec:n k:index:n",
    lambda p: (mp.log(smax(p.z, p.k)), p.z[p.k - 1] - mp.fsum(p.z)),
    "not log-sum-exp",
    witness={"n": 2, "z": [0.0, 0.0], "k": 1},
)
T(
    SM + r" = \frac{e^{z_k - c}}{\sum_{j=1}^{n} e^{z_j - c}}",
    ZK + "; c: scalar",
    [],
    "=",
    "z:vec:n k:index:n c:real",
    lambda p: (smax(p.z, p.k), smax([t - p.c for t in p.z], p.k)),
    "shift invariance",
)
F(
    SM + r" = \frac{e^{c z_k}}{\sum_{j=1}^{n} e^{c z_j}}",
    ZK + "; c: scalar",
    [],
    "=",
    "z:vec:n k:index:n c:real",
    lambda p: (smax(p.z, p.k), smax([t * p.c for t in p.z], p.k)),
    "temperature matters",
    witness={"n": 2, "z": [0.0, 1.0], "k": 1, "c": 2.0},
)
T(
    r"\log \sum_{j=1}^{n} e^{z_j} \ge \max(z)",
    "z: vector[n]; j: index",
    [],
    ">=",
    "z:vec:n",
    lambda p: (lse(p.z), max(p.z)),
    "lse >= max",
)
F(
    r"\log \sum_{j=1}^{n} e^{z_j} > \max(z)",
    "z: vector[n]; j: index",
    [],
    ">",
    "z:vec:n",
    lambda p: (lse(p.z), max(p.z)),
    "n = 1",
    witness={"n": 1, "z": [0.0]},
)
T(
    r"\log \sum_{j=1}^{n} e^{z_j} \le \max(z) + \log n",
    "z: vector[n]; j: index",
    [],
    "<=",
    "z:vec:n",
    lambda p: (lse(p.z), max(p.z) + mp.log(p.n)),
    "lse <= max + log n",
)
F(
    r"\log \sum_{j=1}^{n} e^{z_j} < \max(z) + \log n",
    "z: vector[n]; j: index",
    [],
    "<",
    "z:vec:n",
    lambda p: (lse(p.z), max(p.z) + mp.log(p.n)),
    "equal entries",
    witness={"n": 2, "z": [1.0, 1.0]},
)
CE = r"\frac{\partial}{\partial z_k} \left(-\sum_{j=1}^{n} y_j \log \frac{e^{z_j}}{\sum_{i=1}^{n} e^{z_i}}\right) = \frac{e^{z_k}}{\sum_{i=1}^{n} e^{z_i}} - y_k"


def _ce_grad(p):
    def loss(z):
        return -mp.fsum(y * (t - lse(z)) for y, t in zip(p.y, z, strict=True))

    return d_entry(loss, p.z, p.k), smax(p.z, p.k) - p.y[p.k - 1]


T(
    CE,
    "z: vector[n]; y: simplex[n]; i, j, k: index",
    [],
    "=",
    "z:vec:n y:simplex:n k:index:n",
    _ce_grad,
    "needs sum y = 1",
)
F(
    CE,
    "z, y: vector[n]; i, j, k: index",
    [],
    "=",
    "z:vec:n y:vec:n k:index:n",
    _ce_grad,
    "y not normalized",
    witness={"n": 1, "z": [0.0], "y": [0.0], "k": 1},
)
PQ = "p, q: simplex[n]; i: index"
T(
    r"\sum_{i=1}^{n} p_i \log \frac{p_i}{q_i} \ge 0",
    PQ,
    [],
    ">=",
    "p:simplex:n q:simplex:n",
    lambda p: (mp.fsum(xlogy(a, a) - xlogy(a, b) for a, b in zip(p.p, p.q, strict=True)), 0),
    "Gibbs",
)
F(
    r"\sum_{i=1}^{n} p_i \log \frac{p_i}{q_i} > 0",
    PQ,
    [],
    ">",
    "p:simplex:n q:simplex:n",
    lambda p: (mp.fsum(xlogy(a, a) - xlogy(a, b) for a, b in zip(p.p, p.q, strict=True)), 0),
    "p = q",
    witness={"n": 2, "p": [0.5, 0.5], "q": [0.5, 0.5]},
)
T(
    r"-\sum_{i=1}^{n} p_i \log p_i \le \log n",
    "p: simplex[n]; i: index",
    [],
    "<=",
    "p:simplex:n",
    lambda p: (-mp.fsum(xlogy(a, a) for a in p.p), mp.log(p.n)),
    "max entropy",
)
F(
    r"-\sum_{i=1}^{n} p_i \log p_i < \log n",
    "p: simplex[n]; i: index",
    [],
    "<",
    "p:simplex:n",
    lambda p: (-mp.fsum(xlogy(a, a) for a in p.p), mp.log(p.n)),
    "uniform",
    witness={"n": 2, "p": [0.5, 0.5]},
)
T(
    r"-\sum_{i=1}^{n} p_i \log q_i \ge -\sum_{i=1}^{n} p_i \log p_i",
    PQ,
    [],
    ">=",
    "p:simplex:n q:simplex:n",
    lambda p: (
        -mp.fsum(xlogy(a, b) for a, b in zip(p.p, p.q, strict=True)),
        -mp.fsum(xlogy(a, a) for a in p.p),
    ),
    "cross-entropy >= entropy",
)
F(
    r"-\sum_{i=1}^{n} p_i \log q_i \le -\sum_{i=1}^{n} p_i \log p_i",
    PQ,
    [],
    "<=",
    "p:simplex:n q:simplex:n",
    lambda p: (
        -mp.fsum(xlogy(a, b) for a, b in zip(p.p, p.q, strict=True)),
        -mp.fsum(xlogy(a, a) for a in p.p),
    ),
    "p a vertex",
    witness={"n": 2, "p": [1.0, 0.0], "q": [0.5, 0.5]},
)
T(
    r"\log(1 + e^{-y s}) = \operatorname{softplus}(-y s)",
    "y, s: scalar",
    [],
    "=",
    "y:real s:real",
    lambda p: (mp.log1p(mp.exp(-p.y * p.s)), softplus(-p.y * p.s)),
    "definition",
)
T(
    r"\frac{d}{ds} \log(1 + e^{-y s}) = -y \sigma(-y s)",
    "y, s: scalar",
    [],
    "=",
    "y:real s:real",
    lambda p: (d1(lambda t: softplus(-p.y * t), p.s), -p.y * sig(-p.y * p.s)),
    "logistic loss",
)
F(
    r"\frac{d}{ds} \log(1 + e^{-y s}) = -y \sigma(y s)",
    "y, s: scalar",
    [],
    "=",
    "y:real s:real",
    lambda p: (d1(lambda t: softplus(-p.y * t), p.s), -p.y * sig(p.y * p.s)),
    "sign inside sigma",
    witness={"y": 1.0, "s": 1.0},
)
ADAM = r"\frac{(1 - \beta) \sum_{k=1}^{t} \beta^{t - k}}{1 - \beta^{%s}} = 1"
BT = [r"0 < \beta", r"\beta < 1"]
T(
    ADAM % "t",
    "\\beta: scalar; t: dim; k: index",
    BT,
    "=",
    "beta:unit t:dim",
    lambda p: ((1 - p.beta) * ssum(lambda k: p.beta ** (p.t - k), 1, p.t) / (1 - p.beta**p.t), 1),
    "Adam bias correction",
    where=lambda p: 0 < p.beta < 1,
)
F(
    ADAM % "t + 1",
    "\\beta: scalar; t: dim; k: index",
    BT,
    "=",
    "beta:unit t:dim",
    lambda p: (
        (1 - p.beta) * ssum(lambda k: p.beta ** (p.t - k), 1, p.t) / (1 - p.beta ** (p.t + 1)),
        1,
    ),
    "off by one",
    where=lambda p: 0 < p.beta < 1,
    witness={"t": 1, "beta": 0.5},
)
T(
    r"\frac{1 - \beta^{t}}{1 - \beta} = \sum_{k=0}^{t - 1} \beta^{k}",
    "\\beta: scalar; t: dim; k: index",
    BT,
    "=",
    "beta:unit t:dim",
    lambda p: ((1 - p.beta**p.t) / (1 - p.beta), ssum(lambda k: p.beta**k, 0, p.t - 1)),
    "geometric",
    where=lambda p: 0 < p.beta < 1,
)
QK = "q, k: vector[d]; i: index"
T(
    r"\frac{q^\top k}{\sqrt{d}} = \sum_{i=1}^{d} \frac{q_i k_i}{\sqrt{d}}",
    QK,
    [],
    "=",
    "q:vec:d k:vec:d",
    lambda p: (
        dot(p.q, p.k) / mp.sqrt(p.d),
        mp.fsum(a * b for a, b in zip(p.q, p.k, strict=True)) / mp.sqrt(p.d),
    ),
    "scaled dot product",
)
F(
    r"\frac{q^\top k}{\sqrt{d}} = \frac{1}{d} \sum_{i=1}^{d} q_i k_i",
    QK,
    [],
    "=",
    "q:vec:d k:vec:d",
    lambda p: (dot(p.q, p.k) / mp.sqrt(p.d), dot(p.q, p.k) / p.d),
    "d = 2 (holds at d = 1)",
    witness={"d": 2, "q": [1.0, 0.0], "k": [1.0, 0.0]},
)
T(
    r"\left|\frac{q^\top k}{\sqrt{d}}\right| \le \frac{\|q\| \|k\|}{\sqrt{d}}",
    QK,
    [],
    "<=",
    "q:vec:d k:vec:d",
    lambda p: (abs(dot(p.q, p.k)) / mp.sqrt(p.d), nrm(p.q) * nrm(p.k) / mp.sqrt(p.d)),
    "Cauchy-Schwarz",
)
T(
    r"\sigma(s) + \sigma(-s) = 1",
    "s: scalar",
    [],
    "=",
    "s:real",
    lambda p: (sig(p.s) + sig(-p.s), 1),
    "symmetry",
)
F(
    r"\sigma(s) \sigma(-s) = \sigma(s) - \sigma(s)^2 + 10^{-30}",
    "s: scalar",
    [],
    "=",
    "s:real",
    lambda p: (sig(p.s) * sig(-p.s), sig(p.s) - sig(p.s) ** 2 + TINY),
    "off by 1e-30",
    witness={"s": 0.0},
)
T(
    r"-\log \sigma(s) \ge 0",
    "s: scalar",
    [],
    ">=",
    "s:real",
    lambda p: (-mp.log(sig(p.s)), 0),
    "sigma <= 1",
)
T(SM + r" \le 1", ZK, [], "<=", "z:vec:n k:index:n", lambda p: (smax(p.z, p.k), 1), "probability")
F(
    SM + r" < 1",
    ZK,
    [],
    "<",
    "z:vec:n k:index:n",
    lambda p: (smax(p.z, p.k), 1),
    "n = 1",
    witness={"n": 1, "z": [0.0], "k": 1},
)
T(
    r"\frac{\partial}{\partial z_k} " + SM + " = " + SM + r" \left(1 - " + SM + r"\right)",
    ZK,
    [],
    "=",
    "z:vec:n k:index:n",
    lambda p: (d_entry(lambda z: smax(z, p.k), p.z, p.k), smax(p.z, p.k) * (1 - smax(p.z, p.k))),
    "diagonal of the softmax Jacobian",
)
F(
    r"\frac{\partial}{\partial z_k} " + SM + " = " + SM,
    ZK,
    [],
    "=",
    "z:vec:n k:index:n",
    lambda p: (d_entry(lambda z: smax(z, p.k), p.z, p.k), smax(p.z, p.k)),
    "n = 1: derivative 0",
    witness={"n": 1, "z": [0.0], "k": 1},
)
T(
    r"\nabla_w \log(1 + e^{-y w^\top x}) = -y \sigma(-y w^\top x) x",
    "w, x: vector[n]; y: scalar",
    [],
    "=",
    "w:vec:n x:vec:n y:real",
    lambda p: (
        grad(lambda w: softplus(-p.y * dot(w, p.x)), p.w),
        -p.y * sig(-p.y * dot(p.w, p.x)) * col(p.x),
    ),
    "logistic regression gradient",
)
F(
    r"\nabla_w \log(1 + e^{-y w^\top x}) = -y \sigma(y w^\top x) x",
    "w, x: vector[n]; y: scalar",
    [],
    "=",
    "w:vec:n x:vec:n y:real",
    lambda p: (
        grad(lambda w: softplus(-p.y * dot(w, p.x)), p.w),
        -p.y * sig(p.y * dot(p.w, p.x)) * col(p.x),
    ),
    "sign",
    witness={"n": 1, "w": [1.0], "x": [1.0], "y": 1.0},
)
T(
    r"\sum_{i=1}^{n} p_i \log \frac{p_i}{q_i} \le \sum_{i=1}^{n} \frac{p_i^2}{q_i} - 1",
    PQ,
    [],
    "<=",
    "p:simplex:n q:simplex:n",
    lambda p: (
        mp.fsum(xlogy(a, a) - xlogy(a, b) for a, b in zip(p.p, p.q, strict=True)),
        mp.fsum(a**2 / b if a else E(0) for a, b in zip(p.p, p.q, strict=True)) - 1,
    ),
    "KL <= chi^2",
)
F(
    r"\sum_{i=1}^{n} p_i \log \frac{p_i}{q_i} \le \frac{1}{2} \sum_{i=1}^{n} |p_i - q_i|",
    PQ,
    [],
    "<=",
    "p:simplex:n q:simplex:n",
    lambda p: (
        mp.fsum(xlogy(a, a) - xlogy(a, b) for a, b in zip(p.p, p.q, strict=True)),
        mp.fsum(abs(a - b) for a, b in zip(p.p, p.q, strict=True)) / 2,
    ),
    "Pinsker goes the other way",
    witness={"n": 2, "p": [1.0, 0.0], "q": [0.5, 0.5]},
)
T(
    r"\sum_{i=1}^{n} p_i \log \frac{p_i}{q_i} \ge \frac{1}{2} \left(\sum_{i=1}^{n} |p_i - q_i|\right)^2",
    PQ,
    [],
    ">=",
    "p:simplex:n q:simplex:n",
    lambda p: (
        mp.fsum(xlogy(a, a) - xlogy(a, b) for a, b in zip(p.p, p.q, strict=True)),
        mp.fsum(abs(a - b) for a, b in zip(p.p, p.q, strict=True)) ** 2 / 2,
    ),
    "Pinsker",
)


# == sharper corners: gaps below float64, overflow and underflow in float64, n = 1 ==================
EPS300 = mp.mpf(10) ** -300
TWO100 = 2.0**-100


def _erfc_ratio(x, c):
    """erfc(x) over 2/sqrt(pi) e^{-x^2}/(x + sqrt(x^2 + c)): a ratio, since both underflow."""
    return mp.erfc(x) / (2 / mp.sqrt(mp.pi) * mp.exp(-(x**2)) / (x + mp.sqrt(x**2 + c)))


FAM = "special"
T(
    r"\sqrt{x^2 + 10^{-300}} > |x|",
    S1,
    [],
    ">",
    "x:real",
    lambda p: (EPS300 / (sqrt(p.x**2 + EPS300) + abs(p.x)), 0),
    "difference eps/(sqrt(x^2+eps)+|x|) > 0 (stable form)",
    exact=True,
)
F(
    r"\sqrt{x^2 + 10^{-300}} > |x| + 10^{-200}",
    S1,
    [],
    ">",
    "x:real",
    lambda p: (EPS300 / (sqrt(p.x**2 + EPS300) + abs(p.x)) - mp.mpf(10) ** -200, 0),
    "x = 1: the gap is 5e-301",
    exact=True,
    witness={"x": 1.0},
)
F(
    r"(1 + 10^{-20})^{10^{20}} < 2.7",
    "",
    [],
    "<",
    "",
    lambda p: (mp.power(1 + mp.mpf(10) ** -20, 10**20), E(27) / 10),
    "it is 2.71828...; float64 rounds the base to 1",
)
T(
    r"(1 + 10^{-20})^{10^{20}} < e",
    "",
    [],
    "<",
    "",
    lambda p: (mp.power(1 + mp.mpf(10) ** -20, 10**20), mp.e),
    "(1 + 1/N)^N < e; gap e/(2N) = 1.4e-20",
)
T(
    r"\cos(10^{20} \pi) = 1",
    "",
    [],
    "=",
    "",
    lambda p: (mp.cos(mp.mpf(10) ** 20 * mp.pi), 1),
    "10^20 is even",
)
F(
    r"\sin(10^{22}) > 0",
    "",
    [],
    ">",
    "",
    lambda p: (mp.sin(mp.mpf(10) ** 22), 0),
    "sin(1e22) = -0.852",
)
T(
    r"\operatorname{erfc}(x) \ge \frac{2}{\sqrt{\pi}} \frac{e^{-x^2}}{x + \sqrt{x^2 + 2}}",
    S1,
    [r"x \ge 0"],
    ">=",
    "x:real",
    lambda p: (_erfc_ratio(p.x, 2), 1),
    "Abramowitz-Stegun 7.1.13 lower bound (as a ratio: both sides underflow past x = 27)",
    where=lambda p: p.x >= 0,
)
F(
    r"\operatorname{erfc}(x) \ge \frac{2}{\sqrt{\pi}} \frac{e^{-x^2}}{x + \sqrt{x^2 + 1}}",
    S1,
    [r"x \ge 30"],
    ">=",
    "x:real",
    lambda p: (_erfc_ratio(p.x, 1), 1),
    "x = 30: ratio 0.99972, both sides ~1e-393",
    where=lambda p: p.x >= 30,
    witness={"x": 30.0},
)
T(
    r"\tanh(x) \ge x - \frac{x^3}{3}",
    S1,
    [r"x \ge 0"],
    ">=",
    "x:real",
    lambda p: (mp.tanh(p.x), p.x - p.x**3 / 3),
    "alternating series; gap 2x^5/15",
    where=lambda p: p.x >= 0,
)
F(
    r"\tanh(x) \ge x - \frac{x^3}{3} + \frac{x^5}{5}",
    S1,
    [r"0 < x", r"x \le 10^{-3}"],
    ">=",
    "x:real",
    lambda p: (mp.tanh(p.x), p.x - p.x**3 / 3 + p.x**5 / 5),
    "x = 1e-3: short by x^5/15, below float64",
    where=lambda p: 0 < p.x <= mp.mpf(10) ** -3,
    witness={"x": 0.001},
)
T(
    r"\log(1 - \sigma(x)) = -\operatorname{softplus}(x)",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (_log1m_sig(p.x), -softplus(p.x)),
    "1 - sigma(x) = sigma(-x); float64 gives log 0 at x = 40",
)
T(
    r"\frac{\sigma(x)}{\sigma(-x)} = e^{x}",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (sig(p.x) / sig(-p.x), mp.exp(p.x)),
    "odds; float64 overflows at x = 1000",
)
T(
    r"\sigma(x) - \sigma(x - 10^{-30}) > 0",
    S1,
    [],
    ">",
    "x:real",
    lambda p: (_sig_gap(p.x), 0),
    "strictly increasing (stable form: gap in 60 extra digits)",
    exact=True,
)

FAM = "powers"
F(
    r"\max(x, x + 10^{-30}) = x",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (max(p.x, p.x + TINY), p.x),
    "x + 1e-30 is larger",
    witness={"x": 0.0},
)
T(
    r"\min(x, x + 10^{-30}) = x",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (min(p.x, p.x + TINY), p.x),
    "x is smaller",
)
F(
    r"\lfloor x + 10^{-30} \rfloor = \lfloor x \rfloor",
    S1,
    [],
    "=",
    "x:real",
    lambda p: (mp.floor(p.x + TINY), mp.floor(p.x)),
    "x = -1e-40 crosses 0",
    witness={"x": -1e-40},
)

FAM = "givens"
T(
    r"x^2 < 2^{-200}",
    S1,
    [r"0 \le x", r"x < 2^{-100}"],
    "<",
    "x:real",
    lambda p: (p.x**2, mp.mpf(2) ** -200),
    "strict upper bound",
    where=lambda p: 0 <= p.x < mp.mpf(2) ** -100,
)
F(
    r"x^2 < 2^{-200}",
    S1,
    [r"0 \le x", r"x \le 2^{-100}"],
    "<",
    "x:real",
    lambda p: (p.x**2, mp.mpf(2) ** -200),
    "x = 2^-100",
    where=lambda p: 0 <= p.x <= mp.mpf(2) ** -100,
    witness={"x": TWO100},
)

FAM = "derivative"
T(
    r"\frac{\partial}{\partial x_n} \|x\|^2 = 2 x_n",
    "x: vector[n]",
    [],
    "=",
    "x:vec:n",
    lambda p: (d_entry(lambda v: dot(v, v), p.x, p.n), 2 * p.x[p.n - 1]),
    "x_n is the last entry",
)
F(
    r"\frac{\partial}{\partial x_1} \sum_{i=1}^{n} x_i^2 = 2 \sum_{i=1}^{n} x_i",
    "x: vector[n]; i: index",
    [],
    "=",
    "x:vec:n",
    lambda p: (d_entry(lambda v: dot(v, v), p.x, 1), 2 * mp.fsum(p.x)),
    "holds at n = 1 only",
    witness={"n": 2, "x": [0.0, 1.0]},
)

FAM = "sums"
F(
    r"\sum_{i=1}^{n} x_i = n x_1",
    "x: vector[n]; i: index",
    [],
    "=",
    "x:vec:n",
    lambda p: (mp.fsum(p.x), p.n * p.x[0]),
    "holds at n = 1 only",
    witness={"n": 2, "x": [0.0, 1.0]},
)

BY_ID = {c.id: c for c in CLAIMS}
assert len(BY_ID) == len(CLAIMS), "duplicate id"


def audit(claim: Claim, n: int = 120, seed: int = 0) -> tuple[bool, Point | None, int]:
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
    only = [a for a in argv if not a.startswith("--")]
    bad = 0
    witnesses: dict[str, Any] = {}
    for c in CLAIMS:
        if only and not any(c.id.startswith(o) for o in only):
            continue
        ok, w, valued = audit(c)
        if c.truth == "false" and w is not None:
            witnesses[c.id] = dict(w)
        if not ok:
            bad += 1
            print(
                f"DISAGREES {c.id} ({c.truth}): {c.claim}  at {dict(w) if w else None} [{valued} valued]"
            )
    if write:
        with open(HERE / "claims.jsonl", "w") as fh:
            for c in CLAIMS:
                fh.write(json.dumps(c.record()) + "\n")
        (HERE / "witnesses.json").write_text(
            json.dumps(witnesses, indent=1, sort_keys=True, default=str) + "\n"
        )
    else:
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
