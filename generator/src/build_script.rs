//! [`Builder`]: the whole pipeline in one call for a build script, as `prost_build` and
//! `tonic_build` offer theirs. It tells cargo what to watch, writes into `OUT_DIR` only the files
//! that changed, and turns the pages' errors into a failed build that names file and line.

use std::path::{Path, PathBuf};

use crate::diagnostics::Severity;
use crate::select::Selection;

/// Generates an SDK from a folder of pages into `OUT_DIR`, for a build script:
///
/// ```no_run
/// // build.rs, in `fn main`:
/// if let Err(e) = graphgen::Builder::new("docs/api-reference/v1.0")
///     .include_path("/users/**")
///     .generate()
/// {
///     panic!("{e}");
/// }
/// ```
///
/// and at the root of the crate's `lib.rs`: `graph_typed_runtime::include_sdk!();`. The crate
/// depends on `graph-typed-runtime`, `serde`, `serde_json`, `http` and `bytes`. Every item is
/// compiled (no area features: a manifest written by hand cannot list the areas of whatever
/// pages it reads); select paths instead.
#[derive(Clone, Debug)]
pub struct Builder {
    specs: PathBuf,
    include: Vec<String>,
    exclude: Vec<String>,
    paths_files: Vec<PathBuf>,
    api_version: Option<String>,
    out_dir: Option<PathBuf>,
    example_tests: bool,
    cargo_instructions: bool,
    metadata: Option<PathBuf>,
    metadata_fill: bool,
}

/// What a generation wrote.
#[derive(Clone, Debug)]
pub struct Built {
    /// Files rewritten because their text changed (0 when the pages did not change).
    pub written: usize,
    pub totals: crate::report::Totals,
    /// The report (pages, diagnostics, totals), as `graphgen check --format json` prints it.
    pub report: PathBuf,
}

/// Why a generation failed: unreadable pages, a selection that names no documented path, or
/// errors in the pages (each with its file and line).
#[derive(Clone, Debug)]
pub struct BuildError(pub String);

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BuildError {}

impl Builder {
    /// Pages in `specs` (`api/` and `resources/` below it), every path selected.
    pub fn new(specs: impl Into<PathBuf>) -> Self {
        Builder {
            specs: specs.into(),
            include: Vec::new(),
            exclude: Vec::new(),
            paths_files: Vec::new(),
            api_version: None,
            out_dir: None,
            example_tests: false,
            cargo_instructions: true,
            metadata: None,
            metadata_fill: false,
        }
    }

    /// Generates the operations on documented paths this glob names, as `--include-path`
    /// takes it (repeatable); the types they reach come along.
    pub fn include_path(mut self, glob: impl Into<String>) -> Self {
        self.include.push(glob.into());
        self
    }

    /// Leaves out the operations on paths this glob names (repeatable).
    pub fn exclude_path(mut self, glob: impl Into<String>) -> Self {
        self.exclude.push(glob.into());
        self
    }

