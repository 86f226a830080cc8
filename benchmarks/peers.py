"""Differential test against the peer LaTeX readers (issue 11).

    python benchmarks/peers.py                       # both suites, table + every different case
    python benchmarks/peers.py --suite sympy         # one suite (sympy | latex2sympy2_extended)
    python benchmarks/peers.py --differences FILE    # also write the different cases to FILE
    python benchmarks/peers.py --json FILE           # every case with its outcome, as JSON

Each case of the two peers' test suites (vendored as data in tests/data/peers/, see
benchmarks/extract_peer_cases.py) is read with ``dx.parse(latex)`` and no symbol table, and
compared *by value* with the expression the peer's test expects:

- free symbols are matched by name (LaTeX spelling normalised: ``\\theta`` = ``theta``,
  ``x_{1}`` = ``x_1``, ``\\overline{x}`` = ``bar{x}``) and given the same values at a few points
  (small integers, positive reals, signed reals); an unspecified function ``f(t)`` is given one
  fixed concrete function on both sides;
- both sides are evaluated (``doit`` then ``evalf``) and compared with a relative tolerance at
  every point where both are finite; relations compare their kind and ``rhs - lhs``; matrices
  compare shape and entries;
- a ``DerivaxError`` (``ParseError`` …) is "refused"; any other exception is "crashed".

A different value is then tested against the documented conventions (docs/peers.md), where
derivax deliberately reads a string another way (``\\log`` is natural, names are case-sensitive,
``f(x)`` with an undeclared ``f`` is a product, …): such a case is "convention", not "different".
The peers' bad strings (``expect = "refuse"``) count as "refused" when derivax refuses them and
"read" when it returns an expression.

The expected expressions are stored as ``srepr`` strings; this benchmark rebuilds them with a
small allow-listed rebuilder (an ``ast`` walk that only calls SymPy classes and functions by
name), never with ``eval``/``sympify``.
"""

from __future__ import annotations

import argparse
import ast
import json
import math
import random
import re
import signal
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import sympy
from sympy.core.function import AppliedUndef, UndefinedFunction

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "peers"
SUITES = {"sympy": "sympy_test_latex.jsonl", "latex2sympy2_extended": "latex2sympy2_extended.jsonl"}
TIMEOUT = 8  # seconds per case (reading + evaluation)


# --------------------------------------------------------------------------- srepr rebuilder


def _sympy_namespace() -> dict:
    import sympy.physics.quantum.state as qstate

    names = {}
    for module in (sympy, qstate):
        for name in dir(module):
            if name.startswith("_"):
                continue
            obj = getattr(module, name)
            if (
                (isinstance(obj, type) and issubclass(obj, (sympy.Basic,)))
                or obj in (sympy.Matrix, sympy.ImmutableDenseMatrix, sympy.MutableDenseMatrix)
                or (isinstance(obj, type) and issubclass(obj, sympy.MatrixBase))
            ):
                names[name] = obj
    names.update(
        Symbol=sympy.Symbol,
        Dummy=sympy.Dummy,
        Function=sympy.Function,
        Integer=sympy.Integer,
        Rational=sympy.Rational,
        Float=sympy.Float,
        Tuple=sympy.Tuple,
        ImmutableDenseMatrix=sympy.ImmutableDenseMatrix,
        MutableDenseMatrix=sympy.MutableDenseMatrix,
        Matrix=sympy.Matrix,
        true=sympy.true,
        false=sympy.false,
        pi=sympy.pi,
        E=sympy.E,
        I=sympy.I,
        oo=sympy.oo,
        zoo=sympy.zoo,
        nan=sympy.nan,
        EulerGamma=sympy.EulerGamma,
        ImaginaryUnit=sympy.core.numbers.ImaginaryUnit,
        Pi=sympy.core.numbers.Pi,
        Exp1=sympy.core.numbers.Exp1,
        Infinity=sympy.core.numbers.Infinity,
        NegativeInfinity=sympy.core.numbers.NegativeInfinity,
        ComplexInfinity=sympy.core.numbers.ComplexInfinity,
        Half=sympy.core.numbers.Half,
        One=sympy.core.numbers.One,
        Zero=sympy.core.numbers.Zero,
        NegativeOne=sympy.core.numbers.NegativeOne,
        EmptySet=sympy.EmptySet,
        Naturals=sympy.Naturals,
        Integers=sympy.Integers,
        Reals=sympy.Reals,
        Complexes=sympy.Complexes,
        UniversalSet=sympy.UniversalSet,
        Naturals0=sympy.Naturals0,
        Rationals=sympy.Rationals,
    )
    for fn in (
        "sqrt",
        "root",
        "exp",
        "log",
        "sin",
        "cos",
        "tan",
        "cot",
        "sec",
        "csc",
        "asin",
        "acos",
        "atan",
        "acot",
        "asec",
        "acsc",
        "sinh",
        "cosh",
        "tanh",
        "coth",
        "sech",
        "csch",
        "asinh",
        "acosh",
        "atanh",
        "acoth",
        "asech",
        "acsch",
        "Abs",
        "factorial",
        "binomial",
        "floor",
        "ceiling",
        "Max",
        "Min",
        "gcd",
        "lcm",
        "Mod",
        "conjugate",
        "gamma",
        "re",
        "im",
        "arg",
        "sign",
        "Piecewise",
        "Heaviside",
        "KroneckerDelta",
    ):
        names[fn] = getattr(sympy, fn)
    return names


