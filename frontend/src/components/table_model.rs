//! The model behind sortable, filterable tables (pure, tested on the host): which rows a text
//! filter keeps, ignoring case and Vietnamese diacritics, and in which order they show.

use hocba_core::text::fold_diacritics;
use std::cmp::Ordering;

/// What a column sorts by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SortKey {
    /// Plain text, compared without diacritics first ("Đỗ" sorts with "Do").
    Text(String),
    /// A Vietnamese full name: by given name (the last word), then family and middle names.
    Name(String),
    Number(i64),
    /// No value: last in either direction.
    Missing,
}

impl SortKey {
    /// `Text`, or `Missing` when there is no text.
    pub fn text_opt(s: Option<&str>) -> SortKey {
        match s.map(str::trim) {
            Some(t) if !t.is_empty() => SortKey::Text(t.to_string()),
            _ => SortKey::Missing,
        }
    }
}

/// The sorted column and direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: usize,
    pub ascending: bool,
}

impl Sort {
    pub fn asc(column: usize) -> Self {
        Sort { column, ascending: true }
    }

    /// After a click on `column`: the same column flips, another one starts ascending.
    pub fn after_click(current: Option<Sort>, column: usize) -> Sort {
        match current {
            Some(s) if s.column == column => Sort { column, ascending: !s.ascending },
            _ => Sort::asc(column),
        }
    }
}

/// The `aria-sort` value of a column header.
pub fn aria_sort(sort: Option<Sort>, column: usize) -> &'static str {
    match sort {
        Some(s) if s.column == column && s.ascending => "ascending",
        Some(s) if s.column == column => "descending",
        _ => "none",
    }
}

/// Text as searches and sorting compare it: no diacritics, lower case.
pub fn search_text(s: &str) -> String {
    fold_diacritics(s).to_lowercase()
}

/// Whether every word of `filter` occurs in `haystack`, ignoring case and diacritics
/// ("nguyen an" finds "Nguyễn Văn An"). An empty filter keeps everything.
pub fn matches_filter(filter: &str, haystack: &str) -> bool {
    let hay = search_text(haystack);
    search_text(filter).split_whitespace().all(|word| hay.contains(word))
}

fn name_parts(name: &str) -> (String, String) {
    let folded = search_text(name);
    let mut words: Vec<&str> = folded.split_whitespace().collect();
    let given = words.pop().unwrap_or_default().to_string();
    (given, words.join(" "))
}

fn rank(key: &SortKey) -> u8 {
    match key {
        SortKey::Number(_) => 0,
        SortKey::Text(_) | SortKey::Name(_) => 1,
        SortKey::Missing => 2,
    }
}

/// Ascending order of two keys: numbers, then text, then missing values; equal folded texts
/// fall back to the exact text so the order is stable and total.
pub fn compare_keys(a: &SortKey, b: &SortKey) -> Ordering {
    match (a, b) {
        (SortKey::Number(x), SortKey::Number(y)) => x.cmp(y),
        (SortKey::Name(x), SortKey::Name(y)) => name_parts(x).cmp(&name_parts(y)).then_with(|| x.cmp(y)),
        (SortKey::Text(x) | SortKey::Name(x), SortKey::Text(y) | SortKey::Name(y)) => {
            search_text(x).cmp(&search_text(y)).then_with(|| x.cmp(y))
        }
        _ => rank(a).cmp(&rank(b)),
    }
}

