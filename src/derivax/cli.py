"""The command line: ``derivax list | show | parse | grad | eval | compile | verify``, each with ``--json``.

Bad input prints one paragraph naming the culprit (no traceback) and exits with code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from typing import Any

from ._errors import DerivaxError

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own usage errors: same shape, exit 2
        self.print_usage(sys.stderr)
        print(f"derivax: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="derivax",
        description="ML equations written once in LaTeX: parsed to SymPy, evaluated with JAX, "
                    "checked against worked examples.",
    )
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        c = sub.add_parser(name, help=help, description=help)
        c.add_argument("--json", action="store_true", help="print JSON instead of text")
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
    c.add_argument("--wrt", required=True, metavar="NAME", help="the variable (LaTeX or plain name)")
    c.add_argument("--symbols", "-s", help="symbol table for a LaTeX expression")
    c.add_argument("--given", action="append", default=[], metavar="DEFINITION",
                   help=r'a definition to substitute first, e.g. --given "a = \sigma(z)"')
    c.add_argument("--timeout", type=float, default=10.0, metavar="SEC", help="budget for simplification")

    c = command("eval", "evaluate a catalog equation or a LaTeX expression at given inputs")
    c.add_argument("target", metavar="ID_OR_LATEX")
    c.add_argument("--set", dest="values", action="append", default=[], metavar="NAME=VALUE",
                   help='an input: a JSON number or nested list, e.g. --set "z=[1,2,3]"')
    c.add_argument("--define", action="append", default=[], metavar="F(X)=LATEX",
                   help=r'define an unspecified function, e.g. --define "f(x)=e^{-x^2}"')
    c.add_argument("--symbols", "-s", help="symbol table for a LaTeX expression")
    c.add_argument("--inputs", metavar="FILE.npz", help="inputs from a .npz file, one array per name")
    c.add_argument("-o", "--output", metavar="FILE.npy", help="write the value to a .npy file")
    c.add_argument("--force", action="store_true", help="replace an existing output file")

    c = command("compile", "write a standalone Python module (imports only jax) for an equation")
    c.add_argument("target", metavar="ID_OR_LATEX")
    c.add_argument("--wrt", metavar="NAME", help="also write grad_f, the gradient with respect to NAME")
    c.add_argument("--symbols", "-s", help="symbol table for a LaTeX expression")
    c.add_argument("-o", "--output", required=True, metavar="FILE.py")
    c.add_argument("--force", action="store_true", help="replace an existing output file")

    c = command("verify", "check that catalog equations parse and their worked examples hold")
    c.add_argument("ids", nargs="*", metavar="ID")
    c.add_argument("--all", action="store_true", help="every equation in the catalog")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except DerivaxError as e:
        print(f"derivax: error: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("derivax: interrupted", file=sys.stderr)
        return 130


def _emit(args: argparse.Namespace, payload: Any, text: str) -> None:
    if args.json:
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        print(text)


# -- list / show ----------------------------------------------------------------------------------
def _list(args: argparse.Namespace) -> int:
    from ._catalog import catalog

    cat = catalog()
    eqs = cat.by_area(args.area) if args.area else list(cat.values())
    rows = [{"id": e.id, "area": e.area, "title": e.title, "summary": e.summary} for e in eqs]
    width = max((len(r["id"]) for r in rows), default=2)
    awidth = max((len(r["area"]) for r in rows), default=4)
    text = "\n".join(f"{r['id']:<{width}}  {r['area']:<{awidth}}  {r['title']}" for r in rows)
    _emit(args, rows, text)
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    import sympy

    from ._catalog import catalog

    eq = catalog()[args.id]
    expr = eq.expression
    symbols = [
        {"name": d.name, "plain": d.plain, "kind": d.kind, "shape": list(d.shape),
         "qualifiers": sorted(d.qualifiers)}
        for d in eq.table.values()
    ]
    payload = {
        "id": eq.id, "title": eq.title, "area": eq.area, "summary": eq.summary,
        "latex": eq.latex, "symbols": symbols, "symbols_text": eq.symbols,
        "sympy": str(expr), "srepr": sympy.srepr(expr),
        "examples": [{"set": x.set, "expect": x.expect, **({"define": x.define} if x.define else {})}
                     for x in eq.examples],
        "checks": [{"claim": c.claim, "expect": c.expect, "given": list(c.given)} for c in eq.checks],
        "derivatives": [{"wrt": d.wrt, "latex": d.latex} for d in eq.derivatives],
    }
    lines = [f"{eq.id} — {eq.title} ({eq.area})", f"  {eq.summary}", "", f"  LaTeX:  {eq.latex}",
             f"  SymPy:  {expr}", "", "  symbols (LaTeX name / plain name: kind):"]
    for s in symbols:
        kind = s["kind"] + (f"[{', '.join(s['shape'])}]" if s["shape"] else "")
        quals = f", {', '.join(s['qualifiers'])}" if s["qualifiers"] else ""
        lines.append(f"    {s['name']:<28} {s['plain']:<20} {kind}{quals}")
    lines.append("")
    lines.append("  examples:")
    for x in eq.examples:
        lines.append(f"    {json.dumps(x.set, ensure_ascii=False)}  ->  {json.dumps(x.expect)}")
    if eq.checks:
        lines.append("  checks:")
        lines.extend(f"    [{c.expect}] {c.claim}" for c in eq.checks)
    if eq.derivatives:
        lines.append("  derivatives:")
        lines.extend(f"    d/d{d.wrt}: {d.latex}" for d in eq.derivatives)
    _emit(args, payload, "\n".join(lines))
    return EXIT_OK


# -- parse ----------------------------------------------------------------------------------------
def _parse(args: argparse.Namespace) -> int:
    import sympy

    from .latex import read, to_latex
    from .symbols import SymbolTable

    table = SymbolTable.coerce(args.symbols)
    expr, undeclared = read(args.latex, table)
    payload = {"sympy": str(expr), "srepr": sympy.srepr(expr), "latex": to_latex(expr, table),
               "undeclared": undeclared}
    lines = [f"SymPy:  {expr}", f"LaTeX:  {payload['latex']}"]
    if undeclared:
        lines.append("undeclared names (read with the default; declare them with --symbols):")
        lines.extend(f"  {name}: {reading}" for name, reading in undeclared.items())
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
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        raise DerivaxError(
            f"the value of `{name}` is `{text}`; expected a number or a JSON list such as [1, 2, 3]"
        ) from None
    if not _is_numeric(value):
        raise DerivaxError(f"the value of `{name}` must be a number or nested lists of numbers, got `{text}`")
    return value


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
        raise DerivaxError(f"cannot read `{path}`: {e}; expected a .npz file (numpy.savez)") from None


def _checked(value, where: str):
    import numpy as np

    if not np.issubdtype(value.dtype, np.number):
        raise DerivaxError(f"`{where}` holds {value.dtype} values; expected numbers")
    return value


def write_atomically(path: str, data: bytes, force: bool) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: an interrupted run leaves
    no half-written file, and an existing file is replaced only with ``force``."""
    import os
    import tempfile
    from pathlib import Path

    target = Path(path)
    if target.exists() and not force:
        raise DerivaxError(f"`{path}` exists; pass --force to replace it")
    if target.is_dir():
        raise DerivaxError(f"`{path}` is a directory; give a file name")
    if not target.parent.is_dir():
        raise DerivaxError(f"the folder of `{path}` does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
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

    from ._catalog import catalog

    if args.output and not args.output.endswith(".npy"):
        raise DerivaxError(f"`{args.output}`: eval writes .npy files; name the output FILE.npy")
    values = _load_npz(args.inputs) if args.inputs else {}
    values.update({k: _value(k, v) for k, v in _assignments(args.values, "--set").items()})
    define = _assignments(args.define, "--define")
    cat = catalog()
    if args.target in cat:
        if args.symbols:
            raise DerivaxError(f"`{args.target}` is a catalog equation with its own symbol table; "
                               f"drop --symbols")
        result = cat[args.target].evaluate(values, define)
    else:
        if define:
            raise DerivaxError("--define applies to catalog equations only, for now")
        if _looks_like_id(args.target):
            cat[args.target]  # raises the catalog's "no equation" error with suggestions
        from ._api import evaluate

        result = evaluate(args.target, values, args.symbols)
    if args.output:
        import io

        buffer = io.BytesIO()
        np.save(buffer, np.asarray(result), allow_pickle=False)
        write_atomically(args.output, buffer.getvalue(), args.force)
        shape = list(np.shape(result))
        _emit(args, {"output": args.output, "shape": shape}, f"wrote {args.output} (shape {tuple(shape)})")
        return EXIT_OK
    out = np.asarray(result).tolist()
    _emit(args, {"value": out}, _format(out))
    return EXIT_OK


def _grad(args: argparse.Namespace) -> int:
    from ._catalog import catalog
    from ._derive import derive
    from .latex import to_latex

    if args.timeout <= 0:
        raise DerivaxError(f"--timeout must be positive, got {args.timeout}")
    cat = catalog()
    if args.target in cat:
        if args.symbols:
            raise DerivaxError(f"`{args.target}` is a catalog equation with its own symbol table; drop --symbols")
        eq = cat[args.target]
        d = derive(eq.expression, args.wrt, eq.table, given=args.given, timeout=args.timeout)
    else:
        if _looks_like_id(args.target):
            cat[args.target]
        d = derive(args.target, args.wrt, args.symbols, given=args.given, timeout=args.timeout)
    payload = {
        "latex": to_latex(d.result), "sympy": str(d.result), "wrt": str(d.wrt),
        "output_indices": [str(i) for i in d.output_indices], "checked": d.checked,
        "steps": [{"rule": s.rule, "latex": s.latex} for s in d.steps],
    }
    lines = [f"d/d{d.wrt} = {payload['latex']}"]
    if d.output_indices:
        lines.append(f"  free indices: {', '.join(payload['output_indices'])}")
    lines.append(f"  {d.checked}")
    lines.append("  steps:")
    lines.extend(f"    {s.rule}: {s.latex}" for s in d.steps[:-1])
    _emit(args, payload, "\n".join(lines))
    return EXIT_OK


def _compile(args: argparse.Namespace) -> int:
    from ._catalog import catalog
    from ._compile import compile as build
    from ._compile import module_source

    cat = catalog()
    if args.target in cat:
        if args.symbols:
            raise DerivaxError(f"`{args.target}` is a catalog equation with its own symbol table; drop --symbols")
        eq = cat[args.target]
        cf = eq.compile()
        cf.latex = eq.latex
    else:
        if _looks_like_id(args.target):
            cat[args.target]
        cf = build(args.target, symbols=args.symbols)
    if args.wrt is not None and cf.output_indices:
        raise DerivaxError(f"`--wrt` needs a scalar value; this one has output axes {', '.join(cf.output_indices)}")
    source = module_source(cf, wrt=args.wrt)
    write_atomically(args.output, source.encode(), args.force)
    payload = {"output": args.output, "args": list(cf.plain_args), "names": list(cf.args),
               "output_indices": list(cf.output_indices)}
    _emit(args, payload, f"wrote {args.output}: f({', '.join(cf.plain_args)})"
          + (f" and grad_f with respect to {args.wrt}" if args.wrt else ""))
    return EXIT_OK


def _looks_like_id(text: str) -> bool:
    return text.replace("_", "").isalnum() and "_" in text and text.islower()


def _format(v: Any) -> str:
    if isinstance(v, list):
        return json.dumps(v)
    return repr(float(v))


# -- verify ---------------------------------------------------------------------------------------
def _verify(args: argparse.Namespace) -> int:
    from ._catalog import catalog

    cat = catalog()
    if args.all and args.ids:
        raise DerivaxError("give equation ids or --all, not both")
    if not args.all and not args.ids:
        raise DerivaxError("name the equations to verify, or pass --all")
    eqs = list(cat.values()) if args.all else [cat[i] for i in args.ids]
    results = []
    tty = sys.stderr.isatty() and not args.json
    for n, eq in enumerate(eqs, 1):
        if tty:
            print(f"\r[{n}/{len(eqs)}] {eq.id:<40}", end="", file=sys.stderr, flush=True)
        results.append(_verify_one(eq))
    if tty:
        print("\r" + " " * 60 + "\r", end="", file=sys.stderr)
    failed = [r for r in results if not r["ok"]]
    n_examples = sum(len(r["examples"]) for r in results)
    n_checks = sum(r["checks_pending"] for r in results)
    summary = {
        "equations": len(results), "parsed": sum(r["parsed"] for r in results),
        "examples": n_examples, "examples_ok": sum(x["ok"] for r in results for x in r["examples"]),
        "checks_not_run": n_checks, "failed": [r["id"] for r in failed],
    }
    lines = []
    for r in results:
        mark = "ok  " if r["ok"] else "FAIL"
        ex_ok = sum(x["ok"] for x in r["examples"])
        lines.append(f"{mark}  {r['id']:<28} parsed: {'yes' if r['parsed'] else 'NO '}  "
                     f"examples: {ex_ok}/{len(r['examples'])}  ({r['seconds']:.2f} s)")
        if r["error"]:
            lines.append(f"      {r['error']}")
        for x in r["examples"]:
            if not x["ok"]:
                lines.append(f"      example {x['index']}: {x['error']} (got {x['got']}, expected {x['expected']})")
    lines.append("")
    lines.append(
        f"{summary['parsed']}/{summary['equations']} equations parsed; "
        f"{summary['examples_ok']}/{summary['examples']} worked examples match (relative error <= 1e-9, float64)."
    )
    lines.append(f"{n_checks} catalog claims were not checked: the verification engine (derivax check) "
                 f"does not run them yet.")
    if failed:
        lines.append(f"FAILED: {', '.join(summary['failed'])}")
    _emit(args, {"summary": summary, "results": results}, "\n".join(lines))
    return EXIT_FAILED if failed else EXIT_OK


def _verify_one(eq) -> dict[str, Any]:
    start = time.perf_counter()
    record: dict[str, Any] = {"id": eq.id, "parsed": False, "examples": [], "error": "",
                              "checks_pending": len(eq.checks)}
    try:
        eq.expression
        record["parsed"] = True
    except DerivaxError as e:
        record["error"] = f"does not parse: {e}"
    if record["parsed"]:
        for r in eq.run_examples():
            record["examples"].append({"index": r.index, "ok": r.ok, "expected": r.expected, "got": r.got,
                                       "error": r.error, "max_rel_error": r.max_rel_error})
    record["ok"] = record["parsed"] and all(x["ok"] for x in record["examples"])
    record["seconds"] = round(time.perf_counter() - start, 3)
    return record


_COMMANDS = {"list": _list, "show": _show, "parse": _parse, "grad": _grad, "eval": _eval,
             "compile": _compile, "verify": _verify}

if __name__ == "__main__":
    raise SystemExit(main())
