//! How generation cost grows with its input, end to end through the CLI (`graphgen generate`),
//! against the read+parse floor measured in the same run:
//!
//! - a resource page whose Properties table has 1k, 10k and 100k rows;
//! - 1x, 2x and 4x copies of the v1.0 reference, each copy with its types and top-level path
//!   segments renamed (`user` -> `userC1`, `/users` -> `/usersC1`), so that copies add types
//!   rather than merge with the first.
//!
//! `GRAPH_DOCS_DIR=../shared/corpus cargo bench -p graphgen --bench scaling` (without the
//! variable only the tables are measured). Each figure is the median of `SCALING_RUNS` runs
//! (default 5) with a warm page cache; peak memory is the process's maximum resident set.
//! The floor reads every page from disk and parses it with pulldown-cmark, nothing else.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn main() {
    let work = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-scaling");
    let runs: usize = std::env::var("SCALING_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    println!(
        "{:<28} {:>10} {:>10} {:>12} {:>9}",
        "input", "median", "peak MB", "per unit", "x floor"
    );
    let mut per_row = Vec::new();
    for rows in [1_000, 10_000, 100_000] {
        let dir = work.join(format!("table-{rows}"));
        write_table_page(&dir, rows);
        let what = format!("table of {rows} rows");
        per_row.push(measure(&what, &dir, &work, runs, (rows, "row")));
    }
    println!(
        "time per row, 100k against 10k: {:.2}x",
        per_row[2] / per_row[1]
    );
    let Some(reference) = std::env::var_os("GRAPH_DOCS_DIR") else {
        println!("GRAPH_DOCS_DIR is not set: the reference copies are not measured");
        return;
    };
    let reference = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(reference)
        .join("v1.0-2021");
    let pages = read_pages(&reference);
    let types = type_words(&reference);
    let mut per_page = Vec::new();
    for copies in [1, 2, 4] {
        let dir = work.join(format!("reference-x{copies}"));
        write_copies(&dir, &pages, &types, copies);
        let count = pages.len() * copies;
        let what = format!("reference x{copies} ({count} pages)");
        per_page.push(measure(&what, &dir, &work, runs, (count, "page")));
    }
    println!(
        "time per page, 4x against 1x: {:.2}x",
        per_page[2] / per_page[0]
    );
    diff_against_generate(&work.join("reference-x1"), &work, runs);
}

/// `graphgen diff` of the reference against itself, against `generate` of it, alternated.
fn diff_against_generate(dir: &Path, work: &Path, runs: usize) {
    let args = ["diff".as_ref(), dir.as_os_str(), dir.as_os_str()];
    let (mut diffs, mut generates) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        diffs.push(run_cli(&args, 1).0);
        generates.push(cli(dir, work, 1).0);
    }
    diffs.sort();
    generates.sort();
    let (diff, generate) = (diffs[runs / 2], generates[runs / 2]);
    println!(
        "diff of the reference against itself: {:.3} s, generate {:.3} s: {:.2}x",
        diff.as_secs_f64(),
        generate.as_secs_f64(),
        diff.as_secs_f64() / generate.as_secs_f64()
    );
}

/// Runs the CLI and the floor on `dir`, prints a row and returns the seconds per unit.
fn measure(what: &str, dir: &Path, work: &Path, runs: usize, (units, unit): (usize, &str)) -> f64 {
    let (time, peak_kb) = cli(dir, work, runs);
    let floor = floor(dir, runs);
    let per = time.as_secs_f64() / units as f64;
    println!(
        "{what:<28} {:>8.3} s {:>10.1} {:>9.1} us/{unit} {:>8.1}x   (floor {:.3} s)",
        time.as_secs_f64(),
        peak_kb as f64 / 1024.0,
        per * 1e6,
        time.as_secs_f64() / floor.as_secs_f64(),
        floor.as_secs_f64()
    );
    per
}

/// `graphgen generate` on `dir`: the median wall time of `runs` runs, and the largest peak RSS
/// (KiB) any of them reached.
fn cli(dir: &Path, work: &Path, runs: usize) -> (Duration, u64) {
    let out = work.join("out");
    let args = [
        "generate".as_ref(),
        "--specs".as_ref(),
        dir.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ];
    run_cli(&args, runs)
}

