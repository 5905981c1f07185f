"""How long hostile documents take to parse or refuse, and what an OPML import costs.

Parses every feed of the hostile corpus (tests/fixtures/hostile/make_corpus.py) and the
worst cases the bounds allow: a feed just under ``MAX_ELEMENTS`` elements, one far over it,
5 MB of markup in CDATA, JSON nested 10^6 deep, and an OPML file of N outlines imported into a
fresh SQLite database (the import subscribes to ``max_opml_feeds`` of them).

    python benchmarks/hostile_input.py --outlines 100000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tidings import pipeline
from tidings.config import Settings
from tidings.ingest.feeds import FeedParseError, parse_feed
from tidings.ingest.xmlsafety import MAX_ELEMENTS
from tidings.store.engine import make_engine, migrate

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from fixtures.hostile.make_corpus import build

BASE = "http://bench.example"


def timed(action: Callable[[], object]) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        result = action()
        outcome = f"ok ({len(getattr(result, 'entries', ()))} items)"
    except FeedParseError as exc:
        outcome = str(exc)[:80]
    return time.perf_counter() - start, outcome


def rss(items: str) -> bytes:
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}'
            "</channel></rss>").encode()


def worst_cases() -> dict[str, bytes]:
    under = MAX_ELEMENTS - 10
    return {
        f"{under:,} elements": rss("<item><link>http://a.example/</link>"
                                   + "<category>c</category>" * under + "</item>"),
        "3,000,000 elements": rss("<b/>" * 3_000_000),
        "5 MB of markup in CDATA": rss("<item><link>http://a.example/</link><description>"
                                       "<![CDATA[" + "<b><i>x</i></b>" * 350_000
                                        + "]]></description></item>"),
        "JSON nested 1,000,000 deep": (b'{"version": "https://jsonfeed.org/version/1", "items": '
                                       + b"[" * 1_000_000 + b"]" * 1_000_000 + b"}"),
    }


def opml_import(outlines: int) -> str:
    body = "".join(f'<outline text="F{n}" xmlUrl="https://f{n}.example/rss"/>'
                   for n in range(outlines))
    content = f'<opml version="2.0"><body>{body}</body></opml>'.encode()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        engine = make_engine(url, create=True)
        migrate(engine)
        settings = Settings(database_url=url)
        start = time.perf_counter()
        result = pipeline.import_opml(engine, settings, content)
        seconds = time.perf_counter() - start
        engine.dispose()
    return (f"{outlines:,} outlines: {len(result.added):,} subscribed, "
            f"{len(result.skipped)} lines skipped, in {seconds:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outlines", type=int, default=100_000)
    args = parser.parse_args()
    print("hostile corpus")
    for case in build().feeds:
        body = case.body.replace("{{site}}", BASE).encode()
        seconds, outcome = timed(lambda body=body, path=case.path: parse_feed(body, BASE + path))
        print(f"  {case.name:34} {seconds * 1000:8.1f} ms  {outcome}")
    print("worst cases within and past the bounds")
    for name, body in worst_cases().items():
        seconds, outcome = timed(lambda body=body: parse_feed(body, BASE + "/feed"))
        print(f"  {name:34} {seconds * 1000:8.1f} ms  {outcome}  ({len(body) / 1e6:.1f} MB)")
    print("OPML import")
    print(f"  {opml_import(args.outlines)}")


if __name__ == "__main__":
    main()
