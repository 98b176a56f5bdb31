//! Who a mention refers to. Reads a party's mention (names, titles,
//! appositions, descriptions) and resolves it against the parties the
//! article has already named: surnames, pronouns, "the ministry", "the
//! company", shortened names and acronyms all point back to one source.

use super::chains::Party;
use super::frames::{Range, is_possessive};
use super::lexicon::{LexiconData, PronounRef, WordClasses};
use super::model::{Source, SourceKind};
use super::tokens::{TokKind, Tokens};

/// What a mention says about its party.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Token range of the words naming the party.
    pub range: Range,
    pub form: Form,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub kind_hint: Option<SourceKind>,
    /// A lowercase descriptor head ("charity" in "the charity X").
    pub descriptor: Option<String>,
    /// Names safe across articles (acronyms, name without a possessive
    /// prefix).
    pub merge_aliases: Vec<String>,
    /// Names that hold only in this article.
    pub local_aliases: Vec<String>,
    pub audience: bool,
    pub link: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Form {
    /// A pronoun, with its gender when it has one (`Some(true)`: "she").
    Pronoun(PronounRef, Option<bool>),
    /// A proper name.
    Name(String),
    /// A description: "the finance ministry", "two people familiar with
    /// the matter".
    Description {
        text: String,
        head: String,
        mods: Vec<String>,
        definite: bool,
        organization: bool,
    },
}

fn strip_possessive(s: &str) -> &str {
    for suf in ["’s", "'s"] {
        if let Some(x) = s.strip_suffix(suf) {
            return x;
        }
    }
    for suf in ["’", "'"] {
        if let Some(x) = s.strip_suffix(suf) {
            return x;
        }
    }
    s
}

fn is_acronym(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c == '.' || (c.is_alphabetic() && !c.is_uppercase()) {
            return false;
        }
        letters += usize::from(c.is_alphabetic());
    }
    letters >= 2
}

/// Looks a word up in a lowercase word list without allocating for the
/// common case of a short word.
fn contains_lower(set: &rustc_hash::FxHashSet<String>, word: &str) -> bool {
    if !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return set.contains(word);
    }
    let mut buf = [0u8; 40];
    if word.len() > buf.len() {
        return set.contains(&word.to_ascii_lowercase());
    }
    let bytes = &mut buf[..word.len()];
    bytes.copy_from_slice(word.as_bytes());
    bytes.make_ascii_lowercase();
    std::str::from_utf8(bytes).is_ok_and(|w| set.contains(w))
}

/// Whether the two words, joined by a space, are on a word list; for
/// short words without building the string on the heap.
fn contains_pair(set: &rustc_hash::FxHashSet<String>, first: &str, second: &str) -> bool {
    let mut buf = [0u8; 64];
    let len = first.len() + 1 + second.len();
    if len > buf.len() {
        return set.contains(&format!("{first} {second}"));
    }
    buf[..first.len()].copy_from_slice(first.as_bytes());
    buf[first.len()] = b' ';
    buf[first.len() + 1..len].copy_from_slice(second.as_bytes());
    std::str::from_utf8(&buf[..len]).is_ok_and(|pair| set.contains(pair))
}

/// A name that lists with commas, "Rail, Tram and Bus Union": given the
/// comma `k` after a capitalised word, where the name ends, if it closes
/// with "and" and a head word of an organisation.
pub fn comma_list_end(t: &Tokens, k: usize, b: usize, lex: &LexiconData) -> Option<usize> {
    if k == 0 || !t.is_cap(k - 1) || !t.is_punct(k, ",") {
        return None;
    }
    let mut i = k;
    // Each item is one or two capitalised words.
    while i < b && t.is_punct(i, ",") {
        let mut j = i + 1;
        while j < b && j < i + 3 && t.is_cap(j) {
            j += 1;
        }
        if j == i + 1 {
            return None;
        }
        i = j;
    }
    if i >= b || !(t.is(i, "and") || t.is_punct(i, "&")) {
        return None;
    }
    let mut j = i + 1;
    while j < b && t.is_cap(j) {
        j += 1;
    }
    let head = strip_possessive(t.low(j - 1));
    (j > i + 1
        && (lex.org_heads.contains(head)
            || lex.media_heads.contains(head)
            || lex.company_heads.contains(head)))
    .then_some(j)
}

/// Maximal runs of capitalised words, joined through connectors ("of",
/// "and", "for") that sit between capitalised words.
pub fn name_runs(t: &Tokens, a: usize, b: usize, lex: &LexiconData) -> Vec<Range> {
    let mut runs = Vec::new();
    name_runs_into(t, a, b, lex, &mut runs);
    runs
}

/// `name_runs` appended to `runs`, so a caller can reuse one buffer.
fn name_runs_into(t: &Tokens, a: usize, b: usize, lex: &LexiconData, runs: &mut Vec<Range>) {
    let mut i = a;
    while i < b {
        if t.is_cap(i) && !t.quoted(i) {
            let s = i;
            let mut k = i + 1;
            loop {
                if k < b && t.is_cap(k) {
                    k += 1;
                } else if k + 1 < b
                    && t.toks[k].kind == TokKind::Word
                    && t.has(k, WordClasses::CONNECTORS)
                    && t.is_cap(k + 1)
                    && !t.is_cap(k)
                {
                    k += 2;
                } else if k + 2 < b && t.low(k) == "of" && t.low(k + 1) == "the" && t.is_cap(k + 2)
                {
                    k += 3;
                } else if let Some(e) = comma_list_end(t, k, b, lex) {
                    k = e;
                } else {
                    break;
                }
            }
            // A capitalised function word opening a sentence is not part
            // of a name ("The", "In").
            let mut s2 = s;
            while s2 < k
                && t.has(s2, WordClasses::FUNCTION_WORDS)
                && t.has(s2, WordClasses::DETERMINERS)
            {
                s2 += 1;
            }
            if s2 < k {
                runs.push((s2, k));
            }
            i = k;
        } else {
            i += 1;
        }
    }
}

