"""The errors derivax raises: one base class, and one subclass per thing a user can act on.

Each error also subclasses the builtin it refines, so that ordinary Python handlers still work:
a symbol table, a shape, LaTeX or a catalog entry that cannot be read is a ``ValueError``, an
argument of the wrong type a ``TypeError``, a budget that ran out a ``TimeoutError``. An
expression derivax cannot compile or differentiate (``CompileError``, ``DerivationError``) is a
``DerivaxError`` only: no builtin says "derivax cannot do this with a valid input".
"""

from __future__ import annotations


class DerivaxError(Exception):
    """Base class of every error derivax raises for bad input or an unsupported request."""


class SymbolError(DerivaxError, ValueError):
    """A symbol table entry that cannot be read, or a name used against its declaration."""


class SymbolTableTypeError(SymbolError, TypeError):
    """A symbol table given as something other than a string or a ``SymbolTable``."""


class InputTypeError(DerivaxError, TypeError):
    """An expression given as something other than LaTeX, a SymPy object or a catalog entry."""


class ShapeError(DerivaxError, ValueError):
    """An array whose shape disagrees with the symbol table."""


class CompileError(DerivaxError):
    """An expression derivax cannot turn into a numeric function."""


class DerivationError(DerivaxError):
    """A derivative that cannot be taken, or that failed its numeric cross-check."""


class PlotError(DerivaxError, ValueError):
    """An expression or claim with no sensible plot: a function of vectors or matrices, a
    vector-valued result, the value of an unspecified function."""


class CatalogError(DerivaxError, ValueError):
    """A catalog entry that is malformed; names the file, the equation id and the field."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        id: str | None = None,
        field: str | None = None,
    ):
        where = ", ".join(
            f"{label} `{value}`"
            for label, value in (("file", file), ("equation", id), ("field", field))
            if value
        )
        super().__init__(f"{where}: {message}" if where else message)
        self.file, self.id, self.field = file, id, field


class VerifyTimeout(DerivaxError, TimeoutError):
    """An algebra call that ran out of its time budget."""


class ParseError(DerivaxError, ValueError):
    """LaTeX that cannot be read; carries the input and the position, and prints a caret under it."""

    def __init__(self, message: str, latex: str = "", position: int | None = None):
        self.message, self.latex, self.position = message, latex, position
        text = message
        if latex and position is not None:
            position = max(0, min(position, len(latex)))
            text = f"{message}\n  {latex}\n  {' ' * position}^"
        super().__init__(text)


class ShapeMismatch(ParseError):
    """Two arrays of different shapes added (``X X^T + \\lambda I_D`` with ``X: matrix[N, D]``):
    carries both shapes, so that a caller can ask where the sizes would meet."""

    def __init__(
        self,
        message: str,
        latex: str = "",
        position: int | None = None,
        shapes: tuple[tuple, tuple] = ((), ()),
    ):
        super().__init__(message, latex, position)
        self.shapes = shapes

    def __reduce__(self):
        return (type(self), (self.message, self.latex, self.position, self.shapes))


# -- the error boundary -----------------------------------------------------------------------------
def _first_line(e: BaseException, limit: int = 300) -> str:
    """A foreign message in one line: JAX appends paragraphs about its traceback filtering."""
    text = " ".join(str(e).split("\n--------------------")[0].split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


_SHAPE_WORDS = (
    "shape",
    "dimension",
    "broadcast",
    "square",
    "inhomogeneous",
    "axis",
    "axes",
    "incompatible",
    "size",
    "rank",
    "range",
    "matrix and scalar",
    "should be a matrix",
)


def translate(
    e: BaseException, what: str, stage: type[DerivaxError] = DerivaxError
) -> DerivaxError:
    """The ``DerivaxError`` a foreign exception stands for, naming ``what`` was being done (with
    the culprit in backticks, e.g. ``evaluating `\\frac{m}{v}```).

    >>> str(translate(OverflowError("int too large to convert to float"), "evaluating `x`"))
    'evaluating `x`: a number is too large for float64 (int too large to convert to float); numbers up to about 1.8e308 are accepted'
    """
    if isinstance(e, DerivaxError):
        return e
    detail = _first_line(e)
    name = type(e).__name__
    if isinstance(e, OverflowError):
        out = DerivaxError(
            f"{what}: a number is too large for float64 ({detail}); numbers up to about "
            f"1.8e308 are accepted"
        )
    elif isinstance(e, RecursionError):
        out = DerivaxError(f"{what}: the expression is nested too deeply to process")
    elif isinstance(e, MemoryError):
        out = DerivaxError(f"{what}: it needs more memory than there is; make the sizes smaller")
    elif isinstance(e, OSError):
        target = f" `{e.filename}`" if getattr(e, "filename", None) else ""
        out = DerivaxError(f"{what}: cannot use{target}: {e.strerror or detail}")
    elif isinstance(e, NotImplementedError):
        out = stage(
            f"{what}: not supported yet ({detail or 'SymPy cannot do this step'}{_where(e)})"
        )
    elif name in (
        "ConcretizationTypeError",
        "TracerBoolConversionError",
        "TracerIntegerConversionError",
        "TracerArrayConversionError",
        "NonConcreteBooleanIndexError",
    ):
        out = CompileError(
            f"{what}: a size, a bound or a branch depends on the value of an input, which "
            f"is not known while the function is traced; give it as a number instead "
            f"(JAX: {detail.split('.')[0]})"
        )
    elif name == "NonInvertibleMatrixError":  # SymPy, inverting a matrix it knows to be singular
        out = stage(
            f"{what}: it inverts a matrix that is singular (SymPy: {detail}); write it without "
            f"the inverse, or with a matrix that can be inverted"
        )
    elif isinstance(e, ValueError) and detail.startswith("an index of `"):  # compiled bounds checks
        out = ShapeError(f"{what}: {detail}")
    elif isinstance(e, (TypeError, ValueError, IndexError)) and any(
        w in detail.lower() for w in _SHAPE_WORDS
    ):
        out = ShapeError(
            f"{what}: the shapes of its parts do not fit together ({detail}); check the "
            f"shapes in the symbol table and of the values given"
        )
    else:
        out = stage(
            f"{what}: {name}: {detail} (derivax did not expect this; it is a bug worth "
            f"reporting with the input)"
        )
    out.__cause__ = e
    return out


def _where(e: BaseException) -> str:
    """The SymPy function a NotImplementedError came from (``Trace._eval_derivative``)."""
    import traceback

    frames = [f for f in traceback.extract_tb(e.__traceback__) if "sympy" in f.filename]
    return f"; raised in SymPy's `{frames[-1].name}`" if frames else ""


def boundary(what: str, stage: type[DerivaxError] = DerivaxError):
    """Decorator for a public function: every exception it lets out is a ``DerivaxError``.

    ``what`` is a verb phrase (``evaluating``); the culprit is the first argument when it is a
    string (the LaTeX), shown in backticks."""
    import functools

    def wrap(fn):
        @functools.wraps(fn)
        def inner(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except DerivaxError:
                raise
            except Exception as e:
                culprit = args[0] if args and isinstance(args[0], str) else None
                if culprit is None and args:
                    culprit = _short(args[0])
                raise translate(e, f"{what} `{culprit}`" if culprit else what, stage) from e

        return inner

    return wrap


def _short(obj, limit: int = 80) -> str:
    try:
        text = str(obj)
    except Exception:
        text = type(obj).__name__
    return text if len(text) <= limit else text[: limit - 3] + "..."
