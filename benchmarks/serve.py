"""Every page and API endpoint of `tidings serve` under 50 concurrent clients, on a synthetic
database of N articles (100,000 or 1,000,000), SQLite or PostgreSQL.

    python benchmarks/serve.py --articles 100000 [--database-url URL] [--workdir DIR] \
        [--clients 50] [--seconds 10] [--batch 5000] [--writers 2] [--enrich-batch 1000] \
        [--only home,article,...] [--enrich-only]

The database is built once and reused: on SQLite at DIR/serve-N.db (default DIR: a temporary
directory), on PostgreSQL in the database of --database-url, which must exist (`createdb`) and
is built when it holds no article, reused when it holds N (migrated first), refused otherwise.

How it is built: `tidings init`, then `--writers` processes (stories split between them) each
call the product's own store functions, `--batch` articles at a time:
`store.articles.save_articles` for the batch in one write transaction (URL and fingerprint
dedupe, the full-text index; a few multi-row statements), then `store.stories.save_stories`,
`assign_articles` and `record_duplicate` for its stories and syndicated copies in another, and
at the end `add_term_frequencies`; on PostgreSQL the build ends with `VACUUM ANALYZE`
(statistics, and a visibility map for index-only scans). On SQLite the writers take turns at
the write lock (about 60% of a writer's time is spent holding it, so a third writer gains
little). Stories are
assigned here, not found by the clusterer (its SQL path costs ~70 ms an article at 100k, hours
for a build): each story is seeded by a demo-corpus article (`src/tidings/demo/data`), sized
like news coverage (Pareto: ~60% single articles, a tail to 300), its members spread over hours
to days after the first; a story's clusterer record (`StoryState`, its blocking keys and label)
is grown member by member from the seed's features (computed once per seed, weighed by the
document frequencies of the whole demo corpus), as the clusterer would keep it, and the stored
document frequencies count every article written. Text is recombined: most of the seed's
paragraphs in order, one paragraph of another article, a closing line naming the outlet and
time; 12% of articles are headline-only (the lead sentence as the feed's summary), 10% of later
members are syndicated copies of an earlier member (same text, another outlet's closing line;
`duplicate_of` set). 200 outlets (the most frequent of the demo headlines, Zipf-weighted),
times spread over the two years before the build; an article's fetch time is its batch's last
publication time. About 1 CPU-ms an article on SQLite, plus ~15 CPU-s a writer for the seeds'
features.

Then every article not enriched yet gets who's-who rows, built or reused alike: its seed's
entities, roles, events, quotes and summary, as `tidings enrich` stores them
(`synthetic_enrichment`: the seeds are analysed once by the product's analysers and cached,
`seed_analyses`; the rows are written `--enrich-batch` articles a transaction by
`store.enrichment.save_enrichments`). Resumable: a database enriched already costs two counts.

Then `tidings serve` runs as a subprocess and an asyncio httpx client keeps `--clients`
requests in flight on one endpoint at a time for `--seconds`: the home page, article page and
API article, story page, entity page and API entity for the five most-named people ("head",
a head of state's share of the coverage) and for entities named by 2 to 20 articles
("small"), search page and API for common and rare words, /api/health, and the baseline, a
static file served by the same process. Prints, per endpoint, requests/s,
p50/p95/p99, each p95 and p99 as a multiple of the static file's, one client alone (before
the load: its first request, then p50/p99/max of up to 200 more, one at a time on one
connection, at most ~5 s an endpoint; "again": the same after the load, when the
pages it read are in the caches), and errors (non-2xx, timeouts; before each endpoint
the server first works off what the last one left queued), plus the web process RSS when
idle and after the load, and the load average. The client shares the machine's cores with the
server: read the ratios.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import re
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib.resources import files
from pathlib import Path

import httpx
import numpy as np
from sqlalchemy import Connection, Engine, func, select

from bulk_writes import bulk_engine, run_writers, written
from http_load import STATIC, Tally, free_port, rss_mb, run_load, start_server, tidings
from seed_analyses import Seed, cache_path, seed_analyses
from synthetic_enrichment import enrich_synthetic
from tidings.cluster.embed import load_embedder
from tidings.cluster.features import ENTITY_PREFIX, ArticleFeatures, document_keys, featurize
from tidings.cluster.options import ClusterOptions
from tidings.cluster.state import StoryState
from tidings.cluster.tfidf import DocumentFrequencies
from tidings.dedupe.exact import normalise_text, text_fingerprint
from tidings.dedupe.near import NearDuplicateOptions, minhash_signature
from tidings.model import NewArticle
from tidings.pipeline.clustering import story_write
from tidings.store import articles as article_store
from tidings.store import stories as story_store
from tidings.store.engine import make_engine
from tidings.store.schema import articles, entities, stories

DATA = Path(str(files("tidings.demo") / "data"))
DAYS = 730
OUTLETS = 200
MAX_STORY = 300
HEADLINE_ONLY = 0.12
DEDUPED = 1000
"""A build stores at least all but one in this many planned articles: a syndicated copy from
its original's outlet in the same minute has the original's text and is stored as its
duplicate (3 of 1,000,000)."""
COPIES = 0.10
TITLES = ("{t}", "{t}", "{t}", "Update: {t}", "{t}, officials say", "What we know: {t}",
          "{t} (live)", "Analysis: {t}")
SURNAMES = ("Okafor", "Lindqvist", "Moreau", "Tanaka", "Haddad", "Kowalski", "Reyes", "Byrne")
FORENAMES = ("Amara", "Jonas", "Claire", "Kenji", "Layla", "Piotr", "Lucia", "Sean")
STOPWORDS = frozenset((
    "about", "above", "after", "again", "against", "being", "below", "between", "could",
    "doing", "during", "further", "having", "other", "their", "theirs", "there", "these",
    "those", "through", "under", "until", "where", "which", "while", "would", "should", "said",
))
"""PostgreSQL's English stop words of five letters or more (never searched), and "said"."""
WORD = re.compile(r"[a-z]{5,}")


