//! Splits a paragraph of the body into words, numbers, punctuation and
//! quotation marks. Attribution rules work on these tokens rather than on
//! raw characters, so that "U.S.", "Korea’s" or "12,000" stay whole.

use super::lexicon::LexiconData;

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
}

/// Tokens of one paragraph plus the text they index.
pub struct Tokens<'a> {
    pub body: &'a str,
    pub lower: &'a str,
    pub toks: Vec<Token>,
}

impl<'a> Tokens<'a> {
    pub fn text(&self, i: usize) -> &'a str {
        let t = &self.toks[i];
        &self.body[t.start..t.end]
    }

    pub fn low(&self, i: usize) -> &'a str {
        let t = &self.toks[i];
        &self.lower[t.start..t.end]
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
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut toks = Vec::with_capacity(chars.len() / 4);
    // Double quotations nest single ones; only the outer level counts.
    let mut double_open = false;
    let mut single_open = false;
    let mut i = 0;
    while i < chars.len() {
        let (b, c) = chars[i];
        let next = chars.get(i + 1).map(|x| x.1);
        let prev = if i > 0 { Some(chars[i - 1].1) } else { None };
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + 1;
            let numeric_start = c.is_ascii_digit();
            while j < chars.len() {
                let cj = chars[j].1;
                let after = chars.get(j + 1).map(|x| x.1);
                let after_alnum = after.is_some_and(|a| a.is_alphanumeric());
                let joins =
                    (matches!(cj, '-' | '.' | '&' | '/' | '‑') || is_apostrophe(cj)) && after_alnum;
                // A thousands separator: exactly three digits follow.
                let thousands = cj == ','
                    && numeric_start
                    && chars[j + 1..].iter().take(3).all(|x| x.1.is_ascii_digit())
                    && chars.len() >= j + 4
                    && !chars.get(j + 4).is_some_and(|x| x.1.is_ascii_digit());
                if cj.is_alphanumeric() || joins || thousands {
                    j += 1;
                } else {
                    break;
                }
            }
            let word = &text[b..chars.get(j).map_or(text.len(), |x| x.0)];
            // A plural possessive: "workers’ union".
            if j < chars.len()
                && is_apostrophe(chars[j].1)
                && word.ends_with('s')
                && chars.get(j + 1).is_none_or(|x| x.1.is_whitespace())
                && !single_open
            {
                j += 1;
            } else if j < chars.len() && chars[j].1 == '.' {
                let with_dot = format!("{}.", word.to_lowercase());
                let single_initial =
                    word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase());
                if word.contains('.') || single_initial || lex.abbreviations.contains_key(&with_dot)
                {
                    j += 1;
                }
            }
            let e = chars.get(j).map_or(text.len(), |x| x.0);
            let tok_text = &text[b..e];
            let kind = if numeric_start
                && tok_text
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
            {
                TokKind::Number
            } else {
                TokKind::Word
            };
            toks.push(Token {
                start: start + b,
                end: start + e,
                kind,
                cap: c.is_uppercase(),
                quote: None,
            });
            i = j;
            continue;
        }
        let opening_position =
            prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–'));
        let kind = match c {
            '“' | '«' | '„' => {
                double_open = true;
                single_open = false;
                TokKind::OpenQuote
            }
            '”' | '»' => {
                double_open = false;
                TokKind::CloseQuote
            }
            '"' => {
                let opens =
                    !double_open && (opening_position || next.is_some_and(|n| n.is_alphanumeric()));
                double_open = opens;
                single_open = false;
                if opens {
                    TokKind::OpenQuote
                } else {
                    TokKind::CloseQuote
                }
            }
            // Single quotation marks (British style), outside double ones.
            '‘' | '\'' | '’'
                if !double_open
                    && !single_open
                    && opening_position
                    && next.is_some_and(|n| n.is_alphanumeric()) =>
            {
                single_open = true;
                TokKind::OpenQuote
            }
            '’' | '\''
                if single_open
                    && !double_open
                    && next.is_none_or(|n| {
                        n.is_whitespace() || (!n.is_alphanumeric() && n != '’')
                    }) =>
            {
                single_open = false;
                TokKind::CloseQuote
            }
            _ => TokKind::Punct,
        };
        toks.push(Token {
            start: start + b,
            end: start + b + c.len_utf8(),
            kind,
            cap: false,
            quote: None,
        });
        i += 1;
    }
    Tokens { body, lower, toks }
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
