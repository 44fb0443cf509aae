//! `graphgen`: generate a standalone SDK crate from Graph reference pages, or check the pages.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use graphgen::diagnostics::{Diagnostic, Severity};

#[derive(Parser)]
#[command(
    name = "graphgen",
    version,
    about = "Microsoft Graph reference pages -> a typed Rust SDK"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a standalone crate from a folder of pages.
    Generate {
        /// The folder of pages (`api/` and `resources/` below it).
        #[arg(long, default_value = "specs")]
        specs: PathBuf,
        /// Where to write the crate; existing files are rewritten only when they change.
        #[arg(long)]
        out: PathBuf,
        /// Also write the intermediate schema as JSON.
        #[arg(long)]
        emit_ir: Option<PathBuf>,
        /// Also write the report (pages, diagnostics, totals) as JSON.
        #[arg(long)]
        report: Option<PathBuf>,
        /// The package name of the generated crate.
        #[arg(long, default_value = "graph-typed")]
        crate_name: String,
        /// The API version the pages document; by default taken from the folder's path.
        #[arg(long)]
        api_version: Option<String>,
        /// A local `graph-typed-runtime` for the crate to use by path as well as by version;
        /// by default this repository's, when graphgen runs from its source tree.
        #[arg(long, value_name = "DIR")]
        runtime_path: Option<PathBuf>,
        #[command(flatten)]
        paths: PathSelection,
        #[command(flatten)]
        witness: MetadataArgs,
    },
    /// Print the least-privileged permissions, per kind, that cover the operations of a
    /// selection (or of every page): what an app registration needs to grant.
    Permissions {
        /// The folder of pages.
        #[arg(long, default_value = "specs")]
        specs: PathBuf,
        /// The API version the pages document; by default taken from the folder's path.
        #[arg(long)]
        api_version: Option<String>,
        #[command(flatten)]
        paths: PathSelection,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// List every change to the generated public API between two versions of the pages, each
    /// classified major, minor or patch (Rust's semver rules), with the behaviour changes that
    /// still compile.
    Diff {
        /// The old side: a folder of pages, or an IR file written by `generate --emit-ir`.
        old: PathBuf,
        /// The new side, as the old.
        new: PathBuf,
        /// How to print the changes: rustc-style text, JSON, or a CHANGELOG section.
        #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
        format: DiffFormat,
        /// Exit non-zero when a change of this class (or a higher one) is found.
        #[arg(long, value_name = "CLASS")]
        deny: Option<DenyClass>,
        /// The generated crate's version now: the next one is printed.
        #[arg(long, value_name = "VERSION")]
        current_version: Option<semver::Version>,
        /// The API version the pages document; by default taken from each folder's path.
        #[arg(long)]
        api_version: Option<String>,
        #[command(flatten)]
        paths: PathSelection,
        /// Resolve both sides as `generate` with these options did.
        #[command(flatten)]
        witness: MetadataArgs,
    },
    /// Parse and validate pages without generating anything.
    Check {
        /// The folder of pages.
        #[arg(long, default_value = "specs")]
        specs: PathBuf,
        /// How to print the findings.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Exit non-zero on warnings too (`--deny warnings`).
        #[arg(long, value_name = "LEVEL")]
        deny: Option<DenyLevel>,
        /// The API version the pages document; by default taken from the folder's path.
        #[arg(long)]
        api_version: Option<String>,
        /// Also compare the pages with the service's metadata (a CSDL file, as `$metadata`
        /// serves it): every disagreement is a finding with both sides' places.
        #[arg(long, value_name = "FILE.csdl")]
        metadata: Option<PathBuf>,
    },
}

/// The service metadata as a second witness to the pages.
#[derive(clap::Args)]
struct MetadataArgs {
    /// Settle what the pages contradict or leave open (an answer that is not the path's type,
    /// a relationship of an unknown type) by the service's metadata (a CSDL file). Each
    /// decision is a `metadata-decided` note naming both sides.
    #[arg(long, value_name = "FILE.csdl")]
    metadata: Option<PathBuf>,
    /// Also add the properties, relationships and enum members that only the metadata
    /// documents, marked in their doc comments and counted in the report.
    #[arg(long, requires = "metadata")]
    metadata_fill: bool,
}

