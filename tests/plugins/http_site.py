"""Local HTTP server fixture serving tests/fixtures/site (owned by the ingest work)."""
