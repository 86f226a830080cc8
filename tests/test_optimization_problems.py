r"""An optimization problem a note states (``\max\{M : ...\}``, ``\min_x f(x) \text{ s.t. } ...``,
``\operatorname*{arg\,min}``, a problem over several rows) is a statement of its own kind, never a
claim, and its constraints are givens for the displays that follow, said in each verdict that
used one. Each spelling is generated with a control (the same note without the problem: the claim
is refuted) and a false twin (a claim the constraint does not make true: still refuted)."""

from __future__ import annotations

import pytest
from notes_helper import write_note

from derivax._documents import check_document, statement_report
from derivax._documents._problems import read_problem


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    monkeypatch.setenv("DERIVAX_CACHE", "off")


def _note(tmp_path, body: str, symbols: str):
    return write_note(tmp_path, body, symbols)


# the problem as papers write it, with C standing for the constraint
SPELLINGS = [
    r"$$\max \{-x^2 : x \in \mathbb{R}, C\}$$",
    r"$$\min_{x} x^2 \ \text{s.t.}\ C$$",
    r"$$\operatorname*{arg\,min}_x x^2 \quad \text{subject to} \quad C$$",
    r"$$\max_{x} -x^2 \text{ s.t. } C, \; i = 1, \dots, n$$",
    r"$$\underset{x}{\text{minimize}} \; x^2 \quad \text{s.t.} \quad C \quad \forall i$$",
    "\\begin{align*}\n& \\min_x x^2 \\\\\n& \\text{subject to } C\n\\end{align*}",
    "\\begin{align*}\n\\min_x \\; & x^2 \\\\\n\\text{s.t.} \\; & y \\ge 0 \\\\\n& C\n\\end{align*}",
    "$$\\arg\\min_x x^2$$\n$$\\text{subject to } C$$",
]

# (constraint, a claim true only under it, a false twin under it)
CONSTRAINED = [
    (r"x \ge 1", r"|x - 1| = x - 1", r"|x - 1| = 1 - x"),
    (r"x > 2", r"\frac{1}{x} < \frac{1}{2}", r"\frac{1}{x} > \frac{1}{2}"),
    (r"0 \le x \le 1", r"x^2 \le x", r"x^2 \ge x"),
]


def _problem_note(tmp_path, spelling: str, constraint: str, claim: str):
    body = "The problem:\n" + spelling.replace("C", constraint) + f"\nThen\n$${claim}$$\n"
    return _note(tmp_path, body, "x, y: scalar; i: index; n: dim")


@pytest.mark.parametrize("n", range(len(SPELLINGS)))
def test_a_problem_s_constraint_is_a_given(tmp_path, n):
    constraint, claim, twin = CONSTRAINED[n % len(CONSTRAINED)]
    links = check_document(_problem_note(tmp_path, SPELLINGS[n], constraint, claim), timeout=20)
    assert not [x for x in links if x.status == "unread"], [x.reason for x in links]
    problem = [x for x in links if x.kind == "assumption"]
    assert problem and all(x.status == "assumption" for x in problem)
    assert any("optimization problem" in x.reason for x in problem)
    checked = [x for x in links if x.kind == "claim"]
    assert len(checked) == 1 and checked[0].status in ("proved", "plausible"), checked[0].reason
    assert f"a constraint of the optimization problem at line {problem[0].line}" in (
        checked[0].reason
    )

    false = check_document(_problem_note(tmp_path, SPELLINGS[n], constraint, twin), timeout=20)
    assert [x.status for x in false if x.kind == "claim"] == ["refuted"]

    control = _note(tmp_path, f"Then\n$${claim}$$\n", "x, y: scalar; i: index; n: dim")
    assert [x.status for x in check_document(control, timeout=20)] == ["refuted"]


def test_a_constraint_holding_the_objective_s_value_is_a_given(tmp_path):
    # the hard-margin SVM: M is the max, and the constraint ties w and b to it; the derivation
    # divides the constraint by M > 0
    body = r"""
    The margin:
    \begin{align}
    & \max \{M : b \in \mathbb{R}, w \in \mathbb{R}\} \\
    & \text{subject to } y(w x + b) \ge M
    \end{align}
    Dividing by $M > 0$:
    $$y(\frac{w}{M} x + \frac{b}{M}) \ge 1$$
    $$y(\frac{w}{M} x + \frac{b}{M}) \ge 2$$
    """
    links = check_document(_note(tmp_path, body, "w, x, y, b, M: scalar"), timeout=20)
    kinds = [(x.line, x.kind) for x in links]
    assert kinds == [(3, "assumption"), (4, "assumption"), (7, "claim"), (8, "claim")]
    assert links[1].lhs == "y(w x + b)" and links[1].relation == r"\ge" and links[1].rhs == "M"
    right, wrong = links[2], links[3]
    # a proof whose audit finds no sampled point meeting both constraints is unknown, never
    # refuted; a verdict says which givens it used
    assert right.status in ("proved", "plausible", "unknown"), right.reason
    used = "`y(w x + b) \\ge M` (a constraint of the optimization problem at line 3)"
    assert right.status == "unknown" or used in right.reason
    # y (w x + b) / M >= 1 allows values below 2: the constraint does not make it true
    assert wrong.status == "refuted" and used in wrong.reason
    control = _note(
        tmp_path,
        "Dividing by $M > 0$:\n$$y(\\frac{w}{M} x + \\frac{b}{M}) \\ge 1$$\n",
        "w, x, y, b, M: scalar",
    )
    assert [x.status for x in check_document(control, timeout=20)] == ["refuted"]
    assert "b" in links[0].reason and "give nothing" in links[0].reason


