//! Splits a paragraph of the body into words, numbers, punctuation and
//! quotation marks. Attribution rules work on these tokens rather than on
//! raw characters, so that "U.S.", "Norway’s" or "12,000" stay whole.

use super::lexicon::{LexiconData, WordClasses};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Number,
    Punct,
    OpenQuote,
    CloseQuote,
}

/// One token; offsets are bytes into the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// Starts with an uppercase letter.
    pub cap: bool,
    /// The quotation the token lies inside (quote marks themselves carry
    /// the id of the quotation they open or close).
    pub quote: Option<u32>,
    /// The word lists the token's lowercase text is on.
    pub classes: WordClasses,
}

/// Tokens of one paragraph plus the text they index.
pub struct Tokens<'a> {
    pub body: &'a str,
    pub lower: &'a str,
    pub toks: Vec<Token>,
}

impl<'a> Tokens<'a> {
    /// The token's text; empty past the end, so look-ahead needs no
    /// bounds checks.
    pub fn text(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.body[t.start..t.end])
    }

    /// The token's text in ASCII lowercase; empty past the end.
    pub fn low(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.lower[t.start..t.end])
    }

    /// Whether the token's lowercase text is on one of the `class` word
    /// lists; false past the end, like a lookup of `low(i)`.
    pub fn has(&self, i: usize, class: WordClasses) -> bool {
        self.toks.get(i).is_some_and(|t| t.classes.contains(class))
    }

    pub fn is(&self, i: usize, word: &str) -> bool {
        i < self.toks.len() && self.low(i) == word
    }

    pub fn is_word(&self, i: usize) -> bool {
        i < self.toks.len() && matches!(self.toks[i].kind, TokKind::Word | TokKind::Number)
    }

    pub fn is_punct(&self, i: usize, p: &str) -> bool {
        i < self.toks.len() && self.toks[i].kind == TokKind::Punct && self.text(i) == p
    }

    /// Starts with an uppercase letter (or digit-free capital like "U.N.").
    pub fn is_cap(&self, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].kind == TokKind::Word && self.toks[i].cap
    }

    pub fn quoted(&self, i: usize) -> bool {
        i < self.toks.len()
            && self.toks[i].quote.is_some()
            && !matches!(self.toks[i].kind, TokKind::OpenQuote | TokKind::CloseQuote)
    }

    /// Body text from the start of token `a` to the end of token `b - 1`.
    pub fn span_text(&self, a: usize, b: usize) -> &'a str {
        if a >= b {
            return "";
        }
        &self.body[self.toks[a].start..self.toks[b - 1].end]
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Tokenizes `body[start..end]`.
pub fn tokenize<'a>(
    body: &'a str,
    lower: &'a str,
    start: usize,
    end: usize,
    lex: &LexiconData,
) -> Tokens<'a> {
    let text = &body[start..end];
    let low_text = &lower[start..end];
    let bytes = text.as_bytes();
    let mut toks = Vec::with_capacity(bytes.len() / 5);
    let mut quotes = QuoteMarks::default();
    let mut prev: Option<char> = None;
    let mut pos = 0;
    while let Some(ch) = char_at(text, pos) {
        let clen = ch.len_utf8();
        if ch.is_whitespace() {
            prev = Some(ch);
            pos += clen;
            continue;
        }
        if ch.is_alphanumeric() {
            let numeric_start = ch.is_ascii_digit();
            let mut word_end = pos + clen;
            loop {
                // The bulk of a word is ASCII letters and digits, which need no
                // decoding (for ASCII, `is_alphanumeric` is `is_ascii_alphanumeric`).
                while bytes.get(word_end).is_some_and(u8::is_ascii_alphanumeric) {
                    word_end += 1;
                }
                let Some(cj) = char_at(text, word_end) else {
                    break;
                };
                let lj = cj.len_utf8();
                if cj.is_alphanumeric() {
                    word_end += lj;
                    continue;
                }
                // The char after is decoded only for a joining mark.
                let joins = (matches!(cj, '-' | '.' | '&' | '/' | '‑') || is_apostrophe(cj))
                    && char_at(text, word_end + lj).is_some_and(|a| a.is_alphanumeric());
                // A thousands separator: exactly three digits follow.
                let thousands = cj == ','
                    && numeric_start
                    && bytes.len() >= word_end + 4
                    && bytes[word_end + 1..word_end + 4]
                        .iter()
                        .all(u8::is_ascii_digit)
                    && !bytes.get(word_end + 4).is_some_and(u8::is_ascii_digit);
                if joins || thousands {
                    word_end += lj;
                } else {
                    break;
                }
            }
            let word = &text[pos..word_end];
            match char_at(text, word_end) {
                // A plural possessive: "workers’ union".
                Some(a)
                    if is_apostrophe(a)
                        && word.ends_with('s')
                        && char_at(text, word_end + a.len_utf8())
                            .is_none_or(char::is_whitespace)
                        && !quotes.single_open =>
                {
                    word_end += a.len_utf8();
                }
                Some('.') => {
                    let single_initial = word_end - pos == clen && ch.is_uppercase();
                    if word.contains('.')
                        || single_initial
                        || lex.abbreviations.contains_key(&low_text[pos..word_end + 1])
                    {
                        word_end += 1;
                    }
                }
                _ => {}
            }
            let numeric = numeric_start
                && text[pos..word_end]
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b',' || b == b'.');
            toks.push(Token {
                start: start + pos,
                end: start + word_end,
                kind: if numeric {
                    TokKind::Number
                } else {
                    TokKind::Word
                },
                cap: ch.is_uppercase(),
                quote: None,
                classes: classes_of(lex, &low_text[pos..word_end]),
            });
            prev = text[..word_end].chars().next_back();
            pos = word_end;
            continue;
        }
        let next = char_at(text, pos + clen);
        let kind = quotes.kind_of(ch, prev, next);
        toks.push(Token {
            start: start + pos,
            end: start + pos + clen,
            kind,
            cap: false,
            quote: None,
            classes: classes_of(lex, &low_text[pos..pos + clen]),
        });
        prev = Some(ch);
        pos += clen;
    }
    Tokens { body, lower, toks }
}

