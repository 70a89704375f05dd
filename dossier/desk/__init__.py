"""The editor's desk: correct who is who in content/ (merge, split, rename, reject, kind).

Every correction is planned whole, then written as one change under ingest's lock, and
remembered in content/corrections.yml so ingest obeys it. A layer above ingest and below
preview: may import util, site and ingest.
"""
