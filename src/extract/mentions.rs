//! Reading a mention: what the words naming a party say about it. A name
//! with its title ("Council President Jane Roe"), a description ("two
//! people familiar with the matter"), a pronoun, appositions (", a senior
//! fellow at the Institute,") and documents that stand for their issuer ("a
//! statement from the ministry"). Who the mention refers to is settled
//! afterwards by `parties`, against what the article named before.

use super::chains::Party;
use super::lexicon::{
    DETERMINER_TAGS, LexiconData, MENTION_HEAD_END_TAGS, PARTY_PREPOSITION_TAGS,
    PUBLICATION_VERB_TAGS, PronounRef, RELATIVE_PRONOUN_TAGS, TagBits, WordClasses,
};
use super::model::SourceKind;
use super::span::{Range, is_acronym, is_possessive, name_runs, strip_possessive};
use super::tokens::{TokKind, Tokens};

/// "The report, published by the institute,": the publisher speaks.
const RELEASED_BY: TagBits = PUBLICATION_VERB_TAGS.bits(&["by"]);
/// "a report issued by the agency".
const ISSUED_DOCUMENT: TagBits = PUBLICATION_VERB_TAGS.bits(&["document"]);
/// "The ministry": an article opens a description even when capitalised.
const ARTICLE: TagBits = DETERMINER_TAGS.bits(&["article"]);
/// The prepositions between a party's title, role, name or document and
/// its body, each named by where it stands.
const TITLE_BODY: TagBits = PARTY_PREPOSITION_TAGS.bits(&["title"]);
const AFFILIATION: TagBits = PARTY_PREPOSITION_TAGS.bits(&["affiliation"]);
const WORKPLACE: TagBits = PARTY_PREPOSITION_TAGS.bits(&["workplace"]);
const ISSUER: TagBits = PARTY_PREPOSITION_TAGS.bits(&["issuer"]);
/// ", a senior fellow at the Institute": the role ends before "at".
const ROLE_END: TagBits = MENTION_HEAD_END_TAGS.bits(&["role"]);
/// "..., who": where an affiliation ends.
const RELATIVE_SUBJECT: TagBits = RELATIVE_PRONOUN_TAGS.bits(&["subject"]);

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
            && lex.publication_verbs.has(t.low(ap.0), RELEASED_BY)
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

/// The words of a mention's core, as `read_core` divides them.
struct Core {
    /// The mention without punctuation at either end, an acronym in
    /// brackets or a closing "on Tuesday".
    range: Range,
    /// After a leading determiner ("the", "a").
    body_start: usize,
    /// After the numbers that open the body ("two officials").
    after_numbers: usize,
    /// Where the head group ends: the first preposition or relative word
    /// outside a name ("officials familiar with").
    head_end: usize,
    /// "the ..." or a possessive opening the mention.
    definite: bool,
}

impl PartyMention {
    fn new(range: Range) -> PartyMention {
        PartyMention {
            range,
            form: Form::Name(String::new()),
            role: None,
            affiliation: None,
            kind_hint: None,
            descriptor: None,
            merge_aliases: Vec::new(),
            local_aliases: Vec::new(),
            audience: false,
            link: false,
        }
    }
}

