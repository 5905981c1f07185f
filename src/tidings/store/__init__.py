"""Storage: SQLAlchemy schema, engine factory, Alembic migrations and one repository per entity.

Repository functions take a SQLAlchemy ``Connection`` (the caller owns the transaction:
``with engine.connect() as conn`` to read, ``with engine.begin() as conn`` to write; see
:mod:`tidings.store.engine`) and return the dataclasses of :mod:`tidings.model`.
"""
