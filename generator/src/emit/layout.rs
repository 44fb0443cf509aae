//! Items -> modules a person and an editor can open: one per area (the first area that needs
//! an item holds it), one for what no operation reaches, and parts of a module that would
//! exceed [`MAX_MODULE_BYTES`]. The parent module re-exports them all, so `models::User` is
//! `models::User` whichever file holds it.

use crate::naming::{snake_name, Scope};
use crate::select::areas::Areas;

/// The largest file a module is written as, give or take one item.
pub const MAX_MODULE_BYTES: usize = 1_500_000;

/// A finished item and the area whose module holds it (`None`: no operation reaches it).
pub struct Placed {
    pub home: Option<usize>,
    pub text: Result<String, String>,
}

/// One module of generated code: `parent::name`, written as `parent/name.rs`.
pub struct Module {
    /// `models`, `api` or `example_tests`.
    pub parent: &'static str,
    pub parent_doc: &'static str,
    pub name: String,
    pub doc: String,
    /// The module's items, each as [`super::Finish`] made it (formatted Rust), in a
    /// deterministic order.
    pub items: Vec<String>,
    /// Compiled only for `cargo test`.
    pub test_only: bool,
}

/// A parent module and what it holds.
pub struct Parent {
    pub name: &'static str,
    pub doc: &'static str,
    pub test_only: bool,
}

/// The modules of one parent, in area order; an item that is not valid Rust goes to `invalid`.
pub fn modules(
    parent: &Parent,
    items: Vec<Placed>,
    areas: &Areas,
    invalid: &mut Vec<String>,
) -> Vec<Module> {
    let mut names = Scope::new();
    let mut by_home: Vec<Vec<String>> = vec![Vec::new(); areas.names.len() + 1];
    for item in items {
        match item.text {
            Ok(text) => by_home[item.home.unwrap_or(areas.names.len())].push(text),
            Err(e) => invalid.push(e),
        }
    }
    let mut out = Vec::new();
    for (home, items) in by_home.into_iter().enumerate() {
        if items.is_empty() {
            continue;
        }
        let (stem, doc) = match areas.names.get(home) {
            Some(area) => (
                snake_name(area),
                format!(
                    "The part of `{}` the `{area}` area needs first.",
                    parent.name
                ),
            ),
            None => (
                "unreached".to_owned(),
                format!(
                    "The part of `{}` that no documented operation reaches.",
                    parent.name
                ),
            ),
        };
        for (n, part) in split(items).into_iter().enumerate() {
            let name = match n {
                0 => names.claim(stem.clone()),
                _ => names.claim(format!("{stem}_{}", n + 1)),
            };
            out.push(Module {
                parent: parent.name,
                parent_doc: parent.doc,
                name,
                doc: doc.clone(),
                items: part,
                test_only: parent.test_only,
            });
        }
    }
    out
}

/// Consecutive runs of items of at most [`MAX_MODULE_BYTES`] (an item larger than that alone).
fn split(items: Vec<String>) -> Vec<Vec<String>> {
    let mut parts = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut size = 0;
    for item in items {
        let weight = size_without_area_cfgs(&item);
        if size + weight > MAX_MODULE_BYTES && !current.is_empty() {
            parts.push(std::mem::take(&mut current));
            size = 0;
        }
        size += weight + 1;
        current.push(item);
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

/// An item's size without its area `cfg` attributes, so that a crate is split alike with and
/// without area features.
fn size_without_area_cfgs(item: &str) -> usize {
    without_area_cfgs(item).len()
}

/// The text without its `#[cfg(feature = …)]` and `#[cfg(any(feature = …))]` attributes (which
/// prettyplease may spread over several lines); `#[cfg(test)]` stays.
pub fn without_area_cfgs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut skipping = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if !skipping && trimmed.starts_with("#[cfg(") && trimmed != "#[cfg(test)]" {
            skipping = true;
        }
        if skipping {
            skipping = !trimmed.ends_with(")]");
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_module_over_the_limit_is_split_in_order() {
        let big = "x".repeat(MAX_MODULE_BYTES / 2 + 1);
        let parts = split(vec![big.clone(), big.clone(), big.clone(), "small".into()]);
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[2], [big, "small".to_owned()]);
    }

    #[test]
    fn area_cfgs_do_not_count_towards_the_size() {
        let item =
            "#[cfg(\n    any(\n        feature = \"a\",\n    )\n)]\n#[cfg(test)]\nfn f() {}\n";
        assert_eq!(
            size_without_area_cfgs(item),
            "#[cfg(test)]\nfn f() {}\n".len()
        );
    }
}
