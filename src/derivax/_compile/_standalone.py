"""A compiled function as a standalone Python module that imports only ``jax`` and ``math``
(``derivax compile -o``)."""

from __future__ import annotations

from .._errors import CompileError
from ..symbols import plain
from ._function import CompiledFunction
from ._load import audit


def module_source(cf: CompiledFunction, wrt: str | None = None) -> str:
    """A standalone Python module for ``cf`` that imports only ``jax`` and ``math``.

    Text that came from a user (the LaTeX, the names as written) reaches the module only inside
    string literals printed by ``repr``, one per line of the docstring; the code itself holds only
    identifiers that passed ``safe_identifier`` (``load``'s audit checks it again)."""
    audit(cf.source)
    doc = [
        "Compiled by derivax from",
        "",
        *(f"    {line}" for line in (cf.latex or "(compiled by derivax)").splitlines()),
        "",
        "Arguments (in order): " + ", ".join(f"{a.identifier} ({a.name})" for a in cf.arguments),
        *([f"Output axes: {', '.join(cf.output_indices)}"] if cf.output_indices else []),
        _ACCURACY if "jnp.linspace(-4.0, 4.0, 801)" in cf.source else None,
    ]
    lines = [line for line in doc if line is not None]
    literal = "\n".join(f"    {(line + chr(10))!r}" for line in lines)
    lines = [
        f"(\n{literal}\n)",
        "",
        "import math",
        "",
        "import jax",
        "import jax.numpy as jnp",
        "import jax.scipy.special",
        "",
        "",
        cf.source.rstrip(),
        "",
        "",
        "f_jit = jax.jit(f)",
    ]
    if wrt is not None:
        k = _arg_index(cf, wrt)
        lines += [
            "",
            "",
            f"# gradient with respect to {cf.arguments[k].identifier}: jax.grad of f",
            f"grad_f = jax.jit(jax.grad(f, argnums={k}))",
        ]
    return "\n".join(lines) + "\n"


#: what a compiled integral promises (its nodes are fixed so that it can be jitted)
_ACCURACY = (
    "Integrals use a fixed double-exponential rule (801 nodes, step 0.01; on an infinite "
    "range scaled to where the integrand has its mass): about 1e-12 relative error for smooth "
    "integrands that decay fast, far less for oscillating or non-smooth ones, or mass at "
    "several scales; there is no error estimate. `derivax eval` integrates adaptively and "
    "reports its error."
)


def _arg_index(cf: CompiledFunction, wrt: str) -> int:
    for k, a in enumerate(cf.arguments):
        if wrt in (a.name, a.identifier) or plain(wrt) == a.identifier:
            return k
    raise CompileError(f"`{wrt}` is not an argument; the arguments are {', '.join(cf.plain_args)}")
