"""Compiled templates kept in the build cache for the next process, each checked before it is loaded."""

from __future__ import annotations

from pathlib import Path

import jinja2

from ..util.store import load_checked, save_checked

# Compiled templates by Jinja's key, for every build of this process: a build of another
# site, or a cold one with no cache folder, compiles each template once per process, not
# once per build. Jinja checks a source's checksum inside the bytes before it uses them.
_COMPILED: dict[str, bytes] = {}


class TemplateCache(jinja2.BytecodeCache):
    """Keep compiled templates in a folder, each file checked against a digest before it is loaded."""

    # Jinja's own cache loads whatever bytes it finds: 32 garbled ones give "SystemError:
    # unknown opcode" on every build. A file that fails its digest is compiled afresh
    # (under Jinja's file names, so the files its own cache left are replaced, not kept).
    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        kept = _COMPILED.get(bucket.key)
        if kept is not None:
            bucket.bytecode_from_string(kept)
        if bucket.code is None:  # not compiled in this process, or from an older source
            data = load_checked(self._path(bucket))
            if data is not None:
                bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = bucket.bytecode_to_string()
        _COMPILED[bucket.key] = data
        save_checked(self._path(bucket), data)

    def _path(self, bucket: jinja2.bccache.Bucket) -> Path:
        return self.folder / f"__jinja2_{bucket.key}.cache"
