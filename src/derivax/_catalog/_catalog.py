"""Catalogs: ``equations/*.toml`` (built in) and a user's own directories of TOML, read into
validated ``Equation`` objects. The format is described by ``schema.json`` next to this module."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._errors import CatalogError, SymbolError
from ..symbols import SymbolTable, parse_symbols

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from .._verify import Verdict
    from ._stated import DerivativeResult

AREAS = (
    "probability",
    "information",
    "statistics",
    "linear_algebra",
    "optimization",
    "losses",
    "neural",
    "generative",
    "classical_ml",
)
VERDICTS = ("proved", "refuted", "plausible", "unknown", "timeout")
SCHEMA = Path(__file__).with_name(
    "schema.json"
)  # the format as a JSON Schema, for editors and tests
_ID = re.compile(r"[a-z][a-z0-9_]*")
_AREA = re.compile(r"[a-z][a-z0-9_]*")
_FIELDS = {"title", "area", "summary", "latex", "symbols", "examples", "checks", "derivatives"}
_EXAMPLE_FIELDS = {"set", "expect", "define", "note"}
_CHECK_FIELDS = {"claim", "expect", "given", "note"}
_DERIVATIVE_FIELDS = {"wrt", "latex", "note"}


@dataclass(frozen=True)
class Example:
    """A worked example: inputs (``set``), optional function definitions, the expected value."""

    set: Mapping[str, Any]
    expect: Any
    define: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Check:
    """A claim that should hold for the equation, with the verdict the catalog expects."""

    claim: str
    expect: str
    given: tuple[str, ...] = ()


@dataclass(frozen=True)
class Derivative:
    """A derivative whose closed form is known: ``wrt`` and ``lhs = closed form`` in LaTeX."""

    wrt: str
    latex: str


@dataclass
class Equation:
    """One catalog entry. ``expression`` is parsed on first use."""

    id: str
    title: str
    area: str
    summary: str
    latex: str
    symbols: str
    examples: tuple[Example, ...]
    checks: tuple[Check, ...]
    derivatives: tuple[Derivative, ...]
    file: str = ""

    @cached_property
    def table(self) -> SymbolTable:
        return parse_symbols(self.symbols)

    @cached_property
    def expression(self):
        """The defining equation as a SymPy relation (``Eq(lhs, rhs)``)."""
        from ..latex import parse

        return parse(self.latex, self.table)

    @property
    def definition(self):
        """The right-hand side: the expression that defines the quantity."""
        import sympy

        e = self.expression
        return e.rhs if isinstance(e, sympy.Equality) else e

    def to_latex(self) -> str:
        """The defining LaTeX as it stands in the catalog."""
        return self.latex

    def evaluate(self, values: Mapping[str, Any], define: Mapping[str, str] | None = None):
        """The value of the definition at ``values`` (float64, through JAX).

        >>> import derivax as dx
        >>> dx.catalog()["softmax"].evaluate({"z": [0.0, 0.0]}).tolist()
        [0.5, 0.5]
        """
        from ._evaluate import evaluate_equation

        return evaluate_equation(self, values, define or {})

    def compile(self, args=None, dtype=None, define=None):
        """The definition compiled into a jitted JAX function (free indices become output axes).

        >>> f = catalog()["softmax"].compile()
        >>> [round(float(v), 4) for v in f(z=[0.0, 0.0])]
        [0.5, 0.5]
        """
        from .._compile import compile as build
        from ._evaluate import definitions, free_indices

        return build(
            self.definition,
            args=args,
            symbols=self.table,
            dtype=dtype,
            free_indices=free_indices(self),
            functions=definitions(self.table, define or {}),
        )

    def grad(self, wrt: str, **options):
        """The derivative of the definition with respect to ``wrt``, cross-checked against JAX.

        >>> catalog()["sigmoid"].grad("x")
        (1 - sigmoid(x))*sigmoid(x)
        """
        from .._derive import grad

        return grad(self.expression, wrt, self.table, **options)

    def derive(self, wrt: str, **options):
        """The ``Derivation`` (result, steps, cross-check) of the definition with respect to ``wrt``."""
        from .._derive import derive

        return derive(self.expression, wrt, self.table, **options)

    def plot(
        self,
        wrt: str | Sequence[str] | None = None,
        range: tuple[float, float] | str | None = None,
        at: Mapping[str, float] | None = None,
        path: str | None = None,
        force: bool = False,
    ) -> Figure:
        """A matplotlib figure of the definition (see ``derivax.plot``); ``PlotError`` for an
        equation with no sensible plot (vector or matrix inputs or values).

        >>> fig = catalog()["sigmoid"].plot()
        >>> fig.axes[1].get_ylabel()
        'df/dx'
        """
        from .._plot import plot_equation

        return plot_equation(self, wrt=wrt, range=range, at=at, path=path, force=force)

    def compiled(self):
        """The compiled definition, built once; ``None`` for what only the plain evaluator handles
        (integrals, arg max)."""
        from .._errors import CompileError

        if not hasattr(self, "_compiled"):
            try:
                self._compiled = self.compile()
            except CompileError:
                self._compiled = None
        return self._compiled

    def run_examples(self) -> list[ExampleResult]:
        """Evaluate every worked example and compare with its expected value."""
        from ._evaluate import run_example

        return [run_example(self, k, ex) for k, ex in enumerate(self.examples)]

    def verify(
        self, timeout: float = 10.0, on_step: Callable[[str], None] | None = None
    ) -> Verification:
        """Parse the equation, run its worked examples and decide its claims (``timeout`` seconds
        each); ``on_step`` is called after the examples and after each claim.

        >>> catalog()["softmax"].verify().ok
        True
        """
        import time

        from .._budget import require_budget
        from .._errors import DerivaxError

        timeout = require_budget(timeout)
        start = time.perf_counter()
        try:
            _ = self.expression  # reading it parses it
        except DerivaxError as e:
            return Verification(
                self.id, False, f"does not parse: {e}", (), (), time.perf_counter() - start
            )
        examples = tuple(self.run_examples())
        if on_step:
            on_step(self.id)
        checks = self.check_claims(timeout, on_step)
        derivatives = self.check_derivatives(timeout)
        return Verification(
            self.id, True, "", examples, checks, time.perf_counter() - start, derivatives
        )

    def check_derivatives(self, timeout: float = 10.0) -> tuple[DerivativeResult, ...]:
        """Compare each derivative the entry states with the one derivax derives (symbolically,
        then numerically); a ``refuted`` result carries the point where they differ.

        >>> [r.status for r in catalog()["sigmoid"].check_derivatives()]
        ['proved']
        """
        from ._stated import check_derivative

        return tuple(check_derivative(self, d, timeout) for d in self.derivatives)

    def check_claims(
        self, timeout: float = 10.0, on_step: Callable[[str], None] | None = None
    ) -> tuple[CheckResult, ...]:
        """Decide each of the equation's claims (``timeout`` seconds each)."""
        from .._errors import DerivaxError
        from .._verify import check

        results = []
        for c in self.checks:
            try:
                results.append(CheckResult(c, check(c.claim, self.table, c.given, timeout=timeout)))
            except DerivaxError as e:
                results.append(CheckResult(c, None, str(e)))
            if on_step:
                on_step(self.id)
        return tuple(results)

    def __repr__(self) -> str:
        return f"Equation({self.id!r}, {self.latex!r})"

    def _repr_latex_(self) -> str:
        """Jupyter shows the defining equation as the author wrote it."""
        return f"$${self.latex}$$"


