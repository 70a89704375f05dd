"""Analyse a story's text per language: people, organisations, quotes, events."""
