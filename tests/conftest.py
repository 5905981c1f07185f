"""Shared fixtures live in tests/plugins/, one module per kind of real server."""

pytest_plugins = ["plugins.http_site", "plugins.databases", "plugins.redis_broker"]
