//! Times each stage of the pipeline on a folder of pages: `cargo run --release -p graphgen --example stages -- <pages>`.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::Instant;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: stages <folder of pages>");
        std::process::exit(2);
    };
    let dir = std::path::PathBuf::from(dir);
    let t = Instant::now();
    let (files, _) = graphgen::load::load_pages(&dir).expect("the folder is readable");
    eprintln!("load            {:?}", t.elapsed());
    let t = Instant::now();
    let per: Vec<_> = files.iter().map(graphgen::understand_page).collect();
    eprintln!("parse+extract   {:?} (one core)", t.elapsed());
    let t = Instant::now();
    let fragments: Vec<_> = per.into_iter().flat_map(|p| p.0).collect();
    let (schema, _) = graphgen::resolve::resolve(fragments, "v1.0");
    eprintln!("resolve         {:?}", t.elapsed());
    let t = Instant::now();
    let emitted = graphgen::emit::emit(
        &schema,
        &graphgen::format::format_item,
        graphgen::emit::Options::default(),
    );
    eprintln!("emit+format     {:?}", t.elapsed());
    let t = Instant::now();
    let files = graphgen::format::crate_files(
        &emitted,
        "graph",
        graphgen::CLI_HEADER,
        graphgen::local_runtime().as_deref(),
    )
    .expect("valid Rust");
    eprintln!("crate files     {:?} ({} files)", t.elapsed(), files.len());
}
