"""Commands that decide claims: ``check`` one claim, ``check-doc`` every step of a document."""

from __future__ import annotations

import argparse
import json

from .._errors import DerivaxError
from ._batch import _check_batch
from ._output import EXIT_FAILED, EXIT_OK, EXIT_UNDECIDED, _emit, _write, check_writable


def _check(args: argparse.Namespace) -> int:
    from .._verify import check

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
    from .._documents import check_document, report_lines, statement_report

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
        from .._documents import annotate

        text = annotate(args.files[0], links, "tex" if args.fmt == "pdf" else args.fmt)
        if args.fmt == "pdf":
            from .._export import to_pdf

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
    report = statement_report(links)
    lines += report_lines(report) if links else ["no display math found"]
    _emit(
        args,
        {"links": [link.to_dict() for link in links], "summary": summary, **report},
        "\n".join(lines),
    )
    if "refuted" in statuses:
        return EXIT_FAILED
    if any(s in ("unread", "unknown", "timeout") for s in statuses):
        return EXIT_UNDECIDED
    return EXIT_OK


def _short(text: str, n: int) -> str:
    """``text`` on one line, cut to ``n`` characters with an ellipsis (rows that carry their own
    file:line position, so a cut never makes two rows look alike)."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "\u2026"
