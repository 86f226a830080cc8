"""Throughput of the symbolic side: the fixed corpus (benchmarks/corpus.jsonl, 328 claims) checked
at 1 and 2 local warm workers and on a Dask LocalCluster of 2 worker processes, then
``derivax verify --all`` and ``derivax export --all --format pdf`` (cold and warm XLA cache).

    python benchmarks/throughput.py [--quick] [--json OUT.json]

For each run: wall time, claims per second, the CPU time the workers used (their own and their
budgeted children's), peak resident memory per worker, the machine's load average before and
after, and how many verdicts differ from benchmarks/corpus_expect.json (a budget that runs out
on a loaded machine turns a proof into a timeout). ``--quick`` checks only every fourth claim.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

# this benchmark measures deciding claims: none is answered from the verdict cache on disk
os.environ["DERIVAX_CACHE"] = "off"

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
# the workers fork from a server that finds derivax on its own path (Python 3.11's forkserver
# does not take the caller's sys.path), so this checkout must be on PYTHONPATH for it too
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
)

import derivax as dx  # noqa: E402
from derivax._batch import Claim, as_claim, outcomes  # noqa: E402
from derivax._pool import WarmPool  # noqa: E402


def corpus(quick: bool) -> tuple[list[Claim], dict[str, str]]:
    rows = [json.loads(line) for line in (HERE / "corpus.jsonl").read_text().splitlines()]
    if quick:
        rows = rows[::4]
    expect = json.loads((HERE / "corpus_expect.json").read_text())
    return [as_claim(r) for r in rows], expect


class Watch:
    """Samples the resident memory and CPU time of some processes and their descendants."""

    def __init__(self, pids: Callable[[], list[int]]):
        import psutil

        self.psutil, self.pids = psutil, pids
        self.peak: dict[int, int] = {}  # pid -> largest RSS of it and its descendants at once
        self.cpu: dict[int, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def sample(self) -> None:
        for pid in self.pids():
            try:
                p = self.psutil.Process(pid)
                tree = [p, *p.children(recursive=True)]
                rss = sum(q.memory_info().rss for q in tree)
                t = p.cpu_times()
                cpu = t.user + t.system + t.children_user + t.children_system
                for q in tree[1:]:
                    c = q.cpu_times()
                    cpu += c.user + c.system + c.children_user + c.children_system
            except (self.psutil.NoSuchProcess, self.psutil.AccessDenied):
                continue
            self.peak[pid] = max(self.peak.get(pid, 0), rss)
            self.cpu[pid] = max(self.cpu.get(pid, 0.0), cpu)

    def run(self) -> None:
        while not self.stop.is_set():
            self.sample()
            time.sleep(0.25)

    def __enter__(self) -> Watch:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.sample()
        self.stop.set()
        self.thread.join()


def _warm_up(executor, n: int) -> None:
    """One small claim per worker first: JAX's import and first compilation are start-up, not
    throughput."""
    claims = [Claim(f"(x + {k})^2 = x^2 + {2 * k} x + {k * k}", timeout=60.0) for k in range(n)]
    list(outcomes(claims, executor, ordered=False))


def run_batch(label: str, claims, expect, executor, pids, workers: int) -> dict:
    _warm_up(executor, 2 * workers)
    load = os.getloadavg()[0]
    with Watch(pids) as watch:
        start = time.perf_counter()
        got = list(outcomes(claims, executor, ordered=False))
        seconds = time.perf_counter() - start
    wrong = [
        (c.id, v.status, expect[c.id])
        for c, v in got
        if getattr(v, "status", "error") != expect[c.id]
    ]
    return {
        "run": label,
        "claims": len(got),
        "seconds": round(seconds, 1),
        "claims_per_second": round(len(got) / seconds, 2),
        "worker_cpu_seconds": round(sum(watch.cpu.values()), 1),
        "peak_rss_mb_per_worker": [round(v / 2**20) for v in watch.peak.values()],
        "verdicts_not_as_expected": wrong,
        "load_before": round(load, 1),
        "load_after": round(os.getloadavg()[0], 1),
    }


def local(claims, expect, workers: int) -> dict:
    with WarmPool(workers) as pool:
        return run_batch(f"{workers} local worker(s)", claims, expect, pool, pool.pids, workers)


def cluster(claims, expect) -> dict:
    import dask
    from distributed import Client, LocalCluster

    with (
        dask.config.set({"distributed.worker.daemon": False}),
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as c,
        Client(c) as client,
    ):
        pids = list(client.run(os.getpid).values())
        return run_batch(
            "Dask LocalCluster, 2 worker processes",
            claims,
            expect,
            client.get_executor(),
            lambda: pids,
            2,
        )


def command(label: str, *argv: str, env: dict | None = None) -> dict:
    load = os.getloadavg()[0]
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "derivax", *argv],
            stdout=out,
            stderr=err,
            text=True,
            env={**os.environ, **(env or {})},
        )
        with Watch(lambda: [proc.pid]) as watch:  # the command, its workers and their children
            proc.wait()
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    return {
        "run": label,
        "seconds": round(seconds, 1),
        "cpu_seconds": round(sum(watch.cpu.values()), 1),
        "exit": proc.returncode,
        "last_line": (stdout.strip().splitlines() or [stderr.strip()])[-1][-160:],
        "load_before": round(load, 1),
        "load_after": round(os.getloadavg()[0], 1),
    }


def catalog_commands(serial: bool) -> list[dict]:
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        cold = {"DERIVAX_XLA_CACHE": str(Path(tmp) / "xla")}
        out.append(command("verify --all (cold XLA cache)", "verify", "--all", env=cold))
        out.append(command("verify --all (warm XLA cache)", "verify", "--all", env=cold))
        pdf = str(Path(tmp) / "catalog.pdf")
        out.append(
            command(
                "export --all --format pdf (warm XLA cache)",
                *("export", "--all", "--format", "pdf", "-o", pdf, "--force"),
                env=cold,
            )
        )
        if serial:
            off = {"DERIVAX_XLA_CACHE": "off"}
            out.append(
                command("verify --all --jobs 1 (no cache)", "verify", "--all", "-j", "1", env=off)
            )
            out.append(
                command(
                    "export --all --format pdf --jobs 1 (no cache)",
                    *("export", "--all", "--format", "pdf", "-o", pdf, "--force", "-j", "1"),
                    env=off,
                )
            )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="every fourth claim of the corpus")
    ap.add_argument("--json", metavar="OUT.json", help="also write the results here")
    ap.add_argument("--serial", action="store_true", help="also time verify/export with --jobs 1")
    ap.add_argument("--skip-commands", action="store_true", help="only the corpus runs")
    ap.add_argument("--only-commands", action="store_true", help="only verify and export")
    args = ap.parse_args()
    claims, expect = corpus(args.quick)
    print(f"derivax {dx.__version__}; {len(claims)} claims; {os.cpu_count()} cores", flush=True)
    if args.only_commands:
        for c in catalog_commands(args.serial):
            print(json.dumps(c), flush=True)
        return
    results = []
    for run in (lambda: local(claims, expect, 1), lambda: local(claims, expect, 2)):
        results.append(run())
        print(json.dumps(results[-1]), flush=True)
    try:
        results.append(cluster(claims, expect))
        print(json.dumps(results[-1]), flush=True)
    except ImportError as e:
        print(f"no Dask ({e}); pip install 'derivax[distributed]'", flush=True)
    one, two = results[0], results[1]
    speedup = round(two["claims_per_second"] / one["claims_per_second"], 2)
    print(f"speed-up at 2 local workers: {speedup}x", flush=True)
    commands = [] if args.skip_commands else catalog_commands(args.serial)
    for c in commands:
        print(json.dumps(c), flush=True)
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {"batches": results, "speedup_2_workers": speedup, "commands": commands}, indent=1
            )
        )


if __name__ == "__main__":
    main()
