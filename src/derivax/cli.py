"""The command line: ``derivax list | show | parse | grad | check | eval | compile | verify | export |
new | check-doc | plot``, each with ``--json``.

Bad input prints one paragraph naming the culprit (no traceback) and exits with code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from typing import Any, NoReturn

from ._errors import DerivaxError, translate

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_UNDECIDED = 0, 1, 2, 3
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
    from . import __version__

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


def _loaded(args: argparse.Namespace):
    """The catalog a command reads: the built-in one plus every ``--catalog DIR``."""
    from ._catalog import catalog

    return catalog(getattr(args, "catalog", None) or None)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        timeout = getattr(args, "timeout", 1.0)
        if not 0 < timeout < 1e9:  # also refuses nan and inf
            raise DerivaxError(
                f"--timeout must be positive, got `{timeout}`; give a number of seconds such as 10"
            )
        return _COMMANDS[args.command](args)
    except BrokenPipeError:  # the reader went away (`derivax list | head -1`): nothing to say
        _stdout_gone()
        return EXIT_OK
    except KeyboardInterrupt:
        print("derivax: interrupted", file=sys.stderr)
        return 130
    except Exception as e:
        error = translate(e, _doing(args))
        if getattr(args, "json", False):
            _emit(
                args,
                {
                    "error": {
                        "kind": type(error).__name__,
                        "message": str(error),
                        "position": getattr(error, "position", None),
                    }
                },
                "",
            )
        print(f"derivax: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _doing(args: argparse.Namespace) -> str:
    """What the command was doing, with the culprit in backticks, for an error message."""
    target = (
        getattr(args, "target", None)
        or getattr(args, "claim", None)
        or getattr(args, "latex", None)
    )
    if target is None:
        return f"`derivax {args.command}`"
    verb = {
        "grad": "differentiating",
        "eval": "evaluating",
        "compile": "compiling",
        "check": "checking",
        "parse": "parsing",
    }.get(args.command, f"derivax {args.command} of")
    wrt = f" with respect to `{args.wrt}`" if getattr(args, "wrt", None) else ""
    return f"{verb} `{target}`{wrt}"


def _stdout_gone() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush does not fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _emit(args: argparse.Namespace, payload: Any, text: str) -> None:
    try:
        if args.json:
            print(json.dumps(payload, indent=2, ensure_ascii=False))
        elif text:
            print(text)
        sys.stdout.flush()
    except BrokenPipeError:  # the command still ends with its own exit code
        _stdout_gone()


def _write(args: argparse.Namespace, data: bytes) -> bool:
    """Write an output file, or stdout for ``-o -``; True when it went to stdout."""
    if args.output == "-":
        try:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        except BrokenPipeError:
            _stdout_gone()
        return True
    write_atomically(args.output, data, args.force)
    return False


# -- list / show ----------------------------------------------------------------------------------
def _list(args: argparse.Namespace) -> int:
    cat = _loaded(args)
    eqs = cat.by_area(args.area) if args.area else list(cat.values())
    rows = [{"id": e.id, "area": e.area, "title": e.title, "summary": e.summary} for e in eqs]
    width = max((len(r["id"]) for r in rows), default=2)
    awidth = max((len(r["area"]) for r in rows), default=4)
    text = "\n".join(f"{r['id']:<{width}}  {r['area']:<{awidth}}  {r['title']}" for r in rows)
    _emit(args, rows, text)
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    import sympy

    eq = _loaded(args)[args.id]
    expr = eq.expression
    symbols = [
        {
            "name": d.name,
            "plain": d.plain,
            "kind": d.kind,
            "shape": list(d.shape),
            "qualifiers": sorted(d.qualifiers),
        }
        for d in eq.table.values()
    ]
    payload = {
        "id": eq.id,
        "title": eq.title,
        "area": eq.area,
        "summary": eq.summary,
        "latex": eq.latex,
        "symbols": symbols,
        "symbols_text": eq.symbols,
        "sympy": str(expr),
        "srepr": sympy.srepr(expr),
        "examples": [
            {"set": x.set, "expect": x.expect, **({"define": x.define} if x.define else {})}
            for x in eq.examples
        ],
        "checks": [
            {"claim": c.claim, "expect": c.expect, "given": list(c.given)} for c in eq.checks
        ],
        "derivatives": [{"wrt": d.wrt, "latex": d.latex} for d in eq.derivatives],
    }
    lines = [
        f"{eq.id} — {eq.title} ({eq.area})",
        f"  {eq.summary}",
        "",
        f"  LaTeX:  {eq.latex}",
        f"  reads:  {_math_printer(argparse.Namespace())(eq.latex)}",
        f"  SymPy:  {expr}",
        "",
        "  symbols (LaTeX name / plain name: kind):",
    ]
    for s in symbols:
        kind = s["kind"] + (f"[{', '.join(s['shape'])}]" if s["shape"] else "")
        quals = f", {', '.join(s['qualifiers'])}" if s["qualifiers"] else ""
        lines.append(f"    {s['name']:<28} {s['plain']:<20} {kind}{quals}")
    lines.append("")
    lines.append("  examples:")
    for x in eq.examples:
        lines.append(f"    {json.dumps(x.set, ensure_ascii=False)}  ->  {json.dumps(x.expect)}")
    math = _math_printer(args)
    if eq.checks:
        lines.append(
            f"  checks (the verdict the catalog expects, not computed here; "
            f"`derivax verify {eq.id}` computes them):"
        )
        lines.extend(f"    [expected {c.expect}] {math(c.claim)}" for c in eq.checks)
    if eq.derivatives:
        lines.append("  derivatives (as stated in the catalog; `derivax verify` compares them):")
        lines.extend(f"    d/d{d.wrt}: {math(d.latex)}" for d in eq.derivatives)
    _emit(args, payload, "\n".join(lines))
    return EXIT_OK


# -- parse ----------------------------------------------------------------------------------------
def _parse(args: argparse.Namespace) -> int:
    import sympy

    from .latex import reading, to_latex
    from .symbols import SymbolTable

    table = SymbolTable.coerce(args.symbols)
    r = reading(args.latex, table)
    expr, undeclared = r.expr, r.undeclared
    payload = {
        "sympy": str(expr),
        "srepr": sympy.srepr(expr),
        "latex": to_latex(expr, table),
        "undeclared": undeclared,
        "rules": list(r.rules),
    }
    lines = [f"SymPy:  {expr}", f"LaTeX:  {payload['latex']}"]
    if undeclared:
        lines.append("undeclared names (read with the default; declare them with --symbols):")
        lines.extend(f"  {name}: {kind}" for name, kind in undeclared.items())
    if r.rules:
        lines.append("reading rules applied (a declaration decides otherwise):")
        lines.extend(f"  - {rule}" for rule in r.rules)
    _emit(args, payload, "\n".join(lines))
    return EXIT_OK


# -- eval -----------------------------------------------------------------------------------------
def _assignments(items: list[str], what: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.rpartition("=") if what == "--set" else item.partition("=")
        if not sep or not name.strip() or not value.strip():
            example = '--set "z=[1,2,3]"' if what == "--set" else '--define "f(x)=e^{-x^2}"'
            raise DerivaxError(f"`{item}` is not NAME=VALUE; write it as {example}")
        out[name.strip()] = value.strip()
    return out


def _value(name: str, text: str) -> Any:
    if text.endswith(".npy"):
        return _load_array(text, name)
    shown = text if len(text) <= 60 else text[:57] + "..."
    try:
        value = json.loads(text)
    except RecursionError:
        raise DerivaxError(
            f"the value of `{name}` is nested too deeply; expected a number or a JSON list "
            f"such as [1, 2, 3]"
        ) from None
    except ValueError as e:  # JSONDecodeError, and Python's limit of 4,300 digits for an integer
        why = "an integer with too many digits" if "digits" in str(e) else f"`{shown}`"
        raise DerivaxError(
            f"the value of `{name}` is {why}; expected a number or a JSON list such as [1, 2, 3]"
        ) from None
    if not _is_numeric(value):
        raise DerivaxError(
            f"the value of `{name}` must be a number or nested lists of numbers, got `{shown}`"
        )
    import numpy as np

    try:
        array = np.asarray(value, dtype=np.float64)
    except OverflowError:
        raise DerivaxError(
            f"the value of `{name}` has a number too large for float64 (`{shown}`); numbers "
            f"up to about 1.8e308 are accepted"
        ) from None
    except ValueError:
        raise DerivaxError(
            f"the value of `{name}` is a ragged list (`{shown}`): every row must have the same "
            f"length, as in [[1, 2], [3, 4]]"
        ) from None
    return value if array.ndim else float(array)


def _load_array(path: str, name: str):
    import numpy as np

    try:
        value = np.load(path, allow_pickle=False)
    except (OSError, ValueError) as e:
        raise DerivaxError(f"cannot read `{path}` for `{name}`: {e}") from None
    if not np.issubdtype(value.dtype, np.number):
        raise DerivaxError(f"`{path}` for `{name}` holds {value.dtype} values; expected numbers")
    return value


def _load_npz(path: str) -> dict[str, Any]:
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as data:
            return {k: _checked(data[k], f"{path}:{k}") for k in data.files}
    except (OSError, ValueError) as e:
        raise DerivaxError(
            f"cannot read `{path}`: {e}; expected a .npz file (numpy.savez)"
        ) from None


def _checked(value, where: str):
    import numpy as np

    if not np.issubdtype(value.dtype, np.number):
        raise DerivaxError(f"`{where}` holds {value.dtype} values; expected numbers")
    return value


def check_writable(path: str, force: bool):
    """The output ``path`` as a Path, or a DerivaxError if writing it would lose something or fail."""
    from pathlib import Path

    target = Path(path)
    if target.is_dir():
        raise DerivaxError(f"`{path}` is a directory; give a file name")
    if target.exists() and not force:
        raise DerivaxError(f"`{path}` exists; pass --force to replace it")
    if not target.parent.is_dir():
        raise DerivaxError(f"the folder of `{path}` does not exist")
    return target


def write_atomically(path: str, data: bytes, force: bool) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: an interrupted run leaves
    no half-written file, and an existing file is replaced only with ``force``."""
    import os
    import tempfile
    from pathlib import Path

    target = check_writable(path, force)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as e:
        raise DerivaxError(f"cannot write `{path}`: {e.strerror or e}") from None
    try:
        # mkstemp makes the file 0600; an output file gets the mode the umask gives, as with open()
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise DerivaxError(f"cannot write `{path}`: {e.strerror or e}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _is_numeric(v: Any) -> bool:
    if isinstance(v, bool):
        return False
    if isinstance(v, (int, float)):
        return True
    return isinstance(v, list) and len(v) > 0 and all(_is_numeric(u) for u in v)


def _eval(args: argparse.Namespace) -> int:
    import numpy as np

    if args.output and args.output != "-" and not args.output.endswith(".npy"):
        raise DerivaxError(f"`{args.output}`: eval writes .npy files; name the output FILE.npy")
    values = _load_npz(args.inputs) if args.inputs else {}
    values.update({k: _value(k, v) for k, v in _assignments(args.values, "--set").items()})
    define = _assignments(args.define, "--define")
    cat = _loaded(args)
    if args.target in cat:
        if args.symbols:
            raise DerivaxError(
                f"`{args.target}` is a catalog equation with its own symbol table; drop --symbols"
            )
        result = cat[args.target].evaluate(values, define)
    else:
        if _looks_like_id(args.target, cat):
            cat[args.target]  # raises the catalog's "no equation" error with suggestions
        from ._api import evaluate

        result = evaluate(args.target, values, args.symbols, define=define)
    if args.output:
        import io

        buffer = io.BytesIO()
        np.save(buffer, np.asarray(result), allow_pickle=False)
        if _write(args, buffer.getvalue()):
            return EXIT_OK
        shape = list(np.shape(result))
        _emit(
            args,
            {"output": args.output, "shape": shape},
            f"wrote {args.output} (shape {tuple(shape)})",
        )
        return EXIT_OK
    out = np.asarray(result).tolist()
    _emit(args, {"value": out}, _format(out))
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from ._verify import check

    if args.batch is not None:
        if args.claim is not None:
            raise DerivaxError("give a claim or --batch FILE, not both")
        return _check_batch(args)
    if args.claim is None:
        raise DerivaxError("give a claim to check, or --batch FILE.jsonl")
    if args.output or args.resume or args.scheduler or args.jobs is not None:
        raise DerivaxError("-o, --resume, --jobs and --scheduler go with --batch")
    if args.timeout <= 0:
        raise DerivaxError(f"--timeout must be positive, got {args.timeout}")
    verdict = check(args.claim, args.symbols, args.given, timeout=args.timeout)
    payload = {
        k: v
        for k, v in verdict.to_dict().items()
        if k in ("status", "method", "steps", "counterexample", "seconds")
    }
    payload.update({k: v for k, v in verdict.to_dict().items() if k not in payload})
    _emit(args, payload, verdict.to_text(latex=args.latex))
    return {"proved": EXIT_OK, "plausible": EXIT_OK, "refuted": EXIT_FAILED}.get(
        verdict.status, EXIT_UNDECIDED
    )


def _check_batch(args: argparse.Namespace) -> int:
    """``check --batch``: rows stream to OUT (or stdout), the summary comes last."""
    from ._batch_file import count_lines, dask_executor, run_batch
    from ._pool import WarmPool

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


def _grad(args: argparse.Namespace) -> int:
    from ._derive import derive
    from .latex import to_latex

    if args.timeout <= 0:
        raise DerivaxError(f"--timeout must be positive, got {args.timeout}")
    cat = _loaded(args)
    if args.target in cat:
        if args.symbols:
            raise DerivaxError(
                f"`{args.target}` is a catalog equation with its own symbol table; drop --symbols"
            )
        eq = cat[args.target]
        d = derive(eq.expression, args.wrt, eq.table, given=args.given, timeout=args.timeout)
    else:
        if _looks_like_id(args.target, cat):
            cat[args.target]
        d = derive(args.target, args.wrt, args.symbols, given=args.given, timeout=args.timeout)
    payload = {
        "latex": to_latex(d.result),
        "sympy": str(d.result),
        "wrt": str(d.wrt),
        "output_indices": [str(i) for i in d.output_indices],
        "checked": d.checked,
        "steps": [{"rule": s.rule, "latex": s.latex} for s in d.steps],
    }
    math = _math_printer(args)
    lines = [f"d/d{d.wrt} = {math(payload['latex'])}"]
    if d.output_indices:
        lines.append(f"  free indices: {', '.join(str(k) for k in d.output_indices)}")
    lines.append(f"  {d.checked}")
    lines.append("  steps:")
    lines.extend(f"    {s.rule}: {math(s.latex)}" for s in d.steps[:-1])
    _emit(args, payload, "\n".join(lines))
    return EXIT_OK


def _compile(args: argparse.Namespace) -> int:
    from ._compile import compile as build
    from ._compile import module_source

    cat = _loaded(args)
    if args.target in cat:
        if args.symbols:
            raise DerivaxError(
                f"`{args.target}` is a catalog equation with its own symbol table; drop --symbols"
            )
        eq = cat[args.target]
        cf = eq.compile()
        cf.latex = eq.latex
    else:
        if _looks_like_id(args.target, cat):
            cat[args.target]
        cf = build(args.target, symbols=args.symbols)
    if args.wrt is not None and cf.output_indices:
        raise DerivaxError(
            f"`--wrt` needs a scalar value; this one has output axes {', '.join(cf.output_indices)}"
        )
    source = module_source(cf, wrt=args.wrt)
    if _write(args, source.encode()):
        return EXIT_OK
    payload = {
        "output": args.output,
        "args": list(cf.plain_args),
        "names": list(cf.args),
        "output_indices": list(cf.output_indices),
    }
    _emit(
        args,
        payload,
        f"wrote {args.output}: f({', '.join(cf.plain_args)})"
        + (f" and grad_f with respect to {args.wrt}" if args.wrt else ""),
    )
    return EXIT_OK


def _math_printer(args: argparse.Namespace):
    """How a command prints a formula: readable Unicode text, or the LaTeX with ``--latex``."""
    from ._text import latex_to_text

    return (lambda latex: latex) if getattr(args, "latex", False) else latex_to_text


def _looks_like_id(text: str, cat=None) -> bool:
    """An equation id (``kl_divergence``), or a word close to one (``softmx``): not LaTeX to read."""
    if text.replace("_", "").isalnum() and "_" in text and text.islower():
        return True
    if cat is not None and text.isalpha() and text.islower() and len(text) >= 4:
        import difflib

        return bool(difflib.get_close_matches(text, list(cat), n=1, cutoff=0.8))
    return False


def _format(v: Any) -> str:
    if isinstance(v, list):
        return json.dumps(v)
    return repr(float(v))


# -- verify ---------------------------------------------------------------------------------------
def _verify(args: argparse.Namespace) -> int:
    from ._passes import run

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
                f"({found.seconds:.1f} s)",
                file=sys.stderr,
                flush=True,
            )

    found = run(eqs, args.timeout, jobs, on_step=progress.step, on_equation=report)
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
        "seconds": round(sum(r["seconds"] for r in results), 2),
    }
    lines = _verify_table(results, _math_printer(args))
    lines.append("")
    lines.append(
        f"{summary['parsed']}/{summary['equations']} equations parsed; "
        f"{summary['examples_ok']}/{summary['examples']} worked examples match (relative error <= 1e-9, float64); "
        f"{summary['claims_as_expected']}/{summary['claims']} claims got their expected verdict; "
        f"{summary['stated_derivatives_ok']}/{summary['stated_derivatives']} stated derivatives match derivax's "
        f"({summary['seconds']:.1f} s)."
    )
    if failed:
        lines.append(f"FAILED: {', '.join(summary['failed'])}")
    _emit(args, {"summary": summary, "results": results}, "\n".join(lines))
    return EXIT_FAILED if failed else EXIT_OK


