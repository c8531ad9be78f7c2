//! Vietnamese names of the ethnic groups of Lào Cai (family names, middle and given names by
//! gender, written with their diacritics in NFC), the communes schools are named after and the
//! villages pupils live in.

use super::rng::Dice;

/// The names one ethnic group uses.
pub struct Group {
    /// The group as people write it; stored through `hocba_core::people::ethnicity`.
    pub label: &'static str,
    families: &'static [&'static str],
    male_middle: &'static [&'static str],
    male_given: &'static [&'static str],
    female_middle: &'static [&'static str],
    female_given: &'static [&'static str],
}

impl Group {
    /// The canonical ethnicity stored for the group ("Mông" → "H'Mông").
    pub fn ethnicity(&self) -> &'static str {
        hocba_core::people::ethnicity(self.label).unwrap_or(self.label)
    }

    pub fn family(&self, dice: &mut Dice) -> &'static str {
        let family: &&'static str = dice.pick(self.families);
        family
    }

    /// Middle and given name ("Thị Mỷ", "Seo Pao").
    pub fn given(&self, dice: &mut Dice, female: bool) -> String {
        let (middle, given) =
            if female { (self.female_middle, self.female_given) } else { (self.male_middle, self.male_given) };
        format!("{} {}", dice.pick(middle), dice.pick(given))
    }

    /// A full name: family, middle and given name.
    pub fn full_name(&self, dice: &mut Dice, female: bool) -> String {
        let family = self.family(dice);
        format!("{family} {}", self.given(dice, female))
    }
}

const KINH: Group = Group {
    label: "Kinh",
    families: &["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô", "Dương", "Phan"],
    male_middle: &["Văn", "Minh", "Đức", "Quang", "Gia", "Hữu", "Tuấn", "Bảo", "Thành", "Anh"],
    male_given: &[
        "An", "Bảo", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Khang", "Khôi", "Long", "Minh", "Nam", "Phúc",
        "Quân", "Sơn", "Thắng", "Trung", "Tuấn", "Việt",
    ],
    female_middle: &["Thị", "Ngọc", "Thu", "Thanh", "Minh", "Khánh", "Bảo", "Phương", "Thùy", "Hải"],
    female_given: &[
        "An", "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hương", "Lan", "Linh", "Mai", "My", "Ngân", "Ngọc",
        "Nhung", "Phương", "Thảo", "Trang", "Vy", "Yến",
    ],
};

const TAY: Group = Group {
    label: "Tày",
    families: &["Hoàng", "Nông", "Ma", "Lục", "Đàm", "Bế", "Hà", "Lương", "Triệu", "Phùng"],
    male_middle: &["Văn", "Đức", "Minh"],
    male_given: &["Tiến", "Hùng", "Khánh", "Thắng", "Chiến", "Quyết", "Tuấn", "Hưng"],
    female_middle: &["Thị", "Thị Ngọc", "Thị Thu"],
    female_given: &["Ánh", "Hoa", "Hằng", "Nguyệt", "Thu", "Huyền", "Lành", "Xuân"],
};

const THAI: Group = Group {
    label: "Thái",
    families: &["Lò", "Lường", "Cầm", "Quàng", "Tòng", "Vì", "Lù", "Điêu"],
    male_middle: &["Văn"],
    male_given: &["Xuân", "Pọm", "Chung", "Khiêm", "Ngoan", "Thưởng", "Tiếng", "Hạnh"],
    female_middle: &["Thị"],
    female_given: &["Ỏm", "Xiêm", "Ánh", "Pành", "Phương", "Hương", "Ngọc", "Thoa"],
};

const MUONG: Group = Group {
    label: "Mường",
    families: &["Đinh", "Bùi", "Quách", "Hà", "Xa", "Cao"],
    male_middle: &["Văn", "Công"],
    male_given: &["Mạnh", "Thành", "Khương", "Luân", "Đông", "Tâm"],
    female_middle: &["Thị"],
    female_given: &["Nhàn", "Thương", "Hậu", "Lụa", "Mến", "Duyên"],
};

