//! Finding and reading the articles to import: files, directories walked in
//! a stable order, standard input; bytes decoded to text with the encoding
//! recorded, and anything that is not text refused with the reason.

use std::collections::HashSet;
use std::io::Read;

use std::path::{Path, PathBuf};

/// File endings imported from a directory.
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm"];

/// One thing to import, as the user named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// The path as given at import, which the ledger records.
    pub fn label(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File(p) => p.display().to_string(),
        }
    }

    /// How to read the input's text: as `given` (`--format`), else by its
    /// file ending, else (standard input, a file named without one of ours)
    /// by looking at it.
    pub fn format(&self, text: &str, given: Option<TextFormat>) -> TextFormat {
        if let Some(format) = given {
            return format;
        }
        let ending = match self {
            Input::Stdin => None,
            Input::File(p) => p.extension().and_then(|e| e.to_str()),
        };
        match ending.map(str::to_ascii_lowercase).as_deref() {
            Some("html" | "htm") => TextFormat::Html,
            Some("txt") => TextFormat::Text,
            Some("md" | "markdown") => TextFormat::Markdown,
            _ if looks_like_html(text) => TextFormat::Html,
            _ => TextFormat::Text,
        }
    }
}

/// How an article's text is read (`claims import --format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TextFormat {
    /// A web page: its main content and its metadata
    Html,
    /// Plain text
    Text,
    /// Markdown: its text without the markup, the first heading as the
    /// title (as `.md` files are read)
    Markdown,
}

/// Markup rather than prose: the text opens with `<!DOCTYPE html` or
/// `<html`, which only a page does, or with another tag (`<meta ...>`, a
/// comment) and closes at least one further on. An article in plain text
/// almost never opens with `<`, and prose that quotes a tag has no closing
/// one before it.
pub fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    // A page's own opening needs nothing more: its first closing tag can
    // come late (a large inline script in the head).
    if ["<!doctype html", "<html"].iter().any(|opening| {
        start
            .get(..opening.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(opening))
            && start[opening.len()..]
                .chars()
                .next()
                .is_none_or(|c| c.is_ascii_whitespace() || c == '>' || c == '/')
    }) {
        return true;
    }
    let mut chars = start.chars();
    if chars.next() != Some('<')
        || !chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '!' || c == '?')
    {
        return false;
    }
    // The first closing tag comes early in any page.
    let mut end = start.len().min(64 * 1024);
    while !start.is_char_boundary(end) {
        end -= 1;
    }
    let head = &start[..end];
    head.contains("</") || head.contains("/>")
}

/// The inputs the command-line paths name, directories recursively in name
/// order, found as they are needed: an archive of a million files is never
/// listed in memory at once (only one directory's names at a time). A path
/// that does not exist or a directory that cannot be read comes out as an
/// error with its label, not fatal. Symbolic links are followed, and each
/// directory is walked once, by its real path: a link back up the tree (a
/// loop) or a second link to the same folder adds nothing.
pub struct Walk {
    args: std::vec::IntoIter<String>,
    /// The sorted entries of each directory being walked, innermost last.
    dirs: Vec<std::vec::IntoIter<PathBuf>>,
    /// The real paths of the directories entered so far.
    entered: HashSet<PathBuf>,
}

pub type Found = Result<Input, (String, String)>;

impl Walk {
    pub fn new(paths: Vec<String>) -> Walk {
        Walk {
            args: paths.into_iter(),
            dirs: Vec::new(),
            entered: HashSet::new(),
        }
    }

    fn enter(&mut self, dir: &Path) -> Option<Found> {
        match std::fs::canonicalize(dir) {
            Ok(real) => {
                if !self.entered.insert(real) {
                    return None;
                }
            }
            Err(e) => return Some(Err((dir.display().to_string(), describe_io(&e)))),
        }
        match std::fs::read_dir(dir) {
            Ok(entries) => {
                let mut paths: Vec<PathBuf> =
                    entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
                paths.sort();
                self.dirs.push(paths.into_iter());
                None
            }
            Err(e) => Some(Err((dir.display().to_string(), describe_io(&e)))),
        }
    }
}

