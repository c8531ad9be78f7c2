//! The TT27 pages themselves: cover, identity page with quá trình học tập, one section per school
//! year, the signature blocks and the date line (wording from the template, data from the
//! transcript).

use super::Renderer;
use crate::canvas::{Align, Column, Flow, Row, Style, MM};
use crate::template::{scale_widths, LOGO_MAX_HEIGHT};
use chrono::{Datelike, NaiveDate};
use hocba_core::catalogue::QualityKind;
use hocba_core::messages::result_name;
use hocba_core::text::clean;
use hocba_core::transcript::{tenths, Transcript, YearRecord};

impl Renderer {
    /// "<place>, ngày dd tháng mm năm yyyy" (dotted blanks when the date is unknown).
    fn date_line(&self, place: &str, date: Option<NaiveDate>) -> String {
        let blank = &self.template.common.blank;
        let (day, month, year) = match date {
            Some(d) => (format!("{:02}", d.day()), format!("{:02}", d.month()), d.year().to_string()),
            None => (blank.clone(), blank.clone(), blank.clone()),
        };
        self.template
            .common
            .date_line
            .replace("{place}", if place.trim().is_empty() { blank } else { place.trim() })
            .replace("{day}", &day)
            .replace("{month}", &month)
            .replace("{year}", &year)
    }

    /// The drawn size of the logo in points: `logo_width` wide, or narrower when the image would be
    /// taller than [`LOGO_MAX_HEIGHT`]; the image's aspect ratio is kept.
    fn logo_size(&self) -> Option<(f32, f32)> {
        let logo = self.logo.as_ref()?;
        let ratio = logo.height as f32 / logo.width as f32;
        let width = self.template.cover.logo_width.min(LOGO_MAX_HEIGHT / ratio);
        Some((width * MM, width * ratio * MM))
    }

    pub(super) fn cover(&self, flow: &mut Flow<'_>, t: &Transcript) {
        let c = &self.template.cover;
        let f = &self.template.fonts;
        flow.new_page();
        // Double frame around the page, as on the printed book.
        let (x, w) = (flow.left(), flow.content_width());
        let (top, h) =
            (self.template.page.margin_top * MM, flow.page_height() - self.geometry().bottom - self.geometry().top);
        flow.frame(x, top, w, h, 2.2);
        flow.frame(x + 1.6 * MM, top + 1.6 * MM, w - 3.2 * MM, h - 3.2 * MM, 0.6);

        match self.logo_size() {
            Some((logo_w, logo_h)) => {
                let logo_top = top + 8.0 * MM;
                flow.image(x + (w - logo_w) / 2.0, logo_top, logo_w, logo_h);
                flow.set_y(logo_top + logo_h + 4.0 * MM);
            }
            None => flow.set_y(top + 10.0 * MM),
        }
        flow.paragraph(&c.ministry, Style::bold(f.heading + 1.0), Align::Center);
        let rule_y = flow.y() + 1.0 * MM;
        flow.hrule(x + w / 2.0 - 22.0 * MM, x + w / 2.0 + 22.0 * MM, rule_y, 0.8);

        flow.set_y(flow.page_height() * 0.30);
        flow.paragraph(&c.title, Style::bold(f.cover_title), Align::Center);
        flow.gap(2.0 * MM);
        flow.paragraph(&c.subtitle, Style::bold(f.cover_subtitle), Align::Center);

        flow.set_y(flow.page_height() * 0.56);
        let inset = 16.0 * MM;
        let size = f.body + 2.0;
        let s = &t.school;
        let name = clean(&t.pupil.full_name).to_uppercase();
        // Since 1 July 2025 there is no district: its line is printed only for a record that has one.
        let has_district = !s.district.trim().is_empty();
        let commune_label = if has_district { &c.commune } else { &c.commune_2025 };
        let lines: [(&str, &str); 5] = [
            (&c.pupil_name, &name),
            (&c.school, &s.name),
            (commune_label, &s.commune),
            (&c.district, &s.district),
            (&c.province, &s.province),
        ];
        for pair in lines.into_iter().filter(|(label, _)| has_district || *label != c.district.as_str()) {
            flow.fields_at(x + inset, w - 2.0 * inset, &[pair], &[1.0], Style::regular(size), Style::bold(size));
            flow.gap(2.5 * MM);
        }
    }

