//! How names are compared: the same party written "Nordwire News Agency",
//! "the Nordwire News Agency", with a curly apostrophe, or with "ë" typed
//! as one character or as "e" and a diaeresis, is one party.

use unicode_normalization::UnicodeNormalization;

/// Composed (NFC), lower-cased, quote-folded, whitespace-collapsed, without
/// a leading article or trailing punctuation.
pub fn normalize(name: &str) -> String {
    // ASCII is its own NFC; most names are ASCII, and the writer normalises
    // every name of every article.
    if name.is_ascii() {
        fold(name.chars(), name.len())
    } else {
        fold(name.nfc(), name.len())
    }
}

fn fold(name: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut pending_space = false;
    for c in name {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' => '"',
            c => c,
        };
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(c.to_lowercase());
    }
    let trimmed = out.trim_end_matches(['.', ',', ';', ':', ' ']);
    let mut s = trimmed;
    for article in ["the ", "a ", "an "] {
        if let Some(rest) = s.strip_prefix(article) {
            s = rest;
            break;
        }
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn folds_case_quotes_articles_and_spacing() {
        assert_eq!(
            normalize("The  Korea\u{2019}s   Union."),
            normalize("korea's union")
        );
        assert_eq!(
            normalize("a Russian military commander"),
            "russian military commander"
        );
        assert_ne!(normalize("Theodore Roe"), "odore roe");
    }

    #[test]
    fn composed_and_decomposed_letters_are_one_name() {
        assert_eq!(normalize("Zo\u{eb}"), normalize("Zoe\u{308}"));
        assert_eq!(
            normalize("N\u{fa}\u{f1}ez"),
            normalize("NU\u{301}N\u{303}EZ")
        );
    }
}
