//! One page of markdown -> a block model with line numbers. Pure: no I/O.
//!
//! The scan is line-based rather than a full CommonMark parse because the block structure of these
//! pages is simple and its defects are not: ragged tables must keep their extra cells, annotation
//! comments must attach to the next fence, and commented-out fences must vanish. Inline markdown is
//! handled by [`crate::parse::inline`] with pulldown-cmark.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::annotation::{parse_annotation, Annotation};
use super::include::{expand, Includes};
use crate::diagnostics::{Code, Diagnostic, Source};

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Page {
    pub file: String,
    pub front_matter: BTreeMap<String, String>,
    /// The `# Title` heading and its line.
    pub title: Option<(String, usize)>,
    /// Everything before the first `##`/`###` heading is the section with level 1.
    pub sections: Vec<Section>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Section {
    pub heading: String,
    pub level: u8,
    pub line: usize,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
    Fence(Fence),
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Paragraph {
    pub line: usize,
    pub text: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Table {
    pub line: usize,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Fence {
    pub line: usize,
    /// Lower-cased and trimmed: pages write ` ``` http`, ` ```HTTP` and ` ```msgraph-interactive`.
    pub info: String,
    pub body: String,
    pub annotation: Option<Annotation>,
}

impl Page {
    pub fn source(&self, line: usize) -> Source {
        Source::new(&self.file, line)
    }

    /// Sections whose heading starts with any of `prefixes`, compared case-insensitively.
    pub fn sections_starting_with<'a>(
        &'a self,
        prefixes: &'a [&'a str],
    ) -> impl Iterator<Item = &'a Section> + 'a {
        self.sections.iter().filter(move |s| {
            let h = s.heading.to_ascii_lowercase();
            prefixes.iter().any(|p| h.starts_with(p))
        })
    }

    pub fn section(&self, prefixes: &[&str]) -> Option<&Section> {
        self.sections.iter().find(|s| {
            let h = s.heading.to_ascii_lowercase();
            prefixes.iter().any(|p| h.starts_with(p))
        })
    }
}

impl Section {
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }
    pub fn fences(&self) -> impl Iterator<Item = &Fence> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Fence(f) => Some(f),
            _ => None,
        })
    }
    pub fn paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Paragraph(p) => Some(p),
            _ => None,
        })
    }
}

impl Table {
    /// The index of the first column whose header starts with one of `names` (case-insensitive).
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.header.iter().position(|h| {
            let h = super::inline::plain_text(h).to_ascii_lowercase();
            names.iter().any(|n| h.starts_with(n))
        })
    }
}

/// Parses one page. Never fails: what it cannot read becomes a diagnostic.
pub fn parse_page(file: &str, text: &str) -> (Page, Vec<Diagnostic>) {
    parse_page_with_includes(file, text, &Includes::default())
}

/// [`parse_page`], with the page's include lines replaced by the files they name.
pub fn parse_page_with_includes(
    file: &str,
    text: &str,
    includes: &Includes<'_>,
) -> (Page, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let expanded = expand(file, text, includes, &mut diagnostics);
    let mut parser = Parser {
        file,
        lines: expanded.lines,
        origin: expanded.origin,
        at: 0,
        page: Page {
            file: file.to_owned(),
            ..Page::default()
        },
        diagnostics,
        pending_annotation: None,
    };
    parser.run();
    (parser.page, parser.diagnostics)
}

struct Parser<'a> {
    file: &'a str,
    lines: Vec<&'a str>,
    /// The page line (1-based) of each entry of `lines`: included lines share their include's.
    origin: Vec<usize>,
    at: usize,
    page: Page,
    diagnostics: Vec<Diagnostic>,
    pending_annotation: Option<Annotation>,
}

impl<'a> Parser<'a> {
    /// The page line of `lines[index]`.
    fn line(&self, index: usize) -> usize {
        self.origin
            .get(index)
            .copied()
            .unwrap_or_else(|| self.origin.last().map_or(index + 1, |l| l + 1))
    }

