//! Page markdown -> doc comments that rustdoc renders without warnings: links to other resources
//! become intra-doc links, site-relative links become absolute, everything else is escaped text.

use std::collections::BTreeMap;

use crate::ir::NameKey;

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use crate::parse::inline::{spans, Span};

/// Doc text that becomes one `#[doc]` attribute per line, so it prints as `///` comments.
pub struct Doc(pub String);

impl ToTokens for Doc {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        for line in self.0.lines() {
            let line = if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            };
            tokens.extend(quote!(#[doc = #line]));
        }
    }
}

/// Maps the wire name of a type or enum to its Rust path (`crate::models::User`).
pub type LinkTargets = BTreeMap<NameKey, String>;

const DOCS_SITE: &str = "https://learn.microsoft.com";

pub fn doc_text(markdown: &str, targets: &LinkTargets) -> String {
    let mut out = String::new();
    for span in spans(markdown) {
        match span {
            Span::Text(t) => push_escaped_text(&mut out, &t),
            Span::Code(c) => push_code(&mut out, &c),
            Span::Link { text, target } => push_link(&mut out, &text, &target, targets),
        }
    }
    out.trim().to_owned()
}

/// The page's description, or a sentence saying there is none (every item must have docs).
pub fn doc_or(markdown: &str, fallback: &str, targets: &LinkTargets) -> String {
    let text = doc_text(markdown, targets);
    if text.is_empty() {
        fallback.to_owned()
    } else {
        text
    }
}

/// Text with markdown escaped and URLs, wherever they stand (`"https://..."`), in angle
/// brackets: rustdoc warns on bare URLs.
fn push_escaped_text(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(start) = [rest.find("http://"), rest.find("https://")]
        .into_iter()
        .flatten()
        .min()
    {
        push_escaped_chars(out, &rest[..start]);
        let after = &rest[start..];
        let end = after
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '`'))
            .unwrap_or(after.len());
        let url = after[..end].trim_end_matches(['.', ',', ')', ';', ':']);
        out.push('<');
        out.push_str(url);
        out.push('>');
        rest = &after[url.len()..];
    }
    push_escaped_chars(out, rest);
}

fn push_escaped_chars(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\\' | '[' | ']' | '*' | '_' | '`' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
}

fn push_code(out: &mut String, code: &str) {
    let ticks = if code.contains('`') { "`` " } else { "`" };
    let close = if code.contains('`') { " ``" } else { "`" };
    out.push_str(ticks);
    out.push_str(code);
    out.push_str(close);
}

fn push_link(out: &mut String, text: &str, target: &str, targets: &LinkTargets) {
    let lower = target.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        out.push('[');
        push_escaped_chars(out, text);
        out.push_str("](");
        out.push_str(&target.replace(' ', "%20").replace(')', "%29"));
        out.push(')');
        return;
    }
    if let Some(rust_path) = linked_type(&lower, text, targets) {
        let label = text.trim_matches('`');
        if rust_path.rsplit("::").next() == Some(label) {
            // `[`User`](crate::models::User)` is redundant where `User` is in scope and broken
            // where it is not; the full path works everywhere.
            out.push_str("[`");
            out.push_str(rust_path.trim_start_matches("crate::"));
            out.push_str("`](");
            out.push_str(rust_path);
            out.push(')');
            return;
        }
        out.push_str("[`");
        out.push_str(label);
        out.push_str("`](");
        out.push_str(rust_path);
        out.push(')');
        return;
    }
    if target.starts_with('/') && !target.starts_with("//") {
        out.push('[');
        push_escaped_chars(out, text);
        out.push_str("](");
        out.push_str(DOCS_SITE);
        out.push_str(&target.replace(' ', "%20").replace(')', "%29"));
        out.push(')');
        return;
    }
    push_escaped_text(out, text);
}

/// A link to `../resources/user.md` (or to `#user-values`), or to the one page that defines a
/// type, names a type we generated. A link to an API page (`user-list.md`) names none.
fn linked_type<'a>(lower_target: &str, text: &str, targets: &'a LinkTargets) -> Option<&'a str> {
    let file = lower_target.split('#').next().unwrap_or_default();
    if !file.ends_with(".md") {
        return None;
    }
    let stem = file.rsplit('/').next()?.trim_end_matches(".md");
    targets
        .get(&NameKey::of(text.trim().trim_matches('`')))
        .or_else(|| targets.get(&NameKey::of(stem)))
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_markdown_for_rustdoc() {
        let mut targets = LinkTargets::new();
        targets.insert(NameKey::of("user"), "crate::models::User".into());
        let doc = doc_text(
            "Returns a [user](../resources/user.md). See [Permissions](/graph/permissions-reference), https://aka.ms/x. Use <token> and `$filter`, a_b [x]. For example, \"https://graph.microsoft.com/v1.0/x\".",
            &targets,
        );
        assert_eq!(
            doc,
            "Returns a [`user`](crate::models::User). See [Permissions](https://learn.microsoft.com/graph/permissions-reference), <https://aka.ms/x>. Use &lt;token&gt; and `$filter`, a\\_b \\[x\\]. For example, \"<https://graph.microsoft.com/v1.0/x>\"."
        );
    }

    #[test]
    fn links_to_api_pages_name_no_type_and_defining_pages_name_theirs() {
        let mut targets = LinkTargets::new();
        targets.insert(NameKey::of("list"), "crate::models::List".into());
        targets.insert(NameKey::of("post"), "crate::models::Post".into());
        targets.insert(
            NameKey::of("insights-used"),
            "crate::models::UsedInsight".into(),
        );
        let doc = doc_text(
            "Use [List users](../api/user-list.md) or [Create team](../api/team-post.md); see [Used](insights-used.md).",
            &targets,
        );
        assert_eq!(
            doc,
            "Use List users or Create team; see [`Used`](crate::models::UsedInsight)."
        );
    }

    #[test]
    fn unknown_relative_links_become_text() {
        let doc = doc_text("see [group](group.md)", &LinkTargets::new());
        assert_eq!(doc, "see group");
    }
}
