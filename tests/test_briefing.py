"""The briefing book: what /actors|topics/<slug>/briefing/ gathers, and how it prints on A4 in Chromium."""

from __future__ import annotations

import html
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from helpers import CHROMIUM, CHROMIUM_ARGS, SITES, copy_site, run_build, static_server
from test_statements import section

# The page box of css/briefing.css, in PDF points (1 mm = 72 / 25.4 pt).
MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
TOP, SIDE, BOTTOM = 18 * MM, 16 * MM, 20 * MM
EXAMPLE_TOPIC = "topics/peremirie/briefing/"
EXAMPLE_ACTOR = "actors/sergey-lavrov/briefing/"


@pytest.fixture(scope="module")
def basic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The basic fixture with books of one article, so a book leaves older articles out."""
    root = copy_site(SITES / "basic", tmp_path_factory.mktemp("briefing"))
    with (root / "site.yml").open("a", encoding="utf-8") as settings:
        settings.write("briefing_articles: 1\n")
    result = run_build(root, "--no-search")
    assert result.returncode == 0, result.stderr
    return root / "public"


def text(fragment: str) -> str:
    """Return fragment's text: tags as spaces, entities decoded, spaces folded (none before a stop)."""
    folded = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())
    return re.sub(r" (?=[.,])", "", folded)


def built_book(site: Path, tmp_path: Path, profile: str) -> str:
    """Build a copy of site with its default settings; return the profile's book."""
    root = copy_site(site, tmp_path / "site")
    result = run_build(root, "--no-search")
    assert result.returncode == 0, result.stderr
    return (root / "public" / profile / "briefing/index.html").read_text(encoding="utf-8")


def test_actors_and_topics_with_articles_get_a_book_linked_from_their_page(basic: Path) -> None:
    books = sorted(p.parent.relative_to(basic).as_posix() for p in basic.rglob("briefing/index.html"))
    # Sources get none; every actor and topic here has articles (gamma-stub has no profile file).
    assert books == ["actors/alpha-quill/briefing", "actors/beta-morrow/briefing", "actors/gamma-stub/briefing",
                     "topics/other-topic/briefing", "topics/test-topic/briefing"]
    profile = (basic / "actors/alpha-quill/index.html").read_text(encoding="utf-8")
    assert '<a href="/dossier/actors/alpha-quill/briefing/">Briefing book to print</a>' in profile
    assert "briefing/" not in (basic / "sources/wire-one/index.html").read_text(encoding="utf-8")


def test_briefing_articles_0_makes_no_books_and_no_links(tmp_path: Path) -> None:
    root = copy_site(SITES / "basic", tmp_path / "site")
    with (root / "site.yml").open("a", encoding="utf-8") as settings:
        settings.write("briefing_articles: 0\n")
    result = run_build(root, "--no-search")
    assert result.returncode == 0, result.stderr
    assert not list((root / "public").rglob("briefing"))
    assert "briefing" not in (root / "public/actors/alpha-quill/index.html").read_text(encoding="utf-8")


def test_a_book_covers_the_latest_page_of_articles_and_says_so(basic: Path) -> None:
    page = (basic / "actors/alpha-quill/briefing/index.html").read_text(encoding="utf-8")
    summary = text(section(page, "summary-h"))
    # Both articles are counted and dated; only the newest (second, 10 April) is gathered.
    assert "Articles 2 Period 5 March 2024 – 10 April 2024 Outlets Wire One" in summary
    assert "This book covers the latest 1 of 2 articles." in summary
    assert text(section(page, "latest-h")).startswith("Latest articles Второй синтетический материал [1]")
    # The older article's events and statement are left out with it: no empty headings.
    assert section(page, "events-h") == "" and section(page, "statements-h") == ""
    assert text(section(page, "actors-h")) == ("Main actors Gamma Stub 1 "
                                               "https://example.test/dossier/actors/gamma-stub/")


def test_a_books_timeline_statements_and_sources_point_to_numbered_articles(basic: Path) -> None:
    page = (basic / "actors/beta-morrow/briefing/index.html").read_text(encoding="utf-8")
    # One article: the newest only (third-item); the topic's book covers another.
    assert text(section(page, "sources-h")) == (
        "Sources A third synthetic item — Paper Two, 1 May 2024. In the dossier: "
        "https://example.test/dossier/articles/third-item/")
    topic = (basic / "topics/test-topic/briefing/index.html").read_text(encoding="utf-8")
    assert 'id="src-1">Второй синтетический материал' in topic
    other = (basic / "topics/other-topic/briefing/index.html").read_text(encoding="utf-8")
    assert text(section(other, "latest-h")).startswith("Latest articles Второй синтетический материал [1]")


