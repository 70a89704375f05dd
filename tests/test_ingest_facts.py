"""What ingest says a story reports: its events, who said each quote, the outlets it cites,
its topics. Every story here is invented (Testland, Примерия), told in agencies' styles."""

from __future__ import annotations

import datetime as dt
from typing import Any


from dossier.ingest.compose import ingest_text
from dossier.ingest.profiles import Known, KnownProfiles


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
             "The old chief resigned on Nov. 2 after an audit.\n\n"
             "The envoy will become the first to see the quay when she travels to Testhaven on Sunday.")
    assert [date for date, _ in events(story, "2019-11-20")] == ["2019-11-26", "2020-03-10", "2019-11-02",
                                                                   "2019-11-24"]


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


# --- quotes ---

def speakers(text: str, date: str = "2019-11-20") -> list[tuple[str, str]]:
    return [(q.get("actor", ""), q["text"]) for q in matter(text, date).get("quotes", [])]


def test_the_speaker_is_the_subject_of_the_verb_of_saying_not_the_nearest_name() -> None:
    story = ("Testland port chief quits after audit\n\n"
             "TESTHAVEN, Nov 20 (Synthetic Wire) - Testland's port chief Mira Ostrelle resigned on Tuesday.\n\n"
             "Council spokesman Kevin Dunmore told reporters that Ostrelle had \"chosen to step aside for the "
             "good of the harbour.\"\n\n"
             "\"I then heard Governor Oskar Lenz ask, quote, 'why can't we hold it in December?'\" aide "
             "Daniel Pell told the inquiry.\n\n"
             "Lenz denied the account. \"I never asked for any date, not once,\" he told the Evening Lantern.")
    assert speakers(story) == [
        ("kevin-dunmore", "chosen to step aside for the good of the harbour."),
        ("daniel-pell", "I then heard Governor Oskar Lenz ask, quote, 'why can't we hold it in December?'"),
        ("oskar-lenz", "I never asked for any date, not once")]


def test_a_quote_of_several_sentences_is_one_and_an_unclear_speaker_is_none() -> None:
    story = ("Testland port chief quits after audit\n\n"
             "TESTHAVEN, Nov 20 (Synthetic Wire) - Testland's port chief Mira Ostrelle resigned on Tuesday.\n\n"
             "\"We are sad to see her go. We will appoint a new chief quickly,\" Kevin Dunmore said. \"The "
             "harbour office will stay open all week.\"\n\n"
             "\"The harbour will not close, not for a single day,\" the notice read, a day after Mira "
             "Ostrelle left.\n\n"
             "Ostrelle met her successor Dana Quell on Wednesday. \"It was a long and a good day,\" she said.")
    assert speakers(story) == [
        ("kevin-dunmore", "We are sad to see her go. We will appoint a new chief quickly"),
        ("kevin-dunmore", "The harbour office will stay open all week."),
        ("", "The harbour will not close, not for a single day"),
        ("", "It was a long and a good day")]  # "she": Ostrelle or Quell


def test_russian_reported_speech_is_the_reporters_subjects() -> None:
    story = ("Глава порта Тестограда ушел в отставку\n\n"
             "ТЕСТОГРАД, 20 ноября. /Синтех-Пресс/. Глава порта Тестограда Мирон Остроухов во вторник ушел "
             "в отставку.\n\n"
             "Пресс-секретарь городского совета Кирилл Дымов заявил журналистам, что Остроухов «решил уйти "
             "ради блага порта».")
    assert speakers(story) == [("kirill-dymov", "решил уйти ради блага порта")]


# --- outlets ---

def test_only_media_are_cited_outlets_not_states_bodies_or_crowds() -> None:
    story = ("Testland and Exampleland agree to reopen border crossing\n\n"
             "NORTHGATE, Nov 20 (Synthetic Wire) - Testland foreign minister Ruth Calloway told the Council "
             "on Monday that the crossing would reopen.\n\n"
             "Calloway later told US lawmakers and the United Nations that the deal would hold.\n\n"
             "Traders cited fears of long queues, the Northgate Herald reported.\n\n"
             "Trade through the crossing fell by half, according to the Testhaven Policy Center.\n\n"
             "\"We waited far too long for this day,\" one driver told the Testhaven Ledger.")
    assert matter(story, "2019-11-20")["via"] == ["northgate-herald", "testhaven-ledger"]