    fn source(&self, index: usize) -> Source {
        Source::new(self.file, self.line(index))
    }

    fn run(&mut self) {
        self.front_matter();
        self.page.sections.push(Section {
            heading: String::new(),
            level: 1,
            line: self.line(self.at),
            blocks: Vec::new(),
        });
        while self.at < self.lines.len() {
            let line = self.lines[self.at];
            let trimmed = line.trim();
            if trimmed.is_empty() || is_tab_terminator(trimmed) {
                self.at += 1;
            } else if trimmed.starts_with("<!--") {
                self.comment();
            } else if let Some(fence) = super::fence::opening(trimmed) {
                self.fence(fence);
            } else if let Some((level, heading)) = heading(trimmed) {
                self.heading(level, heading);
            } else if self.table_starts_here() {
                self.table();
            } else {
                self.paragraph();
            }
        }
        if let Some(annotation) = self.pending_annotation.take() {
            self.dangling_annotation(&annotation);
        }
    }

    fn front_matter(&mut self) {
        if self.lines.first().map(|l| l.trim()) != Some("---") {
            return;
        }
        let Some(end) = self.lines.iter().skip(1).position(|l| l.trim() == "---") else {
            self.diagnostics.push(Diagnostic::new(
                Code::UnterminatedFrontMatter,
                &self.source(0),
                "front matter opened with `---` is never closed; read as body text",
            ));
            return;
        };
        for line in &self.lines[1..=end] {
            if let Some((key, value)) = line.split_once(':') {
                if !key.starts_with(' ') && !key.starts_with('-') {
                    let value = value.trim().trim_matches('"').trim_matches('\'').to_owned();
                    self.page.front_matter.insert(key.trim().to_owned(), value);
                }
            }
        }
        self.at = end + 2;
    }

    fn current(&mut self) -> &mut Section {
        self.page
            .sections
            .last_mut()
            .expect("a section always exists")
    }

    fn heading(&mut self, level: u8, text: &str) {
        let line = self.line(self.at);
        self.at += 1;
        let text = text.trim().trim_end_matches('#').trim().to_owned();
        if level == 1 {
            // Tab headings (`# [HTTP](#tab/http)`) sit inside example sections; only the first
            // H1 is the title.
            if self.page.title.is_none() && !text.starts_with('[') {
                self.page.title = Some((text, line));
            }
            return;
        }
        self.page.sections.push(Section {
            heading: text,
            level,
            line,
            blocks: Vec::new(),
        });
    }

    fn comment(&mut self) {
        let start = self.at;
        let mut content = String::new();
        loop {
            let Some(line) = self.lines.get(self.at) else {
                self.diagnostics.push(Diagnostic::new(
                    Code::UnterminatedComment,
                    &self.source(start),
                    "HTML comment opened here is never closed; the rest of the page is ignored",
                ));
                return;
            };
            self.at += 1;
            content.push_str(line);
            content.push('\n');
            if line.contains("-->") {
                break;
            }
        }
        let inner = content
            .trim()
            .trim_start_matches("<!--")
            .split("-->")
            .next()
            .unwrap_or_default();
        if inner.contains("blockType") || inner.contains("\"type\"") {
            match parse_annotation(inner, self.line(start)) {
                Ok(annotation) => {
                    if let Some(previous) = self.pending_annotation.replace(annotation) {
                        self.dangling_annotation(&previous);
                    }
                }
                Err(reason) => self.diagnostics.push(Diagnostic::new(
                    Code::BadAnnotation,
                    &self.source(start),
                    format!("annotation comment is not readable JSON ({reason}); ignored"),
                )),
            }
        }
    }

    fn dangling_annotation(&mut self, annotation: &Annotation) {
        // Page-level and permission annotations describe the page, not a fence.
        let kind = annotation.block_type.as_deref().unwrap_or_default();
        if matches!(kind, "request" | "response" | "resource") {
            self.diagnostics.push(Diagnostic::new(
                Code::AnnotationWithoutFence,
                &Source::new(self.file, annotation.line),
                format!("`{kind}` annotation is not followed by a code block"),
            ));
        }
    }

