//! Spreadsheet-like movement between the cells of the assessment grid: arrow keys and Enter move
//! focus, a block copied from a spreadsheet is typed into the cells to the right and below. A cell
//! is an `<input>` (levels, scores) or a `<textarea>` (comments, which may hold several lines).

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement};

/// Every editable control of a grid row carries this class and a `data-field`.
const CELLS: &str = ".cell-input[data-field]";

/// The editing control of one grid cell.
pub enum CellControl {
    Input(HtmlInputElement),
    Area(HtmlTextAreaElement),
}

impl CellControl {
    pub fn of(element: Element) -> Option<Self> {
        match element.dyn_into::<HtmlInputElement>() {
            Ok(input) => Some(CellControl::Input(input)),
            Err(element) => element.dyn_into::<HtmlTextAreaElement>().ok().map(CellControl::Area),
        }
    }

    /// The control an event happened on.
    pub fn target(event: &web_sys::Event) -> Option<Self> {
        event.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(Self::of)
    }

    pub fn element(&self) -> &Element {
        match self {
            CellControl::Input(i) => i.as_ref(),
            CellControl::Area(a) => a.as_ref(),
        }
    }

    pub fn value(&self) -> String {
        match self {
            CellControl::Input(i) => i.value(),
            CellControl::Area(a) => a.value(),
        }
    }

    fn set_value(&self, value: &str) {
        match self {
            CellControl::Input(i) => i.set_value(value),
            CellControl::Area(a) => a.set_value(value),
        }
    }

    fn read_only(&self) -> bool {
        match self {
            CellControl::Input(i) => i.read_only(),
            CellControl::Area(a) => a.read_only(),
        }
    }

    /// The selection as UTF-16 offsets (`start`, `end`).
    pub fn selection(&self) -> (Option<u32>, Option<u32>) {
        match self {
            CellControl::Input(i) => (i.selection_start().ok().flatten(), i.selection_end().ok().flatten()),
            CellControl::Area(a) => (a.selection_start().ok().flatten(), a.selection_end().ok().flatten()),
        }
    }

    /// Focuses the control with its whole text selected (typing replaces it).
    pub fn focus_and_select(&self) {
        match self {
            CellControl::Input(i) => {
                let _ = i.focus();
                i.select();
            }
            CellControl::Area(a) => {
                let _ = a.focus();
                a.select();
            }
        }
    }

    fn is_multiline(&self) -> bool {
        matches!(self, CellControl::Area(_))
    }
}

/// Moves focus from `cell` to the neighbouring grid cell for arrow keys and Enter
/// (Shift+Enter goes up, except in a comment, where it starts a new line). Left/Right move only
/// when the caret is at the edge of the text, Up/Down in a comment only from its first or last
/// line. Returns whether focus moved.
pub fn move_focus(cell: &CellControl, key: &str, shift: bool) -> bool {
    let vertical = match key {
        "ArrowUp" if at_edge_line(cell, true) => Some(true),
        "ArrowDown" if at_edge_line(cell, false) => Some(false),
        "Enter" if !(shift && cell.is_multiline()) => Some(shift),
        _ => None,
    };
    let element = cell.element();
    let Some(field) = element.get_attribute("data-field") else {
        return false;
    };
    let Ok(Some(tr)) = element.closest("tr") else {
        return false;
    };
    let target = if let Some(up) = vertical {
        let row = if up { tr.previous_element_sibling() } else { tr.next_element_sibling() };
        row.and_then(|r| r.query_selector(&format!(".cell-input[data-field=\"{field}\"]")).ok().flatten())
    } else {
        let left = match key {
            "ArrowLeft" => true,
            "ArrowRight" => false,
            _ => return false,
        };
        if !caret_at_edge(cell, left) {
            return false;
        }
        neighbour_in_row(&tr, element, left)
    };
    match target.and_then(CellControl::of) {
        Some(next) => {
            next.focus_and_select();
            true
        }
        None => false,
    }
}

/// An arrow key that would leave the cell (← / → with the caret at the text's edge, ↑ / ↓ from
/// the first or last line).
pub fn wants_to_leave(cell: &CellControl, key: &str) -> bool {
    match key {
        "ArrowUp" => at_edge_line(cell, true),
        "ArrowDown" => at_edge_line(cell, false),
        "ArrowLeft" => caret_at_edge(cell, true),
        "ArrowRight" => caret_at_edge(cell, false),
        _ => false,
    }
}

