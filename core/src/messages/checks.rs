//! What the checks of a pupil's form and of a spreadsheet's rows say, in Vietnamese and English
//! side by side ([`Bilingual`]): the same rules run in the browser and on the server, and the
//! reader sees them in their language. Column headers and values are quoted as the file or the
//! form holds them.

use crate::bilingual;
use crate::lang::{Bilingual, Lang};

// ------------------------------------------------------------------ labels of a pupil's fields

// A field of a pupil's profile as the form and the spreadsheet name it.
pub const FULL_NAME: Bilingual = Bilingual::fixed("Họ và tên", "Full name");
pub const NATIONALITY: Bilingual = Bilingual::fixed("Quốc tịch", "Nationality");
pub const BIRTH_PLACE: Bilingual = Bilingual::fixed("Nơi sinh", "Place of birth");
pub const HOME_TOWN: Bilingual = Bilingual::fixed("Quê quán", "Home town");
pub const ADDRESS: Bilingual = Bilingual::fixed("Nơi ở hiện nay", "Current address");
pub const FATHER_NAME: Bilingual = Bilingual::fixed("Họ tên cha", "Father's name");
pub const MOTHER_NAME: Bilingual = Bilingual::fixed("Họ tên mẹ", "Mother's name");
pub const GUARDIAN_NAME: Bilingual = Bilingual::fixed("Người giám hộ", "Guardian");
pub const REGISTRATION_NO: Bilingual = Bilingual::fixed("Số đăng bộ", "Registration number");
pub const DISABILITY_PLAN: Bilingual = Bilingual::fixed("Kế hoạch giáo dục cá nhân", "Individual education plan");

// ------------------------------------------------------------------ a pupil's form

pub const NATIONAL_ID_MISSING: Bilingual = Bilingual::fixed("Thiếu mã định danh", "The personal ID number is missing");
pub const FULL_NAME_MISSING: Bilingual = Bilingual::fixed("Thiếu họ và tên", "The full name is missing");
pub const GENDER_MISSING: Bilingual = Bilingual::fixed("Thiếu giới tính", "The gender is missing");
pub const BIRTH_DATE_MISSING: Bilingual = Bilingual::fixed("Thiếu ngày sinh", "The date of birth is missing");
pub const ETHNICITY_MISSING: Bilingual = Bilingual::fixed("Thiếu dân tộc", "The ethnicity is missing");
pub const ENTRY_BEFORE_BIRTH: Bilingual = Bilingual::fixed(
    "Ngày vào trường không được trước ngày sinh",
    "The date of entry cannot be before the date of birth",
);
pub const DISABILITY_PLAN_MISSING: Bilingual = Bilingual::fixed(
    "Học sinh khuyết tật cần có kế hoạch giáo dục cá nhân",
    "A pupil with a disability needs an individual education plan",
);

pub fn national_id_invalid(id: &str) -> Bilingual {
    bilingual!(
        "Mã định danh phải gồm đúng 12 chữ số, 3 chữ số đầu là mã tỉnh 001–096: \"{id}\"",
        "The personal ID number must have exactly 12 digits, the first 3 a province code 001–096: \"{id}\""
    )
}

pub fn date_invalid(shown: &str) -> Bilingual {
    bilingual!(
        "Ngày không hợp lệ: \"{shown}\" (dùng dạng ngày/tháng/năm, ví dụ 05/09/2019)",
        "Not a valid date: \"{shown}\" (write day/month/year, for example 05/09/2019)"
    )
}

/// `shown` is the date as dd/mm/yyyy.
pub fn birth_date_implausible(shown: &str, age: i32, year: i32) -> Bilingual {
    bilingual!(
        "Ngày sinh {shown} không hợp lí cho học sinh tiểu học ({age} tuổi trong năm {year})",
        "A date of birth of {shown} is not plausible for a primary pupil ({age} years old in {year})"
    )
}

pub fn ethnicity_unknown(ethnicity: &str) -> Bilingual {
    bilingual!(
        "Dân tộc không có trong danh mục 54 dân tộc: \"{ethnicity}\"",
        "This ethnicity is not in the list of the 54 ethnic groups: \"{ethnicity}\""
    )
}

pub fn grade_out_of_range(grade: u8) -> Bilingual {
    bilingual!("Khối phải từ 1 đến 5 (đang ghi {grade})", "The grade must be 1 to 5 (it says {grade})")
}

/// `label` names the field ([`FULL_NAME`]…).
pub fn too_long(label: &Bilingual, max: usize) -> Bilingual {
    let (vi, en) = (label.get(Lang::Vi), label.get(Lang::En));
    bilingual!("{vi} dài quá {max} kí tự", "{en} is longer than {max} characters")
}

pub fn name_letters_only(label: &Bilingual, name: &str) -> Bilingual {
    let (vi, en) = (label.get(Lang::Vi), label.get(Lang::En));
    bilingual!(
        "{vi} chỉ được gồm chữ cái, dấu cách, dấu nháy (') và dấu gạch nối (-): \"{name}\"",
        "{en} may hold only letters, spaces, apostrophes (') and hyphens (-): \"{name}\""
    )
}

