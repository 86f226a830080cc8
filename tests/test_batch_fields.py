"""Bad fields in a batch cost their own line only: every other line is answered as usual."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import derivax as dx
from derivax._batch import as_claim
from derivax._errors import DerivaxError
from derivax._pool import WarmPool

SRC = str(Path(__file__).resolve().parents[1] / "src")

#: (line text, what its error message says); each is one line of a batch file
BAD_LINES = [
    ('{"id": "huge", "claim": "x = x", "timeout": 1e10}', "below 1e+09, got `10000000000.0`"),
    ('{"id": "inf", "claim": "x = x", "timeout": 1e400}', "got `inf`"),
    ('{"id": "nan", "claim": "x = x", "timeout": NaN}', "got `nan`"),
    ('{"id": "neg", "claim": "x = x", "timeout": -3}', "got `-3`"),
    ('{"id": "zero", "claim": "x = x", "timeout": 0}', "got `0`"),
    ('{"id": "str", "claim": "x = x", "timeout": "5"}', "got the str `'5'`"),
    ('{"id": "bool", "claim": "x = x", "timeout": true}', "got the bool `True`"),
    ('{"id": "big", "claim": "x = x", "timeout": 1' + "0" * 400 + "}", "an integer of 401 digits"),
    (
        '{"id": "typo", "claim": "x = x", "timout": 5}',
        "unknown field `timout` in a claim (did you mean `timeout`?)",
    ),
    ('{"id": "given", "claim": "x = x", "given": 5}', "not iterable"),
]
GOOD_LINES = [
    ('{"id": "first", "claim": "x^2 \\\\ge 0"}', "proved"),
    ('{"id": "refuted", "claim": "x \\\\le x^2", "timeout": 5}', "refuted"),
    ('{"id": "last", "claim": "(a + b)^2 = a^2 + 2 a b + b^2", "timeout": 20}', "proved"),
]


def test_each_bad_field_is_an_error_row_and_every_other_line_is_answered(tmp_path):
    lines = [GOOD_LINES[0][0], *(t for t, _ in BAD_LINES[:5]), GOOD_LINES[1][0]]
    lines += [*(t for t, _ in BAD_LINES[5:]), GOOD_LINES[2][0]]
    src = tmp_path / "claims.jsonl"
    src.write_text("\n".join(lines) + "\n")
    out = tmp_path / "out.jsonl"
    r = subprocess.run(
        [sys.executable, "-m", "derivax", "check", "--batch", str(src), "-o", str(out), "-j", "2"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": SRC},
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    rows = {row["id"]: row for row in map(json.loads, out.read_text().splitlines())}
    assert set(rows) == {json.loads(t)["id"] for t in lines}  # one row a line, none lost
    for text, message in BAD_LINES:
        row = rows[json.loads(text)["id"]]
        assert "status" not in row and message in row["error"]["message"], row
        assert row["line"] == lines.index(text) + 1
    for text, status in GOOD_LINES:
        assert rows[json.loads(text)["id"]]["status"] == status
    assert f"3 claims checked (2 proved, 1 refuted); {len(BAD_LINES)} line(s) with an error (" in (
        r.stdout
    )
    assert " s wall-clock, " in r.stdout.split("with an error (")[1]


@pytest.mark.parametrize("timeout", [1e10, float("nan"), -1.0, "5", True, 10**400])
def test_as_claim_refuses_a_bad_timeout_with_a_clear_error(timeout):
    with pytest.raises(DerivaxError, match="`timeout` must be"):
        as_claim({"claim": "x = x", "timeout": timeout})


def test_check_many_answers_the_other_claims_around_a_bad_timeout():
    claims = [
        {"claim": "x = x", "timeout": 1e10},
        r"x^2 \ge 0",
        {"claim": "x = x", "timeout": 10**400},
        {"claim": r"x \le x^2", "timeout": "5"},
        r"x \le x^2",
    ]
    with WarmPool(2) as pool:
        verdicts = list(dx.check_many(claims, executor=pool))
    assert [v.status for v in verdicts] == ["unknown", "proved", "unknown", "unknown", "refuted"]
    assert "`timeout` must be a positive number" in verdicts[0].reason
    assert "an integer of 401 digits" in verdicts[2].reason
    assert "got the str `'5'`" in verdicts[3].reason


def test_verify_prints_wall_clock_time_and_labels_the_summed_time(capsys):
    import time

    from derivax.cli import main
    from derivax.cli._verify import _times

    start = time.perf_counter()
    code = main(["verify", "sigmoid", "softmax", "--jobs", "2", "--json"])
    elapsed = time.perf_counter() - start
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert code == 0
    # the wall-clock figure is the run's own span, within the span measured around it (the
    # figure is rounded to the hundredth, so it may exceed that span by half of one)
    assert 0 < summary["wall_seconds"] <= elapsed + 0.005
    assert _times(67.04, 84.66, 2) == "67.0 s wall-clock; 84.7 s of checking summed over 2 workers"
    assert _times(67.04, 66.9, 1) == "67.0 s"
