"""Commands that write a document (``export``), a figure (``plot``) or a new catalog entry."""

from __future__ import annotations

import argparse
import sys
import time

from .._errors import DerivaxError
from ._compute import TARGET_SYNTAX
from ._options import (
    add_catalog,
    add_force,
    add_given,
    add_jobs,
    add_no_cache,
    add_symbols,
    add_timeout,
    command,
)
from ._output import EXIT_OK, _emit, _Progress, _write, check_writable, write_atomically
from ._targets import _jobs, _loaded, _looks_like_id, _selection
from ._verify import SELECTION_SYNTAX


def add_export(sub: argparse._SubParsersAction) -> None:
    c = command(
        sub,
        "export",
        "write a document (LaTeX, Markdown or PDF) with each equation's definition, symbol "
        "table, derivatives and checked claims",
        _export,
        syntax=[SELECTION_SYNTAX, "PATH is the document; - writes it to stdout."],
        examples=[
            "derivax export softmax kl_divergence --format md -o notes.md",
            "derivax export --all --format pdf -o catalog.pdf",
        ],
    )
    c.add_argument("ids", nargs="*", metavar="ID")
    c.add_argument("--all", action="store_true", help="every equation in the catalog")
    c.add_argument(
        "--format",
        "-f",
        required=True,
        choices=("tex", "md", "pdf"),
        dest="fmt",
        help="tex: a standalone amsmath article; md: Markdown with $$ blocks; pdf: through pdflatex",
    )
    c.add_argument(
        "-o", "--output", required=True, metavar="PATH", help="the document (- for stdout)"
    )
    add_force(c)
    add_timeout(c, "time budget per claim and derivative, in CPU seconds")
    add_no_cache(c)
    add_jobs(c)
    add_catalog(c)


def add_new(sub: argparse._SubParsersAction) -> None:
    c = command(
        sub,
        "new",
        "write a commented skeleton entry for a catalog of your own (DIR/ID.toml)",
        _new,
        syntax=[
            "ID is the new equation's id: lower-case letters, digits and underscores "
            "(my_loss). Edit the file, then `derivax verify ID --catalog DIR`."
        ],
        examples=[
            "derivax new my_loss --catalog mycat --area my_paper",
            "derivax new focal_loss --catalog mycat --force",
        ],
    )
    c.add_argument("id", metavar="ID")
    c.add_argument(
        "--catalog",
        required=True,
        metavar="DIR",
        help="the catalog's directory (created if missing)",
    )
    c.add_argument("--area", default="my_equations", help="the entry's area (default my_equations)")
    add_force(c, "an existing DIR/ID.toml")


def add_plot(sub: argparse._SubParsersAction) -> None:
    c = command(
        sub,
        "plot",
        "draw a scalar function with its derivative (one variable) or gradient field (two), or "
        "a claim's two sides with its counterexample; needs the plot extra",
        _plot,
        syntax=[
            TARGET_SYNTAX + " A claim (a relation) is drawn as its two sides.",
            "FIG ends in .png, .svg or .pdf. --range=A:B takes an `=` when A is negative.",
        ],
        examples=[
            "derivax plot sigmoid -o sigmoid.png",
            "derivax plot gaussian_pdf --wrt x --range=-3:3 -o pdf.png",
        ],
        symbols=True,
    )
    c.add_argument("target", metavar="ID_OR_LATEX")
    c.add_argument(
        "--wrt", metavar="NAME", help="the variable (or two, comma-separated) to draw over"
    )
    c.add_argument("--range", metavar="A:B", help="the interval to draw over, e.g. --range=-3:3")
    add_symbols(c, "symbol table for a LaTeX expression (see below)")
    add_given(c)
    c.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FIG",
        help="the figure: FIG.png, FIG.svg or FIG.pdf",
    )
    add_force(c)
    add_timeout(c, "time budget for a claim, in CPU seconds")
    add_catalog(c)


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
