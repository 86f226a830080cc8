r"""``^T`` is the transpose of a vector or matrix even where the text also declares a matrix named
``T`` (``A = T \Lambda T^{-1}`` beside ``B^T``): a power by a matrix has no meaning. Where ``T`` is
a scalar (a number of steps), ``\gamma^T`` of a scalar stays its power, and ``A^T`` of a matrix is
refused as before (power or transpose would both be possible)."""

from __future__ import annotations

import pytest

import derivax as dx

WITH_MATRIX_T = "x, z: vector[n]; A, B, T: matrix[n, n]; n: dim"


@pytest.mark.parametrize(
    "latex, same_as",
    [
        ("B^T", r"B^\top"),
        ("B^{T}", r"B^\top"),
        ("B^{-T}", r"(B^\top)^{-1}"),
        ("x^T B x", r"x^\top B x"),
        ("(B A B^T)^T", r"(B A B^\top)^\top"),
    ],
)
def test_a_matrix_named_t_leaves_the_transpose(latex, same_as):
    assert dx.parse(latex, WITH_MATRIX_T) == dx.parse(same_as, WITH_MATRIX_T)


def test_the_matrix_t_is_still_a_matrix_where_it_is_not_a_superscript():
    assert dx.check(r"T A T^{-1} T = T A", WITH_MATRIX_T, timeout=20).status == "proved"


@pytest.mark.parametrize(
    "claim, status",
    [
        (r"(B A B^T)^T = B A^T B^T", "proved"),
        (r"(B A B^T)^T = B A B^T", "refuted"),
        (r"x^T B^T x = x^T B x", "proved"),
    ],
)
def test_claims_with_the_transpose_are_decided(claim, status):
    assert dx.check(claim, WITH_MATRIX_T, timeout=20).status == status


def test_a_scalar_t_keeps_its_reading():
    assert str(dx.parse(r"\gamma^T", r"\gamma, T: scalar")) == r"\gamma**T"
    with pytest.raises(
        dx.DerivaxError, match="needs a number or a whole-number name as its exponent"
    ):
        dx.parse("B^T", "B: matrix[n, n]; T: scalar; n: dim")
