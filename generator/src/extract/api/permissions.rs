//! The permissions tables of an API page. Most pages give one table with a row per kind
//! (`Delegated (work or school account) | A, B`, possibly split into least and higher privileged
//! columns). Others give:
//! - one table per group of request lines, each under its own subsection (`### Permissions for
//!   channel`, `### Permissions for chat`): each row then holds for that group's paths only;
//! - scenario rows: a kind row with no permissions, followed by rows that name a scenario
//!   (`Mobile app management (MAM)`, `Policy Set`) and hold that kind's permissions for it;
//! - one row per resource and one column per kind (subscriptions), which the header tells apart.

use crate::diagnostics::{Code, Diagnostic};
use crate::ir::{PathTemplate, Permission, PermissionKind, PermissionScope};
use crate::parse::inline;
use crate::parse::page::{Block, Page, Section, Table};

/// Every permissions table of the page, scoped where it sits in a subsection of its own.
pub(super) fn permissions(page: &Page, diagnostics: &mut Vec<Diagnostic>) -> Vec<Permission> {
    let Some(start) = page.sections.iter().position(|s| {
        let h = s.heading.to_ascii_lowercase();
        h.starts_with("permissions") || h.starts_with("prerequisites")
    }) else {
        return Vec::new();
    };
    let top = &page.sections[start];
    let below = page.sections[start + 1..]
        .iter()
        .take_while(|s| s.level > top.level);
    let mut out = Vec::new();
    for section in std::iter::once(top).chain(below) {
        let label = (!std::ptr::eq(section, top)).then(|| scope_label(&section.heading));
        for table in section.tables() {
            if !is_permissions_table(table) {
                diagnostics.push(Diagnostic::new(
                    Code::PermissionTableUnread,
                    &page.source(table.line),
                    format!(
                        "a table under `{}` names no kind of permission in its first column or header; not read",
                        section.heading
                    ),
                ));
                continue;
            }
            let scope = label.as_ref().map(|label| PermissionScope {
                label: label.clone(),
                paths: Vec::new(),
            });
            for mut row in read_table(page, table, diagnostics) {
                row.scope = scope.clone();
                out.push(row);
            }
        }
    }
    out
}

/// `Permissions for channel` -> `channel`, `For users:` -> `users`, `Permissions acting on
/// self` -> `acting on self`.
fn scope_label(heading: &str) -> String {
    let mut label = heading.trim().trim_end_matches(':').trim();
    for prefix in ["permissions", "for "] {
        if label.len() >= prefix.len() && label[..prefix.len()].eq_ignore_ascii_case(prefix) {
            label = label[prefix.len()..].trim_start();
        }
    }
    if let Some(at) = label.to_ascii_lowercase().find(" for ") {
        label = &label[at + 5..];
    }
    label.trim().to_owned()
}

fn is_permissions_table(table: &Table) -> bool {
    let header_kinds = table
        .header
        .iter()
        .any(|h| PermissionKind::from_text(&inline::plain_text(h)) != PermissionKind::Other);
    let first_header = table
        .header
        .first()
        .map(|h| inline::plain_text(h).to_ascii_lowercase())
        .unwrap_or_default();
    header_kinds
        || first_header.contains("permission")
        || table.rows.iter().any(|r| {
            r.cells.first().is_some_and(|c| {
                PermissionKind::from_text(&inline::plain_text(c)) != PermissionKind::Other
            })
        })
}

fn read_table(page: &Page, table: &Table, diagnostics: &mut Vec<Diagnostic>) -> Vec<Permission> {
    let column_kinds: Vec<PermissionKind> = table
        .header
        .iter()
        .skip(1)
        .map(|h| PermissionKind::from_text(&inline::plain_text(h)))
        .collect();
    let per_resource = column_kinds.iter().any(|k| *k != PermissionKind::Other);
    let mut out = Vec::new();
    // The kind row whose permission cells are empty: the scenario rows below it are its.
    let mut open_kind: Option<(PermissionKind, String)> = None;
    for row in &table.rows {
        let Some(first) = row.cells.first().map(|c| inline::plain_text(c)) else {
            continue;
        };
        if per_resource {
            for (cell, kind) in row.cells.iter().skip(1).zip(&column_kinds) {
                let names = permission_names(std::slice::from_ref(cell));
                out.push(Permission {
                    resource: Some(first.clone()),
                    ..plain(*kind, kind.label().to_owned(), names)
                });
            }
            continue;
        }
        let names = permission_names(row.cells.get(1..).unwrap_or_default());
        let kind = PermissionKind::from_text(&first);
        if kind != PermissionKind::Other {
            let states_nothing = row
                .cells
                .iter()
                .skip(1)
                .all(|c| inline::plain_text(c).is_empty());
            open_kind = states_nothing.then(|| (kind, first.clone()));
            out.push(plain(kind, first, names));
            continue;
        }
        let scenario = first
            .trim_matches(|c: char| c.is_whitespace() || c == '*')
            .to_owned();
        match &open_kind {
            Some((kind, label)) if !scenario.is_empty() => out.push(Permission {
                scenario: Some(scenario),
                ..plain(*kind, label.clone(), names)
            }),
            _ => {
                diagnostics.push(Diagnostic::new(
                    Code::PermissionKindUnknown,
                    &page.source(row.line),
                    format!("permissions row `{first}` names no kind of permission"),
                ));
                out.push(plain(kind, first, names));
            }
        }
    }
    out
}

