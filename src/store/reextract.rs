//! Extraction run again on an article already in the ledger, after the word
//! lists changed: the raw text as stored goes back through the extractor
//! (the caller's), and the article's body, claims and parties are replaced
//! in one transaction. Its metadata and id stay, and so do the ids of the
//! parties it still cites.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::Ledger;
use super::clusters;
use super::error::{Result, StoreError};
use super::import::{
    NewArticle, SourceCache, Writes, check_article, replace_claims, resolve_parties,
};
use crate::extract::Document;

/// An article's raw text as the ledger holds it, to extract again.
#[derive(Debug, Clone)]
pub struct StoredText {
    pub id: i64,
    pub path: Option<String>,
    pub raw_text: String,
    pub content_hash: String,
    pub encoding: String,
}

/// What extracting an article again changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reextracted {
    pub claims_before: usize,
    pub claims: usize,
    pub sources: usize,
}

impl Ledger {
    /// The raw text of article `id` as imported (rebuilt from its body and
    /// layout when that is how it is stored).
    pub fn stored_text(&self, id: i64) -> Result<StoredText> {
        self.conn
            .query_row(
                "SELECT id, path, raw_text, content_hash, encoding FROM articles WHERE id = ?1",
                [id],
                |r| {
                    Ok(StoredText {
                        id: r.get(0)?,
                        path: r.get(1)?,
                        raw_text: r.get(2)?,
                        content_hash: r.get(3)?,
                        encoding: r.get(4)?,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "article",
                name: id.to_string(),
            })
    }

    /// Replaces the extraction of `stored` with `document` (made from
    /// `stored.raw_text`), in one transaction: the body and how the raw text
    /// is kept, the claims with their chains and quantities, and the
    /// parties (those no claim names any more go, see the ledger's
    /// triggers). The raw text itself, the metadata and the article's id do
    /// not change. [`StoreError::ArticleRefused`] leaves the article as it
    /// was.
    pub fn replace_extraction(
        &mut self,
        stored: &StoredText,
        document: &Document,
        raw_layout: Option<&str>,
    ) -> Result<Reextracted> {
        check_article(&NewArticle {
            path: stored.path.as_deref(),
            content_hash: &stored.content_hash,
            raw_text: &stored.raw_text,
            raw_layout,
            encoding: &stored.encoding,
            encoding_given: false,
            document,
            profiles: None,
        })
        .map_err(StoreError::ArticleRefused)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Nor a cache of clusters: the old claims go below.
        let mut no_clusters = clusters::Cache::default();
        let mut writes = Writes::new(&tx, &mut no_clusters)?;
        // No party cache: this is one article, and parties the old claims
        // named may go with them.
        let (source_ids, sources) = resolve_parties(
            &mut writes,
            document,
            &SourceCache::default(),
            &mut HashMap::new(),
        )?;
        let profiles = clusters::ClaimProfiles::of(document);
        let claims_before =
            replace_claims(&mut writes, stored.id, (document, &profiles), &source_ids)?;
        // The keys, members and conflicts of the new claims; nothing found
        // is kept.
        writes.finish()?;
        no_clusters.write(&tx)?;
        let raw_text = raw_layout.is_none().then_some(stored.raw_text.as_str());
        tx.execute(
            "UPDATE article_rows SET body = ?2, raw_layout = ?3, raw_text = ?4, cluster_names = ?5
             WHERE id = ?1",
            params![
                stored.id,
                document.body,
                raw_layout,
                raw_text,
                profiles.names()
            ],
        )?;
        tx.commit()?;
        // Parties the old claims alone named are gone: an import session
        // later on this connection must not find them remembered.
        self.sources = SourceCache::default();
        self.clusters = clusters::Cache::default();
        Ok(Reextracted {
            claims_before,
            claims: document.claims.len(),
            sources,
        })
    }
}