/// The CLI with `args`: the median wall time of `runs` runs and the largest peak RSS (KiB).
fn run_cli(args: &[&std::ffi::OsStr], runs: usize) -> (Duration, u64) {
    let mut times = Vec::new();
    let mut peak = 0;
    for _ in 0..runs {
        let start = Instant::now();
        // Reaped by `wait4` below, which also reads its own peak memory.
        #[allow(clippy::zombie_processes)]
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_graphgen"))
            .args(args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("graphgen starts");
        let (code, max_rss) = wait_with_rusage(child.id() as libc::pid_t);
        times.push(start.elapsed());
        assert!(
            code == 0 || code == 1,
            "graphgen exited with {code}: {args:?}"
        );
        peak = peak.max(max_rss);
    }
    times.sort();
    (times[times.len() / 2], peak)
}

/// Waits for `pid` and returns its exit code and its own peak RSS in KiB (`wait4`: per child,
/// not the running maximum `RUSAGE_CHILDREN` gives).
fn wait_with_rusage(pid: libc::pid_t) -> (i32, u64) {
    let mut status = 0;
    // SAFETY: zeroed rusage is a valid value; wait4 writes both out-parameters.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4 failed");
    (libc::WEXITSTATUS(status), usage.ru_maxrss as u64)
}

/// The read+parse floor: every page read from disk and parsed by pulldown-cmark.
fn floor(dir: &Path, runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let events: usize = markdown_files(dir)
                .iter()
                .map(|path| {
                    let text = std::fs::read_to_string(path).unwrap_or_default();
                    pulldown_cmark::Parser::new_ext(&text, pulldown_cmark::Options::ENABLE_TABLES)
                        .count()
                })
                .sum();
            std::hint::black_box(events);
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn fresh(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("resources")).unwrap();
}

fn write_table_page(dir: &Path, rows: usize) {
    fresh(dir);
    let mut page = String::from(
        "# widget resource type\n\nA widget.\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n",
    );
    for i in 0..rows {
        let ty = [
            "String",
            "Int32",
            "Boolean",
            "DateTimeOffset",
            "String collection",
        ][i % 5];
        page.push_str(&format!("|property{i}|{ty}|Property number {i}.|\n"));
    }
    page.push_str("\n## JSON representation\n<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.widget\" } -->\n```json\n{ \"property0\": \"String\" }\n```\n");
    std::fs::write(dir.join("resources/widget.md"), page).unwrap();
}

/// (relative path, text) of every page of the reference.
fn read_pages(dir: &Path) -> Vec<(String, String)> {
    markdown_files(dir)
        .into_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            let name = path.strip_prefix(dir).ok()?.to_string_lossy().into_owned();
            Some((name, text))
        })
        .collect()
}

/// The lower-cased names of the types and enums the reference defines.
fn type_words(dir: &Path) -> HashSet<String> {
    let (files, diagnostics) = graphgen::load::load_pages(dir).expect("readable");
    let generation = graphgen::generate(&files, "v1.0", diagnostics);
    let schema = &generation.schema;
    schema
        .types
        .iter()
        .map(|t| t.name.to_ascii_lowercase())
        .chain(schema.enums.iter().map(|e| e.name.to_ascii_lowercase()))
        .collect()
}

fn write_copies(dir: &Path, pages: &[(String, String)], types: &HashSet<String>, copies: usize) {
    let _ = std::fs::remove_dir_all(dir);
    for copy in 0..copies {
        for (name, text) in pages {
            let (name, text) = if copy == 0 {
                (name.clone(), text.clone())
            } else {
                let suffix = format!("C{copy}");
                (
                    rename_words(name, types, &suffix),
                    rename_paths(&rename_words(text, types, &suffix), &suffix),
                )
            };
            let path = dir.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }
}

/// Every word of `text` that names a type gets `suffix`: `user` -> `userC1`, in titles, links,
/// file names and `microsoft.graph.user` alike.
fn rename_words(text: &str, types: &HashSet<String>, suffix: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        out.push_str(word);
        if types.contains(&word.to_ascii_lowercase()) {
            out.push_str(suffix);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The first segment of every request line and example URL gets `suffix`, so that the copies'
/// paths do not meet: `GET /users/{id}` -> `GET /usersC1/{id}`.
fn rename_paths(text: &str, suffix: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let starts = ["/v1.0/", "/beta/", " /"]
            .iter()
            .filter_map(|m| line.find(m).map(|i| i + m.len()))
            .min();
        let is_request = ["GET ", "POST ", "PATCH ", "PUT ", "DELETE "]
            .iter()
            .any(|m| line.trim_start().starts_with(m));
        match starts.filter(|_| is_request) {
            Some(start) => {
                let end = line[start..]
                    .find(['/', '(', '?', ' ', '\n', '\r'])
                    .map_or(line.len(), |i| start + i);
                out.push_str(&line[..end]);
                if end > start {
                    out.push_str(suffix);
                }
                out.push_str(&line[end..]);
            }
            None => out.push_str(line),
        }
    }
    out
}
