"""Every Vietnamese sentence the review screen shows, in one place.

Templates read :data:`UI` directly; the scripts get the same catalogue as JSON (see
:func:`client_messages`), so no Vietnamese string lives in Python code paths or in JavaScript.
Problem codes are explained by ``api/messages_vi.py`` (one sentence per code, sent by the
server as ``detail_vi``); this module adds only what the browser needs before a server answers.
"""

from __future__ import annotations

from typing import Any

from api.messages_vi import MESSAGES as SERVICE_ERRORS

UI: dict[str, str] = {
    "app_name": "giaoviec",
    "app_tagline": "Duyệt nhiệm vụ từ văn bản chỉ đạo",
    "skip_to_content": "Bỏ qua, đến nội dung chính",
    # login
    "login_title": "Đăng nhập",
    "login_username": "Tên đăng nhập",
    "login_password": "Mật khẩu",
    "login_submit": "Đăng nhập",
    "login_busy": "Đang đăng nhập…",
    "login_missing": "Vui lòng nhập tên đăng nhập và mật khẩu.",
    "login_expired": "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.",
    "login_logged_out": "Bạn đã đăng xuất.",
    "logout": "Đăng xuất",
    "session_warning": (
        "Phiên làm việc sẽ hết hạn sau {time} nếu đồng chí không thao tác. "
        "Bản sửa chưa lưu vẫn được giữ trên máy này."
    ),
    "session_ended": "Phiên làm việc đã hết hạn. Bản sửa chưa lưu vẫn được giữ trên máy này; hãy đăng nhập lại.",
    "session_continue": "Tiếp tục làm việc",
    "signed_in_as": "Người dùng",
    # roles
    "role_reviewer": "Người duyệt",
    "role_approver": "Người phê duyệt",
    "role_annotator": "Người gán nhãn",
    "role_admin": "Quản trị",
    # queue
    "queue_title": "Hàng chờ duyệt",
    "queue_empty": "Chưa có văn bản nào. Hãy tải văn bản lên.",
    "queue_loading": "Đang tải danh sách văn bản…",
    "col_number": "Số, ký hiệu",
    "col_type": "Loại văn bản",
    "col_issued": "Ngày ban hành",
    "col_due": "Hạn phân loại",
    "col_status": "Trạng thái",
    "col_proposals": "Đề xuất",
    "proposals_decided": "đã quyết định",
    "no_number": "(chưa rõ số)",
    "no_date": "—",
    "due_days_left": "còn {n} ngày làm việc",
    "upload_title": "Tải văn bản lên",
    "upload_file": "Tệp văn bản (PDF, DOCX hoặc TXT)",
    "upload_issued": "Ngày ban hành (nếu văn bản không ghi)",
    "upload_submit": "Tải lên",
    "upload_choose": "Vui lòng chọn một tệp.",
    "upload_sending": "Đang tải lên… {pct}%",
    "upload_extracting": "Đã nhận văn bản, đang trích xuất nhiệm vụ…",
    "upload_done": "Đã trích xuất {n} đề xuất nhiệm vụ.",
    "upload_failed": "Không trích xuất được văn bản này.",
    "upload_open": "Mở văn bản",
    "upload_duplicate": "Văn bản này đã có trong hệ thống.",
    "upload_duplicate_opened": (
        "Tệp vừa tải lên trùng từng byte với văn bản này, đã có trong hệ thống; "
        "đồng chí đang xem văn bản đã có, không tạo bản mới."
    ),
    "refresh": "Làm mới",
    "filter_label": "Lọc văn bản",
    "filter_open": "Chưa công bố",
    "filter_pending": "Chờ duyệt",
    "filter_ready": "Đã duyệt xong, chờ công bố",
    "filter_overdue": "Quá hạn",
    "filter_published": "Đã công bố",
    "filter_all": "Tất cả",
    "filter_empty": "Không có văn bản nào trong mục này.",
    # window badges (the 3-working-day review window, Quy chế 08-QC/TW)
    "window_ok": "Trong hạn",
    "window_due_soon": "Sắp đến hạn",
    "window_overdue": "Quá hạn",
    # document view
    "back_to_queue": "← Hàng chờ duyệt",
    "source_title": "Văn bản gốc",
    "proposals_title": "Đề xuất nhiệm vụ",
    "document_loading": "Đang tải văn bản…",
    "content_withheld": "Tài khoản của đồng chí không được xem nội dung văn bản mật này.",
    "document_extracting": "Văn bản đang được trích xuất, vui lòng chờ…",
    "job_queued": "Văn bản đang chờ đến lượt phân tích…",
    "job_retry": "Lần thử {attempts}/{max} chưa thành công ({reason}); hệ thống sẽ tự thử lại…",
    "job_reading": "Đang đọc văn bản…",
    "job_reading_page": "Đang đọc trang {page}/{pages}…",
    "job_extracting": "Đang trích xuất nhiệm vụ…",
    "job_failed": "Không phân tích được văn bản sau {attempts}/{max} lần thử: {reason} (mã lỗi {code}). "
                  "Quản trị hệ thống có thể cho chạy lại.",
    "no_proposals": "Không có đề xuất nào. Bôi đen một đoạn trong văn bản gốc để thêm nhiệm vụ.",
    "progress": "{done}/{total} đã quyết định",
    "accept_all": "Chấp nhận tất cả",
    "accept_all_hint": "Chấp nhận mọi đề xuất chưa quyết định có độ tin cậy từ {pct}% trở lên",
    "accept_all_hint_office": "Chấp nhận mọi đề xuất chưa quyết định có độ tin cậy từ ngưỡng đơn vị đã đặt trở lên",
    "accept_all_done": "Đã chấp nhận {n} đề xuất.",
    "publish": "Công bố",
    "publish_hint_undecided": "Cần quyết định hết các đề xuất trước khi công bố.",
    "publish_confirm": (
        "Công bố các nhiệm vụ đã duyệt của văn bản này? "
        "Sau khi công bố, nhiệm vụ sẽ được chuyển sang hệ thống theo dõi."
    ),
    "publish_done": "Đã công bố văn bản.",
    "next_step_approver": (
        "Đồng chí đã quyết định hết {n} đề xuất. Người phê duyệt sẽ xem lại và công bố văn bản; "
        "đồng chí không cần làm gì thêm."
    ),
    "next_step_publish": "Đã quyết định hết {n} đề xuất. Bấm «Công bố» để chuyển nhiệm vụ sang hệ thống theo dõi.",
    "add_task": "Thêm nhiệm vụ",
    "add_task_hint": "Bôi đen đoạn văn bản giao nhiệm vụ ở khung bên trái, rồi bấm «Thêm nhiệm vụ».",
    "add_task_title": "Nhiệm vụ mới từ đoạn đã chọn",
    "add_task_save": "Lưu nhiệm vụ",
    "add_task_done": "Đã thêm nhiệm vụ.",
    "cancel": "Hủy",
    "card_number": "Đề xuất {n}",
    "field_text": "Nội dung nhiệm vụ",
    "field_lead": "Chủ trì",
    "field_support": "Phối hợp",
    "field_deadline": "Thời hạn",
    "field_deadline_words": "Nguyên văn",
    "field_deadline_date": "Ngày",
    "field_kind": "Loại thời hạn",
    "date_placeholder": "ngày/tháng/năm",
    "date_invalid": "Ngày không hợp lệ. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 31/12/2026.",
    "field_recurrence": "Chu kỳ",
    "field_add_body": "Thêm cơ quan…",
    "remove_body": "Bỏ {name}",
    "body_ended": "không còn từ sau {date}",
    "body_ended_successor": "không còn từ sau {date}, nay là {successor}",
    "none_given": "(chưa có)",
    "confidence": "Độ tin cậy",
    "checks_all_ok": "Đạt cả {n} tiêu chí rõ",
    "checks_other_ok": "Đạt {n} tiêu chí khác",
    "page": "Trang {n}",
    "accept": "Chấp nhận",
    "edit": "Sửa",
    "save": "Lưu",
    "reject": "Từ chối",
    "saved": "Đã lưu.",
    "conflict": "Đề xuất đã được người khác sửa — tải lại",
    "conflict_merge": (
        "Đề xuất vừa được người khác cập nhật. Bản của đồng chí vẫn giữ nguyên trong các ô; "
        "xem bản của họ bên dưới, lấy phần cần thiết rồi bấm «Lưu»."
    ),
    "changed_meanwhile": "Người khác vừa cập nhật đề xuất này; khi lưu, đồng chí sẽ xem và gộp hai bản.",
    "merge_title": "Bản của người khác {who}",
    "merge_mine": "Của đồng chí",
    "merge_theirs": "Của người kia",
    "merge_take": "Lấy bản của người kia",
    "merge_taken": "Đã lấy",
    "drafts_found": "Còn {n} bản sửa chưa lưu từ lần làm việc trước, giữ trên máy này.",
    "drafts_restore": "Khôi phục",
    "drafts_drop": "Bỏ các bản này",
    "field_product": "Sản phẩm",
    "lead_required": "Cần ít nhất một cơ quan chủ trì.",
    "needs_review": "Cần kiểm tra: mô hình chỉ chắc {percent}%.",
    "help_button": "Phím tắt (?)",
    "undo": "Hoàn tác",
    "order_least_sure": "Ít chắc chắn trước",
    "order_least_sure_hint": "Xếp các đề xuất có độ tin cậy thấp nhất lên đầu (bấm lần nữa để theo thứ tự văn bản)",
    "undo_done": "Đã hoàn tác quyết định với đề xuất {n}.",
    "undo_nothing": "Không còn quyết định nào để hoàn tác.",
    "key_undo": "Hoàn tác quyết định gần nhất (đến khi công bố)",
    "comments_title": "Ghi chú cho người phê duyệt",
    "comment_label": "Ghi chú",
    "comment_placeholder": "Ghi chú cho người phê duyệt…",
    "comment_send": "Gửi ghi chú",
    "history_title": "Lịch sử",
    "history_empty": "Chưa có thao tác nào.",
    "span_take": "Lấy đoạn đang bôi đen làm nội dung",
    "span_none": "Hãy bôi đen đoạn văn bản mới ở khung bên trái trước.",
    "span_taken": "Nội dung sẽ là đoạn đã chọn (ký tự {start}–{end}) khi lưu.",
    "help_title": "Phím tắt",
    "help_close": "Đóng",
    "key_next": "Đề xuất tiếp theo",
    "key_prev": "Đề xuất trước",
    "key_accept": "Chấp nhận đề xuất đang chọn",
    "key_reject": "Từ chối đề xuất đang chọn",
    "key_edit": "Sửa đề xuất đang chọn",
    "key_save": "Lưu khi đang sửa",
    "key_escape": "Hủy sửa, đóng cửa sổ này",
    "key_help": "Hiện hoặc ẩn bảng phím tắt",
    "meta_issued": "Ngày ban hành",
    "meta_due": "Hạn phân loại",
    "meta_status": "Trạng thái",
    "meta_edit": "Sửa thông tin văn bản",
    "meta_title": "Thông tin văn bản",
    "meta_issuer": "Cơ quan ban hành",
    "meta_signer": "Người ký",
    "meta_secrecy": "Độ mật",
    "meta_saved": "Đã lưu thông tin văn bản.",
    "secrecy_none": "Không mật",
    "no_printed_date": (
        "Văn bản không ghi ngày ban hành: hạn phân loại đang tạm tính từ ngày tải lên. "
        "Hãy nhập ngày ban hành để tính đúng hạn."
    ),
    "no_printed_date_fix": "Nhập ngày ban hành",
    "days_left": "còn {n} ngày làm việc",
    "days_overdue": "quá hạn {n} ngày làm việc",
    "duplicate_of": "Có thể trùng với văn bản đã có cùng số, ký hiệu ({number}).",
    "duplicate_open": "Mở văn bản kia",
    "duplicate_mark": "Có thể trùng",
    "legend": "Chú thích",
    "legend_task": "Nhiệm vụ",
    "legend_lead": "Chủ trì",
    "legend_support": "Phối hợp",
    "legend_deadline": "Thời hạn",
}

