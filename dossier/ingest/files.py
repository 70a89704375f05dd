"""Write ingest's files whole or not at all: through a temporary file beside each one."""

from __future__ import annotations

import os
from pathlib import Path


def write_file(path: Path, data: bytes, create: bool = False) -> None:
    """Write data to path through a temporary file; when create, never replace a file (FileExistsError)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    try:
        if create:
            os.link(tmp, path)  # fails if path exists, unlike a rename
        else:
            os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
