"""The output folder: which pages a rebuild must render, writing them all or nothing, the search index.

May import pages, site and util.
"""
