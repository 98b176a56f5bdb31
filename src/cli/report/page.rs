//! One article as a self-contained HTML page: the cleaned body with each
//! claim highlighted in its source's colour, the details of a claim on
//! hover or focus, and a side panel of sources and of claims that need
//! care. Plain `format!` over an escaping helper rather than a template
//! crate: the page is one fixed shape, and keeping every write next to its
//! escape makes the escaping easy to check.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::html::{element, escape, push_escaped, safe_href};
use crate::extract::{ClaimKind, Mode, SourceKind};
use crate::store::{ReportArticle, ReportClaim};

/// How many distinct highlight colours the stylesheet defines.
const PALETTE: usize = 10;

const STYLE: &str = include_str!("style.css");

/// A claim's text shown as a link in lists is cut to this many characters.
const SNIPPET: usize = 90;

/// What the page reader should know about the footing of a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Footing {
    Sourced,
    /// The one party it rests on is unnamed ("officials said").
    Anonymous,
    /// The article's own voice: nobody is cited.
    Unsourced,
}

fn footing(claim: &ReportClaim) -> Footing {
    match &claim.source {
        None => Footing::Unsourced,
        Some(s) if s.kind == SourceKind::Anonymous => Footing::Anonymous,
        Some(_) => Footing::Sourced,
    }
}

/// "National Intelligence Service via Yonhap News Agency".
fn chain(claim: &ReportClaim) -> Option<String> {
    let source = claim.source.as_ref()?;
    let mut out = source.name.clone();
    for link in &claim.via {
        out.push_str(" via ");
        out.push_str(&link.name);
    }
    Some(out)
}

/// The last component of an imported path, whichever separator it used.
/// "also in 3 other articles, resting on A and B" for a claim whose
/// statement other articles carry.
fn elsewhere(claim: &ReportClaim) -> Option<String> {
    let e = &claim.elsewhere;
    if e.articles == 0 {
        return None;
    }
    let mut parties: Vec<&str> = e.rests_on.iter().map(String::as_str).collect();
    let last = parties.pop().unwrap_or_default();
    let names = if parties.is_empty() {
        last.to_string()
    } else {
        format!("{} and {last}", parties.join(", "))
    };
    Some(format!(
        "also in {}, resting on {names}",
        plural(e.articles as usize, "other article", "other articles")
    ))
}

fn file_name(path: &str) -> String {
    path.rsplit(['/', '\\']).next().unwrap_or(path).to_string()
}

fn kind_label(kind: ClaimKind) -> String {
    kind.as_str().replace('_', "-")
}

fn mode_label(mode: Mode) -> &'static str {
    match mode {
        Mode::Direct => "quoted directly",
        Mode::Indirect => "reported speech",
        Mode::None => "in the article's own words",
    }
}

fn snippet(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = chars.by_ref().take(SNIPPET).collect();
    if chars.next().is_some() {
        out = out.trim_end().to_string();
        out.push('…');
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A source as listed in the side panel.
struct SourceEntry<'a> {
    id: i64,
    name: &'a str,
    kind: SourceKind,
    /// Highlight colour; `None` for parties that only relay.
    slot: Option<usize>,
    rests_on: usize,
    relays: usize,
    first_seen: usize,
}

fn source_entries(article: &ReportArticle) -> Vec<SourceEntry<'_>> {
    let mut entries: Vec<SourceEntry<'_>> = Vec::new();
    let mut index: HashMap<i64, usize> = HashMap::new();
    let mut next_slot = 0;
    for claim in &article.claims {
        if let Some(source) = &claim.source {
            let i = *index.entry(source.id).or_insert_with(|| {
                entries.push(SourceEntry {
                    id: source.id,
                    name: &source.name,
                    kind: source.kind,
                    slot: None,
                    rests_on: 0,
                    relays: 0,
                    first_seen: entries.len(),
                });
                entries.len() - 1
            });
            let entry = &mut entries[i];
            if entry.slot.is_none() {
                entry.slot = Some(next_slot % PALETTE);
                next_slot += 1;
            }
            entry.rests_on += 1;
        }
        for link in &claim.via {
            let i = *index.entry(link.id).or_insert_with(|| {
                entries.push(SourceEntry {
                    id: link.id,
                    name: &link.name,
                    kind: link.kind,
                    slot: None,
                    rests_on: 0,
                    relays: 0,
                    first_seen: entries.len(),
                });
                entries.len() - 1
            });
            entries[i].relays += 1;
        }
    }
    entries.sort_by(|a, b| {
        (b.rests_on, b.relays)
            .cmp(&(a.rests_on, a.relays))
            .then(a.first_seen.cmp(&b.first_seen))
    });
    entries
}