const MONG: Group = Group {
    label: "Mông",
    families: &["Giàng", "Sùng", "Vàng", "Lý", "Thào", "Hầu", "Mùa", "Lầu", "Cứ", "Tráng", "Vừ", "Mã"],
    male_middle: &["Seo", "A", "Văn", "Mí"],
    male_given: &["Pao", "Chứ", "Dình", "Sử", "Lử", "Páo", "Chư", "Lùng", "Sình", "Phừ", "Tủa", "Vư"],
    female_middle: &["Thị"],
    female_given: &["Mỷ", "Dở", "Chía", "Súa", "Dua", "Pằng", "Say", "Dế", "Mai", "Sua", "Ly", "Xá"],
};

const DAO: Group = Group {
    label: "Dao",
    families: &["Triệu", "Bàn", "Đặng", "Lý", "Phàn", "Chảo", "Tẩn", "Phùng"],
    male_middle: &["Văn", "Láo", "Phù"],
    male_given: &["Quý", "Lở", "Sài", "Kiềm", "Chàn", "Quẩy", "Vảng", "Tả"],
    female_middle: &["Thị", "Mùi"],
    female_given: &["Mẩy", "Xuân", "Mai", "Nải", "Sói", "Diếu", "Chạn", "Vải"],
};

const NUNG: Group = Group {
    label: "Nùng",
    families: &["Sần", "Lục", "Vi", "Hoàng", "Nông", "Lương", "Mã", "Chu"],
    male_middle: &["Văn"],
    male_given: &["Sử", "Páo", "Pủ", "Thành", "Vảng", "Dì"],
    female_middle: &["Thị"],
    female_given: &["Sênh", "Dung", "Lìn", "Ngoan", "Mai", "Thúy"],
};

const GIAY: Group = Group {
    label: "Giáy",
    families: &["Lò", "Vương", "Hoàng", "Lù", "Sầm", "Lồ"],
    male_middle: &["Văn"],
    male_given: &["Thuận", "Ưởng", "Phong", "Chinh", "Tình", "Lâm"],
    female_middle: &["Thị"],
    female_given: &["Lan", "Hương", "Ỉn", "Nhung", "Thoa", "Chiến"],
};

const PHU_LA: Group = Group {
    label: "Phù Lá",
    families: &["Chảo", "Pờ", "Lý", "Vàng", "Sùng", "Thào"],
    male_middle: &["Văn", "Seo"],
    male_given: &["Sinh", "Phìn", "Lở", "Chúng", "Sành"],
    female_middle: &["Thị"],
    female_given: &["Mẩy", "Dung", "Phà", "Sấy", "Kiều"],
};

const HA_NHI: Group = Group {
    label: "Hà Nhì",
    families: &["Chu", "Pờ", "Lò", "Ly", "Phu", "Sừ"],
    male_middle: &["A", "Chu", "Gó"],
    male_given: &["Xá", "Chà", "Chừ", "Hừ", "Sò", "Pó"],
    female_middle: &["Thị", "Lò"],
    female_given: &["Mé", "Lù", "Gạ", "Xè", "Chừ", "Pà"],
};

const BO_Y: Group = Group {
    label: "Bố Y",
    families: &["Pờ", "Lù", "Hoàng", "Vương", "Sần"],
    male_middle: &["Văn"],
    male_given: &["Páo", "Sáng", "Chân", "Ninh"],
    female_middle: &["Thị"],
    female_given: &["Dung", "Sinh", "Nhè", "Lan"],
};

const LO_LO: Group = Group {
    label: "Lô Lô",
    families: &["Lò", "Vàng", "Mã", "Sình", "Lồ"],
    male_middle: &["Văn"],
    male_given: &["Dín", "Chư", "Pảo", "Sính"],
    female_middle: &["Thị"],
    female_given: &["Sính", "Hoa", "Mai", "Lìn"],
};

/// The groups with their share (in percent, roughly) of Lào Cai's primary pupils.
const GROUPS: [(&Group, u32); 12] = [
    (&KINH, 35),
    (&MONG, 20),
    (&TAY, 13),
    (&DAO, 12),
    (&THAI, 6),
    (&GIAY, 3),
    (&NUNG, 3),
    (&MUONG, 2),
    (&PHU_LA, 2),
    (&HA_NHI, 2),
    (&BO_Y, 1),
    (&LO_LO, 1),
];

