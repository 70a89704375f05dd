"""Interface words and dates in the site's language."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.core import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "home": "Home", "articles": "Articles", "actors": "Actors", "topics": "Topics",
        "sources": "Sources", "timeline": "Timeline", "search": "Search",
        "network": "Network", "network_title": "Who is named with whom",
        "network_intro": "A line joins two actors named in the same article: the more articles name both, "
                         "the thicker the line. Shape and colour give the kind.",
        "network_period": "Period", "network_all": "All years", "network_actors": "{actors} actors.",
        "network_capped": "Showing the {shown} most connected of {actors} actors.",
        "network_links": "{links} links.", "network_capped_links": "Lines: the {drawn} strongest of {links} links.",
        "network_pairs": "Pairs named together", "network_actor": "Actor", "network_count": "Articles",
        "network_whole": "The whole network",
        "network_groups": "Groups of who is named with whom",
        "network_groups_count": "{actors} actors in {groups} groups: each leads to a drawing of its own.",
        "network_group_of": "a group of {actors} actors named with each other more than with the rest.",
        "network_all_groups": "All groups", "network_and_others": "{names} and {more} others",
        "network_and_other": "{names} and one other",
        "network_others": "Smaller groups", "network_group_size": "{actors} actors",
        "kind_person": "person", "kind_organisation": "organisation",
        "kind_state": "state", "kind_other": "kind not given",
        "search_placeholder": "Search the dossier", "latest": "Latest articles",
        "most_mentioned": "Most mentioned", "recent_events": "Recent events",
        "all_articles": "All articles", "quotes": "Quotes", "events": "Dated events",
        "named_alongside": "Most often named alongside", "related": "Related articles",
        "source": "Source", "byline": "Credits", "via": "Citing", "also_reported": "Also reported by", "place": "Place", "original": "Original story",
        "photo": "Photo", "articles_count": "articles", "page": "Page", "previous": "Newer",
        "next": "Older", "pagination": "Pages", "not_found": "Page not found",
        "not_found_text": "There is no page at this address. Try the search or start from the home page.",
        "moved": "This profile has moved", "moved_text": "Its page is now",
        "skip": "Skip to content", "role": "Role", "country": "Country", "kind": "Kind",
        "person": "person", "organisation": "organisation", "state": "state",
        "needs_review": "Automatically ingested: awaiting editorial review.",
        "in_articles": "Articles", "event_in": "reported in", "profile_missing": "No profile yet.",
        "quote_by": "Quote by", "feed": "Atom feed", "no_items": "Nothing here yet.",
        "search_intro": "Search every article, actor and topic of the dossier.",
        "search_noscript": "Search needs JavaScript. Browse by actor, topic or source instead.",
        "mentions": "mentions", "said": "said",
        "listed_of": "The newest {listed} of {total} are listed here.",
        "search_all": "Find all {total} in search", "older_in_timeline": "Older articles are in the timeline",
        "statements": "Statements", "who_said_what": "Who said what", "reported_via": "via",
        "unnamed_speaker": "Speaker not named",
        "new_mark": "New", "new_since": "{count} new since {date}",
        "briefing": "Briefing book", "briefing_link": "Briefing book to print", "summary": "Summary",
        "main_actors": "Main actors", "period": "Period", "outlets": "Outlets", "as_of": "As of {date}",
        "covers_latest": "This book covers the latest {listed} of {total} articles.",
        "in_dossier": "In the dossier",
        "timeline_periods": "Periods", "timeline_all_periods": "All periods",
        "timeline_year_only": "Month not given", "timeline_more": "More from {period}",
    },
    "ru": {
        "home": "Главная", "articles": "Статьи", "actors": "Персоны и организации", "topics": "Темы",
        "sources": "Источники", "timeline": "Хронология", "search": "Поиск",
        "network": "Связи", "network_title": "Кого с кем упоминают",
        "network_intro": "Линия соединяет тех, кого называют в одном материале: чем больше таких материалов, "
                         "тем толще линия. Форма и цвет показывают тип.",
        "network_period": "Период", "network_all": "Все годы", "network_actors": "Участников: {actors}.",
        "network_capped": "Показаны самые связанные участники: {shown} из {actors}.",
        "network_links": "Связей: {links}.", "network_capped_links": "Линии: самые частые связи, {drawn} из {links}.",
        "network_pairs": "Кого упоминают вместе", "network_actor": "Участник", "network_count": "Материалы",
        "network_whole": "Все связи",
        "network_groups": "Группы тех, кого упоминают вместе",
        "network_groups_count": "Участников: {actors}, групп: {groups}; у каждой группы своя схема.",
        "network_group_of": "группа участников ({actors}), которых чаще упоминают друг с другом, чем с остальными.",
        "network_all_groups": "Все группы", "network_and_others": "{names} и ещё {more}",
        "network_and_other": "{names} и ещё один участник",
        "network_others": "Небольшие группы", "network_group_size": "участников: {actors}",
        "kind_person": "персона", "kind_organisation": "организация",
        "kind_state": "государство", "kind_other": "тип не указан",
        "search_placeholder": "Поиск по досье", "latest": "Последние материалы",
        "most_mentioned": "Чаще всего упоминаются", "recent_events": "Недавние события",
        "all_articles": "Все статьи", "quotes": "Цитаты", "events": "События",
        "named_alongside": "Чаще всего упоминаются вместе", "related": "Связанные материалы",
        "source": "Источник", "byline": "Авторы", "via": "Ссылается на", "also_reported": "Также сообщили", "place": "Место", "original": "Оригинал",
        "photo": "Фото", "articles_count": "статей", "page": "Страница", "previous": "Новее",
        "next": "Старше", "pagination": "Страницы", "not_found": "Страница не найдена",
        "not_found_text": "По этому адресу ничего нет. Воспользуйтесь поиском или начните с главной.",
        "moved": "Этот профиль переехал", "moved_text": "Его страница теперь здесь:",
        "skip": "Перейти к содержанию", "role": "Должность", "country": "Страна", "kind": "Тип",
        "person": "персона", "organisation": "организация", "state": "государство",
        "needs_review": "Материал добавлен автоматически и ждёт проверки редактором.",
        "in_articles": "Материалы", "event_in": "сообщается в", "profile_missing": "Профиль ещё не заполнен.",
        "quote_by": "Цитата:", "feed": "Лента Atom", "no_items": "Пока ничего нет.",
        "search_intro": "Поиск по всем статьям, персонам и темам досье.",
        "search_noscript": "Для поиска нужен JavaScript. Материалы можно найти по персонам, темам и источникам.",
        "mentions": "упоминаний", "said": "заявил(а)",
        "listed_of": "Здесь — последние {listed} из {total}.",
        "search_all": "Найти все {total} в поиске", "older_in_timeline": "Более ранние материалы — в хронологии",
        "statements": "Заявления", "who_said_what": "Кто что сказал", "reported_via": "по данным",
        "unnamed_speaker": "Говорящий не назван",
        "new_mark": "Новое", "new_since": "С {date} добавлено материалов: {count}",
        "briefing": "Справка", "briefing_link": "Справка для печати", "summary": "Кратко",
        "main_actors": "Основные участники", "period": "Период", "outlets": "СМИ", "as_of": "По состоянию на {date}",
        "covers_latest": "Справка охватывает последние {listed} из {total} материалов.",
        "in_dossier": "В досье",
        "timeline_periods": "Периоды", "timeline_all_periods": "Все периоды",
        "timeline_year_only": "Месяц не указан", "timeline_more": "Ещё записи: {period}",
    },
}


def labels(language: str) -> dict[str, str]:
    """Return interface words for language, English for any word it lacks."""
    return {**LABELS["en"], **LABELS.get(language, {})}


@lru_cache(maxsize=None)
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


# A network page prints a count in each row of its table of pairs: thousands a page, few distinct.
@lru_cache(maxsize=4096, typed=True)
def number(value: int, language: str) -> str:
    """Return 1,667 / 1 667: a count grouped the way the language writes it."""
    return format_decimal(value, locale=_locale(language))


@lru_cache(maxsize=4096)
def long_date(day: dt.date, language: str) -> str:
    """Return '6 января 2026' / '6 January 2026'."""
    return format_date(day, "d MMMM y", locale=_locale(language))


@lru_cache(maxsize=4096)
def month_name(year: int, month: int, language: str) -> str:
    """Return 'Январь 2026' / 'January 2026' (standalone month, capitalised)."""
    text = format_date(dt.date(year, month, 1), "LLLL y", locale=_locale(language))
    return text[:1].upper() + text[1:]


SEASON_NAMES = {
    "en": {"winter": "winter", "spring": "spring", "summer": "summer", "autumn": "autumn"},
    "ru": {"winter": "зима", "spring": "весна", "summer": "лето", "autumn": "осень"},
}


def period_in_year(iso: str, language: str) -> str:
    """Return the part of 'YYYY-MM' or 'YYYY-season' below the year: 'March', 'Spring'; '' for 'YYYY'."""
    year, _, rest = iso.partition("-")
    if not rest:
        return ""
    if rest.isalpha():
        name = SEASON_NAMES.get(language, SEASON_NAMES["en"]).get(rest, rest)
    else:
        name = format_date(dt.date(int(year), int(rest), 1), "LLLL", locale=_locale(language))
    return name[:1].upper() + name[1:]


def partial_date(iso: str, language: str) -> str:
    """Format 'YYYY-MM-DD', 'YYYY-MM', 'YYYY-season' or 'YYYY' in the site language."""
    year, _, rest = iso.partition("-")
    if rest.isalpha():
        return f"{period_in_year(iso, language)} {year}"
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return long_date(dt.date(*parts), language)
    if len(parts) == 2:
        return month_name(parts[0], parts[1], language)
    return str(parts[0])