@dataclass(frozen=True, slots=True)
class Planned:
    """One article to write: its story, place in the story and what it copies."""

    at: datetime
    story: int
    member: int
    seed: int
    source: str
    headline_only: bool
    copy_of: int | None
    """The member number of the earlier article this one is a syndicated copy of."""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, required=True, help="articles in the database")
    parser.add_argument("--database-url", help="PostgreSQL (or SQLite) database to build or reuse")
    parser.add_argument("--workdir", type=Path, help="where the SQLite database is kept")
    parser.add_argument("--clients", type=int, default=50, help="requests kept in flight")
    parser.add_argument("--seconds", type=float, default=10.0, help="load per endpoint")
    parser.add_argument("--batch", type=int, default=5000, help="articles per transaction")
    parser.add_argument("--writers", type=int, default=2,
                        help="processes writing the build (stories split between them) and "
                        "the enrichment (batches dealt out) at once")
    parser.add_argument("--enrich-batch", type=int, default=1000,
                        help="articles enriched per transaction")
    parser.add_argument("--only", default="", help="comma-separated endpoints to load")
    parser.add_argument("--enrich-only", action="store_true",
                        help="build or reuse and enrich the database, load nothing")
    return parser.parse_args()


# --- the synthetic corpus ---------------------------------------------------------------------


def load_seeds() -> list[Seed]:
    with gzip.open(DATA / "demo-news-clean.jsonl.gz", "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    return [Seed(row["title"], tuple(p for p in row["text"].split("\n\n") if p.strip()))
            for row in rows if row["text"].strip()]


def seed_keys(seed: Seed) -> set[str]:
    """The keys a clusterer counts in its document frequencies for this text."""
    term_counts, phrases = document_keys(seed.title, "\n\n".join(seed.paragraphs))
    return {*term_counts, *(ENTITY_PREFIX + p for p in phrases)}


