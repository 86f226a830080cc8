"""What a researcher reads at the end of check-doc: the statements of each kind, the verdicts on
the claims, and the unread statements grouped by what stopped them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ._link import Link

_KIND_ORDER = ("claim", "definition", "update", "assumption", "equation", "expression", "unread")
_VERDICT_ORDER = ("proved", "refuted", "plausible", "unknown", "timeout")


def _construct(reason: str) -> str:
    """The construct an unread statement stopped at, from its reason: the first quoted piece
    (a command, a relation, a word) or the reason's first clause."""
    quoted = re.search(r"`([^`]{1,40})`", reason)
    head = reason.split(";")[0].split(":")[0].strip()
    return f"{head[:60]}" if quoted is None else f"{quoted.group(1)}: {head[:60]}"


def statement_report(links: Sequence[Link]) -> dict[str, Any]:
    """``{"statements": kind -> count, "claims": verdict -> count, "unread": construct -> count,
    "guessed": count}`` for the links of one or more documents."""
    kinds = Counter(link.kind for link in links)
    verdicts = Counter(link.status for link in links if link.kind == "claim")
    unread = Counter(_construct(link.reason) for link in links if link.kind == "unread")
    assumed = {link.file.split(" cell ")[0]: link.assumed for link in links if link.assumed}
    return {
        "assumed": assumed,
        "statements": {k: kinds[k] for k in _KIND_ORDER if kinds[k]},
        "claims": {v: verdicts[v] for v in _VERDICT_ORDER if verdicts[v]},
        "unread": dict(unread.most_common()),
        "guessed": sum(1 for link in links if link.guess),
    }


def report_lines(report: dict[str, Any]) -> list[str]:
    """The report as text, one line per group."""
    kinds = report["statements"]
    total = sum(kinds.values())
    out = [
        f"{total} statement{'s' * (total != 1)}: "
        + ", ".join(f"{n} {k}{'s' * (n != 1) if k != 'unread' else ''}" for k, n in kinds.items())
    ]
    if report["claims"]:
        out.append("claims: " + ", ".join(f"{n} {v}" for v, n in report["claims"].items()))
    if report["guessed"]:
        out.append(
            f"{report['guessed']} statement kind{'s' * (report['guessed'] != 1)} guessed from "
            f"the notation (see each reason; `:=` makes a definition certain)"
        )
    for file, table in report.get("assumed", {}).items():
        out.append(
            f"{file} declares no symbols; check-doc assumed, from the notation (copy into "
            f'{file}.derivax.toml as `symbols = "..."` and correct it):'
        )
        out.append(f"  {table}")
    if report["unread"]:
        out.append("unread, by what stopped them:")
        out += [f"  {n}  {c}" for c, n in report["unread"].items()]
    return out
