"""The argument parser: the commands, each declared beside its handler, and usage errors that say
what was probably meant (the CLI reference is made from this parser)."""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

from ._options import HelpFormatter
from ._output import EXIT_BAD_INPUT


def _near(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean `check`?)`` for the choice closest to ``word``, or nothing."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own usage errors: same shape, exit 2
        self.print_usage(sys.stderr)
        print(f"derivax: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        # a mistyped command or choice names the one probably meant
        if action.choices is not None and value not in action.choices:
            choices = [str(c) for c in action.choices]
            if isinstance(action, argparse._SubParsersAction):
                what = f"unknown command `{value}`{_near(str(value), choices)}"
                raise argparse.ArgumentError(
                    None, f"{what} (commands: {', '.join(choices)}; `derivax COMMAND --help`)"
                )
            raise argparse.ArgumentError(
                action,
                f"invalid choice `{value}`{_near(str(value), choices)} "
                f"(choose from {', '.join(choices)})",
            )

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        parsed, extra = self.parse_known_args(args, namespace)
        if extra:
            here = _command_parser(self, getattr(parsed, "command", None)) or self
            here.error(_unrecognized(extra, here))
        return parsed


def _command_parser(top: argparse.ArgumentParser, name: str | None):
    for action in top._actions:
        if isinstance(action, argparse._SubParsersAction) and name in action.choices:
            return action.choices[name]
    return None


def _unrecognized(extra: Sequence[str], parser: argparse.ArgumentParser) -> str:
    """What in ``extra`` the command does not take, with the option probably meant (the value
    after a mistyped option is that option's, not an argument of its own)."""
    options = [s for a in parser._actions for s in a.option_strings if s.startswith("--")]
    said, stray, after_option = [], [], False
    for word in extra:
        if word.startswith("-"):
            close = difflib.get_close_matches(word.split("=")[0], options, n=1, cutoff=0.6)
            said.append(f"`{word}`" + (f" (did you mean `{close[0]}`?)" if close else ""))
            after_option = "=" not in word
        elif not after_option:
            stray.append(f"`{word}`")
        else:
            after_option = False
    name = f"`derivax {parser.prog.split()[-1]}`"
    parts = [f"{name} has no option " + ", ".join(said)] if said else []
    if stray:
        many = any(a.nargs in ("+", "*") and not a.option_strings for a in parser._actions)
        hint = (
            "give them before the options"
            if many
            else "quote a claim or a formula with spaces as one argument"
        )
        parts.append(f"{name} takes no more arguments: {', '.join(stray)} ({hint})")
    return "; ".join(parts)


def _parser() -> argparse.ArgumentParser:
    from .. import __version__
    from ._check import add_check, add_check_doc
    from ._compute import add_compile, add_eval, add_grad
    from ._publish import add_export, add_new, add_plot
    from ._show import add_list, add_parse, add_show
    from ._verify import add_verify

    p = _Parser(
        prog="derivax",
        description="ML equations written once in LaTeX: parsed to SymPy, differentiated, verified "
        "(proved, refuted or plausible) and compiled to JAX. `derivax COMMAND --help` gives a "
        "command's syntax, the symbol table, its exit codes and examples.",
        formatter_class=HelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"derivax {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="COMMAND")
    for add in (
        add_list,
        add_show,
        add_parse,
        add_grad,
        add_eval,
        add_compile,
        add_check,
        add_verify,
        add_export,
        add_new,
        add_check_doc,
        add_plot,
    ):
        add(sub)
    return p
