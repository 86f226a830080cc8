"""The red-team corpus and its oracle: every claim with a hand transcription into mpmath.

``python tests/data/redteam/oracle.py`` checks every label of ``claims.jsonl`` against the
transcription at many points of the declared domains (boundaries included): a claim labelled
true must hold at every point where it has a value, a claim labelled false must fail at a
witness inside the declared domain and the givens (stored in ``witnesses.json``).
``--write`` rewrites ``claims.jsonl`` and ``witnesses.json`` from the table below.

The transcriptions never call derivax: each is the claim written again with mpmath by hand;
derivatives are taken numerically (``mp.diff``) on the function written out, not from the
derivative the claim states. Where a strict inequality's gap is below any sane precision
(``\\operatorname{erf}(1000) < 1``) the transcription compares a stable form of the same
quantity (``0 < \\operatorname{erfc}(x)``), and says so.

No string is evaluated anywhere: the LaTeX is data for derivax; the oracle is Python code.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

import mpmath as mp

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _core import Claim, Point, Undefined, find_witness, holds, parse_spec, points

HERE = Path(__file__).resolve().parent
CLAIMS: list[Claim] = []


def C(
    id_,
    family,
    truth,
    claim,
    symbols,
    given,
    rel,
    spec,
    f,
    why,
    where=None,
    witness=None,
    exact=False,
):
    assert rel in ("=", "<=", ">=", "<", ">"), rel
    assert truth in ("true", "false")
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
    """The real cube root."""
    return mp.sign(x) * mp.cbrt(abs(x))


def root(x, k):
    if x < 0:
        raise Undefined("even root of a negative number")
    return mp.root(x, k)


def sig(x):
    return 1 / (1 + mp.exp(-x))


def softplus(x):
    return x + mp.log1p(mp.exp(-x)) if x > 0 else mp.log1p(mp.exp(x))


def relu(x):
    return max(E(0), x)


def dot(a, b):
    return mp.fsum(x * y for x, y in zip(a, b, strict=True))


def nrm(a):
    return mp.sqrt(dot(a, a))


def col(v):
    return mp.matrix(v)


def tr(A):
    return mp.fsum(A[i, i] for i in range(A.rows))


def eye(n):
    return mp.eye(n)


def inv(A):
    if det(A) == 0:
        raise Undefined("singular")
    return mp.inverse(A)


def det(A):
    try:
        return mp.det(A)
    except (TypeError, ZeroDivisionError):  # mpmath's LU fails on an all-zero column: det = 0
        return E(0)


def softmax(z):
    m = max(z)
    e = [mp.exp(x - m) for x in z]
    s = mp.fsum(e)
    return [x / s for x in e]


def lse(z):
    m = max(z)
    return m + mp.log(mp.fsum(mp.exp(x - m) for x in z))


def frob(A):
    return mp.sqrt(mp.fsum(x**2 for x in A))


def spec2(A):
    """The spectral norm: the square root of the largest eigenvalue of A^T A."""
    return mp.sqrt(max(mp.eigsy(A.T * A)[0]))


def d_entry(g, vec, j, order=1):
    """d^order/d vec_j of g(vec), numerically in the working precision."""

    def at(t):
        v = list(vec)
        v[j - 1] = t
        return g(v)

    return mp.diff(at, vec[j - 1], order)


def d_scalar(g, x, order=1):
    return mp.diff(g, x, order)


def xlogy(x, y):
    if x == 0:
        return E(0)
    return x * log(y)


def kl(p, q):
    return mp.fsum(xlogy(a, a) - xlogy(a, b) for a, b in zip(p, q, strict=True))


def ent(p):
    return -mp.fsum(xlogy(a, a) for a in p)


def vmax(z):
    return max(z)


def _pole():
    raise Undefined("a pole")


def _h10(x, y):
    return x + y + x * y


def mat(M):
    return M


def tiny():
    return mp.mpf(10) ** -30


# == (a) domain qualifiers: true only on the declared domain ========================================
A = "domain"
C(
    "dom-01",
    A,
    "true",
    r"a (1 + \sin z) \ge 0",
    "a: scalar, positive",
    [],
    ">=",
    "a:pos z:real",
    lambda p: (p.a * (1 + mp.sin(p.z)), 0),
    "a > 0 and 1 + sin z >= 0",
)
C(
    "dom-02",
    A,
    "false",
    r"a x^2 > 0",
    "a: scalar, positive",
    [],
    ">",
    "a:pos x:real",
    lambda p: (p.a * p.x**2, 0),
    "0 at x = 0",
)
C(
    "dom-03",
    A,
    "true",
    r"\log a \le a - 1",
    "a: scalar, positive",
    [],
    "<=",
    "a:pos",
    lambda p: (log(p.a), p.a - 1),
    "log t <= t - 1 for t > 0",
)
C(
    "dom-04",
    A,
    "false",
    r"\log b \le b - 2",
    "b: scalar, positive",
    [],
    "<=",
    "b:pos",
    lambda p: (log(p.b), p.b - 2),
    "at b = 1: 0 <= -1 fails",
)
C(
    "dom-05",
    A,
    "true",
    r"\sqrt{b^2} = b",
    "b: scalar, nonnegative",
    [],
    "=",
    "b:nonneg",
    lambda p: (sqrt(p.b**2), p.b),
    "b >= 0",
)
C(
    "dom-06",
    A,
    "false",
    r"\sqrt{x^2} = x",
    "",
    [],
    "=",
    "x:real",
    lambda p: (sqrt(p.x**2), p.x),
    "x undeclared is real: fails at x = -1",
)
C(
    "dom-07",
    A,
    "true",
    r"|u| \le 1",
    "u: scalar, unit",
    [],
    "<=",
    "u:unit",
    lambda p: (abs(p.u), 1),
    "u in [0, 1]",
)
C(
    "dom-08",
    A,
    "false",
    r"u^2 < u",
    "u: scalar, unit",
    [],
    "<",
    "u:unit",
    lambda p: (p.u**2, p.u),
    "equality at u = 0 and u = 1",
)
C(
    "dom-09",
    A,
    "true",
    r"u^2 \le u",
    "u: scalar, unit",
    [],
    "<=",
    "u:unit",
    lambda p: (p.u**2, p.u),
    "u (u - 1) <= 0 on [0, 1]",
)
C(
    "dom-10",
    A,
    "false",
    r"t^2 \le t",
    "",
    [],
    "<=",
    "t:real",
    lambda p: (p.t**2, p.t),
    "t is real: fails at t = 2",
)
C(
    "dom-11",
    A,
    "true",
    r"u (1 - u) \ge 0",
    "u: scalar, unit",
    [],
    ">=",
    "u:unit",
    lambda p: (p.u * (1 - p.u), 0),
    "both factors >= 0 on [0, 1]",
)
C(
    "dom-12",
    A,
    "false",
    r"t (1 - t) \ge 0",
    "t: scalar, nonnegative",
    [],
    ">=",
    "t:nonneg",
    lambda p: (p.t * (1 - p.t), 0),
    "nonnegative is not unit: t = 2",
)
C(
    "dom-13",
    A,
    "true",
    r"(-1)^{2k} = 1",
    "k: scalar, integer",
    [],
    "=",
    "k:int",
    lambda p: (E(-1) ** (2 * p.k), 1),
    "even power of -1",
)
C(
    "dom-14",
    A,
    "false",
    r"(-1)^{k} = 1",
    "k: scalar, integer",
    [],
    "=",
    "k:int",
    lambda p: (E(-1) ** p.k, 1),
    "k = 1",
)
C(
    "dom-15",
    A,
    "true",
    r"\cos(\pi k) = (-1)^k",
    "k: scalar, integer",
    [],
    "=",
    "k:int",
    lambda p: (mp.cospi(p.k), E(-1) ** p.k),
    "cos of integer multiples of pi",
)
C(
    "dom-16",
    A,
    "true",
    r"\sin(\pi k) = 0",
    "k: scalar, integer",
    [],
    "=",
    "k:int",
    lambda p: (mp.sinpi(p.k), 0),
    "k integer",
)
C(
    "dom-17",
    A,
    "false",
    r"\sin(\pi x) = 0",
    "",
    [],
    "=",
    "x:real",
    lambda p: (mp.sin(mp.pi * p.x), 0),
    "x = 1/2",
)
C(
    "dom-18",
    A,
    "true",
    r"\lfloor k \rfloor = k",
    "k: scalar, integer",
    [],
    "=",
    "k:int",
    lambda p: (mp.floor(p.k), p.k),
    "floor of an integer",
)
C(
    "dom-19",
    A,
    "false",
    r"\lfloor x \rfloor = x",
    "",
    [],
    "=",
    "x:real",
    lambda p: (mp.floor(p.x), p.x),
    "x = 1/2",
)
C(
    "dom-20",
    A,
    "true",
    r"\sum_{i=1}^{n} p_i = 1",
    "p: simplex[n]; i: index",
    [],
    "=",
    "p:simplex:n",
    lambda p: (mp.fsum(p.p), 1),
    "a simplex sums to 1",
)
C(
    "dom-21",
    A,
    "true",
    r"p_i \le 1",
    "p: simplex[n]; i: index",
    [],
    "<=",
    "p:simplex:n i:index:n",
    lambda p: (p.p[p.i - 1], 1),
    "entries of a simplex are at most 1",
)
C(
    "dom-22",
    A,
    "false",
    r"p_i < 1",
    "p: simplex[n]; i: index",
    [],
    "<",
    "p:simplex:n i:index:n",
    lambda p: (p.p[p.i - 1], 1),
    "one-hot p, or n = 1",
)
C(
    "dom-23",
    A,
    "false",
    r"p_i > 0",
    "p: simplex[n]; i: index",
    [],
    ">",
    "p:simplex:n i:index:n",
    lambda p: (p.p[p.i - 1], 0),
    "a one-hot p has zero entries",
)
C(
    "dom-24",
    A,
    "true",
    r"\sum_{i=1}^{n} p_i^2 \le 1",
    "p: simplex[n]; i: index",
    [],
    "<=",
    "p:simplex:n",
    lambda p: (mp.fsum(x**2 for x in p.p), 1),
    "p_i^2 <= p_i",
)
C(
    "dom-25",
    A,
    "true",
    r"\sum_{i=1}^{n} p_i^2 \ge \frac{1}{n}",
    "p: simplex[n]; i: index; n: dim",
    [],
    ">=",
    "p:simplex:n",
    lambda p: (mp.fsum(x**2 for x in p.p), E(1) / p.n),
    "Cauchy-Schwarz with the ones vector",
)
C(
    "dom-26",
    A,
    "false",
    r"\sum_{i=1}^{n} x_i^2 \le 1",
    "x: vector[n]; i: index",
    [],
    "<=",
    "x:vec:n",
    lambda p: (mp.fsum(x**2 for x in p.x), 1),
    "x is no simplex: x = (2)",
)
C(
    "dom-27",
    A,
    "true",
    r"\det(S) > 0",
    "S: spd[n]",
    [],
    ">",
    "S:spd:n",
    lambda p: (det(p.S), 0),
    "product of positive eigenvalues",
)
C(
    "dom-28",
    A,
    "false",
    r"\det(A) > 0",
    "A: symmetric[n]",
    [],
    ">",
    "A:sym:n",
    lambda p: (det(p.A), 0),
    "A = (-1)",
)
C(
    "dom-29",
    A,
    "true",
    r"\operatorname{tr}(S) > 0",
    "S: spd[n]",
    [],
    ">",
    "S:spd:n",
    lambda p: (tr(p.S), 0),
    "sum of positive eigenvalues",
)
C(
    "dom-30",
    A,
    "false",
    r"\operatorname{tr}(A) \ge 0",
    "A: symmetric[n]",
    [],
    ">=",
    "A:sym:n",
    lambda p: (tr(p.A), 0),
    "A = -I",
)
C(
    "dom-31",
    A,
    "true",
    r"v^\top S v \ge 0",
    "S: spd[n]; v: vector[n]",
    [],
    ">=",
    "S:spd:n v:vec:n",
    lambda p: ((col(p.v).T * p.S * col(p.v))[0, 0], 0),
    "S is positive definite",
)
C(
    "dom-32",
    A,
    "false",
    r"v^\top S v > 0",
    "S: spd[n]; v: vector[n]",
    [],
    ">",
    "S:spd:n v:vec:n",
    lambda p: ((col(p.v).T * p.S * col(p.v))[0, 0], 0),
    "v = 0",
)
C(
    "dom-33",
    A,
    "false",
    r"v^\top A v \ge 0",
    "A: symmetric[n]; v: vector[n]",
    [],
    ">=",
    "A:sym:n v:vec:n",
    lambda p: ((col(p.v).T * p.A * col(p.v))[0, 0], 0),
    "a symmetric matrix need not be PSD: A = (-1), v = (1)",
)
C(
    "dom-34",
    A,
    "true",
    r"S_{ii} > 0",
    "S: spd[n]; i: index",
    [],
    ">",
    "S:spd:n i:index:n",
    lambda p: (p.S[p.i - 1, p.i - 1], 0),
    "e_i^T S e_i > 0",
)
C(
    "dom-35",
    A,
    "false",
    r"A_{ii} \ge 0",
    "A: symmetric[n]; i: index",
    [],
    ">=",
    "A:sym:n i:index:n",
    lambda p: (p.A[p.i - 1, p.i - 1], 0),
    "A = (-1)",
)
C(
    "dom-36",
    A,
    "true",
    r"\log\det S \le \operatorname{tr}(S) - n",
    "S: spd[n]; n: dim",
    [],
    "<=",
    "S:spd:n",
    lambda p: (log(det(p.S)), tr(p.S) - p.n),
    "sum of log l <= l - 1 over eigenvalues",
)
C(
    "dom-37",
    A,
    "false",
    r"\log\det S < \operatorname{tr}(S) - n",
    "S: spd[n]; n: dim",
    [],
    "<",
    "S:spd:n",
    lambda p: (log(det(p.S)), tr(p.S) - p.n),
    "equality at S = I",
)
C(
    "dom-38",
    A,
    "true",
    r"\det(S) \le \prod_{i=1}^{n} S_{ii}",
    "S: spd[n]; i: index",
    [],
    "<=",
    "S:spd:n",
    lambda p: (det(p.S), mp.fprod(p.S[i, i] for i in range(p.S.rows))),
    "Hadamard's inequality",
)
C(
    "dom-39",
    A,
    "false",
    r"\frac{a}{a + c} < 1",
    "a: scalar, positive; c: scalar, nonnegative",
    [],
    "<",
    "a:pos c:nonneg",
    lambda p: (p.a / (p.a + p.c), 1),
    "c = 0",
)
C(
    "dom-40",
    A,
    "true",
    r"\frac{a}{a + b} < 1",
    "a, b: scalar, positive",
    [],
    "<",
    "a:pos b:pos",
    lambda p: (p.a / (p.a + p.b), 1),
    "b > 0",
)
C(
    "dom-41",
    A,
    "false",
    r"e^{-c} < 1",
    "c: scalar, nonnegative",
    [],
    "<",
    "c:nonneg",
    lambda p: (mp.exp(-p.c), 1),
    "c = 0",
)
C(
    "dom-42",
    A,
    "true",
    r"k^2 \ge k",
    "k: scalar, integer",
    [],
    ">=",
    "k:int",
    lambda p: (p.k**2, p.k),
    "k (k - 1) >= 0 for integers",
)
C("dom-43", A, "false", r"x^2 \ge x", "", [], ">=", "x:real", lambda p: (p.x**2, p.x), "x = 1/2")
C(
    "dom-44",
    A,
    "true",
    r"\sqrt{u} \ge u",
    "u: scalar, unit",
    [],
    ">=",
    "u:unit",
    lambda p: (sqrt(p.u), p.u),
    "on [0, 1]",
)
C(
    "dom-45",
    A,
    "false",
    r"\sqrt{a} \ge a",
    "a: scalar, positive",
    [],
    ">=",
    "a:pos",
    lambda p: (sqrt(p.a), p.a),
    "a = 4",
)


# == (b) strict and non-strict givens ================================================================
B = "givens"
C(
    "giv-01",
    B,
    "false",
    r"\frac{1}{x} < 1",
    "",
    [r"x \ge 1"],
    "<",
    "x:real",
    lambda p: (1 / p.x, 1),
    "equality on the boundary x = 1",
    where=lambda p: p.x >= 1,
    witness={"x": 1.0},
)
C(
    "giv-02",
    B,
    "true",
    r"\frac{1}{x} \le 1",
    "",
    [r"x \ge 1"],
    "<=",
    "x:real",
    lambda p: (1 / p.x, 1),
    "x >= 1",
    where=lambda p: p.x >= 1,
)
C(
    "giv-03",
    B,
    "true",
    r"\frac{1}{x} < 1",
    "",
    [r"x > 1"],
    "<",
    "x:real",
    lambda p: (1 / p.x, 1),
    "x > 1",
    where=lambda p: p.x > 1,
)
C(
    "giv-04",
    B,
    "true",
    r"e^x > e^y",
    "",
    [r"x > y"],
    ">",
    "x:real y:real",
    lambda p: (mp.exp(p.x), mp.exp(p.y)),
    "exp strictly increasing",
    where=lambda p: p.x > p.y,
)
C(
    "giv-05",
    B,
    "false",
    r"e^x > e^y",
    "",
    [r"x \ge y"],
    ">",
    "x:real y:real",
    lambda p: (mp.exp(p.x), mp.exp(p.y)),
    "x = y",
    where=lambda p: p.x >= p.y,
    witness={"x": 1.0, "y": 1.0},
)
C(
    "giv-06",
    B,
    "true",
    r"e^{x} \ge e^{y}",
    "",
    [r"x \ge y"],
    ">=",
    "x:real y:real",
    lambda p: (mp.exp(p.x), mp.exp(p.y)),
    "exp increasing",
    where=lambda p: p.x >= p.y,
)
C(
    "giv-07",
    B,
    "true",
    r"x^3 > y^3",
    "",
    [r"x > y"],
    ">",
    "x:real y:real",
    lambda p: (p.x**3, p.y**3),
    "cube strictly increasing",
    where=lambda p: p.x > p.y,
)
C(
    "giv-08",
    B,
    "false",
    r"x^2 > y^2",
    "",
    [r"x > y"],
    ">",
    "x:real y:real",
    lambda p: (p.x**2, p.y**2),
    "x = 0, y = -1",
    where=lambda p: p.x > p.y,
    witness={"x": 0.0, "y": -1.0},
)
C(
    "giv-09",
    B,
    "true",
    r"x^2 > y^2",
    "",
    [r"x > y", r"y \ge 0"],
    ">",
    "x:real y:real",
    lambda p: (p.x**2, p.y**2),
    "squares increase on [0, oo)",
    where=lambda p: p.x > p.y >= 0,
)
C(
    "giv-10",
    B,
    "false",
    r"x^2 > y^2",
    "",
    [r"x \ge y", r"y \ge 0"],
    ">",
    "x:real y:real",
    lambda p: (p.x**2, p.y**2),
    "x = y",
    where=lambda p: p.x >= p.y >= 0,
    witness={"x": 2.0, "y": 2.0},
)
C(
    "giv-11",
    B,
    "true",
    r"\log x < x - 1",
    "",
    [r"x > 1"],
    "<",
    "x:real",
    lambda p: (log(p.x), p.x - 1),
    "strict away from 1",
    where=lambda p: p.x > 1,
)
C(
    "giv-12",
    B,
    "false",
    r"\log x < x - 1",
    "",
    [r"x \ge 1"],
    "<",
    "x:real",
    lambda p: (log(p.x), p.x - 1),
    "x = 1",
    where=lambda p: p.x >= 1,
    witness={"x": 1.0},
)
C(
    "giv-13",
    B,
    "false",
    r"\log x < x - 1",
    "",
    [r"x > 0"],
    "<",
    "x:real",
    lambda p: (log(p.x), p.x - 1),
    "x = 1",
    where=lambda p: p.x > 0,
    witness={"x": 1.0},
)
C(
    "giv-14",
    B,
    "true",
    r"\sqrt{x} < x",
    "",
    [r"x > 1"],
    "<",
    "x:real",
    lambda p: (sqrt(p.x), p.x),
    "x > 1",
    where=lambda p: p.x > 1,
)
C(
    "giv-15",
    B,
    "false",
    r"\sqrt{x} < x",
    "",
    [r"x \ge 1"],
    "<",
    "x:real",
    lambda p: (sqrt(p.x), p.x),
    "x = 1",
    where=lambda p: p.x >= 1,
    witness={"x": 1.0},
)
C(
    "giv-16",
    B,
    "true",
    r"x y > 0",
    "",
    [r"x > 0", r"y > 0"],
    ">",
    "x:real y:real",
    lambda p: (p.x * p.y, 0),
    "product of positives",
    where=lambda p: p.x > 0 and p.y > 0,
)
C(
    "giv-17",
    B,
    "false",
    r"x y > 0",
    "",
    [r"x \ge 0", r"y > 0"],
    ">",
    "x:real y:real",
    lambda p: (p.x * p.y, 0),
    "x = 0",
    where=lambda p: p.x >= 0 and p.y > 0,
    witness={"x": 0.0, "y": 1.0},
)
C(
    "giv-18",
    B,
    "true",
    r"\frac{x}{y} > 1",
    "",
    [r"x > y", r"y > 0"],
    ">",
    "x:real y:real",
    lambda p: (p.x / p.y, 1),
    "divide x > y by y > 0",
    where=lambda p: p.x > p.y > 0,
)
C(
    "giv-19",
    B,
    "false",
    r"\frac{x}{y} > 1",
    "",
    [r"x > y"],
    ">",
    "x:real y:real",
    lambda p: (p.x / p.y, 1),
    "y < 0: x = 1, y = -1",
    where=lambda p: p.x > p.y,
    witness={"x": 1.0, "y": -1.0},
)
C(
    "giv-20",
    B,
    "true",
    r"x + y \ge 2\sqrt{x y}",
    "",
    [r"x \ge 0", r"y \ge 0"],
    ">=",
    "x:real y:real",
    lambda p: (p.x + p.y, 2 * sqrt(p.x * p.y)),
    "AM-GM",
    where=lambda p: p.x >= 0 and p.y >= 0,
)
C(
    "giv-21",
    B,
    "false",
    r"x + y > 2\sqrt{x y}",
    "",
    [r"x > 0", r"y > 0"],
    ">",
    "x:real y:real",
    lambda p: (p.x + p.y, 2 * sqrt(p.x * p.y)),
    "x = y",
    where=lambda p: p.x > 0 and p.y > 0,
    witness={"x": 3.0, "y": 3.0},
)
C(
    "giv-22",
    B,
    "true",
    r"\sigma(x) > \sigma(y)",
    "",
    [r"x > y"],
    ">",
    "x:real y:real",
    lambda p: (sig(p.x), sig(p.y)),
    "sigmoid strictly increasing",
    where=lambda p: p.x > p.y,
)
C(
    "giv-23",
    B,
    "false",
    r"\sigma(x) > \sigma(y)",
    "",
    [r"x \ge y"],
    ">",
    "x:real y:real",
    lambda p: (sig(p.x), sig(p.y)),
    "x = y",
    where=lambda p: p.x >= p.y,
    witness={"x": 0.0, "y": 0.0},
)
C(
    "giv-24",
    B,
    "true",
    r"\tanh(x) \le \tanh(y)",
    "",
    [r"x \le y"],
    "<=",
    "x:real y:real",
    lambda p: (mp.tanh(p.x), mp.tanh(p.y)),
    "tanh increasing",
    where=lambda p: p.x <= p.y,
)
C(
    "giv-25",
    B,
    "true",
    r"x^2 < 1",
    "",
    [r"|x| < 1"],
    "<",
    "x:real",
    lambda p: (p.x**2, 1),
    "|x| < 1",
    where=lambda p: abs(p.x) < 1,
)
C(
    "giv-26",
    B,
    "false",
    r"x^2 < 1",
    "",
    [r"|x| \le 1"],
    "<",
    "x:real",
    lambda p: (p.x**2, 1),
    "x = 1",
    where=lambda p: abs(p.x) <= 1,
    witness={"x": -1.0},
)
C(
    "giv-27",
    B,
    "true",
    r"x < z",
    "",
    [r"x < y", r"y \le z"],
    "<",
    "x:real y:real z:real",
    lambda p: (p.x, p.z),
    "transitivity with one strict link",
    where=lambda p: p.x < p.y and p.y <= p.z,
)
C(
    "giv-28",
    B,
    "false",
    r"x < z",
    "",
    [r"x \le y", r"y \le z"],
    "<",
    "x:real y:real z:real",
    lambda p: (p.x, p.z),
    "x = y = z",
    where=lambda p: p.x <= p.y <= p.z,
    witness={"x": 1.0, "y": 1.0, "z": 1.0},
)
C(
    "giv-29",
    B,
    "true",
    r"\frac{1}{x} > \frac{1}{y}",
    "",
    [r"0 < x", r"x < y"],
    ">",
    "x:real y:real",
    lambda p: (1 / p.x, 1 / p.y),
    "1/t decreasing on (0, oo)",
    where=lambda p: 0 < p.x < p.y,
)
C(
    "giv-30",
    B,
    "false",
    r"\frac{1}{x} > \frac{1}{y}",
    "",
    [r"x < y"],
    ">",
    "x:real y:real",
    lambda p: (1 / p.x, 1 / p.y),
    "x = -1, y = 1",
    where=lambda p: p.x < p.y,
    witness={"x": -1.0, "y": 1.0},
)
C(
    "giv-31",
    B,
    "true",
    r"x^2 - 2x + 1 > 0",
    "",
    [r"x > 1"],
    ">",
    "x:real",
    lambda p: (p.x**2 - 2 * p.x + 1, 0),
    "(x - 1)^2 > 0 for x != 1",
    where=lambda p: p.x > 1,
)
C(
    "giv-32",
    B,
    "false",
    r"x^2 - 2x + 1 > 0",
    "",
    [r"x \ge 1"],
    ">",
    "x:real",
    lambda p: (p.x**2 - 2 * p.x + 1, 0),
    "x = 1",
    where=lambda p: p.x >= 1,
    witness={"x": 1.0},
)
C(
    "giv-33",
    B,
    "true",
    r"\max(x, y) = x",
    "",
    [r"x \ge y"],
    "=",
    "x:real y:real",
    lambda p: (max(p.x, p.y), p.x),
    "x is the larger",
    where=lambda p: p.x >= p.y,
)
C(
    "giv-34",
    B,
    "false",
    r"\max(x, y) = x",
    "",
    [r"x > 0"],
    "=",
    "x:real y:real",
    lambda p: (max(p.x, p.y), p.x),
    "x = 1, y = 2",
    where=lambda p: p.x > 0,
    witness={"x": 1.0, "y": 2.0},
)
C(
    "giv-35",
    B,
    "true",
    r"|x - y| = x - y",
    "",
    [r"x \ge y"],
    "=",
    "x:real y:real",
    lambda p: (abs(p.x - p.y), p.x - p.y),
    "x - y >= 0",
    where=lambda p: p.x >= p.y,
)
C(
    "giv-36",
    B,
    "false",
    r"|x - y| = x - y",
    "",
    [r"x \le y"],
    "=",
    "x:real y:real",
    lambda p: (abs(p.x - p.y), p.x - p.y),
    "x = 0, y = 1",
    where=lambda p: p.x <= p.y,
    witness={"x": 0.0, "y": 1.0},
)
C(
    "giv-37",
    B,
    "true",
    r"x^2 \le x",
    "",
    [r"0 \le x", r"x \le 1"],
    "<=",
    "x:real",
    lambda p: (p.x**2, p.x),
    "x in [0, 1]",
    where=lambda p: 0 <= p.x <= 1,
)
C(
    "giv-38",
    B,
    "false",
    r"x^2 \le x",
    "",
    [r"x \ge 0"],
    "<=",
    "x:real",
    lambda p: (p.x**2, p.x),
    "x = 2",
    where=lambda p: p.x >= 0,
    witness={"x": 2.0},
)
C(
    "giv-39",
    B,
    "true",
    r"\log(x) > 0",
    "",
    [r"x > 1"],
    ">",
    "x:real",
    lambda p: (log(p.x), 0),
    "x > 1",
    where=lambda p: p.x > 1,
)
C(
    "giv-40",
    B,
    "false",
    r"\log(x) > 0",
    "",
    [r"x \ge 1"],
    ">",
    "x:real",
    lambda p: (log(p.x), 0),
    "x = 1",
    where=lambda p: p.x >= 1,
    witness={"x": 1.0},
)
C(
    "giv-41",
    B,
    "false",
    r"x > y + 10^{-30}",
    "",
    [r"x > y"],
    ">",
    "x:real y:real",
    lambda p: (p.x, p.y + tiny()),
    "a gap below 10^-30: x = 10^-40, y = 0",
    where=lambda p: p.x > p.y,
    witness={"x": 1e-40, "y": 0.0},
)
C(
    "giv-42",
    B,
    "true",
    r"x + 10^{-30} > y",
    "",
    [r"x \ge y"],
    ">",
    "x:real y:real",
    lambda p: (p.x + tiny(), p.y),
    "x >= y and 10^-30 > 0",
    where=lambda p: p.x >= p.y,
)
C(
    "giv-43",
    B,
    "false",
    r"e^{x} - e^{y} \ge x - y",
    "",
    [r"x \ge y"],
    ">=",
    "x:real y:real",
    lambda p: (mp.exp(p.x) - mp.exp(p.y), p.x - p.y),
    "mean value e^t < 1 for t < 0: x = -1, y = -2",
    where=lambda p: p.x >= p.y,
    witness={"x": -1.0, "y": -2.0},
)
C(
    "giv-44",
    B,
    "true",
    r"e^{x} - e^{y} \ge x - y",
    "",
    [r"x \ge y", r"y \ge 0"],
    ">=",
    "x:real y:real",
    lambda p: (mp.exp(p.x) - mp.exp(p.y), p.x - p.y),
    "e^t >= 1 for t >= 0",
    where=lambda p: p.x >= p.y >= 0,
)
C(
    "giv-45",
    B,
    "true",
    r"\frac{x + y}{2} < x",
    "",
    [r"y < x"],
    "<",
    "x:real y:real",
    lambda p: ((p.x + p.y) / 2, p.x),
    "y < x",
    where=lambda p: p.y < p.x,
)
C(
    "giv-46",
    B,
    "false",
    r"\frac{x + y}{2} < x",
    "",
    [r"y \le x"],
    "<",
    "x:real y:real",
    lambda p: ((p.x + p.y) / 2, p.x),
    "x = y",
    where=lambda p: p.y <= p.x,
    witness={"x": 5.0, "y": 5.0},
)


# == (c) derivatives with respect to an entry =======================================================
D = "entry-derivative"
XW = "x, w: vector[d]; j: index"
SXW = "x:vec:d w:vec:d j:index:d"


def _nz(v):
    if nrm(v) == 0:
        raise Undefined("the norm is not differentiable at 0")
    return v


C(
    "ent-01",
    D,
    "true",
    r"\frac{\partial}{\partial w_j} w^\top x = x_j",
    XW,
    [],
    "=",
    SXW,
    lambda p: (d_entry(lambda w: dot(w, p.x), p.w, p.j), p.x[p.j - 1]),
    "linear in w",
)
C(
    "ent-02",
    D,
    "false",
    r"\frac{\partial}{\partial w_j} w^\top x = w_j",
    XW,
    [],
    "=",
    SXW,
    lambda p: (d_entry(lambda w: dot(w, p.x), p.w, p.j), p.w[p.j - 1]),
    "x_j != w_j in general",
)
C(
    "ent-03",
    D,
    "true",
    r"\frac{\partial}{\partial w_j} \|w\|^2 = 2 w_j",
    XW,
    [],
    "=",
    SXW,
    lambda p: (d_entry(lambda w: dot(w, w), p.w, p.j), 2 * p.w[p.j - 1]),
    "sum of squares",
)
C(
    "ent-04",
    D,
    "false",
    r"\frac{\partial}{\partial w_j} \|w\|^2 = w_j",
    XW,
    [],
    "=",
    SXW,
    lambda p: (d_entry(lambda w: dot(w, w), p.w, p.j), p.w[p.j - 1]),
    "factor 2 dropped",
)
C(
    "ent-05",
    D,
    "true",
    r"\frac{\partial}{\partial w_j} \|w\|_2 = \frac{w_j}{\|w\|_2}",
    XW,
    [],
    "=",
    SXW,
    lambda p: (d_entry(nrm, _nz(p.w), p.j), p.w[p.j - 1] / nrm(p.w)),
    "gradient of the Euclidean norm (w != 0)",
)
C(
    "ent-06",
    D,
    "false",
    r"\frac{\partial}{\partial w_j} \|w\|_2 = \frac{2 w_j}{\|w\|_2}",
    XW,
    [],
    "=",
    SXW,
    lambda p: (d_entry(nrm, _nz(p.w), p.j), 2 * p.w[p.j - 1] / nrm(p.w)),
    "spurious factor 2",
)
C(
    "ent-07",
    D,
    "true",
    r"\frac{\partial}{\partial w_j} \sum_{i=1}^{d} w_i^2 = 2 w_j",
    "w: vector[d]; i, j: index",
    [],
    "=",
    "w:vec:d j:index:d",
    lambda p: (d_entry(lambda w: dot(w, w), p.w, p.j), 2 * p.w[p.j - 1]),
    "one term survives",
)
C(
    "ent-08",
    D,
    "false",
    r"\frac{\partial}{\partial w_j} \sum_{i=1}^{d} w_i^2 = 2 \sum_{i=1}^{d} w_i",
    "w: vector[d]; i, j: index",
    [],
    "=",
    "w:vec:d j:index:d",
    lambda p: (d_entry(lambda w: dot(w, w), p.w, p.j), 2 * mp.fsum(p.w)),
    "the delta was not collapsed",
)
C(
    "ent-09",
    D,
    "true",
    r"\frac{\partial}{\partial w_j} w^\top A w = (A w)_j + (A^\top w)_j",
    "w: vector[d]; A: matrix[d, d]; j: index",
    [],
    "=",
    "w:vec:d A:mat:d:d j:index:d",
    lambda p: (
        d_entry(lambda w: (col(w).T * p.A * col(w))[0, 0], p.w, p.j),
        (p.A * col(p.w))[p.j - 1] + (p.A.T * col(p.w))[p.j - 1],
    ),
    "quadratic form, A not symmetric",
)
C(
    "ent-10",
    D,
    "false",
    r"\frac{\partial}{\partial w_j} w^\top A w = 2 (A w)_j",
    "w: vector[d]; A: matrix[d, d]; j: index",
    [],
    "=",
    "w:vec:d A:mat:d:d j:index:d",
    lambda p: (
        d_entry(lambda w: (col(w).T * p.A * col(w))[0, 0], p.w, p.j),
        2 * (p.A * col(p.w))[p.j - 1],
    ),
    "only for symmetric A",
)
C(
    "ent-11",
    D,
    "true",
    r"\frac{\partial}{\partial w_j} w^\top S w = 2 (S w)_j",
    "w: vector[d]; S: symmetric[d]; j: index",
    [],
    "=",
    "w:vec:d S:sym:d j:index:d",
    lambda p: (
        d_entry(lambda w: (col(w).T * p.S * col(w))[0, 0], p.w, p.j),
        2 * (p.S * col(p.w))[p.j - 1],
    ),
    "S symmetric",
)
Z = "z: vector[n]; j, k: index"
SZ = "z:vec:n j:index:n"
C(
    "ent-12",
    D,
    "true",
    r"\frac{\partial}{\partial z_j} \log \sum_{k=1}^{n} e^{z_k} = \operatorname{softmax}(z)_j",
    Z,
    [],
    "=",
    SZ,
    lambda p: (d_entry(lse, p.z, p.j), softmax(p.z)[p.j - 1]),
    "gradient of log-sum-exp",
)
C(
    "ent-13",
    D,
    "false",
    r"\frac{\partial}{\partial z_j} \log \sum_{k=1}^{n} e^{z_k} = e^{z_j}",
    Z,
    [],
    "=",
    SZ,
    lambda p: (d_entry(lse, p.z, p.j), mp.exp(p.z[p.j - 1])),
    "normalizer dropped",
)
C(
    "ent-14",
    D,
    "true",
    r"\frac{\partial}{\partial z_j} \log \sum_{k=1}^{n} e^{z_k} = \frac{e^{z_j}}{\sum_{k=1}^{n} e^{z_k}}",
    Z,
    [],
    "=",
    SZ,
    lambda p: (d_entry(lse, p.z, p.j), mp.exp(p.z[p.j - 1]) / mp.fsum(mp.exp(t) for t in p.z)),
    "softmax written out",
)
C(
    "ent-15",
    D,
    "true",
    r"\frac{\partial}{\partial z_j} \operatorname{softmax}(z)_k = \operatorname{softmax}(z)_k (\delta_{jk} - \operatorname{softmax}(z)_j)",
    Z,
    [],
    "=",
    "z:vec:n j:index:n k:index:n",
    lambda p: (
        d_entry(lambda z: softmax(z)[p.k - 1], p.z, p.j),
        softmax(p.z)[p.k - 1] * ((1 if p.j == p.k else 0) - softmax(p.z)[p.j - 1]),
    ),
    "softmax Jacobian",
)
C(
    "ent-16",
    D,
    "false",
    r"\frac{\partial}{\partial z_j} \operatorname{softmax}(z)_k = \operatorname{softmax}(z)_k (1 - \operatorname{softmax}(z)_j)",
    Z,
    [],
    "=",
    "z:vec:n j:index:n k:index:n",
    lambda p: (
        d_entry(lambda z: softmax(z)[p.k - 1], p.z, p.j),
        softmax(p.z)[p.k - 1] * (1 - softmax(p.z)[p.j - 1]),
    ),
    "wrong off the diagonal j != k",
)
C(
    "ent-17",
    D,
    "true",
    r"\frac{\partial}{\partial z_j} \operatorname{softmax}(z)_j = \operatorname{softmax}(z)_j (1 - \operatorname{softmax}(z)_j)",
    Z,
    [],
    "=",
    SZ,
    lambda p: (
        d_entry(lambda z: softmax(z)[p.j - 1], p.z, p.j),
        softmax(p.z)[p.j - 1] * (1 - softmax(p.z)[p.j - 1]),
    ),
    "diagonal of the Jacobian",
)
C(
    "ent-18",
    D,
    "false",
    r"\frac{\partial}{\partial z_j} \operatorname{softmax}(z)_j = \operatorname{softmax}(z)_j (1 + \operatorname{softmax}(z)_j)",
    Z,
    [],
    "=",
    SZ,
    lambda p: (
        d_entry(lambda z: softmax(z)[p.j - 1], p.z, p.j),
        softmax(p.z)[p.j - 1] * (1 + softmax(p.z)[p.j - 1]),
    ),
    "sign flipped",
)
C(
    "ent-19",
    D,
    "true",
    r"\frac{\partial}{\partial w_j} \sigma(w^\top x) = \sigma(w^\top x) (1 - \sigma(w^\top x)) x_j",
    XW,
    [],
    "=",
    SXW,
    lambda p: (
        d_entry(lambda w: sig(dot(w, p.x)), p.w, p.j),
        sig(dot(p.w, p.x)) * (1 - sig(dot(p.w, p.x))) * p.x[p.j - 1],
    ),
    "chain rule",
)
C(
    "ent-20",
    D,
    "false",
    r"\frac{\partial}{\partial w_j} \sigma(w^\top x) = \sigma(w^\top x) (1 - \sigma(w^\top x))",
    XW,
    [],
    "=",
    SXW,
    lambda p: (
        d_entry(lambda w: sig(dot(w, p.x)), p.w, p.j),
        sig(dot(p.w, p.x)) * (1 - sig(dot(p.w, p.x))),
    ),
    "inner derivative x_j dropped",
)
LS = "X: matrix[m, d]; w: vector[d]; y: vector[m]; j: index"
SLS = "X:mat:m:d w:vec:d y:vec:m j:index:d"


def _ls(p, w):
    r = p.X * col(w) - col(p.y)
    return mp.fsum(t**2 for t in r)


C(
    "ent-21",
    D,
    "true",
    r"\frac{\partial}{\partial w_j} \|X w - y\|^2 = 2 (X^\top (X w - y))_j",
    LS,
    [],
    "=",
    SLS,
    lambda p: (
        d_entry(lambda w: _ls(p, w), p.w, p.j),
        2 * (p.X.T * (p.X * col(p.w) - col(p.y)))[p.j - 1],
    ),
    "least squares",
)
C(
    "ent-22",
    D,
    "false",
    r"\frac{\partial}{\partial w_j} \|X w - y\|^2 = (X^\top (X w - y))_j",
    LS,
    [],
    "=",
    SLS,
    lambda p: (
        d_entry(lambda w: _ls(p, w), p.w, p.j),
        (p.X.T * (p.X * col(p.w) - col(p.y)))[p.j - 1],
    ),
    "factor 2 dropped",
)


def _nzj(p):
    if p.w[p.j - 1] == 0:
        raise Undefined("|w_j| has no derivative at 0")
    return p.w


C(
    "ent-23",
    D,
    "true",
    r"\frac{\partial}{\partial w_j} \sum_{i=1}^{d} |w_i| = \operatorname{sign}(w_j)",
    "w: vector[d]; i, j: index",
    [],
    "=",
    "w:vec:d j:index:d",
    lambda p: (d_entry(lambda w: mp.fsum(abs(t) for t in w), _nzj(p), p.j), mp.sign(p.w[p.j - 1])),
    "where w_j != 0 (at 0 there is no derivative)",
)
C(
    "ent-24",
    D,
    "false",
    r"\frac{\partial}{\partial w_j} \sum_{i=1}^{d} |w_i| = 1",
    "w: vector[d]; i, j: index",
    [],
    "=",
    "w:vec:d j:index:d",
    lambda p: (d_entry(lambda w: mp.fsum(abs(t) for t in w), _nzj(p), p.j), 1),
    "w_j < 0",
)
C(
    "ent-25",
    D,
    "true",
    r"\frac{\partial}{\partial x_j} \sum_{i=1}^{d} x_i = 1",
    "x: vector[d]; i, j: index",
    [],
    "=",
    "x:vec:d j:index:d",
    lambda p: (d_entry(mp.fsum, p.x, p.j), 1),
    "one term",
)
C(
    "ent-26",
    D,
    "false",
    r"\frac{\partial}{\partial x_j} \sum_{i=1}^{d} x_i = d",
    "x: vector[d]; i, j: index; d: dim",
    [],
    "=",
    "x:vec:d j:index:d",
    lambda p: (d_entry(mp.fsum, p.x, p.j), p.d),
    "d = 2",
)
C(
    "ent-27",
    D,
    "true",
    r"\frac{\partial}{\partial x_j} \sum_{i=1}^{d} x_i^3 = 3 x_j^2",
    "x: vector[d]; i, j: index",
    [],
    "=",
    "x:vec:d j:index:d",
    lambda p: (d_entry(lambda x: mp.fsum(t**3 for t in x), p.x, p.j), 3 * p.x[p.j - 1] ** 2),
    "power rule",
)
C(
    "ent-28",
    D,
    "false",
    r"\frac{\partial}{\partial x_j} \sum_{i=1}^{d} x_i^3 = 3 x_j^3",
    "x: vector[d]; i, j: index",
    [],
    "=",
    "x:vec:d j:index:d",
    lambda p: (d_entry(lambda x: mp.fsum(t**3 for t in x), p.x, p.j), 3 * p.x[p.j - 1] ** 3),
    "wrong power",
)
C(
    "ent-29",
    D,
    "true",
    r"\frac{\partial}{\partial w_j} e^{w^\top x} = x_j e^{w^\top x}",
    XW,
    [],
    "=",
    SXW,
    lambda p: (
        d_entry(lambda w: mp.exp(dot(w, p.x)), p.w, p.j),
        p.x[p.j - 1] * mp.exp(dot(p.w, p.x)),
    ),
    "chain rule",
)
C(
    "ent-30",
    D,
    "false",
    r"\frac{\partial}{\partial w_j} e^{w^\top x} = w_j e^{w^\top x}",
    XW,
    [],
    "=",
    SXW,
    lambda p: (
        d_entry(lambda w: mp.exp(dot(w, p.x)), p.w, p.j),
        p.w[p.j - 1] * mp.exp(dot(p.w, p.x)),
    ),
    "w_j for x_j",
)
C(
    "ent-31",
    D,
    "true",
    r"\frac{\partial}{\partial w_j} \log(1 + e^{-y w^\top x}) = -y x_j \sigma(-y w^\top x)",
    XW,
    [],
    "=",
    SXW + " y:real",
    lambda p: (
        d_entry(lambda w: softplus(-p.y * dot(w, p.x)), p.w, p.j),
        -p.y * p.x[p.j - 1] * sig(-p.y * dot(p.w, p.x)),
    ),
    "logistic loss",
)
C(
    "ent-32",
    D,
    "false",
    r"\frac{\partial}{\partial w_j} \log(1 + e^{-y w^\top x}) = -y x_j \sigma(y w^\top x)",
    XW,
    [],
    "=",
    SXW + " y:real",
    lambda p: (
        d_entry(lambda w: softplus(-p.y * dot(w, p.x)), p.w, p.j),
        -p.y * p.x[p.j - 1] * sig(p.y * dot(p.w, p.x)),
    ),
    "sign inside sigma",
)
C(
    "ent-33",
    D,
    "true",
    r"\frac{\partial}{\partial w_j} \frac{1}{2}\|w - x\|^2 = w_j - x_j",
    XW,
    [],
    "=",
    SXW,
    lambda p: (
        d_entry(lambda w: mp.fsum((a - b) ** 2 for a, b in zip(w, p.x, strict=True)) / 2, p.w, p.j),
        p.w[p.j - 1] - p.x[p.j - 1],
    ),
    "residual",
)
C(
    "ent-34",
    D,
    "false",
    r"\frac{\partial}{\partial w_j} \frac{1}{2}\|w - x\|^2 = x_j - w_j",
    XW,
    [],
    "=",
    SXW,
    lambda p: (
        d_entry(lambda w: mp.fsum((a - b) ** 2 for a, b in zip(w, p.x, strict=True)) / 2, p.w, p.j),
        p.x[p.j - 1] - p.w[p.j - 1],
    ),
    "sign",
)


def _ce(y, z):
    return mp.fsum(a * (t - lse(z)) for a, t in zip(y, z, strict=True))


C(
    "ent-35",
    D,
    "true",
    r"\frac{\partial}{\partial z_j} \sum_{k=1}^{n} y_k \log \operatorname{softmax}(z)_k = y_j - \operatorname{softmax}(z)_j",
    "y: simplex[n]; z: vector[n]; j, k: index",
    [],
    "=",
    "y:simplex:n z:vec:n j:index:n",
    lambda p: (d_entry(lambda z: _ce(p.y, z), p.z, p.j), p.y[p.j - 1] - softmax(p.z)[p.j - 1]),
    "uses sum_k y_k = 1",
)
C(
    "ent-36",
    D,
    "false",
    r"\frac{\partial}{\partial z_j} \sum_{k=1}^{n} y_k \log \operatorname{softmax}(z)_k = y_j - \operatorname{softmax}(z)_j",
    "y, z: vector[n]; j, k: index",
    [],
    "=",
    "y:vec:n z:vec:n j:index:n",
    lambda p: (d_entry(lambda z: _ce(p.y, z), p.z, p.j), p.y[p.j - 1] - softmax(p.z)[p.j - 1]),
    "y is no simplex: the softmax term is scaled by sum_k y_k",
)
C(
    "ent-37",
    D,
    "true",
    r"\frac{\partial}{\partial w_j} (w^\top x)^2 = 2 (w^\top x) x_j",
    XW,
    [],
    "=",
    SXW,
    lambda p: (d_entry(lambda w: dot(w, p.x) ** 2, p.w, p.j), 2 * dot(p.w, p.x) * p.x[p.j - 1]),
    "chain rule",
)
C(
    "ent-38",
    D,
    "false",
    r"\frac{\partial}{\partial w_j} (w^\top x)^2 = 2 w_j x_j^2",
    XW,
    [],
    "=",
    SXW,
    lambda p: (d_entry(lambda w: dot(w, p.x) ** 2, p.w, p.j), 2 * p.w[p.j - 1] * p.x[p.j - 1] ** 2),
    "cross terms dropped (d >= 2)",
)
C(
    "ent-39",
    D,
    "true",
    r"\frac{\partial^2}{\partial w_j^2} \|w\|^2 = 2",
    XW,
    [],
    "=",
    SXW,
    lambda p: (d_entry(lambda w: dot(w, w), p.w, p.j, 2), 2),
    "second derivative",
)
C(
    "ent-40",
    D,
    "true",
    r"\frac{\partial}{\partial w_j} \sqrt{1 + \|w\|^2} = \frac{w_j}{\sqrt{1 + \|w\|^2}}",
    XW,
    [],
    "=",
    SXW,
    lambda p: (
        d_entry(lambda w: mp.sqrt(1 + dot(w, w)), p.w, p.j),
        p.w[p.j - 1] / mp.sqrt(1 + dot(p.w, p.w)),
    ),
    "chain rule",
)
C(
    "ent-41",
    D,
    "false",
    r"\frac{\partial}{\partial w_j} \sqrt{1 + \|w\|^2} = \frac{1}{2\sqrt{1 + \|w\|^2}}",
    XW,
    [],
    "=",
    SXW,
    lambda p: (
        d_entry(lambda w: mp.sqrt(1 + dot(w, w)), p.w, p.j),
        1 / (2 * mp.sqrt(1 + dot(p.w, p.w))),
    ),
    "inner derivative dropped",
)
C(
    "ent-42",
    D,
    "true",
    r"\frac{\partial (\mathbf{w}^\top \mathbf{x})}{\partial w_j} = x_j",
    XW,
    [],
    "=",
    SXW,
    lambda p: (d_entry(lambda w: dot(w, p.x), p.w, p.j), p.x[p.j - 1]),
    "bold notation",
)
C(
    "ent-43",
    D,
    "true",
    r"\frac{\partial}{\partial z_j} \log \sum_{k=1}^{n} e^{z_k} \le 1",
    Z,
    [],
    "<=",
    SZ,
    lambda p: (d_entry(lse, p.z, p.j), 1),
    "a softmax entry is at most 1",
)
C(
    "ent-44",
    D,
    "false",
    r"\frac{\partial}{\partial z_j} \log \sum_{k=1}^{n} e^{z_k} < 1",
    Z,
    [],
    "<",
    SZ,
    lambda p: (d_entry(lse, p.z, p.j), 1),
    "n = 1: the derivative is 1",
)
C(
    "ent-45",
    D,
    "true",
    r"\sum_{j=1}^{n} \frac{\partial}{\partial z_j} \log \sum_{k=1}^{n} e^{z_k} = 1",
    Z,
    [],
    "=",
    "z:vec:n",
    lambda p: (mp.fsum(d_entry(lse, p.z, j) for j in range(1, len(p.z) + 1)), 1),
    "softmax sums to 1",
)
C(
    "ent-46",
    D,
    "false",
    r"\sum_{j=1}^{n} \frac{\partial}{\partial z_j} \log \sum_{k=1}^{n} e^{z_k} = n",
    "z: vector[n]; j, k: index; n: dim",
    [],
    "=",
    "z:vec:n",
    lambda p: (mp.fsum(d_entry(lse, p.z, j) for j in range(1, len(p.z) + 1)), p.n),
    "n = 2",
)


# == (d) real roots and powers =======================================================================
R = "roots"
C(
    "root-01",
    R,
    "true",
    r"\sqrt[3]{x}^3 = x",
    "",
    [],
    "=",
    "x:real",
    lambda p: (cbrt(p.x) ** 3, p.x),
    "the real cube root (also true for the principal complex root)",
)
C(
    "root-02",
    R,
    "true",
    r"\sqrt[3]{-8} = -2",
    "",
    [],
    "=",
    "",
    lambda p: (cbrt(E(-8)), -2),
    "\\sqrt[3]{} of a real number is the real cube root",
)
C(
    "root-03",
    R,
    "true",
    r"\sqrt[3]{x^3} = x",
    "",
    [],
    "=",
    "x:real",
    lambda p: (cbrt(p.x**3), p.x),
    "the real cube root is odd",
)
C(
    "root-04",
    R,
    "false",
    r"\sqrt[3]{x} > 0",
    "",
    [],
    ">",
    "x:real",
    lambda p: (cbrt(p.x), 0),
    "x = 0 (false under any reading)",
    witness={"x": 0.0},
)
C(
    "root-05",
    R,
    "false",
    r"\sqrt[3]{x} \ge 0",
    "",
    [],
    ">=",
    "x:real",
    lambda p: (cbrt(p.x), 0),
    "x = -1: the real cube root is -1",
    witness={"x": -1.0},
)
C(
    "root-06",
    R,
    "true",
    r"\sqrt[3]{x} < 0",
    "",
    [r"x < 0"],
    "<",
    "x:real",
    lambda p: (cbrt(p.x), 0),
    "real cube root of a negative number",
    where=lambda p: p.x < 0,
)
C(
    "root-07",
    R,
    "true",
    r"\sqrt[3]{x y} = \sqrt[3]{x} \sqrt[3]{y}",
    "",
    [],
    "=",
    "x:real y:real",
    lambda p: (cbrt(p.x * p.y), cbrt(p.x) * cbrt(p.y)),
    "multiplicative on all reals",
)
C(
    "root-08",
    R,
    "false",
    r"\sqrt{x^2 y^2} = x y",
    "",
    [],
    "=",
    "x:real y:real",
    lambda p: (sqrt(p.x**2 * p.y**2), p.x * p.y),
    "x = -1, y = 1",
)
C(
    "root-09",
    R,
    "true",
    r"\sqrt{x^2} = |x|",
    "",
    [],
    "=",
    "x:real",
    lambda p: (sqrt(p.x**2), abs(p.x)),
    "definition of |x|",
)
C(
    "root-10",
    R,
    "true",
    r"(x^2)^{1/2} = |x|",
    "",
    [],
    "=",
    "x:real",
    lambda p: (sqrt(p.x**2), abs(p.x)),
    "same with a fractional power",
)
C(
    "root-11",
    R,
    "true",
    r"x^{1/3} \ge 1",
    "",
    [r"x \ge 1"],
    ">=",
    "x:real",
    lambda p: (mp.cbrt(p.x), 1),
    "x >= 1",
    where=lambda p: p.x >= 1,
)
C(
    "root-12",
    R,
    "true",
    r"a^{1/3} = \sqrt[3]{a}",
    "a: scalar, positive",
    [],
    "=",
    "a:pos",
    lambda p: (mp.power(p.a, E(1) / 3), cbrt(p.a)),
    "a > 0",
)
C(
    "root-13",
    R,
    "true",
    r"a^{2/3} = \sqrt[3]{a^2}",
    "a: scalar, positive",
    [],
    "=",
    "a:pos",
    lambda p: (mp.power(p.a, E(2) / 3), cbrt(p.a**2)),
    "a > 0",
)
C(
    "root-14",
    R,
    "true",
    r"\sqrt[3]{x^2} = |x|^{2/3}",
    "",
    [],
    "=",
    "x:real",
    lambda p: (cbrt(p.x**2), mp.power(abs(p.x), E(2) / 3)),
    "x^2 >= 0",
)
C(
    "root-15",
    R,
    "true",
    r"\sqrt[3]{x^2} \ge 0",
    "",
    [],
    ">=",
    "x:real",
    lambda p: (cbrt(p.x**2), 0),
    "cube root of a nonnegative number",
)
C(
    "root-16",
    R,
    "true",
    r"(a^{3})^{1/3} = a",
    "a: scalar, positive",
    [],
    "=",
    "a:pos",
    lambda p: (mp.cbrt(p.a**3), p.a),
    "a > 0",
)
C(
    "root-17",
    R,
    "false",
    r"(x^3)^{1/3} = |x|",
    "",
    [],
    "=",
    "x:real",
    lambda p: (cbrt(p.x**3), abs(p.x)),
    "x = -1: -1 with the real root, non-real with the principal one; never 1",
    witness={"x": -1.0},
)
C(
    "root-18",
    R,
    "false",
    r"x^{1/3} = |x|^{1/3}",
    "",
    [],
    "=",
    "x:real",
    lambda p: (cbrt(p.x), mp.cbrt(abs(p.x))),
    "x = -1 under either reading",
    witness={"x": -1.0},
)
C(
    "root-19",
    R,
    "true",
    r"|x|^{3} = |x^3|",
    "",
    [],
    "=",
    "x:real",
    lambda p: (abs(p.x) ** 3, abs(p.x**3)),
    "|.| is multiplicative",
)
C(
    "root-20",
    R,
    "true",
    r"\sqrt{a} \sqrt{b} = \sqrt{a b}",
    "a, b: scalar, nonnegative",
    [],
    "=",
    "a:nonneg b:nonneg",
    lambda p: (sqrt(p.a) * sqrt(p.b), sqrt(p.a * p.b)),
    "a, b >= 0",
)
C(
    "root-21",
    R,
    "true",
    r"\sqrt{\frac{a}{b}} = \frac{\sqrt{a}}{\sqrt{b}}",
    "a, b: scalar, positive",
    [],
    "=",
    "a:pos b:pos",
    lambda p: (sqrt(p.a / p.b), sqrt(p.a) / sqrt(p.b)),
    "a, b > 0",
)
C(
    "root-22",
    R,
    "false",
    r"\sqrt{a + b} = \sqrt{a} + \sqrt{b}",
    "a, b: scalar, positive",
    [],
    "=",
    "a:pos b:pos",
    lambda p: (sqrt(p.a + p.b), sqrt(p.a) + sqrt(p.b)),
    "a = b = 1",
)
C(
    "root-23",
    R,
    "true",
    r"\sqrt{a + b} \le \sqrt{a} + \sqrt{b}",
    "a, b: scalar, nonnegative",
    [],
    "<=",
    "a:nonneg b:nonneg",
    lambda p: (sqrt(p.a + p.b), sqrt(p.a) + sqrt(p.b)),
    "square both sides",
)
C(
    "root-24",
    R,
    "false",
    r"\sqrt{a + b} < \sqrt{a} + \sqrt{b}",
    "a, b: scalar, nonnegative",
    [],
    "<",
    "a:nonneg b:nonneg",
    lambda p: (sqrt(p.a + p.b), sqrt(p.a) + sqrt(p.b)),
    "a = 0",
)
C(
    "root-25",
    R,
    "true",
    r"\sqrt[4]{x^4} = |x|",
    "",
    [],
    "=",
    "x:real",
    lambda p: (root(p.x**4, 4), abs(p.x)),
    "even root",
)
C(
    "root-26",
    R,
    "false",
    r"\sqrt[4]{x^4} = x",
    "",
    [],
    "=",
    "x:real",
    lambda p: (root(p.x**4, 4), p.x),
    "x = -1",
)
C(
    "root-27",
    R,
    "true",
    r"a^{-1/2} = \frac{1}{\sqrt{a}}",
    "a: scalar, positive",
    [],
    "=",
    "a:pos",
    lambda p: (mp.power(p.a, E(-1) / 2), 1 / sqrt(p.a)),
    "a > 0",
)
C(
    "root-28",
    R,
    "true",
    r"\sqrt[3]{-27} + 3 = 0",
    "",
    [],
    "=",
    "",
    lambda p: (cbrt(E(-27)) + 3, 0),
    "the real cube root of -27 is -3",
)
C(
    "root-29",
    R,
    "true",
    r"\sqrt{x^2 + 1} > |x|",
    "",
    [],
    ">",
    "x:real",
    lambda p: (mp.sqrt(p.x**2 + 1), abs(p.x)),
    "x^2 + 1 > x^2",
)
C(
    "root-30",
    R,
    "false",
    r"\sqrt{x^2 + 1} < |x| + \frac{1}{2}",
    "",
    [],
    "<",
    "x:real",
    lambda p: (mp.sqrt(p.x**2 + 1), abs(p.x) + E(1) / 2),
    "x = 0",
)
C(
    "root-31",
    R,
    "true",
    r"\sqrt{x^2 + y^2} \le |x| + |y|",
    "",
    [],
    "<=",
    "x:real y:real",
    lambda p: (mp.sqrt(p.x**2 + p.y**2), abs(p.x) + abs(p.y)),
    "square both sides",
)
C(
    "root-32",
    R,
    "false",
    r"\sqrt{x^2 + y^2} < |x| + |y|",
    "",
    [],
    "<",
    "x:real y:real",
    lambda p: (mp.sqrt(p.x**2 + p.y**2), abs(p.x) + abs(p.y)),
    "y = 0",
)
C(
    "root-33",
    R,
    "true",
    r"a^{1/2} a^{1/3} = a^{5/6}",
    "a: scalar, positive",
    [],
    "=",
    "a:pos",
    lambda p: (mp.power(p.a, E(1) / 2) * mp.power(p.a, E(1) / 3), mp.power(p.a, E(5) / 6)),
    "exponents add",
)
C(
    "root-34",
    R,
    "false",
    r"a^{1/2} a^{1/3} = a^{1/6}",
    "a: scalar, positive",
    [],
    "=",
    "a:pos",
    lambda p: (mp.power(p.a, E(1) / 2) * mp.power(p.a, E(1) / 3), mp.power(p.a, E(1) / 6)),
    "a = 2",
)
C(
    "root-35",
    R,
    "true",
    r"\sqrt[3]{x} = -\sqrt[3]{-x}",
    "",
    [],
    "=",
    "x:real",
    lambda p: (cbrt(p.x), -cbrt(-p.x)),
    "the real cube root is odd",
)
C(
    "root-36",
    R,
    "true",
    r"(a b)^{t} = a^{t} b^{t}",
    "a, b: scalar, positive",
    [],
    "=",
    "a:pos b:pos t:real",
    lambda p: (mp.power(p.a * p.b, p.t), mp.power(p.a, p.t) * mp.power(p.b, p.t)),
    "a, b > 0, t real",
)
C(
    "root-37",
    R,
    "false",
    r"\sqrt{x^2} \sqrt{y^2} = x y",
    "",
    [],
    "=",
    "x:real y:real",
    lambda p: (sqrt(p.x**2) * sqrt(p.y**2), p.x * p.y),
    "x = -1, y = 1",
)
C(
    "root-38",
    R,
    "true",
    r"\sqrt{a^2 b} = a \sqrt{b}",
    "a, b: scalar, positive",
    [],
    "=",
    "a:pos b:pos",
    lambda p: (sqrt(p.a**2 * p.b), p.a * sqrt(p.b)),
    "a > 0",
)
C(
    "root-39",
    R,
    "false",
    r"\sqrt{x^2 b} = x \sqrt{b}",
    "b: scalar, positive",
    [],
    "=",
    "x:real b:pos",
    lambda p: (sqrt(p.x**2 * p.b), p.x * sqrt(p.b)),
    "x = -1",
)
C(
    "root-40",
    R,
    "true",
    r"\sqrt[3]{a} < \sqrt{a}",
    "",
    [r"a > 1"],
    "<",
    "a:real",
    lambda p: (cbrt(p.a), sqrt(p.a)),
    "a^(1/3) < a^(1/2) for a > 1",
    where=lambda p: p.a > 1,
)
C(
    "root-41",
    R,
    "false",
    r"\sqrt[3]{a} < \sqrt{a}",
    "",
    [r"a \ge 1"],
    "<",
    "a:real",
    lambda p: (cbrt(p.a), sqrt(p.a)),
    "a = 1",
    where=lambda p: p.a >= 1,
    witness={"a": 1.0},
)
C(
    "root-42",
    R,
    "false",
    r"\sqrt[3]{a} \le \sqrt{a}",
    "a: scalar, positive",
    [],
    "<=",
    "a:pos",
    lambda p: (cbrt(p.a), sqrt(p.a)),
    "a = 1/8: 1/2 > 0.35",
)
C(
    "root-43",
    R,
    "true",
    r"e^{\frac{1}{2}\log a} = \sqrt{a}",
    "a: scalar, positive",
    [],
    "=",
    "a:pos",
    lambda p: (mp.exp(log(p.a) / 2), sqrt(p.a)),
    "a > 0",
)
C(
    "root-44",
    R,
    "false",
    r"e^{\frac{1}{2}\log(x^2)} = x",
    "",
    [],
    "=",
    "x:real",
    lambda p: (mp.exp(log(p.x**2) / 2), p.x),
    "x = -1 gives 1",
)


# == (e) special functions at huge arguments; gaps below double precision =========================
S = "special"
# transcriptions compare a stable form where 1 - f(x) underflows any fixed precision (noted)
C(
    "spec-01",
    S,
    "true",
    r"\operatorname{erf}(x) < 1",
    "",
    [],
    "<",
    "x:real",
    lambda p: (0, mp.erfc(p.x)),
    "1 - erf = erfc > 0 (stable form)",
    exact=True,
)
C(
    "spec-02",
    S,
    "true",
    r"\operatorname{erf}(x) > -1",
    "",
    [],
    ">",
    "x:real",
    lambda p: (mp.erfc(-p.x), 0),
    "1 + erf(x) = erfc(-x) > 0 (stable form)",
    exact=True,
)
C(
    "spec-03",
    S,
    "false",
    r"\operatorname{erf}(x) < 1 - 10^{-30}",
    "",
    [],
    "<",
    "x:real",
    lambda p: (tiny(), mp.erfc(p.x)),
    "x = 10: erfc(10) ~ 2e-45 < 1e-30 (stable form)",
    witness={"x": 10.0},
)
C(
    "spec-04",
    S,
    "true",
    r"\tanh(x) < 1",
    "",
    [],
    "<",
    "x:real",
    lambda p: (0, 2 / (mp.exp(2 * p.x) + 1)),
    "1 - tanh x = 2/(e^{2x} + 1) (stable form)",
    exact=True,
)
C(
    "spec-05",
    S,
    "false",
    r"\tanh(x) < 1 - 10^{-30}",
    "",
    [],
    "<",
    "x:real",
    lambda p: (tiny(), 2 / (mp.exp(2 * p.x) + 1)),
    "x = 40",
    witness={"x": 40.0},
)
C(
    "spec-06",
    S,
    "true",
    r"\tanh(x) > -1",
    "",
    [],
    ">",
    "x:real",
    lambda p: (2 / (mp.exp(-2 * p.x) + 1), 0),
    "1 + tanh x > 0 (stable form)",
    exact=True,
)
C(
    "spec-07",
    S,
    "false",
    r"|\tanh(x)| < 1 - e^{-100}",
    "",
    [],
    "<",
    "x:real",
    lambda p: (mp.exp(-100), 2 / (mp.exp(2 * abs(p.x)) + 1)),
    "x = 100: 1 - tanh ~ 3e-87",
    witness={"x": 100.0},
)
C(
    "spec-08",
    S,
    "true",
    r"\sigma(x) < 1",
    "",
    [],
    "<",
    "x:real",
    lambda p: (0, sig(-p.x)),
    "1 - sigma(x) = sigma(-x) > 0 (stable form)",
    exact=True,
)
C(
    "spec-09",
    S,
    "false",
    r"\sigma(x) \le 1 - 10^{-30}",
    "",
    [],
    "<=",
    "x:real",
    lambda p: (tiny(), sig(-p.x)),
    "x = 80: sigma(-80) ~ 1.8e-35",
    witness={"x": 80.0},
)
C(
    "spec-10",
    S,
    "true",
    r"\sigma(x) > 0",
    "",
    [],
    ">",
    "x:real",
    lambda p: (sig(p.x), 0),
    "exp(-x) finite",
)
C(
    "spec-11",
    S,
    "false",
    r"\sigma(x) > 10^{-300}",
    "",
    [],
    ">",
    "x:real",
    lambda p: (sig(p.x), E(10) ** -300),
    "x = -1000: e^{-1000} is below double range",
    witness={"x": -1000.0},
    exact=True,
)
C(
    "spec-12",
    S,
    "true",
    r"\operatorname{softplus}(x) > \max(0, x)",
    "",
    [],
    ">",
    "x:real",
    lambda p: (mp.log1p(mp.exp(-abs(p.x))), 0),
    "softplus(x) - max(0, x) = log(1 + e^{-|x|}) (stable form)",
    exact=True,
)
C(
    "spec-13",
    S,
    "false",
    r"\operatorname{softplus}(x) > \max(0, x) + 10^{-30}",
    "",
    [],
    ">",
    "x:real",
    lambda p: (mp.log1p(mp.exp(-abs(p.x))), tiny()),
    "x = 100: log1p(e^-100) ~ 3.7e-44",
    witness={"x": 100.0},
)
C(
    "spec-14",
    S,
    "true",
    r"\operatorname{softplus}(x) \le \max(0, x) + \log 2",
    "",
    [],
    "<=",
    "x:real",
    lambda p: (softplus(p.x), max(E(0), p.x) + mp.log(2)),
    "equality at 0",
)
C(
    "spec-15",
    S,
    "false",
    r"\operatorname{softplus}(x) < \max(0, x) + \log 2",
    "",
    [],
    "<",
    "x:real",
    lambda p: (softplus(p.x), max(E(0), p.x) + mp.log(2)),
    "x = 0",
    witness={"x": 0.0},
)
C(
    "spec-16",
    S,
    "true",
    r"\log(1 + e^{x}) > x",
    "",
    [],
    ">",
    "x:real",
    lambda p: (mp.log1p(mp.exp(-p.x)), 0),
    "log(1 + e^x) - x = log(1 + e^{-x}) (stable form)",
    exact=True,
)
C(
    "spec-17",
    S,
    "true",
    r"\operatorname{digamma}(a) < \log a",
    "a: scalar, positive",
    [],
    "<",
    "a:pos",
    lambda p: (mp.digamma(p.a), log(p.a)),
    "psi(a) < log a - 1/(2a)",
)
C(
    "spec-18",
    S,
    "true",
    r"\operatorname{digamma}(a) < \log a - \frac{1}{2a}",
    "a: scalar, positive",
    [],
    "<",
    "a:pos",
    lambda p: (mp.digamma(p.a), log(p.a) - 1 / (2 * p.a)),
    "classical bound, gap ~ 1/(12 a^2)",
)
C(
    "spec-19",
    S,
    "false",
    r"\operatorname{digamma}(a) < \log a - \frac{1}{a}",
    "a: scalar, positive",
    [],
    "<",
    "a:pos",
    lambda p: (mp.digamma(p.a), log(p.a) - 1 / p.a),
    "psi(a) > log a - 1/a",
)
C(
    "spec-20",
    S,
    "true",
    r"\operatorname{digamma}(a) > \log a - \frac{1}{a}",
    "a: scalar, positive",
    [],
    ">",
    "a:pos",
    lambda p: (mp.digamma(p.a), log(p.a) - 1 / p.a),
    "classical lower bound",
)
C(
    "spec-21",
    S,
    "true",
    r"\log\Gamma(a + 1) = \log\Gamma(a) + \log a",
    "a: scalar, positive",
    [],
    "=",
    "a:pos",
    lambda p: (mp.loggamma(p.a + 1), mp.loggamma(p.a) + log(p.a)),
    "Gamma(a+1) = a Gamma(a)",
)
C(
    "spec-22",
    S,
    "false",
    r"\log\Gamma(a + 1) = \log\Gamma(a) + \log a + 10^{-30}",
    "a: scalar, positive",
    [],
    "=",
    "a:pos",
    lambda p: (mp.loggamma(p.a + 1), mp.loggamma(p.a) + log(p.a) + tiny()),
    "off by 10^-30",
)
C(
    "spec-23",
    S,
    "true",
    r"\Gamma(a + 1) = a \Gamma(a)",
    "a: scalar, positive",
    [],
    "=",
    "a:pos",
    lambda p: (mp.gamma(p.a + 1), p.a * mp.gamma(p.a)),
    "functional equation",
)
C(
    "spec-24",
    S,
    "true",
    r"\log\Gamma(a) \ge (a - \frac{1}{2}) \log a - a + \frac{1}{2} \log(2\pi)",
    "a: scalar, positive",
    [],
    ">=",
    "a:pos",
    lambda p: (mp.loggamma(p.a), (p.a - E(1) / 2) * log(p.a) - p.a + mp.log(2 * mp.pi) / 2),
    "Stirling remainder is positive",
)
C(
    "spec-25",
    S,
    "true",
    r"\log\Gamma(a) \le (a - \frac{1}{2}) \log a - a + \frac{1}{2} \log(2\pi) + \frac{1}{12 a}",
    "a: scalar, positive",
    [],
    "<=",
    "a:pos",
    lambda p: (
        mp.loggamma(p.a),
        (p.a - E(1) / 2) * log(p.a) - p.a + mp.log(2 * mp.pi) / 2 + 1 / (12 * p.a),
    ),
    "Stirling remainder below 1/(12a)",
)
C(
    "spec-26",
    S,
    "false",
    r"\log\Gamma(a) \ge (a - \frac{1}{2}) \log a - a + \frac{1}{2} \log(2\pi) + \frac{1}{12 a}",
    "a: scalar, positive",
    [],
    ">=",
    "a:pos",
    lambda p: (
        mp.loggamma(p.a),
        (p.a - E(1) / 2) * log(p.a) - p.a + mp.log(2 * mp.pi) / 2 + 1 / (12 * p.a),
    ),
    "remainder is strictly below 1/(12a)",
)
C(
    "spec-27",
    S,
    "true",
    r"\Gamma(a) > 0",
    "a: scalar, positive",
    [],
    ">",
    "a:pos",
    lambda p: (mp.gamma(p.a), 0),
    "a > 0",
)
C(
    "spec-28",
    S,
    "false",
    r"\Gamma(x) > 0",
    "",
    [],
    ">",
    "x:real",
    lambda p: (mp.gamma(p.x), 0) if not (p.x <= 0 and p.x == int(p.x)) else _pole(),
    "x = -1/2: Gamma = -2 sqrt(pi)",
    witness={"x": -0.5},
)
C(
    "spec-29",
    S,
    "true",
    r"\operatorname{erf}(x) = -\operatorname{erf}(-x)",
    "",
    [],
    "=",
    "x:real",
    lambda p: (mp.erf(p.x), -mp.erf(-p.x)),
    "odd",
)
C(
    "spec-30",
    S,
    "false",
    r"\operatorname{erf}(x) + \operatorname{erf}(-x) = 10^{-30}",
    "",
    [],
    "=",
    "x:real",
    lambda p: (mp.erf(p.x) + mp.erf(-p.x), tiny()),
    "the sum is 0",
)
C(
    "spec-31",
    S,
    "false",
    r"e^{-x^2} > 10^{-300}",
    "",
    [],
    ">",
    "x:real",
    lambda p: (mp.exp(-(p.x**2)), E(10) ** -300),
    "x = 30: e^{-900} ~ 1e-391",
    witness={"x": 30.0},
    exact=True,
)
C(
    "spec-32",
    S,
    "true",
    r"\log(1 + e^{-x}) + x = \log(1 + e^{x})",
    "",
    [],
    "=",
    "x:real",
    lambda p: (mp.log1p(mp.exp(-p.x)) + p.x, mp.log1p(mp.exp(p.x))),
    "factor e^x",
)
C(
    "spec-33",
    S,
    "true",
    r"\sigma(x) + \sigma(-x) = 1",
    "",
    [],
    "=",
    "x:real",
    lambda p: (sig(p.x) + sig(-p.x), 1),
    "symmetry",
)
C(
    "spec-34",
    S,
    "false",
    r"\sigma(x) + \sigma(-x) = 1 + 10^{-30}",
    "",
    [],
    "=",
    "x:real",
    lambda p: (sig(p.x) + sig(-p.x), 1 + tiny()),
    "off by 10^-30",
)
C(
    "spec-35",
    S,
    "false",
    r"\tanh(x) = 2 \sigma(2 x) - 1 + e^{-80}",
    "",
    [],
    "=",
    "x:real",
    lambda p: (mp.tanh(p.x), 2 * sig(2 * p.x) - 1 + mp.exp(-80)),
    "off by e^-80",
)
C(
    "spec-36",
    S,
    "true",
    r"\cosh(x) \ge 1",
    "",
    [],
    ">=",
    "x:real",
    lambda p: (mp.cosh(p.x), 1),
    "cosh minimum at 0",
)
C(
    "spec-37",
    S,
    "false",
    r"\cosh(x) > 1",
    "",
    [],
    ">",
    "x:real",
    lambda p: (mp.cosh(p.x), 1),
    "x = 0",
)
C(
    "spec-38",
    S,
    "true",
    r"x \tanh(x) \ge 0",
    "",
    [],
    ">=",
    "x:real",
    lambda p: (p.x * mp.tanh(p.x), 0),
    "same signs",
)
C(
    "spec-39",
    S,
    "false",
    r"x \tanh(x) > 0",
    "",
    [],
    ">",
    "x:real",
    lambda p: (p.x * mp.tanh(p.x), 0),
    "x = 0",
)
C(
    "spec-40",
    S,
    "false",
    r"\operatorname{erf}(c) > 0",
    "c: scalar, nonnegative",
    [],
    ">",
    "c:nonneg",
    lambda p: (mp.erf(p.c), 0),
    "c = 0",
)
C(
    "spec-41",
    S,
    "true",
    r"\log \sigma(x) < 0",
    "",
    [],
    "<",
    "x:real",
    lambda p: (-mp.log1p(mp.exp(-p.x)) if p.x > 0 else p.x - mp.log1p(mp.exp(p.x)), 0),
    "log sigma(x) = -log(1 + e^{-x}) (stable form)",
    exact=True,
)
C(
    "spec-42",
    S,
    "false",
    r"\log \sigma(x) < -10^{-30}",
    "",
    [],
    "<",
    "x:real",
    lambda p: (-mp.log1p(mp.exp(-p.x)), -tiny()),
    "x = 80: log sigma(80) ~ -1.8e-35",
    witness={"x": 80.0},
)
C(
    "spec-43",
    S,
    "true",
    r"\log \sigma(x) = -\operatorname{softplus}(-x)",
    "",
    [],
    "=",
    "x:real",
    lambda p: (mp.log(sig(p.x)), -softplus(-p.x)),
    "definition",
)
C(
    "spec-44",
    S,
    "true",
    r"\operatorname{digamma}(a + 1) = \operatorname{digamma}(a) + \frac{1}{a}",
    "a: scalar, positive",
    [],
    "=",
    "a:pos",
    lambda p: (mp.digamma(p.a + 1) - mp.digamma(p.a), 1 / p.a),
    "recurrence (transcribed as a difference: digamma(a) ~ -1/a loses digits near 0)",
)
C(
    "spec-45",
    S,
    "false",
    r"\operatorname{digamma}(a + 1) = \operatorname{digamma}(a) + \frac{1}{a + 1}",
    "a: scalar, positive",
    [],
    "=",
    "a:pos",
    lambda p: (mp.digamma(p.a + 1), mp.digamma(p.a) + 1 / (p.a + 1)),
    "off by one",
)
C(
    "spec-46",
    S,
    "true",
    r"\Gamma(\frac{1}{2})^2 = \pi",
    "",
    [],
    "=",
    "",
    lambda p: (mp.gamma(E(1) / 2) ** 2, mp.pi),
    "Gamma(1/2) = sqrt(pi)",
)
C(
    "spec-47",
    S,
    "false",
    r"\Gamma(\frac{1}{2}) = 1.7724538509055159",
    "",
    [],
    "=",
    "",
    lambda p: (mp.gamma(E(1) / 2), mp.mpf("1.7724538509055159")),
    "sqrt(pi) rounded to 17 digits",
)
C(
    "spec-48",
    S,
    "true",
    r"\tanh(a) < a",
    "a: scalar, positive",
    [],
    "<",
    "a:pos",
    lambda p: (mp.tanh(p.a), p.a),
    "tanh' < 1 away from 0",
)
C(
    "spec-49",
    S,
    "false",
    r"\tanh(x) < x",
    "",
    [],
    "<",
    "x:real",
    lambda p: (mp.tanh(p.x), p.x),
    "x = 0 or x < 0",
)
C(
    "spec-50",
    S,
    "false",
    r"\operatorname{softplus}(x) - \operatorname{softplus}(-x) = x + e^{-50}",
    "",
    [],
    "=",
    "x:real",
    lambda p: (softplus(p.x) - softplus(-p.x), p.x + mp.exp(-50)),
    "off by e^-50",
)


# == (f) matrices ===================================================================================
M = "matrix"
AB = "A, B: matrix[n, n]"
SAB = "A:mat:n:n B:mat:n:n"
C(
    "mat-01",
    M,
    "false",
    r"(I + A)^{-1} = I - A",
    "A: matrix[n, n]",
    [],
    "=",
    "A:mat:n:n",
    lambda p: (inv(eye(p.n) + p.A), eye(p.n) - p.A),
    "only to first order: A = (1)",
)
C(
    "mat-02",
    M,
    "true",
    r"\det(A B) = \det(A) \det(B)",
    AB,
    [],
    "=",
    SAB,
    lambda p: (det(p.A * p.B), det(p.A) * det(p.B)),
    "multiplicative",
)
C(
    "mat-03",
    M,
    "false",
    r"\det(A + B) = \det(A) + \det(B)",
    AB,
    [],
    "=",
    SAB,
    lambda p: (det(p.A + p.B), det(p.A) + det(p.B)),
    "A = B = I, n = 2",
)
C(
    "mat-04",
    M,
    "true",
    r"\operatorname{tr}(A B) = \operatorname{tr}(B A)",
    "A: matrix[m, n]; B: matrix[n, m]",
    [],
    "=",
    "A:mat:m:n B:mat:n:m",
    lambda p: (tr(p.A * p.B), tr(p.B * p.A)),
    "cyclic, rectangular factors",
)
C(
    "mat-05",
    M,
    "false",
    r"\operatorname{tr}(A B C) = \operatorname{tr}(B A C)",
    "A, B, C: matrix[n, n]",
    [],
    "=",
    "A:mat:n:n B:mat:n:n C:mat:n:n",
    lambda p: (tr(p.A * p.B * p.C), tr(p.B * p.A * p.C)),
    "not a cyclic permutation",
)
C(
    "mat-06",
    M,
    "true",
    r"\operatorname{tr}(A B C) = \operatorname{tr}(C A B)",
    "A, B, C: matrix[n, n]",
    [],
    "=",
    "A:mat:n:n B:mat:n:n C:mat:n:n",
    lambda p: (tr(p.A * p.B * p.C), tr(p.C * p.A * p.B)),
    "cyclic",
)
C(
    "mat-07",
    M,
    "false",
    r"B (A B)^{-1} A = I",
    "A: matrix[m, n]; B: matrix[n, m]",
    [],
    "=",
    "A:mat:m:n B:mat:n:m",
    lambda p: (p.B * inv(p.A * p.B) * p.A, eye(p.n)),
    "rank at most m < n: m = 1, n = 2",
    witness={"m": 1, "n": 2, "A": [[1.0, 0.0]], "B": [[1.0], [0.0]]},
)
C(
    "mat-08",
    M,
    "true",
    r"(A B)^{-1} = B^{-1} A^{-1}",
    AB,
    [],
    "=",
    SAB,
    lambda p: (inv(p.A * p.B), inv(p.B) * inv(p.A)),
    "reverse order",
)
C(
    "mat-09",
    M,
    "false",
    r"(A B)^{-1} = A^{-1} B^{-1}",
    AB,
    [],
    "=",
    SAB,
    lambda p: (inv(p.A * p.B), inv(p.A) * inv(p.B)),
    "order, n >= 2",
)
C(
    "mat-10",
    M,
    "true",
    r"(A^\top)^{-1} = (A^{-1})^\top",
    "A: matrix[n, n]",
    [],
    "=",
    "A:mat:n:n",
    lambda p: (inv(p.A.T), inv(p.A).T),
    "transpose and inverse commute",
)
C(
    "mat-11",
    M,
    "true",
    r"\det(A^\top) = \det(A)",
    "A: matrix[n, n]",
    [],
    "=",
    "A:mat:n:n",
    lambda p: (det(p.A.T), det(p.A)),
    "",
)
C(
    "mat-12",
    M,
    "true",
    r"\det(A^{-1}) = \frac{1}{\det(A)}",
    "A: matrix[n, n]",
    [],
    "=",
    "A:mat:n:n",
    lambda p: (det(inv(p.A)), 1 / det(p.A)),
    "A invertible",
)
C(
    "mat-13",
    M,
    "false",
    r"\det(2 A) = 2 \det(A)",
    "A: matrix[n, n]",
    [],
    "=",
    "A:mat:n:n",
    lambda p: (det(2 * p.A), 2 * det(p.A)),
    "2^n, n = 2",
)
C(
    "mat-14",
    M,
    "true",
    r"\det(c A) = c^n \det(A)",
    "A: matrix[n, n]; n: dim",
    [],
    "=",
    "A:mat:n:n c:real",
    lambda p: (det(p.c * p.A), p.c**p.n * det(p.A)),
    "homogeneous of degree n",
)
C(
    "mat-15",
    M,
    "true",
    r"\operatorname{tr}(A + B) = \operatorname{tr}(A) + \operatorname{tr}(B)",
    AB,
    [],
    "=",
    SAB,
    lambda p: (tr(p.A + p.B), tr(p.A) + tr(p.B)),
    "linear",
)
C(
    "mat-16",
    M,
    "false",
    r"\operatorname{tr}(A B) = \operatorname{tr}(A) \operatorname{tr}(B)",
    AB,
    [],
    "=",
    SAB,
    lambda p: (tr(p.A * p.B), tr(p.A) * tr(p.B)),
    "n = 2, A = B = I",
)
C(
    "mat-17",
    M,
    "true",
    r"\operatorname{tr}(A^\top A) \ge 0",
    "A: matrix[m, n]",
    [],
    ">=",
    "A:mat:m:n",
    lambda p: (tr(p.A.T * p.A), 0),
    "sum of squares",
)
C(
    "mat-18",
    M,
    "false",
    r"\operatorname{tr}(A^2) \ge 0",
    "A: matrix[n, n]",
    [],
    ">=",
    "A:mat:n:n",
    lambda p: (tr(p.A * p.A), 0),
    "a rotation by 90 degrees: -2",
    witness={"n": 2, "A": [[0.0, 1.0], [-1.0, 0.0]]},
)
C(
    "mat-19",
    M,
    "true",
    r"\operatorname{tr}(S^2) \ge 0",
    "S: symmetric[n]",
    [],
    ">=",
    "S:sym:n",
    lambda p: (tr(p.S * p.S), 0),
    "S^2 = S^T S",
)
C(
    "mat-20",
    M,
    "true",
    r"\operatorname{tr}(A^\top A) = \|A\|_F^2",
    "A: matrix[m, n]",
    [],
    "=",
    "A:mat:m:n",
    lambda p: (tr(p.A.T * p.A), frob(p.A) ** 2),
    "Frobenius norm",
)
C(
    "mat-21",
    M,
    "false",
    r"\|A\|_2 = \|A\|_F",
    "A: matrix[m, n]",
    [],
    "=",
    "A:mat:m:n",
    lambda p: (spec2(p.A), frob(p.A)),
    "rank 2: A = I_2",
)
C(
    "mat-22",
    M,
    "true",
    r"\|A\|_2 \le \|A\|_F",
    "A: matrix[m, n]",
    [],
    "<=",
    "A:mat:m:n",
    lambda p: (spec2(p.A), frob(p.A)),
    "largest singular value vs all",
)
UV = "u, v: vector[n]"
C(
    "mat-23",
    M,
    "true",
    r"\det(I + u v^\top) = 1 + v^\top u",
    UV,
    [],
    "=",
    "u:vec:n v:vec:n",
    lambda p: (det(eye(p.n) + col(p.u) * col(p.v).T), 1 + dot(p.v, p.u)),
    "matrix determinant lemma",
)
C(
    "mat-24",
    M,
    "false",
    r"\det(I + u v^\top) = 1 + u^\top u",
    UV,
    [],
    "=",
    "u:vec:n v:vec:n",
    lambda p: (det(eye(p.n) + col(p.u) * col(p.v).T), 1 + dot(p.u, p.u)),
    "v for u",
)
C(
    "mat-25",
    M,
    "true",
    r"(I + u v^\top)^{-1} = I - \frac{u v^\top}{1 + v^\top u}",
    UV,
    [],
    "=",
    "u:vec:n v:vec:n",
    lambda p: (
        inv(eye(p.n) + col(p.u) * col(p.v).T),
        eye(p.n) - col(p.u) * col(p.v).T / (1 + dot(p.v, p.u)),
    ),
    "Sherman-Morrison (where 1 + v^T u != 0)",
)
C(
    "mat-26",
    M,
    "false",
    r"(I + u v^\top)^{-1} = I - u v^\top",
    UV,
    [],
    "=",
    "u:vec:n v:vec:n",
    lambda p: (inv(eye(p.n) + col(p.u) * col(p.v).T), eye(p.n) - col(p.u) * col(p.v).T),
    "denominator dropped",
)
C(
    "mat-27",
    M,
    "true",
    r"(A^{-1})^{-1} = A",
    "A: matrix[n, n]",
    [],
    "=",
    "A:mat:n:n",
    lambda p: (inv(inv(p.A)), p.A),
    "A invertible",
)
C(
    "mat-28",
    M,
    "false",
    r"(A B)^\top = A^\top B^\top",
    AB,
    [],
    "=",
    SAB,
    lambda p: ((p.A * p.B).T, p.A.T * p.B.T),
    "order",
)
C(
    "mat-29",
    M,
    "true",
    r"(A B)^\top = B^\top A^\top",
    "A: matrix[m, n]; B: matrix[n, k]",
    [],
    "=",
    "A:mat:m:n B:mat:n:k",
    lambda p: ((p.A * p.B).T, p.B.T * p.A.T),
    "reverse order",
)
C(
    "mat-30",
    M,
    "true",
    r"\operatorname{tr}(S^{-1}) > 0",
    "S: spd[n]",
    [],
    ">",
    "S:spd:n",
    lambda p: (tr(inv(p.S)), 0),
    "inverse of SPD is SPD",
)
C(
    "mat-31",
    M,
    "true",
    r"x^\top A x = \operatorname{tr}(A x x^\top)",
    "A: matrix[n, n]; x: vector[n]",
    [],
    "=",
    "A:mat:n:n x:vec:n",
    lambda p: ((col(p.x).T * p.A * col(p.x))[0, 0], tr(p.A * col(p.x) * col(p.x).T)),
    "trace trick",
)
C(
    "mat-32",
    M,
    "false",
    r"x^\top A x = \operatorname{tr}(A) x^\top x",
    "A: matrix[n, n]; x: vector[n]",
    [],
    "=",
    "A:mat:n:n x:vec:n",
    lambda p: ((col(p.x).T * p.A * col(p.x))[0, 0], tr(p.A) * dot(p.x, p.x)),
    "n = 2",
)
C(
    "mat-33",
    M,
    "false",
    r"\det(A^\top A) > 0",
    "A: matrix[m, n]",
    [],
    ">",
    "A:mat:m:n",
    lambda p: (det(p.A.T * p.A), 0),
    "m < n: rank deficient",
    witness={"m": 1, "n": 2, "A": [[1.0, 2.0]]},
)
C(
    "mat-34",
    M,
    "true",
    r"\det(A^\top A) \ge 0",
    "A: matrix[m, n]",
    [],
    ">=",
    "A:mat:m:n",
    lambda p: (det(p.A.T * p.A), 0),
    "Gram matrix is PSD",
)
C(
    "mat-35",
    M,
    "false",
    r"(A + B)^2 = A^2 + 2 A B + B^2",
    AB,
    [],
    "=",
    SAB,
    lambda p: ((p.A + p.B) ** 2, p.A**2 + 2 * p.A * p.B + p.B**2),
    "AB != BA",
)
C(
    "mat-36",
    M,
    "true",
    r"(A + B)^2 = A^2 + A B + B A + B^2",
    AB,
    [],
    "=",
    SAB,
    lambda p: ((p.A + p.B) ** 2, p.A**2 + p.A * p.B + p.B * p.A + p.B**2),
    "expansion",
)
C(
    "mat-37",
    M,
    "true",
    r"\det(S) \le \left(\frac{\operatorname{tr}(S)}{n}\right)^n",
    "S: spd[n]; n: dim",
    [],
    "<=",
    "S:spd:n",
    lambda p: (det(p.S), (tr(p.S) / p.n) ** p.n),
    "AM-GM on eigenvalues",
)
C(
    "mat-38",
    M,
    "false",
    r"\det(S) < \left(\frac{\operatorname{tr}(S)}{n}\right)^n",
    "S: spd[n]; n: dim",
    [],
    "<",
    "S:spd:n",
    lambda p: (det(p.S), (tr(p.S) / p.n) ** p.n),
    "S = I or n = 1",
)
C(
    "mat-39",
    M,
    "true",
    r"v^\top (S + I)^{-1} v \le v^\top v",
    "S: spd[n]; v: vector[n]",
    [],
    "<=",
    "S:spd:n v:vec:n",
    lambda p: ((col(p.v).T * inv(p.S + eye(p.n)) * col(p.v))[0, 0], dot(p.v, p.v)),
    "eigenvalues of (S + I)^-1 are below 1",
)
C(
    "mat-40",
    M,
    "false",
    r"v^\top (S + I)^{-1} v < v^\top v",
    "S: spd[n]; v: vector[n]",
    [],
    "<",
    "S:spd:n v:vec:n",
    lambda p: ((col(p.v).T * inv(p.S + eye(p.n)) * col(p.v))[0, 0], dot(p.v, p.v)),
    "v = 0",
)
C(
    "mat-41",
    M,
    "true",
    r"\|A x\|^2 = x^\top A^\top A x",
    "A: matrix[m, n]; x: vector[n]",
    [],
    "=",
    "A:mat:m:n x:vec:n",
    lambda p: (mp.fsum(t**2 for t in p.A * col(p.x)), (col(p.x).T * p.A.T * p.A * col(p.x))[0, 0]),
    "",
)
C(
    "mat-42",
    M,
    "false",
    r"\|A x\|^2 = x^\top A A^\top x",
    "A: matrix[n, n]; x: vector[n]",
    [],
    "=",
    "A:mat:n:n x:vec:n",
    lambda p: (mp.fsum(t**2 for t in p.A * col(p.x)), (col(p.x).T * p.A * p.A.T * col(p.x))[0, 0]),
    "A A^T for A^T A",
)
C(
    "mat-43",
    M,
    "true",
    r"\|A x\|_2 \le \|A\|_F \|x\|_2",
    "A: matrix[m, n]; x: vector[n]",
    [],
    "<=",
    "A:mat:m:n x:vec:n",
    lambda p: (nrm(list(p.A * col(p.x))), frob(p.A) * nrm(p.x)),
    "Cauchy-Schwarz rows",
)
C("mat-44", M, "false", r"A B = B A", AB, [], "=", SAB, lambda p: (p.A * p.B, p.B * p.A), "n = 2")
C(
    "mat-45",
    M,
    "true",
    r"\operatorname{tr}(A^\top B) = \sum_{i=1}^{m} \sum_{j=1}^{n} A_{ij} B_{ij}",
    "A, B: matrix[m, n]; i, j: index",
    [],
    "=",
    "A:mat:m:n B:mat:m:n",
    lambda p: (
        tr(p.A.T * p.B),
        mp.fsum(p.A[i, j] * p.B[i, j] for i in range(p.A.rows) for j in range(p.A.cols)),
    ),
    "Frobenius inner product",
)
C(
    "mat-46",
    M,
    "false",
    r"\operatorname{tr}(A^\top B) = \sum_{i=1}^{n} \sum_{j=1}^{n} A_{ij} B_{ji}",
    "A, B: matrix[n, n]; i, j: index",
    [],
    "=",
    SAB,
    lambda p: (
        tr(p.A.T * p.B),
        mp.fsum(p.A[i, j] * p.B[j, i] for i in range(p.n) for j in range(p.n)),
    ),
    "that is tr(A B)",
)
C(
    "mat-47",
    M,
    "false",
    r"\operatorname{tr}(I_n) = n - 10^{-30}",
    "n: dim",
    [],
    "=",
    "n:dim",
    lambda p: (p.n, p.n - tiny()),
    "off by 10^-30",
)
C(
    "mat-48",
    M,
    "true",
    r"\operatorname{tr}(I_n) = n",
    "n: dim",
    [],
    "=",
    "n:dim",
    lambda p: (p.n, p.n),
    "trace of the identity",
)


# == (g) givens that define a function, applied at compound arguments ==============================
G = "defined-function"
C(
    "fun-01",
    G,
    "true",
    r"f(2y) \ge 0",
    "f: function",
    [r"f(x) = x^2"],
    ">=",
    "y:real",
    lambda p: ((2 * p.y) ** 2, 0),
    "a square",
)
C(
    "fun-02",
    G,
    "false",
    r"f(2y) = 2 f(y)",
    "f: function",
    [r"f(x) = x^2"],
    "=",
    "y:real",
    lambda p: ((2 * p.y) ** 2, 2 * p.y**2),
    "y = 1: 4 != 2",
)
C(
    "fun-03",
    G,
    "true",
    r"f(2y) = 4 f(y)",
    "f: function",
    [r"f(x) = x^2"],
    "=",
    "y:real",
    lambda p: ((2 * p.y) ** 2, 4 * p.y**2),
    "homogeneous of degree 2",
)
C(
    "fun-04",
    G,
    "false",
    r"f(y + 1) = f(y) + 1",
    "f: function",
    [r"f(x) = x^2"],
    "=",
    "y:real",
    lambda p: ((p.y + 1) ** 2, p.y**2 + 1),
    "y = 1",
)
C(
    "fun-05",
    G,
    "true",
    r"f(y + 1) = f(y) + 2y + 1",
    "f: function",
    [r"f(x) = x^2"],
    "=",
    "y:real",
    lambda p: ((p.y + 1) ** 2, p.y**2 + 2 * p.y + 1),
    "binomial",
)
C(
    "fun-06",
    G,
    "true",
    r"g(f(y)) = y^4",
    "f, g: function",
    [r"f(x) = x^2", r"g(x) = x^2"],
    "=",
    "y:real",
    lambda p: ((p.y**2) ** 2, p.y**4),
    "composition",
)
C(
    "fun-07",
    G,
    "false",
    r"g(f(y)) = y^2",
    "f, g: function",
    [r"f(x) = x^2", r"g(x) = x^2"],
    "=",
    "y:real",
    lambda p: ((p.y**2) ** 2, p.y**2),
    "y = 2",
)
C(
    "fun-08",
    G,
    "true",
    r"h(a, b) = h(b, a)",
    "h: function",
    [r"h(x, y) = x y + x + y"],
    "=",
    "a:real b:real",
    lambda p: (p.a * p.b + p.a + p.b, p.b * p.a + p.b + p.a),
    "symmetric",
)
C(
    "fun-09",
    G,
    "false",
    r"h(a, b) = h(b, a)",
    "h: function",
    [r"h(x, y) = x - y"],
    "=",
    "a:real b:real",
    lambda p: (p.a - p.b, p.b - p.a),
    "a = 1, b = 0",
)
C(
    "fun-10",
    G,
    "true",
    r"h(h(a, b), c) = h(a, h(b, c))",
    "h: function",
    [r"h(x, y) = x + y + x y"],
    "=",
    "a:real b:real c:real",
    lambda p: (_h10(_h10(p.a, p.b), p.c), _h10(p.a, _h10(p.b, p.c))),
    "(1+x)(1+y) - 1 is associative",
)
C(
    "fun-11",
    G,
    "false",
    r"h(h(a, b), c) = h(a, h(b, c))",
    "h: function",
    [r"h(x, y) = x - y"],
    "=",
    "a:real b:real c:real",
    lambda p: ((p.a - p.b) - p.c, p.a - (p.b - p.c)),
    "c = 1",
)
C(
    "fun-12",
    G,
    "true",
    r"f(-y) = f(y)",
    "f: function",
    [r"f(x) = \cos(x) + x^2"],
    "=",
    "y:real",
    lambda p: (mp.cos(-p.y) + p.y**2, mp.cos(p.y) + p.y**2),
    "even",
)
C(
    "fun-13",
    G,
    "false",
    r"f(-y) = f(y)",
    "f: function",
    [r"f(x) = x^3 + x^2"],
    "=",
    "y:real",
    lambda p: (-(p.y**3) + p.y**2, p.y**3 + p.y**2),
    "y = 1",
)
C(
    "fun-14",
    G,
    "true",
    r"f(\log t) = t",
    "f: function; t: scalar, positive",
    [r"f(x) = e^{x}"],
    "=",
    "t:pos",
    lambda p: (mp.exp(log(p.t)), p.t),
    "t > 0",
)
C(
    "fun-15",
    G,
    "false",
    r"f(2 \log t) = 2 t",
    "f: function; t: scalar, positive",
    [r"f(x) = e^{x}"],
    "=",
    "t:pos",
    lambda p: (mp.exp(2 * log(p.t)), 2 * p.t),
    "t^2 != 2t at t = 1",
)
C(
    "fun-16",
    G,
    "true",
    r"f(y) \ge 1 + y",
    "f: function",
    [r"f(x) = e^{x}"],
    ">=",
    "y:real",
    lambda p: (mp.exp(p.y), 1 + p.y),
    "e^t >= 1 + t",
)
C(
    "fun-17",
    G,
    "false",
    r"f(y) > 1 + y",
    "f: function",
    [r"f(x) = e^{x}"],
    ">",
    "y:real",
    lambda p: (mp.exp(p.y), 1 + p.y),
    "y = 0",
)
C(
    "fun-18",
    G,
    "true",
    r"f(y) + f(-y) = 1",
    "f: function",
    [r"f(x) = \frac{1}{1 + e^{-x}} + x"],
    "=",
    "y:real",
    lambda p: (sig(p.y) + p.y + sig(-p.y) - p.y, 1),
    "the odd part cancels",
)
C(
    "fun-19",
    G,
    "false",
    r"f(y) + f(-y) = 1",
    "f: function",
    [r"f(x) = \frac{1}{1 + e^{-x}} + x^2"],
    "=",
    "y:real",
    lambda p: (sig(p.y) + p.y**2 + sig(-p.y) + p.y**2, 1),
    "y = 1",
)
C(
    "fun-20",
    G,
    "true",
    r"f(a + b) = f(a) f(b)",
    "f: function",
    [r"f(x) = e^{x}"],
    "=",
    "a:real b:real",
    lambda p: (mp.exp(p.a + p.b), mp.exp(p.a) * mp.exp(p.b)),
    "exponential law",
)
C(
    "fun-21",
    G,
    "false",
    r"f(a + b) = f(a) f(b)",
    "f: function",
    [r"f(x) = e^{x} + 1"],
    "=",
    "a:real b:real",
    lambda p: (mp.exp(p.a + p.b) + 1, (mp.exp(p.a) + 1) * (mp.exp(p.b) + 1)),
    "a = b = 0",
)
C(
    "fun-22",
    G,
    "true",
    r"f(x + y) = x^2 + 2 x y + y^2",
    "f: function",
    [r"f(t) = t^2"],
    "=",
    "x:real y:real",
    lambda p: ((p.x + p.y) ** 2, p.x**2 + 2 * p.x * p.y + p.y**2),
    "the definition's variable is not the claim's",
)
C(
    "fun-23",
    G,
    "false",
    r"f(x + y) = x^2 + y^2",
    "f: function",
    [r"f(t) = t^2"],
    "=",
    "x:real y:real",
    lambda p: ((p.x + p.y) ** 2, p.x**2 + p.y**2),
    "x = y = 1",
)
C(
    "fun-24",
    G,
    "true",
    r"D(x, y) \ge 0",
    "D: function",
    [r"D(u, v) = (u - v)^2"],
    ">=",
    "x:real y:real",
    lambda p: ((p.x - p.y) ** 2, 0),
    "a square",
)
C(
    "fun-25",
    G,
    "true",
    r"D(y, x) = D(x, y)",
    "D: function",
    [r"D(u, v) = (u - v)^2"],
    "=",
    "x:real y:real",
    lambda p: ((p.y - p.x) ** 2, (p.x - p.y) ** 2),
    "symmetric",
)
C(
    "fun-26",
    G,
    "false",
    r"D(x, z) \le D(x, y) + D(y, z)",
    "D: function",
    [r"D(u, v) = (u - v)^2"],
    "<=",
    "x:real y:real z:real",
    lambda p: ((p.x - p.z) ** 2, (p.x - p.y) ** 2 + (p.y - p.z) ** 2),
    "x = 0, y = 1, z = 2",
)
C(
    "fun-27",
    G,
    "true",
    r"D(x, z) \le D(x, y) + D(y, z)",
    "D: function",
    [r"D(u, v) = |u - v|"],
    "<=",
    "x:real y:real z:real",
    lambda p: (abs(p.x - p.z), abs(p.x - p.y) + abs(p.y - p.z)),
    "triangle inequality",
)
C(
    "fun-28",
    G,
    "true",
    r"f(f(y)) = y",
    "f: function",
    [r"f(x) = 1 - x"],
    "=",
    "y:real",
    lambda p: (1 - (1 - p.y), p.y),
    "an involution",
)
C(
    "fun-29",
    G,
    "false",
    r"f(f(y)) = y",
    "f: function",
    [r"f(x) = 1 - 2x"],
    "=",
    "y:real",
    lambda p: (1 - 2 * (1 - 2 * p.y), p.y),
    "4y - 1 != y at y = 0",
)
C(
    "fun-30",
    G,
    "true",
    r"g(2, y) = 2 y + 4",
    "g: function",
    [r"g(u, v) = u v + u^2"],
    "=",
    "y:real",
    lambda p: (2 * p.y + 4, 2 * p.y + 4),
    "first argument 2",
)
C(
    "fun-31",
    G,
    "false",
    r"g(y, 2) = 2 y + 4",
    "g: function",
    [r"g(u, v) = u v + u^2"],
    "=",
    "y:real",
    lambda p: (2 * p.y + p.y**2, 2 * p.y + 4),
    "arguments swapped: y = 0",
)
C(
    "fun-32",
    G,
    "true",
    r"f(\sigma(y)) = y",
    "f: function",
    [r"f(x) = \log \frac{x}{1 - x}"],
    "=",
    "y:real",
    lambda p: (mp.log(sig(p.y) / sig(-p.y)), p.y),
    "logit inverts sigmoid",
)
C(
    "fun-33",
    G,
    "false",
    r"f(\sigma(y)) = -y",
    "f: function",
    [r"f(x) = \log \frac{x}{1 - x}"],
    "=",
    "y:real",
    lambda p: (mp.log(sig(p.y) / sig(-p.y)), -p.y),
    "y = 1",
)
C(
    "fun-34",
    G,
    "false",
    r"f(y^2) = y",
    "f: function",
    [r"f(x) = \sqrt{x}"],
    "=",
    "y:real",
    lambda p: (sqrt(p.y**2), p.y),
    "y = -1",
)
C(
    "fun-35",
    G,
    "true",
    r"q(a) \le q(b)",
    "q: function",
    [r"q(x) = x^3 + x", r"a \le b"],
    "<=",
    "a:real b:real",
    lambda p: (p.a**3 + p.a, p.b**3 + p.b),
    "increasing",
    where=lambda p: p.a <= p.b,
)
C(
    "fun-36",
    G,
    "false",
    r"q(a) \le q(b)",
    "q: function",
    [r"q(x) = x^2", r"a \le b"],
    "<=",
    "a:real b:real",
    lambda p: (p.a**2, p.b**2),
    "a = -2, b = 1",
    where=lambda p: p.a <= p.b,
    witness={"a": -2.0, "b": 1.0},
)
C(
    "fun-37",
    G,
    "true",
    r"f(2 w) = 4 f(w)",
    "f: function; w: vector[n]",
    [r"f(v) = \|v\|^2"],
    "=",
    "w:vec:n",
    lambda p: (4 * dot(p.w, p.w), 4 * dot(p.w, p.w)),
    "homogeneous",
)
C(
    "fun-38",
    G,
    "false",
    r"f(2 w) = 2 f(w)",
    "f: function; w: vector[n]",
    [r"f(v) = \|v\|^2"],
    "=",
    "w:vec:n",
    lambda p: (4 * dot(p.w, p.w), 2 * dot(p.w, p.w)),
    "w != 0",
)
C(
    "fun-39",
    G,
    "true",
    r"f(w + v) = f(w) + f(v) + 2 w^\top v",
    "f: function; w, v: vector[n]",
    [r"f(z) = \|z\|^2"],
    "=",
    "w:vec:n v:vec:n",
    lambda p: (
        dot(
            [a + b for a, b in zip(p.w, p.v, strict=True)],
            [a + b for a, b in zip(p.w, p.v, strict=True)],
        ),
        dot(p.w, p.w) + dot(p.v, p.v) + 2 * dot(p.w, p.v),
    ),
    "polarization",
)
C(
    "fun-40",
    G,
    "false",
    r"F(y, -y) = 2 y^2",
    "F: function",
    [r"F(u, v) = u^2 - v^2"],
    "=",
    "y:real",
    lambda p: (p.y**2 - p.y**2, 2 * p.y**2),
    "the left side is 0",
)
C(
    "fun-41",
    G,
    "false",
    r"f(g(y)) = g(f(y))",
    "f, g: function",
    [r"f(x) = 2 x", r"g(x) = x + 1"],
    "=",
    "y:real",
    lambda p: (2 * (p.y + 1), 2 * p.y + 1),
    "they do not commute",
)
C(
    "fun-42",
    G,
    "true",
    r"f(a b) = f(a) + f(b)",
    "f: function; a, b: scalar, positive",
    [r"f(x) = \log x"],
    "=",
    "a:pos b:pos",
    lambda p: (log(p.a * p.b), log(p.a) + log(p.b)),
    "log",
)
C(
    "fun-43",
    G,
    "false",
    r"f(a + b) = f(a) + f(b)",
    "f: function; a, b: scalar, positive",
    [r"f(x) = \log x"],
    "=",
    "a:pos b:pos",
    lambda p: (log(p.a + p.b), log(p.a) + log(p.b)),
    "a = b = 1",
)
C(
    "fun-44",
    G,
    "true",
    r"f(y)^2 + g(y)^2 = 1",
    "f, g: function",
    [r"f(x) = \cos x", r"g(x) = \sin x"],
    "=",
    "y:real",
    lambda p: (mp.cos(p.y) ** 2 + mp.sin(p.y) ** 2, 1),
    "Pythagoras",
)
C(
    "fun-45",
    G,
    "false",
    r"g(y)^2 - f(y)^2 = 1",
    "f, g: function",
    [r"f(x) = \cosh x", r"g(x) = \sinh x"],
    "=",
    "y:real",
    lambda p: (mp.sinh(p.y) ** 2 - mp.cosh(p.y) ** 2, 1),
    "it is -1",
)


# == (h) sums that reuse a dummy index; Cauchy-Schwarz, Jensen, triangle ===========================
H = "sums"
XY = "x, y: vector[n]; i, j: index"
SXY = "x:vec:n y:vec:n"


def _s(v, g=lambda t: t):
    return mp.fsum(g(t) for t in v)


C(
    "sum-01",
    H,
    "true",
    r"\left(\sum_{i=1}^{n} x_i y_i\right)^2 \le \left(\sum_{i=1}^{n} x_i^2\right) \left(\sum_{i=1}^{n} y_i^2\right)",
    XY,
    [],
    "<=",
    SXY,
    lambda p: (dot(p.x, p.y) ** 2, dot(p.x, p.x) * dot(p.y, p.y)),
    "Cauchy-Schwarz",
)
C(
    "sum-02",
    H,
    "false",
    r"\left(\sum_{i=1}^{n} x_i y_i\right)^2 < \left(\sum_{i=1}^{n} x_i^2\right) \left(\sum_{i=1}^{n} y_i^2\right)",
    XY,
    [],
    "<",
    SXY,
    lambda p: (dot(p.x, p.y) ** 2, dot(p.x, p.x) * dot(p.y, p.y)),
    "n = 1 or parallel",
)
C(
    "sum-03",
    H,
    "false",
    r"\left(\sum_{i=1}^{n} x_i y_i\right)^2 \le \left(\sum_{i=1}^{n} x_i^2\right) \left(\sum_{i=1}^{n} y_i^2\right) - 10^{-30}",
    XY,
    [],
    "<=",
    SXY,
    lambda p: (dot(p.x, p.y) ** 2, dot(p.x, p.x) * dot(p.y, p.y) - tiny()),
    "x = 0",
)
C(
    "sum-04",
    H,
    "true",
    r"\left(\sum_{i=1}^{n} x_i\right) \left(\sum_{i=1}^{n} y_i\right) = \sum_{i=1}^{n} \sum_{j=1}^{n} x_i y_j",
    XY,
    [],
    "=",
    SXY,
    lambda p: (_s(p.x) * _s(p.y), mp.fsum(a * b for a in p.x for b in p.y)),
    "the two sums bind i separately",
)
C(
    "sum-05",
    H,
    "false",
    r"\left(\sum_{i=1}^{n} x_i\right) \left(\sum_{i=1}^{n} y_i\right) = \sum_{i=1}^{n} x_i y_i",
    XY,
    [],
    "=",
    SXY,
    lambda p: (_s(p.x) * _s(p.y), dot(p.x, p.y)),
    "cross terms, n = 2",
)
C(
    "sum-06",
    H,
    "true",
    r"\left(\sum_{i=1}^{n} x_i\right)^2 = \sum_{i=1}^{n} \sum_{j=1}^{n} x_i x_j",
    XY,
    [],
    "=",
    "x:vec:n",
    lambda p: (_s(p.x) ** 2, mp.fsum(a * b for a in p.x for b in p.x)),
    "",
)
C(
    "sum-07",
    H,
    "false",
    r"\left(\sum_{i=1}^{n} x_i\right)^2 = \sum_{i=1}^{n} x_i^2",
    XY,
    [],
    "=",
    "x:vec:n",
    lambda p: (_s(p.x) ** 2, dot(p.x, p.x)),
    "n = 2, x = (1, 1)",
)
C(
    "sum-08",
    H,
    "true",
    r"\left(\sum_{i=1}^{n} x_i\right)^2 \le n \sum_{i=1}^{n} x_i^2",
    "x: vector[n]; i: index; n: dim",
    [],
    "<=",
    "x:vec:n",
    lambda p: (_s(p.x) ** 2, p.n * dot(p.x, p.x)),
    "Cauchy-Schwarz with ones",
)
C(
    "sum-09",
    H,
    "false",
    r"\left(\sum_{i=1}^{n} x_i\right)^2 < n \sum_{i=1}^{n} x_i^2",
    "x: vector[n]; i: index; n: dim",
    [],
    "<",
    "x:vec:n",
    lambda p: (_s(p.x) ** 2, p.n * dot(p.x, p.x)),
    "x constant",
)
C(
    "sum-10",
    H,
    "false",
    r"\left(\sum_{i=1}^{n} x_i\right)^2 \le \sum_{i=1}^{n} x_i^2",
    XY,
    [],
    "<=",
    "x:vec:n",
    lambda p: (_s(p.x) ** 2, dot(p.x, p.x)),
    "x = (1, 1)",
)
C(
    "sum-11",
    H,
    "true",
    r"\sum_{i=1}^{n} \sum_{j=1}^{n} (x_i - x_j)^2 = 2 n \sum_{i=1}^{n} x_i^2 - 2 \left(\sum_{i=1}^{n} x_i\right)^2",
    "x: vector[n]; i, j: index; n: dim",
    [],
    "=",
    "x:vec:n",
    lambda p: (
        mp.fsum((a - b) ** 2 for a in p.x for b in p.x),
        2 * p.n * dot(p.x, p.x) - 2 * _s(p.x) ** 2,
    ),
    "expand the square",
)
C(
    "sum-12",
    H,
    "false",
    r"\sum_{i=1}^{n} \sum_{j=1}^{n} (x_i - x_j)^2 = n \sum_{i=1}^{n} x_i^2 - \left(\sum_{i=1}^{n} x_i\right)^2",
    "x: vector[n]; i, j: index; n: dim",
    [],
    "=",
    "x:vec:n",
    lambda p: (mp.fsum((a - b) ** 2 for a in p.x for b in p.x), p.n * dot(p.x, p.x) - _s(p.x) ** 2),
    "factor 2",
)
C(
    "sum-13",
    H,
    "true",
    r"\|x + y\| \le \|x\| + \|y\|",
    "x, y: vector[n]",
    [],
    "<=",
    SXY,
    lambda p: (nrm([a + b for a, b in zip(p.x, p.y, strict=True)]), nrm(p.x) + nrm(p.y)),
    "triangle",
)
C(
    "sum-14",
    H,
    "false",
    r"\|x + y\| < \|x\| + \|y\|",
    "x, y: vector[n]",
    [],
    "<",
    SXY,
    lambda p: (nrm([a + b for a, b in zip(p.x, p.y, strict=True)]), nrm(p.x) + nrm(p.y)),
    "y = 0",
)
C(
    "sum-15",
    H,
    "true",
    r"\left|\sum_{i=1}^{n} x_i\right| \le \sum_{i=1}^{n} |x_i|",
    XY,
    [],
    "<=",
    "x:vec:n",
    lambda p: (abs(_s(p.x)), _s(p.x, abs)),
    "triangle",
)
C(
    "sum-16",
    H,
    "false",
    r"\left|\sum_{i=1}^{n} x_i\right| < \sum_{i=1}^{n} |x_i|",
    XY,
    [],
    "<",
    "x:vec:n",
    lambda p: (abs(_s(p.x)), _s(p.x, abs)),
    "n = 1",
)
C(
    "sum-17",
    H,
    "true",
    r"\|x - y\| \ge \left|\|x\| - \|y\|\right|",
    "x, y: vector[n]",
    [],
    ">=",
    SXY,
    lambda p: (nrm([a - b for a, b in zip(p.x, p.y, strict=True)]), abs(nrm(p.x) - nrm(p.y))),
    "reverse triangle",
)
C(
    "sum-18",
    H,
    "true",
    r"\log\left(\frac{1}{n} \sum_{i=1}^{n} e^{x_i}\right) \ge \frac{1}{n} \sum_{i=1}^{n} x_i",
    "x: vector[n]; i: index; n: dim",
    [],
    ">=",
    "x:vec:n",
    lambda p: (lse(p.x) - mp.log(p.n), _s(p.x) / p.n),
    "Jensen",
)
C(
    "sum-19",
    H,
    "false",
    r"\log\left(\frac{1}{n} \sum_{i=1}^{n} e^{x_i}\right) > \frac{1}{n} \sum_{i=1}^{n} x_i",
    "x: vector[n]; i: index; n: dim",
    [],
    ">",
    "x:vec:n",
    lambda p: (lse(p.x) - mp.log(p.n), _s(p.x) / p.n),
    "x constant",
)
C(
    "sum-20",
    H,
    "true",
    r"\log \sum_{i=1}^{n} e^{x_i} \ge x_j",
    XY,
    [],
    ">=",
    "x:vec:n j:index:n",
    lambda p: (lse(p.x), p.x[p.j - 1]),
    "one term",
)
C(
    "sum-21",
    H,
    "false",
    r"\log \sum_{i=1}^{n} e^{x_i} > x_j",
    XY,
    [],
    ">",
    "x:vec:n j:index:n",
    lambda p: (lse(p.x), p.x[p.j - 1]),
    "n = 1",
)
C(
    "sum-22",
    H,
    "false",
    r"\log \sum_{i=1}^{n} e^{x_i} \le x_j + \log n",
    "x: vector[n]; i, j: index; n: dim",
    [],
    "<=",
    "x:vec:n j:index:n",
    lambda p: (lse(p.x), p.x[p.j - 1] + mp.log(p.n)),
    "x_j is not the max: x = (0, 10), j = 1",
)
C(
    "sum-23",
    H,
    "true",
    r"\sum_{i=1}^{n} p_i x_i^2 \ge \left(\sum_{i=1}^{n} p_i x_i\right)^2",
    "p: simplex[n]; x: vector[n]; i: index",
    [],
    ">=",
    "p:simplex:n x:vec:n",
    lambda p: (mp.fsum(a * b**2 for a, b in zip(p.p, p.x, strict=True)), dot(p.p, p.x) ** 2),
    "Jensen: variance >= 0",
)
C(
    "sum-24",
    H,
    "false",
    r"\sum_{i=1}^{n} p_i x_i^2 > \left(\sum_{i=1}^{n} p_i x_i\right)^2",
    "p: simplex[n]; x: vector[n]; i: index",
    [],
    ">",
    "p:simplex:n x:vec:n",
    lambda p: (mp.fsum(a * b**2 for a, b in zip(p.p, p.x, strict=True)), dot(p.p, p.x) ** 2),
    "one-hot p",
)
C(
    "sum-25",
    H,
    "false",
    r"\sum_{i=1}^{n} w_i x_i^2 \ge \left(\sum_{i=1}^{n} w_i x_i\right)^2",
    "w, x: vector[n]; i: index",
    [],
    ">=",
    "w:vec:n x:vec:n",
    lambda p: (mp.fsum(a * b**2 for a, b in zip(p.w, p.x, strict=True)), dot(p.w, p.x) ** 2),
    "w is no simplex: w = (2), x = (1)",
)
C(
    "sum-26",
    H,
    "true",
    r"\sum_{i=1}^{n} \sum_{j=1}^{n} x_i y_j = \sum_{j=1}^{n} y_j \sum_{i=1}^{n} x_i",
    XY,
    [],
    "=",
    SXY,
    lambda p: (mp.fsum(a * b for a in p.x for b in p.y), _s(p.y) * _s(p.x)),
    "factor",
)
C(
    "sum-27",
    H,
    "false",
    r"\sum_{i=1}^{n} x_i y_i = \sum_{i=1}^{n} x_i \sum_{i=1}^{n} y_i",
    XY,
    [],
    "=",
    SXY,
    lambda p: (dot(p.x, p.y), _s(p.x) * _s(p.y)),
    "the second sum rebinds i",
)
C(
    "sum-28",
    H,
    "true",
    r"\sum_{i=2}^{n} x_i = \sum_{i=1}^{n} x_i - x_1",
    XY,
    [],
    "=",
    "x:vec:n",
    lambda p: (_s(p.x[1:]), _s(p.x) - p.x[0]),
    "n = 1: the left sum is empty",
)
C(
    "sum-29",
    H,
    "false",
    r"\sum_{i=1}^{n-1} x_i = \sum_{i=1}^{n} x_i - x_1",
    XY,
    [],
    "=",
    "x:vec:n",
    lambda p: (_s(p.x[:-1]), _s(p.x) - p.x[0]),
    "x_n for x_1: x = (1, 2)",
)
C(
    "sum-30",
    H,
    "true",
    r"\sum_{i=1}^{n} i = \frac{n (n + 1)}{2}",
    "i: index; n: dim",
    [],
    "=",
    "n:dim",
    lambda p: (E(sum(range(1, p.n + 1))), E(p.n * (p.n + 1)) / 2),
    "Gauss",
)
C(
    "sum-31",
    H,
    "false",
    r"\sum_{i=1}^{n} i^2 = \frac{n^2 (n + 1)}{2}",
    "i: index; n: dim",
    [],
    "=",
    "n:dim",
    lambda p: (E(sum(i * i for i in range(1, p.n + 1))), E(p.n**2 * (p.n + 1)) / 2),
    "n = 2",
)
C(
    "sum-32",
    H,
    "true",
    r"\sum_{i=1}^{n} i^2 = \frac{n (n + 1) (2 n + 1)}{6}",
    "i: index; n: dim",
    [],
    "=",
    "n:dim",
    lambda p: (E(sum(i * i for i in range(1, p.n + 1))), E(p.n * (p.n + 1) * (2 * p.n + 1)) / 6),
    "",
)
C(
    "sum-33",
    H,
    "false",
    r"\sum_{i=1}^{n} x_i^2 > 0",
    XY,
    [],
    ">",
    "x:vec:n",
    lambda p: (dot(p.x, p.x), 0),
    "x = 0",
)
C(
    "sum-34",
    H,
    "true",
    r"\sum_{i=1}^{n} x_i^2 + 10^{-30} > 0",
    XY,
    [],
    ">",
    "x:vec:n",
    lambda p: (dot(p.x, p.x) + tiny(), 0),
    "positive shift",
)
C(
    "sum-35",
    H,
    "false",
    r"\sum_{i=1}^{n} x_i^2 \ge 10^{-30}",
    XY,
    [],
    ">=",
    "x:vec:n",
    lambda p: (dot(p.x, p.x), tiny()),
    "x = 0",
)
C(
    "sum-36",
    H,
    "true",
    r"\sum_{i=1}^{n} |x_i| \le \sqrt{n} \|x\|",
    "x: vector[n]; i: index; n: dim",
    [],
    "<=",
    "x:vec:n",
    lambda p: (_s(p.x, abs), mp.sqrt(p.n) * nrm(p.x)),
    "l1 vs l2",
)
C(
    "sum-37",
    H,
    "false",
    r"\sum_{i=1}^{n} |x_i| \le \|x\|",
    "x: vector[n]; i: index",
    [],
    "<=",
    "x:vec:n",
    lambda p: (_s(p.x, abs), nrm(p.x)),
    "x = (1, 1)",
)
C(
    "sum-38",
    H,
    "true",
    r"\sum_{i=1}^{n} x_i \cdot \sum_{i=1}^{n} x_i = \left(\sum_{j=1}^{n} x_j\right)^2",
    XY,
    [],
    "=",
    "x:vec:n",
    lambda p: (_s(p.x) * _s(p.x), _s(p.x) ** 2),
    "the same dummy twice",
)
C(
    "sum-39",
    H,
    "true",
    r"\sum_{i=1}^{n} (x_i - m) = 0",
    "x: vector[n]; i: index; n: dim",
    [r"m = \frac{1}{n} \sum_{i=1}^{n} x_i"],
    "=",
    "x:vec:n",
    lambda p: (mp.fsum(t - _s(p.x) / p.n for t in p.x), 0),
    "deviations from the mean",
)
C(
    "sum-40",
    H,
    "false",
    r"\sum_{i=1}^{n} (x_i - m)^2 = \sum_{i=1}^{n} x_i^2 - m^2",
    "x: vector[n]; i: index; n: dim",
    [r"m = \frac{1}{n} \sum_{i=1}^{n} x_i"],
    "=",
    "x:vec:n",
    lambda p: (
        mp.fsum((t - _s(p.x) / p.n) ** 2 for t in p.x),
        dot(p.x, p.x) - (_s(p.x) / p.n) ** 2,
    ),
    "should be n m^2",
)
C(
    "sum-41",
    H,
    "true",
    r"\sum_{i=1}^{n} (x_i - m)^2 = \sum_{i=1}^{n} x_i^2 - n m^2",
    "x: vector[n]; i: index; n: dim",
    [r"m = \frac{1}{n} \sum_{i=1}^{n} x_i"],
    "=",
    "x:vec:n",
    lambda p: (
        mp.fsum((t - _s(p.x) / p.n) ** 2 for t in p.x),
        dot(p.x, p.x) - p.n * (_s(p.x) / p.n) ** 2,
    ),
    "",
)
C(
    "sum-42",
    H,
    "true",
    r"|a + b| \le |a| + |b|",
    "",
    [],
    "<=",
    "a:real b:real",
    lambda p: (abs(p.a + p.b), abs(p.a) + abs(p.b)),
    "scalar triangle",
)


# == (i) classic ML identities ======================================================================
L = "ml"
SMZ = "z: vector[n]; j, k: index"
PQ = "p, q: simplex[n]; k: index"
SPQ = "p:simplex:n q:simplex:n"


def _kl(p):
    v = kl(p.p, p.q)
    return v


def _klq(a, b):
    for x, y in zip(a, b, strict=True):
        if x > 0 and y == 0:
            raise Undefined("p_k > 0 = q_k: the divergence is infinite")
    return kl(a, b)


C(
    "ml-01",
    L,
    "true",
    r"\sum_{k=1}^{n} \operatorname{softmax}(z)_k = 1",
    SMZ,
    [],
    "=",
    "z:vec:n",
    lambda p: (mp.fsum(softmax(p.z)), 1),
    "normalized",
)
C(
    "ml-02",
    L,
    "false",
    r"\sum_{k=1}^{n} \operatorname{softmax}(z)_k = 1 + 10^{-30}",
    SMZ,
    [],
    "=",
    "z:vec:n",
    lambda p: (mp.fsum(softmax(p.z)), 1 + tiny()),
    "off by 10^-30",
)
C(
    "ml-03",
    L,
    "true",
    r"\frac{e^{z_k + c}}{\sum_{j=1}^{n} e^{z_j + c}} = \frac{e^{z_k}}{\sum_{j=1}^{n} e^{z_j}}",
    SMZ,
    [],
    "=",
    "z:vec:n k:index:n c:real",
    lambda p: (
        mp.exp(p.z[p.k - 1] + p.c) / mp.fsum(mp.exp(t + p.c) for t in p.z),
        softmax(p.z)[p.k - 1],
    ),
    "shift invariance",
)
C(
    "ml-04",
    L,
    "false",
    r"\frac{e^{c z_k}}{\sum_{j=1}^{n} e^{c z_j}} = \frac{e^{z_k}}{\sum_{j=1}^{n} e^{z_j}}",
    SMZ,
    [],
    "=",
    "z:vec:n k:index:n c:real",
    lambda p: (softmax([p.c * t for t in p.z])[p.k - 1], softmax(p.z)[p.k - 1]),
    "no scale invariance",
)
C(
    "ml-05",
    L,
    "true",
    r"\operatorname{softmax}(z)_k > 0",
    SMZ,
    [],
    ">",
    "z:vec:n k:index:n",
    lambda p: (softmax(p.z)[p.k - 1], 0),
    "exp > 0",
)
C(
    "ml-06",
    L,
    "false",
    r"\operatorname{softmax}(z)_k < 1",
    SMZ,
    [],
    "<",
    "z:vec:n k:index:n",
    lambda p: (softmax(p.z)[p.k - 1], 1),
    "n = 1",
)
C(
    "ml-07",
    L,
    "false",
    r"\operatorname{softmax}(z)_k > 10^{-300}",
    SMZ,
    [],
    ">",
    "z:vec:n k:index:n",
    lambda p: (softmax(p.z)[p.k - 1], E(10) ** -300),
    "z = (0, -1000), k = 2",
    witness={"n": 2, "z": [0.0, -1000.0], "k": 2},
    exact=True,
)
C(
    "ml-08",
    L,
    "true",
    r"\log \sum_{k=1}^{n} e^{z_k} \le \max_{k} z_k + \log n",
    "z: vector[n]; k: index; n: dim",
    [],
    "<=",
    "z:vec:n",
    lambda p: (lse(p.z), vmax(p.z) + mp.log(p.n)),
    "each term at most the max",
)
C(
    "ml-09",
    L,
    "true",
    r"\log \sum_{k=1}^{n} e^{z_k} \ge \max_{k} z_k",
    "z: vector[n]; k: index",
    [],
    ">=",
    "z:vec:n",
    lambda p: (lse(p.z), vmax(p.z)),
    "one term",
)
C(
    "ml-10",
    L,
    "false",
    r"\log \sum_{k=1}^{n} e^{z_k} < \max_{k} z_k + \log n",
    "z: vector[n]; k: index; n: dim",
    [],
    "<",
    "z:vec:n",
    lambda p: (lse(p.z), vmax(p.z) + mp.log(p.n)),
    "z constant",
)
C(
    "ml-11",
    L,
    "false",
    r"\log \sum_{k=1}^{n} e^{z_k} \le \max_{k} z_k",
    "z: vector[n]; k: index",
    [],
    "<=",
    "z:vec:n",
    lambda p: (lse(p.z), vmax(p.z)),
    "n = 2",
)
C(
    "ml-12",
    L,
    "true",
    r"\log \sum_{k=1}^{n} e^{z_k} \ge \frac{1}{n} \sum_{k=1}^{n} z_k + \log n",
    "z: vector[n]; k: index; n: dim",
    [],
    ">=",
    "z:vec:n",
    lambda p: (lse(p.z), mp.fsum(p.z) / p.n + mp.log(p.n)),
    "Jensen",
)
C(
    "ml-13",
    L,
    "false",
    r"\log \sum_{k=1}^{n} e^{z_k} > \frac{1}{n} \sum_{k=1}^{n} z_k + \log n",
    "z: vector[n]; k: index; n: dim",
    [],
    ">",
    "z:vec:n",
    lambda p: (lse(p.z), mp.fsum(p.z) / p.n + mp.log(p.n)),
    "z constant",
)
C(
    "ml-14",
    L,
    "true",
    r"\sum_{k=1}^{n} p_k \log \frac{p_k}{q_k} \ge 0",
    PQ,
    [],
    ">=",
    SPQ,
    lambda p: (_klq(p.p, p.q), 0),
    "Gibbs",
)
C(
    "ml-15",
    L,
    "false",
    r"\sum_{k=1}^{n} p_k \log \frac{p_k}{q_k} > 0",
    PQ,
    [],
    ">",
    SPQ,
    lambda p: (_klq(p.p, p.q), 0),
    "p = q",
)
C(
    "ml-16",
    L,
    "false",
    r"\sum_{k=1}^{n} p_k \log \frac{p_k}{q_k} = \sum_{k=1}^{n} q_k \log \frac{q_k}{p_k}",
    PQ,
    [],
    "=",
    SPQ,
    lambda p: (_klq(p.p, p.q), _klq(p.q, p.p)),
    "KL is not symmetric",
    witness={"n": 2, "p": [0.5, 0.5], "q": [0.25, 0.75]},
)
C(
    "ml-17",
    L,
    "true",
    r"D(p, q) \ge 0",
    "p, q: simplex[n]; D: function; k: index",
    [r"D(p, q) = \sum_{k=1}^{n} p_k \log \frac{p_k}{q_k}"],
    ">=",
    SPQ,
    lambda p: (_klq(p.p, p.q), 0),
    "KL through a definition",
)
C(
    "ml-18",
    L,
    "false",
    r"D(q, p) \le D(p, q)",
    "p, q: simplex[n]; D: function; k: index",
    [r"D(p, q) = \sum_{k=1}^{n} p_k \log \frac{p_k}{q_k}"],
    "<=",
    SPQ,
    lambda p: (_klq(p.q, p.p), _klq(p.p, p.q)),
    "asymmetry: either order can be larger",
    witness={"n": 2, "p": [0.5, 0.5], "q": [0.25, 0.75]},
)
C(
    "ml-19",
    L,
    "true",
    r"-\sum_{k=1}^{n} p_k \log p_k \le \log n",
    "p: simplex[n]; k: index; n: dim",
    [],
    "<=",
    "p:simplex:n",
    lambda p: (ent(p.p), mp.log(p.n)),
    "max entropy",
)
C(
    "ml-20",
    L,
    "false",
    r"-\sum_{k=1}^{n} p_k \log p_k < \log n",
    "p: simplex[n]; k: index; n: dim",
    [],
    "<",
    "p:simplex:n",
    lambda p: (ent(p.p), mp.log(p.n)),
    "uniform p",
)
C(
    "ml-21",
    L,
    "true",
    r"-\sum_{k=1}^{n} p_k \log p_k \ge 0",
    "p: simplex[n]; k: index",
    [],
    ">=",
    "p:simplex:n",
    lambda p: (ent(p.p), 0),
    "entries in [0, 1]",
)
C(
    "ml-22",
    L,
    "false",
    r"-\sum_{k=1}^{n} p_k \log p_k > 0",
    "p: simplex[n]; k: index",
    [],
    ">",
    "p:simplex:n",
    lambda p: (ent(p.p), 0),
    "one-hot p",
)
C(
    "ml-23",
    L,
    "true",
    r"-\sum_{k=1}^{n} p_k \log q_k \ge -\sum_{k=1}^{n} p_k \log p_k",
    PQ,
    [],
    ">=",
    SPQ,
    lambda p: (_klq(p.p, p.q) + ent(p.p), ent(p.p)),
    "cross-entropy >= entropy",
)
C(
    "ml-24",
    L,
    "true",
    r"\frac{d}{dx} \sigma(x) = \sigma(x) (1 - \sigma(x))",
    "",
    [],
    "=",
    "x:real",
    lambda p: (d_scalar(sig, p.x), sig(p.x) * (1 - sig(p.x))),
    "",
)
C(
    "ml-25",
    L,
    "false",
    r"\frac{d}{dx} \sigma(x) = \sigma(x) (1 + \sigma(x))",
    "",
    [],
    "=",
    "x:real",
    lambda p: (d_scalar(sig, p.x), sig(p.x) * (1 + sig(p.x))),
    "sign",
)
C(
    "ml-26",
    L,
    "true",
    r"\frac{d}{dx} \sigma(x) = \sigma(x) \sigma(-x)",
    "",
    [],
    "=",
    "x:real",
    lambda p: (d_scalar(sig, p.x), sig(p.x) * sig(-p.x)),
    "",
)
C(
    "ml-27",
    L,
    "true",
    r"\frac{d}{dx} \log \sigma(x) = 1 - \sigma(x)",
    "",
    [],
    "=",
    "x:real",
    lambda p: (d_scalar(lambda t: mp.log(sig(t)), p.x), 1 - sig(p.x)),
    "",
)
C(
    "ml-28",
    L,
    "false",
    r"\frac{d}{dx} \log \sigma(x) = \sigma(x)",
    "",
    [],
    "=",
    "x:real",
    lambda p: (d_scalar(lambda t: mp.log(sig(t)), p.x), sig(p.x)),
    "x = 0: 1/2 = 1/2, x = 1 fails",
)
C(
    "ml-29",
    L,
    "true",
    r"\sigma(x) = \frac{1}{2} \left(1 + \tanh\left(\frac{x}{2}\right)\right)",
    "",
    [],
    "=",
    "x:real",
    lambda p: (sig(p.x), (1 + mp.tanh(p.x / 2)) / 2),
    "",
)
C(
    "ml-30",
    L,
    "false",
    r"\sigma(x) = \frac{1}{2} (1 + \tanh(x))",
    "",
    [],
    "=",
    "x:real",
    lambda p: (sig(p.x), (1 + mp.tanh(p.x)) / 2),
    "argument x/2",
)
C(
    "ml-31",
    L,
    "true",
    r"\log \frac{\sigma(x)}{1 - \sigma(x)} = x",
    "",
    [],
    "=",
    "x:real",
    lambda p: (mp.log(sig(p.x) / sig(-p.x)), p.x),
    "logit",
)
C(
    "ml-32",
    L,
    "true",
    r"\frac{d}{dx} \operatorname{softplus}(x) = \sigma(x)",
    "",
    [],
    "=",
    "x:real",
    lambda p: (d_scalar(softplus, p.x), sig(p.x)),
    "",
)
C(
    "ml-33",
    L,
    "false",
    r"\frac{d}{dx} \operatorname{softplus}(x) = \sigma(-x)",
    "",
    [],
    "=",
    "x:real",
    lambda p: (d_scalar(softplus, p.x), sig(-p.x)),
    "x = 1",
)


def _xent(y, z):
    return -mp.fsum(a * (t - lse(z)) for a, t in zip(y, z, strict=True))


C(
    "ml-34",
    L,
    "true",
    r"\frac{\partial}{\partial z_j} \left(-\sum_{k=1}^{n} y_k \log \operatorname{softmax}(z)_k\right) = \operatorname{softmax}(z)_j - y_j",
    "y: simplex[n]; z: vector[n]; j, k: index",
    [],
    "=",
    "y:simplex:n z:vec:n j:index:n",
    lambda p: (d_entry(lambda z: _xent(p.y, z), p.z, p.j), softmax(p.z)[p.j - 1] - p.y[p.j - 1]),
    "cross-entropy gradient",
)
C(
    "ml-35",
    L,
    "false",
    r"\frac{\partial}{\partial z_j} \left(-\sum_{k=1}^{n} y_k \log \operatorname{softmax}(z)_k\right) = y_j - \operatorname{softmax}(z)_j",
    "y: simplex[n]; z: vector[n]; j, k: index",
    [],
    "=",
    "y:simplex:n z:vec:n j:index:n",
    lambda p: (d_entry(lambda z: _xent(p.y, z), p.z, p.j), p.y[p.j - 1] - softmax(p.z)[p.j - 1]),
    "sign",
)
C(
    "ml-36",
    L,
    "true",
    r"\frac{d}{dz} \left(-y \log \sigma(z) - (1 - y) \log(1 - \sigma(z))\right) = \sigma(z) - y",
    "",
    [],
    "=",
    "z:real y:real",
    lambda p: (
        d_scalar(lambda t: -p.y * mp.log(sig(t)) - (1 - p.y) * mp.log(sig(-t)), p.z),
        sig(p.z) - p.y,
    ),
    "binary cross-entropy",
)
C(
    "ml-37",
    L,
    "false",
    r"\frac{d}{dz} \left(-y \log \sigma(z) - (1 - y) \log(1 - \sigma(z))\right) = y - \sigma(z)",
    "",
    [],
    "=",
    "z:real y:real",
    lambda p: (
        d_scalar(lambda t: -p.y * mp.log(sig(t)) - (1 - p.y) * mp.log(sig(-t)), p.z),
        p.y - sig(p.z),
    ),
    "sign",
)
C(
    "ml-38",
    L,
    "true",
    r"\frac{\operatorname{softmax}(z)_j}{\operatorname{softmax}(z)_k} = e^{z_j - z_k}",
    SMZ,
    [],
    "=",
    "z:vec:n j:index:n k:index:n",
    lambda p: (softmax(p.z)[p.j - 1] / softmax(p.z)[p.k - 1], mp.exp(p.z[p.j - 1] - p.z[p.k - 1])),
    "",
)
C(
    "ml-39",
    L,
    "true",
    r"\operatorname{ReLU}(x) - \operatorname{ReLU}(-x) = x",
    "",
    [],
    "=",
    "x:real",
    lambda p: (relu(p.x) - relu(-p.x), p.x),
    "",
)
C(
    "ml-40",
    L,
    "false",
    r"\operatorname{ReLU}(x) + \operatorname{ReLU}(-x) = x",
    "",
    [],
    "=",
    "x:real",
    lambda p: (relu(p.x) + relu(-p.x), p.x),
    "x = -1: |x|",
)
C(
    "ml-41",
    L,
    "true",
    r"\log \operatorname{softmax}(z)_k = z_k - \log \sum_{j=1}^{n} e^{z_j}",
    SMZ,
    [],
    "=",
    "z:vec:n k:index:n",
    lambda p: (mp.log(softmax(p.z)[p.k - 1]), p.z[p.k - 1] - lse(p.z)),
    "",
)
C(
    "ml-42",
    L,
    "false",
    r"\log \operatorname{softmax}(z)_k < 0",
    SMZ,
    [],
    "<",
    "z:vec:n k:index:n",
    lambda p: (mp.log(softmax(p.z)[p.k - 1]), 0),
    "n = 1",
)
C(
    "ml-43",
    L,
    "true",
    r"\sum_{k=1}^{n} p_k z_k \le \log \sum_{k=1}^{n} e^{z_k}",
    "p: simplex[n]; z: vector[n]; k: index",
    [],
    "<=",
    "p:simplex:n z:vec:n",
    lambda p: (dot(p.p, p.z), lse(p.z)),
    "a mean is at most the max",
)
C(
    "ml-44",
    L,
    "false",
    r"\sum_{k=1}^{n} p_k z_k \le \log \sum_{k=1}^{n} e^{z_k} - \log n",
    "p: simplex[n]; z: vector[n]; k: index; n: dim",
    [],
    "<=",
    "p:simplex:n z:vec:n",
    lambda p: (dot(p.p, p.z), lse(p.z) - mp.log(p.n)),
    "p one-hot on a dominant z_k",
    witness={"n": 2, "p": [1.0, 0.0], "z": [10.0, 0.0]},
)
C(
    "ml-45",
    L,
    "true",
    r"\max(0, 1 - y s) \ge 1 - y s",
    "",
    [],
    ">=",
    "y:real s:real",
    lambda p: (max(E(0), 1 - p.y * p.s), 1 - p.y * p.s),
    "hinge",
)
C(
    "ml-46",
    L,
    "true",
    r"\sigma(x) \sigma(-x) \le \frac{1}{4}",
    "",
    [],
    "<=",
    "x:real",
    lambda p: (sig(p.x) * sig(-p.x), E(1) / 4),
    "AM-GM",
)
C(
    "ml-47",
    L,
    "false",
    r"\sigma(x) \sigma(-x) < \frac{1}{4}",
    "",
    [],
    "<",
    "x:real",
    lambda p: (sig(p.x) * sig(-p.x), E(1) / 4),
    "x = 0",
)
C(
    "ml-48",
    L,
    "true",
    r"\frac{d}{dx} \tanh(x) = 1 - \tanh(x)^2",
    "",
    [],
    "=",
    "x:real",
    lambda p: (d_scalar(mp.tanh, p.x), 1 - mp.tanh(p.x) ** 2),
    "",
)
C(
    "ml-49",
    L,
    "false",
    r"\frac{d}{dx} \tanh(x) = 1 + \tanh(x)^2",
    "",
    [],
    "=",
    "x:real",
    lambda p: (d_scalar(mp.tanh, p.x), 1 + mp.tanh(p.x) ** 2),
    "sign",
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
    bad = 0
    witnesses: dict[str, Any] = {}
    for c in CLAIMS:
        ok, w, valued = audit(c)
        if c.truth == "false" and w is not None:
            witnesses[c.id] = dict(w)
        if not ok:
            bad += 1
            print(
                f"DISAGREES {c.id} ({c.truth}): {c.claim}  at {dict(w) if w else None} "
                f"[{valued} valued points]"
            )
    if write:
        with open(HERE / "claims.jsonl", "w") as fh:
            for c in CLAIMS:
                fh.write(json.dumps(c.record()) + "\n")
        (HERE / "witnesses.json").write_text(json.dumps(witnesses, indent=1, sort_keys=True) + "\n")
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
