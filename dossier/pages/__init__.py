"""What a reader sees: the pages planned and rendered, and their features (network, briefing books,
name links, typography, feeds). Pure: returns outputs, writes nothing but its template cache.

May import site and util.
"""
