"""Search: index the written site with Pagefind (the last stage of a build)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .assemble import Site
from .errors import DossierError, Problem


def index(site: Site, out_dir: Path) -> str:
    """Index out_dir with Pagefind; return a one-line summary."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(out_dir), "--quiet"],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise DossierError(Problem(out_dir, "search index failed: " + (result.stderr.strip() or result.stdout.strip())))
    return "search index written"
