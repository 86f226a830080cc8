"""Catalogs of the user's own: --catalog DIR on every command that reads the catalog,
dx.catalog(path) / dx.load_catalog(path), any area name, id clashes, malformed entries, the JSON
Schema of the format, and `derivax new`."""

import json
import textwrap
import tomllib

import pytest

import derivax as dx
from derivax import CatalogError
from derivax._catalog import SCHEMA, catalog_dir
from derivax.cli import main

OWN = r"""
[my_softplus_square]
title = "Squared softplus"
area = "my_paper"
summary = "A scalar loss of our own."
latex = 'L = a x^2 + \log(1 + e^{x})'
symbols = "a: scalar, positive; x: scalar; L: scalar"

[[my_softplus_square.examples]]
set = { a = 2.0, x = 0.0 }
expect = 0.6931471805599453

[[my_softplus_square.checks]]
claim = 'a x^2 + \log(1 + e^{x}) \ge 0'
expect = "proved"

[[my_softplus_square.derivatives]]
wrt = "x"
latex = '\frac{\partial L}{\partial x} = 2 a x + \sigma(x)'

[my_weighted_sum]
title = "Weighted sum of squares"
area = "my_paper"
summary = "Sum of w_i x_i^2."
latex = 's = \sum_{i=1}^{n} w_i x_i^2'
symbols = "w, x: vector[n]; i: index; n: dim; s: scalar"

[[my_weighted_sum.examples]]
set = { w = [1.0, 2.0], x = [3.0, 1.0] }
expect = 11.0
"""


