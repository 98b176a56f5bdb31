//! Publication dates as found ("Oct. 23, 2024", "Updated 14:05 GMT, 23
//! October 2024", "2024-05-02T08:00:00Z") read into a calendar date, so
//! that articles can be sorted. Only a date the text gives in full is
//! read: "Oct. 23" names no year, and "03/04/2024" could be March or April,
//! so both give none rather than a guess.

use chrono::{DateTime, Month, NaiveDate};

/// The date a publication line gives, as ISO 8601 `YYYY-MM-DD`: the day
/// the article states, in its own time zone. `None` when the text gives no
/// full, valid date.
pub fn published_date(text: &str) -> Option<String> {
    read_date(text).map(|d| d.format("%Y-%m-%d").to_string())
}

fn read_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.date_naive());
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(text) {
        return Some(t.date_naive());
    }
    let tokens = tokens(text);
    numeric_date(&tokens).or_else(|| worded_date(&tokens))
}

/// A word or a number of the line, with what followed it up to the next
/// token, which tells "2024-10-23" from "14:05".
#[derive(Debug)]
struct Token<'a> {
    text: &'a str,
    then: &'a str,
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    // Runs of digits and runs of letters, as byte ranges.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut current: Option<(usize, bool)> = None;
    for (i, c) in text.char_indices() {
        let kind = class(c);
        match (current, kind) {
            (Some((_, was)), Some(is)) if was == is => {}
            (Some((start, _)), _) => {
                runs.push((start, i));
                current = kind.map(|is| (i, is));
            }
            (None, Some(is)) => current = Some((i, is)),
            (None, None) => {}
        }
    }
    if let Some((start, _)) = current {
        runs.push((start, text.len()));
    }
    let mut out: Vec<Token<'_>> = Vec::with_capacity(runs.len());
    for (k, &(start, end)) in runs.iter().enumerate() {
        let word = &text[start..end];
        let then = &text[end..runs.get(k + 1).map_or(text.len(), |r| r.0)];
        // "23rd": the suffix belongs to the number.
        if let Some(number) = out.last_mut()
            && number.then.is_empty()
            && number.text.bytes().all(|b| b.is_ascii_digit())
            && ["st", "nd", "rd", "th"]
                .iter()
                .any(|s| s.eq_ignore_ascii_case(word))
        {
            number.then = then;
            continue;
        }
        out.push(Token { text: word, then });
    }
    out
}

/// Digits, letters, or neither.
fn class(c: char) -> Option<bool> {
    if c.is_ascii_digit() {
        Some(true)
    } else if c.is_alphabetic() {
        Some(false)
    } else {
        None
    }
}

fn number(token: &Token<'_>) -> Option<u32> {
    token
        .text
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| token.text.parse().ok())
        .flatten()
}

/// `2024-10-23`, `2024/10/23`, `2024.10.23`, or day and month written
/// around a four-digit year when only one order makes a date
/// (`23/10/2024`).
fn numeric_date(tokens: &[Token<'_>]) -> Option<NaiveDate> {
    for w in tokens.windows(3) {
        let sep = w[0].then.trim();
        if !matches!(sep, "-" | "/" | ".") || w[1].then.trim() != sep {
            continue;
        }
        let (Some(a), Some(b), Some(c)) = (number(&w[0]), number(&w[1]), number(&w[2])) else {
            continue;
        };
        if w[0].text.len() == 4 {
            return NaiveDate::from_ymd_opt(a as i32, b, c);
        }
        if w[2].text.len() == 4 {
            // Day first or month first: only a day above 12 tells which.
            return match (a > 12, b > 12) {
                (true, false) => NaiveDate::from_ymd_opt(c as i32, b, a),
                (false, true) => NaiveDate::from_ymd_opt(c as i32, a, b),
                _ => None,
            };
        }
    }
    None
}

/// A month named in words, with a day beside it and a four-digit year:
/// "October 23, 2024", "23 Oct. 2024", "Sept. 3rd 2024".
fn worded_date(tokens: &[Token<'_>]) -> Option<NaiveDate> {
    for (k, token) in tokens.iter().enumerate() {
        let Some(month) = month(token.text) else {
            continue;
        };
        let day_at = |j: usize| -> Option<u32> {
            let t = tokens.get(j)?;
            // A clock time ("14:05") is not a day.
            if t.then.trim_start().starts_with(':')
                || j > 0 && tokens[j - 1].then.trim_end().ends_with(':')
            {
                return None;
            }
            let day = number(t)?;
            (t.text.len() <= 2 && (1..=31).contains(&day)).then_some(day)
        };
        let year_at = |j: usize| -> Option<i32> {
            let t = tokens.get(j)?;
            (t.text.len() == 4)
                .then(|| number(t))
                .flatten()
                .map(|y| y as i32)
        };
        // "October 23, 2024" and "October 23rd 2024".
        if let (Some(day), Some(year)) = (day_at(k + 1), year_at(k + 2)) {
            return NaiveDate::from_ymd_opt(year, month.number_from_month(), day);
        }
        // "23 October 2024".
        if k > 0
            && let (Some(day), Some(year)) = (day_at(k - 1), year_at(k + 1))
        {
            return NaiveDate::from_ymd_opt(year, month.number_from_month(), day);
        }
    }
    None
}

/// A month's name, in full or shortened to three letters or more
/// ("Sept"), in English as chrono knows the names.
fn month(word: &str) -> Option<Month> {
    if word.len() < 3 || !word.is_ascii() {
        return None;
    }
    let month: Month = word[..3].parse().ok()?;
    month
        .name()
        .to_ascii_lowercase()
        .starts_with(&word.to_ascii_lowercase())
        .then_some(month)
}

#[cfg(test)]
mod tests {
    use super::published_date;

    #[test]
    fn full_dates_in_the_usual_newsroom_forms_are_read() {
        for (text, date) in [
            ("2024-10-23", "2024-10-23"),
            ("2024-05-02T08:00:00Z", "2024-05-02"),
            ("2024-05-02T23:30:00-05:00", "2024-05-02"),
            ("Wed, 23 Oct 2024 14:05:00 +0000", "2024-10-23"),
            ("March 21, 2024", "2024-03-21"),
            ("Oct. 23, 2024", "2024-10-23"),
            ("Sept. 3rd 2024", "2024-09-03"),
            ("23rd October 2024", "2024-10-23"),
            ("23 October 2024", "2024-10-23"),
            ("Updated 14:05 GMT, 23 October 2024", "2024-10-23"),
            ("Tuesday, December 3, 2024 10:30 AM EST", "2024-12-03"),
            ("2024/10/23", "2024-10-23"),
            ("23/10/2024", "2024-10-23"),
            ("10/23/2024", "2024-10-23"),
        ] {
            assert_eq!(published_date(text).as_deref(), Some(date), "{text}");
        }
    }

    #[test]
    fn a_date_without_a_year_or_with_two_readings_gives_none() {
        for text in [
            "Oct. 23",
            "June 14",
            "03/04/2024",
            "February 30, 2024",
            "the mayor said on Monday",
            "14:05",
            "",
        ] {
            assert_eq!(published_date(text), None, "{text}");
        }
    }
}
