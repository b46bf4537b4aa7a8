"""Which features the learned risk layer reads: character n-grams, the sentence encoder, or both.

The comparison behind `sebaya/safety/risk/model.py`. Over every training line
(`sebaya.safety.risk.training.training_lines()`: data/train, the shipped evaluation sets and
reviewed feedback; never the blind rounds), with the same multinomial logistic regression
(`model.fit`, L2 strength `training.STRENGTH`) and the same five folds (`training.fold_of`),
each line gets out-of-fold probabilities from a model that never saw it, for three feature sets:

- n-grams: character n-grams, words and word pairs of `engine.reading(text)` (tf-idf, length 1),
  as `model.build_vocabulary` and `model.matrix` build them, through `training.out_of_fold`;
- USE: the 512 numbers of the multilingual Universal Sentence Encoder (`encoder.embed`), alone;
- both side by side, what ships (`training.out_of_fold` with the embeddings, as
  `sebaya risk train` does).

The encoder vectors are computed once, in batches, and reused by every fold and feature set.
For each feature set it prints, at the thresholds `training.choose_thresholds` picks on those
out-of-fold probabilities (at most 4 % of ordinary lines flagged and 5 % of concern lines raised
to crisis, lexicon included): crisis recall, crisis lines flagged at any level, concern lines
flagged, ordinary lines flagged, concern lines raised to crisis, for the model combined with the
lexicon (as the detector combines them: the higher level) and for the model alone; and the
lexicon alone on the same lines. Then the milliseconds per single message of each feature set
(text to probabilities, one text per call, median and 95th percentile, over the shipped
evaluation lines, with models trained on every line), against the lexicon alone.

numpy runs on one thread (OMP_NUM_THREADS=1, OPENBLAS_NUM_THREADS=1, set before it is imported).

    .venv/bin/python bench/risk_models.py [--latency-lines N]

Takes about a minute and a half on 2 cores. No asserts: this prints figures.
"""

import os

# Before numpy is imported: one thread, as in bench/risk_scan.py and the encoder itself.
os.environ["OMP_NUM_THREADS"] = "1"
os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["MKL_NUM_THREADS"] = "1"

import argparse  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from scipy import sparse  # noqa: E402

from sebaya.safety.risk import engine, training  # noqa: E402
from sebaya.safety.risk import model as risk_model  # noqa: E402
from sebaya.safety.risk.encoder import embed  # noqa: E402
from sebaya.safety.risk.evaluation import SHIPPED, read_examples  # noqa: E402
from sebaya.safety.risk.lexicon import NONE  # noqa: E402

NGRAMS, ENCODER, BOTH = "n-grams", "USE", "both"
FEATURE_SETS = (NGRAMS, ENCODER, BOTH)


def softmax(logits: np.ndarray) -> np.ndarray:
    logits = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(logits)
    return exp / exp.sum(axis=1, keepdims=True)


def labels_of(levels: list[str]) -> np.ndarray:
    return np.array([risk_model.CLASSES.index(level) for level in levels], dtype=np.int64)


