"""`tidings fetch` of hostile pages, end to end: seconds and peak memory, and where they go.

Serves the generated XSS-payload pages of `tests/xss_pages.py` (569 KB and 23 KB, the sizes
of the pages that used to hang) on a local HTTP server, runs `tidings fetch` on them against a
fresh SQLite database, prints wall time, peak RSS and what enrichment noted; then times each
analysing stage on the big page's text at the default bound.

    .venv/bin/python benchmarks/hostile_pages.py [--max-chars 100000]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from tidings.enrich.analysis import analyse
from tidings.enrich.limits import AnalysisLimits
from tidings.enrich.summaries import summarize_article
from tidings.extract.article import extract_article
from tidings.pipeline.bounds import TextBound
from xss_pages import xss_page


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """No line per request."""


def timed(label: str, work: partial[object]) -> object:
    start = time.perf_counter()
    result = work()
    print(f"  {label:<24} {time.perf_counter() - start:7.2f} s")
    return result


def fetch(folder: Path, max_chars: int) -> None:
    handler = partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    env = {**os.environ, "TIDINGS_DATABASE_URL": f"sqlite:///{folder / 'bench.db'}",
           "TIDINGS_ALLOW_PRIVATE_ADDRESSES": "true", "TIDINGS_MAX_ARTICLE_CHARS": str(max_chars)}
    tidings = [sys.executable, "-m", "tidings"]
    subprocess.run([*tidings, "init"], env=env, check=True, capture_output=True)
    start = time.perf_counter()
    done = subprocess.run([*tidings, "fetch", f"{base}/big.html", f"{base}/small.html"],
                          env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    server.shutdown()
    print(f"tidings fetch (exit {done.returncode}): {seconds:.1f} s, peak RSS {peak:.0f} MiB")
    for line in (done.stdout + done.stderr).splitlines():
        if "elapsed" not in line:
            print(f"  {line}")


def stages(page: bytes, max_chars: int) -> None:
    article = extract_article(page, "http://bench.example/big.html")
    text = TextBound(max_chars).clip(article.text)
    print(f"stages on the big page ({len(article.text):,} characters extracted, "
          f"{len(text):,} analysed):")
    timed("extract", partial(extract_article, page, "http://bench.example/big.html"))
    timed("analyse (spaCy + rules)", partial(analyse, article.title or "", text, None,
                                             AnalysisLimits()))
    timed("summarize", partial(summarize_article, article.title or "", text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-chars", type=int, default=100_000)
    args = parser.parse_args()
    big = xss_page(569_000, 8)
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "big.html").write_bytes(big)
        (Path(folder) / "small.html").write_bytes(xss_page(23_000, 9))
        fetch(Path(folder), args.max_chars)
    stages(big, args.max_chars)


if __name__ == "__main__":
    main()
