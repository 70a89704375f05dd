"""Who said each quote, through the real `build.py ingest --dry-run --json`: short quotes a verb of
saying governs, terms in quotation marks, names the tagger was unsure of.

Every person, place and outlet here is invented (Valemouth, Примерия, Прикладне)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO, bare_site

STORIES = {
    "en_quay.txt": """Valemouth harbour repairs on schedule, spokesman says

VALEMOUTH, March 4 (Synthetic Wire) - Harbour spokesman Tobias Wrenfield said on Wednesday the repairs \
"remain on schedule" and would end in May.

Wrenfield said the so-called "harbour levy" would stay until the works end.

Critics called the plan a "costly detour", the Valemouth Post reported.

Wrenfield said the new "smart quay" system would open in June.

Residents said the works were "far too slow".
""",
    "en_council.txt": """Testland council condemns harbour coup

VALEMOUTH, March 4 (Synthetic Wire) - The Testland council on Friday condemned the coup by retired harbour \
major Pierre Quandor and for the first time said in a resolution that all the factions must "return to the \
talks without any conditions at all".

The coup was led by Mara Quillon and later said to be "a grave and dangerous mistake for every port".
""",
    "ru_bank.txt": """Центробанк вымышленной Примерии сохранил ставку

ПРИМЕРСК, 4 марта. /Синтех-Пресс/. Председатель центрального банка Примерии Зоя Лещинская заявила в среду, \
что банк «сделал достаточно».

Министр финансов Примерии назвал новый бюджет «дорожной картой».

«Это хороший день для нашего порта», — заявила министр иностранных дел Примерии Руфина Каллова.

«Мы ждали этого решения годами», — заявила супруга Петра Дымова, капитана порта.

«Порт откроется в мае», — сказал помощник Каллова.
""",
    "uk_bridge.txt": """Вигадана громада Прикладне отримала новий міст

ПРИКЛАДНЕ, 4 березня. /Укртест/. У громаді Прикладне у середу відкрили новий міст, повідомив голова \
громади Остап Вигаданенко.

«Ми чекали на цей міст десять років», — сказав Вигаданенко журналістам.
""",
}


@pytest.fixture(scope="module")
def quotes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[str, str]]]:
    """Return (speaker slug or '', text) of each story's quotes, as `build.py ingest` reads them."""
    site = bare_site(tmp_path_factory.mktemp("speakers") / "site")
    for name, text in STORIES.items():
        (site / "inbox" / name).write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, str(REPO / "build.py"), "ingest", "--root", str(site), "--dry-run",
                           "--json", "--date", "2026-03-04"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    found = {}
    for line in done.stdout.splitlines():
        record = json.loads(line)
        found[Path(record["input"]).name] = [(q.get("actor", ""), q["text"])
                                             for q in record["front_matter"].get("quotes", [])]
    return found


def test_a_short_english_quote_a_verb_of_saying_governs_is_its_subjects_and_terms_are_no_quotes(
        quotes: dict[str, list[tuple[str, str]]]) -> None:
    # "so-called", "a", a noun after it ("smart quay" system): terms; "far too slow": no person said it.
    assert quotes["en_quay.txt"] == [("tobias-wrenfield", "remain on schedule")]


def test_a_name_after_a_preposition_is_no_subject_of_the_verb_of_saying(
        quotes: dict[str, list[tuple[str, str]]]) -> None:
    # The council said it; "by ... Pierre Quandor", "by Mara Quillon" are the objects of "by".
    assert quotes["en_council.txt"] == [("", "return to the talks without any conditions at all"),
                                        ("", "a grave and dangerous mistake for every port")]


def test_a_short_russian_clause_is_a_quote_and_a_nominative_name_is_the_subject_its_verb_agrees_with(
        quotes: dict[str, list[tuple[str, str]]]) -> None:
    assert quotes["ru_bank.txt"] == [
        ("zoya-leshchinskaya", "сделал достаточно"),
        # «дорожной картой»: no verb, a label; "Руфина Каллова" after "министр ... Примерии", whose
        # case the tagger doubts, agrees with "заявила".
        ("rufina-kallova", "Это хороший день для нашего порта"),
        ("", "Мы ждали этого решения годами"),  # the wife's words, not Пётр Дымов's
        ("", "Порт откроется в мае")]  # "сказал помощник Каллова": his assistant, not Руфина Каллова


def test_a_ukrainian_surname_after_the_verb_is_its_subject(quotes: dict[str, list[tuple[str, str]]]) -> None:
    assert quotes["uk_bridge.txt"] == [("ostap-vigadanenko", "Ми чекали на цей міст десять років")]
