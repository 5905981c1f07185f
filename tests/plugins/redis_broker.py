"""A real Redis for the tests that send jobs to Celery: ``redis_url``, emptied for each test.

Without TIDINGS_TEST_REDIS_URL such a test is skipped (an error when CI is set)."""

from __future__ import annotations

import os

import pytest

REDIS_ENV = "TIDINGS_TEST_REDIS_URL"


@pytest.fixture
def redis_url() -> str:
    """The test Redis's URL, its database emptied."""
    url = os.environ.get(REDIS_ENV)
    if not url:
        reason = f"{REDIS_ENV} is not set: no Redis to run Celery on"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI is set, so this is an error, not a skip)")
        pytest.skip(reason)
    import redis  # the Celery broker's client

    redis.Redis.from_url(url).flushdb()
    return url
