//! The summary as one HTML page that opens offline (tables and inline SVG charts), and the
//! charts alone as SVG: stance by speaker as diverging bars, net stance over time.

use crate::summary::{SpeakerLine, WeekLine};
use std::fmt::Write;

/// Colours of the stance classes (colour-blind safe: blue and orange).
const FAVOR: &str = "#2166ac";
const AGAINST: &str = "#d6604d";
const NONE: &str = "#cccccc";
/// Colour of notes and axis labels.
const MUTED: &str = "#555555";
const GRID: &str = "#dddddd";

/// Escape text for HTML and SVG.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Speakers the chart shows for `target`: at least `min_quotes` quotes with a stance, the `top`
/// most quoted.
fn charted<'a>(lines: &'a [SpeakerLine], target: &str, min_quotes: usize, top: usize) -> Vec<&'a SpeakerLine> {
    lines.iter().filter(|l| l.target == target && l.tally.stanced() >= min_quotes.max(1)).take(top).collect()
}

/// The targets of the lines, in order of first appearance.
fn targets<'a, T>(lines: &'a [T], target: impl Fn(&'a T) -> &'a str) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for line in lines {
        if !out.contains(&target(line)) {
            out.push(target(line));
        }
    }
    out
}

/// Height of one speaker's bar and its gap.
const STANCE_ROW: f64 = 26.0;

/// Height of a stance chart of `speakers` bars: title and legend above, note below.
fn stance_chart_height(speakers: usize) -> f64 {
    50.0 + STANCE_ROW * speakers as f64 + 30.0
}

/// Diverging bars, one per speaker: the against share to the left of the centre line, the favor
/// share to the right, the rest (none) in grey beyond; each with its quote count.
pub fn stance_chart(lines: &[SpeakerLine], target: &str, min_quotes: usize, top: usize) -> String {
    let shown = charted(lines, target, min_quotes, top);
    let (label_width, half, row) = (220.0, 260.0, STANCE_ROW);
    let width = label_width + 2.0 * half + 70.0;
    let height = stance_chart_height(shown.len());
    let centre = label_width + half;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="13">"#
    );
    let _ = write!(
        svg,
        r#"<text x="{centre}" y="18" text-anchor="middle" font-weight="bold">Stance toward {}</text>"#,
        esc(label_or_none(target))
    );
    let _ = write!(
        svg,
        r#"<text x="{}" y="38" text-anchor="end" fill="{AGAINST}">against</text><text x="{}" y="38" fill="{FAVOR}">favor</text>"#,
        centre - 6.0,
        centre + 6.0
    );
    for (i, line) in shown.iter().enumerate() {
        let y = 48.0 + row * i as f64;
        let n = line.tally.stanced() as f64;
        let (against, favor) = (line.tally.against as f64 / n * half, line.tally.favor as f64 / n * half);
        let none = line.tally.none as f64 / n * half;
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text><rect x="{:.1}" y="{y:.1}" width="{against:.1}" height="18" fill="{AGAINST}"/><rect x="{centre:.1}" y="{y:.1}" width="{favor:.1}" height="18" fill="{FAVOR}"/><rect x="{:.1}" y="{y:.1}" width="{none:.1}" height="18" fill="{NONE}"/><text x="{:.1}" y="{:.1}" fill="{MUTED}">n={}</text>"#,
            label_width - 8.0,
            y + 13.0,
            esc(&line.speaker),
            centre - against,
            centre + favor,
            centre + half + 8.0,
            y + 13.0,
            line.tally.stanced()
        );
    }
    let bottom = 48.0 + row * shown.len() as f64;
    let _ = write!(svg, r#"<line x1="{centre}" y1="42" x2="{centre}" y2="{bottom}" stroke="black"/>"#);
    let _ = write!(
        svg,
        r#"<text x="{centre}" y="{}" text-anchor="middle" fill="{MUTED}">bar length: share of the speaker's quotes; grey: no stance</text></svg>"#,
        bottom + 20.0
    );
    svg
}

