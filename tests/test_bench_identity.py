"""bench/identity.py: per-story pairing, B-cubed across stories and the gold adapters, on invented data."""

from pathlib import Path

import pytest

from bench.identity import (Actor, Mention, Story, bcubed, credited, cross_story_items, join_tokens, merged,
                            read_conll, read_slavicner, score_story, split)


def mention(text: str, name: str, person: str, nth: int = 0, lemma: str = "") -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Mention(start, start + len(name), (name, lemma or name), person, person)


def test_b_cubed_counts_a_merged_profile_against_precision_and_a_split_person_against_recall() -> None:
    items = [("p1", "A"), ("p1", "A"), ("p1", "B"), ("p2", "B")]
    precision, recall = bcubed(items)
    # p1's items: A 2/3, A 2/3, B 1/3; p2's: B 1/1.  A's items: 2/2, 2/2; B's: 1/2, 1/2.
    assert precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert recall == pytest.approx(0.75)
    assert merged(items) == {"p1": {"A": 2, "B": 1}}
    assert split(items) == {"B": {"p1": 1, "p2": 1}}
    assert bcubed([("p1", "A"), ("p2", "B")]) == (1.0, 1.0)


def test_a_story_pairs_profiles_with_gold_people_by_where_their_names_stand() -> None:
    text = "Zorba Quill met Tamsin Vell in Frobville.\n\nQuill said Vell left. Vell Frobville waved."
    story = Story("s.txt", "en", text, [
        mention(text, "Zorba Quill", "Q"), mention(text, "Tamsin Vell", "V"),
        mention(text, "Quill", "Q", 1), mention(text, "Vell", "V", 1), mention(text, "Vell", "V", 2)])
    actors = [
        Actor("zorba-quill", ("Zorba Quill", "Quill")),
        Actor("tamsin-vell", ("Tamsin Vell", "Vell")),
        Actor("vell-frobville", ("Vell Frobville",)),  # a boundary error: a second profile of Vell
        Actor("frobville", ("Frobville",)),  # a place taken for a person: on no gold mention
    ]
    result = score_story(story, actors)
    assert result.pairs == {"zorba-quill": "Q", "tamsin-vell": "V"}
    assert result.wrong == ["frobville", "vell-frobville"] and result.missed == []
    # Across stories the boundary error still counts as Vell: a split, not a stranger.
    assert result.links == {"zorba-quill": "Q", "tamsin-vell": "V", "vell-frobville": "V"}
    assert sorted(cross_story_items([story], [result])) == [("tamsin-vell", "V"), ("vell-frobville", "V"),
                                                            ("zorba-quill", "Q")]


def test_a_name_found_nowhere_in_the_text_is_matched_by_its_spelling_and_a_missed_person_is_counted() -> None:
    text = "Квиллу позвонила Велл."
    story = Story("s.txt", "ru", text, [mention(text, "Квиллу", "Q", lemma="Квилл"), mention(text, "Велл", "V")])
    # A profile named in the nominative only ("Квилл"), a form the text does not hold.
    result = score_story(story, [Actor("kvill", ("Квилл",))])
    assert result.pairs == {"kvill": "Q"} and result.missed == ["V"] and result.wrong == []


def test_a_profile_named_in_full_is_found_by_its_declined_surname() -> None:
    text = "Квиллу позвонили. Clintock said Quillova's aide left."
    story = Story("s.txt", "ru", text, [mention(text, "Квиллу", "Q"), mention(text, "Clintock", "C"),
                                        mention(text, "Quillova's", "V")])
    actors = [Actor("zorba-kvill", ("Зорба Квилл",)), Actor("bill-clintock", ("Bill Clintock",)),
              Actor("nessa-quillova", ("Nessa Quillova",)), Actor("zorba", ("Zorba Frobvill",))]
    result = score_story(story, actors)
    assert result.pairs == {"zorba-kvill": "Q", "bill-clintock": "C", "nessa-quillova": "V"}
    assert result.wrong == ["zorba"]


def test_a_name_glued_across_a_paragraph_break_stands_where_its_words_do() -> None:
    text = "Ушёл Квилл\n\nОтставка принята."
    story = Story("s.txt", "ru", text, [mention(text, "Квилл", "Q")])
    result = score_story(story, [Actor("kvill-otstavka", ("Квилл Отставка",))])
    assert result.pairs == {"kvill-otstavka": "Q"}


