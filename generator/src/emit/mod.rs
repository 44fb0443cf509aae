//! The schema -> Rust token streams, one per module of the generated crate.

mod accessors;
mod api_index;
mod base_access;
mod builders;
pub mod docs;
mod enums;
mod examples;
mod gate;
pub mod layout;
mod models;
mod plan;
pub mod surface;

use std::collections::BTreeMap;

pub use examples::ExampleCounts;

use proc_macro2::TokenStream;

use crate::diagnostics::Diagnostic;
use crate::ir::{NameKey, Schema};
use crate::naming::{type_name, Scope};
use docs::LinkTargets;

/// What becomes of each item's tokens, on the thread that built them (token streams cannot
/// cross threads): the pipeline passes [`crate::format::format_item`]. The second argument names
/// the module, the third is the `#[cfg]` every top-level item of the tokens gets; an error means
/// the tokens are not valid Rust, a bug in the generator.
pub type Finish = dyn Fn(TokenStream, &str, Option<TokenStream>) -> Result<String, String> + Sync;

pub use layout::Module;

/// How the crate is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// A cargo feature per area (top-level path segment), each item compiled with the areas
    /// that need it: on for a standalone crate (the default). The SDK's build script turns it
    /// off, since a manifest written by hand cannot list the areas of whatever pages it reads.
    pub area_features: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            area_features: true,
        }
    }
}

pub struct Emitted {
    pub api_version: String,
    /// The areas' feature names, sorted; empty without area features.
    pub features: Vec<String>,
    pub modules: Vec<Module>,
    pub counts: ExampleCounts,
    pub diagnostics: Vec<Diagnostic>,
    /// Why items could not be finished: generated code that is not valid Rust.
    pub invalid: Vec<String>,
}

/// Rust names of the schema's types and enums, unique across both.
pub struct Names {
    by_wire: BTreeMap<NameKey, String>,
    /// Types with derived types: wire name -> (`AnyX` enum name, descendants' wire names,
    /// sorted).
    polymorphic: BTreeMap<NameKey, (String, Vec<String>)>,
    /// Types a list or get returns: wire name -> `XField`, the enum of their property names
    /// for `$select`, `$expand` and `$orderby`.
    fields: BTreeMap<NameKey, String>,
}

impl Names {
    fn new(schema: &Schema) -> Self {
        let mut scope = Scope::new();
        let mut by_wire = BTreeMap::new();
        let wire_names = schema
            .types
            .iter()
            .map(|t| &t.name)
            .chain(schema.enums.iter().map(|e| &e.name));
        for wire in wire_names {
            by_wire.insert(NameKey::of(wire), scope.claim(type_name(wire)));
        }
        // Only a base type that something is typed as needs an `AnyX`, or an abstract one (its
        // values are always of a derived type): an enum of every descendant of every base would
        // be compile time spent on nothing.
        let mut referenced = referenced_types(schema);
        referenced.extend(
            schema
                .types
                .iter()
                .filter(|t| t.is_abstract)
                .map(|t| NameKey::of(&t.name)),
        );
        let mut descendants: BTreeMap<NameKey, Vec<String>> = BTreeMap::new();
        for t in &schema.types {
            for ancestor in schema.ancestors(t) {
                if !referenced.contains(&NameKey::of(ancestor)) {
                    continue;
                }
                descendants
                    .entry(NameKey::of(ancestor))
                    .or_default()
                    .push(t.name.clone());
            }
        }
        let polymorphic = descendants
            .into_iter()
            .map(|(base, mut below)| {
                below.sort();
                let rust = by_wire
                    .get(&base)
                    .cloned()
                    .unwrap_or_else(|| type_name(base.as_str()));
                (base, (scope.claim(format!("Any{rust}")), below))
            })
            .collect();
        let fields = queried_types(schema)
            .into_iter()
            .filter_map(|wire| {
                let rust = by_wire.get(&wire)?.clone();
                Some((wire, scope.claim(format!("{rust}Field"))))
            })
            .collect();
        Names {
            by_wire,
            polymorphic,
            fields,
        }
    }

