//! Token streams -> formatted Rust source (prettyplease: no rustfmt needed at build time), laid
//! out either as one file for `include!` or as the files of a standalone crate.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::{Emitted, Module};

/// The `Cargo.toml` of the SDK crate; the standalone crate takes its dependencies from it, so the
/// two never drift apart.
const SDK_MANIFEST: &str = include_str!("../../Cargo.toml");
/// The SDK crate's root; the standalone crate's `lib.rs` is this file with the `include!` replaced.
const SDK_LIB: &str = include_str!("../../generated/lib.rs");
const INCLUDE_LINE: &str = "include!(concat!(env!(\"OUT_DIR\"), \"/graph.rs\"));";

macro_rules! runtime_files {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../generated/runtime/", $name)))),*]
    };
}

/// The hand-written runtime, carried into every standalone crate. A test checks that this list
/// names every file of `generated/runtime/`.
const RUNTIME: &[(&str, &str)] = runtime_files![
    "auth.rs",
    "batch.rs",
    "binary.rs",
    "cast.rs",
    "client.rs",
    "datetime.rs",
    "dispatch.rs",
    "edm.rs",
    "endpoint.rs",
    "error.rs",
    "json_path.rs",
    "mod.rs",
    "model.rs",
    "nullable.rs",
    "operation.rs",
    "page.rs",
    "paging.rs",
    "reference.rs",
    "request.rs",
    "response.rs",
    "retry.rs",
    "testing.rs",
];

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
    files.insert("Cargo.toml".to_owned(), manifest(crate_name));
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
    let lib = standalone_crate_docs()
        + &without_readme_doctest(SDK_LIB).replace(INCLUDE_LINE, declarations.trim_end());
    files.insert("src/lib.rs".to_owned(), format!("{header}\n\n{lib}"));
    for (name, text) in RUNTIME {
        files.insert(format!("src/runtime/{name}"), (*text).to_owned());
    }
    Ok(files)
}

/// The SDK's crate docs show its own operations; a crate generated from other pages gets docs
/// that hold for any pages.
fn standalone_crate_docs() -> String {
    "//! A typed Microsoft Graph SDK, generated by `graphgen` from Graph API reference pages.\n\
     //!\n\
     //! Start from a [`Client`]: its methods follow the URL of each documented operation, and each\n\
     //! operation can be sent (`send().await`) or turned into a plain `http::Request` without I/O.\n\
     //! Models are in [`models`]; every property distinguishes absent, `null` and a value\n\
     //! ([`Nullable`]).\n"
        .to_owned()
}

/// The SDK's `lib.rs` compiles the repository README as a doc test; a standalone crate has no README.
fn without_readme_doctest(lib: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    // The SDK's own crate docs (the leading `//!` block) are replaced, see above.
    for line in lib.lines().skip_while(|l| l.starts_with("//!")) {
        if line.starts_with("// BEGIN README DOCTEST") {
            skipping = true;
        } else if line.starts_with("// END README DOCTEST") {
            skipping = false;
        } else if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn manifest(crate_name: &str) -> String {
    let dependencies = section(SDK_MANIFEST, "[dependencies]");
    let features = section(SDK_MANIFEST, "[features]");
    format!(
        "# @generated by graphgen generate. Do not edit: regenerate instead.\n\
         [package]\n\
         name = \"{crate_name}\"\n\
         version = \"0.1.0\"\n\
         edition = \"2021\"\n\
         description = \"Typed Microsoft Graph SDK generated from the Graph API reference pages\"\n\
         license = \"MIT OR Apache-2.0\"\n\
         \n\
         [lib]\n\
         name = \"{lib}\"\n\
         \n\
         # A crate of its own, even when generated inside another workspace.\n\
         [workspace]\n\
         \n\
         [features]\n\
         {features}\n\
         \n\
         [dependencies]\n\
         {dependencies}\n",
        lib = crate_name.replace('-', "_"),
    )
}

/// The lines of a TOML table, up to the next table header.
fn section(manifest: &str, header: &str) -> String {
    manifest
        .lines()
        .skip_while(|l| l.trim() != header)
        .skip(1)
        .take_while(|l| !l.trim_start().starts_with('['))
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_runtime_file_is_carried_into_standalone_crates() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/runtime");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".rs"))
            .collect();
        on_disk.sort();
        let listed: Vec<&str> = RUNTIME.iter().map(|(n, _)| *n).collect();
        assert_eq!(on_disk, listed);
    }

    #[test]
    fn standalone_manifest_carries_dependencies_and_features() {
        let m = manifest("my-graph");
        assert!(m.contains("name = \"my-graph\""));
        assert!(m.contains("name = \"my_graph\""));
        assert!(m.contains("client-credentials = []"));
        assert!(m.contains("reqwest = "));
        assert!(
            !m.contains("path = \"generator\""),
            "build dependencies stay behind"
        );
    }
}
