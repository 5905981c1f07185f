"""A tiny news corpus for the enrichment tests: one person under three names, one arrest."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine

from tidings.model import NewArticle
from tidings.store.articles import save_article

NOW = datetime(2024, 3, 8, 12, tzinfo=UTC)

ARTICLES = [
    NewArticle(
        url="https://wire.example/boj-holds",
        title="Bank of Japan keeps rates low",
        text="Bank of Japan Governor Kazuo Ueda said on Tuesday that interest rates would stay "
        "low for some time.\n\n"
        "\"We will keep supporting the economy until wages rise steadily,\" Ueda told "
        "reporters in Tokyo.\n\n"
        "Markets in Tokyo rose after the announcement, and the yen weakened against the dollar.",
        source="Wire",
        published_at=datetime(2024, 3, 5, 9, tzinfo=UTC),
    ),
    NewArticle(
        url="https://paper.example/inflation",
        title="Inflation outlook uncertain, central bank says",
        text="Governor Kazuo Ueda of the Bank of Japan warned that inflation remained uncertain."
        "\n\nUeda said the central bank would watch wage talks closely before changing its "
        "policy.\n\n"
        "Former finance minister Taro Kono was arrested on Monday in Osaka, police said.",
        source="Paper",
        published_at=datetime(2024, 3, 6, 9, tzinfo=UTC),
    ),
    NewArticle(
        url="https://daily.example/ueda-patience",
        title="Ueda urges patience",
        text="Central bank chief Ueda said on Wednesday that the bank would not hurry to raise "
        "rates.\n\n"
        "Analysts expect the first increase in the summer, after the spring wage round.",
        source="Daily",
        published_at=datetime(2024, 3, 7, 9, tzinfo=UTC),
    ),
]


def save_corpus(engine: Engine, articles: list[NewArticle] = ARTICLES) -> list[int]:
    """Store the articles; their ids in the same order."""
    with engine.begin() as conn:
        return [save_article(conn, a, now=NOW).article_id for a in articles]