def fit_encoder_only(embeddings: np.ndarray, levels: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """`model.fit` on the encoder vectors alone (it takes a sparse matrix)."""
    return risk_model.fit(sparse.csr_matrix(embeddings), labels_of(levels), strength=training.STRENGTH)


def out_of_fold_encoder_only(lines: list[training.Line], embeddings: np.ndarray) -> np.ndarray:
    """As `training.out_of_fold`, with the same folds, but the encoder vectors as the only features
    (that function always builds the character n-grams)."""
    probabilities = np.zeros((len(lines), 3))
    levels = [line.level for line in lines]
    folds = np.array([training.fold_of(line.text) for line in lines])
    for fold in range(training.FOLDS):
        inside = np.flatnonzero(folds != fold)
        outside = np.flatnonzero(folds == fold)
        weights, bias = fit_encoder_only(embeddings[inside], [levels[i] for i in inside])
        probabilities[outside] = softmax(embeddings[outside] @ weights + bias)
    return probabilities


def out_of_fold(feature_set: str, lines, readings, embeddings) -> np.ndarray:
    if feature_set == NGRAMS:
        return training.out_of_fold(lines, readings, None, strength=training.STRENGTH)
    if feature_set == BOTH:
        return training.out_of_fold(lines, readings, embeddings, strength=training.STRENGTH)
    return out_of_fold_encoder_only(lines, embeddings)


def rater(feature_set: str, readings, levels, embeddings):
    """A function from one text to its (p crisis, p concern, p none), trained on every line."""
    if feature_set == ENCODER:
        weights, bias = fit_encoder_only(embeddings, levels)
        return lambda text: softmax(embed([text]).astype(np.float64) @ weights + bias)[0]
    model = risk_model.train(
        readings, levels, embeddings if feature_set == BOTH else None, strength=training.STRENGTH
    )
    return lambda text: model.probabilities_many([engine.reading(text)], [text])[0]


def timings(function, texts: list[str]) -> list[float]:
    """Milliseconds of one call per text, each text on its own."""
    result = []
    for text in texts:
        start = time.perf_counter()
        function(text)
        result.append((time.perf_counter() - start) * 1000)
    return result


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def row(label: str, figures: training.Figures, note: str = "") -> str:
    return (
        f"  {label:<22}{figures.crisis_recall:>8.3f}{figures.crisis_flagged:>9.3f}"
        f"{figures.concern_flagged:>9.3f}{figures.ordinary_flagged:>9.3f}{figures.concern_as_crisis:>9.3f}"
        f"  {note}"
    ).rstrip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--latency-lines", type=int, default=0, help="shipped lines timed per feature set (default: all)"
    )
    args = parser.parse_args()

    lines = training.training_lines()
    texts = [line.text for line in lines]
    truth = [line.level for line in lines]
    readings = [engine.reading(text) for text in texts]
    lexicon = [engine.assess(text).level for text in texts]

    start = time.perf_counter()
    embeddings = embed(texts).astype(np.float64)  # once; every fold and feature set reuses them
    embed_seconds = time.perf_counter() - start

    results = {}
    for feature_set in FEATURE_SETS:
        start = time.perf_counter()
        probabilities = out_of_fold(feature_set, lines, readings, embeddings)
        seconds = time.perf_counter() - start
        crisis, concern = training.choose_thresholds(probabilities, lexicon, truth)
        with_lexicon = training.figures(
            training.combined_levels(probabilities, lexicon, crisis, concern), truth
        )
        alone = training.figures(
            training.combined_levels(probabilities, [NONE] * len(lines), crisis, concern), truth
        )
        results[feature_set] = (crisis, concern, with_lexicon, alone, seconds)
    lexicon_alone = training.figures(lexicon, truth)

    shipped = risk_model.Model.from_file(risk_model.MODEL_FILE)
    digest = risk_model.digest([(line.level, line.text) for line in lines])

    timed = [example.text for path in SHIPPED for example in read_examples(path)]
    if args.latency_lines:
        timed = timed[: args.latency_lines]
    latency = {}
    for feature_set in FEATURE_SETS:
        rate = rater(feature_set, readings, truth, embeddings)
        for text in timed[:50]:  # warm up
            rate(text)
        latency[feature_set] = timings(rate, timed)
    for text in timed[:50]:
        engine.assess(text)
    latency["lexicon"] = timings(engine.assess, timed)

    counts = {level: truth.count(level) for level in risk_model.CLASSES}
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores,"
        " numpy on one thread"
    )
    print(
        f"{len(lines)} training lines ({counts['crisis']} crisis, {counts['concern']} concern, "
        f"{counts['none']} none), {training.FOLDS} folds, L2 strength {training.STRENGTH:g}"
    )
    print(f"encoder vectors for every line, once: {embed_seconds:.1f} s")
    print()
    print(
        "Out of fold, thresholds chosen on these probabilities "
        f"(ordinary flagged <= {training.MAX_ORDINARY_FLAGGED:.2f}, "
        f"concern to crisis <= {training.MAX_CONCERN_AS_CRISIS:.2f})"
    )
    print(f"  {'':<22}{'crisis':>8}{'crisis':>9}{'concern':>9}{'ordinary':>9}{'concern':>9}")
    print(f"  {'':<22}{'recall':>8}{'flagged':>9}{'flagged':>9}{'flagged':>9}{'>crisis':>9}")
    print(row("lexicon alone", lexicon_alone))
    for feature_set in FEATURE_SETS:
        crisis, concern, with_lexicon, alone, seconds = results[feature_set]
        print(row(f"{feature_set} + lexicon", with_lexicon, f"thresholds {crisis:.2f} / {concern:.2f}"))
        print(row(f"{feature_set} alone", alone, f"(5 fits: {seconds:.0f} s)"))
    crisis, concern = results[BOTH][:2]
    same_lines = shipped.trained_on.get("digest") == digest
    same_thresholds = (shipped.crisis_threshold, shipped.concern_threshold) == (crisis, concern)
    print(
        f"shipped model file: thresholds {shipped.crisis_threshold:.2f} / {shipped.concern_threshold:.2f}, "
        f"trained on {'these' if same_lines else 'other'} lines; "
        f"'both' here {'gives the same thresholds' if same_thresholds else 'gives other thresholds'}"
    )
    print()
    lexicon_median = statistics.median(latency["lexicon"])
    print(f"One message at a time, text to probabilities ({len(timed)} shipped lines, ms)")
    print(f"  {'':<22}{'median':>8}{'p95':>9}{'/ lexicon':>11}")
    for name in (*FEATURE_SETS, "lexicon"):
        values = latency[name]
        median = statistics.median(values)
        label = "lexicon alone" if name == "lexicon" else name
        print(f"  {label:<22}{median:>8.3f}{percentile(values, 0.95):>9.3f}{median / lexicon_median:>11.1f}")


if __name__ == "__main__":
    main()