@dataclass(frozen=True)
class ExampleResult:
    equation: str
    index: int
    ok: bool
    expected: Any
    got: Any
    error: str = ""
    max_rel_error: float = 0.0


@dataclass(frozen=True)
class CheckResult:
    """A catalog claim with the verdict derivax reached (``None`` when the claim could not be read)."""

    check: Check
    verdict: Verdict | None
    error: str = ""

    @property
    def status(self) -> str:
        return self.verdict.status if self.verdict else "error"

    @property
    def ok(self) -> bool:
        return self.status == self.check.expect


@dataclass(frozen=True)
class Verification:
    """What ``Equation.verify`` found: whether the equation parses, its examples, its claims."""

    equation: str
    parsed: bool
    error: str
    examples: tuple[ExampleResult, ...]
    checks: tuple[CheckResult, ...]
    seconds: float
    derivatives: tuple[DerivativeResult, ...] = ()

    @property
    def ok(self) -> bool:
        return (
            self.parsed
            and all(x.ok for x in self.examples)
            and all(c.ok for c in self.checks)
            and all(d.ok for d in self.derivatives)
        )


class Catalog(Mapping[str, Equation]):
    """The equations by id, in file order."""

    def __init__(self, equations: Mapping[str, Equation]):
        self._equations = dict(equations)

    def __getitem__(self, key: str) -> Equation:
        try:
            return self._equations[key]
        except KeyError:
            import difflib

            close = [k for k in self._equations if key.lower() in k or k in key.lower()]
            close += [
                k
                for k in difflib.get_close_matches(
                    key.lower(), list(self._equations), n=3, cutoff=0.75
                )
                if k not in close
            ]
            hint = (
                f"; did you mean {', '.join(f'`{c}`' for c in close[:3])}?"
                if close
                else "; `derivax list` shows every id"
            )
            raise CatalogError(f"no equation `{key}` in the catalog{hint}") from None

    def __contains__(self, key: object) -> bool:
        return key in self._equations

    def __iter__(self) -> Iterator[str]:
        return iter(self._equations)

    def __len__(self) -> int:
        return len(self._equations)

    def areas(self) -> list[str]:
        return sorted({e.area for e in self._equations.values()}, key=_area_order)

    def by_area(self, area: str) -> list[Equation]:
        if area not in {e.area for e in self._equations.values()}:
            raise CatalogError(f"unknown area `{area}`; expected one of {', '.join(self.areas())}")
        return [e for e in self._equations.values() if e.area == area]


