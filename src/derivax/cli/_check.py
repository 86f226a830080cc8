"""Commands that decide claims: ``check`` one claim, ``check-doc`` every step of a document."""

from __future__ import annotations

import argparse
import json

from .._errors import DerivaxError
from ._batch import _check_batch
from ._options import (
    CLAIM_SYNTAX,
    EXITS_VERDICT,
    add_force,
    add_given,
    add_jobs,
    add_no_cache,
    add_symbols,
    add_timeout,
    command,
)
from ._output import EXIT_FAILED, EXIT_OK, EXIT_UNDECIDED, _emit, _write, check_writable


def add_check(sub: argparse._SubParsersAction) -> None:
    c = command(
        sub,
        "check",
        "decide a claim: proved, refuted (with a counterexample), plausible, unknown, timeout",
        _check,
        syntax=[
            CLAIM_SYNTAX,
            "--given takes a definition (`a = \\sigma(z)`, substituted into the claim) or an "
            "assumption (`x \\ge 0`). With --batch FILE.jsonl each line is an object "
            '{"id", "claim", "symbols", "given", "timeout"} (only "claim" is required); a bad '
            "line is an error row of its own and the others are answered.",
        ],
        exits=EXITS_VERDICT,
        examples=[
            "derivax check '\\sigma(-x) = 1 - \\sigma(x)'",
            "derivax check 'D(p, q) \\ge 0' --symbols 'p, q: simplex[n]; D: function' \\\n"
            "      --given 'D(p, q) = \\sum_i p_i \\log \\frac{p_i}{q_i}'",
        ],
        symbols=True,
        math=True,
    )
    c.add_argument("claim", nargs="?", metavar="CLAIM", help="the claim, in LaTeX (see below)")
    add_symbols(c)
    add_given(c)
    add_timeout(c, "time budget, in CPU seconds")
    add_no_cache(c)
    c.add_argument(
        "--batch",
        metavar="FILE.jsonl",
        help='check every line {"id", "claim", "symbols", "given"} of a JSON Lines file',
    )
    add_jobs(c)
    c.add_argument(
        "-o", "--output", metavar="OUT.jsonl", help="with --batch: write the rows here (not stdout)"
    )
    c.add_argument(
        "--resume", action="store_true", help="with --batch: skip the ids already in OUT.jsonl"
    )
    add_force(c, "OUT.jsonl (with --batch)")
    c.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --batch: run on the Dask cluster whose scheduler is at ADDRESS "
        "(tcp://host:8786; needs the `distributed` extra)",
    )


#: check-doc's --format: what each writes (the reference and --help are made from this table)
DOC_FORMATS = {
    "md": "the .md note annotated: a quoted line with each step's verdict after its display",
    "tex": "the .tex paper annotated: a list of verdicts after each display",
    "pdf": "the annotated .tex paper through pdflatex",
    "ipynb": "the notebook annotated: a Markdown cell with the verdicts after each checked cell",
    "github": "GitHub workflow annotations, one per step that is not proved: ::error for "
    "refuted, ::warning for unknown and timeout, ::notice for unread",
    "sarif": "a SARIF 2.1.0 log (code scanning), a result per step that is not proved: level "
    "error for refuted, warning for unknown and timeout, note for unread",
}


def add_check_doc(sub: argparse._SubParsersAction) -> None:
    c = command(
        sub,
        "check-doc",
        "check every step of the derivations in a .tex paper, a .md note or a .ipynb notebook, "
        "link by link",
        _check_doc,
        syntax=[
            "FILE is a .tex, .md or .ipynb document; its display math is read statement by "
            "statement (claims, definitions, updates, assumptions, equations), and each claim "
            "and each link of a chain a = b = c gets a verdict. Declarations come from the "
            "document's own symbol table or FILE.derivax.toml, plus --symbols.",
            "--format writes the verdicts: "
            + "; ".join(f"{k}: {v}" for k, v in DOC_FORMATS.items())
            + ". -o names the output (- for stdout; github prints to stdout by default, before "
            "the report). An existing file, the document itself included, is replaced only "
            "with --force. github and sarif take several FILEs; the others annotate one.",
            "--watch checks one FILE again each time it is saved, printing the report and the "
            "steps whose verdict changed; Ctrl-C stops it, with the last run's exit code.",
        ],
        exits=EXITS_VERDICT | {EXIT_UNDECIDED: "a step unknown, timed out or unread"},
        examples=[
            "derivax check-doc docs/examples/note.md",
            "derivax check-doc paper.tex --format github   # in a GitHub workflow",
        ],
        symbols=True,
    )
    c.add_argument("files", nargs="+", metavar="FILE")
    add_symbols(c, "symbol table (added to the document's own declarations; see below)")
    add_given(c)
    add_timeout(c, "time budget per step, in CPU seconds")
    add_no_cache(c)
    c.add_argument(
        "--format",
        "-f",
        choices=tuple(DOC_FORMATS),
        dest="fmt",
        help="also write the verdicts in this format (see below)",
    )
    c.add_argument("-o", "--output", metavar="PATH", help="where --format writes (- for stdout)")
    add_force(c)
    c.add_argument(
        "--watch",
        action="store_true",
        help="check FILE again each time it (or FILE.derivax.toml) is saved, until Ctrl-C; steps "
        "unchanged since the last run are answered from the verdict cache, so only what an "
        "edit touched is decided again (all of it with --no-cache)",
    )


