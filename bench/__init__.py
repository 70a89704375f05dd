"""Benchmark: dossier against Hugo and Pelican on one synthetic corpus (issue 7)."""