def test_slavicner_gold_is_the_per_mentions_with_a_person_id(tmp_path: Path) -> None:
    (tmp_path / "raw" / "topic" / "ru").mkdir(parents=True)
    (tmp_path / "ner" / "topic" / "ru").mkdir(parents=True)
    text = "Зорба Квилл и фробвильцы\n\nКвилла нет."
    (tmp_path / "raw" / "topic" / "ru" / "t_ru.txt_file_1.txt").write_text(text, encoding="utf-8")
    (tmp_path / "ner" / "topic" / "ru" / "t_ru.txt_file_1.tsv").write_text(
        "0\t11\tЗорба Квилл\tЗорба Квилл\tPER\tPER-Zorba-Quill\n"
        "14\t24\tфробвильцы\tфробвильцы\tPER\tGPE-Frobville\n"
        "26\t32\tКвилла\tКвилл\tPER\tPER-Zorba-Quill\n", encoding="utf-8")
    [story] = read_slavicner(tmp_path, ["topic"], ["ru"])
    assert story.name == "t_ru.txt_file_1.txt" and story.lang == "ru" and story.text == text
    assert [(text[m.start:m.end], m.names[1], m.identity) for m in story.mentions] == [
        ("Зорба Квилл", "Зорба Квилл", "PER-Zorba-Quill"), ("Квилла", "Квилл", "PER-Zorba-Quill")]


def test_conll_tokens_are_joined_as_a_wire_writes_them() -> None:
    tokens = ["Quill", "'s", "aide", "(", "Vell", ")", "said", '"', "no", '"', ",", "did", "n't", "he", "?"]
    text, starts = join_tokens(tokens)
    assert text == "Quill's aide (Vell) said \"no\", didn't he?"
    assert [text[s:s + len(t)] for s, t in zip(starts, tokens)] == tokens


def test_conll_gold_names_a_person_by_the_storys_full_name_and_skips_sport(tmp_path: Path) -> None:
    def doc(*sentences: list[tuple[str, str]]) -> str:
        return "-DOCSTART- -X- -X- O\n\n" + "\n\n".join(
            "\n".join(f"{w} NNP I-NP {t}" for w, t in s) for s in sentences) + "\n\n"

    conll = tmp_path / "eng.testa"
    conll.write_text(
        doc([("FROBVILLE", "I-ORG"), ("MAYOR", "O"), ("QUITS", "O")],
            [("Zorba", "I-PER"), ("Quill", "I-PER"), ("met", "O"), ("Vell", "I-PER"), (".", "O")],
            [("Quill", "I-PER"), ("left", "O"), ("with", "O"), ("Nessa", "I-PER"), ("Quill", "I-PER")],
            [("Nessa", "I-PER"), ("met", "O"), ("Ama", "I-PER"), ("Lin", "I-PER"), ("Thet", "I-PER"), ("Zin", "I-PER")],
            [("Thet", "I-PER"), ("Zin", "I-PER"), ("left", "O")])
        + doc([("SOCCER", "O"), ("-", "O"), ("FROBVILLE", "I-ORG"), ("WIN", "O")], [("Quill", "I-PER")])
        + doc([("QUILL", "I-PER"), ("RETURNS", "O")], [("Jo", "I-PER"), ("Doe", "I-PER")],
              [("Tamsin", "I-PER"), ("Vell", "I-PER"), ("came", "O")],
              [("--", "O"), ("Al", "I-PER"), ("Roe", "I-PER"), (",", "O"), ("Frobville", "I-LOC"), ("Newsroom", "O")]),
        encoding="utf-8")
    first, third = read_conll(conll)
    assert first.text.startswith("FROBVILLE MAYOR QUITS\n\nZorba Quill met Vell.\n\nQuill left with Nessa Quill")
    # A lone surname is the story's first full name ending in it, a lone given name the one
    # full name it starts, a name ending a longer one that person; across stories, the one
    # full name of the devset ending in it, or nobody known when several do.
    assert [(first.text[m.start:m.end], m.person, m.identity) for m in first.mentions] == [
        ("Zorba Quill", "Zorba Quill", "zorba quill"), ("Vell", "Vell", "tamsin vell"),
        ("Quill", "Zorba Quill", "zorba quill"), ("Nessa Quill", "Nessa Quill", "nessa quill"),
        ("Nessa", "Nessa Quill", "nessa quill"), ("Ama Lin Thet Zin", "Ama Lin Thet Zin", "ama lin thet zin"),
        ("Thet Zin", "Ama Lin Thet Zin", "ama lin thet zin")]
    # The reporter under the headline and signing off is the byline: found there, not among the actors.
    assert [(m.person, m.identity, m.byline) for m in third.mentions] == [
        ("QUILL", "", False), ("Jo Doe", "jo doe", True), ("Tamsin Vell", "tamsin vell", False),
        ("Al Roe", "al roe", True)]
    assert credited(third, "Jo Doe; -- Al Roe, Frobville Newsroom") == {"Jo Doe", "Al Roe"}
    assert credited(third, "") == set() and credited(first, "Zorba Quill") == set()
