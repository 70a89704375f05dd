"""Spelling schemes, case forms the dictionary cannot settle and diminutives, on real `build.py ingest` runs.

Every story here is synthetic: invented people in invented places.
"""

from __future__ import annotations

from pathlib import Path

from test_ingest_identity import actors, ingest, profiles


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


def test_the_names_a_reader_sees_are_nominative_and_cased_as_names_are(tmp_path: Path) -> None:
    story = ("Авиакомпания ответила критикам\n\nТЕСТОГРАД, 3 марта /Синтетика/. По словам Кенни Тестобса, "
             "рейсы вернутся. Слова Майкла О'Тестли подтвердил директор Алексей ВЫДУМОВ. Суд признал "
             "Азию-Тестиби невиновной. Директор встретился с Илоном Выдумаском.")
    again = "Христианка на свободе\n\nТЕСТОГРАД, 4 марта /Синтетика/. Адвокаты навестили Азию-Тестиби."
    records = ingest(tmp_path, {"1.txt": story, "2.txt": again})
    names = {slug: profile["name"] for slug, profile in profiles(tmp_path).items()}
    # An indeclinable foreign given name is not re-inflected (Кенни, not "Кенний"); an Irish O' keeps
    # its capital; a surname in capitals is written as a name; each part of a hyphenated name is nominative;
    # "Выдумаском" is no adjective in the locative ("Выдумаский").
    assert [names[slug] for slug in actors(records[0])] == [
        "Кенни Тестобс", "Майкл О'Тестли", "Алексей Выдумов", "Илон Выдумаск"]
    assert [names[slug] for slug in actors(records[1])] == ["Азия-Тестиби"]


def test_a_case_form_two_genders_share_joins_the_one_profile_one_reading_names(tmp_path: Path) -> None:
    stories = {"1.txt": "Советник выступил\n\nТЕСТОГРАД, 3 марта /Синтетика/. Советник Евгений Тестаков заявил, "
                        "что доклад готов. Министр Александра Выдумова согласилась.",
               # "Евгению Тестакову" is his dative or Евгения Тестакова's accusative; "Александру
               # Выдумову" her accusative or Александр Выдумов's dative: each the one profile it may be.
               "2.txt": "Доклад передан\n\nТЕСТОГРАД, 4 марта /Синтетика/. Президент поручил Евгению Тестакову "
                        "подготовить доклад. Суд вызвал Александру Выдумову для дачи показаний.",
               # A reading fits no profile whose given name differs: Ольга is neither Евгения nor Евгений.
               "3.txt": "Советница выступила\n\nТЕСТОГРАД, 5 марта /Синтетика/. Советница Ольга Вымыслова "
                        "заявила, что доклад не готов.",
               "4.txt": "Доклад отозван\n\nТЕСТОГРАД, 6 марта /Синтетика/. Президент поручил Евгению Вымыслову "
                        "отозвать доклад."}
    records = ingest(tmp_path, stories)
    assert actors(records[0]) == ["evgeny-testakov", "aleksandra-vydumova"]
    assert actors(records[1]) == ["evgeny-testakov", "aleksandra-vydumova"]
    assert actors(records[2]) == ["olga-vymyslova"]
    assert actors(records[3]) in (["evgeny-vymyslov"], ["evgeniya-vymyslova"])


def test_a_person_new_to_the_dossier_is_one_stub_under_both_spellings_a_story_gives(tmp_path: Path) -> None:
    story = ("Авиакомпания отменила рейсы\n\nТЕСТОГРАД, 3 марта /Синтетика/. Представитель компании Марвин "
             "Джейкстер заявил, что рейсы отменены. Позже Марвин Якстер уточнил, что отмена временная. "
             "Освальд Якстер и Марвин Якснер с ним не согласились.")
    records = ingest(tmp_path, {"1.txt": story})
    # Not "Освальд Якстер" (another given name), nor "Марвин Якснер" (another surname, a letter apart).
    assert actors(records[0]) == ["marvin-dzheykster", "osvald-yakster", "marvin-yaksner"]
    assert "Марвин Якстер" in profiles(tmp_path)["marvin-dzheykster"]["aliases"]


def test_an_english_diminutive_written_in_cyrillic_is_the_name_it_shortens(tmp_path: Path) -> None:
    stories = {"1.txt": "Министр объявил карантин\n\nТЕСТОГРАД, 3 марта /Синтетика/. Министр здравоохранения "
                        "Мэттью Тестенкок объявил карантин.",
               "2.txt": "Министр отменил карантин\n\nТЕСТОГРАД, 4 марта /Синтетика/. Министр здравоохранения "
                        "Мэтт Тестенкок отменил карантин. Его поддержал Уильям Выдумсон.",
               # Билл is Уильям's; Марк is not Мэттью, nor Саша (a Slavic diminutive no list holds) Александр.
               "3.txt": "Министры поспорили\n\nТЕСТОГРАД, 5 марта /Синтетика/. Билл Выдумсон заявил, что "
                        "карантин нужен. Марк Тестенкок и Саша Выдумсон возразили."}
    records = ingest(tmp_path, stories)
    assert actors(records[0]) == ["mettyu-testenkok"]
    assert actors(records[1]) == ["mettyu-testenkok", "uilyam-vydumson"]
    assert actors(records[2]) == ["uilyam-vydumson", "mark-testenkok", "sasha-vydumson"]


def test_a_ukrainian_surname_in_ов_declines_as_an_adjective_only_where_it_does(tmp_path: Path) -> None:
    stories = {"1.txt": "Міністри зустрілися\n\nВИГАДАНОГРАД, 3 березня /Синтетика/. Міністр Сергій Вигадов "
                        "заявив, що зустріч була корисною. Посол Ольга Тестова погодилася.",
               "2.txt": "Переговори тривають\n\nВИГАДАНОГРАД, 4 березня /Синтетика/. Прем'єр зустрівся із "
                        "Сергієм Вигадовим. Він подякував Ользі Тестовій за підтримку."}
    records = ingest(tmp_path, stories)
    # "Вигадовим" is Вигадов's instrumental, not the adjective "вигадовий"; "Тестовій" Тестова's.
    assert actors(records[0]) == actors(records[1]) == ["sergiy-vigadov", "olga-testova"]
