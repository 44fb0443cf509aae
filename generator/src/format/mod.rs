//! Token streams -> formatted Rust source (prettyplease: no rustfmt needed at build time), laid
//! out either as one file for `include!` or as the files of a standalone crate, whose
//! hand-written files (runtime, manifest tables, crate root) come from [`sdk`].

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::{Emitted, Module};

pub mod sdk;

/// Formats tokens as Rust items: the [`Finish`](crate::emit::Finish) of the pipeline, called
/// on the thread that built them, so no token text is printed and read again. Fails only if
/// the generator produced invalid syntax, which is a bug in the generator: the message names
/// the module.
pub fn format_item(
    tokens: TokenStream,
    what: &str,
    cfg: Option<TokenStream>,
) -> Result<String, String> {
    let bug = |e: syn::Error| {
        format!("generated {what} is not valid Rust ({e}); this is a bug in graphgen")
    };
    let mut file = syn::parse2::<syn::File>(tokens).map_err(bug)?;
    if let Some(cfg) = cfg {
        use syn::parse::Parser;
        let attrs = syn::Attribute::parse_outer.parse2(cfg).map_err(bug)?;
        for item in &mut file.items {
            if let Some(item_attrs) = item_attrs(item) {
                // After the docs, as hand-written code has it.
                let at = item_attrs
                    .iter()
                    .take_while(|a| a.path().is_ident("doc"))
                    .count();
                item_attrs.splice(at..at, attrs.iter().cloned());
            }
        }
    }
    Ok(space_items(&prettyplease::unparse(&file)))
}

fn item_attrs(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    use syn::Item;
    Some(match item {
        Item::Const(i) => &mut i.attrs,
        Item::Enum(i) => &mut i.attrs,
        Item::Fn(i) => &mut i.attrs,
        Item::Impl(i) => &mut i.attrs,
        Item::Mod(i) => &mut i.attrs,
        Item::Static(i) => &mut i.attrs,
        Item::Struct(i) => &mut i.attrs,
        Item::Trait(i) => &mut i.attrs,
        Item::Type(i) => &mut i.attrs,
        Item::Use(i) => &mut i.attrs,
        _ => return None,
    })
}

/// Each module as the text of its file: `preamble` (given the module), then its formatted
/// items. Fails if any item was not valid Rust.
fn module_files(
    emitted: &Emitted,
    preamble: impl Fn(&Module) -> String + Sync,
) -> Result<Vec<(&Module, String)>, String> {
    use rayon::prelude::*;
    if let Some(first) = emitted.invalid.first() {
        return Err(first.clone());
    }
    Ok(emitted
        .modules
        .par_iter()
        .map(|m| {
            // Many megabytes: copied once, into a string of the right size.
            let start = preamble(m);
            let size = start.len() + m.items.iter().map(|i| i.len() + 1).sum::<usize>();
            let mut text = String::with_capacity(size);
            text.push_str(&start);
            for (n, item) in m.items.iter().enumerate() {
                if n > 0 {
                    text.push('\n');
                }
                text.push_str(item);
            }
            (m, text)
        })
        .collect())
}

/// prettyplease packs items together; a blank line after each closing brace that ends an item
/// (before the next item's docs, attributes or keyword) makes the output read like hand-written code.
fn space_items(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    let mut previous = "";
    for line in code.lines() {
        let trimmed = line.trim_start();
        let starts_item = [
            "///", "#[", "pub ", "impl", "fn ", "const ", "async fn", "mod ",
        ]
        .iter()
        .any(|p| trimmed.starts_with(p));
        // Only braces that end an item or an impl's member: a `#[cfg]` on a match arm after a
        // block arm is no item.
        let depth = previous.len() - previous.trim_start().len();
        if starts_item && previous.trim_start() == "}" && depth <= 4 {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        previous = line;
    }
    out
}

fn version_const(emitted: &Emitted) -> TokenStream {
    let version = &emitted.api_version;
    quote! {
        /// The API version of the pages this crate was generated from; requests go to
        /// `{base_url}/{API_VERSION}` unless the client says otherwise.
        pub const API_VERSION: &str = #version;
    }
}

/// The parents of the modules (`models`, `api`, `example_tests`), in order, with their docs
/// and whether they are compiled only for tests.
fn parents(emitted: &Emitted) -> Vec<(&'static str, &'static str, bool)> {
    let mut out: Vec<(&'static str, &'static str, bool)> = Vec::new();
    for m in &emitted.modules {
        if !out.iter().any(|(p, _, _)| *p == m.parent) {
            out.push((m.parent, m.parent_doc, m.test_only));
        }
    }
    out
}

/// A parent's declarations of its modules: each private, its items re-exported so that
/// `models::User` is found whichever file holds it (tests need no re-export).
fn children<'a>(emitted: &'a Emitted, parent: &str) -> impl Iterator<Item = &'a Module> + 'a {
    let parent = parent.to_owned();
    emitted.modules.iter().filter(move |m| m.parent == parent)
}

