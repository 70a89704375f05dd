"""Search: index the written site with Pagefind, in shards (the last stage of a build).

One index for every language of the dossier. Pagefind keeps one index per
<html lang> and a page only searches the index of its own language, so a Russian
reader would never find an English story. We force the site's language for all
pages instead: Russian words are stemmed (Snowball), Latin words are matched by
prefix, and both come back from the one search page. Pages mark what is indexed
with data-pagefind-* attributes. The name variants that let "Macron" find "Макрон"
are metadata fields (layouts/search_terms.html): Pagefind searches those since 1.5
but never quotes them in an excerpt.

Pagefind has no incremental mode, and its memory grows with the pages of one run
(14.5 GB at 100,000 articles). So the index is cut in shards, each its own bundle
under pagefind/<shard>/, searched as one in the browser (Pagefind's mergeIndex,
static/js/search.js). A shard holds the pages of one span of time: the newest month
is the open shard, where a new story lands; the newest year's other months are one
shard, with the profiles and other undated pages, which a month's end re-indexes; older
stories sit in archive shards of a decade, a year, a quarter or a month, whichever is
the widest that holds at most SHARD_PAGES pages, which a year's end re-indexes. The plan
is a function of the pages' dates alone, so an incremental build shards as a cold one
does. A shard is indexed again only when what Pagefind reads from one of its pages
changed, or a page joined or left it; Pagefind is handed lean copies of its pages
(output/pagefind.py), and of the bundle it returns only the files that changed are
written. Each shard carries its own order by date (DATE_ORDER), fetched only by a
search sorted by date.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..util.store import Stamp, digest, load_keyed, save_keyed, stamp_of, versions, write_atomic
from . import pagefind
from .pagefind import lean, url_of
from .write import MANIFEST, SEARCH_BUNDLE, STAGING

BUNDLE = SEARCH_BUNDLE  # the writer leaves this folder to the search stage
SHARDS = "shards.json"  # in BUNDLE: the shards, newest first, for static/js/search.js
# In each shard: Pagefind's ids of its dated pages, newest first, which static/js/search.js
# fetches when a reader sorts by date. Pagefind can sort by itself (data-pagefind-sort),
# but keeps the order in the metadata every query loads: 22 KB of the first query's 311
# at 10,000 articles (bench/search.py), for a sort few readers ask for.
DATE_ORDER = "by-date.json"
# The largest archive shard, unless site.yml sets search_shard_pages. Pagefind's peak
# memory follows the pages of one run (about 150 KB a page), and a reader's first query
# fetches a chunk of about 15 KB from every shard: at 10,000 articles one index fetched
# 283 KB, five shards of up to 5,000 pages 342 KB, two of up to 10,000 299 KB
# (bench/search.py; the target is 300 KB).
SHARD_PAGES = 10_000
UNDATED = "pages"  # the one shard of a site without dated pages

_PAGEFIND = ("pagefind", "pagefind_bin", "pagefind_bin_extended")
_SIGNATURE = b"pagefind_dcd"  # what Pagefind's files begin with, once unzipped
_ENTRY = "pagefind-entry.json"  # names the metadata, which names every other file Pagefind reads
_NAMED_BY_BYTES = re.compile(r"_[0-9a-f]{7,10}\.pf_(fragment|index|filter|meta)$")
_DATE = re.compile(rb'data-search-date="(-?\d+)"')


@dataclass(frozen=True)
class Indexed:
    """What the search stage knows of one written HTML file."""

    stamp: Stamp  # (mtime, size): what the Pages workflow's cache (tar --posix) keeps of a file
    content: str  # digest of what Pagefind reads from it; "" for a page it does not index
    date: int | None  # its sort date, seconds since 1970; None for an undated page


@dataclass
class State:
    """What the last run indexed into one output folder."""

    pages: dict[str, Indexed] = field(default_factory=dict)  # relative path -> what it held
    shards: dict[str, tuple[str, str, int]] = field(default_factory=dict)  # name -> (content, bundle, pages)
    # name -> the page of each fragment (id -> path): a fragment is named after its bytes,
    # so a page that did not change is known without unzipping its fragment again.
    fragments: dict[str, dict[str, str]] = field(default_factory=dict)


def index(language: str, out_dir: Path, cache_dir: Path, shard_pages: int = SHARD_PAGES) -> str:
    """Index the pages written to out_dir into shards under out_dir/pagefind; return a summary.

    A shard is kept when its pages held what they held when it was indexed, the
    language, Pagefind and this stage are those it was made from, and its bundle is
    the one this stage left (cache_dir keeps what it was made from).
    """
    record = cache_dir / f"search-{digest(str(out_dir))[:12]}.pickle"
    key = _code_key(language)
    kept = load_keyed(record, key)
    state = kept if isinstance(kept, State) else State()
    pages = _scan(out_dir, state.pages)
    plan = plan_shards({path: page.date for path, page in pages.items() if page.content}, shard_pages)
    contents = {name: digest(*(f"{path} {pages[path].content}" for path in paths)) for name, paths in plan.items()}
    bundle = out_dir / BUNDLE
    bundles = {name: _bundle_key(bundle / name) for name in plan}
    todo = [name for name in plan if state.shards.get(name, ("", "", 0))[:2] != (contents[name], bundles[name])]
    manifest = _manifest(plan)
    if not todo and _read(bundle / SHARDS) == manifest and _only(bundle, plan):
        save_keyed(record, key, State(pages, state.shards, state.fragments))
        return f"search index unchanged ({_count(plan)} pages in {len(plan)} shards)"
    known = {fragment: path for shard in state.fragments.values() for fragment, path in shard.items()}
    fragments = {name: state.fragments.get(name, {}) for name in plan}
    for name in todo:
        files = pagefind.run(language, _lean_pages(out_dir, plan[name]), out_dir)
        fragments[name] = {fragment: known.get(fragment) or fragment_path(data)
                           for fragment, data in _fragments(files)}
        order = date_order(fragments[name], {path: pages[path].date for path in plan[name]})
        files[DATE_ORDER] = json.dumps(order, separators=(",", ":")).encode()
        _install(files, bundle / name)
        bundles[name] = _bundle_key(bundle / name)
    if _read(bundle / SHARDS) != manifest:
        write_atomic(bundle / SHARDS, manifest.encode())
    for stale in set(os.listdir(bundle)) - set(plan) - {SHARDS}:
        _remove(bundle / stale)
    shards = {name: (contents[name], bundles[name], len(paths)) for name, paths in plan.items()}
    save_keyed(record, key, State(pages, shards, fragments))
    return f"search index of {_count(plan)} pages in {len(plan)} shards ({len(todo)} indexed)"


def _lean_pages(out_dir: Path, paths: list[str]) -> Iterator[tuple[str, bytes]]:
    """Yield the URL and the lean copy of each page at paths that is still there and indexed."""
    for path in paths:
        try:
            html = lean(Path(out_dir, path).read_bytes())
        except OSError:  # removed since the scan (the preview writes meanwhile): the next run sees it gone
            continue
        if html:
            yield url_of(path), html


def _install(files: dict[str, bytes], folder: Path) -> None:
    """Make folder hold files (relative path -> bytes) and nothing else, writing only the files that differ.

    Pagefind names fragments, index chunks, filters and metadata after their bytes: one
    already there with its size is the same file, and a new one is read by nobody until
    the entry, written last, leads to it. One new story at 10,000 articles changes 23 of
    the open shard's 333 files (its fragment, 13 index chunks, the filters, metadata,
    entry and order by date).
    """
    if os.path.islink(folder) or os.path.isfile(folder):
        _remove(folder)
    old = {}
    for current, dirs, names in os.walk(folder):
        for name in [*dirs, *names]:
            full = os.path.join(current, name)
            if os.path.islink(full):  # never written through: it could lead out of the output folder
                os.unlink(full)
            elif name in names:
                old[os.path.relpath(full, folder).replace(os.sep, "/")] = os.path.getsize(full)
    for rel in sorted(files, key=lambda rel: rel == _ENTRY):
        data, target = files[rel], folder / rel
        named = _NAMED_BY_BYTES.search(rel) is not None
        if old.get(rel) == len(data) and (named or target.read_bytes() == data):
            continue  # the same file
        if named and rel not in old:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        else:
            write_atomic(target, data)
    for rel in old.keys() - files.keys():
        Path(folder, rel).unlink(missing_ok=True)


def plan_shards(dates: dict[str, int | None], shard_pages: int = SHARD_PAGES) -> dict[str, list[str]]:
    """Return the shards of the indexed pages (path -> sort date), newest first: name -> sorted paths.

    The newest month, then the newest year's other months with the undated pages, then
    the closed years. Each of the last two is one shard of at most shard_pages pages (the
    undated ones aside), or is cut in finer spans of the calendar, down to a month.
    """
    undated = [path for path, date in dates.items() if date is None]
    dated = sorted(((date, path, _utc(date)) for path, date in dates.items() if date is not None), reverse=True)
    if not dated:
        return {UNDATED: sorted(undated)} if undated else {}
    newest = _SPANS[-1](dated[0][2])
    year = dated[0][2].year
    shards = {newest: [path for _, path, day in dated if _SPANS[-1](day) == newest]}
    # A month's end moves that month into its year's shard, not into the whole archive;
    # a year's end moves the year into the archive, once.
    _split(str(year), [page for page in dated if page[2].year == year and _SPANS[-1](page[2]) != newest],
           2, shard_pages, shards)
    # What a profile's page shows to search does not change with a new story (the stories
    # it lists are not indexed): the profiles join the newest year's closed months, which
    # a new story leaves alone and a month's end indexes anyway, and cost no shard of
    # their own to every query. In a year's first month they join the open shard.
    names = list(shards)
    shards[names[1] if len(names) > 1 else newest] += undated
    _split("archive", [page for page in dated if page[2].year != year], 0, shard_pages, shards)
    return {name: sorted(paths) for name, paths in shards.items()}


# Archive shards are spans of the calendar, widest first: a span with more than
# SHARD_PAGES pages is cut into the next finer ones, down to a month.
_SPANS: tuple[Callable[[dt.datetime], str], ...] = (
    lambda day: f"{day.year // 10 * 10}s",
    lambda day: f"{day.year}",
    lambda day: f"{day.year}-q{(day.month - 1) // 3 + 1}",
    lambda day: f"{day.year}-{day.month:02d}",
)


def _split(name: str, dated: list[tuple[int, str, dt.datetime]], level: int, most: int,
           shards: dict[str, list[str]]) -> None:
    """Add dated (date, path, UTC day; newest first) to shards as one shard called name, or cut in finer spans."""
    if not dated:
        return
    if len(dated) <= most or level == len(_SPANS):
        shards[name] = [path for _, path, _ in dated]
        return
    spans: dict[str, list[tuple[int, str, dt.datetime]]] = {}
    for page in dated:
        spans.setdefault(_SPANS[level](page[2]), []).append(page)
    for span, members in spans.items():  # newest first: dated is
        _split(span, members, level + 1, most, shards)


def _utc(date: int) -> dt.datetime:
    return dt.datetime(1970, 1, 1) + dt.timedelta(seconds=date)


def _manifest(plan: dict[str, list[str]]) -> str:
    """Return shards.json: the shards newest first, each with its page count."""
    # A search sorted by date lists the dated pages only; a site with none (its one shard
    # UNDATED) keeps the order of relevance (static/js/search.js).
    shards = [{"name": name, "pages": len(paths), "dated": name != UNDATED} for name, paths in plan.items()]
    return json.dumps({"shards": shards}, separators=(",", ":"))


def _count(plan: dict[str, list[str]]) -> int:
    return sum(len(paths) for paths in plan.values())


def _scan(out_dir: Path, known: dict[str, Indexed]) -> dict[str, Indexed]:
    """Return what every HTML file of out_dir holds for search, reading only those changed since known."""
    pages: dict[str, Indexed] = {}
    for path in _html_files(out_dir):
        try:
            stat = os.stat(f"{out_dir}{os.sep}{path}")
        except OSError:  # removed since it was listed (the preview writes meanwhile)
            continue
        before = known.get(path)
        if before is not None and before.stamp == stamp_of(stat):
            pages[path] = before
            continue
        # Stamped before it is read: a page replaced meanwhile is read again next time.
        try:
            html = Path(out_dir, path).read_bytes()
        except OSError:
            continue
        pages[path] = _indexed(html, stamp_of(stat))
    return pages


def _html_files(out_dir: Path) -> list[str]:
    """Return the paths of the HTML files in out_dir: from the writer's list of its files, else by a walk."""
    # A walk of 10,000 article folders takes longer than the rest of a rebuild's search stage.
    try:
        files = json.loads((out_dir / MANIFEST).read_bytes())["files"]
        return [path for path in files if isinstance(path, str) and path.endswith(".html")]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    found = []
    skipped = {BUNDLE, STAGING}
    for folder, dirs, files in os.walk(out_dir):
        rel = os.path.relpath(folder, out_dir)
        if rel == ".":
            dirs[:] = [name for name in dirs if name not in skipped]
        found += [name if rel == "." else f"{rel}/{name}".replace(os.sep, "/") for name in files if name.endswith(".html")]
    return found


