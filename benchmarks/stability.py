"""The numeric-stability audit as a table: every emitter node and catalog equation, float32 and
float64, values and gradients at extreme inputs against mpmath from the definition.

    python benchmarks/stability.py --markdown

The cases and the rule are the test suite's (tests/stability_cases.py, tests/stability_audit.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
os.environ.setdefault("JAX_PLATFORMS", "cpu")


def main() -> None:
    import jax

    jax.config.update("jax_enable_x64", True)
    import stability_cases as C
    from stability_audit import RTOL, audit_case, markdown

    rows = [
        audit_case(c, d) for c in C.node_cases() + C.catalog_cases() for d in ("float32", "float64")
    ]
    if "--markdown" in sys.argv:
        print(markdown(rows, C.KNOWN))
        print(
            f"\nTolerance (normwise relative): float32 {RTOL['float32']:g}, float64 {RTOL['float64']:g}."
        )
    else:
        for r in rows:
            print(
                r.name,
                r.dtype,
                "ok" if r.ok else "FAILS",
                f"{r.value_error:.1e}",
                f"{r.grad_error:.1e}",
                r.notes[:3],
            )


if __name__ == "__main__":
    main()
