"""The documentation site: it builds in strict mode, every public name and every CLI command and
flag is in its reference, every catalog equation has a page, the tutorials' code runs, nothing is
fetched from the network, and a real headless Chromium (network blocked) shows typeset math.

The site is built once per test session into ``site/`` at the repository root (the screenshots
stay there, under ``site/_screenshots/``, as CI artifacts); the catalog's pages are cached under
``.cache/docs/`` between builds (keyed by a hash of the catalog and derivax's source)."""

from __future__ import annotations

import argparse
import html
import html.parser
import inspect
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import derivax as dx
from derivax.cli import _parser

pytest.importorskip("mkdocs")
pytest.importorskip("material")
pytest.importorskip("mkdocstrings_handlers.python")

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
TUTORIALS = sorted((ROOT / "docs" / "tutorials").glob("*.md"))
BUILD_SECONDS = 1800


def _env() -> dict[str, str]:
    env = dict(os.environ, JAX_PLATFORMS="cpu", NO_MKDOCS_2_WARNING="1")
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH", "")) if p
    )
    env.pop("XLA_FLAGS", None)
    return env


@pytest.fixture(scope="session")
def site() -> Path:
    """The site, built once per test run with ``mkdocs build --strict``: under pytest-xdist the
    first worker to get here builds it, holding a lock, and the others use that build."""
    import fcntl

    run = os.environ.get("PYTEST_XDIST_TESTRUNUID") or f"pid {os.getpid()}"
    cache = ROOT / ".cache"
    cache.mkdir(exist_ok=True)
    marker = cache / "site-built-by"
    with open(cache / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if marker.is_file() and marker.read_text() == run and (SITE / "index.html").is_file():
            return SITE
        marker.unlink(missing_ok=True)
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(SITE)],
            cwd=ROOT,
            env=_env(),
            capture_output=True,
            text=True,
            timeout=BUILD_SECONDS,
        )
        assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-8000:]
        marker.write_text(run)
    return SITE


class _Text(html.parser.HTMLParser):
    """The visible text of a page outside code, scripts, styles and typeset math; the ids."""

    SKIP = frozenset({"script", "style", "code", "pre", "math", "svg", "title"})

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []
        self.ids: set[str] = set()
        self.math = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for k, v in attrs:
            if k == "id" and v:
                self.ids.add(v)
        if tag == "math":
            self.math += 1
        if tag in self.SKIP:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(self.parts)


def read(html: str) -> _Text:
    p = _Text()
    p.feed(html)
    return p


def _public_names() -> set[str]:
    """What ``import derivax as dx`` offers: not private, not a module, not a __future__ flag."""
    import __future__

    return {
        n
        for n in dir(dx)
        if not n.startswith("_")
        and not inspect.ismodule(getattr(dx, n))
        and not isinstance(getattr(dx, n), __future__._Feature)
    }


def _commands() -> dict[str, argparse.ArgumentParser]:
    for action in _parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("derivax has no subcommands")


# -- the build and the references ------------------------------------------------------------------
def test_site_builds_strictly(site):
    for page in ("index.html", "reference/api.html", "reference/cli.html", "catalog/index.html"):
        assert (site / page).is_file(), page


def test_every_public_name_is_in_the_api_reference(site):
    page = read((site / "reference" / "api.html").read_text())
    documented = {i.removeprefix("derivax.") for i in page.ids if re.fullmatch(r"derivax\.\w+", i)}
    public = _public_names()
    assert {"parse", "grad", "check", "compile", "plot", "Verdict", "DerivaxError"} <= public
    assert public - documented == set(), "public names missing from the API reference"
    assert documented - public == set(), "the API reference documents names derivax lacks"


def test_every_cli_command_and_flag_is_in_the_cli_reference(site):
    html = (site / "reference" / "cli.html").read_text()
    page = read(html)
    commands = _commands()
    assert {"plot", "check", "verify", "check-doc"} <= set(commands)
    documented = {i for i in page.ids if i in commands}
    assert documented == set(commands)
    for name, parser in commands.items():
        section = html.split(f'id="{name}"', 1)[1].split("<h2", 1)[0]
        for action in parser._actions:
            for flag in action.option_strings:
                assert f"<code>{flag}" in section, f"`derivax {name} {flag}` is not documented"


