//! "Năm học ở trường cũ": the years a transferred-in pupil studied at another school, imported
//! from that school's digitally signed record once the server verified its signatures. The list
//! is read-only; the form sends a signed PDF (a yearly record or a hand-over học bạ) or a yearly
//! record's XML with its detached signature (`.p7s`).

use super::signature_list::SignatureList;
use crate::app::vn_time::vn_date_time;
use crate::components::form_field::{aria_invalid, described_by, FormField};
use crate::components::FieldErrors;
use crate::i18n::domain as messages;
use crate::i18n::t;
use crate::services::api;
use hocba_core::api::documents::{ImportedYear, SignatureCheck};
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

/// How many of the signatures hold (intact and made with a trusted certificate).
fn valid_signatures(signatures: &[SignatureCheck]) -> usize {
    signatures.iter().filter(|s| s.intact && s.trusted).count()
}

/// The years of `answer` that were not in `known` (by id): the ones an import added.
fn added_count(known: &[String], answer: &[ImportedYear]) -> usize {
    answer.iter().filter(|y| !known.contains(&y.id)).count()
}

fn source_format_text(code: &str) -> String {
    let tx = t();
    match code {
        "pdf" => tx.source_format_pdf.into(),
        "xml" => tx.source_format_xml.into(),
        other => other.to_uppercase(),
    }
}

#[derive(Properties, PartialEq)]
pub struct ImportedYearsProps {
    pub pupil_id: AttrValue,
    pub years: Vec<ImportedYear>,
    /// Show the import form (not for a pupil who transferred out: the record is frozen).
    pub can_import: bool,
    /// Told the pupil's imported years after an import.
    pub on_change: Callback<Vec<ImportedYear>>,
}

