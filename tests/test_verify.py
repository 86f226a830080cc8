"""Verification: every catalog claim gets its expected verdict, and across a corpus of true and
false claims there is no false ``proved`` and no false ``refuted``."""

import json

import pytest

import derivax as dx
from derivax._verify import Verdict
from derivax.cli import main

CATALOG = dx.catalog()
CATALOG_CLAIMS = [(eq.id, k) for eq in CATALOG.values() for k in range(len(eq.checks))]


@pytest.mark.parametrize("eq_id, k", CATALOG_CLAIMS, ids=[f"{i}-{k}" for i, k in CATALOG_CLAIMS])
def test_catalog_claim_gets_its_expected_verdict(eq_id, k):
    eq = CATALOG[eq_id]
    c = eq.checks[k]
    v = dx.check(c.claim, eq.table, c.given, timeout=20)
    assert v.status == c.expect, f"{eq_id}: {c.claim}\n{v}"
    if v.status == "proved":
        assert v.method and v.steps and v.steps[0].startswith(r"\text{claim:}")
    if v.status == "refuted":
        assert v.counterexample and v.violation > 0


# claims that are true (proved or plausible, never refuted) and false (refuted, never proved)
KL = "p, q: simplex[n]; i: index; D: function"
KL_DEF = [
    r"D(p, q) = \sum_{i=1}^{n} p_i \log \frac{p_i}{q_i}",
    r"D(q, p) = \sum_{i=1}^{n} q_i \log \frac{q_i}{p_i}",
]
H = "p: simplex[n]; i: index; H: function"
H_DEF = [r"H(p) = -\sum_{i=1}^{n} p_i \log p_i"]
M = "A, B: matrix[n, n]; x, b: vector[n]; S: spd[n]"

TRUE = [
    (r"D(p, q) \ge 0", KL, KL_DEF),
    (r"D(p, p) = 0", KL, [r"D(p, p) = \sum_{i=1}^{n} p_i \log \frac{p_i}{p_i}"]),
    (r"0 \le H(p)", H, H_DEF),
    (r"H(p) \le \log n", H, H_DEF),
    (r"\sigma'(x) = \sigma(x)(1 - \sigma(x))", "", []),
    (r"\sigma(-x) = 1 - \sigma(x)", "", []),
    (r"\tanh(x) = 2\sigma(2x) - 1", "", []),
    (r"\log(1 + e^{x}) - \log(1 + e^{-x}) = x", "", []),
    (r"\sum_{k=1}^{n} \operatorname{softmax}(z)_k = 1", "z: vector[n]; k: index", []),
    (
        r"\frac{e^{z_k + c}}{\sum_{j=1}^{n} e^{z_j + c}} = \frac{e^{z_k}}{\sum_{j=1}^{n} e^{z_j}}",
        "z: vector[n]; j, k: index",
        [],
    ),
    (r"(A B)^\top = B^\top A^\top", M, []),
    (r"\nabla_{x} x^\top A x = (A + A^\top) x", M, []),
    (r"\nabla_{x} x^\top S x = 2 S x", M, []),
    (r"x^\top S x \ge 0", M, []),
    (r"\|A x - b\|_2^2 \ge 0", M, []),
    (r"e^{a} e^{b} = e^{a + b}", "", []),
    (r"(a + b)^2 = a^2 + 2 a b + b^2", "", []),
    (r"a^2 + b^2 \ge 2 a b", "", []),
    (r"\sigma(x) > 0", "", []),
    (r"\sigma(x) < 1", "", []),
    (r"\max(0, x) \ge x", "", []),
    (r"\max(0, x) \ge 0", "", []),
    (
        r"\frac{1}{n} \sum_{i=1}^{n} (x_i - c) = \frac{1}{n} \sum_{i=1}^{n} x_i - c",
        "x: vector[n]; i: index",
        [],
    ),
    (
        r"\sum_{i=1}^{n} (x_i + y_i) = \sum_{i=1}^{n} x_i + \sum_{j=1}^{n} y_j",
        "x, y: vector[n]; i, j: index",
        [],
    ),
    (r"\int_{-\infty}^{\infty} \frac{1}{\sqrt{2\pi}} e^{-\frac{x^2}{2}} \, dx = 1", "", []),
    (
        r"\exp\left(-\frac{\|x - b\|_2^2}{2 s^2}\right) \le 1",
        "x, b: vector[n]; s: scalar, positive",
        [],
    ),
    (r"\log \sigma(x) \le 0", "", []),
    (r"\sqrt{a}^2 + \sqrt{1 - a}^2 = 1", "a: scalar, unit", []),
    (r"\operatorname{tr}(A + B) = \operatorname{tr}(A) + \operatorname{tr}(B)", M, []),
    (
        r"P(A \mid B) P(B) = P(B \mid A) P(A)",
        "P: function",
        [r"P(A \mid B) = \frac{P(A, B)}{P(B)}", r"P(B \mid A) = \frac{P(A, B)}{P(A)}"],
    ),
]

