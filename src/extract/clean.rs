//! Turns scraped article text into the cleaned body that claims point
//! into: junk lines dropped, headline, byline, dateline and footer moved to
//! the article's metadata, words broken across lines mended. Every body
//! character remembers where it came from in the raw text.

use std::collections::HashMap;

use super::lexicon::Lexicon;
use super::model::ArticleMeta;

/// The cleaned body and how it maps back to the raw text.
#[derive(Debug, Clone)]
pub struct Cleaned {
    pub body: String,
    /// For each body char, the index of the raw char it came from.
    pub raw_index: Vec<usize>,
    /// Byte ranges of the body paragraphs.
    pub paragraphs: Vec<(usize, usize)>,
    pub meta: ArticleMeta,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineClass {
    Blank,
    Junk,
    Byline,
    Content,
}

struct Line<'a> {
    text: &'a str,
    /// Raw char index of the first char of `text`.
    start: usize,
    class: LineClass,
}

/// Cleans one article.
pub fn clean(raw: &str, lex: &Lexicon) -> Cleaned {
    let mut meta = ArticleMeta::default();
    let lines = classify_lines(raw, lex, &mut meta);

    // Consecutive content lines make a paragraph; anything else separates.
    // A group is a run of adjacent lines, so it is kept as a slice.
    let mut groups: Vec<&[Line]> = Vec::new();
    let mut run_start = None;
    for (at, line) in lines.iter().enumerate() {
        if line.class == LineClass::Content {
            run_start.get_or_insert(at);
        } else if let Some(first) = run_start.take() {
            split_single_spaced(&lines[first..at], &mut groups);
        }
    }
    if let Some(first) = run_start {
        split_single_spaced(&lines[first..], &mut groups);
    }

    // Each paragraph is written straight into the body (and taken back
    // out when it turns out to be the headline or empty), so no
    // per-paragraph buffer is needed.
    let mut body = String::with_capacity(raw.len());
    let mut raw_index = Vec::with_capacity(raw.len());
    let mut paragraphs = Vec::new();
    let mut seen_body = false;
    // Quotations are collected once, when a paragraph opens with one long
    // enough to be a pull quote.
    let mut quotations: Option<HashMap<&str, bool>> = None;
    for (gi, group) in groups.iter().enumerate() {
        if let Some(inner) = opening_quotation(group)
            && quotations
                .get_or_insert_with(|| quotations_in_sentences(raw))
                .get(inner)
                == Some(&true)
        {
            continue;
        }
        let mark = (body.len(), raw_index.len());
        if !body.is_empty() {
            let sep_raw = raw_index.last().map_or(0, |r| r + 1);
            body.push_str("\n\n");
            raw_index.push(sep_raw);
            raw_index.push(sep_raw);
        }
        let start = (body.len(), raw_index.len());
        join_lines(group, lex, &mut body, &mut raw_index, start.0);
        if !seen_body && gi == 0 && meta.title.is_none() && is_headline(group, &body[start.0..]) {
            meta.title = Some(body[start.0..].to_string());
            body.truncate(mark.0);
            raw_index.truncate(mark.1);
            continue;
        }
        let paragraph = &body[start.0..];
        let furniture = if is_date_line(paragraph, lex) {
            // "Tuesday, September 22, 2015" on a line of its own: when the
            // article was published, not something it states.
            if meta.published.is_none() {
                meta.published = Some(paragraph.to_string());
            }
            true
        } else {
            is_caption(paragraph)
                || (seen_body && gi + 1 < groups.len() && is_section_heading(group, paragraph))
        };
        if furniture {
            body.truncate(mark.0);
            raw_index.truncate(mark.1);
            continue;
        }
        if !seen_body {
            strip_dateline(&mut body, &mut raw_index, start, lex, &mut meta);
        }
        seen_body = true;
        if body.len() == start.0 {
            body.truncate(mark.0);
            raw_index.truncate(mark.1);
            continue;
        }
        paragraphs.push((start.0, body.len()));
    }
    Cleaned {
        body,
        raw_index,
        paragraphs,
        meta,
    }
}

