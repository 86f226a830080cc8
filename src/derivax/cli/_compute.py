"""Commands that compute from one equation: ``eval`` (and its inputs), ``grad``, ``compile``."""

from __future__ import annotations

import argparse
import json
from typing import Any

from .._errors import DerivaxError
from ._options import (
    add_catalog,
    add_force,
    add_symbols,
    add_timeout,
    command,
)
from ._output import EXIT_OK, _emit, _math_printer, _write
from ._targets import _loaded, _looks_like_id

#: what ID_OR_LATEX means, for every command that takes one
TARGET_SYNTAX = (
    "ID_OR_LATEX is a catalog equation's id (`derivax list`) or an expression in LaTeX, "
    "quoted for the shell: '\\log(1 + e^{x})'. A name is read through the symbol table."
)


def add_grad(sub: argparse._SubParsersAction) -> None:
    c = command(
        sub,
        "grad",
        "derive the gradient of a catalog equation or a LaTeX expression",
        _grad,
        syntax=[
            TARGET_SYNTAX,
            "NAME is the variable, in LaTeX (\\theta) or plainly (theta). A gradient has the "
            "shape of its variable (denominator layout): with respect to an m x n matrix it is "
            "an m x n matrix. Every derivative is cross-checked numerically before it is shown.",
        ],
        examples=[
            "derivax grad cross_entropy --wrt q",
            "derivax grad '\\log\\det X' --wrt X -s 'X: matrix[n, n]' --hessian",
        ],
        symbols=True,
        math=True,
    )
    c.add_argument("target", metavar="ID_OR_LATEX")
    c.add_argument(
        "--wrt", required=True, metavar="NAME", help="the variable (LaTeX or plain name)"
    )
    order = c.add_mutually_exclusive_group()
    order.add_argument(
        "--hessian",
        action="store_true",
        help="the second derivative instead: with respect to an m x n matrix X, the mn x mn "
        "matrix H with d vec(grad f) = H vec(dX) (vec stacks the columns)",
    )
    order.add_argument(
        "--jacobian",
        action="store_true",
        help="the Jacobian of a vector- or matrix-valued expression instead (df = J dx; with "
        "respect to a matrix, d vec(F) = J vec(dX))",
    )
    add_symbols(c, "symbol table for a LaTeX expression (see below)")
    c.add_argument(
        "--given",
        action="append",
        default=[],
        metavar="DEFINITION",
        help=r'a definition to substitute first, e.g. --given "a = \sigma(z)"',
    )
    add_timeout(c, "budget for simplification")
    add_catalog(c)


def add_eval(sub: argparse._SubParsersAction) -> None:
    c = command(
        sub,
        "eval",
        "evaluate a catalog equation or a LaTeX expression at given inputs",
        _eval,
        syntax=[
            TARGET_SYNTAX,
            "NAME=VALUE gives an input as a JSON number or nested list (z=[1,2,3]) or a .npy "
            "file (z=logits.npy, a batch: one more leading axis than declared). A name is the "
            "symbol as declared (\\hat{y}) or its plain form (y_hat).",
        ],
        examples=[
            'derivax eval softmax --set "z=[1,2,3]"',
            "derivax eval '\\log(1 + e^{x})' --set x=0 --json",
        ],
        symbols=True,
    )
    c.add_argument("target", metavar="ID_OR_LATEX")
    c.add_argument(
        "--set",
        dest="values",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help='an input: a JSON number or nested list, e.g. --set "z=[1,2,3]"',
    )
    c.add_argument(
        "--define",
        action="append",
        default=[],
        metavar="F(X)=LATEX",
        help=r'define an unspecified function, e.g. --define "f(x)=e^{-x^2}"',
    )
    add_symbols(c, "symbol table for a LaTeX expression (see below)")
    c.add_argument(
        "--inputs", metavar="FILE.npz", help="inputs from a .npz file, one array per name"
    )
    c.add_argument(
        "-o", "--output", metavar="FILE.npy", help="write the value to a .npy file (- for stdout)"
    )
    add_force(c)
    add_catalog(c)


