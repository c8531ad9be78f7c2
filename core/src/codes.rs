//! Verification codes printed on issued documents: 12 characters of Crockford base32 (60 random
//! bits), shown in groups of four ("7KQ2-M9XD-4RTA"). People may type them in lower case, without
//! the dashes, or with O for 0 and I or L for 1.

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Length of a code without dashes.
pub const CODE_LEN: usize = 12;

/// A code from 8 random bytes (60 of their bits are used).
pub fn code_from_random(bytes: [u8; 8]) -> String {
    let mut n = u64::from_be_bytes(bytes);
    let mut out = [0u8; CODE_LEN];
    for slot in out.iter_mut().rev() {
        *slot = ALPHABET[(n & 31) as usize];
        n >>= 5;
    }
    out.iter().map(|b| char::from(*b)).collect()
}

/// "7KQ2M9XD4RTA" → "7KQ2-M9XD-4RTA".
pub fn display_code(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    chars.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

/// What a person typed (or a link held) as a stored code, if it can be one.
pub fn normalize_code(typed: &str) -> Option<String> {
    let mut out = String::with_capacity(CODE_LEN);
    for c in typed.chars() {
        let c = match c.to_ascii_uppercase() {
            '-' | ' ' | '.' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c if ALPHABET.contains(&(c as u8)) && c.is_ascii() => c,
            _ => return None,
        };
        out.push(c);
    }
    (out.len() == CODE_LEN).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn codes_are_grouped_and_read_back_leniently() {
        let code = code_from_random([1, 2, 3, 4, 5, 6, 7, 8]);
        assert_eq!(code.len(), CODE_LEN);
        let shown = display_code(&code);
        assert_eq!(shown.len(), CODE_LEN + 2);
        assert_eq!(normalize_code(&shown.to_lowercase()), Some(code.clone()));
        assert_eq!(normalize_code("oooo-iiii-llll"), Some("000011111111".to_string()));
        assert_eq!(normalize_code("ABCD-EFGH-JKMU"), None, "U is not in the alphabet");
        assert_eq!(normalize_code("ABCD"), None);
        assert_eq!(normalize_code("ABCD-EFGH-JKMNÂ"), None);
    }

    proptest! {
        #[test]
        fn every_code_normalizes_to_itself(bytes in any::<[u8; 8]>()) {
            let code = code_from_random(bytes);
            prop_assert_eq!(normalize_code(&display_code(&code)), Some(code.clone()));
            prop_assert!(code.chars().all(|c| ALPHABET.contains(&(c as u8))));
        }
    }
}
