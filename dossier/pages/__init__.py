"""What a reader sees: the pages planned and rendered, and their features (network, briefing books,
name links, typography, feeds). Pure: returns outputs and writes nothing.

May import site and util.
"""
