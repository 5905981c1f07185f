"""Duplicate detection: URL canonicalisation and text fingerprints."""
