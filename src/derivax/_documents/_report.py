"""What a researcher reads at the end of check-doc: the statements of each kind, the verdicts on
the claims, and the unread statements grouped by what stopped them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ._link import Link

_KIND_ORDER = (
    "claim",
    "definition",
    "update",
    "assumption",
    "equation",
    "expression",
    "unread",
)
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


# -- for CI: GitHub workflow annotations and SARIF ----------------------------------------------
#: how each verdict is reported to a CI system: GitHub's command and SARIF's level. A refuted step
#: is an error; a claim derivax could not decide (unknown, timeout) a warning; a statement it could
#: not read a notice (it says nothing about the step, only that derivax did not check it). Proved
#: and plausible steps, and statements that are not claims, are not reported.
CI_LEVELS = {
    "refuted": ("error", "error"),
    "unknown": ("warning", "warning"),
    "timeout": ("warning", "warning"),
    "unread": ("notice", "note"),
}

_TITLES = {
    "refuted": "derivax: refuted step",
    "unknown": "derivax: undecided step",
    "timeout": "derivax: step timed out",
    "unread": "derivax: statement not read",
}


def _place(link: Link) -> tuple[str, int | None, str]:
    """The file, line and (for a notebook) the cell of a link: a notebook's links are placed at the
    notebook with the cell and line in the message, since its lines count within a cell."""
    file, _, cell = link.file.partition(" cell ")
    if cell:
        return file, None, f"cell {cell}, line {link.line}: "
    return file, link.line, ""


def _message(link: Link) -> str:
    step = link.claim.strip() if link.relation else link.lhs.strip()
    if link.status == "refuted":
        at = ", ".join(f"{k} = {v}" for k, v in (link.counterexample or {}).items())
        return (
            f"refuted `{step}`"
            + (f" at {at}" if at else "")
            + (f" ({link.method})" if link.method else "")
        )
    if link.status == "unread":
        return f"not read: `{link.claim.strip()}`: {link.reason}"
    return f"{link.status}: `{step}`" + (f": {link.reason}" if link.reason else "")


def _reported(links: Sequence[Link]) -> list[Link]:
    return [link for link in links if link.status in CI_LEVELS]


def _escape(text: str, prop: bool = False) -> str:
    """GitHub's workflow-command escaping: of the data, and more in a property's value."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def github_annotations(links: Sequence[Link]) -> str:
    """One GitHub workflow command a reported step (``::error file=F,line=L,title=T::message``),
    which GitHub shows on the line of the file in a pull request."""
    out = []
    for link in _reported(links):
        file, line, cell = _place(link)
        props = [f"file={_escape(file, True)}"]
        if line is not None:
            props.append(f"line={line}")
        props.append(f"title={_escape(_TITLES[link.status], True)}")
        level = CI_LEVELS[link.status][0]
        out.append(f"::{level} {','.join(props)}::{_escape(cell + _message(link))}")
    return "\n".join(out) + ("\n" if out else "")


def _uri(file: str) -> str:
    from pathlib import Path, PurePath

    path = Path(file)
    return path.as_uri() if path.is_absolute() else PurePath(file).as_posix()


def sarif_log(links: Sequence[Link], version: str) -> dict[str, Any]:
    """A SARIF 2.1.0 log of the reported steps, one rule a verdict (refuted, unknown, timeout,
    unread), for code-scanning tools."""
    rules = list(CI_LEVELS)
    results = []
    for link in _reported(links):
        file, line, cell = _place(link)
        location: dict[str, Any] = {"artifactLocation": {"uri": _uri(file)}}
        if line is not None:
            location["region"] = {"startLine": line}
        results.append(
            {
                "ruleId": link.status,
                "ruleIndex": rules.index(link.status),
                "level": CI_LEVELS[link.status][1],
                "message": {"text": cell + _message(link)},
                "locations": [{"physicalLocation": location}],
            }
        )
    driver = {
        "name": "derivax",
        "version": version,
        "rules": [
            {"id": r, "shortDescription": {"text": _TITLES[r].removeprefix("derivax: ")}}
            for r in rules
        ],
    }
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results}],
    }
