//! Generates the SDK from the pages in `specs/` (or `$GRAPH_SPECS_DIR`) into `OUT_DIR`, where
//! `generated/lib.rs` includes it. Paths are selected as `graphgen::Builder::paths_from_env`
//! reads them: `$GRAPH_PATHS_FILE` or `graph-paths.txt`, `$GRAPH_INCLUDE_PATHS`,
//! `$GRAPH_EXCLUDE_PATHS`.

fn main() {
    println!("cargo:rerun-if-env-changed=GRAPH_SPECS_DIR");
    let specs = std::env::var_os("GRAPH_SPECS_DIR")
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/specs").into());
    let built = graphgen::Builder::new(specs)
        .paths_from_env()
        .example_tests(true)
        .generate();
    if let Err(e) = built {
        // A failing build must say why: the pages' errors, with file and line.
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