def test_a_constraint_that_does_not_read_is_dropped_and_the_problem_stays_one(tmp_path):
    body = r"""
    Consider
    $$\min_x x^2 \text{ s.t. } \operatorname{rank}(x) \le 1, x \ge 1$$
    Then
    $$|x - 1| = x - 1$$
    """
    links = check_document(_note(tmp_path, body, "x: scalar"), timeout=20)
    assert [x.kind for x in links] == ["assumption", "assumption", "assumption", "claim"]
    dropped = links[1]
    assert dropped.lhs == r"\operatorname{rank}(x)"
    assert "it does not read, so it is no given" in dropped.reason
    assert "a given for what follows" in links[2].reason
    # the claim uses the constraint that reads, and only that one
    assert links[3].status == "proved"
    assert "`x \\ge 1`" in links[3].reason and "rank" not in links[3].reason


def test_an_optimum_s_value_stays_a_claim(tmp_path):
    body = r"""
    The smallest entry is at most the first:
    $$\min_{k} a_k \le a_1$$
    """
    links = check_document(_note(tmp_path, body, "a: vector[n]; k: index; n: dim"), timeout=20)
    assert [x.kind for x in links] == ["claim"]
    assert links[0].status in ("proved", "plausible"), links[0].reason
    assert read_problem(r"\min_x f(x) = f(x^*)") is None
    assert read_problem(r"w^* = \arg\min_w \|Xw - y\|^2") is None


def test_an_unconstrained_problem_gives_nothing(tmp_path):
    body = r"""
    Least squares:
    $$\min_w \|Xw - y\|^2$$
    Then
    $$|x - 1| = x - 1$$
    """
    links = check_document(
        _note(tmp_path, body, "X: matrix[m, n]; w: vector[n]; y: vector[m]; x: scalar"),
        timeout=20,
    )
    assert [x.kind for x in links] == ["assumption", "claim"]
    assert links[0].reason.endswith("no constraint in this row")
    assert links[1].status == "refuted"  # no constraint: x is free
    assert "optimization problem" not in links[1].reason
    report = statement_report(links)
    assert report["statements"] == {"claim": 1, "assumption": 1}


@pytest.mark.parametrize(
    "row, operator, objective, constraints, memberships",
    [
        (
            r"\max \{M:b\in\mathbb{R}, w \in\mathbb{R}^n, ||w||=1\}",
            r"\max",
            "M",
            ["||w|| = 1"],
            [r"b\in\mathbb{R}", r"w \in\mathbb{R}^n"],
        ),
        (
            r"\max_{w, b} f \text{ s.t. } \|w\| = 1, y_i(w^\top x_i + b) \ge 1,\; i = 1, \dots, n",
            r"\max",
            "f",
            [r"\|w\| = 1", r"y_i(w^\top x_i + b) \ge 1"],
            [],
        ),
        (
            r"\operatorname*{arg\,min}_w f(w) \quad \text{subject to} \quad g(w) \leq 0",
            r"\operatorname*{arg\,min}",
            "f(w)",
            [r"g(w) \le 0"],
            [],
        ),
        (r"\min_{x} f(x) \ \text{s.t.}\ Ax = b", r"\min", "f(x)", ["Ax = b"], []),
        (r"\min_w \|Xw - y\|^2", r"\min", r"\|Xw - y\|^2", [], []),
        (
            r"\underset{\alpha}{\text{maximize}} \; L(\alpha) \quad \text{s.t.} \quad "
            r"0 \le \alpha_i \le C \quad \forall i",
            r"\text{maximize}",
            r"L(\alpha)",
            [r"0 \le \alpha_i", r"\alpha_i \le C"],
            [],
        ),
        (
            r"\min \{\frac{1}{2}||w||^2 + c\sum t^i \}",
            r"\min",
            r"\frac{1}{2}||w||^2 + c\sum t^i",
            [],
            [],
        ),
    ],
)
def test_what_a_problem_row_says(row, operator, objective, constraints, memberships):
    problem = read_problem(row)
    assert problem is not None
    assert problem.operator == operator
    assert problem.objective == objective
    assert [c.given for c in problem.constraints] == constraints
    assert problem.memberships == memberships


@pytest.mark.parametrize(
    "row",
    [
        r"\max\{0, 1 - y f(x)\}",  # the larger of two values
        r"\max(a, b)",
        r"\min_x f(x) = f(x^*)",
        r"\max_{w} w^\top A w \le \lambda_{\max}",
        r"\text{subject to } x \ge 0",  # a constraint row with no problem before it
        r"f(x) = \min_y g(x, y)",
    ],
)
def test_rows_that_state_no_problem(row):
    assert read_problem(row) is None


def test_rows_that_go_on_with_a_problem():
    assert read_problem(r"\text{subject to } x \ge 0", "problem") is not None
    assert read_problem(r"\mathrm{s.t.} \; x \ge 0", "problem") is not None
    # a bare row of constraints goes on only after "subject to", never after the objective alone
    assert read_problem(r"x \ge 0", "constraints") is not None
    assert read_problem(r"x \ge 0", "problem") is None
    # a row that starts with a relation carries on a chain, not a problem
    assert read_problem(r"= x + 1", "constraints") is None