    /// Reads `include GLOB` and `exclude GLOB` lines from a file (watched for changes).
    pub fn paths_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.paths_files.push(file.into());
        self
    }

    /// The selection the SDK crate's own build takes from its environment: the file
    /// `$GRAPH_PATHS_FILE` names (else `graph-paths.txt` beside the manifest, if there is one),
    /// and the `;`-separated globs of `$GRAPH_INCLUDE_PATHS` and `$GRAPH_EXCLUDE_PATHS`.
    pub fn paths_from_env(mut self) -> Self {
        for var in [
            "GRAPH_PATHS_FILE",
            "GRAPH_INCLUDE_PATHS",
            "GRAPH_EXCLUDE_PATHS",
        ] {
            self.instruct(&format!("rerun-if-env-changed={var}"));
        }
        let file = std::env::var_os("GRAPH_PATHS_FILE")
            .map(PathBuf::from)
            .or_else(|| {
                let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")?;
                // Watched only when it exists: cargo reruns a script on every build for a missing path.
                Some(Path::new(&manifest_dir).join("graph-paths.txt")).filter(|f| f.is_file())
            });
        self.paths_files.extend(file);
        let globs = |var: &str| -> Vec<String> {
            std::env::var(var)
                .unwrap_or_default()
                .split(';')
                .map(str::trim)
                .filter(|g| !g.is_empty())
                .map(str::to_owned)
                .collect()
        };
        self.include.extend(globs("GRAPH_INCLUDE_PATHS"));
        self.exclude.extend(globs("GRAPH_EXCLUDE_PATHS"));
        self
    }

    /// The API version the pages document; by default taken from the folder's path.
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = Some(version.into());
        self
    }

    /// Where to write; `$OUT_DIR` by default.
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Also generate the tests of the pages' examples (`#[cfg(test)]`) and `Client::offline()`
    /// for them: the crate then declares a `testing` feature and has `graph-typed-runtime` with
    /// its `testing` feature among its dev-dependencies, as the SDK crate does. Off by default.
    pub fn example_tests(mut self, on: bool) -> Self {
        self.example_tests = on;
        self
    }

    /// Settle what the pages contradict or leave open by the service metadata (a CSDL file,
    /// watched for changes), as `graphgen generate --metadata` does; each decision is a
    /// `metadata-decided` note in the report.
    pub fn metadata(mut self, csdl: impl Into<PathBuf>) -> Self {
        self.metadata = Some(csdl.into());
        self
    }

    /// With [`metadata`](Self::metadata), also add what only the metadata documents, marked in
    /// its doc comments (`--metadata-fill`).
    pub fn metadata_fill(mut self, on: bool) -> Self {
        self.metadata_fill = on;
        self
    }

    /// Print `cargo:rerun-if-changed` lines (on by default; off outside a build script).
    pub fn cargo_instructions(mut self, on: bool) -> Self {
        self.cargo_instructions = on;
        self
    }

    fn instruct(&self, line: &str) {
        if self.cargo_instructions {
            println!("cargo:{line}");
        }
    }

    /// Runs the pipeline and writes the files that changed.
    pub fn generate(self) -> Result<Built, BuildError> {
        let out_dir = match self
            .out_dir
            .clone()
            .or_else(|| std::env::var_os("OUT_DIR").map(PathBuf::from))
        {
            Some(dir) => dir,
            None => {
                return Err(BuildError(
                    "no OUT_DIR: run from a build script, or set `out_dir`".into(),
                ))
            }
        };
        let specs = &self.specs;
        let unreadable = |e: std::io::Error| {
            BuildError(format!("cannot read the pages in {}: {e}", specs.display()))
        };
        self.instruct(&format!("rerun-if-changed={}", specs.display()));
        for page in crate::load::find_pages(specs).map_err(unreadable)? {
            self.instruct(&format!("rerun-if-changed={}", page.display()));
        }
        let (files, mut load_diagnostics) = crate::load::load_pages(specs).map_err(unreadable)?;
        let mut settings = crate::Settings {
            selection: self.selection()?,
            emit: crate::emit::Options {
                area_features: false,
            },
            metadata_fill: self.metadata_fill,
            ..Default::default()
        };
        if let Some(metadata) = self.read_metadata()? {
            load_diagnostics.extend(metadata.1);
            settings.metadata = Some(std::sync::Arc::new(metadata.0));
        }
        let version = self
            .api_version
            .clone()
            .unwrap_or_else(|| crate::detect_api_version(specs));
        let mut generation =
            crate::generate_selected(&files, &version, load_diagnostics, &settings, &|| {})
                .map_err(|e| BuildError(format!("path selection: {e}")))?;
        let errors: Vec<String> = generation
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| format!("{}/{d}", specs.display()))
            .collect();
        if !errors.is_empty() {
            return Err(BuildError(format!(
                "{} errors in the pages:\n{}",
                errors.len(),
                errors.join("\n")
            )));
        }
        if !self.example_tests {
            generation.emitted.modules.retain(|m| !m.test_only);
        }
        let mut out = crate::format::out_dir_files(&generation.emitted, crate::BUILD_HEADER)
            .map_err(BuildError)?;
        let report = serde_json::to_string_pretty(&generation.report())
            .map_err(|e| BuildError(e.to_string()))?;
        out.insert("report.json".to_owned(), report);
        let written = crate::write::write_files(&out_dir, &out)
            .map_err(|e| BuildError(format!("cannot write to {}: {e}", out_dir.display())))?;
        Ok(Built {
            written,
            totals: generation.totals(),
            report: out_dir.join("report.json"),
        })
    }

    /// The metadata file, read and watched; `None` without one.
    fn read_metadata(
        &self,
    ) -> Result<
        Option<(
            crate::metadata::Metadata,
            Vec<crate::diagnostics::Diagnostic>,
        )>,
        BuildError,
    > {
        let Some(file) = &self.metadata else {
            return Ok(None);
        };
        self.instruct(&format!("rerun-if-changed={}", file.display()));
        let text = std::fs::read_to_string(file)
            .map_err(|e| BuildError(format!("cannot read the metadata {}: {e}", file.display())))?;
        Ok(Some(crate::metadata::read(&file.to_string_lossy(), &text)))
    }

    /// The globs given, and those of the paths files.
    fn selection(&self) -> Result<Selection, BuildError> {
        let mut selection =
            Selection::new(&self.include, &self.exclude).map_err(|e| BuildError(e.to_string()))?;
        for file in &self.paths_files {
            self.instruct(&format!("rerun-if-changed={}", file.display()));
            let text = std::fs::read_to_string(file)
                .map_err(|e| BuildError(format!("cannot read {}: {e}", file.display())))?;
            selection
                .add_file_text(&text)
                .map_err(|e| BuildError(format!("{}: {e}", file.display())))?;
        }
        Ok(selection)
    }
}
