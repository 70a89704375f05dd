"""Spelling schemes, case forms the dictionary cannot settle and diminutives, on real `build.py ingest` runs.

Every story here is synthetic: invented people in invented places.
"""

from __future__ import annotations

from pathlib import Path

from test_ingest_identity import actors, ingest


def test_an_english_a_is_ей_or_а_and_a_j_дж_or_й_in_a_surname(tmp_path: Path) -> None:
    stories = {"1.txt": "Авиакомпания отменила рейсы\n\nТЕСТОГРАД, 3 марта /Синтетика/. Представитель компании "
                        "Марвин Джейкстер заявил, что рейсы отменены. Эпидемиолог Линдси Бейдмор согласилась.",
               "2.txt": "Авиакомпания вернула рейсы\n\nТЕСТОГРАД, 4 марта /Синтетика/. Представитель компании "
                        "Марвин Якстер заявил, что рейсы вернутся. Эпидемиолог Линдси Бадмор не согласилась.",
               # Different given names, a letter apart, and two Slavic surnames Faker lists: no one joins.
               "3.txt": "Пассажиры пожаловались\n\nТЕСТОГРАД, 5 марта /Синтетика/. Пассажир Освальд Якстер "
                        "пожаловался на задержку. Марвин Якснер согласился с ним. Учитель Петр Нейко и "
                        "врач Петр Нако подали иск."}
    records = ingest(tmp_path, stories)
    assert actors(records[0]) == ["marvin-dzheykster", "lindsi-beydmor"]
    assert actors(records[1]) == ["marvin-dzheykster", "lindsi-beydmor"]
    assert actors(records[2]) == ["osvald-yakster", "marvin-yaksner", "petr-neyko", "petr-nako"]
