//! A diff as text: rustc-style for a terminal, JSON for tools, markdown as a CHANGELOG section.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use super::{highest, next_version, Action, Change, Class};

/// Changes per class.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub major: usize,
    pub minor: usize,
    pub patch: usize,
    /// Changes that compile but make a program do something else.
    pub behaviour: usize,
}

impl Counts {
    pub fn of(changes: &[Change]) -> Counts {
        let mut counts = Counts::default();
        for c in changes {
            match c.class {
                Class::Major => counts.major += 1,
                Class::Minor => counts.minor += 1,
                Class::Patch => counts.patch += 1,
            }
            counts.behaviour += usize::from(c.behaviour.is_some());
        }
        counts
    }
}

/// The whole answer of `graphgen diff`, as JSON prints it.
#[derive(Serialize)]
pub struct Report<'a> {
    /// The highest class, `null` when nothing changed.
    pub class: Option<Class>,
    pub counts: Counts,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_version: Option<String>,
    pub changes: &'a [Change],
}

impl<'a> Report<'a> {
    pub fn new(changes: &'a [Change], current: Option<&semver::Version>) -> Self {
        let class = highest(changes);
        Report {
            class,
            counts: Counts::of(changes),
            current_version: current.map(ToString::to_string),
            next_version: current.map(|v| next_version(v, class).to_string()),
            changes,
        }
    }
}

fn action(a: Action) -> &'static str {
    match a {
        Action::Added => "added",
        Action::Removed => "removed",
        Action::Changed => "changed",
    }
}

/// rustc-style: one block per change, the class first, then a summary line.
pub fn human(report: &Report<'_>) -> String {
    let mut out = String::new();
    for c in report.changes {
        let _ = writeln!(
            out,
            "{}[{}]: {} `{}`",
            c.class.as_str(),
            action(c.action),
            c.kind.noun(),
            c.item
        );
        if let Some(source) = &c.source {
            let _ = writeln!(out, "  --> {}:{}", source.file, source.line);
        }
        if let Some(before) = &c.before {
            let _ = writeln!(out, "   = before: {before}");
        }
        if let Some(after) = &c.after {
            let _ = writeln!(out, "   = after: {after}");
        }
        let _ = writeln!(out, "   = why: {}", c.reason);
        if let Some(b) = &c.behaviour {
            let _ = writeln!(out, "   = behaviour: {b}");
        }
        out.push('\n');
    }
    out.push_str(&summary(report));
    out.push('\n');
    out
}

/// `3 major, 11 minor and 40 patch changes (2 change behaviour); next version 0.3.0`.
pub fn summary(report: &Report<'_>) -> String {
    let n = report.counts;
    let mut text = if report.changes.is_empty() {
        "no change to the public API".to_owned()
    } else {
        format!(
            "{} major, {} minor and {} patch changes ({} change behaviour)",
            n.major, n.minor, n.patch, n.behaviour
        )
    };
    if let (Some(current), Some(next)) = (&report.current_version, &report.next_version) {
        let _ = write!(text, "; next version {next} (from {current})");
    }
    text
}

/// A CHANGELOG section: the version, then per area the breaking changes, the additions and
/// the fixes, each behaviour change marked.
pub fn markdown(report: &Report<'_>) -> String {
    let mut out = String::new();
    let title = report.next_version.as_deref().unwrap_or("Unreleased");
    let _ = writeln!(out, "## {title}\n");
    let _ = writeln!(out, "{}.\n", summary(report));
    let mut by_area: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
    for c in report.changes {
        by_area.entry(c.area.as_str()).or_default().push(c);
    }
    for (area, changes) in by_area {
        let _ = writeln!(out, "### `{area}`\n");
        for (class, heading) in [
            (Class::Major, "Breaking"),
            (Class::Minor, "Added"),
            (Class::Patch, "Changed"),
        ] {
            let of_class: Vec<&&Change> = changes.iter().filter(|c| c.class == class).collect();
            if of_class.is_empty() {
                continue;
            }
            let _ = writeln!(out, "#### {heading}\n");
            for c in of_class {
                let _ = write!(out, "- {} {} `{}`", action(c.action), c.kind.noun(), c.item);
                if let (Some(before), Some(after)) = (&c.before, &c.after) {
                    if short(before) && short(after) {
                        let _ = write!(out, ": `{before}` -> `{after}`");
                    }
                }
                if let Some(b) = &c.behaviour {
                    let _ = write!(out, " (**behaviour:** {b})");
                }
                out.push('\n');
            }
            out.push('\n');
        }
    }
    out
}

/// Whether a value fits in a changelog line as code (descriptions do not).
fn short(text: &str) -> bool {
    text.len() <= 120 && !text.contains('`') && !text.contains('\n')
}
