"""Turn a source's bytes into text, checking any charset it declares against the bytes themselves.

A declared charset (a server's header, an e-mail part's, a page's <meta>) is often wrong:
cp1251 sent as UTF-8, UTF-8 labelled koi8-r, a name no codec has. It is used when the
bytes bear it out; otherwise the bytes decide: UTF-8, UTF-8 with a few bad bytes (a story
cut mid-character), cp1251 Russian, then charset-normalizer's guess. Text that still
reads as garbage is refused, never written.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

import charset_normalizer

_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# UTF-8 Cyrillic read as cp1251 turns each letter into 'Р' or 'С' and one of these.
_MOJIBAKE = re.compile(r"[РС][ЃЂЉЊЌЋЏђѓєѕіїјљњћќўџ\u0080-\u00bf]")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_FIX = "save it as UTF-8 and ingest it again"


class NotText(Exception):
    """The bytes hold no text to read: empty, binary or garbled; the message says which."""


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)
    needs_review: bool = False


def decode(raw: bytes, *declared: str) -> Decoded:
    """Return the text of raw bytes: a BOM's encoding, a declared charset the bytes bear out, else theirs.

    declared: charset names in order of authority (a server's before a page's <meta>).
    """
    if not raw.strip():
        raise NotText("empty file: nothing to ingest")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return _checked(raw.decode(encoding), encoding)
            except UnicodeDecodeError:
                break
    warnings: list[str] = []
    codecs_named = [(name, codec) for name, codec in ((n, _codec(n, warnings)) for n in declared if n) if codec]
    if b"\x00" in raw[:4096] and not any(codec.startswith("utf-16") for _, codec in codecs_named):
        raise NotText("binary file (NUL bytes), not a text story")
    for name, codec in codecs_named:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            warnings.append(f"not valid {name}, as declared: read by what the bytes are")
            continue
        if codec != "utf-8" and _plain_utf8(raw):
            # Valid UTF-8 with letters beyond ASCII is next to never a single-byte text by chance.
            warnings.append(f"declared {name}, but the bytes are UTF-8: read as UTF-8")
            break
        return _checked(text, codec, warnings)
    return _detected(raw, warnings)


def _codec(name: str, warnings: list[str]) -> str:
    """Return the codec a charset name stands for, '' (with a warning) if no codec has it."""
    try:
        return codecs.lookup(name.strip().strip("'\"")).name
    except LookupError:
        warnings.append(f"unknown charset {name[:40]!r}: read by what the bytes are")
        return ""


def _plain_utf8(raw: bytes) -> bool:
    """Return whether raw is valid UTF-8 with at least one character beyond ASCII."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not raw.isascii()


def _detected(raw: bytes, warnings: list[str]) -> Decoded:
    """Return the text the bytes themselves say they are, with no declared charset to go by."""
    try:
        return _checked(raw.decode("utf-8"), "utf-8", warnings)
    except UnicodeDecodeError:
        pass
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - raw.count("\ufffd".encode())
    letters_beyond_ascii = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    if bad <= max(3, letters_beyond_ascii // 50):
        # A story cut mid-character, or a stray byte: the rest is plainly UTF-8.
        decoded = _checked(text, "utf-8", [*warnings, (f"{bad} byte(s) not valid UTF-8: replaced by '\ufffd'; "
                                                       "check the text around them")])
        decoded.needs_review = True
        return decoded
    text = raw.decode("cp1251", errors="replace")
    letters = sum(ch.isalpha() for ch in text)
    if letters and len(_CYRILLIC.findall(text)) / letters > 0.3:
        return _checked(text, "cp1251", [*warnings, "not UTF-8: read as Windows-1251 (cp1251) Russian text"])
    guess = charset_normalizer.from_bytes(raw).best()
    if guess is None:
        raise NotText(f"not valid UTF-8, and no other encoding fits the bytes: {_FIX}")
    decoded = _checked(str(guess), guess.encoding, [*warnings, (f"not valid UTF-8: read as {guess.encoding}, "
                                                                "a guess from the bytes; check the text")])
    decoded.needs_review = True
    return decoded


def _checked(text: str, encoding: str, warnings: list[str] | None = None) -> Decoded:
    """Refuse text that is mostly control characters, or still garbled; return the rest."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\t")
    if controls > max(8, len(text) // 20):
        raise NotText(f"binary file ({controls} control characters), not a text story")
    pairs = len(_MOJIBAKE.findall(text))
    # In real Russian 'С»' ends «ТАСС»; in mojibake one letter in two is such a pair.
    if pairs > 5 and pairs * 4 > len(_CYRILLIC.findall(text)):
        sample = _MOJIBAKE.search(text)
        raise NotText(f"garbled text: UTF-8 read as cp1251 somewhere before it reached us "
                      f"('{sample.group(0) if sample else ''}…' for one letter): {_FIX}")
    replaced = text.count("\ufffd")
    if replaced > max(8, len(text) // 100):
        raise NotText(f"garbled text: {replaced} characters could not be decoded: {_FIX}")
    return Decoded(text, encoding, list(warnings or []))
