//! Path selection (`--include-path`, `--exclude-path`, or a selection file at build time): the
//! operations on the selected paths, and exactly the types they reach. A program that calls
//! three endpoints need not compile two thousand.

pub mod areas;
pub mod glob;
pub mod reach;

use std::collections::BTreeSet;

use serde::Serialize;

pub use glob::PathGlob;

use crate::ir::{Fragment, HttpMethod, Operation, Schema};

/// Which documented paths to generate. Empty: all of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub include: Vec<PathGlob>,
    pub exclude: Vec<PathGlob>,
}

/// A selection that cannot be applied: a glob that does not parse, or one that names no
/// documented path (with the documented paths nearest to it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelectionError(pub String);

impl std::fmt::Display for SelectionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SelectionError {}

impl Selection {
    pub fn new(include: &[String], exclude: &[String]) -> Result<Selection, SelectionError> {
        let parse = |globs: &[String]| {
            globs
                .iter()
                .map(|g| PathGlob::parse(g).map_err(SelectionError))
                .collect::<Result<Vec<_>, _>>()
        };
        Ok(Selection {
            include: parse(include)?,
            exclude: parse(exclude)?,
        })
    }

    /// A selection file: one glob per line, `include /users/**` or `exclude /users/*/photo/**`
    /// (a bare glob includes); blank lines and lines starting with `#` are skipped.
    /// Adds the globs of a paths file's text to these.
    pub fn add_file_text(&mut self, text: &str) -> Result<(), SelectionError> {
        let more = Selection::from_file_text(text)?;
        self.include.extend(more.include);
        self.exclude.extend(more.exclude);
        Ok(())
    }

    pub fn from_file_text(text: &str) -> Result<Selection, SelectionError> {
        let (mut include, mut exclude) = (Vec::new(), Vec::new());
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line.split_once(char::is_whitespace) {
                Some(("include", glob)) => include.push(glob.trim().to_owned()),
                Some(("exclude", glob)) => exclude.push(glob.trim().to_owned()),
                _ if line.starts_with('/') => include.push(line.to_owned()),
                _ => {
                    return Err(SelectionError(format!(
                        "line {}: `{line}` is not `include GLOB`, `exclude GLOB` or a glob",
                        n + 1
                    )))
                }
            }
        }
        Selection::new(&include, &exclude)
    }

    /// Whether everything is selected.
    pub fn is_everything(&self) -> bool {
        self.include.is_empty() && self.exclude.is_empty()
    }

    /// Whether a path, sent with `method`, is selected.
    pub fn keeps(&self, method: HttpMethod, segments: &[crate::ir::Segment]) -> bool {
        (self.include.is_empty() || self.include.iter().any(|g| g.matches(method, segments)))
            && !self.exclude.iter().any(|g| g.matches(method, segments))
    }
}

/// What a selection kept, for the report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Selected {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    /// Operations kept, of those documented.
    pub operations: (usize, usize),
    /// Documented paths kept, of all.
    pub paths: (usize, usize),
    /// Types the kept operations reach, of all.
    pub types: (usize, usize),
    pub enums: (usize, usize),
}

/// Keeps the operations with a selected path, each with only its selected paths. Fails when
/// an include names no documented path, rather than generate an empty crate.
pub fn select_operations(
    fragments: Vec<Fragment>,
    selection: &Selection,
) -> Result<(Vec<Fragment>, Selected), SelectionError> {
    check_includes(&fragments, selection)?;
    let mut selected = Selected {
        include: selection.include.iter().map(|g| g.text.clone()).collect(),
        exclude: selection.exclude.iter().map(|g| g.text.clone()).collect(),
        ..Selected::default()
    };
    let mut kept = Vec::with_capacity(fragments.len());
    for fragment in fragments {
        let Fragment::Operation(mut op) = fragment else {
            kept.push(fragment);
            continue;
        };
        selected.operations.1 += 1;
        selected.paths.1 += op.paths.len();
        let paths = std::mem::take(&mut op.paths);
        op.paths = paths
            .into_iter()
            .filter(|p| selection.keeps(op.method, &p.segments))
            .collect();
        if !op.paths.is_empty() {
            selected.operations.0 += 1;
            selected.paths.0 += op.paths.len();
            kept.push(Fragment::Operation(op));
        }
    }
    if selected.operations.0 == 0 {
        return Err(SelectionError(format!(
            "the selection keeps no operation (include {:?}, exclude {:?})",
            selected.include, selected.exclude
        )));
    }
    Ok((kept, selected))
}

/// Every include must name a documented path; one that names none is a typo, shown with the
/// documented paths nearest to it.
fn check_includes(fragments: &[Fragment], selection: &Selection) -> Result<(), SelectionError> {
    let paths: Vec<(&Operation, &crate::ir::PathTemplate)> = fragments
        .iter()
        .filter_map(|f| match f {
            Fragment::Operation(op) => Some(op),
            _ => None,
        })
        .flat_map(|op| op.paths.iter().map(move |p| (&**op, p)))
        .collect();
    for glob in &selection.include {
        if paths
            .iter()
            .any(|(op, p)| glob.matches(op.method, &p.segments))
        {
            continue;
        }
        let near = near_matches(glob, paths.iter().map(|(_, p)| &p.segments[..]));
        return Err(SelectionError(format!(
            "`{}` matches no documented path; nearest documented paths:\n{}",
            glob.text,
            near.iter()
                .map(|p| format!("  {p}"))
                .collect::<Vec<_>>()
                .join("\n")
        )));
    }
    Ok(())
}

/// The documented path prefixes most like the glob's literal part, best first.
fn near_matches<'a>(
    glob: &PathGlob,
    paths: impl Iterator<Item = &'a [crate::ir::Segment]>,
) -> Vec<String> {
    let wanted = glob.literal_prefix();
    let depth = wanted.matches('/').count().max(1);
    let prefixes: BTreeSet<String> = paths
        .map(|segments| {
            segments
                .iter()
                .take(depth)
                .map(|s| format!("/{s}"))
                .collect::<String>()
        })
        .collect();
    let mut scored: Vec<(f64, String)> = prefixes
        .into_iter()
        .map(|p| {
            let folded: String = p
                .split('/')
                .map(glob::normalized)
                .collect::<Vec<_>>()
                .join("/");
            (strsim::normalized_levenshtein(&wanted, &folded), p)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    scored.into_iter().take(5).map(|(_, p)| p).collect()
}

/// Drops the types and enums no kept operation reaches (see [`reach`]).
pub fn prune_types(schema: &mut Schema, selected: &mut Selected) {
    let graph = reach::TypeGraph::new(schema);
    let roots = reach::Roots::of_schema(schema);
    let reached = graph.reach(&roots);
    selected.types = (reached.types.len(), schema.types.len());
    selected.enums = (reached.enums.len(), schema.enums.len());
    let mut index = 0;
    schema.types.retain(|_| {
        index += 1;
        reached.types.contains_key(&(index - 1))
    });
    let mut index = 0;
    schema.enums.retain(|_| {
        index += 1;
        reached.enums.contains_key(&(index - 1))
    });
}
