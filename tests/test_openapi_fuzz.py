"""Schemathesis against the real app's OpenAPI schema: every operation, fuzzed in process.

Each response must be documented (status code, content type, body schema) and none may be a
500; data outside the schema must be refused. Refusing data inside it is allowed: the API turns
down, with a documented 400, what a JSON Schema cannot say (a `since` that is no date, a blank
comment, a follow of a story that does not exist), so `positive_data_acceptance` is left out.
The database is a migrated SQLite file with a little data; the caller an admin with an API
token or nobody. `MAX_EXAMPLES` per operation keeps the whole run within about a minute.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import Case, GenerationMode
from schemathesis.checks import positive_data_acceptance
from schemathesis.openapi import from_asgi, from_dict
from schemathesis.specs.openapi.schemas import OpenApiSchema

from tidings.config import Settings
from tidings.model import NewArticle
from tidings.pipeline.clustering import cluster_pending
from tidings.readers import accounts
from tidings.server import create_app
from tidings.store.articles import save_article
from tidings.store.engine import make_engine, migrate

MAX_EXAMPLES = 20
PASSWORD = "correct horse battery"


def operation_labels() -> list[str]:
    """"GET /api/articles" and so on: every operation of the app's schema."""
    app = create_app(Settings(database_url="sqlite://"))
    return sorted(op.ok().label for op in from_dict(app.openapi()).get_all_operations())


@pytest.fixture(params=["admin", "anonymous"])
def api(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[OpenApiSchema]:
    """The schema served by the real app on a database with a little data, called as an
    admin (API token), so the handlers run past authentication, or anonymously."""
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'fuzz.db'}")
    engine = make_engine(settings.database_url, create=True)
    migrate(engine)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        for n, source in enumerate(("Harbour Times", "Valley Courier", "Harbour Times")):
            save_article(conn, NewArticle(
                url=f"https://news.example.org/tram-{n}", title=f"Council approves tram line {n}",
                text="The council approved the tram line on Monday, the mayor said.\n\n"
                     "Work starts in spring.", source=source, published_at=now), now=now)
    cluster_pending(engine, settings)
    admin = accounts.sign_up(engine, username="ada", email="ada@example.org",
                             password=PASSWORD, role="admin")
    token = accounts.create_api_token(engine, admin, "fuzz")[1]
    schema = from_asgi("/openapi.json", create_app(settings, engine=engine))
    if request.param == "admin":
        schema.config.headers = {"Authorization": f"Bearer {token}"}
    yield schema
    engine.dispose()


@pytest.mark.parametrize("label", operation_labels())
def test_every_operation_answers_as_documented(api: OpenApiSchema, label: str) -> None:
    operation = api.find_operation_by_label(label)
    assert operation is not None
    cases = st.one_of(operation.as_strategy(GenerationMode.POSITIVE),
                      operation.as_strategy(GenerationMode.NEGATIVE))

    @given(case=cases)
    @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def answers(case: Case) -> None:
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    answers()