/// A stretch of the body highlighted for one claim. Claims are kept from
/// overlapping: where two would, the later one starts where the earlier
/// ends, and one swallowed whole is listed but not highlighted.
struct Highlight {
    start: usize,
    end: usize,
    claim: usize,
}

fn highlights(article: &ReportArticle, body_len: usize) -> Vec<Highlight> {
    let mut order: Vec<usize> = (0..article.claims.len()).collect();
    let clamp = |v: i64| (v.max(0) as usize).min(body_len);
    order.sort_by_key(|&i| {
        let c = &article.claims[i];
        (clamp(c.start), std::cmp::Reverse(clamp(c.end)))
    });
    let mut out = Vec::new();
    let mut cursor = 0;
    for i in order {
        let c = &article.claims[i];
        let start = clamp(c.start).max(cursor);
        let end = clamp(c.end);
        if start < end {
            out.push(Highlight {
                start,
                end,
                claim: i,
            });
            cursor = end;
        }
    }
    out
}

/// Paragraphs as character ranges: blank lines separate them, and the
/// whitespace around them is not part of them.
fn paragraphs(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut last_end = 0;
    let mut line_start = 0;
    for i in 0..=chars.len() {
        if i < chars.len() && chars[i] != '\n' {
            continue;
        }
        let line = &chars[line_start..i];
        let lead = line.iter().take_while(|c| c.is_whitespace()).count();
        if lead == line.len() {
            if let Some(start) = open.take() {
                out.push((start, last_end));
            }
        } else {
            open.get_or_insert(line_start + lead);
            let trail = line.iter().rev().take_while(|c| c.is_whitespace()).count();
            last_end = i - trail;
        }
        line_start = i + 1;
    }
    if let Some(start) = open {
        out.push((start, last_end));
    }
    out
}

fn push_chars(out: &mut String, chars: &[char]) {
    let text: String = chars.iter().collect();
    push_escaped(out, &text);
}

struct Page<'a> {
    article: &'a ReportArticle,
    slots: HashMap<i64, usize>,
    out: String,
}

/// The whole page for `article`.
pub fn render(article: &ReportArticle) -> String {
    let sources = source_entries(article);
    let slots = sources
        .iter()
        .filter_map(|s| s.slot.map(|slot| (s.id, slot)))
        .collect();
    let mut page = Page {
        article,
        slots,
        out: String::with_capacity(article.body.len() * 3 + 8192),
    };
    page.document(&sources);
    page.out
}

/// The page heading: the headline, or the file name when there is none.
pub fn title(a: &ReportArticle) -> String {
    // Without a headline the file name stands in; the full path is
    // shown under it anyway.
    a.title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .or_else(|| a.path.as_deref().map(file_name))
        .unwrap_or_else(|| format!("Article {}", a.id))
}