def own_catalog(tmp_path, text=OWN, name="mine.toml", folder="mycat"):
    d = tmp_path / folder
    d.mkdir(exist_ok=True)
    (d / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return d


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_show_eval_grad_verify_export_compile_on_a_catalog_of_ones_own(capsys, tmp_path):
    cat = own_catalog(tmp_path)

    code, out, err = run(capsys, "list", "--catalog", cat, "--area", "my_paper", "--json")
    assert code == 0, err
    assert [r["id"] for r in json.loads(out)] == ["my_softplus_square", "my_weighted_sum"]
    code, out, _ = run(capsys, "list", "--catalog", cat)
    assert "my_weighted_sum" in out and "softmax" in out  # the built-in catalog stays loaded

    code, out, err = run(capsys, "show", "my_weighted_sum", "--catalog", cat, "--json")
    assert code == 0, err
    shown = json.loads(out)
    assert shown["area"] == "my_paper" and shown["latex"] == r"s = \sum_{i=1}^{n} w_i x_i^2"

    code, out, err = run(
        capsys,
        "eval",
        "my_weighted_sum",
        "--catalog",
        cat,
        "--set",
        "w=[1,1,2]",
        "--set",
        "x=[1,2,3]",
        "--json",
    )
    assert code == 0, err
    assert json.loads(out)["value"] == pytest.approx(23.0)

    code, out, err = run(
        capsys, "grad", "my_softplus_square", "--wrt", "x", "--catalog", cat, "--json"
    )
    assert code == 0, err
    g = dx.parse(json.loads(out)["latex"], "a: scalar, positive; x: scalar")
    expected = dx.parse(r"2 a x + \sigma(x)", "a: scalar, positive; x: scalar")
    at = {"a": 1.5, "x": 0.3}
    assert float(dx.evaluate(g, at)) == pytest.approx(float(dx.evaluate(expected, at)), rel=1e-12)
    assert float(dx.evaluate(g, at)) == pytest.approx(
        0.9 + 1 / (1 + 2.718281828459045**-0.3), rel=1e-12
    )

    code, out, err = run(capsys, "verify", "--all", "--catalog", cat, "--json")
    assert code == 0, err
    report = json.loads(out)
    assert [r["id"] for r in report["results"]] == ["my_softplus_square", "my_weighted_sum"]
    assert report["summary"]["failed"] == [] and report["summary"]["examples_ok"] == 2

    md = tmp_path / "own.md"
    code, out, err = run(
        capsys, "export", "my_softplus_square", "--catalog", cat, "--format", "md", "-o", md
    )
    assert code == 0, err
    text = md.read_text()
    assert "## Squared softplus" in text and "My paper" in text and "**proved**" in text

    py = tmp_path / "f.py"
    code, out, err = run(capsys, "compile", "my_weighted_sum", "--catalog", cat, "-o", py, "--json")
    assert code == 0, err
    assert json.loads(out)["args"] == ["w", "x"] and "import jax" in py.read_text()


def test_without_catalog_the_own_ids_are_unknown(capsys, tmp_path):
    code, _, err = run(capsys, "show", "my_weighted_sum")
    assert code == 2 and "no equation `my_weighted_sum`" in err


def test_python_catalog_and_load_catalog(tmp_path):
    cat = own_catalog(tmp_path)
    mine = dx.load_catalog(cat)
    assert list(mine) == ["my_softplus_square", "my_weighted_sum"]
    assert mine.areas() == ["my_paper"]
    both = dx.catalog(cat)
    assert "softmax" in both and "my_weighted_sum" in both
    assert float(both["my_weighted_sum"].evaluate({"w": [2.0], "x": [3.0]})) == 18.0
    assert "my_weighted_sum" not in dx.catalog()
    assert list(dx.load_catalog(cat / "mine.toml")) == list(mine)  # one file is a catalog too


def test_several_catalogs_and_a_clash_across_them(capsys, tmp_path):
    first = own_catalog(tmp_path, folder="first")
    second = own_catalog(
        tmp_path,
        OWN.replace("my_softplus_square", "other").replace("my_weighted_sum", "other2"),
        folder="second",
    )
    code, out, err = run(
        capsys, "list", "--catalog", first, "--catalog", second, "--area", "my_paper", "--json"
    )
    assert code == 0, err
    assert [r["id"] for r in json.loads(out)] == [
        "my_softplus_square",
        "my_weighted_sum",
        "other",
        "other2",
    ]

    clash = own_catalog(tmp_path, OWN, name="again.toml", folder="third")
    with pytest.raises(CatalogError) as e:
        dx.load_catalog([first, clash])
    message = str(e.value)
    assert f"`{first / 'mine.toml'}`" in message and f"`{clash / 'again.toml'}`" in message
    assert "equation `my_softplus_square`" in message
    code, _, err = run(capsys, "verify", "--all", "--catalog", first, "--catalog", clash)
    assert code == 2 and "also defined in" in err and "Traceback" not in err


def test_an_id_of_the_builtin_catalog_is_a_clash(capsys, tmp_path):
    cat = own_catalog(tmp_path, OWN.replace("my_weighted_sum", "softmax"))
    code, _, err = run(capsys, "list", "--catalog", cat)
    assert code == 2
    assert "equation `softmax`" in err and "neural.toml" in err and str(cat / "mine.toml") in err


@pytest.mark.parametrize(
    "change, field, message",
    [
        (
            lambda t: t.replace(
                'area = "my_paper"\nsummary = "Sum', 'area = "My Paper"\nsummary = "Sum'
            ),
            "area",
            "an area name is lower-case",
        ),
        (
            lambda t: t.replace("expect = 11.0", 'expect = "eleven"'),
            r"examples\[0\].expect",
            "number",
        ),
        (
            lambda t: t.replace('symbols = "w, x: vector[n]', 'symbols = "w, x: vectr[n]'),
            "symbols",
            "vectr",
        ),
        (lambda t: t.replace('wrt = "x"\n', ""), r"derivatives\[0\].wrt", "required"),
    ],
)
def test_a_malformed_entry_names_file_equation_and_field(capsys, tmp_path, change, field, message):
    cat = own_catalog(tmp_path, change(OWN))
    path = str(cat / "mine.toml")
    with pytest.raises(
        CatalogError, match=rf"file `{path}`, equation `my_\w+`, field `{field}`: .*{message}"
    ):
        dx.load_catalog(cat)
    code, out, err = run(capsys, "show", "my_weighted_sum", "--catalog", cat, "--json")
    assert code == 2 and "Traceback" not in err
    error = json.loads(out)["error"]
    assert (
        error["kind"] == "CatalogError"
        and path in error["message"]
        and "field `" in error["message"]
    )


def test_a_missing_catalog_directory_is_a_clear_error(capsys, tmp_path):
    code, _, err = run(capsys, "list", "--catalog", tmp_path / "nowhere")
    assert code == 2 and f"`{tmp_path / 'nowhere'}` does not exist" in err


def test_the_schema_ships_in_the_package_and_accepts_every_builtin_file():
    import jsonschema

    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted(catalog_dir().glob("*.toml"))
    assert len(files) == 9
    for f in files:
        assert list(validator.iter_errors(tomllib.loads(f.read_text()))) == [], f.name


@pytest.mark.parametrize(
    "change, where",
    [
        (lambda t: t.replace('area = "my_paper"', 'area = "My Paper"', 1), "area"),
        (lambda t: t.replace("expect = 11.0", 'expect = "eleven"'), "expect"),
        (lambda t: t.replace('expect = "proved"', 'expect = "true"'), "expect"),
        (lambda t: t.replace('summary = "Sum', 'sumary = "Sum'), "sumary"),
        (
            lambda t: t.replace("[my_weighted_sum]", "[MyWeighted]").replace(
                "[[my_weighted_sum.", "[[MyWeighted."
            ),
            "MyWeighted",
        ),
    ],
)
def test_the_schema_rejects_what_the_loader_rejects(tmp_path, change, where):
    import jsonschema

    text = change(OWN)
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text()))
    errors = list(validator.iter_errors(tomllib.loads(text)))
    assert errors and any(where in (str(list(e.absolute_path)) + e.message) for e in errors)
    with pytest.raises(CatalogError):
        dx.load_catalog(own_catalog(tmp_path, text))
    assert list(validator.iter_errors(tomllib.loads(OWN))) == []


