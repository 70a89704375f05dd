"""The preview's search index, refreshed in a background thread so that pages reload first."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path

from ..site.assemble import Site
from ..util.errors import DossierError


class SearchIndexer:
    """Refresh the search index in the background, one run at a time, the latest wins."""

    def __init__(self, out_dir: Path, cache_dir: Path, site: Callable[[], Site]):
        self.out_dir = out_dir
        self.cache_dir = cache_dir
        self.site = site
        self._wanted = threading.Event()
        self._stopping = False
        self._thread: threading.Thread | None = None
        self.runs = 0

    def request(self) -> None:
        """Ask for a fresh index; requests made while one runs fold into one more run."""
        self._wanted.set()
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, daemon=True, name="preview-search")
            self._thread.start()

    def stop(self) -> None:
        """Stop after the run under way, if any."""
        self._stopping = True
        self._wanted.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def _run(self) -> None:
        from ..output.search import index
        while True:
            self._wanted.wait()
            if self._stopping:
                return
            self._wanted.clear()
            try:
                config = self.site().config
                index(config.language, out_dir=self.out_dir, cache_dir=self.cache_dir, shard_pages=config.search_shard_pages)
            except DossierError as exc:
                for problem in exc.problems:
                    print(f"error: {problem}", file=sys.stderr, flush=True)
            self.runs += 1
