"""Slugs: readable Latin from Cyrillic, stable, safe as a path segment."""

import pytest

from dossier.util.slugs import is_slug, slugify


@pytest.mark.parametrize("text, slug", [
    ("Стивен Уиткофф", "stiven-uitkoff"),
    ("Фридрих Мерц", "fridrikh-merts"),
    ("Владимир Зеленский", "vladimir-zelensky"),
    ("Дмитрий Песков", "dmitry-peskov"),
    ("Джорджа Мелони", "dzhordzha-meloni"),
    ("ТАСС", "tass"),
    ("Die Welt", "die-welt"),
    ("Щёлково, Подъезд №5", "shchelkovo-podezd-no5"),
    ("Crème brûlée!", "creme-brulee"),
    ("../../etc/passwd", "etc-passwd"),
    ("<script>", "script"),
    ("", ""),
])
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug
    assert slug == "" or is_slug(slug)


def test_long_titles_are_cut_at_a_word_boundary() -> None:
    slug = slugify("слово " * 40)
    assert len(slug) <= 100
    assert slug.endswith("slovo")


@pytest.mark.parametrize("text", ["a/b", "..", "A", "a--b", "-a", "a b", "ю"])
def test_is_slug_rejects_what_could_escape_or_surprise(text: str) -> None:
    assert not is_slug(text)
