"""What a build found of its inputs and what it wrote into one output folder, to compare the next with."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..util.errors import Problem
from ..util.store import Stamp, stamp_of


@dataclass
class Scan:
    """The inputs' stamps as a build found them."""

    inputs: str  # digest of every input file's stamp, the settings and the code
    settled_ns: int  # when the newest stamp can be trusted
    stamps: list[tuple[str, int, int]]  # (path, mtime_ns, size) of every input file and folder
    trusted_ns: int  # a file modified before this has a stamp that shows every later change
    paths: str  # digest of the paths of every input file and folder: which files there are


@dataclass
class Recorded:
    """What the last successful build into one output folder wrote, to compare the next with."""

    inputs: str = ""  # digest of every input file's stamp, the settings and the code
    scanned_ns: int = 0  # when those stamps were taken
    outputs: dict[str, tuple[str, Stamp]] = field(default_factory=dict)  # path -> (fingerprint, stamp)
    pages: int = 0
    warnings: list[Problem] = field(default_factory=list)
    build_id: str = ""  # the full build whose page graph these outputs follow
    edited: dict[str, str] = field(default_factory=dict)  # article files built from that graph since -> their digest
    paths: str = ""  # Scan.paths of the build that made the graph: a file added or removed since rules it out

    def current(self, out_dir: Path, path: str, fingerprint: str) -> bool:
        """Tell whether the page at path was written from the same inputs and is still there."""
        previous = self.outputs.get(path)
        return previous is not None and previous[0] == fingerprint and self.intact(out_dir, path)

    def all_intact(self, out_dir: Path) -> bool:
        """Tell whether every output file is still the one this build wrote."""
        return all(self.intact(out_dir, path) for path in self.outputs)

    def intact(self, out_dir: Path, path: str) -> bool:
        """Tell whether the output file at path is still the one this build wrote."""
        # os.stat on a string, not a Path: the no-change check makes one per output file.
        try:
            return stamp_of(os.stat(f"{out_dir}{os.sep}{path}")) == self.outputs[path][1]
        except (OSError, KeyError):
            return False
