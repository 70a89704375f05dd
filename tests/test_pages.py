"""What a reader finds on each kind of page of a real build."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from helpers import SITES, copy_site, run_build

SEED = "articles/tf1-uitkoff-i-kushner-primut-uchastie-vo-vstreche-koalitsii-zhelayushchikh-v-parizhe/index.html"
TEN = {
    "stiven-uitkoff": "Стивен Уиткофф", "dzhared-kushner": "Джаред Кушнер",
    "emmanuel-makron": "Эммануэль Макрон", "kir-starmer": "Кир Стармер",
    "fridrikh-merts": "Фридрих Мерц", "dzhordzha-meloni": "Джорджа Мелони",
    "mark-karni": "Марк Карни", "vladimir-zelensky": "Владимир Зеленский",
    "dmitry-peskov": "Дмитрий Песков", "sergey-lavrov": "Сергей Лавров",
}


def html(out: Path, rel: str) -> str:
    return (out / rel).read_text(encoding="utf-8")


def h1(page: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    assert match, "no <h1>"
    return match.group(1).strip()


@pytest.mark.parametrize("slug, name", sorted(TEN.items()))
def test_each_of_the_ten_people_has_a_page_with_their_name(example_build: Path, slug: str, name: str) -> None:
    page = html(example_build, f"actors/{slug}/index.html")
    assert h1(page) == name
    assert '<html lang="ru">' in page
    assert SEED.removesuffix("index.html") in page, "the actor page lists the seed story"


def test_article_page_shows_what_an_analyst_needs(example_build: Path) -> None:
    page = html(example_build, SEED)
    assert h1(page) == "TF1: Уиткофф и\xa0Кушнер примут участие во\xa0встрече «коалиции желающих» в\xa0Париже"
    assert "Представители США впервые будут очно присутствовать" in page  # standfirst
    assert "6 января 2026" in page and "Париж" in page
    for outlet in ("/dossier/sources/tass/", "/dossier/sources/tf1/", "/dossier/sources/die-welt/"):
        assert outlet in page
    assert "© Sean Gallup/ Getty Images" in page
    assert page.count('href="/dossier/actors/') >= 10
    assert "17 декабря 2025" in page and "21 августа 2025" in page
    assert "иностранной военной интервенции" in page


def test_actor_page_has_quotes_co_actors_and_events(example_build: Path) -> None:
    page = html(example_build, "actors/sergey-lavrov/index.html")
    assert "министр иностранных дел РФ" in page
    assert "Чаще всего упоминаются вместе" in page
    assert re.search(r'href="/dossier/actors/dmitry-peskov/">Дмитрий Песков</a> <span class="count">1<', page)
    assert "21 августа 2025" in page


def test_topic_and_source_pages_rank_the_actors_their_articles_name(example_build: Path) -> None:
    for rel in ("topics/peremirie/index.html", "sources/tass/index.html"):
        side = html(example_build, rel).partition('<aside class="column-side">')[2].partition("</aside>")[0]
        assert '<h2 id="together-h">Чаще всего упоминаются</h2>' in side
        names = re.findall(r'href="/dossier/actors/[^"]+/">([^<]+)</a> <span class="count">1</span>', side)
        # The seed story names ten people once each: ties in alphabetical order.
        assert len(names) == 10 and names == sorted(names, key=str.casefold)
        assert names[0] == "Владимир Зеленский"


def test_timeline_groups_articles_and_events_by_month(example_build: Path) -> None:
    landing = html(example_build, "timeline/index.html")
    # "созданной весной 2025 года": a season, not a month, so it gets a period of its own.
    periods = re.findall(r'<a href="/dossier/(timeline/[^"]+)">([^<]+)</a> <span class="count">(\d+)</span>', landing)
    # January: the story, and the meeting it reports "во вторник" (its own day, 6 January).
    assert periods == [("timeline/2026/01/", "Январь", "2"), ("timeline/2025/12/", "Декабрь", "1"),
                       ("timeline/2025/08/", "Август", "1"), ("timeline/2025/spring/", "Весна", "1")]
    assert re.findall(r'<dt><a href="/dossier/timeline/(\d+)/">\1</a></dt>', landing) == ["2026", "2025"]
    assert re.findall(r'<h2 id="m-[\w-]+">([^<]+)</h2>', landing) == ["Январь 2026"]
    spring = html(example_build, "timeline/2025/spring/index.html")
    assert "<title>Хронология · Весна 2025 · " in spring and "<h1>Хронология: Весна 2025</h1>" in spring
    assert '<time datetime="2025">Весна 2025</time>' in spring


def timeline_items(out: Path, rel: str) -> list[str]:
    """Return the timeline entries of a page, each as 'article:<slug>' or 'event:<slug>' in order."""
    return [f"{kind}:{slug}" for kind, slug in re.findall(
        r'<li class="timeline-(\w+)">.*?<a href="/dossier/articles/([^"/]+)/"', html(out, rel), re.S)]


def test_the_timeline_has_pages_by_period_each_with_its_own_entries(tmp_path: Path) -> None:
    root = copy_site(SITES / "basic", tmp_path / "site")
    for day in range(1, 8):  # pagination is 2: six entries a timeline page, so June runs to two
        event = "events:\n- {date: '2022', text: A synthetic year-only event.}\n" if day == 1 else ""
        (root / f"content/articles/2024/june-{day}.md").write_text(
            f"---\ntitle: Synthetic June item {day}\nslug: june-{day}\ndate: 2024-06-0{day}\n{event}---\nText.\n",
            encoding="utf-8")
    assert run_build(root, "--no-search").returncode == 0
    out = root / "public"
    assert timeline_items(out, "timeline/2024/06/index.html") == [f"article:june-{day}" for day in range(7, 1, -1)]
    assert timeline_items(out, "timeline/2024/06/page/2/index.html") == ["article:june-1"]
    assert timeline_items(out, "timeline/2024/03/index.html") == ["article:synthetic-council-of-zorbia-meets-in-quellport"]
    assert timeline_items(out, "timeline/2024/02/index.html") == ["event:synthetic-council-of-zorbia-meets-in-quellport"]
    assert timeline_items(out, "timeline/2022/index.html") == ["event:june-1"]
    # Each period's page leads to the next newer and older period, whatever page of it.
    nav = {rel: re.findall(r'<a href="/dossier/(timeline/[^"]*)">([^<]+)</a>',
                           html(out, rel).partition('<nav class="pagination timeline-nav"')[2].partition("</nav>")[0])
           for rel in ("timeline/2024/06/page/2/index.html", "timeline/2024/03/index.html", "timeline/2022/index.html")}
    assert nav == {
        "timeline/2024/06/page/2/index.html": [("timeline/", "All periods"), ("timeline/2024/05/", "May 2024 →")],
        "timeline/2024/03/index.html": [("timeline/2024/04/", "← April 2024"), ("timeline/", "All periods"),
                                        ("timeline/2024/02/", "February 2024 →")],
        "timeline/2022/index.html": [("timeline/2023/spring/", "← Spring 2023"), ("timeline/", "All periods")],
    }
    assert "<title>Timeline · June 2024 · Page 2 · Synthetic Test Dossier</title>" in html(
        out, "timeline/2024/06/page/2/index.html")
    # The landing page: every period by year with its count, then the newest period's first page.
    landing = html(out, "timeline/index.html")
    periods = re.findall(r'<dt><a href="[^"]+">(\d+)</a></dt>|<a href="/dossier/timeline/[^"]+">([^<]+)</a> '
                         r'<span class="count">(\d+)</span>', landing)
    assert [year or f"{name} {count}" for year, name, count in periods] == [
        "2024", "June 7", "May 1", "April 1", "March 1", "February 1", "2023", "Spring 1", "2022", "Month not given 1"]
    assert timeline_items(out, "timeline/index.html") == timeline_items(out, "timeline/2024/06/index.html")
    assert '<a href="/dossier/timeline/2024/06/page/2/">More from June 2024</a>' in landing
    # A year's page lists its periods; a year with entries dated by the year alone lists them below.
    def year(rel: str) -> tuple[list[tuple[str, str, str]], list[str]]:
        page = html(out, rel)
        periods = page.partition('<nav class="timeline-periods"')[2].partition("</nav>")[0]
        nav = page.partition('<nav class="pagination timeline-nav"')[2].partition("</nav>")[0]
        return (re.findall(r'<a href="/dossier/(timeline/[^"]+)">([^<]+)</a> <span class="count">(\d+)</span>', periods),
                re.findall(r'<a href="/dossier/(timeline/[^"]*)">', nav))
    assert year("timeline/2023/index.html") == ([("timeline/2023/spring/", "Spring", "1")],
                                                ["timeline/2024/", "timeline/", "timeline/2022/"])
    assert year("timeline/2022/index.html")[0] == [("timeline/2022/", "Month not given", "1")]
    assert timeline_items(out, "timeline/2023/index.html") == []
    march = html(out, "timeline/2024/03/index.html")
    assert '<a href="/dossier/timeline/">Timeline</a> · <a href="/dossier/timeline/2024/">2024</a>' in march
    assert "timeline-periods" not in march


@pytest.fixture(scope="module")
def basic_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = copy_site(SITES / "basic", tmp_path_factory.mktemp("basic"))
    result = run_build(root, "--no-search")
    assert result.returncode == 0, result.stderr
    return root / "public", result.stderr


def test_a_slug_without_profile_gets_a_page_and_a_warning(basic_build: tuple[Path, str]) -> None:
    out, stderr = basic_build
    assert h1(html(out, "actors/gamma-stub/index.html")) == "Gamma Stub"
    assert stderr == ("warning: content/articles/2024/second.md: actor 'gamma-stub' has no profile: "
                      "add content/actors/gamma-stub.md\n")


def test_near_miss_suggests_the_profile_and_strict_fails(tmp_path: Path) -> None:
    root = copy_site(SITES / "basic", tmp_path / "site")
    path = root / "content/articles/2024/third.md"
    path.write_text(path.read_text(encoding="utf-8").replace("beta-morrow", "beta-moorow"), encoding="utf-8")
    result = run_build(root, "--no-search", "--strict")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "error: content/articles/2024/third.md: actor 'beta-moorow' has no profile (did you mean 'beta-morrow'?)",
        "error: content/articles/2024/second.md: actor 'gamma-stub' has no profile: add content/actors/gamma-stub.md",
    ]


def test_long_lists_paginate_and_drafts_stay_out(basic_build: tuple[Path, str]) -> None:
    out, _ = basic_build
    assert (out / "articles/page/2/index.html").is_file()
    assert not (out / "articles/page/3/index.html").exists()
    assert 'rel="next" href="/dossier/articles/page/2/"' in html(out, "articles/index.html")
    assert not (out / "articles/an-unfinished-synthetic-draft").exists()


def test_drafts_flag_includes_drafts(tmp_path: Path) -> None:
    root = copy_site(SITES / "basic", tmp_path / "site")
    assert run_build(root, "--no-search", "--drafts").returncode == 0
    assert (root / "public/articles/an-unfinished-synthetic-draft/index.html").is_file()


def test_english_site_dates_and_lang(basic_build: tuple[Path, str]) -> None:
    out, _ = basic_build
    page = html(out, "articles/synthetic-council-of-zorbia-meets-in-quellport/index.html")
    assert '<html lang="en">' in page
    assert "5 March 2024" in page
    assert "Spring 2023" in page


def site_with_more_quill_items(tmp_path: Path, settings: str) -> Path:
    """The basic site with three more (synthetic) items naming Alpha Quill, settings appended."""
    root = copy_site(SITES / "basic", tmp_path / "site")
    with (root / "site.yml").open("a", encoding="utf-8") as handle:
        handle.write(settings)
    for day in (1, 2, 3):
        (root / f"content/articles/2024/extra-{day}.md").write_text(
            f"---\ntitle: Synthetic extra item {day}\nslug: extra-{day}\ndate: 2024-06-0{day}\n"
            f"actors: [alpha-quill]\n---\nInvented words only.\n", encoding="utf-8")
    assert run_build(root, "--no-search").returncode == 0
    return root / "public"


def test_lists_stop_at_list_pages_and_say_where_the_rest_is(tmp_path: Path) -> None:
    out = site_with_more_quill_items(tmp_path, "list_pages: 2\n")  # pagination is 2: four items a list
    assert (out / "articles/page/2/index.html").is_file()
    assert not (out / "articles/page/3").exists()
    assert "list-more" not in html(out, "articles/index.html")
    last = html(out, "articles/page/2/index.html")
    older = re.search(r'<p class="list-more">The newest 4 of 6 are listed here\. <a href="([^"]+)">'
                      r"Older articles are in the timeline</a>\.</p>", last)
    assert older, last
    listed = re.findall(r'<h2 class="card-title"><a href="/dossier/articles/([^"/]+)/"', last)
    assert listed == ["extra-1", "third-item"]
    # The link lands on the timeline page that lists the first article the list left out.
    timeline = html(out, older.group(1).removeprefix("/dossier/") + "index.html")
    assert 'href="/dossier/articles/vtoroy-sintetichesky-material/"' in timeline
    # A profile past the limit counts every article, on every page, with a search that lists them all.
    note = ('<p class="list-more">The newest 4 of 5 are listed here. '
            '<a href="/dossier/search/?actor=Alpha+Quill&amp;sort=date">Find all 5 in search</a>.</p>')
    for rel in ("actors/alpha-quill/index.html", "actors/alpha-quill/page/2/index.html"):
        assert '<span class="count">5</span>' in html(out, rel)
        assert note in html(out, rel)
    assert not (out / "actors/alpha-quill/page/3").exists()
    assert "list-more" not in html(out, "actors/beta-morrow/index.html")


def test_list_pages_zero_lists_everything(tmp_path: Path) -> None:
    out = site_with_more_quill_items(tmp_path, "list_pages: 0\n")
    assert (out / "actors/alpha-quill/page/3/index.html").is_file()
    assert (out / "articles/page/3/index.html").is_file()
    assert "list-more" not in html(out, "actors/alpha-quill/page/3/index.html")


def test_the_older_link_lands_where_the_timeline_first_shows_an_unlisted_article(tmp_path: Path) -> None:
    root = copy_site(SITES / "basic", tmp_path / "site")
    for path in (root / "content/articles/2024").glob("*.md"):
        path.unlink()
    settings = root / "site.yml"
    text = settings.read_text(encoding="utf-8").replace("pagination: 2", "pagination: 1")
    settings.write_text(text + "list_pages: 2\n", encoding="utf-8")
    # Two unlisted items on one day: the list orders them by the hour, the timeline by slug.
    for slug, date in (("newest", "2023-05-20"), ("second", "2023-05-10"), ("aaa-unlisted", "2023-05-01T10:00:00Z"),
                       ("zzz-unlisted", "2023-05-01T09:00:00Z"), ("oldest", "2023-01-01")):
        (root / f"content/articles/2024/{slug}.md").write_text(
            f"---\ntitle: Synthetic {slug}\nslug: {slug}\ndate: {date}\n---\nInvented words only.\n",
            encoding="utf-8")
    assert run_build(root, "--no-search").returncode == 0
    out = root / "public"
    link = re.search(r'<p class="list-more">.*?<a href="/dossier/([^"]*)">', html(out, "articles/page/2/index.html"))
    assert link and link.group(1) == "timeline/2023/05/"
    assert 'href="/dossier/articles/zzz-unlisted/"' in html(out, "timeline/2023/05/index.html")
    assert 'href="/dossier/articles/aaa-unlisted/"' not in html(out, "timeline/2023/05/index.html")
    assert 'href="/dossier/articles/aaa-unlisted/"' in html(out, "timeline/2023/05/page/2/index.html")


def test_two_profiles_with_one_name_get_a_warning(tmp_path: Path) -> None:
    root = copy_site(SITES / "basic", tmp_path / "site")
    (root / "content/actors/alpha-quill-2.md").write_text(
        "---\nname: Alpha Quill\nkind: person\n---\nA second invented person of the same name.\n", encoding="utf-8")
    result = run_build(root, "--no-search")
    assert result.returncode == 0
    # Files are read in name order, so the second one read is alpha-quill.md.
    assert ("warning: content/actors/alpha-quill.md: 'name' 'Alpha Quill' is also the name of "
            "content/actors/alpha-quill-2.md: search would count both as one; give one of them a distinct name"
            ) in result.stderr.splitlines()
    assert run_build(root, "--no-search", "--strict").returncode == 1


def test_the_bundled_scripts_and_styles_are_published_minified_and_a_sites_own_as_written(tmp_path: Path) -> None:
    root = copy_site(SITES / "basic", tmp_path / "site")
    own = root / "static" / "js" / "own.js"
    own.parent.mkdir(parents=True)
    own.write_text("// the site's own script, kept as written\nconst  greeting = 'hi';\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_build(root, "--out", str(out), "--no-search").returncode == 0
    assert (out / "js/own.js").read_bytes() == own.read_bytes()
    bundled = Path(__file__).resolve().parent.parent / "static"
    for rel in ("js/search.js", "js/cards.js", "js/new.js", "css/site.css", "css/search.css"):
        published, source = (out / rel).read_text(encoding="utf-8"), (bundled / rel).read_text(encoding="utf-8")
        assert len(published) < 0.9 * len(source) and "\n  " not in published, rel
        assert ("// " in source) == rel.endswith(".js") and "// " not in published.replace("://", ""), rel
    for rel in ("js/search.js", "js/cards.js", "js/new.js"):  # still JavaScript that parses
        checked = subprocess.run(["node", "--check", str(out / rel)], capture_output=True, text=True, check=False)
        assert checked.returncode == 0, checked.stderr
