//! Scoring extracted claims against hand-made gold files, with the same
//! matching and the same figures as `shared/score-claims`, so people who
//! adapt the lexicons can measure them with the tool alone (`claims eval`).
//!
//! A gold claim is found when its anchor lies inside a predicted claim's
//! text; gold and predictions are paired by maximum bipartite matching,
//! trying for each gold claim the predictions with the right source first,
//! then the shortest. A found claim is strict when its source and chain are
//! both right.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// One `NAME.gold.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldFile {
    pub article: String,
    pub claims: Vec<GoldClaim>,
    #[serde(default)]
    pub sources: Vec<GoldSource>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldClaim {
    pub anchor: String,
    pub source: Option<Vec<String>>,
    #[serde(default)]
    pub via: Option<Vec<Vec<String>>>,
    #[serde(default)]
    pub kind: Option<serde_json::Value>,
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub quantities: Option<Vec<f64>>,
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldSource {
    pub names: Vec<String>,
}

/// A party as predicted: a key that tells distinct parties apart, and the
/// names it goes by.
#[derive(Debug, Clone)]
pub struct PredSource {
    pub key: String,
    pub names: Vec<String>,
}

/// One predicted claim, reduced to what is scored.
#[derive(Debug, Clone)]
pub struct Prediction {
    /// The file name of the article it came from.
    pub article: String,
    pub text: String,
    pub source: Option<PredSource>,
    pub via: Vec<PredSource>,
    pub kind: String,
    pub mode: String,
    pub quantities: Vec<f64>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ArticleScore {
    pub gold: usize,
    pub pred: usize,
    pub tp: usize,
    pub strict: usize,
}

/// What went wrong with one claim, for `--verbose`.
#[derive(Debug, Clone, Serialize)]
pub enum Finding {
    Miss {
        article: String,
        anchor: String,
    },
    Extra {
        article: String,
        text: String,
    },
    Attribution {
        article: String,
        anchor: String,
        gold_source: Option<Vec<String>>,
        gold_via: Vec<Vec<String>>,
        got_source: Option<String>,
        got_via: Vec<String>,
    },
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub articles: usize,
    pub gold_claims: usize,
    pub predicted_claims: usize,
    pub claim_precision: f64,
    pub claim_recall: f64,
    pub claim_f1: f64,
    pub source_accuracy: f64,
    pub via_accuracy: f64,
    pub kind_accuracy: f64,
    pub mode_accuracy: f64,
    pub quantity_precision: f64,
    pub quantity_recall: f64,
    pub source_entity_precision: f64,
    pub source_entity_recall: f64,
    pub source_entity_f1: f64,
    pub strict_precision: f64,
    pub strict_recall: f64,
    pub strict_f1: f64,
    pub per_article: BTreeMap<String, ArticleScore>,
    pub unscored_articles: Vec<String>,
    #[serde(skip)]
    pub findings: Vec<Finding>,
}

#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    #[error("{path}: {reason}")]
    Bad { path: String, reason: String },
    #[error("{0}: no gold files (NAME.gold.json) found")]
    Empty(String),
}

/// Reads every `*.gold.json` in a directory (or one gold file).
pub fn load_gold(path: &Path) -> Result<BTreeMap<String, GoldFile>, GoldError> {
    let bad = |p: &Path, reason: String| GoldError::Bad {
        path: p.display().to_string(),
        reason,
    };
    let files: Vec<std::path::PathBuf> = if path.is_dir() {
        let mut v: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| bad(path, e.to_string()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
            .collect();
        v.sort();
        v
    } else {
        vec![path.to_path_buf()]
    };
    let mut gold = BTreeMap::new();
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| bad(&f, e.to_string()))?;
        let g: GoldFile = serde_json::from_str(&text).map_err(|e| bad(&f, e.to_string()))?;
        gold.insert(g.article.clone(), g);
    }
    if gold.is_empty() {
        return Err(GoldError::Empty(path.display().to_string()));
    }
    Ok(gold)
}

fn fold_quote(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' => '"',
        '\u{a0}' => ' ',
        c => c,
    }
}

