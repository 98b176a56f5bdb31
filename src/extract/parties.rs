//! Resolving parties: which source a mention refers to. Surnames,
//! pronouns, "the ministry", "the company", shortened names and acronyms
//! all point back to a party the article named before; the registry keeps
//! what is needed to recognise each one again. What a mention says is read
//! first, by `mentions`.

use super::lexicon::{
    COMPANY_HEAD_TAGS, LexiconData, MENTION_HEAD_END_TAGS, PronounRef, TagBits, WordClasses,
};

/// "the company", "the firm": a noun that may refer back to any business.
const GENERIC_BUSINESS: TagBits = COMPANY_HEAD_TAGS.bits(&["generic"]);
/// "Ministry of Finance": the head noun is the word before "of".
const NAME_HEAD_END: TagBits = MENTION_HEAD_END_TAGS.bits(&["name"]);
use super::mentions::{Form, PartyMention};
use super::model::{Source, SourceKind};
use super::span::{Range, is_acronym, is_possessive, name_runs_into, strip_possessive};
use super::tokens::Tokens;

/// Looks a word up lowercased with `on_list` (a word list's lookup)
/// without allocating for the common case of a short word.
fn contains_lower(word: &str, on_list: impl Fn(&str) -> bool) -> bool {
    if !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return on_list(word);
    }
    let mut buf = [0u8; 40];
    if word.len() > buf.len() {
        return on_list(&word.to_ascii_lowercase());
    }
    let bytes = &mut buf[..word.len()];
    bytes.copy_from_slice(word.as_bytes());
    bytes.make_ascii_lowercase();
    std::str::from_utf8(bytes).is_ok_and(on_list)
}

/// The parties the article cites, with what is needed to recognise them
/// again.
#[derive(Debug, Default)]
pub struct Registry {
    pub sources: Vec<Source>,
    info: Vec<SourceInfo>,
    entities: Vec<Entity>,
    /// People named as the subject of a sentence, whether or not they have
    /// spoken yet: "Ana Ruiz toured the plant. She said ..." The newest
    /// last.
    people: Vec<NarratedPerson>,
    clock: usize,
    /// How many sentences have been scanned.
    sentence: usize,
    /// The name runs of the sentence being scanned, kept to reuse the
    /// buffer from sentence to sentence.
    runs: Vec<Range>,
}

/// A person the narration names as a sentence's subject.
#[derive(Debug, Clone)]
struct NarratedPerson {
    name: String,
    /// The sentence that named them last.
    seen: usize,
}

#[derive(Debug, Default, Clone)]
struct SourceInfo {
    heads: Vec<String>,
    last_used: usize,
    /// The sentence in which it was last cited.
    seen: usize,
    company: bool,
    /// The name and every alias, prepared for comparison.
    names: Vec<Known>,
    /// Known gender of a person: true for female.
    female: Option<bool>,
    /// Named by one bare word the article never explained ("Ortiz said"):
    /// taken for an organisation until "he" or "she" refers to it.
    bare: bool,
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
    fn new(name: &str, lex: &LexiconData) -> Known {
        let words = Words::of(name);
        let head = words
            .iter()
            .position(|w| lex.mention_head_ends.has(w, NAME_HEAD_END))
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

/// Whether two lowercase words are one name spelt two ways: the same
/// first letter, and at most one edit apart (two for words of eight
/// letters or more), counting a swap of neighbours as one edit.
fn same_word_misspelt(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let shorter = a.len().min(b.len());
    if shorter < 5 || a[0] != b[0] || a == b {
        return false;
    }
    let allowed = if shorter >= 8 { 2 } else { 1 };
    if a.len().abs_diff(b.len()) > allowed {
        return false;
    }
    // Optimal string alignment distance, row by row.
    let mut before: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(before[j - 2] + 1);
            }
        }
        before = std::mem::replace(&mut prev, row);
    }
    prev[b.len()] <= allowed
}

/// A party whose name carries no word of a public body ("ministry",
/// "authority"): a plain brand may be "the company".
fn may_be_business(name: &str, lex: &LexiconData) -> bool {
    !name.split_whitespace().any(|w| {
        let w = strip_possessive(w);
        contains_lower(w, |w| lex.org_heads.contains(w))
            && !contains_lower(w, |w| lex.company_heads.contains(w))
    })
}

