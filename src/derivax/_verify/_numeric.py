"""Numeric falsification in float64: random points of the declared domains, then an adversarial
search that follows ``jax.grad`` of the violation over a reparametrized domain (softmax for a
simplex, exp for positives, a sigmoid for the unit interval, L L^T + I for SPD matrices)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from .._budget import clock
from .._sampling import point

#: a violation counts when it exceeds this, relative to the size of both sides
TOLERANCE = 1e-7
#: sizes of the dimensions, set by set: n = 1 (where empty ranges and single entries hide), small
#: and distinct ones
_SIZE_SETS = ((3, 2, 4, 5), (1, 1, 1, 1), (2, 3, 2, 3), (5, 4, 3, 2))


@dataclass
class Search:
    found: dict | None = None  # key -> value of the counterexample
    violation: float = 0.0
    samples: int = 0
    max_deviation: float = 0.0
    method: str = ""
    sizes: dict | None = None
    finite: int = 0  # points where both sides had finite values
    completed: bool = False  # the random search ran to its end
    unconfirmed: int = 0  # float64 violations that high precision did not confirm
    ties: int = 0  # tight points re-evaluated in high precision
    tie_limit: int = 3  # how many of them at most
    unverifiable: int = 0  # float64 violations with no high-precision value to check them
    kinks: int = 0  # float64 violations at a kink of a derivative, where it does not exist
    confirmation: Any = None  # what ``confirm`` returned for the counterexample


class Sides:
    """Both sides of a relation compiled over one set of inputs."""

    def __init__(self, rel, table, free):
        from .._compile import compile as build
        from .._compile import free_ranges as _free_ranges
        from .._errors import CompileError

        self.rel = rel
        self.kind = type(rel)
        # a free index takes its range from whichever side indexes an array with it
        ranges = {}
        for side in (rel.lhs, rel.rhs):
            for i in free:
                if i not in ranges:
                    try:
                        ranges.update(_free_ranges(side, [i], {}))
                    except CompileError:
                        pass
        self.lhs = build(rel.lhs, symbols=table, free_indices=free, index_ranges=ranges)
        self.rhs = build(rel.rhs, symbols=table, free_indices=free, index_ranges=ranges)
        args = {}
        for a in (*self.lhs.arguments, *self.rhs.arguments):
            args.setdefault(a.key, a)
        self.arguments = list(args.values())
        self.table = table
        self.ranges = ranges
        self.strict = self.kind in (sympy.StrictLessThan, sympy.StrictGreaterThan)
        self._jitted = None  # (inputs, sizes, the jitted violation), made at the first ``at``

    def fails(self, v: float) -> bool:
        """A float64 violation worth confirming: beyond the tolerance, or for a strict relation
        an equality (``x > y`` fails at x = y)."""
        return v > TOLERANCE or (self.strict and v >= 0)

    def tie(self, v: float) -> bool:
        """A relation that float64 sees as (nearly) tight: rounding may hide a violation
        (``x^2 \\ge e^{-1000}`` at x = 0; ``x = x / (1 + e^{-80})``, off by 10^-35 relative, for
        an equality), so high precision decides at the first few such points."""
        return -TOLERANCE <= v <= TOLERANCE

    def call(self, f, values):
        return f.eager(**{a.identifier: values[a.key] for a in f.arguments})

    @property
    def scalar(self) -> bool:
        """Every input a scalar, and no size among them (where ``eager`` runs the sides)."""
        return all(not a.static and not a.sizes for a in self.arguments)

    def at(self, values):
        """``violation`` at a point of concrete values. A relation of scalars runs operation by
        operation: its shapes are the same at every point and in every claim, so JAX's kernel
        for each operation is compiled once per process, and compiling the relation itself
        would cost more than the search's few dozen points. A relation with arrays has new
        shapes at every size set, each of which would compile every operation anew: it runs as
        one jitted computation of both sides and the comparison, compiled once per shape."""
        if self.scalar:
            return self.violation({a.key: _float_array(values[a.key]) for a in self.arguments})
        if self._jitted is None:
            inputs = [a for a in self.arguments if not a.static]
            sizes = [a for a in self.arguments if a.static]

            def fused(arrays, statics):
                point = dict(zip([a.key for a in inputs], arrays, strict=True))
                point.update(zip([a.key for a in sizes], statics, strict=True))
                return self.violation(point)

            self._jitted = (inputs, sizes, _search_jit(fused, static_argnums=1))
        inputs, sizes, jitted = self._jitted
        arrays = [_float_array(values[a.key]) for a in inputs]
        statics = tuple(_hashable(values[a.key]) for a in sizes)
        return jitted(arrays, statics)

    def violation(self, values):
        """How much the relation fails at ``values`` (> 0 means it fails), relative to scale."""
        import jax.numpy as jnp

        left = jnp.asarray(self.call(self.lhs, values))
        right = jnp.asarray(self.call(self.rhs, values))
        scale = 1.0 + jnp.abs(left) + jnp.abs(right)
        if self.kind is sympy.Equality:
            v = jnp.abs(left - right) / scale
        elif self.kind in (sympy.LessThan, sympy.StrictLessThan):
            v = (left - right) / scale
        elif self.kind in (sympy.GreaterThan, sympy.StrictGreaterThan):
            v = (right - left) / scale
        else:  # Unequality
            v = -jnp.abs(left - right) / scale
        if v.size == 0:  # an empty range of a free index: nothing can fail
            return jnp.asarray(-jnp.inf)
        return jnp.max(v) if v.ndim else v


#: XLA's options for the search's own functions on a CPU: LLVM's optimization level 0, which
#: compiles a relation in about 0.75 of the time and runs it no slower at the search's few dozen
#: points (the arithmetic is the same IEEE float64; a violation counts only once high precision
#: confirms it). Other backends compile with their defaults.
_QUICK_CPU = {"xla_backend_optimization_level": 0, "xla_llvm_disable_expensive_passes": True}


def _search_jit(fn, **kwargs):
    """``jax.jit`` for a function only the search runs, compiled quickly on a CPU."""
    import jax

    from .._xla_cache import use_compilation_cache

    use_compilation_cache()
    if jax.default_backend() == "cpu":
        kwargs["compiler_options"] = _QUICK_CPU
    return jax.jit(fn, **kwargs)


def _float_array(v):
    """An input as the compiled function casts it: a floating array keeps its dtype, anything else
    (a number, a list, integers) becomes float64."""
    a = np.asarray(v)
    return a if np.issubdtype(a.dtype, np.floating) else a.astype(np.float64)


def _hashable(v):
    """A size argument's value as a static (hashable) argument of a jitted function."""
    return v.item() if isinstance(v, np.ndarray) else v


