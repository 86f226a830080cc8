"""The built-in catalog: every entry parses and reproduces its worked examples; the loader's
errors name the file, the equation and the field."""

import importlib.util
import json
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import numpy as np
import pytest
import sympy

import derivax as dx
from derivax import CatalogError
from derivax._catalog import AREAS, load
from derivax._catalog._catalog import catalog_dir

ROOT = Path(__file__).resolve().parent.parent
CATALOG = dx.catalog()

REQUIRED_IDS = """
bayes_theorem conditional_probability joint_probability entropy cross_entropy binary_cross_entropy
kl_divergence gaussian_pdf bernoulli_log_likelihood maximum_likelihood variance covariance
pearson_correlation linear_transformation eigen_equation svd pca_covariance gradient_descent
sgd_minibatch lagrangian mse least_squares normal_equation ridge lasso logistic_regression_nll
hinge_loss sigmoid softmax log_sum_exp backpropagation attention convolution discrete_convolution
diffusion_forward linear_regression svm_primal svm_dual gaussian_kernel kmeans_objective
""".split()


def test_every_required_equation_is_in_the_catalog():
    assert set(REQUIRED_IDS) <= set(CATALOG)


def test_one_file_per_area():
    files = {p.stem for p in (ROOT / "equations").glob("*.toml")}
    assert files == set(AREAS)
    for eq in CATALOG.values():
        assert eq.file == f"{eq.area}.toml"


@pytest.mark.parametrize("eq_id", list(CATALOG))
def test_entry_parses_to_a_relation_with_its_examples_matching(eq_id):
    eq = CATALOG[eq_id]
    expr = eq.expression
    assert isinstance(expr, sympy.Equality), f"{eq_id}: the defining LaTeX is `lhs = rhs`"
    assert eq.examples, f"{eq_id} has no worked example"
    for result in eq.run_examples():
        assert result.ok, (
            f"{eq_id} example {result.index}: {result.error}; got {result.got}, expected {result.expected}"
        )
        assert result.max_rel_error <= 1e-9