def _check(args: argparse.Namespace) -> int:
    from .._api import check

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


def _check_doc(args: argparse.Namespace) -> int:
    _check_doc_output(args)
    if args.watch:
        from ._watch import watch

        return watch(args.files[0], lambda: _check_doc_once(args))
    return _check_doc_once(args)[0]


def _check_doc_once(args: argparse.Namespace) -> tuple[int, list]:
    """Check the documents and print the report: the exit code and the links."""
    from .._documents import check_document

    links = []
    for f in args.files:
        links += check_document(f, args.symbols, args.given, timeout=args.timeout)
    if args.fmt and _write_doc_format(args, links):  # the output went to stdout: nothing more
        if args.fmt in ("md", "tex", "pdf"):
            code = EXIT_FAILED if any(link.status == "refuted" for link in links) else EXIT_OK
            return code, links
        return _doc_exit([link.status for link in links]), links
    return _doc_report(args, links), links


def _doc_report(args: argparse.Namespace, links: list) -> int:
    from .._documents import report_lines, statement_report

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
    report = statement_report(links)
    lines += report_lines(report) if links else ["no display math found"]
    _emit(
        args,
        {"links": [link.to_dict() for link in links], "summary": summary, **report},
        "\n".join(lines),
    )
    return _doc_exit(statuses)


def _doc_exit(statuses: list[str]) -> int:
    if "refuted" in statuses:
        return EXIT_FAILED
    if any(s in ("unread", "unknown", "timeout") for s in statuses):
        return EXIT_UNDECIDED
    return EXIT_OK


def _check_doc_output(args: argparse.Namespace) -> None:
    """Refuse a --format and -o that do not go together, before any work."""
    if args.watch and (args.fmt or args.output or args.json or len(args.files) != 1):
        raise DerivaxError(
            "--watch checks one FILE again on each save and prints its report: give one FILE, "
            "without --format, -o or --json"
        )
    if args.output and not args.fmt:
        raise DerivaxError("-o goes with --format: `--format md -o checked.md`")
    if args.fmt and not args.output and args.fmt != "github":
        raise DerivaxError(
            f"--format {args.fmt} needs -o PATH (- for stdout): "
            f"`--format {args.fmt} -o checked.{args.fmt}`"
        )
    if args.fmt == "github" and args.json and args.output in (None, "-"):
        raise DerivaxError(
            "--format github prints its annotations to stdout, where --json prints the report; "
            "write the annotations to a file with -o FILE"
        )
    if args.fmt not in (None, "github", "sarif") and len(args.files) != 1:
        raise DerivaxError("--format annotates one document; give one FILE")
    if args.fmt and args.output and args.output != "-":
        check_writable(args.output, args.force)


def _write_doc_format(args: argparse.Namespace, links: list) -> bool:
    """Write the verdicts in ``--format``; True when they went to stdout in place of the report
    (``-o -``). GitHub annotations without -o go to stdout before the report."""
    if args.fmt == "github":
        from .._documents import github_annotations

        text = github_annotations(links)
        if args.output is None:
            print(text, end="", flush=True)
            return False
        return _write(args, text.encode("utf-8"))
    if args.fmt == "sarif":
        from .. import __version__
        from .._documents import sarif_log

        log = sarif_log(links, __version__)
        return _write(args, (json.dumps(log, indent=2, ensure_ascii=False) + "\n").encode())
    from .._documents import annotate

    text = annotate(args.files[0], links, "tex" if args.fmt == "pdf" else args.fmt)
    if args.fmt == "pdf":
        from .._export import to_pdf

        return _write(args, to_pdf(text))
    return _write(args, text.encode("utf-8"))


def _short(text: str, n: int) -> str:
    """``text`` on one line, cut to ``n`` characters with an ellipsis (rows that carry their own
    file:line position, so a cut never makes two rows look alike)."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "\u2026"
