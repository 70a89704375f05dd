"""Names a story says are one person's, a given name's case forms, the spellings of Arabic names,
on real `build.py ingest` runs.

Every story here is synthetic: invented people in invented places.
"""

from __future__ import annotations

from pathlib import Path

from test_ingest_identity import actors, ingest, profiles

KNOWN_AS = ("Суд Тестландии оправдал христианку\n\n"
            "ВЫМЫСЛОГРАД, 3 марта /Синтетика/. Азия Примерин, более известная как Азия Тестиби, вышла на "
            "свободу после восьми лет в тюрьме. Примерин поблагодарила адвокатов.")
LAWYER = ("Адвокат христианки уехал из Тестландии\n\n"
          "ВЫМЫСЛОГРАД, 4 марта /Синтетика/. Адвокат Азии Примерин Кирилл Выдумкин покинул страну. "
          "Выдумкин заявил, что опасается за свою жизнь.")
BRACKETS = ("Семья христианки просит убежища\n\n"
            "ВЫМЫСЛОГРАД, 5 марта /Синтетика/. Семья Асии Тестиби (Асии Примерин) попросила убежища в "
            "Вымыслании. Супруг Асии заявил, что семья покинет страну. Вымыслания ведет переговоры о "
            "предоставлении Асие Тестиби убежища.")


def test_a_name_the_story_says_is_anothers_joins_it_in_the_story_and_across_stories(tmp_path: Path) -> None:
    records = ingest(tmp_path, {"1.txt": KNOWN_AS, "2.txt": LAWYER, "3.txt": BRACKETS})
    [woman] = actors(records[0])
    assert actors(records[1]) == [woman, "kirill-vydumkin"]
    # "Асии Тестиби (Асии Примерин)", "Супруг Асии", "Асие Тестиби": one woman, named in three cases.
    assert actors(records[2]) == [woman]
    names = profiles(tmp_path)[woman]
    assert {"Азия Тестиби", "Азии Примерин", "Асии Примерин", "Асие Тестиби"} <= {names["name"], *names["aliases"]}


def test_a_bracketed_surname_and_a_name_in_another_script_are_the_persons_before_them(tmp_path: Path) -> None:
    stories = {"1.txt": "Христианку освободили\n\nВЫМЫСЛОГРАД, 3 марта /Синтетика/. Асия Тестиби (Примерин) "
                        "вышла на свободу. Судьи, освободившие Примерин, получили угрозы. Примерин "
                        "поблагодарила судей.",
               "2.txt": "Колізей підсвітять червоним\n\nВИГАДАНОГРАД, 3 березня /Синтетика/. Алессандро "
                        "Вигадучі (Alessandro Vygaducci), директор фонду, розповів про акцію. А. Вигадучі "
                        "нагадав про долю християн.",
               # A bracket naming a place or a side shares no name with the person: nobody is joined.
               "3.txt": "Министры встретились\n\nВЫМЫСЛОГРАД, 3 марта /Синтетика/. Министр Кирилл Выдумкин "
                        "(Тестландия) встретился с коллегой. Выдумкин и Олег Примеров (справа) обсудили "
                        "торговлю. Примеров доволен."}
    records = ingest(tmp_path, stories)
    assert actors(records[0]) == ["asiya-testibi"]
    assert actors(records[1]) == ["alessandro-vigaduchi"]
    assert actors(records[2]) == ["kirill-vydumkin", "oleg-primerov"]


def test_an_arabic_article_and_short_vowels_spelt_otherwise_are_one_name(tmp_path: Path) -> None:
    stories = {"1.txt": "Адвокат покинул Тестландию\n\nВЫМЫСЛОГРАД, 3 марта /Синтетика/. Адвокат Саиф уль-Вымыслук "
                        "покинул страну. Саиф уль-Вымыслук заявил, что опасается за свою жизнь. Министр Ахмад "
                        "Тестави ответил, что адвокату ничто не угрожает.",
               "2.txt": "Адвокат вернулся\n\nВЫМЫСЛОГРАД, 4 марта /Синтетика/. Адвокат Саифул Вымыслук вернулся "
                        "в страну. По словам министра Ахмеда Тестави, Вымыслук получил охрану.",
               "3.txt": "Адвокат выступил в суде\n\nВЫМЫСЛОГРАД, 5 марта /Синтетика/. Юрист Саиф-ул-Вымыслук "
                        "выступил в суде. Мохаммед Тестави не пришел."}
    records = ingest(tmp_path, stories)
    lawyer, minister = actors(records[0])
    # Saif-ul-..., Saiful ...: the article glued to the given name or the surname; Ахмад and Ахмед.
    assert actors(records[1]) == [lawyer, minister]
    # Мохаммед is not Ахмад, whatever the vowels.
    assert actors(records[2]) == [lawyer, "mokhammed-testavi"]
    assert profiles(tmp_path)[lawyer]["name"] == "Саиф уль-Вымыслук"


