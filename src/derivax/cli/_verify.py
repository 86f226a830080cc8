"""``verify``: catalog equations checked whole (examples, claims, stated derivatives)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from ._options import add_catalog, add_jobs, add_no_cache, add_timeout, command
from ._output import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, _emit, _math_printer, _Progress
from ._targets import _jobs, _selection

#: what ID ... | --all means, for verify and export
SELECTION_SYNTAX = (
    "ID ... names catalog equations (`derivax list`); --all takes every one (with --catalog, "
    "every one of those catalogs)."
)


def add_verify(sub: argparse._SubParsersAction) -> None:
    c = command(
        sub,
        "verify",
        "check catalog equations: they parse, their examples hold, their claims get the "
        "expected verdicts, their stated derivatives match the ones derivax derives",
        _verify,
        syntax=[
            SELECTION_SYNTAX,
            "The summary gives the run's wall-clock time, and the checks' own times summed over "
            "the workers.",
        ],
        exits={
            EXIT_OK: "every equation as expected",
            EXIT_FAILED: "an equation failed: an example, a claim's verdict or a derivative",
            EXIT_BAD_INPUT: "bad input: the message names the culprit",
        },
        examples=[
            "derivax verify softmax entropy",
            "derivax verify --all --catalog mycat --jobs 2",
        ],
        math=True,
    )
    c.add_argument("ids", nargs="*", metavar="ID")
    c.add_argument("--all", action="store_true", help="every equation in the catalog")
    add_timeout(c, "time budget per claim, in CPU seconds")
    add_no_cache(c)
    add_jobs(c)
    add_catalog(c)


def _verify(args: argparse.Namespace) -> int:
    from .._passes import run

    eqs = _selection(args)
    jobs = _jobs(args)
    total = sum(1 + len(eq.checks) + len(eq.derivatives) for eq in eqs)
    progress = _Progress(total, enabled=sys.stderr.isatty() and not args.json)
    finished = 0

    def report(found) -> None:  # piped or logged: one line per equation once it is done
        nonlocal finished
        finished += 1
        if not progress.enabled and not args.json:
            ok = found.verification().ok
            print(
                f"verify: [{finished}/{len(eqs)}] {found.id}: {'ok' if ok else 'FAILED'} "
                f"({found.seconds:.1f} s of checking)",
                file=sys.stderr,
                flush=True,
            )

    start = time.perf_counter()
    found = run(eqs, args.timeout, jobs, on_step=progress.step, on_equation=report)
    wall = time.perf_counter() - start
    results = [_verify_row(f.verification()) for f in found]
    progress.close()
    failed = [r for r in results if not r["ok"]]
    claims = [c for r in results for c in r["checks"]]
    summary = {
        "equations": len(results),
        "parsed": sum(r["parsed"] for r in results),
        "examples": sum(len(r["examples"]) for r in results),
        "examples_ok": sum(x["ok"] for r in results for x in r["examples"]),
        "claims": len(claims),
        "claims_as_expected": sum(c["ok"] for c in claims),
        "stated_derivatives": sum(len(r["derivatives"]) for r in results),
        "stated_derivatives_ok": sum(d["ok"] for r in results for d in r["derivatives"]),
        "failed": [r["id"] for r in failed],
        "seconds": round(sum(r["seconds"] for r in results), 2),  # summed over the tasks
        "wall_seconds": round(wall, 2),
    }
    lines = _verify_table(results, _math_printer(args))
    lines.append("")
    lines.append(
        f"{summary['parsed']}/{summary['equations']} equations parsed; "
        f"{summary['examples_ok']}/{summary['examples']} worked examples match (relative error <= 1e-9, float64); "
        f"{summary['claims_as_expected']}/{summary['claims']} claims got their expected verdict; "
        f"{summary['stated_derivatives_ok']}/{summary['stated_derivatives']} stated derivatives match derivax's "
        f"({_times(wall, summary['seconds'], jobs)})."
    )
    if failed:
        lines.append(f"FAILED: {', '.join(summary['failed'])}")
    _emit(args, {"summary": summary, "results": results}, "\n".join(lines))
    return EXIT_FAILED if failed else EXIT_OK


def _times(wall: float, summed: float, jobs: int) -> str:
    """The run's wall-clock time, and the checks' own times summed where workers ran side by side
    (two workers for 67 s sum to about 134 s: a summed figure is labelled as such)."""
    if jobs == 1:
        return f"{wall:.1f} s"
    return f"{wall:.1f} s wall-clock; {summed:.1f} s of checking summed over {jobs} workers"


def _verify_table(results, math) -> list[str]:
    """One row per equation, then one per claim and stated derivative. The claim comes last and
    whole (as readable text, or LaTeX with --latex), so that no two rows look alike because they
    were cut; the method follows it in brackets."""
    rows = [("equation", "verdict", "seconds", "what")]
    for r in results:
        ex_ok = sum(x["ok"] for x in r["examples"])
        rows.append(
            (
                r["id"],
                "ok" if r["parsed"] and ex_ok == len(r["examples"]) else "FAIL",
                f"{r['eval_seconds']:.2f}",
                f"{ex_ok}/{len(r['examples'])} worked examples"
                if r["parsed"]
                else "does not parse",
            )
        )
        for c in r["checks"]:
            verdict = c["status"] if c["ok"] else f"{c['status']} (expected {c['expect']})"
            how = " ".join((c["method"] or c["reason"] or "").split())
            rows.append(
                (
                    "",
                    verdict,
                    f"{c['seconds']:.2f}",
                    math(c["claim"]) + (f"  [{how}]" if how else ""),
                )
            )
        for d in r.get("derivatives", ()):
            verdict = (
                "matches"
                if d["ok"]
                else "MISMATCH"
                if d["status"] == "refuted"
                else f"FAIL ({d['status']})"
            )
            rows.append(
                (
                    "",
                    verdict,
                    f"{d['seconds']:.2f}",
                    f"stated d/d{math(d['wrt'])}: {math(d['stated'])}",
                )
            )
    widths = [max(len(row[k]) for row in rows) for k in range(3)]
    lines = [
        "  ".join([*(cell.ljust(w) for cell, w in zip(row[:3], widths, strict=True)), row[3]])
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in [*widths, 4]))
    for r in results:
        if r["error"]:
            lines.append(f"{r['id']}: {r['error']}")
        for x in r["examples"]:
            if not x["ok"]:
                lines.append(
                    f"{r['id']} example {x['index']}: {x['error']} (got {x['got']}, expected {x['expected']})"
                )
        for d in r.get("derivatives", ()):
            if not d["ok"]:
                what = (
                    "does not match the derivative derivax derives"
                    if d["status"] == "refuted"
                    else f"could not be confirmed ({d['status']}: {d['reason']})"
                )
                lines.append(
                    f"{r['id']}: the stated derivative with respect to `{d['wrt']}` {what}"
                )
                lines.append(f"    stated:  {d['stated']}")
                lines.append(f"    derived: {d['derived'] or '(none)'}")
                if d["counterexample"]:
                    lines.append(
                        f"    they differ at {json.dumps(d['counterexample'], ensure_ascii=False)}"
                    )
    return lines


def _verify_row(v) -> dict[str, Any]:
    """One equation's ``Verification`` as a row of ``verify --json``."""
    examples = [
        {
            "index": r.index,
            "ok": r.ok,
            "expected": r.expected,
            "got": r.got,
            "error": r.error,
            "max_rel_error": r.max_rel_error,
        }
        for r in v.examples
    ]
    checks = [
        {
            "claim": c.check.claim,
            "expect": c.check.expect,
            "status": c.status,
            "ok": c.ok,
            "method": c.verdict.method if c.verdict else "",
            "reason": c.verdict.reason if c.verdict else c.error,
            "steps": list(c.verdict.steps) if c.verdict else [],
            "counterexample": c.verdict.counterexample if c.verdict else None,
            "sides": c.verdict.sides if c.verdict else None,
            "seconds": round(c.verdict.seconds if c.verdict else 0.0, 3),
        }
        for c in v.checks
    ]
    derivatives = [_stated_derivative(d) for d in v.derivatives]
    return {
        "id": v.equation,
        "parsed": v.parsed,
        "examples": examples,
        "checks": checks,
        "error": v.error,
        "eval_seconds": round(
            v.seconds - sum(c["seconds"] for c in checks) - sum(d["seconds"] for d in derivatives),
            3,
        ),
        "ok": v.ok,
        "seconds": round(v.seconds, 3),
        "derivatives": derivatives,
    }


def _stated_derivative(d) -> dict[str, Any]:
    """A stated derivative compared with derivax's: both forms, the verdict on their equality."""
    v = d.verdict
    return {
        "wrt": d.wrt,
        "stated": d.stated,
        "derived": d.derived,
        "status": d.status,
        "ok": d.ok,
        "method": v.method if v else "",
        "reason": (v.reason if v else d.error) or "",
        "counterexample": v.counterexample if v and v.status == "refuted" else None,
        "seconds": round(v.seconds if v else 0.0, 3),
    }