_NAMESPACE = None
_LITERALS = (ast.Constant,)


def rebuild(text: str):
    """An ``srepr`` string back to SymPy, calling only SymPy names from an allow-list."""
    global _NAMESPACE
    if _NAMESPACE is None:
        _NAMESPACE = _sympy_namespace()

    def build(node):
        if isinstance(node, ast.Constant) and isinstance(
            node.value, (int, float, str, bool, type(None))
        ):
            return node.value
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            value = build(node.operand)
            if isinstance(value, (int, float, sympy.Basic)):
                return -value
        if isinstance(node, (ast.List, ast.Tuple)):
            items = [build(e) for e in node.elts]
            return items if isinstance(node, ast.List) else tuple(items)
        if isinstance(node, ast.Dict):
            return {build(k): build(v) for k, v in zip(node.keys, node.values, strict=False)}
        if isinstance(node, ast.Name):
            if node.id in _NAMESPACE:
                return _NAMESPACE[node.id]
            raise ValueError(f"name not allowed: {node.id}")
        if isinstance(node, ast.Call):
            func = build(node.func)
            allowed = func in _NAMESPACE.values() or isinstance(func, UndefinedFunction)
            if not allowed:
                raise ValueError(f"call not allowed: {ast.dump(node.func)[:60]}")
            args = [build(a) for a in node.args]
            kwargs = {k.arg: build(k.value) for k in node.keywords}
            return func(*args, **kwargs)
        raise ValueError(f"syntax not allowed: {type(node).__name__}")

    return build(ast.parse(text, mode="eval").body)


# --------------------------------------------------------------------------- comparison


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout()


_FONT = re.compile(r"\\(mathrm|mathit|mathbf|boldsymbol|mathsf|text|operatorname)\s*")


def name_key(name: str, fold_case: bool = False) -> str:
    """One spelling for a symbol's name on both sides: ``\\theta``=``theta``, ``x_{1}``=``x_1``."""
    key = _FONT.sub("", name)
    key = key.replace("\\overline", "bar").replace("\\bar", "bar")
    key = re.sub(r"[\\{}\s]", "", key)
    primes = key.count("'")
    key = key.replace("'", "") + "'" * primes  # y''_1 and y_1'' are one name
    return key.lower() if fold_case else key


POINT_KINDS = ("int", "int", "pos", "signed", "signed")


def make_points(keys: set[str], seed: int = 0) -> list[dict]:
    rng = random.Random(seed)
    points = []
    for kind in POINT_KINDS:
        values = {}
        for key in sorted(keys):
            if kind == "int":
                values[key] = sympy.Integer(rng.randint(2, 4))
            elif kind == "pos":
                values[key] = sympy.Float(round(rng.uniform(0.3, 2.5), 6))
            else:
                values[key] = sympy.Float(round(rng.choice([-1, 1]) * rng.uniform(0.3, 2.5), 6))
        points.append(values)
    return points


def _concrete_functions(expr):
    """Every unspecified function ``f(t, ...)`` becomes one fixed function of its arguments."""

    def concrete(app):
        total = sum((i + 1) * a for i, a in enumerate(app.args))
        return sympy.sin(total) + sympy.Rational(3, 2) + sympy.Integer(len(app.func.__name__) % 3)

    return expr.replace(lambda e: isinstance(e, AppliedUndef), concrete)