def load_outlets() -> tuple[list[str], list[float]]:
    """The most frequent outlets of the demo headlines, with Zipf weights."""
    with gzip.open(DATA / "demo-headlines.jsonl.gz", "rt", encoding="utf-8") as handle:
        counts = Counter(json.loads(line)["source"] for line in handle)
    names = [name for name, _ in counts.most_common(OUTLETS)]
    return names, [1 / (rank + 1) ** 0.9 for rank in range(len(names))]


def plan(count: int, seeds: list[Seed], outlets: tuple[list[str], list[float]]
         ) -> list[Planned]:
    """`count` articles in publication order."""
    rng = random.Random(13)
    end = datetime.now(UTC)
    start_of_all = end - timedelta(days=DAYS)
    names, weights = outlets
    planned: list[Planned] = []
    story = 0
    while len(planned) < count:
        story += 1
        size = min(MAX_STORY, int(rng.paretovariate(1.25)))
        start = start_of_all + timedelta(seconds=rng.uniform(0, DAYS * 86400))
        spread = 3600 * 6 * size ** 0.5
        seed = rng.randrange(len(seeds))
        offsets = sorted(rng.expovariate(1 / spread) for _ in range(size - 1))
        full: list[int] = []
        for member, offset in enumerate([0.0, *offsets]):
            at = min(end, start + timedelta(seconds=offset))
            headline_only = rng.random() < HEADLINE_ONLY
            copy_of = rng.choice(full) if full and not headline_only and \
                rng.random() < COPIES else None
            planned.append(Planned(at, story, member, seed,
                                   rng.choices(names, weights)[0], headline_only, copy_of))
            if not headline_only and copy_of is None:
                full.append(member)
    del planned[count:]
    planned.sort(key=lambda p: (p.at, p.story, p.member))
    return planned


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def compose(item: Planned, seeds: list[Seed], source: str | None = None
            ) -> tuple[str, list[str]]:
    """(title, paragraphs) of a planned article; a copy has its original's, closing line
    aside."""
    rng = random.Random(item.story * 1_000_003 + item.member)
    seed = seeds[item.seed]
    title = rng.choice(TITLES).format(t=seed.title)
    if item.headline_only:
        return title, [seed.lead]
    kept = [seed.paragraphs[0], *(p for p in seed.paragraphs[1:] if rng.random() < 0.75)]
    other = seeds[rng.randrange(len(seeds))].paragraphs
    kept.insert(rng.randint(1, len(kept)), rng.choice(other))
    closing = f"Filed by {source or item.source} at {item.at:%H:%M} on {item.at:%d %B %Y}."
    return title, [*kept, closing]


@cache
def _normalised(paragraph: str) -> str:
    return normalise_text(paragraph)


def fingerprint_of(paragraphs: list[str]) -> str:
    """`text_fingerprint` of the paragraphs joined by blank lines, from each paragraph's
    normalised text (the same: normalising works within words), the seeds' cached."""
    *body, closing = paragraphs
    words = [w for w in (*map(_normalised, body), normalise_text(closing)) if w]
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def new_article(item: Planned, seeds: list[Seed], original: Planned | None) -> NewArticle:
    if original is not None:
        title, paragraphs = compose(original, seeds, source=item.source)
    else:
        title, paragraphs = compose(item, seeds)
    text = "\n\n".join(paragraphs)
    fingerprint = None if item.headline_only else fingerprint_of(paragraphs)
    if fingerprint and item.story % 101 == 0 and fingerprint != text_fingerprint(text):
        raise SystemExit(f"fingerprint_of disagrees with text_fingerprint on {text!r}")
    rng = random.Random(item.story * 7919 + item.member)
    authors = () if rng.random() < 0.3 else (f"{rng.choice(FORENAMES)} {rng.choice(SURNAMES)}",)
    host = _slug(item.source) or "outlet"
    url = (f"https://{host}.example/{item.at:%Y/%m/%d}/{_slug(title)}-"
           f"{item.story}-{item.member}")
    return NewArticle(
        url=url, title=title, text=text, source=item.source, authors=authors,
        published_at=item.at, site_name=item.source, lang="en",
        description=paragraphs[0][:300] if item.headline_only else None,
        fingerprint=fingerprint, headline_only=item.headline_only,
    )


