//! Whole-corpus generation: read, parse, extract, resolve, emit and format every page.
//!
//! `GRAPH_DOCS_DIR=../shared/corpus cargo bench -p graphgen --bench generate` (without the
//! variable it measures `specs/`). With `GRAPH_METADATA_DIR=../shared/metadata` too, it also
//! measures `check --metadata`: the pages checked, then compared with the June 2022 metadata.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};

fn corpus() -> PathBuf {
    match std::env::var_os("GRAPH_DOCS_DIR") {
        // A relative folder is taken from the repository's root, as in the tests.
        Some(dir) => PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(dir)
            .join("v1.0-2021"),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../specs"),
    }
}

fn generate(c: &mut Criterion) {
    let dir = corpus();
    let mut group = c.benchmark_group("generate");
    group.sample_size(10);
    group.bench_function("read_parse_only", |b| {
        b.iter(|| {
            let (files, _) = graphgen::load::load_pages(&dir).unwrap();
            files
                .iter()
                .map(|f| {
                    graphgen::parse::parse_page(&f.name, &f.text)
                        .0
                        .sections
                        .len()
                })
                .sum::<usize>()
        })
    });
    group.bench_function("whole_pipeline", |b| {
        b.iter(|| {
            let (files, diagnostics) = graphgen::load::load_pages(&dir).unwrap();
            let g = graphgen::generate(&files, "v1.0", diagnostics);
            graphgen::format::crate_files(
                &g.emitted,
                "graph",
                graphgen::CLI_HEADER,
                graphgen::local_runtime().as_deref(),
            )
            .unwrap()
            .len()
        })
    });
    if let Some(csdl) = metadata() {
        group.bench_function("check_against_metadata", |b| {
            b.iter(|| {
                let (files, diagnostics) = graphgen::load::load_pages(&dir).unwrap();
                let text = std::fs::read_to_string(&csdl).unwrap();
                let (metadata, _) = graphgen::metadata::read("metadata.csdl", &text);
                graphgen::check_pages(&files, "v1.0", diagnostics, Some(&metadata))
                    .diagnostics
                    .len()
            })
        });
        group.bench_function("check_only", |b| {
            b.iter(|| {
                let (files, diagnostics) = graphgen::load::load_pages(&dir).unwrap();
                graphgen::check_pages(&files, "v1.0", diagnostics, None)
                    .diagnostics
                    .len()
            })
        });
    }
    group.finish();
}

/// The June 2022 metadata, when `GRAPH_METADATA_DIR` names the folder of dated copies.
fn metadata() -> Option<PathBuf> {
    let dir = std::env::var_os("GRAPH_METADATA_DIR")?;
    Some(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(dir)
            .join("v1.0-2022-06-13.csdl"),
    )
}

criterion_group!(benches, generate);
criterion_main!(benches);
