"""Plots: `derivax plot` and `dx.plot` write PNG, SVG and PDF files that are not blank and carry
their axis labels, for a function of one and of two variables and a refuted claim; an equation
with no sensible plot is refused with a message naming why."""

from __future__ import annotations

import io
import json
import re

import numpy as np
import pytest

import derivax as dx
from derivax.cli import main

pytest.importorskip("matplotlib")
from PIL import Image

PlotError = dx.PlotError


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def pixel_variance(png: bytes) -> float:
    return float(np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=float).var())


def svg_texts(svg: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", t).strip() for t in re.findall(r"<text\b.*?</text>", svg, re.S)]


CASES = {
    # name: (argv after `plot`, axis labels that must appear)
    "one variable": (["sigmoid"], {"x", "df/dx"}),
    "two variables": ([r"\log(1 + e^{x}) + x y^2"], {"x", "y"}),
    "refuted claim": ([r"\sigma(-x) = \sigma(x)"], {"x", "value"}),
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_plot_writes_a_file_with_its_axes(tmp_path, capsys, case, fmt):
    argv, labels = CASES[case]
    out = tmp_path / f"fig.{fmt}"
    code, stdout, err = run(capsys, "plot", *argv, "-o", str(out), "--json")
    assert code == 0, err
    assert json.loads(stdout) == {"output": str(out)}
    data = out.read_bytes()
    assert len(data) > 5_000
    if fmt == "png":
        assert data.startswith(b"\x89PNG")
        assert pixel_variance(data) > 100  # not a blank canvas
    elif fmt == "svg":
        texts = svg_texts(data.decode())
        assert labels <= set(texts), texts
    else:
        assert data.startswith(b"%PDF")


def test_refuted_claim_marks_its_counterexample():
    verdict = dx.check(r"\sigma(-x) = \sigma(x)")
    assert verdict.status == "refuted"
    fig = dx.plot(r"\sigma(-x) = \sigma(x)")
    (ax,) = fig.axes
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any(t.startswith("counterexample x = ") for t in legend), legend
    x0 = float(verdict.counterexample["x"])
    assert ax.get_xlim()[0] <= x0 <= ax.get_xlim()[1]
    assert "refuted" in fig.get_suptitle()


def test_two_variable_claim_is_drawn_as_a_difference():
    fig = dx.plot(r"x y \le x^2 + y^2")
    assert "proved" in fig.get_suptitle()
    assert (fig.axes[0].get_xlabel(), fig.axes[0].get_ylabel()) == ("x", "y")


def test_a_claim_over_vectors_is_drawn_at_sampled_points():
    symbols = "x: vector[n]; i: index"
    verdict = dx.check(r"\sum_i x_i^2 \ge \sum_i x_i", symbols)
    assert verdict.status == "refuted"
    fig = dx.plot(r"\sum_i x_i^2 \ge \sum_i x_i", symbols, verdict=verdict)
    (ax,) = fig.axes
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("right side", "left side")
    assert "random points of the declared domains" in ax.get_title()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "counterexample" in legend and "violated" in legend


def test_a_claim_is_drawn_through_its_given_definitions(tmp_path, capsys):
    out = tmp_path / "kl.svg"
    code, _, err = run(
        capsys,
        "plot",
        r"D(p, q) \ge 0",
        "-s",
        "p, q: simplex[n]; D: function",
        "--given",
        r"D(p, q) = \sum_i p_i \log \frac{p_i}{q_i}",
        "-o",
        str(out),
    )
    assert code == 0, err
    texts = svg_texts(out.read_text())
    # the right side is the constant 0: drawn as the distribution of the difference
    assert {"left side − right side", "number of points"} <= set(texts), texts
    assert any("proved" in t for t in texts), texts


def test_equation_plot_and_wrt(tmp_path):
    eq = dx.catalog()["gaussian_pdf"]
    with pytest.raises(PlotError, match=r"3 inputs .*--wrt"):
        eq.plot()
    fig = eq.plot(wrt="x", range=(-3, 3), path=str(tmp_path / "g.png"))
    assert fig.axes[0].get_xlim()[0] < -2.5
    assert "(μ = 1, σ = 1)" in fig.get_suptitle()  # named as the formula above names them
    assert pixel_variance((tmp_path / "g.png").read_bytes()) > 100


@pytest.mark.parametrize(
    "target, message",
    [
        ("softmax", r"vector-valued \(free index k\)"),
        ("linear_regression", r"`w` is a vector"),
        ("normal_equation", r"matrix|vector"),
        ("conditional_probability", r"is the value of an unspecified function"),
    ],
)
def test_no_sensible_plot_is_refused(tmp_path, capsys, target, message):
    out = tmp_path / "fig.png"
    code, _, err = run(capsys, "plot", target, "-o", str(out))
    assert code == 2
    assert re.search(message, err), err
    assert "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize(
    "argv, message",
    [
        (["sigmoid", "-o", "{dir}/fig.txt"], r"\.png, \.svg or \.pdf"),
        (["sigmoid", "--range", "3:1", "-o", "{dir}/fig.png"], r"finite A < B"),
        (["sigmoid", "--range", "a:b", "-o", "{dir}/fig.png"], r"not A:B"),
        (["sigmoid", "--wrt", "y", "-o", "{dir}/fig.png"], r"`y` is not an input"),
        ([r"\log x", "-s", "x: scalar, positive", "--range=-1:2", "-o", "{dir}/f.png"], "domain"),
    ],
)
def test_bad_plot_requests(tmp_path, capsys, argv, message):
    argv = [a.replace("{dir}", str(tmp_path)) for a in argv]
    code, _, err = run(capsys, "plot", *argv)
    assert code == 2
    assert re.search(message, err), err


def test_existing_file_is_kept_without_force(tmp_path, capsys):
    out = tmp_path / "fig.svg"
    out.write_text("mine")
    code, _, err = run(capsys, "plot", "sigmoid", "-o", str(out))
    assert code == 2 and "--force" in err and out.read_text() == "mine"
    code, _, err = run(capsys, "plot", "sigmoid", "-o", str(out), "--force")
    assert code == 0, err
    assert "<svg" in out.read_text()


def test_missing_matplotlib_names_the_extra(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_matplotlib(name, *args, **kwargs):
        if name == "matplotlib" or name.startswith("matplotlib."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    with pytest.raises(dx.DerivaxError, match=r'pip install "derivax\[plot\]"'):
        dx.plot("x^2")


def test_two_variables_are_drawn_x_across_and_y_up_whatever_the_order_written():
    fig = dx.plot(r"y^2 + \sin(x)", range=(-2, 2))
    ax = fig.axes[0]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x", "y")
    (field,) = [c for c in ax.collections if type(c).__name__ == "Quiver"]
    xs, ys = field.X, field.Y
    # the arrows are the gradient (cos x, 2y) at their own positions: x across, y up
    assert np.allclose(field.U, np.cos(xs)) and np.allclose(field.V, 2 * ys)
    assert np.ptp(xs) == pytest.approx(4.0) and np.ptp(ys) == pytest.approx(4.0)


def test_a_claim_with_a_constant_side_is_drawn_as_the_distribution_of_the_difference():
    symbols = "p, q: simplex[n]; i: index"
    claim = r"\sum_i p_i \log \frac{p_i}{q_i} \ge 0"
    verdict = dx.check(claim, symbols)
    assert verdict.status == "proved"
    fig = dx.plot(claim, symbols, verdict=verdict)
    (ax,) = fig.axes
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("left side − right side", "number of points")
    (bars,) = ax.containers  # the histogram's bars
    counts = [b.get_height() for b in bars]
    assert sum(counts) == 200  # every sampled point is counted, none on a degenerate line
    occupied = [b for b in bars if b.get_height() > 0]
    assert min(b.get_x() for b in occupied) >= -1e-9 - occupied[0].get_width()
    assert len(occupied) > 3  # a spread of values, not one bar
    low, high = ax.get_xlim()
    assert low < 0 < high
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert {"left = right", "violated"} <= set(legend)


def _line(ax, label):
    (line,) = [ln for ln in ax.get_lines() if ln.get_label() == label]
    return np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)


def test_a_refuted_derivative_claim_is_drawn_through_the_derivative_it_is_about():
    claim = r"\frac{\partial \sigma(x)}{\partial x} = \sigma(x)^2"
    fig = dx.plot(claim)
    (ax,) = fig.axes
    assert ax.get_xlabel() == "x" and "refuted" in fig.get_suptitle()
    xs, left = _line(ax, "left side")
    s = 1 / (1 + np.exp(-xs))
    # the left side drawn is the derivative itself, σ(1 - σ), written out here independently
    assert np.allclose(left, s * (1 - s), atol=1e-6)
    assert np.allclose(_line(ax, "right side")[1], s**2, atol=1e-6)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any(t.startswith("counterexample x = ") for t in legend), legend


def test_a_derivative_claim_of_many_scalars_is_drawn_over_its_variable():
    # six scalar inputs: drawn over the one the derivative is taken by, the others held fixed
    claim = r"\frac{d}{d w} \frac{1}{2}(\sigma(w v + b) - t)^2 = (\sigma(w v + b) - t) v"
    fig = dx.plot(claim)
    (ax,) = fig.axes
    assert ax.get_xlabel() == "w"
    held = dict(re.findall(r"\b([btv]) = (-?[\d.]+)", fig.get_suptitle()))
    assert set(held) == {"b", "t", "v"}, fig.get_suptitle()
    b, t, v = (float(held[k]) for k in "btv")
    ws, left = _line(ax, "left side")
    s = 1 / (1 + np.exp(-(ws * v + b)))
    # the title rounds the values held to four digits
    assert np.allclose(left, (s - t) * s * (1 - s) * v, rtol=3e-3, atol=1e-7)
    assert np.allclose(_line(ax, "right side")[1], (s - t) * v, rtol=3e-3, atol=1e-7)


def test_a_derivative_set_to_zero_at_a_given_point_is_drawn_at_sampled_points():
    # the given names the point after the derivative is taken (the MLE): θ is no longer free
    claim = r"\frac{\partial}{\partial \theta} \sum_{i=1}^{n} (y_i \log \theta + (1 - y_i) \log(1 - \theta)) = 0"
    symbols = r"y: vector[n], unit; \theta: scalar, unit; i: index; n: dim"
    given = [r"\theta = \frac{1}{n} \sum_{i=1}^{n} y_i"]
    fig = dx.plot(claim, symbols, given=given)
    (ax,) = fig.axes
    assert ax.get_xlabel() == "left side − right side"
    (bars,) = ax.containers
    occupied = [b for b in bars if b.get_height() > 0]
    # true at every point: only rounding is left of the difference
    assert max(abs(b.get_x()) for b in occupied) < 1e-9


def test_axes_name_the_variables_as_a_reader_reads_them():
    fig = dx.plot(r"\log(1 + e^{\theta})")
    assert [(ax.get_xlabel(), ax.get_ylabel()) for ax in fig.axes] == [("θ", "f"), ("θ", "df/dθ")]
    fig = dx.plot(r"(\hat{y} - y_{2})^2 + \hat{y}", r"\hat{y}, y_{2}: scalar")
    ax = fig.axes[0]
    assert {ax.get_xlabel(), ax.get_ylabel()} == {"ŷ", "y_2"}
    # a value held fixed is named the same way
    fig = dx.plot(r"\hat{y} \alpha + \beta", r"\hat{y}, \alpha, \beta: scalar", wrt=r"\hat{y}")
    assert fig.axes[0].get_xlabel() == "ŷ"
    assert re.search(r"α = -?[\d.]+, β = -?[\d.]+", fig.get_suptitle()), fig.get_suptitle()


@pytest.mark.parametrize(
    "claim, given, slope",
    [
        (r"\frac{\partial J}{\partial w} = 2 w", "J = w^2 + 1", 2.0),  # a scalar a given defines
        (r"\frac{d}{d w} f(w) = 3 w", "f(w) = w^2", 2.0),  # a function a given defines
    ],
)
def test_a_derivative_of_a_defined_name_is_drawn_through_its_definition(claim, given, slope):
    # read with its givens, as the checker reads it: never an axis named after the derivative
    fig = dx.plot(claim, "J, w: scalar; f: function", given=[given])
    (ax,) = fig.axes
    assert ax.get_xlabel() == "w"
    ws, left = _line(ax, "left side")
    assert np.allclose(left, slope * ws)


def test_a_function_is_drawn_through_the_definitions_given_for_its_names():
    fig = dx.plot(r"J + 1", "J, w: scalar", given=["J = w^2"])
    assert [ax.get_xlabel() for ax in fig.axes] == ["w", "w"]
    (line,) = fig.axes[0].get_lines()
    ws = np.asarray(line.get_xdata(), float)
    assert np.allclose(line.get_ydata(), ws**2 + 1)


def test_definitions_given_in_any_order_are_all_entered():
    # z is defined before a = σ(z) brings z in: both are entered, whatever the order
    symbols = "a, z, w, x, b: scalar"
    for given in (["z = w x + b", r"a = \sigma(z)"], [r"a = \sigma(z)", "z = w x + b"]):
        fig = dx.plot(r"a = \sigma(w)", symbols, given=given, wrt="w", at={"x": 2.0, "b": 0.5})
        ws, left = _line(fig.axes[0], "left side")
        assert np.allclose(left, 1 / (1 + np.exp(-(2.0 * ws + 0.5))), atol=1e-6), given