def test_events_run_oldest_first_and_each_statement_names_speaker_date_article_outlet(tmp_path: Path) -> None:
    page = built_book(SITES / "basic", tmp_path, "topics/test-topic")
    # test-topic: second (10 April, src 1) and first (5 March, src 2), which carries the events and quote.
    assert text(section(page, "events-h")) == (
        "Timeline Spring 2023 In spring 2023 the fictional treaty was drafted. [2] "
        "20 February 2024 On 20 February 2024 the synthetic council first convened. [2]")
    assert text(section(page, "statements-h")) == (
        "Who said what Alpha Quill This sentence is synthetic test data. "
        "5 March 2024 · Synthetic council of Zorbia meets in Quellport [2] · via Paper Two")
    assert '<a class="ref" href="#src-2">[2]</a>' in page and 'id="src-2"' in page


def test_a_story_told_by_several_agencies_is_one_entry_citing_each_report(tmp_path: Path) -> None:
    page = built_book(SITES / "story", tmp_path, "actors/orla-vennick")
    # Orla is named by two reports of the harbour story (Norvane leads it) and by the ferry story.
    assert text(section(page, "latest-h")) == (
        "Latest articles Synthetic ferry timetable changes for spring [1] 5 March 2026 · Port Quill · "
        "Sampleton Press PORT QUILL, March 5. This plainly synthetic report is a story of its own. "
        "Orla Vennick published the spring ferry timetable. "
        "Synthetic harbour accord signed in Tessaly Bay [2] [3] 2 March 2026 · Tessaly Bay · Norvane Wire "
        "Two invented ports agree to share one pier. Also reported by Quillmark News, Sampleton Press")
    # Each report she is named in is a source; Quillmark's, which does not name her, is not.
    sources = text(section(page, "sources-h"))
    assert [title.split(" — ")[0] for title in re.split(r" In the dossier: \S+ ?", sources.removeprefix("Sources "))
            if title] == ["Synthetic ferry timetable changes for spring", "Synthetic harbour accord signed in Tessaly Bay",
                          "Tessaly Bay ports to share a pier, invented officials say"]
    assert "This book covers" not in page
    # The talks of 10 February are told by both reports: the book gives them once, from the lead.
    assert text(section(page, "events-h")) == (
        "Timeline 15 January 2026 The ferry captains’ guild asked for a lighthouse clause [3] "
        "10 February 2026 Synthetic talks on the shared pier began [2]")
    # Pim Drostan is named by one story, though by two of its reports.
    assert text(section(page, "actors-h")).startswith("Main actors Edda Marrow — invented ferry captain 1 ")
    assert "Pim Drostan — invented envoy, Norvane 1 " in text(section(page, "actors-h"))


# --- Printing: Chromium's own print to PDF, read back with poppler ---


@dataclass
class Word:
    page: int  # 0-based
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass
class Printed:
    pages: int
    words: list[Word]
    dom: dict[str, Any]  # what the page holds in print media: its text, as the browser lays it out
    pdf: Path

    def page_text(self, number: int, *, body_only: bool = True) -> str:
        """Return the text of page number (0-based) without whitespace, the page number left out."""
        return "".join(w.text for w in self.words if w.page == number and (not body_only or in_body(w)))

    def body_text(self) -> str:
        return "".join(self.page_text(n) for n in range(self.pages))


def in_body(word: Word) -> bool:
    """Whether word lies inside the printable area (1 pt of slack for rounding)."""
    return (word.x0 >= SIDE - 1 and word.x1 <= A4[0] - SIDE + 1
            and word.y0 >= TOP - 1 and word.y1 <= A4[1] - BOTTOM + 1)


def squeeze(value: str) -> str:
    return "".join(value.split())


def read_words(pdf: Path) -> tuple[int, list[Word]]:
    """Return the page count and every word with its box, in points from the top left."""
    xhtml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    words = []
    for number, page in enumerate(re.findall(r"<page [^>]*>(.*?)</page>", xhtml, re.S)):
        for x0, y0, x1, y1, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page):
            words.append(Word(number, float(x0), float(y0), float(x1), float(y1), html.unescape(word)))
    return xhtml.count("<page "), words