    /// `XField`, when a list or get returns `wire`.
    pub fn field_enum(&self, wire: &str) -> Option<&str> {
        self.fields.get(&NameKey::of(wire)).map(String::as_str)
    }

    /// `AnyX` and the descendants of `wire`, when other types derive from it.
    pub fn polymorphic(&self, wire: &str) -> Option<&(String, Vec<String>)> {
        self.polymorphic.get(&NameKey::of(wire))
    }

    pub fn rust_type(&self, wire: &str) -> String {
        self.by_wire
            .get(&NameKey::of(wire))
            .cloned()
            .unwrap_or_else(|| type_name(wire))
    }

    /// Link targets by wire name, and by the page that defines a type (`intune-devices-manageddevice`
    /// documents `managedDevice`); a wire name wins over a page's file name.
    fn link_targets(&self, schema: &Schema) -> LinkTargets {
        let by_page = crate::ir::pages_defining(&schema.types);
        let pages = by_page.into_iter().filter_map(|(stem, wire)| {
            Some((stem, format!("crate::models::{}", self.by_wire.get(&wire)?)))
        });
        let wires = self
            .by_wire
            .iter()
            .map(|(wire, rust)| (wire.clone(), format!("crate::models::{rust}")));
        pages.chain(wires).collect()
    }
}

/// The types that operations taking query options return (or list): they get a field enum.
fn queried_types(schema: &Schema) -> std::collections::BTreeSet<NameKey> {
    schema
        .operations
        .iter()
        .filter(|op| !op.query_options.is_empty())
        .filter_map(|op| match &op.response.body.as_ref()?.resolved {
            Some(crate::ir::Resolved::Type(name)) => Some(NameKey::of(name)),
            _ => None,
        })
        .collect()
}

/// The names of the types that properties, parameters, request and response bodies are
/// typed as.
fn referenced_types(schema: &Schema) -> std::collections::BTreeSet<NameKey> {
    schema
        .type_refs()
        .into_iter()
        .filter_map(|(t, _)| match &t.resolved {
            Some(crate::ir::Resolved::Type(name)) => Some(NameKey::of(name)),
            _ => None,
        })
        .collect()
}

/// Builds every item of the generated crate and hands each to `finish` where it was built.
pub fn emit(schema: &Schema, finish: &Finish, options: Options) -> Emitted {
    let names = Names::new(schema);
    let targets = names.link_targets(schema);
    let areas = crate::select::areas::Areas::of(schema);
    let gate = gate::Gate::new(&areas, options.area_features);
    let mut diagnostics = Vec::new();
    let index = api_index::index_api(schema, &names, &mut diagnostics);
    // The example tests are one walk in page order (test names are claimed in that order): it
    // starts first, while the other core builds models and the API item by item; whichever
    // finishes first takes over what is left of the items.
    let ((tests, counts), (models, api)) = rayon::join(
        || examples::emit_example_tests(schema, &index, &gate, finish, &mut diagnostics),
        || {
            rayon::join(
                || models::emit_models(schema, &names, &targets, &gate, finish),
                || builders::emit_api(schema, &index, &names, &targets, &gate, finish),
            )
        },
    );
    let mut invalid = Vec::new();
    let parents = [
        (
            layout::Parent {
                name: "models",
                doc: "Resource types and enumerations, one per page of the reference.",
                test_only: false,
            },
            models,
        ),
        (
            layout::Parent {
                name: "api",
                doc: "Request builders that follow the URL, and one request type per documented operation.",
                test_only: false,
            },
            api,
        ),
        (
            layout::Parent {
                name: "example_tests",
                doc: "Tests generated from the examples on the pages.",
                test_only: true,
            },
            tests,
        ),
    ];
    let mut modules = Vec::new();
    for (parent, items) in parents {
        modules.extend(layout::modules(&parent, items, &areas, &mut invalid));
    }
    Emitted {
        api_version: schema.api_version.clone(),
        features: if options.area_features {
            areas.names.clone()
        } else {
            Vec::new()
        },
        modules,
        counts,
        diagnostics,
        invalid,
    }
}