fn is_company(name: &str, lex: &LexiconData) -> bool {
    name.split_whitespace()
        .any(|w| contains_lower(strip_possessive(w), |w| lex.company_heads.contains(w)))
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
                self.note_narrated_person(t, (a, b), (ra, rb), lex);
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
                known: Known::new(&name, lex),
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

    /// Keeps the name run `[ra, rb)` of the sentence `[a, b)` as a person
    /// when it is the sentence's subject: it opens the sentence (after at
    /// most a few role words: "Panama coach Ana Ruiz"), is not a title
    /// alone, and a lowercase word (its verb) or an apposition follows.
    fn note_narrated_person(
        &mut self,
        t: &Tokens,
        (a, b): Range,
        (ra, rb): Range,
        lex: &LexiconData,
    ) {
        if rb >= b || ra > a + 3 || (a..ra).any(|k| !t.is_word(k) || t.quoted(k)) {
            return;
        }
        let verb_follows = t.is_word(rb) && !t.is_cap(rb);
        if !(verb_follows || t.is_punct(rb, ",")) {
            return;
        }
        // Role and title words before the name are no part of it, nor is
        // a capitalised word that opens the sentence ("Though", "Later"):
        // the name starts after the last title ("Minister for Education
        // Mr. Toccafondi").
        let after_title = (ra..rb)
            .rev()
            .find(|&k| lex.titles.contains(strip_possessive(t.low(k))))
            .map_or(ra, |k| k + 1);
        let start = (after_title..rb)
            .find(|&k| {
                !lex.titles.contains(strip_possessive(t.low(k)))
                    && !is_possessive(t.low(k))
                    && !t.has(k, WordClasses::FUNCTION_WORDS)
                    && !t.has(k, WordClasses::SUBORDINATORS)
                    && !t.has(k, WordClasses::PRE_VERB)
                    && !t.has(k, WordClasses::TIME_WORDS)
            })
            .unwrap_or(rb);
        let words = (start..rb).filter(|&k| t.is_word(k)).count();
        if !(2..=4).contains(&words) || (start..rb).any(|k| t.has(k, WordClasses::MONTHS)) {
            return;
        }
        let name = t.span_text(start, rb);
        self.people.retain(|p| p.name != name);
        self.people.push(NarratedPerson {
            name: name.to_string(),
            seen: self.sentence,
        });
    }

    fn touch(&mut self, i: usize) -> usize {
        self.clock += 1;
        self.info[i].last_used = self.clock;
        self.info[i].seen = self.sentence;
        i
    }

    /// The person "he" or "she" most likely refers to when the narration
    /// named someone more recently than any cited person: a source for
    /// them (found again or new), or `None` when a cited person is as
    /// recent.
    fn narrated_antecedent(&mut self, newest_cited: usize, lex: &LexiconData) -> Option<usize> {
        let p = self
            .people
            .last()
            .filter(|p| p.seen > newest_cited)?
            .clone();
        let lower = p.name.to_lowercase();
        if let Some(i) = (0..self.sources.len()).find(|&i| self.known_as(i, &lower)) {
            return Some(i);
        }
        Some(self.create(&p.name, SourceKind::Person, Vec::new(), lex))
    }

    fn add_alias(&mut self, i: usize, alias: &str, merge: bool, lex: &LexiconData) {
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
        self.info[i].names.push(Known::new(alias, lex));
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
            seen: 0,
            company: is_company(name, lex),
            names: vec![Known::new(name, lex)],
            female: None,
            bare: false,
        });
        self.sources.len() - 1
    }

    /// Records a gender the mention's role words reveal ("spokeswoman",
    /// "Mr.").
    fn note_gender(&mut self, i: usize, m: &PartyMention, lex: &LexiconData) {
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
        mention: &PartyMention,
        outlet: Option<&str>,
        exclude: &[usize],
        lex: &LexiconData,
    ) -> Option<usize> {
        match &mention.form {
            Form::Pronoun(pronoun, female) => {
                let want = |party: usize| {
                    let kind = self.sources[party].kind;
                    let gender = self.info[party].female;
                    match pronoun {
                        // "he" and "she" skip people of the other gender;
                        // an unnamed "spokeswoman" can be "she".
                        PronounRef::Person => {
                            let fits = female.is_none() || gender.is_none() || gender == *female;
                            fits && (kind == SourceKind::Person
                                || (kind == SourceKind::Anonymous && gender.is_some())
                                || self.info[party].bare)
                        }
                        PronounRef::Organization => {
                            matches!(kind, SourceKind::Organization | SourceKind::Media)
                        }
                        // "They" is a group or a body, never one document.
                        PronounRef::Any => {
                            kind != SourceKind::Person
                                && !lex.documents.contains(self.info[party].names[0].head())
                        }
                    }
                };
                let cited = self.newest_first().into_iter().find(|&party| {
                    !exclude.contains(&party) && want(party) && self.info[party].last_used > 0
                });
                let narrated = match pronoun {
                    PronounRef::Person => {
                        let newest_cited = cited.map_or(0, |party| self.info[party].seen);
                        self.narrated_antecedent(newest_cited, lex)
                            .filter(|party| !exclude.contains(party))
                    }
                    _ => None,
                };
                let hit = narrated.or(cited)?;
                // "Ortiz asked ... she said": the bare name was a person.
                if *pronoun == PronounRef::Person && self.info[hit].bare {
                    self.sources[hit].kind = SourceKind::Person;
                    self.info[hit].bare = false;
                }
                if female.is_some() && self.info[hit].female.is_none() {
                    self.info[hit].female = *female;
                }
                Some(self.touch(hit))
            }
            Form::Name(name) => {
                if outlet.is_some_and(|outlet_name| same_outlet(outlet_name, name)) {
                    return None;
                }
                let party = self.resolve_name(name, mention, exclude, lex);
                for alias in &mention.merge_aliases {
                    self.add_alias(party, alias, true, lex);
                }
                for alias in &mention.local_aliases {
                    self.add_alias(party, alias, false, lex);
                }
                if let Some(kind) = mention.kind_hint
                    && self.sources[party].kind != kind
                    && (kind != SourceKind::Person
                        || self.sources[party].kind == SourceKind::Anonymous)
                {
                    self.sources[party].kind = kind;
                }
                if let Some(descriptor) = &mention.descriptor {
                    self.info[party].heads.push(descriptor.clone());
                }
                self.note_gender(party, mention, lex);
                Some(self.touch(party))
            }
            Form::Description {
                text,
                head,
                mods,
                definite,
                organization,
            } => {
                if outlet.is_some_and(|outlet_name| same_outlet(outlet_name, text)) {
                    return None;
                }
                let party = self.resolve_description(
                    text,
                    head,
                    mods,
                    *definite,
                    *organization,
                    mention,
                    exclude,
                    lex,
                );
                for alias in &mention.merge_aliases {
                    self.add_alias(party, alias, true, lex);
                }
                for alias in &mention.local_aliases {
                    self.add_alias(party, alias, false, lex);
                }
                self.note_gender(party, mention, lex);
                Some(self.touch(party))
            }
        }
    }

    fn resolve_name(
        &mut self,
        name: &str,
        mention: &PartyMention,
        exclude: &[usize],
        lex: &LexiconData,
    ) -> usize {
        let lname = name.to_lowercase();
        let order = self.newest_first();
        // The same name or a known alias.
        if let Some(&party) = order
            .iter()
            .find(|&&party| !exclude.contains(&party) && self.known_as(party, &lname))
        {
            return party;
        }
        let words = Words::of(name);
        let acronym = is_acronym(name);
        if words.len() <= 3
            && let Some(party) = self.short_form(name, &words, &order, exclude, lex)
        {
            return party;
        }
        // A named study, survey or report is a publication.
        let document = words.len() > 1 && lex.documents.contains(words.get(words.len() - 1));
        let kind = mention
            .kind_hint
            .unwrap_or(if mention.link || mention.audience || document {
                SourceKind::Media
            } else if words.len() == 1 || is_acronym(name) {
                SourceKind::Organization
            } else {
                SourceKind::Person
            });
        let kind = if (mention.link || mention.audience) && mention.kind_hint.is_none() {
            SourceKind::Media
        } else {
            kind
        };
        // "A new study found ... The results of the National Water Study
        // show ...": the study, now named.
        if document
            && let Some(party) = self.last_document(&order, exclude, lex)
            && self.info[party]
                .names
                .iter()
                .all(|known| known.words.len() <= 3)
        {
            self.add_alias(party, name, false, lex);
            return party;
        }
        let party = self.create(name, kind, Vec::new(), lex);
        self.info[party].bare = mention.kind_hint.is_none()
            && words.len() == 1
            && !acronym
            && kind == SourceKind::Organization;
        // An acronym given in the text: "Coastal Security Service (CSS)".
        if let Some(alias) = self
            .entities
            .iter()
            .rev()
            .find(|entity| entity.name.eq_ignore_ascii_case(name))
            .and_then(|entity| entity.acronym.clone())
        {
            self.add_alias(party, &alias, true, lex);
        }
        party
    }

    /// The party a name of one to three words is the short form of: a
    /// person's family or given name, the first words of an
    /// organisation's name, or its acronym; an organisation named earlier
    /// that has not spoken yet; a person the narration named.
    fn short_form(
        &mut self,
        name: &str,
        words: &Words,
        order: &[usize],
        exclude: &[usize],
        lex: &LexiconData,
    ) -> Option<usize> {
        let acronym = is_acronym(name);
        // A bare word is a surname as often as a short name: it stands for
        // an organisation only when that is an outlet ("Nordwire" for the
        // Nordwire News Agency) or a registered company ("Dovetail" for
        // "Dovetail Robotics Inc."), never for the Renner Group.
        let short_form_of = |longer: &Words, kind: SourceKind| {
            longer.extends(words)
                && (words.len() > 1
                    || kind == SourceKind::Media
                    || lex.legal_forms.contains(longer.get(longer.len() - 1)))
        };
        for &party in order {
            if exclude.contains(&party) {
                continue;
            }
            let kind = self.sources[party].kind;
            let hit = self.info[party].names.iter().any(|known| {
                let known_words = &known.words;
                match kind {
                    SourceKind::Person => {
                        words.len() == 1
                            && known_words.len() >= 2
                            && (known_words.get(0) == words.get(0)
                                || known_words.get(known_words.len() - 1) == words.get(0))
                    }
                    _ => short_form_of(known_words, kind) || (acronym && known.initials() == name),
                }
            });
            if hit {
                let merge = kind != SourceKind::Person;
                self.add_alias(party, name, merge, lex);
                return Some(party);
            }
        }
        // An organisation named earlier that has not spoken yet.
        if let Some(entity) = self
            .entities
            .iter()
            .rev()
            .find(|entity| {
                short_form_of(&entity.known.words, entity.kind)
                    || entity.acronym.as_deref() == Some(name)
                    || (acronym && entity.known.initials() == name)
            })
            .cloned()
        {
            let party = self.create(&entity.name, entity.kind, Vec::new(), lex);
            self.add_alias(party, name, true, lex);
            if let Some(alias) = entity.acronym {
                self.add_alias(party, &alias, true, lex);
            }
            return Some(party);
        }
        if words.len() == 1
            && !acronym
            && let Some(party) = self.person_by_surname(name, words.get(0), order, exclude, lex)
        {
            return Some(party);
        }
        None
    }

    /// The organisation named in this sentence or the last one whose head
    /// and modifiers a description fits ("the agency" after "the Food
    /// Safety Agency"), as a source.
    fn entity_just_named(
        &mut self,
        head: &str,
        mods: &[String],
        order: &[usize],
        exclude: &[usize],
        lex: &LexiconData,
    ) -> Option<usize> {
        let e = self
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
            .cloned()?;
        let lname = e.name.to_lowercase();
        if let Some(&i) = order
            .iter()
            .find(|&&i| !exclude.contains(&i) && self.known_as(i, &lname))
        {
            return Some(i);
        }
        if !order.iter().any(|&i| self.known_as(i, &lname)) {
            let i = self.create(&e.name, e.kind, vec![head.to_string()], lex);
            if let Some(a) = e.acronym {
                self.add_alias(i, &a, true, lex);
            }
            return Some(i);
        }
        None
    }

    /// A bare surname that names no cited party: a cited person whose
    /// surname it is, misspelt once ("Buchtman" for "Buchtmann"), or a
    /// person the narration named before ("Ana Ruiz scored twice. ...
    /// Ruiz said").
    fn person_by_surname(
        &mut self,
        name: &str,
        surname: &str,
        order: &[usize],
        exclude: &[usize],
        lex: &LexiconData,
    ) -> Option<usize> {
        let misspelt = order.iter().copied().find(|&i| {
            !exclude.contains(&i)
                && self.sources[i].kind == SourceKind::Person
                && self.info[i].names.iter().any(|k| {
                    k.words.len() >= 2
                        && same_word_misspelt(k.words.get(k.words.len() - 1), surname)
                })
        });
        if let Some(i) = misspelt {
            self.add_alias(i, name, false, lex);
            return Some(i);
        }
        let full = self
            .people
            .iter()
            .rev()
            .find(|p| {
                let pw = Words::of(&p.name);
                pw.get(pw.len() - 1) == surname
            })?
            .name
            .clone();
        let i = self.create(&full, SourceKind::Person, Vec::new(), lex);
        self.add_alias(i, name, false, lex);
        Some(i)
    }

    #[allow(clippy::too_many_arguments)]
    fn resolve_description(
        &mut self,
        text: &str,
        head: &str,
        mods: &[String],
        definite: bool,
        organization: bool,
        mention: &PartyMention,
        exclude: &[usize],
        lex: &LexiconData,
    ) -> usize {
        let ltext = text.to_lowercase();
        let order = self.newest_first();
        if let Some(&party) = order
            .iter()
            .find(|&&party| !exclude.contains(&party) && self.known_as(party, &ltext))
        {
            return party;
        }
        let company_ref = lex.company_heads.has(head, GENERIC_BUSINESS);
        let mods_fit = |info: &SourceInfo| -> bool {
            let mut all = info
                .names
                .iter()
                .flat_map(|known| known.words.iter())
                .chain(info.heads.iter().map(String::as_str));
            mods.iter()
                .filter(|modifier| modifier.chars().all(|ch| ch.is_lowercase() || ch == '-'))
                .all(|modifier| {
                    let stem: String = modifier.chars().take(5).collect();
                    all.any(|word| word.starts_with(&stem))
                })
        };
        // "the agency" just after "the Food Safety Agency" was named: that
        // agency, even when another one has spoken before.
        if definite
            && organization
            && let Some(party) = self.entity_just_named(head, mods, &order, exclude, lex)
        {
            return party;
        }
        if definite {
            for &party in &order {
                if exclude.contains(&party) {
                    continue;
                }
                let info = &self.info[party];
                let head_fits = info.heads.iter().any(|known_head| known_head == head)
                    || info.names.iter().any(|known| known.head() == head)
                    || (company_ref && info.company);
                if head_fits && mods_fit(info) {
                    return party;
                }
            }
            // "the newspaper", "the broadcaster": the outlet named last.
            if lex.media_heads.contains(head)
                && let Some(&party) = order.iter().find(|&&party| {
                    !exclude.contains(&party)
                        && self.sources[party].kind == SourceKind::Media
                        && self.info[party].last_used > 0
                })
            {
                return party;
            }
            // "the firm" after a brand with no telling suffix ("FreshWay").
            if company_ref
                && !self.entities.iter().any(|entity| entity.company)
                && let Some(&party) = order.iter().find(|&&party| {
                    !exclude.contains(&party)
                        && self.sources[party].kind == SourceKind::Organization
                        && self.info[party].last_used > 0
                        && may_be_business(&self.sources[party].name, lex)
                })
            {
                return party;
            }
            if organization
                && let Some(entity) = self
                    .entities
                    .iter()
                    .rev()
                    .find(|entity| (company_ref && entity.company) || entity.known.head() == head)
                    .cloned()
            {
                let party = self.create(&entity.name, entity.kind, vec![head.to_string()], lex);
                if let Some(alias) = entity.acronym {
                    self.add_alias(party, &alias, true, lex);
                }
                return party;
            }
        } else if let Some(&party) = order.iter().find(|&&party| {
            !exclude.contains(&party)
                && self.sources[party].kind == SourceKind::Anonymous
                && self.known_as(party, &ltext)
        }) {
            return party;
        }
        // "the report" after "a new study found ...": the document the
        // article cited last, whatever it called it.
        if definite
            && lex.documents.contains(head)
            && let Some(party) = self.last_document(&order, exclude, lex)
        {
            return party;
        }
        let kind = mention.kind_hint.unwrap_or(SourceKind::Anonymous);
        let name = text.strip_prefix("the ").unwrap_or(text);
        self.create(name, kind, vec![head.to_string()], lex)
    }

    /// The document (a study, a report, a survey) cited most recently.
    fn last_document(
        &self,
        order: &[usize],
        exclude: &[usize],
        lex: &LexiconData,
    ) -> Option<usize> {
        order.iter().copied().find(|&i| {
            !exclude.contains(&i)
                && self.info[i].last_used > 0
                && self.info[i]
                    .names
                    .iter()
                    .any(|k| lex.documents.contains(k.head()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Lexicon;
    use crate::extract::mentions::mention_of as mention;
    use crate::extract::tokens::tokenize;

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
    fn a_surname_misspelt_once_is_the_same_person() {
        assert!(same_word_misspelt("buchtmann", "bauchtman"));
        assert!(same_word_misspelt("halvorsen", "halvorson"));
        assert!(same_word_misspelt("lindqvist", "lindqivst"));
        assert!(!same_word_misspelt("jones", "james"));
        assert!(!same_word_misspelt("berg", "borg"));
        assert!(!same_word_misspelt("nielsen", "nilsson"));
        let lex = Lexicon::builtin();
        let mut reg = Registry::new();
        let full = reg
            .resolve(&mention("Lydia Buchtmann"), None, &[], &lex)
            .unwrap();
        let again = reg.resolve(&mention("Bauchtman"), None, &[], &lex).unwrap();
        assert_eq!(full, again);
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
