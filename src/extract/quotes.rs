//! Tracks quotations across sentences and paragraphs, so a sentence deep
//! inside a quotation is still known to be quoted and to whom the
//! quotation belongs. News convention: a paragraph that ends inside a
//! quotation and a next paragraph that opens with a quote mark continue
//! the same quotation; so does a next paragraph that only closes it.

use super::tokens::{TokKind, Tokens};

/// Numbers quotations through one article.
#[derive(Debug, Default)]
pub struct QuoteTracker {
    next_id: u32,
    /// The quotation left open at the end of the previous paragraph.
    carried: Option<u32>,
}

impl QuoteTracker {
    pub fn new() -> QuoteTracker {
        QuoteTracker::default()
    }

    /// Marks every token of a paragraph with the quotation it lies in.
    pub fn mark(&mut self, toks: &mut Tokens) {
        let carried = self.carried.take();
        // A paragraph whose first quote mark closes a quotation, after a
        // paragraph that left one open, lies inside it from its start even
        // where the writer did not open it again.
        let first_mark = toks
            .toks
            .iter()
            .find(|t| matches!(t.kind, TokKind::OpenQuote | TokKind::CloseQuote));
        let mut open: Option<u32> =
            carried.filter(|_| first_mark.is_some_and(|t| t.kind == TokKind::CloseQuote));
        for (i, tok) in toks.toks.iter_mut().enumerate() {
            match tok.kind {
                TokKind::OpenQuote => {
                    let id = match (i, carried) {
                        (0, Some(id)) => id,
                        _ => {
                            self.next_id += 1;
                            self.next_id
                        }
                    };
                    open = Some(id);
                    tok.quote = Some(id);
                }
                TokKind::CloseQuote => {
                    tok.quote = open;
                    open = None;
                }
                _ => tok.quote = open,
            }
        }
        self.carried = open;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Lexicon;
    use crate::extract::tokens::tokenize;

    #[test]
    fn an_unclosed_quote_continues_into_a_paragraph_that_reopens_it() {
        let lex = Lexicon::builtin();
        let p1 = "“We will rebuild.";
        let p2 = "“It will take years,” she said.";
        let mut tracker = QuoteTracker::new();
        let l1 = p1.to_ascii_lowercase();
        let mut t1 = tokenize(p1, &l1, 0, p1.len(), &lex);
        tracker.mark(&mut t1);
        let l2 = p2.to_ascii_lowercase();
        let mut t2 = tokenize(p2, &l2, 0, p2.len(), &lex);
        tracker.mark(&mut t2);
        assert_eq!(t1.toks[1].quote, t2.toks[1].quote);
        // "she" lies outside the quotation.
        let she = (0..t2.toks.len()).find(|&i| t2.text(i) == "she").unwrap();
        assert_eq!(t2.toks[she].quote, None);
    }

    #[test]
    fn a_paragraph_that_only_closes_the_quotation_lies_inside_it() {
        let lex = Lexicon::builtin();
        let mut tracker = QuoteTracker::new();
        let p1 = "She said, \"We will rebuild.";
        let l1 = p1.to_ascii_lowercase();
        let mut t1 = tokenize(p1, &l1, 0, p1.len(), &lex);
        tracker.mark(&mut t1);
        let p2 = "It will take years.\" Work starts soon.";
        let l2 = p2.to_ascii_lowercase();
        let mut t2 = tokenize(p2, &l2, 0, p2.len(), &lex);
        tracker.mark(&mut t2);
        let we = (0..t1.toks.len()).find(|&i| t1.text(i) == "We").unwrap();
        assert!(t1.toks[we].quote.is_some());
        assert_eq!(t2.toks[0].quote, t1.toks[we].quote);
        let work = (0..t2.toks.len()).find(|&i| t2.text(i) == "Work").unwrap();
        assert_eq!(t2.toks[work].quote, None);
    }

    #[test]
    fn a_closed_quote_does_not_leak_into_the_next_paragraph() {
        let lex = Lexicon::builtin();
        let mut tracker = QuoteTracker::new();
        let p1 = "“Done,” he said.";
        let l1 = p1.to_ascii_lowercase();
        let mut t1 = tokenize(p1, &l1, 0, p1.len(), &lex);
        tracker.mark(&mut t1);
        let p2 = "“Again,” she said.";
        let l2 = p2.to_ascii_lowercase();
        let mut t2 = tokenize(p2, &l2, 0, p2.len(), &lex);
        tracker.mark(&mut t2);
        assert_ne!(t1.toks[1].quote, t2.toks[1].quote);
    }
}
