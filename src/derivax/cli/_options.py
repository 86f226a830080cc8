"""What every command's parser shares: its options and the help that teaches (the syntax of its
arguments, the symbol table's kinds and qualifiers, its exit codes, two examples).

Each command declares its parser beside its handler (``add_check`` next to ``_check``) through
``command``; ``_arguments._parser`` puts them together.
"""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Callable, Sequence

from ._output import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, EXIT_UNDECIDED

#: the exit codes of a command that answers or refuses its input
EXITS_PLAIN = {EXIT_OK: "done", EXIT_BAD_INPUT: "bad input: the message names the culprit"}

#: the exit codes of a command that decides claims (DESIGN: `check --json`)
EXITS_VERDICT = {
    EXIT_OK: "proved or plausible",
    EXIT_FAILED: "refuted: a counterexample is printed",
    EXIT_BAD_INPUT: "bad input: the message names the culprit (no traceback)",
    EXIT_UNDECIDED: "unknown or timeout",
}

#: what a claim is written as; each relation is one derivax reads (a test parses every one)
CLAIM_SYNTAX = (
    "CLAIM is one relation in LaTeX, `LEFT REL RIGHT`, with REL one of =, \\ne, <, >, \\le, "
    "\\ge (or \\neq, \\leq, \\geq). Quote it for the shell: 'e^{a+b} = e^a e^b'. "
    "\\approx, \\simeq, \\ll and \\gg are relations derivax does not decide. "
    "A \\propto B (or A \\propto_{x} B) claims the sides differ by a factor free of x "
    "(written under the sign, a density's variable, or the one letter both sides hold)."
)


class HelpFormatter(argparse.HelpFormatter):
    """Paragraphs are wrapped to the terminal; lines indented by two spaces (a table, an example
    command) are kept as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        out: list[str] = []
        for block in text.split("\n"):
            if block.startswith("  ") or not block.strip():
                out.append(indent + block)
            else:
                out.append(
                    textwrap.fill(
                        block,
                        width,
                        initial_indent=indent,
                        subsequent_indent=indent,
                        break_on_hyphens=False,
                        break_long_words=False,
                    )
                )
        return "\n".join(out)


def symbol_table_help() -> str:
    """The symbol table's syntax, kinds and qualifiers, read from ``derivax.symbols`` (so that
    ``--help`` cannot drift from what the table accepts)."""
    from ..symbols import FAMILY_KINDS, FUNCTION_QUALIFIERS, KINDS, QUALIFIERS, RANDOM_QUALIFIERS

    shapes = {0: "", 1: "[n]", 2: "[m, n]"}
    # a family's argument is its data matrix: x_i: column[X]
    kinds = [f"{k}[X]" if k in FAMILY_KINDS else f"{k}{shapes[n]}" for k, n in KINDS.items()]
    if "random" in KINDS:  # a random scalar, or a vector of random variables
        kinds[list(KINDS).index("random")] = "random, random[n]"
    if "labels" in KINDS:  # m class labels, whole numbers in 1..k
        kinds[list(KINDS).index("labels")] = "labels[m, k]"
    if "label" in KINDS:  # one class label, a whole number in 1..k
        kinds[list(KINDS).index("label")] = "label[k]"
    qualifiers = [
        f"{q} (random only)"
        if q in RANDOM_QUALIFIERS
        else f"{q} (function only)"
        if q in FUNCTION_QUALIFIERS
        else q
        for q in QUALIFIERS
    ]

    def row(label: str, items: Sequence[str]) -> str:
        return textwrap.fill(
            ", ".join(items),
            78,
            initial_indent=f"  {label:<13}",
            subsequent_indent=" " * 15,
            break_on_hyphens=False,
        )

    return "\n".join(
        [
            "symbol table (--symbols): entries `NAMES: KIND[, QUALIFIER ...]` separated by `;`; "
            "a name is written as in the LaTeX (\\alpha, \\hat{y}) or plainly (alpha); an "
            "undeclared name is a real scalar.",
            row("kinds:", kinds),
            row("qualifiers:", qualifiers),
            '  for example: "x: vector[n]; W: matrix[m, n]; alpha, eta: scalar, positive;',
            '               i: index; n: dim"',
        ]
    )


def exit_codes_help(exits: dict[int, str]) -> str:
    return "\n".join(["exit codes:", *(f"  {code}  {what}" for code, what in exits.items())])


def epilog(
    syntax: Sequence[str], exits: dict[int, str], examples: Sequence[str], symbols: bool
) -> str:
    """The text after a command's options: syntax, symbol table, exit codes, examples."""
    parts = [*syntax]
    if symbols:
        parts.append(symbol_table_help())
    parts.append(exit_codes_help(exits))
    parts.append("\n".join(["examples:", *(f"  {e}" for e in examples)]))
    return "\n\n".join(parts)


def command(
    sub: argparse._SubParsersAction,
    name: str,
    summary: str,
    run: Callable[[argparse.Namespace], int],
    *,
    examples: Sequence[str],
    exits: dict[int, str] = EXITS_PLAIN,
    syntax: Sequence[str] = (),
    symbols: bool = False,
    math: bool = False,
) -> argparse.ArgumentParser:
    """A command's parser with ``--json`` (and ``--latex`` where it prints ``math``), its help
    and its handler ``run``."""
    c = sub.add_parser(
        name,
        help=summary,
        description=summary,
        epilog=epilog(syntax, exits, examples, symbols),
        formatter_class=HelpFormatter,
    )
    c.set_defaults(run=run)
    c.add_argument("--json", action="store_true", help="print JSON instead of text")
    if math:
        c.add_argument(
            "--latex",
            action="store_true",
            help="print formulas as LaTeX (the default is readable Unicode text)",
        )
    return c


def add_symbols(c: argparse.ArgumentParser, help: str = "symbol table (see below)") -> None:
    c.add_argument("--symbols", "-s", metavar="TABLE", help=help)


def add_given(c: argparse.ArgumentParser, what: str = "a definition or assumption") -> None:
    c.add_argument(
        "--given",
        action="append",
        default=[],
        metavar="CLAIM",
        help=f"{what}, e.g. --given 'a = \\sigma(z)' or --given 'x \\ge 0' (repeatable)",
    )


def add_timeout(c: argparse.ArgumentParser, what: str) -> None:
    c.add_argument(
        "--timeout", type=float, default=10.0, metavar="SEC", help=f"{what} (default 10 s)"
    )


def add_no_cache(c: argparse.ArgumentParser) -> None:
    c.add_argument(
        "--no-cache",
        action="store_true",
        help="decide every claim afresh: neither read nor write the verdict cache "
        "($DERIVAX_CACHE names its folder; off turns it off)",
    )


def add_force(c: argparse.ArgumentParser, what: str = "an existing output file") -> None:
    c.add_argument("--force", action="store_true", help=f"replace {what}")


def add_jobs(c: argparse.ArgumentParser) -> None:
    c.add_argument(
        "--jobs",
        "-j",
        type=int,
        metavar="N",
        help="worker processes (default: one per core; 1 runs everything in this process)",
    )


def add_catalog(c: argparse.ArgumentParser) -> None:
    """``--catalog DIR`` (repeatable) on a command that reads the catalog."""
    c.add_argument(
        "--catalog",
        action="append",
        default=[],
        metavar="DIR",
        help="also load the equations of a catalog of your own: a directory of *.toml files or one "
        "file (repeatable; ids must be unique); with --all, only these catalogs' equations",
    )