/// The files for `OUT_DIR`: `graph.rs` declares the modules and includes one file for each;
/// `sdk.rs` adds the runtime module and the client around it, for a crate root to include.
pub fn out_dir_files(emitted: &Emitted, header: &str) -> Result<BTreeMap<String, String>, String> {
    if !emitted.features.is_empty() {
        // The SDK crate's manifest declares no area features: gated items would never compile.
        return Err(
            "the build script's files need a generation without area features \
                    (`emit::Options { area_features: false }`)"
                .into(),
        );
    }
    let version = version_const(emitted);
    let declarations = parents(emitted)
        .into_iter()
        .map(|(parent, doc, test_only)| {
            let name = format_ident!("{}", parent);
            let modules = children(emitted, parent).map(|m| {
                let child = format_ident!("{}", m.name);
                let child_doc = &m.doc;
                let file = format!("/{parent}_{}.rs", m.name);
                let export = (!test_only).then(|| quote!(pub use #child::*;));
                quote! {
                    #[doc = #child_doc]
                    mod #child {
                        include!(concat!(env!("OUT_DIR"), #file));
                    }
                    #export
                }
            });
            let (attrs, vis) = if test_only {
                (quote!(#[cfg(test)]), quote!())
            } else {
                (quote!(), quote!(pub))
            };
            quote! {
                #[doc = #doc]
                #attrs
                #vis mod #name {
                    #(#modules)*
                }
            }
        });
    let mut files = BTreeMap::new();
    let root = format_item(quote!(#version #(#declarations)*), "graph.rs", None)?;
    files.insert("graph.rs".to_owned(), format!("{header}\n\n{root}"));
    let example_tests = emitted.modules.iter().any(|m| m.test_only);
    files.insert(
        "sdk.rs".to_owned(),
        sdk::out_dir_root(header, example_tests),
    );
    for (m, text) in module_files(emitted, |_| format!("{header}\n\n"))? {
        files.insert(format!("{}_{}.rs", m.parent, m.name), text);
    }
    Ok(files)
}

/// The files of a standalone crate, by path relative to its root.
/// The crate depends on `graph-typed-runtime` by version, and by path at `runtime` if given.
pub fn crate_files(
    emitted: &Emitted,
    crate_name: &str,
    header: &str,
    runtime: Option<&std::path::Path>,
) -> Result<BTreeMap<String, String>, String> {
    let mut files = BTreeMap::new();
    files.insert(
        "Cargo.toml".to_owned(),
        sdk::manifest(crate_name, &emitted.features, runtime),
    );
    let mut declarations = format_item(version_const(emitted), "lib.rs", None)?;
    for (parent, doc, test_only) in parents(emitted) {
        let mut text = format!("{header}\n\n//! {doc}\n\n");
        for m in children(emitted, parent) {
            text.push_str(&format!("mod {};\n", m.name));
            if !test_only {
                // The enabled features may leave a module with nothing to re-export.
                text.push_str(&format!(
                    "#[allow(unused_imports)]\npub use {}::*;\n",
                    m.name
                ));
            }
        }
        files.insert(format!("src/{parent}/mod.rs"), text);
        let attrs = if test_only {
            "#[cfg(test)]\nmod"
        } else {
            "pub mod"
        };
        declarations.push_str(&format!("{attrs} {parent};\n"));
    }
    for (m, text) in module_files(emitted, |m| format!("{header}\n\n//! {}\n\n", m.doc))? {
        files.insert(format!("src/{}/{}.rs", m.parent, m.name), text);
    }
    files.insert(
        "src/lib.rs".to_owned(),
        format!("{header}\n\n{}", sdk::lib_rs(declarations.trim_end())),
    );
    files.insert("src/client.rs".to_owned(), sdk::CLIENT.to_owned());
    Ok(files)
}
