"""The verdict cache: ``derivax check-doc`` of an unchanged note and ``derivax verify --all``, each
run twice in fresh processes against one empty cache directory, the second run answered from it.

    python benchmarks/cache.py [--note tests/data/notes/d2l_backprop_mlp.md] [--no-verify]
                               [--runs 3] [--json OUT.json]

For each command: the wall and CPU seconds of the first run (the cache empty) and of the second
(median of ``--runs`` runs), their ratio, and whether the two printed the same JSON (``seconds``
fields aside). ``verify --all`` runs once beforehand with the verdict cache off, so that JAX's
compilation cache is warm for both timed runs: the ratio is what the verdict cache adds. Then
``python -X importtime`` of the second check-doc: where its time goes, by top-level import.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTE = ROOT / "tests" / "data" / "notes" / "d2l_backprop_mlp.md"
# the commands' budgeted workers fork from a server that finds derivax on its own path
ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join(
        [str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
    ),
}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(argv: list[str], cache: str, extra: tuple[str, ...] = ()) -> dict:
    """One fresh ``python -m derivax`` process: wall and CPU seconds (of the process and the
    children it waited for; a budgeted worker forked by the fork server is not among them), exit
    code and its JSON without timing fields."""
    cpu, start = _children_cpu(), time.perf_counter()
    proc = subprocess.run(
        [sys.executable, *extra, "-m", "derivax", *argv],
        env={**ENV, "DERIVAX_CACHE": cache},
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    try:
        out = _without_seconds(json.loads(proc.stdout))
    except ValueError:
        out = proc.stdout
    return {
        "wall": wall,
        "cpu": _children_cpu() - cpu,
        "exit": proc.returncode,
        "out": out,
        "stderr": proc.stderr,
    }


def _without_seconds(x):
    if isinstance(x, dict):
        return {k: _without_seconds(v) for k, v in x.items() if not k.endswith("seconds")}
    if isinstance(x, list):
        return [_without_seconds(v) for v in x]
    return x


def first_and_second(label: str, argv: list[str], runs: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        cache = str(Path(tmp) / "verdicts")
        first = run(argv, cache)
        again = [run(argv, cache) for _ in range(runs)]
        entries = len(list(Path(cache).rglob("*.json")))
    wall = statistics.median(r["wall"] for r in again)
    cpu = statistics.median(r["cpu"] for r in again)
    return {
        "command": label,
        "first_wall": round(first["wall"], 2),
        "first_cpu": round(first["cpu"], 2),
        "second_wall": round(wall, 2),
        "second_cpu": round(cpu, 2),
        "ratio_wall": round(first["wall"] / wall, 1),
        "entries": entries,
        "exit": [first["exit"], *{r["exit"] for r in again}],
        "same_output": all(r["out"] == first["out"] for r in again),
        "differences": sorted({p for r in again for p in _differences(first["out"], r["out"])}),
    }


def _differences(a, b, path: str = "") -> list[str]:
    """Where two outputs differ (JSON paths)."""
    if isinstance(a, dict) and isinstance(b, dict):
        keys = sorted(set(a) | set(b))
        return [d for k in keys for d in _differences(a.get(k), b.get(k), f"{path}/{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [
            d
            for i, (x, y) in enumerate(zip(a, b, strict=True))
            for d in _differences(x, y, f"{path}[{i}]")
        ]
    return [] if a == b else [path]


def import_times(argv: list[str]) -> list[tuple[str, float]]:
    """Cumulative import time (seconds) of each top-level import of a warm run, largest first."""
    with tempfile.TemporaryDirectory() as tmp:
        cache = str(Path(tmp) / "verdicts")
        run(argv, cache)
        err = run(argv, cache, ("-X", "importtime"))["stderr"]
    out = []
    for line in err.splitlines():
        if not line.startswith("import time:"):
            continue
        _, cumulative, name = line.removeprefix("import time:").split("|")
        # nested imports are indented by two spaces a level after the bar
        if cumulative.strip().isdigit() and not name.startswith("  "):
            out.append((name.strip(), int(cumulative) / 1e6))
    return sorted(out, key=lambda p: -p[1])[:8]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--note", default=str(NOTE), help="the note check-doc reads")
    ap.add_argument("--runs", type=int, default=3, help="second runs to take the median of")
    ap.add_argument("--no-verify", action="store_true", help="only check-doc")
    ap.add_argument("--json", metavar="OUT.json", help="also write the results here")
    args = ap.parse_args()
    load = os.getloadavg()[0]
    rows = [first_and_second("check-doc", ["check-doc", args.note, "--json"], args.runs)]
    if not args.no_verify:
        run(["verify", "--all", "--json"], "off")  # JAX's compilation cache warm for both runs
        rows.append(first_and_second("verify --all", ["verify", "--all", "--json"], args.runs))
    imports = import_times(["check-doc", args.note, "--json"])
    print(f"load average before: {load:.1f}, after: {os.getloadavg()[0]:.1f}")
    print("| command | first run (s, wall / CPU) | second run (s, wall / CPU) | ratio | same |")
    # CPU: the command's process and the children it waited for, not its budgeted workers
    print("|---|---|---|---|---|")
    for r in rows:
        print(
            f"| `{r['command']}` | {r['first_wall']} / {r['first_cpu']} | "
            f"{r['second_wall']} / {r['second_cpu']} | {r['ratio_wall']}x | {r['same_output']} |"
        )
    for r in rows:
        if r["differences"]:
            print(f"{r['command']}: the second run's output differs at {r['differences'][:5]}")
    print("\nimports of the second check-doc (cumulative seconds, with -X importtime's overhead):")
    for name, seconds in imports:
        print(f"  {name:40s} {seconds:.3f}")
    if args.json:
        Path(args.json).write_text(json.dumps({"rows": rows, "imports": imports}, indent=1))


if __name__ == "__main__":
    main()
