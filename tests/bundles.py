"""Read a Pagefind bundle as what it says, not as its bytes: two runs over the same pages differ in order only.

Pagefind writes a filter's values, and the filters in its metadata, in hash-map order,
and names those files after their bytes: two cold runs over the same pages give files
with other names and bytes but the same contents. Every file is read here as a value
(gzip, then Pagefind's signature, then CBOR) with every array and map in sorted order,
and named without the hashes of its bytes.
"""

from __future__ import annotations

import gzip
import json
import re
import struct
from pathlib import Path
from typing import Any

from dossier.output.search import DATE_ORDER

SIGNATURE = b"pagefind_dcd"
HASHED = re.compile(r"(_[0-9a-f]{7,10})(?=\.pf_|$)")


def bundle(folder: Path) -> dict[str, Any]:
    """Return every file of a search bundle folder as a comparable value, by its name without hashes."""
    files: dict[str, Any] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        data = path.read_bytes()
        if rel.endswith(f"/{DATE_ORDER}"):
            value: Any = json.loads(data)  # ids of fragments, which are named after their bytes: kept in order
        elif rel.endswith(".json"):
            value = _canonical(json.loads(data))
            value = re.sub(r'"hash": "[^"]*"', '"hash": ""', json.dumps(value, sort_keys=True))
        elif rel.endswith(".pf_meta") or "/filter/" in f"/{rel}":
            value = _canonical(_decode(gzip.decompress(data)))
        else:
            value = data  # fragments and index chunks: named after their bytes, which a run does not reorder
        key = HASHED.sub("", rel) if rel.endswith(".pf_meta") or "/filter/" in f"/{rel}" else rel
        files.setdefault(key, []).append(value)
    return {key: sorted(values, key=repr) for key, values in files.items()}


def read(path: Path) -> Any:
    """Return one of Pagefind's files (metadata, filter, index chunk) as a value, in its own order."""
    return _decode(gzip.decompress(path.read_bytes()))


def _decode(data: bytes) -> Any:
    assert data.startswith(SIGNATURE), "not a Pagefind file"
    value, end = _item(data, len(SIGNATURE))
    assert end == len(data), "bytes after the value"
    return value


def _item(data: bytes, at: int) -> tuple[Any, int]:
    """Decode the CBOR item at data[at:]: return it and where the next begins."""
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if major == 7:
        if info in (20, 21, 22):
            return {20: False, 21: True, 22: None}[info], at
        size = {25: 2, 26: 4, 27: 8}[info]
        raw = data[at:at + size]
        value = struct.unpack(">e" if size == 2 else ">f" if size == 4 else ">d", raw)[0]
        return value, at + size
    if info < 24:
        length = info
    else:
        size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
        length = int.from_bytes(data[at:at + size], "big")
        at += size
    if major == 0:
        return length, at
    if major == 1:
        return -1 - length, at
    if major == 2:
        return data[at:at + length], at + length
    if major == 3:
        return data[at:at + length].decode("utf-8"), at + length
    if major == 4:
        items = []
        for _ in range(length):
            item, at = _item(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = []
        for _ in range(length):
            key, at = _item(data, at)
            value, at = _item(data, at)
            pairs.append((key, value))
        return dict(pairs) if all(isinstance(k, (str, int)) for k, _ in pairs) else pairs, at
    if major == 6:
        return _item(data, at)
    raise ValueError(f"CBOR major type {major} at {at}")


def _canonical(value: Any) -> Any:
    """Return value with its lists and maps sorted, recursively, and the hashes of other files blanked."""
    if isinstance(value, dict):
        return sorted(((repr(k), _canonical(v)) for k, v in value.items()), key=repr)
    if isinstance(value, list):
        return sorted((_canonical(item) for item in value), key=repr)
    if isinstance(value, str):
        return HASHED.sub("", value) if re.fullmatch(r"[a-z]{2,3}(_[0-9a-f]{7,10})", value) else value
    return value


def by_page(folder: Path) -> dict[str, Any]:
    """Return what a bundle says of each page, whatever order Pagefind numbered its pages in.

    The pages of the index chunks and filters are named by their fragments; the chunks
    are merged into one map of words (their bounds follow the words, not the pages).
    """
    meta = read(next(folder.glob("*.pf_meta")))
    ids = [page[0] for page in meta[1]]
    words: dict[str, Any] = {}
    for chunk in folder.glob("index/*.pf_index"):
        for word, pages, variants in read(chunk)[0]:
            words[word] = [_named(pages, ids), sorted([form, _named(found, ids)] for form, found in variants)]
    filters = {}
    for file in folder.glob("filter/*.pf_filter"):
        name, values = read(file)
        filters[name] = sorted((value, sorted(ids[number] for number in numbers)) for value, numbers in values)
    fragments = {path.name: path.read_bytes() for path in folder.glob("fragment/*")}
    return {"pages": sorted(map(tuple, meta[1])), "meta fields": sorted(meta[5]), "sorts": meta[4],
            "words": words, "filters": filters, "fragments": fragments}


def _named(pages: list[list[Any]], ids: list[str]) -> list[list[Any]]:
    """Return an index chunk's list of pages with each page named by its fragment, in sorted order."""
    number, named = 0, []
    for page in pages:
        number += page[0]  # each page's number is given as the step from the one before
        named.append([ids[number], *page[1:]])
    return sorted(named, key=repr)