def raster(pdf: Path, folder: Path) -> list[tuple[int, int, bytes]]:
    """Rasterise every page at 72 dpi in grey (one pixel a point): (width, height, pixels) each."""
    subprocess.run(["pdftoppm", "-r", "72", "-gray", str(pdf), str(folder / "page")], check=True)
    pages = []
    for path in sorted(folder.glob("page-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
        data = path.read_bytes()
        magic, width, height, top, pixels = data.split(maxsplit=4)
        assert magic == b"P5" and top == b"255"
        pages.append((int(width), int(height), pixels[:int(width) * int(height)]))
    return pages


def ink(image: tuple[int, int, bytes], left: float, top: float, right: float, bottom: float) -> int:
    """Count the dark pixels (< 200 of 255) in a box given in points."""
    width, height, pixels = image
    x0, x1 = max(0, int(left)), min(width, int(right))
    return sum(1 for y in range(max(0, int(top)), min(height, int(bottom)))
               for value in pixels[y * width + x0:y * width + x1] if value < 200)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


# Keep one section of the book and push it down until the top of `edge` (inside it) is 2 px
# above the end of the first page: whatever comes before edge fits on that page, edge does not.
# Laid out at the text block's width in print media, the offsets are the ones the printout uses.
PUSH = """([section, target, edge]) => {
    document.querySelector('.briefing-header').remove();
    for (const other of document.querySelectorAll('main section'))
        if (other.getAttribute('aria-labelledby') !== section) other.remove();
    const top = document.querySelector(edge).getBoundingClientRect().top + window.scrollY;
    const spacer = document.createElement('div');
    spacer.style.height = (PAGE - 2 - top) + 'px';
    document.querySelector('main').prepend(spacer);
    return document.querySelector(target).innerText;
}"""
TEXT_BLOCK_PX = ((210 - 2 * 16) * 96 / 25.4, (297 - 18 - 20) * 96 / 25.4)


def print_page(browser: Any, url: str, pdf: Path, push: tuple[str, str, str] | None = None) -> Printed:
    """Print url to pdf as a reader's Save as PDF does (the page's own @page size); read it back."""
    width, height = TEXT_BLOCK_PX
    context = browser.new_context(viewport={"width": int(width), "height": int(height)})
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.emulate_media(media="print")
    pushed = page.evaluate(PUSH.replace("PAGE", str(height)), list(push)) if push else ""
    dom = page.evaluate("""() => ({
        lines: document.querySelector('main').innerText.split('\\n').map(s => s.trim()).filter(Boolean),
        headings: [...document.querySelectorAll('main h2, main h3')].map(h => h.innerText),
        statements: [...document.querySelectorAll('main .quote')].map(q => q.innerText),
        hidden: ['.masthead', '.site-footer', '.search-form', '.skip-link', '.site-nav']
            .filter(s => document.querySelector(s) && document.querySelector(s).checkVisibility()),
    })""")
    dom["pushed"] = pushed
    pdf.write_bytes(page.pdf(prefer_css_page_size=True))
    context.close()
    pages, words = read_words(pdf)
    return Printed(pages, words, dom, pdf)


@pytest.fixture(scope="module")
def topic_book(browser: Any, example_url: str, tmp_path_factory: pytest.TempPathFactory) -> Printed:
    return print_page(browser, example_url + EXAMPLE_TOPIC, tmp_path_factory.mktemp("pdf") / "topic.pdf")


@pytest.mark.browser
def test_the_book_prints_on_a4_with_every_line_inside_the_margins(topic_book: Printed) -> None:
    info = subprocess.run(["pdfinfo", str(topic_book.pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)", info), info
    outside = [w for w in topic_book.words if not in_body(w)]
    # Only the page numbers stand outside the text block: centred in the bottom margin.
    assert [w.text for w in outside] == [part for n in range(topic_book.pages)
                                         for part in (str(n + 1), "/", str(topic_book.pages))]
    assert all(w.y0 > A4[1] - BOTTOM and abs((w.x0 + w.x1) / 2 - A4[0] / 2) < 30 for w in outside)
    # Nothing is cut or lost: every line the browser lays out is in the PDF, whole.
    body = topic_book.body_text()
    missing = [line for line in topic_book.dom["lines"] if squeeze(line) not in body]
    assert not missing
    assert len(topic_book.dom["lines"]) > 40
    assert "https://example.org/dossier/articles/tf1-uitkoff-i-kushner" in "".join(topic_book.dom["lines"])


@pytest.mark.browser
def test_the_book_prints_without_the_sites_chrome_and_breaks_in_the_right_places(topic_book: Printed) -> None:
    assert topic_book.dom["hidden"] == []
    body = topic_book.body_text()
    for chrome in ("Поиск по досье", "Перейти к содержанию", "Справка для печати", "Статьи"):
        assert squeeze(chrome) not in body
    pages = [topic_book.page_text(n) for n in range(topic_book.pages)]
    # A heading never ends a page: text of its section follows it on the same page.
    for heading in topic_book.dom["headings"]:
        on = [n for n, page in enumerate(pages) if squeeze(heading) in page]
        assert on, heading
        assert not pages[on[0]].endswith(squeeze(heading)), f"{heading!r} ends page {on[0] + 1}"
    # A statement (quote, date, article, outlet) is never split across two pages.
    assert len(topic_book.dom["statements"]) == 3
    for statement in topic_book.dom["statements"]:
        assert any(squeeze(statement) in page for page in pages), statement


@pytest.mark.browser
def test_a_heading_pushed_to_the_foot_of_a_page_moves_on_with_its_section(
        browser: Any, example_url: str, tmp_path: Path) -> None:
    printed = print_page(browser, example_url + EXAMPLE_TOPIC, tmp_path / "heading.pdf",
                         ("events-h", "#events-h", "#events-h + ol"))
    heading = squeeze(printed.dom["pushed"])
    assert heading == "Хронология"
    assert printed.pages == 2
    assert heading not in printed.page_text(0) and printed.page_text(1).startswith(heading + "Весна2025")


@pytest.mark.browser
def test_a_statement_pushed_across_a_page_break_moves_whole_to_the_next_page(
        browser: Any, example_url: str, tmp_path: Path) -> None:
    printed = print_page(browser, example_url + EXAMPLE_ACTOR, tmp_path / "statement.pdf",
                         ("statements-h", ".quote", ".quote figcaption"))
    statement = squeeze(printed.dom["pushed"])
    assert statement.startswith("иностраннойвоеннойинтервенции") and statement.endswith("[1]")
    assert printed.pages == 2
    assert not printed.page_text(0).endswith("Заявления")
    assert statement not in printed.page_text(0) and statement in printed.page_text(1)


@pytest.mark.browser
def test_the_printed_pages_keep_blank_margins_and_a_page_number(topic_book: Printed, tmp_path: Path) -> None:
    images = raster(topic_book.pdf, tmp_path)
    assert len(images) == topic_book.pages >= 2
    width, height = A4
    for number, image in enumerate(images, 1):
        assert image[0] == round(width) and image[1] == round(height)
        assert ink(image, 0, 0, width, TOP - 2) == 0, f"page {number}: ink in the top margin"
        assert ink(image, 0, 0, SIDE - 2, height) == 0, f"page {number}: ink in the left margin"
        assert ink(image, width - SIDE + 2, 0, width, height) == 0, f"page {number}: ink in the right margin"
        footer = height - BOTTOM + 2, height
        assert ink(image, width / 2 - 30, *footer[:1], width / 2 + 30, footer[1]) > 20, f"page {number}: no number"
        assert ink(image, 0, footer[0], width / 2 - 30, footer[1]) == 0
        assert ink(image, width / 2 + 30, footer[0], width, footer[1]) == 0
        # No page is wasted by a break: each but the last is filled at least half way down.
        if number < len(images):
            assert ink(image, SIDE, height / 2, width - SIDE, height - BOTTOM) > 500, f"page {number} half empty"


@pytest.mark.browser
def test_a_short_book_prints_on_one_page(browser: Any, basic: Path, tmp_path: Path) -> None:
    with static_server(basic, "/dossier/") as base:
        printed = print_page(browser, base + "actors/gamma-stub/briefing/", tmp_path / "short.pdf")
    assert printed.pages == 1
    assert [w.text for w in printed.words if not in_body(w)] == ["1", "/", "1"]
    assert all(squeeze(line) in printed.body_text() for line in printed.dom["lines"])


def test_a_books_timeline_leaves_out_the_history_a_story_only_recalls(tmp_path: Path) -> None:
    root = copy_site(SITES / "basic", tmp_path / "site")
    (root / "content/articles/2024/memorial.md").write_text(
        "---\ntitle: Quellport remembers the invented flood\ndate: 2024-03-06\nsource: wire-one\nlang: en\n"
        "topics: [other-topic]\nevents:\n"
        # As an older ingest wrote it: the anniversary's original day, which opened the book's timeline.
        "- date: 2001-09-11\n  text: Quellport opened a memorial, 23 years after the September 11, 2001 flood.\n"
        "- date: 2024-03-04\n  text: Quellport opened a memorial on Monday.\n"
        "- date: 2023-09\n  text: The council voted for the memorial in September.\n"
        "---\nQuellport opened a memorial on Monday.\n", encoding="utf-8")
    result = run_build(root, "--no-search")
    assert result.returncode == 0, result.stderr
    page = (root / "public/topics/other-topic/briefing/index.html").read_text(encoding="utf-8")
    assert text(section(page, "events-h")) == (
        "Timeline September 2023 The council voted for the memorial in September. [2] "
        "4 March 2024 Quellport opened a memorial on Monday. [2]")
    # The article's own page still lists every event it carries.
    article = (root / "public/articles/quellport-remembers-the-invented-flood/index.html").read_text("utf-8")
    assert "23 years after the September" in article