/// Reads a party's mention.
pub fn read_mention(t: &Tokens, party: &Party, lex: &LexiconData) -> Option<Mention> {
    let mut m = read_core(t, party.core, lex)?;
    let core_has_name = matches!(m.form, Form::Name(_));
    for &ap in &party.appositions {
        // "The UN refugee agency, UNHCR,": an acronym is another name.
        if ap.1 == ap.0 + 1 && is_acronym(t.text(ap.0)) {
            m.merge_aliases.push(t.text(ap.0).to_string());
            continue;
        }
        // "The report, published by the institute,": the publisher speaks.
        if let Form::Description { head, .. } = &m.form
            && lex.documents.contains(head.as_str())
            && matches!(
                t.low(ap.0),
                "published" | "released" | "issued" | "compiled"
            )
            && t.is(ap.0 + 1, "by")
            && let Some(issuer) = read_core(t, (ap.0 + 2, ap.1), lex)
        {
            m = issuer;
            continue;
        }
        if !core_has_name {
            // "The aid workers’ employer, the charity Northwind Relief".
            if let Some(mut alt) = read_core(t, ap, lex)
                && matches!(alt.form, Form::Name(_))
            {
                // "The province’s minister, Jane Roe": the description is
                // her role.
                if let Form::Description { text, head, .. } = &m.form
                    && (lex.titles.contains(head) || lex.anonymous_heads.contains(head))
                    && alt.role.is_none()
                {
                    alt.role = Some(text.clone());
                    alt.kind_hint = Some(SourceKind::Person);
                }
                m = alt;
                continue;
            }
        }
        apply_apposition(t, ap, lex, &mut m);
    }
    m.audience = party.audience;
    m.link = party.link;
    Some(m)
}

