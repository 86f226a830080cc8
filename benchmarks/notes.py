"""Measure ``derivax check-doc`` on the corpora of public derivations: the notes in
``tests/data/notes`` and the LaTeX documents in ``tests/data/papers``.

Each note (or document) comes with a judgement of every relation link (``NOTE.judged.toml``: its line, its kind,
and for claims whether the mathematics is correct). This script runs ``derivax check-doc --json`` on
every note, matches the links it reports to the judgement by line (and by order within a line;
by cell and line in a notebook) and prints, per note and in total: the statements by judged kind,
what check-doc said of the claims, its false alarms (a correct claim refuted, or a statement that is
not a claim refuted), the errors it found (wrong claims refuted, alone or in a chain checked end to
end through steps it could not check one by one: such a refuted chain counts as an error found
when one of its steps is judged wrong, as a false alarm otherwise), the share of judged links it read,
the reasons it left links unread, and every link that one side has and the other lacks.

    PYTHONPATH=src python benchmarks/notes.py [--corpus notes|papers|all] [--timeout 5]
        [--note NAME] [--markdown]

``--corpus all`` prints one table per corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# this benchmark measures deciding claims: none is answered from the verdict cache on disk
os.environ["DERIVAX_CACHE"] = "off"

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
NOTES = DATA / "notes"
CORPORA = {"notes": NOTES, "papers": DATA / "papers"}
SUFFIXES = (".md", ".tex", ".ipynb")
KINDS = ("claim", "definition", "update", "assumption", "equation")
VERDICTS = ("proved", "refuted", "plausible", "unknown", "timeout", "unread")


@dataclass
class Row:
    """What check-doc did with the links of one note, measured against the judgement."""

    note: str
    kinds: Counter = field(default_factory=Counter)
    claims: Counter = field(default_factory=Counter)  # verdict of each judged claim
    wrong: int = 0
    found: int = 0  # wrong claims refuted
    read: int = 0
    judged: int = 0
    false_alarms: list[str] = field(default_factory=list)
    unread: Counter = field(default_factory=Counter)
    unmatched: list[str] = field(default_factory=list)
    misread: list[str] = field(default_factory=list)  # a claim taken for another kind, or back
    confusion: Counter = field(default_factory=Counter)  # (judged kind, kind taken) -> count
    error: str = ""


def notes(name: str | None, folder: Path = NOTES) -> list[Path]:
    found = sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.name != "SOURCES.md")
    if name:
        found = [p for p in found if p.name == name or p.stem == name or name in p.name]
    return found


def run_check_doc(path: Path, timeout: float) -> list[dict]:
    """The links check-doc reports for ``path`` (its ``--json`` output)."""
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "derivax",
            "check-doc",
            "--json",
            "--timeout",
            str(timeout),
            str(path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        data = json.loads(proc.stdout)
    except json.JSONDecodeError:
        raise RuntimeError(
            f"check-doc gave no JSON (exit {proc.returncode}): {proc.stderr.strip()[-300:]}"
        ) from None
    if "error" in data:
        raise RuntimeError(f"check-doc: {data['error'].get('message', data['error'])}")
    return list(data.get("links", []))


def cell_of(link: dict) -> int | None:
    m = re.search(r" cell (\d+)$", str(link.get("file", "")))
    return int(m.group(1)) if m else None


def status_of(link: dict) -> str:
    """The verdict, or what stands for it: a non-claim carries no verdict (its ``kind``)."""
    kind = link.get("kind")
    if kind == "unread":
        return "unread"
    if kind and kind != "claim":
        return str(kind)
    return str(link.get("status", ""))


def kind_of(link: dict) -> str:
    """What check-doc took the statement for (``claim`` for output without kinds)."""
    kind = link.get("kind")
    if kind:
        return str(kind)
    status = str(link.get("status", ""))
    return status if status in ("definition", "expression", "unread") else "claim"


def is_expression(link: dict) -> bool:
    """A display without a relation (an optimization problem's objective row included): nothing
    to match against a judged link."""
    if link.get("kind") == "assumption" and not link.get("relation"):
        return True
    return "expression" in (link.get("kind"), link.get("status"))


def measure(path: Path, timeout: float) -> Row:
    row = Row(path.name)
    judged = tomllib.loads(path.with_name(path.name + ".judged.toml").read_text("utf-8"))["link"]
    row.judged = len(judged)
    try:
        reported = run_check_doc(path, timeout)
    except RuntimeError as e:
        row.error = str(e)
        reported = []
    # a chain checked end to end through steps not checked one by one: its own link, judged by
    # the steps it spans (an error found when one of them is wrong, a false alarm otherwise)
    bridges = [k for k in reported if k.get("through")]
    reported = [k for k in reported if not k.get("through")]
    relations = [k for k in reported if not is_expression(k)]
    found_at: set[tuple] = set()
    no_relation = {(cell_of(k), k.get("line")) for k in reported if is_expression(k)}
    by_place: dict[tuple, list[dict]] = {}
    for link in relations:
        by_place.setdefault((cell_of(link), link.get("line")), []).append(link)
    for entry in judged:
        kind, truth = entry["kind"], entry.get("truth", "n/a")
        row.kinds[kind] += 1
        if kind == "claim" and truth == "wrong":
            row.wrong += 1
        place = (entry.get("cell"), entry["line"])
        waiting = by_place.get(place, [])
        if not waiting:
            seen = "check-doc saw no relation there" if place in no_relation else "not reported"
            row.unmatched.append(f"judged, {seen}: line {entry['line']} {entry['text'][:60]}")
            row.unread[f"(no link reported: {seen})"] += 1
            if kind == "claim":
                row.claims["unread"] += 1
            continue
        link = waiting.pop(0)
        status = status_of(link)
        taken = kind_of(link)
        row.confusion[(kind, taken)] += 1
        # read: not unread, and a claim taken for a claim (a claim taken for a definition is not
        # checked at all, so it is not read as its author meant it; nor is the converse)
        if status != "unread" and (kind == "claim") == (taken == "claim"):
            row.read += 1
        elif status == "unread":
            row.unread[" ".join(str(link.get("reason", "")).split())[:60]] += 1
        else:
            row.misread.append(
                f"line {entry['line']} ({kind} taken for {taken}) {entry['text'][:60]}"
            )
        if kind == "claim":
            row.claims[status if status in VERDICTS else "other: " + status] += 1
            if status == "refuted" and truth == "correct":
                row.false_alarms.append(f"line {entry['line']} {entry['text'][:70]}")
            if status == "refuted" and truth == "wrong":
                row.found += 1
                found_at.add(place)
        elif status == "refuted":
            row.false_alarms.append(f"line {entry['line']} ({kind}) {entry['text'][:70]}")
    for bridge in (b for b in bridges if b.get("status") == "refuted"):
        span = {(cell_of(bridge), n) for n in bridge["through"]}
        wrong = [
            (e.get("cell"), e["line"])
            for e in judged
            if e["kind"] == "claim"
            and e.get("truth") == "wrong"
            and (e.get("cell"), e["line"]) in span
        ]
        if not wrong:
            lines = "-".join(str(n) for n in bridge["through"])
            row.false_alarms.append(f"chain, lines {lines}: {bridge.get('lhs', '')[:60]}")
        for place in wrong:
            if place not in found_at:
                row.found += 1
                found_at.add(place)
    for place, left in sorted(by_place.items(), key=lambda kv: (kv[0][0] or 0, kv[0][1] or 0)):
        for link in left:
            text = f"{link.get('lhs', '')} {link.get('relation', '')} {link.get('rhs', '')}"
            row.unmatched.append(f"reported, not judged: line {place[1]} {text[:60]}")
    return row


def table(rows: list[Row], markdown: bool) -> str:
    head = ["note", *KINDS, *VERDICTS, "false alarms", "errors found", "read"]
    lines = []

    def cells(r: Row) -> list[str]:
        return [
            r.note,
            *(str(r.kinds[k]) for k in KINDS),
            *(str(r.claims[v]) for v in VERDICTS),
            str(len(r.false_alarms)),
            f"{r.found}/{r.wrong}",
            f"{r.read}/{r.judged} ({100 * r.read / max(r.judged, 1):.0f}%)",
        ]

    total = Row("total")
    for r in rows:
        total.kinds += r.kinds
        total.claims += r.claims
        total.wrong += r.wrong
        total.found += r.found
        total.read += r.read
        total.judged += r.judged
        total.false_alarms += [f"{r.note}: {a}" for a in r.false_alarms]
        total.unread += r.unread
        total.unmatched += [f"{r.note}: {u}" for u in r.unmatched]
        total.misread += [f"{r.note}: {u}" for u in r.misread]
        total.confusion += r.confusion
    body = [cells(r) for r in [*rows, total]]
    if markdown:
        lines.append("| " + " | ".join(head) + " |")
        lines.append("|" + "---|" * len(head))
        lines += ["| " + " | ".join(c) + " |" for c in body]
    else:
        widths = [max(len(str(x)) for x in col) for col in zip(head, *body, strict=True)]
        for c in [head, *body]:
            lines.append("  ".join(str(x).ljust(w) for x, w in zip(c, widths, strict=True)))
    other = sorted(k for k in total.claims if k not in VERDICTS)
    if other:
        lines.append("")
        lines.append(
            "claims with other statuses: " + ", ".join(f"{k}: {total.claims[k]}" for k in other)
        )
    bullet = "- " if markdown else "  "
    lines += ["", f"False alarms ({len(total.false_alarms)}):"]
    lines += [bullet + a for a in total.false_alarms] or [bullet + "none"]
    lines += ["", "Statement kinds, judged (rows) against taken by check-doc (columns):"]
    taken = sorted({t for _, t in total.confusion})
    lines.append(bullet + "judged \\ taken: " + ", ".join(taken))
    for judged in sorted({j for j, _ in total.confusion}):
        lines.append(
            f"{bullet}{judged}: "
            + ", ".join(
                f"{t} {total.confusion[(judged, t)]}" for t in taken if total.confusion[(judged, t)]
            )
        )
    lines += [
        "",
        f"Claims not checked as claims, and statements checked as claims ({len(total.misread)}):",
    ]
    lines += [bullet + u for u in total.misread] or [bullet + "none"]
    lines += ["", "Unread links by reason:"]
    lines += [f"{bullet}{n} x {reason}" for reason, n in total.unread.most_common()] or [
        bullet + "none"
    ]
    lines += ["", f"Unmatched links ({len(total.unmatched)}):"]
    lines += [bullet + u for u in total.unmatched] or [bullet + "none"]
    errors = [f"{r.note}: {r.error}" for r in rows if r.error]
    if errors:
        lines += ["", "Notes check-doc could not read:"] + [bullet + e for e in errors]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--timeout", type=float, default=5.0, help="check-doc's budget per link (s)")
    ap.add_argument("--note", help="measure one note (its file name or part of it)")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    ap.add_argument(
        "--corpus",
        choices=[*CORPORA, "all"],
        default="notes",
        help="the Markdown notes, the LaTeX documents, or both (one table each)",
    )
    args = ap.parse_args(argv)
    names = list(CORPORA) if args.corpus == "all" else [args.corpus]
    found = {name: notes(args.note, CORPORA[name]) for name in names}
    if not any(found.values()):
        where = ", ".join(str(CORPORA[name]) for name in names)
        print(f"no note matches `{args.note}` in {where}", file=sys.stderr)
        return 2
    for k, name in enumerate(n for n in names if found[n]):
        rows = []
        for p in found[name]:
            print(f"checking {p.name} ...", file=sys.stderr, flush=True)
            rows.append(measure(p, args.timeout))
        if len(names) > 1:
            heading = f"{name} ({CORPORA[name].relative_to(DATA.parent.parent)})"
            print(("" if k == 0 else "\n") + (f"## {heading}" if args.markdown else heading) + "\n")
        print(table(rows, args.markdown))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