/// Reads the core of a mention: a pronoun, a name (with the title and
/// descriptor before it), a name with an organisation head after it, or
/// a description; a document stands for its issuer.
fn read_core(t: &Tokens, range: Range, lex: &LexiconData) -> Option<PartyMention> {
    let (mut start, mut end) = range;
    while start < end && !t.is_word(start) {
        start += 1;
    }
    while end > start && !t.is_word(end - 1) {
        end -= 1;
    }
    // "the agency on Tuesday": the time is no part of the party.
    if end > start + 2 && t.has(end - 1, WordClasses::TIME_WORDS) && t.is(end - 2, "on") {
        end -= 2;
    }
    if start >= end {
        return None;
    }
    // "Coastal Security Service (CSS)": the acronym is an alias.
    let mut acronym = None;
    if let Some(open) = (start + 1..end).find(|&k| t.is_punct(k, "(")) {
        if open + 2 < end + 1 && t.is_punct(open + 2, ")") && is_acronym(t.text(open + 1)) {
            acronym = Some(t.text(open + 1).to_string());
        }
        end = open;
    }
    let mut mention = PartyMention::new((start, end));
    mention.merge_aliases.extend(acronym);
    if end == start + 1
        && let Some(pronoun) = lex.pronouns.get(t.low(start))
    {
        let female = match t.low(start) {
            "she" => Some(true),
            "he" => Some(false),
            _ => None,
        };
        mention.form = Form::Pronoun(*pronoun, female);
        return Some(mention);
    }
    let first_low = t.low(start);
    let definite = first_low == "the" || is_possessive(first_low);
    let mut body_start = start;
    if t.has(start, WordClasses::DETERMINERS)
        && (!t.is_cap(start) || lex.determiners.has(first_low, ARTICLE))
    {
        body_start += 1;
    }
    let mut after_numbers = body_start;
    while after_numbers < end
        && (t.toks[after_numbers].kind == TokKind::Number
            || t.has(after_numbers, WordClasses::NUMBER_WORDS))
    {
        after_numbers += 1;
    }
    if body_start >= end {
        return None;
    }
    let mut runs = name_runs(t, body_start, end, lex);
    // "People familiar with ...", "Analysts": a capitalised common noun.
    runs.retain(|&(ra, rb)| {
        !(rb == ra + 1
            && (t.has(ra, WordClasses::ANONYMOUS_HEADS) || t.has(ra, WordClasses::ORG_HEADS)))
    });
    let in_run = |k: usize| runs.iter().find(|r| r.0 <= k && k < r.1).copied();
    // A participle after a head noun opens what describes it: "a new
    // study documenting ...", "officials handling the case".
    let is_head_noun = |k: usize| {
        let word = strip_possessive(t.low(k));
        // No possessive to strip: the token's classes answer.
        if word.len() == t.low(k).len() {
            return t.has(
                k,
                WordClasses::DOCUMENTS
                    | WordClasses::ANONYMOUS_HEADS
                    | WordClasses::ORG_HEADS
                    | WordClasses::MEDIA_HEADS,
            );
        }
        lex.documents.contains(word)
            || lex.anonymous_heads.contains(word)
            || lex.org_heads.contains(word)
            || lex.media_heads.contains(word)
    };
    let head_end = (body_start..end)
        .find(|&k| {
            in_run(k).is_none()
                && t.toks[k].kind == TokKind::Word
                && (t.has(k, WordClasses::MENTION_HEAD_ENDS)
                    || (k > body_start
                        && t.low(k).len() > 5
                        && t.low(k).ends_with("ing")
                        && !t.is_cap(k)
                        && is_head_noun(k - 1)))
        })
        .unwrap_or(end);
    if head_end <= body_start {
        return None;
    }
    let core = Core {
        range: (start, end),
        body_start,
        after_numbers,
        head_end,
        definite,
    };
    if let Some(issuer) = document_issuer(t, &core, lex) {
        return issuer;
    }
    if let Some(titled) = titled_name(t, &core, &runs, lex, &mention) {
        return Some(titled);
    }
    // A proper name ends the head group.
    if let Some(run) = in_run(head_end - 1) {
        read_name(t, &core, run, lex, &mut mention);
        return Some(mention);
    }
    let head = Head::of(t, &core, lex);
    if named_with_head(t, &core, &runs, &head, lex, &mut mention) {
        return Some(mention);
    }
    read_description(t, &core, head, &mut mention);
    Some(mention)
}

