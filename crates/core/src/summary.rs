//! A labelled corpus at a glance: per speaker and target, and per target and week, how many
//! quotes, their stance shares with 95% intervals, and their mean sentiment.
//!
//! Rows come from `quotelens label` output ([`Row::from_fields`] reads them by column name, so
//! older files without `speaker_id` or without targets still summarise); [`by_speaker`] and
//! [`by_week`] tally them. Rendering is in [`crate::report`].

use std::collections::HashMap;

/// A quote's stance toward its row's target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stance {
    Favor,
    Against,
    None,
}

impl Stance {
    fn parse(label: &str) -> Option<Stance> {
        match label {
            "favor" => Some(Stance::Favor),
            "against" => Some(Stance::Against),
            "none" => Some(Stance::None),
            _ => None,
        }
    }
}

/// What the summary reads of one output row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Who, across articles: `speaker_id`, or `speaker` where the file has no ids.
    pub speaker_id: String,
    /// The speaker as the article wrote the name.
    pub speaker: String,
    /// The target the stance is toward; empty where the run had none.
    pub target: String,
    pub stance: Option<Stance>,
    /// Tone from -1 (negative) to 1 (positive): the positive minus the negative probability, or
    /// the label where probabilities are missing.
    pub sentiment: Option<f64>,
    /// The Monday of the article's week (`YYYY-MM-DD`), where its date is known.
    pub week: Option<String>,
}

impl Row {
    /// A row from a record's fields by column name (`get` gives the named column's cell, if the
    /// file has that column). Rows without a speaker are skipped: they say nothing of who said what.
    pub fn from_fields<'a>(get: impl Fn(&str) -> Option<&'a str>) -> Option<Row> {
        let cell = |name: &str| get(name).map(str::trim).filter(|v| !v.is_empty());
        let speaker = cell("speaker")?.to_string();
        let number = |name: &str| cell(name).and_then(|v| v.parse::<f64>().ok());
        let sentiment = match (number("sentiment_positive"), number("sentiment_negative")) {
            (Some(p), Some(n)) => Some(p - n),
            _ => cell("sentiment").and_then(label_sentiment),
        };
        Some(Row {
            speaker_id: cell("speaker_id").unwrap_or(&speaker).to_string(),
            target: cell("target").unwrap_or("").to_string(),
            stance: cell("stance").and_then(Stance::parse),
            sentiment,
            week: cell("date").and_then(monday_of),
            speaker,
        })
    }
}

fn label_sentiment(label: &str) -> Option<f64> {
    match label {
        "negative" => Some(-1.0),
        "neutral" => Some(0.0),
        "positive" => Some(1.0),
        _ => None,
    }
}

/// Counts and sums of a group of rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    pub quotes: usize,
    pub favor: usize,
    pub against: usize,
    pub none: usize,
    sentiment_sum: f64,
    sentiment_count: usize,
}

/// z for a two-sided 95% interval.
const Z95: f64 = 1.959_963_984_540_054;

impl Tally {
    fn add(&mut self, row: &Row) {
        self.quotes += 1;
        match row.stance {
            Some(Stance::Favor) => self.favor += 1,
            Some(Stance::Against) => self.against += 1,
            Some(Stance::None) => self.none += 1,
            None => {}
        }
        if let Some(s) = row.sentiment {
            self.sentiment_sum += s;
            self.sentiment_count += 1;
        }
    }

    /// Quotes with a stance label.
    pub fn stanced(&self) -> usize {
        self.favor + self.against + self.none
    }

    /// `count`'s share of the quotes with a stance label, with its Wilson 95% interval.
    pub fn share(&self, count: usize) -> Option<(f64, f64, f64)> {
        let n = self.stanced() as f64;
        if n == 0.0 {
            return None;
        }
        let p = count as f64 / n;
        let z2 = Z95 * Z95;
        let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
        let half = Z95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n);
        Some((p, (centre - half).max(0.0), (centre + half).min(1.0)))
    }

    /// Favor share minus against share, from -1 (all against) to 1 (all favor).
    pub fn net_stance(&self) -> Option<f64> {
        let n = self.stanced();
        (n > 0).then(|| (self.favor as f64 - self.against as f64) / n as f64)
    }

    /// Mean tone, from -1 to 1.
    pub fn mean_sentiment(&self) -> Option<f64> {
        (self.sentiment_count > 0).then(|| self.sentiment_sum / self.sentiment_count as f64)
    }
}

/// One speaker's quotes about one target.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerLine {
    pub speaker_id: String,
    /// The name the speaker's quotes give most often.
    pub speaker: String,
    pub target: String,
    pub tally: Tally,
}

/// One target's quotes in one week.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekLine {
    pub target: String,
    /// The week's Monday, `YYYY-MM-DD`.
    pub week: String,
    pub tally: Tally,
}

/// How often each name of one speaker occurs.
type NameCounts<'a> = HashMap<&'a str, usize>;