    /// The identity page; returns the page and the top of the principal's signature space.
    pub(super) fn identity(&self, flow: &mut Flow<'_>, t: &Transcript) -> (usize, f32) {
        let l = &self.template.identity;
        let f = &self.template.fonts;
        let p = &t.pupil;
        let size = f.body;
        flow.new_page();
        flow.paragraph(&l.title, Style::bold(f.page_title), Align::Center);
        flow.gap(4.0 * MM);

        let birth = p.birth_date.as_deref().and_then(parse_iso_date).map(dmy).unwrap_or_default();
        flow.fields(&[(&l.full_name, &p.full_name), (&l.gender, &p.gender)], &[0.68, 0.32], size);
        flow.fields(
            &[(&l.birth_date, &birth), (&l.ethnicity, &p.ethnicity), (&l.nationality, &p.nationality)],
            &[0.44, 0.26, 0.30],
            size,
        );
        for (label, value) in [
            (&l.birth_place, &p.birth_place),
            (&l.home_town, &p.home_town),
            (&l.address, &p.address),
            (&l.father, &p.father_name),
            (&l.mother, &p.mother_name),
            (&l.guardian, &p.guardian_name),
            (&l.national_id, &p.national_id),
        ] {
            flow.fields(&[(label, value.as_deref().unwrap_or_default())], &[1.0], size);
        }

        // Signature of the principal, right half.
        flow.gap(4.0 * MM);
        let issued = parse_iso_date(&t.issued_on);
        let lines = [
            (self.date_line(&t.school.commune, issued), Style::regular(size), 0.0),
            (l.signer.clone(), Style::bold(size), 0.0),
            (l.signer_hint.clone(), Style::regular(f.table), 0.0),
            (clean(&t.school.principal_name), Style::bold(size), self.template.signatures.space * MM),
        ];
        let signature = self.signature_columns(flow, &[], &lines);

        flow.gap(6.0 * MM);
        let h = &self.template.history;
        flow.ensure(30.0 * MM);
        flow.paragraph(&h.title, Style::bold(f.heading + 1.0), Align::Center);
        flow.gap(2.0 * MM);
        let widths = scale_widths(&h.widths, flow.content_width());
        let aligns = [Align::Center, Align::Center, Align::Left, Align::Center, Align::Center];
        let columns = make_columns(&h.columns, &widths, &aligns);
        let rows: Vec<Row> = t
            .history
            .iter()
            .map(|line| {
                Row::Cells(vec![
                    line.school_year.clone(),
                    line.class_name.clone(),
                    line.school_name.clone(),
                    line.registration_no.clone().unwrap_or_default(),
                    line.entry_date.as_deref().and_then(parse_iso_date).map(dmy).unwrap_or_default(),
                ])
            })
            .collect();
        flow.table(&columns, &rows, f.table);
        signature
    }

