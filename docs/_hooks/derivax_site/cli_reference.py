"""The command-line reference, generated from derivax's own argument parser: every command, every
flag, with its help text, so that the page cannot drift from ``derivax --help``."""

from __future__ import annotations

import argparse


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def commands() -> dict[str, argparse.ArgumentParser]:
    """Every ``derivax`` command and its parser, in the order ``--help`` lists them."""
    from derivax.cli import _parser

    return _subcommands(_parser())


def _cell(text: str) -> str:
    return text.replace("|", r"\|").replace("\n", " ")


def _flags(action: argparse.Action) -> str:
    if not action.option_strings:
        return f"`{action.metavar or action.dest}`"
    shown = ", ".join(f"`{s}`" for s in action.option_strings)
    if action.nargs != 0:
        metavar = action.metavar or action.dest.upper()
        shown += f" `{metavar}`"
    return shown


def _details(action: argparse.Action) -> str:
    bits = [action.help or ("positional argument" if not action.option_strings else "")]
    if action.choices and not isinstance(action.choices, dict):
        bits.append("one of " + ", ".join(f"`{c}`" for c in action.choices))
    if action.required and action.option_strings:
        bits.append("required")
    if isinstance(action, argparse._AppendAction):
        bits.append("repeatable")
    if action.default not in (None, False, [], argparse.SUPPRESS) and action.nargs != 0:
        bits.append(f"default `{action.default}`")
    if action.nargs in ("*", "+"):
        bits.append("zero or more" if action.nargs == "*" else "one or more")
    return _cell("; ".join(b for b in bits if b))


def _table(parser: argparse.ArgumentParser) -> list[str]:
    rows = ["| argument | meaning |", "| --- | --- |"]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            continue
        rows.append(f"| {_flags(action)} | {_details(action)} |")
    return rows


def cli_markdown() -> str:
    """The page: the top-level usage, then one section per command."""
    from derivax.cli import _parser

    top = _parser()
    out = [
        "# Command line",
        "",
        "Generated from `derivax`'s argument parser at build time. Every command takes `--json`: "
        "every outcome, errors included, is then one JSON object on stdout. Exit codes: 0 success "
        "(for `check`: proved or plausible), 1 refuted or failed, 2 bad input (one paragraph "
        "naming the culprit, no traceback), 3 unknown or timeout.",
        "",
        "```text",
        top.format_usage().strip(),
        "```",
        "",
        *_table(top),
        "",
    ]
    for name, parser in commands().items():
        out += [
            f"## `derivax {name}` {{#{name}}}",
            "",
            _cell(parser.description or ""),
            "",
            "```text",
            parser.format_usage().strip(),
            "```",
            "",
            *_table(parser),
            "",
            # the syntax of the arguments, the symbol table, exit codes, examples: as --help
            *(["```text", parser.epilog.strip(), "```", ""] if parser.epilog else []),
        ]
    return "\n".join(out)
