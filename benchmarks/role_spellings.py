"""How long the reader's pages take to spell one person's roles (`pipeline.shown_roles`).

    .venv/bin/python benchmarks/role_spellings.py

The story page spells the role of each person it lists, the entity page and the quote cards
those of each person they show, through `merge_roles` over every role the person's coverage
gives. A much-covered person's coverage spells their offices hundreds of ways; this builds
such coverages (titles, places and qualifiers drawn with random.Random(1), each spelling given
by 1 to 20 articles) and prints the time to spell one of each size.
"""

from __future__ import annotations

import random
import time
from collections import Counter

from tidings.pipeline.shown_roles import role_spellings

TITLES = ("President", "Governor", "Senator", "chairman", "leader", "spokesman", "minister",
          "coach")
BEFORE = ("former", "U.S.", "Republican", "Texas", "the", "current", "party", "deputy",
          "acting", "Foreign")
AFTER = ("of the United States", "of Texas", "at the White House")


def coverage(distinct: int, rng: random.Random) -> Counter[str]:
    """`distinct` spellings of a few offices, each with the number of articles giving it."""
    roles: Counter[str] = Counter()
    while len(roles) < distinct:
        before = rng.sample(BEFORE, rng.randint(0, 2))
        after = rng.sample(AFTER, rng.randint(0, 1))
        roles[" ".join([*before, rng.choice(TITLES), *after])] += rng.randint(1, 20)
    return roles


def main() -> None:
    rng = random.Random(1)
    role_spellings(Counter(["Indian Prime Minister"]))  # loads the country names first
    for distinct in (10, 50, 200, 400):
        roles = coverage(distinct, rng)
        start = time.perf_counter()
        offices = len(set(role_spellings(roles).values()))
        took = time.perf_counter() - start
        print(f"{distinct:4d} spellings ({sum(roles.values()):5d} article roles) -> "
              f"{offices:3d} offices shown in {took * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