FALSE = [
    (r"D(p, q) = D(q, p)", KL, KL_DEF),
    (r"D(p, q) \le 0", KL, KL_DEF),
    (r"H(p) \ge \log n", H, H_DEF),
    (r"\nabla_{x} x^\top A x = 2 A x", M, []),
    (r"(A B)^\top = A^\top B^\top", M, []),
    (
        r"\operatorname{softmax}(z + c)_k = \operatorname{softmax}(z)_k + c",
        "z: vector[n]; k: index",
        [],
    ),
    (r"\sigma'(x) = \sigma(x)^2", "", []),
    # a sign flipped, a factor dropped, a transpose missing
    (r"\sigma(-x) = \sigma(x) - 1", "", []),
    (r"\sigma'(x) = \sigma(x)(1 + \sigma(x))", "", []),
    (r"\frac{d}{dx} \log(1 + e^{x}) = \sigma(-x)", "", []),
    (r"\tanh'(x) = 1 + \tanh(x)^2", "", []),
    (r"\sum_{k=1}^{n} \operatorname{softmax}(z)_k = n", "z: vector[n]; k: index", []),
    (
        r"\frac{e^{2 z_k}}{\sum_{j=1}^{n} e^{2 z_j}} = \frac{e^{z_k}}{\sum_{j=1}^{n} e^{z_j}}",
        "z: vector[n]; j, k: index",
        [],
    ),
    (r"\nabla_{x} x^\top S x = S x", M, []),
    (r"\nabla_{x} \|A x - b\|_2^2 = A^\top (A x - b)", M, []),
    (r"\nabla_{x} \|A x - b\|_2^2 = 2 A (A x - b)", M, []),
    (r"(A B)^{-1} = A^{-1} B^{-1}", "A, B: spd[n]", []),
    (r"\operatorname{tr}(A B) = \operatorname{tr}(A) \operatorname{tr}(B)", M, []),
    (r"x^\top A x \ge 0", M, []),
    (r"(a + b)^2 = a^2 + b^2", "", []),
    (r"a^2 + b^2 \le 2 a b", "", []),
    (r"e^{a} + e^{b} = e^{a + b}", "", []),
    (r"\log(a + b) = \log a + \log b", "a, b: scalar, positive", []),
    (r"\sigma(x) \le \frac{1}{2}", "", []),
    (r"\max(0, x) = x", "", []),
    (
        r"\frac{1}{n} \sum_{i=1}^{n} x_i^2 = \left(\frac{1}{n} \sum_{i=1}^{n} x_i\right)^2",
        "x: vector[n]; i: index",
        [],
    ),
    (
        r"\frac{1}{n} \sum_{i=1}^{n} x_i^2 \le \left(\frac{1}{n} \sum_{i=1}^{n} x_i\right)^2",
        "x: vector[n]; i: index",
        [],
    ),
    (r"\int_{-\infty}^{\infty} e^{-\frac{x^2}{2}} \, dx = 1", "", []),
    (
        r"\exp\left(\frac{\|x - b\|_2^2}{2 s^2}\right) \le 1",
        "x, b: vector[n]; s: scalar, positive",
        [],
    ),
    (r"\sqrt{a} + \sqrt{1 - a} = 1", "a: scalar, unit", []),
    (r"\log \sigma(x) \ge 0", "", []),
    (
        r"\sum_{i=1}^{n} x_i y_i = \sum_{i=1}^{n} x_i \sum_{j=1}^{n} y_j",
        "x, y: vector[n]; i, j: index",
        [],
    ),
    (
        r"P(A \mid B) = P(B \mid A)",
        "P: function",
        [r"P(A \mid B) = \frac{P(A, B)}{P(B)}", r"P(B \mid A) = \frac{P(A, B)}{P(A)}"],
    ),
]


@pytest.mark.parametrize("claim, symbols, given", TRUE, ids=[c[:40] for c, _, _ in TRUE])
def test_true_claims_are_proved(claim, symbols, given):
    v = dx.check(claim, symbols, given, timeout=20)
    assert v.status == "proved", f"{claim}\n{v}"
    assert "audit" in v.reason


@pytest.mark.parametrize("claim, symbols, given", FALSE, ids=[c[:40] for c, _, _ in FALSE])
def test_false_claims_are_refuted_with_a_counterexample(claim, symbols, given):
    v = dx.check(claim, symbols, given, timeout=20)
    assert v.status == "refuted", f"{claim}\n{v}"
    assert v.counterexample is not None and v.violation > 0


