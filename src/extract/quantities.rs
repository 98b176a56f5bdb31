//! Quantities: numbers in a claim that count or measure something, with
//! their value, unit and whether they are hedged. Dates, years, clock
//! times, ordinals, ages and numbers that are part of a name ("Resolution
//! 2231", "No. 3") are left out.

use super::lexicon::{DETERMINER_TAGS, LexiconData, TagBits, VerbForm, WordClasses};
use super::model::Quantity;
use super::span::{Range, is_possessive};
use super::tokens::{TokKind, Tokens};

/// "no one", "this one": "one" is a pronoun.
const BEFORE_PRONOUN_ONE: TagBits = DETERMINER_TAGS.bits(&["one"]);

/// The quantities inside the given content ranges.
pub fn find(t: &Tokens, ranges: &[Range], lex: &LexiconData) -> Vec<Quantity> {
    let mut out = Vec::new();
    for &(a, b) in ranges {
        let mut i = a;
        while i < b {
            i = match read_at(t, i, a, b, lex, &mut out) {
                Some(next) => next,
                None => i + 1,
            };
        }
    }
    out
}

/// The one or two values a quantity token stands for.
#[derive(Default)]
struct Values {
    values: [f64; 2],
    len: usize,
}

impl Values {
    fn push(&mut self, v: f64) {
        self.values[self.len] = v;
        self.len += 1;
    }

    fn first(&self) -> f64 {
        self.values[0]
    }

    fn scale(&mut self, by: f64) {
        for v in &mut self.values[..self.len] {
            *v *= by;
        }
    }

    fn as_slice(&self) -> &[f64] {
        &self.values[..self.len]
    }
}

fn parse_number(s: &str) -> Option<f64> {
    if !s.contains(',') {
        // Nothing to drop: parse in place.
        if !s.chars().next()?.is_ascii_digit() {
            return None;
        }
        return s.parse().ok();
    }
    // The number without its thousands separators, built on the stack:
    // numbers are short, and one with commas is common ("12,000").
    let mut buf = [0u8; 64];
    let mut len = 0;
    for b in s.bytes().filter(|&b| b != b',') {
        if len == buf.len() {
            let cleaned: String = s.chars().filter(|c| *c != ',').collect();
            return parse_cleaned(&cleaned);
        }
        buf[len] = b;
        len += 1;
    }
    // Dropping ASCII commas from UTF-8 leaves UTF-8.
    parse_cleaned(std::str::from_utf8(&buf[..len]).expect("UTF-8 without commas"))
}

/// Parses a number whose thousands separators are gone.
fn parse_cleaned(cleaned: &str) -> Option<f64> {
    if cleaned.is_empty() || !cleaned.chars().next()?.is_ascii_digit() {
        return None;
    }
    cleaned.parse().ok()
}

/// What the number token itself says: its values, a currency or unit
/// glued to it ("$5", "5km"), and whether it is a number word.
#[derive(Default)]
struct Reading<'a> {
    values: Values,
    currency: Option<&'a str>,
    glued_unit: Option<&'a str>,
    is_word_number: bool,
}

/// Reads a quantity starting at token `i` of the content `[a, b)`; returns
/// the index after it, or after what is no quantity (a year, a date, a
/// clock time, an age, a number in a name).
fn read_at(
    t: &Tokens,
    i: usize,
    a: usize,
    b: usize,
    lex: &LexiconData,
    out: &mut Vec<Quantity>,
) -> Option<usize> {
    let mut reading = read_number(t, i, a, lex)?;
    let prev = if i > a { Some(i - 1) } else { None };
    if reading.currency.is_none()
        && let Some(before) = prev
        && t.toks[before].kind == TokKind::Punct
        && let Some((_, unit)) = lex
            .currencies
            .iter()
            .find(|(sign, _)| sign == t.text(before))
    {
        reading.currency = Some(unit.as_str());
    }
    if let Some(skip_to) = no_quantity(t, i, a, b, lex, &reading) {
        return Some(skip_to);
    }
    let mut end = i + 1;
    // Scale words: "1.5 million", "fifteen billion".
    if end < b
        && let Some(scale) = lex.scales.get(t.low(end))
    {
        reading.values.scale(*scale);
        end += 1;
    }
    let (end, unit) = unit_after(t, end, b, lex, reading.currency.or(reading.glued_unit));
    // Hedges before the number (before a currency sign too).
    let mut start = i;
    if reading.currency.is_some() && prev.is_some_and(|p| t.toks[p].kind == TokKind::Punct) {
        start = i - 1;
    }
    if reading.is_word_number && t.low(i) == "dozen" {
        start = i - 1;
    }
    let mut approx = false;
    for phrase in &lex.approx {
        let phrase_len = phrase.len();
        if start >= a + phrase_len
            && (0..phrase_len).all(|k| t.low(start - phrase_len + k) == phrase[k])
        {
            approx = true;
            start -= phrase_len;
            break;
        }
    }
    let text = t.span_text(start, end).to_string();
    // Every value but the last gets copies of the unit and text; the last
    // (usually the only one) takes them.
    let (last, rest) = reading
        .values
        .as_slice()
        .split_last()
        .expect("a value was read");
    for &value in rest {
        out.push(Quantity {
            value,
            unit: unit.clone(),
            approx,
            text: text.clone(),
        });
    }
    out.push(Quantity {
        value: *last,
        unit,
        approx,
        text,
    });
    Some(end)
}

