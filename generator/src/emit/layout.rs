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
    /// The bytes of the area `cfg` the item's top-level items carry with area features
    /// (`Gate::cfg_bytes`), counted with features or without.
    pub cfg_bytes: usize,
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
    let mut by_home: Vec<Vec<Weighed>> = vec![Vec::new(); areas.names.len() + 1];
    for item in items {
        match item.text {
            Ok(text) => {
                let weight = weight(&text, item.cfg_bytes);
                by_home[item.home.unwrap_or(areas.names.len())].push(Weighed { text, weight });
            }
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

/// An item's text and its size as the crate with area features has it.
#[derive(Clone)]
struct Weighed {
    text: String,
    weight: usize,
}

/// The size of an item with an area `cfg` of `cfg_bytes` on each of its top-level items, the same
/// whether `text` has them or not, so that a crate is split alike with and without features.
fn weight(text: &str, cfg_bytes: usize) -> usize {
    let plain = without_area_cfgs(text);
    let top_level = plain
        .lines()
        .filter(|l| {
            [
                "pub ", "impl", "fn ", "const ", "static ", "mod ", "type ", "use ",
            ]
            .iter()
            .any(|k| l.starts_with(k))
        })
        .count();
    plain.len() + top_level * cfg_bytes
}

/// Consecutive runs of items of at most [`MAX_MODULE_BYTES`] (an item larger than that alone).
fn split(items: Vec<Weighed>) -> Vec<Vec<String>> {
    let mut parts = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut size = 0;
    for item in items {
        if size + item.weight > MAX_MODULE_BYTES && !current.is_empty() {
            parts.push(std::mem::take(&mut current));
            size = 0;
        }
        size += item.weight + 1;
        current.push(item.text);
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
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

    fn weighed(text: &str) -> Weighed {
        Weighed {
            text: text.to_owned(),
            weight: weight(text, 0),
        }
    }

    #[test]
    fn a_module_over_the_limit_is_split_in_order() {
        let big = "x".repeat(MAX_MODULE_BYTES / 2 + 1);
        let items = vec![
            weighed(&big),
            weighed(&big),
            weighed(&big),
            weighed("small"),
        ];
        let parts = split(items);
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[2], [big, "small".to_owned()]);
    }

    #[test]
    fn an_item_weighs_the_same_with_and_without_its_area_cfgs() {
        let gated =
            "#[cfg(\n    any(\n        feature = \"a\",\n    )\n)]\n#[cfg(test)]\nfn f() {}\n";
        let plain = "#[cfg(test)]\nfn f() {}\n";
        assert_eq!(weight(gated, 40), weight(plain, 40));
        assert_eq!(weight(plain, 40), plain.len() + 40);
    }
}
