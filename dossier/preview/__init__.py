"""The live preview: an HTTP server on loopback, the rebuild loop, watching files, live reload, the inbox.

May import everything: it drives the build and ingest as a user would.
"""