def test_a_ukrainian_publication_is_an_outlet() -> None:
    story = ("Вигадана громада отримала нову лікарню\n\n"
             "ПРИКЛАДНЕ, 20 листопада. /Укртест/. Міністерка Оксана Тестенко заявила виданню «Прикладний "
             "вісник», що лікарня «прийматиме перших пацієнтів з понеділка».")
    found = matter(story, "2019-11-20")
    assert found["via"] == ["prikladny-visnik"]
    # Quoted in «» as Russian quotes, closed after the comma: a Ukrainian quote of three words counts.
    assert [(q.get("actor"), q["text"]) for q in found["quotes"]] == [
        ("oksana-testenko", "прийматиме перших пацієнтів з понеділка")]


def test_journalists_a_story_names_are_people_not_outlets() -> None:
    story = ("Компания скрывала данные\n\n"
             "ТЕСТОГРАД, 20 ноября /Синтетика/. Компания годами скрывала данные о пользователях, сообщают "
             "журналисты Кэрол Вымышладр и Питер Тестукс. «Мы нашли письма, которые никто не должен был "
             "увидеть», — рассказал журналист Стейнар Выдумсен. Об этом также пишет газета «Тестовый вестник».")
    found = matter(story, "2019-11-20")
    assert found["via"] == ["testovy-vestnik"]
    assert found["actors"] == ["kerol-vymyshladr", "piter-testuks", "steynar-vydumsen"]
    # The journalist said it himself: he is the quote's speaker, not the outlet it came by.
    assert found["quotes"] == [{"actor": "steynar-vydumsen",
                                "text": "Мы нашли письма, которые никто не должен был увидеть"}]


def test_a_person_after_a_media_noun_is_the_speaker_not_the_outlet() -> None:
    story = ("Вакцину визнали безпечною\n\n"
             "ВИГАДАНОГРАД, 20 листопада /Укртест/. \"Ми не можемо стверджувати, що люди хворіють від вакцини\", "
             "- заявив виданню медичний директор агентства Стейнар Вигадсен.")
    found = matter(story, "2019-11-20")
    assert found["quotes"] == [{"actor": "steynar-vigadsen",
                                "text": "Ми не можемо стверджувати, що люди хворіють від вакцини"}]


# --- topics ---

def topics_of(text: str) -> list[str]:
    known = KnownProfiles(topics={
        "multinational-force": Known("topics", "multinational-force", "Multinational force in Exampleland",
                                     ("Multinational force in Exampleland",), keywords=(
                                         "multinational force", "peacekeepers", "troops")),
        "ceasefire": Known("topics", "ceasefire", "Ceasefire", ("Ceasefire",),
                           keywords=("ceasefire", "truce"), not_keywords=("trade truce",))})
    result = ingest_text(text.encode("utf-8"), "story.txt", known, date=dt.date(2019, 11, 20))
    return result.front_matter["topics"]


def test_one_common_keyword_does_not_file_an_unrelated_story() -> None:
    crash = ("Helicopter crash kills two in Testland\n\n"
             "VALEMOUTH, Nov 20 (Synthetic Wire) - Two invented crew members died when a helicopter carrying "
             "supplies to troops came down near Valemouth on Wednesday, officials said.")
    oil = ("Oil climbs as Testland and Exampleland extend trade truce\n\n"
           "TESTHAVEN, Nov 20 (Synthetic Wire) - Invented crude prices rose on Wednesday after Testland and "
           "Exampleland extended their trade truce by a month, brokers said.")
    assert (topics_of(crash), topics_of(oil)) == ([], [])


def test_a_topic_is_filed_with_support_a_phrase_two_keywords_or_its_headline() -> None:
    force = ("Testland sends troops to Exampleland\n\n"
             "VALEMOUTH, Nov 20 (Synthetic Wire) - Testland sent two hundred invented soldiers on Wednesday.")
    peacekeepers = ("Testland votes on mission\n\n"
                    "VALEMOUTH, Nov 20 (Synthetic Wire) - Testland's parliament voted to send peacekeepers, and "
                    "said its troops would leave in March.")
    truce = ("Testland and Exampleland talk\n\n"
             "VALEMOUTH, Nov 20 (Synthetic Wire) - Envoys of Testland and Exampleland discussed an invented "
             "ceasefire on Wednesday; a multinational force would watch the truce.")
    assert (topics_of(force), topics_of(peacekeepers), topics_of(truce)) == (
        ["multinational-force"], ["multinational-force"], ["ceasefire", "multinational-force"])
