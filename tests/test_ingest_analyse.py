"""The analyser seam: a Story in, its Findings out, the same shape in every language.

The stories are synthetic: invented people, places and outlets.
"""

from __future__ import annotations

import datetime as dt

from dossier.ingest.analyse import analyse
from dossier.ingest.analyse.reading import Setting
from dossier.ingest.profiles import Known, KnownProfiles
from dossier.ingest.sources.text import story_from_text

KNOWN = KnownProfiles(
    actors={"anna-vellacourt": Known("actors", "anna-vellacourt", "Anna Vellacourt",
                                     ("Anna Vellacourt", "Vellacourt"), "person")},
    sources={"sampleford-gazette": Known("sources", "sampleford-gazette", "Sampleford Gazette",
                                         ("Sampleford Gazette",))})
SETTING = Setting(KNOWN, "sample-wire", dt.date(2026, 3, 3))

ENGLISH = """Harbour deal signed in Exampleton

EXAMPLETON, March 3 (Sample Wire) - Mayor Anna Vellacourt said the deal was signed on Tuesday.

"We will open the locks to every ship in the spring," Vellacourt told the Sampleford Gazette. The first talks were held on 17 December 2025, she said."""

RUSSIAN = """В Примерске подписали договор о порте

ПРИМЕРСК, 3 марта. /ТАСС/. Мэр Примерска Иван Заречнов подписал договор о порте. Стороны назвали его «морским коридором».

«Мы откроем шлюзы для всех судов весной», - сказал Иван Заречнов, как сообщила газета «Примерский вестник». Первые переговоры прошли 17 декабря 2025 года."""

FRENCH = """Accord portuaire à Exampleville

EXAMPLEVILLE, 3 mars (Sample Wire) - La maire Anna Vellacourt a signé l'accord du port.

"Nous ouvrirons les écluses à tous les navires au printemps", a déclaré Anna Vellacourt au journal Sampleford Gazette."""


def findings_of(text: str):
    story = story_from_text(text, text.encode("utf-8"), "text")
    return story.lang, analyse(story, SETTING)


def test_english_findings_name_the_speaker_the_outlet_and_date_on_tuesday_from_the_story() -> None:
    lang, found = findings_of(ENGLISH)
    assert lang == "en" and [p.name for p in found.persons] == ["Anna Vellacourt"]
    assert [(o.slug, o.name, o.profiled) for o in found.outlets] == [("sampleford-gazette", "Sampleford Gazette", True)]
    assert [(q.text, q.speaker.name, q.via) for q in found.quotes] == [
        ("We will open the locks to every ship in the spring", "Anna Vellacourt", "sampleford-gazette")]
    assert [(e.date, [p.name for p in e.persons]) for e in found.events] == [
        ("2026-03-03", ["Anna Vellacourt"]), ("2025-12-17", [])]
    assert found.notes == []


def test_russian_findings_fold_the_speaker_name_a_new_outlet_and_a_term_in_the_nominative() -> None:
    lang, found = findings_of(RUSSIAN)
    assert lang == "ru" and [p.name for p in found.persons] == ["Иван Заречнов"]
    assert [(o.slug, o.profiled) for o in found.outlets] == [("primersky-vestnik", False)]
    assert [(q.text, q.speaker.name, q.via) for q in found.quotes] == [
        ("Мы откроем шлюзы для всех судов весной", "Иван Заречнов", "primersky-vestnik")]
    assert [e.date for e in found.events] == ["2025-12-17"]
    assert [(t.text, t.name) for t in found.terms] == [("морским коридором", "морской коридором")]


def test_another_language_finds_people_by_their_profiles_and_says_so() -> None:
    lang, found = findings_of(FRENCH)
    assert lang == "fr" and [p.name for p in found.persons] == ["Anna Vellacourt"]
    # Profile matches are not the tagger's nominatives: nobody is sure enough to be a speaker.
    assert [(q.speaker, q.via) for q in found.quotes] == [(None, "sampleford-gazette")]
    assert found.notes == ["lang: story in language 'fr': people are matched to existing profiles only; "
                           "names new to the dossier are not extracted (add profiles for them)"]


def test_a_feeds_facts_are_composed_in_not_patched_over_the_article() -> None:
    from dossier.ingest.compose import FeedFacts, compose, draft_story

    story = story_from_text("Harbour deal signed in Exampleton\n\nThe mayor of Exampleton signed the harbour deal.",
                            b"<html></html>", "feed")
    feed = FeedFacts("sample-wire", "https://wire.example/harbour", "Jo Placeholder",
                     dt.datetime(2026, 3, 3, 9, 30, tzinfo=dt.timezone.utc))
    result = compose(draft_story(story, "sample-wire-harbour.html", KNOWN, date=dt.date(2026, 3, 3), feed=feed))
    fm = result.front_matter
    assert list(fm) == ["title", "date", "source", "lang", "url", "byline", "actors", "topics", "needs_review", "raw"]
    assert (fm["date"], fm["source"], fm["url"], fm["byline"]) == (
        feed.published, "sample-wire", "https://wire.example/harbour", "Jo Placeholder")
    assert result.warnings == ["no dateline in the feed's text: place unknown"]
    undated = compose(draft_story(story, "sample-wire-harbour.html", KNOWN, date=dt.date(2026, 3, 3),
                                  feed=FeedFacts("sample-wire", "https://wire.example/harbour")))
    assert undated.warnings[-1] == "the feed gives no date: 2026-03-03 is the day of the fetch"
    assert "byline" not in undated.front_matter


def test_a_placement_decided_before_composing_is_written_in_once() -> None:
    from dossier.ingest.compose import Placement, compose, draft_story

    draft = draft_story(story_from_text(ENGLISH, ENGLISH.encode("utf-8"), "text"), "harbour.txt", KNOWN)
    alone = compose(draft)
    assert (alone.article_path, alone.front_matter["raw"]) == (
        "content/articles/2026/harbour-deal-signed-in-exampleton.md", "content/sources/raw/harbour.txt")
    placed = compose(draft, Placement("content/articles/2026/harbour-deal-signed-in-exampleton-2.md",
                                      "content/sources/raw/harbour-0a1b2c3d.txt",
                                      "harbour-deal-signed-in-exampleton-2", "harbour-deal"))
    assert list(placed.front_matter)[:2] == ["title", "slug"] and list(placed.front_matter)[-2:] == ["story", "raw"]
    assert (placed.article_path, placed.raw_path, placed.front_matter["raw"]) == (
        "content/articles/2026/harbour-deal-signed-in-exampleton-2.md", "content/sources/raw/harbour-0a1b2c3d.txt",
        "content/sources/raw/harbour-0a1b2c3d.txt")
    assert {k: v for k, v in placed.front_matter.items() if k not in ("slug", "story", "raw")} == \
        {k: v for k, v in alone.front_matter.items() if k != "raw"}
