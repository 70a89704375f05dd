"""dossier: a static site generator for briefing dossiers."""

from .build import BuildReport, build
from .util.errors import DossierError, Problem

__all__ = ["BuildReport", "DossierError", "Problem", "build"]