# The audit log's actions as a task's history shows them.
HISTORY_ACTION: dict[str, str] = {
    "proposal.accept": "Chấp nhận",
    "proposal.edit": "Sửa",
    "proposal.reject": "Từ chối",
    "proposal.add": "Thêm thủ công",
    "proposal.undo": "Hoàn tác",
    "proposal.comment": "Ghi chú",
}

DOCUMENT_STATUS: dict[str, str] = {
    "received": "Đã nhận",
    "processing": "Đang trích xuất",
    "extracting": "Đang trích xuất",
    "extracted": "Đã trích xuất",
    "in_review": "Đang duyệt",
    "published": "Đã công bố",
    "rejected": "Bị từ chối",
    "failed": "Lỗi",
    "error": "Lỗi",
}

PROPOSAL_STATUS: dict[str, str] = {
    "proposed": "Chờ duyệt",
    "accepted": "Đã chấp nhận",
    "edited": "Đã sửa",
    "rejected": "Đã từ chối",
    "added": "Thêm thủ công",
}

DEADLINE_KIND: dict[str, str] = {
    "date": "ngày cụ thể",
    "period": "giai đoạn",
    "recurring": "định kỳ",
    "relative": "tương đối",
    "none": "không thời hạn",
}

RECURRENCE: dict[str, str] = {
    "": "(không)",
    "monthly": "hằng tháng",
    "quarterly": "hằng quý",
    "half-yearly": "6 tháng một lần",
    "yearly": "hằng năm",
}