impl Iterator for Walk {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        loop {
            if let Some(entries) = self.dirs.last_mut() {
                let Some(path) = entries.next() else {
                    self.dirs.pop();
                    continue;
                };
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if name.starts_with('.') {
                    continue;
                }
                if path.is_dir() {
                    if let Some(failed) = self.enter(&path) {
                        return Some(failed);
                    }
                } else if path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|a| a.eq_ignore_ascii_case(e)))
                {
                    return Some(Ok(Input::File(path)));
                }
                continue;
            }
            let arg = self.args.next()?;
            if arg == "-" {
                return Some(Ok(Input::Stdin));
            }
            let p = PathBuf::from(&arg);
            match std::fs::metadata(&p) {
                Ok(m) if m.is_dir() => {
                    if let Some(failed) = self.enter(&p) {
                        return Some(failed);
                    }
                }
                Ok(_) => return Some(Ok(Input::File(p))),
                Err(e) => return Some(Err((arg, describe_io(&e)))),
            }
        }
    }
}

/// Reads at most `max_bytes` (one more to tell that the input is larger).
pub fn read(input: &Input, max_bytes: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let result = match input {
        Input::Stdin => std::io::stdin()
            .lock()
            .take(max_bytes + 1)
            .read_to_end(&mut bytes),
        Input::File(path) => {
            std::fs::File::open(path).and_then(|f| f.take(max_bytes + 1).read_to_end(&mut bytes))
        }
    };
    result.map_err(|e| describe_io(&e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(format!(
            "larger than the {max_bytes}-byte limit per article (raise it with --max-bytes)"
        ));
    }
    Ok(bytes)
}

fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Text decoded from bytes, with the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// Why the encoding, guessed, may be wrong; `None` when the bytes leave
    /// no doubt or the encoding was given.
    pub unsure: Option<String>,
}

/// Below this many bytes outside ASCII, a legacy single-byte text gives a
/// detector too little to go on for it to rule out other code pages.
const FEW_NON_ASCII: usize = 20;

/// Countries whose pages the detector would read in other code pages: if
/// one of them makes it read the same bytes as other letters, the bytes
/// alone did not decide.
/// Only single-byte regions: a text in a multi-byte East Asian encoding has
/// two bytes outside ASCII per character, never few.
const OTHER_READINGS: &[&[u8]] = &[
    b"de", b"pl", b"cz", b"ru", b"ua", b"gr", b"tr", b"il", b"lt", b"vn", b"th",
];

/// Decodes bytes as `given` (`--encoding`), or else: UTF-8 (with or without
/// BOM), UTF-16 with a BOM, and legacy single-byte pages (detected, with a
/// note when the detection is unsure); refuses binary data with the
/// reason.
pub fn decode(
    bytes: &[u8],
    given: Option<&'static encoding_rs::Encoding>,
) -> Result<Decoded, String> {
    if bytes.is_empty() {
        return Err("empty file".to_string());
    }
    if let Some(encoding) = given {
        // A byte-order mark of the encoding given is not part of the text.
        let body = match encoding_rs::Encoding::for_bom(bytes) {
            Some((bom, len)) if bom == encoding => &bytes[len..],
            _ => bytes,
        };
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        if had_errors {
            return Err(format!("not text in {} (--encoding)", encoding.name()));
        }
        if text.contains('\0') {
            return Err("not text (contains NUL characters)".to_string());
        }
        return finish(text.into_owned(), encoding.name(), None);
    }
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(format!("not text (invalid {})", encoding.name()));
        }
        // SQLite's text functions stop at a NUL, so the ledger could not
        // give such a text back whole.
        if text.contains('\0') {
            return Err("not text (contains NUL characters)".to_string());
        }
        return finish(text.into_owned(), encoding.name(), None);
    }
    if let Some(kind) = binary_signature(bytes) {
        return Err(format!("not text ({kind})"));
    }
    if bytes.contains(&0) {
        return Err("not text (contains NUL bytes)".to_string());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(text.to_string(), "UTF-8", None);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (encoding, other) = settle_guess(bytes, &detector, guess);
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(format!(
            "not text (not valid UTF-8, nor {})",
            encoding.name()
        ));
    }
    let unsure = other.map(|other| unsure_note(bytes, encoding, other, &text));
    finish(text.into_owned(), encoding.name(), unsure)
}