def _area_order(area: str) -> int:
    return AREAS.index(area) if area in AREAS else len(AREAS)


def catalog_dir() -> Path:
    """Where the catalog lives: inside the installed package, or at the root of a source tree."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "equations"
    if packaged.is_dir():
        return packaged
    source = here.parent.parent / "equations"
    if source.is_dir():
        return source
    raise CatalogError(f"the equation catalog is missing (looked in {packaged} and {source})")


_CACHE: dict[tuple[Path, ...], Catalog] = {}


def _roots(path) -> tuple[Path, ...]:
    """One path or several (a list or tuple), as ``Path`` objects; ``None`` gives none."""
    if path is None:
        return ()
    if isinstance(path, (str, Path)):
        return (Path(path),)
    try:
        return tuple(Path(p) for p in path)
    except TypeError:
        raise CatalogError(
            f"a catalog path is a directory or a .toml file (or a list of them), got `{path!r}`"
        ) from None


def catalog(path=None) -> Catalog:
    """The built-in catalog, plus the user's own catalogs at ``path`` (a directory of ``*.toml``
    files or one file, or a list of them) when given; ids must be unique across all of them.

    >>> "softmax" in catalog() and catalog()["softmax"].area
    'neural'
    """
    roots = (catalog_dir(), *_roots(path))
    key = tuple(r.resolve() for r in roots)
    if key not in _CACHE or path is not None:  # a user's files may change between calls
        _CACHE[key] = load(*roots)
    return _CACHE[key]


def load_catalog(path) -> Catalog:
    """Only the user's own catalogs at ``path`` (a directory, a ``.toml`` file, or a list of them),
    validated; the same format as ``equations/`` (``schema.json`` describes it)."""
    roots = _roots(path)
    if not roots:
        raise CatalogError("give the directory (or .toml file) of a catalog")
    return load(*roots)


def load(*roots: Path) -> Catalog:
    """The equations of every ``*.toml`` file in ``roots`` (directories or files), in order; an id
    defined twice, in one catalog or across two, is an error naming both files."""
    builtin = catalog_dir() if _builtin_exists() else None
    equations: dict[str, Equation] = {}
    for root in roots:
        root = Path(root)
        if not root.exists():
            raise CatalogError(
                f"the catalog `{root}` does not exist; give a directory of *.toml files "
                f"or one .toml file"
            )
        files = (
            [root]
            if root.is_file()
            else sorted(root.glob("*.toml"), key=lambda f: (_area_order(f.stem), f.name))
        )
        if not files:
            raise CatalogError(f"no `*.toml` files in `{root}`")
        own = builtin is None or root.resolve() != builtin.resolve()
        for f in files:
            label = str(f) if own else f.name
            try:
                data = tomllib.loads(f.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError as e:
                raise CatalogError(f"not valid TOML: {e}", file=label) from None
            except (OSError, UnicodeDecodeError) as e:
                raise CatalogError(f"cannot read: {e}", file=label) from None
            for eq_id, entry in data.items():
                if eq_id in equations:
                    raise CatalogError(
                        f"id also defined in `{equations[eq_id].file}`; ids must be unique "
                        f"across the loaded catalogs (the built-in one included)",
                        file=label,
                        id=eq_id,
                    )
                equations[eq_id] = _equation(f, eq_id, entry, label)
    return Catalog(equations)


def _builtin_exists() -> bool:
    try:
        catalog_dir()
    except CatalogError:
        return False
    return True


def _equation(f: Path, eq_id: str, entry: Any, label: str = "") -> Equation:
    label = label or f.name

    def fail(message: str, fld: str | None = None) -> CatalogError:
        return CatalogError(message, file=label, id=eq_id, field=fld)

    if not _ID.fullmatch(eq_id):
        raise fail("an equation id is lower-case letters, digits and `_`, starting with a letter")
    if not isinstance(entry, dict):
        raise fail("an equation is a table (`[id]` followed by its fields)")
    unknown = sorted(set(entry) - _FIELDS)
    if unknown:
        raise fail(f"unknown field; expected only {', '.join(sorted(_FIELDS))}", unknown[0])
    for name in ("title", "area", "summary", "latex", "symbols"):
        if name not in entry:
            raise fail("this field is required", name)
        if not isinstance(entry[name], str) or (name != "symbols" and not entry[name].strip()):
            raise fail("must be a non-empty string", name)
    if not _AREA.fullmatch(entry["area"]):
        raise fail(
            f"an area name is lower-case letters, digits and `_`, starting with a letter, such as "
            f"`my_paper` (built-in areas: {', '.join(AREAS)}); got `{entry['area']}`",
            "area",
        )
    if f.suffix == ".toml" and f.stem in AREAS and entry["area"] != f.stem:
        raise fail(f"area `{entry['area']}` does not match the file `{f.name}`", "area")
    try:
        parse_symbols(entry["symbols"])
    except SymbolError as e:
        raise fail(str(e), "symbols") from None
    examples = tuple(_example(fail, k, x) for k, x in enumerate(_list(fail, entry, "examples")))
    if not examples:
        raise fail("every equation needs at least one worked example", "examples")
    checks = tuple(_check(fail, k, x) for k, x in enumerate(_list(fail, entry, "checks")))
    derivatives = tuple(
        _derivative(fail, k, x) for k, x in enumerate(_list(fail, entry, "derivatives"))
    )
    return Equation(
        eq_id,
        entry["title"],
        entry["area"],
        entry["summary"],
        entry["latex"],
        entry["symbols"],
        examples,
        checks,
        derivatives,
        label,
    )


def _list(fail, entry: dict, name: str) -> list:
    value = entry.get(name, [])
    if not isinstance(value, list) or not all(isinstance(x, dict) for x in value):
        raise fail(f"must be an array of tables (`[[id.{name}]]`)", name)
    return value


def _example(fail, k: int, x: dict) -> Example:
    where = f"examples[{k}]"
    unknown = sorted(set(x) - _EXAMPLE_FIELDS)
    if unknown:
        raise fail(f"unknown field `{unknown[0]}`; expected set, expect, define", where)
    if "set" not in x or not isinstance(x["set"], dict):
        raise fail("`set` (a table of input values) is required", where + ".set")
    if "expect" not in x:
        raise fail("`expect` (the expected value) is required", where + ".expect")
    for key, value in x["set"].items():
        if not _numeric(value):
            raise fail(
                f"the value of `{key}` must be a number or nested lists of numbers", where + ".set"
            )
    if not _numeric(x["expect"]):
        raise fail("must be a number or nested lists of numbers", where + ".expect")
    define = x.get("define", {})
    if not isinstance(define, dict) or not all(isinstance(v, str) for v in define.values()):
        raise fail("`define` maps a function application to its LaTeX body", where + ".define")
    return Example(x["set"], x["expect"], define)


def _numeric(v: Any) -> bool:
    if isinstance(v, bool):
        return False
    if isinstance(v, (int, float)):
        return True
    return isinstance(v, list) and len(v) > 0 and all(_numeric(u) for u in v)


def _check(fail, k: int, x: dict) -> Check:
    where = f"checks[{k}]"
    unknown = sorted(set(x) - _CHECK_FIELDS)
    if unknown:
        raise fail(f"unknown field `{unknown[0]}`; expected claim, expect, given", where)
    if not isinstance(x.get("claim"), str) or not x["claim"].strip():
        raise fail("`claim` (LaTeX) is required", where + ".claim")
    if x.get("expect") not in VERDICTS:
        raise fail(f"`expect` must be one of {', '.join(VERDICTS)}", where + ".expect")
    given = x.get("given", [])
    if not isinstance(given, list) or not all(isinstance(g, str) for g in given):
        raise fail("`given` is a list of LaTeX claims", where + ".given")
    return Check(x["claim"], x["expect"], tuple(given))


def _derivative(fail, k: int, x: dict) -> Derivative:
    where = f"derivatives[{k}]"
    unknown = sorted(set(x) - _DERIVATIVE_FIELDS)
    if unknown:
        raise fail(f"unknown field `{unknown[0]}`; expected wrt, latex", where)
    for name in ("wrt", "latex"):
        if not isinstance(x.get(name), str) or not x[name].strip():
            raise fail(f"`{name}` is required", f"{where}.{name}")
    return Derivative(x["wrt"], x["latex"])
