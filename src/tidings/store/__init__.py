"""Storage: SQLAlchemy schema, engine factory, Alembic migrations and one repository per entity.

Repository functions take a SQLAlchemy ``Connection`` (the caller owns the transaction, e.g.
``with engine.begin() as conn``) and return the dataclasses of :mod:`tidings.model`.
"""