def _domain_of(arg, table):
    from .._sampling import declaration_of

    return declaration_of(table, arg.key)


def _is_labels(arg, table) -> bool:
    decl = _domain_of(arg, table)
    return decl is not None and decl.classes is not None


def _with_classes(values: dict, sides: Sides, sizes: dict) -> dict:
    """The point as shown, with the number of classes of each vector of labels in it (the labels'
    domain, which no argument may give)."""
    out = dict(values)
    for a in sides.arguments:
        decl = _domain_of(a, sides.table)
        if decl is not None and decl.classes is not None and a.key in values:
            k = sides.table.dim(decl.classes)
            out.setdefault(decl.classes, int(k) if k.is_Integer else sizes[k])
    return out


def _random_point(sides: Sides, sizes: dict, rng, edge: bool = False) -> dict:
    return dict(
        zip(
            [a.key for a in sides.arguments],
            point(sides.arguments, sides.table, sizes, rng, edge),
            strict=True,
        )
    )


def _to_unconstrained(decl, value):
    kind = decl.kind if decl is not None else "scalar"
    quals = decl.qualifiers if decl is not None else frozenset()
    if kind == "simplex":
        return np.log(np.maximum(value, 1e-12))
    if "unit" in quals:
        v = np.clip(value, 1e-9, 1 - 1e-9)
        return np.log(v / (1 - v))
    if "positive" in quals or "nonnegative" in quals:
        return np.log(np.maximum(value, 1e-12))
    if kind == "spd":
        return np.linalg.cholesky(
            value - 0.1 * np.eye(value.shape[0])
            if np.all(np.linalg.eigvalsh(value) > 0.1)
            else value
        )
    return value


def _from_unconstrained(decl, u):
    import jax
    import jax.numpy as jnp

    kind = decl.kind if decl is not None else "scalar"
    quals = decl.qualifiers if decl is not None else frozenset()
    if kind == "simplex":
        return jax.nn.softmax(u)
    if "unit" in quals:
        return jax.nn.sigmoid(u)
    if "positive" in quals or "nonnegative" in quals:
        return jnp.exp(u)
    if kind == "spd":
        return u @ u.T + 0.1 * jnp.eye(u.shape[0])
    if kind == "symmetric":
        return (u + u.T) / 2
    return u


#: a strict given must hold by this much (relative) at a sampled point: its boundary (x = 0 for
#: x > 0, x = y for x > y) is outside the domain it states
STRICT_MARGIN = 1e-8