/// The value of the token at `i`: a number, a number word ("three", "a
/// dozen"), or digits with a currency, scale or unit glued on.
fn read_number<'a>(
    t: &Tokens<'a>,
    i: usize,
    a: usize,
    lex: &'a LexiconData,
) -> Option<Reading<'a>> {
    let kind = t.toks[i].kind;
    if !matches!(kind, TokKind::Number | TokKind::Word) {
        return None;
    }
    let text = t.text(i);
    let low = t.low(i);
    let mut reading = Reading::default();
    if kind == TokKind::Number {
        reading.values.push(parse_number(text)?);
    } else if let Some(v) = t
        .has(i, WordClasses::NUMBER_WORDS)
        .then(|| lex.number_words.get(low))
        .flatten()
    {
        if low == "dozen" && !(i > a && matches!(t.low(i - 1), "a" | "one")) {
            return None;
        }
        if low == "one"
            && (i > a && lex.determiners.has(t.low(i - 1), BEFORE_PRONOUN_ONE)
                || t.is(i + 1, "another"))
        {
            return None;
        }
        // "day one", "year two": a position, not a count.
        if i > a && lex.position_nouns.contains(t.low(i - 1)) {
            return None;
        }
        reading.is_word_number = true;
        reading.values.push(*v);
    } else if let Some(v) = compound_number_word(low, lex) {
        reading.is_word_number = true;
        reading.values.push(v);
    } else if let Some(d) = text.bytes().position(|b| b.is_ascii_digit()) {
        // By bytes: an ASCII digit byte is always that digit char, and most
        // words looked at here have none, so decoding them was waste.
        read_glued(text, d, lex, &mut reading)?;
    } else {
        return None;
    }
    Some(reading)
}

/// "fifty-five", "Twenty-three": a tens word and a word for one to nine,
/// joined by a hyphen, is their sum.
fn compound_number_word(low: &str, lex: &LexiconData) -> Option<f64> {
    // "forty-one" to "seventy-seven": most words are turned away unread.
    if !(9..=13).contains(&low.len()) {
        return None;
    }
    let (tens, unit) = low.split_once('-')?;
    let tens = *lex.number_words.get(tens)?;
    let unit = *lex.number_words.get(unit)?;
    let is_tens = (20.0..=90.0).contains(&tens) && tens % 10.0 == 0.0;
    (is_tens && (1.0..=9.0).contains(&unit)).then_some(tens + unit)
}