/// The encoding to read a detected single-byte text in, and another that
/// reads it otherwise when the detection rests on too few bytes to rule
/// that one out.
///
/// With only a few bytes outside ASCII, the detector's guess is weak: told
/// the page came from another country, it reads the same bytes as other
/// letters. A Latin-1 "Tom\u{e1}s N\u{fa}\u{f1}ez" in an English sentence
/// comes out as windows-1250's "N\u{fa}\u{144}ez": both readings are
/// letters, and nothing in the bytes prefers either. A text in a Central
/// European or Turkish code page is written in its language, with many
/// bytes outside ASCII, and is detected surely; a mostly-ASCII text with a
/// few accents comes far more often from a Western system, whose code page
/// is windows-1252 (what browsers assume, too). So where the guess is
/// unsure and windows-1252 is one of its other readings, windows-1252 is
/// taken, unless it reads the bytes as no text would have them (see
/// [`reads_as_text`]). The warning names the other reading either way.
fn settle_guess(
    bytes: &[u8],
    detector: &chardetng::EncodingDetector,
    guess: &'static encoding_rs::Encoding,
) -> (
    &'static encoding_rs::Encoding,
    Option<&'static encoding_rs::Encoding>,
) {
    let evidence = bytes.iter().filter(|b| !b.is_ascii()).count();
    if evidence >= FEW_NON_ASCII {
        return (guess, None);
    }
    let reads_otherwise = |other: &'static encoding_rs::Encoding,
                           than: &'static encoding_rs::Encoding| {
        other != than
            && other.decode_without_bom_handling(bytes).0
                != than.decode_without_bom_handling(bytes).0
    };
    let others: Vec<&'static encoding_rs::Encoding> = OTHER_READINGS
        .iter()
        .map(|tld| detector.guess(Some(tld), chardetng::Utf8Detection::Deny))
        .filter(|&other| reads_otherwise(other, guess))
        .collect();
    let Some(&first) = others.first() else {
        return (guess, None);
    };
    let western = encoding_rs::WINDOWS_1252;
    if others.contains(&western) {
        let (text, had_errors) = western.decode_without_bom_handling(bytes);
        if !had_errors && reads_as_text(&text) {
            return (western, Some(guess));
        }
    }
    (guess, Some(first))
}

/// Whether the characters outside ASCII sit in the text as a writer would
/// put them: no C1 control characters (the bytes a code page leaves
/// undefined), no symbol inside a word ("Wa\u{b3}\u{ea}sa", windows-1250's
/// "Wa\u{142}\u{119}sa" read as windows-1252) and no capital letter after a
/// small one ("\u{a3}\u{f3}d\u{178}", windows-1250's "\u{141}\u{f3}d\u{17a}").
fn reads_as_text(text: &str) -> bool {
    let mut before: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_ascii() {
            if ('\u{80}'..='\u{9f}').contains(&c) {
                return false;
            }
            let after = chars.peek().copied();
            let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
            if !c.is_alphabetic() && letter(before) && letter(after) {
                return false;
            }
            if c.is_uppercase() && before.is_some_and(char::is_lowercase) {
                return false;
            }
        }
        before = Some(c);
    }
    true
}

