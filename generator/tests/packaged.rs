//! `graphgen` is a crate of its own: `cargo package` succeeds, and the packaged crate (built
//! from the `.crate` file alone, outside this workspace, with its dependencies from the
//! registry but the unpublished permission crate) generates a crate from `specs/` that builds
//! and passes its tests.

mod common;

use std::process::Command;

use common::cargo_command as cargo;

#[test]
fn the_packaged_generator_generates_a_crate_that_builds() {
    let root = common::workspace_root();
    let scratch = root.join("target/standalone-check/package");
    let packaged = cargo()
        .args([
            "package",
            // With the one dependency that is not published yet.
            "-p",
            "graph-typed-permissions",
            "-p",
            "graphgen",
            "--allow-dirty",
            "--no-verify",
            "--offline",
        ])
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", &scratch)
        .output()
        .expect("cargo runs");
    assert!(
        packaged.status.success(),
        "`cargo package -p graphgen` failed:\n{}",
        String::from_utf8_lossy(&packaged.stderr)
    );
    let version = env!("CARGO_PKG_VERSION");
    // Outside the workspace, as a user's download would be.
    let unpacked = std::env::temp_dir().join(format!("graphgen-package-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&unpacked);
    std::fs::create_dir_all(&unpacked).unwrap();
    let untar = Command::new("tar")
        // `m`: the files get the time of unpacking; `cargo package` gives them all one old time,
        // which would let cargo reuse a graphgen built from an earlier package.
        .arg("xzmf")
        .arg(scratch.join(format!("package/graphgen-{version}.crate")))
        .arg("-C")
        .arg(&unpacked)
        .status()
        .expect("tar runs");
    assert!(untar.success());
    let manifest = unpacked.join(format!("graphgen-{version}/Cargo.toml"));
    let out = root.join("target/standalone-check/from-package");
    let _cleanup = RemoveOnDrop(unpacked.clone());
    let _ = std::fs::remove_dir_all(&out);
    // Its one unpublished dependency comes from this tree, as from crates.io once published; the
    // crate it writes uses this tree's runtime for the same reason.
    let runtime = graphgen::local_runtime().expect("the runtime is in this tree");
    let permissions = runtime.join("../permissions").canonicalize().unwrap();
    let generated = cargo()
        .args(["run", "--offline", "--quiet", "--config"])
        .arg(format!(
            "patch.crates-io.graph-typed-permissions.path={:?}",
            permissions.display().to_string()
        ))
        .arg("--manifest-path")
        .arg(&manifest)
        .args(["--", "generate", "--specs"])
        .arg(common::specs_dir())
        .arg("--out")
        .arg(&out)
        .arg("--runtime-path")
        .arg(&runtime)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .output()
        .expect("cargo runs");
    assert!(
        generated.status.success(),
        "the packaged graphgen failed:\n{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    let stdout = common::cargo_in(&out, &["test"]);
    assert!(
        common::unit_test_result(&stdout).starts_with("test result: ok."),
        "{stdout}"
    );
    // What the packaged generator wrote is what the workspace's writes.
    let from_workspace = common::generate_dir(&common::specs_dir());
    let files = graphgen::format::crate_files(
        &from_workspace.emitted,
        "graph-typed",
        graphgen::CLI_HEADER,
        graphgen::local_runtime().as_deref(),
    )
    .unwrap();
    for (path, text) in &files {
        let written = std::fs::read_to_string(out.join(path)).unwrap_or_default();
        assert!(written == *text, "{path} differs from the workspace's");
    }
}

struct RemoveOnDrop(std::path::PathBuf);

impl Drop for RemoveOnDrop {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
