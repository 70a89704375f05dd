"""Search: index the written site with Pagefind (the last stage of a build).

One index for every language of the dossier. Pagefind keeps one index per
<html lang> and a page only searches the index of its own language, so a Russian
reader would never find an English story. We force the site's language for all
pages instead: Russian words are stemmed (Snowball), Latin words are matched by
prefix, and both come back from the one search page. Pages mark what is indexed
with data-pagefind-* attributes. The name variants that let "Macron" find "Макрон"
are metadata fields (layouts/search_terms.html): Pagefind searches those since 1.5
but never quotes them in an excerpt. A build whose pages did not change keeps the
index as it is: Pagefind has no incremental mode, so any change indexes them all.
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .cache import digest, load_keyed, save_keyed
from .errors import DossierError, Problem
from .write import SEARCH_BUNDLE, STAGING

BUNDLE = SEARCH_BUNDLE  # the writer leaves this folder to the search stage
# Pagefind writes its own ready-made interfaces too; our search page has its own
# (static/js/search.js), so a deployed site does not carry 400 KB nobody loads.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


_FRESH = f".{BUNDLE}-new"  # the bundle being written, swapped in when whole
_PAGEFIND = ("pagefind", "pagefind_bin", "pagefind_bin_extended")


def index(language: str, out_dir: Path, cache_dir: Path) -> str:
    """Index the pages written to out_dir into out_dir/pagefind, unless it holds their index; return a summary.

    The index is kept when the HTML files, the language, Pagefind and this stage are
    those it was made from, and the bundle is the one this stage left (cache_dir keeps
    what it was made from).
    """
    record = cache_dir / f"search-{digest(str(out_dir))[:12]}.pickle"
    key = _inputs_key(language, out_dir)
    kept = load_keyed(record, key)
    fresh = out_dir / _FRESH
    # A leftover fresh bundle is a run killed midway: its swap may not have happened.
    if isinstance(kept, tuple) and kept[0] == _bundle_key(out_dir) and not os.path.lexists(fresh):
        return f"search index unchanged ({kept[1]} pages)"
    pages = _run(language, out_dir)
    save_keyed(record, key, (_bundle_key(out_dir), pages))
    return f"search index of {pages} pages written to {BUNDLE}/"


def _run(language: str, out_dir: Path) -> int:
    """Run Pagefind over out_dir and swap its bundle in; return the number of pages indexed."""
    # Written beside the live bundle and swapped in: a failed index keeps the last good one.
    fresh = out_dir / _FRESH
    _remove(fresh)
    # The CLI rather than the package's asyncio API: that API waits forever when the
    # Pagefind process dies, where the CLI exits non-zero with its reason on stderr.
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(out_dir), "--output-path", str(fresh),
         "--force-language", language, "--silent"],
        cwd=out_dir, capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        _remove(fresh)
        reason = (result.stderr.strip() or result.stdout.strip() or f"exit code {result.returncode}").splitlines()
        raise DossierError(Problem(out_dir, f"search index failed: {reason[-1]}"))
    for name in UNUSED:
        (fresh / name).unlink(missing_ok=True)
    # One fragment per page that marks content with data-pagefind-body.
    pages = sum(1 for _ in (fresh / "fragment").iterdir()) if (fresh / "fragment").is_dir() else 0
    bundle = out_dir / BUNDLE
    _remove(bundle)
    fresh.rename(bundle)
    return pages


def _inputs_key(language: str, out_dir: Path) -> str:
    """Return a digest of what Pagefind reads: every HTML file's stamp, the language, its version, this code."""
    # Taken before Pagefind runs: a page replaced meanwhile gets a new stamp (dossier
    # writes by rename, so a new inode too), and the next build indexes again.
    parts = [language, Path(__file__).read_text(encoding="utf-8")]
    for name in _PAGEFIND:
        try:
            parts.append(f"{name}=={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{name} missing")
    skipped = {BUNDLE, _FRESH, STAGING}
    for folder, dirs, files in os.walk(out_dir):
        if folder == str(out_dir):
            dirs[:] = [name for name in dirs if name not in skipped]
        dirs.sort()
        parts += _stamps(folder, sorted(name for name in files if name.endswith(".html")))
    return digest(*parts)


def _bundle_key(out_dir: Path) -> str:
    """Return a digest of the stamps of every file in the bundle: it changes if any is touched, added or removed."""
    parts: list[str] = []
    for folder, dirs, files in os.walk(out_dir / BUNDLE):
        dirs.sort()
        parts += [folder, *_stamps(folder, sorted(files))]
    return digest(*parts)


def _stamps(folder: str, names: list[str]) -> list[str]:
    """Return a line per named file in folder with its mtime, size and inode."""
    stamps = []
    for name in names:
        try:
            stat = os.stat(os.path.join(folder, name))
        except OSError:  # removed since the walk listed it (the preview writes meanwhile)
            stamps.append(f"{folder}/{name} gone")
            continue
        stamps.append(f"{folder}/{name} {stat.st_mtime_ns} {stat.st_size} {stat.st_ino}")
    return stamps


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