def _symbols_of(expr):
    out = set()
    for s in getattr(expr, "free_symbols", set()):
        if isinstance(s, sympy.Symbol):
            out.add(s)
        elif hasattr(s, "free_symbols"):
            out |= {t for t in s.free_symbols if isinstance(t, sympy.Symbol)}
    return out


def value_at(expr, point: dict, fold_case: bool):
    """A complex number, or None where the expression has no finite value at the point."""
    try:
        e = _concrete_functions(expr)
        try:
            e = e.doit()
        except _Timeout:
            raise
        except Exception:
            pass
        subs = {}
        for s in _symbols_of(e):
            key = name_key(s.name, fold_case)
            if key in point:
                subs[s] = point[key]
        e = e.xreplace(subs)
        if hasattr(e, "doit"):
            e = e.doit()
        v = complex(sympy.N(e, 20))
    except _Timeout:
        raise
    except Exception:
        return None
    if not (math.isfinite(v.real) and math.isfinite(v.imag)):
        return None
    return v


def _close(a: complex, b: complex) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


_FLIP = {sympy.StrictGreaterThan: sympy.StrictLessThan, sympy.GreaterThan: sympy.LessThan}


def _relation_form(rel):
    """(kind, rhs - lhs) with > and >= turned into < and <=."""
    cls = type(rel)
    if cls in _FLIP:
        return _FLIP[cls], rel.lhs - rel.rhs
    return cls, rel.rhs - rel.lhs


def _renamed(expr, fold_case: bool):
    """Every symbol renamed to its normalised name, without assumptions."""
    return expr.xreplace({s: sympy.Symbol(name_key(s.name, fold_case)) for s in _symbols_of(expr)})


def compare(got, expected, fold_case: bool = False) -> tuple[str, str]:
    """("same" | "different" | "unevaluated", detail)."""
    if isinstance(expected, (bool, int, float)):
        expected = sympy.sympify(expected)
    try:
        if _renamed(got, fold_case) == _renamed(expected, fold_case):
            return "same", "identical"
    except Exception:
        pass
    truth = sympy.logic.boolalg.BooleanAtom
    if isinstance(got, truth) or isinstance(expected, truth):
        if isinstance(got, truth) and isinstance(expected, truth):
            return ("same", "") if got == expected else ("different", "truth values differ")
        return "different", "a truth value against an expression"
    relation = sympy.core.relational.Relational
    if isinstance(expected, relation) or isinstance(got, relation):
        if not (isinstance(expected, relation) and isinstance(got, relation)):
            return "different", "a relation against a non-relation"
        (kg, dg), (ke, de) = _relation_form(got), _relation_form(expected)
        if kg != ke:
            return "different", f"relation {kg.__name__} against {ke.__name__}"
        verdict = compare(dg, de, fold_case)
        if kg in (sympy.Eq, sympy.Ne) and verdict[0] == "different":
            verdict = compare(-dg, de, fold_case)
        return verdict
    got_matrix = isinstance(got, (sympy.MatrixBase, sympy.MatrixExpr))
    exp_matrix = isinstance(expected, (sympy.MatrixBase, sympy.MatrixExpr))
    if got_matrix or exp_matrix:
        if not (got_matrix and exp_matrix):
            return "different", "a matrix against a non-matrix"
        try:
            g, e = sympy.Matrix(got.doit()), sympy.Matrix(expected.doit())
        except Exception:
            return "unevaluated", "matrix not explicit"
        if g.shape != e.shape:
            return "different", f"shape {g.shape} against {e.shape}"
        verdicts = [compare(a, b, fold_case) for a, b in zip(g, e, strict=False)]
        for v in verdicts:
            if v[0] != "same":
                return v
        return "same", ""
    if isinstance(expected, sympy.Set) or isinstance(got, sympy.Set):
        return ("same", "") if got == expected else ("different", "sets differ")
    if not isinstance(got, sympy.Expr) or not isinstance(expected, sympy.Expr):
        if got == expected:
            return "same", ""
        return "different", f"{type(got).__name__} against {type(expected).__name__}"
    keys = {name_key(s.name, fold_case) for s in _symbols_of(got) | _symbols_of(expected)}
    compared, _worst = 0, None
    for point in make_points(keys):
        vg, ve = value_at(got, point, fold_case), value_at(expected, point, fold_case)
        if vg is None or ve is None:
            continue
        compared += 1
        if not _close(vg, ve):
            return "different", f"{_fmt(vg)} against {_fmt(ve)} at {_fmt_point(point)}"
    mine = {name_key(s.name, fold_case) for s in _symbols_of(got)}
    theirs = {name_key(s.name, fold_case) for s in _symbols_of(expected)}
    if mine != theirs:  # equal values at a few points are luck: Max(84, 24 E) against 1200
        return "different", (
            f"equal values at the points, but the free names differ: derivax "
            f"has {sorted(mine - theirs)}, the peer {sorted(theirs - mine)}"
        )
    if compared:
        return "same", ""
    try:
        if sympy.simplify(got - expected) == 0:
            return "same", "symbolically"
    except Exception:
        pass
    return "unevaluated", "no point where both have a finite value"