def test_every_catalog_equation_has_a_page(site):
    cat = dx.catalog()
    index = (site / "catalog" / "index.html").read_text()
    for eq in cat.values():
        page = site / "catalog" / f"{eq.id}.html"
        assert page.is_file(), eq.id
        text = read(page.read_text())
        assert text.math >= 2, eq.id  # the definition and its symbols at least, typeset
        assert "Definition" in text.text and "Symbols" in text.text
        assert f'href="{eq.id}.html"' in index, eq.id
    sigmoid = read((site / "catalog" / "sigmoid.html").read_text()).text
    assert "Worked examples" in sigmoid and "Derivatives" in sigmoid and "Claims" in sigmoid
    assert (site / "catalog" / "plots" / "sigmoid.png").stat().st_size > 10_000
    assert "No plot:" in read((site / "catalog" / "softmax.html").read_text()).text


def test_catalog_pages_carry_values_computed_at_build_time(site):
    # the sigmoid's first worked example, as derivax evaluates it now, and its first claim's verdict
    page = (site / "catalog" / "sigmoid.html").read_text()
    eq = dx.catalog()["sigmoid"]
    got = float(eq.evaluate(dict(eq.examples[1].set)))
    assert f"{got:.6g}" in page
    assert 'class="dx-verdict dx-proved"' in page


def test_no_page_fetches_anything_from_the_network(site):
    fetched = re.compile(
        r"""<(?:script|img|iframe|source)\b[^>]*\bsrc=["']?(?:https?:)?//"""
        r"""|<link\b[^>]*\bhref=["']?(?:https?:)?//[^>]*>""",
        re.I,
    )
    offenders = []
    for page in site.rglob("*.html"):
        for m in fetched.finditer(page.read_text()):
            tag = m.group(0)
            if tag.startswith("<link") and not re.search(r'rel="?(stylesheet|preload|icon)', tag):
                continue
            offenders.append(f"{page.relative_to(site)}: {tag[:120]}")
    for css in site.rglob("*.css"):
        for m in re.finditer(r"(?:@import|url\()\s*[\"']?(?:https?:)?//[^)\"']+", css.read_text()):
            offenders.append(f"{css.relative_to(site)}: {m.group(0)[:120]}")
    assert offenders == []


# -- tutorials ----------------------------------------------------------------------------------------
def python_blocks(markdown: str) -> str:
    """The page's ```python blocks, in order, as one script."""
    return "\n\n".join(re.findall(r"^```python\n(.*?)^```", markdown, re.S | re.M))


@pytest.mark.parametrize("page", TUTORIALS, ids=[p.stem for p in TUTORIALS])
def test_tutorial_pages_show_what_their_code_prints(site, page):
    # the build ran each page's blocks in order (a failing block fails the build) and set what
    # each printed under it: every printed line is on the page, after its block
    code = python_blocks(page.read_text())
    assert code.count("\n") > 10 and "assert" in code
    built = (site / "tutorials" / f"{page.stem}.html").read_text()
    outputs = re.findall(r"Output</span>.*?<code>(.*?)</code>", built, re.S)
    printing = [b for b in re.findall(r"^```python\n(.*?)^```", page.read_text(), re.S | re.M)]
    printing = [b for b in printing if re.search(r"^\s*print\(", b, re.M)]
    assert len(outputs) >= len(printing) > 0, (page.name, len(outputs), len(printing))
    # what a reader sees printed is math as text, not a verdict's LaTeX source or SymPy's own
    # names (LaTeX printed on purpose, by to_latex, is the LaTeX a paper takes)
    for out in outputs:
        shown = html.unescape(re.sub(r"<[^>]+>", "", out))
        for raw in ("\\text{", "\\quad", "HadamardProduct", "Lambda(", "sigmoid(", ".T*", "**"):
            assert raw not in shown, (page.name, raw, shown[:300])


@pytest.fixture(scope="module")
def tutorial_outputs():
    sys.path.insert(0, str(ROOT / "docs" / "_hooks"))
    from derivax_site import tutorial_outputs

    return tutorial_outputs


