//! Claim kinds: which of the model's six kinds a claim is, taking the
//! first that fits in the model's order (non-confirmation, denial,
//! condemnation, intention, assessment, assertion).

use super::lexicon::{LexiconData, WordClasses};
use super::model::ClaimKind;

/// What is known about a claim when its kind is decided.
pub struct KindInput<'a> {
    /// The words of the claim's content, lowercase.
    pub words: &'a [&'a str],
    /// For each word that is its token's lowercase text, the word lists
    /// the token is on (looked up once when it was tokenized); `None` for
    /// a word as written, or when not known. Words past the end count as
    /// not known.
    pub classes: &'a [Option<WordClasses>],
    /// The kind the reporting verb signals ("denied", "warned").
    pub verb_kind: Option<ClaimKind>,
    /// The source's head noun, lowercase ("critics").
    pub source_head: Option<&'a str>,
    /// The claim carries its own source (not the article's voice).
    pub attributed: bool,
}

pub fn classify(input: &KindInput, lex: &LexiconData) -> ClaimKind {
    let found = lex.kind_cues.kinds_in(input.words, input.classes);
    let has = |k: ClaimKind| {
        input.verb_kind == Some(k)
            || ClaimKind::ALL
                .iter()
                .position(|x| *x == k)
                .is_some_and(|i| found[i])
    };
    let critic = input
        .source_head
        .is_some_and(|h| lex.critical_sources.contains(h));
    if has(ClaimKind::NonConfirmation) {
        ClaimKind::NonConfirmation
    } else if has(ClaimKind::Denial) {
        ClaimKind::Denial
    } else if has(ClaimKind::Condemnation) || critic {
        ClaimKind::Condemnation
    } else if input.verb_kind == Some(ClaimKind::Intention)
        || (input.attributed && has(ClaimKind::Intention))
    {
        ClaimKind::Intention
    } else if has(ClaimKind::Assessment) {
        ClaimKind::Assessment
    } else {
        match future(input.words, input.classes, lex) {
            Some(true) if input.attributed => ClaimKind::Intention,
            Some(_) => ClaimKind::Assessment,
            None => ClaimKind::Assertion,
        }
    }
}

/// Whether the words speak of the future: `Some(true)` for an action
/// ("will sign"), `Some(false)` for a predicted consequence ("would hurt").
fn future(words: &[&str], classes: &[Option<WordClasses>], lex: &LexiconData) -> Option<bool> {
    let mut found = None;
    for (i, w) in words.iter().enumerate() {
        let marker = match classes.get(i) {
            Some(Some(c)) => c.contains(WordClasses::FUTURE_MARKERS),
            _ => lex.future_markers.contains(w),
        };
        if !marker {
            continue;
        }
        let verb = words[i + 1..]
            .iter()
            .find(|v| !lex.modal_adverbs.contains(v));
        let action = verb.is_some_and(|v| !lex.consequence_verbs.contains(v));
        if action {
            return Some(true);
        }
        found = Some(false);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Lexicon;

    fn kind(content: &str, verb: Option<ClaimKind>, head: Option<&str>) -> ClaimKind {
        let lex = Lexicon::builtin();
        let lower = content.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        classify(
            &KindInput {
                words: &words,
                classes: &[],
                verb_kind: verb,
                source_head: head,
                attributed: true,
            },
            &lex,
        )
    }

    #[test]
    fn kinds_follow_the_model_order() {
        assert_eq!(
            kind("the mayor declined to comment", None, None),
            ClaimKind::NonConfirmation
        );
        assert_eq!(kind("the report was false", None, None), ClaimKind::Denial);
        assert_eq!(
            kind("the raid was illegal", None, None),
            ClaimKind::Condemnation
        );
        assert_eq!(
            kind("the plant will close in June", None, None),
            ClaimKind::Intention
        );
        assert_eq!(kind("prices may rise", None, None), ClaimKind::Assessment);
        assert_eq!(
            kind("the bridge opened in 1990", None, None),
            ClaimKind::Assertion
        );
    }

    #[test]
    fn the_verb_and_the_source_count_too() {
        assert_eq!(
            kind("the talks took place", Some(ClaimKind::Denial), None),
            ClaimKind::Denial
        );
        assert_eq!(
            kind("the plan favours developers", None, Some("critics")),
            ClaimKind::Condemnation
        );
        // Non-confirmation outranks a denial verb.
        assert_eq!(
            kind(
                "it had not confirmed the figure",
                Some(ClaimKind::Denial),
                None
            ),
            ClaimKind::NonConfirmation
        );
    }

    #[test]
    fn the_future_is_an_intention_only_for_actions() {
        assert_eq!(
            kind("the union would continue the strike", None, None),
            ClaimKind::Intention
        );
        assert_eq!(
            kind("higher rates would hurt exporters", None, None),
            ClaimKind::Assessment
        );
        assert_eq!(
            kind("i expect we will see lawsuits", None, None),
            ClaimKind::Assessment
        );
        assert_eq!(
            kind("the firm is preparing a bid", None, None),
            ClaimKind::Intention
        );
    }
}
