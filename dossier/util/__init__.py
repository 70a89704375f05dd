"""Foundations every other folder may use: errors, YAML, slugs, file listing, stored files, workers.

Imports nothing else of dossier.
"""