/// NFKC, quotes folded, whitespace collapsed, lower case.
pub fn norm_text(s: &str) -> String {
    let folded: String = s.nfkc().map(fold_quote).collect();
    folded
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

pub fn norm_name(s: &str) -> String {
    let t = norm_text(s);
    let t = t.trim_matches([' ', '.', ',', ';', ':']);
    for article in ["the ", "a ", "an "] {
        if let Some(rest) = t.strip_prefix(article) {
            return rest.to_string();
        }
    }
    t.to_string()
}

fn pred_names(source: &PredSource) -> HashSet<String> {
    source
        .names
        .iter()
        .filter(|n| !n.is_empty())
        .map(|n| norm_name(n))
        .collect()
}

fn gold_names(names: &[String]) -> HashSet<String> {
    names.iter().map(|n| norm_name(n)).collect()
}

fn overlaps(pred: &PredSource, gold: &[String]) -> bool {
    let g = gold_names(gold);
    pred_names(pred).iter().any(|n| g.contains(n))
}

fn source_ok(gold: &Option<Vec<String>>, pred: &Option<PredSource>) -> bool {
    match (gold, pred) {
        (None, p) => p.is_none(),
        (Some(_), None) => false,
        (Some(g), Some(p)) => overlaps(p, g),
    }
}

fn via_ok(gold: &[Vec<String>], pred: &[PredSource]) -> bool {
    gold.len() == pred.len() && gold.iter().zip(pred).all(|(g, p)| overlaps(p, g))
}

fn kind_ok(gold: &Option<serde_json::Value>, pred: &str) -> bool {
    match gold {
        Some(serde_json::Value::String(k)) => k == pred,
        Some(serde_json::Value::Array(ks)) => ks.iter().any(|k| k == pred),
        _ => false,
    }
}

fn quantity_counts(gold: &[f64], pred: &[f64]) -> (usize, usize, usize) {
    let mut remaining = pred.to_vec();
    let mut hit = 0;
    for g in gold {
        if let Some(i) = remaining
            .iter()
            .position(|p| (p - g).abs() <= 1e-6 * g.abs().max(1.0))
        {
            hit += 1;
            remaining.remove(i);
        }
    }
    (hit, gold.len(), pred.len())
}

/// Maximum bipartite matching gold → prediction by anchor containment.
fn match_claims(gold: &[GoldClaim], preds: &[&Prediction]) -> HashMap<usize, usize> {
    let texts: Vec<String> = preds.iter().map(|p| norm_text(&p.text)).collect();
    let lens: Vec<usize> = texts.iter().map(|t| t.chars().count()).collect();
    let candidates: Vec<Vec<usize>> = gold
        .iter()
        .map(|g| {
            let anchor = norm_text(&g.anchor);
            let mut c: Vec<usize> = (0..preds.len())
                .filter(|&i| !anchor.is_empty() && texts[i].contains(&anchor))
                .collect();
            c.sort_by_key(|&i| (!source_ok(&g.source, &preds[i].source), lens[i]));
            c
        })
        .collect();
    let mut owner: HashMap<usize, usize> = HashMap::new();
    fn augment(
        gi: usize,
        candidates: &[Vec<usize>],
        owner: &mut HashMap<usize, usize>,
        seen: &mut HashSet<usize>,
    ) -> bool {
        for &pi in &candidates[gi] {
            if !seen.insert(pi) {
                continue;
            }
            let free = match owner.get(&pi) {
                None => true,
                Some(&other) => augment(other, candidates, owner, seen),
            };
            if free {
                owner.insert(pi, gi);
                return true;
            }
        }
        false
    }
    let mut order: Vec<usize> = (0..gold.len()).collect();
    order.sort_by_key(|&gi| gold[gi].optional);
    for gi in order {
        augment(gi, &candidates, &mut owner, &mut HashSet::new());
    }
    owner.into_iter().map(|(pi, gi)| (gi, pi)).collect()
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Scores predictions (in export order) against gold files.
pub fn score(gold: &BTreeMap<String, GoldFile>, predictions: &[Prediction]) -> Report {
    let mut by_article: HashMap<&str, Vec<&Prediction>> = HashMap::new();
    for p in predictions {
        by_article.entry(p.article.as_str()).or_default().push(p);
    }
    let mut report = Report {
        articles: gold.len(),
        ..Report::default()
    };
    let (mut src, mut via, mut kind, mut mode) = (0, 0, 0, 0);
    let (mut q_hit, mut q_gold, mut q_pred) = (0, 0, 0);
    let (mut e_tp, mut e_gold, mut e_pred) = (0, 0, 0);
    let (mut t_gold, mut t_pred, mut t_tp, mut t_strict) = (0, 0, 0, 0);
    for (name, g) in gold {
        let ps: Vec<&Prediction> = by_article.get(name.as_str()).cloned().unwrap_or_default();
        let m = match_claims(&g.claims, &ps);
        let optional_matched = m.keys().filter(|&&gi| g.claims[gi].optional).count();
        let mut a = ArticleScore {
            gold: g.claims.iter().filter(|c| !c.optional).count(),
            pred: ps.len() - optional_matched,
            ..ArticleScore::default()
        };
        for (gi, c) in g.claims.iter().enumerate() {
            if c.optional {
                continue;
            }
            let Some(&pi) = m.get(&gi) else {
                report.findings.push(Finding::Miss {
                    article: name.clone(),
                    anchor: c.anchor.clone(),
                });
                continue;
            };
            let p = ps[pi];
            a.tp += 1;
            let gold_via = c.via.clone().unwrap_or_default();
            let s_ok = source_ok(&c.source, &p.source);
            let v_ok = via_ok(&gold_via, &p.via);
            src += s_ok as usize;
            via += v_ok as usize;
            kind += kind_ok(&c.kind, &p.kind) as usize;
            mode += (c.mode.as_deref() == Some(p.mode.as_str())) as usize;
            if s_ok && v_ok {
                a.strict += 1;
            }
            let (h, ng, np) =
                quantity_counts(c.quantities.as_deref().unwrap_or(&[]), &p.quantities);
            q_hit += h;
            q_gold += ng;
            q_pred += np;
            if !(s_ok && v_ok) {
                report.findings.push(Finding::Attribution {
                    article: name.clone(),
                    anchor: c.anchor.clone(),
                    gold_source: c.source.clone(),
                    gold_via,
                    got_source: p.source.as_ref().and_then(|s| s.names.first().cloned()),
                    got_via: p
                        .via
                        .iter()
                        .filter_map(|s| s.names.first().cloned())
                        .collect(),
                });
            }
        }
        let matched: HashSet<usize> = m.values().copied().collect();
        for (i, p) in ps.iter().enumerate() {
            if !matched.contains(&i) {
                report.findings.push(Finding::Extra {
                    article: name.clone(),
                    text: p.text.clone(),
                });
            }
        }
        // Distinct parties the predictions name, in order of appearance.
        let mut seen: Vec<&PredSource> = Vec::new();
        for p in &ps {
            for s in p.source.iter().chain(&p.via) {
                if !seen.iter().any(|x| x.key == s.key) {
                    seen.push(s);
                }
            }
        }
        let mut used = HashSet::new();
        for s in &seen {
            if let Some(gi) = g
                .sources
                .iter()
                .enumerate()
                .position(|(gi, gs)| !used.contains(&gi) && overlaps(s, &gs.names))
            {
                used.insert(gi);
                e_tp += 1;
            }
        }
        e_gold += g.sources.len();
        e_pred += seen.len();
        t_gold += a.gold;
        t_pred += a.pred;
        t_tp += a.tp;
        t_strict += a.strict;
        report.per_article.insert(name.clone(), a);
    }
    let mut unknown: Vec<String> = by_article
        .keys()
        .filter(|k| !gold.contains_key(**k))
        .map(|k| k.to_string())
        .collect();
    unknown.sort();
    report.unscored_articles = unknown;
    report.gold_claims = t_gold;
    report.predicted_claims = t_pred;
    report.claim_precision = ratio(t_tp, t_pred);
    report.claim_recall = ratio(t_tp, t_gold);
    report.claim_f1 = f1(report.claim_precision, report.claim_recall);
    report.source_accuracy = ratio(src, t_tp);
    report.via_accuracy = ratio(via, t_tp);
    report.kind_accuracy = ratio(kind, t_tp);
    report.mode_accuracy = ratio(mode, t_tp);
    report.quantity_precision = ratio(q_hit, q_pred);
    report.quantity_recall = ratio(q_hit, q_gold);
    report.source_entity_precision = ratio(e_tp, e_pred);
    report.source_entity_recall = ratio(e_tp, e_gold);
    report.source_entity_f1 = f1(report.source_entity_precision, report.source_entity_recall);
    report.strict_precision = ratio(t_strict, t_pred);
    report.strict_recall = ratio(t_strict, t_gold);
    report.strict_f1 = f1(report.strict_precision, report.strict_recall);
    report
}

impl Report {
    /// The report as `score-claims` prints it.
    pub fn render(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        for (name, a) in &self.per_article {
            let _ = writeln!(
                out,
                "{name:40} gold {:3}  pred {:3}  found {:3}  strict {:3}",
                a.gold, a.pred, a.tp, a.strict
            );
        }
        out.push('\n');
        let metrics = [
            ("claim_precision", self.claim_precision),
            ("claim_recall", self.claim_recall),
            ("claim_f1", self.claim_f1),
            ("source_accuracy", self.source_accuracy),
            ("via_accuracy", self.via_accuracy),
            ("kind_accuracy", self.kind_accuracy),
            ("mode_accuracy", self.mode_accuracy),
            ("quantity_precision", self.quantity_precision),
            ("quantity_recall", self.quantity_recall),
            ("source_entity_precision", self.source_entity_precision),
            ("source_entity_recall", self.source_entity_recall),
            ("source_entity_f1", self.source_entity_f1),
            ("strict_precision", self.strict_precision),
            ("strict_recall", self.strict_recall),
        ];
        for (k, v) in metrics {
            let _ = writeln!(out, "{k:24} {v:.3}");
        }
        if !self.unscored_articles.is_empty() {
            let _ = writeln!(out, "no gold for: {}", self.unscored_articles.join(", "));
        }
        let _ = writeln!(
            out,
            "strict F1 {:.3} over {} articles, {} gold claims",
            self.strict_f1, self.articles, self.gold_claims
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold_claim(anchor: &str, source: Option<&[&str]>, optional: bool) -> GoldClaim {
        GoldClaim {
            anchor: anchor.into(),
            source: source.map(|s| s.iter().map(|n| n.to_string()).collect()),
            via: Some(vec![]),
            kind: Some(serde_json::json!("assertion")),
            mode: Some("indirect".into()),
            quantities: Some(vec![12.0]),
            optional,
        }
    }

    fn pred(text: &str, source: Option<&str>) -> Prediction {
        Prediction {
            article: "a.txt".into(),
            text: text.into(),
            source: source.map(|s| PredSource {
                key: s.into(),
                names: vec![s.into()],
            }),
            via: vec![],
            kind: "assertion".into(),
            mode: "indirect".into(),
            quantities: vec![12.0, 3.0],
        }
    }

    #[test]
    fn matching_prefers_the_right_source_and_counts_strictly() {
        let mut gold = BTreeMap::new();
        gold.insert(
            "a.txt".to_string(),
            GoldFile {
                article: "a.txt".into(),
                claims: vec![
                    gold_claim("twelve boats", Some(&["The Harbour Board"]), false),
                    gold_claim("a maybe", None, true),
                ],
                sources: vec![GoldSource {
                    names: vec!["Harbour Board".into()],
                }],
            },
        );
        let preds = vec![
            pred("Twelve  boats sank", Some("Someone Else")),
            pred("twelve boats sank, it said", Some("harbour board.")),
            pred("a maybe claim", None),
        ];
        let r = score(&gold, &preds);
        let a = &r.per_article["a.txt"];
        assert_eq!((a.gold, a.pred, a.tp, a.strict), (1, 2, 1, 1));
        assert!((r.strict_precision - 0.5).abs() < 1e-9);
        assert!((r.quantity_precision - 0.5).abs() < 1e-9);
        assert!((r.quantity_recall - 1.0).abs() < 1e-9);
        assert!((r.source_entity_recall - 1.0).abs() < 1e-9);
        assert!((r.source_entity_precision - 0.5).abs() < 1e-9);
    }

    #[test]
    fn names_compare_loosely() {
        assert_eq!(norm_name("The  Korea\u{2019}s Union."), "korea's union");
        assert_eq!(norm_text("ﬁne\u{a0}“print”"), "fine \"print\"");
    }
}
