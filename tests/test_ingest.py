"""ingest as a library: the seed story, synthetic stories, bad input, and arbitrary text."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.ingest.compose import ingest_text
from dossier.ingest.dates import find_dates, infer_year
from dossier.ingest.profiles import KnownProfiles, load_profiles
from dossier.ingest.quotes import find_quotes, is_statement
from dossier.ingest.sources.text import story_from_text
from dossier.ingest.stubs import add_aliases
from helpers import EXAMPLE_SITE, SEED

EXAMPLE = EXAMPLE_SITE / "content" / "articles" / "2026" / (
    "tf1-uitkoff-i-kushner-primut-uchastie-vo-vstreche-koalitsii-zhelayushchikh-v-parizhe.md")
FIXTURES = Path(__file__).resolve().parent / "ingest"


@pytest.fixture(scope="module")
def repo_profiles() -> KnownProfiles:
    known, warnings = load_profiles(EXAMPLE_SITE)
    assert warnings == []
    return known


def front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))


def test_seed_reproduces_the_example_articles_front_matter(repo_profiles: KnownProfiles) -> None:
    result = ingest_text(SEED.read_bytes(), SEED.name, repo_profiles)
    assert result.error == ""
    assert result.article_path == EXAMPLE.relative_to(EXAMPLE_SITE).as_posix()
    assert front_matter(result.article_text) == front_matter(EXAMPLE.read_text(encoding="utf-8"))


def test_seed_fields(repo_profiles: KnownProfiles) -> None:
    fm = ingest_text(SEED.read_bytes(), SEED.name, repo_profiles).front_matter
    assert (fm["date"], fm["place"], fm["source"], fm["via"]) == (dt.date(2026, 1, 6), "Париж", "tass", ["tf1", "die-welt"])
    assert fm["image"] == {"src": "", "caption": "Джаред Кушнер и спецпосланник президента США Стивен Уиткофф",
                           "credit": "Sean Gallup/ Getty Images"}
    assert {"actor": "sergey-lavrov", "text": "иностранной военной интервенции на какую-то часть украинской "
            "территории"} in fm["quotes"]
    # "как пояснил TF1 один из советников Макрона": Macron is named, but not as the speaker.
    advisor = next(q for q in fm["quotes"] if q["text"].startswith("будет объявлено"))
    assert advisor == {"text": "будет объявлено только то, что позволяет военная тайна", "via": "tf1"}
    # "примут участие ... во вторник": the meeting of the story's own day, a Tuesday.
    assert [(e["date"], e["actors"]) for e in fm["events"]] == [
        ("2026-01-06", ["stiven-uitkoff", "dzhared-kushner"]), ("2025-spring", []), ("2025-12-17", ["dmitry-peskov"]), ("2025-08-21", ["sergey-lavrov"])]
    assert fm["topics"] == ["koalitsiya-zhelayushchikh", "peremirie", "mnogonatsionalnye-sily", "garantii-bezopasnosti"]


def test_seed_without_profiles_makes_stubs_with_nominative_names_and_roles() -> None:
    result = ingest_text(SEED.read_bytes(), SEED.name, KnownProfiles())
    by_slug = {a.slug: a for a in result.actors}
    assert by_slug["fridrikh-merts"].name == "Фридрих Мерц"
    assert by_slug["dzhordzha-meloni"].name == "Джорджа Мелони"
    assert by_slug["stiven-uitkoff"].aliases == ["Уиткофф"]
    assert by_slug["dmitry-peskov"].role == "пресс-секретарь президента РФ"
    assert by_slug["sergey-lavrov"].role == "министр иностранных дел РФ"
    assert all(a.new and a.kind == "person" for a in result.actors)


def test_year_is_inferred_and_said_and_date_overrides(repo_profiles: KnownProfiles) -> None:
    result = ingest_text(SEED.read_bytes(), SEED.name, repo_profiles)
    assert "date: year 2026 inferred for dateline '06.01' after '17 декабря 2025 года' in the text; " \
           "pass --date to override" in result.warnings
    forced = ingest_text(SEED.read_bytes(), SEED.name, repo_profiles, date=dt.date(2027, 1, 6))
    assert forced.front_matter["date"] == dt.date(2027, 1, 6)
    assert forced.article_path.startswith("content/articles/2027/")
    assert not any(w.startswith("date:") for w in forced.warnings)


def test_year_without_past_dates_comes_from_the_file_time() -> None:
    assert infer_year(12, 30, [], dt.date(2026, 1, 2)) == (2025, "from the file's date 2026-01-02")


def test_dates_keep_their_precision() -> None:
    found = find_dates("весной 2025 года; в декабре 2024 года; 17 декабря 2025 года; in March 2024; Dec 1, 2023")
    assert [m.value for m in found] == ["2025-spring", "2024-12", "2025-12-17", "2024-03", "2023-12-01"]


@pytest.mark.parametrize(("dateline", "expected"), [
    ("PARIS, Jan 6 (Reuters) - Text.", ("Paris", 1, 6, "Reuters")),
    ("ST. PETERSBURG, Dec. 31 (Reuters) — Text.", ("St. Petersburg", 12, 31, "Reuters")),
    ("KYIV/MOSCOW, January 6 (Reuters) - Text.", ("Kyiv/Moscow", 1, 6, "Reuters")),
    ("ПАРИЖ, 6 января. /ТАСС/. Текст.", ("Париж", 1, 6, "ТАСС")),
    ("КИЕВ/МОСКВА, 6 января. /ТАСС/. Текст.", ("Киев/Москва", 1, 6, "ТАСС")),
])
def test_datelines(dateline: str, expected: tuple) -> None:
    story = story_from_text("Headline\n\n" + dateline, b"", "text")
    assert (story.dateline.place, story.dateline.month, story.dateline.day, story.dateline.agency) == expected


def test_synthetic_russian_story() -> None:
    result = ingest_text((FIXTURES / "synthetic_ru.txt").read_bytes(), "synthetic_ru.txt", KnownProfiles())
    fm = result.front_matter
    assert fm["actors"] == ["anna-probnaya", "petr-obraztsov"]
    assert fm["via"] == ["testovy-vestnik"] and fm["source"] == "sintetika" and fm["place"] == "Тестоград"
    assert fm["quotes"] == [{"actor": "petr-obraztsov", "text": "Мы обсудили все вымышленные вопросы этой встречи"}]
    petr = next(a for a in result.actors if a.slug == "petr-obraztsov")
    assert (petr.name, petr.role) == ("Пётр Образцов", "председатель тестового совета")
    assert {"Петром Образцовым", "Образцова"} <= set(petr.aliases)


def test_synthetic_english_story() -> None:
    result = ingest_text((FIXTURES / "synthetic_en.txt").read_bytes(), "synthetic_en.txt", KnownProfiles())
    fm = result.front_matter
    assert (fm["lang"], fm["place"], fm["source"]) == ("en", "Testville", "synthetic-wire")
    assert fm["actors"] == ["alice-example", "robert-sample"]
    # "on Tuesday" before a Monday dateline (3 March 2025) is the Tuesday before.
    assert fm["events"] == [{"date": "2025-02-25", "actors": ["alice-example", "robert-sample"],
                             "text": "Testland minister Alice Example met council chair Robert Sample on Tuesday."},
                            {"date": "2024-11-12", "text": "On Nov 12, 2024 Sample signed an invented truce.",
                             "actors": ["robert-sample"]}]


def test_cp1251_is_detected() -> None:
    text = (FIXTURES / "synthetic_ru.txt").read_text(encoding="utf-8")
    result = ingest_text(text.encode("cp1251"), "story.txt", KnownProfiles())
    assert result.front_matter["title"].startswith("СИНТЕТИКА: Вымышленный министр")
    assert "not UTF-8: read as Windows-1251 (cp1251) Russian text" in result.warnings


@pytest.mark.parametrize(("raw", "message"), [
    (b"", "empty file: nothing to ingest"),
    (b"  \n\n ", "empty file: nothing to ingest"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (NUL bytes), not a text story"),
])
def test_empty_and_binary_input_get_a_clear_message(raw: bytes, message: str) -> None:
    result = ingest_text(raw, "bad.txt", KnownProfiles())
    assert (result.error, result.article_path) == (message, "")


def test_undecodable_bytes_give_an_article_marked_for_review() -> None:
    raw = "Headline\n\nBody text here.".encode() + b"\xff\xfe\xfa latin junk \xe9"
    result = ingest_text(raw, "odd.txt", KnownProfiles())
    assert result.front_matter["needs_review"] is True
    assert any("not valid UTF-8" in w for w in result.warnings)


def test_add_aliases_touches_only_the_aliases_line() -> None:
    profile = '---\nname: "Анна Пробная"\naliases: ["Пробной"]\nkind: person\n---\nEdited bio.\n'
    updated = add_aliases(profile, ["Пробную", "Пробной"])
    assert updated == profile.replace('["Пробной"]', '["Пробной", "Пробную"]')
    block = "---\nname: X\naliases:\n  - Y\nrole: r\n---\nbio\n"
    assert add_aliases(block, ["Z"]) == "---\nname: X\naliases:\n  - Y\n  - \"Z\"\nrole: r\n---\nbio\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), st.binary(max_size=200),
                 st.lists(st.sampled_from(["ПАРИЖ, 6 января. /ТАСС/.", "Сергей Лавров", "«цитата из трёх слов»",
                                           "\n\n", "17 декабря 2025 года", "©", "Мерца", " "]), max_size=12)
                 .map("".join)))
def test_any_input_gives_an_article_or_a_message(data: str | bytes) -> None:
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    result = ingest_text(raw, "any.txt", KnownProfiles(), file_date=dt.date(2026, 1, 1))
    if result.error:
        assert result.article_path == "" and "\n" not in result.error
    else:
        assert result.front_matter["title"]
        assert re.fullmatch(r"content/articles/\d{4}/[a-z0-9-]+\.md", result.article_path)
        assert front_matter(result.article_text)["title"] == result.front_matter["title"]


@pytest.mark.parametrize("text, statement", [
    ("от 10 тыс. до 15 тыс.", False),  # a number range (the seed story)
    ("40 дней без Егора", False),  # a title with a number
    ("Синдром второй лиги", False),  # a title
    ("Координационный совет пострадавших соинвесторов", False),  # a name
    ("убийцей рабочих мест", False),  # a short label, no verb
    ("Мы одна семья", True),  # verbless, but a pronoun makes it speech
    ("ранит чувства японского народа", True),  # "ранит" may be a noun's case, and is a verb here
    ("иностранной военной интервенции на какую-то часть украинской территории", True),  # the speaker's wording
    ("будет объявлено только то, что позволяет военная тайна", True),
])
def test_a_quote_is_a_statement_only_when_it_reads_as_someones_words(text: str, statement: bool) -> None:
    assert is_statement(text) is statement


def test_a_number_range_in_quotes_is_not_a_quote() -> None:
    sentence = next(line for line in SEED.read_text(encoding="utf-8").splitlines() if "Die Welt" in line)
    assert '"от 10 тыс. до 15 тыс."' in sentence
    assert find_quotes(sentence) == []