class _Progress:
    """A one-line progress bar on a terminal (nothing when output is piped or JSON)."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.done, self.enabled = total, 0, enabled

    def step(self, label: str) -> None:
        self.done += 1
        if self.enabled:
            width = 30
            filled = int(width * self.done / max(self.total, 1))
            bar = "#" * filled + "-" * (width - filled)
            print(
                f"\r[{bar}] {self.done}/{self.total} {label[:40]:<40}",
                end="",
                file=sys.stderr,
                flush=True,
            )

    def close(self) -> None:
        if self.enabled:
            print("\r" + " " * 90 + "\r", end="", file=sys.stderr, flush=True)


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
                ("", verdict, f"{d['seconds']:.2f}", f"stated d/d{d['wrt']}: {math(d['stated'])}")
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


def _short(text: str, n: int) -> str:
    """``text`` on one line, cut to ``n`` characters with an ellipsis (rows that carry their own
    file:line position, so a cut never makes two rows look alike)."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def _jobs(args: argparse.Namespace) -> int:
    """``--jobs N`` (default: every core)."""
    import os

    jobs = args.jobs if args.jobs is not None else os.cpu_count() or 1
    if jobs < 1:
        raise DerivaxError(f"--jobs must be at least 1, got `{jobs}`")
    return jobs


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


