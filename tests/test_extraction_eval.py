"""Eval gate: our main text on the real dev pages must not fall below the pinned F1 floor."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections import Counter
from pathlib import Path

import pytest

from tidings.extract import ExtractionError, extract_article

FLOOR = json.loads((Path(__file__).parent / "eval" / "extraction_floor.json").read_text())
DATA = Path(os.environ.get("TIDINGS_EXTRACTION_DEV", "/work/shared/data/extraction-dev"))


def corpus_ids() -> list[str]:
    ids_file = DATA / "ids.txt"
    if not ids_file.is_file():
        pytest.skip(f"extraction dev set not found at {DATA} (set TIDINGS_EXTRACTION_DEV)")
    if hashlib.sha256(ids_file.read_bytes()).hexdigest() != FLOOR["ids_sha256"]:
        pytest.skip(f"{ids_file} differs from the corpus the floor was pinned on; re-measure")
    return ids_file.read_text().split()


def extracted_text(name: str) -> str:
    html = gzip.decompress((DATA / f"{name}.html.gz").read_bytes()).decode("utf-8")
    try:
        return extract_article(html).text
    except ExtractionError:
        return ""


def test_extraction_f1_stays_above_floor():
    ids = corpus_ids()
    found = wanted = shared = 0
    for name in ids:
        got = Counter(extracted_text(name).split())
        want = Counter((DATA / f"{name}.txt").read_text(encoding="utf-8").split())
        found, wanted = found + got.total(), wanted + want.total()
        shared += (got & want).total()
    precision, recall = shared / found, shared / wanted
    f1 = 2 * precision * recall / (precision + recall)
    assert len(ids) == FLOOR["pages"]
    assert f1 >= FLOOR["floor_f1"], f"F1 {f1:.4f} (P {precision:.4f} R {recall:.4f}) < floor"
