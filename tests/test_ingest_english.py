"""English ingest end to end: the English telling of the example story, and one actor across scripts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from helpers import DATA, EXAMPLE_SITE, run_build
from test_ingest_cli import FIXTURES, ingest
from test_ingest_cli import site as seed_site  # noqa: F401 (a fixture)

SAMPLE = DATA / "wire" / "en_paris_reuters_style.txt"
ARTICLE = "content/articles/2026/witkoff-and-kushner-to-attend-coalition-of-the-willing-meeting-in-paris-tf1-says.md"
EXAMPLE_TEN = ["stiven-uitkoff", "dzhared-kushner", "emmanuel-makron", "kir-starmer", "fridrikh-merts",
               "dzhordzha-meloni", "mark-karni", "vladimir-zelensky", "dmitry-peskov", "sergey-lavrov"]


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


@pytest.fixture
def site(seed_site: Path) -> Path:
    """A site with the example's profiles and no articles, and an empty inbox/."""
    for story in (seed_site / "inbox").iterdir():
        story.unlink()
    return seed_site


def test_english_sample_gives_the_example_people_trump_as_a_stub_and_credits_as_byline(site: Path) -> None:
    shutil.copy(SAMPLE, site / "inbox" / SAMPLE.name)
    result = ingest(site)
    assert result.returncode == 0, result.stderr
    assert f"inbox/{SAMPLE.name}: wrote {ARTICLE} (11 actors, 1 new)" in result.stdout
    fm = front_matter(site / ARTICLE)
    assert sorted(fm["actors"]) == sorted([*EXAMPLE_TEN, "donald-trump"])
    assert fm["byline"] == "Reporting by Julie Marchand; Writing by Tom Hollis; Editing by Ann Carrow"
    assert (fm["lang"], fm["place"], fm["source"], fm["via"]) == ("en", "Paris", "reuters", ["tf1", "die-welt"])
    assert [(e["date"], e["actors"]) for e in fm["events"]] == [
        ("2026-01-06", ["stiven-uitkoff", "dzhared-kushner", "donald-trump"]), ("2025-spring", []), ("2025-12-17", ["dmitry-peskov"]), ("2025-08-21", ["sergey-lavrov"])]
    assert {"text": "only what military secrecy allows will be announced", "via": "tf1"} in fm["quotes"]
    assert not any("coalition of the willing" == q["text"] for q in fm["quotes"])
    assert "Reporting by" not in (site / ARTICLE).read_text(encoding="utf-8").split("---\n", 2)[2]
    stub = front_matter(site / "content/actors/donald-trump.md")
    assert stub["names"] == {"en": "Donald Trump"} and stub["kind"] == "person"
    new_profiles = {p.name for p in (site / "content/actors").glob("*.md")} - {
        p.name for p in (EXAMPLE_SITE / "content/actors").glob("*.md")}
    assert new_profiles == {"donald-trump.md"}
    zelensky = front_matter(site / "content/actors/vladimir-zelensky.md")
    assert "Volodymyr Zelenskiy" in zelensky["aliases"]
    shutil.copy(EXAMPLE_SITE / "site.yml", site / "site.yml")
    built = run_build(site, "--no-search")
    assert built.returncode == 0, built.stderr
    page = (site / "public/articles" / ARTICLE.rsplit("/", 1)[1].removesuffix(".md") / "index.html").read_text()
    assert ('<dt>Авторы</dt><dd class="byline">Reporting by Julie Marchand; Writing by Tom Hollis; '
            'Editing by Ann Carrow</dd>') in page
    trump = (site / "public/actors/donald-trump/index.html").read_text()
    assert '<meta name="robots" content="noindex">' in trump and "data-pagefind-body" not in trump
    macron = (site / "public/actors/emmanuel-makron/index.html").read_text()
    assert "noindex" not in macron and "data-pagefind-body" in macron


