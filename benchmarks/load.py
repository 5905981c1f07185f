"""The reader under load: many concurrent clients on the home, article, search and story pages,
once on a quiet database and once while another process imports articles into it.

    python benchmarks/load.py [--articles 1400] [--clients 200] [--seconds 15] \
        [--data FILE.jsonl.gz] [--workdir DIR]

With --workdir the built database is kept there and reused by later runs (each run loads a fresh
copy of it), so two versions of Tidings can be compared on the same data.

The database is built through the product's own path: `tidings init`, then the pipeline's
import and clustering (the steps of `tidings import` before its enrichment, which would take
half an hour here) of the first `--articles` records of the demo corpus. `tidings serve` runs as
a subprocess; an asyncio httpx client keeps `--clients` requests in flight on one kind of page
at a time for `--seconds`. The baseline is a static file served by the same process in the same
run. The concurrent writer is a second process importing and clustering the next records of the
corpus through the same pipeline functions, one short write transaction per article.

Prints, per scenario and page kind: requests/s, p50/p95/p99 latency, each p99 as a multiple of
the static file's, and errors (non-2xx replies, timeouts, refused connections), plus how many
"database is locked" lines the server logged. The load client runs on the same machine and
shares its cores with the server (and the writer), so read the ratios and the error counts.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import text

from http_load import Tally, free_port, run_load, start_server, tidings
from tidings import pipeline
from tidings.config import Settings
from tidings.store.engine import make_engine

DEMO = Path(__file__).resolve().parents[1] / "src/tidings/demo/data/demo-news-clean.jsonl.gz"
KINDS = ("static", "home", "article", "search", "story")

WRITER = """
import sys, time
from pathlib import Path
from tidings import pipeline
from tidings.config import Settings
from tidings.store.engine import make_engine

settings = Settings(database_url=sys.argv[1])
engine = make_engine(settings.database_url)
print("writing", flush=True)
start = time.perf_counter()
report = pipeline.import_records(engine, Path(sys.argv[2]))
clustered = pipeline.cluster_pending(engine, settings)
print(f"imported {report.created} articles and clustered {clustered.clustered} in "
      f"{time.perf_counter() - start:.1f} s", flush=True)
