"""Language check: refuse documents that are not Vietnamese before any rule runs on them.

Two cheap statistics that together separate Vietnamese from everything else: the share of
letters that carry Vietnamese diacritics (almost every other syllable has one) and the share of
words that are among the most common Vietnamese syllables ("của", "và", "các", "được"...).
English has neither; French has some marked letters but none of the syllables; text in a
legacy font encoding (TCVN3, VNI) decoded as Unicode has neither.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from extraction.errors import NotVietnamese

# Combining marks that Vietnamese letters decompose into (NFD): grave, acute, circumflex,
# tilde, breve, hook above, horn, dot below.
_VIETNAMESE_MARKS = frozenset("\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323")
_VOWELS = frozenset("aeiouy")
# The most frequent syllables of Vietnamese administrative prose (function words first).
COMMON_SYLLABLES = frozenset(
    """
    của và các được theo với cho trong những có không là để này đã sẽ về tại từ một đến khi
    thì cũng phải hoặc như sau trước đối còn nhất hơn lại ra vào bị do nên mà nếu đó đây
    người việc nhà nước năm ngày tháng thực hiện công tác quản lý trên địa bàn tỉnh huyện xã
    sở ban ngành đơn vị cơ quan chủ trì phối hợp tổ chức triển khai báo cáo kiểm tra tăng
    cường nhân dân ủy uỷ hội đồng chính phủ bộ liên trách nhiệm vụ kế hoạch quy định pháp
    luật văn bản chỉ đạo yêu cầu đề nghị số bảo đảm phát triển kinh tế xây dựng thời gian
    tiếp tục thông tin hướng dẫn giải quyết kết quả đầu tư
    """.split()
)
_WORD = re.compile(r"[^\W\d_]+")

# Thresholds measured on shared/corpus/dev (all documents score far above them) and on
# English and French prose (far below); see tests/extraction/test_language.py.
MIN_MARKED_SHARE = 0.12
MIN_COMMON_SHARE = 0.15
# Below this many words the common-syllable share is noisy: one common word is enough.
_FEW_WORDS = 12


@dataclass(frozen=True, slots=True)
class LanguageScores:
    """``marked``: share of letters with a Vietnamese diacritic (or đ); ``common``: share of
    words among ``COMMON_SYLLABLES``."""

    marked: float
    common: float
    words: int


def score_vietnamese(text: str) -> LanguageScores:
    """Measure how Vietnamese a text looks.

    Example: "Giao Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan." scores about
    0.3 marked and 0.5 common.
    """
    words = _WORD.findall(unicodedata.normalize("NFC", text).lower())
    letters = sum(len(word) for word in words)
    marked = sum(1 for word in words for char in word if _is_vietnamese_letter(char))
    common = sum(1 for word in words if word in COMMON_SYLLABLES)
    return LanguageScores(
        marked=marked / max(letters, 1), common=common / max(len(words), 1), words=len(words)
    )


def is_vietnamese(text: str) -> bool:
    """Whether the text is Vietnamese by ``score_vietnamese`` and the thresholds above."""
    scores = score_vietnamese(text)
    if scores.words == 0:
        return False
    if scores.words < _FEW_WORDS:
        return scores.marked >= MIN_MARKED_SHARE and scores.common > 0
    return scores.marked >= MIN_MARKED_SHARE and scores.common >= MIN_COMMON_SHARE


def ensure_vietnamese(text: str, *, tried: tuple[str, ...] = ()) -> None:
    """Raise NotVietnamese unless the text is Vietnamese; ``tried`` names what reading did
    beyond the file's own text (OCR, a legacy font conversion), for the message."""
    if not is_vietnamese(text):
        after = f" after {'; '.join(tried)}" if tried else ""
        raise NotVietnamese(
            f"the document does not look like Vietnamese text{after} (too few Vietnamese "
            "diacritics and common words); check that it is the right file, and if it was "
            "typed in an old font other than TCVN3 (.VnTime) or VNI convert it to Unicode first"
        )


@lru_cache(maxsize=4096)
def _is_vietnamese_letter(char: str) -> bool:
    # Cached: a text has a few hundred distinct letters, and a 1 MB upload has a million.
    if char == "đ":
        return True
    decomposed = unicodedata.normalize("NFD", char)
    return (
        len(decomposed) > 1
        and decomposed[0] in _VOWELS
        and all(mark in _VIETNAMESE_MARKS for mark in decomposed[1:])
    )
