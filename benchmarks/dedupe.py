"""Near-duplicate detection on a synthetic stream with known copies and known non-copies.

The stream is demo-corpus articles in date order. Some get lightly edited copies a little
later (new headline, a sentence dropped or added, neighbouring words swapped, a boilerplate
credit line, or several of these); some get "follow-ups" that reuse one background paragraph of
the original under new text, which must not count as copies. Prints precision and recall.

    python benchmarks/dedupe.py [--articles 2000] [--copies 400] [--sweep]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tidings.dedupe.near import NearDuplicateIndex, NearDuplicateOptions, shingles

DATA = Path("/work/shared/data/demo-news.jsonl.gz")
BOILERPLATE = "Copyright 2008 The Associated Press. All rights reserved. This material may not be "
"published, broadcast, rewritten or redistributed."
SENTENCE = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Item:
    text: str
    copy_of: int | None
    kind: str


def drop_sentence(text: str, rng: random.Random, other: str) -> str:
    parts = SENTENCE.split(text)
    if len(parts) > 3:
        del parts[rng.randrange(1, len(parts))]
    return " ".join(parts)


def add_sentence(text: str, rng: random.Random, other: str) -> str:
    parts = SENTENCE.split(text)
    parts.insert(rng.randrange(len(parts) + 1), rng.choice(SENTENCE.split(other)))
    return " ".join(parts)


def swap_words(text: str, rng: random.Random, other: str) -> str:
    words = text.split(" ")
    for _ in range(max(1, len(words) // 40)):
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def boilerplate(text: str, rng: random.Random, other: str) -> str:
    return f"{text}\n\n{BOILERPLATE}"


EDITS: dict[str, Callable[[str, random.Random, str], str]] = {
    "drop-sentence": drop_sentence,
    "add-sentence": add_sentence,
    "swap-words": swap_words,
    "boilerplate": boilerplate,
}


def make_copy(text: str, rng: random.Random, other: str) -> tuple[str, str]:
    if rng.random() < 0.3:
        for edit in EDITS.values():
            text = edit(text, rng, other)
        return text, "all-four-edits"
    kind = rng.choice(list(EDITS))
    return EDITS[kind](text, rng, other), kind


def follow_up(text: str, other: str) -> str:
    """New text (from outside the stream) ending with the original's last paragraph."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return f"{other}\n\n{paragraphs[-1]}"


def build_stream(articles: int, copies: int, seed: int = 5) -> list[Item]:
    """Originals in date order, each extra placed a few articles after its original.

    `copy_of` is the stream position of the copied original.
    """
    rng = random.Random(seed)
    with gzip.open(DATA, "rt", encoding="utf-8") as handle:
        everything = [json.loads(line) for line in handle]
    rows, unseen = everything[:articles], everything[articles:]
    extras: dict[int, list[tuple[int, str, str]]] = {}
    for original in rng.sample(range(articles), copies):
        other = unseen.pop(rng.randrange(len(unseen)))["text"]
        if rng.random() < 0.25:
            extra = (original, follow_up(rows[original]["text"], other), "follow-up")
        else:
            extra = (original, *make_copy(rows[original]["text"], rng, other))
        extras.setdefault(min(original + rng.randrange(4), articles - 1), []).append(extra)
    stream: list[Item] = []
    position: dict[int, int] = {}
    for index, row in enumerate(rows):
        position[index] = len(stream)
        stream.append(Item(row["text"], None, "original"))
        for original, text, kind in extras.get(index, []):
            copy_of = None if kind == "follow-up" else position[original]
            stream.append(Item(text, copy_of, kind))
    return stream


def exact_jaccard(a: str, b: str) -> float:
    """Jaccard similarity of 3-word shingle sets: the demo corpus has a few real copies."""
    one, other = shingles(a, 3), shingles(b, 3)
    return len(one & other) / len(one | other) if one | other else 0.0


def evaluate(
    stream: list[Item], options: NearDuplicateOptions
) -> tuple[float, float, float, Counter[str], Counter[str]]:
    """Precision, recall, texts per second, missed copies and false alarms by kind."""
    index = NearDuplicateIndex(options)
    true_pos = false_pos = 0
    missed: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    start = time.perf_counter()
    for position, item in enumerate(stream):
        found = index.add(position, item.text)
        if (
            found
            and item.copy_of is not None
            and found.canonical_id == index.canonical_of(item.copy_of)
        ):
            true_pos += 1
        elif found and exact_jaccard(item.text, stream[found.canonical_id].text) >= 0.8:
            wrong["already-in-corpus (not counted)"] += 1
        elif found:
            false_pos += 1
            wrong[item.kind] += 1
        elif item.copy_of is not None:
            missed[item.kind] += 1
    rate = len(stream) / (time.perf_counter() - start)
    copies = sum(item.copy_of is not None for item in stream)
    precision = true_pos / (true_pos + false_pos) if true_pos + false_pos else 1.0
    return precision, true_pos / copies, rate, missed, wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--copies", type=int, default=400)
    parser.add_argument("--sweep", action="store_true", help="try shingle sizes and thresholds")
    args = parser.parse_args()
    stream = build_stream(args.articles, args.copies)
    kinds = Counter(item.kind for item in stream)
    print(f"stream: {len(stream)} texts; {dict(kinds)}")
    settings = [NearDuplicateOptions()]
    if args.sweep:
        settings = [
            NearDuplicateOptions(threshold=t, shingle_size=k)
            for k in (2, 3, 4, 5)
            for t in (0.3, 0.4, 0.5, 0.6, 0.7)
        ]
    for options in settings:
        precision, recall, rate, missed, wrong = evaluate(stream, options)
        print(
            f"shingle {options.shingle_size} threshold {options.threshold:.1f}: precision"
            f" {precision:.3f} recall {recall:.3f} ({rate:.0f} texts/s)"
            f" missed {dict(missed)} false {dict(wrong)}"
        )


if __name__ == "__main__":
    main()