def test_at_least_nine_in_ten_true_claims_are_proved():
    # the catalog's expected verdicts are asserted claim by claim above, the TRUE lists here and in
    # test_verify_lemmas.py and test_verify_soundness.py are asserted proved claim by claim
    from test_verify_lemmas import LEMMAS
    from test_verify_soundness import NOT_PROVED_YET
    from test_verify_soundness import TRUE as SOUND_TRUE

    expects = [
        c.expect
        for eq in CATALOG.values()
        for c in eq.checks
        if c.expect in ("proved", "plausible")
    ]
    proved = (
        expects.count("proved") + len(TRUE) + len(LEMMAS) + len(SOUND_TRUE) - len(NOT_PROVED_YET)
    )
    total = len(expects) + len(TRUE) + len(LEMMAS) + len(SOUND_TRUE)
    assert proved / total >= 0.9, f"{proved} of {total} true claims proved"


def test_the_corpus_is_large_enough():
    true_catalog = sum(
        1 for eq in CATALOG.values() for c in eq.checks if c.expect in ("proved", "plausible")
    )
    false_catalog = sum(1 for eq in CATALOG.values() for c in eq.checks if c.expect == "refuted")
    assert len(TRUE) + true_catalog >= 60
    assert len(FALSE) + false_catalog >= 40
    assert len(FALSE) >= 20 + 7  # the seven, and at least twenty more variants


def test_kl_nonnegativity_is_proved_by_the_log_lemma():
    v = dx.check(r"D(p, q) \ge 0", KL, KL_DEF)
    assert v.status == "proved" and "log t" in v.method
    assert any(r"\log t \ge 1 - 1/t" in s or r"\log t \le t - 1" in s for s in v.steps)
    assert v.to_latex().startswith(r"\begin{align}")


def test_verdict_renders_as_text_json_and_latex():
    v = dx.check(r"\sigma(x) \le \frac{1}{2}", timeout=10)
    data = json.loads(v.to_json())
    assert set(data) >= {"status", "method", "steps", "counterexample", "seconds"}
    assert data["status"] == "refuted" and "x" in data["counterexample"]
    assert "counterexample" in str(v)
    assert isinstance(Verdict("unknown", reason="x").to_latex(), str)


def test_budget_runs_out_as_a_timeout():
    v = dx.check(
        r"\int_{-\infty}^{\infty} \frac{1}{\sqrt{2\pi}} e^{-\frac{x^2}{2}} \, dx = 1", timeout=0.001
    )
    assert v.status == "timeout"


def test_unsampleable_givens_give_unknown_not_refuted():
    v = dx.check(r"A (A v) = \lambda v", "A: matrix[n, n]; v: vector[n]", [r"A v = \lambda v"])
    assert v.status == "unknown"


def test_bad_claims_are_clear_errors():
    with pytest.raises(dx.DerivaxError, match="is not a claim"):
        dx.check("x + 1")
    with pytest.raises(dx.ParseError):
        dx.check(r"x \le")
    with pytest.raises(dx.DerivaxError, match="must be a positive number of seconds"):
        dx.check("x = x", timeout=0)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_command_exit_codes_and_json(capsys):
    code, out, _ = run(capsys, "check", r"\sigma(-x) = 1 - \sigma(x)", "--json")
    data = json.loads(out)
    assert code == 0 and data["status"] == "proved"
    assert list(data)[:5] == ["status", "method", "steps", "counterexample", "seconds"]
    code, out, _ = run(capsys, "check", r"\sigma(x) \le \frac{1}{2}", "--json")
    assert code == 1 and json.loads(out)["status"] == "refuted"
    code, out, _ = run(
        capsys,
        "check",
        # an integral SymPy takes seconds over (the Gaussian one is now a moment rule away)
        r"\int_{0}^{1} \frac{\log(1+x)}{1+x^2} \, dx = \frac{\pi}{8}\log 2",
        "--timeout",
        "0.001",
        "--no-cache",
    )
    assert code == 3
    code, _, err = run(capsys, "check", r"x \le")
    assert code == 2 and "Traceback" not in err


def test_verify_command_runs_checks_and_prints_a_table(capsys):
    code, out, _ = run(capsys, "verify", "sigmoid", "kl_divergence")
    assert code == 0
    assert "equation" in out.splitlines()[0] and "verdict" in out.splitlines()[0]
    assert "claims got their expected verdict" in out
    code, out, _ = run(capsys, "verify", "sigmoid", "--json")
    data = json.loads(out)
    assert data["summary"]["claims"] == len(CATALOG["sigmoid"].checks)
    assert all(c["ok"] for c in data["results"][0]["checks"])


def test_log_sum_exp_is_at_least_the_mean_by_jensen():
    v = dx.check(
        r"\log \sum_{i=1}^{n} e^{z_i} \ge \frac{1}{n} \sum_{i=1}^{n} z_i", "z: vector[n]; i: index"
    )
    assert v.status == "proved" and v.method == "lemma: Jensen's inequality"
    false = dx.check(
        r"\log \sum_{i=1}^{n} e^{z_i} \le \frac{1}{n} \sum_{i=1}^{n} z_i", "z: vector[n]; i: index"
    )
    assert false.status == "refuted"
