"""Body-mention tagger: a CRF over syllables that marks where each body's name starts and ends.

Issue 12. The rules find bodies with the directory (:mod:`extraction.bodies`); this tagger
learns from the gold where a lead or co-operating body is *named* in a task's text, lists
included ("các bộ, ngành, địa phương" is one mention), with the directory's spans, the
lexicon's word kinds and the cue words as features. It is trained from scratch on CPU with
underthesea_core's CRF (seconds on the dev corpus).

Training labels are weak: a gold name is looked up in its task's text (case, tone-mark
placement and abbreviations folded as the shared scorer folds them) and labelled B/I where it
occurs; a name that does not occur (inherited from a lead-in) is skipped, and a body the text
names without a role ("báo cáo Thủ tướng Chính phủ") stays O.

``cross_validate_mentions`` scores the tagger against the directory's own spans on the same
held-out sequences, fold by fold and pooled (``giaoviec evaluate --mentions``).
"""

from __future__ import annotations

import math
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from extraction.bodies import BodyDirectory, fold
from extraction.lexicon import cue_pattern
from extraction.types import Span
from models.corpus import GoldDocument, read_corpus
from models.crossval import make_folds
from models.scorer import scorer

MODEL_FILE = "mentions.crf"
BEGIN, INSIDE, OUTSIDE = "B", "I", "O"
# Syllables and single punctuation marks; whitespace (line breaks included) only separates.
TOKEN = re.compile(r"\w+|[^\w\s]")
WINDOW = 2
# Picked on cross-validation of the dev corpus (pooled F1, 5-fold / family): L2 0.01 .730/.702,
# 0.1 .746/.712, 1.0 .750/.738, 3.0 .751/.725.
L2_PENALTY = 1.0
MAX_ITERATIONS = 100
# Cue categories whose words tell where a name ends or starts: a predicate or a role word
# ("chủ trì", "phối hợp với") follows or precedes a body.
CUE_CATEGORIES = ("predicate", "support", "lead", "assign", "action", "body_head", "list_head", "np_stop")
LEXICON_KINDS = ("determiner", "unit", "qualifier", "connector", "link", "title", "list_head", "head")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Syllables and punctuation marks of ``text`` with their character offsets."""
    return [Token(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(text)]


# --- weak labels from the gold ----------------------------------------------------------------


@dataclass(slots=True)
class Sequence:
    """One task text, its tokens and the gold mentions found in it (as BIO labels too)."""

    text: str
    tokens: list[Token]
    mentions: list[Span]
    labels: list[str] = field(default_factory=list)


def _expanded_words(tokens: list[Token]) -> list[tuple[str, int]]:
    """(folded word, token index) for each word token, abbreviations written out as the scorer
    does ("UBND" → ủy, ban, nhân, dân, all pointing at the one token)."""
    score = scorer()
    words = []
    for i, token in enumerate(tokens):
        if not token.text[0].isalnum() and token.text[0] != "_":
            continue
        folded = score.norm_text(token.text)
        for word in score.ABBREV.get(folded, folded).split():
            words.append((word, i))
    return words


def _name_words(name: str) -> list[str]:
    score = scorer()
    return [w for t in score.tokens(name) for w in score.ABBREV.get(t, t).split()]


def find_name(tokens: list[Token], name: str) -> Iterator[tuple[int, int]]:
    """Every (first token, last token + 1) where ``name`` is written, punctuation ignored
    (a gold list "các bộ, ngành" matches the text's "các bộ , ngành")."""
    words = _expanded_words(tokens)
    target = _name_words(name)
    if not target:
        return
    n = len(target)
    for k in range(len(words) - n + 1):
        if [w for w, _ in words[k : k + n]] != target:
            continue
        first, last = words[k][1], words[k + n - 1][1]
        # a match must cover an abbreviation's words whole
        whole_start = k == 0 or words[k - 1][1] != first
        whole_end = k + n == len(words) or words[k + n][1] != last
        if whole_start and whole_end:
            yield first, last + 1


def gold_mentions(text: str, tokens: list[Token], names: Iterable[str]) -> list[Span]:
    """Spans where the gold ``names`` occur in ``text``: longest first, no overlaps."""
    found = {hit for name in set(names) for hit in find_name(tokens, name)}
    taken: set[int] = set()
    spans = []
    for first, end in sorted(found, key=lambda h: (h[0] - h[1], h[0])):
        if taken.isdisjoint(range(first, end)):
            taken.update(range(first, end))
            spans.append(Span(tokens[first].start, tokens[end - 1].end, "body"))
    return sorted(spans, key=lambda s: s.start)


def bio_labels(tokens: list[Token], spans: Iterable[Span]) -> list[str]:
    """B on a span's first token, I on the rest, O elsewhere."""
    labels = [OUTSIDE] * len(tokens)
    for span in spans:
        inside = [i for i, t in enumerate(tokens) if t.start >= span.start and t.end <= span.end]
        for k, i in enumerate(inside):
            labels[i] = BEGIN if k == 0 else INSIDE
    return labels


def task_sequence(task: dict[str, object]) -> Sequence | None:
    """The labelled sequence of one gold task, or None when it has no text."""
    text = str(task.get("text") or "")
    tokens = tokenize(text)
    if not tokens:
        return None
    names = [str(n) for role in ("lead", "support") for n in (task.get(role) or []) if n]  # type: ignore[union-attr]
    mentions = gold_mentions(text, tokens, names)
    return Sequence(text, tokens, mentions, bio_labels(tokens, mentions))


def training_sequences(docs: Iterable[GoldDocument]) -> list[Sequence]:
    return [seq for doc in docs for task in doc.tasks if (seq := task_sequence(task)) is not None]


# --- features -------------------------------------------------------------------------------


@cache
def _lexicon_phrases() -> dict[tuple[str, ...], frozenset[str]]:
    """Folded token tuples of lexicon.tsv → their kinds ("unit", "title", "stop", ...)."""
    text = resources.files("extraction").joinpath("data/bodies/lexicon.tsv").read_text(encoding="utf-8")
    phrases: dict[tuple[str, ...], set[str]] = {}
    for line in text.splitlines():
        cells = line.split("\t")
        if line.startswith("#") or len(cells) < 2 or cells[0] not in (*LEXICON_KINDS, "stop"):
            continue
        key = tuple(TOKEN.findall(fold(cells[1])))
        if key:
            phrases.setdefault(key, set()).add(cells[0])
    return {k: frozenset(v) for k, v in phrases.items()}


def _shape(word: str) -> str:
    if word.isdigit():
        return "digit"
    if not word[0].isalnum():
        return "punct"
    if word.isupper() and len(word) > 1:
        return "upper"
    return "cap" if word[0].isupper() else "lower"


def _directory_features(text: str, tokens: list[Token]) -> list[list[str]]:
    """dir=B / dir=I for tokens inside a span the body directory finds, with its kind."""
    out: list[list[str]] = [[] for _ in tokens]
    starts = {t.start: i for i, t in enumerate(tokens)}
    for body in _directory().find(text):
        span = body.span
        if span is None or span.start not in starts:
            continue
        known = "known" if body.in_directory else "read"
        i = starts[span.start]
        out[i] += ["dir=B", f"dir=B:{known}", f"dirkind={span.label}"]
        i += 1
        while i < len(tokens) and tokens[i].end <= span.end:
            out[i] += ["dir=I", f"dirkind={span.label}"]
            i += 1
        if i < len(tokens):
            out[i].append("dir=after")
    return out


def _lexicon_features(folded: list[str]) -> list[list[str]]:
    """lex=B:unit / lex=I:unit for every lexicon phrase that covers a token (any overlap)."""
    phrases = _lexicon_phrases()
    longest = max(len(k) for k in phrases)
    out: list[list[str]] = [[] for _ in folded]
    for i in range(len(folded)):
        for n in range(1, min(longest, len(folded) - i) + 1):
            for kind in phrases.get(tuple(folded[i : i + n]), ()):
                out[i].append(f"lex=B:{kind}")
                for k in range(i + 1, i + n):
                    out[k].append(f"lex=I:{kind}")
    return out


def _cue_features(text: str, tokens: list[Token]) -> list[list[str]]:
    """cue=B:predicate where a cue phrase starts at the token, cue=I:... inside it."""
    out: list[list[str]] = [[] for _ in tokens]
    starts = {t.start: i for i, t in enumerate(tokens)}
    for category in CUE_CATEGORIES:
        for match in cue_pattern(category).finditer(text):
            i = starts.get(match.start())
            if i is None:
                continue
            out[i].append(f"cue=B:{category}")
            i += 1
            while i < len(tokens) and tokens[i].end <= match.end():
                out[i].append(f"cue=I:{category}")
                i += 1
    return out


def token_features(text: str, tokens: list[Token]) -> list[list[str]]:
    """The CRF's features for each token of ``text``."""
    folded = [fold(t.text) for t in tokens]
    padded = ["<s>"] * WINDOW + folded + ["</s>"] * WINDOW
    directory = _directory_features(text, tokens)
    lexicon = _lexicon_features(folded)
    cues = _cue_features(text, tokens)
    rows = []
    for i, token in enumerate(tokens):
        p = i + WINDOW
        row = ["bias", f"w={folded[i]}", f"shape={_shape(token.text)}"]
        row += [f"w[{d:+d}]={padded[p + d]}" for d in range(-WINDOW, WINDOW + 1) if d]
        row += [f"w[-1:0]={padded[p - 1]}|{folded[i]}", f"w[0:1]={folded[i]}|{padded[p + 1]}"]
        row += [f"shape[-1]={_shape(tokens[i - 1].text)}" if i else "shape[-1]=<s>"]
        row += [f"shape[+1]={_shape(tokens[i + 1].text)}" if i + 1 < len(tokens) else "shape[+1]=</s>"]
        row += directory[i] + lexicon[i] + cues[i]
        row += [f"prev:{f}" for f in directory[i - 1] + cues[i - 1]] if i else []
        row += [f"next:{f}" for f in cues[i + 1]] if i + 1 < len(tokens) else []
        rows.append(row)
    return rows


@cache
def _directory() -> BodyDirectory:
    return BodyDirectory.load()


# --- training and tagging -------------------------------------------------------------------


@contextmanager
def _quiet_trainer() -> Iterator[None]:
    """The CRF trainer prints its progress from Rust, straight to file descriptors 1 and 2
    (Python's sys.stdout cannot catch it); both are pointed at /dev/null while it runs."""
    saved = [(fd, os.dup(fd)) for fd in (1, 2)]
    try:
        with open(os.devnull, "wb") as devnull:
            for fd, _ in saved:
                os.dup2(devnull.fileno(), fd)
            yield
    finally:
        for fd, copy in saved:
            os.dup2(copy, fd)
            os.close(copy)


def train_sequences(sequences: list[Sequence]) -> object:
    """A CRF model (underthesea_core.CRFModel) trained on ``sequences``."""
    import underthesea_core

    trainer = underthesea_core.CRFTrainer()
    trainer.set_l2_penalty(L2_PENALTY)
    trainer.set_max_iterations(MAX_ITERATIONS)
    features = [token_features(s.text, s.tokens) for s in sequences]
    labels = [s.labels for s in sequences]
    with _quiet_trainer():
        return trainer.train(features, labels)


def train_mention_tagger(docs: list[GoldDocument], out_dir: Path) -> Path:
    """Train the tagger on the gold tasks of ``docs``; save ``mentions.crf`` in ``out_dir``."""
    model = train_sequences(training_sequences(docs))
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / MODEL_FILE
    model.save(str(path))  # type: ignore[attr-defined]
    return path


class MentionTagger:
    """Finds body mentions in a task's text, each with the tagger's probability."""

    def __init__(self, tagger: object) -> None:
        self._tagger = tagger
        labels = list(tagger.labels())  # type: ignore[attr-defined]
        self._index = {label: labels.index(label) for label in (BEGIN, INSIDE, OUTSIDE) if label in labels}

    @classmethod
    def load(cls, out_dir: Path) -> MentionTagger:
        import underthesea_core

        tagger = underthesea_core.CRFTagger()
        tagger.load(str(Path(out_dir) / MODEL_FILE))
        return cls(tagger)

    @classmethod
    def from_model(cls, model: object) -> MentionTagger:
        import underthesea_core

        return cls(underthesea_core.CRFTagger.from_model(model))

    def _analyse(self, text: str) -> tuple[list[Token], list[str], list[list[float]]]:
        tokens = tokenize(text)
        if not tokens:
            return tokens, [], []
        features = token_features(text, tokens)
        return tokens, self._tagger.tag(features), self._tagger.marginals(features)  # type: ignore[attr-defined]

    def analyse(self, text: str) -> Analysis:
        """One pass over ``text`` whose spans can then be scored many times."""
        tokens, labels, marginals = self._analyse(text)
        return Analysis(self, tokens, labels, marginals)

    def mentions(self, text: str) -> list[tuple[Span, float]]:
        """Each predicted mention (Viterbi labels) with its ``span_probability``."""
        tokens, labels, marginals = self._analyse(text)
        return [
            (Span(tokens[i].start, tokens[j - 1].end, "body"), self._probability(marginals, i, j))
            for i, j in _label_spans(labels)
        ]

    def span_probability(self, text: str, start: int, end: int) -> float:
        """The probability that exactly ``text[start:end]`` is one mention: B at its first
        token, I on the rest, and no I right after it (product of the token marginals).
        0.0 when the span does not start and end on token boundaries."""
        return self.analyse(text).span_probability(start, end)

    def _probability(self, marginals: list[list[float]], i: int, j: int) -> float:
        b, inside = self._index.get(BEGIN), self._index.get(INSIDE)
        if b is None:
            return 0.0
        logp = math.log(max(marginals[i][b], 1e-12))
        for k in range(i + 1, j):
            logp += math.log(max(marginals[k][inside], 1e-12)) if inside is not None else -math.inf
        if j < len(marginals) and inside is not None:
            logp += math.log(max(1.0 - marginals[j][inside], 1e-12))
        return math.exp(logp)


@dataclass(frozen=True, slots=True)
class Analysis:
    """The tagger's labels and marginals for one text."""

    tagger: MentionTagger
    tokens: list[Token]
    labels: list[str]
    marginals: list[list[float]]

    def span_probability(self, start: int, end: int) -> float:
        """See :meth:`MentionTagger.span_probability`."""
        first = next((i for i, t in enumerate(self.tokens) if t.start == start), None)
        last = next((i for i, t in enumerate(self.tokens) if t.end == end), None)
        if first is None or last is None or last < first:
            return 0.0
        return self.tagger._probability(self.marginals, first, last + 1)


def _label_spans(labels: list[str]) -> list[tuple[int, int]]:
    """Token ranges [i, j) of BIO labels; an I after O starts a mention too."""
    spans, start = [], None
    for k, label in enumerate([*labels, OUTSIDE]):
        if start is not None and label != INSIDE:
            spans.append((start, k))
            start = None
        if label == BEGIN or (label == INSIDE and start is None):
            start = k
    return spans


# --- cross-validation -----------------------------------------------------------------------


@dataclass
class MentionScores:
    """Counts of mention-level matches: exact span, compared after the scorer's name folding."""

    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, gold: list[str], predicted: list[str]) -> None:
        self.true_positives += _overlap_count(gold, predicted)
        self.predicted += len(predicted)
        self.gold += len(gold)

    def __iadd__(self, other: MentionScores) -> MentionScores:
        self.true_positives += other.true_positives
        self.predicted += other.predicted
        self.gold += other.gold
        return self

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _overlap_count(gold: list[str], predicted: list[str]) -> int:
    remaining = list(gold)
    hits = 0
    for name in predicted:
        if name in remaining:
            remaining.remove(name)
            hits += 1
    return hits


