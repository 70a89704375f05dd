"""dossier: a static site generator for briefing dossiers."""

from .build import BuildReport, build
from .errors import DossierError, Problem

__all__ = ["BuildReport", "DossierError", "Problem", "build"]