fn plain(kind: PermissionKind, permission_type: String, permissions: Vec<String>) -> Permission {
    Permission {
        permission_type,
        kind,
        resource: None,
        permissions,
        scope: None,
        scenario: None,
    }
}

/// The names in `cells`, in order; `Not supported.` and `Not available.` name none.
fn permission_names(cells: &[String]) -> Vec<String> {
    cells
        .iter()
        .flat_map(|c| {
            inline::plain_text(c)
                .split(',')
                .map(|p| p.trim().to_owned())
                .collect::<Vec<_>>()
        })
        .filter(|p| {
            let folded = p.to_ascii_lowercase();
            !p.is_empty()
                && !folded.starts_with("not supported")
                && !folded.starts_with("not available")
        })
        .collect()
}

/// A group of request lines: the lines of one request block, and the prose that introduces it
/// (`**Get message in a channel**`, `To get a message in a chat:`, a subsection's heading).
pub(super) struct RequestGroup {
    pub lines: std::ops::RangeInclusive<usize>,
    pub prose: String,
}

/// The request blocks of the HTTP request section and its subsections, each with the prose or
/// heading just above it.
pub(super) fn request_groups(page: &Page, section: &Section) -> Vec<RequestGroup> {
    let below = page
        .sections
        .iter()
        .skip_while(|s| !std::ptr::eq(*s, section))
        .take_while(|s| std::ptr::eq(*s, section) || s.level > section.level);
    let mut out = Vec::new();
    for s in below {
        let mut prose = s.heading.clone();
        for block in &s.blocks {
            match block {
                Block::Paragraph(p) => prose = p.text.clone(),
                Block::Fence(f) => out.push(RequestGroup {
                    lines: f.line..=f.line + f.body.lines().count() + 1,
                    prose: std::mem::take(&mut prose),
                }),
                Block::Table(_) => {}
            }
        }
    }
    out
}

/// Subsections that name none of the page's request lines are about kinds of resource, not
/// paths (`For users:`, `For groups:` on a page of one path): their rows become rows per
/// resource, reported once per label.
pub(super) fn settle_scopes(
    page: &Page,
    rows: &mut [Permission],
    groups: &[RequestGroup],
    paths: &[&PathTemplate],
    diagnostics: &mut Vec<Diagnostic>,
) {
    scope_paths(rows, groups, paths);
    let mut reported: Vec<String> = Vec::new();
    for row in rows.iter_mut() {
        let Some(scope) = row.scope.take_if(|s| s.paths.is_empty()) else {
            continue;
        };
        if !reported.contains(&scope.label) {
            diagnostics.push(Diagnostic::new(
                Code::PermissionScopeUnmatched,
                &page.source(paths.first().map_or(1, |p| p.source.line)),
                format!(
                    "the permissions for `{}` name no request line of this page (by the prose above a request block, or a path segment); read as permissions per resource",
                    scope.label
                ),
            ));
            reported.push(scope.label.clone());
        }
        row.resource = Some(scope.label);
    }
}

/// Fills in, for each scoped row, the templates of `paths` its subsection covers: those in the
/// request blocks whose prose names the label's words, else (where no prose on the page names
/// them) those with a segment that does (`channel` -> `/channels/`, `self` -> `/me/`).
pub(super) fn scope_paths(
    rows: &mut [Permission],
    groups: &[RequestGroup],
    paths: &[&PathTemplate],
) {
    for row in rows.iter_mut() {
        let Some(scope) = row.scope.as_mut() else {
            continue;
        };
        let words = label_words(&scope.label);
        let by_prose: Vec<&PathTemplate> = paths
            .iter()
            .copied()
            .filter(|p| {
                groups
                    .iter()
                    .find(|g| g.lines.contains(&p.source.line))
                    .is_some_and(|g| names_all(&g.prose, &words))
            })
            .collect();
        // Segments decide only where no prose on the page names the label: a subsection whose
        // prose names another method's block covers none of this operation's paths.
        let prose_names_it = groups.iter().any(|g| names_all(&g.prose, &words));
        let covered = if !prose_names_it {
            paths
                .iter()
                .copied()
                .filter(|p| {
                    words.iter().any(|w| {
                        p.template
                            .split('/')
                            .any(|segment| same_word(&segment.to_ascii_lowercase(), w))
                    })
                })
                .collect()
        } else {
            by_prose
        };
        scope.paths = covered.iter().map(|p| p.template.clone()).collect();
    }
}

const STOP_WORDS: &[&str] = &["a", "an", "the", "in", "on", "of", "for", "to", "and", "or"];

fn label_words(label: &str) -> Vec<String> {
    label
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_ascii_lowercase)
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(&w.as_str()))
        .collect()
}

fn names_all(prose: &str, words: &[String]) -> bool {
    let prose: Vec<String> = prose
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_ascii_lowercase)
        .collect();
    !words.is_empty() && words.iter().all(|w| prose.iter().any(|p| same_word(p, w)))
}

/// Whole words, singular or plural; `me` is the signed-in user's `self`.
fn same_word(candidate: &str, word: &str) -> bool {
    candidate == word
        || (candidate == "me" && word == "self")
        || candidate.strip_suffix('s') == Some(word)
        || candidate.strip_suffix("es") == Some(word)
        || word.strip_suffix('s') == Some(candidate)
}
