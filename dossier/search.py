"""Search: index the written site with Pagefind (the last stage of a build).

One index for every language of the dossier. Pagefind keeps one index per
<html lang> and a page only searches the index of its own language, so a Russian
reader would never find an English story. We force the site's language for all
pages instead: Russian words are stemmed (Snowball), Latin words are matched by
prefix, and both come back from the one search page. Pages mark what is indexed
with data-pagefind-* attributes. The name variants that let "Macron" find "Макрон"
are metadata fields (layouts/search_terms.html): Pagefind searches those since 1.5
but never quotes them in an excerpt.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .assemble import Site
from .errors import DossierError, Problem
from .write import SEARCH_BUNDLE

BUNDLE = SEARCH_BUNDLE  # the writer leaves this folder to the search stage
# Pagefind writes its own ready-made interfaces too; our search page has its own
# (static/js/search.js), so a deployed site does not carry 400 KB nobody loads.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


def index(site: Site, out_dir: Path) -> str:
    """Index the pages written to out_dir into out_dir/pagefind; return a one-line summary."""
    # Written beside the live bundle and swapped in: a failed index keeps the last good one.
    fresh = out_dir / f".{BUNDLE}-new"
    _remove(fresh)
    # The CLI rather than the package's asyncio API: that API waits forever when the
    # Pagefind process dies, where the CLI exits non-zero with its reason on stderr.
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(out_dir), "--output-path", str(fresh),
         "--force-language", site.config.language, "--silent"],
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
    return f"search index of {pages} pages written to {BUNDLE}/"


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
