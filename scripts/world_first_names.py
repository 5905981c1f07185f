"""Write src/tidings/enrich/data/world_first_names.txt from the names-dataset package.

    pip install names-dataset==3.3.1 && python scripts/world_first_names.py

names-dataset (Philippe Remy, Apache-2.0) ranks the first names of 106 countries by how many
people bear them; loading it takes about 900 MB and 20 s, too much for every enrichment
process, so the stage reads this file instead: every first name among the `RANK` commonest
of at least one country, one a line, sorted.
"""

from __future__ import annotations

import gzip
import pickle
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

RANK = 300
OUT = Path(__file__).resolve().parents[1] / "src" / "tidings" / "enrich" / "data"


def main() -> None:
    data = files("names_dataset") / "v3" / "first_names.pkl.gz"
    with gzip.open(str(data), "rb") as handle:
        names: dict[str, dict] = pickle.load(handle)
    kept = sorted(
        name for name, info in names.items()
        if info["rank"] and min(info["rank"].values()) <= RANK and name.isalpha()
        and len(name) > 1
    )
    header = f"# names-dataset {version('names-dataset')}: first names ranked <= {RANK} somewhere"
    (OUT / "world_first_names.txt").write_text("\n".join([header, *kept]) + "\n", encoding="utf-8")
    print(f"{len(kept)} names")


if __name__ == "__main__":
    main()
