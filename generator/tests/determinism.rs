//! Same input, byte-identical output, whatever the order pages are read or scheduled in.

mod common;

#[test]
fn generating_twice_gives_identical_files() {
    let render = |reverse: bool| {
        let (mut files, diagnostics) = graphgen::load::load_pages(&common::specs_dir()).unwrap();
        if reverse {
            files.reverse();
        }
        let g = graphgen::generate(&files, "v1.0", diagnostics);
        let mut out = graphgen::format::crate_files(
            &g.emitted,
            "graph-typed",
            graphgen::CLI_HEADER,
            graphgen::local_runtime().as_deref(),
        )
        .unwrap();
        let for_build = common::generate_for_build_script(&files);
        for (name, text) in
            graphgen::format::out_dir_files(&for_build.emitted, graphgen::BUILD_HEADER).unwrap()
        {
            out.insert(format!("out/{name}"), text);
        }
        out.insert("ir.json".into(), serde_json::to_string(&g.schema).unwrap());
        out.insert(
            "report.json".into(),
            serde_json::to_string(&g.report()).unwrap(),
        );
        out
    };
    let first = render(false);
    assert_eq!(first, render(false));
    assert_eq!(first, render(true));
}