# --- the build --------------------------------------------------------------------------------


class StoryBook:
    """Stories being written: their clusterer records, grown member by member."""

    def __init__(self, seeds: list[Seed], planned: list[Planned]) -> None:
        self.options = ClusterOptions()
        self.embedder = load_embedder("static")
        self.seeds = seeds
        self.seed_keys = [seed_keys(seed) for seed in seeds]
        self.frequencies = DocumentFrequencies()
        """Of the demo corpus, as a clusterer that had read it would weigh terms."""
        for keys in self.seed_keys:
            self.frequencies.add(keys)
        self.features: dict[int, ArticleFeatures] = {}
        self.states: dict[int, StoryState] = {}
        self.ids: dict[int, dict[int, int]] = {}
        """Article ids of the written members of each story still being written."""
        self.left = Counter(p.story for p in planned)
        self.clustered = Counter[int]()
        """Articles written per seed (the document frequencies to store)."""

    def features_of(self, item: Planned, title: str) -> ArticleFeatures:
        """The seed's features (computed once; `featurize` counts the seed again, so that is
        taken back), as the member's title, outlet and time."""
        if item.seed not in self.features:
            seed = self.seeds[item.seed]
            self.features[item.seed] = featurize(
                seed.title, "\n\n".join(seed.paragraphs), item.at, item.source, self.embedder,
                self.frequencies, self.options)
            self.frequencies.docs -= 1
            self.frequencies.counts.subtract(self.seed_keys[item.seed])
        return replace(self.features[item.seed], title=title, source=item.source,
                       published_at=item.at)

    def term_frequencies(self) -> tuple[int, Counter[str]]:
        """(articles, documents per key) of what was written, for `add_term_frequencies`."""
        counts = Counter[str]()
        for seed, articles_of_seed in self.clustered.items():
            for key in self.seed_keys[seed]:
                counts[key] += articles_of_seed
        return self.clustered.total(), counts

    def add(self, item: Planned, article_id: int, title: str) -> int:
        """Put a written article in its story; the story's id."""
        features = self.features_of(item, title)
        self.clustered[item.seed] += 1
        state = self.states.get(item.story)
        if state is None:
            state = self.states[item.story] = StoryState.start(article_id, features)
        state.add(article_id, features, self.options)
        return state.id

    def written(self, touched: set[int]) -> list[story_store.StoryWrite]:
        """The stories to save; those with no member left to come are forgotten."""
        writes = [story_write(self.states[s], self.options) for s in sorted(touched)]
        for story in touched:
            if self.left[story] == 0:
                del self.states[story], self.ids[story]
        return writes


