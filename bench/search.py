"""Measure search on a synthetic dossier: `python -m bench.search --help`.

Cold index time of the search stage (all shards), the shards and their size on disk,
the bytes headless Chromium fetches for a first query on the search page (our own
interface), then for opening one facet, then a first query sorted by date in a fresh
browser, optionally against Pagefind's Default UI on one
single bundle; then `build.py build` end to end after one new story (dated after the
others, as news is) and after one old story edited, each a fresh process, as CI runs it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

from dossier.build import build
from dossier.site.config import load_config
from dossier.output.search import BUNDLE, SHARD_PAGES, SHARDS, index
from dossier.util.store import write_atomic

from .corpus import article_path, dossier_article, edit_article, generate, make_article, write_dossier, write_file

REPO = Path(__file__).resolve().parents[1]
PREFIX = "/dossier/"
# Pagefind's Default UI, for comparison: the page its documentation suggests.
DEFAULT_UI_PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<link href="{prefix}pagefind-single/pagefind-ui.css" rel="stylesheet">
<script src="{prefix}pagefind-single/pagefind-ui.js"></script></head><body><div id="search"></div>
<script>window.addEventListener("DOMContentLoaded", () => {{
  const ui = new PagefindUI({{ element: "#search", baseUrl: "{prefix}" }}); ui.triggerSearch({query}); }});</script>
</body></html>"""


@dataclass
class Fetched:
    """What a browser downloaded for one step, by kind of file."""

    total: int = 0
    gzip_total: int = 0  # text files counted as a gzip-serving host (GitHub Pages) sends them
    requests: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)


