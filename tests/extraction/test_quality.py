"""The one-lead check and the six clear flags (Kết luận 226-KL/TW), each with its evidence."""

from datetime import date

import pytest

from extraction.quality import find_product, quality_flags
from extraction.types import Body, Deadline, DeadlineKind


def _flags(
    text, lead=("Bộ Tài chính",), deadline=None, issuer="Thủ tướng Chính phủ", in_directory=True
):
    bodies = tuple(Body(name, in_directory=in_directory) for name in lead)
    deadline = deadline or Deadline.none()
    flags = quality_flags(
        text, lead=bodies, deadline=deadline, issuer=issuer, product=find_product(text)
    )
    return {f.name: f for f in flags}


def test_quality_all_clear_for_a_well_formed_task():
    flags = _flags(
        "Bộ Tài chính chủ trì xây dựng Đề án phát triển thị trường các-bon, trình Thủ tướng Chính phủ trước ngày 25/6/2026.",
        deadline=Deadline("trước ngày 25/6/2026", DeadlineKind.DATE, date(2026, 6, 25)),
    )
    assert all(f.ok for f in flags.values()), flags
    assert flags["when"].words == "trước ngày 25/6/2026"
    assert flags["product"].words == "Đề án phát triển thị trường các-bon"
    assert flags["responsibility"].words == "chủ trì"


def test_quality_two_leads_or_none_fail_one_lead():
    assert not _flags("Thống nhất nội dung dự thảo.", lead=("Bộ Tài chính", "Bộ Tư pháp"))[
        "one_lead"
    ].ok
    flags = _flags("Thống nhất nội dung dự thảo.", lead=())
    assert not flags["one_lead"].ok and not flags["who"].ok


def test_quality_standing_duty_is_clear_in_time_without_a_date():
    assert _flags("Văn phòng Trung ương Đảng có trách nhiệm hướng dẫn thực hiện Quy định này.")[
        "when"
    ].ok
    assert not _flags("Tăng cường công tác tuyên truyền pháp luật.")["when"].ok


def test_quality_province_cannot_assign_to_a_ministry():
    flags = _flags(
        "Bộ Công Thương kiểm tra các dự án.",
        lead=("Bộ Công Thương",),
        issuer="Ủy ban nhân dân tỉnh Lào Cai",
    )
    assert not flags["authority"].ok
    assert "Bộ Công Thương" in flags["authority"].words
    asked = _flags(
        "Đề nghị Bộ Công Thương kiểm tra các dự án.",
        lead=("Bộ Công Thương",),
        issuer="Ủy ban nhân dân tỉnh Lào Cai",
    )
    assert asked["authority"].ok and asked["authority"].words == "Đề nghị"


def test_quality_name_outside_the_directory_is_flagged():
    flags = _flags(
        "Ban quản lý dự án X chủ trì rà soát.", lead=("Ban quản lý dự án X",), in_directory=False
    )
    assert not flags["lead_in_directory"].ok
    assert flags["lead_in_directory"].words == "Ban quản lý dự án X"


@pytest.mark.parametrize(
    ("text", "product"),
    [
        (
            "Chủ trì xây dựng Đề án kiện toàn tổ chức bộ máy, trình Thủ tướng Chính phủ.",
            "Đề án kiện toàn tổ chức bộ máy",
        ),
        (
            "Khẩn trương ban hành các văn bản hướng dẫn thi hành Luật.",
            "văn bản hướng dẫn thi hành Luật",
        ),
        ("Cập nhật nhiệm vụ trong thời hạn 3 ngày làm việc kể từ ngày ban hành văn bản.", None),
        ("Tăng cường kiểm tra, giám sát.", None),
    ],
)
def test_quality_find_product(text, product):
    assert find_product(text) == product


def test_quality_product_from_table_cell():
    assert (
        find_product("Tập huấn cán bộ", "Báo cáo kết quả tập huấn.") == "Báo cáo kết quả tập huấn"
    )