def test_a_tutorial_block_that_fails_fails_the_build_naming_it(tutorial_outputs):
    md = "```python\nx = 2\nprint(x + 1)\n```\n\ntext\n\n```python\nassert x == 3\n```\n"
    with pytest.raises(tutorial_outputs.TutorialError, match="block 2 does not run"):
        tutorial_outputs.with_outputs(md, "t.md", _env())
    good = tutorial_outputs.with_outputs(md.replace("x == 3", "x == 2"), "t.md", _env())
    assert '```text title="Output"\n3\n```' in good
    assert good.count("Output") == 1  # a block that prints nothing gets no output block


def _nav_pages() -> set[str]:
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    nav = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=Loader)["nav"]

    def pages(entry) -> list[str]:
        if isinstance(entry, str):
            return [entry]
        if isinstance(entry, dict):
            return [p for v in entry.values() for p in pages(v)]
        return [p for v in entry for p in pages(v)]

    return set(pages(nav))


def test_every_page_of_the_docs_is_in_the_navigation():
    docs = ROOT / "docs"
    written = {
        p.relative_to(docs).as_posix()
        for p in docs.rglob("*.md")
        if not p.relative_to(docs).as_posix().startswith("_hooks/")
    }
    assert written, "no pages found under docs/"
    nav = _nav_pages()
    assert {f"tutorials/{p.name}" for p in TUTORIALS} <= nav
    assert sorted(written - nav) == []
    assert "catalog/index.md" in nav and "batch.md" in nav


class _Links(html.parser.HTMLParser):
    """The ids of a page and the targets of its links."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for k, v in attrs:
            if k in ("id", "name") and v:
                self.ids.add(v)
            if k == "href" and v and tag in ("a", "link"):
                self.hrefs.append(v)


def _links(page: Path) -> _Links:
    p = _Links()
    p.feed(page.read_text(encoding="utf-8"))
    return p


def broken_links(site_dir: Path) -> list[str]:
    """Every internal link of the built site whose page or ``#anchor`` does not exist."""
    from urllib.parse import unquote, urlsplit

    site_dir = site_dir.resolve()
    pages = {p: _links(p) for p in site_dir.rglob("*.html")}
    broken = []
    for page, links in pages.items():
        for href in links.hrefs:
            url = urlsplit(href)
            if url.scheme or url.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            path = unquote(url.path)
            # an absolute path (the 404 page's) is from the root of the site
            base = site_dir if path.startswith("/") else page.parent
            target = (base / path.lstrip("/")).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site_dir)} -> {href} (no such file)")
            elif url.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _links(target).ids
                if unquote(url.fragment) not in ids:
                    broken.append(f"{page.relative_to(site_dir)} -> {href} (no such anchor)")
    return broken


def test_the_link_check_finds_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "a.html").write_text(
        '<h2 id="here">x</h2><a href="b.html#there">1</a><a href="b.html#gone">2</a>'
        '<a href="#here">3</a><a href="#nowhere">4</a><a href="c.html">5</a>'
        '<a href="https://example.org/#x">6</a><a href="/b.html#there">7</a>',
        encoding="utf-8",
    )
    (tmp_path / "b.html").write_text('<p id="there">y</p>', encoding="utf-8")
    assert broken_links(tmp_path) == [
        "a.html -> b.html#gone (no such anchor)",
        "a.html -> #nowhere (no such anchor)",
        "a.html -> c.html (no such file)",
    ]


def test_no_internal_link_or_anchor_of_the_site_is_broken(site):
    assert len(list(site.rglob("*.html"))) > 10
    assert broken_links(site) == []
    batch = _links(site / "batch.html")
    assert "benchmarks.html#throughput-and-scale" in batch.hrefs


