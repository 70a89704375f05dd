"""Old addresses keep working: a merged or re-slugged profile leaves a redirect page behind."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from helpers import SITES, copy_site, run_build, static_server
from test_a11y import AXE, BLOCKING, browser, describe  # noqa: F401 (browser: a fixture)
from test_desk_cli import actors
from test_validate import validate

BASE = "https://desk.example/dossier/"


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The desk fixture with i-quorrest merged and glimmerfen re-slugged, built; return its root."""
    root = copy_site(SITES / "desk", tmp_path_factory.mktemp("redirects"))
    assert actors(root, "merge", "i-quorrest", "--into", "ilvana-quorrest").returncode == 0
    assert actors(root, "rename", "glimmerfen", "Glimmerfen Barges", "--slug").returncode == 0
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    return root


def test_the_old_address_redirects_to_the_new(corrected: Path) -> None:
    page = (corrected / "public/actors/i-quorrest/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=/dossier/actors/ilvana-quorrest/">' in page
    assert f'<link rel="canonical" href="{BASE}actors/ilvana-quorrest/">' in page
    assert '<meta name="robots" content="noindex">' in page
    assert "Content-Security-Policy" in page and "data-pagefind-body" not in page  # never in search
    assert not (corrected / "public/actors/i-quorrest/card.json").exists()
    moved = (corrected / "public/actors/glimmerfen/index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{BASE}actors/glimmerfen-barges/">' in moved
    # Feeds and the sitemap know only the new addresses.
    published = "".join((corrected / "public" / name).read_text(encoding="utf-8")
                        for name in ("sitemap.xml", "feed.xml", "actors/ilvana-quorrest/feed.xml"))
    assert "actors/i-quorrest/" not in published and "actors/glimmerfen/" not in published
    assert f"{BASE}actors/glimmerfen-barges/" in published


def test_later_builds_keep_redirects_and_follow_chains(corrected: Path, tmp_path: Path) -> None:
    root = copy_site(corrected, tmp_path / "site")
    assert actors(root, "merge", "glimmerfen-barges", "--into", "tomasz-quorrest").returncode == 0
    assert run_build(root).returncode == 0
    old = (root / "public/actors/glimmerfen/index.html").read_text(encoding="utf-8")
    assert "url=/dossier/actors/tomasz-quorrest/" in old  # straight to the profile, no hop
    assert "url=/dossier/actors/tomasz-quorrest/" in (root / "public/actors/glimmerfen-barges/index.html").read_text(
        encoding="utf-8")
    assert (root / "public/actors/i-quorrest/index.html").is_file()  # the earlier merge's too


def test_an_address_taken_again_is_a_profile_not_a_redirect(corrected: Path, tmp_path: Path) -> None:
    root = copy_site(corrected, tmp_path / "site")
    assert actors(root, "rename", "glimmerfen-barges", "Glimmerfen", "--slug").returncode == 0
    corrections = (root / "content/corrections.yml").read_text(encoding="utf-8")
    assert "glimmerfen-barges: glimmerfen" in corrections and "glimmerfen: glimmerfen-barges" not in corrections
    assert run_build(root).returncode == 0
    page = (root / "public/actors/glimmerfen/index.html").read_text(encoding="utf-8")
    assert "http-equiv=\"refresh\"" not in page and "<h1" in page
    assert "url=/dossier/actors/glimmerfen/" in (root / "public/actors/glimmerfen-barges/index.html").read_text(
        encoding="utf-8")


@pytest.mark.slow
def test_redirect_pages_are_valid_html(corrected: Path) -> None:
    pages = [corrected / "public/actors/i-quorrest/index.html", corrected / "public/actors/glimmerfen/index.html"]
    result = validate(pages)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.browser
def test_chromium_follows_the_redirect_and_axe_passes_the_page(corrected: Path, browser: Any) -> None:
    with static_server(corrected / "public", "/dossier/") as url:
        page = browser.new_page()
        page.goto(url + "actors/i-quorrest/")
        page.wait_for_url(re.compile(r".*/actors/ilvana-quorrest/$"))
        assert page.locator("h1").inner_text() == "Ilvana Quorrest"
        context = browser.new_context()
        context.add_init_script(path=str(AXE))
        held = context.new_page()
        # Held on the redirect page: its target answers 204, which leaves a browser where it is.
        held.route(re.compile(r".*/actors/ilvana-quorrest/$"), lambda route: route.fulfill(status=204))
        held.goto(url + "actors/i-quorrest/", wait_until="load")
        held.wait_for_timeout(300)  # past the refresh: the page must still be the redirect
        assert held.locator("h1").inner_text() == "This profile has moved"
        result = held.evaluate("axe.run(document, {resultTypes: ['violations']})")
        found = [v for v in result["violations"] if v["impact"] in BLOCKING]
        assert not found, describe(found)
        context.close()
