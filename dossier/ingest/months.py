"""The month names ingest reads in dates and datelines: one table, Russian, Ukrainian and English."""

from __future__ import annotations

RU_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
               "сентября", "октября", "ноября", "декабря")
RU_LOCATIVE = ("январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе",
               "сентябре", "октябре", "ноябре", "декабре")
UK_GENITIVE = ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
               "вересня", "жовтня", "листопада", "грудня")
UK_LOCATIVE = ("січні", "лютому", "березні", "квітні", "травні", "червні", "липні", "серпні",
               "вересні", "жовтні", "листопаді", "грудні")
EN = ("january", "february", "march", "april", "may", "june", "july", "august",
      "september", "october", "november", "december")


def month_number(word: str) -> int:
    """Return the month (1 to 12) of a Russian or Ukrainian genitive or locative, or an English name or its abbreviation."""
    word = word.lower()
    for names in (RU_GENITIVE, RU_LOCATIVE, UK_GENITIVE, UK_LOCATIVE):
        if word in names:
            return names.index(word) + 1
    return next(i + 1 for i, name in enumerate(EN) if name.startswith(word.rstrip(".")[:3]))
