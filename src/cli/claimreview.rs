//! schema.org `Claim` objects in JSON-LD, the vocabulary fact-checking
//! sites publish (ClaimReview's `itemReviewed`), so ledger claims can be
//! handed to their tools: the claim's text, its source as the author, the
//! article as where it appeared.

use serde_json::{Map, Value, json};

use crate::extract::SourceKind;
use crate::store::{ExportClaim, ExportSource};

/// The schema.org type for a party: people are `Person`, news outlets
/// `NewsMediaOrganization`, other bodies `Organization`. An unnamed source
/// is still a person or group speaking; it is described as anonymous.
fn party(source: &ExportSource) -> Value {
    let kind = match source.kind {
        SourceKind::Person | SourceKind::Anonymous => "Person",
        SourceKind::Media => "NewsMediaOrganization",
        SourceKind::Organization => "Organization",
    };
    let mut object = Map::new();
    object.insert("@type".into(), kind.into());
    object.insert("name".into(), source.name.clone().into());
    if source.kind == SourceKind::Anonymous {
        object.insert(
            "description".into(),
            "An anonymous source, as the article describes it".into(),
        );
    }
    if let Some(role) = &source.role {
        // jobTitle belongs to Person; for a body the role still says who
        // spoke, so it goes in the description.
        let key = if kind == "Person" {
            "jobTitle"
        } else {
            "description"
        };
        object.insert(key.into(), role.clone().into());
    }
    if let Some(affiliation) = &source.affiliation {
        object.insert(
            "affiliation".into(),
            json!({"@type": "Organization", "name": affiliation}),
        );
    }
    if !source.aliases.is_empty() {
        object.insert("alternateName".into(), json!(source.aliases));
    }
    Value::Object(object)
}

/// One ledger claim as a schema.org `Claim`.
pub fn claim(claim: &ExportClaim) -> Value {
    let article = &claim.article;
    let mut appearance = Map::new();
    appearance.insert("@type".into(), "CreativeWork".into());
    if let Some(url) = &article.url {
        appearance.insert("url".into(), url.clone().into());
    }
    if let Some(title) = &article.title {
        appearance.insert("headline".into(), title.clone().into());
    }
    if let Some(published) = &article.published {
        appearance.insert("datePublished".into(), published.clone().into());
    }
    if let Some(outlet) = &article.outlet {
        appearance.insert(
            "publisher".into(),
            json!({"@type": "NewsMediaOrganization", "name": outlet}),
        );
    }

    let mut object = Map::new();
    object.insert("@context".into(), "https://schema.org".into());
    object.insert("@type".into(), "Claim".into());
    object.insert("identifier".into(), claim.id.to_string().into());
    object.insert("text".into(), claim.text.clone().into());
    match &claim.source {
        Some(source) => {
            object.insert("author".into(), party(source));
        }
        // The article's own voice: the outlet stands behind it.
        None => {
            if let Some(outlet) = &article.outlet {
                object.insert(
                    "author".into(),
                    json!({"@type": "NewsMediaOrganization", "name": outlet}),
                );
            }
        }
    }
    if let Some(published) = &article.published {
        object.insert("datePublished".into(), published.clone().into());
    }
    object.insert("appearance".into(), Value::Object(appearance));
    if let (Some(source), false) = (&claim.source, claim.via.is_empty()) {
        let chain: Vec<&str> = std::iter::once(source.name.as_str())
            .chain(claim.via.iter().map(|v| v.name.as_str()))
            .collect();
        object.insert(
            "description".into(),
            format!("Reported as {}", chain.join(" via ")).into(),
        );
    }
    Value::Object(object)
}
