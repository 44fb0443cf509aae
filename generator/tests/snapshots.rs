//! Snapshots of what the generator makes of the seed family in `specs/`: the IR of every page and
//! every file of the standalone crate, so that a reviewer sees each change to the output.

mod common;

use std::path::Path;

#[test]
fn ir_of_each_page() {
    let (files, _) = graphgen::load::load_pages(&common::specs_dir()).unwrap();
    assert_eq!(
        files.len(),
        13,
        "the seed family (seven pages and the entity base type) and five drive pages of our own"
    );
    for file in &files {
        let (fragments, diagnostics) = graphgen::understand_page(file);
        let name = Path::new(&file.name)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        insta::assert_json_snapshot!(format!("ir__{name}"), (fragments, diagnostics));
    }
}

#[test]
fn resolved_schema_and_report() {
    let generation = common::generate_dir(&common::specs_dir());
    insta::assert_json_snapshot!("schema", generation.schema);
    insta::assert_json_snapshot!("report", generation.report());
}

#[test]
fn standalone_crate_files() {
    let generation = common::generate_dir(&common::specs_dir());
    let files = graphgen::format::crate_files(
        &generation.emitted,
        "graph-typed",
        graphgen::CLI_HEADER,
        None,
    )
    .unwrap();
    // The client is a hand-written file; the manifest names the runtime by version alone here
    // (a path would be this machine's).
    let generated = |p: &&String| p.as_str() != "src/client.rs";
    for (path, text) in files.iter().filter(|(p, _)| generated(p)) {
        insta::assert_snapshot!(format!("crate__{}", path.replace('/', "__")), text);
    }
}

#[test]
fn build_script_output() {
    let (pages, _) = graphgen::load::load_pages(&common::specs_dir()).unwrap();
    let generation = common::generate_for_build_script(&pages);
    let files =
        graphgen::format::out_dir_files(&generation.emitted, graphgen::BUILD_HEADER).unwrap();
    for (name, text) in files {
        insta::assert_snapshot!(format!("out_dir__{name}"), text);
    }
}
