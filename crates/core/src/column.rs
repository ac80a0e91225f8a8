//! What each output column holds, said once for every format: CSV writes every cell as text,
//! JSON lines write numbers as numbers and empty numbers as null, and Parquet (in
//! `quotelens-parquet`) gives each column a type. The type comes from the column, never from the
//! data, so that the shares of one corpus always have one schema.

use crate::summary::{civil_from_days, days_from_civil};

/// The kind of value a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Text (UTF-8).
    Text,
    /// A whole number: a character offset or a count.
    Integer,
    /// A real number: a probability.
    Float,
    /// A calendar date; its cells begin `YYYY-MM-DD` (see [`date_days`]).
    Date,
}

impl ColumnKind {
    /// Whether cells of this kind are numbers (written as JSON numbers, or null when empty).
    pub fn is_number(self) -> bool {
        matches!(self, ColumnKind::Integer | ColumnKind::Float)
    }
}

/// One column of a table: its name, its kind, and whether a cell may be missing (an empty CSV
/// cell; a null in Parquet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The name in the header.
    pub name: &'static str,
    /// What its cells hold.
    pub kind: ColumnKind,
    /// Whether a cell may be empty.
    pub nullable: bool,
}

impl Column {
    /// A column named `name` holding `kind`, missing in some rows where `nullable`.
    pub const fn new(name: &'static str, kind: ColumnKind, nullable: bool) -> Column {
        Column { name, kind, nullable }
    }
}

/// Days since 1970-01-01 of the date a cell begins with: `YYYY-MM-DD`, alone or as the start of
/// an ISO timestamp (`2026-03-14T09:30:00Z`). `None` for anything else ("14 March 2026", "",
/// "2026-02-30"): such a date is kept as text in CSV and JSON lines, and is null in Parquet.
pub fn date_days(cell: &str) -> Option<i64> {
    let head = cell.as_bytes().get(..10)?;
    let digits = [0, 1, 2, 3, 5, 6, 8, 9].iter().all(|&i| head[i].is_ascii_digit());
    if !digits || head[4] != b'-' || head[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| cell[range].parse::<i64>().ok();
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    // A day past the end of its month ("2026-02-30") comes back as another date.
    (civil_from_days(days) == (year, month, day)).then_some(days)
}

/// `YYYY-MM-DD` of a count of days since 1970-01-01: the cell CSV holds for a date.
pub fn date_text(days: i64) -> String {
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_read_from_the_start_of_a_cell_and_anything_else_is_no_date() {
        assert_eq!(date_days("1970-01-01"), Some(0));
        assert_eq!(date_days("2026-03-14"), Some(20_526));
        assert_eq!(date_days("2026-03-14T09:30:00Z"), Some(20_526));
        assert_eq!(date_days("2024-02-29"), Some(19_782), "a leap day");
        for cell in
            ["", "2026-3-14", "14 March 2026", "2026-02-30", "2026-13-01", "+026-03-14", "2026/03/14", "2026-03-1"]
        {
            assert_eq!(date_days(cell), None, "{cell:?}");
        }
        for days in [-1, 0, 19_782, 20_526, 2_932_896] {
            assert_eq!(date_days(&date_text(days)), Some(days));
        }
        assert_eq!(date_text(20_526), "2026-03-14");
    }
}
