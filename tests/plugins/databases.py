"""SQLite and PostgreSQL database fixtures (owned by the storage work)."""
