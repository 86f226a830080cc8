"""The command line: ``derivax list | show | parse | grad | check | eval | compile | verify | export |
new | check-doc | plot``, each with ``--json``.

Bad input prints one paragraph naming the culprit (no traceback) and exits with code 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .._budget import require_budget
from .._errors import DerivaxError, translate
from ._arguments import _parser as _parser
from ._output import EXIT_BAD_INPUT as EXIT_BAD_INPUT
from ._output import EXIT_FAILED as EXIT_FAILED
from ._output import EXIT_OK as EXIT_OK
from ._output import EXIT_UNDECIDED as EXIT_UNDECIDED
from ._output import _emit, _stdout_gone
from ._output import check_writable as check_writable
from ._output import write_atomically as write_atomically


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if hasattr(args, "timeout"):
            try:
                args.timeout = require_budget(args.timeout)  # the words every entry gives
            except DerivaxError as e:
                raise DerivaxError(f"--timeout: {e}") from None
        if getattr(args, "no_cache", False):
            os.environ["DERIVAX_CACHE"] = "off"  # this process and the workers it starts
        return args.run(args)
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