/// "Executive director of the Lakeside chapter of the Tenants Union Mara
/// Voss": a title with its body, used before a name as "President" is,
/// with no article before it. The name is the last two capitalised words;
/// the title is the role and the body the affiliation.
fn titled_name(
    t: &Tokens,
    core: &Core,
    runs: &[Range],
    lex: &LexiconData,
    m: &PartyMention,
) -> Option<PartyMention> {
    let (start, end) = core.range;
    let &(ra, rb) = runs.last()?;
    if core.body_start != start || rb != end || rb < ra + 3 {
        return None;
    }
    let of = (start..ra).find(|&k| lex.party_prepositions.has(t.low(k), TITLE_BODY))?;
    if !(start..of).any(|k| t.has(k, WordClasses::TITLES)) {
        return None;
    }
    let name_start = rb - 2;
    let is_head = |k: usize| {
        let w = strip_possessive(t.low(k));
        lex.org_heads.contains(w) || lex.media_heads.contains(w) || lex.company_heads.contains(w)
    };
    if (name_start..rb).any(|k| !t.is_word(k) || !t.is_cap(k) || is_head(k)) {
        return None;
    }
    let body = if t.is(of + 1, "the") { of + 2 } else { of + 1 };
    let mut named = m.clone();
    named.range = (name_start, rb);
    named.role = Some(t.span_text(start, of).trim().to_string());
    named.affiliation = Some(t.span_text(body, name_start).trim().to_string());
    named.kind_hint = Some(SourceKind::Person);
    named.form = Form::Name(t.span_text(name_start, rb).to_string());
    Some(named)
}

/// "a statement from the ministry", "a report issued by the agency",
/// "the department’s statement": the issuer is the party. `Some` with
/// what the issuer reads as, when the head is a document that names one.
fn document_issuer(t: &Tokens, core: &Core, lex: &LexiconData) -> Option<Option<PartyMention>> {
    let (start, end) = core.range;
    let last = core.head_end - 1;
    if !lex.documents.contains(strip_possessive(t.low(last))) {
        return None;
    }
    if let Some(p) = (core.body_start..last)
        .rev()
        .find(|&k| is_possessive(t.low(k)))
    {
        return Some(read_core(t, (start, p + 1), lex));
    }
    let mut k = core.head_end;
    if k < end && lex.publication_verbs.has(t.low(k), ISSUED_DOCUMENT) {
        k += 1;
    }
    if k + 1 < end && lex.party_prepositions.has(t.low(k), ISSUER) {
        return Some(read_core(t, (k + 1, end), lex));
    }
    None
}

/// "Nadia Farouk of the Shoppers’ Alliance": a person and where she works,
/// not one name. The end of the person's name, and the workplace.
fn split_works_at(t: &Tokens, (ra, rb): Range, lex: &LexiconData) -> (usize, Option<String>) {
    let Some(k) = (ra + 2..rb).find(|&k| lex.party_prepositions.has(t.low(k), WORKPLACE)) else {
        return (rb, None);
    };
    let is_head = |j: usize| {
        let w = strip_possessive(t.low(j));
        lex.org_heads.contains(w) || lex.media_heads.contains(w)
    };
    let named = (ra..k).filter(|&j| !t.has(j, WordClasses::TITLES)).count() >= 2;
    // The workplace names a body ("of the Shoppers’ Alliance") or is a
    // name of its own of two words or more ("for Food Standards
    // Australia").
    let after = if t.is(k + 1, "the") { k + 2 } else { k + 1 };
    let workplace = (k..rb).any(is_head) || (after..rb).filter(|&j| t.is_cap(j)).count() >= 2;
    if !(ra..k).any(is_head) && workplace && named {
        return (k, Some(t.span_text(after, rb).to_string()));
    }
    (rb, None)
}