impl Page<'_> {
    fn document(&mut self, sources: &[SourceEntry<'_>]) {
        let title = title(self.article);
        let _ = write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"claims {}\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
             <title>{} · claims</title>\n<style>\n{STYLE}",
            env!("CARGO_PKG_VERSION"),
            escape(&title),
        );
        // Picking a source in the panel (a fragment link, so no script is
        // needed) fades every claim that neither rests on it nor passed
        // through it.
        for s in sources {
            let _ = writeln!(
                self.out,
                "body:has(#source-{id}:target) mark.claim:is([data-source=\"{id}\"], [data-via~=\"{id}\"]) {{ opacity: 1; }}",
                id = s.id
            );
        }
        self.out
            .push_str("</style>\n</head>\n<body>\n<div class=\"layout\">\n<main>\n");
        self.header(&title, sources);
        self.body();
        self.claim_list();
        self.out.push_str("</main>\n");
        self.panel(sources);
        self.out.push_str("</div>\n");
        let _ = writeln!(
            self.out,
            "<footer>Made by <code>claims report</code> {} from the claims ledger.</footer>",
            env!("CARGO_PKG_VERSION")
        );
        self.out.push_str("</body>\n</html>\n");
    }

    fn header(&mut self, title: &str, sources: &[SourceEntry<'_>]) {
        let a = self.article;
        self.out.push_str("<header>\n");
        let _ = writeln!(
            self.out,
            "<p class=\"kicker\">Claims report · article {}</p>",
            a.id
        );
        element(&mut self.out, "h1", "headline", title);
        self.out.push('\n');
        let meta: Vec<&str> = [&a.outlet, &a.published, &a.byline, &a.dateline]
            .into_iter()
            .filter_map(|f| f.as_deref())
            .filter(|f| !f.trim().is_empty())
            .collect();
        if !meta.is_empty() {
            element(&mut self.out, "p", "meta", &meta.join(" · "));
            self.out.push('\n');
        }
        if let Some(url) = &a.url {
            match safe_href(url) {
                Some(href) => {
                    let _ = writeln!(
                        self.out,
                        "<p class=\"url\"><a href=\"{href}\" rel=\"noreferrer\">{}</a></p>",
                        escape(url)
                    );
                }
                None => {
                    element(&mut self.out, "p", "url", url);
                    self.out.push('\n');
                }
            }
        } else if let Some(path) = &a.path {
            element(&mut self.out, "p", "url", path);
            self.out.push('\n');
        }
        let count = |f: Footing| a.claims.iter().filter(|c| footing(c) == f).count();
        let _ = writeln!(
            self.out,
            "<p class=\"summary\">{} from {}; {} in the article's own voice; {} on a single anonymous source.</p>",
            plural(a.claims.len(), "claim", "claims"),
            plural(
                sources.iter().filter(|s| s.rests_on > 0).count(),
                "source",
                "sources"
            ),
            count(Footing::Unsourced),
            count(Footing::Anonymous),
        );
        self.out.push_str("</header>\n");
    }

    fn body(&mut self) {
        let chars: Vec<char> = self.article.body.chars().collect();
        let marks = highlights(self.article, chars.len());
        self.out
            .push_str("<article class=\"body\" aria-label=\"Article text with claims\">\n");
        let mut next = 0;
        for (p_start, p_end) in paragraphs(&chars) {
            self.out.push_str("<p>");
            let mut cursor = p_start;
            // Highlights are sorted and disjoint: skip those that end before
            // this paragraph, then draw the ones reaching into it.
            while next < marks.len() && marks[next].end <= p_start {
                next += 1;
            }
            let mut i = next;
            while i < marks.len() && marks[i].start < p_end {
                let m = &marks[i];
                let from = m.start.max(p_start);
                let to = m.end.min(p_end);
                if from < to {
                    push_chars(&mut self.out, &chars[cursor..from]);
                    self.mark(m.claim, &chars[from..to], from == m.start, to == m.end);
                    cursor = to;
                }
                i += 1;
            }
            push_chars(&mut self.out, &chars[cursor..p_end]);
            self.out.push_str("</p>\n");
        }
        self.out.push_str("</article>\n");
    }

    /// One highlighted piece of a claim; a claim that crosses a paragraph
    /// break is drawn as several pieces, and only the first can take focus
    /// and carries the details.
    fn mark(&mut self, index: usize, text: &[char], first: bool, last: bool) {
        let claim = &self.article.claims[index];
        let mut class = String::from("claim");
        if let Some(slot) = claim.source.as_ref().and_then(|s| self.slots.get(&s.id)) {
            let _ = write!(class, " src-{slot}");
        }
        match footing(claim) {
            Footing::Anonymous => class.push_str(" anonymous"),
            Footing::Unsourced => class.push_str(" unsourced"),
            Footing::Sourced => {}
        }
        let _ = write!(
            self.out,
            "<mark class=\"{class}\" data-claim=\"{}\"",
            claim.id
        );
        if let Some(source) = &claim.source {
            let _ = write!(self.out, " data-source=\"{}\"", source.id);
        }
        if !claim.via.is_empty() {
            let via: Vec<String> = claim.via.iter().map(|v| v.id.to_string()).collect();
            let _ = write!(self.out, " data-via=\"{}\"", via.join(" "));
        }
        if first {
            let _ = write!(
                self.out,
                " id=\"claim-{id}\" tabindex=\"0\" aria-describedby=\"tip-{id}\"",
                id = claim.id
            );
        }
        if last {
            let _ = write!(self.out, " data-n=\"{}\"", claim.position);
        }
        self.out.push_str("><span class=\"claim-text\">");
        push_chars(&mut self.out, text);
        self.out.push_str("</span>");
        if first {
            self.tip(claim);
        }
        self.out.push_str("</mark>");
    }

    fn tip(&mut self, claim: &ReportClaim) {
        let out = &mut self.out;
        let _ = write!(
            out,
            "<span class=\"tip\" role=\"tooltip\" id=\"tip-{}\">",
            claim.id
        );
        let _ = write!(
            out,
            "<span class=\"tip-head\">Claim {} · {}</span>",
            claim.position,
            escape(&kind_label(claim.kind))
        );
        let row = |out: &mut String, field: &str, label: &str, value: &str| {
            let _ = write!(
                out,
                "<span class=\"tip-row\" data-field=\"{field}\"><b>{label}</b> "
            );
            push_escaped(out, value);
            out.push_str("</span>");
        };
        match &claim.source {
            Some(s) => row(
                out,
                "source",
                "Source",
                &format!("{} ({})", s.name, s.kind.as_str()),
            ),
            None => row(out, "source", "Source", "none: the article's own voice"),
        }
        if let Some(role) = &claim.role {
            row(out, "role", "Role", role);
        }
        if let Some(affiliation) = &claim.affiliation {
            row(out, "affiliation", "Affiliation", affiliation);
        }
        if !claim.via.is_empty()
            && let Some(chain) = chain(claim)
        {
            row(out, "chain", "Chain", &chain);
        }
        row(
            out,
            "kind",
            "Kind",
            &format!("{}, {}", kind_label(claim.kind), mode_label(claim.mode)),
        );
        if !claim.quantities.is_empty() {
            row(
                out,
                "quantities",
                "Quantities",
                &claim.quantities.join("; "),
            );
        }
        if let Some(cue) = &claim.cue {
            row(out, "cue", "Cue", &format!("“{cue}”"));
        }
        if let Some(elsewhere) = elsewhere(claim) {
            row(out, "elsewhere", "Elsewhere", &elsewhere);
        }
        match footing(claim) {
            Footing::Anonymous => {
                out.push_str("<span class=\"tip-warn\">Rests on a single anonymous source</span>")
            }
            Footing::Unsourced => {
                out.push_str("<span class=\"tip-warn\">No source: the article's own voice</span>")
            }
            Footing::Sourced => {}
        }
        out.push_str("</span>");
    }

    fn claim_list(&mut self) {
        let a = self.article;
        self.out
            .push_str("<section class=\"claims-list\">\n<h2>Claims in order</h2>\n<ol>\n");
        for claim in &a.claims {
            let _ = write!(
                self.out,
                "<li value=\"{}\" id=\"detail-{}\" data-claim=\"{}\"><a href=\"#claim-{}\">",
                claim.position, claim.id, claim.id, claim.id
            );
            push_escaped(&mut self.out, &claim.text);
            self.out.push_str("</a> <span class=\"detail\">");
            let mut parts = vec![match chain(claim) {
                Some(chain) => chain,
                None => "the article's own voice".to_string(),
            }];
            if let Some(role) = &claim.role {
                parts.push(role.clone());
            }
            parts.push(kind_label(claim.kind));
            if !claim.quantities.is_empty() {
                parts.push(claim.quantities.join("; "));
            }
            if let Some(cue) = &claim.cue {
                parts.push(format!("“{cue}”"));
            }
            if let Some(elsewhere) = elsewhere(claim) {
                parts.push(elsewhere);
            }
            push_escaped(&mut self.out, &parts.join(" · "));
            self.out.push_str("</span></li>\n");
        }
        self.out.push_str("</ol>\n</section>\n");
    }

    fn panel(&mut self, sources: &[SourceEntry<'_>]) {
        let a = self.article;
        self.out.push_str(
            "<aside class=\"panel\" aria-label=\"Sources and claims that need care\">\n\
             <h2>Sources</h2>\n\
             <p class=\"hint\">Each colour is one source. Hover over or tab to a claim for its details; pick a source to fade the rest.</p>\n\
             <ul class=\"sources\">\n",
        );
        for s in sources {
            let class = match s.slot {
                Some(slot) => format!("source src-{slot}"),
                None => "source relay-only".to_string(),
            };
            let _ = write!(
                self.out,
                "<li id=\"source-{id}\" class=\"{class}\" data-source=\"{id}\" data-claims=\"{n}\" data-relays=\"{r}\">\
                 <a href=\"#source-{id}\"><span class=\"swatch\" aria-hidden=\"true\"></span>",
                id = s.id,
                n = s.rests_on,
                r = s.relays,
            );
            element(&mut self.out, "span", "source-name", s.name);
            self.out.push_str("</a> ");
            element(&mut self.out, "span", "source-kind", s.kind.as_str());
            let mut counts = Vec::new();
            if s.rests_on > 0 {
                counts.push(plural(s.rests_on, "claim", "claims"));
            }
            if s.relays > 0 {
                counts.push(format!("relayed {}", s.relays));
            }
            let _ = writeln!(
                self.out,
                " <span class=\"count\">{}</span></li>",
                counts.join(", ")
            );
        }
        let own: Vec<&ReportClaim> = a
            .claims
            .iter()
            .filter(|c| footing(c) == Footing::Unsourced)
            .collect();
        let _ = writeln!(
            self.out,
            "<li class=\"source own-voice\" data-claims=\"{}\"><span class=\"swatch\" aria-hidden=\"true\"></span>\
             <span class=\"source-name\">The article's own voice</span> <span class=\"count\">{}</span></li>",
            own.len(),
            plural(own.len(), "claim", "claims")
        );
        self.out.push_str(
            "</ul>\n<p class=\"show-all\"><a href=\"#\">Show every source</a></p>\n<h2>Needs care</h2>\n",
        );
        let anonymous: Vec<&ReportClaim> = a
            .claims
            .iter()
            .filter(|c| footing(c) == Footing::Anonymous)
            .collect();
        self.flagged(
            "anonymous",
            "Rests on a single anonymous source",
            &anonymous,
        );
        self.flagged("unsourced", "No source given", &own);
        self.out.push_str("</aside>\n");
    }

    fn flagged(&mut self, class: &str, heading: &str, claims: &[&ReportClaim]) {
        let _ = writeln!(
            self.out,
            "<section class=\"flagged {class}\" data-count=\"{}\">\n<h3>{heading} ({})</h3>",
            claims.len(),
            claims.len()
        );
        if claims.is_empty() {
            self.out.push_str("<p class=\"none\">None.</p>\n");
        } else {
            self.out.push_str("<ul>\n");
            for claim in claims {
                let _ = write!(
                    self.out,
                    "<li data-claim=\"{}\"><a href=\"#claim-{}\">Claim {}</a>: ",
                    claim.id, claim.id, claim.position
                );
                push_escaped(&mut self.out, &snippet(&claim.text));
                self.out.push_str("</li>\n");
            }
            self.out.push_str("</ul>\n");
        }
        self.out.push_str("</section>\n");
    }
}

/// An index page linking every report written by `claims report --all`.
pub fn index(entries: &[(i64, String, String, usize)]) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Claims reports</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         <main class=\"index\">\n<h1>Claims reports</h1>\n<ol>\n"
    );
    for (id, title, file, claims) in entries {
        let _ = writeln!(
            out,
            "<li value=\"{id}\"><a href=\"{}\">{}</a> <span class=\"count\">{}</span></li>",
            escape(file),
            escape(title),
            plural(*claims, "claim", "claims")
        );
    }
    out.push_str("</ol>\n</main>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::ReportSource;

    fn claim(
        id: i64,
        start: i64,
        end: i64,
        source: Option<(i64, &str, SourceKind)>,
    ) -> ReportClaim {
        ReportClaim {
            id,
            position: id,
            start,
            end,
            text: format!("claim {id}"),
            kind: ClaimKind::Assertion,
            mode: Mode::Indirect,
            cue: Some("said".into()),
            source: source.map(|(id, name, kind)| ReportSource {
                id,
                name: name.into(),
                kind,
            }),
            role: None,
            affiliation: None,
            via: Vec::new(),
            quantities: Vec::new(),
            elsewhere: Default::default(),
        }
    }

    fn article(body: &str, claims: Vec<ReportClaim>) -> ReportArticle {
        ReportArticle {
            id: 1,
            path: None,
            title: Some("T".into()),
            outlet: None,
            byline: None,
            dateline: None,
            published: None,
            url: None,
            body: body.into(),
            claims,
        }
    }

    #[test]
    fn paragraphs_split_at_blank_lines_and_drop_surrounding_space() {
        let chars: Vec<char> = "\n  one\ntwo  \n\n \nthree\n".chars().collect();
        let got: Vec<String> = paragraphs(&chars)
            .into_iter()
            .map(|(s, e)| chars[s..e].iter().collect())
            .collect();
        assert_eq!(got, ["one\ntwo", "three"]);
    }

    #[test]
    fn overlapping_claims_are_drawn_once_each_without_overlap() {
        let a = article(
            "abcdefghij",
            vec![
                claim(1, 0, 6, None),
                claim(2, 4, 8, None),
                claim(3, 1, 3, None),
                claim(4, 9, 99, None),
            ],
        );
        let got: Vec<(usize, usize, i64)> = highlights(&a, 10)
            .into_iter()
            .map(|h| (h.start, h.end, a.claims[h.claim].id))
            .collect();
        assert_eq!(got, [(0, 6, 1), (6, 8, 2), (9, 10, 4)]);
    }

    #[test]
    fn a_claim_across_a_paragraph_break_is_two_pieces_with_one_tooltip() {
        let html = render(&article(
            "first para\n\nsecond para",
            vec![claim(7, 6, 18, Some((3, "Jane Roe", SourceKind::Person)))],
        ));
        assert_eq!(
            html.matches("data-claim=\"7\" data-source=\"3\"").count(),
            2
        );
        assert_eq!(html.matches("id=\"claim-7\"").count(), 1);
        assert_eq!(html.matches("role=\"tooltip\"").count(), 1);
        assert!(html.contains("<span class=\"claim-text\">para</span>"));
        assert!(html.contains("<span class=\"claim-text\">second</span>"));
    }

    #[test]
    fn offsets_count_characters_not_bytes() {
        let html = render(&article(
            "“Ça va,” said Zoë. Done",
            vec![claim(1, 1, 7, Some((1, "Zoë", SourceKind::Person)))],
        ));
        assert!(html.contains("<span class=\"claim-text\">Ça va,</span>"));
    }

    #[test]
    fn anonymous_and_unsourced_claims_are_flagged_in_the_panel() {
        let html = render(&article(
            "aaa bbb ccc",
            vec![
                claim(1, 0, 3, Some((5, "officials", SourceKind::Anonymous))),
                claim(2, 4, 7, None),
                claim(3, 8, 11, Some((6, "Jane Roe", SourceKind::Person))),
            ],
        ));
        assert!(html.contains("<section class=\"flagged anonymous\" data-count=\"1\">"));
        assert!(html.contains("<section class=\"flagged unsourced\" data-count=\"1\">"));
        assert!(html.contains("class=\"claim src-0 anonymous\""));
        assert!(html.contains("class=\"claim unsourced\""));
    }
}