def test_new_writes_a_skeleton_that_loads_and_verifies_and_never_overwrites(capsys, tmp_path):
    import jsonschema

    folder = tmp_path / "papercat"
    code, out, err = run(capsys, "new", "my_loss", "--catalog", folder, "--area", "my_paper")
    assert code == 0 and f"wrote {folder / 'my_loss.toml'}" in out, err
    target = folder / "my_loss.toml"
    text = target.read_text()
    assert text.startswith("#") and "[my_loss]" in text and 'area = "my_paper"' in text
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text()))
    assert list(validator.iter_errors(tomllib.loads(text))) == []
    code, _, err = run(capsys, "verify", "my_loss", "--catalog", folder, "--json")
    assert code == 0, err

    target.write_text(text.replace("Square", "My own title"))
    code, _, err = run(capsys, "new", "my_loss", "--catalog", folder)
    assert code == 2 and "pass --force" in err
    assert "My own title" in target.read_text()
    code, _, err = run(capsys, "new", "my_loss", "--catalog", folder, "--force")
    assert code == 0 and "My own title" not in target.read_text()

    code, _, err = run(capsys, "new", "My-Loss", "--catalog", folder)
    assert code == 2 and "`My-Loss` is not an equation id" in err


# -- stated derivatives are checked ------------------------------------------------------------------
WRONG = r"""
[my_entropy]
title = "Entropy with a wrong stated gradient"
area = "my_paper"
summary = "Shannon entropy; the stated derivative forgets the -1."
latex = 'H = -\sum_{i=1}^{n} p_i \log p_i'
symbols = "p: simplex[n]; i: index; n: dim; H: scalar"

[[my_entropy.examples]]
set = { p = [0.5, 0.5] }
expect = 0.6931471805599453

[[my_entropy.derivatives]]
wrt = "p"
latex = '\frac{\partial H}{\partial p_i} = -\log p_i - 1'

[[my_entropy.derivatives]]
wrt = "p"
latex = '\frac{\partial H}{\partial p_i} = -\log p_i'
"""