/// Types `block` into the grid from `cell` on: row `r` of the block goes `r` rows down, column
/// `c` goes `c` cells to the right in that row. Each value goes through the cell's own input and
/// change handling (validation, marking, saving); cells past the grid's edge or read-only are
/// left alone.
pub fn paste_block(cell: &CellControl, block: &[Vec<String>]) {
    let element = cell.element();
    let (Ok(Some(first_tr)), Some(column)) = (element.closest("tr"), cell_position(element)) else { return };
    let mut tr = Some(first_tr);
    for values in block {
        let Some(row) = tr else { break };
        let cells = cells_of(&row);
        for (offset, value) in values.iter().enumerate() {
            let Some(target) = cells.get(column + offset).cloned().and_then(CellControl::of) else {
                break;
            };
            if target.read_only() {
                continue;
            }
            target.set_value(value);
            for kind in ["input", "change"] {
                let init = web_sys::EventInit::new();
                init.set_bubbles(true);
                if let Ok(event) = web_sys::Event::new_with_event_init_dict(kind, &init) {
                    let _ = target.element().dispatch_event(&event);
                }
            }
        }
        tr = row.next_element_sibling();
    }
    if let Some(html) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = html.focus();
    }
}

/// Whether pasted text is a block of cells copied from a spreadsheet: it has tabs or line breaks.
/// Into a comment (`multiline`), lines of text without a tab paste as the comment's lines unless
/// they end with a line break, as spreadsheets end a copied column.
pub fn is_block(text: &str, multiline: bool) -> bool {
    text.contains('\t') || (text.contains('\n') && (!multiline || text.ends_with('\n')))
}

fn cells_of(tr: &Element) -> Vec<Element> {
    let Ok(list) = tr.query_selector_all(CELLS) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into::<Element>().ok()).collect()
}

/// The cell's place among the cells of its row.
fn cell_position(element: &Element) -> Option<usize> {
    let tr = element.closest("tr").ok().flatten()?;
    cells_of(&tr).iter().position(|c| c == element)
}

fn utf16_len(text: &str) -> u32 {
    u32::try_from(text.encode_utf16().count()).unwrap_or(u32::MAX)
}

fn caret_at_edge(cell: &CellControl, left: bool) -> bool {
    let len = utf16_len(&cell.value());
    let (start, end) = cell.selection();
    let (start, end) = (start.unwrap_or(0), end.unwrap_or(len));
    let all_selected = start == 0 && end == len;
    all_selected || if left { end == 0 } else { start == len }
}

/// Whether the caret is on the first (`first`) or last line of the cell's text, or the whole text
/// is selected. A one-line control is always there.
fn at_edge_line(cell: &CellControl, first: bool) -> bool {
    if !cell.is_multiline() {
        return true;
    }
    let value = cell.value();
    let (start, end) = cell.selection();
    let len = utf16_len(&value);
    let (start, end) = (start.unwrap_or(0), end.unwrap_or(len));
    if start == 0 && end == len {
        return true;
    }
    caret_on_edge_line(&value, if first { start } else { end }, first)
}

/// Whether the UTF-16 offset `at` of `text` lies on its first (`first`) or last line.
pub fn caret_on_edge_line(text: &str, at: u32, first: bool) -> bool {
    let mut seen = 0u32;
    let mut byte = text.len();
    for (i, c) in text.char_indices() {
        if seen >= at {
            byte = i;
            break;
        }
        seen += u32::try_from(c.len_utf16()).unwrap_or(2);
    }
    let (before, after) = text.split_at(byte);
    if first {
        !before.contains('\n')
    } else {
        !after.contains('\n')
    }
}

fn neighbour_in_row(tr: &Element, element: &Element, left: bool) -> Option<Element> {
    let cells = cells_of(tr);
    let pos = cells.iter().position(|c| c == element)?;
    let next = if left { pos.checked_sub(1)? } else { pos + 1 };
    cells.get(next).cloned()
}

#[cfg(test)]
mod tests {
    use super::{caret_on_edge_line, is_block};

    #[test]
    fn lines_pasted_into_a_comment_stay_in_it_unless_they_come_from_a_spreadsheet() {
        assert!(is_block("H\t7\n", false) && is_block("H\t7", true));
        assert!(is_block("T\nH", false), "a column of levels");
        assert!(!is_block("Đọc tốt.\nViết còn chậm.", true), "two lines of one comment");
        assert!(is_block("Đọc tốt.\r\nViết còn chậm.\r\n", true), "a column copied from a spreadsheet");
        assert!(!is_block("Đọc tốt.", true) && !is_block("7", false));
    }

    #[test]
    fn the_caret_leaves_a_comment_only_from_its_first_or_last_line() {
        let text = "Đọc tốt.\nCần viết cẩn thận hơn.";
        assert!(caret_on_edge_line(text, 3, true));
        assert!(!caret_on_edge_line(text, 3, false));
        // Just after the line break: the second (last) line.
        let second = u32::try_from("Đọc tốt.\n".encode_utf16().count()).unwrap_or(0);
        assert!(!caret_on_edge_line(text, second, true));
        assert!(caret_on_edge_line(text, second, false));
        assert!(caret_on_edge_line(text, 200, false), "past the end is the last line");
        assert!(caret_on_edge_line("Một dòng", 4, true) && caret_on_edge_line("Một dòng", 4, false));
    }
}
