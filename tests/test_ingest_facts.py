"""What ingest says a story reports: its events, who said each quote, the outlets it cites,
its topics. Every story here is invented (Testland, Примерия), told in agencies' styles."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from dossier.ingest.compose import ingest_text
from dossier.ingest.profiles import KnownProfiles


def matter(text: str, date: str) -> dict[str, Any]:
    """Return the front matter ingest gives a story of the given day."""
    result = ingest_text(text.encode("utf-8"), "story.txt", KnownProfiles(), date=dt.date.fromisoformat(date))
    assert result.error == ""
    return result.front_matter


def events(text: str, date: str) -> list[tuple[str, str]]:
    return [(e["date"], e["text"]) for e in matter(text, date).get("events", [])]


# --- events ---

def test_a_weekday_said_in_the_past_is_the_one_before_the_story_though_the_sentence_says_would() -> None:
    story = ("Testland envoy says council would back the plan\n\n"
             "TESTHAVEN, Nov 20 (Synthetic Wire) - Testland envoy Mara Quillon said on Tuesday that the "
             "council would back the invented harbour plan.\n\n"
             "Sanctions the council imposed in September would stay, Quillon added.")
    # 2019-11-20 is a Wednesday: "on Tuesday" is the day before, September the one before.
    assert events(story, "2019-11-20") == [
        ("2019-11-19", "Testland envoy Mara Quillon said on Tuesday that the council would back the invented "
                       "harbour plan."),
        ("2019-09", "Sanctions the council imposed in September would stay, Quillon added.")]


def test_a_date_of_the_future_verb_is_ahead_and_a_date_without_a_year_is_the_nearest() -> None:
    story = ("Testland council to meet on Tuesday\n\n"
             "TESTHAVEN, Nov 20 (Synthetic Wire) - The Testland council will meet on Tuesday to name an "
             "acting harbour chief.\n\n"
             "Exampleland told the council it would send inspectors back on March 10.\n\n"
             "The old chief resigned on Nov. 2 after an audit.")
    assert [date for date, _ in events(story, "2019-11-20")] == ["2019-11-26", "2020-03-10", "2019-11-02"]


def test_anniversaries_charts_and_market_levels_are_no_events() -> None:
    story = ("Testhaven remembers the flood as bond yields climb\n\n"
             "TESTHAVEN, Nov 20 (Synthetic Wire) - Testhaven opened a memorial on Monday, 18 years after the "
             "September 11, 2001 floods that destroyed its harbour.\n\n"
             "Testland's 10-year bond yield rose to 4.21% on Wednesday, its highest since March.\n\n"
             "The yield was 3.98% on Monday.\n\n"
             "(Graphic: Testland bond yields in 2019 - here)\n\n"
             "The central bank last raised its main rate in June, traders said.")
    assert events(story, "2019-11-20") == [
        ("2019-11-18", "Testhaven opened a memorial on Monday, 18 years after the September 11, 2001 floods "
                       "that destroyed its harbour."),
        ("2019-06", "The central bank last raised its main rate in June, traders said.")]


def test_a_weekday_inside_someones_words_is_not_the_reporters() -> None:
    story = ("Testland aide tells inquiry of early vote\n\n"
             "TESTHAVEN, Nov 20 (Synthetic Wire) - \"I heard the governor ask, quote, 'why not hold it on "
             "Sunday?'\" aide Daniel Pell told the inquiry.")
    assert events(story, "2019-11-20") == []


def test_russian_and_ukrainian_weekdays_and_months_read_by_the_verbs_tense() -> None:
    russian = ("Глава порта Тестограда ушел в отставку\n\n"
               "ТЕСТОГРАД, 20 ноября. /Синтех-Пресс/. Глава порта Тестограда Мирон Остроухов во вторник ушел "
               "в отставку.\n\n"
               "Проверку назначили в сентябре.\n\n"
               "Совет соберется во вторник, чтобы назначить нового главу.\n\n"
               "Тестляндия сообщила совету, что вернет инспекторов 10 марта.")
    assert [date for date, _ in events(russian, "2019-11-20")] == ["2019-11-19", "2019-09", "2019-11-26",
                                                                     "2020-03-10"]
    ukrainian = ("Вигадана громада отримала нову лікарню\n\n"
                 "ПРИКЛАДНЕ, 20 листопада. /Укртест/. У громаді Прикладне у вівторок відкрили нову лікарню.\n\n"
                 "Будівництво почали у вересні 2017 року.\n\n"
                 "У п'ятницю громаду відвідає делегація з Примерії.")
    assert [date for date, _ in events(ukrainian, "2019-11-20")] == ["2019-11-19", "2017-09", "2019-11-22"]