fn label_or_none(target: &str) -> &str {
    if target.is_empty() {
        "(no target)"
    } else {
        target
    }
}

/// Net stance (favor share minus against share) per week, as a line from -1 to 1 with a dot
/// per week whose size grows with its quotes.
pub fn time_chart(weeks: &[WeekLine], target: &str) -> String {
    let points: Vec<&WeekLine> = weeks.iter().filter(|w| w.target == target && w.tally.stanced() > 0).collect();
    let (left, plot_width, top, plot_height) = (60.0, 640.0, 30.0, 220.0);
    let (width, height) = (left + plot_width + 30.0, top + plot_height + 60.0);
    let x = |i: usize| {
        left + if points.len() > 1 { plot_width * i as f64 / (points.len() - 1) as f64 } else { plot_width / 2.0 }
    };
    let y = |v: f64| top + plot_height * (1.0 - v) / 2.0;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">"#
    );
    let _ = write!(
        svg,
        r#"<text x="{}" y="18" text-anchor="middle" font-weight="bold">Net stance toward {} by week</text>"#,
        left + plot_width / 2.0,
        esc(label_or_none(target))
    );
    for (v, label) in [(1.0, "all favor"), (0.0, "0"), (-1.0, "all against")] {
        let _ = write!(
            svg,
            r#"<line x1="{left}" y1="{0}" x2="{1}" y2="{0}" stroke="{GRID}"/><text x="{2}" y="{3}" text-anchor="end" fill="{MUTED}">{label}</text>"#,
            y(v),
            left + plot_width,
            left - 6.0,
            y(v) + 4.0
        );
    }
    let path: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, w)| format!("{:.1},{:.1}", x(i), y(w.tally.net_stance().unwrap_or(0.0))))
        .collect();
    let _ = write!(svg, r#"<polyline points="{}" fill="none" stroke="{FAVOR}" stroke-width="2"/>"#, path.join(" "));
    let step = points.len().div_ceil(8).max(1);
    for (i, w) in points.iter().enumerate() {
        let r = 2.0 + (w.tally.stanced() as f64).sqrt().min(8.0);
        let _ = write!(
            svg,
            r#"<circle cx="{:.1}" cy="{:.1}" r="{r:.1}" fill="{FAVOR}"><title>{}: {} quotes</title></circle>"#,
            x(i),
            y(w.tally.net_stance().unwrap_or(0.0)),
            w.week,
            w.tally.stanced()
        );
        if i % step == 0 {
            let _ = write!(
                svg,
                r#"<text x="{:.1}" y="{}" text-anchor="middle" fill="{MUTED}">{}</text>"#,
                x(i),
                top + plot_height + 20.0,
                w.week
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

fn cell(value: Option<f64>) -> String {
    value.map_or_else(String::new, |v| format!("{v:.2}"))
}

fn share_cell(share: Option<(f64, f64, f64)>) -> String {
    share.map_or_else(String::new, |(p, low, high)| format!("{p:.2} <small>({low:.2}–{high:.2})</small>"))
}

/// The speaker table of one target as HTML rows: the speakers with at least `min_quotes`
/// quotes (the CSV output has them all).
fn speaker_table(lines: &[SpeakerLine], target: &str, min_quotes: usize) -> String {
    let mut html = String::from("<table><tr><th>speaker</th><th>speaker_id</th><th>quotes</th><th>favor (95% CI)</th><th>against (95% CI)</th><th>none</th><th>net stance</th><th>mean sentiment</th></tr>");
    for l in lines.iter().filter(|l| l.target == target && l.tally.quotes >= min_quotes) {
        let t = &l.tally;
        let _ = write!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&l.speaker),
            esc(&l.speaker_id),
            t.quotes,
            share_cell(t.share(t.favor)),
            share_cell(t.share(t.against)),
            t.none,
            cell(t.net_stance()),
            cell(t.mean_sentiment())
        );
    }
    html.push_str("</table>");
    html
}

/// The whole report: per target, the stance chart, the weekly chart where dates are known, and
/// the speaker table. `source` names the summarised files.
pub fn html(lines: &[SpeakerLine], weeks: &[WeekLine], source: &str, min_quotes: usize, top: usize) -> String {
    let quotes: usize = lines.iter().map(|l| l.tally.quotes).sum();
    let mut page = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>quotelens summary</title><style>body{{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}}table{{border-collapse:collapse;margin:1em 0}}td,th{{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left}}td:nth-child(n+3){{text-align:right;white-space:nowrap}}small{{color:#777}}</style></head><body><h1>Who said what</h1><p>{} rows from {}. Charts show the {top} most quoted speakers per target with at least {min_quotes} quotes, tables all such speakers. Shares are of the speaker's quotes; intervals are Wilson 95%. Stance and sentiment are model output: read a sample of each group's quotes before drawing conclusions.</p>",
        quotes,
        esc(source)
    );
    for target in targets(lines, |l| l.target.as_str()) {
        let _ = write!(page, "<h2>{}</h2>", esc(label_or_none(target)));
        page.push_str(&stance_chart(lines, target, min_quotes, top));
        if weeks.iter().any(|w| w.target == target) {
            page.push_str(&time_chart(weeks, target));
        }
        page.push_str(&speaker_table(lines, target, min_quotes));
    }
    page.push_str("</body></html>\n");
    page
}

/// The stance charts of every target, stacked in one SVG.
pub fn svg(lines: &[SpeakerLine], min_quotes: usize, top: usize) -> String {
    let targets = targets(lines, |l| l.target.as_str());
    let charts: Vec<String> = targets.iter().map(|t| stance_chart(lines, t, min_quotes, top)).collect();
    let heights: Vec<f64> =
        targets.iter().map(|t| stance_chart_height(charted(lines, t, min_quotes, top).len())).collect();
    let total: f64 = heights.iter().sum();
    let mut out = format!(r#"<svg xmlns="http://www.w3.org/2000/svg" width="830" height="{total}">"#);
    let mut y = 0.0;
    for (chart, height) in charts.iter().zip(heights) {
        let _ = write!(out, r#"<g transform="translate(0,{y})">{chart}</g>"#);
        y += height;
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summary::{by_speaker, by_week, Row};
    use std::collections::HashMap;

    fn rows() -> Vec<Row> {
        let make = |name: &str, stance: &str, date: &str| {
            let fields: HashMap<&str, &str> =
                [("speaker", name), ("target", "the <plan>"), ("stance", stance), ("date", date)].into_iter().collect();
            Row::from_fields(|c| fields.get(c).copied()).unwrap()
        };
        vec![
            make("Ann Roe", "favor", "2016-09-15"),
            make("Ann Roe", "favor", "2016-09-22"),
            make("Ann Roe", "against", "2016-09-22"),
            make("Bo Lee", "none", "2016-09-22"),
        ]
    }

    #[test]
    fn the_page_has_a_chart_per_target_over_escaped_text() {
        let rows = rows();
        let page = html(&by_speaker(&rows), &by_week(&rows), "q.csv", 1, 10);
        assert!(page.contains("the &lt;plan&gt;") && !page.contains("the <plan>"));
        assert_eq!(page.matches("<svg").count(), 2, "stance and weekly charts");
        assert!(page.contains("n=3") && page.contains("Ann Roe") && page.contains("2016-09-19"));
    }

    #[test]
    fn bars_are_the_stance_shares() {
        let lines = by_speaker(&rows());
        let chart = stance_chart(&lines, "the <plan>", 2, 10);
        // Ann Roe alone has two quotes or more: against 1/3 and favor 2/3 of 260 pixels.
        assert!(chart.contains(r#"width="86.7""#) && chart.contains(r#"width="173.3""#), "{chart}");
        assert!(!chart.contains("Bo Lee"));
    }
}