def write_batch(engine: Engine, batch: list[Planned], book: StoryBook) -> int:
    """Save a batch of articles, then their stories, each in a short write transaction (so
    that other writers take turns); how many articles were new."""
    near = NearDuplicateOptions()
    now = batch[-1].at
    composed = [new_article(item, book.seeds, None if item.copy_of is None
                            else replace(item, member=item.copy_of, copy_of=None))
                for item in batch]
    saved = written(engine, lambda conn: article_store.save_articles(conn, composed, now=now))
    placed: dict[int, int] = {}
    copies: dict[int, tuple[int, bytes]] = {}
    touched: set[int] = set()
    for item, article, result in zip(batch, composed, saved, strict=True):
        book.left[item.story] -= 1
        if not result.created:
            continue
        members = book.ids.setdefault(item.story, {})
        members[item.member] = result.article_id
        placed[result.article_id] = book.add(item, result.article_id, article.title)
        touched.add(item.story)
        original_id = None if item.copy_of is None else members.get(item.copy_of)
        if original_id is not None:
            signature = minhash_signature(article.text, near)
            copies[result.article_id] = (original_id,
                                         np.asarray(signature, dtype="<u8").tobytes())
    writes = book.written(touched)

    def file_stories(conn: Connection) -> None:
        story_store.save_stories(conn, writes, now=now)
        story_store.assign_articles(conn, placed, now=now)
        for article_id, (original_id, signature) in copies.items():
            story_store.record_duplicate(conn, article_id, signature=signature,
                                         duplicate_of=original_id, similarity=0.9)

    written(engine, file_stories)
    return len(placed)


def build_part(url: str, planned: list[Planned], seeds: list[Seed], batch_size: int,
               part: int, parts: int) -> None:
    """Write the stories numbered `part` modulo `parts` (a process of their own)."""
    mine = [p for p in planned if p.story % parts == part]
    book = StoryBook(seeds, mine)
    engine = bulk_engine(url)
    started = time.perf_counter()
    count = 0
    for first in range(0, len(mine), batch_size):
        count += write_batch(engine, mine[first:first + batch_size], book)
        if (first // batch_size) % 10 == 9:
            rate = count / (time.perf_counter() - started)
            print(f"  writer {part}: {count} articles, {rate:.0f}/s", flush=True)
    written(engine, lambda conn: story_store.add_term_frequencies(
        conn, *book.term_frequencies()))
    engine.dispose()


def enrich(url: str, count: int, seeds: list[Seed], batch_size: int, writers: int) -> None:
    """Who's-who rows for the articles not enriched yet (`synthetic_enrichment`); then, on
    PostgreSQL, VACUUM ANALYZE (see `vacuum_analyze`)."""
    analyses = seed_analyses(seeds, cache_path(DATA / "demo-news-clean.jsonl.gz"))
    story_seeds = {p.story: p.seed for p in plan(count, seeds, load_outlets())}
    enriched = enrich_synthetic(url, story_seeds, seeds, analyses, batch_size=batch_size,
                                writers=writers)
    vacuumed = time.perf_counter()
    if enriched and vacuum_analyze(url):
        print(f"VACUUM ANALYZE: {time.perf_counter() - vacuumed:.0f} s", flush=True)


def build(url: str, count: int, batch_size: int, writers: int) -> None:
    """`tidings init`, then `writers` processes writing stories of their own at once."""
    started = time.perf_counter()
    subprocess.run(tidings("--database-url", url, "init"), check=True, capture_output=True)
    seeds = load_seeds()
    planned = plan(count, seeds, load_outlets())
    stories_planned = len({p.story for p in planned})
    print(f"building {count} articles ({stories_planned} stories planned) at {url}, "
          f"{writers} writers", flush=True)
    run_writers(build_part, [(url, planned, seeds, batch_size, k, writers)
                             for k in range(writers)], "a writer failed (see above)")
    vacuumed = time.perf_counter()
    if vacuum_analyze(url):
        print(f"VACUUM ANALYZE: {time.perf_counter() - vacuumed:.0f} s", flush=True)
    cpu = sum(os.times()[2:4]) + time.process_time()
    print(f"built {stored_count(url)} articles in {time.perf_counter() - started:.0f} s "
          f"({cpu:.0f} CPU-s)", flush=True)


def vacuum_analyze(url: str) -> bool:
    """On PostgreSQL, VACUUM ANALYZE the fresh build: without it the visibility map is empty,
    so an index-only scan fetches every heap row (257k heap fetches seen on one), and the
    planner has no statistics. SQLite needs neither. Whether it ran."""
    engine = make_engine(url)
    try:
        if engine.dialect.name != "postgresql":
            return False
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
        return True
    finally:
        engine.dispose()


def migrate(url: str) -> None:
    """`tidings init` on a reused database: a migration run by `tidings serve` itself could
    outlast its start-up wait (0021 took 234 s at 1M on PostgreSQL) and be killed half-way."""
    started = time.perf_counter()
    subprocess.run(tidings("--database-url", url, "init"), check=True, capture_output=True)
    print(f"tidings init (migrations): {time.perf_counter() - started:.1f} s", flush=True)


def stored_count(url: str) -> int | None:
    """Articles stored at `url`; None when it has no Tidings schema yet."""
    try:
        engine = make_engine(url)
    except Exception:
        return None
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())
    except Exception:
        return None
    finally:
        engine.dispose()