@dataclass
class MentionFold:
    name: str
    sequences: int
    tagger: MentionScores
    directory: MentionScores


@dataclass
class MentionReport:
    cv: str
    folds: list[MentionFold] = field(default_factory=list)
    training_seconds: float = 0.0

    @property
    def pooled(self) -> MentionFold:
        pooled = MentionFold("pooled", 0, MentionScores(), MentionScores())
        for fold_ in self.folds:
            pooled.sequences += fold_.sequences
            pooled.tagger += fold_.tagger
            pooled.directory += fold_.directory
        return pooled


def _names(text: str, spans: Iterable[Span]) -> list[str]:
    """Spans as the scorer compares names ("Uỷ ban" = "ủy ban", "các bộ" = "bộ")."""
    norm = scorer().norm_name
    return [name for span in spans if (name := norm(span.text_of(text)))]


def score_sequences(tagger: MentionTagger, sequences: list[Sequence]) -> tuple[MentionScores, MentionScores]:
    """(tagger, directory baseline) scores on ``sequences``."""
    learned, directory = MentionScores(), MentionScores()
    for seq in sequences:
        gold = _names(seq.text, seq.mentions)
        learned.add(gold, _names(seq.text, (span for span, _ in tagger.mentions(seq.text))))
        found = (b.span for b in _directory().find(seq.text) if b.span is not None)
        directory.add(gold, _names(seq.text, found))
    return learned, directory