fn classify_lines<'a>(raw: &'a str, lex: &Lexicon, meta: &mut ArticleMeta) -> Vec<Line<'a>> {
    let mut lines = Vec::with_capacity(raw.bytes().filter(|&b| b == b'\n').count() + 1);
    let mut start = 0;
    for piece in raw.split('\n') {
        let len = piece.chars().count();
        let text = piece.trim_end_matches('\r');
        let lead = text.chars().take_while(|c| c.is_whitespace()).count();
        let trimmed = text.trim();
        let class = if trimmed.is_empty() {
            LineClass::Blank
        } else if let Some(owner) = copyright_owner(trimmed, lex) {
            if meta.outlet.is_none() {
                meta.outlet = Some(owner);
            }
            LineClass::Junk
        } else if trimmed.len() <= MAX_FURNITURE_LINE && lex.junk.is_match(trimmed.as_bytes()) {
            LineClass::Junk
        } else if let Some(c) = (trimmed.len() <= MAX_FURNITURE_LINE && looks_like_byline(trimmed))
            .then(|| lex.patterns.byline.captures(trimmed))
            .flatten()
        {
            if meta.byline.is_none() {
                meta.byline = Some(c["name"].trim().to_string());
                if let Some(rest) = c.name("rest") {
                    let rest = rest.as_str().trim();
                    if rest.chars().any(|c| c.is_ascii_digit()) {
                        meta.published = Some(rest.to_string());
                    }
                }
            }
            LineClass::Byline
        } else if lines
            .last()
            .is_some_and(|l: &Line| l.class == LineClass::Byline)
            && is_byline_title(trimmed)
        {
            // "By Jane Roe" / "Transport Reporter" on the next line.
            LineClass::Byline
        } else {
            LineClass::Content
        };
        lines.push(Line {
            text: trimmed,
            start: start + lead,
            class,
        });
        start += len + 1;
    }
    lines
}

/// Scraping junk and bylines are short lines; a longer line is prose and
/// skips the (comparatively slow) furniture patterns.
const MAX_FURNITURE_LINE: usize = 160;

/// A staff title under a byline: a few capitalised words, no sentence.
fn is_byline_title(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    words.len() <= 5
        && !line.ends_with(['.', '!', '?', ':'])
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()) || w.len() <= 3)
}

fn looks_like_byline(line: &str) -> bool {
    let starts = |p: &str| {
        line.as_bytes()
            .get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
    };
    starts("by ") || starts("posted by") || starts("written by")
}

fn copyright_owner(line: &str, lex: &Lexicon) -> Option<String> {
    let starts = |p: &str| {
        line.get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p))
    };
    if !(starts("copyright") || line.starts_with('©') || starts("(c)")) {
        return None;
    }
    let caps = lex.patterns.copyright.captures(line)?;
    let owner = caps.name("owner")?.as_str().trim();
    (!owner.is_empty() && owner.chars().next().is_some_and(|c| c.is_uppercase()))
        .then(|| owner.to_string())
}

/// Text with single line breaks between paragraphs: a line that ends a
/// sentence and a next line that opens one are two paragraphs. A line
/// broken mid-sentence (or text wrapped at a fixed width) stays whole.
/// Appends the paragraphs of `group` to `out`.
fn split_single_spaced<'l, 'a>(group: &'l [Line<'a>], out: &mut Vec<&'l [Line<'a>]>) {
    if group.len() < 2 || is_hard_wrapped(group) {
        out.push(group);
        return;
    }
    let first_out = out.len();
    let mut current = 0;
    for i in 1..group.len() {
        let prev = &group[i - 1];
        let line = &group[i];
        let ends = ends_sentence(prev.text);
        let opens = line
            .text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || matches!(c, '“' | '"' | '‘'));
        let title_line =
            out.len() == first_out && i - current == 1 && !ends && is_title_like(prev.text);
        if (ends || title_line) && opens {
            out.push(&group[current..i]);
            current = i;
        }
    }
    out.push(&group[current..]);
}

/// Three or more lines, all but the last at least 40 chars long, and most
/// of them breaking off mid-sentence: text wrapped at a fixed width. Long
/// lines that each end a sentence are paragraphs set one per line.
fn is_hard_wrapped(group: &[Line]) -> bool {
    let inner = &group[..group.len().saturating_sub(1)];
    group.len() >= 3
        && inner.iter().all(|l| l.text.chars().count() >= 40)
        && inner.iter().filter(|l| ends_sentence(l.text)).count() * 2 < inner.len()
}