# --- the load ---------------------------------------------------------------------------------


def search_words(seeds: list[Seed]) -> tuple[list[str], list[str]]:
    """Ten common words (in most articles' titles and texts) and ten rare ones (in one seed)."""
    in_titles = Counter(w for s in seeds for w in set(WORD.findall(s.title.lower())))
    in_texts = Counter(w for s in seeds for w in set(WORD.findall(" ".join(
        (s.title, *s.paragraphs)).lower())))
    topical = [w for w in in_titles if w not in STOPWORDS]
    common = sorted(topical, key=lambda w: -in_texts[w])[:10]
    rare = sorted(w for w in topical if in_texts[w] == 1 and len(w) >= 7)
    return common, random.Random(5).sample(rare, min(10, len(rare)))


def endpoints(url: str, seeds: list[Seed]) -> dict[str, list[str]]:
    """The paths each endpoint cycles through."""
    engine = make_engine(url)
    with engine.connect() as conn:
        ids = list(conn.execute(select(articles.c.id).order_by(func.random()).limit(200))
                   .scalars())
        told = list(conn.execute(select(stories.c.id).where(stories.c.article_count >= 2)
                                 .order_by(func.random()).limit(200)).scalars())
        people = entities.c.type == "PERSON"
        heads = list(conn.execute(select(entities.c.id).where(people)
                                  .order_by(entities.c.article_count.desc()).limit(5)).scalars())
        small = list(conn.execute(select(entities.c.id)
                                  .where(entities.c.article_count.between(2, 20))
                                  .order_by(func.random()).limit(100)).scalars())
    engine.dispose()
    common, rare = search_words(seeds)
    return {
        "static": [STATIC],
        "home": ["/", "/?page=2"],
        "article": [f"/articles/{i}" for i in ids],
        "api article": [f"/api/articles/{i}" for i in ids],
        "story": [f"/stories/{i}" for i in told],
        "entity head": [f"/entities/{i}" for i in heads],
        "entity small": [f"/entities/{i}" for i in small],
        "api entity head": [f"/api/entities/{i}" for i in heads],
        "api entity small": [f"/api/entities/{i}" for i in small],
        "search common": [f"/search?q={w}" for w in common],
        "search rare": [f"/search?q={w}" for w in rare],
        "api search common": [f"/api/search?q={w}" for w in common],
        "api search rare": [f"/api/search?q={w}" for w in rare],
        "api health": ["/api/health"],
    }


@dataclass
class Alone:
    """One client's requests, one at a time: the first (which pays what a process does once,
    such as compiling a statement), then the rest."""

    first: float
    rest: Tally


def single_client(base: str, paths: list[str]) -> Alone:
    """Up to 201 requests one at a time on one connection, cycling through `paths` (at most
    ~5 s): the first, then the others."""
    seconds: list[float] = []
    with httpx.Client(base_url=base, timeout=30.0) as client:
        end = time.perf_counter() + 5
        for path in (paths * 201)[:201]:
            if time.perf_counter() > end:
                break
            start = time.perf_counter()
            client.get(path).raise_for_status()
            seconds.append(time.perf_counter() - start)
    return Alone(seconds[0], Tally(latencies=seconds[1:]))