def _rounded(point: dict, free, decls) -> dict:
    out = dict(point)
    for a, d in zip(free, decls, strict=True):
        if d is not None and "integer" in d.qualifiers:
            out[a.key] = np.round(np.asarray(out[a.key], float))
    return out


def _admissible(constraints, values) -> bool:
    """A point counts only where every given inequality holds, a strict one strictly inside."""
    for c in constraints:
        v = float(c.at(values))
        if not np.isfinite(v) or v > 0 or (c.strict and v > -STRICT_MARGIN):
            return False
    return True


def _on_boundaries(constraints, values: dict, rng) -> dict:
    r"""The point moved onto the boundary of its givens, where claims fail most often (``1/x < 1``
    given ``x \ge 1`` fails at x = 1 only): a given whose one side is a scalar input and whose
    other side does not hold it sets that input to the other side's value, exactly for a
    non-strict given and just inside (by a relative 10^-6, or 10^-3) for a strict one."""
    values = dict(values)
    for c in constraints:
        for mine, other, sign in ((c.rel.lhs, c.rel.rhs, 1.0), (c.rel.rhs, c.rel.lhs, -1.0)):
            if not isinstance(mine, sympy.Symbol) or mine in other.free_symbols:
                continue
            key = next((a.key for a in c.arguments if a.key == mine.name), None)
            if key is None or np.ndim(values.get(key, 0.0)) != 0:
                continue
            f = c.rhs if other is c.rel.rhs else c.lhs
            try:
                target = float(np.asarray(c.call(f, values)))
            except Exception:
                continue
            if not np.isfinite(target):
                continue
            if c.strict:
                # greater: lhs > rhs puts mine (lhs) above the target; less: below it
                up = (c.kind is sympy.StrictGreaterThan) == (sign > 0)
                step = (1 + abs(target)) * float(rng.choice([1e-6, 1e-3]))
                target = target + step if up else target - step
            values[key] = target
            break
    return values


def falsify(
    sides: Sides,
    deadline: float,
    seed: int = 0,
    points: int = 32,
    constraints=(),
    confirm=None,
    adversarial: bool = True,
    ties: int = 3,
) -> Search:
    """Search for a counterexample; ``confirm(values, sizes)`` (high precision) must accept a
    float64 violation before it counts, otherwise the search goes on. ``adversarial``: follow
    the gradient of the violation from the worst point once the random points found none;
    ``ties``: how many points that float64 sees as tight high precision decides."""
    import jax

    rng = np.random.default_rng(seed)
    result = Search(tie_limit=ties)
    with jax.enable_x64(True):
        best = _random_search(sides, deadline, rng, points, constraints, confirm, result)
        if adversarial and result.completed and best is not None:
            _adversarial_search(sides, best, deadline, rng, constraints, confirm, result)
    return result


def _random_search(sides: Sides, deadline, rng, points, constraints, confirm, result: Search):
    """Random points of the declared domains, over every size set; ``result`` records what is
    seen and a confirmed counterexample, and is ``completed`` when the search ran to its end.
    Returns the worst point found, ``(violation, values, sizes)``, or None."""
    best = None
    for size_set in _SIZE_SETS:
        # sizes of arrays, and sizes that are arguments themselves (n in \sum_{i=3}^{n} 1): both
        # run through every size set, n = 1 included
        dims = sorted(
            {d for a in sides.arguments for s in a.sizes for d in s.free_symbols}
            | {sides.table.dim(a.key) for a in sides.arguments if a.static},
            key=str,
        )
        sizes = {d: size_set[k % len(size_set)] for k, d in enumerate(dims)}
        for k in range(points):
            if clock() > deadline:
                return best
            values = _sample_point(sides, sizes, rng, k, constraints)
            if values is None:
                continue
            violation = np.asarray(sides.at(values))
            if violation.size == 0:
                continue
            v = float(violation)
            result.samples += 1
            if not np.isfinite(v):
                continue
            result.finite += 1
            result.max_deviation = max(
                result.max_deviation, v if sides.kind is sympy.Equality else max(v, 0.0)
            )
            if best is None or v > best[0]:
                best = (v, values, dict(sizes))
            suspect = sides.fails(v) or (sides.tie(v) and result.ties < result.tie_limit)
            if sides.tie(v) and not sides.fails(v):
                result.ties += 1
            if suspect and _confirmed(result, confirm, values, sizes, tie=not sides.fails(v)):
                result.found, result.violation, result.method = (
                    _with_classes(values, sides, sizes),
                    v,
                    "random sampling of the declared domains",
                )
                result.sizes = dict(sizes)
                return best
    result.completed = True
    return best


