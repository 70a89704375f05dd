"""The desk in the preview, /_desk/: real HTTP to a real preview, and a merge in headless Chromium."""

from __future__ import annotations

import http.client
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.preview.serve import Preview
from helpers import SITES, chromium, copy_site
from serve_helpers import WAIT, fetch, wait_for
from test_a11y import AXE, BLOCKING, describe
from test_desk_cli import snapshot

MERGE = {"verb": "merge", "slugs": ["i-quorrest"], "value": "ilvana-quorrest"}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site(SITES / "desk", tmp_path / "site")


@pytest.fixture
def preview(site: Path) -> Iterator[Preview]:
    with Preview(site, port=0, search=False) as running:
        yield running


def desk_url(preview: Preview) -> str:
    return f"http://127.0.0.1:{preview.port}/_desk/"


def token_of(preview: Preview) -> str:
    status, html, _ = fetch(desk_url(preview))
    assert status == 200
    return re.search(r'<meta name="desk-token" content="([^"]+)">', html).group(1)


def post(preview: Preview, body: object, *, token: str | None, origin: str | None = "own",
         kind: str = "application/json", fetch_site: str | None = None) -> tuple[int, dict]:
    """POST to the desk's action with the headers given; return the status and the JSON (or text) answer."""
    conn = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=WAIT)
    data = json.dumps(body).encode("utf-8")
    headers = {"Content-Type": kind, "Content-Length": str(len(data))}
    if origin is not None:
        headers["Origin"] = f"http://127.0.0.1:{preview.port}" if origin == "own" else origin
    if token is not None:
        headers["X-Desk-Token"] = token
    if fetch_site:
        headers["Sec-Fetch-Site"] = fetch_site
    try:
        conn.request("POST", "/_desk/action", body=data, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8")
    finally:
        conn.close()
    try:
        return response.status, json.loads(text)
    except ValueError:
        return response.status, {"text": text}


def test_the_desk_page_lists_the_review_with_forms_and_keeps_the_policy(preview: Preview) -> None:
    status, html, headers = fetch(desk_url(preview))
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "9 to review" in html
    assert "The shipping firm Glimmerfen declined to comment." in html
    assert '<code class="command">build.py actors merge i-quorrest --into ilvana-quorrest</code>' in html
    for verb in ("accept", "merge", "rename", "reject", "kind", "split"):
        assert f'data-verb="{verb}"' in html
    # Scripts are files: the desk's own and the reload script, nothing inline.
    assert [tag for tag in re.findall(r"<script[^>]*>", html) if "src=" not in tag] == []
    status, script, headers = fetch(desk_url(preview) + "desk.js")
    assert status == 200 and "X-Desk-Token" in script
    assert not (preview.out_dir / "_desk").exists()  # never part of the site


def test_a_merge_through_the_desk_changes_content_and_the_preview(preview: Preview, site: Path) -> None:
    status, answer = post(preview, MERGE, token=token_of(preview))
    assert status == 200, answer
    assert answer["command"] == "build.py actors merge i-quorrest --into ilvana-quorrest"
    assert answer["said"] == ["merged 'i-quorrest' into 'ilvana-quorrest' (1 articles, 2 names kept as aliases)"]
    assert "content/articles/2026/lock-gates-closed.md" in answer["written"]
    assert not (site / "content/actors/i-quorrest.md").exists()
    # The preview rebuilds: the old address now leads to the merged profile.
    redirect = preview.out_dir / "actors/i-quorrest/index.html"
    wait_for(lambda: redirect.is_file() and "refresh" in redirect.read_text(encoding="utf-8"), "the redirect page")
    status, html, _ = fetch(desk_url(preview))
    assert "<code>build.py actors merge i-quorrest --into ilvana-quorrest</code>: merged" in html


def test_a_correction_whose_files_land_slowly_is_rebuilt_once(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a loaded machine the desk's files land over a while: the preview waits for the last one."""
    import time

    import dossier.preview.desk as desk_module

    real = desk_module.correct

    def slow(root: Path, action, **options):  # the first file written, the others a moment later, as under load
        gates = root / "content/articles/2026/lock-gates-closed.md"
        gates.write_text(gates.read_text(encoding="utf-8") + "\nA synthetic line.\n", encoding="utf-8")
        time.sleep(0.5)
        return real(root, action, **options)

    monkeypatch.setattr(desk_module, "correct", slow)
    with Preview(site, port=0, search=False) as preview:
        before = preview.rebuilds
        status, answer = post(preview, MERGE, token=token_of(preview))
        assert status == 200, answer
        redirect = preview.out_dir / "actors/i-quorrest/index.html"
        wait_for(lambda: redirect.is_file() and "refresh" in redirect.read_text(encoding="utf-8"), "the redirect page")
        time.sleep(1.0)  # a second rebuild, if one were coming, would have begun
        assert preview.rebuilds == before + 1


@pytest.mark.parametrize("case, request_options, status", [
    ("no token", {"token": None}, 403),
    ("wrong token", {"token": "guessed"}, 403),
    ("another origin", {"origin": "http://evil.example"}, 403),
    ("no origin", {"origin": None}, 403),
    ("a cross-site fetch", {"fetch_site": "cross-site"}, 403),
    ("a form post", {"kind": "application/x-www-form-urlencoded"}, 415),
])
def test_a_request_not_from_the_desk_page_changes_nothing(preview: Preview, site: Path, case: str,
                                                          request_options: dict, status: int) -> None:
    before = snapshot(site)
    options = {"token": token_of(preview), **request_options}
    got, _ = post(preview, MERGE, **options)
    assert got == status, case
    assert snapshot(site) == before


@pytest.mark.parametrize("body, error", [
    ({"verb": "merge", "slugs": ["glimmerfen"], "value": "glimmerfen"},
     "actors: cannot merge 'glimmerfen' into itself: name another profile after --into"),
    ({"verb": "reject", "slugs": ["Zanzibar Nobody"]},
     "actors: no profile is named 'Zanzibar Nobody': `build.py actors` lists them (reject a slug or a name)"),
    ({"verb": "explode", "slugs": ["glimmerfen"]}, "'verb' must be one of merge, split, rename, reject, kind, accept"),
    ({"verb": "merge", "slugs": "glimmerfen"}, "'slugs' must be a list of profile slugs (or a name held back)"),
])
def test_bad_input_is_a_400_with_one_line(preview: Preview, site: Path, body: dict, error: str) -> None:
    before = snapshot(site)
    assert post(preview, body, token=token_of(preview)) == (400, {"error": error})
    assert snapshot(site) == before


def test_the_desk_answers_only_on_loopback(site: Path) -> None:
    with Preview(site, host="0.0.0.0", port=0, search=False) as preview:
        status, text, _ = fetch(desk_url(preview))
        assert status == 403 and "loopback" in text
        assert fetch(preview.url.replace("0.0.0.0", "127.0.0.1"))[0] == 200  # the site itself is served


@pytest.mark.browser
def test_merging_through_the_desk_reloads_the_merged_profile(preview: Preview) -> None:
    with chromium() as context:
        # Loaded as the browser's own script: the desk's policy refuses a script tag added to it.
        context.add_init_script(path=str(AXE))
        profile = context.new_page()
        profile.goto(preview.url + "actors/ilvana-quorrest/")
        profile.wait_for_load_state("networkidle")  # its event stream is open
        assert "Lock gates closed for repairs" not in profile.content()
        desk = context.new_page()
        errors: list[str] = []
        desk.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        desk.goto(desk_url(preview))
        found = [v for v in desk.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]
                 if v["impact"] in BLOCKING]
        assert not found, describe(found)
        pair = desk.locator("li.item", has=desk.locator("code", has_text="i-quorrest")).filter(
            has_text="ilvana-quorrest").first
        pair.get_by_role("button", name="Merge i-quorrest into ilvana-quorrest").click()
        # The desk says what it ran, as the command that does the same; once the preview has
        # rebuilt it reloads too, and lists the correction under "Done".
        desk.wait_for_function("() => [...document.querySelectorAll('#desk-status, .log li')].some(e => "
                               "e.textContent.includes(\"build.py actors merge i-quorrest --into ilvana-quorrest\") "
                               "&& e.textContent.includes(\"merged 'i-quorrest' into 'ilvana-quorrest'\"))",
                               timeout=WAIT * 1000)
        # The open profile reloads once the preview has rebuilt, and lists the merged profile's article.
        profile.wait_for_function("() => document.body.textContent.includes('Lock gates closed for repairs')",
                                  timeout=WAIT * 1000)
        assert not [e for e in errors if "Content Security Policy" in e]


def test_a_split_through_the_desk_shows_the_new_profile_quietly(preview: Preview,
                                                                capfd: pytest.CaptureFixture[str]) -> None:
    body = {"verb": "split", "slugs": ["ilvana-quorrest"], "articles": ["shlyuzy-veltrii-snova-otkryty"],
            "value": "Ilvana Quorrest-Brant"}
    status, answer = post(preview, body, token=token_of(preview))
    assert status == 200, answer
    wait_for(lambda: fetch(preview.url + "actors/ilvana-quorrest-brant/")[0] == 200, "the new profile's page")
    status, html, _ = fetch(preview.url + "articles/shlyuzy-veltrii-snova-otkryty/")
    assert "/dossier/actors/ilvana-quorrest-brant/" in html
    # The article names a profile the last build did not have: no head start, no traceback.
    assert "Traceback" not in capfd.readouterr().err