def test_a_person_met_in_english_is_matched_in_russian(site: Path) -> None:
    shutil.copy(FIXTURES / "synthetic_en_crossscript.txt", site / "inbox" / "a.txt")
    first = ingest(site, "--date", "2025-03-04")
    assert first.returncode == 0, first.stderr
    assert "(2 actors, 2 new)" in first.stdout
    assert front_matter(site / "content/actors/marta-probnik.md")["names"] == {"en": "Marta Probnik"}
    (site / "inbox" / "a.txt").unlink()
    shutil.copy(FIXTURES / "synthetic_ru_crossscript.txt", site / "inbox" / "b.txt")
    second = ingest(site, "--date", "2025-03-05")
    assert second.returncode == 0, second.stderr
    assert "(1 actors, 0 new)" in second.stdout
    article = next((site / "content/articles/2025").glob("sintetika-*.md"))
    assert front_matter(article)["actors"] == ["marta-probnik"]
    learnt = front_matter(site / "content/actors/marta-probnik.md")
    assert "Марта Пробник" in learnt["aliases"]
    assert learnt["names"] == {"ru": "Марта Пробник", "en": "Marta Probnik"}


def test_a_person_met_in_russian_is_matched_in_english(site: Path) -> None:
    shutil.copy(FIXTURES / "synthetic_ru.txt", site / "inbox" / "a.txt")
    first = ingest(site, "--date", "2025-03-03")
    assert first.returncode == 0, first.stderr
    assert front_matter(site / "content/actors/petr-obraztsov.md")["name"] == "Пётр Образцов"
    (site / "inbox" / "a.txt").unlink()
    shutil.copy(FIXTURES / "synthetic_en_crossscript.txt", site / "inbox" / "b.txt")
    second = ingest(site, "--date", "2025-03-04")
    assert second.returncode == 0, second.stderr
    assert "(2 actors, 1 new)" in second.stdout  # Marta Probnik is new; Pyotr Obraztsov is Пётр Образцов
    article = next((site / "content/articles/2025").glob("synthetic-*.md"))
    fm = front_matter(article)
    assert fm["actors"] == ["petr-obraztsov", "marta-probnik"]
    assert fm["byline"] == "Reporting by Una Writer; Editing by Otto Editor"
    assert not (site / "content/actors/pyotr-obraztsov.md").exists()
    assert front_matter(site / "content/actors/petr-obraztsov.md")["names"] == {
        "en": "Pyotr Obraztsov", "ru": "Пётр Образцов"}


def test_stubs_speak_the_dossiers_language_stay_out_of_search_and_learn_a_fuller_name(site: Path) -> None:
    shutil.copy(EXAMPLE_SITE / "site.yml", site / "site.yml")  # language: ru
    (site / "inbox" / "a.txt").write_text(
        "СИНТЕТИКА: Вымышленные переговоры\n\nТЕСТОГРАД, 2 марта. /СИНТЕТИКА/. Министр примеров Пробник "
        "провела переговоры с послом Образцовым.\n", encoding="utf-8")  # a role: not held back
    assert ingest(site, "--date", "2025-03-02").returncode == 0
    stub_path = site / "content/actors/obraztsov.md"
    stub = stub_path.read_text(encoding="utf-8")
    assert stub.startswith("---\n# Заготовка профиля от ingest: проверьте имя и роль")
    assert front_matter(stub_path)["stub"] is True and stub.endswith("stub: true\n---\n")
    (site / "inbox" / "a.txt").unlink()
    shutil.copy(FIXTURES / "synthetic_ru.txt", site / "inbox" / "b.txt")
    second = ingest(site, "--date", "2025-03-03")
    assert second.returncode == 0, second.stderr
    assert "(2 actors, 1 new)" in second.stdout  # Анна Пробная is new; Пётр Образцов is the stub
    learnt = front_matter(stub_path)
    assert (learnt["name"], learnt["names"]) == ("Пётр Образцов", {"ru": "Пётр Образцов"})
    edited = stub_path.read_text(encoding="utf-8").replace("stub: true\n", "").replace(
        "Пётр Образцов", "Образцов") + "Биография.\n"
    stub_path.write_text(edited, encoding="utf-8")
    (site / "inbox" / "b.txt").unlink()
    shutil.copy(FIXTURES / "synthetic_ru.txt", site / "inbox" / "c.txt")
    assert ingest(site, "--date", "2025-03-04").returncode == 0
    assert front_matter(stub_path)["name"] == "Образцов"  # an edited profile keeps its name
    assert stub_path.read_text(encoding="utf-8").endswith("Биография.\n")
