"""Secrecy marks written the ways that slipped past the old check (issue 14, finding 1), and a
generator of more; shared by the extraction and the API tests."""

import unicodedata
from pathlib import Path

from hypothesis import strategies as st

SAMPLE = (Path(__file__).resolve().parents[2] / "corpus" / "samples" / "ket-luan-mau.txt").read_text(
    encoding="utf-8")
LINES = SAMPLE.splitlines()
ADDRESSEES = [f"- Ban cán sự đảng bộ, ngành số {i};" for i in range(1, 16)]


def with_line(line: str, at: int = 2) -> str:
    """The sample with ``line`` inserted before its line ``at`` (0-based)."""
    return "\n".join(LINES[:at] + [line] + LINES[at:]) + "\n"


def replaced(old: str, new: str) -> str:
    assert old in SAMPLE
    return SAMPLE.replace(old, new, 1)


# The variants of the probe (issue 14, finding 1), each a text file as uploaded.
VARIANTS = {
    "non-breaking space": with_line("TUYỆT\u00a0MẬT"),
    "double space": with_line("TUYỆT  MẬT"),
    "zero-width space": with_line("TUYỆT\u200bMẬT"),
    "zero-width space inside": with_line("TUY\u200bỆT M\u200dẬT\ufeff"),
    "trailing full stop": with_line("TUYỆT MẬT."),
    "letter (A)": with_line("TUYỆT MẬT (A)"),
    "hyphens": with_line("- TUYỆT MẬT -"),
    "hyphen between": with_line("TUYỆT-MẬT"),
    "same line as the party": replaced("ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM TUYỆT MẬT"),
    "same line, wide gap": replaced("ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM\u00a0\u00a0\u00a0 Tuyệt mật."),
    "line 17 after addressees": "\n".join(LINES[:5] + ["Kính gửi:", *ADDRESSEES, "TUYỆT MẬT"] + LINES[5:]),
    "below the body": with_line("TUYỆT MẬT", at=len(LINES) - 3),
    "decomposed marks": with_line(unicodedata.normalize("NFD", "TUYỆT MẬT")),
    "sentence case with label": with_line("Độ mật: Tuyệt mật"),
    "broken over two lines": with_line("TUYỆT\nMẬT"),
}



SPACES = ["\u0020", "\u00a0", "\u2007", "\u2009", "\u202f", "\u3000", "\t", "  ", "\u200b", "\u2060", "-", ""]
INVISIBLE = ["", "\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad", "\u2060", "\u034f"]
BEFORE = ["", "- ", "* ", "[", "(", "“", "Độ mật: ", "TÀI LIỆU ", "ĐẢNG CỘNG SẢN VIỆT NAM ",
          "ĐẢNG CỘNG SẢN VIỆT NAM | ", "Số 999-KL/TW / "]
AFTER = ["", ".", " -", "]", ")", "”", " (A)", " *", "\u00a0", " | Hà Nội, ngày 10 tháng 12 năm 2025"]
CASES = [str.upper, str.lower, str.title, lambda s: s]


@st.composite
def top_secret_variants(draw: st.DrawFn) -> str:
    """A Tuyệt mật mark written some way, at some place of the sample's header or below it."""
    case = draw(st.sampled_from(CASES))
    words = [case("tuyệt"), case("mật")]
    form = draw(st.sampled_from(["NFC", "NFD", "NFKC", "NFKD"]))
    words = [unicodedata.normalize(form, w) for w in words]
    hidden = draw(st.sampled_from(INVISIBLE))
    cut = draw(st.integers(0, len(words[0])))
    words[0] = words[0][:cut] + hidden + words[0][cut:]
    mark = words[0] + draw(st.sampled_from(SPACES)) + words[1]
    line = draw(st.sampled_from(BEFORE)) + mark + draw(st.sampled_from(AFTER))
    at = draw(st.integers(0, 6))
    padding = draw(st.integers(0, 20))
    lines = LINES[:at] + ADDRESSEES[:padding] + [line] + LINES[at:]
    return "\n".join(lines)


