//! `/quan-tri/lop/{class_id}/nhap`: a class's pupil list from a spreadsheet (preview first,
//! then "Nhập dữ liệu"), the current list to download and the example file.

use super::breadcrumb::Breadcrumb;
use super::current_year::load_current_year;
use crate::app::Route;
use crate::components::{ImportKind, ImportPanel};
use crate::hooks::{use_load, Loadable};
use crate::i18n::t;
use crate::services::api::{self, SheetFormat};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RosterImportPageProps {
    pub class_id: String,
}

#[component]
pub fn RosterImportPage(props: &RosterImportPageProps) -> Html {
    let tx = t();
    // Only for the class's name: the import itself needs just the id.
    let (current, _) = use_load((), |()| load_current_year());
    let class_name = match &*current {
        Loadable::Ready(Some(year)) => year.class(&props.class_id).map(|c| c.name.clone()),
        _ => None,
    };
    let title = class_name.as_deref().map_or_else(|| tx.roster_import_title.to_string(), tx.roster_import_of);
    let id = &props.class_id;
    html! {
        <section class="admin narrow-wide" data-class={id.clone()}>
            <Breadcrumb via={vec![(Route::AdminYears, AttrValue::from(tx.admin_years_title))]} />
            <h1>{ title }</h1>
            <p class="muted">{ tx.roster_import_intro }</p>
            <p class="downloads">
                <a class="button secondary small" href={api::roster_export_url(id, SheetFormat::Xlsx)} download=""
                    data-export="roster">{ tx.roster_download_xlsx }</a>
                <a class="button secondary small" href={api::roster_export_url(id, SheetFormat::Csv)} download="">
                    { tx.download_csv }
                </a>
                <a class="button secondary small" href={api::ROSTER_EXAMPLE_URL} download="" data-example="roster">
                    { tx.roster_example }
                </a>
            </p>
            <ImportPanel upload_url={api::roster_import_url(id)} kind={ImportKind::Roster} />
        </section>
    }
}