def test_a_given_name_no_dictionary_knows_before_a_known_one_stays_in_the_name(tmp_path: Path) -> None:
    stories = {"1.txt": "Проповедник вышел на улицы\n\nВЫМЫСЛОГРАД, 3 марта /Синтетика/. Проповедник Тадим "
                        "Вымызви вывел сторонников на улицы. Вымызви потребовал отставки министра.",
               "2.txt": "Власти договорились с проповедником\n\nВЫМЫСЛОГРАД, 4 марта /Синтетика/. Власти "
                        "договорились с лидером партии Тадимом Хусейном Вымызви. Вымызви отозвал сторонников."}
    records = ingest(tmp_path, stories)
    assert actors(records[0]) == actors(records[1]) == ["tadim-vymyzvi"]


def test_one_english_sound_spelt_two_ways_and_a_particle_are_one_name_in_ukrainian(tmp_path: Path) -> None:
    stories = {"1.txt": "Міністр пішов у відставку\n\nВИГАДАНОГРАД, 3 березня /Синтетика/. Міністр Шейлеш Вигадара "
                        "пішов у відставку. Естер Вигадвей підтримала його. Урсула фон дер Тестлінг мовчить.",
               "2.txt": "Відставка міністра\n\nВИГАДАНОГРАД, 4 березня /Синтетика/. Шайлеш Вигадара пояснив "
                        "відставку. Естер Вигадві назвала її чесною. Фон дер Тестлінг знову мовчить."}
    records = ingest(tmp_path, stories)
    assert actors(records[0]) == ["sheylesh-vigadara", "ester-vigadvey", "ursula-fon-der-testling"]
    assert actors(records[1]) == actors(records[0])


def test_a_surname_in_a_the_dictionary_knows_as_a_given_name_declines_as_a_surname(tmp_path: Path) -> None:
    stories = {"1.txt": "Семье предложили убежище\n\nТЕСТОГРАД, 3 марта /Синтетика/. Депутат Абид Савва (Вымышленная "
                        "партия) и Сильви Тестхеуг (Партия примеров) предложили семье убежище. Савва доволен тем, "
                        "что нашёл поддержку. Ни у Саввы, ни у Тестхеуг нет сомнений. Министр Фавад Тестадхри "
                        "согласился.",
               # An aspirate written or not: Тестадхри, Тестадри (as Chaudhry, Чаудри).
               "2.txt": "Министр ответил депутату\n\nТЕСТОГРАД, 4 марта /Синтетика/. Министр Фавад Тестадри "
                        "ответил на вопросы журналистов."}
    records = ingest(tmp_path, stories)
    assert actors(records[0]) == ["abid-savva", "silvi-testkheug", "favad-testadkhri"]
    assert not [w for w in records[0]["warnings"] if w.startswith("held back")]
    assert actors(records[1]) == ["favad-testadkhri"]


def test_look_alike_letters_a_two_letter_initial_an_indeclinable_given_name_and_a_devoiced_ending(tmp_path: Path) -> None:
    stories = {
        # "Вымыслoв" typed with a Latin o; "Дж.Тестхант" an initial of two letters, no space.
        "1.txt": "Министр ушел в отставку\n\nТЕСТОГРАД, 3 марта /Синтетика/. Министр Борис Вымыслов ушел в "
                 "отставку. Сегодня Борис Вымыслoв должен был выступить. Его пост занял Джереми Тестхант. "
                 "Дж.Тестхант является членом партии примеров. Ранее Дж.Тестхант был министром.",
        # "Ентоні" is in every case, so it says nothing of the case of "Вигадаучі".
        "2.txt": "Інфекціоніст підрахував\n\nВИГАДАНОГРАД, 3 березня /Синтетика/. Головний інфекціоніст доктор "
                 "Ентоні Вигадаучі підрахував, скільки людей треба щепити. Вигадаучі пояснив свій розрахунок.",
        "3.txt": "Муж христианки попросил убежища\n\nТЕСТОГРАД, 4 марта /Синтетика/. Ашиг Тестих попросил "
                 "убежища. Тестих опасается за семью.",
        "4.txt": "Семья получила убежище\n\nТЕСТОГРАД, 5 марта /Синтетика/. Ашик Тестих получил убежище."}
    records = ingest(tmp_path, stories)
    assert actors(records[0]) == ["boris-vymyslov", "dzheremi-testkhant"]
    assert profiles(tmp_path)["entoni-vigadauchi"]["name"] == "Ентоні Вигадаучі"
    assert actors(records[2]) == actors(records[3]) == ["ashig-testikh"]


