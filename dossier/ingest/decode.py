"""Turn an inbox file's bytes into text, saying how sure we are of the encoding."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# cp1251 bytes decoded as UTF-8 fail; decoded as cp1251 they give Cyrillic letters.
# Mojibake the other way (UTF-8 read as cp1251) shows these pairs.
_MOJIBAKE = re.compile(r"[РС][ЃЂЉЊЌЋЏђѓєѕіїјљњћќўџ\u0080-\u00bf]")


class NotText(Exception):
    """The file is empty or binary: there is no story to read."""


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)
    needs_review: bool = False


def decode(raw: bytes) -> Decoded:
    """Return the text of raw bytes: UTF-8 (with or without BOM), UTF-16 or cp1251."""
    if not raw.strip():
        raise NotText("empty file: nothing to ingest")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            try:
                return _checked(raw.decode(encoding), encoding)
            except UnicodeDecodeError:
                break
    if b"\x00" in raw[:4096]:
        raise NotText("binary file (NUL bytes), not a text story")
    try:
        return _checked(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    text = raw.decode("cp1251", errors="replace")
    letters = sum(ch.isalpha() for ch in text)
    if letters and len(_CYRILLIC.findall(text)) / letters > 0.3:
        return _checked(text, "cp1251", ["not UTF-8: read as Windows-1251 (cp1251) Russian text"])
    decoded = _checked(raw.decode("utf-8", errors="replace"), "utf-8",
                       ["not valid UTF-8 and not cp1251: undecodable bytes replaced by '\ufffd'"])
    decoded.needs_review = True
    return decoded


def _checked(text: str, encoding: str, warnings: list[str] | None = None) -> Decoded:
    """Reject text that is mostly control characters; note text that looks like mojibake."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\t")
    if controls > max(8, len(text) // 20):
        raise NotText(f"binary file ({controls} control characters), not a text story")
    decoded = Decoded(text, encoding, list(warnings or []))
    if len(_MOJIBAKE.findall(text)) > 5:
        decoded.warnings.append("text looks double-encoded (UTF-8 read as cp1251): check the source")
        decoded.needs_review = True
    return decoded
