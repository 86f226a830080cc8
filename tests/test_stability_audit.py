"""Numeric-stability audit of every node the JAX emitter knows and every catalog equation: values
and gradients at ±1e2, ±1e4 and 1e±200 (where the dtype holds them), float32 and float64, against
mpmath from the definition (tests/stability_audit.py: the rule; tests/stability_cases.py: the
table). ``python benchmarks/stability.py --markdown`` prints the table of docs/reliability.md."""

import numpy as np
import pytest
import stability_cases as C
from stability_audit import audit_case

from derivax._compile._emit import _HANDLERS
from derivax._compile._stable import LOG_RULES

NODES = C.node_cases()
CATALOG = C.catalog_cases()

KNOWN = C.KNOWN


def emitter_nodes() -> set[str]:
    return (
        {cls.__name__ for cls in _HANDLERS} | {f"log:{r.name}" for r in LOG_RULES} | {"log:xlogy"}
    )


def test_every_emitter_node_is_audited():
    audited = {n for case in NODES for n in case.nodes}
    missing = emitter_nodes() - audited
    assert not missing, f"emitter nodes with no audit case: {sorted(missing)}"


def test_every_known_failure_names_a_case_and_gives_its_reason():
    names = {c.name for c in NODES + CATALOG}
    for (name, dtype), reason in KNOWN.items():
        assert name in names and dtype in ("float32", "float64") and len(reason) > 20
    assert set(C.KNOWN_AT) == set(KNOWN), "each known failure says where it fails"


def test_every_catalog_equation_is_audited():
    import derivax as dx

    assert {c.name for c in CATALOG} == set(dx.catalog())


#: every emitter node in both dtypes and every catalog equation in float64 on every run; the
#: catalog's float32 rows (the same nodes composed) in the thorough profile
_CASES = [
    pytest.param(
        case,
        dtype,
        id=f"{case.name}-{dtype}",
        marks=[pytest.mark.thorough("a catalog equation in float32")]
        * (dtype == "float32" and case in CATALOG),
    )
    for case in NODES + CATALOG
    for dtype in ("float32", "float64")
]


@pytest.mark.parametrize(("case", "dtype"), _CASES)
def test_stability(case, dtype):
    row = audit_case(case, dtype)
    known = KNOWN.get((case.name, dtype))
    if known is None:
        assert row.ok, f"{case.name} {dtype}: {row}"
    else:
        assert not row.ok, f"{case.name} {dtype} meets the rule now: remove it from KNOWN ({known})"
        unexpected = set(row.notes) - C.KNOWN_AT[(case.name, dtype)]
        assert not unexpected, f"{case.name} {dtype} fails where it is not known to: {unexpected}"
    assert np.isfinite(row.value_error) or not row.finite
