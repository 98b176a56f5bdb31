//! Reading a mention: what the words naming a party say about it. A name
//! with its title ("Council President Jane Roe"), a description ("two
//! people familiar with the matter"), a pronoun, appositions (", a senior
//! fellow at the Institute,") and documents that stand for their issuer ("a
//! statement from the ministry"). Who the mention refers to is settled
//! afterwards by `parties`, against what the article named before.

use super::chains::Party;
use super::lexicon::{LexiconData, PronounRef, WordClasses};
use super::model::SourceKind;
use super::span::{Range, is_acronym, is_possessive, name_runs, strip_possessive};
use super::tokens::{TokKind, Tokens};

/// What a mention says about its party. (Not `model::Mention`, which is
/// a span of the body.)
#[derive(Debug, Clone)]
pub struct PartyMention {
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

/// Reads a party's mention.
pub fn read_mention(t: &Tokens, party: &Party, lex: &LexiconData) -> Option<PartyMention> {
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
            && lex.publication_verbs.has(t.low(ap.0), "by")
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

fn read_core(t: &Tokens, (a0, b0): Range, lex: &LexiconData) -> Option<PartyMention> {
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
    let mut m = PartyMention {
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
                && lex.mention_head_ends.contains(t.low(k))
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
        if k < b && lex.publication_verbs.has(t.low(k), "document") {
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
fn apply_apposition(t: &Tokens, (a, b): Range, lex: &LexiconData, m: &mut PartyMention) {
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

/// A mention read from `text` for tests: the words up to the first comma
/// are the core, the rest one apposition.
#[cfg(test)]
pub(crate) fn mention_of(text: &str) -> PartyMention {
    let lex = crate::extract::Lexicon::builtin();
    let lower = text.to_ascii_lowercase();
    let toks = super::tokens::tokenize(text, &lower, 0, text.len(), &lex);
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

#[cfg(test)]
mod tests {
    use super::*;

    use super::mention_of as mention;

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
}