@dataclass
class Report:
    articles: int
    shard_pages: int
    pages_indexed: str
    index_runs_s: list[float]
    index_median_s: float
    shards: list[tuple[str, int]]
    bundle_bytes: int
    bundle_by_kind: dict[str, int]
    query: str
    first_query: Fetched
    open_actor_facet: Fetched
    first_query_by_date: Fetched
    default_ui_first_query: Fetched | None
    added_runs_s: list[float] = field(default_factory=list)  # build.py build after one new story
    added_cpu_s: list[float] = field(default_factory=list)  # its CPU time, Pagefind's included
    added_search: list[str] = field(default_factory=list)
    edited_runs_s: list[float] = field(default_factory=list)  # build.py build after one old story edited
    edited_cpu_s: list[float] = field(default_factory=list)
    edited_search: list[str] = field(default_factory=list)
    load: str = ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="index runs (median reported)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", type=Path, help="keep the site here instead of a temporary folder")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--shard-pages", type=int, default=SHARD_PAGES, help="most pages of an archive shard")
    parser.add_argument("--rebuilds", type=int, default=3, help="builds after one new story, and after one edit")
    parser.add_argument("--default-ui", action="store_true", help="also index one single bundle for Pagefind's UI")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="dossier-search-bench-"))
    try:
        report = measure(workdir, args.articles, args.repeat, args.seed, args.shard_pages, args.rebuilds,
                         args.default_ui)
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    print(render(report))
    if args.json:
        args.json.write_text(json.dumps(asdict(report), indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


def measure(workdir: Path, articles: int, repeat: int, seed: int, shard_pages: int, rebuilds: int,
            default_ui: bool) -> Report:
    """Build the corpus once, index it repeat times, load its search page, then rebuild after changes."""
    corpus = generate(articles, seed)
    root = workdir / "site"
    if not (root / "site.yml").is_file():
        write_dossier(corpus, root)
    settings = root / "site.yml"  # a kept workdir's has the setting of its last run: replaced
    lines = [line for line in settings.read_text(encoding="utf-8").splitlines()
             if not line.startswith("search_shard_pages:")]
    # Replaced, not written over: a site copied with hard links (cp -al) keeps its own settings.
    write_atomic(settings, ("\n".join([*lines, f"search_shard_pages: {shard_pages}"]) + "\n").encode("utf-8"))
    out = root / "public"
    log(f"building {articles} articles without search")
    build(root, out_dir=out, base_url="http://127.0.0.1" + PREFIX, search=False)
    language = _site(root).config.language
    shutil.rmtree(out / "pagefind-default-ui", ignore_errors=True)  # a kept workdir's previous run
    runs, summary = [], ""
    for number in range(repeat):
        _remove_search(root, out)  # a cold index each time
        started = time.perf_counter()
        summary = index(language, out, root / ".cache" / "build", shard_pages)
        runs.append(time.perf_counter() - started)
        log(f"index run {number + 1}: {runs[-1]:.1f} s ({summary})")
    shards = [(shard["name"], shard["pages"]) for shard in
              json.loads((out / BUNDLE / SHARDS).read_text(encoding="utf-8"))["shards"]]
    bundle_total, bundle_kinds = _bundle_size(out / BUNDLE)
    # A surname the corpus gives one actor: a realistic query with a handful of hits.
    query = corpus.actors[0].name.split()[-1]
    first, facet, by_date, default = _browse(out, query, language, default_ui)
    report = Report(articles, shard_pages, summary, runs, statistics.median(runs), shards, bundle_total,
                    bundle_kinds, query, first, facet, by_date, default)
    if rebuilds:
        _rebuild(root, corpus, rebuilds, report)
    return report


def _remove_search(root: Path, out: Path) -> None:
    shutil.rmtree(out / BUNDLE, ignore_errors=True)
    for record in (root / ".cache" / "build").glob("search-*.pickle"):
        record.unlink()


def _rebuild(root: Path, corpus, rebuilds: int, report: Report) -> None:
    """Time `build.py build` with search after one new story, then after one old story edited."""
    command = [sys.executable, str(REPO / "build.py"), "build", "--root", str(root),
               "--base-url", "http://127.0.0.1" + PREFIX]
    subprocess.run(command, check=True, capture_output=True)  # the cold build with search
    newest = max(article.date for article in corpus.articles)
    for number in range(rebuilds):
        story = make_article(corpus, len(corpus.articles) + number)
        story = replace(story, date=newest + dt.timedelta(hours=number + 1))
        write_file(root / "content" / article_path(story), dossier_article(story))
        seconds, cpu, line = _timed(command)
        report.added_runs_s.append(seconds)
        report.added_cpu_s.append(cpu)
        report.added_search.append(line)
        log(f"one story added: {seconds:.2f} s, {cpu:.2f} s CPU ({line})")
    for number in range(rebuilds):
        story = edit_article(corpus.articles[number * 997 % len(corpus.articles)])
        write_file(root / "content" / article_path(story), dossier_article(story))
        seconds, cpu, line = _timed(command)
        report.edited_runs_s.append(seconds)
        report.edited_cpu_s.append(cpu)
        report.edited_search.append(line)
        log(f"one story edited: {seconds:.2f} s, {cpu:.2f} s CPU ({line})")
    report.load = "load average " + ", ".join(f"{value:.2f}" for value in os.getloadavg())


def _timed(command: list[str]) -> tuple[float, float, str]:
    """Run command; return its wall time, its CPU time (with the processes it waited for) and its search summary."""
    before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    wall, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, result.stdout.strip().split("; ", 1)[-1]


def _site(root: Path) -> SimpleNamespace:
    """Stand in for the assembled site: the search stage reads only its config."""
    return SimpleNamespace(config=load_config(root, {"base_url": "http://127.0.0.1" + PREFIX}))


def _bundle_size(bundle: Path) -> tuple[int, dict[str, int]]:
    kinds: dict[str, int] = defaultdict(int)
    for path in bundle.rglob("*"):
        if path.is_file():
            kinds[_kind(path.name)] += path.stat().st_size
    return sum(kinds.values()), dict(sorted(kinds.items()))


def _kind(name: str) -> str:
    for suffix, kind in ((".pf_fragment", "fragment"), (".pf_index", "index"), (".pf_filter", "filter"),
                         (".pf_meta", "meta"), (".pagefind", "wasm"), (".js", "js"), (".css", "css"),
                         (".json", "json"), (".html", "html"), (".svg", "image"), (".png", "image")):
        if name.endswith(suffix):
            return kind
    return "other"


def _browse(out: Path, query: str, language: str,
            default_ui: bool) -> tuple[Fetched, Fetched, Fetched, Fetched | None]:
    sys.path.insert(0, str(REPO / "tests"))
    from helpers import chromium, static_server

    if default_ui:
        _add_default_ui(out, query, language)
    with static_server(out, PREFIX) as url, chromium() as context:
        fetched: list[tuple[str, int]] = []
        page = _recording_page(context, fetched)
        first = _first_query(page, url + "search/?q=" + quote(query), fetched)
        fetched.clear()
        page.click('.search-facet[data-facet="actor"] summary')
        page.wait_for_selector('.search-facet[data-facet="actor"] li')
        page.wait_for_load_state("networkidle")
        facet = _tally(fetched)
        fetched.clear()
        # A fresh context, so nothing the first page fetched is in the cache.
        fresh = context.browser.new_context()
        by_date = _first_query(_recording_page(fresh, fetched), url + "search/?sort=date&q=" + quote(query), fetched)
        fresh.close()
        fetched.clear()
        if not default_ui:
            return first, facet, by_date, None
        fresh = context.browser.new_context()
        page = _recording_page(fresh, fetched)
        page.goto(url + "pagefind-default-ui/")
        page.wait_for_selector(".pagefind-ui__result-link")
        page.wait_for_load_state("networkidle")
        default = _tally(fetched)
        fresh.close()
    return first, facet, by_date, default


def _first_query(page, address: str, fetched: list[tuple[str, int]]) -> Fetched:
    """Open the search page at address; return what it fetched until its first results were shown."""
    page.goto(address)
    page.wait_for_function("() => document.querySelector('#search-results li') &&"
                           " !document.getElementById('search-results').hasAttribute('aria-busy')")
    page.wait_for_load_state("networkidle")
    return _tally(fetched)


def _recording_page(context, fetched: list[tuple[str, int]]):
    page = context.new_page()
    page.on("requestfinished", lambda request: fetched.append((request.url, _body_size(request))))
    return page


def _add_default_ui(out: Path, query: str, language: str) -> None:
    """Put Pagefind's own UI files (which the build drops) and a page using them into out."""
    scratch = Path(tempfile.mkdtemp(prefix="pagefind-ui-"))
    try:
        (scratch / "index.html").write_text("<html><body><p>ui</p></body></html>", encoding="utf-8")
        # One single bundle of every page, at pagefind-single/, as Pagefind's UI expects.
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(out), "--output-path",
                        str(out / "pagefind-single"), "--force-language", language, "--silent"], check=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    page = out / "pagefind-default-ui" / "index.html"
    page.parent.mkdir(exist_ok=True)
    page.write_text(DEFAULT_UI_PAGE.format(lang=language, prefix=PREFIX, query=json.dumps(query)),
                    encoding="utf-8")


def _body_size(request) -> int:
    return max(0, request.sizes()["responseBodySize"])


def _tally(fetched: list[tuple[str, int]]) -> Fetched:
    result = Fetched()
    kinds: dict[str, int] = defaultdict(int)
    for url, size in fetched:
        name = url.split("?")[0].rstrip("/").rsplit("/", 1)[-1] or "index.html"
        kind = _kind(name) if "." in name else "html"
        kinds[kind] += size
        result.total += size
        result.requests += 1
        result.gzip_total += _gzip_size(url, size) if kind in ("js", "css", "html", "json") else size
    result.by_kind = dict(sorted(kinds.items()))
    return result


_GZIP_CACHE: dict[str, int] = {}


def _gzip_size(url: str, size: int) -> int:
    # Measured again from the file served, so the figure is what a compressing host sends.
    import urllib.request

    if url not in _GZIP_CACHE:
        with urllib.request.urlopen(url) as response:  # noqa: S310 (our own 127.0.0.1 server)
            _GZIP_CACHE[url] = len(gzip.compress(response.read(), 6))
    return _GZIP_CACHE[url]


def render(report: Report) -> str:
    """Return the figures as a small text table."""
    kb = lambda n: f"{n / 1024:,.1f} KB"  # noqa: E731
    largest = max(report.shards, key=lambda shard: shard[1])
    lines = [
        f"corpus: {report.articles:,} synthetic articles; {report.pages_indexed}",
        f"shards: {len(report.shards)} of at most {report.shard_pages:,} pages (largest {largest[0]}: "
        f"{largest[1]:,}; newest {report.shards[0][0]}: {report.shards[0][1]:,})",
        f"cold index time: median {report.index_median_s:.1f} s of {len(report.index_runs_s)} runs "
        f"({', '.join(f'{s:.1f}' for s in report.index_runs_s)})",
        f"bundle on disk: {kb(report.bundle_bytes)} "
        f"({', '.join(f'{k} {kb(v)}' for k, v in report.bundle_by_kind.items())})",
        f"query: {report.query!r}",
    ]
    fetches = [("first query, our search page", report.first_query),
               ("then opening the actor facet", report.open_actor_facet),
               ("first query sorted by date, a fresh browser", report.first_query_by_date)]
    if report.default_ui_first_query:
        fetches.append(("first query, Pagefind Default UI, one bundle", report.default_ui_first_query))
    for label, fetched in fetches:
        lines.append(f"{label}: {kb(fetched.total)} in {fetched.requests} requests "
                     f"({kb(fetched.gzip_total)} with gzip on text) — "
                     + ", ".join(f"{k} {kb(v)}" for k, v in fetched.by_kind.items()))
    for label, runs, cpus, searches in (
            ("one story added", report.added_runs_s, report.added_cpu_s, report.added_search),
            ("one story edited", report.edited_runs_s, report.edited_cpu_s, report.edited_search)):
        if runs:
            lines.append(f"build.py build after {label}: median {statistics.median(runs):.2f} s of "
                         f"{', '.join(f'{s:.2f}' for s in runs)}; CPU median {statistics.median(cpus):.2f} s of "
                         f"{', '.join(f'{s:.2f}' for s in cpus)} ({searches[-1]})")
    if report.load:
        lines.append(report.load)
    return "\n".join(lines)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