    /// The pages of one school year (`extract`: as a yearly record, under a header naming the school);
    /// returns the page of the signatures and the top of the signature space.
    pub(super) fn year(
        &self,
        flow: &mut Flow<'_>,
        t: &Transcript,
        y: &YearRecord,
        extract: bool,
        marks: Option<&crate::YearMarks>,
    ) -> (usize, f32) {
        let l = &self.template.year;
        let f = &self.template.fonts;
        let size = f.body;
        flow.new_page();
        flow.running_head = None;
        if extract {
            let header = l.extract_header.replace("{school}", &clean(&t.school.name)).replace("{year}", &y.school_year);
            flow.paragraph(&header, Style::regular(f.table), Align::Center);
            flow.gap(1.5 * MM);
        }

        let name = clean(&t.pupil.full_name);
        flow.fields(
            &[(&l.pupil_name, &name), (&l.class_name, &y.class_name), (&l.school_year, &y.school_year)],
            &[0.56, 0.16, 0.28],
            size,
        );
        if let Some(source) = &y.source {
            let code = source.code.as_deref().map(hocba_core::codes::display_code).unwrap_or_default();
            let note = l.imported_note.replace("{school}", &clean(&source.school_name)).replace("{code}", &code);
            flow.paragraph(&note, Style::regular(f.table), Align::Left);
        }
        let height = y.height_mm.map(|v| tenths(v, "cm")).unwrap_or_default();
        let weight = y.weight_hg.map(|v| tenths(v, "kg")).unwrap_or_default();
        // "có phép: 2; không phép: 0" (a missing count reads "…"); nothing at all: a dotted line.
        let absences = match (y.days_absent_excused, y.days_absent_unexcused) {
            (None, None) => String::new(),
            (a, b) => {
                let n = |d: Option<u16>| d.map_or_else(|| "…".to_string(), |d| d.to_string());
                format!("{}: {}; {}: {}", l.absences_excused, n(a), l.absences_unexcused, n(b))
            }
        };
        flow.fields(&[(&l.height, &height), (&l.weight, &weight), (&l.absences, &absences)], &[0.25, 0.25, 0.5], size);
        flow.running_head = Some((
            format!(
                "{}: {} – {}: {} – {}: {} {}",
                l.pupil_name,
                name,
                l.class_name,
                y.class_name,
                l.school_year,
                y.school_year,
                self.template.common.continued
            ),
            Style::regular(f.table),
        ));
        flow.gap(2.0 * MM);

        let width = flow.content_width();
        let heading = Style::bold(f.heading);
        let section_gap = 2.5 * MM;

        // 1. Subjects and activities.
        flow.ensure(3.0 * flow.line_height(f.heading) + 12.0 * MM);
        flow.paragraph(&l.subjects_title, heading, Align::Left);
        flow.gap(1.0 * MM);
        let widths = scale_widths(&l.subjects_widths, width);
        let columns =
            make_columns(&l.subjects_columns, &widths, &[Align::Left, Align::Center, Align::Center, Align::Left]);
        let rows: Vec<Row> = y
            .subjects
            .iter()
            .map(|s| {
                Row::Cells(vec![
                    s.name.clone(),
                    s.level.map(|v| v.code().to_string()).unwrap_or_default(),
                    s.score.map(|v| v.to_string()).unwrap_or_default(),
                    s.comment.clone().unwrap_or_default(),
                ])
            })
            .collect();
        flow.table(&columns, &rows, f.table);
        flow.gap(section_gap);

        // 2. Qualities, 3. competencies (general, then specific).
        let quality_rows = |kind: QualityKind| -> Vec<Row> {
            y.qualities
                .iter()
                .filter(|q| q.kind == kind)
                .map(|q| {
                    Row::Cells(vec![
                        q.name.clone(),
                        q.level.map(|v| v.code().to_string()).unwrap_or_default(),
                        q.comment.clone().unwrap_or_default(),
                    ])
                })
                .collect()
        };
        let level_aligns = [Align::Left, Align::Center, Align::Left];
        flow.ensure(3.0 * flow.line_height(f.heading) + 12.0 * MM);
        flow.paragraph(&l.qualities_title, heading, Align::Left);
        flow.gap(1.0 * MM);
        let widths = scale_widths(&l.qualities_widths, width);
        flow.table(
            &make_columns(&l.qualities_columns, &widths, &level_aligns),
            &quality_rows(QualityKind::PhamChat),
            f.table,
        );
        flow.gap(section_gap);

        flow.ensure(3.0 * flow.line_height(f.heading) + 12.0 * MM);
        flow.paragraph(&l.competencies_title, heading, Align::Left);
        flow.gap(1.0 * MM);
        let widths = scale_widths(&l.competencies_widths, width);
        let mut rows = vec![Row::Group(l.general_competencies.clone())];
        rows.extend(quality_rows(QualityKind::NangLucChung));
        rows.push(Row::Group(l.specific_competencies.clone()));
        rows.extend(quality_rows(QualityKind::NangLucDacThu));
        flow.table(&make_columns(&l.competencies_columns, &widths, &level_aligns), &rows, f.table);
        flow.gap(section_gap);

        // 4.–6. Result, awards, completion.
        flow.titled(&l.result_title, y.result().map(result_name).unwrap_or_default(), f.heading);
        flow.gap(1.0 * MM);
        flow.titled(&l.awards_title, &y.awards.join("; "), f.heading);
        flow.gap(1.0 * MM);
        flow.titled(&l.completion_title, &y.completion_line(), f.heading);
        flow.gap(4.0 * MM);

        // Signatures.
        let approved = y.approved_at.as_deref().and_then(parse_vietnam_date);
        let principal = y.principal_name.as_deref().unwrap_or(&t.school.principal_name);
        let teacher = y.homeroom_teacher.as_deref().unwrap_or_default();
        let left = [
            (String::new(), Style::regular(size), 0.0),
            (l.principal.clone(), Style::bold(size), 0.0),
            (l.principal_hint.clone(), Style::regular(f.table), 0.0),
            (clean(principal), Style::bold(size), self.template.signatures.space * MM),
        ];
        let right = [
            (self.date_line(&t.school.commune, approved), Style::regular(size), 0.0),
            (l.teacher.clone(), Style::bold(size), 0.0),
            (l.teacher_hint.clone(), Style::regular(f.table), 0.0),
            (clean(teacher), Style::bold(size), self.template.signatures.space * MM),
        ];
        let signature = self.signature_columns(flow, &left, &right);
        if let Some(marks) = marks {
            self.year_marks(flow, y, marks, signature.1);
        }
        flow.running_head = None;
        signature
    }

