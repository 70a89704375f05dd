"""Rendered text takes its language's quotation marks, dashes and non-breaking spaces; sources stay as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.pages.mentions import link_mentions, target
from dossier.pages.typography import typeset, typeset_html
from helpers import EXAMPLE_SITE

SEED = "articles/tf1-uitkoff-i-kushner-primut-uchastie-vo-vstreche-koalitsii-zhelayushchikh-v-parizhe/index.html"
SEED_SOURCE = "content/articles/2026/tf1-uitkoff-i-kushner-primut-uchastie-vo-vstreche-koalitsii-zhelayushchikh-v-parizhe.md"


def test_russian_quotes_nest_as_yolochki_around_lapki() -> None:
    assert typeset('Он назвал "встречу "коалиции желающих" историей"', "ru") == \
        "Он назвал «встречу „коалиции желающих“ историей»"
    # Marks already typeset or copied from an English wire are set the same way.
    assert typeset("«план „Б“» и “план”", "ru") == "«план „Б“» и\xa0«план»"


def test_russian_dash_and_non_breaking_spaces() -> None:
    assert typeset("Москва - столица, Париж – тоже", "ru") == "Москва\xa0— столица, Париж\xa0— тоже"
    assert typeset("В Париже 6 января: от 10 тыс. до 15 тыс. военных", "ru") == \
        "В\xa0Париже 6\xa0января: от\xa010\xa0тыс. до\xa015\xa0тыс. военных"
    assert typeset("и в Лондоне, а не в Риме", "ru") == "и\xa0в\xa0Лондоне, а\xa0не\xa0в\xa0Риме"
    # A hyphen inside a word or a range is not a dash; a word ending in a short syllable is not a preposition.
    assert typeset("премьер-министр, 2024-2025, Кира Стармера", "ru") == "премьер-министр, 2024-2025, Кира Стармера"


def test_english_gets_curly_quotes_and_apostrophes() -> None:
    assert typeset('He said "it\'s the \'best\' plan" in the \'90s', "en-GB") == \
        "He said “it’s the ‘best’ plan” in the ’90s"
    # English keeps its spaces and hyphens: the Russian rules are not applied to it.
    assert typeset("a - b in 6 days", "en") == "a - b in 6 days"


def test_a_language_without_rules_is_left_as_written() -> None:
    assert typeset('"x" - y', "de") == '"x" - y'
    assert typeset_html("<p>\"x\"</p>", "") == "<p>\"x\"</p>"


def test_html_changes_text_only_never_tags_attributes_or_code() -> None:
    html = ('<p>Он сказал "<em>да</em>" <a href="/a?q=&quot;x&quot; - y" title="&quot;q&quot;">в "ТАСС"</a>'
            ' <code>"x" - y</code> &amp; &lt;b&gt; - конец</p><pre>"в коде" - так</pre>')
    assert typeset_html(html, "ru") == (
        '<p>Он сказал «<em>да</em>» <a href="/a?q=&quot;x&quot; - y" title="&quot;q&quot;">в&nbsp;«ТАСС»</a>'
        ' <code>"x" - y</code> &amp; &lt;b&gt;&nbsp;— конец</p><pre>"в коде" - так</pre>')


def test_a_quote_left_open_ends_with_its_paragraph() -> None:
    assert typeset_html('<p>"открыта</p><p>"новая"</p>', "ru") == "<p>«открыта</p><p>«новая»</p>"


def test_a_name_after_a_preposition_or_nested_quotes_is_still_linked() -> None:
    macron = target("/actors/makron/", ("Эмманюэль Макрон", "Макрон"))
    body = typeset_html('<p>Встреча "в формате "коалиции"" пройдет у Эмманюэля Макрона.</p>', "ru")
    assert link_mentions(body, [macron]) == (
        "<p>Встреча «в&nbsp;формате „коалиции“» пройдет у&nbsp;"
        '<a class="mention" href="/actors/makron/">Эмманюэля Макрона</a>.</p>')


def test_the_example_article_shows_yolochki_and_its_source_is_untouched(example_build: Path) -> None:
    page = (example_build / SEED).read_text(encoding="utf-8")
    body = page[page.index('<div class="story-body">'):page.index("</article>")]
    assert "встрече «коалиции желающих»" in body and '"коалиции' not in body
    assert "«от&nbsp;10&nbsp;тыс. до&nbsp;15&nbsp;тыс.»" in body
    assert "<h1>TF1: Уиткофф и\xa0Кушнер примут участие во\xa0встрече «коалиции желающих» в\xa0Париже</h1>" in page
    built_from = (example_build.parent / SEED_SOURCE).read_text(encoding="utf-8")
    assert built_from == (EXAMPLE_SITE / SEED_SOURCE).read_text(encoding="utf-8")
    assert 'встрече "коалиции желающих" в Париже\'' in built_from and "«" not in built_from


@pytest.mark.parametrize("page", ["index.html", "articles/index.html", "timeline/index.html",
                                  "actors/emmanuel-makron/index.html", "topics/koalitsiya-zhelayushchikh/index.html",
                                  "sources/tass/index.html", "topics/koalitsiya-zhelayushchikh/briefing/index.html"])
def test_lists_show_titles_and_statements_as_the_article_page_does(example_build: Path, page: str) -> None:
    html = (example_build / page).read_text(encoding="utf-8")
    assert "во\xa0встрече «коалиции желающих» в\xa0Париже" in html
    assert '"коалиции желающих"' not in html