// ------------------------------------------------------------------ a spreadsheet's header and rows

/// `header` is the layout's header, `letters` the file's columns that hold it ("B, E").
pub fn column_repeated(header: &str, letters: &str) -> Bilingual {
    bilingual!(
        "Cột \"{header}\" có nhiều lần (các cột {letters})",
        "The column \"{header}\" appears more than once (columns {letters})"
    )
}

pub fn column_missing(header: &str) -> Bilingual {
    bilingual!("Thiếu cột bắt buộc \"{header}\"", "The required column \"{header}\" is missing")
}

/// A required cell left empty; `header` names its column.
pub fn cell_missing(header: &str) -> Bilingual {
    bilingual!("Thiếu {header}", "\"{header}\" is empty")
}

pub fn national_id_scientific(shown: &str) -> Bilingual {
    bilingual!(
        "Mã định danh bị Excel đổi sang dạng số mũ (\"{shown}\"): định dạng cột là Văn bản (Text) rồi nhập lại đủ 12 \
         chữ số",
        "Excel turned the personal ID number into scientific notation (\"{shown}\"): format the column as Text and \
         type all 12 digits again"
    )
}

pub fn gender_invalid(gender: &str) -> Bilingual {
    let (male, female) = ("Nam", "Nữ");
    bilingual!(
        "Giới tính không hợp lệ: \"{gender}\" (ghi Nam hoặc Nữ)",
        "Not a valid gender: \"{gender}\" (write {male} or {female})"
    )
}

pub const DISABILITY_FLAG_INVALID: Bilingual = Bilingual::fixed(
    "Khuyết tật: ghi \"x\" hoặc \"có\" nếu học sinh khuyết tật, để trống nếu không",
    concat!("Disability: write \"x\" or \"", "có", "\" if the pupil has a disability, leave it empty if not"),
);
pub const GRADE_NOT_A_NUMBER: Bilingual =
    Bilingual::fixed("Khối phải là một số từ 1 đến 5", "The grade must be a number from 1 to 5");
pub const ROLES_MISSING: Bilingual = Bilingual::fixed("Thiếu Vai trò", concat!("\"", "Vai trò", "\" (role) is empty"));

pub fn role_invalid(role: &str) -> Bilingual {
    let (admin, principal, teacher) = ("Quản trị", "Hiệu trưởng", "Giáo viên");
    bilingual!(
        "Vai trò không hợp lệ: \"{role}\" (dùng Quản trị, Hiệu trưởng, Giáo viên)",
        "Not a valid role: \"{role}\" (use {admin}, {principal} or {teacher})"
    )
}

pub fn username_invalid(username: &str) -> Bilingual {
    bilingual!(
        "Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới, gạch nối và dài 3–40 kí tự: \"{username}\"",
        "A username holds only letters without accents, digits, dots, underscores and hyphens, 3–40 characters: \
         \"{username}\""
    )
}

pub fn phone_invalid(text: &str) -> Bilingual {
    bilingual!(
        "Số điện thoại phải gồm 10 chữ số, bắt đầu bằng 0: \"{text}\"",
        "A phone number has 10 digits and starts with 0: \"{text}\""
    )
}

pub fn subject_unknown(subject: &str) -> Bilingual {
    bilingual!(
        "Không có môn học \"{subject}\" trong chương trình tiểu học",
        "There is no subject \"{subject}\" in the primary curriculum"
    )
}

pub const SUBJECT_IT_AND_TECHNOLOGY: Bilingual = Bilingual::fixed(
    "Môn \"Tin học và Công nghệ\" gồm hai phần: ghi một dòng \"Tin học\" và một dòng \"Công nghệ\"",
    concat!(
        "\"",
        "Tin học và Công nghệ",
        "\" has two parts: write one row \"",
        "Tin học",
        "\" and one row \"",
        "Công nghệ",
        "\""
    ),
);
pub const SUBJECT_ARTS: Bilingual = Bilingual::fixed(
    "Môn \"Nghệ thuật\" gồm hai phần: ghi một dòng \"Âm nhạc\" và một dòng \"Mĩ thuật\"",
    concat!("\"", "Nghệ thuật", "\" has two parts: write one row \"", "Âm nhạc", "\" and one row \"", "Mĩ thuật", "\""),
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_carry_the_value() {
        let m = too_long(&FULL_NAME, 100);
        assert_eq!(m.get(Lang::Vi), "Họ và tên dài quá 100 kí tự");
        assert_eq!(m.get(Lang::En), "Full name is longer than 100 characters");
        let m = national_id_invalid("12345");
        assert!(m.get(Lang::Vi).ends_with("\"12345\"") && m.get(Lang::En).ends_with("\"12345\""), "{m:?}");
    }
}
