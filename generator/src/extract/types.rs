//! Type cells (`String`, `` `Edm.Int32` ``, `Collection(microsoft.graph.user)`, `[user](user.md) collection`,
//! `string (url)`) -> [`TypeRef`], and type names -> primitives. One lenient rule for all spellings.

use crate::ir::{Primitive, TypeRef};
use crate::parse::inline::{self, Span};

/// Reads a type cell. Returns `None` when nothing that looks like a type name is there.
pub fn parse_type_cell(cell: &str) -> Option<TypeRef> {
    let spans = inline::spans(cell);
    let written = inline::plain_text(cell);
    // A linked name is the most reliable: `[user](../resources/user.md) collection`.
    let linked = spans.iter().find_map(|s| match s {
        Span::Link { text, .. } if !text.trim().is_empty() => Some(text.trim().to_owned()),
        _ => None,
    });
    let lower = written.to_ascii_lowercase();
    // `String[]` is a collection; `[itemReference][]` is a reference-style link.
    // `collection` as a word: `siteCollection` is a type of its own.
    let mut collection = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w == "collection")
        || written
            .match_indices("[]")
            .any(|(i, _)| written[..i].ends_with(|c: char| c.is_ascii_alphanumeric()));
    let mut text = linked.unwrap_or_else(|| written.clone());
    if let Some(inner) = strip_collection_wrapper(&text) {
        text = inner.to_owned();
        collection = true;
    }
    let name = first_type_word(&text)?;
    Some(TypeRef {
        written,
        name,
        collection,
        resolved: None,
    })
}

fn strip_collection_wrapper(text: &str) -> Option<&str> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("collection(") && t.ends_with(')') {
        return Some(&t["collection(".len()..t.len() - 1]);
    }
    None
}

/// The first word that can be a type name: letters, digits, `.`, `_`; `Edm.` dropped.
fn first_type_word(text: &str) -> Option<String> {
    let word: String = text
        .trim()
        .trim_start_matches(['`', '[', '(', '*'])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_'))
        .collect();
    let word = word.trim_end_matches('.');
    let word = strip_prefix_ignore_case(word, "edm.").unwrap_or(word);
    if word.is_empty() || !word.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    // `collection of X` and `collection` alone name no type of their own.
    if word.eq_ignore_ascii_case("collection") {
        let rest = text.trim()["collection".len().min(text.trim().len())..].trim();
        let rest = strip_prefix_ignore_case(rest, "of").unwrap_or(rest);
        return first_type_word(rest);
    }
    Some(word.to_owned())
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    (text.len() >= prefix.len()
        && text.is_char_boundary(prefix.len())
        && text[..prefix.len()].eq_ignore_ascii_case(prefix))
    .then(|| &text[prefix.len()..])
}

/// The primitive a type name stands for: [`Primitive::from_name`].
pub fn primitive(name: &str) -> Option<Primitive> {
    Primitive::from_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(cell: &str) -> (String, bool) {
        let t = parse_type_cell(cell).unwrap();
        (t.name, t.collection)
    }

    #[test]
    fn spellings() {
        assert_eq!(read("String"), ("String".into(), false));
        assert_eq!(read("`Edm.Int32`"), ("Int32".into(), false));
        assert_eq!(read("String collection"), ("String".into(), true));
        assert_eq!(read("Collection(Edm.String)"), ("String".into(), true));
        assert_eq!(
            read("Collection(microsoft.graph.user)"),
            ("microsoft.graph.user".into(), true)
        );
        assert_eq!(read("[user](user.md) collection"), ("user".into(), true));
        assert_eq!(read("string (url)"), ("string".into(), false));
        assert_eq!(read("String[]"), ("String".into(), true));
        assert_eq!(read("[itemReference][]"), ("itemReference".into(), false));
        assert_eq!(read("collection of [user](user.md)"), ("user".into(), true));
        assert_eq!(
            read("[siteCollection](sitecollection.md)"),
            ("siteCollection".into(), false)
        );
        assert!(parse_type_cell("").is_none());
        assert!(parse_type_cell("--").is_none());
    }

    #[test]
    fn primitives() {
        assert_eq!(primitive("DateTimeOffset"), Some(Primitive::DateTimeOffset));
        assert_eq!(primitive("Edm.Boolean"), Some(Primitive::Boolean));
        assert_eq!(primitive("GUID"), Some(Primitive::Guid));
        assert_eq!(primitive("certificateStatus"), None);
    }
}