/// Whether a line ends with a sentence's closing mark, maybe inside a
/// closing quotation mark or bracket.
fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['”', '"', '’', '\'', ')'])
        .ends_with(['.', '!', '?'])
}

/// A paragraph that is only a date ("Tuesday, September 22, 2015",
/// "22 September 2015", "2015-09-22"): a weekday, then a month name, a day
/// and a four-digit year in either order, or an ISO date.
fn is_date_line(paragraph: &str, lex: &Lexicon) -> bool {
    if paragraph.len() > 48 {
        return false;
    }
    let words: Vec<&str> = paragraph
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .collect();
    let is_year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    let is_day = |w: &str| {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        !digits.is_empty()
            && digits.len() <= 2
            && digits.bytes().all(|b| b.is_ascii_digit())
            && (w.len() == digits.len() || lex.ordinal_suffixes.contains(&w[digits.len()..]))
    };
    let is_month = |w: &str| lex.months.contains(&w.to_lowercase());
    let is_weekday = |w: &str| lex.weekdays.contains(&w.to_lowercase());
    let date = match words.as_slice() {
        [first, rest @ ..] if is_weekday(first) => rest,
        all => all,
    };
    match date {
        [iso] => {
            let parts: Vec<&str> = iso.split('-').collect();
            parts.len() == 3
                && is_year(parts[0])
                && parts[1..]
                    .iter()
                    .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
        }
        [m, d, y] if is_month(m) && is_day(d) && is_year(y) => true,
        [d, m, y] if is_day(d) && is_month(m) && is_year(y) => true,
        _ => false,
    }
}

/// A picture's caption: a short paragraph that ends with the picture's
/// credit ("Delegates at the opening session. Photo: Jane Roe.", "A crane
/// toppled (Photograph by Lin Ma)").
fn is_caption(paragraph: &str) -> bool {
    picture_credit(paragraph).is_some_and(|credit| {
        credit.split_whitespace().nth(8).is_none() && paragraph.split_whitespace().nth(60).is_none()
    })
}

/// The credit closing a paragraph: a capitalised credit word ("Image",
/// "Photo", ...) at a word start, then ":" or " by ", then a capitalised
/// name of up to 80 bytes with no colon or bracket, maybe in brackets and
/// closed by a full stop. A lower-case "an image: the quay" is prose.
fn picture_credit(paragraph: &str) -> Option<&str> {
    const WORDS: [&str; 8] = [
        "Photo credit",
        "Photograph",
        "Picture",
        "Credit",
        "Image",
        "Photo",
        "IMAGE",
        "PHOTO",
    ];
    let text = paragraph.trim_end_matches('.').trim_end_matches(')');
    let tail_start = text.len().saturating_sub(120);
    let tail_start = (tail_start..=text.len()).find(|&i| text.is_char_boundary(i))?;
    let tail = &text[tail_start..];
    if memchr::memchr(b':', tail.as_bytes()).is_none()
        && memchr::memmem::find(tail.as_bytes(), b" by ").is_none()
    {
        return None;
    }
    let (at, word) = WORDS
        .iter()
        .filter_map(|w| tail.rfind(w).map(|i| (i, *w)))
        .max_by_key(|&(i, w)| (i, w.len()))?;
    let before = tail[..at].chars().next_back();
    if before.is_some_and(|c| !c.is_whitespace() && c != '(') && !(tail_start == 0 && at == 0) {
        return None;
    }
    let after = tail[at + word.len()..]
        .strip_prefix('s')
        .unwrap_or(&tail[at + word.len()..]);
    let credit = after
        .strip_prefix(':')
        .or_else(|| after.strip_prefix(" by"))?
        .trim_start();
    let named = credit.chars().next().is_some_and(char::is_uppercase)
        && credit.len() <= 80
        && !credit.contains([':', '(', ')']);
    named.then_some(credit)
}

