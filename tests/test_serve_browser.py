"""An open tab in headless Chromium follows the preview: reloads, error overlay, recovery."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.preview.serve import Preview
from helpers import chromium
from serve_helpers import article, save, write_site

pytestmark = pytest.mark.browser
TIMEOUT = 30_000  # ms: a bound on failure, not a speed assertion


def test_an_open_tab_reloads_shows_errors_and_recovers(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    story = site / "content" / "articles" / "story-1.md"
    with Preview(site, port=0, search=False) as preview, chromium() as context:
        page = context.new_page()
        page.goto(preview.url + "articles/story-1/")
        assert page.locator("h1").inner_text() == "Synthetic story number 1"
        # Reloading below works within the page's policy: no inline script allowed.
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
        page.evaluate("window.__sameDocument = true")
        # No need to wait for the event stream: a tab that connects after a rebuild is told
        # at once that its page is stale.

        save(story, article("story-1", "Synthetic story, edited in the editor", date="2024-03-01"))
        page.wait_for_function("() => document.querySelector('h1').textContent.includes('edited')",
                               timeout=TIMEOUT)
        assert page.evaluate("window.__sameDocument") is None  # a real reload, not a patch

        hostile = "<img src=x onerror=document.title='p'>"  # short: messages cut long values
        save(story, article("story-1", "Synthetic broken", date="x").replace("date: x", f'date: "{hostile}"'))
        overlay = page.locator("#dossier-overlay")
        overlay.wait_for(state="visible", timeout=TIMEOUT)
        assert hostile in overlay.inner_text()
        assert overlay.locator("img").count() == 0 and page.title() != "p"
        # The last good page stays: nothing of the broken file reached it.
        assert page.locator("h1").inner_text() == "Synthetic story, edited in the editor"

        save(story, article("story-1", "Synthetic story, fixed", date="2024-03-01"))
        page.wait_for_function("() => document.querySelector('h1').textContent.includes('fixed')",
                               timeout=TIMEOUT)
        assert overlay.count() == 0


def test_a_tab_reloads_only_when_its_own_page_changed(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    story = site / "content" / "articles" / "story-2.md"
    with Preview(site, port=0, search=False) as preview, chromium() as context:
        on_story, on_list, on_search = (context.new_page() for _ in range(3))
        loads = {"story": 0, "list": 0, "search": 0}
        for name, tab, path in (("story", on_story, "articles/story-2/"), ("list", on_list, "articles/"),
                                ("search", on_search, "search/")):
            tab.goto(preview.url + path)
            tab.wait_for_load_state("networkidle")  # its event stream is open
            tab.on("load", lambda _, name=name: loads.__setitem__(name, loads[name] + 1))

        save(story, article("story-2", "Synthetic story, retitled", date="2024-03-02"))
        for tab in (on_story, on_list):
            tab.wait_for_function("() => document.body.innerText.includes('Synthetic story, retitled')",
                                  timeout=TIMEOUT)
        on_list.wait_for_timeout(500)  # time for a stray second reload to show itself
        # The story's own page was shown first, the list when it was rebuilt: once each.
        # The search page does not list articles, so its tab did not reload at all.
        assert loads == {"story": 1, "list": 1, "search": 0}
