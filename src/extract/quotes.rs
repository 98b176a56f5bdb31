//! Tracks quotations across sentences and paragraphs, so a sentence deep
//! inside a quotation is still known to be quoted and to whom the
//! quotation belongs. News convention: a paragraph that ends inside a
//! quotation and a next paragraph that opens with a quote mark continue
//! the same quotation.

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
        let mut open: Option<u32> = None;
        let carried = self.carried.take();
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
