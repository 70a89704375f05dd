"""axe-core in headless Chromium: no serious or critical violation on any kind of page, light or dark."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from helpers import CHROMIUM, CHROMIUM_ARGS, REPO, SITES, copy_site, run_build, static_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
ARTICLE = "articles/tf1-uitkoff-i-kushner-primut-uchastie-vo-vstreche-koalitsii-zhelayushchikh-v-parizhe/"
# One page of each kind, as URL paths under the served base.
PAGES = {
    "home": "",
    "article": ARTICLE,
    "actor": "actors/sergey-lavrov/",
    "topic": "topics/peremirie/",
    "topic-briefing": "topics/peremirie/briefing/",
    "actor-briefing": "actors/sergey-lavrov/briefing/",
    "source": "sources/tass/",
    "timeline": "timeline/",
    "timeline-period": "timeline/2025/12/",
    "timeline-year": "timeline/2025/",
    "network": "network/",
    "search": "search/?q=%D0%9C%D0%B0%D0%BA%D1%80%D0%BE%D0%BD",  # a query, so results are checked too
    "404": "no/such/page/",
}
# The network fixture draws what the example lacks: every kind of actor and the period filter.
NETWORK_PAGES = {"network, every kind": "network/", "network, one year": "network/2023/",
                 "actor, neighbours of every kind": "actors/orla-vantz/"}
BLOCKING = ("serious", "critical")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module; each scheme gets its own context."""
    from playwright.sync_api import sync_playwright

    assert AXE.is_file(), "axe-core is missing: run `npm ci` (scripts/dev test does)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def network_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Build the network fixture and serve it under its /dossier/ path; yield its base URL."""
    root = copy_site(SITES / "network", tmp_path_factory.mktemp("a11y-network"))
    result = run_build(root, "--no-search")
    assert result.returncode == 0, result.stderr
    with static_server(root / "public", "/dossier/") as url:
        yield url


@pytest.fixture(scope="module", params=["light", "dark"])
def page(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    context = browser.new_context(color_scheme=request.param)
    # Loaded as the browser's own init script: the pages' Content-Security-Policy refuses
    # a script tag added to them, and rightly so.
    context.add_init_script(path=str(AXE))
    yield context.new_page()
    context.close()


def violations(page: Any, url: str) -> list[dict[str, Any]]:
    """Load url, run axe on it and return its serious and critical violations."""
    page.goto(url, wait_until="networkidle")
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in BLOCKING]


def describe(found: list[dict[str, Any]]) -> str:
    lines = []
    for v in found:
        lines.append(f"{v['impact']}: {v['id']}: {v['help']}")
        lines += [f"    {n['target']}: {n.get('failureSummary', '').splitlines()[-1:]}" for n in v["nodes"][:5]]
    return "\n".join(lines)


@pytest.mark.parametrize("kind", list(PAGES))
def test_no_serious_violations(page: Any, example_url: str, kind: str) -> None:
    found = violations(page, example_url + PAGES[kind])
    assert not found, f"{kind} ({PAGES[kind] or 'home'}):\n{describe(found)}"


@pytest.mark.parametrize("kind", list(NETWORK_PAGES))
def test_network_pages_have_no_serious_violations(page: Any, network_url: str, kind: str) -> None:
    found = violations(page, network_url + NETWORK_PAGES[kind])
    assert not found, f"{kind} ({NETWORK_PAGES[kind]}):\n{describe(found)}"


def test_axe_finds_violations(page: Any) -> None:
    # Guards against an axe run that checks nothing: an unlabelled field and grey-on-grey text fail.
    page.goto("about:blank")
    page.set_content('<html lang="en"><title>t</title><body><main><input type="text">'
                     '<p style="color:#bbb;background:#ccc">faint</p></main></body></html>')
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    ids = {v["id"] for v in result["violations"] if v["impact"] in BLOCKING}
    assert {"label", "color-contrast"} <= ids


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", ["home", "actor"])
def test_new_since_marks_have_no_serious_violations(browser: Any, example_url: str, kind: str, scheme: str) -> None:
    # A reader back after a visit in 2000: every article is marked new (static/js/new.js).
    context = browser.new_context(color_scheme=scheme, timezone_id="UTC")
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.goto(example_url)
    page.evaluate("localStorage.setItem('dossier-visits:/dossier/', JSON.stringify({previous: null, last: 946684800000}))")
    found = violations(page, example_url + PAGES[kind])
    assert page.locator(".new-mark").count() >= 1
    if kind == "home":
        assert page.locator(".new-since").inner_text() == "С 1 января 2000 г. в 00:00 добавлено материалов: 1"
    context.close()
    assert not found, f"{kind} marked new, {scheme}:\n{describe(found)}"
