r"""An equation of entries stated for distinct indices (``\frac{\partial a_j}{\partial z_i} =
-a_i a_j, \quad i \neq j``, the softmax Jacobian off its diagonal) is checked where the indices
differ, as ``(1 - \delta_{ij}) L = (1 - \delta_{ij}) R``; it was unread ("the given `Ne(i, j)` is
not an equation"). Every spelling of the condition, each with a false twin that must be refuted
at distinct indices."""

from __future__ import annotations

import json
import textwrap

import pytest

from derivax._documents import check_document

SYMBOLS = "z, a: vector[n]; i, j, k: index; n: dim"


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("DERIVAX_CACHE", "off")


@pytest.mark.parametrize(
    "condition",
    [
        r",\quad i \neq j.",
        r", \quad i \ne j",
        r" \quad \text{for } i \neq j",
        r", \qquad \text{if } i \ne j",
        r" \quad j \neq i",
    ],
)
def test_an_equation_for_distinct_indices_is_checked_where_they_differ(tmp_path, condition):
    body = rf"""
        With the softmax

        $$a_j = \frac{{e^{{z_j}}}}{{\sum_k e^{{z_k}}}}$$

        the entries off the diagonal of its Jacobian are

        $$\frac{{\partial a_j}}{{\partial z_i}} = -a_i a_j{condition}$$

        and a slip:

        $$\frac{{\partial a_j}}{{\partial z_i}} = a_i a_j{condition}$$
        """
    f = tmp_path / "n.md"
    f.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    (tmp_path / "n.md.derivax.toml").write_text(
        "symbols = " + json.dumps(SYMBOLS) + "\n", encoding="utf-8"
    )
    claims = [x for x in check_document(f, timeout=20) if x.kind == "claim"]
    assert [x.status for x in claims] == ["proved", "refuted"], claims
    assert all("checked where" in x.reason for x in claims), claims
    cx = claims[1].counterexample
    assert cx["i"] != cx["j"], cx  # never sampled where the condition fails
    # the report shows the step as written, not its encoding
    assert claims[0].rhs == "-a_i a_j" and r"\delta" not in claims[0].lhs