def test_a_ukrainian_noun_before_a_surname_is_no_given_name_and_an_english_s_is_з_or_с(tmp_path: Path) -> None:
    stories = {"1.txt": "Локдаун продовжать\n\nВИГАДАНОГРАД, 3 березня /Синтетика/. Канцлерка Олена Циммерман пропонує "
                        "продовжити локдаун.\n\nЗустріч Циммерман з керівниками областей відбудеться у вівторок.",
               "2.txt": "Депутат выступил против\n\nТЕСТОГРАД, 3 марта /Синтетика/. Депутат Джейкоб Риз-Тестмогг "
                        "выступил против соглашения.",
               "3.txt": "Депутат выступил снова\n\nТЕСТОГРАД, 4 марта /Синтетика/. Джейкоб Рис-Тестмогг снова "
                        "выступил против соглашения."}
    records = ingest(tmp_path, stories)
    assert actors(records[0]) == ["olena-tsimmerman"]
    assert actors(records[1]) == actors(records[2]) == ["dzheykob-riz-testmogg"]


def test_a_compound_given_name_declines_in_both_parts_and_a_surname_that_is_a_noun_stays(tmp_path: Path) -> None:
    stories = {"1.txt": "Переговори у Вигаданограді\n\nВИГАДАНОГРАД, 3 березня /Синтетика/. Прем’єр зустрілася з "
                        "головою Тестової комісії Жан-Полем Юнкером. Позиція Жана-Поля Юнкера відома.",
               "2.txt": "Переговоры в Тестограде\n\nТЕСТОГРАД, 4 марта /Синтетика/. Премьер встретился с Жаном-Полем "
                        "Юнкером. Позиция Жана-Поля Юнкера известна. Жан-Поль Юнкер доволен."}
    records = ingest(tmp_path, stories)
    assert actors(records[0]) == actors(records[1]) == ["zhan-pol-yunker"]


def test_a_ukrainian_name_the_tagger_cut_an_initial_inside_and_a_surname_that_is_a_noun_are_kept_whole(
        tmp_path: Path) -> None:
    story = ("Вакцину схвалили\n\nВИГАДАНОГРАД, 3 березня /Синтетика/. Міністр охорони здоров’я Тестландії "
             "Михайло Вигадашко зазначив, що вакцину схвалено. Дослідження очолила Ліндсі Р. Пробнер. Про це "
             "повідомив голова комісії Жан-Поль Юнкер.")
    records = ingest(tmp_path, {"1.txt": story})
    assert actors(records[0]) == ["mikhaylo-vigadashko", "lindsi-probner", "zhan-pol-yunker"]


def test_an_english_ay_is_эй_or_ай(tmp_path: Path) -> None:
    stories = {"1.txt": "Премьер назначила министра\n\nТЕСТОГРАД, 3 марта /Синтетика/. Премьер-министр Тереза Тестмэй "
                        "назначила нового министра.",
               "2.txt": "Премьер выступила\n\nТЕСТОГРАД, 4 марта /Синтетика/. Премьер-министр Тереза Тестмай "
                        "выступила в парламенте."}
    records = ingest(tmp_path, stories)
    assert actors(records[0]) == actors(records[1]) == ["tereza-testmey"]


def test_a_mans_given_name_the_dictionary_has_as_a_womans_declines_as_his(tmp_path: Path) -> None:
    stories = {"1.txt": "Министры ушли\n\nТЕСТОГРАД, 3 марта /Синтетика/. Премьер лишилась двух сторонников – "
                        "госсекретаря по торговле Лайма Тестфокса и Майкла Вымыслова, министра среды.",
               "2.txt": "Министр высказался\n\nТЕСТОГРАД, 4 марта /Синтетика/. Бывший госсекретарь Лайм Тестфокс "
                        "заявил, что не жалеет об отставке. Его поддержала Лайма Вымыслова."}
    records = ingest(tmp_path, stories)
    fox = actors(records[0])[0]
    # The woman Лайма Вымыслова is not Майкл Вымыслов: her given name is hers.
    assert actors(records[1]) == [fox, "layma-vymyslova"]
    assert profiles(tmp_path)[fox]["name"] == "Лайм Тестфокс"


def test_a_profile_under_the_name_a_story_gives_second_is_found(tmp_path: Path) -> None:
    stories = {"1.txt": "Христианку освободили\n\nВЫМЫСЛОГРАД, 2 марта /Синтетика/. Азия Тестиби вышла на свободу. "
                        "Азия Тестиби поблагодарила судей.",
               "2.txt": KNOWN_AS}
    records = ingest(tmp_path, stories)
    # "Азия Примерин, более известная как Азия Тестиби": named more often as Примерин, she is
    # still the profile the first story made.
    assert actors(records[0]) == actors(records[1]) == ["aziya-testibi"]