def _indexed(html: bytes, stamp: Stamp) -> Indexed:
    """Return what Pagefind reads of a page (a digest of its lean copy) and its sort date."""
    page = lean(html)
    if not page:
        return Indexed(stamp, "", None)
    date = _DATE.search(page)
    return Indexed(stamp, digest(page), int(date.group(1)) if date else None)


def _fragments(files: dict[str, bytes]) -> Iterator[tuple[str, bytes]]:
    """Yield the id and bytes of each page's fragment among a bundle's files (relative path -> bytes)."""
    for rel, data in files.items():
        if rel.startswith("fragment/") and rel.endswith(".pf_fragment"):
            yield rel.removeprefix("fragment/").removesuffix(".pf_fragment"), data


def fragment_path(data: bytes) -> str:
    """Return the path of the page a Pagefind fragment (its file's bytes) stands for."""
    if not data.startswith(_SIGNATURE):
        data = gzip.decompress(data)
    url = json.loads(data[len(_SIGNATURE):])["url"]
    return url.lstrip("/") + ("index.html" if url.endswith("/") else "")  # Pagefind drops index.html


def date_order(fragments: dict[str, str], dates: dict[str, int | None]) -> list[str]:
    """Return the ids of a bundle's pages (fragment id -> path) that have a date (path -> seconds), newest first.

    An id is the name of the page's fragment; pages of one date go by path, so the order
    is the same from every run.
    """
    dated = [(-date, path, fragment) for fragment, path in fragments.items() if (date := dates.get(path)) is not None]
    return [fragment for _, _, fragment in sorted(dated)]