# Quality flags: the checks of extraction/quality.py (one lead, and the "six clear" of Kết luận
# 226-KL/TW) and the review store's warnings; a flag the screen does not know shows FLAG_UNKNOWN.
FLAGS: dict[str, str] = {
    "one_lead": "Một cơ quan chủ trì",
    "lead_in_directory": "Chủ trì có trong danh mục",
    "who": "Rõ người",
    "what": "Rõ việc",
    "when": "Rõ thời gian",
    "responsibility": "Rõ trách nhiệm",
    "authority": "Rõ thẩm quyền",
    "product": "Rõ sản phẩm",
    "deadline_warning": "Thời hạn cần kiểm tra lại",
    # the review store's own flags (api/services/documents.py task_flags)
    "deadline": "Thời hạn cần kiểm tra lại",
    "no_lead": "Chưa xác định cơ quan chủ trì",
    "body_not_in_directory": "Có cơ quan không nằm trong danh mục",
    "lead_from_document": "Chủ trì suy ra từ cả văn bản",
    "low_confidence": "Độ tin cậy thấp",
    "ocr_uncertain": "Chữ nhận dạng từ bản quét chưa chắc chắn, cần đối chiếu bản gốc",
}
FLAG_UNKNOWN = "Cần kiểm tra lại"

