//! Generates the SDK from the pages in `specs/` (or `$GRAPH_SPECS_DIR`) into `OUT_DIR`.
//!
//! A build script may only write below `OUT_DIR`, so the generated code is `include!`d by
//! `generated/lib.rs` rather than written into the source tree.
//!
//! Paths can be selected as with `graphgen generate --include-path`: from the file that
//! `$GRAPH_PATHS_FILE` names, or `graph-paths.txt` at the crate root (`include GLOB` and
//! `exclude GLOB` lines), and from `$GRAPH_INCLUDE_PATHS` and `$GRAPH_EXCLUDE_PATHS` (globs
//! separated by `;`).

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
    let settings = graphgen::Settings {
        selection: selection()?,
        // The features are this crate's manifest's, written by hand: every item is compiled.
        emit: graphgen::emit::Options {
            area_features: false,
        },
    };
    let generation =
        graphgen::generate_selected(&files, &version, load_diagnostics, &settings, &|| {})
            .map_err(|e| format!("path selection: {e}"))?;
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

/// The path selection: a paths file, then the globs of the environment.
fn selection() -> Result<graphgen::select::Selection, String> {
    for var in [
        "GRAPH_PATHS_FILE",
        "GRAPH_INCLUDE_PATHS",
        "GRAPH_EXCLUDE_PATHS",
    ] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    let file = match std::env::var_os("GRAPH_PATHS_FILE") {
        Some(file) => Some(PathBuf::from(file)),
        // Watched only when it exists: cargo reruns a script on every build for a missing path.
        None => Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("graph-paths.txt"))
            .filter(|f| f.is_file()),
    };
    let mut selection = graphgen::select::Selection::default();
    if let Some(file) = file {
        println!("cargo:rerun-if-changed={}", file.display());
        let text = std::fs::read_to_string(&file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        selection = graphgen::select::Selection::from_file_text(&text)
            .map_err(|e| format!("{}: {e}", file.display()))?;
    }
    let globs = |var: &str| -> Vec<String> {
        std::env::var(var)
            .unwrap_or_default()
            .split(';')
            .map(str::trim)
            .filter(|g| !g.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let more = graphgen::select::Selection::new(
        &globs("GRAPH_INCLUDE_PATHS"),
        &globs("GRAPH_EXCLUDE_PATHS"),
    )
    .map_err(|e| e.to_string())?;
    selection.include.extend(more.include);
    selection.exclude.extend(more.exclude);
    Ok(selection)
}