fn read_core(t: &Tokens, (a0, b0): Range, lex: &LexiconData) -> Option<Mention> {
    let mut a = a0;
    let mut b = b0;
    while a < b && !t.is_word(a) {
        a += 1;
    }
    while b > a && !t.is_word(b - 1) {
        b -= 1;
    }
    // "the agency on Tuesday": the time is no part of the party.
    if b > a + 2 && t.has(b - 1, WordClasses::TIME_WORDS) && t.is(b - 2, "on") {
        b -= 2;
    }
    if a >= b {
        return None;
    }
    // "Coastal Security Service (CSS)": the acronym is an alias.
    let mut acronym = None;
    if let Some(p) = (a + 1..b).find(|&k| t.is_punct(k, "(")) {
        if p + 2 < b + 1 && t.is_punct(p + 2, ")") && is_acronym(t.text(p + 1)) {
            acronym = Some(t.text(p + 1).to_string());
        }
        b = p;
    }
    let mut m = Mention {
        range: (a, b),
        form: Form::Name(String::new()),
        role: None,
        affiliation: None,
        kind_hint: None,
        descriptor: None,
        merge_aliases: Vec::new(),
        local_aliases: Vec::new(),
        audience: false,
        link: false,
    };
    if let Some(acr) = acronym {
        m.merge_aliases.push(acr);
    }
    if b == a + 1
        && let Some(p) = lex.pronouns.get(t.low(a))
    {
        let female = match t.low(a) {
            "she" => Some(true),
            "he" => Some(false),
            _ => None,
        };
        m.form = Form::Pronoun(*p, female);
        return Some(m);
    }
    let first_low = t.low(a);
    let definite = first_low == "the" || is_possessive(first_low);
    let mut body_start = a;
    if lex.determiners.contains(first_low) && !t.is_cap(a)
        || matches!(first_low, "the" | "a" | "an")
    {
        body_start += 1;
    }
    let mut after_numbers = body_start;
    while after_numbers < b
        && (t.toks[after_numbers].kind == TokKind::Number
            || t.has(after_numbers, WordClasses::NUMBER_WORDS))
    {
        after_numbers += 1;
    }
    if body_start >= b {
        return None;
    }
    let mut runs = name_runs(t, body_start, b, lex);
    // "People familiar with ...", "Analysts": a capitalised common noun.
    runs.retain(|&(ra, rb)| {
        !(rb == ra + 1
            && (t.has(ra, WordClasses::ANONYMOUS_HEADS) || t.has(ra, WordClasses::ORG_HEADS)))
    });
    let in_run = |k: usize| runs.iter().find(|r| r.0 <= k && k < r.1).copied();
    // The head group ends at the first preposition or relative word that
    // is not inside a name.
    let head_end = (body_start..b)
        .find(|&k| {
            in_run(k).is_none()
                && t.toks[k].kind == TokKind::Word
                && (matches!(
                    t.low(k),
                    "of" | "for"
                        | "at"
                        | "in"
                        | "with"
                        | "from"
                        | "who"
                        | "which"
                        | "that"
                        | "familiar"
                        | "close"
                        | "briefed"
                        | "on"
                        | "based"
                        | "involved"
                        | "speaking"
                        | "run"
                        | "representing"
                        | "whose"
                        | "to"
                        | "by"
                        | "released"
                        | "published"
                        | "issued"
                        | "signed"
                ))
        })
        .unwrap_or(b);
    if head_end <= body_start {
        return None;
    }
    let last = head_end - 1;
    // "a statement from the ministry", "a report issued by the agency",
    // "the department’s statement": the issuer is the party.
    if lex.documents.contains(strip_possessive(t.low(last))) {
        if let Some(p) = (body_start..last).rev().find(|&k| is_possessive(t.low(k))) {
            return read_core(t, (a, p + 1), lex);
        }
        let mut k = head_end;
        if k < b
            && matches!(
                t.low(k),
                "issued" | "released" | "published" | "signed" | "posted"
            )
        {
            k += 1;
        }
        if k + 1 < b && matches!(t.low(k), "from" | "by" | "of") {
            return read_core(t, (k + 1, b), lex);
        }
    }
    if let Some(run) = in_run(last) {
        // A proper name ends the head group.
        let (ra, mut rb) = run;
        // "Nadia Farouk of the Shoppers’ Alliance": a person and where she
        // works, not one name.
        let mut works_at = None;
        if let Some(k) = (ra + 2..rb).find(|&k| matches!(t.low(k), "of" | "for")) {
            let is_head = |j: usize| {
                let w = strip_possessive(t.low(j));
                lex.org_heads.contains(w) || lex.media_heads.contains(w)
            };
            let named = (ra..k).filter(|&j| !t.has(j, WordClasses::TITLES)).count() >= 2;
            if !(ra..k).any(is_head) && (k..rb).any(is_head) && named {
                let after = if t.is(k + 1, "the") { k + 2 } else { k + 1 };
                works_at = Some(t.span_text(after, rb).to_string());
                rb = k;
            }
        }
        // The descriptor is the tokens `body_start..ra`; its words and the
        // name's are read straight from the tokens, without collecting.
        let descriptor = body_start..ra;
        let heads_in = |from: usize| -> (bool, bool) {
            let ws = || (from..rb).map(|k| t.low(k));
            (
                ws().any(|w| lex.org_heads.contains(strip_possessive(w))),
                ws().any(|w| lex.media_heads.contains(strip_possessive(w)) || w.ends_with("-tv")),
            )
        };
        let mut name_start = ra;
        // "Council President Jane Roe": the title ends the role.
        if let Some(k) = (ra..rb).rev().find(|&k| t.has(k, WordClasses::TITLES))
            && k + 1 < rb
        {
            let mut start = k + 1;
            // "Secretary of State Ann Roe": the office's domain belongs to
            // the title; the name is the last words.
            if matches!(t.low(start), "of" | "for") {
                let rest = rb - start - 1;
                if rest >= 2 {
                    start = if rest >= 3 { rb - 2 } else { rb - 1 };
                }
            }
            if heads_in(start) == (false, false) {
                name_start = start;
            }
        }
        let (has_org, has_media) = heads_in(name_start);
        // The role is the descriptor and the title, either may be empty.
        let role_parts = [
            t.span_text(body_start, ra).trim(),
            t.span_text(ra, name_start).trim(),
        ];
        let role_empty = role_parts.iter().all(|p| p.is_empty());
        let desc_words = || descriptor.clone().map(|k| t.low(k));
        let desc_media = desc_words().any(|w| lex.media_heads.contains(w))
            || (body_start + 1..ra)
                .any(|k| contains_pair(&lex.media_heads, t.low(k - 1), t.low(k)));
        let desc_org = desc_words().any(|w| lex.org_heads.contains(w));
        let name = strip_possessive(t.span_text(name_start, rb)).to_string();
        m.range = (name_start, rb);
        // The last descriptor word names what the party is: "Government
        // spokesman X" is a person, "state news agency X" an outlet.
        let desc_last = desc_words().next_back().map(strip_possessive).unwrap_or("");
        let desc_person = lex.titles.contains(desc_last) || lex.anonymous_heads.contains(desc_last);
        m.kind_hint = if desc_person
            && !lex.media_heads.contains(desc_last)
            && !lex.org_heads.contains(desc_last)
        {
            Some(SourceKind::Person)
        } else if has_media || desc_media {
            Some(SourceKind::Media)
        } else if has_org || desc_org {
            Some(SourceKind::Organization)
        } else if name_start > ra
            || desc_words().any(|w| lex.titles.contains(w) || lex.anonymous_heads.contains(w))
        {
            Some(SourceKind::Person)
        } else {
            None
        };
        if works_at.is_some() {
            m.kind_hint = Some(SourceKind::Person);
            m.affiliation = works_at;
        }
        if !role_empty && m.kind_hint == Some(SourceKind::Person) {
            let parts = role_parts.iter().filter(|p| !p.is_empty());
            m.role = Some(parts.copied().collect::<Vec<_>>().join(" "));
        }
        if let Some(d) = descriptor.clone().next_back()
            && !t.is_cap(d)
            && t.toks[d].kind == TokKind::Word
            && !t.has(d, WordClasses::DETERMINERS)
        {
            let head = strip_possessive(t.low(d)).to_string();
            m.local_aliases.push(format!("the {head}"));
            m.descriptor = Some(head);
        }
        // "Norway’s Coastal Security Service" is also known as
        // "National Intelligence Service".
        if let Some(p) = (name_start..rb.saturating_sub(1)).find(|&k| is_possessive(t.low(k))) {
            m.merge_aliases.push(t.span_text(p + 1, rb).to_string());
        }
        m.form = Form::Name(name);
        return Some(m);
    }
    // A capitalised run followed by a lowercase organisation head:
    // "the Harbor Ambulance service", "the Tellus news agency".
    let head_low = strip_possessive(t.low(last)).to_string();
    let two = if last > body_start {
        format!("{} {}", t.low(last - 1), head_low)
    } else {
        String::new()
    };
    let organization = lex.org_heads.contains(&head_low)
        || lex.media_heads.contains(&head_low)
        || lex.media_heads.contains(&two);
    let media = lex.media_heads.contains(&head_low) || lex.media_heads.contains(&two);
    if organization
        && let Some(&(ra, rb)) = runs.iter().find(|r| r.1 <= last && r.0 >= body_start)
        && (rb - ra >= 2 || is_acronym(t.text(ra)))
        && !(ra..rb).any(|k| is_possessive(t.low(k)))
        // Only a head follows the name ("the Tellus news agency"), not a
        // description ("the UN refugee agency").
        && (rb == last || (rb + 1 == last && lex.media_heads.contains(&two)))
    {
        let name = t.span_text(ra, rb).to_string();
        m.local_aliases.push(t.span_text(ra, head_end).to_string());
        m.local_aliases.push(format!("the {head_low}"));
        m.kind_hint = Some(if media {
            SourceKind::Media
        } else {
            SourceKind::Organization
        });
        m.descriptor = Some(head_low);
        m.range = (ra, head_end);
        m.form = Form::Name(name);
        return Some(m);
    }
    let text = strip_possessive(t.span_text(body_start, b)).to_string();
    let mods: Vec<String> = (after_numbers..last)
        .map(|k| strip_possessive(t.low(k)).to_string())
        .collect();
    if after_numbers > body_start && after_numbers < b {
        m.local_aliases
            .push(strip_possessive(t.span_text(after_numbers, b)).to_string());
    }
    if head_end < b || after_numbers > body_start {
        m.local_aliases
            .push(strip_possessive(t.span_text(after_numbers, head_end)).to_string());
    }
    m.kind_hint = Some(if media {
        SourceKind::Media
    } else if organization {
        SourceKind::Organization
    } else {
        SourceKind::Anonymous
    });
    if organization {
        m.local_aliases.push(format!("the {head_low}"));
    }
    m.range = (a, b);
    m.form = Form::Description {
        text,
        head: head_low,
        mods,
        definite: definite || (body_start..last).any(|k| t.is_cap(k)),
        organization,
    };
    Some(m)
}