ROLE: dict[str, str] = {
    "reviewer": UI["role_reviewer"],
    "approver": UI["role_approver"],
    "annotator": UI["role_annotator"],
    "admin": UI["role_admin"],
}

# Errors the browser meets before any server answer. Every problem the server sends carries
# its own ``detail_vi`` (api/messages_vi.py, one sentence per code); the screen shows that.
CLIENT_ERRORS: dict[str, str] = {
    "network": "Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.",
}

# When a response has no ``detail_vi`` (a proxy's error page, say), its status picks the code.
CODE_BY_STATUS: dict[int, str] = {
    401: "E103",
    403: "E104",
    404: "E106",
    409: "E107",
    413: "E101",
    415: "E002",
    422: "E110",
}


def client_messages() -> dict[str, Any]:
    """The catalogue the scripts read (embedded in every page as JSON)."""
    return {
        "ui": UI,
        "document_status": DOCUMENT_STATUS,
        "history_action": HISTORY_ACTION,
        "proposal_status": PROPOSAL_STATUS,
        "deadline_kind": DEADLINE_KIND,
        "recurrence": RECURRENCE,
        "flags": FLAGS,
        "flag_unknown": FLAG_UNKNOWN,
        "role": ROLE,
        "errors": {**SERVICE_ERRORS, **CLIENT_ERRORS},
        "code_by_status": {str(status): code for status, code in CODE_BY_STATUS.items()},
    }
