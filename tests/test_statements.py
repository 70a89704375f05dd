"""Who said what: an actor's statements, a topic's speakers, and no heading over an empty list."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from helpers import SITES, copy_site, run_build


def section(page: str, heading_id: str) -> str:
    """Return the <section> a heading with heading_id opens, '' when there is none."""
    match = re.search(rf'<section aria-labelledby="{heading_id}">(.*?)</section>', page, re.S)
    return match.group(1) if match else ""


def quotes(html: str) -> list[str]:
    return re.findall(r"<blockquote><p>(.*?)</p></blockquote>", html)


def captions(html: str) -> list[str]:
    """Return each figcaption as plain text, tags dropped."""
    return [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<figcaption>(.*?)</figcaption>", html, re.S)]


def build_with_statements(tmp_path: Path) -> Path:
    """The basic site with two more synthetic items on test-topic quoting Alpha Quill and others."""
    root = copy_site(SITES / "basic", tmp_path / "site")
    articles = root / "content/articles/2024"
    (articles / "said-later.md").write_text(
        "---\ntitle: Synthetic later item\nslug: said-later\ndate: 2024-06-02\nsource: wire-one\n"
        "actors: [alpha-quill, beta-morrow]\ntopics: [test-topic]\nquotes:\n"
        "- {actor: alpha-quill, text: Invented later words of Alpha., via: wire-one}\n"
        "- {actor: beta-morrow, text: Invented words of Beta.}\n"
        "- {text: Invented words of nobody named., via: paper-two}\n"
        "---\nInvented words only.\n", encoding="utf-8")
    (articles / "said-earliest.md").write_text(
        "---\ntitle: Synthetic earliest item\nslug: said-earliest\ndate: 2024-01-15\nsource: paper-two\n"
        "actors: [alpha-quill]\ntopics: [other-topic]\nquotes:\n"
        "- {actor: alpha-quill, text: Invented earliest words of Alpha.}\n"
        "---\nInvented words only.\n", encoding="utf-8")
    result = run_build(root, "--no-search")
    assert result.returncode == 0, result.stderr
    return root / "public"


def test_an_actors_statements_are_listed_newest_first_with_date_article_and_outlet(tmp_path: Path) -> None:
    out = build_with_statements(tmp_path)
    page = (out / "actors/alpha-quill/index.html").read_text(encoding="utf-8")
    statements = section(page, "statements-h")
    assert '<h2 id="statements-h">Statements <span class="count">3</span></h2>' in statements
    assert quotes(statements) == ["Invented later words of Alpha.", "This sentence is synthetic test data.",
                                  "Invented earliest words of Alpha."]
    assert captions(statements) == [
        "2 June 2024 · Synthetic later item · via Wire One",
        "5 March 2024 · Synthetic council of Zorbia meets in Quellport · via Paper Two",
        "15 January 2024 · Synthetic earliest item",
    ]
    assert '<a href="/dossier/articles/said-later/">Synthetic later item</a>' in statements
    assert '<a href="/dossier/sources/wire-one/">Wire One</a>' in statements
    assert "Invented words of Beta." not in page, "another actor's words are not this actor's statements"


def test_a_topic_lists_who_said_what_by_speaker_the_unnamed_last(tmp_path: Path) -> None:
    out = build_with_statements(tmp_path)
    page = (out / "topics/test-topic/index.html").read_text(encoding="utf-8")
    said = section(page, "said-h")
    speakers = re.findall(r'<h3 class="speaker">(.*?)</h3>', said)
    # In the order of each speaker's latest statement; the earliest item is on another topic.
    assert speakers == ['<a href="/dossier/actors/alpha-quill/">Alpha Quill</a>',
                        '<a href="/dossier/actors/beta-morrow/">Beta Morrow</a>', "Speaker not named"]
    assert quotes(said) == ["Invented later words of Alpha.", "This sentence is synthetic test data.",
                            "Invented words of Beta.", "Invented words of nobody named."]
    assert captions(said)[-1] == "2 June 2024 · Synthetic later item · via Paper Two"
    other = (out / "topics/other-topic/index.html").read_text(encoding="utf-8")
    assert quotes(section(other, "said-h")) == ["Invented earliest words of Alpha."]


TITLE = "TF1: Уиткофф и\xa0Кушнер примут участие во\xa0встрече «коалиции желающих» в\xa0Париже"


def test_the_example_shows_lavrovs_statement_and_who_said_what_on_its_topics(example_build: Path) -> None:
    lavrov = (example_build / "actors/sergey-lavrov/index.html").read_text(encoding="utf-8")
    statements = section(lavrov, "statements-h")
    # Typeset as on the article page: «ёлочки», and no short word left at a line's end.
    assert quotes(statements) == ["иностранной военной интервенции на\xa0какую-то часть украинской территории"]
    assert captions(statements) == [f"6 января 2026 · {TITLE}"]
    topic = (example_build / "topics/mnogonatsionalnye-sily/index.html").read_text(encoding="utf-8")
    said = section(topic, "said-h")
    assert '<h2 id="said-h">Кто что сказал</h2>' in said
    assert re.findall(r'<h3 class="speaker">(.*?)</h3>', said) == [
        '<a href="/dossier/actors/sergey-lavrov/">Сергей Лавров</a>', "Говорящий не назван"]
    # The TF1 report's words, whose speaker the story does not name; no number range among them.
    assert captions(said)[1:] == [f"6 января 2026 · {TITLE} · по данным TF1"] * 2
    assert "от 10 тыс." not in said


def test_a_dossier_without_topics_shows_no_topics_heading(tmp_path: Path) -> None:
    root = copy_site(SITES / "basic", tmp_path / "site")
    shutil.rmtree(root / "content/topics")
    for path in (root / "content/articles").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^topics: .*\n", "", text, flags=re.M), encoding="utf-8")
    (root / "content/actors/delta-idle.md").write_text("---\nname: Delta Idle\nkind: person\n---\n", encoding="utf-8")
    result = run_build(root, "--no-search")
    assert result.returncode == 0, result.stderr
    home = (root / "public/index.html").read_text(encoding="utf-8")
    assert 'id="topics-heading"' not in home and "chips-topics" not in home
    assert '<h2 id="mentioned">Most mentioned</h2>' in home, "the list that has items keeps its heading"
    # A profile no article names has no "Articles" heading over nothing.
    idle = (root / "public/actors/delta-idle/index.html").read_text(encoding="utf-8")
    assert "<h1>Delta Idle</h1>" in idle
    assert 'id="articles-h"' not in idle and "Nothing here yet." not in idle
