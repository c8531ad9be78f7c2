//! The panel of a grid cell another user changed while the teacher typed: both values side by
//! side and a choice between them. It opens inside the cell's `<td>` with focus on its first
//! button; Escape closes it (the cell stays marked) and gives focus back to the cell.

use crate::app::grid::model::{CellKey, CellValue, Choice, ConflictEvent};
use crate::i18n::domain as messages;
use crate::i18n::t;
use wasm_bindgen::JsCast;
use web_sys::{Element, FocusOptions, HtmlElement, ScrollIntoViewOptions, ScrollLogicalPosition};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConflictPanelProps {
    pub pupil_id: AttrValue,
    pub pupil_name: AttrValue,
    /// The subject or quality name.
    pub column: AttrValue,
    pub cell: CellKey,
    /// The subject has a test score at this period.
    pub scored: bool,
    /// The teacher's value.
    pub mine: CellValue,
    /// The server's value now.
    pub theirs: CellValue,
    /// Who saved it, and when.
    #[prop_or_default]
    pub author: Option<AttrValue>,
    pub on_event: Callback<ConflictEvent>,
}

#[component]
pub fn ConflictPanel(props: &ConflictPanelProps) -> Html {
    let tx = t();
    let panel = use_node_ref();
    let first = use_node_ref();
    {
        // Focus into the panel, once the cell and the panel are in sight (a plain focus would
        // centre the button, leaving the cell under the grid's sticky header).
        let (panel, first) = (panel.clone(), first.clone());
        use_effect_with((), move |_| {
            if let Some(el) = panel.cast::<Element>() {
                reveal(&el);
            }
            if let Some(button) = first.cast::<HtmlElement>() {
                let options = FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = button.focus_with_options(&options);
            }
        });
    }
    // Focus goes back to the cell's input before the panel disappears.
    let emit = {
        let (panel, on_event) = (panel.clone(), props.on_event.clone());
        move |event: ConflictEvent| {
            focus_cell_input(&panel);
            on_event.emit(event);
        }
    };
    let onkeydown = {
        let emit = emit.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                e.stop_propagation();
                emit(ConflictEvent::Close);
            }
        })
    };
    let on_mine = {
        let emit = emit.clone();
        Callback::from(move |_: MouseEvent| emit(ConflictEvent::Choose(Choice::Mine)))
    };
    let on_theirs = Callback::from(move |_: MouseEvent| emit(ConflictEvent::Choose(Choice::Theirs)));

    let path = props.cell.path();
    let id = format!("conflict-{}-{}", props.pupil_id, path.replace('.', "-"));
    let (title_id, hint_id) = (format!("{id}-title"), format!("{id}-hint"));
    let show_comment =
        matches!(props.cell, CellKey::Subject(_)) || has_comment(&props.mine) || has_comment(&props.theirs);
    let side = |kind: &'static str, label: &'static str, value: &CellValue, author: Option<AttrValue>| {
        let (level, score, comment) = parts(value);
        html! {
            <div class={classes!("conflict-side", kind)} data-side={kind}>
                <p class="conflict-side-title">{ label }</p>
                if let Some(author) = author {
                    <p class="conflict-author" data-part="author">{ (tx.conflict_saved_by)(&author) }</p>
                }
                <dl>
                    <dt>{ tx.col_level }</dt>
                    <dd data-part="level" data-value={level.0}>{ level.1 }</dd>
                    if props.scored {
                        <dt>{ tx.col_score }</dt>
                        <dd data-part="score">{ score }</dd>
                    }
                    if show_comment {
                        <dt>{ tx.col_comment }</dt>
                        <dd data-part="comment">{ comment }</dd>
                    }
                </dl>
            </div>
        }
    };

    html! {
        <div ref={panel} class="conflict-panel" id={id} role="dialog" aria-modal="false"
            aria-labelledby={title_id.clone()} aria-describedby={hint_id.clone()}
            data-conflict={path} data-pupil={props.pupil_id.clone()} {onkeydown}>
            <p class="conflict-title" id={title_id}>{ (tx.conflict_title)(&props.pupil_name, &props.column) }</p>
            <div class="conflict-values">
                { side("mine", tx.conflict_mine, &props.mine, None) }
                { side("theirs", tx.conflict_theirs, &props.theirs, props.author.clone()) }
            </div>
            <div class="actions">
                <button ref={first} type="button" class="button primary" data-choice="mine" onclick={on_mine}>
                    { tx.conflict_keep_mine }
                </button>
                <button type="button" class="button secondary" data-choice="theirs" onclick={on_theirs}>
                    { tx.conflict_use_theirs }
                </button>
            </div>
            <p class="hint" id={hint_id}>{ tx.conflict_hint }</p>
        </div>
    }
}

