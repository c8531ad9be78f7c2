//! Writing a school's rows inside the caller's transaction: on PostgreSQL one `COPY … FROM
//! STDIN` (text format) per table, so statement-level triggers fire once per table; on SQLite
//! multi-row `INSERT`s (tables whose rows have defaultable columns: one cached statement per row).

use super::copy_text;
use super::SchoolRows;
use crate::db::connection::AnyConnection;
use crate::db::schema::*;
use diesel::pg::PgConnection;
use diesel::prelude::*;
use diesel::sqlite::SqliteConnection;
use std::io::Write;

/// Rows per SQLite `INSERT`: at most 19 columns each, well within SQLite's 32,766 bound
/// parameters.
const SQLITE_ROWS_PER_INSERT: usize = 500;
/// Bytes of COPY data handed to libpq at a time.
const COPY_CHUNK: usize = 1 << 16;

/// Writes `rows` (a slice of the table's row type, whose fields are named as the columns) into
/// `table`: PostgreSQL by one COPY of the listed columns, SQLite by multi-row inserts.
macro_rules! write_table {
    ($sink:expr, $table:ident, $rows:expr, [$first:ident $(, $column:ident)* $(,)?]) => {{
        let rows = $rows;
        match $sink {
            Sink::Postgres(c) => {
                diesel::copy_from($table::table)
                    .from_raw_data(($table::$first, $($table::$column,)*), |w: &mut dyn Write| {
                        let mut buf: Vec<u8> = Vec::with_capacity(COPY_CHUNK + 4096);
                        for r in rows.iter() {
                            copy_text::row!(&mut buf, &r.$first $(, &r.$column)*);
                            if buf.len() >= COPY_CHUNK {
                                w.write_all(&buf).map_err(copy_failed)?;
                                buf.clear();
                            }
                        }
                        w.write_all(&buf).map_err(copy_failed)
                    })
                    .execute(&mut **c)?;
            }
            Sink::Sqlite(c) => {
                for chunk in rows.chunks(SQLITE_ROWS_PER_INSERT) {
                    diesel::insert_into($table::table).values(chunk).execute(&mut **c)?;
                }
            }
        }
    }};
}

/// Where a school's rows go.
pub enum Sink<'c> {
    Postgres(&'c mut PgConnection),
    Sqlite(&'c mut SqliteConnection),
}

impl<'c> Sink<'c> {
    pub fn new(conn: &'c mut AnyConnection) -> Sink<'c> {
        match conn {
            AnyConnection::Postgresql(c) => Sink::Postgres(c),
            AnyConnection::Sqlite(c) => Sink::Sqlite(c),
        }
    }

    /// Writes every row of the school, parents before children. Year-end rows and awards come
    /// before the periodic records: they may not be inserted once cuối năm is approved.
    pub fn write(&mut self, rows: &SchoolRows) -> QueryResult<()> {
        write_table!(
            self,
            schools,
            &rows.schools,
            [id, name, code, commune, district, province, principal_name, created_at]
        );
        write_table!(
            self,
            users,
            &rows.users,
            [
                id,
                school_id,
                username,
                password_hash,
                full_name,
                role,
                active,
                created_at,
                roles,
                phone,
                session_epoch,
                must_change_password
            ]
        );
        write_table!(self, school_years, &rows.years, [id, school_id, name, start_year, is_current]);
        write_table!(
            self,
            classes,
            &rows.classes,
            [id, school_id, school_year_id, name, grade, homeroom_teacher_id, combined_grade]
        );
        write_table!(
            self,
            teaching_assignments,
            &rows.assignments,
            [id, school_id, class_id, teacher_id, subject_code]
        );
        write_table!(
            self,
            pupils,
            &rows.pupils,
            [
                id,
                school_id,
                national_id,
                full_name,
                gender,
                birth_date,
                ethnicity,
                nationality,
                birth_place,
                home_town,
                address,
                father_name,
                mother_name,
                guardian_name,
                registration_no,
                entry_date,
                created_at,
                disability,
                disability_plan
            ]
        );
        write_table!(self, enrolments, &rows.enrolments, [id, school_id, pupil_id, class_id, grade, status]);
        write_table!(self, guardianships, &rows.guardianships, [id, school_id, parent_id, pupil_id]);
        write_table!(
            self,
            year_end_records,
            &rows.year_ends,
            [
                id,
                school_id,
                enrolment_id,
                days_absent_excused,
                days_absent_unexcused,
                height_mm,
                weight_hg,
                manual_result,
                manual_note,
                supplementary_result,
                supplementary_note,
                decision,
                decided_by,
                decided_at,
                version,
                locked,
                updated_by,
                updated_at
            ]
        );
        write_table!(
            self,
            awards,
            &rows.awards,
            [id, school_id, enrolment_id, kind, title, level, awarded_on, reason, confirmed_by, created_at, locked]
        );
        write_table!(
            self,
            period_records,
            &rows.records,
            [id, school_id, class_id, period, status, note, submitted_by, submitted_at, decided_by, decided_at]
        );
        write_table!(
            self,
            subject_assessments,
            &rows.subjects,
            [
                id,
                school_id,
                enrolment_id,
                period,
                subject_code,
                level,
                score,
                comment,
                version,
                locked,
                updated_by,
                updated_at
            ]
        );
        write_table!(
            self,
            quality_assessments,
            &rows.qualities,
            [
                id,
                school_id,
                enrolment_id,
                period,
                quality_code,
                level,
                comment,
                version,
                locked,
                updated_by,
                updated_at
            ]
        );
        Ok(())
    }
}

impl Sink<'_> {
    /// Turns the triggers off until the transaction ends (PostgreSQL; needs a superuser). The
    /// caller has checked the references ([`super::references`]) and raises the epochs after.
    pub fn triggers_off(&mut self) -> QueryResult<()> {
        if let Sink::Postgres(c) = self {
            diesel::sql_query("SET LOCAL session_replication_role = replica").execute(&mut **c)?;
        }
        Ok(())
    }

    /// What the epoch triggers would have done for these rows: the school's epoch and each of its
    /// classes' raised by one, with the triggers back on so that the servers hear of it at commit
    /// (`hocba_epochs`).
    pub fn raise_epochs(&mut self, rows: &SchoolRows) -> QueryResult<()> {
        if let Sink::Postgres(c) = self {
            diesel::sql_query("SET LOCAL session_replication_role = origin").execute(&mut **c)?;
            let scopes: Vec<&str> =
                rows.schools.iter().map(|s| s.id.as_str()).chain(rows.classes.iter().map(|c| c.id.as_str())).collect();
            diesel::sql_query(
                "INSERT INTO data_epochs (scope, epoch) SELECT unnest($1::text[]), 1 \
                 ON CONFLICT (scope) DO UPDATE SET epoch = data_epochs.epoch + 1",
            )
            .bind::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(scopes)
            .execute(&mut **c)?;
        }
        Ok(())
    }
}

fn copy_failed(e: std::io::Error) -> diesel::result::Error {
    diesel::result::Error::SerializationError(Box::new(e))
}
