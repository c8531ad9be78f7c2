//! `docs/benchmarks.md` holds one section per benchmark between `<!-- bench:NAME -->` and
//! `<!-- /bench:NAME -->`; each `cargo xtask bench NAME` rewrites only its own section.

pub fn replace(doc: &str, name: &str, content: &str) -> String {
    let open = format!("<!-- bench:{name} -->");
    let close = format!("<!-- /bench:{name} -->");
    let block = format!("{open}\n{}\n{close}", content.trim_end());
    match (doc.find(&open), doc.find(&close)) {
        (Some(a), Some(b)) if b > a => format!("{}{}{}", &doc[..a], block, &doc[b + close.len()..]),
        _ if doc.trim().is_empty() => format!("# Benchmarks\n\n{block}\n"),
        _ => format!("{}\n\n{block}\n", doc.trim_end()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_replaced_in_place_or_appended() {
        let doc = replace("", "pdf", "one");
        assert!(doc.contains("<!-- bench:pdf -->\none\n<!-- /bench:pdf -->"));
        let doc = replace(&doc, "import", "two");
        let doc = replace(&doc, "pdf", "three");
        assert!(doc.contains("three") && doc.contains("two") && !doc.contains("one"));
        assert!(doc.find("three") < doc.find("two"));
    }
}
