"""Batches: ``check_many`` in order, one claim isolated from the next (a crash or a hang costs that
claim only), ``check --batch`` with malformed lines and ``--resume`` after a killed run, and the
catalog pass of ``verify --jobs`` / ``export`` equal to the serial one."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import derivax as dx
from derivax._batch import Claim, decide, outcomes
from derivax._batch_file import resumed
from derivax._budget import Budget
from derivax._pool import TaskOverrun, WarmPool, WorkerDied

SRC = str(Path(dx.__file__).resolve().parent.parent)


# -- tasks the workers import from this module (so they must live at its top level) ----------------
def crash_on_marker(claim: Claim):
    """``decide``, except that the claim ``CRASH`` kills its worker and ``HANG`` never returns
    (it computes forever, as a runaway simplification does)."""
    if claim.claim == "CRASH":
        os._exit(7)
    if claim.claim == "HANG":
        spin_forever()
    return decide(claim)


def spin_forever() -> None:
    while True:
        pass


def square(x: int) -> int:
    return x * x


def die() -> None:
    os._exit(3)


# -- the pool ---------------------------------------------------------------------------------------
def test_pool_survives_a_crashing_and_a_hanging_task():
    with WarmPool(2) as pool:
        crashed = pool.submit(die)
        # a task's deadline counts its CPU time; one that sleeps is stopped by the wall-clock cap
        spinning = pool.submit_within(0.5, spin_forever)
        sleeping = pool.submit_within(Budget(0.5, wall=1.0), time.sleep, 60)
        rest = [pool.submit(square, k) for k in range(20)]
        with pytest.raises(WorkerDied, match="exited with code 3"):
            crashed.result()
        with pytest.raises(TaskOverrun, match=r"ran past its budget of 0\.5 s \(CPU time\)"):
            spinning.result()
        with pytest.raises(TaskOverrun, match=r"ran past its wall-clock cap of 1 s"):
            sleeping.result()
        assert [f.result() for f in rest] == [k * k for k in range(20)]
        assert pool.restarts == 3


def test_pool_reuses_its_workers():
    with WarmPool(1) as pool:
        pids = {pool.submit(os.getpid).result() for _ in range(5)}
    assert len(pids) == 1 and os.getpid() not in pids


def test_pool_is_an_executor():
    with WarmPool(2) as pool:
        assert list(pool.map(square, range(6))) == [0, 1, 4, 9, 16, 25]
    with pytest.raises(RuntimeError, match="after its shutdown"):
        pool.submit(square, 2)


# -- check_many -------------------------------------------------------------------------------------
CLAIMS = [
    r"\sigma(-x) = 1 - \sigma(x)",
    r"x \le x^2",
    {"claim": r"\log(x) \le x - 1", "symbols": "x: scalar, positive"},
    (r"p^T q \le 1", "p, q: simplex[n]"),
    r"a + b = b + a",
    r"\frac{",
]
EXPECTED = ["proved", "refuted", "proved", "plausible", "proved", "unknown"]


def test_check_many_in_order_on_the_default_pool():
    verdicts = list(dx.check_many(CLAIMS, timeout=10.0))
    assert [v.status for v in verdicts] == EXPECTED
    assert verdicts[0].claim == CLAIMS[0]
    assert "ParseError" in verdicts[-1].reason


def test_check_many_takes_any_executor():
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as ex:
        verdicts = list(dx.check_many(CLAIMS[:3], executor=ex))
    assert [v.status for v in verdicts] == EXPECTED[:3]


def test_check_many_defaults_and_a_claims_own_fields():
    # the call's symbols hold for a bare claim; a mapping's own symbols replace them
    verdicts = list(
        dx.check_many(
            [r"\log(x) \le x - 1", {"claim": r"x \le x^2", "symbols": "x: scalar"}],
            symbols="x: scalar, positive",
        )
    )
    assert [v.status for v in verdicts] == ["proved", "refuted"]
    bad = list(dx.check_many([{"claim": "x = x", "colour": "red"}]))
    assert bad[0].status == "unknown" and "unknown field `colour`" in bad[0].reason


def test_a_crashing_and_a_hanging_claim_cost_only_themselves():
    claims = [
        Claim(r"\sigma(-x) = 1 - \sigma(x)", timeout=30.0),
        Claim("CRASH", timeout=30.0),
        Claim(r"x \le x^2", timeout=30.0),
        Claim("HANG", timeout=0.5),
        Claim(r"a + b = b + a", timeout=30.0),
    ]
    with WarmPool(2) as pool:
        got = list(outcomes(claims, pool, run=crash_on_marker, grace=0.5))
    assert [item.claim for item, _ in got] == [c.claim for c in claims]
    statuses = [v.status for _, v in got]
    assert statuses == ["proved", "unknown", "refuted", "timeout", "proved"]
    assert "exited with code 7" in got[1][1].reason
    assert "worker was stopped" in got[3][1].reason


def test_sympy_relations_travel_unevaluated():
    import sympy

    x = sympy.Symbol("x")
    rel = sympy.Eq(sympy.sin(x) ** 2 + sympy.cos(x) ** 2, 1, evaluate=False)
    (v,) = dx.check_many([rel])
    assert v.status == "proved"


# -- check --batch ----------------------------------------------------------------------------------
LINES = [
    {"id": "sig", "claim": r"\sigma(-x) = 1 - \sigma(x)"},
    {"id": "sq", "claim": r"x \le x^2"},
    "this line is not JSON",
    {"id": "log", "claim": r"\log(x) \le x - 1", "symbols": "x: scalar, positive"},
    {"id": "sig", "claim": "x = x"},
    {"claim": r"\frac{"},
    ["a", "list"],
    {"id": "def", "claim": "a + b = b + a", "given": "a = 2"},
    {"id": 7, "claim": "x^2 \\ge 0", "timeout": 5},
]


def _batch_file(tmp_path: Path, lines=LINES) -> Path:
    path = tmp_path / "claims.jsonl"
    text = [x if isinstance(x, str) else json.dumps(x) for x in lines]
    path.write_text("\n".join(text[:4]) + "\n\n" + "\n".join(text[4:]) + "\n")
    return path


def _cli(*argv: str, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.run(
        [sys.executable, "-m", "derivax", *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        **kw,
    )


def _main(capsys, *argv: str) -> tuple[int, str, str]:
    """The command in this process (``derivax.cli.main``, what the console script calls): the exit
    code, stdout and stderr. ``_cli`` runs it end to end in a new process."""
    from derivax.cli import main

    try:
        code = main(list(argv))
    except SystemExit as e:  # argparse's own usage errors
        code = e.code
    out, err = capsys.readouterr()
    return code, out, err


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def test_batch_rows_and_malformed_lines(tmp_path):
    src = _batch_file(tmp_path)
    out = tmp_path / "out.jsonl"
    r = _cli("check", "--batch", str(src), "-o", str(out), "--jobs", "2", "--json")
    assert r.returncode == 0, r.stderr
    rows = {(row["id"], row["line"]): row for row in _rows(out)}
    assert len(rows) == 9  # one row per non-empty input line, none lost, none twice
    assert rows["sig", 1]["status"] == "proved"
    assert rows["sq", 2]["status"] == "refuted" and rows["sq", 2]["counterexample"]
    assert rows[None, 3]["error"]["kind"] == "BatchError"
    assert "not JSON" in rows[None, 3]["error"]["message"]
    assert rows["log", 4]["status"] == "proved"
    assert "duplicate id `sig` (first on line 1)" in rows["sig", 6]["error"]["message"]
    assert rows[None, 7]["error"]["kind"] == "ParseError"
    assert rows[None, 7]["error"]["position"] == 5
    assert "JSON list" in rows[None, 8]["error"]["message"]
    assert rows["def", 9]["status"] == "proved"
    assert rows[7, 10]["status"] == "proved"
    first = next(iter(_rows(out)))
    if "status" in first:  # the check --json fields come first
        assert list(first)[:7] == [
            "id",
            "line",
            "status",
            "method",
            "steps",
            "counterexample",
            "seconds",
        ]
    summary = json.loads(r.stdout)["summary"]
    assert summary["checked"] == 5 and summary["errors"] == 4
    assert summary["statuses"] == {"proved": 4, "refuted": 1}


def test_batch_refuses_to_overwrite_its_output(tmp_path, capsys):
    src = _batch_file(tmp_path, LINES[:1])
    out = tmp_path / "out.jsonl"
    out.write_text("precious\n")
    code, _, err = _main(capsys, "check", "--batch", str(src), "-o", str(out))
    assert code == 2
    assert "exists; pass --resume to continue that run, or --force to replace it" in err
    assert out.read_text() == "precious\n"
    code, _, _ = _main(
        capsys, "check", "--batch", str(src), "-o", str(out), "--force", "--jobs", "1"
    )
    assert code == 0 and [row["id"] for row in _rows(out)] == ["sig"]


def test_batch_rows_on_stdout_and_the_summary_on_stderr(tmp_path, capsys):
    src = _batch_file(tmp_path, LINES[:2])
    code, out, err = _main(capsys, "check", "--batch", str(src), "--jobs", "1")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert sorted(row["id"] for row in rows) == ["sig", "sq"]
    assert "2 claims checked (1 proved, 1 refuted)" in err


@pytest.mark.parametrize(
    "argv, message",
    [
        (["x = x", "--batch", "f.jsonl"], "not both"),
        (["--batch", "missing.jsonl"], "no batch file `missing.jsonl`"),
        (["x = x", "--resume"], "go with --batch"),
        (["--batch", "f.jsonl", "--resume"], "--resume needs -o"),
        (["--batch", "f.jsonl", "--symbols", "x: scalar"], "each line carries its own"),
    ],
)
def test_batch_bad_invocations(tmp_path, argv, message, capsys, monkeypatch):
    (tmp_path / "f.jsonl").write_text('{"claim": "x = x"}\n')
    monkeypatch.chdir(tmp_path)
    code, _, err = _main(capsys, "check", *argv)
    assert code == 2
    assert message in err


def test_resume_after_a_killed_run_loses_nothing_and_repeats_nothing(tmp_path):
    claims = [{"id": f"c{k}", "claim": f"(x + {k})^2 \\ge 0"} for k in range(10)]
    src = tmp_path / "claims.jsonl"
    src.write_text("".join(json.dumps(c) + "\n" for c in claims))
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONPATH": SRC}
    proc = subprocess.Popen(
        [sys.executable, "-m", "derivax", "check", "--batch", str(src), "-o", str(out), "-j", "1"],
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if out.exists() and len(_rows(out)) >= 3:
                break
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the CLI, its workers and their servers
        proc.wait()
    written = _rows(out)
    assert 3 <= len(written) < 10
    with open(out, "a") as f:  # a row cut short by the kill
        f.write('{"id": "c9", "line": 10, "sta')
    r = _cli("check", "--batch", str(src), "-o", str(out), "--resume", "--json", "-j", "2")
    assert r.returncode == 0, r.stderr
    rows = _rows(out)  # every line parses: the cut row was dropped
    ids = [row["id"] for row in rows]
    assert sorted(ids) == sorted(c["id"] for c in claims)
    assert len(ids) == len(set(ids))
    assert all(row["status"] == "proved" for row in rows)
    summary = json.loads(r.stdout)["summary"]
    assert summary["skipped"] == len(written)
    assert summary["checked"] == 10 - len(written)


def test_resume_refuses_a_file_that_is_not_batch_output(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("hello\n")
    with pytest.raises(dx.DerivaxError, match="not a result row"):
        resumed(str(out))


# -- verify --jobs and export on one pass -----------------------------------------------------------
IDS = ["sigmoid", "softmax", "kl_divergence", "linear_regression"]


def test_the_parallel_pass_equals_the_serial_one():
    from derivax._passes import run

    eqs = [dx.catalog()[i] for i in IDS]
    serial = run(eqs, jobs=1, documents=True)
    parallel = run(eqs, jobs=2, documents=True)
    for s, p in zip(serial, parallel, strict=True):
        assert s.verification().ok and p.verification().ok
        assert [c.status for c in s.checks] == [c.status for c in p.checks]
        assert [d.status for d in s.derivatives] == [d.status for d in p.derivatives]
        assert [x.ok for x in s.examples] == [x.ok for x in p.examples]
        assert [d.statement for d in s.reports] == [d.statement for d in p.reports]
    # the same verdicts as Equation.verify, which runs everything in this process
    for eq, p in zip(eqs, parallel, strict=True):
        v = eq.verify()
        assert [c.status for c in v.checks] == [c.status for c in p.checks]


def test_verify_jobs_on_the_command_line(capsys):
    # in this process, as the console script calls it (tests/test_cli_output.py runs verify in a
    # new one)
    code, out, err = _main(capsys, "verify", *IDS[:2], "--jobs", "2", "--json")
    assert code == 0, err
    summary = json.loads(out)["summary"]
    assert summary["claims"] == summary["claims_as_expected"] > 0
    code, _, err = _main(capsys, "verify", "sigmoid", "--jobs", "0")
    assert code == 2 and "--jobs must be at least 1" in err


def test_export_writes_the_pass_it_made(tmp_path):
    from derivax._export import export

    out = tmp_path / "doc.md"
    r = _cli("export", "sigmoid", "softmax", "--format", "md", "-o", str(out), "--jobs", "2")
    assert r.returncode == 0, r.stderr
    serial = export([dx.catalog()[i] for i in ("sigmoid", "softmax")], "md").decode()
    assert out.read_text() == serial


@pytest.mark.parametrize(
    "env, expected",
    [
        ({}, "HOME/.cache/derivax/xla"),
        ({"XDG_CACHE_HOME": "/x"}, "/x/derivax/xla"),
        ({"DERIVAX_XLA_CACHE": "/mine"}, "/mine"),
        ({"DERIVAX_XLA_CACHE": "off"}, None),
        ({"JAX_COMPILATION_CACHE_DIR": "/jax"}, None),  # the user's own JAX cache stays as it is
    ],
)
def test_where_derivax_keeps_compiled_programs(monkeypatch, env, expected):
    from derivax._xla_cache import compilation_cache

    for name in ("XDG_CACHE_HOME", "DERIVAX_XLA_CACHE", "JAX_COMPILATION_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", "HOME")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert compilation_cache() == expected


def test_a_task_that_cannot_be_sent_fails_alone():
    import threading

    with WarmPool(1) as pool:
        bad = pool.submit(square, threading.Lock())  # a lock does not pickle
        good = pool.submit(square, 3)
        with pytest.raises(dx.DerivaxError, match="could not be sent to a worker"):
            bad.result()
        assert good.result() == 9


def test_terminate_stops_a_running_task():
    pool = WarmPool(1)
    running = pool.submit(time.sleep, 60)
    while not running.running():  # handed to the worker
        time.sleep(0.05)
    pool.terminate()
    with pytest.raises(WorkerDied):  # killed, not waited for
        running.result(timeout=50)