/// Digits with something glued on, from byte `d`, the first digit: "$5",
/// "1.2bn", "5km", "a 10-day trial", "5-2".
fn read_glued<'a>(
    text: &'a str,
    d: usize,
    lex: &'a LexiconData,
    reading: &mut Reading<'a>,
) -> Option<()> {
    let (prefix, rest) = text.split_at(d);
    // "1.2bn", "5km": a scale or a unit glued to the number.
    let digits_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(rest.len());
    let (number, suffix) = rest.split_at(digits_end);
    let suffix_ok = suffix.chars().all(|c| c.is_ascii_alphabetic())
        && !suffix.is_empty()
        && !lex.ordinal_suffixes.contains(suffix)
        // "the 1990s"
        && suffix != "s";
    let values = &mut reading.values;
    if !prefix.is_empty() {
        let unit = lex.currencies.iter().find(|(sign, _)| sign == prefix)?;
        reading.currency = Some(unit.1.as_str());
        let mut v = parse_number(number)?;
        if !suffix.is_empty() {
            v *= lex.scales.get(&suffix.to_ascii_lowercase()).copied()?;
        }
        values.push(v);
    } else if suffix_ok {
        let v = parse_number(number)?;
        match lex.scales.get(&suffix.to_ascii_lowercase()) {
            Some(scale) => values.push(v * scale),
            None => {
                values.push(v);
                reading.glued_unit = Some(suffix);
            }
        }
    } else if let Some(unit) = suffix.strip_prefix('-').filter(|u| {
        !u.is_empty()
            && u.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
            && !u.ends_with("old")
    }) {
        // "a 10-day trial", "a 40-page report".
        values.push(parse_number(number)?);
        reading.glued_unit = Some(unit);
    } else {
        // "5-2", "24-118": two numbers joined by a hyphen.
        let parts: Vec<&str> = text.split(['-', '–']).collect();
        if parts.len() != 2 || !parts.iter().all(|p| parse_number(p).is_some()) {
            return None;
        }
        for p in &parts {
            values.push(parse_number(p)?);
        }
    }
    Some(())
}

/// Where to go on when the number at `i` is no quantity: a year, a date,
/// a clock time, an age, a number that is part of a name.
fn no_quantity(
    t: &Tokens,
    i: usize,
    a: usize,
    b: usize,
    lex: &LexiconData,
    reading: &Reading,
) -> Option<usize> {
    let text = t.text(i);
    let prev = if i > a { Some(i - 1) } else { None };
    let currency = reading.currency;
    let first = reading.values.first();
    let decimal_or_comma = text.contains('.') || text.contains(',');
    // Years, dates and clock times.
    if t.toks[i].kind == TokKind::Number
        && currency.is_none()
        && !decimal_or_comma
        && (1800.0..=2100.0).contains(&first)
        && text.len() == 4
    {
        return Some(i + 1);
    }
    if (!reading.is_word_number || t.is_cap(i))
        && let Some(before) = prev
    {
        let before_low = t.low(before);
        if lex.months.contains(before_low) {
            return Some(i + 1);
        }
        // A number that is part of a name: "Section 23", "No. 3". An
        // amount ("Acme Inc. 15.1 billion won") is not.
        let amount = decimal_or_comma || t.has(i + 1, WordClasses::SCALES);
        if t.is_cap(before)
            && !lex.function_words.contains(before_low)
            && !lex
                .approx
                .iter()
                .any(|ap| ap.len() == 1 && ap[0] == before_low)
            && !is_possessive(before_low)
            && currency.is_none()
            && !amount
        {
            return Some(i + 1);
        }
        if before_low == "aged" {
            return Some(i + 1);
        }
        // "Jane Roe, 58, said", "the suspect, 27, fled": an age.
        if before_low == ","
            && before > a
            && t.toks[before - 1].kind == TokKind::Word
            && t.is_punct(i + 1, ",")
            && first < 120.0
            && first.fract() == 0.0
        {
            return Some(i + 1);
        }
    }
    if i + 1 < b && t.has(i + 1, WordClasses::MONTHS) {
        return Some(i + 1);
    }
    if t.is_punct(i + 1, ":") && t.toks.get(i + 2).is_some_and(|x| x.kind == TokKind::Number) {
        return Some(i + 3);
    }
    if i + 1 < b && lex.clock_words.contains(t.low(i + 1)) {
        return Some(i + 1);
    }
    None
}

