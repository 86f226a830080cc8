"""The numeric side at scale (docs/examples/sharded_eval.py): a compiled catalog function over a
dataset sharded across a two-device mesh, and across two JAX processes on this machine
(``jax.distributed.initialize`` on localhost, CPU collectives through Gloo), each equal to the
single-device result. Float64 throughout (the example switches x64 on)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import derivax as dx

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "sharded_eval.py"
SRC = str(Path(dx.__file__).resolve().parent.parent)


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "XLA_FLAGS"}
    return {**env, "PYTHONPATH": SRC, "JAX_PLATFORMS": "cpu", **extra}


def _close(a: float, b: float) -> bool:
    # the devices sum their own rows first: the order of the additions differs, not the value
    return abs(a - b) <= 1e-12 * abs(b)


def test_a_catalog_function_over_a_dataset_sharded_on_a_mesh():
    out = subprocess.run(
        [sys.executable, str(EXAMPLE), "mesh"],
        capture_output=True,
        text=True,
        env=_env(XLA_FLAGS="--xla_force_host_platform_device_count=2"),
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["devices"] == 2
    assert _close(result["loss"], result["reference"])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_catalog_function_across_two_jax_processes():
    coordinator = f"127.0.0.1:{_free_port()}"
    procs = [
        subprocess.Popen(
            [sys.executable, str(EXAMPLE), "process", str(rank), "2", coordinator],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
        )
        for rank in range(2)
    ]
    results = []
    for p in procs:
        try:
            stdout, stderr = p.communicate(timeout=300)
        finally:
            if p.poll() is None:
                p.kill()
        assert p.returncode == 0, stderr
        results.append(json.loads(stdout.strip().splitlines()[-1]))
    assert [r["process"] for r in results] == [0, 1]
    for r in results:
        assert r["processes"] == 2 and r["devices"] == 2  # one CPU device in each process
        assert _close(r["loss"], r["reference"])
    assert results[0]["loss"] == results[1]["loss"]