/// The warning for a text read as `read` that `other` reads otherwise,
/// showing the first word the two read differently, so the user can tell
/// at a glance which is right.
fn unsure_note(
    bytes: &[u8],
    read: &'static encoding_rs::Encoding,
    other: &'static encoding_rs::Encoding,
    text: &str,
) -> String {
    let evidence = bytes.iter().filter(|b| !b.is_ascii()).count();
    let other_text = other.decode_without_bom_handling(bytes).0;
    let (word, other_word) = first_different_word(text, &other_text);
    format!(
        "encoding unsure: read as {} (\"{word}\") from {evidence} byte{} outside ASCII, which {} reads otherwise (\"{other_word}\"); if the text is wrong, import it again with --encoding",
        read.name(),
        if evidence == 1 { "" } else { "s" },
        other.name()
    )
}

/// The first word where `a` and `b` differ, as each has it. Single-byte
/// readings have one character per byte, so the two line up character by
/// character.
fn first_different_word(a: &str, b: &str) -> (String, String) {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let at = a.iter().zip(&b).position(|(x, y)| x != y).unwrap_or(0);
    let word = |text: &[char]| -> String {
        let in_word = |c: &char| !c.is_whitespace();
        let start = text[..at.min(text.len())]
            .iter()
            .rposition(|c| !in_word(c))
            .map_or(0, |i| i + 1);
        let end = text[at.min(text.len())..]
            .iter()
            .position(|c| !in_word(c))
            .map_or(text.len(), |i| at + i);
        text[start..end]
            .iter()
            .collect::<String>()
            .trim_matches(|c: char| c.is_ascii_punctuation())
            .to_string()
    };
    (word(&a), word(&b))
}

/// Checks decoded text. The text is kept as decoded, not composed to NFC:
/// the raw text is the file's own, and "Zoë" typed as "e" and a combining
/// diaeresis is made one with the composed "ë" where names and searches
/// are compared (see `store::normalize`), not here.
fn finish(text: String, encoding: &'static str, unsure: Option<String>) -> Result<Decoded, String> {
    // Text has few control characters besides line breaks and tabs; binary
    // data that happens to decode has many.
    let total = text.chars().count();
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if total > 0 && controls * 20 > total {
        return Err("not text (mostly control characters)".to_string());
    }
    if text.trim().is_empty() {
        return Err("empty file (only whitespace)".to_string());
    }
    Ok(Decoded {
        text,
        encoding,
        unsure,
    })
}

fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"PK\x03\x04", "zip archive"),
        (b"%PDF", "PDF document"),
        (b"\x1f\x8b", "gzip data"),
        (b"\x7fELF", "executable"),
        (b"SQLite format 3\0", "SQLite database"),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_nul_character_is_refused_in_utf16_too() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Officials said\u{0}the bridge would close.".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let Err(err) = decode(&bytes, None) else {
            panic!("a NUL character was accepted");
        };
        assert!(err.contains("NUL"), "{err}");
    }

    use super::*;

    #[test]
    fn decodes_the_common_encodings() {
        assert_eq!(
            decode("caf\u{e9}".as_bytes(), None).unwrap().encoding,
            "UTF-8"
        );
        let bom = [b"\xef\xbb\xbf".as_slice(), "caf\u{e9}".as_bytes()].concat();
        assert_eq!(decode(&bom, None).unwrap().text, "caf\u{e9}");
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("said".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        let d = decode(&utf16, None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("said", "UTF-16LE"));
        let latin = b"The minister\x92s caf\xe9 said \x93no\x94 to the plan.";
        let d = decode(latin, None).unwrap();
        assert_eq!(
            d.text,
            "The minister\u{2019}s caf\u{e9} said \u{201c}no\u{201d} to the plan."
        );
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn a_page_looks_like_html_and_prose_about_tags_does_not() {
        for page in [
            "<!DOCTYPE html><html><body><p>x</p></body></html>",
            "\u{feff}\n  <html lang=\"en\"><head><title>t</title></head></html>",
            "<!-- saved --><meta charset=\"utf-8\"><p>The mayor said so.</p>",
        ] {
            assert!(looks_like_html(page), "{page}");
        }
        // Only the opening says so: the first closing tag comes after more
        // than 64 KiB of inline script.
        let script = "x = 1;\n".repeat(10_000);
        for opening in [
            "<!DOCTYPE html>",
            "  <!doctype HTML>",
            "\u{feff}<HTML lang=en>",
        ] {
            let page = format!("{opening}<head><script>{script}</script></head>");
            assert!(looks_like_html(&page), "{opening}");
        }
        assert!(!looks_like_html(&format!("<htmlish>{script}")));
        for prose in [
            "The mayor said the <b> tag was banned.",
            "<b is not a tag, officials said.",
            "< 5 percent of voters, the poll said </ maybe",
            "",
        ] {
            assert!(!looks_like_html(prose), "{prose}");
        }
    }

    #[test]
    fn a_guess_from_few_bytes_that_another_region_reads_otherwise_is_unsure() {
        let short = b"Tom\xe1s N\xfa\xf1ez said the port would reopen.";
        let d = decode(short, None).unwrap();
        // The detector alone guesses windows-1250 ("N\u{fa}\u{144}ez"): with
        // nothing in the bytes to prefer it, windows-1252 is read, and the
        // warning shows both.
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("N\u{fa}\u{f1}ez"), "{}", d.text);
        let note = d.unsure.expect("unsure");
        assert!(note.contains("from 3 bytes outside ASCII"), "{note}");
        assert!(
            note.contains("(\"N\u{fa}\u{f1}ez\")")
                && note.contains("windows-1250 reads otherwise (\"N\u{fa}\u{144}ez\")"),
            "{note}"
        );
        // Read as windows-1252, windows-1250's "Wa\u{142}\u{119}sa" and
        // "\u{141}\u{f3}d\u{17a}" would be no words: the guess stands, unsure.
        for (bytes, word) in [
            (
                &b"Lech Wa\xb3\xeasa said the port would reopen."[..],
                "Wa\u{142}\u{119}sa",
            ),
            (
                b"The port in \xa3\xf3d\x9f would reopen, officials said.",
                "\u{141}\u{f3}d\u{17a}",
            ),
        ] {
            let d = decode(bytes, None).unwrap();
            assert_eq!(d.encoding, "windows-1250");
            assert!(d.text.contains(word), "{}", d.text);
            assert!(d.unsure.is_some());
        }
        // Smart quotes and an accent read the same in every Western page.
        let quotes = b"The minister\x92s caf\xe9 said \x93no\x94 to the plan.";
        assert_eq!(decode(quotes, None).unwrap().unsure, None);
        // Given, the encoding is not a guess.
        let given = decode(short, Some(encoding_rs::WINDOWS_1252)).unwrap();
        assert_eq!((given.encoding, given.unsure), ("windows-1252", None));
        assert!(given.text.contains("Tom\u{e1}s N\u{fa}\u{f1}ez"));
    }

    #[test]
    fn each_directory_is_walked_once_whatever_links_lead_back_to_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("archive");
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::write(root.join("a/one.txt"), "x").unwrap();
        std::fs::write(root.join("a/b/two.txt"), "x").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("..", root.join("a/b/up")).unwrap();
            std::os::unix::fs::symlink(root.join("a"), root.join("again")).unwrap();
            std::os::unix::fs::symlink("loop", root.join("loop")).unwrap();
        }
        let found: Vec<Found> = Walk::new(vec![root.display().to_string()]).collect();
        let files: Vec<String> = found
            .iter()
            .filter_map(|f| f.as_ref().ok())
            .map(|i| i.label())
            .collect();
        assert_eq!(files.len(), 2, "{files:?}");
        assert!(found.iter().all(|f| f.is_ok()), "{found:?}");
    }

    #[test]
    fn refuses_binary_and_empty_input() {
        assert!(
            decode(b"\x89PNG\r\n\x1a\n\0\0", None)
                .unwrap_err()
                .contains("PNG")
        );
        assert!(decode(b"abc\0def", None).unwrap_err().contains("NUL"));
        assert!(decode(b"", None).unwrap_err().contains("empty"));
        assert!(decode(b"  \n\n ", None).unwrap_err().contains("empty"));
    }
}