# -- a real browser ---------------------------------------------------------------------------------
def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _browse(browser: str, url: str, profile: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            f"--user-data-dir={profile}",
            "--proxy-server=127.0.0.1:9",  # the network is blocked: nothing may come from it
            "--proxy-bypass-list=<-loopback>",
            "--virtual-time-budget=5000",
            *extra,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("page", ["index", "reference/api", "catalog/sigmoid"])
def test_math_is_typeset_in_headless_chromium(site, page, tmp_path):
    browser = _chromium()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing; .ci/run installs Debian's chromium")
        pytest.skip("chromium is not installed (Debian: apt-get install chromium)")
    url = (site / f"{page}.html").as_uri()
    dom = _browse(browser, url, tmp_path / "profile", "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    seen = read(dom.stdout)
    assert seen.math >= 2, f"{page}: no typeset math in the DOM Chromium built"
    for raw in (r"\frac", r"\sum", r"\(", r"\[", "$$"):
        assert raw not in seen.text, f"{page}: raw `{raw}` visible in the text"

    shots = site / "_screenshots"
    shots.mkdir(exist_ok=True)
    shot = shots / f"{page.replace('/', '-')}.png"
    shot.unlink(missing_ok=True)
    result = _browse(
        browser,
        url,
        tmp_path / "profile-shot",
        f"--screenshot={shot}",
        "--window-size=1200,1600",
        "--hide-scrollbars",
    )
    assert shot.is_file(), result.stderr[-2000:]
    import numpy as np
    from PIL import Image

    image = Image.open(io.BytesIO(shot.read_bytes())).convert("L")
    assert image.size == (1200, 1600)
    assert np.asarray(image, dtype=float).var() > 100  # text and formulas, not a blank page


# -- math typeset at build time -------------------------------------------------------------------
@pytest.fixture(scope="module")
def mathml():
    sys.path.insert(0, str(ROOT / "docs" / "_hooks"))
    from derivax_site import mathml

    return mathml


def test_arithmatex_spans_become_mathml(mathml):
    page = (
        r'<p>so <span class="arithmatex">\(a &lt; \frac{1}{2}\)</span> and</p>'
        r'<div class="arithmatex">\[\sum_{k=1}^{n} p_k = 1\]</div>'
    )
    out, count = mathml.typeset(page)
    assert count == 2
    assert out.count("<math") == 2 and 'display="block"' in out
    assert "arithmatex" not in out and r"\frac" not in out


def test_math_inside_text_of_a_proof_step_is_typeset(mathml):
    out = mathml.to_mathml(r"\text{apply $\log t \le t - 1$ for $t > 0$:}\quad \ge 0", True)
    assert "<mtext>" in out and "\\" not in re.sub(r"<[^>]+>", "", out)


def test_a_formula_that_does_not_typeset_fails_the_build(mathml):
    with pytest.raises(mathml.MathError, match=r"cannot typeset `\\foo\{x\} \+ 1`"):
        mathml.to_mathml(r"\foo{x} + 1", False)


def test_every_claim_of_a_catalog_page_has_a_plot_or_says_why_not(site):
    pages = sorted((site / "catalog").glob("*.html"))
    assert len(pages) > 20
    for page in pages:
        text = page.read_text(encoding="utf-8")
        claims = re.findall(r'<h3 id="claim-(\d+)"', text)
        for k in claims:
            section = text.split(f'<h3 id="claim-{k}"', 1)[1].split("<h3 ", 1)[0]
            has_plot = f'src="plots/{page.stem}-claim-{k}.png"' in section
            assert has_plot or "No plot: " in section, f"{page.name}: claim {k}"
            # the reason is a limit of a picture, never an internal failure or a derivative
            # derivax could have taken
            why = read(section).text.split("No plot: ", 1)[-1][:300] if not has_plot else ""
            for failure in ("bug worth reporting", "Error:", "unevaluated derivative"):
                assert failure not in why, f"{page.name}: claim {k}: {why}"
            if has_plot:
                assert (site / "catalog" / "plots" / f"{page.stem}-claim-{k}.png").is_file()


def test_step_labels_on_catalog_pages_are_typeset_math(site):
    labelled = 0
    for page in sorted((site / "catalog").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        for m in re.finditer(r"differentiate with respect to (.{0,60})", text):
            assert m.group(1).startswith("<math"), f"{page.name}: {m.group(0)}"
            labelled += 1
        visible = read(text).text
        assert not re.search(r"\b[a-zA-Z]_\{\w+\}", visible), page.name  # no raw z_{l}
    assert labelled >= 3
