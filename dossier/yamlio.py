"""YAML parsing with libyaml when present, and errors located at path:line:col."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import DossierError, Problem

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str, path: Path | str, line_offset: int = 0) -> Any:
    """Parse YAML text; raise DossierError at path:line:col on a syntax error."""
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or exc.context or "invalid YAML"
        line = mark.line + 1 + line_offset if mark else None
        column = mark.column + 1 if mark else None
        raise DossierError(Problem(path, f"YAML: {reason}", line, column)) from None
    except yaml.YAMLError as exc:
        raise DossierError(Problem(path, f"YAML: {exc}")) from None
