//! Escaping for HTML text and attribute values. Every string that came
//! from an article or the ledger passes through here on its way into a
//! page, so a headline holding `<script>` shows as text.

use std::fmt::Write as _;

/// Appends `text` to `out` safe for both element content and quoted
/// attribute values. Control characters other than line ends and tabs
/// have no business in a page and would make the document invalid, so they
/// become U+FFFD.
pub fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\r' | '\t' => out.push(c),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}

/// `text` escaped, for use inside `format!`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// An article URL as a link target, only when it is plain http(s): a
/// `javascript:` or `data:` URL from an untrusted article must never become
/// something a reader can click.
pub fn safe_href(url: &str) -> Option<String> {
    let lower = url.trim_start().to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        Some(escape(url.trim()))
    } else {
        None
    }
}

/// Writes `<tag>escaped text</tag>`.
pub fn element(out: &mut String, tag: &str, class: &str, text: &str) {
    let _ = write!(out, "<{tag} class=\"{class}\">");
    push_escaped(out, text);
    let _ = write!(out, "</{tag}>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_stays_text() {
        assert_eq!(
            escape("<script>alert(\"x\" & 'y')</script>"),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(escape("a\u{0}b\u{1b}[31m"), "a\u{fffd}b\u{fffd}[31m");
        assert_eq!(escape("“curly” — fine"), "“curly” — fine");
    }

    #[test]
    fn only_web_urls_become_links() {
        assert_eq!(
            safe_href("https://example.org/a?b=1&c=2").as_deref(),
            Some("https://example.org/a?b=1&amp;c=2")
        );
        assert_eq!(safe_href("javascript:alert(1)"), None);
        assert_eq!(safe_href(" JavaScript:alert(1)"), None);
        assert_eq!(safe_href("data:text/html,<b>"), None);
    }
}