def settle(base: str, *, wait: float = 120.0) -> None:
    """Wait until the server has worked off the requests a timed-out phase left queued (the
    static file answers within a second), so they do not count against the next endpoint."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        tally = run_load(base, [STATIC], 1, 0.001)
        if tally.latencies and tally.latencies[0] < 1.0:
            return
        time.sleep(1)


def report(tallies: dict[str, Tally], single: dict[str, Alone], again: dict[str, Alone]
           ) -> Iterator[str]:
    yield (f"{'endpoint':<18} {'req':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} "
           f"{'p99 ms':>8} {'p95/st':>7} {'p99/st':>7} {'1-cl 1st':>9} {'1-cl n':>6} "
           f"{'1-cl p50':>9} {'1-cl p99':>9} {'1-cl max':>9} {'again p50':>9} "
           f"{'again p99':>9}  errors")
    static = tallies["static"]
    for kind, tally in tallies.items():
        done = len(tally.latencies)
        p50, p95, p99 = (tally.percentile(s) * 1000 for s in (0.50, 0.95, 0.99))
        alone = single[kind].rest
        yield (f"{kind:<18} {done:>6} {done / tally.seconds:>7.1f} {p50:>8.1f} {p95:>8.1f} "
               f"{p99:>8.1f} {p95 / 1000 / static.percentile(0.95):>7.1f} "
               f"{p99 / 1000 / static.percentile(0.99):>7.1f} "
               f"{single[kind].first * 1000:>9.1f} {len(alone.latencies):>6} "
               f"{alone.percentile(0.5) * 1000:>9.1f} {alone.percentile(0.99) * 1000:>9.1f} "
               f"{alone.percentile(1.0) * 1000:>9.1f} "
               f"{again[kind].rest.percentile(0.5) * 1000:>9.1f} "
               f"{again[kind].rest.percentile(0.99) * 1000:>9.1f}  {tally.error_text()}")


def serve_and_load(url: str, seeds: list[Seed], args: argparse.Namespace, workdir: Path) -> None:
    paths = endpoints(url, seeds)
    if args.only:
        wanted = {"static", *args.only.split(",")}
        paths = {k: v for k, v in paths.items() if k in wanted}
    port, log = free_port(), workdir / "serve.log"
    server = start_server(url, port, log)
    base = f"http://127.0.0.1:{port}"
    try:
        idle = rss_mb(server.pid)
        print(f"tidings serve (pid {server.pid}); {args.clients} clients, {args.seconds:.0f} s "
              f"per endpoint; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f}")
        single = {kind: single_client(base, p) for kind, p in paths.items()}
        tallies = {}
        for kind, kind_paths in paths.items():
            settle(base)
            tallies[kind] = run_load(base, kind_paths, args.clients, args.seconds)
        settle(base)
        again = {kind: single_client(base, p) for kind, p in paths.items()}
        after = rss_mb(server.pid)
        print("\n".join(report(tallies, single, again)))
        print(f"web process RSS: {idle:.0f} MB idle, {after:.0f} MB after the load; "
              f"load average {os.getloadavg()[0]:.2f}")
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        url = args.database_url or f"sqlite:///{workdir / f'serve-{args.articles}.db'}"
        have = stored_count(url)
        if not have:
            build(url, args.articles, args.batch, args.writers)
        elif not args.articles - args.articles // DEDUPED <= have <= args.articles:
            raise SystemExit(f"{url} holds {have} articles, not {args.articles}: "
                             "use another database (or --workdir)")
        else:
            print(f"reusing {url} ({have} articles of {args.articles} planned)")
            migrate(url)
        seeds = load_seeds()
        enrich(url, args.articles, seeds, args.enrich_batch, args.writers)
        if not args.enrich_only:
            serve_and_load(url, seeds, args, workdir)


if __name__ == "__main__":
    main()
