"""A batch on a Dask cluster: a ``distributed.LocalCluster`` of two worker processes on the
loopback interface checks 50 claims of the throughput corpus through ``Client.get_executor()``,
with the same verdicts as the local pool; ``check --batch --scheduler`` does the same from the
command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import derivax as dx

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")

CORPUS = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus.jsonl"
SRC = str(Path(dx.__file__).resolve().parent.parent)


def _claims(n: int) -> list[dict]:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    # every sixth: catalog claims of every area and each generated family, true and false
    return [{**r, "timeout": 30.0} for r in rows[::6][:n]]


@pytest.fixture(scope="module")
def cluster():
    # Dask's defaults: the workers are daemon processes
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    ) as c:
        yield c


def test_a_batch_on_a_local_cluster_gets_the_local_verdicts(cluster):
    claims = _claims(50)
    assert len(claims) == 50
    with distributed.Client(cluster) as client:
        remote = list(dx.check_many(claims, executor=client.get_executor()))
        ran_on = client.run(os.getpid)
    local = list(dx.check_many(claims))
    assert [v.status for v in remote] == [v.status for v in local]
    assert [v.claim for v in remote] == [c["claim"] for c in claims]
    assert len(ran_on) == 2 and os.getpid() not in ran_on.values()


def test_check_batch_with_a_scheduler(cluster, tmp_path):
    src = tmp_path / "claims.jsonl"
    src.write_text("".join(json.dumps(c) + "\n" for c in _claims(4)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "derivax",
            "check",
            "--batch",
            str(src),
            "-o",
            str(out),
            "--scheduler",
            cluster.scheduler_address,
            "--json",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": SRC},
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(row["id"] for row in rows) == sorted(c["id"] for c in _claims(4))
    assert all("status" in row for row in rows)


def test_an_unreachable_scheduler_is_bad_input(tmp_path):
    src = tmp_path / "claims.jsonl"
    src.write_text('{"claim": "x = x"}\n')
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "derivax",
            "check",
            "--batch",
            str(src),
            "--scheduler",
            "tcp://127.0.0.1:9",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": SRC},
        timeout=120,
    )
    assert r.returncode == 2
    assert "cannot reach the Dask scheduler at `tcp://127.0.0.1:9`" in r.stderr


def test_a_default_local_cluster_decides_claims_with_daemon_workers():
    """Dask as it comes: worker processes are daemons; each claim still gets its real verdict
    (the symbolic proof runs in a budgeted process the daemon starts through the fork server)."""
    claims = [
        r"\sigma(-x) = 1 - \sigma(x)",  # proved by rewriting, in a budgeted process
        {
            "claim": r"\sum_i p_i \log \frac{p_i}{q_i} \ge 0",
            "symbols": "p, q: simplex[n]; i: index",
        },
        r"\sigma(x) = x",  # refuted
        r"e^{x} \ge 1 + x",  # proved by a lemma
    ]
    assert dask.config.get("distributed.worker.daemon") is True
    with (
        distributed.LocalCluster(
            n_workers=1,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        daemons = client.run(lambda: __import__("multiprocessing").current_process().daemon)
        verdicts = list(dx.check_many(claims, executor=client.get_executor()))
        still = client.run(lambda: __import__("multiprocessing").current_process().daemon)
    assert list(daemons.values()) == [True] and list(still.values()) == [True]
    assert [v.status for v in verdicts] == ["proved", "proved", "refuted", "proved"], [
        (v.status, v.reason) for v in verdicts
    ]


def test_only_an_outright_refusal_is_decided_before_dask_connects():
    """A port nobody listens on is refused at once (no 20 s of Dask's retries); a port that
    accepts a connection, an address that is not TCP, or one that does not parse is left to
    Dask's own connection."""
    import socket

    from derivax._batch_file import _refused

    assert "connection refused" in _refused("tcp://127.0.0.1:9")
    assert "connection refused" in _refused("127.0.0.1:9")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        assert _refused(f"tcp://127.0.0.1:{port}") == ""
    assert _refused("inproc://192.168.0.1/1234/1") == ""
    assert _refused("not an address") == ""
