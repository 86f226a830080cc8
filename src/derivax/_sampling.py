"""Points of the declared domains: derive's cross-check and verify's search share them.

A name inherits the declaration of its base: ``\\bar{\\alpha}_{t}`` is sampled from the domain of
``\\bar{\\alpha}`` (``unit``: [0, 1]), ``\\theta_{t-1}`` from that of ``\\theta``. Besides random
points, ``special`` gives the boundaries and corners of a domain (0 and 1 for ``unit``, 0 for
``nonnegative``, tiny and huge magnitudes for ``positive``), which a search must visit too.
"""

from __future__ import annotations

import re

import numpy as np
from sympy.core.function import AppliedUndef

#: sizes given to the dimensions, distinct so that a transpose that should not be there shows
_SIZES = (3, 4, 2, 5, 6, 7)


def declaration_of(table, name):
    """The declaration a (possibly subscripted) name falls under, or ``None`` (a real scalar).

    >>> from derivax.symbols import SymbolTable
    >>> t = SymbolTable.parse(r"\\bar{\\alpha}: scalar, unit")
    >>> sorted(declaration_of(t, r"\\bar{\\alpha}_{t}").qualifiers)
    ['unit']
    """
    if not isinstance(name, str):
        return None
    if table.resolve(name):
        return table[name]
    base = name
    # strip trailing subscripts (`_{t}`, `_t`, `_{t-1}`): the name is an instance of its base
    for _ in range(3):
        m = re.fullmatch(r"(.+?)_(\{[^{}]*\}|[A-Za-z0-9])", base)
        if not m:
            break
        base = m.group(1)
        if table.resolve(base):
            d = table[base]
            return d if d.kind not in ("index", "dim", "function") else None
    return None


def classes_of(declaration, table, size_of) -> int | None:
    """The number of classes of a vector of labels (``y: labels[m, k]``), ``size_of`` giving a
    dimension's value; None for any other declaration."""
    if declaration is None or declaration.classes is None:
        return None
    return int(size_of(table.dim(declaration.classes)))


def _labels(classes: int | None, shape: tuple[int, ...], rng, edge: bool) -> np.ndarray:
    if classes is None:
        raise ValueError("a vector of labels is sampled with its number of classes")
    if edge:  # the first and the last class, and every label alike
        ends = np.array([1.0, float(classes)])
        return (
            ends[rng.integers(2)] * np.ones(shape)
            if rng.random() < 0.3
            else ends[rng.integers(2, size=shape)]
        )
    drawn = rng.integers(1, classes + 1, size=shape).astype(float)
    if drawn.size >= classes and rng.random() < 0.5:
        # every class present (a per-class mean or a ratio cut divides by each class's size,
        # which an empty class makes 0): the classes in turn, then any, in a random order
        flat = drawn.reshape(-1)
        flat[:classes] = np.arange(1, classes + 1)
        drawn = rng.permutation(flat).reshape(shape)
    return drawn


def sample(
    declaration, shape: tuple[int, ...], rng: np.random.Generator, classes: int | None = None
) -> np.ndarray:
    """A random value from the domain a declaration names (Dirichlet for a simplex, A A^T + n I
    for an spd matrix, (0, 1) for unit, lognormal for positive, whole numbers 1..``classes`` for
    labels)."""
    kind = declaration.kind if declaration is not None else "scalar"
    quals = declaration.qualifiers if declaration is not None else frozenset()
    if declaration is not None and declaration.classes is not None:
        return _labels(classes, shape, rng, edge=False)
    if kind == "simplex":
        return rng.dirichlet(np.ones(shape[0]))
    if kind == "spd":
        a = rng.normal(size=shape)
        return a @ a.T + shape[0] * np.eye(shape[0])
    if kind == "symmetric":
        a = rng.normal(size=shape)
        return (a + a.T) / 2
    if "integer" in quals:
        # whole numbers of the declared sign (Adam's step t, an exponent k)
        low = 1 if "positive" in quals else 0 if "nonnegative" in quals or "unit" in quals else -6
        high = 1 if "unit" in quals else 7
        return rng.integers(low, high + 1, size=shape).astype(float)
    if "unit" in quals:
        return rng.uniform(0.05, 0.95, size=shape)
    if "positive" in quals or "nonnegative" in quals:
        return np.exp(rng.normal(size=shape) * 0.5)
    return rng.normal(size=shape)


