"""What each problem code tells an officer, in Vietnamese (shown by the review screen).

Each sentence says what happened and what to do; the English ``detail`` is for programs and
logs. Codes are those of ``extraction.errors`` and ``api.errors``.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "E001": "Tệp trống. Hãy tải lên chính văn bản cần phân loại nhiệm vụ.",
    "E002": "Loại tệp không được hỗ trợ. Hãy tải lên tệp PDF, DOCX hoặc văn bản (.txt).",
    "E003": "Tệp bị hỏng, không đọc được. Hãy lưu lại văn bản từ bản gốc rồi tải lên lại.",
    "E004": "Tệp có mật khẩu. Hãy gỡ mật khẩu của tệp rồi tải lên lại.",
    "E005": "Tệp PDF là bản quét, không có lớp chữ. Hãy tải lên bản PDF có chữ hoặc bản DOCX.",
    "E006": (
        "Không đọc được chữ tiếng Việt trong tệp này (quá ít dấu và từ tiếng Việt thông dụng). "
        "Nếu là PDF, lớp chữ có thể chỉ là mã ký tự của phông nhúng, không đọc được: hãy tải lên "
        "bản DOCX, hoặc bản PDF xuất lại từ Word. Nếu văn bản gõ bằng phông cũ (.VnTime, VNI), "
        "hãy chuyển sang Unicode trước. Nếu chọn nhầm tệp, hãy kiểm tra lại."
    ),
    "E007": "Tệp quá lớn hoặc có cấu trúc bất thường (tệp nén quá mức). Hãy lưu lại văn bản từ Word rồi tải lên lại.",
    "E008": "Giá trị nhập vào không hợp lệ. Hãy kiểm tra lại.",
    "E009": "Không tìm thấy tệp.",
    "E010": (
        "Văn bản có (hoặc có thể có) dấu độ mật Tuyệt mật nên không được đưa lên hệ thống; "
        "không có gì được lưu lại."
    ),
    "E011": "Không nhận dạng được chữ trên trang quét (quá thời gian hoặc lỗi). Hãy quét lại hoặc chia nhỏ tệp.",
    "E101": "Tệp vượt quá dung lượng cho phép. Hãy tách văn bản hoặc liên hệ quản trị hệ thống.",
    "E102": (
        "Văn bản có độ mật Tuyệt mật không được đưa lên hệ thống. Theo Quy chế 08-QC/TW, "
        "nhiệm vụ thuộc danh mục tuyệt mật được theo dõi, đôn đốc theo quy định riêng của Đảng."
    ),
    "E103": "Phiên làm việc đã hết hạn hoặc chưa đăng nhập. Hãy đăng nhập lại.",
    "E104": "Tài khoản của đồng chí không có quyền thực hiện thao tác này.",
    "E105": "Yêu cầu thiếu mã bảo vệ (CSRF). Hãy tải lại trang rồi thử lại.",
    "E106": "Không tìm thấy văn bản hoặc nhiệm vụ này.",
    "E107": "Đề xuất này vừa được người khác cập nhật. Hãy tải lại để xem bản mới nhất rồi sửa tiếp.",
    "E108": "Còn nhiệm vụ chưa được xử lý. Hãy chấp nhận, sửa hoặc loại bỏ từng nhiệm vụ trước khi công bố.",
    "E109": "Văn bản đang ở trạng thái không cho phép thao tác này.",
    "E110": "Dữ liệu gửi lên không hợp lệ. Hãy kiểm tra lại các trường đã nhập.",
    "E111": "Tên đăng nhập hoặc mật khẩu không đúng.",
    "E112": "Đường dẫn hoặc phương thức không tồn tại.",
    "E113": "Đăng nhập sai quá nhiều lần. Hãy chờ ít giây theo thời gian hệ thống báo rồi thử lại.",
    "E120": (
        "Thời hạn không nhất quán: thời hạn loại «ngày cụ thể» hoặc «giai đoạn» phải có ngày, "
        "chu kỳ chỉ dùng cho thời hạn định kỳ. Hãy chọn ngày hoặc đổi loại thời hạn."
    ),
    "E121": "Mã Idempotency-Key này đã dùng cho một tệp khác. Hãy dùng mã mới cho mỗi tệp tải lên.",
    "E130": (
        "Việc phân tích văn bản chạy quá thời gian cho phép nên đã dừng. "
        "Hãy tách văn bản hoặc báo quản trị hệ thống."
    ),
    "E131": "Việc phân tích văn bản dùng quá bộ nhớ cho phép nên đã dừng. Hãy tách văn bản hoặc báo quản trị hệ thống.",
    "E132": "Tiến trình phân tích văn bản bị dừng đột ngột nhiều lần. Hãy báo quản trị hệ thống để cho chạy lại.",
    "E133": "Quản trị hệ thống đã hủy việc phân tích văn bản này.",
    "internal": "Hệ thống gặp lỗi ngoài dự kiến. Hãy thử lại sau hoặc báo quản trị hệ thống.",
}


def message_vi(code: str) -> str:
    return MESSAGES.get(code, MESSAGES["internal"])

# Quy chế 08-QC/TW, Điều 5, as the regulation's summary words it (shared/reference/).
TOP_SECRET_RULE = (
    "Đối với nhiệm vụ thuộc danh mục tuyệt mật hoặc có yêu cầu bảo mật riêng, việc theo dõi, "
    "đôn đốc thực hiện theo quy định riêng của Đảng."
)
