"""Model versions on disk and which one is active — cheap to import (no spaCy, no torch).

Layout::

    models/
      ACTIVE                 one line: the active version (absent: rules only)
      <version>/meta.json    what trained it, on which data, how it scored
      <version>/task_detector/  <version>/role_classifier/   the trained components
      <version>/mentions.crf the body-mention tagger (models/mentions.py; its pipeline part is
                             not in the shipped models/pipeline.cfg)
      cards/<version>.md     the model card

The pipeline reads :func:`active_version` to record, in every proposal, which model made it.
``GIAOVIEC_MODELS_DIR`` moves the folder (tests use a temporary one).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.errors import UnknownVersion

PACKAGE_DIR = Path(__file__).resolve().parent
ACTIVE_FILE = "ACTIVE"
VERSION = re.compile(r"^v\d{3,}$")


def models_dir() -> Path:
    """The folder that holds the model versions (``GIAOVIEC_MODELS_DIR`` or ``models/``)."""
    configured = os.environ.get("GIAOVIEC_MODELS_DIR")
    return Path(configured) if configured else PACKAGE_DIR


def active_version(root: Path | None = None) -> str | None:
    """The active model version, or None when the pipeline runs on rules only.

    Reads one small file; safe to call for every proposal.
    """
    path = (root or models_dir()) / ACTIVE_FILE
    try:
        version = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    return version or None


def active_model_dir(root: Path | None = None) -> Path | None:
    """The folder of the active model, or None."""
    version = active_version(root)
    return (root or models_dir()) / version if version else None


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """One trained model version as ``giaoviec models list`` shows it."""

    version: str
    path: Path
    meta: dict[str, Any]
    active: bool


def version_dir(version: str, root: Path | None = None) -> Path:
    """The folder of ``version``; UnknownVersion when there is none."""
    root = root or models_dir()
    path = root / version
    if not VERSION.match(version) or not (path / "meta.json").is_file():
        known = ", ".join(v.version for v in list_versions(root)) or "none yet"
        raise UnknownVersion(f"no model version {version!r} in {root} (known: {known}); train one with giaoviec train")
    return path


def read_meta(version: str, root: Path | None = None) -> dict[str, Any]:
    meta: dict[str, Any] = json.loads((version_dir(version, root) / "meta.json").read_text("utf-8"))
    return meta


def list_versions(root: Path | None = None) -> list[ModelInfo]:
    """Every trained version, oldest first."""
    root = root or models_dir()
    active = active_version(root)
    found = []
    for path in sorted(root.glob("v*/meta.json")):
        version = path.parent.name
        if VERSION.match(version):
            meta = json.loads(path.read_text(encoding="utf-8"))
            found.append(ModelInfo(version, path.parent, meta, version == active))
    return found


def next_version(root: Path | None = None) -> str:
    """The name for the next trained model: v001, v002, ..."""
    numbers = [int(info.version[1:]) for info in list_versions(root)]
    return f"v{max(numbers, default=0) + 1:03d}"


def set_active(version: str | None, root: Path | None = None) -> None:
    """Record ``version`` as active (None: back to rules only)."""
    root = root or models_dir()
    path = root / ACTIVE_FILE
    if version is None:
        path.unlink(missing_ok=True)
        return
    version_dir(version, root)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(version + "\n", encoding="utf-8")
    tmp.replace(path)


PIPELINE_FILE = "pipeline.cfg"
LEARNED_PARTS = {
    "task": "giaoviec_task_detector_v1",
    "role": "giaoviec_role_classifier_v1",
    "confidence": "giaoviec_confidence_v1",
    "mentions": "giaoviec_mention_tagger_v1",
    "deadline": "giaoviec_deadline_attacher_v1",
}
ALL_PARTS = tuple(LEARNED_PARTS)


def pipeline_text(
    model_dir: Path | None = None, *, parts: tuple[str, ...] = ALL_PARTS
) -> str:
    """The config of the pipeline with a model: ``models/pipeline.cfg`` (or the version's own
    copy), keeping only the learned ``parts`` asked for; the confidence component only when the
    version has a calibration (versions before v002 have none)."""
    config = _read_config(model_dir)
    keep = {LEARNED_PARTS[p] for p in parts}
    if model_dir is None or not (model_dir / "calibration.json").is_file():
        keep.discard(LEARNED_PARTS["confidence"])
    if model_dir is None or not (model_dir / "mentions.crf").is_file():
        keep.discard(LEARNED_PARTS["mentions"])  # versions before v006 have no tagger
    if model_dir is None or not (model_dir / "deadline_attacher").is_dir():
        keep.discard(LEARNED_PARTS["deadline"])  # versions before v007 have no attacher
    learned = set(LEARNED_PARTS.values())
    names = [n for n in config["nlp"]["pipeline"] if config["components"][n]["factory"] not in learned - keep]
    config["nlp"]["pipeline"] = names
    config["components"] = {n: config["components"][n] for n in names}
    return str(config.to_str())


def configured_parts(model_dir: Path | None = None) -> set[str]:
    """The learned parts the pipeline config names (``models/pipeline.cfg`` or the version's
    own copy), whether or not the version has what they need."""
    config = _read_config(model_dir)
    factories = {config["components"][n]["factory"] for n in config["nlp"]["pipeline"]}
    return {part for part, factory in LEARNED_PARTS.items() if factory in factories}


def _read_config(model_dir: Path | None) -> Any:
    from thinc.api import Config

    own = model_dir / PIPELINE_FILE if model_dir is not None else None
    source = own if own is not None and own.is_file() else PACKAGE_DIR / PIPELINE_FILE
    return Config().from_str(source.read_text(encoding="utf-8"))


def pipeline_config(
    model_dir: Path | None = None, *, parts: tuple[str, ...] = ALL_PARTS
) -> Any:
    """The extraction config that runs the model in ``model_dir`` (default: the active one).

    With no model, the rules-only default. ``parts`` keeps only some learned components
    ("task": the task detector, "role": the role classifier, "confidence": the calibration),
    for ablations. Importing ``models.components`` here registers their spaCy factories.
    """
    from extraction.pipeline import PipelineConfig

    model_dir = model_dir if model_dir is not None else active_model_dir()
    if model_dir is None:
        return PipelineConfig()
    from models import components as _factories  # noqa: F401  (registers the model factories)

    return PipelineConfig(
        pipeline=pipeline_text(model_dir, parts=parts), model_dir=str(model_dir), model_version=model_dir.name
    )