"""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1400, help="articles in the database")
    parser.add_argument("--writer-articles", type=int, default=2000,
                        help="articles the concurrent writer imports")
    parser.add_argument("--clients", type=int, default=200, help="requests kept in flight")
    parser.add_argument("--seconds", type=float, default=15.0, help="load per page kind")
    parser.add_argument("--data", type=Path, default=DEMO, help="JSON Lines corpus (.gz)")
    parser.add_argument("--workdir", type=Path, help="keep the database here (default: temp)")
    return parser.parse_args()


def split_corpus(data: Path, first: int, second: int, workdir: Path) -> tuple[Path, Path]:
    """The first `first` records and the `second` after them, as two JSON Lines files."""
    base, more = workdir / "base.jsonl", workdir / "more.jsonl"
    with gzip.open(data, "rt", encoding="utf-8") as source, base.open("w") as a, \
            more.open("w") as b:
        for number, line in enumerate(itertools.islice(source, first + second)):
            (a if number < first else b).write(line)
    return base, more


def build(url: str, base: Path) -> None:
    start = time.perf_counter()
    subprocess.run(tidings("--database-url", url, "init"), check=True, capture_output=True)
    settings = Settings(database_url=url)
    engine = make_engine(url)
    report = pipeline.import_records(engine, base)
    clustered = pipeline.cluster_pending(engine, settings)
    engine.dispose()
    print(f"built: {report.created} articles, {clustered.clustered} clustered in "
          f"{time.perf_counter() - start:.1f} s")


def targets(url: str) -> dict[str, list[str]]:
    """The paths each page kind cycles through, drawn from the database."""
    engine = make_engine(url)
    with engine.connect() as conn:
        articles = list(conn.execute(text("SELECT id FROM articles ORDER BY id")).scalars())
        stories = list(conn.execute(text(
            "SELECT id FROM stories ORDER BY article_count DESC, id")).scalars())
        titles = list(conn.execute(text("SELECT title FROM articles")).scalars())
    engine.dispose()
    words = Counter(w for t in titles for w in set(re.findall(r"[a-z]{5,}", t.lower())))
    common = [w for w, _ in words.most_common(20)]
    rare = [w for w, n in words.items() if n == 1][:20]
    rng = random.Random(7)
    return {
        "static": ["/static/style.css"],
        "home": ["/", "/?page=2"],
        "article": [f"/articles/{i}" for i in rng.sample(articles, min(200, len(articles)))],
        "search": [f"/search?q={w}" for w in common + rare],
        "story": [f"/stories/{i}" for i in stories[:200]],
    }


def run_scenario(base: str, paths: dict[str, list[str]], args: argparse.Namespace
                 ) -> dict[str, Tally]:
    tallies = {}
    for kind in KINDS:
        tallies[kind] = run_load(base, paths[kind], args.clients, args.seconds)
    return tallies


def report(title: str, tallies: dict[str, Tally], locked: int, note: str = "") -> None:
    print(f"\n{title}{note}")
    print(f"{'page':<8} {'req':>6} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
          f"{'p99/static':>10}  errors")
    static_p99 = tallies["static"].percentile(0.99)
    for kind, tally in tallies.items():
        done = len(tally.latencies)
        p50, p95, p99 = (tally.percentile(s) * 1000 for s in (0.50, 0.95, 0.99))
        errors = sum(tally.errors.values())
        detail = f" ({', '.join(f'{n} {k}' for k, n in tally.errors.most_common())})" \
            if errors else ""
        print(f"{kind:<8} {done:>6} {done / tally.seconds:>7.1f} {p50:>8.0f} {p95:>8.0f} "
              f"{p99:>8.0f} {p99 / 1000 / static_p99:>10.1f}  {errors}{detail}")
    print(f"server log lines with 'database is locked': {locked}")


def locked_lines(log: Path) -> int:
    return log.read_text(errors="replace").count("database is locked")


def count_articles(url: str) -> int:
    engine = make_engine(url)
    with engine.connect() as conn:
        count = int(conn.execute(text("SELECT count(*) FROM articles")).scalar_one())
    engine.dispose()
    return count


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        built, url = workdir / "built.db", f"sqlite:///{workdir / 'load.db'}"
        if not built.exists():  # built once per workdir; each run starts from a copy
            base, _ = split_corpus(args.data, args.articles, args.writer_articles, workdir)
            build(f"sqlite:///{built}", base)
        for stale in workdir.glob("load.db*"):
            stale.unlink()
        shutil.copyfile(built, workdir / "load.db")
        more = workdir / "more.jsonl"
        paths = targets(url)
        port, log = free_port(), workdir / "serve.log"
        server = start_server(url, port, log)
        print(f"tidings serve (pid {server.pid}) on port {port}; {args.clients} clients, "
              f"{args.seconds:.0f} s per page kind; {os.cpu_count()} CPUs")
        try:
            quiet = run_scenario(f"http://127.0.0.1:{port}", paths, args)
            report("Quiet database", quiet, locked_lines(log))
            before, seen = count_articles(url), locked_lines(log)
            writer = subprocess.Popen([sys.executable, "-c", WRITER, url, str(more)],
                                      stdout=subprocess.PIPE, text=True)
            assert writer.stdout is not None
            writer.stdout.readline()
            busy = run_scenario(f"http://127.0.0.1:{port}", paths, args)
            still_writing = writer.poll() is None
            written = count_articles(url) - before
            report("While another process imports", busy, locked_lines(log) - seen,
                   f" ({written} articles written during the load"
                   f"{', writer still running at the end' if still_writing else ''})")
            out, _ = writer.communicate()
            print(f"writer: {out.strip()} (exit {writer.returncode})")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
