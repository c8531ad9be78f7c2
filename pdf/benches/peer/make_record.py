# Copied unchanged (apart from this comment) from the peer baseline script of the hocba benchmark (make_record.py).
"""Writes record-5y.json: one pupil's five-year primary học bạ (TT27 shape), deterministic.

The same record is the input of the peer baseline (peer_reportlab.py) and should be the input of
hocba's own PDF benchmark, so that both render and sign the same content.
"""
import json, random, sys

rng = random.Random(27)
SUBJECTS = {  # code: (name, grades, scored_from_grade or None)
    "tieng_viet": ("Tiếng Việt", range(1, 6), 1),
    "toan": ("Toán", range(1, 6), 1),
    "ngoai_ngu_1": ("Ngoại ngữ 1 (Tiếng Anh)", range(3, 6), 3),
    "dao_duc": ("Đạo đức", range(1, 6), None),
    "tnxh": ("Tự nhiên và Xã hội", range(1, 4), None),
    "lsdl": ("Lịch sử và Địa lí", range(4, 6), 4),
    "khoa_hoc": ("Khoa học", range(4, 6), 4),
    "tin_hoc": ("Tin học và Công nghệ (Tin học)", range(3, 6), 3),
    "cong_nghe": ("Tin học và Công nghệ (Công nghệ)", range(3, 6), 3),
    "gdtc": ("Giáo dục thể chất", range(1, 6), None),
    "am_nhac": ("Nghệ thuật (Âm nhạc)", range(1, 6), None),
    "mi_thuat": ("Nghệ thuật (Mĩ thuật)", range(1, 6), None),
    "hdtn": ("Hoạt động trải nghiệm", range(1, 6), None),
    "tieng_hmong": ("Tiếng dân tộc thiểu số (Tiếng Hmông)", range(1, 6), None),
}
QUALITIES = ["Yêu nước", "Nhân ái", "Chăm chỉ", "Trung thực", "Trách nhiệm"]
GENERAL = ["Tự chủ và tự học", "Giao tiếp và hợp tác", "Giải quyết vấn đề và sáng tạo"]
SPECIFIC = ["Ngôn ngữ", "Tính toán", "Khoa học", "Công nghệ", "Tin học", "Thẩm mĩ", "Thể chất"]
COMMENTS = [
    "Đọc lưu loát, viết đúng chính tả; diễn đạt mạch lạc, trình bày sạch đẹp.",
    "Thực hiện thành thạo các phép tính; biết vận dụng giải toán có lời văn.",
    "Nghe hiểu tốt các câu đơn giản; cần luyện thêm kỹ năng nói trước lớp.",
    "Lễ phép với thầy cô, biết giúp đỡ bạn bè, giữ gìn của công.",
    "Tích cực tham gia các hoạt động tập thể, chủ động và nhiệt tình.",
    "Hiểu bài, biết liên hệ kiến thức với thực tiễn ở địa phương.",
    "Có năng khiếu, hát đúng giai điệu, vẽ có bố cục hợp lý.",
    "Cần cố gắng hơn trong việc tự học ở nhà và giữ trật tự trong giờ học.",
]

def year(grade):
    subjects = []
    for code, (name, grades, scored) in SUBJECTS.items():
        if grade not in grades:
            continue
        level = rng.choice(["T", "T", "T", "H"])
        score = rng.randint(7, 10) if scored is not None and grade >= scored else None
        subjects.append({"code": code, "name": name, "level": level, "score": score,
                         "comment": rng.choice(COMMENTS)})
    qual = [{"name": q, "level": rng.choice(["T", "T", "Đ"]), "comment": rng.choice(COMMENTS)} for q in QUALITIES]
    comp = [{"name": c, "level": rng.choice(["T", "T", "Đ"]), "comment": rng.choice(COMMENTS)} for c in GENERAL + SPECIFIC]
    return {
        "grade": grade, "class": f"{grade}A", "school_year": f"{2020 + grade}-{2021 + grade}",
        "height_cm": 110 + 6 * grade, "weight_kg": 18 + 3 * grade, "absent_excused": rng.randint(0, 4),
        "absent_unexcused": 0, "subjects": subjects, "qualities": qual, "competencies": comp,
        "result": "Hoàn thành tốt", "awards": ["Giấy khen Học sinh Tiêu biểu hoàn thành tốt trong học tập và rèn luyện"],
        "completion": "Hoàn thành chương trình tiểu học" if grade == 5 else f"Hoàn thành chương trình lớp {grade}",
        "homeroom_teacher": rng.choice(["Giàng Thị Chứ", "Sin Hoài Thu", "Lù Văn Páo", "Hoàng Thị Xuân"]),
        "place_date": f"Mường Khương, ngày 25 tháng 5 năm {2021 + grade}",
    }

record = {
    "ministry": "BỘ GIÁO DỤC VÀ ĐÀO TẠO",
    "title": "HỌC BẠ TIỂU HỌC",
    "school": "Trường Tiểu học số 1 thị trấn Mường Khương",
    "commune": "Thị trấn Mường Khương", "district": "Huyện Mường Khương", "province": "Tỉnh Lào Cai",
    "principal": "Lò Văn Thắng",
    "record_code": "HB-2021-000123",
    "pupil": {
        "full_name": "Nguyễn Thị Hương", "gender": "Nữ", "date_of_birth": "14/03/2015",
        "ethnicity": "Hmông", "nationality": "Việt Nam", "place_of_birth": "Mường Khương, Lào Cai",
        "home_town": "Bản Lầu, Mường Khương, Lào Cai", "address": "Tổ dân phố Mã Tuyển, thị trấn Mường Khương",
        "father": "Nguyễn Văn Dũng", "mother": "Giàng Thị Mỷ", "guardian": "", "personal_id": "010215001234",
    },
    "history": [{"school_year": f"{2020 + g}-{2021 + g}", "class": f"{g}A",
                 "school": "Trường Tiểu học số 1 thị trấn Mường Khương", "registry_no": f"{37 + g}/TH1",
                 "enrolled": "05/09/2021" if g == 1 else ""} for g in range(1, 6)],
    "years": [year(g) for g in range(1, 6)],
    "verify_url": "https://hocba.example.vn/verify/HB-2021-000123",
}
json.dump(record, open(sys.argv[1] if len(sys.argv) > 1 else "record-5y.json", "w"), ensure_ascii=False, indent=1)