/// Who lives around one school: half of its pupils belong to the commune's main group, the
/// others follow the province's mix.
pub struct Locale {
    main: &'static Group,
}

impl Locale {
    /// The locale of the school at `index`: the main group turns with the index.
    pub fn for_school(index: usize) -> Locale {
        Locale { main: GROUPS[index % GROUPS.len()].0 }
    }

    /// The group of one pupil (or family).
    pub fn group(&self, dice: &mut Dice) -> &'static Group {
        if dice.chance(50) {
            return self.main;
        }
        let weights = GROUPS.map(|(_, w)| w);
        GROUPS[dice.weighted(&weights)].0
    }

    /// The group of a member of staff: teachers come from the whole province, mostly Kinh and Tày.
    pub fn staff_group(dice: &mut Dice) -> &'static Group {
        const STAFF: [&Group; 10] = [&KINH, &KINH, &KINH, &TAY, &TAY, &DAO, &MONG, &GIAY, &NUNG, &THAI];
        let group: &&'static Group = dice.pick(&STAFF);
        group
    }
}

/// Communes of Lào Cai (the 2025 two-level form) that schools are named after.
pub const COMMUNES: &[&str] = &[
    "Bản Lầu",
    "Pha Long",
    "Cao Sơn",
    "Lùng Phình",
    "Bắc Hà",
    "Bảo Nhai",
    "Cốc Lầu",
    "Si Ma Cai",
    "Sín Chéng",
    "Bát Xát",
    "Y Tý",
    "A Mú Sung",
    "Trịnh Tường",
    "Bản Xèo",
    "Mường Hum",
    "Dền Sáng",
    "Tả Phìn",
    "Tả Van",
    "Bản Hồ",
    "Mường Bo",
    "Ngũ Chỉ Sơn",
    "Bảo Thắng",
    "Phong Hải",
    "Xuân Quang",
    "Gia Phú",
    "Tằng Loỏng",
    "Bảo Yên",
    "Nghĩa Đô",
    "Thượng Hà",
    "Xuân Hòa",
    "Phúc Khánh",
    "Văn Bàn",
    "Chiềng Ken",
    "Khánh Yên",
    "Dương Quỳ",
    "Minh Lương",
    "Nậm Chày",
    "Võ Lao",
    "Hợp Thành",
    "Lùng Cải",
];

/// Villages (thôn, bản) of a commune.
pub const VILLAGES: &[&str] = &[
    "Lao Chải",
    "Sả Chải",
    "Na Pên",
    "Sín Chải",
    "Nậm Chảy",
    "Tả Thàng",
    "Bản Mế",
    "Lùng Vai",
    "Cốc Phương",
    "Pạc Bo",
    "Na Lốc",
    "Làng Mới",
    "Bản Phố",
    "Nậm Lúc",
    "Ma Ngán",
    "Tả Gia Khâu",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn every_name() -> Vec<&'static str> {
        let mut all: Vec<&str> = COMMUNES.iter().chain(VILLAGES).copied().collect();
        for (g, _) in GROUPS {
            all.push(g.label);
            for list in [g.families, g.male_middle, g.male_given, g.female_middle, g.female_given] {
                all.extend_from_slice(list);
            }
        }
        all
    }

    #[test]
    fn names_are_clean_nfc() {
        for name in every_name() {
            assert_eq!(hocba_core::text::clean_line(name), name, "{name:?} is not clean NFC");
            assert!(!name.is_empty());
        }
    }

    #[test]
    fn every_group_is_a_known_ethnicity() {
        for (g, _) in GROUPS {
            assert!(hocba_core::people::ethnicity(g.label).is_some(), "{}", g.label);
        }
        assert_eq!(MONG.ethnicity(), "H'Mông");
        assert_eq!(KINH.ethnicity(), "Kinh");
    }

    #[test]
    fn a_locale_mixes_groups() {
        let locale = Locale::for_school(1);
        let mut dice = Dice::for_school(1);
        let groups: std::collections::HashSet<&str> = (0..400).map(|_| locale.group(&mut dice).label).collect();
        assert!(groups.len() > 5, "{groups:?}");
        let name = MONG.full_name(&mut dice, true);
        assert_eq!(name.split(' ').count(), 3, "{name}");
    }
}
