"""Matrix assembly: the skeleton's reading rebuilt with the placeholders' objects."""

from __future__ import annotations

import sympy
from sympy.matrices.expressions.matexpr import MatrixExpr

from .. import _functions as F
from .._errors import ShapeMismatch
from .._members import MatrixSum, Member, has_members
from ._cross import cross, refuse_index_power
from ._indicator import indicator
from ._operands import OperandProducts
from ._products import (
    _is_number,
    _is_one_by_one,
    _row_vector_first,
    _shape,
    _sizes_differ,
    _times,
    _two_vectors_product,
)
from ._rows import MatrixRow
from ._skeleton import Fraction
from ._unwritten import subscripted_names, unwritten_size
from ._vocabulary import (
    _MARK_CROSS,
    _MARK_DOT,
    _MARK_EXCLUDE,
    _MARK_HPOW,
    _MARK_ODOT,
    _MARK_RANGE,
    _MARK_T,
    _MARK_TOP,
    as_scalar,
    elementwise,
)


def _too_large(base, exp) -> bool:
    """A numeric power whose value would have more than about a thousand digits."""
    if not (base.is_number and exp.is_number):
        return False
    try:
        exp_size = abs(float(exp))
        base_size = abs(float(base))
    except OverflowError:
        return True
    except TypeError:  # no float value (an unevaluated function): SymPy leaves the power alone too
        return False
    if base_size in (0.0, 1.0):
        return False
    import math

    return exp_size * abs(math.log10(base_size)) > 1000


def _real_odd_root(base, exp) -> sympy.Expr | None:
    """``base^{p/q}`` with ``q`` odd (and > 1) of a real scalar base that may be negative, as the
    real root ``sign(base)^p |base|^{p/q}``: ``p`` even gives ``|base|^{p/q}``, ``p`` odd
    ``sign(base) |base|^{p/q}``. None where the plain power is meant: an even ``q`` (``\\sqrt{x}``,
    ``x^{3/2}``: the principal root), an integer power, a base known nonnegative (``|x|``, a
    declared positive scalar, ``x^2 + 1``), a base that is not real, or a symbolic exponent.
    At ``base = 0`` the form is 0 for a positive power and undefined (sign(0)|0|^{p/q}) for a
    negative one, as the power is."""
    if not isinstance(exp, sympy.Rational) or exp.is_Integer or exp.q % 2 == 0:
        return None
    if isinstance(base, MatrixExpr) or base.is_real is False or base.is_nonnegative:
        return None
    magnitude = sympy.Abs(base) ** exp
    return magnitude if exp.p % 2 == 0 else sympy.sign(base) * magnitude


def _set_sizes(expr: sympy.Basic) -> sympy.Basic:
    """``|B|`` next to ``\\sum_{i \\in B}`` is the size of the set B, the sum's upper bound."""
    sizes = {
        s.name[1:-1]: s
        for s in expr.free_symbols
        if isinstance(s, sympy.Symbol) and s.name.startswith("|") and s.name.endswith("|")
    }
    if not sizes:
        return expr
    return expr.replace(
        lambda e: (
            isinstance(e, sympy.Abs)
            and isinstance(e.args[0], sympy.Symbol)
            and e.args[0].name in sizes
        ),
        lambda e: sizes[e.args[0].name],
    )