def add_compile(sub: argparse._SubParsersAction) -> None:
    c = command(
        sub,
        "compile",
        "write a standalone Python module (imports only jax) for an equation",
        _compile,
        syntax=[
            TARGET_SYNTAX,
            "The module defines f (and grad_f with --wrt), jitted; its docstring lists the "
            "arguments in call order.",
        ],
        examples=[
            "derivax compile softmax -o softmax_jax.py",
            "derivax compile logistic_regression_nll --wrt w -o nll.py",
        ],
        symbols=True,
    )
    c.add_argument("target", metavar="ID_OR_LATEX")
    c.add_argument(
        "--wrt", metavar="NAME", help="also write grad_f, the gradient with respect to NAME"
    )
    add_symbols(c, "symbol table for a LaTeX expression (see below)")
    c.add_argument(
        "-o", "--output", required=True, metavar="FILE.py", help="the module (- for stdout)"
    )
    add_force(c)
    add_catalog(c)


# -- eval -----------------------------------------------------------------------------------------
def _assignments(items: list[str], what: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.rpartition("=") if what == "--set" else item.partition("=")
        if not sep or not name.strip() or not value.strip():
            example = '--set "z=[1,2,3]"' if what == "--set" else '--define "f(x)=e^{-x^2}"'
            raise DerivaxError(f"`{item}` is not NAME=VALUE; write it as {example}")
        out[name.strip()] = value.strip()
    return out


def _value(name: str, text: str) -> Any:
    if text.endswith(".npy"):
        return _load_array(text, name)
    shown = text if len(text) <= 60 else text[:57] + "..."
    try:
        value = json.loads(text)
    except RecursionError:
        raise DerivaxError(
            f"the value of `{name}` is nested too deeply; expected a number or a JSON list "
            f"such as [1, 2, 3]"
        ) from None
    except ValueError as e:  # JSONDecodeError, and Python's limit of 4,300 digits for an integer
        why = "an integer with too many digits" if "digits" in str(e) else f"`{shown}`"
        raise DerivaxError(
            f"the value of `{name}` is {why}; expected a number or a JSON list such as [1, 2, 3]"
        ) from None
    if not _is_numeric(value):
        raise DerivaxError(
            f"the value of `{name}` must be a number or nested lists of numbers, got `{shown}`"
        )
    import numpy as np

    try:
        array = np.asarray(value, dtype=np.float64)
    except OverflowError:
        raise DerivaxError(
            f"the value of `{name}` has a number too large for float64 (`{shown}`); numbers "
            f"up to about 1.8e308 are accepted"
        ) from None
    except ValueError:
        raise DerivaxError(
            f"the value of `{name}` is a ragged list (`{shown}`): every row must have the same "
            f"length, as in [[1, 2], [3, 4]]"
        ) from None
    return value if array.ndim else float(array)


def _load_array(path: str, name: str):
    import numpy as np

    try:
        value = np.load(path, allow_pickle=False)
    except (OSError, ValueError) as e:
        raise DerivaxError(f"cannot read `{path}` for `{name}`: {e}") from None
    if not np.issubdtype(value.dtype, np.number):
        raise DerivaxError(f"`{path}` for `{name}` holds {value.dtype} values; expected numbers")
    return value


def _load_npz(path: str) -> dict[str, Any]:
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as data:
            return {k: _checked(data[k], f"{path}:{k}") for k in data.files}
    except (OSError, ValueError) as e:
        raise DerivaxError(
            f"cannot read `{path}`: {e}; expected a .npz file (numpy.savez)"
        ) from None


def _checked(value, where: str):
    import numpy as np

    if not np.issubdtype(value.dtype, np.number):
        raise DerivaxError(f"`{where}` holds {value.dtype} values; expected numbers")
    return value


def _is_numeric(v: Any) -> bool:
    if isinstance(v, bool):
        return False
    if isinstance(v, (int, float)):
        return True
    return isinstance(v, list) and len(v) > 0 and all(_is_numeric(u) for u in v)


def _eval(args: argparse.Namespace) -> int:
    import numpy as np

    if args.output and args.output != "-" and not args.output.endswith(".npy"):
        raise DerivaxError(f"`{args.output}`: eval writes .npy files; name the output FILE.npy")
    values = _load_npz(args.inputs) if args.inputs else {}
    values.update({k: _value(k, v) for k, v in _assignments(args.values, "--set").items()})
    define = _assignments(args.define, "--define")
    cat = _loaded(args)
    if args.target in cat:
        if args.symbols:
            raise DerivaxError(
                f"`{args.target}` is a catalog equation with its own symbol table; drop --symbols"
            )
        result = cat[args.target].evaluate(values, define)
    else:
        if _looks_like_id(args.target, cat):
            cat[args.target]  # raises the catalog's "no equation" error with suggestions
        from .._api import evaluate

        result = evaluate(args.target, values, args.symbols, define=define)
    if args.output:
        import io

        buffer = io.BytesIO()
        np.save(buffer, np.asarray(result), allow_pickle=False)
        if _write(args, buffer.getvalue()):
            return EXIT_OK
        shape = list(np.shape(result))
        _emit(
            args,
            {"output": args.output, "shape": shape},
            f"wrote {args.output} (shape {tuple(shape)})",
        )
        return EXIT_OK
    out = np.asarray(result).tolist()
    _emit(args, {"value": out}, _format(out))
    return EXIT_OK


def _grad(args: argparse.Namespace) -> int:
    from .._api import derive, jacobian_derivation, second_derivation
    from ..latex import to_latex
    from ..symbols import SymbolTable

    if args.timeout <= 0:
        raise DerivaxError(f"--timeout must be positive, got {args.timeout}")
    kind = "hessian" if args.hessian else "jacobian" if args.jacobian else "gradient"
    how = {"gradient": derive, "hessian": second_derivation, "jacobian": jacobian_derivation}[kind]
    cat = _loaded(args)
    if args.target in cat:
        if args.symbols:
            raise DerivaxError(
                f"`{args.target}` is a catalog equation with its own symbol table; drop --symbols"
            )
        eq = cat[args.target]
        expr, table = eq.expression, eq.table
    else:
        if _looks_like_id(args.target, cat):
            cat[args.target]
        expr, table = args.target, SymbolTable.coerce(args.symbols)
    d = how(expr, args.wrt, table, given=args.given, timeout=args.timeout)
    payload = {
        "derivative": kind,
        "latex": to_latex(d.result, table),
        "sympy": str(d.result),
        "wrt": str(d.wrt),
        "output_indices": [str(i) for i in d.output_indices],
        "checked": d.checked,
        "steps": [{"rule": s.rule, "latex": s.latex} for s in d.steps],
    }
    math = _math_printer(args)
    wrt = math(to_latex(d.wrt, table))
    label = {"gradient": f"d/d{wrt}", "hessian": f"d²/d{wrt}²", "jacobian": f"J_{wrt}"}
    lines = [f"{label[kind]} = {math(payload['latex'])}"]
    if d.output_indices:
        lines.append(f"  free indices: {', '.join(str(k) for k in d.output_indices)}")
    lines.append(f"  {d.checked}")
    lines.append("  steps:")
    lines.extend(
        f"    {math(s.rule) if '$' in s.rule else s.rule}: {math(s.latex)}" for s in d.steps[:-1]
    )
    _emit(args, payload, "\n".join(lines))
    return EXIT_OK


def _compile(args: argparse.Namespace) -> int:
    from .._compile import compile as build
    from .._compile import module_source

    cat = _loaded(args)
    if args.target in cat:
        if args.symbols:
            raise DerivaxError(
                f"`{args.target}` is a catalog equation with its own symbol table; drop --symbols"
            )
        eq = cat[args.target]
        cf = eq.compile()
        cf.latex = eq.latex
    else:
        if _looks_like_id(args.target, cat):
            cat[args.target]
        cf = build(args.target, symbols=args.symbols)
    if args.wrt is not None and cf.output_indices:
        raise DerivaxError(
            f"`--wrt` needs a scalar value; this one has output axes {', '.join(cf.output_indices)}"
        )
    source = module_source(cf, wrt=args.wrt)
    if _write(args, source.encode()):
        return EXIT_OK
    payload = {
        "output": args.output,
        "args": list(cf.plain_args),
        "names": list(cf.args),
        "output_indices": list(cf.output_indices),
    }
    _emit(
        args,
        payload,
        f"wrote {args.output}: f({', '.join(cf.plain_args)})"
        + (f" and grad_f with respect to {args.wrt}" if args.wrt else ""),
    )
    return EXIT_OK


def _format(v: Any) -> str:
    if isinstance(v, list):
        return json.dumps(v)
    return repr(float(v))