def cross_validate_mentions(gold: Path, cv: str = "5") -> MentionReport:
    """Train on the other folds, score each fold's task texts: the tagger and the directory's
    spans side by side (``cv``: a number of folds by document, or "family")."""
    import time

    docs = read_corpus([gold])
    report = MentionReport(cv)
    with tempfile.TemporaryDirectory(prefix="giaoviec-mentions-") as tmp:
        for fold_ in make_folds(docs, cv):
            test_names = {d.name for d in fold_.test}
            started = time.perf_counter()
            out = Path(tmp) / fold_.name
            train_mention_tagger([d for d in docs if d.name not in test_names], out)
            report.training_seconds += time.perf_counter() - started
            sequences = training_sequences(fold_.test)
            learned, directory = score_sequences(MentionTagger.load(out), sequences)
            report.folds.append(MentionFold(fold_.name, len(sequences), learned, directory))
    return report


def report_as_dict(report: MentionReport) -> dict[str, object]:
    """The report as JSON-ready figures: per fold and pooled, tagger and directory."""

    def figures(scores: MentionScores) -> dict[str, float | int]:
        return {
            "precision": round(scores.precision, 4),
            "recall": round(scores.recall, 4),
            "f1": round(scores.f1, 4),
            "gold": scores.gold,
            "predicted": scores.predicted,
        }

    rows = {row.name: {"tasks": row.sequences, "tagger": figures(row.tagger), "directory": figures(row.directory)}
            for row in [*report.folds, report.pooled]}
    return {"cv": report.cv, "training_seconds": round(report.training_seconds, 2), "folds": rows}


def format_mention_report(report: MentionReport) -> str:
    """A table: per fold and pooled, precision/recall/F1 of the tagger and the directory."""
    header = f"{'fold':<12}{'tasks':>6}{'gold':>6} | {'tagger P':>8}{'R':>7}{'F1':>7} | {'directory P':>11}{'R':>7}{'F1':>7}"
    lines = [f"body mentions, cross-validated (--cv {report.cv}); exact span after name folding", header]
    for row in [*report.folds, report.pooled]:
        t, d = row.tagger, row.directory
        lines.append(
            f"{row.name:<12}{row.sequences:>6}{t.gold:>6} | {t.precision:>8.3f}{t.recall:>7.3f}{t.f1:>7.3f}"
            f" | {d.precision:>11.3f}{d.recall:>7.3f}{d.f1:>7.3f}"
        )
    lines.append(f"training: {report.training_seconds:.1f} s over {len(report.folds)} folds")
    return "\n".join(lines) + "\n"
