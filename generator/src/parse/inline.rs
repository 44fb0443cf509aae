//! Inline markdown (table cells, prose) -> a few span kinds, with pulldown-cmark.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Span {
    Text(String),
    Code(String),
    Link { text: String, target: String },
}

/// HTML tags that carry layout only; anything else in angle brackets (`<token>`) is text.
const LAYOUT_TAGS: &[&str] = &[
    "a", "b", "br", "code", "div", "em", "i", "img", "li", "ol", "p", "span", "strong", "sub",
    "sup", "table", "td", "th", "tr", "u", "ul",
];

pub fn spans(markdown: &str) -> Vec<Span> {
    // Most table cells are plain words (`String`, `Read-only.`); parsing them is most of the
    // time spent on pages.
    if is_plain(markdown) {
        return normalise_whitespace(vec![Span::Text(markdown.to_owned())]);
    }
    parsed_spans(markdown)
}

/// Text in which markdown can mean nothing: one line that starts with a letter and has no
/// character that starts inline markup, an entity or an escape.
pub fn is_plain(text: &str) -> bool {
    text.starts_with(|c: char| c.is_alphabetic())
        && !text.contains([
            '`', '*', '_', '[', ']', '!', '<', '>', '&', '\\', '~', '|', '\n', '\r', '\t', '#',
        ])
}

/// [`spans`] always read by the markdown parser; `spans` skips the parser only where the two agree.
pub fn parsed_spans(markdown: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut link: Option<(String, String)> = None;
    let push_text = |out: &mut Vec<Span>, link: &mut Option<(String, String)>, s: &str| {
        if let Some((text, _)) = link.as_mut() {
            text.push_str(s);
        } else if let Some(Span::Text(last)) = out.last_mut() {
            last.push_str(s);
        } else {
            out.push(Span::Text(s.to_owned()));
        }
    };
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) => push_text(&mut out, &mut link, &t),
            Event::Code(c) => {
                if let Some((text, _)) = link.as_mut() {
                    text.push_str(&c);
                } else {
                    out.push(Span::Code(c.into_string()));
                }
            }
            Event::SoftBreak | Event::HardBreak => push_text(&mut out, &mut link, " "),
            Event::Html(h) | Event::InlineHtml(h) => {
                let name = h
                    .trim_start_matches('<')
                    .trim_start_matches('/')
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .next()
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                if h.trim_start().starts_with("<!--") {
                    continue;
                }
                if LAYOUT_TAGS.contains(&name.as_str()) {
                    if matches!(name.as_str(), "br" | "p" | "li") {
                        push_text(&mut out, &mut link, " ");
                    }
                } else {
                    push_text(&mut out, &mut link, &h);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = Some((String::new(), dest_url.into_string()));
            }
            Event::End(TagEnd::Link) => {
                if let Some((text, target)) = link.take() {
                    out.push(Span::Link { text, target });
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => {
                push_text(&mut out, &mut link, " ")
            }
            _ => {}
        }
    }
    if let Some((text, target)) = link {
        out.push(Span::Link { text, target });
    }
    normalise_whitespace(out)
}

fn normalise_whitespace(spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = spans
        .into_iter()
        .map(|s| match s {
            Span::Text(t) => Span::Text(collapse(&t)),
            Span::Link { text, target } => Span::Link {
                text: collapse(&text).trim().to_owned(),
                target,
            },
            code => code,
        })
        .filter(|s| !matches!(s, Span::Text(t) if t.is_empty()))
        .collect();
    if let Some(Span::Text(t)) = out.first_mut() {
        *t = t.trim_start().to_owned();
    }
    if let Some(Span::Text(t)) = out.last_mut() {
        *t = t.trim_end().to_owned();
    }
    out.retain(|s| !matches!(s, Span::Text(t) if t.is_empty()));
    out
}

fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// The text a reader sees, with all markup removed.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    for span in spans(markdown) {
        match span {
            Span::Text(t) | Span::Code(t) => out.push_str(&t),
            Span::Link { text, .. } => out.push_str(&text),
        }
    }
    out.trim().to_owned()
}

/// The first link in the text: (text, target).
pub fn first_link(markdown: &str) -> Option<(String, String)> {
    spans(markdown).into_iter().find_map(|s| match s {
        Span::Link { text, target } => Some((text, target)),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_markup_but_keeps_pseudo_tags() {
        assert_eq!(
            plain_text("Bearer <token>. **Required**.<br>See [docs](/x)."),
            "Bearer <token>. Required. See docs."
        );
        assert_eq!(plain_text("`String`"), "String");
        assert_eq!(plain_text("&lt;token&gt; Required."), "<token> Required.");
    }

    #[test]
    fn finds_links() {
        assert_eq!(
            first_link("a collection of [user](../resources/user.md) objects"),
            Some(("user".into(), "../resources/user.md".into()))
        );
        assert_eq!(first_link("none"), None);
    }
}