/// The unit after the number, which ends at `end`: "percent", or the
/// counted noun with the words that make it up ("special forces"); a
/// currency or glued unit stands unless a currency word follows.
fn unit_after(
    t: &Tokens,
    mut end: usize,
    b: usize,
    lex: &LexiconData,
    glued: Option<&str>,
) -> (usize, Option<String>) {
    let mut unit = glued.map(str::to_string);
    if end >= b {
        return (end, unit);
    }
    let next = t.low(end);
    let percent = lex
        .percent_words
        .iter()
        .find(|words| words.iter().enumerate().all(|(k, w)| t.low(end + k) == w));
    if let Some(words) = percent {
        unit = Some("percent".into());
        end += words.len();
    } else if unit.is_none()
        // A currency word: "5 million dollars".
        || lex.currencies.iter().any(|(_, currency)| currency == next)
    {
        let noun_word = |k: usize| {
            let w = t.low(k);
            k < b
                && t.toks[k].kind == TokKind::Word
                && !t.is_cap(k)
                && !t.has(k, WordClasses::FUNCTION_WORDS)
                && !t.has(k, WordClasses::DETERMINERS)
                && !t.has(k, WordClasses::AUXILIARIES)
                && !t.has(k, WordClasses::TIME_WORDS)
                && !(t.has(k, WordClasses::VERBS)
                    && lex
                        .verbs
                        .get(w)
                        .is_some_and(|v| matches!(v.form, VerbForm::Past | VerbForm::Participle)))
                && w.chars().all(|c| c.is_alphabetic() || c == '-')
        };
        let start_unit = end;
        while end < b && end - start_unit < 3 && noun_word(end) {
            end += 1;
        }
        if end > start_unit {
            unit = Some(t.span_text(start_unit, end).to_string());
        }
    }
    (end, unit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Lexicon;
    use crate::extract::tokens::tokenize;

    fn quantities(text: &str) -> Vec<(f64, Option<String>, bool)> {
        let lex = Lexicon::builtin();
        let lower = text.to_ascii_lowercase();
        let toks = tokenize(text, &lower, 0, text.len(), &lex);
        find(&toks, &[(0, toks.toks.len())], &lex)
            .into_iter()
            .map(|q| (q.value, q.unit, q.approx))
            .collect()
    }

    #[test]
    fn tens_and_hyphenated_number_words_count() {
        assert_eq!(
            quantities("Forty ships were waiting")[0],
            (40.0, Some("ships".into()), false)
        );
        assert_eq!(
            quantities("some fifty-five ships")[0],
            (55.0, Some("ships".into()), true)
        );
        assert_eq!(
            quantities("Twenty-three workers were hurt")[0],
            (23.0, Some("workers".into()), false)
        );
        // Not a tens word and a unit: no number.
        assert!(quantities("a one-two punch and a ten-four reply").is_empty());
        assert!(quantities("a fifty-fifty split").is_empty());
    }

    #[test]
    fn counts_money_and_percentages() {
        assert_eq!(
            quantities("about 1,500 troops and $2.5 million, up 4.2 percent"),
            [
                (1500.0, Some("troops".into()), true),
                (2_500_000.0, Some("dollars".into()), false),
                (4.2, Some("percent".into()), false)
            ]
        );
        assert_eq!(
            quantities("at least a dozen ships")[0],
            (12.0, Some("ships".into()), true)
        );
        assert_eq!(quantities("Twelve billion won")[0].0, 12e9);
        assert_eq!(quantities("paid R3.4 billion")[0].0, 3.4e9);
        assert_eq!(quantities("a £1.2bn deal")[0].0, 1.2e9);
        assert_eq!(
            quantities("a 40km queue")[0],
            (40.0, Some("km".into()), false)
        );
        assert_eq!(
            quantities("about 900 special forces were sent")[0],
            (900.0, Some("special forces".into()), true)
        );
        assert_eq!(
            quantities("by 25 basis points to 5 percent")[0]
                .1
                .as_deref(),
            Some("basis points")
        );
        assert!(quantities("in the 1990s, on the 3rd").is_empty());
        assert_eq!(
            quantities("a 10-day trial")[0],
            (10.0, Some("day".into()), false)
        );
        assert!(quantities("a 34-year-old nurse").is_empty());
        assert_eq!(
            quantities("the panel voted 7-2")
                .iter()
                .map(|q| q.0)
                .collect::<Vec<_>>(),
            [7.0, 2.0]
        );
    }

    #[test]
    fn dates_years_names_and_ages_are_not_quantities() {
        assert!(quantities("on March 3 in 2019 under Article 51, at 9 a.m.").is_empty());
        assert!(quantities("Bay No. 4 and Order 12-77").is_empty());
        assert_eq!(quantities("fined Acme Inc. 2.5 billion won")[0].0, 2.5e9);
        assert!(quantities("Jon Bree, 61, a 45-year-old driver").is_empty());
        assert!(quantities("no one came").is_empty());
    }
}
