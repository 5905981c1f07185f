"""Extraction quality and speed on the dev set: plain trafilatura (reference settings) vs ours.

Usage: .venv/bin/python benchmarks/extraction.py [DATA_DIR]
(default /work/shared/data/extraction-dev). Micro P/R/F1 over bags of whitespace tokens.
"""

from __future__ import annotations

import gzip
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura

from tidings.extract import ExtractionError, extract_article

DEFAULT_DATA = Path("/work/shared/data/extraction-dev")


def load_pages(folder: Path) -> list[tuple[str, str]]:
    """(html, gold text) for every id in ids.txt."""
    ids = (folder / "ids.txt").read_text().split()
    return [
        (
            gzip.decompress((folder / f"{name}.html.gz").read_bytes()).decode("utf-8"),
            (folder / f"{name}.txt").read_text(encoding="utf-8"),
        )
        for name in ids
    ]


def reference(html: str) -> str:
    """Plain trafilatura with the reference settings."""
    return trafilatura.extract(html, include_comments=False, favor_precision=True) or ""


def ours(html: str) -> str:
    """Our extractor's text; an empty string where it finds none."""
    try:
        return extract_article(html).text
    except ExtractionError:
        return ""


def evaluate(
    extractor: Callable[[str], str], pages: list[tuple[str, str]]
) -> tuple[float, float, float, float]:
    """Micro precision, recall, F1 and pages per second."""
    outputs, start = [], time.perf_counter()
    for html, _ in pages:
        outputs.append(extractor(html))
    speed = len(pages) / (time.perf_counter() - start)
    found = wanted = shared = 0
    for output, (_, gold) in zip(outputs, pages, strict=True):
        got, want = Counter(output.split()), Counter(gold.split())
        found, wanted = found + got.total(), wanted + want.total()
        shared += (got & want).total()
    precision, recall = shared / max(found, 1), shared / max(wanted, 1)
    return precision, recall, 2 * precision * recall / max(precision + recall, 1e-9), speed


def main() -> None:
    pages = load_pages(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DATA)
    results = {
        name: evaluate(extractor, pages)
        for name, extractor in (("trafilatura", reference), ("tidings", ours))
    }
    print(f"{len(pages)} pages")
    for name, (precision, recall, f1, speed) in results.items():
        print(f"{name:12} P {precision:.4f}  R {recall:.4f}  F1 {f1:.4f}  {speed:6.1f} pages/s")
    ratio = results["tidings"][3] / results["trafilatura"][3]
    print(f"speed ratio tidings/trafilatura: {ratio:.2f}")


if __name__ == "__main__":
    main()