impl MetadataArgs {
    /// The settings for `selection` with the metadata read, and what reading it found.
    fn settings(
        &self,
        selection: graphgen::select::Selection,
    ) -> Result<(graphgen::Settings, Vec<Diagnostic>), String> {
        let mut settings = graphgen::Settings {
            selection,
            metadata_fill: self.metadata_fill,
            ..Default::default()
        };
        let mut diagnostics = Vec::new();
        if let Some(path) = &self.metadata {
            let (metadata, found) = read_metadata(path)?;
            settings.metadata = Some(std::sync::Arc::new(metadata));
            diagnostics = found;
        }
        Ok((settings, diagnostics))
    }
}

/// Which documented paths to take; nothing named means every path.
#[derive(clap::Args)]
struct PathSelection {
    /// Generate only the operations on documented paths this glob names (repeatable): `*`
    /// is one segment, `**` any number, `{x}` any placeholder, case is ignored, and
    /// `#GET,POST` after the path narrows the methods. The types they reach come along.
    #[arg(long = "include-path", value_name = "GLOB")]
    include_path: Vec<String>,
    /// Leave out the operations on paths this glob names (repeatable).
    #[arg(long = "exclude-path", value_name = "GLOB")]
    exclude_path: Vec<String>,
    /// Read include and exclude globs from a file (`include GLOB` / `exclude GLOB` lines),
    /// as the SDK's build script reads `graph-paths.txt`.
    #[arg(long, value_name = "FILE")]
    paths_file: Option<PathBuf>,
}

