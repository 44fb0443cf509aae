//! Two generated public APIs ([`Surface`]) -> the changes between them, each classified by what
//! it means for a crate that depends on the generated one (Rust's semver rules, as
//! cargo-semver-checks applies them), with the behaviour changes that still compile.

pub mod render;
#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::diagnostics::Source;
use crate::emit::surface::{Item, ItemKind, Surface};
use crate::select::areas::ALL_AREAS;

/// What a change asks of the next version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    /// Only docs, or what is sent and read, changed: code that compiled compiles the same.
    Patch,
    /// Something was added: code that compiled still compiles.
    Minor,
    /// Code that compiled may not compile any more.
    Major,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Patch => "patch",
            Class::Minor => "minor",
            Class::Major => "major",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Added,
    Removed,
    Changed,
}

/// One change to one item of the public API.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub class: Class,
    pub action: Action,
    /// The Rust path: `models::User.display_name`.
    pub item: String,
    pub kind: ItemKind,
    /// Why it has its class.
    pub reason: String,
    /// What a program that still compiles now does differently, if anything.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub behaviour: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// The cargo feature that compiles the item (its first), for grouping.
    pub area: String,
    /// Where the page says it: the new page, else the old one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// Every change from `old` to `new`, in the order of the items' paths.
pub fn diff(old: &Surface, new: &Surface) -> Vec<Change> {
    let mut changes = Vec::new();
    let paths: std::collections::BTreeSet<&String> =
        old.items.keys().chain(new.items.keys()).collect();
    for path in paths {
        match (old.items.get(path), new.items.get(path)) {
            (None, Some(item)) => changes.push(added(path, item)),
            (Some(item), None) => changes.push(removed(path, item)),
            (Some(before), Some(after)) => changes.extend(changed(path, before, after)),
            (None, None) => {}
        }
    }
    changes
}

/// The highest class among `changes`; `None` when nothing changed.
pub fn highest(changes: &[Change]) -> Option<Class> {
    changes.iter().map(|c| c.class).max()
}

/// The version after `current` for changes of class `class`. Below 1.0, cargo treats the
/// minor number as the major one.
pub fn next_version(current: &semver::Version, class: Option<Class>) -> semver::Version {
    let Some(class) = class else {
        return current.clone();
    };
    let (major, minor, patch) = (current.major, current.minor, current.patch);
    let (major, minor, patch) = match (class, major) {
        (Class::Major, 0) => (0, minor + 1, 0),
        (Class::Major, _) => (major + 1, 0, 0),
        (Class::Minor, 0) => (0, minor, patch + 1),
        (Class::Minor, _) => (major, minor + 1, 0),
        (Class::Patch, _) => (major, minor, patch + 1),
    };
    semver::Version::new(major, minor, patch)
}

fn area(item: &Item) -> String {
    item.features
        .iter()
        .find(|f| *f != ALL_AREAS)
        .or(item.features.first())
        .cloned()
        .unwrap_or_else(|| "all".to_owned())
}

fn shown(item: &Item) -> Option<String> {
    // A field name's discriminant is a hash; its JSON name says more.
    let first = if item.kind == ItemKind::FieldVariant {
        item.wire.as_str()
    } else {
        item.signature.as_str()
    };
    [first, item.wire.as_str()]
        .iter()
        .find(|s| !s.is_empty())
        .map(|s| s.to_string())
}

fn added(path: &str, item: &Item) -> Change {
    let reason = match item.kind {
        ItemKind::Field => {
            "a new field: the struct is `#[non_exhaustive]`, so no code built one by its fields"
        }
        ItemKind::Variant | ItemKind::DerivedVariant | ItemKind::FieldVariant => {
            "a new variant: the enum is `#[non_exhaustive]`, so every `match` on it has a `_` arm"
        }
        ItemKind::Feature => "a new cargo feature",
        _ => "a new item: code that compiled still compiles",
    };
    let behaviour = match item.kind {
        ItemKind::Variant => Some(format!(
            "the value `{}` read as `Unrecognized(\"{}\")` before and reads as this variant now",
            item.wire, item.wire
        )),
        ItemKind::DerivedVariant => Some(format!(
            "an object of `@odata.type` `{}` read as the base type before and reads as this variant now",
            item.wire
        )),
        _ => None,
    };
    Change {
        class: Class::Minor,
        action: Action::Added,
        item: path.to_owned(),
        kind: item.kind,
        reason: reason.to_owned(),
        behaviour,
        before: None,
        after: shown(item),
        area: area(item),
        source: item.source.clone(),
    }
}

fn removed(path: &str, item: &Item) -> Change {
    let behaviour = match item.kind {
        ItemKind::Variant => Some(format!(
            "the value `{}` reads as `Unrecognized(\"{}\")` now",
            item.wire, item.wire
        )),
        _ => None,
    };
    Change {
        class: Class::Major,
        action: Action::Removed,
        item: path.to_owned(),
        kind: item.kind,
        reason: format!(
            "the {} is gone: code that names it no longer compiles",
            item.kind.noun()
        ),
        behaviour,
        before: shown(item),
        after: None,
        area: area(item),
        source: item.source.clone(),
    }
}

/// What changed in one item; a description-only edit is a patch.
fn changed(path: &str, before: &Item, after: &Item) -> Option<Change> {
    let change = |class, reason: String, behaviour, shown: fn(&Item) -> String| Change {
        class,
        action: Action::Changed,
        item: path.to_owned(),
        kind: after.kind,
        reason,
        behaviour,
        before: Some(shown(before)),
        after: Some(shown(after)),
        area: area(after),
        source: after.source.clone().or_else(|| before.source.clone()),
    };
    if before.kind != after.kind || before.signature != after.signature {
        let behaviour = (after.kind == ItemKind::Endpoint)
            .then(|| "the operation answers a different type".to_owned());
        let reason = format!(
            "the {}'s type changed: code that uses it as it was no longer compiles",
            after.kind.noun()
        );
        return Some(change(Class::Major, reason, behaviour, |i| {
            i.signature.clone()
        }));
    }
    let lost: Vec<&str> = before
        .features
        .iter()
        .filter(|f| *f != ALL_AREAS && !after.features.contains(f))
        .map(String::as_str)
        .collect();
    if !lost.is_empty() {
        let reason =
            format!(
            "no longer compiled with the feature{} {}: a crate that enables only those loses it",
            if lost.len() == 1 { "" } else { "s" },
            lost.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
        );
        return Some(change(Class::Major, reason, None, |i| {
            i.features.join(", ")
        }));
    }
    if before.wire != after.wire {
        let behaviour = Some(format!("on the wire: {} -> {}", before.wire, after.wire));
        let reason = "what is sent and read changed, not the Rust type".to_owned();
        return Some(change(Class::Patch, reason, behaviour, |i| i.wire.clone()));
    }
    if before.features != after.features {
        let reason = "now compiled with more features".to_owned();
        return Some(change(Class::Minor, reason, None, |i| {
            i.features.join(", ")
        }));
    }
    if before.doc != after.doc {
        let reason = "the description changed".to_owned();
        return Some(change(Class::Patch, reason, None, |i| i.doc.clone()));
    }
    None
}