class Assembler(OperandProducts):
    """The skeleton's reading rebuilt with the placeholders' objects: matrix algebra, shapes."""

    # -- back from the skeleton --------------------------------------------------------------------------
    def rebuild(self, e: sympy.Basic, pos: int) -> sympy.Basic:
        r = self.rebuild
        if isinstance(e, sympy.Symbol):
            name = self.alias.get(e.name, e.name)
            if name in self.objects:
                return self.objects[name]
            if e.name == "E":
                return sympy.E
            raise self.error(f"cannot read `{e.name}`", pos)
        if isinstance(e, sympy.Float):
            return sympy.Rational(str(e))
        if e.is_Atom:
            return e
        if isinstance(e, sympy.UnevaluatedExpr):
            return r(e.args[0], pos)
        if isinstance(e, sympy.Add):
            args = [r(a, pos) for a in e.args]
            total = args[0]
            for a in args[1:]:
                total = self._combine(total, a, "+", pos)
            return total
        if isinstance(e, sympy.Mul):
            return self._product([r(a, pos) for a in e.args], pos)
        if isinstance(e, Fraction):
            num, den = r(e.args[0], pos), r(e.args[1], pos)
            if (
                isinstance(num, MatrixExpr)
                and isinstance(den, MatrixExpr)
                and num.shape != (1, 1)
                and den.shape != (1, 1)
                and den.shape[0] == den.shape[1]
                and den.shape[1] != 1
            ):
                raise self.error(
                    "`\\frac{B}{A}` of two matrices has two readings, `B A^{-1}` and `A^{-1} B`; "
                    "write the one you mean",
                    pos,
                )
            if isinstance(den, MatrixExpr) and den.shape[0] == den.shape[1] and den.shape != (1, 1):
                self.note("`\\frac{1}{A}` of a square matrix is its inverse")
            return self._product([num, self._power(den, sympy.Integer(-1), pos)], pos)
        if isinstance(e, sympy.Pow):
            return self._power(r(e.base, pos), r(e.exp, pos), pos)
        if isinstance(e, (sympy.Sum, sympy.Product)):
            return self._rebuild_operator(e, pos)
        if isinstance(e, sympy.Integral):
            return sympy.Integral(
                r(e.function, pos), *[tuple(r(x, pos) for x in lim) for lim in e.limits]
            )
        if isinstance(e, sympy.core.relational.Relational):
            lhs, rhs = r(e.lhs, pos), r(e.rhs, pos)
            return type(e)(lhs, rhs, evaluate=False)
        if isinstance(e, sympy.And):
            return sympy.And(*[r(a, pos) for a in e.args], evaluate=False)
        if isinstance(e, sympy.MatrixBase):
            return sympy.ImmutableMatrix(e.rows, e.cols, [r(a, pos) for a in e])
        if isinstance(e, sympy.log):
            args = [r(a, pos) for a in e.args]
            return sympy.log(*args)
        if isinstance(e, sympy.Function) and not isinstance(e, sympy.core.function.AppliedUndef):
            args = [r(a, pos) for a in e.args]
            if (
                isinstance(e, (sympy.factorial, sympy.factorial2))
                and args[0].is_number
                and args[0].is_real
                and abs(args[0]) > 1000
            ):
                return e.func(*args, evaluate=False)  # (10^8)! stays as written
            return e.func(*args)
        if isinstance(e, sympy.Tuple):
            raise self.error("a comma-separated list where one expression was expected", pos)
        raise self.error(f"cannot read this ({type(e).__name__})", pos)

    def _rebuild_operator(self, e, pos: int) -> sympy.Basic:
        """A sum, product, maximum, minimum or limit as read: the limits run from the innermost
        operator out."""
        r = self.rebuild
        # the limits run from the innermost operator out; each keeps its own kind, so that
        # \sum_i \min_k \sum_c f is a sum of minima of sums (k-means), not one minimum over
        # i, k and c. Neighbouring sums (or products) share one object; a maximum or minimum
        # takes one limit each.
        body = r(e.function, pos)
        limits: list = []
        kind = type(e)
        for var, lo, hi in e.limits:
            var, lo, hi = r(var, pos), r(lo, pos), r(hi, pos)
            if isinstance(hi, sympy.Symbol) and hi.name in self.limit_sides:
                # \lim_{h \to 0} is read as a sum whose range marker says it is a limit
                if limits:
                    body, limits = kind(body, *limits), []
                body = self._limit_of(body, var, lo, self.limit_sides[hi.name], pos)
                continue
            this = type(e)
            if isinstance(hi, sympy.Symbol) and hi.name.startswith(_MARK_RANGE):
                this = self.extrema.get(hi.name, this)  # \max_i is read as a sum, then renamed
                member_of = self.members.get(int(hi.name[len(_MARK_RANGE) :]))
                if member_of is not None:
                    body = body.xreplace({var: self.table.indexed(member_of)[var]})
                hi = self._range(hi, var, lo, body, pos)
            if limits and (this is not kind or this in (F.IndexMax, F.IndexMin)):
                body, limits = kind(body, *limits), []
            kind = this
            marks = [m for m in getattr(lo, "free_symbols", ()) if m.name.startswith(_MARK_EXCLUDE)]
            for m in marks:
                lo = lo.xreplace({m: sympy.S.Zero})
                for other in self.exclusions[m.name]:
                    if this in (F.IndexMax, F.IndexMin):
                        # \max_{j \ne i}: the skipped term at -inf (+inf for a minimum); the
                        # terms \max_{j : cond} leaves out likewise
                        far = -sympy.oo if this is F.IndexMax else sympy.oo
                        body = (
                            F.Kept(body, other, far)
                            if _is_condition(other)
                            else F.Excluded(body, var, other, far)
                        )
                    elif _is_condition(other):
                        body = self._where(body, var, other, this is sympy.Product)
                    else:
                        body = body * (1 - sympy.KroneckerDelta(var, other))
            limits.append((var, lo, hi))
        if kind is sympy.Sum and isinstance(body, MatrixExpr) and has_members(body):
            # \sum_i a_i x_i over the members of a family: a matrix, one sum per index
            for limit in reversed(limits):
                body = MatrixSum(body, limit)
            return body
        if kind in (sympy.Sum, sympy.Product) and isinstance(body, MatrixExpr):
            self._refuse_whole_beside_entry(body, limits, kind, pos)
        return kind(body, *limits) if limits else body

    def _where(self, body, var, condition, product: bool):
        r"""The terms of ``\sum_{i : cond}`` (``\prod``) where the condition holds. A condition
        that holds an enclosing operator's index (``\sum_l \sum_{i : c_i = l}``) is a factor
        ``1[cond]`` (``indicator``), since SymPy lifts a Piecewise holding that index out of
        this sum. Any other condition on values keeps the terms as ``Kept(term, cond, 0)``,
        which skips the others even where they are undefined (``\sum_{i : x_i > 0} \log x_i``)
        and which SymPy never lifts out (a Piecewise was, in a derivative: the square of
        XGBoost's ``\sum_{i : x_i < s} g_i`` differentiated to a sum over every i). A condition
        on indices alone (``i \le j``) stays a Piecewise, which the sum rules make a range."""
        rest = sympy.S.One if product else sympy.S.Zero
        outer = {
            s
            for s in condition.free_symbols - {var}
            if (key := self.table.resolve(str(s))) is not None and self.table[key].kind == "index"
        }
        factor = indicator(condition, self.table) if outer else None
        if factor is not None:
            return factor * body + (1 - factor) if product else factor * body
        if condition.atoms(sympy.Indexed) or not all(s.is_integer for s in condition.free_symbols):
            return F.Kept(body, condition, rest)
        return sympy.Piecewise((body, condition), (rest, True))

    def _refuse_whole_beside_entry(self, body, limits, kind, pos: int) -> None:
        """A sum whose terms hold a vector both whole and by its entry at the sum's index
        (``\\frac{u(x, r')}{2 \\Delta u}``, the sensitivity ``\\Delta u`` read as a product with
        the vector): the whole one is an entry written without its index, or a name of its own
        the table does not declare; refused by name (a sum of arrays, ``\\sum_k A^k x``, is
        read)."""
        variables = {v for v, _, _ in limits}
        whole = {m.name for m in body.atoms(sympy.MatrixSymbol)}
        picked = {
            str(e.base.label) for e in body.atoms(sympy.Indexed) if variables & set(e.indices)
        }
        both = sorted(whole & picked)
        if not both:
            return
        var = next(v for v, _, _ in limits if v in body.free_symbols)
        sign = "\\sum" if kind is sympy.Sum else "\\prod"
        raise self.error(
            f"the terms of `{sign}` over `{var}` hold `{both[0]}` both by its entry at `{var}` and "
            f"whole, which makes each term a vector: where one number is meant, write the entry "
            f"(`{both[0]}_{{{var}}}`), or declare a name written with it as one of its own "
            f"(`\\Delta {both[0]}`, a sensitivity: `\\Delta_{{{both[0]}}}: scalar`)",
            pos,
        )

    def _limit_of(self, body, var, point, side: str, pos: int):
        """``\\lim`` of a scalar body (two-sided at a finite point unless a side is written)."""
        if isinstance(body, MatrixExpr) or not isinstance(body, sympy.Expr):
            raise self.error(
                "`\\lim` of a vector or matrix is not read; write it entry by entry", pos
            )
        # the variable is bound: what the table says of the letter (positive, say) is no
        # condition on the points the limit approaches from
        own = sympy.Symbol(var.name, real=True, **({"integer": True} if var.is_integer else {}))
        return sympy.Limit(body.xreplace({var: own}), own, point, side)

    def _power(self, base, exp, pos: int):
        """``base^exp`` of rebuilt objects: transposes, entrywise powers of vectors, matrix powers."""
        if exp in (_MARK_TOP, -_MARK_TOP, _MARK_T, -_MARK_T):
            if not isinstance(base, MatrixExpr) and exp in (_MARK_T, -_MARK_T):
                # ^T of a scalar is a power: 2^T, \gamma^T (T a number of steps)
                self.note(
                    "`^T` of a scalar is the power T, not a transpose (a transpose needs a "
                    "declared vector or matrix)"
                )
                if self.table.resolve("T") is not None:  # T a declared size (steps, samples)
                    power = self.table.dim("T")
                else:
                    self.undeclared.setdefault("T", "scalar")
                    power = sympy.Symbol("T", real=True)
                return base ** (-power if exp == -_MARK_T else power)
            t = base.T if isinstance(base, MatrixExpr) else base
            return sympy.Inverse(t) if exp in (-_MARK_TOP, -_MARK_T) else t
        if isinstance(exp, sympy.Expr) and exp.has(_MARK_HPOW):
            power = exp.as_independent(_MARK_HPOW, as_Add=False)[0]
            if power * _MARK_HPOW != exp or isinstance(power, MatrixExpr):
                raise self.error("`^{\\circ p}` takes a scalar power `p`", pos)
            if not isinstance(base, MatrixExpr):
                return base**power  # of a scalar, the entrywise power is the power
            return sympy.HadamardPower(base, power)
        if base == sympy.E and isinstance(exp, MatrixExpr):
            return self.matrix_exponential(exp, "exp", pos)
        if isinstance(base, MatrixExpr) and _is_matrix_named_t(exp):
            # A^T with T declared a matrix (A = T \Lambda T^{-1} in the same text): no power by
            # a matrix exists, so the superscript is the transpose
            self.note(
                "`^T` of a vector or matrix is its transpose, though `T` is declared a matrix "
                "(a power by a matrix has no meaning)"
            )
            return sympy.Inverse(base.T) if exp.could_extract_minus_sign() else base.T
        if isinstance(base, MatrixExpr):
            if base.shape == (1, 1):
                return base[0, 0] ** exp
            rows, cols = base.shape
            if cols == 1 or rows == 1:
                # a power of a vector is taken entry by entry: v^2, \sqrt{v}, 1/v
                refuse_index_power(exp, self.table, self.latex, pos)
                self.note("a power, root or reciprocal of a vector is taken entry by entry")
                v = sympy.Dummy("x", real=True)
                odd = _real_odd_root(v, exp)
                if odd is not None:  # \sqrt[3]{v}: the real root of each entry
                    return elementwise(sympy.Lambda(v, odd), base)
                return sympy.HadamardPower(base, exp)
            if rows != cols and not sympy.simplify(rows - cols) == 0:
                raise self.error(
                    f"a power of a {rows} x {cols} matrix, which is not square; write "
                    f"`A \\odot A` for the entrywise square",
                    pos,
                )
            if exp == -1:
                return sympy.Inverse(base)
            if isinstance(exp, MatrixExpr) or not (exp.is_number or exp.is_integer):
                raise self.error(
                    f"a power of a square matrix needs a number or a whole-number name as its "
                    f"exponent (an integer, an index, or 1/2 for the square root), not `{exp}`",
                    pos,
                )
            if not exp.is_Integer:
                self.note(
                    f"`^{{{exp}}}` of a square matrix is the matrix power (the principal root for "
                    f"`^{{1/2}}`), not a power of its entries"
                )
            return sympy.MatPow(base, exp)
        if _too_large(base, exp):
            # 2^{30^5} has 7 million digits: refused before any arithmetic touches it
            raise self.error("this number is too large to work with (more than 1,000 digits)", pos)
        odd = _real_odd_root(base, exp)
        if odd is not None:
            self.note(
                "an odd root of a real scalar is real: `\\sqrt[3]{x}` and `x^{p/q}` with q odd are "
                "sign(x)^p |x|^{p/q} (the cube root of -8 is -2); declare the base `nonnegative` "
                "or `positive` for the plain power"
            )
            return odd
        return base**exp

    def matrix_exponential(self, a: MatrixExpr, word: str, pos: int) -> MatrixExpr:
        """``e^{A}``, ``\\exp(A)``, ``\\exp A`` (``word`` "exp") or ``\\operatorname{expm}(A)``
        ("expm") of a matrix argument. A vector's exponential is taken entry by entry, as every
        function of a vector (``expm`` of a vector is refused); a square matrix's is the matrix
        exponential ``F.MatrixExp``; ``\\exp^{\\circ}(A)`` is the exponential of each entry.
        Side conditions, each refused with both readings named: a matrix that is not square as
        declared (``m x n``, even where m = n at some point), and, for ``exp``, a square product
        of matrices that are not square (``Q K^\\top``: attention scores, where the entrywise
        reading is the usual one; ``expm`` says the matrix exponential)."""
        rows, cols = a.shape
        if word == "exp" and (cols == 1 or rows == 1):
            x = sympy.Dummy("x", real=True)
            return elementwise(sympy.Lambda(x, sympy.exp(x)), a)
        shown = f"{rows} x {cols}"
        entrywise = "`\\exp^{\\circ}(A)` for the exponential of each entry"
        if sympy.simplify(rows - cols) != 0:
            raise self.error(
                f"the exponential of a {shown} matrix, which is not square: it has no matrix "
                f"exponential (`e^{{A}}` of a square matrix); write {entrywise}",
                pos,
            )
        oblong = sorted(
            m.name
            for m in a.atoms(sympy.MatrixSymbol)
            if sympy.simplify(m.shape[0] - m.shape[1]) != 0 and 1 not in m.shape
        )
        if word == "exp" and oblong:
            raise self.error(
                f"the exponential of a square matrix made of `{oblong[0]}` ({shown}, not square "
                f"itself) has two readings: the matrix exponential, written "
                f"`\\operatorname{{expm}}(...)`, and {entrywise}",
                pos,
            )
        from .. import _functions as F

        self.note(
            "`e^{A}` (`\\exp(A)`) of a square matrix is the matrix exponential; "
            "`\\exp^{\\circ}(A)` is the exponential of each entry"
        )
        return F.MatrixExp(a)

    def _range(
        self, marker: sympy.Symbol, var: sympy.Symbol, lo: sympy.Basic, body: sympy.Basic, pos: int
    ) -> sympy.Expr:
        _, size = self.ranges[marker.name]
        if size is not None:
            return size
        for ix in body.atoms(sympy.Indexed):
            shape = ix.base.shape
            for axis, index in enumerate(ix.indices):
                if index == var and shape is not None and axis < len(shape):
                    return shape[axis]
        for member in body.atoms(Member):  # x_u of a family `x_u: row[X]`: the rows of X
            if member.index == var:
                rows, cols = member.parent.shape
                return cols if member.axis == 1 else rows
        for row in body.atoms(MatrixRow):  # \mu_c, row c of a declared matrix: its rows
            base, index, axis = row.args
            if index == var:
                return base.shape[int(axis)]
        dims = [name for name in self.table if self.table[name].kind == "dim"]
        if len(dims) == 1:
            return self.table.dim(dims[0])
        terms = unwritten_size(self.table, self.latex, var, lo, body)
        if terms is not None:
            self.note(
                f"an index `{var}` with no range written (`\\sum_{{{var}}}`) runs over a finite index set the text "
                f"does not name, read as {var} = 1..{terms}: a proof holds for every such set, "
                f"a counterexample at one {terms} refutes nothing"
            )
            return terms
        named = subscripted_names(body, var.name)
        if named:
            raise self.error(
                f"cannot tell the range of the summation index `{var}`, and `{named[0]}` is a "
                f"name of its own (its letter is declared a scalar), which does not vary with "
                f"`{var}`; write the bounds, as in `\\sum_{{{var}=1}}^{{n}}`, or declare the "
                f"array (`{named[0].split('_')[0]}: vector[n]`)",
                pos,
            )
        raise self.error(
            f"cannot tell the range of the summation index `{var}`; write the bounds, "
            f"as in `\\sum_{{{var}=1}}^{{n}}`",
            pos,
        )

    def _bias(self, a: MatrixExpr, b: MatrixExpr) -> tuple[MatrixExpr, MatrixExpr] | None:
        """``X W + b``: a vector added to a matrix whose rows (only) it matches is added to every
        row, ``X W + \\mathbf{1} b^\\top``; one matching its columns (only), to every column.
        None where the vector matches both sizes (a square matrix: the layouts differ) or none."""
        vector, matrix = (a, b) if a.shape[1] == 1 else (b, a)
        if vector.shape[1] != 1 or 1 in matrix.shape:
            return None
        n, (rows, cols) = vector.shape[0], matrix.shape
        if n == cols and rows != cols:
            self.note("a vector added to a matrix whose rows it matches is added to every row")
            spread = sympy.OneMatrix(rows, 1) * vector.T
        elif n == rows and rows != cols:
            self.note(
                "a vector added to a matrix whose columns it matches is added to every column"
            )
            spread = vector * sympy.OneMatrix(1, cols)
        else:
            return None
        return (spread, matrix) if vector is a else (matrix, spread)

    def _combine(self, a, b, op: str, pos: int):
        am, bm = isinstance(a, MatrixExpr), isinstance(b, MatrixExpr)
        if am and bm and a.shape != b.shape and (spread := self._bias(a, b)) is not None:
            a, b = spread
        if am and bm and a.shape != b.shape:
            # a vector added to a matrix is no broadcast derivax guesses: the bias of a row layout
            # (x W + b) and of a column layout (W x + b) differ
            raise ShapeMismatch(
                f"cannot add a {_shape(a)} array to a {_shape(b)} array; to add a vector to "
                f"every row write `X + \\mathbf{{1}}_{{m}} b^\\top` with the product spelled out, "
                f"or check the layout (`W x + b` for column vectors)",
                self.latex,
                pos,
                (tuple(a.shape), tuple(b.shape)),
            )
        if am != bm:
            m = a if am else b
            s = b if am else a
            eye = self.identity_for(s, m, "sum", pos)
            if eye is not None:
                return a + eye if am else eye + b
            if m.shape == (1, 1):
                return as_scalar(m) + s
            if s == 0:
                return m
            # a scalar added to a vector or matrix is added to every entry, as in NumPy
            self.note("a scalar added to a vector or matrix is added to every entry")
            return s * sympy.OneMatrix(*m.shape) + m
        return a + b

    def _product(self, args: list[sympy.Basic], pos: int) -> sympy.Basic:
        result: sympy.Basic | None = None
        dot = False  # the factor before was written with \cdot
        k = 0
        while k < len(args):
            a = args[k]
            if a == _MARK_DOT:
                dot = True
                k += 1
                continue
            if a == _MARK_CROSS:
                b = args[k + 1] if k + 1 < len(args) else None
                crossed = cross(result, b, self.note, self.latex, pos)
                result, k = (result, k + 1) if crossed is None else (crossed, k + 2)
                continue
            if a == _MARK_ODOT:
                if result is None or k + 1 >= len(args):
                    raise self.error("`\\odot` needs an operand on each side", pos)
                b = args[k + 1]
                if isinstance(result, MatrixExpr) and isinstance(b, MatrixExpr):
                    result = sympy.HadamardProduct(result, b)
                else:
                    result = result * b
                k += 2
                continue
            if (
                result is not None
                and isinstance(a, MatrixExpr)
                and not isinstance(result, MatrixExpr)
            ):
                eye = self.identity_for(result, a, "left", pos)
                result = result if eye is None else eye
            elif isinstance(result, MatrixExpr) and not isinstance(a, MatrixExpr):
                eye = self.identity_for(a, result, "right", pos)
                a = a if eye is None else eye
            if result is None:
                result = a
            elif isinstance(result, MatrixExpr) and isinstance(a, MatrixExpr):
                two_vectors = (
                    result.shape == a.shape and result.shape[1] == 1 and result.shape[0] != 1
                )
                two_rows = result.shape == a.shape and result.shape[0] == 1 and result.shape[1] != 1
                if two_vectors:
                    result = _two_vectors_product(self, result, a, dot, pos)
                elif two_rows:
                    result = _two_vectors_product(self, result.T, a.T, dot, pos)
                elif result.shape[1] != a.shape[0] and result.shape == (1, 1):
                    result = _times(as_scalar(result), a)
                elif result.shape[1] != a.shape[0] and a.shape == (1, 1):
                    result = _times(result, as_scalar(a))
                elif _row_vector_first(result, a):
                    self.note(
                        "a vector written before a matrix whose rows it matches is a row vector: "
                        "`x W` is `x^\\top W`, as papers that write row vectors mean it"
                    )
                    result = _times(result.T, a)
                else:
                    if _sizes_differ(result.shape[1], a.shape[0]):
                        p, q = result.shape[1], a.shape[0]
                        hint = (
                            "check the transposes"
                            if _is_number(p)
                            else "declare them with one size name if they are equal, or check "
                            "the transposes"
                        )
                        raise self.error(
                            f"a {_shape(result)} array times a {_shape(a)} array: the sizes {p} "
                            f"and {q} differ ({hint})",
                            pos,
                        )
                    result = _times(result, a)
            elif _is_one_by_one(result) and not isinstance(a, MatrixExpr):
                result = as_scalar(result) * a  # a scalar times x^T y: a scalar, not a 1 x 1 matrix
            elif _is_one_by_one(a) and not isinstance(result, MatrixExpr):
                result = result * as_scalar(a)
            else:
                result = _times(result, a)
            dot = False
            k += 1
        if (
            isinstance(result, MatrixExpr)
            and result.shape == (1, 1)
            and not isinstance(result, sympy.MatrixSymbol)
        ):
            return as_scalar(result)
        return result


def _is_matrix_named_t(exp) -> bool:
    """``T`` or ``-T`` (``A^{-T}``) read as a declared matrix or vector named T."""
    core = -exp if isinstance(exp, MatrixExpr) and exp.could_extract_minus_sign() else exp
    return isinstance(core, sympy.MatrixSymbol) and core.name == "T"


def _is_condition(e) -> bool:
    return isinstance(e, (sympy.core.relational.Relational, sympy.And, sympy.Or))