def _selection(args: argparse.Namespace) -> list:
    """The equations a command names: ids, or every one with --all (never both, never neither)."""
    cat = _loaded(args)
    if args.all and args.ids:
        raise DerivaxError("give equation ids or --all, not both")
    if not args.all and not args.ids:
        raise DerivaxError("name the equations, or pass --all")
    if args.timeout <= 0:
        raise DerivaxError(f"--timeout must be positive, got {args.timeout}")
    if args.all and getattr(args, "catalog", None):
        from ._catalog import load_catalog

        return [cat[i] for i in load_catalog(args.catalog)]
    return list(cat.values()) if args.all else [cat[i] for i in args.ids]


def _export(args: argparse.Namespace) -> int:
    from ._export import document, pdflatex, steps_per_equation
    from ._passes import equation_report, run

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

    from ._catalog import skeleton

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


def _check_doc(args: argparse.Namespace) -> int:
    from ._documents import check_document

    if bool(args.fmt) != bool(args.output):
        raise DerivaxError("--format and -o go together: `--format md -o checked.md`")
    if args.fmt and len(args.files) != 1:
        raise DerivaxError("--format annotates one document; give one FILE")
    if args.fmt and args.output != "-":
        check_writable(args.output, args.force)
    links = []
    for f in args.files:
        links += check_document(f, args.symbols, args.given, timeout=args.timeout)
    if args.fmt:
        from ._documents import annotate

        text = annotate(args.files[0], links, "tex" if args.fmt == "pdf" else args.fmt)
        if args.fmt == "pdf":
            from ._export import to_pdf

            data = to_pdf(text)
        else:
            data = text.encode("utf-8")
        if _write(args, data):
            return EXIT_FAILED if any(link.status == "refuted" for link in links) else EXIT_OK
    statuses = [link.status for link in links]
    summary = {s: statuses.count(s) for s in dict.fromkeys(statuses)}
    rows = [("file:line", "step", "verdict", "method or reason")]
    for link in links:
        step = link.claim if link.relation else link.lhs
        rows.append(
            (
                f"{link.file}:{link.line}",
                _short(step, 60),
                link.status.upper() if link.status == "refuted" else link.status,
                _short(link.method or link.reason, 60),
            )
        )
    widths = [max(len(r[k]) for r in rows) for k in range(4)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    for link in links:
        if link.status == "refuted":
            lines.append(
                f"{link.file}:{link.line}: refuted `{link.claim}`"
                + (
                    f" at {json.dumps(link.counterexample, ensure_ascii=False)}"
                    if link.counterexample
                    else ""
                )
            )
        elif link.status == "unread":
            lines.append(f"{link.file}:{link.line}: unread `{link.claim.strip()}`: {link.reason}")
    lines.append("")
    lines.append(", ".join(f"{n} {s}" for s, n in summary.items()) or "no display math found")
    _emit(args, {"links": [link.to_dict() for link in links], "summary": summary}, "\n".join(lines))
    if "refuted" in statuses:
        return EXIT_FAILED
    if any(s in ("unread", "unknown", "timeout") for s in statuses):
        return EXIT_UNDECIDED
    return EXIT_OK


def _plot(args: argparse.Namespace) -> int:
    from ._plot import output_format, plot, plot_equation, save

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


_COMMANDS = {
    "check-doc": _check_doc,
    "list": _list,
    "show": _show,
    "parse": _parse,
    "grad": _grad,
    "check": _check,
    "eval": _eval,
    "compile": _compile,
    "verify": _verify,
    "export": _export,
    "new": _new,
    "plot": _plot,
}

if __name__ == "__main__":
    raise SystemExit(main())
