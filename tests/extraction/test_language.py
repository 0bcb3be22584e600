"""Language check: every dev document and short Vietnamese notes pass; other languages fail."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from extraction.errors import NotVietnamese
from extraction.language import ensure_vietnamese, is_vietnamese, score_vietnamese

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev"
TEXTS = sorted(CORPUS.glob("*.txt"))

ENGLISH = (
    "The Provincial People's Committee requests the Department of Finance to coordinate "
    "with the relevant agencies to review the budget and to report before 15 March 2026. "
    "All departments shall carry out these tasks and report any difficulties."
)
FRENCH = (
    "Le comité populaire provincial demande au département des finances de coordonner "
    "l'examen du budget avec les organismes concernés et de faire rapport avant le 15 mars. "
    "Tous les départements exécuteront ces tâches et signaleront les difficultés éventuelles."
)
# Vietnamese typed in the legacy TCVN3 (.VnTime) font encoding, read as if it were Unicode.
TCVN3 = (
    "UBND tØnh Lµo Cai yªu cÇu c¸c së, ngµnh thùc hiÖn nghiªm tóc c¸c nhiÖm vô ®­îc "
    "giao theo quy ®Þnh cña ph¸p luËt hiÖn hµnh vµ b¸o c¸o kÕt qu¶ tr­íc ngµy 15/3."
)


def _random_text(seed: int) -> str:
    generator = random.Random(seed)
    return bytes(generator.randrange(32, 256) for _ in range(3000)).decode("cp1258", "replace")


@pytest.mark.corpus
@pytest.mark.parametrize("path", TEXTS, ids=[path.name for path in TEXTS])
def test_language_accepts_every_dev_document(path: Path) -> None:
    ensure_vietnamese(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "text",
    [
        "Giao Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan.",
        "Kính gửi: Sở Y tế",
        "UBND tỉnh yêu cầu Sở Y tế báo cáo trước ngày 15/3/2025.",
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Thành Sinh",
        "1. Sở Công Thương\na) Rà soát các quy định hiện hành về quản lý vật liệu nổ.\n"
        "b) Tăng cường công tác kiểm tra, giám sát trên địa bàn tỉnh.",
    ],
)
def test_language_accepts_short_vietnamese(text: str) -> None:
    ensure_vietnamese(text)


@pytest.mark.parametrize(
    "text",
    [ENGLISH, FRENCH, TCVN3, _random_text(1), _random_text(2), "", "12/3/2025 - 45 / 67"],
    ids=["english", "french", "tcvn3", "random-1", "random-2", "empty", "digits"],
)
def test_language_rejects_other_text(text: str) -> None:
    with pytest.raises(NotVietnamese) as error:
        ensure_vietnamese(text)
    assert "Unicode" in error.value.message


def test_language_mixed_document_counts_its_majority() -> None:
    vietnamese = (CORPUS / "local-f01.txt").read_text(encoding="utf-8") if TEXTS else ""
    if not vietnamese:
        pytest.skip("needs shared/corpus/dev")
    assert is_vietnamese(vietnamese + "\n" + ENGLISH * 3)
    assert not is_vietnamese(vietnamese[:300] + "\n" + ENGLISH * 30)


def test_language_scores() -> None:
    scores = score_vietnamese("Giao Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan.")
    assert scores.words == 14
    assert 0.2 < scores.marked < 0.4
    assert scores.common > 0.5
    assert score_vietnamese(ENGLISH).marked == 0