fn has_comment(value: &CellValue) -> bool {
    match value {
        CellValue::Subject(c) => c.comment.is_some(),
        CellValue::Quality(c) => c.comment.is_some(),
    }
}

/// ((level code, level shown), score, comment) as the panel shows them; "—" when empty.
fn parts(value: &CellValue) -> ((Option<&'static str>, String), String, String) {
    let tx = t();
    let none = tx.none;
    let (level, score, comment) = match value {
        CellValue::Subject(c) => {
            (c.level.map(|l| (l.code(), messages::subject_level_name(l))), c.score, c.comment.as_deref())
        }
        CellValue::Quality(c) => {
            (c.level.map(|l| (l.code(), messages::quality_level_name(l))), None, c.comment.as_deref())
        }
    };
    (
        (level.map(|l| l.0), level.map_or_else(|| none.to_string(), |(code, name)| (tx.conflict_level)(code, name))),
        score.map_or_else(|| none.to_string(), |s| s.to_string()),
        comment.unwrap_or(none).to_string(),
    )
}

/// Focuses the input of the cell the panel belongs to.
fn focus_cell_input(panel: &NodeRef) {
    let input = panel
        .cast::<Element>()
        .and_then(|el| el.closest("td").ok().flatten())
        .and_then(|td| td.query_selector("input").ok().flatten())
        .and_then(|input| input.dyn_into::<HtmlElement>().ok());
    if let Some(input) = input {
        let _ = input.focus();
    }
}

/// Scrolls the grid so that the cell's input and the panel under it are both visible, clear of
/// the sticky header row and pupil column, then the page as far as needed.
fn reveal(panel: &Element) {
    let (Some(cell), Some(wrap)) = (panel.parent_element(), panel.closest(".grid-wrap").ok().flatten()) else {
        return;
    };
    let sticky = |selector: &str| wrap.query_selector(selector).ok().flatten().map(|el| el.get_bounding_client_rect());
    let (view, cell, panel_box) =
        (wrap.get_bounding_client_rect(), cell.get_bounding_client_rect(), panel.get_bounding_client_rect());
    let top = view.top() + sticky("thead").map_or(0.0, |r| r.height());
    let bottom = view.top() + f64::from(wrap.client_height());
    let left = view.left() + sticky("tbody th.sticky-col").map_or(0.0, |r| r.width());
    let right = view.left() + f64::from(wrap.client_width());
    let dy = shift(cell.top(), panel_box.bottom(), top, bottom);
    let dx = shift(cell.left().min(panel_box.left()), cell.right().max(panel_box.right()), left, right);
    wrap.set_scroll_top(wrap.scroll_top() + dy);
    wrap.set_scroll_left(wrap.scroll_left() + dx);
    let options = ScrollIntoViewOptions::new();
    options.set_block(ScrollLogicalPosition::Nearest);
    options.set_inline(ScrollLogicalPosition::Nearest);
    panel.scroll_into_view_with_scroll_into_view_options(&options);
}

/// How far to scroll so that `start..end` is inside `min..max`; its start wins when it cannot fit.
fn shift(start: f64, end: f64, min: f64, max: f64) -> i32 {
    let delta = if start < min {
        start - min
    } else if end > max {
        (end - max).min(start - min)
    } else {
        0.0
    };
    // Whole pixels (a grid is far smaller than i32::MAX of them).
    delta.round() as i32
}