/// The quotations of an article, each with whether it stands after other
/// words on its line (inside a sentence) anywhere. One pass over the
/// text's bytes: only quote marks and line ends stop it.
fn quotations_in_sentences(raw: &str) -> HashMap<&str, bool> {
    const CURLY_OPEN: &[u8] = "“".as_bytes();
    const CURLY_CLOSE: &[u8] = "”".as_bytes();
    let bytes = raw.as_bytes();
    let mut found: HashMap<&str, bool> = HashMap::new();
    let mut line_start = 0;
    // Where the open quotation's text starts, and where its mark is.
    let mut open: Option<(usize, usize)> = None;
    // Only line ends and the bytes that open a quote mark stop the scan.
    for i in memchr::memchr3_iter(b'\n', b'"', 0xE2, bytes) {
        let (mark, len) = match bytes[i] {
            b'\n' => {
                line_start = i + 1;
                open = None;
                continue;
            }
            b'"' => (if open.is_some() { CLOSE } else { OPEN }, 1),
            0xE2 if bytes[i..].starts_with(CURLY_OPEN) => (OPEN, 3),
            0xE2 if bytes[i..].starts_with(CURLY_CLOSE) => (CLOSE, 3),
            _ => continue,
        };
        match (mark, open) {
            (OPEN, _) => open = Some((i + len, i)),
            (_, Some((from, at))) => {
                let inner = raw[from..i].trim();
                let in_sentence = !raw[line_start..at].trim().is_empty();
                *found.entry(inner).or_default() |= in_sentence;
                open = None;
            }
            _ => {}
        }
    }
    found
}

const OPEN: bool = true;
const CLOSE: bool = false;

/// The quotation of six words or more a paragraph opens with, if any: a
/// pull quote when the article quotes it again inside one of its
/// sentences ("She wrote that “...”"), where only it is a claim.
fn opening_quotation<'a>(group: &[Line<'a>]) -> Option<&'a str> {
    let first = group[0].text;
    let open = first.chars().next().filter(|c| matches!(c, '“' | '"'))?;
    let rest = &first[open.len_utf8()..];
    let close = rest.find(['”', '"'])?;
    let inner = rest[..close].trim();
    (inner.split_whitespace().nth(5).is_some()).then_some(inner)
}

/// A section heading between paragraphs: one short line with no closing
/// mark ("Reaction abroad", "Group B — Chile 2 – 1 Peru").
fn is_section_heading(group: &[Line], paragraph: &str) -> bool {
    group.len() == 1
        && !paragraph.ends_with(['.', '!', '?', ':', ';', ',', '”', '"', '’', '\'', ')', '…'])
        && paragraph.split_whitespace().nth(10).is_none()
}

/// A short line without a closing mark, most words capitalised: a title.
fn is_title_like(text: &str) -> bool {
    let (mut words, mut caps) = (0, 0);
    for w in text.split_whitespace() {
        words += 1;
        caps += usize::from(w.chars().next().is_some_and(|c| c.is_uppercase()));
    }
    words > 0 && words <= 20 && caps * 2 >= words
}

/// A first short line with no closing period reads as the headline.
/// `joined` is the group's text as joined into the body.
fn is_headline(group: &[Line], joined: &str) -> bool {
    if group.len() != 1 {
        return false;
    }
    let words = group[0].text.split_whitespace().count();
    let last = joined.chars().next_back().unwrap_or('.');
    // A headline may ask or exclaim ("Is the Strike Over?") when it is
    // written in title case.
    let asks = matches!(last, '!' | '?') && is_title_like(group[0].text);
    words <= 30 && (asks || !matches!(last, '.' | '!' | '?' | ':'))
}

