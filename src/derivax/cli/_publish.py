"""Commands that write a document (``export``), a figure (``plot``) or a new catalog entry."""

from __future__ import annotations

import argparse
import sys
import time

from .._errors import DerivaxError
from ._output import EXIT_OK, _emit, _Progress, _write, check_writable, write_atomically
from ._targets import _jobs, _loaded, _looks_like_id, _selection


def _export(args: argparse.Namespace) -> int:
    from .._export import document, pdflatex, steps_per_equation
    from .._passes import equation_report, run

    eqs = _selection(args)
    jobs = _jobs(args)
    # before the work: a document takes a minute to build
    out = check_writable(args.output, args.force) if args.output != "-" else "-"
    if args.fmt == "pdf":
        pdflatex()
    start = time.perf_counter()
    progress = _Progress(
        sum(steps_per_equation(eq) + 1 for eq in eqs), enabled=sys.stderr.isatty() and not args.json
    )
    # one pass: each derivative is derived once, for its comparison and for its printed steps
    found = run(eqs, args.timeout, jobs, examples=False, documents=True, on_step=progress.step)
    progress.close()
    data = document([equation_report(eq, f) for eq, f in zip(eqs, found, strict=True)], args.fmt)
    if _write(args, data):
        return EXIT_OK
    payload = {
        "output": str(out),
        "format": args.fmt,
        "equations": [eq.id for eq in eqs],
        "bytes": len(data),
        "seconds": round(time.perf_counter() - start, 2),
    }
    _emit(
        args,
        payload,
        f"wrote {out} ({args.fmt}, {len(eqs)} equation{'s' if len(eqs) != 1 else ''}, "
        f"{len(data):,} bytes, {payload['seconds']:.1f} s)",
    )
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .._catalog import skeleton

    text = skeleton(args.id, args.area)
    folder = Path(args.catalog)
    if folder.exists() and not folder.is_dir():
        raise DerivaxError(f"`{folder}` is not a directory; --catalog names the catalog's folder")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{args.id}.toml"
    write_atomically(str(target), text.encode("utf-8"), args.force)
    _emit(
        args,
        {"output": str(target), "id": args.id, "area": args.area},
        f"wrote {target}: a skeleton entry `{args.id}`; edit it, then run "
        f"`derivax verify {args.id} --catalog {folder}`",
    )
    return EXIT_OK


def _plot(args: argparse.Namespace) -> int:
    from .._plot import output_format, plot, plot_equation, save

    output_format(args.output)  # before the work
    check_writable(args.output, args.force)
    cat = _loaded(args)
    if args.target in cat:
        if args.symbols:
            raise DerivaxError(
                f"`{args.target}` is a catalog equation with its own symbol table; drop --symbols"
            )
        fig = plot_equation(cat[args.target], wrt=args.wrt, range=args.range)
    else:
        if _looks_like_id(args.target, cat):
            cat[args.target]
        fig = plot(
            args.target,
            args.symbols,
            wrt=args.wrt,
            range=args.range,
            given=args.given,
            timeout=args.timeout,
        )
    save(fig, args.output, args.force)
    _emit(args, {"output": args.output}, f"wrote {args.output}")
    return EXIT_OK