/// A mention whose head group ends in the name `run`, with the descriptor
/// and title before it ("Government spokesman", "Council President").
fn read_name(t: &Tokens, core: &Core, run: Range, lex: &LexiconData, m: &mut PartyMention) {
    let body_start = core.body_start;
    let (ra, _) = run;
    let (rb, works_at) = split_works_at(t, run, lex);
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
    if let Some(title) = (ra..rb).rev().find(|&k| t.has(k, WordClasses::TITLES))
        && title + 1 < rb
    {
        let mut start = title + 1;
        // "Secretary of State Ann Roe": the office's domain belongs to
        // the title; the name is the last words.
        if lex.party_prepositions.has(t.low(start), WORKPLACE) {
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
        || (body_start + 1..ra).any(|k| lex.media_heads.contains_pair(t.low(k - 1), t.low(k)));
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
    if let Some(last) = descriptor.clone().next_back()
        && !t.is_cap(last)
        && t.toks[last].kind == TokKind::Word
        && !t.has(last, WordClasses::DETERMINERS)
        && !t.has(last, WordClasses::FUNCTION_WORDS)
        && !t.has(last, WordClasses::CONNECTORS)
    {
        let head = strip_possessive(t.low(last)).to_string();
        m.local_aliases.push(format!("the {head}"));
        m.descriptor = Some(head);
    }
    // "Norway’s Coastal Security Service" is also known as
    // "National Intelligence Service".
    if let Some(possessive) = (name_start..rb.saturating_sub(1)).find(|&k| is_possessive(t.low(k)))
    {
        m.merge_aliases
            .push(t.span_text(possessive + 1, rb).to_string());
    }
    m.form = Form::Name(name);
}

/// The last word of the head group, and what it says of the party.
struct Head {
    /// Lowercase, without a possessive ending.
    low: String,
    /// With the word before it ("news agency"), or empty.
    two: String,
    organization: bool,
    media: bool,
}

impl Head {
    fn of(t: &Tokens, core: &Core, lex: &LexiconData) -> Head {
        let last = core.head_end - 1;
        let low = strip_possessive(t.low(last)).to_string();
        let two = if last > core.body_start {
            format!("{} {}", t.low(last - 1), low)
        } else {
            String::new()
        };
        let organization = lex.org_heads.contains(&low)
            || lex.media_heads.contains(&low)
            || lex.media_heads.contains(&two);
        let media = lex.media_heads.contains(&low) || lex.media_heads.contains(&two);
        Head {
            low,
            two,
            organization,
            media,
        }
    }
}

/// A capitalised run followed by a lowercase organisation head: "the
/// Harbor Ambulance service", "the Tellus news agency". Whether the
/// mention was one (and `m` now names it).
fn named_with_head(
    t: &Tokens,
    core: &Core,
    runs: &[Range],
    head: &Head,
    lex: &LexiconData,
    m: &mut PartyMention,
) -> bool {
    let last = core.head_end - 1;
    if !head.organization {
        return false;
    }
    let Some(&(ra, rb)) = runs.iter().find(|r| r.1 <= last && r.0 >= core.body_start) else {
        return false;
    };
    let named = (rb - ra >= 2 || is_acronym(t.text(ra)))
        && !(ra..rb).any(|k| is_possessive(t.low(k)))
        // Only a head follows the name ("the Tellus news agency"), not a
        // description ("the UN refugee agency").
        && (rb == last || (rb + 1 == last && lex.media_heads.contains(&head.two)));
    if !named {
        return false;
    }
    m.local_aliases
        .push(t.span_text(ra, core.head_end).to_string());
    m.local_aliases.push(format!("the {}", head.low));
    m.kind_hint = Some(if head.media {
        SourceKind::Media
    } else {
        SourceKind::Organization
    });
    m.descriptor = Some(head.low.clone());
    m.range = (ra, core.head_end);
    m.form = Form::Name(t.span_text(ra, rb).to_string());
    true
}

/// A description: "the finance ministry", "two people familiar with the
/// matter".
fn read_description(t: &Tokens, core: &Core, head: Head, m: &mut PartyMention) {
    let Core {
        range: (start, end),
        body_start,
        after_numbers,
        head_end,
        definite,
    } = *core;
    let last = head_end - 1;
    // "a new study documenting ...": the participle's clause describes the
    // party and is no part of its name.
    let named_until = if head_end < end && t.low(head_end).ends_with("ing") {
        head_end
    } else {
        end
    };
    let text = strip_possessive(t.span_text(body_start, named_until)).to_string();
    let mods: Vec<String> = (after_numbers..last)
        .map(|k| strip_possessive(t.low(k)).to_string())
        .collect();
    if after_numbers > body_start && after_numbers < end {
        m.local_aliases
            .push(strip_possessive(t.span_text(after_numbers, end)).to_string());
    }
    if head_end < end || after_numbers > body_start {
        m.local_aliases
            .push(strip_possessive(t.span_text(after_numbers, head_end)).to_string());
    }
    m.kind_hint = Some(if head.media {
        SourceKind::Media
    } else if head.organization {
        SourceKind::Organization
    } else {
        SourceKind::Anonymous
    });
    if head.organization {
        m.local_aliases.push(format!("the {}", head.low));
    }
    m.range = (start, end);
    m.form = Form::Description {
        text,
        head: head.low,
        mods,
        definite: definite || (body_start..last).any(|k| t.is_cap(k)),
        organization: head.organization,
    };
}

/// ", a senior fellow at the Institute" → role and affiliation; ", a
/// radio station run by ..." → the kind of party.
fn apply_apposition(t: &Tokens, (a, b): Range, lex: &LexiconData, m: &mut PartyMention) {
    let mut words_start = a;
    while words_start < b
        && (t.has(words_start, WordClasses::DETERMINERS)
            || is_possessive(t.low(words_start)) && !t.is_cap(words_start))
    {
        words_start += 1;
    }
    if words_start >= b {
        return;
    }
    let split = (words_start..b).find(|&k| lex.mention_head_ends.has(t.low(k), ROLE_END));
    let role_end = split.unwrap_or(b);
    let role_words: Vec<&str> = (words_start..role_end).map(|k| t.low(k)).collect();
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
    let caps_end = (words_start..role_end)
        .find(|&k| !t.is_cap(k))
        .unwrap_or(role_end);
    let mut role_start = words_start;
    if caps_end > words_start && caps_end < role_end {
        m.affiliation = Some(strip_possessive(t.span_text(words_start, caps_end)).to_string());
        role_start = caps_end;
    }
    // "the ministry’s chief negotiator"
    if let Some(possessive) = (words_start..role_end).find(|&k| is_possessive(t.low(k))) {
        m.affiliation = Some(
            strip_possessive(t.span_text(a.max(words_start.saturating_sub(1)), possessive + 1))
                .to_string(),
        );
        role_start = possessive + 1;
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
    if let Some(joint) = split
        && lex.party_prepositions.has(t.low(joint), AFFILIATION)
        && joint + 1 < b
    {
        let mut name_start = joint + 1;
        if t.is(name_start, "the") && name_start + 1 < b && t.is_cap(name_start + 1) {
            name_start += 1;
        }
        let end = (name_start..b)
            .find(|&j| {
                lex.relative_pronouns.has(t.low(j), RELATIVE_SUBJECT)
                    || t.is(j, "in") && j > name_start + 1
            })
            .unwrap_or(b);
        m.affiliation = Some(t.span_text(name_start, end).to_string());
    }
}

/// A mention read from `text` for tests: the words up to the first comma
/// are the core, the rest one apposition.
#[cfg(test)]
pub(crate) fn mention_of(text: &str) -> PartyMention {
    let lex = super::lexicon::Lexicon::builtin();
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
    fn a_title_with_its_body_before_a_name_is_role_and_affiliation() {
        let m =
            mention("Executive director of the Lakeside chapter of the Tenants Union Mara Voss");
        assert_eq!(m.form, Form::Name("Mara Voss".into()));
        assert_eq!(m.role.as_deref(), Some("Executive director"));
        assert_eq!(
            m.affiliation.as_deref(),
            Some("Lakeside chapter of the Tenants Union")
        );
        assert_eq!(m.kind_hint, Some(SourceKind::Person));
        // With an article it describes the office, and no one is named.
        let m = mention("the director of the Regional Weather Service");
        assert!(matches!(m.form, Form::Description { .. }), "{:?}", m.form);
        let m = mention("Lydia Varga for Coastal Water Partners");
        assert_eq!(m.form, Form::Name("Lydia Varga".into()));
        assert_eq!(m.affiliation.as_deref(), Some("Coastal Water Partners"));
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
