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
pub fn format_item(tokens: TokenStream, what: &str) -> Result<String, String> {
    let file = syn::parse2::<syn::File>(tokens).map_err(|e| {
        format!("generated {what} is not valid Rust ({e}); this is a bug in graphgen")
    })?;
    Ok(space_items(&prettyplease::unparse(&file)))
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
        if starts_item && previous.trim_start() == "}" {
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

fn module_attrs(module: &Module) -> TokenStream {
    if module.test_only {
        quote!(#[cfg(test)])
    } else {
        TokenStream::new()
    }
}

/// The files for `OUT_DIR`: `graph.rs`, which `generated/lib.rs` includes, declares the
/// modules and includes one file for each.
pub fn out_dir_files(emitted: &Emitted, header: &str) -> Result<BTreeMap<String, String>, String> {
    let version = version_const(emitted);
    let declarations = emitted.modules.iter().map(|m| {
        let name = format_ident!("{}", m.name);
        let doc = m.doc;
        let attrs = module_attrs(m);
        let file = format!("/{}.rs", m.name);
        let vis = if m.test_only { quote!() } else { quote!(pub) };
        quote! {
            #[doc = #doc]
            #attrs
            #vis mod #name {
                include!(concat!(env!("OUT_DIR"), #file));
            }
        }
    });
    let mut files = BTreeMap::new();
    let root = format_item(quote!(#version #(#declarations)*), "graph.rs")?;
    files.insert("graph.rs".to_owned(), format!("{header}\n\n{root}"));
    for (m, text) in module_files(emitted, |_| format!("{header}\n\n"))? {
        files.insert(format!("{}.rs", m.name), text);
    }
    Ok(files)
}

/// The files of a standalone crate, by path relative to its root.
pub fn crate_files(
    emitted: &Emitted,
    crate_name: &str,
    header: &str,
) -> Result<BTreeMap<String, String>, String> {
    let mut files = BTreeMap::new();
    files.insert("Cargo.toml".to_owned(), sdk::manifest(crate_name));
    let mut declarations = format_item(version_const(emitted), "lib.rs")?;
    for (m, text) in module_files(emitted, |m| format!("{header}\n\n//! {}\n\n", m.doc))? {
        files.insert(format!("src/{}.rs", m.name), text);
        let attrs = if m.test_only {
            "#[cfg(test)]\nmod"
        } else {
            "pub mod"
        };
        declarations.push_str(&format!("{attrs} {};\n", m.name));
    }
    files.insert(
        "src/lib.rs".to_owned(),
        format!("{header}\n\n{}", sdk::lib_rs(declarations.trim_end())),
    );
    for (name, text) in sdk::RUNTIME {
        files.insert(format!("src/runtime/{name}"), (*text).to_owned());
    }
    Ok(files)
}
