"""What the dossier is: its settings, its content read and typed, and the site assembled from it.

Stages: load_config, read_content, assemble. May import util only.
"""
