//! Sentence boundaries. `sentencex` proposes them; news text needs two
//! repairs it does not make: a full stop inside a quotation still ends a
//! sentence (each quoted sentence is its own claim), and abbreviations
//! such as "Pte." or "Inc." decide by what follows them.

use sentencex::languages::{English, Language};

use super::lexicon::{AbbrevClass, LexiconData};
use super::tokens::{TokKind, Tokens};

/// The sentence splitter, built once per extraction run.
pub struct Segmenter {
    english: English,
}

impl Default for Segmenter {
    fn default() -> Self {
        Segmenter::new()
    }
}

impl Segmenter {
    pub fn new() -> Segmenter {
        Segmenter {
            english: English {},
        }
    }

    /// Sentences of one paragraph as token ranges `[start, end)`.
    #[cfg(test)]
    pub fn sentences(
        &self,
        toks: &Tokens,
        para: (usize, usize),
        lex: &LexiconData,
    ) -> Vec<(usize, usize)> {
        let mut buf = SentenceBuf::default();
        self.split(toks, para, lex, &mut buf);
        buf.ranges
    }

    /// Sentences of one paragraph as token ranges `[start, end)`, in
    /// `buf.ranges` (and returned).
    pub fn split<'b>(
        &self,
        toks: &Tokens,
        para: (usize, usize),
        lex: &LexiconData,
        buf: &'b mut SentenceBuf,
    ) -> &'b [(usize, usize)] {
        let SentenceBuf { is_start, ranges } = buf;
        ranges.clear();
        let count = toks.toks.len();
        if count == 0 {
            return ranges;
        }
        // Without a full stop, question or exclamation mark before its end a
        // paragraph is one sentence: neither splitter could cut it.
        let last_word = (0..count).rev().find(|&at| toks.is_word(at)).unwrap_or(0);
        let may_split = (0..last_word).any(|at| match toks.toks[at].kind {
            TokKind::Punct => matches!(toks.text(at), "." | "!" | "?" | "…"),
            TokKind::Word => toks.text(at).ends_with('.'),
            _ => false,
        });
        if !may_split {
            ranges.push((0, count));
            return ranges;
        }
        is_start.clear();
        is_start.resize(count, false);
        is_start[0] = true;
        // Boundaries sentencex finds, unless an abbreviation vetoes them.
        let text = &toks.body[para.0..para.1];
        let mut token = 0;
        for boundary in self.english.get_sentence_boundaries(text) {
            let offset = para.0 + boundary.start_byte;
            while token < count && toks.toks[token].start < offset {
                token += 1;
            }
            if token == 0 || token >= count {
                continue;
            }
            let prev = token - 1;
            if toks.toks[prev].kind == TokKind::Word
                && toks.text(prev).ends_with('.')
                && !abbreviation_ends_sentence(toks, prev, lex)
            {
                continue;
            }
            is_start[token] = true;
        }
        // Our own boundaries: terminal punctuation (also inside quotes) or
        // an abbreviation that may end a sentence.
        for at in 0..count {
            let terminal = match toks.toks[at].kind {
                TokKind::Punct => matches!(toks.text(at), "." | "!" | "?" | "…"),
                TokKind::Word => {
                    toks.text(at).ends_with('.') && abbreviation_ends_sentence(toks, at, lex)
                }
                _ => false,
            };
            if !terminal {
                continue;
            }
            let mut next = at + 1;
            while next < count
                && (toks.toks[next].kind == TokKind::CloseQuote
                    || (toks.toks[next].kind == TokKind::Punct && toks.text(next) == ")"))
            {
                next += 1;
            }
            if next >= count {
                continue;
            }
            let starts_sentence = match toks.toks[next].kind {
                TokKind::OpenQuote => true,
                TokKind::Word => toks.is_cap(next),
                TokKind::Number => toks.toks[at].kind == TokKind::Punct,
                _ => false,
            };
            if starts_sentence {
                is_start[next] = true;
            }
        }
        // A boundary must not leave a closing quote at the start of the
        // next sentence.
        for at in 1..count {
            if is_start[at] && toks.toks[at].kind == TokKind::CloseQuote {
                is_start[at] = false;
                if at + 1 < count {
                    is_start[at + 1] = true;
                }
            }
        }
        join_signed_quotations(toks, is_start, lex);
        let mut sentence_start = 0;
        for (at, starts) in is_start.iter().enumerate().skip(1) {
            if *starts {
                ranges.push((sentence_start, at));
                sentence_start = at;
            }
        }
        ranges.push((sentence_start, count));
        ranges
    }
}

