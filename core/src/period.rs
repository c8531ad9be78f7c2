//! The four periodic assessment points of a school year.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Giữa học kì I
    GiuaHk1,
    /// Cuối học kì I
    CuoiHk1,
    /// Giữa học kì II
    GiuaHk2,
    /// Cuối năm học
    CuoiNam,
}

impl Period {
    pub const ALL: [Period; 4] = [Period::GiuaHk1, Period::CuoiHk1, Period::GiuaHk2, Period::CuoiNam];

    /// Stable code used in URLs and in the database.
    pub fn code(self) -> &'static str {
        match self {
            Period::GiuaHk1 => "giua_hk1",
            Period::CuoiHk1 => "cuoi_hk1",
            Period::GiuaHk2 => "giua_hk2",
            Period::CuoiNam => "cuoi_nam",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }
}