/// Joins the lines of one paragraph onto the end of `body`, with the raw
/// index of every char. A break that splits a word (or falls before an
/// apostrophe-s) is closed up; any other break becomes a space. The
/// paragraph starts at byte `start` of `body`.
fn join_lines(
    group: &[Line],
    lex: &Lexicon,
    body: &mut String,
    raw_index: &mut Vec<usize>,
    start: usize,
) {
    let hard_wrapped = is_hard_wrapped(group);
    for (i, line) in group.iter().enumerate() {
        let mut fix_apostrophe = false;
        if i > 0 {
            let prev_last = body[start..].chars().next_back().unwrap_or(' ');
            let mut head = line.text.chars();
            let first = head.next().unwrap_or(' ');
            let second = head.next().unwrap_or(' ');
            let third = head.next().unwrap_or(' ');
            let apostrophe_s = matches!(first, '’' | '‘' | '\'')
                && matches!(second, 's' | 'S')
                && !third.is_alphanumeric();
            if apostrophe_s && prev_last.is_alphanumeric() {
                // A left quote mark here is a mis-typed apostrophe.
                fix_apostrophe = true;
            } else if prev_last.is_alphabetic()
                && first.is_lowercase()
                && !hard_wrapped
                && !ends_with_function_word(&body[start..], lex)
                && !starts_with_function_word(line.text, lex)
            {
                // A word split by the scraper: close it up.
            } else if prev_last == '-' && first.is_alphabetic() {
                // A hyphenated compound broken after its hyphen.
            } else {
                let raw_break = line.start.saturating_sub(1);
                body.push(' ');
                raw_index.push(raw_break);
            }
        }
        let mut text = line.text;
        if fix_apostrophe && let Some(first) = text.chars().next() {
            body.push('’');
            text = &text[first.len_utf8()..];
            raw_index.push(line.start);
        }
        let first_raw = line.start + usize::from(fix_apostrophe);
        body.push_str(text);
        if text.is_ascii() {
            raw_index.extend(first_raw..first_raw + text.len());
        } else {
            raw_index.extend((first_raw..).take(text.chars().count()));
        }
    }
}

/// Whether the paragraph so far ends with a function word.
fn ends_with_function_word(paragraph: &str, lex: &Lexicon) -> bool {
    let tail_start = paragraph
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(paragraph.len(), |(i, _)| i);
    is_function_word(&paragraph[tail_start..], lex, true)
}

fn starts_with_function_word(text: &str, lex: &Lexicon) -> bool {
    let end = text
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(text.len(), |(i, _)| i);
    is_function_word(&text[..end], lex, false)
}

/// Looks a word up, ASCII-lowercased, among the function words and
/// determiners (and the pre-verb adverbs when `pre_verb`), without
/// allocating for a short word.
fn is_function_word(word: &str, lex: &Lexicon, pre_verb: bool) -> bool {
    let mut buf = [0u8; 32];
    let lowered;
    let word = if word.len() <= buf.len() {
        let bytes = &mut buf[..word.len()];
        bytes.copy_from_slice(word.as_bytes());
        bytes.make_ascii_lowercase();
        // ASCII lowercasing keeps valid UTF-8 valid.
        std::str::from_utf8(bytes).expect("lowercased UTF-8")
    } else {
        lowered = word.to_ascii_lowercase();
        lowered.as_str()
    };
    lex.function_words.contains(word)
        || lex.determiners.contains(word)
        || (pre_verb && lex.pre_verb.contains(word))
}