def test_a_wrong_stated_derivative_fails_verify_naming_it_and_export_marks_it(capsys, tmp_path):
    cat = own_catalog(tmp_path, WRONG)
    code, out, err = run(capsys, "verify", "my_entropy", "--catalog", cat)
    assert code == 1, err
    assert "FAILED: my_entropy" in out
    assert "my_entropy: the stated derivative with respect to `p` does not match" in out
    assert r"stated:  \frac{\partial H}{\partial p_i} = -\log p_i" + "\n" in out
    assert r"derived: - \log(p_{i}) - 1" in out  # the derived form, its free index named as stated

    code, out, err = run(capsys, "verify", "my_entropy", "--catalog", cat, "--json")
    assert code == 1
    (result,) = json.loads(out)["results"]
    right, wrong = result["derivatives"]
    assert right["status"] == "proved" and right["ok"]
    assert wrong["status"] == "refuted" and not wrong["ok"]
    p = wrong["counterexample"]["p"]
    i = wrong["counterexample"]["i"]
    import math

    assert abs(-math.log(p[i - 1]) - 1 - (-math.log(p[i - 1]))) == pytest.approx(
        1.0
    )  # they differ by 1
    assert json.loads(out)["summary"]["stated_derivatives_ok"] == 1

    md = tmp_path / "wrong.md"
    code, _, err = run(capsys, "export", "my_entropy", "--catalog", cat, "--format", "md", "-o", md)
    assert code == 0, err
    text = md.read_text()
    assert text.count("**MISMATCH: the stated form differs from the derived one") == 1
    assert text.count("*derivax shown equal") == 1


@pytest.mark.parametrize(
    "eq_id, wrt, latex",
    [
        ("entropy", "p", r"\frac{\partial H(p)}{\partial p} = 0"),  # a constant for every entry
        (
            "least_squares",
            "w",
            r"\frac{\partial \mathcal{L}(w)}{\partial w} = X^\top (X w - y)",
        ),  # matrix form
        (
            "softmax",
            "z",
            r"\frac{\partial \operatorname{softmax}(z)_k}{\partial z_j} = \operatorname{softmax}(z)_k \delta_{jk}",
        ),
        ("sigmoid", "x", r"\frac{\partial \sigma(x)}{\partial x} = \sigma(x)^2"),
    ],
)
def test_wrong_stated_derivatives_are_refuted(eq_id, wrt, latex):
    from derivax._catalog import check_derivative
    from derivax._catalog._catalog import Derivative

    r = check_derivative(dx.catalog()[eq_id], Derivative(wrt, latex), timeout=10.0)
    assert r.status == "refuted" and r.mismatch and not r.ok
    assert r.verdict.counterexample


def test_stated_free_indices_that_cannot_be_paired_are_an_error_not_a_pass(tmp_path):
    from derivax._catalog import check_derivative
    from derivax._catalog._catalog import Derivative

    text = WRONG.replace("i: index", "i, j: index")
    eq = dx.load_catalog(own_catalog(tmp_path, text))["my_entropy"]
    r = check_derivative(eq, Derivative("p", r"\frac{\partial H}{\partial p_i} = p_i p_j"))
    assert r.status == "error" and not r.ok and "free indices" in r.error


def test_every_builtin_stated_derivative_matches():
    cat = dx.catalog()
    results = {(eq.id, r.wrt): r for eq in cat.values() for r in eq.check_derivatives(timeout=10.0)}
    assert len(results) >= 25
    bad = {k: (r.status, r.error) for k, r in results.items() if not r.ok}
    assert bad == {}


def test_the_wheel_ships_the_schema(tmp_path):
    import subprocess
    import sys
    import zipfile
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=root,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("derivax-*.whl")
    with zipfile.ZipFile(wheel) as z:
        assert json.loads(z.read("derivax/_catalog/schema.json")) == json.loads(SCHEMA.read_text())