def _code_key(language: str) -> str:
    """Return a digest of what every shard is made with: the language, Pagefind's version, this code."""
    return digest(language, Path(__file__).read_text(encoding="utf-8"), *versions(_PAGEFIND))


def _bundle_key(folder: Path) -> str:
    """Return a digest of the stamps of a shard's bundle: it changes if a file is added, removed or replaced.

    The stamps of its files at the top (the entry, which names the metadata) and of its
    folders, whose time changes when a file comes or goes in them: stat-ing each of the
    fragments (one a page) took 0.2 s a build at 10,000 articles. Pagefind's files are
    never changed in place; one that were would be missed. Not the inode: the Pages
    workflow restores the bundles from its cache (tar keeps times) as new files.
    """
    parts: list[str] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return ""
    for entry in [*entries, folder]:
        try:
            stat = os.stat(entry)
        except OSError:
            parts.append(f"{entry} gone")
            continue
        parts.append(f"{getattr(entry, 'name', '.')} {stat.st_mtime_ns} {stat.st_size}")
    return digest(*parts)


def _only(bundle: Path, plan: dict[str, list[str]]) -> bool:
    """Tell whether the bundle folder holds the planned shards and their list, nothing else."""
    try:
        return set(os.listdir(bundle)) == set(plan) | {SHARDS}
    except OSError:
        return False


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()

