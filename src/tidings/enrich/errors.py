"""Enrichment's errors, importable without loading spaCy."""


class ModelMissingError(RuntimeError):
    """The spaCy model is not installed, or is not the one this stage was measured with."""