def _fmt(v: complex) -> str:
    if abs(v.imag) < 1e-12:
        return f"{v.real:.6g}"
    return f"{v.real:.6g}{v.imag:+.6g}i"


def _fmt_point(point: dict) -> str:
    return "{" + ", ".join(f"{k}={v}" for k, v in sorted(point.items())) + "}"


# --------------------------------------------------------------------------- conventions

CONVENTIONS = {  # name -> the reading rule and its reason (docs/peers.md has the table)
    "log-natural": r"`\log x` is the natural logarithm, as in ML papers (a base is written "
    r"`\log_{10} x`); latex2sympy2_extended reads `\log` as base 10.",
    "case-sensitive": "Names are case-sensitive (`X` a matrix, `x` a vector); "
    "latex2sympy2_extended lowercases every name by default.",
    "undeclared-function": r"`f(x)` with an undeclared `f` is the product `f \cdot x`, as "
    "`a(b + c)` is (README, Symbols); `f: function` makes it an "
    "application.",
    "mixed-fraction": r"A number followed by a fraction is a product, as juxtaposition is "
    r"everywhere (`1 \frac{1}{2}` = 1/2), not a mixed number (3/2).",
    "imaginary-unit": "`i`, `j` and `I` are names (an index; the identity matrix), never the "
    "imaginary unit: derivax works over the reals.",
    "pi-is-the-number": r"`\pi` is the number pi; one SymPy test reads it as a symbol `pi`.",
    "overline-is-a-name": r"`\overline{z}` is a name of its own (a mean), like `\bar{z}`; SymPy "
    "reads the complex conjugate. derivax works over the reals.",
    "braces-group": r"`{...}` groups, as in TeX; latex2sympy2_extended reads `{M}` as the set "
    r"containing M. A set is written `\{...\}` (and refused today).",
    "letters-are-a-product": "Undeclared adjacent letters are a product, as in TeX (README, "
    "Symbols): `a=1 and b=2` is the chain a = 1·a·n·d·b = 2.",
    "opaque-derivative": r"`\frac{d}{dt} x` with `x` undeclared is an input of its own named "
    r"`\frac{dx}{dt}` (`derivax parse` says so): a paper that writes it means x depends "
    "on t, so the peers' reading, 0 for a constant x, would be silently wrong. "
    "`x: function` and `x(t)` differentiate it.",
}


def _same(got, expected) -> bool:
    try:
        return compare(got, expected)[0] == "same"
    except _Timeout:
        raise
    except Exception:
        return False


def _named(expr, name):
    return [s for s in _symbols_of(expr) if s.name == name]


def find_convention(latex: str, got, expected, dx) -> str | None:
    """The documented convention that explains a different value, or None.

    Each test changes one side in the one way the convention describes and asks whether the
    two readings then agree; only then is the case a convention rather than a difference."""
    if not isinstance(got, sympy.Basic) or not isinstance(expected, sympy.Basic):
        return None
    opaque = [s for s in _symbols_of(got) if s.name.startswith((r"\frac{d", r"\frac{\partial"))]
    if opaque and (expected.has(sympy.Derivative) or expected == 0):
        return "opaque-derivative"
    try:
        if compare(got, expected, fold_case=True)[0] == "same":
            return "case-sensitive"
    except _Timeout:
        raise
    except Exception:
        pass
    if r"\log" in latex and _same(got, _replace_log_base(expected)):
        return "log-natural"
    if expected.atoms(AppliedUndef) and not got.atoms(AppliedUndef):
        return "undeclared-function"
    if re.search(r"\d\s*\\[dt]?frac", latex) and _mixed_fraction_explains(latex, expected, dx):
        return "mixed-fraction"
    names = {s: sympy.I for s in _symbols_of(got) if s.name in ("i", "j", "I")}
    if names and _same(got.xreplace(names), expected):
        return "imaginary-unit"
    if got.has(sympy.pi) and _named(expected, "pi"):
        if _same(got.xreplace({sympy.pi: _named(expected, "pi")[0]}), expected):
            return "pi-is-the-number"
    if (
        r"\overline" in latex
        and any("overline" in s.name for s in _symbols_of(got))
        and (
            expected.has(sympy.conjugate) or not any("bar" in s.name for s in _symbols_of(expected))
        )
    ):
        return "overline-is-a-name"
    if (
        isinstance(expected, sympy.FiniteSet)
        and len(expected) == 1
        and latex.lstrip().startswith(("{", r"\left{"))
    ):
        if _same(got, next(iter(expected))):
            return "braces-group"
    words = re.search(r"(?<![\\a-zA-Z{])(and|or)(?![a-zA-Z])", latex.replace(r"\text", "\\T"))
    if words and not re.search(r"\\text\s*\{[^}]*\b(and|or)\b", latex):
        return "letters-are-a-product"
    return None