/// Takes back the boundaries between a quotation and the frame that signs
/// it: “Who pays?” Ortiz asked; “A.” – Ines Maro.
fn join_signed_quotations(toks: &Tokens, is_start: &mut [bool], lex: &LexiconData) {
    let n = toks.toks.len();
    // “Who pays?” Ortiz asked: a named speaker and a verb of saying
    // after a quoted question or exclamation belong to its sentence.
    for (i, start) in is_start.iter_mut().enumerate().skip(2) {
        if *start
            && toks.toks[i - 1].kind == TokKind::CloseQuote
            && matches!(toks.text(i - 2), "?" | "!")
            && toks.is_cap(i)
            && (i + 1..n.min(i + 5)).any(|k| {
                toks.toks[k].kind == TokKind::Word
                    && !toks.is_cap(k)
                    && lex.verbs.get(toks.low(k)).is_some_and(|v| v.speech)
            })
        {
            *start = false;
        }
    }
    // “A.” – Ines Maro: a dash and a name after a quotation sign it,
    // in the quotation's sentence.
    for (i, start) in is_start
        .iter_mut()
        .enumerate()
        .take(n.saturating_sub(1))
        .skip(1)
    {
        if toks.toks[i - 1].kind == TokKind::CloseQuote
            && matches!(toks.text(i), "-" | "–" | "—")
            && toks.is_cap(i + 1)
        {
            *start = false;
        }
    }
}

/// Buffers kept from paragraph to paragraph, so splitting one allocates
/// nothing once they have grown.
#[derive(Default)]
pub struct SentenceBuf {
    /// Whether a sentence starts at each token.
    is_start: Vec<bool>,
    /// The sentences found, as token ranges.
    ranges: Vec<(usize, usize)>,
}

/// Whether the abbreviation token `i` (ending in a dot) also ends its
/// sentence, judged by the token after it.
fn abbreviation_ends_sentence(toks: &Tokens, i: usize, lex: &LexiconData) -> bool {
    let n = toks.toks.len();
    let next = i + 1;
    if next >= n {
        return true;
    }
    let low = toks.low(i);
    let class = lex.abbreviations.get(low).copied().unwrap_or_else(|| {
        if low.chars().filter(|c| *c == '.').count() == 1 && low.chars().count() == 2 {
            // A single initial ("J.") belongs to a name.
            AbbrevClass::Title
        } else {
            AbbrevClass::Other
        }
    });
    let next_kind = toks.toks[next].kind;
    let next_low = toks.low(next);
    let next_is_function = lex.function_words.contains(next_low);
    match class {
        AbbrevClass::Title => false,
        AbbrevClass::Number => next_kind == TokKind::Word && toks.is_cap(next) && next_is_function,
        AbbrevClass::Suffix => {
            next_kind == TokKind::OpenQuote
                || (toks.is_cap(next)
                    && !lex.abbreviations.contains_key(next_low)
                    && !next_low.ends_with('.'))
        }
        AbbrevClass::Other => {
            (toks.is_cap(next) && next_is_function) || next_kind == TokKind::OpenQuote
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Lexicon;
    use crate::extract::tokens::tokenize;

    fn split(text: &str) -> Vec<String> {
        let lex = Lexicon::builtin();
        let lower = text.to_ascii_lowercase();
        let toks = tokenize(text, &lower, 0, text.len(), &lex);
        Segmenter::new()
            .sentences(&toks, (0, text.len()), &lex)
            .into_iter()
            .map(|(a, b)| toks.span_text(a, b).to_string())
            .collect()
    }

    #[test]
    fn quoted_sentences_are_split() {
        assert_eq!(
            split("“We lost. We will be back,” she said."),
            ["“We lost.", "We will be back,” she said."]
        );
    }

    #[test]
    fn titles_and_numbers_do_not_end_sentences() {
        assert_eq!(
            split("Lt. Col. Ann Roe met Dr. Lee at No. 4 Dock St. on Jan. 5. They spoke."),
            [
                "Lt. Col. Ann Roe met Dr. Lee at No. 4 Dock St. on Jan. 5.",
                "They spoke."
            ]
        );
    }

    #[test]
    fn company_suffixes_end_sentences_before_capitals() {
        assert_eq!(
            split("Funds came from Acme Pte. Ltd. and Birch Inc. Results follow soon."),
            [
                "Funds came from Acme Pte. Ltd. and Birch Inc.",
                "Results follow soon."
            ]
        );
    }

    #[test]
    fn dotted_acronyms_end_sentences_only_before_function_words() {
        assert_eq!(
            split("The U.S. Senate voted in the U.S. The bill passed 3.5 to 1."),
            [
                "The U.S. Senate voted in the U.S.",
                "The bill passed 3.5 to 1."
            ]
        );
    }
}
