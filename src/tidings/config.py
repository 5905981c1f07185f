"""One settings table: every option has a default, a type and help text.

Values come from ``TIDINGS_*`` environment variables (``TIDINGS_DATABASE_URL`` and so on)
or from command-line flags that override them.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_database_url() -> str:
    """An SQLite file in the user's data directory."""
    return f"sqlite:///{Path(user_data_dir('tidings')) / 'tidings.db'}"


class Settings(BaseSettings):
    """Every Tidings option. Each one is read from ``TIDINGS_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="TIDINGS_", extra="ignore", frozen=True)

    database_url: str = Field(
        default_factory=default_database_url,
        description="SQLAlchemy URL of the database: sqlite:///PATH (default, in the user data "
        "directory) or postgresql+psycopg://USER:PASSWORD@HOST/DB.",
    )
    allow_private_addresses: bool = Field(
        default=False,
        description="Let the fetcher reach loopback, private, link-local and reserved addresses "
        "(for tests, the demo and intranets). Off by default as an SSRF guard.",
    )
    allowed_networks: list[str] = Field(
        default_factory=list,
        description="Networks in CIDR form (10.1.0.0/16, fd00::/8) that the fetcher may reach "
        "even while private addresses are refused, for feeds on an intranet.",
    )
    user_agent: str = Field(
        default="Tidings/0.1 (+https://github.com/tidings/tidings; self-hosted news reader)",
        description="User-Agent header sent with every request and matched against robots.txt.",
    )
    respect_robots_txt: bool = Field(
        default=True, description="Skip URLs that the site's robots.txt disallows."
    )
    connect_timeout: float = Field(default=10.0, gt=0, description="Seconds to connect.")
    read_timeout: float = Field(
        default=30.0, gt=0, description="Seconds to wait for each chunk of a response body."
    )
    total_timeout: float = Field(
        default=60.0, gt=0, description="Seconds one download may take in all, retries excluded."
    )
    max_body_bytes: int = Field(
        default=10 * 1024 * 1024,
        gt=0,
        description="Largest response body accepted; a download is aborted past it.",
    )
    max_redirects: int = Field(default=5, ge=0, description="Redirects followed per request.")
    max_retries: int = Field(
        default=3, ge=0, description="Retries on 429, 5xx and network errors, with backoff."
    )
    max_retry_after: float = Field(
        default=120.0,
        ge=0,
        description="Longest Retry-After (seconds) honoured inline; longer waits are deferred "
        "to the next poll.",
    )
    per_host_concurrency: int = Field(
        default=2, ge=1, description="Requests in flight at once to one host."
    )
    per_host_delay: float = Field(
        default=0.5, ge=0, description="Seconds between the starts of two requests to one host."
    )
    ingest_workers: int = Field(
        default=8, ge=1, description="Pages fetched and extracted in parallel during ingest."
    )
    broker_url: str | None = Field(
        default=None,
        description="Celery broker (redis://HOST:6379/0) for `tidings worker` and `tidings "
        "scheduler`: background jobs run on worker processes. Unset: everything runs in "
        "process, the database as the queue.",
    )
    extract_processes: int = Field(
        default=0,
        ge=0,
        description="Worker processes extracting pages during ingest (0: one per CPU core; "
        "1: extract in the ingesting process).",
    )
    feed_interval_minutes: int = Field(
        default=30, ge=1, description="Default minutes between two polls of one feed."
    )
    max_backoff_minutes: int = Field(
        default=24 * 60,
        ge=1,
        description="Longest wait before retrying a failing feed (exponential backoff cap).",
    )
    max_opml_feeds: int = Field(
        default=1000,
        ge=1,
        description="Most feeds one OPML import reads (the first ones listed); the import "
        "says how many more it left out.",
    )
    duplicate_threshold: float = Field(
        default=0.4,
        gt=0,
        le=1,
        description="MinHash similarity (estimated Jaccard of word 3-shingles) at or above "
        "which an article counts as a syndicated copy of an earlier one.",
    )
    embedder: str = Field(
        default="static",
        description='Sentence embeddings for story clustering: "static" (WordLlama, fast, '
        'shipped in its PyPI package) or "minilm" (all-MiniLM-L6-v2; needs torch).',
    )
    max_article_chars: int = Field(
        default=100_000,
        ge=1000,
        description="Characters of an article that clustering and enrichment read (about 15,000 "
        "words); a longer text is kept whole but analysed only this far, with a note on the "
        "article's enrichment run.",
    )
    max_sentence_tokens: int = Field(
        default=200,
        ge=10,
        description="Longest sentence, in tokens, the enrichment parser is given; text without "
        "punctuation is cut into sentences of this length.",
    )
    enrich: bool = Field(
        default=True,
        description="Enrich new articles (people, quotes, summaries: spaCy) after they are "
        "clustered; off, articles are stored, clustered and alerted on, never enriched.",
    )
    enrich_processes: int = Field(
        default=0,
        ge=0,
        description="Worker processes analysing articles during enrichment, each loading the "
        "spaCy model once (0: one per CPU core for runs of 16 articles or more; 1: analyse in "
        "the enriching process).",
    )
    enrich_time_budget: float = Field(
        default=60.0,
        gt=0,
        description="Seconds the enrichment rules may spend on one parsed article; past it the "
        "article is skipped, the reason recorded as its enrichment error.",
    )
    host: str = Field(default="127.0.0.1", description="Address `tidings serve` listens on.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port `tidings serve` uses.")
    notice: str | None = Field(
        default=None,
        description="A line shown at the top of every page (the demo says there that it "
        "shifted its dates).",
    )
    page_size: int = Field(default=30, ge=1, le=500, description="Articles per page in lists.")
    llm_base_url: str | None = Field(
        default=None,
        description="Base URL of an OpenAI-compatible chat-completions API for summaries and "
        "answers (http://127.0.0.1:8080/v1 for llama.cpp, http://127.0.0.1:11434/v1 for "
        "Ollama). Unset: everything stays extractive and offline.",
    )
    llm_model: str = Field(
        default="llama3.2",
        description="Model name sent with each LLM request (llama.cpp ignores it; Ollama needs "
        "a model it has pulled).",
    )
    llm_api_key: SecretStr | None = Field(
        default=None, description="Bearer token for the LLM API, when it asks for one."
    )
    llm_timeout: float = Field(
        default=60.0, gt=0, description="Seconds to wait for one LLM reply before giving up."
    )
    secret_key: SecretStr | None = Field(
        default=None,
        description="Key that signs CSRF tokens. Unset: a random key is generated on first "
        "use and kept in the database (table app_secrets), so every process shares it.",
    )
    readers_may_add_feeds: bool = Field(
        default=False,
        description="Let every signed-in reader subscribe the server to a new feed (POST "
        "/api/feeds). Off: only administrators add feeds. Removing one stays admin-only.",
    )
    asks_per_hour: int = Field(
        default=30, ge=1, le=100_000,
        description="Questions one reader may ask in an hour (the API's /api/ask and the "
        "question box, which uses the LLM only for signed-in readers within this quota).",
    )
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="Addresses or CIDR networks of reverse proxies whose X-Forwarded-For and "
        "X-Forwarded-Proto headers `tidings serve` believes (JSON list). Empty: none, so the "
        "client address is the connecting peer's.",
    )
    public_url: str | None = Field(
        default=None,
        description="Address readers use to reach this server (https://news.example.org), "
        "for links in emails. Unset: the address of the request that asked for the email.",
    )
    smtp_host: str | None = Field(
        default=None,
        description="SMTP server for password-reset, alert and digest emails. Unset: those "
        "emails are switched off.",
    )
    smtp_port: int = Field(default=587, ge=1, le=65535, description="Port of the SMTP server.")
    smtp_from: str = Field(
        default="tidings@localhost", description="From address of the emails Tidings sends."
    )
    smtp_username: str | None = Field(
        default=None, description="User name for SMTP authentication, when the server wants one."
    )
    smtp_password: SecretStr | None = Field(
        default=None, description="Password for SMTP authentication."
    )
    smtp_starttls: bool = Field(
        default=True,
        description="Upgrade the SMTP connection with STARTTLS before logging in or sending.",
    )
    alert_max_attempts: int = Field(
        default=6, ge=1, le=30,
        description="Attempts at one alert or digest delivery (email or webhook) before it "
        "is given up.",
    )
    alert_retry_seconds: float = Field(
        default=60.0, ge=0,
        description="Seconds before the first retry of a failed delivery; the wait doubles "
        "after each failure.",
    )
    webhook_timeout: float = Field(
        default=10.0, gt=0, description="Seconds one webhook call may take."
    )
    outlet_countries: Path | None = Field(
        default=None,
        description="Table of outlets' countries for the Perspective row of story pages: "
        "lines of 'outlet name or web domain<TAB>country'. Unset: the shipped table.",
    )
    oidc_issuer: str | None = Field(
        default=None,
        pattern=r"^https?://",
        description="OpenID Connect provider (https://sso.example.org/realms/staff), found "
        "through its /.well-known/openid-configuration. Unset: no single sign-on.",
    )
    oidc_client_id: str | None = Field(
        default=None, description="Client id of Tidings registered at the OpenID provider."
    )
    oidc_client_secret: SecretStr | None = Field(
        default=None,
        description="Client secret from the OpenID provider (sent with HTTP Basic auth); "
        "unset for a public client, which PKCE still protects.",
    )
    oidc_name: str = Field(
        default="single sign-on",
        description='Name of the provider on the login button ("Log in with Company SSO").',
    )

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies(cls, values: list[str]) -> list[str]:
        """Each entry an address or a CIDR network, written as uvicorn matches it."""
        return [_address_or_network(value) for value in values]


def _address_or_network(value: str) -> str:
    """`value` as an IP address, or a network with its host bits cleared; ValueError else."""
    try:
        if "/" in value:
            return str(ipaddress.ip_network(value.strip(), strict=False))
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        raise ValueError(f"not an IP address or CIDR network: {value!r}") from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process, read once from the environment."""
    return Settings()