def _replace_log_base(expr):
    """log(a, b) is stored by SymPy as log(a)/log(b): drop the 1/log(10) and 1/log(2) factors."""
    return expr.replace(
        lambda e: (
            isinstance(e, sympy.Pow)
            and e.exp == -1
            and isinstance(e.base, sympy.log)
            and e.base.args[0] in (10, 2)
        ),
        lambda e: sympy.Integer(1),
    )


def _mixed_fraction_explains(latex, expected, dx) -> bool:
    """Read with each "number fraction" written "(number + fraction)", derivax agrees."""
    fraction = r"\\[dt]?frac\s*(\{[^{}]*\}|\d)\s*(\{[^{}]*\}|\d)"
    rewritten = re.sub(r"(\d+)\s*(" + fraction + ")", r"(\1+\2)", latex)
    try:
        return rewritten != latex and _same(dx.parse(rewritten), expected)
    except dx.DerivaxError:
        return False


# --------------------------------------------------------------------------- running


def load(suite: str) -> list[dict]:
    with (DATA / SUITES[suite]).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def run_case(row: dict, dx) -> dict:
    out = {
        "latex": row["latex"],
        "category": row["category"],
        "test": row["test"],
        "source": row["source"],
        "expect": row["expect"],
    }
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIMEOUT)
    try:
        try:
            got = dx.parse(row["latex"])
        except dx.DerivaxError as err:
            out.update(outcome="refused", detail=str(err).splitlines()[0][:160])
            return out
        except _Timeout:
            out.update(outcome="timeout", detail="reading took too long")
            return out
        except Exception as err:
            out.update(outcome="crashed", detail=f"{type(err).__name__}: {str(err)[:160]}")
            return out
        out["derivax"] = sympy.sstr(got).replace("\n", "")
        if row["expect"] == "refuse":
            out.update(outcome="read", detail="a string the peer refuses")
            return out
        expected = rebuild(row["expected"])
        out["peer"] = sympy.sstr(expected).replace("\n", "")
        verdict, detail = compare(got, expected)
        if verdict == "different":
            convention = find_convention(row["latex"], got, expected, dx)
            if convention:
                out.update(outcome="convention", convention=convention, detail=detail)
                return out
        out.update(outcome=verdict, detail=detail)
        return out
    except _Timeout:
        out.update(outcome="unevaluated", detail=f"comparison took over {TIMEOUT} s")
        return out
    finally:
        signal.alarm(0)


COLUMNS = ("same", "convention", "different", "refused", "unevaluated", "crashed", "timeout")
BAD_COLUMNS = ("refused", "read", "crashed", "timeout")


def table(suite: str, results: list[dict]) -> list[str]:
    good = [r for r in results if r["expect"] != "refuse"]
    bad = [r for r in results if r["expect"] == "refuse"]
    by_cat = defaultdict(Counter)
    for r in good:
        by_cat[r["category"]][r["outcome"]] += 1
    cols = [c for c in COLUMNS if any(by_cat[k][c] for k in by_cat)] or ["same"]
    lines = [
        f"**{suite}** ({len(good)} cases with a value, {len(bad)} bad strings)",
        "",
        "| category | cases | " + " | ".join(cols) + " |",
        "|---|---:|" + "---:|" * len(cols),
    ]
    total = Counter()
    for cat in sorted(by_cat):
        c = by_cat[cat]
        total.update(c)
        lines.append(f"| {cat} | {sum(c.values())} | " + " | ".join(str(c[k]) for k in cols) + " |")
    lines.append(
        f"| **all** | **{sum(total.values())}** | "
        + " | ".join(f"**{total[k]}**" for k in cols)
        + " |"
    )
    if bad:
        b = Counter(r["outcome"] for r in bad)
        lines += [
            "",
            "bad strings (the peer refuses them): "
            + ", ".join(f"{k} {b[k]}" for k in BAD_COLUMNS if b[k]),
        ]
    return lines