/// ", a senior fellow at the Institute" → role and affiliation; ", a
/// radio station run by ..." → the kind of party.
fn apply_apposition(t: &Tokens, (a, b): Range, lex: &LexiconData, m: &mut Mention) {
    let mut s = a;
    while s < b && (t.has(s, WordClasses::DETERMINERS) || is_possessive(t.low(s)) && !t.is_cap(s)) {
        s += 1;
    }
    if s >= b {
        return;
    }
    let split = (s..b).find(|&k| {
        matches!(
            t.low(k),
            "at" | "of" | "for" | "with" | "in" | "run" | "who" | "which" | "based"
        )
    });
    let role_end = split.unwrap_or(b);
    let role_words: Vec<&str> = (s..role_end).map(|k| t.low(k)).collect();
    let head = role_words.last().map(|w| strip_possessive(w)).unwrap_or("");
    let two = if role_words.len() >= 2 {
        format!("{} {}", role_words[role_words.len() - 2], head)
    } else {
        String::new()
    };
    if lex.media_heads.contains(head) || lex.media_heads.contains(&two) {
        m.kind_hint = Some(SourceKind::Media);
        m.local_aliases.push(format!("the {head}"));
        return;
    }
    if lex.org_heads.contains(head) && !lex.titles.contains(head) {
        if m.kind_hint != Some(SourceKind::Media) {
            m.kind_hint = Some(SourceKind::Organization);
        }
        m.local_aliases.push(format!("the {head}"));
        return;
    }
    // A person's role: capitalised words before the role noun are the
    // affiliation ("a Brightline spokesman").
    let caps_end = (s..role_end).find(|&k| !t.is_cap(k)).unwrap_or(role_end);
    let mut role_start = s;
    if caps_end > s && caps_end < role_end {
        m.affiliation = Some(strip_possessive(t.span_text(s, caps_end)).to_string());
        role_start = caps_end;
    }
    // "the ministry’s chief negotiator"
    if let Some(p) = (s..role_end).find(|&k| is_possessive(t.low(k))) {
        m.affiliation =
            Some(strip_possessive(t.span_text(a.max(s.saturating_sub(1)), p + 1)).to_string());
        role_start = p + 1;
    }
    if role_start < role_end
        && m.kind_hint != Some(SourceKind::Media)
        && m.kind_hint != Some(SourceKind::Organization)
    {
        m.role = Some(t.span_text(role_start, role_end).to_string());
        if matches!(m.form, Form::Name(_)) {
            m.kind_hint = Some(SourceKind::Person);
        }
    }
    if let Some(k) = split
        && matches!(t.low(k), "at" | "of" | "for")
        && k + 1 < b
    {
        let mut x = k + 1;
        if t.is(x, "the") && x + 1 < b && t.is_cap(x + 1) {
            x += 1;
        }
        let end = (x..b)
            .find(|&j| t.is(j, "who") || t.is(j, "which") || t.is(j, "in") && j > x + 1)
            .unwrap_or(b);
        m.affiliation = Some(t.span_text(x, end).to_string());
    }
}

/// The parties the article cites, with what is needed to recognise them
/// again.
#[derive(Debug, Default)]
pub struct Registry {
    pub sources: Vec<Source>,
    info: Vec<SourceInfo>,
    entities: Vec<Entity>,
    clock: usize,
    /// How many sentences have been scanned.
    sentence: usize,
    /// The name runs of the sentence being scanned, kept to reuse the
    /// buffer from sentence to sentence.
    runs: Vec<Range>,
}

#[derive(Debug, Default, Clone)]
struct SourceInfo {
    heads: Vec<String>,
    last_used: usize,
    company: bool,
    /// The name and every alias, prepared for comparison.
    names: Vec<Known>,
    /// Known gender of a person: true for female.
    female: Option<bool>,
}

/// A name prepared once for the comparisons resolution makes.
#[derive(Debug, Clone)]
struct Known {
    /// The name lowercased, then its initials, in one buffer: every party
    /// and alias an article names gets a `Known`, and two strings each
    /// cost an allocation more.
    lower_initials: String,
    /// Where the initials start in `lower_initials`.
    lower_len: usize,
    words: Words,
    /// The head noun: the last word before a preposition ("ministry" in
    /// "Ministry of Finance", "official" in "official at the agency"), as
    /// an index into `words`.
    head: Option<usize>,
}

impl Known {
    fn new(name: &str) -> Known {
        let words = Words::of(name);
        let head = words
            .iter()
            .position(|w| {
                matches!(
                    w,
                    "of" | "for" | "at" | "in" | "with" | "from" | "on" | "who"
                )
            })
            .filter(|&p| p > 0)
            .map_or_else(|| words.len().checked_sub(1), |p| Some(p - 1));
        let mut lower_initials = String::with_capacity(name.len() + name.len() / 2 + 1);
        if name.is_ascii() {
            // ASCII lowercasing is what `to_lowercase` does to ASCII.
            lower_initials.push_str(name);
            lower_initials.make_ascii_lowercase();
        } else {
            lower_initials.push_str(&name.to_lowercase());
        }
        let lower_len = lower_initials.len();
        lower_initials.extend(initials(name));
        Known {
            lower_initials,
            lower_len,
            words,
            head,
        }
    }