def special(
    declaration, shape: tuple[int, ...], rng: np.random.Generator, classes: int | None = None
) -> np.ndarray:
    """A value at or near the edge of a domain: boundaries, corners and extreme magnitudes, mixed
    entry by entry."""
    kind = declaration.kind if declaration is not None else "scalar"
    quals = declaration.qualifiers if declaration is not None else frozenset()
    if declaration is not None and declaration.classes is not None:
        return _labels(classes, shape, rng, edge=True)
    if kind == "simplex":
        v = np.zeros(shape)
        if shape[0]:
            v[rng.integers(shape[0])] = 1.0
            if rng.random() < 0.5 and shape[0] > 1:
                v = 0.999 * v + 0.001 * rng.dirichlet(np.ones(shape[0]))
        return v
    if kind == "spd":
        a = rng.normal(size=shape) * 10.0 ** rng.integers(-3, 3)
        return a @ a.T + 1e-3 * np.eye(shape[0])
    if kind == "symmetric":
        a = rng.normal(size=shape) * 10.0 ** rng.integers(-3, 3)
        return (a + a.T) / 2
    if "integer" in quals:
        # whole numbers only, of the declared sign
        whole = np.array([0.0, 1.0, -1.0, 2.0, -2.0, 3.0, 10.0, 100.0, -100.0])
        keep = (
            whole > 0
            if "positive" in quals
            else (whole >= 0) & (whole <= 1)
            if "unit" in quals
            else whole >= 0
            if "nonnegative" in quals
            else np.ones_like(whole, dtype=bool)
        )
        choices = whole[keep]
    elif "unit" in quals:
        choices = np.array([0.0, 1.0, 1e-6, 1 - 1e-6, 0.5])
    elif "positive" in quals:
        choices = np.array([1e-8, 1e-3, 0.5, 1.0, 2.0, 3.0, 10.0, 1e3, 1e6])
    elif "nonnegative" in quals:
        choices = np.array([0.0, 1e-8, 0.5, 1.0, 2.0, 3.0, 10.0, 1e3, 1e6])
    else:
        choices = np.array(
            [0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5, 3.0, -10.0, 10.0, 1e-6, -1e3, 1e3, 1e8, -1e4]
        )
    return (
        choices[rng.integers(len(choices), size=shape)]
        if shape
        else choices[rng.integers(len(choices))]
    )


def point(arguments, table, sizes: dict, rng, edge: bool = False) -> list[np.ndarray]:
    """Random values for compiled-function arguments; ``sizes`` gives (and collects) the size of
    each dimension. With ``edge``, values come from the boundaries of the domains (``special``)."""
    values = []
    for a in arguments:
        if a.static:
            symbol = table.dim(a.key)
            if symbol not in sizes:
                sizes[symbol] = _SIZES[len(sizes) % len(_SIZES)]
            values.append(sizes[symbol])
            continue
        shape = []
        for s in a.sizes:
            if s.is_Integer:
                shape.append(int(s))
            elif s.is_Symbol:
                if s not in sizes:
                    sizes[s] = _SIZES[len(sizes) % len(_SIZES)]
                shape.append(sizes[s])
            else:  # n + 1 (vector[n+1]): its n sampled as any size
                for d in sorted(s.free_symbols, key=str):
                    if d not in sizes:
                        sizes[d] = _SIZES[len(sizes) % len(_SIZES)]
                shape.append(int(s.xreplace(sizes)))
        decl = declaration_of(table, a.key)
        if decl is None and isinstance(a.key, AppliedUndef):
            # a probability, or an unspecified value
            values.append(rng.choice([0.0, 1.0, 1e-6, 0.5]) if edge else rng.uniform(0.05, 0.95))
        else:
            draw = special if edge else sample
            # a number of classes not yet sized is at most the number of labels, so that a
            # draw can hold every class
            cap = int(np.prod(shape)) if shape else None
            classes = classes_of(decl, table, lambda d, cap=cap: _size(sizes, d, cap))
            values.append(draw(decl, tuple(shape), rng, classes))
    if edge:
        # ties between variables are corners too (``x > y`` fails where x = y)
        # between scalars of one domain only: a value of z copied into a positive a would be a
        # point outside the declared domains (a (1 + sin z) >= 0 "refuted" at a = -10)
        # arrays of one shape tie too (Cauchy-Schwarz is tight where x = y)
        inputs = [k for k, a in enumerate(arguments) if not a.static]
        if len(inputs) >= 2 and rng.random() < 0.5:
            src, dst = rng.choice(inputs, size=2, replace=False)
            if np.shape(values[src]) == np.shape(values[dst]) and _same_domain(
                declaration_of(table, arguments[src].key), declaration_of(table, arguments[dst].key)
            ):
                values[dst] = np.copy(values[src]) if np.ndim(values[src]) else values[src]
    return values


def _size(sizes: dict, d, cap: int | None = None) -> int:
    if d.is_Integer:
        return int(d)
    if d not in sizes:
        size = _SIZES[len(sizes) % len(_SIZES)]
        sizes[d] = min(size, cap) if cap else size
    return sizes[d]


def _same_domain(a, b) -> bool:
    """Two declarations that admit the same values (kind and qualifiers; no declaration is a
    real scalar)."""
    kind_a, quals_a = (a.kind, a.qualifiers) if a is not None else ("scalar", frozenset())
    kind_b, quals_b = (b.kind, b.qualifiers) if b is not None else ("scalar", frozenset())
    return kind_a == kind_b and set(quals_a) == set(quals_b)