#[component]
pub fn ImportedYears(props: &ImportedYearsProps) -> Html {
    let tx = t();
    if props.years.is_empty() && !props.can_import {
        return Html::default();
    }
    let known: Vec<String> = props.years.iter().map(|y| y.id.clone()).collect();
    html! {
        <section class="card imported-years" aria-labelledby="imported-years-heading" data-section="imported-years"
            data-count={props.years.len().to_string()}>
            <h2 id="imported-years-heading">{ tx.imported_years_title }</h2>
            if props.can_import {
                <p>{ tx.imported_years_intro }</p>
            }
            if props.years.is_empty() {
                <p class="muted" data-empty="imported-years">{ tx.imported_years_none }</p>
            } else {
                <p class="banner read-only" data-banner="imported-read-only">{ tx.imported_years_read_only }</p>
                <ImportedYearsTable years={props.years.clone()} />
            }
            if props.can_import {
                <ImportYearsForm pupil_id={props.pupil_id.clone()} {known} on_imported={props.on_change.clone()} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ImportedYearsTableProps {
    years: Vec<ImportedYear>,
}

#[component]
fn ImportedYearsTable(props: &ImportedYearsTableProps) -> Html {
    let tx = t();
    let mut years = props.years.clone();
    years.sort_by(|a, b| a.school_year.cmp(&b.school_year));
    let rows = years.into_iter().map(|year| {
        let key = year.id.clone();
        html! { <ImportedYearRow {key} {year} /> }
    });
    html! {
        <table class="stack imported-years-list">
            <thead>
                <tr>
                    <th scope="col">{ tx.col_school_year }</th>
                    <th scope="col">{ tx.col_class }</th>
                    <th scope="col">{ tx.col_from_school }</th>
                    <th scope="col">{ tx.col_result }</th>
                    <th scope="col">{ tx.col_source_code }</th>
                    <th scope="col">{ tx.col_source_format }</th>
                    <th scope="col">{ tx.col_signatures }</th>
                    <th scope="col">{ tx.col_imported_by }</th>
                </tr>
            </thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}

#[derive(Properties, PartialEq)]
struct ImportedYearRowProps {
    year: ImportedYear,
}

#[component]
fn ImportedYearRow(props: &ImportedYearRowProps) -> Html {
    let tx = t();
    let y = &props.year;
    let valid = valid_signatures(&y.signatures);
    let total = y.signatures.len();
    let when = vn_date_time(&y.imported_at);
    let imported = match &y.imported_by {
        Some(name) => (tx.imported_by_line)(name, &when),
        None => when,
    };
    html! {
        <tr data-imported-year={y.school_year.clone()} data-grade={y.grade.to_string()}
            data-source-format={y.source_format.clone()} data-valid-signatures={valid.to_string()}>
            <th scope="row" data-label={tx.col_school_year}>{ y.school_year.clone() }</th>
            <td data-label={tx.col_class}>{ y.class_name.clone() }</td>
            <td data-label={tx.col_from_school} data-field="from_school">{ y.from_school.clone() }</td>
            <td data-label={tx.col_result} data-field="result">
                { y.result.map(messages::result_name).unwrap_or(tx.none) }
            </td>
            <td data-label={tx.col_source_code} data-field="source_code" class="nowrap">
                { y.source_code.clone().unwrap_or_else(|| tx.none.into()) }
            </td>
            <td data-label={tx.col_source_format}>{ source_format_text(&y.source_format) }</td>
            <td data-label={tx.col_signatures} data-field="signatures">
                if total == 0 {
                    { tx.verify_no_signatures }
                } else {
                    <details class="imported-signatures">
                        <summary>{ (tx.signatures_summary)(valid, total) }</summary>
                        <SignatureList signatures={y.signatures.clone()} />
                    </details>
                }
            </td>
            <td data-label={tx.col_imported_by}>{ imported }</td>
        </tr>
    }
}

/// What the school received from the old school.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SourceKind {
    /// A signed PDF: a yearly record or the whole hand-over học bạ.
    Pdf,
    /// A yearly record's XML and its detached signature.
    Xml,
}

impl SourceKind {
    fn code(self) -> &'static str {
        match self {
            SourceKind::Pdf => "pdf",
            SourceKind::Xml => "xml",
        }
    }

    /// The request fields a server error may name, shown next to the input of that name.
    fn fields(self) -> &'static [&'static str] {
        match self {
            SourceKind::Pdf => &["file"],
            SourceKind::Xml => &["xml", "signature_base64"],
        }
    }
}

/// The files chosen, or the inputs left empty.
fn missing_files(
    kind: SourceKind,
    pdf: Option<&web_sys::File>,
    xml: Option<&web_sys::File>,
    p7s: Option<&web_sys::File>,
) -> FieldErrors {
    let tx = t();
    let mut errors = FieldErrors::default();
    match kind {
        SourceKind::Pdf if pdf.is_none() => errors.add("file", tx.import_year_missing_pdf),
        SourceKind::Pdf => {}
        SourceKind::Xml => {
            if xml.is_none() {
                errors.add("xml", tx.import_year_missing_xml);
            }
            if p7s.is_none() {
                errors.add("signature_base64", tx.import_year_missing_p7s);
            }
        }
    }
    errors
}

#[derive(Properties, PartialEq)]
struct ImportYearsFormProps {
    pupil_id: AttrValue,
    /// The ids of the years imported so far (to count the new ones).
    known: Vec<String>,
    on_imported: Callback<Vec<ImportedYear>>,
}

#[component]
fn ImportYearsForm(props: &ImportYearsFormProps) -> Html {
    let tx = t();
    let kind = use_state(|| SourceKind::Pdf);
    let pdf = use_state(|| None::<web_sys::File>);
    let xml = use_state(|| None::<web_sys::File>);
    let p7s = use_state(|| None::<web_sys::File>);
    let errors = use_state(FieldErrors::default);
    let busy = use_state(|| false);
    let done = use_state(|| None::<usize>);
    // The file inputs start empty again after each import.
    let generation = use_state(|| 0u32);

    // The other kind's inputs start empty: forget their files too.
    let on_kind = {
        let (kind, pdf, xml, p7s, errors) = (kind.clone(), pdf.clone(), xml.clone(), p7s.clone(), errors.clone());
        Callback::from(move |chosen: SourceKind| {
            kind.set(chosen);
            pdf.set(None);
            xml.set(None);
            p7s.set(None);
            errors.set(FieldErrors::default());
        })
    };
    let chooser = |slot: &UseStateHandle<Option<web_sys::File>>| {
        let (slot, errors, done) = (slot.clone(), errors.clone(), done.clone());
        Callback::from(move |file: Option<web_sys::File>| {
            slot.set(file);
            errors.set(FieldErrors::default());
            done.set(None);
        })
    };

    let onsubmit = {
        let (kind, pdf, xml, p7s) = (*kind, pdf.clone(), xml.clone(), p7s.clone());
        let (errors, busy, done, generation) = (errors.clone(), busy.clone(), done.clone(), generation.clone());
        let (pupil_id, known, on_imported) = (props.pupil_id.clone(), props.known.clone(), props.on_imported.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let missing = missing_files(kind, (*pdf).as_ref(), (*xml).as_ref(), (*p7s).as_ref());
            if !missing.is_empty() {
                errors.set(missing);
                return;
            }
            let files = ((*pdf).clone(), (*xml).clone(), (*p7s).clone());
            let (pdf, xml, p7s) = (pdf.clone(), xml.clone(), p7s.clone());
            let (errors, busy, done, generation) = (errors.clone(), busy.clone(), done.clone(), generation.clone());
            let (pupil_id, known, on_imported) = (pupil_id.clone(), known.clone(), on_imported.clone());
            busy.set(true);
            done.set(None);
            errors.set(FieldErrors::default());
            spawn_local(async move {
                let answer = match files {
                    (Some(file), _, _) if kind == SourceKind::Pdf => api::import_years_pdf(&pupil_id, &file).await,
                    (_, Some(xml_file), Some(signature)) => {
                        api::import_years_xml(&pupil_id, &xml_file, &signature).await
                    }
                    _ => {
                        busy.set(false);
                        return;
                    }
                };
                match answer {
                    Ok(years) => {
                        done.set(Some(added_count(&known, &years)));
                        pdf.set(None);
                        xml.set(None);
                        p7s.set(None);
                        generation.set(generation.wrapping_add(1));
                        on_imported.emit(years);
                    }
                    Err(err) => errors.set(FieldErrors::from_api(&err, kind.fields())),
                }
                busy.set(false);
            });
        })
    };

    let inputs = match *kind {
        SourceKind::Pdf => html! {
            <FileChoice key={format!("pdf-{}", *generation)} id="import-year-pdf" name="file"
                label={tx.import_year_pdf_label} hint={tx.import_year_pdf_hint} accept="application/pdf,.pdf"
                error={errors.get("file")} disabled={*busy} on_choose={chooser(&pdf)} />
        },
        SourceKind::Xml => html! {
            <>
                <FileChoice key={format!("xml-{}", *generation)} id="import-year-xml" name="xml"
                    label={tx.import_year_xml_label} hint={tx.import_year_xml_hint}
                    accept="application/xml,text/xml,.xml" error={errors.get("xml")} disabled={*busy}
                    on_choose={chooser(&xml)} />
                <FileChoice key={format!("p7s-{}", *generation)} id="import-year-p7s" name="signature_base64"
                    label={tx.import_year_p7s_label} hint={tx.import_year_p7s_hint}
                    accept=".p7s,application/pkcs7-signature" error={errors.get("signature_base64")}
                    disabled={*busy} on_choose={chooser(&p7s)} />
            </>
        },
    };
    html! {
        <form class="admin-form import-years" {onsubmit} novalidate=true data-form="import-years"
            data-source-kind={kind.code()} aria-labelledby="import-years-heading" aria-busy={busy.to_string()}>
            <h3 id="import-years-heading">{ tx.import_year_heading }</h3>
            if let Some(n) = *done {
                <p class="banner ok" role="status" data-banner="imported" data-imported={n.to_string()}>
                    { (tx.imported_years_done)(n) }
                </p>
            }
            <div role="alert" data-import-error="">
                if let Some(message) = errors.general() {
                    <p class="form-error">{ message.to_string() }</p>
                }
            </div>
            <SourceKindChoice value={*kind} disabled={*busy} on_change={on_kind} />
            { inputs }
            <div class="actions">
                <button type="submit" class="button primary" data-action="import-years" disabled={*busy}>
                    { if *busy { tx.import_year_busy } else { tx.import_year_submit } }
                </button>
            </div>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct SourceKindChoiceProps {
    value: SourceKind,
    disabled: bool,
    on_change: Callback<SourceKind>,
}

/// The choice between a signed PDF and the XML with its signature file.
#[component]
fn SourceKindChoice(props: &SourceKindChoiceProps) -> Html {
    let tx = t();
    let option = |kind: SourceKind, label: &'static str| {
        let on_change = props.on_change.clone();
        let id = format!("import-year-kind-{}", kind.code());
        html! {
            <div class="check-field">
                <input id={id.clone()} type="radio" name="import-year-kind" value={kind.code()}
                    checked={props.value == kind} disabled={props.disabled}
                    onchange={move |_: Event| on_change.emit(kind)} />
                <label for={id}>{ label }</label>
            </div>
        }
    };
    html! {
        <fieldset class="choice" data-field="source_kind">
            <legend>{ tx.import_year_format }</legend>
            { option(SourceKind::Pdf, tx.import_year_format_pdf) }
            { option(SourceKind::Xml, tx.import_year_format_xml) }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct FileChoiceProps {
    id: AttrValue,
    /// The request field the file becomes (`data-field`, and where server errors go).
    name: AttrValue,
    label: AttrValue,
    hint: AttrValue,
    accept: AttrValue,
    error: Option<AttrValue>,
    disabled: bool,
    on_choose: Callback<Option<web_sys::File>>,
}

/// One labelled file input; tells the chosen file (or `None` when the choice was cleared).
#[component]
fn FileChoice(props: &FileChoiceProps) -> Html {
    let on_choose = props.on_choose.clone();
    let onchange = Callback::from(move |e: Event| {
        let input = e.target_unchecked_into::<HtmlInputElement>();
        on_choose.emit(input.files().and_then(|list| list.get(0)));
    });
    let invalid = props.error.is_some();
    html! {
        <FormField id={props.id.clone()} label={props.label.clone()} name={props.name.clone()}
            hint={props.hint.clone()} error={props.error.clone()} required=true>
            <input id={props.id.clone()} name={props.name.clone()} type="file" accept={props.accept.clone()}
                required=true disabled={props.disabled} {onchange} data-file-input={props.name.clone()}
                aria-invalid={aria_invalid(invalid)}
                aria-describedby={described_by(&props.id, true, invalid)} />
        </FormField>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signature(intact: bool, trusted: bool) -> SignatureCheck {
        SignatureCheck {
            role: None,
            signer: "Nguyễn Văn A".into(),
            issuer: "CA Trường Tiểu học Kim Đồng".into(),
            signed_at: None,
            intact,
            trusted,
            timestamped: false,
            problem: None,
            test_certificate: false,
            certificate_serial: None,
            certificate_revoked_at: None,
            certifies: false,
        }
    }

    fn year(id: &str) -> ImportedYear {
        ImportedYear {
            id: id.into(),
            school_year: "2023-2024".into(),
            grade: 1,
            class_name: "1A".into(),
            from_school: "Trường Tiểu học Kim Đồng".into(),
            source_code: Some("7KQ2-M9XD-4RTA".into()),
            source_format: "pdf".into(),
            result: None,
            signatures: Vec::new(),
            imported_at: "2026-09-05T02:00:00Z".into(),
            imported_by: None,
        }
    }

    #[test]
    fn only_intact_trusted_signatures_count() {
        let all = [signature(true, true), signature(true, false), signature(false, true), signature(true, true)];
        assert_eq!(valid_signatures(&all), 2);
        assert_eq!((t().signatures_summary)(3, 3), "3 chữ kí số hợp lệ");
        assert_eq!((t().signatures_summary)(2, 3), "2/3 chữ kí số hợp lệ");
    }

    #[test]
    fn an_import_counts_the_new_years() {
        let known = vec!["a".to_string()];
        assert_eq!(added_count(&known, &[year("a"), year("b"), year("c")]), 2);
        assert_eq!(added_count(&[], &[year("a")]), 1);
        assert_eq!((t().imported_years_done)(2), "Đã nhập 2 năm học.");
    }

    #[test]
    fn every_file_must_be_chosen() {
        assert!(missing_files(SourceKind::Pdf, None, None, None).get("file").is_some());
        let xml = missing_files(SourceKind::Xml, None, None, None);
        assert!(xml.get("xml").is_some() && xml.get("signature_base64").is_some());
        assert!(xml.get("file").is_none());
    }
}