    /// The whole name, lowercase.
    fn lower(&self) -> &str {
        &self.lower_initials[..self.lower_len]
    }

    /// The capitals that open the name's words ("CSS").
    fn initials(&self) -> &str {
        &self.lower_initials[self.lower_len..]
    }

    /// The head noun; empty for a name without words.
    fn head(&self) -> &str {
        self.head.map_or("", |i| self.words.get(i))
    }
}

/// The lowercase words of a name without possessive endings, stored back
/// to back in one buffer: names are prepared for every party and alias
/// an article mentions, and a `String` per word made that allocation
/// heavy.
#[derive(Debug, Clone)]
struct Words {
    text: String,
    /// Where each word ends in `text`.
    ends: Vec<usize>,
}

impl Words {
    fn of(s: &str) -> Words {
        let mut text = String::with_capacity(s.len());
        // Room for the words of most names, so the list is not grown
        // push by push.
        let mut ends = Vec::with_capacity(8);
        for w in s.split_whitespace() {
            let start = text.len();
            if w.is_ascii() {
                // ASCII lowercasing is what `to_lowercase` does to ASCII.
                text.push_str(w);
                text[start..].make_ascii_lowercase();
            } else {
                text.push_str(&w.to_lowercase());
            }
            // The possessive is a suffix of the word.
            let kept = strip_possessive(&text[start..]).len();
            text.truncate(start + kept);
            ends.push(text.len());
        }
        Words { text, ends }
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Longer than `prefix` and starting with all its words.
    fn extends(&self, prefix: &Words) -> bool {
        self.len() > prefix.len() && (0..prefix.len()).all(|i| self.get(i) == prefix.get(i))
    }
}

/// An organisation named in the text, whether or not it has spoken yet.
#[derive(Debug, Clone)]
struct Entity {
    name: String,
    known: Known,
    kind: SourceKind,
    company: bool,
    acronym: Option<String>,
    /// The sentence that named it last.
    seen: usize,
}

fn initials(name: &str) -> impl Iterator<Item = char> + '_ {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
}

/// `s` without a leading "the " in any case.
fn strip_the_ascii(s: &str) -> &str {
    match s.get(..4) {
        Some(the) if the.eq_ignore_ascii_case("the ") => &s[4..],
        _ => s,
    }
}

/// "The Ledger" and "Ledger" name the same outlet.
fn same_outlet(outlet: &str, name: &str) -> bool {
    let (outlet, name) = (outlet.trim(), name.trim());
    if outlet.is_ascii() && name.is_ascii() {
        // The comparison below without allocating: for ASCII text,
        // lowercasing is ASCII lowercasing.
        return strip_the_ascii(outlet).eq_ignore_ascii_case(strip_the_ascii(name));
    }
    let bare = |s: &str| -> String {
        let l = s.trim().to_lowercase();
        l.strip_prefix("the ").map(str::to_string).unwrap_or(l)
    };
    bare(outlet) == bare(name)
}

/// A party whose name carries no word of a public body ("ministry",
/// "authority"): a plain brand may be "the company".
fn may_be_business(name: &str, lex: &LexiconData) -> bool {
    !name.split_whitespace().any(|w| {
        let w = strip_possessive(w);
        contains_lower(&lex.org_heads, w) && !contains_lower(&lex.company_heads, w)
    })
}

fn is_company(name: &str, lex: &LexiconData) -> bool {
    name.split_whitespace()
        .any(|w| contains_lower(&lex.company_heads, strip_possessive(w)))
}

impl Registry {
    pub fn new() -> Registry {
        Registry::default()
    }

    /// Records the organisations named in `[a, b)` so later references
    /// ("the company") can find them.
    pub fn scan_entities(&mut self, t: &Tokens, a: usize, b: usize, lex: &LexiconData) {
        self.sentence += 1;
        let mut runs = std::mem::take(&mut self.runs);
        runs.clear();
        name_runs_into(t, a, b, lex, &mut runs);
        for &(mut ra, rb) in &runs {
            // "Shares of Acme Inc." opening a sentence: the first word is
            // capitalised only because it opens the sentence.
            if ra == a
                && rb > ra + 2
                && t.has(ra + 1, WordClasses::CONNECTORS)
                && !t.has(ra, WordClasses::ORG_HEADS)
                && !t.has(ra, WordClasses::MEDIA_HEADS)
            {
                ra += 2;
            }
            if rb - ra < 2 {
                continue;
            }
            let word = |k: usize| strip_possessive(t.low(k));
            let media = (ra..rb).any(|k| lex.media_heads.contains(word(k)));
            let org = (ra..rb).any(|k| lex.org_heads.contains(word(k)));
            if !(media || org) {
                continue;
            }
            // Drop a possessive place before the name.
            let start = (ra..rb)
                .find(|&k| is_possessive(t.low(k)) && k + 1 < rb)
                .map_or(ra, |k| k + 1);
            let name = strip_possessive(t.span_text(start, rb));
            // Seen before: it becomes the most recent mention again.
            if let Some(k) = self.entities.iter().position(|e| e.name == name) {
                let mut e = self.entities.remove(k);
                e.seen = self.sentence;
                self.entities.push(e);
                continue;
            }
            let name = name.to_string();
            let acronym = (rb + 2 < t.toks.len()
                && t.is_punct(rb, "(")
                && t.is_punct(rb + 2, ")")
                && is_acronym(t.text(rb + 1)))
            .then(|| t.text(rb + 1).to_string());
            self.entities.push(Entity {
                company: is_company(&name, lex),
                known: Known::new(&name),
                name,
                kind: if media {
                    SourceKind::Media
                } else {
                    SourceKind::Organization
                },
                acronym,
                seen: self.sentence,
            });
        }
        self.runs = runs;
    }