/// The rows to show: those whose `text` matches `filter`, ordered by `sort` (by the key of the
/// sorted column, `key(row, column)`); rows with equal keys keep their order.
pub fn arrange<'a, R>(
    rows: &'a [R],
    filter: &str,
    text: impl Fn(&R) -> String,
    sort: Option<Sort>,
    key: impl Fn(&R, usize) -> SortKey,
) -> Vec<&'a R> {
    let mut shown: Vec<&R> = rows.iter().filter(|r| matches_filter(filter, &text(r))).collect();
    if let Some(sort) = sort {
        let mut keyed: Vec<(SortKey, &R)> = shown.into_iter().map(|r| (key(r, sort.column), r)).collect();
        keyed.sort_by(|(a, _), (b, _)| match (a, b) {
            (SortKey::Missing, SortKey::Missing) => Ordering::Equal,
            (SortKey::Missing, _) => Ordering::Greater,
            (_, SortKey::Missing) => Ordering::Less,
            _ if sort.ascending => compare_keys(a, b),
            _ => compare_keys(a, b).reverse(),
        });
        shown = keyed.into_iter().map(|(_, r)| r).collect();
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clicks_toggle_the_direction() {
        let first = Sort::after_click(None, 2);
        assert_eq!(first, Sort { column: 2, ascending: true });
        let second = Sort::after_click(Some(first), 2);
        assert_eq!(second, Sort { column: 2, ascending: false });
        assert_eq!(Sort::after_click(Some(second), 0), Sort::asc(0));
        assert_eq!(aria_sort(Some(first), 2), "ascending");
        assert_eq!(aria_sort(Some(second), 2), "descending");
        assert_eq!(aria_sort(Some(second), 1), "none");
        assert_eq!(aria_sort(None, 0), "none");
    }

    #[test]
    fn filter_ignores_case_and_diacritics() {
        assert!(matches_filter("nguyen an", "Nguyễn Văn An"));
        assert!(matches_filter("ĐỖ", "đỗ quang huy"));
        assert!(matches_filter("do huy", "Đỗ Quang Huy"));
        assert!(matches_filter("  ", "anything"));
        assert!(matches_filter("huong", "Phạm Thị Hường"));
        assert!(!matches_filter("binh", "Nguyễn Văn An"));
    }

    #[test]
    fn names_sort_by_given_name_then_family() {
        let names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Đỗ Minh Châu"];
        let sorted = arrange(&names, "", |n| n.to_string(), Some(Sort::asc(0)), |n, _| SortKey::Name(n.to_string()));
        assert_eq!(sorted, vec![&"Lê Văn An", &"Nguyễn Thị An", &"Trần Văn Bình", &"Đỗ Minh Châu"]);
    }

    #[test]
    fn text_and_numbers_sort_both_ways_with_missing_last() {
        let rows = [("5A", Some(30)), ("1B", None), ("Đ2", Some(12)), ("1a", Some(28))];
        let by_text = |asc| {
            let sort = Some(Sort { column: 0, ascending: asc });
            arrange(&rows, "", |r| r.0.to_string(), sort, |r, _| SortKey::Text(r.0.to_string()))
                .into_iter()
                .map(|r| r.0)
                .collect::<Vec<_>>()
        };
        assert_eq!(by_text(true), ["1a", "1B", "5A", "Đ2"]);
        assert_eq!(by_text(false), ["Đ2", "5A", "1B", "1a"]);
        let by_size = arrange(
            &rows,
            "",
            |r| r.0.to_string(),
            Some(Sort::asc(1)),
            |r, _| r.1.map_or(SortKey::Missing, |n| SortKey::Number(i64::from(n))),
        );
        assert_eq!(by_size.into_iter().map(|r| r.0).collect::<Vec<_>>(), ["Đ2", "1a", "5A", "1B"]);
        let by_size_desc = arrange(
            &rows,
            "",
            |r| r.0.to_string(),
            Some(Sort { column: 1, ascending: false }),
            |r, _| r.1.map_or(SortKey::Missing, |n| SortKey::Number(i64::from(n))),
        );
        assert_eq!(by_size_desc.into_iter().map(|r| r.0).collect::<Vec<_>>(), ["5A", "1a", "Đ2", "1B"]);
    }

    #[test]
    fn filter_then_keep_order_without_sort() {
        let rows = ["Hà Nội", "Hải Phòng", "Huế"];
        let shown = arrange(&rows, "ha", |r| r.to_string(), None, |r, _| SortKey::Text(r.to_string()));
        assert_eq!(shown, vec![&"Hà Nội", &"Hải Phòng"]);
        assert_eq!(SortKey::text_opt(Some("  ")), SortKey::Missing);
        assert_eq!(SortKey::text_opt(Some("x")), SortKey::Text("x".into()));
    }
}
