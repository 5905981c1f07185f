"""Summaries and "Ask" on real news: shape, redundancy, speed, duplicate facts, answer accuracy.

Usage: .venv/bin/python benchmarks/summaries.py [DATA_DIR]   (default /work/shared/data)

- Article summaries over the Wikinews demo corpus (no gold summaries exist): TL;DR length,
  redundancy (largest content-word Jaccard between two sentences of one summary), how often
  the TL;DR is the lead sentence, how much of the lead's content the summary keeps, speed.
- Story summaries over BASIL (stories-dev: 50 events told by 3 outlets; the gold `story`
  groups the articles here, as a benchmark may): pairs of points in one summary that state
  the same fact (content-word Jaccard >= 0.3), against "first sentence of each article".
- Ask over tests/eval/ask_gold.jsonl: top citation correct, "I don't know" precision/recall.
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from tidings.enrich.ask import answer, passages_of
from tidings.enrich.sentences import content_terms, split_sentences
from tidings.enrich.summaries import StoryArticleText, summarize_article, summarize_story

DEFAULT_DATA = Path("/work/shared/data")
GOLD = Path(__file__).resolve().parent.parent / "tests" / "eval" / "ask_gold.jsonl"
SAME_FACT = 0.3


def read_jsonl(path: Path) -> list[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def jaccard(a: str, b: str) -> float:
    x, y = set(content_terms(a)), set(content_terms(b))
    return len(x & y) / len(x | y) if x and y else 0.0


def max_overlap(sentences: list[str]) -> float:
    return max((jaccard(a, b) for a, b in combinations(sentences, 2)), default=0.0)


def article_benchmark(records: list[dict[str, str]]) -> None:
    start = time.perf_counter()
    summaries = [summarize_article(r["title"], r["text"]) for r in records]
    elapsed = time.perf_counter() - start
    done = [(r, s) for r, s in zip(records, summaries, strict=True) if s.tldr]
    leads = [split_sentences(r["text"])[0] for r, _ in done]
    n = len(done)
    lead_terms = [set(content_terms(" ".join(split_sentences(r["text"])[:3]))) for r, _ in done]
    kept = [
        len(terms & set(content_terms(s.tldr + " " + " ".join(s.points)))) / max(1, len(terms))
        for terms, (_, s) in zip(lead_terms, done, strict=True)
    ]
    print(f"article summaries: {len(records)} articles, {n} summarised")
    print(f"  TL;DR words (mean)       {sum(len(s.tldr.split()) for _, s in done) / n:.1f}")
    print(f"  points (mean)            {sum(len(s.points) for _, s in done) / n:.2f}")
    redundancy = [max_overlap([s.tldr, *s.points]) for _, s in done]
    print(f"  redundancy (mean max J)  {sum(redundancy) / n:.3f}  worst {max(redundancy):.3f}")
    same_lead = sum(
        s.tldr.endswith(lead) or lead.endswith(s.tldr)
        for lead, (_, s) in zip(leads, done, strict=True)
    )
    print(f"  TL;DR is lead sentence   {same_lead / n:.1%}")
    print(f"  lead-3 content kept      {sum(kept) / n:.1%}")
    print(f"  speed                    {len(records) / elapsed:.0f} summaries/s")


def duplicate_pairs(points: list[tuple[str, str]]) -> int:
    """Pairs of points from different articles that state the same fact."""
    return sum(
        1
        for (a, text_a), (b, text_b) in combinations(points, 2)
        if a != b and jaccard(text_a, text_b) >= SAME_FACT
    )


def story_benchmark(records: list[dict[str, str]]) -> None:
    stories: dict[str, list[dict[str, str]]] = defaultdict(list)
    for record in records:
        stories[record["story"]].append(record)
    ours = naive = corroborated = points_total = 0
    start = time.perf_counter()
    for members in stories.values():
        articles = [StoryArticleText(i, r["title"], r["text"]) for i, r in enumerate(members)]
        summary = summarize_story(articles)
        facts = [p for p in (summary.tldr, *summary.points) if p is not None]
        ours += duplicate_pairs([(str(p.article_id), p.text) for p in facts])
        corroborated += sum(bool(p.corroborated_by) for p in facts)
        points_total += len(facts)
        firsts = [(str(i), _first_body_sentence(r)) for i, r in enumerate(members)]
        naive += duplicate_pairs(firsts)
    elapsed = time.perf_counter() - start
    print(f"story summaries: {len(stories)} stories, {points_total} points")
    print(f"  same-fact pairs surviving: ours {ours}, first-sentence baseline {naive}")
    print(f"  points corroborated by another outlet {corroborated / points_total:.1%}")
    print(f"  speed {len(stories) / elapsed:.1f} stories/s")


def _first_body_sentence(record: dict[str, str]) -> str:
    """The first sentence that is not the headline repeated."""
    sentences = split_sentences(record["text"]) or [""]
    return next((s for s in sentences if s.strip() != record["title"].strip()), sentences[0])


@dataclass(frozen=True)
class AskScores:
    """Ask over the gold questions: top citations right, and "I don't know" said rightly."""

    questions: int
    answerable: int
    correct: int
    said_idk: int
    right_idk: int

    @property
    def accuracy(self) -> float:
        return self.correct / max(1, self.answerable)

    @property
    def idk_precision(self) -> float:
        return self.right_idk / max(1, self.said_idk)

    @property
    def idk_recall(self) -> float:
        return self.right_idk / max(1, self.questions - self.answerable)


def ask_scores(texts: dict[str, str], gold_path: Path = GOLD) -> AskScores:
    """Score `answer` on the gold questions, the articles' texts keyed by id."""
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
    correct = said_idk = right_idk = 0
    for case in gold:
        passages = [p for n, a in enumerate(case["article_ids"]) for p in passages_of(n, texts[a])]
        reply = answer(case["question"], passages)
        top = reply.citations[0] if reply.citations else None
        correct += bool(
            top and top.article_id == 0 and any(e in top.sentence for e in case["evidence"])
        )
        said_idk += not reply.confident
        right_idk += not reply.confident and not case["answerable"]
    answerable = sum(case["answerable"] for case in gold)
    return AskScores(len(gold), answerable, correct, said_idk, right_idk)


def ask_benchmark(records: list[dict[str, str]]) -> None:
    scores = ask_scores({r["id"]: r["text"] for r in records})
    print(f"ask: {scores.questions} questions, {scores.questions - scores.answerable} unanswerable")
    print(f"  answer accuracy (top citation correct) {scores.accuracy:.3f}")
    print(
        f"  I-don't-know precision {scores.idk_precision:.3f}  recall {scores.idk_recall:.3f}"
    )


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DATA
    demo = read_jsonl(data / "demo-news.jsonl.gz")
    article_benchmark(demo)
    story_benchmark(read_jsonl(data / "stories-dev.jsonl.gz"))
    ask_benchmark(demo)


if __name__ == "__main__":
    main()
