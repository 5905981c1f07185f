"""Tidings: a self-hosted news aggregator and news-intelligence platform."""

__version__ = "0.1.0"