    fn touch(&mut self, i: usize) -> usize {
        self.clock += 1;
        self.info[i].last_used = self.clock;
        i
    }

    fn add_alias(&mut self, i: usize, alias: &str, merge: bool) {
        let alias = alias.trim();
        if alias.is_empty() {
            return;
        }
        let s = &mut self.sources[i];
        let known = s.name.eq_ignore_ascii_case(alias)
            || s.merge_aliases
                .iter()
                .any(|x| x.eq_ignore_ascii_case(alias))
            || s.local_aliases
                .iter()
                .any(|x| x.eq_ignore_ascii_case(alias));
        if known {
            return;
        }
        if merge {
            s.merge_aliases.push(alias.to_string());
        } else {
            s.local_aliases.push(alias.to_string());
        }
        self.info[i].names.push(Known::new(alias));
    }

    fn create(
        &mut self,
        name: &str,
        kind: SourceKind,
        heads: Vec<String>,
        lex: &LexiconData,
    ) -> usize {
        self.sources.push(Source {
            name: name.to_string(),
            kind,
            merge_aliases: Vec::new(),
            local_aliases: Vec::new(),
        });
        self.info.push(SourceInfo {
            heads,
            last_used: 0,
            company: is_company(name, lex),
            names: vec![Known::new(name)],
            female: None,
        });
        self.sources.len() - 1
    }

    /// Records a gender the mention's role words reveal ("spokeswoman",
    /// "Mr.").
    fn note_gender(&mut self, i: usize, m: &Mention, lex: &LexiconData) {
        if self.info[i].female.is_some() {
            return;
        }
        let mut words = m
            .role
            .iter()
            .chain(m.descriptor.iter())
            .flat_map(|r| r.split_whitespace());
        let head = match &m.form {
            Form::Description { head, .. } => Some(head.as_str()),
            _ => None,
        };
        let found = words
            .find_map(|w| lex.gendered.get(&w.to_lowercase()).copied())
            .or_else(|| head.and_then(|h| lex.gendered.get(h).copied()));
        self.info[i].female = found;
    }

    fn known_as(&self, i: usize, lower: &str) -> bool {
        self.info[i].names.iter().any(|k| k.lower() == lower)
    }

