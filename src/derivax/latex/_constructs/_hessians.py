r"""The Hessian written with ``\nabla^2``: ``\nabla^2 f(x)``, ``\nabla^2_x E``, ``\nabla_x^2 E``,
``\nabla^{2} f(x, y)``.

With respect to a vector it is the unevaluated ``Hessian`` node (taken by the verifier, as a
gradient is); of a scalar it is the second derivative; of a function applied to several scalars
it is the matrix of their second derivatives, in the order of the arguments. The Hessian of an
unspecified function that no given defines is an input of its own, as its gradient is.
"""

from __future__ import annotations

import sympy
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixExpr, MatrixSymbol

from ... import _functions as F
from ...symbols import join_tokens
from .._lex import Tok
from .._vocabulary import _Piece
from ._carried import carried_by, carried_derivative


def _skip_power(reader, toks: list[Tok], j: int) -> int:
    if j < len(toks) and toks[j].text == "^":
        return reader.group(toks, j + 1)[1]
    return j


def read_hessian(reader, toks: list[Tok], t0: Tok, j: int, out: list[_Piece]) -> int:
    """The Hessian whose ``\\nabla`` is ``t0``; ``j`` is just after ``\\nabla`` and the power
    written before the subscript (if any). Returns where the reading stops."""
    sub: list[Tok] | None = None
    if j < len(toks) and toks[j].text == "_":
        sub, j = reader.group(toks, j + 1)
        j = _skip_power(reader, toks, j)
    start, end = j, reader._term_end(toks, j)
    if end == start:
        raise reader.error("this Hessian needs an expression to act on", t0)
    body = reader.parse(toks[start:end], toks[start].pos)
    written = join_tokens([t.text for t in toks[start:end]])
    if sub is not None:
        variables = [reader.parse(sub, sub[0].pos)]
    else:
        args = body.args if isinstance(body, AppliedUndef) else ()
        if not args or not all(isinstance(a, (sympy.Symbol, MatrixSymbol)) for a in args):
            raise reader.error(
                "write the variable of a Hessian as a subscript: `\\nabla^2_{x} L` "
                "(`\\nabla^2 f(x)` with no subscript is read only for a function applied to "
                "its variables)",
                t0,
            )
        variables = list(args)
        reader.note(
            f"`\\nabla^2 {written}` is the Hessian with respect to "
            f"{', '.join(f'`{v}`' for v in variables)}, the arguments of `{body.func}`"
        )
    out.append(reader.place(_hessian_of(reader, body, variables, written, t0), t0.pos))
    return end


def _hessian_of(reader, body, variables: list, written: str, t0: Tok) -> sympy.Basic:
    defined = (isinstance(body, AppliedUndef) and str(body.func) in reader.defined) or (
        isinstance(body, sympy.Symbol) and body.name in reader.defined
    )
    if defined:
        reader.note(f"`\\nabla^2` of `{body}` differentiates the definition given for it")
    elif len(variables) > 1 and any(carried_by(body, v) for v in variables):
        raise reader.error(
            f"`{carried_by(body, next(v for v in variables if carried_by(body, v)))[0]}` carries "
            f"a variable of this Hessian in its name; write the Hessian in one variable at a time",
            t0,
        )
    if len(variables) > 1:
        if not all(isinstance(v, sympy.Symbol) for v in variables):
            raise reader.error(
                "a Hessian in several variables is read for scalar variables "
                "(`\\nabla^2 f(x, y)`); of vectors, write the Hessian in each one",
                t0,
            )
        return sympy.ImmutableMatrix(
            [[sympy.Derivative(body, a, b) for b in variables] for a in variables]
        )
    var = variables[0]
    if isinstance(var, MatrixExpr):
        if not isinstance(var, MatrixSymbol) or var.shape[1] != 1:
            raise reader.error(
                f"`\\nabla^2` with respect to `{var}`: derivax reads a Hessian with respect to a "
                f"scalar or a vector here; with respect to a matrix it is an mn x mn matrix in "
                f"the vec convention, which `derivax grad`'s Hessian (dx.hessian) derives",
                t0,
            )
        if not defined:
            reader._refuse_carried_array(body, var, t0)
        if not defined and (
            isinstance(body, AppliedUndef) or (isinstance(body, sympy.Symbol) and not body.has(var))
        ):
            # the Hessian of an unspecified function is itself unspecified: a named input
            name = f"\\nabla^2_{{{sympy.latex(var)}}} {written}"
            return F.OpaqueMatrix(name, var.shape[0], var.shape[0])
        return F.Hessian(body, var)
    if isinstance(var, (sympy.Symbol, sympy.Indexed)):
        carried = None if defined else carried_derivative(body, var, 2)
        if carried is not None:
            return carried
        if not defined and isinstance(body, sympy.Symbol) and not body.has(var):
            return F.Opaque(f"\\nabla^2_{{{sympy.latex(var)}}} {written}", real=True)
        return sympy.Derivative(body, (var, 2))
    raise reader.error(f"the variable of a Hessian is a scalar or a vector; `{var}` is neither", t0)