def test_expected_values_are_reproduced_by_the_independent_numpy_script():
    """tests/data/compute_catalog_examples.py computes every `expect` with NumPy alone."""
    out = subprocess.run(
        [sys.executable, str(ROOT / "tests/data/compute_catalog_examples.py"), "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    reference = json.loads(out)
    by_id: dict[str, list] = {}
    for row in reference:
        by_id.setdefault(row["id"], []).append(row)
    for eq in CATALOG.values():
        rows = by_id.get(eq.id, [])
        assert len(rows) == len(eq.examples), eq.id
        for row, ex in zip(rows, eq.examples, strict=True):
            assert row["set"] == dict(ex.set), eq.id
            np.testing.assert_allclose(
                np.asarray(ex.expect, float),
                np.asarray(row["expect"], float),
                rtol=1e-12,
                atol=1e-15,
                err_msg=eq.id,
            )


def test_softmax_evaluates_to_numpy_softmax():
    z = np.array([1.0, 2.0, 3.0, -1.0])
    got = CATALOG["softmax"].evaluate({"z": z.tolist()})
    np.testing.assert_allclose(got, np.exp(z) / np.exp(z).sum(), rtol=1e-12)


def test_entropy_in_nats():
    got = CATALOG["entropy"].evaluate({"p": [0.9, 0.1]})
    assert float(got) == pytest.approx(-(0.9 * np.log(0.9) + 0.1 * np.log(0.1)), rel=1e-12)


def test_inputs_accept_plain_and_latex_spellings():
    a = CATALOG["diffusion_forward"].evaluate(
        {"alpha_bar_t": 0.25, "x_0": [1.0, 2.0], "epsilon": [0.5, -1.0]}
    )
    b = CATALOG["diffusion_forward"].evaluate(
        {r"\bar{\alpha}_t": 0.25, "x_0": [1.0, 2.0], r"\epsilon": [0.5, -1.0]}
    )
    np.testing.assert_allclose(a, b)
    np.testing.assert_allclose(
        a, 0.5 * np.array([1.0, 2.0]) + np.sqrt(0.75) * np.array([0.5, -1.0])
    )


def test_probabilities_are_inputs_named_by_their_latex():
    got = CATALOG["bayes_theorem"].evaluate({"P(B|A)": 0.9, r"P(A)": 0.01, "P(B)": 0.05})
    assert float(got) == pytest.approx(0.9 * 0.01 / 0.05)


def test_unknown_input_and_missing_input_are_clear_errors():
    with pytest.raises(
        dx.DerivaxError, match=r"`w` is not an input of `softmax`; its inputs are `z`"
    ):
        CATALOG["softmax"].evaluate({"w": [1.0]})
    with pytest.raises(dx.DerivaxError, match=r"no value given for `p`"):
        CATALOG["kl_divergence"].evaluate({"q": [0.5, 0.5]})


def test_shape_mismatch_names_the_dimension():
    with pytest.raises(dx.ShapeError, match=r"dimension `n`"):
        CATALOG["kl_divergence"].evaluate({"p": [0.5, 0.5], "q": [0.2, 0.3, 0.5]})


def test_unknown_id_suggests_close_ones():
    with pytest.raises(CatalogError, match=r"no equation `softmx`"):
        CATALOG["softmx"]
    with pytest.raises(CatalogError, match=r"did you mean `softmax`"):
        CATALOG["softm"]


def test_catalog_is_found_inside_the_installed_package_first(tmp_path, monkeypatch):
    assert catalog_dir().name == "equations"
    assert (catalog_dir() / "neural.toml").is_file()


def test_the_wheel_ships_the_catalog(tmp_path):
    """A non-editable install finds the catalog because the wheel carries derivax/equations."""
    if importlib.util.find_spec("hatchling") is None:
        pytest.fail("hatchling (a test extra) is needed to build the wheel")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("derivax-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for area in AREAS:
        assert f"derivax/equations/{area}.toml" in names
    assert "derivax/cli/__init__.py" in names


# -- the loader's errors ---------------------------------------------------------------------------
GOOD = """
[demo]
title = "Demo"
area = "neural"
summary = "A demo entry."
latex = 'y = 2 x'
symbols = "x: scalar"

[[demo.examples]]
set = { x = 1.5 }
expect = 3.0
"""


def write(tmp_path, text, name="neural.toml"):
    f = tmp_path / name
    f.write_text(textwrap.dedent(text))
    return tmp_path


def test_a_good_file_loads(tmp_path):
    cat = load(write(tmp_path, GOOD))
    assert list(cat) == ["demo"]
    assert float(cat["demo"].evaluate({"x": 2.0})) == 4.0


@pytest.mark.parametrize(
    "change, field, message",
    [
        (lambda t: t.replace('title = "Demo"\n', ""), "title", "required"),
        (
            lambda t: t.replace('area = "neural"', 'area = "My Paper"'),
            "area",
            "an area name is lower-case",
        ),
        (
            lambda t: t.replace('area = "neural"', 'area = "losses"'),
            "area",
            "does not match the file",
        ),
        (lambda t: t.replace("latex = 'y = 2 x'", "latex = ''"), "latex", "non-empty string"),
        (
            lambda t: t.replace('symbols = "x: scalar"', 'symbols = "x: scalr"'),
            "symbols",
            "unknown kind `scalr`",
        ),
        (lambda t: t.replace("expect = 3.0", ""), r"examples\[0\].expect", "required"),
        (
            lambda t: t.replace("expect = 3.0", 'expect = "three"'),
            r"examples\[0\].expect",
            "number",
        ),
        (
            lambda t: t.replace("set = { x = 1.5 }", "set = { x = true }"),
            r"examples\[0\].set",
            "number",
        ),
        (
            lambda t: t.replace(
                'summary = "A demo entry."', 'summary = "A demo entry."\nsumary = "typo"'
            ),
            "sumary",
            "unknown field",
        ),
        (
            lambda t: t + '\n[[demo.checks]]\nclaim = "y > 0"\nexpect = "true"\n',
            r"checks\[0\].expect",
            "must be one of proved",
        ),
        (
            lambda t: t + '\n[[demo.derivatives]]\nwrt = "x"\n',
            r"derivatives\[0\].latex",
            "required",
        ),
        (lambda t: t[: t.index("[[demo.examples]]")], "examples", "at least one worked example"),
    ],
)
def test_broken_entries_name_file_id_and_field(tmp_path, change, field, message):
    with pytest.raises(
        CatalogError,
        match=rf"file `[^`]*neural.toml`, equation `demo`, field `{field}`: .*{message}",
    ):
        load(write(tmp_path, change(GOOD)))


def test_invalid_toml_names_the_file(tmp_path):
    with pytest.raises(CatalogError, match=r"file `[^`]*neural.toml`: not valid TOML"):
        load(write(tmp_path, "[demo\ntitle = 1"))


def test_bad_id_and_duplicate_id(tmp_path):
    with pytest.raises(CatalogError, match=r"equation `Demo`.*lower-case"):
        load(write(tmp_path, GOOD.replace("[demo]", "[Demo]").replace("[[demo.", "[[Demo.")))
    write(tmp_path, GOOD)
    write(tmp_path, GOOD.replace("neural", "losses"), "losses.toml")
    with pytest.raises(CatalogError, match=r"equation `demo`.*also defined in"):
        load(tmp_path)


def test_empty_directory(tmp_path):
    with pytest.raises(CatalogError, match=r"no `\*.toml` files"):
        load(tmp_path)
