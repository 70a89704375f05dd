"""Session fixtures: the example dossier built once under a subpath, and served."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import EXAMPLE_SITE, copy_site, run_build, static_server

SUBPATH = "/dossier/"


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the example dossier, with search, for https://example.org/dossier/; return its output."""
    root = copy_site(EXAMPLE_SITE, tmp_path_factory.mktemp("example"))
    out = root / "public"
    result = run_build(root, "--out", str(out), "--base-url", "https://example.org" + SUBPATH)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def example_url(example_build: Path) -> Iterator[str]:
    """Serve the built example on 127.0.0.1 under /dossier/; yield its base URL."""
    with static_server(example_build, SUBPATH) as url:
        yield url
