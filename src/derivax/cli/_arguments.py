"""The argument parser: every command and flag with its help (the CLI reference is made from it)."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from ._output import EXIT_BAD_INPUT

#: commands whose terminal output holds formulas: readable text, or LaTeX with --latex
_PRINTS_MATH = ("show", "grad", "check", "verify")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own usage errors: same shape, exit 2
        self.print_usage(sys.stderr)
        print(f"derivax: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="derivax",
        description="ML equations written once in LaTeX: parsed to SymPy, differentiated, verified "
        "(proved, refuted or plausible) and compiled to JAX.",
    )
    from .. import __version__

    p.add_argument("--version", action="version", version=f"derivax {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        c = sub.add_parser(name, help=help, description=help)
        c.add_argument("--json", action="store_true", help="print JSON instead of text")
        if name in _PRINTS_MATH:
            c.add_argument(
                "--latex",
                action="store_true",
                help="print formulas as LaTeX (the default is readable Unicode text)",
            )
        return c

    c = command("list", "list the catalog's equations")
    c.add_argument("--area", help="only this area (probability, information, losses, ...)")

    c = command("show", "show one equation: LaTeX, symbol table, SymPy form, examples, checks")
    c.add_argument("id")

    c = command("parse", "parse LaTeX and show the reading derivax chose")
    c.add_argument("latex")
    c.add_argument("--symbols", "-s", help='symbol table, e.g. "x: vector[n]; W: matrix[m, n]"')

    c = command("grad", "derive the gradient of a catalog equation or a LaTeX expression")
    c.add_argument("target", metavar="ID_OR_LATEX")
    c.add_argument(
        "--wrt", required=True, metavar="NAME", help="the variable (LaTeX or plain name)"
    )
    order = c.add_mutually_exclusive_group()
    order.add_argument(
        "--hessian",
        action="store_true",
        help="the second derivative instead: with respect to an m x n matrix X, the mn x mn "
        "matrix H with d vec(grad f) = H vec(dX) (vec stacks the columns)",
    )
    order.add_argument(
        "--jacobian",
        action="store_true",
        help="the Jacobian of a vector- or matrix-valued expression instead (df = J dx; with "
        "respect to a matrix, d vec(F) = J vec(dX))",
    )
    c.add_argument("--symbols", "-s", help="symbol table for a LaTeX expression")
    c.add_argument(
        "--given",
        action="append",
        default=[],
        metavar="DEFINITION",
        help=r'a definition to substitute first, e.g. --given "a = \sigma(z)"',
    )
    c.add_argument(
        "--timeout", type=float, default=10.0, metavar="SEC", help="budget for simplification"
    )

    c = command("eval", "evaluate a catalog equation or a LaTeX expression at given inputs")
    c.add_argument("target", metavar="ID_OR_LATEX")
    c.add_argument(
        "--set",
        dest="values",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help='an input: a JSON number or nested list, e.g. --set "z=[1,2,3]"',
    )
    c.add_argument(
        "--define",
        action="append",
        default=[],
        metavar="F(X)=LATEX",
        help=r'define an unspecified function, e.g. --define "f(x)=e^{-x^2}"',
    )
    c.add_argument("--symbols", "-s", help="symbol table for a LaTeX expression")
    c.add_argument(
        "--inputs", metavar="FILE.npz", help="inputs from a .npz file, one array per name"
    )
    c.add_argument(
        "-o", "--output", metavar="FILE.npy", help="write the value to a .npy file (- for stdout)"
    )
    c.add_argument("--force", action="store_true", help="replace an existing output file")

    c = command("compile", "write a standalone Python module (imports only jax) for an equation")
    c.add_argument("target", metavar="ID_OR_LATEX")
    c.add_argument(
        "--wrt", metavar="NAME", help="also write grad_f, the gradient with respect to NAME"
    )
    c.add_argument("--symbols", "-s", help="symbol table for a LaTeX expression")
    c.add_argument(
        "-o", "--output", required=True, metavar="FILE.py", help="the module (- for stdout)"
    )
    c.add_argument("--force", action="store_true", help="replace an existing output file")

    c = command(
        "check",
        "decide a claim: proved, refuted (with a counterexample), plausible, unknown, timeout",
    )
    c.add_argument("claim", nargs="?")
    c.add_argument("--symbols", "-s", help="symbol table")
    c.add_argument(
        "--given", action="append", default=[], metavar="CLAIM", help="a definition or assumption"
    )
    c.add_argument(
        "--timeout", type=float, default=10.0, metavar="SEC", help="time budget (default 10 s)"
    )
    c.add_argument(
        "--batch",
        metavar="FILE.jsonl",
        help='check every line {"id", "claim", "symbols", "given"} of a JSON Lines file',
    )
    _add_jobs_option(c)
    c.add_argument(
        "-o", "--output", metavar="OUT.jsonl", help="with --batch: write the rows here (not stdout)"
    )
    c.add_argument(
        "--resume", action="store_true", help="with --batch: skip the ids already in OUT.jsonl"
    )
    c.add_argument("--force", action="store_true", help="with --batch: replace OUT.jsonl")
    c.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --batch: run on the Dask cluster whose scheduler is at ADDRESS "
        "(tcp://host:8786; needs the `distributed` extra)",
    )

    c = command(
        "verify",
        "check catalog equations: they parse, their examples hold, their claims get the "
        "expected verdicts, their stated derivatives match the ones derivax derives",
    )
    c.add_argument("ids", nargs="*", metavar="ID")
    c.add_argument("--all", action="store_true", help="every equation in the catalog")
    c.add_argument(
        "--timeout", type=float, default=10.0, metavar="SEC", help="time budget per claim"
    )
    _add_jobs_option(c)

    c = command(
        "export",
        "write a document (LaTeX, Markdown or PDF) with each equation's definition, symbol "
        "table, derivatives and checked claims",
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
    c.add_argument("--force", action="store_true", help="replace an existing output file")
    c.add_argument(
        "--timeout",
        type=float,
        default=10.0,
        metavar="SEC",
        help="time budget per claim and derivative",
    )
    _add_jobs_option(c)

    c = command("new", "write a commented skeleton entry for a catalog of your own (DIR/ID.toml)")
    c.add_argument("id")
    c.add_argument(
        "--catalog",
        required=True,
        metavar="DIR",
        help="the catalog's directory (created if missing)",
    )
    c.add_argument("--area", default="my_equations", help="the entry's area (default my_equations)")
    c.add_argument("--force", action="store_true", help="replace an existing DIR/ID.toml")

    c = command(
        "check-doc",
        "check every step of the derivations in a .tex paper or a .md note, link by link",
    )
    c.add_argument("files", nargs="+", metavar="FILE")
    c.add_argument(
        "--symbols", "-s", help="symbol table (added to the document's own declarations)"
    )
    c.add_argument(
        "--given", action="append", default=[], metavar="CLAIM", help="a definition or assumption"
    )
    c.add_argument(
        "--timeout", type=float, default=10.0, metavar="SEC", help="time budget per step"
    )
    c.add_argument(
        "--format",
        "-f",
        choices=("tex", "md", "pdf"),
        dest="fmt",
        help="also write the document annotated with each step's verdict (tex or pdf for a .tex "
        "file, md for a .md file)",
    )
    c.add_argument("-o", "--output", metavar="PATH", help="the annotated document (with --format)")
    c.add_argument("--force", action="store_true", help="replace an existing output file")

    c = command(
        "plot",
        "draw a scalar function with its derivative (one variable) or gradient field (two), or "
        "a claim's two sides with its counterexample; needs the plot extra",
    )
    c.add_argument("target", metavar="ID_OR_LATEX")
    c.add_argument(
        "--wrt", metavar="NAME", help="the variable (or two, comma-separated) to draw over"
    )
    c.add_argument("--range", metavar="A:B", help="the interval to draw over, e.g. --range=-3:3")
    c.add_argument("--symbols", "-s", help="symbol table for a LaTeX expression")
    c.add_argument(
        "--given", action="append", default=[], metavar="CLAIM", help="a definition or assumption"
    )
    c.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FIG",
        help="the figure: FIG.png, FIG.svg or FIG.pdf",
    )
    c.add_argument("--force", action="store_true", help="replace an existing output file")
    c.add_argument(
        "--timeout", type=float, default=10.0, metavar="SEC", help="time budget for a claim"
    )
    _add_catalog_option(sub)
    return p


def _add_jobs_option(c: argparse.ArgumentParser) -> None:
    c.add_argument(
        "--jobs",
        "-j",
        type=int,
        metavar="N",
        help="worker processes (default: one per core; 1 runs everything in this process)",
    )


def _add_catalog_option(sub) -> None:
    """``--catalog DIR`` (repeatable) on every command that reads the catalog."""
    for name in ("list", "show", "eval", "grad", "compile", "verify", "export", "plot"):
        sub.choices[name].add_argument(
            "--catalog",
            action="append",
            default=[],
            metavar="DIR",
            help="also load the equations of a catalog of your own: a directory of *.toml files or one "
            "file (repeatable; ids must be unique); with --all, only these catalogs' equations",
        )