    /// The marks of the year's own signed record in the signature spaces (principal and seal on the
    /// left, teacher on the right), then its code under the signatures.
    fn year_marks(&self, flow: &mut Flow<'_>, y: &YearRecord, marks: &crate::YearMarks, space_top: f32) {
        use hocba_core::api::documents::SignerRole;
        let l = &self.template.year;
        let small = self.template.fonts.table;
        let half = flow.content_width() / 2.0;
        let mark_lines = |role: SignerRole| -> Vec<(String, Style)> {
            let Some(mark) = marks.of_role(role) else { return Vec::new() };
            let when = hocba_core::time::format_vietnam_date_time(mark.signed_at);
            vec![
                (l.signed_mark.clone(), Style::bold(small)),
                (l.signed_on.replace("{date}", &when), Style::regular(small)),
            ]
        };
        let mut left = mark_lines(SignerRole::Principal);
        if marks.of_role(SignerRole::Seal).is_some() {
            left.push((l.sealed_mark.clone(), Style::regular(small)));
        }
        let right = mark_lines(SignerRole::Teacher);
        for (column, lines) in [(0.0, left), (half, right)] {
            let mut top = space_top + 0.5 * MM;
            for (text, style) in lines {
                flow.text_in(flow.left() + column, half, top, &text, style, Align::Center);
                top += flow.line_height(style.size);
            }
        }
        flow.gap(1.0 * MM);
        let code = l.record_code.replace("{year}", &y.school_year).replace("{code}", &marks.code);
        flow.paragraph(&code, Style::regular(small), Align::Center);
    }

    /// Two centred columns of lines (left and right halves), each line with an extra gap above it;
    /// kept together on one page. Returns the page and the top of the (last) gap: the signature space.
    fn signature_columns(
        &self,
        flow: &mut Flow<'_>,
        left: &[(String, Style, f32)],
        right: &[(String, Style, f32)],
    ) -> (usize, f32) {
        let height = |lines: &[(String, Style, f32)]| -> f32 {
            lines.iter().map(|(_, style, gap)| gap + flow.line_height(style.size)).sum()
        };
        let block = height(left).max(height(right));
        flow.ensure(block);
        let top = flow.y();
        let half = flow.content_width() / 2.0;
        let mut space_top = top;
        for (column, lines) in [(0.0, left), (half, right)] {
            let mut y = top;
            for (text, style, gap) in lines {
                if *gap > 0.0 {
                    space_top = y;
                }
                y += gap;
                let x = flow.left() + column;
                flow.text_in(x, half, y, text, *style, Align::Center);
                y += flow.line_height(style.size);
            }
        }
        flow.set_y(top + block);
        (flow.page_index(), space_top)
    }
}

pub(super) fn make_columns(titles: &[String], widths: &[f32], aligns: &[Align]) -> Vec<Column> {
    titles
        .iter()
        .zip(widths)
        .zip(aligns)
        .map(|((title, width), align)| Column { title: title.clone(), width: *width, align: *align })
        .collect()
}

/// An ISO 8601 date (YYYY-MM-DD).
pub(super) fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// The calendar date in Vietnam of an RFC 3339 timestamp.
pub(super) fn parse_vietnam_date(s: &str) -> Option<NaiveDate> {
    hocba_core::time::vietnam_date_of_rfc3339(s)
}

/// dd/mm/yyyy, the Vietnamese way (the shown format of `core::time`).
pub(super) fn dmy(d: NaiveDate) -> String {
    hocba_core::time::format_date(d)
}
