//! Saved web pages: the main content as plain text with its paragraph
//! breaks kept (sentence splitting needs them), and the article fields from
//! the page's metadata (`og:` tags, `article:published_time`, JSON-LD
//! `NewsArticle`, the canonical link).

use std::sync::LazyLock;

use dom_smoothie::{Config, Readability, TextMode};
use regex::Regex;

use super::model::ArticleMeta;

/// A page reduced to what the text extractor reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The main content, one paragraph per block, blank lines between.
    pub text: String,
    pub meta: ArticleMeta,
}

static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?is)<(?:link|meta)\b[^>]*>").expect("valid regex"));
static ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)([a-z:_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"#).expect("valid regex")
});

/// Reads a page; the error says why no article could be found in it.
pub fn read_page(html: &str) -> Result<Page, String> {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut readability = Readability::new(html, None, Some(cfg))
        .map_err(|e| format!("not a readable page ({e})"))?;
    let article = readability
        .parse()
        .map_err(|e| format!("no article found in the page ({e})"))?;
    let text = paragraphs(&article.text_content);
    if text.is_empty() {
        return Err("no article text found in the page".to_string());
    }
    let links = head_links(html);
    let meta = ArticleMeta {
        title: non_empty(article.title.trim()),
        outlet: article
            .site_name
            .as_deref()
            .and_then(|s| non_empty(s.trim())),
        url: article
            .url
            .clone()
            .or_else(|| links.canonical.clone())
            .or_else(|| links.og_url.clone()),
        published: article
            .published_time
            .as_deref()
            .and_then(|s| non_empty(s.trim())),
        byline: article.byline.as_deref().and_then(|s| non_empty(s.trim())),
        dateline: None,
    };
    Ok(Page { text, meta })
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Normalises the extracted text to paragraphs separated by one blank line,
/// without the indentation and runs of blank lines markup leaves behind.
pub(super) fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for block in text.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        let mut last_space = false;
        for c in block.chars() {
            let space = c.is_whitespace();
            if !(space && last_space) {
                out.push(if space { ' ' } else { c });
            }
            last_space = space;
        }
    }
    out
}

#[derive(Debug, Default)]
struct HeadLinks {
    canonical: Option<String>,
    og_url: Option<String>,
}

fn head_links(html: &str) -> HeadLinks {
    let head = html
        .find("</head>")
        .or_else(|| html.find("</HEAD>"))
        .map_or(html, |end| &html[..end]);
    let mut links = HeadLinks::default();
    for tag in TAG.find_iter(head) {
        let mut rel = None;
        let mut href = None;
        let mut property = None;
        let mut content = None;
        for cap in ATTR.captures_iter(tag.as_str()) {
            let value = cap
                .get(2)
                .or_else(|| cap.get(3))
                .or_else(|| cap.get(4))
                .map(|m| m.as_str().to_string());
            match cap[1].to_ascii_lowercase().as_str() {
                "rel" => rel = value,
                "href" => href = value,
                "property" | "name" => property = value,
                "content" => content = value,
                _ => {}
            }
        }
        if rel
            .as_deref()
            .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
        {
            links.canonical = links.canonical.or(href);
        } else if property
            .as_deref()
            .is_some_and(|p| p.eq_ignore_ascii_case("og:url"))
        {
            links.og_url = links.og_url.or(content);
        }
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head>
<title>Harbor strike ends | Example Wire</title>
<meta property="og:site_name" content="Example Wire">
<meta property="og:title" content="Harbor strike ends after nine days">
<meta property="article:published_time" content="2024-05-02T08:00:00Z">
<link rel="canonical" href="https://news.example.org/harbor-strike">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Harbor strike ends after nine days","datePublished":"2024-05-02T08:00:00Z","author":{"@type":"Person","name":"Dana Reyes"}}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Harbor strike ends after nine days</h1>
<p>Dockworkers returned to the harbor on Thursday after union leaders accepted a 6 percent pay rise, ending a nine-day strike that had left dozens of ships waiting offshore.</p>
<p>"We got most of what we asked for," said Lena Ortiz, the union's president, adding that members would vote on the deal next week.</p>
<p>The port authority said about 40 ships were still waiting at anchor on Thursday evening and that it expected the queue to clear by Sunday.</p>
<p>Shipping companies had warned that the strike was costing the regional economy millions of dollars a day in delayed exports and idle trucks.</p>
</article>
<footer>Copyright 2024 Example Wire</footer>
</body></html>"#;

    #[test]
    fn reads_paragraphs_and_metadata() {
        let page = read_page(PAGE).unwrap();
        assert!(
            page.text.contains("\n\n"),
            "paragraph breaks survive: {}",
            page.text
        );
        assert!(page.text.contains("said Lena Ortiz"));
        assert!(!page.text.contains("Home"), "navigation is not content");
        assert!(!page.text.contains("Copyright"));
        assert_eq!(page.meta.outlet.as_deref(), Some("Example Wire"));
        assert_eq!(page.meta.published.as_deref(), Some("2024-05-02T08:00:00Z"));
        assert_eq!(
            page.meta.url.as_deref(),
            Some("https://news.example.org/harbor-strike")
        );
        assert!(
            page.meta
                .title
                .as_deref()
                .unwrap()
                .contains("Harbor strike ends")
        );
    }

    #[test]
    fn a_page_without_content_is_refused() {
        assert!(read_page("<html><body></body></html>").is_err());
    }
}
