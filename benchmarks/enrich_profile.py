"""Where enrichment's CPU goes: CPU ms per article for each spaCy component and each rule stage.

    python benchmarks/enrich_profile.py [--demo 100] [--l3s 50] [--top 0]

Articles: the --demo newest articles of the demo corpus (demo-news-clean, the pages
benchmarks/ingest.py serves, in its order; long Wikinews reports among them) and the pages
of the L3S-GN1 dev sets (tests/eval/intelligence_l3s_dev*.jsonl: headline and gold main text;
never a validation or held-out page), at most --l3s of them. Each set is run twice: once to
warm the lazily loaded lexicons, once timed, with `time.process_time` (CPU of every thread).

spaCy: the tokenizer, then every component of the pipeline over the whole set in batches of
16, as `nlp.pipe` runs them. Rules: the stages of `analysis.analyse_doc` on those docs (the
mentions inside `parse_article` apart from its other lookups), and the extractive summary
enrichment makes for each article. --top N also prints the N functions of the rules with the
most own CPU time (cProfile; its overhead inflates the figures of that run only).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from spacy.tokens import Doc

from tidings.demo.corpus import load_corpus
from tidings.enrich import analysis, document
from tidings.enrich.analysis import _document_text
from tidings.enrich.entities import summarise
from tidings.enrich.events import find_events
from tidings.enrich.nlp import load_nlp
from tidings.enrich.quotes import find_quotes
from tidings.enrich.roles import find_roles
from tidings.enrich.summaries import summarize_article

ROOT = Path(__file__).resolve().parent.parent
L3S_DATA = ROOT.parent / "shared" / "data" / "extraction-dev"
L3S_DEV = sorted((ROOT / "tests" / "eval").glob("intelligence_l3s_dev*.jsonl"))
PUBLISHED = datetime(2008, 6, 1, tzinfo=UTC)
BATCH = 16
MENTIONS = "rules: mentions (find_mentions)"
OTHER_LOOKUPS = "rules: parse_article, other lookups"
T = TypeVar("T")

Article = tuple[str, str]
"""(title, text)."""


def demo_articles(limit: int) -> list[Article]:
    return [(a.title, a.text) for a in load_corpus()[:limit]]


def l3s_articles(limit: int) -> list[Article]:
    found: list[Article] = []
    for path in L3S_DEV:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and len(found) < limit:
                page = L3S_DATA / json.loads(line)["id"]
                meta = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
                found.append((meta.get("title") or "", page.with_suffix(".txt").read_text()))
    return found


class Clock:
    """CPU seconds per stage, summed over calls."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.process_time()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.process_time() - start

    def timed(self, name: str, function: Callable[..., T]) -> Callable[..., T]:
        def wrapper(*args: object, **kwargs: object) -> T:
            with self.stage(name):
                return function(*args, **kwargs)

        return wrapper


def parse(texts: list[str], clock: Clock) -> list[Doc]:
    """The docs `nlp.pipe` makes, each component timed over the whole set."""
    nlp = load_nlp()
    with clock.stage("spacy: tokenizer"):
        docs = [nlp.make_doc(text) for text in texts]
    for name, component in nlp.pipeline:
        with clock.stage(f"spacy: {name}"):
            if hasattr(component, "pipe"):
                docs = list(component.pipe(docs, batch_size=BATCH))
            else:
                docs = [component(doc) for doc in docs]
    return docs


def run_rules(docs: list[Doc], articles: list[Article], clock: Clock) -> None:
    find_mentions = document.find_mentions
    document.find_mentions = clock.timed(MENTIONS, find_mentions)
    try:
        for doc, (title, text) in zip(docs, articles, strict=True):
            with clock.stage(OTHER_LOOKUPS):
                article = document.parse_article(doc, PUBLISHED.date())
            with clock.stage("rules: roles"):
                roles = find_roles(article)
            with clock.stage("rules: entities summary"):
                summarise(article.mentions, article.sentence_of)
            with clock.stage("rules: events"):
                find_events(article, roles)
            with clock.stage("rules: quotes"):
                find_quotes(article, roles)
            with clock.stage("rules: sentence texts"):
                tuple(s.text.strip() for s in article.sentences)
            with clock.stage("extractive summary"):
                summarize_article(title, text)
    finally:
        document.find_mentions = find_mentions
    # find_mentions runs inside parse_article: keep its time out of the other lookups
    clock.seconds[OTHER_LOOKUPS] -= clock.seconds[MENTIONS]


def measure(articles: list[Article]) -> Clock:
    texts = [_document_text(title, text) for title, text in articles]
    run_rules(parse(texts, Clock()), articles, Clock())  # warm the lexicons
    clock = Clock()
    run_rules(parse(texts, clock), articles, clock)
    return clock


def report(heading: str, articles: list[Article], clock: Clock) -> None:
    n = len(articles)
    words = sum(len(text.split()) for _, text in articles) / max(1, n)
    print(f"\n{heading}: {n} articles, {words:.0f} words each on average")
    print(f"{'stage':<42} {'CPU ms/article':>14}")
    groups: dict[str, float] = {}
    for name, seconds in clock.seconds.items():
        print(f"  {name:<40} {1000 * seconds / n:14.1f}")
        group = name.split(":")[0]
        groups[group] = groups.get(group, 0.0) + seconds
    for group, seconds in groups.items():
        print(f"{group + ' total':<42} {1000 * seconds / n:14.1f}")
    print(f"{'all':<42} {1000 * sum(groups.values()) / n:14.1f}")


def profile_rules(articles: list[Article], top: int) -> None:
    texts = [_document_text(title, text) for title, text in articles]
    docs = parse(texts, Clock())
    profiler = cProfile.Profile()
    profiler.enable()
    for doc in docs:
        analysis.analyse_doc(doc, PUBLISHED)
    profiler.disable()
    print(f"\nrules, top {top} functions by own time (cProfile):")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--demo", type=int, default=100, help="Demo articles (0: none).")
    parser.add_argument("--l3s", type=int, default=50, help="L3S-GN1 dev pages (0: none).")
    parser.add_argument("--top", type=int, default=0, help="Also cProfile the rules.")
    args = parser.parse_args()
    sets = [("demo corpus, newest first", demo_articles(args.demo)),
            ("L3S-GN1 dev", l3s_articles(args.l3s))]
    for heading, articles in sets:
        if articles:
            report(heading, articles, measure(articles))
            if args.top:
                profile_rules(articles, args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
