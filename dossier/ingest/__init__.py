"""Ingest: a story in any form and language in, an article and profile stubs under content/ out.

sources/ reads each form into one Story; analyse/ reads a Story in its language into
Findings; compose makes the article's front matter and Markdown; command, fetch and the
ledger decide what is new and write it. May import site and util; never pages, output or
preview (the build never imports ingest: the site is built from content/ alone).
"""
