//! Markdown articles (notes, exports from a newsroom system or a static
//! site), read with pulldown-cmark into the shape a saved page is reduced
//! to (see [`super::html`]): plain paragraphs for the text extractor, with
//! none of the markup (`#`, `*`, `[text](url)`, `- `), and the article
//! fields the document gives: its title heading, and the title, date,
//! author and address of a front-matter block.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::html::{Page, paragraphs};
use super::model::ArticleMeta;

/// Reads a Markdown document; the error says why no article text is in it.
pub fn read_markdown(markdown: &str) -> Result<Page, String> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut read = Reading::default();
    for event in Parser::new_ext(markdown, options) {
        read.take(event);
    }
    let Reading {
        text,
        title,
        front_matter,
        ..
    } = read;
    let text = paragraphs(&text);
    if text.is_empty() {
        return Err("no article text found in the Markdown".to_string());
    }
    let fields = front_matter_fields(&front_matter);
    let title = title.map(|t| paragraphs(&t)).filter(|t| !t.is_empty());
    Ok(Page {
        text,
        meta: ArticleMeta {
            title: fields.title.or(title),
            ..fields
        },
    })
}

/// A document as read so far.
#[derive(Default)]
struct Reading {
    /// The body; blocks end in line breaks, which `paragraphs` turns into
    /// paragraph breaks, as a page's blocks are.
    text: String,
    /// A heading before any text is the article's title and not body text
    /// (a page's title heading is not in its text either).
    title: Option<String>,
    reading_title: bool,
    front_matter: String,
    in_front_matter: bool,
    /// Inside an image: its description is no text of the article, as an
    /// image in a page is none.
    images: usize,
}

impl Reading {
    fn take(&mut self, event: Event<'_>) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => self.in_front_matter = true,
            Event::End(TagEnd::MetadataBlock(_)) => self.in_front_matter = false,
            Event::Start(Tag::Heading { .. })
                if self.title.is_none() && self.text.trim().is_empty() =>
            {
                self.title = Some(String::new());
                self.reading_title = true;
            }
            Event::End(TagEnd::Heading(_)) if self.reading_title => self.reading_title = false,
            Event::Start(Tag::Image { .. }) => self.images += 1,
            Event::End(TagEnd::Image) => self.images = self.images.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if self.in_front_matter => {
                self.front_matter.push_str(&t)
            }
            Event::Text(t) | Event::Code(t) if self.images == 0 => self.out().push_str(&t),
            Event::SoftBreak => self.out().push(' '),
            // A line break inside a block ends a line, as `<br>` does in a
            // page; in the title it is a space.
            Event::HardBreak => {
                let c = if self.reading_title { ' ' } else { '\n' };
                self.out().push(c)
            }
            Event::End(TagEnd::TableCell) => self.out().push(' '),
            Event::Start(tag) if starts_block(&tag) => self.out().push('\n'),
            Event::End(tag) if ends_block(tag) => self.out().push('\n'),
            Event::Rule => self.out().push('\n'),
            // Raw HTML, footnote marks and task boxes are no text.
            _ => {}
        }
    }

    fn out(&mut self) -> &mut String {
        match &mut self.title {
            Some(title) if self.reading_title => title,
            _ => &mut self.text,
        }
    }
}

/// Blocks that begin on a line of their own. Headings after the title,
/// list items and table rows are paragraphs of their own, as a page's are.
fn starts_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
    )
}

fn ends_block(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
    )
}

/// The article fields of a YAML front-matter block (`title:`, `date:`,
/// `author:`, `url:` and the names static-site generators use for them),
/// read line by line: only plain `key: value` lines are needed, and a
/// YAML parser would be a dependency for four fields.
fn front_matter_fields(block: &str) -> ArticleMeta {
    let mut meta = ArticleMeta::default();
    for line in block.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value)
            .trim();
        if value.is_empty() {
            continue;
        }
        let field = match key.trim().to_ascii_lowercase().as_str() {
            "title" => &mut meta.title,
            "date" | "published" => &mut meta.published,
            "author" | "byline" => &mut meta.byline,
            "url" | "canonical_url" | "canonical" => &mut meta.url,
            "outlet" | "publisher" | "site_name" => &mut meta.outlet,
            _ => continue,
        };
        field.get_or_insert_with(|| value.to_string());
    }
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_goes_and_blocks_become_paragraphs() {
        let page = read_markdown(
            "# Harbor strike ends\n\n*By Jane Doe*\n\n\
             Dockworkers returned on **Thursday**, said [Ana Ruiz](https://example.org/ana), \
             the union's `spokeswoman`.\n\n\
             ## What comes next\n\n\
             - The port said 40 ships\n  were waiting.\n\
             - Shippers said costs rose.\n\n\
             ![A crane at dusk](crane.jpg)\n\n\
             > The mayor said the deal was fair.\n",
        )
        .unwrap();
        assert_eq!(page.meta.title.as_deref(), Some("Harbor strike ends"));
        assert_eq!(
            page.text,
            "By Jane Doe\n\n\
             Dockworkers returned on Thursday, said Ana Ruiz, the union's spokeswoman.\n\n\
             What comes next\n\n\
             The port said 40 ships were waiting.\n\n\
             Shippers said costs rose.\n\n\
             The mayor said the deal was fair."
        );
    }

    #[test]
    fn a_heading_after_text_is_a_paragraph_and_front_matter_gives_fields() {
        let page = read_markdown(
            "---\ntitle: \"Ferry fares to rise\"\ndate: 2024-05-02\nauthor: Dana Reyes\n---\n\n\
             Fares will rise, the operator said.\n\n# Background\n\nThe line opened in 1990.\n",
        )
        .unwrap();
        assert_eq!(page.meta.title.as_deref(), Some("Ferry fares to rise"));
        assert_eq!(page.meta.published.as_deref(), Some("2024-05-02"));
        assert_eq!(page.meta.byline.as_deref(), Some("Dana Reyes"));
        assert_eq!(
            page.text,
            "Fares will rise, the operator said.\n\nBackground\n\nThe line opened in 1990."
        );
    }

    #[test]
    fn a_document_of_markup_only_is_refused() {
        assert!(read_markdown("# Title only\n\n![image](x.png)\n").is_err());
    }
}