def _sample_point(sides: Sides, sizes, rng, k: int, constraints):
    """The ``k``-th random point (every third one near the edges of the domains), with values for
    the constraints' own arguments, every fourth one pushed onto the constraints' boundaries;
    None where the constraints do not admit it."""
    values = _random_point(sides, sizes, rng, edge=k % 3 == 2)
    for c in constraints:
        for a in c.arguments:
            if a.key not in values:
                values.update(
                    {key: v for key, v in _random_point(c, sizes, rng).items() if key not in values}
                )
    if constraints and k % 4 == 1:
        values = _on_boundaries(constraints, values, rng)
    if constraints and not _admissible(constraints, values):
        return None
    return values


def _adversarial_search(sides: Sides, best, deadline, rng, constraints, confirm, result: Search):
    """Follow the gradient of the violation (Adam ascent) from the worst point found and from two
    random restarts; ``result`` records a confirmed counterexample."""
    import jax
    import jax.numpy as jnp

    # labels stay where the sample put them: whole numbers in 1..K, which no continuous step keeps
    free = [a for a in sides.arguments if not a.static and not _is_labels(a, sides.table)]
    _, start, sizes = best
    decls = [_domain_of(a, sides.table) for a in free]
    static = {a.key: start[a.key] for a in sides.arguments if a not in free}

    def objective(params):
        values = {
            a.key: _from_unconstrained(d, p) for a, d, p in zip(free, decls, params, strict=True)
        }
        values.update(static)
        return sides.violation(values)

    grad = _search_jit(jax.value_and_grad(objective))
    for restart in range(3):
        if clock() > deadline:
            break
        base = start if restart == 0 else _random_point(sides, dict(sizes), rng)
        params = [
            jnp.asarray(_to_unconstrained(d, np.asarray(base[a.key], float)), dtype=jnp.float64)
            for a, d in zip(free, decls, strict=True)
        ]
        m = [jnp.zeros_like(p) for p in params]
        s = [jnp.zeros_like(p) for p in params]
        for step in range(1, 81):
            if clock() > deadline:
                break
            raw, g = grad(params)
            result.samples += 1
            v = float(raw)
            if np.isfinite(v):
                result.max_deviation = max(result.max_deviation, max(v, 0.0))
            if np.isfinite(v) and v > TOLERANCE:
                found = _ascent_point(sides, free, decls, params, static, start, constraints)
                if found is not None and _confirmed(result, confirm, {**start, **found}, sizes):
                    result.found, result.violation = _with_classes(found, sides, sizes), v
                    result.method = "adversarial search following jax.grad of the violation"
                    result.sizes = dict(sizes)
                    return
            # Adam ascent on the violation
            new = []
            for k, (p, gk) in enumerate(zip(params, g, strict=True)):
                gk = jnp.nan_to_num(gk)
                m[k] = 0.9 * m[k] + 0.1 * gk
                s[k] = 0.999 * s[k] + 0.001 * gk * gk
                mh, sh = m[k] / (1 - 0.9**step), s[k] / (1 - 0.999**step)
                new.append(p + 0.05 * mh / (jnp.sqrt(sh) + 1e-12))
            params = new


def _ascent_point(sides: Sides, free, decls, params, static, start, constraints) -> dict | None:
    """The point the ascent reached, in the declared domains; None where rounding its integers
    loses the violation or the constraints do not admit it."""
    found = {
        a.key: np.asarray(_from_unconstrained(d, p))
        for a, d, p in zip(free, decls, params, strict=True)
    }
    found.update(static)
    if any(d is not None and "integer" in d.qualifiers for d in decls):
        # the ascent moves integers continuously: the point counts only rounded
        # to whole numbers, where the violation must hold again
        found = _rounded(found, free, decls)
        again = float(sides.at({**start, **found}))
        if not (np.isfinite(again) and again > TOLERANCE):
            return None
    if constraints and not _admissible(constraints, {**start, **found}):
        return None
    return found


def _confirmed(result: Search, confirm, values, sizes, tie: bool = False) -> bool:
    if confirm is None:
        return not tie
    if (
        not tie and result.unconfirmed >= 4
    ):  # high precision keeps disagreeing with float64: stop asking
        return False
    answer = confirm(values, sizes)
    if answer == "kink":
        result.kinks += 0 if tie else 1
        return False
    if answer == "unevaluable":
        result.unverifiable += 0 if tie else 1
        result.unconfirmed += 0 if tie else 1
        return False
    if answer is None:
        result.unconfirmed += 0 if tie else 1
        return False
    result.confirmation = answer
    return True