    fn fence(&mut self, marker: &str) {
        let start = self.at;
        let opening = self.lines[start].trim();
        let info = opening[marker.len()..].trim().to_ascii_lowercase();
        self.at += 1;
        let mut body = String::new();
        let mut closed = false;
        while let Some(line) = self.lines.get(self.at) {
            self.at += 1;
            let t = line.trim();
            if super::fence::closes(marker, t) {
                closed = true;
                break;
            }
            body.push_str(line);
            body.push('\n');
        }
        if !closed {
            self.diagnostics.push(Diagnostic::new(
                Code::UnterminatedFence,
                &self.source(start),
                "code block opened here is never closed; read to the end of the page",
            ));
        }
        let annotation = self.pending_annotation.take();
        let line = self.line(start);
        self.current().blocks.push(Block::Fence(Fence {
            line,
            info,
            body,
            annotation,
        }));
    }

    fn table_starts_here(&self) -> bool {
        let line = self.lines[self.at].trim();
        if !line.contains('|') {
            return false;
        }
        self.lines
            .get(self.at + 1)
            .is_some_and(|next| is_separator_row(next.trim()))
    }

    fn table(&mut self) {
        let start = self.at;
        let header = split_row(self.lines[start]);
        self.at += 2;
        let mut rows = Vec::new();
        while let Some(line) = self.lines.get(self.at) {
            let t = line.trim();
            if t.is_empty() || !t.contains('|') || heading(t).is_some() || t.starts_with("<!--") {
                break;
            }
            self.at += 1;
            let mut cells = split_row(t);
            if cells.len() > header.len() && !header.is_empty() {
                // An unescaped `|` inside a description: keep the text, joined into the last column.
                let extra = cells.split_off(header.len() - 1);
                self.diagnostics.push(Diagnostic::new(
                    Code::RaggedTableRow,
                    &self.source(self.at - 1),
                    format!(
                        "table row has {} cells but the header has {}; the extra cells are joined into the last column",
                        cells.len() + extra.len(),
                        header.len()
                    ),
                ));
                cells.push(extra.join(" | "));
            }
            rows.push(Row {
                line: self.line(self.at - 1),
                cells,
            });
        }
        let line = self.line(start);
        self.current()
            .blocks
            .push(Block::Table(Table { line, header, rows }));
    }

    fn paragraph(&mut self) {
        let start = self.at;
        let mut text = String::new();
        while let Some(line) = self.lines.get(self.at) {
            let t = line.trim();
            if t.is_empty()
                || t.starts_with("<!--")
                || super::fence::opening(t).is_some()
                || heading(t).is_some()
                || (self.at > start && self.table_starts_here())
            {
                break;
            }
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(t);
            self.at += 1;
        }
        if self.at == start {
            // A line no rule consumed; never loop forever on it.
            self.at += 1;
            return;
        }
        let line = self.line(start);
        self.current()
            .blocks
            .push(Block::Paragraph(Paragraph { line, text }));
    }
}

fn is_tab_terminator(line: &str) -> bool {
    line.len() >= 3 && line.chars().all(|c| c == '-')
}

fn heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = &line[hashes..];
    if !rest.is_empty() && !rest.starts_with(' ') && !rest.starts_with('\t') {
        return None;
    }
    Some((hashes as u8, rest.trim()))
}

fn is_separator_row(line: &str) -> bool {
    line.contains('-')
        && line.contains(['|', '-'])
        && line
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Splits a table row on unescaped pipes, dropping the optional outer pipes.
pub fn split_row(line: &str) -> Vec<String> {
    let line = line.trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let line = if line.ends_with('|') && !line.ends_with("\\|") {
        &line[..line.len() - 1]
    } else {
        line
    };
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cell).trim().to_owned()),
            _ => cell.push(c),
        }
    }
    cells.push(cell.trim().to_owned());
    cells
}
