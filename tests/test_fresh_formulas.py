"""The fresh corpus of paper formulas in tests/data/fresh_formulas is well formed: every row has its
LaTeX, a symbol table that reads, inputs, a reference value and an area; the files hold what
reference.py computes; every formula is listed in SOURCES.md. (What derivax makes of the formulas is
measured by benchmarks/fresh_formulas.py, not asserted here.)"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from derivax.symbols import parse_symbols

CORPUS = Path(__file__).parent / "data" / "fresh_formulas"
sys.path.insert(0, str(CORPUS))
import reference  # noqa: E402

ROWS = [
    json.loads(line)
    for path in sorted(CORPUS.glob("*.jsonl"))
    for line in path.read_text("utf-8").splitlines()
    if line.strip()
]
BY_ID = {r.id: r for r in reference.ROWS}


def decoded(encoded):
    if isinstance(encoded, dict):
        return np.asarray(encoded["real"]) + 1j * np.asarray(encoded["imag"])
    return np.asarray(encoded, dtype=float)


def test_the_corpus_has_over_a_hundred_formulas_in_eight_areas_and_thirty_gradients():
    areas = Counter(r["area"] for r in ROWS)
    assert len(ROWS) >= 100
    assert set(areas) == set(reference.AREAS)
    assert min(areas.values()) >= 12, areas
    assert sum("wrt" in r for r in ROWS) >= 30
    assert len({r["id"] for r in ROWS}) == len(ROWS), "ids are unique"


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r["id"])
def test_every_row_is_well_formed(row):
    assert {"id", "area", "latex", "symbols", "inputs", "reference", "source"} <= set(row)
    path = CORPUS / f"{row['area']}.jsonl"
    assert row["id"] in path.read_text("utf-8"), "a row lives in its area's file"
    assert row["latex"].strip() and row["inputs"]
    parse_symbols(row["symbols"])
    value = decoded(row["reference"])
    assert np.all(np.isfinite(value))
    if "wrt" in row:
        assert row["wrt"] in row["inputs"]
        grad = np.asarray(row["reference_grad"])
        assert grad.shape == np.shape(row["inputs"][row["wrt"]])
        assert value.shape == (), "a gradient is of a scalar"


def test_the_files_hold_what_reference_py_computes():
    assert [r["id"] for r in ROWS] == [
        r.id for area in sorted(reference.AREAS) for r in reference.ROWS if r.area == area
    ]
    for row in ROWS[::12]:  # ten or more rows, spread over the areas
        mine = BY_ID[row["id"]]
        assert row["latex"] == mine.latex and row["symbols"] == mine.symbols
        np.testing.assert_allclose(reference.value(mine, row["inputs"]), decoded(row["reference"]))


@pytest.mark.parametrize(
    ("id", "expected"),
    [
        # values written out by hand (or by closed forms), apart from reference.py's code
        ("w2_sorted", np.sqrt((0.01 + 0.09 + 0.01 + 0.49) / 4)),
        ("kaplan_meier", (1 - 1 / 10) * (1 - 2 / 8) * (1 - 1 / 5) * (1 - 3 / 4)),
        ("hann", 0.5 * (1 - np.cos(2 * np.pi * 2 / 6))),
        ("total_variation", 1.5 + 3.0 + 1.7 + 1.0 + 1.9),
        ("q_learning_target", 0.5 + 0.9 * 2.5),
        ("n_step_return", 1.0 - 0.5 * 0.81 + 2.0 * 0.729 + 0.9**4 * 1.5),
        ("greenwood", 0.25 * (1 / 90 + 2 / 48 + 1 / 20 + 3 / 4)),
        ("matern52", (1 + np.sqrt(5) * 1.6 + 5 * 0.64 / 0.75) * np.exp(-np.sqrt(5) * 1.6)),
        ("weibull_hazard", 1.5 / 2.0 * (1.3 / 2.0) ** 0.5),
        ("survival_from_hazard", np.exp(-((1.3 / 2.0) ** 1.5))),
        ("hazard_from_survival", 1.5 / 2.0 * (1.3 / 2.0) ** 0.5),
    ],
)
def test_reference_values_agree_with_hand_computations(id, expected):
    row = next(r for r in ROWS if r["id"] == id)
    np.testing.assert_allclose(decoded(row["reference"]), expected, rtol=1e-12)


def test_the_central_differences_agree_with_closed_form_gradients():
    s, tau = (np.asarray(BY_ID["infonce_scores"].inputs[k]) for k in ("s", "tau"))
    softmax = np.exp(s / tau) / np.exp(s / tau).sum()
    want = (softmax - np.eye(len(s))[0]) / tau
    row = next(r for r in ROWS if r["id"] == "infonce_scores")
    np.testing.assert_allclose(row["reference_grad"], want, rtol=1e-8, atol=1e-10)
    inputs = BY_ID["windowed_energy"].inputs
    w, x = np.asarray(inputs["w"]), np.asarray(inputs["x"])
    row = next(r for r in ROWS if r["id"] == "windowed_energy")
    np.testing.assert_allclose(row["reference_grad"], 2 * w**2 * x, rtol=1e-8, atol=1e-10)


def test_every_formula_is_listed_in_sources():
    sources = (CORPUS / "SOURCES.md").read_text("utf-8")
    missing = [r["id"] for r in ROWS if f"`{r['id']}`" not in sources]
    assert not missing
