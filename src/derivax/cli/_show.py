"""Reading commands: ``list`` the catalog, ``show`` one equation, ``parse`` LaTeX."""

from __future__ import annotations

import argparse
import json

from ._options import add_catalog, add_symbols, command
from ._output import EXIT_OK, _emit, _math_printer
from ._targets import _loaded


def add_list(sub: argparse._SubParsersAction) -> None:
    c = command(
        sub,
        "list",
        "list the catalog's equations",
        _list,
        examples=["derivax list --area information", "derivax list --catalog mycat --json"],
    )
    c.add_argument("--area", help="only this area (probability, information, losses, ...)")
    add_catalog(c)


def add_show(sub: argparse._SubParsersAction) -> None:
    c = command(
        sub,
        "show",
        "show one equation: LaTeX, symbol table, SymPy form, examples, checks",
        _show,
        syntax=["ID is a catalog equation's id, as `derivax list` prints it."],
        examples=["derivax show kl_divergence", "derivax show softmax --latex"],
        math=True,
    )
    c.add_argument("id", metavar="ID")
    add_catalog(c)


def add_parse(sub: argparse._SubParsersAction) -> None:
    c = command(
        sub,
        "parse",
        "parse LaTeX and show the reading derivax chose",
        _parse,
        syntax=[
            "LATEX is an expression or a relation as written in a paper; the reading rules "
            "derivax applied, and the names it read with the default, are listed."
        ],
        examples=[
            "derivax parse 'P(A \\mid B) = \\frac{P(B \\mid A) P(A)}{P(B)}' --symbols 'P: function'",
            "derivax parse '\\sum_{i=1}^{n} x_i^2' -s 'x: vector[n]; i: index; n: dim'",
        ],
        symbols=True,
    )
    c.add_argument("latex", metavar="LATEX")
    add_symbols(c)


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

    from ..latex import reading, to_latex
    from ..symbols import SymbolTable

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