    fn newest_first(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.sources.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(self.info[i].last_used));
        order
    }

    /// Resolves a mention to a source index; `None` when it names no
    /// party that can be a source here (a pronoun with nothing before it,
    /// the publishing outlet).
    pub fn resolve(
        &mut self,
        m: &Mention,
        outlet: Option<&str>,
        exclude: &[usize],
        lex: &LexiconData,
    ) -> Option<usize> {
        match &m.form {
            Form::Pronoun(p, female) => {
                let want = |i: usize| {
                    let k = self.sources[i].kind;
                    let g = self.info[i].female;
                    match p {
                        // "he" and "she" skip people of the other gender;
                        // an unnamed "spokeswoman" can be "she".
                        PronounRef::Person => {
                            let fits = female.is_none() || g.is_none() || g == *female;
                            fits && (k == SourceKind::Person
                                || (k == SourceKind::Anonymous && g.is_some()))
                        }
                        PronounRef::Organization => {
                            matches!(k, SourceKind::Organization | SourceKind::Media)
                        }
                        PronounRef::Any => k != SourceKind::Person,
                    }
                };
                let hit = self
                    .newest_first()
                    .into_iter()
                    .find(|&i| !exclude.contains(&i) && want(i) && self.info[i].last_used > 0)?;
                if female.is_some() && self.info[hit].female.is_none() {
                    self.info[hit].female = *female;
                }
                Some(self.touch(hit))
            }
            Form::Name(name) => {
                if outlet.is_some_and(|o| same_outlet(o, name)) {
                    return None;
                }
                let i = self.resolve_name(name, m, exclude, lex);
                for a in &m.merge_aliases {
                    self.add_alias(i, a, true);
                }
                for a in &m.local_aliases {
                    self.add_alias(i, a, false);
                }
                if let Some(k) = m.kind_hint
                    && self.sources[i].kind != k
                    && (k != SourceKind::Person || self.sources[i].kind == SourceKind::Anonymous)
                {
                    self.sources[i].kind = k;
                }
                if let Some(d) = &m.descriptor {
                    self.info[i].heads.push(d.clone());
                }
                self.note_gender(i, m, lex);
                Some(self.touch(i))
            }
            Form::Description {
                text,
                head,
                mods,
                definite,
                organization,
            } => {
                if outlet.is_some_and(|o| same_outlet(o, text)) {
                    return None;
                }
                let i = self.resolve_description(
                    text,
                    head,
                    mods,
                    *definite,
                    *organization,
                    m,
                    exclude,
                    lex,
                );
                for a in &m.merge_aliases {
                    self.add_alias(i, a, true);
                }
                for a in &m.local_aliases {
                    self.add_alias(i, a, false);
                }
                self.note_gender(i, m, lex);
                Some(self.touch(i))
            }
        }
    }

    fn resolve_name(
        &mut self,
        name: &str,
        m: &Mention,
        exclude: &[usize],
        lex: &LexiconData,
    ) -> usize {
        let lname = name.to_lowercase();
        let order = self.newest_first();
        // The same name or a known alias.
        if let Some(&i) = order
            .iter()
            .find(|&&i| !exclude.contains(&i) && self.known_as(i, &lname))
        {
            return i;
        }
        let w = Words::of(name);
        let acronym = is_acronym(name);
        // A short form: a person's family or given name, the first words
        // of an organisation's name, or its acronym.
        if w.len() <= 3 {
            for &i in &order {
                if exclude.contains(&i) {
                    continue;
                }
                let kind = self.sources[i].kind;
                let hit = self.info[i].names.iter().any(|k| {
                    let nw = &k.words;
                    match kind {
                        SourceKind::Person => {
                            w.len() == 1
                                && nw.len() >= 2
                                && (nw.get(0) == w.get(0) || nw.get(nw.len() - 1) == w.get(0))
                        }
                        _ => nw.extends(&w) || (acronym && k.initials() == name),
                    }
                });
                if hit {
                    let merge = kind != SourceKind::Person;
                    self.add_alias(i, name, merge);
                    return i;
                }
            }
            // An organisation named earlier that has not spoken yet.
            if let Some(e) = self
                .entities
                .iter()
                .rev()
                .find(|e| {
                    let ew = &e.known.words;
                    ew.extends(&w)
                        || e.acronym.as_deref() == Some(name)
                        || (acronym && e.known.initials() == name)
                })
                .cloned()
            {
                let i = self.create(&e.name, e.kind, Vec::new(), lex);
                self.add_alias(i, name, true);
                if let Some(a) = e.acronym {
                    self.add_alias(i, &a, true);
                }
                return i;
            }
        }
        let kind = m.kind_hint.unwrap_or(if m.link || m.audience {
            SourceKind::Media
        } else if w.len() == 1 || is_acronym(name) {
            SourceKind::Organization
        } else {
            SourceKind::Person
        });
        let kind = if (m.link || m.audience) && m.kind_hint.is_none() {
            SourceKind::Media
        } else {
            kind
        };
        let i = self.create(name, kind, Vec::new(), lex);
        // An acronym given in the text: "Coastal Security Service (CSS)".
        if let Some(a) = self
            .entities
            .iter()
            .rev()
            .find(|e| e.name.eq_ignore_ascii_case(name))
            .and_then(|e| e.acronym.clone())
        {
            self.add_alias(i, &a, true);
        }
        i
    }

    #[allow(clippy::too_many_arguments)]
    fn resolve_description(
        &mut self,
        text: &str,
        head: &str,
        mods: &[String],
        definite: bool,
        organization: bool,
        m: &Mention,
        exclude: &[usize],
        lex: &LexiconData,
    ) -> usize {
        let ltext = text.to_lowercase();
        let order = self.newest_first();
        if let Some(&i) = order
            .iter()
            .find(|&&i| !exclude.contains(&i) && self.known_as(i, &ltext))
        {
            return i;
        }
        let company_ref =
            lex.company_heads.contains(head) && matches!(head, "company" | "firm" | "group");
        let mods_fit = |info: &SourceInfo| -> bool {
            let mut all = info
                .names
                .iter()
                .flat_map(|k| k.words.iter())
                .chain(info.heads.iter().map(String::as_str));
            mods.iter()
                .filter(|x| x.chars().all(|c| c.is_lowercase() || c == '-'))
                .all(|x| {
                    let stem: String = x.chars().take(5).collect();
                    all.any(|w| w.starts_with(&stem))
                })
        };
        // "the agency" just after "the Food Safety Agency" was named: that
        // agency, even when another one has spoken before.
        if definite
            && organization
            && let Some(e) = self
                .entities
                .iter()
                .rev()
                .take_while(|e| e.seen + 1 >= self.sentence)
                .find(|e| {
                    e.known.head() == head
                        && mods.iter().all(|x| {
                            let stem: String = x.chars().take(5).collect();
                            e.known.words.iter().any(|w| w.starts_with(&stem))
                        })
                })
                .cloned()
        {
            let lname = e.name.to_lowercase();
            if let Some(&i) = order
                .iter()
                .find(|&&i| !exclude.contains(&i) && self.known_as(i, &lname))
            {
                return i;
            }
            if !order.iter().any(|&i| self.known_as(i, &lname)) {
                let i = self.create(&e.name, e.kind, vec![head.to_string()], lex);
                if let Some(a) = e.acronym {
                    self.add_alias(i, &a, true);
                }
                return i;
            }
        }
        if definite {
            for &i in &order {
                if exclude.contains(&i) {
                    continue;
                }
                let info = &self.info[i];
                let head_fits = info.heads.iter().any(|h| h == head)
                    || info.names.iter().any(|k| k.head() == head)
                    || (company_ref && info.company);
                if head_fits && mods_fit(info) {
                    return i;
                }
            }
            // "the newspaper", "the broadcaster": the outlet named last.
            if lex.media_heads.contains(head)
                && let Some(&i) = order.iter().find(|&&i| {
                    !exclude.contains(&i)
                        && self.sources[i].kind == SourceKind::Media
                        && self.info[i].last_used > 0
                })
            {
                return i;
            }
            // "the firm" after a brand with no telling suffix ("FreshWay").
            if company_ref
                && !self.entities.iter().any(|e| e.company)
                && let Some(&i) = order.iter().find(|&&i| {
                    !exclude.contains(&i)
                        && self.sources[i].kind == SourceKind::Organization
                        && self.info[i].last_used > 0
                        && may_be_business(&self.sources[i].name, lex)
                })
            {
                return i;
            }
            if organization
                && let Some(e) = self
                    .entities
                    .iter()
                    .rev()
                    .find(|e| (company_ref && e.company) || e.known.head() == head)
                    .cloned()
            {
                let i = self.create(&e.name, e.kind, vec![head.to_string()], lex);
                if let Some(a) = e.acronym {
                    self.add_alias(i, &a, true);
                }
                return i;
            }
        } else if let Some(&i) = order.iter().find(|&&i| {
            !exclude.contains(&i)
                && self.sources[i].kind == SourceKind::Anonymous
                && self.known_as(i, &ltext)
        }) {
            return i;
        }
        let kind = m.kind_hint.unwrap_or(SourceKind::Anonymous);
        let name = text.strip_prefix("the ").unwrap_or(text);
        self.create(name, kind, vec![head.to_string()], lex)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Lexicon;
    use crate::extract::chains::Party;
    use crate::extract::tokens::tokenize;

    fn mention(text: &str) -> Mention {
        let lex = Lexicon::builtin();
        let lower = text.to_ascii_lowercase();
        let toks = tokenize(text, &lower, 0, text.len(), &lex);
        let n = toks.toks.len();
        // Appositions are split at the first comma for these tests.
        let comma = (0..n).find(|&i| toks.is_punct(i, ","));
        let party = Party {
            core: (0, comma.unwrap_or(n)),
            appositions: comma.map(|c| vec![(c + 1, n)]).unwrap_or_default(),
            audience: false,
            link: false,
        };
        read_mention(&toks, &party, &lex).unwrap()
    }

    #[test]
    fn titles_go_to_the_role_not_the_name() {
        let m = mention("Deputy Mayor Lena Ostrova");
        assert_eq!(m.form, Form::Name("Lena Ostrova".into()));
        assert_eq!(m.role.as_deref(), Some("Deputy Mayor"));
        assert_eq!(m.kind_hint, Some(SourceKind::Person));
        let m = mention("Lt. Col. Ivo Marsh");
        assert_eq!(m.form, Form::Name("Ivo Marsh".into()));
        let m = mention("Secretary of Energy Dana Kell");
        assert_eq!(m.form, Form::Name("Dana Kell".into()));
        assert_eq!(m.role.as_deref(), Some("Secretary of Energy"));
        let m = mention("chief financial officer Dana Ruiz");
        assert_eq!(m.form, Form::Name("Dana Ruiz".into()));
        assert_eq!(m.role.as_deref(), Some("chief financial officer"));
        assert_eq!(m.kind_hint, Some(SourceKind::Person));
    }

    #[test]
    fn apposition_gives_role_and_affiliation() {
        let m = mention("Ana Reyes, a senior lecturer at the Andes Institute of Mining");
        assert_eq!(m.form, Form::Name("Ana Reyes".into()));
        assert_eq!(m.role.as_deref(), Some("senior lecturer"));
        assert_eq!(m.affiliation.as_deref(), Some("Andes Institute of Mining"));
        assert_eq!(m.kind_hint, Some(SourceKind::Person));
    }

    #[test]
    fn descriptors_decide_the_kind() {
        let m = mention("the weekly Vardar Sentinel");
        assert_eq!(m.kind_hint, Some(SourceKind::Media));
        let m = mention("Kestrel, a radio station run by the rebels");
        assert_eq!(m.kind_hint, Some(SourceKind::Media));
        let m = mention("two residents familiar with the dispute");
        assert!(matches!(m.form, Form::Description { ref head, .. } if head == "residents"));
        assert_eq!(m.kind_hint, Some(SourceKind::Anonymous));
        assert!(
            matches!(m.form, Form::Description { ref text, .. } if text == "residents familiar with the dispute")
        );
    }

    #[test]
    fn a_date_after_a_party_is_no_part_of_it() {
        let m = mention("the statistics agency on Tuesday");
        assert!(
            matches!(m.form, Form::Description { ref text, .. } if text == "statistics agency")
        );
    }

    #[test]
    fn references_resolve_to_earlier_parties() {
        let lex = Lexicon::builtin();
        let mut reg = Registry::new();
        let full = reg
            .resolve(&mention("Mara Quill, a farmer"), None, &[], &lex)
            .unwrap();
        let org = reg
            .resolve(&mention("The Lakeshore Water Authority"), None, &[], &lex)
            .unwrap();
        assert_ne!(full, org);
        assert_eq!(reg.resolve(&mention("Quill"), None, &[], &lex), Some(full));
        assert_eq!(reg.resolve(&mention("she"), None, &[], &lex), Some(full));
        assert_eq!(
            reg.resolve(&mention("the authority"), None, &[], &lex),
            Some(org)
        );
        assert_eq!(reg.resolve(&mention("it"), None, &[], &lex), Some(org));
        assert_eq!(reg.sources[org].kind, SourceKind::Organization);
        assert!(
            reg.sources[full]
                .local_aliases
                .contains(&"Quill".to_string())
        );
    }

    #[test]
    fn he_and_she_skip_people_of_the_other_gender() {
        let lex = Lexicon::builtin();
        let mut reg = Registry::new();
        let ana = reg
            .resolve(
                &mention("Ana Vela, a spokeswoman for the port"),
                None,
                &[],
                &lex,
            )
            .unwrap();
        let ivo = reg
            .resolve(&mention("Mr. Ivo Lund"), None, &[], &lex)
            .unwrap();
        assert_eq!(reg.resolve(&mention("she"), None, &[], &lex), Some(ana));
        assert_eq!(reg.resolve(&mention("he"), None, &[], &lex), Some(ivo));
        let anon = reg
            .resolve(&mention("a spokeswoman for the airline"), None, &[], &lex)
            .unwrap();
        assert_eq!(reg.resolve(&mention("she"), None, &[], &lex), Some(anon));
    }

    #[test]
    fn the_company_finds_a_company_named_before() {
        let lex = Lexicon::builtin();
        let text = "Shares of Dovetail Robotics Inc. fell.";
        let lower = text.to_ascii_lowercase();
        let toks = tokenize(text, &lower, 0, text.len(), &lex);
        let mut reg = Registry::new();
        reg.scan_entities(&toks, 0, toks.toks.len(), &lex);
        let i = reg
            .resolve(&mention("the company"), None, &[], &lex)
            .unwrap();
        assert_eq!(reg.sources[i].name, "Dovetail Robotics Inc.");
        let j = reg.resolve(&mention("Dovetail"), None, &[], &lex).unwrap();
        assert_eq!(i, j);
    }

    #[test]
    fn the_publishing_outlet_is_never_a_source() {
        let lex = Lexicon::builtin();
        let mut reg = Registry::new();
        assert_eq!(
            reg.resolve(
                &mention("Coastline Wire"),
                Some("Coastline Wire"),
                &[],
                &lex
            ),
            None
        );
    }
}
