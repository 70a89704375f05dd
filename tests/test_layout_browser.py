"""The layout in a real browser: phone width, dark mode, print view, no console errors."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from helpers import chromium

pytestmark = pytest.mark.browser
PAGES = ["", "articles/tf1-uitkoff-i-kushner-primut-uchastie-vo-vstreche-koalitsii-zhelayushchikh-v-parizhe/",
         "actors/sergey-lavrov/", "topics/peremirie/", "timeline/", "timeline/2025/12/", "404.html",
         "topics/peremirie/briefing/", "actors/sergey-lavrov/briefing/"]


@pytest.fixture(scope="module")
def phone() -> Iterator[object]:
    with chromium(viewport={"width": 360, "height": 740}, color_scheme="dark") as context:
        yield context


@pytest.mark.parametrize("rel", PAGES)
def test_pages_fit_a_phone_in_dark_mode_without_errors(phone, example_url: str, rel: str) -> None:
    page = phone.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(example_url + rel)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "horizontal scroll on a phone"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(20, 20, 20)", "dark colour scheme not applied"
    assert page.locator("h1").count() == 1
    assert errors == []
    page.close()


def test_print_view_is_a_clean_briefing(phone, example_url: str) -> None:
    context = phone.browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(example_url + "actors/sergey-lavrov/")
        assert page.locator(".masthead").is_visible()
        page.emulate_media(media="print")
        assert not page.locator(".masthead").is_visible()
        assert not page.locator(".site-footer").is_visible()
        assert page.locator("h1").is_visible()
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") in ("rgb(255, 255, 255)",)
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 5000
    finally:
        context.close()


def test_404_is_styled_and_links_home_at_any_depth(phone, example_url: str) -> None:
    page = phone.new_page()
    response = page.goto(example_url + "no/such/deep/page/")
    assert response is not None and response.status == 404
    # The stylesheet loaded from three folders down: the dark scheme's background is applied.
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(20, 20, 20)"
    page.locator("main a", has_text="→").click()
    assert page.url == example_url
    assert page.locator("h1").count() == 1
    page.close()
