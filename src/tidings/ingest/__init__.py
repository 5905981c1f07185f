"""Ingest stage: downloading (``fetcher``) and reading feeds, sitemaps and OPML.

Imports only ``tidings.model``, ``tidings.config`` and third-party libraries.
"""
