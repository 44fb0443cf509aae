//! The packages a registry would take: `cargo publish --dry-run` passes for the runtime (and the
//! permission choice it shares with graphgen), for graphgen, and for a crate generated from
//! `specs/`. The generated crate depends on the runtime by version; its dry run resolves that
//! version from this tree (`--config patch.crates-io`), as it would from crates.io once the
//! runtime is published first.

mod common;

fn dry_run(dir: &std::path::Path, args: &[&str]) {
    let output = common::cargo_command()
        .args(["publish", "--dry-run", "--allow-dirty"])
        .args(args)
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            common::workspace_root().join("target/standalone-check/publish"),
        )
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "`cargo publish --dry-run {}` failed:\n{stderr}",
        args.join(" ")
    );
    assert!(
        stderr.contains("aborting upload due to dry run"),
        "{stderr}"
    );
}

#[test]
fn the_runtime_graphgen_and_a_generated_crate_can_be_published() {
    let root = common::workspace_root();
    dry_run(
        &root,
        &[
            "-p",
            "graph-typed-permissions",
            "-p",
            "graph-typed-runtime",
            "-p",
            "graphgen",
        ],
    );
    let generation = common::generate_dir(&common::specs_dir());
    let runtime = graphgen::local_runtime().expect("the runtime is in this tree");
    let files = graphgen::format::crate_files(
        &generation.emitted,
        "graph-typed",
        graphgen::CLI_HEADER,
        Some(&runtime),
    )
    .unwrap();
    let out = common::write_generated_crate(&files, "standalone-check/publish-crate");
    let patch = |name: &str, dir: &std::path::Path| {
        format!(
            "patch.crates-io.{name}.path={:?}",
            dir.display().to_string()
        )
    };
    let runtime_patch = patch("graph-typed-runtime", &runtime);
    let permissions = runtime.join("../permissions").canonicalize().unwrap();
    let permissions_patch = patch("graph-typed-permissions", &permissions);
    dry_run(
        &out,
        &["--config", &runtime_patch, "--config", &permissions_patch],
    );
}
