//! A consumer's crate outside this workspace (`tests/consumer/`): its `build.rs` generates a
//! selection of `specs/` with `graphgen::Builder`, its `lib.rs` is one `include_sdk!()`, and its
//! test calls the generated API against a server on 127.0.0.1. It builds offline and passes.

mod common;

#[test]
fn a_crate_that_generates_its_sdk_in_its_build_script_builds_and_calls_the_api() {
    let root = common::workspace_root();
    let template = root.join("generator/tests/consumer");
    let dir = std::env::temp_dir().join(format!("graphgen-consumer-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for sub in ["src", "tests"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    for file in ["build.rs", "src/lib.rs", "tests/call.rs"] {
        std::fs::copy(template.join(file), dir.join(file)).unwrap();
    }
    let manifest = std::fs::read_to_string(template.join("Cargo.toml.in"))
        .unwrap()
        .replace(
            "@RUNTIME@",
            &root.join("generated/runtime").display().to_string(),
        )
        .replace("@GRAPHGEN@", &root.join("generator").display().to_string());
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    // The user's own copy of the pages.
    for sub in ["api", "resources"] {
        let to = dir.join("pages").join(sub);
        std::fs::create_dir_all(&to).unwrap();
        for entry in std::fs::read_dir(common::specs_dir().join(sub)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
    let stdout = common::cargo_in(&dir, &["test"]);
    assert!(
        stdout.contains("test the_generated_api_lists_and_updates ... ok"),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
