"""Slugs: stable, readable Latin URL segments from any title or name."""

from __future__ import annotations

import re
import unicodedata

# Our own table rather than unidecode: a slug is a URL readers bookmark, so it must
# not change when a library updates its transliteration.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}
# Common name endings read better in their usual English spelling (Зеленский -> zelensky).
_ENDINGS = re.compile(r"(ий|ый)\b")

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def transliterate(text: str) -> str:
    """Return text with Cyrillic letters spelled in Latin, everything else kept."""
    text = _ENDINGS.sub("y", text.lower())
    return "".join(_CYRILLIC.get(ch, ch) for ch in text)


def slugify(text: str, max_length: int = 100) -> str:
    """Return a lowercase ASCII slug of text ('' if nothing usable is left)."""
    latin = unicodedata.normalize("NFKD", transliterate(text)).lower()
    ascii_text = latin.encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug


def is_slug(text: str) -> bool:
    """Return whether text is already a valid slug (safe as one path segment)."""
    return bool(SLUG_RE.match(text))