/// Removes a dateline ("SEOUL, Oct. 23 (Agency) —", "Boston:") from the
/// first body paragraph, which starts at `start` (a byte offset into
/// `body` and an index into `raw_index`), and records it.
fn strip_dateline(
    body: &mut String,
    raw_index: &mut Vec<usize>,
    start: (usize, usize),
    lex: &Lexicon,
    meta: &mut ArticleMeta,
) {
    let paragraph = &body[start.0..];
    // The patterns see the first 120 chars only.
    let head_end = paragraph
        .char_indices()
        .nth(120)
        .map_or(paragraph.len(), |(i, _)| i);
    let text = &paragraph[..head_end];
    let caps = lex
        .patterns
        .dateline
        .captures(text)
        .or_else(|| lex.patterns.dateline_colon.captures(text));
    let Some(caps) = caps else { return };
    let whole = caps.get(0).expect("match");
    // The all-caps form must really be a place label, not an acronym that
    // opens a sentence.
    let place = caps["place"].trim();
    if place.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return;
    }
    let label = whole.as_str().trim_end();
    let label = label
        .trim_end_matches(['—', '–', '-', ':'])
        .trim_end()
        .to_string();
    if let Some(outlet) = caps.name("outlet") {
        meta.outlet = Some(outlet.as_str().trim().to_string());
    }
    if let Some(date) = caps.name("date")
        && meta.published.is_none()
    {
        meta.published = Some(date.as_str().to_string());
    }
    meta.dateline = Some(label);
    let n = whole.as_str().chars().count();
    let len = whole.end();
    body.drain(start.0..start.0 + len);
    raw_index.drain(start.1..start.1 + n);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(raw: &str) -> Cleaned {
        clean(raw, &Lexicon::builtin())
    }

    #[test]
    fn junk_headline_byline_and_footer_leave_the_body() {
        let raw = "spot_imgspot_img\n\nCity Hall Delays Budget Vote\n\nBy Ann Lee | Local News\n\nShare this article\n\nThe council postponed the vote.\n\nSubscribe to our newsletter\n\n© 2025 Lakeside Courier. All rights reserved.\n";
        let c = cleaned(raw);
        assert_eq!(c.body, "The council postponed the vote.");
        assert_eq!(
            c.meta.title.as_deref(),
            Some("City Hall Delays Budget Vote")
        );
        assert_eq!(c.meta.byline.as_deref(), Some("Ann Lee"));
        assert_eq!(c.meta.outlet.as_deref(), Some("Lakeside Courier"));
    }

    #[test]
    fn broken_words_and_apostrophes_are_mended() {
        let raw =
            "Headline here\n\nThe mayor’s aides were follo\nwing the plan in Denver\n‘s suburbs.";
        let c = cleaned(raw);
        assert_eq!(
            c.body,
            "The mayor’s aides were following the plan in Denver’s suburbs."
        );
        // "following" keeps raw offsets: the "w" comes after the newline.
        let w = c.body.chars().position(|ch| ch == 'w').unwrap();
        let raw_chars: Vec<char> = raw.chars().collect();
        assert_eq!(raw_chars[c.raw_index[w]], 'w');
    }

    #[test]
    fn datelines_are_removed_and_outlets_recorded() {
        let c = cleaned("Short headline\n\nNAIROBI, Kenya (Lake Wire) — Rains flooded the city.");
        assert_eq!(c.body, "Rains flooded the city.");
        assert_eq!(
            c.meta.dateline.as_deref(),
            Some("NAIROBI, Kenya (Lake Wire)")
        );
        assert_eq!(c.meta.outlet.as_deref(), Some("Lake Wire"));
        let c = cleaned("Short headline\n\nLima: Rains flooded the city.");
        assert_eq!(c.body, "Rains flooded the city.");
        let c = cleaned("Short headline\n\nOSLO - Rains flooded the city.");
        assert_eq!(c.body, "Rains flooded the city.");
        assert_eq!(c.meta.dateline.as_deref(), Some("OSLO"));
    }

    #[test]
    fn a_staff_title_under_the_byline_is_not_body() {
        let c = cleaned("Headline here\n\nBy Li Wen\nHealth Editor\n\nOSLO: Clinics reopened.");
        assert_eq!(c.body, "Clinics reopened.");
        assert_eq!(c.meta.byline.as_deref(), Some("Li Wen"));
    }

    #[test]
    fn single_line_breaks_between_paragraphs_are_kept() {
        let c = cleaned(
            "Dam Breach Floods Valley\nLIMA — Water swept through two towns.\n“We ran,” a farmer said.",
        );
        assert_eq!(c.meta.title.as_deref(), Some("Dam Breach Floods Valley"));
        assert_eq!(c.paragraphs.len(), 2);
        assert_eq!(
            c.body,
            "Water swept through two towns.\n\n“We ran,” a farmer said."
        );
    }

    #[test]
    fn a_question_can_be_a_headline() {
        let c = cleaned("Is the Dock Strike Finally Over?\n\nWorkers returned on Monday.");
        assert_eq!(
            c.meta.title.as_deref(),
            Some("Is the Dock Strike Finally Over?")
        );
        assert_eq!(c.body, "Workers returned on Monday.");
    }

    #[test]
    fn timestamps_and_breadcrumbs_are_furniture() {
        let c = cleaned(
            "Home > News > World\n\nStorm Hits Coast\n\nPublished: 14 March 2025\n\nUpdated 3 hours ago\n\nPARIS, March 14 (Wire Service) - Winds rose.",
        );
        assert_eq!(c.meta.title.as_deref(), Some("Storm Hits Coast"));
        assert_eq!(c.meta.outlet.as_deref(), Some("Wire Service"));
        assert_eq!(c.body, "Winds rose.");
    }

    #[test]
    fn a_date_on_its_own_line_is_when_the_article_appeared() {
        for date in [
            "Monday, March 3, 2025",
            "Monday 3 March 2025",
            "3rd March 2025",
            "Mar. 3, 2025",
            "2025-03-03",
        ] {
            let c = cleaned(&format!(
                "Ferry Service Resumes\n\n{date}\n\nThe ferry sailed at noon."
            ));
            assert_eq!(c.body, "The ferry sailed at noon.", "{date}");
            assert_eq!(c.meta.published.as_deref(), Some(date));
        }
        // A sentence that holds a date is body text.
        let c = cleaned("Ferry Service Resumes\n\nOn Monday, March 3, 2025 the ferry sailed.");
        assert_eq!(c.body, "On Monday, March 3, 2025 the ferry sailed.");
    }

    #[test]
    fn captions_with_a_picture_credit_are_not_body() {
        let c = cleaned(
            "Harbour Reopens\n\nThe harbour reopened on Friday.\n\nCranes at the east quay. Image: Ola Berg.\n\nDockers in the rain Photo: Port Authority\n\nA crane toppled (Photograph: Lin Ma)\n\nTrade resumed at once.",
        );
        assert_eq!(
            c.body,
            "The harbour reopened on Friday.\n\nTrade resumed at once."
        );
        // A sentence that mentions an image is not a credit.
        let c = cleaned("Harbour Reopens\n\nThe mayor shared an image: the quay under water.");
        assert_eq!(c.body, "The mayor shared an image: the quay under water.");
    }

    #[test]
    fn section_headings_between_paragraphs_are_not_body() {
        let c = cleaned(
            "Cup Round-Up\n\nThree matches were played.\n\nGroup C — Rovers 2 – 1 United\n\nRovers scored late.\n\nReaction\n\nFans cheered.\n\nThe season ends in May",
        );
        assert_eq!(
            c.body,
            "Three matches were played.\n\nRovers scored late.\n\nFans cheered.\n\nThe season ends in May"
        );
        // A line that leads into a quotation stays.
        let c = cleaned(
            "Cup Round-Up\n\nThree matches were played.\n\nThe coach wrote:\n\n“We were lucky.”",
        );
        assert_eq!(c.paragraphs.len(), 3);
    }

    #[test]
    fn paragraphs_set_one_per_line_are_told_from_hard_wrapped_text() {
        let c = cleaned(
            "Budget Passes\nThe council passed the budget on Tuesday after a long debate over fares.\nThe mayor said the vote was a relief for everyone who rides the buses.\nOpponents said they would try again next year with a smaller plan.",
        );
        assert_eq!(c.paragraphs.len(), 3);
        let c = cleaned(
            "Budget Passes\n\nThe council passed the budget on Tuesday after a\nlong debate over fares, and the mayor said the vote\nwas a relief for everyone who rides the buses in\nthe city.",
        );
        assert_eq!(c.paragraphs.len(), 1);
    }

    #[test]
    fn a_pull_quote_repeating_a_quotation_is_not_body() {
        let c = cleaned(
            "River Report\n\n“The river is cleaner than it has been in fifty years.” Survey author\n\nThe survey came out on Monday. Its author wrote that “The river is cleaner than it has been in fifty years.”",
        );
        assert_eq!(
            c.body,
            "The survey came out on Monday. Its author wrote that “The river is cleaner than it has been in fifty years.”"
        );
        // A quotation paragraph said once stays.
        let c = cleaned(
            "River Report\n\n“The river is cleaner than it has been in fifty years,” she said.",
        );
        assert_eq!(c.paragraphs.len(), 1);
    }

    #[test]
    fn a_line_break_between_whole_words_is_a_space() {
        let c = cleaned("Headline\n\nThe union said the\nstrike would go on. It is\nover.");
        assert_eq!(c.body, "The union said the strike would go on. It is over.");
    }
}
