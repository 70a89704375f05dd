"""Person extraction quality: the seed story exactly, and a floor on a few devset documents."""

from __future__ import annotations

import importlib.util

import pytest

from dossier.ingest.analyse import ru
from helpers import REPO

_spec = importlib.util.spec_from_file_location("bench_actors", REPO / "bench" / "actors.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def test_seed_story_names_exactly_its_ten_people() -> None:
    assert bench.persons_in(bench.SEED.read_text(encoding="utf-8")) == bench.SEED_PEOPLE


def test_inflected_forms_fold_to_one_person() -> None:
    # Synthetic sentences about invented people; Фрельц declines like Мерц (Фрельца, not "Фрелец").
    text = ("Отто Фрельц приехал. Позже Фрельца видели на вокзале, с Фрельцем говорили. "
            "Игорь Тестов ответил. Тестов добавил, что Тестову нечего скрывать.")
    names = {p.name for p in ru.extract(text).persons}
    assert names == {"Отто Фрельц", "Игорь Тестов"}


def test_devset_sample_scores_above_a_floor() -> None:
    precision, recall, f1, _ = bench.run_devset(bench.devset_documents(15))
    assert f1 >= 0.85, (precision, recall, f1)


@pytest.mark.slow
def test_whole_devset_meets_the_target() -> None:
    # The target; the measured figure (P 0.935, R 0.933, F1 0.934) leaves two or
    # three errors of margin, so a rule that costs more than that fails here.
    precision, recall, f1, _ = bench.run_devset(bench.devset_documents())
    assert f1 >= 0.93, (precision, recall, f1)



def names_in(text: str) -> list[tuple[str, str, str, str]]:
    return [(p.name, p.first, p.middle, p.last) for p in ru.extract(text).persons]


# Synthetic sentences about invented people: (text, [(name, first, middle, last)]).
FOLDING = [
    # "Лиза" here is Лиз's genitive, not a first name.
    ("Майкл Лиз выступил на вымышленном форуме. По словам Лиза, форум вымышлен.",
     [("Майкл Лиз", "Майкл", "", "Лиз")]),
    # "Томас" alone is Питер Томас, though the dictionary knows it as a first name.
    ("Вымышленный инженер Питер Томас выступил на тестовом форуме. Томас добавил, что всё вымышлено.",
     [("Питер Томас", "Питер", "", "Томас")]),
    ("Веселин Пробов выиграл вымышленный турнир. Тренер Веселина Пробова доволен.",
     [("Веселин Пробов", "Веселин", "", "Пробов")]),
    ("Михаил Вымыслашвили выступил. Михаил Вымыслаашвили добавил, что Вымыслашвили прав.",
     [("Михаил Вымыслашвили", "Михаил", "", "Вымыслашвили")]),
    # Two letters off a surname of ten or more is a misspelling of it, not another person.
    ("Директор тестового центра Билл Вымыслмайер выступил. Далее Вымсылмайер сказал, что всё вымышлено.",
     [("Билл Вымыслмайер", "Билл", "", "Вымыслмайер")]),
    ("Совет вымышленного клуба поддержал Виталия Выдумского.",
     [("Виталий Выдумский", "Виталий", "", "Выдумский")]),
    # A foreign first name the dictionary lacks declines like a masculine noun.
    ("С Гарретом Тестманом говорили в вымышленном клубе.",
     [("Гаррет Тестман", "Гаррет", "", "Тестман")]),
    # A surname that is a dictionary adjective keeps the person's gender.
    ("Пётр Образцов встретился с Анной Пробной.",
     [("Пётр Образцов", "Пётр", "", "Образцов"), ("Анна Пробная", "Анна", "", "Пробная")]),
    # "президенты" is no role of one person, so it says nothing of the name's case.
    ("Вымышленный совет осудил приговор кандидату в президенты Андрею Примерову.",
     [("Андрей Примеров", "Андрей", "", "Примеров")]),
    ("Председатель тестового клуба Николай Выдумкевич приехал. Позже приехал Илья Васильевич.",
     [("Николай Выдумкевич", "Николай", "", "Выдумкевич"), ("Илья Васильевич", "Илья", "Васильевич", "")]),
    ("Заявление распространил глава Синтетик Медиа Фил О’Тестли.",
     [("Фил О’Тестли", "Фил", "", "О’Тестли")]),
    ("Как рассказал Вымыслоновостям Пётр Образцов, вымышленный завод закрыт.",
     [("Пётр Образцов", "Пётр", "", "Образцов")]),
    ("Вымышленный суд продлил арест лидера Аль-Вымысла Усамы Тестана.",
     [("Усама Тестан", "Усама", "", "Тестан")]),
    ("Тестовая делегация Ивана Пробного посетила Коста Рику и Эль Сальвадор.",
     [("Иван Пробный", "Иван", "", "Пробный")]),
]


@pytest.mark.parametrize(("text", "expected"), FOLDING)
def test_each_person_is_found_once_by_a_nominative_name(text: str, expected: list) -> None:
    assert names_in(text) == expected


def test_a_plural_noun_before_a_name_is_no_role() -> None:
    text = "Вымышленный совет осудил приговор кандидату в президенты Андрею Примерову."
    assert [p.role for p in ru.extract(text).persons] == [""]
