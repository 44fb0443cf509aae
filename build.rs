//! Generates the SDK from the pages in `specs/` (or `$GRAPH_SPECS_DIR`) into `OUT_DIR`.
//!
//! A build script may only write below `OUT_DIR`, so the generated code is `include!`d by
//! `generated/lib.rs` rather than written into the source tree.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-env-changed=GRAPH_SPECS_DIR");
    let specs = std::env::var_os("GRAPH_SPECS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("specs"));
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    if let Err(message) = generate(&specs, &out_dir) {
        // A failing build must say why; nothing else is worth a build error.
        eprintln!("error: {message}");
        std::process::exit(1);
    }
}

fn generate(specs: &Path, out_dir: &Path) -> Result<(), String> {
    println!("cargo:rerun-if-changed={}", specs.display());
    let pages = graphgen::load::find_pages(specs)
        .map_err(|e| format!("cannot read the pages in {}: {e}", specs.display()))?;
    for page in &pages {
        println!("cargo:rerun-if-changed={}", page.display());
    }
    let (files, load_diagnostics) = graphgen::load::load_pages(specs)
        .map_err(|e| format!("cannot read the pages in {}: {e}", specs.display()))?;
    let version = graphgen::detect_api_version(specs);
    let generation = graphgen::generate(&files, &version, load_diagnostics);
    for d in generation
        .diagnostics
        .iter()
        .filter(|d| d.severity == graphgen::diagnostics::Severity::Error)
    {
        println!("cargo:warning={}: {d}", specs.display());
    }
    let files = graphgen::format::out_dir_files(&generation.emitted, graphgen::BUILD_HEADER)?;
    let write = |name: &str, text: &str| {
        graphgen::write::write_file_if_changed(&out_dir.join(name), text)
            .map_err(|e| format!("cannot write {name}: {e}"))
    };
    for (name, text) in &files {
        write(name, text)?;
    }
    let report = serde_json::to_string_pretty(&generation.report()).map_err(|e| e.to_string())?;
    write("report.json", &report)?;
    Ok(())
}
