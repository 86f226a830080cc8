"""The persistent cache of compiled XLA programs: a program one process compiles is read by the
next process that compiles it; ``off`` and a cache the user gave JAX leave derivax's folder
untouched. Each case runs in fresh processes, since JAX settles its cache at a process's first
compilation."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: compiles a formula and decides a claim (the numeric search compiles its own programs), then
#: prints the value and how many programs JAX read from its persistent cache
_SCRIPT = r"""
import json, sys
import jax
jax.config.update("jax_enable_x64", True)
from jax._src import monitoring
hits = []
monitoring.register_event_listener(
    lambda event, **kw: hits.append(event) if event == "/jax/compilation_cache/cache_hits" else None
)
if len(sys.argv) > 1:
    jax.config.update("jax_compilation_cache_dir", sys.argv[1])
import derivax as dx
f = dx.compile(r"\log(1 + e^{x}) + x^3 y", symbols="x, y: scalar")
value = float(f(x=0.5, y=2.0))
verdict = dx.check(r"\log(1 + e^{x}) \ge x", timeout=20).status
settings = [jax.config.jax_compilation_cache_dir, jax.config.jax_persistent_cache_min_compile_time_secs]
print(json.dumps({"value": value, "verdict": verdict, "hits": len(hits), "settings": settings}))
"""


def _run(env_cache: str, *args: str) -> dict:
    env = dict(os.environ, DERIVAX_XLA_CACHE=env_cache, DERIVAX_CACHE="off", JAX_PLATFORMS="cpu")
    env.pop("JAX_COMPILATION_CACHE_DIR", None)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH", "")) if p
    )
    r = subprocess.run(
        [sys.executable, "-c", _SCRIPT, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    assert "Error reading persistent compilation cache" not in r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


def _programs(folder: Path) -> set[str]:
    return {p.name for p in folder.glob("*-cache")} if folder.is_dir() else set()


def test_a_second_process_reads_the_programs_the_first_compiled(tmp_path):
    cache = tmp_path / "xla"
    first = _run(str(cache))
    written = _programs(cache)
    assert written, "the first process wrote no compiled program"
    assert first["hits"] == 0  # an empty cache: everything compiled
    second = _run(str(cache))
    assert second["hits"] >= len(written) // 2  # read back, not compiled again
    assert _programs(cache) == written  # the same programs: nothing new to write
    assert second["value"] == first["value"] == pytest.approx(0.9740769841801067 + 0.25)
    assert second["verdict"] == first["verdict"] == "proved"


def test_off_and_the_users_own_jax_cache_leave_the_folder_untouched(tmp_path):
    cache = tmp_path / "xla"
    off = _run("off")
    assert off["hits"] == 0
    own = tmp_path / "mine"
    mine = _run(str(cache), str(own))
    assert not cache.exists()  # the user's own JAX cache is left as it is, with JAX's defaults
    assert mine["settings"] == [str(own), 1.0]
    assert _run(str(cache))["settings"] == [str(cache), 0.0]  # derivax's: every program kept
    assert mine["value"] == off["value"]


def _entries(folder: Path, sizes: list[int]) -> list[Path]:
    """Programs written one second apart, the first written longest ago."""
    paths = []
    for i, size in enumerate(sizes):
        p = folder / f"program{i}-cache"
        p.write_bytes(b"x" * size)
        os.utime(p, (1_000_000 + i, 1_000_000 + i))
        paths.append(p)
    return paths


def test_a_cache_over_its_limit_keeps_its_newest_programs_within_three_quarters(tmp_path):
    from derivax._xla_cache import prune

    paths = _entries(tmp_path, [100] * 10)  # 1,000 bytes against a limit of 600
    assert prune(tmp_path, limit=600) == 6
    assert [p.exists() for p in paths] == [False] * 6 + [True] * 4  # 400 <= 450 bytes left
    _entries(tmp_path, [100] * 10)
    assert prune(tmp_path, limit=600) == 0  # looked at less than a day ago: left alone
    assert prune(tmp_path, limit=600, every=0) == 6


def test_a_cache_at_or_under_its_limit_and_an_empty_one_lose_nothing(tmp_path):
    from derivax._xla_cache import prune

    paths = _entries(tmp_path, [100] * 6)
    assert prune(tmp_path, limit=600) == 0  # exactly at the limit
    assert all(p.exists() for p in paths)
    assert prune(tmp_path / "new", limit=600, every=0) == 0  # a folder not made yet
    assert (tmp_path / "new").is_dir()
    one = _entries(tmp_path / "new", [700])  # a single program over the limit goes
    assert prune(tmp_path / "new", limit=600, every=0) == 1 and not one[0].exists()
