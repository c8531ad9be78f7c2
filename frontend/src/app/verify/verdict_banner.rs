//! The verdict of a verification, first and large: a coloured banner with an icon and the
//! verdict sentence of `hocba_core::messages::verdict_text`; for a revoked document, when and
//! why. `data-verdict` carries the verdict's code for tests.

use crate::app::vn_time::vn_date_time;
use crate::i18n::domain::verdict_text;
use crate::i18n::t;
use hocba_core::api::documents::Verdict;
use yew::prelude::*;

/// The verdict as the API spells it (`authentic`, `unknown_signer`…).
pub fn verdict_code(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Authentic => "authentic",
        Verdict::Modified => "modified",
        Verdict::Revoked => "revoked",
        Verdict::UnknownSigner => "unknown_signer",
        Verdict::NotSigned => "not_signed",
        Verdict::NotFound => "not_found",
    }
}

/// A sign everyone reads without words (the colour says it too).
pub fn verdict_icon(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Authentic => "✓",
        Verdict::Modified => "✗",
        Verdict::Revoked => "⊘",
        Verdict::UnknownSigner => "⚠",
        Verdict::NotSigned | Verdict::NotFound => "?",
    }
}

/// The verdict sentence as a short headline and the rest: "Bản gốc, còn nguyên vẹn" and
/// "Chữ kí số hợp lệ…" (split at its first colon; a sentence without one is all headline).
pub fn headline_and_detail(sentence: &str) -> (&str, Option<String>) {
    match sentence.split_once(": ") {
        Some((head, rest)) if !rest.trim().is_empty() => {
            let mut chars = rest.chars();
            let detail = chars.next().map(|first| first.to_uppercase().chain(chars).collect::<String>());
            (head, detail)
        }
        _ => (sentence, None),
    }
}

#[derive(Properties, PartialEq)]
pub struct VerdictBannerProps {
    pub verdict: Verdict,
    #[prop_or_default]
    pub revoked_at: Option<String>,
    #[prop_or_default]
    pub revoked_reason: Option<String>,
    /// Why the verdict is not authentic (Vietnamese, from the server).
    #[prop_or_default]
    pub problem: Option<String>,
    /// Focused when the answer arrives, so that it is read out first.
    #[prop_or_default]
    pub node: NodeRef,
    /// Signed with test certificates: never the green verdict.
    #[prop_or_default]
    pub test_certificate: bool,
    /// A newer document replaced this one: when, and its code.
    #[prop_or_default]
    pub superseded_at: Option<String>,
    #[prop_or_default]
    pub superseded_by: Option<String>,
}

#[component]
pub fn VerdictBanner(props: &VerdictBannerProps) -> Html {
    let tx = t();
    let code = verdict_code(props.verdict);
    // A trial document is never shown as a valid original, however intact its signatures.
    let trial = props.test_certificate && props.verdict == Verdict::Authentic;
    let (headline, detail) = if trial {
        (crate::i18n::domain::fixed().verify_test_certificate, Some(tx.verify_test_detail.to_string()))
    } else {
        headline_and_detail(verdict_text(props.verdict))
    };
    let superseded = props.superseded_at.as_deref().map(|at| {
        let line = (tx.verify_superseded_line)(&vn_date_time(at), props.superseded_by.as_deref());
        html! { <p class="verdict-superseded" data-field="superseded">{ line }</p> }
    });
    let revoked = (props.verdict == Verdict::Revoked).then(|| {
        let when = props.revoked_at.as_deref().map(vn_date_time).unwrap_or_default();
        let reason = props.revoked_reason.clone().unwrap_or_default();
        html! { <p class="verdict-revoked" data-field="revoked">{ (tx.revoked_line)(&when, &reason) }</p> }
    });
    let problem = props
        .problem
        .as_ref()
        // Not for an authentic document, nor when it only repeats the verdict sentence.
        .filter(|p| props.verdict != Verdict::Authentic && p.as_str() != verdict_text(props.verdict))
        .map(|p| html! { <p class="verdict-problem">{ p.clone() }</p> });
    html! {
        <section ref={props.node.clone()} class={classes!("verdict", format!("verdict-{code}"), trial.then_some("verdict-test"))}
            data-testid="verify-verdict" data-verdict={code} data-test-certificate={trial.to_string()}
            tabindex="-1" aria-live="polite">
            <span class="verdict-icon" aria-hidden="true">{ if trial { "⚠" } else { verdict_icon(props.verdict) } }</span>
            <div class="verdict-text">
                <p class="verdict-headline">{ headline }</p>
                if let Some(detail) = detail {
                    <p class="verdict-detail">{ detail }</p>
                }
                { for revoked }
                { for superseded }
                { for problem }
            </div>
        </section>
    }
}

/// A smaller verdict, for a yearly record attached to a hand-over học bạ.
#[derive(Properties, PartialEq)]
pub struct VerdictBadgeProps {
    pub verdict: Verdict,
}

#[component]
pub fn VerdictBadge(props: &VerdictBadgeProps) -> Html {
    let code = verdict_code(props.verdict);
    html! {
        <p class={classes!("verdict-badge", format!("verdict-{code}"))} data-verdict={code}>
            <span class="verdict-icon" aria-hidden="true">{ verdict_icon(props.verdict) }</span>
            { " " }{ verdict_text(props.verdict) }
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verdict_sentence_splits_at_its_colon() {
        let (head, detail) = headline_and_detail(verdict_text(Verdict::Authentic));
        assert_eq!(head, "Bản gốc, còn nguyên vẹn");
        assert!(detail.is_some_and(|d| d.starts_with("Chữ kí số")));
        let (head, detail) = headline_and_detail(verdict_text(Verdict::Revoked));
        assert_eq!(head, verdict_text(Verdict::Revoked));
        assert_eq!(detail, None);
    }

    #[test]
    fn codes_match_the_api() {
        for v in [
            Verdict::Authentic,
            Verdict::Modified,
            Verdict::Revoked,
            Verdict::UnknownSigner,
            Verdict::NotSigned,
            Verdict::NotFound,
        ] {
            assert_eq!(serde_json::to_value(v).ok(), Some(serde_json::Value::from(verdict_code(v))));
        }
    }
}