KINDS = [  # (kind, test on the case): a heuristic label to group the list, checked by hand
    (
        "subscript written after a superscript is dropped (x^2_i read as x^2)",
        lambda r: re.search(r"\^(\{[^{}]*\}|\\?\w)\s*_", r["latex"]),
    ),
    (
        r"\operatorname{NAME}(...) of a name derivax does not know is a product NAME * (...)",
        lambda r: r"\operatorname" in r["latex"] and r"\mathrm{" in r.get("derivax", ""),
    ),
    (
        "E-notation number (2.5E2, 1500E-1) read as a product with a symbol E",
        lambda r: re.search(r"\dE-?\d", r["latex"]),
    ),
    (
        r"\frac{d}{dt} x read as a symbol named \frac{d}{dt}",
        lambda r: r"\frac{d}" in r.get("derivax", ""),
    ),
    ("!= read as a factorial and an equation", lambda r: "!=" in r["latex"]),
    (r"\varepsilon read as \epsilon", lambda r: r"\varepsilon" in r["latex"]),
    (r"\text{...} of prose read as a symbol", lambda r: r"\text" in r["latex"]),
    ("a string the peer refuses is read", lambda r: r["outcome"] == "read"),
    (
        "derivax crashed (an exception that is not a DerivaxError)",
        lambda r: r["outcome"] == "crashed",
    ),
]


def kind_of(r: dict) -> str:
    for name, test in KINDS:
        if test(r):
            return name
    return "other"


def difference_lines(results: list[dict]) -> list[str]:
    lines = []
    groups = defaultdict(list)
    for r in results:
        if r["outcome"] in ("different", "read", "crashed"):
            groups[kind_of(r)].append(r)
    for kind, rs in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        lines.append(f"-- {kind}: {len(rs)}")
        for r in rs:
            lines.append(f"[{r['outcome']}] [{r['category']}] {r['latex']!r}")
            if "derivax" in r:
                lines.append(f"    derivax: {r['derivax']}")
            if "peer" in r:
                lines.append(f"    peer:    {r['peer']}")
            lines.append(f"    {r['detail']}    ({r['source']}::{r['test']})")
    return lines


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="derivax against the peer LaTeX readers' test suites")
    ap.add_argument("--suite", choices=sorted(SUITES), action="append")
    ap.add_argument("--differences", type=Path, help="write every different case to this file")
    ap.add_argument("--json", type=Path, help="write every case and its outcome as JSON")
    ap.add_argument("--conventions", action="store_true", help="also list the convention cases")
    args = ap.parse_args(argv)

    sys.path.insert(0, str(ROOT / "src"))
    import derivax as dx

    suites = args.suite or list(SUITES)
    everything, report = {}, []
    start = time.time()
    for suite in suites:
        results = [run_case(row, dx) for row in load(suite)]
        everything[suite] = results
        report += [*table(suite, results), ""]
    print("\n".join(report))
    conv = Counter(
        (s, r["convention"])
        for s, rs in everything.items()
        for r in rs
        if r["outcome"] == "convention"
    )
    if conv:
        print("conventions applied:")
        for (s, name), n in sorted(conv.items()):
            print(f"  {s}: {name}: {n}  ({CONVENTIONS[name]})")
        print()
    diff = []
    for suite, results in everything.items():
        lines = difference_lines(results)
        if lines:
            diff += [f"== {suite}: different values, bad strings read, crashes", *lines, ""]
        if args.conventions:
            diff += (
                [f"== {suite}: conventions"]
                + [
                    f"[{r['convention']}] {r['latex']!r}\n    derivax: {r.get('derivax')}"
                    f"\n    peer:    {r.get('peer')}"
                    for r in results
                    if r["outcome"] == "convention"
                ]
                + [""]
            )
    print("\n".join(diff))
    print(f"({time.time() - start:.0f} s)")
    if args.differences:
        args.differences.write_text("\n".join(report + diff) + "\n", encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(everything, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
