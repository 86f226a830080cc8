"""``check --batch``: a JSON Lines file of claims, on local workers or a Dask cluster."""

from __future__ import annotations

import argparse
import json
import sys

from .._errors import DerivaxError
from ._output import EXIT_OK, _emit, _Progress
from ._targets import _jobs


def _check_batch(args: argparse.Namespace) -> int:
    """``check --batch``: rows stream to OUT (or stdout), the summary comes last."""
    from .._batch_file import count_lines, dask_executor, run_batch
    from .._pool import WarmPool

    if args.symbols or args.given:
        raise DerivaxError("with --batch, each line carries its own `symbols` and `given`")
    if args.resume and args.output is None:
        raise DerivaxError("--resume needs -o OUT.jsonl, the output of the run to continue")
    if args.scheduler and args.jobs is not None:
        raise DerivaxError("--jobs is for local workers; a Dask cluster has its own")
    if args.output == "-":
        args.output = None
    if args.scheduler:
        executor, close = dask_executor(args.scheduler)
    else:
        pool = WarmPool(_jobs(args))
        executor, close = pool, pool.terminate  # nothing runs any more, unless interrupted
    tty = sys.stderr.isatty()
    progress = _Progress(count_lines(args.batch) if tty else 0, enabled=tty)
    try:
        summary = run_batch(
            args.batch,
            args.output,
            executor,
            timeout=args.timeout,
            resume=args.resume,
            force=args.force,
            on_row=lambda r: progress.step(str(r.get("id") or f"line {r['line']}")),
            stdout=sys.stdout,
            on_skip=lambda: progress.step("(done before)"),
        )
    finally:
        progress.close()
        close()
    text = str(summary)
    if args.output is None:  # stdout carries the rows: the summary goes to stderr
        print(json.dumps({"summary": summary.to_dict()}) if args.json else text, file=sys.stderr)
    else:
        _emit(args, {"summary": summary.to_dict(), "output": args.output}, text)
    return EXIT_OK