/// Per (target, speaker): by target, then most quoted first, then by id.
pub fn by_speaker(rows: &[Row]) -> Vec<SpeakerLine> {
    let mut groups: HashMap<(&str, &str), (Tally, NameCounts)> = HashMap::new();
    for row in rows {
        let (tally, names) = groups.entry((&row.target, &row.speaker_id)).or_default();
        tally.add(row);
        *names.entry(&row.speaker).or_default() += 1;
    }
    let mut lines: Vec<SpeakerLine> = groups
        .into_iter()
        .map(|((target, id), (tally, names))| SpeakerLine {
            speaker_id: id.to_string(),
            speaker: most_frequent(names).to_string(),
            target: target.to_string(),
            tally,
        })
        .collect();
    lines.sort_by(|a, b| {
        (&a.target, std::cmp::Reverse(a.tally.quotes), &a.speaker_id).cmp(&(
            &b.target,
            std::cmp::Reverse(b.tally.quotes),
            &b.speaker_id,
        ))
    });
    lines
}

/// The most frequent name; the first in sort order among equals, so that runs agree.
fn most_frequent(names: NameCounts<'_>) -> &str {
    names.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0))).map_or("", |(name, _)| name)
}

/// Per (target, week) of the rows whose date is known, in time order per target.
pub fn by_week(rows: &[Row]) -> Vec<WeekLine> {
    let mut groups: HashMap<(&str, &str), Tally> = HashMap::new();
    for row in rows {
        if let Some(week) = &row.week {
            groups.entry((&row.target, week)).or_default().add(row);
        }
    }
    let mut lines: Vec<WeekLine> = groups
        .into_iter()
        .map(|((target, week), tally)| WeekLine { target: target.to_string(), week: week.to_string(), tally })
        .collect();
    lines.sort_by(|a, b| (&a.target, &a.week).cmp(&(&b.target, &b.week)));
    lines
}

/// The Monday of the week of a date written `YYYY-MM-DD…` (an ISO date or timestamp).
pub fn monday_of(date: &str) -> Option<String> {
    let year: i64 = date.get(0..4)?.parse().ok()?;
    let month: i64 = date.get(5..7)?.parse().ok()?;
    let day: i64 = date.get(8..10)?.parse().ok()?;
    if date.as_bytes().get(4) != Some(&b'-') || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    // 1970-01-01 was a Thursday: three days after a Monday.
    let monday = days - (days + 3).rem_euclid(7);
    let (y, m, d) = civil_from_days(monday);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a count of days since 1970-01-01 (the inverse of [`days_from_civil`]).
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, name: &str, target: &str, stance: &str, date: &str) -> Row {
        let fields: HashMap<&str, &str> = [
            ("speaker_id", id),
            ("speaker", name),
            ("target", target),
            ("stance", stance),
            ("sentiment", "neutral"),
            ("date", date),
        ]
        .into_iter()
        .collect();
        Row::from_fields(|c| fields.get(c).copied()).unwrap()
    }

    #[test]
    fn weeks_start_on_monday_across_month_and_year_ends() {
        assert_eq!(monday_of("2016-09-15").as_deref(), Some("2016-09-12"));
        assert_eq!(monday_of("2016-09-12T08:00:00Z").as_deref(), Some("2016-09-12"));
        assert_eq!(monday_of("2016-01-01").as_deref(), Some("2015-12-28"));
        assert_eq!(monday_of("2024-03-03").as_deref(), Some("2024-02-26"));
        assert_eq!(monday_of("2000-02-29").as_deref(), Some("2000-02-28"));
        for bad in ["", "2016", "15/09/2016", "2016-13-01", "2016-09-xx"] {
            assert_eq!(monday_of(bad), None, "{bad}");
        }
    }

    #[test]
    fn one_speaker_under_two_names_is_one_line_named_as_most_often() {
        let rows = [
            row("donald trump", "Donald Trump", "the plan", "favor", "2016-09-15"),
            row("donald trump", "Trump", "the plan", "favor", "2016-09-16"),
            row("donald trump", "Donald Trump", "the plan", "against", "2016-09-20"),
            row("hillary clinton", "Clinton", "the plan", "none", "2016-09-20"),
        ];
        let lines = by_speaker(&rows);
        assert_eq!(lines.len(), 2);
        assert_eq!((lines[0].speaker.as_str(), lines[0].tally.quotes), ("Donald Trump", 3));
        assert_eq!((lines[0].tally.favor, lines[0].tally.against, lines[0].tally.none), (2, 1, 0));
        let weeks = by_week(&rows);
        let counts: Vec<(&str, usize)> = weeks.iter().map(|w| (w.week.as_str(), w.tally.quotes)).collect();
        assert_eq!(counts, [("2016-09-12", 2), ("2016-09-19", 2)]);
    }

    #[test]
    fn shares_have_wilson_intervals() {
        let mut tally = Tally::default();
        for stance in ["favor", "favor", "favor", "against", "none", "none", "none", "none", "none", "none"] {
            tally.add(&row("a", "A", "t", stance, ""));
        }
        let (p, low, high) = tally.share(tally.favor).unwrap();
        // 3 of 10: Wilson's 95% interval is 0.108 to 0.603.
        assert!((p - 0.3).abs() < 1e-12 && (low - 0.1078).abs() < 1e-3 && (high - 0.6032).abs() < 1e-3, "{low} {high}");
        assert_eq!(tally.net_stance(), Some(0.2));
        assert_eq!(Tally::default().share(0), None);
    }
}
