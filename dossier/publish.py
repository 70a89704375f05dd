"""Files a publisher needs beside the pages: feeds, sitemap, robots.txt, .nojekyll, CNAME."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .assemble import Site
from .render import Output


def render_publishing(site: Site, layout_dirs: Sequence[Path]) -> list[Output]:
    """Return the publishing files for site."""
    return []
