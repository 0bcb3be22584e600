"""A Tuyệt mật document goes nowhere outside the service either (issue 14, finding 1): the CLI,
the Label Studio push and training refuse it before anything is sent or stored."""

import json
from pathlib import Path

import pytest

from extraction.errors import TopSecret
from models.corpus import read_corpus
from models.labelstudio import Connection, push

SAMPLE = Path(__file__).resolve().parents[2] / "corpus" / "samples" / "ket-luan-mau.txt"
# Same line as the party's name, with a non-breaking space and a full stop: missed before.
MARKED = SAMPLE.read_text(encoding="utf-8").replace(
    "ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM\u00a0\u00a0TUYỆT MẬT.", 1)


@pytest.fixture
def marked_file(tmp_path: Path) -> Path:
    path = tmp_path / "ket-luan-tuyet-mat.txt"
    path.write_text(MARKED, encoding="utf-8")
    return path


def test_top_secret_refused_by_the_cli(run_cli, marked_file):
    result = run_cli("extract", str(marked_file), "--format", "json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "E010" in result.stderr and "Tuyệt mật" in result.stderr


def test_top_secret_refused_before_label_studio_is_reached(marked_file, tmp_path):
    plain = tmp_path / "ket-luan.txt"
    plain.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    # Nothing listens on port 9: reaching Label Studio would fail with another error.
    with pytest.raises(TopSecret):
        push(Connection("http://127.0.0.1:9", "token"), [plain, marked_file])


def test_top_secret_refused_when_the_training_corpus_is_read(marked_file):
    gold = marked_file.with_name(marked_file.stem + ".gold.json")
    gold.write_text(json.dumps({"document": {}, "tasks": []}), encoding="utf-8")
    with pytest.raises(TopSecret, match="ket-luan-tuyet-mat.txt"):
        read_corpus([marked_file.parent])