impl PathSelection {
    /// The globs of the command line and of a paths file, together.
    fn selection(&self) -> Result<graphgen::select::Selection, String> {
        let mut selection =
            graphgen::select::Selection::new(&self.include_path, &self.exclude_path)
                .map_err(|e| e.to_string())?;
        if let Some(file) = &self.paths_file {
            let text = std::fs::read_to_string(file)
                .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            selection
                .add_file_text(&text)
                .map_err(|e| format!("{}: {e}", file.display()))?;
        }
        Ok(selection)
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
    Sarif,
}

#[derive(Clone, Copy, ValueEnum)]
enum DenyLevel {
    Warnings,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Human,
    Json,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum DenyClass {
    Major,
    Minor,
}

fn main() -> ExitCode {
    without_huge_pages();
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// The generator makes millions of small, short-lived allocations. With transparent huge pages
/// the allocator's arenas are backed 2 MiB at a time, which raised the whole reference's peak
/// memory from 140 MB to 200 MB and gained no time (`benches/scaling.rs`).
fn without_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn run(command: Command) -> Result<ExitCode, String> {
    match command {
        Command::Generate {
            specs,
            out,
            emit_ir,
            report,
            crate_name,
            api_version,
            runtime_path,
            paths,
            witness,
        } => {
            let (settings, metadata_diagnostics) = witness.settings(paths.selection()?)?;
            let generation =
                load_and_generate(&specs, api_version, &settings, metadata_diagnostics)?;
            let runtime = match runtime_path {
                Some(dir) => Some(
                    dir.canonicalize()
                        .map_err(|e| format!("--runtime-path {}: {e}", dir.display()))?,
                ),
                None => graphgen::local_runtime(),
            };
            let files = graphgen::format::crate_files(
                &generation.emitted,
                &crate_name,
                graphgen::CLI_HEADER,
                runtime.as_deref(),
            )?;
            let written = graphgen::write::write_files(&out, &files)
                .map_err(|e| format!("cannot write to {}: {e}", out.display()))?;
            if let Some(path) = emit_ir {
                write_json(&path, &generation.schema)?;
            }
            if let Some(path) = report {
                write_json(&path, &generation.report())?;
            }
            print_summary(&generation, &out, written);
            Ok(if generation.has_errors() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Permissions {
            specs,
            api_version,
            paths,
            json,
        } => {
            let selection = paths.selection()?;
            print_permissions(&specs, api_version, &selection, json)
        }
        Command::Check {
            specs,
            format,
            deny,
            api_version,
            metadata,
        } => check(&specs, format, deny, api_version, metadata.as_deref()),
        Command::Diff {
            old,
            new,
            format,
            deny,
            current_version,
            api_version,
            paths,
            witness,
        } => {
            let (settings, _) = witness.settings(paths.selection()?)?;
            let side = |path: &Path| surface_of(path, api_version.clone(), &settings);
            let changes = graphgen::diff::diff(&side(&old)?, &side(&new)?);
            print_diff(&changes, format, current_version.as_ref());
            let denied = match deny {
                None => None,
                Some(DenyClass::Major) => Some(graphgen::diff::Class::Major),
                Some(DenyClass::Minor) => Some(graphgen::diff::Class::Minor),
            };
            let found = graphgen::diff::highest(&changes);
            Ok(match (denied, found) {
                (Some(denied), Some(found)) if found >= denied => ExitCode::FAILURE,
                _ => ExitCode::SUCCESS,
            })
        }
    }
}

/// `graphgen permissions`: the least-privileged plan for the selected operations.
fn print_permissions(
    specs: &Path,
    api_version: Option<String>,
    selection: &graphgen::select::Selection,
    json: bool,
) -> Result<ExitCode, String> {
    let settings = graphgen::Settings {
        selection: selection.clone(),
        ..Default::default()
    };
    let generation = load_and_generate(specs, api_version, &settings, Vec::new())?;
    let plans = graphgen::permissions::plan(&generation.schema);
    if json {
        let text = serde_json::to_string_pretty(&plans).map_err(|e| e.to_string())?;
        println!("{text}");
    } else {
        print!(
            "{}",
            graphgen::permissions::render(&plans, generation.schema.operations.len())
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `graphgen check`: the findings, printed as asked.
fn check(
    specs: &Path,
    format: Format,
    deny: Option<DenyLevel>,
    api_version: Option<String>,
    metadata: Option<&Path>,
) -> Result<ExitCode, String> {
    let (files, mut diagnostics) = graphgen::load::load_pages(specs)
        .map_err(|e| format!("cannot read the pages in {}: {e}", specs.display()))?;
    let version = api_version.unwrap_or_else(|| graphgen::detect_api_version(specs));
    let metadata = match metadata {
        Some(path) => {
            let (metadata, more) = read_metadata(path)?;
            diagnostics.extend(more);
            Some(metadata)
        }
        None => None,
    };
    let generation = graphgen::check_pages(&files, &version, diagnostics, metadata.as_ref());
    match format {
        Format::Human => {
            let mut pages: std::collections::HashMap<&str, String> = Default::default();
            for d in &generation.diagnostics {
                let source = pages.entry(d.file.as_str()).or_insert_with(|| {
                    std::fs::read_to_string(finding_path(specs, &d.file)).unwrap_or_default()
                });
                eprintln!("{}", render_human(specs, source, d));
            }
            let t = generation.totals();
            eprintln!(
                "{} pages: {} errors, {} warnings, {} notes",
                t.pages,
                t.errors,
                t.warnings,
                t.diagnostics - t.errors - t.warnings
            );
        }
        Format::Json => {
            let text =
                serde_json::to_string_pretty(&generation.report()).map_err(|e| e.to_string())?;
            println!("{text}");
        }
        Format::Sarif => {
            let sarif = graphgen::report::sarif(&generation.diagnostics, &specs.to_string_lossy());
            let text = serde_json::to_string_pretty(&sarif).map_err(|e| e.to_string())?;
            println!("{text}");
        }
    }
    let worst = generation.diagnostics.iter().map(|d| d.severity).max();
    let fail = matches!(
        (worst, deny),
        (Some(Severity::Error), _) | (Some(Severity::Warning), Some(DenyLevel::Warnings))
    );
    Ok(if fail {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The public API one side of a diff generates: from an IR file as written, or from a folder
/// of pages with the selection.
fn surface_of(
    path: &Path,
    api_version: Option<String>,
    settings: &graphgen::Settings,
) -> Result<graphgen::emit::surface::Surface, String> {
    let options = settings.emit;
    if path.is_file() {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let schema: graphgen::ir::Schema = serde_json::from_str(&text)
            .map_err(|e| format!("{} is not an IR file of `--emit-ir`: {e}", path.display()))?;
        return Ok(graphgen::emit::surface::surface(&schema, options));
    }
    let (files, _) = graphgen::load::load_pages(path)
        .map_err(|e| format!("cannot read the pages in {}: {e}", path.display()))?;
    let version = api_version.unwrap_or_else(|| graphgen::detect_api_version(path));
    let schema = graphgen::resolve_pages(&files, &version, settings)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(graphgen::emit::surface::surface(&schema, options))
}

fn print_diff(
    changes: &[graphgen::diff::Change],
    format: DiffFormat,
    current: Option<&semver::Version>,
) {
    use graphgen::diff::render;
    let report = render::Report::new(changes, current);
    match format {
        DiffFormat::Human => print!("{}", render::human(&report)),
        DiffFormat::Json => match serde_json::to_string_pretty(&report) {
            Ok(text) => println!("{text}"),
            Err(e) => eprintln!("error: {e}"),
        },
        DiffFormat::Markdown => print!("{}", render::markdown(&report)),
    }
}

fn load_and_generate(
    specs: &Path,
    api_version: Option<String>,
    settings: &graphgen::Settings,
    metadata_diagnostics: Vec<Diagnostic>,
) -> Result<graphgen::Generation, String> {
    let (files, mut diagnostics) = graphgen::load::load_pages(specs)
        .map_err(|e| format!("cannot read the pages in {}: {e}", specs.display()))?;
    diagnostics.extend(metadata_diagnostics);
    let version = api_version.unwrap_or_else(|| graphgen::detect_api_version(specs));
    graphgen::generate_selected(&files, &version, diagnostics, settings, &|| {})
        .map_err(|e| e.to_string())
}

/// The metadata file, read: a file that cannot be read stops the command; one that is not
/// CSDL is a `metadata-unreadable` error among the findings.
fn read_metadata(path: &Path) -> Result<(graphgen::metadata::Metadata, Vec<Diagnostic>), String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the metadata {}: {e}", path.display()))?;
    Ok(graphgen::metadata::read(&path.to_string_lossy(), &text))
}

fn print_summary(generation: &graphgen::Generation, out: &Path, written: usize) {
    let totals = generation.totals();
    if let Some(s) = &generation.selected {
        eprintln!(
            "selected {} of {} operations ({} of {} paths), reaching {} of {} types and {} of {} enums",
            s.operations.0, s.operations.1, s.paths.0, s.paths.1, s.types.0, s.types.1, s.enums.0, s.enums.1
        );
    }
    eprintln!(
        "generated {} types, {} enums, {} operations from {} pages into {} ({} files changed); {} errors, {} warnings",
        totals.types,
        totals.enums,
        totals.operations,
        totals.pages,
        out.display(),
        written,
        totals.errors,
        totals.warnings
    );
}

fn write_json<T: serde::Serialize>(path: &Path, value: &T) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    graphgen::write::write_file_if_changed(path, &text)
        .map(|_| ())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// rustc-style: the finding, the file and line, the source line and a caret under it.
/// Pages are named from their folder; a finding on the metadata itself names its file.
fn finding_path(specs: &Path, file: &str) -> PathBuf {
    match specs.join(file) {
        page if page.exists() => page,
        _ => PathBuf::from(file),
    }
}

fn render_human(specs: &Path, source: &str, d: &Diagnostic) -> String {
    use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
    let path = finding_path(specs, &d.file);
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    };
    let title = format!("{} [{}]", d.message, d.code);
    let line_start = source
        .split_inclusive('\n')
        .take(d.line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let line_text = source[line_start.min(source.len())..]
        .lines()
        .next()
        .unwrap_or_default();
    let indent = line_text.len() - line_text.trim_start().len();
    let start = (line_start + indent).min(source.len());
    let end = (line_start + line_text.len()).max(start).min(source.len());
    let origin = path.display().to_string();
    let report = &[Group::with_title(level.primary_title(&title)).element(
        Snippet::source(source)
            .line_start(1)
            .path(&origin)
            .annotation(AnnotationKind::Primary.span(start..end.max(start))),
    )];
    let mut text = Renderer::plain().render(report).to_string();
    if let Some(site) = &d.metadata {
        text.push_str(&format!(
            "\n  = metadata: {}:{}: {}",
            site.file, site.line, site.element
        ));
    }
    text
}