/// Which quotations are open while a paragraph is tokenized. Double
/// quotations nest single ones; only the outer level counts.
#[derive(Default)]
struct QuoteMarks {
    double_open: bool,
    single_open: bool,
}

impl QuoteMarks {
    /// The kind of the mark `c`, between `prev` and `next`: a quotation
    /// mark opening or closing, or other punctuation.
    #[inline]
    fn kind_of(&mut self, c: char, prev: Option<char>, next: Option<char>) -> TokKind {
        let opening_position =
            prev.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–'));
        match c {
            '“' | '«' | '„' => {
                self.double_open = true;
                self.single_open = false;
                TokKind::OpenQuote
            }
            '”' | '»' => {
                self.double_open = false;
                TokKind::CloseQuote
            }
            '"' => {
                let opens = !self.double_open
                    && (opening_position || next.is_some_and(|n| n.is_alphanumeric()));
                self.double_open = opens;
                self.single_open = false;
                if opens {
                    TokKind::OpenQuote
                } else {
                    TokKind::CloseQuote
                }
            }
            // Single quotation marks (British style), outside double ones.
            '‘' | '\'' | '’'
                if !self.double_open
                    && !self.single_open
                    && opening_position
                    && next.is_some_and(|n| n.is_alphanumeric()) =>
            {
                self.single_open = true;
                TokKind::OpenQuote
            }
            '’' | '\''
                if self.single_open
                    && !self.double_open
                    && next.is_none_or(|n| {
                        n.is_whitespace() || (!n.is_alphanumeric() && n != '’')
                    }) =>
            {
                self.single_open = false;
                TokKind::CloseQuote
            }
            _ => TokKind::Punct,
        }
    }
}

fn classes_of(lex: &LexiconData, low: &str) -> WordClasses {
    lex.classes_of(low)
}

/// The char starting at byte `p`, decoding only when it is not ASCII.
#[inline]
fn char_at(text: &str, p: usize) -> Option<char> {
    let b = *text.as_bytes().get(p)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        text[p..].chars().next()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Lexicon;

    fn words(text: &str) -> Vec<String> {
        let lex = Lexicon::builtin();
        let lower = text.to_ascii_lowercase();
        let t = tokenize(text, &lower, 0, text.len(), &lex);
        (0..t.toks.len()).map(|i| t.text(i).to_string()).collect()
    }

    #[test]
    fn abbreviations_numbers_and_possessives_stay_whole() {
        assert_eq!(
            words("Dr. Lee of the U.S. Navy said 12,000 troops’ pay rose 5.5%."),
            [
                "Dr.",
                "Lee",
                "of",
                "the",
                "U.S.",
                "Navy",
                "said",
                "12,000",
                "troops’",
                "pay",
                "rose",
                "5.5",
                "%",
                "."
            ]
        );
    }

    #[test]
    fn straight_quotes_open_and_close_in_turn() {
        let lex = Lexicon::builtin();
        let text = "\"We won,\" he said.";
        let lower = text.to_ascii_lowercase();
        let t = tokenize(text, &lower, 0, text.len(), &lex);
        assert_eq!(t.toks[0].kind, TokKind::OpenQuote);
        assert_eq!(t.toks[4].kind, TokKind::CloseQuote);
    }

    #[test]
    fn single_quotes_quote_outside_double_quotes_only() {
        let lex = Lexicon::builtin();
        let kinds = |text: &str| -> Vec<TokKind> {
            let lower = text.to_ascii_lowercase();
            let t = tokenize(text, &lower, 0, text.len(), &lex);
            t.toks.iter().map(|t| t.kind).collect()
        };
        use TokKind::*;
        assert_eq!(
            kinds("‘We’re done,’ he said."),
            [OpenQuote, Word, Word, Punct, CloseQuote, Word, Word, Punct]
        );
        assert_eq!(
            kinds("“It was ‘fine’,” she said."),
            [
                OpenQuote, Word, Word, Punct, Word, Punct, Punct, CloseQuote, Word, Word, Punct
            ]
        );
        assert_eq!(kinds("the workers’ union"), [Word, Word, Word]);
    }

    #[test]
    fn a_list_comma_is_not_a_thousands_separator() {
        assert_eq!(words("in 2019,2020"), ["in", "2019", ",", "2020"]);
        assert_eq!(words("rose 5, 6"), ["rose", "5", ",", "6"]);
    }
}
