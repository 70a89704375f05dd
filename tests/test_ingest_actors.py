"""Person extraction quality: the seed story exactly, and a floor on a few devset documents."""

from __future__ import annotations

import importlib.util

from dossier.ingest import actors
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
    names = {p.name for p in actors.extract(text).persons}
    assert names == {"Отто Фрельц", "Игорь Тестов"}


def test_devset_sample_scores_above_a_floor() -> None:
    precision, recall, f1, _ = bench.run_devset(bench.devset_documents(15))
    assert f1 >= 0.85, (precision, recall, f1)
